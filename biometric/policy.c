/*
 * Biometric decision policy: thresholds by target FMR, the gallery
 * adjustment, the attempt and lockout rules and the consumer-code flags
 * (docs/SPEC.md §6.2). Pure functions of their arguments: no storage, no
 * clock, no matcher; biometric/gate.c adds those.
 *
 * Sources of the numbers: biometrics reference §5 (paycode defaults,
 * FIDO "FAR x allowed attempts < 0.017 for the first 12.8 days", Android
 * CDD §7.3.10: at least 30 s of lockout after 5 false trials) and
 * the payment rule BIO-05 (lockout after 5, primary factor after 3).
 */
#include <paycode/bio.h>
#include <paycode/code.h>

#include "internal.h"

/* Bounds of the "nonsense" checks (SPEC §6.2.1). */
#define POL_SCORE_MIN 1000u          /* FMR 1e-1: below it nothing is verified */
#define POL_SCORE_MAX 10000u         /* scores saturate here */
#define POL_FAIL_MAX 100u
#define POL_LOCK_MAX (30u * 86400u)
#define POL_LOCK_CAP_MAX (365u * 86400u)
/* Payment floor besides the threshold: BIO-05 / Android CDD §7.3.10. */
#define POL_PAY_FAIL_MAX 5u
#define POL_PAY_LOCK_MIN 30u
#define POL_PAY_PRIMARY_MAX 3u

/*
 * ceil(1000 * log10(k)) for k = 1..32: the gallery adjustment in
 * hundredths of a decibel. Rounded up so the gallery decision's FMR is at
 * most the policy's (biometrics reference §3: "any of k samples >= t"
 * raises FMR up to k-fold).
 */
static const uint16_t pol_log_k[PC_BIO_GALLERY_MAX] = {
	0, 302, 478, 603, 699, 779, 846, 904, 955, 1000, 1042, 1080, 1114,
	1147, 1177, 1205, 1231, 1256, 1279, 1302, 1323, 1343, 1362, 1381,
	1398, 1415, 1432, 1448, 1463, 1478, 1492, 1506
};

/* floor(10^(r/10) * 10000) for r = 0..9: 10^(t/1000) in steps of 1 dB. */
static const uint32_t pol_pow_db[10] = {
	10000, 12589, 15848, 19952, 25118, 31622, 39810, 50118, 63095, 79432
};

pc_err pc_bio_policy_default(pc_bio_policy *p, pc_bio_purpose purpose)
{
	if (p == NULL)
		return PC_ERR_INVALID_ARG;
	pc_wipe(p, sizeof *p);
	if (purpose != PC_BIO_PURPOSE_PAYMENT && purpose != PC_BIO_PURPOSE_UNLOCK &&
	    purpose != PC_BIO_PURPOSE_REMOTE_AUTH)
		return PC_ERR_INVALID_ARG;
	p->purpose = purpose;
	p->threshold = PC_BIO_PAYMENT_MIN_SCORE;
	p->lockout_s = 30;
	p->lockout_max_s = 86400;
	p->max_failures = 5;
	p->primary_after = 3;
	p->hard_after = 0;
	/* A plain photo of a finger unlocking a phone is a nuisance; paying
	 * with it is a loss: PAD is the default wherever money or a remote
	 * party relies on the result. */
	p->pad_required = purpose != PC_BIO_PURPOSE_UNLOCK;
	p->allow_weak = false;
	return PC_OK;
}

/* Lockout number i (1-based) lasts lockout_s * 2^(i-1), capped. */
static uint64_t pol_duration(const pc_bio_policy *p, unsigned i)
{
	uint64_t d = p->lockout_s;

	if (i - 1u >= 32u)
		return p->lockout_max_s;
	d <<= (i - 1u);
	return d < p->lockout_max_s ? d : p->lockout_max_s;
}

uint64_t pc_bio_policy_attempts(const pc_bio_policy *p)
{
	uint64_t a, s = 0, d = 1, n;
	unsigned i;

	if (p == NULL || p->lockout_s == 0 || p->lockout_max_s == 0)
		return 0;
	a = p->max_failures;
	for (i = 1;; i++) {
		if (p->hard_after != 0 && i >= p->hard_after)
			return a;            /* lock i is hard: nothing after it */
		d = pol_duration(p, i);
		if (d == p->lockout_max_s)
			break;
		s += d;
		if (s >= PC_BIO_FIDO_WINDOW)
			return a;
		a++;                         /* one attempt when lock i ends */
	}
	/* From lock i on every lock lasts the cap: count those that end
	 * strictly inside the window. */
	if (s >= PC_BIO_FIDO_WINDOW)
		return a;
	n = (PC_BIO_FIDO_WINDOW - 1u - s) / d;
	if (p->hard_after != 0 && n > (uint64_t)(p->hard_after - i))
		n = (uint64_t)(p->hard_after - i);
	return a + n;
}

