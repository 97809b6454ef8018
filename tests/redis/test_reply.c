/*
 * Replies a real Redis never gives. A scripted fake server on loopback (a
 * forked child) answers each command with the next canned reply, so every
 * wrong shape is seen to fail closed (PC_ERR_STORE_REPLY or
 * PC_ERR_STORE_UNAVAILABLE, never PC_OK) and to drop the connection (the
 * next call makes a new one), while the right shapes keep it. Also the
 * SIGPIPE guard's hygiene: the caller's signal mask is restored, and a
 * SIGPIPE the caller had pending stays pending. Needs no redis-server.
 *
 * The fake reads one command per read(2): on loopback a small command
 * arrives whole. It exits with the number of commands that were not the
 * ones the script expected.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include "redis_store.h"
#include "rtest.h"

#define SHA "0123456789abcdef0123456789abcdef01234567"
#define CLOSE ((const char *)1) /* close without answering */
#define HANG ((const char *)2)  /* answer nothing until the client leaves */

static const struct step {
	const char *cmd, *reply;
} steps[] = {
	/* 0-1: failed opens */
	{ "SELECT", "-ERR DB index is out of range\r\n" },
	{ "SCRIPT", "$5\r\nhello\r\n" },
	/* 2: the open used below */
	{ "SCRIPT", "$40\r\n" SHA "\r\n" },
	/* 3-7: consume, wrong shapes */
	{ "SET", ":5\r\n" },
	{ "SET", "+QUEUED\r\n" },
	{ "SET", "-ERR boom\r\n" },
	{ "SET", "!garbage\r\n" },
	{ "SET", "*1\r\n+OK\r\n" },
	/* 8-13: add_within (amount 5, limit 100), wrong shapes */
	{ "EVALSHA", "*2\r\n:1\r\n:999\r\n" },      /* over the limit */
	{ "EVALSHA", "*2\r\n:0\r\n:3\r\n" },        /* refused, yet it fits */
	{ "EVALSHA", "*3\r\n:1\r\n:5\r\n:5\r\n" },
	{ "EVALSHA", "*2\r\n$1\r\n1\r\n:5\r\n" },
	{ "EVALSHA", "*2\r\n:2\r\n:5\r\n" },
	{ "EVALSHA", "*2\r\n:1\r\n:-1\r\n" },
	/* 14-17: NOSCRIPT falls back to EVAL once, on the same connection */
	{ "EVALSHA", "-NOSCRIPT No matching script\r\n" },
	{ "EVAL", "*2\r\n:1\r\n:5\r\n" },
	{ "EVALSHA", "-NOSCRIPT No matching script\r\n" },
	{ "EVAL", "-NOSCRIPT again\r\n" },
	/* 18-22: right shapes, then a wrong pong */
	{ "SET", "$-1\r\n" },
	{ "SET", "+OK\r\n" },
	{ "EVALSHA", "*2\r\n:0\r\n:96\r\n" },
	{ "PING", "+PONG\r\n" },
	{ "PING", "+PANG\r\n" },
	/* 23-24: no answer */
	{ "SET", CLOSE },
	{ "SET", HANG },
};
#define NSTEPS (sizeof steps / sizeof steps[0])

/* ---- the fake server */

static bool has_cmd(const char *req, const char *cmd)
{
	char want[32];

	snprintf(want, sizeof want, "\r\n%s\r\n", cmd);
	return strstr(req, want) != NULL;
}

static int serve(int lfd)
{
	char buf[4096];
	size_t i = 0;
	int c = -1, bad = 0;

	while (i < NSTEPS) {
		ssize_t n;

		if (c < 0 && (c = accept(lfd, NULL, NULL)) < 0)
			return 100;
		n = read(c, buf, sizeof buf - 1);
		if (n <= 0) {
			close(c);
			c = -1;
			continue;
		}
		buf[n] = '\0';
		bad += !has_cmd(buf, steps[i].cmd);
		if (steps[i].reply == HANG)
			while (read(c, buf, sizeof buf) > 0)
				;
		if (steps[i].reply == CLOSE || steps[i].reply == HANG) {
			close(c);
			c = -1;
		} else if (write(c, steps[i].reply, strlen(steps[i].reply)) < 0) {
			bad++;
		}
		i++;
	}
	return bad;
}

static pid_t start_fake(unsigned *port)
{
	struct sockaddr_in a;
	socklen_t n = sizeof a;
	int lfd = socket(AF_INET, SOCK_STREAM, 0);
	pid_t p;

	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&a, sizeof a) != 0 ||
	    listen(lfd, 8) != 0 || getsockname(lfd, (struct sockaddr *)&a, &n) != 0)
		return -1;
	*port = ntohs(a.sin_port);
	fflush(stdout);
	p = fork();
	if (p == 0)
		_exit(serve(lfd));
	close(lfd);
	return p;
}

/* ---- the client */

