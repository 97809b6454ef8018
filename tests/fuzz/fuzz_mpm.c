/*
 * libFuzzer target for the EMV MPM decoder (qr/mpm.c, qr/mpm_rules.c).
 *
 * The input is one payload. It is copied into an exact-size heap buffer so
 * ASan reports any read past len, then:
 *   - decoded with every built-in profile (and with NULL, which must act as
 *     "strict"); the returned error must be the one pc_mpm_error() reports;
 *   - a successful decode must re-encode (size pass, exact-size buffer, and
 *     a one-byte-short buffer that must be refused) and decode again with
 *     the same profile to the same objects; a payload without warnings must
 *     come back byte for byte, and the CRC of the output must verify;
 *   - any profile that accepts the payload implies that "lenient" accepts
 *     it, and "strict" accepting it implies "lenient" records no warning;
 *   - parsed with both length units, re-encoded, and re-parsed when the
 *     CRC value is four ASCII bytes;
 *   - every error and warning is formatted into buffers from empty to the
 *     full text, each an exact-size heap allocation;
 *   - pc_mpm_crc_check() must agree with a successful decode;
 *   - the decode checks are repeated with the CRC repaired, so the
 *     rules layers are reached by mutated inputs too.
 * Oracle failures call abort(), which libFuzzer reports as a crash.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <paycode/emvqr.h>

static pc_mpm g_m, g_again, g_lenient;

/* Oracle failure: name the check, then abort() so libFuzzer saves the input. */
static void fail(int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, line, what);
	abort();
}

#define check(x) ((x) ? (void)0 : fail(__LINE__, #x))

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* Values equal; the root CRC (63) compared case-insensitively, or skipped
 * when skip_crc is set (parse re-encodes whatever stood there). */
static bool same_value(const pc_mpm *a, const pc_mpm *b, size_t i, bool skip_crc)
{
	pc_cbuf x = pc_mpm_value(a, i), y = pc_mpm_value(b, i);
	bool crc = pc_mpm_parent(a, i) == PC_MPM_NONE && pc_mpm_id(a, i) == 63;
	size_t k;

	if (crc && skip_crc)
		return true;
	if (x.len != y.len)
		return false;
	for (k = 0; k < x.len; k++)
		if (crc ? lower(x.ptr[k]) != lower(y.ptr[k]) : x.ptr[k] != y.ptr[k])
			return false;
	return true;
}

static bool same_objects(const pc_mpm *a, const pc_mpm *b, bool skip_crc)
{
	size_t i;

	if (pc_mpm_count(a) != pc_mpm_count(b))
		return false;
	for (i = 0; i < pc_mpm_count(a); i++)
		if (pc_mpm_id(a, i) != pc_mpm_id(b, i) ||
		    pc_mpm_parent(a, i) != pc_mpm_parent(b, i) ||
		    pc_mpm_is_template(a, i) != pc_mpm_is_template(b, i) ||
		    !same_value(a, b, i, skip_crc))
			return false;
	return true;
}

/* Capacities 0, 1, 2, half, need - 1, need, need + 1: each an exact-size
 * heap buffer, so ASan reports a write past cap. */
static void format_into(const pc_mpm_issue *issue, const char *full,
			size_t need, size_t cap)
{
	char *buf = malloc(cap);
	size_t got;

	check(cap == 0 || buf != NULL);
	check(pc_mpm_issue_format(issue, buf, cap) == need);
	if (cap > 0) {
		got = strlen(buf);
		check(got == (need < cap - 1 ? need : cap - 1));
		check(memcmp(buf, full, got) == 0);
	}
	free(buf);
}

static void check_format(const pc_mpm_issue *issue)
{
	size_t need = pc_mpm_issue_format(issue, NULL, 0);
	size_t caps[] = { 0, 1, 2, need / 2, need, need + 1, need ? need - 1 : 0 };
	char *full = malloc(need + 1);
	size_t i;

	check(full != NULL);
	check(pc_mpm_issue_format(issue, full, need + 1) == need);
	check(strlen(full) == need);
	for (i = 0; i < sizeof caps / sizeof caps[0]; i++)
		format_into(issue, full, need, caps[i]);
	free(full);
}

static void check_issues(const pc_mpm *m)
{
	size_t i, n = pc_mpm_warning_count(m);

	check_format(pc_mpm_error(m));
	for (i = 0; i < n && i < PC_MPM_MAX_WARNINGS; i++) {
		check(pc_mpm_warning(m, i) != NULL);
		check_format(pc_mpm_warning(m, i));
	}
	check(pc_mpm_warning(m, n < PC_MPM_MAX_WARNINGS ? n : PC_MPM_MAX_WARNINGS) == NULL);
}

/* Size pass, exact buffer, one byte short. Returns the heap copy or NULL. */
static char *encode_exact(const pc_mpm *m, size_t *len)
{
	size_t need = 0, got = 0;
	pc_err err = pc_mpm_encode(m, NULL, 0, &need);
	char *out;

	if (err != PC_ERR_BUFFER_TOO_SMALL)
		return NULL;
	check(need >= 8);
	out = malloc(need - 1);
	check(out != NULL);
	check(pc_mpm_encode(m, out, need - 1, &got) == PC_ERR_BUFFER_TOO_SMALL);
	check(got == need);
	free(out);
	out = malloc(need);
	check(out != NULL);
	check(pc_mpm_encode(m, out, need, &got) == PC_OK && got == need);
	*len = need;
	return out;
}

