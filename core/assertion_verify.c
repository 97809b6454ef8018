/*
 * User-verification assertions, relying-party side (SPEC §6.4.4): a fixed
 * pipeline, trust first (certificate chain, device signature, revocation),
 * then the relying party's requirements, then single use. The store is
 * written only after every other check passed, so bad input never changes
 * state (SECURITY.md invariant "a failed verify changes no state").
 */
#include <string.h>

#include <paycode/assertion.h>
#include <paycode/crypto.h>

#include "internal.h"
#include "code_layout.h"

/* Policy sanity: the RP's own identifier and challenge are required; the
 * window bounds follow the code parameters' (ttl <= 600, skew <= 300). */
static bool pc__policy_ok(const pc_assertion_policy *p)
{
	return p->rp_id != NULL && p->rp_id_len >= 1 &&
	       p->rp_id_len <= PC_ASSERT_RP_MAX && p->challenge != NULL &&
	       p->challenge_len >= PC_ASSERT_CHALLENGE_MIN &&
	       p->challenge_len <= PC_ASSERT_CHALLENGE_MAX &&
	       p->purpose >= PC_ASSERT_PAYMENT && p->purpose <= PC_ASSERT_STEP_UP &&
	       (p->uv_any & (uint8_t)~PC_UV_ALL) == 0 &&
	       (p->locations & 0xf1u) == 0 &&
	       p->min_assurance <= PC_ASSERT_ASSURANCE_MAX &&
	       p->max_age >= 1 && p->max_age <= 3600 && p->skew <= 300;
}

/* Steps 3 and 4: the certificate chains to a trusted root (its issuer
 * signature checked once, then cached like pc_validate()), and the device
 * key in it signed the assertion (low-s only, SPEC §4.5). */
static pc_err pc__chain(pc_validator *v, pc_assertion *a, const uint8_t *in,
			size_t len, pc_cert *c)
{
	uint8_t cdig[32], sdig[32];
	const uint8_t *root;
	bool cached;

	if (pc_cert_decode(c, a->cert, PC_CERT_LEN) != PC_OK)
		return PC_ERR_ASSERT_CERT;
	a->issuer_key_id = c->issuer_key_id;
	a->cert_serial = c->serial;
	a->token_id = c->token_id;
	a->alias = c->alias;
	root = pc__validator_root(v, c->issuer_key_id);
	if (root == NULL)
		return PC_ERR_ASSERT_CERT;
	if (pc_sha256(a->cert, PC_CERT_LEN, cdig) != PC_OK)
		return PC_ERR_CRYPTO;
	cached = pc__validator_cached(v, cdig);
	if (!cached && pc_cert_verify(c, root) != PC_OK)
		return PC_ERR_ASSERT_CERT;
	if (!cached)
		pc__validator_cache_add(v, cdig);
	if (pc_p256_sig_check_low_s(a->sig) != PC_OK ||
	    pc__sig_digest("paycode/v1/uv-assertion", in, len - 64, sdig) != PC_OK ||
	    pc_p256_verify(c->pub, sdig, a->sig) != PC_OK)
		return PC_ERR_ASSERT_SIGNATURE;
	return PC_OK;
}

/* Steps 5 to 7: certificate validity, revocation, freshness. */
static pc_err pc__timely(const pc_validator *v, const pc_assertion_policy *p,
			 const pc_assertion *a, const pc_cert *c, pc_time now)
{
	if (a->time < c->not_before || a->time > c->not_after)
		return PC_ERR_ASSERT_CERT_TIME;
	if (v->has_crl && v->crl.next_update < now)
		return PC_ERR_STALE;
	if (v->has_crl && pc_crl_contains(&v->crl, c->serial))
		return PC_ERR_ASSERT_REVOKED;
	if (a->time > now + (pc_time)p->skew)
		return PC_ERR_ASSERT_FUTURE;
	if (a->time < now - (pc_time)p->max_age - (pc_time)p->skew)
		return PC_ERR_ASSERT_EXPIRED;
	return PC_OK;
}

/* Steps 8 to 11: what the assertion is bound to. Lengths are public; the
 * values are compared in constant time. */
