/*
 * cpm-numeric.json: the 18-digit numeric form (SPEC §3.2), validated by a
 * provider; terminals refer it online.
 *
 * Window arithmetic used below, with the defaults (ttl 60, skew 30, step
 * 15) and NOW = 1800000000 = step 120000000 (digit 0): at NOW the window
 * holds the steps 119999994 .. 120000002, digits 4..9, 0, 1, 2; digit 3
 * names no step.
 */
#include <string.h>

#include "vectors_gen.h"

#define NOW PC_GEN_NOW

static const char *const pc__header[] = {
	"Consumer-presented numeric codes (docs/SPEC.md section 3.2): prefix(2) alias(7) step digit(1) TOTP(8).",
	"Validated by a provider; a terminal answers REFER_ONLINE ONLINE_REQUIRED.",
	NULL
};

#define V(flags, mode, now, code, expect, comment) \
	pc_gen_case(f, g, flags, mode, (pc_time)(now), code, expect, comment)

static cJSON *pc__group(pc_gen *f, const pc_code_params *p)
{
	const pc_gen_fix *fx = pc_gen_fixture();
	cJSON *g = pc_gen_group(f, "CodeValidate");

	pc_gen_params(g, p);
	cJSON_AddArrayToObject(g, "roots");
	pc_gen_add_master(g, PC_GEN_MK, fx->master);
	pc_gen_add_alias(g, PC_GEN_ALIAS1, PC_GEN_TOKEN1, PC_GEN_MK);
	pc_gen_add_alias(g, PC_GEN_ALIAS2, PC_GEN_TOKEN2, PC_GEN_MK);
	pc_gen_add_alias(g, PC_GEN_ALIAS3, PC_GEN_TOKEN3, PC_GEN_MK_UNKNOWN);
	return g;
}

static void pc__basic(pc_gen *f, cJSON *g, pc_wallet *w1)
{
	char c[PC_NUMERIC_LEN + 1];

	f->bad |= pc_gen_numeric(w1, NOW, c);
	V("", "provider", NOW, c, "APPROVE OK", "a fresh code, in its own step");
	V("Replay", "provider", NOW, c, "DECLINE REPLAYED", "the same code again");
	V("Replay EdgeOfWindow", "provider", NOW + 90, c, "DECLINE REPLAYED",
	  "the same code at the last second of its window: still consumed");
	V("OnlineOnly", "terminal", NOW, c, "REFER_ONLINE ONLINE_REQUIRED",
	  "a terminal cannot validate the numeric form");
	f->bad |= pc_gen_numeric(w1, NOW + 15, c);
	V("", "provider", NOW + 15, c, "APPROVE OK", "the next step gives a new code");
}

/* Each digit changed by +1 (mod 10), on a code of step 120000002 checked
 * at NOW + 30: the window there is 119999996 .. 120000004, so the step
 * digit 2 -> 3 names step 120000003 and the OTP differs. */
static void pc__digits(pc_gen *f, cJSON *g, pc_wallet *w1)
{
	char c[PC_NUMERIC_LEN + 1], bad[PC_NUMERIC_LEN + 1], comment[96];
	unsigned i;

	f->bad |= pc_gen_numeric(w1, NOW + 30, c);
	for (i = 0; i < PC_NUMERIC_LEN; i++) {
		memcpy(bad, c, sizeof bad);
		bad[i] = (char)('0' + (c[i] - '0' + 1) % 10);
		snprintf(comment, sizeof comment, "digit %u (%s) changed %c -> %c", i + 1,
			 i < 2 ? "prefix: not a numeric code of this deployment" :
			 i < 9 ? "alias" : i == 9 ? "step" : "OTP", c[i], bad[i]);
		V(i < 2 ? "Tampered WrongPrefix" : i < 9 ? "Tampered UnknownAlias" :
		  i == 9 ? "Tampered StepAlias" : "Tampered", "provider", NOW + 30, bad,
		  i < 2 ? "DECLINE MALFORMED" : i < 9 ? "DECLINE UNKNOWN_TOKEN" : "DECLINE CRYPTO",
		  comment);
	}
	V("", "provider", NOW + 30, c, "APPROVE OK",
	  "the genuine code after its 18 variants: a rejected code consumes nothing");
}

