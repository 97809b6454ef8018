/*
 * The file store: pc_memstore's table kept in RAM and made durable through
 * the platform storage hooks, for terminals that must not forget a consumed
 * code or a counted amount across a crash or a power loss.
 *
 * ===== On-disk format, version 1 (also docs/SPEC.md §5.5) =====
 *
 * Objects. Two storage objects, both sequences of fixed-size records:
 *   "paycode-store.snap"  written only with storage_write_atomic:
 *                         one SNAP header record, then `count` SLOT records.
 *   "paycode-store.log"   replaced with storage_write_atomic by one LOG
 *                         header record, then grown with storage_append by
 *                         one SLOT record per change.
 *
 * Record (48 bytes, integers big-endian, signed ones two's complement):
 *   off len field
 *    0   2  magic "PS" (0x50 0x53)
 *    2   1  format version, 1
 *    3   1  type: 1 SLOT replay key, 2 SLOT counter, 3 SNAP header,
 *             4 LOG header
 *    4   4  generation (>= 1)
 *    8   4  SLOT: slot index (< table size); headers: table size
 *             (PC_FILESTORE_SLOTS of the writer)
 *   12  16  SLOT: key; headers: zero
 *   28   8  SLOT: expiry (Unix seconds); headers: zero
 *   36   8  SLOT: value (counter total, >= 0; 0 for a fresh replay key);
 *             SNAP: count of SLOT records that follow; LOG: zero
 *   44   4  CRC-32 of bytes 0..43 (IEEE 802.3: reflected polynomial
 *             0xEDB88320, initial value and final XOR 0xFFFFFFFF; the
 *             check value of "123456789" is 0xCBF43926)
 *
 * Meaning. The store is a table of PC_FILESTORE_SLOTS slots, exactly the
 * pc_memstore table: a slot whose expiry is 0 has never been used. A SLOT
 * record says "slot <index> now holds <key, expiry, value, type>": it is
 * the slot's complete new contents, not an operation, so replaying it is
 * idempotent and needs neither the clock nor the probing rules. The snapshot
 * lists every slot whose expiry is not 0 (expired ones included: they keep
 * probe chains intact, as in RAM), each index at most once. Replaying the
 * snapshot, then the log records in order, rebuilds the RAM table bit for
 * bit.
 *
 * Generations. Snapshot and log each carry a generation number. The log
 * counts only when its header's generation equals the snapshot's. Writing a
 * new generation g (compaction, or recovery from a torn or failed append):
 *   1. storage_write_atomic(snap, SNAP header g + the whole table);
 *   2. storage_write_atomic(log, LOG header g).
 * Before step 1 completes, storage holds snapshot g-1 + log g-1 (the
 * acknowledged state); between the steps, snapshot g (the same state) + a
 * log of an older generation, which is ignored; after step 2, snapshot g +
 * an empty log. So at every instant snapshot + log rebuild exactly the
 * acknowledged state, plus at most the one change in flight. Generations
 * only grow: a failed step 1 or 2 may or may not have landed, so the next
 * attempt uses a higher number, and no record is appended until a
 * generation has been written completely.
 *
 * Loading (pc_filestore_open):
 *   - No snapshot: generation 0, empty table. A snapshot that does not
 *     verify (length other than 48 * (count + 1), bad magic or CRC, a SLOT
 *     record of another generation, an index out of range or repeated, a
 *     zero expiry, a negative value) fails the open with PC_ERR_STORAGE; a
 *     format version other than 1 with PC_ERR_UNSUPPORTED; a table size
 *     other than PC_FILESTORE_SLOTS with PC_ERR_CONFIG.
 *   - Log header of an older generation: the log is ignored (stale). Of a
 *     newer one: the snapshot was lost or rolled back, and the open fails
 *     with PC_ERR_STORAGE rather than forget consumed codes.
 *   - Log records are replayed in order up to the first one that is
 *     incomplete (a torn tail) or fails its checks (magic, version, CRC,
 *     type, generation, index, value). That record and EVERY record after
 *     it are ignored, even ones that verify: appends are strictly ordered,
 *     so nothing after a bad record can be trusted. They are counted
 *     (pc_filestore_stats: dropped_records, dropped_bytes).
 *   - A log that was torn, corrupt, stale, absent or empty cannot be
 *     appended to (append cannot truncate), so the open writes a new
 *     generation before returning.
 *
 * Sizes: the snapshot is at most 48 * (PC_FILESTORE_SLOTS + 1) bytes. A
 * compaction runs after the change that brings the log to max(64, slots in
 * use) records, so the log stays below 48 * (max(64, PC_FILESTORE_SLOTS) +
 * 2) bytes unless compactions fail.
 *
 * CRC-32 detects torn and decayed records; it is no defence against someone
 * who can write the storage (who could as well delete it).
 * ===== end of format =====
 */
