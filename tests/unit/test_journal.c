/*
 * The journal (core/journal*.c) on the fake port, plus a long journal on
 * the POSIX port (the fake's objects hold 4 KB, about fourteen records).
 *
 * - Round trip: create, append, reopen, verify with and without the key;
 *   records decode to what was appended; checkpoint policy (every N
 *   records, every T seconds, forced); events (EV-05).
 * - Tamper evidence: every single-bit flip of a journal is detected and
 *   located at the record holding the byte; deleted, reordered, inserted
 *   and duplicated records; a record rewritten with a fresh CRC (chain
 *   fault at the next checkpoint), and with the whole chain recomputed
 *   (signature fault: only the key catches it).
 * - Crash safety: an append torn at every length is reported as a torn
 *   tail (never accepted), then accounted for by a RESUME on reopen and in
 *   the same process; a torn RESUME; a whole record whose append reported a
 *   failure (adopted); failed appends and failed writes; a failing key
 *   store (the record stays, the next append refuses until a checkpoint
 *   can be signed).
 * - Entries: pc_journal_entry_fill() from a validation and from a risk
 *   outcome; argument checks; receipts.
 */
#include <unistd.h>

#include <paycode/journal.h>
#include <paycode/crypto.h>
#include "fake.h"
#include "posix.h"

#include "testutil.h"

#define NOW ((pc_time)1800000000)
#define J "journal"
#define KEY 1u

static pc_fake fk, fk2;
static pc_platform plat, plat2;
static pc_journal jw, jw2;
static pc_journal_reader rd;
static pc_journal_key key;
static uint8_t buf[2 * PC_FAKE_OBJECT_CAP], buf2[2 * PC_FAKE_OBJECT_CAP];

/* ---- helpers */

static void setup_fake(uint64_t seed)
{
	pc_fake_init(&fk, seed, &plat);
	pc_fake_set_time(&fk, NOW);
	key.key_id = KEY;
	assert_int_equal(plat.key_generate(plat.ctx, KEY, PC_KEY_SUITE_P256, key.pub,
					   sizeof key.pub), PC_OK);
}

static void create(uint32_t every, uint32_t seconds)
{
	pc_journal_cfg c;

	pc_journal_cfg_default(&c);
	c.key_id = KEY;
	c.every = every;
	c.seconds = seconds;
	memcpy(c.writer_id, "TERM-01", 8);
	assert_int_equal(pc_journal_create(&jw, &plat, J, &c), PC_OK);
}

/* A decision for payment n: an approved qr-offline code (biometric: A). */
static void decision(pc_decision *d, unsigned n)
{
	char text[32];

	memset(d, 0, sizeof *d);
	d->verdict = PC_APPROVE;
	d->reason = PC_R_OK;
	d->form = PC_FORM_QR_OFFLINE;
	d->token_id = 0x0102030405060708u;
	d->cert_serial = 1001;
	d->counter = n;
	d->gen_time = NOW - 5;
	d->flags = PC_CODE_F_UV_BIOMETRIC;
	d->cert_flags = PC_CERT_F_OFFLINE | PC_CERT_F_BIOMETRIC;
	d->consumed = 1;
	snprintf(text, sizeof text, "code %u", n);
	assert_int_equal(pc_sha256(text, strlen(text), d->digest), PC_OK);
}

static void entry(pc_journal_entry *e, unsigned n)
{
	pc_decision d;
	pc_txn t;
	char id[16];

	decision(&d, n);
	memset(&t, 0, sizeof t);
	t.amount = 100 + n;
	t.currency = PC_CURRENCY_CNY;
	t.mcc = 5411;
	memcpy(t.merchant_id, "M-0001", 7);
	memcpy(t.terminal_id, "TERM-01", 8);
	t.has_location = 1;
	t.lat = 31230000;
	t.lon = 121470000;
	snprintf(id, sizeof id, "T%u", n);
	assert_int_equal(pc_journal_entry_fill(e, id, PC_MODE_TERMINAL, NULL, &d, &t,
					       NULL), PC_OK);
}

static pc_err append(unsigned n, pc_journal_info *info)
{
	pc_journal_entry e;

	entry(&e, n);
	return pc_journal_append(&jw, &e, info);
}

static size_t obj_get(const pc_platform *p, uint8_t *out, size_t cap)
{
	size_t got = 0;

	assert_int_equal(p->storage_read(p->ctx, J, 0, out, cap, &got), PC_OK);
	return got;
}

static void obj_put(const pc_platform *p, const uint8_t *in, size_t len)
{
	assert_int_equal(p->storage_write_atomic(p->ctx, J, in, len), PC_OK);
}

static pc_err verify(const pc_platform *p, const pc_journal_key *k,
		     pc_journal_summary *s)
{
	return pc_journal_verify(&rd, p, J, k, s);
}

/* Offsets and lengths of the records of the journal as it is now. */
static size_t offsets(uint64_t off[64], uint32_t len[64])
{
	pc_journal_record rec;
	size_t n = 0;

	assert_int_equal(pc_journal_reader_init(&rd, &plat, J, NULL), PC_OK);
	while (pc_journal_reader_next(&rd, &rec) == PC_OK && n < 64) {
		off[n] = rec.offset;
		len[n] = rec.length;
		n++;
	}
	return n;
}

