/*
 * libFuzzer target for the ANSI/INCITS 378-2004 record parser and writer
 * (biometric/ansi378.c through pc_bio_parse). The input follows the magic
 * and version " 20\0" (or "020\0" when the first byte is odd, a lenient
 * quirk); a 2-byte length under 26 is moved into the ANSI range (or to 0,
 * the 6-byte form, when it was 0), so every run reaches the ANSI code.
 * Oracle: tests/fuzz/bio_oracle.h.
 */
#include "bio_oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t h20[8] = { 'F', 'M', 'R', 0, ' ', '2', '0', 0 };
	static const uint8_t h020[8] = { 'F', 'M', 'R', 0, '0', '2', '0', 0 };
	unsigned l16;
	uint8_t *buf;

	if (size < 3)
		return 0;
	buf = malloc(size + 7);
	check(buf != NULL);
	memcpy(buf, (data[0] & 1) ? h020 : h20, 8);
	memcpy(buf + 8, data + 1, size - 1);
	l16 = (unsigned)buf[8] << 8 | buf[9];
	if (l16 != 0 && l16 < 26)
		buf[9] = (uint8_t)(l16 + 26);
	else if (l16 == 0 && size + 7 >= 12 && buf[10] == 0 && buf[11] >= 24)
		buf[11] = 0; /* keep the 6-byte form ANSI */
	bio_record_oracle(buf, size + 7);
	free(buf);
	return 0;
}
