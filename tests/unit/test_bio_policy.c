/*
 * Biometric decision policy and gate on the fake port (biometric/policy.c,
 * biometric/gate.c, docs/SPEC.md §6.2): policy checks and the refusal of
 * weak settings, the FIDO attempt budget, gallery thresholds, exact
 * lockout sequences on a settable clock, PAD handling, count before
 * compare (the record is checked from inside the matcher), power cuts at
 * each write, corrupted, missing and rolled-back records, the byte layout
 * of the record, and a biometric match carried through a consumer code
 * into the risk engine's factors.
 */
#include <paycode/bio.h>
#include <paycode/code.h>
#include <paycode/risk.h>
#include "fake.h"

#include "testutil.h"

#define T0 ((pc_time)1800000000)
#define OBJ "bio-state"

static pc_fake fk;
static pc_platform plat;
static pc_bio_gate gate;
static pc_bio_policy pol;

/* ---- a scripted matcher: a prepared template is one word -------------- */
/* Probe word: the template's first x (a marker). Gallery sample i is the
 * score the comparison returns. Each compare reads the stored record, so
 * tests can see what was durable while the comparison ran. */
static unsigned n_prepare, n_compare;
static pc_bio_state seen_in_compare;
static pc_err seen_err;
static bool snap_on;
static pc_fake snap;   /* the fake as a power cut during compare leaves it */

static pc_err sm_prepare(void *ctx, const pc_bio_template *t, void *out, size_t cap)
{
	uint32_t v;

	(void)ctx;
	n_prepare++;
	if (cap < sizeof v)
		return PC_ERR_BUFFER_TOO_SMALL;
	if (t->count == 0)
		return PC_ERR_BIO_FEW_MINUTIAE;
	v = (uint32_t)t->pt[0].x;
	memcpy(out, &v, sizeof v);
	return PC_OK;
}

static pc_err sm_compare(void *ctx, const void *probe, const void *ref, uint32_t *score)
{
	uint8_t rec[64];
	size_t got = 0;

	(void)ctx;
	(void)probe;
	n_compare++;
	seen_err = plat.storage_read(plat.ctx, OBJ, 0, rec, sizeof rec, &got);
	if (seen_err == PC_OK)
		seen_err = pc_bio_state_decode(rec, got, &seen_in_compare);
	if (snap_on)
		snap = fk;
	memcpy(score, ref, sizeof *score);
	return PC_OK;
}

static const pc_bio_matcher scripted = {
	PC_BIO_MATCHER_VERSION, "scripted", NULL, sizeof(uint32_t), sm_prepare, sm_compare
};

static pc_bio_template probe;

static int setup(void **state)
{
	(void)state;
	pc_fake_init(&fk, 7, &plat);
	pc_fake_set_time(&fk, T0);
	assert_int_equal(pc_bio_policy_default(&pol, PC_BIO_PURPOSE_PAYMENT), PC_OK);
	assert_int_equal(pc_bio_gate_init(&gate, &plat, OBJ, &pol, &scripted), PC_OK);
	assert_int_equal(pc_bio_gate_reset(&gate, true), PC_OK);
	memset(&probe, 0, sizeof probe);
	probe.count = 1;
	probe.pt[0].x = 5;
	n_prepare = n_compare = 0;
	return 0;
}

/* One attempt against a one-sample gallery scoring s. */
static pc_err try1(uint32_t s, pc_bio_pad pad, pc_bio_decision *d)
{
	return pc_bio_verify(&gate, &probe, &s, 1, pad, d);
}

static void expect_(int line, pc_err got_err, const pc_bio_decision *d, pc_err err,
		    pc_bio_outcome o, unsigned fails, pc_time until)
{
	if (got_err != err || d->outcome != o || d->failures != fails ||
	    d->locked_until != until)
		fail_msg("line %d: want %d %s f=%u until=%lld, got %d %s f=%u until=%lld",
			 line, err, pc_bio_outcome_name(o), fails, (long long)until, got_err,
			 pc_bio_outcome_name(d->outcome), d->failures,
			 (long long)d->locked_until);
}
#define EXPECT(call, e, o, f, u) do { pc_bio_decision d_; pc_err e_ = call(&d_); \
	expect_(__LINE__, e_, &d_, (e), (o), (f), (u)); } while (0)

static pc_err miss(pc_bio_decision *d) { return try1(3999, PC_BIO_PAD_PASS, d); }
static pc_err hit(pc_bio_decision *d) { return try1(4000, PC_BIO_PAD_PASS, d); }

/* ---- policy --------------------------------------------------------------- */

