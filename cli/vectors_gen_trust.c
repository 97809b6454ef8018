/*
 * cpm-qr-offline.json, the trust groups: which roots a validator trusts
 * and which certificates it has revoked (SPEC §3.4 steps 4-5, §3.6 step 2,
 * §4.1, §4.4). Each group is its own deployment with a fresh store.
 */
#include <string.h>

#include "vectors_gen.h"

#define NOW PC_GEN_NOW

#define V(flags, mode, now, code, expect, comment) \
	pc_gen_case(f, g, flags, mode, (pc_time)(now), code, expect, comment)

cJSON *pc_gen_offline_group(pc_gen *f, uint32_t root_id, const pc_gen_key *root)
{
	const pc_gen_fix *fx = pc_gen_fixture();
	cJSON *g = pc_gen_group(f, "CodeValidate"), *k;
	pc_code_params p;

	pc_code_params_default(&p);
	pc_gen_params(g, &p);
	pc_gen_add_root(g, root_id, root);
	pc_gen_add_master(g, PC_GEN_MK, fx->master);
	cJSON_AddArrayToObject(g, "aliases");
	k = cJSON_AddObjectToObject(g, "privateKeys");
	pc_vec_add_hex(k, "root1", fx->root1.priv, 32);
	pc_vec_add_hex(k, "root2", fx->root2.priv, 32);
	pc_vec_add_hex(k, "device1", fx->dev1.priv, 32);
	pc_vec_add_hex(k, "device2", fx->dev2.priv, 32);
	return g;
}

/* A wallet of token 1 (device 1, serial 1001) or token 2 (device 2). */
static int pc__wallet(pc_wallet *w, int which, uint64_t serial)
{
	const pc_gen_fix *fx = pc_gen_fixture();

	if (pc_gen_wallet(w, NULL, fx->master, PC_GEN_MK, which == 1 ? PC_GEN_TOKEN1 : PC_GEN_TOKEN2,
			  which == 1 ? PC_GEN_ALIAS1 : PC_GEN_ALIAS2) != 0)
		return -1;
	return pc_gen_device(w, which == 1 ? &fx->dev1 : &fx->dev2, serial);
}

static const char *pc__code(pc_gen *f, pc_wallet *w, pc_time t, char text[PC_GEN_TEXT])
{
	pc_gen_bin b;

	memset(&b, 0, sizeof b);
	f->bad |= pc_gen_qr(w, PC_FORM_QR_OFFLINE, t, &b);
	return pc_gen_text(&b, text);
}

static void pc__roots(pc_gen *f)
{
	const pc_gen_fix *fx = pc_gen_fixture();
	uint8_t cert[PC_CERT_LEN];
	char t[PC_GEN_TEXT];
	pc_wallet w1, w2;
	cJSON *g;

	f->bad |= pc__wallet(&w1, 1, 1001);
	g = pc_gen_offline_group(f, PC_GEN_ROOT2, &fx->root2);
	V("UnknownRoot", "terminal", NOW, pc__code(f, &w1, NOW, t), "DECLINE UNKNOWN_KEY",
	  "certificate issued by root 1; the terminal trusts root 2 only");
	V("UnknownRoot", "provider", NOW, pc__code(f, &w1, NOW, t), "DECLINE UNKNOWN_KEY",
	  "the same at a provider");
	g = pc_gen_offline_group(f, PC_GEN_ROOT1, &fx->root2);
	V("WrongRoot", "terminal", NOW, pc__code(f, &w1, NOW, t), "DECLINE CRYPTO",
	  "the key trusted under ID 1 is root 2's: the certificate does not verify");
	g = pc_gen_offline_group(f, PC_GEN_ROOT1, &fx->root1);
	pc_gen_add_root(g, PC_GEN_ROOT2, &fx->root2);
	f->bad |= pc__wallet(&w2, 2, 2001);
	f->bad |= pc_gen_cert(cert, &fx->root2, PC_GEN_ROOT2, 2001, PC_GEN_TOKEN2, PC_GEN_ALIAS2,
			      NOW - 86400, NOW + 365 * 86400, PC_CERT_F_OFFLINE, &fx->dev2);
	f->bad |= pc_wallet_set_device(&w2, 2, cert) != PC_OK;
	V("Rotation", "terminal", NOW, pc__code(f, &w1, NOW, t), "APPROVE OK",
	  "two roots trusted: a certificate of root 1");
	V("Rotation", "terminal", NOW, pc__code(f, &w2, NOW, t), "APPROVE OK",
	  "two roots trusted: a certificate of root 2");
	V("Rotation", "provider", NOW, pc__code(f, &w2, NOW, t), "APPROVE OK",
	  "the same wallet's next code at a provider");
}