static void check_decoded(const pc_mpm *m, const char *in, size_t len,
			  const pc_mpm_profile *pr)
{
	uint16_t stated = 0, computed = 0;
	size_t n = 0;
	char *out;

	check(pc_mpm_error(m)->code == PC_OK);
	check(pc_mpm_crc(m, &stated, &computed) && stated == computed);
	check(pc_mpm_crc_check(in, len) == PC_MPM_CRC_MATCH ||
	      pc_mpm_crc_check(in, len) == PC_MPM_CRC_MATCH_LOWERCASE);
	out = encode_exact(m, &n);
	check(out != NULL);
	check(pc_mpm_crc_check(out, n) == PC_MPM_CRC_MATCH);
	if (pc_mpm_warning_count(m) == 0)
		check(n == len && memcmp(out, in, len) == 0);
	check(pc_mpm_decode(&g_again, out, n, pr) == PC_OK);
	check(same_objects(m, &g_again, false));
	check(pc_mpm_unit(m) == pc_mpm_unit(&g_again));
	free(out);
}

static void touch_objects(const pc_mpm *m)
{
	size_t i, p;

	for (i = 0; i < pc_mpm_count(m); i++) {
		p = pc_mpm_parent(m, i);
		check(p == PC_MPM_NONE || (p < i && pc_mpm_is_template(m, p)));
		check(pc_mpm_id(m, i) <= 99);
		check(pc_mpm_find(m, p, pc_mpm_id(m, i)) == i);
		check(pc_mpm_obj_name(p == PC_MPM_NONE ? PC_MPM_NONE : pc_mpm_id(m, p),
				      pc_mpm_id(m, i)) != NULL);
	}
}

static void decode_all(const char *in, size_t len)
{
	const pc_mpm_profile *pr;
	const char *name;
	bool strict_ok = false, any_ok = false, len_ok;
	size_t i, maxwarn = 0;
	pc_err err;

	for (i = 0; (name = pc_mpm_profile_name(i)) != NULL; i++) {
		pr = pc_mpm_profile_find(name);
		check(pr != NULL && strcmp(pr->name, name) == 0);
		err = pc_mpm_decode(&g_m, in, len, pr);
		check(pc_mpm_error(&g_m)->code == err);
		check_issues(&g_m);
		if (err != PC_OK)
			continue;
		touch_objects(&g_m);
		check_decoded(&g_m, in, len, pr);
		strict_ok = strict_ok || pr == &pc_mpm_profile_strict;
		any_ok = true;
		if (pc_mpm_warning_count(&g_m) > maxwarn)
			maxwarn = pc_mpm_warning_count(&g_m);
	}
	err = pc_mpm_decode(&g_lenient, in, len, &pc_mpm_profile_lenient);
	len_ok = err == PC_OK;
	check(!any_ok || len_ok);
	check(!len_ok || pc_mpm_warning_count(&g_lenient) >= maxwarn);
	check(!strict_ok || pc_mpm_warning_count(&g_lenient) == 0);
	check(pc_mpm_decode(&g_again, in, len, NULL) ==
	      pc_mpm_decode(&g_m, in, len, &pc_mpm_profile_strict));
}

/* Encode after parse keeps everything before the CRC value; when that value
 * was four ASCII bytes the output must parse to the same objects. */
static void parse_unit(const char *in, size_t len, pc_mpm_len_unit unit)
{
	size_t crc, n = 0, k;
	pc_cbuf v;
	char *out;
	bool ascii = true;
	pc_err err = pc_mpm_parse(&g_m, in, len, unit);

	check(pc_mpm_error(&g_m)->code == err);
	check_issues(&g_m);
	if (err != PC_OK)
		return;
	check(pc_mpm_unit(&g_m) == unit);
	touch_objects(&g_m);
	out = encode_exact(&g_m, &n);
	if (out == NULL)
		return;
	crc = pc_mpm_find(&g_m, PC_MPM_NONE, 63);
	v = pc_mpm_value(&g_m, crc);
	for (k = 0; k < v.len; k++)
		ascii = ascii && v.ptr[k] < 0x80;
	if (v.len == 4 && ascii) {
		check(pc_mpm_parse(&g_again, out, n, unit) == PC_OK);
		check(same_objects(&g_m, &g_again, true));
	}
	free(out);
}

/* Most mutations break the CRC, and layer 2 then hides layers 3 and 4.
 * The input is also decoded with its CRC repaired: the last four bytes
 * replaced when it ends in "6304" + 4 bytes, else "6304" + CRC appended. */
static void decode_fixed_crc(const char *in, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	bool has = len >= 8 && memcmp(in + len - 8, "6304", 4) == 0;
	size_t head = has ? len - 4 : len + 4;
	char *fixed = malloc(head + 4);
	uint16_t c;

	check(fixed != NULL);
	memcpy(fixed, in, has ? head : len);
	if (!has)
		memcpy(fixed + len, "6304", 4);
	c = pc_crc16_ccitt(0xFFFF, fixed, head);
	fixed[head] = hex[c >> 12];
	fixed[head + 1] = hex[(c >> 8) & 15];
	fixed[head + 2] = hex[(c >> 4) & 15];
	fixed[head + 3] = hex[c & 15];
	check(pc_mpm_crc_check(fixed, head + 4) == PC_MPM_CRC_MATCH);
	decode_all(fixed, head + 4);
	free(fixed);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size);

	check(size == 0 || in != NULL);
	if (size != 0)
		memcpy(in, data, size);
	decode_all(in, size);
	decode_fixed_crc(in, size);
	parse_unit(in, size, PC_MPM_LEN_CHARS);
	parse_unit(in, size, PC_MPM_LEN_BYTES);
	(void)pc_mpm_crc_check(in, size);
	free(in);
	return 0;
}
