/*
 * Vectors for finger minutiae templates, bio-templates.json
 * (vectors/README.md, docs/SPEC.md §6.1).
 *
 * BioRecordParse: a group gives the parse mode ("strict" or "lenient"); a
 * test gives a record as hex. The answer is the record as paycode reads
 * it, in the JSON form of pc_vec_bio_record_json() below (format name,
 * header fields, views with their minutiae as raw codes, quirks, bytes
 * used), or {"result": "invalid", "error": pc_err name}.
 *
 * BioXytParse: a group gives the .xyt convention ("m1" or "nist"); a test
 * gives the text. The answer is the template (minutiae in explicit units)
 * and the text written back in canonical form.
 *
 * A valid test passes when every expected output equals the answer's; an
 * invalid one when the answer is invalid (and, when both name one, with
 * the same error).
 */
#include <stdlib.h>
#include <string.h>

#include <paycode/bio.h>

#include "vectors_bio.h"

static const char *const pc__rec_outputs[] = {
	"format", "header", "views", "quirks", "used", "expectedError", NULL
};
static const char *const pc__xyt_outputs[] = {
	"height", "minutiae", "written", "expectedError", NULL
};

static const struct { uint32_t bit; const char *name; } pc__quirks[] = {
	{ PC_BIO_QUIRK_VERSION, "Version" },
	{ PC_BIO_QUIRK_LEN_SHORT, "LengthShort" },
	{ PC_BIO_QUIRK_TAIL, "Tail" },
	{ PC_BIO_QUIRK_EXT_CUT, "ExtCut" },
	{ PC_BIO_QUIRK_EXT_LAYOUT, "ExtLayout" },
	{ PC_BIO_QUIRK_EXT_EXCL, "ExtExcludesHeader" },
	{ PC_BIO_QUIRK_ANSI_ANGLE, "AnsiAngle" },
};

cJSON *pc_vec_bio_hex(cJSON *o, const char *k, const uint8_t *p, size_t n)
{
	char *buf = malloc(2 * n + 1);
	cJSON *s;

	if (buf == NULL)
		return NULL;
	pc_vec_hex(p, n, buf);
	s = cJSON_AddStringToObject(o, k, buf);
	free(buf);
	return s;
}

static void pc__num(cJSON *o, const char *k, double v)
{
	cJSON_AddNumberToObject(o, k, v);
}

/* [a, b, ...] of n numbers. */
static cJSON *pc__row(const int *v, size_t n)
{
	return cJSON_CreateIntArray(v, (int)n);
}

static cJSON *pc__minutiae(const pc_bio_view *v)
{
	cJSON *a = cJSON_CreateArray();
	int row[5];
	size_t i;

	for (i = 0; i < v->count && i < PC_BIO_MAX_MINUTIAE; i++) {
		row[0] = v->m[i].x;
		row[1] = v->m[i].y;
		row[2] = v->m[i].type;
		row[3] = v->m[i].angle;
		row[4] = v->m[i].quality;
		cJSON_AddItemToArray(a, pc__row(row, 5));
	}
	return a;
}

/* The ISO 2011 representation fields that 2005 and ANSI views lack. */
static void pc__view2011(cJSON *o, const pc_bio_view *v, int certified)
{
	cJSON *q = cJSON_CreateArray();
	int row[3];
	size_t i;

	pc__num(o, "width", v->width);
	pc__num(o, "height", v->height);
	pc__num(o, "xres", v->xres);
	pc__num(o, "yres", v->yres);
	pc_vec_bio_hex(o, "datetime", v->datetime, sizeof v->datetime);
	pc__num(o, "technology", v->technology);
	pc__num(o, "vendor", v->vendor);
	pc__num(o, "deviceType", v->device_type);
	for (i = 0; i < v->nqblocks && i < PC_BIO_MAX_QBLOCKS; i++) {
		row[0] = v->qblock[i].score;
		row[1] = v->qblock[i].vendor;
		row[2] = v->qblock[i].algorithm;
		cJSON_AddItemToArray(q, pc__row(row, 3));
	}
	cJSON_AddItemToObject(o, "qualityBlocks", q);
	if (certified) {
		q = cJSON_AddArrayToObject(o, "certificationBlocks");
		for (i = 0; i < v->ncblocks && i < PC_BIO_MAX_QBLOCKS; i++) {
			row[0] = v->cblock[i].authority;
			row[1] = v->cblock[i].scheme;
			cJSON_AddItemToArray(q, pc__row(row, 2));
		}
	}
	pc__num(o, "minutiaSize", v->minutia_size);
	pc__num(o, "endingType", v->ending_type);
}

