/*
 * libFuzzer target for sealed templates (biometric/seal.c, SPEC §6.3), on
 * a fixed in-file platform (deterministic rng, clock and key_derive).
 *
 * Input byte 0 picks the mode:
 *   even  the rest is a blob (exact-size heap copy): pc_bio_sealed_peek,
 *         pc_bio_unseal (expecting the ID its header names, so the input
 *         reaches the tag check) and pc_bio_reseal must fail with one of
 *         their documented errors, leave the outputs zeroed, and never
 *         open anything but a blob this platform sealed;
 *   odd   the rest is a mutation of a genuine blob: pairs (offset, xor)
 *         applied to it, then truncated or extended by the last byte.
 *         It opens only when the result equals the genuine blob.
 * Oracle failures call abort().
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <paycode/bio.h>

static void fail(int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, line, what);
	abort();
}

#define check(x) ((x) ? (void)0 : fail(__LINE__, #x))

static pc_err f_rng(void *ctx, uint8_t *out, size_t len)
{
	(void)ctx;
	memset(out, 0x3c, len);
	return PC_OK;
}

static pc_err f_time(void *ctx, pc_time *now)
{
	(void)ctx;
	*now = 1700000000;
	return PC_OK;
}

/* One device: a fixed function of (key_id, label). */
static pc_err f_derive(void *ctx, uint32_t key_id, const uint8_t *label,
		       size_t label_len, uint8_t out[32])
{
	size_t i;

	(void)ctx;
	for (i = 0; i < 32; i++)
		out[i] = (uint8_t)(key_id * 31u + i * 7u + label[i % label_len]);
	return PC_OK;
}

static pc_platform plat;
static pc_bio_template views[2], back[PC_BIO_SEAL_MAX_SAMPLES];
static uint8_t genuine[PC_BIO_SEAL_OVERHEAD + 2 * PC_BIO_SEAL_SAMPLE_LEN(4)];
static uint8_t out[PC_BIO_SEALED_MAX_LEN + 64];
static size_t genuine_len;

static void init(void)
{
	size_t i;

	plat.version = PC_PLATFORM_VERSION;
	plat.rng = f_rng;
	plat.time_now = f_time;
	plat.key_derive = f_derive;
	for (i = 0; i < 8; i++) {
		views[i / 4].pt[i % 4].x = (int16_t)(i * 40);
		views[i / 4].pt[i % 4].y = (int16_t)(300 - i * 20);
		views[i / 4].pt[i % 4].angle = (uint16_t)(i * 8000);
		views[i / 4].pt[i % 4].type = (uint8_t)(i % 3);
	}
	views[0].count = views[1].count = 4;
	check(pc_bio_seal(&plat, 5, 77, views, 2, genuine, sizeof genuine,
			  &genuine_len) == PC_OK);
	check(genuine_len == sizeof genuine);
}

static bool zero(const void *p, size_t n)
{
	const uint8_t *b = p;

	while (n-- > 0)
		if (*b++ != 0)
			return false;
	return true;
}

static bool is_genuine(const uint8_t *p, size_t n)
{
	return n == genuine_len && memcmp(p, genuine, n) == 0;
}

static void try_blob(const uint8_t *p, size_t n)
{
	pc_bio_sealed_info info;
	size_t k = 99, len = 0;
	pc_err e = pc_bio_sealed_peek(p, n, &info);

	check(e == PC_OK || e == PC_ERR_BIO_SEALED);
	if (e != PC_OK)
		check(zero(&info, sizeof info));
	e = pc_bio_unseal(&plat, p, n, info.template_id, back,
			  PC_BIO_SEAL_MAX_SAMPLES, &k);
	if (e == PC_OK) {
		check(is_genuine(p, n) && k == 2);
		check(memcmp(back, views, sizeof views) == 0);
		return;
	}
	check(e == PC_ERR_BIO_SEALED || e == PC_ERR_VERIFY ||
	      e == PC_ERR_BUFFER_TOO_SMALL || e == PC_ERR_CAPACITY ||
	      e == PC_ERR_BIO_SEAL_ID);
	check(zero(back, sizeof back));
	check(e == PC_ERR_BUFFER_TOO_SMALL || k == 0);
	e = pc_bio_reseal(&plat, p, n, info.template_id, 6, out, sizeof out,
			  &len);
	check(e != PC_OK && zero(out, sizeof out));
	check(len == (e == PC_ERR_BUFFER_TOO_SMALL ? n : 0));
}

static void mutate(const uint8_t *d, size_t n)
{
	uint8_t *b = malloc(genuine_len + 256);
	size_t len = genuine_len, i;

	check(b != NULL);
	memcpy(b, genuine, genuine_len);
	memset(b + genuine_len, 0, 256);
	for (i = 0; i + 1 < n; i += 2)
		b[d[i] % genuine_len] ^= d[i + 1];
	if (n % 2 == 1)
		len = (d[n - 1] < 128) ? genuine_len * d[n - 1] / 128
				       : genuine_len + (size_t)(d[n - 1] - 127);
	try_blob(b, len);
	free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy;

	if (genuine_len == 0)
		init();
	if (size == 0)
		return 0;
	if (data[0] & 1) {
		mutate(data + 1, size - 1);
		return 0;
	}
	copy = malloc(size);
	check(copy != NULL);
	memcpy(copy, data + 1, size - 1);
	try_blob(copy, size - 1);
	free(copy);
	return 0;
}
