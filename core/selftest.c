/*
 * Power-on self-test: known-answer tests (include/paycode/selftest.h).
 *
 * Answers come from the documents named beside each test, copied as data,
 * or from paycode's conformance vectors (vectors/, JSON), whose expected
 * outputs were written from the SPEC, never taken from this code.
 */
#include <string.h>

#include <paycode/code.h>
#include <paycode/crypto.h>
#include <paycode/emvqr.h>
#include <paycode/selftest.h>

#include "internal.h"

/* FIPS 180-4 / NIST CSRC example: SHA-256("abc"). */
static const uint8_t kat_sha256_abc[32] = {
	0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde,
	0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c,
	0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
};

/* RFC 4231 §4.3, test case 2: key "Jefe". */
static const uint8_t kat_hmac[32] = {
	0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24, 0x26,
	0x08, 0x95, 0x75, 0xc7, 0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83,
	0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43,
};

/* RFC 5869 Appendix A.1: OKM for IKM 0x0b * 22, salt 0x00..0x0c,
 * info 0xf0..0xf9, L = 42. */
static const uint8_t kat_hkdf_okm[42] = {
	0x3c, 0xb2, 0x5f, 0x25, 0xfa, 0xac, 0xd5, 0x7a, 0x90, 0x43, 0x4f, 0x64,
	0xd0, 0x36, 0x2f, 0x2a, 0x2d, 0x2d, 0x0a, 0x90, 0xcf, 0x1a, 0x5a, 0x4c,
	0x5d, 0xb0, 0x2d, 0x56, 0xec, 0xc4, 0xc5, 0xbf, 0x34, 0x00, 0x72, 0x08,
	0xd5, 0xb8, 0x87, 0x18, 0x58, 0x65,
};

/* RFC 6979 Appendix A.2.5 (P-256): private key x, public key (Ux, Uy). */
static const uint8_t kat_p256_d[32] = {
	0xc9, 0xaf, 0xa9, 0xd8, 0x45, 0xba, 0x75, 0x16, 0x6b, 0x5c, 0x21, 0x57,
	0x67, 0xb1, 0xd6, 0x93, 0x4e, 0x50, 0xc3, 0xdb, 0x36, 0xe8, 0x9b, 0x12,
	0x7b, 0x8a, 0x62, 0x2b, 0x12, 0x0f, 0x67, 0x21,
};

static const uint8_t kat_p256_q[65] = {
	0x04, 0x60, 0xfe, 0xd4, 0xba, 0x25, 0x5a, 0x9d, 0x31, 0xc9, 0x61, 0xeb,
	0x74, 0xc6, 0x35, 0x6d, 0x68, 0xc0, 0x49, 0xb8, 0x92, 0x3b, 0x61, 0xfa,
	0x6c, 0xe6, 0x69, 0x62, 0x2e, 0x60, 0xf2, 0x9f, 0xb6, 0x79, 0x03, 0xfe,
	0x10, 0x08, 0xb8, 0xbc, 0x99, 0xa4, 0x1a, 0xe9, 0xe9, 0x56, 0x28, 0xbc,
	0x64, 0xf2, 0xf1, 0xb2, 0x0c, 0x2d, 0x7e, 0x9f, 0x51, 0x77, 0xa3, 0xc2,
	0x94, 0xd4, 0x46, 0x22, 0x99,
};

/* RFC 6979 A.2.5: with SHA-256, message "sample": r || s. */
static const uint8_t kat_p256_sig[64] = {
	0xef, 0xd4, 0x8b, 0x2a, 0xac, 0xb6, 0xa8, 0xfd, 0x11, 0x40, 0xdd, 0x9c,
	0xd4, 0x5e, 0x81, 0xd6, 0x9d, 0x2c, 0x87, 0x7b, 0x56, 0xaa, 0xf9, 0x91,
	0xc3, 0x4d, 0x0e, 0xa8, 0x4e, 0xaf, 0x37, 0x16, 0xf7, 0xcb, 0x1c, 0x94,
	0x2d, 0x65, 0x7c, 0x41, 0xd4, 0x36, 0xc7, 0xa1, 0xb6, 0xe2, 0x9f, 0x65,
	0xf3, 0xe9, 0x00, 0xdb, 0xb9, 0xaf, 0xf4, 0x06, 0x4d, 0xc4, 0xab, 0x2f,
	0x84, 0x3a, 0xcd, 0xa8,
};

