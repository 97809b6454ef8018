/*
 * The Redis store has the in-memory store's semantics (core/memstore.c):
 * one table of operations runs on both, with the same keys, expiries and
 * `now`, and each result (and total) must equal the other store's and the
 * table's. Expiry is real: phase 0 runs at T, then the test waits (once,
 * at most ~1.3 s) until Redis's clock passes T + 1 and phase 1 runs with
 * now = T + 1. Expiries in the past are remembered until now + 1 by both.
 *
 * Then what only Redis has: the exact PXAT sent, the key layout, the
 * replay grace, SELECT isolation, AUTH (right, wrong, missing password),
 * refused connections, argument limits, the EVAL fallback after the
 * script cache is flushed, and foreign data in a counter key (a fault,
 * followed by a reconnect).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "redis_store.h"
#include "rtest.h"

enum { CONSUME = 1, ADD = 2 };

typedef struct op {
	int phase;          /* 0: now = T; 1: now = T + 1 */
	int kind;
	int key;            /* replay keys 1..19, counters 20.. */
	int64_t amount, limit;
	int exp;            /* expires - T */
	pc_err want;
	int64_t total;      /* ADD with PC_OK or PC_ERR_LIMIT */
} op;

static const op table[] = {
	/* phase 0, now = T */
	{ 0, CONSUME, 1, 0, 0, 100, PC_OK, 0 },
	{ 0, CONSUME, 1, 0, 0, 100, PC_ERR_REPLAYED, 0 },
	{ 0, CONSUME, 2, 0, 0, 1, PC_OK, 0 },            /* gone at T + 1 */
	{ 0, CONSUME, 2, 0, 0, 1, PC_ERR_REPLAYED, 0 },
	{ 0, CONSUME, 3, 0, 0, -100, PC_OK, 0 },         /* past: kept to now + 1 */
	{ 0, CONSUME, 3, 0, 0, -100, PC_ERR_REPLAYED, 0 },
	{ 0, CONSUME, 4, 0, 0, 0, PC_OK, 0 },            /* expires == now */
	{ 0, CONSUME, 4, 0, 0, 50, PC_ERR_REPLAYED, 0 },
	{ 0, CONSUME, 5, 0, 0, 2, PC_OK, 0 },            /* still there at T + 1 */
	{ 0, ADD, 20, 400, 500, 100, PC_OK, 400 },
	{ 0, ADD, 20, 100, 500, 100, PC_OK, 500 },       /* exactly the limit */
	{ 0, ADD, 20, 1, 500, 100, PC_ERR_LIMIT, 500 },
	{ 0, ADD, 20, 0, 500, 100, PC_OK, 500 },
	{ 0, ADD, 21, 501, 500, 100, PC_ERR_LIMIT, 0 },  /* absent counter is 0 */
	{ 0, ADD, 21, 500, 500, 1, PC_OK, 500 },
	{ 0, ADD, 22, -1, 500, 100, PC_ERR_INVALID_ARG, 0 },
	{ 0, ADD, 23, 5, -1, 100, PC_ERR_LIMIT, 0 },     /* negative limit */
	{ 0, ADD, 24, 0, 10, 1, PC_OK, 0 },              /* amount 0 creates it */
	{ 0, ADD, 25, 3, 10, 1, PC_OK, 3 },
	{ 0, ADD, 25, 4, 10, 100, PC_OK, 7 },            /* later expiry wins */
	{ 0, ADD, 26, 3, 10, 100, PC_OK, 3 },
	{ 0, ADD, 26, 4, 10, 1, PC_OK, 7 },              /* earlier one ignored */
	{ 0, ADD, 27, 6, 10, -50, PC_OK, 6 },            /* past: kept to now + 1 */
	{ 0, ADD, 27, 5, 10, -50, PC_ERR_LIMIT, 6 },
	{ 0, ADD, 28, 10, 10, 100, PC_OK, 10 },
	{ 0, ADD, 28, 1, 10, 100, PC_ERR_LIMIT, 10 },
	{ 0, ADD, 28, 1, 11, 100, PC_OK, 11 },           /* limit raised */
	{ 0, ADD, 28, 0, 5, 100, PC_ERR_LIMIT, 11 },     /* limit lowered below */
	{ 0, ADD, 29, PC_REDIS_VALUE_MAX, PC_REDIS_VALUE_MAX, 100, PC_OK, PC_REDIS_VALUE_MAX },
	{ 0, ADD, 29, 1, PC_REDIS_VALUE_MAX, 100, PC_ERR_LIMIT, PC_REDIS_VALUE_MAX },
	{ 0, ADD, 30, 1, -PC_REDIS_VALUE_MAX, 100, PC_ERR_LIMIT, 0 },
	/* phase 1, now = T + 1 */
	{ 1, CONSUME, 1, 0, 0, 100, PC_ERR_REPLAYED, 0 },
	{ 1, CONSUME, 2, 0, 0, 100, PC_OK, 0 },
	{ 1, CONSUME, 2, 0, 0, 100, PC_ERR_REPLAYED, 0 },
	{ 1, CONSUME, 3, 0, 0, 100, PC_OK, 0 },
	{ 1, CONSUME, 4, 0, 0, 100, PC_OK, 0 },
	{ 1, CONSUME, 5, 0, 0, 100, PC_ERR_REPLAYED, 0 },
	{ 1, ADD, 20, 0, 500, 100, PC_OK, 500 },
	{ 1, ADD, 21, 501, 500, 100, PC_ERR_LIMIT, 0 },  /* expired: restarts */
	{ 1, ADD, 24, 1, 10, 100, PC_OK, 1 },
	{ 1, ADD, 25, 0, 10, 100, PC_OK, 7 },
	{ 1, ADD, 26, 0, 10, 100, PC_OK, 7 },
	{ 1, ADD, 27, 10, 10, 100, PC_OK, 10 },
	{ 1, ADD, 28, 0, 100, 100, PC_OK, 11 },
};

