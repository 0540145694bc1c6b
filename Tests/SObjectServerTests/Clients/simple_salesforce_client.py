"""Drives the local server with simple-salesforce, through its own API, and checks each answer.

Usage: python simple_salesforce_client.py http://127.0.0.1:PORT TOKEN
Prints one line per check; exits 1 on the first wrong answer.
"""
import datetime
import sys

from simple_salesforce.exceptions import SalesforceError, SalesforceResourceNotFound

from local_salesforce import check, connect

url, token = sys.argv[1], sys.argv[2]
sf = connect(url, token)
started = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=2)

# describeGlobal, describe, describeLayout
names = [o["name"] for o in sf.describe()["sobjects"]]
check("EngagementInteraction" in names, "describeGlobal lists EngagementInteraction")
describe = sf.EngagementInteraction.describe()
fields = {f["name"]: f for f in describe["fields"]}
check(fields["CommunicationChannel"]["type"] == "picklist", "describe gives CommunicationChannel as a picklist")
check("PhoneNumber" in fields, "describe at 62.0 has PhoneNumber")
layouts = sf.EngagementInteraction.describe_layout("")
check("layouts" in layouts and "recordTypeMappings" in layouts, "describeLayout answers")
master = layouts["recordTypeMappings"][0]["recordTypeId"]
check(sf.EngagementInteraction.describe_layout(master)["id"] == layouts["recordTypeMappings"][0]["layoutId"],
      "describeLayout for the Master record type gives its layout")
old = connect(url, token, version="56.0")
check("PhoneNumber" not in [f["name"] for f in old.EngagementInteraction.describe()["fields"]],
      "describe at 56.0 has no PhoneNumber")

# create, get
created = sf.EngagementInteraction.create({
    "CommunicationChannel": "Voice Call", "StartDateTime": "2024-03-01T10:00:00.000+0000",
    "EndDateTime": "2024-03-01T10:45:30.000+0000", "Status": "In Progress",
})
check(created["success"] and created["id"].startswith("0eI") and len(created["id"]) == 18, "create gives an 18-character 0eI ID")
record = sf.EngagementInteraction.get(created["id"])
check(record["attributes"]["type"] == "EngagementInteraction", "get returns the record with attributes")
check(record["MappedState"] == "InProgress", "MappedState follows Status on create")
check(record["Duration"] == "45", "Duration is the whole minutes from start to end")
check(record["OwnerId"] is not None and record["OwnerId"].startswith("005"), "OwnerId defaults to the caller")
check(record["Name"] is not None, "the auto-number Name is set")
check(record["IsAttendeeVerified"] is False, "a checkbox defaults to false")

# update
status = sf.EngagementInteraction.update(created["id"], {"Status": "Completed", "IsAttendeeVerified": True})
check(status == 204, "update answers 204")
record = sf.EngagementInteraction.get(created["id"])
check(record["MappedState"] == "Completed", "MappedState follows Status on update")
check(record["AttendeeVerificationTime"] is not None, "the verification time is set when IsAttendeeVerified becomes true")

# errors, all at once, nothing stored
try:
    sf.EngagementInteraction.create({"CommunicationChannel": "Fax", "Name": "x", "Bogus": 1})
    check(False, "a bad body is refused")
except SalesforceError as error:
    codes = sorted(e["errorCode"] for e in error.content)
    check(codes == ["INVALID_FIELD", "INVALID_FIELD_FOR_INSERT_UPDATE", "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                    "REQUIRED_FIELD_MISSING"], "every problem of a body at once: %s" % codes)

# upsert by an idLookup field, get by it
status = sf.EngagementInteraction.upsert("ExternalIdentifier/ext-1", {
    "CommunicationChannel": "Web Chat", "StartDateTime": "2024-03-02T09:00:00Z"})
check(status == 201, "upsert of a new external ID creates (201)")
status = sf.EngagementInteraction.upsert("ExternalIdentifier/ext-1", {"Sentiment": "Positive"})
check(status == 200, "upsert of a known external ID updates (200)")
by_external = sf.EngagementInteraction.get_by_custom_id("ExternalIdentifier", "ext-1")
check(by_external["Sentiment"] == "Positive", "get_by_custom_id finds the upserted record")

# delete, then getUpdated / getDeleted
check(sf.EngagementInteraction.delete(by_external["Id"]) == 204, "delete answers 204")
try:
    sf.EngagementInteraction.get(by_external["Id"])
    check(False, "a deleted record is gone")
except SalesforceResourceNotFound:
    check(True, "a deleted record is not found")
end = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=2)
updated = sf.EngagementInteraction.updated(started, end)
check(created["id"] in updated["ids"] and "latestDateCovered" in updated, "updated lists the changed record")
deleted = sf.EngagementInteraction.deleted(started, end)
check([d["id"] for d in deleted["deletedRecords"]] == [by_external["Id"]] and "earliestDateAvailable" in deleted,
      "deleted lists the deleted record")

# undelete through the Apex REST resource
undeleted = sf.apexecute("sobjects/undelete", method="POST", data={"ids": [by_external["Id"]]})
check(undeleted[0]["success"], "undelete restores the record")
check(sf.EngagementInteraction.get(by_external["Id"])["Id"] == by_external["Id"], "the undeleted record is back")

# sObject Collections
records = [{"attributes": {"type": "EngagementInteraction"}, "CommunicationChannel": "In Person",
            "StartDateTime": "2024-03-03T08:00:00Z"} for _ in range(3)]
results = sf.restful("composite/sobjects", method="POST", json={"allOrNone": False, "records": records})
check(all(r["success"] for r in results) and len(results) == 3, "composite create makes 3 records")
ids = [r["id"] for r in results]
bad = records + [{"attributes": {"type": "EngagementInteraction"}, "CommunicationChannel": "Fax"}]
results = sf.restful("composite/sobjects", method="POST", json={"allOrNone": True, "records": bad})
check(not any(r["success"] for r in results), "allOrNone rolls every record back")
check(results[0]["errors"][0]["statusCode"] == "ALL_OR_NONE_OPERATION_ROLLED_BACK", "the valid ones say why")
updates = [{"attributes": {"type": "EngagementInteraction"}, "id": i, "Type": "Inbound"} for i in ids]
results = sf.restful("composite/sobjects", method="PATCH", json={"allOrNone": True, "records": updates})
check(all(r["success"] for r in results), "composite update")
results = sf.restful("composite/sobjects", method="DELETE", params={"ids": ",".join(ids), "allOrNone": "true"})
check(all(r["success"] for r in results), "composite delete")
print("all simple-salesforce checks passed")
