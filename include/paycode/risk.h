/*
 * paycode: the risk engine (ARCHITECTURE §3; cn-payment-rules PC-01..PC-03,
 * TS-03; docs/SPEC.md §3.6, §3.7).
 *
 * After a code has passed the cryptographic, time, revocation and replay
 * checks of pc_validate() (and so has been consumed), the risk engine runs
 * registered hooks in order over the transaction: the first hook that does
 * not approve decides, and every hook that ran is reported in a bounded
 * trail. pc_authorize() chains the two.
 *
 *   level     pc_risk_level_of(): PBOC 296号 levels A-D from the factor
 *             classes used and the code kind (PC-01).
 *   hooks     {name, fn, cfg}: fn sees the code's decision, the
 *             transaction, the factors, the level, the store and the time,
 *             and answers APPROVE, DECLINE(reason), STEP_UP(method) or
 *             REFER_ONLINE with a pc_risk_reason.
 *   built-ins daily cumulative limits per level (PC-02), velocity,
 *             deny/allow lists (黑名单/红名单), offline floor and cumulative
 *             offline amount, per-transaction caps per level, device
 *             binding, merchant-category rules; all configured by one
 *             pc_risk_config, which pc_risk_config_parse() reads from text.
 *   outcome   verdict, reason, level, factors and the C-level liability
 *             flag (PC-03), with the trail.
 *
 * Contexts (pc_risk_engine, pc_risk_config, pc_risk_outcome) are
 * caller-allocated, hold no interior pointers and may be copied; their
 * fields are readable but reserved (do not rely on their size). An engine
 * keeps the cfg pointers of its hooks: those must outlive it. No heap.
 * Nothing here handles secrets: no function is constant-time, none needs
 * to be. Nothing here is ISR-safe.
 */
#ifndef PAYCODE_RISK_H
#define PAYCODE_RISK_H

#include "types.h"
#include "err.h"
#include "code.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- verification factors and levels (PC-01) ---------------------------- */

/**
 * Verification factors used for a payment, as a bitmask. PBOC 公告〔2015〕
 * 第43号 (cn-payment-rules §1.1) groups them in three classes:
 *   class 1, knowledge:  PC_FACTOR_KNOWLEDGE (static password, PIN);
 *   class 2, possession: PC_FACTOR_OTP (an OTP over a secure channel, a
 *                        device key) and PC_FACTOR_CERT (a certified
 *                        digital certificate or electronic signature: a
 *                        possession factor of the stronger kind);
 *   class 3, biometric:  PC_FACTOR_BIOMETRIC.
 */
typedef uint32_t pc_factors;

#define PC_FACTOR_KNOWLEDGE 0x01u
#define PC_FACTOR_OTP       0x02u
#define PC_FACTOR_CERT      0x04u
#define PC_FACTOR_BIOMETRIC 0x08u
/** Every factor bit above. */
#define PC_FACTOR_ALL       0x0Fu
/**
 * Not a factor: asks pc_authorize() to add the factors the code itself
 * proves (pc_risk_code_factors()) to those the caller verified.
 */
#define PC_FACTOR_FROM_CODE 0x80u

/**
 * Number of distinct factor classes (0..3) in `f`; OTP and certificate are
 * one class. Bits outside PC_FACTOR_ALL are ignored.
 * Thread-safe, ISR-safe.
 */
unsigned pc_factor_classes(pc_factors f);

/**
 * The risk level of a payment, exactly as PC-01: a static code is D; a
 * dynamic code with at least two factor classes one of which is a
 * certificate or electronic signature is A; with at least two classes and
 * no certificate, B; otherwise (fewer than two classes) C. Password + SMS
 * OTP is therefore B, and OTP + certificate alone (one class) is C.
 *
 * @param factors      PC_FACTOR_* bits; others are ignored.
 * @param static_code  true for a static code (any factors: D).
 * @return PC_RISK_A .. PC_RISK_D. Pure: thread-safe, ISR-safe.
 */
pc_risk_level pc_risk_level_of(pc_factors factors, bool static_code);

/** "A", "B", "C", "D"; "?" for other values. */
const char *pc_risk_level_name(pc_risk_level l);

