/*
 * Vectors for user-verification assertions (SPEC §6.4): bio-assertions.json,
 * algorithm "UV-ASSERTION-VERIFY", group type "AssertionVerify".
 *
 * One group is one verifier: trusted roots and an optional revocation
 * list. Its tests run in order against one replay store created fresh for
 * the group (vectors/README.md). The clock is a platform whose time_now
 * returns the test's "now"; its rng fails, since verification needs no
 * randomness. The answer is {"error": pc_err name}.
 */
#include <stdlib.h>
#include <string.h>

#include <paycode/assertion.h>

#include "vectors.h"

static const char *const pc__ua_outputs[] = { "error", NULL };

typedef struct pc__ua_state {
	pc_time now;
	pc_platform plat;
	pc_memstore ms;
	pc_store store;
	pc_validator v;
} pc__ua_state;

static pc_err pc__ua_time(void *ctx, pc_time *now)
{
	*now = ((pc__ua_state *)ctx)->now;
	return PC_OK;
}

static pc_err pc__ua_no_rng(void *ctx, uint8_t *out, size_t len)
{
	(void)ctx;
	(void)out;
	(void)len;
	return PC_ERR_RNG;
}

static int pc__ua_trust(pc__ua_state *s, const cJSON *g)
{
	static uint8_t crl[PC_CRL_LEN(PC_CRL_MAX)];
	const char *hex = pc_vec_str(g, "crl");
	uint8_t pub[65];
	const cJSON *e;
	int64_t id;

	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(g, "roots")) {
		if (pc_vec_int(e, "keyId", &id) != 0 ||
		    pc_vec_unhex(pc_vec_str(e, "public"), pub, sizeof pub) != 0 ||
		    pc_validator_add_root(&s->v, (uint32_t)id, pub) != PC_OK)
			return -1;
	}
	if (hex == NULL)
		return 0;
	if (strlen(hex) / 2 > sizeof crl || pc_vec_unhex(hex, crl, strlen(hex) / 2) != 0 ||
	    pc_validator_set_crl(&s->v, crl, strlen(hex) / 2) != PC_OK)
		return -1;
	return 0;
}

static void *pc__ua_begin(const cJSON *g, char *why, size_t n)
{
	pc__ua_state *s = calloc(1, sizeof *s);

	if (s == NULL)
		return snprintf(why, n, "out of memory"), NULL;
	s->plat.version = PC_PLATFORM_VERSION;
	s->plat.ctx = s;
	s->plat.rng = pc__ua_no_rng;
	s->plat.time_now = pc__ua_time;
	pc_memstore_init(&s->ms, NULL, &s->store);
	if (pc_validator_init(&s->v, PC_MODE_TERMINAL, &s->plat, &s->store, NULL, NULL) == PC_OK &&
	    pc__ua_trust(s, g) == 0)
		return s;
	snprintf(why, n, "bad roots or revocation list");
	free(s);
	return NULL;
}

/* A list of names into bits 1 << index (index 0 of locs is "none"). */
static int pc__ua_bits(const cJSON *arr, const char *const *names, size_t n, unsigned base,
		       uint8_t *out)
{
	const cJSON *e;
	size_t i;

	*out = 0;
	if (!cJSON_IsArray(arr))
		return -1;
	cJSON_ArrayForEach(e, arr) {
		for (i = 0; i < n && !(cJSON_IsString(e) && strcmp(e->valuestring, names[i]) == 0); i++)
			;
		if (i == n)
			return -1;
		*out = (uint8_t)(*out | 1u << (i + base));
	}
	return 0;
}

