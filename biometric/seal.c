/*
 * Sealed templates (docs/SPEC.md §6.3): an enrolment encrypted and
 * authenticated with AES-256-GCM (NIST SP 800-38D) under a key that only
 * this device's key store can re-derive.
 *
 *   blob = header (46 bytes, the AAD) || ciphertext || tag (16 bytes)
 *   key  = HKDF-SHA-256(salt = none, IKM = key_derive(key_id,
 *          "paycode/v1/bio-seal"), info = "paycode/v1/bio-seal/key" ||
 *          header[4..20))
 *
 * header[4..20) is version, suite, reserved, key_id and template_id, so a
 * header naming another suite, key or enrolment selects another blob key:
 * those fields are bound twice, by the key and by the AAD.
 *
 * No heap, and no buffer of plaintext of our own: sealing serializes the
 * views straight into the caller's output and encrypts them in place;
 * opening decrypts into the caller's template array (see unseal_into()).
 */
#include <string.h>

#include <paycode/bio.h>
#include <paycode/crypto.h>

#include "internal.h"

static const uint8_t seal_magic[4] = { 'P', 'C', 'B', 'T' };
/* The key_derive label (platform.h): one device secret per sealing key. */
static const uint8_t seal_label[] = "paycode/v1/bio-seal";
/* HKDF info prefix (RFC 5869 §3.2: info binds the key to its context). */
static const uint8_t seal_info[] = "paycode/v1/bio-seal/key";

/* Format limits (SPEC §6.3), independent of this build's configuration. */
#define SEAL_FMT_MAX_SAMPLES 16u
#define SEAL_FMT_MAX_MINUTIAE 255u
#define SEAL_IV_OFF 34u
/* Header bytes bound into the key: version .. template_id. */
#define SEAL_BIND_OFF 4u
#define SEAL_BIND_LEN 16u

size_t pc_bio_sealed_max_len(void)
{
	return PC_BIO_SEALED_MAX_LEN;
}

/* ---- header ----------------------------------------------------------- */

static void hdr_write(uint8_t out[PC_BIO_SEAL_HDR_LEN],
		      const pc_bio_sealed_info *h, const uint8_t iv[12])
{
	pc_wr w;

	pc__wr_init(&w, out, PC_BIO_SEAL_HDR_LEN);
	pc__wr_bytes(&w, seal_magic, sizeof seal_magic);
	pc__wr_u8(&w, h->version);
	pc__wr_u8(&w, h->suite);
	pc__wr_u16be(&w, 0); /* reserved */
	pc__wr_u32be(&w, h->key_id);
	pc__wr_u32be(&w, (uint32_t)(h->template_id >> 32));
	pc__wr_u32be(&w, (uint32_t)h->template_id);
	pc__wr_u32be(&w, (uint32_t)((uint64_t)h->created >> 32));
	pc__wr_u32be(&w, (uint32_t)(uint64_t)h->created);
	pc__wr_u16be(&w, h->samples);
	pc__wr_u32be(&w, h->payload_len);
	pc__wr_bytes(&w, iv, PC_GCM_IV_LEN);
	PC_ASSERT(w.err == PC_OK && w.len == PC_BIO_SEAL_HDR_LEN);
}

/* Two's complement without implementation-defined conversions. */
static pc_time time_from_u64(uint64_t v)
{
	if (v <= (uint64_t)INT64_MAX)
		return (pc_time)v;
	return -(pc_time)(~v) - 1;
}

/* Every field, in order; false when the input ends inside the header. */
static bool hdr_fields(pc_rd *r, pc_bio_sealed_info *h, uint16_t *reserved)
{
	uint8_t magic[4];
	uint32_t t[4];

	if (pc__rd_bytes(r, magic, sizeof magic) != PC_OK ||
	    pc__rd_u8(r, &h->version) != PC_OK ||
	    pc__rd_u8(r, &h->suite) != PC_OK ||
	    pc__rd_u16be(r, reserved) != PC_OK ||
	    pc__rd_u32be(r, &h->key_id) != PC_OK ||
	    pc__rd_u32be(r, &t[0]) != PC_OK || pc__rd_u32be(r, &t[1]) != PC_OK ||
	    pc__rd_u32be(r, &t[2]) != PC_OK || pc__rd_u32be(r, &t[3]) != PC_OK ||
	    pc__rd_u16be(r, &h->samples) != PC_OK ||
	    pc__rd_u32be(r, &h->payload_len) != PC_OK ||
	    pc__rd_skip(r, PC_GCM_IV_LEN) != PC_OK)
		return false;
	h->template_id = (uint64_t)t[0] << 32 | t[1];
	h->created = time_from_u64((uint64_t)t[2] << 32 | t[3]);
	return memcmp(magic, seal_magic, sizeof magic) == 0;
}

