/*
 * Finger minutiae records (biometric/record.c, iso19794_2.c, ansi378.c,
 * template.c) and NBIS .xyt text (biometric/xyt.c):
 *   - every sample file of ../shared/data/bio parses (strict, or lenient
 *     where the sample deviates, with the quirks named) and writes back
 *     byte for byte; the exceptions are explained where they are checked;
 *   - the truncated files of data/bio/malformed are refused with
 *     PC_ERR_BIO_TRUNCATED in both modes;
 *   - format detection, including the ISO 2005 / ANSI 2004 length rule;
 *   - records built here (no external data) in all three formats: round
 *     trips, every field check with its specific error, truncation at
 *     every offset (exact-size heap copies, so ASan sees overreads), size
 *     queries and every short output capacity;
 *   - templates: ISO and ANSI angle units exact both ways;
 *   - .xyt: the mpi-afis files round-trip, syntax and range errors, the
 *     NIST (y up) convention mirrors back exactly.
 * Tests that need the shared data skip with a message when it is absent.
 */
#include <paycode/bio.h>

#include "testutil.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static pc_bio_record rec, rec2;
static pc_bio_template tpl, tpl2;

/* ---- helpers -------------------------------------------------------------- */

/* Read ../shared/data/bio/<rel> into an exact-size heap buffer; NULL when
 * the file is absent. */
static uint8_t *bio_file(const char *rel, size_t *len)
{
	char path[512];
	FILE *f;
	uint8_t *p;
	long n;

	snprintf(path, sizeof path, "%s/bio/%s", tu_data_dir(), rel);
	f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	p = malloc((size_t)n + 1);
	assert_non_null(p);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return p;
}

static int have_data(void)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/bio/MANIFEST.tsv", tu_data_dir());
	f = fopen(path, "r");
	if (f == NULL) {
		print_message("bio dev data not found at %s/bio; skipping\n",
			      tu_data_dir());
		return 0;
	}
	fclose(f);
	return 1;
}

