/*
 * paycode: evidence for disputes and insurance claims (ARCHITECTURE §5;
 * cn-payment-rules EV-01..EV-05; docs/SPEC.md §7, drafted in
 * docs/SPEC-journal.md).
 *
 *   journal   an append-only storage object of framed records, hash-
 *             chained (EV-01): h_i = H(h_{i-1} || H(canonical(record_i)))
 *             with domain strings. Record 0 is a genesis naming the journal
 *             (random ID), its checkpoint key and policy. A DECISION record
 *             holds what EV-03 asks for one authorisation: the code digest
 *             (never the code or a secret), certificate serial, terminal
 *             and merchant IDs, amount, currency, time, decision, reason,
 *             risk level and factor classes, liability flag and hook trail.
 *             Every `every` records or `seconds` seconds a CHECKPOINT
 *             record signs the chain head through the platform key store
 *             (key_sign). EVENT records keep loss and police reports
 *             (EV-05). RESUME records account for torn appends.
 *   reader    streams a journal through storage_read with a fixed window:
 *             memory is bounded whatever the journal's size. It checks
 *             every frame, the chain, the sequence and, given the public
 *             key, every checkpoint signature, and locates the first fault
 *             (record index and byte offset).
 *   receipt   a signed statement of one approved payment for the wallet.
 *   evidence  a bundle for one transaction: the code text, the device
 *             certificate, the DECISION record (terminal request, decision,
 *             level, factors), and an inclusion proof (the leaf digests
 *             of the records after it) up to a signed checkpoint; verified
 *             offline against provider roots and the journal key, with a
 *             verdict on who bears the loss.
 *
 * Crash safety: every record is one storage_append; a journal is created
 * with one storage_write_atomic. After a crash at any point the complete
 * records form a prefix that verifies; an incomplete last record is a torn
 * tail, which a reader reports (PC_ERR_TRUNCATED, PC_JF_TORN) and never
 * accepts, and which the writer's next open accounts for with a chained
 * RESUME record (which every later verification reports) before it
 * appends anything else.
 *
 * Contexts (pc_journal, pc_journal_reader, pc_evidence_verifier) are
 * caller-allocated and large (a few KB: PC_JOURNAL_WINDOW); they hold no
 * pointer into caller memory except the platform table, which must outlive
 * them, and are wiped with their _wipe functions. No heap. A context is not
 * thread-safe: one writer per journal (serialise appends in the caller);
 * separate contexts may be used concurrently. Nothing here is ISR-safe and
 * nothing handles secrets (codes are hashed by the caller; the checkpoint
 * key stays in the key store), so nothing here needs to be constant-time.
 *
 * Errors: a journal that does not verify gives PC_ERR_VERIFY (tampering,
 * decay) or PC_ERR_TRUNCATED (a torn tail), with the details in a
 * pc_journal_summary; storage faults give PC_ERR_STORAGE, key-store faults
 * PC_ERR_KEYSTORE.
 */
#ifndef PAYCODE_JOURNAL_H
#define PAYCODE_JOURNAL_H

#include "types.h"
#include "err.h"
#include "platform.h"
#include "code.h"
#include "risk.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- format constants (docs/SPEC-journal.md §7.2) ------------------------- */

/** Record format version. */
#define PC_JOURNAL_VERSION 1u
/** Length of a journal ID (random, from the genesis record). */
#define PC_JOURNAL_ID_LEN 16u
/** Record header: magic "PJ", version, type, body length, seq, time. */
#define PC_JOURNAL_HEADER_LEN 22u
/** Longest record (frame: header, body, CRC-32), in bytes. */
#define PC_JOURNAL_FRAME_MAX 1024u
/** Longest run of torn bytes one RESUME record may account for. */
#define PC_JOURNAL_TORN_MAX 2048u
/** Longest ID or reference text in a record (txn, merchant, terminal...). */
#define PC_JOURNAL_TEXT_MAX 64u
/** Most records between two checkpoints a writer may be configured for. */
#define PC_JOURNAL_EVERY_MAX 1024u
/** Longest time between checkpoints a writer may be configured for (1 day). */
#define PC_JOURNAL_SECONDS_MAX 86400u

