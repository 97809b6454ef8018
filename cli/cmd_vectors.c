/*
 * paycode vectors run [--verbose] [FILE|DIR]
 *
 * Runs the Wycheproof-style conformance vectors (vectors/README.md) against
 * this implementation: dispatches on each file's "algorithm" and each
 * group's "type", reports every failing tcId, and ends with the line
 * "N passed, N failed". Exit 1 on any failure, 2 on unreadable input.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "cli.h"

struct tally {
	unsigned pass, fail;
	int verbose;
	const char *file;
};

static int pc__report(struct tally *t, const cJSON *test, int ok, const char *why)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(test, "tcId");
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(test, "comment");

	if (ok)
		t->pass++;
	else
		t->fail++;
	if (!ok || t->verbose)
		printf("%s %s tcId %d: %s%s%s\n", ok ? "pass" : "FAIL", t->file,
		       cJSON_IsNumber(id) ? id->valueint : -1,
		       cJSON_IsString(c) ? c->valuestring : "", ok ? "" : ": ", ok ? "" : why);
	return ok;
}

static const char *pc__str(const cJSON *o, const char *k)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, k);

	return cJSON_IsString(j) ? j->valuestring : NULL;
}

/* Compare warnings (pc_err names, in order) with the decoder's. */
static int pc__same_warnings(const pc_mpm *m, const cJSON *want)
{
	const cJSON *w;
	size_t i = 0;

	if (want == NULL)
		return pc_mpm_warning_count(m) == 0;
	cJSON_ArrayForEach(w, want) {
		const pc_mpm_issue *is = pc_mpm_warning(m, i++);

		if (is == NULL || !cJSON_IsString(w) || strcmp(pc_err_name(is->code), w->valuestring) != 0)
			return 0;
	}
	return i == pc_mpm_warning_count(m);
}

static int pc__mpm_test(struct tally *t, const pc_mpm_profile *pr, const cJSON *test)
{
	static pc_mpm m;
	const char *text = pc__str(test, "payload"), *result = pc__str(test, "result");
	const char *want_err = pc__str(test, "expectedError");
	char why[200];
	cJSON *got;
	pc_err err;
	int ok;

	if (text == NULL || result == NULL)
		return pc__report(t, test, 0, "test lacks payload or result");
	err = pc_mpm_decode(&m, text, strlen(text), pr);
	if (strcmp(result, "valid") == 0) {
		if (err != PC_OK) {
			snprintf(why, sizeof why, "decode failed: %s", pc_err_name(err));
			return pc__report(t, test, 0, why);
		}
		got = pc_cli_mpm_objects(&m, PC_MPM_NONE, 0);
		ok = cJSON_Compare(got, cJSON_GetObjectItemCaseSensitive(test, "objects"), 1);
		cJSON_Delete(got);
		if (!ok)
			return pc__report(t, test, 0, "decoded objects differ");
		return pc__report(t, test, pc__same_warnings(&m, cJSON_GetObjectItemCaseSensitive(test, "warnings")),
				  "warnings differ");
	}
	snprintf(why, sizeof why, "want %s, got %s", want_err ? want_err : "an error",
		 pc_err_name(err));
	ok = err != PC_OK && (want_err == NULL || strcmp(want_err, pc_err_name(err)) == 0);
	return pc__report(t, test, ok, why);
}

static int pc__crc_test(struct tally *t, const cJSON *test)
{
	const char *hex = pc__str(test, "msg"), *want = pc__str(test, "crc");
	unsigned char buf[512];
	char got[5];
	size_t n = 0;
	unsigned v;

	if (hex == NULL || want == NULL || strlen(hex) / 2 > sizeof buf)
		return pc__report(t, test, 0, "test lacks msg or crc");
	for (; hex[2 * n] != '\0' && sscanf(hex + 2 * n, "%2x", &v) == 1; n++)
		buf[n] = (unsigned char)v;
	snprintf(got, sizeof got, "%04x", pc_crc16_ccitt(0xFFFF, buf, n));
	return pc__report(t, test, strcmp(got, want) == 0, "CRC differs");
}

