/*
 * Journal writer: append-only, hash-chained, with signed checkpoints
 * (docs/SPEC-journal.md §7.2-§7.5; cn-payment-rules EV-01, EV-03, EV-05).
 *
 * Crash safety rests on two platform contracts (platform.h): a journal is
 * created by one storage_write_atomic (no journal, or genesis and first
 * checkpoint complete), and every later record is one storage_append, after
 * which storage holds the old bytes followed by some prefix of the new
 * ones. So a crash at any point leaves whole records and at most one torn
 * tail, which a reader reports (PC_JF_TORN) and the next writer accounts
 * for with a RESUME record before appending anything else (§7.4).
 *
 * After a failed append the writer does not know what landed: the record
 * may be absent, torn, or whole (a failed fsync). It marks itself dirty
 * and, before its next record, reads the tail back through its reader and
 * adopts a whole record, accounts for a torn one, or stops (PC_ERR_VERIFY)
 * when storage holds anything else.
 */
#include <string.h>

#include <paycode/crypto.h>

#include "journal_int.h"

static pc_time now_or_unknown(const pc_journal *j)
{
	pc_time now = -1;

	if (pc_platform_time(j->plat, &now) != PC_OK || now < 0)
		return -1;
	return now;
}

static bool cfg_ok(const pc_journal_cfg *c)
{
	return c->every >= 1 && c->every <= PC_JOURNAL_EVERY_MAX &&
	       c->seconds <= PC_JOURNAL_SECONDS_MAX &&
	       memchr(c->writer_id, '\0', sizeof c->writer_id) != NULL &&
	       pc__j_id_ok(c->writer_id, PC_RISK_ID_MAX);
}

static pc_err writer_init(pc_journal *j, const pc_platform *plat, const char *name)
{
	if (j == NULL || plat == NULL || name == NULL || plat->version == 0 ||
	    plat->version > PC_PLATFORM_VERSION || !pc_platform_name_ok(name))
		return PC_ERR_INVALID_ARG;
	if (plat->storage_read == NULL || plat->storage_append == NULL ||
	    plat->storage_write_atomic == NULL || plat->key_sign == NULL ||
	    plat->time_now == NULL || plat->rng == NULL)
		return PC_ERR_UNSUPPORTED;
	memset(j, 0, sizeof *j);
	j->plat = plat;
	memcpy(j->name, name, strlen(name) + 1u);
	j->last_cp_time = -1;
	return pc_journal_reader_init(&j->rd, plat, name, NULL);
}

/* Fill a CHECKPOINT record for the next index and sign it. */
static pc_err make_checkpoint(const pc_journal *j, pc_journal_record *cp)
{
	const pc_platform *p = j->plat;
	uint8_t digest[32];
	pc_err err;

	memset(cp, 0, sizeof *cp);
	cp->type = PC_JREC_CHECKPOINT;
	cp->seq = j->seq;
	cp->time = now_or_unknown(j);
	memcpy(cp->u.checkpoint.journal_id, j->journal_id, PC_JOURNAL_ID_LEN);
	memcpy(cp->u.checkpoint.head, j->head, 32);
	cp->u.checkpoint.key_id = j->cfg.key_id;
	cp->u.checkpoint.suite = PC_SUITE_1;
	err = pc__j_checkpoint_digest(cp, digest);
	if (err != PC_OK)
		return err;
	err = p->key_sign(p->ctx, j->cfg.key_id, digest, cp->u.checkpoint.sig,
			  sizeof cp->u.checkpoint.sig);
	return err == PC_OK ? PC_OK : PC_ERR_KEYSTORE;
}

/* The state after record rec (frame of len bytes, leaf) is durable. */
static pc_err advance(pc_journal *j, const pc_journal_record *rec, uint64_t len,
		      const uint8_t leaf[32])
{
	uint8_t head[32];
	pc_err err = pc__j_chain(j->head, leaf, head);

	if (err != PC_OK)
		return err;
	memcpy(j->head, head, 32);
	j->end += len;
	j->seq++;
	if (rec->type == PC_JREC_CHECKPOINT) {
		j->since_cp = 0;
		j->last_cp_time = rec->time;
	} else {
		j->since_cp++;
	}
	return PC_OK;
}

/* Encode rec, append it (one storage_append) and advance. On a failed
 * append the writer is dirty: what landed is judged before the next one. */
