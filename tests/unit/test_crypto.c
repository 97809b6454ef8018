/*
 * Unit tests for core/crypto_mbedtls.c: published known-answer vectors
 * (FIPS 180-2 App. B, RFC 4231 §4, RFC 5869 App. A, RFC 6979 §A.2.5,
 * GCM specification App. B),
 * range and curve checks, key generation on the fake port.
 */
#include "testutil.h"

#include <pthread.h>

#include <paycode/crypto.h>
#include "fake.h"

/* P-256 group order n (FIPS 186-4 §D.1.2.3). */
static const char N_HEX[] =
	"ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
/* P-256 base point G, uncompressed. */
static const char G_HEX[] =
	"046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"
	"4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5";

/* RFC 6979 §A.2.5: key pair and the SHA-256 signatures. */
static const char X_HEX[] =
	"c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";
static const char U_HEX[] =
	"04"
	"60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"
	"7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299";
static const struct {
	const char *msg;
	const char *sig; /* r || s */
} SIGS[] = {
	{ "sample",
	  "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716"
	  "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8" },
	{ "test",
	  "f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367"
	  "019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083" },
};

static void unhex_exact(const char *hex, uint8_t *out, size_t n)
{
	assert_int_equal(tu_unhex(hex, out, n), n);
}

/* ---- SHA-256, FIPS 180-2 Appendix B.1 and B.2 */

static void test_sha256_fips180(void **state)
{
	static const char m2[] =
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	uint8_t out[32], want[32];

	(void)state;
	assert_int_equal(pc_sha256("abc", 3, out), PC_OK);
	unhex_exact("ba7816bf8f01cfea414140de5dae2223"
		    "b00361a396177a9cb410ff61f20015ad", want, 32);
	assert_memory_equal(out, want, 32);

	assert_int_equal(pc_sha256(m2, 56, out), PC_OK);
	unhex_exact("248d6a61d20638b8e5c026930c3e6039"
		    "a33ce45964ff2167f6ecedd419db06c1", want, 32);
	assert_memory_equal(out, want, 32);

	/* The empty message, given as NULL/0. */
	assert_int_equal(pc_sha256(NULL, 0, out), PC_OK);
	unhex_exact("e3b0c44298fc1c149afbf4c8996fb924"
		    "27ae41e4649b934ca495991b7852b855", want, 32);
	assert_memory_equal(out, want, 32);

	assert_int_equal(pc_sha256(NULL, 1, out), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_sha256("abc", 3, NULL), PC_ERR_INVALID_ARG);
}

/* ---- HMAC-SHA-256, RFC 4231 §4.2-4.5, 4.7, 4.8 (case 5 truncates) */

