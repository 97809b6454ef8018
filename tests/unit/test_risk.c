/*
 * Risk engine on the fake port and pc_memstore: the PC-01 level table over
 * every factor combination; every built-in hook at and around each of its
 * limits (limit - 1, limit, limit + 1 fen), the local-day boundary
 * (23:59:59 / 00:00:00 at UTC+8), velocity window edges, deny/allow
 * precedence, offline floor and cumulative amount, device binding, MCC
 * rules; first-non-approve-wins with the full trail; store faults decline;
 * and pc_authorize() end to end: a code refused by risk stays consumed.
 */
#include <paycode/code.h>
#include <paycode/crypto.h>
#include <paycode/risk.h>
#include "fake.h"

#include "testutil.h"

#define NOW ((pc_time)1800000000) /* 2027-01-15T08:00:00Z, 16:00 at UTC+8 */
#define MASTER_ID 7u
#define TOKEN 0x0102030405060708ull
#define ALIAS 1234567u
#define ROOT_ID 1u
#define DEVICE_KEY 3u
#define SERIAL 1001u

#define N_ELEM(a) (sizeof(a) / sizeof((a)[0]))

#define F_A (PC_FACTOR_KNOWLEDGE | PC_FACTOR_CERT)
#define F_B (PC_FACTOR_KNOWLEDGE | PC_FACTOR_OTP)
#define F_C PC_FACTOR_OTP

static pc_fake fk;
static pc_platform plat;
static pc_risk_config cfg;
static pc_memstore ms;
static pc_store st;
static pc_risk_engine eng;
static pc_decision dec;
static pc_txn txn;

/* ---- fixtures ------------------------------------------------------------------ */

/* Before every test: defaults, an empty store and engine, an approved
 * qr-online decision for TOKEN, and a 1 CNY online payment. */
static int reset(void **state)
{
	(void)state;
	pc_risk_config_default(&cfg);
	pc_memstore_init(&ms, &plat, &st);
	pc_risk_engine_init(&eng);
	memset(&dec, 0, sizeof dec);
	dec.verdict = PC_APPROVE;
	dec.form = PC_FORM_QR_ONLINE;
	dec.token_id = TOKEN;
	dec.consumed = 1;
	memset(&txn, 0, sizeof txn);
	txn.amount = 100;
	txn.currency = PC_CURRENCY_CNY;
	txn.mcc = 5411;
	strcpy(txn.merchant_id, "898310048161234");
	strcpy(txn.terminal_id, "T0000001");
	return 0;
}

static void only(pc_risk_fn fn, const char *name)
{
	const pc_risk_hook h = { name, fn, &cfg };

	assert_int_equal(pc_risk_engine_add(&eng, &h), PC_OK);
}

static pc_risk_outcome run_at(pc_factors f, bool is_static, pc_time now)
{
	pc_risk_input in;
	pc_risk_outcome out;

	memset(&in, 0, sizeof in);
	in.decision = &dec;
	in.txn = &txn;
	in.factors = f;
	in.static_code = is_static;
	in.offline = txn.offline != 0;
	in.store = &st;
	in.now = now;
	assert_int_equal(pc_risk_run(&eng, &in, &out), PC_OK);
	return out;
}

static void expect_(int line, pc_factors f, bool is_static, pc_time now,
		    int64_t amount, pc_verdict want_v, pc_risk_reason want_r)
{
	pc_risk_outcome o;

	txn.amount = amount;
	o = run_at(f, is_static, now);
	if (o.verdict != want_v || o.reason != want_r)
		fail_msg("line %d: amount %lld: want %s/%s got %s/%s", line,
			 (long long)amount, pc_verdict_name(want_v),
			 pc_risk_reason_name(want_r), pc_verdict_name(o.verdict),
			 pc_risk_reason_name(o.reason));
}

#define EXPECT(f, s, now, amt, v, r) expect_(__LINE__, (f), (s), (now), (amt), (v), (r))
#define OK_(f, s, now, amt) EXPECT((f), (s), (now), (amt), PC_APPROVE, PC_RISK_R_OK)

/* ---- levels (PC-01) --------------------------------------------------------- */

static void test_level_table(void **state)
{
	/* Every combination of K(nowledge) O(TP) C(ert) B(iometric), written
	 * out by hand from PC-01: OTP and certificate are one class. */
	static const struct { pc_factors f; unsigned classes; pc_risk_level l; } t[16] = {
		{ 0x0, 0, PC_RISK_C }, /* none */
		{ 0x1, 1, PC_RISK_C }, /* K */
		{ 0x2, 1, PC_RISK_C }, /* O */
		{ 0x3, 2, PC_RISK_B }, /* K+O: password + SMS OTP is B */
		{ 0x4, 1, PC_RISK_C }, /* C */
		{ 0x5, 2, PC_RISK_A }, /* K+C */
		{ 0x6, 1, PC_RISK_C }, /* O+C: one class */
		{ 0x7, 2, PC_RISK_A }, /* K+O+C */
		{ 0x8, 1, PC_RISK_C }, /* B */
		{ 0x9, 2, PC_RISK_B }, /* K+B */
		{ 0xA, 2, PC_RISK_B }, /* O+B */
		{ 0xB, 3, PC_RISK_B }, /* K+O+B */
		{ 0xC, 2, PC_RISK_A }, /* C+B */
		{ 0xD, 3, PC_RISK_A }, /* K+C+B */
		{ 0xE, 2, PC_RISK_A }, /* O+C+B */
		{ 0xF, 3, PC_RISK_A }, /* all */
	};
	size_t i;

	(void)state;
	for (i = 0; i < 16; i++) {
		assert_int_equal(t[i].f, (pc_factors)i);
		assert_int_equal(pc_factor_classes(t[i].f), t[i].classes);
		assert_int_equal(pc_risk_level_of(t[i].f, false), t[i].l);
		assert_int_equal(pc_risk_level_of(t[i].f, true), PC_RISK_D);
		/* bits outside the factor set change nothing */
		assert_int_equal(pc_risk_level_of(t[i].f | 0xFFFFFFF0u, false), t[i].l);
		assert_int_equal(pc_factor_classes(t[i].f | 0xFFFFFFF0u), t[i].classes);
	}
	assert_string_equal(pc_risk_level_name(PC_RISK_A), "A");
	assert_string_equal(pc_risk_level_name(PC_RISK_D), "D");
	assert_string_equal(pc_risk_level_name((pc_risk_level)4), "?");
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(pc_risk_reason_name(PC_RISK_R_OK), "OK");
	assert_string_equal(pc_risk_reason_name(PC_RISK_R_LIMIT_DAILY), "LIMIT_DAILY");
	assert_string_equal(pc_risk_reason_name(PC_RISK_R_OFFLINE_CUMULATIVE), "OFFLINE_CUMULATIVE");
	assert_string_equal(pc_risk_reason_name(PC_RISK_R_STORE_FAULT), "STORE_FAULT");
	assert_string_equal(pc_risk_reason_name(PC_RISK_R_TIME_UNKNOWN), "TIME_UNKNOWN");
	assert_string_equal(pc_risk_reason_name((pc_risk_reason)15), "UNKNOWN");
	assert_string_equal(pc_risk_reason_name(PC_RISK_R_CUSTOM), "CUSTOM");
	assert_string_equal(pc_risk_reason_name((pc_risk_reason)0xFFFF), "CUSTOM");
	assert_string_equal(pc_risk_reason_name((pc_risk_reason)0x10000), "UNKNOWN");
	assert_string_equal(pc_risk_method_name(PC_RISK_M_NONE), "NONE");
	assert_string_equal(pc_risk_method_name(PC_RISK_M_BIOMETRIC), "BIOMETRIC");
	assert_string_equal(pc_risk_method_name((pc_risk_method)9), "UNKNOWN");
	assert_int_equal(pc_risk_method_factor(PC_RISK_M_PIN), PC_FACTOR_KNOWLEDGE);
	assert_int_equal(pc_risk_method_factor(PC_RISK_M_OTP), PC_FACTOR_OTP);
	assert_int_equal(pc_risk_method_factor(PC_RISK_M_BIOMETRIC), PC_FACTOR_BIOMETRIC);
	assert_int_equal(pc_risk_method_factor(PC_RISK_M_CERT), PC_FACTOR_CERT);
	assert_int_equal(pc_risk_method_factor(PC_RISK_M_NONE), 0);
}

