/*
 * paycode: consumer-presented dynamic payment codes (docs/SPEC.md §3, §4).
 *
 * Three forms, all dynamic, short-lived and single-use:
 *   numeric     18 digits for 1-D scanners and manual entry, validated
 *               online: prefix(2) alias(7) step digit(1) TOTP(8);
 *   qr-online   an EMV CPM container (base64 BER-TLV, "CPV01") carrying
 *               token, time, counter and an HMAC-SHA-256 cryptogram;
 *   qr-offline  qr-online plus the device certificate and a device
 *               signature, verifiable by a terminal holding only the
 *               provider root public keys.
 *
 * Keys: provider roots (ECDSA P-256, with key IDs, several active), a
 * provider master key per master key ID from which each token's OTP key is
 * derived with HKDF, and a device key pair in the platform key store.
 *
 * Every context is caller-allocated, holds no pointer into caller memory
 * except its platform/store tables (which must outlive it), and is wiped
 * with its _wipe function. No heap. A context is not thread-safe; separate
 * contexts may be used concurrently. Nothing here is ISR-safe.
 */
#ifndef PAYCODE_CODE_H
#define PAYCODE_CODE_H

#include "types.h"
#include "err.h"
#include "platform.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Suite 1: ECDSA P-256 + SHA-256, HMAC-SHA-256, HKDF-SHA-256. */
#define PC_SUITE_1 1u

/** Length of a token OTP key and of a provider master key. */
#define PC_KEY_LEN 32u

/* ---- OTP (RFC 4226 / RFC 6238) ----------------------------------------- */

typedef enum pc_otp_alg {
	PC_OTP_SHA1 = 1,   /* RFC 4226 HOTP, interoperability only */
	PC_OTP_SHA256 = 2  /* RFC 6238 TOTP mode used by the numeric form */
} pc_otp_alg;

/**
 * HOTP value (RFC 4226 §5.3 dynamic truncation) of `counter`, reduced to
 * `digits` decimal digits; TOTP (RFC 6238 §4) is this with counter = T.
 * @param digits  6..9.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_CRYPTO.
 * Constant-time in the key and the result.
 */
PC_MUST_CHECK pc_err pc_hotp(pc_otp_alg alg, const uint8_t *key, size_t klen,
			     uint64_t counter, unsigned digits, uint32_t *otp);

/**
 * Derive a token's OTP key from a provider master key (SPEC §4.2):
 * HKDF-SHA-256(salt "paycode/v1/token-key", IKM master,
 *              info master_key_id(4, BE) || token_id(8, BE)), 32 bytes.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_CRYPTO.
 */
PC_MUST_CHECK pc_err pc_token_key(const uint8_t master[PC_KEY_LEN],
				  uint32_t master_key_id, uint64_t token_id,
				  uint8_t out[PC_KEY_LEN]);

/* ---- risk levels (PBOC 296号, cn-payment-rules PC-01) ----------------- */

typedef enum pc_risk_level {
	PC_RISK_A = 0, PC_RISK_B = 1, PC_RISK_C = 2, PC_RISK_D = 3
} pc_risk_level;

/* ---- device certificate (SPEC §4.3) ------------------------------------- */

/** Encoded size of a device certificate. */
#define PC_CERT_LEN 173u
/** Certificate flag: the device may present offline codes. */
#define PC_CERT_F_OFFLINE 0x01u
/** Certificate flag: the device verifies its user biometrically. */
#define PC_CERT_F_BIOMETRIC 0x02u

typedef struct pc_cert {
	uint8_t suite;            /* PC_SUITE_1 */
	uint32_t issuer_key_id;   /* root that signed it */
	uint64_t serial;
	uint64_t token_id;
	uint32_t alias;           /* numeric alias, 0 .. 9,999,999 */
	pc_time not_before;
	pc_time not_after;
	uint8_t max_risk;         /* pc_risk_level */
	uint8_t flags;            /* PC_CERT_F_* */
	uint8_t pub[65];          /* device public key, SEC1 uncompressed */
	uint8_t sig[64];          /* issuer signature r || s */
} pc_cert;

/**
 * Sign a certificate with a root private key (RFC 6979, deterministic):
 * fills c->sig over SHA-256("paycode/v1/cert" || 0x00 || first 109 bytes).
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_BAD_KEY, PC_ERR_CRYPTO.
 */
