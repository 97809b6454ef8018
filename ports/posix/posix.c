/*
 * POSIX port: see posix.h for the contract.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <paycode/crypto.h>
#include <paycode/ct.h>
#include "posix.h"

/* Object offsets are 64-bit: a 32-bit off_t would silently truncate them. */
_Static_assert(sizeof(off_t) >= 8, "build with -D_FILE_OFFSET_BITS=64");

/* No file gets this large; an offset at or past it reads as end of file
 * and keeps offset + count far from off_t overflow. */
#define PC__OFFSET_LIMIT ((uint64_t)1 << 62)
/* Folder + '/' + '~' + name + ".XXXXXX" + NUL. */
#define PC__PATH_MAX (PC_POSIX_DIR_MAX + PC_STORAGE_NAME_MAX + 16u)

typedef char path_buf[PC__PATH_MAX];

/* ---- rng and time */

static pc_err posix_rng(void *ctx, uint8_t *out, size_t len)
{
	size_t done = 0;

	(void)ctx;
	/* Flags 0: block until the pool is initialised, then never fail for
	 * lack of entropy. Reads over 256 bytes may be short; EINTR retries. */
	while (done < len) {
		ssize_t n = getrandom(out + done, len - done, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return PC_ERR_RNG;
		done += (size_t)n;
	}
	return PC_OK;
}

static pc_err posix_time(void *ctx, pc_time *now)
{
	struct timespec ts;

	(void)ctx;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return PC_ERR_TIME_UNKNOWN;
	*now = (pc_time)ts.tv_sec;
	return PC_OK;
}

/* ---- files */

/* platform.h names: 1..PC_STORAGE_NAME_MAX of [A-Za-z0-9._-]. "." and ".."
 * would name folders, and "*.p256" is the key store's namespace. */
static bool name_ok(const char *name)
{
	size_t n = name != NULL ? strlen(name) : 0;

	return pc_platform_name_ok(name) &&
	       !(n >= 5 && strcmp(name + n - 5, ".p256") == 0);
}

/* dir/prefix+name+suffix into out; false if it does not fit. */
static bool make_path(const pc_posix *px, const char *prefix, const char *name,
		      const char *suffix, path_buf out)
{
	int n = snprintf(out, sizeof(path_buf), "%s/%s%s%s", px->dir, prefix,
			 name, suffix);

	return n > 0 && (size_t)n < sizeof(path_buf);
}

static bool write_all(int fd, const uint8_t *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

/* A rename or a new file is durable only once its folder entry is. */
static bool fsync_dir(const pc_posix *px)
{
	int fd = open(px->dir, O_RDONLY | O_CLOEXEC);
	bool ok;

	if (fd < 0)
		return false;
	ok = fsync(fd) == 0;
	return close(fd) == 0 && ok;
}

/*
 * Replace file `name` atomically: a fresh 0600 temporary is written and
 * fsynced, then rename(2) swaps it in (POSIX: the new name refers to
 * either the old or the new file, never neither), then the folder is
 * fsynced. On failure the temporary is removed and the old file is intact.
 */
static bool atomic_write(const pc_posix *px, const char *name,
			 const uint8_t *data, size_t len)
{
	path_buf tmp, final;
	int fd;
	bool ok;

	if (!make_path(px, "", name, "", final) ||
	    !make_path(px, "~", name, ".XXXXXX", tmp))
		return false;
	fd = mkstemp(tmp);
	if (fd < 0)
		return false;
	/* mkstemp already uses 0600 minus the umask; say it explicitly. */
	ok = fchmod(fd, S_IRUSR | S_IWUSR) == 0 && write_all(fd, data, len) &&
	     fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	ok = ok && rename(tmp, final) == 0;
	if (!ok) {
		(void)unlink(tmp);
		return false;
	}
	return fsync_dir(px);
}

/* Read up to cap bytes of file `name` from offset into buf. */
static pc_err read_file(const pc_posix *px, const char *name, uint64_t offset,
			uint8_t *buf, size_t cap, size_t *got)
{
	path_buf path;
	size_t n = 0;
	ssize_t r = 1;
	int fd;

	if (!make_path(px, "", name, "", path))
		return PC_ERR_STORAGE;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? PC_ERR_NOT_FOUND : PC_ERR_STORAGE;
	while (offset < PC__OFFSET_LIMIT && n < cap && r != 0) {
		r = pread(fd, buf + n, cap - n, (off_t)(offset + n));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		n += (size_t)r;
	}
	if (close(fd) != 0 || r < 0)
		return PC_ERR_STORAGE;
	*got = n;
	return PC_OK;
}

/* ---- storage hooks */

static pc_err posix_read(void *ctx, const char *name, uint64_t offset,
			 uint8_t *buf, size_t cap, size_t *got)
{
	if (!name_ok(name) || (buf == NULL && cap != 0) || got == NULL)
		return PC_ERR_INVALID_ARG;
	return read_file((const pc_posix *)ctx, name, offset, buf, cap, got);
}

static pc_err posix_write(void *ctx, const char *name, const uint8_t *data,
			  size_t len)
{
	if (!name_ok(name) || (data == NULL && len != 0))
		return PC_ERR_INVALID_ARG;
	return atomic_write((const pc_posix *)ctx, name, data, len)
		       ? PC_OK : PC_ERR_STORAGE;
}

static pc_err posix_append(void *ctx, const char *name, const uint8_t *data,
			   size_t len)
{
	const pc_posix *px = (const pc_posix *)ctx;
	path_buf path;
	bool created = false, ok;
	int fd;

	if (!name_ok(name) || (data == NULL && len != 0))
		return PC_ERR_INVALID_ARG;
	if (!make_path(px, "", name, "", path))
		return PC_ERR_STORAGE;
	fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
			  S_IRUSR | S_IWUSR);
		created = true;
	}
	if (fd < 0)
		return PC_ERR_STORAGE;
	/* O_APPEND: each write lands at the current end, so an interrupted
	 * append leaves old bytes untouched and a torn tail at worst. */
	ok = write_all(fd, data, len) && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	if (ok && created)
		ok = fsync_dir(px);
	return ok ? PC_OK : PC_ERR_STORAGE;
}

