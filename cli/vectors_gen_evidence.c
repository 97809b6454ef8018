/*
 * evidence-bundles.json and evidence-journals.json (docs/SPEC-journal.md
 * §7.2-§7.8): journals written by paycode's journal writer on a
 * deterministic platform (RAM storage, a fixed clock, a counter-mode rng,
 * the journal key derived from "paycode vectors journal 1"), with codes
 * made by the fixture's wallets and judged by paycode's validators; then
 * bundles exported from them, and byte-level edits of both.
 *
 * The expected verdicts are written here by hand from SPEC-journal §7.4
 * (journals: the fault, and the index and offset of the first bad record,
 * known from where the edit was made) and §7.7-§7.8 (bundles: the fault,
 * the party that bears the loss and why), never taken from the verifier:
 * `vectors run` is the check that paycode agrees.
 */
#include <stdlib.h>
#include <string.h>

#include <paycode/crypto.h>
#include <paycode/journal.h>

#include "vectors_gen.h"

#define NOW PC_GEN_NOW
#define JNAME "journal"
#define JKEY 1u
#define OBJ_CAP 16384u

/* ---- the platform: one RAM object, the journal key, a fixed clock */

static struct {
	pc_platform plat;
	uint8_t obj[OBJ_CAP];
	size_t len;
	int exists;
	size_t tear;          /* the next append lands only this many bytes (0: off) */
	uint64_t rng_blocks;
	pc_gen_key jkey, jkey_other;
} ev;

static pc_err ev_rng(void *ctx, uint8_t *out, size_t len)
{
	static const char label[] = "paycode vectors journal rng";
	uint8_t msg[sizeof label + 8], block[32];
	size_t n;

	(void)ctx;
	memcpy(msg, label, sizeof label);
	while (len > 0) {
		pc_gen_put_be(msg + sizeof label, ev.rng_blocks++, 8);
		if (pc_sha256(msg, sizeof msg, block) != PC_OK)
			return PC_ERR_RNG;
		n = len < sizeof block ? len : sizeof block;
		memcpy(out, block, n);
		out += n;
		len -= n;
	}
	return PC_OK;
}

static pc_err ev_time(void *ctx, pc_time *now)
{
	(void)ctx;
	*now = pc_gen_fixture()->now;
	return PC_OK;
}

static pc_err ev_read(void *ctx, const char *name, uint64_t off, uint8_t *buf,
		      size_t cap, size_t *got)
{
	size_t n = 0;

	(void)ctx;
	(void)name;
	if (!ev.exists)
		return PC_ERR_NOT_FOUND;
	if (off < ev.len) {
		n = ev.len - (size_t)off < cap ? ev.len - (size_t)off : cap;
		memcpy(buf, ev.obj + off, n);
	}
	*got = n;
	return PC_OK;
}

static pc_err ev_write(void *ctx, const char *name, const uint8_t *data, size_t len)
{
	(void)ctx;
	(void)name;
	if (len > OBJ_CAP)
		return PC_ERR_STORAGE;
	memcpy(ev.obj, data, len);
	ev.len = len;
	ev.exists = 1;
	return PC_OK;
}

static pc_err ev_append(void *ctx, const char *name, const uint8_t *data, size_t len)
{
	size_t n = ev.tear != 0 && ev.tear < len ? ev.tear : len;
	int torn = ev.tear != 0;

	(void)ctx;
	(void)name;
	if (len > OBJ_CAP - ev.len)
		return PC_ERR_STORAGE;
	memcpy(ev.obj + ev.len, data, n);
	ev.len += n;
	ev.exists = 1;
	ev.tear = 0;
	return torn ? PC_ERR_STORAGE : PC_OK;
}

static pc_err ev_sign(void *ctx, uint32_t key_id, const uint8_t hash[32], uint8_t *sig,
		      size_t cap)
{
	(void)ctx;
	if (key_id != JKEY || cap < 64)
		return PC_ERR_KEYSTORE;
	return pc_p256_sign(ev.jkey.priv, hash, sig);
}

static int ev_key(const char *label, pc_gen_key *k)
{
	return pc_sha256(label, strlen(label), k->priv) == PC_OK &&
	       pc_p256_public(k->priv, k->pub) == PC_OK ? 0 : -1;
}

static int ev_setup(void)
{
	memset(&ev, 0, sizeof ev);
	ev.plat.version = PC_PLATFORM_VERSION;
	ev.plat.ctx = &ev;
	ev.plat.rng = ev_rng;
	ev.plat.time_now = ev_time;
	ev.plat.storage_read = ev_read;
	ev.plat.storage_write_atomic = ev_write;
	ev.plat.storage_append = ev_append;
	ev.plat.key_sign = ev_sign;
	pc_gen_fixture()->now = NOW;
	return ev_key("paycode vectors journal 1", &ev.jkey) != 0 ||
	       ev_key("paycode vectors journal 1, another key", &ev.jkey_other) != 0 ? -1 : 0;
}

