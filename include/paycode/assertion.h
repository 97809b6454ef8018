/*
 * paycode: signed user-verification assertions (docs/SPEC.md §6.4).
 *
 * An assertion states, under the device key of a certified wallet (SPEC
 * §4.3), that the device verified its user for one relying party (a
 * merchant or a provider), one challenge that party chose, one purpose
 * (payment, remote authorisation such as approving a consumer-credit
 * application, login or step-up) and, optionally, one transaction text the
 * user saw. It carries only the outcome of the verification: the method,
 * where the matcher ran, the assurance (the calibrated false-match-rate
 * class) and the presentation-attack result (BIO-01: never a template).
 *
 * The generator reports what happened; the verifier enforces what the
 * relying party requires (assurance, PAD, methods, purpose, freshness).
 * Assertions are single use: a verifier consumes each one in a pc_store
 * only after every other check passed.
 *
 * Binary form: PC_ASSERT_MIN_LEN .. PC_ASSERT_MAX_LEN bytes, big-endian;
 * text form: its canonical base64 (RFC 4648 §4, pc_base64_encode()).
 * Parsed views and policies are caller-allocated, hold no pointer into
 * library state and need no wiping (nothing in them is secret). Nothing
 * here allocates. Functions are reentrant; a pc_validator passed to
 * pc_assertion_verify() is used as in pc_validate() (not thread-safe).
 * Nothing here is ISR-safe.
 */
#ifndef PAYCODE_ASSERTION_H
#define PAYCODE_ASSERTION_H

#include "types.h"
#include "err.h"
#include "platform.h"
#include "code.h"
#include "bio.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Format version carried in byte 4. */
#define PC_ASSERT_VERSION 1u
/** Challenge lengths allowed (bytes). */
#define PC_ASSERT_CHALLENGE_MIN 16u
#define PC_ASSERT_CHALLENGE_MAX 64u
/** Length of a transaction digest when present (SHA-256). */
#define PC_ASSERT_TXN_LEN 32u
/** Longest relying-party identifier string, in bytes. */
#define PC_ASSERT_RP_MAX 255u
/** Fixed part: everything but the challenge and the transaction digest. */
#define PC_ASSERT_FIXED_LEN 295u
/** Shortest and longest binary assertion. */
#define PC_ASSERT_MIN_LEN (PC_ASSERT_FIXED_LEN + PC_ASSERT_CHALLENGE_MIN)
#define PC_ASSERT_MAX_LEN \
	(PC_ASSERT_FIXED_LEN + PC_ASSERT_CHALLENGE_MAX + PC_ASSERT_TXN_LEN)
/** Longest text (base64) form. */
#define PC_ASSERT_TEXT_MAX_LEN PC_BASE64_LEN(PC_ASSERT_MAX_LEN)
/** Highest assurance score accepted: FMR 1e-12 (hundredths of dB). */
#define PC_ASSERT_ASSURANCE_MAX 12000u
/** The default minimum assurance: FMR <= 1e-4 (FIDO biometric component
 *  FAR 1:10,000, MINEX III PIV operating point). */
#define PC_ASSERT_ASSURANCE_DEFAULT 4000u

/** Purposes (byte 6). */
#define PC_ASSERT_PAYMENT 1u     /* approve a payment */
#define PC_ASSERT_REMOTE_AUTH 2u /* remote authorisation, e.g. credit approval */
#define PC_ASSERT_LOGIN 3u       /* sign in to the relying party */
#define PC_ASSERT_STEP_UP 4u     /* step-up inside a session */

/** User-verification method bits (byte 7); 0 = the user was not verified. */
#define PC_UV_FINGERPRINT 0x01u
#define PC_UV_FACE 0x02u
#define PC_UV_PIN 0x04u          /* device PIN or passcode */
#define PC_UV_NONE 0x00u
/** The biometric method bits. */
#define PC_UV_BIOMETRIC (PC_UV_FINGERPRINT | PC_UV_FACE)
/** Every defined bit. */
#define PC_UV_ALL (PC_UV_FINGERPRINT | PC_UV_FACE | PC_UV_PIN)

