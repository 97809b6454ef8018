/*
 * Crypto provider backed by mbedTLS (STYLE §14). This is the only file in
 * paycode that includes an mbedTLS header: it maps MBEDTLS_ERR_* onto pc_err
 * and absorbs the 2.28 / 3.x API differences.
 *
 * Secrets handled here: the private scalar (caller bytes, and the mpi `d`,
 * which mbedtls_mpi_free zeroises) and the blinding stream (wiped below).
 */
#include <string.h>

#include <paycode/crypto.h>
#include "internal.h"

#if PC_CRYPTO_MBEDTLS

#include <mbedtls/version.h>
#include <mbedtls/bignum.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/ecp.h>
#include <mbedtls/gcm.h>
#include <mbedtls/hkdf.h>
#include <mbedtls/md.h>
#include <mbedtls/sha256.h>

#if !defined(MBEDTLS_SHA256_C) || !defined(MBEDTLS_MD_C) || \
	!defined(MBEDTLS_HKDF_C) || !defined(MBEDTLS_ECDSA_C) || \
	!defined(MBEDTLS_ECDSA_DETERMINISTIC) || \
	!defined(MBEDTLS_ECP_DP_SECP256R1_ENABLED) || \
	!defined(MBEDTLS_AES_C) || !defined(MBEDTLS_GCM_C)
#error "paycode needs mbedTLS with SHA-256, HKDF, AES-GCM and deterministic ECDSA on P-256"
#endif

/* mbedTLS 3.0 removed the _ret suffix; the int-returning form is the same. */
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
#define PC__SHA256 mbedtls_sha256
#else
#define PC__SHA256 mbedtls_sha256_ret
#endif

/* A draw from a working rng is >= n with probability < 2^-32 (n is close to
 * 2^256), so this many rejections in a row means the rng is broken. */
#define PC__KEYGEN_TRIES 8

/* Working set of one P-256 operation, initialised and freed as a whole.
 * g is the group the operation uses: the shared one, or grp. */
typedef struct p256 {
	mbedtls_ecp_group grp;
	mbedtls_ecp_group *g;
	mbedtls_ecp_point q;
	mbedtls_mpi d, r, s;
} p256;

/*
 * Blinding stream for mbedtls_ecdsa_sign_det_ext (2.28) and mbedtls_ecp_mul
 * (3.x), which both want a non-NULL rng. The API has no platform argument,
 * so, like mbedTLS's own fallback (ecdsa.c, "BLINDING CONTEXT"), the stream
 * is derived from the key and digest under a label distinct from RFC 6979's
 * HMAC_DRBG inputs: HMAC(priv, label || ctr || seed). It randomises
 * intermediate values only and never changes a result; being repeatable,
 * it does not stop averaging of traces of the very same operation.
 */
typedef struct blind {
	const uint8_t *key;  /* 32-byte private scalar */
	const uint8_t *seed; /* 32-byte digest, or all zero */
	uint32_t ctr;
} blind;

static const uint8_t blind_label[8] = { 'p', 'c', '-', 'b', 'l', 'i', 'n',
					'd' };

static pc_err map_err(int ret)
{
	switch (ret) {
	case 0:
		return PC_OK;
	case MBEDTLS_ERR_ECP_INVALID_KEY:
		return PC_ERR_BAD_KEY;
	case MBEDTLS_ERR_ECP_VERIFY_FAILED:
		return PC_ERR_VERIFY;
	default:
		return PC_ERR_CRYPTO;
	}
}

static const mbedtls_md_info_t *sha256_info(void)
{
	return mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
}