/** Record types. Values are part of the format. */
typedef enum pc_journal_type {
	PC_JREC_GENESIS = 1,    /* record 0: journal ID, key, policy, writer */
	PC_JREC_DECISION = 2,   /* one authorisation (EV-03) */
	PC_JREC_CHECKPOINT = 3, /* signed chain head (EV-01) */
	PC_JREC_RESUME = 4,     /* torn bytes before this record, accounted for */
	PC_JREC_EVENT = 5       /* loss report, police report (EV-05) */
} pc_journal_type;

/** EVENT kinds (EV-05). Values are part of the format. */
typedef enum pc_journal_event_kind {
	PC_JEV_REPORTED_LOST = 1, /* 挂失: the customer reported loss or theft */
	PC_JEV_POLICE_REPORT = 2, /* a police report, by reference */
	PC_JEV_OTHER = 3          /* any other dated statement */
} pc_journal_event_kind;

/* ---- records -------------------------------------------------------------- */

/**
 * The content of a DECISION record: one authorisation as EV-03 and PC-03
 * ask. Text fields are NUL-terminated, at most PC_RISK_ID_MAX characters
 * from [A-Za-z0-9._:-]; trail names are printable ASCII. Fill it with
 * pc_journal_entry_fill().
 */
typedef struct pc_journal_entry {
	char txn_id[PC_RISK_ID_MAX + 1]; /* the terminal's transaction ID; may be "" */
	uint8_t mode;            /* pc_mode of the validator */
	uint32_t ttl, skew;      /* the validator's parameters (time and its skew) */
	uint8_t digest[32];      /* SHA-256 of the code text (pc_decision.digest) */
	uint8_t form;            /* pc_form; 0 when the form could not be told */
	uint8_t token_known;     /* 1: token_id is meaningful */
	uint64_t token_id;
	uint64_t cert_serial;    /* qr-offline: the device certificate's serial */
	uint32_t counter;
	pc_time gen_time;        /* the time the code states (>= 0) */
	uint8_t code_flags;      /* PC_CODE_F_* */
	uint8_t consumed;        /* 1: this validation consumed the code */
	uint8_t code_verdict;    /* pc_verdict of pc_validate() */
	uint8_t code_reason;     /* pc_reason of pc_validate() */
	uint8_t verdict;         /* pc_verdict acted on (risk outcome) */
	uint16_t risk_reason;    /* pc_risk_reason */
	uint8_t method;          /* pc_risk_method (STEP_UP) */
	uint8_t level;           /* pc_risk_level */
	uint8_t factors;         /* PC_FACTOR_* classes used (types, never values) */
	uint8_t liability;       /* 1 for level C (PC-03) */
	uint8_t has_txn;         /* 1: txn holds the terminal request */
	pc_txn txn;
	uint8_t trail_len;
	pc_risk_step trail[PC_RISK_MAX_HOOKS];
} pc_journal_entry;

/**
 * Fill a DECISION entry from a validation and, when hooks ran, the risk
 * outcome.
 *
 * @param e        out; zeroised first.
 * @param txn_id   NUL-terminated, 0..PC_RISK_ID_MAX chars of
 *                 [A-Za-z0-9._:-]; NULL for "".
 * @param mode     the validator's mode.
 * @param params   the validator's parameters; NULL for the defaults.
 * @param d        the decision of pc_validate() or pc_authorize(). Not NULL.
 * @param txn      the terminal request (must pass pc_txn_check()), or NULL.
 * @param outcome  pc_authorize()'s outcome, or NULL when only pc_validate()
 *                 ran: the level is then that of the factors the code
 *                 proves (pc_risk_code_factors()), the verdict the code's,
 *                 the risk reason OK or CODE, and the trail empty.
 * @return PC_OK, PC_ERR_INVALID_ARG (NULL d or e, bad text, bad txn).
 * Reentrant.
 */
PC_MUST_CHECK pc_err pc_journal_entry_fill(pc_journal_entry *e, const char *txn_id,
					   pc_mode mode, const pc_code_params *params,
					   const pc_decision *d, const pc_txn *txn,
					   const pc_risk_outcome *outcome);

