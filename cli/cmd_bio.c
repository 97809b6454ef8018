/*
 * paycode bio: finger minutiae matching and evaluation
 * (include/paycode/bio.h, docs/BIOMETRICS.md).
 *
 *   match A B          score of two templates and the decision of the
 *                      default payment policy (FMR 1e-4)
 *   verify, reset, status
 *                      the decision gate with a persistent attempt-state
 *                      file (cli/bio_gate.c)
 *   eval DIR           the FVC protocol over NNN_K.* templates, or over a
 *                      seeded synthetic set (--synthetic N)
 *   eval --scores-in   the same report from a score file
 *   pad-eval FILE      ISO/IEC 30107-3 PAD rates from a PAD score file
 *   calibrate DIR...   the calibration table estimated from the impostor
 *                      scores of the FVC protocol inside each DIR
 *   synth --out DIR    write a synthetic set as NNN_K.iso (or .xyt) files
 *   seal, unseal-check sealed templates at rest (cli/cmd_bio_seal.c)
 *
 * Exit status: 0 success (match: the templates match), 1 invalid input,
 * failed check or no match, 2 usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "files.h"
#include "opts.h"
#include "bio_cli.h"

static const char USAGE[] =
	"usage: paycode bio match A B\n"
	"       paycode bio eval [--det FILE.svg|FILE.png] [--scores FILE.csv] DIR\n"
	"       paycode bio eval [--det FILE.svg] [--scores FILE.csv] --synthetic N [--seed S]\n"
	"       paycode bio eval [--det FILE.svg|FILE.png] --scores-in FILE.csv\n"
	"       paycode bio pad-eval [--threshold T] FILE.csv\n"
	"       paycode bio calibrate DIR...\n"
	"       paycode bio synth --out DIR [--fingers N] [--seed S] [--format iso|ansi|iso2011|xyt]\n"
	"       paycode bio seal --key-dir DIR --id N [--key-id K] --out BLOB A [B C D]\n"
	"       paycode bio unseal-check [--key-dir DIR] [--id N] BLOB\n"
	"       paycode bio verify --state FILE [--pad pass|fail|none] [--purpose payment|unlock|remote]\n"
	"                          [--now T] PROBE REF...\n"
	"       paycode bio reset --state FILE --strong-factor [--purpose P] [--now T]\n"
	"       paycode bio status --state FILE [--purpose P] [--now T]\n"
	"\n"
	"Templates: ISO/IEC 19794-2:2005 or :2011, ANSI/INCITS 378-2004 records\n"
	"(detected by content; the first finger view is used) or NBIS .xyt text\n"
	"(ANSI/M1 convention).\n"
	"\n"
	"match:     print 'score S' (-10 log10 FMR) and 'decision match|no-match'\n"
	"           at the default payment policy (FMR 1e-4, score 40.00).\n"
	"eval:      FVC protocol inside DIR (files NNN_K.ext, same NNN = same\n"
	"           finger): every genuine pair and every impostor pair; prints\n"
	"           genuine N, impostor N, EER, FMR100, FMR1000, ZeroFMR, then the\n"
	"           empirical threshold per target FMR. --det draws the DET curve\n"
	"           (SVG or PNG, by the extension), --scores writes every comparison\n"
	"           as CSV. --synthetic N: N seeded synthetic fingers of 8\n"
	"           impressions (docs/BIOMETRICS.md). --scores-in: the same report\n"
	"           from a score file written by --scores (no matching).\n"
	"pad-eval:  ISO/IEC 30107-3 rates from rows 'bonafide|SPECIES,SCORE'\n"
	"           (higher = more bona fide): APCER per species and the maximum,\n"
	"           BPCER at --threshold (default: the BPCER100 point), BPCER20,\n"
	"           BPCER100.\n"
	"calibrate: estimate the score calibration from the impostor comparisons\n"
	"           of the FVC protocol inside each DIR, pooled.\n"
	"synth:     write N (default 100) synthetic fingers x 8 impressions.\n"
	"seal, unseal-check: templates sealed at rest (paycode bio seal --help).\n"
	"verify:    the decision gate of the purpose's default policy (docs/SPEC.md\n"
	"           6.2): PROBE against a gallery of up to 32 REFs, the attempt counted\n"
	"           in FILE before comparing; prints the decision as one JSON line\n"
	"           (outcome, score, threshold, failures, lockedUntil, ...). --pad is\n"
	"           the sensor's PAD result (default none: refused for payments).\n"
	"           FILE's last component must be a storage object name.\n"
	"reset:     after the PIN or another strong factor was verified: create FILE\n"
	"           (enrolment) or clear its failures and lockout.\n"
	"status:    the state in FILE, without an attempt.\n"
	"\n"
	"exit status: 0 success or match (verify: outcome MATCH only), 1 invalid input\n"
	"or no match, 2 usage error\n";

static int usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "error: PC_ERR_INVALID_ARG: %s%s%s (see paycode bio --help)\n",
		msg, arg != NULL ? " " : "", arg != NULL ? arg : "");
	return 2;
}

/* ---- match --------------------------------------------------------------- */

