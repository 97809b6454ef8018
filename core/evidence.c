/*
 * Evidence bundles: the writer (pc_evidence_export) and the structural
 * reader (pc__ev_parse) of the bundle format (docs/SPEC-journal.md §7.7;
 * cn-payment-rules EV-04). Verification is in core/evidence_verify.c.
 *
 *   "PCEV" | version 1 | items: tag (1), length (2, big-endian), value
 *     1 CODE        the code text (optional: absent when not kept)
 *     2 CERT        the device certificate, 173 bytes (optional)
 *     3 PREV        h_{k-1}, the chain head before the record (32)
 *     4 RECORD      the DECISION record's frame
 *     5 PATH        the leaf digests of records k+1 .. c-1 (32 each)
 *     6 CHECKPOINT  the checkpoint record's frame, index c
 *   in this order, each at most once, 3..6 required, nothing after.
 *
 * The inclusion proof is the chain segment from the record to the first
 * checkpoint after it, reduced to leaf digests: the bundle carries no other
 * transaction's data (PIPL minimisation, EV-04) and grows by 32 bytes per
 * record between the two.
 */
#include <string.h>

#include <paycode/crypto.h>
#include <paycode/tlv.h>

#include "code_layout.h"
#include "journal_int.h"

#define EV_VERSION 1u

/* ---- reading */

static bool item_len_ok(unsigned tag, size_t n)
{
	switch (tag) {
	case PC__EV_CODE: return n >= 1 && n <= PC_QR_CODE_MAX_LEN;
	case PC__EV_CERT: return n == PC_CERT_LEN;
	case PC__EV_PREV: return n == 32;
	case PC__EV_RECORD: return n >= PC__J_OVERHEAD && n <= PC_JOURNAL_FRAME_MAX;
	case PC__EV_PATH: return n % 32u == 0;
	case PC__EV_CHECKPOINT: return n == PC__J_OVERHEAD + PC__J_CHECKPOINT_BODY;
	default: return false;
	}
}

pc_err pc__ev_parse(const uint8_t *in, size_t len, pc__ev_view *v)
{
	uint8_t magic[4], version = 0, tag = 0, last = 0;
	uint16_t n = 0;
	const uint8_t *p;
	pc_rd r;
	pc_err err;

	memset(v, 0, sizeof *v);
	pc__rd_init(&r, in, len);
	err = pc__rd_bytes(&r, magic, 4);
	err = err != PC_OK ? err : pc__rd_u8(&r, &version);
	if (err == PC_OK && (memcmp(magic, "PCEV", 4) != 0 || version != EV_VERSION))
		return PC_ERR_VERIFY;
	while (err == PC_OK && pc__rd_left(&r) != 0) {
		err = pc__rd_u8(&r, &tag);
		err = err != PC_OK ? err : pc__rd_u16be(&r, &n);
		err = err != PC_OK ? err : pc__rd_view(&r, n, &p);
		if (err == PC_OK && (tag <= last || tag >= PC__EV_ITEMS ||
				     !item_len_ok(tag, n)))
			return PC_ERR_VERIFY;
		if (err == PC_OK) {
			v->item[tag].ptr = p;
			v->item[tag].len = n;
			v->has[tag] = 1;
			last = tag;
		}
	}
	if (err == PC_OK && !(v->has[PC__EV_PREV] && v->has[PC__EV_RECORD] &&
			      v->has[PC__EV_PATH] && v->has[PC__EV_CHECKPOINT]))
		err = PC_ERR_TRUNCATED;
	return err;
}

pc_err pc__ev_code_cert(const char *code, size_t len, uint8_t cert[PC_CERT_LEN])
{
	uint8_t bin[PC__LEN_MAX];
	size_t n = 0;
	pc__code c;
	pc_err err;

	if (len <= PC_NUMERIC_LEN)
		return PC_ERR_NOT_FOUND;
	err = pc_base64_decode(code, len, bin, sizeof bin, &n);
	if (err == PC_OK)
		err = pc__code_layout_read(&c, bin, n);
	if (err != PC_OK)
		return PC_ERR_CODE_FORMAT;
	if (c.form != PC_FORM_QR_OFFLINE)
		return PC_ERR_NOT_FOUND;
	memcpy(cert, c.cert, PC_CERT_LEN);
	return PC_OK;
}

/* ---- writing */

static void wr_item(pc_wr *w, unsigned tag, const void *p, size_t n)
{
	pc__wr_u8(w, (uint8_t)tag);
	pc__wr_u16be(w, (uint16_t)n);
	pc__wr_bytes(w, p, n);
}