/* vectors/cpm-numeric.json, first group: master key 7. */
static const uint8_t kat_master[32] = {
	0xab, 0xac, 0x82, 0x89, 0x94, 0x9b, 0x7a, 0xe9, 0x44, 0x29, 0xb3, 0xbe,
	0xf4, 0x0f, 0x06, 0x95, 0x49, 0xf3, 0x92, 0x4f, 0xd0, 0x27, 0x59, 0x50,
	0xaa, 0x8c, 0x5a, 0xff, 0x63, 0x04, 0xd9, 0x60,
};

/* vectors/cpm-qr-offline.json, first group: root key 1, and tcId 1, a
 * qr-offline code made at 1800000000. */
static const uint8_t kat_root_pub[65] = {
	0x04, 0x35, 0x92, 0xc5, 0x94, 0xc9, 0xe4, 0xa6, 0xc6, 0x51, 0x2a, 0x5d,
	0xc9, 0x0f, 0x6d, 0xd2, 0x28, 0xd4, 0x2c, 0x78, 0xf6, 0x11, 0xde, 0x46,
	0x58, 0xf7, 0xdd, 0x95, 0xef, 0xbe, 0x9c, 0x7a, 0x33, 0x97, 0x11, 0x28,
	0xe3, 0x98, 0x65, 0x71, 0xdf, 0x1d, 0x65, 0x3c, 0x63, 0x7a, 0xd6, 0x6a,
	0x04, 0x11, 0xd2, 0x57, 0x2d, 0x7b, 0x12, 0x6d, 0xa9, 0xad, 0xbd, 0xfb,
	0x69, 0x89, 0x59, 0xe4, 0x15,
};

static const char kat_offline_code[] =
	"hQVDUFYwMWGCAVJPCPBwYXljb2RlUAdwYXljb2RlnwgCAAFjggE23wEBAd8CBAAA"
	"AAffAwgBAgMEBQYHCN8ECAAAAABrSdIA3wUEAAAAAN8GAQGfNwT4uZ8MnycBgJ8m"
	"COxC1WtWObpY3xCBrQEBAAAAAQAAAAAAAAPpAQIDBAUGBwgAEtaHAAAAAGtIgIAA"
	"AAAAbSsFgEIDBM5Ug1sbTuvcv0Ws2i0NOP4oDkzQqtwgVlme15inaqgF4LGBa44/"
	"OQ8jM1i8iWsHYCg4RxEzpR4WNr/4QHygWwdIDyLbvWzSqbj9U95sUpUOyJ7/kXQh"
	"MMN4Kd0pTd/320nhKFZEzHotnyWS4vBBzoUq24GzBARNj6/SucDy7bsN3xFAZqFd"
	"q2l75aUhhWagLiUllNwKdN+OBgjFIm5doeaPS+FiSJhVgit57pCT7rrsvQAzhvsy"
	"XWav/JnsrP2pFU0+gA==";

#define KAT_OFFLINE_NOW ((pc_time)1800000000)

/* The outcome of a test whose last call returned err and whose answer
 * compared as `same` (pc_ct_eq: 0 when equal). */
static pc_err pc__kat(pc_err err, int same)
{
	if (err != PC_OK)
		return err;
	return same == 0 ? PC_OK : PC_ERR_INTERNAL;
}

static pc_err kat_sha256(void)
{
	uint8_t out[32];
	pc_err err = pc_sha256("abc", 3, out);

	return pc__kat(err, pc_ct_eq(out, kat_sha256_abc, sizeof out));
}

static pc_err kat_hmac_sha256(void)
{
	static const char msg[] = "what do ya want for nothing?";
	uint8_t out[32];
	pc_err err = pc_hmac_sha256("Jefe", 4, msg, sizeof msg - 1, out);

	return pc__kat(err, pc_ct_eq(out, kat_hmac, sizeof out));
}

static pc_err kat_hkdf(void)
{
	uint8_t ikm[22], salt[13], info[10], okm[42];
	size_t i;
	pc_err err;

	memset(ikm, 0x0b, sizeof ikm);
	for (i = 0; i < sizeof salt; i++)
		salt[i] = (uint8_t)i;
	for (i = 0; i < sizeof info; i++)
		info[i] = (uint8_t)(0xf0 + i);
	err = pc_hkdf_sha256(salt, sizeof salt, ikm, sizeof ikm, info,
			     sizeof info, okm, sizeof okm);
	return pc__kat(err, pc_ct_eq(okm, kat_hkdf_okm, sizeof okm));
}

/* GCM specification (McGrew & Viega, 2005), Appendix B, test case 16:
 * AES-256, 96-bit IV, 20 bytes of AAD, 60 bytes of plaintext. */
