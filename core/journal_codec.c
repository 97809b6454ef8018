/*
 * Journal records: the frame codec and the digests of the chain
 * (docs/SPEC-journal.md §7.2, §7.3, §7.5; cn-payment-rules EV-01, EV-03).
 *
 * A frame is: magic "PJ", version 1, type, body length (2), seq (8), time
 * (8), the body, and a CRC-32 of everything before it. The encoding is
 * canonical: every field has one accepted byte form, so a record has
 * exactly one frame and canonical(record) is the frame without its CRC.
 * The reader and the writer of each body live here, side by side (STYLE
 * §9); decoders read through the bounded cursor of core/buf.c only.
 */
#include <string.h>

#include <paycode/crypto.h>

#include "journal_int.h"

uint32_t pc__j_crc32(const uint8_t *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
	}
	return ~c;
}

pc_err pc__j_hash(const char *dom, const uint8_t *a, size_t alen,
		  const uint8_t *b, size_t blen, uint8_t out[32])
{
	uint8_t buf[64 + PC_JOURNAL_FRAME_MAX + 64];
	size_t n = strlen(dom);

	if (PC_NEVER(n + 1u + alen + blen > sizeof buf))
		return PC_ERR_INTERNAL;
	memcpy(buf, dom, n + 1u); /* the domain and its terminating zero */
	if (alen != 0)
		memcpy(buf + n + 1u, a, alen);
	if (blen != 0)
		memcpy(buf + n + 1u + alen, b, blen);
	return pc_sha256(buf, n + 1u + alen + blen, out) == PC_OK ? PC_OK :
		PC_ERR_CRYPTO;
}

pc_err pc__j_chain(const uint8_t prev[32], const uint8_t leaf[32],
		   uint8_t out[32])
{
	return pc__j_hash(PC__J_DOM_CHAIN, prev, 32, leaf, 32, out);
}

size_t pc__j_len(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n] != '\0')
		n++;
	return n;
}

bool pc__j_id_ok(const char *s, size_t max)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		char c = s[i];

		if (i >= max || !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
				  (c >= '0' && c <= '9') || c == '.' || c == '_' ||
				  c == ':' || c == '-'))
			return false;
	}
	return true;
}

void pc__j_wr_i64(pc_wr *w, int64_t v)
{
	uint64_t u = (uint64_t)v;

	pc__wr_u32be(w, (uint32_t)(u >> 32));
	pc__wr_u32be(w, (uint32_t)u);
}

pc_err pc__j_rd_u64(pc_rd *r, uint64_t *v)
{
	uint32_t hi = 0, lo = 0;
	pc_err err = pc__rd_u32be(r, &hi);

	if (err == PC_OK)
		err = pc__rd_u32be(r, &lo);
	*v = (uint64_t)hi << 32 | lo;
	return err;
}

pc_err pc__j_rd_i64(pc_rd *r, int64_t *v)
{
	uint64_t u = 0;
	pc_err err = pc__j_rd_u64(r, &u);

	/* Two's complement without implementation-defined conversions. */
	*v = u <= (uint64_t)INT64_MAX ? (int64_t)u : -(int64_t)(~u) - 1;
	return err;
}

static void wr_i32(pc_wr *w, int32_t v)
{
	pc__wr_u32be(w, (uint32_t)v);
}

static pc_err rd_i32(pc_rd *r, int32_t *v)
{
	uint32_t u = 0;
	pc_err err = pc__rd_u32be(r, &u);

	*v = u <= (uint32_t)INT32_MAX ? (int32_t)u : -(int32_t)(~u) - 1;
	return err;
}

/* Length byte and characters. */
static void wr_text(pc_wr *w, const char *s)
{
	size_t n = strlen(s);

	pc__wr_u8(w, (uint8_t)n);
	pc__wr_bytes(w, s, n);
}

/*
 * Read a length byte and that many characters into out (cap bytes with the
 * NUL). ids: [A-Za-z0-9._:-] (else printable ASCII); at most fmt_max
 * characters by the format (else *syntax), at most cap - 1 by this build
 * (else PC_ERR_TOO_LONG); at least min.
 */
