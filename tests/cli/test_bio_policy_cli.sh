#!/bin/sh
# End-to-end contract of `paycode bio verify | reset | status` (cli/bio_gate.c,
# docs/SPEC.md §6.2) on synthetic templates (`paycode bio synth`), so it
# runs without external data:
#   - no state file: LOCKED with PC_ERR_BIO_NO_STATE until `bio reset
#     --strong-factor` creates it (32 bytes); reset without the flag is a
#     usage error;
#   - a match at the default payment policy prints MATCH, codeFlags 1 and
#     the gallery-adjusted threshold, exit 0; PAD none is refused
#     (PAD_MISSING, not counted); PAD fail is a counted PAD_REJECTED;
#   - five impostor attempts lock for exactly 30 s (--now), a sixth is
#     LOCKED without comparing; after expiry a genuine match is
#     PRIMARY_REQUIRED (exit 1), and a reset restores MATCH;
#   - a corrupted state file locks with PC_ERR_BIO_STATE;
#   - `bio match` prints the default payment policy's threshold.
# PAYCODE: the command to run (may carry a wrapper such as valgrind).
set -u
P=${PAYCODE:-./build/paycode}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
N=1800000000
S="$T/bio-state"
G="$T/syn/001_1.iso"      # the enrolled sample (and the genuine probe)
I="$T/syn/002_1.iso"      # another finger: the impostor probe

# field NAME of the JSON line in $T/out
field() { sed -n "s/.*\"$1\":\\(\"[^\"]*\"\\|-\\{0,1\\}[0-9]*\\|null\\).*/\\1/p" "$T/out"; }
# verify ARGS...: run, keep stdout in $T/out and the exit status in $rc
verify() { $P bio verify --state "$S" "$@" >"$T/out" 2>"$T/err"; rc=$?; }
# want OUTCOME FAILURES LOCKEDUNTIL RC WHAT
want() {
	[ "$(field outcome)" = "\"$1\"" ] && [ "$(field failures)" = "$2" ] &&
	    [ "$(field lockedUntil)" = "$3" ] && [ "$rc" -eq "$4" ] && ok ||
	    bad "$5: $(cat "$T/out") rc=$rc"
}

$P bio synth --out "$T/syn" --fingers 3 --seed 4 >/dev/null && ok || bad "synth"

# ---- provisioning ----------------------------------------------------------
verify --pad pass --now $N "$G" "$G"
want LOCKED 0 0 1 "no state file"
[ "$(field error)" = '"PC_ERR_BIO_NO_STATE"' ] && ok || bad "no state error"
$P bio reset --state "$S" >/dev/null 2>"$T/err"; [ $? -eq 2 ] && ok || bad "reset without --strong-factor"
[ ! -e "$S" ] && ok || bad "reset without the flag wrote a file"
$P bio reset --state "$S" --strong-factor --now $N >"$T/out"; rc=$?
want NONE 0 0 0 "reset creates the state"
[ "$(wc -c <"$S")" -eq 32 ] && ok || bad "state record is not 32 bytes"
head -c 5 "$S" | od -An -tx1 | tr -d ' \n' | grep -qx '5043424101' && ok || bad "record magic/version"

# ---- match, PAD ------------------------------------------------------------
verify --pad pass --now $N "$G" "$G" "$T/syn/001_2.iso"
want MATCH 0 0 0 "genuine match"
[ "$(field codeFlags)" = 1 ] && [ "$(field threshold)" = 4000 ] && [ "$(field effective)" = 4302 ] &&
    [ "$(field matched)" = 0 ] && [ "$(field gallery)" = 2 ] && ok || bad "match fields: $(cat "$T/out")"
verify --now $N "$G" "$G"
want PAD_MISSING 0 0 1 "PAD none on a payment"
[ "$(field error)" = '"PC_ERR_BIO_PAD"' ] && ok || bad "PAD none error"
verify --pad none --purpose unlock --now $N "$G" "$G"
want MATCH 0 0 0 "PAD none on unlock"
[ "$(field codeFlags)" = 0 ] && ok || bad "unlock must not set code flags"
verify --pad fail --now $N "$G" "$G"
want PAD_REJECTED 1 0 1 "PAD fail counted"
verify --pad pass --now $N "$G" "$G"
want MATCH 0 0 0 "match resets one failure"

# ---- lockout ---------------------------------------------------------------
for i in 1 2 3 4; do
	verify --pad pass --now $N "$I" "$G"
	want NO_MATCH $i 0 1 "impostor attempt $i"
done
verify --pad pass --now $N "$I" "$G"
want NO_MATCH 5 $((N + 30)) 1 "fifth failure locks for 30 s"
verify --pad pass --now $((N + 29)) "$G" "$G"
want LOCKED 5 $((N + 30)) 1 "locked at +29 s"
[ "$(field score)" = 0 ] && ok || bad "a locked attempt compared"
$P bio status --state "$S" --now $((N + 29)) >"$T/out"; rc=$?
want LOCKED 5 $((N + 30)) 0 "status while locked"
verify --pad pass --now $((N + 30)) "$G" "$G"
want PRIMARY_REQUIRED 5 0 1 "match after the lock: primary factor required"
[ "$(field codeFlags)" = 0 ] && ok || bad "PRIMARY_REQUIRED must not set code flags"
verify --pad pass --now $((N + 30)) "$I" "$G"
want NO_MATCH 6 $((N + 90)) 1 "next failure: 60 s"
$P bio reset --state "$S" --strong-factor --now $((N + 31)) >/dev/null && ok || bad "reset"
verify --pad pass --now $((N + 31)) "$G" "$G"
want MATCH 0 0 0 "match after reset"

# ---- a corrupted record ------------------------------------------------------
printf 'X' | dd of="$S" bs=1 seek=9 conv=notrunc 2>/dev/null
verify --pad pass --now $N "$G" "$G"
want LOCKED 0 0 1 "corrupted record"
[ "$(field error)" = '"PC_ERR_BIO_STATE"' ] && ok || bad "corrupted record error"

# ---- usage -------------------------------------------------------------------
$P bio verify --pad pass "$G" "$G" >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "verify without --state"
verify --pad maybe "$G" "$G"; [ $rc -eq 2 ] && ok || bad "bad --pad"
verify --purpose shop --pad pass "$G" "$G"; [ $rc -eq 2 ] && ok || bad "bad --purpose"
verify --pad pass "$G"; [ $rc -eq 2 ] && ok || bad "verify without REF"
$P bio verify --state "$T/bad name" --pad pass "$G" "$G" >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "bad state name"
$P bio match "$G" "$G" | grep -qx 'decision match (threshold 40.00, FMR 1e-4)' && ok || bad "bio match threshold"

echo "bio policy cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
