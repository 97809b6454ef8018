/*
 * Vectors for the biometric decision policy (docs/SPEC.md §6.2;
 * include/paycode/bio.h, "Decision policy"), file bio-policy.json,
 * algorithm "BIO-POLICY":
 *
 *   BioPolicyCheck     a policy -> valid (allowed) or invalid
 *                      (PC_ERR_BIO_POLICY), and optionally "attempts", the
 *                      attacker's attempts in the first 12.8 days.
 *   BioPolicySequence  a policy; the tests are attempts run IN ORDER
 *                      against one state, fresh for the group (no failures,
 *                      no lock). Inputs: now (Unix seconds, or null for an
 *                      unknown clock), score (best calibrated score of the
 *                      gallery), pad ("pass", "fail", "none"), gallery (k).
 *                      Answer {"outcome", "failures", "lockedUntil",
 *                      "effective", "expectedError"}; valid = MATCH.
 *   BioStateRecord     record (hex) -> valid with its fields, or invalid
 *                      (PC_ERR_BIO_STATE).
 *
 * paycode answers with pc_bio_policy_check(), pc_bio_policy_attempts(),
 * pc_bio_policy_step() (the gate's storage-free core) and
 * pc_bio_state_decode() / _encode().
 */
#include <stdlib.h>
#include <string.h>

#include <paycode/bio.h>

#include "vectors.h"

static const char *const pc__chk_outputs[] = { "attempts", "expectedError", NULL };
static const char *const pc__seq_outputs[] = {
	"outcome", "failures", "lockedUntil", "effective", "expectedError", NULL
};
static const char *const pc__rec_outputs[] = {
	"generation", "failures", "lockouts", "lockedUntil", "expectedError", NULL
};

static cJSON *pc__fault(const char *msg)
{
	cJSON *a = cJSON_CreateObject();

	cJSON_AddStringToObject(a, "fault", msg);
	return a;
}

/* Integer member k of o in 0..max: 0, or -1. */
static int pc__uint(const cJSON *o, const char *k, uint64_t max, uint64_t *v)
{
	int64_t x;

	if (pc_vec_int(o, k, &x) != 0 || x < 0 || (uint64_t)x > max)
		return -1;
	*v = (uint64_t)x;
	return 0;
}

static int pc__flag(const cJSON *o, const char *k, bool *v)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, k);

	if (!cJSON_IsBool(j))
		return -1;
	*v = cJSON_IsTrue(j) != 0;
	return 0;
}

/* The "policy" object of a group or test: 0, or -1 when malformed. */
static int pc__policy(const cJSON *o, pc_bio_policy *p)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, "policy");
	const char *pu = pc_vec_str(j, "purpose");
	uint64_t t, ls, lm, mf, pa, ha;

	memset(p, 0, sizeof *p);
	if (pu == NULL || pc__uint(j, "threshold", UINT32_MAX, &t) ||
	    pc__uint(j, "lockoutSeconds", UINT32_MAX, &ls) ||
	    pc__uint(j, "lockoutMaxSeconds", UINT32_MAX, &lm) ||
	    pc__uint(j, "maxFailures", 255, &mf) || pc__uint(j, "primaryAfter", 255, &pa) ||
	    pc__uint(j, "hardAfter", 255, &ha) || pc__flag(j, "padRequired", &p->pad_required) ||
	    pc__flag(j, "allowWeak", &p->allow_weak))
		return -1;
	p->purpose = strcmp(pu, "payment") == 0 ? PC_BIO_PURPOSE_PAYMENT :
		     strcmp(pu, "unlock") == 0 ? PC_BIO_PURPOSE_UNLOCK :
		     strcmp(pu, "remote") == 0 ? PC_BIO_PURPOSE_REMOTE_AUTH : (pc_bio_purpose)0;
	p->threshold = (uint32_t)t;
	p->lockout_s = (uint32_t)ls;
	p->lockout_max_s = (uint32_t)lm;
	p->max_failures = (uint8_t)mf;
	p->primary_after = (uint8_t)pa;
	p->hard_after = (uint8_t)ha;
	return p->purpose != 0 ? 0 : -1;
}

static void pc__add_error(cJSON *a, pc_err err)
{
	if (err == PC_OK)
		cJSON_AddNullToObject(a, "expectedError");
	else
		cJSON_AddStringToObject(a, "expectedError", pc_err_name(err));
}

/* Number member k: equal in test and answer (absent from the test: not
 * compared). 1 or 0. */
