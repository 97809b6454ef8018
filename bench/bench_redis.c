/*
 * Redis fleet store (ports/redis): payment-code decisions per second with
 * the in-memory store and with Redis on loopback, for one client and for
 * several (fork, one connection each), against a bare Redis round trip
 * (PING on the same pc_redis) measured in the same run. A Redis decision is
 * one pc_validate(): parse, MAC check, the replay key's SHA-256 and one
 * SET NX PXAT round trip. So its time over a PING's time (the ratio) tells
 * how much the decision adds to the one round trip it needs; target < 1.5.
 *
 * Set-up: fake port with the clock fixed at the real time (keys expire on
 * Redis's clock, so their PXAT must lie ahead of it), one token, NCODES
 * distinct qr-online codes made before the timing, a provider with cached
 * token keys (the token_key hook: no HKDF per code). Every run uses a new
 * key prefix, so every decision is a first use and must APPROVE; the
 * in-memory store runs in batches of BATCH, re-initialised between
 * batches outside the timing (PC_MEMSTORE_SLOTS is fixed).
 *
 * Rates are the best of RUNS runs (one client) or MANY_RUNS runs (K
 * clients: all clients' operations over the time from the first client's
 * start to the last one's end). Loopback round trips are mostly scheduler
 * wake-ups, which vary by tens of percent on a small or busy machine, so
 * each ratio pairs measurements taken under the same conditions and
 * reports the median: one client alternates chunks of CHUNK decisions and
 * CHUNK PINGs on one connection (a sample per chunk pair); K clients run a
 * decision round then a PING round (a sample per run). PC_REDIS_URL names
 * the server (tests/redis/bench.sh starts a private one); without it the
 * bench says so and exits 0. Exit status 1 when a decision fails to
 * approve or Redis fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include <paycode/code.h>
#include "fake.h"
#include "redis_store.h"

#define MASTER_ID 7u
#define TOKEN 0x0102030405060708ull
#define ALIAS 1234567u
#define NCODES 6000u
#define BATCH 256u
#define RUNS 5
#define MANY_RUNS 5
#define CHUNK 250u
_Static_assert(NCODES % CHUNK == 0, "whole chunks");
#define MAX_CLIENTS 8

enum { DECIDE, CONSUME, PING };

static pc_fake fk;
static pc_platform plat;
static uint8_t master[PC_KEY_LEN], tokkey[PC_KEY_LEN];
static char codes[NCODES][PC_QR_CODE_MAX_LEN];
static size_t lens[NCODES];
static const char *url;
static unsigned long failures;
static unsigned run_no;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what, int line)
{
	fprintf(stderr, "bench_redis: line %d: %s\n", line, what);
	exit(1);
}

#define MUST(x) ((x) ? (void)0 : die(#x, __LINE__))

static pc_err hook_master(void *ctx, uint32_t id, uint8_t out[PC_KEY_LEN])
{
	(void)ctx;
	if (id != MASTER_ID)
		return PC_ERR_NOT_FOUND;
	memcpy(out, master, PC_KEY_LEN);
	return PC_OK;
}

static pc_err hook_alias(void *ctx, uint32_t alias, uint64_t *token, uint32_t *mkid)
{
	(void)ctx;
	if (alias != ALIAS)
		return PC_ERR_NOT_FOUND;
	*token = TOKEN;
	*mkid = MASTER_ID;
	return PC_OK;
}

static pc_err hook_token_key(void *ctx, uint32_t mkid, uint64_t token,
			     uint8_t out[PC_KEY_LEN])
{
	(void)ctx;
	if (mkid != MASTER_ID || token != TOKEN)
		return PC_ERR_NOT_FOUND;
	memcpy(out, tokkey, PC_KEY_LEN);
	return PC_OK;
}

static const pc_provider_hooks hooks = { NULL, hook_master, hook_alias, hook_token_key };

static void setup(void)
{
	static pc_wallet w;
	unsigned i;

	pc_fake_init(&fk, 5, &plat);
	pc_fake_set_time(&fk, (pc_time)time(NULL));
	for (i = 0; i < PC_KEY_LEN; i++)
		master[i] = (uint8_t)(0x30 + i);
	MUST(pc_token_key(master, MASTER_ID, TOKEN, tokkey) == PC_OK);
	MUST(pc_wallet_init(&w, &plat, NULL, tokkey, MASTER_ID, TOKEN, ALIAS, 0) == PC_OK);
	for (i = 0; i < NCODES; i++)
		MUST(pc_wallet_qr(&w, PC_FORM_QR_ONLINE, 0, codes[i], PC_QR_CODE_MAX_LEN,
				  &lens[i]) == PC_OK);
	pc_wallet_wipe(&w);
}

/* ---- one client */

