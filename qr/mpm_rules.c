/*
 * EMV QRCPS MPM layer 3 (EMVCo data-object rules) and layer 4 (scheme
 * profile). Section and table numbers refer to EMV QRCPS MPM v1.0.
 *
 * Each object is checked against one row of a per-container table: its
 * character class, its length range and whether it is a template that needs
 * a GUID. Deviations that real issuers ship are routed through
 * pc__mpm_deviate(), so the profile decides between error and warning.
 */
#include <string.h>

#include <paycode/emvqr.h>

#include "internal.h"

enum pc__kind { K_N, K_ANS, K_S, K_AMOUNT, K_PERCENT, K_TEMPLATE };

#define F_TEXT 0x01u /* over-long values are a tolerable deviation */
#define F_GUID 0x02u /* template whose 00 (GUID, ans <= 32) is mandatory */

struct pc__row {
	uint8_t lo, hi;   /* ID range */
	uint8_t kind;
	uint8_t min, max; /* characters */
	uint8_t flags;
};

/* Root objects, Table 3.6 (with §4.7.10 for 02-25 and §4.10 for 80-99). */
static const struct pc__row pc__root[] = {
	{ 0, 0, K_N, 2, 2, 0 },      { 1, 1, K_N, 2, 2, 0 },
	{ 2, 25, K_ANS, 1, 99, 0 },  { 26, 51, K_TEMPLATE, 1, 99, F_GUID },
	{ 52, 52, K_N, 4, 4, 0 },    { 53, 53, K_N, 3, 3, 0 },
	{ 54, 54, K_AMOUNT, 1, 13, 0 }, { 55, 55, K_N, 2, 2, 0 },
	{ 56, 56, K_AMOUNT, 1, 13, 0 }, { 57, 57, K_PERCENT, 1, 5, 0 },
	{ 58, 58, K_ANS, 2, 2, 0 },  { 59, 59, K_ANS, 1, 25, F_TEXT },
	{ 60, 60, K_ANS, 1, 15, F_TEXT }, { 61, 61, K_ANS, 1, 10, F_TEXT },
	{ 62, 62, K_TEMPLATE, 1, 99, 0 }, { 63, 63, K_ANS, 4, 4, 0 },
	{ 64, 64, K_TEMPLATE, 1, 99, 0 }, { 65, 79, K_S, 1, 99, 0 },
	{ 80, 99, K_TEMPLATE, 1, 99, F_GUID },
};

/* Additional Data Field Template 62, Table 3.7 and the v1.1 additions
 * 10 (merchant tax ID) and 11 (merchant channel). */
static const struct pc__row pc__adf[] = {
	{ 0, 0, K_S, 1, 99, 0 },     { 1, 8, K_ANS, 1, 25, F_TEXT },
	{ 9, 9, K_ANS, 1, 3, 0 },    { 10, 10, K_ANS, 1, 20, F_TEXT },
	{ 11, 11, K_ANS, 3, 3, 0 },  { 12, 49, K_S, 1, 99, 0 },
	{ 50, 99, K_TEMPLATE, 1, 99, F_GUID },
};

/* Merchant Information - Language Template 64, Table 3.8. */
static const struct pc__row pc__lang[] = {
	{ 0, 0, K_ANS, 2, 2, 0 },    { 1, 1, K_S, 1, 25, F_TEXT },
	{ 2, 2, K_S, 1, 15, F_TEXT }, { 3, 99, K_S, 1, 99, 0 },
};

/* Templates identified by a GUID: 26-51 [§4.7.11], 80-99 [§4.10],
 * 62.50-99 [§4.8.1.5]. */
static const struct pc__row pc__guided[] = {
	{ 0, 0, K_ANS, 1, 32, 0 },   { 1, 99, K_S, 1, 99, 0 },
};

struct pc__ctx {
	pc_mpm *m;
	const pc_mpm_profile *pr;
};

static const struct pc__row *pc__row_for(const pc_mpm *m, size_t i)
{
	const struct pc__row *t = pc__root;
	size_t n = PC_ARRAY_LEN(pc__root), k;
	unsigned id = m->obj[i].id, pid;

	if (m->obj[i].parent != PC_MPM_NONE) {
		pid = m->obj[m->obj[i].parent].id;
		if (m->obj[i].depth == 1 && pid == 62) {
			t = pc__adf; n = PC_ARRAY_LEN(pc__adf);
		} else if (m->obj[i].depth == 1 && pid == 64) {
			t = pc__lang; n = PC_ARRAY_LEN(pc__lang);
		} else {
			t = pc__guided; n = PC_ARRAY_LEN(pc__guided);
		}
	}
	for (k = 0; k < n; k++)
		if (id >= t[k].lo && id <= t[k].hi)
			return &t[k];
	return NULL;
}

