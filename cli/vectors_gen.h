/*
 * paycode CLI: the vector generator's internals (vectors_gen*.c).
 *
 * The generator builds codes with paycode's own wallet on a deterministic
 * platform (fixed keys, a settable clock, an rng that is a SHA-256 counter
 * stream, a key store holding one fixed device key), then edits the bytes
 * to make the negative cases. Every expected decision is written here by
 * hand from SPEC §3, never computed by the validator: `vectors run` is the
 * check that paycode agrees.
 */
#ifndef PAYCODE_CLI_VECTORS_GEN_H
#define PAYCODE_CLI_VECTORS_GEN_H

#include <paycode/code.h>

#include "vectors.h"

#define PC_GEN_VERSION "paycode vectors gen 1"
#define PC_GEN_NOW ((pc_time)1800000000)   /* 2027-01-15T08:00:00Z */

/* Key IDs, tokens and aliases of the fixture. */
#define PC_GEN_ROOT1 1u
#define PC_GEN_ROOT2 2u
#define PC_GEN_MK 7u          /* the master key of every token */
#define PC_GEN_MK_OTHER 9u    /* a second, known master key */
#define PC_GEN_MK_UNKNOWN 8u  /* never given to validators */
#define PC_GEN_TOKEN1 0x0102030405060708ull
#define PC_GEN_TOKEN2 0x1112131415161718ull
#define PC_GEN_TOKEN3 0x2122232425262728ull
#define PC_GEN_ALIAS1 1234567u
#define PC_GEN_ALIAS2 42u
#define PC_GEN_ALIAS3 7000001u /* mapped to PC_GEN_MK_UNKNOWN */

/* ---- the file being built (vectors_gen.c) -------------------------------- */

typedef struct pc_gen {
	cJSON *groups;
	int tc;
	size_t nused;
	const char *used[48];  /* flag names used, to write "notes" */
	int bad;               /* a flag without a note, or out of memory */
} pc_gen;

void pc_gen_init(pc_gen *f);
/* A new group {"type": type}; add parameters, then tests. */
cJSON *pc_gen_group(pc_gen *f, const char *type);
/* A new test {"tcId", "comment", "flags"} appended to the group's tests;
 * flags is a space-separated list of note names ("" for none). */
cJSON *pc_gen_test(pc_gen *f, cJSON *g, const char *comment, const char *flags);
/* A CodeValidate test: inputs, expected decision and reason, result. */
void pc_gen_case(pc_gen *f, cJSON *g, const char *flags, const char *mode, pc_time now,
		 const char *code, const char *expect, const char *comment);
/* The whole file; NULL when f->bad. Consumes f->groups. The header is
 * the lines of head, then those of tail (NULL-terminated; tail may be NULL). */
cJSON *pc_gen_finish(pc_gen *f, const char *algorithm, const char *schema,
		     const char *const *head, const char *const *tail);
/* The header lines shared by the three code files. */
extern const char *const pc_gen_code_header[];

/* ---- fixture (vectors_gen_fix.c) ----------------------------------------- */

typedef struct pc_gen_key {
	uint8_t priv[32];
	uint8_t pub[65];
} pc_gen_key;

typedef struct pc_gen_fix {
	pc_platform plat;
	pc_time now;
	uint64_t rng_blocks;
	pc_gen_key root1, root2, dev1, dev2;
	uint8_t master[PC_KEY_LEN], master_other[PC_KEY_LEN], master_wrong[PC_KEY_LEN];
} pc_gen_fix;

/* The fixture, derived on first use from fixed labels; NULL on failure. */
pc_gen_fix *pc_gen_fixture(void);

/* Big-endian v in len bytes at p. */
void pc_gen_put_be(uint8_t *p, uint64_t v, unsigned len);
/* The token key of a token under master key mkid. */
void pc_gen_token_key(const uint8_t master[PC_KEY_LEN], uint32_t mkid, uint64_t token,
		      uint8_t out[PC_KEY_LEN]);
/* A wallet for the token (params NULL: defaults), counter 0. */
int pc_gen_wallet(pc_wallet *w, const pc_code_params *p, const uint8_t master[PC_KEY_LEN],
		  uint32_t mkid, uint64_t token, uint32_t alias);
/* A certificate signed by root (key ID root_id), encoded into out. */
int pc_gen_cert(uint8_t out[PC_CERT_LEN], const pc_gen_key *root, uint32_t root_id,
		uint64_t serial, uint64_t token, uint32_t alias, pc_time nb, pc_time na,
		uint8_t flags, const pc_gen_key *device);
/* The default certificate of device dev (dev1 or dev2) for the wallet's
 * token: serial, root 1, valid from a day before PC_GEN_NOW to a year
 * after, offline and biometric flags; given to the wallet with the key
 * store ID of dev (1 or 2). */
int pc_gen_device(pc_wallet *w, const pc_gen_key *dev, uint64_t serial);
/* The numeric code at time t. */
int pc_gen_numeric(pc_wallet *w, pc_time t, char out[PC_NUMERIC_LEN + 1]);