/*
 * SPEC §6.3 structure rules: known version and suite, reserved zero, 1..16
 * views, a payload length that 1..16 views of 0..255 minutiae can have, and
 * a blob that ends exactly after the tag (no truncation, no extension).
 */
static pc_err hdr_read(const uint8_t *in, size_t len, pc_bio_sealed_info *h)
{
	uint16_t reserved = 0;
	pc_rd r;

	memset(h, 0, sizeof *h);
	pc__rd_init(&r, in, len);
	if (!hdr_fields(&r, h, &reserved) ||
	    h->version != PC_BIO_SEAL_VERSION ||
	    h->suite != PC_BIO_SEAL_SUITE_AES256GCM || reserved != 0 ||
	    h->samples == 0 || h->samples > SEAL_FMT_MAX_SAMPLES ||
	    h->payload_len < PC_BIO_SEAL_SAMPLE_LEN(0) * h->samples ||
	    h->payload_len > PC_BIO_SEAL_SAMPLE_LEN(SEAL_FMT_MAX_MINUTIAE) *
				     h->samples ||
	    pc__rd_left(&r) != (size_t)h->payload_len + PC_GCM_TAG_LEN) {
		memset(h, 0, sizeof *h);
		return PC_ERR_BIO_SEALED;
	}
	return PC_OK;
}

pc_err pc_bio_sealed_peek(const uint8_t *in, size_t len,
			  pc_bio_sealed_info *info)
{
	if (info == NULL)
		return PC_ERR_INVALID_ARG;
	if (in == NULL) {
		memset(info, 0, sizeof *info);
		return PC_ERR_INVALID_ARG;
	}
	return hdr_read(in, len, info);
}

/* ---- key -------------------------------------------------------------- */

/* The blob key for header hdr (module comment). */
static pc_err seal_key(const pc_platform *plat, const uint8_t *hdr,
		       uint32_t key_id, uint8_t key[32])
{
	uint8_t ikm[PC_KEY_DERIVED_LEN];
	uint8_t info[sizeof seal_info - 1 + SEAL_BIND_LEN];
	pc_err err;

	err = pc_platform_key_derive(plat, key_id, seal_label,
				     sizeof seal_label - 1, ikm);
	if (err != PC_OK)
		goto out_wipe;
	memcpy(info, seal_info, sizeof seal_info - 1);
	memcpy(info + sizeof seal_info - 1, hdr + SEAL_BIND_OFF, SEAL_BIND_LEN);
	err = pc_hkdf_sha256(NULL, 0, ikm, sizeof ikm, info, sizeof info, key,
			     PC_AES256_KEY_LEN);
out_wipe:
	pc_wipe(ikm, sizeof ikm);
	if (err != PC_OK)
		pc_wipe(key, PC_AES256_KEY_LEN);
	return err;
}

/* ---- payload: fixed-size big-endian fields per view and minutia ------- */

/*
 * Minutia values are secrets (a template can be turned back into a
 * fingerprint), so their range checks accumulate a flag without branching
 * (1 when a > b, for a, b < 2^31) and only the verdict is branched on.
 */
static uint32_t gt(uint32_t a, uint32_t b)
{
	return (b - a) >> 31;
}

static bool view_ok(const pc_bio_template *t)
{
	uint32_t bad = gt(t->quality, 100);
	size_t j;

	if (t->count > PC_BIO_MAX_MINUTIAE)
		return false;
	for (j = 0; j < t->count; j++)
		bad |= gt(t->pt[j].type, PC_BIO_TYPE_BIFURCATION) |
		       gt(t->pt[j].quality, 100);
	/* Reviewed leak: only "the enrolment is well-formed". */
	PC_DECLASSIFY(&bad, sizeof bad);
	return bad == 0;
}