/* ---- writing journals */

static pc_journal jw;
static pc_journal_reader jr;

static int ev_create(uint32_t every)
{
	pc_journal_cfg c;

	ev.len = 0;
	ev.exists = 0;
	pc_journal_cfg_default(&c);
	c.key_id = JKEY;
	c.every = every;
	c.seconds = 0;
	memcpy(c.writer_id, "TERM-VEC", 9);
	return pc_journal_create(&jw, &ev.plat, JNAME, &c) == PC_OK ? 0 : -1;
}

static pc_err hook_master(void *ctx, uint32_t id, uint8_t out[PC_KEY_LEN])
{
	(void)ctx;
	if (id != PC_GEN_MK)
		return PC_ERR_NOT_FOUND;
	memcpy(out, pc_gen_fixture()->master, PC_KEY_LEN);
	return PC_OK;
}

static pc_err hook_alias(void *ctx, uint32_t alias, uint64_t *token, uint32_t *mk)
{
	(void)ctx;
	if (alias != PC_GEN_ALIAS1)
		return PC_ERR_NOT_FOUND;
	*token = PC_GEN_TOKEN1;
	*mk = PC_GEN_MK;
	return PC_OK;
}

static const pc_provider_hooks hooks = { NULL, hook_master, hook_alias, NULL };
static pc_memstore ms;
static pc_store st;
static pc_validator term, prov;

static int ev_validators(void)
{
	const pc_gen_fix *fx = pc_gen_fixture();

	pc_memstore_init(&ms, NULL, &st);
	return pc_validator_init(&term, PC_MODE_TERMINAL, &ev.plat, &st, NULL, NULL) != PC_OK ||
	       pc_validator_add_root(&term, PC_GEN_ROOT1, fx->root1.pub) != PC_OK ||
	       pc_validator_init(&prov, PC_MODE_PROVIDER, &ev.plat, &st, &hooks, NULL) != PC_OK ?
	       -1 : 0;
}

/* Judge code (the terminal, or the provider with the caller's factors and
 * no hook) and append the decision as txn; its index in *seq. */
static int ev_judge(const char *code, const char *txn, int provider, pc_factors f,
		    uint64_t *seq)
{
	pc_risk_engine eng;
	pc_risk_outcome out;
	pc_journal_entry e;
	pc_journal_info info;
	pc_decision d;
	pc_txn t;

	memset(&t, 0, sizeof t);
	t.amount = 4200;
	t.currency = PC_CURRENCY_CNY;
	t.mcc = 5411;
	memcpy(t.merchant_id, "M-0001", 7);
	memcpy(t.terminal_id, "TERM-VEC", 9);
	pc_risk_engine_init(&eng);
	if ((provider ? pc_authorize(&prov, &eng, code, strlen(code), &t, f, &d, &out) :
	     pc_validate(&term, code, strlen(code), &d)) != PC_OK ||
	    pc_journal_entry_fill(&e, txn, provider ? PC_MODE_PROVIDER : PC_MODE_TERMINAL,
				  NULL, &d, &t, provider ? &out : NULL) != PC_OK ||
	    pc_journal_append(&jw, &e, &info) != PC_OK)
		return -1;
	*seq = info.seq;
	return 0;
}

/* A qr-offline code of wallet w with user-verification flags. */
static int ev_qr(pc_wallet *w, pc_form form, uint8_t flags, char out[PC_GEN_TEXT])
{
	size_t n = 0;

	pc_gen_fixture()->now = NOW - 5;
	if (pc_wallet_qr(w, form, flags, out, PC_GEN_TEXT - 1, &n) != PC_OK)
		return -1;
	out[n] = '\0';
	pc_gen_fixture()->now = NOW;
	return 0;
}

/* A record of APPROVE for a code whose device signature fails: the
 * counter edited after signing, the MAC recomputed. */
static int ev_forged(pc_wallet *w, char text[PC_GEN_TEXT], uint64_t *seq)
{
	uint8_t tok[PC_KEY_LEN];
	pc_journal_entry e;
	pc_journal_info info;
	pc_decision d;
	pc_gen_bin b;

	memset(&b, 0, sizeof b);
	if (pc_gen_qr(w, PC_FORM_QR_OFFLINE, NOW - 5, &b) != 0)
		return -1;
	pc_gen_put(&b, pc_gen_at(&b, PC_GEN_F_COUNTER), 77, 4);
	pc_gen_token_key(pc_gen_fixture()->master, PC_GEN_MK, PC_GEN_TOKEN1, tok);
	pc_gen_remac(&b, tok);
	(void)pc_gen_text(&b, text);
	pc_gen_fixture()->now = NOW;
	memset(&d, 0, sizeof d);
	d.verdict = PC_APPROVE;
	d.form = PC_FORM_QR_OFFLINE;
	d.token_id = PC_GEN_TOKEN1;
	d.cert_serial = 1001;
	d.counter = 77;
	d.gen_time = NOW - 5;
	d.flags = PC_CODE_F_UV_BIOMETRIC;
	d.cert_flags = PC_CERT_F_OFFLINE | PC_CERT_F_BIOMETRIC;
	d.consumed = 1;
	if (pc_sha256(text, strlen(text), d.digest) != PC_OK ||
	    pc_journal_entry_fill(&e, "TX-F", PC_MODE_TERMINAL, NULL, &d, NULL, NULL) != PC_OK ||
	    pc_journal_append(&jw, &e, &info) != PC_OK)
		return -1;
	*seq = info.seq;
	return 0;
}

