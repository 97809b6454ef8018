/*
 * The static heap of mbedTLS on Cortex-M (see mbedtls_config_cortex-m.h).
 *
 * This file is part of the target's mbedTLS build, not of libpaycode: it
 * configures the dependency (as mbedtls_config_cortex-m.h does), which is
 * why it may include an mbedTLS header besides core/crypto_mbedtls.c.
 *
 * mbedTLS bignum and ECP need an allocator. MBEDTLS_PLATFORM_STD_CALLOC
 * points at pc_cm_mbedtls_calloc_first, so the first allocation installs
 * mbedTLS's static buffer allocator over pc_cm_mbedtls_heap (in .bss) and
 * is then served by it; the C library heap is never touched. The buffer is
 * shared by every mbedTLS call: like the rest of a bare-metal build it
 * assumes one thread of crypto at a time (PORTING.md, "Cortex-M").
 *
 * PC_CM_MBEDTLS_HEAP sizes it. The defaults cover one P-256 operation of
 * core/crypto_mbedtls.c with MBEDTLS_ECP_WINDOW_SIZE 2 with a margin; the
 * qemu test prints the high-water mark (pc_cm_mbedtls_heap_high_water()).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mbedtls/memory_buffer_alloc.h"
#include "mbedtls/platform.h"
#include "mbedtls_heap.h"

#ifndef PC_CM_MBEDTLS_HEAP
#define PC_CM_MBEDTLS_HEAP 3840
#endif

static unsigned char pc_cm_mbedtls_heap[PC_CM_MBEDTLS_HEAP] __attribute__((aligned(8)));
static int pc_cm_mbedtls_heap_ready;

/* The allocator's first block header, at the start of the buffer, is at
 * most this long (8 words; 32 bytes on Cortex-M). */
#define PC__HDR_MAX 64u
#define PC__UNTOUCHED 0xA5u

static void pc__heap_init(void)
{
	mbedtls_memory_buffer_alloc_init(pc_cm_mbedtls_heap, sizeof pc_cm_mbedtls_heap);
	/* Mark the free space: allocations are zeroed by calloc, blocks are
	 * zeroised by mbedTLS before they are freed, and merged headers are
	 * cleared, so every byte ever handed out stops reading PC__UNTOUCHED.
	 * Free space is never read by the allocator. */
	memset(pc_cm_mbedtls_heap + PC__HDR_MAX, PC__UNTOUCHED,
	       sizeof pc_cm_mbedtls_heap - PC__HDR_MAX);
	pc_cm_mbedtls_heap_ready = 1;
}

void *pc_cm_mbedtls_calloc_first(size_t n, size_t size)
{
	if (!pc_cm_mbedtls_heap_ready)
		pc__heap_init();
	return mbedtls_calloc(n, size);
}

void pc_cm_mbedtls_free_first(void *p)
{
	(void)p; /* nothing can have been allocated before the first calloc */
}

/* Corrupt heap bookkeeping: nothing sane is left to do but fault. */
void pc_cm_mbedtls_panic(int status)
{
	(void)status;
	__builtin_trap();
}

size_t pc_cm_mbedtls_heap_size(void)
{
	return sizeof pc_cm_mbedtls_heap;
}

/* The highest byte that no longer reads PC__UNTOUCHED: the extent of the
 * buffer used since the last reset (first fit allocates from the start, so
 * this is what the buffer must hold). */
size_t pc_cm_mbedtls_heap_high_water(void)
{
	size_t n = sizeof pc_cm_mbedtls_heap;

	while (n > PC__HDR_MAX && pc_cm_mbedtls_heap[n - 1] == PC__UNTOUCHED)
		n--;
	return n;
}

int pc_cm_mbedtls_heap_reset(void)
{
	if (pc_cm_mbedtls_heap_ready && mbedtls_memory_buffer_alloc_verify() != 0)
		return -1;
	pc__heap_init();
	return 0;
}
