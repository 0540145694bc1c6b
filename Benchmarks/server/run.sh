#!/bin/sh
# The local server under load: 1,000,000 EngagementInteraction rows, then retrieve by Id, create and
# describe at 64 connections with wrk (Debian's package). Usage: Benchmarks/server/run.sh sqlite|postgresql
# SOQL: CALLS="query-equality query-page query-like query-groupby" THREADS=1 CONNECTIONS=1 (one request at
# a time, so that the percentiles are each query's own time).
# PostgreSQL: PGURL (the server's --database) and PSQL_ARGS (psql's connection arguments) must be set.
set -eu
engine="${1:-sqlite}"
rows="${ROWS:-1000000}"
duration="${DURATION:-20s}"
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d /tmp/sobjectserver-bench.XXXXXX)
export TOKEN=bench-token
cd "$root"
configuration="${CONFIGURATION:-release}"
swift build -c "$configuration" --product sobjectgen-server >&2
server="$root/.build/$configuration/sobjectgen-server"
if [ "$engine" = sqlite ]; then database="$work/bench.db"; else database="$PGURL"; fi
start() {
  "$server" --metadata "$root/Metadata" --database "$database" --port 8089 --token "$TOKEN" > "$work/server.log" 2>&1 &
  pid=$!
  until grep -q "Listening on" "$work/server.log"; do sleep 0.2; done
}
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
start
for call in ${CALLS:-retrieve create describe}; do
  echo "== $engine $call"
  wrk -t"${THREADS:-2}" -c"${CONNECTIONS:-64}" -d"$duration" --latency -s "$here/$call.lua" http://127.0.0.1:8089 | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors"
done
kill "$pid"; wait "$pid" || true
rm -rf "$work"
