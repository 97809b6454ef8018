/*
 * libFuzzer target for the ISO/IEC 19794-2:2005 and :2011 record parsers
 * and writers (biometric/iso19794_2.c through pc_bio_parse). The first
 * input byte picks the edition; the rest follows the magic and version,
 * so every run reaches the ISO code (an ISO 2005 length word under 24
 * reads as ANSI by the detection rule: that path is fuzz_bio_ansi's).
 * Oracle: tests/fuzz/bio_oracle.h.
 */
#include "bio_oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t h2005[8] = { 'F', 'M', 'R', 0, ' ', '2', '0', 0 };
	static const uint8_t h2011[8] = { 'F', 'M', 'R', 0, '0', '3', '0', 0 };
	uint8_t *buf;

	if (size == 0)
		return 0;
	buf = malloc(size + 7);
	check(buf != NULL);
	memcpy(buf, (data[0] & 1) ? h2011 : h2005, 8);
	memcpy(buf + 8, data + 1, size - 1);
	bio_record_oracle(buf, size + 7);
	free(buf);
	return 0;
}
