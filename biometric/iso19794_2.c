/*
 * ISO/IEC 19794-2:2005 and ISO/IEC 19794-2:2011 finger minutiae records:
 * reader and writer (STYLE §9: the reader and the writer of a message live
 * in one file). The finger-view layout of 2005 is shared with ANSI/INCITS
 * 378-2004 (ansi378.c), which differs in its header and angle unit.
 *
 * Layouts (biometrics reference §2.1, §2.3; big-endian throughout):
 *   2005  "FMR\0" " 20\0" length(4) equipment(2) width(2) height(2)
 *         xres(2) yres(2) views(1) reserved(1), then per view:
 *         position(1) view<<4|impression(1) quality(1) count(1)
 *         minutiae(6 each) extlen(2) ext
 *   2011  "FMR\0" "030\0" length(4) representations(2) certflag(1), then
 *         per representation: length(4) datetime(9) technology(1)
 *         vendor(2) devtype(2) nquality(1) {score(1) vendor(2) alg(2)}
 *         [ncert(1) {authority(2) scheme(1)}] position(1) number(1)
 *         xres(2) yres(2) impression(1) width(2) height(2)
 *         size<<4|ending(1) count(1) minutiae(5 or 6 each) extlen(2) ext
 */
#include <string.h>

#include <paycode/bio.h>

#include "internal.h"

static const uint8_t magic_fmr[4] = { 'F', 'M', 'R', 0 };
static const uint8_t ver_20[4] = { ' ', '2', '0', 0 };
static const uint8_t ver_020[4] = { '0', '2', '0', 0 };
static const uint8_t ver_030[4] = { '0', '3', '0', 0 };

#define HDR_2005 24u
#define HDR_2011 15u

/* Impression codes of ISO 19794-2 / ANSI 378: live and non-live, plain
 * and rolled (0-3), swipe (8), contactless (9). */
static bool impression_ok(unsigned imp)
{
	return imp <= 3 || imp == 8 || imp == 9;
}

/* (position, view number) identifies a view; it must be unique. */
static bool views_unique(const pc_bio_record *r)
{
	size_t i, j;

	for (i = 0; i < r->nviews; i++)
		for (j = 0; j < i; j++)
			if (r->view[i].position == r->view[j].position &&
			    r->view[i].number == r->view[j].number)
				return false;
	return true;
}

/* ---- the 2005 finger-view layout (ISO 2005, ANSI 2004) ----------------- */

static pc_err view05_read(pc_rd *rd, pc_bio_record *r, pc_bio_view *v,
			  unsigned flags)
{
	uint8_t h[4];
	pc_err err;

	err = pc__rd_bytes(rd, h, sizeof h);
	if (err != PC_OK)
		return err;
	v->position = h[0];
	v->number = (uint8_t)(h[1] >> 4);
	v->impression = (uint8_t)(h[1] & 15u);
	v->quality = h[2];
	v->width = r->width;
	v->height = r->height;
	v->xres = r->xres;
	v->yres = r->yres;
	v->minutia_size = 6;
	if (v->position > 10 || !impression_ok(v->impression) ||
	    v->quality > 100)
		return PC_ERR_BIO_VIEW;
	err = pc__bio_minutiae_read(rd, v, h[3], 6, (int)r->format, flags,
				    &r->quirks);
	if (err != PC_OK)
		return err;
	return pc__bio_ext_read(rd, v, (int)r->format, flags, &r->quirks);
}

static pc_err views05_read(pc_rd *rd, pc_bio_record *r, unsigned flags)
{
	size_t i;
	pc_err err;

	for (i = 0; i < r->nviews; i++) {
		/* only the last view's extended data may be cut */
		err = view05_read(rd, r, &r->view[i],
				  i + 1 == r->nviews ? flags
						     : flags & ~PC__BIO_CUT);
		if (err != PC_OK)
			return err;
	}
	return views_unique(r) ? PC_OK : PC_ERR_BIO_VIEW;
}

