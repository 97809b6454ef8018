#!/bin/sh
# paycode demo: a merchant-presented EMV QR, end to end.
#   1. encode a dynamic merchant payload from JSON (CRC computed),
#   2. render it as a PNG and in the terminal,
#   3. read the PNG back with a real QR decoder (zbarimg),
#   4. decode and validate what the camera saw, and print the fields.
set -eu
P=${1:-build/paycode}
OUT=${DEMO_OUT:-build/demo}
mkdir -p "$OUT"

echo "== 1. encode demo/merchant.json"
payload=$("$P" mpm encode demo/merchant.json)
echo "$payload"

echo "== 2. render: $OUT/merchant.png, $OUT/merchant.svg and the terminal"
"$P" qr --format png --ecc M --out "$OUT/merchant.png" "$payload"
"$P" qr --format svg --ecc M --out "$OUT/merchant.svg" "$payload"
"$P" qr --format ansi --ecc M "$payload"

echo "== 3. scan $OUT/merchant.png with zbarimg"
scanned=$(zbarimg --nodbus --raw -q "$OUT/merchant.png")
if [ "$scanned" != "$payload" ]; then
	echo "demo: the scanned text differs from the payload" >&2
	exit 1
fi
echo "scanned text is byte-identical to the payload (${#payload} characters)"

echo "== 4. decode and validate the scanned payload (strict EMV QRCPS MPM)"
"$P" mpm decode "$scanned"
echo "== demo done"
