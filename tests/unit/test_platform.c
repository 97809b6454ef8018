/*
 * Unit tests for core/platform.c and the two host ports: ports/fake
 * (determinism, clock, storage, every fault switch, key store, mutex and
 * log bookkeeping) and ports/posix (in a fresh mkdtemp folder).
 */
#include "testutil.h"

#include <dirent.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <paycode/crypto.h>
#include "fake.h"
#include <paycode/ct.h>
#include "posix.h"

#define PC__PATH_MAX 4096

static pc_fake fk, fk2;
static pc_platform pf, pf2;

static int fake_setup(void **state)
{
	(void)state;
	pc_fake_init(&fk, 1, &pf);
	return 0;
}

static int fake_teardown(void **state)
{
	(void)state;
	assert_int_equal(pc_fake_lock_depth(&fk), 0);
	pc_fake_wipe(&fk);
	pc_fake_wipe(&fk2);
	return 0;
}

/* ---- core/platform.c */

static void test_platform_check(void **state)
{
	pc_platform p;

	(void)state;
	assert_int_equal(pf.version, PC_PLATFORM_VERSION);
	assert_ptr_equal(pf.ctx, &fk);
	assert_true(pf.rng && pf.time_now && pf.storage_read &&
		    pf.storage_write_atomic && pf.storage_append &&
		    pf.mutex_lock && pf.mutex_unlock && pf.log &&
		    pf.key_generate && pf.key_public && pf.key_sign);
	assert_int_equal(pc_platform_check(&pf), PC_OK);
	assert_int_equal(pc_platform_check(NULL), PC_ERR_INVALID_ARG);
	p = pf;
	p.version = 0;
	assert_int_equal(pc_platform_check(&p), PC_ERR_INVALID_ARG);
	p.version = PC_PLATFORM_VERSION + 1;
	assert_int_equal(pc_platform_check(&p), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_fake_log_count(&fk), 0); /* unknown layout: no log */
	p = pf;
	p.rng = NULL;
	assert_int_equal(pc_platform_check(&p), PC_ERR_INVALID_ARG);
	assert_non_null(strstr(pc_fake_last_log(&fk, NULL), "rng"));
	p = pf;
	p.time_now = NULL;
	assert_int_equal(pc_platform_check(&p), PC_ERR_INVALID_ARG);
	assert_non_null(strstr(pc_fake_last_log(&fk, NULL), "time_now"));
	p.log = NULL; /* still rejected without a log hook */
	assert_int_equal(pc_platform_check(&p), PC_ERR_INVALID_ARG);
}