/**
 * The factors an approved code proves by itself, in paycode's mapping (a
 * deployment decision, not a regulatory classification): every code proves
 * the token key (PC_FACTOR_OTP); a qr-offline code is signed by a device
 * key under a provider certificate (PC_FACTOR_CERT); the code flags add
 * PC_FACTOR_BIOMETRIC (PC_CODE_F_UV_BIOMETRIC) and PC_FACTOR_KNOWLEDGE
 * (PC_CODE_F_UV_PIN), as claimed by the wallet that signed or MACed them;
 * a qr-offline code's biometric claim counts only when its certificate has
 * PC_CERT_F_BIOMETRIC (the provider accepted the device's biometrics).
 *
 * @param d  a decision; NULL or not APPROVE gives 0.
 */
pc_factors pc_risk_code_factors(const pc_decision *d);

/* ---- transactions --------------------------------------------------------- */

/** Largest amount, in minor units, anywhere in the risk engine (10^15). */
#define PC_RISK_AMOUNT_MAX 1000000000000000LL
/** ISO 4217 numeric code of the Chinese yuan. */
#define PC_CURRENCY_CNY 156u

/**
 * A payment being authorised (TS-03). Filled by the caller; the IDs are
 * NUL-terminated text of at most PC_RISK_ID_MAX characters from
 * [A-Za-z0-9._:-] and may be empty (an empty terminal ID is not counted by
 * the velocity hook).
 */
typedef struct pc_txn {
	int64_t amount;           /* minor units (fen for CNY): 1..PC_RISK_AMOUNT_MAX */
	uint16_t currency;        /* ISO 4217 numeric, 1..999 */
	uint16_t mcc;             /* ISO 18245 merchant category code, 0..9999 */
	char merchant_id[PC_RISK_ID_MAX + 1];
	char terminal_id[PC_RISK_ID_MAX + 1];
	uint8_t has_location;     /* 1: lat/lon are set */
	int32_t lat;              /* micro-degrees, -90,000,000..90,000,000 */
	int32_t lon;              /* micro-degrees, -180,000,000..180,000,000 */
	uint8_t offline;          /* 1: authorised without the provider */
} pc_txn;

/**
 * Check a transaction's fields against the ranges above.
 * @return PC_OK or PC_ERR_INVALID_ARG. Thread-safe.
 */
PC_MUST_CHECK pc_err pc_txn_check(const pc_txn *t);

/* ---- hooks ------------------------------------------------------------------ */

/** Reasons given by risk hooks. Values are part of the ABI. */
typedef enum pc_risk_reason {
	PC_RISK_R_OK = 0,
	PC_RISK_R_LIMIT_DAILY = 1,        /* daily cumulative limit of the level */
	PC_RISK_R_VELOCITY = 2,           /* too many codes in the window */
	PC_RISK_R_DENY_LISTED = 3,        /* token, device, merchant or terminal deny-listed */
	PC_RISK_R_OFFLINE_FLOOR = 4,      /* offline amount above the floor limit */
	PC_RISK_R_OFFLINE_CUMULATIVE = 5, /* offline total of the day above its limit */
	PC_RISK_R_AMOUNT_CAP = 6,         /* above the per-transaction cap of the level */
	PC_RISK_R_DEVICE_BINDING = 7,     /* token not bound to the device seen */
	PC_RISK_R_MCC_BLOCKED = 8,        /* merchant category blocked */
	PC_RISK_R_MCC_STEP_UP = 9,        /* merchant category needs another factor */
	PC_RISK_R_STORE_FAULT = 10,       /* the counter store failed: fail closed */
	PC_RISK_R_HOOK_FAULT = 11,        /* a hook failed or broke its contract */
	PC_RISK_R_CURRENCY = 12,          /* amount not in the configured currency */
	PC_RISK_R_CODE = 13,              /* the code was not approved: see pc_decision */
	PC_RISK_R_TIME_UNKNOWN = 14,      /* the platform cannot tell the time */
	PC_RISK_R_CUSTOM = 128            /* first value free for deployment hooks */
} pc_risk_reason;

/** e.g. "LIMIT_DAILY"; "CUSTOM" for 128..65535; "UNKNOWN" otherwise. */
const char *pc_risk_reason_name(pc_risk_reason r);

