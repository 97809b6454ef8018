/*
 * Crash test of the journal (core/journal*.c) on the POSIX port.
 *
 *   crash_journal DIR [ITERATIONS [SEED]]
 *
 * The parent creates a journal (checkpoint every 8 records) and its key in
 * DIR. Each iteration forks a child that opens the journal and appends
 * DECISION records numbered n, n + 1, ... (transaction ID "N<n>"), printing
 * "A n" on stdout (line-buffered, a pipe to the parent) after each append
 * returned PC_OK. The parent kills it with SIGKILL after a random 0-50 ms,
 * then checks:
 *   - before any writer touches it, the journal verifies with the key up
 *     to a clean end, or up to a torn tail at its very end (PC_JF_TORN,
 *     PC_ERR_TRUNCATED); never anything else: the complete prefix verifies
 *     and a torn record is reported, not accepted;
 *   - every acknowledged record is in that prefix;
 *   - SIGKILL cannot tear a write(2) to a regular file, so to stand for a
 *     power loss in the middle of the append in flight, every other
 *     iteration whose in-flight record landed cuts the file at a random
 *     byte of what that append wrote (never an acknowledged byte) and
 *     checks the above again: a torn tail must be reported;
 *   - a writer opens it (accounting for a torn tail with a RESUME record)
 *     and then it verifies to a clean end, holding the decisions 0 .. m-1
 *     in order, where m is the number acknowledged so far, or one more
 *     (the append in flight at the kill landed whole).
 * The next child continues at m. Prints counts and "crash journal: N
 * passed, N failed"; exits non-zero on failure.
 */
#include <errno.h>
#include <sys/stat.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <paycode/journal.h>
#include <paycode/crypto.h>
#include "posix.h"

#define NAME "journal"
#define KEY_ID 3u
#define BASE ((pc_time)1800000000)

static struct {
	uint64_t next;          /* number of the next decision to append */
	int64_t last;           /* last acknowledged number, or -1 */
	uint64_t acks, torn, cuts, resumes, child_errors, rnd;
	char line[128];
	size_t linelen;
	pc_journal_key key;
} g;

static pc_journal_reader rd;