#include <string.h>

#include <paycode/code.h>

#include "internal.h"

#define FS_REC PC_FILESTORE_REC_LEN
#define FS_VERSION 1u
#define FS_SLOTS ((uint32_t)PC_FILESTORE_SLOTS)
/* Fewest log records before a compaction: bounds the snapshot rewrites
 * of a nearly empty table to one per 64 changes. */
#define FS_LOG_MIN 64u

enum fs_type { FS_T_REPLAY = 1, FS_T_COUNTER = 2, FS_T_SNAP = 3, FS_T_LOG = 4 };

/* Where the log scan stands. */
enum fs_phase { FS_HEADER, FS_BODY, FS_STOP, FS_STALE, FS_NEWER };

/* One decoded record; see the format above for what each field holds. */
typedef struct fs_rec {
	uint8_t type;
	uint32_t gen;
	uint32_t slot;
	uint8_t key[PC_REPLAY_KEY_LEN];
	pc_time expires;
	int64_t value;
} fs_rec;

/* ---- locking (as pc_memstore) */

static void fs_lock(const pc_filestore *fs)
{
	if (fs->plat->mutex_lock != NULL)
		fs->plat->mutex_lock(fs->plat->ctx);
}

static void fs_unlock(const pc_filestore *fs)
{
	if (fs->plat->mutex_unlock != NULL)
		fs->plat->mutex_unlock(fs->plat->ctx);
}

/* ---- record codec */

/* Bitwise CRC-32 (IEEE): 48-byte records do not justify a 1 KB table. */
static uint32_t fs_crc32(const uint8_t *p, size_t n)
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

static void fs_wr_i64(pc_wr *w, int64_t v)
{
	uint64_t u = (uint64_t)v;

	pc__wr_u32be(w, (uint32_t)(u >> 32));
	pc__wr_u32be(w, (uint32_t)u);
}

static pc_err fs_rd_i64(pc_rd *r, int64_t *v)
{
	uint32_t hi = 0, lo = 0;
	pc_err err = pc__rd_u32be(r, &hi);
	uint64_t u;

	if (err == PC_OK)
		err = pc__rd_u32be(r, &lo);
	u = (uint64_t)hi << 32 | lo;
	/* Two's complement without implementation-defined conversions. */
	*v = u <= (uint64_t)INT64_MAX ? (int64_t)u : -(int64_t)(~u) - 1;
	return err;
}

static void fs_encode(const fs_rec *r, uint8_t out[FS_REC])
{
	pc_wr w;

	pc__wr_init(&w, out, FS_REC);
	pc__wr_u8(&w, 'P');
	pc__wr_u8(&w, 'S');
	pc__wr_u8(&w, FS_VERSION);
	pc__wr_u8(&w, r->type);
	pc__wr_u32be(&w, r->gen);
	pc__wr_u32be(&w, r->slot);
	pc__wr_bytes(&w, r->key, PC_REPLAY_KEY_LEN);
	fs_wr_i64(&w, r->expires);
	fs_wr_i64(&w, r->value);
	pc__wr_u32be(&w, fs_crc32(out, FS_REC - 4u));
	PC_ASSERT(w.err == PC_OK && w.len == FS_REC);
}

/* Decode one record: PC_OK; PC_ERR_UNSUPPORTED for another format
 * version; PC_ERR_VERIFY for anything else that is not a record. */
