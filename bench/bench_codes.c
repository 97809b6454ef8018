/*
 * Consumer payment codes (core/wallet.c, core/validate.c): validations and
 * generations per second per core for the three forms, against the crypto
 * floor measured with the same mbedTLS in the same run, so the ratios hold
 * across machines.
 *
 * Set-up (fake port, fixed clock): one provider root, one device key in the
 * fake key store, NCERT certificates for that key differing in serial, and
 * NCODES distinct pre-generated codes per form, made outside the timing:
 *   numeric     NCODES aliases (one token each) at the same time step;
 *   qr-online   one token, counters 0..NCODES-1, clock NOW-0 .. NOW-59;
 *   qr-offline  the same, signed by the fake key store; "warm" codes all
 *               carry certificate 0 (verified once before the timing, so
 *               every timed validation hits the certificate cache: a
 *               returning wallet), "cold" codes cycle through NCERT = 32 >
 *               PC_CERT_CACHE certificates, so with the cache's round-robin
 *               replacement every timed validation verifies its certificate
 *               (first sight of a certificate).
 * Every validation is one pc_validate() call on the code text and must
 * APPROVE; it includes the SHA-256 of the code text, base64, layout, key
 * hooks, MAC/OTP and signatures, the time window and the replay consume.
 *
 * Replay store: PC_MEMSTORE_SLOTS is compiled into the library, so the
 * timed validations run in batches of BATCH (a quarter of the table, so
 * its probing stays short) and the memstore is re-initialised between
 * batches outside the timing. The "null store" lines use a pc_store whose
 * consume always returns PC_OK: they exclude the store (but still include
 * the replay-key SHA-256, which the validator computes). No mutex hooks.
 *
 * Provider key hooks: "derive" gives master_key only, so each validation
 * runs pc_token_key() (HKDF: two HMACs); "cached" adds the token_key hook,
 * which copies a key from a table filled before the timing.
 *
 * Floors call mbedTLS directly (this file, like bench code in general, is
 * outside the STYLE §14 quarantine): one-shot mbedtls_md_hmac over the
 * exact bytes the qr-online MAC covers and over the 8-byte HOTP counter;
 * ECDSA P-256 verify and deterministic sign with the group and key loaded
 * once. The pc_* wrappers are measured too, to show their own overhead.
 *
 * Each measurement keeps the best of five runs of at least 0.3 s; the
 * runs of all measurements are interleaved. Time is the thread's CPU time
 * (CLOCK_THREAD_CPUTIME_ID), so time spent preempted by other load on a
 * shared machine is not counted; single-threaded, so "per second" is per
 * core. Exit status 1 when any code fails to approve.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mbedtls/ecdsa.h>
#include <mbedtls/ecp.h>
#include <mbedtls/md.h>
#include <mbedtls/version.h>

#include <paycode/code.h>
#include <paycode/crypto.h>
#include <paycode/tlv.h>
#include "code_layout.h" /* the MAC span, to size the HMAC floor exactly */
#include "fake.h"

#define NOW ((pc_time)1800000000)
#define MASTER_ID 7u
#define TOKEN 0x0102030405060708ull
#define ALIAS0 1000000u
#define TOKEN0 0x1000ull
#define ROOT_ID 1u
#define DEVICE_KEY 3u
#define NCODES 512u
#define BATCH 256u
#define NCERT 32u
#define QR_CAP PC_QR_CODE_MAX_LEN

typedef struct codeset {
	const char *name;
	char text[NCODES][QR_CAP];
	size_t len[NCODES];
} codeset;

static pc_fake fk;
static pc_platform plat;
static uint8_t root_priv[32], root_pub[65], master[32], dev_pub[65];
static uint8_t cert[NCERT][PC_CERT_LEN];
static uint8_t tokkey[NCODES][PC_KEY_LEN], tok0key[PC_KEY_LEN];
static codeset num, onl, offw, offc;
static pc_memstore ms;
static pc_store st_mem, st_null;
static pc_wallet w;
static volatile unsigned long sink;
static unsigned long not_approved;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what, int line)
{
	fprintf(stderr, "bench_codes: line %d: %s\n", line, what);
	exit(1);
}

#define MUST(x) ((x) ? (void)0 : die(#x, __LINE__))

/* ---- provider hooks --------------------------------------------------- */

