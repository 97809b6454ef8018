/*
 * Deterministic test port: see fake.h for the contract.
 */
#include <string.h>

#include <paycode/crypto.h>
#include <paycode/ct.h>
#include "fake.h"

/* ---- rng: SHA-256(seed || counter), counter big-endian, one block per
 * 32 output bytes; the tail of a partly used block is discarded. */

static pc_err fake_rng(void *ctx, uint8_t *out, size_t len)
{
	pc_fake *f = (pc_fake *)ctx;
	uint8_t in[16], block[PC_SHA256_LEN];
	pc_err err = PC_OK;
	size_t n;
	int i;

	if (f->faults & PC_FAKE_FAIL_RNG) {
		/* Garbage, not zeros: callers must discard outputs on failure. */
		memset(out, 0xA5, len);
		return PC_ERR_RNG;
	}
	memcpy(in, f->seed, sizeof f->seed);
	while (len > 0 && err == PC_OK) {
		for (i = 0; i < 8; i++)
			in[8 + i] = (uint8_t)(f->rng_blocks >> (56 - 8 * i));
		f->rng_blocks++;
		err = pc_sha256(in, sizeof in, block) == PC_OK ? PC_OK
							       : PC_ERR_RNG;
		n = len < sizeof block ? len : sizeof block;
		memcpy(out, block, n);
		out += n;
		len -= n;
	}
	pc_wipe(block, sizeof block);
	return err;
}

static pc_err fake_time(void *ctx, pc_time *now)
{
	const pc_fake *f = (const pc_fake *)ctx;

	if (f->time_unknown)
		return PC_ERR_TIME_UNKNOWN;
	*now = f->now;
	return PC_OK;
}

/* ---- storage */

/* platform.h: 1..PC_STORAGE_NAME_MAX characters from [A-Za-z0-9._-], and
 * not "." or ".." (folder names on a file-backed port). The fake is strict
 * so that a library bug shows up in the unit tests, not on a device. */
static bool name_ok(const char *name)
{
	return pc_platform_name_ok(name);
}

static pc_fake_object *find_obj(pc_fake *f, const char *name)
{
	size_t i;

	for (i = 0; i < PC_FAKE_OBJECTS; i++)
		if (f->obj[i].used && strcmp(f->obj[i].name, name) == 0)
			return &f->obj[i];
	return NULL;
}

/* The named object, created empty if absent; NULL when the table is full. */
static pc_fake_object *get_obj(pc_fake *f, const char *name)
{
	pc_fake_object *o = find_obj(f, name);
	size_t i;

	for (i = 0; o == NULL && i < PC_FAKE_OBJECTS; i++) {
		if (!f->obj[i].used) {
			o = &f->obj[i];
			o->used = true;
			o->len = 0;
			strcpy(o->name, name);
		}
	}
	return o;
}

static pc_err fake_read(void *ctx, const char *name, uint64_t offset,
			uint8_t *buf, size_t cap, size_t *got)
{
	pc_fake *f = (pc_fake *)ctx;
	const pc_fake_object *o;
	size_t n = 0;

	if (!name_ok(name) || (buf == NULL && cap != 0) || got == NULL)
		return PC_ERR_INVALID_ARG;
	if (f->faults & PC_FAKE_FAIL_READ)
		return PC_ERR_STORAGE;
	o = find_obj(f, name);
	if (o == NULL)
		return PC_ERR_NOT_FOUND;
	if (offset < o->len && cap != 0) {
		n = o->len - (size_t)offset;
		n = n < cap ? n : cap;
		memcpy(buf, o->data + offset, n);
	}
	*got = n;
	return PC_OK;
}

static pc_err fake_write(void *ctx, const char *name, const uint8_t *data,
			 size_t len)
{
	pc_fake *f = (pc_fake *)ctx;
	pc_fake_object *o;

	if (!name_ok(name) || (data == NULL && len != 0))
		return PC_ERR_INVALID_ARG;
	/* Every failure is checked before the first byte moves: the old
	 * contents stay intact, as the atomic contract requires. */
	if ((f->faults & PC_FAKE_FAIL_WRITE) || len > PC_FAKE_OBJECT_CAP)
		return PC_ERR_STORAGE;
	o = get_obj(f, name);
	if (o == NULL)
		return PC_ERR_STORAGE;
	if (len != 0)
		memcpy(o->data, data, len);
	o->len = len;
	return PC_OK;
}

