/*
 * otp.json: the published HOTP and TOTP known answers, copied as data from
 * RFC 4226 Appendix D and RFC 6238 Appendix B (never computed here), plus
 * hand-written wrong candidates.
 */
#include <string.h>

#include "vectors_gen.h"

static const char *const pc__header[] = {
	"HOTP (RFC 4226) and TOTP (RFC 6238) known answers, copied from the RFCs as data.",
	"HOTP: RFC 4226 Appendix D: HMAC-SHA-1, 6 digits, key \"12345678901234567890\", counts 0 to 9.",
	"TOTP: RFC 6238 Appendix B: 8 digits, step X = 30 s, T0 = 0, the SHA-1 and SHA-256 rows.",
	"The SHA-256 rows use the 32-byte seed \"12345678901234567890123456789012\" of the RFC's",
	"reference code (Appendix A), not the 20-byte seed its prose names.",
	"Invalid tests are hand-written wrong candidates: a neighbouring step, another hash, digits dropped.",
	"A test passes when the implementation's value, written with leading zeros to `digits` digits,",
	"equals `otp` (valid) or differs from it (invalid). TOTP: T = floor((time - t0) / step).",
	"paycode's numeric codes use TOTP with HMAC-SHA-256 and 8 digits (docs/SPEC.md section 3.2).",
	"Written by `paycode vectors gen` (cli/vectors_gen_otp.c).",
	NULL
};

static const char pc__seed20[] = "12345678901234567890";
static const char pc__seed32[] = "12345678901234567890123456789012";

static cJSON *pc__group(pc_gen *f, const char *type, const char *hash, const char *seed)
{
	cJSON *g = pc_gen_group(f, type);

	cJSON_AddStringToObject(g, "hash", hash);
	cJSON_AddNumberToObject(g, "digits", strcmp(type, "Hotp") == 0 ? 6 : 8);
	if (strcmp(type, "Totp") == 0) {
		cJSON_AddNumberToObject(g, "step", 30);
		cJSON_AddNumberToObject(g, "t0", 0);
	}
	pc_vec_add_hex(g, "key", (const uint8_t *)seed, strlen(seed));
	return g;
}

static void pc__otp(pc_gen *f, cJSON *g, const char *input, int64_t v, const char *otp,
		    const char *result, const char *flags, const char *comment)
{
	cJSON *t = pc_gen_test(f, g, comment, flags);

	cJSON_AddNumberToObject(t, input, (double)v);
	cJSON_AddStringToObject(t, "otp", otp);
	cJSON_AddStringToObject(t, "result", result);
}

static void pc__hotp(pc_gen *f)
{
	static const char *const d[] = { "755224", "287082", "359152", "969429", "338314",
					 "254676", "287922", "162583", "399871", "520489" };
	cJSON *g = pc__group(f, "Hotp", "SHA-1", pc__seed20);
	char c[64];
	int i;

	for (i = 0; i < 10; i++) {
		snprintf(c, sizeof c, "RFC 4226 Appendix D, count %d", i);
		pc__otp(f, g, "counter", i, d[i], "valid", "", c);
	}
	pc__otp(f, g, "counter", 0, d[1], "invalid", "WrongCounter", "the value of count 1 given for count 0");
	pc__otp(f, g, "counter", 1, "0287082", "invalid", "WrongDigits", "count 1 with a seventh digit");
	pc__otp(f, g, "counter", 2, "59152", "invalid", "WrongDigits", "count 2 with its first digit dropped");
}

static const int64_t pc__times[6] = { 59, 1111111109, 1111111111, 1234567890, 2000000000,
				      20000000000 };

static void pc__totp_rows(pc_gen *f, cJSON *g, const char *hash, const char *const v[6])
{
	char c[80];
	int i;

	for (i = 0; i < 6; i++) {
		snprintf(c, sizeof c, "RFC 6238 Appendix B, %s, time %lld", hash,
			 (long long)pc__times[i]);
		pc__otp(f, g, "time", pc__times[i], v[i], "valid",
			i == 5 ? "LargeTime" : v[i][0] == '0' ? "LeadingZero" : "", c);
	}
}

static void pc__totp(pc_gen *f)
{
	static const char *const sha1[] = { "94287082", "07081804", "14050471", "89005924",
					    "69279037", "65353130" };
	static const char *const sha256[] = { "46119246", "68084774", "67062674", "91819424",
					      "90698825", "77737706" };
	cJSON *g = pc__group(f, "Totp", "SHA-1", pc__seed20);

	pc__totp_rows(f, g, "SHA-1", sha1);
	pc__otp(f, g, "time", 1111111109, "7081804", "invalid", "LeadingZero WrongDigits",
		"the leading zero of 07081804 dropped");
	g = pc__group(f, "Totp", "SHA-256", pc__seed32);
	pc__totp_rows(f, g, "SHA-256", sha256);
	pc__otp(f, g, "time", 59, sha1[0], "invalid", "WrongHash",
		"the SHA-1 value of time 59 given for SHA-256");
	pc__otp(f, g, "time", 1111111109, sha256[2], "invalid", "WrongCounter",
		"the value of the next step (time 1111111111) given for time 1111111109");
	pc__otp(f, g, "time", 59, "119246", "invalid", "WrongDigits",
		"the last 6 digits of the 8-digit value of time 59");
}

cJSON *pc_gen_otp_file(void)
{
	pc_gen f;

	pc_gen_init(&f);
	pc__hotp(&f);
	pc__totp(&f);
	return pc_gen_finish(&f, "OTP", "otp_schema.json", pc__header, NULL);
}
