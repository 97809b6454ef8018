/*
 * `paycode qr`: draw a payload as a QR symbol, as terminal text, SVG or
 * PNG. Encoding rules (Byte mode, ECI 000026 for UTF-8 text, EMV QRCPS
 * MPM §4.12) live in the library; this file only parses options and writes
 * the output.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

enum qr_format { FMT_ANSI, FMT_SVG, FMT_PNG };

struct qr_opts {
	enum qr_format format;
	pc_qr_ecc ecc;
	unsigned version; /* 0: smallest that fits */
	unsigned scale;   /* pixels per module (png, svg) */
	unsigned margin;  /* quiet zone in modules */
	const char *out;  /* NULL: stdout */
	const char *payload;
};

static const char USAGE[] =
	"usage: paycode qr [--format png|svg|ansi] [--ecc L|M|Q|H] [--version N]\n"
	"                  [--scale N] [--margin N] [--out FILE] PAYLOAD\n"
	"\n"
	"Encode PAYLOAD (\"-\" reads it from stdin) as a QR symbol in Byte mode.\n"
	"Text with bytes outside 0x20..0x7E gets an ECI 000026 (UTF-8) header\n"
	"(EMV QRCPS MPM 4.12).\n"
	"\n"
	"  --format F   ansi (default): UTF-8 half blocks, drawn for a dark\n"
	"               terminal (light modules are the ink); svg; png (needs\n"
	"               --out FILE, or stdout redirected away from a terminal)\n"
	"  --ecc E      error-correction level L, M (default), Q or H\n"
	"  --version N  smallest symbol version, 1..40 (default: smallest fitting)\n"
	"  --scale N    pixels per module for png and svg, 1..64 (default 8)\n"
	"  --margin N   quiet zone in modules, 0..64 (default 4)\n"
	"  --out FILE   write to FILE instead of stdout\n";

static int parse_uint(const char *s, unsigned lo, unsigned hi, unsigned *out)
{
	unsigned long v;
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = (unsigned)v;
	return 0;
}

/* Apply one option: 0, 1 for an unknown name, -1 for a bad value. */
static int set_opt(struct qr_opts *o, const char *name, const char *v)
{
	static const char *const formats[] = { "ansi", "svg", "png" };
	static const char eccs[] = "LMQH";
	unsigned i;

	if (strcmp(name, "format") == 0) {
		for (i = 0; i < 3; i++)
			if (strcmp(v, formats[i]) == 0) {
				o->format = (enum qr_format)i;
				return 0;
			}
		return -1;
	}
	if (strcmp(name, "ecc") == 0) {
		if (v[0] == '\0' || v[1] != '\0' || strchr(eccs, v[0]) == NULL)
			return -1;
		o->ecc = (pc_qr_ecc)(strchr(eccs, v[0]) - eccs);
		return 0;
	}
	if (strcmp(name, "version") == 0)
		return parse_uint(v, 1, 40, &o->version);
	if (strcmp(name, "scale") == 0)
		return parse_uint(v, 1, 64, &o->scale);
	if (strcmp(name, "margin") == 0)
		return parse_uint(v, 0, 64, &o->margin);
	if (strcmp(name, "out") == 0) {
		o->out = v;
		return 0;
	}
	return 1;
}

static int usage_error(const char *what, const char *arg)
{
	(void)pc_cli_fail(PC_ERR_INVALID_ARG, "%s%s (see paycode qr --help)",
			  what, arg);
	return 2;
}

/* Take the option at argv[*i], "--name VALUE" or "--name=VALUE".
 * Returns -1 to go on, or 2 after a usage error. */
static int take_opt(struct qr_opts *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i], *eq = strchr(a, '='), *v;
	size_t n = eq != NULL ? (size_t)(eq - a) : strlen(a);
	char name[16];
	int rc;

	if (a[1] != '-' || n - 2 >= sizeof name)
		return usage_error("unknown option ", a);
	memcpy(name, a + 2, n - 2);
	name[n - 2] = '\0';
	v = eq != NULL ? eq + 1 : (*i + 1 < argc ? argv[++*i] : NULL);
	if (v == NULL)
		return usage_error("missing value for ", a);
	rc = set_opt(o, name, v);
	if (rc > 0)
		return usage_error("unknown option ", a);
	if (rc < 0) {
		(void)pc_cli_fail(PC_ERR_INVALID_ARG, "bad value '%s' for --%s "
				  "(see paycode qr --help)", v, name);
		return 2;
	}
	return -1;
}