static const uint8_t kat_gcm_key[32] = {
	0xfe, 0xff, 0xe9, 0x92, 0x86, 0x65, 0x73, 0x1c, 0x6d, 0x6a, 0x8f,
	0x94, 0x67, 0x30, 0x83, 0x08, 0xfe, 0xff, 0xe9, 0x92, 0x86, 0x65,
	0x73, 0x1c, 0x6d, 0x6a, 0x8f, 0x94, 0x67, 0x30, 0x83, 0x08
};
static const uint8_t kat_gcm_iv[12] = {
	0xca, 0xfe, 0xba, 0xbe, 0xfa, 0xce, 0xdb, 0xad, 0xde, 0xca, 0xf8, 0x88
};
static const uint8_t kat_gcm_aad[20] = {
	0xfe, 0xed, 0xfa, 0xce, 0xde, 0xad, 0xbe, 0xef, 0xfe, 0xed,
	0xfa, 0xce, 0xde, 0xad, 0xbe, 0xef, 0xab, 0xad, 0xda, 0xd2
};
static const uint8_t kat_gcm_pt[60] = {
	0xd9, 0x31, 0x32, 0x25, 0xf8, 0x84, 0x06, 0xe5, 0xa5, 0x59, 0x09, 0xc5,
	0xaf, 0xf5, 0x26, 0x9a, 0x86, 0xa7, 0xa9, 0x53, 0x15, 0x34, 0xf7, 0xda,
	0x2e, 0x4c, 0x30, 0x3d, 0x8a, 0x31, 0x8a, 0x72, 0x1c, 0x3c, 0x0c, 0x95,
	0x95, 0x68, 0x09, 0x53, 0x2f, 0xcf, 0x0e, 0x24, 0x49, 0xa6, 0xb5, 0x25,
	0xb1, 0x6a, 0xed, 0xf5, 0xaa, 0x0d, 0xe6, 0x57, 0xba, 0x63, 0x7b, 0x39
};
static const uint8_t kat_gcm_ct[60 + 16] = {
	0x52, 0x2d, 0xc1, 0xf0, 0x99, 0x56, 0x7d, 0x07, 0xf4, 0x7f, 0x37, 0xa3,
	0x2a, 0x84, 0x42, 0x7d, 0x64, 0x3a, 0x8c, 0xdc, 0xbf, 0xe5, 0xc0, 0xc9,
	0x75, 0x98, 0xa2, 0xbd, 0x25, 0x55, 0xd1, 0xaa, 0x8c, 0xb0, 0x8e, 0x48,
	0x59, 0x0d, 0xbb, 0x3d, 0xa7, 0xb0, 0x8b, 0x10, 0x56, 0x82, 0x88, 0x38,
	0xc5, 0xf6, 0x1e, 0x63, 0x93, 0xba, 0x7a, 0x0a, 0xbc, 0xc9, 0xf6, 0x62,
	/* tag */
	0x76, 0xfc, 0x6e, 0xce, 0x0f, 0x4e, 0x17, 0x68, 0xcd, 0xdf, 0x88, 0x53,
	0xbb, 0x2d, 0x55, 0x1b
};

static pc_err kat_gcm(void)
{
	uint8_t buf[60], tag[16];
	pc_err err;

	err = pc_aes256_gcm_seal(kat_gcm_key, kat_gcm_iv, kat_gcm_aad,
				 sizeof kat_gcm_aad, kat_gcm_pt, sizeof buf, buf,
				 tag);
	err = pc__kat(err, pc_ct_eq(buf, kat_gcm_ct, sizeof buf) |
			       pc_ct_eq(tag, kat_gcm_ct + 60, sizeof tag));
	if (err == PC_OK)
		err = pc_aes256_gcm_open(kat_gcm_key, kat_gcm_iv, kat_gcm_aad,
					 sizeof kat_gcm_aad, kat_gcm_ct,
					 sizeof buf, kat_gcm_ct + 60, buf);
	err = pc__kat(err, pc_ct_eq(buf, kat_gcm_pt, sizeof buf));
	if (err != PC_OK)
		return err;
	/* A forged tag must be refused. */
	tag[15] ^= 0x01;
	return pc_aes256_gcm_open(kat_gcm_key, kat_gcm_iv, kat_gcm_aad,
				  sizeof kat_gcm_aad, kat_gcm_ct, sizeof buf,
				  tag, buf) == PC_ERR_VERIFY
		       ? PC_OK
		       : PC_ERR_INTERNAL;
}

