#!/usr/bin/env python3
"""Writes data.json (a fixed data set over the repository's Metadata/) and queries.json (SOQL queries
with their expected results). Each expected result comes from a Python predicate written beside
the query, independently of the Swift engine. Run: python3 make_cases.py (from this folder)."""
import json

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"

def sfid(prefix, n):
    base = prefix + str(n).zfill(12)
    suffix = ""
    for chunk in range(3):
        bits = 0
        for pos in range(5):
            if base[chunk * 5 + pos].isupper():
                bits |= 1 << pos
        suffix += ALPHABET[bits]
    return base + suffix

PREFIX = {"User": "005", "Group": "00G", "Account": "001", "Contact": "003", "Lead": "00Q", "Visit": "0Z5",
          "ServiceAppointment": "08p", "Location": "131", "Opportunity": "006", "FinancialDeal": "0ZD",
          "EngagementInteraction": "0eI", "Interaction": "0iT", "ConformanceFixture__c": "a01"}
IDS = {}
def ID(name):
    obj = {"U": "User", "G": "Group", "A": "Account", "C": "Contact", "L": "Lead", "V": "Visit", "SA": "ServiceAppointment",
           "LO": "Location", "O": "Opportunity", "F": "FinancialDeal", "E": "EngagementInteraction", "I": "Interaction",
           "CF": "ConformanceFixture__c"}[name.rstrip("0123456789")]
    n = int(name[len(name.rstrip("0123456789")):])
    return sfid(PREFIX[obj], n)

DATA = {}
def add(obj, name, created="2024-05-01T09:00:00.000Z", **fields):
    row = {"Id": ID(name), "IsDeleted": False, "CreatedById": ID("U1"), "CreatedDate": created,
           "LastModifiedById": ID("U1"), "LastModifiedDate": created, "SystemModstamp": created}
    row.update(fields)
    DATA.setdefault(obj, []).append(row)
    return row

USER_NAMES = [("Ada", "Lovelace"), (None, "Hopper"), ("Alan", "Turing")]
for i in range(1, 4):
    first, last = USER_NAMES[i - 1]
    add("User", f"U{i}", created=f"2024-0{i}-01T00:00:00.000Z", FirstName=first, LastName=last,
        Name=last if first is None else f"{first} {last}")
add("Group", "G1")
for i in range(1, 4): add("Account", f"A{i}", created=f"2024-06-1{i}T08:00:00.000Z", Name=f"Account {i}")
for i in range(1, 4): add("Contact", f"C{i}")
for i in range(1, 3): add("Lead", f"L{i}")
for i in range(1, 4): add("Visit", f"V{i}")
for i in range(1, 3): add("ServiceAppointment", f"SA{i}")
for i in range(1, 3): add("Location", f"LO{i}")
add("Opportunity", "O1")
add("FinancialDeal", "F1")

# The clock of every query: Saturday 2024-06-15 12:00 UTC.
NOW = "2024-06-15T12:00:00Z"

E = [
    # name, created, channel, status, sentiment, type, owner, context, attendee, ext, phone, reason, start, auth, verified
    ("E1", "2024-06-15T08:00:00.000Z", "Voice Call", "New", "Positive", "Inbound", "U1", "V1", "A1", "EXT-001", "+1 555 0101", "Billing question", "2024-06-15T08:00:00.000Z", True, False),
    ("E2", "2024-06-14T10:30:00.000Z", "Web Chat", "In Progress", "Neutral", "Outbound", "U1", "V2", "C1", "EXT-002", None, "Password reset", "2024-06-14T10:30:00.000Z", False, False),
    ("E3", "2024-06-10T23:59:59.000Z", "Video Call", "Completed", "Negative", "Inbound", "U2", "SA1", "L1", "ext-003", "+44 20 7946 0000", "Complaint: 100% unhappy", "2024-06-10T23:00:00.000Z", True, False),
    ("E4", "2024-06-01T00:00:00.000Z", "In Person", "Completed", "Positive", None, "U2", "SA2", "A2", None, None, None, None, False, False),
    ("E5", "2024-05-20T15:45:00.000Z", "Voice Call", None, None, "Outbound", "U3", None, None, "EXT-005", "555-0105", "O'Brien's case", "2024-05-20T15:45:00.000Z", False, False),
    ("E6", "2024-04-02T09:00:00.000Z", "Web Chat", "New", "Neutral", "Inbound", "U1", "V1", "C2", "EXT-006", None, "under_score", "2024-04-02T09:00:00.000Z", True, False),
    ("E7", "2024-01-05T12:00:00.000Z", None, "In Progress", None, None, "U3", None, "A1", "EXT-007", None, "back\\slash", None, False, False),
    ("E8", "2023-12-31T23:00:00.000Z", "Voice Call", "Completed", "Positive", "Outbound", "U2", "V3", "L2", "EXT-008", "555-0108", "Year end", "2023-12-31T22:00:00.000Z", False, False),
    ("E9", "2023-06-15T12:00:00.000Z", "Video Call", "New", "Negative", "Inbound", "U1", "SA1", "C3", "EXT-009", None, "Renewal", "2023-06-15T12:00:00.000Z", True, False),
    ("E10", "2024-06-09T06:00:00.000Z", "In Person", "In Progress", "Positive", "Outbound", "U3", "V2", "A3", "EXT-010", None, "Visit follow-up", "2024-06-09T06:00:00.000Z", False, False),
    ("E11", "2024-06-16T09:00:00.000Z", "Voice Call", "New", None, "Inbound", "U2", None, None, "EXT-011", None, "Scheduled", "2024-06-16T09:00:00.000Z", False, False),
    ("E12", "2024-06-12T09:00:00.000Z", "Web Chat", "Completed", "Neutral", "Inbound", "U1", "V1", "A1", "EXT-012", None, "Deleted one", "2024-06-12T09:00:00.000Z", False, False),
]
MAP = {"New": "New", "In Progress": "InProgress", "Completed": "Completed"}
for n, (name, created, channel, status, sentiment, typ, owner, context, attendee, ext, phone, reason, start, auth, verified) in enumerate(E, 1):
    row = add("EngagementInteraction", name, created=created, Name=f"EI-{n:04d}", CommunicationChannel=channel,
              Status=status, Sentiment=sentiment, Type=typ, OwnerId=ID(owner), ContextId=context and ID(context),
              InitiatingAttendeeId=attendee and ID(attendee), ExternalIdentifier=ext, PhoneNumber=phone, Reason=reason,
              StartDateTime=start, IsAttendeeAuthenticated=auth, IsAttendeeVerified=verified)
    if name == "E12": row["IsDeleted"] = True

I = [
    ("I1", "Quarterly review", "Conference", "A1", "LO1", "U1", "O1", "REF-1", "2024-06-03T10:00:00.000Z", "Discussed renewal"),
    ("I2", "Intro call", "Phone Call", "A1", None, "G1", "F1", "REF-2", "2024-06-14T15:00:00.000Z", None),
    ("I3", "Site visit", "In Person", "A2", "LO2", "U2", None, None, "2024-05-10T09:00:00.000Z", "Walked the floor"),
    ("I4", "Follow-up email", "Email", None, None, "U1", "O1", "REF-4", None, "Sent pricing"),
    ("I5", "Webinar", "Webinar", "A3", "LO1", "G1", None, "REF-5", "2024-06-15T09:00:00.000Z", None),
    ("I6", "Lunch", "In Person", "A2", "LO1", "U3", "F1", None, "2024-01-20T12:00:00.000Z", "Informal"),
]
for name, title, itype, account, location, owner, related, ref, start, desc in I:
    add("Interaction", name, Name=title, InteractionType=itype, AccountId=account and ID(account),
        LocationId=location and ID(location), OwnerId=ID(owner), RelatedRecordId=related and ID(related),
        ReferenceIdentifier=ref, StartTime=start, Description=desc)

