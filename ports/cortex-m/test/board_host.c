/*
 * The emulated board of board_mps2.h on a host, for the port's tests under
 * the host's sanitizers (tests/unit/test_cm_port.c): the same flash
 * emulation (ram_flash.c), an RTC that only moves when set, a stand-in rng
 * (SHA-256 of a counter: NOT a TRNG), no timer.
 */
#include <string.h>

#include <paycode/crypto.h>
#include "../mps2/board_mps2.h"
#include "../mps2/ram_flash.h"

static uint8_t pc__host_mem[PC_MPS2_FLASH_SECTOR * PC_MPS2_FLASH_SECTORS];

static struct {
	pc_ramflash flash;
	int rtc_set, stuck;
	pc_time rtc;
	uint64_t ctr;
} pc__host;

static pc_err pc__host_trng(void *hw, uint32_t *word)
{
	uint8_t in[8], out[32];
	int i;

	(void)hw;
	if (pc__host.stuck) {
		*word = 0x5A5A5A5Au;
		return PC_OK;
	}
	for (i = 0; i < 8; i++)
		in[i] = (uint8_t)(pc__host.ctr >> (56 - 8 * i));
	pc__host.ctr++;
	if (pc_sha256(in, sizeof in, out) != PC_OK)
		return PC_ERR_RNG;
	memcpy(word, out, sizeof *word);
	return PC_OK;
}

static pc_err pc__host_rtc(void *hw, pc_time *now)
{
	(void)hw;
	if (!pc__host.rtc_set)
		return PC_ERR_TIME_UNKNOWN;
	*now = pc__host.rtc;
	return PC_OK;
}

static pc_err pc__host_read(void *hw, uint32_t off, uint8_t *buf, size_t len)
{
	(void)hw;
	return pc_ramflash_read(&pc__host.flash, off, buf, len);
}

static pc_err pc__host_erase(void *hw, uint32_t sector)
{
	(void)hw;
	return pc_ramflash_erase(&pc__host.flash, sector);
}

static pc_err pc__host_program(void *hw, uint32_t off, const uint8_t *data,
			       size_t len)
{
	(void)hw;
	return pc_ramflash_program(&pc__host.flash, off, data, len);
}

const pc_cm_board pc_mps2_board = {
	.trng_read = pc__host_trng,
	.rtc_read = pc__host_rtc,
	.flash_sector_size = PC_MPS2_FLASH_SECTOR,
	.flash_sectors = PC_MPS2_FLASH_SECTORS,
	.flash_prog_unit = PC_MPS2_FLASH_UNIT,
	.flash_read = pc__host_read,
	.flash_erase = pc__host_erase,
	.flash_program = pc__host_program,
};

void pc_mps2_init(void)
{
	memset(&pc__host, 0, sizeof pc__host);
	pc_ramflash_init(&pc__host.flash, pc__host_mem, PC_MPS2_FLASH_SECTOR,
			 PC_MPS2_FLASH_SECTORS, PC_MPS2_FLASH_UNIT);
}

void pc_mps2_rtc_set(pc_time t)
{
	pc__host.rtc = t;
	pc__host.rtc_set = 1;
}

void pc_mps2_rtc_clear(void)
{
	pc__host.rtc_set = 0;
}

void pc_mps2_flash_cut(unsigned ops, unsigned bytes)
{
	pc_ramflash_cut(&pc__host.flash, ops, bytes);
}

void pc_mps2_flash_power(void)
{
	pc_ramflash_power(&pc__host.flash);
}

int pc_mps2_flash_was_cut(void)
{
	return pc__host.flash.cut_done;
}

unsigned pc_mps2_flash_ops(void)
{
	return pc__host.flash.ops;
}

void pc_mps2_trng_stuck(int on)
{
	pc__host.stuck = on;
}

void pc_mps2_ticks_start(void)
{
}

uint32_t pc_mps2_ticks(void)
{
	return 0;
}
