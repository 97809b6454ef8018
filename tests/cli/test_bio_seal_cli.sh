#!/bin/sh
# End-to-end contract of `paycode bio seal` and `paycode bio unseal-check`
# (cli/cmd_bio_seal.c, SPEC §6.3):
#   - seal writes a 0600 blob and creates the folder's sealing key (0600);
#   - unseal-check prints exactly the seven header lines and "opens yes"
#     with the same folder, "opens no PC_ERR_VERIFY" with another folder,
#     "opens no PC_ERR_BIO_SEAL_ID" for another enrolment ID, and never a
#     minutia coordinate;
#   - a damaged blob is refused; an existing --out is kept; usage errors
#     exit 2.
# PAYCODE: the command to run (may carry a wrapper such as valgrind).
set -u
P=${PAYCODE:-./build/paycode}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
mode() { stat -c %a "$1" 2>/dev/null || stat -f %Lp "$1"; }

$P bio synth --out "$T/syn" --fingers 1 --seed 5 --format xyt >/dev/null && ok || bad "synth"
mkdir "$T/dev1" "$T/dev2"
$P bio seal --key-dir "$T/dev1" --id 0x0102030405060708 --key-id 7 --out "$T/blob" \
    "$T/syn/001_1.xyt" "$T/syn/001_2.xyt" >"$T/seal.out" && ok || bad "seal"
grep -Eqx 'sealed 2 views, [0-9]+ bytes, key-id 7' "$T/seal.out" && ok || bad "seal output: $(cat "$T/seal.out")"
[ "$(mode "$T/blob")" = 600 ] && ok || bad "blob mode $(mode "$T/blob")"
[ "$(mode "$T/dev1/seal-7.p256")" = 600 ] && [ "$(wc -c <"$T/dev1/seal-7.p256")" -eq 32 ] && ok || bad "sealing key file"
head -c 4 "$T/blob" | grep -q '^PCBT$' && ok || bad "magic"

$P bio unseal-check --key-dir "$T/dev1" "$T/blob" >"$T/check.out" && ok || bad "unseal-check same device"
[ "$(wc -l <"$T/check.out")" -eq 8 ] && ok || bad "line count $(wc -l <"$T/check.out")"
sed -n 1p "$T/check.out" | grep -qx 'version 1' && ok || bad "version line"
sed -n 3p "$T/check.out" | grep -qx 'key-id 7' && ok || bad "key-id line"
sed -n 4p "$T/check.out" | grep -qx 'template-id 72623859790382856' && ok || bad "template-id line"
sed -n 6p "$T/check.out" | grep -qx 'samples 2' && ok || bad "samples line"
sed -n 8p "$T/check.out" | grep -qx 'opens yes' && ok || bad "opens yes"
# No minutia leaves: none of the first template's "x y" pairs is printed.
leak=0
while read -r x y _; do
	grep -q "$x $y" "$T/check.out" && leak=1
done <"$T/syn/001_1.xyt"
[ $leak -eq 0 ] && ok || bad "a minutia was printed"

$P bio unseal-check --key-dir "$T/dev2" "$T/blob" >"$T/other.out"
[ $? -eq 1 ] && tail -1 "$T/other.out" | grep -qx 'opens no PC_ERR_VERIFY' && ok || bad "another device"
$P bio unseal-check --key-dir "$T/dev1" --id 5 "$T/blob" >"$T/id.out"
[ $? -eq 1 ] && tail -1 "$T/id.out" | grep -qx 'opens no PC_ERR_BIO_SEAL_ID' && ok || bad "another enrolment"
$P bio unseal-check "$T/blob" | tail -1 | grep -qx 'opens unchecked (no --key-dir)' && ok || bad "no key dir"

# A flipped tag byte, a cut blob.
cp "$T/blob" "$T/flip"
printf '\377' | dd of="$T/flip" bs=1 seek=$(($(wc -c <"$T/blob") - 1)) conv=notrunc 2>/dev/null
$P bio unseal-check --key-dir "$T/dev1" "$T/flip" | tail -1 | grep -qx 'opens no PC_ERR_VERIFY' && ok || bad "flipped tag"
head -c 40 "$T/blob" >"$T/cut"
$P bio unseal-check --key-dir "$T/dev1" "$T/cut" 2>"$T/cut.err" >/dev/null
[ $? -eq 1 ] && grep -q 'PC_ERR_BIO_SEALED' "$T/cut.err" && ok || bad "cut blob"

# No clobber; usage errors.
$P bio seal --key-dir "$T/dev1" --id 1 --out "$T/blob" "$T/syn/001_1.xyt" 2>/dev/null
[ $? -eq 1 ] && ok || bad "existing --out replaced"
$P bio seal --key-dir "$T/dev1" --out "$T/b2" "$T/syn/001_1.xyt" 2>/dev/null
[ $? -eq 2 ] && ok || bad "missing --id"
$P bio seal --key-dir "$T/dev1" --id -1 --out "$T/b2" "$T/syn/001_1.xyt" 2>/dev/null
[ $? -eq 2 ] && ok || bad "negative --id"
$P bio unseal-check 2>/dev/null
[ $? -eq 2 ] && ok || bad "unseal-check without BLOB"

echo "bio seal cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