static pc_err walk_from(const uint8_t *in, size_t n, size_t hdr,
			pc_bio_record *r, unsigned flags, size_t *end)
{
	pc_rd rd;
	pc_err err;

	pc__rd_init(&rd, in, n);
	err = pc__rd_skip(&rd, hdr);
	if (PC_NEVER(err != PC_OK))
		return err;
	err = views05_read(&rd, r, flags);
	*end = rd.pos;
	return err;
}

/*
 * Strict: the views must end exactly at the length field L. Lenient, when
 * they do not fit in L: first read them from the whole input (fingerprint-
 * io's ANSI sample declares 340 bytes and needs 342, all present), then
 * from L with the last extended data area cut (libbiomeval's fmr.iso2005
 * declares and holds 371 bytes and needs 372). Bytes left between the
 * views and L (libbiomeval's fmr.ansi2004: 2) are kept as the tail.
 */
pc_err pc__bio_walk05(const uint8_t *in, size_t len, size_t hdr, uint32_t L,
		      unsigned flags, struct pc_bio_record *r, size_t *end)
{
	uint32_t q0 = r->quirks;
	bool lenient = (flags & PC_BIO_PARSE_LENIENT) != 0;
	size_t e = 0, t;
	pc_err err;

	err = walk_from(in, L, hdr, r, flags & ~PC__BIO_CUT, &e);
	if (err == PC_ERR_TRUNCATED && lenient && len > L) {
		r->quirks = q0;
		err = walk_from(in, len, hdr, r, flags & ~PC__BIO_CUT, &e);
		if (err == PC_OK)
			r->quirks |= PC_BIO_QUIRK_LEN_SHORT;
	}
	if (err == PC_ERR_TRUNCATED && lenient) {
		r->quirks = q0;
		err = walk_from(in, L, hdr, r, flags | PC__BIO_CUT, &e);
	}
	if (err == PC_ERR_TRUNCATED)
		return PC_ERR_BIO_LENGTH;
	if (err != PC_OK)
		return err;
	*end = e;
	if (e >= L)
		return PC_OK;
	t = L - e;
	if (!lenient || t > PC_BIO_TAIL_MAX)
		return PC_ERR_BIO_TRAILING;
	memcpy(r->tail, in + e, t);
	r->tail_len = (uint8_t)t;
	r->quirks |= PC_BIO_QUIRK_TAIL;
	*end = L;
	return PC_OK;
}

size_t pc__bio_views05_size(const struct pc_bio_record *r)
{
	size_t i, n = 0;

	for (i = 0; i < r->nviews; i++)
		n += 4u + 6u * r->view[i].count + 2u + r->view[i].ext_have;
	return n;
}

void pc__bio_views05_write(pc_wr *w, const struct pc_bio_record *r)
{
	size_t i;

	for (i = 0; i < r->nviews; i++) {
		const pc_bio_view *v = &r->view[i];

		pc__wr_u8(w, v->position);
		pc__wr_u8(w, (uint8_t)(v->number << 4 | v->impression));
		pc__wr_u8(w, v->quality);
		pc__wr_u8(w, (uint8_t)v->count);
		pc__bio_minutiae_write(w, v, 6);
		pc__wr_u16be(w, v->ext_len);
		pc__wr_bytes(w, v->ext, v->ext_have);
	}
}

/* ---- ISO/IEC 19794-2:2005 ----------------------------------------------- */

/* The header after the length field: equipment .. reserved (12 bytes);
 * ANSI 378-2004 has the same fields after its CBEFF IDs. */
pc_err pc__bio_header05_read(pc_rd *rd, struct pc_bio_record *r, unsigned flags)
{
	uint8_t b[2];
	pc_err err;

	err = pc__rd_u16be(rd, &r->equipment);
	if (err == PC_OK)
		err = pc__rd_u16be(rd, &r->width);
	if (err == PC_OK)
		err = pc__rd_u16be(rd, &r->height);
	if (err == PC_OK)
		err = pc__rd_u16be(rd, &r->xres);
	if (err == PC_OK)
		err = pc__rd_u16be(rd, &r->yres);
	if (err == PC_OK)
		err = pc__rd_bytes(rd, b, sizeof b);
	if (err != PC_OK)
		return err;
	r->nviews = b[0];
	r->reserved = b[1];
	if (r->xres == 0 || r->yres == 0 ||
	    (r->reserved != 0 && !(flags & PC_BIO_PARSE_LENIENT)))
		return PC_ERR_BIO_HEADER;
	return r->nviews > PC_BIO_MAX_VIEWS ? PC_ERR_CAPACITY : PC_OK;
}

