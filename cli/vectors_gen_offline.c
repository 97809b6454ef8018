/*
 * cpm-qr-offline.json, first group: the qr-offline form (SPEC §3.3, §3.4)
 * at a terminal holding root 1 and at a provider, with every field of the
 * code, of the device signature and of the certificate changed. The trust
 * groups (unknown and wrong roots, rotation, revocation) are in
 * vectors_gen_trust.c.
 */
#include <string.h>

#include "vectors_gen.h"

#define NOW PC_GEN_NOW

static const char *const pc__header[] = {
	"Consumer-presented qr-offline codes (docs/SPEC.md sections 3.3, 3.4, 4.3, 4.4): the qr-online",
	"container plus the device certificate (173 bytes) and the device's ECDSA P-256 signature;",
	"349 bytes, 468 characters. A terminal checks root -> certificate -> code without the MAC;",
	"a provider also checks the MAC. privateKeys names root1/root2 (key IDs 1 and 2 where genuine)",
	"and device1/device2 (the keys certified with serials 1001 and 1002 or 2001).",
	NULL
};

#define V(flags, mode, now, code, expect, comment) \
	pc_gen_case(f, g, flags, mode, (pc_time)(now), code, expect, comment)

typedef struct pc__off {
	pc_gen *f;
	cJSON *g;
	pc_wallet w;
	char text[PC_GEN_TEXT];
} pc__off;

static pc_gen_bin pc__code(pc__off *o)
{
	pc_gen_bin b;

	memset(&b, 0, sizeof b);
	o->f->bad |= pc_gen_qr(&o->w, PC_FORM_QR_OFFLINE, NOW, &b);
	return b;
}

static const char *pc__t(pc__off *o, const pc_gen_bin *b)
{
	return pc_gen_text(b, o->text);
}

static void pc__basic(pc__off *o)
{
	pc_gen *f = o->f;
	cJSON *g = o->g;
	pc_gen_bin b = pc__code(o);

	V("", "terminal", NOW, pc__t(o, &b), "APPROVE OK", "a fresh code at a terminal");
	V("Replay", "terminal", NOW, pc__t(o, &b), "DECLINE REPLAYED", "the same code again");
	V("Replay", "provider", NOW, pc__t(o, &b), "DECLINE REPLAYED",
	  "the same code at the provider, which shares the group's store");
	b = pc__code(o);
	V("", "provider", NOW, pc__t(o, &b), "APPROVE OK",
	  "a fresh code at a provider: chain, signature and MAC");
}

/* Fields of the code, changed without re-signing: the device signature
 * covers every byte before it. */
static void pc__fields(pc__off *o)
{
	static const struct { unsigned at; uint64_t v; unsigned len; const char *what; } e[] = {
		{ PC_GEN_F_KEYID, PC_GEN_MK_UNKNOWN, 4, "master key ID 7 -> 8" },
		{ PC_GEN_F_TOKEN + 7, 0x09, 1, "token ID last byte" },
		{ PC_GEN_F_TIME, (uint64_t)(NOW - 1), 8, "time one second earlier" },
		{ PC_GEN_F_COUNTER, 0x80000000u, 4, "counter" },
		{ PC_GEN_F_FLAGS, 0x03, 1, "flags: PIN verification added" },
		{ PC_GEN_F_UN, 0, 4, "unpredictable number zeroed" },
		{ PC_GEN_F_MAC, 0xFF, 0, "MAC first byte inverted: the signature covers the MAC" },
	};
	pc_gen *f = o->f;
	cJSON *g = o->g;
	pc_gen_bin b = pc__code(o), m;
	size_t i;

	m = b;
	pc_gen_put(&m, pc_gen_at(&m, PC_GEN_F_SUITE), 2, 1);
	V("Tampered WrongSuite", "terminal", NOW, pc__t(o, &m), "DECLINE SUITE", "suite 1 -> 2");
	for (i = 0; i < sizeof e / sizeof e[0]; i++) {
		m = b;
		pc_gen_edit(&m, pc_gen_at(&m, e[i].at), e[i].v, e[i].len);
		V("Tampered", "terminal", NOW, pc__t(o, &m), "DECLINE CRYPTO", e[i].what);
	}
}