static void test_code_factors(void **state)
{
	(void)state;
	assert_int_equal(pc_risk_code_factors(NULL), 0);
	assert_int_equal(pc_risk_code_factors(&dec), PC_FACTOR_OTP);
	dec.flags = PC_CODE_F_UV_BIOMETRIC | PC_CODE_F_UV_PIN;
	assert_int_equal(pc_risk_code_factors(&dec),
			 PC_FACTOR_OTP | PC_FACTOR_BIOMETRIC | PC_FACTOR_KNOWLEDGE);
	dec.form = PC_FORM_QR_OFFLINE;
	dec.flags = PC_CODE_F_UV_BIOMETRIC;
	/* a device the provider did not certify for biometrics: the claim
	 * does not count (level C instead of A) */
	dec.cert_flags = PC_CERT_F_OFFLINE;
	assert_int_equal(pc_risk_code_factors(&dec), PC_FACTOR_OTP | PC_FACTOR_CERT);
	assert_int_equal(pc_risk_level_of(pc_risk_code_factors(&dec), false), PC_RISK_C);
	dec.cert_flags = PC_CERT_F_OFFLINE | PC_CERT_F_BIOMETRIC;
	assert_int_equal(pc_risk_code_factors(&dec),
			 PC_FACTOR_OTP | PC_FACTOR_CERT | PC_FACTOR_BIOMETRIC);
	assert_int_equal(pc_risk_level_of(pc_risk_code_factors(&dec), false), PC_RISK_A);
	dec.verdict = PC_DECLINE;
	assert_int_equal(pc_risk_code_factors(&dec), 0);
}

static void test_txn_check(void **state)
{
	pc_txn t;

	(void)state;
	assert_int_equal(pc_txn_check(&txn), PC_OK);
	assert_int_equal(pc_txn_check(NULL), PC_ERR_INVALID_ARG);
#define BAD(stmt) do { t = txn; stmt; assert_int_equal(pc_txn_check(&t), PC_ERR_INVALID_ARG); } while (0)
#define GOOD(stmt) do { t = txn; stmt; assert_int_equal(pc_txn_check(&t), PC_OK); } while (0)
	BAD(t.amount = 0);
	BAD(t.amount = -1);
	GOOD(t.amount = PC_RISK_AMOUNT_MAX);
	BAD(t.amount = PC_RISK_AMOUNT_MAX + 1);
	BAD(t.currency = 0);
	BAD(t.currency = 1000);
	GOOD(t.mcc = 9999);
	BAD(t.mcc = 10000);
	BAD(t.merchant_id[3] = ' ');
	BAD(t.terminal_id[0] = '#');
	BAD(memset(t.terminal_id, 'A', sizeof t.terminal_id)); /* no NUL */
	GOOD(memset(t.terminal_id, 'A', PC_RISK_ID_MAX); t.terminal_id[PC_RISK_ID_MAX] = 0);
	GOOD(t.merchant_id[0] = 0);
	BAD(t.offline = 2);
	BAD(t.has_location = 2);
	GOOD(t.has_location = 1; t.lat = 90000000; t.lon = -180000000);
	BAD(t.has_location = 1; t.lat = 90000001);
	BAD(t.has_location = 1; t.lon = 180000001);
	GOOD(t.has_location = 0; t.lat = 90000001); /* unset location is not read */
#undef BAD
#undef GOOD
}

/* ---- daily limits (PC-02) ------------------------------------------------------ */

/* Around one limit L: L - 1 then 1 fits exactly, 1 more does not; a
 * single L fits; a single L + 1 does not. Fresh tokens give fresh buckets. */
static void around(pc_factors f, bool is_static, int64_t limit)
{
	dec.token_id++;
	OK_(f, is_static, NOW, limit - 1);
	OK_(f, is_static, NOW, 1);
	EXPECT(f, is_static, NOW, 1, PC_DECLINE, PC_RISK_R_LIMIT_DAILY);
	dec.token_id++;
	OK_(f, is_static, NOW, limit);
	EXPECT(f, is_static, NOW, 1, PC_DECLINE, PC_RISK_R_LIMIT_DAILY);
	dec.token_id++;
	EXPECT(f, is_static, NOW, limit + 1, PC_DECLINE, PC_RISK_R_LIMIT_DAILY);
	OK_(f, is_static, NOW, limit); /* the refused amount was not added */
}

static void test_daily_limits(void **state)
{
	(void)state;
	only(pc_risk_hook_daily, "daily");
	around(F_B, false, 500000);  /* B 5,000 CNY */
	around(F_C, false, 100000);  /* C 1,000 CNY */
	around(F_A, true, 50000);    /* D 500 CNY: static, any factors */
	/* A: no limit by default */
	dec.token_id++;
	OK_(F_A, false, NOW, PC_RISK_AMOUNT_MAX);
	OK_(F_A, false, NOW, PC_RISK_AMOUNT_MAX);
	/* A as agreed, and B lowered */
	cfg.limits.daily[PC_RISK_A] = 2000000;
	cfg.limits.daily[PC_RISK_B] = 300000;
	around(F_A, false, 2000000);
	around(F_B, false, 300000);
	/* an out-of-range B (unchecked config) falls back to the PC-02 cap */
	cfg.limits.daily[PC_RISK_B] = 900000;
	around(F_B, false, 500000);
	cfg.limits.daily[PC_RISK_B] = 0;
	around(F_B, false, 500000);
}

static void test_daily_buckets(void **state)
{
	(void)state;
	only(pc_risk_hook_daily, "daily");
	/* levels have their own buckets */
	OK_(F_C, false, NOW, 100000);
	EXPECT(F_C, false, NOW, 1, PC_DECLINE, PC_RISK_R_LIMIT_DAILY);
	OK_(F_B, false, NOW, 500000);
	OK_(F_A, true, NOW, 50000);
	/* tokens have their own buckets */
	dec.token_id = TOKEN + 1;
	OK_(F_C, false, NOW, 100000);
	/* another currency is not comparable with fen of CNY */
	txn.currency = 840;
	EXPECT(F_C, false, NOW, 1, PC_DECLINE, PC_RISK_R_CURRENCY);
}

