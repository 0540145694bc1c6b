#!/usr/bin/env bash
# Builds the libFuzzer target over the loader and the generator and runs it for a bounded time,
# seeded with Metadata/ and the hostile corpus. Exits non-zero on a crash, a timeout (one input
# taking over 10 s) or a build failure; the input that failed is left in .build-fuzz/findings/.
#
#   Tests/Fuzz/run.sh [SECONDS]      (default 150)
set -euo pipefail
seconds="${1:-150}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

# SwiftPM's own --sanitize=fuzzer links libFuzzer's main (no --defsym main=… trick); release
# builds are not "testable" executables, so SwiftPM does not rename the entry point either.
# The build folder is outside Tests/, which the plugin tests copy.
scratch="$root/.build-fuzz"
swift build --package-path "$here" --scratch-path "$scratch" -c release --sanitize=fuzzer --product FuzzMetadata
binary="$scratch/release/FuzzMetadata"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$scratch/findings"
cp "$root"/Metadata/objects/*.yaml "$work/corpus/"
for file in "$root"/Tests/SObjectGenCoreTests/Hostile/Valid/*/objects/*.yaml; do
  cp "$file" "$work/corpus/$(basename "$(dirname "$(dirname "$file")")")-$(basename "$file")"
done

SOBJECTGEN_FUZZ_METADATA="$root/Metadata" "$binary" "$work/corpus" \
  -dict="$here/yaml.dict" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
  -max_len=65536 -print_final_stats=1 -artifact_prefix="$scratch/findings/"
