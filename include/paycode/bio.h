/*
 * paycode: biometric user verification (finger minutiae).
 *
 * Four layers, each usable alone:
 *
 *   records    bounded, heap-free readers and writers for ISO/IEC
 *              19794-2:2005, ISO/IEC 19794-2:2011 and ANSI/INCITS 378-2004
 *              finger minutiae records (biometric/iso19794_2.c,
 *              biometric/ansi378.c, biometric/record.c) and NBIS .xyt text
 *              (biometric/xyt.c);
 *   templates  one finger view in explicit units (pixels, px/cm, 1/65536
 *              turn), the input of every matcher;
 *   matcher    a table of function pointers (pc_bio_matcher) so a terminal
 *              can plug in its sensor vendor's matcher, and paycode's
 *              reference minutiae matcher (biometric/matcher.c) whose score
 *              is calibrated to the false-match rate (biometric/calib.c);
 *   policy     the decision gate (biometric/policy.c): threshold by target
 *              FMR, attempt limits and lockout, presentation-attack
 *              detection, template sealing at rest and signed assertions.
 *
 * Payment rule (docs/SECURITY.md, BIO-01): only decisions, calibrated FMR
 * levels, PAD results and assertions leave this module towards the payment
 * core; no function here sends a template anywhere. Plain minutiae
 * templates can be turned back into a usable fingerprint image: treat every
 * pc_bio_record, pc_bio_template and prepared template as a raw biometric
 * and wipe it (the _wipe functions) as soon as it is no longer needed.
 *
 * Contexts are caller-allocated (STYLE §2), hold no pointers into caller
 * memory, and may be copied. Their fields are visible so that firmware can
 * allocate them statically, but they are reserved unless documented.
 * Nothing here allocates. Functions are reentrant (no shared state) unless
 * they say otherwise; none is ISR-safe.
 */
#ifndef PAYCODE_BIO_H
#define PAYCODE_BIO_H

#include "types.h"
#include "err.h"
#include "platform.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ======================================================================
 * Records: ISO/IEC 19794-2:2005 / :2011, ANSI/INCITS 378-2004
 * ====================================================================== */

/** Record formats told apart by pc_bio_detect(). */
typedef enum pc_bio_format {
	PC_BIO_FMT_UNKNOWN = 0,
	PC_BIO_FMT_ISO_2005 = 1,   /* "FMR\0" " 20\0", 24-byte header */
	PC_BIO_FMT_ISO_2011 = 2,   /* "FMR\0" "030\0", 15-byte header */
	PC_BIO_FMT_ANSI_2004 = 3   /* "FMR\0" " 20\0", 26- or 30-byte header */
} pc_bio_format;

/** Minutia types: the two-bit code of the record (ISO and ANSI agree). */
#define PC_BIO_TYPE_OTHER 0u
#define PC_BIO_TYPE_ENDING 1u
#define PC_BIO_TYPE_BIFURCATION 2u

/** Impression types (low nibble of the 2005/ANSI view byte; 2011 byte). */
#define PC_BIO_IMP_LIVE_PLAIN 0u
#define PC_BIO_IMP_LIVE_ROLLED 1u
#define PC_BIO_IMP_NONLIVE_PLAIN 2u
#define PC_BIO_IMP_NONLIVE_ROLLED 3u
#define PC_BIO_IMP_SWIPE 8u

/** ISO 19794-2:2011 minutia quality values with a special meaning. */
#define PC_BIO_Q2011_NOT_REPORTED 254u
#define PC_BIO_Q2011_FAILED 255u

/** Parse flag: accept the deviations seen in published samples (see
 *  pc_bio_parse()) instead of refusing them. */
#define PC_BIO_PARSE_LENIENT 0x01u

/*
 * Quirks: deviations a lenient parse accepted (pc_bio_record.quirks). The
 * writer reproduces them so that a lenient read round-trips byte for byte;
 * pc_bio_record_normalize() removes them.
 */
/** ANSI version field "020\0" instead of " 20\0". */
#define PC_BIO_QUIRK_VERSION 0x01u
/** The record length field is smaller than the data its views need. */
#define PC_BIO_QUIRK_LEN_SHORT 0x02u
/** Bytes between the end of the last view and the record length (kept in
 *  pc_bio_record.tail). */
#define PC_BIO_QUIRK_TAIL 0x04u
/** The last view's extended data area runs past the record's end and was
 *  cut there (its length field is kept as read). */
#define PC_BIO_QUIRK_EXT_CUT 0x08u
/** An extended data area whose blocks do not tile it. */
#define PC_BIO_QUIRK_EXT_LAYOUT 0x10u
/** ISO 2005 extended data block lengths that exclude the 4-byte block
 *  header (fingerprintio's reading of the standard). Accepted in strict
 *  mode too: the standard's two readings are both in use. */
#define PC_BIO_QUIRK_EXT_EXCL 0x20u

/** ANSI angle codes of 180 or more (fingerprintio's ANSI sample copies
 *  ISO codes); templates take them modulo 360 degrees. */
#define PC_BIO_QUIRK_ANSI_ANGLE 0x40u

/** One minutia as stored in a record (raw codes, for exact round trips). */
typedef struct pc_bio_minutia {
	uint16_t x;       /* pixels from the left edge (14 bits) */
	uint16_t y;       /* pixels from the top edge (14 bits) */
	uint8_t type;     /* PC_BIO_TYPE_* (two bits; 3 is refused) */
	uint8_t angle;    /* raw: ISO 360/256 = 1.40625 degree units, ANSI 2
			     degree units (0..179); counter-clockwise from
			     the horizontal, as seen with y growing down */
	uint8_t quality;  /* raw: 0..100 (2005/ANSI: 0 = not reported;
			     2011: also 254 not reported, 255 failed) */
	uint8_t reserved; /* the two bits above y, as read (0 when valid) */
} pc_bio_minutia;

/** ISO 2011 quality block. */
typedef struct pc_bio_qblock {
	uint8_t score;       /* 0..100, 255 = failed */
	uint16_t vendor;     /* quality algorithm vendor (IBIA) */
	uint16_t algorithm;  /* vendor's algorithm ID */
} pc_bio_qblock;

/** ISO 2011 certification block. */
typedef struct pc_bio_cblock {
	uint16_t authority;
	uint8_t scheme;
} pc_bio_cblock;

/**
 * One finger view (2005/ANSI) or representation (2011). Resolution and
 * size are per view; for 2005/ANSI records they are copies of the record
 * header. Extended data is kept as opaque bytes (never interpreted beyond
 * checking its block layout), so the writer can reproduce it.
 */
