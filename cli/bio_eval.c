/*
 * paycode CLI: biometric evaluation (docs/BIOMETRICS.md).
 *
 *   - template files and sets (NNN_K.ext: same NNN, same finger);
 *   - the FVC protocol inside one set (every unordered pair; genuine when
 *     the fingers agree);
 *   - ISO/IEC 19795-1 rates: EER (the threshold where |FMR - FNMR| is
 *     smallest, reported as their mean), FMR100 / FMR1000 (lowest FNMR at
 *     FMR <= 1 % / 0.1 %), ZeroFMR (lowest FNMR at FMR = 0), thresholds
 *     per target FMR;
 *   - the DET curve as SVG (normal-deviate axes; PNG in bio_det_png.c);
 *   - the calibration estimate: empirical impostor quantiles where at
 *     least 10 impostor scores exceed them, an exponential tail fitted
 *     above the 1 % quantile beyond (after ISO/IEC 5152's extreme-value
 *     extrapolation).
 * Floating point is fine here (the library stays integer-only); there is
 * no libm, so ln and the normal quantile are computed here.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "files.h"
#include "bio_cli.h"

/* ---- numbers --------------------------------------------------------------- */

double pc_cli_ln(double x)
{
	static const double ln2 = 0.69314718055994530942;
	double z, z2, term, sum = 0;
	int k = 0, i;

	if (x <= 0)
		return -1e300;
	while (x > 2) {
		x /= 2;
		k++;
	}
	while (x < 1) {
		x *= 2;
		k--;
	}
	/* ln x = 2 atanh((x - 1) / (x + 1)), |z| <= 1/3 */
	z = (x - 1) / (x + 1);
	z2 = z * z;
	term = z;
	for (i = 1; i < 60; i += 2) {
		sum += term / i;
		term *= z2;
	}
	return k * ln2 + 2 * sum;
}

static double sqrt_pos(double v)
{
	double r = v > 1 ? v : 1;
	int i;

	if (v <= 0)
		return 0;
	for (i = 0; i < 100; i++)
		r = 0.5 * (r + v / r);
	return r;
}

/* Standard normal quantile (Acklam's rational approximation, relative
 * error below 1.2e-9), p in (0, 1). */
