/*
 * Evidence bundles (core/evidence*.c) on the fake port, with real codes:
 * a wallet makes them, a terminal or provider validator judges them, the
 * decision goes into a journal, the bundle is exported and verified.
 *
 * - Verdicts (docs/SPEC-journal.md §7.8): an offline code at level A
 *   (customer, device signature verified), at level C (institution, PC-03),
 *   an online code at level B (customer, attested), a numeric code, a code
 *   not kept (institution, SPC 2021), a declined code (no loss).
 * - Tamper evidence: every byte flip and every truncation of a bundle
 *   fails it, and then the institution bears the loss; wrong journal key,
 *   unknown root, a certificate of another token.
 * - Export: the inclusion path over the records after the decision, a
 *   code that is not the record's, records that are not decisions, no
 *   checkpoint yet, short buffers.
 */
#include <paycode/journal.h>
#include <paycode/crypto.h>
#include "fake.h"

#include "testutil.h"

#define NOW ((pc_time)1800000000)
#define J "journal"
#define JKEY 1u
#define DEV 2u
#define ROOT_ID 5u
#define MKID 7u
#define TOKEN 0x0102030405060708ull
#define ALIAS 1234567u

static pc_fake fk;
static pc_platform plat;
static pc_journal jw;
static pc_journal_reader rd;
static pc_journal_key jkey;
static pc_evidence_verifier ver;
static pc_evidence_verdict vd;
static pc_memstore ms;
static pc_store st;
static pc_validator val;
static pc_wallet wal;
static pc_root root;
static uint8_t root_priv[32], master[32], cert[PC_CERT_LEN], other_cert[PC_CERT_LEN];
static uint8_t bundle[PC_EVIDENCE_MAX_LEN], bundle2[PC_EVIDENCE_MAX_LEN];
static char code[PC_QR_CODE_MAX_LEN + 1];
static size_t code_len;

/* ---- the fixture: root, device, wallet, journal */

static pc_err hook_master(void *ctx, uint32_t id, uint8_t out[PC_KEY_LEN])
{
	(void)ctx;
	if (id != MKID)
		return PC_ERR_NOT_FOUND;
	memcpy(out, master, PC_KEY_LEN);
	return PC_OK;
}

static pc_err hook_alias(void *ctx, uint32_t alias, uint64_t *token, uint32_t *mk)
{
	(void)ctx;
	if (alias != ALIAS)
		return PC_ERR_NOT_FOUND;
	*token = TOKEN;
	*mk = MKID;
	return PC_OK;
}

static const pc_provider_hooks hooks = { NULL, hook_master, hook_alias, NULL };

static void make_cert(uint8_t out[PC_CERT_LEN], uint64_t token, const uint8_t pub[65])
{
	pc_cert c;

	memset(&c, 0, sizeof c);
	c.suite = PC_SUITE_1;
	c.issuer_key_id = ROOT_ID;
	c.serial = 1001;
	c.token_id = token;
	c.alias = ALIAS;
	c.not_before = NOW - 86400;
	c.not_after = NOW + 86400;
	c.max_risk = PC_RISK_A;
	c.flags = PC_CERT_F_OFFLINE | PC_CERT_F_BIOMETRIC;
	memcpy(c.pub, pub, 65);
	assert_int_equal(pc_cert_sign(&c, root_priv), PC_OK);
	assert_int_equal(pc_cert_encode(&c, out), PC_OK);
}

static void setup(void)
{
	uint8_t dev_pub[65], otp[PC_KEY_LEN];
	pc_journal_cfg c;

	pc_fake_init(&fk, 1, &plat);
	pc_fake_set_time(&fk, NOW);
	assert_int_equal(pc_p256_keygen(&plat, root_priv, root.pub), PC_OK);
	root.key_id = ROOT_ID;
	assert_int_equal(plat.key_generate(plat.ctx, DEV, PC_KEY_SUITE_P256, dev_pub, 65),
			 PC_OK);
	jkey.key_id = JKEY;
	assert_int_equal(plat.key_generate(plat.ctx, JKEY, PC_KEY_SUITE_P256, jkey.pub, 65),
			 PC_OK);
	memset(master, 0x42, sizeof master);
	assert_int_equal(pc_token_key(master, MKID, TOKEN, otp), PC_OK);
	make_cert(cert, TOKEN, dev_pub);
	assert_int_equal(pc_wallet_init(&wal, &plat, NULL, otp, MKID, TOKEN, ALIAS, 0), PC_OK);
	assert_int_equal(pc_wallet_set_device(&wal, DEV, cert), PC_OK);
	pc_journal_cfg_default(&c);
	c.key_id = JKEY;
	assert_int_equal(pc_journal_create(&jw, &plat, J, &c), PC_OK);
}