/** Where the biometric matcher ran (byte 8, BIO-04); 0 without biometric. */
#define PC_UV_LOC_NONE 0u
#define PC_UV_LOC_SE 1u          /* secure element */
#define PC_UV_LOC_TEE 2u         /* trusted execution environment */
#define PC_UV_LOC_APP 3u         /* the wallet application */

/**
 * What the wallet states. Pointers are borrowed for the call only.
 * rp_id: the canonical relying-party identifier (merchant ID or provider
 * domain, exactly as the relying party spells it), 1..PC_ASSERT_RP_MAX
 * printable ASCII bytes; only its SHA-256 is carried.
 */
typedef struct pc_assertion_input {
	const char *rp_id;
	size_t rp_id_len;
	const uint8_t *challenge;  /* PC_ASSERT_CHALLENGE_MIN..MAX bytes */
	size_t challenge_len;
	uint8_t purpose;           /* PC_ASSERT_* purpose */
	const uint8_t *txn_digest; /* NULL, or PC_ASSERT_TXN_LEN bytes */
	uint8_t uv;                /* PC_UV_* bits */
	uint8_t location;          /* PC_UV_LOC_*; NONE iff no biometric bit */
	uint16_t assurance;        /* 0 iff no biometric bit, else 1..MAX */
	pc_bio_pad pad;            /* NONE when no biometric bit */
} pc_assertion_input;

/** A parsed assertion (all fields public, none secret). */
typedef struct pc_assertion {
	uint8_t purpose;
	uint8_t uv;
	uint8_t location;
	uint8_t pad;               /* pc_bio_pad value */
	uint16_t assurance;
	uint32_t counter;
	pc_time time;
	uint8_t rp_hash[32];
	uint8_t challenge_len;
	uint8_t challenge[PC_ASSERT_CHALLENGE_MAX];
	uint8_t txn_len;           /* 0 or PC_ASSERT_TXN_LEN */
	uint8_t txn_digest[PC_ASSERT_TXN_LEN];
	uint8_t cert[PC_CERT_LEN];
	uint8_t sig[64];
	/* from the certificate (filled by pc_assertion_verify() once decoded) */
	uint32_t issuer_key_id;
	uint64_t cert_serial;
	uint64_t token_id;
	uint32_t alias;
	uint8_t consumed;          /* 1 when verify consumed it */
	uint8_t digest[32];        /* SHA-256 of the binary form, for journals */
} pc_assertion;

/**
 * Name of the counter's storage object for a device key:
 * "paycode-uva-XXXXXXXX.ctr" (key ID in lowercase hex), NUL-terminated.
 * @param out  PC_STORAGE_NAME_MAX + 1 bytes; not NULL.
 */
void pc_assertion_counter_name(uint32_t device_key_id,
			       char out[PC_STORAGE_NAME_MAX + 1]);

/**
 * Read the device key's last used counter from platform storage.
 * @param plat  storage_read required.
 * @param last  out: the last counter used, 0 when the object is absent.
 * @return PC_OK; PC_ERR_INVALID_ARG; PC_ERR_UNSUPPORTED (no storage_read);
 *   PC_ERR_STORAGE (read failed, or the object is not a valid counter
 *   record: it is never reset silently, or a cloned counter could start
 *   over).
 * Thread-safety: that of the storage hooks.
 */
PC_MUST_CHECK pc_err pc_assertion_counter_get(const pc_platform *plat,
					      uint32_t device_key_id,
					      uint32_t *last);

