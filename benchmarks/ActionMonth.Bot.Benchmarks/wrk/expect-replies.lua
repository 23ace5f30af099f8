-- The load of the load benchmark, for wrk (separate process): message activities with deliveryMode expectReplies
-- to POST /api/messages. WrkScript prepends the run's constants: RUN (unique per run), MESSAGES (total to send),
-- THREADS, CONNECTIONS_PER_THREAD, TEXTS (JSON string literals, already escaped, UTF-8) and TARGET_PATH.
--
-- Conversations: wrk's Lua knows no connection, so each thread keeps a queue of free conversations, one per
-- connection. request() takes the first free one; response() finds the conversation id in the reply activities and
-- gives it back. A conversation therefore never has two messages in flight, like a person waiting for the answer;
-- a reply without our conversation id (an error) retires its conversation and a new one takes its place.
--
-- Exact count: delay() runs before every request of a connection; after the thread's share it parks the connection
-- (a delay of ~11 days), so each thread sends exactly its share, and response() stops the thread at the last answer.
-- A request() with no delay() before it is wrk's check of the script before the run, and is not sent.
-- The thread then writes "wrk-thread-done" on stdout; the benchmark sends SIGINT to wrk when every thread is done
-- (wrk's main thread otherwise sleeps for the whole -d duration), which makes wrk call done().
--
-- Timing: latency per message is measured here (monotonic clock through LuaJIT's ffi), from request() to
-- response() of its conversation, so the percentiles are of the raw samples; wrk's own histogram is reported beside
-- them (wrk 4 adds synthetic samples to it for coordinated omission, which raises its upper percentiles).

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } wrk_timespec;
  int clock_gettime(int clock, wrk_timespec *time);
]]
local clock = ffi.new("wrk_timespec")
local function now_us()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC: the same clock in every thread
  return tonumber(clock.tv_sec) * 1e6 + tonumber(clock.tv_nsec) / 1e3
end

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  local share = math.floor(MESSAGES / THREADS)
  if thread_count <= MESSAGES % THREADS then share = share + 1 end
  thread:set("tid", thread_count)
  thread:set("share", share)
  table.insert(threads, thread)
end

function init(args)
  granted, sent, completed = 0, 0, 0
  non200, without_activities, unmatched, retired, overlapping = 0, 0, 0, 0, 0
  first_us, last_us = 0, 0
  latencies = {}
  free, head, tail = {}, 1, 0 -- queue of free conversation numbers
  started = {}                -- conversation number -> start of its message in flight
  sequence = {}               -- conversation number -> messages sent in it
  for j = 0, CONNECTIONS_PER_THREAD - 1 do
    tail = tail + 1
    free[tail] = (tid - 1) * CONNECTIONS_PER_THREAD + j
  end
  next_new = 1000000 * tid -- numbers for conversations that replace retired ones
end

function delay()
  granted = granted + 1
  if granted <= share then return 0 end
  return 1e9
end

function request()
  if sent >= granted then
    -- wrk calls request() once before the run to check the request (script_verify_request); it is never sent.
    return wrk.format("POST", TARGET_PATH, { ["Content-Type"] = "application/json; charset=utf-8" }, "{}")
  end
  local conversation
  if head <= tail then
    conversation = free[head]
    free[head] = nil
    head = head + 1
  else
    -- Not expected (there are as many conversations as connections); a fresh conversation keeps the rule.
    conversation = next_new
    next_new = next_new + 1
  end
  -- Never expected (a conversation is free only once answered); counted to show it.
  if started[conversation] then overlapping = overlapping + 1 end
  local n = sequence[conversation] or 0
  sequence[conversation] = n + 1
  sent = sent + 1
  -- Conversations start spread over the whole list, so a run sends every phrasing, follow-up and small-talk line.
  local stride = math.max(1, math.floor(#TEXTS / (THREADS * CONNECTIONS_PER_THREAD)))
  local text = TEXTS[((conversation * stride + n) % #TEXTS) + 1]
  local body = '{"type":"message","id":"' .. RUN .. '-' .. conversation .. '-' .. n
    .. '","channelId":"webchat","serviceUrl":"http://localhost:9/never","from":{"id":"user-' .. RUN .. '-' .. conversation
    .. '"},"recipient":{"id":"bot"},"conversation":{"id":"conv-' .. RUN .. '-' .. conversation
    .. '"},"deliveryMode":"expectReplies","locale":"vi-VN","text":' .. text .. '}'
  local t = now_us()
  if first_us == 0 then first_us = t end
  started[conversation] = t
  return wrk.format("POST", TARGET_PATH, { ["Content-Type"] = "application/json; charset=utf-8" }, body)
end

function response(status, headers, body)
  local t = now_us()
  completed = completed + 1
  last_us = t
  local answered = false
  if status ~= 200 then
    non200 = non200 + 1
  elseif not string.find(body, '"activities"', 1, true) then
    without_activities = without_activities + 1
  else
    answered = true
  end
  local number = string.match(body, '"conv%-' .. RUN .. '%-(%d+)"')
  local conversation = number and tonumber(number)
  if conversation and started[conversation] then
    latencies[#latencies + 1] = t - started[conversation]
    started[conversation] = nil
    tail = tail + 1
    free[tail] = conversation
  else
    -- Cannot tell which conversation this answers: that one is retired (its slot goes to a new conversation).
    if answered then unmatched = unmatched + 1 end
    retired = retired + 1
    tail = tail + 1
    free[tail] = next_new
    next_new = next_new + 1
  end
  if completed == share then
    io.write("wrk-thread-done " .. tid .. "\n")
    io.flush()
    wrk.thread:stop()
  end
end

local function percentile(sorted, p)
  if #sorted == 0 then return 0 end
  local index = math.ceil(p * #sorted)
  if index < 1 then index = 1 end
  return sorted[index]
end

function done(summary, latency, requests)
  local totals = { sent = 0, completed = 0, non200 = 0, without_activities = 0, unmatched = 0, retired = 0, overlapping = 0 }
  local first, last = nil, nil
  local samples = {}
  for _, thread in ipairs(threads) do
    for key, _ in pairs(totals) do totals[key] = totals[key] + (thread:get(key) or 0) end
    local f, l = thread:get("first_us"), thread:get("last_us")
    if f and f > 0 and (first == nil or f < first) then first = f end
    if l and l > 0 and (last == nil or l > last) then last = l end
    for _, v in ipairs(thread:get("latencies") or {}) do samples[#samples + 1] = v end
  end
  table.sort(samples)
  local seconds = (first and last and last > first) and (last - first) / 1e6 or summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    'wrk-result {"messages":%d,"sent":%d,"completed":%d,"non200":%d,"withoutActivities":%d,"unmatched":%d,"retired":%d,"overlapping":%d,'
    .. '"connect":%d,"read":%d,"write":%d,"timeout":%d,"seconds":%.6f,"messagesPerSecond":%.2f,"samples":%d,'
    .. '"p50Us":%.1f,"p99Us":%.1f,"maxUs":%.1f,"wrkP50Us":%d,"wrkP99Us":%d,"wrkMaxUs":%d,"wrkSeconds":%.6f}\n',
    MESSAGES, totals.sent, totals.completed, totals.non200, totals.without_activities, totals.unmatched, totals.retired, totals.overlapping,
    e.connect, e.read, e.write, e.timeout, seconds, totals.completed / seconds, #samples,
    percentile(samples, 0.50), percentile(samples, 0.99), samples[#samples] or 0,
    latency:percentile(50), latency:percentile(99), latency.max, summary.duration / 1e6))
  io.flush()
end
