/*
 * bio-templates.json: finger minutiae records (ISO/IEC 19794-2:2005 and
 * :2011, ANSI/INCITS 378-2004) and NBIS .xyt text, read strictly and
 * leniently (docs/SPEC.md §6.1).
 *
 * Positive records are written by paycode's writer (pc_bio_write) from
 * records built here: seeded synthetic templates (pc_bio_synth_impression,
 * pc_bio_record_from_template) and hand-made edge cases. Their expected
 * fields are those of the record given to the writer, never the parser's
 * reading. Negative records are valid ones with bytes edited at offsets
 * named below; their expected errors are written by hand from the checks
 * listed in include/paycode/bio.h (pc_bio_parse). The NIST libbiomeval
 * samples (public domain) are read by paycode's lenient parser, and kept
 * only if the writer reproduces them byte for byte.
 */
#include <string.h>

#include "vectors_gen.h"
#include "vectors_bio.h"

static const char *const pc__header[] = {
	"Finger minutiae templates: ISO/IEC 19794-2:2005, ISO/IEC 19794-2:2011 and ANSI/INCITS 378-2004",
	"records (hex), and NBIS .xyt text, each read by a strict and a lenient parser (docs/SPEC.md 6.1).",
	"BioRecordParse groups: mode strict|lenient; input record (hex). Expected: format, header, views",
	"(minutiae as [x, y, type, angle code, quality code], raw codes of the record), quirks (deviations",
	"the lenient mode accepted), used (bytes the record occupies); invalid tests name the pc_err.",
	"BioXytParse groups: convention m1|nist; input text. Expected: minutiae [x, y, angle in 1/65536",
	"turn, quality] after the convention's y mapping, height, and the text written back canonically.",
	"Sources: records written by paycode's writer from seeded synthetic templates (pc_bio_synth_impression,",
	"seed 2026) and from hand-made edge cases; hand-edited negatives; three NIST libbiomeval samples",
	"(usnistgov/libbiomeval src/test/test_data fmr.iso2005, fmr.ansi2004, fmr.ansi2007, commit 27f66b45,",
	"public domain) whose expected fields are paycode's lenient reading, confirmed by the writer",
	"reproducing each sample byte for byte. No FVC-derived or Apache-2.0 data is included.",
	"Written by `paycode vectors gen` (cli/vectors_gen_bio.c).",
	NULL
};

/* Offsets of the fields edited below (big-endian records). */
enum {
	I5_LEN = 8, I5_XRES = 18, I5_YRES = 20, I5_NVIEWS = 22, I5_RES = 23,
	I5_VIEW = 24,                 /* position, view|imp, quality, count */
	I5_MIN = 28,                  /* first minutia: tx(2) ry(2) a q */
	AN_VER = 4, AN_LEN = 8, AN_RES = 25, AN_MIN = 30,
	I11_LEN = 8, I11_REP = 15,    /* representation length */
	I11_QB = 34,                  /* first quality block score */
	I11_XRES = 41, I11_SIZE = 50, I11_MIN = 52
};

#define BUF_MAX 4096u

static pc_bio_record pc__r, pc__x;
static pc_bio_template pc__t;
static uint8_t pc__b[BUF_MAX];

/* A template of n minutiae spread over a 300 x 400 window at 197 px/cm,
 * angles multiples of 1/128 turn (exact in both angle units). */
static void pc__hand_template(unsigned n)
{
	unsigned i;

	memset(&pc__t, 0, sizeof pc__t);
	pc__t.width = 300;
	pc__t.height = 400;
	pc__t.xres = pc__t.yres = 197;
	pc__t.position = 2;
	pc__t.quality = 60;
	for (i = 0; i < n; i++) {
		pc__t.pt[i].x = (int16_t)(5u + (i * 37u) % 290u);
		pc__t.pt[i].y = (int16_t)(7u + (i * 53u) % 390u);
		pc__t.pt[i].angle = (uint16_t)((i * 29u % 128u) << 9);
		pc__t.pt[i].type = (uint8_t)(1u + i % 2u);
		pc__t.pt[i].quality = (uint8_t)(30u + i % 71u);
	}
	pc__t.count = (uint16_t)n;
}

static int pc__hand(pc_bio_record *r, pc_bio_format fmt, unsigned n)
{
	pc__hand_template(n);
	return pc_bio_record_from_template(&pc__t, fmt, r) == PC_OK ? 0 : -1;
}

static int pc__synth(pc_bio_record *r, pc_bio_format fmt, uint32_t finger,
		     uint32_t imp)
{
	pc_bio_synth p;

	pc_bio_synth_default(&p, 2026);
	if (pc_bio_synth_impression(&p, finger, imp, &pc__t) != PC_OK)
		return -1;
	pc__t.position = (uint8_t)(1u + finger % 10u);
	return pc_bio_record_from_template(&pc__t, fmt, r) == PC_OK ? 0 : -1;
}

/* Write r into pc__b; the byte count, or 0 on failure. */
static size_t pc__enc(const pc_bio_record *r)
{
	size_t n = 0;

	return pc_bio_write(r, pc__b, sizeof pc__b, &n) == PC_OK ? n : 0;
}

