/*
 * Checked access to the platform table (STYLE §4): the library reaches the
 * rng, the clock and key derivation only through these wrappers, so a
 * port's failure mode is normalised in one place.
 */
#include <paycode/platform.h>
#include <string.h>

#include "internal.h"

/* A table from a version this build does not know has an unknown layout:
 * none of its fields, the log hook included, may be touched. */
static bool known_version(const pc_platform *p)
{
	return p != NULL && p->version >= 1 && p->version <= PC_PLATFORM_VERSION;
}

static pc_err missing(const pc_platform *p, const char *msg)
{
	if (p->log != NULL)
		p->log(p->ctx, PC_LOG_ERROR, msg);
	return PC_ERR_INVALID_ARG;
}

pc_err pc_platform_check(const pc_platform *p)
{
	if (!known_version(p))
		return PC_ERR_INVALID_ARG;
	if (p->rng == NULL)
		return missing(p, "platform: required hook rng is NULL");
	if (p->time_now == NULL)
		return missing(p, "platform: required hook time_now is NULL");
	return PC_OK;
}

pc_err pc_platform_time(const pc_platform *p, pc_time *now)
{
	pc_time t = 0;

	if (!known_version(p) || p->time_now == NULL || now == NULL)
		return PC_ERR_INVALID_ARG;
	/* Any clock failure, and a time before 1970 (an RTC reset to garbage),
	 * is "unknown": callers then decline rather than guess. */
	if (p->time_now(p->ctx, &t) != PC_OK || t < 0)
		return PC_ERR_TIME_UNKNOWN;
	*now = t;
	return PC_OK;
}

pc_err pc_platform_random(const pc_platform *p, uint8_t *out, size_t len)
{
	if (out == NULL && len != 0)
		return PC_ERR_INVALID_ARG;
	if (!known_version(p) || p->rng == NULL) {
		pc_wipe(out, len);
		return PC_ERR_INVALID_ARG;
	}
	if (len == 0)
		return PC_OK;
	/* The rng must fail loudly; we make sure a failure also leaves no
	 * partly random bytes a careless caller could use. */
	if (p->rng(p->ctx, out, len) != PC_OK) {
		pc_wipe(out, len);
		return PC_ERR_RNG;
	}
	return PC_OK;
}

/* A version 1 table may have been compiled against a header without the
 * key_derive field: it must not even be read (platform.h, versioning). */
static pc_err derive_hook(const pc_platform *p, uint32_t key_id,
			  const uint8_t *label, size_t label_len,
			  uint8_t out[32])
{
	pc_err err;

	if (p->version < 2 || p->key_derive == NULL)
		return PC_ERR_UNSUPPORTED;
	err = p->key_derive(p->ctx, key_id, label, label_len, out);
	switch (err) {
	case PC_OK:
	case PC_ERR_NOT_FOUND:
	case PC_ERR_RNG:
	case PC_ERR_KEYSTORE:
		return err;
	default:
		/* Anything else from a port is a key-store fault. */
		return PC_ERR_KEYSTORE;
	}
}

pc_err pc_platform_key_derive(const pc_platform *p, uint32_t key_id,
			      const uint8_t *label, size_t label_len,
			      uint8_t out[32])
{
	pc_err err;

	if (out == NULL)
		return PC_ERR_INVALID_ARG;
	if (!known_version(p) || label == NULL || label_len == 0 ||
	    label_len > PC_KEY_LABEL_MAX) {
		pc_wipe(out, PC_KEY_DERIVED_LEN);
		return PC_ERR_INVALID_ARG;
	}
	err = derive_hook(p, key_id, label, label_len, out);
	if (err != PC_OK)
		pc_wipe(out, PC_KEY_DERIVED_LEN);
	return err;
}

bool pc_platform_name_ok(const char *name)
{
	size_t i;

	if (name == NULL || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return false;
	for (i = 0; name[i] != '\0'; i++) {
		char c = name[i];

		if (i == PC_STORAGE_NAME_MAX)
			return false;
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return false;
	}
	return i > 0;
}
