/*
 * From a biometric decision to what leaves the device (SPEC §6.2.7,
 * §6.4.3): pc_assertion_input_from_bio() states only a MATCH, with the
 * policy's FMR class and the PAD result; the relying party's verifier
 * then accepts or refuses it on those claims. Decisions come from the
 * storage-free policy step, as the gate makes them.
 */
#include <paycode/assertion.h>
#include <paycode/bio.h>
#include <paycode/crypto.h>
#include "fake.h"

#include "testutil.h"

#define NOW 1800000000
#define ROOT_ID 3u
#define DEVICE_KEY 5u
#define RP "credit.example.com"

static pc_fake fk;
static pc_platform plat;
static uint8_t root_priv[32], root_pub[65], cert[PC_CERT_LEN], challenge[32];
static pc_memstore ms;
static pc_store st;
static pc_validator v;

static int setup(void **state)
{
	pc_cert c;
	size_t i;

	(void)state;
	pc_fake_init(&fk, 11, &plat);
	pc_fake_set_time(&fk, NOW);
	assert_int_equal(pc_p256_keygen(&plat, root_priv, root_pub), PC_OK);
	memset(&c, 0, sizeof c);
	c.suite = PC_SUITE_1;
	c.issuer_key_id = ROOT_ID;
	c.serial = 4242;
	c.token_id = 99;
	c.alias = 1234567;
	c.not_before = NOW - 86400;
	c.not_after = NOW + 86400;
	c.max_risk = PC_RISK_B;
	c.flags = PC_CERT_F_OFFLINE | PC_CERT_F_BIOMETRIC;
	assert_int_equal(plat.key_generate(plat.ctx, DEVICE_KEY, PC_KEY_SUITE_P256, c.pub, 65),
			 PC_OK);
	assert_int_equal(pc_cert_sign(&c, root_priv), PC_OK);
	assert_int_equal(pc_cert_encode(&c, cert), PC_OK);
	for (i = 0; i < sizeof challenge; i++)
		challenge[i] = (uint8_t)(0x21 + 3 * i);
	pc_memstore_init(&ms, NULL, &st);
	assert_int_equal(pc_validator_init(&v, PC_MODE_TERMINAL, &plat, &st, NULL, NULL), PC_OK);
	assert_int_equal(pc_validator_add_root(&v, ROOT_ID, root_pub), PC_OK);
	return 0;
}

/* One attempt through the policy step from a fresh state. */
static pc_bio_decision decide(const pc_bio_policy *p, const pc_bio_state *st0,
			      uint32_t score, pc_bio_pad pad)
{
	pc_bio_attempt a = { NOW, true, score, pad, 1 };
	pc_bio_state out;
	pc_bio_decision d;

	pc_err err = pc_bio_policy_step(p, st0, &a, &out, &d);

	/* the step's error follows from the outcome (bio.h) */
	assert_true(err == PC_OK || d.outcome == PC_BIO_OUT_PAD_MISSING ||
		    d.outcome == PC_BIO_OUT_LOCKED);
	return d;
}

static pc_assertion_input base_input(void)
{
	pc_assertion_input in;

	memset(&in, 0, sizeof in);
	in.rp_id = RP;
	in.rp_id_len = strlen(RP);
	in.challenge = challenge;
	in.challenge_len = sizeof challenge;
	in.purpose = PC_ASSERT_REMOTE_AUTH;
	return in;
}

static pc_err gen_verify(const pc_assertion_input *in)
{
	uint8_t a[PC_ASSERT_MAX_LEN];
	pc_assertion_policy p;
	pc_assertion view;
	size_t n = 0;

	assert_int_equal(pc_assertion_gen(&plat, DEVICE_KEY, cert, in, a, sizeof a, &n), PC_OK);
	pc_assertion_policy_default(&p, PC_ASSERT_REMOTE_AUTH);
	p.rp_id = RP;
	p.rp_id_len = strlen(RP);
	p.challenge = challenge;
	p.challenge_len = sizeof challenge;
	return pc_assertion_verify(&v, &p, a, n, &view);
}

