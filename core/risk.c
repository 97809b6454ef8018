/*
 * Risk engine: levels (cn-payment-rules PC-01), names, hook registration,
 * the ordered run with its trail (ARCHITECTURE §3), and pc_authorize(),
 * which puts the hooks after the validation pipeline (SPEC §3.6).
 */
#include <string.h>

#include <paycode/risk.h>

#include "internal.h"

/* ---- levels and factors (PC-01) ------------------------------------------ */

unsigned pc_factor_classes(pc_factors f)
{
	/* OTP and certificate are both class 2 (公告〔2015〕第43号). */
	return (unsigned)((f & PC_FACTOR_KNOWLEDGE) != 0) +
	       (unsigned)((f & (PC_FACTOR_OTP | PC_FACTOR_CERT)) != 0) +
	       (unsigned)((f & PC_FACTOR_BIOMETRIC) != 0);
}

pc_risk_level pc_risk_level_of(pc_factors factors, bool static_code)
{
	if (static_code)
		return PC_RISK_D;
	if (pc_factor_classes(factors) < 2)
		return PC_RISK_C;
	return (factors & PC_FACTOR_CERT) ? PC_RISK_A : PC_RISK_B;
}

const char *pc_risk_level_name(pc_risk_level l)
{
	switch (l) {
	case PC_RISK_A: return "A";
	case PC_RISK_B: return "B";
	case PC_RISK_C: return "C";
	case PC_RISK_D: return "D";
	default: return "?";
	}
}

pc_factors pc_risk_code_factors(const pc_decision *d)
{
	pc_factors f;

	if (d == NULL || d->verdict != PC_APPROVE)
		return 0;
	f = PC_FACTOR_OTP;
	if (d->form == PC_FORM_QR_OFFLINE)
		f |= PC_FACTOR_CERT;
	/* An offline code's biometric claim counts only when the provider
	 * certified the device for it (PC_CERT_F_BIOMETRIC, SPEC §4.3): a
	 * device whose biometric class the provider did not accept cannot
	 * lower the risk level by setting a flag. Online codes: the provider
	 * knows the token's device and decides before issuing the token key. */
	if ((d->flags & PC_CODE_F_UV_BIOMETRIC) &&
	    (d->form != PC_FORM_QR_OFFLINE ||
	     (d->cert_flags & PC_CERT_F_BIOMETRIC)))
		f |= PC_FACTOR_BIOMETRIC;
	if (d->flags & PC_CODE_F_UV_PIN)
		f |= PC_FACTOR_KNOWLEDGE;
	return f;
}

/* ---- names ------------------------------------------------------------------ */

const char *pc_risk_reason_name(pc_risk_reason r)
{
	static const char *const names[] = {
		"OK", "LIMIT_DAILY", "VELOCITY", "DENY_LISTED", "OFFLINE_FLOOR",
		"OFFLINE_CUMULATIVE", "AMOUNT_CAP", "DEVICE_BINDING",
		"MCC_BLOCKED", "MCC_STEP_UP", "STORE_FAULT", "HOOK_FAULT",
		"CURRENCY", "CODE", "TIME_UNKNOWN"
	};

	if ((unsigned)r < PC_ARRAY_LEN(names))
		return names[r];
	if ((unsigned)r >= PC_RISK_R_CUSTOM && (unsigned)r <= 0xFFFFu)
		return "CUSTOM";
	return "UNKNOWN";
}

const char *pc_risk_method_name(pc_risk_method m)
{
	switch (m) {
	case PC_RISK_M_NONE: return "NONE";
	case PC_RISK_M_PIN: return "PIN";
	case PC_RISK_M_OTP: return "OTP";
	case PC_RISK_M_BIOMETRIC: return "BIOMETRIC";
	case PC_RISK_M_CERT: return "CERT";
	default: return "UNKNOWN";
	}
}

pc_factors pc_risk_method_factor(pc_risk_method m)
{
	switch (m) {
	case PC_RISK_M_PIN: return PC_FACTOR_KNOWLEDGE;
	case PC_RISK_M_OTP: return PC_FACTOR_OTP;
	case PC_RISK_M_BIOMETRIC: return PC_FACTOR_BIOMETRIC;
	case PC_RISK_M_CERT: return PC_FACTOR_CERT;
	case PC_RISK_M_NONE:
	default: return 0;
	}
}

