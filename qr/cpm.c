/*
 * EMV QRCPS Consumer-Presented Mode: decoder, structure checks and the POI
 * data accessors.
 *
 * Section and table numbers refer to EMV QRCPS Consumer-Presented Mode
 * v1.0 (July 2017) [CPM] and EMV 4.3 Book 3 [B3].
 *
 * The decoder checks in the order [CPM §5.1.1.2-3] gives: base64, BER,
 * first object 85, 85 = "CPV01", a 61 present; the structure rules of
 * Table 3.1 / Table 6.1 come last. The context keeps offsets, not
 * pointers, into its own copy of the bytes; accessors re-walk the
 * already validated BER instead of keeping an object table.
 */
#include <string.h>

#include <paycode/cpm.h>

#include "internal.h"

#define PC__CPM_TAG_PFI 0x85u      /* Payload Format Indicator */
#define PC__CPM_TAG_APP 0x61u      /* Application Template */
#define PC__CPM_TAG_COMMON 0x62u   /* Common Data Template */
#define PC__CPM_TAG_APP_T 0x63u    /* Application Specific Transparent */
#define PC__CPM_TAG_COMMON_T 0x64u /* Common Data Transparent */
#define PC__CPM_TAG_AID 0x4Fu
#define PC__CPM_TAG_LABEL 0x50u

static const char pc__cpm_pfi[5] = { 'C', 'P', 'V', '0', '1' };

size_t pc_cpm_max_len(void)
{
	return PC_CPM_MAX_LEN;
}

/* [CPM §5.1.1.1]: base64 of 85 05 "CPV" is "hQVDUFY". */
bool pc_cpm_detect(const char *text, size_t len)
{
	return text != NULL && len >= 7 && memcmp(text, "hQVDUFY", 7) == 0;
}

void pc_cpm_wipe(pc_cpm *c)
{
	pc_wipe(c, c == NULL ? 0 : sizeof *c);
}

/* ---- decoding ---------------------------------------------------------- */

/* Walk p[0..len) to its end; return the first BER error. */
static pc_err pc__cpm_walk(const uint8_t *p, size_t len)
{
	pc_ber it;
	pc_tlv t;
	pc_err err;

	pc_ber_init(&it, p, len);
	while ((err = pc_ber_next(&it, &t)) == PC_OK)
		;
	return err == PC_ERR_NOT_FOUND ? PC_OK : err;
}

/* Step 2 [CPM §5.1.1.2]: the bytes are BER-TLV, and so is the content of
 * each 61 and 62. The transparent templates 63/64 and unknown top-level
 * templates stay opaque: the POI must not depend on their content. */
static pc_err pc__cpm_ber(const uint8_t *p, size_t len)
{
	pc_ber it;
	pc_tlv t;
	pc_err err;

	pc_ber_init(&it, p, len);
	while ((err = pc_ber_next(&it, &t)) == PC_OK) {
		if (t.tag != PC__CPM_TAG_APP && t.tag != PC__CPM_TAG_COMMON)
			continue;
		err = pc__cpm_walk(t.value, t.len);
		if (err != PC_OK)
			return err;
	}
	return err == PC_ERR_NOT_FOUND ? PC_OK : err;
}

/* Steps 3-4: the first object is 85 and holds "CPV01". */
static pc_err pc__cpm_prefix(const uint8_t *p, size_t len)
{
	pc_ber it;
	pc_tlv t;

	pc_ber_init(&it, p, len);
	if (pc_ber_next(&it, &t) != PC_OK || t.tag != PC__CPM_TAG_PFI)
		return PC_ERR_CPM_PREFIX;
	if (t.len != sizeof pc__cpm_pfi ||
	    memcmp(t.value, pc__cpm_pfi, sizeof pc__cpm_pfi) != 0)
		return PC_ERR_CPM_PREFIX;
	return PC_OK;
}

/* Content rules of one 61 or 62 [CPM Table 6.1]: no top-level object
 * nested in it; 63 belongs in 61 and 64 in 62, once each. */
static pc_err pc__cpm_nested(const uint8_t *p, size_t len, uint32_t parent)
{
	pc_ber it;
	pc_tlv t;
	unsigned n63 = 0, n64 = 0;

	pc_ber_init(&it, p, len);
	while (pc_ber_next(&it, &t) == PC_OK) {
		if (t.tag == PC__CPM_TAG_PFI || t.tag == PC__CPM_TAG_APP ||
		    t.tag == PC__CPM_TAG_COMMON)
			return PC_ERR_CPM_STRUCTURE;
		if (t.tag == PC__CPM_TAG_APP_T &&
		    (parent != PC__CPM_TAG_APP || n63++ != 0))
			return PC_ERR_CPM_STRUCTURE;
		if (t.tag == PC__CPM_TAG_COMMON_T &&
		    (parent != PC__CPM_TAG_COMMON || n64++ != 0))
			return PC_ERR_CPM_STRUCTURE;
	}
	return PC_OK;
}

/* Steps 5-6: record where the 61s and the 62 are, and check their number
 * [CPM Table 3.1]. */