/** The extra verification a STEP_UP asks for. Values are part of the ABI. */
typedef enum pc_risk_method {
	PC_RISK_M_NONE = 0,
	PC_RISK_M_PIN = 1,        /* knowledge: payment password */
	PC_RISK_M_OTP = 2,        /* possession: OTP over a secure channel */
	PC_RISK_M_BIOMETRIC = 3,  /* biometric on the device */
	PC_RISK_M_CERT = 4        /* certificate / electronic signature */
} pc_risk_method;

/** "NONE", "PIN", "OTP", "BIOMETRIC", "CERT"; "UNKNOWN" otherwise. */
const char *pc_risk_method_name(pc_risk_method m);

/** The factor bit a method supplies (PC_RISK_M_PIN -> KNOWLEDGE, ...); 0 for NONE. */
pc_factors pc_risk_method_factor(pc_risk_method m);

/** What a hook sees. Read-only for hooks. */
typedef struct pc_risk_input {
	const pc_decision *decision; /* the approved code: token, form, serial, flags */
	const pc_txn *txn;
	pc_factors factors;          /* PC_FACTOR_* bits */
	bool static_code;            /* the code is static (level D) */
	bool offline;                /* offline authorisation: txn->offline, or a terminal */
	pc_risk_level level;         /* set by pc_risk_run() from factors/static_code */
	const pc_store *store;       /* counters; add_within may be NULL (counting hooks fail closed) */
	pc_time now;                 /* Unix seconds */
} pc_risk_input;

/** What a hook answers. */
typedef struct pc_risk_result {
	pc_verdict verdict;
	pc_risk_reason reason;
	pc_risk_method method;       /* STEP_UP only; else PC_RISK_M_NONE */
} pc_risk_result;

/**
 * A hook function: read `in` and `cfg`, write `out`, return PC_OK. The
 * engine fills *out with {DECLINE, HOOK_FAULT} before the call, so a hook
 * that forgets to answer fails closed. A hook returning an error declines:
 * STORE_FAULT for the store faults (PC_ERR_STORE_UNAVAILABLE,
 * PC_ERR_STORE_REPLY, PC_ERR_CAPACITY, PC_ERR_STORAGE), HOOK_FAULT for any
 * other error or for a verdict outside pc_verdict. A hook may be called
 * from several threads at once when the engine is shared.
 */
typedef pc_err (*pc_risk_fn)(const pc_risk_input *in, const void *cfg,
			     pc_risk_result *out);

/** A hook registration: name (1..PC_RISK_NAME_MAX chars), function, config. */
typedef struct pc_risk_hook {
	const char *name;  /* copied */
	pc_risk_fn fn;
	const void *cfg;   /* retained: must outlive the engine; may be NULL */
} pc_risk_hook;

/** Registered hooks, run in registration order. Fields reserved. */
typedef struct pc_risk_engine {
	uint8_t count;
	struct {
		char name[PC_RISK_NAME_MAX + 1];
		pc_risk_fn fn;
		const void *cfg;
	} hook[PC_RISK_MAX_HOOKS];
} pc_risk_engine;

/** One trail entry: a hook that ran and what it answered. */
typedef struct pc_risk_step {
	char name[PC_RISK_NAME_MAX + 1];
	pc_verdict verdict;
	pc_risk_reason reason;
	pc_risk_method method;
} pc_risk_step;

/**
 * The outcome of an authorisation: the verdict to act on, with what
 * PC-03 asks every authorisation record to keep (level, factors, and the
 * liability flag of C-level decisions: the institution bears the loss
 * unconditionally and in full).
 */
typedef struct pc_risk_outcome {
	pc_verdict verdict;
	pc_risk_reason reason;
	pc_risk_method method;       /* STEP_UP only */
	pc_risk_level level;
	pc_factors factors;          /* the factors the level was computed from */
	uint8_t liability;           /* 1 for level C (PC-03), whatever the verdict */
	uint8_t decided_by;          /* trail index of the deciding hook; 0xFF: none */
	uint8_t ran;                 /* entries used in trail */
	pc_risk_step trail[PC_RISK_MAX_HOOKS];
} pc_risk_outcome;