/* ---- mutex and log */

static void posix_lock(void *ctx)
{
	(void)pthread_mutex_lock(&((pc_posix *)ctx)->lock);
}

static void posix_unlock(void *ctx)
{
	(void)pthread_mutex_unlock(&((pc_posix *)ctx)->lock);
}

static void posix_log(void *ctx, pc_log_level level, const char *msg)
{
	const char *tag;

	(void)ctx;
	switch (level) {
	case PC_LOG_ERROR: tag = "error"; break;
	case PC_LOG_WARN: tag = "warn"; break;
	case PC_LOG_INFO: tag = "info"; break;
	case PC_LOG_DEBUG: tag = "debug"; break;
	default: tag = "?"; break;
	}
	(void)fprintf(stderr, "paycode %s: %s\n", tag, msg);
}

/* ---- key store */

static void key_name(uint32_t key_id, char out[32])
{
	(void)snprintf(out, 32, "key-%lu.p256", (unsigned long)key_id);
}

/* Load the 32-byte private scalar of key_id into priv (caller wipes). */
static pc_err key_load(const pc_posix *px, uint32_t key_id, uint8_t priv[32])
{
	char name[32];
	uint8_t buf[PC_P256_PRIV_LEN + 1];
	size_t got = 0;
	pc_err err;

	key_name(key_id, name);
	err = read_file(px, name, 0, buf, sizeof buf, &got);
	if (err == PC_OK && got != PC_P256_PRIV_LEN)
		err = PC_ERR_KEYSTORE; /* truncated or foreign file */
	if (err == PC_ERR_STORAGE)
		err = PC_ERR_KEYSTORE;
	if (err == PC_OK)
		memcpy(priv, buf, PC_P256_PRIV_LEN);
	pc_wipe(buf, sizeof buf);
	return err;
}

static pc_err posix_key_generate(void *ctx, uint32_t key_id, uint32_t suite,
				 uint8_t *pub, size_t pub_cap)
{
	const pc_posix *px = (const pc_posix *)ctx;
	pc_platform rng_only = { .version = PC_PLATFORM_VERSION, .ctx = ctx,
				 .rng = posix_rng, .time_now = posix_time };
	uint8_t priv[PC_P256_PRIV_LEN];
	char name[32];
	pc_err err;

	if (suite != PC_KEY_SUITE_P256)
		return PC_ERR_UNSUPPORTED;
	if (pub == NULL || pub_cap < PC_P256_PUB_LEN)
		return PC_ERR_BUFFER_TOO_SMALL;
	err = pc_p256_keygen(&rng_only, priv, pub);
	if (err != PC_OK)
		goto out_wipe;
	key_name(key_id, name);
	if (!atomic_write(px, name, priv, sizeof priv))
		err = PC_ERR_KEYSTORE;
out_wipe:
	pc_wipe(priv, sizeof priv);
	return err;
}

static pc_err posix_key_public(void *ctx, uint32_t key_id, uint8_t *pub,
			       size_t pub_cap)
{
	uint8_t priv[PC_P256_PRIV_LEN];
	pc_err err;

	if (pub == NULL || pub_cap < PC_P256_PUB_LEN)
		return PC_ERR_BUFFER_TOO_SMALL;
	err = key_load((const pc_posix *)ctx, key_id, priv);
	if (err == PC_OK && pc_p256_public(priv, pub) != PC_OK)
		err = PC_ERR_KEYSTORE;
	pc_wipe(priv, sizeof priv);
	return err;
}

