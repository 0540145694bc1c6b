-- wrk: GET a random seeded record by Id.
local ids = {}
for line in io.lines("ids.txt") do ids[#ids + 1] = line end
local token = os.getenv("TOKEN")
request = function()
  local id = ids[math.random(#ids)]
  return wrk.format("GET", "/services/data/v62.0/sobjects/EngagementInteraction/" .. id, {["Authorization"] = "Bearer " .. token})
end
