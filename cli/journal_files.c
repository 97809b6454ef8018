/*
 * paycode CLI: what the journal and evidence commands share (docs/FILES.md
 * §8): the journal's path on the POSIX port, its public key file, the code
 * attachments kept next to it, and records as JSON.
 *
 * A journal FILE is a storage object of the POSIX port whose folder is the
 * file's folder: the checkpoint key is that port's key-N.p256 in the same
 * folder (ports/posix), so the key never leaves the key store.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cjson/cJSON.h>

#include <paycode/crypto.h>

#include "cli.h"
#include "files.h"

#define TYPE_PUB "paycode-journal-pub"
#define CODES_SUFFIX ".codes"

int pc_cli_journal_path(const char *path, char *dir, size_t dcap, char *name,
			size_t ncap)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash != NULL ? slash + 1 : path;
	size_t dlen = slash == NULL ? 1 : slash == path ? 1 : (size_t)(slash - path);
	size_t n = strlen(base);

	if (!pc_platform_name_ok(base) || n + strlen(CODES_SUFFIX) > PC_STORAGE_NAME_MAX ||
	    n >= ncap || (n > 5 && strcmp(base + n - 5, ".p256") == 0) || dlen >= dcap)
		return pc_cli_fail(PC_ERR_INVALID_ARG, "%s: a journal's file name is 1..%u "
				   "characters of [A-Za-z0-9._-], not ending in .p256",
				   path, (unsigned)(PC_STORAGE_NAME_MAX - strlen(CODES_SUFFIX)));
	memcpy(name, base, n + 1);
	if (slash == NULL)
		memcpy(dir, ".", 2);
	else if (slash == path)
		memcpy(dir, "/", 2);
	else {
		memcpy(dir, path, dlen);
		dir[dlen] = '\0';
	}
	return 0;
}

/* ---- the public key file */

int pc_cli_journal_key_load(const char *path, pc_journal_key *k)
{
	uint32_t suite = 0;
	cJSON *o = pc_cli_json_load(path, TYPE_PUB);
	int rc;

	memset(k, 0, sizeof *k);
	if (o == NULL)
		return 1;
	rc = pc_cli_json_u32(o, path, "suite", 255, &suite) != 0 ||
	     pc_cli_json_u32(o, path, "keyId", UINT32_MAX, &k->key_id) != 0 ||
	     pc_cli_json_bytes(o, path, "public", k->pub, sizeof k->pub) != 0;
	pc_cli_json_free(o);
	if (rc != 0)
		return 1;
	if (suite != PC_SUITE_1)
		return pc_cli_fail(PC_ERR_INVALID_ARG, "%s: unsupported suite %u", path,
				   (unsigned)suite);
	if (pc_p256_check_public(k->pub) != PC_OK)
		return pc_cli_fail(PC_ERR_BAD_KEY, "%s: \"public\" is not a P-256 point", path);
	return 0;
}

int pc_cli_journal_key_save(const char *path, const pc_journal_key *k, int force)
{
	cJSON *o = cJSON_CreateObject();
	int rc = o == NULL || !cJSON_AddStringToObject(o, "type", TYPE_PUB) ||
		 pc_cli_json_add_uint(o, "suite", PC_SUITE_1) != 0 ||
		 pc_cli_json_add_uint(o, "keyId", k->key_id) != 0 ||
		 pc_cli_json_add_hex(o, "public", k->pub, sizeof k->pub) != 0;

	if (rc == 0)
		rc = pc_cli_json_save(o, path, PC_CLI_MODE_PUBLIC, force);
	else
		rc = pc_cli_fail(PC_ERR_INTERNAL, "out of memory");
	cJSON_Delete(o);
	return rc;
}

/* ---- code attachments: "SEQ CODE\n" lines in NAME.codes */

/* A code text that can be kept on one line. */
static int keepable(const char *code, size_t len)
{
	size_t i;

	if (len == 0 || len > PC_QR_CODE_MAX_LEN)
		return 0;
	for (i = 0; i < len; i++)
		if (code[i] <= ' ' || code[i] > '~')
			return 0;
	return 1;
}