static pc_err hook_master(void *ctx, uint32_t id, uint8_t out[PC_KEY_LEN])
{
	(void)ctx;
	if (id != MASTER_ID)
		return PC_ERR_NOT_FOUND;
	memcpy(out, master, PC_KEY_LEN);
	return PC_OK;
}

/* Alias ALIAS0 + i is token TOKEN0 + i; the QR token TOKEN has ALIAS0 - 1. */
static pc_err hook_alias(void *ctx, uint32_t alias, uint64_t *token, uint32_t *mkid)
{
	(void)ctx;
	if (alias == ALIAS0 - 1u)
		*token = TOKEN;
	else if (alias >= ALIAS0 && alias < ALIAS0 + NCODES)
		*token = TOKEN0 + (alias - ALIAS0);
	else
		return PC_ERR_NOT_FOUND;
	*mkid = MASTER_ID;
	return PC_OK;
}

/* A provider's key cache: a table lookup and a copy. */
static pc_err hook_token_key(void *ctx, uint32_t mkid, uint64_t token,
			     uint8_t out[PC_KEY_LEN])
{
	(void)ctx;
	if (mkid != MASTER_ID)
		return PC_ERR_NOT_FOUND;
	if (token == TOKEN)
		memcpy(out, tok0key, PC_KEY_LEN);
	else if (token >= TOKEN0 && token < TOKEN0 + NCODES)
		memcpy(out, tokkey[token - TOKEN0], PC_KEY_LEN);
	else
		return PC_ERR_NOT_FOUND;
	return PC_OK;
}

static const pc_provider_hooks derive_hooks = { NULL, hook_master, hook_alias, NULL };
static const pc_provider_hooks cached_hooks = { NULL, hook_master, hook_alias,
						hook_token_key };

static pc_err null_consume(void *ctx, const uint8_t key[PC_REPLAY_KEY_LEN],
			   pc_time expires, pc_time now)
{
	(void)ctx; (void)key; (void)expires; (void)now;
	return PC_OK;
}

/* ---- set-up --------------------------------------------------------------- */

static void make_certs(void)
{
	pc_cert c;
	unsigned i;

	for (i = 0; i < NCERT; i++) {
		memset(&c, 0, sizeof c);
		c.suite = PC_SUITE_1;
		c.issuer_key_id = ROOT_ID;
		c.serial = 1000u + i;
		c.token_id = TOKEN;
		c.alias = ALIAS0 - 1u;
		c.not_before = NOW - 86400;
		c.not_after = NOW + 86400 * 365;
		c.max_risk = PC_RISK_B;
		c.flags = PC_CERT_F_OFFLINE;
		memcpy(c.pub, dev_pub, 65);
		MUST(pc_cert_sign(&c, root_priv) == PC_OK);
		MUST(pc_cert_encode(&c, cert[i]) == PC_OK);
	}
}

static void make_qr(codeset *s, pc_form form, bool cycle_certs)
{
	unsigned i;

	MUST(pc_wallet_init(&w, &plat, NULL, tok0key, MASTER_ID, TOKEN,
			    ALIAS0 - 1u, 0) == PC_OK);
	for (i = 0; i < NCODES; i++) {
		MUST(pc_wallet_set_device(&w, DEVICE_KEY,
					  cert[cycle_certs ? i % NCERT : 0]) == PC_OK);
		pc_fake_set_time(&fk, NOW - (pc_time)(i % 60u));
		MUST(pc_wallet_qr(&w, form, PC_CODE_F_UV_BIOMETRIC, s->text[i],
				  QR_CAP, &s->len[i]) == PC_OK);
	}
	pc_fake_set_time(&fk, NOW);
}

