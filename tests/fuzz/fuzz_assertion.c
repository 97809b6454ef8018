/*
 * libFuzzer target for user-verification assertions (core/assertion.c,
 * core/assertion_verify.c, SPEC §6.4).
 *
 * Set-up (once): a root and a device key derived from fixed labels, a
 * biometric device certificate, a small in-process platform (fixed clock,
 * RAM counter object, key_sign with the device key) and one genuine
 * assertion made by pc_assertion_gen(), checked to verify.
 *
 * Each input is used twice, each time in an exact-size heap copy:
 *   1. as an assertion: pc_assertion_parse() returns PC_OK,
 *      PC_ERR_BIO_ASSERTION or PC_ERR_ASSERT_SUITE, leaves the view
 *      zeroised on failure, and succeeds only for lengths of SPEC §6.4.2;
 *      pc_assertion_verify() against a fresh store accepts it only when it
 *      is the genuine assertion byte for byte;
 *   2. as a mask: the genuine assertion XORed with the input (bytes past
 *      its end are appended): unless the mask is all zero, the result
 *      never verifies.
 * After every rejected verification the store is still empty: nothing is
 * consumed by bad input.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <paycode/assertion.h>
#include <paycode/crypto.h>

static void fail(int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, line, what);
	abort();
}

#define check(x) ((x) ? (void)0 : fail(__LINE__, #x))

#define RP "loan.example-provider.cn"
#define NOW ((pc_time)1800000000)

static uint8_t root_priv[32], root_pub[65], dev_priv[32], dev_pub[65];
static uint8_t cert[PC_CERT_LEN], challenge[32], txn[32];
static uint8_t genuine[PC_ASSERT_MAX_LEN];
static size_t genuine_len;
static uint8_t ctr_obj[16];
static size_t ctr_len;
static pc_platform plat;

static pc_err p_time(void *ctx, pc_time *now)
{
	(void)ctx;
	*now = NOW;
	return PC_OK;
}

static pc_err p_rng(void *ctx, uint8_t *out, size_t len)
{
	(void)ctx;
	(void)out;
	(void)len;
	return PC_ERR_RNG;
}

static pc_err p_read(void *ctx, const char *name, uint64_t off, uint8_t *buf, size_t cap,
		     size_t *got)
{
	(void)ctx;
	(void)name;
	if (ctr_len == 0)
		return PC_ERR_NOT_FOUND;
	*got = off >= ctr_len ? 0 : (ctr_len - off < cap ? ctr_len - off : cap);
	memcpy(buf, ctr_obj + off, *got);
	return PC_OK;
}

static pc_err p_write(void *ctx, const char *name, const uint8_t *data, size_t len)
{
	(void)ctx;
	(void)name;
	if (len > sizeof ctr_obj)
		return PC_ERR_STORAGE;
	memcpy(ctr_obj, data, len);
	ctr_len = len;
	return PC_OK;
}

static pc_err p_sign(void *ctx, uint32_t id, const uint8_t hash[32], uint8_t *sig, size_t cap)
{
	(void)ctx;
	if (id != 1 || cap < 64)
		return PC_ERR_NOT_FOUND;
	return pc_p256_sign(dev_priv, hash, sig);
}

static void key_of(const char *label, uint8_t priv[32], uint8_t pub[65])
{
	check(pc_sha256(label, strlen(label), priv) == PC_OK);
	check(pc_p256_public(priv, pub) == PC_OK);
}

static void make_cert(void)
{
	pc_cert c;

	memset(&c, 0, sizeof c);
	c.suite = PC_SUITE_1;
	c.issuer_key_id = 1;
	c.serial = 77;
	c.token_id = 0x0102030405060708ull;
	c.alias = 1234567;
	c.not_before = NOW - 86400;
	c.not_after = NOW + 86400;
	c.max_risk = PC_RISK_A;
	c.flags = PC_CERT_F_OFFLINE | PC_CERT_F_BIOMETRIC;
	memcpy(c.pub, dev_pub, 65);
	check(pc_cert_sign(&c, root_priv) == PC_OK);
	check(pc_cert_encode(&c, cert) == PC_OK);
}

static pc_assertion_policy policy(void)
{
	pc_assertion_policy p;

	pc_assertion_policy_default(&p, PC_ASSERT_REMOTE_AUTH);
	p.rp_id = RP;
	p.rp_id_len = strlen(RP);
	p.challenge = challenge;
	p.challenge_len = sizeof challenge;
	p.txn_digest = txn;
	return p;
}

static bool store_empty(const pc_memstore *ms)
{
	size_t i;

	for (i = 0; i < PC_MEMSTORE_SLOTS; i++)
		if (ms->slot[i].expires != 0)
			return false;
	return true;
}

/* Verify in an exact-size copy against a fresh store. */
static pc_err verify(const uint8_t *in, size_t len, bool *consumed_any)
{
	static pc_memstore ms;
	static pc_validator v;
	pc_assertion_policy p = policy();
	pc_assertion view;
	pc_store st;
	uint8_t *copy = malloc(len ? len : 1);
	pc_err err;

	check(copy != NULL);
	memcpy(copy, in, len);
	pc_memstore_init(&ms, NULL, &st);
	check(pc_validator_init(&v, PC_MODE_TERMINAL, &plat, &st, NULL, NULL) == PC_OK);
	check(pc_validator_add_root(&v, 1, root_pub) == PC_OK);
	err = pc_assertion_verify(&v, &p, copy, len, &view);
	*consumed_any = !store_empty(&ms);
	check((view.consumed != 0) == (err == PC_OK));
	free(copy);
	return err;
}