/* RFC 4226 Appendix D: counts 0 and 9 of "12345678901234567890". */
static pc_err kat_hotp(void)
{
	static const char key[] = "12345678901234567890";
	uint32_t a = 0, b = 0;
	pc_err err;

	err = pc_hotp(PC_OTP_SHA1, (const uint8_t *)key, 20, 0, 6, &a);
	if (err == PC_OK)
		err = pc_hotp(PC_OTP_SHA1, (const uint8_t *)key, 20, 9, 6, &b);
	return pc__kat(err, a == 755224u && b == 520489u ? 0 : -1);
}

/* RFC 6238 Appendix B, SHA-256 (32-byte seed), X = 30: times 59 and
 * 1111111109, i.e. T = 1 and 37037036. */
static pc_err kat_totp(void)
{
	static const char key[] = "12345678901234567890123456789012";
	uint32_t a = 0, b = 0;
	pc_err err;

	err = pc_hotp(PC_OTP_SHA256, (const uint8_t *)key, 32, 59 / 30, 8, &a);
	if (err == PC_OK)
		err = pc_hotp(PC_OTP_SHA256, (const uint8_t *)key, 32,
			      1111111109 / 30, 8, &b);
	return pc__kat(err, a == 46119246u && b == 68084774u ? 0 : -1);
}

static pc_err kat_p256_public(void)
{
	uint8_t pub[65];
	pc_err err = pc_p256_public(kat_p256_d, pub);

	return pc__kat(err, pc_ct_eq(pub, kat_p256_q, sizeof pub));
}

static pc_err kat_p256_sign(void)
{
	uint8_t hash[32], sig[64];
	pc_err err = pc_sha256("sample", 6, hash);

	if (err == PC_OK)
		err = pc_p256_sign(kat_p256_d, hash, sig);
	return pc__kat(err, pc_ct_eq(sig, kat_p256_sig, sizeof sig));
}

static pc_err kat_p256_verify(void)
{
	uint8_t hash[32], sig[64];
	pc_err err = pc_sha256("sample", 6, hash);

	if (err == PC_OK)
		err = pc_p256_verify(kat_p256_q, hash, kat_p256_sig);
	if (err != PC_OK)
		return err;
	memcpy(sig, kat_p256_sig, sizeof sig);
	sig[40] ^= 0x01;
	return pc_p256_verify(kat_p256_q, hash, sig) == PC_ERR_VERIFY
		       ? PC_OK : PC_ERR_INTERNAL;
}

static pc_err kat_crc16(void)
{
	return pc_crc16_ccitt(0xFFFF, "123456789", 9) == 0x29B1 ? PC_OK
								 : PC_ERR_INTERNAL;
}

/* vectors/mpm.json tcId 2 (strict): decodes, with the merchant name where
 * expected; the same payload with the CRC's last digit changed does not. */
static pc_err kat_mpm(void)
{
	static const char payload[] =
		"00020101021129300012D156000000000510A93FO3230Q52044111"
		"53031565802CN5914BEST TRANSPORT6007BEIJING6304B618";
	char bad[sizeof payload];
	pc_mpm m;
	pc_cbuf name;
	pc_err err;
	size_t at;

	err = pc_mpm_decode(&m, payload, sizeof payload - 1, NULL);
	if (err != PC_OK)
		return err;
	at = pc_mpm_find(&m, PC_MPM_NONE, 59);
	if (at == PC_MPM_NONE)
		return PC_ERR_INTERNAL;
	name = pc_mpm_value(&m, at);
	if (name.len != 14 || memcmp(name.ptr, "BEST TRANSPORT", 14) != 0)
		return PC_ERR_INTERNAL;
	memcpy(bad, payload, sizeof payload);
	bad[sizeof payload - 2] = '9';
	err = pc_mpm_decode(&m, bad, sizeof bad - 1, NULL);
	return err == PC_ERR_MPM_CRC_MISMATCH ? PC_OK : PC_ERR_INTERNAL;
}

/* vectors/cpm-numeric.json tcId 1: token 0x0102030405060708 of master key
 * 7, alias 1234567, prefix 97, at 1800000000 with a 15 s step. */
static pc_err kat_token_numeric(void)
{
	uint8_t key[PC_KEY_LEN];
	char code[PC_NUMERIC_LEN + 1];
	pc_err err;

	err = pc_token_key(kat_master, 7, 0x0102030405060708ull, key);
	if (err == PC_OK)
		err = pc__numeric_digits(key, "97", 1234567, 1800000000u / 15u, code);
	pc_wipe(key, sizeof key);
	return pc__kat(err, pc_ct_eq(code, "971234567022947415", PC_NUMERIC_LEN));
}

