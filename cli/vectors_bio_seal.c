/*
 * Vectors for sealed templates (bio-sealed.json; docs/SPEC.md §6.3).
 *
 * A group is one device: "keys" lists its sealing keys as the outputs of
 * its key store, [{"keyId": N, "deviceSecret": hex}], where deviceSecret is
 * key_derive(N, "paycode/v1/bio-seal") (platform.h); any other key ID is
 * unknown to the device (PC_ERR_NOT_FOUND).
 *
 * BioSealOpen: a test gives "blob" (hex) and "templateId" (the enrolment
 *   expected, 16 hex digits); the answer is {"result": "valid", "samples":
 *   [...]} or {"result": "invalid", "error": "PC_ERR_..."}. A valid test
 *   passes when the samples equal the test's; an invalid one when the
 *   result is invalid (and the error, when both name one, is the same).
 * BioSealSeal: a test gives "keyId", "templateId", "created" (the
 *   device's clock), "iv" (what its rng returns) and "samples"; the answer
 *   is {"result": "valid", "blob": hex} or an invalid one as above.
 *
 * Samples: [{"width", "height", "xres", "yres", "position", "quality",
 * "minutiae": [[x, y, angle, type, quality], ...]}], the fields of
 * pc_bio_template.
 */
#include <stdlib.h>
#include <string.h>

#include <paycode/bio.h>

#include "vectors.h"

#define PC__SEAL_KEYS 8

static const char *const pc__open_outputs[] = { "samples", "expectedError", NULL };
static const char *const pc__seal_outputs[] = { "blob", "expectedError", NULL };

/* The device of one group, and one test's rng and clock. */
typedef struct seal_dev {
	pc_platform plat;
	size_t nkeys;
	uint32_t id[PC__SEAL_KEYS];
	uint8_t secret[PC__SEAL_KEYS][32];
	uint8_t iv[12];
	pc_time now;
	pc_bio_template t[PC_BIO_SEAL_MAX_SAMPLES];
} seal_dev;

static pc_err pc__dev_rng(void *ctx, uint8_t *out, size_t len)
{
	const seal_dev *d = ctx;

	if (len != sizeof d->iv)
		return PC_ERR_RNG;
	memcpy(out, d->iv, len);
	return PC_OK;
}

static pc_err pc__dev_time(void *ctx, pc_time *now)
{
	*now = ((const seal_dev *)ctx)->now;
	return PC_OK;
}

static pc_err pc__dev_derive(void *ctx, uint32_t key_id, const uint8_t *label,
			     size_t label_len, uint8_t out[32])
{
	static const char want[] = "paycode/v1/bio-seal";
	const seal_dev *d = ctx;
	size_t i;

	if (label_len != sizeof want - 1 || memcmp(label, want, label_len) != 0)
		return PC_ERR_INVALID_ARG;
	for (i = 0; i < d->nkeys; i++)
		if (d->id[i] == key_id) {
			memcpy(out, d->secret[i], 32);
			return PC_OK;
		}
	return PC_ERR_NOT_FOUND;
}

static void *pc__seal_begin(const cJSON *group, char *why, size_t n)
{
	const cJSON *keys = cJSON_GetObjectItemCaseSensitive(group, "keys"), *k;
	seal_dev *d = calloc(1, sizeof *d);
	int64_t id;

	if (d == NULL || !cJSON_IsArray(keys)) {
		snprintf(why, n, "the group needs keys");
		free(d);
		return NULL;
	}
	cJSON_ArrayForEach(k, keys) {
		if (d->nkeys == PC__SEAL_KEYS || pc_vec_int(k, "keyId", &id) != 0 ||
		    id < 0 || id > UINT32_MAX ||
		    pc_vec_unhex(pc_vec_str(k, "deviceSecret"), d->secret[d->nkeys], 32) != 0) {
			snprintf(why, n, "bad key in the group");
			free(d);
			return NULL;
		}
		d->id[d->nkeys++] = (uint32_t)id;
	}
	d->plat.version = PC_PLATFORM_VERSION;
	d->plat.ctx = d;
	d->plat.rng = pc__dev_rng;
	d->plat.time_now = pc__dev_time;
	d->plat.key_derive = pc__dev_derive;
	return d;
}

static void pc__seal_end(void *state)
{
	seal_dev *d = state;

	if (d != NULL)
		pc_bio_template_wipe(d->t);
	free(state);
}

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