static void setup(void)
{
	unsigned i;

	pc_fake_init(&fk, 42, &plat);
	pc_fake_set_time(&fk, NOW);
	for (i = 0; i < 32; i++)
		master[i] = (uint8_t)(0xA0 + i);
	MUST(pc_p256_keygen(&plat, root_priv, root_pub) == PC_OK);
	MUST(plat.key_generate(plat.ctx, DEVICE_KEY, PC_KEY_SUITE_P256, dev_pub, 65) == PC_OK);
	make_certs();
	MUST(pc_token_key(master, MASTER_ID, TOKEN, tok0key) == PC_OK);
	num.name = "numeric";
	for (i = 0; i < NCODES; i++) {
		MUST(pc_token_key(master, MASTER_ID, TOKEN0 + i, tokkey[i]) == PC_OK);
		MUST(pc_wallet_init(&w, &plat, NULL, tokkey[i], MASTER_ID, TOKEN0 + i,
				    ALIAS0 + i, 0) == PC_OK);
		MUST(pc_wallet_numeric(&w, num.text[i]) == PC_OK);
		num.len[i] = PC_NUMERIC_LEN;
	}
	onl.name = "qr-online";
	make_qr(&onl, PC_FORM_QR_ONLINE, false);
	offw.name = "qr-offline";
	make_qr(&offw, PC_FORM_QR_OFFLINE, false);
	offc.name = "qr-offline";
	make_qr(&offc, PC_FORM_QR_OFFLINE, true);
	pc_memstore_init(&ms, NULL, &st_mem);
	st_null.ctx = NULL;
	st_null.consume = null_consume;
}

/* ---- timing ------------------------------------------------------------- */

/* One measurement. Ops are numbered k = 0, 1, ... across all its runs. */
typedef struct job {
	const char *label;
	void (*op)(size_t k);
	void (*reset)(void); /* between batches, untimed; may be NULL */
	size_t batch;
	pc_validator *v;     /* validation jobs: validator and codes */
	codeset *s;
	size_t k;
	double best;         /* seconds per op */
} job;

static pc_validator *cur_v;
static codeset *cur_s;

/* One run: timed batches until they add up to >= 0.3 s; keeps the best
 * seconds per op over runs. The runs of all jobs are interleaved (see
 * main), so a burst of load elsewhere on the machine spoils at most one
 * run of each job instead of all five runs of one. */
static void run_once(job *j)
{
	double spent = 0, t0;
	size_t done = 0, i;

	cur_v = j->v;
	cur_s = j->s;
	do {
		if (j->reset != NULL)
			j->reset();
		t0 = now_s();
		for (i = 0; i < j->batch; i++)
			j->op(j->k++);
		spent += now_s() - t0;
		done += j->batch;
	} while (spent < 0.3);
	if (j->best == 0 || spent / (double)done < j->best)
		j->best = spent / (double)done;
}

static void op_validate(size_t k)
{
	size_t i = k % NCODES;
	pc_decision d;

	if (pc_validate(cur_v, cur_s->text[i], cur_s->len[i], &d) != PC_OK ||
	    d.verdict != PC_APPROVE)
		not_approved++;
	sink += d.counter;
}

static void reset_memstore(void)
{
	pc_memstore_init(&ms, NULL, &st_mem);
}

#if PC_CERT_CACHE >= NCERT
#error "the cold-cache codes must cycle through more certificates than the cache holds"
#endif

/* A validation job on its own validator. */
static void val_job(job *j, pc_validator *v, const char *label, pc_mode mode,
		    const pc_provider_hooks *hooks, codeset *s, bool null_store,
		    bool prime)
{
	pc_decision d;

	MUST(pc_validator_init(v, mode, &plat, null_store ? &st_null : &st_mem,
			       hooks, NULL) == PC_OK);
	MUST(pc_validator_add_root(v, ROOT_ID, root_pub) == PC_OK);
	reset_memstore();
	if (prime) /* a returning wallet: its certificate is in the cache */
		MUST(pc_validate(v, s->text[0], s->len[0], &d) == PC_OK &&
		     d.verdict == PC_APPROVE);
	j->label = label;
	j->op = op_validate;
	j->reset = null_store ? NULL : reset_memstore;
	j->batch = BATCH;
	j->v = v;
	j->s = s;
}

static void op_job(job *j, const char *label, void (*op)(size_t), void (*reset)(void),
		   size_t batch)
{
	j->label = label;
	j->op = op;
	j->reset = reset;
	j->batch = batch;
}

/* ---- generation ------------------------------------------------------- */

static char gen_out[QR_CAP];

static void op_gen_numeric(size_t k)
{
	(void)k;
	if (pc_wallet_numeric(&w, gen_out) != PC_OK)
		not_approved++;
	sink += (unsigned char)gen_out[17];
}

