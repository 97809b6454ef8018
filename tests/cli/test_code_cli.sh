#!/bin/sh
# End-to-end contract of the consumer-code commands (keygen, token, cert,
# revocation, code gen/verify; file formats in docs/FILES.md): the whole
# provisioning-to-validation flow, then every refusal: tampering, wrong
# root, revocation, unknown alias, online forms at a terminal, expiry,
# replay across invocations, malformed files (exit 1 with an error line)
# and usage errors (exit 2).
# PAYCODE: the command to run (may carry a wrapper such as valgrind).
set -u
P=${PAYCODE:-./build/paycode}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
perm() { ls -l "$1" | cut -c1-10; }
# verify ARGS...: run `code verify`, JSON in $T/v.json, stderr in $T/verr, status in $rc
verify() { $P code verify "$@" >"$T/v.json" 2>"$T/verr"; rc=$?; }
# got DECISION REASON: the last verify printed them
got() { grep -q "^{\"decision\":\"$1\",\"reason\":\"$2\"," "$T/v.json"; }
# flip CODE N: CODE with its Nth character replaced by another base64 one
flip() { printf '%s' "$1" | awk -v n="$2" '{c=substr($0,n,1); r=(c=="A")?"B":"A"; print substr($0,1,n-1) r substr($0,n+1)}'; }
NOW=$(date +%s)
ROOTS="--roots $T/root.pub.json"

# ---- provider root, master key, token, certificate -------------------------
$P keygen --root --key-id 1 --out "$T/root.json" && ok || bad "keygen --root"
[ "$(perm "$T/root.json")" = "-rw-------" ] && ok || bad "root key mode $(perm "$T/root.json")"
grep -q '"type":[[:space:]]*"paycode-root-key"' "$T/root.json" && ok || bad "root key type"
$P keygen --root --key-id 1 --out "$T/root.json" 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q '^error: PC_ERR_STALE: ' "$T/err" && ok || bad "overwrite refused ($rc)"
$P keygen --root --key-id 1 --out "$T/other.json" --force && ok || bad "keygen --force"
$P keygen --root --key-id 2 --out "$T/root2.json" && ok || bad "keygen root 2"
$P keygen --pub "$T/root.json" --out "$T/root.pub.json" && ok || bad "keygen --pub"
$P keygen --pub "$T/other.json" --out "$T/other.pub.json" && ok || bad "keygen --pub other"
! grep -q private "$T/root.pub.json" && grep -q '"paycode-root-pub"' "$T/root.pub.json" && ok || bad "public export"
$P keygen --master --key-id 7 --out "$T/provider.json" && ok || bad "keygen --master"
[ "$(perm "$T/provider.json")" = "-rw-------" ] && ok || bad "provider mode"
$P token add --provider "$T/provider.json" --alias 1234567 --token 0102030405060708 \
	--wallet-out "$T/wallet.json" --storage "$T/keys" && ok || bad "token add"
[ "$(perm "$T/wallet.json")" = "-rw-------" ] && ok || bad "wallet mode"
grep -q '"token":[[:space:]]*"0102030405060708"' "$T/provider.json" && ok || bad "token registered"
$P token add --provider "$T/provider.json" --alias 1234567 --wallet-out "$T/w2.json" \
	--storage "$T/keys2" 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q '^error: PC_ERR_INVALID_ARG: .*already registered' "$T/err" && [ ! -e "$T/w2.json" ] && ok || bad "alias taken ($rc)"
$P token add --provider "$T/provider.json" --alias 7654321 --master-key-id 9 \
	--wallet-out "$T/w2.json" --storage "$T/keys2" 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q '^error: PC_ERR_NOT_FOUND' "$T/err" && ok || bad "unknown master ($rc)"
$P code gen --wallet "$T/wallet.json" --form qr-offline >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q '^error: PC_ERR_UNSUPPORTED' "$T/err" && ok || bad "offline without cert ($rc)"
$P cert issue --root "$T/root.json" --wallet "$T/wallet.json" --serial 1001 --offline \
	--biometric --max-risk A --out "$T/dev.cert" && ok || bad "cert issue"