static pc_err fs_decode(const uint8_t in[FS_REC], fs_rec *r)
{
	uint8_t magic[2], version = 0;
	uint32_t crc = 0;
	pc_rd rd;
	pc_err err;

	pc__rd_init(&rd, in, FS_REC);
	err = pc__rd_bytes(&rd, magic, 2);
	err = err != PC_OK ? err : pc__rd_u8(&rd, &version);
	err = err != PC_OK ? err : pc__rd_u8(&rd, &r->type);
	err = err != PC_OK ? err : pc__rd_u32be(&rd, &r->gen);
	err = err != PC_OK ? err : pc__rd_u32be(&rd, &r->slot);
	err = err != PC_OK ? err : pc__rd_bytes(&rd, r->key, PC_REPLAY_KEY_LEN);
	err = err != PC_OK ? err : fs_rd_i64(&rd, &r->expires);
	err = err != PC_OK ? err : fs_rd_i64(&rd, &r->value);
	err = err != PC_OK ? err : pc__rd_u32be(&rd, &crc);
	if (PC_NEVER(err != PC_OK) || magic[0] != 'P' || magic[1] != 'S' ||
	    crc != fs_crc32(in, FS_REC - 4u))
		return PC_ERR_VERIFY;
	return version == FS_VERSION ? PC_OK : PC_ERR_UNSUPPORTED;
}

/* A SLOT record of generation gen that can be applied to the table. */
static bool fs_slot_rec_ok(const fs_rec *r, uint32_t gen)
{
	return (r->type == FS_T_REPLAY || r->type == FS_T_COUNTER) &&
	       r->gen == gen && r->slot < FS_SLOTS && r->value >= 0;
}

/* ---- the table (probing exactly as core/memstore.c) */

static void fs_apply(pc_filestore *fs, const fs_rec *r)
{
	bool was_used = fs->slot[r->slot].expires != 0;

	memcpy(fs->slot[r->slot].key, r->key, PC_REPLAY_KEY_LEN);
	fs->slot[r->slot].expires = r->expires;
	fs->slot[r->slot].value = r->value;
	fs->slot[r->slot].counter = r->type == FS_T_COUNTER ? 1u : 0u;
	if (!was_used && r->expires != 0)
		fs->used++;
	else if (was_used && r->expires == 0)
		fs->used--;
}

/* The SLOT record describing slot `at` as it is now. */
static void fs_from_slot(const pc_filestore *fs, size_t at, fs_rec *r)
{
	r->type = fs->slot[at].counter ? FS_T_COUNTER : FS_T_REPLAY;
	r->gen = fs->gen;
	r->slot = (uint32_t)at;
	memcpy(r->key, fs->slot[at].key, PC_REPLAY_KEY_LEN);
	r->expires = fs->slot[at].expires;
	r->value = fs->slot[at].value;
}

/* The SLOT record for a fresh entry, as pc_memstore fills a slot. */
static void fs_fresh(fs_rec *r, size_t at, const uint8_t *key, pc_time expires,
		     pc_time now, int64_t value, bool counter)
{
	r->type = counter ? FS_T_COUNTER : FS_T_REPLAY;
	r->slot = (uint32_t)at;
	memcpy(r->key, key, PC_REPLAY_KEY_LEN);
	r->expires = expires > now ? expires : (now < INT64_MAX ? now + 1 : now);
	r->value = value;
}

/* Keys are truncated SHA-256 digests: their first bytes are uniform. */
static size_t fs_home(const uint8_t key[PC_REPLAY_KEY_LEN])
{
	uint32_t h = (uint32_t)key[0] << 24 | (uint32_t)key[1] << 16 |
		     (uint32_t)key[2] << 8 | key[3];

	return h % FS_SLOTS;
}

/* The key's live slot, or FS_SLOTS with *free_at set to the first reusable
 * slot on its probe path (FS_SLOTS if none): see core/memstore.c. */
static size_t fs_probe(const pc_filestore *fs, const uint8_t *key, pc_time now,
		       size_t *free_at)
{
	size_t i, at;

	*free_at = FS_SLOTS;
	for (i = 0, at = fs_home(key); i < FS_SLOTS; i++) {
		bool live = fs->slot[at].expires > now;

		if (live && memcmp(fs->slot[at].key, key, PC_REPLAY_KEY_LEN) == 0)
			return at;
		if (!live && *free_at == FS_SLOTS)
			*free_at = at;
		if (fs->slot[at].expires == 0)
			break;
		at = (at + 1) % FS_SLOTS;
	}
	return FS_SLOTS;
}

/* ---- storage */

static pc_err fs_fault(pc_filestore *fs)
{
	fs->faults++;
	return PC_ERR_STORAGE;
}

/* Read want bytes from offset, fewer only at the end of the object.
 * PC_ERR_NOT_FOUND when the object is absent, PC_ERR_STORAGE otherwise. */