static pc_err fake_append(void *ctx, const char *name, const uint8_t *data,
			  size_t len)
{
	pc_fake *f = (pc_fake *)ctx;
	pc_fake_object *o;
	size_t n = len;

	if (!name_ok(name) || (data == NULL && len != 0))
		return PC_ERR_INVALID_ARG;
	if ((f->faults & PC_FAKE_FAIL_APPEND) || len > PC_FAKE_OBJECT_CAP)
		return PC_ERR_STORAGE;
	o = get_obj(f, name);
	if (o == NULL || len > PC_FAKE_OBJECT_CAP - o->len)
		return PC_ERR_STORAGE;
	if (f->short_append && f->short_append_len < len)
		n = f->short_append_len;
	if (n != 0)
		memcpy(o->data + o->len, data, n);
	o->len += n;
	if (f->short_append) {
		/* A torn tail: some prefix landed, the caller sees a failure. */
		f->short_append = false;
		return PC_ERR_STORAGE;
	}
	return PC_OK;
}

/* ---- mutex and log */

static void fake_lock(void *ctx)
{
	pc_fake *f = (pc_fake *)ctx;

	if (f->lock_depth != 0)
		f->lock_errors++;
	f->lock_depth++;
}

static void fake_unlock(void *ctx)
{
	pc_fake *f = (pc_fake *)ctx;

	if (f->lock_depth == 0) {
		f->lock_errors++;
		return;
	}
	f->lock_depth--;
}

static void fake_log(void *ctx, pc_log_level level, const char *msg)
{
	pc_fake *f = (pc_fake *)ctx;
	size_t n = strlen(msg);

	n = n < PC_FAKE_LOG_MAX - 1 ? n : PC_FAKE_LOG_MAX - 1;
	memcpy(f->log_msg, msg, n);
	f->log_msg[n] = '\0';
	f->log_level = level;
	f->log_count++;
}

/* ---- key store: private keys never leave pc_fake_key.priv */

static pc_fake_key *find_key(pc_fake *f, uint32_t id)
{
	size_t i;

	for (i = 0; i < PC_FAKE_KEYS; i++)
		if (f->key[i].used && f->key[i].id == id)
			return &f->key[i];
	return NULL;
}

static pc_fake_key *slot_for(pc_fake *f, uint32_t id)
{
	pc_fake_key *k = find_key(f, id);
	size_t i;

	for (i = 0; k == NULL && i < PC_FAKE_KEYS; i++)
		if (!f->key[i].used)
			k = &f->key[i];
	return k;
}

static pc_err fake_key_generate(void *ctx, uint32_t key_id, uint32_t suite,
				uint8_t *pub, size_t pub_cap)
{
	pc_fake *f = (pc_fake *)ctx;
	pc_platform rng_only = { .version = PC_PLATFORM_VERSION, .ctx = f,
				 .rng = fake_rng, .time_now = fake_time };
	pc_fake_key *k, tmp;
	pc_err err;

	if (suite != PC_KEY_SUITE_P256)
		return PC_ERR_UNSUPPORTED;
	if (pub == NULL || pub_cap < PC_P256_PUB_LEN)
		return PC_ERR_BUFFER_TOO_SMALL;
	k = slot_for(f, key_id);
	if ((f->faults & PC_FAKE_FAIL_KEYSTORE) || k == NULL)
		return PC_ERR_KEYSTORE;
	/* Generate aside so a failure leaves the old key in place. */
	err = pc_p256_keygen(&rng_only, tmp.priv, tmp.pub);
	if (err == PC_OK) {
		tmp.used = true;
		tmp.id = key_id;
		*k = tmp;
		memcpy(pub, tmp.pub, PC_P256_PUB_LEN);
	}
	pc_wipe(&tmp, sizeof tmp);
	return err;
}

static pc_err fake_key_public(void *ctx, uint32_t key_id, uint8_t *pub,
			      size_t pub_cap)
{
	pc_fake *f = (pc_fake *)ctx;
	const pc_fake_key *k;

	if (f->faults & PC_FAKE_FAIL_KEYSTORE)
		return PC_ERR_KEYSTORE;
	k = find_key(f, key_id);
	if (k == NULL)
		return PC_ERR_NOT_FOUND;
	if (pub == NULL || pub_cap < PC_P256_PUB_LEN)
		return PC_ERR_BUFFER_TOO_SMALL;
	memcpy(pub, k->pub, PC_P256_PUB_LEN);
	return PC_OK;
}

