/*
 * The generator's fixture: fixed keys derived from labels, a deterministic
 * platform (settable clock, SHA-256 counter-mode rng, a key store holding
 * the two fixed device keys), wallets and certificates, and byte-level
 * editing of QR payloads by the offsets of SPEC §3.3.1 and §4.3.
 *
 * The MAC and device signature are recomputed here from the SPEC's
 * formulas (not through the library's internals), so an edited field can be
 * made to carry valid cryptography and reach a later check.
 */
#include <string.h>

#include <paycode/crypto.h>
#include <paycode/tlv.h>

#include "vectors_gen.h"

const uint8_t pc_gen_order[32] = {
	0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF,
	0xFF, 0xFF, 0xFF, 0xFF, 0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84,
	0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51
};

static pc_gen_fix pc__fix;
static int pc__fix_state; /* 0 not yet, 1 ready, -1 failed */

/* rng: SHA-256("paycode vectors rng" || 0x00 || block number, 8 bytes BE). */
static pc_err pc__rng(void *ctx, uint8_t *out, size_t len)
{
	static const char label[] = "paycode vectors rng";
	pc_gen_fix *f = ctx;
	uint8_t msg[sizeof label + 8], block[32];
	size_t n;

	memcpy(msg, label, sizeof label);
	while (len > 0) {
		pc_gen_put_be(msg + sizeof label, f->rng_blocks++, 8);
		if (pc_sha256(msg, sizeof msg, block) != PC_OK)
			return PC_ERR_RNG;
		n = len < sizeof block ? len : sizeof block;
		memcpy(out, block, n);
		out += n;
		len -= n;
	}
	return PC_OK;
}

static pc_err pc__time(void *ctx, pc_time *now)
{
	*now = ((pc_gen_fix *)ctx)->now;
	return PC_OK;
}

/* Key store: key ID 1 is device key 1, key ID 2 device key 2. */
static pc_err pc__sign(void *ctx, uint32_t key_id, const uint8_t hash[32], uint8_t *sig,
		       size_t cap)
{
	pc_gen_fix *f = ctx;

	if (cap < 64 || (key_id != 1 && key_id != 2))
		return PC_ERR_KEYSTORE;
	return pc_p256_sign(key_id == 1 ? f->dev1.priv : f->dev2.priv, hash, sig);
}

/* SHA-256(label), rehashed with a counter byte in the (2^-32) case that it
 * is not a valid P-256 scalar. */
static int pc__scalar(const char *label, pc_gen_key *k)
{
	uint8_t buf[80];
	size_t n = strlen(label);
	uint8_t i;

	memcpy(buf, label, n);
	for (i = 0; i < 8; i++) {
		buf[n] = i;
		if (pc_sha256(buf, i ? n + 1 : n, k->priv) == PC_OK &&
		    pc_p256_public(k->priv, k->pub) == PC_OK)
			return 0;
	}
	return -1;
}

static int pc__fix_init(pc_gen_fix *f)
{
	static const char m1[] = "paycode vectors master 7", m2[] = "paycode vectors master 9",
			  m3[] = "paycode vectors master 7, another key";

	f->plat.version = PC_PLATFORM_VERSION;
	f->plat.ctx = f;
	f->plat.rng = pc__rng;
	f->plat.time_now = pc__time;
	f->plat.key_sign = pc__sign;
	f->now = PC_GEN_NOW;
	if (pc__scalar("paycode vectors root 1", &f->root1) != 0 ||
	    pc__scalar("paycode vectors root 2", &f->root2) != 0 ||
	    pc__scalar("paycode vectors device 1", &f->dev1) != 0 ||
	    pc__scalar("paycode vectors device 2", &f->dev2) != 0)
		return -1;
	if (pc_sha256(m1, sizeof m1 - 1, f->master) != PC_OK ||
	    pc_sha256(m2, sizeof m2 - 1, f->master_other) != PC_OK ||
	    pc_sha256(m3, sizeof m3 - 1, f->master_wrong) != PC_OK)
		return -1;
	return 0;
}