/** One decoded record, as a reader or a bundle parser sees it. */
typedef struct pc_journal_record {
	uint8_t type;            /* pc_journal_type */
	uint64_t seq;            /* its index in the journal, from 0 */
	pc_time time;            /* the writer's clock at append; -1: unknown */
	uint64_t offset;         /* byte offset of the frame (readers) */
	uint32_t length;         /* frame length in bytes */
	uint8_t leaf[32];        /* H(canonical(record)), its chain input */
	union {
		struct {
			uint8_t journal_id[PC_JOURNAL_ID_LEN];
			uint32_t key_id;
			uint8_t suite;
			uint32_t every;
			uint32_t seconds;
			char writer_id[PC_JOURNAL_TEXT_MAX + 1];
		} genesis;
		pc_journal_entry decision;
		struct {
			uint8_t journal_id[PC_JOURNAL_ID_LEN];
			uint8_t head[32];     /* h_{seq-1}: records 0..seq-1 */
			uint32_t key_id;
			uint8_t suite;
			uint8_t sig[64];
		} checkpoint;
		struct {
			uint64_t torn_at;     /* offset of the torn bytes */
			uint32_t torn_len;    /* 1..PC_JOURNAL_TORN_MAX */
			uint8_t digest[32];   /* SHA-256 of those bytes */
		} resume;
		struct {
			uint8_t kind;         /* pc_journal_event_kind */
			uint64_t token_id;
			pc_time when;         /* when it was reported (>= 0) */
			char ref[PC_JOURNAL_TEXT_MAX + 1];
		} event;
	} u;
} pc_journal_record;

/** "GENESIS", "DECISION", "CHECKPOINT", "RESUME", "EVENT"; "?" otherwise. */
const char *pc_journal_type_name(unsigned type);
/** "REPORTED_LOST", "POLICE_REPORT", "OTHER"; "?" otherwise. */
const char *pc_journal_event_name(unsigned kind);

/* ---- verification ------------------------------------------------------------ */

/** A journal's public checkpoint key (suite 1, P-256). */
typedef struct pc_journal_key {
	uint32_t key_id;
	uint8_t pub[PC_P256_PUB_LEN];
} pc_journal_key;

/** What is wrong at the first bad record. Values are stable. */
typedef enum pc_journal_fault {
	PC_JF_NONE = 0,
	PC_JF_TORN = 1,       /* the journal ends inside a record: a torn append */
	PC_JF_FRAME = 2,      /* bad magic, version, type, length or CRC-32, and
			       * more bytes follow (not a torn tail) */
	PC_JF_SYNTAX = 3,     /* a frame whose body is not canonical */
	PC_JF_SEQ = 4,        /* sequence number other than the record's index */
	PC_JF_GENESIS = 5,    /* no genesis first, or a genesis elsewhere */
	PC_JF_CHAIN = 6,      /* a checkpoint's head or journal ID does not match
			       * the records before it */
	PC_JF_SIGNATURE = 7,  /* a checkpoint signature does not verify */
	PC_JF_KEY = 8,        /* a checkpoint names another key ID or suite */
	PC_JF_LIMIT = 9,      /* a record exceeds this build's limits */
	PC_JF_STORAGE = 10,   /* storage_read failed */
	PC_JF_EMPTY = 11      /* no such object, or an empty one */
} pc_journal_fault;

/** "NONE", "TORN", "FRAME", ...; "?" otherwise. */
const char *pc_journal_fault_name(unsigned fault);

/** The outcome of reading a journal (so far). */
typedef struct pc_journal_summary {
	pc_err err;              /* PC_OK while intact */
	uint8_t fault;           /* pc_journal_fault of the first bad record */
	uint64_t fault_index;    /* its index (the expected sequence number) */
	uint64_t fault_offset;   /* its byte offset */
	uint64_t records;        /* records that verified */
	uint64_t bytes;          /* bytes they and the torn runs they resolve span */
	uint64_t decisions, checkpoints, resumes, events;
	uint64_t torn_bytes;     /* bytes accounted for by RESUME records */
	uint64_t first_resume;   /* index of the first RESUME (when resumes > 0) */
	uint64_t last_checkpoint;/* index of the last checkpoint (when any) */
	uint64_t unsigned_tail;  /* records after the last checkpoint */
	uint8_t signatures;      /* 1: checkpoint signatures were checked */
	pc_time first_time, last_time; /* first and last known record times; -1 */
	uint8_t journal_id[PC_JOURNAL_ID_LEN];
	uint32_t key_id;         /* from the genesis */
	uint32_t every, seconds; /* checkpoint policy, from the genesis */
	char writer_id[PC_JOURNAL_TEXT_MAX + 1];
	uint8_t head[32];        /* chain head after the last good record */
} pc_journal_summary;

