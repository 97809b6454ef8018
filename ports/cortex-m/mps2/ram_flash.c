/*
 * NOR flash emulated in memory: see ram_flash.h.
 */
#include <string.h>

#include "ram_flash.h"

void pc_ramflash_init(pc_ramflash *f, uint8_t *mem, uint32_t sector,
		      uint32_t sectors, uint32_t unit)
{
	memset(f, 0, sizeof *f);
	f->mem = mem;
	f->sector = sector;
	f->sectors = sectors;
	f->unit = unit;
	memset(mem, 0xFF, (size_t)sector * sectors);
}

/* How many bytes of the next operation of `len` bytes land. */
static size_t pc__power(pc_ramflash *f, size_t len, pc_err *err)
{
	*err = PC_OK;
	if (f->cut_done) {
		*err = PC_ERR_STORAGE;
		return 0;
	}
	f->ops++;
	if (f->cut_armed && f->ops > f->cut_after) {
		f->cut_done = 1;
		*err = PC_ERR_STORAGE;
		return f->cut_bytes < len ? f->cut_bytes : len;
	}
	return len;
}

static bool pc__in(const pc_ramflash *f, uint32_t off, size_t len)
{
	size_t size = (size_t)f->sector * f->sectors;

	return off <= size && len <= size - off;
}

pc_err pc_ramflash_read(pc_ramflash *f, uint32_t off, uint8_t *buf, size_t len)
{
	if (!pc__in(f, off, len))
		return PC_ERR_STORAGE;
	memcpy(buf, f->mem + off, len);
	return PC_OK;
}

pc_err pc_ramflash_erase(pc_ramflash *f, uint32_t sector)
{
	pc_err err;
	size_t n;

	if (sector >= f->sectors)
		return PC_ERR_STORAGE;
	n = pc__power(f, f->sector, &err);
	memset(f->mem + (size_t)sector * f->sector, 0xFF, n);
	return err;
}

pc_err pc_ramflash_program(pc_ramflash *f, uint32_t off, const uint8_t *data,
			   size_t len)
{
	pc_err err;
	size_t i, j, n;

	if (off % f->unit != 0 || len % f->unit != 0 || !pc__in(f, off, len))
		return PC_ERR_STORAGE;
	for (i = 0; i < len; i += f->unit)
		for (j = 0; j < f->unit; j++)
			if (f->mem[off + i + j] != 0xFF)
				return PC_ERR_STORAGE;
	n = pc__power(f, len, &err);
	for (i = 0; i < n; i++)
		f->mem[off + i] &= data[i];
	return err;
}

void pc_ramflash_cut(pc_ramflash *f, unsigned ops, unsigned bytes)
{
	f->cut_armed = 1;
	f->cut_after = f->ops + ops;
	f->cut_bytes = bytes;
}

void pc_ramflash_power(pc_ramflash *f)
{
	f->cut_armed = 0;
	f->cut_done = 0;
}
