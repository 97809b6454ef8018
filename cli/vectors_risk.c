/*
 * Vectors for the risk engine (docs/SPEC.md §5; include/paycode/risk.h):
 *
 *   risk-levels.json     algorithm "RISK-LEVEL", group type "RiskLevel":
 *                        a factor set and whether the code is static ->
 *                        the PC-01 level {"level": "A".."D"}. A valid test
 *                        passes when the answer equals `level`, an invalid
 *                        one (a wrong candidate) when it differs.
 *   risk-sequences.json  algorithm "RISK-SEQUENCE", group type
 *                        "RiskSequence": a risk configuration (the text of
 *                        a configuration file) and a clock; the tests are
 *                        transactions run IN ORDER against one store, fresh
 *                        for the group, through the seven built-in hooks.
 *                        Answer {"decision", "reason", "hook"} (hook: the
 *                        name of the hook that decided, null on APPROVE),
 *                        optionally "level" and "method", compared when
 *                        present.
 *
 * paycode's answers come from pc_risk_level_of() and pc_risk_run() over a
 * pc_memstore: the transaction is handed to the hooks as pc_authorize()
 * does after an approved code, with the code's token, form and
 * certificate serial taken from the test.
 */
#include <stdlib.h>
#include <string.h>

#include <paycode/risk.h>

#include "vectors.h"

static const char *const pc__level_outputs[] = { "level", NULL };
static const char *const pc__seq_outputs[] = {
	"decision", "reason", "hook", "method", "level", NULL
};

/* The factor names of the vectors, bit by bit. */
static const struct { const char *name; pc_factors bit; } pc__factor_names[] = {
	{ "knowledge", PC_FACTOR_KNOWLEDGE }, { "otp", PC_FACTOR_OTP },
	{ "cert", PC_FACTOR_CERT }, { "biometric", PC_FACTOR_BIOMETRIC }
};

/* A "factors" array of names into bits: 0, or -1 (not an array, an
 * unknown name). */
static int pc__factors(const cJSON *test, pc_factors *out)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(test, "factors"), *e;
	size_t i;

	*out = 0;
	if (!cJSON_IsArray(a))
		return -1;
	cJSON_ArrayForEach(e, a) {
		for (i = 0; i < sizeof pc__factor_names / sizeof pc__factor_names[0]; i++)
			if (cJSON_IsString(e) &&
			    strcmp(e->valuestring, pc__factor_names[i].name) == 0)
				break;
		if (i == sizeof pc__factor_names / sizeof pc__factor_names[0])
			return -1;
		*out |= pc__factor_names[i].bit;
	}
	return 0;
}

/* The boolean member k of o: 0 or 1, -1 when absent or not a boolean. */
static int pc__bool(const cJSON *o, const char *k)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, k);

	return cJSON_IsBool(j) ? cJSON_IsTrue(j) : -1;
}

static cJSON *pc__fault(const char *msg)
{
	cJSON *a = cJSON_CreateObject();

	cJSON_AddStringToObject(a, "fault", msg);
	return a;
}

/* ---- RISK-LEVEL ------------------------------------------------------------- */

static cJSON *pc__level_eval(void *state, const cJSON *group, const cJSON *test)
{
	int is_static = pc__bool(test, "static");
	pc_factors f;
	cJSON *a;

	(void)state;
	(void)group;
	if (pc__factors(test, &f) != 0 || is_static < 0)
		return pc__fault("the test needs factors (known names) and static");
	a = cJSON_CreateObject();
	cJSON_AddStringToObject(a, "level", pc_risk_level_name(pc_risk_level_of(f, is_static)));
	return a;
}

static int pc__level_check(const cJSON *test, const cJSON *answer, char *why, size_t n)
{
	const char *want = pc_vec_str(test, "level"), *got = pc_vec_str(answer, "level");
	const char *result = pc_vec_str(test, "result");
	int valid = result != NULL && strcmp(result, "valid") == 0;

	if (want == NULL || got == NULL) {
		snprintf(why, n, "no level in the %s", want == NULL ? "test" : "answer");
		return 0;
	}
	snprintf(why, n, "level %s, the test's %s candidate is %s", got,
		 valid ? "valid" : "invalid", want);
	return (strcmp(want, got) == 0) == valid;
}

