/*
 * paycode CLI: provider state for online validation (docs/FILES.md §2):
 *   {"type":"paycode-provider",
 *    "masterKeys":[{"id":7,"key":hex32}],
 *    "tokens":[{"alias":1234567,"token":hex16,"masterKeyId":7}]}
 * and the pc_provider_hooks that serve it to a validator.
 */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "cli.h"
#include "files.h"

#define TYPE "paycode-provider"
#define ALIAS_MAX 9999999u

const pc_cli_master *pc_cli_provider_master(const pc_cli_provider *p, uint32_t id)
{
	size_t i;

	for (i = 0; i < p->nmasters; i++)
		if (p->masters[i].id == id)
			return &p->masters[i];
	return NULL;
}

static pc_err hook_master(void *ctx, uint32_t id, uint8_t out[PC_KEY_LEN])
{
	const pc_cli_master *m = pc_cli_provider_master(ctx, id);

	if (m == NULL)
		return PC_ERR_NOT_FOUND;
	memcpy(out, m->key, PC_KEY_LEN);
	return PC_OK;
}

static pc_err hook_alias(void *ctx, uint32_t alias, uint64_t *token_id,
			 uint32_t *master_key_id)
{
	const pc_cli_provider *p = ctx;
	size_t i;

	for (i = 0; i < p->ntokens; i++)
		if (p->tokens[i].alias == alias) {
			*token_id = p->tokens[i].token;
			*master_key_id = p->tokens[i].master_key_id;
			return PC_OK;
		}
	return PC_ERR_NOT_FOUND;
}

int pc_cli_provider_add_master(pc_cli_provider *p, uint32_t id,
			       const uint8_t key[PC_KEY_LEN])
{
	pc_cli_master *m;

	if (pc_cli_provider_master(p, id) != NULL)
		return pc_cli_fail(PC_ERR_INVALID_ARG, "master key ID %u is already "
				   "present", (unsigned)id);
	m = malloc((p->nmasters + 1) * sizeof *m);
	if (m == NULL)
		return pc_cli_fail(PC_ERR_INTERNAL, "out of memory");
	if (p->nmasters > 0)
		memcpy(m, p->masters, p->nmasters * sizeof *m);
	pc_wipe(p->masters, p->nmasters * sizeof *m);
	free(p->masters);
	p->masters = m;
	m[p->nmasters].id = id;
	memcpy(m[p->nmasters].key, key, PC_KEY_LEN);
	p->nmasters++;
	return 0;
}

int pc_cli_provider_add_token(pc_cli_provider *p, const pc_cli_tokreg *t)
{
	pc_cli_tokreg *n;
	size_t i;

	if (t->alias > ALIAS_MAX)
		return pc_cli_fail(PC_ERR_INVALID_ARG, "alias %u is above 9999999",
				   (unsigned)t->alias);
	for (i = 0; i < p->ntokens; i++)
		if (p->tokens[i].alias == t->alias || p->tokens[i].token == t->token)
			return pc_cli_fail(PC_ERR_INVALID_ARG, "alias %u or its token "
					   "is already registered", (unsigned)t->alias);
	if (pc_cli_provider_master(p, t->master_key_id) == NULL)
		return pc_cli_fail(PC_ERR_NOT_FOUND, "no master key with ID %u",
				   (unsigned)t->master_key_id);
	n = realloc(p->tokens, (p->ntokens + 1) * sizeof *n);
	if (n == NULL)
		return pc_cli_fail(PC_ERR_INTERNAL, "out of memory");
	p->tokens = n;
	n[p->ntokens++] = *t;
	return 0;
}

static int load_masters(const cJSON *arr, const char *path, pc_cli_provider *p)
{
	const cJSON *e;
	uint8_t key[PC_KEY_LEN];
	uint32_t id = 0;
	int rc = 0;

	if (!cJSON_IsArray(arr))
		return pc_cli_fail(PC_ERR_INVALID_ARG, "%s: \"masterKeys\" must be "
				   "an array", path);
	cJSON_ArrayForEach(e, arr) {
		rc = pc_cli_json_u32(e, path, "id", UINT32_MAX, &id) != 0 ||
		     pc_cli_json_bytes(e, path, "key", key, sizeof key) != 0 ||
		     pc_cli_provider_add_master(p, id, key) != 0;
		if (rc != 0)
			break;
	}
	pc_wipe(key, sizeof key);
	return rc;
}