static pc_err append_record(pc_journal *j, const pc_journal_record *rec,
			    pc_journal_info *info)
{
	const pc_platform *p = j->plat;
	uint8_t leaf[32];
	size_t len = 0;
	pc_err err = pc__j_encode(rec, j->frame, sizeof j->frame, &len);

	if (err == PC_OK)
		err = pc__j_hash(PC__J_DOM_RECORD, j->frame, len - PC__J_CRC_LEN, NULL, 0,
				 leaf);
	if (err != PC_OK)
		return err;
	if (p->storage_append(p->ctx, j->name, j->frame, len) != PC_OK) {
		j->dirty = 1;
		return PC_ERR_STORAGE;
	}
	if (info != NULL) {
		info->seq = j->seq;
		info->offset = j->end;
		info->time = rec->time;
		memcpy(info->leaf, leaf, 32);
	}
	return advance(j, rec, len, leaf);
}

static pc_err checkpoint_now(pc_journal *j, pc_journal_info *info)
{
	pc_journal_record cp;
	pc_err err = make_checkpoint(j, &cp);

	if (err == PC_OK)
		err = append_record(j, &cp, info);
	return err;
}

/* Account for the torn run the reader stopped at with a RESUME record. */
static pc_err resume_torn(pc_journal *j)
{
	pc_journal_record rec;
	pc_journal_reader *r = &j->rd;

	memset(&rec, 0, sizeof rec);
	rec.type = PC_JREC_RESUME;
	rec.seq = j->seq;
	rec.time = now_or_unknown(j);
	/* The reader left the window at the torn run: exactly its bytes, up
	 * to the end of the object (PC_JF_TORN says so). */
	if (PC_NEVER(r->win_off != j->end || r->win_len == 0 ||
		     r->win_len > PC_JOURNAL_TORN_MAX))
		return PC_ERR_INTERNAL;
	rec.u.resume.torn_at = j->end;
	rec.u.resume.torn_len = (uint32_t)r->win_len;
	if (pc_sha256(r->win, r->win_len, rec.u.resume.digest) != PC_OK)
		return PC_ERR_CRYPTO;
	j->end += r->win_len; /* the RESUME record lands after the torn run */
	if (append_record(j, &rec, NULL) != PC_OK) {
		j->end -= r->win_len;
		return PC_ERR_STORAGE;
	}
	j->resumes++;
	return PC_OK;
}

/* Adopt every whole record after j->end (appends reported as failed that
 * landed), then account for a torn tail. Clears dirty on success. */
static pc_err resync(pc_journal *j)
{
	pc_journal_record rec;
	pc_err err;

	pc__j_reader_seek(&j->rd, j->end, j->seq, j->head);
	while ((err = pc_journal_reader_next(&j->rd, &rec)) == PC_OK) {
		j->end = j->rd.off;
		j->seq = j->rd.seq;
		memcpy(j->head, j->rd.head, 32);
		j->since_cp = rec.type == PC_JREC_CHECKPOINT ? 0 : j->since_cp + 1;
		if (rec.type == PC_JREC_CHECKPOINT)
			j->last_cp_time = rec.time;
	}
	if (err == PC_ERR_TRUNCATED)
		err = resume_torn(j);
	else if (err == PC_ERR_NOT_FOUND && j->rd.sum.fault == PC_JF_NONE)
		err = PC_OK;
	else if (err != PC_ERR_STORAGE)
		j->broken = 1; /* bytes no writer of this journal appended */
	if (err == PC_OK)
		j->dirty = 0;
	return err == PC_ERR_NOT_FOUND ? PC_ERR_VERIFY : err;
}

/* Before a record: a pending resynchronisation, an overdue checkpoint. */
static pc_err prepare(pc_journal *j)
{
	pc_err err = PC_OK;

	if (j->broken)
		return PC_ERR_VERIFY;
	if (j->dirty)
		err = resync(j);
	if (err == PC_OK && j->since_cp >= j->cfg.every)
		err = checkpoint_now(j, NULL);
	return err;
}

static bool checkpoint_due(const pc_journal *j)
{
	pc_time now;

	if (j->since_cp >= j->cfg.every)
		return true;
	if (j->cfg.seconds == 0 || j->since_cp == 0)
		return false;
	now = now_or_unknown(j);
	return now >= 0 && (j->last_cp_time < 0 || now < j->last_cp_time ||
			    now - j->last_cp_time >= (pc_time)j->cfg.seconds);
}

