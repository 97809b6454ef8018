/*
 * The QEMU MPS2 board (AN385 Cortex-M3, AN386 Cortex-M4) as a pc_cm_board
 * for ports/cortex-m, for emulation and tests only:
 *
 *   TRNG  NOT A TRNG. The boards have no random source, so this is a
 *         deterministic stand-in: SHA-256(seed || counter), the seed fixed
 *         at build time (PC_MPS2_STANDIN_SEED, written by the Makefile
 *         from /dev/urandom). Every run of one image gives the same bytes.
 *   RTC   the FPGA I/O block's 1 Hz counter (CLK1HZ at 0x40028010, QEMU's
 *         virtual clock) plus an offset set by pc_mps2_rtc_set(); "time
 *         unknown" until then, as a real RTC after losing its battery.
 *   Flash a RAM array with NOR semantics: erase to 0xFF, programming can
 *         only clear bits, each unit once, 4-byte units, 8 KB sectors.
 *         pc_mps2_flash_cut() simulates a power cut in the middle of a
 *         later operation, for crash tests.
 *   Log   semihosting stdout.
 *
 * Also the CMSDK APB timer 0 (0x40000000, 25 MHz) as a tick counter: with
 * QEMU's -icount shift=0 one instruction is one nanosecond of virtual
 * time, so a tick is 40 instructions (pc_mps2_ticks()).
 */
#ifndef PAYCODE_BOARD_MPS2_H
#define PAYCODE_BOARD_MPS2_H

#include "../cm_port.h"

#define PC_MPS2_FLASH_SECTOR 8192u
#define PC_MPS2_FLASH_SECTORS 16u
#define PC_MPS2_FLASH_UNIT 4u
/** Timer ticks per second (the boards' 25 MHz peripheral clock). */
#define PC_MPS2_TICK_HZ 25000000u

/** The board table (its hw state is static inside board_mps2.c). */
extern const pc_cm_board pc_mps2_board;

/** Erase the emulated flash and clear the RTC and the TRNG counter. */
void pc_mps2_init(void);

/** Set the RTC to Unix time t. */
void pc_mps2_rtc_set(pc_time t);
/** Make the RTC "not set" again. */
void pc_mps2_rtc_clear(void);

/**
 * Power cut: the next `ops` flash operations (erase or program) complete,
 * the one after it stops after `bytes` bytes (an erase: after that many
 * bytes erased), and every later operation fails until pc_mps2_flash_power().
 */
void pc_mps2_flash_cut(unsigned ops, unsigned bytes);
/** Power back: operations work again (the flash keeps what was done). */
void pc_mps2_flash_power(void);
/** True when a cut has happened since the last pc_mps2_flash_power(). */
int pc_mps2_flash_was_cut(void);
/** Operations (erase + program) done since pc_mps2_init(). */
unsigned pc_mps2_flash_ops(void);

/** Make the stand-in TRNG return the same word forever (health test). */
void pc_mps2_trng_stuck(int on);

/** Start the 25 MHz tick counter (CMSDK timer 0) and read it. */
void pc_mps2_ticks_start(void);
uint32_t pc_mps2_ticks(void);

#endif