static int pc__tid(const cJSON *test, uint64_t *tid)
{
	uint8_t b[8];
	size_t i;

	if (pc_vec_unhex(pc_vec_str(test, "templateId"), b, 8) != 0)
		return -1;
	for (*tid = 0, i = 0; i < 8; i++)
		*tid = *tid << 8 | b[i];
	return 0;
}

static cJSON *pc__invalid(pc_err err)
{
	cJSON *a = cJSON_CreateObject();

	cJSON_AddStringToObject(a, "result", "invalid");
	cJSON_AddStringToObject(a, "error", pc_err_name(err));
	return a;
}

static cJSON *pc__fault(const char *msg)
{
	cJSON *a = cJSON_CreateObject();

	cJSON_AddStringToObject(a, "fault", msg);
	return a;
}

/* ---- samples <-> JSON ---------------------------------------------------- */

cJSON *pc_vec_bio_samples(const pc_bio_template *t, size_t n)
{
	cJSON *arr = cJSON_CreateArray(), *o, *ms, *m;
	size_t i, j;

	for (i = 0; i < n; i++) {
		o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "width", t[i].width);
		cJSON_AddNumberToObject(o, "height", t[i].height);
		cJSON_AddNumberToObject(o, "xres", t[i].xres);
		cJSON_AddNumberToObject(o, "yres", t[i].yres);
		cJSON_AddNumberToObject(o, "position", t[i].position);
		cJSON_AddNumberToObject(o, "quality", t[i].quality);
		ms = cJSON_AddArrayToObject(o, "minutiae");
		for (j = 0; j < t[i].count; j++) {
			const int v[5] = { t[i].pt[j].x, t[i].pt[j].y, t[i].pt[j].angle,
					   t[i].pt[j].type, t[i].pt[j].quality };

			m = cJSON_CreateIntArray(v, 5);
			cJSON_AddItemToArray(ms, m);
		}
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static int pc__field(const cJSON *o, const char *k, int64_t lo, int64_t hi, int64_t *v)
{
	return pc_vec_int(o, k, v) == 0 && *v >= lo && *v <= hi ? 0 : -1;
}

static int pc__minutia(const cJSON *m, pc_bio_point *p)
{
	int64_t v[5];
	int i;

	if (!cJSON_IsArray(m) || cJSON_GetArraySize(m) != 5)
		return -1;
	for (i = 0; i < 5; i++) {
		const cJSON *e = cJSON_GetArrayItem(m, i);

		if (!cJSON_IsNumber(e))
			return -1;
		v[i] = (int64_t)e->valuedouble;
	}
	if (v[0] < -32768 || v[0] > 32767 || v[1] < -32768 || v[1] > 32767 ||
	    v[2] < 0 || v[2] > 65535 || v[3] < 0 || v[3] > 255 || v[4] < 0 || v[4] > 255)
		return -1;
	p->x = (int16_t)v[0];
	p->y = (int16_t)v[1];
	p->angle = (uint16_t)v[2];
	p->type = (uint8_t)v[3];
	p->quality = (uint8_t)v[4];
	return 0;
}

static int pc__sample(const cJSON *o, pc_bio_template *t)
{
	const cJSON *ms = cJSON_GetObjectItemCaseSensitive(o, "minutiae"), *m;
	int64_t v[6];

	memset(t, 0, sizeof *t);
	if (pc__field(o, "width", 0, 65535, &v[0]) || pc__field(o, "height", 0, 65535, &v[1]) ||
	    pc__field(o, "xres", 0, 65535, &v[2]) || pc__field(o, "yres", 0, 65535, &v[3]) ||
	    pc__field(o, "position", 0, 255, &v[4]) || pc__field(o, "quality", 0, 255, &v[5]) ||
	    !cJSON_IsArray(ms) || cJSON_GetArraySize(ms) > PC_BIO_MAX_MINUTIAE)
		return -1;
	t->width = (uint16_t)v[0];
	t->height = (uint16_t)v[1];
	t->xres = (uint16_t)v[2];
	t->yres = (uint16_t)v[3];
	t->position = (uint8_t)v[4];
	t->quality = (uint8_t)v[5];
	cJSON_ArrayForEach(m, ms)
		if (pc__minutia(m, &t->pt[t->count++]) != 0)
			return -1;
	return 0;
}

/* The test's samples into d->t; the count, or -1. */
static int pc__samples(const cJSON *test, seal_dev *d)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(test, "samples"), *o;
	int n = 0;

	if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) > PC_BIO_SEAL_MAX_SAMPLES)
		return -1;
	cJSON_ArrayForEach(o, arr)
		if (pc__sample(o, &d->t[n++]) != 0)
			return -1;
	return n;
}