static void decide(pc_validator *v, unsigned i)
{
	pc_decision d;

	if (pc_validate(v, codes[i], lens[i], &d) != PC_OK || d.verdict != PC_APPROVE)
		failures++;
}

/* Open a store with a key prefix of its own (every code is new there). */
static void open_fresh(pc_redis *r, pc_store *s, unsigned client)
{
	char prefix[64];
	pc_redis_opts o;

	snprintf(prefix, sizeof prefix, "pcbench:%ld:%u:%u:", (long)getpid(),
		 run_no++, client);
	pc_redis_opts_default(&o);
	o.prefix = prefix;
	o.command_timeout_ms = 2000;
	MUST(pc_redis_open(r, url, &o, s) == PC_OK);
}

/* Seconds for `what` over codes [from, to) on an open store. */
static double run_redis(int what, pc_redis *r, const pc_store *s,
			unsigned from, unsigned to)
{
	static pc_validator v;
	uint8_t key[PC_REPLAY_KEY_LEN] = { 0 };
	pc_time now = (pc_time)time(NULL);
	double t0;
	unsigned i;

	MUST(pc_validator_init(&v, PC_MODE_PROVIDER, &plat, s, &hooks, NULL) == PC_OK);
	t0 = now_s();
	for (i = from; i < to; i++) {
		if (what == DECIDE) {
			decide(&v, i);
		} else if (what == CONSUME) {
			memcpy(key, &i, sizeof i);
			failures += s->consume(s->ctx, key, now + 100, now) != PC_OK;
		} else {
			failures += pc_redis_ping(r) != PC_OK;
		}
	}
	return now_s() - t0;
}

/* One single-client run on a new prefix: CHUNK decisions, CHUNK consumes
 * and CHUNK PINGs in turn on one connection, so all three meet the same
 * conditions. Adds each kind's time to t[] and each chunk's decision/PING
 * time ratio to ratios[*n]. */
static void run_single(double t[3], double *ratios, size_t *n)
{
	static pc_redis r;
	pc_store s;
	double d, c, p;
	unsigned i;

	open_fresh(&r, &s, 0);
	for (i = 0; i < NCODES; i += CHUNK) {
		d = run_redis(DECIDE, &r, &s, i, i + CHUNK);
		c = run_redis(CONSUME, &r, &s, i, i + CHUNK);
		p = run_redis(PING, &r, &s, i, i + CHUNK);
		t[0] += d;
		t[1] += c;
		t[2] += p;
		ratios[(*n)++] = d / p;
	}
	pc_redis_close(&r);
}

static double run_mem(void)
{
	static pc_memstore ms;
	static pc_validator v;
	pc_store s;
	double t = 0, t0 = 0;
	unsigned i;

	for (i = 0; i < NCODES; i++) {
		if (i % BATCH == 0) {
			pc_memstore_init(&ms, NULL, &s);
			MUST(pc_validator_init(&v, PC_MODE_PROVIDER, &plat, &s, &hooks,
					       NULL) == PC_OK);
			t0 = now_s();
		}
		decide(&v, i);
		if (i % BATCH == BATCH - 1 || i == NCODES - 1)
			t += now_s() - t0;
	}
	return t;
}

/* ---- several clients */

typedef struct span {
	double t0, t1;
	unsigned long failures;
} span;

static void client(int what, unsigned me, int gate, int out)
{
	static pc_redis r;
	pc_store s;
	span sp;
	char x;

	open_fresh(&r, &s, me + 1);
	while (read(gate, &x, 1) > 0)
		;
	failures = 0;
	sp.t0 = now_s();
	(void)run_redis(what, &r, &s, 0, NCODES);
	sp.t1 = now_s();
	sp.failures = failures;
	pc_redis_close(&r);
	_exit(write(out, &sp, sizeof sp) == (ssize_t)sizeof sp ? 0 : 1);
}