typedef struct pc_bio_view {
	uint8_t position;    /* finger position 0..10 (0 unknown) */
	uint8_t number;      /* view number (2005/ANSI high nibble; 2011
				representation number) */
	uint8_t impression;  /* PC_BIO_IMP_* */
	uint8_t quality;     /* 2005/ANSI finger quality 0..100 */
	uint16_t width, height;  /* pixels */
	uint16_t xres, yres;     /* px/cm */
	/* ISO 2011 only */
	uint8_t datetime[9];     /* year(2) month day hour min sec ms(2) */
	uint8_t technology;
	uint16_t vendor;
	uint16_t device_type;
	uint8_t nqblocks;
	uint8_t ncblocks;
	pc_bio_qblock qblock[PC_BIO_MAX_QBLOCKS];
	pc_bio_cblock cblock[PC_BIO_MAX_QBLOCKS];
	uint8_t minutia_size;    /* 5 or 6 (2005/ANSI: 6) */
	uint8_t ending_type;     /* low nibble of the 2011 size byte */
	/* all formats */
	uint16_t count;          /* minutiae */
	uint16_t ext_len;        /* extended data length field, as read */
	uint16_t ext_have;       /* bytes of it held in ext (< ext_len only
				    with PC_BIO_QUIRK_EXT_CUT) */
	uint8_t ext[PC_BIO_EXT_MAX];
	pc_bio_minutia m[PC_BIO_MAX_MINUTIAE];
} pc_bio_view;

/**
 * A whole record. About (PC_BIO_EXT_MAX + 8 * PC_BIO_MAX_MINUTIAE + 60) *
 * PC_BIO_MAX_VIEWS bytes (13 KB with the defaults): allocate statically or
 * in a context, not on a small stack.
 */
typedef struct pc_bio_record {
	pc_bio_format format;
	uint32_t quirks;         /* PC_BIO_QUIRK_* accepted by a lenient parse */
	uint32_t length;         /* record length field as read (or to write) */
	uint8_t long_length;     /* ANSI: 6-byte length form (header 30 bytes) */
	uint16_t cbeff_owner;    /* ANSI: CBEFF product identifier owner */
	uint16_t cbeff_type;     /* ANSI: CBEFF product identifier type */
	uint16_t equipment;      /* 2005/ANSI: compliance (4 bits) | ID (12) */
	uint16_t width, height;  /* 2005/ANSI header: pixels */
	uint16_t xres, yres;     /* 2005/ANSI header: px/cm */
	uint8_t reserved;        /* 2005/ANSI: byte after the view count */
	uint8_t certified;       /* 2011: certification flag */
	uint8_t nviews;
	uint8_t tail_len;        /* PC_BIO_QUIRK_TAIL bytes */
	uint8_t tail[PC_BIO_TAIL_MAX];
	pc_bio_view view[PC_BIO_MAX_VIEWS];
} pc_bio_record;

/**
 * Tell the record format of a byte string from its first bytes, the way
 * robertvazan/fingerprintio does (biometrics reference §2.1): "FMR\0" then
 * "030\0" is ISO 2011; "FMR\0" " 20\0" (or "020\0") is ANSI 2004 when the
 * 16-bit word at offset 8 is >= 26, ISO 2005 when it is 1..25, and, when it
 * is 0, ISO 2005 if the next word is >= 24 (an ISO length under 64 KiB),
 * ANSI 2004 with a 6-byte length otherwise.
 *
 * @param in   len readable bytes (NULL allowed when len is 0).
 * @return the format, or PC_BIO_FMT_UNKNOWN (fewer than 12 bytes, another
 *         magic or version, e.g. ANSI 378-2009 "030"/"035" whose header
 *         does not read as an ISO 2011 one).
 * Thread-safe. Not constant-time (looks at public structure only).
 */
pc_bio_format pc_bio_detect(const uint8_t *in, size_t len);

/** Name of a format: "ISO-19794-2:2005", "ISO-19794-2:2011",
 *  "ANSI-378-2004" or "unknown". Never NULL. */
const char *pc_bio_format_name(pc_bio_format f);

/** Zero a record (the empty state). @param r  not NULL. */
void pc_bio_record_init(pc_bio_record *r);

/** Zeroise a record (it holds a raw biometric). Accepts NULL. */
void pc_bio_record_wipe(pc_bio_record *r);

/**
 * Parse one finger minutiae record of any supported format (detected with
 * pc_bio_detect()). The record ends at its length field; bytes after it
 * are not read except to check them (strict: they must be zero padding,
 * as in SourceAFIS's test files, else PC_ERR_BIO_TRAILING).
 *
 * Strict mode follows the standards. PC_BIO_PARSE_LENIENT also accepts,
 * and records in r->quirks: ANSI version "020\0"; a length field smaller
 * than the views need when the input holds them; bytes between the last
 * view and the length (up to PC_BIO_TAIL_MAX); a last extended data area
 * cut by the record's end; extended data whose blocks do not tile it; ANSI
 * angle codes >= 180; a non-zero reserved header byte; any bytes after the
 * record.
 *
 * Checks (both modes): magic and version; length field >= header and <=
 * len; 1.. views (2005/ANSI may have 0), each of them within the record;
 * (position, view number) unique; resolution non-zero; impression code
 * known; minutia type not 3; x < width and y < height when the size is
 * known (non-zero); ANSI angle < 180; quality <= 100 (2011: or 254/255);
 * ISO 2011 minutia size 5 or 6.
 *
 * @param in     len readable bytes (untrusted). Never read at or past len.
 * @param flags  0 or PC_BIO_PARSE_LENIENT.
 * @param r      out: the record; on failure it is wiped. Not NULL.
 * @param used   out (optional): bytes the record occupies (its length
 *               field, or more with PC_BIO_QUIRK_LEN_SHORT).
 * @return PC_OK;
 *   PC_ERR_INVALID_ARG (r NULL, unknown flag);
 *   PC_ERR_BIO_FORMAT (not a supported record: magic, version);
 *   PC_ERR_BIO_TRUNCATED (the input is shorter than the record length
 *     field, or than the fixed header);
 *   PC_ERR_BIO_LENGTH (length field smaller than the header, or the views
 *     need more bytes than it says);
 *   PC_ERR_BIO_HEADER (header field out of range: resolution 0, reserved
 *     byte, 2011 representation count 0 or certification flag > 1);
 *   PC_ERR_BIO_VIEW (view/representation field out of range, or a
 *     representation length that disagrees with its content);
 *   PC_ERR_BIO_MINUTIA (minutia field out of range);
 *   PC_ERR_BIO_EXT (extended data blocks do not tile their area);
 *   PC_ERR_BIO_TRAILING (data after the last view, or non-zero bytes
 *     after the record);
 *   PC_ERR_CAPACITY (more than PC_BIO_MAX_VIEWS views, PC_BIO_MAX_MINUTIAE
 *     minutiae in a view, PC_BIO_EXT_MAX extended data bytes in a view or
 *     PC_BIO_MAX_QBLOCKS quality/certification blocks).
 * Thread-safe. Not constant-time (record structure is public; minutiae
 * values are copied, never branched on except for range checks).
 */
PC_MUST_CHECK pc_err pc_bio_parse(const uint8_t *in, size_t len,
				  unsigned flags, pc_bio_record *r,
				  size_t *used);

/**
 * Write a record in its r->format, reproducing every field as held: the
 * length field is r->length when non-zero (so lenient reads round-trip),
 * else the computed length. With out NULL or cap too small, nothing is
 * written, *out_len gets the size needed and PC_ERR_BUFFER_TOO_SMALL is
 * returned (a size query).
 *
 * @param r        a parsed or filled record; not NULL.
 * @param out      cap writable bytes, or NULL for a size query.
 * @param out_len  out: bytes written (or needed). Not NULL.
 * @return PC_OK, PC_ERR_INVALID_ARG (NULL, unknown format, counts above
 *         the configured maxima, a field that does not fit its bits),
 *         PC_ERR_BUFFER_TOO_SMALL.
 * Thread-safe.
 */