static void pc__lookups(pc_gen *f, cJSON *g)
{
	const pc_gen_fix *fx = pc_gen_fixture();
	pc_code_params p;
	char c[PC_NUMERIC_LEN + 1];
	pc_wallet w;

	pc_code_params_default(&p);
	memcpy(p.prefix, "98", 3);
	f->bad |= pc_gen_wallet(&w, &p, fx->master, PC_GEN_MK, PC_GEN_TOKEN1, PC_GEN_ALIAS1);
	f->bad |= pc_gen_numeric(&w, NOW, c);
	V("WrongPrefix", "provider", NOW, c, "DECLINE MALFORMED",
	  "a genuine code of a deployment whose prefix is 98");
	f->bad |= pc_gen_wallet(&w, NULL, fx->master, PC_GEN_MK, PC_GEN_TOKEN1, 7654321);
	f->bad |= pc_gen_numeric(&w, NOW, c);
	V("UnknownAlias", "provider", NOW, c, "DECLINE UNKNOWN_TOKEN", "alias 7654321 is not assigned");
	f->bad |= pc_gen_wallet(&w, NULL, fx->master_other, PC_GEN_MK_UNKNOWN, PC_GEN_TOKEN3,
				PC_GEN_ALIAS3);
	f->bad |= pc_gen_numeric(&w, NOW, c);
	V("UnknownKey", "provider", NOW, c, "DECLINE UNKNOWN_KEY",
	  "alias 7000001 maps to master key 8, which the provider does not hold");
	f->bad |= pc_gen_wallet(&w, NULL, fx->master_wrong, PC_GEN_MK, PC_GEN_TOKEN1, PC_GEN_ALIAS1);
	f->bad |= pc_gen_numeric(&w, NOW, c);
	V("WrongKey", "provider", NOW, c, "DECLINE CRYPTO",
	  "token key derived from another master key under ID 7");
	f->bad |= pc_gen_wallet(&w, NULL, fx->master, PC_GEN_MK, PC_GEN_TOKEN2, PC_GEN_ALIAS2);
	f->bad |= pc_gen_numeric(&w, NOW, c);
	V("LeadingZero", "provider", NOW, c, "APPROVE OK", "alias 42, written 0000042");
}

static void pc__window(pc_gen *f, cJSON *g, pc_wallet *w1, pc_wallet *w2)
{
	char c[PC_NUMERIC_LEN + 1];

	f->bad |= pc_gen_numeric(w1, NOW - 105, c);
	V("Expired", "provider", NOW, c, "DECLINE EXPIRED",
	  "made 105 s ago: its step digit 3 names no step of the window");
	f->bad |= pc_gen_numeric(w1, NOW - 120, c);
	V("Expired StepAlias", "provider", NOW, c, "DECLINE CRYPTO",
	  "made 120 s ago: its step digit 2 names the window's step 120000002, whose OTP differs");
	f->bad |= pc_gen_numeric(w1, NOW + 45, c);
	V("NotYetValid", "provider", NOW, c, "DECLINE EXPIRED",
	  "made 45 s ahead, beyond skew: its step digit 3 names no step of the window (SPEC 3.2.2 step 3)");
	f->bad |= pc_gen_numeric(w1, NOW - 90, c);
	V("Expired", "provider", NOW + 5, c, "DECLINE EXPIRED",
	  "step 119999994 is in the window at NOW + 5, but its start g = NOW - 90 is before now - ttl - skew");
	f->bad |= pc_gen_numeric(w2, NOW - 90, c);
	V("EdgeOfWindow", "provider", NOW, c, "APPROVE OK", "g exactly ttl + skew before now");
	f->bad |= pc_gen_numeric(w2, NOW + 30, c);
	V("EdgeOfWindow", "provider", NOW, c, "APPROVE OK", "g exactly skew after now");
}