/** A streaming journal reader. Fields reserved; about PC_JOURNAL_WINDOW + 1 KB. */
typedef struct pc_journal_reader {
	const pc_platform *plat;
	char name[PC_STORAGE_NAME_MAX + 1];
	uint8_t has_key;
	pc_journal_key key;
	uint64_t off;            /* offset of the next record */
	uint64_t seq;            /* index of the next record */
	uint8_t head[32];        /* h_{seq-1} */
	uint8_t stopped;         /* 1: clean end or a fault reached */
	pc_journal_summary sum;
	uint64_t frame_off;      /* the last record returned: offset, length */
	uint32_t frame_len;
	uint64_t win_off;        /* the window: bytes [win_off, win_off + win_len) */
	size_t win_len;
	uint8_t win_ok;          /* 1: the window holds what storage held */
	uint8_t win[PC_JOURNAL_WINDOW];
} pc_journal_reader;

/**
 * Start reading journal `name` from its beginning.
 *
 * @param r     caller-allocated; overwritten.
 * @param plat  storage_read required; retained (must outlive r).
 * @param name  storage object name (pc_platform_name_ok()); copied.
 * @param key   the checkpoint key, or NULL to check the chain only (the
 *              summary then says signatures were not checked); copied.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_UNSUPPORTED (no storage_read),
 *   PC_ERR_BAD_KEY (key not on the curve). Reads nothing yet.
 */
PC_MUST_CHECK pc_err pc_journal_reader_init(pc_journal_reader *r,
					    const pc_platform *plat,
					    const char *name,
					    const pc_journal_key *key);

/**
 * Read and check the next record.
 *
 * @param rec  out: the decoded record (may be NULL).
 * @return PC_OK (a record that verified, chained onto the ones before);
 *   PC_ERR_NOT_FOUND at a clean end; PC_ERR_TRUNCATED (torn tail) or
 *   PC_ERR_VERIFY (tampered or decayed) or PC_ERR_STORAGE or
 *   PC_ERR_TOO_LONG (PC_JF_LIMIT) at the first bad record, whose index,
 *   offset and kind are in the summary. Once it has returned anything but
 *   PC_OK it returns the same again. A RESUME record that accounts for torn
 *   bytes is returned like any record (its torn bytes are counted).
 */
PC_MUST_CHECK pc_err pc_journal_reader_next(pc_journal_reader *r,
					    pc_journal_record *rec);

/**
 * The frame of the record the last successful pc_journal_reader_next()
 * returned: a view into the reader's window, valid until the next call.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_NOT_FOUND (none yet).
 */
PC_MUST_CHECK pc_err pc_journal_reader_frame(const pc_journal_reader *r,
					     pc_cbuf *frame);

/** The summary so far (after the last call of _next). Not NULL. */
const pc_journal_summary *pc_journal_reader_summary(const pc_journal_reader *r);

/**
 * Read a whole journal and report (pc_journal_reader_init(), then _next()
 * to the end). Memory is r's window: bounded whatever the journal's size.
 *
 * @param sum  out: the summary, filled whatever the result.
 * @return PC_OK when every record verifies up to a clean end (records
 *   after the last checkpoint are counted in sum->unsigned_tail), else the
 *   error of the first bad record (see _next), or PC_ERR_NOT_FOUND for a
 *   missing or empty object (PC_JF_EMPTY), or an argument error of _init.
 */
PC_MUST_CHECK pc_err pc_journal_verify(pc_journal_reader *r, const pc_platform *plat,
				       const char *name, const pc_journal_key *key,
				       pc_journal_summary *sum);

/** Zeroise a reader (accepts NULL). */
void pc_journal_reader_wipe(pc_journal_reader *r);

/* ---- writing ------------------------------------------------------------------ */

