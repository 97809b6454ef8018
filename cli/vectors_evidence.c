/*
 * Vectors for evidence bundles and journals (evidence-bundles.json,
 * evidence-journals.json; docs/SPEC-journal.md §7.4, §7.7, §7.8).
 *
 * EvidenceVerify: a group gives the trusted roots and the journal key, a
 *   test a bundle; the answer is {"verified", "evidenceFault", "lossBearer",
 *   "basis"}, all of which must equal the test's.
 * JournalVerify: a group gives the journal key, a test the journal's
 *   bytes and checkSignatures; the answer is {"intact", "journalFault",
 *   "faultIndex", "faultOffset", "records", "resumes"} (the index and offset
 *   only when not intact), all of which must equal the test's.
 */
#include <stdlib.h>
#include <string.h>

#include <paycode/journal.h>

#include "vectors.h"

static const char *const pc__ev_outputs[] = {
	"verified", "evidenceFault", "lossBearer", "basis", NULL };
static const char *const pc__jv_outputs[] = {
	"intact", "journalFault", "faultIndex", "faultOffset", "records", "resumes", NULL };

/* Hex of any even length into a malloc'd buffer; NULL on bad hex. */
static uint8_t *pc__unhex_any(const char *hex, size_t *n)
{
	size_t len = hex != NULL ? strlen(hex) : 0;
	uint8_t *p = len % 2 == 0 ? malloc(len / 2 + 1) : NULL;

	if (p != NULL && pc_vec_unhex(hex, p, len / 2) != 0) {
		free(p);
		p = NULL;
	}
	*n = len / 2;
	return p;
}

static int pc__key(const cJSON *o, uint32_t *id, uint8_t pub[65])
{
	int64_t v;

	if (o == NULL || pc_vec_int(o, "keyId", &v) != 0 || v < 0 || v > UINT32_MAX ||
	    pc_vec_unhex(pc_vec_str(o, "pub"), pub, 65) != 0)
		return -1;
	*id = (uint32_t)v;
	return 0;
}

static cJSON *pc__fault(const char *msg)
{
	cJSON *a = cJSON_CreateObject();

	cJSON_AddStringToObject(a, "fault", msg);
	return a;
}

/* Compare the named members of the answer with the test's; 1 when equal. */
static int pc__same(const cJSON *test, const cJSON *answer, const char *const *keys,
		    char *why, size_t n)
{
	const cJSON *w, *g;
	size_t i;

	for (i = 0; keys[i] != NULL; i++) {
		w = cJSON_GetObjectItemCaseSensitive(test, keys[i]);
		g = cJSON_GetObjectItemCaseSensitive(answer, keys[i]);
		if (w == NULL && g == NULL)
			continue;
		if (w == NULL || g == NULL || !cJSON_Compare(w, g, 1)) {
			char *ws = w != NULL ? cJSON_PrintUnformatted(w) : NULL;
			char *gs = g != NULL ? cJSON_PrintUnformatted(g) : NULL;

			snprintf(why, n, "%s: expected %s, got %s", keys[i], ws ? ws : "nothing",
				 gs ? gs : "nothing");
			free(ws);
			free(gs);
			return 0;
		}
	}
	return 1;
}

/* ---- EvidenceVerify */

struct pc__ev_state {
	pc_root roots[PC_MAX_ROOTS];
	size_t nroots;
	pc_journal_key key;
	pc_evidence_verifier x;
	pc_evidence_verdict v;
};

static void *pc__ev_begin(const cJSON *group, char *why, size_t n)
{
	const cJSON *roots = cJSON_GetObjectItemCaseSensitive(group, "roots"), *r;
	struct pc__ev_state *s = calloc(1, sizeof *s);

	if (s == NULL || pc__key(cJSON_GetObjectItemCaseSensitive(group, "journalKey"),
				 &s->key.key_id, s->key.pub) != 0) {
		snprintf(why, n, "the group needs journalKey {keyId, pub}");
		free(s);
		return NULL;
	}
	cJSON_ArrayForEach(r, roots) {
		if (s->nroots == PC_MAX_ROOTS ||
		    pc__key(r, &s->roots[s->nroots].key_id, s->roots[s->nroots].pub) != 0) {
			snprintf(why, n, "bad or too many roots");
			free(s);
			return NULL;
		}
		s->nroots++;
	}
	return s;
}