static void test_policy_check(void **state)
{
	pc_bio_policy p;

	(void)state;
	assert_int_equal(pc_bio_policy_default(NULL, PC_BIO_PURPOSE_PAYMENT), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_bio_policy_default(&p, (pc_bio_purpose)9), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_bio_policy_check(NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_bio_policy_default(&p, PC_BIO_PURPOSE_UNLOCK), PC_OK);
	assert_false(p.pad_required);
	assert_int_equal(pc_bio_policy_check(&p), PC_OK);
	assert_int_equal(pc_bio_policy_default(&p, PC_BIO_PURPOSE_REMOTE_AUTH), PC_OK);
	assert_true(p.pad_required);
	assert_int_equal(p.threshold, 4000);
	assert_int_equal(pc_bio_policy_check(&p), PC_OK);
#define PAY(stmt, want, weak) do { assert_int_equal(pc_bio_policy_default(&p, \
	PC_BIO_PURPOSE_PAYMENT), PC_OK); p.allow_weak = (weak); stmt; \
	assert_int_equal(pc_bio_policy_check(&p), (want)); } while (0)
	PAY((void)0, PC_OK, false);
	PAY(p.threshold = 3999, PC_ERR_BIO_POLICY, false);     /* below FMR 1e-4 */
	PAY(p.threshold = 3999, PC_OK, true);
	PAY(p.threshold = 10000, PC_OK, false);
	PAY(p.pad_required = false, PC_ERR_BIO_POLICY, false);
	PAY(p.pad_required = false, PC_OK, true);
	PAY(p.max_failures = 6, PC_ERR_BIO_POLICY, false);
	PAY(p.lockout_s = 29, PC_ERR_BIO_POLICY, false);
	PAY(p.primary_after = 0, PC_ERR_BIO_POLICY, false);
	PAY(p.primary_after = 4, PC_ERR_BIO_POLICY, false);
	PAY(p.primary_after = 1, PC_OK, false);
	PAY(p.lockout_max_s = 3600, PC_ERR_BIO_POLICY, false); /* 318 attempts */
	PAY((p.lockout_max_s = 3600, p.threshold = 4700), PC_OK, false); /* < 852 */
	/* nonsense is refused even with allow_weak */
	PAY(p.threshold = 999, PC_ERR_BIO_POLICY, true);
	PAY(p.threshold = 10001, PC_ERR_BIO_POLICY, true);
	PAY(p.max_failures = 0, PC_ERR_BIO_POLICY, true);
	PAY(p.max_failures = 101, PC_ERR_BIO_POLICY, true);
	PAY((p.max_failures = 2, p.primary_after = 3), PC_ERR_BIO_POLICY, true);
	PAY(p.lockout_s = 0, PC_ERR_BIO_POLICY, true);
	PAY(p.lockout_max_s = 29, PC_ERR_BIO_POLICY, true);
	PAY(p.lockout_max_s = 366u * 86400u, PC_ERR_BIO_POLICY, true);
	PAY(p.purpose = (pc_bio_purpose)0, PC_ERR_BIO_POLICY, true);
#undef PAY
	/* the unlock purpose has no payment floor */
	assert_int_equal(pc_bio_policy_default(&p, PC_BIO_PURPOSE_UNLOCK), PC_OK);
	p.threshold = 3000;
	p.max_failures = 10;
	assert_int_equal(pc_bio_policy_check(&p), PC_OK);
	/* a gate refuses a weak policy */
	p.purpose = PC_BIO_PURPOSE_PAYMENT;
	assert_int_equal(pc_bio_gate_init(&gate, &plat, OBJ, &p, &scripted), PC_ERR_BIO_POLICY);
}

static void test_attempt_budget(void **state)
{
	pc_bio_policy p;

	(void)state;
	assert_int_equal(pc_bio_policy_attempts(NULL), 0);
	assert_int_equal(pc_bio_policy_default(&p, PC_BIO_PURPOSE_PAYMENT), PC_OK);
	/* 5 at once, 12 doubling locks (30 s .. 61440 s, 122850 s in all),
	 * then 11 one-day locks end inside 1105920 s */
	assert_int_equal(pc_bio_policy_attempts(&p), 28);
	p.lockout_max_s = 3600;   /* 7 doubling (3810 s), then 306 hourly */
	assert_int_equal(pc_bio_policy_attempts(&p), 318);
	p.lockout_max_s = 86400;
	p.hard_after = 1;
	assert_int_equal(pc_bio_policy_attempts(&p), 5);
	p.hard_after = 3;
	assert_int_equal(pc_bio_policy_attempts(&p), 7);
	p.hard_after = 20;        /* capped from lock 13: 17 + (20 - 13) */
	assert_int_equal(pc_bio_policy_attempts(&p), 24);
	p.hard_after = 0;
	p.lockout_s = p.lockout_max_s = 1105920;
	assert_int_equal(pc_bio_policy_attempts(&p), 5);
	p.lockout_s = p.lockout_max_s = 1105919;  /* one lock ends inside */
	assert_int_equal(pc_bio_policy_attempts(&p), 6);
}

static void test_gallery_threshold(void **state)
{
	(void)state;
	assert_int_equal(pc_bio_gallery_threshold(4000, 1), 4000);
	assert_int_equal(pc_bio_gallery_threshold(4000, 2), 4302);
	assert_int_equal(pc_bio_gallery_threshold(4000, 5), 4699);
	assert_int_equal(pc_bio_gallery_threshold(4000, 8), 4904);
	assert_int_equal(pc_bio_gallery_threshold(4000, 10), 5000);
	assert_int_equal(pc_bio_gallery_threshold(4000, 32), 5506);
	assert_int_equal(pc_bio_gallery_threshold(4000, 0), 0);
	assert_int_equal(pc_bio_gallery_threshold(4000, 33), 0);
}

/* ---- the record -------------------------------------------------------------- */

/* Field by field: the struct has padding, which copies need not keep. */
static bool same_state(const pc_bio_state *a, const pc_bio_state *b)
{
	return a->generation == b->generation && a->failures == b->failures &&
	       a->lockouts == b->lockouts && a->locked_until == b->locked_until;
}

/* Write the CRC-32 (ISO-HDLC) of b[0..28) into b[28..32): an independent
 * bitwise implementation, so field rules are tested behind a valid CRC. */
static void fix_crc(uint8_t *b)
{
	uint32_t c = 0xFFFFFFFFu;
	size_t k;
	unsigned j;

	for (k = 0; k < 28; k++) {
		c ^= b[k];
		for (j = 0; j < 8; j++)
			c = (c & 1u) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
	}
	c ^= 0xFFFFFFFFu;
	b[28] = (uint8_t)(c >> 24);
	b[29] = (uint8_t)(c >> 16);
	b[30] = (uint8_t)(c >> 8);
	b[31] = (uint8_t)c;
}