static int blind_rng(void *ctx, unsigned char *out, size_t len)
{
	blind *b = (blind *)ctx;
	uint8_t in[sizeof blind_label + 4 + 32], block[32];
	size_t n;
	int ret = 0;

	memcpy(in, blind_label, sizeof blind_label);
	memcpy(in + sizeof blind_label + 4, b->seed, 32);
	while (len > 0 && ret == 0) {
		uint8_t *c = in + sizeof blind_label;

		c[0] = (uint8_t)(b->ctr >> 24);
		c[1] = (uint8_t)(b->ctr >> 16);
		c[2] = (uint8_t)(b->ctr >> 8);
		c[3] = (uint8_t)b->ctr;
		b->ctr++;
		ret = mbedtls_md_hmac(sha256_info(), b->key, PC_P256_PRIV_LEN,
				      in, sizeof in, block);
		n = len < sizeof block ? len : sizeof block;
		memcpy(out, block, n);
		out += n;
		len -= n;
	}
	pc_wipe(block, sizeof block);
	return ret;
}

/*
 * The shared P-256 group (PC_P256_SHARED_GROUP). mbedTLS keeps the comb
 * table of multiples of the base point in the group (grp->T), builds it on
 * the first multiplication of G and only reads it afterwards (ecp.c,
 * ecp_mul_comb, with MBEDTLS_ECP_FIXED_POINT_OPTIM). Loading a fresh group
 * per call rebuilt that table every time. Here the first caller that moves
 * the state from NONE to BUILDING loads the group and multiplies G once;
 * from READY on the group is only read, so threads may share it. A caller
 * that finds it not ready (being built, or building failed) loads a group
 * of its own as before: nobody waits, no lock is needed, and every path
 * computes the same results.
 */
#if PC_P256_SHARED_GROUP && !defined(__STDC_NO_ATOMICS__)
#include <stdatomic.h>

enum { G_NONE, G_BUILDING, G_READY, G_FAILED };
static mbedtls_ecp_group shared_grp;
static atomic_int shared_state;

static int shared_build(void)
{
	static const uint8_t one_seed[32] = { 1 };
	static const uint8_t zero[32];
	blind b = { one_seed, zero, 0 };
	mbedtls_ecp_point r;
	mbedtls_mpi one;
	int ret;

	mbedtls_ecp_point_init(&r);
	mbedtls_mpi_init(&one);
	ret = mbedtls_ecp_group_load(&shared_grp, MBEDTLS_ECP_DP_SECP256R1);
	if (ret == 0)
		ret = mbedtls_mpi_lset(&one, 1);
	if (ret == 0)
		ret = mbedtls_ecp_mul(&shared_grp, &r, &one, &shared_grp.G, blind_rng, &b);
	if (ret == 0 && shared_grp.T == NULL)
		ret = -1; /* this mbedTLS keeps no table: nothing to share */
	mbedtls_ecp_point_free(&r);
	mbedtls_mpi_free(&one);
	return ret;
}

static mbedtls_ecp_group *shared_group(void)
{
	int expect = G_NONE;

	if (atomic_load_explicit(&shared_state, memory_order_acquire) == G_READY)
		return &shared_grp;
	if (!atomic_compare_exchange_strong(&shared_state, &expect, G_BUILDING))
		return NULL;
	mbedtls_ecp_group_init(&shared_grp);
	if (shared_build() != 0) {
		mbedtls_ecp_group_free(&shared_grp);
		atomic_store_explicit(&shared_state, G_FAILED, memory_order_release);
		return NULL;
	}
	atomic_store_explicit(&shared_state, G_READY, memory_order_release);
	return &shared_grp;
}
#else
static mbedtls_ecp_group *shared_group(void)
{
	return NULL;
}
#endif

static pc_err p256_init(p256 *k)
{
	mbedtls_ecp_group_init(&k->grp);
	mbedtls_ecp_point_init(&k->q);
	mbedtls_mpi_init(&k->d);
	mbedtls_mpi_init(&k->r);
	mbedtls_mpi_init(&k->s);
	k->g = shared_group();
	if (k->g != NULL)
		return PC_OK;
	k->g = &k->grp;
	return map_err(mbedtls_ecp_group_load(&k->grp, MBEDTLS_ECP_DP_SECP256R1));
}

static void p256_free(p256 *k)
{
	mbedtls_ecp_group_free(&k->grp);
	mbedtls_ecp_point_free(&k->q);
	mbedtls_mpi_free(&k->d); /* zeroises the limbs */
	mbedtls_mpi_free(&k->r);
	mbedtls_mpi_free(&k->s);
}