static void test_day_boundary(void **state)
{
	const pc_time last = NOW + 8 * 3600 - 1; /* 15:59:59Z = 23:59:59 CST */
	const pc_time first = last + 1;          /* 16:00:00Z = 00:00:00 CST */
	const pc_time midnight = NOW - 16 * 3600; /* 16:00:00Z the day before */
	const pc_time utc0 = NOW - 8 * 3600;      /* 00:00:00Z */

	(void)state;
	assert_int_equal(pc_risk_day(last, 8 * 3600) + 1, pc_risk_day(first, 8 * 3600));
	assert_int_equal(pc_risk_day(midnight, 8 * 3600), pc_risk_day(last, 8 * 3600));
	assert_int_equal(pc_risk_day(midnight - 1, 8 * 3600) + 1, pc_risk_day(last, 8 * 3600));
	only(pc_risk_hook_daily, "daily");
	OK_(F_C, false, midnight, 60000);     /* 00:00:00 local: the same day */
	OK_(F_C, false, last, 40000);
	EXPECT(F_C, false, last, 1, PC_DECLINE, PC_RISK_R_LIMIT_DAILY);
	OK_(F_C, false, first, 100000);       /* a new local day */
	EXPECT(F_C, false, first, 1, PC_DECLINE, PC_RISK_R_LIMIT_DAILY);
	/* at UTC+0 the same instants are one day: 08:00Z .. 15:59:59Z .. 16:00Z */
	cfg.limits.utc_offset = 0;
	dec.token_id++;
	OK_(F_C, false, last, 100000);
	EXPECT(F_C, false, first, 1, PC_DECLINE, PC_RISK_R_LIMIT_DAILY);
	OK_(F_C, false, NOW + 16 * 3600, 1);  /* 00:00:00Z next day */
	/* a negative offset */
	assert_int_equal(pc_risk_day(utc0 + 5 * 3600 - 1, -5 * 3600) + 1,
			 pc_risk_day(utc0 + 5 * 3600, -5 * 3600));
	cfg.limits.utc_offset = -5 * 3600;
	dec.token_id++;
	OK_(F_C, false, utc0 + 5 * 3600 - 1, 100000);
	OK_(F_C, false, utc0 + 5 * 3600, 100000);
}

static void test_day_arithmetic(void **state)
{
	(void)state;
	assert_int_equal(pc_risk_day(0, 0), 0);
	assert_int_equal(pc_risk_day(-1, 0), -1);
	assert_int_equal(pc_risk_day(-86400, 0), -1);
	assert_int_equal(pc_risk_day(-86401, 0), -2);
	assert_int_equal(pc_risk_day(86399, 1), 1);
	assert_int_equal(pc_risk_day(0, -1), -1);
	assert_int_equal(pc_risk_day(NOW, 8 * 3600), 20833);
	/* extremes do not overflow (UBSan) */
	assert_true(pc_risk_day(INT64_MAX, INT32_MAX) > 0);
	assert_true(pc_risk_day(INT64_MIN, INT32_MIN) < 0);
	/* counters near the end of time still expire sanely */
	only(pc_risk_hook_daily, "daily");
	OK_(F_C, false, INT64_MAX - 10, 1);
}

/* ---- velocity ----------------------------------------------------------------- */

static void test_velocity_token(void **state)
{
	const pc_time w0 = NOW - NOW % 60; /* start of a 60 s window */

	(void)state;
	cfg.velocity.token_max = 3;
	cfg.velocity.token_window = 60;
	only(pc_risk_hook_velocity, "velocity");
	OK_(F_C, false, w0, 1);
	OK_(F_C, false, w0 + 30, 1);
	OK_(F_C, false, w0 + 59, 1); /* max - 1 .. max */
	EXPECT(F_C, false, w0 + 59, 1, PC_DECLINE, PC_RISK_R_VELOCITY); /* max + 1 */
	OK_(F_C, false, w0 + 60, 1); /* the next window */
	OK_(F_C, false, w0 + 61, 1);
	OK_(F_C, false, w0 + 119, 1);
	EXPECT(F_C, false, w0 + 119, 1, PC_DECLINE, PC_RISK_R_VELOCITY);
	/* another token counts apart; and 0 turns the counter off */
	dec.token_id++;
	OK_(F_C, false, w0 + 119, 1);
	cfg.velocity.token_max = 0;
	dec.token_id--;
	OK_(F_C, false, w0 + 119, 1);
	/* a window of 1 s */
	cfg.velocity.token_max = 1;
	cfg.velocity.token_window = 1;
	OK_(F_C, false, w0 + 200, 1);
	EXPECT(F_C, false, w0 + 200, 1, PC_DECLINE, PC_RISK_R_VELOCITY);
	OK_(F_C, false, w0 + 201, 1);
	/* a window of 0 with a count is a broken config: fail closed */
	cfg.velocity.token_window = 0;
	EXPECT(F_C, false, w0, 1, PC_DECLINE, PC_RISK_R_HOOK_FAULT);
}

static void test_velocity_terminal(void **state)
{
	const pc_time w0 = NOW - NOW % 300;

	(void)state;
	cfg.velocity.terminal_max = 2;
	cfg.velocity.terminal_window = 300;
	only(pc_risk_hook_velocity, "velocity");
	OK_(F_C, false, w0, 1);
	dec.token_id++;
	OK_(F_C, false, w0 + 299, 1);
	dec.token_id++;
	EXPECT(F_C, false, w0 + 299, 1, PC_DECLINE, PC_RISK_R_VELOCITY);
	OK_(F_C, false, w0 + 300, 1);
	strcpy(txn.terminal_id, "T0000002"); /* another terminal */
	OK_(F_C, false, w0 + 299, 1);
	OK_(F_C, false, w0 + 299, 1);
	EXPECT(F_C, false, w0 + 299, 1, PC_DECLINE, PC_RISK_R_VELOCITY);
	txn.terminal_id[0] = '\0';           /* no terminal ID: not counted */
	OK_(F_C, false, w0 + 299, 1);
	OK_(F_C, false, w0 + 299, 1);
	OK_(F_C, false, w0 + 299, 1);
	/* the longest terminal ID */
	memset(txn.terminal_id, 'Z', PC_RISK_ID_MAX);
	txn.terminal_id[PC_RISK_ID_MAX] = '\0';
	OK_(F_C, false, w0, 1);
	OK_(F_C, false, w0, 1);
	EXPECT(F_C, false, w0, 1, PC_DECLINE, PC_RISK_R_VELOCITY);
}

/* ---- lists ------------------------------------------------------------------------ */

static void add_u64(pc_risk_u64_list *l, uint64_t v)
{
	l->v[l->count++] = v; /* callers add in ascending order */
}

static void add_id(pc_risk_id_list *l, const char *id)
{
	strcpy(l->v[l->count++], id);
}

static void test_deny_lists(void **state)
{
	(void)state;
	add_u64(&cfg.lists.deny_token, TOKEN + 5);
	add_u64(&cfg.lists.deny_device, SERIAL);
	add_id(&cfg.lists.deny_merchant, "BAD-MERCHANT");
	add_id(&cfg.lists.deny_terminal, "BADTERM");
	assert_int_equal(pc_risk_config_check(&cfg), PC_OK);
	only(pc_risk_hook_lists, "lists");
	OK_(F_C, false, NOW, 1);
	dec.token_id = TOKEN + 5;
	EXPECT(F_C, false, NOW, 1, PC_DECLINE, PC_RISK_R_DENY_LISTED);
	dec.token_id = TOKEN;
	/* a device serial only counts when the code shows a certificate */
	dec.cert_serial = SERIAL;
	OK_(F_C, false, NOW, 1);
	dec.form = PC_FORM_QR_OFFLINE;
	EXPECT(F_C, false, NOW, 1, PC_DECLINE, PC_RISK_R_DENY_LISTED);
	dec.cert_serial = SERIAL + 1;
	OK_(F_C, false, NOW, 1);
	strcpy(txn.merchant_id, "BAD-MERCHANT");
	EXPECT(F_C, false, NOW, 1, PC_DECLINE, PC_RISK_R_DENY_LISTED);
	strcpy(txn.merchant_id, "BAD-MERCHANT2");
	OK_(F_C, false, NOW, 1);
	strcpy(txn.terminal_id, "BADTERM");
	EXPECT(F_C, false, NOW, 1, PC_DECLINE, PC_RISK_R_DENY_LISTED);
}