static void test_state_record(void **state)
{
	pc_bio_state s = { 7, 3, 1, 1700000030 }, r;
	uint8_t out[PC_BIO_STATE_LEN], want[PC_BIO_STATE_LEN], bad[PC_BIO_STATE_LEN];
	size_t i;

	(void)state;
	tu_unhex("50434241010301000000000000000007000000006553f11e000000003ee2c03c",
		 want, sizeof want);
	assert_int_equal(pc_bio_state_encode(&s, out), PC_OK);
	assert_memory_equal(out, want, sizeof want);
	assert_int_equal(pc_bio_state_decode(want, sizeof want, &r), PC_OK);
	assert_true(same_state(&r, &s));
	s = (pc_bio_state){ 0x0102030405060708ull, 5, 2, PC_BIO_LOCKED_HARD };
	tu_unhex("50434241010502000102030405060708ffffffffffffffff00000000edcc09a1",
		 want, sizeof want);
	assert_int_equal(pc_bio_state_encode(&s, out), PC_OK);
	assert_memory_equal(out, want, sizeof want);
	assert_int_equal(pc_bio_state_decode(want, sizeof want, &r), PC_OK);
	assert_int_equal(r.locked_until, PC_BIO_LOCKED_HARD);
	/* every single-bit flip is caught (CRC-32 detects all 1-bit errors) */
	for (i = 0; i < 8 * sizeof want; i++) {
		memcpy(bad, want, sizeof bad);
		bad[i / 8] ^= (uint8_t)(1u << (i % 8));
		assert_int_equal(pc_bio_state_decode(bad, sizeof bad, &r), PC_ERR_BIO_STATE);
		assert_int_equal(r.generation, 0);
	}
	assert_int_equal(pc_bio_state_decode(want, 31, &r), PC_ERR_BIO_STATE);
	assert_int_equal(pc_bio_state_decode(NULL, 0, &r), PC_ERR_BIO_STATE);
	assert_int_equal(pc_bio_state_decode(want, 32, NULL), PC_ERR_INVALID_ARG);
	/* field rules with a valid CRC: generation 0, locked_until -2,
	 * reserved bytes, version */
	s.generation = 0;
	assert_int_equal(pc_bio_state_encode(&s, out), PC_ERR_INVALID_ARG);
	s.generation = 1;
	s.locked_until = -2;
	assert_int_equal(pc_bio_state_encode(&s, out), PC_ERR_INVALID_ARG);
	/* generation 0 and locked_until -2 under a valid CRC */
	tu_unhex("50434241010000000000000000000000fffffffffffffffe00000000", bad, sizeof bad);
	fix_crc(bad);
	assert_int_equal(pc_bio_state_decode(bad, sizeof bad, &r), PC_ERR_BIO_STATE);
	/* each alone: generation 0; locked_until -2; reserved byte 7;
	 * reserved bytes 24..27; version 2; magic */
	static const char *const one[] = {
		"50434241010000000000000000000000000000000000000000000000",
		"50434241010000000000000000000001fffffffffffffffe00000000",
		"50434241010000010000000000000001000000000000000000000000",
		"50434241010000000000000000000001000000000000000000000001",
		"50434241020000000000000000000001000000000000000000000000",
		"50434242010000000000000000000001000000000000000000000000",
	};
	for (i = 0; i < sizeof one / sizeof one[0]; i++) {
		tu_unhex(one[i], bad, sizeof bad);
		fix_crc(bad);
		assert_int_equal(pc_bio_state_decode(bad, sizeof bad, &r), PC_ERR_BIO_STATE);
	}
	/* the same record with every field legal decodes */
	tu_unhex("50434241010000000000000000000001000000000000000000000000", bad, sizeof bad);
	fix_crc(bad);
	assert_int_equal(pc_bio_state_decode(bad, sizeof bad, &r), PC_OK);
	assert_int_equal(r.generation, 1);
}

/* ---- gate sequences -------------------------------------------------------------- */