static pc_err pc__cpm_index(pc_cpm *c, size_t len)
{
	pc_ber it;
	pc_tlv t;
	unsigned n85 = 0, n61 = 0, n62 = 0;

	pc_ber_init(&it, c->bytes, len);
	while (pc_ber_next(&it, &t) == PC_OK) {
		uint16_t off = (uint16_t)(t.value - c->bytes);

		if (t.tag == PC__CPM_TAG_PFI) {
			n85++;
		} else if (t.tag == PC__CPM_TAG_APP && n61++ < PC_CPM_MAX_APPS) {
			c->app_off[n61 - 1] = off;
			c->app_len[n61 - 1] = (uint16_t)t.len;
		} else if (t.tag == PC__CPM_TAG_COMMON && n62++ == 0) {
			c->common_off = off;
			c->common_len = (uint16_t)t.len;
		}
	}
	if (n61 == 0)
		return PC_ERR_CPM_NO_APP;
	if (n61 > PC_CPM_MAX_APPS || n62 > 1 || n85 > 1)
		return PC_ERR_CPM_STRUCTURE;
	c->napps = (uint8_t)n61;
	c->has_common = (uint8_t)n62;
	return PC_OK;
}

/* Step 6, continued: the content of each 61 and of the 62. */
static pc_err pc__cpm_templates(const pc_cpm *c)
{
	pc_err err = PC_OK;
	size_t i;

	for (i = 0; i < c->napps && err == PC_OK; i++)
		err = pc__cpm_nested(c->bytes + c->app_off[i], c->app_len[i],
				     PC__CPM_TAG_APP);
	if (err == PC_OK && c->has_common)
		err = pc__cpm_nested(c->bytes + c->common_off, c->common_len,
				     PC__CPM_TAG_COMMON);
	return err;
}

pc_err pc_cpm_decode(pc_cpm *c, const char *text, size_t len)
{
	size_t n = 0;
	pc_err err;

	if (c == NULL)
		return PC_ERR_INVALID_ARG;
	pc_wipe(c, sizeof *c);
	if (text == NULL && len != 0)
		return PC_ERR_INVALID_ARG;
	if (len > PC_CPM_MAX_TEXT)
		return PC_ERR_TOO_LONG;
	err = pc_base64_decode(text, len, c->bytes, sizeof c->bytes, &n);
	if (err == PC_ERR_BUFFER_TOO_SMALL)
		err = PC_ERR_TOO_LONG;
	if (err == PC_OK)
		err = pc__cpm_ber(c->bytes, n);
	if (err == PC_OK)
		err = pc__cpm_prefix(c->bytes, n);
	if (err == PC_OK)
		err = pc__cpm_index(c, n);
	if (err == PC_OK)
		err = pc__cpm_templates(c);
	if (err != PC_OK)
		goto out_wipe;
	c->len = (uint16_t)n;
	return PC_OK;
out_wipe:
	pc_wipe(c, sizeof *c);
	return err;
}

/* ---- accessors --------------------------------------------------------- */

pc_cbuf pc_cpm_bytes(const pc_cpm *c)
{
	pc_cbuf b = { NULL, 0 };

	if (c != NULL && c->len != 0) {
		b.ptr = c->bytes;
		b.len = c->len;
	}
	return b;
}

size_t pc_cpm_app_count(const pc_cpm *c)
{
	return c == NULL ? 0 : c->napps;
}

static bool pc__cpm_app_ok(const pc_cpm *c, size_t app)
{
	return c != NULL && app < c->napps && app < PC_CPM_MAX_APPS;
}

/* Occurrences of `tag` directly in a template's content; *first gets the
 * first one. The content was validated by the decoder. */
static size_t pc__cpm_count(const uint8_t *p, size_t len, uint32_t tag,
			    pc_cbuf *first)
{
	pc_ber it;
	pc_tlv t;
	size_t k = 0;

	pc_ber_init(&it, p, len);
	while (pc_ber_next(&it, &t) == PC_OK) {
		if (t.tag != tag)
			continue;
		if (k++ == 0) {
			first->ptr = t.value;
			first->len = t.len;
		}
	}
	return k;
}

/* Occurrences of `tag` in the chosen 61 (*in_app) and in the 62. */
static size_t pc__cpm_poi_count(const pc_cpm *c, size_t app, uint32_t tag,
				size_t *in_app, pc_cbuf *first)
{
	pc_cbuf unused;
	size_t k = pc__cpm_count(c->bytes + c->app_off[app], c->app_len[app],
				 tag, first);

	*in_app = k;
	if (c->has_common)
		k += pc__cpm_count(c->bytes + c->common_off, c->common_len, tag,
				   k == 0 ? first : &unused);
	return k;
}