static pc_err posix_key_sign(void *ctx, uint32_t key_id, const uint8_t hash[32],
			     uint8_t *sig, size_t sig_cap)
{
	uint8_t priv[PC_P256_PRIV_LEN];
	pc_err err;

	if (hash == NULL)
		return PC_ERR_INVALID_ARG;
	if (sig == NULL || sig_cap < PC_P256_SIG_LEN)
		return PC_ERR_BUFFER_TOO_SMALL;
	err = key_load((const pc_posix *)ctx, key_id, priv);
	if (err == PC_OK && pc_p256_sign(priv, hash, sig) != PC_OK)
		err = PC_ERR_KEYSTORE;
	pc_wipe(priv, sizeof priv);
	return err;
}

/* ---- sealing keys (key_derive) */

static void seal_name(uint32_t key_id, char out[32])
{
	(void)snprintf(out, 32, "seal-%lu.p256", (unsigned long)key_id);
}

/*
 * Create sealing key `name` if it does not exist yet: 32 random bytes go
 * to a fresh 0600 temporary, which is fsynced and then link(2)ed to the
 * final name. link fails with EEXIST when the key is already there (POSIX:
 * it never replaces a file), so two processes creating the same key at once
 * agree on the first one, and a crash leaves no key or the whole key.
 */
static pc_err seal_create(const pc_posix *px, const char *name)
{
	path_buf tmp, final;
	uint8_t key[32];
	int fd;
	bool ok;
	pc_err err = posix_rng(NULL, key, sizeof key);

	if (err != PC_OK)
		goto out_wipe;
	err = PC_ERR_KEYSTORE;
	if (!make_path(px, "", name, "", final) ||
	    !make_path(px, "~", name, ".XXXXXX", tmp))
		goto out_wipe;
	fd = mkstemp(tmp);
	if (fd < 0)
		goto out_wipe;
	ok = fchmod(fd, S_IRUSR | S_IWUSR) == 0 &&
	     write_all(fd, key, sizeof key) && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	ok = ok && (link(tmp, final) == 0 || errno == EEXIST);
	(void)unlink(tmp);
	if (ok && fsync_dir(px))
		err = PC_OK;
out_wipe:
	pc_wipe(key, sizeof key);
	return err;
}

/* Load sealing key `name` (exactly 32 bytes) into key (caller wipes). */
static pc_err seal_load(const pc_posix *px, const char *name, uint8_t key[32])
{
	uint8_t buf[33];
	size_t got = 0;
	pc_err err = read_file(px, name, 0, buf, sizeof buf, &got);

	if (err == PC_OK && got != 32)
		err = PC_ERR_KEYSTORE; /* truncated or foreign file */
	if (err == PC_ERR_STORAGE)
		err = PC_ERR_KEYSTORE;
	if (err == PC_OK)
		memcpy(key, buf, 32);
	pc_wipe(buf, sizeof buf);
	return err;
}

static pc_err posix_key_derive(void *ctx, uint32_t key_id,
			       const uint8_t *label, size_t label_len,
			       uint8_t out[32])
{
	const pc_posix *px = (const pc_posix *)ctx;
	uint8_t key[32];
	char name[32];
	pc_err err;

	if (label == NULL || label_len == 0 || label_len > PC_KEY_LABEL_MAX ||
	    out == NULL)
		return PC_ERR_INVALID_ARG;
	seal_name(key_id, name);
	err = seal_load(px, name, key);
	if (err == PC_ERR_NOT_FOUND) {
		/* platform.h: created on first use. */
		err = seal_create(px, name);
		if (err == PC_OK)
			err = seal_load(px, name, key);
	}
	if (err == PC_OK && pc_hmac_sha256(key, sizeof key, label, label_len,
					   out) != PC_OK)
		err = PC_ERR_KEYSTORE;
	pc_wipe(key, sizeof key);
	return err;
}

/* ---- public functions */

pc_err pc_posix_init(pc_posix *px, const char *storage_dir, pc_platform *out)
{
	struct stat st;
	size_t n;

	if (px == NULL || storage_dir == NULL || out == NULL)
		return PC_ERR_INVALID_ARG;
	n = strlen(storage_dir);
	if (n == 0 || n > PC_POSIX_DIR_MAX)
		return PC_ERR_INVALID_ARG;
	if (stat(storage_dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return PC_ERR_STORAGE;
	memset(px, 0, sizeof *px);
	memcpy(px->dir, storage_dir, n + 1);
	if (pthread_mutex_init(&px->lock, NULL) != 0)
		return PC_ERR_INTERNAL;
	memset(out, 0, sizeof *out);
	out->version = PC_PLATFORM_VERSION;
	out->ctx = px;
	out->rng = posix_rng;
	out->time_now = posix_time;
	out->storage_read = posix_read;
	out->storage_write_atomic = posix_write;
	out->storage_append = posix_append;
	out->mutex_lock = posix_lock;
	out->mutex_unlock = posix_unlock;
	out->log = posix_log;
	out->key_generate = posix_key_generate;
	out->key_public = posix_key_public;
	out->key_sign = posix_key_sign;
	out->key_derive = posix_key_derive;
	return PC_OK;
}

void pc_posix_wipe(pc_posix *px)
{
	if (px == NULL)
		return;
	(void)pthread_mutex_destroy(&px->lock);
	pc_wipe(px, sizeof *px);
}
