/*
 * Templates: one finger view in explicit units, converted from and to
 * records. Angles become 1/65536 turn, in which both record units are
 * exact: ISO's 1/256 turn is 256 units and ANSI's 2 degrees is 65536/180
 * units, rounded, which rounds back to the same code because one code
 * step is more than one unit.
 */
#include <string.h>

#include <paycode/bio.h>

#include "internal.h"

/* Assumed when a record or .xyt gives no resolution: 500 ppi. */
#define RES_DEFAULT 197u

void pc_bio_template_wipe(pc_bio_template *t)
{
	if (t != NULL)
		pc_wipe(t, sizeof *t);
}

static uint16_t angle_in(pc_bio_format f, uint8_t a)
{
	if (f == PC_BIO_FMT_ANSI_2004)
		return (uint16_t)(((uint32_t)a * PC_BIO_TURN + 90u) / 180u);
	return (uint16_t)((unsigned)a << 8);
}

static uint8_t angle_out(pc_bio_format f, uint16_t a)
{
	if (f == PC_BIO_FMT_ANSI_2004)
		return (uint8_t)((((uint32_t)a * 180u + PC_BIO_TURN / 2) /
				  PC_BIO_TURN) % 180u);
	return (uint8_t)(((uint32_t)a + 128u) >> 8);
}

pc_err pc_bio_template_from_record(const pc_bio_record *r, size_t index,
				   pc_bio_template *t)
{
	const pc_bio_view *v;
	size_t i;

	if (r == NULL || t == NULL || r->format == PC_BIO_FMT_UNKNOWN ||
	    r->nviews > PC_BIO_MAX_VIEWS)
		return PC_ERR_INVALID_ARG;
	if (index >= r->nviews)
		return PC_ERR_NOT_FOUND;
	v = &r->view[index];
	if (v->count > PC_BIO_MAX_MINUTIAE)
		return PC_ERR_INVALID_ARG;
	memset(t, 0, sizeof *t);
	t->width = v->width;
	t->height = v->height;
	t->xres = v->xres;
	t->yres = v->yres;
	t->position = v->position;
	t->quality = v->nqblocks > 0 ? v->qblock[0].score : v->quality;
	if (t->quality > 100)
		t->quality = 0;
	for (i = 0; i < v->count; i++) {
		const pc_bio_minutia *m = &v->m[i];

		t->pt[i].x = (int16_t)(m->x & 0x3fffu);
		t->pt[i].y = (int16_t)(m->y & 0x3fffu);
		t->pt[i].angle = angle_in(r->format, m->angle);
		t->pt[i].type = (uint8_t)(m->type & 3u);
		t->pt[i].quality = m->quality <= 100 ? m->quality : 0;
	}
	t->count = v->count;
	return PC_OK;
}

static void view_from_template(const pc_bio_template *t, pc_bio_format f,
			       pc_bio_view *v)
{
	size_t i;

	v->position = t->position;
	v->quality = t->quality;
	v->width = t->width;
	v->height = t->height;
	v->xres = t->xres != 0 ? t->xres : RES_DEFAULT;
	v->yres = t->yres != 0 ? t->yres : RES_DEFAULT;
	v->minutia_size = 6;
	if (f == PC_BIO_FMT_ISO_2011) {
		memset(v->datetime, 0xff, sizeof v->datetime);
		v->nqblocks = 1;
		v->qblock[0].score = t->quality;
	}
	for (i = 0; i < t->count; i++) {
		pc_bio_minutia *m = &v->m[i];

		m->x = (uint16_t)t->pt[i].x;
		m->y = (uint16_t)t->pt[i].y;
		m->type = (uint8_t)(t->pt[i].type & 3u);
		m->angle = angle_out(f, t->pt[i].angle);
		m->quality = t->pt[i].quality;
		if (f == PC_BIO_FMT_ISO_2011 && m->quality == 0)
			m->quality = PC_BIO_Q2011_NOT_REPORTED;
	}
	v->count = t->count;
}

pc_err pc_bio_record_from_template(const pc_bio_template *t,
				   pc_bio_format format, pc_bio_record *r)
{
	size_t i;

	if (t == NULL || r == NULL || t->count > PC_BIO_MAX_MINUTIAE ||
	    (format != PC_BIO_FMT_ISO_2005 && format != PC_BIO_FMT_ISO_2011 &&
	     format != PC_BIO_FMT_ANSI_2004))
		return PC_ERR_INVALID_ARG;
	for (i = 0; i < t->count; i++)
		if (t->pt[i].x < 0 || t->pt[i].y < 0 || t->pt[i].type > 2 ||
		    t->pt[i].quality > 100 ||
		    (t->width != 0 && t->pt[i].x >= t->width) ||
		    (t->height != 0 && t->pt[i].y >= t->height))
			return PC_ERR_INVALID_ARG;
	pc_bio_record_init(r);
	r->format = format;
	r->width = t->width;
	r->height = t->height;
	r->xres = t->xres != 0 ? t->xres : RES_DEFAULT;
	r->yres = t->yres != 0 ? t->yres : RES_DEFAULT;
	r->nviews = 1;
	view_from_template(t, format, &r->view[0]);
	return PC_OK;
}
