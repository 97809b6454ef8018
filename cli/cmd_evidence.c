/*
 * paycode evidence export | verify | receipt: evidence bundles for one
 * transaction, checked offline by a third party such as an insurer
 * (include/paycode/journal.h; docs/SPEC-journal.md §7.6-§7.8;
 * cn-payment-rules EV-04, §6).
 *
 * export: the bundle of a DECISION record (by --seq, or the last decision
 *         of --txn), with the code kept next to the journal (FILE.codes,
 *         written by `code verify --journal`) or given by --code, and the
 *         first checkpoint after the record.
 * verify: a JSON verdict, exit 0 only when the bundle verifies; it says
 *         who bears a loss under the risk-level rules.
 * receipt: check a receipt's signature; its fields as JSON.
 *
 * Exit status: 0 exported / verifies; 1 failure or does not verify;
 * 2 usage error.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "cli.h"
#include "files.h"
#include "opts.h"

static const char USAGE[] =
	"usage: paycode evidence export --journal FILE (--seq N | --txn ID)\n"
	"                               --out BUNDLE [--code CODE|-] [--codes F]\n"
	"                               [--cert DEVICE.cert] [--force]\n"
	"       paycode evidence verify BUNDLE --journal-key PUB.json\n"
	"                               [--roots ROOT[,ROOT...]]\n"
	"       paycode evidence receipt RECEIPT --journal-key PUB.json\n"
	"\n"
	"export:  write the evidence bundle of one decision: the code (from\n"
	"         FILE.codes, kept by code verify --journal, or --code), the device\n"
	"         certificate, the record, and its inclusion proof up to the next\n"
	"         signed checkpoint ('paycode journal checkpoint' writes one)\n"
	"verify:  check a bundle offline against the provider roots and the\n"
	"         journal key; print a JSON verdict with the party that bears the\n"
	"         loss; exit 0 only when it verifies\n"
	"receipt: check a payment receipt against the journal key\n"
	"\n"
	"exit status: 0 success or verifies, 1 failure or does not, 2 usage error\n";

#define CMD "evidence"

/* ---- export */

enum { X_JOURNAL, X_SEQ, X_TXN, X_OUT, X_CODE, X_CODES, X_CERT, X_FORCE, X_N };

struct xp {
	char dir[PC_POSIX_DIR_MAX + 1];
	char name[PC_STORAGE_NAME_MAX + 1];
	pc_cli_platform cp;
	int plat_ok, lock;
	pc_journal_reader rd;
	pc_journal_record rec;
	char code[PC_QR_CODE_MAX_LEN + 1];
	size_t code_len;
	int has_code, has_cert;
	uint8_t cert[PC_CERT_LEN];
	uint8_t *bundle;
	size_t len;
	uint64_t seq;
};

/* The record by --seq, or the last decision of --txn. 0 or 1. */
static int xp_record(struct xp *x, pc_cli_opt *o, const char *path)
{
	uint64_t seq = x->seq;
	pc_journal_record cur;
	pc_err err;
	int found = 0;

	err = pc_journal_reader_init(&x->rd, &x->cp.plat, x->name, NULL);
	while (err == PC_OK && (err = pc_journal_reader_next(&x->rd, &cur)) == PC_OK)
		if (cur.type == PC_JREC_DECISION &&
		    (o[X_SEQ].value != NULL ? cur.seq == seq :
		     strcmp(cur.u.decision.txn_id, o[X_TXN].value) == 0)) {
			x->rec = cur;
			found = 1;
		}
	if (found)
		return 0;
	if (err != PC_ERR_NOT_FOUND || x->rd.sum.fault == PC_JF_EMPTY)
		return pc_cli_fail(err, "%s: does not verify (%s at record %" PRIu64 ")",
				   path, pc_journal_fault_name(x->rd.sum.fault),
				   x->rd.sum.fault_index);
	return pc_cli_fail(PC_ERR_NOT_FOUND, "%s: no decision %s %s", path,
			   o[X_SEQ].value != NULL ? "with seq" : "for transaction",
			   o[X_SEQ].value != NULL ? o[X_SEQ].value : o[X_TXN].value);
}

