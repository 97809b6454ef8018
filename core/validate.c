/*
 * The validation pipeline shared by terminals and providers (SPEC §3.7):
 * parse -> suite and key lookup -> cryptographic check (constant-time) ->
 * time window -> revocation -> replay consume -> decision.
 */
#include <string.h>

#include <paycode/code.h>
#include <paycode/crypto.h>
#include <paycode/tlv.h>

#include "internal.h"
#include "code_layout.h"

const char *pc_verdict_name(pc_verdict v)
{
	switch (v) {
	case PC_APPROVE: return "APPROVE";
	case PC_DECLINE: return "DECLINE";
	case PC_STEP_UP: return "STEP_UP";
	case PC_REFER_ONLINE: return "REFER_ONLINE";
	default: return "UNKNOWN";
	}
}

const char *pc_reason_name(pc_reason r)
{
	static const char *const names[] = {
		"OK", "MALFORMED", "SUITE", "UNKNOWN_KEY", "UNKNOWN_TOKEN",
		"CRYPTO", "CERT_INVALID", "EXPIRED", "NOT_YET_VALID", "REVOKED",
		"REPLAYED", "ONLINE_REQUIRED", "TIME_UNKNOWN", "STORE_FAULT",
		"CRL_STALE"
	};

	return (unsigned)r < PC_ARRAY_LEN(names) ? names[r] : "UNKNOWN";
}

pc_err pc_validator_init(pc_validator *v, pc_mode mode, const pc_platform *plat,
			 const pc_store *store, const pc_provider_hooks *hooks,
			 const pc_code_params *params)
{
	pc_err err;

	if (v == NULL || plat == NULL || store == NULL || store->consume == NULL ||
	    (mode != PC_MODE_TERMINAL && mode != PC_MODE_PROVIDER) ||
	    (mode == PC_MODE_PROVIDER && (hooks == NULL || hooks->master_key == NULL ||
					  hooks->lookup_alias == NULL)))
		return PC_ERR_INVALID_ARG;
	memset(v, 0, sizeof *v);
	err = pc_platform_check(plat);
	if (err != PC_OK)
		return err;
	if (params != NULL)
		v->params = *params;
	else
		pc_code_params_default(&v->params);
	err = pc_code_params_check(&v->params);
	if (err != PC_OK)
		return err;
	v->mode = mode;
	v->plat = plat;
	v->store = store;
	v->hooks = hooks;
	return PC_OK;
}

pc_err pc_validator_add_root(pc_validator *v, uint32_t key_id, const uint8_t pub[65])
{
	pc_err err;

	if (v == NULL || pub == NULL)
		return PC_ERR_INVALID_ARG;
	err = pc_p256_check_public(pub);
	if (err != PC_OK)
		return err;
	if (v->nroots >= PC_MAX_ROOTS)
		return PC_ERR_CAPACITY;
	v->roots[v->nroots].key_id = key_id;
	memcpy(v->roots[v->nroots].pub, pub, 65);
	v->nroots++;
	return PC_OK;
}

/* Internal, shared with the assertion verifier (core/assertion_verify.c):
 * the validator's roots and certificate cache are its trust. */
const uint8_t *pc__validator_root(const pc_validator *v, uint32_t key_id)
{
	size_t i;

	for (i = 0; i < v->nroots; i++)
		if (v->roots[i].key_id == key_id)
			return v->roots[i].pub;
	return NULL;
}

bool pc__validator_cached(const pc_validator *v, const uint8_t digest[32])
{
	bool cached = false;
	size_t i;

	for (i = 0; i < PC_CERT_CACHE; i++)
		cached = cached || (v->cache[i].used && memcmp(v->cache[i].digest, digest, 32) == 0);
	return cached;
}

void pc__validator_cache_add(pc_validator *v, const uint8_t digest[32])
{
	memcpy(v->cache[v->cache_next].digest, digest, 32);
	v->cache[v->cache_next].used = 1;
	v->cache_next = (uint8_t)((v->cache_next + 1u) % PC_CERT_CACHE);
}

