/*
 * Receipts (docs/SPEC-journal.md §7.6): a statement, signed with the
 * journal's checkpoint key, that record `seq` of journal `journal_id` holds
 * an approved payment with this code digest, amount and merchant. The
 * wallet keeps it: with it, a record that was deleted from the unsigned
 * tail of a journal, or altered, is still provable (its leaf digest is in
 * the receipt), and an evidence bundle can be matched against it.
 *
 * Layout (big-endian): "PCRC", version 1, suite, key ID (4), journal ID
 * (16), seq (8), time (8), leaf (32), code digest (32), token ID (8),
 * amount (8), currency (2), level (1), txn ID, merchant ID, terminal ID
 * (each a length byte and text), signature r || s (64) over
 * SHA-256("paycode/v1/receipt" || 0x00 || every byte before it).
 */
#include <string.h>

#include <paycode/crypto.h>

#include "journal_int.h"

#define RC_VERSION 1u

static void wr_text(pc_wr *w, const char *s)
{
	size_t n = strlen(s);

	pc__wr_u8(w, (uint8_t)n);
	pc__wr_bytes(w, s, n);
}

static pc_err rd_text(pc_rd *r, char out[PC_JOURNAL_TEXT_MAX + 1])
{
	uint8_t n = 0;
	pc_err err = pc__rd_u8(r, &n);

	if (err == PC_OK && n > PC_JOURNAL_TEXT_MAX)
		return PC_ERR_VERIFY;
	if (err == PC_OK)
		err = pc__rd_bytes(r, (uint8_t *)out, n);
	if (err != PC_OK)
		return err;
	out[n] = '\0';
	return pc__j_id_ok(out, PC_JOURNAL_TEXT_MAX) && strlen(out) == n ? PC_OK :
		PC_ERR_VERIFY;
}

static void wr_fields(pc_wr *w, const pc_receipt *rc)
{
	pc__wr_bytes(w, "PCRC", 4);
	pc__wr_u8(w, RC_VERSION);
	pc__wr_u8(w, rc->suite);
	pc__wr_u32be(w, rc->key_id);
	pc__wr_bytes(w, rc->journal_id, PC_JOURNAL_ID_LEN);
	pc__j_wr_i64(w, (int64_t)rc->seq);
	pc__j_wr_i64(w, rc->time);
	pc__wr_bytes(w, rc->leaf, 32);
	pc__wr_bytes(w, rc->digest, 32);
	pc__j_wr_i64(w, (int64_t)rc->token_id);
	pc__j_wr_i64(w, rc->amount);
	pc__wr_u16be(w, rc->currency);
	pc__wr_u8(w, rc->level);
	wr_text(w, rc->txn_id);
	wr_text(w, rc->merchant_id);
	wr_text(w, rc->terminal_id);
}

static pc_err rd_fields(pc_rd *r, pc_receipt *rc)
{
	uint8_t magic[4], version = 0;
	uint64_t u = 0;
	pc_err err = pc__rd_bytes(r, magic, 4);

	err = err != PC_OK ? err : pc__rd_u8(r, &version);
	err = err != PC_OK ? err : pc__rd_u8(r, &rc->suite);
	err = err != PC_OK ? err : pc__rd_u32be(r, &rc->key_id);
	err = err != PC_OK ? err : pc__rd_bytes(r, rc->journal_id, PC_JOURNAL_ID_LEN);
	err = err != PC_OK ? err : pc__j_rd_u64(r, &rc->seq);
	err = err != PC_OK ? err : pc__j_rd_i64(r, &rc->time);
	err = err != PC_OK ? err : pc__rd_bytes(r, rc->leaf, 32);
	err = err != PC_OK ? err : pc__rd_bytes(r, rc->digest, 32);
	err = err != PC_OK ? err : pc__j_rd_u64(r, &u);
	rc->token_id = u;
	err = err != PC_OK ? err : pc__j_rd_i64(r, &rc->amount);
	err = err != PC_OK ? err : pc__rd_u16be(r, &rc->currency);
	err = err != PC_OK ? err : pc__rd_u8(r, &rc->level);
	err = err != PC_OK ? err : rd_text(r, rc->txn_id);
	err = err != PC_OK ? err : rd_text(r, rc->merchant_id);
	err = err != PC_OK ? err : rd_text(r, rc->terminal_id);
	if (err == PC_OK && (memcmp(magic, "PCRC", 4) != 0 || version != RC_VERSION ||
			     rc->suite != PC_SUITE_1 || rc->time < -1 ||
			     rc->level > PC_RISK_D || rc->seq > (uint64_t)INT64_MAX))
		err = PC_ERR_VERIFY;
	return err;
}

