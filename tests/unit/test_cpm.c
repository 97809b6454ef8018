/*
 * EMV CPM decoder (qr/cpm.c):
 *   - the specification's examples, CPM Annex B.1 and B.2, decoded from
 *     their base64 and compared byte for byte with the annex's layout;
 *     AID, label, PAN (5A), track 2 (57), cardholder name, language and
 *     the transparent 64 content extracted;
 *   - each error condition of CPM §5.1.1.2-3, and the order in which they
 *     are checked (an input breaking two rules reports the earlier one);
 *   - the structure rules, opaque 63/64 and kept unknown templates;
 *   - duplicates in the POI data set, partial AID selection;
 *   - the size limits, and a wiped context after every failure;
 *   - every CPM row of ../shared/data/emv/payloads-dev.tsv decodes, and
 *     its BER structure matches the file's independent `decoded_cpm_tlv`
 *     column (skipped with a message when the data folder is absent).
 */
#include <paycode/cpm.h>

#include "testutil.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* CPM Annex B.1 and B.2, as published (base64). */
static const char annex_b1[] =
	"hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=";
static const char annex_b2[] =
	"hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJ"
	"WggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACf"
	"JghYT9OF+iNLzJ82AgABnzcEbVjvEw==";

/* The same, written out from the annex's decoded layout. */
static const char annex_b1_hex[] =
	"85054350563031"
	"611A" "4F07A0000000555555"
	      "570F1234567890123458D191220112345F";
static const char annex_b2_hex[] =
	"85054350563031"
	"6113" "4F07A0000000555555" "5008" "50726F6475637431"
	"6113" "4F07A0000000666666" "5008" "50726F6475637432"
	"6249" "5A081234567890123458"
	      "5F200E" "43415244484F4C4445522F454D56"
	      "5F2D08" "727565736465656E"
	      "6421" "9F100706010A03000000"
	            "9F2608584FD385FA234BCC"
	            "9F36020001"
	            "9F37046D58EF13";

static pc_cpm c;

static pc_err dec(const char *s)
{
	size_t n = strlen(s);
	char *copy = (char *)tu_exact(s, n);
	pc_err err = pc_cpm_decode(&c, copy, n);

	free(copy);
	return err;
}

/* Decode the base64 of the given bytes (hex). */
static pc_err dec_hex(const char *hex)
{
	static uint8_t raw[1024];
	static char txt[PC_BASE64_LEN(1024) + 1];
	size_t n = tu_unhex(hex, raw, sizeof raw), len;

	assert_int_equal(pc_base64_encode(raw, n, txt, sizeof txt, &len), PC_OK);
	txt[len] = '\0';
	return dec(txt);
}

static void expect_hex(const char *hex, pc_err want)
{
	pc_err got = dec_hex(hex);

	if (got != want)
		fail_msg("%s: want %s got %s", hex, pc_err_name(want), pc_err_name(got));
	if (want != PC_OK) {
		/* a failed decode leaves nothing behind */
		assert_int_equal(pc_cpm_app_count(&c), 0);
		assert_null(pc_cpm_bytes(&c).ptr);
	}
}

static void assert_buf_hex(pc_cbuf b, const char *hex)
{
	uint8_t want[256];
	size_t n = tu_unhex(hex, want, sizeof want);

	assert_non_null(b.ptr);
	assert_int_equal(b.len, n);
	assert_memory_equal(b.ptr, want, n);
}

static void assert_buf_str(pc_cbuf b, const char *s)
{
	assert_non_null(b.ptr);
	assert_int_equal(b.len, strlen(s));
	assert_memory_equal(b.ptr, s, b.len);
}

static const uint8_t aid5[] = { 0xA0, 0x00, 0x00, 0x00, 0x55 };
static const uint8_t aid7_55[] = { 0xA0, 0x00, 0x00, 0x00, 0x55, 0x55, 0x55 };
static const uint8_t aid7_66[] = { 0xA0, 0x00, 0x00, 0x00, 0x66, 0x66, 0x66 };

