/*
 * Crash test of the file store (core/filestore.c) on the POSIX port.
 *
 *   crash_store DIR [ITERATIONS [SEED]]
 *
 * Each iteration forks a child that opens the store in DIR and loops:
 * operation n consumes key(n) when n is even and adds amount(n) to one of
 * four counters when n is odd, with a virtual clock (base + n) so that
 * consumed keys expire and the table never fills. After the store returns
 * PC_OK the child prints "C n" or "A n" on stdout (line-buffered, a pipe
 * to the parent). The parent kills it with SIGKILL after a random 0-50 ms,
 * reopens the store and checks:
 *   - the store opens without error;
 *   - every acknowledged consume that has not expired yet is still
 *     consumed (consuming it again gives PC_ERR_REPLAYED);
 *   - every counter total is at least the sum of its acknowledged adds and
 *     at most that plus the adds that were in flight at the kills (one per
 *     iteration at most: the child acknowledges before starting the next).
 * The next child continues after the operation that was in flight.
 * Prints "crash store: N passed, N failed" and exits non-zero on failure.
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <paycode/code.h>
#include "posix.h"

#define BASE ((pc_time)1800000000)
#define WINDOW 200          /* virtual seconds a consumed key stays live */
#define COUNTERS 4u
#define LIMIT (INT64_MAX / 4)
/* Acknowledged consumes remembered: more than live at once (WINDOW / 2). */
#define RING 1024u

/* What the parent knows; kept across iterations. */
static struct {
	uint64_t next;              /* first operation of the next child */
	uint64_t consumed[RING];    /* latest acknowledged consumes */
	uint64_t nconsumed;         /* ever; the ring holds the last RING */
	int64_t sum[COUNTERS];      /* acknowledged adds per counter */
	int64_t slack[COUNTERS];    /* adds in flight at a kill */
	uint64_t acks, checked, child_errors;
	unsigned torn, stale;
	char line[128];
	size_t linelen;
	int64_t last;               /* last acknowledged operation, or -1 */
} g;

