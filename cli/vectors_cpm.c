/*
 * Vectors for the validation pipeline of consumer codes (SPEC §3):
 * cpm-numeric.json, cpm-qr-online.json, cpm-qr-offline.json, algorithm
 * "PAYCODE-VALIDATE", group type "CodeValidate".
 *
 * One group is one deployment: parameters, trusted roots, an optional
 * revocation list, and the provider's master keys and alias table. Its
 * tests run in order against one replay store shared by one terminal and
 * one provider validator, created fresh for the group, so a test may
 * depend on what earlier tests consumed (vectors/README.md). The clock is
 * a platform whose time_now returns the test's "now"; its rng fails, since
 * validation needs no randomness.
 */
#include <stdlib.h>
#include <string.h>

#include <paycode/code.h>

#include "vectors.h"

static const char *const pc__val_outputs[] = { "decision", "reason", NULL };

#define PC__VEC_TABLE 16

typedef struct pc__val_state {
	pc_time now;
	pc_platform plat;
	pc_memstore ms;
	pc_store store;
	pc_provider_hooks hooks;
	pc_validator term, prov;
	size_t nmaster, nalias;
	struct { uint32_t id; uint8_t key[PC_KEY_LEN]; } master[PC__VEC_TABLE];
	struct { uint32_t alias, mkid; uint64_t token; } alias[PC__VEC_TABLE];
} pc__val_state;

static pc_err pc__time(void *ctx, pc_time *now)
{
	*now = ((pc__val_state *)ctx)->now;
	return PC_OK;
}

static pc_err pc__no_rng(void *ctx, uint8_t *out, size_t len)
{
	(void)ctx;
	(void)out;
	(void)len;
	return PC_ERR_RNG;
}

static pc_err pc__master(void *ctx, uint32_t id, uint8_t out[PC_KEY_LEN])
{
	const pc__val_state *s = ctx;
	size_t i;

	for (i = 0; i < s->nmaster; i++)
		if (s->master[i].id == id) {
			memcpy(out, s->master[i].key, PC_KEY_LEN);
			return PC_OK;
		}
	return PC_ERR_NOT_FOUND;
}

static pc_err pc__alias(void *ctx, uint32_t alias, uint64_t *token, uint32_t *mkid)
{
	const pc__val_state *s = ctx;
	size_t i;

	for (i = 0; i < s->nalias; i++)
		if (s->alias[i].alias == alias) {
			*token = s->alias[i].token;
			*mkid = s->alias[i].mkid;
			return PC_OK;
		}
	return PC_ERR_NOT_FOUND;
}

/* ttl, skew, step, prefix: each optional, defaulting as SPEC §3.1. */
static int pc__params(const cJSON *g, pc_code_params *p)
{
	const char *prefix = pc_vec_str(g, "prefix");
	int64_t v;

	pc_code_params_default(p);
	if (pc_vec_int(g, "ttl", &v) == 0)
		p->ttl = (uint32_t)v;
	if (pc_vec_int(g, "skew", &v) == 0)
		p->skew = (uint32_t)v;
	if (pc_vec_int(g, "step", &v) == 0)
		p->step = (uint32_t)v;
	if (prefix != NULL) {
		if (strlen(prefix) != 2)
			return -1;
		memcpy(p->prefix, prefix, 3);
	}
	return pc_code_params_check(p) == PC_OK ? 0 : -1;
}

/* A token ID: 16 hex digits, big-endian. */
static int pc__token(const char *hex, uint64_t *out)
{
	uint8_t b[8];
	unsigned i;

	if (pc_vec_unhex(hex, b, 8) != 0)
		return -1;
	for (*out = 0, i = 0; i < 8; i++)
		*out = *out << 8 | b[i];
	return 0;
}

static int pc__tables(pc__val_state *s, const cJSON *g)
{
	const cJSON *e;
	int64_t id, mk;

	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(g, "masterKeys")) {
		if (s->nmaster == PC__VEC_TABLE || pc_vec_int(e, "keyId", &id) != 0 ||
		    pc_vec_unhex(pc_vec_str(e, "key"), s->master[s->nmaster].key, PC_KEY_LEN) != 0)
			return -1;
		s->master[s->nmaster++].id = (uint32_t)id;
	}
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(g, "aliases")) {
		if (s->nalias == PC__VEC_TABLE || pc_vec_int(e, "alias", &id) != 0 ||
		    pc_vec_int(e, "masterKeyId", &mk) != 0 ||
		    pc__token(pc_vec_str(e, "tokenId"), &s->alias[s->nalias].token) != 0)
			return -1;
		s->alias[s->nalias].alias = (uint32_t)id;
		s->alias[s->nalias++].mkid = (uint32_t)mk;
	}
	return 0;
}

