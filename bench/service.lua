-- wrk script for bench/service.py: every request POSTs one Pledge render (PDF) with the
-- token from QUIRE_TOKEN; the record id changes per request so no two bodies are alike.
-- Counts the answers by status, printed at the end (wrk only says "non-2xx").
local token = os.getenv("QUIRE_TOKEN") or ""
local names = {"Amani", "Bereket", "Dawit", "Farhad", "Hevi", "Karim", "Lina", "Mariam"}
local counter = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

request = function()
  counter = counter + 1
  local name = names[(counter % #names) + 1]
  local body = string.format(
    '{"template":"pledge","format":"pdf","locale":"en-GB","data":{"id":"C-%d","child":{"first_name":"%s"},' ..
    '"council":{"name":"Northbridge City Council"},"issued":"2026-03-14"}}', counter, name)
  return wrk.format("POST", "/v1/render",
                    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  local all = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for k, v in pairs(s) do all[k] = (all[k] or 0) + v end
  end
  for k, v in pairs(all) do io.write(string.format("status %d: %d\n", k, v)) end
end
