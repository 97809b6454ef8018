/*
 * paycode code gen: a wallet generates a consumer payment code (SPEC §3).
 *
 * Contract: stdout carries exactly the code text and a newline, nothing
 * else, so `code=$(paycode code gen ...)` works. For the QR forms the
 * wallet's counter is advanced and the wallet file rewritten atomically
 * (under a lock on WALLET.json.lock) before the code is generated and
 * printed, so a counter value is never shown twice even after a crash.
 * The numeric form carries no counter and leaves the file unchanged.
 * --qr draws the code as a QR symbol: png and svg go to --out; ansi goes
 * to --out or, without it, to stderr (never to stdout).
 *
 * Exit status: 0 code printed, 1 bad wallet or generation failure,
 * 2 usage error. `code verify` lives in cli/code_verify.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "code_cli.h"
#include "files.h"
#include "opts.h"

static const char USAGE[] =
	"usage: paycode code gen --wallet WALLET.json --form numeric|qr-online|qr-offline\n"
	"                        [--uv biometric|pin] [--qr png|svg|ansi] [--out FILE]\n"
	"                        [--now UNIX]\n"
	"       paycode code verify --mode terminal|provider [--roots F[,F...]]\n"
	"                           [--crl FILE.crl] [--provider PROVIDER.json]\n"
	"                           [--state FILE | --store memory|file:DIR|redis://URL]\n"
	"                           [--ttl S] [--skew S] [--now UNIX]\n"
	"                           [--risk CONFIG --amount FEN [--currency N]\n"
	"                            [--factors LIST] [--merchant ID] [--terminal ID]\n"
	"                            [--mcc NNNN] [--offline]]\n"
	"                           [--journal FILE [--txn-id ID] [--receipt F]] CODE|-\n"
	"\n"
	"gen: print a new code on stdout (only the code). QR forms advance the\n"
	"     wallet's counter, saved before the code is shown.\n"
	"  --form F   numeric (18 digits, online), qr-online (EMV CPM, online),\n"
	"             qr-offline (with certificate and device signature)\n"
	"  --uv M     bind the user-verification method (QR forms)\n"
	"  --qr R     also draw a QR symbol: png or svg into --out FILE; ansi\n"
	"             into --out FILE, or on stderr\n"
	"  --now UNIX generate as of this time instead of the clock\n"
	"verify: judge a code and print the decision as one JSON line:\n"
	"     {\"decision\",\"reason\",\"form\",\"token\",\"certSerial\",\"counter\",\n"
	"      \"time\",\"flags\",\"consumed\",\"digest\"}\n"
	"  --mode terminal  offline: qr-offline only (others REFER_ONLINE);\n"
	"                   needs --roots\n"
	"  --mode provider  online: every form; needs --provider\n"
	"  --roots F,...    trusted root files (key pairs or public exports)\n"
	"  --crl FILE       a revocation list, checked against its root\n"
	"  --state FILE     replay state shared by invocations (single use)\n"
	"  --store S        state store (replay keys and risk counters), not with\n"
	"                   --state: memory (this invocation only, the default),\n"
	"                   file:DIR (crash-safe file store in DIR, shared by\n"
	"                   successive invocations), redis://[:PASSWORD@]HOST[:PORT][/DB]\n"
	"                   (fleet store); a store fault never approves\n"
	"  --ttl S --skew S code lifetime and clock tolerance (default 60, 30)\n"
	"  --now UNIX       judge as of this time instead of the clock\n"
	"  --risk CONFIG    authorise: run the built-in risk hooks configured by\n"
	"                   CONFIG (paycode risk check) after validation; adds\n"
	"                   riskLevel, factors, liability, hooks, riskReason and\n"
	"                   stepUp, and \"decision\" becomes the combined one\n"
	"  --amount FEN     the payment, in minor units (1..10^15; needs --risk)\n"
	"  --currency N     ISO 4217 numeric (default 156, CNY)\n"
	"  --factors LIST   verified factors, comma-separated: knowledge, otp,\n"
	"                   cert, biometric, from-code (those the code proves;\n"
	"                   the default), none\n"
	"  --merchant ID --terminal ID  IDs of [A-Za-z0-9._:-], at most 32 chars\n"
	"  --mcc NNNN       merchant category code (default 0)\n"
	"  --offline        authorised without the provider (terminals always are)\n"
	"  --journal FILE   append the decision to this journal (paycode journal\n"
	"                   init) and keep the code for evidence export, before\n"
	"                   printing it; a decision that cannot be journaled exits\n"
	"                   1 with no JSON\n"
	"  --txn-id ID      the terminal's transaction ID, recorded with it\n"
	"  --receipt F      for an APPROVE, write the signed receipt to F\n"
	"\n"
	"exit status: gen: 0 printed, 1 failure; verify: 0 APPROVE, 1 any other\n"
	"decision or bad input; 2 usage error\n";

enum { O_WALLET, O_FORM, O_UV, O_QR, O_OUT, O_NOW, O_N };

struct gen {
	pc_form form;
	uint8_t flags;
	const char *qr;  /* "png", "svg", "ansi" or NULL */
	const char *out;
	const char *path;
	int fixed;
	pc_time now;
};

