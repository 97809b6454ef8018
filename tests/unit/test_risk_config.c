/*
 * Risk configuration (core/risk_config.c): defaults, the range and order
 * rules of pc_risk_config_check(), and the text parser: a complete file
 * read field by field, comments, CRLF, list keys that repeat, and every
 * class of malformed line refused with its line number and cause (the
 * configuration then holds the defaults). Every text is parsed from an
 * exact-size heap copy, so ASan sees any read past its end.
 */
#include <paycode/risk.h>

#include "testutil.h"

#define N_ELEM(a) (sizeof(a) / sizeof((a)[0]))

static pc_risk_config cfg, defaults;

static pc_err parse_(const char *text, size_t len, pc_risk_config_error *e)
{
	char *copy = (char *)tu_exact(text, len);
	pc_err err = pc_risk_config_parse(&cfg, len ? copy : NULL, len, e);

	free(copy);
	return err;
}

static pc_err parse(const char *text, pc_risk_config_error *e)
{
	return parse_(text, strlen(text), e);
}

static int setup(void **state)
{
	(void)state;
	pc_risk_config_default(&defaults);
	return 0;
}

static void test_defaults(void **state)
{
	pc_risk_config_error e;

	(void)state;
	assert_int_equal(defaults.currency, 156);
	assert_int_equal(defaults.limits.daily[PC_RISK_A], 0);
	assert_int_equal(defaults.limits.daily[PC_RISK_B], 500000);
	assert_int_equal(defaults.limits.daily[PC_RISK_C], 100000);
	assert_int_equal(defaults.limits.daily[PC_RISK_D], 50000);
	assert_int_equal(defaults.limits.utc_offset, 28800);
	assert_int_equal(defaults.velocity.token_max, 0);
	assert_int_equal(defaults.velocity.terminal_max, 0);
	assert_int_equal(defaults.offline.floor, 10000);
	assert_int_equal(defaults.offline.cumulative, 50000);
	assert_int_equal(defaults.mcc.method, PC_RISK_M_PIN);
	assert_int_equal(pc_risk_config_check(&defaults), PC_OK);
	assert_int_equal(pc_risk_config_check(NULL), PC_ERR_INVALID_ARG);
	pc_risk_config_default(NULL);
	/* an empty text, or comments only, is the defaults */
	memset(&cfg, 0xA5, sizeof cfg);
	assert_int_equal(pc_risk_config_parse(&cfg, NULL, 0, &e), PC_OK);
	assert_memory_equal(&cfg, &defaults, sizeof cfg);
	assert_int_equal(e.line, 0);
	assert_int_equal(parse("# nothing\n\n   \t\n#\r\n", &e), PC_OK);
	assert_memory_equal(&cfg, &defaults, sizeof cfg);
	assert_int_equal(pc_risk_config_parse(NULL, "", 0, &e), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_risk_config_parse(&cfg, NULL, 1, &e), PC_ERR_INVALID_ARG);
	assert_int_equal(parse("currency = 978\n", NULL), PC_OK); /* err may be NULL */
	assert_int_equal(parse("currency = 0\n", NULL), PC_ERR_RISK_CONFIG);
}

static const char full[] =
	"# paycode risk configuration\r\n"
	"currency            = 156\r\n"
	"daily.A             = 2000000   # agreed with the customer\n"
	"daily.B = 400000\n"
	"daily.C=90000\n"
	"\tdaily.D\t=\t40000\t\n"
	"utc_offset          = -03:30\n"
	"velocity.token      = 10/60\n"
	"velocity.terminal   = 100/3600\n"
	"deny.token          = FFFFFFFFFFFFFFFF, 0102030405060708\n"
	"deny.token          = 00000000000000aa\n"
	"allow.token         = 0000000000000001\n"
	"deny.device         = 1001, 18446744073709551615, 0\n"
	"allow.device        = 7\n"
	"deny.merchant       = Zeta, alpha, M-1.x:y_z\n"
	"allow.merchant      = 898310048161234\n"
	"deny.terminal       = T2, T1\n"
	"allow.terminal      = T9\n"
	"offline.floor       = 0\n"
	"offline.cumulative  = 1000000000000000\n"
	"cap.A = 0\ncap.B = 1\ncap.C = 20000\ncap.D = 5000\n"
	"bind                = 0102030405060708:1001, 0000000000000002:2\n"
	"bind                = 0000000000000001:18446744073709551615\n"
	"bind.require_bound  = yes\n"
	"bind.require_device = no\n"
	"mcc.block           = 7995, 0\n"
	"mcc.step_up         = 4829, 9999, 6051\n"
	"mcc.step_up_method  = cert"; /* no final line end */