static pc_err fs_read(const pc_filestore *fs, const char *name, uint64_t off,
		      uint8_t *buf, size_t want, size_t *got)
{
	const pc_platform *p = fs->plat;
	size_t n = 0, step;
	pc_err err;

	*got = 0;
	do {
		step = 0;
		err = p->storage_read(p->ctx, name, off + n, buf + n, want - n,
				      &step);
		if (err == PC_ERR_NOT_FOUND && n == 0 && off == 0)
			return PC_ERR_NOT_FOUND;
		if (err != PC_OK || step > want - n)
			return PC_ERR_STORAGE;
		n += step;
	} while (n < want && step != 0);
	*got = n;
	return PC_OK;
}

/* Serialise the table as a snapshot of generation gen into fs->buf. */
static size_t fs_encode_snapshot(pc_filestore *fs, uint32_t gen)
{
	fs_rec r;
	size_t at, len = FS_REC;

	for (at = 0; at < FS_SLOTS; at++) {
		if (fs->slot[at].expires == 0)
			continue;
		fs_from_slot(fs, at, &r);
		r.gen = gen;
		fs_encode(&r, fs->buf + len);
		len += FS_REC;
	}
	memset(&r, 0, sizeof r);
	r.type = FS_T_SNAP;
	r.gen = gen;
	r.slot = FS_SLOTS;
	r.value = (int64_t)(len / FS_REC - 1u);
	fs_encode(&r, fs->buf);
	return len;
}

/*
 * Write a new generation: the snapshot, then an empty log (see the format
 * above for why this order is safe at every instant). On failure no
 * record may be appended until a later call succeeds.
 */
static pc_err fs_rotate(pc_filestore *fs)
{
	const pc_platform *p = fs->plat;
	uint8_t head[FS_REC];
	fs_rec r;
	size_t len;

	fs->log_ok = 0;
	if (fs->gen_hi == UINT32_MAX)
		return fs_fault(fs);
	fs->gen_hi++;
	len = fs_encode_snapshot(fs, fs->gen_hi);
	if (p->storage_write_atomic(p->ctx, PC_FILESTORE_SNAP_NAME, fs->buf,
				    len) != PC_OK)
		return fs_fault(fs);
	fs->gen = fs->gen_hi;
	memset(&r, 0, sizeof r);
	r.type = FS_T_LOG;
	r.gen = fs->gen;
	r.slot = FS_SLOTS;
	fs_encode(&r, head);
	if (p->storage_write_atomic(p->ctx, PC_FILESTORE_LOG_NAME, head,
				    FS_REC) != PC_OK)
		return fs_fault(fs);
	fs->log_ok = 1;
	fs->log_records = 0;
	fs->compactions++;
	return PC_OK;
}

static bool fs_unchanged(const pc_filestore *fs, const fs_rec *r)
{
	return fs->slot[r->slot].expires == r->expires &&
	       fs->slot[r->slot].value == r->value &&
	       fs->slot[r->slot].counter == (r->type == FS_T_COUNTER) &&
	       memcmp(fs->slot[r->slot].key, r->key, PC_REPLAY_KEY_LEN) == 0;
}

/*
 * Make the slot change r durable, then apply it to RAM. Any storage
 * failure leaves RAM untouched and returns PC_ERR_STORAGE. Called locked.
 */
static pc_err fs_commit(pc_filestore *fs, fs_rec *r)
{
	const pc_platform *p = fs->plat;
	uint8_t raw[FS_REC];

	if (fs_unchanged(fs, r))
		return PC_OK;
	if (!fs->log_ok && fs_rotate(fs) != PC_OK)
		return PC_ERR_STORAGE;
	r->gen = fs->gen;
	fs_encode(r, raw);
	if (p->storage_append(p->ctx, PC_FILESTORE_LOG_NAME, raw, FS_REC) != PC_OK) {
		fs->log_ok = 0; /* part of the record may have landed */
		return fs_fault(fs);
	}
	fs_apply(fs, r);
	fs->log_records++;
	/* The change is durable whatever happens now; a failed compaction
	 * leaves log_ok 0 and is retried before the next append. */
	if (fs->log_records >= (fs->used > FS_LOG_MIN ? fs->used : FS_LOG_MIN))
		(void)fs_rotate(fs);
	return PC_OK;
}

/* ---- the pc_store operations */

