/*
 * A fleet racing on one Redis: NPROC validator processes (fork), each with
 * its own connection, released together at each of three gates.
 *
 *  1. Single use. NCODES real qr-online codes, made before the fork; every
 *     process validates every code, in the same order, so each code meets
 *     NPROC - 1 duplicates at nearly the same moment. Exactly one APPROVE
 *     per code across all processes, every other attempt DECLINE/REPLAYED.
 *  2. Limit, one winner. NCOUNTERS counters with limit 10; every process
 *     adds 6 to each: two successes would make 12, so exactly one process
 *     succeeds per counter and the final total is 6.
 *  3. Limit, many winners. One counter, limit LIMIT; every process adds
 *     NADDS varied amounts. Sorted by returned total, the successes must
 *     form one chain (each total = previous total + its amount: the adds
 *     were serialised, none lost), the final total must be <= LIMIT and
 *     equal to the sum of the successful amounts, and every refusal must
 *     have been a real overflow.
 *
 * Children write their outcomes to files; the parent judges.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "redis_store.h"
#include "rtest.h"
#include "rcodes.h"

#define NPROC 8
#define NCODES 2000
#define NCOUNTERS 500
#define NADDS 400
#define LIMIT 100000
#define NGATES 3

typedef struct add_rec {
	int64_t amount, total;
} add_rec;

static char codes[NCODES][PC_QR_CODE_MAX_LEN];
static size_t lens[NCODES];
static char dir[64], prefix[64];
static int gate[NGATES][2], ready[2];

static void key_of(int id, uint8_t k[PC_REPLAY_KEY_LEN])
{
	memset(k, 0x5c, PC_REPLAY_KEY_LEN);
	memcpy(k, &id, sizeof id);
}

static void path_of(char *out, size_t cap, const char *what, int i)
{
	snprintf(out, cap, "%s/%s.%d", dir, what, i);
}

static bool write_file(const char *what, int i, const void *p, size_t n)
{
	char path[128];
	int fd;
	bool ok;

	path_of(path, sizeof path, what, i);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return false;
	ok = write(fd, p, n) == (ssize_t)n;
	return close(fd) == 0 && ok;
}

/* Read up to cap bytes; the count, or -1. */
static long read_file(const char *what, int i, void *p, size_t cap)
{
	char path[128];
	int fd;
	ssize_t n;

	path_of(path, sizeof path, what, i);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, p, cap);
	close(fd);
	return (long)n;
}

/* Tell the parent this child is ready, then wait for gate g to open. */
static void pass_gate(int g)
{
	char c = 'r', x;

	if (write(ready[1], &c, 1) != 1)
		_exit(3);
	while (read(gate[g][0], &x, 1) > 0)
		;
}

/* ---- children */

static bool race_codes(pc_validator *v, int me)
{
	static char out[NCODES];
	int j;

	for (j = 0; j < NCODES; j++) {
		pc_decision d = rc_judge(v, codes[j], lens[j]);

		if (d.verdict == PC_APPROVE)
			out[j] = 'A';
		else if (d.verdict == PC_DECLINE && d.reason == PC_R_REPLAYED)
			out[j] = 'R';
		else
			out[j] = 'X';
	}
	return write_file("codes", me, out, sizeof out);
}

static bool race_one_winner(const pc_store *s, int me, pc_time now)
{
	static char out[NCOUNTERS];
	uint8_t k[PC_REPLAY_KEY_LEN];
	int64_t total;
	int c;

	for (c = 0; c < NCOUNTERS; c++) {
		pc_err err;

		key_of(c, k);
		total = -1;
		err = s->add_within(s->ctx, k, 6, 10, now + 600, now, &total);
		if (err == PC_OK && total == 6)
			out[c] = 'O';
		else if (err == PC_ERR_LIMIT && total == 6)
			out[c] = 'L';
		else
			out[c] = 'X';
	}
	return write_file("pair", me, out, sizeof out);
}

