/*
 * Conformance vectors: the algorithm table and small JSON helpers shared by
 * the runner, the server, the harness and the generator.
 */
#include <string.h>

#include "vectors.h"

static const pc_vec_alg *const pc__algs[] = {
	&pc_vec_mpm, &pc_vec_crc16, &pc_vec_hotp, &pc_vec_totp, &pc_vec_validate,
	&pc_vec_risk_level, &pc_vec_risk_seq, &pc_vec_evidence, &pc_vec_journal,
	&pc_vec_bio_open, &pc_vec_bio_seal,
	&pc_vec_bio_check, &pc_vec_bio_seq, &pc_vec_bio_record,
	&pc_vec_assertion,
	&pc_vec_bio_template, &pc_vec_bio_xyt
};

const pc_vec_alg *pc_vec_find(const char *algorithm, const char *group_type)
{
	size_t i;

	if (algorithm == NULL || group_type == NULL)
		return NULL;
	for (i = 0; i < sizeof pc__algs / sizeof pc__algs[0]; i++)
		if (strcmp(pc__algs[i]->algorithm, algorithm) == 0 &&
		    strcmp(pc__algs[i]->group_type, group_type) == 0)
			return pc__algs[i];
	return NULL;
}

void *pc_vec_no_state(const cJSON *group, char *why, size_t n)
{
	(void)why;
	(void)n;
	return (void *)(uintptr_t)group;
}

void pc_vec_no_end(void *state)
{
	(void)state;
}

const char *pc_vec_str(const cJSON *o, const char *k)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, k);

	return cJSON_IsString(j) ? j->valuestring : NULL;
}

int pc_vec_int(const cJSON *o, const char *k, int64_t *out)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, k);
	double d;

	if (!cJSON_IsNumber(j))
		return -1;
	d = j->valuedouble;
	if (!(d > -9007199254740992.0 && d < 9007199254740992.0) ||
	    (double)(int64_t)d != d)
		return -1;
	*out = (int64_t)d;
	return 0;
}

static int pc__nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int pc_vec_unhex(const char *hex, uint8_t *out, size_t len)
{
	size_t i;

	if (hex == NULL || strlen(hex) != 2 * len)
		return -1;
	for (i = 0; i < len; i++) {
		int hi = pc__nibble(hex[2 * i]), lo = pc__nibble(hex[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

void pc_vec_hex(const uint8_t *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

cJSON *pc_vec_add_hex(cJSON *o, const char *k, const uint8_t *p, size_t n)
{
	char buf[2 * 1024 + 1];

	if (n > 1024)
		return NULL;
	pc_vec_hex(p, n, buf);
	return cJSON_AddStringToObject(o, k, buf);
}

cJSON *pc_vec_unsupported(void)
{
	cJSON *a = cJSON_CreateObject();

	cJSON_AddStringToObject(a, "result", "unsupported");
	return a;
}

int pc_vec_is_unsupported(const cJSON *answer)
{
	const char *r = pc_vec_str(answer, "result");

	return r != NULL && strcmp(r, "unsupported") == 0;
}

cJSON *pc_vec_group_params(const cJSON *group)
{
	cJSON *g = cJSON_Duplicate(group, 1);

	cJSON_DeleteItemFromObjectCaseSensitive(g, "tests");
	return g;
}

cJSON *pc_vec_test_inputs(const pc_vec_alg *a, const cJSON *test)
{
	cJSON *t = cJSON_Duplicate(test, 1);
	size_t i;

	cJSON_DeleteItemFromObjectCaseSensitive(t, "flags");
	cJSON_DeleteItemFromObjectCaseSensitive(t, "result");
	for (i = 0; a->outputs[i] != NULL; i++)
		cJSON_DeleteItemFromObjectCaseSensitive(t, a->outputs[i]);
	return t;
}
