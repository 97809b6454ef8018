/*
 * Start-up for the QEMU MPS2 images: the 16 architectural vectors, .data
 * copied from flash, .bss zeroed, main() called, and its status passed out
 * through semihosting. Faults print their name and the stacked PC and end
 * the emulation with status 2, so a crash fails `make qemu-test` at once
 * instead of hanging until the timeout.
 */
#include <stdint.h>

#include "out.h"
#include "semihost.h"

extern uint32_t __data_start, __data_end, __data_load, __bss_start, __bss_end;
extern uint32_t __stack_top;

int main(void);
void pc_reset_handler(void) __attribute__((noreturn));
static void pc__fault(void);

void pc_reset_handler(void)
{
	const uint32_t *src = &__data_load;
	uint32_t *dst;

	for (dst = &__data_start; dst < &__data_end;)
		*dst++ = *src++;
	for (dst = &__bss_start; dst < &__bss_end;)
		*dst++ = 0;
#if defined(__ARM_FP)
	/* CPACR: full access to CP10/CP11 when built for the FPU */
	*(volatile uint32_t *)0xE000ED88u |= 0xFu << 20;
#endif
	pc_sh_exit(main() & 0xFF);
}

/* Prints which fault and where, from the exception stack frame. */
void pc__fault_report(const uint32_t *frame);
void pc__fault_report(const uint32_t *frame)
{
	uint32_t ipsr;

	__asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
	pc_out("\nFAULT: exception %u at pc=0x%08x lr=0x%08x (CFSR=0x%08x)\n",
	       (unsigned)(ipsr & 0x1FFu), (unsigned)frame[6], (unsigned)frame[5],
	       (unsigned)*(volatile uint32_t *)0xE000ED28u);
	pc_sh_exit(2);
}

__attribute__((naked)) static void pc__fault(void)
{
	__asm__ volatile(
		"tst lr, #4\n\t"
		"ite eq\n\t"
		"mrseq r0, msp\n\t"
		"mrsne r0, psp\n\t"
		"b pc__fault_report\n\t");
}

__attribute__((section(".vectors"), used))
static void (*const pc__vectors[16])(void) = {
	(void (*)(void))(uintptr_t)&__stack_top,
	pc_reset_handler,
	pc__fault,  /* NMI */
	pc__fault,  /* HardFault */
	pc__fault,  /* MemManage */
	pc__fault,  /* BusFault */
	pc__fault,  /* UsageFault */
	0, 0, 0, 0,
	pc__fault,  /* SVCall */
	pc__fault,  /* DebugMonitor */
	0,
	pc__fault,  /* PendSV */
	pc__fault,  /* SysTick */
};