/* The device signature r || s: each scalar changed, or out of [1, n-1]. */
static void pc__signature(pc__off *o)
{
	static const struct { unsigned off; int kind; const char *flags, *what; } e[] = {
		{ 0, 1, "Tampered", "signature r, first byte changed" },
		{ 63, 1, "Tampered", "signature s, last byte changed" },
		{ 0, 2, "SigOutOfRange", "r = 0" },
		{ 32, 2, "SigOutOfRange", "s = 0" },
		{ 0, 3, "SigOutOfRange", "r = n" },
		{ 32, 3, "SigOutOfRange", "s = n" },
		{ 0, 4, "SigOutOfRange", "r = 2^256 - 1" },
		{ 32, 4, "SigOutOfRange", "s = 2^256 - 1" },
	};
	pc_gen *f = o->f;
	cJSON *g = o->g;
	const pc_gen_fix *fx = pc_gen_fixture();
	pc_gen_bin b = pc__code(o), m;
	uint8_t *sig;
	size_t i;

	for (i = 0; i < sizeof e / sizeof e[0]; i++) {
		m = b;
		sig = m.b + pc_gen_at(&m, PC_GEN_F_SIG) + e[i].off;
		if (e[i].kind == 1)
			sig[0] ^= 0x01;
		else if (e[i].kind == 3)
			memcpy(sig, pc_gen_order, 32);
		else
			memset(sig, e[i].kind == 2 ? 0x00 : 0xFF, 32);
		V(e[i].flags, "terminal", NOW, pc__t(o, &m), "DECLINE CRYPTO", e[i].what);
	}
	m = b;
	memset(m.b + pc_gen_at(&m, PC_GEN_F_SIG), 0, 64);
	V("SigOutOfRange", "terminal", NOW, pc__t(o, &m), "DECLINE CRYPTO", "r = s = 0");
	m = b;
	pc_gen_resign(&m, &fx->dev2);
	V("WrongKey", "terminal", NOW, pc__t(o, &m), "DECLINE CRYPTO",
	  "a valid signature by another device's key");
	V("", "terminal", NOW, pc__t(o, &b), "APPROVE OK", "the genuine code after its variants");
	m = b;
	pc_gen_neg(m.b + pc_gen_at(&m, PC_GEN_F_SIG) + 32);
	V("Malleable", "terminal", NOW, pc__t(o, &m), "DECLINE CRYPTO",
	  "(r, n - s): valid ECDSA, but not the low-s form paycode requires");
}

/* A certificate field changed inside a code (value v in len bytes, or len
 * 0: XOR one byte with v), the code re-signed by device 1: only the
 * certificate's own checks can fail. */
static void pc__cert_edit(pc__off *o, unsigned field, uint64_t v, unsigned len,
			  const char *flags, const char *expect, const char *what)
{
	const pc_gen_fix *fx = pc_gen_fixture();
	pc_gen *f = o->f;
	cJSON *g = o->g;
	pc_gen_bin m = pc__code(o);
	char c[112];

	pc_gen_edit(&m, pc_gen_cert_at(field), v, len);
	pc_gen_resign(&m, &fx->dev1);
	snprintf(c, sizeof c, "certificate: %s (code re-signed)", what);
	V(flags, "terminal", NOW, pc__t(o, &m), expect, c);
}

