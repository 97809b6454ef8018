/*
 * risk-sequences.json: the groups and their cases (see
 * vectors_risk_gen.h). Each group states a configuration; each case's
 * expectation is worked out by hand from that configuration and the rules
 * of docs/SPEC.md §5.2 (restated in the comments): the hooks run in the
 * order lists, binding, mcc, caps, velocity, offline, daily; the first
 * refusal decides and later hooks neither run nor count; a counter that
 * counted before a later refusal stays counted; limits are inclusive
 * (total <= limit passes).
 *
 * Times are seconds after PC_RG_T0 = 2027-01-15T08:00:00Z (16:00 at
 * +08:00): LOCAL_MIDNIGHT = 8 h later is 2027-01-16 00:00 at +08:00.
 */
#include "vectors_risk_gen.h"

#define N(a) (sizeof (a) / sizeof (a)[0])
#define HOUR 3600
#define DAY 86400
#define LOCAL_MIDNIGHT (8 * HOUR)  /* 16:00:00Z, the day boundary at +08:00 */

/* ---- PC-02 daily limits, +08:00 ------------------------------------------ */

#define D1_A 2000000  /* agreed with the customer: 20,000 CNY */
#define D1_B 500000   /* the PC-02 caps: 5,000 / 1,000 / 500 CNY */
#define D1_C 100000
#define D1_D 50000

static const char pc__daily_cfg[] =
	"# PC-02 daily cumulative limits per token, level and local day at +08:00\n"
	"daily.A = " PC_RG_S(D1_A) "    # agreed with the customer\n"
	"daily.B = " PC_RG_S(D1_B) "\n"
	"daily.C = " PC_RG_S(D1_C) "\n"
	"daily.D = " PC_RG_S(D1_D) "\n"
	"utc_offset = +08:00\n";

static const pc_rg_tx pc__daily[] = {
	{ .at = 0, .tok = 1, .amount = 60000, .expect = "APPROVE",
	  .comment = "C: 600 CNY of the 1,000 CNY day" },
	{ .at = 1, .tok = 1, .amount = 50000, .expect = "DECLINE LIMIT_DAILY daily",
	  .flags = "OverLimit", .comment = "C: 600 + 500 CNY passes 1,000" },
	{ .at = 2, .tok = 1, .amount = D1_C - 60000, .expect = "APPROVE",
	  .flags = "AtLimit NotCounted",
	  .comment = "C: 600 + 400 CNY is exactly 1,000: the refused 500 added nothing" },
	{ .at = 3, .tok = 1, .amount = 1, .expect = "DECLINE LIMIT_DAILY daily",
	  .flags = "OverLimit", .comment = "C: one fen over the day's 1,000 CNY" },
	{ .at = 4, .tok = 1, .f = PC_RG_B, .amount = D1_B, .expect = "APPROVE",
	  .flags = "AtLimit SeparateLevels",
	  .comment = "the same token at level B: B has its own 5,000 CNY" },
	{ .at = 5, .tok = 1, .f = PC_RG_B, .amount = 1, .expect = "DECLINE LIMIT_DAILY daily",
	  .flags = "OverLimit", .comment = "B: one fen over 5,000 CNY" },
	{ .at = 6, .tok = 2, .amount = D1_C, .expect = "APPROVE", .flags = "AtLimit",
	  .comment = "another token has its own total: 1,000 CNY at C" },
	{ .at = 7, .tok = 3, .f = PC_RG_D, .amount = D1_D, .expect = "APPROVE",
	  .flags = "AtLimit StaticCode", .comment = "a static code (D): 500 CNY" },
	{ .at = 8, .tok = 3, .f = PC_RG_D, .amount = 1, .expect = "DECLINE LIMIT_DAILY daily",
	  .flags = "OverLimit StaticCode", .comment = "D: one fen over 500 CNY" },
	{ .at = 9, .tok = 3, .amount = D1_C, .expect = "APPROVE",
	  .flags = "AtLimit SeparateLevels", .comment = "the same token at C: its own 1,000 CNY" },
	{ .at = 10, .tok = 4, .f = PC_RG_A, .amount = D1_A, .expect = "APPROVE",
	  .flags = "AtLimit", .comment = "A: the agreed 20,000 CNY" },
	{ .at = 11, .tok = 4, .f = PC_RG_A, .amount = 1, .expect = "DECLINE LIMIT_DAILY daily",
	  .flags = "OverLimit", .comment = "A: one fen over the agreed limit" },
	{ .at = 12, .tok = 5, .amount = D1_C + 1, .expect = "DECLINE LIMIT_DAILY daily",
	  .flags = "OverLimit", .comment = "C: one payment above the whole day's limit" },
	{ .at = 13, .tok = 5, .amount = D1_C, .expect = "APPROVE", .flags = "AtLimit NotCounted",
	  .comment = "C: the refused payment added nothing: 1,000 CNY still fit" },
	{ .at = 14, .tok = 6, .currency = 840, .expect = "DECLINE CURRENCY daily",
	  .flags = "Currency", .comment = "USD against a CNY configuration" },
	{ .at = 15, .tok = 6, .expect = "APPROVE", .comment = "the same amount in CNY" },
	{ .at = LOCAL_MIDNIGHT - 2, .tok = 7, .amount = D1_C, .expect = "APPROVE",
	  .flags = "AtLimit", .comment = "15:59:58Z (23:59:58 at +08:00): 1,000 CNY at C" },
	{ .at = LOCAL_MIDNIGHT - 1, .tok = 7, .amount = 1, .expect = "DECLINE LIMIT_DAILY daily",
	  .flags = "DayBoundary OverLimit",
	  .comment = "15:59:59Z is still 2027-01-15 at +08:00: the day is spent" },
	{ .at = LOCAL_MIDNIGHT, .tok = 7, .amount = D1_C, .expect = "APPROVE",
	  .flags = "DayBoundary AtLimit",
	  .comment = "16:00:00Z is 2027-01-16 00:00 at +08:00: a new day, a new 1,000 CNY" },
	{ .at = LOCAL_MIDNIGHT, .tok = 7, .amount = 1, .expect = "DECLINE LIMIT_DAILY daily",
	  .flags = "OverLimit", .comment = "and that day is spent too" },
	{ .at = LOCAL_MIDNIGHT + DAY - 1, .tok = 7, .amount = 1,
	  .expect = "DECLINE LIMIT_DAILY daily", .flags = "DayBoundary",
	  .comment = "2027-01-16 23:59:59 at +08:00: the same day" },
	{ .at = LOCAL_MIDNIGHT + DAY, .tok = 7, .amount = 1, .expect = "APPROVE",
	  .flags = "DayBoundary", .comment = "2027-01-17 00:00:00 at +08:00: a new day" },
	{ .at = LOCAL_MIDNIGHT + DAY, .tok = 1, .amount = D1_C, .expect = "APPROVE",
	  .flags = "AtLimit DayBoundary",
	  .comment = "token 1, spent on 2027-01-15, has a full day on 2027-01-17" },
};

