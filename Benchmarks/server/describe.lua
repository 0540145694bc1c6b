-- wrk: GET the describe of EngagementInteraction.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.path = "/services/data/v62.0/sobjects/EngagementInteraction/describe"