[ "$(wc -c < "$T/dev.cert")" -eq 173 ] && ok || bad "certificate size"
[ "$(perm "$T/keys/key-1.p256")" = "-rw-------" ] && ok || bad "device key mode"
grep -q '"cert":' "$T/wallet.json" && ok || bad "certificate stored in the wallet"

# cert show / verify
$P cert show "$T/dev.cert" >"$T/show.json" && ok || bad "cert show"
for f in '"serial":[[:space:]]*1001' '"token":[[:space:]]*"0102030405060708"' \
	 '"alias":[[:space:]]*1234567' '"maxRisk":[[:space:]]*"A"' '"offline":[[:space:]]*true' \
	 '"biometric":[[:space:]]*true' '"issuerKeyId":[[:space:]]*1'; do
	grep -q "$f" "$T/show.json" || bad "cert show field $f"
done
! grep -q '"signature"' "$T/show.json" && ok || bad "no signature check without --root"
$P cert show --root "$T/root.pub.json" "$T/dev.cert" >"$T/show.json" &&
	grep -q '"signature":[[:space:]]*"valid"' "$T/show.json" && ok || bad "cert signature valid"
$P cert show --root "$T/other.pub.json" "$T/dev.cert" >"$T/show.json" 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q '"signature":[[:space:]]*"invalid"' "$T/show.json" &&
	grep -q '^error: PC_ERR_VERIFY' "$T/err" && ok || bad "cert signature invalid ($rc)"
head -c 172 "$T/dev.cert" > "$T/short.cert"
$P cert show "$T/short.cert" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q '^error: PC_ERR_CERT_FORMAT' "$T/err" && ok || bad "truncated cert ($rc)"
# re-issuing keeps the device key
k1=$(grep publicKey "$T/show.json")
$P cert issue --root "$T/root.json" --wallet "$T/wallet.json" --serial 1001 --offline \
	--biometric --max-risk A --out "$T/dev.cert" --force && ok || bad "cert re-issue"
[ "$($P cert show "$T/dev.cert" | grep publicKey)" = "$k1" ] && ok || bad "device key replaced"

# ---- qr-offline at a terminal: approve once, then replay -------------------
c=$($P code gen --wallet "$T/wallet.json" --form qr-offline --uv biometric) && ok || bad "code gen qr-offline"
grep -q '"counter":[[:space:]]*1,' "$T/wallet.json" && ok || bad "counter advanced and saved"
verify --mode terminal $ROOTS --state "$T/term.state" "$c"
[ $rc -eq 0 ] && got APPROVE OK && ok || bad "terminal approve ($rc): $(cat "$T/v.json" "$T/verr")"
for k in decision reason form token certSerial counter time flags consumed digest; do
	grep -q "\"$k\":" "$T/v.json" || bad "decision JSON lacks $k"
done
grep -q '"form":"qr-offline","token":"0102030405060708","certSerial":1001,"counter":0,' "$T/v.json" &&
	grep -q '"flags":1,"consumed":true,"digest":"[0-9a-f]\{64\}"}$' "$T/v.json" && ok || bad "decision fields: $(cat "$T/v.json")"
[ "$(wc -l < "$T/v.json")" -eq 1 ] && ok || bad "decision is one line"
[ "$(perm "$T/term.state")" = "-rw-------" ] && ok || bad "state file mode"
verify --mode terminal $ROOTS --state "$T/term.state" "$c"
[ $rc -eq 1 ] && got DECLINE REPLAYED && grep -q '"consumed":false' "$T/v.json" && ok || bad "replay across invocations ($rc)"
printf '%s\n' "$c" | $P code verify --mode terminal $ROOTS --state "$T/term.state" - >"$T/v.json"; rc=$?
[ $rc -eq 1 ] && got DECLINE REPLAYED && ok || bad "code on stdin"

# concurrent verifiers sharing one state file: exactly one approves
c=$($P code gen --wallet "$T/wallet.json" --form qr-offline)
for i in 1 2 3 4; do
	$P code verify --mode terminal $ROOTS --state "$T/term.state" "$c" >"$T/par$i" 2>&1 &
done
wait
[ "$(cat "$T"/par? | grep -c '"decision":"APPROVE"')" -eq 1 ] &&
	[ "$(cat "$T"/par? | grep -c '"reason":"REPLAYED"')" -eq 3 ] && ok || bad "concurrent single use: $(cat "$T"/par?)"