/** Empty an engine (accepts NULL). */
void pc_risk_engine_init(pc_risk_engine *e);

/**
 * Append a hook; hooks run in the order they were added.
 * @param h  name 1..PC_RISK_NAME_MAX chars (copied), fn not NULL, cfg as
 *           the hook needs (retained).
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_CAPACITY (PC_RISK_MAX_HOOKS).
 * Not thread-safe with respect to runs of the same engine.
 */
PC_MUST_CHECK pc_err pc_risk_engine_add(pc_risk_engine *e, const pc_risk_hook *h);

/**
 * Run the hooks in order over `in` (its level is recomputed from
 * in->factors and in->static_code). The first hook that does not approve
 * decides and no later hook runs (so no later counter counts a refused
 * payment); every hook that ran is in out->trail. No hook: APPROVE.
 *
 * @param in   decision (not NULL), txn (pc_txn_check() must pass), store
 *             (not NULL); not retained.
 * @param out  filled on PC_OK.
 * @return PC_OK (read out->verdict), PC_ERR_INVALID_ARG.
 * Thread-safe for concurrent runs of one engine when its hooks and their
 * stores are (the built-ins are, over pc_memstore with mutex hooks).
 */
PC_MUST_CHECK pc_err pc_risk_run(const pc_risk_engine *e, const pc_risk_input *in,
				 pc_risk_outcome *out);

/** Zeroise an engine (accepts NULL). */
void pc_risk_engine_wipe(pc_risk_engine *e);

/* ---- built-in hooks and their configuration ------------------------------ */

/** Sorted (strictly ascending) list of 64-bit IDs: tokens, device serials. */
typedef struct pc_risk_u64_list {
	uint16_t count;
	uint64_t v[PC_RISK_LIST_MAX];
} pc_risk_u64_list;

/** Sorted (strictly ascending, bytewise) list of merchant or terminal IDs. */
typedef struct pc_risk_id_list {
	uint16_t count;
	char v[PC_RISK_LIST_MAX][PC_RISK_ID_MAX + 1];
} pc_risk_id_list;

/** Sorted (strictly ascending) list of merchant category codes 0..9999. */
typedef struct pc_risk_mcc_list {
	uint16_t count;
	uint16_t v[PC_RISK_MCC_MAX];
} pc_risk_mcc_list;

/** Binary search in a sorted list. NULL lists and ids hold nothing. */
bool pc_risk_u64_list_has(const pc_risk_u64_list *l, uint64_t v);
bool pc_risk_id_list_has(const pc_risk_id_list *l, const char *id);
bool pc_risk_mcc_list_has(const pc_risk_mcc_list *l, uint16_t mcc);

/** PC-02 regulatory daily caps in fen (cn-payment-rules §1.1). */
#define PC_RISK_DAILY_B_MAX 500000LL
#define PC_RISK_DAILY_C_MAX 100000LL
#define PC_RISK_DAILY_D_MAX 50000LL

/**
 * Daily cumulative limits per level (PC-02). daily[PC_RISK_A] is agreed
 * with the customer, 0 = no limit; daily[B..D] are 1 .. the regulatory cap
 * (defaults: the caps, 5,000 / 1,000 / 500 CNY). The day is the calendar
 * day at a fixed offset from UTC (default +8 h, China Standard Time):
 * only fixed offsets are supported, no daylight-saving rules (China has
 * none since 1991); a deployment in a zone with DST must pick one offset.
 */
typedef struct pc_risk_limits_cfg {
	int64_t daily[4];       /* indexed by pc_risk_level */
	int32_t utc_offset;     /* seconds east of UTC, -12 h..+14 h, whole minutes */
} pc_risk_limits_cfg;

/**
 * Velocity: at most `max` codes per `window` seconds per token and per
 * terminal, in fixed windows aligned on Unix time (window index
 * floor(now / window)); max 0 turns a counter off.
 */
typedef struct pc_risk_velocity_cfg {
	uint32_t token_max, token_window;
	uint32_t terminal_max, terminal_window;
} pc_risk_velocity_cfg;

