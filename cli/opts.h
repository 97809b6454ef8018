/*
 * paycode CLI: a small long-option parser shared by the key, certificate,
 * revocation, token and code subcommands (cli/opts.c).
 *
 * Options are "--name VALUE", "--name=VALUE" or a bare "--name" flag, in
 * any order and mixed with positional arguments; "--" ends the options and
 * "-" is a positional (stdin). Usage errors print one line,
 * "error: PC_ERR_INVALID_ARG: ... (see paycode CMD --help)", on stderr.
 */
#ifndef PAYCODE_CLI_OPTS_H
#define PAYCODE_CLI_OPTS_H

#include <stddef.h>
#include <stdint.h>

typedef struct pc_cli_opt {
	const char *name;   /* long name without "--" */
	int flag;           /* 1: takes no value */
	const char *value;  /* out: the value ("" for a flag); NULL when absent */
	const char **many;  /* non-NULL: repeatable, values collected here */
	size_t cap;         /* entries in many */
	size_t count;       /* out: values collected in many */
} pc_cli_opt;

/* Positional arguments found by pc_cli_opts(). */
typedef struct pc_cli_pos {
	const char *arg[4];
	size_t n;
} pc_cli_pos;

/*
 * Parse argv[1..argc) against the table o[0..n). "--help" (or "-h")
 * prints `usage` on stdout. `cmd` names the command in messages, e.g.
 * "keygen". At most `maxpos` (<= 4) positionals are accepted.
 * Returns -1 to go on, 0 after --help, 2 after a usage error.
 */
int pc_cli_opts(int argc, char **argv, pc_cli_opt *o, size_t n,
		pc_cli_pos *pos, size_t maxpos, const char *usage,
		const char *cmd);

/* The entry called `name` in o[0..n); NULL when there is none. */
pc_cli_opt *pc_cli_opt_get(pc_cli_opt *o, size_t n, const char *name);

/* Print a usage error for `cmd` and return 2. */
int pc_cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Parse a decimal number 0..max (no sign, no spaces). 0 or -1. */
int pc_cli_parse_u64(const char *s, uint64_t max, uint64_t *out);

/* Parse the decimal value of option `name` of `cmd` into *out when the
 * option is present (else *out is untouched). Returns -1 to go on, or 2
 * after printing a usage error. */
int pc_cli_opt_u64(const pc_cli_opt *o, const char *cmd, uint64_t max,
		   uint64_t *out);
int pc_cli_opt_u32(const pc_cli_opt *o, const char *cmd, uint32_t max,
		   uint32_t *out);

/* Parse --now: a Unix time 0..2^62. Returns -1 to go on, or 2. */
int pc_cli_opt_time(const pc_cli_opt *o, const char *cmd, int64_t *out,
		    int *given);

#endif
