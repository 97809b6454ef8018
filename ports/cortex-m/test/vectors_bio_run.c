/*
 * bio-templates.json on the target (tables from tools/vectors_to_c.py),
 * checked as the host runner does (cli/vectors_bio.c) on the fields the
 * tables carry:
 *
 *   records  valid: parses in the group's mode, with the format, quirks,
 *            bytes used, header length, size and resolution, and per view
 *            the minutia count, extended data length and bytes held and
 *            the digest of the minutiae; invalid: fails, with
 *            expectedError when given;
 *   .xyt     valid: parses under the convention with the count, height and
 *            digest, and writes back the canonical text; invalid: fails
 *            with expectedError.
 *
 * A test that needs more views, minutiae, extended data or quality blocks
 * than the profile holds (PC_BIO_* in pc_config_cortex-m.h) is skipped and
 * counted apart: the profile refuses such records with PC_ERR_CAPACITY by
 * design. Contexts are static (a record is kilobytes).
 */
#include <string.h>

#include <paycode/bio.h>

#include "out.h"
#include "vectors_data.h"
#include "vectors_run.h"

static pc_bio_record pc__r;
static pc_bio_template pc__t;
static char pc__text[PC_BIO_MAX_MINUTIAE * 32u];

/* FNV-1a, 32 bits, continued over p[0..n). */
static uint32_t pc__fnv(uint32_t h, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x01000193u;
	return h;
}

static uint32_t pc__view_digest(const pc_bio_view *v)
{
	uint8_t b[7];
	uint32_t h;
	size_t i;

	b[0] = v->position;
	b[1] = v->number;
	b[2] = v->impression;
	h = pc__fnv(0x811C9DC5u, b, 3);
	for (i = 0; i < v->count; i++) {
		b[0] = (uint8_t)(v->m[i].x >> 8);
		b[1] = (uint8_t)v->m[i].x;
		b[2] = (uint8_t)(v->m[i].y >> 8);
		b[3] = (uint8_t)v->m[i].y;
		b[4] = v->m[i].type;
		b[5] = v->m[i].angle;
		b[6] = v->m[i].quality;
		h = pc__fnv(h, b, 7);
	}
	return h;
}

static int pc__fits(const uint16_t need[4])
{
	return need[0] <= PC_BIO_MAX_VIEWS && need[1] <= PC_BIO_MAX_MINUTIAE &&
	       need[2] <= PC_BIO_EXT_MAX && need[3] <= PC_BIO_MAX_QBLOCKS;
}

static const char *pc__rec_views(const pc_vt_bio *v)
{
	size_t i;

	if (pc__r.nviews != v->nviews)
		return "view count differs";
	for (i = 0; i < v->nviews; i++) {
		const pc_bio_view *w = &pc__r.view[i];

		if (w->count != v->views[i].count || w->ext_len != v->views[i].ext_len ||
		    w->ext_have != v->views[i].ext_have)
			return "view counts or extended data differ";
		if (pc__view_digest(w) != v->views[i].digest)
			return "minutiae differ";
	}
	return NULL;
}

static const char *pc__rec_check(const pc_vt_bio *v, pc_err err, size_t used)
{
	if (!v->valid)
		return err != PC_OK && (v->error == PC_OK || v->error == err)
			       ? NULL : "parsed, or failed with another error";
	if (err != PC_OK)
		return "parse failed";
	if (pc__r.format != v->format || pc__r.quirks != v->quirks || used != v->used)
		return "format, quirks or bytes used differ";
	if (pc__r.length != v->length || (v->format != PC_BIO_FMT_ISO_2011 &&
	    (pc__r.width != v->width || pc__r.height != v->height ||
	     pc__r.xres != v->xres || pc__r.yres != v->yres)))
		return "header differs";
	return pc__rec_views(v);
}

static void pc__run_records(pc_vt_tally *t, unsigned *skipped)
{
	const char *why;
	size_t i, used;
	pc_err err;

	for (i = 0; i < pc_vt_nbio; i++) {
		const pc_vt_bio *v = &pc_vt_bios[i];

		if (!pc__fits(v->need)) {
			(*skipped)++;
			continue;
		}
		used = 0;
		err = pc_bio_parse((const uint8_t *)v->rec, v->len,
				   v->lenient ? PC_BIO_PARSE_LENIENT : 0u, &pc__r, &used);
		why = pc__rec_check(v, err, used);
		if (why == NULL)
			t->passed++;
		else
			pc_vt_fail(t, "bio-templates.json", v->tc, why, err, v->error);
	}
	pc_bio_record_wipe(&pc__r);
}

static uint32_t pc__tpl_digest(void)
{
	uint8_t b[7];
	uint32_t h = 0x811C9DC5u;
	size_t i;

	for (i = 0; i < pc__t.count; i++) {
		b[0] = (uint8_t)((uint16_t)pc__t.pt[i].x >> 8);
		b[1] = (uint8_t)pc__t.pt[i].x;
		b[2] = (uint8_t)((uint16_t)pc__t.pt[i].y >> 8);
		b[3] = (uint8_t)pc__t.pt[i].y;
		b[4] = (uint8_t)(pc__t.pt[i].angle >> 8);
		b[5] = (uint8_t)pc__t.pt[i].angle;
		b[6] = pc__t.pt[i].quality;
		h = pc__fnv(h, b, 7);
	}
	return h;
}

static const char *pc__xyt_check(const pc_vt_xyt *v, pc_err err)
{
	size_t n = 0;

	if (!v->valid)
		return err != PC_OK && (v->error == PC_OK || v->error == err)
			       ? NULL : "parsed, or failed with another error";
	if (err != PC_OK)
		return "parse failed";
	if (pc__t.count != v->count || pc__t.height != v->height ||
	    pc__tpl_digest() != v->digest)
		return "minutiae differ";
	if (pc_bio_xyt_write(&pc__t, v->nist ? PC_BIO_XYT_NIST : PC_BIO_XYT_M1,
			     pc__text, sizeof pc__text - 1, &n) != PC_OK)
		return "write failed";
	pc__text[n] = '\0';
	return v->written == NULL || strcmp(pc__text, v->written) == 0
		       ? NULL : "written text differs";
}

static void pc__run_xyt(pc_vt_tally *t, unsigned *skipped)
{
	const char *why;
	size_t i;
	pc_err err;

	for (i = 0; i < pc_vt_nxyt; i++) {
		const pc_vt_xyt *v = &pc_vt_xyts[i];

		if (v->count > PC_BIO_MAX_MINUTIAE) {
			(*skipped)++;
			continue;
		}
		err = pc_bio_xyt_parse(v->text, v->len,
				       v->nist ? PC_BIO_XYT_NIST : PC_BIO_XYT_M1, &pc__t);
		why = pc__xyt_check(v, err);
		if (why == NULL)
			t->passed++;
		else
			pc_vt_fail(t, "bio-templates.json", v->tc, why, err, v->error);
	}
	pc_bio_template_wipe(&pc__t);
}

void pc_vt_run_bio(pc_vt_tally *t, unsigned *skipped)
{
	pc__run_records(t, skipped);
	pc__run_xyt(t, skipped);
}