static void test_lockout_sequence(void **state)
{
	pc_bio_decision d;
	int i;

	(void)state;
	for (i = 1; i <= 4; i++)
		EXPECT(miss, PC_OK, PC_BIO_OUT_NO_MATCH, (unsigned)i, 0);
	assert_int_equal(pc_bio_gate_status(&gate, NULL, &d), PC_OK);
	assert_int_equal(d.outcome, PC_BIO_OUT_PRIMARY_REQUIRED);
	assert_int_equal(d.remaining, 1);
	EXPECT(miss, PC_OK, PC_BIO_OUT_NO_MATCH, 5, T0 + 30);
	assert_int_equal(n_compare, 5);
	EXPECT(hit, PC_ERR_BIO_LOCKED, PC_BIO_OUT_LOCKED, 5, T0 + 30);
	assert_int_equal(n_compare, 5);                /* nothing compared */
	pc_fake_set_time(&fk, T0 + 29);
	EXPECT(hit, PC_ERR_BIO_LOCKED, PC_BIO_OUT_LOCKED, 5, T0 + 30);
	pc_fake_set_time(&fk, T0 + 30);                /* expired: one attempt */
	EXPECT(miss, PC_OK, PC_BIO_OUT_NO_MATCH, 6, T0 + 30 + 60);
	pc_fake_set_time(&fk, T0 + 90);
	EXPECT(miss, PC_OK, PC_BIO_OUT_NO_MATCH, 7, T0 + 90 + 120);
	pc_fake_set_time(&fk, T0 + 210);
	/* a match after three failures: the primary factor is required, the
	 * count stays, the expired lock is gone */
	EXPECT(hit, PC_OK, PC_BIO_OUT_PRIMARY_REQUIRED, 7, 0);
	assert_int_equal(pc_bio_gate_status(&gate, NULL, &d), PC_OK);
	assert_int_equal(d.outcome, PC_BIO_OUT_PRIMARY_REQUIRED);
	EXPECT(miss, PC_OK, PC_BIO_OUT_NO_MATCH, 8, T0 + 210 + 240);
	assert_int_equal(pc_bio_gate_reset(&gate, false), PC_ERR_INVALID_ARG);
	EXPECT(hit, PC_ERR_BIO_LOCKED, PC_BIO_OUT_LOCKED, 8, T0 + 450);
	assert_int_equal(pc_bio_gate_reset(&gate, true), PC_OK);
	assert_int_equal(pc_bio_gate_status(&gate, NULL, &d), PC_OK);
	assert_int_equal(d.outcome, PC_BIO_OUT_NONE);
	assert_int_equal(d.remaining, 5);
	EXPECT(hit, PC_OK, PC_BIO_OUT_MATCH, 0, 0);
	/* after a reset the backoff starts again at 30 s */
	for (i = 1; i <= 5; i++)
		EXPECT(miss, PC_OK, PC_BIO_OUT_NO_MATCH, (unsigned)i, i == 5 ? T0 + 210 + 30 : 0);
}

static void test_match_resets_below_primary(void **state)
{
	pc_bio_decision d;

	(void)state;
	EXPECT(miss, PC_OK, PC_BIO_OUT_NO_MATCH, 1, 0);
	EXPECT(miss, PC_OK, PC_BIO_OUT_NO_MATCH, 2, 0);
	assert_int_equal(hit(&d), PC_OK);
	assert_int_equal(d.outcome, PC_BIO_OUT_MATCH);
	assert_int_equal(d.failures, 0);
	assert_int_equal(d.remaining, 5);
	assert_int_equal(d.score, 4000);
	assert_int_equal(d.threshold, 4000);
	assert_int_equal(d.matched, 0);
	assert_int_equal(pc_bio_decision_code_flags(&d), PC_CODE_F_UV_BIOMETRIC);
	assert_int_equal(n_prepare, 3);
}

static void test_hard_lock(void **state)
{
	pc_bio_policy p = pol;
	int i;

	(void)state;
	p.hard_after = 2;
	assert_int_equal(pc_bio_gate_init(&gate, &plat, OBJ, &p, &scripted), PC_OK);
	for (i = 1; i <= 5; i++)
		EXPECT(miss, PC_OK, PC_BIO_OUT_NO_MATCH, (unsigned)i, i == 5 ? T0 + 30 : 0);
	pc_fake_set_time(&fk, T0 + 30);
	EXPECT(miss, PC_OK, PC_BIO_OUT_NO_MATCH, 6, PC_BIO_LOCKED_HARD);
	pc_fake_set_time(&fk, T0 + 86400 * 365);
	EXPECT(hit, PC_ERR_BIO_LOCKED, PC_BIO_OUT_LOCKED, 6, PC_BIO_LOCKED_HARD);
	assert_int_equal(pc_bio_gate_reset(&gate, true), PC_OK);
	EXPECT(hit, PC_OK, PC_BIO_OUT_MATCH, 0, 0);
}

static void test_time_unknown(void **state)
{
	pc_bio_decision d;
	int i;

	(void)state;
	for (i = 1; i <= 5; i++)
		EXPECT(miss, PC_OK, PC_BIO_OUT_NO_MATCH, (unsigned)i, i == 5 ? T0 + 30 : 0);
	pc_fake_set_time_unknown(&fk);     /* timed lock, clock lost */
	EXPECT(hit, PC_ERR_BIO_LOCKED, PC_BIO_OUT_LOCKED, 5, T0 + 30);
	assert_int_equal(pc_bio_gate_status(&gate, NULL, &d), PC_OK);
	assert_int_equal(d.outcome, PC_BIO_OUT_LOCKED);
	assert_int_equal(pc_bio_gate_reset(&gate, true), PC_OK);
	/* no clock and no lock: attempts run; the lock they earn is hard */
	EXPECT(hit, PC_OK, PC_BIO_OUT_MATCH, 0, 0);
	for (i = 1; i <= 5; i++)
		EXPECT(miss, PC_OK, PC_BIO_OUT_NO_MATCH, (unsigned)i, i == 5 ? PC_BIO_LOCKED_HARD : 0);
	pc_fake_set_time(&fk, T0 + 86400);
	EXPECT(hit, PC_ERR_BIO_LOCKED, PC_BIO_OUT_LOCKED, 5, PC_BIO_LOCKED_HARD);
}

