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
int pc_cli_keygen(int argc, char **argv);      /* cli/cmd_keys.c */
int pc_cli_token(int argc, char **argv);       /* cli/cmd_token.c */
int pc_cli_cert(int argc, char **argv);        /* cli/cmd_cert.c */
int pc_cli_revocation(int argc, char **argv);  /* cli/cmd_crl.c */
int pc_cli_code(int argc, char **argv);        /* cli/cmd_code.c */
int pc_cli_risk(int argc, char **argv);        /* cli/cmd_risk.c */
int pc_cli_bio(int argc, char **argv);         /* cli/cmd_bio.c */
int pc_cli_assert(int argc, char **argv);      /* cli/cmd_assert.c */

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

/* Write an 8-bit grayscale PNG of the symbol (scale 1..64 px per module, margin 0..64
 * modules of quiet zone) to f. Returns 0 or -1. */
int pc_cli_write_png(const pc_qr *qr, unsigned scale, unsigned margin, FILE *f);


/* MPM <-> JSON (cli/mpm_json.c), shared by `mpm` and the vector runner. */
struct cJSON;
/* The objects array of a decoded payload: [{"id","name","value"|"template"}]. */
struct cJSON *pc_cli_mpm_objects(const pc_mpm *m, size_t parent, int with_names);
/* The warnings array: [{"error","at","message"}]. */
struct cJSON *pc_cli_mpm_warnings(const pc_mpm *m);
/* Build a payload from an objects array (63 entries are skipped: the CRC is
 * recomputed). Returns PC_OK and the payload in out/out_len, or an error
 * with a message in msg. */
pc_err pc_cli_mpm_build(const struct cJSON *objects, pc_mpm_len_unit unit,
			char *out, size_t cap, size_t *out_len,
			char *msg, size_t msg_cap);

/* ---- journal and evidence (cli/cmd_journal.c, cli/cmd_evidence.c,
 * cli/journal_files.c; docs/FILES.md §8) ---------------------------------- */
int pc_cli_journal(int argc, char **argv);     /* cli/cmd_journal.c */
int pc_cli_evidence(int argc, char **argv);    /* cli/cmd_evidence.c */

/* A journal FILE as the POSIX port's folder and object name. 0, or 1
 * after printing the error. */
int pc_cli_journal_path(const char *path, char *dir, size_t dcap, char *name,
			size_t ncap);
/* The journal's public key file ("paycode-journal-pub"). 0 or 1. */
int pc_cli_journal_key_load(const char *path, pc_journal_key *k);
int pc_cli_journal_key_save(const char *path, const pc_journal_key *k, int force);
/* Keep a code text for evidence export: "SEQ CODE" appended durably to the
 * object NAME.codes next to the journal (codes that are not one line of
 * printable ASCII are not kept). 0 or 1. */
int pc_cli_codes_keep(const pc_platform *plat, const char *name, uint64_t seq,
		      const char *code, size_t len);
/* The code kept for seq in the file path: 1 found (out, *len), 0 none,
 * -1 after printing an error. */
int pc_cli_codes_find(const char *path, uint64_t seq, char *out, size_t cap,
		      size_t *len);
/* A record as a JSON object (NULL when out of memory). */
struct cJSON *pc_cli_journal_record_json(const pc_journal_record *r);

/* `code verify --journal FILE`: open (and lock) the journal before the
 * code is judged; NULL after printing the error. */
typedef struct pc_cli_journal_writer pc_cli_journal_writer;
pc_cli_journal_writer *pc_cli_journal_open(const char *path, int fixed, pc_time now);
/* Append the decision (outcome: NULL without risk hooks; txn may be NULL),
 * keep the code text, and for an APPROVE write a receipt to receipt_path
 * when it is not NULL. 0, or 1 after printing the error (the caller must
 * then not approve). */
int pc_cli_journal_decision(pc_cli_journal_writer *jr, const char *txn_id, pc_mode mode,
			    const pc_code_params *params, const pc_decision *d,
			    const pc_txn *txn, const pc_risk_outcome *outcome,
			    const char *code, size_t len, const char *receipt_path);
/* Unlock and free. Accepts NULL. */
void pc_cli_journal_close(pc_cli_journal_writer *jr);

#endif
