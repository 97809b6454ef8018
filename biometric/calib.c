/*
 * Calibration of the reference matcher: raw score -> -10 log10(FMR), in
 * hundredths (PC_BIO_SCORE_SCALE).
 *
 * The knots are the raw thresholds at FMR 1, 1e-1, ..., 1e-6 estimated from
 * real impostor comparisons only (never synthetic ones): the FVC protocol
 * inside FVC2002 DB1_B and DB2_B, pooled (5,760 impostor comparisons).
 * Where at least 10 impostor scores exceed a threshold (FMR 1e-1, 1e-2) it
 * is the empirical quantile; beyond, an exponential tail fitted by maximum
 * likelihood to the scores above the 1 % quantile is extrapolated (after
 * ISO/IEC 5152). Reproduce with
 *
 *     paycode bio calibrate ../shared/data/bio/fvc2002/DB1_B \
 *                           ../shared/data/bio/fvc2002/DB2_B
 *
 * whose "table" line must equal knot[] below (tests/cli/test_bio_cli.sh
 * checks it when the data is present). Between knots the map is linear;
 * beyond the last it continues with the last slope, saturating at 10000.
 * 5,760 impostor comparisons certify nothing below FMR ~5e-4 (rule of 3):
 * the 1e-4 .. 1e-6 knots are model extrapolations, docs/BIOMETRICS.md
 * states their limits. Any change of the matcher's raw score requires a new
 * table.
 */
#include <paycode/bio.h>

#include "internal.h"

#define KNOTS 7

static const uint32_t knot[KNOTS] = { 0, 898, 1484, 2046, 2594, 3142, 3690 };

uint32_t pc__bio_calibrate(uint32_t raw)
{
	uint32_t k, lo, hi, v;

	for (k = 1; k < KNOTS - 1 && raw >= knot[k]; k++)
		;
	/* the segment [knot[k-1], knot[k]] (or the last one, extended) */
	lo = knot[k - 1];
	hi = knot[k];
	if (raw < lo)
		return 0;
	v = (k - 1) * 1000u +
	    (uint32_t)(((uint64_t)(raw - lo) * 1000u + (hi - lo) / 2) / (hi - lo));
	return v > 10000u ? 10000u : v;
}
