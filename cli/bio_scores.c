/*
 * paycode CLI: metrics from score files (BIO-06, docs/BIOMETRICS.md).
 *
 *   - `bio eval --scores-in FILE.csv`: comparison scores, in the CSV that
 *     `bio eval --scores` writes, turned back into the ISO/IEC 19795-1
 *     report (EER, FMR100, FMR1000, ZeroFMR, thresholds) and DET curve;
 *   - `bio pad-eval FILE.csv`: presentation-attack detection scores, one
 *     row per presentation, reported as ISO/IEC 30107-3 §5 (clause
 *     numbering of the 2017 edition) defines the rates: APCER per PAI
 *     species, the system APCER as the maximum over species, BPCER, and
 *     BPCER20 / BPCER100 (the BPCER at the lowest threshold where the
 *     system APCER is at most 5 % / 1 %).
 * Files are untrusted: every field is checked and a bad line is reported
 * with its number.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "opts.h"
#include "bio_cli.h"

#define LINE_MAX_LEN 512u
#define SPECIES_MAX 32u

/* ---- small parsers ---------------------------------------------------------- */

/* Split line (modified in place) on commas into at most max fields;
 * returns the count. The line end (LF or CR LF) is removed first. */
static size_t split_csv(char *line, char **field, size_t max)
{
	size_t n = 0;
	char *p = line;

	line[strcspn(line, "\r\n")] = '\0';
	while (n < max) {
		field[n++] = p;
		p = strchr(p, ',');
		if (p == NULL)
			break;
		*p++ = '\0';
	}
	return n;
}

/* A non-negative decimal with at most two fraction digits, as hundredths
 * (the unit of calibrated scores). 0 or -1. */
static int parse_hundredths(const char *s, uint32_t *out)
{
	uint64_t v = 0;
	int digits = 0, frac = -1;

	for (; *s != '\0'; s++) {
		if (*s == '.' && frac < 0 && digits > 0) {
			frac = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || frac >= 2)
			return -1;
		v = v * 10u + (uint64_t)(*s - '0');
		digits++;
		if (frac >= 0)
			frac++;
		if (v > UINT32_MAX)
			return -1;
	}
	for (; frac < 2; frac = frac < 0 ? 1 : frac + 1)
		v *= 10u;
	if (digits == 0 || v > UINT32_MAX)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

/* A finite decimal number, optionally signed, optionally with a fraction
 * and an exponent (strtod accepts more: hex, inf, nan, which are refused
 * here so that files mean the same to every reader). 0 or -1. */
static int parse_real(const char *s, double *out)
{
	const char *p = s;
	char *end;

	if (*p == '-' || *p == '+')
		p++;
	if (*p < '0' || *p > '9')
		return -1;
	if (strspn(p, "0123456789.eE+-") != strlen(p))
		return -1;
	*out = strtod(s, &end);
	return *end == '\0' && *out > -1e300 && *out < 1e300 ? 0 : -1;
}

/* ---- comparison score files -------------------------------------------------- */

/* Column indices of the header "probe,gallery,label,score[,raw[,matched]]". */
static int score_header(char *line, int *has_raw)
{
	char *f[8];
	size_t n = split_csv(line, f, 8);

	if (n < 4 || strcmp(f[0], "probe") != 0 || strcmp(f[1], "gallery") != 0 ||
	    strcmp(f[2], "label") != 0 || strcmp(f[3], "score") != 0)
		return -1;
	*has_raw = n >= 5 && strcmp(f[4], "raw") == 0;
	return 0;
}

static int score_row(char *line, int has_raw, pc_cli_bio_score *s)
{
	char *f[8];
	uint64_t raw;
	size_t n = split_csv(line, f, 8);

	memset(s, 0, sizeof *s);
	if (n < (has_raw ? 5u : 4u) || parse_hundredths(f[3], &s->score) != 0)
		return -1;
	if (strcmp(f[2], "genuine") == 0)
		s->genuine = 1;
	else if (strcmp(f[2], "impostor") != 0)
		return -1;
	s->raw = s->score;
	if (has_raw) {
		if (pc_cli_parse_u64(f[4], UINT32_MAX, &raw) != 0)
			return -1;
		s->raw = (uint32_t)raw;
	}
	return 0;
}

/* Append s to the growing array (*v, *n, *cap). 0 or -1. */
static int push_score(pc_cli_bio_score **v, size_t *n, size_t *cap,
		      const pc_cli_bio_score *s)
{
	pc_cli_bio_score *t;

	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 1024;
		t = realloc(*v, *cap * sizeof **v);
		if (t == NULL)
			return -1;
		*v = t;
	}
	(*v)[(*n)++] = *s;
	return 0;
}