/* ---- other fixed offsets --------------------------------------------------- */

#define D2_C 80000

static const char pc__utc_cfg[] =
	"# a lower C limit, and days at +00:00: the day ends at 00:00:00Z\n"
	"daily.C = " PC_RG_S(D2_C) "\n"
	"utc_offset = +00:00\n";

#define UTC_MIDNIGHT (16 * HOUR) /* 2027-01-16T00:00:00Z */

static const pc_rg_tx pc__utc[] = {
	{ .at = LOCAL_MIDNIGHT - 1, .tok = 1, .amount = D2_C, .expect = "APPROVE",
	  .flags = "AtLimit", .comment = "15:59:59Z: the configured 800 CNY at C" },
	{ .at = LOCAL_MIDNIGHT, .tok = 1, .amount = 1, .expect = "DECLINE LIMIT_DAILY daily",
	  .flags = "DayBoundary OverLimit",
	  .comment = "16:00:00Z is no boundary at +00:00: the same day" },
	{ .at = UTC_MIDNIGHT - 1, .tok = 1, .amount = 1, .expect = "DECLINE LIMIT_DAILY daily",
	  .flags = "DayBoundary OverLimit", .comment = "23:59:59Z: still the same day" },
	{ .at = UTC_MIDNIGHT, .tok = 1, .amount = D2_C, .expect = "APPROVE",
	  .flags = "DayBoundary AtLimit", .comment = "00:00:00Z: a new day" },
	{ .at = UTC_MIDNIGHT, .tok = 2, .f = PC_RG_B, .amount = PC_RISK_DAILY_B_MAX,
	  .expect = "APPROVE", .flags = "AtLimit",
	  .comment = "B is not configured: its default, the 5,000 CNY cap" },
	{ .at = UTC_MIDNIGHT + 1, .tok = 2, .f = PC_RG_B, .amount = 1,
	  .expect = "DECLINE LIMIT_DAILY daily", .flags = "OverLimit",
	  .comment = "B: one fen over the cap" },
};

static const char pc__nepal_cfg[] =
	"# days at +05:45: the day ends at 18:15:00Z\n"
	"utc_offset = +05:45\n";

#define NPT_MIDNIGHT (10 * HOUR + 15 * 60) /* 2027-01-15T18:15:00Z */

static const pc_rg_tx pc__nepal[] = {
	{ .at = NPT_MIDNIGHT - 1, .tok = 1, .amount = PC_RISK_DAILY_C_MAX, .expect = "APPROVE",
	  .flags = "AtLimit", .comment = "18:14:59Z (23:59:59 at +05:45): 1,000 CNY at C" },
	{ .at = NPT_MIDNIGHT - 1, .tok = 1, .amount = 1, .expect = "DECLINE LIMIT_DAILY daily",
	  .flags = "DayBoundary OverLimit", .comment = "the same second: one fen over" },
	{ .at = NPT_MIDNIGHT, .tok = 1, .amount = 1, .expect = "APPROVE", .flags = "DayBoundary",
	  .comment = "18:15:00Z: midnight at +05:45, a new day" },
};

static const char pc__west_cfg[] =
	"# days at -05:00: the day ends at 05:00:00Z\n"
	"utc_offset = -05:00\n";

#define EST_MIDNIGHT (21 * HOUR) /* 2027-01-16T05:00:00Z */

