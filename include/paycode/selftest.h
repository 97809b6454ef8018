/*
 * paycode: power-on self-test (known-answer tests).
 *
 * pc_selftest() runs a fixed set of known-answer tests over the crypto
 * provider and paycode's own constructions, as a terminal or wallet should
 * at start-up and after a firmware update: a miscompiled backend, a wrong
 * configuration or damaged flash shows up here instead of as declined
 * payments. It needs no platform, no stdio and no heap, and writes nothing
 * but its own stack; results go to a callback.
 *
 * Tests, in order (names as passed to the callback):
 *   sha256          FIPS 180-4 "abc"
 *   hmac-sha256     RFC 4231 test case 2
 *   hkdf-sha256     RFC 5869 A.1
 *   aes256-gcm      GCM specification (McGrew-Viega) test case 16: seal,
 *                   open, and open with one tag bit flipped
 *   hotp-sha1       RFC 4226 Appendix D, count 0 and 9
 *   totp-sha256     RFC 6238 Appendix B, time 59 and 1111111109
 *   p256-public     RFC 6979 A.2.5 key pair
 *   p256-sign       RFC 6979 A.2.5, SHA-256, "sample" (deterministic)
 *   p256-verify     that signature, and the same with one bit flipped
 *   crc16           CRC-16/CCITT-FALSE check value of "123456789"
 *   mpm-decode      a minimal EMV MPM payload, and with a wrong CRC
 *   token-numeric   SPEC §4.2 token key and a SPEC §3.3 numeric code
 *                   (vectors/cpm-numeric.json tcId 1)
 *   validate-offline  pc_validate() of a qr-offline code at a terminal:
 *                   approved once, then refused as a replay, and refused
 *                   when one character changes
 *                   (vectors/cpm-qr-offline.json tcId 1, 2)
 *
 * Stack: the largest tests hold a pc_validator or a pc_mpm on the stack;
 * with ports/cortex-m/pc_config_cortex-m.h the worst case is about 4.3 KB
 * on a Cortex-M4 (`make footprint` measures it), more with the default
 * configuration's larger tables.
 * Time: dominated by its P-256 operations: about 236 million instructions
 * on a Cortex-M4 with the port's mbedTLS settings (`make footprint`).
 */
#ifndef PAYCODE_SELFTEST_H
#define PAYCODE_SELFTEST_H

#include "types.h"
#include "err.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Called once per test, in order, with its name (a static string) and its
 * outcome: PC_OK, or the error it found (PC_ERR_INTERNAL for a wrong
 * answer, or what the failing call returned).
 */
typedef void (*pc_selftest_cb)(void *ctx, const char *name, pc_err result);

/** Number of tests pc_selftest() runs (callback calls). */
#define PC_SELFTEST_COUNT 13u

/**
 * Run every known-answer test.
 * @param cb   may be NULL (then only the overall result is returned).
 * @param ctx  passed to cb.
 * @return PC_OK when every test passed, else PC_ERR_INTERNAL.
 * Reentrant (no shared state); not ISR-safe. Constant-time where the
 * functions it tests are.
 */
PC_MUST_CHECK pc_err pc_selftest(pc_selftest_cb cb, void *ctx);

#ifdef __cplusplus
}
#endif
#endif /* PAYCODE_SELFTEST_H */
