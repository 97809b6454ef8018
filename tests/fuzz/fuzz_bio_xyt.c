/*
 * libFuzzer target for the NBIS .xyt reader and writer (biometric/xyt.c).
 * Input: arbitrary bytes as text (exact-size heap copy, not NUL-terminated).
 *   - a failure is PC_ERR_BIO_XYT or PC_ERR_CAPACITY and leaves the
 *     template zeroed;
 *   - a success writes back in the canonical form, which parses again to
 *     the same points (angles within half a degree), and whose own
 *     writing is identical byte for byte (canonical text is a fixed
 *     point), in both conventions; the size query agrees.
 * Oracle failures call abort().
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <paycode/bio.h>

static void fail(int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, line, what);
	abort();
}

#define check(x) ((x) ? (void)0 : fail(__LINE__, #x))

static pc_bio_template t1, t2, t3;

static void one(const char *p, size_t n, pc_bio_xyt_conv conv)
{
	size_t len = 0, len2 = 0, i;
	char *out, *out2;
	pc_err e = pc_bio_xyt_parse(p, n, conv, &t1);

	if (e != PC_OK) {
		check(e == PC_ERR_BIO_XYT || e == PC_ERR_CAPACITY);
		check(t1.count == 0);
		return;
	}
	e = pc_bio_xyt_write(&t1, conv, NULL, 0, &len);
	check(e == (len == 0 ? PC_OK : PC_ERR_BUFFER_TOO_SMALL));
	out = malloc(len + 1);
	out2 = malloc(len + 1);
	check(out != NULL && out2 != NULL);
	check(pc_bio_xyt_write(&t1, conv, out, len, &len) == PC_OK);
	check(pc_bio_xyt_parse(out, len, conv, &t2) == PC_OK);
	check(t2.count == t1.count);
	for (i = 0; i < t1.count; i++) {
		check(t2.pt[i].x == t1.pt[i].x && t2.pt[i].y == t1.pt[i].y);
		check((uint16_t)(t2.pt[i].angle - t1.pt[i].angle + 92u) <= 184u);
		check(t2.pt[i].quality == t1.pt[i].quality);
	}
	check(pc_bio_xyt_write(&t2, conv, out2, len, &len2) == PC_OK);
	check(len2 == len && memcmp(out, out2, len) == 0);
	check(pc_bio_xyt_parse(out2, len2, conv, &t3) == PC_OK);
	check(memcmp(&t2, &t3, sizeof t2) == 0);
	free(out);
	free(out2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *p = malloc(size + (size == 0));

	check(p != NULL);
	if (size != 0)
		memcpy(p, data, size);
	one(p, size, PC_BIO_XYT_M1);
	one(p, size, PC_BIO_XYT_NIST);
	free(p);
	return 0;
}
