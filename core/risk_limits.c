/*
 * Risk hooks on amounts and counts (ARCHITECTURE §3): per-transaction caps
 * per level, velocity, offline floor and cumulative offline amount, and
 * the per-customer daily cumulative limit of each level (cn-payment-rules
 * PC-02). The counting hooks keep their totals in the validator's store,
 * one atomic add_within() per counter and never a read-then-write, so two
 * validators sharing a store cannot both pass the last unit of a limit.
 * Every store fault declines STORE_FAULT: a fault never approves.
 */
#include <string.h>

#include <paycode/risk.h>
#include <paycode/crypto.h>

#include "internal.h"

#define PC__DAY 86400

/* Room for a domain string, its 0x00, and the longest field set (kind,
 * window, length byte, terminal ID, window index). */
#define PC__MSG_MAX (32 + 1 + 1 + 4 + 1 + PC_RISK_ID_MAX + 8)

/* What each counting hook answers when its counter would pass the limit. */
static const pc_risk_result pc__over_velocity =
	{ PC_DECLINE, PC_RISK_R_VELOCITY, PC_RISK_M_NONE };
static const pc_risk_result pc__over_offline =
	{ PC_REFER_ONLINE, PC_RISK_R_OFFLINE_CUMULATIVE, PC_RISK_M_NONE };
static const pc_risk_result pc__over_daily =
	{ PC_DECLINE, PC_RISK_R_LIMIT_DAILY, PC_RISK_M_NONE };

static pc_err pc__answer(pc_risk_result *out, pc_verdict v, pc_risk_reason r)
{
	out->verdict = v;
	out->reason = r;
	out->method = PC_RISK_M_NONE;
	return PC_OK;
}

/* now + left, saturating: expiries never overflow for any clock value. */
static pc_time pc__later(pc_time now, int64_t left)
{
	return now > INT64_MAX - left ? INT64_MAX : now + left;
}

/* floor(now / 86400) with the offset applied in two steps, so no value of
 * now or utc_offset can overflow; *left = seconds until the local day ends
 * (1..86400). */
static int64_t pc__day_split(pc_time now, int32_t utc_offset, int64_t *left)
{
	int64_t q = now / PC__DAY, t = now % PC__DAY + (int64_t)utc_offset;
	int64_t q2 = t / PC__DAY, r = t % PC__DAY;

	if (r < 0) {
		r += PC__DAY;
		q2--;
	}
	*left = PC__DAY - r;
	return q + q2;
}

int64_t pc_risk_day(pc_time now, int32_t utc_offset)
{
	int64_t left;

	return pc__day_split(now, utc_offset, &left);
}

static void pc__wr_u64be(pc_wr *w, uint64_t v)
{
	pc__wr_u32be(w, (uint32_t)(v >> 32));
	pc__wr_u32be(w, (uint32_t)v);
}

/* Start a bucket message: domain || 0x00 (the NUL of the string). */
static void pc__msg_init(pc_wr *w, uint8_t *buf, size_t cap, const char *domain)
{
	pc__wr_init(w, buf, cap);
	pc__wr_bytes(w, domain, strlen(domain) + 1);
}

/* The store key: the first 16 bytes of SHA-256 of the message. */
static pc_err pc__bucket(const pc_wr *w, uint8_t key[PC_REPLAY_KEY_LEN])
{
	uint8_t digest[32];
	pc_err err = w->err;

	if (PC_ALWAYS(err == PC_OK))
		err = pc_sha256(w->ptr, w->len, digest);
	if (err == PC_OK)
		memcpy(key, digest, PC_REPLAY_KEY_LEN);
	pc_wipe(digest, sizeof digest);
	return err;
}

/*
 * Add `amount` to the counter `key` within `limit` in one atomic call.
 * Answers APPROVE when it fits, *over when it does
 * not, DECLINE STORE_FAULT when the store fails or cannot count.
 */
