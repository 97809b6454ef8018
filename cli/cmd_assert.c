/*
 * paycode assert gen | verify: signed user-verification assertions
 * (include/paycode/assertion.h, docs/SPEC.md §6.4), e.g. a customer
 * approving a consumer-credit application online.
 *
 * gen contract: stdout carries exactly the assertion's base64 text and a
 * newline (or, with --out, nothing: the text goes to FILE). The wallet
 * file is locked (WALLET.json.lock) for the whole generation, so two
 * invocations never race on the device counter, which the library keeps
 * in the wallet's storage folder (object paycode-uva-XXXXXXXX.ctr) and
 * persists before signing.
 *
 * verify contract: stdout carries one JSON line
 *   {"valid":bool,"error":"PC_OK|PC_ERR_...","purpose":..,"rpHash":hex,
 *    "uv":[..],"location":..,"assurance":N,"pad":..,"counter":N,"time":N,
 *    "certSerial":N,"token":hex16,"alias":N,"consumed":bool,"digest":hex}
 * (the fields after "error" only once the assertion parsed) and the exit
 * status is 0 only for a valid assertion. Setup failures (unreadable
 * files, a revocation list that does not verify) print "error: ..." on
 * stderr and exit 1 with no JSON; usage errors exit 2.
 */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "cli.h"
#include "code_cli.h"
#include "files.h"
#include "opts.h"
#include "store_opt.h"

#define CMD "assert"

static const char USAGE[] =
	"usage: paycode assert gen --wallet WALLET.json --rp ID --challenge HEX\n"
	"                          --purpose payment|remote-auth|login|step-up\n"
	"                          --uv fingerprint|face|pin|none[,...]\n"
	"                          [--location se|tee|app] [--assurance 1e-N|DB]\n"
	"                          [--pad pass|fail|none] [--txn-file F | --txn HEX]\n"
	"                          [--out FILE] [--now UNIX]\n"
	"       paycode assert verify --rp ID --challenge HEX --purpose P\n"
	"                          --roots F[,F...] [--crl FILE.crl]\n"
	"                          [--state FILE | --store memory|file:DIR|redis://URL]\n"
	"                          [--txn-file F | --txn HEX] [--min-assurance 1e-N|DB]\n"
	"                          [--uv LIST] [--location LIST] [--pad required|optional]\n"
	"                          [--last-counter N] [--max-age S] [--skew S]\n"
	"                          [--now UNIX] ASSERTION|-\n"
	"\n"
	"gen: the wallet's device key signs what the user verification gave;\n"
	"     prints the assertion as base64 (or writes it to --out FILE).\n"
	"  --rp ID         the relying party's identifier (merchant ID or domain),\n"
	"                  printable ASCII, exactly as the relying party spells it\n"
	"  --challenge HEX the relying party's random challenge, 16..64 bytes\n"
	"  --txn-file F    bind SHA-256 of the text the user approved (file F);\n"
	"  --txn HEX       or that SHA-256 given directly (64 hex digits)\n"
	"  --uv LIST       methods used; biometric ones need --assurance and\n"
	"                  --location (default tee) and take --pad (default none)\n"
	"  --assurance A   the matcher's FMR class: 1e-4, or 40 (dB: -10 log10 FMR)\n"
	"verify: judge an assertion, print one JSON line; single use through\n"
	"     the state store (as `code verify`).\n"
	"  --min-assurance A  minimum for biometric claims (default 1e-4)\n"
	"  --uv LIST       accept when at least one of these methods was used\n"
	"                  (default fingerprint,face,pin; none: no requirement)\n"
	"  --location LIST accepted matcher locations (default any)\n"
	"  --pad P         required: biometric claims need PAD pass (default for\n"
	"                  payment and remote-auth); optional (a fail is always\n"
	"                  refused)\n"
	"  --last-counter N  the highest counter seen from this device: a lower or\n"
	"                  equal one is refused (clone detection)\n"
	"  --max-age S --skew S  freshness window (default 120, 30)\n"
	"\n"
	"exit status: gen: 0 printed, 1 failure; verify: 0 valid, 1 invalid or\n"
	"bad input; 2 usage error\n";

/* ---- shared option parsing --------------------------------------------- */

static uint8_t purpose_of(const char *s)
{
	uint8_t p;

	for (p = PC_ASSERT_PAYMENT; p <= PC_ASSERT_STEP_UP; p++)
		if (strcmp(s, pc_assertion_purpose_name(p)) == 0)
			return p;
	return 0;
}

