/*
 * paycode: the platform (port) interface.
 *
 * A port fills one pc_platform table and passes a pointer to it at init time
 * of every context that needs the platform. There are no global setters and
 * no weak symbols: two contexts may use two different platforms.
 *
 * Versioning (as SQLite's sqlite3_vfs.iVersion): `version` says which fields
 * the table has. Fields are only ever appended; a library that knows a newer
 * version treats fields beyond the table's version as NULL. A table whose
 * version is 0 or larger than PC_PLATFORM_VERSION is rejected with
 * PC_ERR_INVALID_ARG.
 *
 * Optional hooks may be NULL; a feature that needs an absent hook returns
 * PC_ERR_UNSUPPORTED. `rng` and `time_now` are required by every feature
 * that uses randomness or time.
 *
 * Common contract for every hook:
 * - `ctx` is the table's own `ctx` field, passed back unchanged.
 * - Hooks return PC_OK or a negative pc_err; they never abort or exit.
 * - Unless a hook says otherwise it may be called from several threads at
 *   once when the library is used from several threads; the port serialises
 *   internally if it must. No hook is called from an ISR by the library, and
 *   no library function is ISR-safe unless its documentation says so.
 * - Output arguments are left unspecified on failure; the library discards
 *   them and wipes secret outputs.
 */
#ifndef PAYCODE_PLATFORM_H
#define PAYCODE_PLATFORM_H

#include "types.h"
#include "err.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PC_PLATFORM_VERSION 2u

/** Key-store suite: ECDSA over NIST P-256 with SHA-256 (suite 1). */
#define PC_KEY_SUITE_P256 1u
/** Uncompressed SEC1 public key length for P-256: 0x04 || X || Y. */
#define PC_P256_PUB_LEN 65u
/** Raw r || s signature length for P-256. */
#define PC_P256_SIG_LEN 64u
/** Longest label accepted by the key_derive hook, in bytes. */
#define PC_KEY_LABEL_MAX 64u
/** Output length of the key_derive hook. */
#define PC_KEY_DERIVED_LEN 32u
/** Longest storage object name, without the terminating NUL. */
#define PC_STORAGE_NAME_MAX 63u

/** Log levels for the `log` hook. */
typedef enum pc_log_level {
	PC_LOG_ERROR = 0,
	PC_LOG_WARN = 1,
	PC_LOG_INFO = 2,
	PC_LOG_DEBUG = 3
} pc_log_level;

typedef struct pc_platform {
	/** PC_PLATFORM_VERSION the port was written for (>= 1). */
	uint32_t version;
	/** Port state; passed back as the first argument of every hook. */
	void *ctx;

	/**
	 * Fill `out` with `len` cryptographically secure random bytes.
	 * Required for key generation and nonces. Must fail loudly: on any
	 * doubt about entropy return PC_ERR_RNG, never weak bytes.
	 * Errors: PC_ERR_RNG.
	 */
	pc_err (*rng)(void *ctx, uint8_t *out, size_t len);

	/**
	 * Current Unix time in seconds into *now.
	 * A port without a trusted clock (e.g. RTC not yet set after power
	 * loss) returns PC_ERR_TIME_UNKNOWN; validators then refer online or
	 * decline, never approve on a guessed time.
	 * Errors: PC_ERR_TIME_UNKNOWN.
	 */
	pc_err (*time_now)(void *ctx, pc_time *now);

	/**
	 * Read up to `cap` bytes of object `name`, starting at byte `offset`,
	 * into `buf`; store the count read in *got (0 at or past the end).
	 * `name` is a NUL-terminated string of at most PC_STORAGE_NAME_MAX
	 * characters from [A-Za-z0-9._-]. After power loss the contents are
	 * untrusted input: the library validates everything it reads.
	 * Optional. Errors: PC_ERR_NOT_FOUND (no such object), PC_ERR_STORAGE.
	 */
	pc_err (*storage_read)(void *ctx, const char *name, uint64_t offset,
			       uint8_t *buf, size_t cap, size_t *got);

	/**
	 * Replace object `name` with `len` bytes, atomically: after a crash at
	 * any point a later read sees either the complete old contents or the
	 * complete new contents, never a mix. Durable on PC_OK.
	 * Optional. Errors: PC_ERR_STORAGE (the old contents are intact).
	 */
	pc_err (*storage_write_atomic)(void *ctx, const char *name,
				       const uint8_t *data, size_t len);

	/**
	 * Append `len` bytes to object `name` (created if absent) and make them
	 * durable before returning PC_OK. After a crash the object holds its
	 * old contents followed by some prefix of the new bytes (a torn tail);
	 * bytes already there are never changed.
	 * Optional. Errors: PC_ERR_STORAGE.
	 */
	pc_err (*storage_append)(void *ctx, const char *name,
				 const uint8_t *data, size_t len);

	/**
	 * Take and release the port's single recursive-free mutex guarding
	 * library state shared between threads (e.g. an in-memory store).
	 * Optional in single-threaded builds: when NULL, no locking happens.
	 * Must not be called from an ISR.
	 */
	void (*mutex_lock)(void *ctx);
	void (*mutex_unlock)(void *ctx);

	/**
	 * Record one line of diagnostics. `msg` is NUL-terminated, without a
	 * newline, and never contains secrets. Optional.
	 */
	void (*log)(void *ctx, pc_log_level level, const char *msg);

	/**
	 * Create a non-exportable key pair `key_id` of suite `suite`
	 * (PC_KEY_SUITE_P256) inside the key store, replacing any old key with
	 * that id, and write its public key (PC_P256_PUB_LEN bytes) to `pub`.
	 * The private key never leaves the store. Optional.
	 * Errors: PC_ERR_UNSUPPORTED (suite), PC_ERR_RNG, PC_ERR_KEYSTORE.
	 */
	pc_err (*key_generate)(void *ctx, uint32_t key_id, uint32_t suite,
			       uint8_t *pub, size_t pub_cap);

	/**
	 * Write the public key of `key_id` to `pub` (PC_P256_PUB_LEN bytes).
	 * Optional. Errors: PC_ERR_NOT_FOUND, PC_ERR_BUFFER_TOO_SMALL,
	 * PC_ERR_KEYSTORE.
	 */
	pc_err (*key_public)(void *ctx, uint32_t key_id, uint8_t *pub,
			     size_t pub_cap);

	/**
	 * Sign the 32-byte message digest `hash` with private key `key_id` and
	 * write the raw r || s signature (PC_P256_SIG_LEN bytes) to `sig`.
	 * May require user verification in the port (e.g. Android Keystore
	 * keys bound to biometric authentication). Optional.
	 * Errors: PC_ERR_NOT_FOUND, PC_ERR_BUFFER_TOO_SMALL, PC_ERR_KEYSTORE.
	 */
	pc_err (*key_sign)(void *ctx, uint32_t key_id, const uint8_t hash[32],
			   uint8_t *sig, size_t sig_cap);

	/* ---- fields of version 2 and later ---- */

	/**
	 * Derive a 32-byte device-bound secret for `label` (1..
	 * PC_KEY_LABEL_MAX bytes) from the key store's sealing key `key_id`,
	 * e.g. HMAC-SHA-256(sealing key, label) computed inside the store
	 * (Android: a Keystore HMAC key, StrongBox where available). The
	 * same (key_id, label) gives the same output on the same device, and
	 * an unrelated one on any other device or after the key is
	 * destroyed. The sealing key never leaves the store; the output is a
	 * secret, which the library wipes after use.
	 *
	 * Creation: the hook creates sealing key `key_id` on its first use,
	 * atomically (two first uses racing agree on one key; a crash leaves
	 * either no key or the whole key). Sealing keys and the signing keys
	 * of key_generate are separate name spaces: the same id may name
	 * one of each. A store whose keys are provisioned out of band (a
	 * secure element personalised at the factory) may instead return
	 * PC_ERR_NOT_FOUND for an id it does not hold, as may a store whose
	 * key was invalidated (Android: screen lock removed).
	 *
	 * Optional (version >= 2): features that need it return
	 * PC_ERR_UNSUPPORTED when it is NULL or the table is version 1.
	 * Errors: PC_ERR_INVALID_ARG (label), PC_ERR_NOT_FOUND,
	 * PC_ERR_RNG (creating the key), PC_ERR_KEYSTORE.
	 */
	pc_err (*key_derive)(void *ctx, uint32_t key_id, const uint8_t *label,
			     size_t label_len, uint8_t out[32]);
} pc_platform;

