-- wrk: SOQL, an equality on an indexed field (ExternalIdentifier, an idLookup) of a random seeded row.
local token = os.getenv("TOKEN")
local rows = tonumber(os.getenv("ROWS") or "1000000")
request = function()
  local soql = "SELECT+Id,+Name,+Status+FROM+EngagementInteraction+WHERE+ExternalIdentifier+=+'seed-"
    .. math.random(0, rows - 1) .. "'"
  return wrk.format("GET", "/services/data/v62.0/query?q=" .. soql, {["Authorization"] = "Bearer " .. token})
end
