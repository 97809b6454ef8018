/*
 * paycode: deterministic test port (STYLE §5).
 *
 * Every host unit test runs on this port. It is deterministic: a seeded rng
 * (SHA-256 in counter mode over seed || counter, so the same seed gives the
 * same bytes on every host), a settable clock, RAM storage with a fixed
 * number of fixed-size objects and a RAM key store. It never allocates.
 * Fault switches make each hook fail on demand so tests can reach every
 * error path of the code above it.
 *
 * A pc_fake is caller-allocated and large (about 70 KB: allocate it
 * statically or on the heap). Its fields are reserved: use the functions
 * below. It contains no pointers, so it may be copied to snapshot a state.
 * It is not thread-safe: the mutex hooks only count and check balance.
 * It is test code, not a secure key store: private keys sit in RAM.
 *
 * key_derive: every sealing key id exists ("created" on first use without
 * any state) and is a function of the seed, so two fakes with one seed are
 * one device and fakes with different seeds are different devices:
 *   sealing key(id) = SHA-256("paycode-fake-seal" || seed || id, 4 bytes
 *                     big-endian)
 *   out = HMAC-SHA-256(sealing key(id), label).
 * PC_FAKE_FAIL_KEYSTORE makes it fail with PC_ERR_KEYSTORE and
 * PC_FAKE_FAIL_DERIVE_ABSENT with PC_ERR_NOT_FOUND; either way it writes
 * garbage to out, as a careless port might.
 */
#ifndef PAYCODE_FAKE_H
#define PAYCODE_FAKE_H

#include <paycode/platform.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Number of storage objects the fake can hold. */
#define PC_FAKE_OBJECTS 16u
/** Capacity of each storage object, in bytes. */
#define PC_FAKE_OBJECT_CAP 4096u
/** Number of key-store slots. */
#define PC_FAKE_KEYS 4u
/** Longest log message kept (longer ones are truncated). */
#define PC_FAKE_LOG_MAX 160u
/** Clock value right after pc_fake_init: 2023-11-14T22:13:20Z. */
#define PC_FAKE_START_TIME ((pc_time)1700000000)

/** Fault switches for pc_fake_fail(); each one stays on until cleared. */
typedef enum pc_fake_fault {
	PC_FAKE_FAIL_RNG = 1u << 0,      /* rng: PC_ERR_RNG, output garbage */
	PC_FAKE_FAIL_READ = 1u << 1,     /* storage_read: PC_ERR_STORAGE */
	PC_FAKE_FAIL_WRITE = 1u << 2,    /* storage_write_atomic: STORAGE */
	PC_FAKE_FAIL_APPEND = 1u << 3,   /* storage_append: PC_ERR_STORAGE */
	PC_FAKE_FAIL_KEYSTORE = 1u << 4, /* key_*: PC_ERR_KEYSTORE */
	PC_FAKE_FAIL_DERIVE_ABSENT = 1u << 5 /* key_derive: PC_ERR_NOT_FOUND
						(an invalidated or never
						provisioned sealing key) */
} pc_fake_fault;

typedef struct pc_fake_object {
	char name[PC_STORAGE_NAME_MAX + 1];
	bool used;
	size_t len;
	uint8_t data[PC_FAKE_OBJECT_CAP];
} pc_fake_object;

typedef struct pc_fake_key {
	bool used;
	uint32_t id;
	uint8_t priv[32];
	uint8_t pub[PC_P256_PUB_LEN];
} pc_fake_key;

typedef struct pc_fake {
	uint8_t seed[8];
	uint64_t rng_blocks;
	pc_time now;
	bool time_unknown;
	uint32_t faults;
	bool short_append;
	size_t short_append_len;
	int lock_depth;
	unsigned lock_errors;
	unsigned log_count;
	pc_log_level log_level;
	char log_msg[PC_FAKE_LOG_MAX];
	pc_fake_object obj[PC_FAKE_OBJECTS];
	pc_fake_key key[PC_FAKE_KEYS];
} pc_fake;

/**
 * Reset a fake to its initial state and fill a platform table for it.
 *
 * @param f          the fake; not NULL. Must outlive every use of out_table.
 * @param seed       rng seed: equal seeds give equal byte streams.
 * @param out_table  out: version PC_PLATFORM_VERSION, ctx = f, every hook
 *                   set. Not NULL.
 * The clock starts at PC_FAKE_START_TIME, storage and key store are empty,
 * every fault is off.
 */
void pc_fake_init(pc_fake *f, uint64_t seed, pc_platform *out_table);

/** Zeroise the whole fake (keys included). Accepts NULL. */
void pc_fake_wipe(pc_fake *f);

/** Set the clock to t (any value, negative included) and make it known. */
void pc_fake_set_time(pc_fake *f, pc_time t);

/** Make time_now fail with PC_ERR_TIME_UNKNOWN until pc_fake_set_time(). */
void pc_fake_set_time_unknown(pc_fake *f);

/**
 * Turn fault switches on or off.
 * @param faults  an OR of pc_fake_fault values.
 * @param on      true sets them, false clears them; others are unchanged.
 */
void pc_fake_fail(pc_fake *f, uint32_t faults, bool on);

/**
 * Tear the next storage_append: only its first k bytes land (fewer if the
 * append is shorter) and it returns PC_ERR_STORAGE, as after power loss.
 * One-shot: later appends are whole again.
 */
void pc_fake_short_append(pc_fake *f, size_t k);

/** Current lock depth: 0 when every mutex_lock had its mutex_unlock. */
int pc_fake_lock_depth(const pc_fake *f);

/**
 * Number of mutex misuses seen: lock while held (a deadlock on a real,
 * non-recursive mutex) or unlock while not held.
 */
unsigned pc_fake_lock_errors(const pc_fake *f);

/**
 * The last message given to the log hook ("" if none) and, when level is
 * not NULL, its level. The string lives in f.
 */
const char *pc_fake_last_log(const pc_fake *f, pc_log_level *level);

/** Number of log hook calls since init. */
unsigned pc_fake_log_count(const pc_fake *f);

#ifdef __cplusplus
}
#endif
#endif /* PAYCODE_FAKE_H */
