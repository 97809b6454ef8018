/*
 * Device certificates and revocation lists (SPEC §4.3, §4.4): fixed
 * big-endian layouts, ECDSA P-256 signatures over SHA-256 of a context
 * string, a zero byte and the signed bytes (domain separation).
 */
#include <string.h>

#include <paycode/code.h>
#include <paycode/crypto.h>

#include "internal.h"
#include "code_layout.h"

#define PC__CERT_TBS (PC_CERT_LEN - 64u)
#define PC__CERT_VERSION 1u
#define PC__CRL_VERSION 1u
#define PC__ALIAS_MAX 9999999u

/* SHA-256(ctx || 0x00 || data): the digest every paycode signature signs. */
pc_err pc__sig_digest(const char *ctx, const uint8_t *data, size_t len,
		      uint8_t out[32])
{
	uint8_t buf[PC_CRL_LEN(PC_CRL_MAX) + 32];
	size_t n = strlen(ctx);
	pc_err err;

	if (PC_NEVER(n + 1 + len > sizeof buf))
		return PC_ERR_INTERNAL;
	memcpy(buf, ctx, n);
	buf[n] = 0;
	memcpy(buf + n + 1, data, len);
	err = pc_sha256(buf, n + 1 + len, out);
	pc_wipe(buf, n + 1 + len);
	return err;
}

static void pc__put_u64(pc_wr *w, uint64_t v)
{
	pc__wr_u32be(w, (uint32_t)(v >> 32));
	pc__wr_u32be(w, (uint32_t)v);
}

static pc_err pc__get_u64(pc_rd *r, uint64_t *v)
{
	uint32_t hi = 0, lo = 0;
	pc_err err = pc__rd_u32be(r, &hi);

	if (err == PC_OK)
		err = pc__rd_u32be(r, &lo);
	*v = (uint64_t)hi << 32 | lo;
	return err;
}

static void pc__cert_tbs(const pc_cert *c, pc_wr *w)
{
	pc__wr_u8(w, PC__CERT_VERSION);
	pc__wr_u8(w, c->suite);
	pc__wr_u32be(w, c->issuer_key_id);
	pc__put_u64(w, c->serial);
	pc__put_u64(w, c->token_id);
	pc__wr_u32be(w, c->alias);
	pc__put_u64(w, (uint64_t)c->not_before);
	pc__put_u64(w, (uint64_t)c->not_after);
	pc__wr_u8(w, (uint8_t)('A' + c->max_risk));
	pc__wr_u8(w, c->flags);
	pc__wr_bytes(w, c->pub, sizeof c->pub);
}

static bool pc__cert_fields_ok(const pc_cert *c)
{
	return c->suite == PC_SUITE_1 && c->alias <= PC__ALIAS_MAX &&
	       c->max_risk <= PC_RISK_D && c->not_before <= c->not_after &&
	       c->not_before >= 0 && c->pub[0] == 0x04;
}

pc_err pc_cert_encode(const pc_cert *c, uint8_t out[PC_CERT_LEN])
{
	pc_wr w;

	if (c == NULL || out == NULL || !pc__cert_fields_ok(c))
		return PC_ERR_INVALID_ARG;
	pc__wr_init(&w, out, PC_CERT_LEN);
	pc__cert_tbs(c, &w);
	pc__wr_bytes(&w, c->sig, sizeof c->sig);
	return PC_ALWAYS(w.err == PC_OK && w.len == PC_CERT_LEN) ? PC_OK : PC_ERR_INTERNAL;
}

static pc_err pc__cert_digest(const pc_cert *c, uint8_t digest[32])
{
	uint8_t tbs[PC__CERT_TBS];
	pc_wr w;

	pc__wr_init(&w, tbs, sizeof tbs);
	pc__cert_tbs(c, &w);
	if (PC_NEVER(w.err != PC_OK || w.len != sizeof tbs))
		return PC_ERR_INTERNAL;
	return pc__sig_digest("paycode/v1/cert", tbs, sizeof tbs, digest);
}

