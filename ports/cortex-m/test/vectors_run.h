/* The target's vector runner (vectors_run.c). */
#ifndef PAYCODE_CM_VECTORS_RUN_H
#define PAYCODE_CM_VECTORS_RUN_H

#include <stdint.h>

typedef struct pc_vt_tally {
	unsigned passed, failed;
} pc_vt_tally;

/** Count one failed test and print why (got, wanted). */
void pc_vt_fail(pc_vt_tally *t, const char *file, uint32_t tc, const char *why,
		long got, long want);

/** bio-templates.json (vectors_bio_run.c): add to *t; tests beyond the
 *  profile's template capacity are added to *skipped instead. */
void pc_vt_run_bio(pc_vt_tally *t, unsigned *skipped);

/** Run every compiled-in vector, print a line per file, add to *t. */
void pc_vt_run_all(pc_vt_tally *t);

#endif
