/*
 * Footprint: the wallet-side generator, online forms (numeric and
 * qr-online): HMAC-SHA-256 TOTP and the CPM container with its MAC. The
 * platform gives an rng and a clock only (no key store: offline codes are
 * fp_wallet_off.c).
 * Entry points: pc_wallet_init pc_wallet_numeric pc_wallet_qr
 */
#include <paycode/code.h>

#include "fp.h"
#include "fp_data.h"
#include "mbedtls_heap.h"

static pc_platform fp__plat;
static pc_wallet fp__w;
static char fp__code[PC_QR_CODE_MAX_LEN];

int main(void)
{
	char num[PC_NUMERIC_LEN + 1];
	size_t n = 0;
	pc_err err;

	fp_platform(&fp__plat, FP_NOW);
	fp_begin();
	(void)pc_cm_mbedtls_heap_reset();
	err = pc_wallet_init(&fp__w, &fp__plat, NULL, fp_master, 7,
			     0x0102030405060708ull, 1234567, 1);
	if (err == PC_OK)
		err = pc_wallet_numeric(&fp__w, num);
	if (err == PC_OK)
		err = pc_wallet_qr(&fp__w, PC_FORM_QR_ONLINE, PC_CODE_F_UV_PIN,
				   fp__code, sizeof fp__code, &n);
	fp_end("wallet-online", err == PC_OK && n > 0, pc_cm_mbedtls_heap_high_water(),
	       pc_cm_mbedtls_heap_size());
	pc_wallet_wipe(&fp__w);
	return 0;
}
