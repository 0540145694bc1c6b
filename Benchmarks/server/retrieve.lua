-- wrk: GET a random seeded record by Id.
-- The IDs stay in one string (each line is 18 characters and a newline), not in a table of 1,000,000
-- strings: Lua's garbage collector walking such a table stalled wrk's threads for 100-300 ms at a
-- time, which showed as the server's p99 (159-177 ms with the table, 15-16 ms without it).
local file = assert(io.open("ids.txt", "rb"))
local ids = file:read("*a")
file:close()
local count = math.floor(#ids / 19)
local token = os.getenv("TOKEN")
request = function()
  local start = math.random(0, count - 1) * 19 + 1
  local id = ids:sub(start, start + 17)
  return wrk.format("GET", "/services/data/v62.0/sobjects/EngagementInteraction/" .. id, {["Authorization"] = "Bearer " .. token})
end