/* Largest attempt count A with A x 10^(-t/1000) < 0.017, using t rounded
 * down to whole decibels (which only lowers the budget). */
static uint64_t pol_budget(uint32_t t)
{
	uint32_t db = t / 100u;
	uint64_t v = 17u * (uint64_t)pol_pow_db[db % 10u];
	unsigned q;

	for (q = 0; q < db / 10u; q++)
		v *= 10u;
	/* v = 0.017 x 10^(t/1000) x 10^7; the largest A below it */
	return (v - 1u) / 10000000u;
}

static bool pol_sane(const pc_bio_policy *p)
{
	return (p->purpose == PC_BIO_PURPOSE_PAYMENT ||
		p->purpose == PC_BIO_PURPOSE_UNLOCK ||
		p->purpose == PC_BIO_PURPOSE_REMOTE_AUTH) &&
	       p->threshold >= POL_SCORE_MIN && p->threshold <= POL_SCORE_MAX &&
	       p->max_failures >= 1u && p->max_failures <= POL_FAIL_MAX &&
	       p->primary_after <= p->max_failures &&
	       p->lockout_s >= 1u && p->lockout_s <= POL_LOCK_MAX &&
	       p->lockout_max_s >= p->lockout_s &&
	       p->lockout_max_s <= POL_LOCK_CAP_MAX;
}

pc_err pc_bio_policy_check(const pc_bio_policy *p)
{
	if (p == NULL)
		return PC_ERR_INVALID_ARG;
	if (!pol_sane(p))
		return PC_ERR_BIO_POLICY;
	if (p->purpose != PC_BIO_PURPOSE_PAYMENT || p->allow_weak)
		return PC_OK;
	if (p->threshold < PC_BIO_PAYMENT_MIN_SCORE || !p->pad_required ||
	    p->max_failures > POL_PAY_FAIL_MAX || p->lockout_s < POL_PAY_LOCK_MIN ||
	    p->primary_after == 0 || p->primary_after > POL_PAY_PRIMARY_MAX)
		return PC_ERR_BIO_POLICY;
	/* Threshold at most 10000 (100 dB): pol_budget() cannot overflow. */
	if (pc_bio_policy_attempts(p) > pol_budget(p->threshold))
		return PC_ERR_BIO_POLICY;
	return PC_OK;
}

uint32_t pc_bio_gallery_threshold(uint32_t threshold, size_t k)
{
	if (k == 0 || k > PC_BIO_GALLERY_MAX)
		return 0;
	return threshold + pol_log_k[k - 1u];
}

/* 1 when a >= b, else 0, without a branch on either (STYLE §7: a template
 * score is compared like a MAC). */
static uint32_t pol_ct_ge(uint32_t a, uint32_t b)
{
	return 1u ^ (uint32_t)(((uint64_t)a - (uint64_t)b) >> 63);
}

/* The decision fields every return fills. */
static void pol_fill(pc_bio_decision *d, const pc_bio_policy *p,
		     const pc_bio_attempt *a, const pc_bio_state *s)
{
	pc_wipe(d, sizeof *d);
	d->outcome = PC_BIO_OUT_REFUSED;
	d->purpose = p->purpose;
	d->pad = a->pad;
	d->threshold = p->threshold;
	d->effective = pc_bio_gallery_threshold(p->threshold, a->gallery);
	d->gallery = a->gallery;
	d->matched = -1;
	d->failures = s->failures;
	d->remaining = s->failures >= p->max_failures ?
		       0 : (uint16_t)(p->max_failures - s->failures);
	d->locked_until = s->locked_until;
}

/* A failure: count it, and start lockout number lockouts + 1 when the
 * count reaches max_failures. Without a trusted clock a timed lock could
 * never be checked, so it becomes hard (SPEC §6.2.5 rule 6). */
static void pol_fail(const pc_bio_policy *p, const pc_bio_attempt *a,
		     pc_bio_state *s)
{
	uint64_t d;

	if (s->failures < UINT8_MAX)
		s->failures++;
	if (s->failures < p->max_failures)
		return;
	if (s->lockouts < UINT8_MAX)
		s->lockouts++;
	d = pol_duration(p, s->lockouts);
	if ((p->hard_after != 0 && s->lockouts >= p->hard_after) ||
	    !a->now_known || a->now > INT64_MAX - (pc_time)d)
		s->locked_until = PC_BIO_LOCKED_HARD;
	else
		s->locked_until = a->now + (pc_time)d;
}