static pc_redis rs;
static pc_store st_redis;
static char url[512], prefix[64];
static const char *password, *hostport;

static void key_of(int id, uint8_t k[PC_REPLAY_KEY_LEN])
{
	size_t i;

	for (i = 0; i < PC_REPLAY_KEY_LEN; i++)
		k[i] = (uint8_t)(id * 37 + (int)i * 11);
	k[0] = (uint8_t)id;
}

/* Run one op on a store; *total is -1 unless the op sets it. */
static pc_err run_op(const pc_store *s, const op *o, pc_time t, int64_t *total)
{
	uint8_t k[PC_REPLAY_KEY_LEN];
	pc_time now = t + o->phase;

	key_of(o->key, k);
	*total = -1;
	if (o->kind == CONSUME)
		return s->consume(s->ctx, k, t + o->exp, now);
	return s->add_within(s->ctx, k, o->amount, o->limit, t + o->exp, now, total);
}

static void run_phase(int phase, const pc_store *mem, pc_time t)
{
	size_t i;

	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		const op *o = &table[i];
		int64_t tm, tr;
		pc_err em, er;
		bool has_total, ok;

		if (o->phase != phase)
			continue;
		em = run_op(mem, o, t, &tm);
		er = run_op(&st_redis, o, t, &tr);
		has_total = o->kind == ADD && (o->want == PC_OK || o->want == PC_ERR_LIMIT);
		ok = RT_EQ(er, em);
		ok = RT_EQ(em, o->want) && ok;
		if (has_total) {
			ok = RT_EQ(tr, tm) && ok;
			ok = RT_EQ(tm, o->total) && ok;
		}
		if (!ok)
			printf("  table row %zu (phase %d key %d)\n", i, phase, o->key);
	}
}

/* Start phase 0 early in a second so it ends before T + 1 on any clock. */
static pc_time aligned_start(void)
{
	long long ms = rt_ms();

	if (ms % 1000 > 600)
		rt_sleep_ms(1000 - (long)(ms % 1000) + 5);
	return (pc_time)(rt_ms() / 1000);
}

static void check_table(void)
{
	static pc_memstore ms;
	pc_store mem;
	pc_time t;
	long long wait;

	pc_memstore_init(&ms, NULL, &mem);
	t = aligned_start();
	run_phase(0, &mem, t);
	RT_CHECK(rt_ms() < (t + 1) * 1000); /* phase 0 really ran before T + 1 */
	wait = (t + 1) * 1000 + 30 - rt_ms();
	if (wait > 0)
		rt_sleep_ms((long)wait);
	run_phase(1, &mem, t);
	RT_CHECK(rt_ms() < (t + 2) * 1000); /* and phase 1 before T + 2 */
}

/* ---- Redis specifics */