int pc_cli_codes_keep(const pc_platform *plat, const char *name, uint64_t seq,
		      const char *code, size_t len)
{
	char obj[PC_STORAGE_NAME_MAX + 1], line[32 + PC_QR_CODE_MAX_LEN];
	int n;

	if (!keepable(code, len))
		return 0; /* not a code: nothing to keep */
	snprintf(obj, sizeof obj, "%s%s", name, CODES_SUFFIX);
	n = snprintf(line, sizeof line, "%" PRIu64 " %.*s\n", seq, (int)len, code);
	if (n < 0 || (size_t)n >= sizeof line ||
	    plat->storage_append(plat->ctx, obj, (const uint8_t *)line, (size_t)n) != PC_OK)
		return pc_cli_fail(PC_ERR_STORAGE, "cannot keep the code in %s", obj);
	pc_wipe(line, sizeof line);
	return 0;
}

/* The decimal number at p[0..n): its value and length (0: none). */
static size_t number(const uint8_t *p, size_t n, uint64_t *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < n && i < 19 && p[i] >= '0' && p[i] <= '9'; i++)
		*v = *v * 10u + (uint64_t)(p[i] - '0');
	return i;
}

int pc_cli_codes_find(const char *path, uint64_t seq, char *out, size_t cap,
		      size_t *len)
{
	uint8_t *text = NULL;
	size_t n = 0, at = 0, e, d;
	uint64_t s;
	int found = 0;

	*len = 0;
	if (access(path, F_OK) != 0)
		return 0; /* no code was kept */
	if (pc_cli_slurp(path, 64u << 20, &text, &n) != 0)
		return -1;
	for (; at < n; at = e + 1) {
		for (e = at; e < n && text[e] != '\n'; e++)
			;
		d = number(text + at, e - at, &s);
		if (e == n || d == 0 || text[at + d] != ' ' || s != seq ||
		    e - at - d - 1 >= cap)
			continue;
		*len = e - at - d - 1;
		memcpy(out, text + at + d + 1, *len);
		out[*len] = '\0';
		found = 1; /* the last line for seq wins */
	}
	pc_wipe(text, n);
	free(text);
	return found;
}

/* ---- records as JSON */

static cJSON *factor_names(unsigned f)
{
	static const char *const names[] = { "knowledge", "otp", "cert", "biometric" };
	cJSON *a = cJSON_CreateArray();
	size_t i;

	for (i = 0; a != NULL && i < 4; i++)
		if (f & (1u << i))
			cJSON_AddItemToArray(a, cJSON_CreateString(names[i]));
	return a;
}

static cJSON *trail_json(const pc_journal_entry *e)
{
	cJSON *a = cJSON_CreateArray(), *h;
	size_t i;

	for (i = 0; a != NULL && i < e->trail_len; i++) {
		h = cJSON_CreateObject();
		cJSON_AddStringToObject(h, "name", e->trail[i].name);
		cJSON_AddStringToObject(h, "decision", pc_verdict_name(e->trail[i].verdict));
		cJSON_AddStringToObject(h, "reason", pc_risk_reason_name(e->trail[i].reason));
		cJSON_AddItemToArray(a, h);
	}
	return a;
}

static void txn_json(cJSON *o, const pc_journal_entry *e)
{
	cJSON *loc;

	if (!e->has_txn) {
		cJSON_AddNullToObject(o, "amount");
		return;
	}
	pc_cli_json_add_int(o, "amount", e->txn.amount);
	pc_cli_json_add_uint(o, "currency", e->txn.currency);
	pc_cli_json_add_uint(o, "mcc", e->txn.mcc);
	cJSON_AddStringToObject(o, "merchant", e->txn.merchant_id);
	cJSON_AddStringToObject(o, "terminal", e->txn.terminal_id);
	cJSON_AddBoolToObject(o, "offline", e->txn.offline != 0);
	if (!e->txn.has_location) {
		cJSON_AddNullToObject(o, "location");
		return;
	}
	loc = cJSON_AddObjectToObject(o, "location");
	pc_cli_json_add_int(loc, "latE6", e->txn.lat);
	pc_cli_json_add_int(loc, "lonE6", e->txn.lon);
}

