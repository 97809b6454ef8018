/*
 * paycode: crypto provider interface.
 *
 * Suite 1 primitives: SHA-256, HMAC-SHA-256, HKDF-SHA-256 (RFC 5869),
 * AES-256-GCM (NIST SP 800-38D) and ECDSA over P-256 with deterministic
 * nonces (RFC 6979). The default provider is core/crypto_mbedtls.c, the
 * only file that includes mbedTLS.
 * An SM2/SM3/SM4 provider (core/crypto_gm.c) will sit behind the same
 * functions' suite argument without a format change.
 *
 * Keys are byte strings owned by the caller: P-256 private keys are 32-byte
 * big-endian scalars, public keys 65-byte uncompressed SEC1 points
 * (0x04 || X || Y), signatures 64-byte raw r || s. Every function wipes its
 * internal copies of secrets before returning.
 *
 * Thread-safety: all functions are reentrant (no shared state). They are
 * not ISR-safe (the backend may use the stack heavily).
 * Constant-time: HMAC and signing are constant-time in the key as far as
 * the backend is (mbedTLS 2.28 uses constant-time scalar multiplication);
 * verification handles public data only.
 */
#ifndef PAYCODE_CRYPTO_H
#define PAYCODE_CRYPTO_H

#include "types.h"
#include "err.h"
#include "platform.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PC_SHA256_LEN 32u
#define PC_P256_PRIV_LEN 32u

/**
 * SHA-256 (FIPS 180-4) of msg.
 * @param msg  mlen readable bytes (NULL allowed when mlen is 0).
 * @param out  PC_SHA256_LEN writable bytes.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_CRYPTO.
 */
PC_MUST_CHECK pc_err pc_sha256(const void *msg, size_t mlen, uint8_t out[32]);

/**
 * HMAC-SHA-256 (RFC 2104) of msg under key.
 * @param key  klen readable bytes (any length; NULL allowed when klen is 0).
 * @param msg  mlen readable bytes (NULL allowed when mlen is 0).
 * @param out  PC_SHA256_LEN writable bytes.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_CRYPTO.
 */
PC_MUST_CHECK pc_err pc_hmac_sha256(const void *key, size_t klen,
				    const void *msg, size_t mlen,
				    uint8_t out[32]);

/**
 * HMAC-SHA-1 (RFC 2104), for RFC 4226 HOTP interoperability only; paycode's
 * own constructions use SHA-256.
 * @param out  20 writable bytes.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_CRYPTO.
 */
PC_MUST_CHECK pc_err pc_hmac_sha1(const void *key, size_t klen,
				  const void *msg, size_t mlen,
				  uint8_t out[20]);

/**
 * HKDF-SHA-256 extract-and-expand (RFC 5869 §2).
 * @param salt  slen bytes (NULL/0: the RFC's default all-zero salt).
 * @param ikm   input keying material, ilen bytes.
 * @param info  context, nlen bytes (NULL allowed when nlen is 0).
 * @param out   olen writable bytes, 1 <= olen <= 255 * 32.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_CRYPTO.
 */
PC_MUST_CHECK pc_err pc_hkdf_sha256(const void *salt, size_t slen,
				    const void *ikm, size_t ilen,
				    const void *info, size_t nlen,
				    uint8_t *out, size_t olen);

/**
 * Generate a P-256 key pair from the platform's rng.
 * @param plat  a platform with an rng hook; not retained.
 * @param priv  out: 32-byte private scalar (secret: wipe after use).
 * @param pub   out: 65-byte public key.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_RNG, PC_ERR_CRYPTO.
 */
PC_MUST_CHECK pc_err pc_p256_keygen(const pc_platform *plat,
				    uint8_t priv[32], uint8_t pub[65]);

/**
 * Compute the public key of a private scalar.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_BAD_KEY (scalar 0 or >= n),
 *         PC_ERR_CRYPTO.
 */
PC_MUST_CHECK pc_err pc_p256_public(const uint8_t priv[32], uint8_t pub[65]);

/**
 * Check that a 65-byte string is an uncompressed point on P-256.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_BAD_KEY.
 */
PC_MUST_CHECK pc_err pc_p256_check_public(const uint8_t pub[65]);

/**
 * ECDSA-sign a SHA-256 digest with a deterministic nonce (RFC 6979 §3.2),
 * so the same key and digest always give the same signature.
 * @param priv  32-byte private scalar.
 * @param hash  32-byte digest.
 * @param sig   out: 64-byte r || s, each big-endian, zero-padded.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_BAD_KEY, PC_ERR_CRYPTO.
 */
