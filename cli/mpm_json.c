/*
 * MPM payloads as JSON (cJSON): what `paycode mpm decode` prints, what
 * `paycode mpm encode` reads, and what the conformance vectors expect.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "cli.h"

static void pc__id2(char out[3], unsigned id)
{
	out[0] = (char)('0' + id / 10);
	out[1] = (char)('0' + id % 10);
	out[2] = '\0';
}

static cJSON *pc__obj(const pc_mpm *m, size_t i, int with_names)
{
	cJSON *o = cJSON_CreateObject();
	size_t parent = pc_mpm_parent(m, i);
	unsigned pid = parent == PC_MPM_NONE ? PC_MPM_NONE : pc_mpm_id(m, parent);
	pc_cbuf v = pc_mpm_value(m, i);
	char id[3], *text;

	pc__id2(id, pc_mpm_id(m, i));
	cJSON_AddStringToObject(o, "id", id);
	if (with_names && *pc_mpm_obj_name(pid, pc_mpm_id(m, i)) != '\0')
		cJSON_AddStringToObject(o, "name", pc_mpm_obj_name(pid, pc_mpm_id(m, i)));
	if (pc_mpm_is_template(m, i)) {
		cJSON_AddItemToObject(o, "template", pc_cli_mpm_objects(m, i, with_names));
		return o;
	}
	text = malloc(v.len + 1);
	if (text != NULL) {
		memcpy(text, v.ptr, v.len);
		text[v.len] = '\0';
		cJSON_AddStringToObject(o, "value", text);
		free(text);
	}
	return o;
}

cJSON *pc_cli_mpm_objects(const pc_mpm *m, size_t parent, int with_names)
{
	cJSON *arr = cJSON_CreateArray();
	size_t i;

	for (i = 0; i < pc_mpm_count(m); i++)
		if (pc_mpm_parent(m, i) == parent)
			cJSON_AddItemToArray(arr, pc__obj(m, i, with_names));
	return arr;
}

static void pc__path(const pc_mpm_issue *is, char *out, size_t cap)
{
	size_t i, n = 0;

	out[0] = '\0';
	for (i = 0; i < PC_MPM_MAX_DEPTH && is->path[i] != PC_MPM_NONE && n + 4 < cap; i++)
		n += (size_t)snprintf(out + n, cap - n, "%s%02u", i ? "." : "", is->path[i]);
}

cJSON *pc_cli_mpm_warnings(const pc_mpm *m)
{
	cJSON *arr = cJSON_CreateArray();
	char at[16], msg[256];
	size_t i;

	for (i = 0; pc_mpm_warning(m, i) != NULL; i++) {
		const pc_mpm_issue *w = pc_mpm_warning(m, i);
		cJSON *o = cJSON_CreateObject();

		pc__path(w, at, sizeof at);
		(void)pc_mpm_issue_format(w, msg, sizeof msg);
		cJSON_AddStringToObject(o, "error", pc_err_name(w->code));
		cJSON_AddStringToObject(o, "at", at);
		cJSON_AddStringToObject(o, "message", msg);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static int pc__parse_id(const cJSON *item, unsigned *id)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(item, "id");

	if (!cJSON_IsString(j) || strlen(j->valuestring) != 2 ||
	    j->valuestring[0] < '0' || j->valuestring[0] > '9' ||
	    j->valuestring[1] < '0' || j->valuestring[1] > '9')
		return -1;
	*id = (unsigned)(j->valuestring[0] - '0') * 10u + (unsigned)(j->valuestring[1] - '0');
	return 0;
}

static int pc__build_list(pc_mpm_enc *e, const cJSON *objects, int depth,
			  char *msg, size_t msg_cap)
{
	const cJSON *item;
	unsigned id;

	if (!cJSON_IsArray(objects)) {
		snprintf(msg, msg_cap, "\"objects\"/\"template\" must be an array");
		return -1;
	}
	cJSON_ArrayForEach(item, objects) {
		const cJSON *val = cJSON_GetObjectItemCaseSensitive(item, "value");
		const cJSON *tpl = cJSON_GetObjectItemCaseSensitive(item, "template");

		if (pc__parse_id(item, &id) != 0) {
			snprintf(msg, msg_cap, "each object needs \"id\": two decimal digits");
			return -1;
		}
		if (depth == 0 && id == 63)
			continue;
		if (cJSON_IsString(val)) {
			pc_mpm_enc_add_str(e, id, val->valuestring);
		} else if (tpl != NULL) {
			pc_mpm_enc_begin(e, id);
			if (pc__build_list(e, tpl, depth + 1, msg, msg_cap) != 0)
				return -1;
			pc_mpm_enc_end(e);
		} else {
			snprintf(msg, msg_cap, "object %02u needs \"value\" (string) or \"template\" (array)", id);
			return -1;
		}
	}
	return 0;
}

pc_err pc_cli_mpm_build(const cJSON *objects, pc_mpm_len_unit unit, char *out,
			size_t cap, size_t *out_len, char *msg, size_t msg_cap)
{
	pc_mpm_enc e;
	pc_err err;

	msg[0] = '\0';
	pc_mpm_enc_init(&e, out, cap, unit);
	if (pc__build_list(&e, objects, 0, msg, msg_cap) != 0)
		return PC_ERR_INVALID_ARG;
	err = pc_mpm_enc_finish(&e, out_len);
	if (err != PC_OK)
		snprintf(msg, msg_cap, "%s", pc_strerror(err));
	return err;
}
