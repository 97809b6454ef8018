/*
 * paycode CLI: key, provider, wallet, certificate and replay-state files
 * (formats in docs/FILES.md), and the CLI's platform table.
 *
 * Every loader validates what it reads (files are untrusted input) and, on
 * failure, prints "error: PC_ERR_...: message" on stderr and returns 1;
 * 0 means success. Secrets read from or written to files are wiped from
 * every buffer the CLI owns before it is freed.
 */
#ifndef PAYCODE_CLI_FILES_H
#define PAYCODE_CLI_FILES_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <paycode/code.h>

#include "../ports/posix/posix.h"

struct cJSON;

/* ---- generic I/O (cli/files.c) ------------------------------------------ */

/* File modes: secrets (keys, wallets, provider state) and public files. */
#define PC_CLI_MODE_SECRET 0600
#define PC_CLI_MODE_PUBLIC 0644

/*
 * Write len bytes to path through a temporary created with
 * open(O_CREAT|O_EXCL) in the same folder, fsync, then rename (force) or
 * link (no clobber: an existing path is refused), then fsync the folder.
 * The file ends up with exactly `mode`. Prints the error; returns 0 or 1.
 */
int pc_cli_write_atomic(const char *path, const void *data, size_t len,
			mode_t mode, int force);

/* Read a whole file of at most max bytes into a malloc'd buffer (the
 * caller wipes and frees it). Prints the error; returns 0 or 1. */
int pc_cli_slurp(const char *path, size_t max, uint8_t **out, size_t *len);

/* Take an exclusive advisory lock (fcntl) on "path.lock", waiting for it.
 * Returns the descriptor, or -1 after printing the error. */
int pc_cli_lock(const char *path);
void pc_cli_unlock(int fd);

/* Lowercase hex of n bytes into out (2n + 1 bytes, NUL-terminated).
 * Constant-time in the data. */
void pc_cli_hex(const uint8_t *in, size_t n, char *out);
/* Exactly 2n hex digits (either case) into out[0..n). Constant-time in
 * the data (not in the length). Returns 0, or -1 (out is then wiped). */
int pc_cli_unhex(const char *hex, uint8_t *out, size_t n);

/* Big-endian 8-byte strings (token IDs) to and from integers. */
uint64_t pc_cli_get_be64(const uint8_t b[8]);
void pc_cli_put_be64(uint8_t b[8], uint64_t v);

/* ---- JSON helpers (cli/files_json.c) ------------------------------------- */

/* Parse the JSON object in `path` and check its "type" is `type` (NULL:
 * any string). Prints the error and returns NULL on failure. */
struct cJSON *pc_cli_json_load(const char *path, const char *type);
/* Print (formatted) and write atomically, as pc_cli_write_atomic(). */
int pc_cli_json_save(const struct cJSON *o, const char *path, mode_t mode,
		     int force);
/* Wipe every string in the tree, then delete it. Accepts NULL. */
void pc_cli_json_free(struct cJSON *o);
/* Field readers: 0, or 1 after printing "path: field ..." errors. */
int pc_cli_json_u32(const struct cJSON *o, const char *path, const char *key,
		    uint32_t max, uint32_t *out);
int pc_cli_json_bytes(const struct cJSON *o, const char *path, const char *key,
		      uint8_t *out, size_t n);
/* Add n bytes as a hex string field; add an exact integer (a JSON number
 * written digit for digit, beyond 2^53 too). 0, or -1 out of memory. */
int pc_cli_json_add_hex(struct cJSON *o, const char *key, const uint8_t *in,
			size_t n);
int pc_cli_json_add_uint(struct cJSON *o, const char *key, uint64_t v);
int pc_cli_json_add_int(struct cJSON *o, const char *key, int64_t v);

/* ---- provider root keys (cli/root_file.c) -------------------------------- */

typedef struct pc_cli_root {
	uint32_t key_id;
	uint8_t priv[32];
	uint8_t pub[65];
	int has_priv;
} pc_cli_root;

/* Load a "paycode-root-key" file (need_priv) or either a root key or a
 * "paycode-root-pub" file (!need_priv). The public key is checked on the
 * curve and, with a private key, against it. */
int pc_cli_root_load(const char *path, pc_cli_root *r, int need_priv);
/* Write the key pair (mode 0600) or, with pub_only, the public file. */
int pc_cli_root_save(const char *path, const pc_cli_root *r, int pub_only,
		     int force);
void pc_cli_root_wipe(pc_cli_root *r);

/* ---- provider state (cli/provider_file.c) -------------------------------- */

