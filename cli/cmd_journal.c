/*
 * paycode journal init | verify | show | checkpoint | event | receipt: the
 * tamper-evident journal of decisions (include/paycode/journal.h,
 * docs/SPEC-journal.md, docs/FILES.md §8), and the `code verify --journal`
 * integration (pc_cli_journal_*).
 *
 * A journal FILE is a storage object of the POSIX port on FILE's folder;
 * its checkpoint key is key-N.p256 in that folder (the port's key store).
 * Commands that write take an exclusive lock on FILE.lock (docs/FILES.md
 * §0), so one writer appends at a time.
 *
 * Exit status: 0 success (verify: intact); 1 invalid input, a journal that
 * does not verify (verify prints the first bad record), or a failure;
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
	"usage: paycode journal init FILE --key-id N --pub-out PUB.json [--every N]\n"
	"                            [--seconds S] [--writer ID] [--now UNIX] [--force]\n"
	"       paycode journal verify FILE [--key PUB.json]\n"
	"       paycode journal show FILE [--seq N | --txn ID]\n"
	"       paycode journal checkpoint FILE [--now UNIX]\n"
	"       paycode journal event FILE --kind lost|police|other --token HEX16\n"
	"                             [--ref ID] [--at UNIX] [--now UNIX]\n"
	"       paycode journal receipt FILE (--seq N | --txn ID) --out RECEIPT\n"
	"                               [--force]\n"
	"\n"
	"init:       create a journal: the checkpoint key N in FILE's folder (made\n"
	"            when absent, key-N.p256), its public key in PUB.json; a\n"
	"            checkpoint every N records (default 64) or S seconds (300)\n"
	"verify:     check every record, the hash chain and, with --key, every\n"
	"            checkpoint signature; print a JSON summary (exit 0), or the\n"
	"            first bad record (exit 1)\n"
	"show:       print records as JSON lines (all, or one by --seq / --txn)\n"
	"checkpoint: append a signed checkpoint now (evidence export needs one\n"
	"            after the record)\n"
	"event:      record a loss report (lost), a police report (police) or\n"
	"            another dated statement for a token (EV-05)\n"
	"receipt:    sign a receipt of an approved payment for the wallet\n"
	"code verify --journal FILE [--txn-id ID] [--receipt FILE] appends each\n"
	"decision (see paycode code --help).\n"
	"\n"
	"exit status: 0 success or intact, 1 failure or not intact, 2 usage error\n";

#define CMD "journal"

/* ---- a journal FILE on the POSIX port */

typedef struct jfile {
	char dir[PC_POSIX_DIR_MAX + 1];
	char name[PC_STORAGE_NAME_MAX + 1];
	const char *path;
	int plat_ok;
	int lock;
	pc_cli_platform cp;
} jfile;

/* Folder, platform (fixed clock when fixed) and, for writers, the lock. */
static int jf_open(jfile *f, const char *path, int lock, int fixed, pc_time now)
{
	f->lock = -1;
	f->path = path;
	if (pc_cli_journal_path(path, f->dir, sizeof f->dir, f->name, sizeof f->name) != 0 ||
	    pc_cli_platform_init(&f->cp, f->dir, fixed, now) != 0)
		return 1;
	f->plat_ok = 1;
	if (lock && (f->lock = pc_cli_lock(path)) < 0)
		return 1;
	return 0;
}

static void jf_close(jfile *f)
{
	pc_cli_unlock(f->lock);
	f->lock = -1;
	if (f->plat_ok)
		pc_cli_platform_wipe(&f->cp);
	f->plat_ok = 0;
}

/* The error of a journal that does not open for appending. */
static int open_fail(const char *path, pc_err err, const pc_journal_summary *s)
{
	if (err == PC_ERR_NOT_FOUND)
		return pc_cli_fail(err, "%s: no journal (create one with 'paycode journal "
				   "init')", path);
	if (err == PC_ERR_VERIFY || err == PC_ERR_TOO_LONG || err == PC_ERR_TRUNCATED)
		return pc_cli_fail(err, "%s: does not verify at record %" PRIu64 " (offset %"
				   PRIu64 ", %s): refusing to append", path, s->fault_index,
				   s->fault_offset, pc_journal_fault_name(s->fault));
	return pc_cli_fail(err, "%s: cannot open the journal", path);
}