CF = [
    # name, weather, tags, tier, topic, qty, total, amount, ratio, score, due, wake, start, minutes, email, phone, active, parent, subject
    ("CF1", "Alpha", "Sun;Rain", "Red", "Gold", "Billing", 5, 5000000000, 1234.5, 12.5, 100, "2024-06-15", "07:30:00", "2024-06-15T07:30:00.000Z", 30, "alpha@example.com", None, True, "A1", "C1"),
    ("CF2", "Beta", "Rain", "Red;Green", "Silver", "Support", 12, None, 0.25, None, 250, "2024-06-14", "08:00:00", "2024-06-01T10:00:00.000Z", None, "beta@example.com", "555-0202", False, "A1", "L1"),
    ("CF3", "Gamma", None, None, None, "Other topic", None, 42, None, 99.99, None, "2024-07-01", None, None, 45, None, "555-0303", True, "A2", None),
    ("CF4", "delta", "Sun;Snow;Hail", "Green", "Gold", None, 0, -7, 10, 0, 7, "2023-12-31", "23:59:59", "2023-12-31T23:59:59.000Z", 0, "delta@example.com", None, False, None, "C2"),
    ("CF5", "Epsilon 50%", "Snow", None, "Bronze", "Billing", 12, 1, 99.5, 50, 250, None, "12:00:00", "2024-06-10T00:00:00.000Z", 15, "eps@example.com", "555-0505", True, "A3", "L2"),
]
for (name, title, weather, tags, tier, topic, qty, total, amount, ratio, score, due, wake, start, minutes, email, phone, active, parent, subject) in CF:
    add("ConformanceFixture__c", name, Name=title, Weather__c=weather, Tags__c=tags, Tier__c=tier, Topic__c=topic,
        Quantity__c=qty, Total__c=total, Amount__c=amount, Ratio__c=ratio, Score__c=score, DueDate__c=due,
        WakeTime__c=wake, Start__c=start, Minutes__c=minutes, Email__c=email, Phone__c=phone, IsActive__c=active,
        Parent__c=parent and ID(parent), Subject__c=subject and ID(subject))

# ---------------------------------------------------------------- the oracle
DATETIME = {"CreatedDate", "LastModifiedDate", "SystemModstamp", "StartDateTime", "EndDateTime", "StartTime", "EndTime",
            "Start__c", "End__c", "AttendeeVerificationTime", "LastSyncedDateTime"}
DECIMAL = {"Amount__c", "Ratio__c", "Score__c"}
VERSION = "62.0"
BY_ID = {row["Id"]: (obj, row) for obj, rows in DATA.items() for row in rows}
REL = {  # object → relationship → (field, polymorphic)
    "EngagementInteraction": {"Owner": "OwnerId", "Context": "ContextId", "InitiatingAttendee": "InitiatingAttendeeId", "CreatedBy": "CreatedById"},
    "Interaction": {"Owner": "OwnerId", "Account": "AccountId", "Location": "LocationId", "RelatedRecord": "RelatedRecordId", "CreatedBy": "CreatedById"},
    "ConformanceFixture__c": {"Parent__r": "Parent__c", "Subject__r": "Subject__c", "CreatedBy": "CreatedById"},
}
for o in PREFIX:
    REL.setdefault(o, {"CreatedBy": "CreatedById", "LastModifiedBy": "LastModifiedById"})
    REL[o].setdefault("CreatedBy", "CreatedById")
    REL[o].setdefault("LastModifiedBy", "LastModifiedById")

def fmt(field, value):
    if value is None: return None
    if field in DATETIME: return value[:-1] + "+0000"
    if field == "WakeTime__c": return value + ".000Z"
    if field in DECIMAL: return float(value)
    return value

def attrs(obj, row):
    return {"type": obj, "url": f"/services/data/v{VERSION}/sobjects/{obj}/{row['Id']}"}

def record(obj, row, paths):
    out = {"attributes": attrs(obj, row)}
    for path in paths:
        parts = path.split(".")
        target, cur_obj, cur_row = out, obj, row
        for i, part in enumerate(parts[:-1]):
            fk = cur_row.get(REL[cur_obj][part])
            if fk is None or fk not in BY_ID:
                target[part] = None
                break
            p_obj, p_row = BY_ID[fk]
            if part not in target or target[part] is None:
                target[part] = {"attributes": attrs(p_obj, p_row)}
            target, cur_obj, cur_row = target[part], p_obj, p_row
        else:
            target[parts[-1]] = fmt(parts[-1], cur_row.get(parts[-1]))
    return out

def rows(obj, deleted=False):
    return [r for r in DATA[obj] if deleted or not r["IsDeleted"]]

def parent(row, field):
    fk = row.get(field)
    return BY_ID[fk][1] if fk in BY_ID else None

CASES = []
def case(soql, obj, paths, pred=lambda r: True, order=None, limit=None, offset=0, query_all=False, version=VERSION, transform=None):
    selected = [r for r in rows(obj, query_all) if pred(r)]
    if order: selected.sort(key=order)
    selected = selected[offset:]
    if limit is not None: selected = selected[:limit]
    records = [record(obj, r, paths) if transform is None else transform(r) for r in selected]
    records = json.loads(json.dumps(records).replace(f"/v{VERSION}/", f"/v{version}/"))
    CASES.append({"soql": soql, "ordered": order is not None, "queryAll": query_all, "apiVersion": version,
                  "totalSize": len(records), "records": records})

def raw(soql, total, records, ordered=False, query_all=False):
    CASES.append({"soql": soql, "ordered": ordered, "queryAll": query_all, "apiVersion": VERSION, "totalSize": total, "records": records})

def low(v): return v.lower() if isinstance(v, str) else v
def ci_eq(a, b): return a is not None and a.lower() == b.lower()
import re as _re
def like(value, pattern):
    if value is None: return False
    rx = ""
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            rx += _re.escape(pattern[i + 1]); i += 2; continue
        rx += ".*" if c == "%" else "." if c == "_" else _re.escape(c)
        i += 1
    return _re.fullmatch(rx, value, _re.S | _re.I) is not None

EI = "EngagementInteraction"
IN = "Interaction"
CFX = "ConformanceFixture__c"

# --- plain selects
case("SELECT Id FROM EngagementInteraction", EI, ["Id"])
case("select id from engagementinteraction", EI, ["Id"])
case("SeLeCt Id, Name FrOm EngagementInteraction", EI, ["Id", "Name"])
case("SELECT Id, Name, Status, CommunicationChannel FROM EngagementInteraction", EI, ["Id", "Name", "Status", "CommunicationChannel"])
case("SELECT Name, CreatedDate FROM EngagementInteraction", EI, ["Name", "CreatedDate"])
case("SELECT Id, Name, InteractionType, StartTime FROM Interaction", IN, ["Id", "Name", "InteractionType", "StartTime"])
case("SELECT Id FROM Account", "Account", ["Id"])
case("SELECT Id, CreatedDate FROM User", "User", ["Id", "CreatedDate"])
case("SELECT Id FROM Visit", "Visit", ["Id"])
case("SELECT Name, Quantity__c, Total__c, Amount__c, Ratio__c, Score__c FROM ConformanceFixture__c", CFX, ["Name", "Quantity__c", "Total__c", "Amount__c", "Ratio__c", "Score__c"])
case("SELECT Name, DueDate__c, WakeTime__c, Start__c FROM ConformanceFixture__c", CFX, ["Name", "DueDate__c", "WakeTime__c", "Start__c"])
case("SELECT Name, IsActive__c, Weather__c, Tags__c FROM ConformanceFixture__c", CFX, ["Name", "IsActive__c", "Weather__c", "Tags__c"])
case("SELECT Name, IsAttendeeAuthenticated FROM EngagementInteraction", EI, ["Name", "IsAttendeeAuthenticated"])
case("SELECT Name, name, NAME FROM EngagementInteraction", EI, ["Name"])
case("SELECT e.Name FROM EngagementInteraction e", EI, ["Name"])
case("SELECT EngagementInteraction.Name FROM EngagementInteraction WHERE EngagementInteraction.Status = 'New'", EI, ["Name"], lambda r: r["Status"] == "New")
case("SELECT Interaction.Name, Interaction.Account.Id FROM Interaction ORDER BY Interaction.Name", IN, ["Name", "Account.Id"], order=lambda r: r["Name"])
case("SELECT e.Name, e.Owner.Id FROM EngagementInteraction e WHERE e.Owner.Id != null ORDER BY e.Name DESC", EI, ["Name", "Owner.Id"], order=lambda r: tuple(-ord(c) for c in r["Name"]))
case("SELECT Id, Email__c, Phone__c, Topic__c, Tier__c FROM ConformanceFixture__c", CFX, ["Id", "Email__c", "Phone__c", "Topic__c", "Tier__c"])

# --- text comparisons
for value in ["New", "new", "NEW", "In Progress", "Completed", "Nothing"]:
    case(f"SELECT Name FROM EngagementInteraction WHERE Status = '{value}'", EI, ["Name"], lambda r, v=value: ci_eq(r["Status"], v))
for value in ["New", "completed"]:
    case(f"SELECT Name FROM EngagementInteraction WHERE Status != '{value}'", EI, ["Name"], lambda r, v=value: not ci_eq(r["Status"], v))
    case(f"SELECT Name FROM EngagementInteraction WHERE Status <> '{value}'", EI, ["Name"], lambda r, v=value: not ci_eq(r["Status"], v))
