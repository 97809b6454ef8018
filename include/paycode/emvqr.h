/*
 * paycode: EMV QRCPS merchant-presented payloads (MPM).
 *
 * Decoding runs four layers, in this order, and stops at the first error
 * (EMV QRCPS MPM v1.0 section numbers in brackets):
 *   1. syntax: ID(2) LEN(2) VALUE objects, nested templates [§3.2, §4.3-4.5];
 *   2. integrity: CRC-16/CCITT-FALSE over everything up to "6304" [§4.7.3];
 *   3. EMVCo rules: presence, formats, lengths, conditions [§4.6-4.9];
 *   4. the scheme profile (Pix, PromptPay, ...), when one is given.
 *
 * Lengths count characters (Unicode scalar values) as §4.4.1.1 says and the
 * Annex B.7 example proves; a profile may select byte counting instead.
 * The payload must be well-formed UTF-8.
 *
 * A profile decides which real-world deviations are tolerated. The strict
 * profile tolerates none. A tolerated deviation is recorded as a warning
 * that carries the error the strict profile would have raised, the object
 * path and the rule, so callers can log or refuse it. A CRC that does not
 * verify is never tolerated, in any profile.
 *
 * Contexts (pc_mpm, pc_mpm_enc) are caller-allocated; their fields are
 * reserved. pc_mpm holds a private copy of the payload, so it has no
 * pointers into caller memory and may be copied. No function allocates.
 * All functions are reentrant (no shared state); none is ISR-safe.
 * Nothing here is secret: these functions are not constant-time.
 */
#ifndef PAYCODE_EMVQR_H
#define PAYCODE_EMVQR_H

#include "types.h"
#include "err.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Worst-case payload size in bytes, produced or accepted. */
#define PC_MPM_MAX_PAYLOAD PC_MPM_MAX_LEN
/** Longest value of one data object, in characters [§4.4.1]. */
#define PC_MPM_MAX_VALUE_CHARS 99
/** Deepest nesting: root, template, template inside 62 (IDs 50-99). */
#define PC_MPM_MAX_DEPTH 3
/** Marks "no index" in pc_mpm_find() results and path slots. */
#define PC_MPM_NONE 0xFFu

/** Runtime mirror of PC_MPM_MAX_PAYLOAD, for bindings. */
size_t pc_mpm_max_payload(void);

/* ---- profiles ---------------------------------------------------------- */

/** Tolerated deviations (bits of pc_mpm_profile.allow). */
#define PC_MPM_ALLOW_CRC_LOWERCASE  0x0001u /* CRC hex in lowercase */
#define PC_MPM_ALLOW_PFI_ANY        0x0002u /* 00 = "02" (DuitNow) or "00" */
#define PC_MPM_ALLOW_NO_MCC_NAME_CITY 0x0004u /* 52/59/60 absent (PromptPay) */
#define PC_MPM_ALLOW_NON_ANS        0x0008u /* non-ans text in ans fields */
#define PC_MPM_ALLOW_LONG_TEXT      0x0010u /* 59, 60, 61, 62.01-08, 62.10,
					     * 64.01, 64.02 over maximum */
#define PC_MPM_ALLOW_EMPTY_VALUE    0x0020u /* LEN 00 in a template or text
					     * field (e.g. "6200", "5900") */
#define PC_MPM_ALLOW_62_SUBID_00    0x0040u /* sub-ID 00 inside 62 */
#define PC_MPM_ALLOW_LEN_BYTES      0x0080u /* fall back to byte lengths */
#define PC_MPM_ALLOW_POI_EXTENDED   0x0100u /* 01 = 21/22/31/32 (BLE/NFC) */
#define PC_MPM_ALLOW_AMOUNT_ZERO    0x0200u /* 54 or 56 equal to zero */
#define PC_MPM_ALLOW_MISSING_MISC   0x0400u /* 53 or 58 absent, no MAI */
#define PC_MPM_ALLOW_OPAQUE_TEMPLATE 0x0800u /* template value not ID/LEN/VALUE */
#define PC_MPM_ALLOW_NO_GUID        0x1000u /* 62.50-99 template without 00 */
#define PC_MPM_ALLOW_ALL            0x1FFFu

/** Length unit of LEN fields. */
typedef enum pc_mpm_len_unit {
	PC_MPM_LEN_CHARS = 0, /* Unicode scalar values (the standard) */
	PC_MPM_LEN_BYTES = 1  /* UTF-8 bytes (some VietQR generators) */
} pc_mpm_len_unit;