static pc_err rd_text(pc_rd *r, char *out, size_t cap, size_t min, size_t fmt_max,
		      bool ids, int *syntax)
{
	const uint8_t *p;
	uint8_t n = 0;
	size_t i;

	if (pc__rd_u8(r, &n) != PC_OK || pc__rd_view(r, n, &p) != PC_OK ||
	    n < min || n > fmt_max) {
		*syntax = 1;
		return PC_ERR_VERIFY;
	}
	if (n >= cap)
		return PC_ERR_TOO_LONG;
	memcpy(out, p, n);
	out[n] = '\0';
	for (i = 0; i < n; i++)
		if (p[i] == '\0' || p[i] < 0x20 || p[i] > 0x7E)
			break;
	if (i < n || (ids && !pc__j_id_ok(out, fmt_max))) {
		*syntax = 1;
		return PC_ERR_VERIFY;
	}
	return PC_OK;
}

/* ---- DECISION ------------------------------------------------------------ */

static void wr_txn(pc_wr *w, const pc_journal_entry *e)
{
	pc__j_wr_i64(w, e->txn.amount);
	pc__wr_u16be(w, e->txn.currency);
	pc__wr_u16be(w, e->txn.mcc);
	wr_text(w, e->txn.merchant_id);
	wr_text(w, e->txn.terminal_id);
	pc__wr_u8(w, e->txn.has_location);
	wr_i32(w, e->txn.lat);
	wr_i32(w, e->txn.lon);
	pc__wr_u8(w, e->txn.offline);
}

static void wr_decision(pc_wr *w, const pc_journal_entry *e)
{
	size_t i;

	wr_text(w, e->txn_id);
	pc__wr_u8(w, e->mode);
	pc__wr_u32be(w, e->ttl);
	pc__wr_u32be(w, e->skew);
	pc__wr_bytes(w, e->digest, 32);
	pc__wr_u8(w, e->form);
	pc__wr_u8(w, e->token_known);
	pc__j_wr_i64(w, (int64_t)e->token_id);
	pc__j_wr_i64(w, (int64_t)e->cert_serial);
	pc__wr_u32be(w, e->counter);
	pc__j_wr_i64(w, e->gen_time);
	pc__wr_u8(w, e->code_flags);
	pc__wr_u8(w, e->consumed);
	pc__wr_u8(w, e->code_verdict);
	pc__wr_u8(w, e->code_reason);
	pc__wr_u8(w, e->verdict);
	pc__wr_u16be(w, e->risk_reason);
	pc__wr_u8(w, e->method);
	pc__wr_u8(w, e->level);
	pc__wr_u8(w, e->factors);
	pc__wr_u8(w, e->liability);
	pc__wr_u8(w, e->has_txn);
	wr_txn(w, e);
	pc__wr_u8(w, e->trail_len);
	for (i = 0; i < e->trail_len && i < PC_RISK_MAX_HOOKS; i++) {
		wr_text(w, e->trail[i].name);
		pc__wr_u8(w, (uint8_t)e->trail[i].verdict);
		pc__wr_u16be(w, (uint16_t)e->trail[i].reason);
		pc__wr_u8(w, (uint8_t)e->trail[i].method);
	}
}

/* The terminal request: all zero without one (SPEC-journal §7.3). */
static bool txn_zero(const pc_txn *t)
{
	return t->amount == 0 && t->currency == 0 && t->mcc == 0 &&
	       t->merchant_id[0] == '\0' && t->terminal_id[0] == '\0' &&
	       t->has_location == 0 && t->lat == 0 && t->lon == 0 && t->offline == 0;
}

static pc_err rd_txn(pc_rd *r, pc_journal_entry *e, int *syntax)
{
	pc_txn *t = &e->txn;
	int64_t amount = 0;
	pc_err err = pc__j_rd_i64(r, &amount);

	t->amount = amount;
	err = err != PC_OK ? err : pc__rd_u16be(r, &t->currency);
	err = err != PC_OK ? err : pc__rd_u16be(r, &t->mcc);
	err = err != PC_OK ? err : rd_text(r, t->merchant_id, sizeof t->merchant_id, 0,
					  PC_JOURNAL_TEXT_MAX, true, syntax);
	err = err != PC_OK ? err : rd_text(r, t->terminal_id, sizeof t->terminal_id, 0,
					  PC_JOURNAL_TEXT_MAX, true, syntax);
	err = err != PC_OK ? err : pc__rd_u8(r, &t->has_location);
	err = err != PC_OK ? err : rd_i32(r, &t->lat);
	err = err != PC_OK ? err : rd_i32(r, &t->lon);
	err = err != PC_OK ? err : pc__rd_u8(r, &t->offline);
	if (err == PC_ERR_TOO_LONG)
		return err;
	if (err != PC_OK || e->has_txn > 1 ||
	    (e->has_txn ? pc_txn_check(t) != PC_OK : !txn_zero(t)) ||
	    (!t->has_location && (t->lat != 0 || t->lon != 0))) {
		*syntax = 1;
		return PC_ERR_VERIFY;
	}
	return PC_OK;
}