/* ---- file helpers */

static void hex_field(cJSON *o, const char *k, const uint8_t *p, size_t n)
{
	char *hex = malloc(2 * n + 1);

	if (hex == NULL)
		return;
	pc_vec_hex(p, n, hex);
	cJSON_AddStringToObject(o, k, hex);
	free(hex);
}

static void add_key(cJSON *g, const char *k, uint32_t id, const uint8_t pub[65])
{
	cJSON *o = cJSON_AddObjectToObject(g, k);

	cJSON_AddNumberToObject(o, "keyId", id);
	pc_vec_add_hex(o, "pub", pub, 65);
}

/* ============================================================================
 * evidence-bundles.json
 * ========================================================================== */

#define B_MAX 4096u

typedef struct ev_bundle {
	uint8_t b[B_MAX];
	size_t n;
} ev_bundle;

/* The decisions of the bundle journal and their codes. */
static struct {
	uint64_t a, c, b, n, x, f;
	char code_a[PC_GEN_TEXT], code_c[PC_GEN_TEXT], code_b[PC_GEN_TEXT],
	     code_n[PC_GEN_TEXT], code_f[PC_GEN_TEXT];
	uint8_t cert1[PC_CERT_LEN], cert_dev2[PC_CERT_LEN], cert_tok2[PC_CERT_LEN];
} bj;

static int bj_build(void)
{
	const pc_gen_fix *fx = pc_gen_fixture();
	pc_factors pin = PC_FACTOR_FROM_CODE | PC_FACTOR_KNOWLEDGE;
	pc_wallet w;
	int bad = 0;

	bad |= ev_create(64) | ev_validators();
	bad |= pc_gen_wallet(&w, NULL, fx->master, PC_GEN_MK, PC_GEN_TOKEN1, PC_GEN_ALIAS1);
	bad |= pc_gen_device(&w, &fx->dev1, 1001);
	memcpy(bj.cert1, w.cert, PC_CERT_LEN);
	bad |= ev_qr(&w, PC_FORM_QR_OFFLINE, PC_CODE_F_UV_BIOMETRIC, bj.code_a);
	bad |= ev_judge(bj.code_a, "TX-A", 0, 0, &bj.a);
	bad |= ev_qr(&w, PC_FORM_QR_OFFLINE, 0, bj.code_c);
	bad |= ev_judge(bj.code_c, "TX-C", 0, 0, &bj.c);
	bad |= ev_qr(&w, PC_FORM_QR_ONLINE, PC_CODE_F_UV_PIN, bj.code_b);
	bad |= ev_judge(bj.code_b, "TX-B", 1, PC_FACTOR_FROM_CODE, &bj.b);
	bad |= pc_gen_numeric(&w, NOW - 5, bj.code_n);
	pc_gen_fixture()->now = NOW;
	bad |= ev_judge(bj.code_n, "TX-N", 1, pin, &bj.n);
	bad |= ev_judge(bj.code_a, "TX-X", 0, 0, &bj.x); /* replayed */
	bad |= ev_forged(&w, bj.code_f, &bj.f);
	bad |= pc_journal_event(&jw, PC_JEV_REPORTED_LOST, PC_GEN_TOKEN1, NOW, "CASE-1",
				NULL) != PC_OK;
	bad |= pc_journal_checkpoint(&jw, NULL) != PC_OK;
	bad |= pc_gen_cert(bj.cert_dev2, &fx->root1, PC_GEN_ROOT1, 2001, PC_GEN_TOKEN2,
			   PC_GEN_ALIAS2, NOW - 86400, NOW + 86400, PC_CERT_F_OFFLINE, &fx->dev2);
	bad |= pc_gen_cert(bj.cert_tok2, &fx->root1, PC_GEN_ROOT1, 2002, PC_GEN_TOKEN2,
			   PC_GEN_ALIAS2, NOW - 86400, NOW + 86400, 0, &fx->dev2);
	pc_wallet_wipe(&w);
	return bad ? -1 : 0;
}

