/*
 * The generator's byte editing of QR payloads (offsets of SPEC §3.3.1 and
 * §4.3, written out here rather than taken from core/), the MAC and device
 * signature recomputed from the SPEC formulas (§3.3.2, §3.3.3), and the
 * group parameters shared by the code files.
 */
#include <string.h>

#include <paycode/crypto.h>

#include "vectors_gen.h"

/* Template 63's value starts after 85 05 "CPV01", 61 L, 4F 08 AID,
 * 50 07 label, 9F08 02 version and 63 L: L is one byte online (5C, 42)
 * and three offline (82 01 52, 82 01 36). */
#define PC__AT63_ON 35u
#define PC__AT63_OFF 39u
#define PC__LEN_OFF 349u

size_t pc_gen_at(const pc_gen_bin *b, unsigned field)
{
	return (b->n >= PC__LEN_OFF ? PC__AT63_OFF : PC__AT63_ON) + field;
}

size_t pc_gen_cert_at(unsigned field)
{
	return PC__AT63_OFF + PC_GEN_F_CERT + field;
}

void pc_gen_put(pc_gen_bin *b, size_t at, uint64_t v, unsigned len)
{
	if (at + len <= b->n)
		pc_gen_put_be(b->b + at, v, len);
}

void pc_gen_edit(pc_gen_bin *b, size_t at, uint64_t v, unsigned len)
{
	if (len == 0 && at < b->n)
		b->b[at] ^= (uint8_t)v;
	else
		pc_gen_put(b, at, v, len);
}

void pc_gen_insert(pc_gen_bin *b, size_t at, const void *p, size_t n)
{
	if (at > b->n || b->n + n > sizeof b->b)
		return;
	memmove(b->b + at + n, b->b + at, b->n - at);
	memcpy(b->b + at, p, n);
	b->n += n;
}

void pc_gen_delete(pc_gen_bin *b, size_t at, size_t n)
{
	if (at + n > b->n)
		return;
	memmove(b->b + at, b->b + at + n, b->n - at - n);
	b->n -= n;
}

/* SHA-256 or HMAC-SHA-256 of ctx || 0x00 || b[0..span). */
static void pc__digest(const char *ctx, const uint8_t *key, const pc_gen_bin *b, size_t span,
		       uint8_t out[32])
{
	uint8_t msg[sizeof b->b + 32];
	size_t n = strlen(ctx) + 1;
	pc_err err;

	memcpy(msg, ctx, n);
	memcpy(msg + n, b->b, span);
	err = key != NULL ? pc_hmac_sha256(key, PC_KEY_LEN, msg, n + span, out) :
			    pc_sha256(msg, n + span, out);
	if (err != PC_OK)
		memset(out, 0, 32);
}

void pc_gen_remac(pc_gen_bin *b, const uint8_t tok[PC_KEY_LEN])
{
	uint8_t mac[32];

	pc__digest("paycode/v1/qr", tok, b, pc_gen_at(b, PC_GEN_F_MAC_TAG), mac);
	memcpy(b->b + pc_gen_at(b, PC_GEN_F_MAC), mac, 8);
}

void pc_gen_resign(pc_gen_bin *b, const pc_gen_key *dev)
{
	uint8_t digest[32];

	pc__digest("paycode/v1/qr-offline", NULL, b, pc_gen_at(b, PC_GEN_F_SIG_TAG), digest);
	/* paycode signatures are low-s (SPEC §4.5) */
	if (pc_p256_sign(dev->priv, digest, b->b + pc_gen_at(b, PC_GEN_F_SIG)) != PC_OK ||
	    pc_p256_sig_normalize(b->b + pc_gen_at(b, PC_GEN_F_SIG)) != PC_OK)
		memset(b->b + pc_gen_at(b, PC_GEN_F_SIG), 0, 64);
}

void pc_gen_neg(uint8_t x[32])
{
	int i, borrow = 0, d;

	for (i = 31; i >= 0; i--) {
		d = pc_gen_order[i] - x[i] - borrow;
		borrow = d < 0;
		x[i] = (uint8_t)(d + (borrow ? 256 : 0));
	}
}

/* ---- group parameters ------------------------------------------------------ */

void pc_gen_params(cJSON *g, const pc_code_params *p)
{
	cJSON_AddNumberToObject(g, "ttl", p->ttl);
	cJSON_AddNumberToObject(g, "skew", p->skew);
	cJSON_AddNumberToObject(g, "step", p->step);
	cJSON_AddStringToObject(g, "prefix", p->prefix);
}

static cJSON *pc__array(cJSON *g, const char *name)
{
	cJSON *a = cJSON_GetObjectItemCaseSensitive(g, name);

	return a != NULL ? a : cJSON_AddArrayToObject(g, name);
}

void pc_gen_add_root(cJSON *g, uint32_t id, const pc_gen_key *k)
{
	cJSON *e = cJSON_CreateObject();

	cJSON_AddNumberToObject(e, "keyId", id);
	pc_vec_add_hex(e, "public", k->pub, sizeof k->pub);
	cJSON_AddItemToArray(pc__array(g, "roots"), e);
}

void pc_gen_add_master(cJSON *g, uint32_t id, const uint8_t key[PC_KEY_LEN])
{
	cJSON *e = cJSON_CreateObject();

	cJSON_AddNumberToObject(e, "keyId", id);
	pc_vec_add_hex(e, "key", key, PC_KEY_LEN);
	cJSON_AddItemToArray(pc__array(g, "masterKeys"), e);
}

void pc_gen_add_alias(cJSON *g, uint32_t alias, uint64_t token, uint32_t mkid)
{
	cJSON *e = cJSON_CreateObject();
	uint8_t t[8];

	pc_gen_put_be(t, token, 8);
	cJSON_AddNumberToObject(e, "alias", alias);
	pc_vec_add_hex(e, "tokenId", t, 8);
	cJSON_AddNumberToObject(e, "masterKeyId", mkid);
	cJSON_AddItemToArray(pc__array(g, "aliases"), e);
}