/**
 * Check that a platform table is usable: non-NULL, a known version, and the
 * required hooks (rng, time_now) present.
 *
 * @param p  the table; not retained.
 * @return PC_OK, or PC_ERR_INVALID_ARG naming no hook (see the log hook).
 * Thread-safe.
 */
PC_MUST_CHECK pc_err pc_platform_check(const pc_platform *p);

/**
 * Get the time through a platform table.
 *
 * @param p    a checked table.
 * @param now  out: Unix seconds.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_TIME_UNKNOWN (also when the hook
 *         reports a negative time).
 * Thread-safety: that of the port's time_now hook.
 */
PC_MUST_CHECK pc_err pc_platform_time(const pc_platform *p, pc_time *now);

/**
 * Fill a buffer with random bytes through a platform table. On failure the
 * buffer is zeroised, so no caller can use half-random bytes by mistake.
 *
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_RNG.
 * Thread-safety: that of the port's rng hook.
 */
PC_MUST_CHECK pc_err pc_platform_random(const pc_platform *p, uint8_t *out,
					size_t len);

/**
 * Derive a device-bound secret through a platform table's key_derive hook
 * (see its contract above).
 *
 * @param p          a checked table; not retained.
 * @param key_id     the key store's sealing key.
 * @param label      label_len bytes, 1 <= label_len <= PC_KEY_LABEL_MAX.
 * @param out        out: PC_KEY_DERIVED_LEN bytes (secret); zeroised on
 *                   any failure.
 * @return PC_OK; PC_ERR_INVALID_ARG (NULL, unknown table version, label
 *   length); PC_ERR_UNSUPPORTED (a version 1 table, or no hook);
 *   PC_ERR_NOT_FOUND; PC_ERR_RNG; PC_ERR_KEYSTORE (also for any other
 *   error the hook returns).
 * Thread-safety: that of the port's hook.
 */
PC_MUST_CHECK pc_err pc_platform_key_derive(const pc_platform *p,
					    uint32_t key_id,
					    const uint8_t *label,
					    size_t label_len, uint8_t out[32]);

/**
 * Tell whether `name` is a valid storage object name: 1..PC_STORAGE_NAME_MAX
 * characters from [A-Za-z0-9._-], and not "." or "..". Ports use it to
 * refuse anything else with PC_ERR_INVALID_ARG.
 * Thread-safe, ISR-safe.
 */
bool pc_platform_name_ok(const char *name);

#ifdef __cplusplus
}
#endif
#endif /* PAYCODE_PLATFORM_H */