static int bj_export(uint64_t seq, const char *code, const uint8_t *cert, ev_bundle *out)
{
	return pc_evidence_export(&jr, &ev.plat, JNAME, seq, code,
				  code != NULL ? strlen(code) : 0, cert, out->b,
				  sizeof out->b, &out->n) == PC_OK ? 0 : -1;
}

/* Offset of item tag's value in a bundle, its length in *len. */
static size_t item_at(const ev_bundle *x, unsigned tag, size_t *len)
{
	size_t at = 5;

	while (at + 3 <= x->n) {
		*len = (size_t)x->b[at + 1] << 8 | x->b[at + 2];
		if (x->b[at] == tag)
			return at + 3;
		at += 3 + *len;
	}
	*len = 0;
	return 0;
}

static void put_crc(uint8_t *frame, size_t len)
{
	uint32_t c = 0xFFFFFFFFu;
	size_t i;
	int k;

	for (i = 0; i + 4 < len; i++) {
		c ^= frame[i];
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
	}
	pc_gen_put_be(frame + len - 4, ~c, 4);
}

static void bj_case(pc_gen *f, cJSON *g, const ev_bundle *x, const char *flags,
		    const char *fault, const char *bearer, const char *basis,
		    const char *comment)
{
	cJSON *t = pc_gen_test(f, g, comment, flags);

	hex_field(t, "bundle", x->b, x->n);
	cJSON_AddBoolToObject(t, "verified", strcmp(fault, "NONE") == 0);
	cJSON_AddStringToObject(t, "evidenceFault", fault);
	cJSON_AddStringToObject(t, "lossBearer", bearer);
	cJSON_AddStringToObject(t, "basis", basis);
	cJSON_AddStringToObject(t, "result", strcmp(fault, "NONE") == 0 ? "valid" : "invalid");
}

static cJSON *bj_group(pc_gen *f, uint32_t root_id, const pc_gen_key *root,
		       const pc_gen_key *jkey)
{
	cJSON *g = pc_gen_group(f, "EvidenceVerify"), *roots, *r;

	roots = cJSON_AddArrayToObject(g, "roots");
	r = cJSON_CreateObject();
	cJSON_AddNumberToObject(r, "keyId", root_id);
	pc_vec_add_hex(r, "pub", root->pub, 65);
	cJSON_AddItemToArray(roots, r);
	add_key(g, "journalKey", JKEY, jkey->pub);
	return g;
}

#define INVALID(flags, comment) \
	bj_case(f, g, &x, flags, fault, "institution", "EVIDENCE_INVALID", comment)

static void bj_valid(pc_gen *f, cJSON *g)
{
	ev_bundle x;

	f->bad |= bj_export(bj.a, bj.code_a, NULL, &x);
	bj_case(f, g, &x, "", "NONE", "customer", "AUTHORISED_VERIFIED",
		"qr-offline with biometric user verification (level A): the device signature "
		"and certificate chain verify offline");
	f->bad |= bj_export(bj.c, bj.code_c, NULL, &x);
	bj_case(f, g, &x, "LevelC", "NONE", "institution", "LEVEL_C",
		"qr-offline without user verification: OTP and certificate are one class, level C");
	f->bad |= bj_export(bj.b, bj.code_b, NULL, &x);
	bj_case(f, g, &x, "Attested", "NONE", "customer", "AUTHORISED_ATTESTED",
		"qr-online with a device PIN at the provider (level B): the MAC needs the "
		"provider's key, the journal attests it");
	f->bad |= bj_export(bj.b, bj.code_b, bj.cert1, &x);
	bj_case(f, g, &x, "Attested", "NONE", "customer", "AUTHORISED_ATTESTED",
		"the same with the token's device certificate, which verifies under root 1");
	f->bad |= bj_export(bj.n, bj.code_n, NULL, &x);
	bj_case(f, g, &x, "Attested", "NONE", "customer", "AUTHORISED_ATTESTED",
		"numeric code at the provider, a PIN verified by the caller (level B)");
	f->bad |= bj_export(bj.x, bj.code_a, NULL, &x);
	bj_case(f, g, &x, "NotApproved", "NONE", "none", "NOT_APPROVED",
		"the first code presented again: declined REPLAYED, no payment");
	f->bad |= bj_export(bj.a, NULL, NULL, &x);
	bj_case(f, g, &x, "MissingCode", "NONE", "institution", "EVIDENCE_MISSING",
		"the level A payment, but the code was not kept: SPC 2021, the institution "
		"bears the burden of proof");
}