/* Open the writer of f (heap). NULL after printing the error. */
static pc_journal *writer_open(const jfile *f)
{
	pc_journal *j = calloc(1, sizeof *j);
	pc_journal_summary s;
	pc_err err;

	if (j == NULL) {
		(void)pc_cli_fail(PC_ERR_INTERNAL, "out of memory");
		return NULL;
	}
	err = pc_journal_open(j, &f->cp.plat, f->name, &s);
	if (err != PC_OK) {
		(void)open_fail(f->path, err, &s);
		free(j);
		return NULL;
	}
	return j;
}

static void writer_close(pc_journal *j)
{
	pc_journal_wipe(j);
	free(j);
}

/* Find the record of seq (want_seq) or the last DECISION of txn. 0 with
 * *rec, or 1 after printing the error. */
static int find_record(const jfile *f, int want_seq, uint64_t seq, const char *txn,
		       pc_journal_record *rec)
{
	pc_journal_reader *r = calloc(1, sizeof *r);
	pc_journal_record cur;
	pc_err err = r == NULL ? PC_ERR_INTERNAL :
		     pc_journal_reader_init(r, &f->cp.plat, f->name, NULL);
	int found = 0;

	while (err == PC_OK && (err = pc_journal_reader_next(r, &cur)) == PC_OK) {
		if (want_seq ? cur.seq == seq :
		    cur.type == PC_JREC_DECISION && strcmp(cur.u.decision.txn_id, txn) == 0) {
			*rec = cur;
			found = 1;
			if (want_seq)
				break;
		}
	}
	pc_journal_reader_wipe(r);
	free(r);
	if (found)
		return 0;
	if (err != PC_ERR_NOT_FOUND && err != PC_OK)
		return pc_cli_fail(err, "%s: does not verify before the record was found",
				   f->path);
	if (want_seq)
		return pc_cli_fail(PC_ERR_NOT_FOUND, "%s: no record %" PRIu64, f->path, seq);
	return pc_cli_fail(PC_ERR_NOT_FOUND, "%s: no decision for transaction %s",
			   f->path, txn);
}

/* --seq N or --txn ID (exactly one): -1 to go on, else the exit status. */
static int which_record(const pc_cli_opt *seq_o, const pc_cli_opt *txn_o, int required,
			int *want_seq, uint64_t *seq)
{
	if (seq_o->value != NULL && txn_o->value != NULL)
		return pc_cli_usage_error(CMD, "give --seq or --txn, not both");
	if (required && seq_o->value == NULL && txn_o->value == NULL)
		return pc_cli_usage_error(CMD, "--seq N or --txn ID is required");
	*want_seq = seq_o->value != NULL;
	return pc_cli_opt_u64(seq_o, CMD, (uint64_t)INT64_MAX, seq);
}

/* ---- init */

enum { I_KEYID, I_PUB, I_EVERY, I_SECONDS, I_WRITER, I_NOW, I_FORCE, I_N };

static int init_options(pc_cli_opt *o, pc_journal_cfg *c)
{
	int rc;

	pc_journal_cfg_default(c);
	if (o[I_KEYID].value == NULL || o[I_PUB].value == NULL)
		return pc_cli_usage_error(CMD, "init needs --key-id and --pub-out");
	rc = pc_cli_opt_u32(&o[I_KEYID], CMD, UINT32_MAX, &c->key_id);
	if (rc < 0)
		rc = pc_cli_opt_u32(&o[I_EVERY], CMD, PC_JOURNAL_EVERY_MAX, &c->every);
	if (rc < 0)
		rc = pc_cli_opt_u32(&o[I_SECONDS], CMD, PC_JOURNAL_SECONDS_MAX, &c->seconds);
	if (rc < 0 && c->every == 0)
		rc = pc_cli_usage_error(CMD, "--every must be 1..%u",
					(unsigned)PC_JOURNAL_EVERY_MAX);
	if (rc < 0 && o[I_WRITER].value != NULL) {
		if (strlen(o[I_WRITER].value) > PC_RISK_ID_MAX)
			return pc_cli_usage_error(CMD, "--writer: at most %u characters",
						  (unsigned)PC_RISK_ID_MAX);
		memcpy(c->writer_id, o[I_WRITER].value, strlen(o[I_WRITER].value) + 1);
	}
	return rc;
}

