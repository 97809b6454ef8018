/*
 * Every MPM payload of ../shared/data/emv/payloads-dev.tsv (published by
 * other libraries, national schemes and the EMVCo specification) against
 * the independently recomputed columns of that file:
 *   - pc_mpm_crc_check() gives the `crc_check` verdict for every row;
 *   - every row whose `tlv_parse_charlen` is "ok" parses (layer 1) and
 *     re-encodes byte for byte, except the CRC, which becomes the
 *     uppercase `crc_computed` value;
 *   - it decodes in lenient mode, unless it is listed below with the rule
 *     it breaks; a CRC that does not verify is rejected in every mode;
 *   - wherever strict and lenient disagree, strict's error is exactly the
 *     first warning lenient recorded, so each disagreement is explained;
 *   - every CRC-valid row of a known scheme decodes under that scheme's
 *     built-in profile, unless listed with the reason it is refused.
 * Skips with a message when the shared data folder is absent.
 */
#include <paycode/emvqr.h>

#include "testutil.h"

enum { COL_N, COL_SOURCE, COL_KIND, COL_SCHEME, COL_MODE, COL_PAYLOAD,
       COL_CLAIM, COL_CRC_STATED, COL_CRC_COMPUTED, COL_CRC_CHECK,
       COL_TLV_CHARLEN, NCOLS = 15 };

/* Rows that parse but that lenient decoding still rejects, and why. Each is
 * a genuine rule violation no real issuer needs; several are the sources'
 * own negative tests. */
static const struct {
	int n;
	pc_err err;
	const char *why;
} known_bad[] = {
	{ 65, PC_ERR_MPM_FORMAT, "MCC is not numeric (source's 'not recognized MCC' case)" },
	{ 105, PC_ERR_MPM_LENGTH, "MCC has 3 digits (source's commented-out error test)" },
	{ 134, PC_ERR_MPM_LENGTH, "62.09 carries an invoice number, not A/M/E flags" },
	{ 171, PC_ERR_MPM_LENGTH, "GUID longer than 32 (go-khqr 'long_account_id')" },
	{ 173, PC_ERR_MPM_LENGTH, "MCC has 3 digits (go-khqr 'mcc_three_digits')" },
	{ 175, PC_ERR_MPM_LENGTH, "currency has 4 digits (go-khqr 'currency_too_long')" },
	{ 232, PC_ERR_MPM_VALUE, "point of initiation not 11/12 (go-khqr 'poi_invalid')" },
	{ 234, PC_ERR_MPM_FORMAT, "MCC is not numeric (go-khqr 'mcc_invalid_hex')" },
	{ 287, PC_ERR_MPM_VALUE, "62.09 'tuv' is not a combination of A/M/E" },
	{ 322, PC_ERR_MPM_LENGTH, "GUID of 95 characters (ex-pix-brcode negative test)" },
};

static pc_mpm m, strict;

/* Scheme column -> built-in profile. */
static const struct {
	const char *scheme, *profile;
} schemes[] = {
	{ "Pix (BR)", "pix" }, { "PromptPay (TH)", "promptpay" },
	{ "VietQR (NAPAS)", "vietqr" }, { "DuitNow (MY)", "duitnow" },
	{ "QRIS (ID)", "qris" }, { "KHQR (KH)", "khqr" }, { "HK FPS", "fps" },
	{ "SGQR/PayNow (SG)", "paynow" },
};

/* Rows their own scheme profile rejects, beyond known_bad, and why. */
static const struct {
	int n;
	const char *why;
} scheme_bad[] = {
	{ 102, "no national QRIS template 51 (source's validation-error test)" },
	{ 169, "no merchant account at all (go-khqr 'no_merchant_account')" },
	{ 176, "no currency (go-khqr 'individual_no_currency')" },
	{ 365, "amount 0 (generator test with amount '0')" },
	{ 366, "amount 0 (generator test with amount '0')" },
	{ 368, "amount 0 (generator test with amount '0')" },
};

/* Every CRC-valid row of a scheme decodes under that scheme's profile,
 * except the listed ones. Returns 1 when the row was checked. */
static int check_scheme(char **c, int n, const char *payload, size_t len)
{
	size_t i, k;

	for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
		if (strcmp(c[COL_SCHEME], schemes[i].scheme) != 0)
			continue;
		for (k = 0; k < sizeof scheme_bad / sizeof scheme_bad[0]; k++)
			if (scheme_bad[k].n == n)
				return 0;
		if (pc_mpm_decode(&m, payload, len,
				  pc_mpm_profile_find(schemes[i].profile)) != PC_OK)
			fail_msg("row %d: profile %s rejects it: %s", n, schemes[i].profile,
				 pc_err_name(pc_mpm_error(&m)->code));
		return 1;
	}
	return 0;
}

static int split(char *line, char **cols)
{
	int n = 0;
	char *p = line;

	cols[n++] = p;
	while ((p = strchr(p, '\t')) != NULL && n < NCOLS) {
		*p++ = '\0';
		cols[n++] = p;
	}
	p = cols[n - 1] + strlen(cols[n - 1]);
	while (p > cols[n - 1] && (p[-1] == '\n' || p[-1] == '\r'))
		*--p = '\0';
	return n;
}

