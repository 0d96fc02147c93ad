-- GET the files f00001.bin ... f<BENCH_FILES>.bin in BENCH_PREFIX, in order, round after round, until BENCH_COUNT
-- responses have been counted.
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "common.lua")

function request()
  local i = bench_on_request() or 1
  return wrk.format("GET", bench_prefix .. bench_name(((i - 1) % bench_files) + 1), nil, nil)
end