/** A writer's policy; written into the genesis record. */
typedef struct pc_journal_cfg {
	uint32_t key_id;   /* checkpoint key in the platform key store (suite 1) */
	uint32_t every;    /* checkpoint after this many records, 1..PC_JOURNAL_EVERY_MAX */
	uint32_t seconds;  /* ... or this many seconds after the last one,
			    * 0 (off) ..PC_JOURNAL_SECONDS_MAX */
	char writer_id[PC_RISK_ID_MAX + 1]; /* terminal or provider ID; may be "" */
} pc_journal_cfg;

/** Defaults: key 1, every 64 records, 300 s, writer "". Accepts NULL. */
void pc_journal_cfg_default(pc_journal_cfg *c);

/** What one append did. */
typedef struct pc_journal_info {
	uint64_t seq;            /* index of the record appended */
	uint64_t offset;         /* its byte offset */
	pc_time time;            /* its time (-1: the clock was unknown) */
	uint8_t leaf[32];        /* its leaf digest (what receipts name) */
	uint8_t checkpointed;    /* 1: a checkpoint followed it */
	uint64_t checkpoint_seq; /* that checkpoint's index */
	pc_err checkpoint_err;   /* a due checkpoint that failed (retried first
				  * by the next append), else PC_OK */
} pc_journal_info;

/** The writer. Fields reserved; about 2 * PC_JOURNAL_WINDOW. */
typedef struct pc_journal {
	const pc_platform *plat;
	char name[PC_STORAGE_NAME_MAX + 1];
	pc_journal_cfg cfg;
	uint8_t journal_id[PC_JOURNAL_ID_LEN];
	uint64_t seq;            /* index of the next record */
	uint64_t end;            /* offset after the last good record */
	uint8_t head[32];        /* h_{seq-1} */
	uint64_t since_cp;       /* records since the last checkpoint */
	pc_time last_cp_time;    /* -1: unknown */
	uint8_t dirty;           /* an append failed: resynchronise first */
	uint8_t broken;          /* storage holds what no writer appended */
	uint32_t resumes;        /* RESUME records this writer appended */
	pc_journal_reader rd;    /* for open and resynchronisation */
	uint8_t frame[PC_JOURNAL_FRAME_MAX];
} pc_journal;

/**
 * Create a new journal: the genesis record and a first checkpoint signing
 * it, written with one storage_write_atomic (a crash leaves no journal or
 * this complete beginning).
 *
 * @param j     caller-allocated; overwritten.
 * @param plat  rng (journal ID), time_now (unknown time is written as -1),
 *              storage_read, storage_write_atomic, storage_append and
 *              key_sign required; retained.
 * @param name  storage object name; copied. The object must not exist.
 * @param cfg   NULL for the defaults; copied after checking.
 * @return PC_OK; PC_ERR_INVALID_ARG (bad arguments or cfg);
 *   PC_ERR_UNSUPPORTED (a hook is missing); PC_ERR_STALE (the object
 *   exists); PC_ERR_RNG; PC_ERR_KEYSTORE (no such key, or signing failed);
 *   PC_ERR_STORAGE. On error j is wiped.
 */
PC_MUST_CHECK pc_err pc_journal_create(pc_journal *j, const pc_platform *plat,
				       const char *name, const pc_journal_cfg *cfg);

/**
 * Open an existing journal for appending: read it all (O(size), bounded
 * memory), checking every record and the chain (not the signatures: the
 * writer holds no public key), and take the policy from its genesis. A
 * torn tail is accounted for at once with a RESUME record (when that
 * append fails, the next append retries it first).
 *
 * @param sum  out, may be NULL: what the scan found.
 * @return PC_OK; PC_ERR_INVALID_ARG; PC_ERR_UNSUPPORTED; PC_ERR_NOT_FOUND
 *   (no journal: create one); PC_ERR_VERIFY or PC_ERR_TOO_LONG (the
 *   journal does not verify before its tail: it is never appended to,
 *   see sum); PC_ERR_TRUNCATED (not even the genesis is whole);
 *   PC_ERR_STORAGE. A failed RESUME append is not an error here.
 *   On error j is wiped.
 */
PC_MUST_CHECK pc_err pc_journal_open(pc_journal *j, const pc_platform *plat,
				     const char *name, pc_journal_summary *sum);

