/*
 * bio-sealed.json: sealed templates (docs/SPEC.md §6.3), made by paycode's
 * pc_bio_seal() on a deterministic device: sealing-key outputs and IVs are
 * SHA-256 of fixed labels, the clock is PC_GEN_NOW. Negative cases edit
 * genuine blobs; the "authenticated garbage" cases re-encrypt an edited
 * payload with the device's own blob key, to reach the checks that follow
 * a valid tag. Expected errors are written by hand from SPEC §6.3.
 */
#include <string.h>

#include <paycode/bio.h>
#include <paycode/crypto.h>

#include "vectors_gen.h"

static const char *const pc__header[] = {
	"Sealed biometric templates (docs/SPEC.md section 6.3): AES-256-GCM under",
	"HKDF-SHA-256(IKM = deviceSecret, info = \"paycode/v1/bio-seal/key\" || header[4..20)),",
	"AAD = the 46-byte header. A group is one device: keys[].deviceSecret is what its key store's",
	"key_derive(keyId, \"paycode/v1/bio-seal\") returns; any other key ID is unknown (PC_ERR_NOT_FOUND).",
	"BioSealOpen: open blob expecting templateId (16 hex digits); valid tests give the samples.",
	"BioSealSeal: seal samples under keyId with templateId, created (the clock) and iv (the rng's",
	"12 bytes); valid tests give the blob, byte for byte.",
	"Samples: width, height, xres, yres, position, quality and minutiae [x, y, angle, type, quality].",
	"Made by `paycode vectors gen` (cli/vectors_gen_bio_seal.c): deviceSecret = SHA-256(\"paycode",
	"vectors seal device D key N\"), iv = SHA-256(\"paycode vectors seal iv K\")[0..12), created",
	"1800000000. tcId 1 was also reproduced by an independent implementation of section 6.3.",
	"expectedError names paycode's pc_err; other implementations may ignore it.",
	NULL
};

static const struct { const char *name, *type, *desc; } pc__seal_notes[] = {
	{ "BadPayload", "ModifiedInput",
	  "A payload that authenticates (re-encrypted with the device's blob key) but does not parse: refused." },
	{ "BadSealHeader", "InvalidEncoding",
	  "A header field outside SPEC 6.3: magic, reserved bits, sample count or payload length." },
	{ "BadTemplate", "InvalidInput",
	  "A view to seal outside the template ranges (type 0..2, quality 0..100) or no view at all." },
	{ "Extended", "ModifiedInput", "Bytes follow the tag." },
	{ "OtherDevice", "WrongKey",
	  "Sealed by another device under the same key ID: its sealing key differs, so the tag fails." },
	{ "Rotated", "Functionality", "Re-sealed under another key ID of the same device (key rotation)." },
	{ "Tampered", "ModifiedInput",
	  "A header field, the IV, the ciphertext or the tag changed: the tag check fails." },
	{ "Truncated", "ModifiedInput", "The blob ends early." },
	{ "UnknownSealKey", "WrongKey", "A key ID the device does not hold." },
	{ "WrongSealKey", "WrongKey",
	  "The header names another key the device holds: the blob key differs, so the tag fails." },
	{ "WrongSuite", "ModifiedInput", "A suite other than 1." },
	{ "WrongTemplateId", "ModifiedInput",
	  "A genuine blob of another enrolment (substitution or rollback): refused before any key is used." },
	{ "WrongVersion", "ModifiedInput", "A format version other than 1." },
};

#define PC__NSEAL (sizeof pc__seal_notes / sizeof pc__seal_notes[0])
#define T1 0x0102030405060708ull
#define T2 0x1112131415161718ull
#define T3 0x2122232425262728ull

/* The generator's device: two sealing keys (7, 8); `other` is a second
 * device with its own secrets under the same IDs. */
typedef struct gdev {
	pc_platform plat;
	uint8_t secret[2][32];
	uint8_t iv[12];
	pc_time now;
} gdev;