static void pc__put16(size_t at, unsigned v)
{
	pc__b[at] = (uint8_t)(v >> 8);
	pc__b[at + 1] = (uint8_t)v;
}

static void pc__put32(size_t at, uint32_t v)
{
	pc__put16(at, v >> 16);
	pc__put16(at + 2, v & 0xffffu);
}

static cJSON *pc__test(pc_gen *f, cJSON *g, const char *comment, const char *flags,
		       const uint8_t *b, size_t n)
{
	cJSON *t = pc_gen_test(f, g, comment, flags);

	if (pc_vec_bio_hex(t, "record", b, n) == NULL)
		f->bad = 1;
	return t;
}

static void pc__invalid(pc_gen *f, cJSON *g, const char *comment, const char *flags,
			const uint8_t *b, size_t n, pc_err err)
{
	cJSON *t = pc__test(f, g, comment, flags, b, n);

	cJSON_AddStringToObject(t, "expectedError", pc_err_name(err));
	cJSON_AddStringToObject(t, "result", "invalid");
}

/* Copy the expected members of an answer object into the test. */
static void pc__expect(cJSON *t, cJSON *ans, const char *const *keys)
{
	cJSON *item;

	for (; *keys != NULL; keys++) {
		item = cJSON_DetachItemFromObjectCaseSensitive(ans, *keys);
		if (item != NULL)
			cJSON_AddItemToObject(t, *keys, item);
	}
	cJSON_Delete(ans);
	cJSON_AddStringToObject(t, "result", "valid");
}

/* A valid test of record r (as held: its length field, when 0, is the
 * written size), encoded in b[0..n), occupying `used` bytes (0: n). */
static void pc__valid(pc_gen *f, cJSON *g, const char *comment, const char *flags,
		      const pc_bio_record *r, const uint8_t *b, size_t n, size_t used)
{
	static const char *const keys[] = { "format", "header", "views", "quirks",
					    "used", NULL };
	cJSON *t = pc__test(f, g, comment, flags, b, n);

	pc__x = *r;
	if (pc__x.length == 0)
		pc__x.length = (uint32_t)(used ? used : n);
	pc__expect(t, pc_vec_bio_record_json(&pc__x, used ? used : n), keys);
}

/* Encode r and add it as a valid test. */
static void pc__valid_rec(pc_gen *f, cJSON *g, const char *comment, const char *flags,
			  const pc_bio_record *r)
{
	size_t n = pc__enc(r);

	if (n == 0)
		f->bad = 1;
	pc__valid(f, g, comment, flags, r, pc__b, n, 0);
}

/* The same record in the strict group (invalid, err) and the lenient group
 * (valid as r says, with its quirks). */
static void pc__quirk(pc_gen *f, cJSON *gs, cJSON *gl, const char *comment,
		      const pc_bio_record *r, size_t n, size_t used, pc_err err)
{
	pc__invalid(f, gs, comment, "LenientQuirk", pc__b, n, err);
	pc__valid(f, gl, comment, "LenientQuirk", r, pc__b, n, used);
}

/* ---- positive records ------------------------------------------------------ */

static const pc_bio_format pc__fmts[3] = { PC_BIO_FMT_ISO_2005, PC_BIO_FMT_ISO_2011,
					   PC_BIO_FMT_ANSI_2004 };

static void pc__synthetic(pc_gen *f, cJSON *g)
{
	/* finger 0 impressions 0 and 1 (tcIds 1 and 4) are a genuine pair:
	 * the Cortex-M footprint image times the matcher on them */
	static const uint32_t fi[6][2] = { { 0, 0 }, { 0, 0 }, { 0, 0 },
					   { 0, 1 }, { 2, 5 }, { 3, 7 } };
	char c[96];
	size_t k;

	for (k = 0; k < 6; k++) {
		if (pc__synth(&pc__r, pc__fmts[k % 3], fi[k][0], fi[k][1]) != 0)
			f->bad = 1;
		snprintf(c, sizeof c, "synthetic finger %u impression %u (seed 2026) as %s",
			 (unsigned)fi[k][0], (unsigned)fi[k][1],
			 pc_bio_format_name(pc__fmts[k % 3]));
		pc__valid_rec(f, g, c, "Synthetic", &pc__r);
	}
}

static void pc__counts(pc_gen *f, cJSON *g)
{
	char c[96];
	size_t k;

	for (k = 0; k < 3; k++) {
		if (pc__hand(&pc__r, pc__fmts[k], 0) != 0)
			f->bad = 1;
		snprintf(c, sizeof c, "%s, one view with 0 minutiae",
			 pc_bio_format_name(pc__fmts[k]));
		pc__valid_rec(f, g, c, "ZeroMinutiae", &pc__r);
		if (pc__hand(&pc__r, pc__fmts[k], 255) != 0)
			f->bad = 1;
		snprintf(c, sizeof c, "%s, 255 minutiae (the count byte's maximum)",
			 pc_bio_format_name(pc__fmts[k]));
		pc__valid_rec(f, g, c, "MaxMinutiae", &pc__r);
	}
	for (k = 0; k < 3; k += 2) {
		if (pc__hand(&pc__r, pc__fmts[k], 3) != 0)
			f->bad = 1;
		pc__r.nviews = 0;
		pc__r.view[0].count = 0;
		snprintf(c, sizeof c, "%s with no finger view (allowed by the standard)",
			 pc_bio_format_name(pc__fmts[k]));
		pc__valid_rec(f, g, c, "ZeroMinutiae", &pc__r);
	}
}