# tampered: every flipped character is declined, and consumes nothing
c=$($P code gen --wallet "$T/wallet.json" --form qr-offline)
for n in 5 60 150 300 460; do
	verify --mode terminal $ROOTS --state "$T/term.state" "$(flip "$c" $n)"
	[ $rc -eq 1 ] && grep -q '"decision":"DECLINE"' "$T/v.json" || bad "tampered at $n approved or failed ($rc)"
done
verify --mode terminal $ROOTS --state "$T/term.state" "$c"
[ $rc -eq 0 ] && got APPROVE OK && ok || bad "genuine code after tampered ones ($rc)"

# wrong root: same key ID, other key; unknown key ID
c=$($P code gen --wallet "$T/wallet.json" --form qr-offline)
verify --mode terminal --roots "$T/other.pub.json" "$c"
[ $rc -eq 1 ] && got DECLINE CRYPTO && ok || bad "wrong root ($rc)"
verify --mode terminal --roots "$T/root2.json" "$c"
[ $rc -eq 1 ] && got DECLINE UNKNOWN_KEY && ok || bad "unknown root ($rc)"
verify --mode terminal --roots "$T/root2.json,$T/root.pub.json" "$c"
[ $rc -eq 0 ] && got APPROVE OK && ok || bad "several roots ($rc)"

# revocation lists
$P revocation issue --root "$T/root.json" --number 1 --serial 5,1001 --serial 77 --out "$T/r1.crl" && ok || bad "revocation issue"
$P revocation show --root "$T/root.pub.json" "$T/r1.crl" >"$T/crl.json" &&
	grep -q '"serials":[[:space:]]*\[5, 77, 1001\]' "$T/crl.json" &&
	grep -q '"signature":[[:space:]]*"valid"' "$T/crl.json" && ok || bad "revocation show"
c=$($P code gen --wallet "$T/wallet.json" --form qr-offline)
verify --mode terminal $ROOTS --crl "$T/r1.crl" "$c"
[ $rc -eq 1 ] && got DECLINE REVOKED && ok || bad "revoked serial ($rc)"
$P revocation issue --root "$T/root.json" --number 2 --serial 5 --out "$T/r2.crl" && ok || bad "revocation issue 2"
verify --mode terminal $ROOTS --crl "$T/r2.crl" "$c"
[ $rc -eq 0 ] && got APPROVE OK && ok || bad "serial not listed ($rc)"
$P revocation issue --root "$T/other.json" --number 3 --out "$T/bad.crl" && ok || bad "revocation by other root"
verify --mode terminal $ROOTS --crl "$T/bad.crl" "$c"
[ $rc -eq 1 ] && [ ! -s "$T/v.json" ] && grep -q '^error: PC_ERR_VERIFY' "$T/verr" && ok || bad "forged list refused ($rc)"
$P revocation show --root "$T/root.pub.json" "$T/bad.crl" >/dev/null 2>&1; [ $? -eq 1 ] && ok || bad "forged list show"
$P revocation issue --root "$T/root.json" --number 4 --next-update-hours 1 --now "$NOW" --out "$T/r4.crl" && ok || bad "short list"
c=$($P code gen --wallet "$T/wallet.json" --form qr-offline --now $((NOW + 7200)))
verify --mode terminal $ROOTS --crl "$T/r4.crl" --now $((NOW + 7200)) "$c"
[ $rc -eq 1 ] && got REFER_ONLINE CRL_STALE && ok || bad "stale list ($rc)"

# the time window, with a fixed clock
c=$($P code gen --wallet "$T/wallet.json" --form qr-offline --now $((NOW - 200)))
verify --mode terminal $ROOTS --now "$NOW" "$c"
[ $rc -eq 1 ] && got DECLINE EXPIRED && ok || bad "expired ($rc)"
c=$($P code gen --wallet "$T/wallet.json" --form qr-offline --now $((NOW + 100)))
verify --mode terminal $ROOTS --now "$NOW" "$c"
[ $rc -eq 1 ] && got DECLINE NOT_YET_VALID && ok || bad "not yet valid ($rc)"
c=$($P code gen --wallet "$T/wallet.json" --form qr-offline --now $((NOW - 100)))
verify --mode terminal $ROOTS --now "$NOW" "$c"
[ $rc -eq 1 ] && got DECLINE EXPIRED && ok || bad "100 s old, default ttl ($rc)"
verify --mode terminal $ROOTS --now "$NOW" --ttl 90 --skew 15 "$c"
[ $rc -eq 0 ] && got APPROVE OK && ok || bad "100 s old, ttl 90 + skew 15 ($rc)"

