/*
 * NBIS .xyt text (bozorth3's input, mindtct's output): reader and writer.
 *
 * One minutia per line: "x y theta [quality]", decimal integers separated
 * by blanks; theta in degrees (bozorth3 folds it to (-180, 180], libfprint
 * and mpi-afis write 0..359). bozorth3 reads at most 1000 lines
 * (MAX_FILE_MINUTIAE); paycode at most PC_BIO_MAX_MINUTIAE. The text is
 * untrusted: every byte is examined once, through an index that never
 * reaches len, and numbers are range-checked digit by digit so that no
 * overflow can happen.
 */
#include <string.h>

#include <paycode/bio.h>

#include "internal.h"

#define XY_MAX 16383

typedef struct xyt_cur {
	const char *p;
	size_t len, pos;
} xyt_cur;

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* A signed decimal integer with |v| <= 99999 followed by a blank, a line
 * end or the end of the text. */
static pc_err number(xyt_cur *c, long *out)
{
	bool neg = false;
	long v = 0;
	size_t digits = 0;

	while (c->pos < c->len && is_blank(c->p[c->pos]))
		c->pos++;
	if (c->pos < c->len && (c->p[c->pos] == '-' || c->p[c->pos] == '+'))
		neg = c->p[c->pos++] == '-';
	while (c->pos < c->len && c->p[c->pos] >= '0' && c->p[c->pos] <= '9') {
		if (++digits > 5)
			return PC_ERR_BIO_XYT;
		v = v * 10 + (c->p[c->pos++] - '0');
	}
	if (digits == 0 || (c->pos < c->len && !is_blank(c->p[c->pos]) &&
			    c->p[c->pos] != '\n' && c->p[c->pos] != '\r'))
		return PC_ERR_BIO_XYT;
	*out = neg ? -v : v;
	return PC_OK;
}

/* After the last number: blanks, then LF, CR LF or the end. */
static pc_err line_end(xyt_cur *c)
{
	while (c->pos < c->len && is_blank(c->p[c->pos]))
		c->pos++;
	if (c->pos == c->len)
		return PC_OK;
	if (c->p[c->pos] == '\r')
		c->pos++;
	if (c->pos < c->len && c->p[c->pos] == '\n') {
		c->pos++;
		return PC_OK;
	}
	return PC_ERR_BIO_XYT;
}

/* Is the rest of the current line blank? (Then it is skipped.) */
static bool blank_line(xyt_cur *c)
{
	size_t i = c->pos;

	while (i < c->len && is_blank(c->p[i]))
		i++;
	if (i < c->len && c->p[i] == '\r')
		i++;
	if (i == c->len || c->p[i] == '\n') {
		c->pos = i < c->len ? i + 1 : i;
		return true;
	}
	return false;
}

static bool more_numbers(const xyt_cur *c)
{
	size_t i = c->pos;

	while (i < c->len && is_blank(c->p[i]))
		i++;
	return i < c->len && c->p[i] != '\n' && c->p[i] != '\r';
}

static pc_err line(xyt_cur *c, pc_bio_point *pt)
{
	long v[4] = { 0, 0, 0, 0 };
	size_t i;
	pc_err err = PC_OK;

	for (i = 0; i < 3 && err == PC_OK; i++)
		err = number(c, &v[i]);
	if (err == PC_OK && more_numbers(c))
		err = number(c, &v[3]);
	if (err == PC_OK)
		err = line_end(c);
	if (err != PC_OK)
		return err;
	if (v[0] < 0 || v[0] > XY_MAX || v[1] < 0 || v[1] > XY_MAX ||
	    v[2] < -180 || v[2] > 360 || v[3] < 0 || v[3] > 100)
		return PC_ERR_BIO_XYT;
	if (v[2] < 0)
		v[2] += 360;
	pt->x = (int16_t)v[0];
	pt->y = (int16_t)v[1];
	pt->angle = (uint16_t)(((unsigned long)v[2] * PC_BIO_TURN + 180u) / 360u);
	pt->type = PC_BIO_TYPE_OTHER;
	pt->quality = (uint8_t)v[3];
	return PC_OK;
}