static gdev pc__dev, pc__other;
static pc_bio_template pc__s1[2], pc__s2[1], pc__s3[3], pc__bad[2];
static uint8_t pc__b[5][PC_BIO_SEALED_MAX_LEN];
static size_t pc__blen[5];

static void pc__label_hash(const char *label, uint8_t out[32])
{
	if (pc_sha256(label, strlen(label), out) != PC_OK)
		memset(out, 0, 32);
}

static pc_err pc__rng(void *ctx, uint8_t *out, size_t len)
{
	const gdev *d = ctx;

	if (len != sizeof d->iv)
		return PC_ERR_RNG;
	memcpy(out, d->iv, len);
	return PC_OK;
}

static pc_err pc__time(void *ctx, pc_time *now)
{
	const gdev *d = ctx;

	if (d->now == 0)
		return PC_ERR_TIME_UNKNOWN;
	*now = d->now;
	return PC_OK;
}

static pc_err pc__derive(void *ctx, uint32_t key_id, const uint8_t *label, size_t label_len,
			 uint8_t out[32])
{
	const gdev *d = ctx;

	(void)label;
	(void)label_len;
	if (key_id != 7 && key_id != 8)
		return PC_ERR_NOT_FOUND;
	memcpy(out, d->secret[key_id - 7], 32);
	return PC_OK;
}

static void pc__dev_init(gdev *d, int device)
{
	char label[64];
	int k;

	memset(d, 0, sizeof *d);
	for (k = 0; k < 2; k++) {
		snprintf(label, sizeof label, "paycode vectors seal device %d key %d", device, 7 + k);
		pc__label_hash(label, d->secret[k]);
	}
	d->plat.version = PC_PLATFORM_VERSION;
	d->plat.ctx = d;
	d->plat.rng = pc__rng;
	d->plat.time_now = pc__time;
	d->plat.key_derive = pc__derive;
}

static void pc__set_iv(gdev *d, int k)
{
	char label[48];
	uint8_t h[32];

	snprintf(label, sizeof label, "paycode vectors seal iv %d", k);
	pc__label_hash(label, h);
	memcpy(d->iv, h, sizeof d->iv);
}

static void pc__pt(pc_bio_template *t, size_t i, int x, int y, unsigned a, unsigned ty,
		   unsigned q)
{
	t->pt[i].x = (int16_t)x;
	t->pt[i].y = (int16_t)y;
	t->pt[i].angle = (uint16_t)a;
	t->pt[i].type = (uint8_t)ty;
	t->pt[i].quality = (uint8_t)q;
}

/* S1: every field's range ends; S2: one empty view; S3: synthetic. */
static int pc__samples_init(void)
{
	pc_bio_synth sp;
	uint32_t i;

	memset(pc__s1, 0, sizeof pc__s1);
	pc__s1[0] = (pc_bio_template){ .width = 300, .height = 400, .xres = 197, .yres = 197,
				       .position = 2, .quality = 60, .count = 3 };
	pc__pt(&pc__s1[0], 0, 10, 20, 0x1234, 1, 50);
	pc__pt(&pc__s1[0], 1, -5, 399, 0xFFFF, 2, 0);
	pc__pt(&pc__s1[0], 2, 299, 0, 0, 0, 100);
	pc__s1[1].count = 2;
	pc__pt(&pc__s1[1], 0, 100, 200, 0x8000, 1, 1);
	pc__pt(&pc__s1[1], 1, 32767, -32768, 1, 2, 99);
	memset(pc__s2, 0, sizeof pc__s2);
	pc_bio_synth_default(&sp, 2026);
	sp.min_minutiae = 12;
	sp.max_minutiae = 16;
	for (i = 0; i < 3; i++)
		if (pc_bio_synth_impression(&sp, 1, i, &pc__s3[i]) != PC_OK)
			return -1;
	return 0;
}

/* The genuine blobs: 0 = S1 key 7 T1; 1 = S2 key 8 T2, clock unknown;
 * 2 = S3 key 7 T3; 3 = blob 0 re-sealed under key 8; 4 = S1 key 7 T1 on
 * the other device. */