static int cmd_match(int argc, char **argv)
{
	static pc_bio_template ta, tb;
	static pc_bio_prepared pa, pb;
	pc_cli_opt o[1] = { { .name = "unused-placeholder", .flag = 1 } };
	pc_bio_match_detail d;
	pc_bio_policy pol;
	pc_cli_pos pos;
	uint32_t score, thr;
	pc_err err;
	int rc = pc_cli_opts(argc, argv, o, 0, &pos, 2, USAGE, "bio");

	if (rc >= 0)
		return rc;
	/* The default payment policy's threshold (one sample: no gallery
	 * adjustment). */
	if (pc_bio_policy_default(&pol, PC_BIO_PURPOSE_PAYMENT) != PC_OK)
		return pc_cli_fail(PC_ERR_INTERNAL, "no default policy");
	thr = pol.threshold;
	if (pos.n != 2)
		return usage_error("bio match needs two template files", NULL);
	rc = pc_cli_bio_load(pos.arg[0], &ta);
	if (rc == 0)
		rc = pc_cli_bio_load(pos.arg[1], &tb);
	if (rc == 0) {
		err = pc_bio_prepare(&ta, &pa);
		if (err == PC_OK)
			err = pc_bio_prepare(&tb, &pb);
		if (err == PC_OK)
			err = pc_bio_compare(&pa, &pb, &score, &d);
		if (err != PC_OK)
			rc = pc_cli_fail(err, "cannot compare");
	}
	pc_bio_template_wipe(&ta);
	pc_bio_template_wipe(&tb);
	pc_bio_prepared_wipe(&pa);
	pc_bio_prepared_wipe(&pb);
	if (rc != 0)
		return rc;
	printf("score %u.%02u\n", score / 100u, score % 100u);
	printf("matched %u\n", d.matched);
	printf("decision %s (threshold %u.%02u, FMR 1e-4)\n",
	       score >= thr ? "match" : "no-match", thr / 100u, thr % 100u);
	return score >= thr ? 0 : 1;
}

/* ---- eval --------------------------------------------------------------------- */

enum { E_DET, E_SCORES, E_SYNTH, E_SEED, E_SCORES_IN, E_N };

static int parse_count(const pc_cli_opt *o, const char *what, uint64_t max,
		       uint64_t *out)
{
	if (o->value == NULL)
		return 0;
	if (pc_cli_parse_u64(o->value, max, out) != 0 || *out == 0)
		return usage_error(what, o->value);
	return 0;
}

/* The eval report and DET curve of an existing score file. */
static int eval_scores_in(const char *path, const char *det)
{
	pc_cli_bio_score *sc = NULL;
	size_t n = 0;
	int rc = pc_cli_bio_read_scores(path, &sc, &n);

	if (rc == 0) {
		pc_cli_bio_report(sc, n);
		if (det != NULL)
			rc = pc_cli_bio_write_det(det, sc, n, path);
	}
	free(sc);
	return rc;
}