static void op_gen_qr(pc_form form)
{
	size_t n = 0;

	if (pc_wallet_qr(&w, form, 0, gen_out, QR_CAP, &n) != PC_OK)
		not_approved++;
	sink += n;
}

static void op_gen_online(size_t k)
{
	(void)k;
	op_gen_qr(PC_FORM_QR_ONLINE);
}

static void op_gen_offline(size_t k)
{
	(void)k;
	op_gen_qr(PC_FORM_QR_OFFLINE);
}

/* ---- crypto floor --------------------------------------------------------- */

static uint8_t mac_in[14 + PC__LEN_MAX], hmac_key[32], digest[32], sig[64];
static size_t mac_len;
static mbedtls_md_context_t hctx;
static mbedtls_ecp_group grp;
static mbedtls_ecp_point q;
static mbedtls_mpi d_priv, r_sig, s_sig;
static uint8_t dev_priv[32];
static uint8_t code_bin[PC__LEN_MAX];

static void op_hmac_mac(size_t k)
{
	uint8_t out[32];

	(void)k;
	sink += (unsigned long)mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256),
					       hmac_key, 32, mac_in, mac_len, out);
	sink += out[0];
}

static void op_hmac_8(size_t k)
{
	uint8_t out[32];

	(void)k;
	sink += (unsigned long)mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256),
					       hmac_key, 32, mac_in, 8, out);
	sink += out[0];
}

/* Pre-keyed context: the ipad/opad blocks are hashed once, outside. */
static void op_hmac_keyed(size_t k)
{
	uint8_t out[32];

	(void)k;
	sink += (unsigned long)mbedtls_md_hmac_reset(&hctx);
	sink += (unsigned long)mbedtls_md_hmac_update(&hctx, mac_in, mac_len);
	sink += (unsigned long)mbedtls_md_hmac_finish(&hctx, out);
	sink += out[0];
}

static void op_pc_hmac(size_t k)
{
	uint8_t out[32];

	(void)k;
	sink += (unsigned long)pc_hmac_sha256(hmac_key, 32, mac_in, mac_len, out);
	sink += out[0];
}

static void op_verify(size_t k)
{
	(void)k;
	sink += (unsigned long)mbedtls_ecdsa_verify(&grp, digest, 32, &q, &r_sig, &s_sig);
}

static void op_pc_verify(size_t k)
{
	(void)k;
	sink += (unsigned long)pc_p256_verify(dev_pub, digest, sig);
}

static int zero_rng(void *ctx, unsigned char *out, size_t len)
{
	(void)ctx;
	memset(out, 0x5A, len);
	return 0;
}

static void op_sign(size_t k)
{
	mbedtls_mpi r, s;

	(void)k;
	mbedtls_mpi_init(&r);
	mbedtls_mpi_init(&s);
	sink += (unsigned long)mbedtls_ecdsa_sign_det_ext(&grp, &r, &s, &d_priv, digest, 32,
							  MBEDTLS_MD_SHA256, zero_rng, NULL);
	mbedtls_mpi_free(&r);
	mbedtls_mpi_free(&s);
}

static void op_pc_sign(size_t k)
{
	uint8_t out[64];

	(void)k;
	sink += (unsigned long)pc_p256_sign(dev_priv, digest, out);
}

/* Components of a validation, for the breakdown. */
static void op_sha_text(size_t k)
{
	uint8_t out[32];

	(void)k;
	sink += (unsigned long)pc_sha256(onl.text[0], onl.len[0], out);
}

static void op_sha_replay(size_t k)
{
	uint8_t out[32];

	(void)k;
	sink += (unsigned long)pc_sha256(mac_in, 18 + 1 + 8 + 8 + 4, out);
}

static void op_b64(size_t k)
{
	size_t n = 0;

	(void)k;
	sink += (unsigned long)pc_base64_decode(onl.text[0], onl.len[0], code_bin,
						sizeof code_bin, &n);
}

static void op_token_key(size_t k)
{
	uint8_t out[32];

	sink += (unsigned long)pc_token_key(master, MASTER_ID, TOKEN0 + (k & 255u), out);
}

static void op_check_pub(size_t k)
{
	(void)k;
	sink += (unsigned long)pc_p256_check_public(dev_pub);
}

