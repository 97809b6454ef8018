/*
 * Footprint: pc_selftest (every known-answer test), as run at power-on.
 * Entry points: pc_selftest
 */
#include <paycode/selftest.h>

#include "fp.h"
#include "mbedtls_heap.h"

int main(void)
{
	pc_err err;

	fp_begin();
	(void)pc_cm_mbedtls_heap_reset();
	err = pc_selftest(NULL, NULL);
	fp_end("selftest", err == PC_OK, pc_cm_mbedtls_heap_high_water(),
	       pc_cm_mbedtls_heap_size());
	return 0;
}
