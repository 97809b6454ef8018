/*
 * paycode: Redis fleet store (STYLE §5, §14; ARCHITECTURE §3).
 *
 * A pc_store (include/paycode/code.h) whose replay set and limit counters
 * live in one Redis server shared by every validator of a fleet, so that a
 * code is approved at most once across the fleet and a daily limit holds
 * however many validators add to it at the same moment. Semantics are those
 * of the in-memory store (core/memstore.c), operation for operation:
 *
 *   consume     one command, SET <prefix>r:<hex key> 1 NX PXAT <ms>:
 *               PC_OK when the key was absent (set now), PC_ERR_REPLAYED
 *               when present (nil reply).
 *   add_within  one Lua script (EVALSHA, loaded with SCRIPT LOAD at open;
 *               after a server restart NOSCRIPT makes it fall back to EVAL
 *               once): reads <prefix>c:<hex key>; when current + amount <=
 *               limit it INCRBYs and PEXPIREATs (keeping the later expiry)
 *               and returns {1, new}; otherwise {0, current}.
 *
 * Both run atomically in Redis, so any number of processes and hosts may
 * share the keys. Replay keys and counters have separate key spaces (r:
 * and c:); in the in-memory store they share one table.
 *
 * Time. Decisions use the caller's clock only: `now` and `expires` are
 * passed through. The expiry handed to Redis is max(expires, now + 1)
 * seconds as an absolute time (the in-memory store keeps an entry at least
 * until now + 1 too), and Redis removes the key when *its* clock reaches
 * it. The validators' clocks and Redis's must therefore agree: a validator
 * whose clock lags Redis's by D seconds can see a replay key disappear D - 1
 * seconds before it stops accepting the code. Fleets whose clocks may
 * differ by more than a second set pc_redis_opts.replay_grace_s to at
 * least the largest difference.
 *
 * Durability. Redis must persist (AOF) if the replay set is to survive a
 * server restart: without persistence a restart forgets every consumed
 * code still inside its validity window.
 *
 * Faults fail closed. No connection, a connect or command timeout, an
 * error reply or a reply of the wrong shape returns PC_ERR_STORE_UNAVAILABLE
 * (no answer) or PC_ERR_STORE_REPLY (a wrong answer), never PC_OK, and
 * drops the connection; the next call reconnects (connect, AUTH, SELECT),
 * so the store recovers by itself when Redis is back. A call that meets a
 * connection the server has closed fails once and the next one reconnects.
 * A command that timed out may still run later in Redis: a consume then
 * stays consumed and an add stays counted (both on the safe side).
 *
 * Threads and processes. A pc_redis holds one connection and is not
 * thread-safe: use one pc_redis per thread. After fork() a child must not
 * use its parent's pc_redis (the socket is shared); it opens its own.
 * Each call blocks SIGPIPE for the calling thread while it talks to Redis
 * and discards a SIGPIPE it caused (as libpq does), so a server that goes
 * away never kills the process.
 *
 * Memory. This port uses the heap (hiredis allocates the connection and
 * every reply). A pc_redis is caller-allocated; its fields are reserved. It
 * owns a connection, so it must not be copied or moved after pc_redis_open.
 * It holds the password until pc_redis_close, which wipes it.
 *
 * Requires Redis >= 7.0 (SET ... PXAT, PEXPIREAT ... GT); Debian 12 ships
 * 7.0. The only file set that includes hiredis is ports/redis/.
 */
#ifndef PAYCODE_REDIS_STORE_H
#define PAYCODE_REDIS_STORE_H

#include <paycode/code.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Longest host name or IP literal in a URL, without the NUL. */
#define PC_REDIS_HOST_MAX 253u
/** Longest password in a URL, without the NUL. */
#define PC_REDIS_PASSWORD_MAX 128u
/** Longest key prefix, without the NUL. */
#define PC_REDIS_PREFIX_MAX 64u
/** Largest database number accepted in a URL. */
#define PC_REDIS_DB_MAX 65535u
/** Default port and timeouts. */
#define PC_REDIS_DEFAULT_PORT 6379u
#define PC_REDIS_DEFAULT_TIMEOUT_MS 200u
/** Longest timeout accepted, in milliseconds. */
#define PC_REDIS_TIMEOUT_MAX_MS 60000u
/** Largest grace added to replay-key expiry, in seconds. */
#define PC_REDIS_GRACE_MAX_S 86400u
/** Default key prefix. */
#define PC_REDIS_DEFAULT_PREFIX "paycode:"
/**
 * Largest |amount| and |limit| given to add_within: Lua numbers are
 * doubles, and every value the script compares stays exact below 2^53.
 * About 2.2e15 minor units.
 */
#define PC_REDIS_VALUE_MAX (((int64_t)1 << 51) - 1)
/** Latest `expires` and `now` accepted: 9999-12-31T23:59:59Z. */
#define PC_REDIS_TIME_MAX ((pc_time)253402300799)

