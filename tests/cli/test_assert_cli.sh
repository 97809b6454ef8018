#!/bin/sh
# End-to-end contract of `paycode assert gen|verify` (include/paycode/
# assertion.h, SPEC §6.4): a consumer-credit remote authorisation from
# provisioning to verdict (provider root -> device certificate -> wallet
# -> assertion over the application text's digest -> valid once -> replay
# refused), then every refusal: wrong challenge, wrong relying party,
# other application text, wrong purpose, tampering, weak assurance, PAD,
# a device without the biometric flag, revocation, expiry, counter
# rollback, and usage errors (exit 2).
# PAYCODE: the command to run (may carry a wrapper such as valgrind).
set -u
P=${PAYCODE:-./build/paycode}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
RP=credit.example-bank.cn
CH=8f1e2d3c4b5a69788796a5b4c3d2e1f000112233445566778899aabbccddeeff
CH2=8f1e2d3c4b5a69788796a5b4c3d2e1f000112233445566778899aabbccddeefe
NOW=$(date +%s)
# gen ARGS...: an assertion from the wallet into $A (status in $rc)
# (at the fixed time ${GNOW:-$NOW}, so that slow runs, e.g. under valgrind, see no clock drift)
gen() { A=$($P assert gen --wallet "$T/wallet.json" --rp $RP --challenge $CH --now "${GNOW:-$NOW}" "$@" 2>"$T/gerr"); rc=$?; }
# verify ARGS... ASSERTION: JSON in $T/v.json, status in $rc
verify() { verify_with "$T/root.pub.json" "$@"; }
verify_with() { r=$1; shift; $P assert verify --roots "$r" --now "$NOW" "$@" >"$T/v.json" 2>"$T/verr"; rc=$?; }
# got VALID ERROR: the last verify printed them and exited accordingly
got() {
	grep -q "^{\"valid\":$1,\"error\":\"$2\"" "$T/v.json" || return 1
	if [ "$1" = true ]; then [ $rc -eq 0 ]; else [ $rc -eq 1 ]; fi
}
# flip TEXT N: TEXT with its Nth character replaced by another base64 one
flip() { printf '%s' "$1" | awk -v n="$2" '{c=substr($0,n,1); r=(c=="A")?"B":"A"; print substr($0,1,n-1) r substr($0,n+1)}'; }
AUTH="--purpose remote-auth --uv fingerprint --assurance 1e-4 --pad pass"
V="--rp $RP --challenge $CH --purpose remote-auth --txn-file $T/app.txt"

# ---- provider root, token, device certificate --------------------------------
$P keygen --root --key-id 1 --out "$T/root.json" >/dev/null &&
$P keygen --pub "$T/root.json" --out "$T/root.pub.json" >/dev/null &&
$P keygen --root --key-id 2 --out "$T/root2.json" >/dev/null &&
$P keygen --pub "$T/root2.json" --out "$T/root2.pub.json" >/dev/null &&
$P keygen --master --key-id 7 --out "$T/provider.json" >/dev/null &&
$P token add --provider "$T/provider.json" --alias 1234567 --wallet-out "$T/wallet.json" \
	--storage "$T/keys" >/dev/null && ok || bad "provisioning"
gen $AUTH
[ $rc -eq 1 ] && grep -q '^error: PC_ERR_UNSUPPORTED' "$T/gerr" && ok || bad "gen without certificate ($rc)"
$P cert issue --root "$T/root.json" --wallet "$T/wallet.json" --serial 1001 --offline \
	--biometric --out "$T/dev.cert" >/dev/null && ok || bad "cert issue --biometric"