/* A copy of the fake, as after a power loss now. */
static void crash_copy(void)
{
	memcpy(&fk2, &fk, sizeof fk);
	plat2 = plat;
	plat2.ctx = &fk2;
}

/* ---- round trip */

static void test_round_trip(void **state)
{
	pc_journal_summary s;
	pc_journal_record rec;
	pc_journal_entry e;
	pc_journal_info info;
	unsigned i;

	(void)state;
	setup_fake(1);
	create(64, 0);
	for (i = 0; i < 5; i++) {
		assert_int_equal(append(i, &info), PC_OK);
		assert_int_equal(info.seq, 2 + i);
		assert_int_equal(info.checkpointed, 0);
	}
	assert_int_equal(verify(&plat, &key, &s), PC_OK);
	assert_int_equal(s.records, 7);
	assert_int_equal(s.decisions, 5);
	assert_int_equal(s.checkpoints, 1);
	assert_int_equal(s.unsigned_tail, 5);
	assert_int_equal(s.signatures, 1);
	assert_int_equal(s.key_id, KEY);
	assert_string_equal(s.writer_id, "TERM-01");
	assert_int_equal(s.first_time, NOW);
	/* The records decode to what was appended. */
	assert_int_equal(pc_journal_reader_init(&rd, &plat, J, &key), PC_OK);
	for (i = 0; i < 7; i++) {
		assert_int_equal(pc_journal_reader_next(&rd, &rec), PC_OK);
		assert_int_equal(rec.seq, i);
		if (i < 2)
			continue;
		entry(&e, i - 2);
		assert_int_equal(rec.type, PC_JREC_DECISION);
		assert_memory_equal(&rec.u.decision, &e, sizeof e);
	}
	assert_int_equal(pc_journal_reader_next(&rd, &rec), PC_ERR_NOT_FOUND);
	assert_int_equal(pc_journal_reader_next(&rd, &rec), PC_ERR_NOT_FOUND);
	/* Reopen and go on. */
	pc_journal_wipe(&jw);
	assert_int_equal(pc_journal_open(&jw, &plat, J, &s), PC_OK);
	assert_int_equal(s.records, 7);
	assert_int_equal(append(5, &info), PC_OK);
	assert_int_equal(info.seq, 7);
	assert_int_equal(pc_journal_checkpoint(&jw, &info), PC_OK);
	assert_int_equal(info.seq, 8);
	assert_int_equal(verify(&plat, &key, &s), PC_OK);
	assert_int_equal(s.records, 9);
	assert_int_equal(s.unsigned_tail, 0);
	assert_int_equal(s.last_checkpoint, 8);
	/* Without the key: the chain only. */
	assert_int_equal(verify(&plat, NULL, &s), PC_OK);
	assert_int_equal(s.signatures, 0);
}

static void test_checkpoint_policy(void **state)
{
	pc_journal_summary s;
	pc_journal_info info;
	unsigned i;

	(void)state;
	setup_fake(2);
	create(3, 0);
	for (i = 0; i < 7; i++) {
		assert_int_equal(append(i, &info), PC_OK);
		/* seq 2,3,4 then a checkpoint (5); 6,7,8 then 9; 10. */
		assert_int_equal(info.checkpointed, i == 2 || i == 5);
	}
	assert_int_equal(verify(&plat, &key, &s), PC_OK);
	assert_int_equal(s.checkpoints, 3);
	assert_int_equal(s.last_checkpoint, 9);
	assert_int_equal(s.unsigned_tail, 1);
	/* Every T seconds. */
	setup_fake(3);
	create(1000, 10);
	assert_int_equal(append(0, &info), PC_OK);
	assert_int_equal(info.checkpointed, 0);
	pc_fake_set_time(&fk, NOW + 10);
	assert_int_equal(append(1, &info), PC_OK);
	assert_int_equal(info.checkpointed, 1);
	assert_int_equal(info.checkpoint_seq, 4);
	pc_fake_set_time(&fk, NOW + 15);
	assert_int_equal(append(2, &info), PC_OK);
	assert_int_equal(info.checkpointed, 0);
	/* An unknown clock is written as -1 and triggers no time checkpoint. */
	pc_fake_set_time_unknown(&fk);
	assert_int_equal(append(3, &info), PC_OK);
	assert_int_equal(info.time, -1);
	assert_int_equal(info.checkpointed, 0);
	assert_int_equal(verify(&plat, &key, &s), PC_OK);
	assert_int_equal(s.checkpoints, 2);
	assert_int_equal(s.last_time, NOW + 15);
}