/* The checkpoint key: the key store's, made when it has none. */
static int init_key(const pc_platform *p, pc_journal_key *k, uint32_t id)
{
	pc_err err = p->key_public(p->ctx, id, k->pub, sizeof k->pub);

	k->key_id = id;
	if (err == PC_ERR_NOT_FOUND)
		err = p->key_generate(p->ctx, id, PC_KEY_SUITE_P256, k->pub, sizeof k->pub);
	if (err != PC_OK)
		return pc_cli_fail(err, "cannot make or read checkpoint key %u",
				   (unsigned)id);
	return 0;
}

static int init_create(jfile *f, const pc_journal_cfg *c, const char *pub, int force)
{
	pc_journal *j = calloc(1, sizeof *j);
	uint8_t id[PC_JOURNAL_ID_LEN];
	pc_journal_key k;
	pc_err err;
	cJSON *o;

	if (j == NULL)
		return pc_cli_fail(PC_ERR_INTERNAL, "out of memory");
	if (init_key(&f->cp.plat, &k, c->key_id) != 0 ||
	    pc_cli_journal_key_save(pub, &k, force) != 0) {
		free(j);
		return 1;
	}
	err = pc_journal_create(j, &f->cp.plat, f->name, c);
	if (err == PC_OK)
		err = pc_journal_id(j, id);
	writer_close(j);
	if (err != PC_OK) {
		(void)remove(pub);
		return pc_cli_fail(err, "%s: cannot create the journal%s", f->path,
				   err == PC_ERR_STALE ? " (it exists)" : "");
	}
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "journal", f->path);
	pc_cli_json_add_hex(o, "journalId", id, sizeof id);
	pc_cli_json_add_uint(o, "keyId", c->key_id);
	pc_cli_json_add_uint(o, "every", c->every);
	pc_cli_json_add_uint(o, "seconds", c->seconds);
	return pc_cli_print_json(o);
}

static int cmd_init(int argc, char **argv)
{
	pc_cli_opt o[I_N] = {
		{ .name = "key-id" }, { .name = "pub-out" }, { .name = "every" },
		{ .name = "seconds" }, { .name = "writer" }, { .name = "now" },
		{ .name = "force", .flag = 1 } };
	jfile f = { .lock = -1 };
	pc_journal_cfg c;
	pc_cli_pos pos;
	pc_time now = 0;
	int fixed = 0, rc = pc_cli_opts(argc, argv, o, I_N, &pos, 1, USAGE, CMD);

	if (rc < 0 && pos.n != 1)
		rc = pc_cli_usage_error(CMD, "init needs one FILE");
	if (rc < 0)
		rc = init_options(o, &c);
	if (rc < 0)
		rc = pc_cli_opt_time(&o[I_NOW], CMD, &now, &fixed);
	if (rc < 0)
		rc = jf_open(&f, pos.arg[0], 1, fixed, now) != 0 ? 1 :
		     init_create(&f, &c, o[I_PUB].value, o[I_FORCE].value != NULL);
	jf_close(&f);
	return rc;
}

/* ---- verify */