PC_MUST_CHECK pc_err pc_cert_sign(pc_cert *c, const uint8_t root_priv[32]);

/** Encode into exactly PC_CERT_LEN bytes. @return PC_OK, PC_ERR_INVALID_ARG. */
PC_MUST_CHECK pc_err pc_cert_encode(const pc_cert *c, uint8_t out[PC_CERT_LEN]);

/**
 * Decode PC_CERT_LEN bytes (syntax only; see pc_cert_verify()).
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_CERT_FORMAT (length, version,
 *   suite, alias range, risk level, validity order, public key encoding).
 */
PC_MUST_CHECK pc_err pc_cert_decode(pc_cert *c, const uint8_t *in, size_t len);

/**
 * Verify the issuer signature with the root public key.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_BAD_KEY, PC_ERR_VERIFY.
 */
PC_MUST_CHECK pc_err pc_cert_verify(const pc_cert *c, const uint8_t root_pub[65]);

/* ---- revocation list (SPEC §4.4) ---------------------------------------- */

/** Encoded size of a revocation list with n serials. */
#define PC_CRL_LEN(n) (32u + 8u * (n) + 64u)

typedef struct pc_crl {
	uint8_t suite;
	uint32_t issuer_key_id;
	uint64_t number;          /* strictly increasing per issuer */
	pc_time this_update;
	pc_time next_update;
	uint16_t count;
	uint64_t serial[PC_CRL_MAX]; /* strictly ascending */
	uint8_t sig[64];
} pc_crl;

/** Sign (fills sig). Serials must be strictly ascending. */
PC_MUST_CHECK pc_err pc_crl_sign(pc_crl *l, const uint8_t root_priv[32]);
/** Encode into out[0..cap); *out_len = PC_CRL_LEN(count). */
PC_MUST_CHECK pc_err pc_crl_encode(const pc_crl *l, uint8_t *out, size_t cap,
				   size_t *out_len);
/** Decode (syntax: version, suite, count <= PC_CRL_MAX, order, length). */
PC_MUST_CHECK pc_err pc_crl_decode(pc_crl *l, const uint8_t *in, size_t len);
/** Verify the signature. @return PC_OK, PC_ERR_VERIFY, PC_ERR_BAD_KEY. */
PC_MUST_CHECK pc_err pc_crl_verify(const pc_crl *l, const uint8_t root_pub[65]);
/** True when serial is listed (binary search). */
bool pc_crl_contains(const pc_crl *l, uint64_t serial);

/* ---- parameters shared by wallets and validators ------------------------ */

typedef struct pc_code_params {
	uint32_t ttl;     /* seconds a code stays valid; default 60 */
	uint32_t skew;    /* clock-skew tolerance in seconds; default 30 */
	uint32_t step;    /* numeric-form time step in seconds; default 15 */
	char prefix[3];   /* numeric-form scheme prefix, 2 digits; default "97" */
} pc_code_params;

/** Fill the defaults above. */
void pc_code_params_default(pc_code_params *p);

/**
 * Check parameters: ttl 10..600, skew 0..300, step 5..ttl, prefix two
 * digits outside the ranges used by WeChat Pay (10-15), Alipay (25-30),
 * UnionPay (62) and other acquirer codes (31, 56, 81, 82), and
 * (ttl + 2 * skew) / step + 1 <= 10 so the step digit is unambiguous.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_CONFIG.
 */
PC_MUST_CHECK pc_err pc_code_params_check(const pc_code_params *p);

/* ---- forms ---------------------------------------------------------------- */

typedef enum pc_form {
	PC_FORM_NUMERIC = 1,
	PC_FORM_QR_ONLINE = 2,
	PC_FORM_QR_OFFLINE = 3
} pc_form;

/** Numeric code length in digits. */
#define PC_NUMERIC_LEN 18u
/** Largest QR code text (base64) produced by a wallet. */
#define PC_QR_CODE_MAX_LEN 512u

/** Code flags carried in QR forms (DF06). */
#define PC_CODE_F_UV_BIOMETRIC 0x01u /* user verified biometrically on device */
#define PC_CODE_F_UV_PIN       0x02u /* user verified with a device PIN */

/** Name of a form: "numeric", "qr-online", "qr-offline"; "?" otherwise. */
const char *pc_form_name(pc_form f);

/* ---- wallet (code generation) --------------------------------------------- */

