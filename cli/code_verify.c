/*
 * paycode code verify: run the validation pipeline (SPEC §3.6, §3.7) as a
 * terminal (offline, root public keys only) or as the provider (online,
 * master keys and the alias table), and print the decision.
 *
 * Contract: when a decision is made, stdout carries exactly one JSON
 * object on one line:
 *   {"decision":"APPROVE|DECLINE|STEP_UP|REFER_ONLINE","reason":"OK|...",
 *    "form":"numeric|qr-online|qr-offline"|null,"token":hex16|null,
 *    "certSerial":N,"counter":N,"time":N,"flags":N,"consumed":bool,
 *    "digest":hex32}
 * and the exit status is 0 for APPROVE, 1 for anything else. Setup
 * failures (unreadable files, a revocation list that does not verify)
 * print "error: PC_ERR_...: message" on stderr and exit 1 with no JSON;
 * usage errors exit 2.
 *
 * The state store (replay keys, risk counters) is chosen by --state FILE
 * (the replay file, replay_file.c) or --store memory|file:DIR|redis://...
 * (store_opt.c); the two are mutually exclusive. Without either, each
 * invocation has a fresh, empty in-memory store.
 *
 * With --risk CONFIG the code goes through pc_authorize() with the seven
 * built-in hooks (include/paycode/risk.h) configured by that file, for the
 * transaction given by --amount, --currency, --merchant, --terminal,
 * --mcc and --offline, and the factors of --factors (default from-code).
 * The JSON then also carries
 *    "riskLevel":"A|B|C|D","factors":[...],"liability":"institution"|null,
 *    "hooks":[{"name","decision","reason"}...],"riskReason":"OK|...",
 *    "stepUp":"PIN|OTP|BIOMETRIC|CERT"|null
 * and "decision" is the combined one (the code's when it was not
 * approved, else the hooks'); "reason" stays the code's (SPEC §3.7). The
 * exit status is 0 only for a combined APPROVE. --state keeps no counters,
 * so it cannot be used with --risk.
 */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "cli.h"
#include "code_cli.h"
#include "files.h"
#include "opts.h"
#include "store_opt.h"

enum { O_MODE, O_ROOTS, O_CRL, O_PROVIDER, O_STATE, O_STORE, O_TTL, O_SKEW, O_NOW,
       O_RISK, O_FACTORS, O_AMOUNT, O_CURRENCY, O_MERCHANT, O_TERMINAL, O_MCC,
       O_OFFLINE, O_JOURNAL, O_TXN_ID, O_RECEIPT, O_N };

struct verify {
	pc_mode mode;
	pc_code_params params;
	int fixed;
	pc_time now;
	int plat_ok;
	pc_cli_platform cp;
	pc_cli_provider prov;
	pc_cli_store_spec spec;
	pc_cli_store *store;
	pc_validator v;
	int risk;                 /* --risk given */
	pc_factors factors;       /* PC_FACTOR_* and PC_FACTOR_FROM_CODE */
	pc_txn txn;
	pc_risk_config cfg;       /* retained by eng */
	pc_risk_engine eng;
	pc_cli_journal_writer *journal;  /* --journal: every decision is appended */
	const char *txn_id, *receipt;
};

/* Mode, parameters and --now into x; -1 to go on, else exit status. */
static int verify_options(pc_cli_opt *o, struct verify *x)
{
	const char *m = o[O_MODE].value;
	int rc;

	if (m == NULL || (strcmp(m, "terminal") != 0 && strcmp(m, "provider") != 0))
		return pc_cli_usage_error("code", "--mode must be terminal or provider");
	x->mode = m[0] == 't' ? PC_MODE_TERMINAL : PC_MODE_PROVIDER;
	if (x->mode == PC_MODE_TERMINAL && o[O_ROOTS].value == NULL)
		return pc_cli_usage_error("code", "terminal mode needs --roots");
	if (x->mode == PC_MODE_TERMINAL && o[O_PROVIDER].value != NULL)
		return pc_cli_usage_error("code", "--provider applies to provider mode");
	if (x->mode == PC_MODE_PROVIDER && o[O_PROVIDER].value == NULL)
		return pc_cli_usage_error("code", "provider mode needs --provider");
	pc_code_params_default(&x->params);
	rc = pc_cli_opt_u32(&o[O_TTL], "code", 600, &x->params.ttl);
	if (rc < 0)
		rc = pc_cli_opt_u32(&o[O_SKEW], "code", 300, &x->params.skew);
	if (rc < 0 && pc_code_params_check(&x->params) != PC_OK)
		rc = pc_cli_usage_error("code", "--ttl %u --skew %u: need ttl 10..600, "
					"skew 0..300, (ttl + 2 skew) / 15 + 1 <= 10",
					(unsigned)x->params.ttl, (unsigned)x->params.skew);
	if (rc < 0)
		rc = pc_cli_opt_time(&o[O_NOW], "code", &x->now, &x->fixed);
	if (rc < 0)
		rc = pc_cli_store_parse(o[O_STORE].value, o[O_STATE].value, "code",
					&x->spec);
	return rc;
}

