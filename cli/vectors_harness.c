/*
 * The harness side of the line protocol (vectors/README.md): start another
 * implementation with /bin/sh -c, write one JSON request per line to its
 * stdin and read one JSON answer per line from its stdout, in lockstep.
 *
 * The harness never trusts the other program: an answer that is not JSON
 * fails that test; no answer within the timeout, an early exit or a closed
 * pipe marks the program as gone, and every later test fails without
 * waiting. SIGPIPE is ignored so a program that dies cannot kill paycode.
 * Its stderr is left on ours, for its diagnostics.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "vectors.h"

struct pc_vec_impl {
	pid_t pid;
	int to, from;      /* its stdin (write end), its stdout (read end) */
	unsigned timeout;  /* seconds to wait for output */
	const char *gone;  /* why it no longer answers; NULL while it does */
	int hung;          /* it timed out: do not wait for it to end */
	char *buf;         /* bytes read that do not make a line yet */
	size_t len, cap;
};

static void pc__child(int in[2], int out[2], const char *cmd)
{
	if (dup2(in[0], 0) < 0 || dup2(out[1], 1) < 0)
		_exit(127);
	close(in[0]);
	close(in[1]);
	close(out[0]);
	close(out[1]);
	execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
	_exit(127);
}

pc_vec_impl *pc_vec_impl_start(const char *cmd, unsigned timeout)
{
	struct sigaction sa;
	pc_vec_impl *im = calloc(1, sizeof *im);
	int in[2], out[2];

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	if (im == NULL || sigaction(SIGPIPE, &sa, NULL) != 0 || pipe(in) != 0)
		return free(im), NULL;
	if (pipe(out) != 0) {
		close(in[0]);
		close(in[1]);
		return free(im), NULL;
	}
	fflush(stdout);
	fflush(stderr);
	im->pid = fork();
	if (im->pid == 0)
		pc__child(in, out, cmd);
	close(in[0]);
	close(out[1]);
	im->to = in[1];
	im->from = out[0];
	im->timeout = timeout;
	if (im->pid < 0) {
		pc_vec_impl_stop(im);
		return NULL;
	}
	return im;
}

static int pc__write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Read more output into buf: 0, or -1 with im->gone set. */
static int pc__fill(pc_vec_impl *im)
{
	struct pollfd p = { im->from, POLLIN, 0 };
	ssize_t r;
	char *nb;
	int ready;

	do
		ready = poll(&p, 1, (int)im->timeout * 1000);
	while (ready < 0 && errno == EINTR);
	if (ready == 0) {
		im->hung = 1;
		return im->gone = "no answer in time: the implementation is not answering", -1;
	}
	if (im->len + 4096 > im->cap) {
		nb = realloc(im->buf, im->cap + 65536);
		if (nb == NULL)
			return im->gone = "out of memory", -1;
		im->buf = nb;
		im->cap += 65536;
	}
	r = ready < 0 ? -1 : read(im->from, im->buf + im->len, im->cap - im->len - 1);
	if (r <= 0)
		return im->gone = "the implementation closed its output (ended?)", -1;
	im->len += (size_t)r;
	return 0;
}

/* The next line of output, without its newline (malloc'd), or NULL. */
static char *pc__read_line(pc_vec_impl *im)
{
	char *nl, *line;
	size_t n;

	while ((nl = im->len ? memchr(im->buf, '\n', im->len) : NULL) == NULL)
		if (pc__fill(im) != 0)
			return NULL;
	n = (size_t)(nl - im->buf);
	line = malloc(n + 1);
	if (line == NULL) {
		im->gone = "out of memory";
		return NULL;
	}
	memcpy(line, im->buf, n);
	line[n] = '\0';
	memmove(im->buf, nl + 1, im->len - n - 1);
	im->len -= n + 1;
	return line;
}

cJSON *pc_vec_impl_ask(pc_vec_impl *im, const cJSON *req, char *why, size_t n)
{
	char *text = cJSON_PrintUnformatted(req), *line;
	cJSON *ans;
	int bad;

	if (im->gone == NULL && text == NULL)
		im->gone = "out of memory";
	if (im->gone == NULL) {
		bad = pc__write_all(im->to, text, strlen(text)) != 0 ||
		      pc__write_all(im->to, "\n", 1) != 0;
		if (bad)
			im->gone = "the implementation closed its input (ended?)";
	}
	free(text);
	line = im->gone == NULL ? pc__read_line(im) : NULL;
	if (line == NULL) {
		snprintf(why, n, "%s", im->gone);
		return NULL;
	}
	ans = cJSON_Parse(line);
	if (!cJSON_IsObject(ans)) {
		snprintf(why, n, "the answer is not a JSON object: %.60s", line);
		cJSON_Delete(ans);
		ans = NULL;
	}
	free(line);
	return ans;
}

/* Wait up to ms milliseconds for the child; 1 when it has been reaped. */
static int pc__reap(pc_vec_impl *im, int ms, int *status)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	int i;

	for (i = 0; i <= ms / 10; i++) {
		pid_t r = waitpid(im->pid, status, WNOHANG);

		if (r == im->pid || (r < 0 && errno != EINTR))
			return 1;
		nanosleep(&tick, NULL);
	}
	return 0;
}

int pc_vec_impl_stop(pc_vec_impl *im)
{
	int status = 0, rc = 0;

	if (im == NULL)
		return 0;
	close(im->to);
	close(im->from);
	if (im->pid > 0 && !pc__reap(im, im->hung ? 0 : 5000, &status)) {
		kill(im->pid, SIGTERM);
		if (!pc__reap(im, 2000, &status)) {
			kill(im->pid, SIGKILL);
			(void)waitpid(im->pid, &status, 0);
		}
	}
	if (im->pid > 0 && !im->hung && (!WIFEXITED(status) || WEXITSTATUS(status) != 0))
		rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	free(im->buf);
	free(im);
	return rc;
}