static void test_pad(void **state)
{
	pc_bio_decision d;
	pc_bio_policy p;
	uint32_t s = 9000;

	(void)state;
	/* PAD missing on a payment: refused, not counted, nothing compared */
	assert_int_equal(try1(9000, PC_BIO_PAD_NONE, &d), PC_ERR_BIO_PAD);
	assert_int_equal(d.outcome, PC_BIO_OUT_PAD_MISSING);
	assert_int_equal(d.failures, 0);
	assert_int_equal(n_prepare + n_compare, 0);
	assert_int_equal(pc_bio_decision_code_flags(&d), 0);
	/* PAD fail: a counted failure, never compared, even at a high score */
	EXPECT(hit, PC_OK, PC_BIO_OUT_MATCH, 0, 0);
	assert_int_equal(try1(9000, PC_BIO_PAD_FAIL, &d), PC_OK);
	assert_int_equal(d.outcome, PC_BIO_OUT_PAD_REJECTED);
	assert_int_equal(d.failures, 1);
	assert_int_equal(d.score, 0);
	assert_int_equal(n_compare, 1);
	assert_int_equal(pc_bio_verify(&gate, &probe, &s, 1, (pc_bio_pad)3, &d), PC_ERR_INVALID_ARG);
	/* unlock: PAD optional; a match without PAD sets no payment flag */
	assert_int_equal(pc_bio_policy_default(&p, PC_BIO_PURPOSE_UNLOCK), PC_OK);
	assert_int_equal(pc_bio_gate_init(&gate, &plat, OBJ, &p, &scripted), PC_OK);
	assert_int_equal(try1(9000, PC_BIO_PAD_NONE, &d), PC_OK);
	assert_int_equal(d.outcome, PC_BIO_OUT_MATCH);
	assert_int_equal(pc_bio_decision_code_flags(&d), 0);
	assert_int_equal(try1(9000, PC_BIO_PAD_PASS, &d), PC_OK);
	assert_int_equal(pc_bio_decision_code_flags(&d), 0);   /* not payment */
	/* payment with allow_weak and PAD off: a match, no flag */
	assert_int_equal(pc_bio_policy_default(&p, PC_BIO_PURPOSE_PAYMENT), PC_OK);
	p.allow_weak = true;
	p.pad_required = false;
	p.threshold = 3000;
	assert_int_equal(pc_bio_gate_init(&gate, &plat, OBJ, &p, &scripted), PC_OK);
	assert_int_equal(try1(3500, PC_BIO_PAD_PASS, &d), PC_OK);
	assert_int_equal(d.outcome, PC_BIO_OUT_MATCH);
	assert_int_equal(pc_bio_decision_code_flags(&d), 0);   /* below 1e-4 */
	assert_int_equal(pc_bio_decision_code_flags(NULL), 0);
}

static void test_gallery(void **state)
{
	uint32_t g3[3] = { 0, 4400, 100 }, g4[4] = { 100, 4600, 5000, 0 };
	pc_bio_decision d;

	(void)state;
	assert_int_equal(pc_bio_verify(&gate, &probe, g3, 3, PC_BIO_PAD_PASS, &d), PC_OK);
	assert_int_equal(d.outcome, PC_BIO_OUT_NO_MATCH);     /* 4400 < 4478 */
	assert_int_equal(d.effective, 4478);
	assert_int_equal(d.score, 4400);
	assert_int_equal(d.matched, -1);
	assert_int_equal(n_compare, 3);
	assert_int_equal(pc_bio_verify(&gate, &probe, &g3[1], 1, PC_BIO_PAD_PASS, &d), PC_OK);
	assert_int_equal(d.outcome, PC_BIO_OUT_MATCH);        /* k = 1: 4000 */
	n_compare = 0;
	assert_int_equal(pc_bio_verify(&gate, &probe, g4, 4, PC_BIO_PAD_PASS, &d), PC_OK);
	assert_int_equal(d.outcome, PC_BIO_OUT_MATCH);
	assert_int_equal(d.effective, 4603);
	assert_int_equal(d.score, 5000);
	assert_int_equal(d.matched, 2);
	assert_int_equal(d.gallery, 4);
	assert_int_equal(n_compare, 4);                       /* all compared */
	assert_int_equal(pc_bio_verify(&gate, &probe, g4, 0, PC_BIO_PAD_PASS, &d), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_bio_verify(&gate, &probe, g4, 33, PC_BIO_PAD_PASS, &d), PC_ERR_INVALID_ARG);
	assert_int_equal(d.outcome, PC_BIO_OUT_REFUSED);
	assert_int_equal(pc_bio_verify(&gate, NULL, g4, 1, PC_BIO_PAD_PASS, &d), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_bio_verify(&gate, &probe, g4, 1, PC_BIO_PAD_PASS, NULL), PC_ERR_INVALID_ARG);
}

/* ---- count before compare, power cuts, faults ------------------------------------- */

static void test_count_before_compare(void **state)
{
	pc_bio_decision d;

	(void)state;
	EXPECT(miss, PC_OK, PC_BIO_OUT_NO_MATCH, 1, 0);
	/* while the comparison runs the record already holds the failure */
	assert_int_equal(hit(&d), PC_OK);
	assert_int_equal(seen_err, PC_OK);
	assert_int_equal(seen_in_compare.failures, 2);
	assert_int_equal(d.outcome, PC_BIO_OUT_MATCH);
	assert_int_equal(d.failures, 0);
	/* power cut during the comparison: the fake as it was then is what
	 * a reboot finds; a new gate (nothing in RAM) sees the failure */
	EXPECT(miss, PC_OK, PC_BIO_OUT_NO_MATCH, 1, 0);
	snap_on = true;
	assert_int_equal(hit(&d), PC_OK);
	snap_on = false;
	assert_int_equal(d.outcome, PC_BIO_OUT_MATCH);
	assert_int_equal(seen_in_compare.generation, 6);
	fk = snap;
	pc_bio_gate_wipe(&gate);
	assert_int_equal(pc_bio_gate_init(&gate, &plat, OBJ, &pol, &scripted), PC_OK);
	assert_int_equal(pc_bio_gate_status(&gate, NULL, &d), PC_OK);
	assert_int_equal(d.failures, 2);
	assert_int_equal(d.remaining, 3);
}