/* Rules 1-3: policy, lock, PAD. PC_OK when the attempt may be counted;
 * *s has an expired lock lifted. */
static pc_err pol_admit(const pc_bio_policy *p, const pc_bio_attempt *a,
			pc_bio_state *s, pc_bio_decision *d)
{
	pc_err err = pc_bio_policy_check(p);

	if (err != PC_OK)
		return err;
	if (a->gallery == 0 || a->gallery > PC_BIO_GALLERY_MAX ||
	    (a->now_known && a->now < 0) ||
	    (a->pad != PC_BIO_PAD_NONE && a->pad != PC_BIO_PAD_PASS &&
	     a->pad != PC_BIO_PAD_FAIL))
		return PC_ERR_INVALID_ARG;
	if (s->locked_until == PC_BIO_LOCKED_HARD ||
	    (s->locked_until != 0 &&
	     (!a->now_known || a->now < s->locked_until))) {
		d->outcome = PC_BIO_OUT_LOCKED;
		return PC_ERR_BIO_LOCKED;
	}
	if (a->pad == PC_BIO_PAD_NONE && p->pad_required) {
		d->outcome = PC_BIO_OUT_PAD_MISSING;
		return PC_ERR_BIO_PAD;
	}
	s->locked_until = 0;
	return PC_OK;
}

pc_err pc_bio_policy_step(const pc_bio_policy *p, const pc_bio_state *in,
			  const pc_bio_attempt *a, pc_bio_state *out,
			  pc_bio_decision *d)
{
	pc_bio_state s;
	uint32_t hit;
	pc_err err;

	if (p == NULL || in == NULL || a == NULL || out == NULL || d == NULL)
		return PC_ERR_INVALID_ARG;
	s = *in;
	pol_fill(d, p, a, &s);
	err = pol_admit(p, a, &s, d);
	if (err != PC_OK) {
		*out = *in;
		return err;
	}
	hit = pol_ct_ge(a->score, d->effective) &
	      (uint32_t)(a->pad != PC_BIO_PAD_FAIL);
	PC_DECLASSIFY(&hit, sizeof hit);  /* match or not is the output */
	/* a PAD failure is decided without comparing (as the gate does) */
	d->score = a->pad == PC_BIO_PAD_FAIL ? 0 : a->score;
	if (hit == 0) {
		pol_fail(p, a, &s);
		d->outcome = a->pad == PC_BIO_PAD_FAIL ? PC_BIO_OUT_PAD_REJECTED
						       : PC_BIO_OUT_NO_MATCH;
	} else if (p->primary_after != 0 && s.failures >= p->primary_after) {
		/* BIO-05: after primary_after failures biometrics alone no
		 * longer verify; the count stays until the primary factor
		 * resets the gate. */
		d->outcome = PC_BIO_OUT_PRIMARY_REQUIRED;
	} else {
		s.failures = 0;
		s.lockouts = 0;
		d->outcome = PC_BIO_OUT_MATCH;
	}
	d->failures = s.failures;
	d->remaining = s.failures >= p->max_failures ?
		       0 : (uint16_t)(p->max_failures - s.failures);
	d->locked_until = s.locked_until;
	*out = s;
	return PC_OK;
}

uint8_t pc_bio_decision_code_flags(const pc_bio_decision *d)
{
	if (d == NULL || d->outcome != PC_BIO_OUT_MATCH ||
	    d->purpose != PC_BIO_PURPOSE_PAYMENT || d->pad != PC_BIO_PAD_PASS ||
	    d->threshold < PC_BIO_PAYMENT_MIN_SCORE)
		return 0;
	return PC_CODE_F_UV_BIOMETRIC;
}

const char *pc_bio_outcome_name(pc_bio_outcome o)
{
	switch (o) {
	case PC_BIO_OUT_NONE: return "NONE";
	case PC_BIO_OUT_MATCH: return "MATCH";
	case PC_BIO_OUT_NO_MATCH: return "NO_MATCH";
	case PC_BIO_OUT_LOCKED: return "LOCKED";
	case PC_BIO_OUT_PAD_REJECTED: return "PAD_REJECTED";
	case PC_BIO_OUT_PAD_MISSING: return "PAD_MISSING";
	case PC_BIO_OUT_PRIMARY_REQUIRED: return "PRIMARY_REQUIRED";
	case PC_BIO_OUT_REFUSED: return "REFUSED";
	default: return "?";
	}
}
