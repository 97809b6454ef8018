/*
 * Footprint harness measurements: see fp.h.
 */
#include <stdint.h>
#include <string.h>

#include "board_mps2.h"
#include "fp.h"
#include "out.h"

#define FP_PAINT_BYTES 32768u
#define FP_PATTERN 0xC0DEC0DEu

extern uint32_t __bss_end;

static uint32_t *fp__top, *fp__bottom;
static uint32_t fp__t0;
static pc_time fp__now;
static uint32_t fp__x = 0x12345678u;

static uint32_t *fp__sp(void)
{
	uint32_t *sp;

	__asm__ volatile("mov %0, sp" : "=r"(sp));
	return sp;
}

/* noinline: its own frame sits above the painted area */
__attribute__((noinline)) void fp_begin(void)
{
	uint32_t *p;

	fp__top = fp__sp() - 8;
	fp__bottom = fp__top - FP_PAINT_BYTES / 4u;
	if (fp__bottom < &__bss_end)
		fp__bottom = &__bss_end;
	for (p = fp__bottom; p < fp__top; p++)
		*p = FP_PATTERN;
	pc_mps2_ticks_start();
	fp__t0 = pc_mps2_ticks();
}

__attribute__((noinline)) void fp_end(const char *name, int ok, size_t heap_hw,
				      size_t heap_size)
{
	uint32_t t1 = pc_mps2_ticks();
	const uint32_t *p = fp__bottom;

	while (p < fp__top && *p == FP_PATTERN)
		p++;
	pc_out("FP name=%s ticks=%u stack=%u heap=%u heapsize=%u ok=%d\n", name,
	       (unsigned)(t1 - fp__t0), (unsigned)((uintptr_t)fp__top - (uintptr_t)p),
	       (unsigned)heap_hw, (unsigned)heap_size, ok);
}

static pc_err fp__rng(void *ctx, uint8_t *out, size_t len)
{
	(void)ctx;
	while (len-- > 0) {
		fp__x ^= fp__x << 13;
		fp__x ^= fp__x >> 17;
		fp__x ^= fp__x << 5;
		*out++ = (uint8_t)fp__x;
	}
	return PC_OK;
}

static pc_err fp__time(void *ctx, pc_time *now)
{
	(void)ctx;
	*now = fp__now;
	return PC_OK;
}

void fp_platform(pc_platform *p, pc_time now)
{
	memset(p, 0, sizeof *p);
	fp__now = now;
	p->version = PC_PLATFORM_VERSION;
	p->rng = fp__rng;
	p->time_now = fp__time;
}

void fp_set_now(pc_time now)
{
	fp__now = now;
}
