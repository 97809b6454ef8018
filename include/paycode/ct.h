/*
 * paycode: constant-time helpers and secret wiping.
 *
 * Every comparison of a code, OTP, MAC, cryptogram, PIN or template score in
 * paycode goes through these functions. They are constant-time in the
 * contents of their arguments, not in their lengths: lengths are public.
 * All are thread-safe and ISR-safe (no state).
 */
#ifndef PAYCODE_CT_H
#define PAYCODE_CT_H

#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Compare two equal-length byte strings in constant time.
 *
 * @param a, b  n readable bytes each; may be NULL only when n is 0.
 * @param n     length of both.
 * @return 0 when equal, -1 otherwise. Time depends on n only.
 */
int pc_ct_eq(const void *a, const void *b, size_t n);

/**
 * Select between two words without branching.
 *
 * @param ctl  1 selects a, 0 selects b; other values are undefined.
 * @return a or b. Constant-time in ctl, a and b.
 */
uint32_t pc_ct_select(uint32_t ctl, uint32_t a, uint32_t b);

/**
 * Copy n bytes from src to dst when ctl is 1, leave dst unchanged when 0.
 * Reads and writes every byte either way.
 *
 * @param ctl  1 or 0.
 * @param dst  n writable bytes; src: n readable bytes. They may alias exactly.
 */
void pc_ct_copy(uint32_t ctl, void *dst, const void *src, size_t n);

/**
 * Zeroise n bytes in a way the compiler cannot remove.
 *
 * @param p  may be NULL (then nothing happens).
 * @param n  number of bytes.
 */
void pc_wipe(void *p, size_t n);

#ifdef __cplusplus
}
#endif
#endif /* PAYCODE_CT_H */