pc_err pc_validator_set_crl(pc_validator *v, const uint8_t *crl, size_t len)
{
	uint8_t digest[32];
	const uint8_t *pub;
	pc_err err;

	if (v == NULL || crl == NULL)
		return PC_ERR_INVALID_ARG;
	/* Check the encoding and the signature on the raw bytes first, so a
	 * bad list never replaces the installed one. */
	err = pc__crl_check(crl, len);
	if (err != PC_OK)
		return err;
	pub = pc__validator_root(v, (uint32_t)pc__get_be(crl + 2, 4));
	if (pub == NULL)
		return PC_ERR_NOT_FOUND;
	err = pc_p256_sig_check_low_s(crl + len - 64);
	if (err == PC_OK)
		err = pc__sig_digest("paycode/v1/crl", crl, len - 64, digest);
	if (err == PC_OK)
		err = pc_p256_verify(pub, digest, crl + len - 64);
	if (err != PC_OK)
		return err;
	if (v->has_crl && pc__get_be(crl + 6, 8) <= v->crl.number)
		return PC_ERR_STALE;
	err = pc_crl_decode(&v->crl, crl, len);
	v->has_crl = err == PC_OK;
	return err;
}

void pc_validator_wipe(pc_validator *v)
{
	pc_wipe(v, v == NULL ? 0 : sizeof *v);
}

/* ---- pipeline ------------------------------------------------------------- */

struct pc__ctx {
	pc_validator *v;
	pc_decision *d;
	pc_time now;
	pc__code c;
	uint8_t bin[PC__LEN_MAX];
	size_t len;
};

static pc_err pc__decide(pc_decision *d, pc_verdict verdict, pc_reason reason)
{
	d->verdict = verdict;
	d->reason = reason;
	return PC_OK;
}

/* Approve when the window and the store agree; SPEC §3.6 replay key. */
static pc_err pc__finish(struct pc__ctx *x, uint64_t when)
{
	static const char ctx[] = "paycode/v1/replay";
	pc_validator *v = x->v;
	uint8_t msg[sizeof ctx + 1 + 8 + 8 + 4], digest[32];
	pc_time gen = x->d->gen_time;
	pc_err err;

	if (gen > x->now + (pc_time)v->params.skew)
		return pc__decide(x->d, PC_DECLINE, PC_R_NOT_YET_VALID);
	if (gen < x->now - (pc_time)(v->params.ttl + v->params.skew))
		return pc__decide(x->d, PC_DECLINE, PC_R_EXPIRED);
	if (x->d->form == PC_FORM_QR_OFFLINE && v->has_crl) {
		if (v->crl.next_update < x->now)
			return pc__decide(x->d, PC_REFER_ONLINE, PC_R_CRL_STALE);
		if (pc_crl_contains(&v->crl, x->d->cert_serial))
			return pc__decide(x->d, PC_DECLINE, PC_R_REVOKED);
	}
	memcpy(msg, ctx, sizeof ctx);
	msg[sizeof ctx] = (uint8_t)x->d->form;
	pc__be(msg + sizeof ctx + 1, x->d->token_id, 8);
	pc__be(msg + sizeof ctx + 9, when, 8);
	pc__be(msg + sizeof ctx + 17, x->d->counter, 4);
	err = pc_sha256(msg, sizeof msg, digest);
	if (err == PC_OK)
		err = v->store->consume(v->store->ctx, digest,
					gen + (pc_time)(v->params.ttl + v->params.skew) + 1,
					x->now);
	if (err == PC_ERR_REPLAYED)
		return pc__decide(x->d, PC_DECLINE, PC_R_REPLAYED);
	if (err != PC_OK)
		return pc__decide(x->d, v->mode == PC_MODE_TERMINAL ? PC_REFER_ONLINE :
				  PC_DECLINE, PC_R_STORE_FAULT);
	x->d->consumed = 1;
	return pc__decide(x->d, PC_APPROVE, PC_R_OK);
}

/* The token key: from the provider's cache hook when it has one, else
 * derived from the master key (SPEC §4.2). */
