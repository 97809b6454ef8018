/*
 * paycode CLI: provider root key files (docs/FILES.md §1):
 *   {"type":"paycode-root-key","suite":1,"keyId":N,"private":hex32,"public":hex65}
 *   {"type":"paycode-root-pub","suite":1,"keyId":N,"public":hex65}
 */
#include <string.h>
#include <cjson/cJSON.h>

#include <paycode/crypto.h>

#include "cli.h"
#include "files.h"

#define TYPE_KEY "paycode-root-key"
#define TYPE_PUB "paycode-root-pub"

void pc_cli_root_wipe(pc_cli_root *r)
{
	pc_wipe(r, r == NULL ? 0 : sizeof *r);
}

/* The private key must give the stated public key. */
static int check_pair(const char *path, const pc_cli_root *r)
{
	uint8_t pub[65];
	pc_err err = pc_p256_public(r->priv, pub);

	if (err != PC_OK)
		return pc_cli_fail(err, "%s: \"private\" is not a P-256 key", path);
	if (memcmp(pub, r->pub, sizeof pub) != 0)
		return pc_cli_fail(PC_ERR_BAD_KEY, "%s: \"public\" does not belong "
				   "to \"private\"", path);
	return 0;
}

/* Fields common to both types; with_priv also reads "private". */
static int read_fields(const cJSON *o, const char *path, pc_cli_root *r,
		       int with_priv)
{
	uint32_t suite = 0;
	pc_err err;

	if (pc_cli_json_u32(o, path, "suite", 255, &suite) != 0 ||
	    pc_cli_json_u32(o, path, "keyId", UINT32_MAX, &r->key_id) != 0 ||
	    pc_cli_json_bytes(o, path, "public", r->pub, sizeof r->pub) != 0)
		return 1;
	if (suite != PC_SUITE_1)
		return pc_cli_fail(PC_ERR_INVALID_ARG, "%s: unsupported suite %u",
				   path, (unsigned)suite);
	err = pc_p256_check_public(r->pub);
	if (err != PC_OK)
		return pc_cli_fail(err, "%s: \"public\" is not a P-256 point", path);
	if (!with_priv)
		return 0;
	if (pc_cli_json_bytes(o, path, "private", r->priv, sizeof r->priv) != 0)
		return 1;
	r->has_priv = 1;
	return check_pair(path, r);
}

int pc_cli_root_load(const char *path, pc_cli_root *r, int need_priv)
{
	const cJSON *t;
	cJSON *o;
	int rc, is_key;

	memset(r, 0, sizeof *r);
	o = pc_cli_json_load(path, need_priv ? TYPE_KEY : NULL);
	if (o == NULL)
		return 1;
	t = cJSON_GetObjectItemCaseSensitive(o, "type");
	is_key = strcmp(t->valuestring, TYPE_KEY) == 0;
	if (!is_key && strcmp(t->valuestring, TYPE_PUB) != 0)
		rc = pc_cli_fail(PC_ERR_INVALID_ARG, "%s: \"type\" is neither \""
				 TYPE_KEY "\" nor \"" TYPE_PUB "\"", path);
	else
		rc = read_fields(o, path, r, is_key);
	pc_cli_json_free(o);
	if (rc != 0)
		pc_cli_root_wipe(r);
	return rc;
}

int pc_cli_root_save(const char *path, const pc_cli_root *r, int pub_only,
		     int force)
{
	cJSON *o = cJSON_CreateObject();
	int rc = o == NULL ||
		 cJSON_AddStringToObject(o, "type", pub_only ? TYPE_PUB : TYPE_KEY) == NULL ||
		 pc_cli_json_add_uint(o, "suite", PC_SUITE_1) != 0 ||
		 pc_cli_json_add_uint(o, "keyId", r->key_id) != 0 ||
		 (!pub_only && pc_cli_json_add_hex(o, "private", r->priv, 32) != 0) ||
		 pc_cli_json_add_hex(o, "public", r->pub, 65) != 0;

	if (rc != 0)
		rc = pc_cli_fail(PC_ERR_INTERNAL, "out of memory");
	else
		rc = pc_cli_json_save(o, path, pub_only ? PC_CLI_MODE_PUBLIC :
				      PC_CLI_MODE_SECRET, force);
	pc_cli_json_free(o);
	return rc;
}