static int pc__blobs(void)
{
	static const struct { const pc_bio_template *s; size_t n; uint32_t key; uint64_t tid; } b[3] = {
		{ pc__s1, 2, 7, T1 }, { pc__s2, 1, 8, T2 }, { pc__s3, 3, 7, T3 } };
	int k, bad = 0;

	for (k = 0; k < 3; k++) {
		pc__set_iv(&pc__dev, k + 1);
		pc__dev.now = k == 1 ? 0 : PC_GEN_NOW;
		bad |= pc_bio_seal(&pc__dev.plat, b[k].key, b[k].tid, b[k].s, b[k].n, pc__b[k],
				   sizeof pc__b[k], &pc__blen[k]) != PC_OK;
	}
	pc__set_iv(&pc__dev, 4);
	bad |= pc_bio_reseal(&pc__dev.plat, pc__b[0], pc__blen[0], T1, 8, pc__b[3],
			     sizeof pc__b[3], &pc__blen[3]) != PC_OK;
	pc__set_iv(&pc__other, 5);
	pc__other.now = PC_GEN_NOW;
	bad |= pc_bio_seal(&pc__other.plat, 7, T1, pc__s1, 2, pc__b[4], sizeof pc__b[4],
			   &pc__blen[4]) != PC_OK;
	return bad ? -1 : 0;
}

static void pc__tid(cJSON *t, uint64_t tid)
{
	uint8_t b[8];

	pc_gen_put_be(b, tid, 8);
	pc_vec_add_hex(t, "templateId", b, 8);
}

/* A test with our own flags (notes of this file, checked against them). */
static cJSON *pc__test(pc_gen *f, cJSON *g, const char *comment, const char *flag)
{
	cJSON *t = pc_gen_test(f, g, comment, "");
	size_t k;

	if (flag != NULL) {
		for (k = 0; k < PC__NSEAL && strcmp(pc__seal_notes[k].name, flag) != 0; k++)
			;
		if (k == PC__NSEAL)
			f->bad = 1;
		else
			cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(t, "flags"),
					     cJSON_CreateString(pc__seal_notes[k].name));
	}
	return t;
}

static void pc__keys(cJSON *g)
{
	cJSON *keys = cJSON_AddArrayToObject(g, "keys"), *k;
	int i;

	for (i = 0; i < 2; i++) {
		k = cJSON_CreateObject();
		cJSON_AddNumberToObject(k, "keyId", 7 + i);
		pc_vec_add_hex(k, "deviceSecret", pc__dev.secret[i], 32);
		cJSON_AddItemToArray(keys, k);
	}
}

/* ---- BioSealSeal ------------------------------------------------------------ */

static void pc__seal_case(pc_gen *f, cJSON *g, const char *comment, const char *flag,
			  const pc_bio_template *s, size_t n, uint32_t key, uint64_t tid,
			  int ivk, pc_time created, int blob, const char *err)
{
	cJSON *t = pc__test(f, g, comment, flag);

	pc__set_iv(&pc__dev, ivk);
	cJSON_AddNumberToObject(t, "keyId", key);
	pc__tid(t, tid);
	cJSON_AddNumberToObject(t, "created", (double)created);
	pc_vec_add_hex(t, "iv", pc__dev.iv, sizeof pc__dev.iv);
	cJSON_AddItemToObject(t, "samples", pc_vec_bio_samples(s, n));
	if (blob >= 0)
		pc_vec_add_hex(t, "blob", pc__b[blob], pc__blen[blob]);
	else
		cJSON_AddStringToObject(t, "expectedError", err);
	cJSON_AddStringToObject(t, "result", blob >= 0 ? "valid" : "invalid");
}

