/*
 * Unit tests for core/ct.c (constant-time helpers) and core/buf.c (bounded
 * cursors, UTF-8 decoder). Inputs sit in exact-size heap buffers so that
 * ASan and valgrind catch any read past the end.
 */
#include "testutil.h"

#include <stdint.h>

#include <paycode/ct.h>
#include "internal.h"

/* ---- ct.c */

static void test_ct_eq(void **state)
{
	uint8_t a[16], b[16];
	size_t i;
	int bit;

	(void)state;
	for (i = 0; i < sizeof a; i++)
		a[i] = b[i] = (uint8_t)(i * 37 + 1);
	assert_int_equal(pc_ct_eq(a, b, sizeof a), 0);
	assert_int_equal(pc_ct_eq(NULL, NULL, 0), 0);
	/* Every single-bit difference, at every position, is seen. */
	for (i = 0; i < sizeof a; i++) {
		for (bit = 0; bit < 8; bit++) {
			b[i] ^= (uint8_t)(1u << bit);
			assert_int_equal(pc_ct_eq(a, b, sizeof a), -1);
			b[i] ^= (uint8_t)(1u << bit);
		}
	}
	/* Only the first n bytes count. */
	b[15] ^= 0xff;
	assert_int_equal(pc_ct_eq(a, b, 15), 0);
	assert_int_equal(pc_ct_eq(a, b, 16), -1);
}

static void test_ct_select(void **state)
{
	static const uint32_t v[] = { 0, 1, 0x80000000u, 0xffffffffu,
				      0x12345678u };
	size_t i, j;

	(void)state;
	for (i = 0; i < PC_ARRAY_LEN(v); i++) {
		for (j = 0; j < PC_ARRAY_LEN(v); j++) {
			assert_int_equal(pc_ct_select(1, v[i], v[j]), v[i]);
			assert_int_equal(pc_ct_select(0, v[i], v[j]), v[j]);
		}
	}
}

static void test_ct_copy(void **state)
{
	uint8_t dst[8], src[8], orig[8];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof dst; i++) {
		dst[i] = orig[i] = (uint8_t)(0xa0 + i);
		src[i] = (uint8_t)(0x0f - i);
	}
	pc_ct_copy(0, dst, src, sizeof dst);
	assert_memory_equal(dst, orig, sizeof dst);
	pc_ct_copy(1, dst, src, sizeof dst);
	assert_memory_equal(dst, src, sizeof dst);
	pc_ct_copy(1, dst, dst, sizeof dst); /* exact alias */
	assert_memory_equal(dst, src, sizeof dst);
}

static void test_wipe(void **state)
{
	uint8_t b[32], zero[32] = { 0 };

	(void)state;
	memset(b, 0xcc, sizeof b);
	pc_wipe(b, 0);
	assert_int_equal(b[0], 0xcc);
	pc_wipe(b + 1, 30);
	assert_int_equal(b[0], 0xcc);
	assert_memory_equal(b + 1, zero, 30);
	assert_int_equal(b[31], 0xcc);
	pc_wipe(NULL, 10); /* must not crash */
}

/* ---- buf.c: read cursor */

/* Each read asks for more than is left and must fail without moving. */
static void reads_past_end_fail(pc_rd *r)
{
	size_t pos = r->pos, left = pc__rd_left(r);
	uint8_t u8, out[8];
	uint16_t u16;
	uint32_t u32;
	const uint8_t *view = NULL;

	if (left < 1)
		assert_int_equal(pc__rd_u8(r, &u8), PC_ERR_TRUNCATED);
	if (left < 2)
		assert_int_equal(pc__rd_u16be(r, &u16), PC_ERR_TRUNCATED);
	if (left < 4)
		assert_int_equal(pc__rd_u32be(r, &u32), PC_ERR_TRUNCATED);
	assert_int_equal(pc__rd_bytes(r, out, left + 1), PC_ERR_TRUNCATED);
	assert_int_equal(pc__rd_view(r, left + 1, &view), PC_ERR_TRUNCATED);
	assert_null(view);
	assert_int_equal(pc__rd_skip(r, left + 1), PC_ERR_TRUNCATED);
	assert_int_equal(pc__rd_skip(r, SIZE_MAX), PC_ERR_TRUNCATED);
	assert_int_equal(r->pos, pos);
}