static void test_list_search(void **state)
{
	static pc_risk_u64_list l;
	static pc_risk_id_list ids;
	static pc_risk_mcc_list m;
	uint64_t i;

	(void)state;
	assert_false(pc_risk_u64_list_has(&l, 0));
	assert_false(pc_risk_u64_list_has(NULL, 0));
	assert_false(pc_risk_id_list_has(NULL, "x"));
	assert_false(pc_risk_id_list_has(&ids, NULL));
	assert_false(pc_risk_mcc_list_has(NULL, 1));
	assert_false(pc_risk_binding_find(NULL, 1, NULL));
	for (i = 0; i < PC_RISK_LIST_MAX; i++)
		add_u64(&l, 10 * i + 5);
	for (i = 0; i < PC_RISK_LIST_MAX; i++) {
		assert_true(pc_risk_u64_list_has(&l, 10 * i + 5));
		assert_false(pc_risk_u64_list_has(&l, 10 * i + 4));
		assert_false(pc_risk_u64_list_has(&l, 10 * i + 6));
	}
	add_id(&ids, "A");
	add_id(&ids, "AB");
	add_id(&ids, "B");
	assert_true(pc_risk_id_list_has(&ids, "AB"));
	assert_false(pc_risk_id_list_has(&ids, "AA"));
	assert_false(pc_risk_id_list_has(&ids, ""));
	m.v[m.count++] = 0;
	m.v[m.count++] = 9999;
	assert_true(pc_risk_mcc_list_has(&m, 0));
	assert_true(pc_risk_mcc_list_has(&m, 9999));
	assert_false(pc_risk_mcc_list_has(&m, 5000));
	/* a corrupt count is bounded by the capacity */
	l.count = 0xFFFF;
	assert_false(pc_risk_u64_list_has(&l, 1));
}

static void test_allow_skips_velocity(void **state)
{
	(void)state;
	cfg.velocity.token_max = 1;
	cfg.velocity.token_window = 3600;
	cfg.velocity.terminal_max = 1;
	cfg.velocity.terminal_window = 3600;
	add_id(&cfg.lists.allow_merchant, "GOOD");
	add_id(&cfg.lists.allow_terminal, "TGOOD");
	add_u64(&cfg.lists.allow_token, TOKEN + 9);
	add_u64(&cfg.lists.allow_device, SERIAL);
	only(pc_risk_hook_velocity, "velocity");
	/* allow-listed merchant: never counted */
	strcpy(txn.merchant_id, "GOOD");
	OK_(F_C, false, NOW, 1);
	OK_(F_C, false, NOW, 1);
	OK_(F_C, false, NOW, 1);
	/* ... so the token's and the terminal's counters are still at 0 */
	strcpy(txn.merchant_id, "OTHER");
	OK_(F_C, false, NOW, 1);
	EXPECT(F_C, false, NOW, 1, PC_DECLINE, PC_RISK_R_VELOCITY);
	/* allow-listed terminal, token, device */
	strcpy(txn.terminal_id, "TGOOD");
	OK_(F_C, false, NOW, 1);
	OK_(F_C, false, NOW, 1);
	strcpy(txn.terminal_id, "T0000001");
	dec.token_id = TOKEN + 9;
	OK_(F_C, false, NOW, 1);
	OK_(F_C, false, NOW, 1);
	dec.token_id = TOKEN;
	dec.cert_serial = SERIAL;
	EXPECT(F_C, false, NOW, 1, PC_DECLINE, PC_RISK_R_VELOCITY); /* online form: no device */
	dec.form = PC_FORM_QR_OFFLINE;
	OK_(F_C, false, NOW, 1);
}

static void test_deny_beats_allow(void **state)
{
	pc_risk_outcome o;
	const pc_risk_hook vel = { "velocity", pc_risk_hook_velocity, &cfg };
	const pc_risk_hook lists = { "lists", pc_risk_hook_lists, &cfg };

	(void)state;
	add_id(&cfg.lists.allow_merchant, "BOTH");
	add_id(&cfg.lists.deny_merchant, "BOTH");
	add_u64(&cfg.lists.allow_token, TOKEN);
	add_u64(&cfg.lists.deny_token, TOKEN);
	cfg.velocity.token_max = 1;
	cfg.velocity.token_window = 60;
	/* built-in order: lists first */
	assert_int_equal(pc_risk_engine_add_builtins(&eng, &cfg), PC_OK);
	strcpy(txn.merchant_id, "BOTH");
	o = run_at(F_C, false, NOW);
	assert_int_equal(o.verdict, PC_DECLINE);
	assert_int_equal(o.reason, PC_RISK_R_DENY_LISTED);
	assert_string_equal(o.trail[o.decided_by].name, "lists");
	/* and when velocity runs first, the allow list exempts it from
	 * velocity only: the deny list still declines */
	pc_risk_engine_init(&eng);
	assert_int_equal(pc_risk_engine_add(&eng, &vel), PC_OK);
	assert_int_equal(pc_risk_engine_add(&eng, &lists), PC_OK);
	o = run_at(F_C, false, NOW);
	assert_int_equal(o.verdict, PC_DECLINE);
	assert_int_equal(o.reason, PC_RISK_R_DENY_LISTED);
	assert_int_equal(o.decided_by, 1);
	assert_int_equal(o.trail[0].verdict, PC_APPROVE);
}

/* ---- offline ------------------------------------------------------------------------ */

static void test_offline_floor(void **state)
{
	(void)state;
	only(pc_risk_hook_offline, "offline");
	txn.offline = 1;
	OK_(F_C, false, NOW, 9999);
	dec.token_id++;
	OK_(F_C, false, NOW, 10000);
	dec.token_id++;
	EXPECT(F_C, false, NOW, 10001, PC_REFER_ONLINE, PC_RISK_R_OFFLINE_FLOOR);
	/* online payments are not offline-limited */
	txn.offline = 0;
	OK_(F_C, false, NOW, 10001);
	/* floor 0: every offline payment goes online */
	cfg.offline.floor = 0;
	txn.offline = 1;
	EXPECT(F_C, false, NOW, 1, PC_REFER_ONLINE, PC_RISK_R_OFFLINE_FLOOR);
	txn.currency = 344;
	EXPECT(F_C, false, NOW, 1, PC_DECLINE, PC_RISK_R_CURRENCY);
}

static void test_offline_cumulative(void **state)
{
	int i;

	(void)state;
	only(pc_risk_hook_offline, "offline");
	txn.offline = 1;
	for (i = 0; i < 5; i++)
		OK_(F_C, false, NOW, 10000);          /* 50,000: exactly the limit */
	EXPECT(F_C, false, NOW, 1, PC_REFER_ONLINE, PC_RISK_R_OFFLINE_CUMULATIVE);
	OK_(F_C, false, NOW + 8 * 3600, 10000);    /* the next local day */
	/* around the limit with single payments (floor out of the way) */
	cfg.offline.floor = PC_RISK_AMOUNT_MAX;
	dec.token_id++;
	OK_(F_C, false, NOW, 49999);
	OK_(F_C, false, NOW, 1);
	EXPECT(F_C, false, NOW, 1, PC_REFER_ONLINE, PC_RISK_R_OFFLINE_CUMULATIVE);
	dec.token_id++;
	OK_(F_C, false, NOW, 50000);
	dec.token_id++;
	EXPECT(F_C, false, NOW, 50001, PC_REFER_ONLINE, PC_RISK_R_OFFLINE_CUMULATIVE);
	/* the offline total is apart from the daily limit bucket */
	pc_risk_engine_init(&eng);
	only(pc_risk_hook_daily, "daily");
	OK_(F_C, false, NOW, 100000);
}

/* ---- caps, binding, MCC ----------------------------------------------------------- */