/* Roots, then the revocation list (verified against them), on both. */
static int pc__trust(pc__val_state *s, const cJSON *g, char *why, size_t n)
{
	static uint8_t crl[PC_CRL_LEN(PC_CRL_MAX)];
	const char *hex = pc_vec_str(g, "crl");
	uint8_t pub[65];
	const cJSON *e;
	int64_t id;

	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(g, "roots")) {
		if (pc_vec_int(e, "keyId", &id) != 0 ||
		    pc_vec_unhex(pc_vec_str(e, "public"), pub, sizeof pub) != 0 ||
		    pc_validator_add_root(&s->term, (uint32_t)id, pub) != PC_OK ||
		    pc_validator_add_root(&s->prov, (uint32_t)id, pub) != PC_OK)
			return snprintf(why, n, "bad root"), -1;
	}
	if (hex == NULL)
		return 0;
	if (strlen(hex) / 2 > sizeof crl || pc_vec_unhex(hex, crl, strlen(hex) / 2) != 0 ||
	    pc_validator_set_crl(&s->term, crl, strlen(hex) / 2) != PC_OK ||
	    pc_validator_set_crl(&s->prov, crl, strlen(hex) / 2) != PC_OK)
		return snprintf(why, n, "the revocation list does not install"), -1;
	return 0;
}

static void *pc__val_begin(const cJSON *g, char *why, size_t n)
{
	pc__val_state *s = calloc(1, sizeof *s);
	pc_code_params p;

	if (s == NULL)
		return snprintf(why, n, "out of memory"), NULL;
	s->plat.version = PC_PLATFORM_VERSION;
	s->plat.ctx = s;
	s->plat.rng = pc__no_rng;
	s->plat.time_now = pc__time;
	s->hooks.ctx = s;
	s->hooks.master_key = pc__master;
	s->hooks.lookup_alias = pc__alias;
	pc_memstore_init(&s->ms, NULL, &s->store);
	if (pc__params(g, &p) != 0 || pc__tables(s, g) != 0) {
		snprintf(why, n, "bad parameters, masterKeys or aliases");
		goto out_free;
	}
	if (pc_validator_init(&s->term, PC_MODE_TERMINAL, &s->plat, &s->store, NULL, &p) != PC_OK ||
	    pc_validator_init(&s->prov, PC_MODE_PROVIDER, &s->plat, &s->store, &s->hooks, &p) != PC_OK) {
		snprintf(why, n, "validator set-up failed");
		goto out_free;
	}
	if (pc__trust(s, g, why, n) == 0)
		return s;
out_free:
	free(s);
	return NULL;
}

static cJSON *pc__val_eval(void *state, const cJSON *group, const cJSON *test)
{
	pc__val_state *s = state;
	const char *code = pc_vec_str(test, "code"), *mode = pc_vec_str(test, "mode");
	pc_decision d;
	int64_t now;
	cJSON *a;

	(void)group;
	a = cJSON_CreateObject();
	if (code == NULL || mode == NULL || pc_vec_int(test, "now", &now) != 0 ||
	    (strcmp(mode, "terminal") != 0 && strcmp(mode, "provider") != 0)) {
		cJSON_AddStringToObject(a, "fault", "the test needs code, now and mode");
		return a;
	}
	s->now = (pc_time)now;
	if (pc_validate(strcmp(mode, "terminal") == 0 ? &s->term : &s->prov, code,
			strlen(code), &d) != PC_OK) {
		cJSON_AddStringToObject(a, "fault", "pc_validate failed");
		return a;
	}
	cJSON_AddStringToObject(a, "decision", pc_verdict_name(d.verdict));
	cJSON_AddStringToObject(a, "reason", pc_reason_name(d.reason));
	return a;
}

static int pc__val_check(const cJSON *test, const cJSON *answer, char *why, size_t n)
{
	const char *wd = pc_vec_str(test, "decision"), *wr = pc_vec_str(test, "reason");
	const char *gd = pc_vec_str(answer, "decision"), *gr = pc_vec_str(answer, "reason");
	const char *result = pc_vec_str(answer, "result");

	if (wd == NULL || wr == NULL) {
		snprintf(why, n, "test lacks decision or reason");
		return 0;
	}
	snprintf(why, n, "want %s %s, got %s %s", wd, wr, gd ? gd : "?", gr ? gr : "?");
	if (gd == NULL || gr == NULL || strcmp(wd, gd) != 0 || strcmp(wr, gr) != 0)
		return 0;
	/* an answer may add result; it must then agree with the decision */
	if (result != NULL && strcmp(result, strcmp(gd, "APPROVE") == 0 ? "valid" : "invalid") != 0) {
		snprintf(why, n, "result %s contradicts %s", result, gd);
		return 0;
	}
	return 1;
}

static void pc__val_end(void *state)
{
	pc__val_state *s = state;

	if (s == NULL)
		return;
	pc_validator_wipe(&s->term);
	pc_validator_wipe(&s->prov);
	free(s);
}

const pc_vec_alg pc_vec_validate = {
	"PAYCODE-VALIDATE", "CodeValidate", pc__val_outputs,
	pc__val_begin, pc__val_eval, pc__val_check, pc__val_end
};