PC_MUST_CHECK pc_err pc_p256_sign(const uint8_t priv[32],
				  const uint8_t hash[32], uint8_t sig[64]);

/**
 * Verify an ECDSA P-256 signature over a SHA-256 digest. r and s must each
 * be in [1, n-1]; anything else is rejected before any curve arithmetic.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_BAD_KEY (public key not on the
 *         curve), PC_ERR_VERIFY (bad or out-of-range signature).
 */
PC_MUST_CHECK pc_err pc_p256_verify(const uint8_t pub[65],
				    const uint8_t hash[32],
				    const uint8_t sig[64]);

/**
 * Bring a signature into low-s form: when s > floor(n/2), replace it with
 * n - s (the same signature for ECDSA). paycode signs every object in low-s
 * form and accepts only that form (SPEC §4.5), so no object has two valid
 * encodings.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_VERIFY (r or s out of range).
 */
PC_MUST_CHECK pc_err pc_p256_sig_normalize(uint8_t sig[64]);

/**
 * Check that r and s are in [1, n-1] and s <= floor(n/2).
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_VERIFY.
 */
PC_MUST_CHECK pc_err pc_p256_sig_check_low_s(const uint8_t sig[64]);

/** AES-256 key length. */
#define PC_AES256_KEY_LEN 32u
/** AES-GCM nonce length paycode uses (NIST SP 800-38D §5.2.1.1: 96 bits). */
#define PC_GCM_IV_LEN 12u
/** AES-GCM tag length paycode uses (full 128 bits, SP 800-38D §5.2.1.2). */
#define PC_GCM_TAG_LEN 16u

/**
 * AES-256-GCM authenticated encryption (NIST SP 800-38D) with a 96-bit IV
 * and a 128-bit tag. The caller must never use one (key, iv) pair twice.
 *
 * @param key     PC_AES256_KEY_LEN bytes (secret; not retained).
 * @param iv      PC_GCM_IV_LEN bytes.
 * @param aad     aadlen bytes authenticated but not encrypted (NULL allowed
 *                when aadlen is 0).
 * @param pt      ptlen plaintext bytes (NULL allowed when ptlen is 0).
 * @param ct_out  ptlen writable bytes for the ciphertext; may equal pt
 *                (in place), must not otherwise overlap it.
 * @param tag     out: PC_GCM_TAG_LEN bytes.
 * @return PC_OK; PC_ERR_INVALID_ARG (NULL where not allowed);
 *         PC_ERR_CRYPTO (backend failure; ct_out and tag are then wiped).
 * Constant-time in key and plaintext as far as the backend's AES and GHASH
 * are (mbedTLS 2.28: table-based AES unless AES-NI/AESCE is used; see
 * docs/SECURITY.md). Thread-safe.
 */
PC_MUST_CHECK pc_err pc_aes256_gcm_seal(const uint8_t key[32],
					const uint8_t iv[12],
					const uint8_t *aad, size_t aadlen,
					const uint8_t *pt, size_t ptlen,
					uint8_t *ct_out, uint8_t tag[16]);

/**
 * AES-256-GCM authenticated decryption: recompute the tag over aad and ct
 * and compare it with `tag` in constant time (pc_ct_eq). On any failure
 * the ptlen bytes of pt_out are wiped, so no unauthenticated plaintext is
 * ever returned.
 *
 * @param key     PC_AES256_KEY_LEN bytes (secret; not retained).
 * @param iv      PC_GCM_IV_LEN bytes.
 * @param aad     aadlen bytes (NULL allowed when aadlen is 0).
 * @param ct      ctlen ciphertext bytes (NULL allowed when ctlen is 0).
 * @param tag     PC_GCM_TAG_LEN bytes to check.
 * @param pt_out  ctlen writable bytes; may equal ct (in place), must not
 *                otherwise overlap it.
 * @return PC_OK; PC_ERR_INVALID_ARG; PC_ERR_VERIFY (tag mismatch);
 *         PC_ERR_CRYPTO (backend failure).
 * Constant-time as pc_aes256_gcm_seal(); the tag comparison is
 * constant-time. Thread-safe.
 */
PC_MUST_CHECK pc_err pc_aes256_gcm_open(const uint8_t key[32],
					const uint8_t iv[12],
					const uint8_t *aad, size_t aadlen,
					const uint8_t *ct, size_t ctlen,
					const uint8_t tag[16],
					uint8_t *pt_out);

#ifdef __cplusplus
}
#endif
#endif /* PAYCODE_CRYPTO_H */
