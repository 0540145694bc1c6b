-- wrk: SOQL, a LIKE with a leading wildcard (no index can serve it: every row is read).
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.path = "/services/data/v62.0/query?q=SELECT+Id,+Name+FROM+EngagementInteraction+WHERE+ExternalIdentifier+LIKE+'%25-99999%25'"
