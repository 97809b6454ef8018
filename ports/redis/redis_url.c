/*
 * Strict parser for redis://[:password@]host[:port][/db] (see
 * redis_store.h). The grammar is a small subset of RFC 3986 §3: no user
 * name, no percent-encoding, no query or fragment; anything outside it is
 * refused rather than guessed at.
 */
#include <string.h>

#include <paycode/ct.h>
#include "redis_store.h"

#define SCHEME "redis://"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alnum(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Printable ASCII without the URL delimiters the grammar relies on. */
static bool password_char(char c)
{
	return c > ' ' && c < 0x7f && strchr("@/%?#", c) == NULL;
}

/* Decimal in [0, max], no sign, no leading zero; s[0..n). */
static bool parse_uint(const char *s, size_t n, uint32_t max, uint32_t *out)
{
	uint32_t v = 0;
	size_t i;

	if (n == 0 || n > 10 || (n > 1 && s[0] == '0'))
		return false;
	for (i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return false;
		if (v > (max - (uint32_t)(s[i] - '0')) / 10u)
			return false;
		v = v * 10u + (uint32_t)(s[i] - '0');
	}
	*out = v;
	return true;
}

/* Host name or IPv4 literal: labels of [A-Za-z0-9-] joined by single dots,
 * no label starting or ending with '-'. */
static bool name_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > PC_REDIS_HOST_MAX)
		return false;
	for (i = 0; i < n; i++) {
		bool edge = i == 0 || i + 1 == n || s[i - 1] == '.' || s[i + 1] == '.';

		if (s[i] == '.' && (i == 0 || i + 1 == n || s[i + 1] == '.'))
			return false;
		if (s[i] == '-' && edge)
			return false;
		if (!is_alnum(s[i]) && s[i] != '.' && s[i] != '-')
			return false;
	}
	return true;
}

/* Bracketed IPv6 literal contents: hex digits, ':' and '.' (an embedded
 * IPv4 tail); getaddrinfo() judges the rest at connect time. */
static bool ipv6_ok(const char *s, size_t n)
{
	size_t i, colons = 0;

	if (n < 2 || n > 45)
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] == ':')
			colons++;
		else if (!is_hex(s[i]) && s[i] != '.')
			return false;
	}
	return colons >= 2;
}

/* "[:password@]" at *p; advances *p past it. */
static bool take_password(const char **p, pc_redis_url *out)
{
	const char *s = *p, *at = strchr(s, '@');
	size_t n, i;

	if (at == NULL)
		return true; /* no password */
	if (s[0] != ':')
		return false; /* a user name, or '@' elsewhere */
	n = (size_t)(at - s) - 1u;
	if (n == 0 || n > PC_REDIS_PASSWORD_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (!password_char(s[1 + i]))
			return false;
	memcpy(out->password, s + 1, n);
	*p = at + 1;
	return true;
}

/* "host" or "[v6]", then optional ":port"; advances *p. */
static bool take_host_port(const char **p, pc_redis_url *out)
{
	const char *s = *p, *end;
	size_t n;
	uint32_t port = PC_REDIS_DEFAULT_PORT;

	if (s[0] == '[') {
		end = strchr(s, ']');
		if (end == NULL || !ipv6_ok(s + 1, (size_t)(end - s) - 1u))
			return false;
		n = (size_t)(end - s) - 1u;
		memcpy(out->host, s + 1, n);
		end++;
	} else {
		n = strcspn(s, ":/");
		if (!name_ok(s, n))
			return false;
		memcpy(out->host, s, n);
		end = s + n;
	}
	if (*end == ':') {
		n = strcspn(end + 1, "/");
		if (!parse_uint(end + 1, n, 65535u, &port) || port == 0)
			return false;
		end += 1 + n;
	}
	out->port = (uint16_t)port;
	*p = end;
	return true;
}

static bool parse(const char *url, pc_redis_url *out)
{
	const char *p = url + strlen(SCHEME);

	if (strncmp(url, SCHEME, strlen(SCHEME)) != 0)
		return false;
	if (!take_password(&p, out) || !take_host_port(&p, out))
		return false;
	if (*p == '\0')
		return true;
	return *p == '/' && parse_uint(p + 1, strlen(p + 1), PC_REDIS_DB_MAX, &out->db);
}

pc_err pc_redis_url_parse(const char *url, pc_redis_url *out)
{
	if (out == NULL)
		return PC_ERR_INVALID_ARG;
	memset(out, 0, sizeof *out);
	if (url == NULL || !parse(url, out)) {
		pc_wipe(out, sizeof *out);
		return PC_ERR_INVALID_ARG;
	}
	return PC_OK;
}