static void test_full(void **state)
{
	const pc_risk_lists_cfg *l = &cfg.lists;
	pc_risk_config_error e;

	(void)state;
	assert_int_equal(parse(full, &e), PC_OK);
	assert_int_equal(pc_risk_config_check(&cfg), PC_OK);
	assert_int_equal(cfg.currency, 156);
	assert_int_equal(cfg.limits.daily[0], 2000000);
	assert_int_equal(cfg.limits.daily[1], 400000);
	assert_int_equal(cfg.limits.daily[2], 90000);
	assert_int_equal(cfg.limits.daily[3], 40000);
	assert_int_equal(cfg.limits.utc_offset, -(3 * 3600 + 30 * 60));
	assert_int_equal(cfg.velocity.token_max, 10);
	assert_int_equal(cfg.velocity.token_window, 60);
	assert_int_equal(cfg.velocity.terminal_max, 100);
	assert_int_equal(cfg.velocity.terminal_window, 3600);
	/* lists come out sorted, whatever the order in the file */
	assert_int_equal(l->deny_token.count, 3);
	assert_true(l->deny_token.v[0] == 0xAA && l->deny_token.v[1] == 0x0102030405060708ull &&
		    l->deny_token.v[2] == UINT64_MAX);
	assert_int_equal(l->allow_token.count, 1);
	assert_int_equal(l->deny_device.count, 3);
	assert_true(l->deny_device.v[0] == 0 && l->deny_device.v[1] == 1001 &&
		    l->deny_device.v[2] == UINT64_MAX);
	assert_int_equal(l->allow_device.v[0], 7);
	assert_int_equal(l->deny_merchant.count, 3);
	assert_string_equal(l->deny_merchant.v[0], "M-1.x:y_z");
	assert_string_equal(l->deny_merchant.v[1], "Zeta");
	assert_string_equal(l->deny_merchant.v[2], "alpha");
	assert_string_equal(l->allow_merchant.v[0], "898310048161234");
	assert_string_equal(l->deny_terminal.v[0], "T1");
	assert_string_equal(l->deny_terminal.v[1], "T2");
	assert_string_equal(l->allow_terminal.v[0], "T9");
	assert_int_equal(cfg.offline.floor, 0);
	assert_int_equal(cfg.offline.cumulative, PC_RISK_AMOUNT_MAX);
	assert_int_equal(cfg.caps.per_txn[0], 0);
	assert_int_equal(cfg.caps.per_txn[1], 1);
	assert_int_equal(cfg.caps.per_txn[2], 20000);
	assert_int_equal(cfg.caps.per_txn[3], 5000);
	assert_int_equal(cfg.binding.count, 3);
	assert_true(cfg.binding.bind[0].token == 1 && cfg.binding.bind[0].serial == UINT64_MAX);
	assert_true(cfg.binding.bind[1].token == 2 && cfg.binding.bind[1].serial == 2);
	assert_true(cfg.binding.bind[2].token == 0x0102030405060708ull &&
		    cfg.binding.bind[2].serial == 1001);
	assert_int_equal(cfg.binding.require_bound, 1);
	assert_int_equal(cfg.binding.require_device, 0);
	assert_int_equal(cfg.mcc.block.count, 2);
	assert_true(cfg.mcc.block.v[0] == 0 && cfg.mcc.block.v[1] == 7995);
	assert_int_equal(cfg.mcc.step_up.count, 3);
	assert_true(cfg.mcc.step_up.v[0] == 4829 && cfg.mcc.step_up.v[1] == 6051 &&
		    cfg.mcc.step_up.v[2] == 9999);
	assert_int_equal(cfg.mcc.method, PC_RISK_M_CERT);
	/* every prefix of the file parses, or fails on its last (cut) line */
	{
		uint32_t lines;
		size_t n, k;

		for (n = 0; n <= strlen(full); n++) {
			pc_err err = parse_(full, n, &e);

			for (lines = 1, k = 0; k < n; k++)
				lines += full[k] == '\n';
			if (err != PC_OK) {
				assert_int_equal(e.line, lines);
				assert_memory_equal(&cfg, &defaults, sizeof cfg);
			}
		}
	}
}