/* Parse, write back, compare with the first `expect_len` input bytes. */
static void roundtrip(const uint8_t *in, size_t len, unsigned flags,
		      uint32_t quirks, size_t expect_len)
{
	size_t used = 0, out_len = 0;
	uint8_t *out;

	assert_int_equal(pc_bio_parse(in, len, flags, &rec, &used), PC_OK);
	assert_int_equal(rec.quirks, quirks);
	assert_int_equal(used, expect_len);
	assert_int_equal(pc_bio_write(&rec, NULL, 0, &out_len),
			 PC_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(out_len, expect_len);
	out = malloc(expect_len);
	assert_non_null(out);
	assert_int_equal(pc_bio_write(&rec, out, expect_len, &out_len), PC_OK);
	assert_int_equal(out_len, expect_len);
	assert_memory_equal(out, in, expect_len);
	free(out);
}

/* ---- shared data ------------------------------------------------------- */

static const struct sample {
	const char *rel;
	pc_err strict;      /* strict verdict */
	uint32_t quirks;    /* quirks of the lenient parse */
	size_t record_len;  /* record bytes (the rest is zero padding) */
	const char *why;
} samples[] = {
	{ "fingerprintio-format-samples/iso19794p2v2005-sample.dat", PC_OK,
	  PC_BIO_QUIRK_EXT_EXCL, 340,
	  "ISO 2005 with extended data whose block lengths exclude the header" },
	{ "fingerprintio-format-samples/iso19794p2v2011-sample.dat", PC_OK, 0, 397,
	  "ISO 2011, two representations, quality blocks, extended data" },
	{ "fingerprintio-format-samples/ansi378v2004-sample.dat", PC_ERR_BIO_FORMAT,
	  PC_BIO_QUIRK_VERSION | PC_BIO_QUIRK_LEN_SHORT | PC_BIO_QUIRK_ANSI_ANGLE,
	  342, "version \"020\", declares 340 of its 342 bytes, ISO angle codes" },
	{ "libbiomeval-nist/fmr.ansi2004", PC_ERR_BIO_TRAILING,
	  PC_BIO_QUIRK_TAIL, 1238,
	  "three views; the views end 2 bytes before the length (kept as tail)" },
	{ "libbiomeval-nist/fmr.iso2005", PC_ERR_BIO_LENGTH,
	  PC_BIO_QUIRK_EXT_CUT, 371,
	  "the last core/delta block says 42 bytes, 41 are in the record" },
	/* SourceAFIS's files are zero-padded to 384 bytes after their
	 * length field: the record is the first 263/269 bytes, and the
	 * writer reproduces exactly those (the padding is not part of it) */
	{ "sourceafis-java-testdata/iso-probe.dat", PC_OK, 0, 263, "padded" },
	{ "sourceafis-java-testdata/iso-matching.dat", PC_OK, 0, 263, "padded" },
	{ "sourceafis-java-testdata/iso-nonmatching.dat", PC_OK, 0, 269, "padded" },
};

static void test_samples(void **state)
{
	size_t i, len, used;
	uint8_t *in;

	(void)state;
	if (!have_data()) {
		skip();
		return;
	}
	for (i = 0; i < NELEM(samples); i++) {
		const struct sample *s = &samples[i];

		in = bio_file(s->rel, &len);
		assert_non_null(in);
		assert_int_equal(pc_bio_parse(in, len, 0, &rec, &used), s->strict);
		if (s->strict == PC_OK)
			roundtrip(in, len, 0, s->quirks & PC_BIO_QUIRK_EXT_EXCL,
				  s->record_len);
		roundtrip(in, len, PC_BIO_PARSE_LENIENT, s->quirks, s->record_len);
		/* the padding after a record is zero */
		for (used = s->record_len; used < len; used++)
			assert_int_equal(in[used], 0);
		free(in);
	}
}

/* Every FVC-derived template and FingerJetFX template: strict round trip,
 * and the facts of the reference (§11): one view, 300 x 400 at 197 px/cm,
 * all minutia qualities 0, endings and bifurcations only. */
static void test_fvc_and_fjfx(void **state)
{
	static const char *const dbs[] = { "fvc2002/DB1_B", "fvc2002/DB2_B" };
	static const char *const fjfx[] = { "a001_03p", "a001_04p", "a001_05p",
		"a001_06p", "a001_07p", "a004_05p", "b001_04p", "b001_06p",
		"b001_08p" };
	char rel[128];
	size_t d, f, k, i, len, files = 0;
	uint8_t *in;

	(void)state;
	if (!have_data()) {
		skip();
		return;
	}
	for (d = 0; d < NELEM(dbs); d++)
		for (f = 101; f <= 110; f++)
			for (k = 1; k <= 8; k++) {
				snprintf(rel, sizeof rel, "%s/%zu_%zu.iso", dbs[d], f, k);
				in = bio_file(rel, &len);
				assert_non_null(in);
				roundtrip(in, len, 0, 0, len);
				assert_int_equal(rec.format, PC_BIO_FMT_ISO_2005);
				assert_int_equal(rec.nviews, 1);
				assert_int_equal(rec.width, 300);
				assert_int_equal(rec.height, 400);
				assert_int_equal(rec.xres, 197);
				for (i = 0; i < rec.view[0].count; i++) {
					assert_int_equal(rec.view[0].m[i].quality, 0);
					assert_true(rec.view[0].m[i].type == 1 ||
						    rec.view[0].m[i].type == 2);
				}
				free(in);
				files++;
			}
	assert_int_equal(files, 160);
	for (f = 0; f < NELEM(fjfx); f++) {
		snprintf(rel, sizeof rel, "fingerjetfx-sd29/%s.ist", fjfx[f]);
		in = bio_file(rel, &len);
		assert_non_null(in);
		roundtrip(in, len, 0, 0, len);
		free(in);
	}
}

/* The first minutia of fvc2002/DB1_B/101_1.iso, as the reference reads it
 * (§2.1): a bifurcation at (165, 48), angle 107 = 150.47 degrees. */
static void test_fvc_first_minutia(void **state)
{
	size_t len;
	uint8_t *in;

	(void)state;
	if (!have_data()) {
		skip();
		return;
	}
	in = bio_file("fvc2002/DB1_B/101_1.iso", &len);
	assert_non_null(in);
	assert_int_equal(len, 180);
	assert_int_equal(pc_bio_parse(in, len, 0, &rec, NULL), PC_OK);
	assert_int_equal(rec.view[0].count, 25);
	assert_int_equal(rec.view[0].m[0].type, PC_BIO_TYPE_BIFURCATION);
	assert_int_equal(rec.view[0].m[0].x, 165);
	assert_int_equal(rec.view[0].m[0].y, 48);
	assert_int_equal(rec.view[0].m[0].angle, 107);
	assert_int_equal(pc_bio_template_from_record(&rec, 0, &tpl), PC_OK);
	assert_int_equal(tpl.pt[0].angle, 107 * 256);
	free(in);
}

/* libbiomeval's ANSI 2004 and ISO 2005 records hold the same minutiae:
 * first angle 0x38 * 2 = 112 degrees vs 0x50 * 1.40625 = 112.5 degrees. */
static void test_libbiomeval_units(void **state)
{
	size_t len;
	uint8_t *in;

	(void)state;
	if (!have_data()) {
		skip();
		return;
	}
	in = bio_file("libbiomeval-nist/fmr.ansi2004", &len);
	assert_non_null(in);
	assert_int_equal(pc_bio_parse(in, len, PC_BIO_PARSE_LENIENT, &rec, NULL),
			 PC_OK);
	free(in);
	in = bio_file("libbiomeval-nist/fmr.iso2005", &len);
	assert_non_null(in);
	assert_int_equal(pc_bio_parse(in, len, PC_BIO_PARSE_LENIENT, &rec2, NULL),
			 PC_OK);
	free(in);
	assert_int_equal(rec.view[0].m[0].angle, 0x38);
	assert_int_equal(rec2.view[0].m[0].angle, 0x50);
	assert_int_equal(pc_bio_template_from_record(&rec, 0, &tpl), PC_OK);
	assert_int_equal(pc_bio_template_from_record(&rec2, 0, &tpl2), PC_OK);
	/* 112 and 112.5 degrees in 1/65536 turn */
	assert_int_equal(tpl.pt[0].angle, 20389);
	assert_int_equal(tpl2.pt[0].angle, 20480);
	assert_int_equal(tpl.count, tpl2.count);
	assert_int_equal(tpl.pt[5].x, tpl2.pt[5].x);
	assert_int_equal(tpl.pt[5].y, tpl2.pt[5].y);
}

static void test_malformed(void **state)
{
	static const char *const files[] = {
		"malformed/fvc2004/DB_1B/101_1_truncate_1_byte.iso",
		"malformed/fvc2004/DB_1B/101_1_truncate_2_bytes.iso",
		"malformed/fvc2004/DB_1B/101_1_truncate_3_bytes.iso",
	};
	size_t i, len, used = 77;
	uint8_t *in;

	(void)state;
	if (!have_data()) {
		skip();
		return;
	}
	for (i = 0; i < NELEM(files); i++) {
		in = bio_file(files[i], &len);
		assert_non_null(in);
		assert_int_equal(len, 29 - i);
		/* the header declares 30 bytes */
		assert_int_equal(pc_bio_detect(in, len), PC_BIO_FMT_ISO_2005);
		assert_int_equal(pc_bio_parse(in, len, 0, &rec, &used),
				 PC_ERR_BIO_TRUNCATED);
		assert_int_equal(pc_bio_parse(in, len, PC_BIO_PARSE_LENIENT, &rec,
					      &used), PC_ERR_BIO_TRUNCATED);
		assert_int_equal(used, 77);
		assert_int_equal(rec.nviews, 0); /* wiped */
		free(in);
	}
}

/* Formats paycode does not read: ANSI 378-2009 ("030", "035"). */
static void test_unsupported_samples(void **state)
{
	static const char *const files[] = {
		"fingerprintio-format-samples/ansi378v2009-sample.dat",
		"fingerprintio-format-samples/ansi378v2009am1-sample.dat",
		"libbiomeval-nist/fmr.ansi2007",
	};
	size_t i, len;
	uint8_t *in;

	(void)state;
	if (!have_data()) {
		skip();
		return;
	}
	for (i = 0; i < NELEM(files); i++) {
		in = bio_file(files[i], &len);
		assert_non_null(in);
		assert_int_equal(pc_bio_detect(in, len), PC_BIO_FMT_UNKNOWN);
		assert_int_equal(pc_bio_parse(in, len, PC_BIO_PARSE_LENIENT, &rec,
					      NULL), PC_ERR_BIO_FORMAT);
		free(in);
	}
}

/* ---- records built here ------------------------------------------------ */

/* A template with n minutiae spread over 300 x 400. */
static void make_template(pc_bio_template *t, size_t n)
{
	size_t i;

	memset(t, 0, sizeof *t);
	t->width = 300;
	t->height = 400;
	t->xres = t->yres = 197;
	t->position = 2;
	t->quality = 60;
	for (i = 0; i < n; i++) {
		t->pt[i].x = (int16_t)((i * 37u) % 300u);
		t->pt[i].y = (int16_t)((i * 53u + 7u) % 400u);
		t->pt[i].angle = (uint16_t)((i * 256u * 41u) % 65536u);
		t->pt[i].type = (uint8_t)(1u + i % 2u);
		t->pt[i].quality = (uint8_t)(i % 101u);
	}
	t->count = (uint16_t)n;
}

/* Write r into a fresh exact-size heap buffer. */
static uint8_t *write_exact(const pc_bio_record *r, size_t *len)
{
	uint8_t *out;

	assert_int_equal(pc_bio_write(r, NULL, 0, len), PC_ERR_BUFFER_TOO_SMALL);
	out = malloc(*len);
	assert_non_null(out);
	assert_int_equal(pc_bio_write(r, out, *len, len), PC_OK);
	return out;
}

static const pc_bio_format formats[] = {
	PC_BIO_FMT_ISO_2005, PC_BIO_FMT_ISO_2011, PC_BIO_FMT_ANSI_2004
};

static void test_built_roundtrip(void **state)
{
	size_t f, n, len, i;
	uint8_t *out;

	(void)state;
	for (f = 0; f < NELEM(formats); f++)
		for (n = 0; n <= PC_BIO_MAX_MINUTIAE; n += n < 4 ? 1 : 61) {
			make_template(&tpl, n);
			assert_int_equal(pc_bio_record_from_template(&tpl, formats[f],
								     &rec), PC_OK);
			out = write_exact(&rec, &len);
			assert_int_equal(pc_bio_detect(out, len), formats[f]);
			roundtrip(out, len, 0, 0, len);
			assert_int_equal(pc_bio_template_from_record(&rec, 0, &tpl2),
					 PC_OK);
			assert_int_equal(tpl2.count, n);
			for (i = 0; i < n; i++) {
				assert_int_equal(tpl2.pt[i].x, tpl.pt[i].x);
				assert_int_equal(tpl2.pt[i].y, tpl.pt[i].y);
				assert_int_equal(tpl2.pt[i].type, tpl.pt[i].type);
				assert_int_equal(tpl2.pt[i].quality, tpl.pt[i].quality);
				/* ISO angles are exact; ANSI within half a code
				 * (1 degree) */
				if (formats[f] != PC_BIO_FMT_ANSI_2004)
					assert_int_equal(tpl2.pt[i].angle, tpl.pt[i].angle);
				else
					assert_true((uint16_t)(tpl2.pt[i].angle -
						tpl.pt[i].angle + 183u) <= 366u);
			}
			free(out);
		}
}

/* ANSI angle codes survive template round trips exactly. */
static void test_ansi_angles_exact(void **state)
{
	unsigned a;

	(void)state;
	make_template(&tpl, 180);
	assert_int_equal(pc_bio_record_from_template(&tpl, PC_BIO_FMT_ANSI_2004,
						     &rec), PC_OK);
	for (a = 0; a < 180; a++)
		rec.view[0].m[a].angle = (uint8_t)a;
	assert_int_equal(pc_bio_template_from_record(&rec, 0, &tpl), PC_OK);
	assert_int_equal(pc_bio_record_from_template(&tpl, PC_BIO_FMT_ANSI_2004,
						     &rec2), PC_OK);
	for (a = 0; a < 180; a++)
		assert_int_equal(rec2.view[0].m[a].angle, a);
	/* 90 codes = 180 degrees = half a turn */
	assert_int_equal(tpl.pt[90].angle, 32768);
}

/* A two-view ANSI record with extended data, in both length forms. */
static void test_ansi_multiview_long(void **state)
{
	static const uint8_t ext[] = { 0x00, 0x01, 0x00, 0x0a, 0x01, 0x44,
				       0xbc, 0x36, 0x21, 0x43 };
	size_t len;
	uint8_t *out;

	(void)state;
	make_template(&tpl, 20);
	assert_int_equal(pc_bio_record_from_template(&tpl, PC_BIO_FMT_ANSI_2004,
						     &rec), PC_OK);
	rec.cbeff_owner = 0x42;
	rec.cbeff_type = 0x11;
	rec.nviews = 2;
	rec.view[1] = rec.view[0];
	rec.view[1].number = 1;
	memcpy(rec.view[1].ext, ext, sizeof ext);
	rec.view[1].ext_len = rec.view[1].ext_have = sizeof ext;
	out = write_exact(&rec, &len);
	assert_int_equal(len, 26 + 2 * (4 + 6 * 20 + 2) + sizeof ext);
	roundtrip(out, len, 0, 0, len);
	assert_int_equal(rec.cbeff_owner, 0x42);
	free(out);
	rec.long_length = 1;
	rec.length = 0; /* as read: 288; the long form adds 4 */
	out = write_exact(&rec, &len);
	assert_int_equal(out[8] | out[9], 0);
	assert_int_equal(pc_bio_detect(out, len), PC_BIO_FMT_ANSI_2004);
	roundtrip(out, len, 0, 0, len);
	assert_int_equal(rec.long_length, 1);
	free(out);
}

/* ISO 2011 with certification blocks and five-byte minutiae. */
static void test_iso2011_variants(void **state)
{
	size_t len, i;
	uint8_t *out;

	(void)state;
	make_template(&tpl, 30);
	assert_int_equal(pc_bio_record_from_template(&tpl, PC_BIO_FMT_ISO_2011,
						     &rec), PC_OK);
	rec.certified = 1;
	rec.view[0].ncblocks = 2;
	rec.view[0].cblock[1].authority = 0x1234;
	rec.view[0].cblock[1].scheme = 9;
	rec.view[0].minutia_size = 5;
	rec.view[0].ending_type = 1;
	rec.nviews = 2;
	rec.view[1] = rec.view[0];
	rec.view[1].number = 1;
	out = write_exact(&rec, &len);
	roundtrip(out, len, 0, 0, len);
	assert_int_equal(rec.view[1].cblock[1].authority, 0x1234);
	assert_int_equal(pc_bio_template_from_record(&rec, 1, &tpl2), PC_OK);
	for (i = 0; i < 30; i++)
		assert_int_equal(tpl2.pt[i].quality, 0); /* not in 5-byte minutiae */
	assert_int_equal(pc_bio_template_from_record(&rec, 2, &tpl2),
			 PC_ERR_NOT_FOUND);
	free(out);
}

/* Every proper prefix of a valid record is refused, never read past. */
static void test_truncation_every_offset(void **state)
{
	size_t f, len, cut, used;
	uint8_t *out, *p;
	pc_err err;

	(void)state;
	for (f = 0; f < NELEM(formats); f++) {
		make_template(&tpl, 9);
		assert_int_equal(pc_bio_record_from_template(&tpl, formats[f], &rec),
				 PC_OK);
		rec.view[0].ext[0] = 0x00;
		rec.view[0].ext[1] = 0x02;
		rec.view[0].ext[2] = 0x00;
		rec.view[0].ext[3] = 0x06;
		rec.view[0].ext_len = rec.view[0].ext_have = 6;
		out = write_exact(&rec, &len);
		for (cut = 0; cut < len; cut++) {
			p = tu_exact(out, cut);
			err = pc_bio_parse(p, cut, 0, &rec2, &used);
			assert_true(err == PC_ERR_BIO_TRUNCATED ||
				    err == PC_ERR_BIO_FORMAT);
			err = pc_bio_parse(p, cut, PC_BIO_PARSE_LENIENT, &rec2, &used);
			assert_true(err == PC_ERR_BIO_TRUNCATED ||
				    err == PC_ERR_BIO_FORMAT);
			free(p);
		}
		free(out);
	}
}

/* Every capacity below the size: PC_ERR_BUFFER_TOO_SMALL, nothing written. */
static void test_short_output(void **state)
{
	size_t f, len, cap, got;
	uint8_t *out, *buf;

	(void)state;
	for (f = 0; f < NELEM(formats); f++) {
		make_template(&tpl, 5);
		assert_int_equal(pc_bio_record_from_template(&tpl, formats[f], &rec),
				 PC_OK);
		out = write_exact(&rec, &len);
		buf = malloc(len);
		assert_non_null(buf);
		for (cap = 0; cap < len; cap++) {
			memset(buf, 0xa5, len);
			got = 0;
			assert_int_equal(pc_bio_write(&rec, buf, cap, &got),
					 PC_ERR_BUFFER_TOO_SMALL);
			assert_int_equal(got, len);
			for (got = 0; got < len; got++)
				assert_int_equal(buf[got], 0xa5);
		}
		free(buf);
		free(out);
	}
}

/* Build an ISO 2005 record of one view with 3 minutiae and return it in a
 * static buffer for mutation. Layout offsets: header 0..23, view header
 * 24..27, minutiae at 28, 34, 40, ext length at 46. */
static size_t iso_base(uint8_t *buf, size_t cap)
{
	size_t len;

	make_template(&tpl, 3);
	assert_int_equal(pc_bio_record_from_template(&tpl, PC_BIO_FMT_ISO_2005,
						     &rec), PC_OK);
	assert_int_equal(pc_bio_write(&rec, buf, cap, &len), PC_OK);
	assert_int_equal(len, 48);
	return len;
}

static pc_err parse_mut(const uint8_t *buf, size_t len, unsigned flags)
{
	uint8_t *p = tu_exact(buf, len);
	pc_err err = pc_bio_parse(p, len, flags, &rec2, NULL);

	free(p);
	return err;
}

static void test_field_errors(void **state)
{
	static const struct mut {
		size_t off;
		uint8_t val;
		pc_err strict, lenient;
		const char *what;
	} muts[] = {
		{ 0, 'X', PC_ERR_BIO_FORMAT, PC_ERR_BIO_FORMAT, "magic" },
		{ 5, '3', PC_ERR_BIO_FORMAT, PC_ERR_BIO_FORMAT, "version" },
		/* an ISO length under 24 reads as an ANSI 6-byte length
		 * (the detection rule), which the input cannot hold */
		{ 11, 23, PC_ERR_BIO_TRUNCATED, PC_ERR_BIO_TRUNCATED, "length < header" },
		{ 11, 49, PC_ERR_BIO_TRUNCATED, PC_ERR_BIO_TRUNCATED, "length > input" },
		{ 11, 47, PC_ERR_BIO_LENGTH, PC_OK, "views need more (lenient: LEN_SHORT)" },
		{ 19, 0, PC_ERR_BIO_HEADER, PC_ERR_BIO_HEADER, "xres 0" },
		{ 23, 1, PC_ERR_BIO_HEADER, PC_OK, "reserved" },
		{ 22, 2, PC_ERR_BIO_LENGTH, PC_ERR_BIO_LENGTH, "two views, one there" },
		{ 24, 11, PC_ERR_BIO_VIEW, PC_ERR_BIO_VIEW, "position 11" },
		{ 25, 0x04, PC_ERR_BIO_VIEW, PC_ERR_BIO_VIEW, "impression 4" },
		{ 26, 101, PC_ERR_BIO_VIEW, PC_ERR_BIO_VIEW, "finger quality" },
		{ 28, 0xc0, PC_ERR_BIO_MINUTIA, PC_ERR_BIO_MINUTIA, "type 3" },
		{ 28, 0x42, PC_ERR_BIO_MINUTIA, PC_ERR_BIO_MINUTIA, "x >= width" },
		{ 30, 0x40, PC_ERR_BIO_MINUTIA, PC_ERR_BIO_MINUTIA, "reserved bits" },
		{ 30, 0x02, PC_ERR_BIO_MINUTIA, PC_ERR_BIO_MINUTIA, "y >= height" },
		{ 33, 101, PC_ERR_BIO_MINUTIA, PC_ERR_BIO_MINUTIA, "quality" },
		{ 27, 4, PC_ERR_BIO_LENGTH, PC_ERR_BIO_LENGTH, "count too big" },
	};
	uint8_t base[64], buf[64];
	size_t i, len;
	pc_err err;

	(void)state;
	len = iso_base(base, sizeof base);
	assert_int_equal(parse_mut(base, len, 0), PC_OK);
	for (i = 0; i < NELEM(muts); i++) {
		memcpy(buf, base, len);
		buf[muts[i].off] = muts[i].val;
		err = parse_mut(buf, len, 0);
		if (err != muts[i].strict)
			print_error("%s: strict %s\n", muts[i].what, pc_err_name(err));
		assert_int_equal(err, muts[i].strict);
		err = parse_mut(buf, len, PC_BIO_PARSE_LENIENT);
		if (err != muts[i].lenient)
			print_error("%s: lenient %s\n", muts[i].what, pc_err_name(err));
		assert_int_equal(err, muts[i].lenient);
	}
}

/* Extended data: a tiling area passes; broken layout is PC_ERR_BIO_EXT
 * strict and a quirk lenient; an area past the record is a length error. */
static void test_ext_layout(void **state)
{
	static const uint8_t good[] = { 0x00, 0x02, 0x00, 0x06, 0xaa, 0xbb };
	static const uint8_t excl[] = { 0x02, 0x21, 0x00, 0x02, 0xaa, 0xbb };
	static const uint8_t bad[] = { 0x00, 0x02, 0x00, 0x09, 0xaa, 0xbb };
	static const uint8_t zero[] = { 0x00, 0x00, 0x00, 0x06, 0xaa, 0xbb };
	size_t len;
	uint8_t *out;

	(void)state;
	make_template(&tpl, 3);
	assert_int_equal(pc_bio_record_from_template(&tpl, PC_BIO_FMT_ISO_2005,
						     &rec), PC_OK);
	rec.view[0].ext_len = rec.view[0].ext_have = 6;
	memcpy(rec.view[0].ext, good, 6);
	out = write_exact(&rec, &len);
	roundtrip(out, len, 0, 0, len);
	free(out);
	memcpy(rec.view[0].ext, excl, 6);
	out = write_exact(&rec, &len);
	roundtrip(out, len, 0, PC_BIO_QUIRK_EXT_EXCL, len);
	free(out);
	memcpy(rec.view[0].ext, bad, 6);
	out = write_exact(&rec, &len);
	assert_int_equal(parse_mut(out, len, 0), PC_ERR_BIO_EXT);
	roundtrip(out, len, PC_BIO_PARSE_LENIENT, PC_BIO_QUIRK_EXT_LAYOUT, len);
	free(out);
	memcpy(rec.view[0].ext, zero, 6);
	out = write_exact(&rec, &len);
	assert_int_equal(parse_mut(out, len, 0), PC_ERR_BIO_EXT);
	free(out);
	/* ANSI never takes the exclusive reading */
	assert_int_equal(pc_bio_record_from_template(&tpl, PC_BIO_FMT_ANSI_2004,
						     &rec), PC_OK);
	rec.view[0].ext_len = rec.view[0].ext_have = 6;
	memcpy(rec.view[0].ext, excl, 6);
	out = write_exact(&rec, &len);
	assert_int_equal(parse_mut(out, len, 0), PC_ERR_BIO_EXT);
	free(out);
}

/* Trailing bytes: zero padding passes strict; anything else does not;
 * lenient ignores both. Duplicate (position, view) is refused. */
static void test_trailing_and_duplicates(void **state)
{
	uint8_t buf[80];
	size_t len, used;

	(void)state;
	len = iso_base(buf, sizeof buf);
	memset(buf + len, 0, 8);
	assert_int_equal(pc_bio_parse(buf, len + 8, 0, &rec2, &used), PC_OK);
	assert_int_equal(used, len);
	buf[len + 5] = 1;
	assert_int_equal(parse_mut(buf, len + 8, 0), PC_ERR_BIO_TRAILING);
	assert_int_equal(parse_mut(buf, len + 8, PC_BIO_PARSE_LENIENT), PC_OK);

	make_template(&tpl, 3);
	assert_int_equal(pc_bio_record_from_template(&tpl, PC_BIO_FMT_ISO_2005,
						     &rec), PC_OK);
	rec.nviews = 2;
	rec.view[1] = rec.view[0];
	{
		uint8_t *out = write_exact(&rec, &len);

		assert_int_equal(parse_mut(out, len, 0), PC_ERR_BIO_VIEW);
		free(out);
	}
	/* a tail in strict mode */
	len = iso_base(buf, sizeof buf);
	buf[11] = 50;
	buf[48] = buf[49] = 7;
	assert_int_equal(parse_mut(buf, 50, 0), PC_ERR_BIO_TRAILING);
	roundtrip(buf, 50, PC_BIO_PARSE_LENIENT, PC_BIO_QUIRK_TAIL, 50);
	pc_bio_record_normalize(&rec);
	assert_int_equal(pc_bio_write(&rec, buf, sizeof buf, &len), PC_OK);
	assert_int_equal(len, 48);
	assert_int_equal(buf[11], 48);
}

/* ISO 2011 structure errors. */
static void test_iso2011_errors(void **state)
{
	size_t len;
	uint8_t *out, *p;

	(void)state;
	make_template(&tpl, 3);
	assert_int_equal(pc_bio_record_from_template(&tpl, PC_BIO_FMT_ISO_2011,
						     &rec), PC_OK);
	out = write_exact(&rec, &len);
	p = tu_exact(out, len);
	/* no representation, or a certification flag above 1: the header
	 * no longer reads as ISO 2011 (but as ANSI 378-2009, unsupported) */
	p[13] = 0;
	assert_int_equal(pc_bio_parse(p, len, 0, &rec2, NULL), PC_ERR_BIO_FORMAT);
	memcpy(p, out, len);
	p[14] = 2;
	assert_int_equal(pc_bio_parse(p, len, 0, &rec2, NULL), PC_ERR_BIO_FORMAT);
	memcpy(p, out, len);
	p[18] -= 1;   /* representation one byte shorter than its content */
	assert_int_equal(pc_bio_parse(p, len, 0, &rec2, NULL), PC_ERR_BIO_VIEW);
	memcpy(p, out, len);
	p[18] += 1;   /* ... longer than the record: not ISO 2011 by detection */
	assert_int_equal(pc_bio_parse(p, len, 0, &rec2, NULL), PC_ERR_BIO_FORMAT);
	free(p);
	free(out);
	/* a second representation longer than the record */
	rec.nviews = 2;
	rec.view[1] = rec.view[0];
	rec.view[1].number = 1;
	out = write_exact(&rec, &len);
	p = tu_exact(out, len);
	p[15 + (size_t)p[18] + 3] += 1;
	assert_int_equal(pc_bio_parse(p, len, 0, &rec2, NULL), PC_ERR_BIO_LENGTH);
	memcpy(p, out, len);
	p[15 + 4 + 9 + 5 + 1 + 5 + 11] = 0x70; /* byte 50 */  /* minutia size 7 */
	assert_int_equal(pc_bio_parse(p, len, 0, &rec2, NULL), PC_ERR_BIO_VIEW);
	memcpy(p, out, len);
	p[15 + 4 + 9 + 5 + 1] = 150;  /* quality block score */
	assert_int_equal(pc_bio_parse(p, len, 0, &rec2, NULL), PC_ERR_BIO_VIEW);
	memcpy(p, out, len);
	p[15 + 4 + 9 + 5 + 1 + 5 + 13 + 5] = 253;  /* minutia quality */
	assert_int_equal(pc_bio_parse(p, len, 0, &rec2, NULL), PC_ERR_BIO_MINUTIA);
	p[15 + 4 + 9 + 5 + 1 + 5 + 13 + 5] = 255;  /* failed: allowed */
	assert_int_equal(pc_bio_parse(p, len, 0, &rec2, NULL), PC_OK);
	free(p);
	free(out);
}

static void test_detect(void **state)
{
	uint8_t b[16] = { 'F', 'M', 'R', 0, ' ', '2', '0', 0 };

	(void)state;
	assert_int_equal(pc_bio_detect(NULL, 0), PC_BIO_FMT_UNKNOWN);
	assert_int_equal(pc_bio_detect(b, 11), PC_BIO_FMT_UNKNOWN);
	b[8] = 0; b[9] = 26;             /* ANSI length 26 */
	assert_int_equal(pc_bio_detect(b, 16), PC_BIO_FMT_ANSI_2004);
	b[9] = 25;                       /* 1..25: ISO >= 64 KiB */
	assert_int_equal(pc_bio_detect(b, 16), PC_BIO_FMT_ISO_2005);
	b[9] = 0; b[10] = 0; b[11] = 24; /* ISO length 24 */
	assert_int_equal(pc_bio_detect(b, 16), PC_BIO_FMT_ISO_2005);
	b[10] = 0; b[11] = 1;            /* ANSI 6-byte length 0x1xxxx */
	assert_int_equal(pc_bio_detect(b, 16), PC_BIO_FMT_ANSI_2004);
	memcpy(b + 4, "030", 4);
	b[8] = b[9] = b[10] = 0; b[11] = 15; b[12] = 0; b[13] = 1; b[14] = 0;
	assert_int_equal(pc_bio_detect(b, 16), PC_BIO_FMT_ISO_2011);
	b[14] = 7;                       /* not a certification flag */
	assert_int_equal(pc_bio_detect(b, 16), PC_BIO_FMT_UNKNOWN);
	memcpy(b + 4, "035", 4);
	assert_int_equal(pc_bio_detect(b, 16), PC_BIO_FMT_UNKNOWN);
	assert_string_equal(pc_bio_format_name(PC_BIO_FMT_ANSI_2004), "ANSI-378-2004");
	assert_int_equal(pc_bio_parse(b, 3, 0, &rec, NULL), PC_ERR_BIO_TRUNCATED);
	assert_int_equal(pc_bio_parse((const uint8_t *)"FMX", 3, 0, &rec, NULL),
			 PC_ERR_BIO_FORMAT);
	assert_int_equal(pc_bio_parse(b, 16, 2, &rec, NULL), PC_ERR_INVALID_ARG);
}

static void test_write_invalid(void **state)
{
	size_t len;

	(void)state;
	make_template(&tpl, 3);
	assert_int_equal(pc_bio_record_from_template(&tpl, PC_BIO_FMT_ISO_2005,
						     &rec), PC_OK);
	rec.view[0].m[1].x = 0x4000;
	assert_int_equal(pc_bio_write(&rec, NULL, 0, &len), PC_ERR_INVALID_ARG);
	rec.view[0].m[1].x = 1;
	rec.view[0].number = 16;
	assert_int_equal(pc_bio_write(&rec, NULL, 0, &len), PC_ERR_INVALID_ARG);
	rec.view[0].number = 0;
	rec.format = PC_BIO_FMT_UNKNOWN;
	assert_int_equal(pc_bio_write(&rec, NULL, 0, &len), PC_ERR_INVALID_ARG);
	tpl.pt[0].x = -1;
	assert_int_equal(pc_bio_record_from_template(&tpl, PC_BIO_FMT_ISO_2005,
						     &rec), PC_ERR_INVALID_ARG);
	tpl.pt[0].x = 300; /* = width */
	assert_int_equal(pc_bio_record_from_template(&tpl, PC_BIO_FMT_ISO_2005,
						     &rec), PC_ERR_INVALID_ARG);
	tpl.pt[0].x = 0;
	assert_int_equal(pc_bio_record_from_template(&tpl, PC_BIO_FMT_UNKNOWN,
						     &rec), PC_ERR_INVALID_ARG);
}

/* ---- .xyt --------------------------------------------------------------- */

static void test_xyt_files(void **state)
{
	static const char *const files[] = { "mpi-afis-xyt/1_1.xyt",
		"mpi-afis-xyt/1_2.xyt", "mpi-afis-xyt/2_1.xyt",
		"mpi-afis-xyt/2_2.xyt" };
	size_t i, len, out_len;
	uint8_t *in;
	char *out;

	(void)state;
	if (!have_data()) {
		skip();
		return;
	}
	for (i = 0; i < NELEM(files); i++) {
		in = bio_file(files[i], &len);
		assert_non_null(in);
		assert_int_equal(pc_bio_xyt_parse((const char *)in, len,
						  PC_BIO_XYT_M1, &tpl), PC_OK);
		assert_true(tpl.count >= 37);
		assert_int_equal(pc_bio_xyt_write(&tpl, PC_BIO_XYT_M1, NULL, 0,
						  &out_len), PC_ERR_BUFFER_TOO_SMALL);
		assert_int_equal(out_len, len);
		out = malloc(len);
		assert_non_null(out);
		assert_int_equal(pc_bio_xyt_write(&tpl, PC_BIO_XYT_M1, out, len,
						  &out_len), PC_OK);
		assert_memory_equal(out, in, len);
		/* NIST convention mirrors and mirrors back */
		assert_int_equal(pc_bio_xyt_parse((const char *)in, len,
						  PC_BIO_XYT_NIST, &tpl2), PC_OK);
		assert_int_equal(pc_bio_xyt_write(&tpl2, PC_BIO_XYT_NIST, out, len,
						  &out_len), PC_OK);
		assert_memory_equal(out, in, len);
		free(out);
		free(in);
	}
}

static void test_xyt_syntax(void **state)
{
	static const struct {
		const char *text;
		pc_err err;
		size_t count;
	} cases[] = {
		{ "", PC_OK, 0 },
		{ "\n\n  \r\n", PC_OK, 0 },
		{ "1 2 3", PC_OK, 1 },
		{ "1 2 3 4\r\n5\t6 -179 100\n", PC_OK, 2 },
		{ "1 2 360 0\n", PC_OK, 1 },
		{ "1 2\n", PC_ERR_BIO_XYT, 0 },
		{ "1 2 3 4 5\n", PC_ERR_BIO_XYT, 0 },
		{ "1 2 x\n", PC_ERR_BIO_XYT, 0 },
		{ "1 2 3x\n", PC_ERR_BIO_XYT, 0 },
		{ "-1 2 3\n", PC_ERR_BIO_XYT, 0 },
		{ "16384 2 3\n", PC_ERR_BIO_XYT, 0 },
		{ "1 2 361\n", PC_ERR_BIO_XYT, 0 },
		{ "1 2 -181\n", PC_ERR_BIO_XYT, 0 },
		{ "1 2 3 101\n", PC_ERR_BIO_XYT, 0 },
		{ "1 2 3 999999999999\n", PC_ERR_BIO_XYT, 0 },
		{ "1 2 3\r", PC_ERR_BIO_XYT, 0 },
		{ "1 2 3 -\n", PC_ERR_BIO_XYT, 0 },
	};
	size_t i, n;
	char *p;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		n = strlen(cases[i].text);
		p = (char *)tu_exact(cases[i].text, n);
		assert_int_equal(pc_bio_xyt_parse(p, n, PC_BIO_XYT_M1, &tpl),
				 cases[i].err);
		assert_int_equal(tpl.count, cases[i].count);
		free(p);
	}
	/* -179 degrees folds to 181 */
	assert_int_equal(pc_bio_xyt_parse("5 6 -179 100", 12, PC_BIO_XYT_M1, &tpl),
			 PC_OK);
	assert_int_equal(tpl.pt[0].angle, (181u * 65536u + 180u) / 360u);
	assert_int_equal(pc_bio_xyt_parse("5 6 0", 5, 7, &tpl), PC_ERR_INVALID_ARG);
}