static void new_code(pc_form form, uint8_t flags)
{
	if (form == PC_FORM_NUMERIC) {
		assert_int_equal(pc_wallet_numeric(&wal, code), PC_OK);
		code_len = PC_NUMERIC_LEN;
		return;
	}
	assert_int_equal(pc_wallet_qr(&wal, form, flags, code, sizeof code - 1, &code_len),
			 PC_OK);
	code[code_len] = '\0';
}

/* Judge the code (terminal or provider), journal the decision; the
 * record's index. factors: NULL for pc_validate() alone, else the
 * factors verified by the caller for pc_authorize() with no hooks. */
static uint64_t judge(pc_mode mode, const pc_factors *factors, pc_verdict expect)
{
	pc_risk_engine eng;
	pc_risk_outcome out;
	pc_journal_entry e;
	pc_journal_info info;
	pc_decision d;
	pc_txn t;

	pc_memstore_init(&ms, NULL, &st);
	assert_int_equal(pc_validator_init(&val, mode, &plat, &st,
					   mode == PC_MODE_PROVIDER ? &hooks : NULL, NULL),
			 PC_OK);
	assert_int_equal(pc_validator_add_root(&val, ROOT_ID, root.pub), PC_OK);
	memset(&t, 0, sizeof t);
	t.amount = 4200;
	t.currency = PC_CURRENCY_CNY;
	memcpy(t.merchant_id, "M-1", 4);
	memcpy(t.terminal_id, "T-9", 4);
	pc_risk_engine_init(&eng);
	if (factors != NULL)
		assert_int_equal(pc_authorize(&val, &eng, code, code_len, &t, *factors, &d,
					      &out), PC_OK);
	else
		assert_int_equal(pc_validate(&val, code, code_len, &d), PC_OK);
	assert_int_equal(d.verdict, expect);
	assert_int_equal(pc_journal_entry_fill(&e, "TX-1", mode, NULL, &d, &t,
					       factors != NULL ? &out : NULL), PC_OK);
	assert_int_equal(pc_journal_append(&jw, &e, &info), PC_OK);
	return info.seq;
}

static size_t export(uint64_t seq, int with_code)
{
	size_t n = 0;

	assert_int_equal(pc_evidence_export(&rd, &plat, J, seq, with_code ? code : NULL,
					    code_len, NULL, bundle, sizeof bundle, &n), PC_OK);
	return n;
}

static void verify(size_t n)
{
	assert_int_equal(pc_evidence_verify(&ver, bundle, n, &root, 1, &jkey, &vd), PC_OK);
}

/* ---- verdicts */