/* Edits inside the record and the checkpoint. */
static void bj_frames(pc_gen *f, cJSON *g)
{
	const char *fault;
	ev_bundle x;
	size_t at, len;

	f->bad |= bj_export(bj.a, bj.code_a, NULL, &x);
	at = item_at(&x, 4, &len);
	x.b[at + 106 + 4 + 7] ^= 0x01; /* the amount's last byte ("TX-A": 4 chars) */
	fault = "RECORD";
	INVALID("TamperedRecord", "one bit of the record's amount flipped: its CRC-32 fails");
	put_crc(x.b + at, len);
	fault = "PROOF";
	INVALID("TamperedRecord ForgedCrc",
		"the amount edited with a fresh CRC: the chain no longer reaches the signed head");
	f->bad |= bj_export(bj.a, bj.code_a, NULL, &x);
	at = item_at(&x, 6, &len);
	x.b[at + 22 + 16 + 32 + 4 + 1 + 10] ^= 0x01;
	fault = "CHECKPOINT";
	INVALID("ForgedCheckpoint", "one bit of the checkpoint signature flipped: its CRC fails");
	put_crc(x.b + at, len);
	fault = "SIGNATURE";
	INVALID("ForgedCheckpoint ForgedCrc",
		"the same with a fresh CRC: the signature does not verify");
	f->bad |= bj_export(bj.a, bj.code_a, NULL, &x);
	at = item_at(&x, 6, &len);
	x.b[at + 22 + 16 + 32 + 3] ^= 0x02;
	put_crc(x.b + at, len);
	fault = "KEY";
	INVALID("WrongJournalKey ForgedCrc", "the checkpoint names key 3, the verifier holds key 1");
}

/* Edits of the proof, the code and the certificate. */
static void bj_proof(pc_gen *f, cJSON *g)
{
	const char *fault = "PROOF";
	ev_bundle x;
	size_t at, len;

	f->bad |= bj_export(bj.a, bj.code_a, NULL, &x);
	at = item_at(&x, 5, &len);
	x.b[at + 32 + 7] ^= 0x80;
	INVALID("TamperedPath", "one bit of the second leaf digest of the path flipped");
	f->bad |= bj_export(bj.a, bj.code_a, NULL, &x);
	at = item_at(&x, 3, &len);
	x.b[at] ^= 0x01;
	INVALID("TamperedPath", "one bit of the chain head before the record flipped");
	f->bad |= bj_export(bj.a, bj.code_c, NULL, &x) == 0; /* refused by export */
	f->bad |= bj_export(bj.c, bj.code_c, NULL, &x);
	at = item_at(&x, 1, &len);
	memcpy(x.b + at, bj.code_a, len); /* same length: both qr-offline */
	fault = "CODE_DIGEST";
	INVALID("CodeMismatch", "the code of the level A payment in the bundle of the level C one");
	f->bad |= bj_export(bj.a, bj.code_a, NULL, &x);
	at = item_at(&x, 2, &len);
	memcpy(x.b + at, bj.cert_dev2, PC_CERT_LEN);
	fault = "CERT";
	INVALID("CertMismatch", "a certificate item that is not the one inside the qr-offline code");
	f->bad |= bj_export(bj.b, bj.code_b, bj.cert_tok2, &x);
	INVALID("CertMismatch", "a qr-online payment with a genuine certificate of another token");
	f->bad |= bj_export(bj.f, bj.code_f, NULL, &x);
	fault = "CODE";
	INVALID("ForgedRecord",
		"a record of APPROVE for a code whose counter was edited after the device signed "
		"it (MAC recomputed): the offline re-validation fails");
}

/* Edits of the structure. */
static void bj_structure(pc_gen *f, cJSON *g)
{
	const char *fault = "MALFORMED";
	ev_bundle x;

	f->bad |= bj_export(bj.a, bj.code_a, NULL, &x);
	x.b[0] = 'Q';
	INVALID("BadBundle", "magic \"QCEV\"");
	x.b[0] = 'P';
	x.b[4] = 2;
	INVALID("BadBundle", "version 2");
	x.b[4] = 1;
	x.b[x.n++] = 0;
	INVALID("BadBundle TrailingBytes", "a byte after the checkpoint item");
	x.n--;
	x.n -= 70;
	INVALID("TruncatedBundle", "the checkpoint item cut short");
	x.n = 5 + 3 + strlen(bj.code_a);
	INVALID("TruncatedBundle", "nothing after the code item");
}

static void bj_groups(pc_gen *f)
{
	const pc_gen_fix *fx = pc_gen_fixture();
	const char *fault;
	ev_bundle x;
	cJSON *g;

	g = bj_group(f, PC_GEN_ROOT1, &fx->root1, &ev.jkey);
	bj_valid(f, g);
	bj_frames(f, g);
	bj_proof(f, g);
	bj_structure(f, g);
	g = bj_group(f, PC_GEN_ROOT2, &fx->root2, &ev.jkey);
	f->bad |= bj_export(bj.a, bj.code_a, NULL, &x);
	fault = "CERT";
	INVALID("UnknownRoot", "the verifier trusts root 2 only; the certificate is root 1's");
	f->bad |= bj_export(bj.b, bj.code_b, NULL, &x);
	bj_case(f, g, &x, "Attested", "NONE", "customer", "AUTHORISED_ATTESTED",
		"an online code needs no root");
	g = bj_group(f, PC_GEN_ROOT1, &fx->root1, &ev.jkey_other);
	f->bad |= bj_export(bj.a, bj.code_a, NULL, &x);
	fault = "SIGNATURE";
	INVALID("WrongJournalKey", "another public key under the journal's key ID");
}