/* A comma-separated list of names[i] into bits 1 << i (bit of "none": 0).
 * 0, or -1 on an unknown or empty name. */
static int list_of(const char *s, const char *const *names, size_t n, unsigned *out)
{
	size_t len, i;

	*out = 0;
	for (;;) {
		len = strcspn(s, ",");
		for (i = 0; i < n; i++)
			if (strlen(names[i]) == len && strncmp(s, names[i], len) == 0)
				break;
		if (i == n)
			return -1;
		*out |= strcmp(names[i], "none") == 0 ? 0u : 1u << i;
		if (s[len] == '\0')
			return 0;
		s += len + 1;
	}
}

static int uv_of(const char *s, uint8_t *out)
{
	static const char *const names[] = { "fingerprint", "face", "pin", "none" };
	unsigned bits;

	if (list_of(s, names, 4, &bits) != 0)
		return -1;
	*out = (uint8_t)bits;
	return 0;
}

/* "1e-N" (N 1..12) or decimal dB with at most two decimals, to the
 * calibrated score (hundredths of dB). 0 or -1. */
static int assurance_of(const char *s, uint16_t *out)
{
	uint64_t whole = 0, frac = 0;
	const char *dot = strchr(s, '.');
	char buf[8];

	if (strncmp(s, "1e-", 3) == 0) {
		if (pc_cli_parse_u64(s + 3, 12, &whole) != 0 || whole == 0)
			return -1;
		*out = (uint16_t)(whole * 1000u);
		return 0;
	}
	if (dot == NULL) {
		if (pc_cli_parse_u64(s, 120, &whole) != 0)
			return -1;
		*out = (uint16_t)(whole * 100u);
		return 0;
	}
	if (dot == s || (size_t)(dot - s) >= sizeof buf || strlen(dot + 1) < 1 || strlen(dot + 1) > 2)
		return -1;
	memcpy(buf, s, (size_t)(dot - s));
	buf[dot - s] = '\0';
	if (pc_cli_parse_u64(buf, 120, &whole) != 0 ||
	    pc_cli_parse_u64(dot + 1, 99, &frac) != 0)
		return -1;
	frac *= strlen(dot + 1) == 1 ? 10u : 1u;
	if (whole * 100u + frac > PC_ASSERT_ASSURANCE_MAX)
		return -1;
	*out = (uint16_t)(whole * 100u + frac);
	return 0;
}

/* 32..128 hex digits into out (64 bytes). 0 or -1. */
static int challenge_of(const char *hex, uint8_t *out, size_t *len)
{
	size_t n = strlen(hex);

	if (n % 2 != 0 || n / 2 < PC_ASSERT_CHALLENGE_MIN ||
	    n / 2 > PC_ASSERT_CHALLENGE_MAX || pc_cli_unhex(hex, out, n / 2) != 0)
		return -1;
	*len = n / 2;
	return 0;
}

/* --txn-file F (its SHA-256) or --txn HEX into out; *has 0 when neither.
 * -1 to go on, else an exit status. */
static int txn_of(const pc_cli_opt *file, const pc_cli_opt *hex, uint8_t out[32],
		  int *has)
{
	char *text = NULL;
	size_t len = 0;
	pc_err err;

	*has = file->value != NULL || hex->value != NULL;
	if (file->value != NULL && hex->value != NULL)
		return pc_cli_usage_error(CMD, "--txn-file and --txn exclude each other");
	if (hex->value != NULL)
		return strlen(hex->value) == 64 && pc_cli_unhex(hex->value, out, 32) == 0 ?
		       -1 : pc_cli_usage_error(CMD, "--txn needs 64 hex digits (SHA-256)");
	if (file->value == NULL)
		return -1;
	if (pc_cli_read_file(file->value, &text, &len) != 0)
		return pc_cli_fail(PC_ERR_NOT_FOUND, "%s: cannot read", file->value);
	err = pc_sha256(text, len, out);
	free(text);
	return err == PC_OK ? -1 : pc_cli_fail(err, "cannot hash %s", file->value);
}

/* ---- gen ------------------------------------------------------------------ */

enum { G_WALLET, G_RP, G_CHALLENGE, G_PURPOSE, G_TXN_FILE, G_TXN, G_UV, G_LOCATION,
       G_ASSURANCE, G_PAD, G_OUT, G_NOW, G_N };

