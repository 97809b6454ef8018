/*
 * libFuzzer target for the MPM payload builder (qr/mpm_enc.c).
 *
 * Input layout:
 *   byte 0-1  output capacity, little-endian, modulo PC_MPM_MAX_LEN + 64
 *   byte 2    bit 0: length unit (0 chars, 1 bytes)
 *   then ops  op % 4 == 0, 1: add   [id] [n % 128] [n value bytes]
 *             op % 4 == 2:    begin [id]
 *             op % 4 == 3:    end
 * IDs are taken modulo 128, so invalid ones (63, > 99) occur. An add or
 * begin whose ID is already used in the open container is dropped: the
 * builder does not promise to detect duplicates, and parse rejects them.
 *
 * The ops run twice: into an exact-size heap buffer of the given capacity
 * (ASan catches any write past it) and into a buffer large enough for any
 * output. Checks:
 *   - the two runs agree: same bytes when the small one succeeds; when it
 *     fails with PC_ERR_BUFFER_TOO_SMALL the large output (if any) is
 *     longer than the capacity; other errors are the same in both;
 *   - the length is what the ops add up to (4 + value bytes per add, 4 per
 *     begin, 8 for the CRC);
 *   - the output has a matching uppercase CRC and passes pc_mpm_parse()
 *     with the builder's unit (unless longer than PC_MPM_MAX_LEN, or long
 *     enough to hold more than PC_MPM_MAX_OBJS objects);
 *   - every object the builder wrote that parse can see (not inside a
 *     primitive) is there with its ID, value offset, length and parent, and
 *     the root holds exactly the builder's root objects plus 63.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <paycode/emvqr.h>

enum { OP_ADD, OP_BEGIN, OP_END };

struct op {
	uint8_t kind, id;
	const char *val;
	size_t len;
};

/* What the builder wrote, as the harness computes it. */
struct rec {
	size_t off;      /* value offset in the output */
	size_t len;      /* value bytes (templates: filled at end) */
	size_t parent;   /* record index of the enclosing template, or SIZE_MAX */
	uint8_t id;
	bool visible;    /* parse expands every enclosing template */
	bool expands;    /* a template parse will expand */
};

static pc_mpm g_m;

/* Oracle failure: name the check, then abort() so libFuzzer saves the input. */
static void fail(int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, line, what);
	abort();
}

#define check(x) ((x) ? (void)0 : fail(__LINE__, #x))

/* Templates by position, EMV QRCPS MPM §4.7.11, §4.8, §4.9, §4.10. */
static bool template_pos(unsigned depth, unsigned parent_id, unsigned id)
{
	if (depth == 0)
		return (id >= 26 && id <= 51) || id == 62 || id == 64 || id >= 80;
	return depth == 1 && parent_id == 62 && id >= 50;
}

/* Decode ops, dropping duplicate IDs per open container. */
static size_t read_ops(const uint8_t *d, size_t n, struct op *ops)
{
	uint8_t seen[PC_MPM_MAX_DEPTH + 1][128];
	size_t pos = 0, nops = 0, depth = 0;
	struct op o;

	memset(seen, 0, sizeof seen);
	while (pos < n) {
		memset(&o, 0, sizeof o);
		o.kind = d[pos] % 4 <= 1 ? OP_ADD : d[pos] % 4 == 2 ? OP_BEGIN : OP_END;
		pos++;
		if (o.kind != OP_END) {
			if (pos >= n)
				break;
			o.id = d[pos++] % 128;
		}
		if (o.kind == OP_ADD) {
			o.len = pos < n ? d[pos++] % 128u : 0;
			o.len = o.len < n - pos ? o.len : n - pos;
			o.val = (const char *)d + pos;
			pos += o.len;
		}
		if (o.kind != OP_END && depth <= PC_MPM_MAX_DEPTH) {
			if (seen[depth][o.id])
				continue;
			seen[depth][o.id] = 1;
		}
		if (o.kind == OP_BEGIN && ++depth <= PC_MPM_MAX_DEPTH)
			memset(seen[depth], 0, sizeof seen[depth]);
		if (o.kind == OP_END && depth > 0)
			depth--;
		ops[nops++] = o;
	}
	return nops;
}

static pc_err run(const struct op *ops, size_t nops, pc_mpm_len_unit unit,
		  char *out, size_t cap, size_t *len)
{
	pc_mpm_enc e;
	size_t i;

	pc_mpm_enc_init(&e, out, cap, unit);
	for (i = 0; i < nops; i++) {
		if (ops[i].kind == OP_ADD)
			pc_mpm_enc_add(&e, ops[i].id, ops[i].val, ops[i].len);
		else if (ops[i].kind == OP_BEGIN)
			pc_mpm_enc_begin(&e, ops[i].id);
		else
			pc_mpm_enc_end(&e);
	}
	return pc_mpm_enc_finish(&e, len);
}

