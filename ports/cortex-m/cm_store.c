/*
 * Flash object store of the Cortex-M port: storage_read,
 * storage_write_atomic and storage_append (platform.h) over a raw NOR-like
 * flash region (erase to 0xFF, program each aligned unit once).
 *
 * ===== Layout =====
 *
 * The region is split into slots of two sectors (A and B). An object lives
 * in one slot; the sector holding its newest complete copy is "current",
 * the other is the "spare". U is the board's programming unit, every field
 * starts on a unit boundary and is padded with 0xFF to one.
 *
 *   sector:  [magic "PCF1"] [body] [base data] [record] [record] ... 0xFF
 *   body:    seq (4, BE) | base length (4, BE) | CRC-32 (4, BE) |
 *            name (64, NUL-padded)
 *            CRC-32 (IEEE 802.3) over seq, length, name, then base data.
 *   record:  [len (2, LE) | ~len (2, LE)] [data] [commit "COMT"]
 *
 * An object's contents are its base data followed by the data of its
 * committed records, in order, up to the first record that is not
 * committed (or whose length word does not check), or the first erased
 * length word.
 *
 * ===== Why it is crash-safe =====
 *
 * write_atomic: erase the spare, program the new data, then the body, and
 * the magic last, with a sequence number one above the current copy's.
 * Until the magic is complete the spare is not a valid copy (magic, then
 * CRC, are checked at mount), so the old copy stays current; after it, the
 * new one wins by sequence number. The old copy stays intact until the next
 * write erases it.
 *
 * append: program the length word, the data, then the commit word. A
 * record without its commit word counts for nothing, so after a crash the
 * object holds its old contents plus either none or all of the new bytes.
 * Nothing is ever appended after an uncommitted or damaged record: the
 * next append first compacts (copies the contents and the new bytes to the
 * spare, as write_atomic does). When a record no longer fits, the same
 * compaction makes room.
 *
 * Half-programmed cells can read differently from one read to the next. So
 * a torn magic or commit word must never be followed by more writes that
 * assume its absence: before the first append to a slot after mount, its
 * spare must be erased or hold a valid older copy, else it is erased; new
 * slots get both sectors erased. Every spare is erased before it is
 * written.
 *
 * Costs: mount reads every valid copy once (CRC); an append reads its
 * object's record headers; a compaction erases one sector. Flash wear is
 * spread over the pair. Objects are at most one sector minus the header,
 * a single append at most 65535 bytes.
 */
#include <string.h>

#include "cm_store.h"

static const uint8_t pc__magic[4] = { 'P', 'C', 'F', '1' };
static const uint8_t pc__commit[4] = { 'C', 'O', 'M', 'T' };

#define PC__NAME_LEN 64u
#define PC__BODY_LEN (12u + PC__NAME_LEN)
#define PC__CHUNK 64u /* a multiple of every allowed unit */
#define PC__NONE 0xFFu

typedef struct pc__hdr {
	uint32_t seq;
	uint32_t len;
	uint32_t crc;
	char name[PC__NAME_LEN];
} pc__hdr;

/* ---- geometry ---------------------------------------------------------- */

static uint32_t pc__unit(const pc_cm *cm)
{
	return cm->board->flash_prog_unit;
}

static uint32_t pc__up(const pc_cm *cm, uint32_t n)
{
	return (n + pc__unit(cm) - 1u) & ~(pc__unit(cm) - 1u);
}

static uint32_t pc__data_off(const pc_cm *cm)
{
	return pc__unit(cm) + pc__up(cm, PC__BODY_LEN);
}

size_t pc__cm_store_capacity(const pc_cm *cm)
{
	return (size_t)(cm->board->flash_sector_size - pc__data_off(cm));
}

static uint32_t pc__base(const pc_cm *cm, size_t slot, unsigned which)
{
	return (uint32_t)(2u * slot + which) * cm->board->flash_sector_size;
}

/* ---- flash access -------------------------------------------------------- */

