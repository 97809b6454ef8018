/*
 * PNG output for `paycode qr` (libpng, 8-bit grayscale). Rows are built and
 * written one at a time, so memory stays at one row whatever the scale.
 */
#include <png.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Pixel row py of the drawing: black (0) for dark modules, white (255)
 * for light ones and the quiet zone. */
static void fill_row(png_bytep row, const pc_qr *qr, unsigned scale,
		     unsigned margin, unsigned py)
{
	unsigned dim = pc_qr_side(qr) + 2u * margin, my = py / scale, mx;

	for (mx = 0; mx < dim; mx++) {
		int dark = mx >= margin && my >= margin &&
			   pc_qr_module(qr, mx - margin, my - margin);

		memset(row + (size_t)mx * scale, dark ? 0 : 255, scale);
	}
}

/* libpng reports errors by longjmp to png_jmpbuf(png); nothing in this
 * function changes after setjmp except through the png structs, so no
 * local needs to be volatile. */
static int write_rows(png_structp png, png_infop info, png_bytep row,
		      const pc_qr *qr, unsigned scale, unsigned margin)
{
	unsigned px = (pc_qr_side(qr) + 2u * margin) * scale, y;

	if (setjmp(png_jmpbuf(png)))
		return -1;
	png_set_IHDR(png, info, px, px, 8, PNG_COLOR_TYPE_GRAY,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
		     PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (y = 0; y < px; y++) {
		fill_row(row, qr, scale, margin, y);
		png_write_row(png, row);
	}
	png_write_end(png, NULL);
	return 0;
}

int pc_cli_write_png(const pc_qr *qr, unsigned scale, unsigned margin, FILE *f)
{
	png_structp png = NULL;
	png_infop info = NULL;
	png_bytep row;
	int rc = -1;

	if (pc_qr_side(qr) == 0 || scale < 1 || scale > 64 || margin > 64 ||
	    f == NULL)
		return -1;
	row = malloc((size_t)(pc_qr_side(qr) + 2u * margin) * scale);
	if (row == NULL)
		return -1;
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	if (png != NULL)
		info = png_create_info_struct(png);
	if (info != NULL) {
		png_init_io(png, f);
		rc = write_rows(png, info, row, qr, scale, margin);
	}
	png_destroy_write_struct(&png, &info);
	free(row);
	if (rc == 0 && fflush(f) != 0)
		rc = -1;
	return rc;
}
