/*
 * paycode CLI: output shared by `cert show` and `revocation show`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <cjson/cJSON.h>

#include "cli.h"
#include "files.h"

int pc_cli_print_json(cJSON *o)
{
	char *text = o != NULL ? cJSON_Print(o) : NULL;
	int rc = text != NULL && puts(text) >= 0 && fflush(stdout) == 0 ? 0 : 1;

	free(text);
	cJSON_Delete(o);
	if (rc != 0)
		return pc_cli_fail(PC_ERR_STORAGE, "cannot write the JSON output");
	return 0;
}

int pc_cli_show_signature(cJSON *o, const char *root_path, uint32_t issuer,
			  const char *what,
			  pc_err (*verify)(const void *obj, const uint8_t pub[65]),
			  const void *obj)
{
	pc_cli_root r;
	pc_err err;

	if (root_path == NULL)
		return 0;
	if (pc_cli_root_load(root_path, &r, 0) != 0)
		return 1;
	if (r.key_id != issuer)
		err = PC_ERR_NOT_FOUND;
	else
		err = verify(obj, r.pub);
	pc_cli_root_wipe(&r);
	cJSON_AddStringToObject(o, "signature", err == PC_OK ? "valid" : "invalid");
	if (err == PC_ERR_NOT_FOUND)
		return pc_cli_fail(err, "the %s's issuer key ID %lu is not the "
				   "root's key ID", what, (unsigned long)issuer);
	if (err != PC_OK)
		return pc_cli_fail(err, "the %s's signature does not verify with %s",
				   what, root_path);
	return 0;
}