PC_MUST_CHECK pc_err pc_bio_write(const pc_bio_record *r, uint8_t *out,
				  size_t cap, size_t *out_len);

/**
 * Remove the quirks of a lenient parse: standard version, tail dropped,
 * extended data length fields set to the bytes held, length field 0
 * (computed on write). Minutiae are untouched.
 * @param r  not NULL.
 */
void pc_bio_record_normalize(pc_bio_record *r);

/* ======================================================================
 * Templates: one view in explicit units
 * ====================================================================== */

/** Angle unit of pc_bio_point.angle: one turn. */
#define PC_BIO_TURN 65536u

/** One minutia in explicit units. */
typedef struct pc_bio_point {
	int16_t x, y;       /* pixels; origin top-left, y grows down */
	uint16_t angle;     /* direction in 1/65536 turn, counter-clockwise
			       from +x as seen on the image (y down) */
	uint8_t type;       /* PC_BIO_TYPE_* */
	uint8_t quality;    /* 1..100, 0 = not reported */
} pc_bio_point;

/** One finger view, as every matcher takes it. */
typedef struct pc_bio_template {
	uint16_t width, height;  /* capture size in pixels (0 = unknown) */
	uint16_t xres, yres;     /* px/cm (0 = unknown: 197, 500 ppi, assumed) */
	uint8_t position;        /* finger position (0 unknown) */
	uint8_t quality;         /* finger quality 0..100 (0 unknown) */
	uint16_t count;
	pc_bio_point pt[PC_BIO_MAX_MINUTIAE];
} pc_bio_template;

/** Zeroise a template. Accepts NULL. */
void pc_bio_template_wipe(pc_bio_template *t);

/**
 * Extract view `index` of a record into a template: ISO angles * 256, ANSI
 * angles * 2 degrees (exact in 1/65536 turn), 2011 qualities 254/255
 * mapped to 0 (not reported).
 * @return PC_OK, PC_ERR_INVALID_ARG (NULL, unknown format),
 *         PC_ERR_NOT_FOUND (index >= r->nviews).
 */
PC_MUST_CHECK pc_err pc_bio_template_from_record(const pc_bio_record *r,
						 size_t index,
						 pc_bio_template *t);

/**
 * Fill a one-view record of `format` from a template (the inverse of
 * pc_bio_template_from_record(); angles are rounded to the format's unit,
 * coordinates must be 0..16383 and inside width x height when those are
 * known, types 0..2, qualities 0..100). Header fields: equipment 0, CBEFF owner
 * and type 0 (ANSI), 2011 capture time unknown (all 0xFF), 6-byte minutiae
 * with quality (0 mapped to 254 "not reported" in 2011).
 * @return PC_OK, PC_ERR_INVALID_ARG (NULL, format, coordinates, count).
 */
PC_MUST_CHECK pc_err pc_bio_record_from_template(const pc_bio_template *t,
						 pc_bio_format format,
						 pc_bio_record *r);

/* ---- NBIS .xyt text (biometric/xyt.c) --------------------------------- */

/** .xyt coordinate conventions (bozorth3 reference §1.1). */
typedef enum pc_bio_xyt_conv {
	/* ANSI/INCITS 378 ("-m1"): origin top-left, y down; theta in degrees
	 * counter-clockwise as seen on the image. Maps 1:1 to templates. */
	PC_BIO_XYT_M1 = 0,
	/* NIST internal (mindtct default): origin bottom-left, y up. Read as
	 * y' = maxY - y over the file (a mirror plus a translation, which
	 * matching ignores); written back with the same maxY. */
	PC_BIO_XYT_NIST = 1
} pc_bio_xyt_conv;

/**
 * Parse NBIS .xyt text: one minutia per line, "x y theta [quality]",
 * integers separated by spaces or tabs, lines ended by LF or CR LF, the
 * last line end optional; empty lines are skipped. theta is in degrees,
 * -180..360 (folded into one turn); quality 0..100; x, y 0..16383.
 * Type is PC_BIO_TYPE_OTHER (.xyt does not carry it). Size, resolution and
 * position are 0 (unknown).
 *
 * @param text  len readable bytes (untrusted; need not be NUL-terminated).
 * @param t     out: the template; wiped on failure.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_BIO_XYT (syntax or range, with
 *         no partial result), PC_ERR_CAPACITY (more than
 *         PC_BIO_MAX_MINUTIAE lines; bozorth3 itself allows 1000 and keeps
 *         the best 150 by quality).
 */
PC_MUST_CHECK pc_err pc_bio_xyt_parse(const char *text, size_t len,
				      pc_bio_xyt_conv conv,
				      pc_bio_template *t);

/**
 * Write a template as .xyt text, "x y theta quality\n" per minutia with
 * theta rounded to whole degrees 0..359. Text produced by this function
 * (and any .xyt in that canonical form) parses back and writes again byte
 * for byte. Size query as pc_bio_write().
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_BUFFER_TOO_SMALL.
 */
PC_MUST_CHECK pc_err pc_bio_xyt_write(const pc_bio_template *t,
				      pc_bio_xyt_conv conv, char *out,
				      size_t cap, size_t *out_len);

/* ======================================================================
 * Matching
 * ====================================================================== */

/**
 * Calibrated scores: score = -10 * log10(FMR) in hundredths, so 4000 is the
 * threshold at which one impostor comparison in 10,000 is expected to
 * score as high (FMR 1e-4), 3000 is FMR 1e-3, and so on (the SourceAFIS
 * and Innovatrics convention, biometrics reference §1.2). How paycode's
 * table was estimated, and its limits: docs/BIOMETRICS.md.
 */
#define PC_BIO_SCORE_SCALE 100u

/** The calibrated score (hundredths) of a target FMR 10^-k: 1000 * k. */
#define PC_BIO_SCORE_FOR_FMR_EXP(k) (1000u * (uint32_t)(k))

/** Neighbours kept per minutia in a prepared template. */
#define PC_BIO_NBR 8u

/** Cells per side of a prepared template's search grid. */
#define PC_BIO_GRID 16u

/** Cells per side of a prepared template's occupancy map. */
#define PC_BIO_OCC 32u

/**
 * A template prepared for the reference matcher: coordinates at 500 ppi in
 * a y-up frame, angles in 1/256 turn, and per minutia a rotation- and
 * translation-invariant description of its PC_BIO_NBR nearest neighbours.
 * Prepare each template once and compare it many times (1:N, enrolment
 * galleries). Fields reserved; no pointers (copyable). A raw biometric:
 * wipe it after use.
 */
