#!/bin/sh
# End-to-end contract of `paycode risk` (cli/cmd_risk.c): `risk level` over
# every factor combination (PC-01), `risk check` printing the effective
# configuration as JSON (defaults included) with exit 0, a malformed file
# refused with its line number and exit 1, and usage errors with exit 2.
# PAYCODE: the command to run (may carry a wrapper such as valgrind).
set -u
P=${PAYCODE:-./build/paycode}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# level FACTORS WANT [--static]
level() {
	got=$($P risk level --factors "$1" ${3:-} 2>"$T/err")
	[ "$got" = "$2" ] && ok || bad "level $1 ${3:-}: want $2 got '$got' $(cat "$T/err")"
}

# ---- levels: the PC-01 table ------------------------------------------------
level none C
level knowledge C
level otp C
level cert C
level biometric C
level knowledge,otp B          # password + SMS OTP
level otp,cert C               # one class
level knowledge,cert A
level otp,biometric B
level knowledge,biometric B
level cert,biometric A
level knowledge,otp,biometric B
level otp,cert,biometric A
level knowledge,otp,cert,biometric A
level knowledge,otp,cert,biometric D --static
level none D --static
got=$($P risk level --factors=cert,knowledge) && [ "$got" = A ] && ok || bad "--factors="
$P risk level --factors face >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 2 ] && grep -q '^error: PC_ERR_INVALID_ARG: bad --factors face' "$T/err" && ok || bad "bad factor ($rc)"
$P risk level >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "level without --factors"
$P risk level --factors otp --bogus >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "level unknown option"
$P risk level --factors otp, >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "level empty factor"
$P risk >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "risk alone"
$P risk frobnicate >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "unknown subcommand"
$P risk --help | grep -q '^usage: paycode risk check' && ok || bad "--help"

# ---- check: a good file ----------------------------------------------------
cat >"$T/risk.conf" <<'CONF'
# paycode risk configuration
daily.A            = 2000000    # agreed with the customer
daily.C            = 80000
utc_offset         = +08:00
velocity.token     = 10/60
deny.token         = 0102030405060708
deny.merchant      = M-BAD
allow.terminal     = T-GOOD
bind               = 0102030405060708:1001
mcc.block          = 7995
mcc.step_up        = 4829
mcc.step_up_method = biometric
CONF
$P risk check "$T/risk.conf" >"$T/out.json" 2>"$T/err" && ok || bad "check good: $(cat "$T/err")"
tr -d ' \t\n' <"$T/out.json" >"$T/flat.json"
for f in '"currency":156' '"A":2000000' '"B":500000' '"C":80000' '"D":50000' \
	 '"utcOffset":"+08:00"' '"token":{"max":10,"windowSeconds":60}' \
	 '"deny":{"token":["0102030405060708"]' '"merchant":["M-BAD"]' \
	 '"terminal":["T-GOOD"]' '"floor":10000' '"cumulative":50000' \
	 '"bindings":[{"token":"0102030405060708","serial":1001}]' \
	 '"block":[7995]' '"stepUp":[4829]' '"stepUpMethod":"biometric"'; do
	grep -qF "$f" "$T/flat.json" && ok || bad "check output lacks $f"
done
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/out.json" && ok || bad "JSON does not parse"
fi
# an empty file: the defaults; stdin works
: >"$T/empty.conf"
$P risk check "$T/empty.conf" | tr -d ' \t\n' | grep -qF '"B":500000,"C":100000,"D":50000' && ok || bad "defaults"
printf 'daily.D = 40000\n' | $P risk check - | tr -d ' \t\n' | grep -qF '"D":40000' && ok || bad "stdin"

# ---- check: refusals --------------------------------------------------------
printf 'currency = 156\n\ndaily.B = 500001\n' >"$T/bad.conf"
$P risk check "$T/bad.conf" >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && [ ! -s "$T/out" ] && grep -q "^error: PC_ERR_RISK_CONFIG: .*bad.conf:3: value out of range" "$T/err" && ok || bad "above the PC-02 cap ($rc)"
printf 'deny.merchant = A\nfoo = 1\n' >"$T/bad.conf"
$P risk check "$T/bad.conf" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q ':2: unknown key' "$T/err" && ok || bad "unknown key ($rc)"
$P risk check "$T/missing.conf" >/dev/null 2>&1; [ $? -eq 1 ] && ok || bad "missing file"
$P risk check >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "check without FILE"
$P risk check a b >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "check with two files"

echo "risk cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
