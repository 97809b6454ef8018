/*
 * paycode vectors run [--verbose] [--impl COMMAND [--timeout S]] [FILE|DIR]
 * paycode vectors gen DIR
 * paycode vectors serve
 *
 * run: the Wycheproof-style conformance vectors (vectors/README.md),
 * dispatched on each file's "algorithm" and each group's "type". Answers
 * come from paycode itself or, with --impl, from another implementation
 * speaking the line protocol (vectors_harness.c). Every failing tcId is
 * reported (every tcId with --impl or --verbose), then the line
 * "N passed, N failed" (", N skipped" when an implementation answered
 * "unsupported"). Exit 1 on any failure or when nothing passed, 2 on a
 * usage error or when the implementation cannot be started.
 *
 * gen: regenerate the vectors paycode generates itself (vectors_gen.c).
 * serve: answer the line protocol on stdin/stdout (vectors_serve.c).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vectors.h"

static const char pc__usage[] =
	"usage: paycode vectors run [--verbose] [--impl COMMAND [--timeout SECONDS]] [FILE|DIR]\n"
	"       paycode vectors gen DIR\n"
	"       paycode vectors serve\n";

struct tally {
	unsigned pass, fail, skip;
	int verbose;
	const char *file;
	pc_vec_impl *impl;
};

static void pc__report(struct tally *t, const cJSON *test, int ok, const char *why)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(test, "tcId");
	const char *c = pc_vec_str(test, "comment");
	const char *word = ok > 0 ? "pass" : ok == 0 ? "FAIL" : "skip";

	if (ok > 0)
		t->pass++;
	else if (ok == 0)
		t->fail++;
	else
		t->skip++;
	if (ok <= 0 || t->verbose)
		printf("%s %s tcId %d: %s%s%s\n", word, t->file,
		       cJSON_IsNumber(id) ? id->valueint : -1, c ? c : "",
		       ok > 0 ? "" : ": ", ok > 0 ? "" : why);
}

/* The group being run. */
struct grp {
	const pc_vec_alg *a;
	const char *alg;
	const cJSON *g;
	cJSON *params;   /* the group without its tests */
	void *state;     /* paycode's, when there is no --impl */
};

/* One request line of the protocol: {"type", "tcId"?, "algorithm", "group"}. */
static cJSON *pc__request(const char *type, const cJSON *id, const struct grp *gr)
{
	cJSON *r = cJSON_CreateObject();

	cJSON_AddStringToObject(r, "type", type);
	if (id != NULL)
		cJSON_AddItemToObject(r, "tcId", cJSON_Duplicate(id, 1));
	cJSON_AddStringToObject(r, "algorithm", gr->alg);
	cJSON_AddItemToObject(r, "group", cJSON_Duplicate(gr->params, 1));
	return r;
}

/* The implementation's answer to one test (NULL with why). */
static cJSON *pc__answer(struct tally *t, const struct grp *gr, const cJSON *test,
			 char *why, size_t n)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(test, "tcId");
	cJSON *req, *ans;

	if (t->impl == NULL)
		return gr->a->eval(gr->state, gr->g, test);
	req = pc__request("test", id, gr);
	cJSON_AddItemToObject(req, "test", pc_vec_test_inputs(gr->a, test));
	ans = pc_vec_impl_ask(t->impl, req, why, n);
	cJSON_Delete(req);
	if (ans != NULL && !cJSON_Compare(cJSON_GetObjectItemCaseSensitive(ans, "tcId"), id, 1)) {
		snprintf(why, n, "the answer's tcId is not the request's");
		cJSON_Delete(ans);
		ans = NULL;
	}
	return ans;
}

/* Start a group: paycode's state, or the group line to the implementation,
 * whose acknowledgement must be a JSON object without "ok": false. */
static int pc__begin(struct tally *t, struct grp *gr, char *why, size_t n)
{
	cJSON *req, *ack;
	int ok;

	if (t->impl == NULL) {
		gr->state = gr->a->begin(gr->g, why, n);
		return gr->state != NULL ? 0 : -1;
	}
	req = pc__request("group", NULL, gr);
	ack = pc_vec_impl_ask(t->impl, req, why, n);
	cJSON_Delete(req);
	ok = ack != NULL && !cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(ack, "ok"));
	if (ack != NULL && !ok)
		snprintf(why, n, "the implementation refused the group: %s",
			 pc_vec_str(ack, "fault") ? pc_vec_str(ack, "fault") : "\"ok\": false");
	cJSON_Delete(ack);
	return ok ? 0 : -1;
}