typedef struct pc_bio_prepared {
	uint32_t magic;
	uint16_t n;
	uint16_t reserved;
	int16_t gx0, gy0;              /* grid origin */
	uint8_t gshift, gw, gh;        /* cell size 1 << gshift, cells */
	uint8_t cstart[PC_BIO_GRID * PC_BIO_GRID + 1];
	int16_t ox0, oy0;              /* occupancy map origin */
	uint8_t oshift, ow, oh;        /* its cell size 1 << oshift, cells */
	uint16_t occ[PC_BIO_OCC * PC_BIO_OCC]; /* direction sectors near */
	int16_t x[PC_BIO_MATCH_MAX];   /* sorted by grid cell */
	int16_t y[PC_BIO_MATCH_MAX];
	uint8_t a[PC_BIO_MATCH_MAX];
	uint8_t type[PC_BIO_MATCH_MAX];
	uint8_t nn[PC_BIO_MATCH_MAX];
	uint8_t nd[PC_BIO_MATCH_MAX][PC_BIO_NBR];
	uint8_t nphi[PC_BIO_MATCH_MAX][PC_BIO_NBR];
	uint8_t npsi[PC_BIO_MATCH_MAX][PC_BIO_NBR];
	uint64_t mphi[PC_BIO_MATCH_MAX];   /* neighbourhood occupancy masks */
	uint64_t mpsi[PC_BIO_MATCH_MAX];
	uint64_t dphi[PC_BIO_MATCH_MAX];   /* ... widened by the tolerances */
	uint64_t dpsi[PC_BIO_MATCH_MAX];
} pc_bio_prepared;

/** What a comparison found (for diagnostics, evaluation and tests). */
typedef struct pc_bio_match_detail {
	uint32_t raw;          /* uncalibrated score */
	uint16_t matched;      /* minutiae paired under the best alignment */
	uint16_t overlap_probe;/* probe minutiae inside the common area */
	uint16_t overlap_ref;  /* reference minutiae inside the common area */
	uint8_t rotation;      /* ref-to-probe rotation, 1/256 turn */
	uint8_t reserved;
	int16_t dx, dy;        /* translation of the seed pair, pixels */
	uint32_t support;      /* neighbourhood agreement of the pairs */
} pc_bio_match_detail;

/**
 * Prepare a template for the reference matcher. Coordinates are scaled to
 * 197 px/cm from the template's resolution (0: 197 assumed) separately in
 * x and y; when the view has more than PC_BIO_MATCH_MAX minutiae the best
 * by quality are kept (ties: the first).
 *
 * @param t  the template; not retained. Not NULL.
 * @param p  out: the prepared template (wiped on failure). Not NULL.
 * @return PC_OK, PC_ERR_INVALID_ARG (NULL, a resolution above 4000 px/cm,
 *         coordinates that do not fit after scaling).
 * Thread-safe; deterministic (integer arithmetic only). Stack: about
 * 2 KB with PC_BIO_MATCH_MAX 128.
 */
PC_MUST_CHECK pc_err pc_bio_prepare(const pc_bio_template *t,
				    pc_bio_prepared *p);

/** Zeroise a prepared template. Accepts NULL. */
void pc_bio_prepared_wipe(pc_bio_prepared *p);

/**
 * Compare two prepared templates with the reference matcher: local
 * neighbourhood similarity proposes alignments (rotation of any angle,
 * any translation), each alignment pairs minutiae globally with
 * tolerances that grow with the distance from its seed (elastic and
 * anisotropic distortion), and the best pairing gives the raw score, which
 * is then mapped to a calibrated score (PC_BIO_SCORE_SCALE).
 *
 * Templates with fewer than 3 minutiae score 0 (nothing to compare).
 *
 * @param probe, ref  prepared templates; not NULL.
 * @param score       out: calibrated score, 0 .. 10000 (FMR 1e-100 is
 *                    beyond any claim: scores saturate at 10000).
 * @param detail      out (optional): what the comparison found.
 * @return PC_OK, PC_ERR_INVALID_ARG (NULL, or not prepared).
 * Thread-safe (no shared state), deterministic, no heap. Stack: about
 * 8 KB with PC_BIO_MATCH_MAX 128 (candidate lists scale with it; not yet
 * measured by tests/stack). Not constant-time: run time depends on the minutiae (which the
 * device holds; it reveals no more than the score).
 */
PC_MUST_CHECK pc_err pc_bio_compare(const pc_bio_prepared *probe,
				    const pc_bio_prepared *ref,
				    uint32_t *score,
				    pc_bio_match_detail *detail);

/* ---- pluggable matchers ------------------------------------------------- */

/** Version of pc_bio_matcher this header describes. */
#define PC_BIO_MATCHER_VERSION 1u

/**
 * A matcher, as a table of functions, so that a terminal can plug in its
 * sensor vendor's matcher behind the same policy (pc_bio_policy_*). The
 * table and ctx must outlive every use. Both functions must be
 * thread-safe when the table is shared between threads.
 */
typedef struct pc_bio_matcher {
	uint32_t version;       /* PC_BIO_MATCHER_VERSION */
	const char *name;       /* e.g. "paycode-ref-1"; not NULL */
	void *ctx;              /* passed back unchanged */
	size_t prepared_size;   /* bytes of one prepared template */
	/**
	 * Prepare template t into out[0..cap) (cap >= prepared_size).
	 * Errors: PC_ERR_INVALID_ARG, PC_ERR_BUFFER_TOO_SMALL, or the
	 * matcher's own (e.g. PC_ERR_BIO_FEW_MINUTIAE).
	 */
	pc_err (*prepare)(void *ctx, const pc_bio_template *t, void *out,
			  size_t cap);
	/**
	 * Compare two prepared templates: *score is calibrated like
	 * pc_bio_compare()'s (-10 log10 FMR, hundredths), which is what
	 * the policy's thresholds mean. A vendor matcher maps its own
	 * scale onto it with its own calibration.
	 */
	pc_err (*compare)(void *ctx, const void *probe, const void *ref,
			  uint32_t *score);
} pc_bio_matcher;

/**
 * paycode's reference matcher as a table: prepared_size is
 * sizeof(pc_bio_prepared), prepare is pc_bio_prepare() and compare is
 * pc_bio_compare(). A static constant table; never NULL.
 */
const pc_bio_matcher *pc_bio_matcher_reference(void);


/* ======================================================================
 * Presentation-attack detection result (shared by the policy, the signed
 * assertions and the consumer-code flags)
 * ====================================================================== */

/**
 * What the sensor's presentation-attack detection (ISO/IEC 30107) said
 * about the presentation that was compared. The values are carried in
 * signed assertions (docs/SPEC.md §6) and are part of the ABI.
 */
typedef enum pc_bio_pad {
	PC_BIO_PAD_NONE = 0,   /* no PAD performed or result unknown */
	PC_BIO_PAD_PASS = 1,   /* judged a bona fide presentation */
	PC_BIO_PAD_FAIL = 2    /* judged an attack presentation */
} pc_bio_pad;

/* ======================================================================
 * Synthetic minutiae (biometric/synth.c)
 * ====================================================================== */

/**
 * Parameters of the seeded synthetic minutiae generator, for evaluation
 * without tuning to one database (docs/BIOMETRICS.md, "Synthetic set").
 * A master finger is an orientation field (Sherlock-Monro zero-pole
 * model: arch, loop or whorl, singular points drawn at random) with
 * minutiae placed at a minimum spacing and directed along the field (either
 * sense). An impression of it applies, in order: a smooth non-linear
 * (plastic) distortion, a rotation about the centre and a translation,
 * position and direction jitter, type flips, dropped minutiae, spurious
 * minutiae (along the field), and a crop to the sensor window.
 * pc_bio_synth_default() gives the documented defaults, the upper ends of
 * the literature ranges of the biometrics reference §10; angles are in
 * degrees, distances in pixels at 500 ppi, rates in percent.
 */