static int cmd_eval(int argc, char **argv)
{
	pc_cli_opt o[E_N] = { { .name = "det" }, { .name = "scores" },
			      { .name = "synthetic" }, { .name = "seed" },
			      { .name = "scores-in" } };
	pc_cli_bio_set set;
	pc_cli_bio_score *sc = NULL;
	uint64_t fingers = 0, seed = 1;
	size_t n = 0;
	pc_cli_pos pos;
	int rc = pc_cli_opts(argc, argv, o, E_N, &pos, 1, USAGE, "bio");

	if (rc >= 0)
		return rc;
	if (parse_count(&o[E_SYNTH], "bad --synthetic %s", 1000, &fingers) ||
	    (o[E_SEED].value != NULL &&
	     pc_cli_parse_u64(o[E_SEED].value, UINT64_MAX, &seed) != 0))
		return usage_error("bad --synthetic or --seed", NULL);
	if (o[E_SCORES_IN].value != NULL)
		return fingers || pos.n || o[E_SCORES].value != NULL
		       ? usage_error("--scores-in takes no DIR, --synthetic or --scores", NULL)
		       : eval_scores_in(o[E_SCORES_IN].value, o[E_DET].value);
	if ((fingers == 0) == (pos.n == 0))
		return usage_error("bio eval needs DIR or --synthetic N", NULL);
	rc = fingers ? pc_cli_bio_set_synth(&set, (unsigned)fingers, seed)
		     : pc_cli_bio_set_dir(&set, pos.arg[0]);
	if (rc == 0)
		rc = pc_cli_bio_run(&set, &sc, &n);
	if (rc == 0) {
		pc_cli_bio_report(sc, n);
		if (o[E_SCORES].value != NULL)
			rc = pc_cli_bio_write_csv(o[E_SCORES].value, &set, sc, n);
		if (rc == 0 && o[E_DET].value != NULL)
			rc = pc_cli_bio_write_det(o[E_DET].value, sc, n,
						  fingers ? "synthetic" : pos.arg[0]);
	}
	free(sc);
	pc_cli_bio_set_free(&set);
	return rc;
}

/* ---- pad-eval ----------------------------------------------------------------- */

static int cmd_pad_eval(int argc, char **argv)
{
	pc_cli_opt o[1] = { { .name = "threshold" } };
	pc_cli_pos pos;
	int rc = pc_cli_opts(argc, argv, o, 1, &pos, 1, USAGE, "bio");

	if (rc >= 0)
		return rc;
	if (pos.n != 1)
		return usage_error("bio pad-eval needs one score file", NULL);
	return pc_cli_bio_pad_eval(pos.arg[0], o[0].value);
}

/* ---- calibrate ---------------------------------------------------------------- */

static int cmd_calibrate(int argc, char **argv)
{
	pc_cli_opt o[1] = { { .name = "unused-placeholder", .flag = 1 } };
	pc_cli_bio_score *all = NULL, *sc, *tmp;
	pc_cli_bio_set set;
	size_t total = 0, n, i;
	pc_cli_pos pos;
	int rc = pc_cli_opts(argc, argv, o, 0, &pos, 4, USAGE, "bio");

	if (rc >= 0)
		return rc;
	if (pos.n == 0)
		return usage_error("bio calibrate needs at least one DIR", NULL);
	for (i = 0; i < pos.n && rc != 1; i++) {
		rc = pc_cli_bio_set_dir(&set, pos.arg[i]);
		if (rc == 0)
			rc = pc_cli_bio_run(&set, &sc, &n);
		pc_cli_bio_set_free(&set);
		if (rc != 0)
			break;
		tmp = realloc(all, (total + n) * sizeof *all);
		if (tmp == NULL) {
			free(sc);
			rc = pc_cli_fail(PC_ERR_CAPACITY, "out of memory");
			break;
		}
		all = tmp;
		memcpy(all + total, sc, n * sizeof *sc);
		total += n;
		free(sc);
	}
	if (rc == 0)
		rc = pc_cli_bio_calibrate(all, total);
	free(all);
	return rc;
}

/* ---- synth ----------------------------------------------------------------------- */

enum { S_OUT, S_FINGERS, S_SEED, S_FORMAT, S_N };

static int write_one(const char *path, const pc_bio_template *t,
		     pc_bio_format fmt)
{
	static pc_bio_record r;
	static uint8_t buf[8192];
	size_t len = 0;
	pc_err err;

	if (fmt == PC_BIO_FMT_UNKNOWN)
		err = pc_bio_xyt_write(t, PC_BIO_XYT_M1, (char *)buf, sizeof buf,
				       &len);
	else if ((err = pc_bio_record_from_template(t, fmt, &r)) == PC_OK)
		err = pc_bio_write(&r, buf, sizeof buf, &len);
	if (err != PC_OK)
		return pc_cli_fail(err, "cannot encode %s", path);
	return pc_cli_write_atomic(path, buf, len, PC_CLI_MODE_SECRET, 1);
}