/* The code: --code, else the attachment file. 0 or 1. */
static int xp_code(struct xp *x, pc_cli_opt *o, const char *path)
{
	char codes[4200];
	char *arg = NULL;
	size_t n = 0;
	int found;

	if (o[X_CODE].value != NULL) {
		if (pc_cli_read_arg(o[X_CODE].value, &arg, &n) != 0 || n == 0 ||
		    n > PC_QR_CODE_MAX_LEN) {
			free(arg);
			return pc_cli_fail(PC_ERR_INVALID_ARG, "--code: 1..%u characters",
					   (unsigned)PC_QR_CODE_MAX_LEN);
		}
		memcpy(x->code, arg, n + 1);
		x->code_len = n;
		x->has_code = 1;
		pc_wipe(arg, n);
		free(arg);
		return 0;
	}
	snprintf(codes, sizeof codes, "%s.codes", path);
	found = pc_cli_codes_find(o[X_CODES].value != NULL ? o[X_CODES].value : codes,
				  x->rec.seq, x->code, sizeof x->code, &x->code_len);
	if (found < 0)
		return 1;
	x->has_code = found;
	if (!found)
		fprintf(stderr, "warning: no code was kept for record %" PRIu64 ": the bundle "
			"lacks it, which counts against the institution\n", x->rec.seq);
	return 0;
}

static int xp_cert(struct xp *x, const char *path)
{
	uint8_t *buf = NULL;
	size_t n = 0;

	if (path == NULL)
		return 0;
	if (pc_cli_slurp(path, PC_CERT_LEN, &buf, &n) != 0)
		return 1;
	if (n != PC_CERT_LEN) {
		free(buf);
		return pc_cli_fail(PC_ERR_CERT_FORMAT, "%s: not a %u-byte certificate", path,
				   (unsigned)PC_CERT_LEN);
	}
	memcpy(x->cert, buf, PC_CERT_LEN);
	x->has_cert = 1;
	free(buf);
	return 0;
}

static int xp_write(struct xp *x, pc_cli_opt *o, const char *path)
{
	pc_err err;
	cJSON *j;

	x->bundle = malloc(PC_EVIDENCE_MAX_LEN);
	if (x->bundle == NULL)
		return pc_cli_fail(PC_ERR_INTERNAL, "out of memory");
	err = pc_evidence_export(&x->rd, &x->cp.plat, x->name, x->rec.seq,
				 x->has_code ? x->code : NULL, x->code_len,
				 x->has_cert ? x->cert : NULL, x->bundle,
				 PC_EVIDENCE_MAX_LEN, &x->len);
	if (err == PC_ERR_NOT_FOUND)
		return pc_cli_fail(err, "%s: no signed checkpoint after record %" PRIu64
				   " yet (run 'paycode journal checkpoint %s')", path,
				   x->rec.seq, path);
	if (err != PC_OK)
		return pc_cli_fail(err, "%s: cannot export record %" PRIu64 "%s", path,
				   x->rec.seq, err == PC_ERR_VERIFY ?
				   " (the code is not the record's, or the journal does "
				   "not verify)" : "");
	if (pc_cli_write_atomic(o[X_OUT].value, x->bundle, x->len, PC_CLI_MODE_PUBLIC,
				o[X_FORCE].value != NULL) != 0)
		return 1;
	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "bundle", o[X_OUT].value);
	pc_cli_json_add_uint(j, "seq", x->rec.seq);
	cJSON_AddStringToObject(j, "txn", x->rec.u.decision.txn_id);
	pc_cli_json_add_uint(j, "bytes", x->len);
	cJSON_AddBoolToObject(j, "code", x->has_code);
	return pc_cli_print_json(j);
}

static int cmd_export(int argc, char **argv)
{
	pc_cli_opt o[X_N] = {
		{ .name = "journal" }, { .name = "seq" }, { .name = "txn" }, { .name = "out" },
		{ .name = "code" }, { .name = "codes" }, { .name = "cert" },
		{ .name = "force", .flag = 1 } };
	struct xp *x = calloc(1, sizeof *x);
	const char *path = o[X_JOURNAL].value;
	pc_cli_pos pos;
	int rc = x == NULL ? pc_cli_fail(PC_ERR_INTERNAL, "out of memory") :
		 pc_cli_opts(argc, argv, o, X_N, &pos, 0, USAGE, CMD);

	path = o[X_JOURNAL].value;
	if (rc < 0 && (path == NULL || o[X_OUT].value == NULL))
		rc = pc_cli_usage_error(CMD, "export needs --journal and --out");
	if (rc < 0 && (o[X_SEQ].value == NULL) == (o[X_TXN].value == NULL))
		rc = pc_cli_usage_error(CMD, "export needs --seq N or --txn ID (one)");
	if (rc < 0)
		rc = pc_cli_opt_u64(&o[X_SEQ], CMD, (uint64_t)INT64_MAX, &x->seq);
	if (rc < 0) {
		x->lock = -1;
		rc = pc_cli_journal_path(path, x->dir, sizeof x->dir, x->name, sizeof x->name) != 0 ||
		     pc_cli_platform_init(&x->cp, x->dir, 0, 0) != 0 ? 1 : -1;
		x->plat_ok = rc < 0;
	}
	if (rc < 0 && ((x->lock = pc_cli_lock(path)) < 0 || xp_record(x, o, path) != 0 ||
		       xp_code(x, o, path) != 0 || xp_cert(x, o[X_CERT].value) != 0))
		rc = 1;
	if (rc < 0)
		rc = xp_write(x, o, path);
	if (x != NULL) {
		pc_cli_unlock(x->lock);
		if (x->plat_ok)
			pc_cli_platform_wipe(&x->cp);
		free(x->bundle);
		pc_wipe(x, sizeof *x);
	}
	free(x);
	return rc;
}