static void pc__cert(pc__off *o)
{
	pc__cert_edit(o, PC_GEN_C_VERSION, 2, 1, "BadCert", "DECLINE MALFORMED", "version 1 -> 2");
	pc__cert_edit(o, PC_GEN_C_SUITE, 2, 1, "BadCert", "DECLINE MALFORMED", "suite 1 -> 2");
	pc__cert_edit(o, PC_GEN_C_ISSUER, PC_GEN_ROOT2, 4, "Tampered UnknownRoot",
		      "DECLINE UNKNOWN_KEY", "issuer key ID 1 -> 2, not trusted here");
	pc__cert_edit(o, PC_GEN_C_SERIAL + 7, 0xFF, 1, "Tampered", "DECLINE CRYPTO", "serial");
	pc__cert_edit(o, PC_GEN_C_TOKEN + 7, 0x09, 1, "Tampered", "DECLINE CRYPTO", "token ID");
	pc__cert_edit(o, PC_GEN_C_ALIAS, 7654321, 4, "Tampered", "DECLINE CRYPTO", "alias");
	pc__cert_edit(o, PC_GEN_C_ALIAS, 10000000, 4, "BadCert", "DECLINE MALFORMED",
		      "alias 10,000,000, above 9,999,999");
	pc__cert_edit(o, PC_GEN_C_NB, (uint64_t)(NOW - 86401), 8, "Tampered", "DECLINE CRYPTO",
		      "not before one second earlier");
	pc__cert_edit(o, PC_GEN_C_NA, (uint64_t)(NOW + 2 * 365 * 86400), 8, "Tampered",
		      "DECLINE CRYPTO", "not after a year later");
	pc__cert_edit(o, PC_GEN_C_NA, (uint64_t)(NOW - 86401), 8, "BadCert", "DECLINE MALFORMED",
		      "not after before not before");
	pc__cert_edit(o, PC_GEN_C_RISK, 'C', 1, "Tampered", "DECLINE CRYPTO", "risk level B -> C");
	pc__cert_edit(o, PC_GEN_C_RISK, 'E', 1, "BadCert", "DECLINE MALFORMED", "risk level E");
	pc__cert_edit(o, PC_GEN_C_FLAGS, PC_CERT_F_OFFLINE, 1, "Tampered", "DECLINE CRYPTO",
		      "flags: biometric flag cleared");
	pc__cert_edit(o, PC_GEN_C_PUB, 0x05, 1, "BadCert", "DECLINE MALFORMED",
		      "public key prefix 04 -> 05");
	pc__cert_edit(o, PC_GEN_C_PUB + 64, 0x01, 0, "BadCert", "DECLINE MALFORMED",
		      "public key: last bit of Y flipped, not on the curve");
	pc__cert_edit(o, PC_GEN_C_SIG, 0x01, 0, "Tampered", "DECLINE CRYPTO",
		      "issuer signature r, first byte changed");
	pc__cert_edit(o, PC_GEN_C_SIG + 63, 0x01, 0, "Tampered", "DECLINE CRYPTO",
		      "issuer signature s, last byte changed");
}

/* Certificate scalars set whole: r = 0, s = n; and the device key swapped. */
static void pc__cert_sig(pc__off *o)
{
	const pc_gen_fix *fx = pc_gen_fixture();
	pc_gen *f = o->f;
	cJSON *g = o->g;
	pc_gen_bin b = pc__code(o), m;

	m = b;
	memset(m.b + pc_gen_cert_at(PC_GEN_C_SIG), 0, 32);
	pc_gen_resign(&m, &fx->dev1);
	V("SigOutOfRange", "terminal", NOW, pc__t(o, &m), "DECLINE CRYPTO",
	  "certificate: issuer signature r = 0 (code re-signed)");
	m = b;
	memcpy(m.b + pc_gen_cert_at(PC_GEN_C_SIG) + 32, pc_gen_order, 32);
	pc_gen_resign(&m, &fx->dev1);
	V("SigOutOfRange", "terminal", NOW, pc__t(o, &m), "DECLINE CRYPTO",
	  "certificate: issuer signature s = n (code re-signed)");
	m = b;
	memcpy(m.b + pc_gen_cert_at(PC_GEN_C_PUB), fx->dev2.pub, 65);
	pc_gen_resign(&m, &fx->dev2);
	V("Tampered", "terminal", NOW, pc__t(o, &m), "DECLINE CRYPTO",
	  "certificate: device key replaced by another valid key that signs the code");
	V("", "terminal", NOW, pc__t(o, &b), "APPROVE OK", "the genuine code after its variants");
}