static cJSON *summary_json(const char *path, const pc_journal_summary *s, pc_err err)
{
	cJSON *o = cJSON_CreateObject(), *b;

	cJSON_AddStringToObject(o, "journal", path);
	cJSON_AddBoolToObject(o, "intact", err == PC_OK);
	pc_cli_json_add_uint(o, "records", s->records);
	pc_cli_json_add_uint(o, "bytes", s->bytes);
	pc_cli_json_add_uint(o, "decisions", s->decisions);
	pc_cli_json_add_uint(o, "checkpoints", s->checkpoints);
	pc_cli_json_add_uint(o, "events", s->events);
	pc_cli_json_add_uint(o, "resumes", s->resumes);
	pc_cli_json_add_uint(o, "tornBytes", s->torn_bytes);
	pc_cli_json_add_uint(o, "unsignedTail", s->unsigned_tail);
	if (s->checkpoints != 0)
		pc_cli_json_add_uint(o, "lastCheckpoint", s->last_checkpoint);
	cJSON_AddStringToObject(o, "signatures", s->signatures ? "checked" : "not checked");
	if (s->records != 0) {
		pc_cli_json_add_hex(o, "journalId", s->journal_id, PC_JOURNAL_ID_LEN);
		pc_cli_json_add_uint(o, "keyId", s->key_id);
		cJSON_AddStringToObject(o, "writer", s->writer_id);
		pc_cli_json_add_hex(o, "head", s->head, 32);
	}
	if (err != PC_OK) {
		b = cJSON_AddObjectToObject(o, "firstBadRecord");
		pc_cli_json_add_uint(b, "index", s->fault_index);
		pc_cli_json_add_uint(b, "offset", s->fault_offset);
		cJSON_AddStringToObject(b, "fault", pc_journal_fault_name(s->fault));
		cJSON_AddStringToObject(b, "error", pc_err_name(err));
	}
	return o;
}

static int cmd_verify(int argc, char **argv)
{
	pc_cli_opt o[1] = { { .name = "key" } };
	pc_journal_reader *r = NULL;
	jfile f = { .lock = -1 };
	pc_journal_summary s;
	pc_journal_key k;
	pc_cli_pos pos;
	pc_err err = PC_OK;
	int rc = pc_cli_opts(argc, argv, o, 1, &pos, 1, USAGE, CMD);

	if (rc < 0 && pos.n != 1)
		rc = pc_cli_usage_error(CMD, "verify needs one FILE");
	if (rc < 0 && o[0].value != NULL && pc_cli_journal_key_load(o[0].value, &k) != 0)
		rc = 1;
	if (rc < 0 && jf_open(&f, pos.arg[0], 0, 0, 0) != 0)
		rc = 1;
	if (rc < 0 && (r = calloc(1, sizeof *r)) == NULL)
		rc = pc_cli_fail(PC_ERR_INTERNAL, "out of memory");
	if (rc < 0) {
		err = pc_journal_verify(r, &f.cp.plat, f.name, o[0].value != NULL ? &k : NULL,
					&s);
		rc = pc_cli_print_json(summary_json(f.path, &s, err));
		if (err != PC_OK)
			rc = pc_cli_fail(err, "%s: %s at record %" PRIu64 " (offset %" PRIu64 ")",
					 f.path, pc_journal_fault_name(s.fault), s.fault_index,
					 s.fault_offset);
	}
	pc_journal_reader_wipe(r);
	free(r);
	jf_close(&f);
	return rc;
}

/* ---- show */

static int print_line(cJSON *o)
{
	char *text = o != NULL ? cJSON_PrintUnformatted(o) : NULL;
	int bad = text == NULL || puts(text) < 0;

	free(text);
	cJSON_Delete(o);
	return bad ? pc_cli_fail(PC_ERR_STORAGE, "cannot write") : 0;
}

