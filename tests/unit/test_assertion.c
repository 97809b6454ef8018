/*
 * User-verification assertions on the fake port (SPEC §6.4): byte-exact
 * generation against an independent construction (RFC 6979 signatures
 * from the fake key store), the persisted counter, every byte flipped,
 * truncations and extensions, each policy requirement at and around its
 * edge, high-s, trust (wrong root, revoked, stale list, certificate time),
 * replay, store faults and counter rollback. A rejected assertion must
 * consume nothing.
 */
#include <paycode/assertion.h>
#include <paycode/crypto.h>
#include "fake.h"

#include "testutil.h"

#define NOW ((pc_time)1800000000)
#define ROOT_ID 1u
#define DEVICE_KEY 3u
#define SERIAL 4242u
#define RP "credit.example-bank.cn"

static pc_fake fk;
static pc_platform plat;
static uint8_t root_priv[32], root_pub[65], other_pub[65];
static uint8_t cert_bio[PC_CERT_LEN], cert_plain[PC_CERT_LEN];
static pc_memstore ms;
static pc_store st;
static pc_validator v;
static uint8_t challenge[32], txn[32];

static void make_cert(uint8_t out[PC_CERT_LEN], uint64_t serial, uint8_t flags)
{
	pc_cert c;

	memset(&c, 0, sizeof c);
	c.suite = PC_SUITE_1;
	c.issuer_key_id = ROOT_ID;
	c.serial = serial;
	c.token_id = 0x1122334455667788ull;
	c.alias = 7654321;
	c.not_before = NOW - 86400;
	c.not_after = NOW + 86400 * 30;
	c.max_risk = PC_RISK_B;
	c.flags = flags;
	assert_int_equal(plat.key_public(plat.ctx, DEVICE_KEY, c.pub, 65), PC_OK);
	assert_int_equal(pc_cert_sign(&c, root_priv), PC_OK);
	assert_int_equal(pc_cert_encode(&c, out), PC_OK);
}

/* A fresh validator and empty store trusting the root. */
static void fresh(void)
{
	pc_memstore_init(&ms, NULL, &st);
	assert_int_equal(pc_validator_init(&v, PC_MODE_TERMINAL, &plat, &st, NULL, NULL), PC_OK);
	assert_int_equal(pc_validator_add_root(&v, ROOT_ID, root_pub), PC_OK);
}

static int setup(void **state)
{
	uint8_t pub[65], priv[32];
	size_t i;

	(void)state;
	pc_fake_init(&fk, 7, &plat);
	pc_fake_set_time(&fk, NOW);
	assert_int_equal(pc_p256_keygen(&plat, root_priv, root_pub), PC_OK);
	assert_int_equal(pc_p256_keygen(&plat, priv, other_pub), PC_OK);
	assert_int_equal(plat.key_generate(plat.ctx, DEVICE_KEY, PC_KEY_SUITE_P256, pub, 65), PC_OK);
	make_cert(cert_bio, SERIAL, PC_CERT_F_OFFLINE | PC_CERT_F_BIOMETRIC);
	make_cert(cert_plain, SERIAL + 1, PC_CERT_F_OFFLINE);
	for (i = 0; i < 32; i++) {
		challenge[i] = (uint8_t)(0x40 + i);
		txn[i] = (uint8_t)(0x90 ^ i);
	}
	fresh();
	return 0;
}

