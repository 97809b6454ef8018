/*
 * The journal (core/journal*.c): appends per second and verification
 * speed in MB/s.
 *
 * Appends. Each pc_journal_append() is one storage_append of one DECISION
 * record (about 200 bytes here: a qr-offline approval with a transaction
 * and no hook trail), plus a signed checkpoint (ECDSA P-256 through
 * key_sign: on the POSIX port the key file is read for each signature)
 * every `every` records. Fsync policy: the POSIX port's
 * storage_append writes with O_APPEND and fsync()s the file before it
 * returns, on every append; an acknowledged record is durable. Three
 * settings:
 *   posix, disk   the POSIX port in a folder of $TMPDIR (or /tmp): every
 *                 append waits for fsync, so the rate is the storage's
 *                 synchronous-write rate (wall-clock time);
 *   posix, tmpfs  the same in /dev/shm, where fsync costs nothing: the cost
 *                 of the system calls and the port (wall-clock time);
 *   RAM           a RAM storage object: the library's own cost (encoding,
 *                 the encode/decode round trip that checks each entry, two
 *                 SHA-256, and the checkpoint signatures) in thread CPU time.
 * with checkpoints every 64 records (the default) and every 1024 (the
 * largest).
 *
 * Verification. pc_journal_verify() over a journal of NREC records in a
 * RAM object, streamed through the reader's PC_JOURNAL_WINDOW window:
 * CRC-32, canonical decoding and two SHA-256 per record, and with the key
 * one ECDSA verification per checkpoint. MB/s counts the journal's bytes
 * (10^6 bytes) per second of thread CPU time.
 *
 * Each measurement keeps the best of three runs. Exit status 1 on any
 * failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <paycode/crypto.h>
#include <paycode/journal.h>
#include "posix.h"

#define NREC 20000u
#define NAPPEND_DISK 300u
#define NAPPEND 5000u

static struct {
	uint8_t *obj;
	size_t len, cap;
	uint8_t priv[32];
	pc_journal_key key;
} g;

static pc_journal jw;
static pc_journal_reader rd;
static unsigned failures;

static void bad(int line, const char *what)
{
	fprintf(stderr, "bench_journal: line %d: %s\n", line, what);
	failures++;
}

#define check(x) ((x) ? (void)0 : bad(__LINE__, #x))

/* ---- a RAM platform */

static pc_err r_rng(void *ctx, uint8_t *out, size_t len)
{
	(void)ctx;
	memset(out, 0x5A, len);
	return PC_OK;
}

static pc_err r_time(void *ctx, pc_time *now)
{
	(void)ctx;
	*now = 1800000000;
	return PC_OK;
}

static pc_err r_read(void *ctx, const char *name, uint64_t off, uint8_t *buf, size_t cap,
		     size_t *got)
{
	size_t n = 0;

	(void)ctx;
	(void)name;
	if (g.obj == NULL)
		return PC_ERR_NOT_FOUND;
	if (off < g.len) {
		n = g.len - (size_t)off < cap ? g.len - (size_t)off : cap;
		memcpy(buf, g.obj + off, n);
	}
	*got = n;
	return PC_OK;
}

static pc_err r_append(void *ctx, const char *name, const uint8_t *data, size_t len)
{
	uint8_t *p;

	(void)ctx;
	(void)name;
	if (g.len + len > g.cap) {
		p = realloc(g.obj, 2 * (g.len + len));
		if (p == NULL)
			return PC_ERR_STORAGE;
		g.obj = p;
		g.cap = 2 * (g.len + len);
	}
	memcpy(g.obj + g.len, data, len);
	g.len += len;
	return PC_OK;
}

static pc_err r_write(void *ctx, const char *name, const uint8_t *data, size_t len)
{
	g.len = 0;
	return r_append(ctx, name, data, len);
}