static void setup(void)
{
	pc_assertion_input in;
	bool consumed;

	plat.version = PC_PLATFORM_VERSION;
	plat.rng = p_rng;
	plat.time_now = p_time;
	plat.storage_read = p_read;
	plat.storage_write_atomic = p_write;
	plat.key_sign = p_sign;
	key_of("fuzz root", root_priv, root_pub);
	key_of("fuzz device", dev_priv, dev_pub);
	make_cert();
	check(pc_sha256("challenge", 9, challenge) == PC_OK);
	check(pc_sha256("application", 11, txn) == PC_OK);
	memset(&in, 0, sizeof in);
	in.rp_id = RP;
	in.rp_id_len = strlen(RP);
	in.challenge = challenge;
	in.challenge_len = sizeof challenge;
	in.purpose = PC_ASSERT_REMOTE_AUTH;
	in.txn_digest = txn;
	in.uv = PC_UV_FINGERPRINT | PC_UV_PIN;
	in.location = PC_UV_LOC_SE;
	in.assurance = 5000;
	in.pad = PC_BIO_PAD_PASS;
	check(pc_assertion_gen(&plat, 1, cert, &in, genuine, sizeof genuine, &genuine_len) == PC_OK);
	check(verify(genuine, genuine_len, &consumed) == PC_OK && consumed);
}

static void as_assertion(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size ? size : 1);
	static const uint8_t zero[sizeof(pc_assertion)];
	pc_assertion a;
	bool consumed;
	pc_err err;

	check(copy != NULL);
	memcpy(copy, data, size);
	err = pc_assertion_parse(&a, copy, size);
	check(err == PC_OK || err == PC_ERR_BIO_ASSERTION || err == PC_ERR_ASSERT_SUITE);
	if (err != PC_OK)
		check(memcmp(&a, zero, sizeof a) == 0);
	else
		check(size == PC_ASSERT_FIXED_LEN + a.challenge_len + a.txn_len &&
		      size >= PC_ASSERT_MIN_LEN && size <= PC_ASSERT_MAX_LEN);
	free(copy);
	err = verify(data, size, &consumed);
	if (err == PC_OK)
		check(size == genuine_len && memcmp(data, genuine, size) == 0);
	else
		check(!consumed);
}

static void as_mask(const uint8_t *data, size_t size)
{
	uint8_t m[PC_ASSERT_MAX_LEN + 64];
	size_t n = size > genuine_len ? size : genuine_len, i;
	bool zero = size <= genuine_len, consumed;
	pc_err err;

	if (n > sizeof m)
		n = sizeof m;
	memcpy(m, genuine, genuine_len);
	for (i = 0; i < n; i++) {
		if (i < genuine_len)
			m[i] ^= i < size ? data[i] : 0;
		else
			m[i] = data[i];
		zero = zero && (i >= size || data[i] == 0);
	}
	err = verify(m, n, &consumed);
	if (zero)
		check(err == PC_OK);
	else
		check(err != PC_OK && !consumed);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;

	if (!ready) {
		setup();
		ready = true;
	}
	as_assertion(data, size);
	as_mask(data, size);
	return 0;
}
