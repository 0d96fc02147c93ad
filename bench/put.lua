-- PUT BENCH_FILES distinct files of BENCH_SIZE bytes (default 4096) into BENCH_PREFIX: f00001.bin, f00002.bin, ...
-- Exactly BENCH_FILES requests are sent. wrk calls delay() once before building each request on a connection, so
-- delay() hands out the BENCH_FILES slots; once they are taken it parks the connection (1 hour) until the last
-- response has arrived and the thread stops. One thread only (wrk -t1): with more threads the names would collide.
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "common.lua")

local size = tonumber(os.getenv("BENCH_SIZE") or "4096")
-- deterministic, not all-zero payload
local chunk = "hearth-bench-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOPQRSTUVWXYZ\n"
local body = string.rep(chunk, math.ceil(size / #chunk)):sub(1, size)

reserved = 0
function delay()
  if reserved >= bench_files then return 3600000 end
  reserved = reserved + 1
  return 0
end

function request()
  local i = bench_on_request()
  if i == nil then return wrk.format("PUT", bench_prefix .. "verify-only", nil, body) end
  return wrk.format("PUT", bench_prefix .. bench_name(i), nil, body)
end
