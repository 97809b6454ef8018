/*
 * risk-levels.json and the frame of risk-sequences.json (docs/SPEC.md §5):
 * the PC-01 table, the RiskSequence test builder, the headers. The cases
 * of the sequences are in vectors_risk_gen_seq.c.
 */
#include <string.h>

#include "vectors_risk_gen.h"

/* ---- PC-01 ------------------------------------------------------------------ */

/*
 * SPEC §5.1, row by row: a static code is D; a dynamic one with two or
 * more of the classes knowledge / possession (OTP or certificate) /
 * biometric is A when a certificate is among them, else B; with fewer, C.
 */
const char *pc_rg_level(unsigned f)
{
	unsigned knowledge = (f & PC_FACTOR_KNOWLEDGE) != 0;
	unsigned possession = (f & (PC_FACTOR_OTP | PC_FACTOR_CERT)) != 0;
	unsigned biometric = (f & PC_FACTOR_BIOMETRIC) != 0;

	if (f & PC_RG_STATIC)
		return "D";
	if (knowledge + possession + biometric < 2)
		return "C";
	return (f & PC_FACTOR_CERT) ? "A" : "B";
}

static const char *const pc__names[4] = { "knowledge", "otp", "cert", "biometric" };

static cJSON *pc__factor_array(unsigned f)
{
	cJSON *a = cJSON_CreateArray();
	unsigned i;

	for (i = 0; i < 4; i++)
		if (f & (1u << i))
			cJSON_AddItemToArray(a, cJSON_CreateString(pc__names[i]));
	return a;
}

/* "knowledge + otp", or "no factor". */
static void pc__factor_text(unsigned f, char *out, size_t n)
{
	unsigned i;

	out[0] = '\0';
	for (i = 0; i < 4; i++)
		if (f & (1u << i))
			snprintf(out + strlen(out), n - strlen(out), "%s%s",
				 out[0] != '\0' ? " + " : "", pc__names[i]);
	if (out[0] == '\0')
		snprintf(out, n, "no factor");
}

static void pc__level_test(pc_gen *g, cJSON *grp, unsigned f, const char *level,
			   const char *flags, const char *comment)
{
	cJSON *t = pc_gen_test(g, grp, comment, flags);

	cJSON_AddItemToObject(t, "factors", pc__factor_array(f & PC_FACTOR_ALL));
	cJSON_AddBoolToObject(t, "static", (f & PC_RG_STATIC) != 0);
	cJSON_AddStringToObject(t, "level", level);
	cJSON_AddStringToObject(t, "result",
				strcmp(level, pc_rg_level(f)) == 0 ? "valid" : "invalid");
}

/* Every factor set, dynamic then static, each with its PC-01 level. */
static void pc__level_table(pc_gen *g, cJSON *grp)
{
	char fac[64], c[160];
	unsigned f, st;

	for (st = 0; st <= PC_RG_STATIC; st += PC_RG_STATIC)
		for (f = 0; f <= PC_FACTOR_ALL; f++) {
			pc__factor_text(f, fac, sizeof fac);
			snprintf(c, sizeof c, "%s code, %s", st ? "static" : "dynamic", fac);
			pc__level_test(g, grp, f | st, pc_rg_level(f | st),
				       st ? "StaticCode" :
				       (f & PC_FACTOR_OTP) && (f & PC_FACTOR_CERT) ?
				       "PossessionOnce" : "", c);
		}
}

static const char *const pc__level_header[] = {
	"Risk levels of PBOC 银发〔2017〕296号 (cn-payment-rules PC-01; docs/SPEC.md section 5.1) for every",
	"set of the factor classes of PBOC 公告〔2015〕第43号: knowledge (password, PIN), possession (otp: an",
	"OTP or device key; cert: a certified digital certificate or e-signature, possession of its own kind)",
	"and biometric. A static code is D whatever the factors; a dynamic one with two or more classes is A",
	"when a certificate is among them, else B; with fewer than two classes, C. otp and cert are ONE class.",
	"Test inputs: factors (names), static (bool). Expected: level. A valid test passes when the",
	"implementation's level equals `level`; an invalid test is a wrong candidate and passes when it differs.",
	"Written by `paycode vectors gen` (cli/vectors_risk_gen.c) from the table of SPEC 5.1, not by the engine.",
	NULL
};