static void test_annex_b1(void **state)
{
	pc_cbuf v, t63, t64;
	size_t idx = 9;

	(void)state;
	assert_true(pc_cpm_detect(annex_b1, strlen(annex_b1)));
	assert_int_equal(dec(annex_b1), PC_OK);
	assert_int_equal(pc_cpm_bytes(&c).len, 35);
	assert_buf_hex(pc_cpm_bytes(&c), annex_b1_hex);
	assert_int_equal(pc_cpm_app_count(&c), 1);
	assert_int_equal(pc_cpm_aid(&c, 0, &v), PC_OK);
	assert_buf_hex(v, "A0000000555555");
	assert_int_equal(pc_cpm_label(&c, 0, &v), PC_ERR_NOT_FOUND);
	/* no 5A: the PAN comes from track 2 [CPM §5-7] */
	assert_int_equal(pc_cpm_find(&c, 0, 0x5A, &v), PC_ERR_NOT_FOUND);
	assert_int_equal(pc_cpm_find(&c, 0, 0x57, &v), PC_OK);
	assert_buf_hex(v, "1234567890123458D191220112345F");
	assert_int_equal(pc_cpm_poi_check(&c, 0), PC_OK);
	assert_int_equal(pc_cpm_transparent(&c, 0, &t63, &t64), PC_OK);
	assert_null(t63.ptr);
	assert_null(t64.ptr);
	assert_int_equal(pc_cpm_select(&c, aid7_55, sizeof aid7_55, &idx), PC_OK);
	assert_int_equal(idx, 0);
	assert_int_equal(pc_cpm_select(&c, aid7_66, sizeof aid7_66, &idx),
			 PC_ERR_NOT_FOUND);
}

static void test_annex_b2(void **state)
{
	pc_cbuf v, t63, t64;
	pc_tlv t;
	size_t i;

	(void)state;
	assert_int_equal(dec(annex_b2), PC_OK);
	assert_int_equal(pc_cpm_bytes(&c).len, 124);
	assert_buf_hex(pc_cpm_bytes(&c), annex_b2_hex);
	assert_int_equal(pc_cpm_app_count(&c), 2);
	assert_int_equal(pc_cpm_aid(&c, 0, &v), PC_OK);
	assert_buf_hex(v, "A0000000555555");
	assert_int_equal(pc_cpm_aid(&c, 1, &v), PC_OK);
	assert_buf_hex(v, "A0000000666666");
	assert_int_equal(pc_cpm_label(&c, 0, &v), PC_OK);
	assert_buf_str(v, "Product1");
	assert_int_equal(pc_cpm_label(&c, 1, &v), PC_OK);
	assert_buf_str(v, "Product2");
	/* the 62 belongs to the POI data of either template */
	for (i = 0; i < 2; i++) {
		assert_int_equal(pc_cpm_poi_check(&c, i), PC_OK);
		assert_int_equal(pc_cpm_find(&c, i, 0x5A, &v), PC_OK);
		assert_buf_hex(v, "1234567890123458");
		assert_int_equal(pc_cpm_find(&c, i, 0x5F20, &v), PC_OK);
		assert_buf_str(v, "CARDHOLDER/EMV");
		assert_int_equal(pc_cpm_find(&c, i, 0x5F2D, &v), PC_OK);
		assert_buf_str(v, "ruesdeen");
		assert_int_equal(pc_cpm_find(&c, i, 0x57, &v), PC_ERR_NOT_FOUND);
		/* the transparent data is not POI data */
		assert_int_equal(pc_cpm_find(&c, i, 0x64, &v), PC_ERR_NOT_FOUND);
		assert_int_equal(pc_cpm_find(&c, i, 0x9F26, &v), PC_ERR_NOT_FOUND);
		assert_int_equal(pc_cpm_transparent(&c, i, &t63, &t64), PC_OK);
		assert_null(t63.ptr);
		assert_buf_hex(t64, "9F100706010A03000000" "9F2608584FD385FA234BCC"
				    "9F36020001" "9F37046D58EF13");
	}
	/* the opaque content is still BER the caller can walk */
	assert_int_equal(pc_ber_find(t64.ptr, t64.len, 0x9F26, &t), PC_OK);
	assert_int_equal(t.len, 8);
	assert_memory_equal(t.value, "\x58\x4F\xD3\x85\xFA\x23\x4B\xCC", 8);
	assert_int_equal(pc_ber_find(t64.ptr, t64.len, 0x9F36, &t), PC_OK);
	assert_memory_equal(t.value, "\x00\x01", 2);
	/* one output may be left out */
	assert_int_equal(pc_cpm_transparent(&c, 1, NULL, &t64), PC_OK);
	assert_int_equal(t64.len, 0x21);
	assert_int_equal(pc_cpm_transparent(&c, 1, &t63, NULL), PC_OK);
}

