/*
 * paycode CLI: wallet files (docs/FILES.md §3):
 *   {"type":"paycode-wallet","token":hex16,"alias":N,"masterKeyId":N,
 *    "otpKey":hex32,"counter":N,"deviceKeyId":N,"storage":"DIR",
 *    "cert":hex173 (optional)}
 * "storage" is the POSIX key-store folder holding the device key.
 */
#include <string.h>
#include <cjson/cJSON.h>

#include "cli.h"
#include "files.h"

#define TYPE "paycode-wallet"
#define ALIAS_MAX 9999999u

void pc_cli_wallet_wipe(pc_cli_wallet *w)
{
	pc_wipe(w, w == NULL ? 0 : sizeof *w);
}

static int read_storage(const cJSON *o, const char *path, pc_cli_wallet *w)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(o, "storage");

	if (!cJSON_IsString(s) || s->valuestring[0] == '\0' ||
	    strlen(s->valuestring) > PC_POSIX_DIR_MAX)
		return pc_cli_fail(PC_ERR_INVALID_ARG, "%s: \"storage\" must be a "
				   "folder name of 1..%u bytes", path,
				   (unsigned)PC_POSIX_DIR_MAX);
	memcpy(w->storage, s->valuestring, strlen(s->valuestring) + 1);
	return 0;
}

/* The optional certificate must decode and belong to this token. */
static int read_cert(const cJSON *o, const char *path, pc_cli_wallet *w)
{
	pc_cert c;
	pc_err err;

	if (cJSON_GetObjectItemCaseSensitive(o, "cert") == NULL)
		return 0;
	if (pc_cli_json_bytes(o, path, "cert", w->cert, PC_CERT_LEN) != 0)
		return 1;
	err = pc_cert_decode(&c, w->cert, PC_CERT_LEN);
	if (err != PC_OK)
		return pc_cli_fail(err, "%s: \"cert\" is not a device certificate", path);
	if (c.token_id != w->token || c.alias != w->alias)
		return pc_cli_fail(PC_ERR_CERT_FORMAT, "%s: \"cert\" is for another "
				   "token or alias", path);
	w->has_cert = 1;
	return 0;
}

int pc_cli_wallet_load(const char *path, pc_cli_wallet *w)
{
	uint8_t tok[8];
	cJSON *o;
	int rc;

	memset(w, 0, sizeof *w);
	o = pc_cli_json_load(path, TYPE);
	if (o == NULL)
		return 1;
	rc = pc_cli_json_bytes(o, path, "token", tok, sizeof tok) != 0 ||
	     pc_cli_json_u32(o, path, "alias", ALIAS_MAX, &w->alias) != 0 ||
	     pc_cli_json_u32(o, path, "masterKeyId", UINT32_MAX, &w->master_key_id) != 0 ||
	     pc_cli_json_bytes(o, path, "otpKey", w->otp_key, PC_KEY_LEN) != 0 ||
	     pc_cli_json_u32(o, path, "counter", UINT32_MAX, &w->counter) != 0 ||
	     pc_cli_json_u32(o, path, "deviceKeyId", UINT32_MAX, &w->device_key_id) != 0 ||
	     read_storage(o, path, w) != 0;
	if (rc == 0) {
		w->token = pc_cli_get_be64(tok);
		rc = read_cert(o, path, w);
	}
	pc_cli_json_free(o);
	if (rc != 0)
		pc_cli_wallet_wipe(w);
	return rc;
}

int pc_cli_wallet_save(const char *path, const pc_cli_wallet *w, int force)
{
	cJSON *o = cJSON_CreateObject();
	uint8_t tok[8];
	int rc;

	pc_cli_put_be64(tok, w->token);
	rc = o == NULL || cJSON_AddStringToObject(o, "type", TYPE) == NULL ||
	     pc_cli_json_add_hex(o, "token", tok, sizeof tok) != 0 ||
	     pc_cli_json_add_uint(o, "alias", w->alias) != 0 ||
	     pc_cli_json_add_uint(o, "masterKeyId", w->master_key_id) != 0 ||
	     pc_cli_json_add_hex(o, "otpKey", w->otp_key, PC_KEY_LEN) != 0 ||
	     pc_cli_json_add_uint(o, "counter", w->counter) != 0 ||
	     pc_cli_json_add_uint(o, "deviceKeyId", w->device_key_id) != 0 ||
	     cJSON_AddStringToObject(o, "storage", w->storage) == NULL ||
	     (w->has_cert && pc_cli_json_add_hex(o, "cert", w->cert, PC_CERT_LEN) != 0);
	if (rc != 0)
		rc = pc_cli_fail(PC_ERR_INTERNAL, "out of memory");
	else
		rc = pc_cli_json_save(o, path, PC_CLI_MODE_SECRET, force);
	pc_cli_json_free(o);
	return rc;
}