static unsigned writes_left;
static pc_err cut_write(void *ctx, const char *name, const uint8_t *p, size_t n)
{
	if (writes_left == 0)
		return PC_ERR_STORAGE;
	writes_left--;
	return plat.storage_write_atomic(ctx, name, p, n);
}

static void test_storage_faults(void **state)
{
	pc_platform cut = plat;
	pc_bio_decision d;
	pc_bio_state st;

	(void)state;
	/* the counter write fails: refused, nothing prepared or compared */
	pc_fake_fail(&fk, PC_FAKE_FAIL_WRITE, true);
	assert_int_equal(hit(&d), PC_ERR_STORAGE);
	assert_int_equal(d.outcome, PC_BIO_OUT_REFUSED);
	assert_int_equal(n_prepare + n_compare, 0);
	assert_int_equal(pc_bio_decision_code_flags(&d), 0);
	pc_fake_fail(&fk, PC_FAKE_FAIL_WRITE, false);
	assert_int_equal(pc_bio_gate_status(&gate, &st, &d), PC_OK);
	assert_int_equal(st.failures, 0);
	/* a read fault: refused */
	pc_fake_fail(&fk, PC_FAKE_FAIL_READ, true);
	assert_int_equal(hit(&d), PC_ERR_STORAGE);
	assert_int_equal(d.outcome, PC_BIO_OUT_REFUSED);
	assert_int_equal(pc_bio_gate_status(&gate, NULL, &d), PC_ERR_STORAGE);
	pc_fake_fail(&fk, PC_FAKE_FAIL_READ, false);
	/* the count lands, the match cannot be recorded: refused, counted */
	cut.storage_write_atomic = cut_write;
	writes_left = 1;
	assert_int_equal(pc_bio_gate_init(&gate, &cut, OBJ, &pol, &scripted), PC_OK);
	assert_int_equal(hit(&d), PC_ERR_STORAGE);
	assert_int_equal(d.outcome, PC_BIO_OUT_REFUSED);
	assert_int_equal(d.failures, 1);
	assert_int_equal(n_compare, 1);
	assert_int_equal(pc_bio_decision_code_flags(&d), 0);
	assert_int_equal(pc_bio_gate_status(&gate, &st, &d), PC_OK);
	assert_int_equal(st.failures, 1);
	writes_left = 10;
	EXPECT(hit, PC_OK, PC_BIO_OUT_MATCH, 0, 0);
	/* a gate without storage hooks is refused at init */
	cut.storage_read = NULL;
	assert_int_equal(pc_bio_gate_init(&gate, &cut, OBJ, &pol, &scripted), PC_ERR_UNSUPPORTED);
	assert_int_equal(pc_bio_gate_init(&gate, &plat, "bad/name", &pol, &scripted), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_bio_gate_init(&gate, NULL, OBJ, &pol, &scripted), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_bio_gate_init(NULL, &plat, OBJ, &pol, &scripted), PC_ERR_INVALID_ARG);
}

static void test_matcher_checks(void **state)
{
	pc_bio_matcher m = scripted;
	pc_bio_decision d;

	(void)state;
	m.prepared_size = PC_BIO_GATE_WORK + 1;
	assert_int_equal(pc_bio_gate_init(&gate, &plat, OBJ, &pol, &m), PC_ERR_CAPACITY);
	m = scripted;
	m.version = 2;
	assert_int_equal(pc_bio_gate_init(&gate, &plat, OBJ, &pol, &m), PC_ERR_INVALID_ARG);
	m = scripted;
	m.compare = NULL;
	assert_int_equal(pc_bio_gate_init(&gate, &plat, OBJ, &pol, &m), PC_ERR_INVALID_ARG);
	/* the matcher's own error: returned, and the attempt stays counted */
	assert_int_equal(pc_bio_gate_init(&gate, &plat, OBJ, &pol, &scripted), PC_OK);
	probe.count = 0;
	assert_int_equal(hit(&d), PC_ERR_BIO_FEW_MINUTIAE);
	assert_int_equal(d.outcome, PC_BIO_OUT_NO_MATCH);
	assert_int_equal(d.failures, 1);
	assert_int_equal(n_compare, 0);
	/* the work area holds no prepared probe afterwards */
	probe.count = 1;
	probe.pt[0].x = 0x55;
	EXPECT(hit, PC_OK, PC_BIO_OUT_MATCH, 0, 0);
	assert_int_equal(gate.work.raw[0], 0);
}

