/*
 * Biometric decision gate: the policy of biometric/policy.c with a clock,
 * a matcher and a persisted attempt-state record (docs/SPEC.md §6.2.4,
 * §6.2.5).
 *
 * The failure counter works like a smart-card PIN try counter (ISO/IEC
 * 7816-4 §7.5.7, VERIFY): the attempt is recorded as a failure durably
 * BEFORE the comparison's result exists, and only a match writes it back.
 * Cutting power between the comparison and the write therefore leaves a
 * counted failure, never a free attempt. Every storage doubt fails closed:
 * a fault refuses the attempt, a malformed, missing or older record locks
 * the gate until the primary factor resets it.
 */
#include <string.h>

#include <paycode/bio.h>

#include "internal.h"

/* Record layout (SPEC §6.2.4): offsets and constants. */
#define ST_MAGIC 0x50434241u    /* "PCBA": paycode biometric attempts */
#define ST_VERSION 1u
#define ST_CRC_AT 28u

/* CRC-32 (ISO-HDLC: reflected polynomial 0xEDB88320, initial and final
 * value 0xFFFFFFFF; ISO/IEC 13239), bitwise: 28 bytes need no table. It
 * detects torn or decayed storage, not an attacker (SECURITY §9). */
static uint32_t st_crc32(const uint8_t *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;
	size_t i;
	unsigned k;

	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
	}
	return c ^ 0xFFFFFFFFu;
}

pc_err pc_bio_state_encode(const pc_bio_state *s, uint8_t out[PC_BIO_STATE_LEN])
{
	pc_wr w;

	if (s == NULL || out == NULL || s->generation == 0 ||
	    s->locked_until < PC_BIO_LOCKED_HARD)
		return PC_ERR_INVALID_ARG;
	pc__wr_init(&w, out, PC_BIO_STATE_LEN);
	pc__wr_u32be(&w, ST_MAGIC);
	pc__wr_u8(&w, ST_VERSION);
	pc__wr_u8(&w, s->failures);
	pc__wr_u8(&w, s->lockouts);
	pc__wr_u8(&w, 0);
	pc__wr_u32be(&w, (uint32_t)(s->generation >> 32));
	pc__wr_u32be(&w, (uint32_t)s->generation);
	pc__wr_u32be(&w, (uint32_t)((uint64_t)s->locked_until >> 32));
	pc__wr_u32be(&w, (uint32_t)(uint64_t)s->locked_until);
	pc__wr_u32be(&w, 0);
	pc__wr_u32be(&w, st_crc32(out, ST_CRC_AT));
	return PC_ALWAYS(w.err == PC_OK) ? PC_OK : PC_ERR_INTERNAL;
}

/* Two big-endian words as one 64-bit value. */
static pc_err st_rd_u64(pc_rd *r, uint64_t *v)
{
	uint32_t hi = 0, lo = 0;
	pc_err err = pc__rd_u32be(r, &hi);

	if (err == PC_OK)
		err = pc__rd_u32be(r, &lo);
	*v = ((uint64_t)hi << 32) | lo;
	return err;
}

pc_err pc_bio_state_decode(const uint8_t *in, size_t len, pc_bio_state *s)
{
	uint32_t magic = 0, reserved = 0, crc = 0;
	uint8_t version = 0, zero = 0;
	uint64_t until = 0;
	pc_rd r;

	if (s == NULL || (in == NULL && len != 0))
		return PC_ERR_INVALID_ARG;
	pc_wipe(s, sizeof *s);
	if (len != PC_BIO_STATE_LEN)
		return PC_ERR_BIO_STATE;
	pc__rd_init(&r, in, len);
	/* The length is exact, so no read below can fail. */
	(void)pc__rd_u32be(&r, &magic);
	(void)pc__rd_u8(&r, &version);
	(void)pc__rd_u8(&r, &s->failures);
	(void)pc__rd_u8(&r, &s->lockouts);
	(void)pc__rd_u8(&r, &zero);
	(void)st_rd_u64(&r, &s->generation);
	(void)st_rd_u64(&r, &until);
	(void)pc__rd_u32be(&r, &reserved);
	(void)pc__rd_u32be(&r, &crc);
	s->locked_until = until <= (uint64_t)INT64_MAX ?
			  (pc_time)until : -(pc_time)(~until) - 1;
	if (magic != ST_MAGIC || version != ST_VERSION || zero != 0 ||
	    reserved != 0 || s->generation == 0 ||
	    s->locked_until < PC_BIO_LOCKED_HARD ||
	    crc != st_crc32(in, ST_CRC_AT)) {
		pc_wipe(s, sizeof *s);
		return PC_ERR_BIO_STATE;
	}
	return PC_OK;
}

/* ---- the gate ------------------------------------------------------------ */

static bool gate_matcher_ok(const pc_bio_matcher *m)
{
	return m != NULL && m->version == PC_BIO_MATCHER_VERSION &&
	       m->name != NULL && m->prepare != NULL && m->compare != NULL &&
	       m->prepared_size != 0;
}