static void test_platform_time(void **state)
{
	pc_time t = 0;
	pc_platform p = pf;

	(void)state;
	assert_int_equal(pc_platform_time(&pf, &t), PC_OK);
	assert_int_equal(t, PC_FAKE_START_TIME);
	pc_fake_set_time(&fk, 12345);
	assert_int_equal(pc_platform_time(&pf, &t), PC_OK);
	assert_int_equal(t, 12345);
	pc_fake_set_time_unknown(&fk);
	t = 7;
	assert_int_equal(pc_platform_time(&pf, &t), PC_ERR_TIME_UNKNOWN);
	assert_int_equal(t, 7); /* untouched on failure */
	pc_fake_set_time(&fk, -1); /* before 1970: not trusted */
	assert_int_equal(pc_platform_time(&pf, &t), PC_ERR_TIME_UNKNOWN);
	pc_fake_set_time(&fk, 0);
	assert_int_equal(pc_platform_time(&pf, &t), PC_OK);
	assert_int_equal(t, 0);
	assert_int_equal(pc_platform_time(&pf, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_platform_time(NULL, &t), PC_ERR_INVALID_ARG);
	p.time_now = NULL;
	assert_int_equal(pc_platform_time(&p, &t), PC_ERR_INVALID_ARG);
}

static void test_platform_random(void **state)
{
	uint8_t b[40], zero[40] = { 0 };
	pc_platform p = pf;

	(void)state;
	assert_int_equal(pc_platform_random(&pf, b, sizeof b), PC_OK);
	assert_memory_not_equal(b, zero, sizeof b);
	assert_int_equal(pc_platform_random(&pf, NULL, 0), PC_OK);
	assert_int_equal(pc_platform_random(&pf, NULL, 1), PC_ERR_INVALID_ARG);
	/* The fake writes 0xA5 garbage on failure; the wrapper zeroises it. */
	pc_fake_fail(&fk, PC_FAKE_FAIL_RNG, true);
	assert_int_equal(pc_platform_random(&pf, b, sizeof b), PC_ERR_RNG);
	assert_memory_equal(b, zero, sizeof b);
	pc_fake_fail(&fk, PC_FAKE_FAIL_RNG, false);
	assert_int_equal(pc_platform_random(&pf, b, sizeof b), PC_OK);
	assert_memory_not_equal(b, zero, sizeof b);
	p.rng = NULL;
	assert_int_equal(pc_platform_random(&p, b, sizeof b),
			 PC_ERR_INVALID_ARG);
	assert_memory_equal(b, zero, sizeof b);
	assert_int_equal(pc_platform_random(NULL, b, 1), PC_ERR_INVALID_ARG);
}

/* ---- fake: rng */

static void test_fake_rng_deterministic(void **state)
{
	uint8_t a[100], b[100], c[32], want[32];

	(void)state;
	pc_fake_init(&fk2, 1, &pf2);
	assert_int_equal(pf.rng(pf.ctx, a, sizeof a), PC_OK);
	assert_int_equal(pf2.rng(pf2.ctx, b, sizeof b), PC_OK);
	assert_memory_equal(a, b, sizeof a);
	/* Documented stream: block 0 = SHA-256(seed_be64 || 0_be64). */
	tu_unhex("783825822a6f9e62da2190e828e4c9d2"
		 "576e5977e3a0b3620b092dfb9e9996fa", want, sizeof want);
	assert_memory_equal(a, want, 32);
	/* Blocks 0-3 were used (100 bytes); the next call starts block 4. */
	assert_int_equal(pf.rng(pf.ctx, c, sizeof c), PC_OK);
	assert_memory_not_equal(c, a + 64, 32);
	pc_fake_init(&fk2, 2, &pf2);
	assert_int_equal(pf2.rng(pf2.ctx, b, sizeof b), PC_OK);
	assert_memory_not_equal(a, b, 32);
}

/* ---- fake: storage */

static pc_err rd(const pc_platform *p, const char *name, uint64_t off,
		 uint8_t *buf, size_t cap, size_t *got)
{
	*got = 9999;
	return p->storage_read(p->ctx, name, off, buf, cap, got);
}

static void test_fake_storage(void **state)
{
	uint8_t buf[16];
	size_t got;

	(void)state;
	assert_int_equal(rd(&pf, "obj", 0, buf, sizeof buf, &got),
			 PC_ERR_NOT_FOUND);
	assert_int_equal(pf.storage_write_atomic(pf.ctx, "obj",
				(const uint8_t *)"hello", 5), PC_OK);
	assert_int_equal(rd(&pf, "obj", 0, buf, sizeof buf, &got), PC_OK);
	assert_int_equal(got, 5);
	assert_memory_equal(buf, "hello", 5);
	assert_int_equal(rd(&pf, "obj", 2, buf, 2, &got), PC_OK);
	assert_int_equal(got, 2);
	assert_memory_equal(buf, "ll", 2);
	assert_int_equal(rd(&pf, "obj", 5, buf, sizeof buf, &got), PC_OK);
	assert_int_equal(got, 0);
	assert_int_equal(rd(&pf, "obj", UINT64_MAX, buf, sizeof buf, &got),
			 PC_OK);
	assert_int_equal(got, 0);
	/* A write replaces, shorter included. */
	assert_int_equal(pf.storage_write_atomic(pf.ctx, "obj",
				(const uint8_t *)"HI", 2), PC_OK);
	assert_int_equal(rd(&pf, "obj", 0, buf, sizeof buf, &got), PC_OK);
	assert_int_equal(got, 2);
	assert_memory_equal(buf, "HI", 2);
	/* Append creates, then appends. */
	assert_int_equal(pf.storage_append(pf.ctx, "log", (const uint8_t *)"ab",
					   2), PC_OK);
	assert_int_equal(pf.storage_append(pf.ctx, "log", (const uint8_t *)"cd",
					   2), PC_OK);
	assert_int_equal(rd(&pf, "log", 0, buf, sizeof buf, &got), PC_OK);
	assert_int_equal(got, 4);
	assert_memory_equal(buf, "abcd", 4);
}

static void test_fake_storage_faults(void **state)
{
	uint8_t buf[16];
	size_t got;

	(void)state;
	assert_int_equal(pf.storage_write_atomic(pf.ctx, "o",
				(const uint8_t *)"old", 3), PC_OK);
	pc_fake_fail(&fk, PC_FAKE_FAIL_WRITE, true);
	assert_int_equal(pf.storage_write_atomic(pf.ctx, "o",
				(const uint8_t *)"new!", 4), PC_ERR_STORAGE);
	pc_fake_fail(&fk, PC_FAKE_FAIL_WRITE, false);
	assert_int_equal(rd(&pf, "o", 0, buf, sizeof buf, &got), PC_OK);
	assert_int_equal(got, 3); /* old contents intact */
	assert_memory_equal(buf, "old", 3);

	pc_fake_fail(&fk, PC_FAKE_FAIL_READ, true);
	assert_int_equal(rd(&pf, "o", 0, buf, sizeof buf, &got),
			 PC_ERR_STORAGE);
	pc_fake_fail(&fk, PC_FAKE_FAIL_READ, false);

	pc_fake_fail(&fk, PC_FAKE_FAIL_APPEND, true);
	assert_int_equal(pf.storage_append(pf.ctx, "o", (const uint8_t *)"x", 1),
			 PC_ERR_STORAGE);
	pc_fake_fail(&fk, PC_FAKE_FAIL_APPEND, false);
	assert_int_equal(rd(&pf, "o", 0, buf, sizeof buf, &got), PC_OK);
	assert_int_equal(got, 3);

	/* Torn append: 2 of 5 bytes land, the call fails, once. */
	pc_fake_short_append(&fk, 2);
	assert_int_equal(pf.storage_append(pf.ctx, "o",
				(const uint8_t *)"12345", 5), PC_ERR_STORAGE);
	assert_int_equal(rd(&pf, "o", 0, buf, sizeof buf, &got), PC_OK);
	assert_int_equal(got, 5);
	assert_memory_equal(buf, "old12", 5);
	assert_int_equal(pf.storage_append(pf.ctx, "o", (const uint8_t *)"AB",
					   2), PC_OK);
	assert_int_equal(rd(&pf, "o", 0, buf, sizeof buf, &got), PC_OK);
	assert_int_equal(got, 7);
	assert_memory_equal(buf, "old12AB", 7);
}

static void test_fake_storage_limits(void **state)
{
	static uint8_t big[PC_FAKE_OBJECT_CAP + 1];
	char name[8];
	uint8_t buf[4];
	size_t got;
	unsigned i;

	(void)state;
	assert_int_equal(pf.storage_write_atomic(pf.ctx, "big", big,
				PC_FAKE_OBJECT_CAP + 1), PC_ERR_STORAGE);
	assert_int_equal(rd(&pf, "big", 0, buf, sizeof buf, &got),
			 PC_ERR_NOT_FOUND);
	assert_int_equal(pf.storage_write_atomic(pf.ctx, "big", big,
				PC_FAKE_OBJECT_CAP - 1), PC_OK);
	assert_int_equal(pf.storage_append(pf.ctx, "big", big, 2),
			 PC_ERR_STORAGE); /* would overflow: nothing lands */
	assert_int_equal(pf.storage_append(pf.ctx, "big", big, 1), PC_OK);
	for (i = 1; i < PC_FAKE_OBJECTS; i++) {
		snprintf(name, sizeof name, "o%u", i);
		assert_int_equal(pf.storage_append(pf.ctx, name, big, 1), PC_OK);
	}
	assert_int_equal(pf.storage_write_atomic(pf.ctx, "one-more", big, 1),
			 PC_ERR_STORAGE);
}

static void check_names(const pc_platform *p, pc_err long_ok)
{
	static const char *const bad[] = { "", ".", "..", "a/b", "../x",
					   "a b", "x\n", "caf\xc3\xa9" };
	char n63[64], n64[65];
	uint8_t b[1] = { 0x5a };
	size_t i, got;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(rd(p, bad[i], 0, b, 1, &got),
				 PC_ERR_INVALID_ARG);
		assert_int_equal(p->storage_write_atomic(p->ctx, bad[i], b, 1),
				 PC_ERR_INVALID_ARG);
		assert_int_equal(p->storage_append(p->ctx, bad[i], b, 1),
				 PC_ERR_INVALID_ARG);
	}
	assert_int_equal(rd(p, NULL, 0, b, 1, &got), PC_ERR_INVALID_ARG);
	memset(n64, 'a', 64);
	n64[64] = '\0';
	assert_int_equal(p->storage_write_atomic(p->ctx, n64, b, 1),
			 PC_ERR_INVALID_ARG);
	memset(n63, 'Z', 63);
	n63[0] = '.';
	n63[62] = '-';
	n63[63] = '\0';
	assert_int_equal(p->storage_write_atomic(p->ctx, n63, b, 1), long_ok);
	assert_int_equal(p->storage_write_atomic(p->ctx, "A-z_0.9", b, 1),
			 PC_OK);
}