pc_err pc_receipt_sign(const pc_journal *j, const pc_journal_entry *e,
		       const pc_journal_info *info, uint8_t *out, size_t cap,
		       size_t *out_len)
{
	uint8_t digest[32];
	pc_receipt rc;
	pc_wr w;
	pc_err err;

	if (j == NULL || j->plat == NULL || e == NULL || info == NULL || out_len == NULL ||
	    (out == NULL && cap != 0) || e->verdict != PC_APPROVE || info->seq == 0)
		return PC_ERR_INVALID_ARG;
	if (j->plat->key_sign == NULL)
		return PC_ERR_UNSUPPORTED;
	memset(&rc, 0, sizeof rc);
	rc.suite = PC_SUITE_1;
	rc.key_id = j->cfg.key_id;
	memcpy(rc.journal_id, j->journal_id, PC_JOURNAL_ID_LEN);
	rc.seq = info->seq;
	rc.time = info->time;
	memcpy(rc.leaf, info->leaf, 32);
	memcpy(rc.digest, e->digest, 32);
	rc.token_id = e->token_id;
	rc.amount = e->has_txn ? e->txn.amount : 0;
	rc.currency = e->has_txn ? e->txn.currency : 0;
	rc.level = e->level;
	memcpy(rc.txn_id, e->txn_id, pc__j_len(e->txn_id, PC_RISK_ID_MAX));
	memcpy(rc.merchant_id, e->txn.merchant_id, pc__j_len(e->txn.merchant_id, PC_RISK_ID_MAX));
	memcpy(rc.terminal_id, e->txn.terminal_id, pc__j_len(e->txn.terminal_id, PC_RISK_ID_MAX));
	pc__wr_init(&w, out, cap);
	wr_fields(&w, &rc);
	*out_len = w.len + 64u;
	if (w.err != PC_OK || cap - w.len < 64u)
		return PC_ERR_BUFFER_TOO_SMALL;
	err = pc__j_hash(PC__J_DOM_RECEIPT, out, w.len, NULL, 0, digest);
	if (err == PC_OK && j->plat->key_sign(j->plat->ctx, rc.key_id, digest,
					      out + w.len, 64) != PC_OK)
		err = PC_ERR_KEYSTORE;
	if (err != PC_OK)
		memset(out, 0, cap);
	return err;
}

pc_err pc_receipt_verify(const uint8_t *in, size_t len, const pc_journal_key *key,
			 pc_receipt *out)
{
	uint8_t digest[32];
	pc_receipt rc;
	pc_rd r;
	pc_err err;

	if (in == NULL || key == NULL)
		return PC_ERR_INVALID_ARG;
	memset(&rc, 0, sizeof rc);
	pc__rd_init(&r, in, len);
	err = rd_fields(&r, &rc);
	if (err == PC_OK)
		err = pc__rd_left(&r) == 64u ? PC_OK : PC_ERR_VERIFY;
	if (err != PC_OK)
		return err;
	memcpy(rc.sig, in + len - 64u, 64);
	if (rc.key_id != key->key_id)
		return PC_ERR_NOT_FOUND;
	err = pc__j_hash(PC__J_DOM_RECEIPT, in, len - 64u, NULL, 0, digest);
	if (err == PC_OK)
		err = pc_p256_verify(key->pub, digest, rc.sig);
	if (err == PC_OK && out != NULL)
		*out = rc;
	return err;
}