static void hex_key(int id, char ns, char out[128])
{
	uint8_t k[PC_REPLAY_KEY_LEN];
	size_t i, n;

	key_of(id, k);
	n = (size_t)snprintf(out, 128, "%s%c:", prefix, ns);
	for (i = 0; i < PC_REPLAY_KEY_LEN; i++)
		n += (size_t)snprintf(out + n, 128 - n, "%02x", k[i]);
}

static long long cli_num(const char *a1, const char *a2)
{
	char out[64];

	if (rt_cli(out, sizeof out, a1, a2, NULL) != 0)
		return -999;
	return atoll(out);
}

/* redis-cli with its output discarded; its exit status. */
static int cli_ok(const char *a1, const char *a2, const char *a3)
{
	char out[256];

	return rt_cli(out, sizeof out, a1, a2, a3);
}

static void check_layout(pc_time t)
{
	uint8_t k[PC_REPLAY_KEY_LEN];
	int64_t total;
	char name[128];

	key_of(40, k);
	RT_EQ(st_redis.consume(st_redis.ctx, k, t + 100, t), PC_OK);
	hex_key(40, 'r', name);
	RT_EQ(cli_num("PEXPIRETIME", name), (t + 100) * 1000);
	RT_EQ(cli_num("GET", name), 1);
	RT_EQ(st_redis.add_within(st_redis.ctx, k, 5, 9, t + 200, t, &total), PC_OK);
	hex_key(40, 'c', name);
	RT_EQ(cli_num("PEXPIRETIME", name), (t + 200) * 1000);
	RT_EQ(cli_num("GET", name), 5);
}

static bool open_url(pc_redis *r, pc_store *s, const char *u, uint32_t grace)
{
	pc_redis_opts o;

	pc_redis_opts_default(&o);
	o.prefix = prefix;
	o.replay_grace_s = grace;
	return RT_EQ(pc_redis_open(r, u, &o, s), PC_OK);
}

static void check_grace(pc_time t)
{
	static pc_redis r;
	pc_store s;
	uint8_t k[PC_REPLAY_KEY_LEN];
	char name[128];

	if (!open_url(&r, &s, url, 300))
		return;
	key_of(41, k);
	RT_EQ(s.consume(s.ctx, k, t + 10, t), PC_OK);
	hex_key(41, 'r', name);
	RT_EQ(cli_num("PEXPIRETIME", name), (t + 310) * 1000);
	pc_redis_close(&r);
}

static void check_select(pc_time t)
{
	static pc_redis r1, r2;
	pc_store s1, s2;
	uint8_t k[PC_REPLAY_KEY_LEN];
	char u[600];

	key_of(42, k);
	snprintf(u, sizeof u, "%s/1", url);
	if (!open_url(&r1, &s1, u, 0))
		return;
	snprintf(u, sizeof u, "%s/2", url);
	if (open_url(&r2, &s2, u, 0)) {
		RT_EQ(s1.consume(s1.ctx, k, t + 100, t), PC_OK);
		RT_EQ(s2.consume(s2.ctx, k, t + 100, t), PC_OK); /* another db */
		RT_EQ(s1.consume(s1.ctx, k, t + 100, t), PC_ERR_REPLAYED);
		RT_EQ(st_redis.consume(st_redis.ctx, k, t + 100, t), PC_OK); /* db 0 */
		pc_redis_close(&r2);
	}
	pc_redis_close(&r1);
}

/* A loopback port nobody listens on: bind one, read it, close it. */
static unsigned closed_port(void)
{
	struct sockaddr_in a;
	socklen_t n = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	unsigned port = 1;

	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &n) == 0)
		port = ntohs(a.sin_port);
	if (fd >= 0)
		close(fd);
	return port;
}

static void check_auth(void)
{
	static pc_redis r;
	pc_store s;
	char u[600];

	snprintf(u, sizeof u, "redis://%s", hostport);
	RT_EQ(pc_redis_open(&r, u, NULL, &s), PC_ERR_STORE_REPLY); /* NOAUTH */
	snprintf(u, sizeof u, "redis://:wrong%s@%s", password, hostport);
	RT_EQ(pc_redis_open(&r, u, NULL, &s), PC_ERR_STORE_REPLY); /* WRONGPASS */
	RT_CHECK(r.conn == NULL && r.url.password[0] == '\0'); /* wiped */
	snprintf(u, sizeof u, "redis://127.0.0.1:%u", closed_port());
	RT_EQ(pc_redis_open(&r, u, NULL, &s), PC_ERR_STORE_UNAVAILABLE);
	RT_EQ(pc_redis_open(&r, url, NULL, &s), PC_OK);
	RT_EQ(pc_redis_ping(&r), PC_OK);
	RT_EQ(pc_redis_connects(&r), 1);
	pc_redis_close(&r);
}

