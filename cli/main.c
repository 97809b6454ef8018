/*
 * paycode command-line tool: dispatch, help and shared I/O helpers.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
	"usage: paycode COMMAND [ARGS]\n"
	"\n"
	"commands:\n"
	"  mpm decode [--lenient|--profile NAME] PAYLOAD|-   decode and validate an EMV merchant QR payload\n"
	"  mpm encode FILE.json|-                            build a payload from decode's JSON\n"
	"  mpm profiles                                      list the built-in profiles\n"
	"  qr [--format png|svg|ansi] [--ecc L|M|Q|H] [--out FILE] PAYLOAD|-\n"
	"                                                    render a payload as a QR code\n"
	"  vectors run [--verbose] [--impl CMD] [FILE|DIR]   run conformance vectors (here or against CMD)\n"
	"  vectors gen DIR                                   regenerate the generated vector files\n"
	"  vectors serve                                     answer the harness protocol on stdin/stdout\n"
	"\n"
	"consumer payment codes (file formats: docs/FILES.md):\n"
	"  keygen --root|--master --key-id N --out FILE      provider root key / master key\n"
	"  keygen --pub ROOT.json --out FILE                 export a root public key\n"
	"  token add --provider F --alias N --wallet-out F --storage DIR\n"
	"                                                    provision a token and its wallet\n"
	"  cert issue|show ...                               device certificates\n"
	"  revocation issue|show ...                         revocation lists\n"
	"  code gen --wallet F --form numeric|qr-online|qr-offline\n"
	"                                                    generate a payment code\n"
	"  code verify --mode terminal|provider ... CODE|-   validate a code, JSON decision\n"
	"      [--state FILE | --store memory|file:DIR|redis://URL]\n"
	"                                                    the state store: replay keys, risk counters\n"
	"      [--risk CONFIG --amount FEN ...]              authorise: risk hooks after validation\n"
	"      [--journal FILE [--txn-id ID] [--receipt F]]  append the decision to a journal\n"
	"\n"
	"risk engine (include/paycode/risk.h):\n"
	"  risk check FILE|-                                 validate a risk configuration, print it as JSON\n"
	"  risk level --factors LIST [--static]              the PBOC level (A-D) of a factor set\n"
	"\n"
	"evidence (include/paycode/journal.h, docs/SPEC-journal.md):\n"
	"  journal init FILE --key-id N --pub-out PUB        create a hash-chained, signed journal\n"
	"  journal verify FILE [--key PUB]                   check it; the first bad record\n"
	"  journal show|checkpoint|event|receipt FILE ...    read, sign now, loss reports, receipts\n"
	"  evidence export --journal FILE --txn ID --out B   the evidence bundle of one payment\n"
	"  evidence verify B --roots R --journal-key PUB     offline verdict: who bears the loss\n"
	"\n"
	"biometrics (include/paycode/bio.h, docs/BIOMETRICS.md):\n"
	"  bio match A B                                     score and decision at the default policy\n"
	"  bio eval [--det F.svg] [--scores F.csv] DIR       FVC protocol: EER, FMR100, FMR1000, ZeroFMR\n"
	"  bio calibrate DIR... | bio synth --out DIR        score calibration; synthetic templates\n"
	"  assert gen --wallet F --rp ID --challenge HEX --purpose P --uv M ...\n"
	"                                                    signed user-verification assertion (base64)\n"
	"  assert verify --rp ID --challenge HEX --purpose P --roots F ... A|-\n"
	"                                                    judge one, JSON verdict, single use\n"
	"\n"
	"  paycode --version | --help | COMMAND --help\n"
	"\n"
	"exit status: 0 success, 1 invalid input or failed check, 2 usage error\n";

int pc_cli_fail(pc_err err, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "error: %s: ", pc_err_name(err));
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

int pc_cli_read_file(const char *path, char **out, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t cap = 4096, n = 0;
	char *buf, *tmp;

	if (f == NULL)
		return -1;
	buf = malloc(cap);
	while (buf != NULL) {
		n += fread(buf + n, 1, cap - n - 1, f);
		if (n < cap - 1)
			break;
		cap *= 2;
		tmp = realloc(buf, cap);
		if (tmp == NULL)
			free(buf);
		buf = tmp;
	}
	if (f != stdin)
		fclose(f);
	if (buf == NULL)
		return -1;
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

int pc_cli_read_arg(const char *arg, char **out, size_t *len)
{
	if (strcmp(arg, "-") == 0) {
		if (pc_cli_read_file("-", out, len) != 0)
			return -1;
		while (*len > 0 && ((*out)[*len - 1] == '\n' || (*out)[*len - 1] == '\r'))
			(*out)[--*len] = '\0';
		return 0;
	}
	*len = strlen(arg);
	*out = malloc(*len + 1);
	if (*out == NULL)
		return -1;
	memcpy(*out, arg, *len + 1);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("paycode %s\n", PC_VERSION_STRING);
		return 0;
	}
	if (strcmp(argv[1], "mpm") == 0)
		return pc_cli_mpm(argc - 1, argv + 1);
	if (strcmp(argv[1], "qr") == 0)
		return pc_cli_qr(argc - 1, argv + 1);
	if (strcmp(argv[1], "vectors") == 0)
		return pc_cli_vectors(argc - 1, argv + 1);
	if (strcmp(argv[1], "keygen") == 0)
		return pc_cli_keygen(argc - 1, argv + 1);
	if (strcmp(argv[1], "token") == 0)
		return pc_cli_token(argc - 1, argv + 1);
	if (strcmp(argv[1], "cert") == 0)
		return pc_cli_cert(argc - 1, argv + 1);
	if (strcmp(argv[1], "revocation") == 0)
		return pc_cli_revocation(argc - 1, argv + 1);
	if (strcmp(argv[1], "code") == 0)
		return pc_cli_code(argc - 1, argv + 1);
	if (strcmp(argv[1], "risk") == 0)
		return pc_cli_risk(argc - 1, argv + 1);
	if (strcmp(argv[1], "journal") == 0)
		return pc_cli_journal(argc - 1, argv + 1);
	if (strcmp(argv[1], "bio") == 0)
		return pc_cli_bio(argc - 1, argv + 1);
	if (strcmp(argv[1], "evidence") == 0)
		return pc_cli_evidence(argc - 1, argv + 1);
	if (strcmp(argv[1], "assert") == 0)
		return pc_cli_assert(argc - 1, argv + 1);
	fprintf(stderr, "paycode: unknown command '%s'\n\n%s", argv[1], usage);
	return 2;
}
