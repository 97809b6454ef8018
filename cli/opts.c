/*
 * paycode CLI: long-option parsing (see opts.h for the contract).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "opts.h"

int pc_cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "error: %s: ", pc_err_name(PC_ERR_INVALID_ARG));
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see paycode %s --help)\n", cmd);
	return 2;
}

int pc_cli_parse_u64(const char *s, uint64_t max, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > max)
		return -1;
	*out = (uint64_t)v;
	return 0;
}

pc_cli_opt *pc_cli_opt_get(pc_cli_opt *o, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(o[i].name, name) == 0)
			return &o[i];
	return NULL;
}

/* Find the option named by arg ("--name" or "--name=value"). */
static pc_cli_opt *find_opt(pc_cli_opt *o, size_t n, const char *arg,
			    const char **inline_value)
{
	const char *eq = strchr(arg, '=');
	size_t len = eq != NULL ? (size_t)(eq - arg) - 2 : strlen(arg) - 2;
	size_t i;

	*inline_value = eq != NULL ? eq + 1 : NULL;
	for (i = 0; i < n; i++)
		if (strlen(o[i].name) == len && strncmp(o[i].name, arg + 2, len) == 0)
			return &o[i];
	return NULL;
}

/* Store one value into o; returns -1 to go on, or 2. */
static int store_value(pc_cli_opt *o, const char *v, const char *cmd)
{
	if (o->many != NULL) {
		if (o->count >= o->cap)
			return pc_cli_usage_error(cmd, "--%s given more than %zu times",
						  o->name, o->cap);
		o->many[o->count++] = v;
		o->value = v;
		return -1;
	}
	if (o->value != NULL)
		return pc_cli_usage_error(cmd, "--%s given twice", o->name);
	o->value = v;
	return -1;
}

/* Take the option at argv[*i]; returns -1 to go on, or 2. */
static int take_opt(int argc, char **argv, int *i, pc_cli_opt *o, size_t n,
		    const char *cmd)
{
	const char *a = argv[*i], *v;
	pc_cli_opt *opt = a[1] == '-' ? find_opt(o, n, a, &v) : NULL;

	if (opt == NULL)
		return pc_cli_usage_error(cmd, "unknown option %s", a);
	if (opt->flag) {
		if (v != NULL)
			return pc_cli_usage_error(cmd, "--%s takes no value", opt->name);
		return store_value(opt, "", cmd);
	}
	if (v == NULL && *i + 1 < argc)
		v = argv[++*i];
	if (v == NULL)
		return pc_cli_usage_error(cmd, "missing value for --%s", opt->name);
	return store_value(opt, v, cmd);
}

int pc_cli_opts(int argc, char **argv, pc_cli_opt *o, size_t n,
		pc_cli_pos *pos, size_t maxpos, const char *usage,
		const char *cmd)
{
	int i, rc, opts = 1;

	pos->n = 0;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (opts && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
			fputs(usage, stdout);
			return 0;
		}
		if (opts && strcmp(a, "--") == 0) {
			opts = 0;
		} else if (opts && a[0] == '-' && a[1] != '\0') {
			rc = take_opt(argc, argv, &i, o, n, cmd);
			if (rc >= 0)
				return rc;
		} else if (pos->n < maxpos && pos->n < 4) {
			pos->arg[pos->n++] = a;
		} else {
			return pc_cli_usage_error(cmd, "unexpected argument '%s'", a);
		}
	}
	return -1;
}

int pc_cli_opt_u64(const pc_cli_opt *o, const char *cmd, uint64_t max,
		   uint64_t *out)
{
	if (o == NULL || o->value == NULL)
		return -1;
	if (pc_cli_parse_u64(o->value, max, out) != 0)
		return pc_cli_usage_error(cmd, "bad value '%s' for --%s (0..%llu)",
					  o->value, o->name, (unsigned long long)max);
	return -1;
}

int pc_cli_opt_u32(const pc_cli_opt *o, const char *cmd, uint32_t max,
		   uint32_t *out)
{
	uint64_t v = 0;
	int rc = pc_cli_opt_u64(o, cmd, max, &v);

	if (rc < 0 && o != NULL && o->value != NULL)
		*out = (uint32_t)v;
	return rc;
}

int pc_cli_opt_time(const pc_cli_opt *o, const char *cmd, int64_t *out,
		    int *given)
{
	uint64_t v = 0;
	int rc = pc_cli_opt_u64(o, cmd, (uint64_t)1 << 62, &v);

	*given = rc < 0 && o != NULL && o->value != NULL;
	if (*given)
		*out = (int64_t)v;
	return rc;
}
