/*
 * paycode internal header: shared by library sources only, never installed.
 * Every .c file in core/, qr/ and biometric/ compiles with include/ and this
 * header alone.
 */
#ifndef PAYCODE_INTERNAL_H
#define PAYCODE_INTERNAL_H

#include <paycode/config.h>
#include <paycode/types.h>
#include <paycode/err.h>
#include <paycode/ct.h>

#include "check_config.h"

#if PC_DEBUG
#include <assert.h>
#define PC_ASSERT(x) assert(x)
#else
#define PC_ASSERT(x) ((void)0)
#endif

/*
 * "Cannot happen" guards (after SQLite's ALWAYS/NEVER): the condition is
 * believed to be always true (PC_ALWAYS) or always false (PC_NEVER). Debug
 * builds assert it; release builds keep the defensive branch; coverage
 * builds turn it into a constant so the unreachable branch does not count.
 */
#if PC_COVERAGE_TEST
#define PC_ALWAYS(x) (1)
#define PC_NEVER(x) (0)
#elif PC_DEBUG
#define PC_ALWAYS(x) ((x) ? 1 : (assert(0), 0))
#define PC_NEVER(x) ((x) ? (assert(0), 1) : 0)
#else
#define PC_ALWAYS(x) (!!(x))
#define PC_NEVER(x) (!!(x))
#endif

