/*
 * paycode: POSIX port (Linux servers and desktops).
 *
 * rng: getrandom(2), which blocks until the kernel pool is initialised and
 * so never returns weak bytes. time: clock_gettime(CLOCK_REALTIME).
 * Storage: one file per object in a caller-chosen folder; atomic writes go
 * through a temporary file, fsync, rename and an fsync of the folder.
 * Every file is created with mode 0600. Mutex: one pthread mutex.
 * Log: one line per message on stderr.
 * Key store: the private key of key id N sits in `key-N.p256` in the same
 * folder, mode 0600; it is loaded for each signature and wiped after. The
 * sealing key of key_derive id N is 32 random bytes in `seal-N.p256`,
 * mode 0600, created on first use (link(2) of a fsynced temporary, so
 * concurrent first uses agree on one key) and never replaced; key_derive
 * returns HMAC-SHA-256(that key, label). Names ending in ".p256" are
 * refused by the storage hooks, so no storage call can read or replace a
 * private or sealing key. Anyone who can read the folder can copy the
 * sealing keys: on a host the "device" is the folder, and its protection is
 * the file mode and the host's own access control.
 *
 * Every hook is thread-safe: each call opens its own files (two concurrent
 * key_generate calls for one id race, and the last rename wins). Temporary
 * files start with '~', outside the object-name alphabet, so they never
 * collide with objects; a crash can leave one behind (harmless, never read).
 *
 * A pc_posix is caller-allocated; its fields are reserved. It holds a
 * pthread mutex, so it must not be copied or moved after pc_posix_init.
 */
#ifndef PAYCODE_POSIX_H
#define PAYCODE_POSIX_H

#include <pthread.h>

#include <paycode/platform.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Longest storage folder path accepted, without the terminating NUL. */
#define PC_POSIX_DIR_MAX 255u

typedef struct pc_posix {
	char dir[PC_POSIX_DIR_MAX + 1];
	pthread_mutex_t lock;
} pc_posix;

/**
 * Set up the POSIX port and fill a platform table for it.
 *
 * @param px           the port state; not NULL. Must outlive every use of
 *                     `out` and stay at the same address.
 * @param storage_dir  an existing folder for storage objects and keys, at
 *                     most PC_POSIX_DIR_MAX bytes; copied. Not NULL.
 * @param out          out: version PC_PLATFORM_VERSION, ctx = px, every
 *                     hook set. Not NULL.
 * @return PC_OK; PC_ERR_INVALID_ARG (NULL, empty or too long a path);
 *         PC_ERR_STORAGE (storage_dir is not a folder);
 *         PC_ERR_INTERNAL (the mutex could not be created).
 * Not thread-safe (call once, before sharing px).
 */
PC_MUST_CHECK pc_err pc_posix_init(pc_posix *px, const char *storage_dir,
				   pc_platform *out);

/**
 * Destroy the mutex and zeroise px. Accepts NULL. Files are left in place.
 * Not thread-safe: no hook may be running.
 */
void pc_posix_wipe(pc_posix *px);

#ifdef __cplusplus
}
#endif
#endif /* PAYCODE_POSIX_H */