static pc_err rd_trail(pc_rd *r, pc_journal_entry *e, int *syntax)
{
	uint8_t v = 0, m = 0;
	uint16_t reason = 0;
	size_t i;
	pc_err err = pc__rd_u8(r, &e->trail_len);

	if (err == PC_OK && e->trail_len > PC_RISK_MAX_HOOKS)
		return PC_ERR_TOO_LONG;
	for (i = 0; err == PC_OK && i < e->trail_len; i++) {
		err = rd_text(r, e->trail[i].name, sizeof e->trail[i].name, 1, 63,
			      false, syntax);
		err = err != PC_OK ? err : pc__rd_u8(r, &v);
		err = err != PC_OK ? err : pc__rd_u16be(r, &reason);
		err = err != PC_OK ? err : pc__rd_u8(r, &m);
		if (err == PC_OK && (v > PC_REFER_ONLINE || m > PC_RISK_M_CERT))
			err = PC_ERR_VERIFY;
		e->trail[i].verdict = (pc_verdict)v;
		e->trail[i].reason = (pc_risk_reason)reason;
		e->trail[i].method = (pc_risk_method)m;
	}
	if (err != PC_OK && err != PC_ERR_TOO_LONG)
		*syntax = 1;
	return err == PC_ERR_TOO_LONG ? err : (err == PC_OK ? PC_OK : PC_ERR_VERIFY);
}

/* The scalar fields after the digest, in format order. */
static pc_err rd_decision_fields(pc_rd *r, pc_journal_entry *e)
{
	uint64_t u = 0;
	pc_err err = pc__rd_u8(r, &e->form);

	err = err != PC_OK ? err : pc__rd_u8(r, &e->token_known);
	err = err != PC_OK ? err : pc__j_rd_u64(r, &e->token_id);
	err = err != PC_OK ? err : pc__j_rd_u64(r, &u);
	e->cert_serial = u;
	err = err != PC_OK ? err : pc__rd_u32be(r, &e->counter);
	err = err != PC_OK ? err : pc__j_rd_i64(r, &e->gen_time);
	err = err != PC_OK ? err : pc__rd_u8(r, &e->code_flags);
	err = err != PC_OK ? err : pc__rd_u8(r, &e->consumed);
	err = err != PC_OK ? err : pc__rd_u8(r, &e->code_verdict);
	err = err != PC_OK ? err : pc__rd_u8(r, &e->code_reason);
	err = err != PC_OK ? err : pc__rd_u8(r, &e->verdict);
	err = err != PC_OK ? err : pc__rd_u16be(r, &e->risk_reason);
	err = err != PC_OK ? err : pc__rd_u8(r, &e->method);
	err = err != PC_OK ? err : pc__rd_u8(r, &e->level);
	err = err != PC_OK ? err : pc__rd_u8(r, &e->factors);
	err = err != PC_OK ? err : pc__rd_u8(r, &e->liability);
	err = err != PC_OK ? err : pc__rd_u8(r, &e->has_txn);
	return err;
}

/* Field ranges of a decoded entry (SPEC-journal §7.3). */
static bool entry_ranges_ok(const pc_journal_entry *e)
{
	return (e->mode == PC_MODE_TERMINAL || e->mode == PC_MODE_PROVIDER) &&
	       e->ttl >= 10 && e->ttl <= 600 && e->skew <= 300 &&
	       e->form <= PC_FORM_QR_OFFLINE && e->token_known <= 1 &&
	       (e->token_known || e->token_id == 0) && e->gen_time >= 0 &&
	       (e->code_flags & ~0x03u) == 0 && e->consumed <= 1 &&
	       e->code_verdict <= PC_REFER_ONLINE && e->code_reason <= PC_R_CRL_STALE &&
	       e->verdict <= PC_REFER_ONLINE && e->method <= PC_RISK_M_CERT &&
	       e->level <= PC_RISK_D && (e->factors & ~PC_FACTOR_ALL) == 0 &&
	       e->liability <= 1;
}

