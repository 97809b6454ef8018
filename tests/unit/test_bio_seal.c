/*
 * Unit tests for biometric/seal.c (sealed templates, SPEC §6.3), the
 * key_derive wrapper of core/platform.c and the key_derive hooks of
 * ports/fake and ports/posix.
 *
 * The pinned blob below was computed by an independent implementation of
 * SPEC §6.3 (Python: hashlib/hmac for the fake port's key_derive, the
 * `cryptography` package's HKDF and AESGCM), not by this library.
 */
#include "testutil.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <paycode/bio.h>
#include <paycode/crypto.h>
#include "fake.h"
#include "posix.h"

#define PATH_MAX_ 4096

static pc_fake fk, fk2;
static pc_platform plat, plat2;
/* Big structs live here, not on the stack. */
static pc_bio_template views[PC_BIO_SEAL_MAX_SAMPLES + 1];
static pc_bio_template back[PC_BIO_SEAL_MAX_SAMPLES + 1];
static uint8_t blob[PC_BIO_SEALED_MAX_LEN + 16], blob2[PC_BIO_SEALED_MAX_LEN + 16];

/* Seed 42, key id 7, template ID 0x0102030405060708, clock
 * PC_FAKE_START_TIME, views A and B of fixed_views(). */
static const char PINNED[] =
	"5043425401010000000000070102030405060708000000006553f10000020000"
	"0040bf5e93c443151c95541e8a31d607d2ee6c767c5dc44618a7924f48c4327f"
	"532d9ed9c03c6a885c934adc4ca2706e86a693bc51520a897105430fb24a6e60"
	"258aa70211e6812a82cae394eab28e9dc7bca304c663a1ac90302c561c2e";
/* The fake's key_derive(7, "paycode/v1/bio-seal") for seed 42. */
static const char PINNED_IKM[] =
	"2763074aefbedcb63c8ed44974ad9134fb24bae8195e94d32323908400f148a6";
#define PINNED_LEN 126u
#define TID 0x0102030405060708ull

static void pt(pc_bio_template *t, size_t i, int x, int y, unsigned a,
	       unsigned type, unsigned q)
{
	t->pt[i].x = (int16_t)x;
	t->pt[i].y = (int16_t)y;
	t->pt[i].angle = (uint16_t)a;
	t->pt[i].type = (uint8_t)type;
	t->pt[i].quality = (uint8_t)q;
}

/* Two small views covering every field's range ends. */
static void fixed_views(void)
{
	memset(views, 0, sizeof views);
	views[0].width = 300;
	views[0].height = 400;
	views[0].xres = 197;
	views[0].yres = 197;
	views[0].position = 2;
	views[0].quality = 60;
	views[0].count = 3;
	pt(&views[0], 0, 10, 20, 0x1234, 1, 50);
	pt(&views[0], 1, -5, 399, 0xFFFF, 2, 0);
	pt(&views[0], 2, 299, 0, 0, 0, 100);
	views[1].count = 2;
	pt(&views[1], 0, 100, 200, 0x8000, 1, 1);
	pt(&views[1], 1, 32767, -32768, 1, 2, 99);
}

static int setup(void **state)
{
	(void)state;
	pc_fake_init(&fk, 42, &plat);
	pc_fake_init(&fk2, 43, &plat2);
	fixed_views();
	memset(back, 0x5a, sizeof back);
	return 0;
}

static bool all_zero(const void *p, size_t n)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != 0)
			return false;
	return true;
}

static void same_views(const pc_bio_template *a, const pc_bio_template *b,
		       size_t n)
{
	size_t i;

	/* Byte-exact, unused points included (both zero). */
	for (i = 0; i < n; i++)
		assert_memory_equal(&a[i], &b[i], sizeof *a);
}

static size_t seal_fixed(void)
{
	size_t len = 0;

	assert_int_equal(pc_bio_seal(&plat, 7, TID, views, 2, blob,
				     sizeof blob, &len), PC_OK);
	return len;
}

/* ---- format: the pinned blob, round trips, sizes ---------------------- */