/* Magic, the code and the certificate (which a qr-offline code names). */
static pc_err wr_head(pc_wr *w, const char *code, size_t code_len,
		      const uint8_t *cert)
{
	uint8_t mine[PC_CERT_LEN];
	pc_err err = code != NULL ? pc__ev_code_cert(code, code_len, mine) :
		     PC_ERR_NOT_FOUND;

	if (err == PC_OK && cert != NULL && memcmp(mine, cert, PC_CERT_LEN) != 0)
		return PC_ERR_INVALID_ARG; /* not the code's certificate */
	pc__wr_bytes(w, "PCEV", 4);
	pc__wr_u8(w, EV_VERSION);
	if (code != NULL)
		wr_item(w, PC__EV_CODE, code, code_len);
	if (err == PC_OK)
		wr_item(w, PC__EV_CERT, mine, PC_CERT_LEN);
	else if (cert != NULL)
		wr_item(w, PC__EV_CERT, cert, PC_CERT_LEN);
	return PC_OK;
}

/* Read up to record seq; write PREV and RECORD. */
static pc_err wr_record(pc_journal_reader *r, uint64_t seq, const char *code,
			size_t code_len, pc_wr *w)
{
	pc_journal_record rec;
	uint8_t prev[32], digest[32];
	pc_cbuf frame;
	pc_err err;

	do {
		memcpy(prev, r->head, 32);
		err = pc_journal_reader_next(r, &rec);
	} while (err == PC_OK && rec.seq < seq);
	if (err != PC_OK)
		return err;
	if (rec.type != PC_JREC_DECISION)
		return PC_ERR_NOT_FOUND;
	if (code != NULL && (pc_sha256(code, code_len, digest) != PC_OK ||
			     memcmp(digest, rec.u.decision.digest, 32) != 0))
		return PC_ERR_VERIFY;
	err = pc_journal_reader_frame(r, &frame);
	if (PC_NEVER(err != PC_OK))
		return PC_ERR_INTERNAL;
	wr_item(w, PC__EV_PREV, prev, 32);
	wr_item(w, PC__EV_RECORD, frame.ptr, frame.len);
	return PC_OK;
}

/* The leaf digests up to the first checkpoint, then the checkpoint. */
static pc_err wr_path(pc_journal_reader *r, pc_wr *w)
{
	pc_journal_record rec;
	size_t at, n = 0;
	pc_cbuf frame;
	pc_err err;

	pc__wr_u8(w, PC__EV_PATH);
	at = w->len;
	pc__wr_u16be(w, 0);
	while ((err = pc_journal_reader_next(r, &rec)) == PC_OK &&
	       rec.type != PC_JREC_CHECKPOINT) {
		if (++n > PC_EVIDENCE_PATH_MAX)
			return PC_ERR_CAPACITY;
		pc__wr_bytes(w, rec.leaf, 32);
	}
	if (err != PC_OK)
		return err;
	if (w->err == PC_OK) {
		w->ptr[at] = (uint8_t)((n * 32u) >> 8);
		w->ptr[at + 1u] = (uint8_t)(n * 32u);
	}
	err = pc_journal_reader_frame(r, &frame);
	if (PC_NEVER(err != PC_OK))
		return PC_ERR_INTERNAL;
	wr_item(w, PC__EV_CHECKPOINT, frame.ptr, frame.len);
	return PC_OK;
}

pc_err pc_evidence_export(pc_journal_reader *r, const pc_platform *plat,
			  const char *name, uint64_t seq, const char *code,
			  size_t code_len, const uint8_t *cert, uint8_t *out,
			  size_t cap, size_t *out_len)
{
	pc_wr w;
	pc_err err;

	if (out_len == NULL || (out == NULL && cap != 0) ||
	    (code != NULL && (code_len == 0 || code_len > PC_QR_CODE_MAX_LEN)))
		return PC_ERR_INVALID_ARG;
	*out_len = 0;
	err = pc_journal_reader_init(r, plat, name, NULL);
	if (err != PC_OK)
		return err;
	pc__wr_init(&w, out, cap);
	err = wr_head(&w, code, code_len, cert);
	if (err == PC_OK)
		err = wr_record(r, seq, code, code_len, &w);
	if (err == PC_OK)
		err = wr_path(r, &w);
	if (err == PC_OK)
		err = w.err;
	*out_len = err == PC_OK ? w.len : 0;
	if (err != PC_OK && out != NULL)
		memset(out, 0, cap);
	return err;
}