static void op_consume(size_t k)
{
	uint8_t key[PC_REPLAY_KEY_LEN];
	uint64_t x = (uint64_t)k * 0x9E3779B97F4A7C15ull;

	memcpy(key, &x, 8);
	memcpy(key + 8, &k, sizeof k < 8 ? sizeof k : 8);
	sink += (unsigned long)st_mem.consume(st_mem.ctx, key, NOW + 100, NOW);
}

static void floor_setup(void)
{
	static const char ctx[] = "paycode/v1/qr"; /* with its NUL separator */
	size_t span = PC__AT63(0) + PC__F_MAC_TAG, n = 0, i;

	/* The exact MAC input of code 0: context || 0 || payload[0..span). */
	MUST(pc_base64_decode(onl.text[0], onl.len[0], code_bin, sizeof code_bin, &n) == PC_OK);
	memcpy(mac_in, ctx, sizeof ctx);
	memcpy(mac_in + sizeof ctx, code_bin, span);
	mac_len = sizeof ctx + span;
	for (i = 0; i < 32; i++)
		hmac_key[i] = (uint8_t)(i * 7u);
	mbedtls_md_init(&hctx);
	MUST(mbedtls_md_setup(&hctx, mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), 1) == 0);
	MUST(mbedtls_md_hmac_starts(&hctx, hmac_key, 32) == 0);
	/* A key pair whose private half we hold (the fake's stays inside). */
	MUST(pc_p256_keygen(&plat, dev_priv, dev_pub) == PC_OK);
	MUST(pc_sha256(mac_in, mac_len, digest) == PC_OK);
	MUST(pc_p256_sign(dev_priv, digest, sig) == PC_OK);
	mbedtls_ecp_group_init(&grp);
	mbedtls_ecp_point_init(&q);
	mbedtls_mpi_init(&d_priv);
	mbedtls_mpi_init(&r_sig);
	mbedtls_mpi_init(&s_sig);
	MUST(mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP256R1) == 0);
	MUST(mbedtls_ecp_point_read_binary(&grp, &q, dev_pub, 65) == 0);
	MUST(mbedtls_mpi_read_binary(&d_priv, dev_priv, 32) == 0);
	MUST(mbedtls_mpi_read_binary(&r_sig, sig, 32) == 0);
	MUST(mbedtls_mpi_read_binary(&s_sig, sig + 32, 32) == 0);
	MUST(mbedtls_ecdsa_verify(&grp, digest, 32, &q, &r_sig, &s_sig) == 0);
}

/* ---- report ------------------------------------------------------------- */

static void row(const char *what, double sec)
{
	printf("  %-58s %10.0f %10.2f\n", what, 1.0 / sec, sec * 1e6);
}

static void ratio(const char *what, double r, double target)
{
	if (target > 0)
		printf("  %-58s %6.2f×   target <= %.1f×  %s\n", what, r, target,
		       r <= target ? "PASS" : "MISS");
	else
		printf("  %-58s %6.2f×\n", what, r);
}

enum {
	V_NUM_DERIVE, V_NUM_CACHED, V_NUM_NULL, V_ONL_DERIVE, V_ONL_CACHED, V_ONL_NULL,
	V_TERM_COLD, V_TERM_WARM, V_PROV_COLD, V_PROV_WARM,
	G_NUMERIC, G_ONLINE, G_OFFLINE,
	F_HMAC, F_HMAC8, F_HMAC_KEYED, F_PC_HMAC, F_VERIFY, F_PC_VERIFY, F_SIGN, F_PC_SIGN,
	C_SHA_TEXT, C_SHA_REPLAY, C_B64, C_TOKEN_KEY, C_CHECK_PUB, C_CONSUME,
	NJOBS
};

static job jobs[NJOBS];
static pc_validator vals[V_PROV_WARM + 1];
static char label_hmac[96], label_hmac_keyed[96], label_pc_hmac[96], label_sha[96],
	    label_b64[96];