static void test_select(void **state)
{
	uint8_t aid17[17];
	size_t idx = 9;

	(void)state;
	memset(aid17, 0xA0, sizeof aid17);
	assert_int_equal(dec(annex_b2), PC_OK);
	assert_int_equal(pc_cpm_select(&c, aid7_66, sizeof aid7_66, &idx), PC_OK);
	assert_int_equal(idx, 1);
	assert_int_equal(pc_cpm_select(&c, aid7_55, sizeof aid7_55, &idx), PC_OK);
	assert_int_equal(idx, 0);
	/* partial selection: the terminal's AID is a prefix of the ADF Name */
	assert_int_equal(pc_cpm_select(&c, aid7_66, 5, &idx), PC_OK);
	assert_int_equal(idx, 1);
	/* both eligible: the first one; the merchant may prefer the other */
	assert_int_equal(pc_cpm_select(&c, aid5, 4, &idx), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_cpm_select(&c, (const uint8_t *)"\xA0\x00\x00\x00\x00",
				       5, &idx), PC_ERR_NOT_FOUND);
	assert_int_equal(pc_cpm_select(&c, aid5, 5, &idx), PC_OK);
	assert_int_equal(idx, 0);
	{
		static const uint8_t a0[] = { 0xA0, 0x00, 0x00, 0x00, 0x55, 0x55 };
		static const uint8_t both[] = { 0xA0, 0x00, 0x00, 0x00 };

		assert_true(pc_cpm_eligible(&c, 0, a0, sizeof a0));
		assert_false(pc_cpm_eligible(&c, 1, a0, sizeof a0));
		assert_false(pc_cpm_eligible(&c, 0, both, sizeof both)); /* < 5 */
	}
	/* a terminal AID longer than the ADF Name does not match */
	{
		static const uint8_t longer[] = { 0xA0, 0x00, 0x00, 0x00, 0x55, 0x55,
						  0x55, 0x01 };

		assert_false(pc_cpm_eligible(&c, 0, longer, sizeof longer));
		assert_int_equal(pc_cpm_select(&c, longer, sizeof longer, &idx),
				 PC_ERR_NOT_FOUND);
	}
	/* the AID length rule, 5 to 16 */
	assert_int_equal(pc_cpm_select(&c, aid17, 17, &idx), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_cpm_select(&c, aid17, 16, &idx), PC_ERR_NOT_FOUND);
	assert_int_equal(pc_cpm_select(NULL, aid5, 5, &idx), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_cpm_select(&c, NULL, 5, &idx), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_cpm_select(&c, aid5, 5, NULL), PC_ERR_INVALID_ARG);
	assert_false(pc_cpm_eligible(&c, 2, aid5, 5));
	assert_false(pc_cpm_eligible(&c, 0, NULL, 5));
	assert_false(pc_cpm_eligible(NULL, 0, aid5, 5));
}