static void test_corrupt_missing_rollback(void **state)
{
	uint8_t old[64], rec[64];
	size_t n_old = 0, n = 0;
	pc_bio_decision d;

	(void)state;
	/* missing: locked until a strong factor provisions the record */
	pc_fake_init(&fk, 7, &plat);
	pc_fake_set_time(&fk, T0);
	assert_int_equal(pc_bio_gate_init(&gate, &plat, OBJ, &pol, &scripted), PC_OK);
	assert_int_equal(hit(&d), PC_ERR_BIO_NO_STATE);
	assert_int_equal(d.outcome, PC_BIO_OUT_LOCKED);
	assert_int_equal(pc_bio_gate_status(&gate, NULL, &d), PC_ERR_BIO_NO_STATE);
	assert_int_equal(pc_bio_gate_reset(&gate, true), PC_OK);
	EXPECT(miss, PC_OK, PC_BIO_OUT_NO_MATCH, 1, 0);
	/* corrupted: one flipped byte */
	assert_int_equal(plat.storage_read(plat.ctx, OBJ, 0, rec, sizeof rec, &n), PC_OK);
	assert_int_equal(n, PC_BIO_STATE_LEN);
	rec[5] ^= 0x01;                   /* failures 1 -> 0, CRC now wrong */
	assert_int_equal(plat.storage_write_atomic(plat.ctx, OBJ, rec, n), PC_OK);
	assert_int_equal(hit(&d), PC_ERR_BIO_STATE);
	assert_int_equal(d.outcome, PC_BIO_OUT_LOCKED);
	assert_int_equal(n_compare, 1);
	/* too long */
	rec[5] ^= 0x01;
	assert_int_equal(plat.storage_write_atomic(plat.ctx, OBJ, rec, n + 1), PC_OK);
	assert_int_equal(hit(&d), PC_ERR_BIO_STATE);
	assert_int_equal(pc_bio_gate_reset(&gate, true), PC_OK);
	/* rolled back: an older copy restored after more failures */
	EXPECT(miss, PC_OK, PC_BIO_OUT_NO_MATCH, 1, 0);
	assert_int_equal(plat.storage_read(plat.ctx, OBJ, 0, old, sizeof old, &n_old), PC_OK);
	EXPECT(miss, PC_OK, PC_BIO_OUT_NO_MATCH, 2, 0);
	EXPECT(miss, PC_OK, PC_BIO_OUT_NO_MATCH, 3, 0);
	assert_int_equal(plat.storage_write_atomic(plat.ctx, OBJ, old, n_old), PC_OK);
	assert_int_equal(hit(&d), PC_ERR_BIO_ROLLBACK);
	assert_int_equal(d.outcome, PC_BIO_OUT_LOCKED);
	assert_int_equal(pc_bio_gate_status(&gate, NULL, &d), PC_ERR_BIO_ROLLBACK);
	/* the reset writes a generation above every one seen */
	assert_int_equal(pc_bio_gate_reset(&gate, true), PC_OK);
	EXPECT(hit, PC_OK, PC_BIO_OUT_MATCH, 0, 0);
	assert_int_equal(plat.storage_read(plat.ctx, OBJ, 0, rec, sizeof rec, &n), PC_OK);
	/* generations: 1 reset, 2 miss, 3 reset, 4-6 misses (4 restored),
	 * 7 reset, 8 the count, 9 the match */
	assert_int_equal(rec[15], 9);
}

static void test_determinism(void **state)
{
	uint8_t a[64], b[64];
	size_t na = 0, nb = 0;
	int run;

	(void)state;
	for (run = 0; run < 2; run++) {
		int i;

		setup(NULL);
		for (i = 0; i < 7; i++) {
			pc_bio_decision d;

			pc_fake_set_time(&fk, T0 + 40 * i);
			(void)try1(i == 6 ? 5000u : 100u * (unsigned)i, PC_BIO_PAD_PASS, &d);
		}
		assert_int_equal(plat.storage_read(plat.ctx, OBJ, 0, run ? b : a, 64,
						   run ? &nb : &na), PC_OK);
	}
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na);
}

/* ---- the pure step ------------------------------------------------------------------ */

static void test_step(void **state)
{
	pc_bio_state s = { 1, 0, 0, 0 }, o;
	pc_bio_attempt a = { T0, true, 4000, PC_BIO_PAD_PASS, 1 };
	pc_bio_decision d;

	(void)state;
	assert_int_equal(pc_bio_policy_step(&pol, &s, &a, &o, &d), PC_OK);
	assert_int_equal(d.outcome, PC_BIO_OUT_MATCH);
	assert_int_equal(o.generation, 1);            /* storage's business */
	a.score = 3999;
	assert_int_equal(pc_bio_policy_step(&pol, &s, &a, &s, &d), PC_OK);   /* aliasing */
	assert_int_equal(s.failures, 1);
	a.gallery = 0;
	assert_int_equal(pc_bio_policy_step(&pol, &s, &a, &o, &d), PC_ERR_INVALID_ARG);
	assert_int_equal(d.outcome, PC_BIO_OUT_REFUSED);
	assert_true(same_state(&o, &s));
	a.gallery = 1;
	a.now = -5;
	assert_int_equal(pc_bio_policy_step(&pol, &s, &a, &o, &d), PC_ERR_INVALID_ARG);
	a.now = INT64_MAX - 10;      /* a lock that would overflow becomes hard */
	s.failures = 4;
	assert_int_equal(pc_bio_policy_step(&pol, &s, &a, &o, &d), PC_OK);
	assert_int_equal(o.locked_until, PC_BIO_LOCKED_HARD);
	assert_int_equal(pc_bio_policy_step(NULL, &s, &a, &o, &d), PC_ERR_INVALID_ARG);
	assert_string_equal(pc_bio_outcome_name(PC_BIO_OUT_PRIMARY_REQUIRED), "PRIMARY_REQUIRED");
	assert_string_equal(pc_bio_outcome_name((pc_bio_outcome)99), "?");
}

/* ---- the real matcher ----------------------------------------------------------------- */