/* Load a private scalar; SEC 1 §3.2.1: it must lie in [1, n-1]. */
static pc_err load_priv(p256 *k, const uint8_t priv[32])
{
	int ret = mbedtls_mpi_read_binary(&k->d, priv, PC_P256_PRIV_LEN);

	if (ret == 0)
		ret = mbedtls_ecp_check_privkey(k->g, &k->d);
	return map_err(ret);
}

/* Load an uncompressed point (SEC 1 §2.3.4) and check it is on the curve
 * (SEC 1 §3.2.2.1), so no invalid-curve point reaches the arithmetic. */
static pc_err load_pub(p256 *k, const uint8_t pub[65])
{
	int ret;

	if (pub[0] != 0x04)
		return PC_ERR_BAD_KEY;
	ret = mbedtls_ecp_point_read_binary(k->g, &k->q, pub, PC_P256_PUB_LEN);
	if (ret == 0)
		ret = mbedtls_ecp_check_pubkey(k->g, &k->q);
	if (ret == MBEDTLS_ERR_MPI_ALLOC_FAILED)
		return PC_ERR_CRYPTO;
	return ret == 0 ? PC_OK : PC_ERR_BAD_KEY;
}

/* Q = d*G for the scalar already in k->d, written as 0x04 || X || Y. */
static pc_err derive_pub(p256 *k, const uint8_t priv[32], uint8_t pub[65])
{
	static const uint8_t zero[32];
	blind b = { priv, zero, 0 };
	size_t olen = 0;
	int ret;

	ret = mbedtls_ecp_mul(k->g, &k->q, &k->d, &k->g->G, blind_rng, &b);
	if (ret == 0)
		ret = mbedtls_ecp_point_write_binary(k->g, &k->q,
						     MBEDTLS_ECP_PF_UNCOMPRESSED,
						     &olen, pub, PC_P256_PUB_LEN);
	if (ret == 0 && PC_NEVER(olen != PC_P256_PUB_LEN))
		return PC_ERR_INTERNAL;
	return map_err(ret);
}

pc_err pc_sha256(const void *msg, size_t mlen, uint8_t out[32])
{
	if ((msg == NULL && mlen != 0) || out == NULL)
		return PC_ERR_INVALID_ARG;
	return map_err(PC__SHA256((const unsigned char *)msg, mlen, out, 0));
}

pc_err pc_hmac_sha256(const void *key, size_t klen, const void *msg,
		      size_t mlen, uint8_t out[32])
{
	if ((key == NULL && klen != 0) || (msg == NULL && mlen != 0) ||
	    out == NULL)
		return PC_ERR_INVALID_ARG;
	/* mbedtls_md_hmac zeroises its padded-key context before returning. */
	return map_err(mbedtls_md_hmac(sha256_info(), (const unsigned char *)key,
				       klen, (const unsigned char *)msg, mlen,
				       out));
}

pc_err pc_hmac_sha1(const void *key, size_t klen, const void *msg,
		    size_t mlen, uint8_t out[20])
{
	if ((key == NULL && klen != 0) || (msg == NULL && mlen != 0) ||
	    out == NULL)
		return PC_ERR_INVALID_ARG;
	return map_err(mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA1),
				       (const unsigned char *)key, klen,
				       (const unsigned char *)msg, mlen, out));
}

pc_err pc_hkdf_sha256(const void *salt, size_t slen, const void *ikm,
		      size_t ilen, const void *info, size_t nlen,
		      uint8_t *out, size_t olen)
{
	if ((salt == NULL && slen != 0) || (ikm == NULL && ilen != 0) ||
	    (info == NULL && nlen != 0) || out == NULL)
		return PC_ERR_INVALID_ARG;
	/* RFC 5869 §2.3: L <= 255 * HashLen. */
	if (olen == 0 || olen > 255u * PC_SHA256_LEN)
		return PC_ERR_INVALID_ARG;
	/* mbedtls_hkdf substitutes the RFC 5869 §2.2 all-zero salt for a NULL
	 * one and zeroises the PRK before returning. */
	return map_err(mbedtls_hkdf(sha256_info(), (const unsigned char *)salt,
				    slen, (const unsigned char *)ikm, ilen,
				    (const unsigned char *)info, nlen, out,
				    olen));
}