/* ---- verify */

/* Trust every root file of the comma-separated list. 0 or 1. */
static int load_roots(const char *list, pc_root *roots, size_t *n)
{
	char *copy = strdup(list), *p, *save = NULL;
	pc_cli_root r;
	int rc = copy == NULL;

	*n = 0;
	for (p = copy != NULL ? strtok_r(copy, ",", &save) : NULL; rc == 0 && p != NULL;
	     p = strtok_r(NULL, ",", &save)) {
		if (*n == PC_MAX_ROOTS)
			rc = pc_cli_fail(PC_ERR_CAPACITY, "at most %u roots",
					 (unsigned)PC_MAX_ROOTS);
		else if (pc_cli_root_load(p, &r, 0) != 0)
			rc = 1;
		else {
			roots[*n].key_id = r.key_id;
			memcpy(roots[(*n)++].pub, r.pub, 65);
			pc_cli_root_wipe(&r);
		}
	}
	free(copy);
	return rc;
}

static const char *rule_text(unsigned basis)
{
	switch (basis) {
	case PC_BASIS_NOT_APPROVED:
		return "the payment was not approved: there is no loss to allocate";
	case PC_BASIS_LEVEL_C:
		return "PC-03 (PBOC 296): a level C payment; the institution bears the "
		       "loss unconditionally and in full";
	case PC_BASIS_EVIDENCE_INVALID:
		return "SPC 2021: the burden of proof is on the issuer or payment "
		       "institution, and its evidence does not verify";
	case PC_BASIS_EVIDENCE_MISSING:
		return "SPC 2021: the burden of proof is on the issuer or payment "
		       "institution, and the code was not kept";
	case PC_BASIS_AUTHORISED_VERIFIED:
		return "the evidence verifies offline: a code signed by the customer's "
		       "certified device, recorded in a signed journal; the institution "
		       "has met its burden of proof";
	case PC_BASIS_AUTHORISED_ATTESTED:
		return "the institution's signed journal attests an online code; only the "
		       "provider can re-check its OTP or MAC";
	default:
		return "?";
	}
}

static cJSON *verdict_json(const char *path, const pc_evidence_verdict *v)
{
	cJSON *o = cJSON_CreateObject(), *c;

	cJSON_AddStringToObject(o, "bundle", path);
	cJSON_AddBoolToObject(o, "verified", v->result == PC_OK);
	cJSON_AddStringToObject(o, "fault", pc_evidence_fault_name(v->fault));
	cJSON_AddStringToObject(o, "lossBearer", pc_loss_bearer_name(v->bearer));
	cJSON_AddStringToObject(o, "basis", pc_loss_basis_name(v->basis));
	cJSON_AddStringToObject(o, "rule", rule_text(v->basis));
	cJSON_AddStringToObject(o, "proof", pc_evidence_status_name(v->proof));
	cJSON_AddStringToObject(o, "code", pc_evidence_status_name(v->code));
	cJSON_AddStringToObject(o, "certificate", pc_evidence_status_name(v->cert));
	if (v->cert == PC_EVS_VERIFIED)
		pc_cli_json_add_uint(o, "rootKeyId", v->root_key_id);
	pc_cli_json_add_uint(o, "pathLength", v->path_len);
	if (v->checkpoint.type == PC_JREC_CHECKPOINT) {
		c = cJSON_AddObjectToObject(o, "checkpoint");
		pc_cli_json_add_uint(c, "seq", v->checkpoint.seq);
		pc_cli_json_add_int(c, "time", v->checkpoint.time);
		pc_cli_json_add_hex(c, "journalId", v->checkpoint.u.checkpoint.journal_id,
				    PC_JOURNAL_ID_LEN);
		pc_cli_json_add_uint(c, "keyId", v->checkpoint.u.checkpoint.key_id);
	}
	if (v->record.type == PC_JREC_DECISION)
		cJSON_AddItemToObject(o, "record", pc_cli_journal_record_json(&v->record));
	return o;
}

