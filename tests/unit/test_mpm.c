/*
 * EMV MPM codec: the specification's own example (MPM Annex B.7), each
 * layer's errors with the object path they name, the deviations a lenient
 * profile tolerates, the builder, and buffer contracts.
 */
#include <paycode/emvqr.h>

#include "testutil.h"

/* MPM Annex B.7: 248 characters, 260 UTF-8 bytes, CRC A13A. */
static const char spec_example[] =
	"00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678"
	"520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京"
	"540523.7253031565502016233030412340603***0708A60086670902ME91320016A011223344"
	"9988770708123456786304A13A";

static pc_mpm m;

static pc_err dec(const char *s, const pc_mpm_profile *p)
{
	char *copy = (char *)tu_exact(s, strlen(s));
	pc_err err = pc_mpm_decode(&m, copy, strlen(s), p);

	free(copy);
	return err;
}

/* Build "<body>6304<CRC>" with a correct CRC, into a static buffer. */
static const char *with_crc(const char *body)
{
	static char buf[PC_MPM_MAX_LEN + 1];
	size_t n = strlen(body);

	assert_true(n + 8 < sizeof buf);
	memcpy(buf, body, n);
	memcpy(buf + n, "6304", 4);
	snprintf(buf + n + 4, 5, "%04X", pc_crc16_ccitt(0xFFFF, buf, n + 4));
	return buf;
}

static void expect(const char *body, const pc_mpm_profile *p, pc_err want,
		   unsigned id0, unsigned id1)
{
	pc_err got = dec(with_crc(body), p);

	if (got != want)
		fail_msg("%s: want %s got %s", body, pc_err_name(want), pc_err_name(got));
	if (want != PC_OK) {
		assert_int_equal(pc_mpm_error(&m)->path[0], id0);
		assert_int_equal(pc_mpm_error(&m)->path[1], id1);
	}
}

#define HEAD "000201010211"
#define MAI "29300012D156000000000510A93FO3230Q"
#define BASE HEAD MAI "520441115303156" "5802CN5914BEST TRANSPORT6007BEIJING"
#define N PC_MPM_NONE

static void test_crc_check_value(void **state)
{
	(void)state;
	assert_int_equal(pc_crc16_ccitt(0xFFFF, "123456789", 9), 0x29B1);
	assert_int_equal(pc_crc16_ccitt(pc_crc16_ccitt(0xFFFF, "1234", 4), "56789", 5), 0x29B1);
	assert_int_equal(pc_crc16_ccitt(0xFFFF, "", 0), 0xFFFF);
}

static void test_spec_example(void **state)
{
	char out[PC_MPM_MAX_LEN];
	size_t n, i64, len = strlen(spec_example);
	pc_cbuf v;

	(void)state;
	assert_int_equal(len, 260);
	assert_int_equal(dec(spec_example, NULL), PC_OK);
	assert_int_equal(pc_mpm_warning_count(&m), 0);
	/* root walk of Annex B.7, in document order */
	{
		static const unsigned ids[] = { 0, 1, 29, 31, 52, 58, 59, 60, 64,
						54, 53, 55, 62, 91, 63 };
		size_t k = 0, i;

		for (i = 0; i < pc_mpm_count(&m); i++)
			if (pc_mpm_parent(&m, i) == PC_MPM_NONE)
				assert_int_equal(pc_mpm_id(&m, i), ids[k++]);
		assert_int_equal(k, sizeof ids / sizeof ids[0]);
	}
	i64 = pc_mpm_find(&m, PC_MPM_NONE, 64);
	v = pc_mpm_value(&m, pc_mpm_find(&m, i64, 1));
	assert_int_equal(v.len, 12); /* 4 characters, 12 bytes */
	assert_memory_equal(v.ptr, "最佳运输", 12);
	v = pc_mpm_value(&m, pc_mpm_find(&m, pc_mpm_find(&m, PC_MPM_NONE, 62), 6));
	assert_memory_equal(v.ptr, "***", 3);
	assert_int_equal(pc_mpm_encode(&m, out, sizeof out, &n), PC_OK);
	assert_int_equal(n, len);
	assert_memory_equal(out, spec_example, len);
}

