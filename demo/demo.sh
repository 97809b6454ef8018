#!/bin/sh
# paycode demo, end to end.
# A merchant-presented EMV QR:
#   1. encode a dynamic merchant payload from JSON (CRC computed),
#   2. render it as a PNG and in the terminal,
#   3. read the PNG back with a real QR decoder (zbarimg),
#   4. decode and validate what the camera saw, and print the fields.
# Consumer-presented dynamic codes (file formats: docs/FILES.md):
#   5. the provider creates its root key pair and exports the public half,
#   6. a master key, and a token provisioned into a wallet file,
#   7. a device certificate for the wallet's device key,
#   8. the wallet shows a qr-offline code as a PNG; zbarimg reads it back,
#   9. a terminal holding only the root public key approves it once,
#  10. and declines it when it is presented again (replayed),
#  11. and declines a code generated 200 s ago (expired),
#  12. the provider approves an 18-digit numeric code online.
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

# ---- consumer-presented codes --------------------------------------------
C="$OUT/codes"
rm -rf "$C"
mkdir -p "$C"
# decision DECISION REASON CMD...: run a verifier, show its JSON line and
# stop the demo unless it says DECISION/REASON.
decision() {
	want="{\"decision\":\"$1\",\"reason\":\"$2\","
	shift 2
	out=$("$@") || true
	echo "$out"
	case "$out" in
	"$want"*) ;;
	*) echo "demo: expected $want..." >&2; exit 1 ;;
	esac
}

echo "== 5. provider root key pair (key ID 1): $C/root.json (mode 0600), public half $C/root.pub.json"
"$P" keygen --root --key-id 1 --out "$C/root.json"
"$P" keygen --pub "$C/root.json" --out "$C/root.pub.json"
cat "$C/root.pub.json"

echo "== 6. master key 7 in $C/provider.json; token with alias 1234567 provisioned into $C/wallet.json"
"$P" keygen --master --key-id 7 --out "$C/provider.json"
"$P" token add --provider "$C/provider.json" --alias 1234567 \
	--wallet-out "$C/wallet.json" --storage "$C/keys" --device-key-id 1
echo "the wallet holds its token key; the provider keeps only the master key and the alias table"

echo "== 7. device key created in $C/keys, certificate signed by the root: $C/device.cert"
"$P" cert issue --root "$C/root.json" --wallet "$C/wallet.json" --offline --biometric \
	--serial 1001 --out "$C/device.cert"
"$P" cert show --root "$C/root.pub.json" "$C/device.cert"

echo "== 8. the wallet shows a qr-offline code: $C/code.png"
code=$("$P" code gen --wallet "$C/wallet.json" --form qr-offline --uv biometric \
	--qr png --out "$C/code.png")
echo "$code"
scanned=$(zbarimg --nodbus --raw -q "$C/code.png")
if [ "$scanned" != "$code" ]; then
	echo "demo: the scanned code differs from the generated one" >&2
	exit 1
fi
echo "zbarimg read the PNG back byte for byte (${#code} characters)"

echo "== 9. a terminal with only $C/root.pub.json verifies the scanned code offline"
decision APPROVE OK "$P" code verify --mode terminal --roots "$C/root.pub.json" \
	--state "$C/terminal.state" "$scanned"

echo "== 10. the same code presented again: single use"
decision DECLINE REPLAYED "$P" code verify --mode terminal --roots "$C/root.pub.json" \
	--state "$C/terminal.state" "$scanned"

echo "== 11. a code generated 200 s ago (ttl 60 s + skew 30 s): expired"
old=$("$P" code gen --wallet "$C/wallet.json" --form qr-offline --now $(($(date +%s) - 200)))
decision DECLINE EXPIRED "$P" code verify --mode terminal --roots "$C/root.pub.json" \
	--state "$C/terminal.state" "$old"

echo "== 12. an 18-digit numeric code, verified online by the provider"
num=$("$P" code gen --wallet "$C/wallet.json" --form numeric)
echo "$num"
decision APPROVE OK "$P" code verify --mode provider --provider "$C/provider.json" \
	--state "$C/provider.state" "$num"
echo "== demo done"