/* Edits with valid cryptography that only a provider can reject. */
static void pc__provider(pc__off *o)
{
	const pc_gen_fix *fx = pc_gen_fixture();
	pc_gen *f = o->f;
	cJSON *g = o->g;
	pc_gen_bin m = pc__code(o);

	pc_gen_put(&m, pc_gen_at(&m, PC_GEN_F_MAC), 0, 8);
	pc_gen_resign(&m, &fx->dev1);
	V("Tampered MacUnchecked", "provider", NOW, pc__t(o, &m), "DECLINE CRYPTO",
	  "MAC zeroed, code re-signed: the provider checks the MAC");
	V("Tampered MacUnchecked", "terminal", NOW, pc__t(o, &m), "APPROVE OK",
	  "the same code at a terminal, which cannot check the MAC");
	m = pc__code(o);
	pc_gen_put(&m, pc_gen_at(&m, PC_GEN_F_KEYID), PC_GEN_MK_UNKNOWN, 4);
	pc_gen_resign(&m, &fx->dev1);
	V("Tampered UnknownKey", "provider", NOW, pc__t(o, &m), "DECLINE UNKNOWN_KEY",
	  "master key ID 7 -> 8, code re-signed: unknown to the provider");
	V("Tampered MacUnchecked", "terminal", NOW, pc__t(o, &m), "APPROVE OK",
	  "the same code at a terminal, which does not use master keys");
}

/* The wallet's code with another certificate in it, re-signed by device 1. */
static void pc__with_cert(pc__off *o, pc_time nb, pc_time na, uint8_t flags, uint64_t token,
			  const char *tflags, const char *expect, const char *what)
{
	const pc_gen_fix *fx = pc_gen_fixture();
	pc_gen *f = o->f;
	cJSON *g = o->g;
	pc_gen_bin m = pc__code(o);

	f->bad |= pc_gen_cert(m.b + pc_gen_cert_at(0), &fx->root1, PC_GEN_ROOT1, 1001, token,
			      PC_GEN_ALIAS1, nb, na, flags, &fx->dev1);
	pc_gen_resign(&m, &fx->dev1);
	V(tflags, "terminal", NOW, pc__t(o, &m), expect, what);
}

static void pc__policy(pc__off *o)
{
	const uint8_t off = PC_CERT_F_OFFLINE;

	pc__with_cert(o, NOW - 10, NOW + 10, PC_CERT_F_BIOMETRIC, PC_GEN_TOKEN1, "CertInvalid",
		      "DECLINE CERT_INVALID", "a genuine certificate without the offline flag");
	pc__with_cert(o, NOW - 100, NOW - 1, off, PC_GEN_TOKEN1, "CertInvalid",
		      "DECLINE CERT_INVALID", "a genuine certificate that ended one second before g");
	pc__with_cert(o, NOW + 1, NOW + 100, off, PC_GEN_TOKEN1, "CertInvalid",
		      "DECLINE CERT_INVALID", "a genuine certificate that starts one second after g");
	pc__with_cert(o, NOW - 100, NOW, off, PC_GEN_TOKEN1, "EdgeOfWindow", "APPROVE OK",
		      "a certificate whose not after is g");
	pc__with_cert(o, NOW, NOW + 100, off, PC_GEN_TOKEN1, "EdgeOfWindow", "APPROVE OK",
		      "a certificate whose not before is g");
	pc__with_cert(o, NOW - 100, NOW + 100, off, PC_GEN_TOKEN2, "CertMismatch",
		      "DECLINE CRYPTO", "a genuine certificate of another token");
}

static void pc__window(pc__off *o)
{
	pc_gen *f = o->f;
	cJSON *g = o->g;
	pc_gen_bin b = pc__code(o);

	V("Expired", "terminal", NOW + 91, pc__t(o, &b), "DECLINE EXPIRED", "validated 91 s after g");
	V("NotYetValid", "terminal", NOW - 31, pc__t(o, &b), "DECLINE NOT_YET_VALID",
	  "validated 31 s before g");
	V("EdgeOfWindow", "terminal", NOW + 90, pc__t(o, &b), "APPROVE OK",
	  "validated exactly ttl + skew after g");
}

