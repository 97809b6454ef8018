/*
 * MPM codec throughput over real payloads, against the CRC pass measured
 * in the same run (so the ratios hold across machines).
 *
 * Payload set: every MPM row of ../shared/data/emv/payloads-dev.tsv
 * (column 5 mode == "MPM", column 6 payload) that decodes with the lenient
 * profile; without that file, five payloads built here with pc_mpm_enc.
 * Each measurement repeats passes over the set for at least 0.3 s, five
 * times, and keeps the best.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <paycode/emvqr.h>

#define TSV "../shared/data/emv/payloads-dev.tsv"
#define MAX_PAYLOADS 512

static char text[MAX_PAYLOADS][PC_MPM_MAX_LEN];
static size_t tlen[MAX_PAYLOADS];
static pc_mpm decoded[MAX_PAYLOADS];
static size_t npay, nbytes, nrows;
static pc_mpm scratch;
static char out[PC_MPM_MAX_LEN];
static volatile unsigned long sink;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void keep(const char *p, size_t len)
{
	if (npay >= MAX_PAYLOADS || len > PC_MPM_MAX_LEN ||
	    pc_mpm_decode(&decoded[npay], p, len, &pc_mpm_profile_lenient) != PC_OK)
		return;
	memcpy(text[npay], p, len);
	tlen[npay++] = len;
	nbytes += len;
}

/* Column 5 (mode) and 6 (payload), 1-based, tab-separated. */
static int load_tsv(const char *path)
{
	static char line[8192];
	char *col[7];
	FILE *f = fopen(path, "r");
	int n;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL) {
		col[0] = line;
		for (n = 1; n < 7 && (col[n] = strchr(col[n - 1], '\t')) != NULL; n++)
			*col[n]++ = '\0';
		if (n < 7 || strcmp(col[4], "MPM") != 0)
			continue;
		nrows++;
		keep(col[5], strlen(col[5]));
	}
	fclose(f);
	return 0;
}

/* A typical static Pix payload: 26 template, name, city, 62.05. */
static size_t build_pix(char *buf, size_t cap)
{
	pc_mpm_enc e;
	size_t len = 0;

	pc_mpm_enc_init(&e, buf, cap, PC_MPM_LEN_CHARS);
	pc_mpm_enc_add_str(&e, 0, "01");
	pc_mpm_enc_add_str(&e, 1, "11");
	pc_mpm_enc_begin(&e, 26);
	pc_mpm_enc_add_str(&e, 0, "br.gov.bcb.pix");
	pc_mpm_enc_add_str(&e, 1, "123e4567-e12b-12d1-a456-426655440000");
	pc_mpm_enc_end(&e);
	pc_mpm_enc_add_str(&e, 52, "0000");
	pc_mpm_enc_add_str(&e, 53, "986");
	pc_mpm_enc_add_str(&e, 58, "BR");
	pc_mpm_enc_add_str(&e, 59, "Fulano de Tal");
	pc_mpm_enc_add_str(&e, 60, "BRASILIA");
	pc_mpm_enc_begin(&e, 62);
	pc_mpm_enc_add_str(&e, 5, "***");
	pc_mpm_enc_end(&e);
	return pc_mpm_enc_finish(&e, &len) == PC_OK ? len : 0;
}

/* Fallback set: the Pix payload and four more shapes (amount, primitive
 * MAI 15, UTF-8 language template 64, template 62). */
