#!/bin/sh
# `paycode vectors run`: passes on the published files, fails (exit 1) and
# names the tcId when an expectation is tampered with.
set -u
P=${PAYCODE:-./build/paycode}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

$P vectors run vectors >"$T/out" && ok || bad "published vectors"
tail -n 1 "$T/out" | grep -Eq '^[1-9][0-9]* passed, 0 failed$' && ok || bad "summary line: $(tail -n 1 "$T/out")"
# flip the expected CRC of the check value 29b1 -> 29b2
sed 's/"crc": "29b1"/"crc": "29b2"/' vectors/crc16.json > "$T/crc16.json"
$P vectors run "$T/crc16.json" >"$T/out"; rc=$?
[ $rc -eq 1 ] && ok || bad "tampered vector exit $rc"
grep -q '^FAIL crc16.json tcId 1:' "$T/out" && ok || bad "tampered tcId not named"
tail -n 1 "$T/out" | grep -q '^4 passed, 1 failed$' && ok || bad "tampered summary"
# a valid MPM expectation turned invalid is caught too
sed '0,/"result": "valid"/s//"result": "invalid"/' vectors/mpm.json > "$T/mpm.json"
$P vectors run "$T/mpm.json" >/dev/null; [ $? -eq 1 ] && ok || bad "flipped result not caught"
echo '{}' > "$T/bad.json"
$P vectors run "$T/bad.json" >/dev/null 2>&1; [ $? -eq 1 ] && ok || bad "non-vector file"

echo "vectors cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