static double probit(double p)
{
	static const double a[] = { -3.969683028665376e+01, 2.209460984245205e+02,
		-2.759285104469687e+02, 1.383577518672690e+02,
		-3.066479806614716e+01, 2.506628277459239e+00 };
	static const double b[] = { -5.447609879822406e+01, 1.615858368580409e+02,
		-1.556989798598866e+02, 6.680131188771972e+01,
		-1.328068155288572e+01 };
	static const double c[] = { -7.784894002430293e-03, -3.223964580411365e-01,
		-2.400758277161838e+00, -2.549732539343734e+00,
		4.374664141464968e+00, 2.938163982698783e+00 };
	static const double d[] = { 7.784695709041462e-03, 3.224671290700398e-01,
		2.445134137142996e+00, 3.754408661907416e+00 };
	double q, r;

	if (p < 0.02425) {
		q = sqrt_pos(-2 * pc_cli_ln(p));
		return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
		       ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
	}
	if (p > 1 - 0.02425)
		return -probit(1 - p);
	q = p - 0.5;
	r = q * q;
	return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
	       (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/* ---- templates and sets ------------------------------------------------------- */

static pc_bio_record load_rec; /* 13 KB: static, the CLI is single-threaded */

int pc_cli_bio_load(const char *path, pc_bio_template *t)
{
	uint8_t *buf = NULL;
	size_t len = 0;
	pc_err err;

	if (pc_cli_slurp(path, PC_CLI_BIO_FILE_MAX, &buf, &len) != 0)
		return 1;
	if (len >= 4 && memcmp(buf, "FMR", 4) == 0) {
		err = pc_bio_parse(buf, len, 0, &load_rec, NULL);
		if (err != PC_OK && err != PC_ERR_BIO_FORMAT &&
		    pc_bio_parse(buf, len, PC_BIO_PARSE_LENIENT, &load_rec,
				 NULL) == PC_OK) {
			fprintf(stderr, "warning: %s: %s; read leniently\n", path,
				pc_strerror(err));
			err = PC_OK;
		}
		if (err == PC_OK)
			err = pc_bio_template_from_record(&load_rec, 0, t);
		pc_bio_record_wipe(&load_rec);
	} else {
		err = pc_bio_xyt_parse((const char *)buf, len, PC_BIO_XYT_M1, t);
	}
	pc_wipe(buf, len);
	free(buf);
	if (err != PC_OK)
		return pc_cli_fail(err, "%s: %s", path, pc_strerror(err));
	return 0;
}

/* "NNN_K.ext" -> finger NNN, impression K; 0 when the name differs. */
static int parse_name(const char *name, unsigned *finger, unsigned *imp)
{
	const char *p = name;
	unsigned f = 0, k = 0;
	int nd = 0, nk = 0;

	while (*p >= '0' && *p <= '9' && nd < 9)
		f = f * 10u + (unsigned)(*p++ - '0'), nd++;
	if (nd == 0 || *p++ != '_')
		return 0;
	while (*p >= '0' && *p <= '9' && nk < 9)
		k = k * 10u + (unsigned)(*p++ - '0'), nk++;
	if (nk == 0 || *p != '.')
		return 0;
	*finger = f;
	*imp = k;
	return 1;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int set_alloc(pc_cli_bio_set *s, size_t n)
{
	s->item = calloc(n ? n : 1, sizeof *s->item);
	s->prep = calloc(n ? n : 1, sizeof *s->prep);
	s->n = 0;
	if (s->item == NULL || s->prep == NULL)
		return pc_cli_fail(PC_ERR_CAPACITY, "out of memory");
	return 0;
}

static int set_add(pc_cli_bio_set *s, const pc_bio_template *t,
		   const char *name, unsigned finger, unsigned imp)
{
	pc_err err = pc_bio_prepare(t, &s->prep[s->n]);

	if (err != PC_OK)
		return pc_cli_fail(err, "%s: cannot prepare", name);
	snprintf(s->item[s->n].name, sizeof s->item[s->n].name, "%s", name);
	s->item[s->n].finger = finger;
	s->item[s->n].impression = imp;
	s->n++;
	return 0;
}

/* Names of the NNN_K.* entries of dir, sorted (malloc'd strings). */
static int list_dir(const char *dir, char ***out, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL, **tmp;
	size_t cap = 0, cnt = 0;
	unsigned f, k;

	if (d == NULL)
		return pc_cli_fail(PC_ERR_NOT_FOUND, "cannot open folder %s", dir);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (!parse_name(e->d_name, &f, &k)) {
			fprintf(stderr, "note: %s/%s: not NNN_K.ext, skipped\n",
				dir, e->d_name);
			continue;
		}
		if (cnt == cap) {
			cap = cap ? 2 * cap : 64;
			tmp = realloc(v, cap * sizeof *v);
			if (tmp == NULL)
				break;
			v = tmp;
		}
		v[cnt] = strdup(e->d_name);
		if (v[cnt] == NULL)
			break;
		cnt++;
	}
	closedir(d);
	if (e != NULL) {
		while (cnt > 0)
			free(v[--cnt]);
		free(v);
		return pc_cli_fail(PC_ERR_CAPACITY, "out of memory");
	}
	if (cnt > 0)
		qsort(v, cnt, sizeof *v, cmp_names);
	*out = v;
	*n = cnt;
	return 0;
}

int pc_cli_bio_set_dir(pc_cli_bio_set *s, const char *dir)
{
	static pc_bio_template t;
	char **names = NULL, path[4096];
	size_t n = 0, i;
	unsigned f, k;
	int rc;

	memset(s, 0, sizeof *s);
	if (list_dir(dir, &names, &n) != 0)
		return 1;
	rc = set_alloc(s, n);
	for (i = 0; i < n && rc == 0; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		rc = pc_cli_bio_load(path, &t);
		if (rc == 0 && parse_name(names[i], &f, &k))
			rc = set_add(s, &t, names[i], f, k);
	}
	pc_bio_template_wipe(&t);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (rc == 0 && s->n < 2)
		rc = pc_cli_fail(PC_ERR_NOT_FOUND, "%s: fewer than two NNN_K templates",
				 dir);
	return rc;
}

int pc_cli_bio_set_synth(pc_cli_bio_set *s, unsigned fingers, uint64_t seed)
{
	static pc_bio_template t;
	pc_bio_synth p;
	char name[32];
	unsigned f, k;
	int rc;

	memset(s, 0, sizeof *s);
	pc_bio_synth_default(&p, seed);
	rc = set_alloc(s, (size_t)fingers * 8u);
	for (f = 0; f < fingers && rc == 0; f++)
		for (k = 0; k < 8 && rc == 0; k++) {
			if (pc_bio_synth_impression(&p, f, k, &t) != PC_OK)
				return pc_cli_fail(PC_ERR_INTERNAL, "synthesis failed");
			snprintf(name, sizeof name, "s%03u_%u", f + 1u, k + 1u);
			rc = set_add(s, &t, name, f + 1u, k + 1u);
		}
	pc_bio_template_wipe(&t);
	return rc;
}

void pc_cli_bio_set_free(pc_cli_bio_set *s)
{
	if (s->prep != NULL)
		pc_wipe(s->prep, s->n * sizeof *s->prep);
	free(s->prep);
	free(s->item);
	memset(s, 0, sizeof *s);
}

int pc_cli_bio_run(const pc_cli_bio_set *s, pc_cli_bio_score **out, size_t *n)
{
	size_t i, j, k = 0, total = s->n * (s->n - 1) / 2;
	pc_cli_bio_score *sc = malloc((total ? total : 1) * sizeof *sc);
	pc_bio_match_detail d;
	pc_err err;

	if (sc == NULL)
		return pc_cli_fail(PC_ERR_CAPACITY, "out of memory");
	for (i = 0; i < s->n; i++)
		for (j = i + 1; j < s->n; j++, k++) {
			err = pc_bio_compare(&s->prep[i], &s->prep[j], &sc[k].score,
					     &d);
			if (err != PC_OK) {
				free(sc);
				return pc_cli_fail(err, "compare %s %s",
						   s->item[i].name, s->item[j].name);
			}
			sc[k].probe = (uint32_t)i;
			sc[k].ref = (uint32_t)j;
			sc[k].raw = d.raw;
			sc[k].matched = d.matched;
			sc[k].genuine = s->item[i].finger == s->item[j].finger;
		}
	*out = sc;
	*n = k;
	return 0;
}

/* ---- rates ------------------------------------------------------------------ */

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Sorted genuine and impostor score arrays (raw or calibrated). */
typedef struct split {
	uint32_t *g, *i;
	size_t ng, ni;
} split;

static int split_scores(const pc_cli_bio_score *sc, size_t n, int calibrated,
			split *sp)
{
	size_t k;

	memset(sp, 0, sizeof *sp);
	sp->g = malloc((n ? n : 1) * sizeof *sp->g);
	sp->i = malloc((n ? n : 1) * sizeof *sp->i);
	if (sp->g == NULL || sp->i == NULL) {
		free(sp->g);
		free(sp->i);
		return -1;
	}
	for (k = 0; k < n; k++) {
		uint32_t v = calibrated ? sc[k].score : sc[k].raw;

		if (sc[k].genuine)
			sp->g[sp->ng++] = v;
		else
			sp->i[sp->ni++] = v;
	}
	qsort(sp->g, sp->ng, sizeof *sp->g, cmp_u32);
	qsort(sp->i, sp->ni, sizeof *sp->i, cmp_u32);
	return 0;
}

static void split_free(split *sp)
{
	free(sp->g);
	free(sp->i);
}

/* Count of a[0..n) (sorted) below t. */
static size_t below_t(const uint32_t *a, size_t n, uint64_t t)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (a[mid] < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Sweep every threshold t (each distinct score, and one above all):
 * FNMR(t) = genuine < t, FMR(t) = impostor >= t. */
static void rates_of(const split *sp, pc_cli_bio_rates *r)
{
	size_t a = 0, b = 0, gi, ii;
	double fmr, fnmr, best = 2, diff;
	uint64_t t;

	r->genuine = sp->ng;
	r->impostor = sp->ni;
	r->eer = r->fmr100 = r->fmr1000 = r->zerofmr = 1;
	if (sp->ng == 0 || sp->ni == 0)
		return;
	for (;;) {
		/* the next threshold: the smallest unseen score */
		if (a < sp->ng && (b >= sp->ni || sp->g[a] <= sp->i[b]))
			t = sp->g[a];
		else if (b < sp->ni)
			t = sp->i[b];
		else
			t = (uint64_t)UINT32_MAX + 1;
		gi = below_t(sp->g, sp->ng, t);
		ii = below_t(sp->i, sp->ni, t);
		fnmr = (double)gi / (double)sp->ng;
		fmr = (double)(sp->ni - ii) / (double)sp->ni;
		diff = fmr > fnmr ? fmr - fnmr : fnmr - fmr;
		if (diff < best) {
			best = diff;
			r->eer = (fmr + fnmr) / 2;
		}
		if (fmr <= 0.01 && fnmr < r->fmr100)
			r->fmr100 = fnmr;
		if (fmr <= 0.001 && fnmr < r->fmr1000)
			r->fmr1000 = fnmr;
		if (sp->ni == ii && fnmr < r->zerofmr)
			r->zerofmr = fnmr;
		if (t > UINT32_MAX)
			break;
		a = below_t(sp->g, sp->ng, t + 1);
		b = below_t(sp->i, sp->ni, t + 1);
	}
}

void pc_cli_bio_compute_rates(const pc_cli_bio_score *sc, size_t n,
		      pc_cli_bio_rates *r)
{
	split sp;

	memset(r, 0, sizeof *r);
	if (split_scores(sc, n, 0, &sp) != 0)
		return;
	rates_of(&sp, r);
	split_free(&sp);
}

/* The smallest calibrated score t with FMR(t) <= target among sp's
 * impostors (calibrated scores); its FNMR. */
static void threshold_for(const split *sp, double target, uint32_t *t,
			  double *fnmr)
{
	size_t allowed = (size_t)(target * (double)sp->ni + 1e-9), idx;

	/* at most `allowed` impostors may reach t: t above the
	 * (allowed+1)-th highest impostor score */
	idx = sp->ni - 1 - allowed;
	*t = sp->i[idx] + 1;
	*fnmr = (double)below_t(sp->g, sp->ng, *t) / (double)sp->ng;
}

void pc_cli_bio_report(const pc_cli_bio_score *sc, size_t n)
{
	static const char *const names[] = { "1e-1", "1e-2", "1e-3", "1e-4",
					      "1e-5", "1e-6" };
	pc_cli_bio_rates r;
	split sp;
	double target = 0.1, fnmr;
	uint32_t t;
	size_t k;

	pc_cli_bio_compute_rates(sc, n, &r);
	printf("genuine %zu\n", r.genuine);
	printf("impostor %zu\n", r.impostor);
	printf("EER %.2f%%\n", r.eer * 100);
	printf("FMR100 %.2f%%\n", r.fmr100 * 100);
	printf("FMR1000 %.2f%%\n", r.fmr1000 * 100);
	printf("ZeroFMR %.2f%%\n", r.zerofmr * 100);
	if (split_scores(sc, n, 1, &sp) != 0 || sp.ng == 0)
		return;
	for (k = 0; k < 6; k++, target /= 10) {
		if (target * (double)sp.ni < 1.0) {
			printf("threshold FMR %s: needs %s impostor comparisons "
			       "(calibrated: score %u.00)\n", names[k],
			       k == 2 ? "1,000+" : k == 3 ? "10,000+" :
			       k == 4 ? "100,000+" : "1,000,000+",
			       (unsigned)(10 * (k + 1)));
			continue;
		}
		threshold_for(&sp, target, &t, &fnmr);
		printf("threshold FMR %s: score %u.%02u FNMR %.2f%% (calibrated: "
		       "score %u.00)\n", names[k], t / 100u, t % 100u, fnmr * 100,
		       (unsigned)(10 * (k + 1)));
	}
	split_free(&sp);
}

int pc_cli_bio_write_csv(const char *path, const pc_cli_bio_set *s,
			 const pc_cli_bio_score *sc, size_t n)
{
	FILE *f = fopen(path, "w");
	size_t k;

	if (f == NULL)
		return pc_cli_fail(PC_ERR_STORAGE, "cannot write %s", path);
	fprintf(f, "probe,gallery,label,score,raw,matched\n");
	for (k = 0; k < n; k++)
		fprintf(f, "%s,%s,%s,%u.%02u,%u,%u\n", s->item[sc[k].probe].name,
			s->item[sc[k].ref].name,
			sc[k].genuine ? "genuine" : "impostor", sc[k].score / 100u,
			sc[k].score % 100u, sc[k].raw, sc[k].matched);
	if (fclose(f) != 0)
		return pc_cli_fail(PC_ERR_STORAGE, "cannot write %s", path);
	return 0;
}

/* ---- DET curve ------------------------------------------------------------ */

#define DET_W PC_CLI_DET_SIZE
#define DET_H PC_CLI_DET_SIZE
#define DET_M PC_CLI_DET_MARGIN
#define DET_LO 1e-4  /* axis range: 0.01 % .. 60 % */
#define DET_HI 0.6

double pc_cli_bio_det_pos(double p, double len)
{
	double lo = probit(DET_LO), hi = probit(DET_HI);

	if (p < DET_LO)
		p = DET_LO;
	if (p > DET_HI)
		p = DET_HI;
	return (probit(p) - lo) / (hi - lo) * len;
}

static void det_axes(FILE *f, const char *title)
{
	static const double ticks[] = { 1e-4, 1e-3, 1e-2, 0.05, 0.1, 0.2, 0.4 };
	static const char *const labels[] = { "0.01", "0.1", "1", "5", "10",
					      "20", "40" };
	double w = DET_W - 2 * DET_M, h = DET_H - 2 * DET_M, v;
	size_t k;

	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		"height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">\n",
		DET_W, DET_H);
	fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
	fprintf(f, "<text x=\"%d\" y=\"24\" font-size=\"14\">DET: %s</text>\n",
		DET_M, title);
	for (k = 0; k < sizeof ticks / sizeof ticks[0]; k++) {
		v = pc_cli_bio_det_pos(ticks[k], w);
		fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
			"stroke=\"#ddd\"/>\n", DET_M + v, DET_M, DET_M + v,
			DET_H - DET_M);
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s"
			"</text>\n", DET_M + v, DET_H - DET_M + 16, labels[k]);
		v = pc_cli_bio_det_pos(ticks[k], h);
		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
			"stroke=\"#ddd\"/>\n", DET_M, DET_H - DET_M - v,
			DET_W - DET_M, DET_H - DET_M - v);
		fprintf(f, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s"
			"</text>\n", DET_M - 6, DET_H - DET_M - v + 4, labels[k]);
	}
	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" "
		"fill=\"none\" stroke=\"black\"/>\n", DET_M, DET_M, w, h);
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		"stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n", DET_M,
		DET_H - DET_M, DET_W - DET_M, DET_M);
	fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">FMR (%%)"
		"</text>\n", DET_W / 2, DET_H - 24);
	fprintf(f, "<text x=\"18\" y=\"%d\" transform=\"rotate(-90 18 %d)\" "
		"text-anchor=\"middle\">FNMR (%%)</text>\n", DET_H / 2,
		DET_H / 2);
}

