/*
 * paycode: BER-TLV (EMV Book 3 Annex B) and base64 (RFC 4648 §4) codecs.
 *
 * Readers are bounded: they never read past the given length, reject
 * every malformed or non-minimal encoding with a specific error, and keep
 * no state besides the caller's iterator. Writers go into caller buffers
 * and write nothing past their capacity. No heap; reentrant; not ISR-safe.
 *
 * base64 is constant-time in the data (table-free arithmetic), so codes and
 * MACs may pass through it; it is not constant-time in the length.
 */
#ifndef PAYCODE_TLV_H
#define PAYCODE_TLV_H

#include "types.h"
#include "err.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- base64 ------------------------------------------------------------ */

/** Encoded length of n bytes, padding included (no NUL). */
#define PC_BASE64_LEN(n) ((((n) + 2u) / 3u) * 4u)

/**
 * Encode n bytes as base64 with '=' padding (RFC 4648 §4). Writes no NUL.
 * @param in       n readable bytes; NULL only when n is 0.
 * @param out      cap writable bytes; NULL only when cap is 0 (size query).
 * @param out_len  out: PC_BASE64_LEN(n), also when the buffer is too small.
 * @return PC_OK, PC_ERR_INVALID_ARG (NULL out_len, NULL in or out with a
 *         non-zero length, n so large the length overflows),
 *         PC_ERR_BUFFER_TOO_SMALL (cap < PC_BASE64_LEN(n); nothing written).
 * Constant-time in the bytes of in; reentrant.
 */
PC_MUST_CHECK pc_err pc_base64_encode(const uint8_t *in, size_t n, char *out,
				      size_t cap, size_t *out_len);

/**
 * Decode canonical base64 (RFC 4648 §4): length a multiple of 4, padding
 * only at the end, no whitespace, unused bits of the last symbol zero
 * (§3.5), so every byte string has exactly one accepted encoding.
 * @param in       n readable bytes; NULL only when n is 0.
 * @param out      cap writable bytes; NULL only when cap is 0 (size query).
 *                 On PC_ERR_BASE64 the bytes it received are zeroised.
 * @param out_len  out: decoded length; on PC_ERR_BUFFER_TOO_SMALL the length
 *                 needed (from n and the padding, before any content check);
 *                 0 on other errors.
 * @return PC_OK, PC_ERR_INVALID_ARG (NULL out_len, NULL in or out with a
 *         non-zero length), PC_ERR_BUFFER_TOO_SMALL (nothing written),
 *         PC_ERR_BASE64 (bad character, length, padding or unused bits).
 * Constant-time in the symbols of in; the length and the number of '='
 * (which make the decoded length) are public. Reentrant.
 */
PC_MUST_CHECK pc_err pc_base64_decode(const char *in, size_t n, uint8_t *out,
				      size_t cap, size_t *out_len);

/* ---- BER-TLV ----------------------------------------------------------- */

/** One decoded TLV. `value` points into the iterator's buffer. */
typedef struct pc_tlv {
	uint32_t tag;          /* tag bytes big-endian, e.g. 0x9F26, 0x61 */
	bool constructed;      /* bit 6 of the first tag byte */
	const uint8_t *value;
	size_t len;
	size_t offset;         /* offset of the tag's first byte */
} pc_tlv;

/** Iterator over consecutive TLVs in one buffer (not retained beyond use). */
typedef struct pc_ber {
	const uint8_t *ptr;
	size_t len;
	size_t pos;
} pc_ber;

/** Start iterating over p[0..len) (p NULL: an empty buffer). The iterator
 *  keeps p: the buffer must outlive it. it NULL: nothing happens. */
void pc_ber_init(pc_ber *it, const uint8_t *p, size_t len);

/** True when the iterator has consumed all its bytes (or it is NULL). */
bool pc_ber_done(const pc_ber *it);

/**
 * Read the next TLV. Tags are 1 to 3 bytes (EMV Book 3 Annex B1); lengths
 * use the short form or 0x81/0x82 (B2), minimal form only. Padding bytes
 * 0x00/0xFF between objects are not accepted.
 * On error the iterator is unchanged, so the same error repeats.
 * @param out  out: the object; out->value points into the iterator's buffer.
 * @return PC_OK, PC_ERR_INVALID_ARG (NULL argument, inconsistent iterator),
 *         PC_ERR_NOT_FOUND (no more objects),
 *         PC_ERR_BER_TAG (first byte 00 or FF, second byte 80, or a tag
 *         needing a fourth byte),
 *         PC_ERR_BER_LENGTH (0x80 indefinite, 0x81 < 0x80, 0x82 < 0x100,
 *         0x83 and up),
 *         PC_ERR_TRUNCATED (the input ends inside the tag, length or value).
 * Not constant-time (branches on tags and lengths); reentrant.
 */
PC_MUST_CHECK pc_err pc_ber_next(pc_ber *it, pc_tlv *out);

/**
 * Find the first object with `tag` directly inside p[0..len) (no descent).
 * @param p    len readable bytes; NULL only when len is 0.
 * @param out  out: the object, pointing into p.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_NOT_FOUND, or the first parse
 *         error met before it (as pc_ber_next()).
 */
PC_MUST_CHECK pc_err pc_ber_find(const uint8_t *p, size_t len, uint32_t tag,
				 pc_tlv *out);

/** Encoded size of a TLV with this tag and value length; 0 when
 *  pc_ber_put() would refuse them (malformed tag, len > 0xFFFF). */
size_t pc_ber_size(uint32_t tag, size_t len);

/**
 * Write tag, minimal length and value to out[0..cap). Writes exactly what
 * pc_ber_next() reads back: only tags and lengths it accepts.
 * @param value  len bytes, not overlapping out (NULL allowed when len is 0,
 *               or to write only the header of a template whose content
 *               follows).
 * @param out    cap writable bytes; NULL only when cap is 0 (size query).
 * @param out_len out: bytes written (header + len when value != NULL); on
 *               PC_ERR_BUFFER_TOO_SMALL the bytes needed.
 * @return PC_OK, PC_ERR_INVALID_ARG (NULL out_len, tag 0, tag > 3 bytes or
 *         not a well-formed tag, len > 0xFFFF), PC_ERR_BUFFER_TOO_SMALL
 *         (nothing written).
 */
PC_MUST_CHECK pc_err pc_ber_put(uint32_t tag, const uint8_t *value, size_t len,
				uint8_t *out, size_t cap, size_t *out_len);

#ifdef __cplusplus
}
#endif
#endif /* PAYCODE_TLV_H */
