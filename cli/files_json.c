/*
 * paycode CLI: JSON helpers for the file formats (docs/FILES.md). cJSON
 * keeps numbers as doubles, so every integer is read back with a range and
 * integrality check, and written as an exact digit string.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "cli.h"
#include "files.h"

/* Largest file a loader accepts: a provider with thousands of tokens. */
#define PC_CLI_JSON_MAX (4u << 20)

/* Wipe the text of every string (and raw number) in a list of siblings
 * and their children; cJSON bounds the nesting depth of parsed input. */
static void wipe_tree(cJSON *o)
{
	for (; o != NULL; o = o->next) {
		if ((cJSON_IsString(o) || cJSON_IsRaw(o)) && o->valuestring != NULL)
			pc_wipe(o->valuestring, strlen(o->valuestring));
		wipe_tree(o->child);
	}
}

void pc_cli_json_free(cJSON *o)
{
	if (o == NULL)
		return;
	wipe_tree(o);
	cJSON_Delete(o);
}

cJSON *pc_cli_json_load(const char *path, const char *type)
{
	const cJSON *t;
	uint8_t *text;
	size_t len;
	cJSON *o;

	if (pc_cli_slurp(path, PC_CLI_JSON_MAX, &text, &len) != 0)
		return NULL;
	o = cJSON_ParseWithLength((const char *)text, len);
	pc_wipe(text, len);
	free(text);
	if (!cJSON_IsObject(o)) {
		pc_cli_json_free(o);
		(void)pc_cli_fail(PC_ERR_INVALID_ARG, "%s: not a JSON object", path);
		return NULL;
	}
	t = cJSON_GetObjectItemCaseSensitive(o, "type");
	if (!cJSON_IsString(t) || (type != NULL && strcmp(t->valuestring, type) != 0)) {
		(void)pc_cli_fail(PC_ERR_INVALID_ARG, "%s: \"type\" is not \"%s\"",
				  path, type != NULL ? type : "a paycode file type");
		pc_cli_json_free(o);
		return NULL;
	}
	return o;
}

int pc_cli_json_save(const cJSON *o, const char *path, mode_t mode, int force)
{
	size_t cap = 4096;
	char *buf = NULL;
	int rc = 1;

	/* Print into our own buffer so that no copy of a secret is left in
	 * memory freed by cJSON's internal reallocations. */
	for (; cap <= PC_CLI_JSON_MAX; cap *= 2) {
		buf = calloc(1, cap);
		if (buf == NULL)
			return pc_cli_fail(PC_ERR_INTERNAL, "out of memory");
		if (cJSON_PrintPreallocated((cJSON *)(uintptr_t)o, buf, (int)cap - 8, 1))
			break;
		pc_wipe(buf, cap);
		free(buf);
		buf = NULL;
	}
	if (buf == NULL)
		return pc_cli_fail(PC_ERR_TOO_LONG, "%s: too large to write", path);
	strcat(buf, "\n");
	rc = pc_cli_write_atomic(path, buf, strlen(buf), mode, force);
	pc_wipe(buf, cap);
	free(buf);
	return rc;
}

int pc_cli_json_u32(const cJSON *o, const char *path, const char *key,
		    uint32_t max, uint32_t *out)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, key);
	double v;

	if (!cJSON_IsNumber(j))
		return pc_cli_fail(PC_ERR_INVALID_ARG, "%s: \"%s\" must be a number",
				   path, key);
	v = j->valuedouble;
	if (!(v >= 0 && v <= (double)max) || (double)(uint32_t)v != v)
		return pc_cli_fail(PC_ERR_INVALID_ARG, "%s: \"%s\" must be an "
				   "integer 0..%" PRIu32, path, key, max);
	*out = (uint32_t)v;
	return 0;
}

int pc_cli_json_bytes(const cJSON *o, const char *path, const char *key,
		      uint8_t *out, size_t n)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsString(j) || pc_cli_unhex(j->valuestring, out, n) != 0)
		return pc_cli_fail(PC_ERR_INVALID_ARG, "%s: \"%s\" must be %zu "
				   "bytes in hex", path, key, n);
	return 0;
}

int pc_cli_json_add_hex(cJSON *o, const char *key, const uint8_t *in, size_t n)
{
	char stack[2 * 200 + 1], *hex = stack;
	int rc;

	if (2 * n + 1 > sizeof stack && (hex = malloc(2 * n + 1)) == NULL)
		return -1;
	pc_cli_hex(in, n, hex);
	rc = cJSON_AddStringToObject(o, key, hex) != NULL ? 0 : -1;
	pc_wipe(hex, 2 * n + 1);
	if (hex != stack)
		free(hex);
	return rc;
}

int pc_cli_json_add_uint(cJSON *o, const char *key, uint64_t v)
{
	char digits[24];

	snprintf(digits, sizeof digits, "%" PRIu64, v);
	return cJSON_AddRawToObject(o, key, digits) != NULL ? 0 : -1;
}

int pc_cli_json_add_int(cJSON *o, const char *key, int64_t v)
{
	char digits[24];

	snprintf(digits, sizeof digits, "%" PRId64, v);
	return cJSON_AddRawToObject(o, key, digits) != NULL ? 0 : -1;
}