static void make_jobs(void)
{
	val_job(&jobs[V_NUM_DERIVE], &vals[V_NUM_DERIVE],
		"numeric, provider, token key derived (master_key hook)",
		PC_MODE_PROVIDER, &derive_hooks, &num, false, false);
	val_job(&jobs[V_NUM_CACHED], &vals[V_NUM_CACHED],
		"numeric, provider, token key cached (token_key hook)",
		PC_MODE_PROVIDER, &cached_hooks, &num, false, false);
	val_job(&jobs[V_NUM_NULL], &vals[V_NUM_NULL], "numeric, provider, cached, null store",
		PC_MODE_PROVIDER, &cached_hooks, &num, true, false);
	val_job(&jobs[V_ONL_DERIVE], &vals[V_ONL_DERIVE], "qr-online, provider, token key derived",
		PC_MODE_PROVIDER, &derive_hooks, &onl, false, false);
	val_job(&jobs[V_ONL_CACHED], &vals[V_ONL_CACHED], "qr-online, provider, token key cached",
		PC_MODE_PROVIDER, &cached_hooks, &onl, false, false);
	val_job(&jobs[V_ONL_NULL], &vals[V_ONL_NULL], "qr-online, provider, cached, null store",
		PC_MODE_PROVIDER, &cached_hooks, &onl, true, false);
	val_job(&jobs[V_TERM_COLD], &vals[V_TERM_COLD],
		"qr-offline, terminal, cold cache (cert + code verify)",
		PC_MODE_TERMINAL, NULL, &offc, false, false);
	val_job(&jobs[V_TERM_WARM], &vals[V_TERM_WARM],
		"qr-offline, terminal, warm cache (returning wallet)",
		PC_MODE_TERMINAL, NULL, &offw, false, true);
	val_job(&jobs[V_PROV_COLD], &vals[V_PROV_COLD], "qr-offline, provider (cached key), cold cache",
		PC_MODE_PROVIDER, &cached_hooks, &offc, false, false);
	val_job(&jobs[V_PROV_WARM], &vals[V_PROV_WARM], "qr-offline, provider (cached key), warm cache",
		PC_MODE_PROVIDER, &cached_hooks, &offw, false, true);
	op_job(&jobs[G_NUMERIC], "numeric (pc_wallet_numeric: HOTP)", op_gen_numeric, NULL, 16);
	op_job(&jobs[G_ONLINE], "qr-online (time, rng, HMAC, base64)", op_gen_online, NULL, 16);
	op_job(&jobs[G_OFFLINE], "qr-offline (+ SHA-256, fake key store ECDSA sign)",
	       op_gen_offline, NULL, 4);
	snprintf(label_hmac, sizeof label_hmac,
		 "HMAC-SHA-256 one-shot, %zu B (qr-online MAC input)", mac_len);
	op_job(&jobs[F_HMAC], label_hmac, op_hmac_mac, NULL, 256);
	op_job(&jobs[F_HMAC8], "HMAC-SHA-256 one-shot, 8 B (numeric HOTP input)", op_hmac_8,
	       NULL, 256);
	snprintf(label_hmac_keyed, sizeof label_hmac_keyed,
		 "HMAC-SHA-256 pre-keyed context, %zu B", mac_len);
	op_job(&jobs[F_HMAC_KEYED], label_hmac_keyed, op_hmac_keyed, NULL, 256);
	snprintf(label_pc_hmac, sizeof label_pc_hmac, "pc_hmac_sha256, %zu B", mac_len);
	op_job(&jobs[F_PC_HMAC], label_pc_hmac, op_pc_hmac, NULL, 256);
	op_job(&jobs[F_VERIFY], "ECDSA P-256 verify (group, key loaded once)", op_verify, NULL, 4);
	op_job(&jobs[F_PC_VERIFY], "pc_p256_verify (shared group, key per call)", op_pc_verify,
	       NULL, 4);
	op_job(&jobs[F_SIGN], "ECDSA P-256 sign, RFC 6979 (group loaded once)", op_sign, NULL, 4);
	op_job(&jobs[F_PC_SIGN], "pc_p256_sign (shared group, blinding per call)", op_pc_sign,
	       NULL, 4);
	snprintf(label_sha, sizeof label_sha,
		 "SHA-256 of the qr-online code text (%zu B, d->digest)", onl.len[0]);
	op_job(&jobs[C_SHA_TEXT], label_sha, op_sha_text, NULL, 256);
	op_job(&jobs[C_SHA_REPLAY], "SHA-256 of the 39 B replay message", op_sha_replay, NULL, 256);
	snprintf(label_b64, sizeof label_b64, "base64 decode of the qr-online text (%zu B)",
		 onl.len[0]);
	op_job(&jobs[C_B64], label_b64, op_b64, NULL, 256);
	op_job(&jobs[C_TOKEN_KEY], "pc_token_key (HKDF-SHA-256)", op_token_key, NULL, 256);
	op_job(&jobs[C_CHECK_PUB], "pc_p256_check_public (pc_cert_decode does one)",
	       op_check_pub, NULL, 16);
	op_job(&jobs[C_CONSUME], "memstore consume, fresh key, table <= 25% full", op_consume,
	       reset_memstore, BATCH);
}

