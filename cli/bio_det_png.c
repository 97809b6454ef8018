/*
 * paycode CLI: the DET curve as a PNG picture (`bio eval --det FILE.png`).
 *
 * The plot is the SVG one of bio_eval.c drawn into an RGB raster with a
 * few primitives (thick lines, dashes, a 5x7 bitmap font for the tick
 * labels and axis names) and written with libpng, as cli/png.c does for QR
 * codes. Geometry is shared with the SVG through pc_cli_bio_det_pos(), so
 * both pictures put a point in the same place.
 */
#include <png.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "bio_cli.h"

typedef struct canvas {
	uint8_t *px;   /* w * h * 3 bytes, RGB */
	int w, h;
} canvas;

typedef struct rgb {
	uint8_t r, g, b;
} rgb;

static const rgb BLACK = { 0, 0, 0 }, GRID = { 221, 221, 221 },
		 DIAG = { 153, 153, 153 }, CURVE = { 204, 0, 0 },
		 EER = { 0, 0, 204 };

static void put(canvas *c, int x, int y, rgb col)
{
	uint8_t *p;

	if (x < 0 || y < 0 || x >= c->w || y >= c->h)
		return;
	p = c->px + ((size_t)y * (size_t)c->w + (size_t)x) * 3u;
	p[0] = col.r;
	p[1] = col.g;
	p[2] = col.b;
}

/* A square dot of side 2r+1 centred on (x, y). */
static void dot(canvas *c, int x, int y, int r, rgb col)
{
	int i, j;

	for (j = -r; j <= r; j++)
		for (i = -r; i <= r; i++)
			put(c, x + i, y + j, col);
}

/* Bresenham's line; r thickens it, dash > 0 draws dash pixels on and
 * dash off. */
static void line(canvas *c, int x0, int y0, int x1, int y1, int r, int dash,
		 rgb col)
{
	int dx = abs(x1 - x0), dy = -abs(y1 - y0), sx = x0 < x1 ? 1 : -1;
	int sy = y0 < y1 ? 1 : -1, err = dx + dy, e2, k = 0;

	for (;;) {
		if (dash == 0 || (k / dash) % 2 == 0)
			dot(c, x0, y0, r, col);
		k++;
		if (x0 == x1 && y0 == y1)
			break;
		e2 = 2 * err;
		if (e2 >= dy) {
			err += dy;
			x0 += sx;
		}
		if (e2 <= dx) {
			err += dx;
			y0 += sy;
		}
	}
}

/* 5x7 glyphs, one byte per row (bit 4 leftmost), for the characters the
 * plot writes; others are drawn as blanks. */
static const char GLYPH_CHARS[] = "0123456789.%():DEFMNRT";
static const uint8_t GLYPHS[][7] = {
	{ 0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E },
	{ 0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E },
	{ 0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F },
	{ 0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E },
	{ 0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02 },
	{ 0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E },
	{ 0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E },
	{ 0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08 },
	{ 0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E },
	{ 0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C },
	{ 0x00, 0x00, 0x00, 0x00, 0x00, 0x0C, 0x0C },
	{ 0x18, 0x19, 0x02, 0x04, 0x08, 0x13, 0x03 },
	{ 0x02, 0x04, 0x08, 0x08, 0x08, 0x04, 0x02 },
	{ 0x08, 0x04, 0x02, 0x02, 0x02, 0x04, 0x08 },
	{ 0x00, 0x0C, 0x0C, 0x00, 0x0C, 0x0C, 0x00 },
	{ 0x1C, 0x12, 0x11, 0x11, 0x11, 0x12, 0x1C },
	{ 0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F },
	{ 0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x10 },
	{ 0x11, 0x1B, 0x15, 0x15, 0x11, 0x11, 0x11 },
	{ 0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11 },
	{ 0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11 },
	{ 0x1F, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04 },
};

/* Width in pixels of s at scale s (6 columns per character). */
static int text_width(const char *s, int scale)
{
	return (int)strlen(s) * 6 * scale;
}

/* Text with its top-left corner at (x, y). */
static void text(canvas *c, int x, int y, const char *s, int scale, rgb col)
{
	const char *g;
	int row, bit;

	for (; *s != '\0'; s++, x += 6 * scale) {
		g = strchr(GLYPH_CHARS, *s);
		if (g == NULL)
			continue;
		for (row = 0; row < 7; row++)
			for (bit = 0; bit < 5; bit++)
				if (GLYPHS[g - GLYPH_CHARS][row] & (0x10 >> bit))
					dot(c, x + bit * scale + scale / 2,
					    y + row * scale + scale / 2, scale / 2,
					    col);
	}
}

