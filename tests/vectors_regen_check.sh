#!/bin/sh
# The committed vectors must be exactly what the generators produce now:
# tools/gen_vectors.py (mpm.json, crc16.json) and `paycode vectors gen`
# (otp.json, cpm-*.json, risk-levels.json, risk-sequences.json), byte for
# byte. Every file the generators write is compared, so new ones are
# covered without being listed here.
# usage: vectors_regen_check.sh [PAYCODE]
#   PAYCODE: the command to run (default ./build/paycode; may carry a
#   wrapper such as valgrind, so it is split on spaces).
set -e
P=${1:-./build/paycode}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 tools/gen_vectors.py "$tmp"
$P vectors gen "$tmp"
for f in "$tmp"/*.json; do
	if ! cmp -s "$f" "vectors/$(basename "$f")"; then
		echo "vectors/$(basename "$f") differs from the generator's output: run 'make vectors'" >&2
		diff "$f" "vectors/$(basename "$f")" | head -20 >&2
		exit 1
	fi
done
echo "vectors: committed files match the generators ($(ls "$tmp" | wc -l) files)"