/* The statement of a fingerprint-verified remote authorisation. */
static pc_assertion_input input(void)
{
	pc_assertion_input in;

	memset(&in, 0, sizeof in);
	in.rp_id = RP;
	in.rp_id_len = strlen(RP);
	in.challenge = challenge;
	in.challenge_len = sizeof challenge;
	in.purpose = PC_ASSERT_REMOTE_AUTH;
	in.txn_digest = txn;
	in.uv = PC_UV_FINGERPRINT;
	in.location = PC_UV_LOC_TEE;
	in.assurance = 4000;
	in.pad = PC_BIO_PAD_PASS;
	return in;
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

static size_t gen_with(const pc_assertion_input *in, const uint8_t *cert, uint8_t *out)
{
	size_t n = 0;

	assert_int_equal(pc_assertion_gen(&plat, DEVICE_KEY, cert, in, out,
					  PC_ASSERT_MAX_LEN, &n), PC_OK);
	return n;
}

static size_t gen(uint8_t *out)
{
	pc_assertion_input in = input();

	return gen_with(&in, cert_bio, out);
}

/* Verify a copy in an exact-size heap buffer (ASan sees overreads). */
static pc_err check(const pc_assertion_policy *p, const uint8_t *a, size_t n,
		    pc_assertion *view)
{
	uint8_t *copy = tu_exact(a, n);
	pc_err err = pc_assertion_verify(&v, p, copy, n, view);

	free(copy);
	return err;
}

static void expect_(int line, const pc_assertion_policy *p, const uint8_t *a,
		    size_t n, pc_err want)
{
	pc_assertion view;
	pc_err got = check(p, a, n, &view);

	if (got != want)
		fail_msg("line %d: want %s got %s", line, pc_err_name(want), pc_err_name(got));
	if (got != PC_OK && view.consumed)
		fail_msg("line %d: a rejected assertion was consumed", line);
}

#define EXPECT(p, a, n, want) expect_(__LINE__, (p), (a), (n), (want))

static const uint8_t *fake_priv(uint32_t id)
{
	size_t i;

	for (i = 0; i < PC_FAKE_KEYS; i++)
		if (fk.key[i].used && fk.key[i].id == id)
			return fk.key[i].priv;
	fail_msg("no key %u", (unsigned)id);
	return NULL;
}

static void put_be(uint8_t *p, uint64_t x, unsigned n)
{
	while (n-- > 0) {
		p[n] = (uint8_t)x;
		x >>= 8;
	}
}

/* The SPEC §6.4.2 table written out by hand, signed as §6.4.3 says. */
static size_t expected(uint32_t counter, pc_time t, uint8_t *out)
{
	static const char ctx[] = "paycode/v1/uv-assertion";
	uint8_t msg[sizeof ctx + PC_ASSERT_MAX_LEN], digest[32];
	size_t n = 0;

	memcpy(out, "PCUA\x01\x01\x02\x01\x02\x01", 10);
	put_be(out + 10, 4000, 2);
	put_be(out + 12, counter, 4);
	put_be(out + 16, (uint64_t)t, 8);
	assert_int_equal(pc_sha256(RP, strlen(RP), out + 24), PC_OK);
	out[56] = 32;
	memcpy(out + 57, challenge, 32);
	out[89] = 32;
	memcpy(out + 90, txn, 32);
	memcpy(out + 122, cert_bio, PC_CERT_LEN);
	n = 122 + PC_CERT_LEN;
	memcpy(msg, ctx, sizeof ctx);
	memcpy(msg + sizeof ctx, out, n);
	assert_int_equal(pc_sha256(msg, sizeof ctx + n, digest), PC_OK);
	assert_int_equal(pc_p256_sign(fake_priv(DEVICE_KEY), digest, out + n), PC_OK);
	assert_int_equal(pc_p256_sig_normalize(out + n), PC_OK);
	return n + 64;
}

static void test_gen_exact(void **state)
{
	uint8_t a[PC_ASSERT_MAX_LEN], want[PC_ASSERT_MAX_LEN];
	char name[PC_STORAGE_NAME_MAX + 1];
	uint32_t last = 99;
	uint32_t before;
	size_t n;

	(void)state;
	pc_assertion_counter_name(0xA1B2C3D4u, name);
	assert_string_equal(name, "paycode-uva-a1b2c3d4.ctr");
	assert_int_equal(pc_assertion_counter_get(&plat, DEVICE_KEY, &before), PC_OK);
	n = gen(a);
	assert_int_equal(n, 295 + 32 + 32);
	assert_int_equal(expected(before + 1, NOW, want), n);
	assert_memory_equal(a, want, n);
	assert_int_equal(pc_assertion_counter_get(&plat, DEVICE_KEY, &last), PC_OK);
	assert_int_equal(last, before + 1);
	pc_fake_set_time(&fk, NOW + 5);
	n = gen(a);
	assert_int_equal(expected(before + 2, NOW + 5, want), n);
	assert_memory_equal(a, want, n);
	pc_fake_set_time(&fk, NOW);
	/* RFC 6979: the same statement, counter and time sign the same way */
	assert_int_equal(expected(before + 2, NOW + 5, a), n);
	assert_memory_equal(a, want, n);
}

static void test_verify_ok_and_replay(void **state)
{
	uint8_t a[PC_ASSERT_MAX_LEN], d[32];
	pc_assertion_policy p = policy();
	pc_assertion view;
	size_t n;

	(void)state;
	fresh();
	n = gen(a);
	assert_int_equal(check(&p, a, n, &view), PC_OK);
	assert_int_equal(view.consumed, 1);
	assert_int_equal(view.purpose, PC_ASSERT_REMOTE_AUTH);
	assert_int_equal(view.uv, PC_UV_FINGERPRINT);
	assert_int_equal(view.location, PC_UV_LOC_TEE);
	assert_int_equal(view.assurance, 4000);
	assert_int_equal(view.pad, PC_BIO_PAD_PASS);
	assert_int_equal(view.time, NOW);
	assert_int_equal(view.cert_serial, SERIAL);
	assert_int_equal(view.alias, 7654321);
	assert_int_equal(view.issuer_key_id, ROOT_ID);
	assert_int_equal(pc_sha256(a, n, d), PC_OK);
	assert_memory_equal(view.digest, d, 32);
	EXPECT(&p, a, n, PC_ERR_REPLAYED);
	/* the replay key is (issuer, serial, counter): another validator with
	 * its own store accepts it once too */
	fresh();
	EXPECT(&p, a, n, PC_OK);
	EXPECT(&p, a, n, PC_ERR_REPLAYED);
	assert_string_equal(pc_assertion_purpose_name(2), "remote-auth");
	assert_string_equal(pc_assertion_purpose_name(9), "?");
	assert_string_equal(pc_assertion_location_name(PC_UV_LOC_SE), "se");
	assert_string_equal(pc_assertion_location_name(7), "?");
}

/* The error class a change of byte i may give (SPEC §6.4.4 order). */
static bool class_ok(size_t i, size_t n, pc_err e)
{
	if (i < 4)
		return e == PC_ERR_BIO_ASSERTION;
	if (i < 6)
		return e == PC_ERR_ASSERT_SUITE;
	if (i >= n - 64)
		return e == PC_ERR_ASSERT_SIGNATURE;
	if (i >= n - 64 - PC_CERT_LEN)
		return e == PC_ERR_ASSERT_CERT;
	return e == PC_ERR_BIO_ASSERTION || e == PC_ERR_ASSERT_SIGNATURE;
}

static void test_every_byte(void **state)
{
	static const uint8_t masks[] = { 0x01, 0x80, 0xff };
	uint8_t a[PC_ASSERT_MAX_LEN], b[PC_ASSERT_MAX_LEN];
	pc_assertion_policy p = policy();
	pc_assertion view;
	size_t n, i, m;
	pc_err e;

	(void)state;
	fresh();
	n = gen(a);
	for (i = 0; i < n; i++)
		for (m = 0; m < sizeof masks; m++) {
			memcpy(b, a, n);
			b[i] ^= masks[m];
			e = check(&p, b, n, &view);
			if (!class_ok(i, n, e))
				fail_msg("byte %zu ^ %02x: %s", i, masks[m], pc_err_name(e));
			assert_int_equal(view.consumed, 0);
		}
	/* truncations and extensions */
	for (i = 0; i < n; i++)
		EXPECT(&p, a, i, PC_ERR_BIO_ASSERTION);
	memcpy(b, a, n);
	b[n] = 0;
	EXPECT(&p, b, n + 1, PC_ERR_BIO_ASSERTION);
	/* a challenge length that disagrees with the total */
	memcpy(b, a, n);
	b[56] = 33;
	EXPECT(&p, b, n, PC_ERR_BIO_ASSERTION);
	b[56] = 15;
	EXPECT(&p, b, n, PC_ERR_BIO_ASSERTION);
	/* nothing was consumed by any of it */
	EXPECT(&p, a, n, PC_OK);
}

static void test_parse(void **state)
{
	uint8_t a[PC_ASSERT_MAX_LEN];
	pc_assertion view;
	size_t n;

	(void)state;
	n = gen(a);
	assert_int_equal(pc_assertion_parse(&view, a, n), PC_OK);
	assert_int_equal(view.challenge_len, 32);
	assert_int_equal(view.txn_len, 32);
	assert_memory_equal(view.cert, cert_bio, PC_CERT_LEN);
	assert_int_equal(pc_assertion_parse(NULL, a, n), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_assertion_parse(&view, NULL, 0), PC_ERR_BIO_ASSERTION);
	a[4] = 2;
	assert_int_equal(pc_assertion_parse(&view, a, n), PC_ERR_ASSERT_SUITE);
	assert_int_equal(pc_assertion_parse(&view, a, 8), PC_ERR_ASSERT_SUITE);
	a[4] = 1;
	a[5] = 2;
	assert_int_equal(pc_assertion_parse(&view, a, n), PC_ERR_ASSERT_SUITE);
	a[5] = 1;
	a[9] = PC_BIO_PAD_NONE; /* PAD none with a biometric claim: allowed */
	assert_int_equal(pc_assertion_parse(&view, a, n), PC_OK);
	a[8] = PC_UV_LOC_NONE; /* biometric without a location: malformed */
	assert_int_equal(pc_assertion_parse(&view, a, n), PC_ERR_BIO_ASSERTION);
	a[8] = 4;
	assert_int_equal(pc_assertion_parse(&view, a, n), PC_ERR_BIO_ASSERTION);
	a[8] = PC_UV_LOC_TEE;
	a[7] = 0x08; /* unknown method bit */
	assert_int_equal(pc_assertion_parse(&view, a, n), PC_ERR_BIO_ASSERTION);
	a[7] = PC_UV_PIN; /* PIN only, yet a location and an assurance */
	assert_int_equal(pc_assertion_parse(&view, a, n), PC_ERR_BIO_ASSERTION);
	a[7] = PC_UV_FINGERPRINT;
	a[6] = 0;
	assert_int_equal(pc_assertion_parse(&view, a, n), PC_ERR_BIO_ASSERTION);
	a[6] = 5;
	assert_int_equal(pc_assertion_parse(&view, a, n), PC_ERR_BIO_ASSERTION);
	a[6] = 2;
	a[16] = 0x40; /* time >= 2^62 */
	assert_int_equal(pc_assertion_parse(&view, a, n), PC_ERR_BIO_ASSERTION);
	a[16] = 0;
	a[89] = 31; /* transaction digest of 31 bytes */
	assert_int_equal(pc_assertion_parse(&view, a, n - 1), PC_ERR_BIO_ASSERTION);
}

/* Generate with one field changed and check what a default policy says. */
static void expect_gen_(int line, pc_assertion_input in, const uint8_t *cert,
			const pc_assertion_policy *p, pc_err want)
{
	uint8_t a[PC_ASSERT_MAX_LEN];
	size_t n = gen_with(&in, cert, a);

	expect_(line, p, a, n, want);
}

#define EXPECT_GEN(in, cert, p, want) expect_gen_(__LINE__, (in), (cert), (p), (want))

static void test_strength(void **state)
{
	pc_assertion_policy p = policy();
	pc_assertion_input in = input();

	(void)state;
	fresh();
	/* assurance at and around the edge */
	in.assurance = 3999;
	EXPECT_GEN(in, cert_bio, &p, PC_ERR_ASSERT_ASSURANCE);
	in.assurance = 4000;
	EXPECT_GEN(in, cert_bio, &p, PC_OK);
	p.min_assurance = 6000;
	in.assurance = 5999;
	EXPECT_GEN(in, cert_bio, &p, PC_ERR_ASSERT_ASSURANCE);
	in.assurance = 6000;
	EXPECT_GEN(in, cert_bio, &p, PC_OK);
	p = policy();
	in = input();
	/* PAD */
	in.pad = PC_BIO_PAD_NONE;
	EXPECT_GEN(in, cert_bio, &p, PC_ERR_ASSERT_PAD);
	in.pad = PC_BIO_PAD_FAIL;
	EXPECT_GEN(in, cert_bio, &p, PC_ERR_ASSERT_PAD);
	p.require_pad = 0;
	in.pad = PC_BIO_PAD_NONE;
	EXPECT_GEN(in, cert_bio, &p, PC_OK);
	in.pad = PC_BIO_PAD_FAIL; /* an attack presentation is never accepted */
	EXPECT_GEN(in, cert_bio, &p, PC_ERR_ASSERT_PAD);
	p = policy();
	in = input();
	/* methods and location */
	p.uv_any = PC_UV_FACE;
	EXPECT_GEN(in, cert_bio, &p, PC_ERR_ASSERT_UV);
	p.uv_any = PC_UV_FACE | PC_UV_FINGERPRINT;
	EXPECT_GEN(in, cert_bio, &p, PC_OK);
	p.locations = 1u << PC_UV_LOC_SE;
	EXPECT_GEN(in, cert_bio, &p, PC_ERR_ASSERT_UV);
	p.locations = (1u << PC_UV_LOC_SE) | (1u << PC_UV_LOC_TEE);
	EXPECT_GEN(in, cert_bio, &p, PC_OK);
	p = policy();
	/* a device not certified for biometrics cannot claim them */
	EXPECT_GEN(in, cert_plain, &p, PC_ERR_ASSERT_UV);
	/* PIN only: no assurance, no PAD; the default policy accepts it, a
	 * policy that wants a biometric does not */
	in.uv = PC_UV_PIN;
	in.location = PC_UV_LOC_NONE;
	in.assurance = 0;
	in.pad = PC_BIO_PAD_NONE;
	EXPECT_GEN(in, cert_plain, &p, PC_OK);
	p.uv_any = PC_UV_BIOMETRIC;
	EXPECT_GEN(in, cert_plain, &p, PC_ERR_ASSERT_UV);
	in.uv = PC_UV_NONE;
	p.uv_any = PC_UV_ALL;
	EXPECT_GEN(in, cert_plain, &p, PC_ERR_ASSERT_UV);
	p.uv_any = 0; /* a relying party that needs no verification */
	EXPECT_GEN(in, cert_plain, &p, PC_OK);
}

static void test_binding(void **state)
{
	uint8_t a[PC_ASSERT_MAX_LEN], other[64];
	pc_assertion_policy p = policy();
	pc_assertion_input in = input();
	size_t n;

	(void)state;
	fresh();
	n = gen(a);
	p.rp_id = "credit.example-bank.cm";
	EXPECT(&p, a, n, PC_ERR_ASSERT_RP);
	p.rp_id_len = strlen(RP) - 1;
	p.rp_id = RP;
	EXPECT(&p, a, n, PC_ERR_ASSERT_RP);
	p = policy();
	memcpy(other, challenge, 32);
	other[31] ^= 1;
	p.challenge = other;
	EXPECT(&p, a, n, PC_ERR_ASSERT_CHALLENGE);
	memcpy(other, challenge, 32);
	other[32] = 0;
	p.challenge_len = 33;
	EXPECT(&p, a, n, PC_ERR_ASSERT_CHALLENGE);
	p = policy();
	p.purpose = PC_ASSERT_PAYMENT;
	EXPECT(&p, a, n, PC_ERR_ASSERT_PURPOSE);
	p = policy();
	memcpy(other, txn, 32);
	other[0] ^= 0x80;
	p.txn_digest = other;
	EXPECT(&p, a, n, PC_ERR_ASSERT_TXN);
	p.txn_digest = NULL; /* the RP showed nothing: a digest is unexpected */
	EXPECT(&p, a, n, PC_ERR_ASSERT_TXN);
	p = policy();
	in.txn_digest = NULL; /* the RP wants one: a missing digest fails */
	EXPECT_GEN(in, cert_bio, &p, PC_ERR_ASSERT_TXN);
	p.txn_digest = NULL;
	EXPECT_GEN(in, cert_bio, &p, PC_OK);
	/* the shortest and longest challenges */
	in.challenge_len = 16;
	p.challenge_len = 16;
	EXPECT_GEN(in, cert_bio, &p, PC_OK);
	memset(other, 0x5a, sizeof other);
	in.challenge = other;
	in.challenge_len = 64;
	p.challenge = other;
	p.challenge_len = 64;
	EXPECT_GEN(in, cert_bio, &p, PC_OK);
	p = policy();
	EXPECT(&p, a, n, PC_OK); /* nothing consumed above */
}

static void test_time_and_counter(void **state)
{
	uint8_t a[PC_ASSERT_MAX_LEN];
	pc_assertion_policy p = policy();
	pc_assertion view;
	size_t n;

	(void)state;
	fresh();
	n = gen(a); /* dated NOW */
	pc_fake_set_time(&fk, NOW + 150); /* max_age 120 + skew 30 */
	assert_int_equal(pc_assertion_parse(&view, a, n), PC_OK);
	p.check_counter = 1;
	p.last_counter = view.counter;
	EXPECT(&p, a, n, PC_ERR_ASSERT_COUNTER);
	p.last_counter = view.counter - 1;
	pc_fake_set_time(&fk, NOW + 151);
	EXPECT(&p, a, n, PC_ERR_ASSERT_EXPIRED);
	pc_fake_set_time(&fk, NOW - 31);
	EXPECT(&p, a, n, PC_ERR_ASSERT_FUTURE);
	pc_fake_set_time(&fk, NOW - 30);
	EXPECT(&p, a, n, PC_OK);
	fresh();
	pc_fake_set_time(&fk, NOW + 150);
	EXPECT(&p, a, n, PC_OK); /* exactly max_age + skew old */
	pc_fake_set_time_unknown(&fk);
	fresh();
	EXPECT(&p, a, n, PC_ERR_TIME_UNKNOWN);
	pc_fake_set_time(&fk, NOW);
	/* certificate validity at the assertion's time */
	pc_fake_set_time(&fk, NOW + 86400 * 30 + 1);
	n = gen(a);
	EXPECT(&p, a, n, PC_ERR_ASSERT_CERT_TIME);
	pc_fake_set_time(&fk, NOW - 86400 - 1);
	n = gen(a);
	EXPECT(&p, a, n, PC_ERR_ASSERT_CERT_TIME);
	pc_fake_set_time(&fk, NOW);
	/* bad policies */
	n = gen(a);
	p = policy();
	p.skew = 301;
	EXPECT(&p, a, n, PC_ERR_INVALID_ARG);
	p = policy();
	p.challenge_len = 15;
	EXPECT(&p, a, n, PC_ERR_INVALID_ARG);
	p = policy();
	p.rp_id = NULL;
	EXPECT(&p, a, n, PC_ERR_INVALID_ARG);
	p = policy();
	p.locations = 1;
	EXPECT(&p, a, n, PC_ERR_INVALID_ARG);
	p = policy();
	EXPECT(&p, a, n, PC_OK);
}

static void neg_s(uint8_t s[32])
{
	static const uint8_t order[32] = {
		0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF,
		0xFF, 0xFF, 0xFF, 0xFF, 0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84,
		0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51 };
	int i, borrow = 0;

	for (i = 31; i >= 0; i--) {
		int d = order[i] - s[i] - borrow;

		borrow = d < 0;
		s[i] = (uint8_t)(d + (borrow ? 256 : 0));
	}
}

static size_t make_crl(uint8_t *out, size_t cap, uint64_t number, uint64_t serial,
		       pc_time next)
{
	static pc_crl l;
	size_t len;

	memset(&l, 0, sizeof l);
	l.suite = PC_SUITE_1;
	l.issuer_key_id = ROOT_ID;
	l.number = number;
	l.this_update = NOW - 60;
	l.next_update = next;
	l.count = 1;
	l.serial[0] = serial;
	assert_int_equal(pc_crl_sign(&l, root_priv), PC_OK);
	assert_int_equal(pc_crl_encode(&l, out, cap, &len), PC_OK);
	return len;
}

static void test_trust(void **state)
{
	uint8_t a[PC_ASSERT_MAX_LEN], crl[PC_CRL_LEN(1)];
	pc_assertion_policy p = policy();
	size_t n, cn;

	(void)state;
	fresh();
	n = gen(a);
	/* (r, n - s) verifies as ECDSA but is a second encoding */
	neg_s(a + n - 32);
	EXPECT(&p, a, n, PC_ERR_ASSERT_SIGNATURE);
	neg_s(a + n - 32);
	/* a validator trusting another root */
	pc_memstore_init(&ms, NULL, &st);
	assert_int_equal(pc_validator_init(&v, PC_MODE_TERMINAL, &plat, &st, NULL, NULL), PC_OK);
	assert_int_equal(pc_validator_add_root(&v, ROOT_ID + 1, root_pub), PC_OK);
	EXPECT(&p, a, n, PC_ERR_ASSERT_CERT);
	assert_int_equal(pc_validator_init(&v, PC_MODE_TERMINAL, &plat, &st, NULL, NULL), PC_OK);
	assert_int_equal(pc_validator_add_root(&v, ROOT_ID, other_pub), PC_OK);
	EXPECT(&p, a, n, PC_ERR_ASSERT_CERT);
	/* revoked, then a list past its next update */
	fresh();
	cn = make_crl(crl, sizeof crl, 1, SERIAL, NOW + 3600);
	assert_int_equal(pc_validator_set_crl(&v, crl, cn), PC_OK);
	EXPECT(&p, a, n, PC_ERR_ASSERT_REVOKED);
	fresh();
	cn = make_crl(crl, sizeof crl, 1, SERIAL + 7, NOW - 1);
	assert_int_equal(pc_validator_set_crl(&v, crl, cn), PC_OK);
	EXPECT(&p, a, n, PC_ERR_STALE);
	fresh();
	cn = make_crl(crl, sizeof crl, 1, SERIAL + 7, NOW);
	assert_int_equal(pc_validator_set_crl(&v, crl, cn), PC_OK);
	EXPECT(&p, a, n, PC_OK);
	/* the certificate cache: the second check of the same chain is cached */
	fresh();
	n = gen(a);
	EXPECT(&p, a, n, PC_OK);
	assert_int_equal(v.cache[0].used, 1);
	n = gen(a);
	EXPECT(&p, a, n, PC_OK);
	assert_int_equal(v.cache[1].used, 0);
}

static int consume_calls;
static pc_err consume_result = PC_ERR_STORE_UNAVAILABLE;

/* A store that counts calls and answers consume_result. */
static pc_err fixed_consume(void *ctx, const uint8_t key[PC_REPLAY_KEY_LEN],
			    pc_time expires, pc_time now)
{
	(void)ctx;
	(void)key;
	(void)expires;
	(void)now;
	consume_calls++;
	return consume_result;
}

static void test_store(void **state)
{
	static const pc_store broken = { NULL, fixed_consume, NULL };
	uint8_t a[PC_ASSERT_MAX_LEN];
	pc_assertion_policy p = policy();
	pc_assertion view;
	size_t n;

	(void)state;
	n = gen(a);
	assert_int_equal(pc_validator_init(&v, PC_MODE_TERMINAL, &plat, &broken, NULL, NULL), PC_OK);
	assert_int_equal(pc_validator_add_root(&v, ROOT_ID, root_pub), PC_OK);
	/* a fault fails closed and reports nothing consumed */
	consume_calls = 0;
	assert_int_equal(check(&p, a, n, &view), PC_ERR_STORE_UNAVAILABLE);
	assert_int_equal(view.consumed, 0);
	assert_int_equal(consume_calls, 1);
	/* a rejected assertion never reaches the store */
	p.purpose = PC_ASSERT_LOGIN;
	assert_int_equal(check(&p, a, n, &view), PC_ERR_ASSERT_PURPOSE);
	a[100] ^= 1;
	p = policy();
	assert_int_equal(check(&p, a, n, &view), PC_ERR_ASSERT_SIGNATURE);
	a[100] ^= 1;
	assert_int_equal(consume_calls, 1);
	/* the store's answer is the verdict */
	consume_result = PC_OK;
	assert_int_equal(check(&p, a, n, &view), PC_OK);
	assert_int_equal(view.consumed, 1);
	consume_result = PC_ERR_STORE_UNAVAILABLE;
	/* then a working store accepts it (nothing was consumed before) */
	fresh();
	EXPECT(&p, a, n, PC_OK);
	assert_int_equal(pc_assertion_verify(NULL, &p, a, n, &view), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_assertion_verify(&v, NULL, a, n, &view), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_assertion_verify(&v, &p, a, n, NULL), PC_ERR_INVALID_ARG);
}

/* The counter object as stored. */
static void put_counter_raw(const uint8_t *rec, size_t n)
{
	char name[PC_STORAGE_NAME_MAX + 1];

	pc_assertion_counter_name(DEVICE_KEY, name);
	assert_int_equal(plat.storage_write_atomic(plat.ctx, name, rec, n), PC_OK);
}

static void test_counter(void **state)
{
	uint8_t a[PC_ASSERT_MAX_LEN], rec[12];
	pc_assertion_input in = input();
	pc_assertion view;
	uint32_t c0, c1;
	size_t n = 0;

	(void)state;
	assert_int_equal(pc_assertion_counter_get(&plat, DEVICE_KEY, &c0), PC_OK);
	/* a storage write fault: nothing signed, the counter unchanged */
	pc_fake_fail(&fk, PC_FAKE_FAIL_WRITE, true);
	assert_int_equal(pc_assertion_gen(&plat, DEVICE_KEY, cert_bio, &in, a,
					  sizeof a, &n), PC_ERR_STORAGE);
	pc_fake_fail(&fk, PC_FAKE_FAIL_WRITE, false);
	assert_int_equal(pc_assertion_counter_get(&plat, DEVICE_KEY, &c1), PC_OK);
	assert_int_equal(c1, c0);
	pc_fake_fail(&fk, PC_FAKE_FAIL_READ, true);
	assert_int_equal(pc_assertion_gen(&plat, DEVICE_KEY, cert_bio, &in, a,
					  sizeof a, &n), PC_ERR_STORAGE);
	pc_fake_fail(&fk, PC_FAKE_FAIL_READ, false);
	/* a key store fault after the counter was persisted: the value is
	 * spent, never signed, never reused */
	pc_fake_fail(&fk, PC_FAKE_FAIL_KEYSTORE, true);
	assert_int_equal(pc_assertion_gen(&plat, DEVICE_KEY, cert_bio, &in, a,
					  sizeof a, &n), PC_ERR_KEYSTORE);
	pc_fake_fail(&fk, PC_FAKE_FAIL_KEYSTORE, false);
	assert_int_equal(pc_assertion_counter_get(&plat, DEVICE_KEY, &c1), PC_OK);
	assert_int_equal(c1, c0 + 1);
	n = gen(a);
	assert_int_equal(pc_assertion_parse(&view, a, n), PC_OK);
	assert_int_equal(view.counter, c0 + 2);
	/* a corrupt record is refused, never reset to 0 (rollback) */
	memcpy(rec, "PCUC\x00\x00\x00\x05\xff\xff\xff\xfb", 12);
	put_counter_raw(rec, 12);
	assert_int_equal(pc_assertion_counter_get(&plat, DEVICE_KEY, &c1), PC_ERR_STORAGE);
	assert_int_equal(pc_assertion_gen(&plat, DEVICE_KEY, cert_bio, &in, a,
					  sizeof a, &n), PC_ERR_STORAGE);
	put_counter_raw(rec, 11);
	assert_int_equal(pc_assertion_counter_get(&plat, DEVICE_KEY, &c1), PC_ERR_STORAGE);
	rec[11] = 0xfa;
	put_counter_raw(rec, 12);
	assert_int_equal(pc_assertion_counter_get(&plat, DEVICE_KEY, &c1), PC_OK);
	assert_int_equal(c1, 5);
	/* exhausted */
	memcpy(rec, "PCUC\xff\xff\xff\xff\x00\x00\x00\x00", 12);
	put_counter_raw(rec, 12);
	assert_int_equal(pc_assertion_gen(&plat, DEVICE_KEY, cert_bio, &in, a,
					  sizeof a, &n), PC_ERR_CAPACITY);
	/* back to a counter below the verifier's last: clone detection */
	memcpy(rec, "PCUC\x00\x00\x00\x02\xff\xff\xff\xfd", 12);
	put_counter_raw(rec, 12);
	{
		pc_assertion_policy p = policy();

		fresh();
		p.check_counter = 1;
		p.last_counter = c0 + 2;
		n = gen(a);
		EXPECT(&p, a, n, PC_ERR_ASSERT_COUNTER);
	}
}

static void test_gen_args(void **state)
{
	uint8_t a[PC_ASSERT_MAX_LEN];
	pc_assertion_input in;
	uint32_t c0, c1;
	size_t n = 0;

	(void)state;
	assert_int_equal(pc_assertion_counter_get(&plat, DEVICE_KEY, &c0), PC_OK);
#define BAD(field, value, want) do { \
		in = input(); in.field = value; \
		assert_int_equal(pc_assertion_gen(&plat, DEVICE_KEY, cert_bio, &in, a, \
						  sizeof a, &n), want); \
	} while (0)
	BAD(rp_id_len, 0, PC_ERR_INVALID_ARG);
	BAD(rp_id_len, 256, PC_ERR_INVALID_ARG);
	BAD(rp_id, "has space", PC_ERR_INVALID_ARG);
	BAD(challenge_len, 15, PC_ERR_INVALID_ARG);
	BAD(challenge_len, 65, PC_ERR_INVALID_ARG);
	BAD(challenge, NULL, PC_ERR_INVALID_ARG);
	BAD(purpose, 0, PC_ERR_INVALID_ARG);
	BAD(uv, 0x10, PC_ERR_INVALID_ARG);
	BAD(location, PC_UV_LOC_NONE, PC_ERR_INVALID_ARG);
	BAD(assurance, 0, PC_ERR_INVALID_ARG);
	BAD(assurance, 12001, PC_ERR_INVALID_ARG);
	BAD(pad, (pc_bio_pad)3, PC_ERR_INVALID_ARG);
	BAD(uv, PC_UV_PIN, PC_ERR_INVALID_ARG); /* PIN with an assurance */
#undef BAD
	in = input();
	assert_int_equal(pc_assertion_gen(&plat, DEVICE_KEY, cert_bio, &in, a,
					  358, &n), PC_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(n, 359);
	memcpy(a, cert_bio, PC_CERT_LEN);
	a[0] ^= 0xff;
	assert_int_equal(pc_assertion_gen(&plat, DEVICE_KEY, a, &in, a + 200,
					  sizeof a - 200, &n), PC_ERR_CERT_FORMAT);
	pc_fake_set_time_unknown(&fk);
	assert_int_equal(pc_assertion_gen(&plat, DEVICE_KEY, cert_bio, &in, a,
					  sizeof a, &n), PC_ERR_TIME_UNKNOWN);
	pc_fake_set_time(&fk, NOW);
	assert_int_equal(pc_assertion_gen(&plat, DEVICE_KEY + 1, cert_bio, &in, a,
					  sizeof a, &n), PC_ERR_NOT_FOUND);
	assert_int_equal(pc_assertion_gen(NULL, DEVICE_KEY, cert_bio, &in, a,
					  sizeof a, &n), PC_ERR_INVALID_ARG);
	/* none of the refusals above spent a counter value of this key */
	assert_int_equal(pc_assertion_counter_get(&plat, DEVICE_KEY, &c1), PC_OK);
	assert_int_equal(c1, c0);
	assert_int_equal(pc_assertion_counter_get(&plat, DEVICE_KEY, NULL), PC_ERR_INVALID_ARG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gen_exact),
		cmocka_unit_test(test_verify_ok_and_replay),
		cmocka_unit_test(test_every_byte),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_strength),
		cmocka_unit_test(test_binding),
		cmocka_unit_test(test_time_and_counter),
		cmocka_unit_test(test_trust),
		cmocka_unit_test(test_store),
		cmocka_unit_test(test_counter),
		cmocka_unit_test(test_gen_args),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