typedef struct pc_wallet {
	const pc_platform *plat;
	pc_code_params params;
	uint8_t otp_key[PC_KEY_LEN];
	uint32_t master_key_id;
	uint64_t token_id;
	uint32_t alias;
	uint32_t device_key_id;
	uint8_t cert[PC_CERT_LEN];
	uint8_t has_cert;
	uint32_t counter;
} pc_wallet;

/**
 * Set a wallet up for one token.
 * @param plat     rng, time and (for offline codes) key store; retained.
 * @param params   NULL for defaults; copied.
 * @param otp_key  the token's key (pc_token_key()); copied, wiped by _wipe.
 * @param counter  next counter value (the caller persists it: see
 *                 pc_wallet_counter()).
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_CONFIG.
 */
PC_MUST_CHECK pc_err pc_wallet_init(pc_wallet *w, const pc_platform *plat,
				    const pc_code_params *params,
				    const uint8_t otp_key[PC_KEY_LEN],
				    uint32_t master_key_id, uint64_t token_id,
				    uint32_t alias, uint32_t counter);

/**
 * Give the wallet its device key (an ID in the platform key store) and its
 * certificate, enabling qr-offline codes. The certificate's token ID and
 * alias must match the wallet's.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_CERT_FORMAT.
 */
PC_MUST_CHECK pc_err pc_wallet_set_device(pc_wallet *w, uint32_t device_key_id,
					  const uint8_t cert[PC_CERT_LEN]);

/** The next counter value, to persist before showing a code. */
uint32_t pc_wallet_counter(const pc_wallet *w);

/**
 * Generate an 18-digit numeric code for the current time step, NUL-
 * terminated. The same step always gives the same code.
 * @param out  PC_NUMERIC_LEN + 1 bytes.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_TIME_UNKNOWN, PC_ERR_CRYPTO.
 */
PC_MUST_CHECK pc_err pc_wallet_numeric(pc_wallet *w, char out[PC_NUMERIC_LEN + 1]);

/**
 * Generate a QR-form code (base64 text, not NUL-terminated) and advance
 * the counter.
 * @param form     PC_FORM_QR_ONLINE or PC_FORM_QR_OFFLINE.
 * @param flags    PC_CODE_F_* user-verification result to bind.
 * @param out      cap writable bytes (PC_QR_CODE_MAX_LEN always suffices).
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_TIME_UNKNOWN, PC_ERR_RNG,
 *   PC_ERR_UNSUPPORTED (offline without device), PC_ERR_BUFFER_TOO_SMALL,
 *   PC_ERR_KEYSTORE, PC_ERR_CRYPTO.
 */
PC_MUST_CHECK pc_err pc_wallet_qr(pc_wallet *w, pc_form form, uint8_t flags,
				  char *out, size_t cap, size_t *out_len);

/** Zeroise the wallet (accepts NULL). */
void pc_wallet_wipe(pc_wallet *w);

/* ---- replay store --------------------------------------------------------- */

/** Length of a replay key (SPEC §3.6). */
#define PC_REPLAY_KEY_LEN 16u

/**
 * The state store shared by validators and risk hooks: replay sets and
 * limit counters. Both operations are atomic with respect to every other
 * user of the same store (one process, or a fleet sharing a Redis server).
 *
 * consume(): record `key` until `expires` and return PC_OK when it was
 *   absent (or expired at `now`); PC_ERR_REPLAYED when present.
 * add_within(): add `amount` to the counter `key` when the new total stays
 *   <= `limit`, keeping the counter until `expires`, and return PC_OK with
 *   the new total in *total; otherwise add nothing and return PC_ERR_LIMIT
 *   with the current total. A counter absent or expired at `now` is 0.
 *   May be NULL in a store that only does replay.
 *
 * Any other result is a fault (PC_ERR_STORE_UNAVAILABLE, ..._REPLY,
 * PC_ERR_CAPACITY, PC_ERR_STORAGE): callers fail closed, never approve,
 * and never undo a consume. The table must outlive its users.
 */
typedef struct pc_store {
	void *ctx;
	pc_err (*consume)(void *ctx, const uint8_t key[PC_REPLAY_KEY_LEN],
			  pc_time expires, pc_time now);
	pc_err (*add_within)(void *ctx, const uint8_t key[PC_REPLAY_KEY_LEN],
			     int64_t amount, int64_t limit, pc_time expires,
			     pc_time now, int64_t *total);
} pc_store;