static void test_offline_level_a(void **state)
{
	uint64_t seq;
	size_t n;

	(void)state;
	setup();
	new_code(PC_FORM_QR_OFFLINE, PC_CODE_F_UV_BIOMETRIC);
	seq = judge(PC_MODE_TERMINAL, NULL, PC_APPROVE);
	/* no checkpoint after it yet */
	assert_int_equal(pc_evidence_export(&rd, &plat, J, seq, code, code_len, NULL, bundle,
					    sizeof bundle, &n), PC_ERR_NOT_FOUND);
	/* two more records, then a checkpoint: a path of two leaves */
	new_code(PC_FORM_QR_OFFLINE, 0);
	(void)judge(PC_MODE_TERMINAL, NULL, PC_APPROVE);
	assert_int_equal(pc_journal_event(&jw, PC_JEV_REPORTED_LOST, TOKEN, NOW, "R1", NULL),
			 PC_OK);
	assert_int_equal(pc_journal_checkpoint(&jw, NULL), PC_OK);
	new_code(PC_FORM_QR_OFFLINE, PC_CODE_F_UV_BIOMETRIC);
	n = export(seq, 0);
	/* the code of another payment is refused */
	assert_int_equal(pc_evidence_export(&rd, &plat, J, seq, code, code_len, NULL, bundle,
					    sizeof bundle, &n), PC_ERR_VERIFY);
	setup();
	new_code(PC_FORM_QR_OFFLINE, PC_CODE_F_UV_BIOMETRIC);
	seq = judge(PC_MODE_TERMINAL, NULL, PC_APPROVE);
	assert_int_equal(pc_journal_checkpoint(&jw, NULL), PC_OK);
	n = export(seq, 1);
	verify(n);
	assert_int_equal(vd.result, PC_OK);
	assert_int_equal(vd.fault, PC_EVF_NONE);
	assert_int_equal(vd.proof, PC_EVS_VERIFIED);
	assert_int_equal(vd.code, PC_EVS_VERIFIED);
	assert_int_equal(vd.cert, PC_EVS_VERIFIED);
	assert_int_equal(vd.root_key_id, ROOT_ID);
	assert_int_equal(vd.path_len, 0);
	assert_int_equal(vd.record.u.decision.level, PC_RISK_A);
	assert_int_equal(vd.bearer, PC_LOSS_CUSTOMER);
	assert_int_equal(vd.basis, PC_BASIS_AUTHORISED_VERIFIED);
	assert_string_equal(pc_loss_bearer_name(vd.bearer), "customer");
	assert_string_equal(vd.record.u.decision.txn_id, "TX-1");
	/* the same bundle without roots: the certificate cannot be checked */
	assert_int_equal(pc_evidence_verify(&ver, bundle, n, NULL, 0, &jkey, &vd), PC_OK);
	assert_int_equal(vd.result, PC_ERR_VERIFY);
	assert_int_equal(vd.fault, PC_EVF_CERT);
	assert_int_equal(vd.bearer, PC_LOSS_INSTITUTION);
	assert_int_equal(vd.basis, PC_BASIS_EVIDENCE_INVALID);
}

static void test_path(void **state)
{
	uint64_t seq;
	size_t n;
	unsigned i;

	(void)state;
	setup();
	new_code(PC_FORM_QR_OFFLINE, PC_CODE_F_UV_BIOMETRIC);
	seq = judge(PC_MODE_TERMINAL, NULL, PC_APPROVE);
	for (i = 0; i < 3; i++)
		assert_int_equal(pc_journal_event(&jw, PC_JEV_OTHER, 0, NOW, NULL, NULL), PC_OK);
	assert_int_equal(pc_journal_checkpoint(&jw, NULL), PC_OK);
	assert_int_equal(pc_journal_event(&jw, PC_JEV_OTHER, 0, NOW, NULL, NULL), PC_OK);
	n = export(seq, 1);
	verify(n);
	assert_int_equal(vd.result, PC_OK);
	assert_int_equal(vd.path_len, 3);
	assert_int_equal(vd.checkpoint.seq, seq + 4);
	/* records that are not decisions, records that do not exist */
	assert_int_equal(pc_evidence_export(&rd, &plat, J, 1, NULL, 0, NULL, bundle,
					    sizeof bundle, &n), PC_ERR_NOT_FOUND);
	assert_int_equal(pc_evidence_export(&rd, &plat, J, 99, NULL, 0, NULL, bundle,
					    sizeof bundle, &n), PC_ERR_NOT_FOUND);
	assert_int_equal(pc_evidence_export(&rd, &plat, J, seq, code, code_len, NULL, bundle,
					    100, &n), PC_ERR_BUFFER_TOO_SMALL);
	memcpy(other_cert, cert, sizeof other_cert);
	other_cert[20] ^= 1; /* not the code's certificate */
	assert_int_equal(pc_evidence_export(&rd, &plat, J, seq, code, code_len, other_cert,
					    bundle, sizeof bundle, &n), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_evidence_export(&rd, &plat, J, seq, code, 0, NULL, bundle,
					    sizeof bundle, &n), PC_ERR_INVALID_ARG);
}

