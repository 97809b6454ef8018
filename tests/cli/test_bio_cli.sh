#!/bin/sh
# End-to-end contract of `paycode bio` (cli/cmd_bio.c, cli/bio_eval.c):
#   - eval on a synthetic set written by `bio synth` (ISO 2005 and .xyt
#     files) prints exactly the six metric lines and the threshold lines,
#     and agrees with `bio eval --synthetic` on the same seed (the files
#     round-trip the templates exactly); --scores and --det write files;
#   - eval --scores-in and pad-eval on small score files whose rates are
#     worked out by hand below; the DET PNG checked pixel by pixel;
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
# SPEC §6.6: a template that does not parse stops the evaluation (exit 1),
# it is not scored 0
mkdir "$T/broken" && cp "$T/syn/"*.iso "$T/broken/" && printf 'FMR\000 20\000' >"$T/broken/003_2.iso"
$P bio eval "$T/broken" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q '003_2.iso' "$T/err" && ok || bad "eval with an unreadable template ($rc)"
$P bio frobnicate >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "unknown subcommand"
$P bio eval --det "$T/d.bmp" "$T/syn" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q 'PC_ERR_UNSUPPORTED' "$T/err" && ok || bad "bmp DET ($rc)"

# ---- score files (BIO-06) ---------------------------------------------------
# 100 impostor scores 0.00 .. 99.00 and 100 genuine scores 90.00 .. 189.00
# (no raw column: the score in hundredths stands for it). By hand, with
# FNMR(t) = genuine < t and FMR(t) = impostor >= t:
#   t = 95: FMR 5/100 (95..99), FNMR 5/100 (90..94): EER 5.00 %;
#   FMR <= 1 % needs t >= 99: FNMR 9/100 (90..98): FMR100 9.00 %;
#   FMR = 0 needs t >= 100: FNMR 10/100: FMR1000 = ZeroFMR = 10.00 %;
#   threshold FMR 1e-1: at most 10 impostors may reach it, so it is just
#   above the 11th highest impostor (89.00): 89.01, FNMR 0;
#   FMR 1e-2: just above 98.00: 98.01, FNMR 9/100 (90..98).
#   The DET passes through FMR 9 %, FNMR 1 % (t = 91) and the EER point
#   (5 %, 5 %); it never comes near FMR 0.1 % with FNMR 40 % (FNMR is at
#   most 10 %) nor FMR 40 % with FNMR 0.1 % (FNMR is 0 from FMR 10 % up).
{
	echo "probe,gallery,label,score"
	i=0
	while [ $i -lt 100 ]; do
		echo "i$i,r$i,impostor,$i.00"
		echo "g$i,r$i,genuine,$((90 + i)).00"
		i=$((i + 1))
	done
} >"$T/hand.csv"
cat >"$T/hand.want" <<'END'
genuine 100
impostor 100
EER 5.00%
FMR100 9.00%
FMR1000 10.00%
ZeroFMR 10.00%
threshold FMR 1e-1: score 89.01 FNMR 0.00% (calibrated: score 10.00)
threshold FMR 1e-2: score 98.01 FNMR 9.00% (calibrated: score 20.00)
threshold FMR 1e-3: needs 1,000+ impostor comparisons (calibrated: score 30.00)
threshold FMR 1e-4: needs 10,000+ impostor comparisons (calibrated: score 40.00)
threshold FMR 1e-5: needs 100,000+ impostor comparisons (calibrated: score 50.00)
threshold FMR 1e-6: needs 1,000,000+ impostor comparisons (calibrated: score 60.00)
END
$P bio eval --scores-in "$T/hand.csv" --det "$T/hand.png" >"$T/hand.out" && ok || bad "eval --scores-in"
cmp -s "$T/hand.out" "$T/hand.want" && ok || bad "scores-in report: $(diff "$T/hand.want" "$T/hand.out" | head -5)"
python3 tests/cli/det_png_check.py "$T/hand.png" 560 70 blue:5:5 red:9:1 \
	none:0.1:40 none:40:0.1 && ok || bad "DET png pixels"