static void test_pinned_blob(void **state)
{
	uint8_t want[PINNED_LEN], ikm[32], want_ikm[32];
	static const uint8_t label[] = "paycode/v1/bio-seal";
	size_t len;

	(void)state;
	tu_unhex(PINNED, want, sizeof want);
	len = seal_fixed();
	assert_int_equal(len, PINNED_LEN);
	assert_memory_equal(blob, want, PINNED_LEN);
	/* The port output the vector file publishes. */
	tu_unhex(PINNED_IKM, want_ikm, sizeof want_ikm);
	assert_int_equal(pc_platform_key_derive(&plat, 7, label,
						sizeof label - 1, ikm), PC_OK);
	assert_memory_equal(ikm, want_ikm, 32);
}

static void test_round_trip(void **state)
{
	size_t len = seal_fixed(), n = 0;
	uint8_t *exact = tu_exact(blob, len);

	(void)state;
	assert_int_equal(pc_bio_unseal(&plat, exact, len, TID, back, 2, &n),
			 PC_OK);
	assert_int_equal(n, 2);
	same_views(back, views, 2);
	/* A larger array: the extra slots are left alone. */
	memset(back, 0x5a, sizeof back);
	assert_int_equal(pc_bio_unseal(&plat, exact, len, TID, back,
				       PC_BIO_SEAL_MAX_SAMPLES, &n), PC_OK);
	assert_int_equal(n, 2);
	same_views(back, views, 2);
	assert_int_equal(back[2].width, 0x5a5a);
	/* The same fake state again gives another IV, hence another blob. */
	assert_int_equal(pc_bio_seal(&plat, 7, TID, views, 2, blob2,
				     sizeof blob2, &n), PC_OK);
	assert_int_equal(n, len);
	assert_memory_not_equal(blob2 + 34, blob + 34, 12);
	free(exact);
}

/* Full-size views from the synthetic generator: five of 255 minutiae
 * would not fit every generator setting, so synthesize and top up. */
