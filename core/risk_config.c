/*
 * Risk configuration: defaults, the range and order rules of every
 * section, and the bounded line-oriented parser of the text format
 * documented at pc_risk_config_parse() in include/paycode/risk.h.
 *
 * The parser treats its input as untrusted (STYLE §9): it reads no byte at
 * or past text[len], keeps no state between lines besides the config and a
 * bitmask of the keys seen, and refuses a line at the first fault with its
 * number. It writes only into the caller's config, which it resets to the
 * defaults on failure so that no half-read configuration can be used.
 */
#include <string.h>

#include <paycode/risk.h>

#include "internal.h"

/* Velocity bounds: counts up to a million, windows up to 31 days. */
#define PC__VEL_MAX 1000000u
#define PC__WINDOW_MAX 2678400u

void pc_risk_config_default(pc_risk_config *c)
{
	if (c == NULL)
		return;
	memset(c, 0, sizeof *c);
	c->currency = PC_CURRENCY_CNY;
	c->limits.daily[PC_RISK_A] = 0;
	c->limits.daily[PC_RISK_B] = PC_RISK_DAILY_B_MAX; /* PC-02: 5,000 CNY */
	c->limits.daily[PC_RISK_C] = PC_RISK_DAILY_C_MAX; /* 1,000 CNY */
	c->limits.daily[PC_RISK_D] = PC_RISK_DAILY_D_MAX; /* 500 CNY */
	c->limits.utc_offset = 8 * 3600;                  /* CST, no DST */
	c->offline.floor = 10000;
	c->offline.cumulative = 50000;
	c->mcc.method = PC_RISK_M_PIN;
}

/* ---- checks ------------------------------------------------------------------ */

static bool pc__amount_ok(int64_t a)
{
	return a >= 0 && a <= PC_RISK_AMOUNT_MAX;
}