/* Templates whose 4F is missing or outside 5..16 bytes are skipped. */
static void test_select_skips(void **state)
{
	pc_cbuf v;
	size_t idx = 9;

	(void)state;
	/* 61 without 4F, then one with a 4-byte 4F, then 17 bytes */
	expect_hex("85054350563031" "61095007" "4E617463617368"
		   "61064F04A0000000", PC_OK);
	assert_int_equal(pc_cpm_aid(&c, 0, &v), PC_ERR_NOT_FOUND);
	assert_int_equal(pc_cpm_aid(&c, 1, &v), PC_OK);
	assert_int_equal(v.len, 4);
	assert_int_equal(pc_cpm_select(&c, aid5, 5, &idx), PC_ERR_NOT_FOUND);
	expect_hex("85054350563031" "61134F11A000000055000000000000000000000000"
		   "61074F05A000000055", PC_OK);
	assert_int_equal(pc_cpm_select(&c, aid5, 5, &idx), PC_OK);
	assert_int_equal(idx, 1);
	/* exactly 16 is fine */
	expect_hex("85054350563031" "61124F10A0000000550000000000000000000000",
		   PC_OK);
	assert_int_equal(pc_cpm_select(&c, aid5, 5, &idx), PC_OK);
	assert_int_equal(idx, 0);
}

/* CPM §5.1.1.2-3, one at a time, then two at a time to fix the order. */
static void test_errors_in_order(void **state)
{
	(void)state;
	/* 1. not base64 */
	assert_int_equal(dec("hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8"), PC_ERR_BASE64);
	assert_int_equal(dec("hQVDUFYwMWEaTwegAAAA VVVVw8SNFZ4kBI0WNGRIgESNF8="), PC_ERR_BASE64);
	assert_int_equal(dec("hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF9="), PC_ERR_BASE64);
	assert_int_equal(dec("hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=\n"), PC_ERR_BASE64);
	assert_int_equal(dec("hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESN-8="), PC_ERR_BASE64);
	/* base64 comes first: bad base64 of bytes that are not even BER */
	assert_int_equal(dec("AAAA!AAA"), PC_ERR_BASE64);

	/* 2. not BER-TLV (and BER comes before the prefix and the 61) */
	expect_hex("85054350563031611A4F07A0000000555555", PC_ERR_TRUNCATED);
	expect_hex("850543505630316180", PC_ERR_BER_LENGTH);
	expect_hex("8505435056303161817F", PC_ERR_BER_LENGTH);
	expect_hex("85054350563031DF81818100", PC_ERR_BER_TAG);
	expect_hex("8505435056303100", PC_ERR_BER_TAG);
	expect_hex("9F", PC_ERR_TRUNCATED);          /* and no 85 */
	expect_hex("8405435056303161", PC_ERR_TRUNCATED);
	expect_hex("85054350563032" "6180", PC_ERR_BER_LENGTH); /* and "CPV02" */
	/* inside a 61 or 62, also when there is no 61 at all */
	expect_hex("85054350563031" "61034F0501", PC_ERR_TRUNCATED);
	expect_hex("85054350563031" "6102DF81", PC_ERR_TRUNCATED);
	expect_hex("85054350563031" "62025A05", PC_ERR_TRUNCATED);
	expect_hex("85054350563031" "610900000000000000000000", PC_ERR_BER_TAG);

	/* 3. the first object is not 85 */
	expect_hex("", PC_ERR_CPM_PREFIX);
	expect_hex("61094F07A0000000555555" "85054350563031", PC_ERR_CPM_PREFIX);
	expect_hex("84054350563031" "61094F07A0000000555555", PC_ERR_CPM_PREFIX);
	expect_hex("5A0112", PC_ERR_CPM_PREFIX);      /* and no 61 */

	/* 4. 85 is not "CPV01" */
	expect_hex("85054350563032" "61094F07A0000000555555", PC_ERR_CPM_PREFIX);
	expect_hex("8505637076303161094F07A0000000555555", PC_ERR_CPM_PREFIX);
	expect_hex("850443505630" "61094F07A0000000555555", PC_ERR_CPM_PREFIX);
	expect_hex("8506435056303131" "61094F07A0000000555555", PC_ERR_CPM_PREFIX);
	expect_hex("8500", PC_ERR_CPM_PREFIX);
	expect_hex("85054350563030", PC_ERR_CPM_PREFIX); /* and no 61 */

	/* 5. no 61: 85 alone, or with 62 only (before the structure rules) */
	expect_hex("85054350563031", PC_ERR_CPM_NO_APP);
	expect_hex("85054350563031" "62045A021234", PC_ERR_CPM_NO_APP);
	expect_hex("85054350563031" "62045A021234" "62045A021234", PC_ERR_CPM_NO_APP);
	expect_hex("85054350563031" "85054350563031", PC_ERR_CPM_NO_APP);
	expect_hex("85054350563031" "4F07A0000000555555", PC_ERR_CPM_NO_APP);
}

