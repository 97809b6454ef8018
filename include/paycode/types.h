/*
 * paycode: shared types.
 *
 * Buffers are (pointer, length) pairs owned by the caller. The library never
 * keeps a pointer to a caller buffer beyond the call that received it,
 * except where a function's documentation says so.
 */
#ifndef PAYCODE_TYPES_H
#define PAYCODE_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#include "config.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A writable byte buffer: ptr may be NULL only when len is 0. */
typedef struct pc_buf {
	uint8_t *ptr;
	size_t len;
} pc_buf;

/** A read-only byte buffer: ptr may be NULL only when len is 0. */
typedef struct pc_cbuf {
	const uint8_t *ptr;
	size_t len;
} pc_cbuf;

/** Seconds since 1970-01-01T00:00:00Z, leap seconds ignored (Unix time). */
typedef int64_t pc_time;

#ifdef __cplusplus
}
#endif
#endif /* PAYCODE_TYPES_H */