# ---- the provider: numeric, qr-online, qr-offline --------------------------
PROV="--mode provider --provider $T/provider.json"
n=$($P code gen --wallet "$T/wallet.json" --form numeric) && ok || bad "code gen numeric"
printf '%s' "$n" | grep -q '^971234567[0-9]\{9\}$' && ok || bad "numeric layout: $n"
verify --mode terminal $ROOTS "$n"
[ $rc -eq 1 ] && got REFER_ONLINE ONLINE_REQUIRED && grep -q '"token":null' "$T/v.json" && ok || bad "terminal given numeric ($rc)"
verify $PROV --state "$T/prov.state" "$n"
[ $rc -eq 0 ] && got APPROVE OK && grep -q '"form":"numeric","token":"0102030405060708"' "$T/v.json" && ok || bad "provider numeric ($rc): $(cat "$T/v.json" "$T/verr")"
verify $PROV --state "$T/prov.state" "$n"
[ $rc -eq 1 ] && got DECLINE REPLAYED && ok || bad "numeric replay ($rc)"
verify $PROV "977654321$(printf '%s' "$n" | cut -c10-)"
[ $rc -eq 1 ] && got DECLINE UNKNOWN_TOKEN && grep -q '"token":null' "$T/v.json" && ok || bad "unknown alias ($rc)"
q=$($P code gen --wallet "$T/wallet.json" --form qr-online --uv pin) && ok || bad "code gen qr-online"
verify --mode terminal $ROOTS "$q"
[ $rc -eq 1 ] && got REFER_ONLINE ONLINE_REQUIRED && ok || bad "terminal given qr-online ($rc)"
verify $PROV --state "$T/prov.state" "$q"
[ $rc -eq 0 ] && got APPROVE OK && grep -q '"flags":2,' "$T/v.json" && ok || bad "provider qr-online ($rc)"
verify $PROV "$(flip "$q" 100)"
[ $rc -eq 1 ] && grep -q '"decision":"DECLINE"' "$T/v.json" && ok || bad "provider tampered qr-online ($rc)"
c=$($P code gen --wallet "$T/wallet.json" --form qr-offline)
verify $PROV $ROOTS "$c"
[ $rc -eq 0 ] && got APPROVE OK && ok || bad "provider qr-offline ($rc)"
$P keygen --master --key-id 7 --out "$T/p2.json" && $P token add --provider "$T/p2.json" \
	--alias 1234567 --token 0102030405060708 --wallet-out "$T/w3.json" --storage "$T/keys3" && ok || bad "second provider"
verify --mode provider --provider "$T/p2.json" "$q"
[ $rc -eq 1 ] && got DECLINE CRYPTO && ok || bad "other master key ($rc)"
verify $PROV "not a code"
[ $rc -eq 1 ] && got DECLINE MALFORMED && grep -q '"form":null,"token":null' "$T/v.json" && ok || bad "garbage code ($rc)"

# ---- QR rendering: stdout carries only the code ----------------------------
if command -v zbarimg >/dev/null 2>&1; then
	c=$($P code gen --wallet "$T/wallet.json" --form qr-offline --qr png --out "$T/c.png") && ok || bad "gen --qr png"
	[ "$(zbarimg --nodbus --raw -q "$T/c.png" 2>/dev/null)" = "$c" ] && ok || bad "zbarimg read back"
else
	echo "SKIP: zbarimg not installed"
fi
$P code gen --wallet "$T/wallet.json" --form qr-online --qr svg --out "$T/c.svg" >"$T/code" &&
	grep -q '<svg' "$T/c.svg" && [ "$(wc -l < "$T/code")" -eq 1 ] && ok || bad "gen --qr svg"