/* Views 1.. copied from view 0 with another position or view number and
 * fewer minutiae. */
static void pc__more_views(pc_bio_record *r, unsigned nviews)
{
	unsigned i;

	for (i = 1; i < nviews; i++) {
		r->view[i] = r->view[0];
		r->view[i].number = (uint8_t)(i % 2u);
		r->view[i].position = (uint8_t)(r->view[0].position + i / 2u);
		r->view[i].count = (uint16_t)(r->view[0].count - i);
	}
	r->nviews = (uint8_t)nviews;
}

static void pc__views(pc_gen *f, cJSON *g)
{
	static const unsigned nv[3] = { 2, 3, 4 };
	char c[96];
	size_t k;

	for (k = 0; k < 3; k++) {
		if (pc__hand(&pc__r, pc__fmts[k], 12) != 0)
			f->bad = 1;
		pc__more_views(&pc__r, nv[k]);
		snprintf(c, sizeof c, "%s, %u views (same finger, view numbers 0 and 1)",
			 pc_bio_format_name(pc__fmts[k]), nv[k]);
		pc__valid_rec(f, g, c, "MultipleViews", &pc__r);
	}
}

/* Extended data of view v: the blocks in e[0..n). */
static void pc__set_ext(pc_bio_view *v, const uint8_t *e, size_t n)
{
	memcpy(v->ext, e, n);
	v->ext_len = v->ext_have = (uint16_t)n;
}

static void pc__ext(pc_gen *f, cJSON *g)
{
	/* two blocks: type 1 (ridge counts) of 8 bytes, type 2 (core and
	 * delta) of 6, lengths including the 4-byte block header */
	static const uint8_t incl[14] = { 0, 1, 0, 8, 0xde, 0xad, 0xbe, 0xef,
					  0, 2, 0, 6, 0x12, 0x34 };
	/* one block whose length (4) excludes its header: ISO 2005 only */
	static const uint8_t excl[8] = { 0, 1, 0, 4, 0xde, 0xad, 0xbe, 0xef };
	char c[96];
	size_t k;

	for (k = 0; k < 3; k++) {
		if (pc__hand(&pc__r, pc__fmts[k], 5) != 0)
			f->bad = 1;
		pc__set_ext(&pc__r.view[0], incl, sizeof incl);
		snprintf(c, sizeof c, "%s, two extended data blocks",
			 pc_bio_format_name(pc__fmts[k]));
		pc__valid_rec(f, g, c, "ExtendedData", &pc__r);
	}
	if (pc__hand(&pc__r, PC_BIO_FMT_ISO_2005, 5) != 0)
		f->bad = 1;
	pc__set_ext(&pc__r.view[0], excl, sizeof excl);
	pc__r.quirks = PC_BIO_QUIRK_EXT_EXCL;
	pc__valid_rec(f, g, "ISO 2005 extended data block length excluding its header "
		      "(the standard's other reading): accepted in strict mode too",
		      "ExtendedData", &pc__r);
}

static void pc__iso2011(pc_gen *f, cJSON *g)
{
	static const uint8_t when[9] = { 0x07, 0xea, 11, 29, 5, 30, 0, 0x01, 0xf4 };
	pc_bio_view *v = &pc__r.view[0];
	pc_bio_minutia *m;

	if (pc__hand(&pc__r, PC_BIO_FMT_ISO_2011, 6) != 0)
		f->bad = 1;
	pc__r.certified = 1;
	memcpy(v->datetime, when, sizeof when);
	v->technology = 2;
	v->vendor = 0x0101;
	v->device_type = 0x0042;
	v->nqblocks = 2;
	v->qblock[1].score = 255;
	v->qblock[1].vendor = 0x0103;
	v->qblock[1].algorithm = 7;
	v->ncblocks = 2;
	v->cblock[0].authority = 0x0001;
	v->cblock[0].scheme = 1;
	v->cblock[1].authority = 0x0002;
	v->cblock[1].scheme = 3;
	v->ending_type = 1;
	v->m[0].quality = PC_BIO_Q2011_NOT_REPORTED;
	v->m[1].quality = PC_BIO_Q2011_FAILED;
	pc__valid_rec(f, g, "ISO 2011 certified: capture time, two quality blocks "
		      "(one 255 failed), two certification blocks, ending type 1, "
		      "minutia qualities 254 and 255", "Iso2011Fields", &pc__r);
	if (pc__hand(&pc__r, PC_BIO_FMT_ISO_2011, 6) != 0)
		f->bad = 1;
	pc__r.view[0].minutia_size = 5;
	for (m = v->m; m < v->m + 6; m++)
		m->quality = 0;
	pc__valid_rec(f, g, "ISO 2011 five-byte minutiae (no quality)", "Iso2011Fields",
		      &pc__r);
}

