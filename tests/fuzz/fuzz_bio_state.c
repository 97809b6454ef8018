/*
 * libFuzzer target for the biometric attempt-state record and the policy
 * step (biometric/gate.c, biometric/policy.c; SPEC §6.2.4, §6.2.5).
 *
 * The input, in an exact-size heap copy, is decoded with
 * pc_bio_state_decode(). Oracles (abort() on failure):
 *   - the result is PC_OK or PC_ERR_BIO_STATE, and decode succeeds exactly
 *     when an independent reading of SPEC §6.2.4 accepts (32 bytes, magic,
 *     version 1, reserved bytes 0, generation >= 1, lockedUntil >= -1,
 *     CRC-32 of bytes 0..27);
 *   - a failed decode leaves a zeroed state; a successful one re-encodes
 *     to exactly the input;
 *   - one policy step on the decoded state, with an attempt taken from the
 *     input, keeps the invariants of SPEC §6.2.5: a refused attempt
 *     changes no state; MATCH zeroes the counters; NO_MATCH and
 *     PAD_REJECTED add one failure (saturating); a lock starts exactly
 *     when the failures reach maxFailures; PRIMARY_REQUIRED keeps the
 *     count; only MATCH can set the consumer-code flag.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <paycode/bio.h>
#include <paycode/code.h>

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

static uint32_t crc32(const uint8_t *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;
	unsigned j;

	while (n--) {
		c ^= *p++;
		for (j = 0; j < 8; j++)
			c = (c & 1u) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
	}
	return ~c;
}

static bool spec_accepts(const uint8_t *p, size_t len)
{
	uint64_t until;

	if (len != 32 || be(p, 4) != 0x50434241u || p[4] != 1 || p[7] != 0 ||
	    be(p + 24, 4) != 0 || be(p + 8, 8) == 0)
		return false;
	until = be(p + 16, 8);
	if (until >= 0x8000000000000000ull && until != UINT64_MAX)
		return false;   /* below -1 */
	return be(p + 28, 4) == crc32(p, 28);
}

/* One step with an attempt and a policy drawn from the input. */
static void step(const uint8_t *p, size_t len, const pc_bio_state *s)
{
	pc_bio_policy pol;
	pc_bio_attempt a;
	pc_bio_state o;
	pc_bio_decision d;
	pc_err err;

	check(pc_bio_policy_default(&pol, len > 0 ? (pc_bio_purpose)(1 + p[0] % 3)
						  : PC_BIO_PURPOSE_PAYMENT) == PC_OK);
	memset(&a, 0, sizeof a);
	a.now_known = len < 2 || (p[1] & 1u);
	a.now = len > 20 ? (pc_time)(be(p + 12, 8) >> 2) : 1800000000;
	a.score = len > 24 ? (uint32_t)be(p + 20, 4) % 12000u : 5000u;
	a.pad = len > 2 ? (pc_bio_pad)(p[2] % 4u) : PC_BIO_PAD_PASS;
	a.gallery = len > 3 ? (uint16_t)(p[3] % 34u) : 1u;
	err = pc_bio_policy_step(&pol, s, &a, &o, &d);
	if (err != PC_OK) {
		check(o.generation == s->generation && o.failures == s->failures &&
		      o.lockouts == s->lockouts && o.locked_until == s->locked_until);
		check(d.outcome != PC_BIO_OUT_MATCH);
		check(pc_bio_decision_code_flags(&d) == 0);
		return;
	}
	check(o.generation == s->generation);
	switch (d.outcome) {
	case PC_BIO_OUT_MATCH:
		check(o.failures == 0 && o.lockouts == 0 && o.locked_until == 0);
		check(a.score >= d.effective && a.pad != PC_BIO_PAD_FAIL);
		break;
	case PC_BIO_OUT_NO_MATCH:
	case PC_BIO_OUT_PAD_REJECTED:
		check(o.failures == (s->failures == 255 ? 255 : s->failures + 1));
		check((o.locked_until != 0) == (o.failures >= pol.max_failures));
		check(pc_bio_decision_code_flags(&d) == 0);
		break;
	case PC_BIO_OUT_PRIMARY_REQUIRED:
		check(o.failures == s->failures && o.failures >= pol.primary_after);
		check(o.locked_until == 0 && pc_bio_decision_code_flags(&d) == 0);
		break;
	default:
		check(false);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *p = malloc(size ? size : 1), again[PC_BIO_STATE_LEN];
	pc_bio_state s;
	pc_err err;

	if (p == NULL)
		return 0;
	memcpy(p, data, size);
	err = pc_bio_state_decode(p, size, &s);
	check(err == PC_OK || err == PC_ERR_BIO_STATE);
	check((err == PC_OK) == spec_accepts(p, size));
	if (err != PC_OK) {
		check(s.generation == 0 && s.failures == 0 && s.lockouts == 0 &&
		      s.locked_until == 0);
		s.generation = 1;
		s.failures = size > 4 ? p[4] : 0;
		s.lockouts = size > 5 ? p[5] : 0;
	} else {
		check(pc_bio_state_encode(&s, again) == PC_OK);
		check(memcmp(again, p, PC_BIO_STATE_LEN) == 0);
	}
	step(p, size, &s);
	free(p);
	return 0;
}