static bool pc__all(pc_cbuf v, uint8_t lo, uint8_t hi)
{
	size_t i;

	for (i = 0; i < v.len; i++)
		if (v.ptr[i] < lo || v.ptr[i] > hi)
			return false;
	return true;
}

/* No C0 control character or DEL: not in ans, and not a "precomposed
 * character" of format S either (Table 1.3). */
static bool pc__no_controls(pc_cbuf v)
{
	size_t i;

	for (i = 0; i < v.len; i++)
		if (v.ptr[i] < 0x20 || v.ptr[i] == 0x7F)
			return false;
	return true;
}

/* Amounts [§4.7.5]: digits with at most one '.', e.g. "98.73", "98", "98.";
 * the first character is a digit. */
static bool pc__amount_ok(pc_cbuf v, bool *zero)
{
	size_t i, dots = 0, digits = 0;

	*zero = true;
	for (i = 0; i < v.len; i++) {
		if (v.ptr[i] == '.') {
			dots++;
		} else if (v.ptr[i] >= '0' && v.ptr[i] <= '9') {
			digits++;
			*zero = *zero && v.ptr[i] == '0';
		} else {
			return false;
		}
	}
	return dots <= 1 && digits >= 1 && v.ptr[0] != '.';
}

/* v equals the NUL-terminated s. Loops instead of strlen()/memcmp() keep
 * newlib's string functions out of firmware images that need nothing else
 * of them (ports/cortex-m footprint). */
static bool pc__eq(pc_cbuf v, const char *s)
{
	size_t i;

	for (i = 0; i < v.len; i++)
		if (s[i] == '\0' || v.ptr[i] != (uint8_t)s[i])
			return false;
	return s[v.len] == '\0';
}

static size_t pc__len_until(const char *s, char stop)
{
	size_t n = 0;

	while (s[n] != '\0' && s[n] != stop)
		n++;
	return n;
}

/* Convenience fee percentage [§4.7.8]: 00.01 to 99.99, no '%'. Parsed as
 * hundredths so "5", "5.5" and "05.50" all work. */
static bool pc__percent_ok(pc_cbuf v)
{
	unsigned whole = 0, frac = 0, nfrac = 0, nwhole = 0;
	bool zero;
	size_t i;

	if (!pc__amount_ok(v, &zero) || zero)
		return false;
	for (i = 0; i < v.len && v.ptr[i] != '.'; i++, nwhole++)
		whole = whole * 10 + (unsigned)(v.ptr[i] - '0');
	for (i++; i < v.len; i++, nfrac++)
		frac = frac * 10 + (unsigned)(v.ptr[i] - '0');
	return nwhole <= 2 && nfrac <= 2 && whole <= 99;
}

static pc_err pc__dev(struct pc__ctx *c, uint32_t allow, pc_err code,
		      size_t i, const char *rule)
{
	return pc__mpm_deviate(c->m, c->pr, allow, code, i, rule);
}

static pc_err pc__fail(struct pc__ctx *c, pc_err code, size_t i, const char *rule)
{
	return pc__mpm_fail(c->m, code, i, rule);
}

static pc_err pc__check_length(struct pc__ctx *c, size_t i, const struct pc__row *r)
{
	unsigned n = c->m->obj[i].nchars;

	if (n >= r->min && n <= r->max)
		return PC_OK;
	if (n > r->max && (r->flags & F_TEXT))
		return pc__dev(c, PC_MPM_ALLOW_LONG_TEXT, PC_ERR_MPM_LENGTH, i,
			       PC_RULE("value longer than the maximum of Table 3.6/3.7/3.8"));
	return pc__fail(c, PC_ERR_MPM_LENGTH, i,
			PC_RULE("value length outside the range of Table 3.6/3.7/3.8"));
}