/**
 * Append a DECISION record, durable when PC_OK is returned (one
 * storage_append). Before it: a pending resynchronisation after a failed
 * append, and an overdue checkpoint (every `every` records); a failure of
 * either returns its error and writes no record (no evidence without its
 * signature: fail closed). After it: a due checkpoint (every `every`
 * records or `seconds` seconds), whose failure is only reported in info.
 *
 * @param e     a filled entry (pc_journal_entry_fill()); not retained.
 * @param info  out, may be NULL.
 * @return PC_OK; PC_ERR_INVALID_ARG (bad entry); PC_ERR_TOO_LONG (the
 *   record would exceed PC_JOURNAL_FRAME_MAX); PC_ERR_STORAGE (the append
 *   failed: the record may or may not have landed; the next append first
 *   reads the tail back and resynchronises); PC_ERR_KEYSTORE; PC_ERR_VERIFY
 *   (storage holds bytes this writer did not append: stop).
 */
PC_MUST_CHECK pc_err pc_journal_append(pc_journal *j, const pc_journal_entry *e,
				       pc_journal_info *info);

/**
 * Append an EVENT record (EV-05), with the same rules as
 * pc_journal_append().
 * @param kind   pc_journal_event_kind.
 * @param token  the token concerned (0 if none).
 * @param when   when it was reported, Unix seconds >= 0.
 * @param ref    a reference (police report number...), 0..PC_RISK_ID_MAX
 *               chars of [A-Za-z0-9._:-]; NULL for "".
 */
PC_MUST_CHECK pc_err pc_journal_event(pc_journal *j, unsigned kind, uint64_t token,
				      pc_time when, const char *ref,
				      pc_journal_info *info);

/**
 * Append a checkpoint now (e.g. before an export, on shutdown, or from a
 * timer when `seconds` must hold without traffic).
 * @param info  out, may be NULL: seq of the checkpoint.
 * @return as pc_journal_append().
 */
PC_MUST_CHECK pc_err pc_journal_checkpoint(pc_journal *j, pc_journal_info *info);

/** The journal ID (genesis) into out. @return PC_OK, PC_ERR_INVALID_ARG. */
PC_MUST_CHECK pc_err pc_journal_id(const pc_journal *j,
				   uint8_t out[PC_JOURNAL_ID_LEN]);

/** Zeroise a writer (accepts NULL). Every acknowledged record is durable. */
void pc_journal_wipe(pc_journal *j);

/* ---- receipts --------------------------------------------------------------- */

/** Longest receipt (docs/SPEC-journal.md §7.6). */
#define PC_RECEIPT_MAX_LEN 384u

/** A decoded receipt. */
typedef struct pc_receipt {
	uint8_t suite;
	uint32_t key_id;
	uint8_t journal_id[PC_JOURNAL_ID_LEN];
	uint64_t seq;
	pc_time time;
	uint8_t leaf[32];        /* the DECISION record's leaf digest */
	uint8_t digest[32];      /* the code's digest */
	uint64_t token_id;
	int64_t amount;
	uint16_t currency;
	uint8_t level;
	char txn_id[PC_JOURNAL_TEXT_MAX + 1];
	char merchant_id[PC_JOURNAL_TEXT_MAX + 1];
	char terminal_id[PC_JOURNAL_TEXT_MAX + 1];
	uint8_t sig[64];
} pc_receipt;

/**
 * Sign a receipt for an APPROVED decision just appended, with the
 * journal's checkpoint key (key_sign): the wallet keeps it as proof that
 * record `info->seq` of this journal holds its payment.
 *
 * @param j     the writer that appended e.
 * @param e     the entry appended; its verdict must be APPROVE.
 * @param info  that append's info (seq, leaf).
 * @param out   cap bytes (PC_RECEIPT_MAX_LEN suffices); *out_len set.
 * @return PC_OK, PC_ERR_INVALID_ARG (not approved...), PC_ERR_TIME_UNKNOWN,
 *   PC_ERR_BUFFER_TOO_SMALL, PC_ERR_KEYSTORE, PC_ERR_UNSUPPORTED.
 */
PC_MUST_CHECK pc_err pc_receipt_sign(const pc_journal *j, const pc_journal_entry *e,
				     const pc_journal_info *info, uint8_t *out,
				     size_t cap, size_t *out_len);

