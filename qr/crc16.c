/*
 * CRC-16/CCITT-FALSE for EMV QRCPS MPM §4.7.3 (ISO/IEC 13239 polynomial
 * 0x1021, initial value 0xFFFF, no reflection, no final XOR).
 *
 * Table-free: the byte-at-a-time update is expanded into shifts and XORs of
 * the polynomial's terms (x^16 + x^12 + x^5 + 1), so it costs no flash for
 * a table and has no data-dependent memory access.
 */
#include <paycode/emvqr.h>

#include "internal.h"

uint16_t pc_crc16_ccitt(uint16_t crc, const void *data, size_t len)
{
	const uint8_t *p = (const uint8_t *)data;
	uint32_t c = crc;
	size_t i;

	for (i = 0; i < len; i++) {
		uint32_t x = ((c >> 8) ^ p[i]) & 0xFFu;

		x ^= x >> 4;
		c = ((c << 8) ^ (x << 12) ^ (x << 5) ^ x) & 0xFFFFu;
	}
	return (uint16_t)c;
}