/** The in-memory store: a fixed table, no heap. */
typedef struct pc_memstore {
	struct {
		uint8_t key[PC_REPLAY_KEY_LEN];
		pc_time expires;
		int64_t value;   /* counters; 0 for replay keys */
		uint8_t counter; /* 1: a counter, 0: a replay key */
	} slot[PC_MEMSTORE_SLOTS];
	const pc_platform *plat; /* for the mutex hooks; may be NULL */
} pc_memstore;

/**
 * Initialise an in-memory store (replay keys and counters share the table)
 * and fill `store` to use it. Thread-safe through the platform mutex hooks
 * when plat provides them. Both operations return PC_ERR_CAPACITY (a
 * fault) when every slot holds an unexpired entry.
 */
void pc_memstore_init(pc_memstore *ms, const pc_platform *plat, pc_store *store);

/* ---- validation ----------------------------------------------------------- */

typedef enum pc_mode {
	PC_MODE_TERMINAL = 1, /* offline: qr-offline only, others refer online */
	PC_MODE_PROVIDER = 2  /* online: every form */
} pc_mode;

typedef enum pc_verdict {
	PC_APPROVE = 0,
	PC_DECLINE = 1,
	PC_STEP_UP = 2,
	PC_REFER_ONLINE = 3
} pc_verdict;

/** Machine-readable reason codes; values are part of the ABI (SPEC §3.7). */
typedef enum pc_reason {
	PC_R_OK = 0,
	PC_R_MALFORMED = 1,        /* not a well-formed code of any form */
	PC_R_SUITE = 2,            /* unknown or unsupported suite */
	PC_R_UNKNOWN_KEY = 3,      /* unknown root or master key ID */
	PC_R_UNKNOWN_TOKEN = 4,    /* alias or token not known to the provider */
	PC_R_CRYPTO = 5,           /* MAC, OTP or a signature does not verify */
	PC_R_CERT_INVALID = 6,     /* certificate outside validity or not for offline use */
	PC_R_EXPIRED = 7,          /* older than ttl + skew */
	PC_R_NOT_YET_VALID = 8,    /* from more than skew in the future */
	PC_R_REVOKED = 9,          /* certificate serial is revoked */
	PC_R_REPLAYED = 10,        /* already consumed */
	PC_R_ONLINE_REQUIRED = 11, /* terminal got an online-only form */
	PC_R_TIME_UNKNOWN = 12,    /* the validator cannot tell the time */
	PC_R_STORE_FAULT = 13,     /* the replay store failed: fail closed */
	PC_R_CRL_STALE = 14        /* revocation list past its next update */
} pc_reason;

/** "APPROVE", "DECLINE", "STEP_UP", "REFER_ONLINE". */
const char *pc_verdict_name(pc_verdict v);
/** e.g. "REPLAYED"; "UNKNOWN" for values outside the enum. */
const char *pc_reason_name(pc_reason r);

/** A provider root public key. */
typedef struct pc_root {
	uint32_t key_id;
	uint8_t pub[65];
} pc_root;


/**
 * Provider callbacks (provider mode only).
 * master_key: copy the master key `id` into out; PC_ERR_NOT_FOUND if none.
 * lookup_alias: map a numeric alias to (token ID, master key ID);
 *   PC_ERR_NOT_FOUND if the alias is not assigned now.
 * token_key (optional, may be NULL): copy the token key of (master key ID,
 *   token ID) into out, e.g. from a cache of pc_token_key() results; when
 *   present it replaces the per-validation HKDF derivation from
 *   master_key, which costs two HMACs. PC_ERR_NOT_FOUND if unknown.
 * All hooks are called with the validator's thread; keys written to out
 * are wiped by the library after use.
 */
typedef struct pc_provider_hooks {
	void *ctx;
	pc_err (*master_key)(void *ctx, uint32_t id, uint8_t out[PC_KEY_LEN]);
	pc_err (*lookup_alias)(void *ctx, uint32_t alias, uint64_t *token_id,
			       uint32_t *master_key_id);
	pc_err (*token_key)(void *ctx, uint32_t master_key_id, uint64_t token_id,
			    uint8_t out[PC_KEY_LEN]);
} pc_provider_hooks;

