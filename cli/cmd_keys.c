/* paycode keygen | cert | revocation (placeholder until implemented). */
#include "cli.h"

int pc_cli_keygen(int argc, char **argv) { (void)argc; (void)argv; fputs("paycode keygen: not available in this build\n", stderr); return 2; }
int pc_cli_cert(int argc, char **argv) { (void)argc; (void)argv; fputs("paycode cert: not available in this build\n", stderr); return 2; }
int pc_cli_revocation(int argc, char **argv) { (void)argc; (void)argv; fputs("paycode revocation: not available in this build\n", stderr); return 2; }