static pc_err fs_consume(void *ctx, const uint8_t key[PC_REPLAY_KEY_LEN],
			 pc_time expires, pc_time now)
{
	pc_filestore *fs = (pc_filestore *)ctx;
	size_t at, free_at;
	pc_err err = PC_ERR_CAPACITY;
	fs_rec r;

	if (fs == NULL || key == NULL)
		return PC_ERR_INVALID_ARG;
	fs_lock(fs);
	at = fs_probe(fs, key, now, &free_at);
	if (at < FS_SLOTS) {
		err = PC_ERR_REPLAYED;
	} else if (free_at < FS_SLOTS) {
		fs_fresh(&r, free_at, key, expires, now, 0, false);
		err = fs_commit(fs, &r);
	}
	fs_unlock(fs);
	return err;
}

static pc_err fs_add_within(void *ctx, const uint8_t key[PC_REPLAY_KEY_LEN],
			    int64_t amount, int64_t limit, pc_time expires,
			    pc_time now, int64_t *total)
{
	pc_filestore *fs = (pc_filestore *)ctx;
	size_t at, free_at;
	int64_t cur;
	pc_err err = PC_ERR_CAPACITY;
	fs_rec r;

	if (fs == NULL || key == NULL || total == NULL || amount < 0)
		return PC_ERR_INVALID_ARG;
	fs_lock(fs);
	at = fs_probe(fs, key, now, &free_at);
	cur = at < FS_SLOTS ? fs->slot[at].value : 0;
	*total = cur;
	/* cur >= 0 always (values are checked on load), so when cur <= limit
	 * neither limit - cur nor cur + amount can overflow. */
	if (cur > limit || amount > limit - cur) {
		err = PC_ERR_LIMIT;
	} else if (at < FS_SLOTS) {
		fs_from_slot(fs, at, &r);
		r.value = cur + amount;
		r.expires = expires > r.expires ? expires : r.expires;
		err = fs_commit(fs, &r);
	} else if (free_at < FS_SLOTS) {
		fs_fresh(&r, free_at, key, expires, now, amount, true);
		err = fs_commit(fs, &r);
	}
	if (err == PC_OK)
		*total = cur + amount;
	fs_unlock(fs);
	return err;
}

/* ---- loading */

/* True when the object has no byte at offset off. */
static bool fs_ends_at(const pc_filestore *fs, const char *name, uint64_t off)
{
	uint8_t b;
	size_t got = 1;

	return fs_read(fs, name, off, &b, 1, &got) == PC_OK && got == 0;
}

/* Check and apply the SLOT records of a snapshot held in fs->buf. */
static pc_err fs_snapshot_entries(pc_filestore *fs, size_t count, uint32_t gen)
{
	fs_rec r;
	size_t i;

	for (i = 1; i <= count; i++) {
		if (fs_decode(fs->buf + i * FS_REC, &r) != PC_OK ||
		    !fs_slot_rec_ok(&r, gen) || r.expires == 0 ||
		    fs->slot[r.slot].expires != 0)
			return PC_ERR_STORAGE;
		fs_apply(fs, &r);
	}
	return PC_OK;
}

static pc_err fs_load_snapshot(pc_filestore *fs)
{
	size_t got = 0, count;
	pc_err err = fs_read(fs, PC_FILESTORE_SNAP_NAME, 0, fs->buf,
			     sizeof fs->buf, &got);
	fs_rec h;

	if (err == PC_ERR_NOT_FOUND)
		return PC_OK; /* a new store: generation 0, empty */
	if (err != PC_OK)
		return fs_fault(fs);
	if (got < FS_REC)
		return PC_ERR_STORAGE;
	err = fs_decode(fs->buf, &h);
	if (err != PC_OK)
		return err == PC_ERR_UNSUPPORTED ? err : PC_ERR_STORAGE;
	if (h.type != FS_T_SNAP || h.gen == 0)
		return PC_ERR_STORAGE;
	if (h.slot != FS_SLOTS)
		return PC_ERR_CONFIG;
	if (h.value < 0 || h.value > (int64_t)FS_SLOTS)
		return PC_ERR_STORAGE;
	count = (size_t)h.value;
	if (got != (count + 1u) * FS_REC ||
	    !fs_ends_at(fs, PC_FILESTORE_SNAP_NAME, got))
		return PC_ERR_STORAGE;
	fs->gen = fs->gen_hi = h.gen;
	return fs_snapshot_entries(fs, count, h.gen);
}

/* Judge the log's header against the snapshot's generation. */
static enum fs_phase fs_log_header(const pc_filestore *fs, const fs_rec *r)
{
	if (r->type != FS_T_LOG || r->slot != FS_SLOTS || r->gen == 0)
		return FS_STOP;
	if (r->gen < fs->gen)
		return FS_STALE;
	return r->gen == fs->gen ? FS_BODY : FS_NEWER;
}

