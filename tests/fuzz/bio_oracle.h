/*
 * Shared oracle of the finger-minutiae record fuzz targets
 * (fuzz_bio_iso.c, fuzz_bio_ansi.c): one record from an exact-size heap
 * copy of the input (ASan sees any overread), in both parse modes.
 *   - a failed parse returns one of the documented errors and leaves the
 *     record wiped;
 *   - a successful parse is deterministic, says how many bytes the record
 *     used (<= len), and the writer reproduces exactly those bytes (the
 *     record keeps every field and quirk it accepted), with the size query
 *     agreeing and every shorter capacity refused;
 *   - strict success implies lenient success with the same bytes;
 *   - each view converts to a template, and a template converts back to a
 *     record that parses strictly.
 * Oracle failures call abort(), which libFuzzer reports as a crash.
 */
#ifndef PAYCODE_FUZZ_BIO_ORACLE_H
#define PAYCODE_FUZZ_BIO_ORACLE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <paycode/bio.h>

static void bio_fail(int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, line, what);
	abort();
}

#define check(x) ((x) ? (void)0 : bio_fail(__LINE__, #x))

static pc_bio_record bio_r, bio_r2, bio_r3;
static pc_bio_template bio_t;

static int bio_err_ok(pc_err e)
{
	return e == PC_ERR_BIO_FORMAT || e == PC_ERR_BIO_TRUNCATED ||
	       e == PC_ERR_BIO_LENGTH || e == PC_ERR_BIO_HEADER ||
	       e == PC_ERR_BIO_VIEW || e == PC_ERR_BIO_MINUTIA ||
	       e == PC_ERR_BIO_EXT || e == PC_ERR_BIO_TRAILING ||
	       e == PC_ERR_CAPACITY;
}

static int bio_zero(const void *p, size_t n)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != 0)
			return 0;
	return 1;
}

static void bio_templates(void)
{
	size_t i, n;
	uint8_t *out;

	for (i = 0; i < bio_r.nviews; i++) {
		check(pc_bio_template_from_record(&bio_r, i, &bio_t) == PC_OK);
		if (pc_bio_record_from_template(&bio_t, PC_BIO_FMT_ISO_2011,
						&bio_r3) != PC_OK)
			continue; /* e.g. a 2011 minutia past the view's size */
		check(pc_bio_write(&bio_r3, NULL, 0, &n) ==
		      PC_ERR_BUFFER_TOO_SMALL);
		out = malloc(n);
		check(out != NULL);
		check(pc_bio_write(&bio_r3, out, n, &n) == PC_OK);
		check(pc_bio_parse(out, n, 0, &bio_r2, NULL) == PC_OK);
		free(out);
	}
}

static void bio_one(const uint8_t *p, size_t n, unsigned flags)
{
	size_t used = 0, used2 = 0, len = 0, cap;
	uint8_t *out;
	pc_err e;

	e = pc_bio_parse(p, n, flags, &bio_r, &used);
	if (e != PC_OK) {
		check(bio_err_ok(e));
		check(bio_zero(&bio_r, sizeof bio_r));
		return;
	}
	check(used <= n);
	check(pc_bio_parse(p, n, flags, &bio_r2, &used2) == PC_OK);
	check(used2 == used && memcmp(&bio_r, &bio_r2, sizeof bio_r) == 0);
	check(pc_bio_write(&bio_r, NULL, 0, &len) == PC_ERR_BUFFER_TOO_SMALL);
	check(len == used);
	out = malloc(len);
	check(out != NULL);
	for (cap = len > 8 ? len - 8 : 0; cap < len; cap++)
		check(pc_bio_write(&bio_r, out, cap, &len) ==
		      PC_ERR_BUFFER_TOO_SMALL && len == used);
	check(pc_bio_write(&bio_r, out, used, &len) == PC_OK && len == used);
	check(memcmp(out, p, used) == 0);
	free(out);
	bio_templates();
}

static void bio_record_oracle(const uint8_t *data, size_t size)
{
	uint8_t *p = malloc(size + (size == 0));
	size_t used_s = 0, used_l = 0;

	check(p != NULL);
	if (size != 0)
		memcpy(p, data, size);
	bio_one(p, size, 0);
	bio_one(p, size, PC_BIO_PARSE_LENIENT);
	if (pc_bio_parse(p, size, 0, &bio_r, &used_s) == PC_OK) {
		check(pc_bio_parse(p, size, PC_BIO_PARSE_LENIENT, &bio_r2,
				   &used_l) == PC_OK);
		check(used_s == used_l);
	}
	free(p);
}

#endif
