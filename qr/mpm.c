/*
 * EMV QRCPS MPM: layer 1 (ID/LEN/VALUE syntax), layer 2 (CRC), the decode
 * pipeline, accessors and re-serialisation. Layers 3-4 are in mpm_rules.c.
 *
 * Section numbers refer to EMV QRCPS Merchant-Presented Mode v1.0 (2017).
 */
#include <string.h>

#include <paycode/emvqr.h>

#include "internal.h"

size_t pc_mpm_max_payload(void)
{
	return PC_MPM_MAX_PAYLOAD;
}

/* ---- issues ------------------------------------------------------------ */

void pc__mpm_issue(const pc_mpm *m, size_t obj, pc_err code, const char *rule,
		   pc_mpm_issue *out)
{
	uint8_t chain[PC_MPM_MAX_DEPTH];
	size_t n = 0, i = obj;

	memset(out->path, PC_MPM_NONE, sizeof out->path);
	out->code = code;
	out->rule = rule;
	out->offset = 0;
	if (obj == PC_MPM_NONE || obj >= m->nobj)
		return;
	out->offset = (uint16_t)(m->obj[obj].off >= 4 ? m->obj[obj].off - 4 : 0);
	while (i != PC_MPM_NONE && n < PC_MPM_MAX_DEPTH) {
		chain[n++] = m->obj[i].id;
		i = m->obj[i].parent;
	}
	for (i = 0; i < n; i++)
		out->path[i] = chain[n - 1 - i];
}

pc_err pc__mpm_fail(pc_mpm *m, pc_err code, size_t obj, const char *rule)
{
	pc__mpm_issue(m, obj, code, rule, &m->error);
	return code;
}

pc_err pc__mpm_deviate(pc_mpm *m, const pc_mpm_profile *pr, uint32_t allow,
		       pc_err code, size_t obj, const char *rule)
{
	if ((pr->allow & allow) == 0)
		return pc__mpm_fail(m, code, obj, rule);
	if (m->nwarn < PC_MPM_MAX_WARNINGS)
		pc__mpm_issue(m, obj, code, rule, &m->warn[m->nwarn++]);
	if (m->nwarn_total < UINT16_MAX)
		m->nwarn_total++;
	return PC_OK;
}

/* ---- layer 1: syntax --------------------------------------------------- */

struct pc__walk {
	pc_mpm *m;
	pc_mpm_len_unit unit;
	uint16_t at;     /* byte offset of the object being read, for errors */
	uint8_t path[PC_MPM_MAX_DEPTH];
};

static bool pc__digits2(const uint8_t *p, unsigned *v)
{
	if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
		return false;
	*v = (unsigned)(p[0] - '0') * 10u + (unsigned)(p[1] - '0');
	return true;
}

/* Root 26-51, 62, 64 and 80-99 are templates [§4.7.11, §4.8, §4.9, §4.10];
 * inside 62, IDs 50-99 are payment-system templates [§4.8.1.5]. Root
 * 02-25 are primitive even though they carry account data [§4.7.10]. */
static bool pc__is_template(unsigned depth, unsigned parent_id, unsigned id)
{
	if (depth == 0)
		return (id >= 26 && id <= 51) || id == 62 || id == 64 || id >= 80;
	return depth == 1 && parent_id == 62 && id >= 50;
}

/* Byte length of `n` length units starting at p, within avail bytes. The
 * whole payload is already known to be well-formed UTF-8. */