pc_err pc_cpm_find(const pc_cpm *c, size_t app, uint32_t tag, pc_cbuf *value)
{
	pc_cbuf v = { NULL, 0 };
	size_t in_app, k;

	if (!pc__cpm_app_ok(c, app) || value == NULL)
		return PC_ERR_INVALID_ARG;
	/* The transparent templates are not POI data [CPM §5-7]. */
	if (tag == PC__CPM_TAG_APP_T || tag == PC__CPM_TAG_COMMON_T)
		return PC_ERR_NOT_FOUND;
	k = pc__cpm_poi_count(c, app, tag, &in_app, &v);
	if (k == 0)
		return PC_ERR_NOT_FOUND;
	if (k > 1)
		return PC_ERR_CPM_DUPLICATE;
	*value = v;
	return PC_OK;
}

pc_err pc_cpm_aid(const pc_cpm *c, size_t app, pc_cbuf *aid)
{
	pc_cbuf v = { NULL, 0 };
	size_t in_app, k;

	if (!pc__cpm_app_ok(c, app) || aid == NULL)
		return PC_ERR_INVALID_ARG;
	/* The ADF Name belongs to its 61 [CPM Table 6.1]. */
	k = pc__cpm_poi_count(c, app, PC__CPM_TAG_AID, &in_app, &v);
	if (in_app == 0)
		return PC_ERR_NOT_FOUND;
	if (k > 1)
		return PC_ERR_CPM_DUPLICATE;
	*aid = v;
	return PC_OK;
}

pc_err pc_cpm_label(const pc_cpm *c, size_t app, pc_cbuf *label)
{
	return pc_cpm_find(c, app, PC__CPM_TAG_LABEL, label);
}

/* Each tag of one template's content must occur once in the POI data. */
static pc_err pc__cpm_unique(const pc_cpm *c, size_t app, const uint8_t *p,
			     size_t len)
{
	pc_ber it;
	pc_tlv t;
	pc_cbuf unused;
	size_t in_app;

	pc_ber_init(&it, p, len);
	while (pc_ber_next(&it, &t) == PC_OK) {
		if (t.tag == PC__CPM_TAG_APP_T || t.tag == PC__CPM_TAG_COMMON_T)
			continue;
		if (pc__cpm_poi_count(c, app, t.tag, &in_app, &unused) > 1)
			return PC_ERR_CPM_DUPLICATE;
	}
	return PC_OK;
}

pc_err pc_cpm_poi_check(const pc_cpm *c, size_t app)
{
	pc_err err;

	if (!pc__cpm_app_ok(c, app))
		return PC_ERR_INVALID_ARG;
	/* Each tag is counted across the whole set, so a tag occurring twice,
	 * in one template or across both, is met while walking either. */
	err = pc__cpm_unique(c, app, c->bytes + c->app_off[app], c->app_len[app]);
	if (err == PC_OK && c->has_common)
		err = pc__cpm_unique(c, app, c->bytes + c->common_off,
				     c->common_len);
	return err;
}

pc_err pc_cpm_transparent(const pc_cpm *c, size_t app, pc_cbuf *t63,
			  pc_cbuf *t64)
{
	pc_tlv t;

	if (!pc__cpm_app_ok(c, app))
		return PC_ERR_INVALID_ARG;
	if (t63 != NULL) {
		t63->ptr = NULL;
		t63->len = 0;
		if (pc_ber_find(c->bytes + c->app_off[app], c->app_len[app],
				PC__CPM_TAG_APP_T, &t) == PC_OK) {
			t63->ptr = t.value;
			t63->len = t.len;
		}
	}
	if (t64 != NULL) {
		t64->ptr = NULL;
		t64->len = 0;
		if (c->has_common &&
		    pc_ber_find(c->bytes + c->common_off, c->common_len,
				PC__CPM_TAG_COMMON_T, &t) == PC_OK) {
			t64->ptr = t.value;
			t64->len = t.len;
		}
	}
	return PC_OK;
}

/* ---- application selection [CPM §5-7] ---------------------------------- */

static bool pc__cpm_aid_len_ok(size_t n)
{
	return n >= PC_CPM_AID_MIN && n <= PC_CPM_AID_MAX;
}

bool pc_cpm_eligible(const pc_cpm *c, size_t app, const uint8_t *aid,
		     size_t aid_len)
{
	pc_cbuf adf;

	if (aid == NULL || !pc__cpm_aid_len_ok(aid_len) ||
	    pc_cpm_aid(c, app, &adf) != PC_OK || !pc__cpm_aid_len_ok(adf.len))
		return false;
	/* Exact match, or the terminal's AID is a prefix of the ADF Name
	 * (partial selection). */
	return aid_len <= adf.len && memcmp(adf.ptr, aid, aid_len) == 0;
}

pc_err pc_cpm_select(const pc_cpm *c, const uint8_t *aid, size_t aid_len,
		     size_t *index)
{
	size_t i;

	if (c == NULL || aid == NULL || index == NULL ||
	    !pc__cpm_aid_len_ok(aid_len))
		return PC_ERR_INVALID_ARG;
	for (i = 0; i < c->napps; i++) {
		if (pc_cpm_eligible(c, i, aid, aid_len)) {
			*index = i;
			return PC_OK;
		}
	}
	return PC_ERR_NOT_FOUND;
}
