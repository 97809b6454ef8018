/*
 * libFuzzer target for the shared primitives of core/buf.c:
 *   - pc__utf8_next() against a reference decoder written straight from
 *     the RFC 3629 §4 table of well-formed sequences, at every offset of
 *     the input and, for the first offsets, on every truncation 1..4 copied
 *     into its own exact-size heap buffer (so ASan sees a read past len);
 *   - the pc_rd read cursor and the pc_wr write cursor, driven by ops from
 *     the input against a model: a read succeeds exactly when it fits,
 *     hands out the right bytes, and leaves the cursor unchanged when it
 *     fails; a write never touches a byte past cap (exact-size buffer) and
 *     its error is sticky.
 *
 * Input layout: byte 0 = number of op bytes (k); bytes 1..k = ops; the
 * rest is both the UTF-8 test string and the cursor data.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Oracle failure: name the check, then abort() so libFuzzer saves the input. */
static void fail(int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, line, what);
	abort();
}

#define check(x) ((x) ? (void)0 : fail(__LINE__, #x))

/* RFC 3629 §4: first byte range, second byte range, total length. Bytes
 * after the second are always 80-BF. */
static const struct {
	uint8_t lo0, hi0, lo1, hi1, n;
} rfc3629[] = {
	{ 0x00, 0x7F, 0x00, 0x00, 1 },
	{ 0xC2, 0xDF, 0x80, 0xBF, 2 },
	{ 0xE0, 0xE0, 0xA0, 0xBF, 3 },
	{ 0xE1, 0xEC, 0x80, 0xBF, 3 },
	{ 0xED, 0xED, 0x80, 0x9F, 3 },
	{ 0xEE, 0xEF, 0x80, 0xBF, 3 },
	{ 0xF0, 0xF0, 0x90, 0xBF, 4 },
	{ 0xF1, 0xF3, 0x80, 0xBF, 4 },
	{ 0xF4, 0xF4, 0x80, 0x8F, 4 },
};