pc_err pc_p256_public(const uint8_t priv[32], uint8_t pub[65])
{
	p256 k;
	pc_err err;

	if (priv == NULL || pub == NULL)
		return PC_ERR_INVALID_ARG;
	err = p256_init(&k);
	if (err == PC_OK)
		err = load_priv(&k, priv);
	if (err == PC_OK)
		err = derive_pub(&k, priv, pub);
	p256_free(&k);
	return err;
}

/*
 * FIPS 186-4 §B.4.2 (testing candidates): draw 32 bytes from the platform
 * rng and keep them only when 1 <= d <= n-1. A rejected draw is discarded,
 * so rejection leaks nothing about the kept key.
 */
static pc_err draw_priv(p256 *k, const pc_platform *plat, uint8_t priv[32])
{
	pc_err err;
	int tries;

	for (tries = 0; tries < PC__KEYGEN_TRIES; tries++) {
		err = pc_platform_random(plat, priv, PC_P256_PRIV_LEN);
		if (err == PC_OK)
			err = load_priv(k, priv);
		if (err != PC_ERR_BAD_KEY)
			return err;
	}
	return PC_ERR_RNG;
}

pc_err pc_p256_keygen(const pc_platform *plat, uint8_t priv[32],
		      uint8_t pub[65])
{
	p256 k;
	pc_err err;

	if (plat == NULL || priv == NULL || pub == NULL)
		return PC_ERR_INVALID_ARG;
	err = p256_init(&k);
	if (err == PC_OK)
		err = draw_priv(&k, plat, priv);
	if (err == PC_OK)
		err = derive_pub(&k, priv, pub);
	if (err != PC_OK)
		pc_wipe(priv, PC_P256_PRIV_LEN);
	p256_free(&k);
	return err;
}

pc_err pc_p256_check_public(const uint8_t pub[65])
{
	p256 k;
	pc_err err;

	if (pub == NULL)
		return PC_ERR_INVALID_ARG;
	err = p256_init(&k);
	if (err == PC_OK)
		err = load_pub(&k, pub);
	p256_free(&k);
	return err;
}

/* RFC 6979 §3.2 nonce with HMAC-SHA-256; r, s as fixed 32-byte big-endian
 * (the IEEE P1363 layout the API promises). */
pc_err pc_p256_sign(const uint8_t priv[32], const uint8_t hash[32],
		    uint8_t sig[64])
{
	p256 k;
	blind b = { priv, hash, 0 };
	pc_err err;
	int ret;

	if (priv == NULL || hash == NULL || sig == NULL)
		return PC_ERR_INVALID_ARG;
	err = p256_init(&k);
	if (err == PC_OK)
		err = load_priv(&k, priv);
	if (err != PC_OK)
		goto out_wipe;
	ret = mbedtls_ecdsa_sign_det_ext(k.g, &k.r, &k.s, &k.d, hash,
					 PC_SHA256_LEN, MBEDTLS_MD_SHA256,
					 blind_rng, &b);
	if (ret == 0)
		ret = mbedtls_mpi_write_binary(&k.r, sig, 32);
	if (ret == 0)
		ret = mbedtls_mpi_write_binary(&k.s, sig + 32, 32);
	err = map_err(ret);
out_wipe:
	if (err != PC_OK)
		pc_wipe(sig, PC_P256_SIG_LEN);
	p256_free(&k);
	return err;
}

/* SEC 1 §4.1.4 step 1 / FIPS 186-4 §6.4.2: r and s must lie in [1, n-1]. */
static bool scalar_in_range(const p256 *k, const mbedtls_mpi *x)
{
	return mbedtls_mpi_cmp_int(x, 0) > 0 &&
	       mbedtls_mpi_cmp_mpi(x, &k->g->N) < 0;
}

