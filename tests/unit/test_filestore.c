/*
 * The crash-safe file store (core/filestore.c) on the fake port, plus one
 * capacity test on the POSIX port (the fake's 4 KB objects cannot hold a
 * full table's snapshot).
 *
 * - Differential: long random operation sequences give the same results
 *   and totals as pc_memstore, with reopens in between.
 * - The on-disk records against bytes computed independently (Python zlib).
 * - Faults: failed append, torn append at every length, failed snapshot or
 *   log-reset writes (refused cleanly, or landed but reported as failed).
 * - Crashes: storage is a copyable pc_fake, so "power loss at this instant"
 *   is a copy of it; a store opened on the copy must hold exactly the
 *   acknowledged state. Checked at every storage write of a run with
 *   compactions, at several tear points of every append.
 * - Truncation of the log at every byte offset loads the matching prefix.
 * - Corruption: a bad record in the middle of the log stops the replay
 *   there (records after it are not trusted, even valid ones); a bad
 *   snapshot refuses to open.
 */
#include <dirent.h>
#include <unistd.h>

#include <paycode/code.h>
#include <paycode/crypto.h>
#include "fake.h"
#include "posix.h"

#include "testutil.h"

#define NOW ((pc_time)1800000000)
#define REC PC_FILESTORE_REC_LEN
#define SNAP PC_FILESTORE_SNAP_NAME
#define LOG PC_FILESTORE_LOG_NAME
#define BIG ((int64_t)1000000000000)

static pc_fake fk, fk2;
static pc_platform plat, plat2;
static pc_filestore fs, fs2;
static pc_store st, st2;

/* ---- helpers */

