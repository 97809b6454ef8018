/*
 * Constant-time checks under valgrind (after Monocypher's ctgrind and
 * mbedTLS's TEST_CF_SECRET): secrets are marked undefined with
 * PC_TEST_SECRET, so memcheck reports any branch or memory index that
 * depends on them. Results are declassified with PC_TEST_PUBLIC before the
 * harness itself looks at them. Run: valgrind --error-exitcode=1 ctgrind
 * (make ctgrind). Outside valgrind the marks are no-ops.
 */
#include <stdio.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include <paycode/paycode.h>

#define PC_TEST_SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PC_TEST_PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

static int fails;

static void check(const char *what, int ok)
{
	if (!ok) {
		printf("FAIL %s\n", what);
		fails++;
	}
}

static void ct_compare(void)
{
	uint8_t a[32], b[32], dst[32];
	uint32_t ctl = 1, sel;
	int r;

	memset(a, 0x5A, sizeof a);
	memcpy(b, a, sizeof b);
	PC_TEST_SECRET(a, sizeof a);
	PC_TEST_SECRET(b, sizeof b);
	PC_TEST_SECRET(&ctl, sizeof ctl);
	r = pc_ct_eq(a, b, sizeof a);
	sel = pc_ct_select(ctl, 7, 9);
	pc_ct_copy(ctl, dst, a, sizeof dst);
	PC_TEST_PUBLIC(&r, sizeof r);
	PC_TEST_PUBLIC(&sel, sizeof sel);
	check("pc_ct_eq", r == 0);
	check("pc_ct_select", sel == 7);
	pc_wipe(a, sizeof a);
}

/* OTP values: the key and everything derived from it are secret. */
static void ct_otp(void)
{
	uint8_t key[32];
	uint32_t otp = 0;
	pc_err err;

	memset(key, 0x31, sizeof key);
	PC_TEST_SECRET(key, sizeof key);
	err = pc_hotp(PC_OTP_SHA256, key, sizeof key, 1234567, 8, &otp);
	PC_TEST_PUBLIC(&otp, sizeof otp);
	check("pc_hotp", err == PC_OK);
	err = pc_token_key(key, 7, 42, key);
	check("pc_token_key", err == PC_OK);
}

/* base64 of a MAC or code must not branch on the bytes. */
static void ct_base64(void)
{
	uint8_t bin[48], back[48];
	char text[64];
	size_t n = 0, m = 0;
	pc_err err;
	size_t i;

	for (i = 0; i < sizeof bin; i++)
		bin[i] = (uint8_t)(i * 37 + 11);
	PC_TEST_SECRET(bin, sizeof bin);
	err = pc_base64_encode(bin, sizeof bin, text, sizeof text, &n);
	check("pc_base64_encode", err == PC_OK && n == 64);
	err = pc_base64_decode(text, n, back, sizeof back, &m);
	PC_TEST_PUBLIC(&err, sizeof err);
	check("pc_base64_decode", err == PC_OK && m == sizeof back);
}

/* HMAC-SHA-256 with a secret key and message. */
static void ct_hmac(void)
{
	uint8_t key[32], msg[100], mac[32];
	pc_err err;

	memset(key, 1, sizeof key);
	memset(msg, 2, sizeof msg);
	PC_TEST_SECRET(key, sizeof key);
	PC_TEST_SECRET(msg, sizeof msg);
	err = pc_hmac_sha256(key, sizeof key, msg, sizeof msg, mac);
	check("pc_hmac_sha256", err == PC_OK);
}

/* AES-256-GCM with a secret key and plaintext, both directions. */
static void ct_gcm(void)
{
	uint8_t key[32], iv[12], aad[20], pt[64], ct[64], tag[16];
	pc_err err;

	memset(key, 3, sizeof key);
	memset(iv, 4, sizeof iv);
	memset(aad, 5, sizeof aad);
	memset(pt, 6, sizeof pt);
	PC_TEST_SECRET(key, sizeof key);
	PC_TEST_SECRET(pt, sizeof pt);
	err = pc_aes256_gcm_seal(key, iv, aad, sizeof aad, pt, sizeof pt, ct,
				 tag);
	check("pc_aes256_gcm_seal", err == PC_OK);
	PC_TEST_PUBLIC(ct, sizeof ct);
	PC_TEST_PUBLIC(tag, sizeof tag);
	err = pc_aes256_gcm_open(key, iv, aad, sizeof aad, ct, sizeof ct, tag,
				 pt);
	PC_TEST_PUBLIC(&err, sizeof err);
	check("pc_aes256_gcm_open", err == PC_OK);
}