static void test_spec_example_negatives(void **state)
{
	char bad[300];
	uint16_t stated, computed;

	(void)state;
	/* one altered letter: the CRC no longer verifies (computed 6BE4) */
	strcpy(bad, spec_example);
	memcpy(strstr(bad, "BEST"), "BEZT", 4);
	assert_int_equal(dec(bad, &pc_mpm_profile_lenient), PC_ERR_MPM_CRC_MISMATCH);
	assert_true(pc_mpm_crc(&m, &stated, &computed));
	assert_int_equal(stated, 0xA13A);
	assert_int_equal(computed, 0x6BE4);
	/* counting bytes splits a character inside 64 */
	assert_int_equal(pc_mpm_parse(&m, spec_example, strlen(spec_example),
				      PC_MPM_LEN_BYTES), PC_ERR_UTF8);
}

static void test_syntax_errors(void **state)
{
	(void)state;
	assert_int_equal(dec("0002010102115X04", NULL), PC_ERR_MPM_SYNTAX);
	assert_int_equal(dec("00020101021159XX", NULL), PC_ERR_MPM_SYNTAX);
	assert_int_equal(pc_mpm_error(&m)->path[0], 59);
	assert_int_equal(dec("000201010211592", NULL), PC_ERR_MPM_OVERRUN);
	assert_int_equal(dec("0002010102115910AB", NULL), PC_ERR_MPM_OVERRUN);
	assert_int_equal(pc_mpm_error(&m)->offset, 12);
	assert_int_equal(dec("00020101021101021163041234", NULL), PC_ERR_MPM_DUPLICATE);
	assert_int_equal(dec(BASE "6304", NULL), PC_ERR_MPM_CRC_MISSING);
	assert_int_equal(dec(BASE "63041A", NULL), PC_ERR_MPM_CRC_FORMAT);
	assert_int_equal(dec(BASE, NULL), PC_ERR_MPM_CRC_MISSING);
	assert_int_equal(dec("", NULL), PC_ERR_MPM_ORDER);
	assert_int_equal(dec("\xff", NULL), PC_ERR_UTF8);
	assert_int_equal(dec("0002010102115902\xc3\x28", NULL), PC_ERR_UTF8);
	assert_int_equal(pc_mpm_decode(&m, NULL, 1, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_mpm_decode(NULL, "00", 2, NULL), PC_ERR_INVALID_ARG);
}

static void test_integrity_errors(void **state)
{
	char buf[400];

	(void)state;
	expect("010211" "000201" MAI "520441115303156" "5802CN5914BEST TRANSPORT6007BEIJING",
	       NULL, PC_ERR_MPM_ORDER, 1, N);
	snprintf(buf, sizeof buf, "%s6902XX", with_crc(BASE));
	assert_int_equal(dec(buf, NULL), PC_ERR_MPM_TRAILING);
	snprintf(buf, sizeof buf, "%s", with_crc(BASE));
	buf[strlen(buf) - 1] = buf[strlen(buf) - 1] == '0' ? '1' : '0';
	assert_int_equal(dec(buf, &pc_mpm_profile_lenient), PC_ERR_MPM_CRC_MISMATCH);
	assert_int_equal(dec(BASE "6304ZZZZ", NULL), PC_ERR_MPM_CRC_FORMAT);
	assert_int_equal(dec(BASE "6305ABCDE", NULL), PC_ERR_MPM_CRC_FORMAT);
}

static void test_rule_errors(void **state)
{
	(void)state;
	expect(BASE, NULL, PC_OK, 0, 0);
	expect("000202" "010211" MAI "520441115303156" "5802CN5914BEST TRANSPORT6007BEIJING",
	       NULL, PC_ERR_MPM_VALUE, 0, N);
	expect("000201" "010213" MAI "520441115303156" "5802CN5914BEST TRANSPORT6007BEIJING",
	       NULL, PC_ERR_MPM_VALUE, 1, N);
	expect(HEAD "520441115303156" "5802CN5914BEST TRANSPORT6007BEIJING",
	       NULL, PC_ERR_MPM_MISSING, N, N);
	expect(HEAD MAI "5303156" "5802CN5914BEST TRANSPORT6007BEIJING",
	       NULL, PC_ERR_MPM_MISSING, N, N);
	expect(HEAD MAI "5203411" "5303156" "5802CN5914BEST TRANSPORT6007BEIJING",
	       NULL, PC_ERR_MPM_LENGTH, 52, N);
	expect(HEAD MAI "52044A11" "5303156" "5802CN5914BEST TRANSPORT6007BEIJING",
	       NULL, PC_ERR_MPM_FORMAT, 52, N);
	expect(BASE "540598,73", NULL, PC_ERR_MPM_FORMAT, 54, N);
	expect(BASE "54040.00", NULL, PC_ERR_MPM_VALUE, 54, N);
	expect(BASE "550202", NULL, PC_ERR_MPM_CONDITION, 55, N);
	expect(BASE "5502035605 1.00", NULL, PC_ERR_MPM_FORMAT, 56, N);
	expect(BASE "55020357051.00%", NULL, PC_ERR_MPM_FORMAT, 57, N);
	expect(BASE "550203570510.00", NULL, PC_OK, 0, 0);
	expect(BASE "550201570510.00", NULL, PC_ERR_MPM_CONDITION, 55, N);
	expect(BASE "550204", NULL, PC_ERR_MPM_VALUE, 55, N);
	expect(HEAD "26080104ABCD" "520441115303156" "5802CN5914BEST TRANSPORT6007BEIJING",
	       NULL, PC_ERR_MPM_GUID, 26, N);
	expect(BASE "62070903AMA", NULL, PC_ERR_MPM_VALUE, 62, 9);
	expect(BASE "62071103821", NULL, PC_ERR_MPM_VALUE, 62, 11);
	expect(BASE "62071103413", NULL, PC_OK, 0, 0);
	expect(BASE "64060002ZH", NULL, PC_ERR_MPM_MISSING, 64, N);
	expect(BASE "6204ABCD", NULL, PC_ERR_MPM_TEMPLATE, 62, N);
	expect(BASE "8006010201", NULL, PC_ERR_MPM_GUID, 80, N);
	expect(BASE "6903abc", NULL, PC_OK, 0, 0); /* RFU kept as it is */
	expect(BASE "5402.5", NULL, PC_ERR_MPM_FORMAT, 54, N);
	expect(BASE "6903a\tb", &pc_mpm_profile_lenient, PC_ERR_MPM_FORMAT, 69, N);
	expect(BASE "64140002ZH0104AB\x01" "C", &pc_mpm_profile_lenient, PC_ERR_MPM_FORMAT, 64, 1);
	expect(HEAD MAI "520441115300" "5802CN5914BEST TRANSPORT6007BEIJING",
	       &pc_mpm_profile_lenient, PC_ERR_MPM_LEN_ZERO, 53, N); /* not a text field */
}

/* Each real-world deviation: rejected by strict with the error, accepted by
 * lenient with exactly that error as its first warning. */
static void test_deviations(void **state)
{
	static const struct {
		const char *body;
		pc_err err;
	} dev[] = {
		{ "000202" "010211" MAI "520441115303156" "5802CN5914BEST TRANSPORT6007BEIJING", PC_ERR_MPM_VALUE },
		{ HEAD "29370016A000000677010111011300668012345675802TH5303764", PC_ERR_MPM_MISSING },
		{ HEAD MAI "520441115303156" "5802BR5906São P.6007BEIJING", PC_ERR_MPM_FORMAT },
		{ HEAD MAI "520441115303156" "5802CN5930ABCDEFGHIJKLMNOPQRSTUVWXYZ12346007BEIJING", PC_ERR_MPM_LENGTH },
		{ BASE "6200", PC_ERR_MPM_LEN_ZERO },
		{ BASE "62080004ABCD", PC_ERR_MPM_VALUE },
		{ BASE "54010", PC_ERR_MPM_VALUE },
		{ "000201" "010221" MAI "520441115303156" "5802CN5914BEST TRANSPORT6007BEIJING", PC_ERR_MPM_VALUE },
		{ BASE "6204ABCD", PC_ERR_MPM_TEMPLATE },
		{ BASE "621250080104ABCD", PC_ERR_MPM_GUID },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof dev / sizeof dev[0]; i++) {
		assert_int_equal(dec(with_crc(dev[i].body), NULL), dev[i].err);
		assert_int_equal(dec(with_crc(dev[i].body), &pc_mpm_profile_lenient), PC_OK);
		assert_true(pc_mpm_warning_count(&m) >= 1);
		assert_int_equal(pc_mpm_warning(&m, 0)->code, dev[i].err);
	}
}

static void test_lowercase_crc(void **state)
{
	char buf[200];
	size_t n;

	(void)state;
	snprintf(buf, sizeof buf, "%s", with_crc(BASE));
	n = strlen(buf);
	for (size_t i = n - 4; i < n; i++)
		buf[i] = (char)(buf[i] >= 'A' ? buf[i] + 32 : buf[i]);
	if (strcmp(buf, with_crc(BASE)) == 0)
		skip(); /* CRC happens to be all digits */
	assert_int_equal(pc_mpm_crc_check(buf, n), PC_MPM_CRC_MATCH_LOWERCASE);
	assert_int_equal(dec(buf, NULL), PC_ERR_MPM_CRC_CASE);
	assert_int_equal(dec(buf, &pc_mpm_profile_lenient), PC_OK);
	assert_int_equal(pc_mpm_warning(&m, 0)->path[0], 63);
}

static void test_len_bytes_fallback(void **state)
{
	/* 59 declared as 6 bytes for a 5-character value: byte counting */
	const char *body = HEAD MAI "520441115303156" "5802VN5907Hà Noi" "6007BEIJING";

	(void)state;
	assert_int_equal(dec(with_crc(body), NULL), PC_ERR_MPM_SYNTAX);
	assert_int_equal(dec(with_crc(body), pc_mpm_profile_find("vietqr")), PC_ERR_MPM_PROFILE);
	assert_int_equal(dec(with_crc(body), &pc_mpm_profile_lenient), PC_OK);
	assert_int_equal(pc_mpm_unit(&m), PC_MPM_LEN_BYTES);
}

static void test_profiles(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; pc_mpm_profile_name(i) != NULL; i++)
		assert_non_null(pc_mpm_profile_find(pc_mpm_profile_name(i)));
	assert_true(i >= 12);
	assert_null(pc_mpm_profile_find("nope"));
	/* Pix: the GUID is matched case-insensitively */
	assert_int_equal(dec(with_crc("000201010211" "26330014BR.GOV.BCB.PIX0111123456789095204000053039865802BR5907MATHEUS6008SAOPAULO"),
			     pc_mpm_profile_find("pix")), PC_OK);
	assert_int_equal(dec(with_crc(BASE), pc_mpm_profile_find("pix")), PC_ERR_MPM_PROFILE);
	assert_int_equal(dec(with_crc(BASE "1530123456789012345678901234567890"),
			     pc_mpm_profile_find("unionpay")), PC_OK);
	assert_int_equal(dec(with_crc(BASE), pc_mpm_profile_find("unionpay")), PC_ERR_MPM_PROFILE);
}