/* The policy object into p; the challenge and digest into the buffers. */
static int pc__ua_policy(const cJSON *o, pc_assertion_policy *p, uint8_t ch[64],
			 uint8_t txn[32])
{
	static const char *const uv[] = { "fingerprint", "face", "pin" };
	static const char *const locs[] = { "se", "tee", "app" };
	const char *chx = pc_vec_str(o, "challenge"), *tx = pc_vec_str(o, "txnDigest");
	const char *purpose = pc_vec_str(o, "purpose");
	int64_t v;
	uint8_t k;

	for (k = PC_ASSERT_PAYMENT; purpose != NULL && k <= PC_ASSERT_STEP_UP &&
	     strcmp(purpose, pc_assertion_purpose_name(k)) != 0; k++)
		;
	pc_assertion_policy_default(p, k);
	p->rp_id = pc_vec_str(o, "rpId");
	p->rp_id_len = p->rp_id != NULL ? strlen(p->rp_id) : 0;
	p->challenge_len = chx != NULL ? strlen(chx) / 2 : 0;
	p->challenge = ch;
	if (chx == NULL || p->challenge_len > 64 || pc_vec_unhex(chx, ch, p->challenge_len) != 0 ||
	    (tx != NULL && pc_vec_unhex(tx, txn, 32) != 0) ||
	    pc__ua_bits(cJSON_GetObjectItemCaseSensitive(o, "uvAny"), uv, 3, 0, &p->uv_any) != 0 ||
	    pc__ua_bits(cJSON_GetObjectItemCaseSensitive(o, "locations"), locs, 3, 1,
			&p->locations) != 0)
		return -1;
	p->txn_digest = tx != NULL ? txn : NULL;
	p->require_pad = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "requirePad")) ? 1u : 0u;
	if (pc_vec_int(o, "minAssurance", &v) != 0 || v < 0 || v > 65535)
		return -1;
	p->min_assurance = (uint16_t)v;
	if (pc_vec_int(o, "lastCounter", &v) == 0) {
		p->check_counter = 1;
		p->last_counter = (uint32_t)v;
	}
	if (pc_vec_int(o, "maxAge", &v) != 0)
		return -1;
	p->max_age = (uint32_t)v;
	if (pc_vec_int(o, "skew", &v) != 0)
		return -1;
	p->skew = (uint32_t)v;
	return 0;
}

static cJSON *pc__ua_eval(void *state, const cJSON *group, const cJSON *test)
{
	pc__ua_state *s = state;
	const char *hex = pc_vec_str(test, "assertion");
	uint8_t bin[PC_ASSERT_MAX_LEN + 16], ch[64], txn[32];
	pc_assertion_policy p;
	pc_assertion view;
	size_t n = hex != NULL ? strlen(hex) / 2 : 0;
	int64_t now;
	cJSON *a = cJSON_CreateObject();

	(void)group;
	if (hex == NULL || n > sizeof bin || pc_vec_unhex(hex, bin, n) != 0 ||
	    pc_vec_int(test, "now", &now) != 0 ||
	    pc__ua_policy(cJSON_GetObjectItemCaseSensitive(test, "policy"), &p, ch, txn) != 0) {
		cJSON_AddStringToObject(a, "fault", "the test needs assertion, now and a policy");
		return a;
	}
	s->now = (pc_time)now;
	cJSON_AddStringToObject(a, "error",
				pc_err_name(pc_assertion_verify(&s->v, &p, bin, n, &view)));
	return a;
}

static int pc__ua_check(const cJSON *test, const cJSON *answer, char *why, size_t n)
{
	const char *want = pc_vec_str(test, "error"), *got = pc_vec_str(answer, "error");
	const char *result = pc_vec_str(answer, "result");

	if (want == NULL) {
		snprintf(why, n, "test lacks error");
		return 0;
	}
	snprintf(why, n, "want %s, got %s", want, got != NULL ? got : "?");
	if (got == NULL || strcmp(want, got) != 0)
		return 0;
	/* an answer may add result; it must then agree with the error */
	if (result != NULL && strcmp(result, strcmp(got, "PC_OK") == 0 ? "valid" : "invalid") != 0) {
		snprintf(why, n, "result %s contradicts %s", result, got);
		return 0;
	}
	return 1;
}

static void pc__ua_end(void *state)
{
	pc__ua_state *s = state;

	if (s == NULL)
		return;
	pc_validator_wipe(&s->v);
	free(s);
}

const pc_vec_alg pc_vec_assertion = {
	"UV-ASSERTION-VERIFY", "AssertionVerify", pc__ua_outputs,
	pc__ua_begin, pc__ua_eval, pc__ua_check, pc__ua_end
};
