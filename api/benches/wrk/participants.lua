-- wrk script: every request registers a new participant (POST /api/v1/participants).
--
--   RUTA_TOKEN=<staff token> wrk -t2 -c64 -d10s --latency -s participants.lua http://127.0.0.1:8080
--
-- Each request carries a fresh e-mail (thread number, counter and a random tag), so no two
-- commands are the same registration. At the end it prints the status codes it saw.

local token = os.getenv("RUTA_TOKEN") or error("set RUTA_TOKEN to a staff token")
local threads = {}
-- Globals, not locals: wrk's thread:set and thread:get only reach a thread's globals.
counter = 0
thread_id = 0
tag = ""
statuses = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + thread_id)
  tag = string.format("%06x", math.random(0, 0xffffff))
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Content-Type"] = "application/json"
end

local body_format = '{"name": "Load Test", "email": "load-%d-%d-%s@example.es", '
  .. '"preferred_language": "es", "country_of_residence": "ES", "municipality": "Lepe", '
  .. '"country_of_origin": "CO", "migrant_status": "migrant", "gender": "female", "channel": "web"}'

function request()
  counter = counter + 1
  local body = string.format(body_format, thread_id, counter, tag)
  return wrk.format("POST", "/api/v1/participants", nil, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local seen = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s) do
      seen[code] = (seen[code] or 0) + n
    end
  end
  local parts = {}
  for code, n in pairs(seen) do
    table.insert(parts, string.format("%s=%d", code, n))
  end
  table.sort(parts)
  io.write("statuses: " .. table.concat(parts, " ") .. "\n")
end