pc_err pc_bio_gate_init(pc_bio_gate *g, const pc_platform *plat,
			const char *name, const pc_bio_policy *p,
			const pc_bio_matcher *m)
{
	pc_err err;

	if (g == NULL)
		return PC_ERR_INVALID_ARG;
	pc_wipe(g, sizeof *g);
	if (pc_platform_check(plat) != PC_OK || name == NULL ||
	    !pc_platform_name_ok(name) || p == NULL || !gate_matcher_ok(m))
		return PC_ERR_INVALID_ARG;
	if (plat->storage_read == NULL || plat->storage_write_atomic == NULL)
		return PC_ERR_UNSUPPORTED;
	err = pc_bio_policy_check(p);
	if (err != PC_OK)
		return err;
	if (m->prepared_size > sizeof g->work.raw)
		return PC_ERR_CAPACITY;
	g->plat = plat;
	g->m = m;
	g->policy = *p;
	memcpy(g->name, name, strlen(name) + 1u);
	return PC_OK;
}

void pc_bio_gate_wipe(pc_bio_gate *g)
{
	pc_wipe(g, g != NULL ? sizeof *g : 0);
}

/* Read and check the record. A generation below the highest this gate
 * has seen is a restored older copy (SECURITY §9, "state rollback"). */
static pc_err gate_load(pc_bio_gate *g, pc_bio_state *s)
{
	uint8_t buf[PC_BIO_STATE_LEN + 1u];
	size_t got = 0;
	pc_err err;

	pc_wipe(s, sizeof *s);
	err = g->plat->storage_read(g->plat->ctx, g->name, 0, buf, sizeof buf,
				    &got);
	if (err == PC_ERR_NOT_FOUND)
		return PC_ERR_BIO_NO_STATE;
	if (err != PC_OK || got > sizeof buf)
		return PC_ERR_STORAGE;
	err = pc_bio_state_decode(buf, got, s);
	if (err != PC_OK)
		return err;
	if (s->generation < g->seen) {
		pc_wipe(s, sizeof *s);
		return PC_ERR_BIO_ROLLBACK;
	}
	g->seen = s->generation;
	return PC_OK;
}

/* Write s as the next generation; durable on PC_OK. On failure the port
 * keeps the old record (platform.h), so `seen` stays. */
static pc_err gate_store(pc_bio_gate *g, pc_bio_state *s)
{
	uint8_t rec[PC_BIO_STATE_LEN];

	if (g->seen == UINT64_MAX)
		return PC_ERR_BIO_STATE;
	s->generation = g->seen + 1u;
	if (pc_bio_state_encode(s, rec) != PC_OK ||
	    g->plat->storage_write_atomic(g->plat->ctx, g->name, rec,
					  sizeof rec) != PC_OK)
		return PC_ERR_STORAGE;
	g->seen = s->generation;
	return PC_OK;
}

/* 1 when a > b, else 0, without a branch (STYLE §7). */
static uint32_t gate_ct_gt(uint32_t a, uint32_t b)
{
	return (uint32_t)(((uint64_t)b - (uint64_t)a) >> 63);
}

/* Prepare the probe and compare it with every sample, without stopping
 * at a match, keeping the best score and its index with masks. */
static pc_err gate_compare(pc_bio_gate *g, const pc_bio_template *probe,
			   const void *gallery, size_t n, uint32_t *best,
			   uint32_t *idx)
{
	const uint8_t *ref = gallery;
	uint32_t sc, gt, b = 0, k = 0;
	size_t i;
	pc_err err;

	err = g->m->prepare(g->m->ctx, probe, g->work.raw, sizeof g->work.raw);
	for (i = 0; err == PC_OK && i < n; i++) {
		sc = 0;
		err = g->m->compare(g->m->ctx, g->work.raw,
				    ref + i * g->m->prepared_size, &sc);
		gt = gate_ct_gt(sc, b);
		b = pc_ct_select(gt, sc, b);
		k = pc_ct_select(gt, (uint32_t)i, k);
	}
	pc_wipe(g->work.raw, sizeof g->work.raw);
	*best = err == PC_OK ? b : 0;
	*idx = k;
	return err;
}

/* The decision of an attempt refused before the policy ran. */
static pc_err gate_refuse(const pc_bio_gate *g, pc_bio_decision *d,
			  pc_bio_outcome o, pc_err err)
{
	d->outcome = o;
	if (g != NULL) {
		d->purpose = g->policy.purpose;
		d->threshold = g->policy.threshold;
	}
	return err;
}

/* The attempt's clock, PAD and gallery size. */
static void gate_attempt(const pc_bio_gate *g, pc_bio_attempt *a, size_t n,
			 pc_bio_pad pad)
{
	pc_wipe(a, sizeof *a);
	a->now_known = pc_platform_time(g->plat, &a->now) == PC_OK;
	a->pad = pad;
	a->gallery = (uint16_t)(n <= PC_BIO_GALLERY_MAX ? n : 0);
}