static void pc__misc_valid(pc_gen *f, cJSON *g)
{
	size_t n;

	if (pc__hand(&pc__r, PC_BIO_FMT_ANSI_2004, 4) != 0)
		f->bad = 1;
	pc__r.long_length = 1;
	pc__r.cbeff_owner = 0x001b;
	pc__r.cbeff_type = 0x0201;
	pc__r.equipment = 0x1abc;
	pc__valid_rec(f, g, "ANSI 378 six-byte length form (30-byte header), CBEFF IDs, "
		      "equipment compliance and ID", "AnsiLongLength", &pc__r);
	if (pc__hand(&pc__r, PC_BIO_FMT_ISO_2005, 4) != 0)
		f->bad = 1;
	pc__r.view[0].m[0].x = 299;
	pc__r.view[0].m[0].y = 399;
	pc__r.view[0].m[1].quality = 100;
	pc__r.view[0].quality = 100;
	pc__valid_rec(f, g, "ISO 2005 minutia at (width - 1, height - 1), qualities 100",
		      "EdgeOfRange", &pc__r);
	n = pc__enc(&pc__r);
	memset(pc__b + n, 0, 16);
	pc__valid(f, g, "ISO 2005 followed by 16 zero bytes (padding is allowed)",
		  "ZeroPadding", &pc__r, pc__b, n + 16, n);
	if (pc__hand(&pc__r, PC_BIO_FMT_ANSI_2004, 4) != 0)
		f->bad = 1;
	pc__r.view[0].m[2].angle = 179;
	pc__valid_rec(f, g, "ANSI 378 angle code 179 (358 degrees, the largest)",
		      "EdgeOfRange", &pc__r);
}

/* ---- lenient quirks ----------------------------------------------------------- */

static void pc__quirks_len(pc_gen *f, cJSON *gs, cJSON *gl)
{
	static const uint8_t tail[2] = { 0, 0 };
	size_t n;

	if (pc__hand(&pc__r, PC_BIO_FMT_ANSI_2004, 5) != 0)
		f->bad = 1;
	pc__r.quirks = PC_BIO_QUIRK_VERSION;
	n = pc__enc(&pc__r);
	pc__quirk(f, gs, gl, "ANSI 378 version \"020\\0\"", &pc__r, n, 0,
		  PC_ERR_BIO_FORMAT);
	if (pc__hand(&pc__r, PC_BIO_FMT_ISO_2005, 5) != 0)
		f->bad = 1;
	n = pc__enc(&pc__r);
	pc__r.length = (uint32_t)(n - 2);
	pc__r.quirks = PC_BIO_QUIRK_LEN_SHORT;
	n = pc__enc(&pc__r);
	pc__quirk(f, gs, gl, "ISO 2005 length field 2 bytes short of its views, all "
		  "present", &pc__r, n, n, PC_ERR_BIO_LENGTH);
	if (pc__hand(&pc__r, PC_BIO_FMT_ISO_2005, 5) != 0)
		f->bad = 1;
	memcpy(pc__r.tail, tail, sizeof tail);
	pc__r.tail_len = sizeof tail;
	pc__r.quirks = PC_BIO_QUIRK_TAIL;
	n = pc__enc(&pc__r);
	pc__quirk(f, gs, gl, "ISO 2005 with 2 bytes between its last view and its length",
		  &pc__r, n, 0, PC_ERR_BIO_TRAILING);
	if (pc__hand(&pc__r, PC_BIO_FMT_ISO_2005, 5) != 0)
		f->bad = 1;
	pc__r.view[0].ext_len = 7;
	pc__r.view[0].ext_have = 4;
	memcpy(pc__r.view[0].ext, "\0\1\0\7", 4);
	pc__r.quirks = PC_BIO_QUIRK_EXT_CUT;
	n = pc__enc(&pc__r);
	pc__quirk(f, gs, gl, "ISO 2005 extended data length 7 with 4 bytes left in the "
		  "record (cut)", &pc__r, n, 0, PC_ERR_BIO_LENGTH);
}

static void pc__quirks_content(pc_gen *f, cJSON *gs, cJSON *gl)
{
	static const uint8_t bad_ext[9] = { 0, 1, 0, 12, 1, 2, 3, 4, 5 };
	static const uint8_t type0[8] = { 0, 0, 0, 8, 1, 2, 3, 4 };
	size_t n;

	if (pc__hand(&pc__r, PC_BIO_FMT_ANSI_2004, 5) != 0)
		f->bad = 1;
	pc__set_ext(&pc__r.view[0], bad_ext, sizeof bad_ext);
	pc__r.quirks = PC_BIO_QUIRK_EXT_LAYOUT;
	n = pc__enc(&pc__r);
	pc__quirk(f, gs, gl, "ANSI 378 extended data block of 12 bytes in a 9-byte area",
		  &pc__r, n, 0, PC_ERR_BIO_EXT);
	if (pc__hand(&pc__r, PC_BIO_FMT_ISO_2005, 5) != 0)
		f->bad = 1;
	pc__set_ext(&pc__r.view[0], type0, sizeof type0);
	pc__r.quirks = PC_BIO_QUIRK_EXT_LAYOUT;
	n = pc__enc(&pc__r);
	pc__quirk(f, gs, gl, "ISO 2005 extended data block of the reserved type 0",
		  &pc__r, n, 0, PC_ERR_BIO_EXT);
	if (pc__hand(&pc__r, PC_BIO_FMT_ANSI_2004, 5) != 0)
		f->bad = 1;
	pc__r.view[0].m[1].angle = 200;
	pc__r.quirks = PC_BIO_QUIRK_ANSI_ANGLE;
	n = pc__enc(&pc__r);
	pc__quirk(f, gs, gl, "ANSI 378 angle code 200 (>= 180: an ISO code copied)",
		  &pc__r, n, 0, PC_ERR_BIO_MINUTIA);
	if (pc__hand(&pc__r, PC_BIO_FMT_ISO_2005, 5) != 0)
		f->bad = 1;
	pc__r.reserved = 0x5a;
	n = pc__enc(&pc__r);
	pc__quirk(f, gs, gl, "ISO 2005 reserved header byte 0x5a", &pc__r, n, 0,
		  PC_ERR_BIO_HEADER);
	if (pc__hand(&pc__r, PC_BIO_FMT_ISO_2005, 5) != 0)
		f->bad = 1;
	n = pc__enc(&pc__r);
	memcpy(pc__b + n, "\0\0\1\2", 4);
	pc__quirk(f, gs, gl, "ISO 2005 followed by 4 bytes that are not all zero",
		  &pc__r, n + 4, n, PC_ERR_BIO_TRAILING);
}