/* Revocation list number 5 of root 1, listing serials 5, 1001 and 7000. */
static void pc__add_crl(pc_gen *f, cJSON *g, pc_time next_update)
{
	static const uint64_t serials[] = { 5, 1001, 7000 };
	const pc_gen_fix *fx = pc_gen_fixture();
	static pc_crl l;
	uint8_t buf[PC_CRL_LEN(3)];
	size_t n = 0;

	memset(&l, 0, sizeof l);
	l.suite = PC_SUITE_1;
	l.issuer_key_id = PC_GEN_ROOT1;
	l.number = 5;
	l.this_update = NOW - 3600;
	l.next_update = next_update;
	l.count = 3;
	memcpy(l.serial, serials, sizeof serials);
	f->bad |= pc_crl_sign(&l, fx->root1.priv) != PC_OK ||
		  pc_crl_encode(&l, buf, sizeof buf, &n) != PC_OK;
	pc_vec_add_hex(g, "crl", buf, n);
}

static void pc__revocation(pc_gen *f)
{
	const pc_gen_fix *fx = pc_gen_fixture();
	char t[PC_GEN_TEXT];
	pc_wallet w1, w3;
	cJSON *g = pc_gen_offline_group(f, PC_GEN_ROOT1, &fx->root1);

	pc__add_crl(f, g, NOW + 3600);
	f->bad |= pc__wallet(&w1, 1, 1001);
	f->bad |= pc__wallet(&w3, 2, 1002);
	V("Revoked", "terminal", NOW, pc__code(f, &w1, NOW, t), "DECLINE REVOKED",
	  "certificate serial 1001 is on the list");
	V("Revoked", "provider", NOW, pc__code(f, &w1, NOW, t), "DECLINE REVOKED",
	  "the same at a provider holding the list");
	V("", "terminal", NOW, pc__code(f, &w3, NOW, t), "APPROVE OK", "serial 1002 is not listed");
	V("Revoked Expired", "terminal", NOW + 91, pc__code(f, &w1, NOW, t), "DECLINE EXPIRED",
	  "a revoked device's expired code: time is checked before revocation");
	V("EdgeOfWindow", "terminal", NOW + 3600, pc__code(f, &w3, NOW + 3600, t), "APPROVE OK",
	  "at the list's next update exactly: not yet stale");
	V("StaleCrl", "terminal", NOW + 3601, pc__code(f, &w3, NOW + 3601, t),
	  "REFER_ONLINE CRL_STALE", "one second after the list's next update");
	V("StaleCrl Revoked", "terminal", NOW + 3601, pc__code(f, &w1, NOW + 3601, t),
	  "REFER_ONLINE CRL_STALE", "a listed serial under a stale list: staleness is checked first");
	g = pc_gen_offline_group(f, PC_GEN_ROOT1, &fx->root1);
	pc__add_crl(f, g, NOW - 1);
	V("StaleCrl", "provider", NOW, pc__code(f, &w3, NOW, t), "REFER_ONLINE CRL_STALE",
	  "a provider holding a list past its next update refers too");
}

void pc_gen_trust(pc_gen *f)
{
	pc__roots(f);
	pc__revocation(f);
}