typedef struct pc_validator {
	const pc_platform *plat;
	const pc_store *store;
	const pc_provider_hooks *hooks;
	pc_mode mode;
	pc_code_params params;
	uint8_t nroots;
	pc_root roots[PC_MAX_ROOTS];
	uint8_t has_crl;
	pc_crl crl;
	uint8_t cache_next;
	struct {
		uint8_t digest[32]; /* SHA-256 of a verified certificate */
		uint8_t used;
	} cache[PC_CERT_CACHE];
} pc_validator;

/**
 * Set a validator up.
 * @param plat    time (required); retained.
 * @param store   the replay store; retained.
 * @param hooks   provider callbacks; required in provider mode, else NULL.
 * @param params  NULL for defaults; copied.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_CONFIG.
 */
PC_MUST_CHECK pc_err pc_validator_init(pc_validator *v, pc_mode mode,
				       const pc_platform *plat,
				       const pc_store *store,
				       const pc_provider_hooks *hooks,
				       const pc_code_params *params);

/**
 * Trust a provider root. Several may be active (rotation).
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_BAD_KEY, PC_ERR_CAPACITY.
 */
PC_MUST_CHECK pc_err pc_validator_add_root(pc_validator *v, uint32_t key_id,
					   const uint8_t pub[65]);

/**
 * Install a revocation list after verifying it against its issuer root.
 * A list whose number is not greater than the installed one is refused.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_CRL_FORMAT, PC_ERR_NOT_FOUND
 *   (unknown issuer), PC_ERR_VERIFY, PC_ERR_STALE.
 */
PC_MUST_CHECK pc_err pc_validator_set_crl(pc_validator *v, const uint8_t *crl,
					  size_t len);

/** The outcome of one validation. */
typedef struct pc_decision {
	pc_verdict verdict;
	pc_reason reason;
	pc_form form;           /* 0 when the form could not be told */
	uint64_t token_id;      /* when known */
	uint64_t cert_serial;   /* offline form */
	uint32_t counter;       /* QR forms */
	pc_time gen_time;       /* time the code states (numeric: step start) */
	uint8_t flags;          /* PC_CODE_F_* */
	uint8_t consumed;       /* 1 when this call consumed the code */
	uint8_t cert_flags;     /* offline form: the certificate's PC_CERT_F_* */
	uint8_t digest[32];     /* SHA-256 of the code text, for journals */
} pc_decision;

/**
 * Run the validation pipeline on a code (SPEC §3.7): parse -> suite and key
 * lookup -> cryptographic check (constant-time) -> time window ->
 * revocation -> replay consume -> decision. A code that passes the
 * cryptographic and time checks is consumed, whatever happens to the
 * payment; a rejected code consumes nothing. Store faults decline.
 *
 * @param code  len bytes of text: 18 digits or base64; not retained.
 * @param d     out: always filled when PC_OK is returned.
 * @return PC_OK when a decision was made (APPROVE or not: read d), or
 *         PC_ERR_INVALID_ARG for NULL arguments.
 */
PC_MUST_CHECK pc_err pc_validate(pc_validator *v, const char *code, size_t len,
				 pc_decision *d);

/** Zeroise a validator (accepts NULL). */
void pc_validator_wipe(pc_validator *v);

/* ---- file store ------------------------------------------------------------ */

/** Size in bytes of every record of the file store's storage objects. */
#define PC_FILESTORE_REC_LEN 48u
/** Storage object holding the file store's latest snapshot. */
#define PC_FILESTORE_SNAP_NAME "paycode-store.snap"
/** Storage object holding the file store's log of changes since then. */
#define PC_FILESTORE_LOG_NAME "paycode-store.log"

/**
 * A crash-safe store for terminals: the pc_memstore table (same slots,
 * same probing, same results) kept in RAM, with every change made durable
 * through the platform storage hooks before the operation returns PC_OK.
 * The on-disk format is specified at the top of core/filestore.c.
 *
 * Caller-allocated, no heap; about 88 * PC_FILESTORE_SLOTS bytes (allocate
 * it statically). Fields are reserved. It must stay at the same address
 * while the pc_store filled by pc_filestore_open() is in use.
 */