case("SELECT Name FROM EngagementInteraction WHERE Status = null", EI, ["Name"], lambda r: r["Status"] is None)
case("SELECT Name FROM EngagementInteraction WHERE Status != null", EI, ["Name"], lambda r: r["Status"] is not None)
case("SELECT Name FROM EngagementInteraction WHERE Sentiment = NULL", EI, ["Name"], lambda r: r["Sentiment"] is None)
case("SELECT Name FROM EngagementInteraction WHERE ExternalIdentifier = 'EXT-003'", EI, ["Name"], lambda r: ci_eq(r["ExternalIdentifier"], "EXT-003"))
case("SELECT Name FROM EngagementInteraction WHERE Name = 'EI-0004'", EI, ["Name"], lambda r: r["Name"] == "EI-0004")
case("SELECT Name FROM EngagementInteraction WHERE Reason = 'O\\'Brien\\'s case'", EI, ["Name"], lambda r: r["Reason"] == "O'Brien's case")
case("SELECT Name FROM EngagementInteraction WHERE Reason = 'back\\\\slash'", EI, ["Name"], lambda r: r["Reason"] == "back\\slash")
case("SELECT Name FROM EngagementInteraction WHERE Reason < 'C'", EI, ["Name"], lambda r: r["Reason"] is not None and r["Reason"].lower() < "c")
case("SELECT Name FROM EngagementInteraction WHERE Name > 'EI-0009'", EI, ["Name"], lambda r: r["Name"] > "EI-0009")
case("SELECT Name FROM EngagementInteraction WHERE Name >= 'EI-0009' AND Name <= 'EI-0011'", EI, ["Name"], lambda r: "EI-0009" <= r["Name"] <= "EI-0011")
for pattern in ["EXT%", "ext-00_", "%0", "%Call%", "Bill%", "%\\%%", "%\\_%", "_I-000_", "%", "b%", "%'%", "%case"]:
    soql_pattern = pattern.replace("'", "\\'")
    field = "ExternalIdentifier" if pattern.lower().startswith("ext") or pattern == "%0" else "Reason"
    if "Call" in pattern: field = "CommunicationChannel"
    if pattern.startswith("_I"): field = "Name"
    case(f"SELECT Name FROM EngagementInteraction WHERE {field} LIKE '{soql_pattern}'", EI, ["Name"], lambda r, p=pattern, f=field: like(r[f], p))
case("SELECT Name FROM EngagementInteraction WHERE NOT Reason LIKE 'B%'", EI, ["Name"], lambda r: not like(r["Reason"], "B%"))
case("SELECT Name FROM EngagementInteraction WHERE Status IN ('New', 'completed')", EI, ["Name"], lambda r: low(r["Status"]) in ("new", "completed"))
case("SELECT Name FROM EngagementInteraction WHERE Status NOT IN ('New', 'completed')", EI, ["Name"], lambda r: low(r["Status"]) not in ("new", "completed"))
case("SELECT Name FROM EngagementInteraction WHERE Status IN ('New', null)", EI, ["Name"], lambda r: r["Status"] in ("New", None))
case("SELECT Name FROM EngagementInteraction WHERE Status NOT IN ('New', null)", EI, ["Name"], lambda r: r["Status"] not in ("New", None))
case("SELECT Name FROM EngagementInteraction WHERE Type IN ('Inbound')", EI, ["Name"], lambda r: r["Type"] == "Inbound")
case("SELECT Name FROM EngagementInteraction WHERE CommunicationChannel IN ('Voice Call', 'Web Chat', 'Fax')", EI, ["Name"], lambda r: r["CommunicationChannel"] in ("Voice Call", "Web Chat"))
case("SELECT Name FROM Interaction WHERE InteractionType = 'Webinar'", IN, ["Name"], lambda r: r["InteractionType"] == "Webinar")
case("SELECT Name FROM Interaction WHERE ReferenceIdentifier LIKE 'REF-%'", IN, ["Name"], lambda r: like(r["ReferenceIdentifier"], "REF-%"))
case("SELECT Name FROM ConformanceFixture__c WHERE Topic__c = 'billing'", CFX, ["Name"], lambda r: ci_eq(r["Topic__c"], "billing"))
case("SELECT Name FROM ConformanceFixture__c WHERE Name LIKE '%50\\%'", CFX, ["Name"], lambda r: like(r["Name"], "%50\\%"))
case("SELECT Name FROM ConformanceFixture__c WHERE Email__c LIKE '%@example.com'", CFX, ["Name"], lambda r: like(r["Email__c"], "%@example.com"))
case("SELECT Name FROM ConformanceFixture__c WHERE Name = 'DELTA'", CFX, ["Name"], lambda r: r["Name"].lower() == "delta")

# --- ids and references
case(f"SELECT Name FROM EngagementInteraction WHERE Id = '{ID('E3')}'", EI, ["Name"], lambda r: r["Id"] == ID("E3"))
case(f"SELECT Name FROM EngagementInteraction WHERE Id = '{ID('E3')[:15]}'", EI, ["Name"], lambda r: r["Id"] == ID("E3"))
case(f"SELECT Name FROM EngagementInteraction WHERE Id = '{ID('E3')[:15] + ID('E3')[15:].lower()}'", EI, ["Name"], lambda r: r["Id"] == ID("E3"))
case(f"SELECT Name FROM EngagementInteraction WHERE Id IN ('{ID('E1')}', '{ID('E2')[:15]}')", EI, ["Name"], lambda r: r["Id"] in (ID("E1"), ID("E2")))
case(f"SELECT Name FROM EngagementInteraction WHERE Id != '{ID('E1')}'", EI, ["Name"], lambda r: r["Id"] != ID("E1"))
case(f"SELECT Name FROM EngagementInteraction WHERE OwnerId = '{ID('U2')}'", EI, ["Name"], lambda r: r["OwnerId"] == ID("U2"))
case(f"SELECT Name FROM EngagementInteraction WHERE OwnerId != '{ID('U2')}'", EI, ["Name"], lambda r: r["OwnerId"] != ID("U2"))
case(f"SELECT Name FROM EngagementInteraction WHERE ContextId = '{ID('V1')}'", EI, ["Name"], lambda r: r["ContextId"] == ID("V1"))
case("SELECT Name FROM EngagementInteraction WHERE ContextId = null", EI, ["Name"], lambda r: r["ContextId"] is None)
case(f"SELECT Name FROM EngagementInteraction WHERE InitiatingAttendeeId IN ('{ID('A1')}', '{ID('C1')}', '{ID('L1')}')", EI, ["Name"], lambda r: r["InitiatingAttendeeId"] in (ID("A1"), ID("C1"), ID("L1")))
case(f"SELECT Name FROM EngagementInteraction WHERE InitiatingAttendeeId NOT IN ('{ID('A1')}')", EI, ["Name"], lambda r: r["InitiatingAttendeeId"] != ID("A1"))
case(f"SELECT Name FROM Interaction WHERE OwnerId = '{ID('G1')}'", IN, ["Name"], lambda r: r["OwnerId"] == ID("G1"))
case(f"SELECT Name FROM ConformanceFixture__c WHERE Parent__c = '{ID('A1')}'", CFX, ["Name"], lambda r: r["Parent__c"] == ID("A1"))
case("SELECT Name FROM ConformanceFixture__c WHERE Subject__c != null", CFX, ["Name"], lambda r: r["Subject__c"] is not None)
case("SELECT Name FROM EngagementInteraction WHERE ContextId LIKE '0Z5%'", EI, ["Name"], lambda r: like(r["ContextId"], "0Z5%"))

# --- numbers
for op, fn in [("=", lambda a, b: a == b), ("!=", lambda a, b: a != b), ("<", lambda a, b: a is not None and a < b),
               ("<=", lambda a, b: a is not None and a <= b), (">", lambda a, b: a is not None and a > b), (">=", lambda a, b: a is not None and a >= b)]:
    case(f"SELECT Name FROM ConformanceFixture__c WHERE Quantity__c {op} 12", CFX, ["Name"], lambda r, fn=fn: fn(r["Quantity__c"], 12))
    case(f"SELECT Name FROM ConformanceFixture__c WHERE Amount__c {op} 10", CFX, ["Name"], lambda r, fn=fn: fn(r["Amount__c"], 10))