/* NIST convention: y grows up. Mirror it into the template's y-down frame
 * over the file's own range, and remember the range in height so that the
 * writer can mirror back exactly. */
static void mirror_y(pc_bio_template *t)
{
	int16_t maxy = 0;
	size_t i;

	for (i = 0; i < t->count; i++)
		if (t->pt[i].y > maxy)
			maxy = t->pt[i].y;
	for (i = 0; i < t->count; i++)
		t->pt[i].y = (int16_t)(maxy - t->pt[i].y);
	t->height = (uint16_t)(maxy + 1);
}

pc_err pc_bio_xyt_parse(const char *text, size_t len, pc_bio_xyt_conv conv,
			pc_bio_template *t)
{
	xyt_cur c = { text, len, 0 };
	pc_err err = PC_OK;

	if (t == NULL || (text == NULL && len != 0) ||
	    (conv != PC_BIO_XYT_M1 && conv != PC_BIO_XYT_NIST))
		return PC_ERR_INVALID_ARG;
	memset(t, 0, sizeof *t);
	while (c.pos < c.len) {
		if (blank_line(&c))
			continue;
		if (t->count == PC_BIO_MAX_MINUTIAE) {
			err = PC_ERR_CAPACITY;
			break;
		}
		err = line(&c, &t->pt[t->count]);
		if (err != PC_OK)
			break;
		t->count++;
	}
	if (err != PC_OK) {
		pc_bio_template_wipe(t);
		return err;
	}
	if (conv == PC_BIO_XYT_NIST)
		mirror_y(t);
	return PC_OK;
}

/* Decimal digits of v (0..99999) into out; returns the count. */
static size_t put_uint(char *out, unsigned v)
{
	char tmp[8];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10u);
		v /= 10u;
	} while (v != 0 && n < sizeof tmp);
	for (i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	return n;
}

static size_t format_line(const pc_bio_template *t, size_t i,
			  pc_bio_xyt_conv conv, char out[32])
{
	const pc_bio_point *p = &t->pt[i];
	unsigned y = (unsigned)p->y, deg;
	size_t n = 0;

	if (conv == PC_BIO_XYT_NIST && t->height > 0)
		y = (unsigned)(t->height - 1) - y;
	deg = (unsigned)(((uint32_t)p->angle * 360u + PC_BIO_TURN / 2) /
			 PC_BIO_TURN) % 360u;
	n += put_uint(out + n, (unsigned)p->x);
	out[n++] = ' ';
	n += put_uint(out + n, y);
	out[n++] = ' ';
	n += put_uint(out + n, deg);
	out[n++] = ' ';
	n += put_uint(out + n, p->quality);
	out[n++] = '\n';
	return n;
}

static bool writable(const pc_bio_template *t, pc_bio_xyt_conv conv)
{
	size_t i;

	if (t->count > PC_BIO_MAX_MINUTIAE)
		return false;
	for (i = 0; i < t->count; i++) {
		const pc_bio_point *p = &t->pt[i];

		if (p->x < 0 || p->y < 0 || p->quality > 100)
			return false;
		if (conv == PC_BIO_XYT_NIST && t->height > 0 &&
		    p->y >= t->height)
			return false;
	}
	return true;
}

pc_err pc_bio_xyt_write(const pc_bio_template *t, pc_bio_xyt_conv conv,
			char *out, size_t cap, size_t *out_len)
{
	char buf[32];
	size_t i, need = 0, n;

	if (t == NULL || out_len == NULL ||
	    (conv != PC_BIO_XYT_M1 && conv != PC_BIO_XYT_NIST) ||
	    !writable(t, conv))
		return PC_ERR_INVALID_ARG;
	for (i = 0; i < t->count; i++)
		need += format_line(t, i, conv, buf);
	*out_len = need;
	if (need > cap || (out == NULL && need != 0))
		return PC_ERR_BUFFER_TOO_SMALL;
	for (i = 0, n = 0; i < t->count; i++)
		n += format_line(t, i, conv, out + n);
	return PC_OK;
}