static uint64_t mix(uint64_t z)
{
	z += 0x9E3779B97F4A7C15u;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

/* Decision n: an approved qr-offline code, a payment of 1 + n % 997 fen. */
static int entry_of(uint64_t n, pc_journal_entry *e)
{
	char id[32];
	pc_decision d;
	pc_txn t;

	memset(&d, 0, sizeof d);
	d.verdict = PC_APPROVE;
	d.form = PC_FORM_QR_OFFLINE;
	d.token_id = mix(n);
	d.cert_serial = n;
	d.counter = (uint32_t)n;
	d.gen_time = BASE;
	d.flags = PC_CODE_F_UV_BIOMETRIC;
	d.consumed = 1;
	snprintf(id, sizeof id, "N%" PRIu64, n);
	if (pc_sha256(id, strlen(id), d.digest) != PC_OK)
		return -1;
	memset(&t, 0, sizeof t);
	t.amount = (int64_t)(1 + n % 997);
	t.currency = PC_CURRENCY_CNY;
	memcpy(t.terminal_id, "CRASH-1", 8);
	return pc_journal_entry_fill(e, id, PC_MODE_TERMINAL, NULL, &d, &t, NULL) ==
	       PC_OK ? 0 : -1;
}

/* ---- the child */

static void child(const char *dir, uint64_t start)
{
	static pc_posix px;
	static pc_journal j;
	pc_journal_entry e;
	pc_platform plat;
	pc_err err;
	uint64_t n;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (pc_posix_init(&px, dir, &plat) != PC_OK)
		_exit(2);
	err = pc_journal_open(&j, &plat, NAME, NULL);
	if (err != PC_OK) {
		printf("E open %s\n", pc_err_name(err));
		_exit(3);
	}
	for (n = start;; n++) {
		if (entry_of(n, &e) != 0)
			_exit(4);
		err = pc_journal_append(&j, &e, NULL);
		if (err != PC_OK) {
			printf("E %" PRIu64 " %s\n", n, pc_err_name(err));
			_exit(5);
		}
		printf("A %" PRIu64 "\n", n);
	}
}

/* ---- the parent: acknowledgements */

static void take_line(const char *s)
{
	uint64_t n;

	if (s[0] != 'A' || sscanf(s + 1, "%" SCNu64, &n) != 1) {
		fprintf(stderr, "crash journal: child said \"%s\"\n", s);
		g.child_errors++;
		return;
	}
	g.last = (int64_t)n;
	g.acks++;
}

static bool pump(int fd)
{
	char buf[4096];
	ssize_t r = read(fd, buf, sizeof buf), i;

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

/* ---- the parent: checks */

/* Read the journal; the number of decisions, which must be 0 .. m-1 in
 * order. -1 on a decision out of order. */
static int64_t decisions(const pc_platform *plat, pc_journal_summary *s, pc_err *err)
{
	pc_journal_record rec;
	uint64_t m = 0, n;

	*err = pc_journal_reader_init(&rd, plat, NAME, &g.key);
	while (*err == PC_OK && (*err = pc_journal_reader_next(&rd, &rec)) == PC_OK) {
		if (rec.type != PC_JREC_DECISION)
			continue;
		if (sscanf(rec.u.decision.txn_id, "N%" SCNu64, &n) != 1 || n != m) {
			fprintf(stderr, "crash journal: decision %s where N%" PRIu64
				" was expected\n", rec.u.decision.txn_id, m);
			return -1;
		}
		m++;
	}
	*s = *pc_journal_reader_summary(&rd);
	if (*err == PC_ERR_NOT_FOUND && s->fault == PC_JF_NONE)
		*err = PC_OK;
	return (int64_t)m;
}

/* Offset of decision n in the journal as it is; -1 when absent. */
static int64_t offset_of(const pc_platform *plat, uint64_t n)
{
	pc_journal_record rec;
	char id[32];

	snprintf(id, sizeof id, "N%" PRIu64, n);
	if (pc_journal_reader_init(&rd, plat, NAME, NULL) != PC_OK)
		return -1;
	while (pc_journal_reader_next(&rd, &rec) == PC_OK)
		if (rec.type == PC_JREC_DECISION && strcmp(rec.u.decision.txn_id, id) == 0)
			return (int64_t)rec.offset;
	return -1;
}

/* A power loss during the append of decision n (not acknowledged): cut the
 * file at a random byte of what that append wrote. */
static void cut(const char *dir, const pc_platform *plat, uint64_t n)
{
	char path[512];
	struct stat st;
	int64_t off = offset_of(plat, n);

	snprintf(path, sizeof path, "%s/%s", dir, NAME);
	if (off < 0 || stat(path, &st) != 0 || st.st_size <= off)
		return;
	g.rnd = mix(g.rnd);
	if (truncate(path, off + (off_t)(g.rnd % (uint64_t)(st.st_size - off))) == 0)
		g.cuts++;
}

/* The journal as a crash left it: a clean end or a torn tail, with at
 * least `acked` decisions. */
static bool check_left(const pc_platform *plat, uint64_t acked, int64_t *m)
{
	pc_journal_summary s;
	pc_err err;
	bool ok = true;

	*m = decisions(plat, &s, &err);
	if (err == PC_ERR_TRUNCATED && s.fault == PC_JF_TORN)
		g.torn++;
	else if (err != PC_OK)
		ok = false;
	if (!ok || *m < 0 || (uint64_t)*m < acked) {
		fprintf(stderr, "crash journal: after the crash: %s (%s at %" PRIu64
			"), %" PRId64 " decisions, %" PRIu64 " acknowledged\n",
			pc_err_name(err), pc_journal_fault_name(s.fault), s.fault_offset,
			*m, acked);
		ok = false;
	}
	return ok;
}

static bool check(const char *dir)
{
	static pc_posix px;
	static pc_journal j;
	uint64_t acked = g.last < 0 ? g.next : (uint64_t)g.last + 1;
	pc_journal_summary s;
	pc_platform plat;
	int64_t m;
	pc_err err;
	bool ok = true;

	if (pc_posix_init(&px, dir, &plat) != PC_OK)
		return false;
	/* 1. as the kill left it; then as a power loss might have */
	ok = check_left(&plat, acked, &m);
	if (ok && g.acks % 2 == 0 && (uint64_t)m == acked + 1) {
		cut(dir, &plat, acked);
		ok = check_left(&plat, acked, &m);
	}
	/* 2. a writer recovers; 3. then it is intact */
	err = pc_journal_open(&j, &plat, NAME, NULL);
	pc_journal_wipe(&j);
	if (err == PC_OK)
		m = decisions(&plat, &s, &err);
	if (err != PC_OK || m < 0 || (uint64_t)m < acked || (uint64_t)m > acked + 1) {
		fprintf(stderr, "crash journal: after reopening: %s, %" PRId64
			" decisions, %" PRIu64 " acknowledged\n", pc_err_name(err), m, acked);
		ok = false;
	}
	g.resumes = s.resumes;
	g.next = m < 0 ? acked : (uint64_t)m;
	pc_posix_wipe(&px);
	return ok;
}

static bool iteration(const char *dir, int delay_ms)
{
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
	return check(dir) && g.child_errors == 0;
}

static int setup(const char *dir)
{
	static pc_posix px;
	static pc_journal j;
	pc_journal_cfg c;
	pc_platform plat;
	pc_err err;

	if (pc_posix_init(&px, dir, &plat) != PC_OK)
		return -1;
	g.key.key_id = KEY_ID;
	err = plat.key_generate(plat.ctx, KEY_ID, PC_KEY_SUITE_P256, g.key.pub,
				sizeof g.key.pub);
	pc_journal_cfg_default(&c);
	c.key_id = KEY_ID;
	c.every = 8;
	memcpy(c.writer_id, "CRASH-1", 8);
	if (err == PC_OK)
		err = pc_journal_create(&j, &plat, NAME, &c);
	pc_journal_wipe(&j);
	pc_posix_wipe(&px);
	if (err != PC_OK)
		fprintf(stderr, "crash journal: set-up: %s\n", pc_err_name(err));
	return err == PC_OK ? 0 : -1;
}

int main(int argc, char **argv)
{
	unsigned iters = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 10) : 50;
	uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 10) : (uint64_t)time(NULL);
	unsigned i, passed = 0, failed = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: crash_journal DIR [ITERATIONS [SEED]]\n");
		return 2;
	}
	if (setup(argv[1]) != 0)
		return 1;
	g.rnd = seed;
	for (i = 0; i < iters; i++) {
		seed = mix(seed);
		if (iteration(argv[1], (int)(seed % 51)))
			passed++;
		else
			failed++;
	}
	printf("crash journal: %" PRIu64 " acknowledged appends, %" PRIu64
	       " decisions on storage, %" PRIu64 " in-flight appends cut, %" PRIu64
	       " torn tails reported, %" PRIu64 " RESUME records\n", g.acks, g.next,
	       g.cuts, g.torn, g.resumes);
	if (g.cuts > 0 && g.torn == 0) {
		fprintf(stderr, "crash journal: no torn tail was seen\n");
		failed++;
	}
	if (g.acks == 0) {
		fprintf(stderr, "crash journal: no append was acknowledged\n");
		failed++;
	}
	printf("crash journal: %u passed, %u failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
