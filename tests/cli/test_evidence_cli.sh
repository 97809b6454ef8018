#!/bin/sh
# End-to-end contract of the journal and evidence commands (docs/FILES.md
# §8, docs/SPEC-journal.md): journal init, code verify --journal (every
# decision appended, the code kept, receipts), journal verify / show /
# checkpoint / event / receipt, evidence export and evidence verify with
# the loss verdict; then tampering (a flipped journal byte located by
# record and offset, a torn tail reported then recovered, tampered bundles,
# wrong keys), and usage errors (exit 2).
# PAYCODE: the command to run (may carry a wrapper such as valgrind).
set -u
P=${PAYCODE:-./build/paycode}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# flip one bit of byte AT of FILE (writing a fixed byte would change
# nothing where the file already holds that byte)
flip() {
	python3 -c 'import sys; p, at = sys.argv[1], int(sys.argv[2]); b = bytearray(open(p, "rb").read()); b[at] ^= 1; open(p, "wb").write(b)' "$1" "$2"
}
# has FILE KEY VALUE: the JSON in FILE has "KEY": VALUE (formatted or not)
has() { grep -q "\"$2\":[[:space:]]*$3" "$1"; }
NOW=1800000000
J="$T/term/journal"
mkdir -p "$T/term"

# ---- provider, token, offline device, journal -------------------------------
$P keygen --root --key-id 1 --out "$T/root.json" >/dev/null &&
$P keygen --pub "$T/root.json" --out "$T/root.pub.json" >/dev/null &&
$P keygen --master --key-id 7 --out "$T/provider.json" >/dev/null &&
$P token add --provider "$T/provider.json" --alias 1234567 --token 0102030405060708 \
	--wallet-out "$T/wallet.json" --storage "$T/keys" >/dev/null &&
$P cert issue --root "$T/root.json" --wallet "$T/wallet.json" --serial 1001 --offline \
	--biometric --max-risk A --now $NOW --out "$T/dev.cert" >/dev/null && ok || bad "provisioning"
$P journal init "$J" --key-id 3 --pub-out "$T/jpub.json" --every 4 --writer TERM-7 \
	--now $NOW >"$T/init.json" && ok || bad "journal init"
has "$T/init.json" every 4 && [ -f "$T/term/key-3.p256" ] && ok || bad "init output and key"
grep -q '"paycode-journal-pub"' "$T/jpub.json" && ok || bad "journal public key file"
$P journal init "$J" --key-id 3 --pub-out "$T/jpub2.json" 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q '^error: PC_ERR_STALE' "$T/err" && [ ! -e "$T/jpub2.json" ] && ok || bad "init twice ($rc)"

# ---- decisions into the journal ---------------------------------------------
TV="--mode terminal --roots $T/root.pub.json --state $T/replay --journal $J --now $NOW"
c1=$($P code gen --wallet "$T/wallet.json" --form qr-offline --uv biometric --now $NOW)
$P code verify $TV --txn-id TX-1 --receipt "$T/r1.bin" "$c1" >"$T/v.json" && ok || bad "verify with journal"
grep -q '"decision":"APPROVE"' "$T/v.json" && [ -s "$T/r1.bin" ] && ok || bad "approve and receipt"
$P code verify $TV --txn-id TX-1b --receipt "$T/r1b.bin" "$c1" >"$T/v.json"; rc=$?
[ $rc -eq 1 ] && grep -q '"reason":"REPLAYED"' "$T/v.json" && [ ! -e "$T/r1b.bin" ] && ok || bad "replay journaled, no receipt ($rc)"
c2=$($P code gen --wallet "$T/wallet.json" --form qr-offline --now $NOW)
$P code verify $TV --txn-id TX-2 "$c2" >/dev/null && ok || bad "level C payment"
c3=$($P code gen --wallet "$T/wallet.json" --form qr-online --now $NOW)
$P code verify $TV --txn-id TX-3 "$c3" >"$T/v.json"; rc=$?
[ $rc -eq 1 ] && grep -q '"reason":"ONLINE_REQUIRED"' "$T/v.json" && ok || bad "refer online journaled ($rc)"
$P journal event "$J" --kind lost --token 0102030405060708 --ref CASE-9 --now $NOW >/dev/null && ok || bad "journal event"
$P journal verify "$J" --key "$T/jpub.json" >"$T/s.json" && ok || bad "journal verify"
has "$T/s.json" intact true && has "$T/s.json" decisions 4 && has "$T/s.json" events 1 &&
	has "$T/s.json" signatures '"checked"' && ok || bad "summary"