static pc_err pc__read(pc_cm *cm, uint32_t off, uint8_t *buf, size_t len)
{
	return cm->board->flash_read(cm->board->hw, off, buf, len) == PC_OK
		       ? PC_OK : PC_ERR_STORAGE;
}

static pc_err pc__prog(pc_cm *cm, uint32_t off, const uint8_t *p, size_t len)
{
	return cm->board->flash_program(cm->board->hw, off, p, len) == PC_OK
		       ? PC_OK : PC_ERR_STORAGE;
}

static pc_err pc__erase(pc_cm *cm, uint32_t off)
{
	uint32_t sector = off / cm->board->flash_sector_size;

	return cm->board->flash_erase(cm->board->hw, sector) == PC_OK
		       ? PC_OK : PC_ERR_STORAGE;
}

/* Program n (<= PC_CM_MAX_PROG_UNIT) bytes padded with 0xFF to one unit. */
static pc_err pc__prog_unit(pc_cm *cm, uint32_t off, const uint8_t *p, size_t n)
{
	uint8_t u[PC_CM_MAX_PROG_UNIT];

	memset(u, 0xFF, sizeof u);
	memcpy(u, p, n);
	return pc__prog(cm, off, u, pc__unit(cm));
}

static bool pc__all_ff(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != 0xFF)
			return false;
	return true;
}

static pc_err pc__is_erased(pc_cm *cm, uint32_t off, uint32_t len, bool *yes)
{
	uint8_t b[PC__CHUNK];
	pc_err err = PC_OK;
	uint32_t n;

	*yes = true;
	while (len > 0 && *yes && err == PC_OK) {
		n = len < sizeof b ? len : (uint32_t)sizeof b;
		err = pc__read(cm, off, b, n);
		*yes = pc__all_ff(b, n);
		off += n;
		len -= n;
	}
	return err;
}

/* ---- CRC-32 (IEEE 802.3, reflected 0xEDB88320), one nibble at a time --- */

static uint32_t pc__crc32(uint32_t crc, const uint8_t *p, size_t n)
{
	static const uint32_t t[16] = {
		0x00000000u, 0x1DB71064u, 0x3B6E20C8u, 0x26D930ACu,
		0x76DC4190u, 0x6B6B51F4u, 0x4DB26158u, 0x5005713Cu,
		0xEDB88320u, 0xF00F9344u, 0xD6D6A3E8u, 0xCB61B38Cu,
		0x9B64C2B0u, 0x86D3D2D4u, 0xA00AE278u, 0xBDBDF21Cu
	};

	crc = ~crc;
	while (n-- > 0) {
		crc ^= *p++;
		crc = (crc >> 4) ^ t[crc & 15u];
		crc = (crc >> 4) ^ t[crc & 15u];
	}
	return ~crc;
}

static void pc__be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t pc__get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* CRC of the body fields that precede the data. */
static uint32_t pc__crc_head(uint32_t seq, uint32_t len, const char *name)
{
	uint8_t b[8 + PC__NAME_LEN];

	pc__be32(b, seq);
	pc__be32(b + 4, len);
	memset(b + 8, 0, PC__NAME_LEN);
	memcpy(b + 8, name, strlen(name));
	return pc__crc32(0, b, sizeof b);
}

/* ---- headers --------------------------------------------------------------- */