static void test_hmac_rfc4231(void **state)
{
	static const struct {
		const char *key, *data, *mac;
	} v[] = {
		{ "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
		  "4869205468657265",
		  "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
		{ "4a656665",
		  "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
		  "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		  "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
		  "dddddddddddddddddddddddddddd",
		  "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
		{ "0102030405060708090a0b0c0d0e0f10111213141516171819",
		  "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"
		  "cdcdcdcdcdcdcdcdcdcdcdcdcdcd",
		  "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
		{ NULL, /* 131 x 0xaa */
		  "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a"
		  "65204b6579202d2048617368204b6579204669727374",
		  "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
		{ NULL, /* 131 x 0xaa */
		  "5468697320697320612074657374207573696e672061206c6172676572207468"
		  "616e20626c6f636b2d73697a65206b657920616e642061206c61726765722074"
		  "68616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565"
		  "647320746f20626520686173686564206265666f7265206265696e6720757365"
		  "642062792074686520484d414320616c676f726974686d2e",
		  "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
	};
	uint8_t key[131], data[160], mac[32], out[32];
	size_t i, klen, dlen;

	(void)state;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		if (v[i].key != NULL) {
			klen = tu_unhex(v[i].key, key, sizeof key);
		} else {
			memset(key, 0xaa, sizeof key);
			klen = sizeof key;
		}
		dlen = tu_unhex(v[i].data, data, sizeof data);
		unhex_exact(v[i].mac, mac, 32);
		assert_int_equal(pc_hmac_sha256(key, klen, data, dlen, out),
				 PC_OK);
		assert_memory_equal(out, mac, 32);
	}
	assert_int_equal(pc_hmac_sha256(NULL, 1, data, 1, out),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_hmac_sha256(key, 1, NULL, 1, out),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_hmac_sha256(key, 1, data, 1, NULL),
			 PC_ERR_INVALID_ARG);
}

/* ---- HKDF-SHA-256, RFC 5869 Appendix A.1-A.3 */

static void test_hkdf_rfc5869(void **state)
{
	static const struct {
		const char *ikm, *salt, *info, *okm;
	} v[] = {
		{ "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
		  "000102030405060708090a0b0c",
		  "f0f1f2f3f4f5f6f7f8f9",
		  "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
		  "34007208d5b887185865" },
		{ "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
		  "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
		  "404142434445464748494a4b4c4d4e4f",
		  "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
		  "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
		  "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
		  "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
		  "d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef"
		  "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
		  "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
		  "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
		  "cc30c58179ec3e87c14c01d5c1f3434f1d87" },
		{ "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "",
		  "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
		  "9d201395faa4b61a96c8" },
	};
	uint8_t ikm[80], salt[80], info[80], okm[82], out[82];
	size_t i, il, sl, nl, ol;

	(void)state;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		il = tu_unhex(v[i].ikm, ikm, sizeof ikm);
		sl = tu_unhex(v[i].salt, salt, sizeof salt);
		nl = tu_unhex(v[i].info, info, sizeof info);
		ol = tu_unhex(v[i].okm, okm, sizeof okm);
		assert_int_equal(pc_hkdf_sha256(salt, sl, ikm, il, info, nl,
						out, ol), PC_OK);
		assert_memory_equal(out, okm, ol);
	}
	/* Case 3 again with salt and info given as NULL (RFC 5869 §2.2:
	 * absent salt = HashLen zeros, same HMAC key as the empty salt). */
	assert_int_equal(pc_hkdf_sha256(NULL, 0, ikm, il, NULL, 0, out, ol),
			 PC_OK);
	assert_memory_equal(out, okm, ol);
}

static void test_hkdf_lengths(void **state)
{
	static uint8_t out[255 * 32 + 1];
	uint8_t ikm[4] = { 1, 2, 3, 4 };

	(void)state;
	assert_int_equal(pc_hkdf_sha256(NULL, 0, ikm, 4, NULL, 0, out, 0),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_hkdf_sha256(NULL, 0, ikm, 4, NULL, 0, out,
					sizeof out), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_hkdf_sha256(NULL, 0, ikm, 4, NULL, 0, out,
					sizeof out - 1), PC_OK);
	assert_int_equal(pc_hkdf_sha256(NULL, 0, ikm, 4, NULL, 0, NULL, 32),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_hkdf_sha256(NULL, 1, ikm, 4, NULL, 0, out, 32),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_hkdf_sha256(NULL, 0, NULL, 4, NULL, 0, out, 32),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_hkdf_sha256(NULL, 0, ikm, 4, NULL, 1, out, 32),
			 PC_ERR_INVALID_ARG);
}

/* ---- ECDSA P-256, RFC 6979 §A.2.5 */

static void test_p256_public_rfc6979(void **state)
{
	uint8_t x[32], u[65], pub[65];

	(void)state;
	unhex_exact(X_HEX, x, 32);
	unhex_exact(U_HEX, u, 65);
	assert_int_equal(pc_p256_public(x, pub), PC_OK);
	assert_memory_equal(pub, u, 65);
	assert_int_equal(pc_p256_check_public(u), PC_OK);
}

static void test_p256_sign_rfc6979(void **state)
{
	uint8_t x[32], h[32], want[64], sig[64];
	size_t i;

	(void)state;
	unhex_exact(X_HEX, x, 32);
	for (i = 0; i < sizeof SIGS / sizeof SIGS[0]; i++) {
		assert_int_equal(pc_sha256(SIGS[i].msg, strlen(SIGS[i].msg), h),
				 PC_OK);
		unhex_exact(SIGS[i].sig, want, 64);
		assert_int_equal(pc_p256_sign(x, h, sig), PC_OK);
		assert_memory_equal(sig, want, 64);
	}
}

static void test_p256_verify_rfc6979(void **state)
{
	uint8_t u[65], h[32], sig[64];
	size_t i;

	(void)state;
	unhex_exact(U_HEX, u, 65);
	for (i = 0; i < sizeof SIGS / sizeof SIGS[0]; i++) {
		assert_int_equal(pc_sha256(SIGS[i].msg, strlen(SIGS[i].msg), h),
				 PC_OK);
		unhex_exact(SIGS[i].sig, sig, 64);
		assert_int_equal(pc_p256_verify(u, h, sig), PC_OK);
	}
	/* The "sample" signature does not verify the "test" digest. */
	unhex_exact(SIGS[0].sig, sig, 64);
	assert_int_equal(pc_p256_verify(u, h, sig), PC_ERR_VERIFY);
}

/* Low-s check (SPEC §4.5a) at its edges: r, s in [1, n-1], s <= floor(n/2);
 * and normalisation agrees with it. */
static void test_p256_low_s_edges(void **state)
{
	static const char half_hex[] =
		"7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a8";
	uint8_t sig[64], n[32], half[32], t[64];
	size_t i;

	(void)state;
	unhex_exact(N_HEX, n, 32);
	unhex_exact(half_hex, half, 32);
	memset(sig, 0x11, 32);
	memcpy(sig + 32, half, 32);                       /* s = floor(n/2) */
	assert_int_equal(pc_p256_sig_check_low_s(sig), PC_OK);
	sig[63]++;                                        /* s = floor(n/2) + 1 */
	assert_int_equal(pc_p256_sig_check_low_s(sig), PC_ERR_VERIFY);
	memcpy(t, sig, 64);
	assert_int_equal(pc_p256_sig_normalize(t), PC_OK); /* n - s = floor(n/2) */
	assert_memory_equal(t + 32, half, 32);
	assert_int_equal(pc_p256_sig_check_low_s(t), PC_OK);
	memset(sig + 32, 0, 32);                          /* s = 0 */
	assert_int_equal(pc_p256_sig_check_low_s(sig), PC_ERR_VERIFY);
	sig[63] = 1;                                      /* s = 1 */
	assert_int_equal(pc_p256_sig_check_low_s(sig), PC_OK);
	memset(sig, 0, 32);                               /* r = 0 */
	assert_int_equal(pc_p256_sig_check_low_s(sig), PC_ERR_VERIFY);
	memcpy(sig, n, 32);                               /* r = n */
	assert_int_equal(pc_p256_sig_check_low_s(sig), PC_ERR_VERIFY);
	sig[31]--;                                        /* r = n - 1 */
	assert_int_equal(pc_p256_sig_check_low_s(sig), PC_OK);
	memset(sig, 0xFF, 32);                            /* r = 2^256 - 1 */
	assert_int_equal(pc_p256_sig_check_low_s(sig), PC_ERR_VERIFY);
	/* every RFC 6979 vector signature is low-s after normalisation */
	for (i = 0; i < sizeof SIGS / sizeof SIGS[0]; i++) {
		unhex_exact(SIGS[i].sig, t, 64);
		assert_int_equal(pc_p256_sig_normalize(t), PC_OK);
		assert_int_equal(pc_p256_sig_check_low_s(t), PC_OK);
	}
}

#define SHARED_THREADS 4

/* Threads racing on the first use of the shared P-256 group
 * (PC_P256_SHARED_GROUP): every one gets the RFC 6979 answers, whether it
 * built the group, used it, or fell back to a group of its own. */
static void *shared_worker(void *arg)
{
	uint8_t x[32], u[65], h[32], sig[64], want[64], pub[65];
	size_t i, *bad = (size_t *)arg;

	unhex_exact(X_HEX, x, 32);
	unhex_exact(U_HEX, u, 65);
	for (i = 0; i < 2 * sizeof SIGS / sizeof SIGS[0]; i++) {
		size_t k = i % (sizeof SIGS / sizeof SIGS[0]);

		unhex_exact(SIGS[k].sig, want, 64);
		*bad += pc_sha256(SIGS[k].msg, strlen(SIGS[k].msg), h) != PC_OK;
		*bad += pc_p256_verify(u, h, want) != PC_OK;
		*bad += pc_p256_sign(x, h, sig) != PC_OK || memcmp(sig, want, 64) != 0;
		*bad += pc_p256_public(x, pub) != PC_OK || memcmp(pub, u, 65) != 0;
	}
	return NULL;
}

static void test_p256_shared_group_threads(void **state)
{
	pthread_t th[SHARED_THREADS];
	size_t bad[SHARED_THREADS] = { 0 };
	size_t i;

	(void)state;
	for (i = 0; i < SHARED_THREADS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, shared_worker, &bad[i]), 0);
	for (i = 0; i < SHARED_THREADS; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		assert_int_equal(bad[i], 0);
	}
}

static void test_p256_verify_rejects(void **state)
{
	uint8_t u[65], bad[65], h[32], sig[64], s2[64], n[32];
	size_t half;

	(void)state;
	unhex_exact(U_HEX, u, 65);
	unhex_exact(N_HEX, n, 32);
	assert_int_equal(pc_sha256("sample", 6, h), PC_OK);
	unhex_exact(SIGS[0].sig, sig, 64);
	for (half = 0; half < 64; half += 32) {
		memcpy(s2, sig, 64);
		memset(s2 + half, 0, 32); /* r = 0, then s = 0 */
		assert_int_equal(pc_p256_verify(u, h, s2), PC_ERR_VERIFY);
		memcpy(s2 + half, n, 32); /* r = n, then s = n */
		assert_int_equal(pc_p256_verify(u, h, s2), PC_ERR_VERIFY);
		memset(s2 + half, 0xff, 32); /* > n */
		assert_int_equal(pc_p256_verify(u, h, s2), PC_ERR_VERIFY);
	}
	/* Tampered digest and tampered signature. */
	h[31] ^= 1;
	assert_int_equal(pc_p256_verify(u, h, sig), PC_ERR_VERIFY);
	h[31] ^= 1;
	sig[63] ^= 1;
	assert_int_equal(pc_p256_verify(u, h, sig), PC_ERR_VERIFY);
	sig[63] ^= 1;
	/* Off-curve key: Uy + 1. */
	memcpy(bad, u, 65);
	bad[64] ^= 1;
	assert_int_equal(pc_p256_verify(bad, h, sig), PC_ERR_BAD_KEY);
	assert_int_equal(pc_p256_check_public(bad), PC_ERR_BAD_KEY);
	/* The range check runs first: r = n with an off-curve key. */
	memcpy(s2, sig, 64);
	memcpy(s2, n, 32);
	assert_int_equal(pc_p256_verify(bad, h, s2), PC_ERR_VERIFY);
}

static void test_p256_public_encoding(void **state)
{
	uint8_t u[65], bad[65];

	(void)state;
	unhex_exact(U_HEX, u, 65);
	memcpy(bad, u, 65);
	bad[0] = 0x02; /* compressed prefix with 65 bytes */
	assert_int_equal(pc_p256_check_public(bad), PC_ERR_BAD_KEY);
	memset(bad, 0, 65); /* the point at infinity is not a key */
	assert_int_equal(pc_p256_check_public(bad), PC_ERR_BAD_KEY);
	bad[0] = 0x04;
	assert_int_equal(pc_p256_check_public(bad), PC_ERR_BAD_KEY);
	memset(bad + 1, 0xff, 32); /* X >= p */
	memcpy(bad + 33, u + 33, 32);
	assert_int_equal(pc_p256_check_public(bad), PC_ERR_BAD_KEY);
	assert_int_equal(pc_p256_check_public(NULL), PC_ERR_INVALID_ARG);
}

static void test_p256_private_range(void **state)
{
	uint8_t d[32], pub[65], g[65], h[32] = { 1 }, sig[64];

	(void)state;
	unhex_exact(G_HEX, g, 65);
	memset(d, 0, 32);
	assert_int_equal(pc_p256_public(d, pub), PC_ERR_BAD_KEY);
	memset(sig, 0x5a, sizeof sig);
	assert_int_equal(pc_p256_sign(d, h, sig), PC_ERR_BAD_KEY);
	assert_true(sig[0] == 0 && sig[63] == 0); /* wiped on failure */
	unhex_exact(N_HEX, d, 32);
	assert_int_equal(pc_p256_public(d, pub), PC_ERR_BAD_KEY);
	d[31]--; /* n - 1 is the largest valid scalar: (n-1)G = -G */
	assert_int_equal(pc_p256_public(d, pub), PC_OK);
	assert_memory_equal(pub, g, 33);
	assert_memory_not_equal(pub + 33, g + 33, 32);
	memset(d, 0, 32);
	d[31] = 1;
	assert_int_equal(pc_p256_public(d, pub), PC_OK);
	assert_memory_equal(pub, g, 65);
	assert_int_equal(pc_p256_sign(d, h, sig), PC_OK);
	assert_int_equal(pc_p256_verify(g, h, sig), PC_OK);
}

static void test_p256_null_args(void **state)
{
	uint8_t k[65] = { 0 }, s[64] = { 0 };

	(void)state;
	assert_int_equal(pc_p256_public(NULL, k), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_p256_public(k, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_p256_sign(NULL, k, s), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_p256_sign(k, NULL, s), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_p256_sign(k, k, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_p256_verify(NULL, k, s), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_p256_verify(k, NULL, s), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_p256_verify(k, k, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_p256_keygen(NULL, k, k), PC_ERR_INVALID_ARG);
}

/* ---- key generation */

static pc_fake fake_a, fake_b;

static void test_p256_keygen_fake(void **state)
{
	pc_platform pa, pb;
	uint8_t d1[32], q1[65], d2[32], q2[65], q[65], h[32], sig[64];

	(void)state;
	pc_fake_init(&fake_a, 42, &pa);
	pc_fake_init(&fake_b, 42, &pb);
	assert_int_equal(pc_p256_keygen(&pa, d1, q1), PC_OK);
	assert_int_equal(pc_p256_keygen(&pb, d2, q2), PC_OK);
	assert_memory_equal(d1, d2, 32); /* same seed, same key */
	assert_int_equal(pc_p256_public(d1, q), PC_OK);
	assert_memory_equal(q, q1, 65);
	assert_int_equal(pc_p256_check_public(q1), PC_OK);
	assert_int_equal(pc_p256_keygen(&pa, d2, q2), PC_OK);
	assert_memory_not_equal(d1, d2, 32); /* the stream moves on */
	assert_int_equal(pc_sha256("pay", 3, h), PC_OK);
	assert_int_equal(pc_p256_sign(d1, h, sig), PC_OK);
	assert_int_equal(pc_p256_verify(q1, h, sig), PC_OK);
	assert_int_equal(pc_p256_verify(q2, h, sig), PC_ERR_VERIFY);

	pc_fake_fail(&fake_a, PC_FAKE_FAIL_RNG, true);
	memset(d1, 0x77, 32);
	assert_int_equal(pc_p256_keygen(&pa, d1, q1), PC_ERR_RNG);
	memset(d2, 0, 32);
	assert_memory_equal(d1, d2, 32); /* no half-made secret left */
	pc_fake_wipe(&fake_a);
	pc_fake_wipe(&fake_b);
}

/* An rng that returns `bad` rejected candidates (every byte `fill`)
 * before a valid one (every byte 0x42). */
typedef struct scripted {
	int calls, bad;
	uint8_t fill;
} scripted;

static pc_err scripted_rng(void *ctx, uint8_t *out, size_t len)
{
	scripted *s = ctx;

	s->calls++;
	memset(out, s->calls <= s->bad ? s->fill : 0x42, len);
	return PC_OK;
}

static pc_err no_time(void *ctx, pc_time *now)
{
	(void)ctx;
	(void)now;
	return PC_ERR_TIME_UNKNOWN;
}

static void test_p256_keygen_rejection(void **state)
{
	scripted s = { 0, 3, 0xff };
	pc_platform p = { .version = PC_PLATFORM_VERSION, .ctx = &s,
			  .rng = scripted_rng, .time_now = no_time };
	uint8_t d[32], q[65], want[32];

	(void)state;
	memset(want, 0x42, 32);
	/* Three candidates >= n are discarded, the fourth is kept. */
	assert_int_equal(pc_p256_keygen(&p, d, q), PC_OK);
	assert_int_equal(s.calls, 4);
	assert_memory_equal(d, want, 32);
	/* Zero is rejected too (FIPS 186-4 §B.4.2: d in [1, n-1]). */
	s = (scripted){ 0, 1, 0x00 };
	assert_int_equal(pc_p256_keygen(&p, d, q), PC_OK);
	assert_int_equal(s.calls, 2);
	/* A stuck rng ends in PC_ERR_RNG after a bounded number of draws. */
	s = (scripted){ 0, 1000, 0xff };
	assert_int_equal(pc_p256_keygen(&p, d, q), PC_ERR_RNG);
	assert_true(s.calls > 1 && s.calls < 100);
	assert_int_equal(d[0], 0);
	/* A table without an rng is an argument error. */
	p.rng = NULL;
	assert_int_equal(pc_p256_keygen(&p, d, q), PC_ERR_INVALID_ARG);
}

/* ---- AES-256-GCM: McGrew & Viega, "The Galois/Counter Mode of Operation
 * (GCM)", revised 2005, Appendix B, test cases 13-16 (AES-256, 96-bit IV).
 * The values were also checked against an independent implementation. */

static const struct {
	const char *key, *iv, *pt, *aad, *ct, *tag;
} GCM[] = {
	{ /* test case 13 */
	  "0000000000000000000000000000000000000000000000000000000000000000",
	  "000000000000000000000000", "", "", "",
	  "530f8afbc74536b9a963b4f1c4cb738b" },
	{ /* test case 14 */
	  "0000000000000000000000000000000000000000000000000000000000000000",
	  "000000000000000000000000", "00000000000000000000000000000000", "",
	  "cea7403d4d606b6e074ec5d3baf39d18",
	  "d0d1c8a799996bf0265b98b5d48ab919" },
	{ /* test case 15 */
	  "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
	  "cafebabefacedbaddecaf888",
	  "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
	  "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
	  "",
	  "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
	  "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
	  "b094dac5d93471bdec1a502270e3cc6c" },
	{ /* test case 16 */
	  "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
	  "cafebabefacedbaddecaf888",
	  "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
	  "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
	  "feedfacedeadbeeffeedfacedeadbeefabaddad2",
	  "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
	  "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
	  "76fc6ece0f4e1768cddf8853bb2d551b" },
};

typedef struct gcm_case {
	uint8_t key[32], iv[12], tag[16];
	uint8_t pt[64], aad[20], ct[64];
	size_t ptlen, aadlen;
} gcm_case;

static bool gcm_all_zero(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != 0)
			return false;
	return true;
}

static void gcm_load(size_t i, gcm_case *c)
{
	unhex_exact(GCM[i].key, c->key, 32);
	unhex_exact(GCM[i].iv, c->iv, 12);
	unhex_exact(GCM[i].tag, c->tag, 16);
	c->ptlen = strlen(GCM[i].pt) / 2;
	c->aadlen = strlen(GCM[i].aad) / 2;
	unhex_exact(GCM[i].pt, c->pt, c->ptlen);
	unhex_exact(GCM[i].aad, c->aad, c->aadlen);
	unhex_exact(GCM[i].ct, c->ct, c->ptlen);
}

static void test_gcm_kat(void **state)
{
	gcm_case c;
	uint8_t *out, tag[16];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof GCM / sizeof GCM[0]; i++) {
		gcm_load(i, &c);
		/* Exact-size heap buffers so ASan sees any overrun. */
		out = malloc(c.ptlen + 1);
		assert_non_null(out);
		assert_int_equal(pc_aes256_gcm_seal(c.key, c.iv, c.aad, c.aadlen,
						    c.pt, c.ptlen, out, tag),
				 PC_OK);
		assert_memory_equal(out, c.ct, c.ptlen);
		assert_memory_equal(tag, c.tag, 16);
		assert_int_equal(pc_aes256_gcm_open(c.key, c.iv, c.aad, c.aadlen,
						    c.ct, c.ptlen, c.tag, out),
				 PC_OK);
		assert_memory_equal(out, c.pt, c.ptlen);
		free(out);
	}
}

/* Every single-bit change of key, IV, AAD, ciphertext or tag fails with
 * PC_ERR_VERIFY and leaves no plaintext behind. */
static void flip_check(gcm_case *c, uint8_t *field, size_t len)
{
	uint8_t out[64];
	size_t bit;

	for (bit = 0; bit < 8 * len; bit++) {
		field[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		memset(out, 0x5a, sizeof out);
		assert_int_equal(pc_aes256_gcm_open(c->key, c->iv, c->aad,
						    c->aadlen, c->ct, c->ptlen,
						    c->tag, out),
				 PC_ERR_VERIFY);
		assert_true(gcm_all_zero(out, c->ptlen));
		field[bit / 8] ^= (uint8_t)(1u << (bit % 8));
	}
}

static void test_gcm_rejects(void **state)
{
	gcm_case c;
	uint8_t out[64], tag[16];

	(void)state;
	gcm_load(3, &c);
	flip_check(&c, c.key, 32);
	flip_check(&c, c.iv, 12);
	flip_check(&c, c.aad, c.aadlen);
	flip_check(&c, c.ct, c.ptlen);
	flip_check(&c, c.tag, 16);
	/* A shorter ciphertext or missing AAD is a different message. */
	assert_int_equal(pc_aes256_gcm_open(c.key, c.iv, c.aad, c.aadlen, c.ct,
					    c.ptlen - 1, c.tag, out),
			 PC_ERR_VERIFY);
	assert_int_equal(pc_aes256_gcm_open(c.key, c.iv, NULL, 0, c.ct,
					    c.ptlen, c.tag, out),
			 PC_ERR_VERIFY);
	/* NULL arguments. */
	assert_int_equal(pc_aes256_gcm_seal(NULL, c.iv, NULL, 0, c.pt, 1, out,
					    tag), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_aes256_gcm_seal(c.key, c.iv, NULL, 1, c.pt, 1, out,
					    tag), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_aes256_gcm_seal(c.key, c.iv, NULL, 0, c.pt, 1, NULL,
					    tag), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_aes256_gcm_open(c.key, NULL, NULL, 0, c.ct, 1,
					    c.tag, out), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_aes256_gcm_open(c.key, c.iv, NULL, 0, c.ct, 1,
					    NULL, out), PC_ERR_INVALID_ARG);
	/* In place: seal then open in the same buffer. */
	memcpy(out, c.pt, c.ptlen);
	assert_int_equal(pc_aes256_gcm_seal(c.key, c.iv, c.aad, c.aadlen, out,
					    c.ptlen, out, tag), PC_OK);
	assert_memory_equal(out, c.ct, c.ptlen);
	assert_int_equal(pc_aes256_gcm_open(c.key, c.iv, c.aad, c.aadlen, out,
					    c.ptlen, tag, out), PC_OK);
	assert_memory_equal(out, c.pt, c.ptlen);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		/* first: it races on the first P-256 use of the process */
		cmocka_unit_test(test_p256_shared_group_threads),
		cmocka_unit_test(test_sha256_fips180),
		cmocka_unit_test(test_hmac_rfc4231),
		cmocka_unit_test(test_hkdf_rfc5869),
		cmocka_unit_test(test_hkdf_lengths),
		cmocka_unit_test(test_p256_public_rfc6979),
		cmocka_unit_test(test_p256_sign_rfc6979),
		cmocka_unit_test(test_p256_verify_rfc6979),
		cmocka_unit_test(test_p256_verify_rejects),
		cmocka_unit_test(test_p256_public_encoding),
		cmocka_unit_test(test_p256_private_range),
		cmocka_unit_test(test_p256_null_args),
		cmocka_unit_test(test_p256_keygen_fake),
		cmocka_unit_test(test_p256_keygen_rejection),
		cmocka_unit_test(test_p256_low_s_edges),
		cmocka_unit_test(test_gcm_kat),
		cmocka_unit_test(test_gcm_rejects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