pc_gen_fix *pc_gen_fixture(void)
{
	if (pc__fix_state == 0)
		pc__fix_state = pc__fix_init(&pc__fix) == 0 ? 1 : -1;
	return pc__fix_state == 1 ? &pc__fix : NULL;
}

void pc_gen_put_be(uint8_t *p, uint64_t v, unsigned len)
{
	unsigned i;

	for (i = 0; i < len; i++)
		p[i] = (uint8_t)(v >> (8 * (len - 1 - i)));
}

void pc_gen_token_key(const uint8_t master[PC_KEY_LEN], uint32_t mkid, uint64_t token,
		      uint8_t out[PC_KEY_LEN])
{
	if (pc_token_key(master, mkid, token, out) != PC_OK)
		memset(out, 0, PC_KEY_LEN);
}

int pc_gen_wallet(pc_wallet *w, const pc_code_params *p, const uint8_t master[PC_KEY_LEN],
		  uint32_t mkid, uint64_t token, uint32_t alias)
{
	uint8_t tok[PC_KEY_LEN];

	pc_gen_token_key(master, mkid, token, tok);
	return pc_wallet_init(w, &pc__fix.plat, p, tok, mkid, token, alias, 0) == PC_OK ? 0 : -1;
}

int pc_gen_cert(uint8_t out[PC_CERT_LEN], const pc_gen_key *root, uint32_t root_id,
		uint64_t serial, uint64_t token, uint32_t alias, pc_time nb, pc_time na,
		uint8_t flags, const pc_gen_key *device)
{
	pc_cert c;

	memset(&c, 0, sizeof c);
	c.suite = PC_SUITE_1;
	c.issuer_key_id = root_id;
	c.serial = serial;
	c.token_id = token;
	c.alias = alias;
	c.not_before = nb;
	c.not_after = na;
	c.max_risk = PC_RISK_B;
	c.flags = flags;
	memcpy(c.pub, device->pub, sizeof c.pub);
	if (pc_cert_sign(&c, root->priv) != PC_OK || pc_cert_encode(&c, out) != PC_OK)
		return -1;
	return 0;
}

int pc_gen_device(pc_wallet *w, const pc_gen_key *dev, uint64_t serial)
{
	uint8_t cert[PC_CERT_LEN];

	if (pc_gen_cert(cert, &pc__fix.root1, PC_GEN_ROOT1, serial, w->token_id, w->alias,
			PC_GEN_NOW - 86400, PC_GEN_NOW + 365 * 86400,
			PC_CERT_F_OFFLINE | PC_CERT_F_BIOMETRIC, dev) != 0)
		return -1;
	return pc_wallet_set_device(w, dev == &pc__fix.dev2 ? 2 : 1, cert) == PC_OK ? 0 : -1;
}

int pc_gen_numeric(pc_wallet *w, pc_time t, char out[PC_NUMERIC_LEN + 1])
{
	pc__fix.now = t;
	return pc_wallet_numeric(w, out) == PC_OK ? 0 : -1;
}

int pc_gen_qr(pc_wallet *w, pc_form form, pc_time t, pc_gen_bin *out)
{
	char text[PC_QR_CODE_MAX_LEN];
	size_t n;

	pc__fix.now = t;
	if (pc_wallet_qr(w, form, PC_CODE_F_UV_BIOMETRIC, text, sizeof text, &n) != PC_OK ||
	    pc_base64_decode(text, n, out->b, sizeof out->b, &out->n) != PC_OK)
		return -1;
	return 0;
}

const char *pc_gen_text(const pc_gen_bin *b, char out[PC_GEN_TEXT])
{
	size_t n = 0;

	if (pc_base64_encode(b->b, b->n, out, PC_GEN_TEXT - 1, &n) != PC_OK)
		n = 0;
	out[n] = '\0';
	return out;
}
