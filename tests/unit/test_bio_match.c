/*
 * The reference matcher (biometric/matcher.c, calib.c, bio_math.c) and the
 * synthetic generator (biometric/synth.c):
 *   - a template matches itself with every minutia paired;
 *   - rotation of any angle (every 15 degrees round the turn) and any
 *     translation keep a genuine score above the payment threshold;
 *   - anisotropic resolution is undone by preparation;
 *   - few minutiae (0..5) are handled: score 0 below 3, no failure;
 *   - determinism: equal inputs give equal outputs, prepared templates
 *     are position-independent (copies compare alike);
 *   - the pluggable matcher table agrees with the direct functions;
 *   - synthetic fingers: genuine impressions outscore impostors, and the
 *     generator's output is pinned by a hash (same on every platform);
 *   - with ../shared/data/bio: the FVC protocol on DB1_B and DB2_B gives
 *     an EER at least as good as the MCC-16 baseline (2.94 % / 2.10 %);
 *     skipped with a message when the data is absent.
 */
#include <paycode/bio.h>
#include <paycode/crypto.h>

#include "testutil.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static pc_bio_template ta, tb;
static pc_bio_prepared pa, pb, pc;
static pc_bio_synth sp;

static uint32_t compare(const pc_bio_template *a, const pc_bio_template *b,
			pc_bio_match_detail *d)
{
	uint32_t score = 12345;

	assert_int_equal(pc_bio_prepare(a, &pa), PC_OK);
	assert_int_equal(pc_bio_prepare(b, &pb), PC_OK);
	assert_int_equal(pc_bio_compare(&pa, &pb, &score, d), PC_OK);
	assert_true(score <= 10000);
	return score;
}

static void synth(uint32_t finger, uint32_t imp, pc_bio_template *t)
{
	pc_bio_synth_default(&sp, 7);
	assert_int_equal(pc_bio_synth_impression(&sp, finger, imp, t), PC_OK);
}

static void test_self_match(void **state)
{
	pc_bio_match_detail d;
	uint32_t s;

	(void)state;
	synth(3, 0, &ta);
	assert_true(ta.count >= 20);
	s = compare(&ta, &ta, &d);
	assert_int_equal(d.matched, ta.count);
	assert_int_equal(d.rotation, 0);
	assert_true(s >= PC_BIO_SCORE_FOR_FMR_EXP(6));
}

/* Rotate t by deg degrees (counter-clockwise on the image) about (cx, cy)
 * and shift by (dx, dy), in double precision (test code only). */
static void rotate(const pc_bio_template *t, int deg, int dx, int dy,
		   pc_bio_template *out)
{
	/* cos/sin from a 15-degree table, to stay without libm */
	static const double c15[24][2] = {
		{ 1, 0 }, { 0.96592583, 0.25881905 }, { 0.86602540, 0.5 },
		{ 0.70710678, 0.70710678 }, { 0.5, 0.86602540 },
		{ 0.25881905, 0.96592583 }, { 0, 1 }, { -0.25881905, 0.96592583 },
		{ -0.5, 0.86602540 }, { -0.70710678, 0.70710678 },
		{ -0.86602540, 0.5 }, { -0.96592583, 0.25881905 }, { -1, 0 },
		{ -0.96592583, -0.25881905 }, { -0.86602540, -0.5 },
		{ -0.70710678, -0.70710678 }, { -0.5, -0.86602540 },
		{ -0.25881905, -0.96592583 }, { 0, -1 },
		{ 0.25881905, -0.96592583 }, { 0.5, -0.86602540 },
		{ 0.70710678, -0.70710678 }, { 0.86602540, -0.5 },
		{ 0.96592583, -0.25881905 } };
	double c = c15[(deg / 15) % 24][0], s = c15[(deg / 15) % 24][1];
	double cx = 150, cy = 200, x, y;
	size_t i;

	*out = *t;
	out->width = out->height = 0; /* unknown: rotated points leave 300x400 */
	for (i = 0; i < t->count; i++) {
		x = t->pt[i].x - cx;
		y = t->pt[i].y - cy;
		/* y down: counter-clockwise on screen is (x c + y s, -x s + y c) */
		out->pt[i].x = (int16_t)(cx + 400 + dx + x * c + y * s + 0.5);
		out->pt[i].y = (int16_t)(cy + 400 + dy - x * s + y * c + 0.5);
		out->pt[i].angle = (uint16_t)(t->pt[i].angle +
					      (uint16_t)(deg * 65536 / 360));
	}
}