static pc_err pc__binding(const pc_assertion_policy *p, const pc_assertion *a)
{
	uint8_t rp[32];

	if (pc_sha256(p->rp_id, p->rp_id_len, rp) != PC_OK)
		return PC_ERR_CRYPTO;
	if (pc_ct_eq(rp, a->rp_hash, sizeof rp) != 0)
		return PC_ERR_ASSERT_RP;
	if (p->challenge_len != a->challenge_len ||
	    pc_ct_eq(p->challenge, a->challenge, a->challenge_len) != 0)
		return PC_ERR_ASSERT_CHALLENGE;
	if (p->purpose != a->purpose)
		return PC_ERR_ASSERT_PURPOSE;
	if (p->txn_digest == NULL ? a->txn_len != 0 :
	    a->txn_len != PC_ASSERT_TXN_LEN ||
	    pc_ct_eq(p->txn_digest, a->txn_digest, PC_ASSERT_TXN_LEN) != 0)
		return PC_ERR_ASSERT_TXN;
	return PC_OK;
}

/* Steps 12 to 15: the strength of the verification (cn-payment-rules
 * BIO-01, BIO-04: method, matcher location, PAD) and clone detection. */
static pc_err pc__strength(const pc_assertion_policy *p, const pc_assertion *a,
			   const pc_cert *c)
{
	bool bio = (a->uv & PC_UV_BIOMETRIC) != 0;

	if ((p->uv_any != 0 && (a->uv & p->uv_any) == 0) ||
	    (bio && p->locations != 0 && (p->locations & (1u << a->location)) == 0) ||
	    (bio && (c->flags & PC_CERT_F_BIOMETRIC) == 0))
		return PC_ERR_ASSERT_UV;
	if (bio && a->assurance < p->min_assurance)
		return PC_ERR_ASSERT_ASSURANCE;
	if (a->pad == PC_BIO_PAD_FAIL ||
	    (bio && p->require_pad && a->pad != PC_BIO_PAD_PASS))
		return PC_ERR_ASSERT_PAD;
	if (p->check_counter && a->counter <= p->last_counter)
		return PC_ERR_ASSERT_COUNTER;
	return PC_OK;
}

/* Step 16: the replay key names (issuer, serial, counter), so a second
 * assertion with the same counter from a clone is refused too. */
static pc_err pc__consume(pc_validator *v, const pc_assertion_policy *p,
			  pc_assertion *a, pc_time now)
{
	static const char ctx[] = "paycode/v1/uv-replay";
	uint8_t msg[sizeof ctx + 4 + 8 + 4], digest[32];
	pc_err err;

	memcpy(msg, ctx, sizeof ctx); /* includes the 0 separator */
	pc__be(msg + sizeof ctx, a->issuer_key_id, 4);
	pc__be(msg + sizeof ctx + 4, a->cert_serial, 8);
	pc__be(msg + sizeof ctx + 12, a->counter, 4);
	err = pc_sha256(msg, sizeof msg, digest);
	if (err != PC_OK)
		return err;
	err = v->store->consume(v->store->ctx, digest,
				a->time + (pc_time)p->max_age + (pc_time)p->skew + 1,
				now);
	a->consumed = err == PC_OK;
	return err;
}

pc_err pc_assertion_verify(pc_validator *v, const pc_assertion_policy *p,
			   const uint8_t *in, size_t len, pc_assertion *a)
{
	uint8_t digest[32];
	pc_time now = 0;
	pc_cert c;
	pc_err err;

	if (a != NULL)
		memset(a, 0, sizeof *a);
	if (v == NULL || p == NULL || a == NULL || (in == NULL && len != 0) ||
	    v->store == NULL || !pc__policy_ok(p))
		return PC_ERR_INVALID_ARG;
	err = pc_platform_time(v->plat, &now);
	if (err != PC_OK)
		return PC_ERR_TIME_UNKNOWN;
	err = pc_assertion_parse(a, in, len);
	if (err != PC_OK)
		return err;
	if (pc_sha256(in, len, digest) != PC_OK)
		return PC_ERR_CRYPTO;
	memcpy(a->digest, digest, sizeof digest);
	err = pc__chain(v, a, in, len, &c);
	if (err == PC_OK)
		err = pc__timely(v, p, a, &c, now);
	if (err == PC_OK)
		err = pc__binding(p, a);
	if (err == PC_OK)
		err = pc__strength(p, a, &c);
	if (err == PC_OK)
		err = pc__consume(v, p, a, now);
	return err;
}
