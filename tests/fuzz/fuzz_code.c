/*
 * libFuzzer target for the consumer-code validation pipeline
 * (core/validate.c, core/code_layout.c, core/cert.c, core/otp.c).
 *
 * Set up once (LLVMFuzzerInitialize) on a tiny platform defined here, so
 * the target links against the library sources alone: a fixed clock, a
 * deterministic rng, and a one-key key store that signs with a fixed device
 * key through pc_p256_sign. Fixed root and master keys; a revocation list
 * (installed in the terminal only) revokes one of the device certificates.
 * A wallet then builds the genuine codes listed in gen[] below (every
 * numeric code of the acceptance window, qr-online and qr-offline codes,
 * and some that must be declined: revoked, not for offline use, expired,
 * not yet valid, wrong step, unknown alias, unknown master key, unknown
 * root), each with the verdict
 * and reason a provider and a terminal must give. Four validators are
 * snapshotted: a provider deriving token keys from the master key with a
 * cold certificate cache, a provider with the token_key cache hook and a
 * warm certificate cache, a terminal with a warm cache, and a copy of the
 * second provider whose replay store always fails.
 *
 * Each input is judged twice over when short:
 *   - as code text, on every validator restored from its snapshot, with a
 *     fresh memstore (so every run is reproducible from its input alone);
 *   - when it is at most MASK_MAX bytes, as a mutation: byte 0 picks a
 *     genuine code, bytes 1-2 an offset, the rest is XORed into the code's
 *     bytes from that offset on (base64-decoded for the QR forms, then
 *     re-encoded; the digits for the numeric form), so mutations get past
 *     base64 and the layout and reach the MAC, OTP and signature checks.
 * The genuine codes follow from the fixed keys, clock and rng seeds here:
 * change any of them and saved corpora may hold valid codes outside gen[],
 * which the oracles below report as forgeries (start from a fresh corpus).
 * Oracles (abort() on failure, so libFuzzer keeps the input):
 *   - pc_validate() returns PC_OK and fills a decision whose verdict and
 *     reason are in range, with APPROVE exactly when the reason is OK,
 *     consumed exactly when approved, and the SHA-256 of the text;
 *   - APPROVE only for a text byte-identical to a genuine code that this
 *     validator must approve, so no malformed or mutated text is ever
 *     approved; a genuine code gets exactly its expected decision;
 *   - an approved code is declined REPLAYED on a second try;
 *   - the two providers (derived key, cold cache / cached key, warm cache)
 *     reach the same decision: neither cache may change an outcome;
 *   - with the failing store, the decision is the same as with a working
 *     one except that an approval becomes DECLINE STORE_FAULT (fail closed);
 *   - a mutated code that is not approved consumes nothing: the genuine
 *     code still gets its expected decision afterwards.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <paycode/code.h>
#include <paycode/crypto.h>
#include <paycode/tlv.h>

#define NOW ((pc_time)1800000000)
#define ROOT_ID 1u
#define MASTER_ID 7u
#define DEVICE_KEY 3u
#define TOKEN 0x0102030405060708ull
#define ALIAS 1234567u
#define OTHER_TOKEN 0x1111ull
#define OTHER_ALIAS 7654321u
#define UNKNOWN_ALIAS 5550000u
#define NO_KEY_ALIAS 3333333u /* assigned, but under an unknown master key */
#define REVOKED_SERIAL 666u
#define MASK_MAX 64u
#define MAX_GEN 32u
#define MAX_TEXT PC_QR_CODE_MAX_LEN

static void fail(int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, line, what);
	abort();
}

#define check(x) ((x) ? (void)0 : fail(__LINE__, #x))

/* ---- a tiny deterministic platform ------------------------------------- */

static pc_time g_now = NOW;
static uint64_t g_rng_blocks;
static uint8_t dev_priv[32], dev_pub[65];

