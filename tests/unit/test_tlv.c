/*
 * base64 (qr/base64.c) and BER-TLV (qr/ber.c):
 *   - base64: the RFC 4648 §10 test vectors both ways, into exact-size heap
 *     buffers and into every shorter capacity; every non-canonical form
 *     refused (bad character, length, misplaced '=', non-zero pad bits,
 *     whitespace), exhaustively over one- and two-byte final quanta, so
 *     that each byte string has exactly one accepted encoding;
 *   - BER: 1-3 byte tags, short/0x81/0x82 lengths at their boundaries,
 *     non-minimal, indefinite and over-long forms, a 4-byte tag, padding
 *     bytes, truncation at every offset of valid input with the iterator
 *     left unchanged, and the writer reproducing what the reader read.
 */
#include <paycode/tlv.h>

#include "testutil.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- base64 ------------------------------------------------------------ */

static const struct {
	const char *raw, *b64;
} rfc4648[] = {
	/* RFC 4648 §10 */
	{ "", "" },
	{ "f", "Zg==" },
	{ "fo", "Zm8=" },
	{ "foo", "Zm9v" },
	{ "foob", "Zm9vYg==" },
	{ "fooba", "Zm9vYmE=" },
	{ "foobar", "Zm9vYmFy" },
};

static pc_err b64dec(const char *s, size_t n, uint8_t *out, size_t cap,
		     size_t *out_len)
{
	char *in = (char *)tu_exact(s, n);
	pc_err err = pc_base64_decode(in, n, out, cap, out_len);

	free(in);
	return err;
}

/* Decode into a scratch buffer; only the verdict matters. */
static pc_err b64_verdict(const char *s, size_t n)
{
	uint8_t out[64];
	size_t len;

	assert_true(n / 4 * 3 <= sizeof out);
	return b64dec(s, n, out, sizeof out, &len);
}

static void test_b64_rfc_encode(void **state)
{
	size_t i, cap, len;

	(void)state;
	for (i = 0; i < NELEM(rfc4648); i++) {
		size_t n = strlen(rfc4648[i].raw), want = strlen(rfc4648[i].b64);
		uint8_t *in = tu_exact(rfc4648[i].raw, n);
		char *out = (char *)malloc(want ? want : 1);

		assert_int_equal(PC_BASE64_LEN(n), want);
		/* every short capacity: refused, nothing written */
		for (cap = 0; cap < want; cap++) {
			memset(out, '#', want);
			len = 12345;
			assert_int_equal(pc_base64_encode(in, n, out, cap, &len),
					 PC_ERR_BUFFER_TOO_SMALL);
			assert_int_equal(len, want);
			assert_memory_equal(out, "################", want);
		}
		/* exact-size heap buffer */
		assert_int_equal(pc_base64_encode(in, n, want ? out : NULL, want,
						  &len), PC_OK);
		assert_int_equal(len, want);
		assert_memory_equal(out, rfc4648[i].b64, want);
		free(out);
		free(in);
	}
}

static void test_b64_rfc_decode(void **state)
{
	size_t i, cap, len;

	(void)state;
	for (i = 0; i < NELEM(rfc4648); i++) {
		size_t n = strlen(rfc4648[i].b64), want = strlen(rfc4648[i].raw);
		uint8_t *out = malloc(want ? want : 1);

		for (cap = 0; cap < want; cap++) {
			memset(out, 0xA5, want);
			len = 12345;
			assert_int_equal(b64dec(rfc4648[i].b64, n, out, cap, &len),
					 PC_ERR_BUFFER_TOO_SMALL);
			assert_int_equal(len, want);
			for (len = 0; len < want; len++)
				assert_int_equal(out[len], 0xA5);
		}
		assert_int_equal(b64dec(rfc4648[i].b64, n, want ? out : NULL, want,
					&len), PC_OK);
		assert_int_equal(len, want);
		assert_memory_equal(out, rfc4648[i].raw, want);
		free(out);
	}
}