/* Operations per second of k clients doing `what` at once. */
static double run_many(int what, unsigned k)
{
	int gate[2], res[2];
	double first = 1e300, last = 0;
	pid_t pid[MAX_CLIENTS];
	span sp;
	unsigned i;

	MUST(pipe(gate) == 0 && pipe(res) == 0);
	fflush(stdout);
	for (i = 0; i < k; i++) {
		pid[i] = fork();
		MUST(pid[i] >= 0);
		if (pid[i] == 0) {
			close(gate[1]);
			close(res[0]);
			client(what, i, gate[0], res[1]);
		}
	}
	close(gate[0]);
	close(res[1]);
	nanosleep(&(struct timespec){ 0, 200000000L }, NULL); /* every client connects */
	close(gate[1]);
	for (i = 0; i < k; i++) {
		MUST(read(res[0], &sp, sizeof sp) == (ssize_t)sizeof sp);
		first = sp.t0 < first ? sp.t0 : first;
		last = sp.t1 > last ? sp.t1 : last;
		failures += sp.failures;
	}
	close(res[0]);
	for (i = 0; i < k; i++)
		MUST(waitpid(pid[i], NULL, 0) == pid[i]);
	return (double)(k * NCODES) / (last - first);
}

/* ---- report */

static void line(const char *what, double per_s)
{
	printf("  %-44s %10.0f /s  %7.2f us\n", what, per_s, 1e6 / per_s);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof v[0], cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void ratio(const char *what, double x, size_t samples)
{
	printf("  %-44s %10.2f     median of %zu paired samples; target < 1.5: %s\n",
	       what, x, samples, x < 1.5 ? "met" : "MISSED");
}

static void single(void)
{
	static double ratios[RUNS * (NCODES / CHUNK)];
	double best[4] = { 1e300, 1e300, 1e300, 1e300 }, t[3];
	size_t n = 0;
	int run, m;

	for (run = 0; run < RUNS; run++) {
		t[0] = run_mem();
		best[0] = t[0] < best[0] ? t[0] : best[0];
		t[0] = t[1] = t[2] = 0;
		run_single(t, ratios, &n);
		for (m = 0; m < 3; m++)
			best[m + 1] = t[m] < best[m + 1] ? t[m] : best[m + 1];
	}
	line("in-memory store, 1 client: decisions", NCODES / best[0]);
	line("redis, 1 client: decisions", NCODES / best[1]);
	line("redis, 1 client: consume only (no pc_validate)", NCODES / best[2]);
	line("redis, 1 client: PING round trips", NCODES / best[3]);
	ratio("decision / round trip time, 1 client", median(ratios, n), n);
}

static void several(unsigned k)
{
	double d = 0, p = 0, x, y, ratios[MANY_RUNS];
	char what[64];
	int run;

	for (run = 0; run < MANY_RUNS; run++) {
		x = run_many(DECIDE, k);
		y = run_many(PING, k);
		d = x > d ? x : d;
		p = y > p ? y : p;
		ratios[run] = y / x;
	}
	snprintf(what, sizeof what, "redis, %u clients: decisions", k);
	line(what, d);
	snprintf(what, sizeof what, "redis, %u clients: PING round trips", k);
	line(what, p);
	snprintf(what, sizeof what, "decision / round trip time, %u clients", k);
	ratio(what, median(ratios, MANY_RUNS), MANY_RUNS);
}

int main(void)
{
	url = getenv("PC_REDIS_URL");
	if (url == NULL || url[0] == '\0') {
		printf("bench_redis: skipped: PC_REDIS_URL is not set "
		       "(run it through tests/redis/bench.sh)\n");
		return 0;
	}
	setup();
	printf("bench_redis: Redis store on loopback, %u codes per run and client, "
	       "%ld online CPUs\n", NCODES, sysconf(_SC_NPROCESSORS_ONLN));
	single();
	several(4);
	several(MAX_CLIENTS);
	if (failures != 0)
		printf("bench_redis: %lu operations failed\n", failures);
	return failures != 0;
}
