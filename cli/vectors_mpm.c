/*
 * Vectors for EMV MPM decoding (mpm.json) and the CRC of EMV QRCPS MPM
 * §4.7.3 (crc16.json): paycode's answers and the checks of any answer.
 *
 * An MPM answer is {"result": "valid"|"invalid"} and may add "objects"
 * (the decoded tree), "warnings" (pc_err names of tolerated deviations)
 * and "error" (the pc_err name of the failure); whatever it adds is
 * compared, so paycode's own answers are checked in full while another
 * implementation may give the result only.
 */
#include <stdlib.h>
#include <string.h>

#include "vectors.h"

static const char *const pc__mpm_outputs[] = {
	"objects", "warnings", "expectedError", NULL
};
static const char *const pc__crc_outputs[] = { "crc", NULL };

typedef struct pc__mpm_state {
	const pc_mpm_profile *profile;
	pc_mpm m;
} pc__mpm_state;

static void *pc__mpm_begin(const cJSON *group, char *why, size_t n)
{
	const char *name = pc_vec_str(group, "profile");
	const pc_mpm_profile *pr = pc_mpm_profile_find(name);
	pc__mpm_state *s;

	if (pr == NULL) {
		snprintf(why, n, "unknown profile %s", name ? name : "(none)");
		return NULL;
	}
	s = malloc(sizeof *s);
	if (s == NULL) {
		snprintf(why, n, "out of memory");
		return NULL;
	}
	s->profile = pr;
	return s;
}

static cJSON *pc__warning_names(const pc_mpm *m)
{
	cJSON *a = cJSON_CreateArray();
	size_t i;

	for (i = 0; i < pc_mpm_warning_count(m); i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(pc_err_name(pc_mpm_warning(m, i)->code)));
	return a;
}

static cJSON *pc__mpm_eval(void *state, const cJSON *group, const cJSON *test)
{
	pc__mpm_state *s = state;
	const char *text = pc_vec_str(test, "payload");
	cJSON *a = cJSON_CreateObject();
	pc_err err;

	(void)group;
	if (text == NULL) {
		cJSON_AddStringToObject(a, "fault", "test has no payload");
		return a;
	}
	err = pc_mpm_decode(&s->m, text, strlen(text), s->profile);
	cJSON_AddStringToObject(a, "result", err == PC_OK ? "valid" : "invalid");
	if (err != PC_OK) {
		cJSON_AddStringToObject(a, "error", pc_err_name(err));
		return a;
	}
	cJSON_AddItemToObject(a, "objects", pc_cli_mpm_objects(&s->m, PC_MPM_NONE, 0));
	cJSON_AddItemToObject(a, "warnings", pc__warning_names(&s->m));
	return a;
}

static int pc__mpm_check_valid(const cJSON *test, const cJSON *answer, char *why, size_t n)
{
	const cJSON *got, *want;

	if (strcmp(pc_vec_str(answer, "result") ? pc_vec_str(answer, "result") : "", "valid") != 0) {
		snprintf(why, n, "decode failed: %s", pc_vec_str(answer, "error") ?
			 pc_vec_str(answer, "error") : "result is not \"valid\"");
		return 0;
	}
	got = cJSON_GetObjectItemCaseSensitive(answer, "objects");
	if (got != NULL && !cJSON_Compare(got, cJSON_GetObjectItemCaseSensitive(test, "objects"), 1)) {
		snprintf(why, n, "decoded objects differ");
		return 0;
	}
	got = cJSON_GetObjectItemCaseSensitive(answer, "warnings");
	want = cJSON_GetObjectItemCaseSensitive(test, "warnings");
	if (got != NULL && !(want == NULL ? cJSON_GetArraySize(got) == 0 : cJSON_Compare(got, want, 1))) {
		snprintf(why, n, "warnings differ");
		return 0;
	}
	return 1;
}

static int pc__mpm_check(const cJSON *test, const cJSON *answer, char *why, size_t n)
{
	const char *result = pc_vec_str(test, "result"), *got = pc_vec_str(answer, "result");
	const char *want_err = pc_vec_str(test, "expectedError");
	const char *got_err = pc_vec_str(answer, "error");

	if (result == NULL) {
		snprintf(why, n, "test lacks payload or result");
		return 0;
	}
	if (strcmp(result, "valid") == 0)
		return pc__mpm_check_valid(test, answer, why, n);
	snprintf(why, n, "want %s, got %s", want_err ? want_err : "an error",
		 got_err ? got_err : got ? got : "no result");
	return got != NULL && strcmp(got, "invalid") == 0 &&
	       (want_err == NULL || got_err == NULL || strcmp(want_err, got_err) == 0);
}

static void pc__mpm_end(void *state)
{
	free(state);
}

const pc_vec_alg pc_vec_mpm = {
	"EMV-MPM-DECODE", "MpmDecode", pc__mpm_outputs,
	pc__mpm_begin, pc__mpm_eval, pc__mpm_check, pc__mpm_end
};

/* ---- CRC16-CCITT-FALSE ---------------------------------------------------- */

static cJSON *pc__crc_eval(void *state, const cJSON *group, const cJSON *test)
{
	const char *hex = pc_vec_str(test, "msg");
	size_t n = hex != NULL ? strlen(hex) / 2 : 0;
	uint8_t *buf = malloc(n + 1);
	cJSON *a = cJSON_CreateObject();
	char got[5];

	(void)state;
	(void)group;
	if (buf == NULL || hex == NULL || pc_vec_unhex(hex, buf, n) != 0) {
		cJSON_AddStringToObject(a, "fault", "msg is not lowercase hex");
	} else {
		snprintf(got, sizeof got, "%04x", pc_crc16_ccitt(0xFFFF, buf, n));
		cJSON_AddStringToObject(a, "crc", got);
	}
	free(buf);
	return a;
}

static int pc__crc_check(const cJSON *test, const cJSON *answer, char *why, size_t n)
{
	const char *want = pc_vec_str(test, "crc"), *got = pc_vec_str(answer, "crc");

	snprintf(why, n, "CRC differs: want %s, got %s", want ? want : "?", got ? got : "none");
	return want != NULL && got != NULL && strcmp(want, got) == 0;
}

const pc_vec_alg pc_vec_crc16 = {
	"CRC16-CCITT-FALSE", "Crc16", pc__crc_outputs,
	pc_vec_no_state, pc__crc_eval, pc__crc_check, pc_vec_no_end
};
