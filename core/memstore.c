/*
 * The in-memory store: a fixed open-addressing table of (key, expiry,
 * value) slots holding replay keys and limit counters. A slot whose expiry
 * has passed is free again. No heap.
 */
#include <string.h>

#include <paycode/code.h>

#include "internal.h"

static void pc__lock(const pc_memstore *ms)
{
	if (ms->plat != NULL && ms->plat->mutex_lock != NULL)
		ms->plat->mutex_lock(ms->plat->ctx);
}

static void pc__unlock(const pc_memstore *ms)
{
	if (ms->plat != NULL && ms->plat->mutex_unlock != NULL)
		ms->plat->mutex_unlock(ms->plat->ctx);
}

/* Keys are truncated SHA-256 digests: their first bytes are uniform. */
static size_t pc__home(const uint8_t key[PC_REPLAY_KEY_LEN])
{
	uint32_t h = (uint32_t)key[0] << 24 | (uint32_t)key[1] << 16 |
		     (uint32_t)key[2] << 8 | key[3];

	return h % PC_MEMSTORE_SLOTS;
}

/* Probe from the key's home slot: return its live slot, or set *free_at to
 * the first reusable (never used or expired) one. A never-used slot ends
 * the probe: the key cannot lie further on, because used slots are never
 * reset to "never used". */
static size_t pc__probe(const pc_memstore *ms, const uint8_t key[PC_REPLAY_KEY_LEN],
			pc_time now, size_t *free_at)
{
	size_t i, at;

	*free_at = PC_MEMSTORE_SLOTS;
	for (i = 0, at = pc__home(key); i < PC_MEMSTORE_SLOTS; i++) {
		bool live = ms->slot[at].expires > now;

		if (live && memcmp(ms->slot[at].key, key, PC_REPLAY_KEY_LEN) == 0)
			return at;
		if (!live && *free_at == PC_MEMSTORE_SLOTS)
			*free_at = at;
		if (ms->slot[at].expires == 0)
			break;
		at = (at + 1) % PC_MEMSTORE_SLOTS;
	}
	return PC_MEMSTORE_SLOTS;
}

static void pc__fill(pc_memstore *ms, size_t at, const uint8_t *key,
		     pc_time expires, pc_time now, int64_t value, uint8_t counter)
{
	memcpy(ms->slot[at].key, key, PC_REPLAY_KEY_LEN);
	ms->slot[at].expires = expires > now ? expires : now + 1;
	ms->slot[at].value = value;
	ms->slot[at].counter = counter;
}

static pc_err pc__consume(void *ctx, const uint8_t key[PC_REPLAY_KEY_LEN],
			  pc_time expires, pc_time now)
{
	pc_memstore *ms = (pc_memstore *)ctx;
	size_t at, free_at;
	pc_err err = PC_ERR_CAPACITY;

	pc__lock(ms);
	at = pc__probe(ms, key, now, &free_at);
	if (at < PC_MEMSTORE_SLOTS) {
		err = PC_ERR_REPLAYED;
	} else if (free_at < PC_MEMSTORE_SLOTS) {
		pc__fill(ms, free_at, key, expires, now, 0, 0);
		err = PC_OK;
	}
	pc__unlock(ms);
	return err;
}

static pc_err pc__add_within(void *ctx, const uint8_t key[PC_REPLAY_KEY_LEN],
			     int64_t amount, int64_t limit, pc_time expires,
			     pc_time now, int64_t *total)
{
	pc_memstore *ms = (pc_memstore *)ctx;
	size_t at, free_at;
	int64_t cur;
	pc_err err = PC_ERR_CAPACITY;

	if (total == NULL || amount < 0)
		return PC_ERR_INVALID_ARG;
	pc__lock(ms);
	at = pc__probe(ms, key, now, &free_at);
	cur = at < PC_MEMSTORE_SLOTS ? ms->slot[at].value : 0;
	*total = cur;
	if (cur > limit || amount > limit - cur) { /* cur >= 0: no overflow */
		err = PC_ERR_LIMIT;
	} else if (at < PC_MEMSTORE_SLOTS) {
		ms->slot[at].value = cur + amount;
		if (expires > ms->slot[at].expires)
			ms->slot[at].expires = expires;
		*total = cur + amount;
		err = PC_OK;
	} else if (free_at < PC_MEMSTORE_SLOTS) {
		pc__fill(ms, free_at, key, expires, now, amount, 1);
		*total = amount;
		err = PC_OK;
	}
	pc__unlock(ms);
	return err;
}

void pc_memstore_init(pc_memstore *ms, const pc_platform *plat, pc_store *store)
{
	if (ms == NULL)
		return;
	memset(ms, 0, sizeof *ms);
	ms->plat = plat;
	if (store != NULL) {
		store->ctx = ms;
		store->consume = pc__consume;
		store->add_within = pc__add_within;
	}
}
