/*
 * libFuzzer target for the journal reader and writer (core/journal*.c,
 * docs/SPEC-journal.md §7.2-§7.4).
 *
 * The input is a journal's storage object, held by a RAM platform (the
 * fuzzer links the library alone, no port). Oracles (abort() on failure):
 *   - pc_journal_verify() without a key returns PC_OK, PC_ERR_NOT_FOUND,
 *     PC_ERR_TRUNCATED, PC_ERR_VERIFY or PC_ERR_TOO_LONG; the records that
 *     verified span exactly the bytes before the first bad record
 *     (fault_offset == bytes, fault_index == records); PC_OK means every
 *     byte was taken; a torn tail is at most PC_JOURNAL_TORN_MAX bytes;
 *   - with the key (the vectors' journal key, so seeds from
 *     vectors/evidence-journals.json reach the signatures) it never accepts
 *     more records than without, and fails only with a signature or key
 *     fault where the chain alone passed;
 *   - a writer opens the journal exactly when the chain verifies up to a
 *     clean end or a torn tail after the genesis, and then an append and a checkpoint
 *     succeed and the journal verifies end to end: whatever storage held,
 *     the writer never leaves a journal that does not verify.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <paycode/crypto.h>
#include <paycode/journal.h>

static void fail(int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, line, what);
	abort();
}

#define check(x) ((x) ? (void)0 : fail(__LINE__, #x))

static struct {
	uint8_t *obj;
	size_t len, cap;
	uint8_t priv[32];
	pc_journal_key key;
	uint64_t rng;
	int ready;
} g;

static pc_journal_reader rd;
static pc_journal jw;

static pc_err f_rng(void *ctx, uint8_t *out, size_t len)
{
	(void)ctx;
	while (len-- > 0)
		*out++ = (uint8_t)(g.rng++ * 0x9Du);
	return PC_OK;
}

static pc_err f_time(void *ctx, pc_time *now)
{
	(void)ctx;
	*now = 1800000100;
	return PC_OK;
}

static pc_err f_read(void *ctx, const char *name, uint64_t off, uint8_t *buf, size_t cap,
		     size_t *got)
{
	size_t n = 0;

	(void)ctx;
	(void)name;
	if (off < g.len) {
		n = g.len - (size_t)off < cap ? g.len - (size_t)off : cap;
		memcpy(buf, g.obj + off, n);
	}
	*got = n;
	return PC_OK;
}

static pc_err f_append(void *ctx, const char *name, const uint8_t *data, size_t len)
{
	uint8_t *p;

	(void)ctx;
	(void)name;
	if (g.len + len > g.cap) {
		p = realloc(g.obj, g.len + len);
		if (p == NULL)
			return PC_ERR_STORAGE;
		g.obj = p;
		g.cap = g.len + len;
	}
	memcpy(g.obj + g.len, data, len);
	g.len += len;
	return PC_OK;
}

static pc_err f_write(void *ctx, const char *name, const uint8_t *data, size_t len)
{
	(void)ctx;
	(void)name;
	g.len = 0;
	return f_append(ctx, name, data, len);
}

static pc_err f_sign(void *ctx, uint32_t id, const uint8_t hash[32], uint8_t *sig,
		     size_t cap)
{
	(void)ctx;
	(void)id;
	return cap < 64 ? PC_ERR_KEYSTORE : pc_p256_sign(g.priv, hash, sig);
}

static const pc_platform plat = {
	.version = PC_PLATFORM_VERSION,
	.rng = f_rng,
	.time_now = f_time,
	.storage_read = f_read,
	.storage_write_atomic = f_write,
	.storage_append = f_append,
	.key_sign = f_sign,
};

static void init(void)
{
	static const char label[] = "paycode vectors journal 1";

	check(pc_sha256(label, sizeof label - 1, g.priv) == PC_OK);
	check(pc_p256_public(g.priv, g.key.pub) == PC_OK);
	g.key.key_id = 1;
	g.ready = 1;
}

/* The summary's bookkeeping (SPEC-journal §7.4). */
static void check_summary(pc_err err, const pc_journal_summary *s, size_t size)
{
	check(err == PC_OK || err == PC_ERR_NOT_FOUND || err == PC_ERR_TRUNCATED ||
	      err == PC_ERR_VERIFY || err == PC_ERR_TOO_LONG);
	check(s->bytes <= size);
	check(err == s->err);
	if (err == PC_OK) {
		check(s->fault == PC_JF_NONE && s->bytes == size && s->records > 0);
		return;
	}
	check(s->fault != PC_JF_NONE);
	check(s->fault_offset == s->bytes && s->fault_index == s->records);
	check((err == PC_ERR_TRUNCATED) == (s->fault == PC_JF_TORN));
	if (err == PC_ERR_TRUNCATED)
		check(size - s->bytes <= PC_JOURNAL_TORN_MAX && size > s->bytes);
	if (err == PC_ERR_NOT_FOUND)
		check(s->fault == PC_JF_EMPTY && size == 0);
}

/* A decision to append: an approved qr-offline code. */
static void entry(pc_journal_entry *e)
{
	pc_decision d;

	memset(&d, 0, sizeof d);
	d.verdict = PC_APPROVE;
	d.form = PC_FORM_QR_OFFLINE;
	d.token_id = 7;
	d.gen_time = 1800000000;
	d.flags = PC_CODE_F_UV_BIOMETRIC;
	d.consumed = 1;
	check(pc_journal_entry_fill(e, "FUZZ", PC_MODE_TERMINAL, NULL, &d, NULL, NULL) == PC_OK);
}

static void check_writer(pc_err err0, const pc_journal_summary *s0)
{
	pc_journal_summary s;
	pc_journal_entry e;
	pc_err err = pc_journal_open(&jw, &plat, "journal", &s);

	check((err == PC_OK) ==
	      (err0 == PC_OK || (err0 == PC_ERR_TRUNCATED && s0->records > 0)));
	if (err != PC_OK)
		return;
	entry(&e);
	check(pc_journal_append(&jw, &e, NULL) == PC_OK);
	check(pc_journal_checkpoint(&jw, NULL) == PC_OK);
	pc_journal_wipe(&jw);
	err = pc_journal_verify(&rd, &plat, "journal", NULL, &s);
	check(err == PC_OK);
	check(s.decisions == s0->decisions + 1);
	check(s.resumes == s0->resumes + (err0 == PC_ERR_TRUNCATED));
	check(s.unsigned_tail == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pc_journal_summary s0, s1;
	pc_err err0, err1;

	if (!g.ready)
		init();
	free(g.obj);
	g.obj = malloc(size ? size : 1); /* exact size: ASan sees overreads */
	check(g.obj != NULL);
	if (size)
		memcpy(g.obj, data, size);
	g.len = g.cap = size;
	err0 = pc_journal_verify(&rd, &plat, "journal", NULL, &s0);
	check_summary(err0, &s0, size);
	err1 = pc_journal_verify(&rd, &plat, "journal", &g.key, &s1);
	check_summary(err1, &s1, size);
	check(s1.records <= s0.records);
	if (err0 == PC_OK)
		check(err1 == PC_OK || s1.fault == PC_JF_SIGNATURE || s1.fault == PC_JF_KEY);
	if (s1.records < s0.records)
		check(s1.fault == PC_JF_SIGNATURE || s1.fault == PC_JF_KEY);
	check_writer(err0, &s0);
	return 0;
}