/* ---- validate-offline: a terminal with one root, a fixed clock and a
 * one-entry replay store. */

typedef struct kat_store_state {
	uint8_t key[PC_REPLAY_KEY_LEN];
	uint8_t used;
} kat_store_state;

static pc_err kat_time(void *ctx, pc_time *now)
{
	(void)ctx;
	*now = KAT_OFFLINE_NOW;
	return PC_OK;
}

static pc_err kat_no_rng(void *ctx, uint8_t *out, size_t len)
{
	(void)ctx;
	(void)out;
	(void)len;
	return PC_ERR_RNG; /* validation needs no randomness */
}

static pc_err kat_consume(void *ctx, const uint8_t key[PC_REPLAY_KEY_LEN],
			  pc_time expires, pc_time now)
{
	kat_store_state *s = (kat_store_state *)ctx;

	(void)expires;
	(void)now;
	if (s->used && memcmp(s->key, key, PC_REPLAY_KEY_LEN) == 0)
		return PC_ERR_REPLAYED;
	if (s->used)
		return PC_ERR_CAPACITY;
	memcpy(s->key, key, PC_REPLAY_KEY_LEN);
	s->used = 1;
	return PC_OK;
}

/* Approve, then REPLAYED, then a changed character is not approved. */
static pc_err kat_offline_run(pc_validator *v)
{
	char bad[sizeof kat_offline_code];
	pc_decision d;
	pc_err err;

	err = pc_validate(v, kat_offline_code, sizeof kat_offline_code - 1, &d);
	if (err != PC_OK || d.verdict != PC_APPROVE || d.reason != PC_R_OK)
		return err != PC_OK ? err : PC_ERR_INTERNAL;
	err = pc_validate(v, kat_offline_code, sizeof kat_offline_code - 1, &d);
	if (err != PC_OK || d.verdict != PC_DECLINE || d.reason != PC_R_REPLAYED)
		return err != PC_OK ? err : PC_ERR_INTERNAL;
	memcpy(bad, kat_offline_code, sizeof bad);
	bad[200] = bad[200] == 'A' ? 'B' : 'A';
	err = pc_validate(v, bad, sizeof bad - 1, &d);
	if (err != PC_OK || d.verdict == PC_APPROVE)
		return err != PC_OK ? err : PC_ERR_INTERNAL;
	return PC_OK;
}

static pc_err kat_offline(void)
{
	kat_store_state st;
	pc_platform plat;
	pc_store store;
	pc_validator v;
	pc_err err;

	memset(&st, 0, sizeof st);
	memset(&plat, 0, sizeof plat);
	plat.version = PC_PLATFORM_VERSION;
	plat.rng = kat_no_rng;
	plat.time_now = kat_time;
	store.ctx = &st;
	store.consume = kat_consume;
	store.add_within = NULL;
	err = pc_validator_init(&v, PC_MODE_TERMINAL, &plat, &store, NULL, NULL);
	if (err == PC_OK)
		err = pc_validator_add_root(&v, 1, kat_root_pub);
	if (err == PC_OK)
		err = kat_offline_run(&v);
	pc_validator_wipe(&v);
	return err;
}

/* ---- the table ------------------------------------------------------------ */

static const struct {
	const char *name;
	pc_err (*run)(void);
} pc__kats[PC_SELFTEST_COUNT] = {
	{ "sha256", kat_sha256 },
	{ "hmac-sha256", kat_hmac_sha256 },
	{ "hkdf-sha256", kat_hkdf },
	{ "aes256-gcm", kat_gcm },
	{ "hotp-sha1", kat_hotp },
	{ "totp-sha256", kat_totp },
	{ "p256-public", kat_p256_public },
	{ "p256-sign", kat_p256_sign },
	{ "p256-verify", kat_p256_verify },
	{ "crc16", kat_crc16 },
	{ "mpm-decode", kat_mpm },
	{ "token-numeric", kat_token_numeric },
	{ "validate-offline", kat_offline },
};

pc_err pc_selftest(pc_selftest_cb cb, void *ctx)
{
	pc_err err, all = PC_OK;
	size_t i;

	for (i = 0; i < PC_ARRAY_LEN(pc__kats); i++) {
		err = pc__kats[i].run();
		if (err != PC_OK)
			all = PC_ERR_INTERNAL;
		if (cb != NULL)
			cb(ctx, pc__kats[i].name, err);
	}
	return all;
}