static const pc_rg_tx pc__west[] = {
	{ .at = LOCAL_MIDNIGHT, .tok = 1, .amount = PC_RISK_DAILY_C_MAX, .expect = "APPROVE",
	  .flags = "AtLimit", .comment = "16:00:00Z (11:00 at -05:00): 1,000 CNY at C" },
	{ .at = EST_MIDNIGHT - 1, .tok = 1, .amount = 1, .expect = "DECLINE LIMIT_DAILY daily",
	  .flags = "DayBoundary OverLimit",
	  .comment = "04:59:59Z is 23:59:59 at -05:00: the same day" },
	{ .at = EST_MIDNIGHT, .tok = 1, .amount = 1, .expect = "APPROVE", .flags = "DayBoundary",
	  .comment = "05:00:00Z: midnight at -05:00, a new day" },
};

static const char pc__no_a_cfg[] =
	"# no limit agreed for level A\n"
	"daily.A = 0\n";

static const pc_rg_tx pc__no_a[] = {
	{ .at = 0, .tok = 1, .f = PC_RG_A, .amount = PC_RISK_AMOUNT_MAX, .expect = "APPROVE",
	  .comment = "A without an agreed limit: the largest amount (10^15 fen)" },
	{ .at = 1, .tok = 1, .f = PC_RG_A, .amount = PC_RISK_AMOUNT_MAX, .expect = "APPROVE",
	  .comment = "and again: nothing is counted at A" },
	{ .at = 2, .tok = 1, .amount = PC_RISK_DAILY_C_MAX, .expect = "APPROVE", .flags = "AtLimit",
	  .comment = "C keeps its default 1,000 CNY" },
	{ .at = 3, .tok = 1, .amount = 1, .expect = "DECLINE LIMIT_DAILY daily",
	  .flags = "OverLimit", .comment = "C: one fen over" },
};

/* ---- velocity ------------------------------------------------------------- */

#define ALLOWED_TOKEN 99 /* PC_RG_TOKEN(99) = 5249534b00000063 */

static const char pc__vel_cfg[] =
	"# velocity: 3 codes per token and 5 per terminal in fixed 60 s windows\n"
	"velocity.token = 3/60\n"
	"velocity.terminal = 5/60\n"
	"allow.token = 5249534b00000063\n"
	"allow.device = 2002\n"
	"allow.merchant = M-ALLOW\n"
	"allow.terminal = POS-ALLOW\n";

/* Windows: W1 = [T0, T0 + 59], W2 = [T0 + 60, T0 + 119], W3 from T0 + 120
 * (T0 is a multiple of 60). The token counter is checked first: a code it
 * refuses is not counted for the terminal. */