/* SHA-256 of a block counter: deterministic, and different per call. */
static pc_err t_rng(void *ctx, uint8_t *out, size_t len)
{
	uint8_t in[8], block[32];
	size_t n;
	int i;

	(void)ctx;
	while (len > 0) {
		for (i = 0; i < 8; i++)
			in[i] = (uint8_t)(g_rng_blocks >> (56 - 8 * i));
		g_rng_blocks++;
		if (pc_sha256(in, sizeof in, block) != PC_OK)
			return PC_ERR_RNG;
		n = len < sizeof block ? len : sizeof block;
		memcpy(out, block, n);
		out += n;
		len -= n;
	}
	return PC_OK;
}

static pc_err t_time(void *ctx, pc_time *now)
{
	(void)ctx;
	*now = g_now;
	return PC_OK;
}

static pc_err t_key_public(void *ctx, uint32_t key_id, uint8_t *pub, size_t cap)
{
	(void)ctx;
	if (key_id != DEVICE_KEY)
		return PC_ERR_NOT_FOUND;
	if (cap < 65)
		return PC_ERR_BUFFER_TOO_SMALL;
	memcpy(pub, dev_pub, 65);
	return PC_OK;
}

static pc_err t_key_sign(void *ctx, uint32_t key_id, const uint8_t hash[32],
			 uint8_t *sig, size_t cap)
{
	(void)ctx;
	if (key_id != DEVICE_KEY)
		return PC_ERR_NOT_FOUND;
	if (cap < 64)
		return PC_ERR_BUFFER_TOO_SMALL;
	return pc_p256_sign(dev_priv, hash, sig) == PC_OK ? PC_OK : PC_ERR_KEYSTORE;
}

static pc_platform plat = {
	.version = PC_PLATFORM_VERSION,
	.rng = t_rng,
	.time_now = t_time,
	.key_public = t_key_public,
	.key_sign = t_key_sign,
};

/* ---- provider hooks ------------------------------------------------------ */

static uint8_t root_priv[32], root_pub[65], master[32], tok_key[32], other_key[32];

static pc_err hook_master(void *ctx, uint32_t id, uint8_t out[PC_KEY_LEN])
{
	(void)ctx;
	if (id != MASTER_ID)
		return PC_ERR_NOT_FOUND;
	memcpy(out, master, PC_KEY_LEN);
	return PC_OK;
}

static pc_err hook_alias(void *ctx, uint32_t alias, uint64_t *token, uint32_t *mkid)
{
	(void)ctx;
	if (alias == ALIAS)
		*token = TOKEN;
	else if (alias == OTHER_ALIAS || alias == NO_KEY_ALIAS)
		*token = OTHER_TOKEN;
	else
		return PC_ERR_NOT_FOUND;
	*mkid = alias == NO_KEY_ALIAS ? 99u : MASTER_ID;
	return PC_OK;
}

/* A provider's key cache: hits for the two known tokens, derivation on a
 * miss (as a cache in front of pc_token_key() would), so both providers
 * must decide alike. */
static pc_err hook_token_key(void *ctx, uint32_t mkid, uint64_t token,
			     uint8_t out[PC_KEY_LEN])
{
	(void)ctx;
	if (mkid != MASTER_ID)
		return PC_ERR_NOT_FOUND;
	if (token == TOKEN)
		memcpy(out, tok_key, PC_KEY_LEN);
	else if (token == OTHER_TOKEN)
		memcpy(out, other_key, PC_KEY_LEN);
	else
		return pc_token_key(master, mkid, token, out);
	return PC_OK;
}

static const pc_provider_hooks derive_hooks = { NULL, hook_master, hook_alias, NULL };
static const pc_provider_hooks cached_hooks = { NULL, hook_master, hook_alias,
						hook_token_key };

/* ---- genuine codes --------------------------------------------------------- */

enum { V_DERIVE, V_CACHED, V_TERM, V_BROKEN, NV };

typedef struct expect {
	pc_verdict verdict;
	pc_reason reason;
} expect;

typedef struct genuine {
	char text[MAX_TEXT];
	size_t len;
	pc_form form;
	expect want[NV];
} genuine;

static genuine gen[MAX_GEN];
static size_t ngen;