static void pc__seal_group(pc_gen *f)
{
	cJSON *g = pc_gen_group(f, "BioSealSeal");

	pc__keys(g);
	pc__seal_case(f, g, "two views at the ends of every field's range", NULL,
		      pc__s1, 2, 7, T1, 1, PC_GEN_NOW, 0, NULL);
	pc__seal_case(f, g, "one view without minutiae; clock unknown (created 0)", NULL,
		      pc__s2, 1, 8, T2, 2, 0, 1, NULL);
	pc__seal_case(f, g, "three synthetic impressions of one finger", NULL,
		      pc__s3, 3, 7, T3, 3, PC_GEN_NOW, 2, NULL);
	memcpy(pc__bad, pc__s1, sizeof pc__bad);
	pc__bad[1].pt[1].type = 3;
	pc__seal_case(f, g, "a minutia of type 3", "BadTemplate", pc__bad, 2, 7, T1, 1,
		      PC_GEN_NOW, -1, "PC_ERR_INVALID_ARG");
	pc__bad[1].pt[1].type = 2;
	pc__bad[0].pt[0].quality = 101;
	pc__seal_case(f, g, "a minutia of quality 101", "BadTemplate", pc__bad, 2, 7, T1, 1,
		      PC_GEN_NOW, -1, "PC_ERR_INVALID_ARG");
	pc__seal_case(f, g, "no view", "BadTemplate", pc__s1, 0, 7, T1, 1, PC_GEN_NOW, -1,
		      "PC_ERR_INVALID_ARG");
	pc__seal_case(f, g, "a sealing key the device does not hold", "UnknownSealKey",
		      pc__s1, 2, 9, T1, 1, PC_GEN_NOW, -1, "PC_ERR_NOT_FOUND");
}

/* ---- BioSealOpen ------------------------------------------------------------ */

static void pc__open_case(pc_gen *f, cJSON *g, const char *comment, const char *flag,
			  const uint8_t *b, size_t len, uint64_t tid,
			  const pc_bio_template *s, size_t n, const char *err)
{
	cJSON *t = pc__test(f, g, comment, flag);

	pc_vec_add_hex(t, "blob", b, len);
	pc__tid(t, tid);
	if (s != NULL)
		cJSON_AddItemToObject(t, "samples", pc_vec_bio_samples(s, n));
	else
		cJSON_AddStringToObject(t, "expectedError", err);
	cJSON_AddStringToObject(t, "result", s != NULL ? "valid" : "invalid");
}

/* Blob 0 with byte `at` XORed with x (x = 0: set to v). */
static void pc__edit_case(pc_gen *f, cJSON *g, const char *comment, const char *flag,
			  size_t at, uint8_t x, uint8_t v, const char *err)
{
	uint8_t e[PC_BIO_SEALED_MAX_LEN];

	memcpy(e, pc__b[0], pc__blen[0]);
	e[at] = x != 0 ? (uint8_t)(e[at] ^ x) : v;
	pc__open_case(f, g, comment, flag, e, pc__blen[0], T1, NULL, 0, err);
}