static pc_form form_of(const char *s)
{
	if (strcmp(s, "numeric") == 0)
		return PC_FORM_NUMERIC;
	if (strcmp(s, "qr-online") == 0)
		return PC_FORM_QR_ONLINE;
	if (strcmp(s, "qr-offline") == 0)
		return PC_FORM_QR_OFFLINE;
	return (pc_form)0;
}

/* Check the options into g; -1 to go on, else the exit status. */
static int gen_options(pc_cli_opt *o, struct gen *g)
{
	const char *uv = o[O_UV].value, *qr = o[O_QR].value;

	if (o[O_WALLET].value == NULL || o[O_FORM].value == NULL)
		return pc_cli_usage_error("code", "--wallet and --form are required");
	g->path = o[O_WALLET].value;
	g->form = form_of(o[O_FORM].value);
	if (g->form == 0)
		return pc_cli_usage_error("code", "unknown form '%s'", o[O_FORM].value);
	if (uv != NULL && strcmp(uv, "biometric") != 0 && strcmp(uv, "pin") != 0)
		return pc_cli_usage_error("code", "--uv must be biometric or pin");
	if (uv != NULL && g->form == PC_FORM_NUMERIC)
		return pc_cli_usage_error("code", "the numeric form carries no --uv");
	g->flags = uv == NULL ? 0 : uv[0] == 'b' ? PC_CODE_F_UV_BIOMETRIC : PC_CODE_F_UV_PIN;
	if (qr != NULL && strcmp(qr, "png") != 0 && strcmp(qr, "svg") != 0 &&
	    strcmp(qr, "ansi") != 0)
		return pc_cli_usage_error("code", "--qr must be png, svg or ansi");
	if (o[O_OUT].value != NULL && qr == NULL)
		return pc_cli_usage_error("code", "--out needs --qr");
	if (qr != NULL && qr[0] != 'a' && o[O_OUT].value == NULL)
		return pc_cli_usage_error("code", "--qr %s needs --out FILE", qr);
	g->qr = qr;
	g->out = o[O_OUT].value;
	return pc_cli_opt_time(&o[O_NOW], "code", &g->now, &g->fixed);
}

/* Draw text as a QR symbol in the requested format. 0 or 1. */
static int render(const struct gen *g, const char *text, size_t len)
{
	FILE *f = stderr;
	pc_qr qr;
	pc_err err = pc_qr_encode(&qr, (const uint8_t *)text, len, 0, PC_QR_ECC_M);
	int rc = 0;

	if (err != PC_OK)
		return pc_cli_fail(err, "cannot encode the code as a QR symbol");
	if (g->out != NULL && (f = fopen(g->out, "wb")) == NULL) {
		pc_wipe(&qr, sizeof qr);
		return pc_cli_fail(PC_ERR_STORAGE, "cannot open %s: %s", g->out,
				   strerror(errno));
	}
	if (g->qr[0] == 'p')
		rc = pc_cli_write_png(&qr, 8, 4, f) != 0;
	else
		rc = pc_cli_qr_text(&qr, g->qr[0] == 's', f);
	if ((f == stderr ? fflush(f) : fclose(f)) != 0)
		rc = 1;
	pc_wipe(&qr, sizeof qr);
	return rc != 0 ? pc_cli_fail(PC_ERR_STORAGE, "cannot write the QR symbol") : 0;
}