/* Returns -1 to go on, else the exit status (0 after --help, 2 after a
 * usage error). "-" is a payload (stdin); "--" ends the options. */
static int parse_args(int argc, char **argv, struct qr_opts *o)
{
	int i, rc, opts = 1;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (opts && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
			fputs(USAGE, stdout);
			return 0;
		}
		if (opts && strcmp(a, "--") == 0) {
			opts = 0;
		} else if (opts && a[0] == '-' && a[1] != '\0') {
			rc = take_opt(o, argc, argv, &i);
			if (rc >= 0)
				return rc;
		} else if (o->payload == NULL) {
			o->payload = a;
		} else {
			return usage_error("unexpected argument ", a);
		}
	}
	if (o->payload == NULL)
		return usage_error("missing PAYLOAD", "");
	return -1;
}

static pc_err render(const pc_qr *qr, const struct qr_opts *o, char *out,
		     size_t cap, size_t *len)
{
	if (o->format == FMT_SVG)
		return pc_qr_svg(qr, o->scale, o->margin, out, cap, len);
	return pc_qr_ansi(qr, o->margin, out, cap, len);
}

/* SVG or terminal text: a size-only pass, then the real one. */
static int emit_text(const pc_qr *qr, const struct qr_opts *o, FILE *f)
{
	size_t need = 0, len = 0;
	char *buf;
	pc_err err;
	int rc = 0;

	err = render(qr, o, NULL, 0, &need);
	if (err != PC_OK)
		return pc_cli_fail(err, "cannot draw the symbol");
	buf = malloc(need + 1);
	if (buf == NULL)
		return pc_cli_fail(PC_ERR_INTERNAL, "out of memory");
	err = render(qr, o, buf, need + 1, &len);
	if (err != PC_OK)
		rc = pc_cli_fail(err, "cannot draw the symbol");
	else if (fwrite(buf, 1, len, f) != len)
		rc = pc_cli_fail(PC_ERR_STORAGE, "write failed: %s",
				 strerror(errno));
	free(buf);
	return rc;
}

static int emit(const pc_qr *qr, const struct qr_opts *o)
{
	FILE *f = stdout;
	int rc;

	if (o->out != NULL && (f = fopen(o->out, "wb")) == NULL)
		return pc_cli_fail(PC_ERR_STORAGE, "cannot open %s: %s", o->out,
				   strerror(errno));
	if (o->format != FMT_PNG)
		rc = emit_text(qr, o, f);
	else if (pc_cli_write_png(qr, o->scale, o->margin, f) != 0)
		rc = pc_cli_fail(PC_ERR_STORAGE, "cannot write the PNG");
	else
		rc = 0;
	if ((f == stdout ? fflush(f) : fclose(f)) != 0 && rc == 0)
		rc = pc_cli_fail(PC_ERR_STORAGE, "cannot write %s: %s",
				 o->out != NULL ? o->out : "stdout",
				 strerror(errno));
	return rc;
}

int pc_cli_qr(int argc, char **argv)
{
	struct qr_opts o = { FMT_ANSI, PC_QR_ECC_M, 0, 8, 4, NULL, NULL };
	char *data = NULL;
	size_t len = 0;
	pc_qr qr;
	pc_err err;
	int rc;

	rc = parse_args(argc, argv, &o);
	if (rc >= 0)
		return rc;
	if (o.format == FMT_PNG && o.out == NULL && isatty(STDOUT_FILENO))
		return usage_error("refusing to write a PNG to a terminal; use ",
				   "--out FILE");
	if (pc_cli_read_arg(o.payload, &data, &len) != 0)
		return pc_cli_fail(PC_ERR_INVALID_ARG, "cannot read the payload");
	err = pc_qr_encode(&qr, (const uint8_t *)data, len, o.version, o.ecc);
	pc_wipe(data, len);
	free(data);
	if (err != PC_OK)
		rc = pc_cli_fail(err, "cannot encode %zu bytes as a QR symbol",
				 len);
	else
		rc = emit(&qr, &o);
	pc_wipe(&qr, sizeof qr);
	return rc;
}