static pc_err load_sig(p256 *k, const uint8_t sig[64])
{
	int ret = mbedtls_mpi_read_binary(&k->r, sig, 32);

	if (ret == 0)
		ret = mbedtls_mpi_read_binary(&k->s, sig + 32, 32);
	if (ret != 0)
		return map_err(ret);
	if (!scalar_in_range(k, &k->r) || !scalar_in_range(k, &k->s))
		return PC_ERR_VERIFY;
	return PC_OK;
}

pc_err pc_p256_verify(const uint8_t pub[65], const uint8_t hash[32],
		      const uint8_t sig[64])
{
	p256 k;
	pc_err err;

	if (pub == NULL || hash == NULL || sig == NULL)
		return PC_ERR_INVALID_ARG;
	err = p256_init(&k);
	if (err == PC_OK)
		err = load_sig(&k, sig);
	if (err == PC_OK)
		err = load_pub(&k, pub);
	if (err == PC_OK)
		err = map_err(mbedtls_ecdsa_verify(k.g, hash, PC_SHA256_LEN,
						   &k.q, &k.r, &k.s));
	p256_free(&k);
	return err;
}

/* Low-s form (as Bitcoin's BIP 62 and libsecp256k1): (r, s) and
 * (r, n - s) both verify, so paycode fixes s <= floor(n/2) to give every
 * signed object exactly one encoding. Rewrites s as n - s when it is high;
 * the check alone is pc_p256_sig_check_low_s() below, on bytes. */
static pc_err sig_low_s(uint8_t sig[64])
{
	mbedtls_mpi half;
	p256 k;
	pc_err err;

	mbedtls_mpi_init(&half);
	err = p256_init(&k);
	if (err == PC_OK)
		err = load_sig(&k, sig);
	if (err == PC_OK)
		err = map_err(mbedtls_mpi_copy(&half, &k.g->N));
	if (err == PC_OK)
		err = map_err(mbedtls_mpi_shift_r(&half, 1));
	if (err == PC_OK && mbedtls_mpi_cmp_mpi(&k.s, &half) > 0) {
		err = map_err(mbedtls_mpi_sub_mpi(&k.s, &k.g->N, &k.s));
		if (err == PC_OK)
			err = map_err(mbedtls_mpi_write_binary(&k.s, sig + 32, 32));
	}
	mbedtls_mpi_free(&half);
	p256_free(&k);
	return err;
}

pc_err pc_p256_sig_normalize(uint8_t sig[64])
{
	if (sig == NULL)
		return PC_ERR_INVALID_ARG;
	return sig_low_s(sig);
}

/* The group order n of P-256 and floor(n / 2), big-endian (SEC 2 §2.4.2). */
static const uint8_t p256_n[32] = {
	0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF,
	0xFF, 0xFF, 0xFF, 0xFF, 0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84,
	0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51
};
static const uint8_t p256_half_n[32] = {
	0x7F, 0xFF, 0xFF, 0xFF, 0x80, 0x00, 0x00, 0x00, 0x7F, 0xFF, 0xFF, 0xFF,
	0xFF, 0xFF, 0xFF, 0xFF, 0xDE, 0x73, 0x7D, 0x56, 0xD3, 0x8B, 0xCF, 0x42,
	0x79, 0xDC, 0xE5, 0x61, 0x7E, 0x31, 0x92, 0xA8
};
static const uint8_t zero32[32];

/* The check is on public bytes (a signature), so plain comparisons of
 * big-endian strings do; no group is loaded for it. The rules of
 * load_sig() and sig_low_s(): r and s in [1, n-1], s <= floor(n/2). */
pc_err pc_p256_sig_check_low_s(const uint8_t sig[64])
{
	if (sig == NULL)
		return PC_ERR_INVALID_ARG;
	if (memcmp(sig, zero32, 32) == 0 || memcmp(sig, p256_n, 32) >= 0 ||
	    memcmp(sig + 32, zero32, 32) == 0 ||
	    memcmp(sig + 32, p256_half_n, 32) > 0)
		return PC_ERR_VERIFY;
	return PC_OK;
}