$P journal show "$J" --txn TX-1 >"$T/show.json" && grep -q '"riskLevel":"A"' "$T/show.json" &&
	grep -q '"liability":false' "$T/show.json" && ok || bad "show TX-1"
$P journal show "$J" --txn TX-2 | grep -q '"riskLevel":"C","factors":\["otp","cert"\],"liability":true' && ok || bad "show TX-2 level C"
! grep -q "$c1" "$J" && ok || bad "the journal holds no code text"
grep -q "$c1" "$J.codes" && ok || bad "the code is kept next to it"

# receipts
$P evidence receipt "$T/r1.bin" --journal-key "$T/jpub.json" >"$T/rc.json" && has "$T/rc.json" txn '"TX-1"' && ok || bad "receipt verifies"
$P journal receipt "$J" --txn TX-2 --out "$T/r2.bin" && $P evidence receipt "$T/r2.bin" --journal-key "$T/jpub.json" >/dev/null && ok || bad "journal receipt"
$P journal receipt "$J" --txn TX-3 --out "$T/r3.bin" 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q 'approved payments' "$T/err" && ok || bad "no receipt for a refusal ($rc)"
flip "$T/r1.bin" 40
$P evidence receipt "$T/r1.bin" --journal-key "$T/jpub.json" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && ok || bad "tampered receipt ($rc)"

# ---- evidence bundles ----------------------------------------------------------
EV="--journal-key $T/jpub.json --roots $T/root.pub.json"
$P evidence export --journal "$J" --txn TX-1 --out "$T/b1.ev" >"$T/x.json" && has "$T/x.json" code true && ok || bad "export TX-1"
$P evidence verify "$T/b1.ev" $EV >"$T/vd.json"; rc=$?
[ $rc -eq 0 ] && has "$T/vd.json" verified true && has "$T/vd.json" lossBearer '"customer"' &&
	has "$T/vd.json" basis '"AUTHORISED_VERIFIED"' && has "$T/vd.json" rootKeyId 1 && ok || bad "verdict TX-1 ($rc)"
# TX-2 has no checkpoint after it yet: export says so; a checkpoint fixes it
$P evidence export --journal "$J" --txn TX-2 --out "$T/b2.ev" >/dev/null 2>"$T/err"; rc=$?
if [ $rc -eq 1 ]; then grep -q 'journal checkpoint' "$T/err" && ok || bad "no checkpoint message"; else ok; fi
$P journal checkpoint "$J" --now $NOW >/dev/null && ok || bad "journal checkpoint"
$P evidence export --journal "$J" --txn TX-2 --out "$T/b2.ev" --force >/dev/null && ok || bad "export TX-2"
$P evidence verify "$T/b2.ev" $EV >"$T/vd.json" && has "$T/vd.json" lossBearer '"institution"' &&
	has "$T/vd.json" basis '"LEVEL_C"' && ok || bad "verdict TX-2 level C"
$P evidence export --journal "$J" --txn TX-3 --out "$T/b3.ev" >/dev/null &&
	$P evidence verify "$T/b3.ev" $EV >"$T/vd.json" && has "$T/vd.json" lossBearer '"none"' && ok || bad "verdict TX-3 not approved"
# the code not kept: the institution bears it
mv "$J.codes" "$T/codes.bak"
$P evidence export --journal "$J" --txn TX-1 --out "$T/b1n.ev" >/dev/null 2>"$T/err" &&
	grep -q 'warning: no code' "$T/err" && ok || bad "export without code"
