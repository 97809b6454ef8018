/*
 * paycode CLI: the state store behind `code verify` (docs/FILES.md §5, §8):
 * replay keys and risk counters, chosen with
 *
 *   (neither)     an in-process pc_memstore, empty at start: single use
 *                 and limits hold within one invocation only;
 *   --state FILE  the replay state file (cli/replay_file.c): replay only,
 *                 no counters;
 *   --store memory                 the in-process store, said explicitly;
 *   --store file:DIR               pc_filestore on the POSIX port rooted
 *                                  at DIR (created 0700 when absent),
 *                                  under an exclusive lock on
 *                                  DIR/paycode-store.lock: crash-safe,
 *                                  shared by successive invocations;
 *   --store redis://[:pw@]host[:port][/db]  the fleet store
 *                                  (ports/redis), shared by every process
 *                                  and host that uses the same server.
 *
 * Whatever the store, the validator sees a pc_store that records whether
 * the last consume succeeded, so the command can check that the store saw
 * exactly the consumption the pipeline reports. Faults fail closed: a
 * Redis server that cannot be reached (or refuses AUTH or SELECT) gives a
 * store whose every operation fails with that fault, so the validator
 * declines STORE_FAULT (terminals: REFER_ONLINE) and never approves.
 */
#ifndef PAYCODE_CLI_STORE_OPT_H
#define PAYCODE_CLI_STORE_OPT_H

#include <paycode/code.h>

typedef enum pc_cli_store_kind {
	PC_CLI_STORE_MEMORY = 0, /* in-process (the default) */
	PC_CLI_STORE_STATE = 1,  /* --state FILE */
	PC_CLI_STORE_FILE = 2,   /* --store file:DIR */
	PC_CLI_STORE_REDIS = 3   /* --store redis://... */
} pc_cli_store_kind;

typedef struct pc_cli_store_spec {
	pc_cli_store_kind kind;
	const char *arg;  /* FILE, DIR or URL, pointing into argv; else NULL */
} pc_cli_store_spec;

/*
 * Check --store (`store`, may be NULL) and --state (`state`, may be NULL)
 * of command `cmd` into *out. Returns -1 to go on, or 2 after a usage
 * error (both given, an unknown form, an empty or too long DIR, a URL that
 * pc_redis_url_parse() refuses; the password is never printed).
 */
int pc_cli_store_parse(const char *store, const char *state, const char *cmd,
		       pc_cli_store_spec *out);

/* An open store. */
typedef struct pc_cli_store pc_cli_store;

/*
 * Open the store of spec. plat: the command's platform (its mutex hooks
 * guard the in-memory store; the replay file uses it too); retained. now:
 * the validator's time (the replay file drops entries expired then).
 * Returns NULL after printing the error (a file store or replay file that
 * cannot be locked, read or verified). An unreachable Redis is not an
 * error here: see above.
 */
pc_cli_store *pc_cli_store_open(const pc_cli_store_spec *spec,
				const pc_platform *plat, pc_time now);

/* The store to give the validator; valid until close. */
const pc_store *pc_cli_store_get(const pc_cli_store *s);

/* True when the last consume succeeded (and, for the replay file and the
 * file store, is durable). */
int pc_cli_store_consumed(const pc_cli_store *s);

/* Close, unlock, wipe and free. Accepts NULL. */
void pc_cli_store_close(pc_cli_store *s);

#endif