static int show_all(const jfile *f, int want_seq, uint64_t seq, const char *txn)
{
	pc_journal_reader *r = calloc(1, sizeof *r);
	pc_journal_record rec;
	pc_err err = r == NULL ? PC_ERR_INTERNAL :
		     pc_journal_reader_init(r, &f->cp.plat, f->name, NULL);
	int rc = 0;

	while (rc == 0 && err == PC_OK && (err = pc_journal_reader_next(r, &rec)) == PC_OK)
		if ((!want_seq && txn == NULL) || (want_seq && rec.seq == seq) ||
		    (txn != NULL && rec.type == PC_JREC_DECISION &&
		     strcmp(rec.u.decision.txn_id, txn) == 0))
			rc = print_line(pc_cli_journal_record_json(&rec));
	if (rc == 0 && err != PC_ERR_NOT_FOUND)
		rc = pc_cli_fail(err, "%s: %s at record %" PRIu64 " (offset %" PRIu64 ")",
				 f->path, pc_journal_fault_name(r->sum.fault),
				 r->sum.fault_index, r->sum.fault_offset);
	else if (rc == 0 && r->sum.fault == PC_JF_EMPTY)
		rc = pc_cli_fail(PC_ERR_NOT_FOUND, "%s: no journal", f->path);
	pc_journal_reader_wipe(r);
	free(r);
	return rc;
}

static int cmd_show(int argc, char **argv)
{
	pc_cli_opt o[2] = { { .name = "seq" }, { .name = "txn" } };
	jfile f = { .lock = -1 };
	pc_cli_pos pos;
	uint64_t seq = 0;
	int want_seq = 0, rc = pc_cli_opts(argc, argv, o, 2, &pos, 1, USAGE, CMD);

	if (rc < 0 && pos.n != 1)
		rc = pc_cli_usage_error(CMD, "show needs one FILE");
	if (rc < 0)
		rc = which_record(&o[0], &o[1], 0, &want_seq, &seq);
	if (rc < 0)
		rc = jf_open(&f, pos.arg[0], 0, 0, 0) != 0 ? 1 :
		     show_all(&f, want_seq, seq, o[1].value);
	jf_close(&f);
	return rc;
}

/* ---- checkpoint, event */

/* Print {"seq": N, key: value...} for an appended record. */
static int print_appended(const char *what, const pc_journal_info *info)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "appended", what);
	pc_cli_json_add_uint(o, "seq", info->seq);
	pc_cli_json_add_uint(o, "offset", info->offset);
	return pc_cli_print_json(o);
}

static int cmd_checkpoint(int argc, char **argv)
{
	pc_cli_opt o[1] = { { .name = "now" } };
	jfile f = { .lock = -1 };
	pc_journal_info info;
	pc_journal *j = NULL;
	pc_cli_pos pos;
	pc_time now = 0;
	pc_err err;
	int fixed = 0, rc = pc_cli_opts(argc, argv, o, 1, &pos, 1, USAGE, CMD);

	if (rc < 0 && pos.n != 1)
		rc = pc_cli_usage_error(CMD, "checkpoint needs one FILE");
	if (rc < 0)
		rc = pc_cli_opt_time(&o[0], CMD, &now, &fixed);
	if (rc < 0 && (jf_open(&f, pos.arg[0], 1, fixed, now) != 0 ||
		       (j = writer_open(&f)) == NULL))
		rc = 1;
	if (rc < 0) {
		err = pc_journal_checkpoint(j, &info);
		rc = err != PC_OK ? pc_cli_fail(err, "%s: cannot append a checkpoint", f.path) :
		     print_appended("CHECKPOINT", &info);
	}
	if (j != NULL)
		writer_close(j);
	jf_close(&f);
	return rc;
}

enum { E_KIND, E_TOKEN, E_REF, E_AT, E_NOW, E_N };

