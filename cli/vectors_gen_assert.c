/*
 * bio-assertions.json: user-verification assertions (SPEC §6.4), algorithm
 * "UV-ASSERTION-VERIFY", group type "AssertionVerify".
 *
 * Assertions are written here byte by byte from the table of SPEC §6.4.2
 * and signed as §6.4.3 says with the fixture's device keys (RFC 6979), not
 * through pc_assertion_gen(): tests/unit/test_assertion.c checks that the
 * library's generator produces exactly this construction. Negative cases
 * either re-sign an assertion that states something the policy refuses
 * (so the policy check is what fails) or edit signed bytes (so the
 * signature or the syntax check fails). Every expected error is written by
 * hand from the verification order of §6.4.4.
 */
#include <string.h>

#include <paycode/assertion.h>
#include <paycode/crypto.h>

#include "vectors_gen.h"

#define RP "credit.example-bank.cn"
#define T0 PC_GEN_NOW
#define SERIAL_BIO 3001u
#define SERIAL_PLAIN 3002u

/* What an assertion states (every byte of the table is settable). */
typedef struct pc__ua {
	uint8_t version, suite, purpose, uv, loc, pad;
	uint16_t assurance;
	uint32_t counter;
	pc_time t;
	const char *rp;
	uint8_t ch[PC_ASSERT_CHALLENGE_MAX];
	size_t chlen;
	const uint8_t *txn;      /* NULL: no digest */
	const uint8_t *cert;
	const pc_gen_key *dev;
} pc__ua;

typedef struct pc__bytes {
	uint8_t b[PC_ASSERT_MAX_LEN + 8];
	size_t n;
} pc__bytes;

static uint8_t pc__txn[32], pc__txn2[32], pc__ch[32], pc__ch2[32];
static uint8_t pc__cert_bio[PC_CERT_LEN], pc__cert_plain[PC_CERT_LEN];
static uint8_t pc__cert_root2[PC_CERT_LEN], pc__cert_forged[PC_CERT_LEN];

/* SPEC §6.4.2 byte table, then the signature of §6.4.3. */
static void pc__build(const pc__ua *u, pc__bytes *o)
{
	static const char ctx[] = "paycode/v1/uv-assertion";
	uint8_t msg[sizeof ctx + PC_ASSERT_MAX_LEN], dig[32];
	uint8_t *p = o->b;

	memcpy(p, "PCUA", 4);
	p[4] = u->version;
	p[5] = u->suite;
	p[6] = u->purpose;
	p[7] = u->uv;
	p[8] = u->loc;
	p[9] = u->pad;
	pc_gen_put_be(p + 10, u->assurance, 2);
	pc_gen_put_be(p + 12, u->counter, 4);
	pc_gen_put_be(p + 16, (uint64_t)u->t, 8);
	if (pc_sha256(u->rp, strlen(u->rp), p + 24) != PC_OK)
		memset(p + 24, 0, 32);
	p += 56;
	*p++ = (uint8_t)u->chlen;
	memcpy(p, u->ch, u->chlen);
	p += u->chlen;
	*p++ = u->txn != NULL ? 32u : 0u;
	if (u->txn != NULL)
		memcpy(p, u->txn, 32);
	p += u->txn != NULL ? 32 : 0;
	memcpy(p, u->cert, PC_CERT_LEN);
	p += PC_CERT_LEN;
	o->n = (size_t)(p - o->b);
	memcpy(msg, ctx, sizeof ctx);
	memcpy(msg + sizeof ctx, o->b, o->n);
	if (pc_sha256(msg, sizeof ctx + o->n, dig) != PC_OK ||
	    pc_p256_sign(u->dev->priv, dig, p) != PC_OK ||
	    pc_p256_sig_normalize(p) != PC_OK)
		memset(p, 0, 64);
	o->n += 64;
}

/* A fingerprint-verified remote authorisation (FMR 1e-4, TEE, PAD pass)
 * over the application text, counter c, at T0. */
