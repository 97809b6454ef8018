/*
 * Real payment codes for the Redis store tests: a fake-port platform whose
 * clock is set to the real time (Redis expires keys on its own clock, so
 * the codes' expiries must lie in Redis's future), one provider master key,
 * one token, a wallet making qr-online codes and provider-mode validators.
 */
#ifndef PAYCODE_RCODES_H
#define PAYCODE_RCODES_H

#include <paycode/code.h>
#include "fake.h"

#define RC_MASTER_ID 7u
#define RC_TOKEN 0x0102030405060708ull
#define RC_ALIAS 1234567u

static pc_fake rc_fk;
static pc_platform rc_plat;
static uint8_t rc_master[PC_KEY_LEN];
static pc_wallet rc_w;

static inline pc_err rc_hook_master(void *ctx, uint32_t id, uint8_t out[PC_KEY_LEN])
{
	(void)ctx;
	if (id != RC_MASTER_ID)
		return PC_ERR_NOT_FOUND;
	memcpy(out, rc_master, PC_KEY_LEN);
	return PC_OK;
}

static inline pc_err rc_hook_alias(void *ctx, uint32_t alias, uint64_t *token,
				   uint32_t *mkid)
{
	(void)ctx;
	if (alias != RC_ALIAS)
		return PC_ERR_NOT_FOUND;
	*token = RC_TOKEN;
	*mkid = RC_MASTER_ID;
	return PC_OK;
}

static const pc_provider_hooks rc_hooks = { NULL, rc_hook_master, rc_hook_alias, NULL };

/* Platform at the real time, master key, wallet. false on any failure. */
static inline bool rc_setup(void)
{
	uint8_t tok[PC_KEY_LEN];
	size_t i;

	pc_fake_init(&rc_fk, 7, &rc_plat);
	pc_fake_set_time(&rc_fk, (pc_time)time(NULL));
	for (i = 0; i < PC_KEY_LEN; i++)
		rc_master[i] = (uint8_t)(0xA0 + i);
	return pc_token_key(rc_master, RC_MASTER_ID, RC_TOKEN, tok) == PC_OK &&
	       pc_wallet_init(&rc_w, &rc_plat, NULL, tok, RC_MASTER_ID, RC_TOKEN,
			      RC_ALIAS, 0) == PC_OK;
}

/* Follow the real clock (codes made now are valid for ttl + skew = 90 s). */
static inline void rc_tick(void)
{
	pc_fake_set_time(&rc_fk, (pc_time)time(NULL));
}

/* The wallet's next qr-online code; 0 on failure. */
static inline size_t rc_code(char out[PC_QR_CODE_MAX_LEN])
{
	size_t n = 0;

	if (pc_wallet_qr(&rc_w, PC_FORM_QR_ONLINE, PC_CODE_F_UV_BIOMETRIC, out,
			 PC_QR_CODE_MAX_LEN, &n) != PC_OK)
		return 0;
	return n;
}

/* A provider-mode validator over `st`. */
static inline bool rc_validator(pc_validator *v, const pc_store *st)
{
	return pc_validator_init(v, PC_MODE_PROVIDER, &rc_plat, st, &rc_hooks,
				 NULL) == PC_OK;
}

/* Validate; the decision, or a DECLINE/MALFORMED stand-in on API failure. */
static inline pc_decision rc_judge(pc_validator *v, const char *code, size_t n)
{
	pc_decision d;

	if (pc_validate(v, code, n, &d) != PC_OK) {
		memset(&d, 0, sizeof d);
		d.verdict = PC_DECLINE;
		d.reason = PC_R_MALFORMED;
	}
	return d;
}

#endif /* PAYCODE_RCODES_H */