static void test_fake_storage_names(void **state)
{
	(void)state;
	check_names(&pf, PC_OK);
}

/* ---- fake: key store */

static void test_fake_keystore(void **state)
{
	uint8_t pub[65], pub2[65], h[32], sig[64];

	(void)state;
	assert_int_equal(pc_sha256("x", 1, h), PC_OK);
	assert_int_equal(pf.key_public(pf.ctx, 7, pub, sizeof pub),
			 PC_ERR_NOT_FOUND);
	assert_int_equal(pf.key_sign(pf.ctx, 7, h, sig, sizeof sig),
			 PC_ERR_NOT_FOUND);
	assert_int_equal(pf.key_generate(pf.ctx, 7, PC_KEY_SUITE_P256, pub,
					 sizeof pub), PC_OK);
	assert_int_equal(pc_p256_check_public(pub), PC_OK);
	assert_int_equal(pf.key_public(pf.ctx, 7, pub2, sizeof pub2), PC_OK);
	assert_memory_equal(pub, pub2, 65);
	assert_int_equal(pf.key_sign(pf.ctx, 7, h, sig, sizeof sig), PC_OK);
	assert_int_equal(pc_p256_verify(pub, h, sig), PC_OK);
	/* Same seed, same key. */
	pc_fake_init(&fk2, 1, &pf2);
	assert_int_equal(pf2.key_generate(pf2.ctx, 7, PC_KEY_SUITE_P256, pub2,
					  sizeof pub2), PC_OK);
	assert_memory_equal(pub, pub2, 65);
	/* Regenerating replaces the key. */
	assert_int_equal(pf.key_generate(pf.ctx, 7, PC_KEY_SUITE_P256, pub2,
					 sizeof pub2), PC_OK);
	assert_memory_not_equal(pub, pub2, 65);
	assert_int_equal(pf.key_sign(pf.ctx, 7, h, sig, sizeof sig), PC_OK);
	assert_int_equal(pc_p256_verify(pub2, h, sig), PC_OK);
	assert_int_equal(pc_p256_verify(pub, h, sig), PC_ERR_VERIFY);
}