/**
 * Decode a receipt and verify its signature with the journal key.
 * @param out  out, may be NULL.
 * @return PC_OK; PC_ERR_INVALID_ARG; PC_ERR_TRUNCATED or PC_ERR_VERIFY
 *   (malformed); PC_ERR_NOT_FOUND (key ID is not key->key_id);
 *   PC_ERR_BAD_KEY; PC_ERR_VERIFY (bad signature).
 */
PC_MUST_CHECK pc_err pc_receipt_verify(const uint8_t *in, size_t len,
				       const pc_journal_key *key, pc_receipt *out);

/* ---- evidence bundles ------------------------------------------------------- */

/** Most leaf digests in a bundle's inclusion path (the item length is 16 bits). */
#define PC_EVIDENCE_PATH_MAX 2047u
/** Longest bundle. */
#define PC_EVIDENCE_MAX_LEN (5u + 3u + PC_QR_CODE_MAX_LEN + 3u + PC_CERT_LEN + \
			     3u + 32u + 3u + PC_JOURNAL_FRAME_MAX + \
			     3u + 32u * PC_EVIDENCE_PATH_MAX + 3u + PC_JOURNAL_FRAME_MAX)

/**
 * Export the evidence bundle of DECISION record `seq`: the code text (its
 * SHA-256 must be the record's digest), the device certificate (taken from
 * a qr-offline code, else `cert` when given), the chain head before the
 * record, the record, the leaf digests of the records after it, and the
 * first checkpoint after it. Streams the journal with r (bounded memory)
 * and writes straight into out.
 *
 * @param r      caller-allocated reader (working memory).
 * @param code   the code text, or NULL (the bundle then lacks it: a
 *               verifier counts that against the institution).
 * @param cert   a PC_CERT_LEN device certificate, or NULL.
 * @param out    cap bytes (PC_EVIDENCE_MAX_LEN suffices); *out_len set.
 * @return PC_OK; PC_ERR_INVALID_ARG (bad arguments, a cert that is not
 *   the code's); PC_ERR_VERIFY (the code's digest is not the record's; or
 *   the journal does not verify up to the checkpoint); PC_ERR_NOT_FOUND (no
 *   record seq, not a DECISION, or no checkpoint after it yet: write one
 *   with pc_journal_checkpoint()); PC_ERR_CAPACITY (more than
 *   PC_EVIDENCE_PATH_MAX records to the checkpoint); PC_ERR_TRUNCATED;
 *   PC_ERR_BUFFER_TOO_SMALL; PC_ERR_STORAGE.
 */
PC_MUST_CHECK pc_err pc_evidence_export(pc_journal_reader *r, const pc_platform *plat,
					const char *name, uint64_t seq,
					const char *code, size_t code_len,
					const uint8_t *cert, uint8_t *out, size_t cap,
					size_t *out_len);

/** How one piece of evidence stands. Values are stable. */
typedef enum pc_evidence_status {
	PC_EVS_VERIFIED = 0,       /* checked offline by the verifier */
	PC_EVS_ATTESTED = 1,       /* present, bound by the journal signature, but
				    * not checkable offline (an online code's
				    * OTP or MAC needs the provider's keys) */
	PC_EVS_MISSING = 2,        /* absent from the bundle */
	PC_EVS_NOT_APPLICABLE = 3, /* not needed (e.g. no payment was approved) */
	PC_EVS_INVALID = 4         /* present and wrong */
} pc_evidence_status;

/** What makes a bundle fail. Values are stable. */
typedef enum pc_evidence_fault {
	PC_EVF_NONE = 0,
	PC_EVF_MALFORMED = 1,   /* not a bundle (magic, version, items) */
	PC_EVF_RECORD = 2,      /* the record does not decode or is inconsistent */
	PC_EVF_CHECKPOINT = 3,  /* the checkpoint frame does not decode */
	PC_EVF_PROOF = 4,       /* the path does not lead to the checkpoint's head */
	PC_EVF_KEY = 5,         /* the checkpoint names another key */
	PC_EVF_SIGNATURE = 6,   /* the checkpoint signature does not verify */
	PC_EVF_CODE_DIGEST = 7, /* the code is not the one the record names */
	PC_EVF_CODE = 8,        /* the code does not verify, or says other
				 * things than the record */
	PC_EVF_CERT = 9         /* the certificate does not verify or fit */
} pc_evidence_fault;