static pc_err pc__span(const uint8_t *p, size_t avail, unsigned n,
		       pc_mpm_len_unit unit, size_t *nbytes, unsigned *nchars)
{
	size_t pos = 0;
	unsigned c = 0;
	uint32_t cp;

	if (unit == PC_MPM_LEN_BYTES) {
		if (n > avail)
			return PC_ERR_MPM_OVERRUN;
		if (n < avail && (p[n] & 0xC0) == 0x80)
			return PC_ERR_UTF8; /* the value would split a character */
		for (pos = 0; pos < n; pos += pc__utf8_next(p + pos, n - pos, &cp))
			c++;
		*nbytes = n;
		*nchars = c;
		return PC_OK;
	}
	for (c = 0; c < n; c++) {
		size_t k = pc__utf8_next(p + pos, avail - pos, &cp);

		if (k == 0)
			return PC_ERR_MPM_OVERRUN;
		pos += k;
	}
	*nbytes = pos;
	*nchars = n;
	return PC_OK;
}

static pc_err pc__walk_container(struct pc__walk *w, size_t start, size_t end,
				 size_t parent, unsigned depth);

static pc_err pc__walk_value(struct pc__walk *w, size_t idx, unsigned depth,
			     unsigned parent_id)
{
	pc_mpm_obj *o = &w->m->obj[idx];

	pc_err err;

	if (!pc__is_template(depth, parent_id, o->id) || o->nbytes == 0)
		return PC_OK;
	o->is_template = 1;
	err = pc__walk_container(w, o->off, (size_t)o->off + o->nbytes, idx,
				 depth + 1);
	if (err == PC_ERR_MPM_SYNTAX || err == PC_ERR_MPM_OVERRUN ||
	    err == PC_ERR_MPM_DUPLICATE || err == PC_ERR_UTF8) {
		/* Not ID/LEN/VALUE inside: keep the value opaque and let the
		 * rules layer decide (some schemes put primitives in 62.50-99). */
		w->m->nobj = (uint8_t)(idx + 1);
		o->is_template = 2;
		err = PC_OK;
	}
	return err;
}

/* Errors on the CRC object get their own codes: "6304" with nothing after
 * it is a missing CRC, not a generic overrun (pix-pendencias #8). */
static pc_err pc__span_error(unsigned depth, unsigned id, pc_err err,
			     size_t left)
{
	if (depth != 0 || id != 63 || err != PC_ERR_MPM_OVERRUN)
		return err;
	return left == 0 ? PC_ERR_MPM_CRC_MISSING : PC_ERR_MPM_CRC_FORMAT;
}

static pc_err pc__walk_one(struct pc__walk *w, size_t *pos, size_t end,
			   size_t parent, unsigned depth, uint32_t seen[4])
{
	pc_mpm *m = w->m;
	const uint8_t *t = m->text;
	unsigned id, n, nchars = 0;
	size_t nbytes = 0, idx;
	pc_err err;

	w->at = (uint16_t)*pos;
	memset(w->path + depth, PC_MPM_NONE, PC_MPM_MAX_DEPTH - depth);
	if (end - *pos < 4) {
		unsigned dummy;
		bool digits = end - *pos >= 2 && pc__digits2(t + *pos, &dummy);

		w->path[depth] = digits ? (uint8_t)dummy : PC_MPM_NONE;
		return digits ? PC_ERR_MPM_OVERRUN : PC_ERR_MPM_SYNTAX;
	}
	if (!pc__digits2(t + *pos, &id)) {
		w->path[depth] = PC_MPM_NONE;
		return PC_ERR_MPM_SYNTAX;
	}
	w->path[depth] = (uint8_t)id;
	if (!pc__digits2(t + *pos + 2, &n))
		return PC_ERR_MPM_SYNTAX;
	if (seen[id / 32] & (1u << (id % 32)))
		return PC_ERR_MPM_DUPLICATE;
	seen[id / 32] |= 1u << (id % 32);
	err = pc__span(t + *pos + 4, end - *pos - 4, n, w->unit, &nbytes, &nchars);
	if (err != PC_OK)
		return pc__span_error(depth, id, err, end - *pos - 4);
	if (m->nobj >= PC_MPM_MAX_OBJS)
		return PC_ERR_MPM_TOO_MANY;
	idx = m->nobj++;
	m->obj[idx] = (pc_mpm_obj){ .off = (uint16_t)(*pos + 4),
		.nbytes = (uint16_t)nbytes, .id = (uint8_t)id, .nlen = (uint8_t)n,
		.parent = (uint8_t)parent, .depth = (uint8_t)depth,
		.nchars = (uint8_t)nchars };
	*pos += 4 + nbytes;
	return pc__walk_value(w, idx, depth,
			      parent == PC_MPM_NONE ? PC_MPM_NONE : m->obj[parent].id);
}