static int event_options(pc_cli_opt *o, unsigned *kind, uint64_t *token, pc_time *at,
			 pc_time *now, int *fixed)
{
	const char *k = o[E_KIND].value;
	uint8_t tok[8];
	int rc, at_given = 0;

	if (k == NULL || o[E_TOKEN].value == NULL)
		return pc_cli_usage_error(CMD, "event needs --kind and --token");
	*kind = strcmp(k, "lost") == 0 ? PC_JEV_REPORTED_LOST :
		strcmp(k, "police") == 0 ? PC_JEV_POLICE_REPORT :
		strcmp(k, "other") == 0 ? PC_JEV_OTHER : 0;
	if (*kind == 0)
		return pc_cli_usage_error(CMD, "--kind must be lost, police or other");
	if (strlen(o[E_TOKEN].value) != 16 || pc_cli_unhex(o[E_TOKEN].value, tok, 8) != 0)
		return pc_cli_usage_error(CMD, "--token must be 16 hex digits");
	*token = pc_cli_get_be64(tok);
	rc = pc_cli_opt_time(&o[E_NOW], CMD, now, fixed);
	if (rc < 0)
		rc = pc_cli_opt_time(&o[E_AT], CMD, at, &at_given);
	if (rc < 0 && !at_given && !*fixed && pc_cli_clock(now) != 0)
		rc = 1;
	if (rc < 0 && !at_given)
		*at = *now;
	return rc;
}

static int cmd_event(int argc, char **argv)
{
	pc_cli_opt o[E_N] = { { .name = "kind" }, { .name = "token" }, { .name = "ref" },
			      { .name = "at" }, { .name = "now" } };
	jfile f = { .lock = -1 };
	pc_journal_info info;
	pc_journal *j = NULL;
	pc_cli_pos pos;
	pc_time now = 0, at = 0;
	uint64_t token = 0;
	unsigned kind = 0;
	pc_err err;
	int fixed = 0, rc = pc_cli_opts(argc, argv, o, E_N, &pos, 1, USAGE, CMD);

	if (rc < 0 && pos.n != 1)
		rc = pc_cli_usage_error(CMD, "event needs one FILE");
	if (rc < 0)
		rc = event_options(o, &kind, &token, &at, &now, &fixed);
	if (rc < 0 && (jf_open(&f, pos.arg[0], 1, fixed, now) != 0 ||
		       (j = writer_open(&f)) == NULL))
		rc = 1;
	if (rc < 0) {
		err = pc_journal_event(j, kind, token, at, o[E_REF].value, &info);
		rc = err != PC_OK ? pc_cli_fail(err, "%s: cannot append the event%s", f.path,
						err == PC_ERR_INVALID_ARG ?
						" (--ref: [A-Za-z0-9._:-], at most 32)" : "") :
		     print_appended("EVENT", &info);
	}
	if (j != NULL)
		writer_close(j);
	jf_close(&f);
	return rc;
}

/* ---- receipt */

static int write_receipt(const pc_journal *j, const pc_journal_record *rec,
			 const char *out, int force)
{
	uint8_t buf[PC_RECEIPT_MAX_LEN];
	pc_journal_info info;
	size_t n = 0;
	pc_err err;

	memset(&info, 0, sizeof info);
	info.seq = rec->seq;
	info.time = rec->time;
	memcpy(info.leaf, rec->leaf, 32);
	err = pc_receipt_sign(j, &rec->u.decision, &info, buf, sizeof buf, &n);
	if (err != PC_OK)
		return pc_cli_fail(err, "cannot sign a receipt for record %" PRIu64 "%s",
				   rec->seq, err == PC_ERR_INVALID_ARG ?
				   " (receipts are for approved payments)" : "");
	return pc_cli_write_atomic(out, buf, n, PC_CLI_MODE_PUBLIC, force);
}