pc_err pc_cert_sign(pc_cert *c, const uint8_t root_priv[32])
{
	uint8_t digest[32];
	pc_err err;

	if (c == NULL || root_priv == NULL || !pc__cert_fields_ok(c))
		return PC_ERR_INVALID_ARG;
	err = pc__cert_digest(c, digest);
	if (err == PC_OK)
		err = pc_p256_sign(root_priv, digest, c->sig);
	if (err == PC_OK)
		err = pc_p256_sig_normalize(c->sig); /* SPEC §4.5: low s */
	return err;
}

pc_err pc_cert_verify(const pc_cert *c, const uint8_t root_pub[65])
{
	uint8_t digest[32];
	pc_err err;

	if (c == NULL || root_pub == NULL)
		return PC_ERR_INVALID_ARG;
	err = pc_p256_sig_check_low_s(c->sig); /* one encoding only */
	if (err == PC_OK)
		err = pc__cert_digest(c, digest);
	if (err == PC_OK)
		err = pc_p256_verify(root_pub, digest, c->sig);
	return err;
}

pc_err pc_cert_decode(pc_cert *c, const uint8_t *in, size_t len)
{
	uint64_t nb = 0, na = 0;
	uint8_t version = 0, risk = 0;
	pc_err err;
	pc_rd r;

	if (c == NULL || in == NULL)
		return PC_ERR_INVALID_ARG;
	memset(c, 0, sizeof *c);
	if (len != PC_CERT_LEN)
		return PC_ERR_CERT_FORMAT;
	pc__rd_init(&r, in, len);
	err = pc__rd_u8(&r, &version);
	(void)pc__rd_u8(&r, &c->suite);
	(void)pc__rd_u32be(&r, &c->issuer_key_id);
	(void)pc__get_u64(&r, &c->serial);
	(void)pc__get_u64(&r, &c->token_id);
	(void)pc__rd_u32be(&r, &c->alias);
	(void)pc__get_u64(&r, &nb);
	(void)pc__get_u64(&r, &na);
	(void)pc__rd_u8(&r, &risk);
	(void)pc__rd_u8(&r, &c->flags);
	(void)pc__rd_bytes(&r, c->pub, sizeof c->pub);
	(void)pc__rd_bytes(&r, c->sig, sizeof c->sig);
	c->not_before = (pc_time)nb;
	c->not_after = (pc_time)na;
	c->max_risk = (uint8_t)(risk - 'A');
	if (PC_NEVER(err != PC_OK) || version != PC__CERT_VERSION ||
	    risk < 'A' || risk > 'D' || nb > INT64_MAX || na > INT64_MAX ||
	    !pc__cert_fields_ok(c) || pc_p256_check_public(c->pub) != PC_OK) {
		memset(c, 0, sizeof *c);
		return PC_ERR_CERT_FORMAT;
	}
	return PC_OK;
}

/* ---- revocation lists ---------------------------------------------------- */

static bool pc__crl_fields_ok(const pc_crl *l)
{
	uint16_t i;

	if (l->suite != PC_SUITE_1 || l->count > PC_CRL_MAX ||
	    l->this_update < 0 || l->next_update < l->this_update)
		return false;
	for (i = 1; i < l->count; i++)
		if (l->serial[i] <= l->serial[i - 1])
			return false;
	return true;
}

static void pc__crl_tbs(const pc_crl *l, pc_wr *w)
{
	uint16_t i;

	pc__wr_u8(w, PC__CRL_VERSION);
	pc__wr_u8(w, l->suite);
	pc__wr_u32be(w, l->issuer_key_id);
	pc__put_u64(w, l->number);
	pc__put_u64(w, (uint64_t)l->this_update);
	pc__put_u64(w, (uint64_t)l->next_update);
	pc__wr_u16be(w, l->count);
	for (i = 0; i < l->count; i++)
		pc__put_u64(w, l->serial[i]);
}

static pc_err pc__crl_digest(const pc_crl *l, uint8_t digest[32])
{
	uint8_t tbs[PC_CRL_LEN(PC_CRL_MAX)];
	pc_wr w;

	pc__wr_init(&w, tbs, sizeof tbs);
	pc__crl_tbs(l, &w);
	if (PC_NEVER(w.err != PC_OK))
		return PC_ERR_INTERNAL;
	return pc__sig_digest("paycode/v1/crl", tbs, w.len, digest);
}