bool pc__j_entry_consistent(const pc_journal_entry *e)
{
	bool approved = e->code_verdict == PC_APPROVE;

	if (e->liability != (e->level == PC_RISK_C) ||
	    (e->level != PC_RISK_D &&
	     e->level != pc_risk_level_of(e->factors, false)))
		return false;
	/* PC_APPROVE only with the code consumed and reason OK (SPEC §3.6);
	 * a refused code decides alone, with risk reason CODE and no hook. */
	if (approved != (e->code_reason == PC_R_OK) || (approved && !e->consumed))
		return false;
	if (!approved && (e->verdict != e->code_verdict ||
			  e->risk_reason != PC_RISK_R_CODE || e->trail_len != 0))
		return false;
	if (approved && e->verdict == PC_APPROVE && e->risk_reason != PC_RISK_R_OK)
		return false;
	return e->verdict == PC_STEP_UP || e->method == PC_RISK_M_NONE;
}

static pc_err rd_decision(pc_rd *r, pc_journal_entry *e, int *syntax)
{
	pc_err err = rd_text(r, e->txn_id, sizeof e->txn_id, 0, PC_JOURNAL_TEXT_MAX,
			     true, syntax);

	if (err != PC_OK)
		return err;
	err = pc__rd_u8(r, &e->mode);
	err = err != PC_OK ? err : pc__rd_u32be(r, &e->ttl);
	err = err != PC_OK ? err : pc__rd_u32be(r, &e->skew);
	err = err != PC_OK ? err : pc__rd_bytes(r, e->digest, 32);
	err = err != PC_OK ? err : rd_decision_fields(r, e);
	if (err != PC_OK) {
		*syntax = 1;
		return PC_ERR_VERIFY;
	}
	err = rd_txn(r, e, syntax);
	err = err != PC_OK ? err : rd_trail(r, e, syntax);
	if (err == PC_OK && (!entry_ranges_ok(e) || !pc__j_entry_consistent(e))) {
		*syntax = 1;
		err = PC_ERR_VERIFY;
	}
	return err;
}

/* ---- GENESIS, CHECKPOINT, RESUME, EVENT ------------------------------------ */

static void wr_body(pc_wr *w, const pc_journal_record *rec)
{
	switch (rec->type) {
	case PC_JREC_GENESIS:
		pc__wr_bytes(w, rec->u.genesis.journal_id, PC_JOURNAL_ID_LEN);
		pc__wr_u32be(w, rec->u.genesis.key_id);
		pc__wr_u8(w, rec->u.genesis.suite);
		pc__wr_u32be(w, rec->u.genesis.every);
		pc__wr_u32be(w, rec->u.genesis.seconds);
		wr_text(w, rec->u.genesis.writer_id);
		break;
	case PC_JREC_DECISION:
		wr_decision(w, &rec->u.decision);
		break;
	case PC_JREC_CHECKPOINT:
		pc__wr_bytes(w, rec->u.checkpoint.journal_id, PC_JOURNAL_ID_LEN);
		pc__wr_bytes(w, rec->u.checkpoint.head, 32);
		pc__wr_u32be(w, rec->u.checkpoint.key_id);
		pc__wr_u8(w, rec->u.checkpoint.suite);
		pc__wr_bytes(w, rec->u.checkpoint.sig, 64);
		break;
	case PC_JREC_RESUME:
		pc__j_wr_i64(w, (int64_t)rec->u.resume.torn_at);
		pc__wr_u32be(w, rec->u.resume.torn_len);
		pc__wr_bytes(w, rec->u.resume.digest, 32);
		break;
	case PC_JREC_EVENT:
		pc__wr_u8(w, rec->u.event.kind);
		pc__j_wr_i64(w, (int64_t)rec->u.event.token_id);
		pc__j_wr_i64(w, rec->u.event.when);
		wr_text(w, rec->u.event.ref);
		break;
	default:
		w->err = PC_ERR_INVALID_ARG;
		break;
	}
}