/* One malformed text: the line and the cause of its refusal. */
struct bad {
	const char *text;
	uint32_t line;
	const char *what;
};

#define L3 "currency = 156\n# two\n"  /* two good lines before the bad one */

static const struct bad bads[] = {
	/* layout */
	{ L3 "currency 156\n", 3, "expected key = value" },
	{ L3 "= 5\n", 3, "expected key = value" },
	{ L3 "  = \n", 3, "expected key = value" },
	{ L3 "foo = 1\n", 3, "unknown key" },
	{ L3 "daily.E = 1\n", 3, "unknown key" },
	{ L3 "Daily.B = 1\n", 3, "unknown key" },
	{ L3 "daily. B = 1\n", 3, "unknown key" },
	{ L3 "daily.B =\n", 3, "empty value" },
	{ L3 "daily.B = # none\n", 3, "empty value" },
	{ L3 "currency = 156\n", 3, "duplicate key" },
	{ "daily.B = 1\n\n\n\ndaily.B = 2\n", 5, "duplicate key" },
	/* bytes */
	{ L3 "daily.B = 1\x01\n", 3, "control or non-ASCII byte" },
	{ L3 "daily.B = 1\rx\n", 3, "control or non-ASCII byte" },
	{ L3 "deny.merchant = \xe5\x95\x86\xe6\x88\xb7\n", 3, "control or non-ASCII byte" },
	{ L3 "# \x7f\n", 3, "control or non-ASCII byte" },
	/* numbers and ranges */
	{ L3 "daily.B = abc\n", 3, "not a decimal number" },
	{ L3 "daily.B = -1\n", 3, "not a decimal number" },
	{ L3 "daily.B = +1\n", 3, "not a decimal number" },
	{ L3 "daily.B = 1 000\n", 3, "not a decimal number" },
	{ L3 "daily.B = 5e5\n", 3, "not a decimal number" },
	{ L3 "daily.B = 0x10\n", 3, "not a decimal number" },
	{ L3 "daily.A = 18446744073709551616\n", 3, "value out of range" },
	{ L3 "daily.A = 1000000000000001\n", 3, "value out of range" },
	{ L3 "daily.B = 500001\n", 3, "value out of range" },
	{ L3 "daily.B = 0\n", 3, "value out of range" },
	{ L3 "daily.C = 100001\n", 3, "value out of range" },
	{ L3 "daily.D = 50001\n", 3, "value out of range" },
	{ "currency = 0\n", 1, "value out of range" },
	{ "currency = 1000\n", 1, "value out of range" },
	{ L3 "offline.floor = 1000000000000001\n", 3, "value out of range" },
	{ L3 "offline.cumulative = -5\n", 3, "not a decimal number" },
	{ L3 "cap.C = 99999999999999999\n", 3, "value out of range" },
	/* UTC offsets */
	{ L3 "utc_offset = +8\n", 3, "bad UTC offset, expected [+-]HH:MM" },
	{ L3 "utc_offset = 08:00\n", 3, "bad UTC offset, expected [+-]HH:MM" },
	{ L3 "utc_offset = +08:0\n", 3, "bad UTC offset, expected [+-]HH:MM" },
	{ L3 "utc_offset = +0a:00\n", 3, "bad UTC offset, expected [+-]HH:MM" },
	{ L3 "utc_offset = +08.00\n", 3, "bad UTC offset, expected [+-]HH:MM" },
	{ L3 "utc_offset = Asia/Shanghai\n", 3, "bad UTC offset, expected [+-]HH:MM" },
	{ L3 "utc_offset = +14:01\n", 3, "value out of range" },
	{ L3 "utc_offset = -12:30\n", 3, "value out of range" },
	{ L3 "utc_offset = +08:60\n", 3, "value out of range" },
	/* velocity */
	{ L3 "velocity.token = 10\n", 3, "bad velocity, expected N/W" },
	{ L3 "velocity.token = 10/\n", 3, "bad velocity, expected N/W" },
	{ L3 "velocity.token = /60\n", 3, "bad velocity, expected N/W" },
	{ L3 "velocity.token = a/b\n", 3, "bad velocity, expected N/W" },
	{ L3 "velocity.token = 1/2/3\n", 3, "bad velocity, expected N/W" },
	{ L3 "velocity.terminal = 10/0\n", 3, "value out of range" },
	{ L3 "velocity.terminal = 1000001/60\n", 3, "value out of range" },
	{ L3 "velocity.terminal = 10/2678401\n", 3, "value out of range" },
	/* list entries */
	{ L3 "deny.token = 123\n", 3, "bad token ID, expected 16 hex digits" },
	{ L3 "deny.token = 0102030405060g08\n", 3, "bad token ID, expected 16 hex digits" },
	{ L3 "allow.token = 01020304050607080\n", 3, "bad token ID, expected 16 hex digits" },
	{ L3 "deny.device = x\n", 3, "not a decimal number" },
	{ L3 "deny.merchant = A B\n", 3, "bad ID character" },
	{ L3 "deny.terminal = T/1\n", 3, "bad ID character" },
	{ L3 "deny.merchant = 123456789012345678901234567890123\n", 3, "ID too long" },
	{ L3 "deny.merchant = A,,B\n", 3, "empty list entry" },
	{ L3 "deny.merchant = A,\n", 3, "empty list entry" },
	{ L3 "deny.merchant = , A\n", 3, "empty list entry" },
	{ L3 "deny.merchant = A, B, A\n", 3, "duplicate list entry" },
	{ L3 "deny.device = 5\ndeny.device = 05\n", 4, "duplicate list entry" },
	{ L3 "allow.token = 00000000000000AA, 00000000000000aa\n", 3, "duplicate list entry" },
	/* bindings, flags, MCC rules */
	{ L3 "bind = 0102030405060708\n", 3, "bad binding, expected TOKEN:SERIAL" },
	{ L3 "bind = 0102030405060708:x\n", 3, "bad binding, expected TOKEN:SERIAL" },
	{ L3 "bind = 1:1\n", 3, "bad binding, expected TOKEN:SERIAL" },
	{ L3 "bind = 0102030405060708:1, 0102030405060708:2\n", 3, "token bound twice" },
	{ L3 "bind.require_bound = true\n", 3, "expected yes or no" },
	{ L3 "bind.require_device = YES\n", 3, "expected yes or no" },
	{ L3 "mcc.block = 10000\n", 3, "value out of range" },
	{ L3 "mcc.block = x\n", 3, "not a decimal number" },
	{ L3 "mcc.step_up = 4829, 4829\n", 3, "duplicate list entry" },
	{ L3 "mcc.step_up_method = face\n", 3, "unknown step-up method" },
	{ L3 "mcc.step_up_method = PIN\n", 3, "unknown step-up method" },
	{ L3 "mcc.step_up_method = none\n", 3, "unknown step-up method" },
	/* line ends: CRLF counts one line; the fault is found on a last
	 * line without an end too */
	{ "currency = 156\r\n\r\nbogus\r\n", 3, "expected key = value" },
	{ "currency = 156\n\nbogus", 3, "expected key = value" },
};