/* A platform whose key_derive output is secret (a real store's is). */
static pc_err ct_rng(void *ctx, uint8_t *out, size_t len)
{
	(void)ctx;
	memset(out, 0x42, len);
	return PC_OK;
}

static pc_err ct_time(void *ctx, pc_time *now)
{
	(void)ctx;
	*now = 1700000000;
	return PC_OK;
}

static pc_err ct_derive(void *ctx, uint32_t key_id, const uint8_t *label,
			size_t label_len, uint8_t out[32])
{
	(void)ctx;
	(void)label;
	(void)label_len;
	memset(out, (int)(key_id & 0xff), 32);
	PC_TEST_SECRET(out, 32);
	return PC_OK;
}

/* Sealing and unsealing with secret minutiae and a secret device key. */
static void ct_seal(void)
{
	static pc_bio_template t[2], back[2];
	static uint8_t blob[PC_BIO_SEAL_OVERHEAD + 2 * PC_BIO_SEAL_SAMPLE_LEN(40)];
	pc_platform p;
	size_t len = 0, n = 0, i;
	pc_err err;

	memset(&p, 0, sizeof p);
	p.version = PC_PLATFORM_VERSION;
	p.rng = ct_rng;
	p.time_now = ct_time;
	p.key_derive = ct_derive;
	memset(t, 0, sizeof t);
	for (i = 0; i < 40; i++) {
		t[i & 1].pt[i / 2].x = (int16_t)(i * 7 - 50);
		t[i & 1].pt[i / 2].y = (int16_t)(i * 11);
		t[i & 1].pt[i / 2].angle = (uint16_t)(i * 1000);
		t[i & 1].pt[i / 2].type = (uint8_t)(i % 3);
		t[i & 1].pt[i / 2].quality = (uint8_t)(i * 2);
	}
	t[0].count = t[1].count = 20;
	PC_TEST_SECRET(t[0].pt, sizeof t[0].pt);
	PC_TEST_SECRET(t[1].pt, sizeof t[1].pt);
	PC_TEST_SECRET(&t[0].quality, 1);
	err = pc_bio_seal(&p, 7, 1, t, 2, blob, sizeof blob, &len);
	PC_TEST_PUBLIC(&err, sizeof err);
	check("pc_bio_seal", err == PC_OK);
	PC_TEST_PUBLIC(blob, sizeof blob);
	err = pc_bio_unseal(&p, blob, len, 1, back, 2, &n);
	PC_TEST_PUBLIC(&err, sizeof err);
	check("pc_bio_unseal", err == PC_OK);
	err = pc_bio_reseal(&p, blob, len, 1, 8, blob, 0, &len);
	PC_TEST_PUBLIC(&err, sizeof err);
	check("pc_bio_reseal size", err == PC_ERR_BUFFER_TOO_SMALL);
}

/* A biometric decision with a secret score (STYLE §7 "template score"):
 * the score is compared with masks; only the outcome is declassified, by
 * the library (PC_DECLASSIFY). */
static void ct_bio_score(void)
{
	pc_bio_state st = { 1, 0, 0, 0 }, out;
	pc_bio_attempt a = { 1800000000, true, 4321, PC_BIO_PAD_PASS, 3 };
	pc_bio_decision d;
	pc_bio_policy pol;
	pc_err err;

	check("pc_bio_policy_default",
	      pc_bio_policy_default(&pol, PC_BIO_PURPOSE_PAYMENT) == PC_OK);
	PC_TEST_SECRET(&a.score, sizeof a.score);
	err = pc_bio_policy_step(&pol, &st, &a, &out, &d);
	check("pc_bio_policy_step", err == PC_OK && d.outcome == PC_BIO_OUT_NO_MATCH);
}

int main(void)
{
	ct_compare();
	ct_bio_score();
	ct_otp();
	ct_base64();
	ct_hmac();
	ct_gcm();
	ct_seal();
	printf("ctgrind: %d failed\n", fails);
	return fails != 0;
}