/* prepare, the record, a due checkpoint (reported in info only). */
static pc_err append_full(pc_journal *j, pc_journal_record *rec, pc_journal_info *info)
{
	pc_journal_info tmp, cpi;
	pc_journal_info *inf = info != NULL ? info : &tmp;
	pc_err err = prepare(j);

	memset(inf, 0, sizeof *inf);
	if (err != PC_OK)
		return err;
	rec->seq = j->seq;
	rec->time = now_or_unknown(j);
	err = append_record(j, rec, inf);
	if (err != PC_OK || !checkpoint_due(j))
		return err;
	inf->checkpoint_err = checkpoint_now(j, &cpi);
	inf->checkpointed = inf->checkpoint_err == PC_OK;
	inf->checkpoint_seq = inf->checkpointed ? cpi.seq : 0;
	return PC_OK;
}

/* ---- public functions */

/* The genesis record of a new journal (SPEC-journal §7.3). */
static void make_genesis(const pc_journal *j, pc_journal_record *rec)
{
	memset(rec, 0, sizeof *rec);
	rec->type = PC_JREC_GENESIS;
	rec->time = now_or_unknown(j);
	memcpy(rec->u.genesis.journal_id, j->journal_id, PC_JOURNAL_ID_LEN);
	rec->u.genesis.key_id = j->cfg.key_id;
	rec->u.genesis.suite = PC_SUITE_1;
	rec->u.genesis.every = j->cfg.every;
	rec->u.genesis.seconds = j->cfg.seconds;
	memcpy(rec->u.genesis.writer_id, j->cfg.writer_id, sizeof j->cfg.writer_id);
}

/* Encode rec at buf[*at..cap) and advance over it (not yet on storage). */
static pc_err stage(pc_journal *j, const pc_journal_record *rec, uint8_t *buf,
		    size_t cap, size_t *at)
{
	uint8_t leaf[32];
	size_t len = 0;
	pc_err err = pc__j_encode(rec, buf + *at, cap - *at, &len);

	if (err == PC_OK)
		err = pc__j_hash(PC__J_DOM_RECORD, buf + *at, len - PC__J_CRC_LEN, NULL,
				 0, leaf);
	if (err == PC_OK)
		err = advance(j, rec, len, leaf);
	*at += len;
	return err;
}

/* The object must not exist yet. */
static pc_err absent(const pc_journal *j)
{
	const pc_platform *p = j->plat;
	uint8_t probe;
	size_t got = 0;
	pc_err err = p->storage_read(p->ctx, j->name, 0, &probe, 1, &got);

	if (err == PC_ERR_NOT_FOUND)
		return PC_OK;
	return err == PC_OK ? PC_ERR_STALE : PC_ERR_STORAGE;
}

pc_err pc_journal_create(pc_journal *j, const pc_platform *plat, const char *name,
			 const pc_journal_cfg *cfg)
{
	pc_journal_record rec;
	uint8_t buf[2u * 160u];
	size_t len = 0;
	pc_err err = writer_init(j, plat, name);

	if (err != PC_OK)
		return err;
	pc_journal_cfg_default(&j->cfg);
	if (cfg != NULL)
		j->cfg = *cfg;
	err = cfg_ok(&j->cfg) ? absent(j) : PC_ERR_INVALID_ARG;
	if (err == PC_OK)
		err = pc_platform_random(plat, j->journal_id, PC_JOURNAL_ID_LEN);
	if (err == PC_OK) {
		make_genesis(j, &rec);
		err = stage(j, &rec, buf, sizeof buf, &len);
	}
	if (err == PC_OK)
		err = make_checkpoint(j, &rec);
	if (err == PC_OK)
		err = stage(j, &rec, buf, sizeof buf, &len);
	/* Both records at once: no journal, or this whole beginning. */
	if (err == PC_OK && plat->storage_write_atomic(plat->ctx, name, buf, len) != PC_OK)
		err = PC_ERR_STORAGE;
	if (err != PC_OK)
		pc_journal_wipe(j);
	return err;
}

/* Take the writer's state from a scan that ended at a clean end or a
 * torn tail. */