static int load_tokens(const cJSON *arr, const char *path, pc_cli_provider *p)
{
	uint8_t tok[8];
	pc_cli_tokreg t;
	const cJSON *e;

	if (!cJSON_IsArray(arr))
		return pc_cli_fail(PC_ERR_INVALID_ARG, "%s: \"tokens\" must be an "
				   "array", path);
	cJSON_ArrayForEach(e, arr) {
		if (pc_cli_json_u32(e, path, "alias", ALIAS_MAX, &t.alias) != 0 ||
		    pc_cli_json_bytes(e, path, "token", tok, sizeof tok) != 0 ||
		    pc_cli_json_u32(e, path, "masterKeyId", UINT32_MAX,
				    &t.master_key_id) != 0)
			return 1;
		t.token = pc_cli_get_be64(tok);
		if (pc_cli_provider_add_token(p, &t) != 0)
			return 1;
	}
	return 0;
}

int pc_cli_provider_load(const char *path, pc_cli_provider *p)
{
	cJSON *o;
	int rc;

	memset(p, 0, sizeof *p);
	p->hooks.ctx = p;
	p->hooks.master_key = hook_master;
	p->hooks.lookup_alias = hook_alias;
	o = pc_cli_json_load(path, TYPE);
	if (o == NULL)
		return 1;
	rc = load_masters(cJSON_GetObjectItemCaseSensitive(o, "masterKeys"), path, p);
	if (rc == 0)
		rc = load_tokens(cJSON_GetObjectItemCaseSensitive(o, "tokens"), path, p);
	pc_cli_json_free(o);
	if (rc != 0)
		pc_cli_provider_free(p);
	return rc;
}

/* The JSON arrays of p; NULL when out of memory. */
static cJSON *to_json(const pc_cli_provider *p)
{
	cJSON *o = cJSON_CreateObject(), *ms = NULL, *ts = NULL, *e;
	uint8_t tok[8];
	size_t i;
	int bad = o == NULL || cJSON_AddStringToObject(o, "type", TYPE) == NULL ||
		  (ms = cJSON_AddArrayToObject(o, "masterKeys")) == NULL ||
		  (ts = cJSON_AddArrayToObject(o, "tokens")) == NULL;

	for (i = 0; !bad && i < p->nmasters; i++) {
		bad = !cJSON_AddItemToArray(ms, e = cJSON_CreateObject()) ||
		      pc_cli_json_add_uint(e, "id", p->masters[i].id) != 0 ||
		      pc_cli_json_add_hex(e, "key", p->masters[i].key, PC_KEY_LEN) != 0;
	}
	for (i = 0; !bad && i < p->ntokens; i++) {
		pc_cli_put_be64(tok, p->tokens[i].token);
		bad = !cJSON_AddItemToArray(ts, e = cJSON_CreateObject()) ||
		      pc_cli_json_add_uint(e, "alias", p->tokens[i].alias) != 0 ||
		      pc_cli_json_add_hex(e, "token", tok, sizeof tok) != 0 ||
		      pc_cli_json_add_uint(e, "masterKeyId", p->tokens[i].master_key_id) != 0;
	}
	if (bad) {
		pc_cli_json_free(o);
		return NULL;
	}
	return o;
}

int pc_cli_provider_save(const char *path, const pc_cli_provider *p, int force)
{
	cJSON *o = to_json(p);
	int rc;

	if (o == NULL)
		return pc_cli_fail(PC_ERR_INTERNAL, "out of memory");
	rc = pc_cli_json_save(o, path, PC_CLI_MODE_SECRET, force);
	pc_cli_json_free(o);
	return rc;
}

void pc_cli_provider_free(pc_cli_provider *p)
{
	if (p == NULL)
		return;
	pc_wipe(p->masters, p->nmasters * sizeof *p->masters);
	free(p->masters);
	free(p->tokens);
	memset(p, 0, sizeof *p);
}
