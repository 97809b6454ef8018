/*
 * Shared helpers of the Redis store tests. tests/redis/run.sh starts a
 * private redis-server and passes it in the environment:
 *   PC_REDIS_URL       redis://:password@127.0.0.1:port (db 0)
 *   PC_REDIS_HOSTPORT  127.0.0.1:port
 *   PC_REDIS_PASSWORD  the password
 *   PC_REDIS_DIR       the server's state folder for tests/redis/server.sh
 *   PC_REDIS_CTL       path of tests/redis/server.sh
 * Each program counts its checks and ends with "<name>: P passed, F failed";
 * run.sh adds them up. Checks never return early: a failed one is counted
 * and printed, and the program carries on.
 */
#ifndef PAYCODE_RTEST_H
#define PAYCODE_RTEST_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

static unsigned rt_pass, rt_fail;

static inline bool rt_check_(bool ok, const char *what, const char *file, int line)
{
	if (ok) {
		rt_pass++;
	} else {
		rt_fail++;
		printf("FAIL %s:%d: %s\n", file, line, what);
		fflush(stdout);
	}
	return ok;
}

static inline bool rt_eq_(long long got, long long want, const char *what,
			  const char *file, int line)
{
	if (got == want) {
		rt_pass++;
		return true;
	}
	rt_fail++;
	printf("FAIL %s:%d: %s: got %lld, want %lld\n", file, line, what, got, want);
	fflush(stdout);
	return false;
}

#define RT_CHECK(cond) rt_check_((cond), #cond, __FILE__, __LINE__)
#define RT_EQ(got, want) rt_eq_((long long)(got), (long long)(want), #got, __FILE__, __LINE__)

/* Print the summary line; the exit status for main(). */
static inline int rt_done(const char *name)
{
	printf("%s: %u passed, %u failed\n", name, rt_pass, rt_fail);
	return rt_fail != 0 ? 1 : 0;
}

static inline const char *rt_env(const char *name)
{
	const char *val = getenv(name);

	if (val == NULL || val[0] == '\0') {
		fprintf(stderr, "%s is not set: run the Redis tests through tests/redis/run.sh\n", name);
		exit(2);
	}
	return val;
}

/* Unix time in milliseconds. */
static inline long long rt_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static inline void rt_sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0)
		;
}

/* Child side of rt_ctl_out: stdout to `fd` when >= 0, no other inherited
 * descriptor above 2 (a restarted redis-server must hold none of this
 * process's sockets or files), then exec server.sh. */
static inline void rt_ctl_exec(int fd, const char *cmd, const char *a1,
			       const char *a2, const char *a3)
{
	const char *ctl = rt_env("PC_REDIS_CTL"), *sdir = rt_env("PC_REDIS_DIR");
	long i, max = sysconf(_SC_OPEN_MAX);

	if (fd >= 0 && dup2(fd, 1) < 0)
		_exit(127);
	for (i = 3; i < (max > 0 && max < 65536 ? max : 1024); i++)
		close((int)i);
	execl("/bin/sh", "sh", ctl, cmd, sdir, a1, a2, a3, (char *)NULL);
	_exit(127);
}

/* Run `server.sh <cmd> <dir> [a1 [a2 [a3]]]` (unused args NULL). With out
 * != NULL, its stdout (up to cap - 1 bytes, trailing newline removed) goes
 * to out. Returns its exit status, -1 when it could not run. */
static inline int rt_ctl_out(char *out, size_t cap, const char *cmd,
			     const char *a1, const char *a2, const char *a3)
{
	int pfd[2] = { -1, -1 }, st = -1;
	size_t n = 0;
	ssize_t got = 1;
	pid_t p;

	fflush(stdout);
	if (out != NULL && pipe(pfd) != 0)
		return -1;
	p = fork();
	if (p == 0)
		rt_ctl_exec(pfd[1], cmd, a1, a2, a3);
	if (pfd[1] >= 0)
		close(pfd[1]);
	while (pfd[0] >= 0 && got > 0 && n + 1 < cap) {
		got = read(pfd[0], out + n, cap - 1 - n);
		n += got > 0 ? (size_t)got : 0;
	}
	if (out != NULL) {
		out[n] = '\0';
		out[strcspn(out, "\r\n")] = '\0';
		close(pfd[0]);
	}
	if (p < 0 || waitpid(p, &st, 0) != p)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static inline int rt_ctl(const char *cmd)
{
	return rt_ctl_out(NULL, 0, cmd, NULL, NULL, NULL);
}

/* redis-cli against the test server; first line of its output into out. */
static inline int rt_cli(char *out, size_t cap, const char *a1, const char *a2,
			 const char *a3)
{
	return rt_ctl_out(out, cap, "cli", a1, a2, a3);
}

#endif /* PAYCODE_RTEST_H */
