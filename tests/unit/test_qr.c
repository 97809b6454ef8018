/*
 * Unit tests for qr/qr_qrencode.c and qr/render.c: symbol geometry, the
 * ECI rule of EMV QRCPS MPM §4.12, capacity limits, the SVG and terminal
 * renderers (parsed back into modules), the caller-buffer contract, and a
 * byte-exact round trip through a real decoder (zbarimg).
 */
#include "testutil.h"

#include <png.h>
#include <unistd.h>

#include <paycode/qr.h>

#define N_(a) (sizeof(a) / sizeof((a)[0]))

/* EMV QRCPS MPM v1.1 example with a Chinese alternate-language template. */
static const char CJK[] =
	"00020101021229300012D156000000000510A93FO3230Q31280012D156000000010308"
	"12345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104"
	"最佳运输0202北京540523.7253031565502016233030412340603***0708A600866709"
	"02ME91320016A0112233449988770708123456786304A13A";
/* Hand-written MPM payloads (CRCs computed with CRC-16/CCITT-FALSE). */
static const char MPM_TH[] =
	"00020101021129370016A0000006770101110113006681234567853037645406100.00"
	"5802TH63045169";
static const char MPM_SG[] =
	"00020101021126280009SG.PAYNOW010120213+6591234567520400005303702540512"
	".505802SG5913ACME PTE. LTD6009SINGAPORE62110107INV-0016304B41B";
static const char MPM_THAI[] =
	"00020101021229300012D15600000000051012345678905204599953037645802TH"
	"5917ร้านกาแฟ สาขาหลัก6007BANGKOK6304D396";

static const pc_qr_ecc ECCS[] = { PC_QR_ECC_L, PC_QR_ECC_M, PC_QR_ECC_Q,
				  PC_QR_ECC_H };

static char g_long[501]; /* 500 printable ASCII characters */

static int setup(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < 500; i++)
		g_long[i] = (char)(0x20 + i % 95);
	return 0;
}

static const char *payload(size_t i)
{
	static const char *const p[] = { MPM_TH, MPM_SG, MPM_THAI, CJK, g_long };

	return i < N_(p) ? p[i] : NULL;
}

static void encode_ok(pc_qr *qr, const void *s, size_t n, unsigned ver,
		      pc_qr_ecc ecc)
{
	assert_int_equal(pc_qr_encode(qr, s, n, ver, ecc), PC_OK);
	assert_in_range(pc_qr_version(qr), ver > 0 ? ver : 1, 40);
	assert_int_equal(pc_qr_side(qr), 17 + 4 * pc_qr_version(qr));
}

/* ISO/IEC 18004 §6.3.3: 7x7 finders at three corners, each with a light
 * separator; §6.3.5: timing patterns on row and column 6. */
static void check_finders(const pc_qr *qr)
{
	const unsigned s = pc_qr_side(qr);
	const unsigned ox[3] = { 0, s - 8, 0 }, oy[3] = { 0, 0, s - 8 };
	unsigned c, x, y, i;

	for (c = 0; c < 3; c++) {
		/* 8x8 box: finder plus the separator on its inner sides */
		for (y = 0; y < 8; y++) {
			for (x = 0; x < 8; x++) {
				unsigned fx = ox[c] ? x - 1 : x, fy = oy[c] ? y - 1 : y;
				bool sep = (ox[c] ? x == 0 : x == 7) ||
					   (oy[c] ? y == 0 : y == 7);
				bool ring = fx == 0 || fx == 6 || fy == 0 || fy == 6;
				bool core = fx >= 2 && fx <= 4 && fy >= 2 && fy <= 4;

				assert_int_equal(pc_qr_module(qr, ox[c] + x, oy[c] + y),
						 !sep && (ring || core));
			}
		}
	}
	for (i = 8; i < s - 8; i++) {
		assert_int_equal(pc_qr_module(qr, i, 6), i % 2 == 0);
		assert_int_equal(pc_qr_module(qr, 6, i), i % 2 == 0);
	}
	assert_true(pc_qr_module(qr, 8, s - 8)); /* the dark module */
	assert_false(pc_qr_module(qr, s, 0));
	assert_false(pc_qr_module(qr, 0, s));
}