typedef struct pc_cli_master {
	uint32_t id;
	uint8_t key[PC_KEY_LEN];
} pc_cli_master;

typedef struct pc_cli_tokreg {
	uint32_t alias;
	uint64_t token;
	uint32_t master_key_id;
} pc_cli_tokreg;

typedef struct pc_cli_provider {
	pc_cli_master *masters;  /* malloc'd */
	size_t nmasters;
	pc_cli_tokreg *tokens;    /* malloc'd */
	size_t ntokens;
	pc_provider_hooks hooks; /* ctx points at this struct */
} pc_cli_provider;

/* Load "paycode-provider" (distinct master IDs, aliases and tokens) and
 * fill p->hooks for pc_validator_init(). */
int pc_cli_provider_load(const char *path, pc_cli_provider *p);
int pc_cli_provider_save(const char *path, const pc_cli_provider *p, int force);
/* Append a master key or a token (copies); 0, or 1 after an error. */
int pc_cli_provider_add_master(pc_cli_provider *p, uint32_t id,
			       const uint8_t key[PC_KEY_LEN]);
int pc_cli_provider_add_token(pc_cli_provider *p, const pc_cli_tokreg *t);
/* The master key with this ID, or NULL. */
const pc_cli_master *pc_cli_provider_master(const pc_cli_provider *p,
					    uint32_t id);
/* Wipe the keys and free the arrays. Accepts NULL. */
void pc_cli_provider_free(pc_cli_provider *p);

/* ---- wallet (cli/wallet_file.c) ------------------------------------------ */

typedef struct pc_cli_wallet {
	uint64_t token;
	uint32_t alias;
	uint32_t master_key_id;
	uint8_t otp_key[PC_KEY_LEN];
	uint32_t counter;
	uint32_t device_key_id;
	char storage[PC_POSIX_DIR_MAX + 1];
	uint8_t cert[PC_CERT_LEN];
	int has_cert;
} pc_cli_wallet;

int pc_cli_wallet_load(const char *path, pc_cli_wallet *w);
/* Write the wallet (mode 0600). */
int pc_cli_wallet_save(const char *path, const pc_cli_wallet *w, int force);
void pc_cli_wallet_wipe(pc_cli_wallet *w);

/* ---- the CLI's platform (cli/cli_platform.c) ----------------------------- */

/*
 * The POSIX port on a storage folder, optionally with a fixed clock (the
 * --now option) so that tests and the demo can show expiry without
 * sleeping. px must stay the first member: the port's hooks get this
 * struct's address as their ctx and read it as a pc_posix. Not copyable.
 */
typedef struct pc_cli_platform {
	pc_posix px;
	pc_time fixed_now;
	pc_platform plat;
} pc_cli_platform;

/* dir NULL: "." (rng and time only). Prints the error; returns 0 or 1. */
int pc_cli_platform_init(pc_cli_platform *p, const char *dir, int fixed,
			 pc_time now);
void pc_cli_platform_wipe(pc_cli_platform *p);
/* The system clock (POSIX port) into *now. Prints the error; 0 or 1. */
int pc_cli_clock(pc_time *now);

/* ---- replay state file (cli/replay_file.c) ------------------------------- */

/* The store a validator uses: a pc_memstore preloaded from the state file,
 * wrapped so that every successful consume is written back durably. */
typedef struct pc_cli_replay pc_cli_replay;

/* Lock and load `path` (absent: empty), dropping entries expired at now.
 * path NULL: a plain in-memory store. Returns NULL after an error. */
pc_cli_replay *pc_cli_replay_open(const char *path, const pc_platform *plat,
				  pc_time now);
const pc_store *pc_cli_replay_store(const pc_cli_replay *r);
/* True when the last validation consumed a key (and it is on disk). */
int pc_cli_replay_consumed(const pc_cli_replay *r);
/* Unlock and free. Accepts NULL. */
void pc_cli_replay_close(pc_cli_replay *r);

/* ---- output of the show commands (cli/show.c) ---------------------------- */

/* Print o as formatted JSON on stdout and free it. 0, or 1 on failure. */
int pc_cli_print_json(struct cJSON *o);

/* With root_path, check an object's issuer signature against that root
 * file (key pair or public): add "signature":"valid"|"invalid" to o and
 * return 0 when valid, else print the reason and return 1. verify gets obj
 * and the root public key. Without root_path, do nothing and return 0. */
int pc_cli_show_signature(struct cJSON *o, const char *root_path,
			  uint32_t issuer, const char *what,
			  pc_err (*verify)(const void *obj, const uint8_t pub[65]),
			  const void *obj);

#endif