static int cmd_receipt(int argc, char **argv)
{
	pc_cli_opt o[4] = { { .name = "seq" }, { .name = "txn" }, { .name = "out" },
			    { .name = "force", .flag = 1 } };
	pc_journal_record rec;
	jfile f = { .lock = -1 };
	pc_journal *j = NULL;
	pc_cli_pos pos;
	uint64_t seq = 0;
	int want_seq = 0, rc = pc_cli_opts(argc, argv, o, 4, &pos, 1, USAGE, CMD);

	if (rc < 0 && (pos.n != 1 || o[2].value == NULL))
		rc = pc_cli_usage_error(CMD, "receipt needs one FILE and --out");
	if (rc < 0)
		rc = which_record(&o[0], &o[1], 1, &want_seq, &seq);
	if (rc < 0 && (jf_open(&f, pos.arg[0], 1, 0, 0) != 0 ||
		       (j = writer_open(&f)) == NULL ||
		       find_record(&f, want_seq, seq, o[1].value, &rec) != 0))
		rc = 1;
	if (rc < 0 && rec.type != PC_JREC_DECISION)
		rc = pc_cli_fail(PC_ERR_NOT_FOUND, "record %" PRIu64 " is not a decision",
				 rec.seq);
	if (rc < 0)
		rc = write_receipt(j, &rec, o[2].value, o[3].value != NULL);
	if (j != NULL)
		writer_close(j);
	jf_close(&f);
	return rc;
}

/* ---- code verify --journal */

struct pc_cli_journal_writer {
	jfile f;
	pc_journal j;
};

pc_cli_journal_writer *pc_cli_journal_open(const char *path, int fixed, pc_time now)
{
	pc_cli_journal_writer *jr = calloc(1, sizeof *jr);
	pc_journal_summary s;
	pc_err err;

	if (jr == NULL) {
		(void)pc_cli_fail(PC_ERR_INTERNAL, "out of memory");
		return NULL;
	}
	jr->f.lock = -1;
	if (jf_open(&jr->f, path, 1, fixed, now) != 0) {
		pc_cli_journal_close(jr);
		return NULL;
	}
	err = pc_journal_open(&jr->j, &jr->f.cp.plat, jr->f.name, &s);
	if (err != PC_OK) {
		(void)open_fail(path, err, &s);
		pc_cli_journal_close(jr);
		return NULL;
	}
	return jr;
}

int pc_cli_journal_decision(pc_cli_journal_writer *jr, const char *txn_id, pc_mode mode,
			    const pc_code_params *params, const pc_decision *d,
			    const pc_txn *txn, const pc_risk_outcome *outcome,
			    const char *code, size_t len, const char *receipt_path)
{
	pc_journal_record rec;
	pc_journal_info info;
	pc_err err;

	memset(&rec, 0, sizeof rec);
	err = pc_journal_entry_fill(&rec.u.decision, txn_id, mode, params, d, txn, outcome);
	if (err != PC_OK)
		return pc_cli_fail(err, "cannot journal this decision (--txn-id: "
				   "[A-Za-z0-9._:-], at most %u)", (unsigned)PC_RISK_ID_MAX);
	err = pc_journal_append(&jr->j, &rec.u.decision, &info);
	if (err != PC_OK)
		return pc_cli_fail(err, "%s: cannot append the decision", jr->f.path);
	if (pc_cli_codes_keep(&jr->f.cp.plat, jr->f.name, info.seq, code, len) != 0)
		return 1;
	if (receipt_path == NULL || rec.u.decision.verdict != PC_APPROVE)
		return 0;
	rec.type = PC_JREC_DECISION;
	rec.seq = info.seq;
	rec.time = info.time;
	memcpy(rec.leaf, info.leaf, 32);
	return write_receipt(&jr->j, &rec, receipt_path, 0);
}

void pc_cli_journal_close(pc_cli_journal_writer *jr)
{
	if (jr == NULL)
		return;
	pc_journal_wipe(&jr->j);
	jf_close(&jr->f);
	free(jr);
}

int pc_cli_journal(int argc, char **argv)
{
	static const struct { const char *name; int (*fn)(int, char **); } sub[] = {
		{ "init", cmd_init }, { "verify", cmd_verify }, { "show", cmd_show },
		{ "checkpoint", cmd_checkpoint }, { "event", cmd_event },
		{ "receipt", cmd_receipt } };
	size_t i;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(USAGE, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	for (i = 0; i < sizeof sub / sizeof sub[0]; i++)
		if (strcmp(argv[1], sub[i].name) == 0)
			return sub[i].fn(argc - 1, argv + 1);
	return pc_cli_usage_error(CMD, "unknown subcommand '%s'", argv[1]);
}
