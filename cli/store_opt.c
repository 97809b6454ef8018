/*
 * paycode CLI: --store and --state of `code verify` (see store_opt.h for
 * the contract; docs/FILES.md §5, §8).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "files.h"
#include "opts.h"
#include "store_opt.h"
#include "../ports/redis/redis_store.h"

#define FILE_PREFIX "file:"
#define REDIS_PREFIX "redis://"

struct pc_cli_store {
	pc_cli_store_kind kind;
	pc_store inner;           /* the chosen store's own table */
	pc_store outer;           /* the validator's: ctx is this struct */
	int consumed;             /* the last consume returned PC_OK */
	pc_err fault;             /* the fault store's answer (Redis down) */
	pc_cli_replay *replay;    /* --state */
	int lock_fd;              /* file:DIR */
	int posix_ok;
	pc_posix px;              /* file:DIR: the port rooted at DIR */
	pc_platform fplat;
	union {
		pc_memstore ms;
		pc_filestore fs;
		pc_redis redis;
	} u;
};

int pc_cli_store_parse(const char *store, const char *state, const char *cmd,
		       pc_cli_store_spec *out)
{
	pc_redis_url url;
	size_t n;
	int bad;

	memset(out, 0, sizeof *out);
	if (store != NULL && state != NULL)
		return pc_cli_usage_error(cmd, "--state and --store are mutually exclusive");
	if (state != NULL) {
		out->kind = PC_CLI_STORE_STATE;
		out->arg = state;
		return -1;
	}
	if (store == NULL || strcmp(store, "memory") == 0)
		return -1;
	if (strncmp(store, FILE_PREFIX, strlen(FILE_PREFIX)) == 0) {
		out->kind = PC_CLI_STORE_FILE;
		out->arg = store + strlen(FILE_PREFIX);
		n = strlen(out->arg);
		if (n == 0 || n > PC_POSIX_DIR_MAX)
			return pc_cli_usage_error(cmd, "--store file:DIR needs a folder of "
						  "1..%u bytes", (unsigned)PC_POSIX_DIR_MAX);
		return -1;
	}
	if (strncmp(store, REDIS_PREFIX, strlen(REDIS_PREFIX)) == 0) {
		bad = pc_redis_url_parse(store, &url) != PC_OK;
		pc_wipe(&url, sizeof url);
		if (bad) /* the URL may hold a password: do not echo it */
			return pc_cli_usage_error(cmd, "--store: malformed redis:// URL "
						  "(redis://[:password@]host[:port][/db])");
		out->kind = PC_CLI_STORE_REDIS;
		out->arg = store;
		return -1;
	}
	return pc_cli_usage_error(cmd, "--store must be memory, file:DIR or redis://...");
}

/* ---- the validator's view: every store, with the consumed flag ----------- */

static pc_err outer_consume(void *ctx, const uint8_t key[PC_REPLAY_KEY_LEN],
			    pc_time expires, pc_time now)
{
	pc_cli_store *s = ctx;
	pc_err err = s->inner.consume(s->inner.ctx, key, expires, now);

	s->consumed = err == PC_OK;
	return err;
}

static pc_err outer_add(void *ctx, const uint8_t key[PC_REPLAY_KEY_LEN],
			int64_t amount, int64_t limit, pc_time expires,
			pc_time now, int64_t *total)
{
	const pc_cli_store *s = ctx;

	return s->inner.add_within(s->inner.ctx, key, amount, limit, expires,
				   now, total);
}

/* ---- the fault store: what an unreachable Redis leaves ------------------- */

static pc_err fault_consume(void *ctx, const uint8_t key[PC_REPLAY_KEY_LEN],
			    pc_time expires, pc_time now)
{
	(void)key;
	(void)expires;
	(void)now;
	return ((const pc_cli_store *)ctx)->fault;
}

static pc_err fault_add(void *ctx, const uint8_t key[PC_REPLAY_KEY_LEN],
			int64_t amount, int64_t limit, pc_time expires,
			pc_time now, int64_t *total)
{
	(void)key;
	(void)amount;
	(void)limit;
	(void)expires;
	(void)now;
	*total = 0;
	return ((const pc_cli_store *)ctx)->fault;
}

/* ---- opening each kind ---------------------------------------------------- */

