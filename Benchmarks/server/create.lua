-- wrk: POST a new EngagementInteraction.
wrk.method = "POST"
wrk.path = "/services/data/v62.0/sobjects/EngagementInteraction"
wrk.body = '{"CommunicationChannel": "Voice Call", "StartDateTime": "2024-03-01T10:00:00Z", "Status": "New"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
