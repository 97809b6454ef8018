/*
 * Journal reader: streams a journal through storage_read with a fixed
 * window and checks it record by record (docs/SPEC-journal.md §7.4):
 * frame (header, CRC-32, canonical body), sequence, genesis, chain,
 * checkpoints (journal ID, head, key ID, signature when a key is given),
 * and torn runs accounted for by RESUME records. Memory is the context:
 * bounded whatever the journal's size (EV-01; the journal's size is
 * limited only by storage).
 *
 * Storage contents are untrusted input (SECURITY.md I-1): every byte is
 * read through the window bounds and decoded with core/buf.c cursors.
 */
#include <string.h>

#include <paycode/crypto.h>

#include "journal_int.h"

/* ---- the window */

/* Fill the window with the bytes from off (fewer only at the end). */
static pc_err win_load(pc_journal_reader *r, uint64_t off)
{
	const pc_platform *p = r->plat;
	size_t n = 0, step;
	pc_err err;

	r->win_len = 0;
	r->win_ok = 0;
	do {
		step = 0;
		err = p->storage_read(p->ctx, r->name, off + n, r->win + n,
				      sizeof r->win - n, &step);
		if (err == PC_ERR_NOT_FOUND && off == 0 && n == 0)
			return PC_ERR_NOT_FOUND;
		if (err != PC_OK || step > sizeof r->win - n)
			return PC_ERR_STORAGE;
		n += step;
	} while (n < sizeof r->win && step != 0);
	r->win_off = off;
	r->win_len = n;
	r->win_ok = 1;
	return PC_OK;
}

/* True when the window reaches the end of the journal. */
static bool win_eof(const pc_journal_reader *r)
{
	return r->win_len < sizeof r->win;
}

/*
 * Point *p at offset off, reloading the window when it does not hold
 * [off, off + need) and might (the window's end is not the journal's).
 * *avail: bytes from off to the window's end (>= need unless at the end).
 */
static pc_err win_at(pc_journal_reader *r, uint64_t off, size_t need,
		     const uint8_t **p, size_t *avail)
{
	bool inside = r->win_ok && off >= r->win_off && off - r->win_off <= r->win_len;
	pc_err err;

	if (!inside || (off - r->win_off + need > r->win_len && !win_eof(r))) {
		err = win_load(r, off);
		if (err != PC_OK)
			return err;
	}
	*p = r->win + (size_t)(off - r->win_off);
	*avail = r->win_len - (size_t)(off - r->win_off);
	return PC_OK;
}

/* ---- outcome bookkeeping */

static pc_err stop(pc_journal_reader *r, pc_err err, unsigned fault, uint64_t off)
{
	r->stopped = 1;
	r->sum.err = err;
	r->sum.fault = (uint8_t)fault;
	r->sum.fault_index = r->seq;
	r->sum.fault_offset = off;
	return err;
}

static void count(pc_journal_reader *r, const pc_journal_record *rec)
{
	pc_journal_summary *s = &r->sum;

	s->records++;
	s->decisions += rec->type == PC_JREC_DECISION;
	s->events += rec->type == PC_JREC_EVENT;
	if (rec->type == PC_JREC_RESUME) {
		if (s->resumes++ == 0)
			s->first_resume = rec->seq;
		s->torn_bytes += rec->u.resume.torn_len;
	}
	if (rec->type == PC_JREC_CHECKPOINT) {
		s->checkpoints++;
		s->last_checkpoint = rec->seq;
		s->unsigned_tail = 0;
	} else {
		s->unsigned_tail++;
	}
	if (rec->time >= 0 && s->first_time < 0)
		s->first_time = rec->time;
	if (rec->time >= 0)
		s->last_time = rec->time;
	memcpy(s->head, r->head, 32);
	s->bytes = r->off;
}

static void take_genesis(pc_journal_reader *r, const pc_journal_record *rec)
{
	memcpy(r->sum.journal_id, rec->u.genesis.journal_id, PC_JOURNAL_ID_LEN);
	r->sum.key_id = rec->u.genesis.key_id;
	r->sum.every = rec->u.genesis.every;
	r->sum.seconds = rec->u.genesis.seconds;
	memcpy(r->sum.writer_id, rec->u.genesis.writer_id, sizeof r->sum.writer_id);
}

/* ---- the record rules (SPEC-journal §7.4) */

static unsigned check_checkpoint(const pc_journal_reader *r,
				 const pc_journal_record *rec)
{
	uint8_t digest[32];

	if (memcmp(rec->u.checkpoint.journal_id, r->sum.journal_id,
		   PC_JOURNAL_ID_LEN) != 0 ||
	    memcmp(rec->u.checkpoint.head, r->head, 32) != 0)
		return PC_JF_CHAIN;
	if (rec->u.checkpoint.key_id != r->sum.key_id ||
	    rec->u.checkpoint.suite != PC_SUITE_1 ||
	    (r->has_key && r->key.key_id != rec->u.checkpoint.key_id))
		return PC_JF_KEY;
	if (!r->has_key)
		return PC_JF_NONE;
	if (pc__j_checkpoint_digest(rec, digest) != PC_OK ||
	    pc_p256_verify(r->key.pub, digest, rec->u.checkpoint.sig) != PC_OK)
		return PC_JF_SIGNATURE;
	return PC_JF_NONE;
}