static pc__ua pc__genuine(uint32_t c)
{
	pc__ua u;

	memset(&u, 0, sizeof u);
	u.version = 1;
	u.suite = 1;
	u.purpose = PC_ASSERT_REMOTE_AUTH;
	u.uv = PC_UV_FINGERPRINT;
	u.loc = PC_UV_LOC_TEE;
	u.pad = PC_BIO_PAD_PASS;
	u.assurance = 4000;
	u.counter = c;
	u.t = T0;
	u.rp = RP;
	memcpy(u.ch, pc__ch, sizeof pc__ch);
	u.chlen = sizeof pc__ch;
	u.txn = pc__txn;
	u.cert = pc__cert_bio;
	u.dev = &pc_gen_fixture()->dev1;
	return u;
}

/* The relying party's requirements, as the test's "policy" object. */
typedef struct pc__pol {
	const char *rp, *purpose;
	const uint8_t *ch;
	size_t chlen;
	const uint8_t *txn;
	const char *uv_any;     /* space-separated names; "" none */
	const char *locations;  /* space-separated names; "" any */
	int min_assurance, require_pad;
	int64_t last_counter;   /* -1: no counter check */
	int max_age, skew;
} pc__pol;

static pc__pol pc__policy(void)
{
	pc__pol p = { RP, "remote-auth", pc__ch, sizeof pc__ch, pc__txn,
		      "fingerprint face pin", "", 4000, 1, -1, 120, 30 };

	return p;
}

static void pc__names(cJSON *o, const char *k, const char *list)
{
	cJSON *a = cJSON_AddArrayToObject(o, k);
	char name[16];
	size_t n;

	while (*list != '\0') {
		n = strcspn(list, " ");
		if (n > 0 && n < sizeof name) {
			memcpy(name, list, n);
			name[n] = '\0';
			cJSON_AddItemToArray(a, cJSON_CreateString(name));
		}
		list += n;
		list += strspn(list, " ");
	}
}

static void pc__add_policy(cJSON *t, const pc__pol *p)
{
	cJSON *o = cJSON_AddObjectToObject(t, "policy");

	cJSON_AddStringToObject(o, "rpId", p->rp);
	pc_vec_add_hex(o, "challenge", p->ch, p->chlen);
	cJSON_AddStringToObject(o, "purpose", p->purpose);
	if (p->txn != NULL)
		pc_vec_add_hex(o, "txnDigest", p->txn, 32);
	else
		cJSON_AddNullToObject(o, "txnDigest");
	pc__names(o, "uvAny", p->uv_any);
	pc__names(o, "locations", p->locations);
	cJSON_AddNumberToObject(o, "minAssurance", p->min_assurance);
	cJSON_AddBoolToObject(o, "requirePad", p->require_pad);
	if (p->last_counter >= 0)
		cJSON_AddNumberToObject(o, "lastCounter", (double)p->last_counter);
	else
		cJSON_AddNullToObject(o, "lastCounter");
	cJSON_AddNumberToObject(o, "maxAge", p->max_age);
	cJSON_AddNumberToObject(o, "skew", p->skew);
}

static void pc__case(pc_gen *f, cJSON *g, const char *flags, pc_time now, const pc__bytes *a,
		     const pc__pol *p, const char *error, const char *comment)
{
	cJSON *t = pc_gen_test(f, g, comment, flags);

	cJSON_AddNumberToObject(t, "now", (double)now);
	pc_vec_add_hex(t, "assertion", a->b, a->n);
	pc__add_policy(t, p);
	cJSON_AddStringToObject(t, "error", error);
	cJSON_AddStringToObject(t, "result", strcmp(error, "PC_OK") == 0 ? "valid" : "invalid");
}

/* Build u and add the case with policy p at T0. */
static void pc__stmt(pc_gen *f, cJSON *g, const char *flags, const pc__ua *u,
		     const pc__pol *p, const char *error, const char *comment)
{
	pc__bytes a;

	pc__build(u, &a);
	pc__case(f, g, flags, T0, &a, p, error, comment);
}

static cJSON *pc__group(pc_gen *f, const uint8_t *crl, size_t crl_len)
{
	pc_gen_fix *x = pc_gen_fixture();
	cJSON *g = pc_gen_group(f, "AssertionVerify"), *k;

	pc_gen_add_root(g, PC_GEN_ROOT1, &x->root1);
	if (crl != NULL)
		pc_vec_add_hex(g, "crl", crl, crl_len);
	k = cJSON_AddObjectToObject(g, "privateKeys");
	pc_vec_add_hex(k, "device", x->dev1.priv, 32);
	pc_vec_add_hex(k, "root1", x->root1.priv, 32);
	pc_vec_add_hex(k, "root2", x->root2.priv, 32);
	return g;
}