/** Who bears a loss under the rules of docs/SPEC-journal.md §7.8. */
typedef enum pc_loss_bearer {
	PC_LOSS_NONE = 0,        /* no payment was approved: no loss */
	PC_LOSS_INSTITUTION = 1, /* the issuer or payment institution */
	PC_LOSS_CUSTOMER = 2     /* the institution has met its burden of proof */
} pc_loss_bearer;

/** Why. Values are stable. */
typedef enum pc_loss_basis {
	PC_BASIS_NOT_APPROVED = 0,        /* the decision was not APPROVE */
	PC_BASIS_LEVEL_C = 1,             /* PC-03: C level, liability flag */
	PC_BASIS_EVIDENCE_INVALID = 2,    /* SPC 2021: the evidence fails */
	PC_BASIS_EVIDENCE_MISSING = 3,    /* SPC 2021: the code was not kept */
	PC_BASIS_AUTHORISED_VERIFIED = 4, /* device signature checked offline */
	PC_BASIS_AUTHORISED_ATTESTED = 5  /* online code, attested by the journal */
} pc_loss_basis;

/** "none", "institution", "customer"; "?" otherwise. */
const char *pc_loss_bearer_name(unsigned b);
/** "NOT_APPROVED", "LEVEL_C", ...; "?" otherwise. */
const char *pc_loss_basis_name(unsigned b);
/** "verified", "attested", "missing", "not-applicable", "invalid"; "?". */
const char *pc_evidence_status_name(unsigned s);
/** "NONE", "MALFORMED", ...; "?" otherwise. */
const char *pc_evidence_fault_name(unsigned f);

/** The verdict on one bundle. */
typedef struct pc_evidence_verdict {
	pc_err result;           /* PC_OK: the bundle verifies */
	uint8_t fault;           /* pc_evidence_fault (PC_EVF_NONE when verified) */
	uint8_t proof;           /* pc_evidence_status: inclusion + signature */
	uint8_t code;            /* ... the code */
	uint8_t cert;            /* ... the certificate chain */
	uint32_t root_key_id;    /* the certificate's issuer (when a cert) */
	uint64_t path_len;       /* leaf digests in the path */
	pc_journal_record record;     /* the DECISION record (when it decoded) */
	pc_journal_record checkpoint; /* the checkpoint (when it decoded) */
	uint8_t bearer;          /* pc_loss_bearer */
	uint8_t basis;           /* pc_loss_basis */
} pc_evidence_verdict;

/** Working memory of pc_evidence_verify(). Fields reserved. */
typedef struct pc_evidence_verifier {
	pc_validator v;
	pc_platform plat;
	pc_store store;
	pc_time now;
} pc_evidence_verifier;

/**
 * Verify a bundle offline (docs/SPEC-journal.md §7.7) and say who bears a
 * loss (§7.8): structure; record; inclusion proof to the checkpoint's
 * head; checkpoint key and signature; code digest; for a qr-offline code,
 * the terminal's offline validation replayed at the record's time under
 * `roots` (certificate chain and device signature) and compared with the
 * record; an online code is checked against the record where it can be.
 *
 * @param x      working memory; overwritten.
 * @param in     len bytes; not retained.
 * @param roots  trusted provider roots (nroots 0..PC_MAX_ROOTS).
 * @param key    the journal's checkpoint key. Not NULL.
 * @param out    the verdict, always filled when PC_OK is returned.
 * @return PC_OK when a verdict was reached (read out->result: PC_OK when
 *   the bundle verifies, else PC_ERR_VERIFY or PC_ERR_TRUNCATED with
 *   out->fault); PC_ERR_INVALID_ARG for bad arguments.
 */
PC_MUST_CHECK pc_err pc_evidence_verify(pc_evidence_verifier *x, const uint8_t *in,
					size_t len, const pc_root *roots, size_t nroots,
					const pc_journal_key *key,
					pc_evidence_verdict *out);

#ifdef __cplusplus
}
#endif
#endif /* PAYCODE_JOURNAL_H */