static void test_encode_shapes(void **state)
{
	pc_qr qr;
	size_t p, e;

	(void)state;
	for (p = 0; payload(p) != NULL; p++) {
		for (e = 0; e < N_(ECCS); e++) {
			encode_ok(&qr, payload(p), strlen(payload(p)), 0, ECCS[e]);
			check_finders(&qr);
		}
	}
	/* A requested version is a minimum. */
	encode_ok(&qr, "A", 1, 10, PC_QR_ECC_L);
	assert_int_equal(pc_qr_version(&qr), 10);
	assert_int_equal(pc_qr_side(&qr), 57);
	check_finders(&qr);
	encode_ok(&qr, g_long, 500, 2, PC_QR_ECC_L);
	assert_int_equal(pc_qr_version(&qr), 15); /* 14-L holds 458 bytes */
	encode_ok(&qr, g_long, 500, 0, PC_QR_ECC_H);
	assert_int_equal(pc_qr_version(&qr), 24); /* 23-H holds 461 bytes */
}

/* The ECI 000026 header is added exactly when a byte falls outside
 * 0x20..0x7E. Version 1-H has 72 data bits and Byte mode takes 12 bits of
 * header, so 7 bytes fit in version 1 without ECI but not with its 12 more
 * bits (ISO/IEC 18004 §7.4). (libqrencode over-estimates the ECI header by
 * 16 bits when choosing a version, so 5 or 6 bytes with ECI also get
 * version 2; 4 bytes stay in version 1.) */
static void test_encode_eci(void **state)
{
	static const struct {
		const char *s;
		unsigned version;
	} cases[] = {
		{ "ABCDEFG", 1 },       { " ~}|{z`", 1 },
		{ "ABCDE\xc3\xa9", 2 }, { "ABCDEF\x7f", 2 },
		{ "\tBCDEFG", 2 },      { "AB\xc3\xa9", 1 },
	};
	pc_qr qr;
	size_t i;

	(void)state;
	for (i = 0; i < N_(cases); i++) {
		encode_ok(&qr, cases[i].s, strlen(cases[i].s), 0, PC_QR_ECC_H);
		assert_int_equal(pc_qr_version(&qr), cases[i].version);
	}
}

static void test_encode_args(void **state)
{
	pc_qr qr;

	(void)state;
	assert_int_equal(pc_qr_encode(NULL, (const uint8_t *)"A", 1, 0, PC_QR_ECC_L),
			 PC_ERR_INVALID_ARG);
	encode_ok(&qr, "A", 1, 0, PC_QR_ECC_L);
	assert_int_equal(pc_qr_encode(&qr, NULL, 1, 0, PC_QR_ECC_L),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_qr_side(&qr), 0); /* wiped on failure */
	assert_int_equal(pc_qr_version(&qr), 0);
	assert_false(pc_qr_module(&qr, 0, 0));
	assert_int_equal(pc_qr_encode(&qr, (const uint8_t *)"A", 0, 0, PC_QR_ECC_L),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_qr_encode(&qr, (const uint8_t *)"A", 1, 41, PC_QR_ECC_L),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_qr_encode(&qr, (const uint8_t *)"A", 1, 0,
				      (pc_qr_ecc)4), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_qr_side(NULL), 0);
	assert_false(pc_qr_module(NULL, 0, 0));
}

/* Capacity limits (ISO/IEC 18004 Table 7): 40-L holds 2953 bytes, 40-H
 * 1273; an ECI header costs 12 bits, so 40-L then holds 2952. */
static void test_encode_too_long(void **state)
{
	uint8_t *big = malloc(2954);
	pc_qr qr;

	(void)state;
	assert_non_null(big);
	memset(big, 'A', 2954);
	encode_ok(&qr, big, 2953, 0, PC_QR_ECC_L);
	assert_int_equal(pc_qr_side(&qr), 177);
	check_finders(&qr);
	assert_int_equal(pc_qr_encode(&qr, big, 2954, 0, PC_QR_ECC_L),
			 PC_ERR_TOO_LONG);
	assert_int_equal(pc_qr_side(&qr), 0);
	encode_ok(&qr, big, 1273, 0, PC_QR_ECC_H);
	assert_int_equal(pc_qr_encode(&qr, big, 1274, 0, PC_QR_ECC_H),
			 PC_ERR_TOO_LONG); /* libqrencode's ERANGE */
	big[0] = 0xC3;
	big[1] = 0xA9;
	encode_ok(&qr, big, 2952, 0, PC_QR_ECC_L);
	assert_int_equal(pc_qr_encode(&qr, big, 2953, 0, PC_QR_ECC_L),
			 PC_ERR_TOO_LONG);
	assert_int_equal(pc_qr_side(&qr), 0);
	free(big);
}