/**
 * A decoding profile. The built-in ones below are constant objects; callers
 * may define their own. `guid` is checked case-insensitively against the
 * 00 sub-object of every merchant account template (26-51) and, when not
 * NULL, one of them must match. `currency`/`country`, when not NULL, must
 * equal objects 53/58 when present. Layer-4 failures are
 * PC_ERR_MPM_PROFILE.
 */
typedef struct pc_mpm_profile {
	const char *name;        /* e.g. "strict", "lenient", "pix" */
	uint32_t allow;          /* PC_MPM_ALLOW_* bits */
	pc_mpm_len_unit len_unit;
	const char *guid;        /* required MAI GUID or NULL; alternatives
				  * separated by '|'; a final '*' makes one
				  * a prefix */
	uint8_t guid_id_lo;      /* MAI template IDs searched for guid */
	uint8_t guid_id_hi;
	uint8_t need_id;         /* a root ID that must be present, e.g. 15
				  * for UnionPay; PC_MPM_NONE for none */
	const char *currency;    /* ISO 4217 numeric, e.g. "986", or NULL */
	const char *country;     /* ISO 3166-1 alpha-2, e.g. "BR", or NULL */
} pc_mpm_profile;

extern const pc_mpm_profile pc_mpm_profile_strict;
extern const pc_mpm_profile pc_mpm_profile_lenient;

/**
 * Look a built-in profile up by name: "strict", "lenient", "pix",
 * "promptpay", "paynow", "sgqr", "upi", "qris", "duitnow", "vietqr",
 * "unionpay", "khqr", "fps". Case-sensitive.
 * @return the profile, or NULL when unknown.
 */
const pc_mpm_profile *pc_mpm_profile_find(const char *name);

/**
 * Name of the i-th built-in profile (0-based), or NULL past the last one.
 */
const char *pc_mpm_profile_name(size_t i);

/* ---- decoded payload --------------------------------------------------- */

/** Where an error or warning applies: up to three nested IDs. */
typedef struct pc_mpm_issue {
	pc_err code;         /* the error (or, for a warning, the error the
			      * strict profile would raise) */
	uint8_t path[PC_MPM_MAX_DEPTH]; /* IDs from the root; PC_MPM_NONE pads */
	uint16_t offset;     /* byte offset in the payload where it was found */
	const char *rule;    /* static text naming the rule and its section */
} pc_mpm_issue;

/** One data object. Reserved: read through the accessors. */
typedef struct pc_mpm_obj {
	uint16_t off;    /* byte offset of the value in the payload */
	uint16_t nbytes; /* value length in bytes */
	uint8_t id;      /* 0..99 */
	uint8_t nlen;    /* the LEN field as written */
	uint8_t parent;  /* index of the enclosing template, PC_MPM_NONE at root */
	uint8_t depth;   /* 0 at root */
	uint8_t is_template; /* 0 primitive, 1 template, 2 template whose
			      * value did not parse (kept opaque) */
	uint8_t nchars;  /* value length in characters */
} pc_mpm_obj;

/**
 * A decoded payload. About 1.9 KB with the default configuration. Fields
 * are reserved; initialise with pc_mpm_decode()/pc_mpm_parse().
 */
typedef struct pc_mpm {
	uint8_t text[PC_MPM_MAX_LEN];
	uint16_t len;
	uint8_t nobj;
	uint8_t len_unit;
	uint16_t crc_stated;   /* valid when has_crc */
	uint16_t crc_computed;
	uint8_t has_crc;
	uint8_t nwarn;         /* stored warnings */
	uint16_t nwarn_total;  /* all warnings, stored or not */
	pc_mpm_issue error;    /* the error of the last failed call */
	pc_mpm_issue warn[PC_MPM_MAX_WARNINGS];
	pc_mpm_obj obj[PC_MPM_MAX_OBJS];
} pc_mpm;