static bool pc__id_char(char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
	       (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == ':' ||
	       ch == '-';
}

/* A list entry: 1..PC_RISK_ID_MAX ID characters, then NUL. */
static bool pc__entry_ok(const char *id)
{
	size_t i;

	for (i = 0; i <= PC_RISK_ID_MAX; i++)
		if (id[i] == '\0' || !pc__id_char(id[i]))
			return i > 0 && id[i] == '\0';
	return false;
}

static bool pc__u64_list_ok(const pc_risk_u64_list *l)
{
	size_t i;

	if (l->count > PC_RISK_LIST_MAX)
		return false;
	for (i = 1; i < l->count; i++)
		if (l->v[i - 1] >= l->v[i])
			return false;
	return true;
}

static bool pc__id_list_ok(const pc_risk_id_list *l)
{
	size_t i;

	if (l->count > PC_RISK_LIST_MAX)
		return false;
	for (i = 0; i < l->count; i++)
		if (!pc__entry_ok(l->v[i]) ||
		    (i > 0 && strcmp(l->v[i - 1], l->v[i]) >= 0))
			return false;
	return true;
}

static bool pc__mcc_list_ok(const pc_risk_mcc_list *l)
{
	size_t i;

	if (l->count > PC_RISK_MCC_MAX)
		return false;
	for (i = 0; i < l->count; i++)
		if (l->v[i] > 9999 || (i > 0 && l->v[i - 1] >= l->v[i]))
			return false;
	return true;
}

static bool pc__lists_ok(const pc_risk_lists_cfg *l)
{
	return pc__u64_list_ok(&l->deny_token) && pc__u64_list_ok(&l->allow_token) &&
	       pc__u64_list_ok(&l->deny_device) && pc__u64_list_ok(&l->allow_device) &&
	       pc__id_list_ok(&l->deny_merchant) && pc__id_list_ok(&l->allow_merchant) &&
	       pc__id_list_ok(&l->deny_terminal) && pc__id_list_ok(&l->allow_terminal);
}

static bool pc__velocity_ok(uint32_t max, uint32_t window)
{
	return max <= PC__VEL_MAX && window <= PC__WINDOW_MAX &&
	       (max == 0 || window >= 1);
}

static bool pc__binding_ok(const pc_risk_binding_cfg *b)
{
	size_t i;

	if (b->count > PC_RISK_BIND_MAX || b->require_bound > 1 ||
	    b->require_device > 1)
		return false;
	for (i = 1; i < b->count; i++)
		if (b->bind[i - 1].token >= b->bind[i].token)
			return false;
	return true;
}

/* The amount rules: PC-02 caps for B..D, 0..10^15 elsewhere. */
static bool pc__amounts_ok(const pc_risk_config *c)
{
	const int64_t *d = c->limits.daily;
	size_t i;

	for (i = 0; i < 4; i++)
		if (!pc__amount_ok(c->caps.per_txn[i]))
			return false;
	return pc__amount_ok(d[PC_RISK_A]) &&
	       d[PC_RISK_B] >= 1 && d[PC_RISK_B] <= PC_RISK_DAILY_B_MAX &&
	       d[PC_RISK_C] >= 1 && d[PC_RISK_C] <= PC_RISK_DAILY_C_MAX &&
	       d[PC_RISK_D] >= 1 && d[PC_RISK_D] <= PC_RISK_DAILY_D_MAX &&
	       pc__amount_ok(c->offline.floor) && pc__amount_ok(c->offline.cumulative);
}

pc_err pc_risk_config_check(const pc_risk_config *c)
{
	int32_t off;

	if (c == NULL)
		return PC_ERR_INVALID_ARG;
	off = c->limits.utc_offset;
	if (c->currency < 1 || c->currency > 999 || !pc__amounts_ok(c) ||
	    off < -12 * 3600 || off > 14 * 3600 || off % 60 != 0 ||
	    !pc__velocity_ok(c->velocity.token_max, c->velocity.token_window) ||
	    !pc__velocity_ok(c->velocity.terminal_max, c->velocity.terminal_window) ||
	    !pc__lists_ok(&c->lists) || !pc__binding_ok(&c->binding) ||
	    !pc__mcc_list_ok(&c->mcc.block) || !pc__mcc_list_ok(&c->mcc.step_up) ||
	    c->mcc.method < PC_RISK_M_PIN || c->mcc.method > PC_RISK_M_CERT)
		return PC_ERR_RISK_CONFIG;
	return PC_OK;
}

/* ---- values ------------------------------------------------------------------ */

/* A token of the value: s[0..n), already trimmed. */
typedef struct pc__span {
	const char *s;
	size_t n;
} pc__span;

static bool pc__space(char ch)
{
	return ch == ' ' || ch == '\t';
}

static pc__span pc__trim(const char *s, size_t n)
{
	pc__span t;

	while (n > 0 && pc__space(s[0])) {
		s++;
		n--;
	}
	while (n > 0 && pc__space(s[n - 1]))
		n--;
	t.s = s;
	t.n = n;
	return t;
}

/* Decimal digits only, value <= max. */
static bool pc__dec(pc__span v, uint64_t max, uint64_t *out)
{
	uint64_t x = 0;
	size_t i;

	if (v.n == 0)
		return false;
	for (i = 0; i < v.n; i++) {
		unsigned d = (unsigned)(v.s[i] - '0');

		if (v.s[i] < '0' || v.s[i] > '9' || x > (max - d) / 10)
			return false;
		x = x * 10 + d;
	}
	*out = x;
	return true;
}

/* Digits only (any length): a number too large rather than no number. */
static bool pc__digits(pc__span v)
{
	size_t i;

	for (i = 0; i < v.n; i++)
		if (v.s[i] < '0' || v.s[i] > '9')
			return false;
	return v.n > 0;
}

/* A token ID: exactly 16 hex digits, either case (as the CLI files). */
static bool pc__hex64(pc__span v, uint64_t *out)
{
	uint64_t x = 0;
	size_t i;

	if (v.n != 16)
		return false;
	for (i = 0; i < 16; i++) {
		char ch = v.s[i];
		unsigned d;

		if (ch >= '0' && ch <= '9')
			d = (unsigned)(ch - '0');
		else if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'f')
			d = (unsigned)((ch | 0x20) - 'a' + 10);
		else
			return false;
		x = x << 4 | d;
	}
	*out = x;
	return true;
}

