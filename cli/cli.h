/* paycode CLI: shared declarations between the subcommand files. */
#ifndef PAYCODE_CLI_H
#define PAYCODE_CLI_H

#include <stdio.h>
#include <stddef.h>
#include <paycode/paycode.h>

/* Each subcommand gets argv after the command word(s): argv[0] is the
 * subcommand name. Returns the process exit status (0 ok, 1 invalid input
 * or failed check, 2 usage error). */
int pc_cli_mpm(int argc, char **argv);
int pc_cli_qr(int argc, char **argv);
int pc_cli_vectors(int argc, char **argv);

/* Print "error: NAME: message" to stderr and return 1. */
int pc_cli_fail(pc_err err, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Read a whole argument: the text itself, or stdin when arg is "-".
 * Trailing CR/LF is removed. *out is malloc'd; returns 0 or -1. */
int pc_cli_read_arg(const char *arg, char **out, size_t *len);

/* Read a whole file ("-" is stdin). *out is malloc'd and NUL-terminated. */
int pc_cli_read_file(const char *path, char **out, size_t *len);

/* Write an 8-bit grayscale PNG of the symbol (scale px per module, margin
 * modules of quiet zone) to f. Returns 0 or -1. */
int pc_cli_write_png(const pc_qr *qr, unsigned scale, unsigned margin, FILE *f);

#endif