static void pc__open_header(pc_gen *f, cJSON *g)
{
	pc__edit_case(f, g, "magic \"PCBU\"", "BadSealHeader", 3, 0x01, 0, "PC_ERR_BIO_SEALED");
	pc__edit_case(f, g, "version 2", "WrongVersion", 4, 0, 2, "PC_ERR_BIO_SEALED");
	pc__edit_case(f, g, "version 0", "WrongVersion", 4, 0, 0, "PC_ERR_BIO_SEALED");
	pc__edit_case(f, g, "suite 2", "WrongSuite", 5, 0, 2, "PC_ERR_BIO_SEALED");
	pc__edit_case(f, g, "reserved bits set", "BadSealHeader", 7, 0x01, 0, "PC_ERR_BIO_SEALED");
	pc__edit_case(f, g, "key ID 8, a key the device holds", "WrongSealKey", 11, 0, 8,
		      "PC_ERR_VERIFY");
	pc__edit_case(f, g, "key ID 9, a key the device does not hold", "UnknownSealKey", 11, 0, 9,
		      "PC_ERR_NOT_FOUND");
	pc__edit_case(f, g, "created one second later", "Tampered", 27, 0x01, 0, "PC_ERR_VERIFY");
	pc__edit_case(f, g, "sample count 0", "BadSealHeader", 29, 0, 0, "PC_ERR_BIO_SEALED");
	pc__edit_case(f, g, "sample count 17 (the format allows 1..16)", "BadSealHeader", 29, 0,
		      17, "PC_ERR_BIO_SEALED");
	pc__edit_case(f, g, "sample count 3, still a possible length", "Tampered", 29, 0, 3,
		      "PC_ERR_VERIFY");
	pc__edit_case(f, g, "payload length one more", "BadSealHeader", 33, 0x01, 0,
		      "PC_ERR_BIO_SEALED");
	pc__edit_case(f, g, "one IV bit", "Tampered", 34, 0x80, 0, "PC_ERR_VERIFY");
	pc__edit_case(f, g, "first ciphertext bit", "Tampered", 46, 0x01, 0, "PC_ERR_VERIFY");
	pc__edit_case(f, g, "last ciphertext bit", "Tampered", pc__blen[0] - 17, 0x80, 0,
		      "PC_ERR_VERIFY");
	pc__edit_case(f, g, "first tag bit", "Tampered", pc__blen[0] - 16, 0x80, 0,
		      "PC_ERR_VERIFY");
	pc__edit_case(f, g, "last tag bit", "Tampered", pc__blen[0] - 1, 0x01, 0, "PC_ERR_VERIFY");
}

/* Blob 0's header with `payload` encrypted under its blob key. */
static void pc__forge_case(pc_gen *f, cJSON *g, const char *comment, const uint8_t *payload,
			   size_t plen, uint8_t samples)
{
	static const char info_pfx[] = "paycode/v1/bio-seal/key";
	uint8_t e[PC_BIO_SEALED_MAX_LEN], key[32], info[sizeof info_pfx - 1 + 16];

	memcpy(e, pc__b[0], PC_BIO_SEAL_HDR_LEN);
	e[29] = samples;
	pc_gen_put_be(e + 30, plen, 4);
	memcpy(info, info_pfx, sizeof info_pfx - 1);
	memcpy(info + sizeof info_pfx - 1, e + 4, 16);
	if (pc_hkdf_sha256(NULL, 0, pc__dev.secret[0], 32, info, sizeof info, key, 32) != PC_OK ||
	    pc_aes256_gcm_seal(key, e + 34, e, PC_BIO_SEAL_HDR_LEN, payload, plen,
			       e + PC_BIO_SEAL_HDR_LEN, e + PC_BIO_SEAL_HDR_LEN + plen) != PC_OK)
		f->bad = 1;
	pc__open_case(f, g, comment, "BadPayload", e, PC_BIO_SEAL_OVERHEAD + plen, T1, NULL, 0,
		      "PC_ERR_BIO_SEALED");
}

static void pc__open_payload(pc_gen *f, cJSON *g)
{
	/* One view, no size, count 1: (1, 2) angle 3, type 1, quality 50. */
	uint8_t p[24] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 2, 0, 3, 1, 50 };

	p[18] = 3;
	pc__forge_case(f, g, "a minutia of type 3", p, 20, 1);
	p[18] = 1;
	p[19] = 101;
	pc__forge_case(f, g, "a minutia of quality 101", p, 20, 1);
	p[19] = 50;
	p[9] = 101;
	pc__forge_case(f, g, "a view of quality 101", p, 20, 1);
	p[9] = 0;
	pc__forge_case(f, g, "a byte after the last view", p, 21, 1);
	p[11] = 2;
	pc__forge_case(f, g, "a view that announces two minutiae and holds one", p, 20, 1);
	p[11] = 1;
	pc__forge_case(f, g, "two views announced, one present", p, 24, 2);
}