static void test_rotation_translation(void **state)
{
	pc_bio_match_detail d;
	uint32_t s;
	int deg;

	(void)state;
	synth(5, 1, &ta);
	synth(5, 2, &tb);
	for (deg = 0; deg < 360; deg += 15) {
		rotate(&tb, deg, deg % 7 * 11, -(deg % 5) * 13, &ta);
		s = compare(&tb, &ta, &d);
		/* the same impression turned: nearly every minutia pairs */
		assert_true(d.matched + 2 >= tb.count);
		assert_true(s >= PC_BIO_SCORE_FOR_FMR_EXP(6));
		synth(5, 1, &ta);
		rotate(&ta, deg, 30, -20, &ta);
		s = compare(&ta, &tb, &d);
		if (s < PC_BIO_SCORE_FOR_FMR_EXP(4))
			print_error("genuine at %d degrees: %u\n", deg, s);
		assert_true(s >= PC_BIO_SCORE_FOR_FMR_EXP(4));
		synth(5, 1, &ta);
	}
}

/* A view at twice the resolution in x only (394 px/cm): preparation
 * scales it back, so it matches the original. */
static void test_anisotropic_resolution(void **state)
{
	pc_bio_match_detail d;
	size_t i;

	(void)state;
	synth(9, 0, &ta);
	tb = ta;
	tb.xres = 394;
	tb.width = (uint16_t)(2 * ta.width);
	for (i = 0; i < tb.count; i++)
		tb.pt[i].x = (int16_t)(2 * ta.pt[i].x);
	(void)compare(&ta, &tb, &d);
	assert_int_equal(d.matched, ta.count);
	tb.xres = 4001;
	assert_int_equal(pc_bio_prepare(&tb, &pb), PC_ERR_INVALID_ARG);
}

static void test_few_minutiae(void **state)
{
	pc_bio_match_detail d;
	uint32_t s;
	uint16_t n;

	(void)state;
	synth(11, 0, &ta);
	synth(11, 1, &tb);
	for (n = 0; n <= 5; n++) {
		pc_bio_template a = ta, b = tb;

		a.count = n;
		b.count = n;
		s = compare(&a, &b, &d);
		if (n < 3)
			assert_int_equal(s, 0);
		s = compare(&a, &ta, &d);
		assert_true(s <= 10000);
	}
	ta.count = 0;
	assert_int_equal(compare(&ta, &ta, &d), 0);
}

static void test_determinism_and_copies(void **state)
{
	pc_bio_match_detail d1, d2;
	pc_bio_prepared *copy;
	uint32_t s1, s2;

	(void)state;
	synth(13, 0, &ta);
	synth(13, 4, &tb);
	s1 = compare(&ta, &tb, &d1);
	copy = (pc_bio_prepared *)tu_exact(&pb, sizeof pb);
	assert_int_equal(pc_bio_prepare(&ta, &pc), PC_OK);
	assert_memory_equal(&pc, &pa, sizeof pc);
	assert_int_equal(pc_bio_compare(&pc, copy, &s2, &d2), PC_OK);
	assert_int_equal(s1, s2);
	assert_memory_equal(&d1, &d2, sizeof d1);
	free(copy);
}

