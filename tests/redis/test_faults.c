/*
 * Faults fail closed and the store recovers by itself, on the real server:
 *
 *   pause    SIGSTOP: the kernel still accepts connections, but nothing
 *            answers, so every call ends in a command timeout;
 *   resume   SIGCONT: the next call reconnects and succeeds;
 *   kill     SIGKILL: the open connection reads EOF, later connects are
 *            refused;
 *   restart  the same port, empty (no persistence, no script cache): the
 *            next call reconnects and succeeds, add_within through the
 *            EVAL fallback.
 *
 * During an outage every consume, add_within and ping returns
 * PC_ERR_STORE_UNAVAILABLE, never PC_OK, within the timeouts; and
 * pc_validate in provider mode declines every code with STORE_FAULT
 * (approves nothing). After each recovery the very first call succeeds on
 * the same pc_redis, without reopening. Keys used during an outage are not
 * reused: a command that timed out may still run when the server resumes.
 */
#include "redis_store.h"
#include "rtest.h"
#include "rcodes.h"

#define TIMEOUT_MS 100u
#define ROUNDS 4

static pc_redis r;
static pc_store s;
static pc_validator v;
static int next_key = 1;

static void fresh_key(uint8_t k[PC_REPLAY_KEY_LEN])
{
	memset(k, 0x3e, PC_REPLAY_KEY_LEN);
	memcpy(k, &next_key, sizeof next_key);
	next_key++;
}

static pc_err consume_fresh(void)
{
	uint8_t k[PC_REPLAY_KEY_LEN];
	pc_time now = (pc_time)time(NULL);

	fresh_key(k);
	return s.consume(s.ctx, k, now + 100, now);
}

static pc_err add_fresh(int64_t amount, int64_t *total)
{
	uint8_t k[PC_REPLAY_KEY_LEN];
	pc_time now = (pc_time)time(NULL);

	fresh_key(k);
	return s.add_within(s.ctx, k, amount, 1000, now + 100, now, total);
}

/* Make a new code and validate it. */
static pc_decision judge_new(char code[PC_QR_CODE_MAX_LEN], size_t *n)
{
	rc_tick();
	*n = rc_code(code);
	return rc_judge(&v, code, *n);
}

/* One round of an outage: three store calls and one validation, each a
 * fault; the slowest store call's time in *slowest. */
static void outage_round(const char *what, long long *slowest, int *approvals)
{
	char code[PC_QR_CODE_MAX_LEN];
	pc_err e[3];
	int64_t total;
	long long t0, dt;
	pc_decision d;
	size_t n;
	int i;

	for (i = 0; i < 3; i++) {
		t0 = rt_ms();
		e[i] = i == 0 ? consume_fresh() : i == 1 ? add_fresh(1, &total) : pc_redis_ping(&r);
		dt = rt_ms() - t0;
		*slowest = dt > *slowest ? dt : *slowest;
		if (!RT_EQ(e[i], PC_ERR_STORE_UNAVAILABLE))
			printf("  %s: call %d\n", what, i);
	}
	d = judge_new(code, &n);
	*approvals += d.verdict == PC_APPROVE;
	RT_EQ(d.verdict, PC_DECLINE);
	RT_EQ(d.reason, PC_R_STORE_FAULT);
}

static void expect_outage(const char *what, long long max_ms)
{
	long long slowest = 0;
	int i, approvals = 0;

	for (i = 0; i < ROUNDS; i++)
		outage_round(what, &slowest, &approvals);
	printf("  %s: %d store calls and %d validations all faulted, slowest call %lld ms\n",
	       what, 3 * ROUNDS, ROUNDS, slowest);
	RT_EQ(approvals, 0);
	RT_CHECK(slowest <= max_ms);
}

/* Healthy again: every call succeeds; `reconnects` is 1 after a fault
 * (the first call makes a new connection), 0 on a connection in use. */
static void expect_recovered(const char *what, unsigned reconnects)
{
	char code[PC_QR_CODE_MAX_LEN];
	uint64_t before = pc_redis_connects(&r);
	int64_t total = -1;
	pc_decision d;
	size_t n;

	if (!RT_EQ(consume_fresh(), PC_OK))
		printf("  %s: first call after recovery\n", what);
	RT_EQ(pc_redis_connects(&r), before + reconnects);
	RT_EQ(add_fresh(7, &total), PC_OK);
	RT_EQ(total, 7);
	RT_EQ(pc_redis_ping(&r), PC_OK);
	d = judge_new(code, &n);
	RT_EQ(d.verdict, PC_APPROVE);
	d = rc_judge(&v, code, n);
	RT_EQ(d.reason, PC_R_REPLAYED);
	RT_EQ(pc_redis_connects(&r), before + reconnects);
	printf("  %s: recovered on the same pc_redis (connect #%llu)\n", what,
	       (unsigned long long)pc_redis_connects(&r));
}

int main(void)
{
	pc_redis_opts o;
	char prefix[64];

	snprintf(prefix, sizeof prefix, "pct:faults:%ld:", (long)getpid());
	pc_redis_opts_default(&o);
	o.prefix = prefix;
	o.connect_timeout_ms = TIMEOUT_MS;
	o.command_timeout_ms = TIMEOUT_MS;
	if (!RT_CHECK(rc_setup()) ||
	    !RT_EQ(pc_redis_open(&r, rt_env("PC_REDIS_URL"), &o, &s), PC_OK) ||
	    !RT_CHECK(rc_validator(&v, &s)))
		return rt_done("test_faults");
	expect_recovered("healthy", 0);

	RT_EQ(rt_ctl("pause"), 0);
	/* a call waits for at most a connect and a command timeout */
	expect_outage("paused (SIGSTOP)", 2 * TIMEOUT_MS + 400);
	RT_EQ(rt_ctl("resume"), 0);
	expect_recovered("resumed (SIGCONT)", 1);

	RT_EQ(rt_ctl("kill"), 0);
	expect_outage("killed (SIGKILL)", TIMEOUT_MS + 400);
	RT_EQ(rt_ctl("restart"), 0);
	expect_recovered("restarted", 1);

	pc_redis_close(&r);
	pc_validator_wipe(&v);
	pc_wallet_wipe(&rc_w);
	return rt_done("test_faults");
}
