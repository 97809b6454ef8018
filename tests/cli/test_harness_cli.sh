#!/bin/sh
# `paycode vectors run --impl`: the line protocol of vectors/README.md run
# against paycode itself (`vectors serve`), the Python example
# implementation, and implementations that are broken, wrong, silent or
# unsupporting, which must fail (exit 1) or be skipped as the README says.
# PAYCODE: the command to run (may carry a wrapper such as valgrind).
set -u
P=${PAYCODE:-./build/paycode}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
last() { tail -n 1 "$T/out"; }

# paycode as its own implementation: everything passes, one line per vector
$P vectors run --impl "$P vectors serve" vectors >"$T/out" && ok || bad "serve: $(last)"
last | grep -Eq '^[1-9][0-9]* passed, 0 failed$' && ok || bad "serve summary: $(last)"
$P vectors run -v vectors >"$T/direct"
[ "$(grep -c '^pass ' "$T/out")" = "$(grep -c '^pass ' "$T/direct")" ] && ok ||
	bad "serve and the in-process run pass different numbers of vectors"
grep -q '^pass cpm-qr-offline.json tcId 1: ' "$T/out" && ok || bad "per-vector report"

# serve itself: one answer line per request line, tcId first
printf '%s\n' '{"type":"group","algorithm":"CRC16-CCITT-FALSE","group":{"type":"Crc16"}}' \
	'{"type":"test","tcId":3,"algorithm":"CRC16-CCITT-FALSE","group":{"type":"Crc16"},"test":{"msg":"313233343536373839"}}' \
	'{"type":"test","tcId":4,"algorithm":"SM4-ECB","group":{"type":"X"},"test":{}}' \
	| $P vectors serve >"$T/serve"
[ "$(sed -n 1p "$T/serve")" = '{"type":"group","ok":true}' ] && ok || bad "group ack: $(sed -n 1p "$T/serve")"
[ "$(sed -n 2p "$T/serve")" = '{"tcId":3,"crc":"29b1"}' ] && ok || bad "crc answer: $(sed -n 2p "$T/serve")"
[ "$(sed -n 3p "$T/serve")" = '{"tcId":4,"result":"unsupported"}' ] && ok || bad "unsupported: $(sed -n 3p "$T/serve")"

# the Python example (standard library only)
if command -v python3 >/dev/null 2>&1; then
	$P vectors run --impl 'python3 vectors/examples/otp_impl.py' vectors/otp.json >"$T/out" &&
		ok || bad "otp_impl.py on otp.json: $(last)"
	last | grep -Eq '^[1-9][0-9]* passed, 0 failed$' && ok || bad "otp_impl.py summary: $(last)"
	$P vectors run --impl 'python3 vectors/examples/otp_impl.py' vectors >"$T/out" &&
		ok || bad "otp_impl.py on every file: $(last)"
	last | grep -Eq '^[1-9][0-9]* passed, 0 failed, [1-9][0-9]* skipped$' && ok ||
		bad "otp_impl.py skips: $(last)"
else
	echo "python3 not found: skipping the example implementation"
fi

# garbage answers fail every vector
$P vectors run --impl "sh -c 'while read l; do echo garbage; done'" vectors/otp.json >"$T/out"
[ $? -eq 1 ] && ok || bad "garbage implementation not rejected"
last | grep -Eq '^0 passed, [1-9][0-9]* failed$' && ok || bad "garbage summary: $(last)"
grep -q 'not a JSON object: garbage' "$T/out" && ok || bad "garbage reason not given"
# a well-formed but wrong implementation fails the valid vectors
$P vectors run --impl "sed -u 's/.*\"tcId\":\\([0-9]*\\).*/{\"tcId\":\\1,\"otp\":\"000000\"}/'" \
	vectors/otp.json >"$T/out"
[ $? -eq 1 ] && ok || bad "wrong implementation not rejected"
grep -q '^FAIL otp.json tcId 1: .*computed 000000' "$T/out" && ok || bad "wrong value not named"
# an implementation that dies, or never answers
$P vectors run --impl 'exit 0' vectors/crc16.json >"$T/out"
[ $? -eq 1 ] && ok || bad "dead implementation not rejected"
$P vectors run --timeout 1 --impl 'sleep 10' vectors/crc16.json >"$T/out"
[ $? -eq 1 ] && ok || bad "silent implementation not rejected"
grep -q 'no answer in time' "$T/out" && ok || bad "timeout not reported"
# "unsupported" answers are skipped, not failed; nothing passed is still exit 1
$P vectors run --impl "sed -u 's/.*\"tcId\":\\([0-9]*\\).*/{\"tcId\":\\1,\"result\":\"unsupported\"}/'" \
	vectors/crc16.json >"$T/out"
[ $? -eq 1 ] && ok || bad "all-skipped run exit status"
last | grep -q '^0 passed, 0 failed, 5 skipped$' && ok || bad "skip summary: $(last)"
grep -q '^skip crc16.json tcId 1: ' "$T/out" && ok || bad "skip report"
$P vectors run --impl "$P vectors serve" --bogus vectors >/dev/null 2>&1
[ $? -eq 2 ] && ok || bad "unknown option"

echo "harness cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