static int pc__num_same(const cJSON *test, const cJSON *ans, const char *k, char *why,
			size_t n)
{
	const cJSON *w = cJSON_GetObjectItemCaseSensitive(test, k);
	const cJSON *g = cJSON_GetObjectItemCaseSensitive(ans, k);

	if (w == NULL)
		return 1;
	if (cJSON_IsNumber(w) && cJSON_IsNumber(g) && w->valuedouble == g->valuedouble)
		return 1;
	snprintf(why, n, "%s: want %.0f, got %s", k, cJSON_IsNumber(w) ? w->valuedouble : -1.0,
		 cJSON_IsNumber(g) ? "another number" : "nothing");
	return 0;
}

/* String-or-null member k: equal (absent from the test: not compared). */
static int pc__str_same(const cJSON *test, const cJSON *ans, const char *k, char *why,
			size_t n)
{
	const cJSON *w = cJSON_GetObjectItemCaseSensitive(test, k);
	const cJSON *g = cJSON_GetObjectItemCaseSensitive(ans, k);

	if (w == NULL || (cJSON_IsNull(w) && (g == NULL || cJSON_IsNull(g))))
		return 1;
	if (cJSON_IsString(w) && cJSON_IsString(g) && strcmp(w->valuestring, g->valuestring) == 0)
		return 1;
	snprintf(why, n, "%s: want %s, got %s", k, cJSON_IsString(w) ? w->valuestring : "null",
		 cJSON_IsString(g) ? g->valuestring : "null");
	return 0;
}

/* The answer's "result" against the test's. */
static int pc__result_same(const cJSON *test, const cJSON *ans, char *why, size_t n)
{
	const char *w = pc_vec_str(test, "result"), *g = pc_vec_str(ans, "result");

	if (w != NULL && g != NULL && strcmp(w, g) == 0)
		return 1;
	snprintf(why, n, "result: want %s, got %s", w ? w : "?", g ? g : "nothing");
	return 0;
}

/* ---- BioPolicyCheck ----------------------------------------------------------- */

static cJSON *pc__chk_eval(void *state, const cJSON *group, const cJSON *test)
{
	pc_bio_policy p;
	pc_err err;
	cJSON *a;

	(void)state;
	(void)group;
	if (pc__policy(test, &p) != 0)
		return pc__fault("the test needs a policy object");
	err = pc_bio_policy_check(&p);
	a = cJSON_CreateObject();
	cJSON_AddStringToObject(a, "result", err == PC_OK ? "valid" : "invalid");
	cJSON_AddNumberToObject(a, "attempts", (double)pc_bio_policy_attempts(&p));
	pc__add_error(a, err);
	return a;
}

static int pc__chk_check(const cJSON *test, const cJSON *ans, char *why, size_t n)
{
	return pc__result_same(test, ans, why, n) &&
	       pc__num_same(test, ans, "attempts", why, n) &&
	       pc__str_same(test, ans, "expectedError", why, n);
}

const pc_vec_alg pc_vec_bio_check = {
	"BIO-POLICY", "BioPolicyCheck", pc__chk_outputs,
	pc_vec_no_state, pc__chk_eval, pc__chk_check, pc_vec_no_end
};

/* ---- BioPolicySequence ------------------------------------------------------ */

typedef struct pc__bseq {
	pc_bio_policy pol;
	pc_bio_state st;
} pc__bseq;

static void *pc__bseq_begin(const cJSON *group, char *why, size_t n)
{
	pc__bseq *s = calloc(1, sizeof *s);

	if (s == NULL)
		return snprintf(why, n, "out of memory"), NULL;
	if (pc__policy(group, &s->pol) != 0) {
		free(s);
		return snprintf(why, n, "the group needs a policy object"), NULL;
	}
	s->st.generation = 1;    /* a fresh record, as pc_bio_gate_reset() */
	return s;
}

/* The attempt of a test: 0, or -1 when malformed. */
static int pc__attempt(const cJSON *test, pc_bio_attempt *a)
{
	const cJSON *now = cJSON_GetObjectItemCaseSensitive(test, "now");
	const char *pad = pc_vec_str(test, "pad");
	uint64_t score, k;
	int64_t t = 0;

	memset(a, 0, sizeof *a);
	if (pad == NULL || pc__uint(test, "score", UINT32_MAX, &score) ||
	    pc__uint(test, "gallery", UINT16_MAX, &k) ||
	    (!cJSON_IsNull(now) && pc_vec_int(test, "now", &t) != 0))
		return -1;
	a->now_known = !cJSON_IsNull(now);
	a->now = t;
	a->score = (uint32_t)score;
	a->gallery = (uint16_t)k;
	a->pad = strcmp(pad, "pass") == 0 ? PC_BIO_PAD_PASS :
		 strcmp(pad, "fail") == 0 ? PC_BIO_PAD_FAIL :
		 strcmp(pad, "none") == 0 ? PC_BIO_PAD_NONE : (pc_bio_pad)9;
	return 0;
}