/* Read the header of the copy at base; *ok when it is a complete copy. */
static pc_err pc__hdr_read(pc_cm *cm, uint32_t base, pc__hdr *h, bool *ok)
{
	uint8_t b[PC__BODY_LEN], chunk[PC__CHUNK];
	uint32_t crc, off, left, n;
	pc_err err;

	*ok = false;
	err = pc__read(cm, base, b, sizeof pc__magic);
	if (err != PC_OK || memcmp(b, pc__magic, sizeof pc__magic) != 0)
		return err;
	err = pc__read(cm, base + pc__unit(cm), b, sizeof b);
	if (err != PC_OK)
		return err;
	h->seq = pc__get32(b);
	h->len = pc__get32(b + 4);
	h->crc = pc__get32(b + 8);
	memcpy(h->name, b + 12, PC__NAME_LEN);
	if (h->len > pc__cm_store_capacity(cm) || h->name[PC__NAME_LEN - 1] != '\0')
		return PC_OK;
	crc = pc__crc_head(h->seq, h->len, h->name);
	for (off = base + pc__data_off(cm), left = h->len; left > 0 && err == PC_OK;) {
		n = left < sizeof chunk ? left : (uint32_t)sizeof chunk;
		err = pc__read(cm, off, chunk, n);
		crc = pc__crc32(crc, chunk, n);
		off += n;
		left -= n;
	}
	*ok = err == PC_OK && crc == h->crc;
	return err;
}

pc_err pc__cm_store_mount(pc_cm *cm)
{
	pc__hdr h[2];
	bool ok[2];
	unsigned w;
	size_t k;
	pc_err err = PC_OK;

	cm->dirty_checked = 0;
	for (k = 0; k < cm->nslots && err == PC_OK; k++) {
		cm->cur[k] = PC__NONE;
		cm->seq[k] = 0;
		for (w = 0; w < 2 && err == PC_OK; w++)
			err = pc__hdr_read(cm, pc__base(cm, k, w), &h[w], &ok[w]);
		for (w = 0; w < 2 && err == PC_OK; w++) {
			if (ok[w] && (cm->cur[k] == PC__NONE || h[w].seq > cm->seq[k])) {
				cm->cur[k] = (uint8_t)w;
				cm->seq[k] = h[w].seq;
			}
		}
	}
	return err;
}

/* The slot holding `name`, or PC__NONE. */
static pc_err pc__find(pc_cm *cm, const char *name, size_t *slot)
{
	char stored[PC__NAME_LEN];
	size_t k;
	pc_err err = PC_OK;

	*slot = PC__NONE;
	for (k = 0; k < cm->nslots && *slot == PC__NONE && err == PC_OK; k++) {
		if (cm->cur[k] == PC__NONE)
			continue;
		err = pc__read(cm, pc__base(cm, k, cm->cur[k]) + pc__unit(cm) + 12u,
			       (uint8_t *)stored, sizeof stored);
		if (err == PC_OK && strncmp(stored, name, sizeof stored) == 0)
			*slot = k;
	}
	return err;
}

/* ---- walking an object's contents --------------------------------------- */

/* Called for each run of content bytes, in order, with its flash offset. */
typedef pc_err (*pc__seg_fn)(pc_cm *cm, void *ctx, uint32_t off, uint32_t len);

typedef struct pc__tail {
	uint32_t total; /* content bytes */
	uint32_t pos;   /* sector offset after the last committed record */
	bool clean;     /* no damaged or uncommitted record at the end */
} pc__tail;

static pc_err pc__walk(pc_cm *cm, size_t slot, pc__seg_fn fn, void *ctx,
		       pc__tail *t)
{
	uint32_t base = pc__base(cm, slot, cm->cur[slot]);
	uint32_t size = cm->board->flash_sector_size, u = pc__unit(cm);
	uint32_t len, span, r;
	uint8_t w[4];
	pc_err err;

	err = pc__read(cm, base + u + 4u, w, 4);
	len = pc__get32(w);
	if (err == PC_OK && fn != NULL && len > 0)
		err = fn(cm, ctx, base + pc__data_off(cm), len);
	t->total = len;
	t->clean = true;
	r = pc__data_off(cm) + pc__up(cm, len);
	while (err == PC_OK && r + u <= size) {
		err = pc__read(cm, base + r, w, 4);
		if (err != PC_OK || pc__all_ff(w, 4))
			break;
		len = (uint32_t)w[0] | (uint32_t)w[1] << 8;
		span = u + pc__up(cm, len) + u;
		if ((len ^ ((uint32_t)w[2] | (uint32_t)w[3] << 8)) != 0xFFFFu ||
		    span > size - r) {
			t->clean = false;
			break;
		}
		err = pc__read(cm, base + r + u + pc__up(cm, len), w, 4);
		if (err == PC_OK && memcmp(w, pc__commit, 4) != 0) {
			t->clean = false;
			break;
		}
		if (err == PC_OK && fn != NULL && len > 0)
			err = fn(cm, ctx, base + r + u, len);
		t->total += len;
		r += span;
	}
	t->pos = r;
	return err;
}