static void test_events(void **state)
{
	pc_journal_summary s;
	pc_journal_record rec;
	pc_journal_info info;

	(void)state;
	setup_fake(4);
	create(64, 0);
	assert_int_equal(pc_journal_event(&jw, PC_JEV_REPORTED_LOST, 0x0102030405060708u,
					  NOW - 100, "CASE-42", &info), PC_OK);
	assert_int_equal(pc_journal_event(&jw, PC_JEV_POLICE_REPORT, 1, NOW, NULL, NULL),
			 PC_OK);
	assert_int_equal(pc_journal_event(&jw, 0, 1, NOW, NULL, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_journal_event(&jw, 4, 1, NOW, NULL, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_journal_event(&jw, 1, 1, -1, NULL, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_journal_event(&jw, 1, 1, NOW, "bad ref", NULL),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(verify(&plat, &key, &s), PC_OK);
	assert_int_equal(s.events, 2);
	assert_int_equal(pc_journal_reader_init(&rd, &plat, J, &key), PC_OK);
	assert_int_equal(pc_journal_reader_next(&rd, &rec), PC_OK);
	assert_int_equal(pc_journal_reader_next(&rd, &rec), PC_OK);
	assert_int_equal(pc_journal_reader_next(&rd, &rec), PC_OK);
	assert_int_equal(rec.type, PC_JREC_EVENT);
	assert_int_equal(rec.u.event.kind, PC_JEV_REPORTED_LOST);
	assert_int_equal(rec.u.event.when, NOW - 100);
	assert_string_equal(rec.u.event.ref, "CASE-42");
	assert_string_equal(pc_journal_event_name(rec.u.event.kind), "REPORTED_LOST");
}

/* ---- tamper evidence */

/* A journal of 2 + 8 records with checkpoints every 4: 14 records. */
static size_t tamper_fixture(uint64_t off[64], uint32_t len[64])
{
	unsigned i;

	setup_fake(5);
	create(4, 0);
	for (i = 0; i < 9; i++)
		assert_int_equal(append(i, NULL), PC_OK);
	return offsets(off, len);
}

static size_t record_at(const uint64_t off[64], size_t n, size_t byte)
{
	size_t i = n;

	while (i > 0 && off[i - 1] > byte)
		i--;
	return i - 1;
}

static void test_flip_every_bit(void **state)
{
	uint64_t off[64];
	uint32_t len[64];
	pc_journal_summary s;
	size_t n = tamper_fixture(off, len), total, at, r;
	unsigned bit;

	(void)state;
	total = obj_get(&plat, buf, sizeof buf);
	assert_int_equal(n, 13);
	assert_int_equal(off[n - 1] + len[n - 1], total);
	/* One bit of every byte (a different bit each time), the chain only;
	 * with the key for every eighth byte (signatures are slow under
	 * valgrind). CRC-32 catches every single-bit error, so the fault is
	 * located at the record holding the byte. */
	for (at = 0; at < total; at++) {
		bit = (unsigned)(at * 5u % 8u);
		crash_copy();
		memcpy(buf2, buf, total);
		buf2[at] ^= (uint8_t)(1u << bit);
		obj_put(&plat2, buf2, total);
		r = record_at(off, n, at);
		assert_int_not_equal(verify(&plat2, at % 8 == 0 ? &key : NULL, &s), PC_OK);
		assert_int_equal(s.fault_index, r);
		assert_int_equal(s.fault_offset, off[r]);
		assert_int_equal(s.records, r);
		/* The last record alone reads as a torn tail: a bad frame with
		 * nothing whole after it. */
		assert_int_equal(s.fault, r == n - 1 ? PC_JF_TORN : PC_JF_FRAME);
	}
}

/* Rebuild the object from records (indexes into the fixture). */
static size_t splice(const uint64_t off[64], const uint32_t len[64],
		     const size_t *order, size_t k)
{
	size_t i, n = 0;

	for (i = 0; i < k; i++) {
		memcpy(buf2 + n, buf + off[order[i]], len[order[i]]);
		n += len[order[i]];
	}
	crash_copy();
	obj_put(&plat2, buf2, n);
	return n;
}

static void test_delete_reorder_insert(void **state)
{
	uint64_t off[64];
	uint32_t len[64];
	pc_journal_summary s;
	size_t n = tamper_fixture(off, len), order[64], i, k;

	(void)state;
	(void)obj_get(&plat, buf, sizeof buf);
	for (k = 2; k < n; k++) {
		/* delete record k */
		for (i = 0; i < n - 1; i++)
			order[i] = i < k ? i : i + 1;
		(void)splice(off, len, order, n - 1);
		if (k == n - 1) {
			/* dropping the last record leaves a shorter valid journal:
			 * only the checkpoints and receipts can tell (unsigned tail) */
			assert_int_equal(verify(&plat2, &key, &s), PC_OK);
			continue;
		}
		assert_int_equal(verify(&plat2, &key, &s), PC_ERR_VERIFY);
		assert_int_equal(s.fault, PC_JF_SEQ);
		assert_int_equal(s.fault_index, k);
		assert_int_equal(s.fault_offset, off[k]);
		/* swap k and k + 1 */
		for (i = 0; i < n; i++)
			order[i] = i == k ? k + 1 : i == k + 1 ? k : i;
		(void)splice(off, len, order, n);
		assert_int_equal(verify(&plat2, &key, &s), PC_ERR_VERIFY);
		assert_int_equal(s.fault, PC_JF_SEQ);
		assert_int_equal(s.fault_index, k);
		/* insert a copy of k after it */
		for (i = 0; i <= n; i++)
			order[i] = i <= k ? i : i - 1;
		(void)splice(off, len, order, n + 1);
		assert_int_equal(verify(&plat2, &key, &s), PC_ERR_VERIFY);
		assert_int_equal(s.fault, PC_JF_SEQ);
		assert_int_equal(s.fault_index, k + 1);
		assert_int_equal(s.fault_offset, off[k] + len[k]);
	}
	/* A second genesis in place of record 2. */
	order[0] = 0;
	order[1] = 1;
	order[2] = 0;
	(void)splice(off, len, order, 3);
	assert_int_equal(verify(&plat2, &key, &s), PC_ERR_VERIFY);
	assert_int_equal(s.fault, PC_JF_SEQ);
}

static void put_be(uint8_t *p, uint64_t v, unsigned n)
{
	while (n-- > 0) {
		p[n] = (uint8_t)v;
		v >>= 8;
	}
}

static void recrc(uint8_t *frame, size_t len)
{
	uint32_t c = 0xFFFFFFFFu;
	size_t i;
	int k;

	for (i = 0; i < len - 4; i++) {
		c ^= frame[i];
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
	}
	put_be(frame + len - 4, ~c, 4);
}

/* H(dom || 0 || a || b), as SPEC-journal §7.2.3 writes it. */
static void dhash(const char *dom, const uint8_t *a, size_t alen, const uint8_t *b,
		  size_t blen, uint8_t out[32])
{
	static uint8_t m[4096];
	size_t n = strlen(dom) + 1;

	memcpy(m, dom, n);
	memcpy(m + n, a, alen);
	if (blen)
		memcpy(m + n + alen, b, blen);
	assert_int_equal(pc_sha256(m, n + alen + blen, out), PC_OK);
}

static void test_forged_records(void **state)
{
	uint64_t off[64];
	uint32_t len[64];
	pc_journal_summary s;
	uint8_t head[32] = { 0 }, leaf[32];
	size_t n = tamper_fixture(off, len), total, i;

	(void)state;
	total = obj_get(&plat, buf, sizeof buf);
	/* Record 3 (a decision) with a new amount and a fresh CRC: the chain
	 * breaks at the next checkpoint (record 6). The amount is the first
	 * field after the has_txn byte. */
	memcpy(buf2, buf, total);
	/* header 22, txn "T1" 3, mode 1, ttl 4, skew 4, digest 32, form 1,
	 * token 9, serial 8, counter 4, time 8, 9 one- and two-byte fields:
	 * the amount is bytes 108..115 (107 -> 106, still valid) */
	buf2[off[3] + 115] ^= 0x01;
	recrc(buf2 + off[3], len[3]);
	crash_copy();
	obj_put(&plat2, buf2, total);
	assert_int_equal(verify(&plat2, NULL, &s), PC_ERR_VERIFY);
	assert_int_equal(s.fault, PC_JF_CHAIN);
	assert_int_equal(s.fault_index, 6);
	/* Recompute every checkpoint head (and CRC) after it: without the key
	 * the chain verifies; the key catches the forged checkpoints. */
	for (i = 0; i < n; i++) {
		if (buf2[off[i] + 3] == PC_JREC_CHECKPOINT) {
			memcpy(buf2 + off[i] + 22 + 16, head, 32);
			recrc(buf2 + off[i], len[i]);
		}
		dhash("paycode/v1/journal-record", buf2 + off[i], len[i] - 4, NULL, 0, leaf);
		dhash("paycode/v1/journal-chain", head, 32, leaf, 32, head);
	}
	obj_put(&plat2, buf2, total);
	assert_int_equal(verify(&plat2, NULL, &s), PC_OK);
	assert_int_equal(verify(&plat2, &key, &s), PC_ERR_VERIFY);
	assert_int_equal(s.fault, PC_JF_SIGNATURE);
	assert_int_equal(s.fault_index, 6);
	/* Another key ID in the checkpoint: KEY. */
	key.key_id = KEY + 1;
	assert_int_equal(verify(&plat, &key, &s), PC_ERR_VERIFY);
	assert_int_equal(s.fault, PC_JF_KEY);
	assert_int_equal(s.fault_index, 1);
	key.key_id = KEY;
}

/* ---- crash safety */

static void test_torn_every_length(void **state)
{
	static pc_fake before;
	static pc_journal jbefore;
	pc_journal_summary s;
	pc_journal_info info;
	size_t base, full, k;
	unsigned mode;

	(void)state;
	setup_fake(6);
	create(64, 0);
	assert_int_equal(append(0, NULL), PC_OK);
	base = obj_get(&plat, buf, sizeof buf);
	memcpy(&before, &fk, sizeof fk);
	jbefore = jw;
	assert_int_equal(append(1, NULL), PC_OK);
	full = obj_get(&plat, buf, sizeof buf) - base;
	for (mode = 0; mode < 2; mode++) {
		for (k = 1; k <= full; k += mode == 0 ? 1 : 13) {
			/* back to the state before the second record */
			memcpy(&fk, &before, sizeof fk);
			jw = jbefore;
			pc_fake_short_append(&fk, k);
			assert_int_equal(append(1, NULL), PC_ERR_STORAGE);
			if (k < full) {
				assert_int_equal(verify(&plat, NULL, &s), PC_ERR_TRUNCATED);
				assert_int_equal(s.fault, PC_JF_TORN);
				assert_int_equal(s.fault_index, 3);
				assert_int_equal(s.fault_offset, base);
				assert_int_equal(s.records, 3);
			} else {
				/* whole, but reported failed (fsync): it is there */
				assert_int_equal(verify(&plat, NULL, &s), PC_OK);
				assert_int_equal(s.records, 4);
			}
			if (mode == 1) { /* a restart instead of going on */
				pc_journal_wipe(&jw);
				assert_int_equal(pc_journal_open(&jw, &plat, J, &s), PC_OK);
			}
			assert_int_equal(append(2, &info), PC_OK);
			assert_int_equal(verify(&plat, k % 16 == 1 ? &key : NULL, &s), PC_OK);
			assert_int_equal(s.resumes, k < full ? 1 : 0);
			assert_int_equal(s.torn_bytes, k < full ? k : 0);
			/* torn: d0, RESUME 3, d2 at 4; whole: d0, d1 3, d2 at 4 */
			assert_int_equal(info.seq, 4);
			assert_int_equal(s.records, 5);
		}
	}
}

static void test_torn_resume(void **state)
{
	pc_journal_summary s;
	size_t k;

	(void)state;
	for (k = 1; k < 70; k += 7) {
		setup_fake(7);
		create(64, 0);
		pc_fake_short_append(&fk, 100);
		assert_int_equal(append(0, NULL), PC_ERR_STORAGE);
		/* the RESUME tears as well */
		pc_fake_short_append(&fk, k);
		assert_int_equal(append(1, NULL), PC_ERR_STORAGE);
		assert_int_equal(verify(&plat, &key, &s), PC_ERR_TRUNCATED);
		assert_int_equal(s.fault_offset, s.bytes);
		/* a restart: one RESUME accounts for both runs */
		pc_journal_wipe(&jw);
		assert_int_equal(pc_journal_open(&jw, &plat, J, &s), PC_OK);
		assert_int_equal(append(2, NULL), PC_OK);
		assert_int_equal(verify(&plat, &key, &s), PC_OK);
		assert_int_equal(s.resumes, 1);
		assert_int_equal(s.torn_bytes, 100 + k);
		assert_int_equal(s.first_resume, 2);
	}
}

static void test_failed_appends(void **state)
{
	pc_journal_summary s;
	pc_journal_info info;
	size_t before;

	(void)state;
	setup_fake(8);
	create(2, 0);
	before = obj_get(&plat, buf, sizeof buf);
	pc_fake_fail(&fk, PC_FAKE_FAIL_APPEND, true);
	assert_int_equal(append(0, NULL), PC_ERR_STORAGE);
	assert_int_equal(obj_get(&plat, buf, sizeof buf), before);
	pc_fake_fail(&fk, PC_FAKE_FAIL_APPEND, false);
	assert_int_equal(append(0, &info), PC_OK);
	assert_int_equal(info.seq, 2);
	/* The key store fails when a checkpoint is due: the record stays. */
	pc_fake_fail(&fk, PC_FAKE_FAIL_KEYSTORE, true);
	assert_int_equal(append(1, &info), PC_OK);
	assert_int_equal(info.checkpointed, 0);
	assert_int_equal(info.checkpoint_err, PC_ERR_KEYSTORE);
	/* Overdue: nothing more is written without a signed checkpoint. */
	before = obj_get(&plat, buf, sizeof buf);
	assert_int_equal(append(2, NULL), PC_ERR_KEYSTORE);
	assert_int_equal(obj_get(&plat, buf, sizeof buf), before);
	assert_int_equal(pc_journal_checkpoint(&jw, NULL), PC_ERR_KEYSTORE);
	pc_fake_fail(&fk, PC_FAKE_FAIL_KEYSTORE, false);
	assert_int_equal(append(2, &info), PC_OK);
	assert_int_equal(info.seq, 5); /* after the overdue checkpoint 4 */
	assert_int_equal(verify(&plat, &key, &s), PC_OK);
	assert_int_equal(s.checkpoints, 2);
	/* A storage failure during the checkpoint: reported, retried. */
	pc_fake_fail(&fk, PC_FAKE_FAIL_APPEND, true);
	assert_int_equal(pc_journal_checkpoint(&jw, NULL), PC_ERR_STORAGE);
	pc_fake_fail(&fk, PC_FAKE_FAIL_APPEND, false);
	assert_int_equal(append(3, NULL), PC_OK);
	assert_int_equal(verify(&plat, &key, &s), PC_OK);
}

static void test_create_and_open(void **state)
{
	pc_journal_summary s;
	pc_journal_cfg c;
	size_t total;

	(void)state;
	setup_fake(9);
	/* a failed create leaves nothing */
	pc_fake_fail(&fk, PC_FAKE_FAIL_WRITE, true);
	assert_int_equal(pc_journal_create(&jw, &plat, J, NULL), PC_ERR_STORAGE);
	pc_fake_fail(&fk, PC_FAKE_FAIL_WRITE, false);
	assert_int_equal(pc_journal_open(&jw, &plat, J, &s), PC_ERR_NOT_FOUND);
	assert_int_equal(s.fault, PC_JF_EMPTY);
	assert_int_equal(verify(&plat, &key, &s), PC_ERR_NOT_FOUND);
	pc_fake_fail(&fk, PC_FAKE_FAIL_KEYSTORE, true);
	assert_int_equal(pc_journal_create(&jw, &plat, J, NULL), PC_ERR_KEYSTORE);
	pc_fake_fail(&fk, PC_FAKE_FAIL_KEYSTORE, false);
	pc_fake_fail(&fk, PC_FAKE_FAIL_RNG, true);
	assert_int_equal(pc_journal_create(&jw, &plat, J, NULL), PC_ERR_RNG);
	pc_fake_fail(&fk, PC_FAKE_FAIL_RNG, false);
	pc_journal_cfg_default(&c);
	c.every = 0;
	assert_int_equal(pc_journal_create(&jw, &plat, J, &c), PC_ERR_INVALID_ARG);
	c.every = PC_JOURNAL_EVERY_MAX + 1;
	assert_int_equal(pc_journal_create(&jw, &plat, J, &c), PC_ERR_INVALID_ARG);
	pc_journal_cfg_default(&c);
	memcpy(c.writer_id, "no spaces", 10);
	assert_int_equal(pc_journal_create(&jw, &plat, J, &c), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_journal_create(&jw, &plat, "../x", NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_journal_create(&jw, &plat, J, NULL), PC_OK);
	assert_int_equal(pc_journal_create(&jw2, &plat, J, NULL), PC_ERR_STALE);
	/* A torn genesis is no journal either: reported, never appended to. */
	total = obj_get(&plat, buf, sizeof buf);
	obj_put(&plat, buf, 50);
	assert_int_equal(verify(&plat, &key, &s), PC_ERR_TRUNCATED);
	assert_int_equal(s.fault_index, 0);
	assert_int_equal(pc_journal_open(&jw, &plat, J, &s), PC_ERR_TRUNCATED);
	assert_int_equal(obj_get(&plat, buf2, sizeof buf2), 50);
	obj_put(&plat, buf, total);
	/* An empty object is no journal. */
	obj_put(&plat, buf, 0);
	assert_int_equal(verify(&plat, &key, &s), PC_ERR_NOT_FOUND);
	assert_int_equal(pc_journal_open(&jw, &plat, J, &s), PC_ERR_NOT_FOUND);
	/* A corrupt middle is never appended to. */
	setup_fake(10);
	create(64, 0);
	assert_int_equal(append(0, NULL), PC_OK);
	assert_int_equal(append(1, NULL), PC_OK);
	total = obj_get(&plat, buf, sizeof buf);
	buf[200] ^= 0x40;
	obj_put(&plat, buf, total);
	assert_int_equal(pc_journal_open(&jw, &plat, J, &s), PC_ERR_VERIFY);
	assert_int_equal(s.fault, PC_JF_FRAME);
	assert_int_equal(obj_get(&plat, buf2, sizeof buf2), total);
	/* A storage failure while reading. */
	pc_fake_fail(&fk, PC_FAKE_FAIL_READ, true);
	assert_int_equal(verify(&plat, &key, &s), PC_ERR_STORAGE);
	assert_int_equal(s.fault, PC_JF_STORAGE);
	assert_int_equal(pc_journal_open(&jw, &plat, J, &s), PC_ERR_STORAGE);
	pc_fake_fail(&fk, PC_FAKE_FAIL_READ, false);
}

/* Garbage that is not a torn append: bytes appended behind the writer's
 * back, with a whole record after them. The writer must stop. */
static void test_foreign_bytes(void **state)
{
	pc_journal_summary s;
	size_t total, extra;

	(void)state;
	setup_fake(11);
	create(64, 0);
	assert_int_equal(append(0, NULL), PC_OK);
	total = obj_get(&plat, buf, sizeof buf);
	assert_int_equal(append(1, NULL), PC_OK);
	extra = obj_get(&plat, buf, sizeof buf) - total;
	/* "xx" then a copy of the last whole record */
	memmove(buf + total + 2, buf + total, extra);
	buf[total] = 'x';
	buf[total + 1] = 'x';
	obj_put(&plat, buf, total + 2 + extra);
	assert_int_equal(verify(&plat, &key, &s), PC_ERR_VERIFY);
	assert_int_equal(s.fault, PC_JF_FRAME);
	assert_int_equal(s.fault_offset, total);
	assert_int_equal(pc_journal_open(&jw, &plat, J, &s), PC_ERR_VERIFY);
}

/* ---- entries */

static void test_entry_fill(void **state)
{
	pc_journal_entry e;
	pc_decision d;
	pc_risk_outcome o;
	pc_txn t;

	(void)state;
	decision(&d, 1);
	/* without hooks: factors the code proves, OTP + cert + biometric: A */
	assert_int_equal(pc_journal_entry_fill(&e, "X", PC_MODE_TERMINAL, NULL, &d, NULL,
					       NULL), PC_OK);
	assert_int_equal(e.level, PC_RISK_A);
	assert_int_equal(e.factors, PC_FACTOR_OTP | PC_FACTOR_CERT | PC_FACTOR_BIOMETRIC);
	assert_int_equal(e.liability, 0);
	assert_int_equal(e.has_txn, 0);
	assert_int_equal(e.ttl, 60);
	assert_int_equal(e.token_known, 1);
	/* C level: the liability flag */
	d.flags = 0;
	assert_int_equal(pc_journal_entry_fill(&e, NULL, PC_MODE_TERMINAL, NULL, &d, NULL,
					       NULL), PC_OK);
	assert_int_equal(e.level, PC_RISK_C);
	assert_int_equal(e.liability, 1);
	/* a refused code: risk reason CODE, level of no factor (C) */
	d.verdict = PC_DECLINE;
	d.reason = PC_R_REPLAYED;
	d.consumed = 0;
	assert_int_equal(pc_journal_entry_fill(&e, NULL, PC_MODE_PROVIDER, NULL, &d, NULL,
					       NULL), PC_OK);
	assert_int_equal(e.verdict, PC_DECLINE);
	assert_int_equal(e.risk_reason, PC_RISK_R_CODE);
	/* a numeric code refused online-only: the token is not known */
	d.form = PC_FORM_NUMERIC;
	d.verdict = PC_REFER_ONLINE;
	d.reason = PC_R_ONLINE_REQUIRED;
	assert_int_equal(pc_journal_entry_fill(&e, NULL, PC_MODE_TERMINAL, NULL, &d, NULL,
					       NULL), PC_OK);
	assert_int_equal(e.token_known, 0);
	assert_int_equal(e.token_id, 0);
	/* with a risk outcome: its level, factors, trail */
	decision(&d, 2);
	memset(&o, 0, sizeof o);
	o.verdict = PC_STEP_UP;
	o.reason = PC_RISK_R_MCC_STEP_UP;
	o.method = PC_RISK_M_PIN;
	o.factors = PC_FACTOR_OTP;
	o.level = PC_RISK_C;
	o.liability = 1;
	o.ran = 2;
	memcpy(o.trail[0].name, "lists", 6);
	memcpy(o.trail[1].name, "mcc", 4);
	o.trail[1].verdict = PC_STEP_UP;
	o.trail[1].reason = PC_RISK_R_MCC_STEP_UP;
	o.trail[1].method = PC_RISK_M_PIN;
	assert_int_equal(pc_journal_entry_fill(&e, "T-9", PC_MODE_PROVIDER, NULL, &d, NULL,
					       &o), PC_OK);
	assert_int_equal(e.verdict, PC_STEP_UP);
	assert_int_equal(e.trail_len, 2);
	assert_string_equal(e.trail[1].name, "mcc");
	/* a level that does not match its factors is refused */
	o.level = PC_RISK_B;
	assert_int_equal(pc_journal_entry_fill(&e, NULL, PC_MODE_PROVIDER, NULL, &d, NULL,
					       &o), PC_ERR_INVALID_ARG);
	/* arguments */
	memset(&t, 0, sizeof t);
	assert_int_equal(pc_journal_entry_fill(&e, NULL, PC_MODE_TERMINAL, NULL, &d, &t,
					       NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_journal_entry_fill(&e, "a b", PC_MODE_TERMINAL, NULL, &d, NULL,
					       NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_journal_entry_fill(&e, NULL, 0, NULL, &d, NULL, NULL),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_journal_entry_fill(NULL, NULL, PC_MODE_TERMINAL, NULL, &d,
					       NULL, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_journal_entry_fill(&e, NULL, PC_MODE_TERMINAL, NULL, NULL,
					       NULL, NULL), PC_ERR_INVALID_ARG);
	/* an entry edited into inconsistency is refused by append */
	setup_fake(12);
	create(64, 0);
	entry(&e, 1);
	e.liability = 0;
	e.level = PC_RISK_C;
	assert_int_equal(pc_journal_append(&jw, &e, NULL), PC_ERR_INVALID_ARG);
	entry(&e, 1);
	e.code_flags = 0x80;
	assert_int_equal(pc_journal_append(&jw, &e, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_journal_append(&jw, NULL, NULL), PC_ERR_INVALID_ARG);
}

static void test_receipt(void **state)
{
	uint8_t r[PC_RECEIPT_MAX_LEN];
	pc_journal_entry e;
	pc_journal_info info;
	pc_receipt rc;
	size_t n = 0, i;

	(void)state;
	setup_fake(13);
	create(64, 0);
	entry(&e, 7);
	assert_int_equal(pc_journal_append(&jw, &e, &info), PC_OK);
	assert_int_equal(pc_receipt_sign(&jw, &e, &info, r, 10, &n), PC_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(pc_receipt_sign(&jw, &e, &info, r, sizeof r, &n), PC_OK);
	assert_true(n <= PC_RECEIPT_MAX_LEN);
	assert_int_equal(pc_receipt_verify(r, n, &key, &rc), PC_OK);
	assert_int_equal(rc.seq, info.seq);
	assert_memory_equal(rc.leaf, info.leaf, 32);
	assert_memory_equal(rc.digest, e.digest, 32);
	assert_int_equal(rc.amount, 107);
	assert_string_equal(rc.merchant_id, "M-0001");
	assert_string_equal(rc.txn_id, "T7");
	for (i = 0; i < n; i++) {
		r[i] ^= 0x10;
		assert_int_not_equal(pc_receipt_verify(r, n, &key, NULL), PC_OK);
		r[i] ^= 0x10;
	}
	assert_int_not_equal(pc_receipt_verify(r, n - 1, &key, NULL), PC_OK);
	key.key_id = 9;
	assert_int_equal(pc_receipt_verify(r, n, &key, NULL), PC_ERR_NOT_FOUND);
	key.key_id = KEY;
	/* only approved payments get receipts */
	e.verdict = PC_DECLINE;
	assert_int_equal(pc_receipt_sign(&jw, &e, &info, r, sizeof r, &n), PC_ERR_INVALID_ARG);
}

static void test_names_and_args(void **state)
{
	pc_journal_summary s;
	pc_cbuf f;

	(void)state;
	assert_string_equal(pc_journal_type_name(PC_JREC_RESUME), "RESUME");
	assert_string_equal(pc_journal_type_name(0), "?");
	assert_string_equal(pc_journal_type_name(99), "?");
	assert_string_equal(pc_journal_fault_name(PC_JF_TORN), "TORN");
	assert_string_equal(pc_journal_fault_name(99), "?");
	assert_string_equal(pc_journal_event_name(9), "?");
	setup_fake(14);
	assert_int_equal(pc_journal_reader_init(NULL, &plat, J, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_journal_reader_init(&rd, &plat, "", NULL), PC_ERR_INVALID_ARG);
	memset(key.pub, 0, sizeof key.pub);
	assert_int_equal(pc_journal_reader_init(&rd, &plat, J, &key), PC_ERR_BAD_KEY);
	assert_int_equal(pc_journal_reader_init(&rd, &plat, J, NULL), PC_OK);
	assert_int_equal(pc_journal_reader_frame(&rd, &f), PC_ERR_NOT_FOUND);
	assert_int_equal(pc_journal_verify(&rd, &plat, J, NULL, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_journal_verify(&rd, NULL, J, NULL, &s), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_journal_append(NULL, NULL, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_journal_checkpoint(NULL, NULL), PC_ERR_INVALID_ARG);
	pc_journal_wipe(NULL);
	pc_journal_reader_wipe(NULL);
	plat.key_sign = NULL;
	assert_int_equal(pc_journal_create(&jw, &plat, J, NULL), PC_ERR_UNSUPPORTED);
}

/* ---- a long journal on the POSIX port: streaming, bounded memory */

static void test_long_posix(void **state)
{
	static pc_posix px;
	char dir[64], path[96];
	pc_journal_summary s;
	pc_journal_entry e;
	unsigned i;

	(void)state;
	/* tmpfs when there is one: the test is about streaming, not fsync */
	snprintf(dir, sizeof dir, "%s/paycode-journal-XXXXXX",
		 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	assert_non_null(mkdtemp(dir));
	assert_int_equal(pc_posix_init(&px, dir, &plat), PC_OK);
	key.key_id = KEY;
	assert_int_equal(plat.key_generate(plat.ctx, KEY, PC_KEY_SUITE_P256, key.pub,
					   sizeof key.pub), PC_OK);
	create(50, 0);
	for (i = 0; i < 400; i++) {
		entry(&e, i);
		assert_int_equal(pc_journal_append(&jw, &e, NULL), PC_OK);
	}
	pc_journal_wipe(&jw);
	assert_int_equal(pc_journal_open(&jw, &plat, J, &s), PC_OK);
	assert_int_equal(s.records, 2 + 400 + 8);
	assert_true(s.bytes > 10 * sizeof rd.win); /* many windows' worth */
	assert_int_equal(verify(&plat, &key, &s), PC_OK);
	assert_int_equal(s.decisions, 400);
	assert_int_equal(s.checkpoints, 9);
	snprintf(path, sizeof path, "%s/%s", dir, J);
	assert_int_equal(unlink(path), 0);
	snprintf(path, sizeof path, "%s/key-%u.p256", dir, KEY);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
	pc_posix_wipe(&px);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_checkpoint_policy),
		cmocka_unit_test(test_events),
		cmocka_unit_test(test_flip_every_bit),
		cmocka_unit_test(test_delete_reorder_insert),
		cmocka_unit_test(test_forged_records),
		cmocka_unit_test(test_torn_every_length),
		cmocka_unit_test(test_torn_resume),
		cmocka_unit_test(test_failed_appends),
		cmocka_unit_test(test_create_and_open),
		cmocka_unit_test(test_foreign_bytes),
		cmocka_unit_test(test_entry_fill),
		cmocka_unit_test(test_receipt),
		cmocka_unit_test(test_names_and_args),
		cmocka_unit_test(test_long_posix),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
