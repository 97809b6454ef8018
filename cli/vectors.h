/*
 * paycode CLI: conformance vectors (vectors/README.md), shared between the
 * runner (cmd_vectors.c), the per-algorithm code (vectors_mpm.c,
 * vectors_otp.c, vectors_cpm.c, vectors_risk.c), the line protocol
 * (vectors_serve.c, vectors_harness.c) and the generator (vectors_gen*.c,
 * vectors_risk_gen*.c).
 *
 * Every algorithm is checked the same way, whoever implements it: an
 * implementation turns a test's inputs into an answer object, and the
 * algorithm's check() compares that answer with the test's expectations.
 * paycode's own implementation is eval(); another program answers through
 * the harness protocol. So `vectors run` and `vectors run --impl` differ only
 * in where the answers come from.
 */
#ifndef PAYCODE_CLI_VECTORS_H
#define PAYCODE_CLI_VECTORS_H

#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>

#include "cli.h"

/* One (algorithm, group type) pair the runner knows. */
typedef struct pc_vec_alg {
	const char *algorithm;   /* top-level "algorithm" */
	const char *group_type;  /* the group's "type" */
	/* Test fields that are expected outputs: never sent to an
	 * implementation ("flags" and "result" are never sent either). */
	const char *const *outputs;
	/* paycode's state for one group (NULL with why on error). */
	void *(*begin)(const cJSON *group, char *why, size_t n);
	/* paycode's answer to one test: a new object the caller deletes. */
	cJSON *(*eval)(void *state, const cJSON *group, const cJSON *test);
	/* Compare an answer with the test: 1 pass, 0 fail (why filled). */
	int (*check)(const cJSON *test, const cJSON *answer, char *why, size_t n);
	void (*end)(void *state);
} pc_vec_alg;

extern const pc_vec_alg pc_vec_mpm, pc_vec_crc16;       /* vectors_mpm.c */
extern const pc_vec_alg pc_vec_hotp, pc_vec_totp;       /* vectors_otp.c */
extern const pc_vec_alg pc_vec_validate;                /* vectors_cpm.c */
extern const pc_vec_alg pc_vec_risk_level, pc_vec_risk_seq; /* vectors_risk.c */
extern const pc_vec_alg pc_vec_evidence, pc_vec_journal; /* vectors_evidence.c */
extern const pc_vec_alg pc_vec_bio_open, pc_vec_bio_seal; /* vectors_bio_seal.c */
/* Sealed-template samples as the vectors write them (vectors_bio_seal.c). */
struct pc_bio_template;
cJSON *pc_vec_bio_samples(const struct pc_bio_template *t, size_t n);
extern const pc_vec_alg pc_vec_bio_check, pc_vec_bio_seq, pc_vec_bio_record; /* vectors_bio.c */
extern const pc_vec_alg pc_vec_assertion;               /* vectors_assert.c */
extern const pc_vec_alg pc_vec_bio_template, pc_vec_bio_xyt; /* vectors_bio_tmpl.c */

/* The algorithm for a file's "algorithm" and a group's "type", or NULL. */
const pc_vec_alg *pc_vec_find(const char *algorithm, const char *group_type);

/* begin()/end() for algorithms without state: the state is the group. */
void *pc_vec_no_state(const cJSON *group, char *why, size_t n);
void pc_vec_no_end(void *state);

/* ---- JSON helpers (vectors_util.c) -------------------------------------- */

/* The string member k of o, or NULL. */
const char *pc_vec_str(const cJSON *o, const char *k);
/* The integral number member k of o (|v| < 2^53): 0, or -1 if absent. */
int pc_vec_int(const cJSON *o, const char *k, int64_t *out);
/* Lowercase hex of exactly the expected length into out: 0 or -1. */
int pc_vec_unhex(const char *hex, uint8_t *out, size_t len);
/* Lowercase hex of p[0..n) into out (2n + 1 bytes). */
void pc_vec_hex(const uint8_t *p, size_t n, char *out);
/* Add a hex string member. Returns the new item or NULL. */
cJSON *pc_vec_add_hex(cJSON *o, const char *k, const uint8_t *p, size_t n);
/* An answer {"result": "unsupported"} (the test is skipped). */
cJSON *pc_vec_unsupported(void);
/* True when an answer says the implementation does not support the test. */
int pc_vec_is_unsupported(const cJSON *answer);

/* The group's parameters: a copy without "tests". */
cJSON *pc_vec_group_params(const cJSON *group);
/* The test's inputs: a copy without "flags", "result" and a->outputs. */
cJSON *pc_vec_test_inputs(const pc_vec_alg *a, const cJSON *test);

/* Write root as Python's json.dump(indent=2, ensure_ascii=False) does, plus
 * a final newline (vectors_json.c). 0 or -1. */
int pc_vec_write_json(const char *path, const cJSON *root);

/* ---- line protocol ------------------------------------------------------- */

/* paycode as an implementation: answer requests on in, one line each, on
 * out, until EOF (vectors_serve.c). Returns the exit status. */
int pc_vec_serve(FILE *in, FILE *out);

/* Another implementation, started with /bin/sh -c (vectors_harness.c). */
typedef struct pc_vec_impl pc_vec_impl;
/* Start cmd; NULL on failure. timeout: seconds to wait for each answer. */
pc_vec_impl *pc_vec_impl_start(const char *cmd, unsigned timeout);
/* Send one request line and read one answer line: the parsed answer, or
 * NULL with why (not JSON, no answer in time, the program has ended). */
cJSON *pc_vec_impl_ask(pc_vec_impl *im, const cJSON *req, char *why, size_t n);
/* Close its stdin, wait for it (killing it if it lingers), free im.
 * Returns its exit status (128 + signal when killed by one), 0 for NULL
 * or when it had stopped answering (that has failed tests already). */
int pc_vec_impl_stop(pc_vec_impl *im);

/* ---- generator (vectors_gen.c) ------------------------------------------- */

/* Write otp.json, cpm-*.json and risk-*.json into dir. Returns the exit
 * status. */
int pc_vec_gen(const char *dir);

#endif
