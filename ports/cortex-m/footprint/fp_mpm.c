/*
 * Footprint: the EMV MPM codec, as a POS terminal uses it: decode a
 * merchant payload under a profile found by name (all four layers), read
 * objects, re-encode it, and build a payload with the builder.
 * Entry points: pc_mpm_profile_find pc_mpm_decode pc_mpm_find pc_mpm_value
 * pc_mpm_encode pc_mpm_enc_init pc_mpm_enc_add_str pc_mpm_enc_begin
 * pc_mpm_enc_end pc_mpm_enc_finish
 */
#include <string.h>

#include <paycode/emvqr.h>

#include "fp.h"
#include "fp_data.h"

static pc_mpm fp__m;
static char fp__out[PC_MPM_MAX_LEN];
static const char *volatile fp__profile = "strict";

int main(void)
{
	pc_mpm_enc e;
	size_t n = 0;
	pc_err err;

	fp_begin();
	err = pc_mpm_decode(&fp__m, fp_mpm, strlen(fp_mpm), pc_mpm_profile_find(fp__profile));
	if (err == PC_OK && pc_mpm_find(&fp__m, PC_MPM_NONE, 59) == PC_MPM_NONE)
		err = PC_ERR_INTERNAL;
	if (err == PC_OK && pc_mpm_value(&fp__m, pc_mpm_find(&fp__m, PC_MPM_NONE, 54)).len == 0)
		err = PC_ERR_INTERNAL;
	if (err == PC_OK)
		err = pc_mpm_encode(&fp__m, fp__out, sizeof fp__out, &n);
	fp_end("mpm-decode-encode", err == PC_OK && n == strlen(fp_mpm), 0, 0);

	fp_begin();
	pc_mpm_enc_init(&e, fp__out, sizeof fp__out, PC_MPM_LEN_CHARS);
	pc_mpm_enc_add_str(&e, 0, "01");
	pc_mpm_enc_add_str(&e, 1, "12");
	pc_mpm_enc_begin(&e, 26);
	pc_mpm_enc_add_str(&e, 0, "com.example.pay");
	pc_mpm_enc_add_str(&e, 1, "0001234567");
	pc_mpm_enc_end(&e);
	pc_mpm_enc_add_str(&e, 52, "5411");
	pc_mpm_enc_add_str(&e, 53, "156");
	pc_mpm_enc_add_str(&e, 54, "23.72");
	pc_mpm_enc_add_str(&e, 58, "CN");
	pc_mpm_enc_add_str(&e, 59, "BEST TRANSPORT");
	pc_mpm_enc_add_str(&e, 60, "BEIJING");
	err = pc_mpm_enc_finish(&e, &n);
	fp_end("mpm-build", err == PC_OK, 0, 0);
	return 0;
}