case("SELECT Name FROM ConformanceFixture__c WHERE Amount__c > 99.49", CFX, ["Name"], lambda r: r["Amount__c"] is not None and r["Amount__c"] > 99.49)
case("SELECT Name FROM ConformanceFixture__c WHERE Ratio__c < -1", CFX, ["Name"], lambda r: r["Ratio__c"] is not None and r["Ratio__c"] < -1)
case("SELECT Name FROM ConformanceFixture__c WHERE Total__c > 1000000000", CFX, ["Name"], lambda r: r["Total__c"] is not None and r["Total__c"] > 1000000000)
case("SELECT Name FROM ConformanceFixture__c WHERE Total__c < 0", CFX, ["Name"], lambda r: r["Total__c"] is not None and r["Total__c"] < 0)
case("SELECT Name FROM ConformanceFixture__c WHERE Total__c = -7", CFX, ["Name"], lambda r: r["Total__c"] == -7)
case("SELECT Name FROM ConformanceFixture__c WHERE Score__c IN (100, 250)", CFX, ["Name"], lambda r: r["Score__c"] in (100, 250))
case("SELECT Name FROM ConformanceFixture__c WHERE Score__c NOT IN (100, 250)", CFX, ["Name"], lambda r: r["Score__c"] not in (100, 250))
case("SELECT Name FROM ConformanceFixture__c WHERE Quantity__c = null", CFX, ["Name"], lambda r: r["Quantity__c"] is None)
case("SELECT Name FROM ConformanceFixture__c WHERE Quantity__c = 1.5", CFX, ["Name"], lambda r: False)
case("SELECT Name FROM ConformanceFixture__c WHERE Minutes__c >= 1e1", CFX, ["Name"], lambda r: r["Minutes__c"] is not None and r["Minutes__c"] >= 10)
case("SELECT Name FROM ConformanceFixture__c WHERE Ratio__c = 12.5", CFX, ["Name"], lambda r: r["Ratio__c"] == 12.5)

# --- booleans
case("SELECT Name FROM ConformanceFixture__c WHERE IsActive__c = true", CFX, ["Name"], lambda r: r["IsActive__c"])
case("SELECT Name FROM ConformanceFixture__c WHERE IsActive__c = FALSE", CFX, ["Name"], lambda r: not r["IsActive__c"])
case("SELECT Name FROM ConformanceFixture__c WHERE IsActive__c != true", CFX, ["Name"], lambda r: not r["IsActive__c"])
case("SELECT Name FROM EngagementInteraction WHERE IsAttendeeAuthenticated = true", EI, ["Name"], lambda r: r["IsAttendeeAuthenticated"])
case("SELECT Name FROM EngagementInteraction WHERE IsAttendeeAuthenticated = false AND Status = 'New'", EI, ["Name"], lambda r: not r["IsAttendeeAuthenticated"] and r["Status"] == "New")

# --- dates, datetimes, times
for op, fn in [("=", lambda a, b: a == b), ("<", lambda a, b: a is not None and a < b), (">", lambda a, b: a is not None and a > b),
               ("<=", lambda a, b: a is not None and a <= b), (">=", lambda a, b: a is not None and a >= b), ("!=", lambda a, b: a != b)]:
    case(f"SELECT Name FROM ConformanceFixture__c WHERE DueDate__c {op} 2024-06-14", CFX, ["Name"], lambda r, fn=fn: fn(r["DueDate__c"], "2024-06-14"))
    case(f"SELECT Name FROM EngagementInteraction WHERE CreatedDate {op} 2024-06-10T23:59:59Z", EI, ["Name"], lambda r, fn=fn: fn(r["CreatedDate"], "2024-06-10T23:59:59.000Z"))
case("SELECT Name FROM EngagementInteraction WHERE CreatedDate > 2024-06-11T01:59:59+02:00", EI, ["Name"], lambda r: r["CreatedDate"] > "2024-06-10T23:59:59.000Z")
case("SELECT Name FROM EngagementInteraction WHERE CreatedDate >= 2024-06-10T16:59:59.000-0700", EI, ["Name"], lambda r: r["CreatedDate"] >= "2024-06-10T23:59:59.000Z")
case("SELECT Name FROM EngagementInteraction WHERE StartDateTime = null", EI, ["Name"], lambda r: r["StartDateTime"] is None)
case("SELECT Name FROM EngagementInteraction WHERE StartDateTime < 2024-01-01T00:00:00Z", EI, ["Name"], lambda r: r["StartDateTime"] is not None and r["StartDateTime"] < "2024-01-01T00:00:00.000Z")
case("SELECT Name FROM ConformanceFixture__c WHERE Start__c > 2024-06-01T10:00:00Z", CFX, ["Name"], lambda r: r["Start__c"] is not None and r["Start__c"] > "2024-06-01T10:00:00.000Z")
case("SELECT Name FROM ConformanceFixture__c WHERE DueDate__c IN (2024-06-15, 2024-07-01)", CFX, ["Name"], lambda r: r["DueDate__c"] in ("2024-06-15", "2024-07-01"))
case("SELECT Name FROM ConformanceFixture__c WHERE DueDate__c = null", CFX, ["Name"], lambda r: r["DueDate__c"] is None)