/* Version " 20\0"; lenient also "020\0" (recorded as a quirk). */
static pc_err version_check(const uint8_t *in, pc_bio_record *r,
			    unsigned flags)
{
	if (memcmp(in + 4, ver_20, 4) == 0)
		return PC_OK;
	if (memcmp(in + 4, ver_020, 4) == 0 && (flags & PC_BIO_PARSE_LENIENT)) {
		r->quirks |= PC_BIO_QUIRK_VERSION;
		return PC_OK;
	}
	return PC_ERR_BIO_FORMAT;
}

pc_err pc__bio_iso2005_parse(const uint8_t *in, size_t len, unsigned flags,
			     struct pc_bio_record *r, size_t *used)
{
	uint32_t L;
	pc_rd rd;
	pc_err err;

	r->format = PC_BIO_FMT_ISO_2005;
	err = version_check(in, r, flags);
	if (err != PC_OK)
		return err;
	pc__rd_init(&rd, in, len);
	err = pc__rd_skip(&rd, 8);
	if (err == PC_OK)
		err = pc__rd_u32be(&rd, &L);
	if (err != PC_OK)
		return PC_ERR_BIO_TRUNCATED;
	if (L < HDR_2005)
		return PC_ERR_BIO_LENGTH;
	if (L > len)
		return PC_ERR_BIO_TRUNCATED;
	r->length = L;
	pc__rd_init(&rd, in, L);
	err = pc__rd_skip(&rd, 12);
	if (PC_ALWAYS(err == PC_OK))
		err = pc__bio_header05_read(&rd, r, flags);
	if (err != PC_OK)
		return err;
	return pc__bio_walk05(in, len, HDR_2005, L, flags, r, used);
}

void pc__bio_iso2005_write(pc_wr *w, const struct pc_bio_record *r)
{
	size_t n = HDR_2005 + pc__bio_views05_size(r) + r->tail_len;

	if (!pc__bio_fits(w, n))
		return;
	pc__wr_bytes(w, magic_fmr, 4);
	pc__wr_bytes(w, (r->quirks & PC_BIO_QUIRK_VERSION) ? ver_020 : ver_20, 4);
	pc__wr_u32be(w, r->length != 0 ? r->length : (uint32_t)n);
	pc__wr_u16be(w, r->equipment);
	pc__wr_u16be(w, r->width);
	pc__wr_u16be(w, r->height);
	pc__wr_u16be(w, r->xres);
	pc__wr_u16be(w, r->yres);
	pc__wr_u8(w, r->nviews);
	pc__wr_u8(w, r->reserved);
	pc__bio_views05_write(w, r);
	pc__wr_bytes(w, r->tail, r->tail_len);
}

/* ---- ISO/IEC 19794-2:2011 ----------------------------------------------- */

/* Capture time, device, quality and certification blocks. */
static pc_err rep_device_read(pc_rd *rd, pc_bio_view *v, bool certified)
{
	uint8_t n = 0;
	size_t i;
	pc_err err;

	err = pc__rd_bytes(rd, v->datetime, sizeof v->datetime);
	if (err == PC_OK)
		err = pc__rd_u8(rd, &v->technology);
	if (err == PC_OK)
		err = pc__rd_u16be(rd, &v->vendor);
	if (err == PC_OK)
		err = pc__rd_u16be(rd, &v->device_type);
	if (err == PC_OK)
		err = pc__rd_u8(rd, &n);
	if (err == PC_OK && n > PC_BIO_MAX_QBLOCKS)
		return PC_ERR_CAPACITY;
	v->nqblocks = n;
	for (i = 0; err == PC_OK && i < v->nqblocks; i++) {
		err = pc__rd_u8(rd, &v->qblock[i].score);
		if (err == PC_OK)
			err = pc__rd_u16be(rd, &v->qblock[i].vendor);
		if (err == PC_OK)
			err = pc__rd_u16be(rd, &v->qblock[i].algorithm);
		if (err == PC_OK && v->qblock[i].score > 100 &&
		    v->qblock[i].score != 255)
			return PC_ERR_BIO_VIEW;
	}
	if (err != PC_OK || !certified)
		return err;
	err = pc__rd_u8(rd, &n);
	if (err == PC_OK && n > PC_BIO_MAX_QBLOCKS)
		return PC_ERR_CAPACITY;
	v->ncblocks = n;
	for (i = 0; err == PC_OK && i < v->ncblocks; i++) {
		err = pc__rd_u16be(rd, &v->cblock[i].authority);
		if (err == PC_OK)
			err = pc__rd_u8(rd, &v->cblock[i].scheme);
	}
	return err;
}