/* The DET points (FMR, FNMR) inside the axis range, one per distinct
 * impostor score used as threshold, lowest first: *xy is malloc'd, 2 *
 * *n doubles. 0 or -1. */
static int det_points(const split *sp, double **xy, size_t *n)
{
	double *v = malloc((sp->ni + 1) * 2 * sizeof *v), fmr, fnmr;
	size_t a = 0, pts = 0;
	uint64_t t;

	if (v == NULL)
		return -1;
	while (a <= sp->ni) {
		t = a < sp->ni ? sp->i[a] : (uint64_t)UINT32_MAX + 1;
		fmr = (double)(sp->ni - below_t(sp->i, sp->ni, t)) / (double)sp->ni;
		fnmr = (double)below_t(sp->g, sp->ng, t) / (double)sp->ng;
		if (fmr >= DET_LO / 2 && fnmr >= DET_LO / 2) {
			v[2 * pts] = fmr;
			v[2 * pts + 1] = fnmr;
			pts++;
		}
		if (a == sp->ni)
			break;
		a = below_t(sp->i, sp->ni, t + 1);
	}
	*xy = v;
	*n = pts;
	return 0;
}

static int det_svg(const char *path, const double *xy, size_t n, double eer,
		   const char *title)
{
	double w = DET_W - 2 * DET_M, h = DET_H - 2 * DET_M;
	FILE *f = fopen(path, "w");
	size_t k;

	if (f == NULL)
		return pc_cli_fail(PC_ERR_STORAGE, "cannot write %s", path);
	det_axes(f, title);
	fprintf(f, "<polyline fill=\"none\" stroke=\"#c00\" stroke-width=\"2\" "
		"points=\"");
	for (k = 0; k < n; k++)
		fprintf(f, "%s%.1f,%.1f", k ? " " : "",
			DET_M + pc_cli_bio_det_pos(xy[2 * k], w),
			DET_H - DET_M - pc_cli_bio_det_pos(xy[2 * k + 1], h));
	fprintf(f, "\"/>\n<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#00c\"/>\n",
		DET_M + pc_cli_bio_det_pos(eer, w),
		DET_H - DET_M - pc_cli_bio_det_pos(eer, h));
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#00c\">EER %.2f%%</text>\n",
		DET_M + pc_cli_bio_det_pos(eer, w) + 8,
		DET_H - DET_M - pc_cli_bio_det_pos(eer, h) + 15, eer * 100);
	fprintf(f, "</svg>\n");
	if (fclose(f) != 0)
		return pc_cli_fail(PC_ERR_STORAGE, "cannot write %s", path);
	return 0;
}

