-- wrk: SOQL, a page of 2,000 records with a parent field (Owner.Name), from a random place in the table.
local token = os.getenv("TOKEN")
local rows = tonumber(os.getenv("ROWS") or "1000000")
request = function()
  local soql = "SELECT+Id,+Name,+Status,+StartDateTime,+Owner.Name+FROM+EngagementInteraction+WHERE+Name+>+'"
    .. string.format("%08d", math.random(0, rows - 2000)) .. "'+ORDER+BY+Name+LIMIT+2000"
  return wrk.format("GET", "/services/data/v62.0/query?q=" .. soql, {["Authorization"] = "Bearer " .. token})
end