static void test_caps(void **state)
{
	(void)state;
	only(pc_risk_hook_caps, "caps");
	OK_(F_C, false, NOW, PC_RISK_AMOUNT_MAX); /* no caps by default */
	cfg.caps.per_txn[PC_RISK_C] = 20000;
	cfg.caps.per_txn[PC_RISK_D] = 5000;
	OK_(F_C, false, NOW, 19999);
	OK_(F_C, false, NOW, 20000);
	EXPECT(F_C, false, NOW, 20001, PC_DECLINE, PC_RISK_R_AMOUNT_CAP);
	OK_(F_B, false, NOW, 20001);               /* B has no cap */
	OK_(F_C, true, NOW, 5000);
	EXPECT(F_C, true, NOW, 5001, PC_DECLINE, PC_RISK_R_AMOUNT_CAP);
	txn.currency = 840;
	EXPECT(F_C, false, NOW, 1, PC_DECLINE, PC_RISK_R_CURRENCY);
	/* caps count nothing */
	txn.currency = PC_CURRENCY_CNY;
	OK_(F_C, false, NOW, 20000);
	OK_(F_C, false, NOW, 20000);
}

static void test_binding(void **state)
{
	(void)state;
	cfg.binding.bind[0].token = TOKEN;
	cfg.binding.bind[0].serial = SERIAL;
	cfg.binding.bind[1].token = TOKEN + 1;
	cfg.binding.bind[1].serial = 77;
	cfg.binding.count = 2;
	only(pc_risk_hook_binding, "binding");
	dec.form = PC_FORM_QR_OFFLINE;
	dec.cert_serial = SERIAL;
	OK_(F_C, false, NOW, 1);
	dec.cert_serial = SERIAL + 1;              /* another device */
	EXPECT(F_C, false, NOW, 1, PC_DECLINE, PC_RISK_R_DEVICE_BINDING);
	dec.token_id = TOKEN + 1;
	dec.cert_serial = 77;
	OK_(F_C, false, NOW, 1);
	/* bound token, code without a device */
	dec.form = PC_FORM_QR_ONLINE;
	OK_(F_C, false, NOW, 1);
	cfg.binding.require_device = 1;
	EXPECT(F_C, false, NOW, 1, PC_DECLINE, PC_RISK_R_DEVICE_BINDING);
	dec.form = PC_FORM_NUMERIC;
	EXPECT(F_C, false, NOW, 1, PC_DECLINE, PC_RISK_R_DEVICE_BINDING);
	/* unbound token */
	dec.token_id = TOKEN + 2;
	OK_(F_C, false, NOW, 1);
	dec.form = PC_FORM_QR_OFFLINE;
	OK_(F_C, false, NOW, 1);
	cfg.binding.require_bound = 1;
	EXPECT(F_C, false, NOW, 1, PC_DECLINE, PC_RISK_R_DEVICE_BINDING);
}

static void test_mcc(void **state)
{
	pc_risk_outcome o;

	(void)state;
	cfg.mcc.block.v[cfg.mcc.block.count++] = 7995;  /* betting */
	cfg.mcc.step_up.v[cfg.mcc.step_up.count++] = 4829; /* money transfer */
	only(pc_risk_hook_mcc, "mcc");
	OK_(F_C, false, NOW, 1);
	txn.mcc = 7995;
	EXPECT(F_A, false, NOW, 1, PC_DECLINE, PC_RISK_R_MCC_BLOCKED);
	txn.mcc = 4829;
	o = run_at(F_C, false, NOW);
	assert_int_equal(o.verdict, PC_STEP_UP);
	assert_int_equal(o.reason, PC_RISK_R_MCC_STEP_UP);
	assert_int_equal(o.method, PC_RISK_M_PIN);
	assert_int_equal(o.trail[0].method, PC_RISK_M_PIN);
	OK_(F_B, false, NOW, 1);                        /* the PIN is there */
	cfg.mcc.method = PC_RISK_M_BIOMETRIC;
	o = run_at(F_B, false, NOW);
	assert_int_equal(o.verdict, PC_STEP_UP);
	assert_int_equal(o.method, PC_RISK_M_BIOMETRIC);
	OK_(F_B | PC_FACTOR_BIOMETRIC, false, NOW, 1);
	cfg.mcc.method = PC_RISK_M_NONE;                /* broken: still asks */
	EXPECT(F_A | PC_FACTOR_BIOMETRIC, false, NOW, 1, PC_STEP_UP, PC_RISK_R_MCC_STEP_UP);
}

/* ---- engine ------------------------------------------------------------------------- */

static unsigned calls;

static pc_err h_approve(const pc_risk_input *in, const void *c, pc_risk_result *out)
{
	(void)in; (void)c;
	calls++;
	out->verdict = PC_APPROVE;
	out->reason = PC_RISK_R_OK;
	return PC_OK;
}

static pc_err h_step_up(const pc_risk_input *in, const void *c, pc_risk_result *out)
{
	(void)c;
	calls++;
	assert_int_equal(in->level, PC_RISK_C); /* the engine set the level */
	out->verdict = PC_STEP_UP;
	out->reason = (pc_risk_reason)(PC_RISK_R_CUSTOM + 2);
	out->method = PC_RISK_M_OTP;
	return PC_OK;
}

static pc_err h_silent(const pc_risk_input *in, const void *c, pc_risk_result *out)
{
	(void)in; (void)c; (void)out;
	return PC_OK; /* answers nothing */
}

static pc_err h_error(const pc_risk_input *in, const void *c, pc_risk_result *out)
{
	(void)in;
	out->verdict = PC_APPROVE;
	return *(const pc_err *)c;
}

static pc_err h_bad_verdict(const pc_risk_input *in, const void *c, pc_risk_result *out)
{
	(void)in; (void)c;
	out->verdict = (pc_verdict)7;
	out->reason = PC_RISK_R_OK;
	return PC_OK;
}

static void test_first_non_approve_wins(void **state)
{
	const pc_risk_hook a = { "first", h_approve, NULL };
	const pc_risk_hook b = { "second", h_step_up, NULL };
	const pc_risk_hook c = { "third", h_approve, NULL };
	pc_risk_outcome o;

	(void)state;
	o = run_at(F_C, false, NOW); /* no hooks */
	assert_int_equal(o.verdict, PC_APPROVE);
	assert_int_equal(o.ran, 0);
	assert_int_equal(o.decided_by, 0xFF);
	assert_int_equal(pc_risk_engine_add(&eng, &a), PC_OK);
	assert_int_equal(pc_risk_engine_add(&eng, &b), PC_OK);
	assert_int_equal(pc_risk_engine_add(&eng, &c), PC_OK);
	calls = 0;
	o = run_at(F_C, false, NOW);
	assert_int_equal(calls, 2); /* the third never ran */
	assert_int_equal(o.verdict, PC_STEP_UP);
	assert_int_equal(o.reason, PC_RISK_R_CUSTOM + 2);
	assert_string_equal(pc_risk_reason_name(o.reason), "CUSTOM");
	assert_int_equal(o.method, PC_RISK_M_OTP);
	assert_int_equal(o.ran, 2);
	assert_int_equal(o.decided_by, 1);
	assert_string_equal(o.trail[0].name, "first");
	assert_int_equal(o.trail[0].verdict, PC_APPROVE);
	assert_string_equal(o.trail[1].name, "second");
	assert_int_equal(o.trail[1].verdict, PC_STEP_UP);
	/* PC-03: level, factors and liability are recorded */
	assert_int_equal(o.level, PC_RISK_C);
	assert_int_equal(o.factors, F_C);
	assert_int_equal(o.liability, 1);
}

