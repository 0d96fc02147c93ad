-- Shared helpers for Hearth's wrk scripts (loaded by put.lua, get.lua, propfind.lua).
--
-- wrk only knows how to run for a fixed duration. These scripts run a fixed NUMBER of requests instead: each thread
-- counts its responses, stops itself when it has BENCH_COUNT of them and wakes wrk's main thread (which otherwise
-- sleeps for the whole -d duration) with a SIGINT sent to that thread alone. The time from the first request to the
-- last counted response is measured here with CLOCK_MONOTONIC, so -d is only a safety limit.
--
-- Settings come from the environment:
--   BENCH_PREFIX  path of the folder, with trailing slash, e.g. /remote.php/dav/files/bench/small/
--   BENCH_FILES   how many distinct file names (f00001.bin ... fNNNNN.bin)
--   BENCH_COUNT   how many responses to count before stopping (default BENCH_FILES)
-- At the end done() prints one line "RESULT key=value ..." that bench/run.sh parses.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } hearth_bench_timespec;
  int clock_gettime(int clk_id, hearth_bench_timespec *tp);
  int getpid(void);
  int tgkill(int tgid, int tid, int sig);
]]

local ts = ffi.new("hearth_bench_timespec")
function bench_now_us()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000000 + tonumber(ts.tv_nsec) / 1000
end

local function env_number(name, default)
  local v = os.getenv(name)
  if v == nil or v == "" then
    if default == nil then error(name .. " is not set") end
    return default
  end
  return tonumber(v)
end

bench_prefix = os.getenv("BENCH_PREFIX") or error("BENCH_PREFIX is not set")
bench_files = env_number("BENCH_FILES", 1)
bench_count = env_number("BENCH_COUNT", bench_files)

function bench_name(i)
  return string.format("f%05d.bin", i)
end

-- per-thread state (every thread has its own Lua environment)
sent = 0         -- requests handed to wrk
counted = 0      -- responses counted
bad = 0          -- counted responses outside 200..299
bad_statuses = ""
t_first = 0      -- when the first request was built
t_last = 0       -- when the BENCH_COUNT-th response arrived
finished = 0

-- wrk calls request() once on thread 0 before the run, only to check the request parses (script_verify_request);
-- setup() marks that thread so the call is not counted and uses no file name.
skip_verify_call = 0

-- Returns the number of the request being built, or nil for wrk's verification call.
function bench_on_request()
  if skip_verify_call == 1 then
    skip_verify_call = 0
    return nil
  end
  if sent == 0 then t_first = bench_now_us() end
  sent = sent + 1
  return sent
end

function response(status, headers, body)
  if finished == 1 then return end
  counted = counted + 1
  if status < 200 or status > 299 then
    bad = bad + 1
    if #bad_statuses < 60 then bad_statuses = bad_statuses .. status .. "," end
  end
  if counted >= bench_count then
    finished = 1
    t_last = bench_now_us()
    wrk.thread:stop()
    local pid = ffi.C.getpid()
    ffi.C.tgkill(pid, pid, 2) -- SIGINT to wrk's main thread: ends its sleep(duration)
  end
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  if #threads == 1 then thread:set("skip_verify_call", 1) end
end

function done(summary, latency, requests)
  local n, nbad, first, last, all_finished = 0, 0, nil, 0, 1
  local statuses = ""
  for _, t in ipairs(threads) do
    n = n + t:get("counted")
    nbad = nbad + t:get("bad")
    statuses = statuses .. t:get("bad_statuses")
    local f = t:get("t_first")
    if first == nil or f < first then first = f end
    if t:get("t_last") > last then last = t:get("t_last") end
    if t:get("finished") ~= 1 then all_finished = 0 end
  end
  local span = (last - (first or 0))
  local e = summary.errors
  io.write(string.format(
    "RESULT counted=%d bad=%d finished=%d span_us=%.0f rps=%.1f p50_us=%d p90_us=%d p99_us=%d mean_us=%.0f max_us=%d " ..
    "sock_errors=%d bad_statuses=%s\n",
    n, nbad, all_finished, span, (span > 0) and (n / span * 1000000) or 0,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max,
    e.connect + e.read + e.write + e.timeout, (statuses == "") and "-" or statuses))
end