static pc_validator snap[NV], val[NV];
static pc_memstore ms[NV];
static pc_store st[NV];
static pc_wallet w;
static uint8_t cert_ok[PC_CERT_LEN], cert_revoked[PC_CERT_LEN], cert_online[PC_CERT_LEN],
	       cert_other_root[PC_CERT_LEN];

static const expect APPROVED = { PC_APPROVE, PC_R_OK };
static const expect ONLINE_ONLY = { PC_REFER_ONLINE, PC_R_ONLINE_REQUIRED };

static void add(pc_form form, expect prov, expect term)
{
	check(ngen < MAX_GEN);
	gen[ngen].form = form;
	gen[ngen].want[V_DERIVE] = prov;
	gen[ngen].want[V_CACHED] = prov;
	gen[ngen].want[V_TERM] = term;
	gen[ngen].want[V_BROKEN] = prov;
	if (prov.verdict == PC_APPROVE) { /* a store fault never approves */
		gen[ngen].want[V_BROKEN].verdict = PC_DECLINE;
		gen[ngen].want[V_BROKEN].reason = PC_R_STORE_FAULT;
	}
	ngen++;
}

static void add_numeric(pc_time at, expect prov)
{
	check(ngen < MAX_GEN);
	g_now = at;
	check(pc_wallet_numeric(&w, gen[ngen].text) == PC_OK);
	gen[ngen].len = PC_NUMERIC_LEN;
	add(PC_FORM_NUMERIC, prov, ONLINE_ONLY);
	g_now = NOW;
}

static void add_qr(pc_form form, pc_time at, const uint8_t *cert, uint8_t flags,
		   expect prov, expect term)
{
	check(ngen < MAX_GEN);
	g_now = at;
	/* the unpredictable number depends on this code alone, so adding a
	 * code to the list does not change the others */
	g_rng_blocks = (uint64_t)at ^ w.token_id << 8 ^ (uint64_t)w.counter << 40 ^
		       (uint64_t)form << 56;
	if (cert != NULL)
		check(pc_wallet_set_device(&w, DEVICE_KEY, cert) == PC_OK);
	check(pc_wallet_qr(&w, form, flags, gen[ngen].text, MAX_TEXT,
			   &gen[ngen].len) == PC_OK);
	add(form, prov, term);
	g_now = NOW;
}

static void make_cert(uint8_t out[PC_CERT_LEN], uint64_t serial, uint8_t flags,
		      uint32_t issuer)
{
	pc_cert c;

	memset(&c, 0, sizeof c);
	c.suite = PC_SUITE_1;
	c.issuer_key_id = issuer;
	c.serial = serial;
	c.token_id = TOKEN;
	c.alias = ALIAS;
	c.not_before = NOW - 86400;
	c.not_after = NOW + 86400;
	c.max_risk = PC_RISK_B;
	c.flags = flags;
	memcpy(c.pub, dev_pub, 65);
	check(pc_cert_sign(&c, root_priv) == PC_OK);
	check(pc_cert_encode(&c, out) == PC_OK);
}

