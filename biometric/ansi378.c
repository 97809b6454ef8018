/*
 * ANSI/INCITS 378-2004 finger minutiae records: reader and writer.
 *
 * Layout (biometrics reference §2.2; big-endian): "FMR\0" " 20\0",
 * length(2) (0: a 4-byte length follows and the header has 30 bytes, not
 * 26), CBEFF product owner(2) and type(2), equipment compliance(4 bits) |
 * ID(12), width(2) height(2) xres(2) yres(2) in px/cm, views(1),
 * reserved(1). The finger views are laid out as in ISO 19794-2:2005
 * (iso19794_2.c) except that the angle unit is 2 degrees (0..179) and
 * extended data block lengths include their 4-byte header.
 *
 * ISO 2005 shares the magic and version; pc_bio_detect() tells them apart
 * by the length field (record.c).
 */
#include <string.h>

#include <paycode/bio.h>

#include "internal.h"

static const uint8_t magic_fmr[4] = { 'F', 'M', 'R', 0 };
static const uint8_t ver_20[4] = { ' ', '2', '0', 0 };
static const uint8_t ver_020[4] = { '0', '2', '0', 0 };

#define HDR_SHORT 26u
#define HDR_LONG 30u

/* The header after the length field: CBEFF owner and type, then the
 * fields of the ISO/IEC 19794-2:2005 header (16 bytes in all). */
static pc_err header_read(pc_rd *rd, pc_bio_record *r, unsigned flags)
{
	pc_err err = pc__rd_u16be(rd, &r->cbeff_owner);

	if (err == PC_OK)
		err = pc__rd_u16be(rd, &r->cbeff_type);
	if (err == PC_OK)
		err = pc__bio_header05_read(rd, r, flags);
	return err;
}

/* The length field: 2 bytes, or 0 and 4 more. Sets *hdr to 26 or 30. */
static pc_err length_read(const uint8_t *in, size_t len, pc_bio_record *r,
			  uint32_t *L, size_t *hdr)
{
	uint16_t l16;
	pc_rd rd;
	pc_err err;

	pc__rd_init(&rd, in, len);
	err = pc__rd_skip(&rd, 8);
	if (err == PC_OK)
		err = pc__rd_u16be(&rd, &l16);
	if (err == PC_OK && l16 == 0)
		err = pc__rd_u32be(&rd, L);
	if (err != PC_OK)
		return PC_ERR_BIO_TRUNCATED;
	r->long_length = l16 == 0;
	if (l16 != 0)
		*L = l16;
	*hdr = r->long_length ? HDR_LONG : HDR_SHORT;
	if (*L < *hdr)
		return PC_ERR_BIO_LENGTH;
	return *L > len ? PC_ERR_BIO_TRUNCATED : PC_OK;
}

pc_err pc__bio_ansi2004_parse(const uint8_t *in, size_t len, unsigned flags,
			      struct pc_bio_record *r, size_t *used)
{
	uint32_t L = 0;
	size_t hdr = HDR_SHORT;
	pc_rd rd;
	pc_err err;

	r->format = PC_BIO_FMT_ANSI_2004;
	if (memcmp(in + 4, ver_20, 4) != 0) {
		/* "020\0" (fingerprintio's sample) only when lenient */
		if (memcmp(in + 4, ver_020, 4) != 0 ||
		    !(flags & PC_BIO_PARSE_LENIENT))
			return PC_ERR_BIO_FORMAT;
		r->quirks |= PC_BIO_QUIRK_VERSION;
	}
	err = length_read(in, len, r, &L, &hdr);
	if (err != PC_OK)
		return err;
	r->length = L;
	pc__rd_init(&rd, in, L);
	err = pc__rd_skip(&rd, hdr - 16u);
	if (PC_ALWAYS(err == PC_OK))
		err = header_read(&rd, r, flags);
	if (err != PC_OK)
		return err;
	return pc__bio_walk05(in, len, hdr, L, flags, r, used);
}

void pc__bio_ansi2004_write(pc_wr *w, const struct pc_bio_record *r)
{
	size_t n = HDR_SHORT + pc__bio_views05_size(r) + r->tail_len;
	uint32_t L;
	bool long_form;

	long_form = r->long_length || n > 0xffffu || r->length > 0xffffu;
	if (long_form)
		n += HDR_LONG - HDR_SHORT;
	if (!pc__bio_fits(w, n))
		return;
	L = r->length != 0 ? r->length : (uint32_t)n;
	pc__wr_bytes(w, magic_fmr, 4);
	pc__wr_bytes(w, (r->quirks & PC_BIO_QUIRK_VERSION) ? ver_020 : ver_20, 4);
	if (long_form) {
		pc__wr_u16be(w, 0);
		pc__wr_u32be(w, L);
	} else {
		pc__wr_u16be(w, (uint16_t)L);
	}
	pc__wr_u16be(w, r->cbeff_owner);
	pc__wr_u16be(w, r->cbeff_type);
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