/* After the failure is durable: compare, decide, and record a match. */
static pc_err gate_decide(pc_bio_gate *g, const pc_bio_state *s,
			  pc_bio_attempt *a, const pc_bio_template *probe,
			  const void *gallery, pc_bio_decision *d)
{
	pc_bio_decision pre = *d;
	pc_bio_state ok;
	uint32_t idx = 0;
	pc_err err;

	err = gate_compare(g, probe, gallery, a->gallery, &a->score, &idx);
	if (err != PC_OK)
		return err;             /* counted as a failure (pre) */
	err = pc_bio_policy_step(&g->policy, s, a, &ok, d);
	if (err != PC_OK || d->outcome == PC_BIO_OUT_NO_MATCH)
		return err;             /* already stored */
	if (gate_store(g, &ok) != PC_OK) {
		*d = pre;               /* the failure stays counted */
		d->outcome = PC_BIO_OUT_REFUSED;
		return PC_ERR_STORAGE;
	}
	if (d->outcome == PC_BIO_OUT_MATCH)
		d->matched = (int16_t)idx;
	return PC_OK;
}

pc_err pc_bio_verify(pc_bio_gate *g, const pc_bio_template *probe,
		     const void *gallery, size_t n, pc_bio_pad pad,
		     pc_bio_decision *d)
{
	pc_bio_state s, counted;
	pc_bio_attempt a;
	pc_err err;

	if (d == NULL)
		return PC_ERR_INVALID_ARG;
	pc_wipe(d, sizeof *d);
	d->matched = -1;
	d->pad = pad;
	if (g == NULL || g->plat == NULL || probe == NULL || gallery == NULL ||
	    n == 0 || n > PC_BIO_GALLERY_MAX)
		return gate_refuse(g, d, PC_BIO_OUT_REFUSED, PC_ERR_INVALID_ARG);
	err = gate_load(g, &s);
	if (err != PC_OK)
		return gate_refuse(g, d, err == PC_ERR_STORAGE ?
				   PC_BIO_OUT_REFUSED : PC_BIO_OUT_LOCKED, err);
	gate_attempt(g, &a, n, pad);
	/* Rules 1-3 and the failure state, with a score that cannot match. */
	err = pc_bio_policy_step(&g->policy, &s, &a, &counted, d);
	if (err != PC_OK)
		return err;
	if (gate_store(g, &counted) != PC_OK)
		return gate_refuse(g, d, PC_BIO_OUT_REFUSED, PC_ERR_STORAGE);
	if (pad == PC_BIO_PAD_FAIL)
		return PC_OK;           /* an attack: nothing to compare */
	return gate_decide(g, &s, &a, probe, gallery, d);
}

pc_err pc_bio_gate_reset(pc_bio_gate *g, bool strong_factor_verified)
{
	pc_bio_state s;

	if (g == NULL || g->plat == NULL || !strong_factor_verified)
		return PC_ERR_INVALID_ARG;
	/* Learn the stored generation when the record is readable, so the
	 * fresh one is above it; a broken record is simply replaced. */
	(void)gate_load(g, &s);
	pc_wipe(&s, sizeof s);
	return gate_store(g, &s);
}

/* Lock and primary-factor status of a state at this gate's clock. */
static pc_bio_outcome gate_outcome(const pc_bio_gate *g, const pc_bio_state *s)
{
	pc_time now = 0;
	bool known = pc_platform_time(g->plat, &now) == PC_OK;

	if (s->locked_until == PC_BIO_LOCKED_HARD ||
	    (s->locked_until != 0 && (!known || now < s->locked_until)))
		return PC_BIO_OUT_LOCKED;
	if (g->policy.primary_after != 0 &&
	    s->failures >= g->policy.primary_after)
		return PC_BIO_OUT_PRIMARY_REQUIRED;
	return PC_BIO_OUT_NONE;
}

pc_err pc_bio_gate_status(pc_bio_gate *g, pc_bio_state *st, pc_bio_decision *d)
{
	pc_bio_state s;
	pc_err err;

	if (d == NULL)
		return PC_ERR_INVALID_ARG;
	pc_wipe(d, sizeof *d);
	d->matched = -1;
	if (g == NULL || g->plat == NULL)
		return gate_refuse(g, d, PC_BIO_OUT_REFUSED, PC_ERR_INVALID_ARG);
	err = gate_load(g, &s);
	if (st != NULL)
		*st = s;
	if (err != PC_OK)
		return gate_refuse(g, d, err == PC_ERR_STORAGE ?
				   PC_BIO_OUT_REFUSED : PC_BIO_OUT_LOCKED, err);
	(void)gate_refuse(g, d, gate_outcome(g, &s), PC_OK);
	d->failures = s.failures;
	d->remaining = s.failures >= g->policy.max_failures ?
		       0 : (uint16_t)(g->policy.max_failures - s.failures);
	d->locked_until = s.locked_until;
	return PC_OK;
}