static const char *const bj_header[] = {
	"Evidence bundles (docs/SPEC-journal.md 7.7) verified offline, with the party that bears a",
	"loss (7.8). A group gives the provider roots the verifier trusts (keyId, pub) and the",
	"journal's checkpoint key (journalKey). A test gives a bundle (hex); expected: verified; the",
	"first fault, evidenceFault (NONE, MALFORMED, RECORD, CHECKPOINT, PROOF, KEY, SIGNATURE,",
	"CODE_DIGEST, CODE, CERT); lossBearer (customer, institution, none); and basis",
	"(NOT_APPROVED, LEVEL_C, EVIDENCE_INVALID, EVIDENCE_MISSING, AUTHORISED_VERIFIED,",
	"AUTHORISED_ATTESTED). result is valid exactly when the bundle verifies. Made by `paycode",
	"vectors gen` (cli/vectors_gen_evidence.c): one journal written by paycode's writer on a",
	"deterministic platform (journal key SHA-256(\"paycode vectors journal 1\"), clock",
	"1800000000, a counter-mode rng), codes from the fixture wallets of cpm-*.json judged by",
	"paycode's validators, then byte edits; expected verdicts written by hand from SPEC-journal",
	"7.7-7.8.",
	NULL
};

static cJSON *pc_gen_evidence_bundles_file(void)
{
	pc_gen f;

	pc_gen_init(&f);
	f.bad |= bj_build();
	if (!f.bad)
		bj_groups(&f);
	pc_journal_wipe(&jw);
	return pc_gen_finish(&f, "EVIDENCE-VERIFY", "evidence_schema.json", bj_header, NULL);
}

/* ============================================================================
 * evidence-journals.json
 * ========================================================================== */

static struct {
	uint8_t j[OBJ_CAP];
	size_t n;
	uint64_t off[16];
	uint32_t len[16];
	size_t count;
	uint8_t torn[OBJ_CAP];   /* the journal after a torn append */
	size_t torn_n, torn_k;
	uint8_t resumed[OBJ_CAP];/* ... and after the next writer's recovery */
	size_t resumed_n;
} jj;

/* 0 genesis, 1 checkpoint, 2-4 decisions, 5 event, 6 checkpoint, 7 decision. */
static int jj_build(void)
{
	const pc_gen_fix *fx = pc_gen_fixture();
	char code[PC_GEN_TEXT], txn[8];
	pc_journal_record rec;
	uint64_t seq;
	pc_wallet w;
	int bad = 0, i;

	bad |= ev_create(4) | ev_validators();
	bad |= pc_gen_wallet(&w, NULL, fx->master, PC_GEN_MK, PC_GEN_TOKEN1, PC_GEN_ALIAS1);
	bad |= pc_gen_device(&w, &fx->dev1, 1001);
	for (i = 0; i < 4; i++) {
		if (i == 3)
			bad |= pc_journal_event(&jw, PC_JEV_POLICE_REPORT, PC_GEN_TOKEN1, NOW,
						"PR-2027-1", NULL) != PC_OK;
		bad |= ev_qr(&w, PC_FORM_QR_OFFLINE, PC_CODE_F_UV_BIOMETRIC, code);
		txn[0] = 'T';
		txn[1] = (char)('1' + i);
		txn[2] = '\0';
		bad |= ev_judge(code, txn, 0, 0, &seq);
	}
	memcpy(jj.j, ev.obj, ev.len);
	jj.n = ev.len;
	bad |= pc_journal_reader_init(&jr, &ev.plat, JNAME, NULL) != PC_OK;
	while (!bad && pc_journal_reader_next(&jr, &rec) == PC_OK && jj.count < 16) {
		jj.off[jj.count] = rec.offset;
		jj.len[jj.count++] = rec.length;
	}
	/* a torn append of a fifth decision, then a writer's recovery */
	bad |= ev_qr(&w, PC_FORM_QR_OFFLINE, PC_CODE_F_UV_BIOMETRIC, code);
	ev.tear = jj.torn_k = 40;
	bad |= ev_judge(code, "T5", 0, 0, &seq) == 0;
	memcpy(jj.torn, ev.obj, ev.len);
	jj.torn_n = ev.len;
	bad |= pc_journal_open(&jw, &ev.plat, JNAME, NULL) != PC_OK;
	memcpy(jj.resumed, ev.obj, ev.len);
	jj.resumed_n = ev.len;
	pc_wallet_wipe(&w);
	pc_journal_wipe(&jw);
	return bad || jj.count != 8 ? -1 : 0;
}