static void make_codes(void)
{
	static const expect expired = { PC_DECLINE, PC_R_EXPIRED };
	static const expect early = { PC_DECLINE, PC_R_NOT_YET_VALID };
	static const expect revoked = { PC_DECLINE, PC_R_REVOKED };
	static const expect not_offline = { PC_DECLINE, PC_R_CERT_INVALID };
	static const expect no_token = { PC_DECLINE, PC_R_UNKNOWN_TOKEN };
	static const expect no_key = { PC_DECLINE, PC_R_UNKNOWN_KEY };
	static const expect bad_otp = { PC_DECLINE, PC_R_CRYPTO };
	pc_time t;

	check(pc_wallet_init(&w, &plat, NULL, tok_key, MASTER_ID, TOKEN, ALIAS, 0) == PC_OK);
	/* every step of the window now - ttl - skew .. now + skew (SPEC §3.2.2) */
	for (t = (NOW - 90) / 15; t <= (NOW + 30) / 15; t++)
		add_numeric(t * 15, APPROVED);
	/* T mod 10 = 3 names no step of the window: EXPIRED; T mod 10 = 6
	 * names a step of the window, not the one used: CRYPTO */
	add_numeric(NOW - 105, expired);
	add_numeric(NOW - 200, bad_otp);
	add_qr(PC_FORM_QR_ONLINE, NOW - 5, NULL, PC_CODE_F_UV_BIOMETRIC, APPROVED, ONLINE_ONLY);
	add_qr(PC_FORM_QR_ONLINE, NOW + 30, NULL, 0, APPROVED, ONLINE_ONLY);
	add_qr(PC_FORM_QR_ONLINE, NOW - 91, NULL, 0, expired, ONLINE_ONLY);
	add_qr(PC_FORM_QR_OFFLINE, NOW, cert_ok, PC_CODE_F_UV_PIN, APPROVED, APPROVED);
	add_qr(PC_FORM_QR_OFFLINE, NOW - 90, cert_ok, 0, APPROVED, APPROVED);
	add_qr(PC_FORM_QR_OFFLINE, NOW + 31, cert_ok, 0, early, early);
	add_qr(PC_FORM_QR_OFFLINE, NOW, cert_revoked, 0, APPROVED, revoked);
	add_qr(PC_FORM_QR_OFFLINE, NOW, cert_online, 0, not_offline, not_offline);
	add_qr(PC_FORM_QR_OFFLINE, NOW, cert_other_root, 0, no_key, no_key);
	check(pc_wallet_init(&w, &plat, NULL, other_key, MASTER_ID, OTHER_TOKEN, OTHER_ALIAS,
			     5) == PC_OK);
	add_numeric(NOW, APPROVED);
	add_qr(PC_FORM_QR_ONLINE, NOW, NULL, 0, APPROVED, ONLINE_ONLY);
	check(pc_wallet_init(&w, &plat, NULL, other_key, MASTER_ID, OTHER_TOKEN, UNKNOWN_ALIAS,
			     0) == PC_OK);
	add_numeric(NOW, no_token);
	check(pc_wallet_init(&w, &plat, NULL, other_key, MASTER_ID, OTHER_TOKEN, NO_KEY_ALIAS,
			     0) == PC_OK);
	add_numeric(NOW, no_key);
	check(pc_wallet_init(&w, &plat, NULL, other_key, 99, OTHER_TOKEN, OTHER_ALIAS, 0) == PC_OK);
	add_qr(PC_FORM_QR_ONLINE, NOW, NULL, 0, no_key, ONLINE_ONLY);
}

/* A fixed P-256 key pair from a label (SHA-256 of it is below n). */
static void fixed_key(const char *label, uint8_t priv[32], uint8_t pub[65])
{
	check(pc_sha256(label, strlen(label), priv) == PC_OK);
	check(pc_p256_public(priv, pub) == PC_OK);
}

static void install_crl(pc_validator *v)
{
	static const uint64_t serials[] = { 5, REVOKED_SERIAL, 7000 };
	static pc_crl l;
	uint8_t buf[PC_CRL_LEN(3)];
	size_t n = 0;

	memset(&l, 0, sizeof l);
	l.suite = PC_SUITE_1;
	l.issuer_key_id = ROOT_ID;
	l.number = 1;
	l.this_update = NOW - 60;
	l.next_update = NOW + 3600;
	l.count = 3;
	memcpy(l.serial, serials, sizeof serials);
	check(pc_crl_sign(&l, root_priv) == PC_OK);
	check(pc_crl_encode(&l, buf, sizeof buf, &n) == PC_OK);
	check(pc_validator_set_crl(v, buf, n) == PC_OK);
}

static void reset_all(void)
{
	size_t i;

	for (i = 0; i < NV; i++) {
		val[i] = snap[i];
		if (i != V_BROKEN)
			pc_memstore_init(&ms[i], NULL, &st[i]);
	}
}

/* A replay store that always fails: the validator must fail closed. */
static pc_err broken_consume(void *ctx, const uint8_t key[PC_REPLAY_KEY_LEN],
			     pc_time expires, pc_time now)
{
	(void)ctx; (void)key; (void)expires; (void)now;
	return PC_ERR_STORAGE;
}

