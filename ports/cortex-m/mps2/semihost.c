/*
 * ARM semihosting calls (ARM "Semihosting for AArch32 and AArch64", v2):
 * operation number in r0, parameter block address in r1, BKPT 0xAB on
 * M-profile; QEMU implements them with -semihosting-config enable=on.
 */
#include <stdint.h>

#include "semihost.h"

#define SYS_OPEN 0x01
#define SYS_WRITE 0x05
#define SYS_EXIT 0x18
#define SYS_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

static int pc__sh_call(int op, const void *arg)
{
	register int r0 __asm__("r0") = op;
	register const void *r1 __asm__("r1") = arg;

	__asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
	return r0;
}

void pc_sh_write(const char *p, size_t len)
{
	/* ":tt" with mode 4 ("w") is the host's stdout. */
	static int out = -1;
	uintptr_t blk[3];

	if (out < 0) {
		blk[0] = (uintptr_t)":tt";
		blk[1] = 4;
		blk[2] = 3;
		out = pc__sh_call(SYS_OPEN, blk);
	}
	blk[0] = (uintptr_t)out;
	blk[1] = (uintptr_t)p;
	blk[2] = len;
	(void)pc__sh_call(SYS_WRITE, blk);
}

void pc_sh_exit(int status)
{
	uintptr_t blk[2] = { ADP_STOPPED_APPLICATION_EXIT, (uintptr_t)status };

	/* SYS_EXIT_EXTENDED passes the status on AArch32 (QEMU >= 5.x); plain
	 * SYS_EXIT with a non-zero reason code exits 1 on older hosts. */
	(void)pc__sh_call(SYS_EXIT_EXTENDED, blk);
	(void)pc__sh_call(SYS_EXIT, (const void *)(uintptr_t)(status == 0
		? ADP_STOPPED_APPLICATION_EXIT : 0x20024u /* RunTimeErrorUnknown */));
	for (;;)
		;
}