static void test_malformed(void **state)
{
	pc_risk_config_error e;
	size_t i;

	(void)state;
	for (i = 0; i < N_ELEM(bads); i++) {
		memset(&e, 0, sizeof e);
		if (parse(bads[i].text, &e) != PC_ERR_RISK_CONFIG)
			fail_msg("case %zu accepted: %s", i, bads[i].text);
		if (e.line != bads[i].line || e.what == NULL ||
		    strcmp(e.what, bads[i].what) != 0)
			fail_msg("case %zu: want %u '%s', got %u '%s'", i, bads[i].line,
				 bads[i].what, e.line, e.what ? e.what : "(null)");
		/* nothing half-read survives a refusal */
		assert_memory_equal(&cfg, &defaults, sizeof cfg);
	}
}

static void test_nul_and_length(void **state)
{
	static const char nul[] = "currency = 156\nmcc.block = 1\0002\n";
	char line[PC_RISK_LINE_MAX + 8];
	pc_risk_config_error e;

	(void)state;
	assert_int_equal(parse_(nul, sizeof nul - 1, &e), PC_ERR_RISK_CONFIG);
	assert_int_equal(e.line, 2);
	assert_string_equal(e.what, "control or non-ASCII byte");
	/* a line of exactly PC_RISK_LINE_MAX bytes is fine (before its CRLF), one more is not */
	memset(line, ' ', sizeof line);
	memcpy(line, "daily.B = 7", 11);
	line[PC_RISK_LINE_MAX] = '\r';
	line[PC_RISK_LINE_MAX + 1] = '\n';
	assert_int_equal(parse_(line, PC_RISK_LINE_MAX + 2, &e), PC_OK);
	assert_int_equal(cfg.limits.daily[PC_RISK_B], 7);
	line[PC_RISK_LINE_MAX] = '#';
	line[PC_RISK_LINE_MAX + 1] = '\n';
	assert_int_equal(parse_(line, PC_RISK_LINE_MAX + 2, &e), PC_ERR_RISK_CONFIG);
	assert_int_equal(e.line, 1);
	assert_string_equal(e.what, "line too long");
}