# ---- the application the customer approves ------------------------------------
printf 'Consumer credit application CA-2026-000123\nPrincipal 50000.00 CNY, 12 months, APR 7.2%%\n' > "$T/app.txt"
printf 'Consumer credit application CA-2026-000123\nPrincipal 90000.00 CNY, 12 months, APR 7.2%%\n' > "$T/app2.txt"
gen $AUTH --txn-file "$T/app.txt"
[ $rc -eq 0 ] && [ -n "$A" ] && ok || bad "assert gen ($rc: $(cat "$T/gerr"))"
[ -f "$T/keys/paycode-uva-00000001.ctr" ] && ok || bad "counter object in the wallet storage"
# 295 fixed bytes + 32 challenge + 32 digest = 359 bytes: 480 base64 characters
[ ${#A} -eq 480 ] && ok || bad "text length ${#A}"
verify $V --store "file:$T/st" "$A"
got true PC_OK && ok || bad "verify ($rc: $(cat "$T/v.json" "$T/verr"))"
for f in '"purpose":"remote-auth"' '"uv":\["fingerprint"\]' '"location":"tee"' \
	 '"assurance":4000' '"pad":"pass"' '"counter":1,' '"certSerial":1001' \
	 '"alias":1234567' '"consumed":true'; do
	grep -q "$f" "$T/v.json" || bad "verdict field $f"
done
verify $V --store "file:$T/st" "$A"
got false PC_ERR_REPLAYED && grep -q '"consumed":false' "$T/v.json" && ok || bad "replay ($rc)"

# ---- refusals (each with a fresh in-memory store: nothing consumed) ----------
gen $AUTH --txn-file "$T/app.txt"
verify --rp $RP --challenge $CH2 --purpose remote-auth --txn-file "$T/app.txt" "$A"
got false PC_ERR_ASSERT_CHALLENGE && ok || bad "wrong challenge ($rc)"
verify --rp credit.example-bank.com --challenge $CH --purpose remote-auth --txn-file "$T/app.txt" "$A"
got false PC_ERR_ASSERT_RP && ok || bad "wrong relying party ($rc)"
verify --rp $RP --challenge $CH --purpose remote-auth --txn-file "$T/app2.txt" "$A"
got false PC_ERR_ASSERT_TXN && ok || bad "other application text ($rc)"
verify --rp $RP --challenge $CH --purpose remote-auth "$A"
got false PC_ERR_ASSERT_TXN && ok || bad "digest not expected ($rc)"
verify --rp $RP --challenge $CH --purpose payment --txn-file "$T/app.txt" "$A"
got false PC_ERR_ASSERT_PURPOSE && ok || bad "wrong purpose ($rc)"
for n in 3 5 40 100 300 470; do
	verify $V "$(flip "$A" $n)"
	[ $rc -eq 1 ] && grep -q '"valid":false' "$T/v.json" && ok || bad "tampered at $n ($rc)"
done
verify $V "$(flip "$A" 470)"
got false PC_ERR_ASSERT_SIGNATURE && ok || bad "tampered signature ($rc)"
verify $V "${A%????}"
got false PC_ERR_BIO_ASSERTION && ok || bad "truncated ($rc)"
verify $V "not base64!"
got false PC_ERR_BASE64 && ok || bad "not base64 ($rc)"
verify_with "$T/root2.pub.json" $V "$A"
got false PC_ERR_ASSERT_CERT && ok || bad "another provider's root ($rc)"
verify $V --min-assurance 1e-5 "$A"
got false PC_ERR_ASSERT_ASSURANCE && ok || bad "assurance below 1e-5 ($rc)"
verify $V --min-assurance 40 "$A"
got true PC_OK && ok || bad "assurance 40 dB ($rc)"
verify $V --uv face "$A"
got false PC_ERR_ASSERT_UV && ok || bad "method not accepted ($rc)"
verify $V --location se "$A"
got false PC_ERR_ASSERT_UV && ok || bad "location not accepted ($rc)"

# weak or unchecked biometric claims are signed as they happened, refused here
gen --purpose remote-auth --uv fingerprint --assurance 30 --pad pass --txn-file "$T/app.txt"
verify $V "$A"
got false PC_ERR_ASSERT_ASSURANCE && ok || bad "1e-3 refused by default ($rc)"
gen --purpose remote-auth --uv face --location se --assurance 1e-5 --txn-file "$T/app.txt"
verify $V "$A"
got false PC_ERR_ASSERT_PAD && ok || bad "PAD missing ($rc)"
verify $V --pad optional "$A"
got true PC_OK && ok || bad "PAD optional ($rc)"
gen --purpose remote-auth --uv face --location se --assurance 1e-5 --pad fail --txn-file "$T/app.txt"
verify $V --pad optional "$A"
got false PC_ERR_ASSERT_PAD && ok || bad "PAD fail always refused ($rc)"
# PIN only: no biometric fields
gen --purpose login --uv pin
[ $rc -eq 0 ] && ok || bad "gen pin ($rc)"
verify --rp $RP --challenge $CH --purpose login "$A"
got true PC_OK && grep -q '"uv":\["pin"\],"location":"none","assurance":0' "$T/v.json" && ok || bad "pin login ($rc)"
verify --rp $RP --challenge $CH --purpose login --uv fingerprint,face "$A"
got false PC_ERR_ASSERT_UV && ok || bad "biometric required ($rc)"

# ---- freshness and the counter ------------------------------------------------
GNOW=$((NOW - 200)); gen $AUTH --txn-file "$T/app.txt"; GNOW=
verify $V "$A"
got false PC_ERR_ASSERT_EXPIRED && ok || bad "expired ($rc)"
verify $V --max-age 300 "$A"
got true PC_OK && ok || bad "max-age 300 ($rc)"
GNOW=$((NOW + 100)); gen $AUTH --txn-file "$T/app.txt"; GNOW=
verify $V "$A"
got false PC_ERR_ASSERT_FUTURE && ok || bad "future ($rc)"
c=$(sed -n 's/.*"counter":\([0-9]*\),.*/\1/p' "$T/v.json")
gen $AUTH --txn-file "$T/app.txt"
verify $V --last-counter $c "$A"
got true PC_OK && grep -q "\"counter\":$((c + 1))," "$T/v.json" && ok || bad "counter increases ($rc)"
verify $V --last-counter $((c + 1)) "$A"
got false PC_ERR_ASSERT_COUNTER && ok || bad "counter not above the last ($rc)"
# a counter object rolled back or damaged is refused, never restarted
printf 'PCUC\000\000' > "$T/keys/paycode-uva-00000001.ctr"
gen $AUTH --txn-file "$T/app.txt"
[ $rc -eq 1 ] && grep -q '^error: PC_ERR_STORAGE' "$T/gerr" && ok || bad "damaged counter ($rc)"

# ---- a device without the biometric flag; revocation -----------------------
$P cert issue --root "$T/root.json" --wallet "$T/wallet.json" --serial 1002 --offline \
	--out "$T/dev2.cert" --force >/dev/null && ok || bad "cert issue without --biometric"
rm -f "$T/keys/paycode-uva-00000001.ctr"
gen $AUTH --txn-file "$T/app.txt"
verify $V "$A"
got false PC_ERR_ASSERT_UV && ok || bad "biometric claim without the flag ($rc)"
$P revocation issue --root "$T/root.json" --number 1 --serial 1002 --out "$T/r1.crl" >/dev/null &&
	ok || bad "revocation issue"
gen --purpose remote-auth --uv pin --txn-file "$T/app.txt"
verify $V --crl "$T/r1.crl" "$A"
got false PC_ERR_ASSERT_REVOKED && ok || bad "revoked ($rc)"
verify $V "$A"
got true PC_OK && ok || bad "pin, not revoked without the list ($rc)"

# ---- output file and usage errors ---------------------------------------------
$P assert gen --wallet "$T/wallet.json" --rp $RP --challenge $CH --purpose login --uv pin --now "$NOW" \
	--out "$T/a.txt" >"$T/out" && [ ! -s "$T/out" ] && [ -s "$T/a.txt" ] && ok || bad "--out"
verify --rp $RP --challenge $CH --purpose login - < "$T/a.txt"
got true PC_OK && ok || bad "verify from stdin ($rc)"
gen --purpose remote-auth --uv fingerprint --pad pass
[ $rc -eq 2 ] && ok || bad "biometric without --assurance ($rc)"
gen --purpose remote-auth --uv pin --assurance 1e-4
[ $rc -eq 2 ] && ok || bad "assurance without a biometric ($rc)"
gen --purpose wire-transfer --uv pin
[ $rc -eq 2 ] && ok || bad "unknown purpose ($rc)"
A=$($P assert gen --wallet "$T/wallet.json" --rp $RP --challenge 0011 --purpose login --uv pin 2>/dev/null); rc=$?
[ $rc -eq 2 ] && ok || bad "short challenge ($rc)"
verify --rp $RP --purpose login "$A"
[ $rc -eq 2 ] && ok || bad "verify without --challenge ($rc)"
$P assert verify --rp $RP --challenge $CH --purpose login x >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] && ok || bad "verify without --roots ($rc)"
$P assert --help | grep -q 'assert gen' && ok || bad "assert --help"
$P --help | grep -q 'assert verify' && ok || bad "paycode --help lists assert"

echo "assert cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
