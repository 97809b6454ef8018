/*
 * The Cortex-M port: see cm_port.h for the contract. The flash store is in
 * cm_store.c.
 */
#include <string.h>

#include <paycode/crypto.h>
#include <paycode/ct.h>
#include "cm_store.h"

/* ---- the port lock ----------------------------------------------------------
 * PRIMASK save/restore nests by construction, so the store may take it while
 * paycode holds its mutex (pc_filestore calls storage hooks under it). On a
 * host build (tests) it is a no-op. */

#if defined(__arm__) && defined(__ARM_ARCH_ISA_THUMB) && !defined(__ARM_ARCH_ISA_ARM)
static uint32_t pc__irq_save(void)
{
	uint32_t m;

	__asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(m) : : "memory");
	return m;
}

static void pc__irq_restore(uint32_t m)
{
	__asm__ volatile("msr primask, %0" : : "r"(m) : "memory");
}
#else
static uint32_t pc__irq_save(void)
{
	return 0;
}

static void pc__irq_restore(uint32_t m)
{
	(void)m;
}
#endif

uint32_t pc__cm_lock(pc_cm *cm)
{
	if (cm->board->lock == NULL)
		return pc__irq_save();
	cm->board->lock(cm->board->hw);
	return 0;
}

void pc__cm_unlock(pc_cm *cm, uint32_t saved)
{
	if (cm->board->unlock == NULL)
		pc__irq_restore(saved);
	else
		cm->board->unlock(cm->board->hw);
}

/* ---- rng: TRNG words behind a repetition-count test ------------------------ */

static pc_err pc__rng(void *ctx, uint8_t *out, size_t len)
{
	pc_cm *cm = (pc_cm *)ctx;
	uint32_t w = 0;
	size_t n;
	pc_err err = cm->trng_failed ? PC_ERR_RNG : PC_OK;

	while (len > 0 && err == PC_OK) {
		err = cm->board->trng_read(cm->board->hw, &w) == PC_OK ? PC_OK
								       : PC_ERR_RNG;
		/* SP 800-90B §4.4.1: C identical samples in a row is a stuck
		 * source (C = 3 words: false alarm probability 2^-64). */
		cm->trng_repeats = w == cm->trng_last ? (uint8_t)(cm->trng_repeats + 1u) : 1u;
		cm->trng_last = w;
		if (err == PC_OK && cm->trng_repeats >= PC_CM_TRNG_REPEAT_CUTOFF)
			err = PC_ERR_RNG;
		n = len < sizeof w ? len : sizeof w;
		memcpy(out, &w, n);
		out += n;
		len -= n;
	}
	if (err != PC_OK)
		cm->trng_failed = 1;
	pc_wipe(&w, sizeof w);
	return err;
}

/* ---- clock ------------------------------------------------------------------ */

static pc_err pc__time(void *ctx, pc_time *now)
{
	const pc_cm *cm = (const pc_cm *)ctx;

	return cm->board->rtc_read(cm->board->hw, now) == PC_OK
		       ? PC_OK : PC_ERR_TIME_UNKNOWN;
}

/* ---- storage hooks: platform.h names only ------------------------------------ */

static pc_err pc__st_read(void *ctx, const char *name, uint64_t offset,
			  uint8_t *buf, size_t cap, size_t *got)
{
	pc_cm *cm = (pc_cm *)ctx;
	uint32_t saved;
	pc_err err;

	if (!pc_platform_name_ok(name) || (buf == NULL && cap != 0) || got == NULL)
		return PC_ERR_INVALID_ARG;
	saved = pc__cm_lock(cm);
	err = pc__cm_store_read(cm, name, offset, buf, cap, got);
	pc__cm_unlock(cm, saved);
	return err;
}

static pc_err pc__st_write(void *ctx, const char *name, const uint8_t *data,
			   size_t len)
{
	pc_cm *cm = (pc_cm *)ctx;
	uint32_t saved;
	pc_err err;

	if (!pc_platform_name_ok(name) || (data == NULL && len != 0))
		return PC_ERR_INVALID_ARG;
	saved = pc__cm_lock(cm);
	err = pc__cm_store_write(cm, name, data, len);
	pc__cm_unlock(cm, saved);
	return err;
}

static pc_err pc__st_append(void *ctx, const char *name, const uint8_t *data,
			    size_t len)
{
	pc_cm *cm = (pc_cm *)ctx;
	uint32_t saved;
	pc_err err;

	if (!pc_platform_name_ok(name) || (data == NULL && len != 0))
		return PC_ERR_INVALID_ARG;
	saved = pc__cm_lock(cm);
	err = pc__cm_store_append(cm, name, data, len);
	pc__cm_unlock(cm, saved);
	return err;
}

/* ---- mutex and log ----------------------------------------------------------- */

static void pc__mutex_lock(void *ctx)
{
	pc_cm *cm = (pc_cm *)ctx;
	uint32_t saved = pc__cm_lock(cm);

	/* Non-recursive by contract: a second lock would deadlock on an RTOS
	 * mutex; count it so tests see it. */
	if (cm->locked)
		cm->lock_errors++;
	else
		cm->primask = saved; /* the holder's state, restored by unlock */
	cm->locked = 1;
}

