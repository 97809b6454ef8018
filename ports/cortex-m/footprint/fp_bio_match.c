/*
 * Footprint: paycode's reference minutiae matcher, as a terminal verifies
 * a presented finger against one enrolled template: prepare both (the
 * enrolled one would be prepared once and kept), compare. Templates come
 * as pc_bio_template (the parser has its own row); the genuine pair is
 * two impressions of one synthetic finger, the impostor a third finger.
 * Entry points: pc_bio_prepare pc_bio_compare
 */
#include <paycode/bio.h>

#include "fp.h"
#include "fp_data.h"

static pc_bio_prepared fp__probe, fp__ref;

int main(void)
{
	uint32_t score = 0;
	pc_err err;

	fp_begin();
	err = pc_bio_prepare(&fp_bio_a, &fp__ref);
	fp_end("bio-prepare", err == PC_OK, 0, 0);

	fp_begin();
	err = pc_bio_prepare(&fp_bio_b, &fp__probe);
	if (err == PC_OK)
		err = pc_bio_compare(&fp__probe, &fp__ref, &score, NULL);
	fp_end("bio-prepare-compare-genuine", err == PC_OK &&
	       score >= PC_BIO_SCORE_FOR_FMR_EXP(4), 0, 0);

	fp_begin();
	err = pc_bio_compare(&fp__probe, &fp__ref, &score, NULL);
	fp_end("bio-compare-genuine", err == PC_OK &&
	       score >= PC_BIO_SCORE_FOR_FMR_EXP(4), 0, 0);

	fp_begin();
	err = pc_bio_prepare(&fp_bio_c, &fp__probe);
	if (err == PC_OK)
		err = pc_bio_compare(&fp__probe, &fp__ref, &score, NULL);
	fp_end("bio-prepare-compare-impostor", err == PC_OK &&
	       score < PC_BIO_SCORE_FOR_FMR_EXP(4), 0, 0);
	pc_bio_prepared_wipe(&fp__probe);
	pc_bio_prepared_wipe(&fp__ref);
	return 0;
}