static void test_list_full(void **state)
{
	static char text[64 * (PC_RISK_LIST_MAX + PC_RISK_BIND_MAX + 2)];
	pc_risk_config_error e;
	size_t n = 0, i;

	(void)state;
	for (i = 0; i < PC_RISK_LIST_MAX; i++)
		n += (size_t)sprintf(text + n, "deny.merchant = M%zu\n", i);
	assert_int_equal(parse(text, &e), PC_OK);
	assert_int_equal(cfg.lists.deny_merchant.count, PC_RISK_LIST_MAX);
	assert_int_equal(pc_risk_config_check(&cfg), PC_OK);
	sprintf(text + n, "deny.merchant = M%zu\n", i);
	assert_int_equal(parse(text, &e), PC_ERR_RISK_CONFIG);
	assert_int_equal(e.line, PC_RISK_LIST_MAX + 1);
	assert_string_equal(e.what, "list full");
	/* tokens, bindings and MCCs fill the same way */
	for (n = 0, i = 0; i <= PC_RISK_LIST_MAX; i++)
		n += (size_t)sprintf(text + n, "allow.token = %016zx\n", i);
	assert_int_equal(parse(text, &e), PC_ERR_RISK_CONFIG);
	assert_string_equal(e.what, "list full");
	for (n = 0, i = 0; i <= PC_RISK_BIND_MAX; i++)
		n += (size_t)sprintf(text + n, "bind = %016zx:%zu\n", i, i);
	assert_int_equal(parse(text, &e), PC_ERR_RISK_CONFIG);
	assert_int_equal(e.line, PC_RISK_BIND_MAX + 1);
	assert_string_equal(e.what, "list full");
	for (n = 0, i = 0; i <= PC_RISK_MCC_MAX; i++)
		n += (size_t)sprintf(text + n, "mcc.block = %zu\n", i);
	assert_int_equal(parse(text, &e), PC_ERR_RISK_CONFIG);
	assert_string_equal(e.what, "list full");
}

static void test_check_rules(void **state)
{
	static pc_risk_config c;

	(void)state;
#define BAD(stmt) do { c = defaults; stmt; \
	assert_int_equal(pc_risk_config_check(&c), PC_ERR_RISK_CONFIG); } while (0)
