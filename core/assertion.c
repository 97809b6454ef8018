/*
 * User-verification assertions, wallet side and format (SPEC §6.4.2,
 * §6.4.3): the byte layout's reader and writer, the device counter kept in
 * platform storage, and generation.
 *
 * Layout (big-endian; c = challenge length, t = digest length):
 *   0   4  magic "PCUA"          24  32 SHA-256(RP identifier)
 *   4   1  version (1)           56   1 c (16..64)
 *   5   1  suite (1)             57   c challenge
 *   6   1  purpose (1..4)        57+c 1 t (0 or 32)
 *   7   1  UV method bits        58+c t transaction digest
 *   8   1  matcher location      58+c+t 173 device certificate
 *   9   1  PAD result            231+c+t 64 signature r || s (low-s)
 *  10   2  assurance
 *  12   4  counter
 *  16   8  time (Unix seconds)
 */
#include <string.h>

#include <paycode/assertion.h>
#include <paycode/crypto.h>

#include "internal.h"
#include "code_layout.h"

static const uint8_t pc__magic[4] = { 'P', 'C', 'U', 'A' };
static const uint8_t pc__ctr_magic[4] = { 'P', 'C', 'U', 'C' };
#define PC__CTR_REC_LEN 12u

const char *pc_assertion_purpose_name(uint8_t purpose)
{
	switch (purpose) {
	case PC_ASSERT_PAYMENT: return "payment";
	case PC_ASSERT_REMOTE_AUTH: return "remote-auth";
	case PC_ASSERT_LOGIN: return "login";
	case PC_ASSERT_STEP_UP: return "step-up";
	default: return "?";
	}
}

const char *pc_assertion_location_name(uint8_t location)
{
	switch (location) {
	case PC_UV_LOC_NONE: return "none";
	case PC_UV_LOC_SE: return "se";
	case PC_UV_LOC_TEE: return "tee";
	case PC_UV_LOC_APP: return "app";
	default: return "?";
	}
}

void pc_assertion_policy_default(pc_assertion_policy *p, uint8_t purpose)
{
	if (p == NULL)
		return;
	memset(p, 0, sizeof *p);
	p->purpose = purpose;
	p->uv_any = PC_UV_ALL;
	p->min_assurance = PC_ASSERT_ASSURANCE_DEFAULT;
	/* cn-payment-rules BIO-01, BIO-04 (PAD results and level): payments
	 * and remote authorisations need a bona fide presentation; login and
	 * step-up leave it to the relying party. */
	p->require_pad = (uint8_t)(purpose == PC_ASSERT_PAYMENT ||
				   purpose == PC_ASSERT_REMOTE_AUTH);
	p->max_age = 120;
	p->skew = 30;
}

/* The statement fields' ranges and their consistency (SPEC §6.4.2): a
 * biometric bit comes with a location, an assurance and a PAD result;
 * without one, all three are zero. Shared by the writer and the reader. */
static bool pc__assert_fields_ok(uint8_t purpose, uint8_t uv, uint8_t loc,
				 uint8_t pad, uint16_t assurance)
{
	bool bio = (uv & PC_UV_BIOMETRIC) != 0;

	if (purpose < PC_ASSERT_PAYMENT || purpose > PC_ASSERT_STEP_UP ||
	    (uv & (uint8_t)~PC_UV_ALL) != 0 || loc > PC_UV_LOC_APP ||
	    pad > PC_BIO_PAD_FAIL || assurance > PC_ASSERT_ASSURANCE_MAX)
		return false;
	if (bio)
		return loc != PC_UV_LOC_NONE && assurance != 0;
	return loc == PC_UV_LOC_NONE && assurance == 0 && pad == PC_BIO_PAD_NONE;
}