static void test_reference_matcher(void **state)
{
	static pc_bio_template t1, t2, other;
	static pc_bio_prepared gal[2];
	const pc_bio_matcher *m = pc_bio_matcher_reference();
	pc_bio_decision d;
	pc_bio_synth sy;

	(void)state;
	pc_bio_synth_default(&sy, 11);
	assert_int_equal(pc_bio_synth_impression(&sy, 0, 0, &t1), PC_OK);
	assert_int_equal(pc_bio_synth_impression(&sy, 0, 1, &t2), PC_OK);
	assert_int_equal(pc_bio_synth_impression(&sy, 5, 0, &other), PC_OK);
	assert_int_equal(pc_bio_prepare(&t1, &gal[0]), PC_OK);
	assert_int_equal(pc_bio_prepare(&t2, &gal[1]), PC_OK);
	assert_int_equal(pc_bio_gate_init(&gate, &plat, OBJ, &pol, m), PC_OK);
	assert_int_equal(pc_bio_verify(&gate, &t1, gal, 2, PC_BIO_PAD_PASS, &d), PC_OK);
	assert_int_equal(d.outcome, PC_BIO_OUT_MATCH);        /* itself is sample 0 */
	assert_int_equal(d.matched, 0);
	assert_true(d.score >= d.effective);
	assert_int_equal(pc_bio_verify(&gate, &other, gal, 2, PC_BIO_PAD_PASS, &d), PC_OK);
	assert_int_equal(d.outcome, PC_BIO_OUT_NO_MATCH);     /* another finger */
	assert_true(d.score < d.effective);
	assert_int_equal(d.failures, 1);
	pc_bio_gate_wipe(&gate);
	pc_bio_gate_wipe(NULL);
}

/* ---- decision -> consumer code -> risk factors --------------------------------------- */

#define MK 7u
#define TOKEN 0x0102030405060708ull
#define ALIAS 1234567u
static uint8_t master[32];

static pc_err h_master(void *ctx, uint32_t id, uint8_t out[PC_KEY_LEN])
{
	(void)ctx;
	if (id != MK)
		return PC_ERR_NOT_FOUND;
	memcpy(out, master, 32);
	return PC_OK;
}

static pc_err h_alias(void *ctx, uint32_t alias, uint64_t *token, uint32_t *mkid)
{
	(void)ctx;
	if (alias != ALIAS)
		return PC_ERR_NOT_FOUND;
	*token = TOKEN;
	*mkid = MK;
	return PC_OK;
}

static const pc_provider_hooks hooks = { NULL, h_master, h_alias, NULL };

/* A code carrying the gate's flags, judged by a provider: the factors. */
static pc_factors factors_of(uint8_t flags)
{
	static pc_wallet w;
	static pc_memstore ms;
	static pc_store st;
	static pc_validator v;
	uint8_t tok[32];
	char code[PC_QR_CODE_MAX_LEN];
	pc_decision dec;
	size_t n = 0;

	memset(master, 0xA5, sizeof master);
	assert_int_equal(pc_token_key(master, MK, TOKEN, tok), PC_OK);
	assert_int_equal(pc_wallet_init(&w, &plat, NULL, tok, MK, TOKEN, ALIAS, 0), PC_OK);
	assert_int_equal(pc_wallet_qr(&w, PC_FORM_QR_ONLINE, flags, code, sizeof code, &n), PC_OK);
	pc_memstore_init(&ms, &plat, &st);
	assert_int_equal(pc_validator_init(&v, PC_MODE_PROVIDER, &plat, &st, &hooks, NULL), PC_OK);
	assert_int_equal(pc_validate(&v, code, n, &dec), PC_OK);
	assert_int_equal(dec.verdict, PC_APPROVE);
	assert_int_equal(dec.flags, flags);
	pc_wallet_wipe(&w);
	return pc_risk_code_factors(&dec);
}

static void test_code_factors(void **state)
{
	pc_bio_decision d;

	(void)state;
	assert_int_equal(hit(&d), PC_OK);
	assert_int_equal(factors_of(pc_bio_decision_code_flags(&d)),
			 PC_FACTOR_OTP | PC_FACTOR_BIOMETRIC);
	assert_int_equal(miss(&d), PC_OK);
	assert_int_equal(factors_of(pc_bio_decision_code_flags(&d)), PC_FACTOR_OTP);
	assert_int_equal(try1(9000, PC_BIO_PAD_NONE, &d), PC_ERR_BIO_PAD);
	assert_int_equal(factors_of(pc_bio_decision_code_flags(&d)), PC_FACTOR_OTP);
	assert_int_equal(try1(9000, PC_BIO_PAD_FAIL, &d), PC_OK);
	assert_int_equal(factors_of(pc_bio_decision_code_flags(&d)), PC_FACTOR_OTP);
	/* after 3 failures a match needs the PIN: no biometric factor */
	assert_int_equal(miss(&d), PC_OK);
	assert_int_equal(hit(&d), PC_OK);
	assert_int_equal(d.outcome, PC_BIO_OUT_PRIMARY_REQUIRED);
	assert_int_equal(factors_of(pc_bio_decision_code_flags(&d)), PC_FACTOR_OTP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_policy_check, setup),
		cmocka_unit_test(test_attempt_budget),
		cmocka_unit_test(test_gallery_threshold),
		cmocka_unit_test(test_state_record),
		cmocka_unit_test_setup(test_lockout_sequence, setup),
		cmocka_unit_test_setup(test_match_resets_below_primary, setup),
		cmocka_unit_test_setup(test_hard_lock, setup),
		cmocka_unit_test_setup(test_time_unknown, setup),
		cmocka_unit_test_setup(test_pad, setup),
		cmocka_unit_test_setup(test_gallery, setup),
		cmocka_unit_test_setup(test_count_before_compare, setup),
		cmocka_unit_test_setup(test_storage_faults, setup),
		cmocka_unit_test_setup(test_matcher_checks, setup),
		cmocka_unit_test_setup(test_corrupt_missing_rollback, setup),
		cmocka_unit_test(test_determinism),
		cmocka_unit_test_setup(test_step, setup),
		cmocka_unit_test_setup(test_reference_matcher, setup),
		cmocka_unit_test_setup(test_code_factors, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