#define PC_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/*
 * PC_DECLASSIFY(p, n): the bytes at p are about to be used in a branch or
 * an index although derived from secrets, and that is intended (e.g. "the
 * input was valid" is a public outcome). Under the constant-time harness
 * it tells valgrind so; otherwise it compiles to nothing. Every use is a
 * reviewed leak point.
 */
#if PC_CTGRIND
#include <valgrind/memcheck.h>
#define PC_DECLASSIFY(p, n) ((void)VALGRIND_MAKE_MEM_DEFINED((p), (n)))
#else
#define PC_DECLASSIFY(p, n) ((void)0)
#endif

/*
 * Bounded read cursor over untrusted input. A read either succeeds whole or
 * fails with PC_ERR_TRUNCATED and leaves the cursor unchanged; no read ever
 * touches a byte at or past ptr[len].
 */
typedef struct pc_rd {
	const uint8_t *ptr;
	size_t len;
	size_t pos;
} pc_rd;

/*
 * Bounded write cursor into a caller buffer. A write either fits whole or
 * fails with PC_ERR_BUFFER_TOO_SMALL and writes nothing; the error is
 * sticky, so a sequence of writes can be checked once at the end.
 */
typedef struct pc_wr {
	uint8_t *ptr;
	size_t cap;
	size_t len;
	pc_err err;
} pc_wr;

void pc__rd_init(pc_rd *r, const uint8_t *p, size_t len);
size_t pc__rd_left(const pc_rd *r);
pc_err pc__rd_u8(pc_rd *r, uint8_t *out);
pc_err pc__rd_u16be(pc_rd *r, uint16_t *out);
pc_err pc__rd_u32be(pc_rd *r, uint32_t *out);
pc_err pc__rd_bytes(pc_rd *r, uint8_t *out, size_t n);
/* Hand out a view of the next n bytes without copying. */
pc_err pc__rd_view(pc_rd *r, size_t n, const uint8_t **out);
pc_err pc__rd_skip(pc_rd *r, size_t n);

void pc__wr_init(pc_wr *w, uint8_t *p, size_t cap);
void pc__wr_u8(pc_wr *w, uint8_t v);
void pc__wr_u16be(pc_wr *w, uint16_t v);
void pc__wr_u32be(pc_wr *w, uint32_t v);
void pc__wr_bytes(pc_wr *w, const void *p, size_t n);

/*
 * Decode one UTF-8 scalar value from p[0..len). Rejects overlong forms,
 * surrogates, values above U+10FFFF and truncated sequences.
 * Returns the number of bytes used (1..4), or 0 when malformed.
 */
size_t pc__utf8_next(const uint8_t *p, size_t len, uint32_t *cp);


/* ---- qr/: MPM internals shared between mpm.c and mpm_rules.c ---------- */
struct pc_mpm;
struct pc_mpm_profile;
struct pc_mpm_issue;
/* Record an issue for object index `obj` (PC_MPM_NONE: the whole payload). */
void pc__mpm_issue(const struct pc_mpm *m, size_t obj, pc_err code,
		   const char *rule, struct pc_mpm_issue *out);
/* A deviation: a warning when `allow` bit is in the profile, else the error. */
pc_err pc__mpm_deviate(struct pc_mpm *m, const struct pc_mpm_profile *pr,
		       uint32_t allow, pc_err code, size_t obj, const char *rule);
/* Record the error of a failed call and return it. */
pc_err pc__mpm_fail(struct pc_mpm *m, pc_err code, size_t obj, const char *rule);
/*
 * Rule texts (the "rule" of an MPM issue): with PC_NO_ERRSTR=1 the texts
 * are not compiled in and every issue carries "" (its error code and object
 * path remain), which keeps about 2.5 KB of strings out of firmware. Every
 * rule text is written through this macro.
 */
#if PC_NO_ERRSTR
#define PC_RULE(text) ""
#else
#define PC_RULE(text) text
#endif
/* Layers 3 and 4. */
pc_err pc__mpm_rules(struct pc_mpm *m, const struct pc_mpm_profile *pr);
pc_err pc__mpm_profile_rules(struct pc_mpm *m, const struct pc_mpm_profile *pr);

/* ---- core/: consumer codes ------------------------------------------------ */
/* SHA-256(ctx || 0x00 || data): the digest every paycode signature signs. */
pc_err pc__sig_digest(const char *ctx, const uint8_t *data, size_t len,
		      uint8_t out[32]);
/* The numeric form's 18 digits for token key, prefix, alias and step T. */
pc_err pc__numeric_digits(const uint8_t key[32], const char prefix[3],
			  uint32_t alias, uint64_t t, char out[19]);
/* The QR forms' truncated MAC over payload[0..span). */
pc_err pc__code_mac(const uint8_t key[32], const uint8_t *payload, size_t span,
		    uint8_t mac[8]);
/* Revocation-list encoding rules on raw bytes (SPEC §4.4). */
pc_err pc__crl_check(const uint8_t *in, size_t len);
/* The validator's trust, shared with the assertion verifier: the root
 * public key with this ID (NULL: not trusted), and the cache of SHA-256
 * digests of certificates whose issuer signature verified. */
struct pc_validator;
const uint8_t *pc__validator_root(const struct pc_validator *v, uint32_t key_id);
bool pc__validator_cached(const struct pc_validator *v, const uint8_t digest[32]);
void pc__validator_cache_add(struct pc_validator *v, const uint8_t digest[32]);

/* ---- biometric/: record internals (record.c, iso19794_2.c, ansi378.c) --- */
struct pc_bio_record;
struct pc_bio_view;
/* Walk option on top of the PC_BIO_PARSE_* flags: the last view's extended
 * data area may be cut by the end of the cursor (PC_BIO_QUIRK_EXT_CUT). */
#define PC__BIO_CUT 0x100u
/* Finger views of the 2005 layout (ISO 2005 and ANSI 2004) from byte hdr
 * of in[0..len): the fallback strategy of a lenient parse, tail and
 * trailing-byte rules (record.c documents them). Sets *end. */
pc_err pc__bio_walk05(const uint8_t *in, size_t len, size_t hdr, uint32_t L,
		      unsigned flags, struct pc_bio_record *r, size_t *end);
/* A writer's first step: the whole record is `need` bytes. When it does not
 * fit, w gets PC_ERR_BUFFER_TOO_SMALL and w->len = need (the size query
 * answer) and false is returned; nothing is written. */
bool pc__bio_fits(pc_wr *w, size_t need);
/* Bytes of the 2005-layout views of r as held. */
/* ISO/IEC 19794-2:2005 header after the length (equipment .. reserved). */
pc_err pc__bio_header05_read(pc_rd *rd, struct pc_bio_record *r, unsigned flags);
size_t pc__bio_views05_size(const struct pc_bio_record *r);
void pc__bio_views05_write(pc_wr *w, const struct pc_bio_record *r);
/* n minutiae of msize (5 or 6) bytes into v->m; ANSI: angle < 180 unless
 * lenient (then PC_BIO_QUIRK_ANSI_ANGLE in *quirks). */
pc_err pc__bio_minutiae_read(pc_rd *rd, struct pc_bio_view *v, size_t n,
			     unsigned msize, int fmt, unsigned flags,
			     uint32_t *quirks);
void pc__bio_minutiae_write(pc_wr *w, const struct pc_bio_view *v,
			    unsigned msize);
/* The extended data area (length field and blocks) of view v. */
pc_err pc__bio_ext_read(pc_rd *rd, struct pc_bio_view *v, int fmt,
			unsigned flags, uint32_t *quirks);
/* After a record of `end` bytes in in[0..len): strict mode wants only
 * zero padding after it. */
pc_err pc__bio_after(const uint8_t *in, size_t len, size_t end,
		     unsigned flags);
pc_err pc__bio_iso2005_parse(const uint8_t *in, size_t len, unsigned flags,
			     struct pc_bio_record *r, size_t *used);
pc_err pc__bio_iso2011_parse(const uint8_t *in, size_t len, unsigned flags,
			     struct pc_bio_record *r, size_t *used);
pc_err pc__bio_ansi2004_parse(const uint8_t *in, size_t len, unsigned flags,
			      struct pc_bio_record *r, size_t *used);
void pc__bio_iso2005_write(pc_wr *w, const struct pc_bio_record *r);
void pc__bio_iso2011_write(pc_wr *w, const struct pc_bio_record *r);
void pc__bio_ansi2004_write(pc_wr *w, const struct pc_bio_record *r);

/* ---- biometric/: integer geometry (bio_math.c) --------------------------- */
/* cos and sin of a (1/256 turn) in Q14. */
int32_t pc__bio_cos(uint8_t a);
int32_t pc__bio_sin(uint8_t a);
/* atan2(y, x) in 1/65536 turn, 0 for (0, 0); right-handed frame. */
uint16_t pc__bio_atan2(int32_t y, int32_t x);
/* floor(sqrt(v)). */
uint32_t pc__bio_isqrt(uint32_t v);
/* Raw matcher score to calibrated score (calib.c). */
uint32_t pc__bio_calibrate(uint32_t raw);

#endif /* PAYCODE_INTERNAL_H */