/* file:DIR: create DIR if absent, lock it, load the store. 0 or 1. */
static int open_file(pc_cli_store *s, const char *dir)
{
	char base[PC_POSIX_DIR_MAX + 32];
	pc_err err;

	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return pc_cli_fail(PC_ERR_STORAGE, "%s: cannot create the store folder: %s",
				   dir, strerror(errno));
	snprintf(base, sizeof base, "%s/paycode-store", dir);
	s->lock_fd = pc_cli_lock(base);
	if (s->lock_fd < 0)
		return 1;
	err = pc_posix_init(&s->px, dir, &s->fplat);
	if (err != PC_OK)
		return pc_cli_fail(err, "%s: cannot use this folder for the store", dir);
	s->posix_ok = 1;
	err = pc_filestore_open(&s->u.fs, &s->fplat, &s->inner);
	if (err != PC_OK)
		return pc_cli_fail(err, "%s: the file store does not open (%s)", dir,
				   err == PC_ERR_STORAGE ? "unreadable, or it does not verify" :
				   pc_strerror(err));
	return 0;
}

/* redis://: connect; a server that does not answer leaves the fault store. */
static int open_redis(pc_cli_store *s, const char *url)
{
	pc_redis_url u;
	pc_err err = pc_redis_open(&s->u.redis, url, NULL, &s->inner);

	if (err == PC_OK)
		return 0;
	if (err == PC_ERR_INVALID_ARG)
		return pc_cli_fail(err, "--store: the redis URL is refused");
	if (pc_redis_url_parse(url, &u) == PC_OK)
		fprintf(stderr, "warning: %s: redis store %s:%u: %s; failing closed\n",
			pc_err_name(err), u.host, (unsigned)u.port, pc_strerror(err));
	pc_wipe(&u, sizeof u);
	s->fault = err;
	s->inner.ctx = s;
	s->inner.consume = fault_consume;
	s->inner.add_within = fault_add;
	return 0;
}

static int open_kind(pc_cli_store *s, const pc_cli_store_spec *spec,
		     const pc_platform *plat, pc_time now)
{
	switch (spec->kind) {
	case PC_CLI_STORE_STATE:
		s->replay = pc_cli_replay_open(spec->arg, plat, now);
		if (s->replay == NULL)
			return 1;
		s->inner = *pc_cli_replay_store(s->replay);
		return 0;
	case PC_CLI_STORE_FILE:
		return open_file(s, spec->arg);
	case PC_CLI_STORE_REDIS:
		return open_redis(s, spec->arg);
	case PC_CLI_STORE_MEMORY:
		pc_memstore_init(&s->u.ms, plat, &s->inner);
		return 0;
	default:
		return pc_cli_fail(PC_ERR_INTERNAL, "unknown store kind");
	}
}

pc_cli_store *pc_cli_store_open(const pc_cli_store_spec *spec,
				const pc_platform *plat, pc_time now)
{
	pc_cli_store *s = calloc(1, sizeof *s);

	if (s == NULL) {
		(void)pc_cli_fail(PC_ERR_INTERNAL, "out of memory");
		return NULL;
	}
	s->kind = spec->kind;
	s->lock_fd = -1;
	if (open_kind(s, spec, plat, now) != 0) {
		pc_cli_store_close(s);
		return NULL;
	}
	s->outer.ctx = s;
	s->outer.consume = outer_consume;
	s->outer.add_within = s->inner.add_within != NULL ? outer_add : NULL;
	return s;
}

const pc_store *pc_cli_store_get(const pc_cli_store *s)
{
	return &s->outer;
}

int pc_cli_store_consumed(const pc_cli_store *s)
{
	return s->consumed;
}

void pc_cli_store_close(pc_cli_store *s)
{
	if (s == NULL)
		return;
	switch (s->kind) {
	case PC_CLI_STORE_STATE:
		pc_cli_replay_close(s->replay);
		break;
	case PC_CLI_STORE_FILE:
		pc_filestore_wipe(&s->u.fs); /* every change is already durable */
		break;
	case PC_CLI_STORE_REDIS:
		pc_redis_close(&s->u.redis); /* also after a failed open */
		break;
	case PC_CLI_STORE_MEMORY:
	default:
		break;
	}
	if (s->posix_ok)
		pc_posix_wipe(&s->px);
	pc_cli_unlock(s->lock_fd);
	pc_wipe(s, sizeof *s);
	free(s);
}