/* A QR code's binary payload, for editing. */
#define PC_GEN_TEXT 640u
typedef struct pc_gen_bin {
	uint8_t b[480];
	size_t n;
} pc_gen_bin;

/* A QR code (form) at time t, as bytes. */
int pc_gen_qr(pc_wallet *w, pc_form form, pc_time t, pc_gen_bin *out);
/* base64 text of the bytes. */
const char *pc_gen_text(const pc_gen_bin *b, char out[PC_GEN_TEXT]);

/* Offsets inside template 63's value (SPEC §3.3.1, the layout table). */
enum pc_gen_field {
	PC_GEN_F_SUITE = 3, PC_GEN_F_KEYID = 7, PC_GEN_F_TOKEN = 14, PC_GEN_F_TIME = 25,
	PC_GEN_F_COUNTER = 36, PC_GEN_F_FLAGS = 43, PC_GEN_F_UN = 47, PC_GEN_F_CID = 54,
	PC_GEN_F_MAC_TAG = 55, PC_GEN_F_MAC = 58, PC_GEN_F_CERT = 70,
	PC_GEN_F_SIG_TAG = 243, PC_GEN_F_SIG = 246
};
/* Offsets inside the certificate (SPEC §4.3). */
enum pc_gen_cert_field {
	PC_GEN_C_VERSION = 0, PC_GEN_C_SUITE = 1, PC_GEN_C_ISSUER = 2, PC_GEN_C_SERIAL = 6,
	PC_GEN_C_TOKEN = 14, PC_GEN_C_ALIAS = 22, PC_GEN_C_NB = 26, PC_GEN_C_NA = 34,
	PC_GEN_C_RISK = 42, PC_GEN_C_FLAGS = 43, PC_GEN_C_PUB = 44, PC_GEN_C_SIG = 109
};
/* Payload offset of a field of template 63 (online or offline layout). */
size_t pc_gen_at(const pc_gen_bin *b, unsigned field);
/* Payload offset of a certificate field (offline layout). */
size_t pc_gen_cert_at(unsigned field);

/* Edits (vectors_gen_edit.c). */
void pc_gen_put(pc_gen_bin *b, size_t at, uint64_t v, unsigned len); /* big-endian */
/* pc_gen_put(), or with len 0: XOR the byte at `at` with v. */
void pc_gen_edit(pc_gen_bin *b, size_t at, uint64_t v, unsigned len);
void pc_gen_insert(pc_gen_bin *b, size_t at, const void *p, size_t n);
void pc_gen_delete(pc_gen_bin *b, size_t at, size_t n);
/* Recompute the MAC with the token key (SPEC §3.3.2). */
void pc_gen_remac(pc_gen_bin *b, const uint8_t tok[PC_KEY_LEN]);
/* Recompute the device signature with dev (SPEC §3.3.3). */
void pc_gen_resign(pc_gen_bin *b, const pc_gen_key *dev);
/* x := n - x for a 32-byte big-endian scalar x (n: the P-256 order). */
void pc_gen_neg(uint8_t x[32]);
/* The P-256 group order n, big-endian. */
extern const uint8_t pc_gen_order[32];

/* ---- the files ------------------------------------------------------------ */

cJSON *pc_gen_otp_file(void);       /* vectors_gen_otp.c */
cJSON *pc_gen_numeric_file(void);   /* vectors_gen_numeric.c */
cJSON *pc_gen_online_file(void);    /* vectors_gen_online.c */
cJSON *pc_gen_offline_file(void);   /* vectors_gen_offline.c */
cJSON *pc_gen_risk_levels_file(void); /* vectors_risk_gen.c */
cJSON *pc_gen_risk_seq_file(void);    /* vectors_risk_gen.c, vectors_risk_gen_seq.c */
cJSON *pc_gen_bio_sealed_file(void);  /* vectors_gen_bio_seal.c */
cJSON *pc_gen_bio_policy_file(void);  /* vectors_bio_gen.c */
cJSON *pc_gen_assert_file(void);      /* vectors_gen_assert.c */
cJSON *pc_gen_bio_file(void);         /* vectors_gen_bio.c */
/* An offline group (defaults, one root, master key 7, privateKeys). */
cJSON *pc_gen_offline_group(pc_gen *f, uint32_t root_id, const pc_gen_key *root);
/* The offline file's trust groups (vectors_gen_trust.c). */
void pc_gen_trust(pc_gen *f);

/* evidence-bundles.json and evidence-journals.json (vectors_gen_evidence.c):
 * 0 with both files built (NULL when one failed), -1 when the platform
 * could not be set up. */
int pc_gen_evidence_files(cJSON **bundles, cJSON **journals);

/* Group parameters shared by the code files (vectors_gen_edit.c). */
void pc_gen_params(cJSON *g, const pc_code_params *p);
void pc_gen_add_root(cJSON *g, uint32_t id, const pc_gen_key *k);
void pc_gen_add_master(cJSON *g, uint32_t id, const uint8_t key[PC_KEY_LEN]);
void pc_gen_add_alias(cJSON *g, uint32_t alias, uint64_t token, uint32_t mkid);

#endif
