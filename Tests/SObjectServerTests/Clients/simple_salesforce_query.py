"""simple-salesforce's query, query_more, query_all and search against the local server, each answer
checked. Writes 2,150 EngagementInteraction records through sObject Collections (200 a request)
so that query_all pages past 2,000.

Usage: python simple_salesforce_query.py http://127.0.0.1:PORT TOKEN
Prints one line per check; exits 1 on the first wrong answer.
"""
import sys

from simple_salesforce.exceptions import SalesforceMalformedRequest

from local_salesforce import check, connect

url, token = sys.argv[1], sys.argv[2]
sf = connect(url, token)

TOTAL = 2150
channels = ["Voice Call", "Web Chat", "Video Call"]
for start in range(0, TOTAL, 200):
    records = [{"attributes": {"type": "EngagementInteraction"}, "CommunicationChannel": channels[i % 3],
                "StartDateTime": "2024-03-%02dT10:00:00Z" % (1 + i % 28), "Reason": "bulk %05d" % i}
               for i in range(start, min(start + 200, TOTAL))]
    results = sf.restful("composite/sobjects", method="POST", json={"allOrNone": True, "records": records})
    assert all(r["success"] for r in results), results[:3]
special = sf.EngagementInteraction.create({"CommunicationChannel": "In Person", "StartDateTime": "2024-04-01T09:00:00Z",
                                            "Reason": "Quarterly zeppelin inspection"})["id"]

# query: the first page of 2,000, then query_more by nextRecordsUrl
first = sf.query("SELECT Id, Reason FROM EngagementInteraction WHERE Reason LIKE 'bulk %' ORDER BY Reason")
check(first["totalSize"] == TOTAL and not first["done"] and len(first["records"]) == 2000,
      "query gives totalSize %d and a first page of 2,000" % TOTAL)
check(first["nextRecordsUrl"].startswith("/services/data/v62.0/query/"), "query gives a nextRecordsUrl")
more = sf.query_more(first["nextRecordsUrl"], identifier_is_url=True)
check(more["done"] and len(more["records"]) == TOTAL - 2000, "query_more gives the remaining records")
reasons = [r["Reason"] for r in first["records"] + more["records"]]
check(reasons == ["bulk %05d" % i for i in range(TOTAL)], "the pages hold every record once, in ORDER BY order")

# query_all follows every nextRecordsUrl
everything = sf.query_all("SELECT Id FROM EngagementInteraction")
check(everything["totalSize"] == TOTAL + 1 and len(everything["records"]) == TOTAL + 1,
      "query_all returns all %d records" % (TOTAL + 1))
check(len({r["Id"] for r in everything["records"]}) == TOTAL + 1, "query_all returns each record once")

# filters, parent fields, aggregates
chats = sf.query("SELECT COUNT() FROM EngagementInteraction WHERE CommunicationChannel = 'Web Chat'")
check(chats["totalSize"] == len([i for i in range(TOTAL) if i % 3 == 1]), "COUNT() with a picklist filter")
march = sf.query("SELECT Id FROM EngagementInteraction WHERE StartDateTime >= 2024-03-28T00:00:00Z "
                 "AND StartDateTime < 2024-04-01T00:00:00Z")
check(march["totalSize"] == len([i for i in range(TOTAL) if i % 28 == 27]), "a datetime range")
owner = sf.query("SELECT Reason, Owner.Name FROM EngagementInteraction WHERE Id = '%s'" % special)["records"][0]
check(owner["Owner"]["Name"] == "Integration User" and owner["Owner"]["attributes"]["type"] == "User",
      "Owner.Name reaches the owner's name")
grouped = sf.query("SELECT CommunicationChannel c, COUNT(Id) n FROM EngagementInteraction "
                   "GROUP BY CommunicationChannel ORDER BY CommunicationChannel")
check([(g["c"], g["n"]) for g in grouped["records"]] ==
      [("In Person", 1), ("Video Call", 716), ("Voice Call", 717), ("Web Chat", 717)], "GROUP BY with COUNT")

# queryAll sees deleted records
sf.EngagementInteraction.delete(special)
check(sf.query("SELECT COUNT() FROM EngagementInteraction WHERE Id = '%s'" % special)["totalSize"] == 0,
      "query leaves a deleted record out")
deleted = sf.query_all("SELECT Id, IsDeleted FROM EngagementInteraction WHERE Id = '%s'" % special, include_deleted=True)
check(deleted["records"][0]["IsDeleted"] is True, "queryAll (include_deleted) finds it, IsDeleted true")

# errors
try:
    sf.query("SELECT Nope FROM EngagementInteraction")
    check(False, "an unknown field is refused")
except SalesforceMalformedRequest as error:
    check(error.content[0]["errorCode"] == "INVALID_FIELD" and "ERROR at Row:1:Column:8" in error.content[0]["message"],
          "an unknown field: 400 INVALID_FIELD at Row:1:Column:8")

# search (SOSL)
found = sf.search("FIND {bulk 00042} IN ALL FIELDS RETURNING EngagementInteraction(Id, Reason)")
check([r["Reason"] for r in found["searchRecords"]] == ["bulk 00042"], "search finds a record by its words")
quoted = sf.search('FIND {"bulk 00007"} RETURNING EngagementInteraction(Reason)')
check([r["Reason"] for r in quoted["searchRecords"]] == ["bulk 00007"], "search with a quoted phrase")
prefixed = sf.search("FIND {bulk*} RETURNING EngagementInteraction(Id LIMIT 5)")
check(len(prefixed["searchRecords"]) == 5 and prefixed["searchRecords"][0]["attributes"]["type"] == "EngagementInteraction",
      "search with a prefix and a LIMIT")
gone = sf.search("FIND {zeppelin} RETURNING EngagementInteraction(Id)")
check(gone["searchRecords"] == [], "search leaves the deleted record out")
print("all simple-salesforce query checks passed")
