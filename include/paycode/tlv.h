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
 * @param out      cap writable bytes.
 * @param out_len  out: PC_BASE64_LEN(n).
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_BUFFER_TOO_SMALL.
 */
PC_MUST_CHECK pc_err pc_base64_encode(const uint8_t *in, size_t n, char *out,
				      size_t cap, size_t *out_len);

/**
 * Decode canonical base64 (RFC 4648 §4): length a multiple of 4, padding
 * only at the end, no whitespace, unused bits of the last symbol zero
 * (§3.5), so every byte string has exactly one accepted encoding.
 * @param out      cap writable bytes; on error nothing useful is left in it.
 * @param out_len  out: decoded length.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_BUFFER_TOO_SMALL,
 *         PC_ERR_BASE64 (bad character, length, padding or unused bits).
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

/** Start iterating over p[0..len). */
void pc_ber_init(pc_ber *it, const uint8_t *p, size_t len);

/** True when the iterator has consumed all its bytes. */
bool pc_ber_done(const pc_ber *it);

/**
 * Read the next TLV. Tags are 1 to 3 bytes (EMV Book 3 Annex B1); lengths
 * use the short form or 0x81/0x82 (B2), minimal form only. Padding bytes
 * 0x00/0xFF between objects are not accepted.
 * On error the iterator is unchanged.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_NOT_FOUND (no more objects),
 *         PC_ERR_BER_TAG (tag longer than 3 bytes or malformed),
 *         PC_ERR_BER_LENGTH (indefinite, non-minimal or > 0xFFFF),
 *         PC_ERR_TRUNCATED (value runs past the end).
 */
PC_MUST_CHECK pc_err pc_ber_next(pc_ber *it, pc_tlv *out);

/**
 * Find the first object with `tag` directly inside p[0..len) (no descent).
 * @return PC_OK, PC_ERR_NOT_FOUND, or the first parse error met before it.
 */
PC_MUST_CHECK pc_err pc_ber_find(const uint8_t *p, size_t len, uint32_t tag,
				 pc_tlv *out);

/** Encoded size of a TLV with this tag and value length. */
size_t pc_ber_size(uint32_t tag, size_t len);

/**
 * Write tag, minimal length and value to out[0..cap).
 * @param value  len bytes (NULL allowed when len is 0, or to write only
 *               the header of a template whose content follows).
 * @param out_len out: bytes written (header + len when value != NULL).
 * @return PC_OK, PC_ERR_INVALID_ARG (tag 0, tag > 3 bytes, len > 0xFFFF),
 *         PC_ERR_BUFFER_TOO_SMALL.
 */
PC_MUST_CHECK pc_err pc_ber_put(uint32_t tag, const uint8_t *value, size_t len,
				uint8_t *out, size_t cap, size_t *out_len);

#ifdef __cplusplus
}
#endif
#endif /* PAYCODE_TLV_H */