/**
 * Deny lists (黑名单) and allow lists (红名单). A deny hit on the token, the
 * device (the certificate serial of a qr-offline code), the merchant or the
 * terminal declines DENY_LISTED. An allow hit on any of them exempts the
 * payment from the velocity hook, and from nothing else: limits, caps,
 * offline limits, binding, MCC rules and the deny lists still apply, so
 * deny always wins over allow.
 */
typedef struct pc_risk_lists_cfg {
	pc_risk_u64_list deny_token, allow_token;
	pc_risk_u64_list deny_device, allow_device;
	pc_risk_id_list deny_merchant, allow_merchant;
	pc_risk_id_list deny_terminal, allow_terminal;
} pc_risk_lists_cfg;

/**
 * Offline limits (offline payments only: pc_risk_input.offline). An amount
 * above `floor` refers online (OFFLINE_FLOOR); the day's total of a
 * token's offline payments (same calendar day as the limits) above
 * `cumulative` refers online (OFFLINE_CUMULATIVE). 0..PC_RISK_AMOUNT_MAX;
 * a floor of 0 sends every offline payment online. Defaults 100 / 500 CNY.
 */
typedef struct pc_risk_offline_cfg {
	int64_t floor;
	int64_t cumulative;
} pc_risk_offline_cfg;

/**
 * Single-transaction caps per level, 0 = none (the default): an amount
 * above the cap of its level declines AMOUNT_CAP. This stands in for the
 * "amount cap carried in the code" of ARCHITECTURE §3: the code format
 * (SPEC §3.3) has no amount field yet, so the cap is configured here until
 * one is added.
 */
typedef struct pc_risk_caps_cfg {
	int64_t per_txn[4];     /* indexed by pc_risk_level */
} pc_risk_caps_cfg;

/**
 * Device binding: token -> certificate serial, sorted by token, one device
 * per token. A qr-offline code whose serial differs from its token's
 * binding declines DEVICE_BINDING. A bound token presenting a code without
 * a device (numeric, qr-online) declines only with require_device; a token
 * with no binding declines only with require_bound.
 */
typedef struct pc_risk_binding_cfg {
	uint16_t count;
	struct {
		uint64_t token;
		uint64_t serial;
	} bind[PC_RISK_BIND_MAX];
	uint8_t require_bound;  /* 0/1 */
	uint8_t require_device; /* 0/1 */
} pc_risk_binding_cfg;

/** Binding of `token` into *serial; false when the token has none. */
bool pc_risk_binding_find(const pc_risk_binding_cfg *b, uint64_t token,
			  uint64_t *serial);

/**
 * Merchant-category rules: an MCC in `block` declines MCC_BLOCKED; an
 * MCC in `step_up` asks STEP_UP(method) with MCC_STEP_UP unless the
 * payment's factors already include the method's factor
 * (pc_risk_method_factor()). Default method PIN.
 */
typedef struct pc_risk_mcc_cfg {
	pc_risk_mcc_list block;
	pc_risk_mcc_list step_up;
	pc_risk_method method;
} pc_risk_mcc_cfg;

/**
 * The configuration of every built-in hook. Each built-in hook takes a
 * `const pc_risk_config *` as its cfg and reads its own section (the
 * velocity hook also reads the allow lists). Amounts are minor units of
 * `currency`; the amount hooks (daily, offline, caps) decline CURRENCY for
 * a payment in any other currency.
 */
typedef struct pc_risk_config {
	uint16_t currency;      /* ISO 4217 numeric; default 156 (CNY) */
	pc_risk_limits_cfg limits;
	pc_risk_velocity_cfg velocity;
	pc_risk_lists_cfg lists;
	pc_risk_offline_cfg offline;
	pc_risk_caps_cfg caps;
	pc_risk_binding_cfg binding;
	pc_risk_mcc_cfg mcc;
} pc_risk_config;

/**
 * Fill the defaults: CNY; daily A none, B 500000, C 100000, D 50000 fen;
 * UTC+8; velocity off; empty lists; offline floor 10000, cumulative 50000;
 * no caps; no bindings, nothing required; no MCC rules, method PIN.
 * Accepts NULL.
 */
void pc_risk_config_default(pc_risk_config *c);

/**
 * Check every range and ordering rule stated on the types above.
 * @return PC_OK, PC_ERR_INVALID_ARG (NULL), PC_ERR_RISK_CONFIG.
 */