static cJSON *pc__view(const pc_bio_record *r, const pc_bio_view *v)
{
	cJSON *o = cJSON_CreateObject();

	pc__num(o, "position", v->position);
	pc__num(o, "number", v->number);
	pc__num(o, "impression", v->impression);
	if (r->format == PC_BIO_FMT_ISO_2011)
		pc__view2011(o, v, r->certified != 0);
	else
		pc__num(o, "quality", v->quality);
	pc__num(o, "extLength", v->ext_len);
	pc_vec_bio_hex(o, "ext", v->ext, v->ext_have);
	cJSON_AddItemToObject(o, "minutiae", pc__minutiae(v));
	return o;
}

static cJSON *pc__header(const pc_bio_record *r)
{
	cJSON *h = cJSON_CreateObject();

	pc__num(h, "length", r->length);
	if (r->format == PC_BIO_FMT_ISO_2011) {
		pc__num(h, "certified", r->certified);
		return h;
	}
	if (r->format == PC_BIO_FMT_ANSI_2004) {
		cJSON_AddBoolToObject(h, "longLength", r->long_length != 0);
		pc__num(h, "cbeffOwner", r->cbeff_owner);
		pc__num(h, "cbeffType", r->cbeff_type);
	}
	pc__num(h, "equipment", r->equipment);
	pc__num(h, "width", r->width);
	pc__num(h, "height", r->height);
	pc__num(h, "xres", r->xres);
	pc__num(h, "yres", r->yres);
	pc__num(h, "reserved", r->reserved);
	pc_vec_bio_hex(h, "tail", r->tail, r->tail_len);
	return h;
}

cJSON *pc_vec_bio_record_json(const pc_bio_record *r, size_t used)
{
	cJSON *o = cJSON_CreateObject(), *a;
	size_t i;

	cJSON_AddStringToObject(o, "result", "valid");
	cJSON_AddStringToObject(o, "format", pc_bio_format_name(r->format));
	cJSON_AddItemToObject(o, "header", pc__header(r));
	a = cJSON_AddArrayToObject(o, "views");
	for (i = 0; i < r->nviews && i < PC_BIO_MAX_VIEWS; i++)
		cJSON_AddItemToArray(a, pc__view(r, &r->view[i]));
	a = cJSON_AddArrayToObject(o, "quirks");
	for (i = 0; i < sizeof pc__quirks / sizeof pc__quirks[0]; i++)
		if (r->quirks & pc__quirks[i].bit)
			cJSON_AddItemToArray(a, cJSON_CreateString(pc__quirks[i].name));
	pc__num(o, "used", (double)used);
	return o;
}

cJSON *pc_vec_bio_invalid(pc_err err)
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

/* ---- BioRecordParse --------------------------------------------------------- */

static pc_bio_record pc__rec; /* 13 KB: static, the runner is single-threaded */

static cJSON *pc__rec_eval(void *state, const cJSON *group, const cJSON *test)
{
	const char *hex = pc_vec_str(test, "record"), *mode = pc_vec_str(group, "mode");
	size_t n = hex != NULL ? strlen(hex) / 2 : 0, used = 0;
	uint8_t *buf = malloc(n + 1);
	unsigned flags;
	cJSON *a;
	pc_err err;

	(void)state;
	if (buf == NULL || pc_vec_unhex(hex, buf, n) != 0 || mode == NULL ||
	    (strcmp(mode, "strict") != 0 && strcmp(mode, "lenient") != 0)) {
		free(buf);
		return pc__fault("record is not lowercase hex, or mode is not strict|lenient");
	}
	flags = strcmp(mode, "lenient") == 0 ? PC_BIO_PARSE_LENIENT : 0u;
	err = pc_bio_parse(buf, n, flags, &pc__rec, &used);
	a = err == PC_OK ? pc_vec_bio_record_json(&pc__rec, used) : pc_vec_bio_invalid(err);
	pc_bio_record_wipe(&pc__rec);
	free(buf);
	return a;
}