/* "knowledge,otp,cert,biometric", "from-code" and "none", comma-separated,
 * into *out; -1 on an unknown or empty name. */
static int parse_factors(const char *s, pc_factors *out)
{
	static const struct { const char *name; pc_factors bit; } names[] = {
		{ "knowledge", PC_FACTOR_KNOWLEDGE }, { "otp", PC_FACTOR_OTP },
		{ "cert", PC_FACTOR_CERT }, { "biometric", PC_FACTOR_BIOMETRIC },
		{ "from-code", PC_FACTOR_FROM_CODE }, { "none", 0 } };
	size_t n, i;

	*out = 0;
	for (;;) {
		n = strcspn(s, ",");
		for (i = 0; i < sizeof names / sizeof names[0]; i++)
			if (strlen(names[i].name) == n && strncmp(s, names[i].name, n) == 0)
				break;
		if (i == sizeof names / sizeof names[0])
			return -1;
		*out |= names[i].bit;
		if (s[n] == '\0')
			return 0;
		s += n + 1;
	}
}

/* Copy a merchant or terminal ID; its characters are checked with the
 * whole transaction. -1 to go on, or 2. */
static int take_id(const pc_cli_opt *o, char out[PC_RISK_ID_MAX + 1])
{
	if (o->value == NULL)
		return -1;
	if (strlen(o->value) > PC_RISK_ID_MAX)
		return pc_cli_usage_error("code", "--%s: at most %u characters", o->name,
					  (unsigned)PC_RISK_ID_MAX);
	memcpy(out, o->value, strlen(o->value) + 1);
	return -1;
}

/* Without --risk, none of the transaction options applies. -1 or 2. */
static int no_txn_options(const pc_cli_opt *o)
{
	size_t i;

	for (i = O_FACTORS; i <= O_OFFLINE; i++)
		if (o[i].value != NULL)
			return pc_cli_usage_error("code", "--%s applies with --risk", o[i].name);
	return -1;
}

/* --risk and the transaction into x; -1 to go on, else exit status. */
static int risk_options(pc_cli_opt *o, struct verify *x)
{
	uint64_t amount = 0;
	uint32_t currency = PC_CURRENCY_CNY, mcc = 0;
	int rc;

	x->risk = o[O_RISK].value != NULL;
	if (!x->risk)
		return no_txn_options(o);
	if (x->spec.kind == PC_CLI_STORE_STATE)
		return pc_cli_usage_error("code", "--state keeps no risk counters: use "
					  "--store with --risk");
	if (o[O_AMOUNT].value == NULL)
		return pc_cli_usage_error("code", "--risk needs --amount");
	x->factors = PC_FACTOR_FROM_CODE;
	if (o[O_FACTORS].value != NULL && parse_factors(o[O_FACTORS].value, &x->factors) != 0)
		return pc_cli_usage_error("code", "bad --factors %s (knowledge, otp, cert, "
					  "biometric, from-code, none)", o[O_FACTORS].value);
	rc = pc_cli_opt_u64(&o[O_AMOUNT], "code", (uint64_t)PC_RISK_AMOUNT_MAX, &amount);
	if (rc < 0)
		rc = pc_cli_opt_u32(&o[O_CURRENCY], "code", 999, &currency);
	if (rc < 0)
		rc = pc_cli_opt_u32(&o[O_MCC], "code", 9999, &mcc);
	if (rc < 0)
		rc = take_id(&o[O_MERCHANT], x->txn.merchant_id);
	if (rc < 0)
		rc = take_id(&o[O_TERMINAL], x->txn.terminal_id);
	x->txn.amount = (int64_t)amount;
	x->txn.currency = (uint16_t)currency;
	x->txn.mcc = (uint16_t)mcc;
	x->txn.offline = o[O_OFFLINE].value != NULL;
	if (rc < 0 && pc_txn_check(&x->txn) != PC_OK)
		rc = pc_cli_usage_error("code", "bad transaction: --amount 1..10^15, "
					"--currency 1..999, IDs of [A-Za-z0-9._:-]");
	return rc;
}

