/*
 * A pc_cm_board for the footprint images that use the Cortex-M port: the
 * TRNG is a xorshift stand-in (NOT a TRNG), the RTC a constant, and the
 * flash region a .flashstore array placed in the FLASH memory region
 * (NOLOAD: it costs flash sectors, not RAM; QEMU's MPS2 "flash" is
 * writable). The flash functions stand for a vendor driver.
 */
#include <string.h>

#include "fp_board.h"

#define FP_SECTOR 8192u
#define FP_SECTORS 6u

static uint8_t fp__flash[FP_SECTOR * FP_SECTORS] __attribute__((section(".flashstore"), aligned(4)));
static uint32_t fp__x = 0x9E3779B9u;

static pc_err fp__trng(void *hw, uint32_t *word)
{
	(void)hw;
	fp__x ^= fp__x << 13;
	fp__x ^= fp__x >> 17;
	fp__x ^= fp__x << 5;
	*word = fp__x;
	return PC_OK;
}

static pc_err fp__rtc(void *hw, pc_time *now)
{
	(void)hw;
	*now = 1800000000;
	return PC_OK;
}

static pc_err fp__read(void *hw, uint32_t off, uint8_t *buf, size_t len)
{
	(void)hw;
	memcpy(buf, fp__flash + off, len);
	return PC_OK;
}

static pc_err fp__erase(void *hw, uint32_t sector)
{
	(void)hw;
	memset(fp__flash + sector * FP_SECTOR, 0xFF, FP_SECTOR);
	return PC_OK;
}

static pc_err fp__program(void *hw, uint32_t off, const uint8_t *data, size_t len)
{
	size_t i;

	(void)hw;
	for (i = 0; i < len; i++)
		fp__flash[off + i] &= data[i];
	return PC_OK;
}

const pc_cm_board fp_board = {
	.trng_read = fp__trng,
	.rtc_read = fp__rtc,
	.flash_sector_size = FP_SECTOR,
	.flash_sectors = FP_SECTORS,
	.flash_prog_unit = 4,
	.flash_read = fp__read,
	.flash_erase = fp__erase,
	.flash_program = fp__program,
};