/* ---- transactions ----------------------------------------------------------- */

static bool pc__id_char(char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
	       (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == ':' ||
	       ch == '-';
}

/* A NUL-terminated ID of at most PC_RISK_ID_MAX characters of the class. */
static bool pc__id_ok(const char id[PC_RISK_ID_MAX + 1])
{
	size_t i;

	for (i = 0; i <= PC_RISK_ID_MAX; i++) {
		if (id[i] == '\0')
			return true;
		if (!pc__id_char(id[i]))
			return false;
	}
	return false;
}

pc_err pc_txn_check(const pc_txn *t)
{
	if (t == NULL || t->amount < 1 || t->amount > PC_RISK_AMOUNT_MAX ||
	    t->currency < 1 || t->currency > 999 || t->mcc > 9999 ||
	    !pc__id_ok(t->merchant_id) || !pc__id_ok(t->terminal_id) ||
	    t->has_location > 1 || t->offline > 1)
		return PC_ERR_INVALID_ARG;
	if (t->has_location &&
	    (t->lat < -90000000 || t->lat > 90000000 ||
	     t->lon < -180000000 || t->lon > 180000000))
		return PC_ERR_INVALID_ARG;
	return PC_OK;
}

/* ---- engine ------------------------------------------------------------------ */

void pc_risk_engine_init(pc_risk_engine *e)
{
	if (e != NULL)
		memset(e, 0, sizeof *e);
}

void pc_risk_engine_wipe(pc_risk_engine *e)
{
	pc_wipe(e, e == NULL ? 0 : sizeof *e);
}

pc_err pc_risk_engine_add(pc_risk_engine *e, const pc_risk_hook *h)
{
	size_t n;

	if (e == NULL || h == NULL || h->name == NULL || h->fn == NULL)
		return PC_ERR_INVALID_ARG;
	for (n = 0; n <= PC_RISK_NAME_MAX && h->name[n] != '\0'; n++)
		;
	if (n == 0 || n > PC_RISK_NAME_MAX)
		return PC_ERR_INVALID_ARG;
	if (e->count >= PC_RISK_MAX_HOOKS)
		return PC_ERR_CAPACITY;
	memset(e->hook[e->count].name, 0, sizeof e->hook[e->count].name);
	memcpy(e->hook[e->count].name, h->name, n);
	e->hook[e->count].fn = h->fn;
	e->hook[e->count].cfg = h->cfg;
	e->count++;
	return PC_OK;
}

pc_err pc_risk_engine_add_builtins(pc_risk_engine *e, const pc_risk_config *cfg)
{
	const pc_risk_hook builtins[] = {
		{ "lists", pc_risk_hook_lists, cfg },
		{ "binding", pc_risk_hook_binding, cfg },
		{ "mcc", pc_risk_hook_mcc, cfg },
		{ "caps", pc_risk_hook_caps, cfg },
		{ "velocity", pc_risk_hook_velocity, cfg },
		{ "offline", pc_risk_hook_offline, cfg },
		{ "daily", pc_risk_hook_daily, cfg },
	};
	pc_err err;
	size_t i;

	if (e == NULL || cfg == NULL || e->count > PC_RISK_MAX_HOOKS)
		return PC_ERR_INVALID_ARG;
	err = pc_risk_config_check(cfg);
	if (err != PC_OK)
		return err;
	if ((size_t)(PC_RISK_MAX_HOOKS - e->count) < PC_ARRAY_LEN(builtins))
		return PC_ERR_CAPACITY;
	for (i = 0; i < PC_ARRAY_LEN(builtins); i++) {
		err = pc_risk_engine_add(e, &builtins[i]);
		if (PC_NEVER(err != PC_OK))
			return err;
	}
	return PC_OK;
}

/* Fill the fields every outcome carries (PC-03). */
static void pc__outcome_init(pc_risk_outcome *out, pc_factors factors,
			     pc_risk_level level)
{
	memset(out, 0, sizeof *out);
	out->verdict = PC_APPROVE;
	out->reason = PC_RISK_R_OK;
	out->method = PC_RISK_M_NONE;
	out->level = level;
	out->factors = factors;
	out->liability = level == PC_RISK_C;
	out->decided_by = 0xFF;
}

static bool pc__store_fault(pc_err err)
{
	return err == PC_ERR_STORE_UNAVAILABLE || err == PC_ERR_STORE_REPLY ||
	       err == PC_ERR_CAPACITY || err == PC_ERR_STORAGE;
}

/* Call one hook; a failure or an answer outside the contract declines. */
static void pc__call(const pc_risk_engine *e, size_t i, const pc_risk_input *in,
		     pc_risk_result *res)
{
	pc_err err;

	res->verdict = PC_DECLINE;
	res->reason = PC_RISK_R_HOOK_FAULT;
	res->method = PC_RISK_M_NONE;
	err = e->hook[i].fn(in, e->hook[i].cfg, res);
	if (err != PC_OK) {
		res->verdict = PC_DECLINE;
		res->reason = pc__store_fault(err) ? PC_RISK_R_STORE_FAULT :
			      PC_RISK_R_HOOK_FAULT;
		res->method = PC_RISK_M_NONE;
	} else if ((unsigned)res->verdict > (unsigned)PC_REFER_ONLINE) {
		res->verdict = PC_DECLINE;
		res->reason = PC_RISK_R_HOOK_FAULT;
		res->method = PC_RISK_M_NONE;
	}
}

pc_err pc_risk_run(const pc_risk_engine *e, const pc_risk_input *in,
		   pc_risk_outcome *out)
{
	pc_risk_input x;
	pc_risk_result res;
	size_t i;

	if (e == NULL || in == NULL || out == NULL || in->decision == NULL ||
	    in->store == NULL || e->count > PC_RISK_MAX_HOOKS ||
	    pc_txn_check(in->txn) != PC_OK)
		return PC_ERR_INVALID_ARG;
	x = *in;
	x.level = pc_risk_level_of(x.factors, x.static_code);
	pc__outcome_init(out, x.factors, x.level);
	for (i = 0; i < e->count; i++) {
		pc__call(e, i, &x, &res);
		memcpy(out->trail[i].name, e->hook[i].name, sizeof out->trail[i].name);
		out->trail[i].verdict = res.verdict;
		out->trail[i].reason = res.reason;
		out->trail[i].method = res.method;
		out->ran = (uint8_t)(i + 1);
		if (res.verdict != PC_APPROVE) {
			out->verdict = res.verdict;
			out->reason = res.reason;
			out->method = res.method;
			out->decided_by = (uint8_t)i;
			break;
		}
	}
	return PC_OK;
}

/* ---- authorisation -------------------------------------------------------- */

pc_err pc_authorize(pc_validator *v, const pc_risk_engine *e, const char *code,
		    size_t len, const pc_txn *txn, pc_factors factors,
		    pc_decision *d, pc_risk_outcome *out)
{
	pc_risk_input in;
	pc_err err;

	if (v == NULL || e == NULL || code == NULL || d == NULL || out == NULL ||
	    (factors & ~(pc_factors)(PC_FACTOR_ALL | PC_FACTOR_FROM_CODE)) != 0 ||
	    pc_txn_check(txn) != PC_OK)
		return PC_ERR_INVALID_ARG;
	err = pc_validate(v, code, len, d);
	if (err != PC_OK)
		return err;
	memset(&in, 0, sizeof in);
	in.factors = factors & PC_FACTOR_ALL;
	if (factors & PC_FACTOR_FROM_CODE)
		in.factors |= pc_risk_code_factors(d);
	in.level = pc_risk_level_of(in.factors, false);
	pc__outcome_init(out, in.factors, in.level);
	if (d->verdict != PC_APPROVE) {
		out->verdict = d->verdict;
		out->reason = PC_RISK_R_CODE;
		return PC_OK;
	}
	/* A second clock reading: the validator does not export its own. An
	 * unknown time now fails closed; the code stays consumed. */
	if (pc_platform_time(v->plat, &in.now) != PC_OK) {
		out->verdict = PC_DECLINE;
		out->reason = PC_RISK_R_TIME_UNKNOWN;
		return PC_OK;
	}
	in.decision = d;
	in.txn = txn;
	in.offline = txn->offline != 0 || v->mode == PC_MODE_TERMINAL;
	in.store = v->store;
	return pc_risk_run(e, &in, out);
}