static pc_err pc__walk_container(struct pc__walk *w, size_t start, size_t end,
				 size_t parent, unsigned depth)
{
	uint32_t seen[4] = { 0, 0, 0, 0 };
	size_t pos = start;
	pc_err err = PC_OK;

	if (PC_NEVER(depth >= PC_MPM_MAX_DEPTH))
		return PC_ERR_INTERNAL;
	while (pos < end && err == PC_OK)
		err = pc__walk_one(w, &pos, end, parent, depth, seen);
	return err;
}

static pc_err pc__check_utf8(const uint8_t *p, size_t len, size_t *bad)
{
	size_t pos = 0;
	uint32_t cp;

	while (pos < len) {
		size_t k = pc__utf8_next(p + pos, len - pos, &cp);

		if (k == 0) {
			*bad = pos;
			return PC_ERR_UTF8;
		}
		pos += k;
	}
	return PC_OK;
}

static const char *pc__syntax_rule(pc_err err)
{
	switch (err) {
	case PC_ERR_MPM_SYNTAX: return PC_RULE("ID and LEN are two decimal digits each (§4.3, §4.4)");
	case PC_ERR_MPM_OVERRUN: return PC_RULE("the value must fit inside its container (§4.4.1)");
	case PC_ERR_MPM_DUPLICATE: return PC_RULE("an ID occurs at most once per container (§4.3.1.2)");
	case PC_ERR_MPM_TOO_MANY: return PC_RULE("more objects than this build holds (PC_MPM_MAX_OBJS)");
	case PC_ERR_MPM_CRC_MISSING: return PC_RULE("6304 must be followed by four hex digits (§4.7.3)");
	case PC_ERR_MPM_CRC_FORMAT: return PC_RULE("the CRC value is four hex digits (§4.7.3)");
	case PC_ERR_UTF8: return PC_RULE("a value must not split a UTF-8 character (§4.4.1.1)");
	default: return PC_RULE("malformed object");
	}
}

static void pc__reset(pc_mpm *m)
{
	m->nobj = 0;
	m->nwarn = 0;
	m->nwarn_total = 0;
	m->has_crc = 0;
	m->crc_stated = 0;
	m->crc_computed = 0;
	memset(&m->error, 0, sizeof m->error);
	memset(m->error.path, PC_MPM_NONE, sizeof m->error.path);
}

static pc_err pc__load(pc_mpm *m, const char *payload, size_t len)
{
	size_t bad = 0;

	if (m == NULL)
		return PC_ERR_INVALID_ARG;
	memset(m, 0, sizeof *m);
	pc__reset(m);
	if (payload == NULL)
		return pc__mpm_fail(m, PC_ERR_INVALID_ARG, PC_MPM_NONE, PC_RULE("payload is NULL"));
	if (len > PC_MPM_MAX_LEN)
		return pc__mpm_fail(m, PC_ERR_TOO_LONG, PC_MPM_NONE,
				    PC_RULE("payload longer than PC_MPM_MAX_LEN bytes"));
	if (len != 0)
		memcpy(m->text, payload, len);
	m->len = (uint16_t)len;
	if (pc__check_utf8(m->text, len, &bad) != PC_OK) {
		pc__mpm_fail(m, PC_ERR_UTF8, PC_MPM_NONE,
			     PC_RULE("the payload must be well-formed UTF-8 (§4.4.1.1)"));
		m->error.offset = (uint16_t)bad;
		return PC_ERR_UTF8;
	}
	return PC_OK;
}