/* Split v at the first `sep` into two trimmed halves. */
static bool pc__split(pc__span v, char sep, pc__span *a, pc__span *b)
{
	const char *at = (const char *)memchr(v.s, sep, v.n);

	if (at == NULL)
		return false;
	*a = pc__trim(v.s, (size_t)(at - v.s));
	*b = pc__trim(at + 1, v.n - (size_t)(at - v.s) - 1);
	return true;
}

#define PC__NUMBER "not a decimal number"
#define PC__RANGE "value out of range"

/* A decimal amount within lo..hi into *out. */
static const char *pc__amount(pc__span v, int64_t lo, int64_t hi, int64_t *out)
{
	uint64_t x;

	if (!pc__dec(v, UINT64_MAX, &x))
		return pc__digits(v) ? PC__RANGE : PC__NUMBER;
	if (x < (uint64_t)lo || x > (uint64_t)hi)
		return PC__RANGE;
	*out = (int64_t)x;
	return NULL;
}

/* [+-]HH:MM within -12:00 .. +14:00. */
static const char *pc__offset(pc__span v, int32_t *out)
{
	pc__span hh, mm;
	uint64_t h, m;
	int64_t s;

	if (v.n != 6 || (v.s[0] != '+' && v.s[0] != '-') || v.s[3] != ':')
		return "bad UTC offset, expected [+-]HH:MM";
	hh.s = v.s + 1;
	hh.n = 2;
	mm.s = v.s + 4;
	mm.n = 2;
	if (!pc__dec(hh, 99, &h) || !pc__dec(mm, 99, &m))
		return "bad UTC offset, expected [+-]HH:MM";
	s = (int64_t)(h * 3600 + m * 60);
	if (v.s[0] == '-')
		s = -s;
	if (m > 59 || s < -12 * 3600 || s > 14 * 3600)
		return PC__RANGE;
	*out = (int32_t)s;
	return NULL;
}

/* N/W: N 0..10^6 codes per W 1..31 days seconds. */
static const char *pc__rate(pc__span v, uint32_t *max, uint32_t *window)
{
	pc__span a, b;
	uint64_t n, w;

	if (!pc__split(v, '/', &a, &b) || !pc__dec(a, UINT64_MAX, &n) ||
	    !pc__dec(b, UINT64_MAX, &w))
		return "bad velocity, expected N/W";
	if (n > PC__VEL_MAX || w < 1 || w > PC__WINDOW_MAX)
		return PC__RANGE;
	*max = (uint32_t)n;
	*window = (uint32_t)w;
	return NULL;
}

static const char *pc__yesno(pc__span v, uint8_t *out)
{
	if (v.n == 3 && memcmp(v.s, "yes", 3) == 0)
		*out = 1;
	else if (v.n == 2 && memcmp(v.s, "no", 2) == 0)
		*out = 0;
	else
		return "expected yes or no";
	return NULL;
}

static const char *pc__method(pc__span v, pc_risk_method *out)
{
	static const char *const names[] = { "pin", "otp", "biometric", "cert" };
	size_t i;

	for (i = 0; i < PC_ARRAY_LEN(names); i++)
		if (v.n == strlen(names[i]) && memcmp(v.s, names[i], v.n) == 0) {
			*out = (pc_risk_method)(PC_RISK_M_PIN + (int)i);
			return NULL;
		}
	return "unknown step-up method";
}

/* ---- sorted inserts ------------------------------------------------------------ */

#define PC__DUP "duplicate list entry"
#define PC__FULL "list full"

static const char *pc__u64_add(pc_risk_u64_list *l, uint64_t v)
{
	size_t i;

	if (pc_risk_u64_list_has(l, v))
		return PC__DUP;
	if (l->count >= PC_RISK_LIST_MAX)
		return PC__FULL;
	for (i = l->count; i > 0 && l->v[i - 1] > v; i--)
		l->v[i] = l->v[i - 1];
	l->v[i] = v;
	l->count++;
	return NULL;
}