/* Build MPM Annex B.7 object by object into out[0..cap). */
static pc_err build_spec_example(char *out, size_t cap, size_t *n)
{
	pc_mpm_enc e;

	pc_mpm_enc_init(&e, out, cap, PC_MPM_LEN_CHARS);
	pc_mpm_enc_add_str(&e, 0, "01");
	pc_mpm_enc_add_str(&e, 1, "12");
	pc_mpm_enc_begin(&e, 29);
	pc_mpm_enc_add_str(&e, 0, "D15600000000");
	pc_mpm_enc_add_str(&e, 5, "A93FO3230Q");
	pc_mpm_enc_end(&e);
	pc_mpm_enc_begin(&e, 31);
	pc_mpm_enc_add_str(&e, 0, "D15600000001");
	pc_mpm_enc_add_str(&e, 3, "12345678");
	pc_mpm_enc_end(&e);
	pc_mpm_enc_add_str(&e, 52, "4111");
	pc_mpm_enc_add_str(&e, 58, "CN");
	pc_mpm_enc_add_str(&e, 59, "BEST TRANSPORT");
	pc_mpm_enc_add_str(&e, 60, "BEIJING");
	pc_mpm_enc_begin(&e, 64);
	pc_mpm_enc_add_str(&e, 0, "ZH");
	pc_mpm_enc_add_str(&e, 1, "最佳运输");
	pc_mpm_enc_add_str(&e, 2, "北京");
	pc_mpm_enc_end(&e);
	pc_mpm_enc_add_str(&e, 54, "23.72");
	pc_mpm_enc_add_str(&e, 53, "156");
	pc_mpm_enc_add_str(&e, 55, "01");
	pc_mpm_enc_begin(&e, 62);
	pc_mpm_enc_add_str(&e, 3, "1234");
	pc_mpm_enc_add_str(&e, 6, "***");
	pc_mpm_enc_add_str(&e, 7, "A6008667");
	pc_mpm_enc_add_str(&e, 9, "ME");
	pc_mpm_enc_end(&e);
	pc_mpm_enc_begin(&e, 91);
	pc_mpm_enc_add_str(&e, 0, "A011223344998877");
	pc_mpm_enc_add_str(&e, 7, "12345678");
	pc_mpm_enc_end(&e);
	return pc_mpm_enc_finish(&e, n);
}

