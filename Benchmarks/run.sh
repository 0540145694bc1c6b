#!/bin/sh
# The one-command benchmark (Benchmarks/README.md): builds sobjectgen, the Yams parse and the peer
# (swift-openapi-generator 1.14.3) in release, makes orgs of 300, 1,000 and 3,000 objects of 50 fields,
# and prints the table of medians; `--readme` also writes it into Benchmarks/README.md.
#
#   Benchmarks/run.sh [--readme] [--runs N] [--sizes 300,1000,3000] [--peer-sizes 300] [--no-peer]
#   Benchmarks/run.sh --smoke     # CI: 100 objects, one round, no peer; checks that outputs are
#                                 # byte-identical across runs, and fails on any error
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
smoke=false
peer=true
for argument in "$@"; do
  [ "$argument" = "--smoke" ] && smoke=true
  [ "$argument" = "--no-peer" ] && peer=false
done

(cd "$root" && swift build -c release --product sobjectgen)
(cd "$here" && swift build -c release --product yams-parse)
if [ "$smoke" = true ]; then
  exec python3 "$here/bench.py" --sizes 100 --runs 1 --no-peer --check-deterministic --work "${TMPDIR:-/tmp}/sobjectgen-bench-smoke"
fi
if [ "$peer" = true ]; then
  (cd "$here" && swift build -c release --product swift-openapi-generator)
fi
exec python3 "$here/bench.py" "$@"