/* ---- the cases ---------------------------------------------------------------- */

/* Binding and single use (group 1, first part). */
static void pc__binding(pc_gen *f, cJSON *g)
{
	pc__ua u = pc__genuine(1);
	pc__pol p = pc__policy();

	pc__stmt(f, g, "", &u, &p, "PC_OK", "consumer-credit approval, fingerprint in the TEE, FMR 1e-4, PAD pass");
	pc__stmt(f, g, "AssertionReplay", &u, &p, "PC_ERR_REPLAYED", "the same assertion again");
	u = pc__genuine(2);
	p.last_counter = 2;
	pc__stmt(f, g, "CounterNotAbove", &u, &p, "PC_ERR_ASSERT_COUNTER", "counter equal to the last one seen");
	p.last_counter = 1;
	pc__stmt(f, g, "", &u, &p, "PC_OK", "counter above the last one seen (the refusal consumed nothing)");
	u = pc__genuine(3);
	p = pc__policy();
	p.ch = pc__ch2;
	pc__stmt(f, g, "WrongChallenge", &u, &p, "PC_ERR_ASSERT_CHALLENGE", "the relying party issued another challenge (last bit)");
	p = pc__policy();
	p.rp = "credit.example-bank.com";
	pc__stmt(f, g, "WrongRelyingParty", &u, &p, "PC_ERR_ASSERT_RP", "made for another relying party");
	p.rp = "Credit.example-bank.cn";
	pc__stmt(f, g, "WrongRelyingParty", &u, &p, "PC_ERR_ASSERT_RP", "the identifier is hashed as given: case matters");
	p = pc__policy();
	p.purpose = "payment";
	pc__stmt(f, g, "WrongPurpose", &u, &p, "PC_ERR_ASSERT_PURPOSE", "an approval of a credit application presented as a payment");
	p = pc__policy();
	p.txn = pc__txn2;
	pc__stmt(f, g, "TxnMismatch", &u, &p, "PC_ERR_ASSERT_TXN", "the user saw another application text");
	p.txn = NULL;
	pc__stmt(f, g, "TxnMismatch", &u, &p, "PC_ERR_ASSERT_TXN", "a digest the relying party did not ask for");
	p = pc__policy();
	pc__stmt(f, g, "", &u, &p, "PC_OK", "the same assertion with the right policy (nothing consumed before)");
	u = pc__genuine(4);
	u.txn = NULL;
	pc__stmt(f, g, "TxnMismatch", &u, &p, "PC_ERR_ASSERT_TXN", "no digest where the relying party needs one");
	p.txn = NULL;
	pc__stmt(f, g, "", &u, &p, "PC_OK", "no digest, none asked for");
}