const pc_vec_alg pc_vec_risk_level = {
	"RISK-LEVEL", "RiskLevel", pc__level_outputs,
	pc_vec_no_state, pc__level_eval, pc__level_check, pc_vec_no_end
};

/* ---- RISK-SEQUENCE -------------------------------------------------------- */

typedef struct pc__seq_state {
	pc_risk_config cfg;      /* retained by eng */
	pc_risk_engine eng;
	pc_memstore ms;
	pc_store store;
} pc__seq_state;

static void *pc__seq_begin(const cJSON *group, char *why, size_t n)
{
	const char *text = pc_vec_str(group, "config");
	pc__seq_state *s;
	pc_risk_config_error where;

	if (text == NULL)
		return snprintf(why, n, "the group has no config"), NULL;
	s = calloc(1, sizeof *s);
	if (s == NULL)
		return snprintf(why, n, "out of memory"), NULL;
	if (pc_risk_config_parse(&s->cfg, text, strlen(text), &where) != PC_OK) {
		snprintf(why, n, "config line %lu: %s", (unsigned long)where.line,
			 where.what != NULL ? where.what : "malformed");
		free(s);
		return NULL;
	}
	pc_risk_engine_init(&s->eng);
	if (pc_risk_engine_add_builtins(&s->eng, &s->cfg) != PC_OK) {
		snprintf(why, n, "the built-in hooks do not register");
		free(s);
		return NULL;
	}
	pc_memstore_init(&s->ms, NULL, &s->store);
	return s;
}

/* A token: 16 lowercase hex digits, big-endian. */
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

/* The code's decision as the hooks see it: approved, token, form, serial. */
static int pc__code(const cJSON *test, pc_decision *d)
{
	const char *form = pc_vec_str(test, "form");
	int64_t serial;

	memset(d, 0, sizeof *d);
	d->verdict = PC_APPROVE;
	d->reason = PC_R_OK;
	if (form == NULL || pc__token(pc_vec_str(test, "token"), &d->token_id) != 0 ||
	    pc_vec_int(test, "certSerial", &serial) != 0 || serial < 0)
		return -1;
	if (strcmp(form, "numeric") == 0)
		d->form = PC_FORM_NUMERIC;
	else if (strcmp(form, "qr-online") == 0)
		d->form = PC_FORM_QR_ONLINE;
	else if (strcmp(form, "qr-offline") == 0)
		d->form = PC_FORM_QR_OFFLINE;
	else
		return -1;
	d->cert_serial = (uint64_t)serial;
	return 0;
}

/* Copy an ID member (at most PC_RISK_ID_MAX characters): 0 or -1. */
static int pc__id(const cJSON *test, const char *k, char out[PC_RISK_ID_MAX + 1])
{
	const char *v = pc_vec_str(test, k);

	if (v == NULL || strlen(v) > PC_RISK_ID_MAX)
		return -1;
	memcpy(out, v, strlen(v) + 1);
	return 0;
}

/* The transaction; 0, or -1 when a member is missing or out of range. */
static int pc__txn(const cJSON *test, pc_txn *t)
{
	int64_t amount, currency, mcc;
	int offline = pc__bool(test, "offline");

	memset(t, 0, sizeof *t);
	if (pc_vec_int(test, "amount", &amount) != 0 ||
	    pc_vec_int(test, "currency", &currency) != 0 ||
	    pc_vec_int(test, "mcc", &mcc) != 0 || offline < 0 ||
	    currency < 0 || currency > 0xFFFF || mcc < 0 || mcc > 0xFFFF ||
	    pc__id(test, "merchant", t->merchant_id) != 0 ||
	    pc__id(test, "terminal", t->terminal_id) != 0)
		return -1;
	t->amount = amount;
	t->currency = (uint16_t)currency;
	t->mcc = (uint16_t)mcc;
	t->offline = (uint8_t)offline;
	return pc_txn_check(t) == PC_OK ? 0 : -1;
}

