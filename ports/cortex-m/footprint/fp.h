/*
 * Footprint harness (make footprint): each fp_<component>.c is a minimal
 * firmware that uses one component the way an integrator would, with its
 * contexts in static storage. footprint.py links it against the Cortex-M
 * libraries, measures flash and RAM from the image, the worst-case stack of
 * the component's entry points from the call graph (stack_usage.py), and
 * runs it under QEMU, where the image measures itself:
 *
 *   fp_begin()  paints the stack below the caller, resets the mbedTLS heap
 *               high-water mark, starts the 25 MHz timer;
 *   fp_end()    prints one line "FP name=... ticks=... stack=... heap=...
 *               heapsize=... ok=..." for footprint.py: timer ticks (40
 *               instructions each under -icount shift=0), the deepest
 *               painted stack word touched (bytes below fp_begin's caller),
 *               the mbedTLS heap high water.
 */
#ifndef PAYCODE_FP_H
#define PAYCODE_FP_H

#include <stddef.h>
#include <paycode/platform.h>

void fp_begin(void);
/* heap_hw/heap_size: pc_cm_mbedtls_heap_*() of an image using mbedTLS, else 0 */
void fp_end(const char *name, int ok, size_t heap_hw, size_t heap_size);

/* A platform with an rng (a xorshift stand-in, NOT a TRNG: footprint only)
 * and a clock fixed at `now`. */
void fp_platform(pc_platform *p, pc_time now);
/* Move that clock. */
void fp_set_now(pc_time now);

#endif