/* Parse the path of pc_qr_svg() output back into modules and compare. */
static void check_svg(const pc_qr *qr, unsigned scale, unsigned margin,
		      const char *svg)
{
	unsigned side = pc_qr_side(qr), dim = side + 2 * margin, x, y, n, n2;
	unsigned count = 0, dark = 0;
	char head[160];
	const char *p;
	int used;

	snprintf(head, sizeof head, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
		 "width=\"%u\" height=\"%u\" viewBox=\"0 0 %u %u\"",
		 dim * scale, dim * scale, dim, dim);
	assert_memory_equal(svg, head, strlen(head));
	p = strstr(svg, " d=\"");
	assert_non_null(p);
	for (p += 4; *p == 'M'; p += used) {
		assert_int_equal(sscanf(p, "M%u %uh%uv1h-%uz%n", &x, &y, &n, &n2,
					&used), 4);
		assert_int_equal(n, n2);
		assert_true(x >= margin && y >= margin && n >= 1);
		assert_false(pc_qr_module(qr, x - margin - 1, y - margin) &&
			     x > margin); /* runs are maximal */
		assert_false(pc_qr_module(qr, x - margin + n, y - margin));
		for (; n > 0; n--, x++, count++)
			assert_true(pc_qr_module(qr, x - margin, y - margin));
	}
	assert_string_equal(p, "\"/></svg>\n");
	for (y = 0; y < side; y++)
		for (x = 0; x < side; x++)
			dark += pc_qr_module(qr, x, y);
	assert_int_equal(count, dark);
}

/* Decode the terminal text back: ink = light module, blank = dark. */
static void check_ansi(const pc_qr *qr, unsigned margin, const char *t)
{
	unsigned dim = pc_qr_side(qr) + 2 * margin, x, y;

	for (y = 0; y < dim; y += 2, t++) {
		for (x = 0; x < dim; x++) {
			bool top = x >= margin && y >= margin &&
				   pc_qr_module(qr, x - margin, y - margin);
			bool bot = y + 1 >= dim ||
				   (x >= margin && y + 1 >= margin &&
				    pc_qr_module(qr, x - margin, y + 1 - margin));
			const char *g = top ? (bot ? " " : "\xe2\x96\x84")
					    : (bot ? "\xe2\x96\x80" : "\xe2\x96\x88");

			assert_memory_equal(t, g, strlen(g));
			t += strlen(g);
		}
		assert_int_equal(*t, '\n');
	}
	assert_int_equal(*t, '\0');
}

typedef pc_err (*render_fn)(const pc_qr *qr, unsigned margin, char *out,
			    size_t cap, size_t *out_len);

static pc_err svg4(const pc_qr *qr, unsigned margin, char *out, size_t cap,
		   size_t *out_len)
{
	return pc_qr_svg(qr, 4, margin, out, cap, out_len);
}

/* Size-only pass = real length; exact buffer: no NUL; one more: NUL; every
 * shorter cap: PC_ERR_BUFFER_TOO_SMALL, the size needed, only a prefix of
 * the output written and nothing past cap (exact-size heap: ASan). */
static char *check_buffers(const pc_qr *qr, render_fn fn, unsigned margin,
			   size_t cap_step)
{
	size_t need = 0, len = 0, cap, i;
	char *full, *buf;

	assert_int_equal(fn(qr, margin, NULL, 0, &need), PC_OK);
	assert_true(need > 0);
	full = malloc(need + 1);
	assert_non_null(full);
	assert_int_equal(fn(qr, margin, full, need + 1, &len), PC_OK);
	assert_int_equal(len, need);
	assert_int_equal(strlen(full), need);
	buf = malloc(need);
	assert_non_null(buf);
	assert_int_equal(fn(qr, margin, buf, need, &len), PC_OK);
	assert_memory_equal(buf, full, need);
	free(buf);
	for (cap = 0; cap < need; cap += cap + cap_step < need ? cap_step : 1) {
		buf = malloc(cap ? cap : 1);
		assert_non_null(buf);
		memset(buf, 0xA5, cap);
		len = 0;
		assert_int_equal(fn(qr, margin, buf, cap, &len),
				 PC_ERR_BUFFER_TOO_SMALL);
		assert_int_equal(len, need);
		for (i = 0; i < cap && buf[i] == full[i]; i++)
			;
		for (; i < cap; i++)
			assert_int_equal((unsigned char)buf[i], 0xA5);
		free(buf);
	}
	return full;
}