/* Take one log record; return the phase after it. */
static enum fs_phase fs_log_one(pc_filestore *fs, const uint8_t *raw,
				enum fs_phase phase)
{
	fs_rec r;

	if (fs_decode(raw, &r) != PC_OK)
		return FS_STOP;
	if (phase == FS_HEADER)
		return fs_log_header(fs, &r);
	if (!fs_slot_rec_ok(&r, fs->gen))
		return FS_STOP;
	fs_apply(fs, &r);
	fs->log_records++;
	return FS_BODY;
}

/* Replay the whole records of one chunk while they verify; return the
 * number of bytes taken. */
static size_t fs_log_chunk(pc_filestore *fs, size_t n, enum fs_phase *phase)
{
	size_t i, good = 0;

	for (i = 0; i + FS_REC <= n; i += FS_REC) {
		if (*phase != FS_HEADER && *phase != FS_BODY)
			break;
		*phase = fs_log_one(fs, fs->buf + i, *phase);
		if (*phase == FS_BODY)
			good += FS_REC;
	}
	return good;
}

/* Record how the log scan ended; log_ok only for a clean, current log. */
static pc_err fs_log_end(pc_filestore *fs, enum fs_phase phase, uint64_t good,
			 uint64_t total)
{
	uint64_t records = (total - good + FS_REC - 1u) / FS_REC;

	if (phase == FS_NEWER)
		return PC_ERR_STORAGE;
	if (phase == FS_STALE) {
		fs->stale_log = 1;
		return PC_OK;
	}
	fs->dropped_bytes = total - good;
	fs->dropped_records = records > UINT32_MAX ? UINT32_MAX : (uint32_t)records;
	fs->log_ok = phase == FS_BODY && good == total;
	return PC_OK;
}

static pc_err fs_load_log(pc_filestore *fs)
{
	enum fs_phase phase = FS_HEADER;
	uint64_t off = 0, good = 0;
	size_t got;
	pc_err err;

	do {
		got = 0;
		err = fs_read(fs, PC_FILESTORE_LOG_NAME, off, fs->buf,
			      sizeof fs->buf, &got);
		if (err == PC_ERR_NOT_FOUND)
			return PC_OK; /* no log yet: log_ok stays 0 */
		if (err != PC_OK)
			return fs_fault(fs);
		good += fs_log_chunk(fs, got, &phase);
		off += got;
	} while (got == sizeof fs->buf && phase != FS_STALE && phase != FS_NEWER);
	return fs_log_end(fs, phase, good, off);
}

/* ---- public functions */

pc_err pc_filestore_open(pc_filestore *fs, const pc_platform *plat,
			 pc_store *store)
{
	pc_err err;

	if (fs == NULL || plat == NULL || store == NULL || plat->version == 0 ||
	    plat->version > PC_PLATFORM_VERSION)
		return PC_ERR_INVALID_ARG;
	if (plat->storage_read == NULL || plat->storage_write_atomic == NULL ||
	    plat->storage_append == NULL)
		return PC_ERR_UNSUPPORTED;
	memset(fs, 0, sizeof *fs);
	fs->plat = plat;
	err = fs_load_snapshot(fs);
	if (err == PC_OK)
		err = fs_load_log(fs);
	if (err == PC_OK && !fs->log_ok)
		err = fs_rotate(fs);
	if (err != PC_OK) {
		pc_wipe(fs, sizeof *fs);
		return err;
	}
	store->ctx = fs;
	store->consume = fs_consume;
	store->add_within = fs_add_within;
	return PC_OK;
}

pc_err pc_filestore_stats_get(const pc_filestore *fs, pc_filestore_stats *out)
{
	if (fs == NULL || out == NULL || fs->plat == NULL)
		return PC_ERR_INVALID_ARG;
	fs_lock(fs);
	out->generation = fs->gen;
	out->entries = fs->used;
	out->log_records = fs->log_records;
	out->dropped_records = fs->dropped_records;
	out->dropped_bytes = fs->dropped_bytes;
	out->stale_log = fs->stale_log;
	out->compactions = fs->compactions;
	out->faults = fs->faults;
	fs_unlock(fs);
	return PC_OK;
}

void pc_filestore_wipe(pc_filestore *fs)
{
	if (fs != NULL)
		pc_wipe(fs, sizeof *fs);
}
