-- Valid symptom-check posts, as a browser sends them: the CSRF cookie and token from a
-- real form page, and a new one-time form key for every post.
--
-- Arguments (after --): csrf_cookie csrf_token run_id post_until
--   post_until: a Unix time in whole seconds; after it no new post is sent, so that when
--   wrk stops no post is left half-done and rows stored can be compared exactly with the
--   outcome pages received.
local threads = {}

function setup(thread)
  thread:set("thread_number", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  cookie, token, run_id, post_until = args[1], args[2], args[3], tonumber(args[4])
  sent, acknowledged, other = 0, 0, 0
  answers = "&age=16_or_over&emergency=none&location=shoulder&duration=under_2_weeks" ..
    "&frequency=now_and_then&symptoms=none"
  headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=" .. cookie,
  }
end

function delay()
  if os.time() >= post_until then
    return 3600000 -- idle until wrk stops
  end
  return 0
end

function request()
  sent = sent + 1
  -- 32 hex digits, unique in this run: run, thread, count.
  local key = string.format("%08x%08x%016x", run_id, thread_number, sent)
  local body = "csrfmiddlewaretoken=" .. token .. "&form_key=" .. key .. answers
  return wrk.format("POST", "/triage/", headers, body)
end

function response(status, headers, body)
  if status == 200 and string.find(body, 'data-level="', 1, true) then
    acknowledged = acknowledged + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local sent_total, acknowledged_total, other_total = 0, 0, 0
  for _, thread in ipairs(threads) do
    sent_total = sent_total + thread:get("sent")
    acknowledged_total = acknowledged_total + thread:get("acknowledged")
    other_total = other_total + thread:get("other")
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, ' ..
    '"read_errors": %d, "write_errors": %d, "status_errors": %d, "timeouts": %d, ' ..
    '"p50_us": %d, "p99_us": %d, "max_us": %d, "sent": %d, "acknowledged": %d, ' ..
    '"not_acknowledged": %d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write,
    e.status, e.timeout, latency:percentile(50), latency:percentile(99), latency.max,
    sent_total, acknowledged_total, other_total))
end
