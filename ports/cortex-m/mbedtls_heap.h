/*
 * The static mbedTLS heap of the Cortex-M build (mbedtls_heap.c): sizes and
 * a high-water mark, for the qemu test and the footprint report. Declares
 * no mbedTLS type, so any file may include it.
 */
#ifndef PAYCODE_CM_MBEDTLS_HEAP_H
#define PAYCODE_CM_MBEDTLS_HEAP_H

#include <stddef.h>

/** Size of the static buffer, in bytes (PC_CM_MBEDTLS_HEAP). */
size_t pc_cm_mbedtls_heap_size(void);

/** Bytes of the buffer used since the last reset (an upper bound). */
size_t pc_cm_mbedtls_heap_high_water(void);

/**
 * Start the buffer afresh, for measuring one operation. Only when no
 * mbedTLS object is alive. @return 0, or -1 when the allocator's
 * bookkeeping is corrupt (then the buffer is not reset).
 */
int pc_cm_mbedtls_heap_reset(void);

#endif