static void rows(const char *title, size_t from, size_t to)
{
	size_t i;

	printf("\n  %-58s %10s %10s\n", title, "per s/core", "us each");
	for (i = from; i <= to; i++)
		row(jobs[i].label, jobs[i].best);
}

static double t(size_t i)
{
	return jobs[i].best;
}

int main(void)
{
	size_t i;
	int r;

	setup();
	floor_setup();
	MUST(pc_wallet_init(&w, &plat, NULL, tok0key, MASTER_ID, TOKEN, ALIAS0 - 1u, 0) == PC_OK);
	MUST(pc_wallet_set_device(&w, DEVICE_KEY, cert[0]) == PC_OK);
	make_jobs();
	printf("bench_codes: %u distinct codes per form, validated in batches of %u;\n"
	       "  memstore (%u slots, no mutex) re-initialised between batches, untimed;\n"
	       "  'null store' = consume always PC_OK (store excluded, replay-key SHA-256 kept);\n"
	       "  best of 5 interleaved runs of >= 0.3 s thread CPU time per line; one thread.\n",
	       NCODES, BATCH, (unsigned)PC_MEMSTORE_SLOTS);
	for (r = 0; r < 5; r++)
		for (i = 0; i < NJOBS; i++)
			run_once(&jobs[i]);
	if (not_approved != 0) {
		fprintf(stderr, "bench_codes: %lu validations or generations failed\n",
			not_approved);
		return 1;
	}
	rows("validation (pc_validate, must APPROVE)", V_NUM_DERIVE, V_PROV_WARM);
	rows("generation (wallet, fake port)", G_NUMERIC, G_OFFLINE);
	rows("crypto floor (mbedTLS " MBEDTLS_VERSION_STRING ", same run)", F_HMAC, F_PC_SIGN);
	rows("components of a validation", C_SHA_TEXT, C_CONSUME);

	printf("\n  ratios\n");
	ratio("qr-online cached / HMAC floor (one-shot)", t(V_ONL_CACHED) / t(F_HMAC), 2.0);
	ratio("qr-online cached, null store / HMAC floor", t(V_ONL_NULL) / t(F_HMAC), 0);
	ratio("qr-online cached / HMAC pre-keyed", t(V_ONL_CACHED) / t(F_HMAC_KEYED), 0);
	ratio("qr-online derived / HMAC floor", t(V_ONL_DERIVE) / t(F_HMAC), 0);
	ratio("numeric cached / HMAC floor (8 B)", t(V_NUM_CACHED) / t(F_HMAC8), 2.0);
	ratio("numeric derived / HMAC floor (8 B)", t(V_NUM_DERIVE) / t(F_HMAC8), 0);
	ratio("qr-offline terminal warm / one verify", t(V_TERM_WARM) / t(F_VERIFY), 1.2);
	ratio("qr-offline terminal cold / two verifies (target assumed)",
	      t(V_TERM_COLD) / (2 * t(F_VERIFY)), 1.2);
	ratio("qr-offline provider warm / one verify", t(V_PROV_WARM) / t(F_VERIFY), 0);
	ratio("qr-offline provider cold / two verifies", t(V_PROV_COLD) / (2 * t(F_VERIFY)), 0);
	ratio("pc_p256_verify / verify floor", t(F_PC_VERIFY) / t(F_VERIFY), 0);
	ratio("qr-offline terminal warm / pc_p256_verify", t(V_TERM_WARM) / t(F_PC_VERIFY), 0);
	ratio("qr-online generation / HMAC floor", t(G_ONLINE) / t(F_HMAC), 0);
	ratio("qr-offline generation / one sign", t(G_OFFLINE) / t(F_SIGN), 0);
	ratio("pc_p256_sign / sign floor", t(F_PC_SIGN) / t(F_SIGN), 0);
	return sink == 0xFFFFFFFFul ? 2 : 0;
}