struct gen {
	pc_assertion_input in;
	uint8_t challenge[PC_ASSERT_CHALLENGE_MAX];
	uint8_t txn[32];
	const char *path, *out;
	int fixed;
	pc_time now;
};

/* The statement's biometric part: location, assurance, PAD. -1 or 2. */
static int gen_bio_options(pc_cli_opt *o, struct gen *g)
{
	static const char *const locs[] = { "none", "se", "tee", "app" };
	static const char *const pads[] = { "none", "pass", "fail" };
	const char *loc = o[G_LOCATION].value, *pad = o[G_PAD].value;
	size_t i;

	if ((g->in.uv & PC_UV_BIOMETRIC) == 0)
		return loc != NULL || pad != NULL || o[G_ASSURANCE].value != NULL ?
		       pc_cli_usage_error(CMD, "--location, --assurance and --pad go "
					  "with a biometric --uv") : -1;
	for (i = 1; loc != NULL && i < 4 && strcmp(loc, locs[i]) != 0; i++)
		;
	if (loc != NULL && i == 4)
		return pc_cli_usage_error(CMD, "--location must be se, tee or app");
	g->in.location = loc != NULL ? (uint8_t)i : (uint8_t)PC_UV_LOC_TEE;
	for (i = 0; pad != NULL && i < 3 && strcmp(pad, pads[i]) != 0; i++)
		;
	if (pad != NULL && i == 3)
		return pc_cli_usage_error(CMD, "--pad must be pass, fail or none");
	g->in.pad = pad != NULL ? (pc_bio_pad)i : PC_BIO_PAD_NONE;
	if (o[G_ASSURANCE].value == NULL ||
	    assurance_of(o[G_ASSURANCE].value, &g->in.assurance) != 0 ||
	    g->in.assurance == 0)
		return pc_cli_usage_error(CMD, "a biometric --uv needs --assurance "
					  "1e-N (N 1..12) or DB (e.g. 40)");
	return -1;
}

static int gen_options(pc_cli_opt *o, struct gen *g)
{
	int rc, has = 0;

	if (o[G_WALLET].value == NULL || o[G_RP].value == NULL ||
	    o[G_CHALLENGE].value == NULL || o[G_PURPOSE].value == NULL ||
	    o[G_UV].value == NULL)
		return pc_cli_usage_error(CMD, "gen needs --wallet, --rp, --challenge, "
					  "--purpose and --uv");
	g->path = o[G_WALLET].value;
	g->out = o[G_OUT].value;
	g->in.rp_id = o[G_RP].value;
	g->in.rp_id_len = strlen(o[G_RP].value);
	g->in.challenge = g->challenge;
	if (challenge_of(o[G_CHALLENGE].value, g->challenge, &g->in.challenge_len) != 0)
		return pc_cli_usage_error(CMD, "--challenge needs 32..128 hex digits");
	g->in.purpose = purpose_of(o[G_PURPOSE].value);
	if (g->in.purpose == 0)
		return pc_cli_usage_error(CMD, "unknown purpose '%s'", o[G_PURPOSE].value);
	if (uv_of(o[G_UV].value, &g->in.uv) != 0)
		return pc_cli_usage_error(CMD, "--uv: fingerprint, face, pin or none");
	rc = gen_bio_options(o, g);
	if (rc < 0)
		rc = txn_of(&o[G_TXN_FILE], &o[G_TXN], g->txn, &has);
	g->in.txn_digest = has ? g->txn : NULL;
	if (rc < 0)
		rc = pc_cli_opt_time(&o[G_NOW], CMD, &g->now, &g->fixed);
	return rc;
}

