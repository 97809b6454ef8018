/*
 * NOR flash emulated in memory, for the emulated boards (board_mps2.c and
 * the host's test/board_host.c): erase to 0xFF, programming clears bits
 * only, each unit once between erases (a second program of a unit is a
 * driver bug and fails), and power cuts in the middle of an operation.
 */
#ifndef PAYCODE_RAM_FLASH_H
#define PAYCODE_RAM_FLASH_H

#include <paycode/platform.h>

typedef struct pc_ramflash {
	uint8_t *mem;
	uint32_t sector, sectors, unit;
	unsigned ops, cut_after, cut_bytes;
	int cut_armed, cut_done;
} pc_ramflash;

/** Erase everything, clear the counters and any cut. */
void pc_ramflash_init(pc_ramflash *f, uint8_t *mem, uint32_t sector,
		      uint32_t sectors, uint32_t unit);
pc_err pc_ramflash_read(pc_ramflash *f, uint32_t off, uint8_t *buf, size_t len);
pc_err pc_ramflash_erase(pc_ramflash *f, uint32_t sector);
pc_err pc_ramflash_program(pc_ramflash *f, uint32_t off, const uint8_t *data,
			   size_t len);

/**
 * Power cut: the next `ops` operations (erase or program) complete, the one
 * after them stops after `bytes` bytes and fails, and every later one fails
 * until pc_ramflash_power().
 */
void pc_ramflash_cut(pc_ramflash *f, unsigned ops, unsigned bytes);
void pc_ramflash_power(pc_ramflash *f);

#endif