static cJSON *pc__bseq_eval(void *state, const cJSON *group, const cJSON *test)
{
	pc__bseq *s = state;
	pc_bio_attempt at;
	pc_bio_decision d;
	pc_err err;
	cJSON *a;

	(void)group;
	if (pc__attempt(test, &at) != 0)
		return pc__fault("the test needs now (or null), score, pad and gallery");
	err = pc_bio_policy_step(&s->pol, &s->st, &at, &s->st, &d);
	a = cJSON_CreateObject();
	cJSON_AddStringToObject(a, "result", d.outcome == PC_BIO_OUT_MATCH ? "valid" : "invalid");
	cJSON_AddStringToObject(a, "outcome", pc_bio_outcome_name(d.outcome));
	cJSON_AddNumberToObject(a, "failures", d.failures);
	cJSON_AddNumberToObject(a, "lockedUntil", (double)d.locked_until);
	cJSON_AddNumberToObject(a, "effective", d.effective);
	pc__add_error(a, err);
	return a;
}

/* True when the answer has member k (optional members are compared only
 * when answered). */
static int pc__has(const cJSON *ans, const char *k)
{
	return cJSON_GetObjectItemCaseSensitive(ans, k) != NULL;
}

static int pc__bseq_check(const cJSON *test, const cJSON *ans, char *why, size_t n)
{
	return pc__result_same(test, ans, why, n) &&
	       pc__str_same(test, ans, "outcome", why, n) &&
	       pc__num_same(test, ans, "failures", why, n) &&
	       pc__num_same(test, ans, "lockedUntil", why, n) &&
	       (!pc__has(ans, "effective") || pc__num_same(test, ans, "effective", why, n)) &&
	       (!pc__has(ans, "expectedError") ||
		pc__str_same(test, ans, "expectedError", why, n));
}

static void pc__bseq_end(void *state)
{
	free(state);
}

const pc_vec_alg pc_vec_bio_seq = {
	"BIO-POLICY", "BioPolicySequence", pc__seq_outputs,
	pc__bseq_begin, pc__bseq_eval, pc__bseq_check, pc__bseq_end
};

/* ---- BioStateRecord ------------------------------------------------------------ */

static cJSON *pc__rec_eval(void *state, const cJSON *group, const cJSON *test)
{
	const char *hex = pc_vec_str(test, "record");
	uint8_t in[64], again[PC_BIO_STATE_LEN];
	char gen[17];
	pc_bio_state s;
	size_t len;
	pc_err err;
	cJSON *a;

	(void)state;
	(void)group;
	len = hex != NULL ? strlen(hex) / 2 : 0;
	if (hex == NULL || len > sizeof in || pc_vec_unhex(hex, in, len) != 0)
		return pc__fault("the test needs record (hex, at most 64 bytes)");
	err = pc_bio_state_decode(in, len, &s);
	a = cJSON_CreateObject();
	cJSON_AddStringToObject(a, "result", err == PC_OK ? "valid" : "invalid");
	pc__add_error(a, err);
	if (err != PC_OK)
		return a;
	/* a record that decodes is the one encoding of its fields */
	if (pc_bio_state_encode(&s, again) != PC_OK || memcmp(again, in, len) != 0) {
		cJSON_Delete(a);
		return pc__fault("the decoded record does not encode back to its bytes");
	}
	snprintf(gen, sizeof gen, "%016llx", (unsigned long long)s.generation);
	cJSON_AddStringToObject(a, "generation", gen);
	cJSON_AddNumberToObject(a, "failures", s.failures);
	cJSON_AddNumberToObject(a, "lockouts", s.lockouts);
	cJSON_AddNumberToObject(a, "lockedUntil", (double)s.locked_until);
	return a;
}

static int pc__rec_check(const cJSON *test, const cJSON *ans, char *why, size_t n)
{
	return pc__result_same(test, ans, why, n) &&
	       pc__str_same(test, ans, "generation", why, n) &&
	       pc__num_same(test, ans, "failures", why, n) &&
	       pc__num_same(test, ans, "lockouts", why, n) &&
	       pc__num_same(test, ans, "lockedUntil", why, n) &&
	       pc__str_same(test, ans, "expectedError", why, n);
}

const pc_vec_alg pc_vec_bio_record = {
	"BIO-POLICY", "BioStateRecord", pc__rec_outputs,
	pc_vec_no_state, pc__rec_eval, pc__rec_check, pc_vec_no_end
};