/* The answer of an outcome. */
static cJSON *pc__seq_answer(const pc_risk_outcome *o)
{
	cJSON *a = cJSON_CreateObject();

	cJSON_AddStringToObject(a, "decision", pc_verdict_name(o->verdict));
	cJSON_AddStringToObject(a, "reason", pc_risk_reason_name(o->reason));
	if (o->decided_by < o->ran)
		cJSON_AddStringToObject(a, "hook", o->trail[o->decided_by].name);
	else
		cJSON_AddNullToObject(a, "hook");
	cJSON_AddStringToObject(a, "method", pc_risk_method_name(o->method));
	cJSON_AddStringToObject(a, "level", pc_risk_level_name(o->level));
	return a;
}

static cJSON *pc__seq_eval(void *state, const cJSON *group, const cJSON *test)
{
	pc__seq_state *s = state;
	int is_static = pc__bool(test, "static");
	pc_risk_outcome out;
	pc_risk_input in;
	pc_decision d;
	pc_txn t;
	int64_t now;

	(void)group;
	memset(&in, 0, sizeof in);
	if (pc__code(test, &d) != 0 || pc__txn(test, &t) != 0 ||
	    pc__factors(test, &in.factors) != 0 || is_static < 0 ||
	    pc_vec_int(test, "now", &now) != 0)
		return pc__fault("the test needs now, token, form, certSerial, factors, "
				 "static, amount, currency, merchant, terminal, mcc, offline");
	in.decision = &d;
	in.txn = &t;
	in.static_code = is_static != 0;
	in.offline = t.offline != 0;
	in.store = &s->store;
	in.now = (pc_time)now;
	if (pc_risk_run(&s->eng, &in, &out) != PC_OK)
		return pc__fault("pc_risk_run failed");
	return pc__seq_answer(&out);
}

/* Member k of the test and of the answer: equal strings, or both null.
 * An optional member absent from the answer is not compared. 1 or 0. */
static int pc__same(const cJSON *test, const cJSON *answer, const char *k, int optional,
		    char *why, size_t n)
{
	const cJSON *w = cJSON_GetObjectItemCaseSensitive(test, k);
	const cJSON *g = cJSON_GetObjectItemCaseSensitive(answer, k);

	if (optional && g == NULL)
		return 1;
	if (cJSON_IsNull(w) && cJSON_IsNull(g))
		return 1;
	if (cJSON_IsString(w) && cJSON_IsString(g) && strcmp(w->valuestring, g->valuestring) == 0)
		return 1;
	snprintf(why, n, "%s: want %s, got %s", k,
		 cJSON_IsString(w) ? w->valuestring : "null",
		 cJSON_IsString(g) ? g->valuestring : g == NULL ? "nothing" : "null");
	return 0;
}

static int pc__seq_check(const cJSON *test, const cJSON *answer, char *why, size_t n)
{
	const char *result = pc_vec_str(answer, "result"), *gd = pc_vec_str(answer, "decision");

	if (!pc__same(test, answer, "decision", 0, why, n) ||
	    !pc__same(test, answer, "reason", 0, why, n) ||
	    !pc__same(test, answer, "hook", 0, why, n) ||
	    !pc__same(test, answer, "method", 1, why, n) ||
	    !pc__same(test, answer, "level", 1, why, n))
		return 0;
	/* an answer may add result; it must then agree with the decision */
	if (result != NULL && gd != NULL &&
	    strcmp(result, strcmp(gd, "APPROVE") == 0 ? "valid" : "invalid") != 0) {
		snprintf(why, n, "result %s contradicts %s", result, gd);
		return 0;
	}
	return 1;
}

static void pc__seq_end(void *state)
{
	pc__seq_state *s = state;

	if (s == NULL)
		return;
	pc_risk_engine_wipe(&s->eng);
	free(s);
}

const pc_vec_alg pc_vec_risk_seq = {
	"RISK-SEQUENCE", "RiskSequence", pc__seq_outputs,
	pc__seq_begin, pc__seq_eval, pc__seq_check, pc__seq_end
};
