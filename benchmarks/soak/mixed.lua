-- Mixed traffic for the soak benchmark (wrk -s mixed.lua): searches, questions and a few disclosures to the bot
-- (POST /api/messages, expectReplies, so every reply is computed), health and readiness probes.
-- Each thread counts answers by status class; done() prints them.

local questions = {
  "giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?",
  "trẻ em có những quyền gì?",
  "tháng hành động vì trẻ em là tháng mấy?",
  "xâm hại tình dục trẻ em bị xử lý thế nào?",
  "bao nhiêu tuổi thì được coi là trẻ em?",
  "quyền được bảo vệ để không bị bạo lực",
  "cha mẹ có trách nhiệm gì với con?",
  "can thiệp khi trẻ bị xâm hại gồm những bước nào",
}
local disclosure = "chú hàng xóm sờ vào người em, em sợ lắm"

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function json_string(s)
  return '"' .. s:gsub('\\', '\\\\'):gsub('"', '\\"') .. '"'
end

local threads = {}
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("id", thread_id)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  ok, limited, client_errors, server_errors = 0, 0, 0, 0
  math.randomseed(id * 7919)
end

local function message(text)
  local conversation = "soak-" .. id .. "-" .. math.floor(counter / 10)
  local body = '{"type":"message","channelId":"emulator","serviceUrl":"http://127.0.0.1:9/","deliveryMode":"expectReplies",'
    .. '"id":"a' .. counter .. '","from":{"id":"u-' .. conversation .. '"},"recipient":{"id":"bot"},'
    .. '"conversation":{"id":"' .. conversation .. '"},"locale":"vi-VN","text":' .. json_string(text) .. '}'
  return wrk.format("POST", "/api/messages", { ["Content-Type"] = "application/json" }, body)
end

function request()
  counter = counter + 1
  local pick = counter % 20
  local question = questions[math.random(#questions)]
  if pick < 10 then
    return wrk.format("GET", "/api/search?top=5&q=" .. urlencode(question))
  elseif pick < 16 then
    return message(question)
  elseif pick == 16 then
    return message(disclosure)
  elseif pick < 19 then
    return wrk.format("GET", "/healthz")
  else
    return wrk.format("GET", "/readyz")
  end
end

function response(status, headers, body)
  if status == 429 then limited = limited + 1
  elseif status >= 500 then server_errors = server_errors + 1
  elseif status >= 400 then client_errors = client_errors + 1
  else ok = ok + 1 end
end

function done(summary, latency, requests)
  local totals = { ok = 0, limited = 0, client_errors = 0, server_errors = 0 }
  for _, thread in ipairs(threads) do
    for key, _ in pairs(totals) do totals[key] = totals[key] + (thread:get(key) or 0) end
  end
  io.write(string.format("answers: 2xx/3xx %d, 429 %d, other 4xx %d, 5xx %d; socket errors: connect %d, read %d, write %d, timeout %d\n",
    totals.ok, totals.limited, totals.client_errors, totals.server_errors,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write(string.format("latency ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f; throughput %.1f req/s\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests / (summary.duration / 1e6)))
end
