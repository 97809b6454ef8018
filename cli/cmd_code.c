/* paycode code gen | verify (placeholder until implemented). */
#include "cli.h"

int pc_cli_code(int argc, char **argv) { (void)argc; (void)argv; fputs("paycode code: not available in this build\n", stderr); return 2; }
