/*
 * libFuzzer target for the BER-TLV reader and writer (qr/ber.c).
 *
 * The input is one byte string (an exact-size heap copy, for ASan):
 *   - it is walked with pc_ber_next(); each object must lie inside the
 *     input, right after the previous one, and take pc_ber_size() bytes;
 *     an error must leave the iterator unchanged and repeat;
 *   - when the whole walk succeeds, writing every object again with
 *     pc_ber_put() (header and value, and header only followed by the
 *     value) reproduces the input byte for byte: the reader accepts only
 *     minimal encodings, the ones the writer produces;
 *   - pc_ber_find() agrees with the walk on the first object of each tag;
 *   - the content of constructed objects is walked the same way, to a
 *     bounded depth.
 * Oracle failures call abort(), which libFuzzer reports as a crash.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <paycode/tlv.h>

static void fail(int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, line, what);
	abort();
}

#define check(x) ((x) ? (void)0 : fail(__LINE__, #x))

#define MAX_OBJS 512

static void walk(const uint8_t *p, size_t n, unsigned depth)
{
	static pc_tlv objs[4][MAX_OBJS];
	pc_tlv *o = objs[depth];
	size_t count = 0, i, j, pos = 0, len;
	uint8_t *out;
	pc_ber it, before;
	pc_err err;
	pc_tlv t;

	pc_ber_init(&it, p, n);
	while ((err = pc_ber_next(&it, &t)) == PC_OK) {
		size_t sz = pc_ber_size(t.tag, t.len);

		check(t.offset == pos && sz != 0 && sz <= n - pos);
		check(t.value == p + pos + sz - t.len);
		check(t.constructed == ((p[pos] & 0x20) != 0));
		pos += sz;
		check(it.pos == pos);
		if (count < MAX_OBJS)
			o[count++] = t;
	}
	if (err != PC_ERR_NOT_FOUND) {
		check(err == PC_ERR_TRUNCATED || err == PC_ERR_BER_TAG ||
		      err == PC_ERR_BER_LENGTH);
		check(!pc_ber_done(&it));
		before = it;
		check(pc_ber_next(&it, &t) == err);
		check(memcmp(&before, &it, sizeof it) == 0);
		return;
	}
	check(pos == n && pc_ber_done(&it));
	if (count == MAX_OBJS)
		return;
	/* write everything back, two ways */
	out = malloc(n + 1);
	check(out != NULL);
	for (i = 0, pos = 0; i < count; i++) {
		size_t hdr = pc_ber_size(o[i].tag, o[i].len) - o[i].len;

		check(pc_ber_put(o[i].tag, o[i].value, o[i].len, out + pos,
				 n - pos, &len) == PC_OK);
		check(len == hdr + o[i].len);
		check(pc_ber_put(o[i].tag, NULL, o[i].len, out + pos, hdr, &len) ==
		      PC_OK && len == hdr);
		if (hdr > 0)
			check(pc_ber_put(o[i].tag, NULL, o[i].len, out + pos,
					 hdr - 1, &len) == PC_ERR_BUFFER_TOO_SMALL);
		pos += hdr + o[i].len;
	}
	check(pos == n && (n == 0 || memcmp(out, p, n) == 0));
	free(out);
	/* find returns the first occurrence */
	for (i = 0; i < count; i++) {
		for (j = 0; j < i && o[j].tag != o[i].tag; j++)
			;
		check(pc_ber_find(p, n, o[i].tag, &t) == PC_OK);
		check(t.offset == o[j].offset);
	}
	for (i = 0; i < count && depth + 1 < 4; i++)
		if (o[i].constructed)
			walk(o[i].value, o[i].len, depth + 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *p = malloc(size + (size == 0));

	check(p != NULL);
	if (size != 0)
		memcpy(p, data, size);
	walk(p, size, 0);
	free(p);
	return 0;
}