static void test_offline_level_c(void **state)
{
	uint64_t seq;

	(void)state;
	setup();
	new_code(PC_FORM_QR_OFFLINE, 0);
	seq = judge(PC_MODE_TERMINAL, NULL, PC_APPROVE);
	assert_int_equal(pc_journal_checkpoint(&jw, NULL), PC_OK);
	verify(export(seq, 1));
	assert_int_equal(vd.result, PC_OK);
	assert_int_equal(vd.record.u.decision.liability, 1);
	assert_int_equal(vd.bearer, PC_LOSS_INSTITUTION);
	assert_int_equal(vd.basis, PC_BASIS_LEVEL_C);
}

static void test_online_forms(void **state)
{
	pc_factors pin = PC_FACTOR_FROM_CODE;
	uint8_t other[PC_CERT_LEN];
	uint64_t seq;
	size_t n;

	(void)state;
	setup();
	/* qr-online with a device PIN: OTP + knowledge, B; attested */
	new_code(PC_FORM_QR_ONLINE, PC_CODE_F_UV_PIN);
	seq = judge(PC_MODE_PROVIDER, &pin, PC_APPROVE);
	assert_int_equal(pc_journal_checkpoint(&jw, NULL), PC_OK);
	verify(export(seq, 1));
	assert_int_equal(vd.result, PC_OK);
	assert_int_equal(vd.record.u.decision.level, PC_RISK_B);
	assert_int_equal(vd.code, PC_EVS_ATTESTED);
	assert_int_equal(vd.cert, PC_EVS_MISSING);
	assert_int_equal(vd.bearer, PC_LOSS_CUSTOMER);
	assert_int_equal(vd.basis, PC_BASIS_AUTHORISED_ATTESTED);
	/* with the token's certificate: verified against the root */
	assert_int_equal(pc_evidence_export(&rd, &plat, J, seq, code, code_len, cert, bundle,
					    sizeof bundle, &n), PC_OK);
	verify(n);
	assert_int_equal(vd.result, PC_OK);
	assert_int_equal(vd.cert, PC_EVS_VERIFIED);
	/* a certificate of another token */
	make_cert(other, TOKEN + 1, root.pub);
	assert_int_equal(pc_evidence_export(&rd, &plat, J, seq, code, code_len, other, bundle,
					    sizeof bundle, &n), PC_OK);
	verify(n);
	assert_int_equal(vd.result, PC_ERR_VERIFY);
	assert_int_equal(vd.fault, PC_EVF_CERT);
	/* numeric, the caller verified a PIN: B, attested */
	pin = PC_FACTOR_FROM_CODE | PC_FACTOR_KNOWLEDGE;
	pc_fake_set_time(&fk, NOW + 100);
	new_code(PC_FORM_NUMERIC, 0);
	seq = judge(PC_MODE_PROVIDER, &pin, PC_APPROVE);
	assert_int_equal(pc_journal_checkpoint(&jw, NULL), PC_OK);
	verify(export(seq, 1));
	assert_int_equal(vd.result, PC_OK);
	assert_int_equal(vd.record.u.decision.form, PC_FORM_NUMERIC);
	assert_int_equal(vd.bearer, PC_LOSS_CUSTOMER);
	assert_int_equal(vd.basis, PC_BASIS_AUTHORISED_ATTESTED);
}