static pc_err rd_genesis(pc_rd *r, pc_journal_record *rec, int *syntax)
{
	pc_err err = pc__rd_bytes(r, rec->u.genesis.journal_id, PC_JOURNAL_ID_LEN);

	err = err != PC_OK ? err : pc__rd_u32be(r, &rec->u.genesis.key_id);
	err = err != PC_OK ? err : pc__rd_u8(r, &rec->u.genesis.suite);
	err = err != PC_OK ? err : pc__rd_u32be(r, &rec->u.genesis.every);
	err = err != PC_OK ? err : pc__rd_u32be(r, &rec->u.genesis.seconds);
	if (err == PC_OK && (rec->u.genesis.every < 1 ||
			     rec->u.genesis.every > PC_JOURNAL_EVERY_MAX ||
			     rec->u.genesis.seconds > PC_JOURNAL_SECONDS_MAX))
		err = PC_ERR_VERIFY;
	if (err != PC_OK) {
		*syntax = 1;
		return PC_ERR_VERIFY;
	}
	return rd_text(r, rec->u.genesis.writer_id, sizeof rec->u.genesis.writer_id, 0,
		       PC_JOURNAL_TEXT_MAX, true, syntax);
}

static pc_err rd_small(pc_rd *r, pc_journal_record *rec, int *syntax)
{
	uint64_t u = 0;
	pc_err err = PC_OK;

	if (rec->type == PC_JREC_CHECKPOINT) {
		err = pc__rd_bytes(r, rec->u.checkpoint.journal_id, PC_JOURNAL_ID_LEN);
		err = err != PC_OK ? err : pc__rd_bytes(r, rec->u.checkpoint.head, 32);
		err = err != PC_OK ? err : pc__rd_u32be(r, &rec->u.checkpoint.key_id);
		err = err != PC_OK ? err : pc__rd_u8(r, &rec->u.checkpoint.suite);
		err = err != PC_OK ? err : pc__rd_bytes(r, rec->u.checkpoint.sig, 64);
	} else if (rec->type == PC_JREC_RESUME) {
		err = pc__j_rd_u64(r, &u);
		rec->u.resume.torn_at = u;
		err = err != PC_OK ? err : pc__rd_u32be(r, &rec->u.resume.torn_len);
		err = err != PC_OK ? err : pc__rd_bytes(r, rec->u.resume.digest, 32);
		if (err == PC_OK && (rec->u.resume.torn_len < 1 ||
				     rec->u.resume.torn_len > PC_JOURNAL_TORN_MAX ||
				     u > (uint64_t)INT64_MAX))
			err = PC_ERR_VERIFY;
	} else {
		err = pc__rd_u8(r, &rec->u.event.kind);
		err = err != PC_OK ? err : pc__j_rd_u64(r, &rec->u.event.token_id);
		err = err != PC_OK ? err : pc__j_rd_i64(r, &rec->u.event.when);
		if (err == PC_OK && (rec->u.event.kind < PC_JEV_REPORTED_LOST ||
				     rec->u.event.kind > PC_JEV_OTHER ||
				     rec->u.event.when < 0))
			err = PC_ERR_VERIFY;
		if (err == PC_OK)
			return rd_text(r, rec->u.event.ref, sizeof rec->u.event.ref, 0,
				       PC_JOURNAL_TEXT_MAX, true, syntax);
	}
	if (err != PC_OK)
		*syntax = 1;
	return err == PC_OK ? PC_OK : PC_ERR_VERIFY;
}

/* ---- frames ------------------------------------------------------------------ */

pc_err pc__j_header(const uint8_t *p, size_t avail, size_t *len)
{
	size_t body;

	if (avail < PC_JOURNAL_HEADER_LEN)
		return PC_ERR_TRUNCATED;
	body = (size_t)p[4] << 8 | p[5];
	if (p[0] != 'P' || p[1] != 'J' || p[2] != PC_JOURNAL_VERSION ||
	    p[3] < PC_JREC_GENESIS || p[3] > PC_JREC_EVENT || body > PC__J_BODY_MAX ||
	    (p[3] == PC_JREC_CHECKPOINT && body != PC__J_CHECKPOINT_BODY) ||
	    (p[3] == PC_JREC_RESUME && body != PC__J_RESUME_BODY))
		return PC_ERR_VERIFY;
	*len = PC__J_OVERHEAD + body;
	return PC_OK;
}