/* Read and parse the risk configuration, register the built-ins. 0 or 1. */
static int risk_setup(const char *path, struct verify *x)
{
	pc_risk_config_error where;
	char *text = NULL;
	size_t len = 0;
	pc_err err;

	if (pc_cli_read_file(path, &text, &len) != 0)
		return pc_cli_fail(PC_ERR_NOT_FOUND, "%s: cannot read", path);
	err = pc_risk_config_parse(&x->cfg, text, len, &where);
	free(text);
	if (err != PC_OK)
		return pc_cli_fail(err, "%s:%lu: %s", path, (unsigned long)where.line,
				   where.what != NULL ? where.what : "malformed");
	pc_risk_engine_init(&x->eng);
	err = pc_risk_engine_add_builtins(&x->eng, &x->cfg);
	if (err != PC_OK)
		return pc_cli_fail(err, "%s: cannot register the risk hooks", path);
	return 0;
}

/* Trust every root file of the comma-separated list. 0 or 1. */
int pc_cli_add_roots(pc_validator *v, const char *list)
{
	char *copy = strdup(list), *p, *save = NULL;
	pc_cli_root r;
	pc_err err;
	int rc = copy == NULL;

	for (p = copy != NULL ? strtok_r(copy, ",", &save) : NULL; rc == 0 && p != NULL;
	     p = strtok_r(NULL, ",", &save)) {
		if (pc_cli_root_load(p, &r, 0) != 0) {
			rc = 1;
			break;
		}
		err = pc_validator_add_root(v, r.key_id, r.pub);
		pc_cli_root_wipe(&r);
		if (err != PC_OK)
			rc = pc_cli_fail(err, "%s: cannot trust this root (at most %u)",
					 p, (unsigned)PC_MAX_ROOTS);
	}
	free(copy);
	return rc;
}

/* Install a revocation list file; it must verify against a trusted root. */
int pc_cli_add_crl(pc_validator *v, const char *path)
{
	uint8_t *buf;
	size_t len;
	pc_err err;

	if (pc_cli_slurp(path, PC_CRL_LEN(PC_CRL_MAX), &buf, &len) != 0)
		return 1;
	err = pc_validator_set_crl(v, buf, len);
	free(buf);
	if (err != PC_OK)
		return pc_cli_fail(err, "%s: revocation list refused (%s)", path,
				   err == PC_ERR_NOT_FOUND ? "its issuer is not among --roots" :
				   pc_strerror(err));
	return 0;
}

/* Platform, provider, risk engine, store, validator, roots and list. 0 or 1. */
static int verify_setup(pc_cli_opt *o, struct verify *x)
{
	pc_err err;

	if (pc_cli_platform_init(&x->cp, NULL, x->fixed, x->now) != 0)
		return 1;
	x->plat_ok = 1;
	err = pc_platform_time(&x->cp.plat, &x->now);
	if (err != PC_OK)
		return pc_cli_fail(err, "the clock is unknown");
	if (o[O_PROVIDER].value != NULL &&
	    pc_cli_provider_load(o[O_PROVIDER].value, &x->prov) != 0)
		return 1;
	if (x->risk && risk_setup(o[O_RISK].value, x) != 0)
		return 1;
	x->store = pc_cli_store_open(&x->spec, &x->cp.plat, x->now);
	if (x->store == NULL)
		return 1;
	err = pc_validator_init(&x->v, x->mode, &x->cp.plat,
				pc_cli_store_get(x->store),
				x->mode == PC_MODE_PROVIDER ? &x->prov.hooks : NULL,
				&x->params);
	if (err != PC_OK)
		return pc_cli_fail(err, "cannot set the validator up");
	if (o[O_ROOTS].value != NULL && pc_cli_add_roots(&x->v, o[O_ROOTS].value) != 0)
		return 1;
	if (o[O_CRL].value != NULL && pc_cli_add_crl(&x->v, o[O_CRL].value) != 0)
		return 1;
	return 0;
}

