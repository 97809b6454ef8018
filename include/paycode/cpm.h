/*
 * paycode: EMV consumer-presented QR (CPM) decoder.
 *
 * Section numbers in brackets refer to EMV QRCPS Consumer-Presented Mode
 * v1.0 (July 2017) [CPM] and EMV 4.3 Book 3 [B3].
 *
 * A CPM payload is base64 text (RFC 4648) of a BER-TLV byte string
 * [CPM Table 3.1; B3 Annex B]: the Payload Format Indicator 85 "CPV01"
 * first, one or two Application Templates 61, an optional Common Data
 * Template 62, and possibly further objects, kept but not interpreted.
 *
 * Context contract (as everywhere in paycode): pc_cpm is allocated by the
 * caller, statically or on the stack (PC_CPM_MAX_LEN bytes plus a few
 * offsets). Its fields are reserved: do not rely on its size or contents.
 * It holds a private copy of the decoded bytes and no pointers, so it may be
 * copied. Every pc_cbuf an accessor returns points into the context and is
 * valid until the context is decoded into again, wiped or goes away.
 * Decoded data includes card data (PAN, track 2, cardholder name): call
 * pc_cpm_wipe() when done.
 *
 * Thread safety: pc_cpm_decode() and pc_cpm_wipe() write the context; the
 * accessors only read it, so any number of threads may call them on one
 * decoded context at once. Distinct contexts are independent. No heap, no
 * global state; not for ISRs (the decoder walks up to PC_CPM_MAX_LEN bytes).
 *
 * Constant time: the base64 layer is constant-time in the data (see tlv.h);
 * the BER walk branches on tags and lengths (the structure), and the
 * accessors compare tags and AIDs, which are public. Values themselves
 * (PAN, cryptograms) steer no branch.
 */
#ifndef PAYCODE_CPM_H
#define PAYCODE_CPM_H

#include "config.h"
#include "types.h"
#include "err.h"
#include "tlv.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Most Application Templates (61) in one payload [CPM Table 3.1]. */
#define PC_CPM_MAX_APPS 2u

/** Longest payload text pc_cpm_decode() accepts: base64 of PC_CPM_MAX_LEN
 *  bytes. */
#define PC_CPM_MAX_TEXT PC_BASE64_LEN(PC_CPM_MAX_LEN)

/** AID (ADF Name, tag 4F) length bounds [CPM Table 6.1; B3 Annex A]. */
#define PC_CPM_AID_MIN 5u
#define PC_CPM_AID_MAX 16u

/**
 * A decoded CPM payload. Caller-allocated; fields reserved.
 */
typedef struct pc_cpm {
	uint8_t bytes[PC_CPM_MAX_LEN];        /* the decoded BER-TLV */
	uint16_t len;                         /* bytes used; 0: nothing decoded */
	uint8_t napps;                        /* number of 61 templates */
	uint8_t has_common;                   /* 1 when a 62 is present */
	uint16_t app_off[PC_CPM_MAX_APPS];    /* value offset of each 61 */
	uint16_t app_len[PC_CPM_MAX_APPS];    /* value length of each 61 */
	uint16_t common_off;                  /* value offset of 62 */
	uint16_t common_len;                  /* value length of 62 */
} pc_cpm;

/**
 * PC_CPM_MAX_LEN as a function, for bindings that cannot see macros.
 * @return the largest decoded payload in bytes this build accepts.
 * Thread-safe, ISR-safe.
 */
size_t pc_cpm_max_len(void);

/**
 * Tell whether text looks like EMV CPM [CPM §5.1.1.1]: it starts with
 * "hQVDUFY", the base64 of 85 05 "CPV". A cheap test for telling CPM from
 * MPM before decoding; it proves nothing about the rest.
 * @param text  len readable bytes; NULL gives false.
 * @return true when the prefix is present.
 * Thread-safe, ISR-safe.
 */
bool pc_cpm_detect(const char *text, size_t len);

/**
 * Decode and check a CPM payload [CPM §5.1.1.2-3, Table 3.1, Table 6.1].
 *
 * Checks, in this order, each with its own error:
 *   1. the text is canonical base64 ............... PC_ERR_BASE64
 *   2. the bytes are BER-TLV to the end, and so is
 *      the content of every 61 and 62 .............. PC_ERR_BER_TAG,
 *                                    PC_ERR_BER_LENGTH, PC_ERR_TRUNCATED
 *   3. the first object is 85 ....................... PC_ERR_CPM_PREFIX
 *   4. 85 is "CPV01" ................................ PC_ERR_CPM_PREFIX
 *   5. there is at least one 61 ..................... PC_ERR_CPM_NO_APP
 *   6. at most two 61, at most one 62, no second 85;
 *      inside 61/62 no 85, 61 or 62; 63 only in 61
 *      and 64 only in 62, each at most once ........ PC_ERR_CPM_STRUCTURE
 * The transparent templates 63 and 64 are opaque and not parsed. Objects
 * at the top level other than 85, 61 and 62 are kept (they stay in
 * pc_cpm_bytes()) and not interpreted [CPM §5.1.1.11]. A 61 without 4F is
 * accepted; pc_cpm_select() skips it [CPM §5-7]. Duplicate primitive tags
 * are reported by pc_cpm_find() and pc_cpm_poi_check(), because the POI
 * data set depends on which 61 is chosen.
 *
 * @param c     context to fill; on any error it is wiped and holds nothing.
 * @param text  the QR text, len bytes, no NUL needed; not retained.
 *              NULL only when len is 0.
 * @return PC_OK, PC_ERR_INVALID_ARG (c NULL, text NULL with len > 0),
 *         PC_ERR_TOO_LONG (len > PC_CPM_MAX_TEXT, or more than
 *         PC_CPM_MAX_LEN decoded bytes), or an error listed above.
 * Not thread-safe on the same c.
 */