/* ---- AES-256-GCM (NIST SP 800-38D) ---- */

/* One GCM pass: mode is MBEDTLS_GCM_ENCRYPT or _DECRYPT; the tag is always
 * computed over the ciphertext (SP 800-38D §7.1 step 5, §7.2 step 6). */
static pc_err gcm_run(int mode, const uint8_t key[32], const uint8_t iv[12],
		      const uint8_t *aad, size_t aadlen, const uint8_t *in,
		      size_t len, uint8_t *out, uint8_t tag[16])
{
	mbedtls_gcm_context g;
	int ret;

	mbedtls_gcm_init(&g);
	ret = mbedtls_gcm_setkey(&g, MBEDTLS_CIPHER_ID_AES, key, 256);
	if (ret == 0)
		ret = mbedtls_gcm_crypt_and_tag(&g, mode, len, iv, PC_GCM_IV_LEN,
						aad, aadlen, in, out,
						PC_GCM_TAG_LEN, tag);
	mbedtls_gcm_free(&g); /* zeroises the expanded key and GHASH table */
	return ret == 0 ? PC_OK : PC_ERR_CRYPTO;
}

static bool gcm_args_ok(const uint8_t *key, const uint8_t *iv,
			const uint8_t *aad, size_t aadlen, const uint8_t *in,
			size_t len, const uint8_t *out, const uint8_t *tag)
{
	return key != NULL && iv != NULL && tag != NULL &&
	       (aad != NULL || aadlen == 0) &&
	       ((in != NULL && out != NULL) || len == 0);
}

pc_err pc_aes256_gcm_seal(const uint8_t key[32], const uint8_t iv[12],
			  const uint8_t *aad, size_t aadlen, const uint8_t *pt,
			  size_t ptlen, uint8_t *ct_out, uint8_t tag[16])
{
	pc_err err;

	if (!gcm_args_ok(key, iv, aad, aadlen, pt, ptlen, ct_out, tag))
		return PC_ERR_INVALID_ARG;
	err = gcm_run(MBEDTLS_GCM_ENCRYPT, key, iv, aad, aadlen, pt, ptlen,
		      ct_out, tag);
	if (err != PC_OK) {
		pc_wipe(ct_out, ptlen);
		pc_wipe(tag, PC_GCM_TAG_LEN);
	}
	return err;
}

/*
 * mbedtls_gcm_auth_decrypt would compare the tag itself; paycode compares
 * every tag with pc_ct_eq (STYLE §7), so the tag is recomputed with the
 * decrypting pass and checked here. The plaintext is written before the
 * check (GCM has no tag-only pass in this API) and wiped on mismatch.
 */
pc_err pc_aes256_gcm_open(const uint8_t key[32], const uint8_t iv[12],
			  const uint8_t *aad, size_t aadlen, const uint8_t *ct,
			  size_t ctlen, const uint8_t tag[16], uint8_t *pt_out)
{
	uint8_t want[PC_GCM_TAG_LEN];
	pc_err err;
	int diff;

	if (!gcm_args_ok(key, iv, aad, aadlen, ct, ctlen, pt_out, tag))
		return PC_ERR_INVALID_ARG;
	err = gcm_run(MBEDTLS_GCM_DECRYPT, key, iv, aad, aadlen, ct, ctlen,
		      pt_out, want);
	diff = pc_ct_eq(want, tag, PC_GCM_TAG_LEN);
	/* Reviewed leak: whether the tag verifies is the public outcome. */
	PC_DECLASSIFY(&diff, sizeof diff);
	if (err == PC_OK && diff != 0)
		err = PC_ERR_VERIFY;
	if (err != PC_OK)
		pc_wipe(pt_out, ctlen);
	pc_wipe(want, sizeof want);
	return err;
}

#endif /* PC_CRYPTO_MBEDTLS */
