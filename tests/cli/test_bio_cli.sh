#!/bin/sh
# End-to-end contract of `paycode bio` (cli/cmd_bio.c, cli/bio_eval.c):
#   - eval on a synthetic set written by `bio synth` (ISO 2005 and .xyt
#     files) prints exactly the six metric lines and the threshold lines,
#     and agrees with `bio eval --synthetic` on the same seed (the files
#     round-trip the templates exactly); --scores and --det write files;
#   - match: a template against itself matches (exit 0), two synthetic
#     fingers do not (exit 1); usage errors exit 2;
#   - with ../shared/data/bio (skipped with a message when absent): EER on
#     FVC2002 DB1_B and DB2_B at least as good as MCC-16 (2.94 % / 2.10 %),
#     the counts 280 / 2,880, known genuine and impostor pairs, and the
#     calibration table of biometric/calib.c reproduced by `bio calibrate`.
# PAYCODE: the command to run (may carry a wrapper such as valgrind).
set -u
P=${PAYCODE:-./build/paycode}
D=${PAYCODE_DATA:-../shared/data}/bio
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# ---- synthetic sets -------------------------------------------------------
$P bio synth --out "$T/syn" --fingers 6 --seed 9 && ok || bad "synth"
[ "$(ls "$T/syn" | wc -l)" -eq 48 ] && [ -f "$T/syn/006_8.iso" ] && ok || bad "synth files"
$P bio eval --scores "$T/s.csv" --det "$T/d.svg" "$T/syn" >"$T/dir.out" && ok || bad "eval dir"
sed -n 1p "$T/dir.out" | grep -qx 'genuine 168' && ok || bad "genuine count: $(sed -n 1p "$T/dir.out")"
sed -n 2p "$T/dir.out" | grep -qx 'impostor 960' && ok || bad "impostor count"
sed -n 3p "$T/dir.out" | grep -Eqx 'EER [0-9]+\.[0-9]{2}%' && ok || bad "EER line"
sed -n 4p "$T/dir.out" | grep -Eqx 'FMR100 [0-9]+\.[0-9]{2}%' && ok || bad "FMR100 line"
sed -n 5p "$T/dir.out" | grep -Eqx 'FMR1000 [0-9]+\.[0-9]{2}%' && ok || bad "FMR1000 line"
sed -n 6p "$T/dir.out" | grep -Eqx 'ZeroFMR [0-9]+\.[0-9]{2}%' && ok || bad "ZeroFMR line"
grep -q '^threshold FMR 1e-2: score ' "$T/dir.out" && ok || bad "threshold line"
[ "$(wc -l <"$T/s.csv")" -eq 1129 ] && head -1 "$T/s.csv" | grep -qx 'probe,gallery,label,score,raw,matched' && ok || bad "scores csv"
grep -q '^<svg' "$T/d.svg" && grep -q '<polyline' "$T/d.svg" && ok || bad "DET svg"
$P bio eval --synthetic 6 --seed 9 >"$T/gen.out" && ok || bad "eval --synthetic"
cmp -s "$T/dir.out" "$T/gen.out" && ok || bad "files and generator disagree"
$P bio synth --out "$T/xyt" --fingers 3 --format xyt && [ -f "$T/xyt/003_8.xyt" ] && ok || bad "synth xyt"
$P bio eval "$T/xyt" | sed -n 1p | grep -qx 'genuine 84' && ok || bad "eval xyt"

# ---- match ------------------------------------------------------------------
$P bio match "$T/syn/001_1.iso" "$T/syn/001_1.iso" >"$T/m.out"; rc=$?
[ $rc -eq 0 ] && grep -q '^decision match' "$T/m.out" && grep -q '^score 100.00$' "$T/m.out" && ok || bad "self match ($rc)"
$P bio match "$T/syn/001_1.iso" "$T/syn/002_1.iso" >"$T/m.out"; rc=$?
[ $rc -eq 1 ] && grep -q '^decision no-match' "$T/m.out" && ok || bad "impostor ($rc)"
printf 'not a template\n' >"$T/junk.xyt"
$P bio match "$T/junk.xyt" "$T/syn/001_1.iso" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q '^error: PC_ERR_BIO_XYT' "$T/err" && ok || bad "junk template ($rc)"
printf 'FMR\000 20\000\000\000\000\036' >"$T/trunc.iso"
$P bio match "$T/trunc.iso" "$T/syn/001_1.iso" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q '^error: PC_ERR_BIO_TRUNCATED' "$T/err" && ok || bad "truncated record ($rc)"
$P bio match "$T/syn/001_1.iso" >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "match with one file"
$P bio eval >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "eval without DIR"
$P bio frobnicate >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "unknown subcommand"
$P bio eval --det "$T/d.png" "$T/syn" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q 'PC_ERR_UNSUPPORTED' "$T/err" && ok || bad "png DET ($rc)"

# ---- FVC-derived development data ---------------------------------------
if [ ! -d "$D/fvc2002/DB1_B" ]; then
	echo "FVC dev data not found at $D; skipping accuracy regression"
else
	for db in DB1_B:2.94 DB2_B:2.10; do
		name=${db%:*} mcc=${db#*:}
		$P bio eval "$D/fvc2002/$name" >"$T/$name.out" && ok || bad "eval $name"
		sed -n 1,2p "$T/$name.out" | tr '\n' ' ' | grep -qx 'genuine 280 impostor 2880 ' && ok || bad "$name counts"
		eer=$(sed -n 's/^EER \([0-9.]*\)%$/\1/p' "$T/$name.out")
		awk -v e="$eer" -v m="$mcc" 'BEGIN { exit !(e <= m) }' && ok || bad "$name EER $eer% worse than MCC-16 $mcc%"
		echo "$name: $(sed -n 3,6p "$T/$name.out" | tr '\n' ' ')"
	done
	$P bio match "$D/fingerjetfx-sd29/a001_06p.ist" "$D/fingerjetfx-sd29/b001_06p.ist" >/dev/null && ok || bad "FingerJetFX genuine pair"
	$P bio match "$D/mpi-afis-xyt/1_1.xyt" "$D/mpi-afis-xyt/1_2.xyt" >/dev/null && ok || bad "mpi-afis genuine pair"
	$P bio match "$D/sourceafis-java-testdata/iso-probe.dat" "$D/sourceafis-java-testdata/iso-nonmatching.dat" >/dev/null; [ $? -eq 1 ] && ok || bad "SourceAFIS impostor pair"
	$P bio match "$D/malformed/fvc2004/DB_1B/101_1_truncate_1_byte.iso" "$D/fvc2002/DB1_B/101_1.iso" >/dev/null 2>"$T/err"
	grep -q '^error: PC_ERR_BIO_TRUNCATED' "$T/err" && ok || bad "malformed sample"
	want=$(sed -n 's/^static const uint32_t knot\[KNOTS\] = \(.*\);$/table \1/p' biometric/calib.c)
	got=$($P bio calibrate "$D/fvc2002/DB1_B" "$D/fvc2002/DB2_B" | grep '^table ')
	[ -n "$want" ] && [ "$got" = "$want" ] && ok || bad "calibration not reproduced: '$got' vs '$want'"
fi

echo "bio cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
