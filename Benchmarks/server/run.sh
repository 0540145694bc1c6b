#!/bin/sh
# The local server under load: 1,000,000 EngagementInteraction rows, then retrieve by Id, create and
# describe at 64 connections with wrk (Debian's package). Usage: Benchmarks/server/run.sh sqlite|postgresql
# SOQL: CALLS="query-equality query-page query-like query-groupby" THREADS=1 CONNECTIONS=1 (one request at
# a time, so that the percentiles are each query's own time).
# PostgreSQL: PGURL (the server's --database) and PSQL_ARGS (psql's connection arguments) must be set.
# WORK=/some/folder keeps the seeded database (SQLite) and its IDs there, and a later run with the
# same WORK reuses them instead of seeding again. CALLS picks the calls (default: retrieve create
# describe; empty: seed only). SERVER names a built sobjectgen-server to use instead of building one.
set -eu
engine="${1:-sqlite}"
rows="${ROWS:-1000000}"
duration="${DURATION:-10s}"
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ -n "${WORK:-}" ]; then
  work="$WORK"; keep=1; mkdir -p "$work"
else
  work=$(mktemp -d /tmp/sobjectserver-bench.XXXXXX); keep=0
fi
export TOKEN=bench-token
cd "$root"
configuration="${CONFIGURATION:-release}"
calls="${CALLS-retrieve create describe}"
if [ -n "${SERVER:-}" ]; then
  server="$SERVER"
else
  swift build -c "$configuration" --product sobjectgen-server >&2
  server="$root/.build/$configuration/sobjectgen-server"
fi
if [ "$engine" = sqlite ]; then database="$work/bench.db"; else database="$PGURL"; fi
start() {
  # The old log goes first: a stale "Listening on" must not pass for this start's.
  rm -f "$work/server.log"
  "$server" --metadata "$root/Metadata" --database "$database" --port 8089 --token "$TOKEN" > "$work/server.log" 2>&1 &
  pid=$!
  trap 'kill "$pid" 2>/dev/null || true' EXIT
  until grep -q "Listening on" "$work/server.log" 2>/dev/null; do sleep 0.2; done
}
if [ -s "$work/ids.txt" ] && [ "$(wc -l < "$work/ids.txt")" -eq "$rows" ]; then
  echo "reusing the $rows rows seeded in $work" >&2
else
  start
  owner=$(curl -s -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
    -d '{"CommunicationChannel": "Voice Call", "StartDateTime": "2024-03-01T10:00:00Z"}' \
    http://127.0.0.1:8089/services/data/v62.0/sobjects/EngagementInteraction | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  owner=$(curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:8089/services/data/v62.0/sobjects/EngagementInteraction/$owner?fields=OwnerId" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["OwnerId"])')
  kill "$pid"; wait "$pid" || true
  cd "$work"
  if [ "$engine" = sqlite ]; then
    python3 "$here/seed.py" sqlite "$database" "$rows" "$owner"
  else
    python3 "$here/seed.py" postgresql "$PSQL_ARGS" "$rows" "$owner"
  fi
fi
cd "$work"
start
for call in $calls; do
  echo "== $engine $call (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk -t"${THREADS:-2}" -c"${CONNECTIONS:-64}" -d"$duration" --latency -s "$here/$call.lua" http://127.0.0.1:8089 | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors"
done
kill "$pid"; wait "$pid" || true
if [ "$keep" = 0 ]; then rm -rf "$work"; fi