static const char *pc__id_add(pc_risk_id_list *l, pc__span v)
{
	char id[PC_RISK_ID_MAX + 1];
	size_t i;

	for (i = 0; i < v.n; i++)
		if (!pc__id_char(v.s[i]))
			return "bad ID character";
	if (v.n > PC_RISK_ID_MAX)
		return "ID too long";
	memset(id, 0, sizeof id);
	memcpy(id, v.s, v.n);
	if (pc_risk_id_list_has(l, id))
		return PC__DUP;
	if (l->count >= PC_RISK_LIST_MAX)
		return PC__FULL;
	for (i = l->count; i > 0 && strcmp(l->v[i - 1], id) > 0; i--)
		memcpy(l->v[i], l->v[i - 1], sizeof l->v[i]);
	memcpy(l->v[i], id, sizeof id);
	l->count++;
	return NULL;
}

static const char *pc__mcc_add(pc_risk_mcc_list *l, pc__span v)
{
	uint64_t x;
	size_t i;

	if (!pc__dec(v, UINT64_MAX, &x))
		return PC__NUMBER;
	if (x > 9999)
		return PC__RANGE;
	if (pc_risk_mcc_list_has(l, (uint16_t)x))
		return PC__DUP;
	if (l->count >= PC_RISK_MCC_MAX)
		return PC__FULL;
	for (i = l->count; i > 0 && l->v[i - 1] > x; i--)
		l->v[i] = l->v[i - 1];
	l->v[i] = (uint16_t)x;
	l->count++;
	return NULL;
}

static const char *pc__bind_add(pc_risk_binding_cfg *b, pc__span v)
{
	pc__span t, s;
	uint64_t token, serial;
	size_t i;

	if (!pc__split(v, ':', &t, &s) || !pc__hex64(t, &token) ||
	    !pc__dec(s, UINT64_MAX, &serial))
		return "bad binding, expected TOKEN:SERIAL";
	if (pc_risk_binding_find(b, token, NULL))
		return "token bound twice";
	if (b->count >= PC_RISK_BIND_MAX)
		return PC__FULL;
	for (i = b->count; i > 0 && b->bind[i - 1].token > token; i--)
		b->bind[i] = b->bind[i - 1];
	b->bind[i].token = token;
	b->bind[i].serial = serial;
	b->count++;
	return NULL;
}

/* ---- keys ------------------------------------------------------------------------ */

/* One key of the format: its setter gets the trimmed, non-empty value and
 * the key's argument (a level, or which list); NULL means accepted. */
typedef struct pc__key {
	const char *name;
	const char *(*set)(pc_risk_config *c, pc__span v, unsigned arg);
	unsigned arg;
	uint8_t list;   /* 1: comma-separated entries, the key may repeat */
} pc__key;

static const char *pc__set_currency(pc_risk_config *c, pc__span v, unsigned arg)
{
	int64_t x;
	const char *what = pc__amount(v, 1, 999, &x);

	(void)arg;
	if (what == NULL)
		c->currency = (uint16_t)x;
	return what;
}

static const char *pc__set_daily(pc_risk_config *c, pc__span v, unsigned arg)
{
	static const int64_t hi[4] = { PC_RISK_AMOUNT_MAX, PC_RISK_DAILY_B_MAX,
				       PC_RISK_DAILY_C_MAX, PC_RISK_DAILY_D_MAX };

	/* PC-02: B..D may be lowered, never raised or turned off; A by agreement */
	return pc__amount(v, arg == PC_RISK_A ? 0 : 1, hi[arg], &c->limits.daily[arg]);
}

static const char *pc__set_offset(pc_risk_config *c, pc__span v, unsigned arg)
{
	(void)arg;
	return pc__offset(v, &c->limits.utc_offset);
}

static const char *pc__set_velocity(pc_risk_config *c, pc__span v, unsigned arg)
{
	pc_risk_velocity_cfg *r = &c->velocity;

	return arg == 0 ? pc__rate(v, &r->token_max, &r->token_window) :
	       pc__rate(v, &r->terminal_max, &r->terminal_window);
}