/* Assurance, PAD, methods and location (group 1). */
static void pc__strength(pc_gen *f, cJSON *g)
{
	pc__ua u = pc__genuine(5);
	pc__pol p = pc__policy();

	u.assurance = 3999;
	pc__stmt(f, g, "WeakAssurance", &u, &p, "PC_ERR_ASSERT_ASSURANCE", "FMR class just weaker than 1e-4");
	u = pc__genuine(6);
	pc__stmt(f, g, "AtLimit", &u, &p, "PC_OK", "assurance exactly the minimum");
	u = pc__genuine(7);
	u.assurance = 5000;
	p.min_assurance = 5001;
	pc__stmt(f, g, "WeakAssurance", &u, &p, "PC_ERR_ASSERT_ASSURANCE", "a relying party that wants more than 1e-5");
	p = pc__policy();
	u = pc__genuine(8);
	u.pad = PC_BIO_PAD_NONE;
	pc__stmt(f, g, "PadMissing", &u, &p, "PC_ERR_ASSERT_PAD", "no presentation-attack detection for a remote authorisation");
	p.require_pad = 0;
	pc__stmt(f, g, "", &u, &p, "PC_OK", "no PAD, and the relying party does not require it");
	u = pc__genuine(9);
	u.pad = PC_BIO_PAD_FAIL;
	pc__stmt(f, g, "PadFailed", &u, &p, "PC_ERR_ASSERT_PAD", "an attack presentation is refused even when PAD is optional");
	p = pc__policy();
	u = pc__genuine(10);
	u.uv = PC_UV_FACE;
	p.uv_any = "fingerprint";
	pc__stmt(f, g, "MethodRefused", &u, &p, "PC_ERR_ASSERT_UV", "face where only fingerprint is accepted");
	p.uv_any = "fingerprint face";
	pc__stmt(f, g, "", &u, &p, "PC_OK", "face among the accepted methods");
	p = pc__policy();
	u = pc__genuine(11);
	u.loc = PC_UV_LOC_APP;
	p.locations = "se tee";
	pc__stmt(f, g, "MethodRefused", &u, &p, "PC_ERR_ASSERT_UV", "matcher in the app where SE or TEE is required (BIO-04)");
	p = pc__policy();
	u = pc__genuine(12);
	u.cert = pc__cert_plain;
	pc__stmt(f, g, "NoBiometricFlag", &u, &p, "PC_ERR_ASSERT_UV", "a biometric claim from a device certified without biometrics");
	u = pc__genuine(13);
	u.cert = pc__cert_plain;
	u.uv = PC_UV_PIN;
	u.loc = PC_UV_LOC_NONE;
	u.assurance = 0;
	u.pad = PC_BIO_PAD_NONE;
	pc__stmt(f, g, "", &u, &p, "PC_OK", "device PIN: no assurance, location or PAD");
	u.counter = 14;
	u.uv = PC_UV_NONE;
	pc__stmt(f, g, "MethodRefused", &u, &p, "PC_ERR_ASSERT_UV", "the user was not verified");
	p.uv_any = "";
	pc__stmt(f, g, "", &u, &p, "PC_OK", "not verified, and the relying party needs no verification");
}

/* Freshness and certificate validity (group 1). */
static void pc__timing(pc_gen *f, cJSON *g)
{
	pc__ua u = pc__genuine(15);
	pc__pol p = pc__policy();
	pc__bytes a;

	pc__build(&u, &a);
	pc__case(f, g, "AssertionWindow", T0 + 150, &a, &p, "PC_OK", "exactly max age + skew old");
	u = pc__genuine(16);
	pc__build(&u, &a);
	pc__case(f, g, "AssertionExpired", T0 + 151, &a, &p, "PC_ERR_ASSERT_EXPIRED", "one second older than max age + skew");
	u = pc__genuine(17);
	pc__build(&u, &a);
	pc__case(f, g, "AssertionWindow", T0 - 30, &a, &p, "PC_OK", "dated exactly skew ahead of the verifier");
	u = pc__genuine(18);
	pc__build(&u, &a);
	pc__case(f, g, "AssertionFuture", T0 - 31, &a, &p, "PC_ERR_ASSERT_FUTURE", "dated one second more than skew ahead");
	u = pc__genuine(19);
	pc__build(&u, &a);
	p.max_age = 600;
	pc__case(f, g, "AssertionWindow", T0 + 630, &a, &p, "PC_OK", "a relying party allowing ten minutes");
	p = pc__policy();
	u = pc__genuine(20);
	u.t = T0 - 86400 - 1;
	pc__build(&u, &a);
	pc__case(f, g, "CertNotValidThen", u.t, &a, &p, "PC_ERR_ASSERT_CERT_TIME", "made one second before the certificate's not-before");
}

/* A copy of a with byte `at` XORed with x (at past the end: appended). */
static pc__bytes pc__xor(const pc__bytes *a, size_t at, uint8_t x)
{
	pc__bytes b = *a;

	if (at >= b.n)
		b.b[b.n++] = x;
	else
		b.b[at] ^= x;
	return b;
}

