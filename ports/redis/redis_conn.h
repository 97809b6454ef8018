/*
 * Redis port internals: the connection layer shared by redis_conn.c and
 * redis_store.c. Private to ports/redis; the only header besides hiredis's
 * own that mentions hiredis types.
 */
#ifndef PAYCODE_REDIS_CONN_H
#define PAYCODE_REDIS_CONN_H

#include <hiredis/hiredis.h>

#include "redis_store.h"

/**
 * Connect when disconnected: TCP connect (connect timeout), command
 * timeout, AUTH and SELECT as the URL asks. On failure the connection is
 * dropped.
 * @return PC_OK, PC_ERR_STORE_UNAVAILABLE, PC_ERR_STORE_REPLY.
 */
pc_err pc__redis_connect(pc_redis *r);

/**
 * Send one command (argc NUL-terminated strings) and read its reply,
 * connecting first when needed. SIGPIPE is blocked for the calling thread meanwhile.
 * @return the reply (free with freeReplyObject), or NULL with *err set to
 *   PC_ERR_STORE_UNAVAILABLE (no connection, I/O error, timeout, EOF) or
 *   PC_ERR_STORE_REPLY (protocol error); the connection is then dropped.
 *   Error replies are returned as replies: the caller judges them.
 */
redisReply *pc__redis_call(pc_redis *r, int argc, const char **argv,
			   pc_err *err);

/** Drop the connection (if any); the next call reconnects. */
void pc__redis_reset(pc_redis *r);

/** True when the reply is a status reply equal to `want`. */
bool pc__redis_is_status(const redisReply *rep, const char *want);

#endif /* PAYCODE_REDIS_CONN_H */