#define GOOD(stmt) do { c = defaults; stmt; assert_int_equal(pc_risk_config_check(&c), PC_OK); } while (0)
	BAD(c.currency = 0);
	BAD(c.currency = 1000);
	BAD(c.limits.daily[PC_RISK_A] = -1);
	BAD(c.limits.daily[PC_RISK_B] = 500001);
	BAD(c.limits.daily[PC_RISK_C] = 0);
	BAD(c.limits.daily[PC_RISK_D] = 50001);
	GOOD(c.limits.daily[PC_RISK_D] = 1);
	BAD(c.limits.utc_offset = 8 * 3600 + 1);      /* whole minutes only */
	BAD(c.limits.utc_offset = 14 * 3600 + 60);
	BAD(c.limits.utc_offset = -12 * 3600 - 60);
	GOOD(c.limits.utc_offset = 5 * 3600 + 45 * 60); /* Nepal */
	BAD(c.velocity.token_max = 1);                  /* window 0 */
	BAD(c.velocity.terminal_max = 1000001; c.velocity.terminal_window = 1);
	BAD(c.velocity.token_window = 2678401);
	GOOD(c.velocity.token_max = 1000000; c.velocity.token_window = 2678400);
	BAD(c.offline.floor = -1);
	BAD(c.offline.cumulative = PC_RISK_AMOUNT_MAX + 1);
	BAD(c.caps.per_txn[2] = -1);
	BAD(c.lists.deny_token.count = PC_RISK_LIST_MAX + 1);
	BAD(c.lists.allow_device.count = 2; c.lists.allow_device.v[0] = 5; c.lists.allow_device.v[1] = 5);
	BAD(c.lists.deny_device.count = 2; c.lists.deny_device.v[0] = 6; c.lists.deny_device.v[1] = 5);
	GOOD(c.lists.deny_device.count = 2; c.lists.deny_device.v[0] = 5; c.lists.deny_device.v[1] = 6);
	BAD(c.lists.deny_merchant.count = 1);           /* an empty ID */
	BAD(c.lists.deny_merchant.count = 1; strcpy(c.lists.deny_merchant.v[0], "a b"));
	BAD(c.lists.allow_terminal.count = 1;
	    memset(c.lists.allow_terminal.v[0], 'x', PC_RISK_ID_MAX + 1));
	BAD(c.lists.deny_terminal.count = 2; strcpy(c.lists.deny_terminal.v[0], "b");
	    strcpy(c.lists.deny_terminal.v[1], "a"));
	BAD(c.lists.allow_merchant.count = PC_RISK_LIST_MAX + 1);
	GOOD(c.lists.deny_terminal.count = 2; strcpy(c.lists.deny_terminal.v[0], "a");
	     strcpy(c.lists.deny_terminal.v[1], "b"));
	BAD(c.binding.count = PC_RISK_BIND_MAX + 1);
	BAD(c.binding.count = 2; c.binding.bind[0].token = 2; c.binding.bind[1].token = 2);
	BAD(c.binding.require_bound = 2);
	BAD(c.binding.require_device = 2);
	BAD(c.mcc.block.count = 1; c.mcc.block.v[0] = 10000);
	BAD(c.mcc.step_up.count = 2; c.mcc.step_up.v[0] = 2; c.mcc.step_up.v[1] = 1);
	BAD(c.mcc.step_up.count = PC_RISK_MCC_MAX + 1);
	BAD(c.mcc.method = PC_RISK_M_NONE);
	BAD(c.mcc.method = (pc_risk_method)5);
#undef BAD
#undef GOOD
}

/* A deterministic mini-fuzz: lines spliced from valid and broken pieces.
 * Whatever the outcome, a refusal names a line of the text and leaves the
 * defaults, and an acceptance passes the checker. (tests/fuzz/
 * fuzz_risk_config.c runs the same oracle under libFuzzer.) */
static void test_spliced(void **state)
{
	static const char *const pieces[] = {
		"currency = 156", "daily.B = 1", "daily.C = 100000", "daily.D = 99999",
		"utc_offset = +05:45", "velocity.token = 3/60", "deny.token = ",
		"0102030405060708", ", ", "deny.merchant = M1", "bind = 0000000000000001:9",
		"mcc.step_up = 4829", "# c", "=", " ", "\t", "\r", "\n", "\r\n", "x",
		"allow.terminal = T1,T2", "mcc.step_up_method = otp", "offline.floor = 5",
	};
	char text[512];
	uint32_t seed = 12345, lines;
	pc_risk_config_error e;
	size_t i, k, n, parts;
	pc_err err;

	(void)state;
	for (i = 0; i < 20000; i++) {
		seed = seed * 1103515245u + 12345u;
		parts = (seed >> 16) % 12;
		for (n = 0, k = 0; k < parts; k++) {
			const char *p;

			seed = seed * 1103515245u + 12345u;
			p = pieces[(seed >> 16) % N_ELEM(pieces)];
			if (n + strlen(p) >= sizeof text)
				break;
			memcpy(text + n, p, strlen(p));
			n += strlen(p);
		}
		err = parse_(text, n, &e);
		for (lines = 0, k = 0; k < n; k++)
			lines += text[k] == '\n';
		if (err == PC_OK) {
			assert_int_equal(pc_risk_config_check(&cfg), PC_OK);
		} else {
			assert_int_equal(err, PC_ERR_RISK_CONFIG);
			assert_true(e.line >= 1 && e.line <= lines + 1);
			assert_non_null(e.what);
			assert_memory_equal(&cfg, &defaults, sizeof cfg);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_nul_and_length),
		cmocka_unit_test(test_list_full),
		cmocka_unit_test(test_check_rules),
		cmocka_unit_test(test_spliced),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