/* Offline lengths are long form: 61 82 01 52 at 7, 63 82 01 36 at 35. */
static void pc__structure(pc__off *o)
{
	static const uint8_t b82[] = { 0x82, 0x00 }, b83[] = { 0x83, 0x00 };
	pc_gen *f = o->f;
	cJSON *g = o->g;
	pc_gen_bin b = pc__code(o), m;

	m = b;
	m.n--;
	V("Truncated", "terminal", NOW, pc__t(o, &m), "DECLINE MALFORMED", "last byte removed");
	m = b;
	m.n -= 67;
	V("Truncated", "terminal", NOW, pc__t(o, &m), "DECLINE MALFORMED",
	  "the signature TLV removed");
	m = b;
	pc_gen_insert(&m, m.n, "", 1);
	V("Extended", "terminal", NOW, pc__t(o, &m), "DECLINE MALFORMED", "a zero byte appended");
	m = b;
	pc_gen_delete(&m, pc_gen_at(&b, PC_GEN_F_CERT - 2), 1);
	pc_gen_insert(&m, pc_gen_at(&b, PC_GEN_F_CERT - 2), b82, 2);
	m.b[10]++;
	m.b[38]++;
	V("BadBer", "terminal", NOW, pc__t(o, &m), "DECLINE MALFORMED",
	  "length of DF10 as 82 00 AD (not minimal), outer lengths adjusted");
	m = b;
	pc_gen_delete(&m, 8, 1);
	pc_gen_insert(&m, 8, b83, 2);
	V("BadBer", "terminal", NOW, pc__t(o, &m), "DECLINE MALFORMED",
	  "length of 61 as 83 00 01 52 (not minimal)");
}

static void pc__base64(pc__off *o)
{
	static const char sym[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	pc_gen *f = o->f;
	cJSON *g = o->g;
	pc_gen_bin b = pc__code(o);
	char t[PC_GEN_TEXT], c[PC_GEN_TEXT];
	size_t n = strlen(pc_gen_text(&b, c));

	memcpy(t, c, n + 1);
	t[100] = '.';
	V("BadBase64", "terminal", NOW, t, "DECLINE MALFORMED", "a '.' in place of a symbol");
	memcpy(t, c, n + 1);
	t[n - 1] = '\0';
	V("BadBase64", "terminal", NOW, t, "DECLINE MALFORMED", "'==' shortened to '='");
	memcpy(t, c, n + 1);
	t[n - 3] = sym[(strchr(sym, c[n - 3]) - sym) ^ 1];
	V("BadBase64", "terminal", NOW, t, "DECLINE MALFORMED",
	  "a pad bit set in the last symbol before '==' (RFC 4648 3.5)");
	V("", "terminal", NOW, c, "APPROVE OK", "the genuine code after its variants");
}

cJSON *pc_gen_offline_file(void)
{
	const pc_gen_fix *fx = pc_gen_fixture();
	pc_gen f;
	pc__off o;

	pc_gen_init(&f);
	memset(&o, 0, sizeof o);
	o.f = &f;
	o.g = pc_gen_offline_group(&f, PC_GEN_ROOT1, &fx->root1);
	f.bad |= pc_gen_wallet(&o.w, NULL, fx->master, PC_GEN_MK, PC_GEN_TOKEN1, PC_GEN_ALIAS1);
	f.bad |= pc_gen_device(&o.w, &fx->dev1, 1001);
	pc__basic(&o);
	pc__fields(&o);
	pc__signature(&o);
	pc__cert(&o);
	pc__cert_sig(&o);
	pc__provider(&o);
	pc__policy(&o);
	pc__window(&o);
	pc__structure(&o);
	pc__base64(&o);
	pc_gen_trust(&f);
	return pc_gen_finish(&f, "PAYCODE-VALIDATE", "cpm_validate_schema.json", pc__header,
			     pc_gen_code_header);
}