typedef struct pc_bio_synth {
	uint64_t seed;
	uint16_t width, height;     /* master finger area (default 360 x 480) */
	uint16_t sensor_w, sensor_h;/* sensor window (default 300 x 400) */
	uint16_t min_minutiae;      /* master minutiae, drawn uniformly in */
	uint16_t max_minutiae;      /* [min, max] (default 35 .. 70) */
	uint16_t spacing;           /* minimum master spacing (default 14) */
	uint16_t rotation;          /* max |rotation| (default 30) */
	uint16_t translation;       /* max |shift| per axis (default 40) */
	uint16_t plastic;           /* max plastic displacement (default 16) */
	uint16_t jitter_xy;         /* position sigma, tenths of px (40) */
	uint16_t jitter_angle;      /* direction sigma, degrees (10) */
	uint8_t drop;               /* dropped minutiae, % (30) */
	uint8_t spurious;           /* spurious minutiae, % of kept (15) */
	uint8_t type_flip;          /* ending <-> bifurcation, % (10) */
} pc_bio_synth;

/** Fill p with the defaults above and the given seed. */
void pc_bio_synth_default(pc_bio_synth *p, uint64_t seed);

/**
 * Impression `impression` of synthetic finger `finger`: a deterministic
 * function of (p, finger, impression) on every platform (integer
 * arithmetic; a SplitMix64 stream per finger and per impression).
 * Impression 0 is taken like the others (there is no distortion-free
 * master impression). The template is 197 px/cm, sensor_w x sensor_h,
 * qualities 0 (like the FVC-derived set).
 * @return PC_OK, PC_ERR_INVALID_ARG (NULL, sizes 0 or above 4000, min >
 *         max or max > PC_BIO_MAX_MINUTIAE, rates above 100).
 * Thread-safe.
 */
PC_MUST_CHECK pc_err pc_bio_synth_impression(const pc_bio_synth *p,
					     uint32_t finger,
					     uint32_t impression,
					     pc_bio_template *t);

/* ======================================================================
 * Templates at rest: sealed, device-bound blobs (biometric/seal.c)
 * ====================================================================== */

/*
 * An enrolment (1..PC_BIO_SEAL_MAX_SAMPLES finger views of one user) is
 * stored only as a sealed blob: AES-256-GCM under a key derived from the
 * port's key_derive hook (platform.h), so the blob is encrypted,
 * authenticated, bound to its header (format version, suite, sealing key
 * id, template ID, creation time, IV) and bound to the device: the sealing
 * key never leaves the key store, and a blob copied to another device, or
 * kept after its sealing key is destroyed, does not open. Byte layout, key
 * derivation and errors: docs/SPEC.md §6.3.
 *
 * BIO-01: the library never exports a raw or sealed template through any
 * other API. Sealed blobs go only where the caller stores them (its own
 * storage), and pc_bio_unseal() returns the templates only to the caller on
 * the device, for matching; no payment, assertion or evidence object ever
 * carries either form.
 *
 * Rollback: the blob carries the caller's template ID and pc_bio_unseal()
 * refuses any other. Give every enrolment a fresh ID (e.g. a counter kept
 * in the key store or monotonic storage) and pass the current one, and an
 * older blob put back in storage is refused (PC_ERR_BIO_SEAL_ID).
 *
 * Memory: keys, the plaintext serialization and template copies are wiped
 * on every path; the caller wipes the templates it gets back
 * (pc_bio_template_wipe()) once matched.
 */

/** Sealed-template format version (SPEC §6.3). */
#define PC_BIO_SEAL_VERSION 1u
/** Suite 1: AES-256-GCM with an HKDF-SHA-256 key (SPEC §6.3). */
#define PC_BIO_SEAL_SUITE_AES256GCM 1u
/** Header bytes (the AAD), IV included. */
#define PC_BIO_SEAL_HDR_LEN 46u
/** Header plus tag: a blob is this plus its payload. */
#define PC_BIO_SEAL_OVERHEAD (PC_BIO_SEAL_HDR_LEN + 16u)
/** Serialized bytes of one view: 12-byte view header, 8 per minutia. */
#define PC_BIO_SEAL_SAMPLE_LEN(count) (12u + 8u * (size_t)(count))
/** Longest blob this build writes (and can open). */
#define PC_BIO_SEALED_MAX_LEN                                                \
	(PC_BIO_SEAL_OVERHEAD +                                              \
	 (size_t)PC_BIO_SEAL_MAX_SAMPLES *                                   \
		 PC_BIO_SEAL_SAMPLE_LEN(PC_BIO_MAX_MINUTIAE))

/** PC_BIO_SEALED_MAX_LEN, for bindings. Thread-safe, ISR-safe. */
size_t pc_bio_sealed_max_len(void);

/** A sealed blob's header: public metadata only (never minutiae). */
typedef struct pc_bio_sealed_info {
	uint8_t version;        /* PC_BIO_SEAL_VERSION */
	uint8_t suite;          /* PC_BIO_SEAL_SUITE_AES256GCM */
	uint16_t samples;       /* views sealed */
	uint32_t key_id;        /* the key store's sealing key */
	uint64_t template_id;   /* the caller's enrolment ID */
	pc_time created;        /* Unix seconds at sealing, 0 if unknown */
	uint32_t payload_len;   /* ciphertext bytes */
} pc_bio_sealed_info;

/**
 * Seal an enrolment: serialize the views (SPEC §6.3), draw a 96-bit IV
 * from the platform rng, derive the key from key_derive(key_id,
 * "paycode/v1/bio-seal") and encrypt. With out NULL or cap too small,
 * nothing is written, *out_len gets the exact size and
 * PC_ERR_BUFFER_TOO_SMALL is returned (a size query; it calls no hook).
 *
 * @param plat         a platform (version >= 2) with rng, time_now and
 *                     key_derive; not retained.
 * @param key_id       the key store's sealing key (created on first use
 *                     by ports that create keys).
 * @param template_id  the caller's ID for this enrolment (authenticated;
 *                     see "Rollback" above).
 * @param samples      n views; not retained. Each: count <=
 *                     PC_BIO_MAX_MINUTIAE, types 0..2, qualities 0..100.
 * @param n            1..PC_BIO_SEAL_MAX_SAMPLES.
 * @param out          cap writable bytes, or NULL for a size query. Must
 *                     not overlap samples.
 * @param out_len      out: bytes written (or needed). Not NULL.
 * @return PC_OK; PC_ERR_INVALID_ARG (NULL, n 0, a view out of range);
 *   PC_ERR_CAPACITY (n > PC_BIO_SEAL_MAX_SAMPLES);
 *   PC_ERR_BUFFER_TOO_SMALL; PC_ERR_UNSUPPORTED (no key_derive hook or a
 *   version 1 table); PC_ERR_NOT_FOUND (the port holds no such key and
 *   cannot create it); PC_ERR_RNG; PC_ERR_KEYSTORE; PC_ERR_CRYPTO.
 *   Argument errors and PC_ERR_BUFFER_TOO_SMALL write nothing; after any
 *   later failure out[0..cap) is zeroised and *out_len is 0 (never a
 *   partial blob).
 * Thread-safe when the port's hooks are. Not constant-time in the number
 * of views and minutiae (public sizes); constant-time in their values as
 * far as AES-GCM is (crypto.h).
 */