static void test_invalid(void **state)
{
	uint32_t s;

	(void)state;
	synth(1, 0, &ta);
	assert_int_equal(pc_bio_prepare(NULL, &pa), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_bio_prepare(&ta, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_bio_prepare(&ta, &pa), PC_OK);
	assert_int_equal(pc_bio_compare(NULL, &pa, &s, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_bio_compare(&pa, &pa, NULL, NULL), PC_ERR_INVALID_ARG);
	memset(&pb, 0, sizeof pb); /* not prepared */
	assert_int_equal(pc_bio_compare(&pa, &pb, &s, NULL), PC_ERR_INVALID_ARG);
	pc_bio_prepared_wipe(&pa);
	assert_int_equal(pc_bio_compare(&pa, &pa, &s, NULL), PC_ERR_INVALID_ARG);
	pc_bio_prepared_wipe(NULL);
}

static void test_matcher_table(void **state)
{
	const pc_bio_matcher *m = pc_bio_matcher_reference();
	pc_bio_prepared *x, *y;
	uint32_t s1, s2;

	(void)state;
	assert_non_null(m);
	assert_int_equal(m->version, PC_BIO_MATCHER_VERSION);
	assert_string_equal(m->name, "paycode-ref-1");
	assert_int_equal(m->prepared_size, sizeof(pc_bio_prepared));
	x = malloc(sizeof *x);
	y = malloc(sizeof *y);
	assert_non_null(x);
	assert_non_null(y);
	synth(17, 0, &ta);
	synth(17, 3, &tb);
	assert_int_equal(m->prepare(m->ctx, &ta, x, sizeof *x - 1),
			 PC_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(m->prepare(m->ctx, &ta, x, sizeof *x), PC_OK);
	assert_int_equal(m->prepare(m->ctx, &tb, y, sizeof *y), PC_OK);
	assert_int_equal(m->compare(m->ctx, x, y, &s1), PC_OK);
	s2 = compare(&ta, &tb, NULL);
	assert_int_equal(s1, s2);
	free(x);
	free(y);
}

/* 20 synthetic fingers: the mean genuine score of the first two
 * impressions is above FMR 1e-3, the mean impostor score below 1e-1. */
static void test_synthetic_separation(void **state)
{
	uint64_t gsum = 0, isum = 0;
	uint32_t f, g, s;
	size_t ng = 0, ni = 0;

	(void)state;
	for (f = 0; f < 20; f++) {
		synth(f, 0, &ta);
		synth(f, 1, &tb);
		s = compare(&ta, &tb, NULL);
		gsum += s;
		ng++;
		for (g = f + 1; g < 20; g++) {
			synth(g, 1, &tb);
			s = compare(&ta, &tb, NULL);
			isum += s;
			ni++;
		}
	}
	print_message("synthetic: mean genuine %u, mean impostor %u\n",
		      (unsigned)(gsum / ng), (unsigned)(isum / ni));
	assert_true(gsum / ng >= PC_BIO_SCORE_FOR_FMR_EXP(3));
	assert_true(isum / ni <= PC_BIO_SCORE_FOR_FMR_EXP(1));
}

/* The generator is integer-only: these bytes are the same everywhere. */
static void test_synthetic_pinned(void **state)
{
	static const char expect[] =
		"6f655be1c2c9bff28ed45688c2c56f25f22887ec9aab4ab2f98e63325d97f1b7";
	uint8_t h[32];
	char hex[65];
	size_t i;

	(void)state;
	pc_bio_synth_default(&sp, 1);
	assert_int_equal(pc_bio_synth_impression(&sp, 0, 0, &ta), PC_OK);
	assert_int_equal(pc_bio_synth_impression(&sp, 0, 0, &tb), PC_OK);
	assert_memory_equal(&ta, &tb, sizeof ta);
	assert_int_equal(pc_sha256(ta.pt, ta.count * sizeof ta.pt[0], h), PC_OK);
	for (i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", h[i]);
	if (strcmp(hex, expect) != 0)
		print_error("synthetic hash %s (count %u)\n", hex, ta.count);
	assert_string_equal(hex, expect);
	sp.max_minutiae = PC_BIO_MAX_MINUTIAE + 1;
	assert_int_equal(pc_bio_synth_impression(&sp, 0, 0, &ta),
			 PC_ERR_INVALID_ARG);
}

/* ---- FVC regression (shared data) ------------------------------------- */

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* EER as `paycode bio eval` computes it: at the threshold where |FMR -
 * FNMR| is smallest, their mean. */
static double eer(uint32_t *g, size_t ng, uint32_t *im, size_t ni)
{
	double best = 2, e = 1, fmr, fnmr, diff;
	size_t k, a, b;
	uint64_t t;

	qsort(g, ng, sizeof *g, cmp_u32);
	qsort(im, ni, sizeof *im, cmp_u32);
	for (k = 0; k <= ng + ni; k++) {
		t = k < ng ? g[k] : k < ng + ni ? im[k - ng] : (uint64_t)UINT32_MAX + 1;
		for (a = 0; a < ng && g[a] < t; a++)
			;
		for (b = 0; b < ni && im[b] < t; b++)
			;
		fnmr = (double)a / (double)ng;
		fmr = (double)(ni - b) / (double)ni;
		diff = fmr > fnmr ? fmr - fnmr : fnmr - fmr;
		if (diff < best) {
			best = diff;
			e = (fmr + fnmr) / 2;
		}
	}
	return e;
}

static pc_bio_record rec;

static int load_fvc(const char *db, pc_bio_prepared *prep)
{
	char path[512];
	uint8_t buf[4096];
	size_t k, len;
	FILE *f;

	for (k = 0; k < 80; k++) {
		snprintf(path, sizeof path, "%s/bio/fvc2002/%s/%zu_%zu.iso",
			 tu_data_dir(), db, 101 + k / 8, 1 + k % 8);
		f = fopen(path, "rb");
		if (f == NULL)
			return 0;
		len = fread(buf, 1, sizeof buf, f);
		fclose(f);
		assert_int_equal(pc_bio_parse(buf, len, 0, &rec, NULL), PC_OK);
		assert_int_equal(pc_bio_template_from_record(&rec, 0, &ta), PC_OK);
		assert_int_equal(pc_bio_prepare(&ta, &prep[k]), PC_OK);
	}
	return 1;
}

static void test_fvc_regression(void **state)
{
	static const struct { const char *db; double mcc16; } dbs[] = {
		{ "DB1_B", 0.0294 }, { "DB2_B", 0.0210 } };
	static uint32_t g[280], im[2880];
	pc_bio_prepared *prep = malloc(80 * sizeof *prep);
	size_t d, i, j, ng, ni;
	uint32_t s;
	double e;

	(void)state;
	assert_non_null(prep);
	for (d = 0; d < NELEM(dbs); d++) {
		if (!load_fvc(dbs[d].db, prep)) {
			print_message("FVC dev data not found at %s/bio; skipping "
				      "accuracy regression\n", tu_data_dir());
			free(prep);
			skip();
			return;
		}
		ng = ni = 0;
		for (i = 0; i < 80; i++)
			for (j = i + 1; j < 80; j++) {
				assert_int_equal(pc_bio_compare(&prep[i], &prep[j], &s,
								NULL), PC_OK);
				if (i / 8 == j / 8)
					g[ng++] = s;
				else
					im[ni++] = s;
			}
		assert_int_equal(ng, 280);
		assert_int_equal(ni, 2880);
		e = eer(g, ng, im, ni);
		print_message("%s: EER %.2f%% (MCC-16 %.2f%%)\n", dbs[d].db,
			      e * 100, dbs[d].mcc16 * 100);
		assert_true(e <= dbs[d].mcc16);
	}
	free(prep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_self_match),
		cmocka_unit_test(test_rotation_translation),
		cmocka_unit_test(test_anisotropic_resolution),
		cmocka_unit_test(test_few_minutiae),
		cmocka_unit_test(test_determinism_and_copies),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_matcher_table),
		cmocka_unit_test(test_synthetic_separation),
		cmocka_unit_test(test_synthetic_pinned),
		cmocka_unit_test(test_fvc_regression),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
