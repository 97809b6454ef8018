/*
 * Vectors for HOTP (RFC 4226) and TOTP (RFC 6238), otp.json.
 *
 * Groups give the hash ("SHA-1", "SHA-256"), the number of digits and the
 * key (hex); TOTP groups add the time step and T0. A test gives a counter
 * (HOTP) or a Unix time (TOTP) and a candidate "otp"; the answer is the
 * implementation's own {"otp": "..."}, written with leading zeros. The test
 * passes when the answer equals the candidate exactly for a valid test, and
 * differs from it for an invalid one.
 */
#include <string.h>

#include <paycode/code.h>

#include "vectors.h"

static const char *const pc__otp_outputs[] = { "otp", NULL };

/* The group's hash, digits and key; -1 when paycode does not do them. */
static int pc__otp_params(const cJSON *group, pc_otp_alg *alg, unsigned *digits,
			  uint8_t *key, size_t cap, size_t *klen)
{
	const char *hash = pc_vec_str(group, "hash"), *hex = pc_vec_str(group, "key");
	int64_t d;

	if (hash == NULL || hex == NULL || pc_vec_int(group, "digits", &d) != 0 ||
	    d < 6 || d > 9 || strlen(hex) / 2 > cap)
		return -1;
	if (strcmp(hash, "SHA-1") == 0)
		*alg = PC_OTP_SHA1;
	else if (strcmp(hash, "SHA-256") == 0)
		*alg = PC_OTP_SHA256;
	else
		return -1;
	*digits = (unsigned)d;
	*klen = strlen(hex) / 2;
	return pc_vec_unhex(hex, key, *klen);
}

static cJSON *pc__otp_error(const char *msg)
{
	cJSON *a = cJSON_CreateObject();

	cJSON_AddStringToObject(a, "fault", msg);
	return a;
}

/* The answer; "unsupported" for hashes, digits or keys paycode does not do. */
static cJSON *pc__otp_answer(const cJSON *group, uint64_t counter)
{
	uint8_t key[128];
	size_t klen = 0;
	pc_otp_alg alg = PC_OTP_SHA1;
	unsigned digits = 0;
	uint32_t otp = 0;
	char text[16];
	cJSON *a;

	if (pc__otp_params(group, &alg, &digits, key, sizeof key, &klen) != 0 ||
	    pc_hotp(alg, key, klen, counter, digits, &otp) != PC_OK)
		return pc_vec_unsupported();
	snprintf(text, sizeof text, "%0*u", (int)digits, (unsigned)otp);
	a = cJSON_CreateObject();
	cJSON_AddStringToObject(a, "otp", text);
	return a;
}

static cJSON *pc__hotp_eval(void *state, const cJSON *group, const cJSON *test)
{
	int64_t counter;

	(void)state;
	if (pc_vec_int(test, "counter", &counter) != 0 || counter < 0)
		return pc__otp_error("the test needs a counter");
	return pc__otp_answer(group, (uint64_t)counter);
}

/* RFC 6238 §4.2: T = floor((time - T0) / X). */
static cJSON *pc__totp_eval(void *state, const cJSON *group, const cJSON *test)
{
	int64_t t, t0, step;

	(void)state;
	if (pc_vec_int(test, "time", &t) != 0 || pc_vec_int(group, "t0", &t0) != 0 ||
	    pc_vec_int(group, "step", &step) != 0 || step <= 0 || t < t0)
		return pc__otp_error("the test needs time, the group step and t0");
	return pc__otp_answer(group, (uint64_t)((t - t0) / step));
}

static int pc__otp_check(const cJSON *test, const cJSON *answer, char *why, size_t n)
{
	const char *want = pc_vec_str(test, "otp"), *got = pc_vec_str(answer, "otp");
	const char *result = pc_vec_str(test, "result");
	int valid = result != NULL && strcmp(result, "valid") == 0;

	if (want == NULL || got == NULL) {
		snprintf(why, n, "no otp in the %s", want == NULL ? "test" : "answer");
		return 0;
	}
	snprintf(why, n, "computed %s, the test's %s value is %s", got,
		 valid ? "valid" : "invalid", want);
	return (strcmp(want, got) == 0) == valid;
}

const pc_vec_alg pc_vec_hotp = {
	"OTP", "Hotp", pc__otp_outputs,
	pc_vec_no_state, pc__hotp_eval, pc__otp_check, pc_vec_no_end
};

const pc_vec_alg pc_vec_totp = {
	"OTP", "Totp", pc__otp_outputs,
	pc_vec_no_state, pc__totp_eval, pc__otp_check, pc_vec_no_end
};