static void decision_json(cJSON *o, const pc_journal_entry *e)
{
	uint8_t tok[8];

	cJSON_AddStringToObject(o, "txn", e->txn_id);
	cJSON_AddStringToObject(o, "mode", e->mode == PC_MODE_TERMINAL ? "terminal" : "provider");
	cJSON_AddStringToObject(o, "decision", pc_verdict_name(e->verdict));
	cJSON_AddStringToObject(o, "codeDecision", pc_verdict_name(e->code_verdict));
	cJSON_AddStringToObject(o, "reason", pc_reason_name(e->code_reason));
	cJSON_AddStringToObject(o, "riskReason", pc_risk_reason_name(e->risk_reason));
	if (e->verdict == PC_STEP_UP)
		cJSON_AddStringToObject(o, "stepUp", pc_risk_method_name(e->method));
	cJSON_AddStringToObject(o, "riskLevel", pc_risk_level_name(e->level));
	cJSON_AddItemToObject(o, "factors", factor_names(e->factors));
	cJSON_AddBoolToObject(o, "liability", e->liability != 0);
	if (e->form != 0)
		cJSON_AddStringToObject(o, "form", pc_form_name(e->form));
	else
		cJSON_AddNullToObject(o, "form");
	pc_cli_put_be64(tok, e->token_id);
	if (e->token_known)
		pc_cli_json_add_hex(o, "token", tok, 8);
	else
		cJSON_AddNullToObject(o, "token");
	pc_cli_json_add_uint(o, "certSerial", e->cert_serial);
	pc_cli_json_add_uint(o, "counter", e->counter);
	pc_cli_json_add_int(o, "codeTime", e->gen_time);
	pc_cli_json_add_uint(o, "codeFlags", e->code_flags);
	cJSON_AddBoolToObject(o, "consumed", e->consumed != 0);
	pc_cli_json_add_hex(o, "digest", e->digest, 32);
	pc_cli_json_add_uint(o, "ttl", e->ttl);
	pc_cli_json_add_uint(o, "skew", e->skew);
	txn_json(o, e);
	cJSON_AddItemToObject(o, "hooks", trail_json(e));
}

static void other_json(cJSON *o, const pc_journal_record *r)
{
	uint8_t tok[8];

	switch (r->type) {
	case PC_JREC_GENESIS:
		pc_cli_json_add_hex(o, "journalId", r->u.genesis.journal_id, PC_JOURNAL_ID_LEN);
		pc_cli_json_add_uint(o, "keyId", r->u.genesis.key_id);
		pc_cli_json_add_uint(o, "every", r->u.genesis.every);
		pc_cli_json_add_uint(o, "seconds", r->u.genesis.seconds);
		cJSON_AddStringToObject(o, "writer", r->u.genesis.writer_id);
		break;
	case PC_JREC_CHECKPOINT:
		pc_cli_json_add_hex(o, "head", r->u.checkpoint.head, 32);
		pc_cli_json_add_uint(o, "keyId", r->u.checkpoint.key_id);
		break;
	case PC_JREC_RESUME:
		pc_cli_json_add_uint(o, "tornAt", r->u.resume.torn_at);
		pc_cli_json_add_uint(o, "tornBytes", r->u.resume.torn_len);
		break;
	case PC_JREC_EVENT:
		cJSON_AddStringToObject(o, "event", pc_journal_event_name(r->u.event.kind));
		pc_cli_put_be64(tok, r->u.event.token_id);
		pc_cli_json_add_hex(o, "token", tok, 8);
		pc_cli_json_add_int(o, "at", r->u.event.when);
		cJSON_AddStringToObject(o, "ref", r->u.event.ref);
		break;
	default:
		break;
	}
}

cJSON *pc_cli_journal_record_json(const pc_journal_record *r)
{
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	pc_cli_json_add_uint(o, "seq", r->seq);
	pc_cli_json_add_uint(o, "offset", r->offset);
	cJSON_AddStringToObject(o, "type", pc_journal_type_name(r->type));
	if (r->time >= 0)
		pc_cli_json_add_int(o, "time", r->time);
	else
		cJSON_AddNullToObject(o, "time");
	if (r->type == PC_JREC_DECISION)
		decision_json(o, &r->u.decision);
	else
		other_json(o, r);
	return o;
}
