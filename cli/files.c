/*
 * paycode CLI: atomic file writes, bounded reads, advisory locks and the
 * constant-time hex codec used by every file format (docs/FILES.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "files.h"

/* The folder part of path ("." when there is none) into out. */
static void dir_of(const char *path, char *out, size_t cap)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash == NULL ? 0 : (size_t)(slash - path);

	if (slash == path)
		n = 1; /* "/x": the root folder */
	if (n == 0 || n >= cap) {
		snprintf(out, cap, ".");
		return;
	}
	memcpy(out, path, n);
	out[n] = '\0';
}

/* A rename or link is durable only once its folder entry is. */
static int fsync_dir_of(const char *path)
{
	char dir[4096];
	int fd, rc;

	dir_of(path, dir, sizeof dir);
	fd = open(dir, O_RDONLY);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	return close(fd) == 0 ? rc : -1;
}

static int write_all(int fd, const uint8_t *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Put the finished temporary in place: rename when overwriting is allowed,
 * else link(2), which fails with EEXIST instead of replacing the target. */
static int publish(const char *tmp, const char *path, int force)
{
	struct stat st;

	if (force)
		return rename(tmp, path);
	if (link(tmp, path) == 0)
		return unlink(tmp);
	if (errno != EPERM && errno != ENOTSUP && errno != ENOSYS)
		return -1;
	/* No hard links on this file system: check, then rename (racy). */
	if (lstat(path, &st) == 0) {
		errno = EEXIST;
		return -1;
	}
	return rename(tmp, path);
}

int pc_cli_write_atomic(const char *path, const void *data, size_t len,
			mode_t mode, int force)
{
	char tmp[4096];
	int fd, rc;

	if (snprintf(tmp, sizeof tmp, "%s.~%ld", path, (long)getpid()) >= (int)sizeof tmp)
		return pc_cli_fail(PC_ERR_INVALID_ARG, "path too long: %s", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, PC_CLI_MODE_SECRET);
	if (fd < 0)
		return pc_cli_fail(PC_ERR_STORAGE, "cannot create %s: %s", tmp,
				   strerror(errno));
	/* open() applied the umask; set the exact mode on the open file. */
	rc = fchmod(fd, mode) == 0 && write_all(fd, data, len) == 0 &&
	     fsync(fd) == 0 ? 0 : -1;
	rc = close(fd) == 0 ? rc : -1;
	if (rc == 0 && publish(tmp, path, force) != 0)
		rc = errno == EEXIST ? 1 : -1;
	if (rc != 0) {
		int e = errno;

		(void)unlink(tmp);
		if (rc == 1)
			return pc_cli_fail(PC_ERR_STALE, "%s exists (use --force "
					   "to replace it)", path);
		return pc_cli_fail(PC_ERR_STORAGE, "cannot write %s: %s", path,
				   strerror(e));
	}
	if (fsync_dir_of(path) != 0)
		return pc_cli_fail(PC_ERR_STORAGE, "cannot sync the folder of %s",
				   path);
	return 0;
}

/* Read exactly len bytes from fd into buf. */
static int read_all(int fd, uint8_t *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, buf + got, len - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	return 0;
}

int pc_cli_slurp(const char *path, size_t max, uint8_t **out, size_t *len)
{
	struct stat st;
	uint8_t *buf;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return pc_cli_fail(errno == ENOENT ? PC_ERR_NOT_FOUND : PC_ERR_STORAGE,
				   "cannot open %s: %s", path, strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		(void)close(fd);
		return pc_cli_fail(PC_ERR_INVALID_ARG, "%s: not a regular file", path);
	}
	if ((uintmax_t)st.st_size > max) {
		(void)close(fd);
		return pc_cli_fail(PC_ERR_TOO_LONG, "%s: larger than %zu bytes",
				   path, max);
	}
	buf = malloc((size_t)st.st_size + 1);
	if (buf == NULL || read_all(fd, buf, (size_t)st.st_size) != 0) {
		free(buf);
		(void)close(fd);
		return pc_cli_fail(PC_ERR_STORAGE, "cannot read %s", path);
	}
	(void)close(fd);
	buf[st.st_size] = 0;
	*out = buf;
	*len = (size_t)st.st_size;
	return 0;
}

int pc_cli_lock(const char *path)
{
	struct flock fl;
	char name[4096];
	int fd;

	if (snprintf(name, sizeof name, "%s.lock", path) >= (int)sizeof name) {
		(void)pc_cli_fail(PC_ERR_INVALID_ARG, "path too long: %s", path);
		return -1;
	}
	fd = open(name, O_RDWR | O_CREAT, PC_CLI_MODE_SECRET);
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	while (fd >= 0 && fcntl(fd, F_SETLKW, &fl) != 0) {
		if (errno == EINTR)
			continue;
		(void)close(fd);
		fd = -1;
	}
	if (fd < 0)
		(void)pc_cli_fail(PC_ERR_STORAGE, "cannot lock %s: %s", name,
				  strerror(errno));
	return fd;
}

void pc_cli_unlock(int fd)
{
	if (fd >= 0)
		(void)close(fd); /* closing releases the fcntl lock */
}

uint64_t pc_cli_get_be64(const uint8_t b[8])
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < 8; i++)
		v = v << 8 | b[i];
	return v;
}

void pc_cli_put_be64(uint8_t b[8], uint64_t v)
{
	size_t i;

	for (i = 0; i < 8; i++)
		b[i] = (uint8_t)(v >> (56 - 8 * i));
}

/* ---- hex: arithmetic only, no table lookups or branches on the data */

/* 1 when a < b, for a, b < 2^31. */
static uint32_t lt(uint32_t a, uint32_t b)
{
	return (a - b) >> 31;
}

static char hex_digit(uint32_t n)
{
	/* n + '0', plus 39 more for n >= 10 ('a' - '0' - 10). */
	return (char)(n + '0' + ((0u - lt(9, n)) & 39u));
}

void pc_cli_hex(const uint8_t *in, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = hex_digit((uint32_t)in[i] >> 4);
		out[2 * i + 1] = hex_digit((uint32_t)in[i] & 15u);
	}
	out[2 * n] = '\0';
}

/* Value of one hex digit in *v; returns 1 when c is one, else 0. */
static uint32_t hex_value(uint32_t c, uint32_t *v)
{
	uint32_t d = lt(c, '9' + 1) & (1u ^ lt(c, '0'));
	uint32_t l = lt(c, 'f' + 1) & (1u ^ lt(c, 'a'));
	uint32_t u = lt(c, 'F' + 1) & (1u ^ lt(c, 'A'));

	*v = ((0u - d) & (c - '0')) | ((0u - l) & (c - 'a' + 10u)) |
	     ((0u - u) & (c - 'A' + 10u));
	return d | l | u;
}

int pc_cli_unhex(const char *hex, uint8_t *out, size_t n)
{
	uint32_t ok = 1, hi, lo;
	size_t i;

	if (hex == NULL || strlen(hex) != 2 * n)
		return -1;
	for (i = 0; i < n; i++) {
		ok &= hex_value((uint8_t)hex[2 * i], &hi);
		ok &= hex_value((uint8_t)hex[2 * i + 1], &lo);
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	if (!ok)
		pc_wipe(out, n);
	return ok ? 0 : -1;
}