static void test_fake_keystore_errors(void **state)
{
	uint8_t pub[65], pub2[65], h[32] = { 0 }, sig[64];
	uint32_t id;

	(void)state;
	assert_int_equal(pf.key_generate(pf.ctx, 1, 2, pub, sizeof pub),
			 PC_ERR_UNSUPPORTED);
	assert_int_equal(pf.key_generate(pf.ctx, 1, PC_KEY_SUITE_P256, pub, 64),
			 PC_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(pf.key_generate(pf.ctx, 1, PC_KEY_SUITE_P256, pub,
					 sizeof pub), PC_OK);
	assert_int_equal(pf.key_public(pf.ctx, 1, pub2, 64),
			 PC_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(pf.key_sign(pf.ctx, 1, h, sig, 63),
			 PC_ERR_BUFFER_TOO_SMALL);
	pc_fake_fail(&fk, PC_FAKE_FAIL_KEYSTORE, true);
	assert_int_equal(pf.key_generate(pf.ctx, 1, PC_KEY_SUITE_P256, pub2,
					 sizeof pub2), PC_ERR_KEYSTORE);
	assert_int_equal(pf.key_public(pf.ctx, 1, pub2, sizeof pub2),
			 PC_ERR_KEYSTORE);
	assert_int_equal(pf.key_sign(pf.ctx, 1, h, sig, sizeof sig),
			 PC_ERR_KEYSTORE);
	pc_fake_fail(&fk, PC_FAKE_FAIL_KEYSTORE, false);
	/* An rng failure during generation keeps the old key. */
	pc_fake_fail(&fk, PC_FAKE_FAIL_RNG, true);
	assert_int_equal(pf.key_generate(pf.ctx, 1, PC_KEY_SUITE_P256, pub2,
					 sizeof pub2), PC_ERR_RNG);
	pc_fake_fail(&fk, PC_FAKE_FAIL_RNG, false);
	assert_int_equal(pf.key_public(pf.ctx, 1, pub2, sizeof pub2), PC_OK);
	assert_memory_equal(pub, pub2, 65);
	/* The slot table is fixed. */
	for (id = 2; id <= PC_FAKE_KEYS; id++)
		assert_int_equal(pf.key_generate(pf.ctx, id, PC_KEY_SUITE_P256,
						 pub2, sizeof pub2), PC_OK);
	assert_int_equal(pf.key_generate(pf.ctx, 99, PC_KEY_SUITE_P256, pub2,
					 sizeof pub2), PC_ERR_KEYSTORE);
}

/* ---- fake: mutex and log */

static void test_fake_mutex_log(void **state)
{
	char longmsg[400];
	pc_log_level lvl = PC_LOG_DEBUG;

	(void)state;
	assert_string_equal(pc_fake_last_log(&fk, NULL), "");
	pf.mutex_lock(pf.ctx);
	assert_int_equal(pc_fake_lock_depth(&fk), 1);
	pf.mutex_unlock(pf.ctx);
	assert_int_equal(pc_fake_lock_depth(&fk), 0);
	assert_int_equal(pc_fake_lock_errors(&fk), 0);
	pf.mutex_unlock(pf.ctx); /* unlock while free */
	assert_int_equal(pc_fake_lock_errors(&fk), 1);
	assert_int_equal(pc_fake_lock_depth(&fk), 0);
	pf.mutex_lock(pf.ctx);
	pf.mutex_lock(pf.ctx); /* relock: a deadlock on a real mutex */
	assert_int_equal(pc_fake_lock_errors(&fk), 2);
	pf.mutex_unlock(pf.ctx);
	pf.mutex_unlock(pf.ctx);
	assert_int_equal(pc_fake_lock_depth(&fk), 0);

	pf.log(pf.ctx, PC_LOG_WARN, "first");
	pf.log(pf.ctx, PC_LOG_ERROR, "second");
	assert_string_equal(pc_fake_last_log(&fk, &lvl), "second");
	assert_int_equal(lvl, PC_LOG_ERROR);
	assert_int_equal(pc_fake_log_count(&fk), 2);
	memset(longmsg, 'm', sizeof longmsg - 1);
	longmsg[sizeof longmsg - 1] = '\0';
	pf.log(pf.ctx, PC_LOG_INFO, longmsg);
	assert_int_equal(strlen(pc_fake_last_log(&fk, NULL)),
			 PC_FAKE_LOG_MAX - 1);
}

static void test_fake_wipe(void **state)
{
	static pc_fake zero;

	(void)state;
	assert_int_equal(pf.key_generate(pf.ctx, 3, PC_KEY_SUITE_P256,
					 (uint8_t[65]){ 0 }, 65), PC_OK);
	pc_fake_wipe(&fk);
	assert_memory_equal(&fk, &zero, sizeof fk);
	pc_fake_wipe(NULL);
}

/* ---- posix */

static char dir[64];
static pc_posix px;
static pc_platform pp;

static void rm_dir(const char *d)
{
	DIR *dp = opendir(d);
	struct dirent *e;
	char path[PC__PATH_MAX];

	if (dp == NULL)
		return;
	while ((e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", d, e->d_name);
		assert_int_equal(unlink(path), 0);
	}
	closedir(dp);
	(void)rmdir(d);
}

/* Number of entries in dir whose name starts with c. */
static int count_prefix(char c)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(dp);
	while ((e = readdir(dp)) != NULL)
		n += e->d_name[0] == c;
	closedir(dp);
	return n;
}

static int posix_setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/pc-posix-XXXXXX");
	assert_non_null(mkdtemp(dir));
	assert_int_equal(pc_posix_init(&px, dir, &pp), PC_OK);
	return 0;
}

static int posix_teardown(void **state)
{
	(void)state;
	pc_posix_wipe(&px);
	rm_dir(dir);
	return 0;
}

static void test_posix_init(void **state)
{
	char longdir[PC_POSIX_DIR_MAX + 2], file[PC__PATH_MAX];
	pc_posix other;
	pc_platform p;

	(void)state;
	snprintf(file, sizeof file, "%s/plain", dir);
	assert_int_equal(pp.storage_write_atomic(pp.ctx, "plain",
				(const uint8_t *)"x", 1), PC_OK);
	assert_int_equal(pc_platform_check(&pp), PC_OK);
	assert_ptr_equal(pp.ctx, &px);
	assert_true(pp.storage_read && pp.storage_write_atomic &&
		    pp.storage_append && pp.mutex_lock && pp.mutex_unlock &&
		    pp.log && pp.key_generate && pp.key_public && pp.key_sign);
	assert_int_equal(pc_posix_init(NULL, dir, &p), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_posix_init(&other, NULL, &p), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_posix_init(&other, dir, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_posix_init(&other, "", &p), PC_ERR_INVALID_ARG);
	memset(longdir, 'd', sizeof longdir - 1);
	longdir[sizeof longdir - 1] = '\0';
	assert_int_equal(pc_posix_init(&other, longdir, &p),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_posix_init(&other, "/nonexistent/pc", &p),
			 PC_ERR_STORAGE);
	assert_int_equal(pc_posix_init(&other, file, &p), PC_ERR_STORAGE);
	pc_posix_wipe(NULL);
}

static void test_posix_rng_time_mutex(void **state)
{
	uint8_t a[1000], b[1000], zero[1000] = { 0 };
	pc_time t = 0;
	time_t now = time(NULL);

	(void)state;
	assert_int_equal(pc_platform_random(&pp, a, sizeof a), PC_OK);
	assert_int_equal(pc_platform_random(&pp, b, sizeof b), PC_OK);
	assert_memory_not_equal(a, zero, sizeof a);
	assert_memory_not_equal(a, b, sizeof a);
	assert_int_equal(pc_platform_time(&pp, &t), PC_OK);
	assert_true(t >= (pc_time)now - 5 && t <= (pc_time)now + 5);
	pp.mutex_lock(pp.ctx);
	pp.mutex_unlock(pp.ctx);
	pp.mutex_lock(pp.ctx); /* a second lock after unlock does not hang */
	pp.mutex_unlock(pp.ctx);
	pp.log(pp.ctx, PC_LOG_DEBUG, "test_platform: posix log hook");
}

static void test_posix_storage(void **state)
{
	uint8_t buf[32];
	size_t got;
	struct stat st;
	char path[PC__PATH_MAX];

	(void)state;
	assert_int_equal(rd(&pp, "obj", 0, buf, sizeof buf, &got),
			 PC_ERR_NOT_FOUND);
	assert_int_equal(pp.storage_write_atomic(pp.ctx, "obj",
				(const uint8_t *)"hello world", 11), PC_OK);
	assert_int_equal(rd(&pp, "obj", 6, buf, sizeof buf, &got), PC_OK);
	assert_int_equal(got, 5);
	assert_memory_equal(buf, "world", 5);
	assert_int_equal(rd(&pp, "obj", 11, buf, sizeof buf, &got), PC_OK);
	assert_int_equal(got, 0);
	assert_int_equal(rd(&pp, "obj", UINT64_MAX, buf, sizeof buf, &got),
			 PC_OK);
	assert_int_equal(got, 0);
	/* Atomic write replaces the whole file and leaves no temporary. */
	assert_int_equal(pp.storage_write_atomic(pp.ctx, "obj",
				(const uint8_t *)"HI", 2), PC_OK);
	snprintf(path, sizeof path, "%s/obj", dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 2);
	assert_int_equal(count_prefix('~'), 0);
	assert_int_equal(pp.storage_write_atomic(pp.ctx, "empty", NULL, 0),
			 PC_OK);
	assert_int_equal(rd(&pp, "empty", 0, buf, sizeof buf, &got), PC_OK);
	assert_int_equal(got, 0);
	/* Append creates, then appends. */
	assert_int_equal(pp.storage_append(pp.ctx, "log", (const uint8_t *)"ab",
					   2), PC_OK);
	assert_int_equal(pp.storage_append(pp.ctx, "log", (const uint8_t *)"cde",
					   3), PC_OK);
	assert_int_equal(rd(&pp, "log", 0, buf, sizeof buf, &got), PC_OK);
	assert_int_equal(got, 5);
	assert_memory_equal(buf, "abcde", 5);
}

static void test_posix_storage_names(void **state)
{
	(void)state;
	check_names(&pp, PC_OK);
	assert_int_equal(count_prefix('~'), 0);
}

static void test_posix_storage_failure(void **state)
{
	uint8_t buf[8], pub[65];
	size_t got;

	(void)state;
	assert_int_equal(pp.storage_write_atomic(pp.ctx, "o",
				(const uint8_t *)"old", 3), PC_OK);
	/* A folder that vanished: every write fails cleanly. */
	rm_dir(dir);
	assert_int_equal(pp.storage_write_atomic(pp.ctx, "o",
				(const uint8_t *)"new", 3), PC_ERR_STORAGE);
	assert_int_equal(pp.storage_append(pp.ctx, "o", (const uint8_t *)"x", 1),
			 PC_ERR_STORAGE);
	assert_int_equal(rd(&pp, "o", 0, buf, sizeof buf, &got),
			 PC_ERR_NOT_FOUND);
	assert_int_equal(pp.key_generate(pp.ctx, 1, PC_KEY_SUITE_P256, pub,
					 sizeof pub), PC_ERR_KEYSTORE);
}

static void test_posix_keystore(void **state)
{
	uint8_t pub[65], pub2[65], h[32], sig[64], fpriv[40], b[64];
	char path[PC__PATH_MAX];
	struct stat st;
	size_t got;
	FILE *f;

	(void)state;
	assert_int_equal(pc_sha256("pay", 3, h), PC_OK);
	assert_int_equal(pp.key_generate(pp.ctx, 1, PC_KEY_SUITE_P256, pub,
					 sizeof pub), PC_OK);
	assert_int_equal(pc_p256_check_public(pub), PC_OK);
	snprintf(path, sizeof path, "%s/key-1.p256", dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_size, 32);
	assert_int_equal(count_prefix('~'), 0);
	/* The file holds the scalar of pub (read here behind the API's back). */
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fread(fpriv, 1, sizeof fpriv, f), 32);
	fclose(f);
	assert_int_equal(pc_p256_public(fpriv, pub2), PC_OK);
	assert_memory_equal(pub, pub2, 65);
	/* ... and no storage hook reaches it. */
	assert_int_equal(rd(&pp, "key-1.p256", 0, b, sizeof b, &got),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pp.storage_write_atomic(pp.ctx, "key-1.p256", b, 32),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pp.storage_append(pp.ctx, "key-1.p256", b, 1),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pp.key_public(pp.ctx, 1, pub2, sizeof pub2), PC_OK);
	assert_memory_equal(pub, pub2, 65);
	assert_int_equal(pp.key_sign(pp.ctx, 1, h, sig, sizeof sig), PC_OK);
	assert_int_equal(pc_p256_verify(pub, h, sig), PC_OK);
	/* Regenerating replaces the key, still 0600. */
	assert_int_equal(pp.key_generate(pp.ctx, 1, PC_KEY_SUITE_P256, pub2,
					 sizeof pub2), PC_OK);
	assert_memory_not_equal(pub, pub2, 65);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(pp.key_sign(pp.ctx, 1, h, sig, sizeof sig), PC_OK);
	assert_int_equal(pc_p256_verify(pub2, h, sig), PC_OK);
	pc_wipe(fpriv, sizeof fpriv);
}

static void test_posix_keystore_errors(void **state)
{
	uint8_t pub[65], h[32] = { 0 }, sig[64];
	char path[PC__PATH_MAX];
	FILE *f;

	(void)state;
	assert_int_equal(pp.key_public(pp.ctx, 5, pub, sizeof pub),
			 PC_ERR_NOT_FOUND);
	assert_int_equal(pp.key_sign(pp.ctx, 5, h, sig, sizeof sig),
			 PC_ERR_NOT_FOUND);
	assert_int_equal(pp.key_generate(pp.ctx, 5, 9, pub, sizeof pub),
			 PC_ERR_UNSUPPORTED);
	assert_int_equal(pp.key_generate(pp.ctx, 5, PC_KEY_SUITE_P256, pub,
					 sizeof pub), PC_OK);
	assert_int_equal(pp.key_public(pp.ctx, 5, pub, 64),
			 PC_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(pp.key_sign(pp.ctx, 5, h, sig, 63),
			 PC_ERR_BUFFER_TOO_SMALL);
	/* A truncated key file is a key-store fault, not a key. */
	snprintf(path, sizeof path, "%s/key-5.p256", dir);
	f = fopen(path, "wb");
	assert_non_null(f);
	fwrite("short", 1, 5, f);
	fclose(f);
	assert_int_equal(pp.key_sign(pp.ctx, 5, h, sig, sizeof sig),
			 PC_ERR_KEYSTORE);
	assert_int_equal(pp.key_public(pp.ctx, 5, pub, sizeof pub),
			 PC_ERR_KEYSTORE);
	/* A 32-byte file holding n-like garbage (0xff..) is no valid key. */
	f = fopen(path, "wb");
	assert_non_null(f);
	memset(sig, 0xff, 32);
	fwrite(sig, 1, 32, f);
	fclose(f);
	assert_int_equal(pp.key_sign(pp.ctx, 5, h, sig, sizeof sig),
			 PC_ERR_KEYSTORE);
}

#define FAKE(f) cmocka_unit_test_setup_teardown(f, fake_setup, fake_teardown)
#define POSIX(f) cmocka_unit_test_setup_teardown(f, posix_setup, posix_teardown)

int main(void)
{
	const struct CMUnitTest fake_tests[] = {
		FAKE(test_platform_check),
		FAKE(test_platform_time),
		FAKE(test_platform_random),
		FAKE(test_fake_rng_deterministic),
		FAKE(test_fake_storage),
		FAKE(test_fake_storage_faults),
		FAKE(test_fake_storage_limits),
		FAKE(test_fake_storage_names),
		FAKE(test_fake_keystore),
		FAKE(test_fake_keystore_errors),
		FAKE(test_fake_mutex_log),
		FAKE(test_fake_wipe),
	};
	const struct CMUnitTest posix_tests[] = {
		POSIX(test_posix_init),
		POSIX(test_posix_rng_time_mutex),
		POSIX(test_posix_storage),
		POSIX(test_posix_storage_names),
		POSIX(test_posix_storage_failure),
		POSIX(test_posix_keystore),
		POSIX(test_posix_keystore_errors),
	};
	int fails = cmocka_run_group_tests_name("fake", fake_tests, NULL, NULL);

	return fails + cmocka_run_group_tests_name("posix", posix_tests, NULL,
						   NULL);
}