from datetime import date, timedelta
TODAY = date(2024, 6, 15)
def drange(name, n=None):
    t = TODAY
    ws = t - timedelta(days=(t.weekday() + 1) % 7)
    ms = t.replace(day=1)
    def addm(d, k):
        y, m = divmod(d.year * 12 + d.month - 1 + k, 12)
        return date(y, m + 1, 1)
    qs = date(t.year, (t.month - 1) // 3 * 3 + 1, 1)
    ys = date(t.year, 1, 1)
    return {
        "TODAY": (t, t + timedelta(1)), "YESTERDAY": (t - timedelta(1), t), "TOMORROW": (t + timedelta(1), t + timedelta(2)),
        "THIS_WEEK": (ws, ws + timedelta(7)), "LAST_WEEK": (ws - timedelta(7), ws), "NEXT_WEEK": (ws + timedelta(7), ws + timedelta(14)),
        "THIS_MONTH": (ms, addm(ms, 1)), "LAST_MONTH": (addm(ms, -1), ms), "NEXT_MONTH": (addm(ms, 1), addm(ms, 2)),
        "LAST_90_DAYS": (t - timedelta(90), t + timedelta(1)), "NEXT_90_DAYS": (t + timedelta(1), t + timedelta(91)),
        "LAST_N_DAYS": (t - timedelta(n or 0), t + timedelta(1)), "NEXT_N_DAYS": (t + timedelta(1), t + timedelta(1 + (n or 0))),
        "N_DAYS_AGO": (t - timedelta(n or 0), t - timedelta(n or 0) + timedelta(1)),
        "LAST_N_WEEKS": (ws - timedelta(7 * (n or 0)), ws), "N_WEEKS_AGO": (ws - timedelta(7 * (n or 0)), ws - timedelta(7 * (n or 0)) + timedelta(7)),
        "LAST_N_MONTHS": (addm(ms, -(n or 0)), ms), "N_MONTHS_AGO": (addm(ms, -(n or 0)), addm(ms, -(n or 0) + 1)),
        "THIS_QUARTER": (qs, addm(qs, 3)), "LAST_QUARTER": (addm(qs, -3), qs), "NEXT_QUARTER": (addm(qs, 3), addm(qs, 6)),
        "THIS_YEAR": (ys, addm(ys, 12)), "LAST_YEAR": (addm(ys, -12), ys), "NEXT_YEAR": (addm(ys, 12), addm(ys, 24)),
        "LAST_N_YEARS": (addm(ys, -12 * (n or 0)), ys), "THIS_FISCAL_YEAR": (ys, addm(ys, 12)), "THIS_FISCAL_QUARTER": (qs, addm(qs, 3)),
    }[name]
LITERALS = ["TODAY", "YESTERDAY", "TOMORROW", "THIS_WEEK", "LAST_WEEK", "NEXT_WEEK", "THIS_MONTH", "LAST_MONTH", "NEXT_MONTH",
            "LAST_90_DAYS", "NEXT_90_DAYS", ("LAST_N_DAYS", 5), ("LAST_N_DAYS", 0), ("NEXT_N_DAYS", 1), ("N_DAYS_AGO", 5),
            ("LAST_N_WEEKS", 1), ("N_WEEKS_AGO", 1), ("LAST_N_MONTHS", 2), ("N_MONTHS_AGO", 6), "THIS_QUARTER", "LAST_QUARTER",
            "NEXT_QUARTER", "THIS_YEAR", "LAST_YEAR", "NEXT_YEAR", ("LAST_N_YEARS", 1), "THIS_FISCAL_YEAR", "THIS_FISCAL_QUARTER"]
for literal in LITERALS:
    name, n = (literal, None) if isinstance(literal, str) else literal
    text = name if n is None else f"{name}:{n}"
    s, e = drange(name, n)
    case(f"SELECT Name FROM EngagementInteraction WHERE CreatedDate = {text}", EI, ["Name"], lambda r, s=s, e=e: s.isoformat() <= r["CreatedDate"][:10] < e.isoformat())
for literal, op in [("TODAY", "<"), ("TODAY", ">"), ("THIS_MONTH", "<="), ("THIS_MONTH", ">="), ("LAST_WEEK", "!=")]:
    s, e = drange(literal)
    fn = {"<": lambda d: d < s.isoformat(), ">": lambda d: d >= e.isoformat(), "<=": lambda d: d < e.isoformat(),
          ">=": lambda d: d >= s.isoformat(), "!=": lambda d: not (s.isoformat() <= d < e.isoformat())}[op]
    case(f"SELECT Name FROM EngagementInteraction WHERE CreatedDate {op} {literal}", EI, ["Name"], lambda r, fn=fn: fn(r["CreatedDate"][:10]))
    case(f"SELECT Name FROM ConformanceFixture__c WHERE DueDate__c {op} {literal}", CFX, ["Name"], lambda r, fn=fn: r["DueDate__c"] is not None and fn(r["DueDate__c"]) or (op == "!=" and r["DueDate__c"] is None))
case("SELECT Name FROM ConformanceFixture__c WHERE DueDate__c = TODAY", CFX, ["Name"], lambda r: r["DueDate__c"] == "2024-06-15")
case("SELECT Name FROM ConformanceFixture__c WHERE DueDate__c = LAST_N_DAYS:1", CFX, ["Name"], lambda r: r["DueDate__c"] in ("2024-06-14", "2024-06-15"))
case("SELECT Name FROM ConformanceFixture__c WHERE DueDate__c = NEXT_MONTH", CFX, ["Name"], lambda r: (r["DueDate__c"] or "").startswith("2024-07"))
case("SELECT Name FROM ConformanceFixture__c WHERE DueDate__c = LAST_YEAR", CFX, ["Name"], lambda r: (r["DueDate__c"] or "").startswith("2023"))
case("SELECT Name FROM ConformanceFixture__c WHERE Start__c = THIS_MONTH", CFX, ["Name"], lambda r: (r["Start__c"] or "").startswith("2024-06"))
case("SELECT Id FROM User WHERE CreatedDate = THIS_YEAR", "User", ["Id"], lambda r: r["CreatedDate"].startswith("2024"))

# --- AND / OR / NOT / parentheses
case("SELECT Name FROM EngagementInteraction WHERE Status = 'New' AND Type = 'Inbound'", EI, ["Name"], lambda r: r["Status"] == "New" and r["Type"] == "Inbound")
case("SELECT Name FROM EngagementInteraction WHERE Status = 'New' OR Type = 'Inbound'", EI, ["Name"], lambda r: r["Status"] == "New" or r["Type"] == "Inbound")
case("SELECT Name FROM EngagementInteraction WHERE Status = 'New' AND (Type = 'Inbound' OR Sentiment = 'Negative')", EI, ["Name"], lambda r: r["Status"] == "New" and (r["Type"] == "Inbound" or r["Sentiment"] == "Negative"))
case("SELECT Name FROM EngagementInteraction WHERE (Status = 'New' AND Type = 'Inbound') OR (Status = 'Completed' AND Sentiment = 'Positive')", EI, ["Name"], lambda r: (r["Status"] == "New" and r["Type"] == "Inbound") or (r["Status"] == "Completed" and r["Sentiment"] == "Positive"))
case("SELECT Name FROM EngagementInteraction WHERE NOT Status = 'New'", EI, ["Name"], lambda r: r["Status"] != "New")
case("SELECT Name FROM EngagementInteraction WHERE NOT (Status = 'New' OR Status = 'Completed')", EI, ["Name"], lambda r: r["Status"] not in ("New", "Completed"))
case("SELECT Name FROM EngagementInteraction WHERE NOT (Sentiment = 'Positive')", EI, ["Name"], lambda r: r["Sentiment"] != "Positive")
case("SELECT Name FROM EngagementInteraction WHERE NOT NOT (Sentiment = 'Positive')", EI, ["Name"], lambda r: r["Sentiment"] == "Positive")
case("SELECT Name FROM EngagementInteraction WHERE ((((Status = 'New'))))", EI, ["Name"], lambda r: r["Status"] == "New")
case("SELECT Name FROM EngagementInteraction WHERE NOT (Type = 'Inbound' AND Sentiment = 'Neutral')", EI, ["Name"], lambda r: not (r["Type"] == "Inbound" and r["Sentiment"] == "Neutral"))
case("SELECT Name FROM EngagementInteraction WHERE Status = 'New' OR Status = 'Completed' OR Status = null", EI, ["Name"], lambda r: r["Status"] in ("New", "Completed", None))
case("SELECT Name FROM ConformanceFixture__c WHERE (Quantity__c > 4 AND Quantity__c < 13) AND NOT IsActive__c = false", CFX, ["Name"], lambda r: r["Quantity__c"] is not None and 4 < r["Quantity__c"] < 13 and r["IsActive__c"])

# --- multi-select picklists
for values, fn in [("'Sun'", lambda s: "sun" in s), ("'Rain', 'Snow'", lambda s: "rain" in s or "snow" in s),
                   ("'Sun;Rain'", lambda s: "sun" in s and "rain" in s), ("'sun;snow', 'Rain'", lambda s: ("sun" in s and "snow" in s) or "rain" in s),
                   ("'Hail'", lambda s: "hail" in s)]:
    case(f"SELECT Name FROM ConformanceFixture__c WHERE Weather__c INCLUDES ({values})", CFX, ["Name"], lambda r, fn=fn: r["Weather__c"] is not None and fn(set(r["Weather__c"].lower().split(";"))))
    case(f"SELECT Name FROM ConformanceFixture__c WHERE Weather__c EXCLUDES ({values})", CFX, ["Name"], lambda r, fn=fn: r["Weather__c"] is None or not fn(set(r["Weather__c"].lower().split(";"))))
case("SELECT Name FROM ConformanceFixture__c WHERE Tags__c = 'Red'", CFX, ["Name"], lambda r: r["Tags__c"] == "Red")
case("SELECT Name FROM ConformanceFixture__c WHERE Tags__c = null", CFX, ["Name"], lambda r: r["Tags__c"] is None)

# --- parent paths
case("SELECT Name, Owner.Id FROM EngagementInteraction", EI, ["Name", "Owner.Id"])
case("SELECT Name, Owner.CreatedDate, Owner.Id FROM EngagementInteraction", EI, ["Name", "Owner.CreatedDate", "Owner.Id"])
case("SELECT Name, owner.id FROM EngagementInteraction", EI, ["Name", "Owner.Id"])
case("SELECT Name, Owner.Name FROM EngagementInteraction", EI, ["Name", "Owner.Name"])
case("SELECT Name FROM EngagementInteraction WHERE Owner.Name LIKE 'ada%'", EI, ["Name"], lambda r: like((parent(r, "OwnerId") or {}).get("Name"), "ada%"))
case("SELECT Name, Account.Name FROM Interaction WHERE Account.Name != null", IN, ["Name", "Account.Name"], lambda r: (parent(r, "AccountId") or {}).get("Name") is not None)
case("SELECT Id FROM User WHERE FirstName = null", "User", ["Id"], lambda r: r["FirstName"] is None)
case("SELECT Name, Account.Id, Location.Id FROM Interaction", IN, ["Name", "Account.Id", "Location.Id"])
case("SELECT Name, Parent__r.Id, Parent__r.CreatedDate FROM ConformanceFixture__c", CFX, ["Name", "Parent__r.Id", "Parent__r.CreatedDate"])
case("SELECT Name, Parent__r.CreatedBy.Id FROM ConformanceFixture__c", CFX, ["Name", "Parent__r.CreatedBy.Id"])
case("SELECT Name, Parent__r.CreatedBy.CreatedBy.CreatedBy.Id FROM ConformanceFixture__c", CFX, ["Name", "Parent__r.CreatedBy.CreatedBy.CreatedBy.Id"])
case("SELECT Name, Owner.CreatedBy.LastModifiedBy.CreatedBy.LastModifiedBy.Id FROM EngagementInteraction", EI, ["Name", "Owner.CreatedBy.LastModifiedBy.CreatedBy.LastModifiedBy.Id"])
case("SELECT Name, Context.Id FROM EngagementInteraction", EI, ["Name", "Context.Id"])
case("SELECT Name, Context.Id, Context.CreatedDate FROM EngagementInteraction", EI, ["Name", "Context.Id", "Context.CreatedDate"])
case("SELECT Name, InitiatingAttendee.Id FROM EngagementInteraction", EI, ["Name", "InitiatingAttendee.Id"])
case("SELECT Name, Owner.Id FROM Interaction", IN, ["Name", "Owner.Id"])
case("SELECT Name, RelatedRecord.Id, RelatedRecord.CreatedDate FROM Interaction", IN, ["Name", "RelatedRecord.Id", "RelatedRecord.CreatedDate"])
case("SELECT Name, Subject__r.Id FROM ConformanceFixture__c", CFX, ["Name", "Subject__r.Id"])
case("SELECT Name, CreatedBy.Id, LastModifiedBy.Id FROM Interaction", IN, ["Name", "CreatedBy.Id", "LastModifiedBy.Id"])
case(f"SELECT Name FROM EngagementInteraction WHERE Owner.Id = '{ID('U3')}'", EI, ["Name"], lambda r: r["OwnerId"] == ID("U3"))
case("SELECT Name FROM EngagementInteraction WHERE Owner.CreatedDate > 2024-01-15T00:00:00Z", EI, ["Name"], lambda r: parent(r, "OwnerId")["CreatedDate"] > "2024-01-15")
case("SELECT Name FROM ConformanceFixture__c WHERE Parent__r.CreatedDate = 2024-06-11T08:00:00Z", CFX, ["Name"], lambda r: parent(r, "Parent__c") is not None and parent(r, "Parent__c")["CreatedDate"] == "2024-06-11T08:00:00.000Z")
case("SELECT Name FROM ConformanceFixture__c WHERE Parent__r.Id = null", CFX, ["Name"], lambda r: r["Parent__c"] is None)
case("SELECT Name FROM EngagementInteraction WHERE Context.CreatedDate = 2024-05-01T09:00:00Z", EI, ["Name"], lambda r: r["ContextId"] is not None)
case(f"SELECT Name FROM EngagementInteraction WHERE Context.Id = '{ID('SA1')}'", EI, ["Name"], lambda r: r["ContextId"] == ID("SA1"))
case("SELECT Name, Account.Id FROM Interaction WHERE Account.CreatedDate > 2024-06-11T09:00:00Z", IN, ["Name", "Account.Id"], lambda r: parent(r, "AccountId") is not None and parent(r, "AccountId")["CreatedDate"] > "2024-06-11T09")

# --- ORDER BY, LIMIT, OFFSET
case("SELECT Name FROM EngagementInteraction ORDER BY Name", EI, ["Name"], order=lambda r: r["Name"])
case("SELECT Name FROM EngagementInteraction ORDER BY Name DESC", EI, ["Name"], order=lambda r: tuple(-ord(c) for c in r["Name"]))
case("SELECT Name FROM EngagementInteraction ORDER BY Name LIMIT 3", EI, ["Name"], order=lambda r: r["Name"], limit=3)
case("SELECT Name FROM EngagementInteraction ORDER BY Name LIMIT 3 OFFSET 2", EI, ["Name"], order=lambda r: r["Name"], limit=3, offset=2)
case("SELECT Name FROM EngagementInteraction ORDER BY Name OFFSET 9", EI, ["Name"], order=lambda r: r["Name"], offset=9)
case("SELECT Name FROM EngagementInteraction ORDER BY Name LIMIT 0", EI, ["Name"], order=lambda r: r["Name"], limit=0)
case("SELECT Name FROM EngagementInteraction ORDER BY CreatedDate", EI, ["Name"], order=lambda r: r["CreatedDate"])
case("SELECT Name FROM EngagementInteraction ORDER BY CreatedDate DESC LIMIT 4", EI, ["Name"], order=lambda r: "".join(chr(200 - ord(c)) for c in r["CreatedDate"]), limit=4)
case("SELECT Name, Status FROM EngagementInteraction ORDER BY Status, Name", EI, ["Name", "Status"], order=lambda r: (r["Status"] is not None, (r["Status"] or "").lower(), r["Name"]))
case("SELECT Name, Status FROM EngagementInteraction ORDER BY Status NULLS LAST, Name DESC", EI, ["Name", "Status"], order=lambda r: (r["Status"] is None, (r["Status"] or "").lower(), tuple(-ord(c) for c in r["Name"])))
case("SELECT Name, Status FROM EngagementInteraction ORDER BY Status DESC, Name", EI, ["Name", "Status"], order=lambda r: (r["Status"] is None, tuple(-ord(c) for c in (r["Status"] or "").lower()), r["Name"]))
case("SELECT Name, Status FROM EngagementInteraction ORDER BY Status DESC NULLS FIRST, Name", EI, ["Name", "Status"], order=lambda r: (r["Status"] is not None, tuple(-ord(c) for c in (r["Status"] or "").lower()), r["Name"]))
case("SELECT Name FROM ConformanceFixture__c ORDER BY Name", CFX, ["Name"], order=lambda r: r["Name"].lower())
case("SELECT Name, Amount__c FROM ConformanceFixture__c ORDER BY Amount__c DESC NULLS LAST", CFX, ["Name", "Amount__c"], order=lambda r: (r["Amount__c"] is None, -(r["Amount__c"] or 0)))
case("SELECT Name, Quantity__c FROM ConformanceFixture__c ORDER BY Quantity__c, Name", CFX, ["Name", "Quantity__c"], order=lambda r: (r["Quantity__c"] is not None, r["Quantity__c"] or 0, r["Name"].lower()))
case("SELECT Name FROM ConformanceFixture__c ORDER BY DueDate__c DESC", CFX, ["Name"], order=lambda r: (r["DueDate__c"] is None, "".join(chr(200 - ord(c)) for c in (r["DueDate__c"] or ""))))
case("SELECT Name FROM EngagementInteraction WHERE Status = 'New' ORDER BY Name DESC LIMIT 2", EI, ["Name"], lambda r: r["Status"] == "New", order=lambda r: tuple(-ord(c) for c in r["Name"]), limit=2)
case("SELECT Name FROM EngagementInteraction ORDER BY Owner.CreatedDate, Name", EI, ["Name"], order=lambda r: (parent(r, "OwnerId")["CreatedDate"], r["Name"]))
case("SELECT Name FROM Interaction ORDER BY Account.CreatedDate DESC NULLS LAST, Name", IN, ["Name"], order=lambda r: (parent(r, "AccountId") is None, "".join(chr(200 - ord(c)) for c in (parent(r, "AccountId") or {"CreatedDate": ""})["CreatedDate"]), r["Name"]))
case("SELECT Name FROM EngagementInteraction LIMIT 200", EI, ["Name"])
case("SELECT Name FROM EngagementInteraction ORDER BY Name OFFSET 2000", EI, ["Name"], order=lambda r: r["Name"], offset=2000)

# --- queryAll and IsDeleted
case("SELECT Name, IsDeleted FROM EngagementInteraction", EI, ["Name", "IsDeleted"], query_all=True)
case("SELECT Name FROM EngagementInteraction WHERE IsDeleted = true", EI, ["Name"], lambda r: r["IsDeleted"], query_all=True)
case("SELECT Name FROM EngagementInteraction WHERE IsDeleted = true", EI, ["Name"], lambda r: r["IsDeleted"])
case("SELECT Name FROM EngagementInteraction WHERE Status = 'Completed'", EI, ["Name"], lambda r: r["Status"] == "Completed", query_all=True)

# --- semi-joins
case("SELECT Id FROM Account WHERE Id IN (SELECT InitiatingAttendeeId FROM EngagementInteraction)", "Account", ["Id"], lambda r: any(e["InitiatingAttendeeId"] == r["Id"] for e in rows(EI)))
case("SELECT Id FROM Account WHERE Id NOT IN (SELECT InitiatingAttendeeId FROM EngagementInteraction)", "Account", ["Id"], lambda r: not any(e["InitiatingAttendeeId"] == r["Id"] for e in rows(EI)))
case("SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Interaction WHERE InteractionType = 'In Person')", "Account", ["Id"], lambda r: any(i["AccountId"] == r["Id"] and i["InteractionType"] == "In Person" for i in rows(IN)))
case("SELECT Name FROM EngagementInteraction WHERE OwnerId IN (SELECT OwnerId FROM Interaction)", EI, ["Name"], lambda r: any(i["OwnerId"] == r["OwnerId"] for i in rows(IN)))
case("SELECT Name FROM EngagementInteraction WHERE ContextId IN (SELECT Id FROM Visit)", EI, ["Name"], lambda r: (r["ContextId"] or "").startswith("0Z5"))
case("SELECT Name FROM EngagementInteraction WHERE ContextId NOT IN (SELECT Id FROM Visit)", EI, ["Name"], lambda r: not (r["ContextId"] or "").startswith("0Z5"))
case("SELECT Id FROM User WHERE Id IN (SELECT OwnerId FROM EngagementInteraction WHERE Status = 'New') AND Id IN (SELECT OwnerId FROM Interaction)", "User", ["Id"], lambda r: any(e["OwnerId"] == r["Id"] and e["Status"] == "New" for e in rows(EI)) and any(i["OwnerId"] == r["Id"] for i in rows(IN)))
case("SELECT Id FROM Account WHERE Id IN (SELECT InitiatingAttendeeId FROM EngagementInteraction WHERE IsDeleted = true)", "Account", ["Id"], lambda r: False)

# --- child subqueries
def children(obj, field, parent_row, paths, pred=lambda r: True, order=None, limit=None):
    selected = [r for r in rows(obj) if r[field] == parent_row["Id"] and pred(r)]
    if order: selected.sort(key=order)
    if limit is not None: selected = selected[:limit]
    if not selected: return None
    return {"totalSize": len(selected), "done": True, "records": [record(obj, r, paths) for r in selected]}
def with_children(obj, key, child_obj, field, paths, parent_paths=["Id"], pred=lambda r: True, order=None, limit=None):
    def make(r):
        out = record(obj, r, parent_paths)
        out[key] = children(child_obj, field, r, paths, pred, order, limit)
        return out
    return make
case("SELECT Id, (SELECT Name FROM Interactions) FROM Account", "Account", [], transform=with_children("Account", "Interactions", IN, "AccountId", ["Name"], order=lambda r: r["Id"]))
case("SELECT Id, (SELECT Name FROM interactions ORDER BY Name) FROM Account", "Account", [], transform=with_children("Account", "Interactions", IN, "AccountId", ["Name"], order=lambda r: r["Name"]))
case("SELECT Id, (SELECT Name FROM Interactions ORDER BY Name LIMIT 1) FROM Account", "Account", [], transform=with_children("Account", "Interactions", IN, "AccountId", ["Name"], order=lambda r: r["Name"], limit=1))
case("SELECT Id, (SELECT Name FROM EngagementInteractions WHERE Status = 'New' ORDER BY Name) FROM Account", "Account", [], transform=with_children("Account", "EngagementInteractions", EI, "InitiatingAttendeeId", ["Name"], pred=lambda r: r["Status"] == "New", order=lambda r: r["Name"]))
case("SELECT Id, (SELECT Name, Quantity__c FROM ConformanceFixtures__r ORDER BY Name) FROM Account", "Account", [], transform=with_children("Account", "ConformanceFixtures__r", CFX, "Parent__c", ["Name", "Quantity__c"], order=lambda r: r["Name"]))
case("SELECT Id, (SELECT Name FROM EngagementInteractions ORDER BY Name) FROM User", "User", [], transform=with_children("User", "EngagementInteractions", EI, "OwnerId", ["Name"], order=lambda r: r["Name"]))
case("SELECT Id, (SELECT Name FROM EngagementInteractions ORDER BY Name) FROM Visit", "Visit", [], transform=with_children("Visit", "EngagementInteractions", EI, "ContextId", ["Name"], order=lambda r: r["Name"]))
case("SELECT Id, (SELECT Name FROM Interactions ORDER BY Name) FROM Location WHERE Id != null", "Location", [], transform=with_children("Location", "Interactions", IN, "LocationId", ["Name"], order=lambda r: r["Name"]))
case("SELECT Id, (SELECT Name FROM Interactions ORDER BY Name), (SELECT Name FROM EngagementInteractions ORDER BY Name) FROM Account ORDER BY Id",
     "Account", [], order=lambda r: r["Id"], transform=lambda r: {**with_children("Account", "Interactions", IN, "AccountId", ["Name"], order=lambda x: x["Name"])(r),
                                                              "EngagementInteractions": children(EI, "InitiatingAttendeeId", r, ["Name"], order=lambda x: x["Name"])})
case("SELECT Id, (SELECT Name, Owner.Id FROM Interactions ORDER BY Name) FROM Account", "Account", [], transform=with_children("Account", "Interactions", IN, "AccountId", ["Name", "Owner.Id"], order=lambda r: r["Name"]))

# --- FIELDS()
case("SELECT FIELDS(STANDARD) FROM User", "User", ["Id", "IsDeleted", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp", "FirstName", "LastName", "Name"])
case("SELECT FIELDS(ALL) FROM Account LIMIT 200", "Account", ["Id", "IsDeleted", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp", "Name"])
case("SELECT Id, FIELDS(STANDARD) FROM Visit ORDER BY Id LIMIT 1", "Visit", ["Id", "IsDeleted", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp"], order=lambda r: r["Id"], limit=1)

# --- API versions
case("SELECT Name, Reason FROM EngagementInteraction WHERE Reason = 'Renewal'", EI, ["Name", "Reason"], lambda r: r["Reason"] == "Renewal", version="56.0")

# --- TYPEOF
def typeof_context(r):
    out = record(EI, r, ["Name"])
    if r["ContextId"] is None:
        out["Context"] = None
    else:
        obj, row = BY_ID[r["ContextId"]]
        out["Context"] = {"attributes": attrs(obj, row), "Id": row["Id"]} if obj == "Visit" else {"attributes": attrs(obj, row), "CreatedDate": fmt("CreatedDate", row["CreatedDate"])}
    return out
case("SELECT Name, TYPEOF Context WHEN Visit THEN Id WHEN ServiceAppointment THEN CreatedDate END FROM EngagementInteraction", EI, [], transform=typeof_context)
case("SELECT Name, TYPEOF Context WHEN Visit THEN Id ELSE CreatedDate END FROM EngagementInteraction", EI, [], transform=typeof_context)

# --- aggregates
def agg(*pairs): return {"attributes": {"type": "AggregateResult"}, **dict(pairs)}
def group(obj, key, pred=lambda r: True, query_all=False):
    out = {}
    for r in rows(obj, query_all):
        if pred(r): out.setdefault(key(r), []).append(r)
    return out
live = rows(EI)
raw("SELECT COUNT() FROM EngagementInteraction", len(live), [])
raw("SELECT COUNT() FROM EngagementInteraction WHERE Status = 'New'", sum(r["Status"] == "New" for r in live), [])
raw("SELECT COUNT() FROM EngagementInteraction LIMIT 3", 3, [])
raw("SELECT COUNT() FROM EngagementInteraction", len(rows(EI, True)), [], query_all=True)
raw("SELECT COUNT(Id) FROM EngagementInteraction", 1, [agg(("expr0", len(live)))])
raw("SELECT COUNT(Id) total FROM EngagementInteraction", 1, [agg(("total", len(live)))])
raw("SELECT COUNT(Status), COUNT(Sentiment) FROM EngagementInteraction", 1, [agg(("expr0", sum(r["Status"] is not None for r in live)), ("expr1", sum(r["Sentiment"] is not None for r in live)))])
raw("SELECT COUNT_DISTINCT(Status) FROM EngagementInteraction", 1, [agg(("expr0", len({r["Status"] for r in live if r["Status"]})))])
raw("SELECT COUNT_DISTINCT(OwnerId) owners FROM EngagementInteraction", 1, [agg(("owners", len({r["OwnerId"] for r in live})))])
g = group(EI, lambda r: r["Status"])
raw("SELECT Status, COUNT(Id) FROM EngagementInteraction GROUP BY Status", len(g), [agg(("Status", k), ("expr0", len(v))) for k, v in g.items()])
raw("SELECT Status, COUNT(Id) n FROM EngagementInteraction GROUP BY Status HAVING COUNT(Id) > 2", sum(len(v) > 2 for v in g.values()), [agg(("Status", k), ("n", len(v))) for k, v in g.items() if len(v) > 2])
raw("SELECT Status, COUNT(Id) n FROM EngagementInteraction GROUP BY Status ORDER BY COUNT(Id) DESC, Status LIMIT 2", 2,
    [agg(("Status", k), ("n", len(v))) for k, v in sorted(g.items(), key=lambda kv: (-len(kv[1]), kv[0] is not None, kv[0] or ""))[:2]], ordered=True)
raw("SELECT Status FROM EngagementInteraction GROUP BY Status HAVING Status != null", sum(k is not None for k in g), [agg(("Status", k)) for k in g if k is not None])
g2 = group(EI, lambda r: (r["Status"], r["Type"]))
raw("SELECT Status, Type, COUNT(Id) FROM EngagementInteraction GROUP BY Status, Type", len(g2), [agg(("Status", k[0]), ("Type", k[1]), ("expr0", len(v))) for k, v in g2.items()])
g3 = group(EI, lambda r: r["OwnerId"])
raw("SELECT OwnerId, COUNT(Id), MIN(CreatedDate), MAX(CreatedDate) FROM EngagementInteraction GROUP BY OwnerId", len(g3),
    [agg(("OwnerId", k), ("expr0", len(v)), ("expr1", fmt("CreatedDate", min(r["CreatedDate"] for r in v))), ("expr2", fmt("CreatedDate", max(r["CreatedDate"] for r in v)))) for k, v in g3.items()])
cf = rows(CFX)
def nn(field): return [r[field] for r in cf if r[field] is not None]
raw("SELECT SUM(Quantity__c), AVG(Quantity__c), MIN(Quantity__c), MAX(Quantity__c) FROM ConformanceFixture__c", 1,
    [agg(("expr0", sum(nn("Quantity__c"))), ("expr1", sum(nn("Quantity__c")) / len(nn("Quantity__c"))), ("expr2", min(nn("Quantity__c"))), ("expr3", max(nn("Quantity__c"))))])
raw("SELECT SUM(Amount__c) s, MAX(Amount__c) m, MIN(Ratio__c) r FROM ConformanceFixture__c", 1, [agg(("s", sum(nn("Amount__c"))), ("m", max(nn("Amount__c"))), ("r", min(nn("Ratio__c"))))])
raw("SELECT MIN(DueDate__c), MAX(DueDate__c) FROM ConformanceFixture__c", 1, [agg(("expr0", min(nn("DueDate__c"))), ("expr1", max(nn("DueDate__c"))))])
raw("SELECT MIN(Name), MAX(Name) FROM EngagementInteraction", 1, [agg(("expr0", min(r["Name"] for r in live)), ("expr1", max(r["Name"] for r in live)))])
g4 = group(CFX, lambda r: r["IsActive__c"])
raw("SELECT IsActive__c, COUNT(Id), SUM(Minutes__c) FROM ConformanceFixture__c GROUP BY IsActive__c", len(g4),
    [agg(("IsActive__c", k), ("expr0", len(v)), ("expr1", sum(r["Minutes__c"] for r in v if r["Minutes__c"] is not None) if any(r["Minutes__c"] is not None for r in v) else None)) for k, v in g4.items()])
g5 = group(CFX, lambda r: r["Tier__c"])
raw("SELECT Tier__c, MAX(Quantity__c) FROM ConformanceFixture__c GROUP BY Tier__c HAVING MAX(Quantity__c) >= 5", 0, [])
CASES[-1]["records"] = [agg(("Tier__c", k), ("expr0", max(q))) for k, v in g5.items() for q in [[r["Quantity__c"] for r in v if r["Quantity__c"] is not None]] if q and max(q) >= 5]
CASES[-1]["totalSize"] = len(CASES[-1]["records"])
g6 = group(EI, lambda r: r["CommunicationChannel"], lambda r: r["Status"] is not None)
raw("SELECT CommunicationChannel c, COUNT(Id) FROM EngagementInteraction WHERE Status != null GROUP BY CommunicationChannel", len(g6),
    [agg(("c", k), ("expr0", len(v))) for k, v in g6.items()])
g7 = group(IN, lambda r: r["AccountId"])
raw("SELECT AccountId, COUNT(Id) FROM Interaction GROUP BY AccountId HAVING COUNT(Id) = 2", sum(len(v) == 2 for v in g7.values()),
    [agg(("AccountId", k), ("expr0", len(v))) for k, v in g7.items() if len(v) == 2])
raw("SELECT COUNT(Id) FROM Interaction WHERE Account.CreatedDate = YESTERDAY", 1, [agg(("expr0", sum(1 for r in rows(IN) if parent(r, "AccountId") and parent(r, "AccountId")["CreatedDate"].startswith("2024-06-14"))))])
g8 = group(EI, lambda r: r["Type"], query_all=True)
raw("SELECT Type, COUNT(Id) FROM EngagementInteraction GROUP BY Type", len(g8), [agg(("Type", k), ("expr0", len(v))) for k, v in g8.items()], query_all=True)


# --- clauses accepted as no-ops
case("SELECT Name FROM EngagementInteraction WHERE Status = 'New' WITH SECURITY_ENFORCED ORDER BY Name", EI, ["Name"], lambda r: r["Status"] == "New", order=lambda r: r["Name"])
case("SELECT Name FROM EngagementInteraction WITH USER_MODE LIMIT 2 FOR VIEW", EI, ["Name"], order=lambda r: r["Id"], limit=2)
CASES[-1]["soql"] = "SELECT Name FROM EngagementInteraction WITH USER_MODE ORDER BY Id LIMIT 2 FOR VIEW"

# --- date functions
from datetime import datetime as _dt
def dtp(text): return _dt.strptime(text[:19], "%Y-%m-%dT%H:%M:%S")
case("SELECT Name FROM EngagementInteraction WHERE CALENDAR_YEAR(CreatedDate) = 2023", EI, ["Name"], lambda r: r["CreatedDate"].startswith("2023"))
case("SELECT Name FROM EngagementInteraction WHERE CALENDAR_MONTH(CreatedDate) = 6 AND DAY_IN_MONTH(CreatedDate) > 10", EI, ["Name"], lambda r: dtp(r["CreatedDate"]).month == 6 and dtp(r["CreatedDate"]).day > 10)
case("SELECT Name FROM EngagementInteraction WHERE DAY_ONLY(CreatedDate) = 2024-06-15", EI, ["Name"], lambda r: r["CreatedDate"].startswith("2024-06-15"))
case("SELECT Name FROM EngagementInteraction WHERE HOUR_IN_DAY(CreatedDate) < 9", EI, ["Name"], lambda r: dtp(r["CreatedDate"]).hour < 9)
case("SELECT Name FROM EngagementInteraction WHERE DAY_IN_WEEK(CreatedDate) = 1", EI, ["Name"], lambda r: dtp(r["CreatedDate"]).isoweekday() % 7 + 1 == 1)
case("SELECT Name FROM EngagementInteraction WHERE WEEK_IN_YEAR(CreatedDate) = 24", EI, ["Name"], lambda r: (dtp(r["CreatedDate"]).timetuple().tm_yday - 1) // 7 + 1 == 24)
case("SELECT Name FROM EngagementInteraction WHERE CALENDAR_QUARTER(CreatedDate) = 2 AND FISCAL_YEAR(CreatedDate) = 2024", EI, ["Name"], lambda r: (dtp(r["CreatedDate"]).month + 2) // 3 == 2 and r["CreatedDate"].startswith("2024"))
case("SELECT Name FROM ConformanceFixture__c WHERE DAY_IN_YEAR(DueDate__c) > 180", CFX, ["Name"], lambda r: r["DueDate__c"] is not None and date.fromisoformat(r["DueDate__c"]).timetuple().tm_yday > 180)
case("SELECT Name FROM EngagementInteraction ORDER BY CALENDAR_YEAR(CreatedDate) DESC, Name", EI, ["Name"], order=lambda r: (-int(r["CreatedDate"][:4]), r["Name"]))
gy = group(EI, lambda r: int(r["CreatedDate"][:4]))
raw("SELECT CALENDAR_YEAR(CreatedDate), COUNT(Id) FROM EngagementInteraction GROUP BY CALENDAR_YEAR(CreatedDate)", len(gy), [agg(("expr0", k), ("expr1", len(v))) for k, v in gy.items()])
gq = group(CFX, lambda r: None if r["DueDate__c"] is None else (int(r["DueDate__c"][5:7]) + 2) // 3)
raw("SELECT CALENDAR_QUARTER(DueDate__c) q, COUNT(Id) n FROM ConformanceFixture__c GROUP BY CALENDAR_QUARTER(DueDate__c) HAVING COUNT(Id) > 0", len(gq), [agg(("q", k), ("n", len(v))) for k, v in gq.items()])
gd = group(EI, lambda r: r["CreatedDate"][:10], lambda r: r["CreatedDate"] >= "2024-06-09")
raw("SELECT DAY_ONLY(CreatedDate) d, COUNT(Id) FROM EngagementInteraction WHERE CreatedDate >= 2024-06-09T00:00:00Z GROUP BY DAY_ONLY(CreatedDate) ORDER BY DAY_ONLY(CreatedDate)", len(gd), [agg(("d", k), ("expr0", len(v))) for k, v in sorted(gd.items())], ordered=True)

json.dump({"now": NOW, "objects": DATA}, open("data.json", "w"), indent=1, sort_keys=True)
json.dump(CASES, open("queries.json", "w"), indent=1)
print(len(CASES), "queries")