/**
 * Decode and validate a payload through all four layers.
 *
 * @param m        out: the decoded payload; on failure it holds the error
 *                 (pc_mpm_error()) and no objects (pc_mpm_count() is 0).
 * @param payload  len bytes of UTF-8 text, not NUL-terminated necessarily;
 *                 copied, not retained.
 * @param profile  the rules; NULL means pc_mpm_profile_strict.
 * @return PC_OK, or the first error found:
 *   PC_ERR_INVALID_ARG (NULL m or payload), PC_ERR_TOO_LONG (len >
 *   PC_MPM_MAX_LEN), PC_ERR_UTF8, PC_ERR_MPM_SYNTAX, PC_ERR_MPM_LEN_ZERO,
 *   PC_ERR_MPM_OVERRUN, PC_ERR_MPM_DUPLICATE, PC_ERR_MPM_ORDER,
 *   PC_ERR_MPM_TRAILING, PC_ERR_MPM_TOO_MANY, PC_ERR_MPM_TEMPLATE,
 *   PC_ERR_MPM_CRC_MISSING, PC_ERR_MPM_CRC_FORMAT, PC_ERR_MPM_CRC_MISMATCH,
 *   PC_ERR_MPM_CRC_CASE, PC_ERR_MPM_MISSING, PC_ERR_MPM_FORMAT,
 *   PC_ERR_MPM_LENGTH, PC_ERR_MPM_VALUE, PC_ERR_MPM_CONDITION,
 *   PC_ERR_MPM_GUID, PC_ERR_MPM_PROFILE.
 * Time and stack are linear in len and bounded; reads never pass len.
 */
PC_MUST_CHECK pc_err pc_mpm_decode(pc_mpm *m, const char *payload, size_t len,
				   const pc_mpm_profile *profile);

/**
 * Layer 1 only: split the payload into objects (root order preserved,
 * templates expanded) without checking CRC or EMVCo rules. Useful to
 * inspect broken payloads and to re-serialise them verbatim.
 *
 * @param unit  how LEN fields count.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_TOO_LONG, PC_ERR_UTF8,
 *   PC_ERR_MPM_SYNTAX, PC_ERR_MPM_LEN_ZERO (never: parse accepts LEN 00),
 *   PC_ERR_MPM_OVERRUN, PC_ERR_MPM_DUPLICATE, PC_ERR_MPM_TOO_MANY,
 *   PC_ERR_MPM_TEMPLATE.
 */
PC_MUST_CHECK pc_err pc_mpm_parse(pc_mpm *m, const char *payload, size_t len,
				  pc_mpm_len_unit unit);

/** The error of the last failed decode or parse (code PC_OK after success). */
const pc_mpm_issue *pc_mpm_error(const pc_mpm *m);

/** Number of warnings recorded (all of them, stored or not). */
size_t pc_mpm_warning_count(const pc_mpm *m);

/** The i-th stored warning, or NULL when i >= min(count, PC_MPM_MAX_WARNINGS). */
const pc_mpm_issue *pc_mpm_warning(const pc_mpm *m, size_t i);

/**
 * Write "object 62.05: <rule>" style text for an issue into out (always
 * NUL-terminated when cap > 0; truncated to fit).
 * @return the length the full text needs, without the NUL.
 */
size_t pc_mpm_issue_format(const pc_mpm_issue *issue, char *out, size_t cap);

/** Number of objects, in document order, depth-first. */
size_t pc_mpm_count(const pc_mpm *m);

/** Object i's ID (0..99). i must be < pc_mpm_count(). */
unsigned pc_mpm_id(const pc_mpm *m, size_t i);

/** Index of object i's enclosing template, or PC_MPM_NONE at the root. */
size_t pc_mpm_parent(const pc_mpm *m, size_t i);

/** True when object i was expanded as a template (its children follow it). */
bool pc_mpm_is_template(const pc_mpm *m, size_t i);

/** Object i's value: a view into m (valid while m lives, not NUL-terminated). */
pc_cbuf pc_mpm_value(const pc_mpm *m, size_t i);

/**
 * Find object `id` inside the container `parent` (PC_MPM_NONE for the root).
 * @return its index, or PC_MPM_NONE when absent.
 */
size_t pc_mpm_find(const pc_mpm *m, size_t parent, unsigned id);

/** The length unit that decoded the payload. */
pc_mpm_len_unit pc_mpm_unit(const pc_mpm *m);

/** The CRC the payload states and the one computed (valid after layer 2). */
bool pc_mpm_crc(const pc_mpm *m, uint16_t *stated, uint16_t *computed);

/**
 * Human-readable name of a data object, e.g. "Merchant Name" for root 59,
 * "Bill Number" for 62.01. `parent_id` is PC_MPM_NONE at the root.
 * @return a static string; "" for IDs without a generic name.
 */
const char *pc_mpm_obj_name(unsigned parent_id, unsigned id);

/* ---- CRC --------------------------------------------------------------- */

/**
 * CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, xorout 0):
 * pc_crc16_ccitt(0xFFFF, "123456789", 9) == 0x29B1. Chain calls by passing
 * the previous result as crc. Constant-time in the data.
 */