pc_err pc__j_encode(const pc_journal_record *rec, uint8_t *out, size_t cap,
		    size_t *len)
{
	uint8_t body[PC__J_BODY_MAX + 64];
	pc_wr w, b;

	pc__wr_init(&b, body, sizeof body);
	wr_body(&b, rec);
	if (b.err == PC_ERR_BUFFER_TOO_SMALL || b.len > PC__J_BODY_MAX)
		return PC_ERR_TOO_LONG;
	if (b.err != PC_OK || rec->time < -1)
		return PC_ERR_INVALID_ARG;
	pc__wr_init(&w, out, cap);
	pc__wr_u8(&w, 'P');
	pc__wr_u8(&w, 'J');
	pc__wr_u8(&w, PC_JOURNAL_VERSION);
	pc__wr_u8(&w, rec->type);
	pc__wr_u16be(&w, (uint16_t)b.len);
	pc__j_wr_i64(&w, (int64_t)rec->seq);
	pc__j_wr_i64(&w, rec->time);
	pc__wr_bytes(&w, body, b.len);
	if (w.err == PC_OK)
		pc__wr_u32be(&w, pc__j_crc32(out, w.len));
	*len = w.len;
	return w.err;
}

/* The body of a frame whose header and CRC hold. */
static pc_err decode_body(pc_rd *r, pc_journal_record *rec, int *syntax)
{
	pc_err err;

	if (rec->type == PC_JREC_GENESIS)
		err = rd_genesis(r, rec, syntax);
	else if (rec->type == PC_JREC_DECISION)
		err = rd_decision(r, &rec->u.decision, syntax);
	else
		err = rd_small(r, rec, syntax);
	if (err == PC_OK && pc__rd_left(r) != 0) {
		*syntax = 1;
		err = PC_ERR_VERIFY;
	}
	return err;
}

pc_err pc__j_decode(const uint8_t *p, size_t len, pc_journal_record *rec,
		    int *syntax)
{
	uint64_t seq = 0;
	size_t flen = 0;
	uint32_t crc;
	pc_rd r;
	pc_err err;

	*syntax = 0;
	memset(rec, 0, sizeof *rec);
	if (pc__j_header(p, len, &flen) != PC_OK || flen != len)
		return PC_ERR_VERIFY;
	crc = (uint32_t)p[len - 4] << 24 | (uint32_t)p[len - 3] << 16 |
	      (uint32_t)p[len - 2] << 8 | p[len - 1];
	if (crc != pc__j_crc32(p, len - PC__J_CRC_LEN))
		return PC_ERR_VERIFY;
	pc__rd_init(&r, p + 6, len - 6 - PC__J_CRC_LEN);
	rec->type = p[3];
	rec->length = (uint32_t)len;
	err = pc__j_rd_u64(&r, &seq);
	rec->seq = seq;
	err = err != PC_OK ? err : pc__j_rd_i64(&r, &rec->time);
	if (PC_NEVER(err != PC_OK) || rec->time < -1 || seq > (uint64_t)INT64_MAX) {
		*syntax = 1;
		return PC_ERR_VERIFY;
	}
	err = decode_body(&r, rec, syntax);
	if (err != PC_OK)
		return err;
	return pc__j_hash(PC__J_DOM_RECORD, p, len - PC__J_CRC_LEN, NULL, 0, rec->leaf);
}

pc_err pc__j_checkpoint_digest(const pc_journal_record *cp, uint8_t out[32])
{
	uint8_t msg[PC_JOURNAL_ID_LEN + 8 + 8 + 32 + 4 + 1];
	pc_wr w;

	pc__wr_init(&w, msg, sizeof msg);
	pc__wr_bytes(&w, cp->u.checkpoint.journal_id, PC_JOURNAL_ID_LEN);
	pc__j_wr_i64(&w, (int64_t)cp->seq);
	pc__j_wr_i64(&w, cp->time);
	pc__wr_bytes(&w, cp->u.checkpoint.head, 32);
	pc__wr_u32be(&w, cp->u.checkpoint.key_id);
	pc__wr_u8(&w, cp->u.checkpoint.suite);
	if (PC_NEVER(w.err != PC_OK || w.len != sizeof msg))
		return PC_ERR_INTERNAL;
	return pc__j_hash(PC__J_DOM_CHECKPOINT, msg, sizeof msg, NULL, 0, out);
}