static void test_builder(void **state)
{
	size_t n = strlen(spec_example), got, cap;
	char *exact;

	(void)state;
	/* byte-exact Annex B.7 in an exact-size buffer ... */
	exact = malloc(n);
	assert_int_equal(build_spec_example(exact, n, &got), PC_OK);
	assert_int_equal(got, n);
	assert_memory_equal(exact, spec_example, n);
	free(exact);
	/* ... and every shorter capacity fails without writing past it */
	for (cap = 0; cap < n; cap++) {
		exact = malloc(cap ? cap : 1);
		assert_int_equal(build_spec_example(cap ? exact : NULL, cap, &got),
				 PC_ERR_BUFFER_TOO_SMALL);
		free(exact);
	}
	/* re-encoding: size-only pass, short buffer, exact buffer */
	assert_int_equal(dec(spec_example, NULL), PC_OK);
	assert_int_equal(pc_mpm_encode(&m, NULL, 0, &got), PC_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(got, n);
	exact = malloc(n);
	assert_int_equal(pc_mpm_encode(&m, exact, n - 1, &got), PC_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(pc_mpm_encode(&m, exact, n, &got), PC_OK);
	assert_memory_equal(exact, spec_example, n);
	free(exact);
}

static void test_builder_errors(void **state)
{
	char out[400], big[120];
	size_t n;
	pc_mpm_enc e;

	(void)state;
	memset(big, 'A', sizeof big);
	pc_mpm_enc_init(&e, out, sizeof out, PC_MPM_LEN_CHARS);
	pc_mpm_enc_add(&e, 59, big, 100);
	assert_int_equal(pc_mpm_enc_finish(&e, &n), PC_ERR_MPM_LENGTH);
	pc_mpm_enc_init(&e, out, sizeof out, PC_MPM_LEN_CHARS);
	pc_mpm_enc_add(&e, 63, "ABCD", 4);
	assert_int_equal(pc_mpm_enc_finish(&e, &n), PC_ERR_INVALID_ARG);
	pc_mpm_enc_init(&e, out, sizeof out, PC_MPM_LEN_CHARS);
	pc_mpm_enc_add(&e, 59, "\xc3", 1);
	assert_int_equal(pc_mpm_enc_finish(&e, &n), PC_ERR_UTF8);
	pc_mpm_enc_init(&e, out, sizeof out, PC_MPM_LEN_CHARS);
	pc_mpm_enc_begin(&e, 62);
	assert_int_equal(pc_mpm_enc_finish(&e, &n), PC_ERR_INVALID_ARG);
	pc_mpm_enc_init(&e, out, sizeof out, PC_MPM_LEN_CHARS);
	pc_mpm_enc_begin(&e, 62);
	pc_mpm_enc_end(&e); /* empty template: framed, flagged by decode */
	assert_int_equal(pc_mpm_enc_finish(&e, &n), PC_OK);
	assert_memory_equal(out, "62006304", 8);
	pc_mpm_enc_init(&e, out, sizeof out, PC_MPM_LEN_CHARS);
	pc_mpm_enc_begin(&e, 62);
	pc_mpm_enc_add(&e, 1, big, 96);
	pc_mpm_enc_end(&e); /* 100 characters inside */
	assert_int_equal(pc_mpm_enc_finish(&e, &n), PC_ERR_MPM_LENGTH);
	pc_mpm_enc_init(&e, out, sizeof out, PC_MPM_LEN_CHARS);
	pc_mpm_enc_begin(&e, 62);
	pc_mpm_enc_begin(&e, 50);
	pc_mpm_enc_begin(&e, 1);
	assert_int_equal(pc_mpm_enc_finish(&e, &n), PC_ERR_INVALID_ARG);
	pc_mpm_enc_init(&e, out, sizeof out, PC_MPM_LEN_CHARS);
	pc_mpm_enc_end(&e);
	assert_int_equal(pc_mpm_enc_finish(&e, &n), PC_ERR_INVALID_ARG);
}

static void test_issue_format(void **state)
{
	char small[8];
	char full[128];

	(void)state;
	assert_int_equal(dec(with_crc(BASE "62070903AMA"), NULL), PC_ERR_MPM_VALUE);
	assert_true(pc_mpm_issue_format(pc_mpm_error(&m), full, sizeof full) < sizeof full);
	assert_non_null(strstr(full, "object 62.09: "));
	assert_int_equal(pc_mpm_issue_format(pc_mpm_error(&m), small, sizeof small),
			 strlen(full));
	assert_int_equal(strlen(small), sizeof small - 1);
	assert_int_equal(pc_mpm_issue_format(pc_mpm_error(&m), NULL, 0), strlen(full));
}

/* A rejected payload exposes no objects, so it cannot be re-encoded into a
 * "repaired" one; error paths never keep IDs from an earlier object. */
static void test_rejected_state(void **state)
{
	char out[PC_MPM_MAX_LEN], bad[200];
	size_t n;

	(void)state;
	snprintf(bad, sizeof bad, "%s", with_crc(BASE));
	bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == '0' ? '1' : '0';
	assert_int_equal(dec(bad, &pc_mpm_profile_lenient), PC_ERR_MPM_CRC_MISMATCH);
	assert_int_equal(pc_mpm_count(&m), 0);
	assert_int_equal(pc_mpm_encode(&m, out, sizeof out, &n), PC_ERR_MPM_CRC_MISSING);
	assert_int_equal(pc_mpm_parse(&m, BASE "6302AB", strlen(BASE) + 6, PC_MPM_LEN_CHARS), PC_OK);
	assert_int_equal(pc_mpm_encode(&m, out, sizeof out, &n), PC_ERR_MPM_CRC_FORMAT);
	assert_int_equal(dec(BASE "62040101X" "5X", NULL), PC_ERR_MPM_SYNTAX);
	assert_int_equal(pc_mpm_error(&m)->path[0], PC_MPM_NONE);
	assert_int_equal(pc_mpm_error(&m)->path[1], PC_MPM_NONE);
	assert_int_equal(pc_mpm_decode(&m, NULL, 0, NULL), PC_ERR_INVALID_ARG);
}

static void test_too_long(void **state)
{
	char *big = malloc(PC_MPM_MAX_LEN + 1);

	(void)state;
	memset(big, '0', PC_MPM_MAX_LEN + 1);
	assert_int_equal(pc_mpm_decode(&m, big, PC_MPM_MAX_LEN + 1, NULL), PC_ERR_TOO_LONG);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc_check_value),
		cmocka_unit_test(test_spec_example),
		cmocka_unit_test(test_spec_example_negatives),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_integrity_errors),
		cmocka_unit_test(test_rule_errors),
		cmocka_unit_test(test_deviations),
		cmocka_unit_test(test_lowercase_crc),
		cmocka_unit_test(test_len_bytes_fallback),
		cmocka_unit_test(test_profiles),
		cmocka_unit_test(test_builder),
		cmocka_unit_test(test_builder_errors),
		cmocka_unit_test(test_issue_format),
		cmocka_unit_test(test_rejected_state),
		cmocka_unit_test(test_too_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
