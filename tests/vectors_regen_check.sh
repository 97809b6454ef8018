#!/bin/sh
# The committed vectors must be exactly what the generator produces now.
set -e
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 tools/gen_vectors.py "$tmp"
for f in "$tmp"/*.json; do
	if ! cmp -s "$f" "vectors/$(basename "$f")"; then
		echo "vectors/$(basename "$f") differs from the generator's output: run 'make vectors'" >&2
		diff "$f" "vectors/$(basename "$f")" | head -20 >&2
		exit 1
	fi
done
echo "vectors: committed files match the generator"