static void test_structure(void **state)
{
	(void)state;
	/* three 61 */
	expect_hex("85054350563031" "6100" "6100" "6100", PC_ERR_CPM_STRUCTURE);
	/* two 62 */
	expect_hex("85054350563031" "6100" "6200" "6200", PC_ERR_CPM_STRUCTURE);
	/* a second 85 */
	expect_hex("85054350563031" "6100" "85054350563031", PC_ERR_CPM_STRUCTURE);
	/* top-level objects nested */
	expect_hex("85054350563031" "61026100", PC_ERR_CPM_STRUCTURE);
	expect_hex("85054350563031" "61026200", PC_ERR_CPM_STRUCTURE);
	expect_hex("85054350563031" "6100" "6202" "8500", PC_ERR_CPM_STRUCTURE);
	/* transparent templates in the wrong template, or twice */
	expect_hex("85054350563031" "61026400", PC_ERR_CPM_STRUCTURE);
	expect_hex("85054350563031" "6100" "62026300", PC_ERR_CPM_STRUCTURE);
	expect_hex("85054350563031" "610463006300", PC_ERR_CPM_STRUCTURE);
	expect_hex("85054350563031" "6100" "6204" "64006400", PC_ERR_CPM_STRUCTURE);
	/* the structure is checked in the second 61 too */
	expect_hex("85054350563031" "6100" "61026100", PC_ERR_CPM_STRUCTURE);
	/* the limits themselves are fine */
	expect_hex("85054350563031" "6100" "6100" "6200", PC_OK);
	assert_int_equal(pc_cpm_app_count(&c), 2);
	/* 62 may come first; other templates anywhere after 85 */
	expect_hex("85054350563031" "6200" "9F0100" "6100", PC_OK);
	assert_int_equal(pc_cpm_app_count(&c), 1);
}

/* 63 and 64 are opaque; unknown top-level templates are kept unparsed. */
static void test_opaque_and_kept(void **state)
{
	static const char hex[] =
		"85054350563031"
		"610D" "4F05A000000055" "6304" "DF818181"   /* 63: not BER */
		"6200"
		"6503" "FFFF00"                             /* unknown template */
		"9F7E0101"                                  /* unknown primitive */
		"6403" "000000";                            /* top-level 64 */
	pc_cbuf t63, t64, v;
	pc_ber it;
	pc_tlv t;
	uint32_t tags[8];
	size_t n = 0;

	(void)state;
	expect_hex(hex, PC_OK);
	assert_buf_hex(pc_cpm_bytes(&c), hex);
	assert_int_equal(pc_cpm_transparent(&c, 0, &t63, &t64), PC_OK);
	assert_buf_hex(t63, "DF818181");
	assert_null(t64.ptr); /* the 62 has no 64; a top-level 64 is not it */
	assert_int_equal(pc_cpm_find(&c, 0, 0x9F7E, &v), PC_ERR_NOT_FOUND);
	/* every top-level object is still there, in order */
	pc_ber_init(&it, pc_cpm_bytes(&c).ptr, pc_cpm_bytes(&c).len);
	while (pc_ber_next(&it, &t) == PC_OK && n < NELEM(tags))
		tags[n++] = t.tag;
	assert_int_equal(n, 6);
	assert_int_equal(tags[3], 0x65);
	assert_int_equal(tags[4], 0x9F7E);
	assert_int_equal(tags[5], 0x64);
	/* a 62 with an empty 64: present, empty */
	expect_hex("85054350563031" "6100" "62026400", PC_OK);
	assert_int_equal(pc_cpm_transparent(&c, 0, &t63, &t64), PC_OK);
	assert_null(t63.ptr);
	assert_non_null(t64.ptr);
	assert_int_equal(t64.len, 0);
}