static pc_err pc__check_format(struct pc__ctx *c, size_t i, const struct pc__row *r)
{
	pc_cbuf v = pc_mpm_value(c->m, i);
	bool zero;

	switch (r->kind) {
	case K_N:
		if (!pc__all(v, '0', '9'))
			return pc__fail(c, PC_ERR_MPM_FORMAT, i,
					PC_RULE("format N: digits 0-9 only (Table 1.3)"));
		return PC_OK;
	case K_ANS:
		if (!pc__all(v, 0x20, 0x7E))
			return pc__dev(c, PC_MPM_ALLOW_NON_ANS, PC_ERR_MPM_FORMAT, i,
				       PC_RULE("format ans: printable ASCII 0x20-0x7E only (Table 1.3)"));
		return PC_OK;
	case K_AMOUNT:
		if (!pc__amount_ok(v, &zero))
			return pc__fail(c, PC_ERR_MPM_FORMAT, i,
					PC_RULE("amount: digits with at most one '.' (§4.7.5)"));
		if (zero)
			return pc__dev(c, PC_MPM_ALLOW_AMOUNT_ZERO, PC_ERR_MPM_VALUE, i,
				       PC_RULE("amount must not be zero (§4.7.5)"));
		return PC_OK;
	case K_PERCENT:
		if (!pc__percent_ok(v))
			return pc__fail(c, PC_ERR_MPM_FORMAT, i,
					PC_RULE("percentage: 00.01 to 99.99 without '%' (§4.7.8)"));
		return PC_OK;
	default:
		return PC_OK;
	}
}

/* Rules on specific values at the root. */
static pc_err pc__check_root_value(struct pc__ctx *c, size_t i)
{
	pc_cbuf v = pc_mpm_value(c->m, i);

	switch (c->m->obj[i].id) {
	case 0:
		if (pc__eq(v, "01"))
			return PC_OK;
		if (pc__eq(v, "02") || pc__eq(v, "00"))
			return pc__dev(c, PC_MPM_ALLOW_PFI_ANY, PC_ERR_MPM_VALUE, i,
				       PC_RULE("payload format indicator is \"01\" (§4.7.1)"));
		return pc__fail(c, PC_ERR_MPM_VALUE, i,
				PC_RULE("payload format indicator is \"01\" (§4.7.1)"));
	case 1:
		if (pc__eq(v, "11") || pc__eq(v, "12"))
			return PC_OK;
		if (pc__eq(v, "21") || pc__eq(v, "22") || pc__eq(v, "31") ||
		    pc__eq(v, "32"))
			return pc__dev(c, PC_MPM_ALLOW_POI_EXTENDED, PC_ERR_MPM_VALUE, i,
				       PC_RULE("point of initiation is 11 (static) or 12 (dynamic) (§4.7.2)"));
		return pc__fail(c, PC_ERR_MPM_VALUE, i,
				PC_RULE("point of initiation is 11 (static) or 12 (dynamic) (§4.7.2)"));
	case 55:
		if (pc__eq(v, "01") || pc__eq(v, "02") || pc__eq(v, "03"))
			return PC_OK;
		return pc__fail(c, PC_ERR_MPM_VALUE, i,
				PC_RULE("tip or convenience indicator is 01, 02 or 03 (§4.7.6)"));
	default:
		return PC_OK;
	}
}

/* 62.09: any of A, M, E, each at most once; 62.11: media 0-7, location
 * 0-3, presence 0-3 (MPM v1.1 merchant channel). */
static pc_err pc__check_adf_value(struct pc__ctx *c, size_t i)
{
	pc_cbuf v = pc_mpm_value(c->m, i);
	unsigned seen = 0, bit;
	size_t k;

	switch (c->m->obj[i].id) {
	case 0:
		return pc__dev(c, PC_MPM_ALLOW_62_SUBID_00, PC_ERR_MPM_VALUE, i,
			       PC_RULE("sub-ID 00 is not defined in template 62 (Table 3.7)"));
	case 9:
		for (k = 0; k < v.len; k++) {
			bit = v.ptr[k] == 'A' ? 1u : v.ptr[k] == 'M' ? 2u :
			      v.ptr[k] == 'E' ? 4u : 8u;
			if (bit == 8u || (seen & bit))
				return pc__fail(c, PC_ERR_MPM_VALUE, i,
						PC_RULE("consumer data request: A, M, E, each at most once (§4.8.1.3)"));
			seen |= bit;
		}
		return PC_OK;
	case 11:
		if (v.ptr[0] < '0' || v.ptr[0] > '7' || v.ptr[1] < '0' ||
		    v.ptr[1] > '3' || v.ptr[2] < '0' || v.ptr[2] > '3')
			return pc__fail(c, PC_ERR_MPM_VALUE, i,
					PC_RULE("merchant channel: media 0-7, location 0-3, presence 0-3 (v1.1)"));
		return PC_OK;
	default:
		return PC_OK;
	}
}