static void jj_case(pc_gen *f, cJSON *g, const uint8_t *j, size_t n, int sigs,
		    const char *flags, const char *fault, int64_t index, int64_t offset,
		    int64_t records, int64_t resumes, const char *comment)
{
	cJSON *t = pc_gen_test(f, g, comment, flags);
	int intact = strcmp(fault, "NONE") == 0;

	hex_field(t, "journal", j, n);
	cJSON_AddBoolToObject(t, "checkSignatures", sigs);
	cJSON_AddBoolToObject(t, "intact", intact);
	cJSON_AddStringToObject(t, "journalFault", fault);
	if (!intact) {
		cJSON_AddNumberToObject(t, "faultIndex", (double)index);
		cJSON_AddNumberToObject(t, "faultOffset", (double)offset);
	}
	cJSON_AddNumberToObject(t, "records", (double)records);
	cJSON_AddNumberToObject(t, "resumes", (double)resumes);
	cJSON_AddStringToObject(t, "result", intact ? "valid" : "invalid");
}

/* The journal with its records reordered: order[0..k) indexes. */
static size_t jj_splice(const size_t *order, size_t k, uint8_t *out)
{
	size_t i, n = 0;

	for (i = 0; i < k; i++) {
		memcpy(out + n, jj.j + jj.off[order[i]], jj.len[order[i]]);
		n += jj.len[order[i]];
	}
	return n;
}

#define OFF(i) ((int64_t)jj.off[i])

static void jj_intact(pc_gen *f, cJSON *g)
{
	static uint8_t b[OBJ_CAP];

	jj_case(f, g, jj.j, jj.n, 1, "", "NONE", 0, 0, 8, 0,
		"genesis, checkpoint, three decisions, a police report, a checkpoint, a decision");
	jj_case(f, g, jj.j, jj.n, 0, "", "NONE", 0, 0, 8, 0, "the same, the chain only");
	jj_case(f, g, jj.torn, jj.torn_n, 1, "TornTail", "TORN", 8, (int64_t)jj.n, 8, 0,
		"a ninth record torn after 40 bytes: reported, the eight before verify");
	jj_case(f, g, jj.resumed, jj.resumed_n, 1, "Resumed", "NONE", 0, 0, 9, 1,
		"the next writer accounted for the torn bytes with a RESUME record");
	memcpy(b, jj.j, jj.n);
	memcpy(b + jj.n, "PJ", 2);
	jj_case(f, g, b, jj.n + 2, 1, "TornTail", "TORN", 8, (int64_t)jj.n, 8, 0,
		"two bytes of a record header at the end");
	jj_case(f, g, jj.j, (size_t)OFF(7) + jj.len[7] - 1, 1, "TornTail", "TORN", 7, OFF(7),
		7, 0, "the last record without its last byte");
	jj_case(f, g, jj.j, 0, 1, "Empty", "EMPTY", 0, 0, 0, 0, "an empty object");
}

static void jj_edits(pc_gen *f, cJSON *g)
{
	static uint8_t b[OBJ_CAP];
	static const size_t del[] = { 0, 1, 2, 4, 5, 6, 7 }, swp[] = { 0, 1, 2, 4, 3, 5, 6, 7 },
			    dup[] = { 0, 1, 2, 3, 3, 4, 5, 6, 7 };
	size_t n;

	memcpy(b, jj.j, jj.n);
	b[OFF(3) + 50] ^= 0x04;
	jj_case(f, g, b, jj.n, 0, "TamperedRecord", "FRAME", 3, OFF(3), 3, 0,
		"one bit of record 3 flipped: its CRC-32 fails, whole records follow");
	memcpy(b, jj.j, jj.n);
	b[OFF(7) + 30] ^= 0x04;
	jj_case(f, g, b, jj.n, 0, "TamperedRecord", "TORN", 7, OFF(7), 7, 0,
		"one bit of the last record flipped: nothing whole follows, so it reads as torn");
	memcpy(b, jj.j, jj.n);
	b[OFF(1) + 3] = 9;
	jj_case(f, g, b, jj.n, 0, "TamperedRecord", "FRAME", 1, OFF(1), 1, 0,
		"record 1's type byte set to 9");
	n = jj_splice(del, 7, b);
	jj_case(f, g, b, n, 1, "DeletedRecord", "SEQ", 3, OFF(3), 3, 0, "record 3 deleted");
	n = jj_splice(swp, 8, b);
	jj_case(f, g, b, n, 1, "ReorderedRecord", "SEQ", 3, OFF(3), 3, 0, "records 3 and 4 swapped");
	n = jj_splice(dup, 9, b);
	jj_case(f, g, b, n, 1, "InsertedRecord", "SEQ", 4, OFF(4), 4, 0, "record 3 twice");
	memcpy(b, jj.j, jj.n);
	memcpy(b + jj.n, "xx", 2);
	memcpy(b + jj.n + 2, jj.j + OFF(7), jj.len[7]);
	jj_case(f, g, b, jj.n + 2 + jj.len[7], 1, "TrailingBytes", "FRAME", 8, (int64_t)jj.n, 8, 0,
		"two stray bytes, then a whole record: not a torn append");
}