static void pc__malformed(pc_gen *f, cJSON *g, pc_wallet *w1)
{
	char c[PC_NUMERIC_LEN + 1], t[PC_NUMERIC_LEN + 4];

	f->bad |= pc_gen_numeric(w1, NOW, c);
	memcpy(t, c, PC_NUMERIC_LEN - 1);
	t[PC_NUMERIC_LEN - 1] = '\0';
	V("Truncated Malformed", "provider", NOW, t, "DECLINE MALFORMED", "17 digits");
	snprintf(t, sizeof t, "%s0", c);
	V("Extended Malformed", "provider", NOW, t, "DECLINE MALFORMED", "19 digits");
	snprintf(t, sizeof t, "%s00", c);
	V("Extended Malformed", "provider", NOW, t, "DECLINE MALFORMED",
	  "20 digits: valid base64 of 15 bytes, which are no QR layout");
	snprintf(t, sizeof t, "%s\n", c);
	V("Extended Malformed", "provider", NOW, t, "DECLINE MALFORMED", "a newline after the digits");
	memcpy(t, c, sizeof c);
	t[12] = 'A';
	V("Malformed", "provider", NOW, t, "DECLINE MALFORMED", "a letter among the digits");
	V("Malformed", "provider", NOW, "", "DECLINE MALFORMED", "the empty string");
}

/* ttl 30, skew 10, step 10, prefix 40: windows of (30 + 20) / 10 + 1 = 6
 * steps; NOW is the start of step 180000000. */
static void pc__params(pc_gen *f)
{
	const pc_gen_fix *fx = pc_gen_fixture();
	pc_code_params p = { 30, 10, 10, "40" };
	char c[PC_NUMERIC_LEN + 1];
	cJSON *g = pc__group(f, &p);
	pc_wallet w;

	f->bad |= pc_gen_wallet(&w, &p, fx->master, PC_GEN_MK, PC_GEN_TOKEN1, PC_GEN_ALIAS1);
	f->bad |= pc_gen_numeric(&w, NOW, c);
	V("Params Expired", "provider", NOW + 41, c, "DECLINE EXPIRED", "one second after ttl + skew");
	V("Params EdgeOfWindow", "provider", NOW + 40, c, "APPROVE OK", "the last second of ttl + skew");
	V("Params Replay", "provider", NOW, c, "DECLINE REPLAYED", "the same code again");
	f->bad |= pc_gen_numeric(&w, NOW + 20, c);
	V("Params NotYetValid", "provider", NOW + 5, c, "DECLINE EXPIRED",
	  "made 15 s ahead with skew 10: step digit 2 names no step of the window");
	f->bad |= pc_gen_wallet(&w, NULL, fx->master, PC_GEN_MK, PC_GEN_TOKEN1, PC_GEN_ALIAS1);
	f->bad |= pc_gen_numeric(&w, NOW, c);
	V("Params WrongPrefix", "provider", NOW, c, "DECLINE MALFORMED",
	  "a code with the default prefix 97");
}

cJSON *pc_gen_numeric_file(void)
{
	const pc_gen_fix *fx = pc_gen_fixture();
	pc_code_params p;
	pc_wallet w1, w2;
	pc_gen f;
	cJSON *g;

	pc_gen_init(&f);
	pc_code_params_default(&p);
	g = pc__group(&f, &p);
	f.bad |= pc_gen_wallet(&w1, NULL, fx->master, PC_GEN_MK, PC_GEN_TOKEN1, PC_GEN_ALIAS1);
	f.bad |= pc_gen_wallet(&w2, NULL, fx->master, PC_GEN_MK, PC_GEN_TOKEN2, PC_GEN_ALIAS2);
	pc__basic(&f, g, &w1);
	pc__digits(&f, g, &w1);
	pc__lookups(&f, g);
	pc__window(&f, g, &w1, &w2);
	pc__malformed(&f, g, &w1);
	pc__params(&f);
	return pc_gen_finish(&f, "PAYCODE-VALIDATE", "cpm_validate_schema.json", pc__header,
			     pc_gen_code_header);
}
