-- PROPFIND Depth: 1 on BENCH_PREFIX, BENCH_COUNT times (BENCH_FILES is not used). Asks for the properties a sync
-- client asks for (resourcetype, getcontentlength, getlastmodified, getetag), or for allprop when BENCH_ALLPROP=1.
-- The latency percentiles come from wrk's own per-request histogram; run it with one connection.
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "common.lua")

local body
if os.getenv("BENCH_ALLPROP") == "1" then
  body = '<?xml version="1.0" encoding="utf-8"?>\n<d:propfind xmlns:d="DAV:"><d:allprop/></d:propfind>\n'
else
  body = '<?xml version="1.0" encoding="utf-8"?>\n<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/>' ..
         '<d:getcontentlength/><d:getlastmodified/><d:getetag/></d:prop></d:propfind>\n'
end

function request()
  bench_on_request()
  return wrk.format("PROPFIND", bench_prefix, { ["Depth"] = "1", ["Content-Type"] = "application/xml; charset=utf-8",
    ["Authorization"] = wrk.headers["Authorization"] }, body)
end