/* Lock the wallet, generate, encode into text. 0 or 1. */
static int gen_locked(const struct gen *g, char text[PC_ASSERT_TEXT_MAX_LEN + 1])
{
	uint8_t bin[PC_ASSERT_MAX_LEN];
	size_t n = 0, tlen = 0;
	pc_cli_platform cp;
	pc_cli_wallet f;
	pc_err err = PC_OK;
	int rc, lock = pc_cli_lock(g->path);

	if (lock < 0)
		return 1;
	rc = pc_cli_wallet_load(g->path, &f);
	if (rc == 0 && !f.has_cert)
		rc = pc_cli_fail(PC_ERR_UNSUPPORTED, "%s has no certificate: run "
				 "'paycode cert issue' first", g->path);
	if (rc == 0 && pc_cli_platform_init(&cp, f.storage, g->fixed, g->now) == 0) {
		err = pc_assertion_gen(&cp.plat, f.device_key_id, f.cert, &g->in, bin,
				       sizeof bin, &n);
		if (err == PC_OK)
			err = pc_base64_encode(bin, n, text, PC_ASSERT_TEXT_MAX_LEN, &tlen);
		text[err == PC_OK ? tlen : 0] = '\0';
		if (err != PC_OK)
			rc = pc_cli_fail(err, "cannot generate the assertion");
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
	pc_cli_opt o[G_N] = {
		{ .name = "wallet" }, { .name = "rp" }, { .name = "challenge" },
		{ .name = "purpose" }, { .name = "txn-file" }, { .name = "txn" },
		{ .name = "uv" }, { .name = "location" }, { .name = "assurance" },
		{ .name = "pad" }, { .name = "out" }, { .name = "now" } };
	char text[PC_ASSERT_TEXT_MAX_LEN + 2];
	struct gen g;
	pc_cli_pos pos;
	size_t len;
	int rc = pc_cli_opts(argc, argv, o, G_N, &pos, 0, USAGE, CMD);

	memset(&g, 0, sizeof g);
	if (rc < 0)
		rc = gen_options(o, &g);
	if (rc >= 0)
		return rc;
	rc = gen_locked(&g, text);
	if (rc != 0)
		return rc;
	len = strlen(text);
	text[len] = '\n';
	if (g.out != NULL)
		return pc_cli_write_atomic(g.out, text, len + 1, PC_CLI_MODE_PUBLIC, 1);
	if (fwrite(text, 1, len + 1, stdout) != len + 1 || fflush(stdout) != 0)
		return pc_cli_fail(PC_ERR_STORAGE, "cannot write the assertion");
	return 0;
}

/* ---- verify ---------------------------------------------------------------- */

enum { V_RP, V_CHALLENGE, V_PURPOSE, V_ROOTS, V_CRL, V_STATE, V_STORE, V_TXN_FILE,
       V_TXN, V_MIN, V_UV, V_LOCATION, V_PAD, V_LAST, V_MAX_AGE, V_SKEW, V_NOW, V_N };

struct verify {
	pc_assertion_policy p;
	uint8_t challenge[PC_ASSERT_CHALLENGE_MAX];
	uint8_t txn[32];
	int fixed, plat_ok;
	pc_time now;
	pc_cli_platform cp;
	pc_cli_store_spec spec;
	pc_cli_store *store;
	pc_validator v;
};

/* --uv, --location, --pad, --min-assurance, --last-counter. -1 or 2. */
static int verify_strength(pc_cli_opt *o, pc_assertion_policy *p)
{
	static const char *const locs[] = { "none", "se", "tee", "app" };
	const char *pad = o[V_PAD].value;
	unsigned bits = 0;
	int rc = -1;

	if (o[V_UV].value != NULL && uv_of(o[V_UV].value, &p->uv_any) != 0)
		return pc_cli_usage_error(CMD, "--uv: fingerprint, face, pin or none");
	if (o[V_LOCATION].value != NULL &&
	    (list_of(o[V_LOCATION].value, locs, 4, &bits) != 0 || bits == 0))
		return pc_cli_usage_error(CMD, "--location: se, tee, app");
	p->locations = (uint8_t)bits;
	if (pad != NULL && strcmp(pad, "required") != 0 && strcmp(pad, "optional") != 0)
		return pc_cli_usage_error(CMD, "--pad must be required or optional");
	if (pad != NULL)
		p->require_pad = pad[0] == 'r';
	if (o[V_MIN].value != NULL && assurance_of(o[V_MIN].value, &p->min_assurance) != 0)
		return pc_cli_usage_error(CMD, "--min-assurance: 1e-N (N 1..12) or DB");
	if (o[V_LAST].value != NULL) {
		p->check_counter = 1;
		rc = pc_cli_opt_u32(&o[V_LAST], CMD, UINT32_MAX, &p->last_counter);
	}
	if (rc < 0)
		rc = pc_cli_opt_u32(&o[V_MAX_AGE], CMD, 3600, &p->max_age);
	if (rc < 0)
		rc = pc_cli_opt_u32(&o[V_SKEW], CMD, 300, &p->skew);
	if (rc < 0 && p->max_age == 0)
		rc = pc_cli_usage_error(CMD, "--max-age must be 1..3600");
	return rc;
}

static int verify_options(pc_cli_opt *o, struct verify *x)
{
	uint8_t purpose;
	int rc, has = 0;

	if (o[V_RP].value == NULL || o[V_CHALLENGE].value == NULL ||
	    o[V_PURPOSE].value == NULL || o[V_ROOTS].value == NULL)
		return pc_cli_usage_error(CMD, "verify needs --rp, --challenge, "
					  "--purpose and --roots");
	purpose = purpose_of(o[V_PURPOSE].value);
	if (purpose == 0)
		return pc_cli_usage_error(CMD, "unknown purpose '%s'", o[V_PURPOSE].value);
	pc_assertion_policy_default(&x->p, purpose);
	x->p.rp_id = o[V_RP].value;
	x->p.rp_id_len = strlen(o[V_RP].value);
	if (x->p.rp_id_len == 0 || x->p.rp_id_len > PC_ASSERT_RP_MAX)
		return pc_cli_usage_error(CMD, "--rp: 1..%u bytes", (unsigned)PC_ASSERT_RP_MAX);
	x->p.challenge = x->challenge;
	if (challenge_of(o[V_CHALLENGE].value, x->challenge, &x->p.challenge_len) != 0)
		return pc_cli_usage_error(CMD, "--challenge needs 32..128 hex digits");
	rc = verify_strength(o, &x->p);
	if (rc < 0)
		rc = txn_of(&o[V_TXN_FILE], &o[V_TXN], x->txn, &has);
	x->p.txn_digest = has ? x->txn : NULL;
	if (rc < 0)
		rc = pc_cli_opt_time(&o[V_NOW], CMD, &x->now, &x->fixed);
	if (rc < 0)
		rc = pc_cli_store_parse(o[V_STORE].value, o[V_STATE].value, CMD, &x->spec);
	return rc;
}

/* Platform, store, validator, roots and list. 0 or 1. */
static int verify_setup(pc_cli_opt *o, struct verify *x)
{
	pc_err err;

	if (pc_cli_platform_init(&x->cp, NULL, x->fixed, x->now) != 0)
		return 1;
	x->plat_ok = 1;
	err = pc_platform_time(&x->cp.plat, &x->now);
	if (err != PC_OK)
		return pc_cli_fail(err, "the clock is unknown");
	x->store = pc_cli_store_open(&x->spec, &x->cp.plat, x->now);
	if (x->store == NULL)
		return 1;
	err = pc_validator_init(&x->v, PC_MODE_TERMINAL, &x->cp.plat,
				pc_cli_store_get(x->store), NULL, NULL);
	if (err != PC_OK)
		return pc_cli_fail(err, "cannot set the verifier up");
	if (pc_cli_add_roots(&x->v, o[V_ROOTS].value) != 0)
		return 1;
	if (o[V_CRL].value != NULL && pc_cli_add_crl(&x->v, o[V_CRL].value) != 0)
		return 1;
	return 0;
}

/* The names of the method bits. */
static cJSON *uv_names(uint8_t uv)
{
	static const char *const names[] = { "fingerprint", "face", "pin" };
	cJSON *arr = cJSON_CreateArray();
	size_t i;

	for (i = 0; arr != NULL && i < 3; i++)
		if (uv & (1u << i))
			cJSON_AddItemToArray(arr, cJSON_CreateString(names[i]));
	return arr;
}

/* The parsed view's members. 0, or -1 out of memory. */
static int add_view(cJSON *o, const pc_assertion *a)
{
	static const char *const pads[] = { "none", "pass", "fail" };
	cJSON *uv = uv_names(a->uv);
	uint8_t tok[8];

	if (uv == NULL || !cJSON_AddItemToObject(o, "uv", uv)) {
		cJSON_Delete(uv);
		return -1;
	}
	pc_cli_put_be64(tok, a->token_id);
	return !cJSON_AddStringToObject(o, "location", pc_assertion_location_name(a->location)) ||
	       pc_cli_json_add_uint(o, "assurance", a->assurance) != 0 ||
	       !cJSON_AddStringToObject(o, "pad", pads[a->pad < 3 ? a->pad : 0]) ||
	       pc_cli_json_add_uint(o, "counter", a->counter) != 0 ||
	       pc_cli_json_add_int(o, "time", a->time) != 0 ||
	       pc_cli_json_add_uint(o, "certSerial", a->cert_serial) != 0 ||
	       pc_cli_json_add_hex(o, "token", tok, 8) != 0 ||
	       pc_cli_json_add_uint(o, "alias", a->alias) != 0 ||
	       !cJSON_AddBoolToObject(o, "consumed", a->consumed != 0) ||
	       pc_cli_json_add_hex(o, "digest", a->digest, 32) != 0 ? -1 : 0;
}

static int print_verdict(pc_err err, const pc_assertion *a)
{
	cJSON *o = cJSON_CreateObject();
	char *text = NULL;
	int bad;

	bad = o == NULL || !cJSON_AddBoolToObject(o, "valid", err == PC_OK) ||
	      !cJSON_AddStringToObject(o, "error", pc_err_name(err));
	if (!bad && a->purpose != 0)
		bad = !cJSON_AddStringToObject(o, "purpose", pc_assertion_purpose_name(a->purpose)) ||
		      pc_cli_json_add_hex(o, "rpHash", a->rp_hash, 32) != 0 ||
		      add_view(o, a) != 0;
	if (!bad)
		bad = (text = cJSON_PrintUnformatted(o)) == NULL || puts(text) < 0 ||
		      fflush(stdout) != 0;
	free(text);
	cJSON_Delete(o);
	return bad ? pc_cli_fail(PC_ERR_STORAGE, "cannot write the verdict") : 0;
}

/* Decode the text and verify. Exit status 0 valid, else 1. */
static int judge(struct verify *x, const char *text, size_t len)
{
	uint8_t bin[PC_ASSERT_MAX_LEN + 3];
	pc_assertion a;
	size_t n = 0;
	pc_err err;

	memset(&a, 0, sizeof a);
	err = len > PC_ASSERT_TEXT_MAX_LEN ? PC_ERR_BIO_ASSERTION :
	      pc_base64_decode(text, len, bin, sizeof bin, &n);
	if (err == PC_OK)
		err = pc_assertion_verify(&x->v, &x->p, bin, n, &a);
	if (err == PC_ERR_INVALID_ARG)
		return pc_cli_fail(err, "cannot verify");
	if ((a.consumed != 0) != (pc_cli_store_consumed(x->store) != 0))
		return pc_cli_fail(PC_ERR_INTERNAL, "state store out of step");
	if (print_verdict(err, &a) != 0)
		return 1;
	return err == PC_OK ? 0 : 1;
}

static int cmd_verify(int argc, char **argv)
{
	pc_cli_opt o[V_N] = {
		{ .name = "rp" }, { .name = "challenge" }, { .name = "purpose" },
		{ .name = "roots" }, { .name = "crl" }, { .name = "state" },
		{ .name = "store" }, { .name = "txn-file" }, { .name = "txn" },
		{ .name = "min-assurance" }, { .name = "uv" }, { .name = "location" },
		{ .name = "pad" }, { .name = "last-counter" }, { .name = "max-age" },
		{ .name = "skew" }, { .name = "now" } };
	struct verify *x = calloc(1, sizeof *x);
	char *text = NULL;
	size_t len = 0;
	pc_cli_pos pos;
	int rc = x == NULL ? pc_cli_fail(PC_ERR_INTERNAL, "out of memory") :
		 pc_cli_opts(argc, argv, o, V_N, &pos, 1, USAGE, CMD);

	if (rc < 0 && pos.n != 1)
		rc = pc_cli_usage_error(CMD, "verify needs one ASSERTION (or -)");
	if (rc < 0)
		rc = verify_options(o, x);
	if (rc < 0 && pc_cli_read_arg(pos.arg[0], &text, &len) != 0)
		rc = pc_cli_fail(PC_ERR_INVALID_ARG, "cannot read the assertion");
	if (rc < 0)
		rc = verify_setup(o, x) != 0 ? 1 : judge(x, text, len);
	if (x != NULL) {
		pc_cli_store_close(x->store);
		pc_validator_wipe(&x->v);
		if (x->plat_ok)
			pc_cli_platform_wipe(&x->cp);
	}
	free(text);
	free(x);
	return rc;
}

int pc_cli_assert(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(USAGE, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "gen") == 0)
		return cmd_gen(argc - 1, argv + 1);
	if (strcmp(argv[1], "verify") == 0)
		return cmd_verify(argc - 1, argv + 1);
	return pc_cli_usage_error(CMD, "unknown subcommand '%s'", argv[1]);
}