static int verify_bundle(const char *path, const pc_root *roots, size_t nroots,
			 const pc_journal_key *k)
{
	pc_evidence_verifier *x = calloc(1, sizeof *x);
	pc_evidence_verdict *v = calloc(1, sizeof *v);
	uint8_t *buf = NULL;
	size_t n = 0;
	int rc = x == NULL || v == NULL ? pc_cli_fail(PC_ERR_INTERNAL, "out of memory") :
		 pc_cli_slurp(path, PC_EVIDENCE_MAX_LEN, &buf, &n);

	if (rc == 0 && pc_evidence_verify(x, buf, n, roots, nroots, k, v) != PC_OK)
		rc = pc_cli_fail(PC_ERR_INTERNAL, "cannot verify");
	if (rc == 0)
		rc = pc_cli_print_json(verdict_json(path, v));
	if (rc == 0 && v->result != PC_OK)
		rc = pc_cli_fail(v->result, "%s: does not verify (%s)", path,
				 pc_evidence_fault_name(v->fault));
	free(buf);
	free(x);
	free(v);
	return rc;
}

static int cmd_verify(int argc, char **argv)
{
	pc_cli_opt o[2] = { { .name = "journal-key" }, { .name = "roots" } };
	pc_root roots[PC_MAX_ROOTS];
	pc_journal_key k;
	pc_cli_pos pos;
	size_t nroots = 0;
	int rc = pc_cli_opts(argc, argv, o, 2, &pos, 1, USAGE, CMD);

	if (rc < 0 && (pos.n != 1 || o[0].value == NULL))
		rc = pc_cli_usage_error(CMD, "verify needs one BUNDLE and --journal-key");
	if (rc < 0 && (pc_cli_journal_key_load(o[0].value, &k) != 0 ||
		       (o[1].value != NULL && load_roots(o[1].value, roots, &nroots) != 0)))
		rc = 1;
	if (rc < 0)
		rc = verify_bundle(pos.arg[0], roots, nroots, &k);
	return rc;
}

/* ---- receipt */

static cJSON *receipt_json(const pc_receipt *r)
{
	cJSON *o = cJSON_CreateObject();
	uint8_t tok[8];

	cJSON_AddBoolToObject(o, "verified", 1);
	pc_cli_json_add_hex(o, "journalId", r->journal_id, PC_JOURNAL_ID_LEN);
	pc_cli_json_add_uint(o, "keyId", r->key_id);
	pc_cli_json_add_uint(o, "seq", r->seq);
	pc_cli_json_add_int(o, "time", r->time);
	pc_cli_json_add_hex(o, "leaf", r->leaf, 32);
	pc_cli_json_add_hex(o, "digest", r->digest, 32);
	pc_cli_put_be64(tok, r->token_id);
	pc_cli_json_add_hex(o, "token", tok, 8);
	pc_cli_json_add_int(o, "amount", r->amount);
	pc_cli_json_add_uint(o, "currency", r->currency);
	cJSON_AddStringToObject(o, "riskLevel", pc_risk_level_name(r->level));
	cJSON_AddStringToObject(o, "txn", r->txn_id);
	cJSON_AddStringToObject(o, "merchant", r->merchant_id);
	cJSON_AddStringToObject(o, "terminal", r->terminal_id);
	return o;
}

static int cmd_receipt(int argc, char **argv)
{
	pc_cli_opt o[1] = { { .name = "journal-key" } };
	pc_journal_key k;
	pc_receipt r;
	pc_cli_pos pos;
	uint8_t *buf = NULL;
	size_t n = 0;
	pc_err err;
	int rc = pc_cli_opts(argc, argv, o, 1, &pos, 1, USAGE, CMD);

	if (rc < 0 && (pos.n != 1 || o[0].value == NULL))
		rc = pc_cli_usage_error(CMD, "receipt needs one RECEIPT and --journal-key");
	if (rc < 0 && (pc_cli_journal_key_load(o[0].value, &k) != 0 ||
		       pc_cli_slurp(pos.arg[0], PC_RECEIPT_MAX_LEN, &buf, &n) != 0))
		rc = 1;
	if (rc < 0) {
		err = pc_receipt_verify(buf, n, &k, &r);
		rc = err != PC_OK ? pc_cli_fail(err, "%s: the receipt does not verify",
						pos.arg[0]) :
		     pc_cli_print_json(receipt_json(&r));
	}
	free(buf);
	return rc;
}

int pc_cli_evidence(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(USAGE, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "export") == 0)
		return cmd_export(argc - 1, argv + 1);
	if (strcmp(argv[1], "verify") == 0)
		return cmd_verify(argc - 1, argv + 1);
	if (strcmp(argv[1], "receipt") == 0)
		return cmd_receipt(argc - 1, argv + 1);
	return pc_cli_usage_error(CMD, "unknown subcommand '%s'", argv[1]);
}