static void test_render(void **state)
{
	static const unsigned margins[] = { 0, 1, 4 };
	pc_qr qr;
	char *out;
	size_t p, m;

	(void)state;
	for (p = 0; payload(p) != NULL; p++) {
		encode_ok(&qr, payload(p), strlen(payload(p)), 0, PC_QR_ECC_M);
		for (m = 0; m < N_(margins); m++) {
			size_t step = p == 0 ? 1 : 97; /* every cap once */

			out = check_buffers(&qr, svg4, margins[m], step);
			check_svg(&qr, 4, margins[m], out);
			free(out);
			out = check_buffers(&qr, pc_qr_ansi, margins[m], step);
			check_ansi(&qr, margins[m], out);
			free(out);
		}
	}
}

static void test_render_args(void **state)
{
	pc_qr qr, empty;
	char buf[8];
	size_t len;

	(void)state;
	memset(&empty, 0, sizeof empty);
	encode_ok(&qr, "A", 1, 0, PC_QR_ECC_L);
	assert_int_equal(pc_qr_svg(&qr, 0, 4, NULL, 0, &len), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_qr_svg(&qr, 65, 4, NULL, 0, &len), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_qr_svg(&qr, 1, 65, NULL, 0, &len), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_qr_svg(&qr, 1, 4, NULL, 8, &len), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_qr_svg(&qr, 1, 4, buf, 8, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_qr_svg(&empty, 1, 4, buf, 8, &len),
			 PC_ERR_INVALID_ARG);
	assert_int_equal(pc_qr_svg(NULL, 1, 4, buf, 8, &len), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_qr_ansi(&qr, 65, NULL, 0, &len), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_qr_ansi(&qr, 4, NULL, 8, &len), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_qr_ansi(&qr, 4, buf, 8, NULL), PC_ERR_INVALID_ARG);
	assert_int_equal(pc_qr_ansi(&empty, 4, buf, 8, &len), PC_ERR_INVALID_ARG);
	empty.side = 21; /* inconsistent with version 0 */
	assert_int_equal(pc_qr_ansi(&empty, 4, buf, 8, &len), PC_ERR_INVALID_ARG);
}

/* ---- round trip through zbarimg ----------------------------------------- */

/* Write the symbol as an 8-bit grayscale PNG: 4 px per module, 4 modules
 * of white quiet zone. */
static void write_png(const pc_qr *qr, const char *path)
{
	const unsigned scale = 4, margin = 4;
	unsigned dim = (pc_qr_side(qr) + 2 * margin) * scale, x, y;
	png_image img;
	png_bytep px = malloc((size_t)dim * dim);

	assert_non_null(px);
	for (y = 0; y < dim; y++) {
		for (x = 0; x < dim; x++) {
			unsigned mx = x / scale, my = y / scale;
			bool dark = mx >= margin && my >= margin &&
				    pc_qr_module(qr, mx - margin, my - margin);

			px[(size_t)y * dim + x] = dark ? 0 : 255;
		}
	}
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	img.width = dim;
	img.height = dim;
	img.format = PNG_FORMAT_GRAY;
	assert_int_not_equal(png_image_write_to_file(&img, path, 0, px,
						     (png_int_32)dim, NULL), 0);
	free(px);
}

/* Decode with zbarimg (QR only). When a symbol carries an ECI, zbar
 * always converts its bytes from the ECI's charset to UTF-8, with or without
 * -Sbinary (zbar/qrcode/qrdectxt.c); a UTF-8 payload therefore comes back
 * byte-exact only when the ECI says 26 (with ECI 3 it would come back as
 * Latin-1 mojibake). -Sbinary stops zbar from guessing a charset for
 * symbols without ECI, and zbarimg --raw then adds no trailing newline. */
static size_t zbar_decode(const char *path, bool binary, char *out, size_t cap)
{
	char cmd[512];
	FILE *f;
	size_t n;

	snprintf(cmd, sizeof cmd, "zbarimg --nodbus --raw -q -Sdisable "
		 "-Sqrcode.enable %s '%s'", binary ? "-Sbinary" : "", path);
	f = popen(cmd, "r");
	assert_non_null(f);
	n = fread(out, 1, cap, f);
	assert_int_equal(pclose(f), 0);
	assert_true(n > 0 && n < cap);
	if (!binary) {
		assert_int_equal(out[n - 1], '\n');
		n--;
	}
	return n;
}

static void roundtrip(const char *dir, const char *s, size_t len,
		      pc_qr_ecc ecc, bool binary)
{
	static char got[4096];
	char path[64];
	pc_qr qr;
	size_t n;

	snprintf(path, sizeof path, "%s/qr.png", dir);
	encode_ok(&qr, s, len, 0, ecc);
	write_png(&qr, path);
	n = zbar_decode(path, binary, got, sizeof got);
	if (n != len || memcmp(got, s, n) != 0)
		fail_msg("ecc %d, %zu bytes \"%.40s...\": decoded %zu bytes "
			 "\"%.*s\"", (int)ecc, len, s, n, (int)n, got);
	assert_int_equal(unlink(path), 0);
}

static char g_dir[] = "/tmp/paycode-test-qr-XXXXXX";
static bool g_dir_made;

static int zbar_teardown(void **state)
{
	char path[64];

	(void)state;
	if (g_dir_made) {
		snprintf(path, sizeof path, "%s/qr.png", g_dir);
		(void)unlink(path);
		(void)rmdir(g_dir);
	}
	return 0;
}

/* Every payload at every ECC level must come back byte for byte; then the
 * largest payloads version 40-L holds, ASCII and (with ECI) UTF-8. */
static void test_zbar_roundtrip(void **state)
{
	static char big[2954];
	size_t p, e, i;

	(void)state;
	if (system("command -v zbarimg >/dev/null 2>&1") != 0) {
		print_message("zbarimg not found (Debian: apt-get install "
			      "zbar-tools): skipping the decoder round trip\n");
		skip();
	}
	assert_non_null(mkdtemp(g_dir));
	g_dir_made = true;
	for (p = 0; payload(p) != NULL; p++)
		for (e = 0; e < N_(ECCS); e++)
			roundtrip(g_dir, payload(p), strlen(payload(p)), ECCS[e],
				  true);
	/* Same without -Sbinary: a charset-aware reader gets the same text. */
	roundtrip(g_dir, CJK, strlen(CJK), PC_QR_ECC_M, false);
	roundtrip(g_dir, MPM_THAI, strlen(MPM_THAI), PC_QR_ECC_Q, false);
	for (i = 0; i < 2953; i++)
		big[i] = (char)(0x21 + (i * 7) % 94);
	roundtrip(g_dir, big, 2953, PC_QR_ECC_L, true);
	for (i = 0; i + 1 < 2952; i += 2)
		memcpy(big + i, "\xc3\xa9", 2); /* U+00E9 */
	roundtrip(g_dir, big, 2952, PC_QR_ECC_L, true);
}

/* A build without an encoder (PC_QR_BACKEND_QRENCODE=0) must say so. */
static void test_no_backend(void **state)
{
	pc_qr qr;

	(void)state;
	memset(&qr, 0xFF, sizeof qr);
	assert_int_equal(pc_qr_encode(&qr, (const uint8_t *)"A", 1, 0,
				      PC_QR_ECC_L), PC_ERR_UNSUPPORTED);
	assert_int_equal(pc_qr_side(&qr), 0);
}

int main(void)
{
	const struct CMUnitTest stub_tests[] = {
		cmocka_unit_test(test_no_backend),
	};
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encode_shapes),
		cmocka_unit_test(test_encode_eci),
		cmocka_unit_test(test_encode_args),
		cmocka_unit_test(test_encode_too_long),
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_render_args),
		cmocka_unit_test_teardown(test_zbar_roundtrip, zbar_teardown),
	};

	if (!PC_QR_BACKEND_QRENCODE)
		return cmocka_run_group_tests_name("qr (no backend)", stub_tests,
						   NULL, NULL);
	return cmocka_run_group_tests_name("qr", tests, setup, NULL);
}