static int has_ext(const char *path, const char *ext)
{
	size_t len = strlen(path), e = strlen(ext);

	return len > e && strcmp(path + len - e, ext) == 0;
}

int pc_cli_bio_write_det(const char *path, const pc_cli_bio_score *sc,
			 size_t n, const char *title)
{
	pc_cli_bio_rates r;
	double *xy = NULL;
	size_t pts = 0;
	split sp;
	int rc;

	if (!has_ext(path, ".svg") && !has_ext(path, ".png"))
		return pc_cli_fail(PC_ERR_UNSUPPORTED,
				   "--det: the picture is FILE.svg or FILE.png");
	if (split_scores(sc, n, 0, &sp) != 0 || sp.ng == 0 || sp.ni == 0) {
		split_free(&sp);
		return pc_cli_fail(PC_ERR_INVALID_ARG, "no genuine or impostor scores");
	}
	rc = det_points(&sp, &xy, &pts);
	split_free(&sp);
	if (rc != 0)
		return pc_cli_fail(PC_ERR_CAPACITY, "out of memory");
	pc_cli_bio_compute_rates(sc, n, &r);
	rc = has_ext(path, ".png") ? pc_cli_bio_det_png(path, xy, pts, r.eer)
				   : det_svg(path, xy, pts, r.eer, title);
	free(xy);
	return rc;
}