/** A parsed redis:// URL. Holds the password: wipe it after use. */
typedef struct pc_redis_url {
	char host[PC_REDIS_HOST_MAX + 1];     /* IPv6 without brackets */
	uint16_t port;
	uint32_t db;
	char password[PC_REDIS_PASSWORD_MAX + 1]; /* "" when none */
} pc_redis_url;

/** Options; set every field (pc_redis_opts_default) before changing some. */
typedef struct pc_redis_opts {
	uint32_t connect_timeout_ms; /* 1..PC_REDIS_TIMEOUT_MAX_MS; default 200 */
	uint32_t command_timeout_ms; /* 1..PC_REDIS_TIMEOUT_MAX_MS; default 200 */
	const char *prefix;          /* NULL: default; see pc_redis_open */
	uint32_t replay_grace_s;     /* seconds added to replay-key expiry;
					default 0 (exactly the in-memory store) */
} pc_redis_opts;

typedef struct pc_redis {
	struct redisContext *conn;   /* NULL while disconnected */
	pc_redis_url url;
	uint32_t connect_ms;
	uint32_t command_ms;
	uint32_t grace_s;
	char prefix[PC_REDIS_PREFIX_MAX + 1];
	char sha[41];                /* SHA-1 of the add_within script, hex */
	uint64_t connects;           /* successful connects since open */
} pc_redis;

/**
 * Fill the defaults: 200 ms timeouts, prefix "paycode:", no grace.
 * @param o  not NULL. Thread-safe.
 */
void pc_redis_opts_default(pc_redis_opts *o);

/**
 * Parse `redis://[:password@]host[:port][/db]` strictly.
 *
 * host: a name of [A-Za-z0-9.-] (not starting or ending with '.' or '-'),
 * an IPv4 literal, or an IPv6 literal in brackets; port: 1..65535, default
 * 6379; db: 0..PC_REDIS_DB_MAX, default 0. Numbers are decimal without sign
 * or leading zeros. The password is 1..PC_REDIS_PASSWORD_MAX printable
 * ASCII characters other than '@', '/', '%', '?' and '#' (no percent
 * decoding). A user name, a trailing '/', a query, a fragment, another
 * scheme (rediss://, unix://), whitespace or anything else is refused.
 *
 * @param url  NUL-terminated; not retained. Not NULL.
 * @param out  out: the parts; holds the password. Not NULL. Left zeroed on
 *             failure.
 * @return PC_OK, PC_ERR_INVALID_ARG.
 * Thread-safe. Not constant-time in the password's length.
 */
PC_MUST_CHECK pc_err pc_redis_url_parse(const char *url, pc_redis_url *out);

/**
 * Connect to Redis and fill `out` with a store backed by it.
 *
 * Parses the URL, connects (connect timeout), sends AUTH when the URL has
 * a password and SELECT when db != 0 (command timeout), and loads the
 * add_within script (SCRIPT LOAD).
 *
 * @param r     the store state; not NULL. Must outlive every use of `out`
 *              and stay at the same address.
 * @param url   see pc_redis_url_parse(); not retained (copied).
 * @param opts  NULL for defaults; copied. prefix: 0..PC_REDIS_PREFIX_MAX
 *              characters of [A-Za-z0-9:._-], copied.
 * @param out   out: ctx = r, consume and add_within set. Not NULL.
 * @return PC_OK; PC_ERR_INVALID_ARG (NULL, bad URL, bad option);
 *         PC_ERR_STORE_UNAVAILABLE (cannot connect, timeout);
 *         PC_ERR_STORE_REPLY (AUTH, SELECT or SCRIPT LOAD refused, e.g.
 *         a wrong password). On failure r is wiped and holds nothing.
 * Not thread-safe with respect to r.
 */
PC_MUST_CHECK pc_err pc_redis_open(pc_redis *r, const char *url,
				   const pc_redis_opts *opts, pc_store *out);

/**
 * One PING round trip on the store's connection (reconnecting first when
 * it is down): a health check, and the bench's baseline.
 * @param r  an open store; not NULL.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_STORE_UNAVAILABLE,
 *         PC_ERR_STORE_REPLY (then the connection is dropped).
 * Not thread-safe with respect to r.
 */
PC_MUST_CHECK pc_err pc_redis_ping(pc_redis *r);

/**
 * Number of successful connects since pc_redis_open (1 after open; each
 * recovery after a fault adds one).
 * @param r  an open store; not NULL. Not thread-safe with respect to r.
 */
uint64_t pc_redis_connects(const pc_redis *r);

/**
 * Close the connection and zeroise r (password included). Accepts NULL and
 * a wiped or failed-open r. Keys stay in Redis until they expire.
 * Not thread-safe: no call on r may be running.
 */
void pc_redis_close(pc_redis *r);

#ifdef __cplusplus
}
#endif
#endif /* PAYCODE_REDIS_STORE_H */
