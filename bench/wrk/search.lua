-- A different search on every request ("calf cramp", "wrist sleep", ...): two words from
-- the vocabulary of the articles and of manage.py generate_articles, 2,010 pairs in turn,
-- so that no search is answered from the site's page cache (kept 10 s).
local places = {
  "arm", "back", "calf", "cheek", "chin", "ear", "elbow", "eyelid", "face", "finger",
  "foot", "hand", "hip", "jaw", "knee", "leg", "lip", "neck", "nose", "palm", "rib",
  "shin", "thigh", "thumb", "toe", "tongue", "shoulder", "wrist", "ankle", "stomach",
}
local words = {
  "muscle", "twitch", "movement", "nerve", "fibre", "rest", "sleep", "stress", "tired",
  "exercise", "coffee", "tea", "water", "doctor", "nurse", "pharmacy", "advice", "symptom",
  "sign", "weakness", "cramp", "ache", "tingling", "numb", "warm", "cold", "morning",
  "evening", "week", "month", "often", "sometimes", "usually", "rarely", "small", "brief",
  "repeated", "gentle", "visible", "feel", "notice", "happen", "stop", "start", "improve",
  "settle", "change", "worry", "calm", "breathe", "stretch", "walk", "run", "sit", "stand",
  "body", "skin", "side", "left", "right", "both", "common", "harmless", "check", "record",
  "diary", "twitching",
}
local threads = {}

function setup(thread)
  thread:set("thread_number", #threads)
  table.insert(threads, thread)
end

function init(args)
  count = thread_number * 1000
end

function request()
  count = count + 1
  local place = places[count % #places + 1]
  local word = words[math.floor(count / #places) % #words + 1]
  return wrk.format("GET", "/search/?q=" .. place .. "+" .. word)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, ' ..
    '"read_errors": %d, "write_errors": %d, "status_errors": %d, "timeouts": %d, ' ..
    '"p50_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write,
    e.status, e.timeout, latency:percentile(50), latency:percentile(99), latency.max))
end