static bool race_chain(const pc_store *s, int me, pc_time now)
{
	static add_rec out[NADDS + 1]; /* out[0].amount: refusals that were wrong */
	uint8_t k[PC_REPLAY_KEY_LEN];
	size_t n = 1;
	int j;

	key_of(NCOUNTERS, k);
	memset(out, 0, sizeof out);
	for (j = 0; j < NADDS; j++) {
		int64_t amount = 1 + (me * 131 + j * 17) % 97, total = -1;
		pc_err err = s->add_within(s->ctx, k, amount, LIMIT, now + 600, now, &total);

		if (err == PC_OK) {
			out[n].amount = amount;
			out[n++].total = total;
		} else if (err != PC_ERR_LIMIT || total + amount <= LIMIT) {
			out[0].amount++;
		}
	}
	out[0].total = (int64_t)(n - 1);
	return write_file("chain", me, out, n * sizeof out[0]);
}

static int child(int me)
{
	static pc_redis r;
	static pc_validator v;
	pc_redis_opts o;
	pc_store s;
	pc_time now = (pc_time)time(NULL);
	int g, rc = 0;
	bool ok;

	for (g = 0; g < NGATES; g++)
		close(gate[g][1]);
	close(ready[0]);
	pc_redis_opts_default(&o);
	o.prefix = prefix;
	o.command_timeout_ms = 2000; /* 8 racers on few cores: be patient */
	ok = pc_redis_open(&r, rt_env("PC_REDIS_URL"), &o, &s) == PC_OK &&
	     rc_validator(&v, &s);
	/* Every child passes every gate, even a failed one: the parent
	 * waits for all of them before opening the next. */
	pass_gate(0);
	if (!ok || !race_codes(&v, me))
		rc = 11;
	pass_gate(1);
	if (!ok || !race_one_winner(&s, me, now))
		rc = 12;
	pass_gate(2);
	if (!ok || !race_chain(&s, me, now))
		rc = 13;
	pc_redis_close(&r);
	return rc;
}

/* ---- parent */

static void open_gate(int g)
{
	char c;
	int n = 0;

	while (n < NPROC && read(ready[0], &c, 1) == 1)
		n++;
	close(gate[g][1]);
}

static bool fork_all(pid_t pids[NPROC])
{
	int i, g;

	for (g = 0; g < NGATES; g++)
		if (pipe(gate[g]) != 0)
			return false;
	if (pipe(ready) != 0)
		return false;
	fflush(stdout);
	for (i = 0; i < NPROC; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			exit(child(i));
		if (pids[i] < 0)
			return false;
	}
	close(ready[1]);
	for (g = 0; g < NGATES; g++)
		close(gate[g][0]);
	for (g = 0; g < NGATES; g++)
		open_gate(g);
	return true;
}

static void judge_codes(void)
{
	static char out[NPROC][NCODES];
	int i, j, once = 0, approvals = 0, replays = 0, other = 0;

	for (i = 0; i < NPROC; i++)
		RT_EQ(read_file("codes", i, out[i], NCODES), NCODES);
	printf("  approvals per process:");
	for (i = 0; i < NPROC; i++) {
		int mine = 0;

		for (j = 0; j < NCODES; j++)
			mine += out[i][j] == 'A';
		printf(" %d", mine);
	}
	printf("\n");
	for (j = 0; j < NCODES; j++) {
		int a = 0;

		for (i = 0; i < NPROC; i++) {
			a += out[i][j] == 'A';
			replays += out[i][j] == 'R';
			other += out[i][j] == 'X';
		}
		approvals += a;
		once += a == 1;
	}
	printf("  %d codes x %d validators: %d approvals, %d replays declined\n",
	       NCODES, NPROC, approvals, replays);
	RT_EQ(once, NCODES);
	RT_EQ(approvals, NCODES);
	RT_EQ(replays, NCODES * (NPROC - 1));
	RT_EQ(other, 0);
}