/* A NIST sample: strict err; lenient valid (with the writer's round trip
 * as the check) or lenient_err. */
static void pc__nist(pc_gen *f, cJSON *gs, cJSON *gl, const char *comment,
		     const uint8_t *b, size_t n, pc_err strict_err, pc_err lenient_err)
{
	size_t used = 0, m;

	memcpy(pc__b, b, n);
	pc__invalid(f, gs, comment, "NistSample", pc__b, n, strict_err);
	if (lenient_err != PC_OK) {
		pc__invalid(f, gl, comment, "NistSample", pc__b, n, lenient_err);
		return;
	}
	if (pc_bio_parse(b, n, PC_BIO_PARSE_LENIENT, &pc__r, &used) != PC_OK ||
	    (m = pc__enc(&pc__r)) != n || memcmp(pc__b, b, n) != 0) {
		fprintf(stderr, "paycode vectors gen: %s does not round-trip\n", comment);
		f->bad = 1;
		return;
	}
	pc__valid(f, gl, comment, "NistSample LenientQuirk", &pc__r, pc__b, n, used);
}

static void pc__nist_all(pc_gen *f, cJSON *gs, cJSON *gl)
{
	pc__nist(f, gs, gl, "NIST libbiomeval fmr.iso2005: 2 views, the last extended "
		 "data area cut by the record length", pc_gen_nist_iso2005,
		 pc_gen_nist_iso2005_len, PC_ERR_BIO_LENGTH, PC_OK);
	pc__nist(f, gs, gl, "NIST libbiomeval fmr.ansi2004: 3 views, 2 bytes after the "
		 "last view inside the length", pc_gen_nist_ansi2004,
		 pc_gen_nist_ansi2004_len, PC_ERR_BIO_TRAILING, PC_OK);
	pc__nist(f, gs, gl, "NIST libbiomeval fmr.ansi2007: ANSI 378-2009 layout, not "
		 "a supported format", pc_gen_nist_ansi2007, pc_gen_nist_ansi2007_len,
		 PC_ERR_BIO_FORMAT, PC_ERR_BIO_FORMAT);
}

/* ---- negative records ------------------------------------------------------------ */

/* Truncations of a record at each of its field boundaries: the length
 * field then exceeds the input (or the header is incomplete). */
static void pc__truncations(pc_gen *f, cJSON *g)
{
	static const size_t cut[3][14] = {
		{ 0, 3, 4, 8, 11, 12, 14, 16, 18, 20, 22, 23, 24, 28 },
		{ 0, 3, 4, 8, 11, 12, 14, 15, 19, 28, 33, 39, 51, 52 },
		{ 0, 4, 8, 10, 12, 14, 16, 18, 20, 22, 24, 25, 26, 30 },
	};
	char c[96];
	size_t k, i, n;

	for (k = 0; k < 3; k++) {
		if (pc__hand(&pc__r, pc__fmts[k], 3) != 0)
			f->bad = 1;
		n = pc__enc(&pc__r);
		for (i = 0; i <= 14; i++) {
			size_t at = i < 14 ? cut[k][i] : n - 1;

			snprintf(c, sizeof c, "%s cut to %zu of %zu bytes",
				 pc_bio_format_name(pc__fmts[k]), at, n);
			pc__invalid(f, g, c, "TruncatedRecord", pc__b, at,
				    PC_ERR_BIO_TRUNCATED);
		}
	}
}