static void test_b64_args(void **state)
{
	uint8_t b[8] = { 0 };
	char t[8];
	size_t len;

	(void)state;
	assert_int_equal(pc_base64_encode(b, 1, t, sizeof t, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_base64_encode(NULL, 1, t, sizeof t, &len), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_base64_encode(b, 1, NULL, 4, &len), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_base64_encode(b, SIZE_MAX, t, sizeof t, &len),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_base64_encode(NULL, 0, NULL, 0, &len), PC_OK);
	assert_int_equal(len, 0);
	/* size query */
	assert_int_equal(pc_base64_encode(b, 5, NULL, 0, &len), PC_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(len, 8);
	assert_int_equal(pc_base64_decode("Zg==", 4, b, sizeof b, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_base64_decode(NULL, 4, b, sizeof b, &len), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_base64_decode("Zg==", 4, NULL, 1, &len), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_base64_decode(NULL, 0, NULL, 0, &len), PC_OK);
	assert_int_equal(len, 0);
	assert_int_equal(pc_base64_decode("Zm9vYg==", 8, NULL, 0, &len),
			 PC_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(len, 4);
}

static void test_b64_bad_length(void **state)
{
	static const char *bad[] = { "Z", "Zg", "Zg=", "Zm9", "Zm9vY", "Zm9vYg",
				     "Zm9vYg=", "Zm9vYg===", "=", "==", "===" };
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(bad); i++)
		if (b64_verdict(bad[i], strlen(bad[i])) != PC_ERR_BASE64)
			fail_msg("accepted '%s'", bad[i]);
}

static void test_b64_bad_chars(void **state)
{
	char q[9];
	unsigned c, pos;
	size_t good = 0;

	(void)state;
	/* Each byte value at each position of a two-quantum text: only the 64
	 * alphabet symbols are accepted ('=' is tested separately). */
	for (pos = 0; pos < 8; pos++) {
		for (c = 0; c < 256; c++) {
			bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
				     (c >= '0' && c <= '9') || c == '+' || c == '/';
			pc_err err;

			memcpy(q, "Zm9vYmFy", 9);
			q[pos] = (char)c;
			err = b64_verdict(q, 8);
			if (alpha) {
				assert_int_equal(err, PC_OK);
				good++;
			} else if (err != PC_ERR_BASE64) {
				fail_msg("byte 0x%02X at %u accepted", c, pos);
			}
		}
	}
	assert_int_equal(good, 8 * 64);
}

static void test_b64_whitespace(void **state)
{
	static const char *bad[] = { " Zm9v", "Zm9v ", "Zm 9v", "Zm9v\n", "Zm9v\r\n",
				     "\tZm9", "Zm9vYmFy\n", "Zm9v\nYmFy", "Zg== ",
				     "Zg==\n   ", "Z g==" };
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(bad); i++)
		if (b64_verdict(bad[i], strlen(bad[i])) != PC_ERR_BASE64)
			fail_msg("accepted whitespace in '%s'", bad[i]);
	/* an embedded NUL is a bad character too */
	assert_int_equal(b64_verdict("Zm\0v", 4), PC_ERR_BASE64);
}

static void test_b64_padding(void **state)
{
	static const char *bad[] = {
		"====", "Z===", "=Zg=", "==Zg", "Zg=a", "Z=g=", "Zm=v",
		"Zg==Zm9v",   /* padding inside */
		"Zm8=Zm8=",
		"Zh==",       /* unused bits not zero (§3.5) */
		"Zm9=",
		"Zm-v", "Zm_v", /* base64url alphabet */
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(bad); i++)
		if (b64_verdict(bad[i], strlen(bad[i])) != PC_ERR_BASE64)
			fail_msg("accepted '%s'", bad[i]);
}

/* Every "xx==" and "xxx=" over the alphabet: exactly one text per byte
 * string is accepted, and it is the encoder's. */
static void test_b64_canonical_exhaustive(void **state)
{
	static const char A[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char q[4], enc[4];
	uint8_t out[3];
	size_t a, b, c, len, ok1 = 0, ok2 = 0;

	(void)state;
	for (a = 0; a < 64; a++) {
		for (b = 0; b < 64; b++) {
			q[0] = A[a]; q[1] = A[b]; q[2] = '='; q[3] = '=';
			if (pc_base64_decode(q, 4, out, 3, &len) == PC_OK) {
				ok1++;
				assert_int_equal(len, 1);
				assert_int_equal(pc_base64_encode(out, 1, enc, 4, &len), PC_OK);
				assert_memory_equal(enc, q, 4);
			}
			for (c = 0; c < 64; c++) {
				q[2] = A[c]; q[3] = '=';
				if (pc_base64_decode(q, 4, out, 3, &len) != PC_OK)
					continue;
				ok2++;
				assert_int_equal(len, 2);
				assert_int_equal(pc_base64_encode(out, 2, enc, 4, &len), PC_OK);
				assert_memory_equal(enc, q, 4);
			}
		}
	}
	assert_int_equal(ok1, 256);
	assert_int_equal(ok2, 65536);
}

static void test_b64_roundtrip_all_bytes(void **state)
{
	uint8_t raw[256], back[256];
	char txt[PC_BASE64_LEN(256)];
	size_t i, n, len;

	(void)state;
	for (i = 0; i < 256; i++)
		raw[i] = (uint8_t)(i * 7 + 3);
	for (n = 0; n <= 256; n++) {
		assert_int_equal(pc_base64_encode(raw, n, txt, sizeof txt, &len), PC_OK);
		assert_int_equal(len, PC_BASE64_LEN(n));
		assert_int_equal(b64dec(txt, len, back, n, &len), PC_OK);
		assert_int_equal(len, n);
		assert_memory_equal(back, raw, n);
	}
	/* every single byte value and symbol */
	for (i = 0; i < 256; i++) {
		uint8_t one = (uint8_t)i;

		assert_int_equal(pc_base64_encode(&one, 1, txt, 4, &len), PC_OK);
		assert_int_equal(b64dec(txt, 4, back, 1, &len), PC_OK);
		assert_int_equal(back[0], one);
	}
}

static void test_b64_error_wipes(void **state)
{
	uint8_t out[6];
	size_t len = 99;

	(void)state;
	memset(out, 0xEE, sizeof out);
	/* the bad symbol is in the last quantum: the first one was decoded */
	assert_int_equal(b64dec("Zm9vYm*y", 8, out, sizeof out, &len), PC_ERR_BASE64);
	assert_int_equal(len, 0);
	assert_memory_equal(out, "\0\0\0\0\0\0", 6);
}

/* ---- BER-TLV ----------------------------------------------------------- */

static pc_err ber_first(const char *hex, pc_tlv *t)
{
	uint8_t buf[512];
	size_t n = tu_unhex(hex, buf, sizeof buf);
	uint8_t *p = tu_exact(buf, n);
	pc_ber it, before;
	pc_err err;

	pc_ber_init(&it, p, n);
	before = it;
	err = pc_ber_next(&it, t);
	if (err != PC_OK) {
		/* on error the iterator has not moved */
		assert_int_equal(it.pos, before.pos);
		assert_int_equal(it.len, before.len);
		assert_ptr_equal(it.ptr, before.ptr);
	} else {
		t->value = NULL; /* p is freed below */
	}
	free(p);
	return err;
}

static void test_ber_tags(void **state)
{
	pc_tlv t;

	(void)state;
	assert_int_equal(ber_first("5A021234", &t), PC_OK);
	assert_int_equal(t.tag, 0x5A);
	assert_false(t.constructed);
	assert_int_equal(t.len, 2);
	assert_int_equal(ber_first("9F260201020000", &t), PC_OK);
	assert_int_equal(t.tag, 0x9F26);
	assert_int_equal(ber_first("5F2000", &t), PC_OK);
	assert_int_equal(t.tag, 0x5F20);
	assert_int_equal(t.len, 0);
	assert_int_equal(ber_first("BF0C00", &t), PC_OK);
	assert_int_equal(t.tag, 0xBF0C);
	assert_true(t.constructed);
	assert_int_equal(ber_first("DF810101AA", &t), PC_OK); /* 3-byte tag */
	assert_int_equal(t.tag, 0xDF8101);
	assert_int_equal(t.len, 1);
	assert_int_equal(ber_first("7F817F00", &t), PC_OK);
	assert_int_equal(t.tag, 0x7F817F);
	assert_true(t.constructed);
	assert_int_equal(ber_first("610300", &t), PC_ERR_TRUNCATED);
	/* a fourth tag byte: refused, truncated or not */
	assert_int_equal(ber_first("DF81810100", &t), PC_ERR_BER_TAG);
	assert_int_equal(ber_first("DF8181", &t), PC_ERR_BER_TAG);
	assert_int_equal(ber_first("9FFFFFFF0100", &t), PC_ERR_BER_TAG);
	/* padding bytes and a non-minimal first subsequent byte */
	assert_int_equal(ber_first("0000", &t), PC_ERR_BER_TAG);
	assert_int_equal(ber_first("FF0100", &t), PC_ERR_BER_TAG);
	assert_int_equal(ber_first("9F800100", &t), PC_ERR_BER_TAG);
	assert_int_equal(ber_first("9F8001", &t), PC_ERR_BER_TAG);
	/* truncated inside the tag */
	assert_int_equal(ber_first("9F", &t), PC_ERR_TRUNCATED);
	assert_int_equal(ber_first("DF81", &t), PC_ERR_TRUNCATED);
}

static void test_ber_lengths(void **state)
{
	char hex[2 * 300 + 20];
	pc_tlv t;
	size_t i;

	(void)state;
	/* 0x7F: short form; 0x80: 81 80; 0xFF: 81 FF; 0x100: 82 0100 */
	strcpy(hex, "047F");
	for (i = 0; i < 0x7F; i++)
		strcat(hex, "AB");
	assert_int_equal(ber_first(hex, &t), PC_OK);
	assert_int_equal(t.len, 0x7F);
	strcpy(hex, "048180");
	for (i = 0; i < 0x80; i++)
		strcat(hex, "AB");
	assert_int_equal(ber_first(hex, &t), PC_OK);
	assert_int_equal(t.len, 0x80);
	strcpy(hex, "0481FF");
	for (i = 0; i < 0xFF; i++)
		strcat(hex, "AB");
	assert_int_equal(ber_first(hex, &t), PC_OK);
	assert_int_equal(t.len, 0xFF);
	strcpy(hex, "04820100");
	for (i = 0; i < 0x100; i++)
		strcat(hex, "AB");
	assert_int_equal(ber_first(hex, &t), PC_OK);
	assert_int_equal(t.len, 0x100);
	/* non-minimal */
	assert_int_equal(ber_first("04817F", &t), PC_ERR_BER_LENGTH);
	assert_int_equal(ber_first("048100", &t), PC_ERR_BER_LENGTH);
	assert_int_equal(ber_first("04820000", &t), PC_ERR_BER_LENGTH);
	assert_int_equal(ber_first("048200FF", &t), PC_ERR_BER_LENGTH);
	assert_int_equal(ber_first("0482007F", &t), PC_ERR_BER_LENGTH);
	/* indefinite, and forms longer than two bytes */
	assert_int_equal(ber_first("61800400", &t), PC_ERR_BER_LENGTH);
	assert_int_equal(ber_first("0483000001AB", &t), PC_ERR_BER_LENGTH);
	assert_int_equal(ber_first("0484", &t), PC_ERR_BER_LENGTH);
	assert_int_equal(ber_first("04FF", &t), PC_ERR_BER_LENGTH);
	/* truncated inside the length or the value */
	assert_int_equal(ber_first("04", &t), PC_ERR_TRUNCATED);
	assert_int_equal(ber_first("0481", &t), PC_ERR_TRUNCATED);
	assert_int_equal(ber_first("048201", &t), PC_ERR_TRUNCATED);
	assert_int_equal(ber_first("048180AB", &t), PC_ERR_TRUNCATED);
	assert_int_equal(ber_first("048201000000", &t), PC_ERR_TRUNCATED);
}

/* A valid stream of TLVs; every proper prefix must fail with TRUNCATED at
 * the object the cut falls in, after returning the complete ones before. */
static void test_ber_truncated_every_offset(void **state)
{
	uint8_t full[600];
	size_t n = 0, cut, i, ends[4];
	size_t nobj = 0;

	(void)state;
	n += tu_unhex("9F2608584FD385FA234BCC", full + n, sizeof full - n);
	ends[nobj++] = n;
	n += tu_unhex("DF8101" "8181", full + n, sizeof full - n);
	memset(full + n, 0x11, 0x81);
	n += 0x81;
	ends[nobj++] = n;
	n += tu_unhex("61820103", full + n, sizeof full - n);
	memset(full + n, 0x22, 0x103);
	n += 0x103;
	ends[nobj++] = n;
	n += tu_unhex("5000", full + n, sizeof full - n);
	ends[nobj++] = n;
	for (cut = 0; cut <= n; cut++) {
		uint8_t *p = tu_exact(full, cut);
		pc_ber it, before;
		pc_tlv t;
		pc_err err;
		size_t got = 0;

		pc_ber_init(&it, p, cut);
		while ((err = pc_ber_next(&it, &t)) == PC_OK)
			got++;
		for (i = 0; i < nobj && ends[i] <= cut; i++)
			;
		assert_int_equal(got, i);
		if ((i == 0 ? 0 : ends[i - 1]) == cut) {
			assert_int_equal(err, PC_ERR_NOT_FOUND);
			assert_true(pc_ber_done(&it));
		} else {
			assert_int_equal(err, PC_ERR_TRUNCATED);
			assert_false(pc_ber_done(&it));
			before = it;
			assert_int_equal(pc_ber_next(&it, &t), PC_ERR_TRUNCATED);
			assert_memory_equal(&it, &before, sizeof it);
		}
		free(p);
	}
}

static void test_ber_iterate_and_find(void **state)
{
	uint8_t buf[64];
	size_t n = tu_unhex("8505435056303161094F07A0000006022020"
			    "6200", buf, sizeof buf);
	uint8_t *p = tu_exact(buf, n);
	pc_ber it;
	pc_tlv t;

	(void)state;
	pc_ber_init(&it, p, n);
	assert_false(pc_ber_done(&it));
	assert_int_equal(pc_ber_next(&it, &t), PC_OK);
	assert_int_equal(t.tag, 0x85);
	assert_int_equal(t.offset, 0);
	assert_memory_equal(t.value, "CPV01", 5);
	assert_int_equal(pc_ber_next(&it, &t), PC_OK);
	assert_int_equal(t.tag, 0x61);
	assert_true(t.constructed);
	assert_int_equal(t.offset, 7);
	assert_int_equal(t.len, 9);
	assert_int_equal(pc_ber_next(&it, &t), PC_OK);
	assert_int_equal(t.tag, 0x62);
	assert_int_equal(t.len, 0);
	assert_true(pc_ber_done(&it));
	assert_int_equal(pc_ber_next(&it, &t), PC_ERR_NOT_FOUND);
	assert_int_equal(pc_ber_next(&it, &t), PC_ERR_NOT_FOUND);

	assert_int_equal(pc_ber_find(p, n, 0x61, &t), PC_OK);
	assert_int_equal(t.offset, 7);
	assert_int_equal(pc_ber_find(t.value, t.len, 0x4F, &t), PC_OK);
	assert_int_equal(t.len, 7);
	assert_int_equal(pc_ber_find(p, n, 0x4F, &t), PC_ERR_NOT_FOUND); /* no descent */
	assert_int_equal(pc_ber_find(p, n - 1, 0x99, &t), PC_ERR_TRUNCATED);
	assert_int_equal(pc_ber_find(p, n - 1, 0x61, &t), PC_OK); /* before the error */
	assert_int_equal(pc_ber_find(NULL, 0, 0x61, &t), PC_ERR_NOT_FOUND);
	assert_int_equal(pc_ber_find(NULL, 1, 0x61, &t), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_ber_find(p, n, 0x61, NULL), PC_ERR_INVALID_ARG);
	/* argument checks */
	assert_int_equal(pc_ber_next(NULL, &t), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_ber_next(&it, NULL), PC_ERR_INVALID_ARG);
	it.pos = it.len + 1;
	assert_int_equal(pc_ber_next(&it, &t), PC_ERR_INVALID_ARG);
	pc_ber_init(&it, NULL, 5);
	assert_true(pc_ber_done(&it));
	assert_int_equal(pc_ber_next(&it, &t), PC_ERR_NOT_FOUND);
	assert_true(pc_ber_done(NULL));
	pc_ber_init(NULL, p, n);
	free(p);
}

static void test_ber_put(void **state)
{
	static const uint32_t tags[] = { 0x4F, 0x61, 0x9F26, 0x5F20, 0xBF0C,
					 0xDF8101, 0x7F817F, 0x9F1F };
	static const size_t lens[] = { 0, 1, 0x7F, 0x80, 0xFF, 0x100, 0x1234, 0xFFFF };
	uint8_t *val = malloc(0xFFFF);
	size_t i, j, len;

	(void)state;
	assert_non_null(val);
	for (i = 0; i < 0xFFFF; i++)
		val[i] = (uint8_t)(i ^ (i >> 8));
	for (i = 0; i < NELEM(tags); i++) {
		for (j = 0; j < NELEM(lens); j++) {
			size_t need = pc_ber_size(tags[i], lens[j]), cap;
			uint8_t *out = malloc(need);
			pc_ber it;
			pc_tlv t;

			assert_true(need > lens[j]);
			/* every short capacity of a header-sized buffer */
			for (cap = 0; cap < need && cap < 8; cap++) {
				len = 0;
				assert_int_equal(pc_ber_put(tags[i], val, lens[j], out,
							    cap, &len),
						 PC_ERR_BUFFER_TOO_SMALL);
				assert_int_equal(len, need);
			}
			assert_int_equal(pc_ber_put(tags[i], val, lens[j], out, need - 1,
						    &len), PC_ERR_BUFFER_TOO_SMALL);
			assert_int_equal(pc_ber_put(tags[i], val, lens[j], out, need,
						    &len), PC_OK);
			assert_int_equal(len, need);
			pc_ber_init(&it, out, need);
			assert_int_equal(pc_ber_next(&it, &t), PC_OK);
			assert_int_equal(t.tag, tags[i]);
			assert_int_equal(t.len, lens[j]);
			assert_true(pc_ber_done(&it));
			if (lens[j] != 0)
				assert_memory_equal(t.value, val, lens[j]);
			/* header only */
			assert_int_equal(pc_ber_put(tags[i], NULL, lens[j], out,
						    need - lens[j], &len), PC_OK);
			assert_int_equal(len, need - lens[j]);
			free(out);
		}
	}
	free(val);
}

static void test_ber_put_refuses(void **state)
{
	static const uint32_t bad[] = {
		0,          /* no tag */
		0x1F, 0x9F, /* announce a subsequent byte that is missing */
		0xFF,       /* padding byte */
		0x9F80,     /* b8 set in the last byte */
		0x9F8001,   /* first subsequent byte 80 */
		0xDF8181,   /* would need a fourth byte */
		0x0102,     /* first byte does not announce a second */
		0x5F0102,   /* second byte does not announce a third */
		0x01020304, /* four bytes */
		0xFF0100,
	};
	uint8_t out[8];
	size_t i, len;

	(void)state;
	for (i = 0; i < NELEM(bad); i++) {
		if (pc_ber_put(bad[i], NULL, 0, out, sizeof out, &len) !=
		    PC_ERR_INVALID_ARG)
			fail_msg("tag 0x%X accepted", (unsigned)bad[i]);
		assert_int_equal(pc_ber_size(bad[i], 0), 0);
	}
	assert_int_equal(pc_ber_put(0x5A, NULL, 0x10000, out, sizeof out, &len),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_ber_size(0x5A, 0x10000), 0);
	assert_int_equal(pc_ber_put(0x5A, NULL, 0, out, sizeof out, NULL),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_ber_put(0x5A, NULL, 0, NULL, 2, &len), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_ber_put(0x5A, NULL, 0, NULL, 0, &len),
			 PC_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(len, 2);
}

/* Every one- and two-byte tag: the writer accepts it exactly when the
 * reader does, and they agree on it. */
static void test_ber_tag_agreement(void **state)
{
	uint32_t tag;
	size_t accepted = 0;

	(void)state;
	for (tag = 1; tag <= 0xFFFF; tag++) {
		uint8_t in[4], out[8];
		size_t n = tag > 0xFF ? 2 : 1, len;
		pc_ber it;
		pc_tlv t;
		bool rd, wr;

		in[0] = (uint8_t)(tag >> (8 * (n - 1)));
		in[n - 1] = (uint8_t)tag;
		in[n] = 0;
		pc_ber_init(&it, in, n + 1);
		rd = pc_ber_next(&it, &t) == PC_OK && t.tag == tag && pc_ber_done(&it);
		wr = pc_ber_put(tag, NULL, 0, out, sizeof out, &len) == PC_OK;
		if (rd != wr)
			fail_msg("tag 0x%X: reader %d writer %d", (unsigned)tag, rd, wr);
		if (wr) {
			assert_int_equal(len, n + 1);
			assert_memory_equal(out, in, n + 1);
			accepted++;
		}
	}
	/* One byte: all but 00 and the 8 values with the low five bits set
	 * (FF among them). Two bytes: the 7 of those other than FF, followed
	 * by 00-7F (b8 clear: last byte). */
	assert_int_equal(accepted, (256 - 1 - 8) + 7 * 128);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_b64_rfc_encode),
		cmocka_unit_test(test_b64_rfc_decode),
		cmocka_unit_test(test_b64_args),
		cmocka_unit_test(test_b64_bad_length),
		cmocka_unit_test(test_b64_bad_chars),
		cmocka_unit_test(test_b64_whitespace),
		cmocka_unit_test(test_b64_padding),
		cmocka_unit_test(test_b64_canonical_exhaustive),
		cmocka_unit_test(test_b64_roundtrip_all_bytes),
		cmocka_unit_test(test_b64_error_wipes),
		cmocka_unit_test(test_ber_tags),
		cmocka_unit_test(test_ber_lengths),
		cmocka_unit_test(test_ber_truncated_every_offset),
		cmocka_unit_test(test_ber_iterate_and_find),
		cmocka_unit_test(test_ber_put),
		cmocka_unit_test(test_ber_put_refuses),
		cmocka_unit_test(test_ber_tag_agreement),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