/* H(dom || 0x00 || a || b) (SPEC-journal 7.2.3), written out again here. */
static int dom_hash(const char *dom, const uint8_t *a, size_t alen, const uint8_t *b,
		    size_t blen, uint8_t out[32])
{
	uint8_t m[64 + PC_JOURNAL_FRAME_MAX + 64];
	size_t dl = strlen(dom) + 1;

	memcpy(m, dom, dl);
	memcpy(m + dl, a, alen);
	if (blen != 0)
		memcpy(m + dl + alen, b, blen);
	return pc_sha256(m, dl + alen + blen, out) == PC_OK ? 0 : -1;
}

/* Record 3 edited with a fresh CRC; then every head after it recomputed. */
static void jj_forged(pc_gen *f, cJSON *g)
{
	static uint8_t b[OBJ_CAP];
	uint8_t head[32] = { 0 }, leaf[32];
	size_t i;

	memcpy(b, jj.j, jj.n);
	b[OFF(3) + 106 + 2 + 7] ^= 0x01; /* the amount of "T2" */
	put_crc(b + OFF(3), jj.len[3]);
	jj_case(f, g, b, jj.n, 0, "ForgedCrc", "CHAIN", 6, OFF(6), 6, 0,
		"record 3's amount edited with a fresh CRC: the next checkpoint's head differs");
	for (i = 0; i < jj.count; i++) {
		if (b[OFF(i) + 3] == PC_JREC_CHECKPOINT) {
			memcpy(b + OFF(i) + 22 + 16, head, 32);
			put_crc(b + OFF(i), jj.len[i]);
		}
		f->bad |= dom_hash("paycode/v1/journal-record", b + OFF(i), jj.len[i] - 4,
				   NULL, 0, leaf);
		f->bad |= dom_hash("paycode/v1/journal-chain", head, 32, leaf, 32, head);
	}
	jj_case(f, g, b, jj.n, 0, "ForgedChain", "NONE", 0, 0, 8, 0,
		"the chain recomputed after the edit: without the key nothing shows");
	jj_case(f, g, b, jj.n, 1, "ForgedChain", "SIGNATURE", 6, OFF(6), 6, 0,
		"the same with the key: the checkpoint signature does not verify");
}

static const char *const jj_header[] = {
	"Journals (docs/SPEC-journal.md 7.2-7.4) checked record by record. A group gives the",
	"journal's checkpoint key (journalKey). A test gives the journal's bytes (hex, the storage",
	"object) and checkSignatures (false: the chain only); expected: intact, the first fault",
	"journalFault (NONE, TORN, FRAME, SYNTAX, SEQ, GENESIS, CHAIN, SIGNATURE, KEY, EMPTY), the",
	"record index and byte offset where it is (faultIndex, faultOffset, when not intact), the",
	"records that verified, and the RESUME records among them. result is valid exactly when the",
	"journal is intact. Made by `paycode vectors gen` (cli/vectors_gen_evidence.c) with paycode's",
	"writer on the deterministic platform of evidence-bundles.json; edits and expected faults",
	"written by hand from SPEC-journal 7.4.",
	NULL
};

static cJSON *pc_gen_evidence_journals_file(void)
{
	pc_gen f;
	cJSON *g;

	pc_gen_init(&f);
	f.bad |= jj_build();
	if (!f.bad) {
		g = pc_gen_group(&f, "JournalVerify");
		add_key(g, "journalKey", JKEY, ev.jkey.pub);
		jj_intact(&f, g);
		jj_edits(&f, g);
		jj_forged(&f, g);
		g = pc_gen_group(&f, "JournalVerify");
		add_key(g, "journalKey", JKEY + 8, ev.jkey.pub);
		jj_case(&f, g, jj.j, jj.n, 1, "WrongJournalKey", "KEY", 1, OFF(1), 1, 0,
			"the verifier holds key 9; the checkpoints name key 1");
		jj_case(&f, g, jj.j, jj.n, 0, "WrongJournalKey", "NONE", 0, 0, 8, 0,
			"the chain alone needs no key");
	}
	return pc_gen_finish(&f, "JOURNAL-VERIFY", "evidence_schema.json", jj_header, NULL);
}

int pc_gen_evidence_files(cJSON **bundles, cJSON **journals)
{
	if (ev_setup() != 0)
		return -1;
	*bundles = pc_gen_evidence_bundles_file();
	*journals = pc_gen_evidence_journals_file();
	pc_journal_reader_wipe(&jr);
	return 0;
}