static void test_duplicates(void **state)
{
	pc_cbuf v;

	(void)state;
	/* 5A in the 61 and in the 62 */
	expect_hex("85054350563031"
		   "610D" "4F07A0000000555555" "5A021234"
		   "6209" "5A025678" "9F25023458", PC_OK);
	assert_int_equal(pc_cpm_find(&c, 0, 0x5A, &v), PC_ERR_CPM_DUPLICATE);
	assert_int_equal(pc_cpm_poi_check(&c, 0), PC_ERR_CPM_DUPLICATE);
	assert_int_equal(pc_cpm_find(&c, 0, 0x9F25, &v), PC_OK);
	assert_buf_hex(v, "3458");
	/* twice in one 61 */
	expect_hex("85054350563031"
		   "6111" "4F07A0000000555555" "5A021234" "5A021234", PC_OK);
	assert_int_equal(pc_cpm_find(&c, 0, 0x5A, &v), PC_ERR_CPM_DUPLICATE);
	assert_int_equal(pc_cpm_poi_check(&c, 0), PC_ERR_CPM_DUPLICATE);
	/* twice in the 62 */
	expect_hex("85054350563031" "6100" "620A5F2D02656E5F2D026672", PC_OK);
	assert_int_equal(pc_cpm_find(&c, 0, 0x5F2D, &v), PC_ERR_CPM_DUPLICATE);
	assert_int_equal(pc_cpm_poi_check(&c, 0), PC_ERR_CPM_DUPLICATE);
	/* the AID in the 62 too */
	expect_hex("85054350563031" "61094F07A0000000555555"
		   "62094F07A0000000555555", PC_OK);
	assert_int_equal(pc_cpm_aid(&c, 0, &v), PC_ERR_CPM_DUPLICATE);
	assert_false(pc_cpm_eligible(&c, 0, aid5, 5));
	/* two templates: only the one sharing a tag with 62 is affected */
	expect_hex("85054350563031"
		   "610D" "4F07A0000000555555" "5A021234"
		   "61094F07A0000000666666"
		   "6204" "5A025678", PC_OK);
	assert_int_equal(pc_cpm_poi_check(&c, 0), PC_ERR_CPM_DUPLICATE);
	assert_int_equal(pc_cpm_poi_check(&c, 1), PC_OK);
	assert_int_equal(pc_cpm_find(&c, 1, 0x5A, &v), PC_OK);
	assert_buf_hex(v, "5678");
	/* the same tag in both transparent templates is not a duplicate */
	expect_hex("85054350563031"
		   "610D" "4F05A000000055" "63049F360101"
		   "6206" "64049F360102", PC_OK);
	assert_int_equal(pc_cpm_poi_check(&c, 0), PC_OK);
}