static size_t ref_utf8(const uint8_t *p, size_t len, uint32_t *cp)
{
	static const uint8_t lead_mask[5] = { 0, 0x7F, 0x1F, 0x0F, 0x07 };
	size_t r, i, n = 0;
	uint32_t c;

	if (len == 0)
		return 0;
	for (r = 0; r < sizeof rfc3629 / sizeof rfc3629[0]; r++)
		if (p[0] >= rfc3629[r].lo0 && p[0] <= rfc3629[r].hi0)
			break;
	if (r == sizeof rfc3629 / sizeof rfc3629[0])
		return 0;
	n = rfc3629[r].n;
	if (len < n)
		return 0;
	if (n >= 2 && (p[1] < rfc3629[r].lo1 || p[1] > rfc3629[r].hi1))
		return 0;
	for (i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
	c = p[0] & lead_mask[n];
	for (i = 1; i < n; i++)
		c = c << 6 | (p[i] & 0x3Fu);
	*cp = c;
	return n;
}

static void compare_utf8(const uint8_t *p, size_t len)
{
	uint32_t a = 0xFFFFFFFFu, b = 0xFFFFFFFFu;
	size_t ka = pc__utf8_next(p, len, &a), kb = ref_utf8(p, len, &b);

	check(ka == kb);
	check(ka == 0 || a == b);
}

static void fuzz_utf8(const uint8_t *p, size_t len)
{
	size_t off, k;
	uint8_t *w;

	for (off = 0; off <= len; off++)
		compare_utf8(p + off, len - off);
	for (off = 0; off < len && off < 32; off++) {
		for (k = 1; k <= 4 && k <= len - off; k++) {
			w = malloc(k);
			check(w != NULL);
			memcpy(w, p + off, k);
			compare_utf8(w, k);
			free(w);
		}
	}
}

/* One read of n bytes (1, 2, 4 for the integer reads); out gets the bytes
 * read, big-endian for the integers. */
static pc_err rd_read(pc_rd *r, unsigned kind, size_t n, uint8_t *out)
{
	const uint8_t *view = NULL;
	uint16_t u16 = 0;
	uint32_t u32 = 0;
	pc_err err;

	switch (kind) {
	case 0:
		return pc__rd_u8(r, out);
	case 1:
		err = pc__rd_u16be(r, &u16);
		u32 = (uint32_t)u16 << 16;
		break;
	case 2:
		err = pc__rd_u32be(r, &u32);
		break;
	case 3:
		return pc__rd_bytes(r, out, n);
	case 4:
		err = pc__rd_view(r, n, &view);
		if (err == PC_OK && n != 0)
			memcpy(out, view, n);
		return err;
	default:
		return pc__rd_skip(r, n);
	}
	out[0] = (uint8_t)(u32 >> 24);
	out[1] = (uint8_t)(u32 >> 16);
	out[2] = (uint8_t)(u32 >> 8);
	out[3] = (uint8_t)u32;
	return err;
}

static void rd_op(pc_rd *r, const uint8_t *p, size_t len, size_t *pos,
		  uint8_t op, uint8_t arg)
{
	static const size_t width[] = { 1, 2, 4 };
	uint8_t out[16] = { 0 };
	unsigned kind = op % 6u;
	size_t n = kind < 3 ? width[kind] : arg % 16u;
	bool fits = n <= len - *pos;
	pc_err err = rd_read(r, kind, n, out);

	check(err == (fits ? PC_OK : PC_ERR_TRUNCATED));
	if (fits && kind != 5)
		check(n == 0 || memcmp(out, p + *pos, n) == 0);
	if (fits)
		*pos += n;
	check(pc__rd_left(r) == len - *pos);
}

static void fuzz_rd(const uint8_t *ops, size_t nops, const uint8_t *p, size_t len)
{
	pc_rd r;
	size_t i, pos = 0;

	pc__rd_init(&r, NULL, len);
	check(pc__rd_left(&r) == 0);
	pc__rd_init(&r, p, len);
	check(pc__rd_left(&r) == len);
	for (i = 0; i + 1 < nops; i += 2)
		rd_op(&r, p, len, &pos, ops[i], ops[i + 1]);
}

/* Writes into an exact-size heap buffer of cap = first op % 32. */
static void fuzz_wr(const uint8_t *ops, size_t nops, const uint8_t *src, size_t slen)
{
	size_t cap = nops ? ops[0] % 32u : 0, len = 0, n, i;
	uint8_t *buf = malloc(cap), model[64];
	bool failed = false;
	pc_wr w;

	check(cap == 0 || buf != NULL);
	pc__wr_init(&w, buf, cap);
	for (i = 1; i < nops; i++) {
		n = ops[i] % 4 == 0 ? 1 : ops[i] % 4 == 1 ? 2 : ops[i] % 4 == 2 ? 4 : (ops[i] >> 2) % 16u;
		n = n < slen ? n : slen;
		if (ops[i] % 4 == 0)
			pc__wr_u8(&w, src[0]);
		else if (ops[i] % 4 == 1)
			pc__wr_u16be(&w, (uint16_t)(src[0] << 8 | src[1]));
		else if (ops[i] % 4 == 2)
			pc__wr_u32be(&w, (uint32_t)src[0] << 24 | (uint32_t)src[1] << 16 |
					 (uint32_t)src[2] << 8 | src[3]);
		else
			pc__wr_bytes(&w, src, n);
		failed = failed || n > cap - len;
		if (!failed) {
			memcpy(model + len, src, n);
			len += n;
		}
		check(w.err == (failed ? PC_ERR_BUFFER_TOO_SMALL : PC_OK));
		check(w.len == len && (len == 0 || memcmp(buf, model, len) == 0));
	}
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t nops = size ? data[0] : 0, len;
	uint8_t *p;
	static const uint8_t zeros[4] = { 0, 0, 0, 0 };

	if (size == 0)
		return 0;
	nops = nops < size - 1 ? nops : size - 1;
	len = size - 1 - nops;
	p = malloc(len);
	check(len == 0 || p != NULL);
	if (len != 0)
		memcpy(p, data + 1 + nops, len);
	fuzz_utf8(p, len);
	fuzz_rd(data + 1, nops, p, len);
	/* The writer needs 4 source bytes; short inputs write zeros. */
	fuzz_wr(data + 1, nops, len >= 4 ? p : zeros, len >= 4 ? len : 4);
	free(p);
	return 0;
}
