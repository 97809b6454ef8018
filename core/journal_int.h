/*
 * Internal: what the journal, evidence and receipt files share (core/
 * journal*.c, evidence*.c, receipt.c). The formats are in
 * docs/SPEC-journal.md; the codec in core/journal_codec.c.
 */
#ifndef PAYCODE_JOURNAL_INT_H
#define PAYCODE_JOURNAL_INT_H

#include <paycode/journal.h>

#include "internal.h"

/* Frame layout: header (22), body, CRC-32 (4). */
#define PC__J_CRC_LEN 4u
#define PC__J_OVERHEAD (PC_JOURNAL_HEADER_LEN + PC__J_CRC_LEN)
#define PC__J_BODY_MAX (PC_JOURNAL_FRAME_MAX - PC__J_OVERHEAD)
/* Fixed body lengths. */
#define PC__J_CHECKPOINT_BODY (PC_JOURNAL_ID_LEN + 32u + 4u + 1u + 64u)
#define PC__J_RESUME_BODY (8u + 4u + 32u)
#define PC__J_RESUME_LEN (PC__J_OVERHEAD + PC__J_RESUME_BODY)

/* Domain strings (SPEC-journal §7.2.3, §7.5, §7.6). */
#define PC__J_DOM_RECORD "paycode/v1/journal-record"
#define PC__J_DOM_CHAIN "paycode/v1/journal-chain"
#define PC__J_DOM_CHECKPOINT "paycode/v1/journal-checkpoint"
#define PC__J_DOM_RECEIPT "paycode/v1/receipt"

/* CRC-32 (IEEE 802.3, reflected 0xEDB88320), as the file store's. */
uint32_t pc__j_crc32(const uint8_t *p, size_t n);

/* Encode a record (type, seq, time and the body fields of rec) into
 * out[0..cap) with its header and CRC; *len is the frame length.
 * PC_ERR_INVALID_ARG for fields outside the format, PC_ERR_TOO_LONG for a
 * frame above PC_JOURNAL_FRAME_MAX, PC_ERR_BUFFER_TOO_SMALL. */
pc_err pc__j_encode(const pc_journal_record *rec, uint8_t *out, size_t cap,
		    size_t *len);

/* Check a frame's header in p[0..avail): PC_OK with *len the whole frame's
 * length when the header is sound (magic, version, known type, body length
 * within the format); PC_ERR_TRUNCATED when avail is shorter than the
 * header; PC_ERR_VERIFY otherwise. */
pc_err pc__j_header(const uint8_t *p, size_t avail, size_t *len);

/* Decode a whole frame of exactly len bytes (CRC, then a canonical body)
 * into rec, its leaf digest included. PC_OK; PC_ERR_VERIFY with *syntax 0
 * for a bad frame (header, CRC), with *syntax 1 for a frame whose CRC holds
 * but whose body is not canonical; PC_ERR_TOO_LONG for a canonical body
 * beyond this build's limits (trail, ID lengths); PC_ERR_CRYPTO. */
pc_err pc__j_decode(const uint8_t *p, size_t len, pc_journal_record *rec,
		    int *syntax);

/* H(dom || 0x00 || a || b) for a + b up to PC_JOURNAL_FRAME_MAX + 64. */
pc_err pc__j_hash(const char *dom, const uint8_t *a, size_t alen,
		  const uint8_t *b, size_t blen, uint8_t out[32]);

/* h = H(DOM_CHAIN || 0x00 || prev || leaf). */
pc_err pc__j_chain(const uint8_t prev[32], const uint8_t leaf[32],
		   uint8_t out[32]);

/* The digest a checkpoint signs (SPEC-journal §7.5). */
pc_err pc__j_checkpoint_digest(const pc_journal_record *cp, uint8_t out[32]);

/* The entry's rules beyond the byte format: the level against the
 * factors, the liability flag (PC-03). */
bool pc__j_entry_consistent(const pc_journal_entry *e);

/* strlen bounded by max (strnlen is POSIX, not C11). */
size_t pc__j_len(const char *s, size_t max);

/* Text of 0..max chars from [A-Za-z0-9._:-]. */
bool pc__j_id_ok(const char *s, size_t max);

/* Big-endian helpers for 64-bit signed values (two's complement). */
void pc__j_wr_i64(pc_wr *w, int64_t v);
pc_err pc__j_rd_i64(pc_rd *r, int64_t *v);
pc_err pc__j_rd_u64(pc_rd *r, uint64_t *v);

/* Reader internals shared with the writer: reposition r at a known good
 * point (offset, next index, head) and clear its end state. */
void pc__j_reader_seek(pc_journal_reader *r, uint64_t off, uint64_t seq,
		       const uint8_t head[32]);

/* ---- evidence bundles (core/evidence.c, SPEC-journal §7.7) */

enum {
	PC__EV_CODE = 1, PC__EV_CERT = 2, PC__EV_PREV = 3, PC__EV_RECORD = 4,
	PC__EV_PATH = 5, PC__EV_CHECKPOINT = 6, PC__EV_ITEMS = 7
};

/* The items of a parsed bundle: views into the caller's bytes. */
typedef struct pc__ev_view {
	pc_cbuf item[PC__EV_ITEMS]; /* indexed by tag; len 0 and ptr NULL: absent */
	uint8_t has[PC__EV_ITEMS];
} pc__ev_view;

/* Parse a bundle's structure: magic, version, items in strictly ascending
 * tag order with their lengths, the required ones present, nothing after.
 * PC_OK; PC_ERR_TRUNCATED; PC_ERR_VERIFY. */
pc_err pc__ev_parse(const uint8_t *in, size_t len, pc__ev_view *v);

/* The device certificate inside a qr-offline code text: PC_OK (copied to
 * cert), PC_ERR_NOT_FOUND (another form), PC_ERR_CODE_FORMAT. */
pc_err pc__ev_code_cert(const char *code, size_t len, uint8_t cert[PC_CERT_LEN]);

#endif /* PAYCODE_JOURNAL_INT_H */