static const pc_rg_tx pc__vel[] = {
	{ .at = 0, .tok = 1, .expect = "APPROVE", .comment = "W1: token 1/3, POS-0001 1/5" },
	{ .at = 30, .tok = 1, .expect = "APPROVE", .comment = "W1: token 2/3, POS-0001 2/5" },
	{ .at = 59, .tok = 1, .expect = "APPROVE", .flags = "AtLimit WindowBoundary",
	  .comment = "the window's last second: token 3/3" },
	{ .at = 59, .tok = 1, .expect = "DECLINE VELOCITY velocity", .flags = "OverLimit",
	  .comment = "a fourth code of the token in W1" },
	{ .at = 60, .tok = 1, .expect = "APPROVE", .flags = "WindowBoundary",
	  .comment = "60 s: W2 starts, token 1/3, POS-0001 1/5" },
	{ .at = 61, .tok = 2, .expect = "APPROVE", .comment = "W2: POS-0001 2/5" },
	{ .at = 62, .tok = 3, .expect = "APPROVE", .comment = "W2: POS-0001 3/5" },
	{ .at = 63, .tok = 4, .expect = "APPROVE", .comment = "W2: POS-0001 4/5" },
	{ .at = 64, .tok = 5, .expect = "APPROVE", .flags = "AtLimit",
	  .comment = "W2: POS-0001 5/5" },
	{ .at = 65, .tok = 6, .expect = "DECLINE VELOCITY velocity", .flags = "OverLimit",
	  .comment = "a sixth code at POS-0001 in W2 (token 6 counted 1/3 first)" },
	{ .at = 66, .tok = 6, .terminal = "POS-0002", .expect = "APPROVE", .flags = "CountedHigh",
	  .comment = "token 6 is at 2/3: the code POS-0001 refused was counted for the token" },
	{ .at = 67, .tok = 6, .terminal = "POS-0002", .expect = "APPROVE", .flags = "AtLimit",
	  .comment = "token 6: 3/3" },
	{ .at = 68, .tok = 6, .terminal = "POS-0002", .expect = "DECLINE VELOCITY velocity",
	  .flags = "CountedHigh OverLimit", .comment = "token 6: a fourth code in W2" },
	{ .at = 70, .tok = 7, .terminal = "", .expect = "APPROVE", .flags = "EmptyTerminal",
	  .comment = "no terminal ID: not counted per terminal (1)" },
	{ .at = 71, .tok = 8, .terminal = "", .expect = "APPROVE", .flags = "EmptyTerminal",
	  .comment = "no terminal ID (2)" },
	{ .at = 72, .tok = 9, .terminal = "", .expect = "APPROVE", .flags = "EmptyTerminal",
	  .comment = "no terminal ID (3)" },
	{ .at = 73, .tok = 10, .terminal = "", .expect = "APPROVE", .flags = "EmptyTerminal",
	  .comment = "no terminal ID (4)" },
	{ .at = 74, .tok = 11, .terminal = "", .expect = "APPROVE", .flags = "EmptyTerminal",
	  .comment = "no terminal ID (5)" },
	{ .at = 75, .tok = 12, .terminal = "", .expect = "APPROVE", .flags = "EmptyTerminal",
	  .comment = "no terminal ID (6): more than 5, none refused" },
	{ .at = 80, .tok = ALLOWED_TOKEN, .terminal = "POS-0003", .expect = "APPROVE",
	  .flags = "Allowed", .comment = "an allow-listed token (1)" },
	{ .at = 81, .tok = ALLOWED_TOKEN, .terminal = "POS-0003", .expect = "APPROVE",
	  .flags = "Allowed", .comment = "an allow-listed token (2)" },
	{ .at = 82, .tok = ALLOWED_TOKEN, .terminal = "POS-0003", .expect = "APPROVE",
	  .flags = "Allowed", .comment = "an allow-listed token (3)" },
	{ .at = 83, .tok = ALLOWED_TOKEN, .terminal = "POS-0003", .expect = "APPROVE",
	  .flags = "Allowed", .comment = "an allow-listed token: a fourth code in W2, exempt" },
	{ .at = 84, .tok = 1, .merchant = "M-ALLOW", .terminal = "POS-0003", .expect = "APPROVE",
	  .flags = "Allowed", .comment = "token 1 (1/3 in W2) at an allow-listed merchant (1)" },
	{ .at = 85, .tok = 1, .merchant = "M-ALLOW", .terminal = "POS-0003", .expect = "APPROVE",
	  .flags = "Allowed", .comment = "at an allow-listed merchant (2)" },
	{ .at = 86, .tok = 1, .merchant = "M-ALLOW", .terminal = "POS-0003", .expect = "APPROVE",
	  .flags = "Allowed", .comment = "at an allow-listed merchant (3): still not counted" },
	{ .at = 87, .tok = 1, .terminal = "POS-0003", .expect = "APPROVE", .flags = "Allowed",
	  .comment = "token 1 at 2/3: the exempt codes were not counted; POS-0003 1/5" },
	{ .at = 88, .tok = 1, .terminal = "POS-0003", .expect = "APPROVE", .flags = "AtLimit",
	  .comment = "token 1: 3/3" },
	{ .at = 89, .tok = 1, .terminal = "POS-0003", .expect = "DECLINE VELOCITY velocity",
	  .flags = "OverLimit", .comment = "token 1: a fourth counted code in W2" },
	{ .at = 90, .tok = 1, .terminal = "POS-ALLOW", .expect = "APPROVE", .flags = "Allowed",
	  .comment = "at an allow-listed terminal: exempt" },
	{ .at = 91, .tok = 1, .serial = 2002, .terminal = "POS-0003", .expect = "APPROVE",
	  .flags = "Allowed", .comment = "a qr-offline code of an allow-listed device: exempt" },
	{ .at = 92, .tok = 1, .serial = 2003, .terminal = "POS-0003",
	  .expect = "DECLINE VELOCITY velocity", .flags = "OverLimit",
	  .comment = "a device not on the allow list: token 1 is over its 3" },
	{ .at = 119, .tok = 1, .terminal = "POS-0003", .expect = "DECLINE VELOCITY velocity",
	  .flags = "WindowBoundary", .comment = "the last second of W2" },
	{ .at = 120, .tok = 1, .terminal = "POS-0003", .expect = "APPROVE",
	  .flags = "WindowBoundary", .comment = "W3: a new window" },
};

static const char pc__vel_tok_cfg[] =
	"# 2 codes per token in fixed 10 s windows; no terminal counter\n"
	"velocity.token = 2/10\n"
	"velocity.terminal = 0/60\n";

static const pc_rg_tx pc__vel_tok[] = {
	{ .at = 0, .tok = 1, .expect = "APPROVE", .comment = "window [T0, T0 + 9]: 1/2" },
	{ .at = 9, .tok = 1, .expect = "APPROVE", .flags = "AtLimit WindowBoundary",
	  .comment = "its last second: 2/2" },
	{ .at = 9, .tok = 1, .expect = "DECLINE VELOCITY velocity", .flags = "OverLimit",
	  .comment = "a third code in the window" },
	{ .at = 10, .tok = 1, .expect = "APPROVE", .flags = "WindowBoundary",
	  .comment = "T0 + 10: the next window" },
	{ .at = 11, .tok = 2, .expect = "APPROVE", .comment = "another token: its own counter" },
};

static const char pc__vel_term_cfg[] =
	"# 1 code per terminal in fixed 7 s windows, aligned on Unix time; no token counter\n"
	"velocity.terminal = 1/7\n";

/* T0 = 7 * 257142857 + 1: the window holding T0 is [T0 - 1, T0 + 5]. */
static const pc_rg_tx pc__vel_term[] = {
	{ .at = 0, .tok = 1, .expect = "APPROVE", .comment = "window [T0 - 1, T0 + 5]: 1/1" },
	{ .at = 5, .tok = 2, .expect = "DECLINE VELOCITY velocity",
	  .flags = "OverLimit WindowBoundary",
	  .comment = "T0 + 5 is the same window (windows are floor(now / 7), not relative to T0)" },
	{ .at = 6, .tok = 3, .expect = "APPROVE", .flags = "WindowBoundary",
	  .comment = "T0 + 6: the next window" },
	{ .at = 6, .tok = 4, .terminal = "POS-0002", .expect = "APPROVE",
	  .comment = "another terminal: its own counter" },
};