int pc_cli_bio_read_scores(const char *path, pc_cli_bio_score **out, size_t *n)
{
	char line[LINE_MAX_LEN];
	pc_cli_bio_score s, *v = NULL;
	size_t cnt = 0, cap = 0, lineno = 1;
	int has_raw = 0, rc = 0;
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return pc_cli_fail(PC_ERR_NOT_FOUND, "cannot open %s", path);
	if (fgets(line, sizeof line, f) == NULL || score_header(line, &has_raw) != 0)
		rc = pc_cli_fail(PC_ERR_INVALID_ARG, "%s: line 1: not the header "
				 "probe,gallery,label,score[,raw,...]", path);
	while (rc == 0 && fgets(line, sizeof line, f) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f))
			rc = pc_cli_fail(PC_ERR_INVALID_ARG, "%s: line %zu: too long",
					 path, lineno);
		else if (score_row(line, has_raw, &s) != 0)
			rc = pc_cli_fail(PC_ERR_INVALID_ARG, "%s: line %zu: not "
					 "NAME,NAME,genuine|impostor,SCORE%s", path,
					 lineno, has_raw ? ",RAW" : "");
		else if (push_score(&v, &cnt, &cap, &s) != 0)
			rc = pc_cli_fail(PC_ERR_CAPACITY, "out of memory");
	}
	fclose(f);
	if (rc != 0) {
		free(v);
		return rc;
	}
	*out = v;
	*n = cnt;
	return 0;
}

/* ---- PAD score files ---------------------------------------------------------- */

/* One PAI species (or the bona fide presentations, class 0). */
typedef struct pad_class {
	char name[48];
	double *score;
	size_t n, cap;
} pad_class;

typedef struct pad_set {
	pad_class c[SPECIES_MAX + 1]; /* c[0]: bona fide */
	size_t nc;
} pad_set;

static void pad_free(pad_set *p)
{
	size_t k;

	for (k = 0; k < p->nc; k++)
		free(p->c[k].score);
	memset(p, 0, sizeof *p);
}

/* The class named name (created on first use); NULL when there are too
 * many species or the name is empty or too long. */
static pad_class *pad_class_of(pad_set *p, const char *name)
{
	size_t k;

	if (name[0] == '\0' || strlen(name) >= sizeof p->c[0].name)
		return NULL;
	if (strcmp(name, "bonafide") == 0)
		return &p->c[0];
	for (k = 1; k < p->nc; k++)
		if (strcmp(p->c[k].name, name) == 0)
			return &p->c[k];
	if (p->nc > SPECIES_MAX)
		return NULL;
	snprintf(p->c[p->nc].name, sizeof p->c[0].name, "%s", name);
	return &p->c[p->nc++];
}

static int pad_push(pad_class *c, double v)
{
	double *t;

	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 256;
		t = realloc(c->score, c->cap * sizeof *t);
		if (t == NULL)
			return -1;
		c->score = t;
	}
	c->score[c->n++] = v;
	return 0;
}

/* One line: "label,score" (a header "label,score" is skipped). 0, or -1
 * for a bad line, -2 out of memory. */
static int pad_line(pad_set *p, char *line)
{
	char *f[3];
	pad_class *c;
	double v;

	if (split_csv(line, f, 3) != 2)
		return -1;
	if (strcmp(f[0], "label") == 0 && strcmp(f[1], "score") == 0)
		return 0;
	c = pad_class_of(p, f[0]);
	if (c == NULL || parse_real(f[1], &v) != 0)
		return -1;
	return pad_push(c, v) == 0 ? 0 : -2;
}

