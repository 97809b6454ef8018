/*
 * paycode: the Cortex-M port (POS terminals and wallet devices on an MCU).
 *
 * pc_cm_init() fills a pc_platform from a board description: the board
 * support package (BSP) supplies a handful of register-level functions
 * (one TRNG word, the RTC seconds, read/erase/program of a flash region),
 * and this port turns them into paycode's hooks:
 *
 *   rng                  TRNG words behind a repetition-count health test
 *                        (NIST SP 800-90B §4.4.1); a failure latches and
 *                        every later call fails with PC_ERR_RNG.
 *   time_now             the RTC; PC_ERR_TIME_UNKNOWN until the BSP says it
 *                        has been set (e.g. RTC backup domain lost).
 *   storage_read,        a small flash object store (cm_store.c): each
 *   storage_write_atomic object lives in a pair of sectors, written A/B
 *   storage_append       with a sequence number and committed by a magic
 *                        word programmed last, so an interrupted write
 *                        leaves the old copy; appends are records committed
 *                        the same way. Names as platform.h requires.
 *   mutex_lock/unlock    a critical section: the board's lock when it has
 *                        one (an RTOS mutex), else PRIMASK, which on one
 *                        core excludes every task and ISR. With PRIMASK,
 *                        interrupts stay masked while paycode holds the
 *                        mutex, which includes the flash writes of
 *                        pc_filestore: give the board a lock when
 *                        interrupt latency matters.
 *   log                  the BSP's log function, when it has one.
 *   key_generate,        P-256 keys generated from the rng above and kept
 *   key_public, key_sign in the same flash region under names no storage
 *                        call can reach. Plain flash: protect the region
 *                        (read-out protection, MPU, TrustZone) or replace
 *                        these three hooks with a secure element's.
 *   key_derive           HMAC-SHA-256 under a 32-byte sealing key per id,
 *                        drawn from the rng on first use and kept in the
 *                        same flash region (objects "#s" + 8 hex digits,
 *                        out of reach of storage names); same protection
 *                        caveat as the key pairs.
 *
 * Threading and ISRs: the hooks may be called from several tasks (the
 * store serialises itself with the critical section); none may be called
 * from an ISR. The BSP functions are called with the critical section held
 * only by the storage hooks.
 *
 * A pc_cm is caller-allocated (about 120 bytes; allocate it statically),
 * holds the board pointer, which must outlive it, and must not move while
 * the filled pc_platform is in use. Fields are reserved.
 *
 * No heap. Everything here compiles on a host too (the critical section is
 * then a no-op), so the store can be tested under the sanitizers.
 */
#ifndef PAYCODE_CM_PORT_H
#define PAYCODE_CM_PORT_H

#include <paycode/platform.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Most objects (storage objects and keys together): one sector pair each. */
#ifndef PC_CM_MAX_OBJECTS
#define PC_CM_MAX_OBJECTS 16
#endif

/** Largest flash programming unit the store supports, in bytes. */
#define PC_CM_MAX_PROG_UNIT 32u

/** Consecutive identical TRNG words that fail the health test (p = 2^-64). */
#define PC_CM_TRNG_REPEAT_CUTOFF 3u

/** What a board provides. Every function receives `hw` unchanged. */
typedef struct pc_cm_board {
	void *hw;

	/**
	 * One 32-bit sample of the hardware TRNG (after the peripheral's own
	 * conditioning, e.g. STM32 RNG_DR). Return PC_ERR_RNG when the
	 * peripheral flags a seed or clock error or is not ready in time.
	 * Required.
	 */
	pc_err (*trng_read)(void *hw, uint32_t *word);

	/**
	 * The RTC as Unix seconds. PC_ERR_TIME_UNKNOWN while it has not been
	 * set since its last power loss. Required.
	 */
	pc_err (*rtc_read)(void *hw, pc_time *now);

	/**
	 * A flash region reserved for paycode: flash_sectors sectors of
	 * flash_sector_size bytes each (offsets are relative to the region),
	 * erased to 0xFF, programmed in aligned units of flash_prog_unit bytes
	 * (a power of two, 4..PC_CM_MAX_PROG_UNIT), each unit once between
	 * erases. Set flash_sectors to 0 for no storage and no key store.
	 * flash_program may be interrupted by a reset at any byte.
	 * Errors: PC_ERR_STORAGE.
	 */
	uint32_t flash_sector_size;
	uint32_t flash_sectors;
	uint32_t flash_prog_unit;
	pc_err (*flash_read)(void *hw, uint32_t off, uint8_t *buf, size_t len);
	pc_err (*flash_erase)(void *hw, uint32_t sector);
	pc_err (*flash_program)(void *hw, uint32_t off, const uint8_t *data,
				size_t len);

	/** One line of diagnostics (no secrets). Optional. */
	void (*log)(void *hw, pc_log_level level, const char *msg);

	/**
	 * A recursive lock serialising the port (the store and the paycode
	 * mutex hooks), e.g. an RTOS recursive mutex. Optional: when both are
	 * NULL the port masks interrupts (PRIMASK) instead, which suits
	 * super-loop firmware but keeps interrupts off during flash writes.
	 */
	void (*lock)(void *hw);
	void (*unlock)(void *hw);
} pc_cm_board;

/** Port state. Reserved fields: use the functions below. */
typedef struct pc_cm {
	const pc_cm_board *board;
	uint32_t trng_last;
	uint8_t trng_repeats;
	uint8_t trng_failed;
	uint8_t locked;
	uint8_t nslots;
	uint32_t primask;
	uint32_t lock_errors;
	uint32_t dirty_checked;             /* bit k: slot k's spare is clean */
	uint8_t cur[PC_CM_MAX_OBJECTS];     /* 0/1: current sector, 0xFF: free */
	uint32_t seq[PC_CM_MAX_OBJECTS];    /* sequence of the current copy */
} pc_cm;

/**
 * Check the board, mount the flash store (scan every sector pair, keep the
 * newest complete copy of each object) and fill a platform table.
 *
 * @param cm     caller-allocated; overwritten. Not NULL.
 * @param board  retained; not NULL. flash_sectors must be even and at most
 *               2 * PC_CM_MAX_OBJECTS, and a sector must hold at least the
 *               object header.
 * @param out    out: version PC_PLATFORM_VERSION, ctx = cm, every hook the
 *               board supports.
 * @return PC_OK; PC_ERR_INVALID_ARG (NULL, a required function missing, a
 *   geometry the store cannot use); PC_ERR_STORAGE (a flash read failed).
 * Not thread-safe: call once, before the table is shared.
 */
PC_MUST_CHECK pc_err pc_cm_init(pc_cm *cm, const pc_cm_board *board,
				pc_platform *out);

/**
 * Erase the whole flash region (every object and key) and remount.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_STORAGE.
 * Not thread-safe.
 */
PC_MUST_CHECK pc_err pc_cm_format(pc_cm *cm);

/** Mutex misuses seen (lock while held, unlock while free). */
uint32_t pc_cm_lock_errors(const pc_cm *cm);

/** True once the TRNG health test has failed (latched until re-init). */
bool pc_cm_trng_failed(const pc_cm *cm);

/** Zeroise the port state (accepts NULL). Flash is left as it is. */
void pc_cm_wipe(pc_cm *cm);

#ifdef __cplusplus
}
#endif
#endif /* PAYCODE_CM_PORT_H */