/* Validate genuine code g (an offline one: its certificate gets cached). */
static void prime(pc_validator *v, size_t g)
{
	pc_decision d;

	check(pc_validate(v, gen[g].text, gen[g].len, &d) == PC_OK);
	check(d.verdict == PC_APPROVE || d.reason == PC_R_STORE_FAULT);
}

static void make_validators(void)
{
	size_t i, warm = 0;

	for (i = 0; i < NV; i++)
		pc_memstore_init(&ms[i], NULL, &st[i]);
	st[V_BROKEN].consume = broken_consume;
	check(pc_validator_init(&snap[V_DERIVE], PC_MODE_PROVIDER, &plat, &st[V_DERIVE],
				&derive_hooks, NULL) == PC_OK);
	check(pc_validator_init(&snap[V_CACHED], PC_MODE_PROVIDER, &plat, &st[V_CACHED],
				&cached_hooks, NULL) == PC_OK);
	check(pc_validator_init(&snap[V_TERM], PC_MODE_TERMINAL, &plat, &st[V_TERM],
				NULL, NULL) == PC_OK);
	check(pc_validator_init(&snap[V_BROKEN], PC_MODE_PROVIDER, &plat, &st[V_BROKEN],
				&cached_hooks, NULL) == PC_OK);
	for (i = 0; i < NV; i++)
		check(pc_validator_add_root(&snap[i], ROOT_ID, root_pub) == PC_OK);
	install_crl(&snap[V_TERM]);
	while (gen[warm].form != PC_FORM_QR_OFFLINE)
		warm++;
	prime(&snap[V_CACHED], warm);
	prime(&snap[V_TERM], warm);
	prime(&snap[V_BROKEN], warm);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	size_t i, v;
	pc_decision d;

	(void)argc;
	(void)argv;
	fixed_key("paycode fuzz root", root_priv, root_pub);
	fixed_key("paycode fuzz device", dev_priv, dev_pub);
	check(pc_sha256("paycode fuzz master", 19, master) == PC_OK);
	check(pc_token_key(master, MASTER_ID, TOKEN, tok_key) == PC_OK);
	check(pc_token_key(master, MASTER_ID, OTHER_TOKEN, other_key) == PC_OK);
	make_cert(cert_ok, 1001, PC_CERT_F_OFFLINE, ROOT_ID);
	make_cert(cert_revoked, REVOKED_SERIAL, PC_CERT_F_OFFLINE, ROOT_ID);
	make_cert(cert_online, 1002, 0, ROOT_ID);
	make_cert(cert_other_root, 1003, PC_CERT_F_OFFLINE, ROOT_ID + 1);
	make_codes();
	make_validators();
	/* Self-test: every genuine code gets its expected decision. */
	for (i = 0; i < ngen; i++) {
		reset_all();
		for (v = 0; v < NV; v++) {
			check(pc_validate(&val[v], gen[i].text, gen[i].len, &d) == PC_OK);
			if (d.verdict != gen[i].want[v].verdict || d.reason != gen[i].want[v].reason) {
				fprintf(stderr, "genuine code %zu on validator %zu: %s/%s\n", i, v,
					pc_verdict_name(d.verdict), pc_reason_name(d.reason));
				fail(__LINE__, "expected decision");
			}
		}
	}
	return 0;
}

/* ---- oracles ------------------------------------------------------------- */

/* The genuine code whose text this is, or -1. */
static int genuine_index(const char *t, size_t n)
{
	size_t i;

	for (i = 0; i < ngen; i++)
		if (gen[i].len == n && memcmp(gen[i].text, t, n) == 0)
			return (int)i;
	return -1;
}

static void check_decision(const pc_decision *d, const uint8_t digest[32])
{
	check((unsigned)d->verdict <= PC_REFER_ONLINE && d->verdict != PC_STEP_UP);
	check((unsigned)d->reason <= PC_R_CRL_STALE);
	check((d->verdict == PC_APPROVE) == (d->reason == PC_R_OK));
	check(d->consumed == (d->verdict == PC_APPROVE));
	check((unsigned)d->form <= PC_FORM_QR_OFFLINE);
	check(memcmp(d->digest, digest, 32) == 0);
}

