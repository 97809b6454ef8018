/*
 * The flash object store of the Cortex-M port (cm_store.c), shared with
 * cm_port.c only. Names are NUL-terminated, at most PC_STORAGE_NAME_MAX
 * characters; the store itself accepts any such name, so the port keeps
 * its key objects under names platform.h forbids ('#' is not allowed).
 * Every function runs under the port lock (pc__cm_lock).
 */
#ifndef PAYCODE_CM_STORE_H
#define PAYCODE_CM_STORE_H

#include "cm_port.h"

pc_err pc__cm_store_mount(pc_cm *cm);
pc_err pc__cm_store_read(pc_cm *cm, const char *name, uint64_t offset,
			 uint8_t *buf, size_t cap, size_t *got);
pc_err pc__cm_store_write(pc_cm *cm, const char *name, const uint8_t *data,
			  size_t len);
pc_err pc__cm_store_append(pc_cm *cm, const char *name, const uint8_t *data,
			   size_t len);
/* Largest object the geometry allows, in bytes. */
size_t pc__cm_store_capacity(const pc_cm *cm);

/* Take the port lock; returns what pc__cm_unlock restores (PRIMASK). */
uint32_t pc__cm_lock(pc_cm *cm);
void pc__cm_unlock(pc_cm *cm, uint32_t saved);

#endif
