/*
 * libFuzzer target for the EMV CPM decoder (qr/cpm.c).
 *
 * The input is used twice, so both layers are reached:
 *   - as QR text (an exact-size heap copy, for ASan);
 *   - as decoded bytes: base64-encoded first, then decoded, so mutations
 *     of the BER structure get past the base64 layer.
 * For every decode:
 *   - the error is one of those pc_cpm_decode() documents, and a failed
 *     decode leaves a zeroised context;
 *   - a success has 1 or 2 application templates; pc_cpm_bytes() encodes
 *     back to exactly the text (canonical base64); the bytes start with
 *     85 05 "CPV01" and the text passes pc_cpm_detect();
 *   - every accessor runs on every template and returns a documented
 *     result, with views inside the context; pc_cpm_find() on each tag of
 *     the POI data agrees with pc_cpm_poi_check(); a template's own AID,
 *     when eligible, selects a template at or before it.
 * Oracle failures call abort(), which libFuzzer reports as a crash.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <paycode/cpm.h>

static void fail(int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, line, what);
	abort();
}

#define check(x) ((x) ? (void)0 : fail(__LINE__, #x))

static pc_cpm g_c;

static bool inside(pc_cbuf v)
{
	const uint8_t *b = (const uint8_t *)&g_c;

	return v.ptr != NULL && v.ptr >= b && v.ptr + v.len <= b + sizeof g_c;
}

static bool known_error(pc_err e)
{
	return e == PC_ERR_BASE64 || e == PC_ERR_BER_TAG ||
	       e == PC_ERR_BER_LENGTH || e == PC_ERR_TRUNCATED ||
	       e == PC_ERR_CPM_PREFIX || e == PC_ERR_CPM_NO_APP ||
	       e == PC_ERR_CPM_STRUCTURE || e == PC_ERR_TOO_LONG;
}

/* Each tag of a template's content: find() must agree with poi_check(). */
static void check_tags(size_t app, pc_cbuf tmpl, bool *dup)
{
	pc_ber it;
	pc_tlv t;
	pc_cbuf v;

	pc_ber_init(&it, tmpl.ptr, tmpl.len);
	while (pc_ber_next(&it, &t) == PC_OK) {
		pc_err e = pc_cpm_find(&g_c, app, t.tag, &v);

		if (t.tag == 0x63 || t.tag == 0x64) {
			check(e == PC_ERR_NOT_FOUND);
			continue;
		}
		check(e == PC_OK || e == PC_ERR_CPM_DUPLICATE);
		if (e == PC_OK)
			check(inside(v) && v.len == t.len);
		else
			*dup = true;
	}
}

static void check_app(size_t app)
{
	pc_cbuf aid, v, t63, t64;
	pc_err e;
	size_t idx = 99;
	bool dup = false;

	e = pc_cpm_aid(&g_c, app, &aid);
	check(e == PC_OK || e == PC_ERR_NOT_FOUND || e == PC_ERR_CPM_DUPLICATE);
	if (e == PC_OK) {
		check(inside(aid));
		if (aid.len >= PC_CPM_AID_MIN && aid.len <= PC_CPM_AID_MAX) {
			check(pc_cpm_eligible(&g_c, app, aid.ptr, aid.len));
			check(pc_cpm_select(&g_c, aid.ptr, aid.len, &idx) == PC_OK);
			check(idx <= app);
			check(pc_cpm_eligible(&g_c, app, aid.ptr, PC_CPM_AID_MIN));
		}
	}
	e = pc_cpm_label(&g_c, app, &v);
	check(e == PC_OK || e == PC_ERR_NOT_FOUND || e == PC_ERR_CPM_DUPLICATE);
	check(pc_cpm_transparent(&g_c, app, &t63, &t64) == PC_OK);
	check(t63.ptr == NULL ? t63.len == 0 : inside(t63));
	check(t64.ptr == NULL ? t64.len == 0 : inside(t64));
	/* the 61 and the 62, located through the public BER reader */
	{
		pc_cbuf all = pc_cpm_bytes(&g_c);
		pc_ber it;
		pc_tlv t;
		size_t k = 0;

		pc_ber_init(&it, all.ptr, all.len);
		while (pc_ber_next(&it, &t) == PC_OK) {
			pc_cbuf tmpl = { t.value, t.len };

			if ((t.tag == 0x61 && k++ == app) || t.tag == 0x62)
				check_tags(app, tmpl, &dup);
		}
	}
	check(pc_cpm_poi_check(&g_c, app) ==
	      (dup ? PC_ERR_CPM_DUPLICATE : PC_OK));
}

static void fuzz_text(const char *text, size_t n)
{
	pc_err e = pc_cpm_decode(&g_c, text, n);
	pc_cbuf b;
	size_t i, len;
	char *again;

	if (e != PC_OK) {
		const uint8_t *z = (const uint8_t *)&g_c;

		check(known_error(e));
		for (i = 0; i < sizeof g_c; i++)
			check(z[i] == 0);
		return;
	}
	check(pc_cpm_detect(text, n));
	check(pc_cpm_app_count(&g_c) >= 1 && pc_cpm_app_count(&g_c) <= 2);
	b = pc_cpm_bytes(&g_c);
	check(inside(b) && b.len >= 7 && memcmp(b.ptr, "\x85\x05" "CPV01", 7) == 0);
	again = malloc(n + 1);
	check(again != NULL);
	check(pc_base64_encode(b.ptr, b.len, again, n, &len) == PC_OK);
	check(len == n && memcmp(again, text, n) == 0);
	free(again);
	for (i = 0; i < pc_cpm_app_count(&g_c); i++)
		check_app(i);
	pc_cpm_wipe(&g_c);
	check(pc_cpm_app_count(&g_c) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *p = malloc(size + (size == 0));
	size_t need = PC_BASE64_LEN(size), len;

	check(p != NULL);
	if (size != 0)
		memcpy(p, data, size);
	fuzz_text(p, size);
	free(p);
	if (size > PC_CPM_MAX_LEN + 3)
		return 0;
	p = malloc(need + (need == 0));
	check(p != NULL);
	check(pc_base64_encode(data, size, p, need, &len) == PC_OK);
	fuzz_text(p, len);
	free(p);
	return 0;
}