/* Write every field of a (the signature as held). */
static void pc__assert_write(pc_wr *w, const pc_assertion *a)
{
	pc__wr_bytes(w, pc__magic, sizeof pc__magic);
	pc__wr_u8(w, PC_ASSERT_VERSION);
	pc__wr_u8(w, PC_SUITE_1);
	pc__wr_u8(w, a->purpose);
	pc__wr_u8(w, a->uv);
	pc__wr_u8(w, a->location);
	pc__wr_u8(w, a->pad);
	pc__wr_u16be(w, a->assurance);
	pc__wr_u32be(w, a->counter);
	pc__wr_u32be(w, (uint32_t)((uint64_t)a->time >> 32));
	pc__wr_u32be(w, (uint32_t)(uint64_t)a->time);
	pc__wr_bytes(w, a->rp_hash, 32);
	pc__wr_u8(w, a->challenge_len);
	pc__wr_bytes(w, a->challenge, a->challenge_len);
	pc__wr_u8(w, a->txn_len);
	pc__wr_bytes(w, a->txn_digest, a->txn_len);
	pc__wr_bytes(w, a->cert, PC_CERT_LEN);
	pc__wr_bytes(w, a->sig, 64);
}

/* Fixed header: magic, version, suite, statement, counter, time. */
static pc_err pc__assert_read_head(pc_rd *r, pc_assertion *a)
{
	uint8_t head[6];
	uint32_t hi = 0, lo = 0;

	if (pc__rd_bytes(r, head, sizeof head) != PC_OK ||
	    memcmp(head, pc__magic, sizeof pc__magic) != 0)
		return PC_ERR_BIO_ASSERTION;
	if (head[4] != PC_ASSERT_VERSION || head[5] != PC_SUITE_1)
		return PC_ERR_ASSERT_SUITE;
	if (pc__rd_u8(r, &a->purpose) != PC_OK || pc__rd_u8(r, &a->uv) != PC_OK ||
	    pc__rd_u8(r, &a->location) != PC_OK || pc__rd_u8(r, &a->pad) != PC_OK ||
	    pc__rd_u16be(r, &a->assurance) != PC_OK ||
	    pc__rd_u32be(r, &a->counter) != PC_OK || pc__rd_u32be(r, &hi) != PC_OK ||
	    pc__rd_u32be(r, &lo) != PC_OK)
		return PC_ERR_BIO_ASSERTION;
	/* SPEC §6.4.2: times are 0 .. 2^62 - 1, like every paycode time. */
	if (hi >= 0x40000000u)
		return PC_ERR_BIO_ASSERTION;
	a->time = (pc_time)(((uint64_t)hi << 32) | lo);
	if (!pc__assert_fields_ok(a->purpose, a->uv, a->location, a->pad,
				  a->assurance))
		return PC_ERR_BIO_ASSERTION;
	return PC_OK;
}

static pc_err pc__assert_read_body(pc_rd *r, pc_assertion *a)
{
	if (pc__rd_bytes(r, a->rp_hash, 32) != PC_OK ||
	    pc__rd_u8(r, &a->challenge_len) != PC_OK ||
	    a->challenge_len < PC_ASSERT_CHALLENGE_MIN ||
	    a->challenge_len > PC_ASSERT_CHALLENGE_MAX ||
	    pc__rd_bytes(r, a->challenge, a->challenge_len) != PC_OK ||
	    pc__rd_u8(r, &a->txn_len) != PC_OK ||
	    (a->txn_len != 0 && a->txn_len != PC_ASSERT_TXN_LEN) ||
	    pc__rd_bytes(r, a->txn_digest, a->txn_len) != PC_OK ||
	    pc__rd_bytes(r, a->cert, PC_CERT_LEN) != PC_OK ||
	    pc__rd_bytes(r, a->sig, 64) != PC_OK || pc__rd_left(r) != 0)
		return PC_ERR_BIO_ASSERTION;
	return PC_OK;
}