static void test_limits(void **state)
{
	static uint8_t raw[PC_CPM_MAX_LEN + 8];
	static char txt[PC_BASE64_LEN(PC_CPM_MAX_LEN + 8) + 2];
	size_t total, len, n, k;

	(void)state;
	assert_int_equal(pc_cpm_max_len(), PC_CPM_MAX_LEN);
	for (total = PC_CPM_MAX_LEN - 2; total <= PC_CPM_MAX_LEN + 3; total++) {
		/* 85 CPV01 | 61 82 xxxx [ 4F 05 aid | 5F50 82 yyyy filler ] */
		size_t fill = total - 7 - 4 - 7 - 5;

		n = tu_unhex("85054350563031", raw, sizeof raw);
		assert_int_equal(pc_ber_put(0x61, NULL, total - 11, raw + n,
					    sizeof raw - n, &k), PC_OK);
		n += k;
		n += tu_unhex("4F05A000000055", raw + n, sizeof raw - n);
		assert_int_equal(pc_ber_put(0x5F50, NULL, fill, raw + n,
					    sizeof raw - n, &k), PC_OK);
		n += k;
		memset(raw + n, 'x', fill);
		n += fill;
		assert_int_equal(n, total);
		assert_int_equal(pc_base64_encode(raw, n, txt, sizeof txt, &len), PC_OK);
		txt[len] = '\0';
		if (total <= PC_CPM_MAX_LEN) {
			assert_int_equal(dec(txt), PC_OK);
			assert_int_equal(pc_cpm_bytes(&c).len, total);
		} else {
			assert_int_equal(dec(txt), PC_ERR_TOO_LONG);
		}
	}
	/* text longer than any accepted payload, even when it is garbage */
	memset(txt, '!', PC_CPM_MAX_TEXT + 1);
	txt[PC_CPM_MAX_TEXT + 1] = '\0';
	assert_int_equal(dec(txt), PC_ERR_TOO_LONG);
	/* within the size limit, garbage is a base64 error */
	txt[PC_CPM_MAX_TEXT - 4] = '\0';
	assert_int_equal(dec(txt), PC_ERR_BASE64);
}