static void take_scan(pc_journal *j)
{
	const pc_journal_summary *s = &j->rd.sum;

	memcpy(j->journal_id, s->journal_id, PC_JOURNAL_ID_LEN);
	j->cfg.key_id = s->key_id;
	j->cfg.every = s->every;
	j->cfg.seconds = s->seconds;
	memset(j->cfg.writer_id, 0, sizeof j->cfg.writer_id);
	memcpy(j->cfg.writer_id, s->writer_id,
	       pc__j_len(s->writer_id, PC_RISK_ID_MAX));
	j->end = j->rd.off;
	j->seq = j->rd.seq;
	memcpy(j->head, j->rd.head, 32);
	j->since_cp = s->unsigned_tail;
}

pc_err pc_journal_open(pc_journal *j, const pc_platform *plat, const char *name,
		       pc_journal_summary *sum)
{
	pc_journal_record rec;
	pc_err err = writer_init(j, plat, name);

	if (err != PC_OK)
		return err;
	while ((err = pc_journal_reader_next(&j->rd, &rec)) == PC_OK)
		if (rec.type == PC_JREC_CHECKPOINT)
			j->last_cp_time = rec.time;
	if (sum != NULL)
		*sum = j->rd.sum;
	if (err == PC_ERR_NOT_FOUND && j->rd.sum.fault == PC_JF_NONE) {
		take_scan(j);
		return PC_OK;
	}
	/* A torn tail after the genesis: account for it. (A torn genesis is
	 * no journal: creation writes it atomically.) */
	if (err == PC_ERR_TRUNCATED && j->rd.sum.records > 0) {
		take_scan(j);
		j->dirty = 1;
		(void)resync(j); /* on failure, retried before the next record */
		return PC_OK;
	}
	pc_journal_wipe(j);
	return err;
}

pc_err pc_journal_append(pc_journal *j, const pc_journal_entry *e,
			 pc_journal_info *info)
{
	pc_journal_record rec, check;
	size_t len = 0;
	int syntax;
	pc_err err;

	if (j == NULL || j->plat == NULL || e == NULL)
		return PC_ERR_INVALID_ARG;
	memset(&rec, 0, sizeof rec);
	rec.type = PC_JREC_DECISION;
	rec.u.decision = *e;
	/* Refuse anything a reader would refuse: encode and decode once. */
	err = pc__j_encode(&rec, j->frame, sizeof j->frame, &len);
	if (err == PC_OK && pc__j_decode(j->frame, len, &check, &syntax) != PC_OK)
		err = PC_ERR_INVALID_ARG;
	if (err != PC_OK)
		return err == PC_ERR_TOO_LONG ? err : PC_ERR_INVALID_ARG;
	return append_full(j, &rec, info);
}

pc_err pc_journal_event(pc_journal *j, unsigned kind, uint64_t token, pc_time when,
			const char *ref, pc_journal_info *info)
{
	pc_journal_record rec;

	if (j == NULL || j->plat == NULL || kind < PC_JEV_REPORTED_LOST ||
	    kind > PC_JEV_OTHER || when < 0 ||
	    (ref != NULL && !pc__j_id_ok(ref, PC_RISK_ID_MAX)))
		return PC_ERR_INVALID_ARG;
	memset(&rec, 0, sizeof rec);
	rec.type = PC_JREC_EVENT;
	rec.u.event.kind = (uint8_t)kind;
	rec.u.event.token_id = token;
	rec.u.event.when = when;
	if (ref != NULL)
		memcpy(rec.u.event.ref, ref, strlen(ref) + 1u);
	return append_full(j, &rec, info);
}

pc_err pc_journal_checkpoint(pc_journal *j, pc_journal_info *info)
{
	pc_journal_info tmp;
	pc_err err;

	if (j == NULL || j->plat == NULL)
		return PC_ERR_INVALID_ARG;
	memset(info != NULL ? info : &tmp, 0, sizeof tmp);
	err = j->broken ? PC_ERR_VERIFY : j->dirty ? resync(j) : PC_OK;
	if (err == PC_OK)
		err = checkpoint_now(j, info);
	return err;
}

pc_err pc_journal_id(const pc_journal *j, uint8_t out[PC_JOURNAL_ID_LEN])
{
	if (j == NULL || out == NULL || j->plat == NULL)
		return PC_ERR_INVALID_ARG;
	memcpy(out, j->journal_id, PC_JOURNAL_ID_LEN);
	return PC_OK;
}

void pc_journal_wipe(pc_journal *j)
{
	if (j != NULL)
		pc_wipe(j, sizeof *j);
}
