/*
 * Tests of the Cortex-M port (cm_port.c, cm_store.c) on the emulated MPS2
 * board: every hook, and the flash store's crash safety under power cuts
 * at every flash operation of a write, an append and a compaction, then
 * pc_filestore (the crash-safe replay store) on top of it.
 */
#include <string.h>

#include <paycode/code.h>
#include <paycode/crypto.h>

#include "../mps2/board_mps2.h"
#include "../cm_port.h"
#include "../mps2/out.h"
#include "port_test.h"

static pc_vt_tally *pc__t;

#define CHECK(cond)                                                        \
	do {                                                               \
		if (cond) {                                                \
			pc__t->passed++;                                   \
		} else {                                                   \
			pc__t->failed++;                                   \
			pc_out("FAIL port_test.c:%d: %s\n", __LINE__, #cond); \
		}                                                          \
	} while (0)

static pc_cm pc__cm;
static pc_platform pc__plat;
static uint8_t pc__buf[8192], pc__old[4096], pc__new[4096];

/* "Reboot": the port state is lost, the flash is not. */
static pc_err pc__reboot(void)
{
	pc_mps2_flash_power();
	return pc_cm_init(&pc__cm, &pc_mps2_board, &pc__plat);
}

/* Object capacity of the board's geometry: a sector less the header. */
static size_t pc__cm_capacity_hint(void)
{
	return PC_MPS2_FLASH_SECTOR - 80u;
}

static size_t pc__read_all(const char *name, pc_err *err)
{
	size_t got = 0;

	*err = pc__plat.storage_read(pc__plat.ctx, name, 0, pc__buf, sizeof pc__buf, &got);
	return got;
}

static void pc__fill(uint8_t *p, size_t n, uint8_t seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(seed + i * 7u + (i >> 8));
}

static void test_init_rng_time(void)
{
	uint8_t a[40], b[40];
	pc_time now = 0;

	CHECK(pc__reboot() == PC_OK);
	CHECK(pc_platform_check(&pc__plat) == PC_OK);
	CHECK(pc__plat.rng(pc__plat.ctx, a, sizeof a) == PC_OK);
	CHECK(pc__plat.rng(pc__plat.ctx, b, sizeof b) == PC_OK);
	CHECK(memcmp(a, b, sizeof a) != 0);
	pc_mps2_rtc_clear();
	CHECK(pc__plat.time_now(pc__plat.ctx, &now) == PC_ERR_TIME_UNKNOWN);
	pc_mps2_rtc_set(1800000000);
	CHECK(pc__plat.time_now(pc__plat.ctx, &now) == PC_OK);
	CHECK(now >= 1800000000 && now < 1800000000 + 60);
	/* a stuck source fails the health test, and the failure latches */
	pc_mps2_trng_stuck(1);
	CHECK(pc__plat.rng(pc__plat.ctx, a, sizeof a) == PC_ERR_RNG);
	pc_mps2_trng_stuck(0);
	CHECK(pc__plat.rng(pc__plat.ctx, a, sizeof a) == PC_ERR_RNG);
	CHECK(pc_cm_trng_failed(&pc__cm));
	CHECK(pc__reboot() == PC_OK && !pc_cm_trng_failed(&pc__cm));
}

static void test_mutex(void)
{
	CHECK(pc__reboot() == PC_OK);
	pc__plat.mutex_lock(pc__plat.ctx);
	pc__plat.mutex_unlock(pc__plat.ctx);
	CHECK(pc_cm_lock_errors(&pc__cm) == 0);
	pc__plat.mutex_unlock(pc__plat.ctx);
	CHECK(pc_cm_lock_errors(&pc__cm) == 1);
}

static void test_storage_basics(void)
{
	size_t got = 0, i;
	pc_err err;

	CHECK(pc_cm_format(&pc__cm) == PC_OK);
	CHECK(pc__read_all("a", &err) == 0 && err == PC_ERR_NOT_FOUND);
	CHECK(pc__plat.storage_write_atomic(pc__plat.ctx, "#k00000001", pc__old, 4) ==
	      PC_ERR_INVALID_ARG);
	pc__fill(pc__old, 1000, 1);
	CHECK(pc__plat.storage_write_atomic(pc__plat.ctx, "a", pc__old, 1000) == PC_OK);
	CHECK(pc__read_all("a", &err) == 1000 && err == PC_OK &&
	      memcmp(pc__buf, pc__old, 1000) == 0);
	/* offset reads, past the end too */
	CHECK(pc__plat.storage_read(pc__plat.ctx, "a", 990, pc__buf, 100, &got) == PC_OK &&
	      got == 10 && memcmp(pc__buf, pc__old + 990, 10) == 0);
	CHECK(pc__plat.storage_read(pc__plat.ctx, "a", 5000, pc__buf, 100, &got) == PC_OK &&
	      got == 0);
	/* appends of odd sizes, read across record boundaries, after a reboot */
	for (i = 1; i <= 9; i++)
		CHECK(pc__plat.storage_append(pc__plat.ctx, "a", pc__old + 1000 - 10 * i, i) == PC_OK);
	CHECK(pc__reboot() == PC_OK);
	CHECK(pc__read_all("a", &err) == 1045 && err == PC_OK);
	CHECK(pc__plat.storage_read(pc__plat.ctx, "a", 1001, pc__buf, 2, &got) == PC_OK &&
	      got == 2 && pc__buf[0] == pc__old[980] && pc__buf[1] == pc__old[981]);
	/* an append creates; too large is refused and changes nothing */
	CHECK(pc__plat.storage_append(pc__plat.ctx, "b", pc__old, 3) == PC_OK);
	CHECK(pc__read_all("b", &err) == 3 && err == PC_OK);
	CHECK(pc__plat.storage_write_atomic(pc__plat.ctx, "b", pc__buf, sizeof pc__buf) ==
	      PC_ERR_STORAGE);
	CHECK(pc__read_all("b", &err) == 3 && err == PC_OK);
}

/* Appends past a sector: compaction keeps every byte, in order, until the
 * object no longer fits; the append that does not fit changes nothing. */
static void test_compaction(void)
{
	uint8_t rec[48];
	unsigned i;
	size_t n;
	pc_err err;
	int ok = 1;

	CHECK(pc_cm_format(&pc__cm) == PC_OK);
	CHECK(pc__plat.storage_write_atomic(pc__plat.ctx, "log", rec, 0) == PC_OK);
	for (i = 0; i < 300 && ok; i++) {
		memset(rec, (int)(i & 0xFF), sizeof rec);
		if (pc__plat.storage_append(pc__plat.ctx, "log", rec, sizeof rec) != PC_OK)
			break;
		if (i == 150 && pc__reboot() != PC_OK)
			ok = 0;
		n = pc__read_all("log", &err);
		if (err != PC_OK || n != (i + 1) * sizeof rec ||
		    pc__buf[i * sizeof rec] != (uint8_t)i || pc__buf[0] != 0)
			ok = 0;
	}
	CHECK(ok);
	/* 8112 bytes fit a sector: 169 records */
	CHECK(i == pc__cm_capacity_hint() / sizeof rec);
	n = pc__read_all("log", &err);
	CHECK(err == PC_OK && n == i * sizeof rec);
}

/*
 * Power cut at every flash operation of `op`: after the reboot the object
 * reads as `old` or as `want` (want_len bytes), nothing else, and a later
 * write still works.
 */
static int pc__cut_case(int (*op)(void), const char *name, const uint8_t *old,
			size_t old_len, const uint8_t *want, size_t want_len)
{
	unsigned k, ops;
	size_t n;
	pc_err err;
	int bad = 0;

	for (k = 0; k < 64; k++) {
		CHECK(pc__reboot() == PC_OK);
		CHECK(pc__plat.storage_write_atomic(pc__plat.ctx, name, old, old_len) == PC_OK);
		ops = pc_mps2_flash_ops();
		pc_mps2_flash_cut(k, 3 + k % 5); /* a few bytes of the cut op land */
		(void)op();
		if (!pc_mps2_flash_was_cut())
			return bad; /* the op completed before cut k: all cases done */
		if (pc__reboot() != PC_OK)
			return bad + 1;
		n = pc__read_all(name, &err);
		if (err != PC_OK || !((n == old_len && memcmp(pc__buf, old, n) == 0) ||
				      (n == want_len && memcmp(pc__buf, want, n) == 0))) {
			pc_out("  cut after %u of the ops from %u: %u bytes\n", k, ops, (unsigned)n);
			bad++;
		}
		if (pc__plat.storage_append(pc__plat.ctx, name, old, 5) != PC_OK)
			bad++;
	}
	return bad;
}

static int pc__op_write(void)
{
	return pc__plat.storage_write_atomic(pc__plat.ctx, "obj", pc__new, 700);
}

static int pc__op_append(void)
{
	return pc__plat.storage_append(pc__plat.ctx, "obj", pc__new, 100);
}

static void test_power_cuts(void)
{
	static uint8_t joined[8192];

	pc__fill(pc__old, sizeof pc__old, 3);
	pc__fill(pc__new, sizeof pc__new, 99);
	CHECK(pc_cm_format(&pc__cm) == PC_OK);
	/* whole write over an old copy */
	CHECK(pc__cut_case(pc__op_write, "obj", pc__old, 600, pc__new, 700) == 0);
	/* append as a record */
	memcpy(joined, pc__old, 600);
	memcpy(joined + 600, pc__new, 100);
	CHECK(pc__cut_case(pc__op_append, "obj", pc__old, 600, joined, 700) == 0);
	/* append that needs a compaction (the sector is nearly full) */
	memcpy(joined, pc__old, 4096);
	memcpy(joined + 4096, pc__old, 3912);
	memcpy(joined + 8008, pc__new, 100);
	CHECK(pc__cut_case(pc__op_append, "obj", joined, 8008, joined, 8108) == 0);
}

static void test_keystore(void)
{
	uint8_t pub[65], pub2[65], hash[32], sig[64];
	size_t got;

	CHECK(pc_cm_format(&pc__cm) == PC_OK);
	CHECK(pc__plat.key_public(pc__plat.ctx, 7, pub, sizeof pub) == PC_ERR_NOT_FOUND);
	CHECK(pc__plat.key_generate(pc__plat.ctx, 7, PC_KEY_SUITE_P256, pub, sizeof pub) == PC_OK);
	CHECK(pc__plat.key_generate(pc__plat.ctx, 8, 99, pub2, sizeof pub2) == PC_ERR_UNSUPPORTED);
	CHECK(pc__reboot() == PC_OK);
	CHECK(pc__plat.key_public(pc__plat.ctx, 7, pub2, sizeof pub2) == PC_OK &&
	      memcmp(pub, pub2, sizeof pub) == 0);
	memset(hash, 0x42, sizeof hash);
	CHECK(pc__plat.key_sign(pc__plat.ctx, 7, hash, sig, sizeof sig) == PC_OK);
	CHECK(pc_p256_verify(pub, hash, sig) == PC_OK);
	CHECK(pc__plat.key_sign(pc__plat.ctx, 7, hash, sig, 10) == PC_ERR_BUFFER_TOO_SMALL);
	/* no storage name reaches a key */
	CHECK(pc__plat.storage_read(pc__plat.ctx, "#k00000007", 0, pc__buf, 100, &got) ==
	      PC_ERR_INVALID_ARG);
}

/* Sealing keys: created on first use, stable across a reboot, distinct per
 * id and per label, gone after a format, unreachable by storage names. */
static void test_seal_keys(void)
{
	static const uint8_t la[] = "paycode/v1/bio-seal", lb[] = "other";
	uint8_t a[32], a2[32], b[32], c[32];
	size_t got;

	CHECK(pc_cm_format(&pc__cm) == PC_OK);
	CHECK(pc__plat.version == PC_PLATFORM_VERSION && pc__plat.key_derive != NULL);
	CHECK(pc_platform_key_derive(&pc__plat, 3, la, sizeof la - 1, a) == PC_OK);
	CHECK(pc__reboot() == PC_OK);
	CHECK(pc_platform_key_derive(&pc__plat, 3, la, sizeof la - 1, a2) == PC_OK &&
	      memcmp(a, a2, 32) == 0);
	CHECK(pc_platform_key_derive(&pc__plat, 3, lb, sizeof lb - 1, b) == PC_OK &&
	      memcmp(a, b, 32) != 0);
	CHECK(pc_platform_key_derive(&pc__plat, 4, la, sizeof la - 1, c) == PC_OK &&
	      memcmp(a, c, 32) != 0);
	CHECK(pc__plat.storage_read(pc__plat.ctx, "#s00000003", 0, pc__buf, 100, &got) ==
	      PC_ERR_INVALID_ARG);
	CHECK(pc_platform_key_derive(&pc__plat, 3, la, 0, c) == PC_ERR_INVALID_ARG);
	CHECK(pc_cm_format(&pc__cm) == PC_OK);
	CHECK(pc_platform_key_derive(&pc__plat, 3, la, sizeof la - 1, a2) == PC_OK &&
	      memcmp(a, a2, 32) != 0);
}

/* pc_filestore on flash: a consumed code survives a reboot, and a power
 * cut during a consume leaves a store that opens and fails closed. */
static void test_filestore(void)
{
	static pc_filestore fs;
	uint8_t key[PC_REPLAY_KEY_LEN];
	pc_store st;
	unsigned k, i;
	int bad = 0;

	memset(key, 0x11, sizeof key);
	CHECK(pc_cm_format(&pc__cm) == PC_OK);
	CHECK(pc_filestore_open(&fs, &pc__plat, &st) == PC_OK);
	CHECK(st.consume(st.ctx, key, 2000, 1000) == PC_OK);
	CHECK(pc__reboot() == PC_OK && pc_filestore_open(&fs, &pc__plat, &st) == PC_OK);
	CHECK(st.consume(st.ctx, key, 2000, 1001) == PC_ERR_REPLAYED);
	/* 300 short-lived keys: slots are reused, the log is compacted */
	for (i = 0; i < 300 && !bad; i++) {
		key[0] = (uint8_t)i;
		key[1] = (uint8_t)(i >> 8);
		bad = st.consume(st.ctx, key, 1003 + (pc_time)i, 1002 + (pc_time)i) != PC_OK;
	}
	CHECK(!bad);
	for (k = 0; k < 12; k++) {
		key[2] = (uint8_t)(k + 1);
		pc_mps2_flash_cut(k, 2);
		(void)st.consume(st.ctx, key, 9000, 2000);
		CHECK(pc__reboot() == PC_OK && pc_filestore_open(&fs, &pc__plat, &st) == PC_OK);
		/* consumed or not, the key can be consumed at most once more */
		CHECK(st.consume(st.ctx, key, 9000, 2001) != PC_ERR_STORAGE);
		CHECK(st.consume(st.ctx, key, 9000, 2001) == PC_ERR_REPLAYED);
	}
	pc_filestore_wipe(&fs);
}

void pc_port_test(pc_vt_tally *t)
{
	pc_vt_tally at = *t;

	pc__t = t;
	test_init_rng_time();
	test_mutex();
	test_storage_basics();
	test_compaction();
	test_power_cuts();
	test_keystore();
	test_seal_keys();
	test_filestore();
	pc_out("  %-22s %u passed, %u failed\n", "port (cm_port, store)",
	       t->passed - at.passed, t->failed - at.failed);
}