static pc_err pc__parse_loaded(pc_mpm *m, pc_mpm_len_unit unit)
{
	struct pc__walk w;
	pc_err err;

	memset(&w, 0, sizeof w);
	memset(w.path, PC_MPM_NONE, sizeof w.path);
	w.m = m;
	w.unit = unit;
	m->nobj = 0;
	m->len_unit = (uint8_t)unit;
	err = pc__walk_container(&w, 0, m->len, PC_MPM_NONE, 0);
	if (err != PC_OK) {
		pc__mpm_fail(m, err, PC_MPM_NONE, pc__syntax_rule(err));
		memcpy(m->error.path, w.path, sizeof w.path);
		m->error.offset = w.at;
	}
	return err;
}

pc_err pc_mpm_parse(pc_mpm *m, const char *payload, size_t len,
		    pc_mpm_len_unit unit)
{
	pc_err err = pc__load(m, payload, len);

	if (err != PC_OK)
		return err;
	if (unit != PC_MPM_LEN_CHARS && unit != PC_MPM_LEN_BYTES)
		return pc__mpm_fail(m, PC_ERR_INVALID_ARG, PC_MPM_NONE, PC_RULE("unknown length unit"));
	return pc__parse_loaded(m, unit);
}

/* ---- layer 2: position of 00 and 63, CRC ------------------------------- */