cJSON *pc_gen_risk_levels_file(void)
{
	pc_gen g;
	cJSON *grp;

	pc_gen_init(&g);
	grp = pc_gen_group(&g, "RiskLevel");
	pc__level_table(&g, grp);
	pc__level_test(&g, grp, PC_FACTOR_OTP | PC_FACTOR_CERT, "B", "PossessionOnce",
		       "otp + cert counted as two classes: they are one (possession), so C");
	pc__level_test(&g, grp, PC_FACTOR_KNOWLEDGE | PC_FACTOR_OTP, "A", "OtpNotCert",
		       "password + SMS OTP taken for a certificate: it is B");
	pc__level_test(&g, grp, PC_FACTOR_KNOWLEDGE | PC_FACTOR_OTP, "C", "TwoClasses",
		       "password + SMS OTP are two classes: B, not C");
	pc__level_test(&g, grp, PC_RG_STATIC | PC_FACTOR_KNOWLEDGE | PC_FACTOR_CERT |
		       PC_FACTOR_BIOMETRIC, "A", "StaticCode",
		       "a static code with strong factors is still D");
	pc__level_test(&g, grp, 0, "D", "NoFactor",
		       "a dynamic code with no factor is C; only static codes are D");
	pc__level_test(&g, grp, PC_FACTOR_CERT | PC_FACTOR_BIOMETRIC, "B", "CertificateA",
		       "certificate + biometric: two classes with a certificate, A");
	return pc_gen_finish(&g, "RISK-LEVEL", "risk_schema.json", pc__level_header, NULL);
}

/* ---- sequences ----------------------------------------------------------------- */

/* Split "VERDICT REASON HOOK [METHOD]" into its words (out[i] = "" when
 * absent). -1 on a word too long or too many words. */
static int pc__words(const char *s, char out[4][24])
{
	size_t i, n;

	memset(out, 0, 4 * sizeof out[0]);
	for (i = 0; *s != '\0'; i++) {
		n = strcspn(s, " ");
		if (i == 4 || n == 0 || n >= sizeof out[0])
			return -1;
		memcpy(out[i], s, n);
		s += n;
		s += strspn(s, " ");
	}
	return 0;
}

static void pc__seq_inputs(cJSON *t, const pc_rg_tx *x)
{
	char tok[17];
	uint8_t b[8];

	pc_gen_put_be(b, PC_RG_TOKEN(x->tok), 8);
	pc_vec_hex(b, 8, tok);
	cJSON_AddNumberToObject(t, "now", (double)(PC_RG_T0 + x->at));
	cJSON_AddStringToObject(t, "token", tok);
	cJSON_AddStringToObject(t, "form", x->form != NULL ? x->form :
				x->serial != 0 ? "qr-offline" : "qr-online");
	cJSON_AddNumberToObject(t, "certSerial", (double)x->serial);
	cJSON_AddItemToObject(t, "factors", pc__factor_array((x->f ? x->f : PC_RG_C) &
							     PC_FACTOR_ALL));
	cJSON_AddBoolToObject(t, "static", (x->f & PC_RG_STATIC) != 0);
	cJSON_AddNumberToObject(t, "amount", (double)(x->amount ? x->amount : 100));
	cJSON_AddNumberToObject(t, "currency", x->currency ? x->currency : PC_CURRENCY_CNY);
	cJSON_AddStringToObject(t, "merchant", x->merchant ? x->merchant : "M-0001");
	cJSON_AddStringToObject(t, "terminal", x->terminal ? x->terminal : "POS-0001");
	cJSON_AddNumberToObject(t, "mcc", x->mcc ? x->mcc : 5411);
	cJSON_AddBoolToObject(t, "offline", x->offline != 0);
}