/* Length fields that agree with the input but not with the content. */
static void pc__lengths(pc_gen *f, cJSON *g)
{
	size_t n, rlen;

	if (pc__hand(&pc__r, PC_BIO_FMT_ISO_2005, 3) != 0)
		f->bad = 1;
	n = pc__enc(&pc__r);
	pc__put32(I5_LEN, 23);
	pc__invalid(f, g, "ISO 2005 length field 23: word 8 is 0 and word 10 below "
		    "24, so by the detection rule an ANSI 6-byte length, 0x0017.... "
		    "bytes, beyond the input", "LengthMismatch", pc__b, n,
		    PC_ERR_BIO_TRUNCATED);
	pc__put32(I5_LEN, I5_VIEW + 3);
	pc__invalid(f, g, "ISO 2005 length field ending inside the view header",
		    "LengthMismatch", pc__b, I5_VIEW + 3, PC_ERR_BIO_LENGTH);
	pc__put32(I5_LEN, I5_MIN + 8);
	pc__invalid(f, g, "ISO 2005 length field ending inside the second minutia",
		    "LengthMismatch", pc__b, I5_MIN + 8, PC_ERR_BIO_LENGTH);
	if (pc__hand(&pc__r, PC_BIO_FMT_ISO_2011, 3) != 0)
		f->bad = 1;
	n = pc__enc(&pc__r);
	pc__put32(I11_LEN, 14);
	pc__invalid(f, g, "\"030\" with length field 14, below the 15-byte header: "
		    "does not read as ISO 2011", "LengthMismatch", pc__b, n,
		    PC_ERR_BIO_FORMAT);
	pc__put32(I11_LEN, (uint32_t)n - 1);
	pc__invalid(f, g, "\"030\" whose first representation does not fit the "
		    "length field: does not read as ISO 2011", "LengthMismatch",
		    pc__b, n - 1, PC_ERR_BIO_FORMAT);
	if (pc__hand(&pc__r, PC_BIO_FMT_ISO_2011, 3) != 0)
		f->bad = 1;
	pc__more_views(&pc__r, 2);
	n = pc__enc(&pc__r);
	rlen = (size_t)pc__b[I11_REP + 2] << 8 | pc__b[I11_REP + 3];
	pc__put32(I11_REP + rlen, (uint32_t)(n - I11_REP - rlen + 1));
	pc__invalid(f, g, "ISO 2011 second representation length one byte beyond the "
		    "record", "LengthMismatch", pc__b, n, PC_ERR_BIO_LENGTH);
	if (pc__hand(&pc__r, PC_BIO_FMT_ISO_2011, 3) != 0)
		f->bad = 1;
	n = pc__enc(&pc__r);
	pc__b[n] = 0;
	pc__put32(I11_LEN, (uint32_t)n + 1);
	pc__put32(I11_REP, (uint32_t)(n + 1 - I11_REP));
	pc__invalid(f, g, "ISO 2011 representation length one byte longer than its "
		    "content", "LengthMismatch", pc__b, n + 1, PC_ERR_BIO_VIEW);
	pc__put32(I11_REP, 3);
	pc__invalid(f, g, "ISO 2011 representation length 3 (below its own field)",
		    "LengthMismatch", pc__b, n + 1, PC_ERR_BIO_VIEW);
}

static void pc__magic(pc_gen *f, cJSON *g)
{
	size_t n;

	if (pc__hand(&pc__r, PC_BIO_FMT_ISO_2005, 3) != 0)
		f->bad = 1;
	n = pc__enc(&pc__r);
	pc__b[2] = 'X';
	pc__invalid(f, g, "magic \"FMX\\0\"", "BadMagic", pc__b, n, PC_ERR_BIO_FORMAT);
	pc__b[2] = 'R';
	pc__b[3] = ' ';
	pc__invalid(f, g, "magic \"FMR \" (no NUL)", "BadMagic", pc__b, n,
		    PC_ERR_BIO_FORMAT);
	pc__b[3] = 0;
	pc__b[6] = '1';
	pc__invalid(f, g, "version \" 21\\0\"", "BadMagic", pc__b, n, PC_ERR_BIO_FORMAT);
	memcpy(pc__b + 4, "030", 4);
	pc__invalid(f, g, "version \"030\\0\" on an ISO 2005 body: representation count "
		    "0 does not read as ISO 2011", "BadMagic", pc__b, n, PC_ERR_BIO_FORMAT);
	memcpy(pc__b + 4, "020", 4);
	pc__invalid(f, g, "version \"020\\0\" on an ISO 2005 record (a quirk of ANSI "
		    "samples only)", "BadMagic", pc__b, n, PC_ERR_BIO_FORMAT);
	if (pc__hand(&pc__r, PC_BIO_FMT_ISO_2011, 3) != 0)
		f->bad = 1;
	n = pc__enc(&pc__r);
	pc__b[14] = 2;
	pc__invalid(f, g, "ISO 2011 certification flag 2: does not read as ISO 2011",
		    "BadMagic", pc__b, n, PC_ERR_BIO_FORMAT);
}

/* One edit of a fresh hand record of format fmt: the byte at `at` set to
 * v (or, with two > 0, the 16-bit field). */
static void pc__edit(pc_gen *f, cJSON *g, pc_bio_format fmt, size_t at, unsigned v,
		     int two, const char *comment, pc_err err)
{
	size_t n;

	if (pc__hand(&pc__r, fmt, 4) != 0)
		f->bad = 1;
	pc__r.nviews = 2;
	pc__r.view[1] = pc__r.view[0];
	pc__r.view[1].number = 1;
	n = pc__enc(&pc__r);
	if (two)
		pc__put16(at, v);
	else
		pc__b[at] = (uint8_t)v;
	pc__invalid(f, g, comment, "OutOfRange", pc__b, n, err);
}