static pc_mpm_crc_verdict verdict_of(const char *col)
{
	if (strcmp(col, "MATCH") == 0)
		return PC_MPM_CRC_MATCH;
	if (strcmp(col, "MATCH (lowercase hex)") == 0)
		return PC_MPM_CRC_MATCH_LOWERCASE;
	if (strcmp(col, "MISMATCH") == 0)
		return PC_MPM_CRC_MISMATCH;
	assert_string_equal(col, "no-CRC");
	return PC_MPM_CRC_NONE;
}

static int known(int n)
{
	size_t i;

	for (i = 0; i < sizeof known_bad / sizeof known_bad[0]; i++)
		if (known_bad[i].n == n)
			return (int)i;
	return -1;
}

/* Layer 1 and re-encoding: byte-identical up to the CRC, which is the
 * independently computed one, in uppercase. */
static void check_roundtrip(char **c, const char *payload, size_t len)
{
	char out[PC_MPM_MAX_LEN], want_crc[5];
	size_t out_len = 0, i;

	assert_int_equal(pc_mpm_parse(&m, payload, len, PC_MPM_LEN_CHARS), PC_OK);
	assert_int_equal(pc_mpm_encode(&m, out, sizeof out, &out_len), PC_OK);
	assert_int_equal(out_len, len);
	assert_memory_equal(out, payload, len - 4);
	for (i = 0; i < 4; i++)
		want_crc[i] = (char)(c[COL_CRC_COMPUTED][i] >= 'a' ?
				     c[COL_CRC_COMPUTED][i] - 32 : c[COL_CRC_COMPUTED][i]);
	want_crc[4] = '\0';
	assert_memory_equal(out + len - 4, want_crc, 4);
}

static void check_decode(char **c, int n, const char *payload, size_t len,
			 unsigned *disagree)
{
	pc_err lenient = pc_mpm_decode(&m, payload, len, &pc_mpm_profile_lenient);
	pc_err st = pc_mpm_decode(&strict, payload, len, &pc_mpm_profile_strict);
	int k = known(n);

	if (strcmp(c[COL_CRC_CHECK], "MISMATCH") == 0) {
		assert_int_equal(lenient, PC_ERR_MPM_CRC_MISMATCH);
		assert_int_equal(st, PC_ERR_MPM_CRC_MISMATCH);
		return;
	}
	if (k >= 0) {
		if (lenient != known_bad[k].err)
			fail_msg("row %d: want %s (%s), got %s", n,
				 pc_err_name(known_bad[k].err), known_bad[k].why,
				 pc_err_name(lenient));
		return;
	}
	if (lenient != PC_OK)
		fail_msg("row %d (%s): lenient decode failed: %s", n,
			 c[COL_SCHEME], pc_err_name(lenient));
	if (st != PC_OK) {
		/* strict stops at the first deviation lenient tolerated */
		assert_true(pc_mpm_warning_count(&m) >= 1);
		assert_int_equal(st, pc_mpm_warning(&m, 0)->code);
		(*disagree)++;
	} else {
		assert_int_equal(pc_mpm_warning_count(&m), 0);
	}
}

static void test_payloads_dev(void **state)
{
	char path[512], line[8192], *c[NCOLS];
	unsigned rows = 0, parsed = 0, disagree = 0, scheme = 0;
	FILE *f;

	(void)state;
	snprintf(path, sizeof path, "%s/emv/payloads-dev.tsv", tu_data_dir());
	f = fopen(path, "r");
	if (f == NULL) {
		print_message("SKIP: %s not found (shared real-world data absent)\n", path);
		skip();
	}
	assert_non_null(fgets(line, sizeof line, f)); /* header */
	while (fgets(line, sizeof line, f) != NULL) {
		int n;
		size_t len;
		char *payload;

		assert_int_equal(split(line, c), NCOLS);
		if (strcmp(c[COL_MODE], "MPM") != 0)
			continue;
		n = atoi(c[COL_N]);
		len = strlen(c[COL_PAYLOAD]);
		payload = (char *)tu_exact(c[COL_PAYLOAD], len);
		rows++;
		if (pc_mpm_crc_check(payload, len) != verdict_of(c[COL_CRC_CHECK]))
			fail_msg("row %d: CRC verdict differs from '%s'", n, c[COL_CRC_CHECK]);
		if (strcmp(c[COL_TLV_CHARLEN], "ok") == 0) {
			parsed++;
			check_roundtrip(c, payload, len);
			check_decode(c, n, payload, len, &disagree);
			if (strncmp(c[COL_CRC_CHECK], "MATCH", 5) == 0 && known(n) < 0)
				scheme += (unsigned)check_scheme(c, n, payload, len);
		} else {
			assert_int_not_equal(pc_mpm_decode(&m, payload, len,
							   &pc_mpm_profile_lenient), PC_OK);
		}
		free(payload);
	}
	fclose(f);
	print_message("%u MPM rows, %u parse, %u decode in lenient only, "
		      "%u checked under their scheme profile\n",
		      rows, parsed, disagree, scheme);
	assert_true(rows >= 100);
	assert_true(scheme >= 60);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_payloads_dev),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
