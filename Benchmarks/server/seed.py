"""Adds N EngagementInteraction rows to a database the server made (SQLite file, or with --psql a
PostgreSQL database through psql's COPY), and writes their IDs to ids.txt for the load generator.

Usage: python3 seed.py sqlite PATH N OWNER_ID
       python3 seed.py postgresql 'psql connection args' N OWNER_ID
"""
import random
import sqlite3
import subprocess
import sys

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"


def case_safe(id15):
    out = ""
    for chunk in range(3):
        index = 0
        for position in range(5):
            if "A" <= id15[chunk * 5 + position] <= "Z":
                index |= 1 << position
        out += SUFFIX[index]
    return id15 + out


def rows(n, owner):
    rng = random.Random(42)
    for number in range(n):
        rid = case_safe("0eI" + "".join(rng.choice(ALPHABET) for _ in range(12)))
        stamp = "2024-%02d-%02dT%02d:%02d:00.000Z" % (1 + number % 12, 1 + number % 28, number % 24, number % 60)
        yield (rid, owner, stamp, "%08d" % (number + 1), ["Voice Call", "Web Chat", "In Person"][number % 3],
               ["New", "In Progress", "Completed"][number % 3], "seed-%d" % number)


engine, target, n, owner = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
ids = open("ids.txt", "w")
columns = ('"Id", "CreatedById", "LastModifiedById", "OwnerId", "CreatedDate", "LastModifiedDate", "SystemModstamp", '
           '"StartDateTime", "Name", "CommunicationChannel", "Status", "ExternalIdentifier", "IsAttendeeVerified", '
           '"IsAttendeeAuthenticated"')
if engine == "sqlite":
    db = sqlite3.connect(target)
    db.execute("PRAGMA journal_mode = WAL")
    # One bulk load: a large page cache, and no sync until it is done (the server syncs its own writes).
    db.execute("PRAGMA cache_size = -1000000")
    db.execute("PRAGMA synchronous = OFF")
    batch = []
    for rid, owner_id, stamp, name, channel, status, ext in rows(n, owner):
        ids.write(rid + "\n")
        batch.append((rid, owner_id, owner_id, owner_id, stamp, stamp, stamp, stamp, name, channel, status, ext, 0, 0))
        if len(batch) == 50000:
            db.executemany("INSERT INTO \"EngagementInteraction\" (%s) VALUES (%s)" % (columns, ",".join("?" * 14)), batch)
            batch = []
    if batch:
        db.executemany("INSERT INTO \"EngagementInteraction\" (%s) VALUES (%s)" % (columns, ",".join("?" * 14)), batch)
    db.execute("INSERT OR REPLACE INTO sobjectserver_autonumbers (name, last) VALUES ('EngagementInteraction.Name', ?)", (n,))
    db.commit()
    db.execute("ANALYZE")
else:
    copy = subprocess.Popen(["psql", *target.split(), "-v", "ON_ERROR_STOP=1", "-c",
                             "\\copy \"EngagementInteraction\" (%s) FROM STDIN WITH (FORMAT csv)" % columns],
                            stdin=subprocess.PIPE, text=True)
    for rid, owner_id, stamp, name, channel, status, ext in rows(n, owner):
        ids.write(rid + "\n")
        copy.stdin.write(",".join([rid, owner_id, owner_id, owner_id, stamp, stamp, stamp, stamp, name, channel,
                                   '"%s"' % status, ext, "false", "false"]) + "\n")
    copy.stdin.close()
    assert copy.wait() == 0
    subprocess.check_call(["psql", *target.split(), "-c",
                           "INSERT INTO sobjectserver_autonumbers (name, last) VALUES ('EngagementInteraction.Name', %d) "
                           "ON CONFLICT (name) DO UPDATE SET last = EXCLUDED.last; ANALYZE" % n])
ids.close()