static void check_args(pc_time t)
{
	uint8_t k[PC_REPLAY_KEY_LEN];
	int64_t total;
	const pc_store *s = &st_redis;

	key_of(43, k);
	RT_EQ(s->consume(s->ctx, k, t + 10, -1), PC_ERR_INVALID_ARG);
	RT_EQ(s->consume(s->ctx, k, PC_REDIS_TIME_MAX + 1, t), PC_ERR_INVALID_ARG);
	RT_EQ(s->consume(s->ctx, NULL, t + 10, t), PC_ERR_INVALID_ARG);
	RT_EQ(s->add_within(s->ctx, k, 1, 5, t + 10, t, NULL), PC_ERR_INVALID_ARG);
	RT_EQ(s->add_within(s->ctx, k, PC_REDIS_VALUE_MAX + 1, PC_REDIS_VALUE_MAX, t + 10, t,
			    &total), PC_ERR_INVALID_ARG);
	RT_EQ(s->add_within(s->ctx, k, 1, -PC_REDIS_VALUE_MAX - 1, t + 10, t, &total),
	      PC_ERR_INVALID_ARG);
	RT_EQ(s->consume(s->ctx, k, PC_REDIS_TIME_MAX, t), PC_OK); /* the latest */
	RT_EQ(pc_redis_connects(&rs), 1); /* no argument error reached Redis */
}

/* SCRIPT FLUSH: EVALSHA gets NOSCRIPT, EVAL runs it, nothing reconnects. */
static void check_noscript(pc_time t)
{
	uint8_t k[PC_REPLAY_KEY_LEN];
	int64_t total = 0;
	uint64_t before = pc_redis_connects(&rs);

	key_of(44, k);
	RT_EQ(cli_ok("SCRIPT", "FLUSH", NULL), 0);
	RT_EQ(st_redis.add_within(st_redis.ctx, k, 2, 9, t + 10, t, &total), PC_OK);
	RT_EQ(total, 2);
	RT_EQ(st_redis.add_within(st_redis.ctx, k, 2, 9, t + 10, t, &total), PC_OK);
	RT_EQ(total, 4);
	RT_EQ(pc_redis_connects(&rs), before);
}

/* Someone else's data under a counter key: a fault, never a total. */
static void check_foreign(pc_time t)
{
	uint8_t k[PC_REPLAY_KEY_LEN];
	int64_t total;
	char name[128];
	uint64_t before = pc_redis_connects(&rs);

	key_of(45, k);
	hex_key(45, 'c', name);
	RT_EQ(cli_ok("SET", name, "12abc"), 0);
	RT_EQ(st_redis.add_within(st_redis.ctx, k, 1, 100, t + 10, t, &total), PC_ERR_STORE_REPLY);
	RT_EQ(cli_ok("DEL", name, NULL), 0);
	RT_EQ(cli_ok("LPUSH", name, "x"), 0);
	RT_EQ(st_redis.add_within(st_redis.ctx, k, 1, 100, t + 10, t, &total), PC_ERR_STORE_REPLY);
	RT_EQ(cli_ok("DEL", name, NULL), 0);
	RT_EQ(st_redis.add_within(st_redis.ctx, k, 1, 100, t + 10, t, &total), PC_OK);
	RT_EQ(total, 1);
	RT_EQ(pc_redis_connects(&rs), before + 2); /* dropped after each fault */
}

int main(void)
{
	pc_redis_opts o;
	pc_time t;

	password = rt_env("PC_REDIS_PASSWORD");
	hostport = rt_env("PC_REDIS_HOSTPORT");
	snprintf(url, sizeof url, "%s", rt_env("PC_REDIS_URL"));
	snprintf(prefix, sizeof prefix, "pct:store:%ld:", (long)getpid());
	pc_redis_opts_default(&o);
	o.prefix = prefix;
	if (!RT_EQ(pc_redis_open(&rs, url, &o, &st_redis), PC_OK))
		return rt_done("test_store");
	check_table();
	t = (pc_time)time(NULL);
	check_layout(t);
	check_grace(t);
	check_select(t);
	check_auth();
	check_args(t);
	check_noscript(t);
	check_foreign(t);
	pc_redis_close(&rs);
	return rt_done("test_store");
}
