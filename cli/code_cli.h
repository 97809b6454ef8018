/*
 * paycode CLI: declarations shared by the `code` subcommand files
 * (cli/cmd_code.c, cli/code_verify.c, cli/qr_text.c).
 */
#ifndef PAYCODE_CLI_CODE_CLI_H
#define PAYCODE_CLI_CODE_CLI_H

#include <stdio.h>
#include <paycode/qr.h>
#include <paycode/code.h>

/* `paycode code verify`: argv[0] is "verify"; usage is the shared help
 * text. Returns the exit status (0 APPROVE, 1 otherwise, 2 usage). */
int pc_cli_code_verify(int argc, char **argv, const char *usage);

/* Trust every root file of a comma-separated list; install a revocation
 * list file (it must verify against a trusted root). Shared with `assert
 * verify`. 0, or 1 after printing the error. */
int pc_cli_add_roots(pc_validator *v, const char *list);
int pc_cli_add_crl(pc_validator *v, const char *path);

/* Draw a symbol as SVG (svg != 0) or terminal text into f: a size-only
 * pass, then the drawing. Returns 0, or 1 (nothing printed). */
int pc_cli_qr_text(const pc_qr *qr, int svg, FILE *f);

#endif
