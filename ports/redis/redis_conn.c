/*
 * Redis port: one blocking hiredis connection per pc_redis, (re)made on
 * demand and dropped on any fault so that the next call starts clean. A
 * connection that failed mid-command may hold half a reply; reusing it
 * could pair the next command with the previous answer.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "redis_conn.h"

/* ---- SIGPIPE: a write to a socket the server closed raises it, and its
 * default action kills the process. hiredis writes with write(2), so the
 * port blocks SIGPIPE around each command and, when the command failed,
 * discards a SIGPIPE that is now pending unless one was pending before
 * (libpq's pq_block_sigpipe()/pq_reset_sigpipe() do the same). The mask is
 * per thread, so other threads keep their own disposition. */

typedef struct sigpipe_guard {
	sigset_t old;
	bool was_pending;
} sigpipe_guard;

static void sigpipe_set(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGPIPE);
}

static void sigpipe_block(sigpipe_guard *g)
{
	sigset_t set, pending;

	sigpipe_set(&set);
	g->was_pending = false;
	(void)pthread_sigmask(SIG_BLOCK, &set, &g->old);
	/* Blocked already by the caller: a pending SIGPIPE is the caller's. */
	if (sigismember(&g->old, SIGPIPE) == 1 && sigpending(&pending) == 0)
		g->was_pending = sigismember(&pending, SIGPIPE) == 1;
}

static void sigpipe_restore(const sigpipe_guard *g, bool failed)
{
	static const struct timespec zero = { 0, 0 };
	sigset_t set, pending;

	sigpipe_set(&set);
	/* Only a failed write raises SIGPIPE: skip the syscalls otherwise. */
	if (failed && !g->was_pending && sigpending(&pending) == 0 &&
	    sigismember(&pending, SIGPIPE) == 1)
		(void)sigtimedwait(&set, NULL, &zero);
	(void)pthread_sigmask(SIG_SETMASK, &g->old, NULL);
}

/* ---- connection */

static struct timeval ms_tv(uint32_t ms)
{
	struct timeval tv;

	tv.tv_sec = (time_t)(ms / 1000u);
	tv.tv_usec = (suseconds_t)((ms % 1000u) * 1000u);
	return tv;
}

void pc__redis_reset(pc_redis *r)
{
	if (r->conn != NULL) {
		redisFree(r->conn);
		r->conn = NULL;
	}
}

bool pc__redis_is_status(const redisReply *rep, const char *want)
{
	size_t n = strlen(want);

	return rep->type == REDIS_REPLY_STATUS && rep->len == n &&
	       memcmp(rep->str, want, n) == 0;
}

/* One command on the live connection r->conn. */
static redisReply *raw_call(pc_redis *r, int argc, const char **argv, pc_err *err)
{
	sigpipe_guard g;
	redisReply *rep;

	sigpipe_block(&g);
	rep = redisCommandArgv(r->conn, argc, argv, NULL);
	sigpipe_restore(&g, rep == NULL);
	if (rep == NULL) {
		*err = r->conn->err == REDIS_ERR_PROTOCOL ? PC_ERR_STORE_REPLY :
		       PC_ERR_STORE_UNAVAILABLE;
		pc__redis_reset(r);
	}
	return rep;
}

/* A setup command (AUTH, SELECT) that must answer +OK. hiredis copies the
 * AUTH password into its output buffer and frees it unwiped: it lingers in
 * freed heap, as the URL string given to pc_redis_open may. */
static pc_err expect_ok(pc_redis *r, int argc, const char **argv)
{
	pc_err err = PC_OK;
	redisReply *rep = raw_call(r, argc, argv, &err);

	if (rep == NULL)
		return err;
	if (!pc__redis_is_status(rep, "OK"))
		err = PC_ERR_STORE_REPLY;
	freeReplyObject(rep);
	if (err != PC_OK)
		pc__redis_reset(r);
	return err;
}

static pc_err open_socket(pc_redis *r)
{
	redisContext *c = redisConnectWithTimeout(r->url.host, r->url.port,
						  ms_tv(r->connect_ms));

	if (c == NULL)
		return PC_ERR_STORE_UNAVAILABLE;
	if (c->err != 0 || redisSetTimeout(c, ms_tv(r->command_ms)) != REDIS_OK) {
		redisFree(c);
		return PC_ERR_STORE_UNAVAILABLE;
	}
	r->conn = c;
	return PC_OK;
}

static pc_err auth(pc_redis *r)
{
	const char *argv[2] = { "AUTH", r->url.password };

	return expect_ok(r, 2, argv);
}

static pc_err select_db(pc_redis *r)
{
	char db[12];
	const char *argv[2] = { "SELECT", db };

	(void)snprintf(db, sizeof db, "%u", (unsigned)r->url.db);
	return expect_ok(r, 2, argv);
}

pc_err pc__redis_connect(pc_redis *r)
{
	pc_err err;

	if (r->conn != NULL)
		return PC_OK;
	err = open_socket(r);
	if (err == PC_OK && r->url.password[0] != '\0')
		err = auth(r);
	if (err == PC_OK && r->url.db != 0)
		err = select_db(r);
	if (err == PC_OK)
		r->connects++;
	return err;
}

redisReply *pc__redis_call(pc_redis *r, int argc, const char **argv, pc_err *err)
{
	*err = pc__redis_connect(r);
	if (*err != PC_OK)
		return NULL;
	return raw_call(r, argc, argv, err);
}
