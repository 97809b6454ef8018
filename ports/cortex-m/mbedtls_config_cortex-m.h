/*
 * mbedTLS 2.28 configuration for paycode on Cortex-M (MBEDTLS_CONFIG_FILE).
 *
 * Only what core/crypto_mbedtls.c needs: SHA-256 and SHA-1 (HOTP
 * interoperability) through the md layer, HMAC, HKDF, and ECDSA on P-256
 * with deterministic signing (RFC 6979, which needs HMAC_DRBG). No entropy
 * module, no CTR_DRBG, no ciphers, no X.509, no file system, no stdio.
 *
 * Memory: bignum and ECP allocate. MBEDTLS_PLATFORM_MEMORY routes every
 * allocation through mbedtls_calloc/mbedtls_free, and the static buffer
 * allocator (MBEDTLS_MEMORY_BUFFER_ALLOC_C) serves them from one array in
 * .bss (ports/cortex-m/mbedtls_heap.c), so the C library heap is never
 * used. MBEDTLS_PLATFORM_NO_STD_FUNCTIONS keeps printf/calloc/exit out.
 *
 * RAM/flash trade-offs, chosen for a POS terminal (one verification at a
 * time, flash and RAM tighter than time):
 *   MBEDTLS_ECP_WINDOW_SIZE 2         smallest comb tables (RAM);
 *   MBEDTLS_ECP_FIXED_POINT_OPTIM 0   paycode loads the group for every
 *                                     operation, so a cached table for G
 *                                     would be recomputed each time anyway;
 *   MBEDTLS_SHA256_SMALLER            rolled loop (about 1.5 KB less flash);
 *   MBEDTLS_ECP_NIST_OPTIM            fast P-256 reduction (speed, ~1 KB).
 */
#ifndef PAYCODE_MBEDTLS_CONFIG_CORTEX_M_H
#define PAYCODE_MBEDTLS_CONFIG_CORTEX_M_H

/* System support */
#define MBEDTLS_HAVE_ASM
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY
#define MBEDTLS_PLATFORM_NO_STD_FUNCTIONS
#define MBEDTLS_MEMORY_BUFFER_ALLOC_C
/* Until the first allocation these point at the lazy initialiser of the
 * static buffer (mbedtls_heap.c), which then installs the buffer
 * allocator: no init call is needed in the firmware. */
#define MBEDTLS_PLATFORM_STD_CALLOC pc_cm_mbedtls_calloc_first
#define MBEDTLS_PLATFORM_STD_FREE pc_cm_mbedtls_free_first
/* The buffer allocator calls mbedtls_exit() on heap corruption only: trap
 * (HardFault) instead of pulling in the C library's exit(). */
#define MBEDTLS_PLATFORM_EXIT_MACRO pc_cm_mbedtls_panic

/* Hashes, MAC, KDF */
#define MBEDTLS_MD_C
#define MBEDTLS_SHA1_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA256_SMALLER
#define MBEDTLS_HKDF_C
#define MBEDTLS_HMAC_DRBG_C

/* AES-256-GCM: sealed biometric templates (SPEC §6.3). GCM sits on the
 * generic cipher layer in 2.28, hence MBEDTLS_CIPHER_C. ROM tables keep the
 * four AES tables (~8 KB) in flash instead of RAM. */
#define MBEDTLS_AES_C
#define MBEDTLS_AES_ROM_TABLES
#define MBEDTLS_CIPHER_C
#define MBEDTLS_GCM_C

/* ECDSA P-256 */
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ECDSA_DETERMINISTIC
#define MBEDTLS_ASN1_PARSE_C  /* required by MBEDTLS_ECDSA_C */
#define MBEDTLS_ASN1_WRITE_C  /* required by MBEDTLS_ECDSA_C */

/* No internal DRBG in ECP: a multiplication called without an RNG is not
 * blinded. paycode calls without one only to verify signatures, on public
 * data; every use of a secret scalar (key derivation, signing) passes
 * crypto_mbedtls.c's blinding stream. Saves the DRBG's heap (~300 bytes)
 * and stack on every verification, and its time. */
#define MBEDTLS_ECP_NO_INTERNAL_RNG
/* The (re)seed buffer is on the stack; HMAC_DRBG is only used through
 * mbedtls_hmac_drbg_seed_buf (RFC 6979), which never reseeds. */
#define MBEDTLS_HMAC_DRBG_MAX_SEED_INPUT 128

#define MBEDTLS_ECP_WINDOW_SIZE 2
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 0
#define MBEDTLS_MPI_MAX_SIZE 64 /* bytes: P-256 operands and products */

#if defined(__cplusplus)
extern "C" {
#endif
#include <stddef.h>
void *pc_cm_mbedtls_calloc_first(size_t n, size_t size);
void pc_cm_mbedtls_free_first(void *p);
void pc_cm_mbedtls_panic(int status);
#if defined(__cplusplus)
}
#endif

#include "mbedtls/check_config.h"

#endif /* PAYCODE_MBEDTLS_CONFIG_CORTEX_M_H */