/**
 * Generate a signed assertion (SPEC §6.4.3). Steps: check the input,
 * read the time, read the counter record, increment it and write it back
 * atomically (storage_write_atomic) BEFORE signing, so no counter value is
 * ever signed twice even across a crash; then sign SHA-256(
 * "paycode/v1/uv-assertion" || 0x00 || bytes 0..end of certificate) with
 * key_sign and normalise the signature to low-s.
 *
 * The generator does not judge: it signs a biometric claim of any
 * assurance and any PAD result, as they happened; relying parties refuse
 * weak claims with their pc_assertion_policy. It refuses only
 * inconsistent input (e.g. an assurance without a biometric method).
 *
 * @param plat     rng not used; time_now, storage_read,
 *                 storage_write_atomic and key_sign required.
 * @param device_key_id  the device key in the platform key store.
 * @param cert     the device certificate (PC_CERT_LEN bytes) whose public
 *                 key is that of device_key_id; copied into the output.
 * @param in       the statement; not NULL.
 * @param out      cap writable bytes (PC_ASSERT_MAX_LEN always suffices).
 * @param out_len  out: the assertion's length. Not NULL.
 * @return PC_OK; PC_ERR_INVALID_ARG (NULL, an input field out of range or
 *   inconsistent); PC_ERR_CERT_FORMAT; PC_ERR_BUFFER_TOO_SMALL (nothing
 *   written, counter untouched); PC_ERR_UNSUPPORTED (a hook missing);
 *   PC_ERR_TIME_UNKNOWN; PC_ERR_STORAGE; PC_ERR_CAPACITY (counter
 *   exhausted); PC_ERR_NOT_FOUND, PC_ERR_KEYSTORE (key_sign: the counter
 *   is already spent); PC_ERR_CRYPTO.
 * On failure out holds no assertion. Not constant-time (nothing secret
 * passes through it except inside key_sign).
 */
PC_MUST_CHECK pc_err pc_assertion_gen(const pc_platform *plat,
				      uint32_t device_key_id,
				      const uint8_t cert[PC_CERT_LEN],
				      const pc_assertion_input *in,
				      uint8_t *out, size_t cap, size_t *out_len);

/**
 * Parse the binary form (syntax only, SPEC §6.4.2: layout, ranges and
 * consistency; no signature, certificate or policy check).
 * @param a    out: the fields; zeroed on failure. Not NULL.
 * @param in   len readable bytes (untrusted); never read at or past len.
 * @return PC_OK; PC_ERR_INVALID_ARG (NULL); PC_ERR_BIO_ASSERTION
 *   (malformed: magic, length, range, consistency);
 *   PC_ERR_ASSERT_SUITE (unknown version or suite).
 * Thread-safe. Not constant-time (the fields are public).
 */
PC_MUST_CHECK pc_err pc_assertion_parse(pc_assertion *a, const uint8_t *in,
					size_t len);

/** What a relying party requires. Pointers are borrowed for the call. */
typedef struct pc_assertion_policy {
	const char *rp_id;         /* the verifier's own RP identifier */
	size_t rp_id_len;
	const uint8_t *challenge;  /* the challenge it issued */
	size_t challenge_len;
	uint8_t purpose;           /* the purpose it asked for */
	const uint8_t *txn_digest; /* NULL: the assertion must carry none */
	uint8_t uv_any;            /* at least one of these PC_UV_* bits;
				      0: no requirement */
	uint8_t locations;         /* accepted matcher locations as bits
				      1 << PC_UV_LOC_*; 0: any */
	uint16_t min_assurance;    /* for biometric claims; default 4000 */
	uint8_t require_pad;       /* biometric claims need PAD PASS */
	uint8_t check_counter;     /* 1: counter must exceed last_counter */
	uint32_t last_counter;     /* highest counter seen for this device */
	uint32_t max_age;          /* seconds; default 120 */
	uint32_t skew;             /* seconds; default 30 */
} pc_assertion_policy;

/**
 * Fill a policy with the defaults for a purpose: min_assurance 4000
 * (FMR <= 1e-4), require_pad 1 for payment and remote authorisation (0
 * otherwise), uv_any PC_UV_ALL (the user must have been verified), every
 * location, max_age 120, skew 30, no counter check; rp_id, challenge and
 * txn_digest NULL (the caller sets them).
 * @param p  not NULL.
 */
void pc_assertion_policy_default(pc_assertion_policy *p, uint8_t purpose);