static void test_missing_and_declined(void **state)
{
	uint64_t seq, seq2;

	(void)state;
	setup();
	new_code(PC_FORM_QR_OFFLINE, PC_CODE_F_UV_BIOMETRIC);
	seq = judge(PC_MODE_TERMINAL, NULL, PC_APPROVE);
	/* the same code again at a terminal that remembers: here a fresh
	 * store, so make it expire instead */
	pc_fake_set_time(&fk, NOW + 1000);
	seq2 = judge(PC_MODE_TERMINAL, NULL, PC_DECLINE);
	assert_int_equal(pc_journal_checkpoint(&jw, NULL), PC_OK);
	verify(export(seq, 0));
	assert_int_equal(vd.result, PC_OK);
	assert_int_equal(vd.code, PC_EVS_MISSING);
	assert_int_equal(vd.bearer, PC_LOSS_INSTITUTION);
	assert_int_equal(vd.basis, PC_BASIS_EVIDENCE_MISSING);
	verify(export(seq2, 1));
	assert_int_equal(vd.result, PC_OK);
	assert_int_equal(vd.record.u.decision.code_reason, PC_R_EXPIRED);
	assert_int_equal(vd.code, PC_EVS_NOT_APPLICABLE);
	assert_int_equal(vd.bearer, PC_LOSS_NONE);
	assert_int_equal(vd.basis, PC_BASIS_NOT_APPROVED);
}

/* ---- tamper evidence */

static void test_tampered_bundles(void **state)
{
	pc_journal_key other;
	uint8_t priv[32];
	uint64_t seq;
	size_t n, i;

	(void)state;
	setup();
	new_code(PC_FORM_QR_OFFLINE, PC_CODE_F_UV_BIOMETRIC);
	seq = judge(PC_MODE_TERMINAL, NULL, PC_APPROVE);
	assert_int_equal(pc_journal_event(&jw, PC_JEV_OTHER, 0, NOW, NULL, NULL), PC_OK);
	assert_int_equal(pc_journal_checkpoint(&jw, NULL), PC_OK);
	n = export(seq, 1);
	memcpy(bundle2, bundle, n);
	/* bytes all over the bundle (one bit each; every byte of the first
	 * 64, then every fifth: signature checks are slow under valgrind) */
	for (i = 0; i < n; i += i < 64 ? 1 : 5) {
		bundle[i] ^= (uint8_t)(1u << (i % 8));
		verify(n);
		assert_int_not_equal(vd.result, PC_OK);
		assert_int_equal(vd.bearer, PC_LOSS_INSTITUTION);
		assert_int_equal(vd.basis, PC_BASIS_EVIDENCE_INVALID);
		bundle[i] = bundle2[i];
	}
	/* every truncation, and one byte more */
	for (i = 0; i < n; i++) {
		verify(i);
		assert_int_not_equal(vd.result, PC_OK);
	}
	bundle[n] = 0;
	verify(n + 1);
	assert_int_equal(vd.fault, PC_EVF_MALFORMED);
	verify(n);
	assert_int_equal(vd.result, PC_OK);
	/* another journal key: its ID, then its point */
	other = jkey;
	other.key_id = JKEY + 1;
	assert_int_equal(pc_evidence_verify(&ver, bundle, n, &root, 1, &other, &vd), PC_OK);
	assert_int_equal(vd.fault, PC_EVF_KEY);
	assert_int_equal(pc_p256_keygen(&plat, priv, other.pub), PC_OK);
	other.key_id = JKEY;
	assert_int_equal(pc_evidence_verify(&ver, bundle, n, &root, 1, &other, &vd), PC_OK);
	assert_int_equal(vd.fault, PC_EVF_SIGNATURE);
	/* arguments */
	assert_int_equal(pc_evidence_verify(NULL, bundle, n, &root, 1, &jkey, &vd),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_evidence_verify(&ver, bundle, n, NULL, 1, &jkey, &vd),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_evidence_verify(&ver, bundle, n, &root, 1, NULL, &vd),
			 PC_ERR_INVALID_ARG);
	assert_string_equal(pc_evidence_fault_name(PC_EVF_SIGNATURE), "SIGNATURE");
	assert_string_equal(pc_evidence_status_name(PC_EVS_ATTESTED), "attested");
	assert_string_equal(pc_loss_basis_name(PC_BASIS_LEVEL_C), "LEVEL_C");
	assert_string_equal(pc_loss_basis_name(99), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_offline_level_a),
		cmocka_unit_test(test_path),
		cmocka_unit_test(test_offline_level_c),
		cmocka_unit_test(test_online_forms),
		cmocka_unit_test(test_missing_and_declined),
		cmocka_unit_test(test_tampered_bundles),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