static void pc__mutex_unlock(void *ctx)
{
	pc_cm *cm = (pc_cm *)ctx;

	if (!cm->locked) {
		cm->lock_errors++;
		return;
	}
	cm->locked = 0;
	pc__cm_unlock(cm, cm->primask);
}

static void pc__log(void *ctx, pc_log_level level, const char *msg)
{
	const pc_cm *cm = (const pc_cm *)ctx;

	cm->board->log(cm->board->hw, level, msg);
}

/* ---- key store: objects "#k" + 8 hex digits, out of reach of storage names ---- */

#define PC__KEY_REC (PC_P256_PRIV_LEN + PC_P256_PUB_LEN)

static void pc__key_name(uint32_t id, char name[11])
{
	static const char hex[] = "0123456789abcdef";
	int i;

	name[0] = '#';
	name[1] = 'k';
	for (i = 0; i < 8; i++)
		name[2 + i] = hex[(id >> (28 - 4 * i)) & 15u];
	name[10] = '\0';
}

static pc_err pc__key_load(pc_cm *cm, uint32_t id, uint8_t rec[PC__KEY_REC])
{
	char name[11];
	size_t got = 0;
	uint32_t saved;
	pc_err err;

	pc__key_name(id, name);
	saved = pc__cm_lock(cm);
	err = pc__cm_store_read(cm, name, 0, rec, PC__KEY_REC, &got);
	pc__cm_unlock(cm, saved);
	if (err == PC_ERR_NOT_FOUND)
		return err;
	return err == PC_OK && got == PC__KEY_REC ? PC_OK : PC_ERR_KEYSTORE;
}

static pc_err pc__key_generate(void *ctx, uint32_t key_id, uint32_t suite,
			       uint8_t *pub, size_t pub_cap)
{
	pc_cm *cm = (pc_cm *)ctx;
	pc_platform rng_only;
	uint8_t rec[PC__KEY_REC];
	char name[11];
	pc_err err;

	if (suite != PC_KEY_SUITE_P256)
		return PC_ERR_UNSUPPORTED;
	if (pub == NULL || pub_cap < PC_P256_PUB_LEN)
		return PC_ERR_BUFFER_TOO_SMALL;
	memset(&rng_only, 0, sizeof rng_only);
	rng_only.version = PC_PLATFORM_VERSION;
	rng_only.ctx = cm;
	rng_only.rng = pc__rng;
	rng_only.time_now = pc__time;
	err = pc_p256_keygen(&rng_only, rec, rec + PC_P256_PRIV_LEN);
	if (err == PC_OK) {
		/* One atomic write: a crash keeps the old key or the new one. */
		uint32_t saved;

		pc__key_name(key_id, name);
		saved = pc__cm_lock(cm);
		err = pc__cm_store_write(cm, name, rec, sizeof rec) == PC_OK
			      ? PC_OK : PC_ERR_KEYSTORE;
		pc__cm_unlock(cm, saved);
	}
	if (err == PC_OK)
		memcpy(pub, rec + PC_P256_PRIV_LEN, PC_P256_PUB_LEN);
	pc_wipe(rec, sizeof rec);
	return err;
}

static pc_err pc__key_public(void *ctx, uint32_t key_id, uint8_t *pub,
			     size_t pub_cap)
{
	uint8_t rec[PC__KEY_REC];
	pc_err err = pc__key_load((pc_cm *)ctx, key_id, rec);

	if (err == PC_OK && (pub == NULL || pub_cap < PC_P256_PUB_LEN))
		err = PC_ERR_BUFFER_TOO_SMALL;
	if (err == PC_OK)
		memcpy(pub, rec + PC_P256_PRIV_LEN, PC_P256_PUB_LEN);
	pc_wipe(rec, sizeof rec);
	return err;
}

static pc_err pc__key_sign(void *ctx, uint32_t key_id, const uint8_t hash[32],
			   uint8_t *sig, size_t sig_cap)
{
	uint8_t rec[PC__KEY_REC];
	pc_err err;

	if (hash == NULL)
		return PC_ERR_INVALID_ARG;
	err = pc__key_load((pc_cm *)ctx, key_id, rec);
	if (err == PC_OK && (sig == NULL || sig_cap < PC_P256_SIG_LEN))
		err = PC_ERR_BUFFER_TOO_SMALL;
	if (err == PC_OK)
		err = pc_p256_sign(rec, hash, sig) == PC_OK ? PC_OK : PC_ERR_KEYSTORE;
	pc_wipe(rec, sizeof rec);
	return err;
}

/* ---- sealing keys: objects "#s" + 8 hex digits (key_derive) ---------------- */

/* Read sealing key `name`; when absent and `fresh` is not NULL, store
 * `fresh` as it under the same lock, so two tasks creating one key agree
 * on the first (platform.h). */