/* The token ID is known once a QR form is parsed; for the numeric form
 * only once the provider has looked its alias up. */
static int token_known(const pc_decision *d)
{
	if (d->form == PC_FORM_NUMERIC)
		return d->reason != PC_R_ONLINE_REQUIRED &&
		       d->reason != PC_R_UNKNOWN_TOKEN;
	return d->form != 0;
}

/* The factor names of f, in bit order. */
static cJSON *factor_names(pc_factors f)
{
	static const char *const names[] = { "knowledge", "otp", "cert", "biometric" };
	cJSON *a = cJSON_CreateArray();
	size_t i;

	for (i = 0; a != NULL && i < sizeof names / sizeof names[0]; i++)
		if (f & (1u << i))
			cJSON_AddItemToArray(a, cJSON_CreateString(names[i]));
	return a;
}

/* The trail: every hook that ran, with its answer. */
static cJSON *trail(const pc_risk_outcome *r)
{
	cJSON *a = cJSON_CreateArray(), *h;
	size_t i;

	for (i = 0; a != NULL && i < r->ran && i < PC_RISK_MAX_HOOKS; i++) {
		h = cJSON_CreateObject();
		cJSON_AddStringToObject(h, "name", r->trail[i].name);
		cJSON_AddStringToObject(h, "decision", pc_verdict_name(r->trail[i].verdict));
		cJSON_AddStringToObject(h, "reason", pc_risk_reason_name(r->trail[i].reason));
		cJSON_AddItemToArray(a, h);
	}
	return a;
}

/* The risk members (--risk), in the documented order. 0, or -1 out of
 * memory. */
static int add_risk(cJSON *o, const pc_risk_outcome *r)
{
	cJSON *f = factor_names(r->factors), *t = trail(r);
	int bad = !cJSON_AddStringToObject(o, "riskLevel", pc_risk_level_name(r->level)) ||
		  f == NULL || !cJSON_AddItemToObject(o, "factors", f);

	if (bad)
		cJSON_Delete(f);
	bad = bad || !(r->liability ? cJSON_AddStringToObject(o, "liability", "institution") :
		       cJSON_AddNullToObject(o, "liability"));
	if (bad || t == NULL || !cJSON_AddItemToObject(o, "hooks", t)) {
		cJSON_Delete(t);
		return -1;
	}
	bad = !cJSON_AddStringToObject(o, "riskReason", pc_risk_reason_name(r->reason)) ||
	      !(r->verdict == PC_STEP_UP ?
		cJSON_AddStringToObject(o, "stepUp", pc_risk_method_name(r->method)) :
		cJSON_AddNullToObject(o, "stepUp"));
	return bad ? -1 : 0;
}

/* The members of the code's decision; "decision" is v. 0 or -1. */
static int add_decision(cJSON *o, const pc_decision *d, pc_verdict v)
{
	uint8_t tok[8];

	pc_cli_put_be64(tok, d->token_id);
	return !cJSON_AddStringToObject(o, "decision", pc_verdict_name(v)) ||
	       !cJSON_AddStringToObject(o, "reason", pc_reason_name(d->reason)) ||
	       !(d->form != 0 ? cJSON_AddStringToObject(o, "form", pc_form_name(d->form)) :
		 cJSON_AddNullToObject(o, "form")) ||
	       (token_known(d) ? pc_cli_json_add_hex(o, "token", tok, 8) != 0 :
		cJSON_AddNullToObject(o, "token") == NULL) ||
	       pc_cli_json_add_uint(o, "certSerial", d->cert_serial) != 0 ||
	       pc_cli_json_add_uint(o, "counter", d->counter) != 0 ||
	       pc_cli_json_add_int(o, "time", d->gen_time) != 0 ||
	       pc_cli_json_add_uint(o, "flags", d->flags) != 0 ||
	       !cJSON_AddBoolToObject(o, "consumed", d->consumed != 0) ||
	       pc_cli_json_add_hex(o, "digest", d->digest, sizeof d->digest) != 0 ? -1 : 0;
}

/* Print the decision (with the risk outcome r, when not NULL) as one JSON
 * line. 0 or 1. */