static pc_err pc__check_template(struct pc__ctx *c, size_t i, const struct pc__row *r)
{
	pc_mpm *m = c->m;
	unsigned id = m->obj[i].id;

	if (m->obj[i].is_template == 2)
		return pc__dev(c, PC_MPM_ALLOW_OPAQUE_TEMPLATE, PC_ERR_MPM_TEMPLATE, i,
			       PC_RULE("a template's value is ID/LEN/VALUE data (§4.3)"));
	if ((r->flags & F_GUID) && pc_mpm_find(m, i, 0) == PC_MPM_NONE)
		return pc__dev(c, m->obj[i].depth == 1 ? PC_MPM_ALLOW_NO_GUID : 0,
			       PC_ERR_MPM_GUID, i,
			       PC_RULE("this template must contain 00, its globally unique identifier (§4.7.11, §4.8.1.5, §4.10)"));
	if (m->obj[i].depth == 0 && id == 64 &&
	    (pc_mpm_find(m, i, 0) == PC_MPM_NONE || pc_mpm_find(m, i, 1) == PC_MPM_NONE))
		return pc__fail(c, PC_ERR_MPM_MISSING, i,
				PC_RULE("template 64 needs 00 (language) and 01 (merchant name) (§4.9)"));
	return PC_OK;
}

static pc_err pc__check_object(struct pc__ctx *c, size_t i)
{
	const pc_mpm_obj *o = &c->m->obj[i];
	const struct pc__row *r = pc__row_for(c->m, i);
	pc_err err;

	if (PC_NEVER(r == NULL))
		return pc__fail(c, PC_ERR_INTERNAL, i, PC_RULE("no rule row"));
	if (o->nlen == 0)
		return pc__dev(c, (r->kind == K_TEMPLATE || (r->flags & F_TEXT)) ?
			       PC_MPM_ALLOW_EMPTY_VALUE : 0, PC_ERR_MPM_LEN_ZERO, i,
			       PC_RULE("LEN is 01-99: a value has at least one character (§4.4.1)"));
	if (o->is_template != 1 && !pc__no_controls(pc_mpm_value(c->m, i)))
		return pc__fail(c, PC_ERR_MPM_FORMAT, i,
				PC_RULE("control characters are not allowed in any format (Table 1.3)"));
	err = pc__check_length(c, i, r);
	if (err == PC_OK)
		err = pc__check_format(c, i, r);
	if (err == PC_OK && o->depth == 0)
		err = pc__check_root_value(c, i);
	if (err == PC_OK && o->depth == 1 && c->m->obj[o->parent].id == 62)
		err = pc__check_adf_value(c, i);
	if (err == PC_OK && r->kind == K_TEMPLATE)
		err = pc__check_template(c, i, r);
	return err;
}

static bool pc__has(const pc_mpm *m, unsigned id)
{
	return pc_mpm_find(m, PC_MPM_NONE, id) != PC_MPM_NONE;
}

static bool pc__has_mai(const pc_mpm *m)
{
	size_t i;

	for (i = 0; i < m->nobj; i++)
		if (m->obj[i].depth == 0 && m->obj[i].id >= 2 && m->obj[i].id <= 51)
			return true;
	return false;
}

/* Presence rules [§4.7, Table 3.6]. */
static pc_err pc__check_presence(struct pc__ctx *c)
{
	static const uint8_t soft[] = { 52, 59, 60 };
	pc_err err = PC_OK;
	size_t k;

	if (!pc__has_mai(c->m))
		err = pc__dev(c, PC_MPM_ALLOW_MISSING_MISC, PC_ERR_MPM_MISSING, PC_MPM_NONE,
			      PC_RULE("at least one merchant account information object (02-51) is mandatory (§4.7.10)"));
	if (err == PC_OK && !pc__has(c->m, 53))
		err = pc__dev(c, PC_MPM_ALLOW_MISSING_MISC, PC_ERR_MPM_MISSING, PC_MPM_NONE,
			      PC_RULE("transaction currency (53) is mandatory (§4.7.4)"));
	if (err == PC_OK && !pc__has(c->m, 58))
		err = pc__dev(c, PC_MPM_ALLOW_MISSING_MISC, PC_ERR_MPM_MISSING, PC_MPM_NONE,
			      PC_RULE("country code (58) is mandatory (§4.7.9)"));
	for (k = 0; err == PC_OK && k < PC_ARRAY_LEN(soft); k++)
		if (!pc__has(c->m, soft[k]))
			err = pc__dev(c, PC_MPM_ALLOW_NO_MCC_NAME_CITY, PC_ERR_MPM_MISSING,
				      PC_MPM_NONE,
				      PC_RULE("merchant category code (52), name (59) and city (60) are mandatory (Table 3.6)"));
	return err;
}