/* Every expected output present in the test equals the answer's. */
static int pc__same_outputs(const char *const *keys, const cJSON *test,
			    const cJSON *answer, char *why, size_t n)
{
	const cJSON *want, *got;
	char *text;

	for (; *keys != NULL; keys++) {
		if (strcmp(*keys, "expectedError") == 0)
			continue;
		want = cJSON_GetObjectItemCaseSensitive(test, *keys);
		got = cJSON_GetObjectItemCaseSensitive(answer, *keys);
		if (want == NULL || cJSON_Compare(want, got, 1))
			continue;
		text = got != NULL ? cJSON_PrintUnformatted(got) : NULL;
		snprintf(why, n, "%s differs: got %.300s", *keys, text ? text : "nothing");
		free(text);
		return 0;
	}
	return 1;
}

static int pc__check(const char *const *keys, const cJSON *test, const cJSON *answer,
		     char *why, size_t n)
{
	const char *result = pc_vec_str(test, "result"), *got = pc_vec_str(answer, "result");
	const char *want_err = pc_vec_str(test, "expectedError");
	const char *got_err = pc_vec_str(answer, "error");

	if (result == NULL || got == NULL) {
		snprintf(why, n, "no result in the %s", result == NULL ? "test" : "answer");
		return 0;
	}
	if (strcmp(result, "valid") == 0) {
		snprintf(why, n, "want valid, got %s", got_err ? got_err : got);
		return strcmp(got, "valid") == 0 && pc__same_outputs(keys, test, answer, why, n);
	}
	snprintf(why, n, "want %s, got %s", want_err ? want_err : "an error",
		 got_err ? got_err : got);
	return strcmp(got, "invalid") == 0 &&
	       (want_err == NULL || got_err == NULL || strcmp(want_err, got_err) == 0);
}

static int pc__rec_check(const cJSON *test, const cJSON *answer, char *why, size_t n)
{
	return pc__check(pc__rec_outputs, test, answer, why, n);
}

/* ---- BioXytParse -------------------------------------------------------------- */

static pc_bio_template pc__tpl;

cJSON *pc_vec_bio_xyt_json(const pc_bio_template *t, const char *written, size_t wlen)
{
	cJSON *o = cJSON_CreateObject(), *a;
	char *text = malloc(wlen + 1);
	int row[4];
	size_t i;

	cJSON_AddStringToObject(o, "result", "valid");
	pc__num(o, "height", t->height);
	a = cJSON_AddArrayToObject(o, "minutiae");
	for (i = 0; i < t->count && i < PC_BIO_MAX_MINUTIAE; i++) {
		row[0] = t->pt[i].x;
		row[1] = t->pt[i].y;
		row[2] = t->pt[i].angle;
		row[3] = t->pt[i].quality;
		cJSON_AddItemToArray(a, pc__row(row, 4));
	}
	if (text != NULL) {
		memcpy(text, written, wlen);
		text[wlen] = '\0';
		cJSON_AddStringToObject(o, "written", text);
	}
	free(text);
	return o;
}

static cJSON *pc__xyt_eval(void *state, const cJSON *group, const cJSON *test)
{
	const char *text = pc_vec_str(test, "text"), *conv = pc_vec_str(group, "convention");
	static char out[PC_BIO_MAX_MINUTIAE * 32u];
	pc_bio_xyt_conv c = PC_BIO_XYT_M1;
	size_t wlen = 0;
	cJSON *a;
	pc_err err;

	(void)state;
	if (text == NULL || conv == NULL ||
	    (strcmp(conv, "m1") != 0 && strcmp(conv, "nist") != 0))
		return pc__fault("the test needs text, the group convention m1|nist");
	if (strcmp(conv, "nist") == 0)
		c = PC_BIO_XYT_NIST;
	err = pc_bio_xyt_parse(text, strlen(text), c, &pc__tpl);
	if (err == PC_OK)
		err = pc_bio_xyt_write(&pc__tpl, c, out, sizeof out, &wlen);
	a = err == PC_OK ? pc_vec_bio_xyt_json(&pc__tpl, out, wlen) : pc_vec_bio_invalid(err);
	pc_bio_template_wipe(&pc__tpl);
	return a;
}

static int pc__xyt_check(const cJSON *test, const cJSON *answer, char *why, size_t n)
{
	return pc__check(pc__xyt_outputs, test, answer, why, n);
}

const pc_vec_alg pc_vec_bio_template = {
	"BIO-TEMPLATE", "BioRecordParse", pc__rec_outputs,
	pc_vec_no_state, pc__rec_eval, pc__rec_check, pc_vec_no_end
};

const pc_vec_alg pc_vec_bio_xyt = {
	"BIO-TEMPLATE", "BioXytParse", pc__xyt_outputs,
	pc_vec_no_state, pc__xyt_eval, pc__xyt_check, pc_vec_no_end
};