/* Set the library wallet up from the file's contents. */
static int open_wallet(pc_wallet *w, const pc_cli_wallet *f, const pc_platform *plat)
{
	pc_err err = pc_wallet_init(w, plat, NULL, f->otp_key, f->master_key_id,
				    f->token, f->alias, f->counter);

	if (err == PC_OK && f->has_cert)
		err = pc_wallet_set_device(w, f->device_key_id, f->cert);
	if (err != PC_OK)
		return pc_cli_fail(err, "cannot set the wallet up");
	return 0;
}

/* Generate into out (NUL-terminated). QR forms: persist the next counter
 * first. 0 or 1. */
static int generate(const struct gen *g, pc_cli_wallet *f, pc_wallet *w,
		    char out[PC_QR_CODE_MAX_LEN + 1])
{
	size_t len = 0;
	pc_err err;

	if (g->form == PC_FORM_NUMERIC)
		err = pc_wallet_numeric(w, out);
	else if (g->form == PC_FORM_QR_OFFLINE && !f->has_cert)
		return pc_cli_fail(PC_ERR_UNSUPPORTED, "%s has no certificate: run "
				   "'paycode cert issue --offline' first", g->path);
	else if (f->counter == UINT32_MAX)
		return pc_cli_fail(PC_ERR_CAPACITY, "%s: the counter is exhausted", g->path);
	else {
		f->counter++;
		if (pc_cli_wallet_save(g->path, f, 1) != 0)
			return 1;
		err = pc_wallet_qr(w, g->form, g->flags, out, PC_QR_CODE_MAX_LEN, &len);
		out[err == PC_OK ? len : 0] = '\0';
	}
	if (err != PC_OK)
		return pc_cli_fail(err, "cannot generate a %s code", pc_form_name(g->form));
	return 0;
}

/* Lock, load, generate; the code text into out. 0 or 1. */
static int gen_locked(const struct gen *g, char out[PC_QR_CODE_MAX_LEN + 1])
{
	pc_cli_platform cp;
	pc_cli_wallet f;
	pc_wallet w;
	int rc, lock = pc_cli_lock(g->path);

	if (lock < 0)
		return 1;
	rc = pc_cli_wallet_load(g->path, &f);
	if (rc == 0 && pc_cli_platform_init(&cp, f.storage, g->fixed, g->now) == 0) {
		rc = open_wallet(&w, &f, &cp.plat) != 0 || generate(g, &f, &w, out) != 0;
		pc_wallet_wipe(&w);
		pc_cli_platform_wipe(&cp);
	} else {
		rc = 1;
	}
	pc_cli_unlock(lock);
	pc_cli_wallet_wipe(&f);
	return rc;
}

static int cmd_gen(int argc, char **argv)
{
	pc_cli_opt o[O_N] = {
		{ .name = "wallet" }, { .name = "form" }, { .name = "uv" },
		{ .name = "qr" }, { .name = "out" }, { .name = "now" } };
	char code[PC_QR_CODE_MAX_LEN + 1];
	struct gen g = { 0 };
	pc_cli_pos pos;
	int rc = pc_cli_opts(argc, argv, o, O_N, &pos, 0, USAGE, "code");

	if (rc < 0)
		rc = gen_options(o, &g);
	if (rc >= 0)
		return rc;
	rc = gen_locked(&g, code);
	/* Draw first: on failure nothing reaches stdout. */
	if (rc == 0 && g.qr != NULL)
		rc = render(&g, code, strlen(code));
	if (rc == 0 && (puts(code) < 0 || fflush(stdout) != 0))
		rc = pc_cli_fail(PC_ERR_STORAGE, "cannot write the code");
	pc_wipe(code, sizeof code);
	return rc;
}

int pc_cli_code(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(USAGE, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "gen") == 0)
		return cmd_gen(argc - 1, argv + 1);
	if (strcmp(argv[1], "verify") == 0)
		return pc_cli_code_verify(argc - 1, argv + 1, USAGE);
	return pc_cli_usage_error("code", "unknown subcommand '%s'", argv[1]);
}
