/*
 * Footprint: the terminal-side offline validator: provider root, revocation
 * list, the in-memory replay store, and pc_validate of qr-offline codes
 * (certificate and code signatures: ECDSA P-256 with mbedTLS). Times one
 * validation of a device seen for the first time and one of a device whose
 * certificate is cached.
 * Entry points: pc_memstore_init pc_validator_init pc_validator_add_root
 * pc_validator_set_crl pc_validate
 */
#include <string.h>

#include <paycode/code.h>

#include "fp.h"
#include "fp_data.h"
#include "mbedtls_heap.h"

static pc_platform fp__plat;
static pc_memstore fp__ms;
static pc_store fp__store;
static pc_validator fp__v;

static int fp__validate(const char *name, const char *code)
{
	pc_decision d;
	pc_err err;

	fp_begin();
	(void)pc_cm_mbedtls_heap_reset();
	err = pc_validate(&fp__v, code, strlen(code), &d);
	fp_end(name, err == PC_OK && d.verdict == PC_APPROVE,
	       pc_cm_mbedtls_heap_high_water(), pc_cm_mbedtls_heap_size());
	return err == PC_OK && d.verdict == PC_APPROVE;
}

int main(void)
{
	pc_err err;

	fp_platform(&fp__plat, FP_NOW);
	fp_begin();
	(void)pc_cm_mbedtls_heap_reset();
	pc_memstore_init(&fp__ms, &fp__plat, &fp__store);
	err = pc_validator_init(&fp__v, PC_MODE_TERMINAL, &fp__plat, &fp__store, NULL, NULL);
	if (err == PC_OK)
		err = pc_validator_add_root(&fp__v, FP_ROOT_ID, fp_root_pub);
	if (err == PC_OK)
		err = pc_validator_set_crl(&fp__v, fp_crl, sizeof fp_crl);
	fp_end("validator-setup", err == PC_OK, pc_cm_mbedtls_heap_high_water(),
	       pc_cm_mbedtls_heap_size());
	if (err == PC_OK && fp__validate("validate-first-seen", fp_code1)) {
		fp_set_now(FP_NOW2);
		(void)fp__validate("validate-cached-cert", fp_code2);
	}
	pc_validator_wipe(&fp__v);
	return 0;
}