static void test_xyt_capacity(void **state)
{
	static char text[(PC_BIO_MAX_MINUTIAE + 1) * 8];
	size_t i, n = 0;

	(void)state;
	for (i = 0; i <= PC_BIO_MAX_MINUTIAE; i++) {
		memcpy(text + n, "1 2 3 4\n", 8);
		n += 8;
	}
	assert_int_equal(pc_bio_xyt_parse(text, n - 8, PC_BIO_XYT_M1, &tpl), PC_OK);
	assert_int_equal(tpl.count, PC_BIO_MAX_MINUTIAE);
	assert_int_equal(pc_bio_xyt_parse(text, n, PC_BIO_XYT_M1, &tpl),
			 PC_ERR_CAPACITY);
	assert_int_equal(tpl.count, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_samples),
		cmocka_unit_test(test_fvc_and_fjfx),
		cmocka_unit_test(test_fvc_first_minutia),
		cmocka_unit_test(test_libbiomeval_units),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_unsupported_samples),
		cmocka_unit_test(test_built_roundtrip),
		cmocka_unit_test(test_ansi_angles_exact),
		cmocka_unit_test(test_ansi_multiview_long),
		cmocka_unit_test(test_iso2011_variants),
		cmocka_unit_test(test_truncation_every_offset),
		cmocka_unit_test(test_short_output),
		cmocka_unit_test(test_field_errors),
		cmocka_unit_test(test_ext_layout),
		cmocka_unit_test(test_trailing_and_duplicates),
		cmocka_unit_test(test_iso2011_errors),
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_write_invalid),
		cmocka_unit_test(test_xyt_files),
		cmocka_unit_test(test_xyt_syntax),
		cmocka_unit_test(test_xyt_capacity),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