PC_MUST_CHECK pc_err pc_bio_seal(const pc_platform *plat, uint32_t key_id,
				 uint64_t template_id,
				 const pc_bio_template *samples, size_t n,
				 uint8_t *out, size_t cap, size_t *out_len);

/**
 * Read a sealed blob's header without any key: for listing, rotation
 * (which key_id) and diagnostics. Structure checks as pc_bio_unseal(); the
 * values are NOT authenticated until the blob is opened.
 *
 * @param in    len bytes (untrusted). @param info  out; zeroed on failure.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_BIO_SEALED.
 * Thread-safe, reads public data only.
 */
PC_MUST_CHECK pc_err pc_bio_sealed_peek(const uint8_t *in, size_t len,
					pc_bio_sealed_info *info);

/**
 * Open a sealed blob made on this device: check its structure, that it is
 * for expect_template_id, derive its key and verify its tag (constant-time
 * comparison) before any byte of the plaintext is parsed.
 *
 * @param plat                as pc_bio_seal().
 * @param in                  len bytes (untrusted; e.g. read from
 *                            storage). Must not overlap samples.
 * @param expect_template_id  the enrolment the caller expects.
 * @param samples             out: cap_samples views; on failure all
 *                            cap_samples are zeroised (the array also
 *                            serves as the decryption buffer).
 * @param cap_samples         views the array holds.
 * @param n                   out: views written (on PC_ERR_BUFFER_TOO_SMALL
 *                            the views needed; else 0 on failure).
 * @return PC_OK; PC_ERR_INVALID_ARG (NULL, or cap_samples so large that
 *   the array's size overflows); PC_ERR_BIO_SEALED (magic,
 *   version, suite, reserved bits, counts or lengths wrong, truncated or
 *   extended; or a payload that authenticates but does not parse);
 *   PC_ERR_BIO_SEAL_ID (another template ID: substitution or rollback);
 *   PC_ERR_BUFFER_TOO_SMALL (cap_samples < the views sealed);
 *   PC_ERR_CAPACITY (a view holds more than PC_BIO_MAX_MINUTIAE
 *   minutiae: sealed by a build with a larger setting);
 *   PC_ERR_VERIFY (tag mismatch: tampered, another device, or the sealing
 *   key was replaced); PC_ERR_UNSUPPORTED, PC_ERR_NOT_FOUND,
 *   PC_ERR_RNG, PC_ERR_KEYSTORE (from key_derive); PC_ERR_CRYPTO.
 * Thread-safe when the port's hooks are. Stack: about
 * sizeof(pc_bio_template) (2 KB) plus the backend's.
 */
PC_MUST_CHECK pc_err pc_bio_unseal(const pc_platform *plat,
				   const uint8_t *in, size_t len,
				   uint64_t expect_template_id,
				   pc_bio_template *samples,
				   size_t cap_samples, size_t *n);

/**
 * Re-seal a blob under another sealing key (key rotation): open `in` as
 * pc_bio_unseal() does, then seal the same views, template ID and
 * creation time under new_key_id with a fresh IV, into out. The plaintext
 * lives only in out during the call (no template copies). new_key_id may
 * equal the old one (a fresh IV only).
 *
 * @param out      cap >= len writable bytes (the blob keeps its length);
 *                 must not overlap in. Errors found in the header
 *                 (argument, PC_ERR_BIO_SEALED, PC_ERR_BIO_SEAL_ID) and
 *                 PC_ERR_BUFFER_TOO_SMALL write nothing; after any later
 *                 failure out[0..cap) is zeroised.
 * @param out_len  out: bytes written (len; on PC_ERR_BUFFER_TOO_SMALL the
 *                 bytes needed; else 0 on failure). Not NULL.
 * @return as pc_bio_unseal() and pc_bio_seal(); PC_ERR_BUFFER_TOO_SMALL
 *   when cap < len.
 * Thread-safe when the port's hooks are.
 */
PC_MUST_CHECK pc_err pc_bio_reseal(const pc_platform *plat,
				   const uint8_t *in, size_t len,
				   uint64_t expect_template_id,
				   uint32_t new_key_id, uint8_t *out,
				   size_t cap, size_t *out_len);

/* ======================================================================
 * Decision policy (biometric/policy.c, biometric/gate.c; docs/SPEC.md §6.2)
 * ====================================================================== */

/** What a biometric decision is for. */
typedef enum pc_bio_purpose {
	PC_BIO_PURPOSE_PAYMENT = 1,     /* authorise a payment (BIO-05) */
	PC_BIO_PURPOSE_UNLOCK = 2,      /* unlock the wallet's screens */
	PC_BIO_PURPOSE_REMOTE_AUTH = 3  /* answer a remote login challenge */
} pc_bio_purpose;

/** The lowest threshold a payment policy may use without allow_weak:
 *  FMR 1e-4 (biometrics reference §5). */
#define PC_BIO_PAYMENT_MIN_SCORE PC_BIO_SCORE_FOR_FMR_EXP(4)
/** A stricter payment threshold: FMR 2e-5 (Android CDD Class 1 FAR
 *  0.002 %), -10 log10(2e-5) = 46.99, rounded up. */
#define PC_BIO_PAYMENT_PREFERRED_SCORE 4700u
/** Most samples a gallery may hold in one decision. */
#define PC_BIO_GALLERY_MAX 32u
/** pc_bio_decision.locked_until / pc_bio_state.locked_until of a lock
 *  that only a strong factor lifts (pc_bio_gate_reset()). */
#define PC_BIO_LOCKED_HARD ((pc_time)-1)
/** Length of the persisted attempt-state record (SPEC §6.2.4). */
#define PC_BIO_STATE_LEN 32u
/** The FIDO attempt window: the first 12.8 days, in seconds. */
#define PC_BIO_FIDO_WINDOW 1105920u

/**
 * A decision policy. Fill it with pc_bio_policy_default() and change
 * fields as needed; pc_bio_policy_check() says whether the result is
 * allowed. Every field is documented (not reserved).
 */
typedef struct pc_bio_policy {
	pc_bio_purpose purpose;
	/** Calibrated score (hundredths of -10 log10 FMR) a one-sample
	 *  decision needs: the FMR class a match proves. 1000..10000. */
	uint32_t threshold;
	/** First lockout, seconds (default 30); each further lockout
	 *  doubles it, up to lockout_max_s (default 86400). */
	uint32_t lockout_s;
	uint32_t lockout_max_s;
	/** Consecutive failures that start a lockout (default 5), 1..100. */
	uint8_t max_failures;
	/** Consecutive failures after which a match no longer suffices:
	 *  the outcome is PC_BIO_PRIMARY_REQUIRED until the primary factor
	 *  resets the gate (default 3; 0 = never), <= max_failures. */
	uint8_t primary_after;
	/** The n-th lockout since the last reset is hard: it lasts until a
	 *  strong factor resets the gate (0 = every lockout is timed;
	 *  1 = hard from the first). */
	uint8_t hard_after;
	/** A PAD result (PC_BIO_PAD_PASS or _FAIL) must come with every
	 *  attempt. */
	bool pad_required;
	/** Accept settings below the payment floor (pc_bio_policy_check()).
	 *  Matches then never set PC_CODE_F_UV_BIOMETRIC. */
	bool allow_weak;
} pc_bio_policy;