static bool same_decision(const pc_decision *a, const pc_decision *b)
{
	return a->verdict == b->verdict && a->reason == b->reason && a->form == b->form &&
	       a->token_id == b->token_id && a->cert_serial == b->cert_serial &&
	       a->counter == b->counter && a->gen_time == b->gen_time &&
	       a->flags == b->flags && a->consumed == b->consumed &&
	       memcmp(a->digest, b->digest, 32) == 0;
}

/* Judge text t on every validator from its snapshot. */
static void judge(const char *t, size_t n)
{
	uint8_t digest[32];
	pc_decision d[NV], again;
	int g = genuine_index(t, n);
	size_t v;

	check(pc_sha256(t, n, digest) == PC_OK);
	reset_all();
	for (v = 0; v < NV; v++) {
		check(pc_validate(&val[v], t, n, &d[v]) == PC_OK);
		check_decision(&d[v], digest);
		if (g >= 0)
			check(d[v].verdict == gen[g].want[v].verdict &&
			      d[v].reason == gen[g].want[v].reason);
		if (d[v].verdict != PC_APPROVE)
			continue;
		/* only genuine codes are ever approved */
		check(g >= 0 && gen[g].want[v].verdict == PC_APPROVE);
		check(v != V_TERM || d[v].form == PC_FORM_QR_OFFLINE);
		check(pc_validate(&val[v], t, n, &again) == PC_OK);
		check_decision(&again, digest);
		check(again.verdict == PC_DECLINE && again.reason == PC_R_REPLAYED);
	}
	check(same_decision(&d[V_DERIVE], &d[V_CACHED]));
	if (d[V_CACHED].verdict == PC_APPROVE) {
		check(d[V_BROKEN].verdict == PC_DECLINE && d[V_BROKEN].reason == PC_R_STORE_FAULT);
		d[V_BROKEN].verdict = PC_APPROVE;
		d[V_BROKEN].reason = PC_R_OK;
		d[V_BROKEN].consumed = 1;
	}
	check(same_decision(&d[V_CACHED], &d[V_BROKEN]));
}

/* After a declined mutation, genuine code g still gets its decision on the
 * validator that decides it with the least work. */
static void check_nothing_consumed(size_t g)
{
	size_t v = gen[g].form == PC_FORM_QR_OFFLINE ? V_TERM : V_CACHED;
	pc_decision d;

	check(pc_validate(&val[v], gen[g].text, gen[g].len, &d) == PC_OK);
	check(d.verdict == gen[g].want[v].verdict && d.reason == gen[g].want[v].reason);
}

static void mutate(const uint8_t *data, size_t size)
{
	static uint8_t bin[MAX_TEXT];
	static char text[MAX_TEXT];
	size_t g = data[0] % ngen, off, blen = 0, tlen = 0, i;

	if (gen[g].form == PC_FORM_NUMERIC) {
		memcpy(bin, gen[g].text, gen[g].len);
		blen = gen[g].len;
	} else {
		check(pc_base64_decode(gen[g].text, gen[g].len, bin, sizeof bin, &blen) == PC_OK);
	}
	off = size >= 3 ? ((size_t)data[1] << 8 | data[2]) % blen : 0;
	for (i = 3; i < size; i++)
		bin[(off + i - 3) % blen] ^= data[i];
	if (gen[g].form == PC_FORM_NUMERIC) {
		memcpy(text, bin, blen);
		tlen = blen;
	} else {
		check(pc_base64_encode(bin, blen, text, sizeof text, &tlen) == PC_OK);
	}
	judge(text, tlen);
	if (genuine_index(text, tlen) != (int)g)
		check_nothing_consumed(g);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size ? size : 1);

	check(in != NULL);
	if (size != 0)
		memcpy(in, data, size);
	judge(in, size);
	free(in);
	if (size >= 1 && size <= MASK_MAX)
		mutate(data, size);
	return 0;
}