static void pc__ranges(pc_gen *f, cJSON *g)
{
	const pc_bio_format i5 = PC_BIO_FMT_ISO_2005, i11 = PC_BIO_FMT_ISO_2011;
	const size_t m1 = I5_MIN + 6; /* the second minutia */

	pc__edit(f, g, i5, I5_XRES, 0, 1, "ISO 2005 x resolution 0", PC_ERR_BIO_HEADER);
	pc__edit(f, g, i5, I5_YRES, 0, 1, "ISO 2005 y resolution 0", PC_ERR_BIO_HEADER);
	pc__edit(f, g, i5, I5_VIEW, 11, 0, "finger position 11", PC_ERR_BIO_VIEW);
	pc__edit(f, g, i5, I5_VIEW + 1, 4, 0, "impression type 4", PC_ERR_BIO_VIEW);
	pc__edit(f, g, i5, I5_VIEW + 2, 101, 0, "finger quality 101", PC_ERR_BIO_VIEW);
	pc__edit(f, g, i5, I5_VIEW + 1, 0x10, 0, "two views with the same position and "
		 "view number", PC_ERR_BIO_VIEW);
	pc__edit(f, g, i5, m1, 0xc000u | 10u, 1, "minutia type 3", PC_ERR_BIO_MINUTIA);
	pc__edit(f, g, i5, m1 + 2, 0x4000u | 10u, 1, "minutia reserved bits 01",
		 PC_ERR_BIO_MINUTIA);
	pc__edit(f, g, i5, m1, 0x4000u | 300u, 1, "minutia x = width (300)",
		 PC_ERR_BIO_MINUTIA);
	pc__edit(f, g, i5, m1 + 2, 400u, 1, "minutia y = height (400)",
		 PC_ERR_BIO_MINUTIA);
	pc__edit(f, g, i5, m1 + 5, 101, 0, "minutia quality 101", PC_ERR_BIO_MINUTIA);
	pc__edit(f, g, PC_BIO_FMT_ANSI_2004, AN_MIN + 4, 180, 0,
		 "ANSI 378 angle code 180 (360 degrees)", PC_ERR_BIO_MINUTIA);
	pc__edit(f, g, i11, I11_SIZE, 0x40, 0, "ISO 2011 minutia size 4",
		 PC_ERR_BIO_VIEW);
	pc__edit(f, g, i11, I11_XRES, 0, 1, "ISO 2011 x resolution 0", PC_ERR_BIO_VIEW);
	pc__edit(f, g, i11, I11_QB, 101, 0, "ISO 2011 quality block score 101",
		 PC_ERR_BIO_VIEW);
	pc__edit(f, g, i11, I11_MIN + 5, 200, 0, "ISO 2011 minutia quality 200",
		 PC_ERR_BIO_MINUTIA);
}

/* ---- .xyt text ---------------------------------------------------------------- */

typedef struct pc__xyt_case {
	const char *text, *comment, *flags;
	int n;                 /* minutiae; -1: invalid */
	int m[4][4];           /* expected x, y, angle (1/65536 turn), quality */
	const char *written;
} pc__xyt_case;

/* Angles: round(deg * 65536 / 360): 90 -> 16384, 45 -> 8192, 1 -> 182,
 * 359 -> 65354, 270 -> 49152, 360 -> 65536 = one turn = 0. */
static const pc__xyt_case pc__xyt_m1[] = {
	{ "10 20 90 50\n", "one minutia", "", 1, { { 10, 20, 16384, 50 } },
	  "10 20 90 50\n" },
	{ "1 2 45 7\r\n3 4 1 8\r\n", "CR LF line ends", "XytSyntax", 2,
	  { { 1, 2, 8192, 7 }, { 3, 4, 182, 8 } }, "1 2 45 7\n3 4 1 8\n" },
	{ "5\t6\t359\t100", "tabs, no final line end, quality 100", "XytSyntax", 1,
	  { { 5, 6, 65354, 100 } }, "5 6 359 100\n" },
	{ "\n7 8 -90 9\n\n  \n", "blank lines; angle -90 read as 270", "XytSyntax", 1,
	  { { 7, 8, 49152, 9 } }, "7 8 270 9\n" },
	{ "16383 0 360", "no quality (0); x 16383; angle 360 is one turn", "EdgeOfRange",
	  1, { { 16383, 0, 0, 0 } }, "16383 0 0 0\n" },
	{ "", "empty text: no minutiae", "ZeroMinutiae", 0, { { 0 } }, "" },
	{ "1 2 x 4\n", "a letter", "XytSyntax", -1, { { 0 } }, NULL },
	{ "1 2\n", "two numbers", "XytSyntax", -1, { { 0 } }, NULL },
	{ "1 2 3 4 5\n", "five numbers", "XytSyntax", -1, { { 0 } }, NULL },
	{ "1.5 2 3 4\n", "a fraction", "XytSyntax", -1, { { 0 } }, NULL },
	{ "1 2 3 4\r", "CR without LF", "XytSyntax", -1, { { 0 } }, NULL },
	{ "16384 2 3 4\n", "x 16384", "OutOfRange", -1, { { 0 } }, NULL },
	{ "1 2 361 4\n", "angle 361", "OutOfRange", -1, { { 0 } }, NULL },
	{ "1 2 -181 4\n", "angle -181", "OutOfRange", -1, { { 0 } }, NULL },
	{ "1 2 3 101\n", "quality 101", "OutOfRange", -1, { { 0 } }, NULL },
	{ "1 -2 3 4\n", "negative y", "OutOfRange", -1, { { 0 } }, NULL },
	{ "1 2 3 000004\n", "six digits", "OutOfRange", -1, { { 0 } }, NULL },
};