pc_err pc_assertion_parse(pc_assertion *a, const uint8_t *in, size_t len)
{
	pc_rd r;
	pc_err err;

	if (a == NULL || (in == NULL && len != 0))
		return PC_ERR_INVALID_ARG;
	memset(a, 0, sizeof *a);
	if (len < PC_ASSERT_MIN_LEN || len > PC_ASSERT_MAX_LEN) {
		/* a short input may still say it is another version */
		err = len >= 6 && memcmp(in, pc__magic, 4) == 0 &&
		      (in[4] != PC_ASSERT_VERSION || in[5] != PC_SUITE_1) ?
		      PC_ERR_ASSERT_SUITE : PC_ERR_BIO_ASSERTION;
		return err;
	}
	pc__rd_init(&r, in, len);
	err = pc__assert_read_head(&r, a);
	if (err == PC_OK)
		err = pc__assert_read_body(&r, a);
	if (err != PC_OK)
		memset(a, 0, sizeof *a);
	return err;
}

/* ---- counter (SPEC §6.4.3) ------------------------------------------------ */

void pc_assertion_counter_name(uint32_t device_key_id,
			       char out[PC_STORAGE_NAME_MAX + 1])
{
	static const char hex[] = "0123456789abcdef";
	static const char pre[] = "paycode-uva-";
	size_t n = sizeof pre - 1;
	unsigned i;

	memcpy(out, pre, n);
	for (i = 0; i < 8; i++)
		out[n + i] = hex[(device_key_id >> (28u - 4u * i)) & 15u];
	memcpy(out + n + 8, ".ctr", 5);
}

pc_err pc_assertion_counter_get(const pc_platform *plat, uint32_t device_key_id,
				uint32_t *last)
{
	char name[PC_STORAGE_NAME_MAX + 1];
	uint8_t rec[PC__CTR_REC_LEN + 1];
	size_t got = 0;
	uint32_t c, inv;
	pc_err err;

	if (plat == NULL || last == NULL)
		return PC_ERR_INVALID_ARG;
	if (plat->storage_read == NULL)
		return PC_ERR_UNSUPPORTED;
	pc_assertion_counter_name(device_key_id, name);
	err = plat->storage_read(plat->ctx, name, 0, rec, sizeof rec, &got);
	if (err == PC_ERR_NOT_FOUND) {
		*last = 0;
		return PC_OK;
	}
	if (err != PC_OK)
		return PC_ERR_STORAGE;
	/* Storage contents are untrusted after power loss (platform.h): the
	 * record must be exactly magic, counter, its complement. */
	c = (uint32_t)pc__get_be(rec + 4, 4);
	inv = (uint32_t)pc__get_be(rec + 8, 4);
	if (got != PC__CTR_REC_LEN || memcmp(rec, pc__ctr_magic, 4) != 0 ||
	    c != (uint32_t)~inv)
		return PC_ERR_STORAGE;
	*last = c;
	return PC_OK;
}

/* Take the next counter value: persisted before anything is signed with
 * it, as the wallet does for codes (cli code gen), so a crash after this
 * point wastes a value but never reuses one. */
static pc_err pc__counter_next(const pc_platform *plat, uint32_t key_id,
			       uint32_t *next)
{
	char name[PC_STORAGE_NAME_MAX + 1];
	uint8_t rec[PC__CTR_REC_LEN];
	uint32_t last = 0;
	pc_err err;

	if (plat->storage_write_atomic == NULL)
		return PC_ERR_UNSUPPORTED;
	err = pc_assertion_counter_get(plat, key_id, &last);
	if (err != PC_OK)
		return err;
	if (last == UINT32_MAX)
		return PC_ERR_CAPACITY;
	*next = last + 1u;
	memcpy(rec, pc__ctr_magic, 4);
	pc__be(rec + 4, *next, 4);
	pc__be(rec + 8, (uint32_t)~*next, 4);
	pc_assertion_counter_name(key_id, name);
	err = plat->storage_write_atomic(plat->ctx, name, rec, sizeof rec);
	return err == PC_OK ? PC_OK : PC_ERR_STORAGE;
}

/* ---- generation ------------------------------------------------------------ */