/* Position .. minutia count, then the minutiae and the extended data. */
static pc_err rep_body_read(pc_rd *rd, pc_bio_record *r, pc_bio_view *v,
			    unsigned flags)
{
	uint8_t b[3], size;
	pc_err err;

	err = pc__rd_bytes(rd, b, 2);
	if (err == PC_OK)
		err = pc__rd_u16be(rd, &v->xres);
	if (err == PC_OK)
		err = pc__rd_u16be(rd, &v->yres);
	if (err == PC_OK)
		err = pc__rd_u8(rd, &v->impression);
	if (err == PC_OK)
		err = pc__rd_u16be(rd, &v->width);
	if (err == PC_OK)
		err = pc__rd_u16be(rd, &v->height);
	if (err == PC_OK)
		err = pc__rd_bytes(rd, b + 2, 1);
	if (err == PC_OK)
		err = pc__rd_u8(rd, &size);
	if (err != PC_OK)
		return err;
	v->position = b[0];
	v->number = b[1];
	v->minutia_size = (uint8_t)(b[2] >> 4);
	v->ending_type = (uint8_t)(b[2] & 15u);
	if (v->position > 10 || v->xres == 0 || v->yres == 0 ||
	    !impression_ok(v->impression) ||
	    (v->minutia_size != 5 && v->minutia_size != 6))
		return PC_ERR_BIO_VIEW;
	err = pc__bio_minutiae_read(rd, v, size, v->minutia_size,
				    (int)r->format, flags, &r->quirks);
	if (err != PC_OK)
		return err;
	return pc__bio_ext_read(rd, v, (int)r->format, flags & ~PC__BIO_CUT,
				&r->quirks);
}

/* One representation: its length field bounds a sub-cursor, which the
 * content must fill exactly. */
static pc_err rep_read(pc_rd *rd, pc_bio_record *r, pc_bio_view *v,
		       unsigned flags)
{
	const uint8_t *p;
	uint32_t rlen;
	pc_rd sub;
	pc_err err;

	err = pc__rd_u32be(rd, &rlen);
	if (err != PC_OK)
		return PC_ERR_BIO_LENGTH;
	if (rlen < 4)
		return PC_ERR_BIO_VIEW;
	err = pc__rd_view(rd, rlen - 4u, &p);
	if (err != PC_OK)
		return PC_ERR_BIO_LENGTH;
	pc__rd_init(&sub, p, rlen - 4u);
	err = rep_device_read(&sub, v, r->certified != 0);
	if (err == PC_OK)
		err = rep_body_read(&sub, r, v, flags);
	if (err == PC_ERR_TRUNCATED || (err == PC_OK && pc__rd_left(&sub) != 0))
		return PC_ERR_BIO_VIEW;
	return err;
}

pc_err pc__bio_iso2011_parse(const uint8_t *in, size_t len, unsigned flags,
			     struct pc_bio_record *r, size_t *used)
{
	uint32_t L;
	uint16_t nreps;
	size_t i;
	pc_rd rd;
	pc_err err;

