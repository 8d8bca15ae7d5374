-- wrk script for POST /v1/score/batch: one body of many records (BATCH_BODY), every answer checked for status 200
-- and its record count (BATCH_ROWS).
local body, rows
threads = {}
function setup(thread) table.insert(threads, thread) end
ok, failed = 0, 0
function init(args)
  local f = io.open(os.getenv("BATCH_BODY"), "r"); body = f:read("*a"); f:close()
  rows = os.getenv("BATCH_ROWS")
end
function request()
  return wrk.format("POST", "/v1/score/batch", {["Content-Type"] = "application/json"}, body)
end
function response(status, headers, b)
  if status == 200 and b:find('"count":' .. rows, 1, true) then ok = ok + 1 else failed = failed + 1 end
end
function done(summary, latency, requests)
  local t_ok, t_failed = 0, 0
  for _, th in ipairs(threads) do t_ok = t_ok + th:get("ok"); t_failed = t_failed + th:get("failed") end
  local seconds = summary.duration / 1000000
  io.write(string.format('RESULT {"requests": %d, "seconds": %.3f, "rps": %.1f, "records_per_s": %.0f, '
    .. '"p50_us": %.0f, "p90_us": %.0f, "p99_us": %.0f, "p999_us": %.0f, "ok": %d, "failed": %d}\n',
    summary.requests, seconds, summary.requests / seconds, summary.requests * tonumber(os.getenv("BATCH_ROWS")) / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), t_ok, t_failed))
end