/* Syntax: SPEC §6.4.2 rules, each broken once (group 1). */
static void pc__syntax(pc_gen *f, cJSON *g, const pc__bytes *a)
{
	pc__pol p = pc__policy();
	pc__bytes b;
	pc__ua u;

	b = pc__xor(a, 0, 0x20);
	pc__case(f, g, "BadAssertion", T0, &b, &p, "PC_ERR_BIO_ASSERTION", "magic \"pCUA\"");
	b = pc__xor(a, 4, 0x03);
	pc__case(f, g, "WrongSuite", T0, &b, &p, "PC_ERR_ASSERT_SUITE", "version 2");
	b = pc__xor(a, 5, 0x03);
	pc__case(f, g, "WrongSuite", T0, &b, &p, "PC_ERR_ASSERT_SUITE", "suite 2");
	b = pc__xor(a, 6, 0x07);
	pc__case(f, g, "BadAssertion", T0, &b, &p, "PC_ERR_BIO_ASSERTION", "purpose 5");
	b = pc__xor(a, 7, 0x08);
	pc__case(f, g, "BadAssertion", T0, &b, &p, "PC_ERR_BIO_ASSERTION", "an undefined method bit");
	b = pc__xor(a, 8, 0x06);
	pc__case(f, g, "BadAssertion", T0, &b, &p, "PC_ERR_BIO_ASSERTION", "matcher location 4");
	b = pc__xor(a, 9, 0x02);
	pc__case(f, g, "BadAssertion", T0, &b, &p, "PC_ERR_BIO_ASSERTION", "PAD result 3");
	b = pc__xor(a, 16, 0x40);
	pc__case(f, g, "BadAssertion", T0, &b, &p, "PC_ERR_BIO_ASSERTION", "a time of 2^62 or more");
	b = pc__xor(a, 56, 0x01);
	pc__case(f, g, "BadAssertion", T0, &b, &p, "PC_ERR_BIO_ASSERTION", "challenge length 33: the lengths disagree with the total");
	b = pc__xor(a, 89, 0x3f);
	pc__case(f, g, "BadAssertion", T0, &b, &p, "PC_ERR_BIO_ASSERTION", "transaction digest length 31");
	u = pc__genuine(40);
	u.uv = PC_UV_PIN;
	pc__stmt(f, g, "BadAssertion", &u, &p, "PC_ERR_BIO_ASSERTION", "signed, but a PIN claim with a location and an assurance");
	u = pc__genuine(41);
	u.assurance = 0;
	pc__stmt(f, g, "BadAssertion", &u, &p, "PC_ERR_BIO_ASSERTION", "signed, but a biometric claim with assurance 0");
	u = pc__genuine(42);
	u.chlen = 15;
	p.chlen = 16;
	pc__stmt(f, g, "BadAssertion", &u, &p, "PC_ERR_BIO_ASSERTION", "signed, but a 15-byte challenge");
	p = pc__policy();
	b = *a;
	b.n = a->n - 1;
	pc__case(f, g, "Truncated", T0, &b, &p, "PC_ERR_BIO_ASSERTION", "last byte missing");
	b.n = PC_ASSERT_MIN_LEN - 1;
	pc__case(f, g, "Truncated", T0, &b, &p, "PC_ERR_BIO_ASSERTION", "shorter than any assertion");
	b = pc__xor(a, a->n, 0x00);
	pc__case(f, g, "Extended", T0, &b, &p, "PC_ERR_BIO_ASSERTION", "a zero byte after the signature");
}