static uint64_t mix(uint64_t z)
{
	z += 0x9E3779B97F4A7C15u;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

/* A uniform-looking 16-byte key for number n. */
static void key_of(uint64_t n, uint8_t key[PC_REPLAY_KEY_LEN])
{
	uint64_t a = mix(n), b = mix(a);
	int i;

	for (i = 0; i < 8; i++) {
		key[i] = (uint8_t)(a >> (8 * i));
		key[8 + i] = (uint8_t)(b >> (8 * i));
	}
}

/* SHA-256 of the table's used slots: equal digests, equal states. */
static void digest(const pc_filestore *f, uint8_t out[32])
{
	static uint8_t buf[PC_FILESTORE_SLOTS * 40];
	size_t i, n = 0;

	for (i = 0; i < PC_FILESTORE_SLOTS; i++) {
		if (f->slot[i].expires == 0)
			continue;
		memcpy(buf + n, &i, 4);
		memcpy(buf + n + 4, f->slot[i].key, 16);
		memcpy(buf + n + 20, &f->slot[i].expires, 8);
		memcpy(buf + n + 28, &f->slot[i].value, 8);
		buf[n + 36] = f->slot[i].counter;
		n += 37;
	}
	assert_int_equal(pc_sha256(buf, n, out), PC_OK);
}

static void fresh(void)
{
	pc_fake_init(&fk, 1, &plat);
	assert_int_equal(pc_filestore_open(&fs, &plat, &st), PC_OK);
}

/* Power loss now: a copy of the storage, opened by a second store. */
static pc_err open_copy(void)
{
	memcpy(&fk2, &fk, sizeof fk);
	plat2 = plat;
	plat2.ctx = &fk2;
	return pc_filestore_open(&fs2, &plat2, &st2);
}

static void assert_same(const pc_filestore *a, const pc_filestore *b)
{
	uint8_t da[32], db[32];

	digest(a, da);
	digest(b, db);
	assert_memory_equal(da, db, 32);
}

static size_t obj_get(const pc_platform *p, const char *name, uint8_t *buf,
		      size_t cap)
{
	size_t got = 0;

	assert_int_equal(p->storage_read(p->ctx, name, 0, buf, cap, &got), PC_OK);
	return got;
}

static void obj_put(const pc_platform *p, const char *name,
		    const uint8_t *buf, size_t len)
{
	assert_int_equal(p->storage_write_atomic(p->ctx, name, buf, len), PC_OK);
}

/* Independent CRC-32 for crafting records; cross-checked by the golden
 * records below, which came from Python's zlib.crc32. */
static void reseal(uint8_t *rec)
{
	uint32_t c = 0xFFFFFFFFu;
	int i, k;

	for (i = 0; i < 44; i++) {
		c ^= rec[i];
		for (k = 0; k < 8; k++)
			c = (c & 1u) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
	}
	c = ~c;
	for (i = 0; i < 4; i++)
		rec[44 + i] = (uint8_t)(c >> (24 - 8 * i));
}

/*
 * Operation i of the scripted sequences; each one that succeeds writes
 * exactly one record. Even: consume a new key. Odd: add to one of three
 * counters.
 */
static pc_err op_rec(const pc_store *s, unsigned i)
{
	uint8_t key[PC_REPLAY_KEY_LEN];
	int64_t total;

	if (i % 2 == 0) {
		key_of(1000 + i, key);
		return s->consume(s->ctx, key, NOW + 3600, NOW + i);
	}
	key_of(1 + (i / 2) % 3, key);
	return s->add_within(s->ctx, key, 1 + i % 5, BIG, NOW + 86400, NOW + i,
			     &total);
}

static void stats(const pc_filestore *f, pc_filestore_stats *s)
{
	assert_int_equal(pc_filestore_stats_get(f, s), PC_OK);
}

static void assert_locks_balanced(const pc_fake *f)
{
	assert_int_equal(pc_fake_lock_depth(f), 0);
	assert_int_equal(pc_fake_lock_errors(f), 0);
}

/* ---- format */

static void test_format(void **state)
{
	static const char *log_head =
		"505301040000000100000100000000000000000000000000"
		"000000000000000000000000000000000000000073b8da10";
	static const char *snap_head =
		"505301030000000100000100000000000000000000000000"
		"0000000000000000000000000000000000000000864d23b4";
	static const char *consume =
		"505301010000000100000003000102030405060708090a0b"
		"0c0d0e0f000000006b49d23c00000000000000000592fa5f";
	uint8_t buf[4 * REC], want[REC], key[16];
	pc_filestore_stats s;
	size_t i;

	(void)state;
	fresh();
	stats(&fs, &s);
	assert_int_equal(s.generation, 1);
	assert_int_equal(s.compactions, 1); /* the new store's generation 1 */
	assert_int_equal(s.entries, 0);
	if (PC_FILESTORE_SLOTS != 256)
		skip(); /* the golden bytes carry the table size */
	assert_int_equal(obj_get(&plat, SNAP, buf, sizeof buf), REC);
	tu_unhex(snap_head, want, sizeof want);
	assert_memory_equal(buf, want, REC);
	for (i = 0; i < 16; i++)
		key[i] = (uint8_t)i;
	assert_int_equal(st.consume(st.ctx, key, NOW + 60, NOW), PC_OK);
	assert_int_equal(obj_get(&plat, LOG, buf, sizeof buf), 2 * REC);
	tu_unhex(log_head, want, sizeof want);
	assert_memory_equal(buf, want, REC);
	tu_unhex(consume, want, sizeof want);
	assert_memory_equal(buf + REC, want, REC);
}

/* ---- same results as pc_memstore */

static void diff_op(const pc_store *a, const pc_store *b, uint64_t r, pc_time *now)
{
	uint8_t key[PC_REPLAY_KEY_LEN];
	int64_t ta = -7, tb = -7, amount = (int64_t)(r >> 8 & 7) - 1;
	int64_t limit = (int64_t)(r >> 12 & 31) - 2;
	pc_time exp = *now + (pc_time)(r >> 20 & 63) - 8;

	key_of(r >> 32 & 31, key);
	*now += (r >> 40 & 15) == 0 ? -3 : (pc_time)(r >> 44 & 3);
	if (r & 1) {
		assert_int_equal(a->consume(a->ctx, key, exp, *now),
				 b->consume(b->ctx, key, exp, *now));
		return;
	}
	assert_int_equal(a->add_within(a->ctx, key, amount, limit, exp, *now, &ta),
			 b->add_within(b->ctx, key, amount, limit, exp, *now, &tb));
	assert_int_equal(ta, tb);
}

static void test_same_as_memstore(void **state)
{
	static pc_memstore ms;
	pc_store mst;
	pc_filestore_stats s;
	pc_time now = NOW;
	uint64_t i;

	(void)state;
	fresh();
	pc_memstore_init(&ms, &plat, &mst);
	for (i = 0; i < 6000; i++) {
		diff_op(&mst, &st, mix(i + 77), &now);
		if (i % 331 == 330) { /* restart: the table comes from storage */
			assert_int_equal(open_copy(), PC_OK);
			assert_same(&fs, &fs2);
			assert_int_equal(pc_filestore_open(&fs, &plat, &st), PC_OK);
		}
	}
	stats(&fs, &s);
	assert_true(s.generation > 10); /* compactions happened */
	assert_int_equal(s.faults, 0);
	assert_locks_balanced(&fk);
}

/* The memstore's counter semantics (test_code.c) on the file store, plus
 * a limit far below the total (no overflow in limit - total). */
static void test_counters(void **state)
{
	uint8_t key[PC_REPLAY_KEY_LEN] = { 9 };
	int64_t total = -1;

	(void)state;
	fresh();
	assert_int_equal(st.add_within(st.ctx, key, 400, 500, NOW + 100, NOW, &total), PC_OK);
	assert_int_equal(total, 400);
	assert_int_equal(st.add_within(st.ctx, key, 100, 500, NOW + 100, NOW, &total), PC_OK);
	assert_int_equal(total, 500);
	assert_int_equal(st.add_within(st.ctx, key, 1, 500, NOW + 100, NOW, &total), PC_ERR_LIMIT);
	assert_int_equal(total, 500);
	assert_int_equal(st.add_within(st.ctx, key, 0, INT64_MIN, NOW + 100, NOW, &total), PC_ERR_LIMIT);
	assert_int_equal(st.add_within(st.ctx, key, 0, 500, NOW + 100, NOW, &total), PC_OK);
	assert_int_equal(fs.log_records, 2); /* adding 0 wrote nothing */
	assert_int_equal(st.add_within(st.ctx, key, 501, 500, NOW + 200, NOW + 100, &total), PC_ERR_LIMIT);
	assert_int_equal(total, 0);
	assert_int_equal(st.add_within(st.ctx, key, 500, 500, NOW + 200, NOW + 100, &total), PC_OK);
	assert_int_equal(st.add_within(st.ctx, key, -1, 500, NOW + 200, NOW + 100, &total), PC_ERR_INVALID_ARG);
	assert_int_equal(st.add_within(st.ctx, key, 1, 500, NOW + 200, NOW + 100, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(st.consume(st.ctx, NULL, NOW, NOW), PC_ERR_INVALID_ARG);
	assert_int_equal(open_copy(), PC_OK);
	assert_same(&fs, &fs2);
	assert_int_equal(st2.add_within(st2.ctx, key, 0, 500, 0, NOW + 150, &total), PC_OK);
	assert_int_equal(total, 500);
}

/* ---- reopen */

static void test_reopen(void **state)
{
	pc_filestore_stats s;
	unsigned i;

	(void)state;
	fresh();
	for (i = 0; i < 150; i++)
		assert_int_equal(op_rec(&st, i), PC_OK);
	assert_int_equal(open_copy(), PC_OK);
	assert_same(&fs, &fs2);
	stats(&fs2, &s);
	assert_int_equal(s.dropped_records, 0);
	assert_int_equal(s.compactions, 0); /* a clean log is appended to as is */
	assert_int_equal(s.log_records, fs.log_records);
	assert_int_equal(s.entries, 75 + 3);
	for (i = 0; i < 150; i += 2) /* every consumed key stays consumed */
		assert_int_equal(op_rec(&st2, i), PC_ERR_REPLAYED);
	/* reopen the reopened store's storage: still the same */
	memcpy(&fk, &fk2, sizeof fk);
	assert_int_equal(open_copy(), PC_OK);
	assert_same(&fs, &fs2);
	assert_locks_balanced(&fk2);
}

/* ---- faults */

static void test_failed_append(void **state)
{
	uint8_t before[32], after[32];

	(void)state;
	fresh();
	assert_int_equal(op_rec(&st, 0), PC_OK);
	assert_int_equal(op_rec(&st, 1), PC_OK);
	digest(&fs, before);
	pc_fake_fail(&fk, PC_FAKE_FAIL_APPEND, true);
	assert_int_equal(op_rec(&st, 2), PC_ERR_STORAGE);
	assert_int_equal(op_rec(&st, 3), PC_ERR_STORAGE);
	assert_int_equal(op_rec(&st, 0), PC_ERR_REPLAYED); /* no write needed */
	digest(&fs, after);
	assert_memory_equal(before, after, 32);
	assert_int_equal(open_copy(), PC_OK);
	assert_same(&fs, &fs2);
	pc_fake_fail(&fk, PC_FAKE_FAIL_APPEND, false);
	assert_int_equal(op_rec(&st, 2), PC_OK); /* not consumed by the fault */
	assert_int_equal(op_rec(&st, 3), PC_OK);
	assert_int_equal(open_copy(), PC_OK);
	assert_same(&fs, &fs2);
	assert_int_equal(op_rec(&st2, 2), PC_ERR_REPLAYED);
	assert_true(fs.faults >= 2);
	assert_locks_balanced(&fk);
}

/* A torn append of every length: the caller sees a fault; after a crash
 * the torn record is ignored (or, complete, counts as the one in flight),
 * everything before survives, and appends work again. */
static void torn_at(size_t k)
{
	uint8_t before[32], landed[32], d[32];
	pc_filestore_stats s;
	unsigned i;

	fresh();
	for (i = 0; i < 6; i++)
		assert_int_equal(op_rec(&st, i), PC_OK);
	digest(&fs, before);
	pc_fake_short_append(&fk, k);
	assert_int_equal(op_rec(&st, 6), PC_ERR_STORAGE);
	digest(&fs, d);
	assert_memory_equal(before, d, 32);
	assert_int_equal(open_copy(), PC_OK); /* crash right after the tear */
	stats(&fs2, &s);
	digest(&fs2, d);
	if (k < REC) {
		assert_memory_equal(before, d, 32);
		assert_int_equal(s.dropped_bytes, k);
		assert_int_equal(s.dropped_records, k != 0);
		assert_int_equal(s.compactions, k != 0); /* new generation */
	} else { /* all of it landed: the change in flight shows */
		assert_int_equal(s.dropped_records, 0);
		assert_int_equal(op_rec(&st2, 6), PC_ERR_REPLAYED);
	}
	assert_int_equal(op_rec(&st2, 8), PC_OK); /* appends work again */
	digest(&fs2, landed);
	memcpy(&fk, &fk2, sizeof fk);
	assert_int_equal(open_copy(), PC_OK);
	digest(&fs2, d);
	assert_memory_equal(landed, d, 32);
	/* and in the process that saw the fault, without a restart */
	pc_fake_init(&fk, 1, &plat);
	assert_int_equal(pc_filestore_open(&fs, &plat, &st), PC_OK);
	for (i = 0; i < 6; i++)
		assert_int_equal(op_rec(&st, i), PC_OK);
	pc_fake_short_append(&fk, k);
	assert_int_equal(op_rec(&st, 6), PC_ERR_STORAGE);
	assert_int_equal(op_rec(&st, 6), PC_OK);
	assert_int_equal(open_copy(), PC_OK);
	assert_same(&fs, &fs2);
	assert_int_equal(s.faults, 0);
}

static void test_short_append(void **state)
{
	size_t k;

	(void)state;
	for (k = 0; k <= REC; k++)
		torn_at(k);
}

/* Failing storage_write_atomic for one object: refused outright, or (as
 * when a rename lands but the folder sync fails) landed yet reported as
 * failed; once, or until cleared. */
static struct {
	const char *name;
	bool land;
	unsigned shots;
} wf;

static pc_err failing_write(void *ctx, const char *name, const uint8_t *data,
			    size_t len)
{
	if (wf.shots > 0 && strcmp(name, wf.name) == 0) {
		wf.shots--;
		if (wf.land)
			assert_int_equal(plat.storage_write_atomic(ctx, name, data, len), PC_OK);
		return PC_ERR_STORAGE;
	}
	return plat.storage_write_atomic(ctx, name, data, len);
}

static void compaction_fault(const char *name, bool land, unsigned shots)
{
	static pc_platform fp;
	uint8_t d64[32], d;
	unsigned i;

	pc_fake_init(&fk, 1, &plat);
	fp = plat;
	fp.storage_write_atomic = failing_write;
	assert_int_equal(pc_filestore_open(&fs, &fp, &st), PC_OK);
	for (i = 0; i < 63; i++)
		assert_int_equal(op_rec(&st, i), PC_OK);
	assert_int_equal(fs.log_records, 63);
	wf.name = name;
	wf.land = land;
	wf.shots = shots;
	/* the 64th record triggers a compaction, which fails: the change
	 * itself is durable, so the operation succeeds */
	assert_int_equal(op_rec(&st, 63), PC_OK);
	assert_int_equal(fs.faults, 1);
	digest(&fs, d64);
	assert_int_equal(open_copy(), PC_OK);
	assert_same(&fs, &fs2);
	/* the log predates the snapshot when the snapshot landed and the
	 * log reset did not */
	d = fs2.stale_log;
	assert_int_equal(d, strcmp(name, SNAP) == 0 ? land : !land);
	if (shots > 1) { /* still failing: the next change is refused */
		assert_int_equal(op_rec(&st, 64), PC_ERR_STORAGE);
		assert_int_equal(op_rec(&st, 0), PC_ERR_REPLAYED);
		assert_int_equal(open_copy(), PC_OK);
		assert_same(&fs, &fs2);
		wf.shots = 0;
	}
	assert_int_equal(op_rec(&st, 64), PC_OK); /* a new generation first */
	assert_int_equal(fs.log_records, 1);
	assert_int_equal(open_copy(), PC_OK);
	assert_same(&fs, &fs2);
	assert_int_equal(fs2.stale_log, 0);
	assert_int_equal(op_rec(&st2, 64), PC_ERR_REPLAYED);
	assert_locks_balanced(&fk);
}

static void test_failed_compaction(void **state)
{
	(void)state;
	compaction_fault(SNAP, false, 1);
	compaction_fault(SNAP, false, 5);
	compaction_fault(SNAP, true, 1);
	compaction_fault(SNAP, true, 5);
	compaction_fault(LOG, false, 1);
	compaction_fault(LOG, false, 5);
	compaction_fault(LOG, true, 1);
	compaction_fault(LOG, true, 5);
	/* the fake's own switch: nothing lost either */
	fresh();
	pc_fake_fail(&fk, PC_FAKE_FAIL_WRITE, true);
	for (unsigned i = 0; i < 64; i++)
		assert_int_equal(op_rec(&st, i), PC_OK);
	assert_int_equal(op_rec(&st, 64), PC_ERR_STORAGE);
	assert_int_equal(open_copy(), PC_OK);
	assert_same(&fs, &fs2);
}

/* ---- crash at every storage write */

#define CRASH_OPS 240u

static struct {
	bool armed;
	bool appended; /* the change in flight is on storage */
	unsigned op;   /* index of the operation in flight */
	unsigned checks;
	uint8_t ref[CRASH_OPS + 1][32];
} cw;

static void crash_check(void)
{
	uint8_t d[32];

	plat2 = plat;
	plat2.ctx = &fk2;
	assert_int_equal(pc_filestore_open(&fs2, &plat2, &st2), PC_OK);
	digest(&fs2, d);
	assert_memory_equal(d, cw.ref[cw.op + (cw.appended ? 1 : 0)], 32);
	cw.checks++;
}

static pc_err crash_append(void *ctx, const char *name, const uint8_t *data,
			   size_t len)
{
	static const size_t cuts[] = { 0, 1, 4, 24, 44, 47 };
	pc_err err;
	size_t i;

	for (i = 0; cw.armed && i < sizeof cuts / sizeof cuts[0]; i++) {
		memcpy(&fk2, &fk, sizeof fk);
		pc_fake_short_append(&fk2, cuts[i]);
		assert_int_equal(plat.storage_append(&fk2, name, data, len), PC_ERR_STORAGE);
		crash_check();
	}
	if (cw.armed) { /* all of it landed, the caller was not told */
		memcpy(&fk2, &fk, sizeof fk);
		assert_int_equal(plat.storage_append(&fk2, name, data, len), PC_OK);
		cw.appended = true;
		crash_check();
	}
	err = plat.storage_append(ctx, name, data, len);
	cw.appended = err == PC_OK;
	return err;
}

static pc_err crash_write(void *ctx, const char *name, const uint8_t *data,
			  size_t len)
{
	if (cw.armed) {
		memcpy(&fk2, &fk, sizeof fk); /* before */
		crash_check();
		memcpy(&fk2, &fk, sizeof fk); /* after */
		assert_int_equal(plat.storage_write_atomic(&fk2, name, data, len), PC_OK);
		crash_check();
	}
	return plat.storage_write_atomic(ctx, name, data, len);
}

/* Ops: consumes of new keys, adds, replays of op 0 (which write nothing). */
static pc_err crash_op(unsigned i)
{
	switch (i % 4) {
	case 0: return op_rec(&st, i);
	case 3: return op_rec(&st, 0);
	default: return op_rec(&st, 2 * i + 1);
	}
}

static void test_crash_every_write(void **state)
{
	static pc_platform cp;
	unsigned i;

	(void)state;
	fresh();
	for (i = 0; i < CRASH_OPS; i++) {
		digest(&fs, cw.ref[i]);
		(void)crash_op(i);
	}
	digest(&fs, cw.ref[CRASH_OPS]);
	pc_fake_init(&fk, 1, &plat);
	cp = plat;
	cp.storage_append = crash_append;
	cp.storage_write_atomic = crash_write;
	cw.armed = true;
	cw.op = 0;
	cw.appended = false;
	assert_int_equal(pc_filestore_open(&fs, &cp, &st), PC_OK);
	for (i = 0; i < CRASH_OPS; i++) {
		cw.op = i;
		cw.appended = false;
		assert_int_equal(crash_op(i), i % 4 == 3 ? PC_ERR_REPLAYED : PC_OK);
	}
	cw.armed = false;
	assert_true(fs.gen >= 3); /* compactions were crossed */
	assert_true(cw.checks > CRASH_OPS * 4);
	assert_locks_balanced(&fk);
}

/* ---- truncation at every byte */

#define TRUNC_OPS 40u

static void test_truncation(void **state)
{
	static uint8_t snap[4096], log[4096], ref[TRUNC_OPS + 1][32];
	uint8_t d[32];
	pc_filestore_stats s;
	size_t sn, ln, len, k;

	(void)state;
	fresh();
	for (k = 0; k < TRUNC_OPS; k++) {
		digest(&fs, ref[k]);
		assert_int_equal(op_rec(&st, (unsigned)k), PC_OK);
	}
	digest(&fs, ref[TRUNC_OPS]);
	sn = obj_get(&plat, SNAP, snap, sizeof snap);
	ln = obj_get(&plat, LOG, log, sizeof log);
	assert_int_equal(ln, (TRUNC_OPS + 1) * REC);
	for (len = 0; len <= ln; len++) {
		pc_fake_init(&fk2, 1, &plat2);
		obj_put(&plat2, SNAP, snap, sn);
		obj_put(&plat2, LOG, log, len);
		assert_int_equal(pc_filestore_open(&fs2, &plat2, &st2), PC_OK);
		k = len < REC ? 0 : (len - REC) / REC;
		digest(&fs2, d);
		assert_memory_equal(d, ref[k], 32);
		stats(&fs2, &s);
		assert_int_equal(s.dropped_bytes, len < REC ? len : (len - REC) % REC);
		assert_int_equal(s.compactions, len < REC || len % REC != 0);
		/* appends work after every cut, and survive the next restart */
		assert_int_equal(op_rec(&st2, 1000), PC_OK);
		assert_int_equal(pc_filestore_open(&fs2, &plat2, &st2), PC_OK);
		assert_int_equal(op_rec(&st2, 1000), PC_ERR_REPLAYED);
	}
}

/* ---- corruption */

static void test_corrupt_log(void **state)
{
	static uint8_t log[4096];
	uint8_t ref[11][32], d[32];
	pc_filestore_stats s;
	size_t ln, i;

	(void)state;
	fresh();
	for (i = 0; i < 10; i++) {
		digest(&fs, ref[i]);
		assert_int_equal(op_rec(&st, (unsigned)i), PC_OK);
	}
	digest(&fs, ref[10]);
	ln = obj_get(&plat, LOG, log, sizeof log);
	log[REC * 5 + 17] ^= 0x40; /* record 5 holds op 4 */
	obj_put(&plat, LOG, log, ln);
	assert_int_equal(open_copy(), PC_OK);
	stats(&fs2, &s);
	assert_int_equal(s.dropped_records, 6); /* ops 4..9: 5..9 verify, */
	assert_int_equal(s.dropped_bytes, 6 * REC); /* but follow a bad one */
	digest(&fs2, d);
	assert_memory_equal(d, ref[4], 32);
	assert_int_equal(op_rec(&st2, 6), PC_OK); /* op 6 was not trusted */
	assert_int_equal(op_rec(&st2, 2), PC_ERR_REPLAYED);
	memcpy(&fk, &fk2, sizeof fk);
	memcpy(&fs, &fs2, sizeof fs);
	assert_int_equal(open_copy(), PC_OK);
	assert_same(&fs, &fs2);
	/* a record with a valid CRC but an impossible value also stops it */
	ln = obj_get(&plat2, LOG, log, sizeof log);
	assert_int_equal(ln, 2 * REC);
	memcpy(log + 2 * REC, log + REC, REC);
	log[2 * REC + 36] = 0x80; /* negative value */
	reseal(log + 2 * REC);
	obj_put(&plat2, LOG, log, 3 * REC);
	assert_int_equal(pc_filestore_open(&fs2, &plat2, &st2), PC_OK);
	assert_int_equal(fs2.dropped_records, 1);
	/* a corrupt header: nothing in that log is trusted */
	log[3] ^= 1;
	obj_put(&plat2, LOG, log, 2 * REC);
	assert_int_equal(pc_filestore_open(&fs2, &plat2, &st2), PC_OK);
	assert_int_equal(fs2.dropped_records, 2);
	assert_int_equal(op_rec(&st2, 6), PC_ERR_REPLAYED); /* in the snapshot */
}

/* Write a modified copy of the snapshot and expect open to fail. */
static void bad_snapshot(const uint8_t *snap, size_t sn, size_t at, int byte,
			 bool seal, pc_err want)
{
	static uint8_t buf[4096];

	memcpy(buf, snap, sn);
	if (byte >= 0)
		buf[at] = (uint8_t)byte;
	if (seal)
		reseal(buf + at / REC * REC);
	pc_fake_init(&fk2, 1, &plat2);
	obj_put(&plat2, SNAP, buf, sn);
	assert_int_equal(pc_filestore_open(&fs2, &plat2, &st2), want);
	assert_int_equal(obj_get(&plat2, SNAP, buf, sizeof buf), sn); /* kept */
}

static void test_corrupt_snapshot(void **state)
{
	static uint8_t snap[4096], log[4096];
	size_t sn, ln;
	unsigned i;

	(void)state;
	fresh();
	for (i = 0; i < 64; i++) /* the 64th compacts: 35 entries */
		assert_int_equal(op_rec(&st, i), PC_OK);
	sn = obj_get(&plat, SNAP, snap, sizeof snap);
	assert_int_equal(sn, 36 * REC);
	bad_snapshot(snap, sn, 0, -1, false, PC_OK);
	bad_snapshot(snap, sn, REC * 3 + 20, 0x55, false, PC_ERR_STORAGE);
	bad_snapshot(snap, sn - 1, 0, -1, false, PC_ERR_STORAGE);
	bad_snapshot(snap, REC - 1, 0, -1, false, PC_ERR_STORAGE);
	bad_snapshot(snap, sn, 2, 2, true, PC_ERR_UNSUPPORTED); /* version */
	bad_snapshot(snap, sn, 11, 0x11, true, PC_ERR_CONFIG);  /* size */
	bad_snapshot(snap, sn, 3, 4, true, PC_ERR_STORAGE);     /* type */
	bad_snapshot(snap, sn, 43, 34, true, PC_ERR_STORAGE);   /* count */
	bad_snapshot(snap, sn, REC + 7, 9, true, PC_ERR_STORAGE); /* gen */
	bad_snapshot(snap, sn, REC + 10, 0x7f, true, PC_ERR_STORAGE); /* slot */
	bad_snapshot(snap, sn, REC + 36, 0x80, true, PC_ERR_STORAGE); /* value */
	/* a log newer than the snapshot, or a log without a snapshot */
	ln = obj_get(&plat, LOG, log, sizeof log);
	log[7]++;
	reseal(log);
	pc_fake_init(&fk2, 1, &plat2);
	obj_put(&plat2, SNAP, snap, sn);
	obj_put(&plat2, LOG, log, ln);
	assert_int_equal(pc_filestore_open(&fs2, &plat2, &st2), PC_ERR_STORAGE);
	pc_fake_init(&fk2, 1, &plat2);
	obj_put(&plat2, LOG, log, ln);
	assert_int_equal(pc_filestore_open(&fs2, &plat2, &st2), PC_ERR_STORAGE);
	memcpy(snap + 2 * REC + 8, snap + REC + 8, 4); /* a repeated slot */
	bad_snapshot(snap, sn, 2 * REC, -1, true, PC_ERR_STORAGE);
}

/* ---- arguments and platform */

static void test_args(void **state)
{
	pc_platform p;
	pc_filestore_stats s;

	(void)state;
	pc_fake_init(&fk, 1, &plat);
	assert_int_equal(pc_filestore_open(NULL, &plat, &st), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_filestore_open(&fs, NULL, &st), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_filestore_open(&fs, &plat, NULL), PC_ERR_INVALID_ARG);
	p = plat;
	p.version = 0;
	assert_int_equal(pc_filestore_open(&fs, &p, &st), PC_ERR_INVALID_ARG);
	p.version = PC_PLATFORM_VERSION + 1;
	assert_int_equal(pc_filestore_open(&fs, &p, &st), PC_ERR_INVALID_ARG);
	p = plat;
	p.storage_append = NULL;
	assert_int_equal(pc_filestore_open(&fs, &p, &st), PC_ERR_UNSUPPORTED);
	pc_fake_fail(&fk, PC_FAKE_FAIL_WRITE, true); /* the first generation */
	assert_int_equal(pc_filestore_open(&fs, &plat, &st), PC_ERR_STORAGE);
	pc_fake_fail(&fk, PC_FAKE_FAIL_WRITE, false);
	pc_fake_fail(&fk, PC_FAKE_FAIL_READ, true);
	assert_int_equal(pc_filestore_open(&fs, &plat, &st), PC_ERR_STORAGE);
	pc_fake_fail(&fk, PC_FAKE_FAIL_READ, false);
	/* without mutex hooks: no locking, same results */
	p = plat;
	p.mutex_lock = NULL;
	p.mutex_unlock = NULL;
	assert_int_equal(pc_filestore_open(&fs, &p, &st), PC_OK);
	assert_int_equal(op_rec(&st, 0), PC_OK);
	assert_int_equal(op_rec(&st, 0), PC_ERR_REPLAYED);
	assert_int_equal(pc_filestore_stats_get(NULL, &s), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_filestore_stats_get(&fs, NULL), PC_ERR_INVALID_ARG);
	pc_filestore_wipe(&fs);
	assert_int_equal(pc_filestore_stats_get(&fs, &s), PC_ERR_INVALID_ARG);
	pc_filestore_wipe(NULL);
	assert_int_equal(st.consume(NULL, NULL, NOW, NOW), PC_ERR_INVALID_ARG);
}

/* ---- a full table, on the POSIX port */

static void rm_tree(const char *dir)
{
	char path[512];
	struct dirent *e;
	DIR *d = opendir(dir);

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		(void)snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		assert_int_equal(unlink(path), 0);
	}
	(void)closedir(d);
	assert_int_equal(rmdir(dir), 0);
}

static void test_capacity_posix(void **state)
{
	static pc_posix px;
	static pc_filestore pf, pf2;
	char dir[] = "/tmp/pc_filestore_XXXXXX";
	uint8_t key[PC_REPLAY_KEY_LEN];
	pc_platform pp;
	pc_store ps, ps2;
	uint64_t i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(pc_posix_init(&px, dir, &pp), PC_OK);
	assert_int_equal(pc_filestore_open(&pf, &pp, &ps), PC_OK);
	for (i = 0; i < PC_FILESTORE_SLOTS; i++) {
		key_of(i, key);
		assert_int_equal(ps.consume(ps.ctx, key, NOW + 10, NOW), PC_OK);
	}
	key_of(i, key);
	assert_int_equal(ps.consume(ps.ctx, key, NOW + 10, NOW), PC_ERR_CAPACITY);
	assert_int_equal(pc_filestore_open(&pf2, &pp, &ps2), PC_OK);
	assert_same(&pf, &pf2);
	assert_int_equal(pf2.used, PC_FILESTORE_SLOTS);
	key_of(0, key);
	assert_int_equal(ps2.consume(ps2.ctx, key, NOW + 10, NOW), PC_ERR_REPLAYED);
	key_of(i, key); /* expired slots are reused */
	assert_int_equal(ps2.consume(ps2.ctx, key, NOW + 30, NOW + 10), PC_OK);
	assert_int_equal(ps2.consume(ps2.ctx, key, NOW + 30, NOW + 11), PC_ERR_REPLAYED);
	assert_int_equal(pc_filestore_open(&pf, &pp, &ps), PC_OK);
	assert_same(&pf, &pf2);
	pc_filestore_wipe(&pf);
	pc_filestore_wipe(&pf2);
	pc_posix_wipe(&px);
	rm_tree(dir);
}

/* ---- the validator on a file store */

#define MASTER_ID 7u
#define TOKEN 0x0102030405060708ull
#define ALIAS 1234567u

static const uint8_t master[32] = { 0xA0, 0xA1, 0xA2, 0xA3 };

static pc_err hook_master(void *ctx, uint32_t id, uint8_t out[PC_KEY_LEN])
{
	(void)ctx;
	if (id != MASTER_ID)
		return PC_ERR_NOT_FOUND;
	memcpy(out, master, 32);
	return PC_OK;
}

static pc_err hook_alias(void *ctx, uint32_t alias, uint64_t *token, uint32_t *mkid)
{
	(void)ctx;
	if (alias != ALIAS)
		return PC_ERR_NOT_FOUND;
	*token = TOKEN;
	*mkid = MASTER_ID;
	return PC_OK;
}

static void validate(pc_validator *v, const char *code, pc_verdict want_v,
		     pc_reason want_r)
{
	pc_decision d;

	assert_int_equal(pc_validate(v, code, PC_NUMERIC_LEN, &d), PC_OK);
	assert_int_equal(d.verdict, want_v);
	assert_int_equal(d.reason, want_r);
}

static void test_validator(void **state)
{
	static const pc_provider_hooks hooks = { NULL, hook_master, hook_alias, NULL };
	static pc_validator v;
	static pc_wallet w;
	char num[PC_NUMERIC_LEN + 1];
	uint8_t tok[32];

	(void)state;
	fresh();
	pc_fake_set_time(&fk, NOW);
	assert_int_equal(pc_token_key(master, MASTER_ID, TOKEN, tok), PC_OK);
	assert_int_equal(pc_wallet_init(&w, &plat, NULL, tok, MASTER_ID, TOKEN, ALIAS, 0), PC_OK);
	assert_int_equal(pc_validator_init(&v, PC_MODE_PROVIDER, &plat, &st, &hooks, NULL), PC_OK);
	assert_int_equal(pc_wallet_numeric(&w, num), PC_OK);
	pc_fake_fail(&fk, PC_FAKE_FAIL_APPEND, true); /* cannot persist: decline */
	validate(&v, num, PC_DECLINE, PC_R_STORE_FAULT);
	pc_fake_fail(&fk, PC_FAKE_FAIL_APPEND, false);
	validate(&v, num, PC_APPROVE, PC_R_OK);
	validate(&v, num, PC_DECLINE, PC_R_REPLAYED);
	assert_int_equal(open_copy(), PC_OK); /* restart: still replayed */
	assert_int_equal(pc_validator_init(&v, PC_MODE_PROVIDER, &plat2, &st2, &hooks, NULL), PC_OK);
	validate(&v, num, PC_DECLINE, PC_R_REPLAYED);
	pc_validator_wipe(&v);
	pc_wallet_wipe(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_same_as_memstore),
		cmocka_unit_test(test_counters),
		cmocka_unit_test(test_reopen),
		cmocka_unit_test(test_failed_append),
		cmocka_unit_test(test_short_append),
		cmocka_unit_test(test_failed_compaction),
		cmocka_unit_test(test_crash_every_write),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_corrupt_log),
		cmocka_unit_test(test_corrupt_snapshot),
		cmocka_unit_test(test_args),
		cmocka_unit_test(test_capacity_posix),
		cmocka_unit_test(test_validator),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