/* Judge a decoded record found at off (resumed: after a torn run). */
static unsigned judge(const pc_journal_reader *r, const pc_journal_record *rec,
		      uint64_t off, bool resumed)
{
	if (rec->seq != r->seq)
		return PC_JF_SEQ;
	if ((rec->type == PC_JREC_GENESIS) != (r->seq == 0) || (r->seq == 0 && off != 0))
		return PC_JF_GENESIS;
	if ((rec->type == PC_JREC_RESUME) != resumed)
		return PC_JF_SYNTAX;
	if (rec->type == PC_JREC_GENESIS && rec->u.genesis.suite != PC_SUITE_1)
		return PC_JF_KEY;
	if (rec->type == PC_JREC_CHECKPOINT)
		return check_checkpoint(r, rec);
	return PC_JF_NONE;
}

/* Take a record that decoded at off (length len). */
static pc_err accept(pc_journal_reader *r, pc_journal_record *rec, uint64_t off,
		     bool resumed, uint64_t fault_off)
{
	unsigned fault = judge(r, rec, off, resumed);
	uint8_t head[32];

	if (fault != PC_JF_NONE)
		return stop(r, PC_ERR_VERIFY, fault, resumed ? fault_off : off);
	if (pc__j_chain(r->head, rec->leaf, head) != PC_OK)
		return stop(r, PC_ERR_CRYPTO, PC_JF_NONE, off);
	if (rec->type == PC_JREC_GENESIS)
		take_genesis(r, rec);
	rec->offset = off;
	memcpy(r->head, head, 32);
	r->frame_off = off;
	r->frame_len = rec->length;
	r->off = off + rec->length;
	r->seq++;
	count(r, rec);
	return PC_OK;
}

/* ---- torn runs */

/* A frame at p whose header and CRC hold within avail bytes. */
static bool whole_frame(const uint8_t *p, size_t avail, size_t *len)
{
	if (pc__j_header(p, avail, len) != PC_OK || *len > avail)
		return false;
	return pc__j_crc32(p, *len - PC__J_CRC_LEN) ==
	       ((uint32_t)p[*len - 4] << 24 | (uint32_t)p[*len - 3] << 16 |
		(uint32_t)p[*len - 2] << 8 | p[*len - 1]);
}

/* The RESUME record at win[k] that accounts for win[0..k), if it is one. */
static bool resume_at(pc_journal_reader *r, size_t k, pc_journal_record *rec)
{
	uint8_t digest[32];
	size_t len = 0;
	int syntax;

	if (r->win[k] != 'P' || k + PC__J_RESUME_LEN > r->win_len ||
	    r->win[k + 3] != PC_JREC_RESUME ||
	    !whole_frame(r->win + k, r->win_len - k, &len) ||
	    pc__j_decode(r->win + k, len, rec, &syntax) != PC_OK)
		return false;
	return rec->type == PC_JREC_RESUME && rec->seq == r->seq &&
	       rec->u.resume.torn_at == r->win_off && rec->u.resume.torn_len == k &&
	       pc_sha256(r->win, k, digest) == PC_OK &&
	       memcmp(digest, rec->u.resume.digest, 32) == 0;
}

/*
 * The frame at x is bad or incomplete. Either a RESUME record within
 * PC_JOURNAL_TORN_MAX bytes accounts for the bytes from x to it (take
 * it), or the journal ends within that distance with no whole frame after
 * x (a torn tail), or it is corrupt.
 */
static pc_err bad_frame(pc_journal_reader *r, uint64_t x, pc_journal_record *rec)
{
	size_t k, len, lim;
	bool frame_after = false;
	pc_err err = win_load(r, x);

	if (err != PC_OK)
		return stop(r, PC_ERR_STORAGE, PC_JF_STORAGE, x);
	lim = r->win_len - 1u < PC_JOURNAL_TORN_MAX ? r->win_len - 1u : PC_JOURNAL_TORN_MAX;
	for (k = 1; k <= lim; k++) {
		if (resume_at(r, k, rec))
			return accept(r, rec, x + k, true, x);
		frame_after = frame_after || whole_frame(r->win + k, r->win_len - k, &len);
	}
	if (win_eof(r) && r->win_len <= PC_JOURNAL_TORN_MAX && !frame_after)
		return stop(r, PC_ERR_TRUNCATED, PC_JF_TORN, x);
	return stop(r, PC_ERR_VERIFY, PC_JF_FRAME, x);
}

/* ---- public functions */