/* 56 present if and only if 55 = 02; 57 if and only if 55 = 03 [§4.7.6-8]. */
static pc_err pc__check_conditions(struct pc__ctx *c)
{
	size_t ind = pc_mpm_find(c->m, PC_MPM_NONE, 55);
	pc_cbuf v = pc_mpm_value(c->m, ind);
	bool fixed = ind != PC_MPM_NONE && pc__eq(v, "02");
	bool pct = ind != PC_MPM_NONE && pc__eq(v, "03");

	if (fixed != pc__has(c->m, 56))
		return pc__fail(c, PC_ERR_MPM_CONDITION, ind,
				PC_RULE("convenience fee fixed (56) is present if and only if 55 is 02 (§4.7.7)"));
	if (pct != pc__has(c->m, 57))
		return pc__fail(c, PC_ERR_MPM_CONDITION, ind,
				PC_RULE("convenience fee percentage (57) is present if and only if 55 is 03 (§4.7.8)"));
	return PC_OK;
}

pc_err pc__mpm_rules(pc_mpm *m, const pc_mpm_profile *pr)
{
	struct pc__ctx c = { m, pr };
	pc_err err = PC_OK;
	size_t i;

	for (i = 0; i < m->nobj && err == PC_OK; i++)
		err = pc__check_object(&c, i);
	if (err == PC_OK)
		err = pc__check_presence(&c);
	if (err == PC_OK)
		err = pc__check_conditions(&c);
	return err;
}

/* Case-insensitive ASCII match; a pattern ending in '*' matches a prefix
 * (Pix GUIDs occur as "BR.GOV.BCB.PIX" too). */
static bool pc__ieq(pc_cbuf v, const char *s)
{
	size_t n = pc__len_until(s, '\0'), k;
	bool prefix = n > 0 && s[n - 1] == '*';

	n -= prefix ? 1 : 0;
	if (prefix ? v.len < n : v.len != n)
		return false;
	for (k = 0; k < n; k++) {
		uint8_t a = v.ptr[k], b = (uint8_t)s[k];

		if (a >= 'a' && a <= 'z')
			a = (uint8_t)(a - 32);
		if (b >= 'a' && b <= 'z')
			b = (uint8_t)(b - 32);
		if (a != b)
			return false;
	}
	return true;
}

/* pr->guid lists alternatives separated by '|'; any one may match. */
static bool pc__guid_match(pc_cbuf v, const char *pattern)
{
	char alt[40];
	const char *p = pattern;

	while (*p != '\0') {
		size_t n = pc__len_until(p, '|');

		if (n < sizeof alt) {
			memcpy(alt, p, n);
			alt[n] = '\0';
			if (pc__ieq(v, alt))
				return true;
		}
		p += n + (p[n] == '|' ? 1 : 0);
	}
	return false;
}

static bool pc__has_guid(const pc_mpm *m, const pc_mpm_profile *pr)
{
	size_t i, g;

	for (i = 0; i < m->nobj; i++) {
		if (m->obj[i].depth != 0 || m->obj[i].id < pr->guid_id_lo ||
		    m->obj[i].id > pr->guid_id_hi)
			continue;
		g = pc_mpm_find(m, i, 0);
		if (g != PC_MPM_NONE && pc__guid_match(pc_mpm_value(m, g), pr->guid))
			return true;
	}
	return false;
}

pc_err pc__mpm_profile_rules(pc_mpm *m, const pc_mpm_profile *pr)
{
	size_t cur = pc_mpm_find(m, PC_MPM_NONE, 53);
	size_t cty = pc_mpm_find(m, PC_MPM_NONE, 58);

	if (pr->guid != NULL && !pc__has_guid(m, pr))
		return pc__mpm_fail(m, PC_ERR_MPM_PROFILE, PC_MPM_NONE,
				    PC_RULE("the profile's merchant account GUID is absent"));
	if (pr->need_id != PC_MPM_NONE && !pc__has(m, pr->need_id))
		return pc__mpm_fail(m, PC_ERR_MPM_PROFILE, PC_MPM_NONE,
				    PC_RULE("the profile's merchant account object is absent"));
	if (pr->currency != NULL && cur != PC_MPM_NONE &&
	    !pc__eq(pc_mpm_value(m, cur), pr->currency))
		return pc__mpm_fail(m, PC_ERR_MPM_PROFILE, cur,
				    PC_RULE("transaction currency differs from the profile's"));
	if (pr->country != NULL && cty != PC_MPM_NONE &&
	    !pc__eq(pc_mpm_value(m, cty), pr->country))
		return pc__mpm_fail(m, PC_ERR_MPM_PROFILE, cty,
				    PC_RULE("country code differs from the profile's"));
	return PC_OK;
}