static void pc__run_tests(struct tally *t, const struct grp *gr)
{
	const cJSON *test;
	char why[256];
	cJSON *ans;

	cJSON_ArrayForEach(test, cJSON_GetObjectItemCaseSensitive(gr->g, "tests")) {
		why[0] = '\0';
		ans = pc__answer(t, gr, test, why, sizeof why);
		if (ans != NULL && pc_vec_str(ans, "fault") != NULL)
			snprintf(why, sizeof why, "the implementation failed: %s",
				 pc_vec_str(ans, "fault"));
		if (ans == NULL || why[0] != '\0')
			pc__report(t, test, 0, why);
		else if (pc_vec_is_unsupported(ans))
			pc__report(t, test, -1, "unsupported by the implementation");
		else
			pc__report(t, test, gr->a->check(test, ans, why, sizeof why), why);
		cJSON_Delete(ans);
	}
}

/* A group that cannot run fails each of its tests. */
static void pc__fail_group(struct tally *t, const cJSON *g, const char *why)
{
	const cJSON *test;

	cJSON_ArrayForEach(test, cJSON_GetObjectItemCaseSensitive(g, "tests"))
		pc__report(t, test, 0, why);
}

static int pc__run_group(struct tally *t, const char *alg, const cJSON *g)
{
	struct grp gr = { pc_vec_find(alg, pc_vec_str(g, "type")), alg, g, NULL, NULL };
	char why[256] = "", msg[300];

	if (gr.a == NULL) {
		snprintf(msg, sizeof msg, "unsupported algorithm/group type %s/%s", alg,
			 pc_vec_str(g, "type") ? pc_vec_str(g, "type") : "?");
		pc__fail_group(t, g, msg);
		return -1;
	}
	gr.params = pc_vec_group_params(g);
	if (pc__begin(t, &gr, why, sizeof why) != 0) {
		snprintf(msg, sizeof msg, "group set-up failed: %s", why);
		pc__fail_group(t, g, msg);
		cJSON_Delete(gr.params);
		return -1;
	}
	pc__run_tests(t, &gr);
	if (t->impl == NULL)
		gr.a->end(gr.state);
	cJSON_Delete(gr.params);
	return 0;
}

static int pc__run_file(struct tally *t, const char *path)
{
	const cJSON *g;
	const char *alg;
	char *text;
	size_t len;
	cJSON *root;

	if (pc_cli_read_file(path, &text, &len) != 0)
		return pc_cli_fail(PC_ERR_NOT_FOUND, "cannot read %s", path), -1;
	root = cJSON_ParseWithLength(text, len);
	free(text);
	alg = pc_vec_str(root, "algorithm");
	if (root == NULL || alg == NULL) {
		cJSON_Delete(root);
		return pc_cli_fail(PC_ERR_INVALID_ARG, "%s is not a vector file", path), -1;
	}
	t->file = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	cJSON_ArrayForEach(g, cJSON_GetObjectItemCaseSensitive(root, "testGroups"))
		(void)pc__run_group(t, alg, g);
	cJSON_Delete(root);
	return 0;
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

static int pc__run(int argc, char **argv)
{
	struct tally t = { 0, 0, 0, 0, NULL, NULL };
	const char *where = "vectors", *impl = NULL;
	unsigned timeout = 60;
	int i;

	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--verbose") == 0 || strcmp(argv[i], "-v") == 0)
			t.verbose = 1;
		else if (strcmp(argv[i], "--impl") == 0 && i + 1 < argc)
			impl = argv[++i];
		else if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc)
			timeout = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--help") == 0)
			return fputs(pc__usage, stdout), 0;
		else if (argv[i][0] == '-')
			return fputs(pc__usage, stderr), 2;
		else
			where = argv[i];
	}
	if (impl != NULL) {
		t.verbose = 1;
		t.impl = pc_vec_impl_start(impl, timeout ? timeout : 1);
		if (t.impl == NULL)
			return pc_cli_fail(PC_ERR_INVALID_ARG, "cannot start %s", impl), 2;
	}
	(void)pc__run_dir(&t, where);
	i = pc_vec_impl_stop(t.impl);
	if (i != 0) {
		printf("FAIL: the implementation exited with status %d\n", i);
		t.fail++;
	}
	if (t.skip > 0)
		printf("%u passed, %u failed, %u skipped\n", t.pass, t.fail, t.skip);
	else
		printf("%u passed, %u failed\n", t.pass, t.fail);
	return t.fail == 0 && t.pass > 0 ? 0 : 1;
}

int pc_cli_vectors(int argc, char **argv)
{
	int help = argc >= 2 && strcmp(argv[1], "--help") == 0;

	if (argc >= 2 && strcmp(argv[1], "run") == 0)
		return pc__run(argc, argv);
	if (argc == 3 && strcmp(argv[1], "gen") == 0)
		return pc_vec_gen(argv[2]);
	if (argc == 2 && strcmp(argv[1], "serve") == 0)
		return pc_vec_serve(stdin, stdout);
	fputs(pc__usage, help ? stdout : stderr);
	return help ? 0 : 2;
}