static void load_builtin(void)
{
	static const char *const row[4][4] = {
		{ "A000000677010111", "764", "TH", NULL },
		{ "hk.com.hkicl", "344", "HK", "123.45" },
		{ "ID.CO.QRIS.WWW", "360", "ID", NULL },
		{ "A000000727", "704", "VN", "50000" },
	};
	char buf[PC_MPM_MAX_LEN];
	pc_mpm_enc e;
	size_t i, len;

	keep(buf, build_pix(buf, sizeof buf));
	for (i = 0; i < 4; i++) {
		pc_mpm_enc_init(&e, buf, sizeof buf, PC_MPM_LEN_CHARS);
		pc_mpm_enc_add_str(&e, 0, "01");
		pc_mpm_enc_add_str(&e, 1, row[i][3] ? "12" : "11");
		if (i == 3)
			pc_mpm_enc_add_str(&e, 15, "12345678901234567890");
		pc_mpm_enc_begin(&e, 26 + (unsigned)i);
		pc_mpm_enc_add_str(&e, 0, row[i][0]);
		pc_mpm_enc_add_str(&e, 1, "0066812345678");
		pc_mpm_enc_end(&e);
		pc_mpm_enc_add_str(&e, 52, "5812");
		pc_mpm_enc_add_str(&e, 53, row[i][1]);
		if (row[i][3] != NULL)
			pc_mpm_enc_add_str(&e, 54, row[i][3]);
		pc_mpm_enc_add_str(&e, 58, row[i][2]);
		pc_mpm_enc_add_str(&e, 59, "BEST TRANSPORT");
		pc_mpm_enc_add_str(&e, 60, "CITY");
		pc_mpm_enc_begin(&e, i == 2 ? 62 : 64);
		pc_mpm_enc_add_str(&e, i == 2 ? 1 : 0, i == 2 ? "INV-1" : "ZH");
		pc_mpm_enc_add_str(&e, i == 2 ? 5 : 1, i == 2 ? "REF-2" : "最佳运输");
		pc_mpm_enc_end(&e);
		if (pc_mpm_enc_finish(&e, &len) == PC_OK)
			keep(buf, len);
	}
}

enum { DECODE, ENCODE, CRC, BUILD };

/* One pass over the payload set (BUILD: one typical payload). */
static void pass(int what)
{
	size_t i, len = 0;

	for (i = 0; i < (what == BUILD ? 1 : npay); i++) {
		if (what == DECODE)
			sink += (unsigned long)pc_mpm_decode(&scratch, text[i], tlen[i],
							     &pc_mpm_profile_lenient);
		else if (what == ENCODE)
			sink += (unsigned long)pc_mpm_encode(&decoded[i], out, sizeof out, &len);
		else if (what == CRC)
			sink += pc_crc16_ccitt(0xFFFF, text[i], tlen[i]);
		else
			sink += build_pix(out, sizeof out);
	}
}

/* Seconds per pass: best of 5 runs of >= 0.3 s each. */
static double measure(int what)
{
	double best = 1e30, t0, t;
	unsigned long n;
	int r;

	for (r = 0; r < 5; r++) {
		n = 0;
		t0 = now();
		do {
			pass(what);
			n++;
		} while ((t = now() - t0) < 0.3);
		if (t / (double)n < best)
			best = t / (double)n;
	}
	return best;
}

static void report(const char *what, double sec, size_t items, size_t bytes)
{
	printf("  %-34s %12.0f %10.1f %12.1f\n", what, (double)items / sec,
	       (double)bytes / sec / 1e6, sec * 1e9 / (double)items);
}

int main(void)
{
	double dec, enc, crc, bld;
	size_t blen = build_pix(out, sizeof out);
	char label[64];

	if (load_tsv(TSV) == 0 && npay > 0) {
		printf("bench_mpm: %s: %zu of %zu MPM rows (those that decode, lenient), %zu bytes\n",
		       TSV, npay, nrows, nbytes);
	} else {
		load_builtin();
		printf("bench_mpm: %s absent or empty; built-in set of %zu payloads, %zu bytes\n",
		       TSV, npay, nbytes);
	}
	if (npay == 0 || blen == 0)
		return 1;
	dec = measure(DECODE);
	enc = measure(ENCODE);
	crc = measure(CRC);
	bld = measure(BUILD);
	printf("  %-34s %12s %10s %12s\n", "measurement", "payloads/s", "MB/s", "ns/payload");
	report("decode+validate (lenient)", dec, npay, nbytes);
	report("encode (pc_mpm_encode)", enc, npay, nbytes);
	snprintf(label, sizeof label, "builder (pc_mpm_enc_*, %zu B Pix)", blen);
	report(label, bld, 1, blen);
	report("CRC-16 pass alone", crc, npay, nbytes);
	printf("  decode costs %.1f× the CRC pass\n", dec / crc);
	printf("  encode costs %.1f× the CRC pass\n", enc / crc);
	printf("  builder costs %.1f× the CRC of its output\n",
	       bld / (crc * (double)blen / (double)nbytes));
	return sink == 0xFFFFFFFFul ? 2 : 0;
}
