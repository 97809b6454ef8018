/* The target's vector runner (vectors_run.c). */
#ifndef PAYCODE_CM_VECTORS_RUN_H
#define PAYCODE_CM_VECTORS_RUN_H

typedef struct pc_vt_tally {
	unsigned passed, failed;
} pc_vt_tally;

/** Run every compiled-in vector, print a line per file, add to *t. */
void pc_vt_run_all(pc_vt_tally *t);

#endif