/* ---- reading -------------------------------------------------------------- */

typedef struct pc__rd_ctx {
	uint64_t skip;
	uint8_t *buf;
	size_t cap, got;
} pc__rd_ctx;

static pc_err pc__rd_seg(pc_cm *cm, void *ctx, uint32_t off, uint32_t len)
{
	pc__rd_ctx *c = (pc__rd_ctx *)ctx;
	size_t n;

	if (c->skip >= len) {
		c->skip -= len;
		return PC_OK;
	}
	off += (uint32_t)c->skip;
	len -= (uint32_t)c->skip;
	c->skip = 0;
	n = c->cap - c->got < len ? c->cap - c->got : len;
	if (n == 0)
		return PC_OK;
	c->got += n;
	return pc__read(cm, off, c->buf + c->got - n, n);
}

pc_err pc__cm_store_read(pc_cm *cm, const char *name, uint64_t offset,
			 uint8_t *buf, size_t cap, size_t *got)
{
	pc__rd_ctx c = { offset, buf, cap, 0 };
	pc__tail t;
	size_t slot;
	pc_err err = pc__find(cm, name, &slot);

	if (err != PC_OK)
		return err;
	if (slot == PC__NONE)
		return PC_ERR_NOT_FOUND;
	err = pc__walk(cm, slot, pc__rd_seg, &c, &t);
	*got = c.got;
	return err;
}

/* ---- writing a whole copy ------------------------------------------------- */

/* Streams bytes into consecutive chunks of a sector, programming each full
 * chunk and finally the padded rest, and keeps the CRC. */
typedef struct pc__sink {
	uint32_t dst;
	uint32_t crc;
	size_t n;
	uint8_t buf[PC__CHUNK];
} pc__sink;

static pc_err pc__sink_put(pc_cm *cm, pc__sink *s, const uint8_t *p, size_t len)
{
	size_t n;
	pc_err err = PC_OK;

	s->crc = pc__crc32(s->crc, p, len);
	while (len > 0 && err == PC_OK) {
		n = sizeof s->buf - s->n < len ? sizeof s->buf - s->n : len;
		memcpy(s->buf + s->n, p, n);
		s->n += n;
		p += n;
		len -= n;
		if (s->n == sizeof s->buf) {
			err = pc__prog(cm, s->dst, s->buf, sizeof s->buf);
			s->dst += (uint32_t)sizeof s->buf;
			s->n = 0;
		}
	}
	return err;
}

static pc_err pc__sink_flush(pc_cm *cm, pc__sink *s)
{
	size_t n = pc__up(cm, (uint32_t)s->n);

	if (n == 0)
		return PC_OK;
	memset(s->buf + s->n, 0xFF, n - s->n);
	return pc__prog(cm, s->dst, s->buf, n);
}

/* Copy flash bytes of the old copy into the sink. */
static pc_err pc__copy_seg(pc_cm *cm, void *ctx, uint32_t off, uint32_t len)
{
	pc__sink *s = (pc__sink *)ctx;
	uint8_t b[PC__CHUNK];
	uint32_t n;
	pc_err err = PC_OK;

	while (len > 0 && err == PC_OK) {
		n = len < sizeof b ? len : (uint32_t)sizeof b;
		err = pc__read(cm, off, b, n);
		if (err == PC_OK)
			err = pc__sink_put(cm, s, b, n);
		off += n;
		len -= n;
	}
	return err;
}