static int pad_read(const char *path, pad_set *p)
{
	char line[LINE_MAX_LEN];
	size_t lineno = 0;
	int rc = 0, r;
	FILE *f = fopen(path, "r");

	memset(p, 0, sizeof *p);
	p->nc = 1;
	snprintf(p->c[0].name, sizeof p->c[0].name, "bonafide");
	if (f == NULL)
		return pc_cli_fail(PC_ERR_NOT_FOUND, "cannot open %s", path);
	while (rc == 0 && fgets(line, sizeof line, f) != NULL) {
		lineno++;
		r = strchr(line, '\n') == NULL && !feof(f) ? -1 : pad_line(p, line);
		if (r == -1)
			rc = pc_cli_fail(PC_ERR_INVALID_ARG, "%s: line %zu: not "
					 "bonafide|SPECIES,SCORE (at most %u species)",
					 path, lineno, SPECIES_MAX);
		else if (r == -2)
			rc = pc_cli_fail(PC_ERR_CAPACITY, "out of memory");
	}
	fclose(f);
	if (rc == 0 && (p->c[0].n == 0 || p->nc < 2))
		rc = pc_cli_fail(PC_ERR_INVALID_ARG, "%s: needs bona fide and attack "
				 "presentations", path);
	return rc;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Sort every class's scores (pad_accepted() searches them). */
static void pad_sort(pad_set *p)
{
	size_t k;

	for (k = 0; k < p->nc; k++)
		if (p->c[k].n > 1)
			qsort(p->c[k].score, p->c[k].n, sizeof *p->c[k].score,
			      cmp_double);
}

/* Presentations of c (sorted) classified bona fide at threshold t
 * (score >= t): n minus those below t, by binary search. */
static size_t pad_accepted(const pad_class *c, double t)
{
	size_t lo = 0, hi = c->n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (c->score[mid] < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return c->n - lo;
}

/* The system APCER at t: the largest APCER of any species. */
static double pad_apcer(const pad_set *p, double t)
{
	double worst = 0, r;
	size_t k;

	for (k = 1; k < p->nc; k++) {
		r = (double)pad_accepted(&p->c[k], t) / (double)p->c[k].n;
		if (r > worst)
			worst = r;
	}
	return worst;
}

static double pad_bpcer(const pad_set *p, double t)
{
	return (double)(p->c[0].n - pad_accepted(&p->c[0], t)) / (double)p->c[0].n;
}

/* The lowest threshold where the system APCER is at most target: it is
 * one of the scores, or above every score (then no attack passes). */
static double pad_threshold_for(const pad_set *p, double target)
{
	double best = 0, v;
	size_t k, i;
	int found = 0;

	for (k = 0; k < p->nc; k++)
		for (i = 0; i < p->c[k].n; i++) {
			v = p->c[k].score[i];
			if (pad_apcer(p, v) <= target + 1e-12 && (!found || v < best)) {
				best = v;
				found = 1;
			}
		}
	if (found)
		return best;
	/* an attack holds the highest score: only a threshold above every
	 * score refuses it (the bona fide score set is not empty) */
	best = p->c[0].score[0];
	for (k = 0; k < p->nc; k++)
		for (i = 0; i < p->c[k].n; i++)
			if (p->c[k].score[i] > best)
				best = p->c[k].score[i];
	return best + 1;
}

static void pad_report(const pad_set *p, double t)
{
	size_t k, acc;
	double r;

	printf("bonafide %zu\n", p->c[0].n);
	printf("species %zu\n", p->nc - 1);
	printf("threshold %.6g\n", t);
	for (k = 1; k < p->nc; k++) {
		acc = pad_accepted(&p->c[k], t);
		printf("APCER %s %.2f%% (%zu/%zu)\n", p->c[k].name,
		       100.0 * (double)acc / (double)p->c[k].n, acc, p->c[k].n);
	}
	printf("APCER %.2f%% (max over species)\n", 100.0 * pad_apcer(p, t));
	acc = p->c[0].n - pad_accepted(&p->c[0], t);
	printf("BPCER %.2f%% (%zu/%zu)\n", 100.0 * (double)acc / (double)p->c[0].n,
	       acc, p->c[0].n);
	r = pad_threshold_for(p, 0.05);
	printf("BPCER20 %.2f%% (threshold %.6g)\n", 100.0 * pad_bpcer(p, r), r);
	r = pad_threshold_for(p, 0.01);
	printf("BPCER100 %.2f%% (threshold %.6g)\n", 100.0 * pad_bpcer(p, r), r);
}

int pc_cli_bio_pad_eval(const char *path, const char *threshold)
{
	pad_set p;
	double t = 0;
	int rc;

	if (threshold != NULL && parse_real(threshold, &t) != 0)
		return pc_cli_fail(PC_ERR_INVALID_ARG, "bad --threshold %s", threshold);
	rc = pad_read(path, &p);
	if (rc == 0) {
		pad_sort(&p);
		if (threshold == NULL)
			t = pad_threshold_for(&p, 0.01);
		pad_report(&p, t);
	}
	pad_free(&p);
	return rc;
}