/* arg: 0 deny.token, 1 allow.token, 2 deny.device, 3 allow.device. */
static const char *pc__set_u64(pc_risk_config *c, pc__span v, unsigned arg)
{
	pc_risk_u64_list *const lists[4] = { &c->lists.deny_token, &c->lists.allow_token,
					     &c->lists.deny_device, &c->lists.allow_device };
	uint64_t x;

	if (arg < 2 && !pc__hex64(v, &x))
		return "bad token ID, expected 16 hex digits";
	if (arg >= 2 && !pc__dec(v, UINT64_MAX, &x))
		return PC__NUMBER;
	return pc__u64_add(lists[arg], x);
}

/* arg: 0 deny.merchant, 1 allow.merchant, 2 deny.terminal, 3 allow.terminal. */
static const char *pc__set_id(pc_risk_config *c, pc__span v, unsigned arg)
{
	pc_risk_id_list *const lists[4] = { &c->lists.deny_merchant, &c->lists.allow_merchant,
					    &c->lists.deny_terminal, &c->lists.allow_terminal };

	return pc__id_add(lists[arg], v);
}

/* arg: 0 offline.floor, 1 offline.cumulative, 2.. cap.A..D. */
static const char *pc__set_amount(pc_risk_config *c, pc__span v, unsigned arg)
{
	int64_t *const at[6] = { &c->offline.floor, &c->offline.cumulative,
				 &c->caps.per_txn[0], &c->caps.per_txn[1],
				 &c->caps.per_txn[2], &c->caps.per_txn[3] };

	return pc__amount(v, 0, PC_RISK_AMOUNT_MAX, at[arg]);
}

static const char *pc__set_bind(pc_risk_config *c, pc__span v, unsigned arg)
{
	(void)arg;
	return pc__bind_add(&c->binding, v);
}

static const char *pc__set_flag(pc_risk_config *c, pc__span v, unsigned arg)
{
	return pc__yesno(v, arg == 0 ? &c->binding.require_bound :
			 &c->binding.require_device);
}

static const char *pc__set_mcc(pc_risk_config *c, pc__span v, unsigned arg)
{
	return pc__mcc_add(arg == 0 ? &c->mcc.block : &c->mcc.step_up, v);
}

static const char *pc__set_method(pc_risk_config *c, pc__span v, unsigned arg)
{
	(void)arg;
	return pc__method(v, &c->mcc.method);
}

static const pc__key pc__keys[] = {
	{ "currency", pc__set_currency, 0, 0 },
	{ "daily.A", pc__set_daily, PC_RISK_A, 0 },
	{ "daily.B", pc__set_daily, PC_RISK_B, 0 },
	{ "daily.C", pc__set_daily, PC_RISK_C, 0 },
	{ "daily.D", pc__set_daily, PC_RISK_D, 0 },
	{ "utc_offset", pc__set_offset, 0, 0 },
	{ "velocity.token", pc__set_velocity, 0, 0 },
	{ "velocity.terminal", pc__set_velocity, 1, 0 },
	{ "deny.token", pc__set_u64, 0, 1 },
	{ "allow.token", pc__set_u64, 1, 1 },
	{ "deny.device", pc__set_u64, 2, 1 },
	{ "allow.device", pc__set_u64, 3, 1 },
	{ "deny.merchant", pc__set_id, 0, 1 },
	{ "allow.merchant", pc__set_id, 1, 1 },
	{ "deny.terminal", pc__set_id, 2, 1 },
	{ "allow.terminal", pc__set_id, 3, 1 },
	{ "offline.floor", pc__set_amount, 0, 0 },
	{ "offline.cumulative", pc__set_amount, 1, 0 },
	{ "cap.A", pc__set_amount, 2, 0 },
	{ "cap.B", pc__set_amount, 3, 0 },
	{ "cap.C", pc__set_amount, 4, 0 },
	{ "cap.D", pc__set_amount, 5, 0 },
	{ "bind", pc__set_bind, 0, 1 },
	{ "bind.require_bound", pc__set_flag, 0, 0 },
	{ "bind.require_device", pc__set_flag, 1, 0 },
	{ "mcc.block", pc__set_mcc, 0, 1 },
	{ "mcc.step_up", pc__set_mcc, 1, 1 },
	{ "mcc.step_up_method", pc__set_method, 0, 0 },
};