/* Finish a copy at base: body, then the magic (the commit point), then
 * check it reads back as complete. */
static pc_err pc__seal(pc_cm *cm, uint32_t base, uint32_t seq, uint32_t len,
		       uint32_t crc, const char *name)
{
	uint8_t b[PC__BODY_LEN + PC_CM_MAX_PROG_UNIT];
	size_t n = pc__up(cm, PC__BODY_LEN);
	pc__hdr h;
	bool ok;
	pc_err err;

	memset(b, 0xFF, sizeof b);
	pc__be32(b, seq);
	pc__be32(b + 4, len);
	pc__be32(b + 8, crc);
	memset(b + 12, 0, PC__NAME_LEN);
	memcpy(b + 12, name, strlen(name));
	err = pc__prog(cm, base + pc__unit(cm), b, n);
	if (err == PC_OK)
		err = pc__prog_unit(cm, base, pc__magic, sizeof pc__magic);
	if (err == PC_OK)
		err = pc__hdr_read(cm, base, &h, &ok);
	if (err == PC_OK && (!ok || h.seq != seq))
		err = PC_ERR_STORAGE;
	return err;
}

/*
 * Write a new copy of the object in `slot` into its spare: the current
 * contents when keep is set, then data[0..len). The slot's cache moves to
 * the new copy only once it is complete.
 */
static pc_err pc__rewrite(pc_cm *cm, size_t slot, const char *name, bool keep,
			  const uint8_t *data, size_t len)
{
	unsigned spare = cm->cur[slot] == 0 ? 1u : 0u;
	uint32_t base = pc__base(cm, slot, spare), total = (uint32_t)len;
	uint32_t seq = cm->seq[slot] + 1u;
	pc__sink s;
	pc__tail t;
	pc_err err = PC_OK;

	if (keep) {
		err = pc__walk(cm, slot, NULL, NULL, &t);
		total += t.total;
	}
	if (err != PC_OK || total > pc__cm_store_capacity(cm) || total < len)
		return err != PC_OK ? err : PC_ERR_STORAGE;
	err = pc__erase(cm, base);
	s.dst = base + pc__data_off(cm);
	s.crc = pc__crc_head(seq, total, name);
	s.n = 0;
	if (err == PC_OK && keep)
		err = pc__walk(cm, slot, pc__copy_seg, &s, &t);
	if (err == PC_OK)
		err = pc__sink_put(cm, &s, data, len);
	if (err == PC_OK)
		err = pc__sink_flush(cm, &s);
	if (err == PC_OK)
		err = pc__seal(cm, base, seq, total, s.crc, name);
	if (err != PC_OK)
		return err;
	cm->cur[slot] = (uint8_t)spare;
	cm->seq[slot] = seq;
	/* The spare now holds the previous, complete copy: older, so never
	 * chosen over this one, and safe to append after. */
	cm->dirty_checked |= 1u << slot;
	return PC_OK;
}

/* A slot for a new object: both sectors erased, so no stale or torn copy
 * of anything can outrank what is written there. */
static pc_err pc__new_slot(pc_cm *cm, size_t *slot)
{
	size_t k;
	pc_err err;

	for (k = 0; k < cm->nslots && cm->cur[k] != PC__NONE; k++)
		;
	if (k == cm->nslots)
		return PC_ERR_STORAGE;
	err = pc__erase(cm, pc__base(cm, k, 0));
	if (err == PC_OK)
		err = pc__erase(cm, pc__base(cm, k, 1));
	if (err != PC_OK)
		return err;
	cm->cur[k] = 1; /* so that the spare, sector A, is written first */
	cm->seq[k] = 0;
	*slot = k;
	return PC_OK;
}

