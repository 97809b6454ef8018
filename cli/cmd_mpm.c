/*
 * paycode mpm decode | encode | profiles
 *
 * Contract (scripts rely on it): decode prints one JSON object on stdout
 * and exits 0 when the payload is valid under the profile; otherwise it
 * prints "error: PC_ERR_...: message" on stderr and exits 1. Warnings go to
 * stderr as "warning: PC_ERR_...: message" (and into the JSON). encode
 * reads that JSON and prints the payload, so decode | encode is the
 * identity for every payload that decodes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "cli.h"

static const char mpm_usage[] =
	"usage: paycode mpm decode [--lenient | --profile NAME] PAYLOAD|-\n"
	"       paycode mpm encode [--profile NAME] FILE.json|-\n"
	"       paycode mpm profiles\n"
	"\n"
	"decode: exit 0 and JSON on stdout when valid; exit 1 and\n"
	"        'error: PC_ERR_...: message' on stderr when not.\n"
	"encode: reads decode's JSON; the CRC is recomputed. The result is\n"
	"        validated with the JSON's \"profile\" (or --profile).\n";

static void pc__print_issue(const char *kind, const pc_mpm *m, const pc_mpm_issue *is)
{
	char msg[256];
	uint16_t stated, computed;

	(void)pc_mpm_issue_format(is, msg, sizeof msg);
	fprintf(stderr, "%s: %s: %s", kind, pc_err_name(is->code), msg);
	if (is->code == PC_ERR_MPM_CRC_MISMATCH && pc_mpm_crc(m, &stated, &computed))
		fprintf(stderr, " (stated %04X, computed %04X)", stated, computed);
	fprintf(stderr, " [offset %u]\n", is->offset);
}

static void pc__print_warnings(const pc_mpm *m)
{
	size_t i;

	for (i = 0; pc_mpm_warning(m, i) != NULL; i++)
		pc__print_issue("warning", m, pc_mpm_warning(m, i));
	if (pc_mpm_warning_count(m) > i)
		fprintf(stderr, "warning: %zu more not shown\n", pc_mpm_warning_count(m) - i);
}

/* Decode text with a profile; on failure print the error and return 1. */
static int pc__decode(pc_mpm *m, const char *text, size_t len, const pc_mpm_profile *pr)
{
	pc_err err = pc_mpm_decode(m, text, len, pr);

	if (err != PC_OK) {
		pc__print_issue("error", m, pc_mpm_error(m));
		return 1;
	}
	pc__print_warnings(m);
	return 0;
}

static const pc_mpm_profile *pc__profile_opt(int *i, int argc, char **argv)
{
	if (strcmp(argv[*i], "--lenient") == 0)
		return &pc_mpm_profile_lenient;
	if (strcmp(argv[*i], "--profile") == 0 && *i + 1 < argc) {
		*i += 1;
		return pc_mpm_profile_find(argv[*i]);
	}
	return NULL;
}

static int pc__cmd_decode(int argc, char **argv)
{
	const pc_mpm_profile *pr = &pc_mpm_profile_strict;
	const char *arg = NULL;
	static pc_mpm m;
	char *text, *json;
	size_t len;
	cJSON *root;
	int i, rc;

	for (i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			pr = pc__profile_opt(&i, argc, argv);
			if (pr == NULL) {
				fputs(mpm_usage, stderr);
				return 2;
			}
		} else if (arg == NULL) {
			arg = argv[i];
		} else {
			fputs(mpm_usage, stderr);
			return 2;
		}
	}
	if (arg == NULL) {
		fputs(mpm_usage, stderr);
		return 2;
	}
	if (pc_cli_read_arg(arg, &text, &len) != 0)
		return pc_cli_fail(PC_ERR_INVALID_ARG, "cannot read the payload");
	rc = pc__decode(&m, text, len, pr);
	free(text);
	if (rc != 0)
		return rc;
	root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "profile", pr->name);
	cJSON_AddStringToObject(root, "lenUnit",
				pc_mpm_unit(&m) == PC_MPM_LEN_BYTES ? "bytes" : "chars");
	cJSON_AddItemToObject(root, "objects", pc_cli_mpm_objects(&m, PC_MPM_NONE, 1));
	cJSON_AddItemToObject(root, "warnings", pc_cli_mpm_warnings(&m));
	json = cJSON_Print(root);
	if (json != NULL)
		puts(json);
	free(json);
	cJSON_Delete(root);
	return json != NULL ? 0 : 1;
}