static void test_round_trip_max(void **state)
{
	pc_bio_synth sp;
	size_t i, j, len = 0, n = 0;
	uint8_t *exact;

	(void)state;
	pc_bio_synth_default(&sp, 99);
	memset(views, 0, sizeof views);
	for (i = 0; i < PC_BIO_SEAL_MAX_SAMPLES; i++) {
		assert_int_equal(pc_bio_synth_impression(&sp, 1, (uint32_t)i,
							 &views[i]), PC_OK);
		for (j = views[i].count; j < PC_BIO_MAX_MINUTIAE; j++)
			pt(&views[i], j, (int)j, (int)(2 * j), 257u * (unsigned)j,
			   (unsigned)(j % 3), (unsigned)(j % 101));
		views[i].count = PC_BIO_MAX_MINUTIAE;
	}
	assert_int_equal(pc_bio_seal(&plat, 1, 5, views,
				     PC_BIO_SEAL_MAX_SAMPLES, NULL, 0, &len),
			 PC_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(len, PC_BIO_SEALED_MAX_LEN);
	assert_int_equal(pc_bio_sealed_max_len(), PC_BIO_SEALED_MAX_LEN);
	assert_int_equal(pc_bio_seal(&plat, 1, 5, views,
				     PC_BIO_SEAL_MAX_SAMPLES, blob, len, &len),
			 PC_OK);
	exact = tu_exact(blob, len);
	assert_int_equal(pc_bio_unseal(&plat, exact, len, 5, back,
				       PC_BIO_SEAL_MAX_SAMPLES, &n), PC_OK);
	assert_int_equal(n, PC_BIO_SEAL_MAX_SAMPLES);
	same_views(back, views, PC_BIO_SEAL_MAX_SAMPLES);
	free(exact);
}

static void test_size_query(void **state)
{
	size_t len = 0;

	(void)state;
	memset(blob, 0x77, sizeof blob);
	assert_int_equal(pc_bio_seal(&plat, 7, TID, views, 2, NULL, 0, &len),
			 PC_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(len, PINNED_LEN);
	assert_int_equal(pc_bio_seal(&plat, 7, TID, views, 2, blob,
				     PINNED_LEN - 1, &len),
			 PC_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(len, PINNED_LEN);
	/* Nothing written, no hook called (the rng did not advance). */
	assert_int_equal(blob[0], 0x77);
	assert_int_equal(seal_fixed(), PINNED_LEN);
	assert_int_equal(blob[0], 'P');
	{
		uint8_t want[PINNED_LEN];

		tu_unhex(PINNED, want, sizeof want);
		assert_memory_equal(blob, want, PINNED_LEN);
	}
}

static void test_peek(void **state)
{
	pc_bio_sealed_info info;
	size_t len = seal_fixed();

	(void)state;
	assert_int_equal(pc_bio_sealed_peek(blob, len, &info), PC_OK);
	assert_int_equal(info.version, PC_BIO_SEAL_VERSION);
	assert_int_equal(info.suite, PC_BIO_SEAL_SUITE_AES256GCM);
	assert_int_equal(info.samples, 2);
	assert_int_equal(info.key_id, 7);
	assert_true(info.template_id == TID);
	assert_true(info.created == PC_FAKE_START_TIME);
	assert_int_equal(info.payload_len, 64);
	assert_int_equal(pc_bio_sealed_peek(blob, len - 1, &info),
			 PC_ERR_BIO_SEALED);
	assert_true(all_zero(&info, sizeof info));
	assert_int_equal(pc_bio_sealed_peek(NULL, len, &info),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_bio_sealed_peek(blob, len, NULL),
			 PC_ERR_INVALID_ARG);
}

/* An unknown clock is recorded as 0, and authenticated like the rest. */
static void test_created_unknown(void **state)
{
	pc_bio_sealed_info info;
	size_t len, n;

	(void)state;
	pc_fake_set_time_unknown(&fk);
	len = seal_fixed();
	assert_int_equal(pc_bio_sealed_peek(blob, len, &info), PC_OK);
	assert_true(info.created == 0);
	assert_int_equal(pc_bio_unseal(&plat, blob, len, TID, back, 2, &n),
			 PC_OK);
}

/* ---- rejection of every modification ---------------------------------- */

static void expect_refused(const uint8_t *in, size_t len, pc_err want)
{
	size_t n = 99;
	pc_err err;

	memset(back, 0x5a, sizeof back);
	err = pc_bio_unseal(&plat, in, len, TID, back, PC_BIO_SEAL_MAX_SAMPLES,
			    &n);
	assert_int_equal(err, want);
	assert_int_equal(n, 0);
	assert_true(all_zero(back, PC_BIO_SEAL_MAX_SAMPLES * sizeof back[0]));
}

/*
 * Which error a one-bit change of header byte i gives: structure fields
 * are refused as malformed, the template ID as another enrolment, and
 * everything else (key id, time, IV, ciphertext, tag, and sample counts
 * that still parse) by the tag.
 */
static bool flip_ok(size_t i, pc_err err)
{
	if (i < 8 || (i >= 30 && i < 34))
		return err == PC_ERR_BIO_SEALED;
	if (i >= 12 && i < 20)
		return err == PC_ERR_BIO_SEAL_ID;
	if (i >= 28 && i < 30)
		return err == PC_ERR_BIO_SEALED || err == PC_ERR_VERIFY;
	return err == PC_ERR_VERIFY;
}

static void test_every_bit_flip(void **state)
{
	size_t len = seal_fixed(), bit, n;
	uint8_t *b = tu_exact(blob, len);
	pc_err err;

	(void)state;
	for (bit = 0; bit < 8 * len; bit++) {
		b[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		memset(back, 0x5a, sizeof back);
		n = 99;
		err = pc_bio_unseal(&plat, b, len, TID, back,
				    PC_BIO_SEAL_MAX_SAMPLES, &n);
		if (!flip_ok(bit / 8, err))
			fail_msg("bit %zu: error %d", bit, (int)err);
		assert_int_equal(n, 0);
		assert_true(all_zero(back, sizeof back[0] *
					      PC_BIO_SEAL_MAX_SAMPLES));
		b[bit / 8] ^= (uint8_t)(1u << (bit % 8));
	}
	/* Every flip was undone: the blob opens again. */
	assert_int_equal(pc_bio_unseal(&plat, b, len, TID, back, 2, &n), PC_OK);
	free(b);
}

static void test_truncated_and_extended(void **state)
{
	size_t len = seal_fixed(), k;
	uint8_t *b;

	(void)state;
	for (k = 0; k < len; k++) {
		b = tu_exact(blob, k);
		expect_refused(b, k, PC_ERR_BIO_SEALED);
		free(b);
	}
	blob[len] = 0;
	b = tu_exact(blob, len + 1);
	expect_refused(b, len + 1, PC_ERR_BIO_SEALED);
	free(b);
}

static void test_header_fields(void **state)
{
	size_t len = seal_fixed(), n;

	(void)state;
	blob[4] = 2; /* version */
	expect_refused(blob, len, PC_ERR_BIO_SEALED);
	blob[4] = 1;
	blob[5] = 2; /* suite */
	expect_refused(blob, len, PC_ERR_BIO_SEALED);
	blob[5] = 1;
	blob[7] = 1; /* reserved */
	expect_refused(blob, len, PC_ERR_BIO_SEALED);
	blob[7] = 0;
	blob[11] = 8; /* key id: another key, so another blob key */
	expect_refused(blob, len, PC_ERR_VERIFY);
	blob[11] = 7;
	blob[29] = 0; /* no samples */
	expect_refused(blob, len, PC_ERR_BIO_SEALED);
	blob[29] = 17; /* above the format's 16 */
	expect_refused(blob, len, PC_ERR_BIO_SEALED);
	blob[29] = 2;
	/* Intact again. */
	assert_int_equal(pc_bio_unseal(&plat, blob, len, TID, back, 2, &n),
			 PC_OK);
}

static void test_wrong_template_id(void **state)
{
	size_t len = seal_fixed(), n = 5;

	(void)state;
	memset(back, 0x5a, sizeof back);
	assert_int_equal(pc_bio_unseal(&plat, blob, len, TID + 1, back, 2, &n),
			 PC_ERR_BIO_SEAL_ID);
	assert_int_equal(n, 0);
	assert_true(all_zero(back, 2 * sizeof back[0]));
	/* Rewriting the ID to the expected one breaks the tag instead. */
	blob[19] ^= 1;
	assert_int_equal(pc_bio_unseal(&plat, blob, len, TID ^ 1, back, 2, &n),
			 PC_ERR_VERIFY);
}

/* Another device (another seed), and a key the store lost. */
static void test_other_device(void **state)
{
	size_t len = seal_fixed(), n;

	(void)state;
	memset(back, 0x5a, sizeof back);
	assert_int_equal(pc_bio_unseal(&plat2, blob, len, TID, back, 2, &n),
			 PC_ERR_VERIFY);
	assert_true(all_zero(back, 2 * sizeof back[0]));
	/* A second fake with the same seed is the same device. */
	pc_fake_init(&fk2, 42, &plat2);
	assert_int_equal(pc_bio_unseal(&plat2, blob, len, TID, back, 2, &n),
			 PC_OK);
	same_views(back, views, 2);
	pc_fake_fail(&fk, PC_FAKE_FAIL_DERIVE_ABSENT, true);
	expect_refused(blob, len, PC_ERR_NOT_FOUND);
}

static void test_small_array(void **state)
{
	size_t len = seal_fixed(), n = 0;

	(void)state;
	memset(back, 0x5a, sizeof back);
	assert_int_equal(pc_bio_unseal(&plat, blob, len, TID, back, 1, &n),
			 PC_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(n, 2);
	assert_true(all_zero(back, sizeof back[0]));
	assert_int_equal(back[1].width, 0x5a5a);
	assert_int_equal(pc_bio_unseal(&plat, blob, len, TID, back, 0, &n),
			 PC_ERR_BUFFER_TOO_SMALL);
}

/* Forge blobs with the device's own key, to reach the checks that run
 * after a successful tag check (SPEC §6.3: such a payload is still
 * refused). */
static size_t forge(const uint8_t *payload, size_t plen, uint16_t samples)
{
	static const uint8_t label[] = "paycode/v1/bio-seal";
	static const uint8_t info_pfx[] = "paycode/v1/bio-seal/key";
	uint8_t ikm[32], key[32], info[sizeof info_pfx - 1 + 16];
	size_t len = seal_fixed();

	assert_true(len > 0);
	blob[28] = (uint8_t)(samples >> 8);
	blob[29] = (uint8_t)samples;
	blob[30] = 0;
	blob[31] = 0;
	blob[32] = (uint8_t)(plen >> 8);
	blob[33] = (uint8_t)plen;
	assert_int_equal(pc_platform_key_derive(&plat, 7, label,
						sizeof label - 1, ikm), PC_OK);
	memcpy(info, info_pfx, sizeof info_pfx - 1);
	memcpy(info + sizeof info_pfx - 1, blob + 4, 16);
	assert_int_equal(pc_hkdf_sha256(NULL, 0, ikm, 32, info, sizeof info,
					key, 32), PC_OK);
	assert_int_equal(pc_aes256_gcm_seal(key, blob + 34, blob, 46, payload,
					    plen, blob + 46, blob + 46 + plen),
			 PC_OK);
	return 46 + plen + 16;
}

static void test_authenticated_garbage(void **state)
{
	/* One view header with count 1 and one minutia. */
	uint8_t p[32] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
			  0, 1, 0, 2, 0, 3, 1, 50 };
	size_t len, n;

	(void)state;
	len = forge(p, 20, 1);
	assert_int_equal(pc_bio_unseal(&plat, blob, len, TID, back, 1, &n),
			 PC_OK);
	assert_int_equal(back[0].pt[0].y, 2);
	p[18] = 3; /* minutia type 3 */
	expect_refused(blob, forge(p, 20, 1), PC_ERR_BIO_SEALED);
	p[18] = 1;
	p[19] = 101; /* minutia quality */
	expect_refused(blob, forge(p, 20, 1), PC_ERR_BIO_SEALED);
	p[19] = 50;
	p[9] = 101; /* view quality */
	expect_refused(blob, forge(p, 20, 1), PC_ERR_BIO_SEALED);
	p[9] = 0;
	/* A byte after the last view; a view cut short. */
	expect_refused(blob, forge(p, 21, 1), PC_ERR_BIO_SEALED);
	p[11] = 2;
	expect_refused(blob, forge(p, 20, 1), PC_ERR_BIO_SEALED);
	p[11] = 1;
	/* Two views announced, one present. */
	expect_refused(blob, forge(p, 24, 2), PC_ERR_BIO_SEALED);
	/* A count above the format's 255 (the view stops at its header). */
	p[10] = 1;
	p[11] = 0;
	expect_refused(blob, forge(p, 12, 1), PC_ERR_BIO_SEALED);
}

/* ---- argument errors, missing hooks, faults --------------------------- */

static void test_bad_views(void **state)
{
	size_t len = 0;

	(void)state;
	assert_int_equal(pc_bio_seal(&plat, 7, TID, views, 0, blob,
				     sizeof blob, &len), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_bio_seal(&plat, 7, TID, views,
				     PC_BIO_SEAL_MAX_SAMPLES + 1, blob,
				     sizeof blob, &len), PC_ERR_CAPACITY);
	views[1].pt[1].type = 3;
	assert_int_equal(pc_bio_seal(&plat, 7, TID, views, 2, blob,
				     sizeof blob, &len), PC_ERR_INVALID_ARG);
	views[1].pt[1].type = 2;
	views[1].pt[0].quality = 101;
	assert_int_equal(pc_bio_seal(&plat, 7, TID, views, 2, blob,
				     sizeof blob, &len), PC_ERR_INVALID_ARG);
	views[1].pt[0].quality = 1;
	views[0].quality = 101;
	assert_int_equal(pc_bio_seal(&plat, 7, TID, views, 2, blob,
				     sizeof blob, &len), PC_ERR_INVALID_ARG);
	views[0].quality = 60;
	views[0].count = PC_BIO_MAX_MINUTIAE + 1;
	assert_int_equal(pc_bio_seal(&plat, 7, TID, views, 2, blob,
				     sizeof blob, &len), PC_ERR_INVALID_ARG);
	views[0].count = 3;
	assert_int_equal(pc_bio_seal(NULL, 7, TID, views, 2, blob, sizeof blob,
				     &len), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_bio_seal(&plat, 7, TID, NULL, 2, blob, sizeof blob,
				     &len), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_bio_seal(&plat, 7, TID, views, 2, blob, sizeof blob,
				     NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_bio_unseal(&plat, blob, 10, TID, back, 2, NULL),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_bio_unseal(NULL, blob, 10, TID, back, 2, &len),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_bio_unseal(&plat, NULL, 10, TID, back, 2, &len),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_bio_unseal(&plat, blob, 10, TID, NULL, 2, &len),
			 PC_ERR_INVALID_ARG);
	/* An array size that overflows is refused before anything is wiped. */
	assert_int_equal(pc_bio_unseal(&plat, blob, 10, TID, back, SIZE_MAX,
				       &len), PC_ERR_INVALID_ARG);
}

/* Seal with a fault switched on: the error, and out zeroised. */
static void seal_fault(const pc_platform *p, pc_err want)
{
	size_t len = 99;

	memset(blob, 0x5a, sizeof blob);
	assert_int_equal(pc_bio_seal(p, 7, TID, views, 2, blob, sizeof blob,
				     &len), want);
	assert_int_equal(len, 0);
	assert_true(all_zero(blob, sizeof blob));
}

static void test_hooks_and_faults(void **state)
{
	pc_platform p = plat;
	size_t len = seal_fixed();

	(void)state;
	memcpy(blob2, blob, len);
	p.key_derive = NULL;
	seal_fault(&p, PC_ERR_UNSUPPORTED);
	assert_int_equal(pc_bio_unseal(&p, blob2, len, TID, back, 2, &len),
			 PC_ERR_UNSUPPORTED);
	len = PINNED_LEN;
	/* A version 1 table has no key_derive field, whatever follows it. */
	p = plat;
	p.version = 1;
	seal_fault(&p, PC_ERR_UNSUPPORTED);
	pc_fake_fail(&fk, PC_FAKE_FAIL_RNG, true);
	seal_fault(&plat, PC_ERR_RNG);
	pc_fake_fail(&fk, PC_FAKE_FAIL_RNG, false);
	pc_fake_fail(&fk, PC_FAKE_FAIL_KEYSTORE, true);
	seal_fault(&plat, PC_ERR_KEYSTORE);
	expect_refused(blob2, len, PC_ERR_KEYSTORE);
	pc_fake_fail(&fk, PC_FAKE_FAIL_KEYSTORE, false);
	pc_fake_fail(&fk, PC_FAKE_FAIL_DERIVE_ABSENT, true);
	seal_fault(&plat, PC_ERR_NOT_FOUND);
	pc_fake_fail(&fk, PC_FAKE_FAIL_DERIVE_ABSENT, false);
	assert_int_equal(pc_bio_unseal(&plat, blob2, len, TID, back, 2, &len),
			 PC_OK);
}

/* ---- rotation ---------------------------------------------------------- */

static void test_reseal(void **state)
{
	pc_bio_sealed_info a, b;
	size_t len = seal_fixed(), len2 = 0, n = 0;

	(void)state;
	assert_int_equal(pc_bio_reseal(&plat, blob, len, TID, 9, blob2,
				       sizeof blob2, &len2), PC_OK);
	assert_int_equal(len2, len);
	assert_int_equal(pc_bio_sealed_peek(blob, len, &a), PC_OK);
	assert_int_equal(pc_bio_sealed_peek(blob2, len2, &b), PC_OK);
	assert_int_equal(b.key_id, 9);
	assert_true(b.template_id == a.template_id && b.created == a.created);
	assert_memory_not_equal(blob2 + 34, blob + 34, 12); /* fresh IV */
	assert_int_equal(pc_bio_unseal(&plat, blob2, len2, TID, back, 2, &n),
			 PC_OK);
	same_views(back, views, 2);
	/* Under key 9 only: naming key 7 in it breaks the tag. */
	blob2[11] = 7;
	expect_refused(blob2, len2, PC_ERR_VERIFY);
	/* Errors: ID, room (nothing written), tampering, key store (out
	 * zeroised). */
	memset(blob2, 0x5a, sizeof blob2);
	assert_int_equal(pc_bio_reseal(&plat, blob, len, TID + 1, 9, blob2,
				       sizeof blob2, &len2), PC_ERR_BIO_SEAL_ID);
	assert_int_equal(len2, 0);
	assert_int_equal(blob2[0], 0x5a);
	assert_int_equal(pc_bio_reseal(&plat, blob, len, TID, 9, blob2,
				       len - 1, &len2), PC_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(len2, len);
	blob[60] ^= 0x10;
	memset(blob2, 0x5a, sizeof blob2);
	assert_int_equal(pc_bio_reseal(&plat, blob, len, TID, 9, blob2,
				       sizeof blob2, &len2), PC_ERR_VERIFY);
	assert_int_equal(len2, 0);
	assert_true(all_zero(blob2, sizeof blob2));
	blob[60] ^= 0x10;
	pc_fake_fail(&fk, PC_FAKE_FAIL_RNG, true);
	assert_int_equal(pc_bio_reseal(&plat, blob, len, TID, 9, blob2,
				       sizeof blob2, &len2), PC_ERR_RNG);
	assert_true(all_zero(blob2, sizeof blob2));
	assert_int_equal(pc_bio_reseal(NULL, blob, len, TID, 9, blob2,
				       sizeof blob2, &len2), PC_ERR_INVALID_ARG);
}

/* ---- the key_derive wrapper -------------------------------------------- */

static pc_err odd_hook(void *ctx, uint32_t id, const uint8_t *label,
		       size_t label_len, uint8_t out[32])
{
	(void)ctx;
	(void)id;
	(void)label;
	(void)label_len;
	memset(out, 0x33, 32);
	return PC_ERR_STORAGE;
}

static void test_key_derive_wrapper(void **state)
{
	static const uint8_t label[PC_KEY_LABEL_MAX + 1] = { 'x' };
	uint8_t a[32], b[32];
	pc_platform p = plat;

	(void)state;
	assert_int_equal(pc_platform_key_derive(&plat, 1, label, 1, a), PC_OK);
	assert_int_equal(pc_platform_key_derive(&plat, 1, label, 2, b), PC_OK);
	assert_memory_not_equal(a, b, 32);
	assert_int_equal(pc_platform_key_derive(&plat, 2, label, 1, b), PC_OK);
	assert_memory_not_equal(a, b, 32);
	assert_int_equal(pc_platform_key_derive(&plat2, 1, label, 1, b), PC_OK);
	assert_memory_not_equal(a, b, 32);
	assert_int_equal(pc_platform_key_derive(&plat, 1, label,
						PC_KEY_LABEL_MAX, b), PC_OK);
	memset(a, 0x11, 32);
	assert_int_equal(pc_platform_key_derive(&plat, 1, label,
						PC_KEY_LABEL_MAX + 1, a),
			 PC_ERR_INVALID_ARG);
	assert_true(all_zero(a, 32));
	assert_int_equal(pc_platform_key_derive(&plat, 1, label, 0, a),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_platform_key_derive(&plat, 1, NULL, 1, a),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_platform_key_derive(&plat, 1, label, 1, NULL),
			 PC_ERR_INVALID_ARG);
	p.version = PC_PLATFORM_VERSION + 1;
	assert_int_equal(pc_platform_key_derive(&p, 1, label, 1, a),
			 PC_ERR_INVALID_ARG);
	/* A port's stray error becomes a key-store fault, output wiped. */
	p = plat;
	p.key_derive = odd_hook;
	assert_int_equal(pc_platform_key_derive(&p, 1, label, 1, a),
			 PC_ERR_KEYSTORE);
	assert_true(all_zero(a, 32));
	pc_fake_fail(&fk, PC_FAKE_FAIL_KEYSTORE, true);
	assert_int_equal(pc_platform_key_derive(&plat, 1, label, 1, a),
			 PC_ERR_KEYSTORE);
	assert_true(all_zero(a, 32));
}

/* ---- ports/posix: the sealing key file --------------------------------- */

static void rm_dir(const char *d)
{
	DIR *dp = opendir(d);
	struct dirent *e;
	char path[PATH_MAX_];

	if (dp == NULL)
		return;
	while ((e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", d, e->d_name);
		assert_int_equal(unlink(path), 0);
	}
	closedir(dp);
	(void)rmdir(d);
}

static void test_posix_seal_key(void **state)
{
	char d1[] = "/tmp/pc-seal-XXXXXX", d2[] = "/tmp/pc-seal-XXXXXX";
	char path[PATH_MAX_];
	static pc_posix px1, px1b, px2;
	pc_platform p1, p1b, p2;
	struct stat st;
	size_t len = 0, n = 0;
	uint8_t got[2];

	(void)state;
	assert_non_null(mkdtemp(d1));
	assert_non_null(mkdtemp(d2));
	assert_int_equal(pc_posix_init(&px1, d1, &p1), PC_OK);
	assert_int_equal(pc_posix_init(&px2, d2, &p2), PC_OK);
	assert_int_equal(p1.version, 2);
	assert_int_equal(pc_bio_seal(&p1, 3, TID, views, 2, blob, sizeof blob,
				     &len), PC_OK);
	/* The key file: 32 bytes, mode 0600, no temporary left behind. */
	snprintf(path, sizeof path, "%s/seal-3.p256", d1);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_size, 32);
	/* Storage hooks cannot reach it. */
	assert_int_equal(p1.storage_read(p1.ctx, "seal-3.p256", 0, got, 2, &n),
			 PC_ERR_INVALID_ARG);
	/* A second instance on the same folder is the same device. */
	assert_int_equal(pc_posix_init(&px1b, d1, &p1b), PC_OK);
	assert_int_equal(pc_bio_unseal(&p1b, blob, len, TID, back, 2, &n),
			 PC_OK);
	same_views(back, views, 2);
	/* Another folder is another device (and gets its own key). */
	assert_int_equal(pc_bio_unseal(&p2, blob, len, TID, back, 2, &n),
			 PC_ERR_VERIFY);
	/* A replaced or damaged key: the blob no longer opens. */
	assert_int_equal(unlink(path), 0);
	assert_int_equal(pc_bio_unseal(&p1, blob, len, TID, back, 2, &n),
			 PC_ERR_VERIFY);
	assert_int_equal(truncate(path, 31), 0);
	assert_int_equal(pc_bio_unseal(&p1, blob, len, TID, back, 2, &n),
			 PC_ERR_KEYSTORE);
	pc_posix_wipe(&px1);
	pc_posix_wipe(&px1b);
	pc_posix_wipe(&px2);
	rm_dir(d1);
	rm_dir(d2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_pinned_blob, setup),
		cmocka_unit_test_setup(test_round_trip, setup),
		cmocka_unit_test_setup(test_round_trip_max, setup),
		cmocka_unit_test_setup(test_size_query, setup),
		cmocka_unit_test_setup(test_peek, setup),
		cmocka_unit_test_setup(test_created_unknown, setup),
		cmocka_unit_test_setup(test_every_bit_flip, setup),
		cmocka_unit_test_setup(test_truncated_and_extended, setup),
		cmocka_unit_test_setup(test_header_fields, setup),
		cmocka_unit_test_setup(test_wrong_template_id, setup),
		cmocka_unit_test_setup(test_other_device, setup),
		cmocka_unit_test_setup(test_small_array, setup),
		cmocka_unit_test_setup(test_authenticated_garbage, setup),
		cmocka_unit_test_setup(test_bad_views, setup),
		cmocka_unit_test_setup(test_hooks_and_faults, setup),
		cmocka_unit_test_setup(test_reseal, setup),
		cmocka_unit_test_setup(test_key_derive_wrapper, setup),
		cmocka_unit_test_setup(test_posix_seal_key, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