static void pc__seq_test(pc_gen *g, cJSON *grp, const pc_rg_tx *x)
{
	cJSON *t = pc_gen_test(g, grp, x->comment, x->flags ? x->flags : "");
	char w[4][24];

	/* APPROVE alone; a refusal names its reason and hook; STEP_UP adds a method */
	if (pc__words(x->expect, w) != 0 ||
	    (strcmp(w[0], "APPROVE") == 0) != (w[1][0] == '\0') ||
	    (w[1][0] != '\0' && w[2][0] == '\0') ||
	    (w[3][0] != '\0') != (strcmp(w[0], "STEP_UP") == 0)) {
		fprintf(stderr, "paycode vectors gen: bad expectation '%s'\n", x->expect);
		g->bad = 1;
		return;
	}
	pc__seq_inputs(t, x);
	cJSON_AddStringToObject(t, "decision", w[0]);
	cJSON_AddStringToObject(t, "reason", w[1][0] ? w[1] : "OK");
	if (w[2][0] != '\0')
		cJSON_AddStringToObject(t, "hook", w[2]);
	else
		cJSON_AddNullToObject(t, "hook");
	cJSON_AddStringToObject(t, "method", w[3][0] ? w[3] : "NONE");
	cJSON_AddStringToObject(t, "level", pc_rg_level(x->f ? x->f : PC_RG_C));
	cJSON_AddStringToObject(t, "result", strcmp(w[0], "APPROVE") == 0 ? "valid" : "invalid");
}

void pc_rg_group(pc_gen *g, const char *config, const pc_rg_tx *tx, size_t n)
{
	cJSON *grp = pc_gen_group(g, "RiskSequence");
	size_t i;

	cJSON_AddStringToObject(grp, "config", config);
	cJSON_AddNumberToObject(grp, "clock", (double)PC_RG_T0);
	for (i = 0; i < n; i++) {
		if (i > 0 && tx[i].at < tx[i - 1].at)
			g->bad = 1; /* the clock never goes back within a group */
		pc__seq_test(g, grp, &tx[i]);
	}
}

static const char *const pc__seq_header[] = {
	"Transaction sequences through the seven built-in risk hooks (docs/SPEC.md section 5.2,",
	"include/paycode/risk.h), registered in their fixed order: lists, binding, mcc, caps, velocity,",
	"offline, daily. The first hook that does not approve decides; later hooks do not run.",
	"A group is one deployment: config, the text of a risk configuration file (pc_risk_config_parse",
	"format, SPEC 5.3), and clock, the Unix time the group starts at (1800000000,",
	"2027-01-15T08:00:00Z = 16:00 at +08:00). For each group create ONE store, fresh and empty, and run",
	"the tests in file order: each test's counters are those left by the earlier tests of its group.",
	"Each test is one payment whose code was already approved: now (Unix seconds, never decreasing in a",
	"group), token (16 hex digits), form (numeric | qr-online | qr-offline), certSerial (the device",
	"certificate serial of a qr-offline code, else 0), factors (names) and static (the level, SPEC 5.1),",
	"amount (minor units), currency (ISO 4217 numeric), merchant, terminal (\"\" = none), mcc, offline.",
	"Expected: decision and reason (pc_verdict / pc_risk_reason names), hook (the name of the hook that",
	"decided; null on APPROVE), method (the STEP_UP method, else NONE) and level.",
	"result is valid exactly when the decision is APPROVE.",
	"Written by `paycode vectors gen` (cli/vectors_risk_gen_seq.c): every expected value is written by",
	"hand from the rules and the group's configuration, never taken from the engine.",
	NULL
};

cJSON *pc_gen_risk_seq_file(void)
{
	pc_gen g;

	pc_gen_init(&g);
	pc_rg_sequences(&g);
	return pc_gen_finish(&g, "RISK-SEQUENCE", "risk_schema.json", pc__seq_header, NULL);
}