	r->format = PC_BIO_FMT_ISO_2011;
	pc__rd_init(&rd, in, len);
	err = pc__rd_skip(&rd, 8);
	if (err == PC_OK)
		err = pc__rd_u32be(&rd, &L);
	if (err != PC_OK)
		return PC_ERR_BIO_TRUNCATED;
	if (L < HDR_2011)
		return PC_ERR_BIO_LENGTH;
	if (L > len)
		return PC_ERR_BIO_TRUNCATED;
	r->length = L;
	pc__rd_init(&rd, in, L);
	err = pc__rd_skip(&rd, 12);
	if (PC_ALWAYS(err == PC_OK))
		err = pc__rd_u16be(&rd, &nreps);
	if (PC_ALWAYS(err == PC_OK))
		err = pc__rd_u8(&rd, &r->certified);
	if (PC_NEVER(err != PC_OK))
		return err;
	if (nreps == 0 || r->certified > 1)
		return PC_ERR_BIO_HEADER;
	if (nreps > PC_BIO_MAX_VIEWS)
		return PC_ERR_CAPACITY;
	r->nviews = (uint8_t)nreps;
	for (i = 0; i < r->nviews; i++) {
		err = rep_read(&rd, r, &r->view[i], flags);
		if (err != PC_OK)
			return err;
	}
	if (!views_unique(r))
		return PC_ERR_BIO_VIEW;
	if (pc__rd_left(&rd) != 0)
		return PC_ERR_BIO_TRAILING;
	*used = L;
	return PC_OK;
}

static size_t rep_size(const pc_bio_view *v, bool certified)
{
	size_t n = 4u + 9u + 5u + 1u + 5u * v->nqblocks + 11u + 2u +
		   (size_t)v->minutia_size * v->count + 2u + v->ext_have;

	if (certified)
		n += 1u + 3u * v->ncblocks;
	return n;
}

static void rep_write(pc_wr *w, const pc_bio_view *v, bool certified)
{
	size_t i;

	pc__wr_u32be(w, (uint32_t)rep_size(v, certified));
	pc__wr_bytes(w, v->datetime, sizeof v->datetime);
	pc__wr_u8(w, v->technology);
	pc__wr_u16be(w, v->vendor);
	pc__wr_u16be(w, v->device_type);
	pc__wr_u8(w, v->nqblocks);
	for (i = 0; i < v->nqblocks; i++) {
		pc__wr_u8(w, v->qblock[i].score);
		pc__wr_u16be(w, v->qblock[i].vendor);
		pc__wr_u16be(w, v->qblock[i].algorithm);
	}
	if (certified) {
		pc__wr_u8(w, v->ncblocks);
		for (i = 0; i < v->ncblocks; i++) {
			pc__wr_u16be(w, v->cblock[i].authority);
			pc__wr_u8(w, v->cblock[i].scheme);
		}
	}
	pc__wr_u8(w, v->position);
	pc__wr_u8(w, v->number);
	pc__wr_u16be(w, v->xres);
	pc__wr_u16be(w, v->yres);
	pc__wr_u8(w, v->impression);
	pc__wr_u16be(w, v->width);
	pc__wr_u16be(w, v->height);
	pc__wr_u8(w, (uint8_t)(v->minutia_size << 4 | v->ending_type));
	pc__wr_u8(w, (uint8_t)v->count);
	pc__bio_minutiae_write(w, v, v->minutia_size);
	pc__wr_u16be(w, v->ext_len);
	pc__wr_bytes(w, v->ext, v->ext_have);
}

void pc__bio_iso2011_write(pc_wr *w, const struct pc_bio_record *r)
{
	size_t i, n = HDR_2011;

	for (i = 0; i < r->nviews; i++)
		n += rep_size(&r->view[i], r->certified != 0);
	if (!pc__bio_fits(w, n))
		return;
	pc__wr_bytes(w, magic_fmr, 4);
	pc__wr_bytes(w, ver_030, 4);
	pc__wr_u32be(w, r->length != 0 ? r->length : (uint32_t)n);
	pc__wr_u16be(w, r->nviews);
	pc__wr_u8(w, r->certified);
	for (i = 0; i < r->nviews; i++)
		rep_write(w, &r->view[i], r->certified != 0);
}