uint16_t pc_crc16_ccitt(uint16_t crc, const void *data, size_t len);

/** Verdict of pc_mpm_crc_check(). */
typedef enum pc_mpm_crc_verdict {
	PC_MPM_CRC_MATCH = 0,
	PC_MPM_CRC_MATCH_LOWERCASE = 1,
	PC_MPM_CRC_MISMATCH = 2,
	PC_MPM_CRC_NONE = 3 /* no "6304" + 4 characters at the end */
} pc_mpm_crc_verdict;

/**
 * Layer 2 alone, independent of the object structure: check whether the
 * payload ends in "6304" and four hex digits that equal the CRC of
 * everything before them (the "6304" included).
 * @return the verdict; PC_MPM_CRC_NONE for NULL or short input.
 */
pc_mpm_crc_verdict pc_mpm_crc_check(const char *payload, size_t len);

/* ---- encoding ---------------------------------------------------------- */

/**
 * Re-serialise a decoded or parsed payload: the same objects, in the same
 * order, with the same values, and a freshly computed uppercase CRC. A
 * payload that decoded without warnings comes back byte for byte.
 *
 * @param out      cap writable bytes, or NULL with cap 0 for a size-only pass.
 * @param out_len  out: bytes written, or needed on PC_ERR_BUFFER_TOO_SMALL.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_BUFFER_TOO_SMALL (nothing is
 *         written past cap), PC_ERR_MPM_CRC_MISSING (m has no root 63, e.g.
 *         after a failed decode, which leaves no objects),
 *         PC_ERR_MPM_TRAILING (63 is not the last root object),
 *         PC_ERR_MPM_CRC_FORMAT (63 is not 4 characters long).
 */
PC_MUST_CHECK pc_err pc_mpm_encode(const pc_mpm *m, char *out, size_t cap,
				   size_t *out_len);

/**
 * A payload builder writing straight into a caller buffer. Errors are
 * sticky: after the first failure every call is a no-op and
 * pc_mpm_enc_finish() reports it. Reserved fields; no interior pointers
 * besides the caller's output buffer.
 */
typedef struct pc_mpm_enc {
	char *out;
	size_t cap;
	size_t len;
	size_t open_at[PC_MPM_MAX_DEPTH - 1]; /* where each open template's LEN is */
	uint8_t depth;
	uint8_t len_unit;
	pc_err err;
} pc_mpm_enc;

/**
 * Start a payload in out[0..cap). The buffer is borrowed until finish.
 * @param unit  how LEN fields count (PC_MPM_LEN_CHARS unless a scheme
 *              explicitly wants bytes).
 */
void pc_mpm_enc_init(pc_mpm_enc *e, char *out, size_t cap, pc_mpm_len_unit unit);

/**
 * Append object `id` (0..99, not 63) with a UTF-8 value of at most 99
 * characters. An empty value is written as LEN 00 (the rules layer of a
 * later decode flags it; see pc_mpm_enc_finish()).
 * Errors (sticky): PC_ERR_INVALID_ARG (bad id, 63, NULL), PC_ERR_UTF8,
 * PC_ERR_MPM_LENGTH (> 99 characters), PC_ERR_BUFFER_TOO_SMALL.
 */
void pc_mpm_enc_add(pc_mpm_enc *e, unsigned id, const char *value, size_t len);

/** pc_mpm_enc_add() for a NUL-terminated value. */
void pc_mpm_enc_add_str(pc_mpm_enc *e, unsigned id, const char *value);

/**
 * Open template `id`; objects added until pc_mpm_enc_end() go inside it.
 * Nesting depth is at most PC_MPM_MAX_DEPTH - 1 templates.
 */
void pc_mpm_enc_begin(pc_mpm_enc *e, unsigned id);

/** Close the innermost template; PC_ERR_MPM_LENGTH if it exceeds 99 characters. */
void pc_mpm_enc_end(pc_mpm_enc *e);

/**
 * Append "6304" and the CRC, and report the result. No terminating NUL is
 * written. The output is not validated: decode it with a profile to check
 * the EMVCo rules.
 * @param out_len  out: payload length in bytes.
 * @return the first error of the build, PC_ERR_INVALID_ARG for a template
 *         left open, or PC_OK.
 */
PC_MUST_CHECK pc_err pc_mpm_enc_finish(pc_mpm_enc *e, size_t *out_len);

#ifdef __cplusplus
}
#endif
#endif /* PAYCODE_EMVQR_H */