static void test_builtin_trail(void **state)
{
	static const char *const names[] = { "lists", "binding", "mcc", "caps",
					     "velocity", "offline", "daily" };
	pc_risk_outcome o;
	size_t i;

	(void)state;
	cfg.velocity.token_max = 3;
	cfg.velocity.token_window = 60;
	assert_int_equal(pc_risk_engine_add_builtins(&eng, &cfg), PC_OK);
	txn.offline = 1;
	txn.amount = 5000;
	o = run_at(F_B, false, NOW);
	assert_int_equal(o.verdict, PC_APPROVE);
	assert_int_equal(o.ran, 7);
	assert_int_equal(o.decided_by, 0xFF);
	assert_int_equal(o.level, PC_RISK_B);
	assert_int_equal(o.liability, 0);
	for (i = 0; i < 7; i++) {
		assert_string_equal(o.trail[i].name, names[i]);
		assert_int_equal(o.trail[i].verdict, PC_APPROVE);
		assert_int_equal(o.trail[i].reason, PC_RISK_R_OK);
	}
	/* the floor refers online: velocity counted, daily did not */
	txn.amount = 10001;
	o = run_at(F_B, false, NOW);
	assert_int_equal(o.verdict, PC_REFER_ONLINE);
	assert_int_equal(o.reason, PC_RISK_R_OFFLINE_FLOOR);
	assert_int_equal(o.ran, 6);
	assert_int_equal(o.decided_by, 5);
	txn.offline = 0;
	txn.amount = 495000; /* 5,000 + 495,000 = the B limit: nothing else was added */
	o = run_at(F_B, false, NOW);
	assert_int_equal(o.verdict, PC_APPROVE);
	o = run_at(F_B, false, NOW);
	assert_int_equal(o.reason, PC_RISK_R_VELOCITY); /* the fourth code */
	/* a static code at level D carries no liability flag; C does */
	o = run_at(F_C, true, NOW);
	assert_int_equal(o.level, PC_RISK_D);
	assert_int_equal(o.liability, 0);
}

static void test_hook_faults(void **state)
{
	static const pc_err unavailable = PC_ERR_STORE_UNAVAILABLE, capacity = PC_ERR_CAPACITY,
			    other = PC_ERR_INTERNAL;
	const pc_risk_hook hooks[] = {
		{ "silent", h_silent, NULL }, { "unavail", h_error, &unavailable },
		{ "capacity", h_error, &capacity }, { "other", h_error, &other },
		{ "verdict", h_bad_verdict, NULL } };
	static const pc_risk_reason want[] = { PC_RISK_R_HOOK_FAULT, PC_RISK_R_STORE_FAULT,
					       PC_RISK_R_STORE_FAULT, PC_RISK_R_HOOK_FAULT,
					       PC_RISK_R_HOOK_FAULT };
	pc_risk_outcome o;
	size_t i;

	(void)state;
	for (i = 0; i < N_ELEM(hooks); i++) {
		pc_risk_engine_init(&eng);
		assert_int_equal(pc_risk_engine_add(&eng, &hooks[i]), PC_OK);
		o = run_at(F_C, false, NOW);
		assert_int_equal(o.verdict, PC_DECLINE);
		assert_int_equal(o.reason, want[i]);
		assert_int_equal(o.trail[0].reason, want[i]);
	}
}

