/*
 * Finger minutiae records: format detection, dispatch, and the parts the
 * three formats share (minutia packing, extended data, what may follow a
 * record). The formats themselves: iso19794_2.c (ISO/IEC 19794-2:2005 and
 * :2011), ansi378.c (ANSI/INCITS 378-2004).
 *
 * Security model (docs/SECURITY.md): records are untrusted input. Every
 * byte is read through a bounded pc_rd cursor; a failed parse wipes the
 * output record; nothing is allocated; the record is a raw biometric and
 * is wiped by its owner after use.
 */
#include <string.h>

#include <paycode/bio.h>

#include "internal.h"

static const uint8_t magic_fmr[4] = { 'F', 'M', 'R', 0 };
static const uint8_t ver_20[4] = { ' ', '2', '0', 0 };
static const uint8_t ver_020[4] = { '0', '2', '0', 0 };
static const uint8_t ver_030[4] = { '0', '3', '0', 0 };

static unsigned be16(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/*
 * "030\0" is ISO 2011 and also ANSI 378-2009, which paycode does not read.
 * ISO 2011 continues with a representation count >= 1, a certification
 * flag 0 or 1 and a first representation length that fits the record;
 * ANSI 2009 has the CBEFF owner there, which almost never reads that way.
 */
static bool looks_2011(const uint8_t *in, size_t len)
{
	uint32_t total, rep;

	if (len < 19) /* too short to tell: let the parser say truncated */
		return len < 15 || (be16(in + 12) >= 1 && in[14] <= 1);
	total = be32(in + 8);
	rep = be32(in + 15);
	return be16(in + 12) >= 1 && in[14] <= 1 && total >= 15 &&
	       rep <= total - 15;
}

pc_bio_format pc_bio_detect(const uint8_t *in, size_t len)
{
	unsigned w8;

	if (in == NULL || len < 12 || memcmp(in, magic_fmr, 4) != 0)
		return PC_BIO_FMT_UNKNOWN;
	if (memcmp(in + 4, ver_030, 4) == 0)
		return looks_2011(in, len) ? PC_BIO_FMT_ISO_2011
					   : PC_BIO_FMT_UNKNOWN;
	if (memcmp(in + 4, ver_20, 4) != 0 && memcmp(in + 4, ver_020, 4) != 0)
		return PC_BIO_FMT_UNKNOWN;
	/* fingerprintio's rule (biometrics reference §2.1): an ANSI length
	 * is >= 26; an ISO record under 64 KiB has its 32-bit length's high
	 * word 0 and low word >= 24; an ANSI 6-byte length form has word 8
	 * zero and a 32-bit length >= 64 KiB after it, far below 24 << 16. */
	w8 = be16(in + 8);
	if (w8 >= 26)
		return PC_BIO_FMT_ANSI_2004;
	if (w8 > 0)
		return PC_BIO_FMT_ISO_2005;
	return be16(in + 10) >= 24 ? PC_BIO_FMT_ISO_2005 : PC_BIO_FMT_ANSI_2004;
}

const char *pc_bio_format_name(pc_bio_format f)
{
	switch (f) {
	case PC_BIO_FMT_ISO_2005: return "ISO-19794-2:2005";
	case PC_BIO_FMT_ISO_2011: return "ISO-19794-2:2011";
	case PC_BIO_FMT_ANSI_2004: return "ANSI-378-2004";
	case PC_BIO_FMT_UNKNOWN:
	default: return "unknown";
	}
}

void pc_bio_record_init(pc_bio_record *r)
{
	memset(r, 0, sizeof *r);
}

void pc_bio_record_wipe(pc_bio_record *r)
{
	if (r != NULL)
		pc_wipe(r, sizeof *r);
}

pc_err pc_bio_parse(const uint8_t *in, size_t len, unsigned flags,
		    pc_bio_record *r, size_t *used)
{
	size_t n = 0;
	pc_err err;

	if (r == NULL || (flags & ~(unsigned)PC_BIO_PARSE_LENIENT) != 0 ||
	    (in == NULL && len != 0))
		return PC_ERR_INVALID_ARG;
	pc_bio_record_init(r);
	if (len < 4 || memcmp(in, magic_fmr, 4) != 0)
		return len < 4 && memcmp(in, magic_fmr, len) == 0
			       ? PC_ERR_BIO_TRUNCATED : PC_ERR_BIO_FORMAT;
	if (len < 12)
		return PC_ERR_BIO_TRUNCATED;
	switch (pc_bio_detect(in, len)) {
	case PC_BIO_FMT_ISO_2005:
		err = pc__bio_iso2005_parse(in, len, flags, r, &n);
		break;
	case PC_BIO_FMT_ISO_2011:
		err = pc__bio_iso2011_parse(in, len, flags, r, &n);
		break;
	case PC_BIO_FMT_ANSI_2004:
		err = pc__bio_ansi2004_parse(in, len, flags, r, &n);
		break;
	case PC_BIO_FMT_UNKNOWN:
	default:
		err = PC_ERR_BIO_FORMAT;
		break;
	}
	if (err == PC_OK)
		err = pc__bio_after(in, len, n, flags);
	if (err != PC_OK) {
		pc_bio_record_wipe(r);
		return err;
	}
	if (used != NULL)
		*used = n;
	return PC_OK;
}

pc_err pc__bio_after(const uint8_t *in, size_t len, size_t end,
		     unsigned flags)
{
	size_t i;

	if (flags & PC_BIO_PARSE_LENIENT)
		return PC_OK;
	/* SourceAFIS's ISO test files are zero-padded to 384 bytes past
	 * their length field; anything else after a record is refused. */
	for (i = end; i < len; i++)
		if (in[i] != 0)
			return PC_ERR_BIO_TRAILING;
	return PC_OK;
}

/* ---- minutiae and extended data (shared by all three formats) ---------- */

/* ISO 19794-2:2005 §7.4.1, 2011 §7.5.1, ANSI 378 §6.5.1: type (2 bits) and
 * x (14 bits); reserved (2 bits) and y (14 bits); angle; quality (absent
 * in 2011 five-byte minutiae). */
static pc_err minutia_read(pc_rd *rd, const pc_bio_view *v, pc_bio_minutia *m,
			   unsigned msize, int fmt, unsigned flags,
			   uint32_t *quirks)
{
	uint16_t tx, ry;
	uint8_t a, q = 0;
	pc_err err;

	err = pc__rd_u16be(rd, &tx);
	if (err == PC_OK)
		err = pc__rd_u16be(rd, &ry);
	if (err == PC_OK)
		err = pc__rd_u8(rd, &a);
	if (err == PC_OK && msize == 6)
		err = pc__rd_u8(rd, &q);
	if (err != PC_OK)
		return err;
	m->type = (uint8_t)(tx >> 14);
	m->x = (uint16_t)(tx & 0x3fffu);
	m->reserved = (uint8_t)(ry >> 14);
	m->y = (uint16_t)(ry & 0x3fffu);
	m->angle = a;
	m->quality = q;
	if (m->type == 3 || m->reserved != 0)
		return PC_ERR_BIO_MINUTIA;
	if ((v->width != 0 && m->x >= v->width) ||
	    (v->height != 0 && m->y >= v->height))
		return PC_ERR_BIO_MINUTIA;
	if (fmt == PC_BIO_FMT_ANSI_2004 && a >= 180) {
		if (!(flags & PC_BIO_PARSE_LENIENT))
			return PC_ERR_BIO_MINUTIA;
		*quirks |= PC_BIO_QUIRK_ANSI_ANGLE;
	}
	if (q > 100 && !(fmt == PC_BIO_FMT_ISO_2011 &&
			 q >= PC_BIO_Q2011_NOT_REPORTED))
		return PC_ERR_BIO_MINUTIA;
	return PC_OK;
}

pc_err pc__bio_minutiae_read(pc_rd *rd, struct pc_bio_view *v, size_t n,
			     unsigned msize, int fmt, unsigned flags,
			     uint32_t *quirks)
{
	size_t i;
	pc_err err;

	if (n > PC_BIO_MAX_MINUTIAE)
		return PC_ERR_CAPACITY;
	/* the whole array must be present before any of it is examined, so
	 * that a truncated record reports truncation, not a bad value */
	if (pc__rd_left(rd) / msize < n)
		return PC_ERR_TRUNCATED;
	for (i = 0; i < n; i++) {
		err = minutia_read(rd, v, &v->m[i], msize, fmt, flags,
				   quirks);
		if (err != PC_OK)
			return err;
	}
	v->count = (uint16_t)n;
	return PC_OK;
}

void pc__bio_minutiae_write(pc_wr *w, const struct pc_bio_view *v,
			    unsigned msize)
{
	size_t i;

	for (i = 0; i < v->count; i++) {
		const pc_bio_minutia *m = &v->m[i];

		pc__wr_u16be(w, (uint16_t)((unsigned)m->type << 14 | m->x));
		pc__wr_u16be(w, (uint16_t)((unsigned)m->reserved << 14 | m->y));
		pc__wr_u8(w, m->angle);
		if (msize == 6)
			pc__wr_u8(w, m->quality);
	}
}

/*
 * Do the blocks {type(2), length(2), data} tile p[0..n)? incl: the length
 * counts the 4-byte block header (ANSI 378, ISO 2011, NIST biomdi and
 * libbiomeval for ISO 2005) or not (fingerprintio for ISO 2005). Type 0
 * is reserved in every edition.
 */
static bool ext_tiles(const uint8_t *p, size_t n, bool incl)
{
	size_t pos = 0, blen;

	while (pos < n) {
		if (n - pos < 4 || be16(p + pos) == 0)
			return false;
		blen = be16(p + pos + 2);
		if (incl) {
			if (blen < 4)
				return false;
		} else {
			blen += 4;
		}
		if (blen > n - pos)
			return false;
		pos += blen;
	}
	return true;
}

pc_err pc__bio_ext_read(pc_rd *rd, struct pc_bio_view *v, int fmt,
			unsigned flags, uint32_t *quirks)
{
	uint16_t elen;
	size_t have;
	pc_err err;

	err = pc__rd_u16be(rd, &elen);
	if (err != PC_OK)
		return err;
	have = elen;
	if (have > pc__rd_left(rd)) {
		if (!(flags & PC__BIO_CUT))
			return PC_ERR_TRUNCATED;
		have = pc__rd_left(rd);
		*quirks |= PC_BIO_QUIRK_EXT_CUT;
	}
	if (have > PC_BIO_EXT_MAX)
		return PC_ERR_CAPACITY;
	err = pc__rd_bytes(rd, v->ext, have);
	if (PC_NEVER(err != PC_OK))
		return err;
	v->ext_len = elen;
	v->ext_have = (uint16_t)have;
	if (have < elen || ext_tiles(v->ext, have, true))
		return PC_OK;
	if (fmt == PC_BIO_FMT_ISO_2005 && ext_tiles(v->ext, have, false)) {
		*quirks |= PC_BIO_QUIRK_EXT_EXCL;
		return PC_OK;
	}
	if (!(flags & PC_BIO_PARSE_LENIENT))
		return PC_ERR_BIO_EXT;
	*quirks |= PC_BIO_QUIRK_EXT_LAYOUT;
	return PC_OK;
}

/* ---- writing ------------------------------------------------------------ */

static bool view_writable(const pc_bio_view *v, pc_bio_format f)
{
	size_t i;

	if (v->count > PC_BIO_MAX_MINUTIAE || v->ext_have > PC_BIO_EXT_MAX ||
	    v->ext_have > v->ext_len)
		return false;
	if (f == PC_BIO_FMT_ISO_2011) {
		if ((v->minutia_size != 5 && v->minutia_size != 6) ||
		    v->ending_type > 15 || v->nqblocks > PC_BIO_MAX_QBLOCKS ||
		    v->ncblocks > PC_BIO_MAX_QBLOCKS)
			return false;
	} else if (v->number > 15 || v->impression > 15) {
		return false;
	}
	for (i = 0; i < v->count; i++)
		if (v->m[i].x > 0x3fff || v->m[i].y > 0x3fff ||
		    v->m[i].type > 3 || v->m[i].reserved > 3)
			return false;
	return true;
}

static bool record_writable(const pc_bio_record *r)
{
	size_t i;

	if (r->nviews > PC_BIO_MAX_VIEWS || r->tail_len > PC_BIO_TAIL_MAX)
		return false;
	if (r->format == PC_BIO_FMT_ISO_2011 && r->nviews == 0)
		return false;
	for (i = 0; i < r->nviews; i++)
		if (!view_writable(&r->view[i], r->format))
			return false;
	return true;
}

pc_err pc_bio_write(const pc_bio_record *r, uint8_t *out, size_t cap,
		    size_t *out_len)
{
	pc_wr w;

	if (r == NULL || out_len == NULL || !record_writable(r))
		return PC_ERR_INVALID_ARG;
	pc__wr_init(&w, out, cap);
	switch (r->format) {
	case PC_BIO_FMT_ISO_2005:
		pc__bio_iso2005_write(&w, r);
		break;
	case PC_BIO_FMT_ISO_2011:
		pc__bio_iso2011_write(&w, r);
		break;
	case PC_BIO_FMT_ANSI_2004:
		pc__bio_ansi2004_write(&w, r);
		break;
	case PC_BIO_FMT_UNKNOWN:
	default:
		return PC_ERR_INVALID_ARG;
	}
	/* each writer stores the record's full size in w.len first when the
	 * buffer is too small (see size_only in iso19794_2.c) */
	*out_len = w.len;
	return w.err;
}

void pc_bio_record_normalize(pc_bio_record *r)
{
	size_t i;

	r->quirks = 0;
	r->length = 0;
	pc_wipe(r->tail, sizeof r->tail);
	r->tail_len = 0;
	for (i = 0; i < r->nviews && i < PC_BIO_MAX_VIEWS; i++)
		r->view[i].ext_len = r->view[i].ext_have;
}

bool pc__bio_fits(pc_wr *w, size_t need)
{
	if (need <= w->cap)
		return true;
	w->err = PC_ERR_BUFFER_TOO_SMALL;
	w->len = need;
	return false;
}