static void pc__open_group(pc_gen *f)
{
	cJSON *g = pc_gen_group(f, "BioSealOpen");
	uint8_t e[PC_BIO_SEALED_MAX_LEN + 1];

	pc__keys(g);
	pc__open_case(f, g, "two views at the ends of every field's range", NULL, pc__b[0],
		      pc__blen[0], T1, pc__s1, 2, NULL);
	pc__open_case(f, g, "one view without minutiae, created 0", NULL, pc__b[1], pc__blen[1],
		      T2, pc__s2, 1, NULL);
	pc__open_case(f, g, "three synthetic impressions", NULL, pc__b[2], pc__blen[2], T3,
		      pc__s3, 3, NULL);
	pc__open_case(f, g, "the first blob re-sealed under key 8", "Rotated", pc__b[3],
		      pc__blen[3], T1, pc__s1, 2, NULL);
	pc__open_case(f, g, "a genuine blob of another enrolment", "WrongTemplateId", pc__b[1],
		      pc__blen[1], T1, NULL, 0, "PC_ERR_BIO_SEAL_ID");
	pc__open_case(f, g, "the right blob, another enrolment expected", "WrongTemplateId",
		      pc__b[0], pc__blen[0], T1 + 1, NULL, 0, "PC_ERR_BIO_SEAL_ID");
	memcpy(e, pc__b[0], pc__blen[0]);
	e[19] ^= 0x01;
	pc__open_case(f, g, "template ID changed in the header, and that ID expected",
		      "Tampered", e, pc__blen[0], T1 ^ 1, NULL, 0, "PC_ERR_VERIFY");
	pc__open_case(f, g, "sealed by another device under key 7", "OtherDevice", pc__b[4],
		      pc__blen[4], T1, NULL, 0, "PC_ERR_VERIFY");
	pc__open_header(f, g);
	pc__open_case(f, g, "one byte short", "Truncated", pc__b[0], pc__blen[0] - 1, T1, NULL, 0,
		      "PC_ERR_BIO_SEALED");
	pc__open_case(f, g, "the header alone", "Truncated", pc__b[0], PC_BIO_SEAL_HDR_LEN, T1,
		      NULL, 0, "PC_ERR_BIO_SEALED");
	pc__open_case(f, g, "empty", "Truncated", pc__b[0], 0, T1, NULL, 0, "PC_ERR_BIO_SEALED");
	memcpy(e, pc__b[0], pc__blen[0]);
	e[pc__blen[0]] = 0;
	pc__open_case(f, g, "a zero byte after the tag", "Extended", e, pc__blen[0] + 1, T1, NULL,
		      0, "PC_ERR_BIO_SEALED");
	pc__open_payload(f, g);
}

/* The notes of the flags this file uses, in name order. */
static cJSON *pc__notes(const cJSON *root)
{
	cJSON *notes = cJSON_CreateObject(), *e;
	char *text = cJSON_PrintUnformatted(root);
	char quoted[40];
	size_t k;

	for (k = 0; text != NULL && k < PC__NSEAL; k++) {
		snprintf(quoted, sizeof quoted, "[\"%s\"]", pc__seal_notes[k].name);
		if (strstr(text, quoted) == NULL)
			continue;
		e = cJSON_AddObjectToObject(notes, pc__seal_notes[k].name);
		cJSON_AddStringToObject(e, "bugType", pc__seal_notes[k].type);
		cJSON_AddStringToObject(e, "description", pc__seal_notes[k].desc);
	}
	cJSON_free(text);
	return notes;
}

cJSON *pc_gen_bio_sealed_file(void)
{
	cJSON *root;
	pc_gen f;

	pc__dev_init(&pc__dev, 1);
	pc__dev_init(&pc__other, 2);
	if (pc__samples_init() != 0 || pc__blobs() != 0)
		return NULL;
	pc_gen_init(&f);
	pc__seal_group(&f);
	pc__open_group(&f);
	root = pc_gen_finish(&f, "BIO-SEALED-TEMPLATE", "bio_sealed_schema.json", pc__header, NULL);
	if (root != NULL)
		cJSON_ReplaceItemInObjectCaseSensitive(root, "notes", pc__notes(root));
	return root;
}
