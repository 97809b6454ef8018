/*
 * libFuzzer target for the revocation-list decoder (core/cert.c,
 * SPEC §4.4).
 *
 * The input, in an exact-size heap copy, is decoded with pc_crl_decode().
 * Oracles (abort() on failure):
 *   - the result is PC_OK or PC_ERR_CRL_FORMAT, and decode succeeds
 *     exactly when an independent reading of SPEC §4.4 accepts: version 1,
 *     suite 1, n <= PC_CRL_MAX, length 32 + 8n + 64, times below 2^63 with
 *     next update >= this update, serials strictly ascending;
 *   - a failed decode leaves a list that contains nothing;
 *   - on success every field holds the bytes at its SPEC offset;
 *     pc_crl_encode() reports the input's length on a size query
 *     (PC_ERR_BUFFER_TOO_SMALL), refuses a buffer one byte short, and into
 *     an exact-size heap buffer gives back exactly the input;
 *   - pc_crl_contains() agrees with a linear scan for every listed serial,
 *     its neighbours, 0, 2^64 - 1, and serials read from the input at
 *     every offset.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <paycode/code.h>

static void fail(int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, line, what);
	abort();
}

#define check(x) ((x) ? (void)0 : fail(__LINE__, #x))

static pc_crl g_l;

static uint64_t be(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;
	unsigned i;

	for (i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

/* SPEC §4.4, read independently of core/cert.c. */
static bool spec_accepts(const uint8_t *p, size_t len)
{
	uint64_t n, tu, nu;
	size_t i;

	if (len < 32 + 64 || p[0] != 1 || p[1] != 1)
		return false;
	n = be(p + 30, 2);
	tu = be(p + 14, 8);
	nu = be(p + 22, 8);
	if (n > PC_CRL_MAX || len != 32 + 8 * n + 64 || tu >= (1ull << 63) ||
	    nu >= (1ull << 63) || nu < tu)
		return false;
	for (i = 1; i < n; i++)
		if (be(p + 32 + 8 * i, 8) <= be(p + 24 + 8 * i, 8))
			return false;
	return true;
}

static bool linear(const pc_crl *l, uint64_t s)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		if (l->serial[i] == s)
			return true;
	return false;
}

static void probe(const pc_crl *l, uint64_t s)
{
	check(pc_crl_contains(l, s) == linear(l, s));
}

static void check_fields(const pc_crl *l, const uint8_t *p, size_t len)
{
	size_t i;

	check(l->suite == p[1]);
	check(l->issuer_key_id == (uint32_t)be(p + 2, 4));
	check(l->number == be(p + 6, 8));
	check(l->this_update == (pc_time)be(p + 14, 8));
	check(l->next_update == (pc_time)be(p + 22, 8));
	check(l->count == be(p + 30, 2));
	for (i = 0; i < l->count; i++)
		check(l->serial[i] == be(p + 32 + 8 * i, 8));
	check(memcmp(l->sig, p + len - 64, 64) == 0);
}

static void check_encode(const pc_crl *l, const uint8_t *in, size_t size)
{
	uint8_t *out;
	size_t n = 0;

	check(pc_crl_encode(l, NULL, 0, &n) == PC_ERR_BUFFER_TOO_SMALL);
	check(n == size);
	out = malloc(size);
	check(out != NULL);
	n = 0;
	check(pc_crl_encode(l, out, size - 1, &n) == PC_ERR_BUFFER_TOO_SMALL);
	check(n == size);
	memset(out, 0xA5, size);
	check(pc_crl_encode(l, out, size, &n) == PC_OK);
	check(n == size && memcmp(out, in, size) == 0);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *in = malloc(size ? size : 1);
	size_t i;
	pc_err err;

	check(in != NULL);
	if (size != 0)
		memcpy(in, data, size);
	memset(&g_l, 0xA5, sizeof g_l);
	err = pc_crl_decode(&g_l, in, size);
	check(err == PC_OK || err == PC_ERR_CRL_FORMAT);
	check((err == PC_OK) == spec_accepts(in, size));
	if (err != PC_OK) {
		check(g_l.count == 0 && !pc_crl_contains(&g_l, 0));
		free(in);
		return 0;
	}
	check_fields(&g_l, in, size);
	check_encode(&g_l, in, size);
	probe(&g_l, 0);
	probe(&g_l, UINT64_MAX);
	for (i = 0; i < g_l.count; i++) {
		check(pc_crl_contains(&g_l, g_l.serial[i]));
		probe(&g_l, g_l.serial[i] - 1);
		probe(&g_l, g_l.serial[i] + 1);
	}
	for (i = 0; i + 8 <= size; i++)
		probe(&g_l, be(in + i, 8));
	free(in);
	return 0;
}