typedef struct pc_filestore {
	struct {
		uint8_t key[PC_REPLAY_KEY_LEN];
		pc_time expires;  /* 0: never used */
		int64_t value;    /* counters; 0 for replay keys */
		uint8_t counter;  /* 1: a counter, 0: a replay key */
	} slot[PC_FILESTORE_SLOTS];
	const pc_platform *plat;
	uint32_t gen;          /* generation of the snapshot on storage */
	uint32_t gen_hi;       /* highest generation ever tried */
	uint32_t used;         /* slots whose expires is not 0 */
	uint32_t log_records;  /* change records in the log */
	uint8_t log_ok;        /* 1: the log may be appended to */
	uint8_t stale_log;
	uint32_t dropped_records;
	uint64_t dropped_bytes;
	uint32_t compactions;
	uint32_t faults;
	uint8_t buf[PC_FILESTORE_REC_LEN * (PC_FILESTORE_SLOTS + 1u)];
} pc_filestore;

/** What pc_filestore_stats_get() reports. */
typedef struct pc_filestore_stats {
	uint32_t generation;      /* generation of the snapshot on storage */
	uint32_t entries;         /* slots in use, live or expired */
	uint32_t log_records;     /* change records in the current log */
	uint32_t dropped_records; /* at open: torn or corrupt log records
				   * ignored, with every record after them */
	uint64_t dropped_bytes;   /* at open: the bytes of those records */
	uint8_t stale_log;        /* at open: the log predated the snapshot
				   * (a crash during compaction) */
	uint32_t compactions;     /* new generations written since open */
	uint32_t faults;          /* storage failures since open */
} pc_filestore_stats;

/**
 * Load a file store from storage and fill `store` to use it.
 *
 * Reads the snapshot and the log, verifies every record, replays the log
 * up to its first incomplete or corrupt record (that record and every one
 * after it are ignored and counted by pc_filestore_stats_get()), and when
 * the log was torn, stale or absent writes a new generation (snapshot, then
 * a fresh log) so that later appends follow a good record. An empty
 * storage gives an empty store.
 *
 * Each operation of the filled pc_store behaves as pc_memstore's, and
 * before it returns PC_OK the change is durable (one storage_append of
 * PC_FILESTORE_REC_LEN bytes; every few dozen changes a compaction adds a
 * snapshot). Results that change nothing (PC_ERR_REPLAYED, PC_ERR_LIMIT,
 * PC_ERR_CAPACITY) write nothing. When storage fails the operation returns
 * PC_ERR_STORAGE and the store's state is unchanged; the store stays
 * usable, and its next change first writes a new generation. The failed
 * change may still have reached storage: after a restart it may show
 * (a consume reported as a fault may then read as consumed, an add may
 * count), which fails closed. At most one such change exists at a time.
 *
 * @param fs     caller-allocated; overwritten. Not NULL.
 * @param plat   storage_read, storage_write_atomic and storage_append
 *               required; mutex hooks used when present. Retained.
 * @param store  out: ctx = fs and both operations. Not NULL.
 * @return PC_OK; PC_ERR_INVALID_ARG (NULL, bad platform version);
 *   PC_ERR_UNSUPPORTED (a storage hook is absent, or the snapshot has an
 *   unknown format version); PC_ERR_CONFIG (written with another
 *   PC_FILESTORE_SLOTS); PC_ERR_STORAGE (a hook failed, the snapshot does
 *   not verify, or the log is newer than the snapshot: the store refuses
 *   to start rather than forget consumed codes, and deletes nothing).
 *   On error `store` is not filled.
 * Not thread-safe: open before sharing fs. The operations are serialised
 * with the platform mutex hooks (when present), which they hold while
 * calling the storage hooks. Nothing here is ISR-safe.
 */
PC_MUST_CHECK pc_err pc_filestore_open(pc_filestore *fs, const pc_platform *plat,
				       pc_store *store);

/**
 * Report counters and the outcome of the last open.
 * @param fs   an opened store. Not NULL.
 * @param out  out. Not NULL.
 * @return PC_OK, PC_ERR_INVALID_ARG.
 * Thread-safe with the store's operations (takes the platform mutex).
 */
PC_MUST_CHECK pc_err pc_filestore_stats_get(const pc_filestore *fs,
					    pc_filestore_stats *out);

/**
 * Zeroise a file store (accepts NULL). Every acknowledged change is
 * already durable, so nothing is written. Not thread-safe: no operation
 * may be running, and the pc_store filled by open must not be used after.
 */
void pc_filestore_wipe(pc_filestore *fs);

#ifdef __cplusplus
}
#endif
#endif /* PAYCODE_CODE_H */