static pc_reason pc__token_key(const pc_provider_hooks *h, uint32_t mkid,
			       uint64_t token, uint8_t key[PC_KEY_LEN])
{
	if (h->token_key != NULL)
		return h->token_key(h->ctx, mkid, token, key) == PC_OK ?
		       PC_R_OK : PC_R_UNKNOWN_KEY;
	if (h->master_key(h->ctx, mkid, key) != PC_OK)
		return PC_R_UNKNOWN_KEY;
	return pc_token_key(key, mkid, token, key) == PC_OK ? PC_R_OK : PC_R_CRYPTO;
}

static bool pc__all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static uint32_t pc__num(const char *s, size_t n)
{
	uint32_t v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10u + (uint32_t)(s[i] - '0');
	return v;
}

/* The one step T in the acceptance window whose last digit is `digit`. */
static bool pc__recover_step(const pc_validator *v, pc_time now, unsigned digit,
			     uint64_t *t)
{
	pc_time lo = now - (pc_time)(v->params.ttl + v->params.skew);
	pc_time hi = now + (pc_time)v->params.skew;
	uint64_t s;

	if (lo < 0)
		lo = 0;
	for (s = (uint64_t)lo / v->params.step; s <= (uint64_t)hi / v->params.step; s++)
		if (s % 10 == digit) {
			*t = s;
			return true;
		}
	return false;
}

static pc_err pc__numeric(struct pc__ctx *x, const char *code)
{
	pc_validator *v = x->v;
	char want[PC_NUMERIC_LEN + 1];
	uint8_t key[PC_KEY_LEN];
	uint32_t mkid = 0;
	uint64_t t = 0;
	pc_reason r;
	pc_err err;
	int eq;

	if (v->mode == PC_MODE_TERMINAL)
		return pc__decide(x->d, PC_REFER_ONLINE, PC_R_ONLINE_REQUIRED);
	if (v->hooks->lookup_alias(v->hooks->ctx, pc__num(code + 2, 7),
				   &x->d->token_id, &mkid) != PC_OK)
		return pc__decide(x->d, PC_DECLINE, PC_R_UNKNOWN_TOKEN);
	r = pc__token_key(v->hooks, mkid, x->d->token_id, key);
	if (r != PC_R_OK) {
		pc_wipe(key, sizeof key);
		return pc__decide(x->d, PC_DECLINE, r);
	}
	if (!pc__recover_step(v, x->now, (unsigned)(code[9] - '0'), &t)) {
		pc_wipe(key, sizeof key);
		return pc__decide(x->d, PC_DECLINE, PC_R_EXPIRED);
	}
	err = pc__numeric_digits(key, v->params.prefix, pc__num(code + 2, 7), t, want);
	pc_wipe(key, sizeof key);
	if (err != PC_OK)
		return pc__decide(x->d, PC_DECLINE, PC_R_CRYPTO);
	eq = pc_ct_eq(want, code, PC_NUMERIC_LEN);
	pc_wipe(want, sizeof want);
	if (eq != 0)
		return pc__decide(x->d, PC_DECLINE, PC_R_CRYPTO);
	x->d->gen_time = (pc_time)(t * v->params.step);
	return pc__finish(x, t);
}

/* Offline checks: the certificate chain and the device signature. Both run
 * whatever the first gives, so timing does not tell which failed. */
static pc_reason pc__offline_crypto(struct pc__ctx *x)
{
	pc_validator *v = x->v;
	uint8_t cdig[32], sdig[32];
	const uint8_t *root;
	pc_cert cert;
	uint32_t bad = 0;
	bool cached;

	if (pc_cert_decode(&cert, x->c.cert, PC_CERT_LEN) != PC_OK)
		return PC_R_MALFORMED;
	root = pc__validator_root(v, cert.issuer_key_id);
	if (root == NULL)
		return PC_R_UNKNOWN_KEY;
	x->d->cert_serial = cert.serial;
	x->d->cert_flags = cert.flags;
	if (pc_sha256(x->c.cert, PC_CERT_LEN, cdig) != PC_OK)
		return PC_R_CRYPTO;
	cached = pc__validator_cached(v, cdig);
	bad |= (uint32_t)(!cached && pc_cert_verify(&cert, root) != PC_OK);
	bad |= (uint32_t)(pc__sig_digest("paycode/v1/qr-offline", x->bin,
					 pc__code_sig_span(), sdig) != PC_OK);
	bad |= (uint32_t)(pc_p256_verify(cert.pub, sdig, x->c.sig) != PC_OK);
	bad |= (uint32_t)(pc_p256_sig_check_low_s(x->c.sig) != PC_OK);
	bad |= (uint32_t)(cert.token_id != x->c.token_id);
	if (bad)
		return PC_R_CRYPTO;
	if (!cached)
		pc__validator_cache_add(v, cdig);
	if (!(cert.flags & PC_CERT_F_OFFLINE) || x->c.gen_time < cert.not_before ||
	    x->c.gen_time > cert.not_after)
		return PC_R_CERT_INVALID;
	return PC_R_OK;
}

