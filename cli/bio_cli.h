/*
 * paycode CLI: biometric commands shared between cmd_bio.c (match, eval,
 * calibrate, synth), bio_eval.c (the FVC protocol, metrics, DET curve,
 * calibration estimate) and cmd_assert.c.
 */
#ifndef PAYCODE_CLI_BIO_H
#define PAYCODE_CLI_BIO_H

#include <stddef.h>
#include <stdint.h>

#include <paycode/bio.h>

/* Largest template file read (ISO records are at most a few KB; .xyt of
 * 255 lines well under 8 KB). */
#define PC_CLI_BIO_FILE_MAX (256u * 1024u)

/*
 * Load a template file: a finger minutiae record (detected by content:
 * ISO 19794-2:2005/2011 or ANSI 378-2004; strict, then lenient with a
 * warning on stderr) whose first view is taken, or NBIS .xyt text
 * (ANSI/M1 convention). Prints the error; returns 0 or 1.
 */
int pc_cli_bio_load(const char *path, pc_bio_template *t);
/* paycode bio seal / unseal-check (cli/cmd_bio_seal.c). */
int pc_cli_bio_seal(int argc, char **argv);
int pc_cli_bio_unseal_check(int argc, char **argv);

/* One template of an evaluation set. */
typedef struct pc_cli_bio_item {
	char name[64];        /* file name, or sNNN_K for synthetic */
	unsigned finger;      /* NNN */
	unsigned impression;  /* K */
} pc_cli_bio_item;

/* An evaluation set: prepared templates and their names (malloc'd). */
typedef struct pc_cli_bio_set {
	pc_cli_bio_item *item;
	pc_bio_prepared *prep;
	size_t n;
} pc_cli_bio_set;

/* Every NNN_K.ext file of dir (sorted by name; other names are skipped
 * with a note on stderr). Returns 0 or 1 (error printed). */
int pc_cli_bio_set_dir(pc_cli_bio_set *s, const char *dir);
/* Synthetic fingers 0..fingers-1, impressions 1..8 (pc_bio_synth). */
int pc_cli_bio_set_synth(pc_cli_bio_set *s, unsigned fingers, uint64_t seed);
void pc_cli_bio_set_free(pc_cli_bio_set *s);

/* One comparison of the protocol. */
typedef struct pc_cli_bio_score {
	uint32_t probe, ref;  /* indices in the set */
	uint32_t raw;         /* uncalibrated score */
	uint32_t score;       /* calibrated, hundredths */
	uint16_t matched;
	uint8_t genuine;
} pc_cli_bio_score;

/* The FVC protocol inside one set: every unordered pair (i < j), genuine
 * when the fingers agree (all 28 pairs of 8 impressions: 280 for 10
 * fingers), impostor otherwise (2,880 for 10 fingers of 8). *out is
 * malloc'd. Returns 0 or 1. */
int pc_cli_bio_run(const pc_cli_bio_set *s, pc_cli_bio_score **out,
		   size_t *n);

/* Error rates of a score list, on raw scores (monotone with calibrated). */
typedef struct pc_cli_bio_rates {
	size_t genuine, impostor;
	double eer, fmr100, fmr1000, zerofmr;
} pc_cli_bio_rates;

void pc_cli_bio_compute_rates(const pc_cli_bio_score *sc, size_t n,
		      pc_cli_bio_rates *r);

/* Print the eval report: the six metric lines, then one threshold line per
 * target FMR 1e-1 .. 1e-6 (empirical where the impostor count allows). */
void pc_cli_bio_report(const pc_cli_bio_score *sc, size_t n);

/* Write probe,gallery,label,score,raw,matched lines. 0 or 1. */
int pc_cli_bio_write_csv(const char *path, const pc_cli_bio_set *s,
			 const pc_cli_bio_score *sc, size_t n);

/* Draw the DET curve (FNMR against FMR, normal-deviate axes, the EER
 * point) as SVG or PNG, chosen by the extension of path. */
int pc_cli_bio_write_det(const char *path, const pc_cli_bio_score *sc,
			 size_t n, const char *title);

/* DET picture geometry: PC_CLI_DET_SIZE pixels square, the plot inside a
 * margin of PC_CLI_DET_MARGIN; both axes run from FMR/FNMR 0.01 % to 60 %
 * on the normal-deviate (probit) scale. */
#define PC_CLI_DET_SIZE 560
#define PC_CLI_DET_MARGIN 70
/* Position of rate p (clamped to the axis range) along an axis of len
 * pixels, from its low end. */
double pc_cli_bio_det_pos(double p, double len);
/* Write the DET plot of the n points xy[2k] = FMR, xy[2k+1] = FNMR and the
 * EER point as an RGB PNG of PC_CLI_DET_SIZE square (cli/bio_det_png.c).
 * Prints the error; 0 or 1. */
int pc_cli_bio_det_png(const char *path, const double *xy, size_t n,
		       double eer);

/* Estimate the calibration table from the impostor scores of the sets
 * (docs/BIOMETRICS.md, "Calibration") and print it. 0 or 1. */
int pc_cli_bio_calibrate(const pc_cli_bio_score *sc, size_t n);

/* Read comparison scores from the CSV that pc_cli_bio_write_csv() writes
 * (header probe,gallery,label,score[,raw,...]; score a decimal with at most
 * two fraction digits; raw, when present, an integer; else raw = score in
 * hundredths). *out is malloc'd. Prints the error; returns 0 or 1
 * (cli/bio_scores.c). */
int pc_cli_bio_read_scores(const char *path, pc_cli_bio_score **out, size_t *n);

/* ISO/IEC 30107-3 rates of a PAD score file (rows "bonafide|SPECIES,SCORE",
 * higher scores more bona fide, bona fide when score >= threshold) at
 * threshold (NULL: the BPCER100 operating point), printed. 0 or 1. */
int pc_cli_bio_pad_eval(const char *path, const char *threshold);

/* ln(x) for x > 0 without libm (the CLI links none). */
double pc_cli_ln(double x);

/* paycode bio verify (cli/bio_gate.c): exit 0 only for a MATCH. */
int pc_cli_bio_verify(int argc, char **argv, const char *usage);
/* paycode bio reset (reset 1) or status (reset 0): the state as JSON. */
int pc_cli_bio_state(int argc, char **argv, const char *usage, int reset);

#endif