static void view_write(pc_wr *w, const pc_bio_template *t)
{
	size_t j;

	pc__wr_u16be(w, t->width);
	pc__wr_u16be(w, t->height);
	pc__wr_u16be(w, t->xres);
	pc__wr_u16be(w, t->yres);
	pc__wr_u8(w, t->position);
	pc__wr_u8(w, t->quality);
	pc__wr_u16be(w, t->count);
	for (j = 0; j < t->count; j++) {
		pc__wr_u16be(w, (uint16_t)t->pt[j].x);
		pc__wr_u16be(w, (uint16_t)t->pt[j].y);
		pc__wr_u16be(w, t->pt[j].angle);
		pc__wr_u8(w, t->pt[j].type);
		pc__wr_u8(w, t->pt[j].quality);
	}
}

/* int16 from its two's complement bits, without a secret-dependent
 * branch. */
static int16_t s16(uint16_t v)
{
	return (int16_t)((int32_t)v - (int32_t)(((uint32_t)v & 0x8000u) << 1));
}

/* One minutia; range failures go to *bad (see gt()). */
static pc_err point_read(pc_rd *r, pc_bio_point *p, uint32_t *bad)
{
	uint16_t x = 0, y = 0;

	if (pc__rd_u16be(r, &x) != PC_OK || pc__rd_u16be(r, &y) != PC_OK ||
	    pc__rd_u16be(r, &p->angle) != PC_OK ||
	    pc__rd_u8(r, &p->type) != PC_OK ||
	    pc__rd_u8(r, &p->quality) != PC_OK)
		return PC_ERR_BIO_SEALED;
	p->x = s16(x);
	p->y = s16(y);
	*bad |= gt(p->type, PC_BIO_TYPE_BIFURCATION) | gt(p->quality, 100);
	return PC_OK;
}

/* One view into t (wiped first, so unused points are zero). The count is
 * public (the payload length reveals the sizes anyway); values are not. */
static pc_err view_read(pc_rd *r, pc_bio_template *t)
{
	uint32_t bad = 0;
	pc_err err = PC_OK;
	size_t j;

	pc_wipe(t, sizeof *t);
	if (pc__rd_u16be(r, &t->width) != PC_OK ||
	    pc__rd_u16be(r, &t->height) != PC_OK ||
	    pc__rd_u16be(r, &t->xres) != PC_OK ||
	    pc__rd_u16be(r, &t->yres) != PC_OK ||
	    pc__rd_u8(r, &t->position) != PC_OK ||
	    pc__rd_u8(r, &t->quality) != PC_OK ||
	    pc__rd_u16be(r, &t->count) != PC_OK)
		return PC_ERR_BIO_SEALED;
	PC_DECLASSIFY(&t->count, sizeof t->count);
	if (t->count > SEAL_FMT_MAX_MINUTIAE)
		return PC_ERR_BIO_SEALED;
	if (t->count > PC_BIO_MAX_MINUTIAE)
		return PC_ERR_CAPACITY;
	bad = gt(t->quality, 100);
	for (j = 0; j < t->count && err == PC_OK; j++)
		err = point_read(r, &t->pt[j], &bad);
	/* Reviewed leak: only "the payload is well-formed". */
	PC_DECLASSIFY(&bad, sizeof bad);
	if (err == PC_OK && bad != 0)
		err = PC_ERR_BIO_SEALED;
	return err;
}

/*
 * Parse n views from p[0..len) (authenticated plaintext). Each view goes
 * through tmp, then to samples[i] when samples is not NULL. p may lie
 * inside samples[0..n) at its end (unseal_into()): a view is copied out
 * only after it has been read, and each later view needs at most
 * sizeof(pc_bio_template) bytes, so a copy never reaches bytes not read yet.
 */
static pc_err payload_parse(const uint8_t *p, size_t len, size_t n,
			    pc_bio_template *samples, pc_bio_template *tmp)
{
	pc_err err = PC_OK;
	pc_rd r;
	size_t i;

	pc__rd_init(&r, p, len);
	for (i = 0; i < n && err == PC_OK; i++) {
		err = view_read(&r, tmp);
		if (err == PC_OK && samples != NULL)
			memcpy(&samples[i], tmp, sizeof *tmp);
	}
	if (err == PC_OK && pc__rd_left(&r) != 0)
		err = PC_ERR_BIO_SEALED;
	pc_wipe(tmp, sizeof *tmp);
	return err;
}