/* ---- deny and allow lists ----------------------------------------------------- */

#define DENIED_TOKEN 81 /* PC_RG_TOKEN(81) = 5249534b00000051 */

static const char pc__lists_cfg[] =
	"# deny lists; the denied token and merchant are also on the allow lists\n"
	"deny.token = 5249534b00000051\n"
	"allow.token = 5249534b00000051\n"
	"deny.device = 3003\n"
	"deny.merchant = M-DENY\n"
	"allow.merchant = M-DENY\n"
	"deny.terminal = POS-DENY\n";

static const pc_rg_tx pc__lists[] = {
	{ .at = 0, .tok = DENIED_TOKEN, .expect = "DECLINE DENY_LISTED lists",
	  .flags = "DenyWinsOverAllow", .comment = "a token on the deny and the allow list" },
	{ .at = 1, .tok = 1, .serial = 3003, .expect = "DECLINE DENY_LISTED lists",
	  .comment = "a qr-offline code of a deny-listed device (certificate serial)" },
	{ .at = 2, .tok = 1, .serial = 3004, .expect = "APPROVE", .comment = "another device" },
	{ .at = 3, .tok = 1, .merchant = "M-DENY", .expect = "DECLINE DENY_LISTED lists",
	  .flags = "DenyWinsOverAllow", .comment = "a merchant on the deny and the allow list" },
	{ .at = 4, .tok = 1, .terminal = "POS-DENY", .expect = "DECLINE DENY_LISTED lists",
	  .comment = "a deny-listed terminal" },
	{ .at = 5, .tok = 1, .merchant = "M-DENY2", .expect = "APPROVE", .flags = "ExactMatch",
	  .comment = "a longer ID is another ID" },
	{ .at = 6, .tok = 1, .merchant = "m-deny", .expect = "APPROVE", .flags = "ExactMatch",
	  .comment = "IDs compare byte for byte: case matters" },
	{ .at = 7, .tok = 1, .terminal = "POS-DEN", .expect = "APPROVE", .flags = "ExactMatch",
	  .comment = "a prefix of a listed ID is another ID" },
	{ .at = 8, .tok = DENIED_TOKEN, .f = PC_RG_A, .amount = 1,
	  .expect = "DECLINE DENY_LISTED lists", .comment = "whatever the level and amount" },
};

/* ---- offline floor and cumulative -------------------------------------------------- */

#define OFF_FLOOR 10000
#define OFF_CUM 30000

static const char pc__off_cfg[] =
	"# offline payments: 100 CNY each at most, 300 CNY a day per token\n"
	"offline.floor = " PC_RG_S(OFF_FLOOR) "\n"
	"offline.cumulative = " PC_RG_S(OFF_CUM) "\n";

static const pc_rg_tx pc__off[] = {
	{ .at = 0, .tok = 1, .amount = OFF_FLOOR, .offline = 1, .expect = "APPROVE",
	  .flags = "AtLimit", .comment = "offline, at the floor: 100 of 300 CNY" },
	{ .at = 1, .tok = 1, .amount = OFF_FLOOR + 1, .offline = 1,
	  .expect = "REFER_ONLINE OFFLINE_FLOOR offline", .flags = "OverLimit",
	  .comment = "offline, one fen above the floor" },
	{ .at = 2, .tok = 1, .amount = OFF_FLOOR, .offline = 1, .expect = "APPROVE",
	  .flags = "NotCounted",
	  .comment = "200 of 300 CNY: the referred payment was not counted" },
	{ .at = 3, .tok = 1, .amount = OFF_CUM - 2 * OFF_FLOOR, .offline = 1, .expect = "APPROVE",
	  .flags = "AtLimit", .comment = "300 CNY: exactly the cumulative limit" },
	{ .at = 4, .tok = 1, .amount = 1, .offline = 1,
	  .expect = "REFER_ONLINE OFFLINE_CUMULATIVE offline", .flags = "OverLimit",
	  .comment = "offline: one fen over the day's 300 CNY" },
	{ .at = 5, .tok = 1, .amount = OFF_FLOOR + 1, .expect = "APPROVE",
	  .comment = "online: the offline limits do not apply" },
	{ .at = 6, .tok = 2, .amount = OFF_FLOOR, .offline = 1, .expect = "APPROVE",
	  .comment = "another token: its own offline total" },
	{ .at = LOCAL_MIDNIGHT - 1, .tok = 1, .amount = 1, .offline = 1,
	  .expect = "REFER_ONLINE OFFLINE_CUMULATIVE offline", .flags = "DayBoundary OverLimit",
	  .comment = "15:59:59Z: the same local day (+08:00, the limits' offset)" },
	{ .at = LOCAL_MIDNIGHT, .tok = 1, .amount = OFF_FLOOR, .offline = 1, .expect = "APPROVE",
	  .flags = "DayBoundary", .comment = "16:00:00Z: a new local day" },
	{ .at = LOCAL_MIDNIGHT + 1, .tok = 3, .amount = 100, .currency = 840, .offline = 1,
	  .expect = "DECLINE CURRENCY offline", .flags = "Currency",
	  .comment = "offline, USD against a CNY configuration" },
	{ .at = LOCAL_MIDNIGHT + 2, .tok = 3, .amount = OFF_FLOOR + 1, .currency = 840,
	  .offline = 1,
	  .expect = "DECLINE CURRENCY offline", .flags = "Currency",
	  .comment = "the currency is checked before the floor" },
};