static void test_rd_bounds(void **state)
{
	static const uint8_t src[7] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06,
					0x07 };
	uint8_t *p = tu_exact(src, sizeof src);
	size_t start;

	(void)state;
	/* From every start position, every read that does not fit fails. */
	for (start = 0; start <= sizeof src; start++) {
		pc_rd r;

		pc__rd_init(&r, p, sizeof src);
		assert_int_equal(pc__rd_skip(&r, start), PC_OK);
		assert_int_equal(pc__rd_left(&r), sizeof src - start);
		reads_past_end_fail(&r);
	}
	free(p);
}

static void test_rd_values(void **state)
{
	static const uint8_t src[8] = { 0xfe, 0x12, 0x34, 0x89, 0xab, 0xcd,
					0xef, 0x55 };
	uint8_t *p = tu_exact(src, sizeof src), u8, out[1];
	const uint8_t *view;
	uint16_t u16;
	uint32_t u32;
	pc_rd r;

	(void)state;
	pc__rd_init(&r, p, sizeof src);
	assert_int_equal(pc__rd_u8(&r, &u8), PC_OK);
	assert_int_equal(u8, 0xfe);
	assert_int_equal(pc__rd_u16be(&r, &u16), PC_OK);
	assert_int_equal(u16, 0x1234);
	assert_int_equal(pc__rd_u32be(&r, &u32), PC_OK);
	assert_int_equal(u32, 0x89abcdefu);
	assert_int_equal(pc__rd_view(&r, 0, &view), PC_OK);
	assert_ptr_equal(view, p + 7);
	assert_int_equal(pc__rd_bytes(&r, out, 1), PC_OK);
	assert_int_equal(out[0], 0x55);
	assert_int_equal(pc__rd_left(&r), 0);
	reads_past_end_fail(&r);
	/* A NULL buffer reads as empty whatever len says. */
	pc__rd_init(&r, NULL, 100);
	assert_int_equal(pc__rd_left(&r), 0);
	reads_past_end_fail(&r);
	free(p);
}

/* ---- buf.c: write cursor */