/* ---- seal ------------------------------------------------------------- */

/* Check the views and compute the payload length. */
static pc_err views_check(const pc_bio_template *samples, size_t n,
			  size_t *payload)
{
	size_t i;

	if (n == 0)
		return PC_ERR_INVALID_ARG;
	if (n > PC_BIO_SEAL_MAX_SAMPLES)
		return PC_ERR_CAPACITY;
	*payload = 0;
	for (i = 0; i < n; i++) {
		if (!view_ok(&samples[i]))
			return PC_ERR_INVALID_ARG;
		*payload += PC_BIO_SEAL_SAMPLE_LEN(samples[i].count);
	}
	return PC_OK;
}

/* Header (with a fresh IV), payload and tag into out[0..46 + L + 16). */
static pc_err seal_into(const pc_platform *plat, pc_bio_sealed_info *h,
			const pc_bio_template *samples, uint8_t *out)
{
	uint8_t iv[PC_GCM_IV_LEN], key[PC_AES256_KEY_LEN];
	uint8_t *body = out + PC_BIO_SEAL_HDR_LEN;
	pc_wr w;
	size_t i;
	pc_err err;

	/* SP 800-38D §8.2.2: a random 96-bit IV per invocation. */
	err = pc_platform_random(plat, iv, sizeof iv);
	if (err != PC_OK)
		return err;
	hdr_write(out, h, iv);
	err = seal_key(plat, out, h->key_id, key);
	if (err != PC_OK)
		goto out_wipe;
	if (samples != NULL) {
		pc__wr_init(&w, body, h->payload_len);
		for (i = 0; i < h->samples; i++)
			view_write(&w, &samples[i]);
		if (PC_NEVER(w.err != PC_OK || w.len != h->payload_len)) {
			err = PC_ERR_INTERNAL;
			goto out_wipe;
		}
	}
	err = pc_aes256_gcm_seal(key, iv, out, PC_BIO_SEAL_HDR_LEN, body,
				 h->payload_len, body, body + h->payload_len);
out_wipe:
	pc_wipe(key, sizeof key);
	return err;
}

pc_err pc_bio_seal(const pc_platform *plat, uint32_t key_id,
		   uint64_t template_id, const pc_bio_template *samples,
		   size_t n, uint8_t *out, size_t cap, size_t *out_len)
{
	pc_bio_sealed_info h;
	size_t payload = 0;
	pc_err err;

	if (plat == NULL || samples == NULL || out_len == NULL)
		return PC_ERR_INVALID_ARG;
	err = views_check(samples, n, &payload);
	if (err != PC_OK)
		return err;
	*out_len = PC_BIO_SEAL_OVERHEAD + payload;
	if (out == NULL || cap < *out_len)
		return PC_ERR_BUFFER_TOO_SMALL;
	memset(&h, 0, sizeof h);
	h.version = PC_BIO_SEAL_VERSION;
	h.suite = PC_BIO_SEAL_SUITE_AES256GCM;
	h.samples = (uint16_t)n;
	h.key_id = key_id;
	h.template_id = template_id;
	h.payload_len = (uint32_t)payload;
	/* Informational and authenticated; an unknown clock is recorded as 0
	 * rather than refusing to enrol. */
	if (pc_platform_time(plat, &h.created) != PC_OK)
		h.created = 0;
	err = seal_into(plat, &h, samples, out);
	if (err != PC_OK) {
		pc_wipe(out, cap);
		*out_len = 0;
	}
	return err;
}

/* ---- open ------------------------------------------------------------- */

/* Structure and template ID of a blob; *h is its header. */
static pc_err open_check(const uint8_t *in, size_t len, uint64_t expect,
			 pc_bio_sealed_info *h)
{
	pc_err err = hdr_read(in, len, h);

	if (err != PC_OK)
		return err;
	/* The ID is public (it is in the clear header); refusing early
	 * reveals nothing, and saves a key derivation. */
	if (h->template_id != expect)
		return PC_ERR_BIO_SEAL_ID;
	return PC_OK;
}