static pc_err pc__seal_get(pc_cm *cm, const char *name,
			   const uint8_t *fresh, uint8_t key[32])
{
	size_t got = 0;
	uint32_t saved = pc__cm_lock(cm);
	pc_err err = pc__cm_store_read(cm, name, 0, key, 32, &got);

	if (err == PC_ERR_NOT_FOUND && fresh != NULL) {
		err = pc__cm_store_write(cm, name, fresh, 32);
		memcpy(key, fresh, 32);
		got = 32;
	}
	pc__cm_unlock(cm, saved);
	if (err == PC_ERR_NOT_FOUND)
		return err;
	return err == PC_OK && got == 32 ? PC_OK : PC_ERR_KEYSTORE;
}

static pc_err pc__key_derive(void *ctx, uint32_t key_id, const uint8_t *label,
			     size_t label_len, uint8_t out[32])
{
	pc_cm *cm = (pc_cm *)ctx;
	uint8_t fresh[32], key[32];
	char name[11];
	pc_err err;

	if (label == NULL || label_len == 0 || label_len > PC_KEY_LABEL_MAX ||
	    out == NULL)
		return PC_ERR_INVALID_ARG;
	pc__key_name(key_id, name);
	name[1] = 's';
	err = pc__seal_get(cm, name, NULL, key);
	if (err == PC_ERR_NOT_FOUND) {
		/* First use: draw outside the lock (the TRNG may be slow). */
		err = pc__rng(cm, fresh, sizeof fresh);
		if (err == PC_OK)
			err = pc__seal_get(cm, name, fresh, key);
	}
	if (err == PC_OK && pc_hmac_sha256(key, sizeof key, label, label_len,
					   out) != PC_OK)
		err = PC_ERR_KEYSTORE;
	pc_wipe(fresh, sizeof fresh);
	pc_wipe(key, sizeof key);
	return err;
}

/* ---- set-up ----------------------------------------------------------------- */

static bool pc__geometry_ok(const pc_cm_board *b)
{
	uint32_t u = b->flash_prog_unit;

	if (b->flash_sectors == 0)
		return true;
	if (b->flash_read == NULL || b->flash_erase == NULL ||
	    b->flash_program == NULL || b->flash_sectors % 2u != 0 ||
	    b->flash_sectors > 2u * PC_CM_MAX_OBJECTS ||
	    u < 4 || u > PC_CM_MAX_PROG_UNIT || (u & (u - 1u)) != 0)
		return false;
	/* header + one small record, and whole units */
	return b->flash_sector_size % u == 0 && b->flash_sector_size >= 256u &&
	       b->flash_sector_size <= UINT32_MAX / b->flash_sectors;
}

pc_err pc_cm_init(pc_cm *cm, const pc_cm_board *board, pc_platform *out)
{
	pc_err err = PC_OK;

	if (cm == NULL || board == NULL || out == NULL ||
	    board->trng_read == NULL || board->rtc_read == NULL ||
	    (board->lock == NULL) != (board->unlock == NULL) ||
	    !pc__geometry_ok(board))
		return PC_ERR_INVALID_ARG;
	memset(cm, 0, sizeof *cm);
	cm->board = board;
	cm->nslots = (uint8_t)(board->flash_sectors / 2u);
	if (cm->nslots > 0) {
		uint32_t saved = pc__cm_lock(cm);

		err = pc__cm_store_mount(cm);
		pc__cm_unlock(cm, saved);
	}
	if (err != PC_OK)
		return err;
	memset(out, 0, sizeof *out);
	out->version = PC_PLATFORM_VERSION;
	out->ctx = cm;
	out->rng = pc__rng;
	out->time_now = pc__time;
	out->mutex_lock = pc__mutex_lock;
	out->mutex_unlock = pc__mutex_unlock;
	out->log = board->log != NULL ? pc__log : NULL;
	if (cm->nslots > 0) {
		out->storage_read = pc__st_read;
		out->storage_write_atomic = pc__st_write;
		out->storage_append = pc__st_append;
		out->key_generate = pc__key_generate;
		out->key_public = pc__key_public;
		out->key_sign = pc__key_sign;
		out->key_derive = pc__key_derive;
	}
	return PC_OK;
}

pc_err pc_cm_format(pc_cm *cm)
{
	uint32_t s, saved;
	pc_err err = PC_OK;

	if (cm == NULL || cm->board == NULL)
		return PC_ERR_INVALID_ARG;
	saved = pc__cm_lock(cm);
	for (s = 0; s < cm->board->flash_sectors && err == PC_OK; s++)
		err = cm->board->flash_erase(cm->board->hw, s) == PC_OK
			      ? PC_OK : PC_ERR_STORAGE;
	if (err == PC_OK && cm->nslots > 0)
		err = pc__cm_store_mount(cm);
	pc__cm_unlock(cm, saved);
	return err;
}

uint32_t pc_cm_lock_errors(const pc_cm *cm)
{
	return cm->lock_errors;
}

bool pc_cm_trng_failed(const pc_cm *cm)
{
	return cm->trng_failed != 0;
}

void pc_cm_wipe(pc_cm *cm)
{
	pc_wipe(cm, sizeof *cm);
}