/* ---- BioSealOpen ---------------------------------------------------------- */

static cJSON *pc__open_eval(void *state, const cJSON *group, const cJSON *test)
{
	seal_dev *d = state;
	uint64_t tid;
	size_t len = 0, n = 0;
	uint8_t *blob = pc__unhex_any(pc_vec_str(test, "blob"), &len);
	pc_err err;
	cJSON *a;

	(void)group;
	if (blob == NULL || pc__tid(test, &tid) != 0) {
		free(blob);
		return pc__fault("the test needs blob and templateId");
	}
	err = pc_bio_unseal(&d->plat, blob, len, tid, d->t, PC_BIO_SEAL_MAX_SAMPLES, &n);
	free(blob);
	if (err != PC_OK)
		return pc__invalid(err);
	a = cJSON_CreateObject();
	cJSON_AddStringToObject(a, "result", "valid");
	cJSON_AddItemToObject(a, "samples", pc_vec_bio_samples(d->t, n));
	pc_bio_template_wipe(d->t);
	return a;
}

/* valid: the named output equals the test's; invalid: result and error. */
static int pc__check(const cJSON *test, const cJSON *answer, const char *key,
		     char *why, size_t n)
{
	const char *result = pc_vec_str(test, "result"), *got = pc_vec_str(answer, "result");
	const char *want_err = pc_vec_str(test, "expectedError");
	const char *got_err = pc_vec_str(answer, "error");
	const cJSON *w = cJSON_GetObjectItemCaseSensitive(test, key);
	const cJSON *g = cJSON_GetObjectItemCaseSensitive(answer, key);

	if (result == NULL || got == NULL) {
		snprintf(why, n, "no result in the %s", result == NULL ? "test" : "answer");
		return 0;
	}
	if (strcmp(result, "valid") == 0) {
		snprintf(why, n, "want valid with the test's %s, got %s%s%s", key, got,
			 got_err ? " " : "", got_err ? got_err : "");
		return strcmp(got, "valid") == 0 && w != NULL && g != NULL &&
		       cJSON_Compare(w, g, 1);
	}
	snprintf(why, n, "want %s, got %s", want_err ? want_err : "an error",
		 got_err ? got_err : got);
	return strcmp(got, "invalid") == 0 &&
	       (want_err == NULL || got_err == NULL || strcmp(want_err, got_err) == 0);
}

static int pc__open_check(const cJSON *test, const cJSON *answer, char *why, size_t n)
{
	return pc__check(test, answer, "samples", why, n);
}

/* ---- BioSealSeal ---------------------------------------------------------- */

static cJSON *pc__seal_eval(void *state, const cJSON *group, const cJSON *test)
{
	seal_dev *d = state;
	static uint8_t out[PC_BIO_SEALED_MAX_LEN];
	int64_t key_id, created;
	uint64_t tid;
	size_t len = 0;
	int ns = pc__samples(test, d);
	pc_err err;
	cJSON *a;

	(void)group;
	if (ns < 0 || pc__tid(test, &tid) != 0 ||
	    pc__field(test, "keyId", 0, UINT32_MAX, &key_id) != 0 ||
	    pc_vec_int(test, "created", &created) != 0 ||
	    pc_vec_unhex(pc_vec_str(test, "iv"), d->iv, sizeof d->iv) != 0)
		return pc__fault("the test needs samples, templateId, keyId, created and iv");
	d->now = created;
	err = pc_bio_seal(&d->plat, (uint32_t)key_id, tid, d->t, (size_t)ns, out,
			  sizeof out, &len);
	pc_bio_template_wipe(d->t);
	if (err != PC_OK)
		return pc__invalid(err);
	a = cJSON_CreateObject();
	cJSON_AddStringToObject(a, "result", "valid");
	pc_vec_add_hex(a, "blob", out, len);
	return a;
}

static int pc__seal_check(const cJSON *test, const cJSON *answer, char *why, size_t n)
{
	return pc__check(test, answer, "blob", why, n);
}

const pc_vec_alg pc_vec_bio_open = {
	"BIO-SEALED-TEMPLATE", "BioSealOpen", pc__open_outputs,
	pc__seal_begin, pc__open_eval, pc__open_check, pc__seal_end
};

const pc_vec_alg pc_vec_bio_seal = {
	"BIO-SEALED-TEMPLATE", "BioSealSeal", pc__seal_outputs,
	pc__seal_begin, pc__seal_eval, pc__seal_check, pc__seal_end
};