static const char pc__off0_cfg[] =
	"# a floor of 0: every offline payment goes online\n"
	"offline.floor = 0\n";

static const pc_rg_tx pc__off0[] = {
	{ .at = 0, .tok = 1, .amount = 1, .offline = 1,
	  .expect = "REFER_ONLINE OFFLINE_FLOOR offline",
	  .flags = "OverLimit", .comment = "offline, 1 fen: above a floor of 0" },
	{ .at = 1, .tok = 1, .amount = 1, .expect = "APPROVE", .comment = "the same online" },
};

/* ---- per-transaction caps ------------------------------------------------------ */

#define CAP_A 1000000
#define CAP_B 200000
#define CAP_C 50000
#define CAP_D 10000

static const char pc__caps_cfg[] =
	"# single-transaction caps per level\n"
	"cap.A = " PC_RG_S(CAP_A) "\n"
	"cap.B = " PC_RG_S(CAP_B) "\n"
	"cap.C = " PC_RG_S(CAP_C) "\n"
	"cap.D = " PC_RG_S(CAP_D) "\n";

static const pc_rg_tx pc__caps[] = {
	{ .at = 0, .tok = 1, .amount = CAP_C, .expect = "APPROVE", .flags = "AtLimit",
	  .comment = "C: at the cap" },
	{ .at = 1, .tok = 1, .amount = CAP_C + 1, .expect = "DECLINE AMOUNT_CAP caps",
	  .flags = "OverLimit", .comment = "C: one fen above the cap" },
	{ .at = 2, .tok = 1, .amount = PC_RISK_DAILY_C_MAX - CAP_C, .expect = "APPROVE",
	  .flags = "AtLimit NotCounted",
	  .comment = "C: the daily total reaches 1,000 CNY: the capped payment was not counted" },
	{ .at = 3, .tok = 1, .amount = 1, .expect = "DECLINE LIMIT_DAILY daily",
	  .flags = "OverLimit", .comment = "within the cap, over the day" },
	{ .at = 4, .tok = 2, .f = PC_RG_B, .amount = CAP_B, .expect = "APPROVE", .flags = "AtLimit",
	  .comment = "B: at the cap" },
	{ .at = 5, .tok = 2, .f = PC_RG_B, .amount = CAP_B + 1, .expect = "DECLINE AMOUNT_CAP caps",
	  .flags = "OverLimit", .comment = "B: one fen above the cap" },
	{ .at = 6, .tok = 3, .f = PC_RG_D, .amount = CAP_D, .expect = "APPROVE",
	  .flags = "AtLimit StaticCode", .comment = "D: at the cap" },
	{ .at = 7, .tok = 3, .f = PC_RG_D, .amount = CAP_D + 1, .expect = "DECLINE AMOUNT_CAP caps",
	  .flags = "OverLimit StaticCode", .comment = "D: one fen above the cap" },
	{ .at = 8, .tok = 4, .f = PC_RG_A, .amount = CAP_A, .expect = "APPROVE", .flags = "AtLimit",
	  .comment = "A: at the cap (no daily limit at A by default)" },
	{ .at = 9, .tok = 4, .f = PC_RG_A, .amount = CAP_A + 1, .expect = "DECLINE AMOUNT_CAP caps",
	  .flags = "OverLimit", .comment = "A: one fen above the cap" },
	{ .at = 10, .tok = 5, .currency = 840, .expect = "DECLINE CURRENCY caps",
	  .flags = "Currency HookOrder", .comment = "USD: caps, before daily, declines it" },
};

/* ---- device binding ------------------------------------------------------------- */

static const char pc__bind_cfg[] =
	"# tokens 1 and 2 bound to devices 1001 and 1002; nothing required\n"
	"bind = 5249534b00000001:1001, 5249534b00000002:1002\n";

static const pc_rg_tx pc__bind[] = {
	{ .at = 0, .tok = 1, .serial = 1001, .expect = "APPROVE",
	  .comment = "token 1 with its device" },
	{ .at = 1, .tok = 1, .serial = 1003, .expect = "DECLINE DEVICE_BINDING binding",
	  .comment = "token 1 with another device" },
	{ .at = 2, .tok = 1, .expect = "APPROVE",
	  .comment = "a qr-online code shows no device; not required here" },
	{ .at = 3, .tok = 3, .serial = 1001, .expect = "APPROVE",
	  .comment = "an unbound token is not checked, whatever device it shows" },
	{ .at = 4, .tok = 2, .serial = 1001, .expect = "DECLINE DEVICE_BINDING binding",
	  .comment = "token 2 with token 1's device" },
};

