/*
 * Footprint: the offline validator with the crash-safe replay store on
 * flash (pc_filestore over the Cortex-M port's flash store) instead of
 * the in-memory one.
 * Entry points: pc_cm_init pc_filestore_open pc_validator_init
 * pc_validator_add_root pc_validator_set_crl pc_validate
 */
#include <string.h>

#include <paycode/code.h>

#include "cm_port.h"
#include "fp.h"
#include "fp_board.h"
#include "fp_data.h"
#include "mbedtls_heap.h"

static pc_cm fp__cm;
static pc_platform fp__plat;
static pc_filestore fp__fs;
static pc_store fp__store;
static pc_validator fp__v;

int main(void)
{
	pc_decision d;
	pc_err err;

	err = pc_cm_init(&fp__cm, &fp_board, &fp__plat);
	if (err == PC_OK)
		err = pc_cm_format(&fp__cm);
	fp_begin();
	(void)pc_cm_mbedtls_heap_reset();
	if (err == PC_OK)
		err = pc_filestore_open(&fp__fs, &fp__plat, &fp__store);
	if (err == PC_OK)
		err = pc_validator_init(&fp__v, PC_MODE_TERMINAL, &fp__plat, &fp__store, NULL, NULL);
	if (err == PC_OK)
		err = pc_validator_add_root(&fp__v, FP_ROOT_ID, fp_root_pub);
	if (err == PC_OK)
		err = pc_validator_set_crl(&fp__v, fp_crl, sizeof fp_crl);
	if (err == PC_OK)
		err = pc_validate(&fp__v, fp_code1, strlen(fp_code1), &d);
	fp_end("validate-filestore", err == PC_OK && d.verdict == PC_APPROVE,
	       pc_cm_mbedtls_heap_high_water(), pc_cm_mbedtls_heap_size());
	pc_validator_wipe(&fp__v);
	pc_filestore_wipe(&fp__fs);
	return 0;
}