static uint64_t mix(uint64_t z)
{
	z += 0x9E3779B97F4A7C15u;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

static void key_of(uint64_t n, uint8_t key[PC_REPLAY_KEY_LEN])
{
	uint64_t a = mix(n), b = mix(a);
	int i;

	for (i = 0; i < 8; i++) {
		key[i] = (uint8_t)(a >> (8 * i));
		key[8 + i] = (uint8_t)(b >> (8 * i));
	}
}

static unsigned counter_of(uint64_t n)
{
	return (unsigned)(n / 2 % COUNTERS);
}

static int64_t amount_of(uint64_t n)
{
	return (int64_t)(1 + n % 97);
}

/* Counter c's key: far from the consume keys' numbers. */
static void counter_key(unsigned c, uint8_t key[PC_REPLAY_KEY_LEN])
{
	key_of(UINT64_MAX - c, key);
}

/* ---- the child */

static pc_err child_op(const pc_store *st, uint64_t n)
{
	uint8_t key[PC_REPLAY_KEY_LEN];
	pc_time now = BASE + (pc_time)n;
	int64_t total;

	if (n % 2 == 0) {
		key_of(n, key);
		return st->consume(st->ctx, key, now + WINDOW, now);
	}
	counter_key(counter_of(n), key);
	return st->add_within(st->ctx, key, amount_of(n), LIMIT,
			      now + 1000000000, now, &total);
}

static void child(const char *dir, uint64_t start)
{
	static pc_posix px;
	static pc_filestore fs;
	pc_platform plat;
	pc_store st;
	pc_err err;
	uint64_t n;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (pc_posix_init(&px, dir, &plat) != PC_OK)
		_exit(2);
	err = pc_filestore_open(&fs, &plat, &st);
	if (err != PC_OK) {
		printf("E open %d\n", (int)err);
		_exit(3);
	}
	for (n = start;; n++) {
		err = child_op(&st, n);
		if (err != PC_OK) {
			printf("E %" PRIu64 " %d\n", n, (int)err);
			_exit(4);
		}
		printf("%c %" PRIu64 "\n", n % 2 == 0 ? 'C' : 'A', n);
	}
}

/* ---- the parent: reading acknowledgements */

static void take_line(const char *s)
{
	uint64_t n;

	if (s[0] == 'E' || sscanf(s + 1, "%" SCNu64, &n) != 1) {
		fprintf(stderr, "crash store: child said \"%s\"\n", s);
		g.child_errors++;
		return;
	}
	if (s[0] == 'C')
		g.consumed[g.nconsumed++ % RING] = n;
	else if (s[0] == 'A')
		g.sum[counter_of(n)] += amount_of(n);
	g.last = (int64_t)n;
	g.acks++;
}

/* Read what is there; return false at end of file. */
static bool pump(int fd)
{
	char buf[4096];
	ssize_t r = read(fd, buf, sizeof buf);
	ssize_t i;

	if (r < 0 && errno == EINTR)
		return true;
	if (r <= 0)
		return false;
	for (i = 0; i < r; i++) {
		if (buf[i] == '\n') {
			g.line[g.linelen] = '\0';
			take_line(g.line);
			g.linelen = 0;
		} else if (g.linelen + 1 < sizeof g.line) {
			g.line[g.linelen++] = buf[i];
		}
	}
	return true;
}

static int64_t ms_now(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Read acknowledgements for delay_ms, kill the child, read the rest. */
static void run_child(int fd, pid_t pid, int delay_ms)
{
	int64_t end = ms_now() + delay_ms, left;
	struct pollfd p = { fd, POLLIN, 0 };
	int status;

	while ((left = end - ms_now()) > 0) {
		if (poll(&p, 1, (int)left) > 0 && !pump(fd))
			break;
	}
	(void)kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	while (pump(fd))
		;
	g.linelen = 0; /* a line cut by the kill was not acknowledged */
}

/* ---- the parent: checking */

static bool check_consumed(const pc_store *st, pc_time now)
{
	uint8_t key[PC_REPLAY_KEY_LEN];
	uint64_t i, n;
	bool ok = true;

	for (i = g.nconsumed; i-- > 0 && g.nconsumed - i <= RING;) {
		n = g.consumed[i % RING];
		if (BASE + (pc_time)n + WINDOW <= now)
			break; /* expired, and so is everything before */
		key_of(n, key);
		if (st->consume(st->ctx, key, now + WINDOW, now) != PC_ERR_REPLAYED) {
			fprintf(stderr, "crash store: acknowledged consume %" PRIu64
				" lost\n", n);
			ok = false;
		}
		g.checked++;
	}
	return ok;
}

static bool check_counters(const pc_store *st, pc_time now)
{
	uint8_t key[PC_REPLAY_KEY_LEN];
	int64_t total = -1;
	unsigned c;
	bool ok = true;

	for (c = 0; c < COUNTERS; c++) {
		counter_key(c, key);
		if (st->add_within(st->ctx, key, 0, LIMIT, 0, now, &total) != PC_OK ||
		    total < g.sum[c] || total > g.sum[c] + g.slack[c]) {
			fprintf(stderr, "crash store: counter %u total %" PRId64
				", acknowledged %" PRId64 " (+%" PRId64 " in flight)\n",
				c, total, g.sum[c], g.slack[c]);
			ok = false;
		}
	}
	return ok;
}

/* Reopen the store after a kill and check it at the time of the next op. */
static bool check_store(const char *dir)
{
	static pc_posix px;
	static pc_filestore fs;
	pc_filestore_stats s;
	pc_platform plat;
	pc_store st;
	pc_err err;
	bool ok;

	if (pc_posix_init(&px, dir, &plat) != PC_OK)
		return false;
	err = pc_filestore_open(&fs, &plat, &st);
	if (err != PC_OK) {
		fprintf(stderr, "crash store: open: %s\n", pc_err_name(err));
		pc_posix_wipe(&px);
		return false;
	}
	if (pc_filestore_stats_get(&fs, &s) == PC_OK) {
		g.torn += s.dropped_records != 0;
		g.stale += s.stale_log;
	}
	ok = check_consumed(&st, BASE + (pc_time)g.next);
	ok = check_counters(&st, BASE + (pc_time)g.next) && ok;
	pc_filestore_wipe(&fs);
	pc_posix_wipe(&px);
	return ok;
}

/* One child, one kill, one check. */
static bool iteration(const char *dir, int delay_ms)
{
	uint64_t in_flight;
	int fds[2];
	pid_t pid;

	if (pipe(fds) != 0)
		return false;
	(void)fflush(NULL);
	pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		(void)close(fds[0]);
		if (dup2(fds[1], STDOUT_FILENO) < 0)
			_exit(2);
		child(dir, g.next);
	}
	(void)close(fds[1]);
	g.last = -1;
	g.child_errors = 0;
	run_child(fds[0], pid, delay_ms);
	(void)close(fds[0]);
	in_flight = g.last < 0 ? g.next : (uint64_t)g.last + 1;
	if (in_flight % 2 == 1) /* an add that may have landed unacknowledged */
		g.slack[counter_of(in_flight)] += amount_of(in_flight);
	g.next = in_flight + 1;
	return check_store(dir) && g.child_errors == 0;
}

int main(int argc, char **argv)
{
	unsigned iters = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 10) : 50;
	uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 10) : (uint64_t)time(NULL);
	unsigned i, passed = 0, failed = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: crash_store DIR [ITERATIONS [SEED]]\n");
		return 2;
	}
	for (i = 0; i < iters; i++) {
		seed = mix(seed);
		if (iteration(argv[1], (int)(seed % 51)))
			passed++;
		else
			failed++;
	}
	printf("crash store: %" PRIu64 " acknowledged operations, %" PRIu64
	       " consumes rechecked, %u torn logs and %u stale logs recovered\n",
	       g.acks, g.checked, g.torn, g.stale);
	if (g.acks == 0) {
		fprintf(stderr, "crash store: no operation was acknowledged\n");
		failed++;
	}
	printf("crash store: %u passed, %u failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
