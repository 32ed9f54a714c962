-- wrk script: 80 % public searches (GET /api/v1/search/courses?q=contabilidad), 20 % writes
-- (POST /api/v1/participants with a fresh e-mail each).
--
--   RUTA_TOKEN=<staff token> wrk -t2 -c64 -d10s --latency -s mixed.lua http://127.0.0.1:8080
--
-- wrk's latency figures mix both kinds; at the end it prints the status codes per kind.
-- RUTA_QUERY changes the search words (default "contabilidad").

local token = os.getenv("RUTA_TOKEN") or error("set RUTA_TOKEN to a staff token")
local query = os.getenv("RUTA_QUERY") or "contabilidad"
local threads = {}
-- Globals, not locals: wrk's thread:set and thread:get only reach a thread's globals.
counter = 0
thread_id = 0
tag = ""
-- wrk does not say which request a response answers, so responses are told apart by body:
-- a search answer has "hits", a command answer "aggregate_id"; anything else is "other".
search_statuses = {}
write_statuses = {}
other_statuses = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + thread_id)
  tag = string.format("%06x", math.random(0, 0xffffff))
end

local body_format = '{"name": "Load Test", "email": "mixed-%d-%d-%s@example.es", '
  .. '"preferred_language": "es", "country_of_residence": "ES", "municipality": "Lepe", '
  .. '"country_of_origin": "CO", "migrant_status": "migrant", "gender": "female", "channel": "web"}'

local search_path = "/api/v1/search/courses?q=" .. query:gsub(" ", "+")
local write_headers = {
  ["Authorization"] = "Bearer " .. token,
  ["Content-Type"] = "application/json",
}

function request()
  counter = counter + 1
  if counter % 5 == 0 then
    local body = string.format(body_format, thread_id, counter, tag)
    return wrk.format("POST", "/api/v1/participants", write_headers, body)
  end
  return wrk.format("GET", search_path)
end

function response(status, headers, body)
  local bucket = other_statuses
  if body and body:find('"hits"', 1, true) then
    bucket = search_statuses
  elseif body and body:find('"aggregate_id"', 1, true) then
    bucket = write_statuses
  end
  bucket[status] = (bucket[status] or 0) + 1
end

local function merged(name)
  local seen = {}
  for _, thread in ipairs(threads) do
    for code, n in pairs(thread:get(name)) do
      seen[code] = (seen[code] or 0) + n
    end
  end
  local parts = {}
  for code, n in pairs(seen) do
    table.insert(parts, string.format("%s=%d", code, n))
  end
  table.sort(parts)
  return table.concat(parts, " ")
end

function done(summary, latency, requests)
  io.write("search statuses: " .. merged("search_statuses") .. "\n")
  io.write("write statuses: " .. merged("write_statuses") .. "\n")
  io.write("other statuses (errors of either kind): " .. merged("other_statuses") .. "\n")
end