static void judge_one_winner(const pc_store *s, pc_time now)
{
	static char out[NPROC][NCOUNTERS];
	uint8_t k[PC_REPLAY_KEY_LEN];
	int i, c, one = 0, six = 0;

	for (i = 0; i < NPROC; i++)
		RT_EQ(read_file("pair", i, out[i], NCOUNTERS), NCOUNTERS);
	for (c = 0; c < NCOUNTERS; c++) {
		int wins = 0, losses = 0;
		int64_t total = -1;

		for (i = 0; i < NPROC; i++) {
			wins += out[i][c] == 'O';
			losses += out[i][c] == 'L';
		}
		one += wins == 1 && losses == NPROC - 1;
		key_of(c, k);
		six += s->add_within(s->ctx, k, 0, 10, now + 600, now, &total) == PC_OK &&
		       total == 6;
	}
	printf("  %d counters (limit 10, +6 from each of %d): %d with one winner\n",
	       NCOUNTERS, NPROC, one);
	RT_EQ(one, NCOUNTERS);
	RT_EQ(six, NCOUNTERS);
}

static int by_total(const void *a, const void *b)
{
	int64_t x = ((const add_rec *)a)->total, y = ((const add_rec *)b)->total;

	return (x > y) - (x < y);
}

static void judge_chain(const pc_store *s, pc_time now)
{
	static add_rec all[NPROC * NADDS], buf[NADDS + 1];
	uint8_t k[PC_REPLAY_KEY_LEN];
	size_t n = 0, j;
	int64_t prev = 0, sum = 0, total = -1, wrong = 0, breaks = 0;
	int i;

	for (i = 0; i < NPROC; i++) {
		long got = read_file("chain", i, buf, sizeof buf);

		if (!RT_CHECK(got >= (long)sizeof buf[0] &&
			      (size_t)got == (size_t)(buf[0].total + 1) * sizeof buf[0]))
			continue;
		wrong += buf[0].amount;
		memcpy(all + n, buf + 1, (size_t)buf[0].total * sizeof buf[0]);
		n += (size_t)buf[0].total;
	}
	qsort(all, n, sizeof all[0], by_total);
	for (j = 0; j < n; j++) {
		breaks += all[j].total != prev + all[j].amount;
		prev = all[j].total;
		sum += all[j].amount;
	}
	key_of(NCOUNTERS, k);
	RT_EQ(s->add_within(s->ctx, k, 0, LIMIT, now + 600, now, &total), PC_OK);
	printf("  one counter, limit %d: %zu of %d adds succeeded, sum %lld, final %lld\n",
	       LIMIT, n, NPROC * NADDS, (long long)sum, (long long)total);
	RT_EQ(breaks, 0);
	RT_EQ(wrong, 0);
	RT_EQ(total, sum);
	RT_EQ(prev, sum);
	RT_CHECK(total <= LIMIT);
	RT_CHECK(total > LIMIT - 97); /* the limit was reached */
	RT_CHECK(n < (size_t)(NPROC * NADDS)); /* and adds were refused */
}

static bool make_codes(void)
{
	int j;

	if (!rc_setup())
		return false;
	for (j = 0; j < NCODES; j++) {
		lens[j] = rc_code(codes[j]);
		if (lens[j] == 0)
			return false;
	}
	return true;
}

int main(void)
{
	static pc_redis r;
	pid_t pids[NPROC];
	pc_store s;
	pc_time now = (pc_time)time(NULL);
	int i, st;

	snprintf(prefix, sizeof prefix, "pct:race:%ld:", (long)getpid());
	snprintf(dir, sizeof dir, "/tmp/pcrace.XXXXXX");
	if (!RT_CHECK(make_codes()) || !RT_CHECK(mkdtemp(dir) != NULL) ||
	    !RT_CHECK(fork_all(pids)))
		return rt_done("test_race");
	for (i = 0; i < NPROC; i++) {
		RT_EQ(waitpid(pids[i], &st, 0), pids[i]);
		RT_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	judge_codes();
	if (RT_EQ(pc_redis_open(&r, rt_env("PC_REDIS_URL"),
				&(pc_redis_opts){ 200, 200, prefix, 0 }, &s), PC_OK)) {
		judge_one_winner(&s, now);
		judge_chain(&s, now);
		pc_redis_close(&r);
	}
	for (i = 0; i < NPROC; i++) {
		char path[128];

		path_of(path, sizeof path, "codes", i);
		unlink(path);
		path_of(path, sizeof path, "pair", i);
		unlink(path);
		path_of(path, sizeof path, "chain", i);
		unlink(path);
	}
	rmdir(dir);
	return rt_done("test_race");
}