static const char pc__bind_strict_cfg[] =
	"# token 1 bound to device 1001; every token must be bound and show its device\n"
	"bind = 5249534b00000001:1001\n"
	"bind.require_bound = yes\n"
	"bind.require_device = yes\n";

static const pc_rg_tx pc__bind_strict[] = {
	{ .at = 0, .tok = 1, .serial = 1001, .expect = "APPROVE",
	  .comment = "token 1 with its device" },
	{ .at = 1, .tok = 1, .expect = "DECLINE DEVICE_BINDING binding",
	  .comment = "require_device: a qr-online code shows no device" },
	{ .at = 2, .tok = 1, .form = "numeric", .expect = "DECLINE DEVICE_BINDING binding",
	  .comment = "require_device: a numeric code shows no device" },
	{ .at = 3, .tok = 3, .serial = 1003, .expect = "DECLINE DEVICE_BINDING binding",
	  .comment = "require_bound: token 3 has no binding" },
	{ .at = 4, .tok = 1, .serial = 1002, .expect = "DECLINE DEVICE_BINDING binding",
	  .comment = "token 1 with another device" },
};

/* ---- merchant categories ---------------------------------------------------------- */

static const char pc__mcc_cfg[] =
	"# gambling and casinos blocked; money transfer and quasi-cash need a PIN\n"
	"mcc.block = 7995, 7801\n"
	"mcc.step_up = 4829, 6051\n";

static const pc_rg_tx pc__mcc[] = {
	{ .at = 0, .tok = 1, .mcc = 7995, .expect = "DECLINE MCC_BLOCKED mcc",
	  .comment = "a blocked category" },
	{ .at = 1, .tok = 1, .mcc = 7801, .expect = "DECLINE MCC_BLOCKED mcc",
	  .comment = "the other blocked category" },
	{ .at = 2, .tok = 1, .f = PC_RG_B, .mcc = 7995, .expect = "DECLINE MCC_BLOCKED mcc",
	  .comment = "a PIN does not unblock a category" },
	{ .at = 3, .tok = 1, .mcc = 7994, .expect = "APPROVE", .flags = "ExactMatch",
	  .comment = "the category below a blocked one" },
	{ .at = 4, .tok = 1, .mcc = 7996, .expect = "APPROVE", .flags = "ExactMatch",
	  .comment = "the category above a blocked one" },
	{ .at = 5, .tok = 1, .mcc = 4829, .expect = "STEP_UP MCC_STEP_UP mcc PIN",
	  .flags = "StepUp", .comment = "OTP only: the category asks for a PIN" },
	{ .at = 6, .tok = 1, .f = PC_RG_B, .mcc = 4829, .expect = "APPROVE", .flags = "StepUp",
	  .comment = "knowledge + OTP: the PIN was verified" },
	{ .at = 7, .tok = 1, .f = PC_RG_A, .mcc = 6051, .expect = "STEP_UP MCC_STEP_UP mcc PIN",
	  .flags = "StepUp", .comment = "level A, but no knowledge factor" },
	{ .at = 8, .tok = 1, .f = PC_FACTOR_KNOWLEDGE | PC_FACTOR_CERT, .mcc = 6051,
	  .expect = "APPROVE", .flags = "StepUp", .comment = "knowledge + certificate" },
	{ .at = 9, .tok = 1, .expect = "APPROVE", .comment = "an ordinary category (5411)" },
};

static const char pc__mcc_bio_cfg[] =
	"# money transfer needs a biometric check; the highest MCC is blocked\n"
	"mcc.block = 9999\n"
	"mcc.step_up = 4829\n"
	"mcc.step_up_method = biometric\n";

static const pc_rg_tx pc__mcc_bio[] = {
	{ .at = 0, .tok = 1, .mcc = 4829, .expect = "STEP_UP MCC_STEP_UP mcc BIOMETRIC",
	  .flags = "StepUp", .comment = "OTP only: a biometric check is asked for" },
	{ .at = 1, .tok = 1, .f = PC_RG_B, .mcc = 4829,
	  .expect = "STEP_UP MCC_STEP_UP mcc BIOMETRIC",
	  .flags = "StepUp", .comment = "a PIN is not the method asked for" },
	{ .at = 2, .tok = 1, .f = PC_FACTOR_OTP | PC_FACTOR_BIOMETRIC, .mcc = 4829,
	  .expect = "APPROVE", .flags = "StepUp", .comment = "OTP + biometric" },
	{ .at = 3, .tok = 1, .mcc = 9999, .expect = "DECLINE MCC_BLOCKED mcc",
	  .comment = "the highest category, blocked" },
	{ .at = 4, .tok = 1, .mcc = 9998, .expect = "APPROVE", .flags = "ExactMatch",
	  .comment = "the one below it" },
};

/* ---- hook order ----------------------------------------------------------------- */

static const char pc__order_cfg[] =
	"# every hook armed, to show their order\n"
	"deny.merchant = M-DENY\n"
	"bind = 5249534b00000001:1001\n"
	"mcc.block = 7995\n"
	"cap.C = 50000\n"
	"velocity.token = 1/60\n"
	"offline.floor = 10000\n"
	"daily.C = 100000\n";