static void test_args_and_wipe(void **state)
{
	pc_cbuf v;

	(void)state;
	assert_int_equal(pc_cpm_decode(NULL, annex_b1, strlen(annex_b1)),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(dec(annex_b2), PC_OK);
	assert_int_equal(pc_cpm_decode(&c, NULL, 4), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_cpm_app_count(&c), 0); /* wiped */
	assert_int_equal(pc_cpm_decode(&c, NULL, 0), PC_ERR_CPM_PREFIX);
	/* a failure after a success leaves nothing of the old payload */
	assert_int_equal(dec(annex_b2), PC_OK);
	assert_int_equal(dec("hQVDUFYwMQ=="), PC_ERR_CPM_NO_APP);
	assert_int_equal(pc_cpm_app_count(&c), 0);
	assert_null(pc_cpm_bytes(&c).ptr);
	assert_int_equal(pc_cpm_find(&c, 0, 0x5A, &v), PC_ERR_INVALID_ARG);
	{
		size_t i;
		const uint8_t *b = (const uint8_t *)&c;

		for (i = 0; i < sizeof c; i++)
			assert_int_equal(b[i], 0);
	}
	/* accessor arguments */
	assert_int_equal(dec(annex_b2), PC_OK);
	assert_int_equal(pc_cpm_find(&c, 2, 0x5A, &v), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_cpm_find(&c, 0, 0x5A, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_cpm_find(NULL, 0, 0x5A, &v), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_cpm_aid(&c, 0, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_cpm_aid(&c, 5, &v), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_cpm_label(NULL, 0, &v), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_cpm_poi_check(&c, 2), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_cpm_poi_check(NULL, 0), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_cpm_transparent(&c, 2, NULL, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_cpm_transparent(NULL, 0, NULL, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_cpm_app_count(NULL), 0);
	assert_null(pc_cpm_bytes(NULL).ptr);
	/* a copy is independent (no interior pointers) */
	{
		static pc_cpm copy;

		copy = c;
		pc_cpm_wipe(&c);
		assert_int_equal(pc_cpm_label(&copy, 1, &v), PC_OK);
		assert_buf_str(v, "Product2");
		assert_int_equal(pc_cpm_app_count(&c), 0);
		pc_cpm_wipe(&copy);
	}
	pc_cpm_wipe(NULL);
	/* detection [CPM §5.1.1.1] */
	assert_true(pc_cpm_detect("hQVDUFY", 7));
	assert_false(pc_cpm_detect("hQVDUF", 6));
	assert_false(pc_cpm_detect("hQVDUFz", 7));
	assert_false(pc_cpm_detect("000201010211", 12));
	assert_false(pc_cpm_detect(NULL, 7));
}

/* ---- ../shared/data/emv/payloads-dev.tsv ------------------------------- */

enum { COL_N, COL_MODE = 4, COL_PAYLOAD = 5, COL_BYTELEN = 11,
       COL_DECODED = 12, NCOLS = 15 };

struct out {
	char *p;
	size_t cap, len;
};

static void put(struct out *o, const char *s)
{
	size_t n = strlen(s);

	assert_true(o->len + n < o->cap);
	memcpy(o->p + o->len, s, n + 1);
	o->len += n;
}

/* The file's notation: "TAG LEN VALUE" with uppercase hex, the length as
 * at least two hex digits, objects separated by " | ", and the content of
 * constructed objects (b6 of the first tag byte) as "[ ... ]". */
static void render(struct out *o, const uint8_t *p, size_t len)
{
	pc_ber it;
	pc_tlv t;
	char tmp[16];
	size_t i, k = 0;

	pc_ber_init(&it, p, len);
	while (pc_ber_next(&it, &t) == PC_OK) {
		if (k++ != 0)
			put(o, " | ");
		snprintf(tmp, sizeof tmp, t.tag > 0xFFFF ? "%06X %02X " :
			 t.tag > 0xFF ? "%04X %02X " : "%02X %02X ",
			 (unsigned)t.tag, (unsigned)t.len);
		put(o, tmp);
		if (t.constructed) {
			put(o, "[ ");
			render(o, t.value, t.len);
			put(o, " ]");
			continue;
		}
		for (i = 0; i < t.len; i++) {
			snprintf(tmp, sizeof tmp, "%02X", t.value[i]);
			put(o, tmp);
		}
	}
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

static void check_row(char **col)
{
	static char text[8192];
	struct out o = { text, sizeof text, 0 };
	pc_cbuf b, v;
	size_t i;
	int n = atoi(col[COL_N]);
	pc_err err = dec(col[COL_PAYLOAD]);

	if (err != PC_OK)
		fail_msg("row %d: %s", n, pc_err_name(err));
	b = pc_cpm_bytes(&c);
	/* `tlv_parse_bytelen` says "<n> bytes" for CPM rows */
	assert_int_equal(b.len, strtoul(col[COL_BYTELEN], NULL, 10));
	text[0] = '\0';
	render(&o, b.ptr, b.len);
	if (strcmp(text, col[COL_DECODED]) != 0)
		fail_msg("row %d:\n got  %s\n want %s", n, text, col[COL_DECODED]);
	for (i = 0; i < pc_cpm_app_count(&c); i++) {
		pc_err e = pc_cpm_aid(&c, i, &v);

		assert_true(e == PC_OK || e == PC_ERR_NOT_FOUND);
		assert_int_equal(pc_cpm_poi_check(&c, i), PC_OK);
	}
}

static void test_payloads_dev(void **state)
{
	char path[512], line[16384], *col[NCOLS];
	unsigned rows = 0;
	FILE *f;

	(void)state;
	snprintf(path, sizeof path, "%s/emv/payloads-dev.tsv", tu_data_dir());
	f = fopen(path, "r");
	if (f == NULL) {
		print_message("SKIP: %s not found (shared real-world data absent)\n", path);
		skip();
	}
	assert_non_null(fgets(line, sizeof line, f)); /* header */
	assert_non_null(strstr(line, "decoded_cpm_tlv"));
	while (fgets(line, sizeof line, f) != NULL) {
		assert_int_equal(split(line, col), NCOLS);
		if (strcmp(col[COL_MODE], "CPM") != 0)
			continue;
		check_row(col);
		rows++;
	}
	fclose(f);
	print_message("%u CPM rows decode and match decoded_cpm_tlv\n", rows);
	assert_true(rows >= 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_annex_b1),
		cmocka_unit_test(test_annex_b2),
		cmocka_unit_test(test_select),
		cmocka_unit_test(test_select_skips),
		cmocka_unit_test(test_errors_in_order),
		cmocka_unit_test(test_structure),
		cmocka_unit_test(test_opaque_and_kept),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_args_and_wipe),
		cmocka_unit_test(test_payloads_dev),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