static void test_wr_sticky(void **state)
{
	uint8_t buf[8];
	pc_wr w;

	(void)state;
	memset(buf, 0xee, sizeof buf);
	pc__wr_init(&w, buf, 5); /* bytes 5..7 are a canary */
	pc__wr_u32be(&w, 0x01020304u);
	assert_int_equal(w.err, PC_OK);
	assert_int_equal(w.len, 4);
	pc__wr_u16be(&w, 0x0506); /* needs 2, 1 left: fails whole */
	assert_int_equal(w.err, PC_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(w.len, 4);
	assert_int_equal(buf[4], 0xee);
	pc__wr_u8(&w, 0x09); /* would fit, but the error is sticky */
	assert_int_equal(w.err, PC_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(w.len, 4);
	assert_int_equal(buf[4], 0xee);
	assert_int_equal(buf[0], 0x01);
	assert_int_equal(buf[3], 0x04);
	assert_int_equal(buf[5], 0xee);

	pc__wr_init(&w, buf, 5);
	pc__wr_bytes(&w, "ab", 2);
	pc__wr_bytes(&w, "x", SIZE_MAX); /* no wrap-around in the check */
	assert_int_equal(w.err, PC_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(w.len, 2);

	pc__wr_init(&w, NULL, 100); /* NULL buffer: capacity 0 */
	pc__wr_bytes(&w, NULL, 0);
	assert_int_equal(w.err, PC_OK);
	pc__wr_u8(&w, 1);
	assert_int_equal(w.err, PC_ERR_BUFFER_TOO_SMALL);
}

static void test_wr_exact_fit(void **state)
{
	uint8_t *buf = tu_exact("\0\0\0\0\0\0\0", 7);
	static const uint8_t want[7] = { 0xaa, 0x12, 0x34, 0xde, 0xad, 0xbe,
					 0xef };
	pc_wr w;

	(void)state;
	pc__wr_init(&w, buf, 7);
	pc__wr_u8(&w, 0xaa);
	pc__wr_u16be(&w, 0x1234);
	pc__wr_u32be(&w, 0xdeadbeefu);
	assert_int_equal(w.err, PC_OK);
	assert_int_equal(w.len, 7);
	assert_memory_equal(buf, want, 7);
	pc__wr_bytes(&w, NULL, 0); /* an empty write fits a full buffer */
	assert_int_equal(w.err, PC_OK);
	free(buf);
}

/* ---- buf.c: UTF-8 (RFC 3629 §4) */

/* Reference encoder, straight from the RFC 3629 §3 table. */
static size_t enc(uint32_t c, uint8_t o[4])
{
	if (c < 0x80) {
		o[0] = (uint8_t)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (uint8_t)(0xc0 | c >> 6);
		o[1] = (uint8_t)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (uint8_t)(0xe0 | c >> 12);
		o[1] = (uint8_t)(0x80 | (c >> 6 & 0x3f));
		o[2] = (uint8_t)(0x80 | (c & 0x3f));
		return 3;
	}
	o[0] = (uint8_t)(0xf0 | c >> 18);
	o[1] = (uint8_t)(0x80 | (c >> 12 & 0x3f));
	o[2] = (uint8_t)(0x80 | (c >> 6 & 0x3f));
	o[3] = (uint8_t)(0x80 | (c & 0x3f));
	return 4;
}

static size_t dec_exact(const uint8_t *s, size_t n, uint32_t *cp)
{
	uint8_t *p = tu_exact(s, n);
	size_t r = pc__utf8_next(p, n, cp);

	free(p);
	return r;
}

static void test_utf8_all_scalars(void **state)
{
	uint8_t b[4];
	uint32_t c, cp;
	size_t n, k;

	(void)state;
	/* Every scalar value decodes to itself; every proper prefix of its
	 * encoding is rejected as truncated. */
	for (c = 0; c <= 0x10ffff; c++) {
		if (c == 0xd800)
			c = 0xe000;
		n = enc(c, b);
		cp = 0xffffffffu;
		assert_int_equal(pc__utf8_next(b, n, &cp), n);
		assert_int_equal(cp, c);
		for (k = 1; k < n; k++)
			assert_int_equal(pc__utf8_next(b, k, &cp), 0);
	}
}

static void test_utf8_boundaries(void **state)
{
	static const uint32_t ok[] = { 0x0, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff,
				       0xe000, 0xfffd, 0xffff, 0x10000,
				       0x10ffff };
	uint8_t b[4];
	uint32_t cp;
	size_t i, n;

	(void)state;
	for (i = 0; i < PC_ARRAY_LEN(ok); i++) {
		n = enc(ok[i], b);
		assert_int_equal(dec_exact(b, n, &cp), n);
		assert_int_equal(cp, ok[i]);
	}
	assert_int_equal(pc__utf8_next(b, 0, &cp), 0);
}

static void test_utf8_rejects(void **state)
{
	static const char *const bad[] = {
		"c080", "c1bf",             /* overlong 2-byte */
		"e08080", "e09fbf",         /* overlong 3-byte */
		"f0808080", "f08fbfbf",     /* overlong 4-byte */
		"eda080", "edbfbf",         /* surrogates D800, DFFF */
		"f4908080", "f7bfbfbf",     /* above U+10FFFF */
		"f8888080", "fc84808080", "fe", "ff", /* no such lead byte */
		"80", "bf",                 /* lone continuation */
		"c2", "e0a0", "f09080",     /* truncated */
		"c241", "e0a041", "f09041", "e0c0a0", /* bad continuation */
	};
	uint8_t b[8];
	uint32_t cp;
	size_t i, n;

	(void)state;
	for (i = 0; i < PC_ARRAY_LEN(bad); i++) {
		n = tu_unhex(bad[i], b, sizeof b);
		assert_int_equal(dec_exact(b, n, &cp), 0);
	}
}

/* Every 2-byte input: accepted exactly when it starts with ASCII (1 byte
 * used) or is a well-formed 2-byte sequence C2..DF 80..BF. */
static void test_utf8_two_byte_exhaustive(void **state)
{
	uint8_t b[2];
	uint32_t cp;
	unsigned i, j;
	size_t want;

	(void)state;
	for (i = 0; i < 256; i++) {
		for (j = 0; j < 256; j++) {
			b[0] = (uint8_t)i;
			b[1] = (uint8_t)j;
			if (i < 0x80)
				want = 1;
			else if (i >= 0xc2 && i <= 0xdf && j >= 0x80 && j <= 0xbf)
				want = 2;
			else
				want = 0;
			assert_int_equal(pc__utf8_next(b, 2, &cp), want);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ct_eq),
		cmocka_unit_test(test_ct_select),
		cmocka_unit_test(test_ct_copy),
		cmocka_unit_test(test_wipe),
		cmocka_unit_test(test_rd_bounds),
		cmocka_unit_test(test_rd_values),
		cmocka_unit_test(test_wr_sticky),
		cmocka_unit_test(test_wr_exact_fit),
		cmocka_unit_test(test_utf8_all_scalars),
		cmocka_unit_test(test_utf8_boundaries),
		cmocka_unit_test(test_utf8_rejects),
		cmocka_unit_test(test_utf8_two_byte_exhaustive),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