/* ---- calibration ----------------------------------------------------------- */

#define CAL_KNOTS 7     /* FMR 1 .. 1e-6 */
#define CAL_MIN_EXC 10  /* empirical quantile only with >= 10 exceedances */

int pc_cli_bio_calibrate(const pc_cli_bio_score *sc, size_t n)
{
	uint32_t knot[CAL_KNOTS];
	double fmr = 1, pu, beta = 0, v;
	size_t k, iu, nu, cnt;
	split sp;

	if (split_scores(sc, n, 0, &sp) != 0 || sp.ni < 100 * CAL_MIN_EXC) {
		split_free(&sp);
		return pc_cli_fail(PC_ERR_INVALID_ARG,
				   "calibration needs at least %d impostor scores",
				   100 * CAL_MIN_EXC);
	}
	/* the tail: impostor scores at or above the 1 % quantile u */
	iu = sp.ni - (size_t)((double)sp.ni * 0.01);
	nu = sp.ni - iu;
	pu = (double)nu / (double)sp.ni;
	for (k = iu; k < sp.ni; k++)
		beta += (double)(sp.i[k] - sp.i[iu]);
	beta /= (double)nu;
	printf("impostor %zu\n", sp.ni);
	printf("tail u %u (FMR %.4f, %zu scores), beta %.1f (exponential fit)\n",
	       sp.i[iu], pu, nu, beta);
	for (k = 0; k < CAL_KNOTS; k++, fmr /= 10) {
		cnt = (size_t)(fmr * (double)sp.ni + 1e-9);
		if (k == 0) {
			knot[k] = 0;
		} else if (cnt >= CAL_MIN_EXC) {
			/* the smallest t with at most cnt impostors >= t */
			knot[k] = sp.i[sp.ni - 1 - cnt] + 1;
		} else {
			v = (double)sp.i[iu] + beta * pc_cli_ln(pu / fmr);
			knot[k] = (uint32_t)(v + 0.5);
		}
		if (k > 0 && knot[k] <= knot[k - 1])
			knot[k] = knot[k - 1] + 1;
		printf("knot FMR 1e-%zu raw %u %s\n", k, knot[k],
		       k == 0 ? "(origin)" : cnt >= CAL_MIN_EXC ? "empirical"
							  : "extrapolated");
	}
	printf("table {");
	for (k = 0; k < CAL_KNOTS; k++)
		printf(" %u%s", knot[k], k + 1 < CAL_KNOTS ? "," : " }\n");
	split_free(&sp);
	return 0;
}