static void test_engine_registration(void **state)
{
	const pc_risk_hook ok = { "ok", h_approve, NULL };
	pc_risk_hook h = ok;
	char longname[PC_RISK_NAME_MAX + 2];
	pc_risk_input in;
	pc_risk_outcome o;
	size_t i;

	(void)state;
	assert_int_equal(pc_risk_engine_add(NULL, &ok), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_risk_engine_add(&eng, NULL), PC_ERR_INVALID_ARG);
	h.fn = NULL;
	assert_int_equal(pc_risk_engine_add(&eng, &h), PC_ERR_INVALID_ARG);
	h = ok;
	h.name = NULL;
	assert_int_equal(pc_risk_engine_add(&eng, &h), PC_ERR_INVALID_ARG);
	h.name = "";
	assert_int_equal(pc_risk_engine_add(&eng, &h), PC_ERR_INVALID_ARG);
	memset(longname, 'n', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	h.name = longname;
	assert_int_equal(pc_risk_engine_add(&eng, &h), PC_ERR_INVALID_ARG);
	longname[PC_RISK_NAME_MAX] = '\0';
	assert_int_equal(pc_risk_engine_add(&eng, &h), PC_OK);
	assert_int_equal(eng.count, 1);
	/* built-ins need 7 free slots, and add all or nothing */
	for (i = 1; i < PC_RISK_MAX_HOOKS - 6; i++)
		assert_int_equal(pc_risk_engine_add(&eng, &ok), PC_OK);
	assert_int_equal(pc_risk_engine_add_builtins(&eng, &cfg), PC_ERR_CAPACITY);
	assert_int_equal(eng.count, PC_RISK_MAX_HOOKS - 6);
	assert_int_equal(pc_risk_engine_add(&eng, &ok), PC_OK);
	pc_risk_engine_init(&eng);
	cfg.limits.daily[PC_RISK_C] = 100001;
	assert_int_equal(pc_risk_engine_add_builtins(&eng, &cfg), PC_ERR_RISK_CONFIG);
	assert_int_equal(eng.count, 0);
	assert_int_equal(pc_risk_engine_add_builtins(&eng, NULL), PC_ERR_INVALID_ARG);
	for (i = 0; i < PC_RISK_MAX_HOOKS; i++)
		assert_int_equal(pc_risk_engine_add(&eng, &ok), PC_OK);
	assert_int_equal(pc_risk_engine_add(&eng, &ok), PC_ERR_CAPACITY);
	o = run_at(F_C, false, NOW);
	assert_int_equal(o.ran, PC_RISK_MAX_HOOKS);
	/* bad inputs */
	memset(&in, 0, sizeof in);
	in.decision = &dec;
	in.txn = &txn;
	in.store = &st;
	assert_int_equal(pc_risk_run(NULL, &in, &o), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_risk_run(&eng, &in, NULL), PC_ERR_INVALID_ARG);
	in.store = NULL;
	assert_int_equal(pc_risk_run(&eng, &in, &o), PC_ERR_INVALID_ARG);
	in.store = &st;
	txn.amount = 0;
	assert_int_equal(pc_risk_run(&eng, &in, &o), PC_ERR_INVALID_ARG);
	pc_risk_engine_wipe(&eng);
	assert_int_equal(eng.count, 0);
	pc_risk_engine_wipe(NULL);
	pc_risk_engine_init(NULL);
	/* the built-in hooks refuse NULL arguments */
	assert_int_equal(pc_risk_hook_daily(NULL, &cfg, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_risk_hook_velocity(&in, NULL, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_risk_hook_offline(NULL, NULL, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_risk_hook_caps(NULL, NULL, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_risk_hook_lists(NULL, NULL, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_risk_hook_binding(NULL, NULL, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_risk_hook_mcc(NULL, NULL, NULL), PC_ERR_INVALID_ARG);
}

/* ---- store faults: fail closed ------------------------------------------------------ */

static pc_err fault_code;
static unsigned add_calls;

static pc_err broken_add(void *ctx, const uint8_t key[PC_REPLAY_KEY_LEN], int64_t amount,
			 int64_t limit, pc_time expires, pc_time now, int64_t *total)
{
	(void)ctx; (void)key; (void)amount; (void)limit; (void)expires; (void)now;
	add_calls++;
	*total = 0;
	return fault_code;
}

static pc_err unused_consume(void *ctx, const uint8_t key[PC_REPLAY_KEY_LEN],
			     pc_time expires, pc_time now)
{
	(void)ctx; (void)key; (void)expires; (void)now;
	return PC_OK;
}

static void test_store_faults(void **state)
{
	static const pc_err faults[] = { PC_ERR_STORE_UNAVAILABLE, PC_ERR_STORE_REPLY,
					 PC_ERR_CAPACITY, PC_ERR_STORAGE, PC_ERR_INVALID_ARG };
	static const pc_risk_fn counting[] = { pc_risk_hook_daily, pc_risk_hook_velocity,
					       pc_risk_hook_offline };
	size_t i, k;

	(void)state;
	cfg.velocity.token_max = 5;
	cfg.velocity.token_window = 60;
	txn.offline = 1;
	st.ctx = NULL;
	st.consume = unused_consume;
	st.add_within = broken_add;
	for (k = 0; k < N_ELEM(counting); k++) {
		pc_risk_engine_init(&eng);
		only(counting[k], "counter");
		for (i = 0; i < N_ELEM(faults); i++) {
			fault_code = faults[i];
			add_calls = 0;
			EXPECT(F_C, false, NOW, 1, PC_DECLINE, PC_RISK_R_STORE_FAULT);
			assert_int_equal(add_calls, 1);
		}
		/* a store that only does replay cannot count: decline */
		st.add_within = NULL;
		EXPECT(F_C, false, NOW, 1, PC_DECLINE, PC_RISK_R_STORE_FAULT);
		st.add_within = broken_add;
	}
	/* the full chain: a fault never approves */
	pc_risk_engine_init(&eng);
	assert_int_equal(pc_risk_engine_add_builtins(&eng, &cfg), PC_OK);
	fault_code = PC_ERR_STORE_UNAVAILABLE;
	EXPECT(F_A, false, NOW, 1, PC_DECLINE, PC_RISK_R_STORE_FAULT);
	/* a full memstore is a fault too */
	pc_memstore_init(&ms, &plat, &st);
	for (i = 0; i < PC_MEMSTORE_SLOTS; i++) {
		uint8_t key[PC_REPLAY_KEY_LEN] = { 0 };

		memcpy(key, &i, sizeof i);
		assert_int_equal(st.consume(st.ctx, key, NOW + 3600, NOW), PC_OK);
	}
	pc_risk_engine_init(&eng);
	only(pc_risk_hook_daily, "daily");
	EXPECT(F_C, false, NOW, 1, PC_DECLINE, PC_RISK_R_STORE_FAULT);
	assert_int_equal(pc_fake_lock_depth(&fk), 0);
}

/* ---- pc_authorize end to end -------------------------------------------------------- */

static uint8_t root_priv[32], root_pub[65], master[32];
static pc_wallet w;
static pc_memstore ms_p, ms_t;
static pc_store st_p, st_t;
static pc_validator prov, term;

static pc_err hook_master(void *ctx, uint32_t id, uint8_t out[PC_KEY_LEN])
{
	(void)ctx;
	if (id != MASTER_ID)
		return PC_ERR_NOT_FOUND;
	memcpy(out, master, 32);
	return PC_OK;
}

static pc_err hook_alias(void *ctx, uint32_t alias, uint64_t *token, uint32_t *mkid)
{
	(void)ctx;
	if (alias != ALIAS)
		return PC_ERR_NOT_FOUND;
	*token = TOKEN;
	*mkid = MASTER_ID;
	return PC_OK;
}

static const pc_provider_hooks hooks = { NULL, hook_master, hook_alias, NULL };

static int setup(void **state)
{
	uint8_t tok[32], pub[65], cert_bytes[PC_CERT_LEN];
	pc_cert c;
	size_t i;

	(void)state;
	pc_fake_init(&fk, 42, &plat);
	pc_fake_set_time(&fk, NOW);
	for (i = 0; i < 32; i++)
		master[i] = (uint8_t)(0xA0 + i);
	assert_int_equal(pc_p256_keygen(&plat, root_priv, root_pub), PC_OK);
	assert_int_equal(plat.key_generate(plat.ctx, DEVICE_KEY, PC_KEY_SUITE_P256, pub, 65), PC_OK);
	memset(&c, 0, sizeof c);
	c.suite = PC_SUITE_1;
	c.issuer_key_id = ROOT_ID;
	c.serial = SERIAL;
	c.token_id = TOKEN;
	c.alias = ALIAS;
	c.not_before = NOW - 86400;
	c.not_after = NOW + 86400 * 365;
	c.max_risk = PC_RISK_A;
	c.flags = PC_CERT_F_OFFLINE | PC_CERT_F_BIOMETRIC;
	memcpy(c.pub, pub, 65);
	assert_int_equal(pc_cert_sign(&c, root_priv), PC_OK);
	assert_int_equal(pc_cert_encode(&c, cert_bytes), PC_OK);
	assert_int_equal(pc_token_key(master, MASTER_ID, TOKEN, tok), PC_OK);
	assert_int_equal(pc_wallet_init(&w, &plat, NULL, tok, MASTER_ID, TOKEN, ALIAS, 0), PC_OK);
	assert_int_equal(pc_wallet_set_device(&w, DEVICE_KEY, cert_bytes), PC_OK);
	return 0;
}

/* Fresh validators and stores for each authorisation test. */
static int reset_auth(void **state)
{
	reset(state);
	pc_fake_set_time(&fk, NOW);
	pc_memstore_init(&ms_p, &plat, &st_p);
	pc_memstore_init(&ms_t, &plat, &st_t);
	assert_int_equal(pc_validator_init(&prov, PC_MODE_PROVIDER, &plat, &st_p, &hooks, NULL), PC_OK);
	assert_int_equal(pc_validator_add_root(&prov, ROOT_ID, root_pub), PC_OK);
	assert_int_equal(pc_validator_init(&term, PC_MODE_TERMINAL, &plat, &st_t, NULL, NULL), PC_OK);
	assert_int_equal(pc_validator_add_root(&term, ROOT_ID, root_pub), PC_OK);
	return 0;
}

static size_t qr(pc_form form, uint8_t flags, char *out)
{
	size_t n;

	assert_int_equal(pc_wallet_qr(&w, form, flags, out, PC_QR_CODE_MAX_LEN, &n), PC_OK);
	return n;
}

static void authorize(pc_validator *v, const char *code, size_t len, pc_factors f,
		      pc_decision *d, pc_risk_outcome *o)
{
	char *copy = (char *)tu_exact(code, len);

	assert_int_equal(pc_authorize(v, &eng, copy, len, &txn, f, d, o), PC_OK);
	free(copy);
}

static void test_authorize_consumes(void **state)
{
	char code[PC_QR_CODE_MAX_LEN];
	pc_decision d;
	pc_risk_outcome o;
	size_t n;

	(void)state;
	add_u64(&cfg.lists.deny_token, TOKEN);
	assert_int_equal(pc_risk_engine_add_builtins(&eng, &cfg), PC_OK);
	n = qr(PC_FORM_QR_ONLINE, 0, code);
	authorize(&prov, code, n, F_B, &d, &o);
	/* the code is good and consumed; risk refuses the payment */
	assert_int_equal(d.verdict, PC_APPROVE);
	assert_int_equal(d.consumed, 1);
	assert_int_equal(o.verdict, PC_DECLINE);
	assert_int_equal(o.reason, PC_RISK_R_DENY_LISTED);
	assert_int_equal(o.ran, 1);
	/* a second attempt with the same code is a replay, and no hook runs */
	cfg.lists.deny_token.count = 0;
	authorize(&prov, code, n, F_B, &d, &o);
	assert_int_equal(d.verdict, PC_DECLINE);
	assert_int_equal(d.reason, PC_R_REPLAYED);
	assert_int_equal(d.consumed, 0);
	assert_int_equal(o.verdict, PC_DECLINE);
	assert_int_equal(o.reason, PC_RISK_R_CODE);
	assert_int_equal(o.ran, 0);
	assert_int_equal(o.level, PC_RISK_B); /* still recorded (PC-03) */
	/* a new code passes */
	n = qr(PC_FORM_QR_ONLINE, 0, code);
	authorize(&prov, code, n, F_B, &d, &o);
	assert_int_equal(o.verdict, PC_APPROVE);
	assert_int_equal(o.ran, 7);
}

static void test_authorize_limits(void **state)
{
	char code[PC_QR_CODE_MAX_LEN], num[PC_NUMERIC_LEN + 1];
	pc_decision d;
	pc_risk_outcome o;
	size_t n;

	(void)state;
	assert_int_equal(pc_risk_engine_add_builtins(&eng, &cfg), PC_OK);
	/* level C (the code alone): 1,000 CNY a day, liability flagged */
	txn.amount = 99999;
	n = qr(PC_FORM_QR_ONLINE, 0, code);
	authorize(&prov, code, n, PC_FACTOR_FROM_CODE, &d, &o);
	assert_int_equal(o.verdict, PC_APPROVE);
	assert_int_equal(o.level, PC_RISK_C);
	assert_int_equal(o.factors, PC_FACTOR_OTP);
	assert_int_equal(o.liability, 1);
	txn.amount = 2;
	n = qr(PC_FORM_QR_ONLINE, 0, code);
	authorize(&prov, code, n, PC_FACTOR_FROM_CODE, &d, &o);
	assert_int_equal(o.reason, PC_RISK_R_LIMIT_DAILY);
	assert_int_equal(d.consumed, 1);
	/* biometric on the device: level B, its own bucket */
	n = qr(PC_FORM_QR_ONLINE, PC_CODE_F_UV_BIOMETRIC, code);
	authorize(&prov, code, n, PC_FACTOR_FROM_CODE, &d, &o);
	assert_int_equal(o.verdict, PC_APPROVE);
	assert_int_equal(o.level, PC_RISK_B);
	/* numeric code with the caller's PIN check: B */
	pc_fake_set_time(&fk, NOW + 15);
	assert_int_equal(pc_wallet_numeric(&w, num), PC_OK);
	txn.amount = 499998;
	authorize(&prov, num, PC_NUMERIC_LEN, F_B, &d, &o);
	assert_int_equal(o.verdict, PC_APPROVE);
	pc_fake_set_time(&fk, NOW + 30);
	assert_int_equal(pc_wallet_numeric(&w, num), PC_OK);
	txn.amount = 1;
	authorize(&prov, num, PC_NUMERIC_LEN, F_B, &d, &o);
	assert_int_equal(o.reason, PC_RISK_R_LIMIT_DAILY);
}

static void test_authorize_terminal(void **state)
{
	char code[PC_QR_CODE_MAX_LEN];
	pc_decision d;
	pc_risk_outcome o;
	size_t n;

	(void)state;
	assert_int_equal(pc_risk_engine_add_builtins(&eng, &cfg), PC_OK);
	/* a terminal authorises offline (txn.offline is 0): the floor applies */
	txn.amount = 10001;
	n = qr(PC_FORM_QR_OFFLINE, PC_CODE_F_UV_BIOMETRIC, code);
	authorize(&term, code, n, PC_FACTOR_FROM_CODE, &d, &o);
	assert_int_equal(d.verdict, PC_APPROVE);
	assert_int_equal(d.consumed, 1);
	assert_int_equal(o.level, PC_RISK_A);
	assert_int_equal(o.verdict, PC_REFER_ONLINE);
	assert_int_equal(o.reason, PC_RISK_R_OFFLINE_FLOOR);
	authorize(&term, code, n, PC_FACTOR_FROM_CODE, &d, &o);
	assert_int_equal(d.reason, PC_R_REPLAYED);
	txn.amount = 10000;
	n = qr(PC_FORM_QR_OFFLINE, PC_CODE_F_UV_BIOMETRIC, code);
	authorize(&term, code, n, PC_FACTOR_FROM_CODE, &d, &o);
	assert_int_equal(o.verdict, PC_APPROVE);
	/* an online form at a terminal: the code's own answer */
	n = qr(PC_FORM_QR_ONLINE, 0, code);
	authorize(&term, code, n, 0, &d, &o);
	assert_int_equal(o.verdict, PC_REFER_ONLINE);
	assert_int_equal(o.reason, PC_RISK_R_CODE);
}

static void test_authorize_bad_args(void **state)
{
	char code[PC_QR_CODE_MAX_LEN];
	pc_decision d;
	pc_risk_outcome o;
	size_t n;

	(void)state;
	n = qr(PC_FORM_QR_ONLINE, 0, code);
	txn.amount = 0; /* refused before the code is touched */
	assert_int_equal(pc_authorize(&prov, &eng, code, n, &txn, F_B, &d, &o), PC_ERR_INVALID_ARG);
	txn.amount = 1;
	assert_int_equal(pc_authorize(&prov, &eng, code, n, &txn, 0x10, &d, &o), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_authorize(&prov, &eng, code, n, NULL, F_B, &d, &o), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_authorize(&prov, NULL, code, n, &txn, F_B, &d, &o), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_authorize(&prov, &eng, NULL, n, &txn, F_B, &d, &o), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_authorize(&prov, &eng, code, n, &txn, F_B, NULL, &o), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_authorize(&prov, &eng, code, n, &txn, F_B, &d, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_authorize(NULL, &eng, code, n, &txn, F_B, &d, &o), PC_ERR_INVALID_ARG);
	/* nothing was consumed: the code still approves */
	authorize(&prov, code, n, F_B, &d, &o);
	assert_int_equal(o.verdict, PC_APPROVE);
	assert_int_equal(d.consumed, 1);
}

/* A clock that fails from its second reading on: validation reads it
 * once, the risk engine a second time. */
static unsigned clock_reads;

static pc_err flaky_time(void *ctx, pc_time *now)
{
	(void)ctx;
	if (clock_reads++ > 0)
		return PC_ERR_TIME_UNKNOWN;
	*now = NOW;
	return PC_OK;
}

static void test_authorize_time_unknown(void **state)
{
	char code[PC_QR_CODE_MAX_LEN];
	pc_platform flaky = plat;
	pc_validator v;
	pc_decision d;
	pc_risk_outcome o;
	size_t n;

	(void)state;
	flaky.time_now = flaky_time;
	assert_int_equal(pc_validator_init(&v, PC_MODE_PROVIDER, &flaky, &st_p, &hooks, NULL), PC_OK);
	n = qr(PC_FORM_QR_ONLINE, 0, code);
	clock_reads = 0;
	authorize(&v, code, n, F_B, &d, &o);
	assert_int_equal(d.verdict, PC_APPROVE);
	assert_int_equal(d.consumed, 1);
	assert_int_equal(o.verdict, PC_DECLINE);
	assert_int_equal(o.reason, PC_RISK_R_TIME_UNKNOWN);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup(f, reset)
#define TA(f) cmocka_unit_test_setup(f, reset_auth)
	const struct CMUnitTest tests[] = {
		T(test_level_table),
		T(test_names),
		T(test_code_factors),
		T(test_txn_check),
		T(test_daily_limits),
		T(test_daily_buckets),
		T(test_day_boundary),
		T(test_day_arithmetic),
		T(test_velocity_token),
		T(test_velocity_terminal),
		T(test_deny_lists),
		T(test_list_search),
		T(test_allow_skips_velocity),
		T(test_deny_beats_allow),
		T(test_offline_floor),
		T(test_offline_cumulative),
		T(test_caps),
		T(test_binding),
		T(test_mcc),
		T(test_first_non_approve_wins),
		T(test_builtin_trail),
		T(test_hook_faults),
		T(test_engine_registration),
		T(test_store_faults),
		TA(test_authorize_consumes),
		TA(test_authorize_limits),
		TA(test_authorize_terminal),
		TA(test_authorize_bad_args),
		TA(test_authorize_time_unknown),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