static cJSON *pc__ev_eval(void *state, const cJSON *group, const cJSON *test)
{
	struct pc__ev_state *s = state;
	size_t n = 0;
	uint8_t *b = pc__unhex_any(pc_vec_str(test, "bundle"), &n);
	cJSON *a;

	(void)group;
	if (b == NULL)
		return pc__fault("the test needs a bundle (hex)");
	if (pc_evidence_verify(&s->x, b, n, s->roots, s->nroots, &s->key, &s->v) != PC_OK) {
		free(b);
		return pc__fault("pc_evidence_verify refused its arguments");
	}
	free(b);
	a = cJSON_CreateObject();
	cJSON_AddBoolToObject(a, "verified", s->v.result == PC_OK);
	cJSON_AddStringToObject(a, "evidenceFault", pc_evidence_fault_name(s->v.fault));
	cJSON_AddStringToObject(a, "lossBearer", pc_loss_bearer_name(s->v.bearer));
	cJSON_AddStringToObject(a, "basis", pc_loss_basis_name(s->v.basis));
	return a;
}

static int pc__ev_check(const cJSON *test, const cJSON *answer, char *why, size_t n)
{
	return pc__same(test, answer, pc__ev_outputs, why, n);
}

static void pc__free_state(void *state)
{
	free(state);
}

const pc_vec_alg pc_vec_evidence = {
	"EVIDENCE-VERIFY", "EvidenceVerify", pc__ev_outputs,
	pc__ev_begin, pc__ev_eval, pc__ev_check, pc__free_state
};

/* ---- JournalVerify: the journal's bytes as the only storage object */

struct pc__jv_state {
	pc_journal_key key;
	pc_platform plat;
	const uint8_t *obj;
	size_t len;
	pc_journal_reader r;
};

static pc_err pc__jv_read(void *ctx, const char *name, uint64_t off, uint8_t *buf,
			  size_t cap, size_t *got)
{
	const struct pc__jv_state *s = ctx;
	size_t n = 0;

	(void)name;
	if (off < s->len) {
		n = s->len - (size_t)off < cap ? s->len - (size_t)off : cap;
		memcpy(buf, s->obj + off, n);
	}
	*got = n;
	return PC_OK;
}

static pc_err pc__jv_unused(void *ctx, uint8_t *out, size_t len)
{
	(void)ctx;
	(void)out;
	(void)len;
	return PC_ERR_RNG;
}

static pc_err pc__jv_time(void *ctx, pc_time *now)
{
	(void)ctx;
	(void)now;
	return PC_ERR_TIME_UNKNOWN;
}

static void *pc__jv_begin(const cJSON *group, char *why, size_t n)
{
	struct pc__jv_state *s = calloc(1, sizeof *s);

	if (s == NULL || pc__key(cJSON_GetObjectItemCaseSensitive(group, "journalKey"),
				 &s->key.key_id, s->key.pub) != 0) {
		snprintf(why, n, "the group needs journalKey {keyId, pub}");
		free(s);
		return NULL;
	}
	s->plat.version = PC_PLATFORM_VERSION;
	s->plat.ctx = s;
	s->plat.rng = pc__jv_unused;
	s->plat.time_now = pc__jv_time;
	s->plat.storage_read = pc__jv_read;
	return s;
}

static cJSON *pc__jv_eval(void *state, const cJSON *group, const cJSON *test)
{
	struct pc__jv_state *s = state;
	const cJSON *sigs = cJSON_GetObjectItemCaseSensitive(test, "checkSignatures");
	pc_journal_summary sum;
	uint8_t *j;
	pc_err err;
	cJSON *a;

	(void)group;
	j = pc__unhex_any(pc_vec_str(test, "journal"), &s->len);
	if (j == NULL || !cJSON_IsBool(sigs)) {
		free(j);
		return pc__fault("the test needs journal (hex) and checkSignatures");
	}
	s->obj = j;
	err = pc_journal_verify(&s->r, &s->plat, "journal", cJSON_IsTrue(sigs) ? &s->key : NULL,
				&sum);
	free(j);
	a = cJSON_CreateObject();
	cJSON_AddBoolToObject(a, "intact", err == PC_OK);
	cJSON_AddStringToObject(a, "journalFault", pc_journal_fault_name(sum.fault));
	if (err != PC_OK) {
		cJSON_AddNumberToObject(a, "faultIndex", (double)sum.fault_index);
		cJSON_AddNumberToObject(a, "faultOffset", (double)sum.fault_offset);
	}
	cJSON_AddNumberToObject(a, "records", (double)sum.records);
	cJSON_AddNumberToObject(a, "resumes", (double)sum.resumes);
	return a;
}

static int pc__jv_check(const cJSON *test, const cJSON *answer, char *why, size_t n)
{
	return pc__same(test, answer, pc__jv_outputs, why, n);
}

const pc_vec_alg pc_vec_journal = {
	"JOURNAL-VERIFY", "JournalVerify", pc__jv_outputs,
	pc__jv_begin, pc__jv_eval, pc__jv_check, pc__free_state
};