pc_err pc_crl_sign(pc_crl *l, const uint8_t root_priv[32])
{
	uint8_t digest[32];
	pc_err err;

	if (l == NULL || root_priv == NULL || !pc__crl_fields_ok(l))
		return PC_ERR_INVALID_ARG;
	err = pc__crl_digest(l, digest);
	if (err == PC_OK)
		err = pc_p256_sign(root_priv, digest, l->sig);
	if (err == PC_OK)
		err = pc_p256_sig_normalize(l->sig);
	return err;
}

pc_err pc_crl_verify(const pc_crl *l, const uint8_t root_pub[65])
{
	uint8_t digest[32];
	pc_err err;

	if (l == NULL || root_pub == NULL)
		return PC_ERR_INVALID_ARG;
	err = pc_p256_sig_check_low_s(l->sig);
	if (err == PC_OK)
		err = pc__crl_digest(l, digest);
	if (err == PC_OK)
		err = pc_p256_verify(root_pub, digest, l->sig);
	return err;
}

pc_err pc_crl_encode(const pc_crl *l, uint8_t *out, size_t cap, size_t *out_len)
{
	pc_wr w;

	if (l == NULL || out_len == NULL || (out == NULL && cap != 0) ||
	    !pc__crl_fields_ok(l))
		return PC_ERR_INVALID_ARG;
	*out_len = PC_CRL_LEN((size_t)l->count);
	if (*out_len > cap)
		return PC_ERR_BUFFER_TOO_SMALL;
	pc__wr_init(&w, out, cap);
	pc__crl_tbs(l, &w);
	pc__wr_bytes(&w, l->sig, sizeof l->sig);
	return w.err;
}

/* SPEC §4.4 encoding rules, checked on the raw bytes. */
pc_err pc__crl_check(const uint8_t *in, size_t len)
{
	uint64_t tu, nu;
	size_t n, i;

	if (in == NULL)
		return PC_ERR_INVALID_ARG;
	if (len < PC_CRL_LEN(0))
		return PC_ERR_CRL_FORMAT;
	n = (size_t)pc__get_be(in + 30, 2);
	tu = pc__get_be(in + 14, 8);
	nu = pc__get_be(in + 22, 8);
	if (in[0] != PC__CRL_VERSION || in[1] != PC_SUITE_1 || n > PC_CRL_MAX ||
	    len != PC_CRL_LEN(n) || tu > INT64_MAX || nu > INT64_MAX || nu < tu)
		return PC_ERR_CRL_FORMAT;
	for (i = 1; i < n; i++)
		if (pc__get_be(in + 32 + 8 * i, 8) <= pc__get_be(in + 24 + 8 * i, 8))
			return PC_ERR_CRL_FORMAT;
	return PC_OK;
}

pc_err pc_crl_decode(pc_crl *l, const uint8_t *in, size_t len)
{
	pc_err err;
	uint16_t i;

	if (l == NULL || in == NULL)
		return PC_ERR_INVALID_ARG;
	memset(l, 0, sizeof *l);
	err = pc__crl_check(in, len);
	if (err != PC_OK)
		return err;
	l->suite = in[1];
	l->issuer_key_id = (uint32_t)pc__get_be(in + 2, 4);
	l->number = pc__get_be(in + 6, 8);
	l->this_update = (pc_time)pc__get_be(in + 14, 8);
	l->next_update = (pc_time)pc__get_be(in + 22, 8);
	l->count = (uint16_t)pc__get_be(in + 30, 2);
	for (i = 0; i < l->count; i++)
		l->serial[i] = pc__get_be(in + 32 + 8u * i, 8);
	memcpy(l->sig, in + len - 64, 64);
	return PC_OK;
}

bool pc_crl_contains(const pc_crl *l, uint64_t serial)
{
	size_t lo = 0, hi = l->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->serial[mid] == serial)
			return true;
		if (l->serial[mid] < serial)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}
