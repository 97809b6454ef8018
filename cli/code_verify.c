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
 * Without --state each invocation has a fresh, empty replay store; with it
 * the store is loaded from and written back to the file (replay_file.c).
 */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "cli.h"
#include "code_cli.h"
#include "files.h"
#include "opts.h"

enum { O_MODE, O_ROOTS, O_CRL, O_PROVIDER, O_STATE, O_TTL, O_SKEW, O_NOW, O_N };

struct verify {
	pc_mode mode;
	pc_code_params params;
	int fixed;
	pc_time now;
	int plat_ok;
	pc_cli_platform cp;
	pc_cli_provider prov;
	pc_cli_replay *replay;
	pc_validator v;
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
	return rc;
}

/* Trust every root file of the comma-separated list. 0 or 1. */
static int add_roots(pc_validator *v, const char *list)
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
static int add_crl(pc_validator *v, const char *path)
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

/* Platform, provider, replay store, validator, roots and list. 0 or 1. */
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
	x->replay = pc_cli_replay_open(o[O_STATE].value, &x->cp.plat, x->now);
	if (x->replay == NULL)
		return 1;
	err = pc_validator_init(&x->v, x->mode, &x->cp.plat,
				pc_cli_replay_store(x->replay),
				x->mode == PC_MODE_PROVIDER ? &x->prov.hooks : NULL,
				&x->params);
	if (err != PC_OK)
		return pc_cli_fail(err, "cannot set the validator up");
	if (o[O_ROOTS].value != NULL && add_roots(&x->v, o[O_ROOTS].value) != 0)
		return 1;
	if (o[O_CRL].value != NULL && add_crl(&x->v, o[O_CRL].value) != 0)
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

/* Print the decision as one JSON line. 0 or 1. */
static int print_decision(const pc_decision *d)
{
	cJSON *o = cJSON_CreateObject();
	uint8_t tok[8];
	char *text = NULL;
	int bad;

	pc_cli_put_be64(tok, d->token_id);
	bad = o == NULL ||
	      !cJSON_AddStringToObject(o, "decision", pc_verdict_name(d->verdict)) ||
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
	      pc_cli_json_add_hex(o, "digest", d->digest, sizeof d->digest) != 0 ||
	      (text = cJSON_PrintUnformatted(o)) == NULL;
	if (!bad)
		bad = puts(text) < 0 || fflush(stdout) != 0;
	free(text);
	cJSON_Delete(o);
	return bad ? pc_cli_fail(PC_ERR_STORAGE, "cannot write the decision") : 0;
}

/* Judge the code; exit status 0 for APPROVE, else 1. */
static int judge(struct verify *x, const char *code, size_t len)
{
	pc_decision d;
	pc_err err = pc_validate(&x->v, code, len, &d);

	if (err != PC_OK)
		return pc_cli_fail(err, "cannot validate");
	/* The wrapped store saw exactly the consumption the pipeline reports. */
	if ((d.consumed != 0) != (pc_cli_replay_consumed(x->replay) != 0))
		return pc_cli_fail(PC_ERR_INTERNAL, "replay store out of step");
	if (print_decision(&d) != 0)
		return 1;
	return d.verdict == PC_APPROVE ? 0 : 1;
}

int pc_cli_code_verify(int argc, char **argv, const char *usage)
{
	pc_cli_opt o[O_N] = {
		{ .name = "mode" }, { .name = "roots" }, { .name = "crl" },
		{ .name = "provider" }, { .name = "state" }, { .name = "ttl" },
		{ .name = "skew" }, { .name = "now" } };
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
	if (rc < 0 && pc_cli_read_arg(pos.arg[0], &code, &len) != 0)
		rc = pc_cli_fail(PC_ERR_INVALID_ARG, "cannot read the code");
	if (rc < 0)
		rc = verify_setup(o, x) != 0 ? 1 : judge(x, code, len);
	if (x != NULL) {
		pc_cli_replay_close(x->replay);
		pc_cli_provider_free(&x->prov);
		pc_validator_wipe(&x->v);
		if (x->plat_ok)
			pc_cli_platform_wipe(&x->cp);
	}
	if (code != NULL)
		pc_wipe(code, len);
	free(code);
	free(x);
	return rc;
}