$P code gen --wallet "$T/wallet.json" --form numeric --qr ansi >"$T/code" 2>"$T/draw" &&
	grep -q '█' "$T/draw" && grep -q '^97[0-9]\{16\}$' "$T/code" && ok || bad "gen --qr ansi on stderr"

# ---- malformed inputs: exit 1 and one error line ---------------------------
fails() { # fails PATTERN CMD...: exit 1, nothing on stdout, error line on stderr
	pat=$1; shift
	"$@" >"$T/out" 2>"$T/err"; r=$?
	[ $r -eq 1 ] && [ ! -s "$T/out" ] && grep -q "^error: $pat" "$T/err" && ok || bad "exit $r for: $* ($(cat "$T/err"))"
}
echo 'not json' > "$T/junk.json"
fails PC_ERR_INVALID_ARG $P code gen --wallet "$T/junk.json" --form numeric
sed 's/"otpKey":[[:space:]]*"[0-9a-f]*"/"otpKey": "abc"/' "$T/wallet.json" > "$T/badkey.json"
fails 'PC_ERR_INVALID_ARG: .*otpKey' $P code gen --wallet "$T/badkey.json" --form numeric
fails 'PC_ERR_INVALID_ARG: .*type' $P code verify --mode terminal --roots "$T/wallet.json" "$c"
fails PC_ERR_NOT_FOUND $P code verify --mode terminal --roots "$T/nope.json" "$c"
fails PC_ERR_NOT_FOUND $P cert show "$T/nope.cert"
sed 's/"public":[[:space:]]*"04/"public": "05/' "$T/root.pub.json" > "$T/badpub.json"
fails PC_ERR_BAD_KEY $P code verify --mode terminal --roots "$T/badpub.json" "$c"
printf 'garbage' > "$T/bad.state"
fails PC_ERR_STORAGE $P code verify --mode terminal $ROOTS --state "$T/bad.state" "$c"
fails PC_ERR_CRL_FORMAT $P revocation show "$T/dev.cert"
fails PC_ERR_INVALID_ARG $P cert issue --root "$T/root.pub.json" --wallet "$T/wallet.json" --out "$T/x.cert"

# ---- usage errors exit 2; help exits 0 -------------------------------------
usage() { "$@" >/dev/null 2>&1; r=$?; [ $r -eq 2 ] && ok || bad "usage exit $r for: $*"; }
usage $P code
usage $P code bogus
usage $P code verify
usage $P code verify --mode bogus "$c"
usage $P code verify --mode terminal "$c"
usage $P code verify --mode provider "$c"
usage $P code verify --mode terminal $ROOTS --ttl 5 "$c"
usage $P code verify --mode terminal $ROOTS --bogus "$c"
usage $P code verify --mode terminal $ROOTS "$c" extra
usage $P code gen --wallet "$T/wallet.json"
usage $P code gen --wallet "$T/wallet.json" --form qr-offline --qr png
usage $P code gen --wallet "$T/wallet.json" --form numeric --uv pin
usage $P code gen --wallet "$T/wallet.json" --form numeric --now yesterday
usage $P keygen --root --out "$T/k.json"
usage $P keygen --root --master --key-id 1 --out "$T/k.json"
usage $P keygen --root --key-id x --out "$T/k.json"
usage $P token add --provider "$T/provider.json"
usage $P token add --provider "$T/provider.json" --alias 10000000 --wallet-out "$T/w9.json" --storage "$T/k9"
usage $P cert
usage $P cert issue --root "$T/root.json"
usage $P cert issue --root "$T/root.json" --wallet "$T/wallet.json" --out "$T/x.cert" --max-risk E
usage $P revocation issue --root "$T/root.json" --number 1 --serial x --out "$T/x.crl"
usage $P revocation show
[ ! -e "$T/k.json" ] && [ ! -e "$T/x.cert" ] && [ ! -e "$T/w9.json" ] && ok || bad "usage errors wrote files"
for cmd in keygen token cert revocation code; do
	$P $cmd --help | grep -q "usage: paycode $cmd" && ok || bad "$cmd --help"
done
$P code verify --help | grep -q 'verify --mode' && ok || bad "code verify --help"
$P --help | grep -q 'code verify' && ok || bad "paycode --help lists code"

echo "code cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
