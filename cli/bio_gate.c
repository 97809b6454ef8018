/*
 * paycode bio verify | reset | status: the biometric decision gate
 * (include/paycode/bio.h, "Decision policy"; docs/SPEC.md §6.2) with its
 * attempt-state record in a file, through the POSIX port's storage.
 *
 * --state FILE names the record: its folder is the port's storage folder
 * and its name the storage object, so FILE's last component must be a
 * storage object name ([A-Za-z0-9._-], at most 63 characters).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "files.h"
#include "opts.h"
#include "bio_cli.h"

/* Options of the three commands, parsed by hand: a gallery may have up to
 * PC_BIO_GALLERY_MAX references, more than pc_cli_opts() positionals. */
typedef struct gate_args {
	const char *state, *pad, *purpose, *now;
	int strong;
	const char *pos[PC_BIO_GALLERY_MAX + 1];
	size_t npos;
} gate_args;

static int gate_usage(const char *msg, const char *arg)
{
	fprintf(stderr, "error: PC_ERR_INVALID_ARG: %s%s%s (see paycode bio --help)\n",
		msg, arg != NULL ? " " : "", arg != NULL ? arg : "");
	return 2;
}

/* "--name VALUE" or "--name=VALUE" for a value option: 1 when argv[*i]
 * is that option (value in *out, *i advanced), 0 when not, -1 when the
 * value is missing. */
static int gate_value(int argc, char **argv, int *i, const char *name,
		      const char **out)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) != 0)
		return 0;
	if (argv[*i][n] == '=') {
		*out = argv[*i] + n + 1;
		return 1;
	}
	if (argv[*i][n] != '\0')
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*out = argv[++*i];
	return 1;
}

static int gate_parse(int argc, char **argv, gate_args *a)
{
	static const char *const names[] = { "--state", "--pad", "--purpose", "--now" };
	const char **slot[4];
	int i, r = 0;
	size_t k;

	memset(a, 0, sizeof *a);
	slot[0] = &a->state, slot[1] = &a->pad, slot[2] = &a->purpose, slot[3] = &a->now;
	for (i = 1; i < argc; i++) {
		for (k = 0, r = 0; k < 4 && r == 0; k++)
			r = gate_value(argc, argv, &i, names[k], slot[k]);
		if (r < 0)
			return gate_usage("option needs a value:", argv[i]);
		if (r > 0)
			continue;
		if (strcmp(argv[i], "--strong-factor") == 0)
			a->strong = 1;
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return gate_usage("unknown option", argv[i]);
		else if (a->npos == PC_BIO_GALLERY_MAX + 1)
			return gate_usage("too many templates", NULL);
		else
			a->pos[a->npos++] = argv[i];
	}
	return a->state == NULL ? gate_usage("--state FILE is required", NULL) : -1;
}

static int gate_purpose(const char *s, pc_bio_purpose *p)
{
	if (s == NULL || strcmp(s, "payment") == 0)
		*p = PC_BIO_PURPOSE_PAYMENT;
	else if (strcmp(s, "unlock") == 0)
		*p = PC_BIO_PURPOSE_UNLOCK;
	else if (strcmp(s, "remote") == 0)
		*p = PC_BIO_PURPOSE_REMOTE_AUTH;
	else
		return gate_usage("bad --purpose", s);
	return -1;
}

static const char *gate_purpose_name(pc_bio_purpose p)
{
	return p == PC_BIO_PURPOSE_UNLOCK ? "unlock" :
	       p == PC_BIO_PURPOSE_REMOTE_AUTH ? "remote" : "payment";
}

static const char *gate_pad_name(pc_bio_pad p)
{
	return p == PC_BIO_PAD_PASS ? "pass" : p == PC_BIO_PAD_FAIL ? "fail" : "none";
}

/* The platform over FILE's folder and the gate on FILE's name. */
static int gate_open(const gate_args *a, pc_cli_platform *cp, pc_bio_gate *g,
		     const pc_bio_matcher *m)
{
	static char dir[4096];
	const char *slash = strrchr(a->state, '/'), *name;
	pc_bio_policy pol;
	pc_bio_purpose purpose = PC_BIO_PURPOSE_PAYMENT;
	int64_t now = 0;
	int rc, fixed = 0;
	pc_err err;

	if ((rc = gate_purpose(a->purpose, &purpose)) >= 0)
		return rc;
	if (a->now != NULL) {
		uint64_t v;

		if (pc_cli_parse_u64(a->now, (uint64_t)1 << 62, &v) != 0)
			return gate_usage("bad --now", a->now);
		now = (int64_t)v;
		fixed = 1;
	}
	name = slash != NULL ? slash + 1 : a->state;
	if (!pc_platform_name_ok(name))
		return gate_usage("the --state file name is not a storage object name:", name);
	if (slash == NULL)
		snprintf(dir, sizeof dir, ".");
	else
		snprintf(dir, sizeof dir, "%.*s", slash == a->state ? 1 : (int)(slash - a->state),
			 a->state);
	if (pc_cli_platform_init(cp, dir, fixed, now) != 0)
		return 1;
	err = pc_bio_policy_default(&pol, purpose);
	if (err == PC_OK)
		err = pc_bio_gate_init(g, &cp->plat, name, &pol, m);
	if (err != PC_OK)
		return pc_cli_fail(err, "cannot set up the biometric gate");
	return -1;
}