/* NIST convention: y grows up; read as height - 1 - y with height = max y
 * + 1 over the file. */
static const pc__xyt_case pc__xyt_nist[] = {
	{ "10 20 90 50\n30 5 180 60\n", "two minutiae, max y 20", "", 2,
	  { { 10, 0, 16384, 50 }, { 30, 15, 32768, 60 } },
	  "10 20 90 50\n30 5 180 60\n" },
	{ "1 2 3 x\n", "a letter", "XytSyntax", -1, { { 0 } }, NULL },
};

static void pc__xyt_group(pc_gen *f, const char *conv, const pc__xyt_case *c, size_t n)
{
	cJSON *g = pc_gen_group(f, "BioXytParse"), *t, *a;
	size_t i;
	int k;

	cJSON_AddStringToObject(g, "convention", conv);
	for (i = 0; i < n; i++) {
		t = pc_gen_test(f, g, c[i].comment, c[i].flags);
		cJSON_AddStringToObject(t, "text", c[i].text);
		if (c[i].n < 0) {
			cJSON_AddStringToObject(t, "expectedError",
						pc_err_name(PC_ERR_BIO_XYT));
			cJSON_AddStringToObject(t, "result", "invalid");
			continue;
		}
		cJSON_AddNumberToObject(t, "height", strcmp(conv, "nist") == 0 ? 21 : 0);
		a = cJSON_AddArrayToObject(t, "minutiae");
		for (k = 0; k < c[i].n; k++)
			cJSON_AddItemToArray(a, cJSON_CreateIntArray(c[i].m[k], 4));
		cJSON_AddStringToObject(t, "written", c[i].written);
		cJSON_AddStringToObject(t, "result", "valid");
	}
}

/* A synthetic impression as .xyt: the text is the writer's; the expected
 * minutiae are read back from the template with whole-degree angles. */
static void pc__xyt_synth(pc_gen *f, cJSON *g)
{
	static char text[PC_BIO_MAX_MINUTIAE * 32u];
	cJSON *t, *a;
	size_t n = 0, i;
	int row[4];
	unsigned deg;

	if (pc__synth(&pc__r, PC_BIO_FMT_ISO_2005, 4, 1) != 0 ||
	    pc_bio_xyt_write(&pc__t, PC_BIO_XYT_M1, text, sizeof text - 1, &n) != PC_OK) {
		f->bad = 1;
		return;
	}
	text[n] = '\0';
	t = pc_gen_test(f, g, "synthetic finger 4 impression 1 (seed 2026)", "Synthetic");
	cJSON_AddStringToObject(t, "text", text);
	cJSON_AddNumberToObject(t, "height", 0);
	a = cJSON_AddArrayToObject(t, "minutiae");
	for (i = 0; i < pc__t.count; i++) {
		deg = ((unsigned)pc__t.pt[i].angle * 360u + 32768u) / 65536u % 360u;
		row[0] = pc__t.pt[i].x;
		row[1] = pc__t.pt[i].y;
		row[2] = (int)((deg * 65536u + 180u) / 360u % 65536u);
		row[3] = pc__t.pt[i].quality;
		cJSON_AddItemToArray(a, cJSON_CreateIntArray(row, 4));
	}
	cJSON_AddStringToObject(t, "written", text);
	cJSON_AddStringToObject(t, "result", "valid");
}

cJSON *pc_gen_bio_file(void)
{
	pc_gen f;
	cJSON *gs, *gl;

	pc_gen_init(&f);
	gs = pc_gen_group(&f, "BioRecordParse");
	cJSON_AddStringToObject(gs, "mode", "strict");
	pc__synthetic(&f, gs);
	pc__counts(&f, gs);
	pc__views(&f, gs);
	pc__ext(&f, gs);
	pc__iso2011(&f, gs);
	pc__misc_valid(&f, gs);
	pc__truncations(&f, gs);
	pc__lengths(&f, gs);
	pc__magic(&f, gs);
	pc__ranges(&f, gs);
	gl = pc_gen_group(&f, "BioRecordParse");
	cJSON_AddStringToObject(gl, "mode", "lenient");
	pc__quirks_len(&f, gs, gl);
	pc__quirks_content(&f, gs, gl);
	pc__nist_all(&f, gs, gl);
	pc__xyt_group(&f, "m1", pc__xyt_m1, sizeof pc__xyt_m1 / sizeof pc__xyt_m1[0]);
	pc__xyt_synth(&f, cJSON_GetArrayItem(f.groups, 2));
	pc__xyt_group(&f, "nist", pc__xyt_nist,
		      sizeof pc__xyt_nist / sizeof pc__xyt_nist[0]);
	pc_bio_record_wipe(&pc__r);
	pc_bio_record_wipe(&pc__x);
	pc_bio_template_wipe(&pc__t);
	return pc_gen_finish(&f, "BIO-TEMPLATE", "bio_template_schema.json", pc__header,
			     NULL);
}