static void test_match_is_stated_and_verifies(void **state)
{
	pc_bio_state st0 = { 1, 0, 0, 0 };
	pc_bio_policy p;
	pc_bio_decision d;
	pc_assertion_input in = base_input();

	(void)state;
	assert_int_equal(pc_bio_policy_default(&p, PC_BIO_PURPOSE_REMOTE_AUTH), PC_OK);
	d = decide(&p, &st0, 5321, PC_BIO_PAD_PASS);
	assert_int_equal(d.outcome, PC_BIO_OUT_MATCH);
	in.uv = PC_UV_PIN; /* kept beside the biometric bit */
	assert_int_equal(pc_assertion_input_from_bio(&in, &d, PC_UV_FINGERPRINT,
						     PC_UV_LOC_TEE), PC_OK);
	assert_int_equal(in.uv, PC_UV_PIN | PC_UV_FINGERPRINT);
	assert_int_equal(in.location, PC_UV_LOC_TEE);
	/* the FMR class of the policy, not the score */
	assert_int_equal(in.assurance, p.threshold);
	assert_int_equal(in.pad, PC_BIO_PAD_PASS);
	assert_int_equal(gen_verify(&in), PC_OK);
}

static void test_only_a_match(void **state)
{
	pc_bio_state st0 = { 1, 0, 0, 0 }, st3 = { 4, 3, 0, 0 };
	pc_bio_policy p;
	pc_bio_decision d;
	pc_assertion_input in = base_input(), before;

	(void)state;
	assert_int_equal(pc_bio_policy_default(&p, PC_BIO_PURPOSE_REMOTE_AUTH), PC_OK);
	before = in;
	d = decide(&p, &st0, p.threshold - 1, PC_BIO_PAD_PASS);   /* one below */
	assert_int_equal(d.outcome, PC_BIO_OUT_NO_MATCH);
	assert_int_equal(pc_assertion_input_from_bio(&in, &d, PC_UV_FINGERPRINT,
						     PC_UV_LOC_TEE), PC_ERR_BIO_POLICY);
	assert_memory_equal(&in, &before, sizeof in);
	d = decide(&p, &st0, 9000, PC_BIO_PAD_FAIL);
	assert_int_equal(d.outcome, PC_BIO_OUT_PAD_REJECTED);
	assert_int_equal(pc_assertion_input_from_bio(&in, &d, PC_UV_FACE, PC_UV_LOC_SE),
			 PC_ERR_BIO_POLICY);
	d = decide(&p, &st0, 9000, PC_BIO_PAD_NONE);
	assert_int_equal(d.outcome, PC_BIO_OUT_PAD_MISSING);
	assert_int_equal(pc_assertion_input_from_bio(&in, &d, PC_UV_FACE, PC_UV_LOC_SE),
			 PC_ERR_BIO_POLICY);
	/* three failures before: a match no longer suffices */
	d = decide(&p, &st3, 9000, PC_BIO_PAD_PASS);
	assert_int_equal(d.outcome, PC_BIO_OUT_PRIMARY_REQUIRED);
	assert_int_equal(pc_assertion_input_from_bio(&in, &d, PC_UV_FINGERPRINT,
						     PC_UV_LOC_TEE), PC_ERR_BIO_POLICY);
	assert_memory_equal(&in, &before, sizeof in);
	/* arguments */
	d = decide(&p, &st0, 9000, PC_BIO_PAD_PASS);
	assert_int_equal(pc_assertion_input_from_bio(NULL, &d, PC_UV_FACE, PC_UV_LOC_SE),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_assertion_input_from_bio(&in, NULL, PC_UV_FACE, PC_UV_LOC_SE),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_assertion_input_from_bio(&in, &d, PC_UV_PIN, PC_UV_LOC_SE),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_assertion_input_from_bio(&in, &d, PC_UV_FACE, PC_UV_LOC_NONE),
			 PC_ERR_INVALID_ARG);
}

/* A match under an overridden weak policy is stated as it is, and the
 * relying party's default minimum refuses it. */
static void test_weak_match_refused_by_verifier(void **state)
{
	pc_bio_state st0 = { 1, 0, 0, 0 };
	pc_bio_policy p;
	pc_bio_decision d;
	pc_assertion_input in = base_input();

	(void)state;
	assert_int_equal(pc_bio_policy_default(&p, PC_BIO_PURPOSE_REMOTE_AUTH), PC_OK);
	p.threshold = 3000;
	p.allow_weak = true;
	d = decide(&p, &st0, 3500, PC_BIO_PAD_PASS);
	assert_int_equal(d.outcome, PC_BIO_OUT_MATCH);
	assert_int_equal(pc_bio_decision_code_flags(&d), 0);
	assert_int_equal(pc_assertion_input_from_bio(&in, &d, PC_UV_FINGERPRINT,
						     PC_UV_LOC_APP), PC_OK);
	assert_int_equal(in.assurance, 3000);
	assert_int_equal(gen_verify(&in), PC_ERR_ASSERT_ASSURANCE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match_is_stated_and_verifies),
		cmocka_unit_test(test_only_a_match),
		cmocka_unit_test(test_weak_match_refused_by_verifier),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