static int pc__hexval(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Parse 4 hex digits; *lower tells whether any is a lowercase letter. */
static bool pc__hex4(const uint8_t *p, uint16_t *v, bool *lower)
{
	unsigned acc = 0, i;

	*lower = false;
	for (i = 0; i < 4; i++) {
		int d = pc__hexval(p[i]);

		if (d < 0)
			return false;
		*lower = *lower || (p[i] >= 'a' && p[i] <= 'f');
		acc = acc << 4 | (unsigned)d;
	}
	*v = (uint16_t)acc;
	return true;
}

pc_mpm_crc_verdict pc_mpm_crc_check(const char *payload, size_t len)
{
	const uint8_t *p = (const uint8_t *)payload;
	uint16_t stated;
	bool lower;

	if (p == NULL || len < 8 || memcmp(p + len - 8, "6304", 4) != 0 ||
	    !pc__hex4(p + len - 4, &stated, &lower))
		return PC_MPM_CRC_NONE;
	if (pc_crc16_ccitt(0xFFFF, p, len - 4) != stated)
		return PC_MPM_CRC_MISMATCH;
	return lower ? PC_MPM_CRC_MATCH_LOWERCASE : PC_MPM_CRC_MATCH;
}

static size_t pc__last_root(const pc_mpm *m)
{
	size_t i, last = PC_MPM_NONE;

	for (i = 0; i < m->nobj; i++)
		if (m->obj[i].depth == 0)
			last = i;
	return last;
}

/* §4.6: 00 first, 63 last; §4.7.3: the CRC covers every byte up to and
 * including the "6304" of object 63, as UTF-8. */
static pc_err pc__integrity(pc_mpm *m, const pc_mpm_profile *pr)
{
	size_t crc = pc_mpm_find(m, PC_MPM_NONE, 63);
	const pc_mpm_obj *o;
	bool lower;

	if (m->nobj == 0 || m->obj[0].id != 0)
		return pc__mpm_fail(m, PC_ERR_MPM_ORDER, m->nobj ? 0 : PC_MPM_NONE,
				    PC_RULE("the payload format indicator (00) comes first (§4.6)"));
	if (crc == PC_MPM_NONE)
		return pc__mpm_fail(m, PC_ERR_MPM_CRC_MISSING, PC_MPM_NONE,
				    PC_RULE("the CRC (63) is mandatory (§4.7.3)"));
	if (crc != pc__last_root(m))
		return pc__mpm_fail(m, PC_ERR_MPM_TRAILING, crc,
				    PC_RULE("the CRC (63) is the last object (§4.6)"));
	o = &m->obj[crc];
	if (o->nlen != 4 || o->nbytes != 4 ||
	    !pc__hex4(m->text + o->off, &m->crc_stated, &lower))
		return pc__mpm_fail(m, PC_ERR_MPM_CRC_FORMAT, crc,
				    PC_RULE("the CRC value is four hex digits (§4.7.3)"));
	m->has_crc = 1;
	m->crc_computed = pc_crc16_ccitt(0xFFFF, m->text, o->off);
	if (m->crc_computed != m->crc_stated)
		return pc__mpm_fail(m, PC_ERR_MPM_CRC_MISMATCH, crc,
				    PC_RULE("the CRC must equal CRC-16/CCITT-FALSE of the payload up to 6304 (§4.7.3)"));
	if (lower)
		return pc__mpm_deviate(m, pr, PC_MPM_ALLOW_CRC_LOWERCASE,
				       PC_ERR_MPM_CRC_CASE, crc,
				       PC_RULE("the CRC is written in uppercase hex (§4.7.3)"));
	return PC_OK;
}

/* ---- the decode pipeline ------------------------------------------------ */

/* Layer 1 with the profile's unit; a profile that allows it retries with
 * byte lengths (§1.3 of the project's EMV notes: vietqr-ts counts bytes). */
static pc_err pc__syntax(pc_mpm *m, const pc_mpm_profile *pr)
{
	pc_mpm_issue first;
	pc_err err = pc__parse_loaded(m, pr->len_unit);

	if (err == PC_OK || pr->len_unit != PC_MPM_LEN_CHARS ||
	    (pr->allow & PC_MPM_ALLOW_LEN_BYTES) == 0)
		return err;
	first = m->error;
	if (pc__parse_loaded(m, PC_MPM_LEN_BYTES) != PC_OK) {
		m->nobj = 0;
		m->len_unit = PC_MPM_LEN_CHARS;
		m->error = first;
		return first.code;
	}
	pc__mpm_issue(m, PC_MPM_NONE, PC_OK, NULL, &m->error);
	return pc__mpm_deviate(m, pr, PC_MPM_ALLOW_LEN_BYTES, first.code,
			       PC_MPM_NONE, PC_RULE("LEN counts characters, not bytes (§4.4.1.1)"));
}

pc_err pc_mpm_decode(pc_mpm *m, const char *payload, size_t len,
		     const pc_mpm_profile *profile)
{
	const pc_mpm_profile *pr = profile != NULL ? profile : &pc_mpm_profile_strict;
	pc_err err = pc__load(m, payload, len);

	if (err == PC_OK)
		err = pc__syntax(m, pr);
	if (err == PC_OK)
		err = pc__integrity(m, pr);
	if (err == PC_OK)
		err = pc__mpm_rules(m, pr);
	if (err == PC_OK)
		err = pc__mpm_profile_rules(m, pr);
	if (err != PC_OK && m != NULL)
		m->nobj = 0; /* a rejected payload exposes no objects */
	return err;
}

/* ---- accessors ---------------------------------------------------------- */

const pc_mpm_issue *pc_mpm_error(const pc_mpm *m)
{
	return &m->error;
}

size_t pc_mpm_warning_count(const pc_mpm *m)
{
	return m->nwarn_total;
}

const pc_mpm_issue *pc_mpm_warning(const pc_mpm *m, size_t i)
{
	return i < m->nwarn ? &m->warn[i] : NULL;
}

size_t pc_mpm_count(const pc_mpm *m)
{
	return m->nobj;
}

unsigned pc_mpm_id(const pc_mpm *m, size_t i)
{
	return i < m->nobj ? m->obj[i].id : PC_MPM_NONE;
}

size_t pc_mpm_parent(const pc_mpm *m, size_t i)
{
	return i < m->nobj ? m->obj[i].parent : PC_MPM_NONE;
}

bool pc_mpm_is_template(const pc_mpm *m, size_t i)
{
	return i < m->nobj && m->obj[i].is_template == 1;
}

pc_cbuf pc_mpm_value(const pc_mpm *m, size_t i)
{
	pc_cbuf v = { NULL, 0 };

	if (i < m->nobj) {
		v.ptr = m->text + m->obj[i].off;
		v.len = m->obj[i].nbytes;
	}
	return v;
}

size_t pc_mpm_find(const pc_mpm *m, size_t parent, unsigned id)
{
	size_t i;

	for (i = 0; i < m->nobj; i++)
		if (m->obj[i].parent == parent && m->obj[i].id == id)
			return i;
	return PC_MPM_NONE;
}

pc_mpm_len_unit pc_mpm_unit(const pc_mpm *m)
{
	return (pc_mpm_len_unit)m->len_unit;
}

bool pc_mpm_crc(const pc_mpm *m, uint16_t *stated, uint16_t *computed)
{
	if (!m->has_crc)
		return false;
	*stated = m->crc_stated;
	*computed = m->crc_computed;
	return true;
}

/* ---- re-serialisation --------------------------------------------------- */

/* Root objects are contiguous in the stored text and each keeps its own LEN
 * as written, so everything before the CRC value is copied as it is; only
 * the CRC is recomputed, in uppercase [§4.7.3]. */
pc_err pc_mpm_encode(const pc_mpm *m, char *out, size_t cap, size_t *out_len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t crc, head;
	uint16_t c;

	if (m == NULL || out_len == NULL || (out == NULL && cap != 0))
		return PC_ERR_INVALID_ARG;
	crc = pc_mpm_find(m, PC_MPM_NONE, 63);
	if (crc == PC_MPM_NONE)
		return PC_ERR_MPM_CRC_MISSING;
	if (crc != pc__last_root(m))
		return PC_ERR_MPM_TRAILING;
	if (m->obj[crc].nlen != 4 || m->obj[crc].nbytes != 4)
		return PC_ERR_MPM_CRC_FORMAT;
	head = m->obj[crc].off;
	*out_len = head + 4;
	if (*out_len > cap)
		return PC_ERR_BUFFER_TOO_SMALL;
	memcpy(out, m->text, head);
	c = pc_crc16_ccitt(0xFFFF, m->text, head);
	out[head] = hex[c >> 12];
	out[head + 1] = hex[(c >> 8) & 15];
	out[head + 2] = hex[(c >> 4) & 15];
	out[head + 3] = hex[c & 15];
	return PC_OK;
}

/* ---- issue text ---------------------------------------------------------- */

size_t pc_mpm_issue_format(const pc_mpm_issue *issue, char *out, size_t cap)
{
	char tmp[24];
	size_t n = 0, k, i;
	pc_wr w;

	pc__wr_init(&w, (uint8_t *)out, cap > 0 ? cap - 1 : 0);
	for (i = 0; i < PC_MPM_MAX_DEPTH && issue->path[i] != PC_MPM_NONE; i++) {
		tmp[n++] = i == 0 ? 'o' : '.';
		if (i == 0) {
			memcpy(tmp + n, "bject ", 6);
			n += 6;
		}
		tmp[n++] = (char)('0' + issue->path[i] / 10);
		tmp[n++] = (char)('0' + issue->path[i] % 10);
	}
	if (n > 0) {
		tmp[n++] = ':';
		tmp[n++] = ' ';
	}
	k = n + (issue->rule != NULL ? strlen(issue->rule) : 0);
	pc__wr_bytes(&w, tmp, n < w.cap ? n : w.cap);
	if (issue->rule != NULL)
		pc__wr_bytes(&w, issue->rule,
			     strlen(issue->rule) < w.cap - w.len ? strlen(issue->rule) : w.cap - w.len);
	if (cap > 0)
		out[w.len] = '\0';
	return k;
}