static const pc_rg_tx pc__order[] = {
	{ .at = 0, .tok = 1, .serial = 1002, .merchant = "M-DENY", .mcc = 7995, .amount = 60000,
	  .offline = 1, .expect = "DECLINE DENY_LISTED lists", .flags = "HookOrder",
	  .comment = "denied merchant, wrong device, blocked category, over the cap: lists first" },
	{ .at = 0, .tok = 1, .serial = 1002, .mcc = 7995, .amount = 60000, .offline = 1,
	  .expect = "DECLINE DEVICE_BINDING binding", .flags = "HookOrder",
	  .comment = "wrong device, blocked category, over the cap: binding" },
	{ .at = 0, .tok = 1, .serial = 1001, .mcc = 7995, .amount = 60000, .offline = 1,
	  .expect = "DECLINE MCC_BLOCKED mcc", .flags = "HookOrder",
	  .comment = "blocked category, over the cap: mcc" },
	{ .at = 0, .tok = 1, .serial = 1001, .amount = 60000, .offline = 1,
	  .expect = "DECLINE AMOUNT_CAP caps", .flags = "HookOrder",
	  .comment = "over the cap and the offline floor: caps, before velocity counts" },
	{ .at = 1, .tok = 1, .serial = 1001, .amount = 20000, .offline = 1,
	  .expect = "REFER_ONLINE OFFLINE_FLOOR offline", .flags = "HookOrder NotCounted",
	  .comment = "velocity passes it (1/1: the capped payment was not counted) and "
		     "counts it, then the offline floor refers it online" },
	{ .at = 2, .tok = 1, .serial = 1001, .amount = 5000, .offline = 1,
	  .expect = "DECLINE VELOCITY velocity", .flags = "CountedHigh",
	  .comment = "the referred payment stays counted for velocity" },
	{ .at = 60, .tok = 1, .serial = 1001, .amount = 5000, .offline = 1, .expect = "APPROVE",
	  .flags = "WindowBoundary", .comment = "the next window" },
	{ .at = 120, .tok = 2, .amount = 50000, .expect = "APPROVE",
	  .comment = "token 2 (unbound), C: 500 of 1,000 CNY" },
	{ .at = 180, .tok = 2, .amount = 50000, .expect = "APPROVE", .flags = "AtLimit",
	  .comment = "1,000 of 1,000 CNY" },
	{ .at = 240, .tok = 2, .amount = 1, .expect = "DECLINE LIMIT_DAILY daily",
	  .flags = "HookOrder OverLimit", .comment = "daily, the last hook, refuses" },
	{ .at = 241, .tok = 2, .amount = 1, .expect = "DECLINE VELOCITY velocity",
	  .flags = "CountedHigh", .comment = "the payment daily refused was counted for velocity" },
};

/* ---- another currency ------------------------------------------------------------ */

static const char pc__usd_cfg[] =
	"# amounts in US cents\n"
	"currency = 840\n";

static const pc_rg_tx pc__usd[] = {
	{ .at = 0, .tok = 1, .currency = 840, .expect = "APPROVE", .comment = "USD" },
	{ .at = 1, .tok = 1, .expect = "DECLINE CURRENCY daily", .flags = "Currency",
	  .comment = "CNY against a USD configuration" },
	{ .at = 2, .tok = 1, .offline = 1, .expect = "DECLINE CURRENCY offline",
	  .flags = "Currency", .comment = "offline CNY: the offline hook, before daily" },
	{ .at = 3, .tok = 1, .currency = 840, .amount = PC_RISK_DAILY_C_MAX - 100,
	  .expect = "APPROVE", .flags = "AtLimit NotCounted",
	  .comment = "the refused CNY payments added nothing to the USD total" },
};

void pc_rg_sequences(pc_gen *g)
{
	pc_rg_group(g, pc__daily_cfg, pc__daily, N(pc__daily));
	pc_rg_group(g, pc__utc_cfg, pc__utc, N(pc__utc));
	pc_rg_group(g, pc__nepal_cfg, pc__nepal, N(pc__nepal));
	pc_rg_group(g, pc__west_cfg, pc__west, N(pc__west));
	pc_rg_group(g, pc__no_a_cfg, pc__no_a, N(pc__no_a));
	pc_rg_group(g, pc__vel_cfg, pc__vel, N(pc__vel));
	pc_rg_group(g, pc__vel_tok_cfg, pc__vel_tok, N(pc__vel_tok));
	pc_rg_group(g, pc__vel_term_cfg, pc__vel_term, N(pc__vel_term));
	pc_rg_group(g, pc__lists_cfg, pc__lists, N(pc__lists));
	pc_rg_group(g, pc__off_cfg, pc__off, N(pc__off));
	pc_rg_group(g, pc__off0_cfg, pc__off0, N(pc__off0));
	pc_rg_group(g, pc__caps_cfg, pc__caps, N(pc__caps));
	pc_rg_group(g, pc__bind_cfg, pc__bind, N(pc__bind));
	pc_rg_group(g, pc__bind_strict_cfg, pc__bind_strict, N(pc__bind_strict));
	pc_rg_group(g, pc__mcc_cfg, pc__mcc, N(pc__mcc));
	pc_rg_group(g, pc__mcc_bio_cfg, pc__mcc_bio, N(pc__mcc_bio));
	pc_rg_group(g, pc__order_cfg, pc__order, N(pc__order));
	pc_rg_group(g, pc__usd_cfg, pc__usd, N(pc__usd));
}