$P evidence verify "$T/b1n.ev" $EV >"$T/vd.json" && has "$T/vd.json" basis '"EVIDENCE_MISSING"' && ok || bad "verdict without code"
$P evidence export --journal "$J" --txn TX-1 --code "$c2" --out "$T/bx.ev" 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q '^error: PC_ERR_VERIFY' "$T/err" && ok || bad "another code refused ($rc)"
$P evidence export --journal "$J" --txn TX-1 --code "$c1" --out "$T/b1c.ev" >/dev/null && ok || bad "export with --code"
mv "$T/codes.bak" "$J.codes"
# tampered bundles, wrong keys
size=$(wc -c < "$T/b1.ev")
for at in 2 8 30 200 $((size / 2)) $((size - 70)) $((size - 3)); do
	cp "$T/b1.ev" "$T/t.ev"
	flip "$T/t.ev" $at
	$P evidence verify "$T/t.ev" $EV >"$T/vd.json" 2>/dev/null; rc=$?
	[ $rc -eq 1 ] && has "$T/vd.json" verified false && has "$T/vd.json" lossBearer '"institution"' && ok || bad "tampered bundle at $at ($rc)"
done
$P journal init "$T/term/other" --key-id 4 --pub-out "$T/jpub4.json" >/dev/null
$P evidence verify "$T/b1.ev" --journal-key "$T/jpub4.json" --roots "$T/root.pub.json" >"$T/vd.json" 2>/dev/null; rc=$?
[ $rc -eq 1 ] && has "$T/vd.json" fault '"KEY"' && ok || bad "another journal key ($rc)"
$P evidence verify "$T/b1.ev" --journal-key "$T/jpub.json" >"$T/vd.json" 2>/dev/null; rc=$?
[ $rc -eq 1 ] && has "$T/vd.json" fault '"CERT"' && ok || bad "no roots ($rc)"

# ---- a tampered journal: the first bad record, located ------------------------
cp "$J" "$T/j.bak"
off=$($P journal show "$J" --txn TX-2 | sed 's/.*"offset":\([0-9]*\).*/\1/')
seq=$($P journal show "$J" --txn TX-2 | sed 's/.*"seq":\([0-9]*\).*/\1/')
flip "$J" $((off + 40))
$P journal verify "$J" --key "$T/jpub.json" >"$T/s.json" 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && has "$T/s.json" intact false && has "$T/s.json" index "$seq" &&
	has "$T/s.json" offset "$off" && grep -q '^error: PC_ERR_VERIFY' "$T/err" && ok || bad "flipped byte located ($rc)"
c4=$($P code gen --wallet "$T/wallet.json" --form qr-offline --uv biometric --now $NOW)
$P code verify $TV "$c4" >"$T/v.json" 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && [ ! -s "$T/v.json" ] && grep -q 'refusing to append' "$T/err" && ok || bad "no decision on a broken journal ($rc)"
cp "$T/j.bak" "$J"
# a torn tail: reported, then recovered by the next writer
full=$(wc -c < "$J")
head -c 20 "$J" >> "$J"
$P journal verify "$J" --key "$T/jpub.json" >"$T/s.json" 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && has "$T/s.json" fault '"TORN"' && has "$T/s.json" offset "$full" && ok || bad "torn tail reported ($rc)"
c5=$($P code gen --wallet "$T/wallet.json" --form qr-offline --uv biometric --now $NOW)
$P code verify $TV --txn-id TX-5 "$c5" >/dev/null && ok || bad "verify after a torn tail"
$P journal verify "$J" --key "$T/jpub.json" >"$T/s.json" && has "$T/s.json" resumes 1 &&
	has "$T/s.json" tornBytes 20 && ok || bad "torn tail recovered"

# ---- usage errors ---------------------------------------------------------------
for args in "journal" "journal init $J" "journal verify" "journal bogus" \
	    "journal event $J --kind nope --token 0102030405060708" \
	    "evidence export --journal $J --out x" "evidence verify $T/b1.ev" \
	    "evidence export --journal $J --txn A --seq 1 --out x" \
	    "code verify --mode terminal --roots $T/root.pub.json --txn-id A $c1"; do
	$P $args >/dev/null 2>&1; rc=$?
	[ $rc -eq 2 ] && ok || bad "usage: $args ($rc)"
done
$P journal --help | grep -q 'journal init' && ok || bad "journal --help"
$P evidence --help | grep -q 'evidence verify' && ok || bad "evidence --help"

echo "evidence cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