static const pc_mpm_profile *pc__json_profile(const cJSON *root, const pc_mpm_profile *opt)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(root, "profile");

	if (opt != NULL)
		return opt;
	if (cJSON_IsString(p))
		return pc_mpm_profile_find(p->valuestring);
	return &pc_mpm_profile_strict;
}

static int pc__encode_json(const cJSON *root, const pc_mpm_profile *pr)
{
	const cJSON *unit = cJSON_GetObjectItemCaseSensitive(root, "lenUnit");
	pc_mpm_len_unit u = PC_MPM_LEN_CHARS;
	static char out[PC_MPM_MAX_PAYLOAD];
	static pc_mpm m;
	char msg[160];
	size_t len;
	pc_err err;

	if (cJSON_IsString(unit) && strcmp(unit->valuestring, "bytes") == 0)
		u = PC_MPM_LEN_BYTES;
	err = pc_cli_mpm_build(cJSON_GetObjectItemCaseSensitive(root, "objects"), u,
			       out, sizeof out, &len, msg, sizeof msg);
	if (err != PC_OK)
		return pc_cli_fail(err, "%s", msg);
	if (pc__decode(&m, out, len, pr) != 0)
		return 1;
	fwrite(out, 1, len, stdout);
	putchar('\n');
	return 0;
}

static int pc__cmd_encode(int argc, char **argv)
{
	const pc_mpm_profile *opt = NULL;
	const char *path = NULL;
	cJSON *root;
	char *text;
	size_t len;
	int i, rc;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--profile") == 0 || strcmp(argv[i], "--lenient") == 0) {
			opt = pc__profile_opt(&i, argc, argv);
			if (opt == NULL)
				return fputs(mpm_usage, stderr), 2;
		} else if (path == NULL) {
			path = argv[i];
		} else {
			return fputs(mpm_usage, stderr), 2;
		}
	}
	if (path == NULL)
		return fputs(mpm_usage, stderr), 2;
	if (pc_cli_read_file(path, &text, &len) != 0)
		return pc_cli_fail(PC_ERR_NOT_FOUND, "cannot read %s", path);
	root = cJSON_ParseWithLength(text, len);
	free(text);
	if (root == NULL)
		return pc_cli_fail(PC_ERR_INVALID_ARG, "input is not JSON");
	if (pc__json_profile(root, opt) == NULL)
		rc = pc_cli_fail(PC_ERR_INVALID_ARG, "unknown profile");
	else
		rc = pc__encode_json(root, pc__json_profile(root, opt));
	cJSON_Delete(root);
	return rc;
}

int pc_cli_mpm(int argc, char **argv)
{
	size_t i;

	if (argc < 2 || strcmp(argv[1], "--help") == 0) {
		fputs(mpm_usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (argc > 2 && strcmp(argv[2], "--help") == 0) {
		fputs(mpm_usage, stdout);
		return 0;
	}
	if (strcmp(argv[1], "decode") == 0)
		return pc__cmd_decode(argc - 1, argv + 1);
	if (strcmp(argv[1], "encode") == 0)
		return pc__cmd_encode(argc - 1, argv + 1);
	if (strcmp(argv[1], "profiles") == 0) {
		for (i = 0; pc_mpm_profile_name(i) != NULL; i++)
			puts(pc_mpm_profile_name(i));
		return 0;
	}
	fputs(mpm_usage, stderr);
	return 2;
}
