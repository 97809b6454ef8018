#!/bin/sh
# End-to-end contract of `paycode mpm` and `paycode qr` (scripts rely on it).
# PAYCODE: the command to run (may carry a wrapper such as valgrind).
set -u
P=${PAYCODE:-./build/paycode}
DATA=${PAYCODE_DATA:-../shared/data}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

SPEC='00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A'

# valid: exit 0, JSON on stdout, nothing on stderr
$P mpm decode "$SPEC" >"$T/out.json" 2>"$T/err" && [ ! -s "$T/err" ] && ok || bad "decode spec example"
grep -q '"value":[[:space:]]*"最佳运输"' "$T/out.json" && ok || bad "decoded CJK value"
# decode | encode is the identity
[ "$($P mpm encode "$T/out.json")" = "$SPEC" ] && ok || bad "decode|encode identity"
[ "$(printf '%s\n' "$SPEC" | $P mpm decode - | $P mpm encode -)" = "$SPEC" ] && ok || bad "stdin pipeline"

# invalid: exit 1, "error: PC_ERR_...: message" on stderr, nothing on stdout
BEZT=$(printf '%s' "$SPEC" | sed 's/BEST/BEZT/')
$P mpm decode "$BEZT" >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && ok || bad "bad CRC exit status $rc"
[ ! -s "$T/out" ] && ok || bad "bad CRC printed on stdout"
grep -q '^error: PC_ERR_MPM_CRC_MISMATCH: object 63: .*(stated A13A, computed 6BE4)' "$T/err" && ok || bad "bad CRC message: $(cat "$T/err")"

# lenient: warnings on stderr, exit 0; strict rejects the same payload
DUIT=$(awk -F'\t' '$1==18{print $6}' "$DATA/emv/payloads-dev.tsv" 2>/dev/null)
if [ -n "$DUIT" ]; then
	$P mpm decode "$DUIT" 2>"$T/err" >/dev/null; [ $? -eq 1 ] && grep -q 'PC_ERR_MPM_VALUE: object 00' "$T/err" && ok || bad "strict PFI 02"
	$P mpm decode --lenient "$DUIT" >"$T/l.json" 2>"$T/err" && grep -q '^warning: PC_ERR_MPM_VALUE: object 00' "$T/err" && ok || bad "lenient PFI 02"
	[ "$($P mpm encode "$T/l.json" 2>/dev/null)" = "$DUIT" ] && ok || bad "lenient decode|encode identity"
	$P mpm decode --profile duitnow "$DUIT" >/dev/null 2>&1 && ok || bad "duitnow profile"
fi

# every published payload that decodes (lenient) round-trips through the JSON
if [ -f "$DATA/emv/payloads-dev.tsv" ]; then
	n=0
	awk -F'\t' 'NR>1 && $5=="MPM" && $11=="ok" {print $6}' "$DATA/emv/payloads-dev.tsv" > "$T/all"
	while IFS= read -r p; do
		$P mpm decode --lenient "$p" >"$T/j" 2>/dev/null || continue
		n=$((n + 1))
		got=$($P mpm encode "$T/j" 2>/dev/null)
		want=$(printf '%s' "$p" | sed 's/\(....\)$//')$(printf '%s' "$p" | tail -c 4 | tr a-f A-F)
		[ "$got" = "$want" ] || bad "round trip: $p"
	done < "$T/all"
	[ $n -ge 90 ] && ok || bad "only $n payloads decoded"
else
	echo "SKIP: $DATA/emv/payloads-dev.tsv not found (shared real-world data absent)"
fi

# usage errors exit 2; help and version exit 0
$P mpm decode >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "usage exit"
$P mpm decode --profile nope x >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "unknown profile exit"
$P --help | grep -q 'mpm decode' && ok || bad "--help"
$P mpm --help | grep -q 'encode' && ok || bad "mpm --help"
$P --version | grep -q '^paycode [0-9]' && ok || bad "--version"
$P nope >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "unknown command"
echo '{"objects":[{"id":"5"}]}' | $P mpm encode - >/dev/null 2>"$T/err"; [ $? -eq 1 ] && grep -q '^error: PC_ERR_INVALID_ARG' "$T/err" && ok || bad "bad JSON object"

# qr: a real decoder reads back what we render, byte for byte
if command -v zbarimg >/dev/null 2>&1; then
	for ecc in L M Q H; do
		$P qr --format png --ecc $ecc --out "$T/q.png" "$SPEC" && ok || bad "qr png $ecc"
		[ "$(zbarimg --nodbus --raw -q "$T/q.png" 2>/dev/null)" = "$SPEC" ] && ok || bad "zbarimg $ecc"
	done
else
	echo "SKIP: zbarimg not installed"
fi
$P qr --format svg --out "$T/q.svg" "$SPEC" && grep -q '<svg' "$T/q.svg" && ok || bad "qr svg"
$P qr --format ansi "$SPEC" | grep -q '█' && ok || bad "qr ansi"

echo "mpm cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