/**
 * Verify an assertion for a relying party, in this fixed order (SPEC
 * §6.4.4), stopping at the first failure:
 *   1. time of the verifier ............. PC_ERR_TIME_UNKNOWN
 *   2. syntax ........................... PC_ERR_BIO_ASSERTION,
 *                                         PC_ERR_ASSERT_SUITE
 *   3. certificate chain (trusted root of v, issuer signature, cached
 *      like pc_validate()) .............. PC_ERR_ASSERT_CERT
 *   4. device signature, low-s only ..... PC_ERR_ASSERT_SIGNATURE
 *   5. certificate validity at the assertion's time
 *                                         PC_ERR_ASSERT_CERT_TIME
 *   6. revocation (v's list) ............ PC_ERR_STALE (list past its next
 *                                         update), PC_ERR_ASSERT_REVOKED
 *   7. freshness ........................ PC_ERR_ASSERT_FUTURE,
 *                                         PC_ERR_ASSERT_EXPIRED
 *   8. relying party (constant-time) .... PC_ERR_ASSERT_RP
 *   9. challenge (constant-time) ........ PC_ERR_ASSERT_CHALLENGE
 *  10. purpose .......................... PC_ERR_ASSERT_PURPOSE
 *  11. transaction digest (c.-t.) ....... PC_ERR_ASSERT_TXN
 *  12. method and location (a biometric claim needs a certificate with
 *      PC_CERT_F_BIOMETRIC) ............. PC_ERR_ASSERT_UV
 *  13. assurance ........................ PC_ERR_ASSERT_ASSURANCE
 *  14. presentation attack (FAIL always refused) PC_ERR_ASSERT_PAD
 *  15. counter (when checked) ........... PC_ERR_ASSERT_COUNTER
 *  16. single use: consume SHA-256("paycode/v1/uv-replay" || 0x00 ||
 *      issuer key ID || serial || counter)[0..16) in v's store until
 *      time + max_age + skew + 1 ....... PC_ERR_REPLAYED, or the store's
 *                                         fault (fail closed)
 * Nothing is consumed unless steps 1-15 pass.
 *
 * @param v    trust (roots, revocation list, certificate cache), clock
 *             and store; the cache may be updated. Not NULL.
 * @param p    the requirements; rp_id and challenge required.
 * @param in   len bytes of the binary form (untrusted).
 * @param a    out: the parsed view, filled as far as parsing went (for
 *             logging); a->consumed tells whether the store was written.
 * @return PC_OK (valid and consumed), PC_ERR_INVALID_ARG (NULL, a policy
 *   field out of range), or the error of the failing step above.
 * Constant-time in the challenge, RP hash and digest comparisons; the
 * outcome is public.
 */
PC_MUST_CHECK pc_err pc_assertion_verify(pc_validator *v,
					 const pc_assertion_policy *p,
					 const uint8_t *in, size_t len,
					 pc_assertion *a);

/**
 * State a biometric decision of the gate (pc_bio_verify(), bio.h) in an
 * assertion's input: sets the method bit `method` (kept with any bits the
 * caller already set, e.g. PC_UV_PIN), the matcher location, the
 * assurance (the policy threshold the match met: the FMR class it proves,
 * not the score) and the PAD result. Only a MATCH can be stated; every
 * other outcome, including PRIMARY_REQUIRED, is refused, so a wallet
 * cannot turn a failed or locked verification into a claim. The other
 * fields of `in` are left as they are.
 *
 * @param in        the statement being prepared; not NULL.
 * @param d         the gate's decision; not NULL.
 * @param method    PC_UV_FINGERPRINT or PC_UV_FACE.
 * @param location  PC_UV_LOC_SE, _TEE or _APP: where the matcher ran.
 * @return PC_OK; PC_ERR_INVALID_ARG (NULL, another method or location, a
 *   threshold of 0 or above PC_ASSERT_ASSURANCE_MAX); PC_ERR_BIO_POLICY
 *   (the decision is not a match: nothing to state; `in` unchanged).
 * Thread-safe, constant-time in nothing secret (a decision is public).
 */
PC_MUST_CHECK pc_err pc_assertion_input_from_bio(pc_assertion_input *in,
						 const pc_bio_decision *d,
						 uint8_t method,
						 uint8_t location);

/** "payment", "remote-auth", "login", "step-up"; "?" otherwise. */
const char *pc_assertion_purpose_name(uint8_t purpose);
/** "none", "se", "tee", "app"; "?" otherwise. */
const char *pc_assertion_location_name(uint8_t location);

#ifdef __cplusplus
}
#endif
#endif /* PAYCODE_ASSERTION_H */
