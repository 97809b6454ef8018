/*
 * paycode CLI: the replay state file behind `code verify --state FILE`, so
 * that separate invocations agree on single use (docs/FILES.md §5).
 *
 * The file is "PCRPLY01" followed by 24-byte entries: replay key (16) and
 * expiry (8, big-endian Unix seconds). It is loaded into a pc_memstore,
 * skipping expired entries, under an exclusive lock on FILE.lock held until
 * the command ends, so concurrent verifiers serialise. The validator sees a
 * pc_store wrapping the memstore's consume: when the memstore accepts a
 * key, the live entries plus the new one are written to a temporary,
 * fsynced and renamed over the file before consume returns PC_OK. If that
 * write fails, consume reports PC_ERR_STORAGE and the validator declines
 * (STORE_FAULT): a code is never approved without being durably consumed.
 * The store does replay only: its add_within hook (risk limit counters) is
 * NULL, as pc_store allows, since the CLI runs no risk hooks.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "files.h"

#define MAGIC "PCRPLY01"
#define MAGIC_LEN 8u
#define ENTRY_LEN (PC_REPLAY_KEY_LEN + 8u)

typedef struct entry {
	uint8_t key[PC_REPLAY_KEY_LEN];
	pc_time expires;
} entry;

struct pc_cli_replay {
	pc_memstore ms;
	pc_store inner;   /* the memstore's own table */
	pc_store outer;   /* the validator's: ctx is this struct */
	const char *path; /* NULL: memory only */
	int lock_fd;
	entry *e;         /* live entries, as written to the file */
	size_t n;
	int consumed;     /* the last consume succeeded and is durable */
	entry last;       /* the key it consumed */
};

/* Serialise the entries still live at now and replace the file. */
static int save(const pc_cli_replay *r, pc_time now)
{
	uint8_t *buf = malloc(MAGIC_LEN + r->n * ENTRY_LEN), *p;
	size_t i;
	int rc;

	if (buf == NULL)
		return pc_cli_fail(PC_ERR_INTERNAL, "out of memory");
	memcpy(buf, MAGIC, MAGIC_LEN);
	for (i = 0, p = buf + MAGIC_LEN; i < r->n; i++) {
		if (r->e[i].expires <= now)
			continue;
		memcpy(p, r->e[i].key, PC_REPLAY_KEY_LEN);
		pc_cli_put_be64(p + PC_REPLAY_KEY_LEN, (uint64_t)r->e[i].expires);
		p += ENTRY_LEN;
	}
	rc = pc_cli_write_atomic(r->path, buf, (size_t)(p - buf),
				 PC_CLI_MODE_SECRET, 1);
	free(buf);
	return rc;
}

/* Record one entry in the list written back to the file. */
static int remember(pc_cli_replay *r, const uint8_t *key, pc_time expires)
{
	entry *e = realloc(r->e, (r->n + 1) * sizeof *e);

	if (e == NULL)
		return -1;
	r->e = e;
	memcpy(e[r->n].key, key, PC_REPLAY_KEY_LEN);
	e[r->n].expires = expires;
	r->n++;
	return 0;
}

static pc_err consume(void *ctx, const uint8_t key[PC_REPLAY_KEY_LEN],
		      pc_time expires, pc_time now)
{
	pc_cli_replay *r = ctx;
	pc_err err = r->inner.consume(r->inner.ctx, key, expires, now);

	r->consumed = 0;
	if (err != PC_OK)
		return err;
	if (remember(r, key, expires) != 0)
		return PC_ERR_STORAGE;
	if (r->path != NULL && save(r, now) != 0)
		return PC_ERR_STORAGE;
	memcpy(r->last.key, key, PC_REPLAY_KEY_LEN);
	r->last.expires = expires;
	r->consumed = 1;
	return PC_OK;
}

/* Load the entries of buf[0..len) that are live at now. */
static int load_entries(pc_cli_replay *r, const uint8_t *buf, size_t len,
			pc_time now)
{
	const uint8_t *p;
	pc_time exp;
	pc_err err;

	if (len < MAGIC_LEN || memcmp(buf, MAGIC, MAGIC_LEN) != 0 ||
	    (len - MAGIC_LEN) % ENTRY_LEN != 0)
		return pc_cli_fail(PC_ERR_STORAGE, "%s: not a paycode replay state "
				   "file", r->path);
	for (p = buf + MAGIC_LEN; p < buf + len; p += ENTRY_LEN) {
		exp = (pc_time)pc_cli_get_be64(p + PC_REPLAY_KEY_LEN);
		if (exp <= now)
			continue; /* expired: dropped at the next write */
		err = r->inner.consume(r->inner.ctx, p, exp, now);
		if (err == PC_ERR_REPLAYED)
			continue; /* a duplicate entry: harmless */
		if (err != PC_OK || remember(r, p, exp) != 0)
			return pc_cli_fail(err != PC_OK ? err : PC_ERR_INTERNAL,
					   "%s: cannot load entry %zu", r->path,
					   (size_t)(p - buf - MAGIC_LEN) / ENTRY_LEN);
	}
	return 0;
}

static int load(pc_cli_replay *r, pc_time now)
{
	struct stat st;
	uint8_t *buf;
	size_t len;
	int rc;

	if (stat(r->path, &st) != 0 && errno == ENOENT)
		return 0; /* first use: empty */
	if (pc_cli_slurp(r->path, MAGIC_LEN + (size_t)PC_MEMSTORE_SLOTS * ENTRY_LEN,
			 &buf, &len) != 0)
		return 1;
	rc = load_entries(r, buf, len, now);
	free(buf);
	return rc;
}

pc_cli_replay *pc_cli_replay_open(const char *path, const pc_platform *plat,
				  pc_time now)
{
	pc_cli_replay *r = calloc(1, sizeof *r);

	if (r == NULL) {
		(void)pc_cli_fail(PC_ERR_INTERNAL, "out of memory");
		return NULL;
	}
	pc_memstore_init(&r->ms, plat, &r->inner);
	r->outer.ctx = r;
	r->outer.consume = consume;
	r->path = path;
	r->lock_fd = -1;
	if (path != NULL && ((r->lock_fd = pc_cli_lock(path)) < 0 || load(r, now) != 0)) {
		pc_cli_replay_close(r);
		return NULL;
	}
	return r;
}

const pc_store *pc_cli_replay_store(const pc_cli_replay *r)
{
	return &r->outer;
}

int pc_cli_replay_consumed(const pc_cli_replay *r)
{
	return r->consumed;
}

void pc_cli_replay_close(pc_cli_replay *r)
{
	if (r == NULL)
		return;
	pc_cli_unlock(r->lock_fd);
	free(r->e);
	free(r);
}