/* Signed bytes changed, signatures and certificates (group 1). */
static void pc__tamper(pc_gen *f, cJSON *g, const pc__bytes *a)
{
	static const struct { size_t at; uint8_t x; const char *what; } edits[] = {
		{ 6, 0x01, "purpose remote-auth -> login" },
		{ 9, 0x03, "PAD pass -> fail" },
		{ 10, 0x01, "assurance 4000 -> 3744" },
		{ 15, 0x01, "counter" }, { 23, 0x01, "time" },
		{ 24, 0x80, "relying-party hash" }, { 57, 0x01, "challenge" },
		{ 90, 0x01, "transaction digest" }, { 295, 0x01, "signature r" },
		{ 358, 0x01, "signature s" } };
	pc__pol p = pc__policy();
	pc__bytes b;
	size_t i;
	char comment[96];
	pc__ua u;

	for (i = 0; i < sizeof edits / sizeof edits[0]; i++) {
		b = pc__xor(a, edits[i].at, edits[i].x);
		snprintf(comment, sizeof comment, "%s changed after signing", edits[i].what);
		pc__case(f, g, "Tampered", T0, &b, &p, "PC_ERR_ASSERT_SIGNATURE", comment);
	}
	b = *a;
	pc_gen_neg(b.b + b.n - 32);
	pc__case(f, g, "Malleable", T0, &b, &p, "PC_ERR_ASSERT_SIGNATURE", "(r, n - s)");
	b = *a;
	memset(b.b + b.n - 32, 0, 32);
	pc__case(f, g, "SigOutOfRange", T0, &b, &p, "PC_ERR_ASSERT_SIGNATURE", "s = 0");
	b = *a;
	memcpy(b.b + b.n - 64, pc_gen_order, 32);
	pc__case(f, g, "SigOutOfRange", T0, &b, &p, "PC_ERR_ASSERT_SIGNATURE", "r = n");
	b = pc__xor(a, 122 + 13, 0x01);
	pc__case(f, g, "Tampered", T0, &b, &p, "PC_ERR_ASSERT_CERT", "certificate serial changed");
	b = pc__xor(a, 122, 0x01);
	pc__case(f, g, "BadCert", T0, &b, &p, "PC_ERR_ASSERT_CERT", "certificate version 0");
	u = pc__genuine(50);
	u.cert = pc__cert_root2;
	pc__stmt(f, g, "UnknownRoot", &u, &p, "PC_ERR_ASSERT_CERT", "certificate issued by root 2, not trusted here");
	u.cert = pc__cert_forged;
	pc__stmt(f, g, "WrongRoot", &u, &p, "PC_ERR_ASSERT_CERT", "certificate naming root 1, signed by root 2");
	u = pc__genuine(51);
	u.dev = &pc_gen_fixture()->dev2;
	pc__stmt(f, g, "WrongKey", &u, &p, "PC_ERR_ASSERT_SIGNATURE", "signed by another device's key");
	pc__case(f, g, "", T0, a, &p, "PC_OK", "the genuine assertion after its variants: nothing was consumed");
}

static int pc__crl(uint8_t *out, size_t cap, uint64_t serial, pc_time next, size_t *len)
{
	pc_crl l;

	memset(&l, 0, sizeof l);
	l.suite = PC_SUITE_1;
	l.issuer_key_id = PC_GEN_ROOT1;
	l.number = 1;
	l.this_update = T0 - 3600;
	l.next_update = next;
	l.count = 1;
	l.serial[0] = serial;
	if (pc_crl_sign(&l, pc_gen_fixture()->root1.priv) != PC_OK ||
	    pc_crl_encode(&l, out, cap, len) != PC_OK)
		return -1;
	return 0;
}

/* Groups 2 and 3: a revocation list, current then past its next update. */
static int pc__revocation(pc_gen *f)
{
	uint8_t crl[PC_CRL_LEN(1)];
	pc__pol p = pc__policy();
	pc__ua u = pc__genuine(60);
	size_t n = 0;
	cJSON *g;

	if (pc__crl(crl, sizeof crl, SERIAL_PLAIN, T0 + 3600, &n) != 0)
		return -1;
	g = pc__group(f, crl, n);
	u.cert = pc__cert_plain;
	u.uv = PC_UV_PIN;
	u.loc = PC_UV_LOC_NONE;
	u.assurance = 0;
	u.pad = PC_BIO_PAD_NONE;
	pc__stmt(f, g, "Revoked", &u, &p, "PC_ERR_ASSERT_REVOKED", "the device certificate is on the list");
	u = pc__genuine(61);
	pc__stmt(f, g, "", &u, &p, "PC_OK", "another device, not on the list");
	if (pc__crl(crl, sizeof crl, SERIAL_PLAIN, T0 - 1, &n) != 0)
		return -1;
	g = pc__group(f, crl, n);
	pc__stmt(f, g, "StaleCrl", &u, &p, "PC_ERR_STALE", "the list is past its next update");
	return 0;
}