PC_MUST_CHECK pc_err pc_cpm_decode(pc_cpm *c, const char *text, size_t len);

/**
 * Zeroise the context (card data included).
 * @param c  may be NULL.
 */
void pc_cpm_wipe(pc_cpm *c);

/**
 * The decoded BER-TLV bytes of the whole payload, unknown objects included.
 * @param c  a decoded context; NULL or undecoded gives {NULL, 0}.
 * @return a view into c.
 */
pc_cbuf pc_cpm_bytes(const pc_cpm *c);

/**
 * Number of Application Templates (61), in payload order: 1 or 2 after a
 * successful decode, 0 for NULL or an undecoded context.
 */
size_t pc_cpm_app_count(const pc_cpm *c);

/**
 * The AID (ADF Name, 4F) of application template `app`, as it stands in
 * that 61 (the length is not checked here; see pc_cpm_select()).
 * @param aid  out: view into c.
 * @return PC_OK, PC_ERR_INVALID_ARG (NULL argument, app out of range),
 *         PC_ERR_NOT_FOUND (no 4F in the template),
 *         PC_ERR_CPM_DUPLICATE (4F twice in the template, or also in 62).
 */
PC_MUST_CHECK pc_err pc_cpm_aid(const pc_cpm *c, size_t app, pc_cbuf *aid);

/**
 * The Application Label (50) for template `app`: pc_cpm_find(c, app, 0x50).
 * Its character set (ans) is not checked; treat it as untrusted text.
 */
PC_MUST_CHECK pc_err pc_cpm_label(const pc_cpm *c, size_t app, pc_cbuf *label);

/**
 * Look a tag up in the POI data set of template `app`: that 61, then the
 * 62 [CPM §5-7], with the transparent templates 63 and 64 excluded.
 * @param tag    as in pc_tlv, e.g. 0x5A, 0x57, 0x5F20, 0x9F25. Tags 63
 *               and 64 are never found here: use pc_cpm_transparent().
 * @param value  out: view into c.
 * @return PC_OK, PC_ERR_INVALID_ARG (NULL argument, app out of range),
 *         PC_ERR_NOT_FOUND,
 *         PC_ERR_CPM_DUPLICATE (the tag occurs twice in the 61, twice in
 *         the 62, or in both; no value is returned).
 */
PC_MUST_CHECK pc_err pc_cpm_find(const pc_cpm *c, size_t app, uint32_t tag,
				 pc_cbuf *value);

/**
 * Check that no tag occurs twice in the POI data set of template `app`
 * (that 61 and the 62, without 63 and 64) [CPM §5-7]. Call it once the
 * template is chosen, before using the data.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_CPM_DUPLICATE.
 */
PC_MUST_CHECK pc_err pc_cpm_poi_check(const pc_cpm *c, size_t app);

/**
 * The Transparent Data of template `app` [CPM §5-7]: the content of the 63
 * inside that 61 and of the 64 inside the 62, as opaque bytes for the
 * acquirer or issuer (their format follows from the AID and 9F08).
 * @param t63, t64  out, each may be NULL; an absent template gives
 *                  {NULL, 0}, a present but empty one a non-NULL ptr and 0.
 * @return PC_OK, PC_ERR_INVALID_ARG (c NULL, app out of range).
 */
PC_MUST_CHECK pc_err pc_cpm_transparent(const pc_cpm *c, size_t app,
					pc_cbuf *t63, pc_cbuf *t64);

/**
 * Whether template `app` is eligible for the terminal's AID [CPM §5-7]: its
 * 4F is present once, 5 to 16 bytes long, and equal to `aid` or starting
 * with it (partial selection).
 * @param aid  aid_len bytes, 5 to 16, else the answer is false.
 * @return false also for NULL arguments and app out of range.
 */
bool pc_cpm_eligible(const pc_cpm *c, size_t app, const uint8_t *aid,
		     size_t aid_len);

/**
 * Select the first eligible application template, in payload order
 * [CPM §5-7]. When both templates are eligible and the merchant prefers the
 * second, test each with pc_cpm_eligible() instead.
 * @param aid    the terminal's AID, aid_len bytes (5 to 16).
 * @param index  out: the template's index, for the other accessors.
 * @return PC_OK, PC_ERR_INVALID_ARG (NULL argument, aid_len outside 5..16),
 *         PC_ERR_NOT_FOUND (no template is eligible).
 */
PC_MUST_CHECK pc_err pc_cpm_select(const pc_cpm *c, const uint8_t *aid,
				   size_t aid_len, size_t *index);

#ifdef __cplusplus
}
#endif
#endif /* PAYCODE_CPM_H */
