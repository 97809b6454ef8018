/*
 * QR module matrix accessors and renderers (SVG, terminal text).
 *
 * Renderers write into a caller buffer through a counting sink: a piece is
 * copied only when it fits whole and no earlier piece failed, and the count
 * keeps growing either way, so one call both fills the buffer and reports
 * the size needed (STYLE §3). Nothing is written at or past cap, except the
 * NUL terminator, which is written only when out_len < cap. With out NULL
 * and cap 0 (size-only pass) they return PC_OK and the size needed.
 */
#include <paycode/qr.h>

#include <string.h>

#include "internal.h"

#define PC__QR_MAX_SCALE 64u
#define PC__QR_MAX_MARGIN 64u

typedef struct sink {
	char *p;
	size_t cap;
	size_t n;
	bool over;
} sink;

static void put(sink *s, const char *str, size_t len)
{
	if (s->p != NULL && !s->over && len <= s->cap - s->n)
		memcpy(s->p + s->n, str, len);
	else
		s->over = true;
	s->n += len;
}

static void puts_(sink *s, const char *str)
{
	put(s, str, strlen(str));
}

static void putu(sink *s, unsigned v)
{
	char d[10];
	size_t i = sizeof d;

	do {
		d[--i] = (char)('0' + v % 10u);
		v /= 10u;
	} while (v != 0);
	put(s, d + i, sizeof d - i);
}

/* A pc_qr is usable when its side matches a version in range. */
static bool qr_ok(const pc_qr *qr)
{
	return qr != NULL && qr->version >= 1 && qr->version <= 40 &&
	       qr->side == 17u + 4u * qr->version && qr->side <= PC_QR_MAX_SIDE;
}

/* A NULL buffer is the size-only pass: PC_OK with the size needed. */
static pc_err finish(sink *s, size_t *out_len)
{
	*out_len = s->n;
	if (s->p == NULL)
		return PC_OK;
	if (s->over)
		return PC_ERR_BUFFER_TOO_SMALL;
	if (s->n < s->cap)
		s->p[s->n] = '\0';
	return PC_OK;
}

unsigned pc_qr_side(const pc_qr *qr)
{
	return qr_ok(qr) ? qr->side : 0u;
}

unsigned pc_qr_version(const pc_qr *qr)
{
	return qr_ok(qr) ? qr->version : 0u;
}

bool pc_qr_module(const pc_qr *qr, unsigned x, unsigned y)
{
	size_t i;

	if (!qr_ok(qr) || x >= qr->side || y >= qr->side)
		return false;
	i = (size_t)y * qr->side + x;
	return (qr->bits[i / 8] & (0x80u >> (i % 8))) != 0;
}

/* One path: each horizontal run of n dark modules in row y starting at
 * column x is the unit-height rectangle "Mx yhnv1h-nz" (in modules). */
static void svg_runs(sink *s, const pc_qr *qr, unsigned margin)
{
	unsigned x, y, n;

	for (y = 0; y < qr->side; y++) {
		for (x = 0; x < qr->side; x += n + 1u) {
			for (n = 0; pc_qr_module(qr, x + n, y); n++)
				;
			if (n == 0)
				continue;
			puts_(s, "M");
			putu(s, x + margin);
			puts_(s, " ");
			putu(s, y + margin);
			puts_(s, "h");
			putu(s, n);
			puts_(s, "v1h-");
			putu(s, n);
			puts_(s, "z");
		}
	}
}

pc_err pc_qr_svg(const pc_qr *qr, unsigned scale, unsigned margin, char *out,
		 size_t cap, size_t *out_len)
{
	sink s = { out, cap, 0, false };
	unsigned dim;

	if (!qr_ok(qr) || out_len == NULL || (out == NULL && cap != 0) ||
	    scale < 1 || scale > PC__QR_MAX_SCALE || margin > PC__QR_MAX_MARGIN)
		return PC_ERR_INVALID_ARG;
	dim = qr->side + 2u * margin;
	puts_(&s, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
	putu(&s, dim * scale);
	puts_(&s, "\" height=\"");
	putu(&s, dim * scale);
	puts_(&s, "\" viewBox=\"0 0 ");
	putu(&s, dim);
	puts_(&s, " ");
	putu(&s, dim);
	puts_(&s, "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" "
		  "height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
	svg_runs(&s, qr, margin);
	puts_(&s, "\"/></svg>\n");
	return finish(&s, out_len);
}

/* Module at (x, y) of the drawing, quiet zone included: true = dark. */
static bool dark_at(const pc_qr *qr, unsigned margin, unsigned x, unsigned y)
{
	if (x < margin || y < margin)
		return false;
	return pc_qr_module(qr, x - margin, y - margin);
}

/*
 * Terminal text: each character covers two module rows. Terminals draw
 * glyphs in the (usually light) foreground colour on the (usually dark)
 * background, so the glyph ink stands for LIGHT modules and a blank cell for
 * dark ones: on the common light-on-dark terminal the symbol appears dark on
 * light, as scanners expect. On a dark-on-light terminal it comes out
 * inverted; use SVG or PNG there. The bottom half of the last line lies
 * below the drawing and is left blank (terminal background).
 */
pc_err pc_qr_ansi(const pc_qr *qr, unsigned margin, char *out, size_t cap,
		  size_t *out_len)
{
	static const char *const glyph[4] = {
		"\xe2\x96\x88", /* U+2588 full block: both light */
		"\xe2\x96\x80", /* U+2580 upper half: top light, bottom dark */
		"\xe2\x96\x84", /* U+2584 lower half: top dark, bottom light */
		" ",            /* both dark */
	};
	sink s = { out, cap, 0, false };
	unsigned dim, x, y;

	if (!qr_ok(qr) || out_len == NULL || (out == NULL && cap != 0) ||
	    margin > PC__QR_MAX_MARGIN)
		return PC_ERR_INVALID_ARG;
	dim = qr->side + 2u * margin;
	for (y = 0; y < dim; y += 2) {
		for (x = 0; x < dim; x++) {
			unsigned top = dark_at(qr, margin, x, y) ? 2u : 0u;
			unsigned bot = (y + 1u >= dim ||
					dark_at(qr, margin, x, y + 1u)) ? 1u : 0u;

			puts_(&s, glyph[top | bot]);
		}
		puts_(&s, "\n");
	}
	return finish(&s, out_len);
}