static pc_err r_sign(void *ctx, uint32_t id, const uint8_t hash[32], uint8_t *sig,
		     size_t cap)
{
	(void)ctx;
	(void)id;
	return cap < 64 ? PC_ERR_KEYSTORE : pc_p256_sign(g.priv, hash, sig);
}

static const pc_platform ram = {
	.version = PC_PLATFORM_VERSION,
	.rng = r_rng,
	.time_now = r_time,
	.storage_read = r_read,
	.storage_write_atomic = r_write,
	.storage_append = r_append,
	.key_sign = r_sign,
};

/* ---- timing */

static double now_s(clockid_t c)
{
	struct timespec ts;

	(void)clock_gettime(c, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void entry(pc_journal_entry *e, unsigned n)
{
	pc_decision d;
	pc_txn t;
	char id[24];

	memset(&d, 0, sizeof d);
	d.verdict = PC_APPROVE;
	d.form = PC_FORM_QR_OFFLINE;
	d.token_id = 0x0102030405060708u + n;
	d.cert_serial = 1001;
	d.counter = n;
	d.gen_time = 1800000000;
	d.flags = PC_CODE_F_UV_BIOMETRIC;
	d.consumed = 1;
	memset(d.digest, (int)(n & 0xFF), sizeof d.digest);
	memset(&t, 0, sizeof t);
	t.amount = 100 + n % 1000;
	t.currency = PC_CURRENCY_CNY;
	t.mcc = 5411;
	memcpy(t.merchant_id, "M-000000000000001", 18);
	memcpy(t.terminal_id, "TERM-0001", 10);
	snprintf(id, sizeof id, "TX-%08u", n);
	check(pc_journal_entry_fill(e, id, PC_MODE_TERMINAL, NULL, &d, &t, NULL) == PC_OK);
}

/* Append n records to a fresh journal on plat; seconds per append. */
static double appends(const pc_platform *plat, uint32_t every, unsigned n, clockid_t c)
{
	static pc_journal_entry e[NAPPEND];
	pc_journal_cfg cfg;
	double t0;
	unsigned i;

	pc_journal_cfg_default(&cfg);
	cfg.every = every;
	cfg.seconds = 0;
	cfg.key_id = 1;
	for (i = 0; i < n; i++)
		entry(&e[i], i);
	check(pc_journal_create(&jw, plat, "journal", &cfg) == PC_OK);
	t0 = now_s(c);
	for (i = 0; i < n; i++)
		check(pc_journal_append(&jw, &e[i], NULL) == PC_OK);
	t0 = now_s(c) - t0;
	pc_journal_wipe(&jw);
	return t0 / n;
}

static double best3(double (*f)(const pc_platform *, uint32_t, unsigned, clockid_t),
		    const pc_platform *p, uint32_t every, unsigned n, clockid_t c,
		    void (*reset)(void))
{
	double best = 1e9, t;
	int i;

	for (i = 0; i < 3; i++) {
		reset();
		t = f(p, every, n, c);
		best = t < best ? t : best;
	}
	return best;
}

static void ram_reset(void)
{
	g.len = 0;
	free(g.obj);
	g.obj = NULL;
	g.cap = 0;
}

static char posix_dir[256];
static void posix_reset(void)
{
	char path[300];

	snprintf(path, sizeof path, "%s/journal", posix_dir);
	(void)unlink(path);
}

static void bench_posix(const char *base, const char *label)
{
	static pc_posix px;
	uint8_t pub[PC_P256_PUB_LEN];
	pc_platform plat;
	char path[300];
	double t;

	snprintf(posix_dir, sizeof posix_dir, "%s/paycode-bench-XXXXXX", base);
	if (mkdtemp(posix_dir) == NULL || pc_posix_init(&px, posix_dir, &plat) != PC_OK) {
		printf("  %-52s (no folder)\n", label);
		return;
	}
	check(plat.key_generate(plat.ctx, 1, PC_KEY_SUITE_P256, pub, sizeof pub) == PC_OK);
	t = best3(appends, &plat, 64, NAPPEND_DISK, CLOCK_MONOTONIC, posix_reset);
	printf("  %-52s %10.0f %10.1f\n", label, 1.0 / t, t * 1e6);
	posix_reset();
	snprintf(path, sizeof path, "%s/key-1.p256", posix_dir);
	(void)unlink(path);
	(void)rmdir(posix_dir);
	pc_posix_wipe(&px);
}

/* ---- verification */

static double verify_once(const pc_journal_key *k, pc_journal_summary *s)
{
	double t0 = now_s(CLOCK_THREAD_CPUTIME_ID);

	check(pc_journal_verify(&rd, &ram, "journal", k, s) == PC_OK);
	return now_s(CLOCK_THREAD_CPUTIME_ID) - t0;
}

static void bench_verify(uint32_t every)
{
	pc_journal_summary s;
	pc_journal_entry e;
	pc_journal_cfg cfg;
	double chain = 1e9, sig = 1e9, t;
	unsigned i;

	ram_reset();
	pc_journal_cfg_default(&cfg);
	cfg.every = every;
	cfg.seconds = 0;
	check(pc_journal_create(&jw, &ram, "journal", &cfg) == PC_OK);
	for (i = 0; i < NREC; i++) {
		entry(&e, i);
		check(pc_journal_append(&jw, &e, NULL) == PC_OK);
	}
	pc_journal_wipe(&jw);
	for (i = 0; i < 3; i++) {
		t = verify_once(NULL, &s);
		chain = t < chain ? t : chain;
		t = verify_once(&g.key, &s);
		sig = t < sig ? t : sig;
	}
	printf("  %u records, %.2f MB, %lu checkpoints (every %u):\n", NREC,
	       (double)g.len / 1e6, (unsigned long)s.checkpoints, (unsigned)every);
	printf("  %-52s %10.1f %10.0f\n", "  chain, records, CRC (no key)",
	       (double)g.len / 1e6 / chain, NREC / chain);
	printf("  %-52s %10.1f %10.0f\n", "  and checkpoint signatures (--key)",
	       (double)g.len / 1e6 / sig, NREC / sig);
}

int main(void)
{
	static const char label[] = "paycode bench journal key";
	const char *tmp = getenv("TMPDIR");
	double t;

	check(pc_sha256(label, sizeof label - 1, g.priv) == PC_OK);
	check(pc_p256_public(g.priv, g.key.pub) == PC_OK);
	g.key.key_id = 1;
	printf("bench_journal: appends (DECISION records of ~200 B; every append is one "
	       "storage_append, fsync'd by the POSIX port before it returns)\n");
	printf("\n  %-52s %10s %10s\n", "appends", "per s", "us each");
	bench_posix(tmp != NULL ? tmp : "/tmp", "posix, disk ($TMPDIR or /tmp), fsync each, cp/64");
	bench_posix("/dev/shm", "posix, tmpfs (/dev/shm), fsync each, cp/64");
	t = best3(appends, &ram, 64, NAPPEND, CLOCK_THREAD_CPUTIME_ID, ram_reset);
	printf("  %-52s %10.0f %10.1f\n", "RAM storage, CPU only, checkpoint every 64", 1.0 / t,
	       t * 1e6);
	t = best3(appends, &ram, 1024, NAPPEND, CLOCK_THREAD_CPUTIME_ID, ram_reset);
	printf("  %-52s %10.0f %10.1f\n", "RAM storage, CPU only, checkpoint every 1024",
	       1.0 / t, t * 1e6);
	printf("\n  %-52s %10s %10s\n", "verification (pc_journal_verify, streaming)", "MB/s",
	       "records/s");
	bench_verify(64);
	ram_reset();
	if (failures != 0)
		fprintf(stderr, "bench_journal: %u failures\n", failures);
	return failures == 0 ? 0 : 1;
}