PC_MUST_CHECK pc_err pc_risk_config_check(const pc_risk_config *c);

/** Where a configuration text is malformed. */
typedef struct pc_risk_config_error {
	uint32_t line;     /* 1-based line number; 0 when no line is at fault */
	const char *what;  /* static English text, e.g. "unknown key" */
} pc_risk_config_error;

/**
 * Parse a risk configuration text into `c` (defaults first, then the
 * text's settings). Line-oriented, ASCII:
 *
 *     # comment (also after a value)        blank lines are ignored
 *     key = value
 *
 *   currency            = 156               ISO 4217 numeric, 1..999
 *   daily.A             = 0                 fen; 0 = no limit
 *   daily.B|C|D         = 500000            fen, 1 .. 500000|100000|50000
 *   utc_offset          = +08:00            [+-]HH:MM, -12:00 .. +14:00
 *   velocity.token      = 10/60             N codes per W seconds
 *   velocity.terminal   = 100/60            (N 0..1000000, 0 = off;
 *                                            W 1..2678400)
 *   deny.token, allow.token                 16 hex digits each
 *   deny.device, allow.device               certificate serials, decimal
 *   deny.merchant, allow.merchant           IDs, 1..PC_RISK_ID_MAX of
 *   deny.terminal, allow.terminal             [A-Za-z0-9._:-]
 *   offline.floor       = 10000             fen, 0 .. 10^15
 *   offline.cumulative  = 50000             fen, 0 .. 10^15
 *   cap.A|B|C|D         = 0                 fen, 0 = no cap
 *   bind                = TOKEN:SERIAL      16 hex digits ':' decimal
 *   bind.require_bound  = no                yes|no
 *   bind.require_device = no                yes|no
 *   mcc.block           = 7995              MCCs, 0..9999
 *   mcc.step_up         = 4829
 *   mcc.step_up_method  = pin               pin|otp|biometric|cert
 *
 * List keys (deny.*, allow.*, bind, mcc.block, mcc.step_up) take
 * comma-separated entries and may repeat, each line adding to the list;
 * an entry may appear once. Every other key may appear once. Lines end
 * with LF or CRLF and hold at most PC_RISK_LINE_MAX bytes; bytes other
 * than printable ASCII and tab are refused. Decimal numbers are digits
 * only (no sign, no spaces inside).
 *
 * @param text  len bytes, need not be NUL-terminated; not retained.
 * @param err   out, may be NULL: the line and cause of a refusal.
 * @return PC_OK; PC_ERR_RISK_CONFIG (c then holds the defaults, err says
 *   where); PC_ERR_INVALID_ARG (NULL c, or NULL text with len > 0).
 * Bounded: reads no byte at or past text[len], no recursion, no heap.
 */
PC_MUST_CHECK pc_err pc_risk_config_parse(pc_risk_config *c, const char *text,
					  size_t len, pc_risk_config_error *err);

/**
 * The calendar day (days since 1970-01-01 in that zone) of `now` at a
 * fixed UTC offset in seconds: floor((now + utc_offset) / 86400).
 */
int64_t pc_risk_day(pc_time now, int32_t utc_offset);

/*
 * The built-in hooks. Each is a pc_risk_fn whose cfg is a
 * `const pc_risk_config *` (see pc_risk_engine_add_builtins() for the
 * names and order they are registered with). Each answers in *out and
 * returns PC_OK; PC_ERR_INVALID_ARG for a NULL argument; the counting
 * hooks (velocity, offline, daily) return PC_ERR_CRYPTO when the bucket
 * digest fails and answer DECLINE STORE_FAULT when the store fails or has
 * no add_within; the velocity hook returns PC_ERR_RISK_CONFIG for a
 * counter with a window of 0. A configuration that fails
 * pc_risk_config_check() never makes a hook approve more than the checked
 * rules would: out-of-range daily limits fall back to the PC-02 caps.
 * Reentrant: no state besides the store.
 */

/** Deny lists. Name "lists". */
PC_MUST_CHECK pc_err pc_risk_hook_lists(const pc_risk_input *in, const void *cfg,
					pc_risk_result *out);
/** Device binding. Name "binding". */
PC_MUST_CHECK pc_err pc_risk_hook_binding(const pc_risk_input *in, const void *cfg,
					  pc_risk_result *out);