/* Replay a successful build: offsets, lengths, parents, visibility. */
static size_t replay(const struct op *ops, size_t nops, struct rec *r)
{
	size_t stack[PC_MPM_MAX_DEPTH], depth = 0, pos = 0, i, p;

	for (i = 0; i < nops; i++) {
		if (ops[i].kind == OP_END) {
			p = stack[--depth];
			r[p].len = pos - r[p].off;
			continue;
		}
		p = depth ? stack[depth - 1] : SIZE_MAX;
		r[i].id = ops[i].id;
		r[i].off = pos + 4;
		r[i].len = ops[i].len;
		r[i].parent = p;
		r[i].visible = p == SIZE_MAX || (r[p].visible && r[p].expands);
		r[i].expands = ops[i].kind == OP_BEGIN &&
			       template_pos((unsigned)depth, p == SIZE_MAX ? 0 : r[p].id, r[i].id);
		pos += 4 + (ops[i].kind == OP_ADD ? ops[i].len : 0);
		if (ops[i].kind == OP_BEGIN)
			stack[depth++] = i;
	}
	return pos + 8;
}

static size_t find_at(const pc_mpm *m, const char *base, size_t off)
{
	size_t i;

	for (i = 0; i < pc_mpm_count(m); i++)
		if ((const char *)pc_mpm_value(m, i).ptr - base == (ptrdiff_t)off)
			return i;
	return PC_MPM_NONE;
}

static void check_objects(const struct op *ops, size_t nops, const struct rec *r,
			  const char *out)
{
	const char *base = (const char *)pc_mpm_value(&g_m, 0).ptr - 4;
	size_t i, k, roots = 0, proots = 0, *map = malloc((nops + 1) * sizeof *map);

	check(map != NULL);
	check(memcmp(pc_mpm_value(&g_m, 0).ptr, out + 4, pc_mpm_value(&g_m, 0).len) == 0);
	for (i = 0; i < nops; i++) {
		map[i] = PC_MPM_NONE;
		if (ops[i].kind == OP_END || !r[i].visible)
			continue;
		roots += r[i].parent == SIZE_MAX;
		k = find_at(&g_m, base, r[i].off);
		check(k != PC_MPM_NONE);
		map[i] = k;
		check(pc_mpm_id(&g_m, k) == r[i].id);
		check(pc_mpm_value(&g_m, k).len == r[i].len);
		check(pc_mpm_parent(&g_m, k) ==
		      (r[i].parent == SIZE_MAX ? PC_MPM_NONE : map[r[i].parent]));
		/* An empty template ("6200") has nothing to expand. */
		if (r[i].expands && r[i].len != 0)
			check(pc_mpm_is_template(&g_m, k));
	}
	for (k = 0; k < pc_mpm_count(&g_m); k++)
		proots += pc_mpm_parent(&g_m, k) == PC_MPM_NONE;
	check(proots == roots + 1);
	free(map);
}

static void check_output(const struct op *ops, size_t nops, pc_mpm_len_unit unit,
			 const char *out, size_t len)
{
	struct rec *r = calloc(nops + 1, sizeof *r);
	pc_err err;

	check(r != NULL);
	check(replay(ops, nops, r) == len);
	check(pc_mpm_crc_check(out, len) == PC_MPM_CRC_MATCH);
	err = pc_mpm_parse(&g_m, out, len, unit);
	if (len > PC_MPM_MAX_LEN)
		check(err == PC_ERR_TOO_LONG);
	else if (err == PC_ERR_MPM_TOO_MANY)
		check(len / 4 > PC_MPM_MAX_OBJS);
	else
		check(err == PC_OK);
	if (err == PC_OK)
		check_objects(ops, nops, r, out);
	free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t cap, nops, len = 0, blen = 0, bigcap = 5 * size + 64;
	pc_mpm_len_unit unit;
	struct op *ops;
	char *out, *big;
	pc_err err, berr;

	if (size < 3)
		return 0;
	cap = (size_t)(data[0] | data[1] << 8) % (PC_MPM_MAX_LEN + 64);
	unit = (data[2] & 1) ? PC_MPM_LEN_BYTES : PC_MPM_LEN_CHARS;
	ops = malloc(size * sizeof *ops);
	out = malloc(cap);
	big = malloc(bigcap);
	check(ops != NULL && (cap == 0 || out != NULL) && big != NULL);
	nops = read_ops(data + 3, size - 3, ops);
	err = run(ops, nops, unit, out, cap, &len);
	berr = run(ops, nops, unit, big, bigcap, &blen);
	check(berr != PC_ERR_BUFFER_TOO_SMALL);
	if (err == PC_OK) {
		check(berr == PC_OK && len == blen && len <= cap);
		check(memcmp(out, big, len) == 0);
		check_output(ops, nops, unit, out, len);
	} else if (err == PC_ERR_BUFFER_TOO_SMALL) {
		check(berr != PC_OK || blen > cap);
	} else {
		check(berr == err);
	}
	free(big);
	free(out);
	free(ops);
	return 0;
}