pc_err pc__cm_store_write(pc_cm *cm, const char *name, const uint8_t *data,
			  size_t len)
{
	size_t slot;
	bool fresh = false;
	pc_err err;

	if (len > pc__cm_store_capacity(cm))
		return PC_ERR_STORAGE;
	err = pc__find(cm, name, &slot);
	if (err == PC_OK && slot == PC__NONE) {
		err = pc__new_slot(cm, &slot);
		fresh = true;
	}
	if (err == PC_OK)
		err = pc__rewrite(cm, slot, name, false, data, len);
	if (err != PC_OK && fresh && slot != PC__NONE)
		cm->cur[slot] = PC__NONE; /* nothing valid was written */
	return err;
}

/* ---- appending ----------------------------------------------------------- */

/* Before the first append to a slot since mount: its spare must be erased
 * or an older complete copy; anything else (a torn copy that might later
 * read as newer) is erased now. */
static pc_err pc__spare_clean(pc_cm *cm, size_t slot)
{
	uint32_t base = pc__base(cm, slot, cm->cur[slot] == 0 ? 1u : 0u);
	pc__hdr h;
	bool ok, erased = false;
	pc_err err;

	if (cm->dirty_checked & (1u << slot))
		return PC_OK;
	err = pc__hdr_read(cm, base, &h, &ok);
	if (err == PC_OK && !(ok && h.seq < cm->seq[slot]))
		err = pc__is_erased(cm, base, cm->board->flash_sector_size, &erased);
	if (err == PC_OK && !(ok && h.seq < cm->seq[slot]) && !erased)
		err = pc__erase(cm, base);
	if (err == PC_OK)
		cm->dirty_checked |= 1u << slot;
	return err;
}

/* Program one record at sector offset pos: length word, data, commit. */
static pc_err pc__record(pc_cm *cm, uint32_t at, const uint8_t *data, size_t len)
{
	uint32_t u = pc__unit(cm), whole = (uint32_t)len & ~(u - 1u);
	uint8_t w[4];
	pc_err err;

	w[0] = (uint8_t)len;
	w[1] = (uint8_t)(len >> 8);
	w[2] = (uint8_t)~w[0];
	w[3] = (uint8_t)~w[1];
	err = pc__prog_unit(cm, at, w, sizeof w);
	if (err == PC_OK && whole > 0)
		err = pc__prog(cm, at + u, data, whole);
	if (err == PC_OK && whole < len)
		err = pc__prog_unit(cm, at + u + whole, data + whole, len - whole);
	if (err == PC_OK)
		err = pc__prog_unit(cm, at + u + pc__up(cm, (uint32_t)len), pc__commit,
				    sizeof pc__commit);
	if (err == PC_OK)
		err = pc__read(cm, at + u + pc__up(cm, (uint32_t)len), w, sizeof w);
	if (err == PC_OK && memcmp(w, pc__commit, sizeof w) != 0)
		err = PC_ERR_STORAGE;
	return err;
}

pc_err pc__cm_store_append(pc_cm *cm, const char *name, const uint8_t *data,
			   size_t len)
{
	uint32_t u = pc__unit(cm), span;
	pc__tail t;
	size_t slot;
	bool erased = false;
	pc_err err;

	if (len > 0xFFFFu)
		return PC_ERR_STORAGE;
	err = pc__find(cm, name, &slot);
	if (err != PC_OK)
		return err;
	if (slot == PC__NONE)
		return pc__cm_store_write(cm, name, data, len);
	if (len == 0)
		return PC_OK;
	err = pc__spare_clean(cm, slot);
	if (err == PC_OK)
		err = pc__walk(cm, slot, NULL, NULL, &t);
	if (err != PC_OK)
		return err;
	span = u + pc__up(cm, (uint32_t)len) + u;
	if (t.clean && span <= cm->board->flash_sector_size - t.pos)
		err = pc__is_erased(cm, pc__base(cm, slot, cm->cur[slot]) + t.pos,
				    span, &erased);
	if (err != PC_OK)
		return err;
	if (!erased) /* no room, or a damaged tail: compact with the new bytes */
		return pc__rewrite(cm, slot, name, true, data, len);
	return pc__record(cm, pc__base(cm, slot, cm->cur[slot]) + t.pos, data, len);
}