/** Merchant-category rules. Name "mcc". */
PC_MUST_CHECK pc_err pc_risk_hook_mcc(const pc_risk_input *in, const void *cfg,
				      pc_risk_result *out);
/** Per-transaction caps per level. Name "caps". */
PC_MUST_CHECK pc_err pc_risk_hook_caps(const pc_risk_input *in, const void *cfg,
				       pc_risk_result *out);
/**
 * Velocity. Name "velocity". Counter keys: the first 16 bytes of
 * SHA-256("paycode/v1/risk-velocity" || 0x00 || kind || window(4) || id ||
 * index(8)), kind 1 with the token ID (8), kind 2 with the terminal ID
 * (length byte and text); each add_within(1, max) is one atomic call.
 */
PC_MUST_CHECK pc_err pc_risk_hook_velocity(const pc_risk_input *in, const void *cfg,
					   pc_risk_result *out);
/**
 * Offline floor and cumulative offline amount. Name "offline". Counter
 * key: SHA-256("paycode/v1/risk-offline" || 0x00 || token(8) || day(8)),
 * first 16 bytes.
 */
PC_MUST_CHECK pc_err pc_risk_hook_offline(const pc_risk_input *in, const void *cfg,
					  pc_risk_result *out);
/**
 * Daily cumulative limit of the payment's level (PC-02). Name "daily".
 * Counter key: the first 16 bytes of SHA-256("paycode/v1/risk-daily" ||
 * 0x00 || level(1) || token(8) || day(8)), all big-endian: one bucket per
 * token, level and local day, kept until the local day ends. One atomic
 * add_within(amount, limit): never read-then-write.
 */
PC_MUST_CHECK pc_err pc_risk_hook_daily(const pc_risk_input *in, const void *cfg,
					pc_risk_result *out);

/**
 * Check `cfg` and register the seven built-ins, in this order: lists,
 * binding, mcc, caps, velocity, offline, daily. The hooks that only read
 * tables come first, and the counting ones last, daily last of all, so a
 * payment refused by one hook is not added to a later hook's total.
 * (A counter that counted before a later refusal stays counted: totals
 * can err high, never low.)
 *
 * @param cfg  retained: must outlive the engine.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_RISK_CONFIG, PC_ERR_CAPACITY
 *   (fewer than 7 free hook slots; nothing is added then).
 */
PC_MUST_CHECK pc_err pc_risk_engine_add_builtins(pc_risk_engine *e,
						 const pc_risk_config *cfg);

/* ---- authorisation ------------------------------------------------------- */

/**
 * Authorise a payment: pc_validate() the code, then, only when the code is
 * approved, run the risk hooks (SPEC §3.6: after the cryptographic, time,
 * revocation and replay checks). A code that passed validation has been
 * consumed and stays consumed whatever the hooks decide (PC-05): a retry
 * after a risk refusal or a step-up needs a new code.
 *
 * @param v        validator; its store also holds the risk counters.
 * @param e        engine (may hold no hooks).
 * @param code     len bytes; not retained.
 * @param txn      must pass pc_txn_check(); not retained.
 * @param factors  PC_FACTOR_* the caller verified, optionally with
 *                 PC_FACTOR_FROM_CODE; no other bits.
 * @param d        out: the code's decision (pc_validate()).
 * @param out      out: the authorisation outcome. out->verdict is the
 *                 answer to act on: d's verdict with reason CODE when the
 *                 code was not approved, else the hooks' verdict. Level,
 *                 factors and liability are always filled.
 * @return PC_OK when a decision was made; PC_ERR_INVALID_ARG for NULL
 *   arguments, a bad txn or unknown factor bits (checked before the code
 *   is touched: nothing is consumed).
 * Thread-safety: that of pc_validate() on v (one thread per validator).
 */
PC_MUST_CHECK pc_err pc_authorize(pc_validator *v, const pc_risk_engine *e,
				  const char *code, size_t len, const pc_txn *txn,
				  pc_factors factors, pc_decision *d,
				  pc_risk_outcome *out);

#ifdef __cplusplus
}
#endif
#endif /* PAYCODE_RISK_H */