$P bio eval --scores-in "$T/hand.csv" --det "$T/hand.svg" >/dev/null && grep -q '<circle' "$T/hand.svg" && ok || bad "DET svg EER point"
# the file --scores wrote reads back into the same report
$P bio eval --scores-in "$T/s.csv" >"$T/back.out" && cmp -s "$T/back.out" "$T/dir.out" && ok || bad "scores round trip"
printf 'probe,gallery,label,score\na,b,genuine,1.234\n' >"$T/badsc.csv"
$P bio eval --scores-in "$T/badsc.csv" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q 'line 2' "$T/err" && ok || bad "three fraction digits ($rc)"
printf 'probe,gallery,label,score\na,b,match,1.00\n' >"$T/badsc.csv"
$P bio eval --scores-in "$T/badsc.csv" >/dev/null 2>&1; [ $? -eq 1 ] && ok || bad "bad label"
printf 'a,b,genuine,1.00\n' >"$T/badsc.csv"
$P bio eval --scores-in "$T/badsc.csv" >/dev/null 2>&1; [ $? -eq 1 ] && ok || bad "no header"
$P bio eval --scores-in "$T/hand.csv" "$T/syn" >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "scores-in with DIR"

# PAD scores (ISO/IEC 30107-3), higher = more bona fide, bona fide when
# score >= t. 10 bona fide: 0.90 0.80 0.70 0.60 0.58 0.50 0.40 0.30 0.20
# 0.10; silicone (5): 0.55 0.35 0.25 0.15 0.05; gelatin (20): 0.58 and 19
# times 0.01. By hand:
#   t = 0.5: silicone 0.55 passes, 1/5 = 20 %; gelatin 0.58 passes, 1/20
#   = 5 %; APCER (max) 20 %; bona fide below 0.5: 4/10, BPCER 40 %;
#   BPCER20 (APCER <= 5 %): t = 0.58 (at 0.55 silicone is 20 %): gelatin
#   5 %, silicone 0; bona fide below 0.58: 5/10 = 50 %;
#   BPCER100 (APCER <= 1 %: no attack passes): t above 0.58, the next
#   score is 0.6: bona fide below it 6/10 = 60 %; the default threshold.
{
	echo "label,score"
	for v in 0.90 0.80 0.70 0.60 0.58 0.50 0.40 0.30 0.20 0.10; do echo "bonafide,$v"; done
	for v in 0.55 0.35 0.25 0.15 0.05; do echo "silicone,$v"; done
	echo "gelatin,0.58"
	i=0; while [ $i -lt 19 ]; do echo "gelatin,0.01"; i=$((i + 1)); done
} >"$T/pad.csv"
cat >"$T/pad.want" <<'END'
bonafide 10
species 2
threshold 0.5
APCER silicone 20.00% (1/5)
APCER gelatin 5.00% (1/20)
APCER 20.00% (max over species)
BPCER 40.00% (4/10)
BPCER20 50.00% (threshold 0.58)
BPCER100 60.00% (threshold 0.6)
END
$P bio pad-eval --threshold 0.5 "$T/pad.csv" >"$T/pad.out" && ok || bad "pad-eval"
cmp -s "$T/pad.out" "$T/pad.want" && ok || bad "pad-eval report: $(diff "$T/pad.want" "$T/pad.out" | head -6)"
$P bio pad-eval "$T/pad.csv" >"$T/pad.out" && ok || bad "pad-eval default"
grep -qx 'threshold 0.6' "$T/pad.out" && grep -qx 'APCER 0.00% (max over species)' "$T/pad.out" &&
	grep -qx 'BPCER 60.00% (6/10)' "$T/pad.out" && ok || bad "pad-eval default point"
printf 'bonafide,0.5\nsilicone,nan\n' >"$T/badpad.csv"
$P bio pad-eval "$T/badpad.csv" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q 'line 2' "$T/err" && ok || bad "pad nan ($rc)"
printf 'bonafide,0.5\nbonafide,0.7\n' >"$T/badpad.csv"
$P bio pad-eval "$T/badpad.csv" >/dev/null 2>&1; [ $? -eq 1 ] && ok || bad "pad without attacks"
$P bio pad-eval >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "pad-eval without file"

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
