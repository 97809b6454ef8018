/*
 * Footprint: the wallet-side generator with the offline form as well: a
 * device key pair in the Cortex-M port's key store (flash), a certificate,
 * and qr-offline codes signed with ECDSA P-256 (RFC 6979).
 * Entry points: pc_cm_init pc_wallet_init pc_wallet_set_device
 * pc_wallet_numeric pc_wallet_qr (and the key store hooks)
 */
#include <paycode/code.h>

#include "cm_port.h"
#include "fp.h"
#include "fp_board.h"
#include "fp_data.h"
#include "mbedtls_heap.h"

static pc_cm fp__cm;
static pc_platform fp__plat;
static pc_wallet fp__w;
static char fp__code[PC_QR_CODE_MAX_LEN];

int main(void)
{
	uint8_t pub[PC_P256_PUB_LEN];
	char num[PC_NUMERIC_LEN + 1];
	size_t n = 0;
	pc_err err;

	err = pc_cm_init(&fp__cm, &fp_board, &fp__plat);
	if (err == PC_OK)
		err = pc_cm_format(&fp__cm);
	if (err == PC_OK) /* provisioning: the device key */
		err = fp__plat.key_generate(fp__plat.ctx, 1, PC_KEY_SUITE_P256, pub, sizeof pub);
	if (err == PC_OK)
		err = pc_wallet_init(&fp__w, &fp__plat, NULL, fp_master, 7,
				     FP_CERT_TOKEN, FP_CERT_ALIAS, 1);
	if (err == PC_OK)
		err = pc_wallet_set_device(&fp__w, 1, fp_cert);
	fp_begin();
	(void)pc_cm_mbedtls_heap_reset();
	if (err == PC_OK)
		err = pc_wallet_numeric(&fp__w, num);
	if (err == PC_OK)
		err = pc_wallet_qr(&fp__w, PC_FORM_QR_OFFLINE, PC_CODE_F_UV_PIN,
				   fp__code, sizeof fp__code, &n);
	fp_end("wallet-offline-code", err == PC_OK && n > 0, pc_cm_mbedtls_heap_high_water(),
	       pc_cm_mbedtls_heap_size());
	pc_wallet_wipe(&fp__w);
	return 0;
}