static pc_reason pc__online_crypto(struct pc__ctx *x)
{
	const pc_provider_hooks *h = x->v->hooks;
	uint8_t key[PC_KEY_LEN], mac[8];
	pc_reason r = PC_R_OK;

	r = pc__token_key(h, x->c.key_id, x->c.token_id, key);
	if (r != PC_R_OK)
		goto out_wipe;
	if (pc__code_mac(key, x->bin, pc__code_mac_span(x->c.form), mac) != PC_OK ||
	    pc_ct_eq(mac, x->c.mac, sizeof mac) != 0)
		r = PC_R_CRYPTO;
out_wipe:
	pc_wipe(key, sizeof key);
	pc_wipe(mac, sizeof mac);
	return r;
}

static pc_err pc__qr(struct pc__ctx *x, const char *code, size_t len)
{
	pc_validator *v = x->v;
	pc_decision *d = x->d;
	pc_reason r = PC_R_OK;

	if (pc_base64_decode(code, len, x->bin, sizeof x->bin, &x->len) != PC_OK ||
	    pc__code_layout_read(&x->c, x->bin, x->len) != PC_OK)
		return pc__decide(d, PC_DECLINE, PC_R_MALFORMED);
	d->form = x->c.form;
	d->token_id = x->c.token_id;
	d->counter = x->c.counter;
	d->gen_time = x->c.gen_time;
	d->flags = x->c.flags;
	if (x->c.suite != PC_SUITE_1)
		return pc__decide(d, PC_DECLINE, PC_R_SUITE);
	if (v->mode == PC_MODE_TERMINAL && x->c.form != PC_FORM_QR_OFFLINE)
		return pc__decide(d, PC_REFER_ONLINE, PC_R_ONLINE_REQUIRED);
	if (x->c.form == PC_FORM_QR_OFFLINE)
		r = pc__offline_crypto(x);
	if (r == PC_R_OK && v->mode == PC_MODE_PROVIDER)
		r = pc__online_crypto(x);
	if (r != PC_R_OK)
		return pc__decide(d, PC_DECLINE, r);
	return pc__finish(x, (uint64_t)x->c.gen_time);
}

pc_err pc_validate(pc_validator *v, const char *code, size_t len, pc_decision *d)
{
	struct pc__ctx x;
	pc_err err;

	if (v == NULL || code == NULL || d == NULL)
		return PC_ERR_INVALID_ARG;
	memset(d, 0, sizeof *d);
	memset(&x, 0, sizeof x);
	x.v = v;
	x.d = d;
	if (pc_sha256(code, len, d->digest) != PC_OK)
		err = pc__decide(d, PC_DECLINE, PC_R_MALFORMED);
	else if (pc_platform_time(v->plat, &x.now) != PC_OK)
		err = pc__decide(d, v->mode == PC_MODE_TERMINAL ? PC_REFER_ONLINE :
				 PC_DECLINE, PC_R_TIME_UNKNOWN);
	else if (len == PC_NUMERIC_LEN && pc__all_digits(code, len) &&
		 code[0] == v->params.prefix[0] && code[1] == v->params.prefix[1]) {
		d->form = PC_FORM_NUMERIC;
		err = pc__numeric(&x, code);
	} else if (len <= PC_BASE64_LEN(PC__LEN_MAX)) {
		err = pc__qr(&x, code, len);
	} else {
		err = pc__decide(d, PC_DECLINE, PC_R_MALFORMED);
	}
	/* x holds the code and its fields, which the caller already has; the
	 * keys and MACs derived from secrets were wiped where they were used. */
	return err;
}
