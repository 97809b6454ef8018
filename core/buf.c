/*
 * Bounded cursors (STYLE §9) and the UTF-8 scalar decoder. Every parser in
 * paycode reads untrusted input through these functions only.
 */
#include <string.h>

#include "internal.h"

void pc__rd_init(pc_rd *r, const uint8_t *p, size_t len)
{
	r->ptr = p;
	r->len = (p == NULL) ? 0 : len;
	r->pos = 0;
}

size_t pc__rd_left(const pc_rd *r)
{
	return r->len - r->pos;
}

pc_err pc__rd_view(pc_rd *r, size_t n, const uint8_t **out)
{
	if (n > r->len - r->pos)
		return PC_ERR_TRUNCATED;
	*out = r->ptr + r->pos;
	r->pos += n;
	return PC_OK;
}

pc_err pc__rd_skip(pc_rd *r, size_t n)
{
	const uint8_t *unused;

	return pc__rd_view(r, n, &unused);
}

pc_err pc__rd_bytes(pc_rd *r, uint8_t *out, size_t n)
{
	const uint8_t *p;
	pc_err err = pc__rd_view(r, n, &p);

	if (err != PC_OK)
		return err;
	if (n != 0)
		memcpy(out, p, n);
	return PC_OK;
}

pc_err pc__rd_u8(pc_rd *r, uint8_t *out)
{
	return pc__rd_bytes(r, out, 1);
}

pc_err pc__rd_u16be(pc_rd *r, uint16_t *out)
{
	uint8_t b[2];
	pc_err err = pc__rd_bytes(r, b, sizeof b);

	if (err == PC_OK)
		*out = (uint16_t)((unsigned)b[0] << 8 | b[1]);
	return err;
}

pc_err pc__rd_u32be(pc_rd *r, uint32_t *out)
{
	uint8_t b[4];
	pc_err err = pc__rd_bytes(r, b, sizeof b);

	if (err == PC_OK)
		*out = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
		       (uint32_t)b[2] << 8 | b[3];
	return err;
}

void pc__wr_init(pc_wr *w, uint8_t *p, size_t cap)
{
	w->ptr = p;
	w->cap = (p == NULL) ? 0 : cap;
	w->len = 0;
	w->err = PC_OK;
}

void pc__wr_bytes(pc_wr *w, const void *p, size_t n)
{
	if (w->err != PC_OK)
		return;
	if (n > w->cap - w->len) {
		w->err = PC_ERR_BUFFER_TOO_SMALL;
		return;
	}
	if (n != 0)
		memcpy(w->ptr + w->len, p, n);
	w->len += n;
}

void pc__wr_u8(pc_wr *w, uint8_t v)
{
	pc__wr_bytes(w, &v, 1);
}

void pc__wr_u16be(pc_wr *w, uint16_t v)
{
	uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v };

	pc__wr_bytes(w, b, sizeof b);
}

void pc__wr_u32be(pc_wr *w, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16),
			 (uint8_t)(v >> 8), (uint8_t)v };

	pc__wr_bytes(w, b, sizeof b);
}

/* RFC 3629 §4 syntax: the well-formed byte sequences, nothing else. */
size_t pc__utf8_next(const uint8_t *p, size_t len, uint32_t *cp)
{
	uint32_t c, min;
	size_t n, i;

	if (len == 0)
		return 0;
	c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xE0) == 0xC0) {
		n = 2; c &= 0x1F; min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		n = 3; c &= 0x0F; min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		n = 4; c &= 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3Fu);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}
