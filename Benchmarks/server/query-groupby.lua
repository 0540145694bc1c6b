-- wrk: SOQL, a GROUP BY over every row.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.path = "/services/data/v62.0/query?q=SELECT+CommunicationChannel,+Status,+COUNT(Id)+FROM+EngagementInteraction+GROUP+BY+CommunicationChannel,+Status"