void pc__j_reader_seek(pc_journal_reader *r, uint64_t off, uint64_t seq,
		       const uint8_t head[32])
{
	r->off = off;
	r->seq = seq;
	memcpy(r->head, head, 32);
	r->stopped = 0;
	r->sum.err = PC_OK;
	r->sum.fault = PC_JF_NONE;
	r->win_off = 0;
	r->win_len = 0;
	r->win_ok = 0;
	r->frame_len = 0;
}

pc_err pc_journal_reader_init(pc_journal_reader *r, const pc_platform *plat,
			      const char *name, const pc_journal_key *key)
{
	if (r == NULL || plat == NULL || name == NULL || plat->version == 0 ||
	    plat->version > PC_PLATFORM_VERSION || !pc_platform_name_ok(name))
		return PC_ERR_INVALID_ARG;
	if (plat->storage_read == NULL)
		return PC_ERR_UNSUPPORTED;
	if (key != NULL && pc_p256_check_public(key->pub) != PC_OK)
		return PC_ERR_BAD_KEY;
	memset(r, 0, sizeof *r);
	r->plat = plat;
	memcpy(r->name, name, strlen(name) + 1u);
	if (key != NULL) {
		r->has_key = 1;
		r->key = *key;
	}
	r->sum.signatures = r->has_key;
	r->sum.first_time = r->sum.last_time = -1;
	return PC_OK;
}

/* The frame at r->off is whole (len bytes at p): decode and take it. */
static pc_err take_frame(pc_journal_reader *r, const uint8_t *p, size_t len,
			 pc_journal_record *rec)
{
	int syntax = 0;
	pc_err err = pc__j_decode(p, len, rec, &syntax);

	if (err == PC_OK)
		return accept(r, rec, r->off, false, r->off);
	if (err == PC_ERR_TOO_LONG)
		return stop(r, PC_ERR_TOO_LONG, PC_JF_LIMIT, r->off);
	if (syntax)
		return stop(r, PC_ERR_VERIFY, PC_JF_SYNTAX, r->off);
	if (err == PC_ERR_CRYPTO)
		return stop(r, err, PC_JF_NONE, r->off);
	return bad_frame(r, r->off, rec);
}

pc_err pc_journal_reader_next(pc_journal_reader *r, pc_journal_record *out)
{
	pc_journal_record tmp, *rec = out != NULL ? out : &tmp;
	const uint8_t *p = NULL;
	size_t avail = 0, len = 0;
	pc_err err;

	if (r == NULL || r->plat == NULL)
		return PC_ERR_INVALID_ARG;
	if (r->stopped)
		return r->sum.err != PC_OK ? r->sum.err : PC_ERR_NOT_FOUND;
	err = win_at(r, r->off, PC_JOURNAL_HEADER_LEN, &p, &avail);
	if (err == PC_ERR_NOT_FOUND || (err == PC_OK && avail == 0 && r->seq == 0))
		return stop(r, PC_ERR_NOT_FOUND, PC_JF_EMPTY, r->off);
	if (err != PC_OK)
		return stop(r, PC_ERR_STORAGE, PC_JF_STORAGE, r->off);
	if (avail == 0) {
		r->stopped = 1; /* a clean end: sum.err stays PC_OK */
		return PC_ERR_NOT_FOUND;
	}
	if (pc__j_header(p, avail, &len) != PC_OK)
		return bad_frame(r, r->off, rec);
	err = win_at(r, r->off, len, &p, &avail);
	if (err != PC_OK)
		return stop(r, PC_ERR_STORAGE, PC_JF_STORAGE, r->off);
	if (avail < len)
		return bad_frame(r, r->off, rec);
	return take_frame(r, p, len, rec);
}

pc_err pc_journal_reader_frame(const pc_journal_reader *r, pc_cbuf *frame)
{
	if (r == NULL || frame == NULL)
		return PC_ERR_INVALID_ARG;
	if (r->frame_len == 0 || r->frame_off < r->win_off ||
	    r->frame_off - r->win_off + r->frame_len > r->win_len)
		return PC_ERR_NOT_FOUND;
	frame->ptr = r->win + (size_t)(r->frame_off - r->win_off);
	frame->len = r->frame_len;
	return PC_OK;
}

const pc_journal_summary *pc_journal_reader_summary(const pc_journal_reader *r)
{
	return &r->sum;
}

pc_err pc_journal_verify(pc_journal_reader *r, const pc_platform *plat,
			 const char *name, const pc_journal_key *key,
			 pc_journal_summary *sum)
{
	pc_journal_record rec;
	pc_err err;

	if (sum == NULL)
		return PC_ERR_INVALID_ARG;
	memset(sum, 0, sizeof *sum);
	sum->first_time = sum->last_time = -1;
	err = pc_journal_reader_init(r, plat, name, key);
	if (err != PC_OK) {
		sum->err = err;
		return err;
	}
	do {
		err = pc_journal_reader_next(r, &rec);
	} while (err == PC_OK);
	*sum = r->sum;
	return sum->err;
}

void pc_journal_reader_wipe(pc_journal_reader *r)
{
	if (r != NULL)
		pc_wipe(r, sizeof *r);
}
