-- wrk script for POST /v1/score: rotates over real customers' records, checks every answer, and optionally paces
-- requests at a fixed rate with latency measured from each request's scheduled send time (so a stall of the server
-- counts against it in full, as wrk2 does; this corrects for coordinated omission).
--
-- Environment: BODIES (file, one JSON body per line), EXPECTED (file, per line: "<segment name v1>\t<name v2>"),
-- RATE (total requests/s, 0 = saturated), THREADS (wrk -t, needed with RATE), CHECK_SEGMENTS (1 when every wrk
-- thread has one connection, so that each answer can be matched to its request).
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } seg_timespec;
int clock_gettime(int clk, seg_timespec *tp);
]]
local ts = ffi.new("seg_timespec")
local function now_us()
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) * 1000000 + tonumber(ts.tv_nsec) / 1000
end

local threads = {}
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local bodies, expected = {}, {}
local rate, interval, next_at = 0, 0, 0
local index, sent_at, intended = 0, 0, 0
check_segments = false
ok, failed, mixed, unchecked = 0, 0, 0, 0
versions = {}
hist = {}

function init(args)
  for line in io.lines(os.getenv("BODIES")) do table.insert(bodies, line) end
  for line in io.lines(os.getenv("EXPECTED")) do
    local a, b = line:match("^([^\t]*)\t([^\t]*)$")
    table.insert(expected, {["1"] = a, ["2"] = b})
  end
  rate = tonumber(os.getenv("RATE") or "0")
  check_segments = os.getenv("CHECK_SEGMENTS") == "1"
  if rate > 0 then
    interval = 1000000 / (rate / tonumber(os.getenv("THREADS")))
    -- spread the threads' schedules over one interval
    next_at = now_us() + interval * (id / tonumber(os.getenv("THREADS")))
  end
  index = id * 7919 % #bodies
end

function delay()
  if rate == 0 then return 0 end
  local wait = next_at - now_us()
  if wait <= 0 then return 0 end
  return math.floor(wait / 1000)
end

function request()
  index = index % #bodies + 1
  intended = next_at
  next_at = next_at + interval
  sent_at = now_us()
  return wrk.format("POST", "/v1/score", {["Content-Type"] = "application/json"}, bodies[index])
end

local function record(us)
  local b
  if us < 10000 then b = math.floor(us / 10)
  elseif us < 1000000 then b = 1000 + math.floor((us - 10000) / 1000)
  else b = 1990 + math.floor(math.min(us, 100000000) / 1000000) end
  hist[b] = (hist[b] or 0) + 1
end

function response(status, headers, body)
  local t = now_us()
  if rate > 0 then
    record(t - math.min(sent_at, intended))
  end
  if status ~= 200 then failed = failed + 1 return end
  local v = body:match('"modelVersion":"([^"]*)"')
  if v == nil then failed = failed + 1 return end
  versions[v] = (versions[v] or 0) + 1
  if check_segments then
    local name = body:match('"segmentName":"([^"]*)"')
    local want = expected[index][v]
    if want == nil or name ~= want then mixed = mixed + 1 return end
  else
    unchecked = unchecked + 1
  end
  ok = ok + 1
end

local function bucket_upper_us(b)
  if b < 1000 then return (b + 1) * 10
  elseif b < 1990 then return 10000 + (b - 1000 + 1) * 1000
  else return (b - 1990 + 1) * 1000000 end
end

function done(summary, latency, requests)
  rate = tonumber(os.getenv("RATE") or "0")
  local merged, n = {}, 0
  local t_ok, t_failed, t_mixed, t_unchecked, vs = 0, 0, 0, 0, {}
  for _, th in ipairs(threads) do
    t_ok = t_ok + th:get("ok"); t_failed = t_failed + th:get("failed")
    t_mixed = t_mixed + th:get("mixed"); t_unchecked = t_unchecked + th:get("unchecked")
    for k, c in pairs(th:get("versions")) do vs[k] = (vs[k] or 0) + c end
    for b, c in pairs(th:get("hist")) do merged[b] = (merged[b] or 0) + c; n = n + c end
  end
  local function pct(p)
    if rate == 0 then return latency:percentile(p) end
    local target, seen = n * p / 100, 0
    local keys = {}
    for b in pairs(merged) do table.insert(keys, b) end
    table.sort(keys)
    for _, b in ipairs(keys) do
      seen = seen + merged[b]
      if seen >= target then return bucket_upper_us(b) end
    end
    return 0
  end
  local vtext = ""
  for k, c in pairs(vs) do vtext = vtext .. string.format('"%s": %d, ', k, c) end
  local seconds = summary.duration / 1000000
  io.write(string.format('RESULT {"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_us": %.0f, "p90_us": %.0f, '
    .. '"p99_us": %.0f, "p999_us": %.0f, "max_us": %.0f, "ok": %d, "failed": %d, "mixed": %d, "unchecked": %d, '
    .. '"socket_errors": %d, "versions": {%s"_": 0}, "co_corrected": %s}\n',
    summary.requests, seconds, summary.requests / seconds, pct(50), pct(90), pct(99), pct(99.9),
    rate == 0 and latency.max or pct(100), t_ok, t_failed, t_mixed, t_unchecked,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status,
    vtext, rate > 0 and "true" or "false"))
end