static pc_err pc__count(const pc_risk_input *in, const uint8_t key[PC_REPLAY_KEY_LEN],
			int64_t amount, int64_t limit, int64_t left,
			const pc_risk_result *over, pc_risk_result *out)
{
	const pc_store *st = in->store;
	int64_t total = 0;
	pc_err err;

	if (st == NULL || st->add_within == NULL)
		return pc__answer(out, PC_DECLINE, PC_RISK_R_STORE_FAULT);
	err = st->add_within(st->ctx, key, amount, limit,
			     pc__later(in->now, left), in->now, &total);
	if (err == PC_ERR_LIMIT)
		return pc__answer(out, over->verdict, over->reason);
	if (err != PC_OK)
		return pc__answer(out, PC_DECLINE, PC_RISK_R_STORE_FAULT);
	return pc__answer(out, PC_APPROVE, PC_RISK_R_OK);
}

/* A level as an array index; anything else counts as D, the strictest. */
static size_t pc__lvl(pc_risk_level l)
{
	return (unsigned)l <= (unsigned)PC_RISK_D ? (size_t)l : (size_t)PC_RISK_D;
}

pc_err pc_risk_hook_caps(const pc_risk_input *in, const void *cfg,
			 pc_risk_result *out)
{
	const pc_risk_config *c = (const pc_risk_config *)cfg;
	int64_t cap;

	if (in == NULL || c == NULL || out == NULL)
		return PC_ERR_INVALID_ARG;
	cap = c->caps.per_txn[pc__lvl(in->level)];
	if (cap <= 0)
		return pc__answer(out, PC_APPROVE, PC_RISK_R_OK);
	if (in->txn->currency != c->currency)
		return pc__answer(out, PC_DECLINE, PC_RISK_R_CURRENCY);
	if (in->txn->amount > cap)
		return pc__answer(out, PC_DECLINE, PC_RISK_R_AMOUNT_CAP);
	return pc__answer(out, PC_APPROVE, PC_RISK_R_OK);
}

/* The payment is on an allow list (红名单): no velocity counting. */
static bool pc__allowed(const pc_risk_input *in, const pc_risk_lists_cfg *l)
{
	return pc_risk_u64_list_has(&l->allow_token, in->decision->token_id) ||
	       (in->decision->form == PC_FORM_QR_OFFLINE &&
		pc_risk_u64_list_has(&l->allow_device, in->decision->cert_serial)) ||
	       pc_risk_id_list_has(&l->allow_merchant, in->txn->merchant_id) ||
	       pc_risk_id_list_has(&l->allow_terminal, in->txn->terminal_id);
}

/* Length of a NUL-terminated ID, bounded by PC_RISK_ID_MAX. */
static size_t pc__idlen(const char *id)
{
	size_t n = 0;

	while (n < PC_RISK_ID_MAX && id[n] != '\0')
		n++;
	return n;
}

/* Count one code in the current fixed window of one velocity counter:
 * kind 1 = the token (id8), kind 2 = the terminal (id text). */
static pc_err pc__velocity(const pc_risk_input *in, uint8_t kind, uint32_t max,
			   uint32_t window, pc_risk_result *out)
{
	uint8_t msg[PC__MSG_MAX], key[PC_REPLAY_KEY_LEN];
	int64_t m = in->now % (int64_t)window;
	pc_wr w;
	pc_err err;

	if (m < 0)
		m += (int64_t)window;
	pc__msg_init(&w, msg, sizeof msg, "paycode/v1/risk-velocity");
	pc__wr_u8(&w, kind);
	pc__wr_u32be(&w, window);
	if (kind == 1) {
		pc__wr_u64be(&w, in->decision->token_id);
	} else {
		pc__wr_u8(&w, (uint8_t)pc__idlen(in->txn->terminal_id));
		pc__wr_bytes(&w, in->txn->terminal_id, pc__idlen(in->txn->terminal_id));
	}
	/* window index floor(now / window), exact for negative clocks too */
	pc__wr_u64be(&w, (uint64_t)((in->now - m) / (int64_t)window));
	err = pc__bucket(&w, key);
	if (err != PC_OK)
		return err;
	return pc__count(in, key, 1, (int64_t)max, (int64_t)window - m,
			 &pc__over_velocity, out);
}