static int pc__run_group(struct tally *t, const char *alg, const cJSON *g)
{
	const char *type = pc__str(g, "type");
	const cJSON *test;
	const pc_mpm_profile *pr = NULL;

	if (type == NULL)
		return -1;
	if (strcmp(alg, "EMV-MPM-DECODE") == 0 && strcmp(type, "MpmDecode") == 0) {
		pr = pc_mpm_profile_find(pc__str(g, "profile"));
		if (pr == NULL)
			return -1;
	} else if (!(strcmp(alg, "CRC16-CCITT-FALSE") == 0 && strcmp(type, "Crc16") == 0)) {
		return -1;
	}
	cJSON_ArrayForEach(test, cJSON_GetObjectItemCaseSensitive(g, "tests")) {
		if (pr != NULL)
			(void)pc__mpm_test(t, pr, test);
		else
			(void)pc__crc_test(t, test);
	}
	return 0;
}

static int pc__run_file(struct tally *t, const char *path)
{
	const cJSON *g;
	const char *alg;
	char *text;
	size_t len;
	cJSON *root;
	int rc = 0;

	if (pc_cli_read_file(path, &text, &len) != 0)
		return pc_cli_fail(PC_ERR_NOT_FOUND, "cannot read %s", path), -1;
	root = cJSON_ParseWithLength(text, len);
	free(text);
	alg = pc__str(root, "algorithm");
	if (root == NULL || alg == NULL) {
		cJSON_Delete(root);
		return pc_cli_fail(PC_ERR_INVALID_ARG, "%s is not a vector file", path), -1;
	}
	t->file = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	cJSON_ArrayForEach(g, cJSON_GetObjectItemCaseSensitive(root, "testGroups"))
		if (pc__run_group(t, alg, g) != 0) {
			printf("FAIL %s: unsupported algorithm/group type %s/%s\n", t->file, alg,
			       pc__str(g, "type") ? pc__str(g, "type") : "?");
			t->fail++;
			rc = -1;
		}
	cJSON_Delete(root);
	return rc;
}

static int pc__cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run every *.json directly inside dir, in name order. */
static int pc__run_dir(struct tally *t, const char *dir)
{
	char *names[256], path[1024];
	struct dirent *e;
	size_t n = 0, i, l;
	DIR *d = opendir(dir);

	if (d == NULL)
		return pc__run_file(t, dir);
	while ((e = readdir(d)) != NULL && n < 256) {
		l = strlen(e->d_name);
		if (l > 5 && strcmp(e->d_name + l - 5, ".json") == 0)
			names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof names[0], pc__cmp);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		(void)pc__run_file(t, path);
		free(names[i]);
	}
	return 0;
}

int pc_cli_vectors(int argc, char **argv)
{
	struct tally t = { 0, 0, 0, NULL };
	const char *where = "vectors";
	int i;

	if (argc < 2 || strcmp(argv[1], "run") != 0) {
		fputs("usage: paycode vectors run [--verbose] [FILE|DIR]\n",
		      argc >= 2 && strcmp(argv[1], "--help") == 0 ? stdout : stderr);
		return argc >= 2 && strcmp(argv[1], "--help") == 0 ? 0 : 2;
	}
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--verbose") == 0 || strcmp(argv[i], "-v") == 0)
			t.verbose = 1;
		else if (strcmp(argv[i], "--help") == 0)
			return puts("usage: paycode vectors run [--verbose] [FILE|DIR]"), 0;
		else
			where = argv[i];
	}
	(void)pc__run_dir(&t, where);
	printf("%u passed, %u failed\n", t.pass, t.fail);
	return t.fail == 0 && t.pass > 0 ? 0 : 1;
}