/* The decision as one JSON line. */
static void gate_print(const pc_bio_decision *d, pc_err err)
{
	printf("{\"outcome\":\"%s\",\"purpose\":\"%s\",\"pad\":\"%s\","
	       "\"score\":%u,\"threshold\":%u,\"effective\":%u,\"gallery\":%u,"
	       "\"matched\":%d,\"failures\":%u,\"remaining\":%u,"
	       "\"lockedUntil\":%lld,\"codeFlags\":%u,\"error\":",
	       pc_bio_outcome_name(d->outcome), gate_purpose_name(d->purpose),
	       gate_pad_name(d->pad), d->score, d->threshold, d->effective,
	       d->gallery, d->matched, d->failures, d->remaining,
	       (long long)d->locked_until, pc_bio_decision_code_flags(d));
	if (err == PC_OK)
		printf("null}\n");
	else
		printf("\"%s\"}\n", pc_err_name(err));
}

/* Load the probe and prepare every reference into the gallery. */
static int gate_load(const gate_args *a, pc_bio_template *probe,
		     pc_bio_prepared *gal)
{
	static pc_bio_template t;
	size_t i;
	int rc = pc_cli_bio_load(a->pos[0], probe);
	pc_err err = PC_OK;

	for (i = 1; rc == 0 && i < a->npos; i++) {
		rc = pc_cli_bio_load(a->pos[i], &t);
		if (rc == 0 && (err = pc_bio_prepare(&t, &gal[i - 1])) != PC_OK)
			rc = pc_cli_fail(err, "cannot prepare %s", a->pos[i]);
	}
	pc_bio_template_wipe(&t);
	return rc;
}

static int gate_pad(const char *s, pc_bio_pad *pad)
{
	if (s == NULL || strcmp(s, "none") == 0)
		*pad = PC_BIO_PAD_NONE;
	else if (strcmp(s, "pass") == 0)
		*pad = PC_BIO_PAD_PASS;
	else if (strcmp(s, "fail") == 0)
		*pad = PC_BIO_PAD_FAIL;
	else
		return gate_usage("bad --pad", s);
	return -1;
}

int pc_cli_bio_verify(int argc, char **argv, const char *usage)
{
	static pc_bio_prepared gal[PC_BIO_GALLERY_MAX];
	static pc_bio_template probe;
	static pc_bio_gate g;
	static gate_args a;
	pc_cli_platform cp;
	pc_bio_decision d;
	pc_bio_pad pad = PC_BIO_PAD_NONE;
	pc_err err;
	int rc;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(usage, stdout);
		return 0;
	}
	if ((rc = gate_parse(argc, argv, &a)) >= 0)
		return rc;
	if (a.npos < 2)
		return gate_usage("bio verify needs PROBE and at least one REF", NULL);
	if ((rc = gate_pad(a.pad, &pad)) >= 0)
		return rc;
	if ((rc = gate_open(&a, &cp, &g, pc_bio_matcher_reference())) >= 0)
		return rc;
	rc = gate_load(&a, &probe, gal);
	if (rc == 0) {
		err = pc_bio_verify(&g, &probe, gal, a.npos - 1, pad, &d);
		gate_print(&d, err);
		rc = err == PC_OK && d.outcome == PC_BIO_OUT_MATCH ? 0 : 1;
	}
	pc_bio_template_wipe(&probe);
	pc_wipe(gal, sizeof gal);
	pc_bio_gate_wipe(&g);
	pc_cli_platform_wipe(&cp);
	return rc;
}

/* reset (strong = 1 required) or status. */
int pc_cli_bio_state(int argc, char **argv, const char *usage, int reset)
{
	static pc_bio_gate g;
	static gate_args a;
	pc_cli_platform cp;
	pc_bio_decision d;
	pc_err err;
	int rc;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(usage, stdout);
		return 0;
	}
	if ((rc = gate_parse(argc, argv, &a)) >= 0)
		return rc;
	if (a.npos != 0)
		return gate_usage("unexpected argument", a.pos[0]);
	if (reset && !a.strong)
		return gate_usage("bio reset needs --strong-factor (after verifying the PIN "
				  "or another strong factor)", NULL);
	if ((rc = gate_open(&a, &cp, &g, pc_bio_matcher_reference())) >= 0)
		return rc;
	err = reset ? pc_bio_gate_reset(&g, true) : PC_OK;
	if (err == PC_OK) {
		err = pc_bio_gate_status(&g, NULL, &d);
		gate_print(&d, err);
		rc = err == PC_OK ? 0 : 1;
	} else {
		rc = pc_cli_fail(err, "cannot reset %s", a.state);
	}
	pc_bio_gate_wipe(&g);
	pc_cli_platform_wipe(&cp);
	return rc;
}