static void axes(canvas *c)
{
	static const double ticks[] = { 1e-4, 1e-3, 1e-2, 0.05, 0.1, 0.2, 0.4 };
	static const char *const labels[] = { "0.01", "0.1", "1", "5", "10",
					      "20", "40" };
	int m = PC_CLI_DET_MARGIN, w = c->w - 2 * m, h = c->h - 2 * m, v;
	size_t k;

	for (k = 0; k < sizeof ticks / sizeof ticks[0]; k++) {
		v = (int)(pc_cli_bio_det_pos(ticks[k], w) + 0.5);
		line(c, m + v, m, m + v, c->h - m, 0, 0, GRID);
		text(c, m + v - text_width(labels[k], 1) / 2, c->h - m + 8,
		     labels[k], 1, BLACK);
		v = (int)(pc_cli_bio_det_pos(ticks[k], h) + 0.5);
		line(c, m, c->h - m - v, c->w - m, c->h - m - v, 0, 0, GRID);
		text(c, m - 8 - text_width(labels[k], 1), c->h - m - v - 3,
		     labels[k], 1, BLACK);
	}
	line(c, m, c->h - m, c->w - m, m, 0, 4, DIAG);
	line(c, m, m, c->w - m, m, 0, 0, BLACK);
	line(c, m, c->h - m, c->w - m, c->h - m, 0, 0, BLACK);
	line(c, m, m, m, c->h - m, 0, 0, BLACK);
	line(c, c->w - m, m, c->w - m, c->h - m, 0, 0, BLACK);
	text(c, (c->w - text_width("FMR (%)", 2)) / 2, c->h - 36, "FMR (%)", 2,
	     BLACK);
	text(c, 8, m - 26, "FNMR (%)", 2, BLACK);
	text(c, c->w - m - text_width("DET", 2), m - 26, "DET", 2, BLACK);
}

/* The curve through the points (FMR, FNMR) and the EER point. */
static void curve(canvas *c, const double *xy, size_t n, double eer)
{
	int m = PC_CLI_DET_MARGIN, w = c->w - 2 * m, h = c->h - 2 * m;
	int x, y, px = 0, py = 0;
	char label[32];
	size_t k;

	for (k = 0; k < n; k++) {
		x = m + (int)(pc_cli_bio_det_pos(xy[2 * k], w) + 0.5);
		y = c->h - m - (int)(pc_cli_bio_det_pos(xy[2 * k + 1], h) + 0.5);
		if (k > 0)
			line(c, px, py, x, y, 1, 0, CURVE);
		px = x;
		py = y;
	}
	x = m + (int)(pc_cli_bio_det_pos(eer, w) + 0.5);
	y = c->h - m - (int)(pc_cli_bio_det_pos(eer, h) + 0.5);
	dot(c, x, y, 4, EER);
	snprintf(label, sizeof label, "EER %.2f%%", eer * 100);
	text(c, x + 8, y + 8, label, 1, EER);
}

/* libpng reports errors by longjmp to png_jmpbuf(png); no local changes
 * after setjmp, so none needs to be volatile. */
static int write_rows(png_structp png, png_infop info, const canvas *c)
{
	int y;

	if (setjmp(png_jmpbuf(png)))
		return -1;
	png_set_IHDR(png, info, (png_uint_32)c->w, (png_uint_32)c->h, 8,
		     PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (y = 0; y < c->h; y++)
		png_write_row(png, c->px + (size_t)y * (size_t)c->w * 3u);
	png_write_end(png, NULL);
	return 0;
}

static int save(const canvas *c, FILE *f)
{
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL,
						  NULL, NULL);
	png_infop info = png != NULL ? png_create_info_struct(png) : NULL;
	int rc = -1;

	if (info != NULL) {
		png_init_io(png, f);
		rc = write_rows(png, info, c);
	}
	png_destroy_write_struct(&png, &info);
	return rc;
}

int pc_cli_bio_det_png(const char *path, const double *xy, size_t n,
		       double eer)
{
	canvas c = { NULL, PC_CLI_DET_SIZE, PC_CLI_DET_SIZE };
	FILE *f;
	int rc;

	c.px = malloc((size_t)c.w * (size_t)c.h * 3u);
	if (c.px == NULL)
		return pc_cli_fail(PC_ERR_CAPACITY, "out of memory");
	memset(c.px, 255, (size_t)c.w * (size_t)c.h * 3u);
	axes(&c);
	curve(&c, xy, n, eer);
	f = fopen(path, "wb");
	rc = f != NULL ? save(&c, f) : -1;
	if (f != NULL && fclose(f) != 0)
		rc = -1;
	free(c.px);
	return rc == 0 ? 0 : pc_cli_fail(PC_ERR_STORAGE, "cannot write %s", path);
}