static pc_redis r;
static pc_store s;
static uint8_t key[PC_REPLAY_KEY_LEN] = { 1, 2, 3 };

static pc_err consume(void)
{
	pc_time now = (pc_time)time(NULL);

	return s.consume(s.ctx, key, now + 60, now);
}

static pc_err add(int64_t *total)
{
	pc_time now = (pc_time)time(NULL);

	return s.add_within(s.ctx, key, 5, 100, now + 60, now, total);
}

/* A call's result and how many connections it made (0 or 1 expected:
 * a fault drops the connection, so the call after one reconnects). */
static void expect(pc_err got, pc_err want, uint64_t *seen, int line)
{
	uint64_t now_connects = pc_redis_connects(&r);

	if (!rt_eq_(got, want, "result", __FILE__, line))
		printf("  (connects %llu)\n", (unsigned long long)now_connects);
	*seen = now_connects;
}

static bool sigpipe_blocked(void)
{
	sigset_t cur;

	pthread_sigmask(SIG_SETMASK, NULL, &cur);
	return sigismember(&cur, SIGPIPE) == 1;
}

static bool sigpipe_pending(void)
{
	sigset_t p;

	sigpending(&p);
	return sigismember(&p, SIGPIPE) == 1;
}

static void check_opens(unsigned port)
{
	char url[64];

	snprintf(url, sizeof url, "redis://127.0.0.1:%u/3", port);
	RT_EQ(pc_redis_open(&r, url, NULL, &s), PC_ERR_STORE_REPLY);
	snprintf(url, sizeof url, "redis://127.0.0.1:%u", port);
	RT_EQ(pc_redis_open(&r, url, NULL, &s), PC_ERR_STORE_REPLY);
	RT_EQ(pc_redis_open(&r, url, &(pc_redis_opts){ 100, 100, "f:", 0 }, &s), PC_OK);
	RT_CHECK(strcmp(r.sha, SHA) == 0);
}

static void check_wrong_shapes(void)
{
	uint64_t c = 1, before;
	int64_t total = 0;
	int i;

	RT_CHECK(!sigpipe_blocked());
	for (i = 0; i < 5; i++) { /* each drops the connection */
		before = c;
		expect(consume(), PC_ERR_STORE_REPLY, &c, __LINE__);
		RT_EQ(c, before + (i > 0));
	}
	RT_CHECK(!sigpipe_blocked()); /* the guard restored the mask */
	for (i = 0; i < 6; i++) {
		before = c;
		expect(add(&total), PC_ERR_STORE_REPLY, &c, __LINE__);
		RT_EQ(c, before + 1);
	}
}

static void check_right_shapes(void)
{
	uint64_t c = pc_redis_connects(&r), before = c;
	int64_t total = 0;

	expect(add(&total), PC_OK, &c, __LINE__); /* EVALSHA NOSCRIPT, EVAL */
	RT_EQ(total, 5);
	RT_EQ(c, before + 1); /* one new connection for both */
	expect(add(&total), PC_ERR_STORE_REPLY, &c, __LINE__); /* EVAL NOSCRIPT */
	before = c;
	expect(consume(), PC_ERR_REPLAYED, &c, __LINE__);
	expect(consume(), PC_OK, &c, __LINE__);
	expect(add(&total), PC_ERR_LIMIT, &c, __LINE__);
	RT_EQ(total, 96);
	expect(pc_redis_ping(&r), PC_OK, &c, __LINE__);
	RT_EQ(c, before + 1); /* all on one connection */
	expect(pc_redis_ping(&r), PC_ERR_STORE_REPLY, &c, __LINE__);
}

/* The caller blocks SIGPIPE and has one pending: both survive the call. */
static void check_silence(void)
{
	static const struct timespec zero = { 0, 0 };
	uint64_t c = 0;
	sigset_t set, old;

	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	pthread_kill(pthread_self(), SIGPIPE);
	expect(consume(), PC_ERR_STORE_UNAVAILABLE, &c, __LINE__); /* closed */
	RT_CHECK(sigpipe_blocked());
	RT_CHECK(sigpipe_pending());
	RT_EQ(sigtimedwait(&set, NULL, &zero), SIGPIPE);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	expect(consume(), PC_ERR_STORE_UNAVAILABLE, &c, __LINE__); /* timeout */
}

int main(void)
{
	unsigned port = 0;
	pid_t fake = start_fake(&port);
	int st = -1;

	signal(SIGPIPE, SIG_DFL); /* a stray SIGPIPE kills the test */
	if (!RT_CHECK(fake > 0))
		return rt_done("test_reply");
	check_opens(port);
	check_wrong_shapes();
	check_right_shapes();
	check_silence();
	pc_redis_close(&r);
	RT_EQ(waitpid(fake, &st, 0), fake);
	RT_CHECK(WIFEXITED(st));
	RT_EQ(WEXITSTATUS(st), 0); /* the fake saw the commands it expected */
	return rt_done("test_reply");
}