pc_err pc_risk_hook_velocity(const pc_risk_input *in, const void *cfg,
			     pc_risk_result *out)
{
	const pc_risk_config *c = (const pc_risk_config *)cfg;
	const pc_risk_velocity_cfg *v;
	pc_err err;

	if (in == NULL || c == NULL || out == NULL)
		return PC_ERR_INVALID_ARG;
	v = &c->velocity;
	if ((v->token_max != 0 && v->token_window == 0) ||
	    (v->terminal_max != 0 && v->terminal_window == 0))
		return PC_ERR_RISK_CONFIG;
	if (pc__allowed(in, &c->lists))
		return pc__answer(out, PC_APPROVE, PC_RISK_R_OK);
	if (v->token_max != 0) {
		err = pc__velocity(in, 1, v->token_max, v->token_window, out);
		if (err != PC_OK || out->verdict != PC_APPROVE)
			return err;
	}
	if (v->terminal_max != 0 && in->txn->terminal_id[0] != '\0')
		return pc__velocity(in, 2, v->terminal_max, v->terminal_window, out);
	return pc__answer(out, PC_APPROVE, PC_RISK_R_OK);
}

/* A per-token, per-local-day counter: domain || 0x00 || [level] || token || day. */
static pc_err pc__day_key(const pc_risk_input *in, const char *domain, int level,
			  int64_t day, uint8_t key[PC_REPLAY_KEY_LEN])
{
	uint8_t msg[PC__MSG_MAX];
	pc_wr w;

	pc__msg_init(&w, msg, sizeof msg, domain);
	if (level >= 0)
		pc__wr_u8(&w, (uint8_t)level);
	pc__wr_u64be(&w, in->decision->token_id);
	pc__wr_u64be(&w, (uint64_t)day);
	return pc__bucket(&w, key);
}

pc_err pc_risk_hook_offline(const pc_risk_input *in, const void *cfg,
			    pc_risk_result *out)
{
	const pc_risk_config *c = (const pc_risk_config *)cfg;
	uint8_t key[PC_REPLAY_KEY_LEN];
	int64_t day, left;
	pc_err err;

	if (in == NULL || c == NULL || out == NULL)
		return PC_ERR_INVALID_ARG;
	if (!in->offline)
		return pc__answer(out, PC_APPROVE, PC_RISK_R_OK);
	if (in->txn->currency != c->currency)
		return pc__answer(out, PC_DECLINE, PC_RISK_R_CURRENCY);
	if (in->txn->amount > c->offline.floor)
		return pc__answer(out, PC_REFER_ONLINE, PC_RISK_R_OFFLINE_FLOOR);
	day = pc__day_split(in->now, c->limits.utc_offset, &left);
	err = pc__day_key(in, "paycode/v1/risk-offline", -1, day, key);
	if (err != PC_OK)
		return err;
	return pc__count(in, key, in->txn->amount, c->offline.cumulative, left,
			 &pc__over_offline, out);
}

/* The day's limit of a level: A as agreed (0 none); B..D as configured
 * when within the regulatory cap, else the cap itself (fail safe). */
static int64_t pc__daily_limit(const pc_risk_limits_cfg *l, pc_risk_level level)
{
	static const int64_t cap[4] = { 0, PC_RISK_DAILY_B_MAX,
					PC_RISK_DAILY_C_MAX, PC_RISK_DAILY_D_MAX };
	size_t i = pc__lvl(level);

	if (i == PC_RISK_A)
		return l->daily[i] > 0 ? l->daily[i] : 0;
	return l->daily[i] >= 1 && l->daily[i] <= cap[i] ? l->daily[i] : cap[i];
}

pc_err pc_risk_hook_daily(const pc_risk_input *in, const void *cfg,
			  pc_risk_result *out)
{
	const pc_risk_config *c = (const pc_risk_config *)cfg;
	uint8_t key[PC_REPLAY_KEY_LEN];
	int64_t limit, day, left;
	pc_err err;

	if (in == NULL || c == NULL || out == NULL)
		return PC_ERR_INVALID_ARG;
	limit = pc__daily_limit(&c->limits, in->level);
	if (limit == 0)
		return pc__answer(out, PC_APPROVE, PC_RISK_R_OK);
	if (in->txn->currency != c->currency)
		return pc__answer(out, PC_DECLINE, PC_RISK_R_CURRENCY);
	day = pc__day_split(in->now, c->limits.utc_offset, &left);
	err = pc__day_key(in, "paycode/v1/risk-daily", (int)pc__lvl(in->level), day, key);
	if (err != PC_OK)
		return err;
	return pc__count(in, key, in->txn->amount, limit, left,
			 &pc__over_daily, out);
}
