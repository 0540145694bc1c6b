"""tap-salesforce's incremental sync of EngagementInteraction over REST against the local server:
discovery, a first sync from the config's start date, changes, then a second sync from the first
one's state, which must bring only what changed (and the records at the bookmark itself, since the
tap asks for SystemModstamp >= the bookmark).

tap-salesforce logs in at https://login.salesforce.com; tap_salesforce_discover.py's wrapper sends
that request to the local server (this script runs it for each step).

Usage: python tap_salesforce_sync.py http://127.0.0.1:PORT TOKEN WORK_DIR
Prints one line per check; exits 1 on the first wrong answer.
"""
import json
import subprocess
import sys
import time
from pathlib import Path

import requests

here = Path(__file__).resolve().parent
url, token, work = sys.argv[1], sys.argv[2], Path(sys.argv[3])
api = url + "/services/data/v62.0"
headers = {"Authorization": "Bearer " + token}


def check(condition, what):
    if not condition:
        print("FAILED: " + what)
        sys.exit(1)
    print("ok: " + what)


def tap(*arguments):
    """Runs tap-salesforce through the login-redirecting wrapper; its stdout."""
    config = work / "config.json"
    command = [sys.executable, str(here / "tap_salesforce_discover.py"), url, token, str(config), *arguments]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stderr[-3000:])
        check(False, "tap-salesforce %s exits 0" % " ".join(arguments))
    return result.stdout


def create(reason):
    body = {"CommunicationChannel": "Voice Call", "StartDateTime": "2024-03-01T10:00:00Z", "Reason": reason}
    answer = requests.post(api + "/sobjects/EngagementInteraction", json=body, headers=headers)
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


def sync(state=None):
    """One sync: the records (Id → record) and the last state."""
    arguments = ["--properties", str(work / "catalog.json")]
    if state is not None:
        (work / "state.json").write_text(json.dumps(state))
        arguments += ["--state", str(work / "state.json")]
    records, last_state = {}, None
    for line in tap(*arguments).splitlines():
        message = json.loads(line)
        if message["type"] == "RECORD" and message["stream"] == "EngagementInteraction":
            records[message["record"]["Id"]] = message["record"]
        elif message["type"] == "STATE":
            last_state = message["value"]
    return records, last_state


first_ids = [create("first %d" % i) for i in range(5)]

catalog = json.loads(tap("--discover"))
for stream in catalog["streams"]:
    for entry in stream["metadata"]:
        if entry["breadcrumb"] == [] and stream["stream"] == "EngagementInteraction":
            entry["metadata"].update({"selected": True, "replication-method": "INCREMENTAL",
                                      "replication-key": "SystemModstamp"})
(work / "catalog.json").write_text(json.dumps(catalog))

records, state = sync()
check(sorted(records) == sorted(first_ids), "the first sync brings the 5 records")
bookmark = state["bookmarks"]["EngagementInteraction"]["SystemModstamp"]
check(bookmark is not None, "the state holds a SystemModstamp bookmark: %s" % bookmark)
at_bookmark = {i for i, r in records.items() if r["SystemModstamp"] == bookmark}

time.sleep(1.1)
changed = first_ids[1]
answer = requests.patch(api + "/sobjects/EngagementInteraction/" + changed, json={"Reason": "changed"},
                        headers=headers)
assert answer.status_code == 204, answer.text
new_id = create("second")

records, state = sync(state)
check(set(records) == {changed, new_id} | at_bookmark,
      "the second sync brings only the changed and the new record (and the bookmark's own)")
check(records[changed]["Reason"] == "changed", "the changed record has its new value")
check(state["bookmarks"]["EngagementInteraction"]["SystemModstamp"] > bookmark, "the bookmark moves on")
print("all tap-salesforce sync checks passed")