/* ---- lines ----------------------------------------------------------------------- */

/* Apply a list key to each comma-separated entry of v. */
static const char *pc__entries(pc_risk_config *c, const pc__key *k, pc__span v)
{
	const char *what;
	pc__span e, rest;

	for (;;) {
		if (!pc__split(v, ',', &e, &rest)) {
			e = v;
			rest.n = 0;
			rest.s = NULL;
		}
		if (e.n == 0)
			return "empty list entry";
		what = k->set(c, e, k->arg);
		if (what != NULL || rest.s == NULL)
			return what;
		v = rest;
	}
}

static const pc__key *pc__find_key(pc__span k, size_t *index)
{
	size_t i;

	for (i = 0; i < PC_ARRAY_LEN(pc__keys); i++)
		if (strlen(pc__keys[i].name) == k.n &&
		    memcmp(pc__keys[i].name, k.s, k.n) == 0) {
			*index = i;
			return &pc__keys[i];
		}
	return NULL;
}

/* One line without its end: s[0..n), n <= PC_RISK_LINE_MAX. */
static const char *pc__line(pc_risk_config *c, uint64_t *seen, const char *s, size_t n)
{
	const pc__key *k;
	pc__span line, key, val;
	size_t i, index = 0;

	for (i = 0; i < n; i++)
		if (s[i] != '\t' && (s[i] < 0x20 || s[i] > 0x7E))
			return "control or non-ASCII byte";
	for (i = 0; i < n && s[i] != '#'; i++)
		;
	line = pc__trim(s, i);
	if (line.n == 0)
		return NULL;
	if (!pc__split(line, '=', &key, &val) || key.n == 0)
		return "expected key = value";
	k = pc__find_key(key, &index);
	if (k == NULL)
		return "unknown key";
	if (val.n == 0)
		return "empty value";
	if (!k->list && (*seen >> index & 1u))
		return "duplicate key";
	*seen |= (uint64_t)1 << index;
	return k->list ? pc__entries(c, k, val) : k->set(c, val, k->arg);
}

static pc_err pc__fail(pc_risk_config *c, pc_risk_config_error *err,
		       uint32_t line, const char *what)
{
	pc_risk_config_default(c);
	if (err != NULL) {
		err->line = line;
		err->what = what;
	}
	return PC_ERR_RISK_CONFIG;
}

pc_err pc_risk_config_parse(pc_risk_config *c, const char *text, size_t len,
			    pc_risk_config_error *err)
{
	const char *what, *eol;
	uint64_t seen = 0;
	uint32_t line = 0;
	size_t pos = 0, n;

	if (c == NULL || (text == NULL && len > 0))
		return PC_ERR_INVALID_ARG;
	pc_risk_config_default(c);
	if (err != NULL) {
		err->line = 0;
		err->what = NULL;
	}
	while (pos < len) {
		line = line < UINT32_MAX ? line + 1 : line;
		eol = (const char *)memchr(text + pos, '\n', len - pos);
		n = eol != NULL ? (size_t)(eol - (text + pos)) : len - pos;
		if (n > 0 && text[pos + n - 1] == '\r')
			n--; /* CRLF; a CR anywhere else is a control byte */
		what = n > PC_RISK_LINE_MAX ? "line too long" :
		       pc__line(c, &seen, text + pos, n);
		if (what != NULL)
			return pc__fail(c, err, line, what);
		pos = eol != NULL ? (size_t)(eol - text) + 1 : len;
	}
	/* every setter enforces its own range: the whole must pass */
	if (PC_NEVER(pc_risk_config_check(c) != PC_OK))
		return pc__fail(c, err, 0, "inconsistent configuration");
	return PC_OK;
}