/* Verify and decrypt in's payload into out[0..payload_len). */
static pc_err open_into(const pc_platform *plat, const uint8_t *in,
			const pc_bio_sealed_info *h, uint8_t *out)
{
	uint8_t key[PC_AES256_KEY_LEN];
	const uint8_t *body = in + PC_BIO_SEAL_HDR_LEN;
	pc_err err = seal_key(plat, in, h->key_id, key);

	if (err == PC_OK)
		err = pc_aes256_gcm_open(key, in + SEAL_IV_OFF, in,
					 PC_BIO_SEAL_HDR_LEN, body,
					 h->payload_len, body + h->payload_len,
					 out);
	pc_wipe(key, sizeof key);
	return err;
}

/*
 * The template array doubles as the decryption buffer: the plaintext is
 * written at the end of samples[0..n) and parsed from there (see
 * payload_parse()), so no second copy of it exists anywhere.
 */
static pc_err unseal_into(const pc_platform *plat, const uint8_t *in,
			  const pc_bio_sealed_info *h,
			  pc_bio_template *samples)
{
	pc_bio_template tmp;
	size_t room = (size_t)h->samples * sizeof *samples;
	uint8_t *buf;
	pc_err err;

	/* Only a view of more than PC_BIO_MAX_MINUTIAE minutiae is larger
	 * than a pc_bio_template. */
	if (h->payload_len > room)
		return PC_ERR_CAPACITY;
	buf = (uint8_t *)samples + (room - h->payload_len);
	err = open_into(plat, in, h, buf);
	if (err == PC_OK)
		err = payload_parse(buf, h->payload_len, h->samples, samples,
				    &tmp);
	pc_wipe(&tmp, sizeof tmp);
	return err;
}

pc_err pc_bio_unseal(const pc_platform *plat, const uint8_t *in, size_t len,
		     uint64_t expect_template_id, pc_bio_template *samples,
		     size_t cap_samples, size_t *n)
{
	pc_bio_sealed_info h;
	pc_err err;

	if (n == NULL)
		return PC_ERR_INVALID_ARG;
	*n = 0;
	if (samples != NULL && cap_samples > SIZE_MAX / sizeof *samples)
		return PC_ERR_INVALID_ARG;
	if (plat == NULL || in == NULL || samples == NULL) {
		err = PC_ERR_INVALID_ARG;
		goto out_wipe;
	}
	err = open_check(in, len, expect_template_id, &h);
	if (err == PC_OK && h.samples > cap_samples) {
		*n = h.samples;
		err = PC_ERR_BUFFER_TOO_SMALL;
	}
	if (err == PC_OK)
		err = unseal_into(plat, in, &h, samples);
	if (err == PC_OK)
		*n = h.samples;
out_wipe:
	if (err != PC_OK && samples != NULL)
		pc_wipe(samples, cap_samples * sizeof *samples);
	return err;
}

/* ---- rotate ----------------------------------------------------------- */

pc_err pc_bio_reseal(const pc_platform *plat, const uint8_t *in, size_t len,
		     uint64_t expect_template_id, uint32_t new_key_id,
		     uint8_t *out, size_t cap, size_t *out_len)
{
	pc_bio_template tmp;
	pc_bio_sealed_info h;
	uint8_t *body;
	pc_err err;

	if (plat == NULL || in == NULL || out == NULL || out_len == NULL)
		return PC_ERR_INVALID_ARG;
	*out_len = 0;
	body = out + PC_BIO_SEAL_HDR_LEN;
	err = open_check(in, len, expect_template_id, &h);
	if (err != PC_OK)
		return err;
	*out_len = len;
	if (cap < len)
		return PC_ERR_BUFFER_TOO_SMALL;
	/* The old payload decrypts straight into its place in the new blob,
	 * is checked like an unsealed one, and is encrypted there again. */
	err = open_into(plat, in, &h, body);
	if (err == PC_OK)
		err = payload_parse(body, h.payload_len, h.samples, NULL, &tmp);
	h.key_id = new_key_id;
	if (err == PC_OK)
		err = seal_into(plat, &h, NULL, out);
	pc_wipe(&tmp, sizeof tmp);
	if (err != PC_OK) {
		pc_wipe(out, cap);
		*out_len = 0;
	}
	return err;
}
