/*
 * The in-memory replay store: a fixed open-addressing table of
 * (key, expiry) slots. A slot whose expiry has passed is free again, so the
 * table holds the codes of the last ttl + skew seconds. No heap.
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

/* Probe the whole table once: find the key, remembering the first free
 * (never used or expired) slot. Full probing keeps the table correct
 * without tombstones; its cost is bounded by PC_MEMSTORE_SLOTS. */
static pc_err pc__consume(void *ctx, const uint8_t key[PC_REPLAY_KEY_LEN],
			  pc_time expires, pc_time now)
{
	pc_memstore *ms = (pc_memstore *)ctx;
	size_t i, at, free_at = PC_MEMSTORE_SLOTS;
	pc_err err = PC_ERR_CAPACITY;

	pc__lock(ms);
	for (i = 0, at = pc__home(key); i < PC_MEMSTORE_SLOTS; i++) {
		bool live = ms->slot[at].expires > now;

		if (live && memcmp(ms->slot[at].key, key, PC_REPLAY_KEY_LEN) == 0) {
			err = PC_ERR_REPLAYED;
			goto out_unlock;
		}
		if (!live && free_at == PC_MEMSTORE_SLOTS)
			free_at = at;
		if (ms->slot[at].expires == 0)
			break; /* never used: the key cannot be further on */
		at = (at + 1) % PC_MEMSTORE_SLOTS;
	}
	if (free_at < PC_MEMSTORE_SLOTS) {
		memcpy(ms->slot[free_at].key, key, PC_REPLAY_KEY_LEN);
		ms->slot[free_at].expires = expires > now ? expires : now + 1;
		err = PC_OK;
	}
out_unlock:
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
	}
}