/**
 * Fill p with the defaults for a purpose: threshold 4000 (FMR 1e-4),
 * lockout after 5 consecutive failures for 30 s doubling up to a day,
 * primary factor required after 3 (BIO-05, Android CDD §7.3.10), no hard
 * lock, PAD required for payments and remote authentication, not for
 * unlocking, allow_weak false.
 * @param p        out; not NULL.
 * @param purpose  a pc_bio_purpose.
 * @return PC_OK, PC_ERR_INVALID_ARG (NULL, unknown purpose; p is zeroed).
 * Thread-safe.
 */
PC_MUST_CHECK pc_err pc_bio_policy_default(pc_bio_policy *p,
					   pc_bio_purpose purpose);

/**
 * Check a policy. Always refused (nonsense): unknown purpose, threshold
 * outside 1000..10000, max_failures 0 or above 100, primary_after above
 * max_failures, lockout_s 0 or above 30 days, lockout_max_s below
 * lockout_s or above 365 days. For PC_BIO_PURPOSE_PAYMENT, unless
 * allow_weak, also refused: threshold below PC_BIO_PAYMENT_MIN_SCORE, PAD
 * not required, max_failures above 5, lockout_s below 30, primary_after 0
 * or above 3, and a schedule that allows pc_bio_policy_attempts() attempts
 * with attempts x FMR >= 0.017 (FIDO: "FAR x allowed attempts < 0.017 for
 * the first 12.8 days").
 * @param p  not NULL.
 * @return PC_OK, PC_ERR_INVALID_ARG (NULL), PC_ERR_BIO_POLICY.
 * Thread-safe.
 */
PC_MUST_CHECK pc_err pc_bio_policy_check(const pc_bio_policy *p);

/**
 * Most attempts an attacker gets in the first PC_BIO_FIDO_WINDOW seconds
 * under p's lockout schedule without a strong factor: max_failures at
 * once, then one after each lockout that ends inside the window (none
 * after a hard lock). p need not pass pc_bio_policy_check(); NULL gives 0.
 * Thread-safe.
 */
uint64_t pc_bio_policy_attempts(const pc_bio_policy *p);

/**
 * The threshold applied to the best score of a k-sample gallery:
 * threshold + ceil(1000 log10 k). "Any of k samples reaches t" has up to
 * k times the one-comparison FMR (biometrics reference §3), so adding
 * 10 log10 k (in hundredths) keeps the gallery decision at the policy's
 * FMR class. k = 1 adds nothing. Returns 0 for k = 0 or above
 * PC_BIO_GALLERY_MAX. Thread-safe.
 */
uint32_t pc_bio_gallery_threshold(uint32_t threshold, size_t k);

/** Consecutive-failure state of one gate (the decoded record). */
typedef struct pc_bio_state {
	uint64_t generation;   /* record writes so far (>= 1 when stored) */
	uint8_t failures;      /* consecutive failures (saturates at 255) */
	uint8_t lockouts;      /* lockouts since the last reset (saturates) */
	pc_time locked_until;  /* 0 none, PC_BIO_LOCKED_HARD, or Unix time */
} pc_bio_state;

/** Outcomes of a decision. */
typedef enum pc_bio_outcome {
	PC_BIO_OUT_NONE = 0,             /* no decision (status: ready) */
	PC_BIO_OUT_MATCH = 1,            /* the probe matched: user verified */
	PC_BIO_OUT_NO_MATCH = 2,         /* compared, below the threshold */
	PC_BIO_OUT_LOCKED = 3,           /* locked: nothing compared */
	PC_BIO_OUT_PAD_REJECTED = 4,     /* PAD said attack: counted failure */
	PC_BIO_OUT_PAD_MISSING = 5,      /* no PAD result but one is required */
	PC_BIO_OUT_PRIMARY_REQUIRED = 6, /* matched, but too many failures
					    before: verify the primary factor */
	PC_BIO_OUT_REFUSED = 7           /* an error: nothing decided */
} pc_bio_outcome;

/** A decision: never a template, only what the payment core may see. */
typedef struct pc_bio_decision {
	pc_bio_outcome outcome;
	pc_bio_purpose purpose;
	pc_bio_pad pad;
	uint32_t score;        /* best calibrated score (0: none compared) */
	uint32_t threshold;    /* the policy's: the FMR class a match proves */
	uint32_t effective;    /* the gallery-adjusted threshold applied */
	uint16_t gallery;      /* k, samples compared */
	int16_t matched;       /* index of the best sample on a match, or -1 */
	uint16_t failures;     /* consecutive failures after this decision */
	uint16_t remaining;    /* failures left before a lockout */
	pc_time locked_until;  /* 0, PC_BIO_LOCKED_HARD or Unix time */
} pc_bio_decision;

/** One attempt's inputs to pc_bio_policy_step(). */
typedef struct pc_bio_attempt {
	pc_time now;           /* Unix time, meaningful when now_known */
	bool now_known;
	uint32_t score;        /* best calibrated score over the gallery */
	pc_bio_pad pad;
	uint16_t gallery;      /* k, 1..PC_BIO_GALLERY_MAX */
} pc_bio_attempt;

/**
 * The decision logic, without storage: the next state and the decision
 * for one attempt (SPEC §6.2.5 gives the rules and their order). The gate
 * runs it twice per attempt: with score 0 before comparing (the failure
 * state it persists first) and with the real score after. Conformance
 * vectors (vectors/bio-policy.json) drive it directly.
 *
 * @param p    a policy; checked here.
 * @param in   the state before the attempt; not NULL.
 * @param a    the attempt; not NULL.
 * @param out  out: the state after (equal to *in when nothing counted).
 *             May alias in. Not NULL.
 * @param d    out: the decision, filled on every return. Not NULL.
 * @return PC_OK (outcome MATCH, NO_MATCH, PAD_REJECTED or
 *   PRIMARY_REQUIRED: an attempt was counted), PC_ERR_BIO_LOCKED (outcome
 *   LOCKED: a lock holds, or time is unknown during a timed lock),
 *   PC_ERR_BIO_PAD (outcome PAD_MISSING), PC_ERR_BIO_POLICY,
 *   PC_ERR_INVALID_ARG (NULL, pad value, gallery 0 or above
 *   PC_BIO_GALLERY_MAX, a negative known time); the last two with
 *   outcome REFUSED. A PAD_REJECTED decision reports score 0.
 * Constant-time in a->score (compared with masks, STYLE §7); the outcome
 * is public. Thread-safe.
 */
PC_MUST_CHECK pc_err pc_bio_policy_step(const pc_bio_policy *p,
					const pc_bio_state *in,
					const pc_bio_attempt *a,
					pc_bio_state *out, pc_bio_decision *d);