/* Challenges, digests and certificates of the fixture. */
static int pc__setup(void)
{
	static const char app[] = "Consumer credit application CA-2027-000123: "
				  "principal 50000.00 CNY, 12 months, APR 7.2%";
	static const char app2[] = "Consumer credit application CA-2027-000123: "
				   "principal 90000.00 CNY, 12 months, APR 7.2%";
	static const char ch[] = "paycode vectors challenge 1";
	pc_gen_fix *x = pc_gen_fixture();
	pc_time nb = T0 - 86400, na = T0 + 365 * 86400;

	if (x == NULL || pc_sha256(app, sizeof app - 1, pc__txn) != PC_OK ||
	    pc_sha256(app2, sizeof app2 - 1, pc__txn2) != PC_OK ||
	    pc_sha256(ch, sizeof ch - 1, pc__ch) != PC_OK)
		return -1;
	memcpy(pc__ch2, pc__ch, sizeof pc__ch);
	pc__ch2[31] ^= 1;
	if (pc_gen_cert(pc__cert_bio, &x->root1, PC_GEN_ROOT1, SERIAL_BIO, PC_GEN_TOKEN1,
			PC_GEN_ALIAS1, nb, na, PC_CERT_F_OFFLINE | PC_CERT_F_BIOMETRIC, &x->dev1) != 0 ||
	    pc_gen_cert(pc__cert_plain, &x->root1, PC_GEN_ROOT1, SERIAL_PLAIN, PC_GEN_TOKEN1,
			PC_GEN_ALIAS1, nb, na, PC_CERT_F_OFFLINE, &x->dev1) != 0 ||
	    pc_gen_cert(pc__cert_root2, &x->root2, PC_GEN_ROOT2, SERIAL_BIO, PC_GEN_TOKEN1,
			PC_GEN_ALIAS1, nb, na, PC_CERT_F_OFFLINE | PC_CERT_F_BIOMETRIC, &x->dev1) != 0 ||
	    pc_gen_cert(pc__cert_forged, &x->root2, PC_GEN_ROOT1, SERIAL_BIO, PC_GEN_TOKEN1,
			PC_GEN_ALIAS1, nb, na, PC_CERT_F_OFFLINE | PC_CERT_F_BIOMETRIC, &x->dev1) != 0)
		return -1;
	return 0;
}

static const char *const pc__header[] = {
	"Signed user-verification assertions (docs/SPEC.md 6.4): a device states, under its certified key,",
	"that it verified its user (method, matcher location, FMR class, PAD result) for one relying party,",
	"challenge, purpose and transaction text. A group is one verifier: roots (trusted root public keys",
	"by key ID) and an optional crl (hex, SPEC 4.4). privateKeys only document how assertions were made.",
	"The tests of a group run in order against ONE replay store, fresh for the group: a test may rely on",
	"what earlier tests consumed (flag AssertionReplay), and rejected assertions consume nothing.",
	"Test inputs: assertion (hex of the binary form), now (the verifier's clock, Unix seconds) and",
	"policy: rpId (the verifier's own identifier; the assertion carries its SHA-256), challenge (hex),",
	"purpose (payment|remote-auth|login|step-up), txnDigest (hex, or null: the assertion must carry none),",
	"uvAny (methods of which one must be present; [] no requirement), locations (accepted matcher",
	"locations; [] any), minAssurance (hundredths of -10 log10 FMR; 4000 = 1e-4), requirePad, lastCounter",
	"(null: no counter check), maxAge and skew (seconds).",
	"Expected: error, the pc_err name of the first failing check in the order of SPEC 6.4.4 (PC_OK when",
	"valid); result is valid exactly when error is PC_OK.",
	"Written byte by byte from the table of SPEC 6.4.2 by `paycode vectors gen` (cli/vectors_gen_assert.c),",
	"signed with RFC 6979 by fixed keys (SHA-256 of \"paycode vectors device 1\", ...), clock 1800000000.",
	"Expected errors are written by hand from SPEC 6.4.4, never taken from the verifier.",
	NULL
};

cJSON *pc_gen_assert_file(void)
{
	pc__bytes a;
	pc__ua u;
	pc_gen f;
	cJSON *g;

	if (pc__setup() != 0)
		return NULL;
	pc_gen_init(&f);
	g = pc__group(&f, NULL, 0);
	pc__binding(&f, g);
	pc__strength(&f, g);
	pc__timing(&f, g);
	u = pc__genuine(21);
	pc__build(&u, &a);
	pc__syntax(&f, g, &a);
	pc__tamper(&f, g, &a);
	if (pc__revocation(&f) != 0)
		f.bad = 1;
	return pc_gen_finish(&f, "UV-ASSERTION-VERIFY", "assertion_verify_schema.json",
			     pc__header, NULL);
}
