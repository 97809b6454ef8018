/*
 * libFuzzer target for the device-certificate decoder (core/cert.c,
 * SPEC §4.3).
 *
 * The input, in an exact-size heap copy (so ASan sees any read past len),
 * is decoded with pc_cert_decode(). Oracles (abort() on failure):
 *   - the result is PC_OK or PC_ERR_CERT_FORMAT, and a failed decode
 *     leaves the structure zeroised;
 *   - decode succeeds exactly when an independent reading of SPEC §4.3
 *     accepts: 173 bytes, version 1, suite 1, alias <= 9,999,999, times
 *     below 2^63 with not after >= not before, risk 'A'..'D', and an
 *     uncompressed public key on P-256 (the on-curve test is the
 *     library's pc_p256_check_public, the one thing not re-implemented);
 *   - on success every field holds the bytes at its SPEC offset, and
 *     pc_cert_encode() gives back exactly the input;
 *   - every proper prefix of a decodable input is refused.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <paycode/code.h>
#include <paycode/crypto.h>

static void fail(int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, line, what);
	abort();
}

#define check(x) ((x) ? (void)0 : fail(__LINE__, #x))

static uint64_t be(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;
	unsigned i;

	for (i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

/* SPEC §4.3, read independently of core/cert.c. */
static bool spec_accepts(const uint8_t *p, size_t len)
{
	uint64_t nb, na;

	if (len != 173 || p[0] != 1 || p[1] != 1)
		return false;
	nb = be(p + 26, 8);
	na = be(p + 34, 8);
	return be(p + 22, 4) <= 9999999u && nb < (1ull << 63) && na < (1ull << 63) &&
	       na >= nb && p[42] >= 'A' && p[42] <= 'D' && p[44] == 0x04 &&
	       pc_p256_check_public(p + 44) == PC_OK;
}

static bool all_zero(const void *p, size_t n)
{
	const uint8_t *b = (const uint8_t *)p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != 0)
			return false;
	return true;
}

static void check_fields(const pc_cert *c, const uint8_t *p)
{
	check(c->suite == p[1]);
	check(c->issuer_key_id == (uint32_t)be(p + 2, 4));
	check(c->serial == be(p + 6, 8));
	check(c->token_id == be(p + 14, 8));
	check(c->alias == (uint32_t)be(p + 22, 4));
	check(c->not_before == (pc_time)be(p + 26, 8));
	check(c->not_after == (pc_time)be(p + 34, 8));
	check(c->max_risk == p[42] - 'A');
	check(c->flags == p[43]);
	check(memcmp(c->pub, p + 44, 65) == 0);
	check(memcmp(c->sig, p + 109, 64) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *in = malloc(size ? size : 1), out[PC_CERT_LEN];
	pc_cert c;
	size_t k;
	pc_err err;

	check(in != NULL);
	if (size != 0)
		memcpy(in, data, size);
	memset(&c, 0xA5, sizeof c);
	err = pc_cert_decode(&c, in, size);
	check(err == PC_OK || err == PC_ERR_CERT_FORMAT);
	check((err == PC_OK) == spec_accepts(in, size));
	if (err != PC_OK) {
		check(all_zero(&c, sizeof c));
		free(in);
		return 0;
	}
	check_fields(&c, in);
	memset(out, 0xA5, sizeof out);
	check(pc_cert_encode(&c, out) == PC_OK);
	check(memcmp(out, in, PC_CERT_LEN) == 0);
	for (k = 0; k < size; k += 1 + k / 8) /* a spread of prefixes */
		check(pc_cert_decode(&c, in, k) == PC_ERR_CERT_FORMAT);
	free(in);
	return 0;
}