/**
 * PC_CODE_F_UV_BIOMETRIC (code.h) for a decision that may be bound into a
 * consumer code: outcome MATCH, purpose PAYMENT, PAD PASS and a threshold
 * of at least PC_BIO_PAYMENT_MIN_SCORE. 0 for anything else (and NULL).
 * Thread-safe.
 */
uint8_t pc_bio_decision_code_flags(const pc_bio_decision *d);

/** Name of an outcome: "MATCH", "NO_MATCH", "LOCKED", "PAD_REJECTED",
 *  "PAD_MISSING", "PRIMARY_REQUIRED", "REFUSED", "NONE" or "?". */
const char *pc_bio_outcome_name(pc_bio_outcome o);

/**
 * Write the attempt-state record (SPEC §6.2.4): 32 bytes, big-endian,
 * "PCBA", version 1, failures, lockouts, 0, generation, locked_until,
 * 4 zero bytes, CRC-32 of the 28 bytes before it.
 * @return PC_OK, PC_ERR_INVALID_ARG (NULL, generation 0, locked_until
 *         below -1).
 */
PC_MUST_CHECK pc_err pc_bio_state_encode(const pc_bio_state *s,
					 uint8_t out[PC_BIO_STATE_LEN]);

/**
 * Read an attempt-state record (untrusted storage contents).
 * @param in   len readable bytes.
 * @param s    out: the state (zeroed on failure). Not NULL.
 * @return PC_OK, PC_ERR_INVALID_ARG (NULL), PC_ERR_BIO_STATE (length not
 *         PC_BIO_STATE_LEN, magic, version, reserved bytes, generation 0,
 *         locked_until below -1, CRC).
 * Thread-safe.
 */
PC_MUST_CHECK pc_err pc_bio_state_decode(const uint8_t *in, size_t len,
					 pc_bio_state *s);

/** Bytes of the gate's probe work area (a prepared probe must fit). */
#define PC_BIO_GATE_WORK \
	(sizeof(pc_bio_prepared) > PC_BIO_VENDOR_PREPARED_MAX ? \
	 sizeof(pc_bio_prepared) : PC_BIO_VENDOR_PREPARED_MAX)

/**
 * A decision gate: a policy, a matcher and one persisted attempt-state
 * record. Caller-allocated (about sizeof(pc_bio_prepared) bytes: static
 * or in a context); fields reserved. Holds pointers to the platform and
 * matcher tables, which must outlive it. Not thread-safe: serialise
 * every call on one gate, and use one gate per storage object.
 */
typedef struct pc_bio_gate {
	const pc_platform *plat;
	const pc_bio_matcher *m;
	pc_bio_policy policy;
	char name[PC_STORAGE_NAME_MAX + 1];
	uint64_t seen;                    /* highest generation seen */
	union {
		pc_bio_prepared ref;      /* alignment for the reference */
		uint8_t raw[PC_BIO_GATE_WORK];
	} work;                           /* the probe, prepared; wiped */
} pc_bio_gate;

/**
 * Set up a gate. Touches no storage: the state record is created by
 * pc_bio_gate_reset() once the strong factor was verified (at enrolment).
 * @param g     out; not NULL.
 * @param plat  a platform with storage_read and storage_write_atomic;
 *              must outlive g.
 * @param name  storage object name (pc_platform_name_ok()); copied.
 * @param p     the policy; copied after pc_bio_policy_check().
 * @param m     a matcher (PC_BIO_MATCHER_VERSION, prepared_size 1..
 *              PC_BIO_GATE_WORK); must outlive g.
 * @return PC_OK, PC_ERR_INVALID_ARG (NULL, bad name or table),
 *         PC_ERR_UNSUPPORTED (a storage hook missing), PC_ERR_BIO_POLICY,
 *         PC_ERR_CAPACITY (prepared_size above PC_BIO_GATE_WORK).
 */
PC_MUST_CHECK pc_err pc_bio_gate_init(pc_bio_gate *g, const pc_platform *plat,
				      const char *name, const pc_bio_policy *p,
				      const pc_bio_matcher *m);

/**
 * One verification: policy check, lock check, PAD check, the failure
 * counted durably (count before compare), the probe prepared and compared
 * with every gallery sample (all of them: time does not tell which one
 * matched), the best score compared with the gallery threshold, the state
 * updated (SPEC §6.2.5). *d is filled on every return; only PC_OK with
 * outcome PC_BIO_OUT_MATCH is a match.
 *
 * @param g        an initialised gate.
 * @param probe    the fresh capture; not retained. Not NULL.
 * @param gallery  n prepared references of the gate's matcher, each
 *                 m->prepared_size bytes, contiguous and aligned for it
 *                 (for the reference matcher: a pc_bio_prepared array).
 * @param n        1..PC_BIO_GALLERY_MAX.
 * @param pad      the sensor's PAD result for this capture.
 * @param d        out: the decision. Not NULL.
 * @return PC_OK (MATCH, NO_MATCH, PAD_REJECTED, PRIMARY_REQUIRED);
 *   PC_ERR_BIO_LOCKED; PC_ERR_BIO_PAD (PAD missing, not counted);
 *   PC_ERR_BIO_NO_STATE, PC_ERR_BIO_STATE, PC_ERR_BIO_ROLLBACK (outcome
 *   LOCKED until pc_bio_gate_reset());
 *   PC_ERR_STORAGE (refused: the count could not be made durable, or the
 *   match could not be recorded; never a match); PC_ERR_INVALID_ARG;
 *   PC_ERR_BIO_POLICY; or the matcher's error (counted as a failure).
 * Not constant-time in the minutiae (pc_bio_compare()); the score
 * comparison is. Not thread-safe (see pc_bio_gate).
 */
PC_MUST_CHECK pc_err pc_bio_verify(pc_bio_gate *g, const pc_bio_template *probe,
				   const void *gallery, size_t n, pc_bio_pad pad,
				   pc_bio_decision *d);

/**
 * After the caller verified the primary (strong) factor, e.g. the payment
 * PIN: write a fresh state (no failures, no lock) with a generation above
 * every one seen. Also creates the record at enrolment and recovers from
 * PC_ERR_BIO_STATE / _ROLLBACK / _NO_STATE.
 * @param strong_factor_verified  must be true (false: PC_ERR_INVALID_ARG,
 *                                nothing written).
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_STORAGE.
 */
PC_MUST_CHECK pc_err pc_bio_gate_reset(pc_bio_gate *g,
				       bool strong_factor_verified);

/**
 * Read the state without attempting. d->outcome is LOCKED (a lock holds
 * now, or time is unknown during a timed lock), PRIMARY_REQUIRED (a match
 * would not suffice) or NONE (ready); failures, remaining and
 * locked_until are filled.
 * @param st  out (optional): the decoded state.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_STORAGE, PC_ERR_BIO_NO_STATE,
 *         PC_ERR_BIO_STATE, PC_ERR_BIO_ROLLBACK (then outcome LOCKED).
 */
PC_MUST_CHECK pc_err pc_bio_gate_status(pc_bio_gate *g, pc_bio_state *st,
					pc_bio_decision *d);

/** Zeroise a gate (its work area held a prepared probe). Accepts NULL. */
void pc_bio_gate_wipe(pc_bio_gate *g);

#ifdef __cplusplus
}
#endif
#endif /* PAYCODE_BIO_H */