/* Create dir (mode 0700: templates are biometric data) unless it is
 * already a folder. 0 or -1. */
static int ensure_dir(const char *dir)
{
	struct stat st;

	if (mkdir(dir, 0700) == 0)
		return 0;
	return stat(dir, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

static int cmd_synth(int argc, char **argv)
{
	pc_cli_opt o[S_N] = { { .name = "out" }, { .name = "fingers" },
			      { .name = "seed" }, { .name = "format" } };
	static pc_bio_template t;
	pc_bio_format fmt = PC_BIO_FMT_ISO_2005;
	const char *ext = "iso", *f;
	uint64_t fingers = 100, seed = 1, i, k;
	char path[4096];
	pc_bio_synth p;
	pc_cli_pos pos;
	int rc = pc_cli_opts(argc, argv, o, S_N, &pos, 0, USAGE, "bio");

	if (rc >= 0)
		return rc;
	if (o[S_OUT].value == NULL)
		return usage_error("bio synth needs --out DIR", NULL);
	if (parse_count(&o[S_FINGERS], "bad --fingers %s", 1000, &fingers) ||
	    (o[S_SEED].value != NULL &&
	     pc_cli_parse_u64(o[S_SEED].value, UINT64_MAX, &seed) != 0))
		return usage_error("bad --fingers or --seed", NULL);
	f = o[S_FORMAT].value;
	if (f != NULL && strcmp(f, "ansi") == 0) {
		fmt = PC_BIO_FMT_ANSI_2004;
		ext = "ansi";
	} else if (f != NULL && strcmp(f, "iso2011") == 0) {
		fmt = PC_BIO_FMT_ISO_2011;
		ext = "iso";
	} else if (f != NULL && strcmp(f, "xyt") == 0) {
		fmt = PC_BIO_FMT_UNKNOWN;
		ext = "xyt";
	} else if (f != NULL && strcmp(f, "iso") != 0) {
		return usage_error("bad --format", f);
	}
	if (ensure_dir(o[S_OUT].value) != 0)
		return pc_cli_fail(PC_ERR_STORAGE, "cannot create %s", o[S_OUT].value);
	pc_bio_synth_default(&p, seed);
	for (i = 0; i < fingers && rc < 0; i++)
		for (k = 0; k < 8 && rc < 0; k++) {
			if (pc_bio_synth_impression(&p, (uint32_t)i, (uint32_t)k,
						    &t) != PC_OK)
				rc = pc_cli_fail(PC_ERR_INTERNAL, "synthesis failed");
			snprintf(path, sizeof path, "%s/%03u_%u.%s", o[S_OUT].value,
				 (unsigned)(i + 1), (unsigned)(k + 1), ext);
			if (rc < 0 && write_one(path, &t, fmt) != 0)
				rc = 1;
		}
	pc_bio_template_wipe(&t);
	return rc < 0 ? 0 : rc;
}

int pc_cli_bio(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(USAGE, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "match") == 0)
		return cmd_match(argc - 1, argv + 1);
	if (strcmp(argv[1], "eval") == 0)
		return cmd_eval(argc - 1, argv + 1);
	if (strcmp(argv[1], "pad-eval") == 0)
		return cmd_pad_eval(argc - 1, argv + 1);
	if (strcmp(argv[1], "calibrate") == 0)
		return cmd_calibrate(argc - 1, argv + 1);
	if (strcmp(argv[1], "synth") == 0)
		return cmd_synth(argc - 1, argv + 1);
	if (strcmp(argv[1], "seal") == 0)
		return pc_cli_bio_seal(argc - 1, argv + 1);
	if (strcmp(argv[1], "unseal-check") == 0)
		return pc_cli_bio_unseal_check(argc - 1, argv + 1);
	if (strcmp(argv[1], "verify") == 0)
		return pc_cli_bio_verify(argc - 1, argv + 1, USAGE);
	if (strcmp(argv[1], "reset") == 0)
		return pc_cli_bio_state(argc - 1, argv + 1, USAGE, 1);
	if (strcmp(argv[1], "status") == 0)
		return pc_cli_bio_state(argc - 1, argv + 1, USAGE, 0);
	return usage_error("unknown bio command", argv[1]);
}
