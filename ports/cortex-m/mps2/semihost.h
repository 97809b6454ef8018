/*
 * ARM semihosting (the calls newlib's librdimon makes), for images run
 * under QEMU or a debugger. On a board without a debugger attached a
 * semihosting call traps (HardFault): never link this into production
 * firmware.
 *
 * Why not librdimon itself: its system calls pull in newlib's stdio
 * initialisation (__sinit -> _malloc_r) and reentrancy clean-up (_free_r),
 * which the no-heap link check of ports/cortex-m refuses. These functions
 * make the same SYS_OPEN/SYS_WRITE/SYS_EXIT_EXTENDED calls, without libc.
 */
#ifndef PAYCODE_MPS2_SEMIHOST_H
#define PAYCODE_MPS2_SEMIHOST_H

#include <stddef.h>

/** Write len bytes to the host's stdout (":tt" opened for writing). */
void pc_sh_write(const char *p, size_t len);

/** End the emulation: the host process exits with `status` (0..255). */
void pc_sh_exit(int status) __attribute__((noreturn));

#endif