static int print_decision(const pc_decision *d, const pc_risk_outcome *r)
{
	cJSON *o = cJSON_CreateObject();
	char *text = NULL;
	int bad;

	bad = o == NULL || add_decision(o, d, r != NULL ? r->verdict : d->verdict) != 0 ||
	      (r != NULL && add_risk(o, r) != 0) ||
	      (text = cJSON_PrintUnformatted(o)) == NULL;
	if (!bad)
		bad = puts(text) < 0 || fflush(stdout) != 0;
	free(text);
	cJSON_Delete(o);
	return bad ? pc_cli_fail(PC_ERR_STORAGE, "cannot write the decision") : 0;
}

/* Judge the code (validate, or authorise with --risk); exit status 0 for
 * APPROVE, else 1. */
static int judge(struct verify *x, const char *code, size_t len)
{
	pc_risk_outcome r;
	pc_decision d;
	pc_err err = x->risk ? pc_authorize(&x->v, &x->eng, code, len, &x->txn,
					    x->factors, &d, &r) :
			       pc_validate(&x->v, code, len, &d);

	if (err != PC_OK)
		return pc_cli_fail(err, "cannot %s", x->risk ? "authorise" : "validate");
	/* The wrapped store saw exactly the consumption the pipeline reports. */
	if ((d.consumed != 0) != (pc_cli_store_consumed(x->store) != 0))
		return pc_cli_fail(PC_ERR_INTERNAL, "state store out of step");
	/* No evidence, no approval: a decision that cannot be journaled
	 * prints no JSON and exits 1 (cmd_journal.c). */
	if (x->journal != NULL &&
	    pc_cli_journal_decision(x->journal, x->txn_id, x->mode, &x->params, &d,
				    x->risk ? &x->txn : NULL, x->risk ? &r : NULL,
				    code, len, x->receipt) != 0)
		return 1;
	if (print_decision(&d, x->risk ? &r : NULL) != 0)
		return 1;
	return (x->risk ? r.verdict : d.verdict) == PC_APPROVE ? 0 : 1;
}

int pc_cli_code_verify(int argc, char **argv, const char *usage)
{
	pc_cli_opt o[O_N] = {
		{ .name = "mode" }, { .name = "roots" }, { .name = "crl" },
		{ .name = "provider" }, { .name = "state" }, { .name = "store" },
		{ .name = "ttl" }, { .name = "skew" }, { .name = "now" },
		{ .name = "risk" }, { .name = "factors" }, { .name = "amount" },
		{ .name = "currency" }, { .name = "merchant" }, { .name = "terminal" },
		{ .name = "mcc" }, { .name = "offline", .flag = 1 },
		{ .name = "journal" }, { .name = "txn-id" }, { .name = "receipt" } };
	struct verify *x = calloc(1, sizeof *x);
	char *code = NULL;
	size_t len = 0;
	pc_cli_pos pos;
	int rc = x == NULL ? pc_cli_fail(PC_ERR_INTERNAL, "out of memory") :
		 pc_cli_opts(argc, argv, o, O_N, &pos, 1, usage, "code");

	if (rc < 0 && pos.n != 1)
		rc = pc_cli_usage_error("code", "code verify needs one CODE (or -)");
	if (rc < 0)
		rc = verify_options(o, x);
	if (rc < 0)
		rc = risk_options(o, x);
	if (rc < 0 && o[O_JOURNAL].value == NULL &&
	    (o[O_TXN_ID].value != NULL || o[O_RECEIPT].value != NULL))
		rc = pc_cli_usage_error("code", "--txn-id and --receipt need --journal");
	x->txn_id = o[O_TXN_ID].value;
	x->receipt = o[O_RECEIPT].value;
	if (rc < 0 && pc_cli_read_arg(pos.arg[0], &code, &len) != 0)
		rc = pc_cli_fail(PC_ERR_INVALID_ARG, "cannot read the code");
	if (rc < 0 && o[O_JOURNAL].value != NULL &&
	    (x->journal = pc_cli_journal_open(o[O_JOURNAL].value, x->fixed, x->now)) == NULL)
		rc = 1;
	if (rc < 0)
		rc = verify_setup(o, x) != 0 ? 1 : judge(x, code, len);
	if (x != NULL) {
		pc_cli_journal_close(x->journal);
		pc_cli_store_close(x->store);
		pc_cli_provider_free(&x->prov);
		pc_validator_wipe(&x->v);
		pc_risk_engine_wipe(&x->eng);
		if (x->plat_ok)
			pc_cli_platform_wipe(&x->cp);
	}
	if (code != NULL)
		pc_wipe(code, len);
	free(code);
	free(x);
	return rc;
}