static bool pc__rp_ok(const char *rp, size_t n)
{
	size_t i;

	if (rp == NULL || n == 0 || n > PC_ASSERT_RP_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (rp[i] < 0x21 || rp[i] > 0x7e)
			return false;
	return true;
}

/* Check the input and copy the statement into a. */
static pc_err pc__gen_fill(pc_assertion *a, const uint8_t cert[PC_CERT_LEN],
			   const pc_assertion_input *in)
{
	pc_cert c;

	if (!pc__rp_ok(in->rp_id, in->rp_id_len) || in->challenge == NULL ||
	    in->challenge_len < PC_ASSERT_CHALLENGE_MIN ||
	    in->challenge_len > PC_ASSERT_CHALLENGE_MAX ||
	    (unsigned)in->pad > PC_BIO_PAD_FAIL ||
	    !pc__assert_fields_ok(in->purpose, in->uv, in->location,
				  (uint8_t)in->pad, in->assurance))
		return PC_ERR_INVALID_ARG;
	if (pc_cert_decode(&c, cert, PC_CERT_LEN) != PC_OK)
		return PC_ERR_CERT_FORMAT;
	a->purpose = in->purpose;
	a->uv = in->uv;
	a->location = in->location;
	a->pad = (uint8_t)in->pad;
	a->assurance = in->assurance;
	a->challenge_len = (uint8_t)in->challenge_len;
	memcpy(a->challenge, in->challenge, in->challenge_len);
	a->txn_len = in->txn_digest != NULL ? (uint8_t)PC_ASSERT_TXN_LEN : 0u;
	if (in->txn_digest != NULL)
		memcpy(a->txn_digest, in->txn_digest, PC_ASSERT_TXN_LEN);
	memcpy(a->cert, cert, PC_CERT_LEN);
	return pc_sha256(in->rp_id, in->rp_id_len, a->rp_hash);
}

/* Sign the bytes written so far (all but the signature) and write them
 * again with the signature. */
static pc_err pc__gen_sign(const pc_platform *plat, uint32_t key_id,
			   pc_assertion *a, uint8_t *out, size_t n)
{
	uint8_t digest[32];
	pc_wr w;
	pc_err err;

	err = pc__sig_digest("paycode/v1/uv-assertion", out, n - 64, digest);
	if (err == PC_OK)
		err = plat->key_sign(plat->ctx, key_id, digest, a->sig, sizeof a->sig);
	/* key stores may return either s; assertions carry the low one */
	if (err == PC_OK)
		err = pc_p256_sig_normalize(a->sig);
	if (err != PC_OK)
		return err;
	pc__wr_init(&w, out, n);
	pc__assert_write(&w, a);
	return w.err;
}

pc_err pc_assertion_gen(const pc_platform *plat, uint32_t device_key_id,
			const uint8_t cert[PC_CERT_LEN],
			const pc_assertion_input *in, uint8_t *out, size_t cap,
			size_t *out_len)
{
	pc_assertion a;
	size_t n;
	pc_wr w;
	pc_err err;

	if (plat == NULL || cert == NULL || in == NULL || out == NULL ||
	    out_len == NULL || pc_platform_check(plat) != PC_OK)
		return PC_ERR_INVALID_ARG;
	memset(&a, 0, sizeof a);
	err = pc__gen_fill(&a, cert, in);
	if (err != PC_OK)
		return err;
	n = PC_ASSERT_FIXED_LEN + a.challenge_len + a.txn_len;
	*out_len = n;
	if (cap < n)
		return PC_ERR_BUFFER_TOO_SMALL;
	if (plat->key_sign == NULL)
		return PC_ERR_UNSUPPORTED;
	err = pc_platform_time(plat, &a.time);
	if (err == PC_OK)
		err = pc__counter_next(plat, device_key_id, &a.counter);
	if (err != PC_OK)
		return err;
	pc__wr_init(&w, out, cap);
	pc__assert_write(&w, &a);
	err = PC_NEVER(w.err != PC_OK || w.len != n) ? PC_ERR_INTERNAL :
	      pc__gen_sign(plat, device_key_id, &a, out, n);
	if (err != PC_OK)
		pc_wipe(out, n);
	return err;
}