static pc_err fake_key_sign(void *ctx, uint32_t key_id, const uint8_t hash[32],
			    uint8_t *sig, size_t sig_cap)
{
	pc_fake *f = (pc_fake *)ctx;
	const pc_fake_key *k;

	if (hash == NULL)
		return PC_ERR_INVALID_ARG;
	if (f->faults & PC_FAKE_FAIL_KEYSTORE)
		return PC_ERR_KEYSTORE;
	k = find_key(f, key_id);
	if (k == NULL)
		return PC_ERR_NOT_FOUND;
	if (sig == NULL || sig_cap < PC_P256_SIG_LEN)
		return PC_ERR_BUFFER_TOO_SMALL;
	return pc_p256_sign(k->priv, hash, sig) == PC_OK ? PC_OK
							 : PC_ERR_KEYSTORE;
}

/* ---- sealing keys (fake.h): derived from the seed, so no state */

static pc_err fake_key_derive(void *ctx, uint32_t key_id, const uint8_t *label,
			      size_t label_len, uint8_t out[32])
{
	static const char tag[] = "paycode-fake-seal";
	const pc_fake *f = (const pc_fake *)ctx;
	uint8_t in[sizeof tag - 1 + 8 + 4], key[PC_SHA256_LEN];
	pc_err err;

	if (label == NULL || label_len == 0 || label_len > PC_KEY_LABEL_MAX ||
	    out == NULL)
		return PC_ERR_INVALID_ARG;
	if (f->faults & (PC_FAKE_FAIL_KEYSTORE | PC_FAKE_FAIL_DERIVE_ABSENT)) {
		memset(out, 0xA5, PC_KEY_DERIVED_LEN);
		return (f->faults & PC_FAKE_FAIL_KEYSTORE) ? PC_ERR_KEYSTORE
							   : PC_ERR_NOT_FOUND;
	}
	memcpy(in, tag, sizeof tag - 1);
	memcpy(in + sizeof tag - 1, f->seed, 8);
	in[sizeof in - 4] = (uint8_t)(key_id >> 24);
	in[sizeof in - 3] = (uint8_t)(key_id >> 16);
	in[sizeof in - 2] = (uint8_t)(key_id >> 8);
	in[sizeof in - 1] = (uint8_t)key_id;
	err = pc_sha256(in, sizeof in, key);
	if (err == PC_OK)
		err = pc_hmac_sha256(key, sizeof key, label, label_len, out);
	pc_wipe(key, sizeof key);
	return err == PC_OK ? PC_OK : PC_ERR_KEYSTORE;
}

/* ---- public functions */

void pc_fake_init(pc_fake *f, uint64_t seed, pc_platform *out_table)
{
	int i;

	memset(f, 0, sizeof *f);
	for (i = 0; i < 8; i++)
		f->seed[i] = (uint8_t)(seed >> (56 - 8 * i));
	f->now = PC_FAKE_START_TIME;
	memset(out_table, 0, sizeof *out_table);
	out_table->version = PC_PLATFORM_VERSION;
	out_table->ctx = f;
	out_table->rng = fake_rng;
	out_table->time_now = fake_time;
	out_table->storage_read = fake_read;
	out_table->storage_write_atomic = fake_write;
	out_table->storage_append = fake_append;
	out_table->mutex_lock = fake_lock;
	out_table->mutex_unlock = fake_unlock;
	out_table->log = fake_log;
	out_table->key_generate = fake_key_generate;
	out_table->key_public = fake_key_public;
	out_table->key_sign = fake_key_sign;
	out_table->key_derive = fake_key_derive;
}

void pc_fake_wipe(pc_fake *f)
{
	pc_wipe(f, sizeof *f);
}

void pc_fake_set_time(pc_fake *f, pc_time t)
{
	f->now = t;
	f->time_unknown = false;
}

void pc_fake_set_time_unknown(pc_fake *f)
{
	f->time_unknown = true;
}

void pc_fake_fail(pc_fake *f, uint32_t faults, bool on)
{
	if (on)
		f->faults |= faults;
	else
		f->faults &= ~faults;
}

void pc_fake_short_append(pc_fake *f, size_t k)
{
	f->short_append = true;
	f->short_append_len = k;
}

int pc_fake_lock_depth(const pc_fake *f)
{
	return f->lock_depth;
}

unsigned pc_fake_lock_errors(const pc_fake *f)
{
	return f->lock_errors;
}

const char *pc_fake_last_log(const pc_fake *f, pc_log_level *level)
{
	if (level != NULL)
		*level = f->log_level;
	return f->log_msg;
}

unsigned pc_fake_log_count(const pc_fake *f)
{
	return f->log_count;
}
