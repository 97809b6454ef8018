/*
 * BER-TLV as EMV profiles it [EMV 4.3 Book 3 Annex B]: reader (iterator,
 * find) and writer in one file (STYLE §9). All reads go through the pc_rd
 * cursor, so none passes the caller's length.
 *
 * Accepted, and nothing else:
 *   - tags of 1 to 3 bytes [B1]: low five bits of the first byte all set
 *     means a subsequent byte follows, and each subsequent byte with b8 set
 *     announces one more; first byte 00 or FF is padding, never a tag;
 *   - lengths [B2] in the short form (00-7F), 81 xx with xx >= 80, or
 *     82 xxxx with xxxx >= 0100: the minimal form only (X.690 §10.1, DER),
 *     so every object has exactly one encoding and the writer reproduces
 *     the reader's input;
 *   - values that fit in what is left of the buffer.
 */
#include <paycode/tlv.h>

#include "internal.h"

#define PC__BER_MAX_TAG_BYTES 3u
#define PC__BER_MAX_LEN 0xFFFFu

/* Tag field [B1]. A tag needing a fourth byte is refused as soon as the
 * third byte says so, before any truncation is noticed. */
static pc_err pc__ber_tag(pc_rd *r, uint32_t *tag)
{
	uint8_t b;
	size_t n = 1;
	pc_err err = pc__rd_u8(r, &b);

	if (err != PC_OK)
		return err;
	if (b == 0x00 || b == 0xFF)
		return PC_ERR_BER_TAG;
	*tag = b;
	if ((b & 0x1Fu) != 0x1Fu)
		return PC_OK;
	do {
		if (n == PC__BER_MAX_TAG_BYTES)
			return PC_ERR_BER_TAG;
		err = pc__rd_u8(r, &b);
		if (err != PC_OK)
			return err;
		/* X.690 §8.1.2.4.2 (c): the first subsequent byte is not 80. */
		if (n == 1 && b == 0x80)
			return PC_ERR_BER_TAG;
		*tag = *tag << 8 | b;
		n++;
	} while (b & 0x80u);
	return PC_OK;
}

/* Length field [B2], minimal form only. 80 is BER's indefinite form
 * (X.690 §8.1.3.6), which EMV does not use; 83 and up exceed 65535. */
static pc_err pc__ber_len(pc_rd *r, size_t *len)
{
	uint8_t b;
	uint16_t v = 0;
	pc_err err = pc__rd_u8(r, &b);

	if (err != PC_OK)
		return err;
	if (b < 0x80) {
		v = b;
	} else if (b == 0x81) {
		err = pc__rd_u8(r, &b);
		v = b;
		if (err == PC_OK && v < 0x80)
			err = PC_ERR_BER_LENGTH;
	} else if (b == 0x82) {
		err = pc__rd_u16be(r, &v);
		if (err == PC_OK && v < 0x100)
			err = PC_ERR_BER_LENGTH;
	} else {
		err = PC_ERR_BER_LENGTH;
	}
	if (err == PC_OK)
		*len = v;
	return err;
}

/* Bytes in a well-formed tag, 0 when `tag` is not one the reader would
 * return: the reader itself decides, so writer and reader cannot drift. */
static size_t pc__ber_tag_bytes(uint32_t tag)
{
	uint8_t b[PC__BER_MAX_TAG_BYTES];
	size_t n, i;
	uint32_t got = 0;
	pc_rd r;

	if (tag == 0 || tag > 0xFFFFFFu)
		return 0;
	n = tag > 0xFFFFu ? 3 : tag > 0xFFu ? 2 : 1;
	for (i = 0; i < n; i++)
		b[i] = (uint8_t)(tag >> (8 * (n - 1 - i)));
	pc__rd_init(&r, b, n);
	if (pc__ber_tag(&r, &got) != PC_OK || got != tag || pc__rd_left(&r) != 0)
		return 0;
	return n;
}

void pc_ber_init(pc_ber *it, const uint8_t *p, size_t len)
{
	if (it == NULL)
		return;
	it->ptr = p;
	it->len = p == NULL ? 0 : len;
	it->pos = 0;
}

bool pc_ber_done(const pc_ber *it)
{
	return it == NULL || it->pos >= it->len;
}

pc_err pc_ber_next(pc_ber *it, pc_tlv *out)
{
	pc_rd r;
	uint32_t tag = 0;
	size_t len = 0;
	const uint8_t *v = NULL;
	pc_err err;

	if (it == NULL || out == NULL || it->pos > it->len ||
	    (it->ptr == NULL && it->len != 0))
		return PC_ERR_INVALID_ARG;
	if (it->pos == it->len)
		return PC_ERR_NOT_FOUND;
	pc__rd_init(&r, it->ptr, it->len);
	r.pos = it->pos;
	err = pc__ber_tag(&r, &tag);
	if (err == PC_OK)
		err = pc__ber_len(&r, &len);
	if (err == PC_OK)
		err = pc__rd_view(&r, len, &v);
	if (err != PC_OK)
		return err; /* the iterator has not moved */
	out->tag = tag;
	out->constructed = (it->ptr[it->pos] & 0x20u) != 0;
	out->value = v;
	out->len = len;
	out->offset = it->pos;
	it->pos = r.pos;
	return PC_OK;
}

pc_err pc_ber_find(const uint8_t *p, size_t len, uint32_t tag, pc_tlv *out)
{
	pc_ber it;
	pc_tlv t;
	pc_err err;

	if (out == NULL || (p == NULL && len != 0))
		return PC_ERR_INVALID_ARG;
	pc_ber_init(&it, p, len);
	while ((err = pc_ber_next(&it, &t)) == PC_OK) {
		if (t.tag == tag) {
			*out = t;
			return PC_OK;
		}
	}
	return err;
}

size_t pc_ber_size(uint32_t tag, size_t len)
{
	size_t tn = pc__ber_tag_bytes(tag);

	if (tn == 0 || len > PC__BER_MAX_LEN)
		return 0;
	return tn + (len < 0x80 ? 1u : len < 0x100 ? 2u : 3u) + len;
}

pc_err pc_ber_put(uint32_t tag, const uint8_t *value, size_t len, uint8_t *out,
		  size_t cap, size_t *out_len)
{
	size_t tn = pc__ber_tag_bytes(tag), need;
	pc_wr w;

	if (out_len == NULL || tn == 0 || len > PC__BER_MAX_LEN ||
	    (out == NULL && cap != 0))
		return PC_ERR_INVALID_ARG;
	need = pc_ber_size(tag, len) - (value == NULL ? len : 0);
	*out_len = need;
	if (cap < need)
		return PC_ERR_BUFFER_TOO_SMALL;
	pc__wr_init(&w, out, cap);
	while (tn-- > 0)
		pc__wr_u8(&w, (uint8_t)(tag >> (8 * tn)));
	if (len >= 0x100) {
		pc__wr_u8(&w, 0x82);
		pc__wr_u16be(&w, (uint16_t)len);
	} else {
		if (len >= 0x80)
			pc__wr_u8(&w, 0x81);
		pc__wr_u8(&w, (uint8_t)len);
	}
	if (value != NULL)
		pc__wr_bytes(&w, value, len);
	if (PC_NEVER(w.err != PC_OK || w.len != need))
		return PC_ERR_INTERNAL;
	return PC_OK;
}
