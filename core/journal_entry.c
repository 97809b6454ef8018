/*
 * Journal entries and names: what one DECISION record says (EV-03,
 * PC-03), filled from a validation and its risk outcome.
 */
#include <string.h>

#include "journal_int.h"

void pc_journal_cfg_default(pc_journal_cfg *c)
{
	if (c == NULL)
		return;
	memset(c, 0, sizeof *c);
	c->key_id = 1;
	c->every = 64;
	c->seconds = 300;
}

/* The token ID is known once a QR form is parsed; for the numeric form
 * only once the provider has looked its alias up (as `code verify`). */
static uint8_t token_known(const pc_decision *d)
{
	if (d->form == PC_FORM_NUMERIC)
		return d->reason != PC_R_ONLINE_REQUIRED && d->reason != PC_R_UNKNOWN_TOKEN;
	return d->form != 0;
}

/* Without hooks: the code decides alone, as pc_authorize() does for a
 * refused code, at the level of the factors the code proves. */
static void outcome_of_code(pc_journal_entry *e, const pc_decision *d)
{
	pc_factors f = pc_risk_code_factors(d);

	e->factors = (uint8_t)f;
	e->level = (uint8_t)pc_risk_level_of(f, false);
	e->verdict = (uint8_t)d->verdict;
	e->risk_reason = d->verdict == PC_APPROVE ? PC_RISK_R_OK : PC_RISK_R_CODE;
	e->method = PC_RISK_M_NONE;
}

/* A value that fits the 16-bit reason field (enums may be narrower). */
static bool fits16(unsigned long v)
{
	return v <= 0xFFFFu;
}

static pc_err outcome_copy(pc_journal_entry *e, const pc_risk_outcome *o)
{
	size_t i;

	if (o->ran > PC_RISK_MAX_HOOKS || o->level > PC_RISK_D ||
	    o->verdict > PC_REFER_ONLINE || !fits16((unsigned long)o->reason) ||
	    o->method > PC_RISK_M_CERT)
		return PC_ERR_INVALID_ARG;
	e->factors = (uint8_t)(o->factors & PC_FACTOR_ALL);
	e->level = (uint8_t)o->level;
	e->verdict = (uint8_t)o->verdict;
	e->risk_reason = (uint16_t)o->reason;
	e->method = (uint8_t)o->method;
	e->trail_len = o->ran;
	for (i = 0; i < o->ran; i++) {
		e->trail[i] = o->trail[i];
		e->trail[i].name[PC_RISK_NAME_MAX] = '\0';
		if (e->trail[i].name[0] == '\0' ||
		    (unsigned)e->trail[i].verdict > PC_REFER_ONLINE ||
		    !fits16((unsigned long)e->trail[i].reason) ||
		    (unsigned)e->trail[i].method > PC_RISK_M_CERT)
			return PC_ERR_INVALID_ARG;
	}
	return PC_OK;
}

static void decision_copy(pc_journal_entry *e, const pc_decision *d)
{
	memcpy(e->digest, d->digest, 32);
	e->form = (uint8_t)d->form;
	e->token_known = token_known(d);
	e->token_id = e->token_known ? d->token_id : 0;
	e->cert_serial = d->cert_serial;
	e->counter = d->counter;
	e->gen_time = d->gen_time;
	e->code_flags = d->flags;
	e->consumed = d->consumed;
	e->code_verdict = (uint8_t)d->verdict;
	e->code_reason = (uint8_t)d->reason;
}

pc_err pc_journal_entry_fill(pc_journal_entry *e, const char *txn_id, pc_mode mode,
			     const pc_code_params *params, const pc_decision *d,
			     const pc_txn *txn, const pc_risk_outcome *outcome)
{
	pc_code_params p;
	pc_err err = PC_OK;

	if (e == NULL || d == NULL ||
	    (mode != PC_MODE_TERMINAL && mode != PC_MODE_PROVIDER) ||
	    (txn_id != NULL && !pc__j_id_ok(txn_id, PC_RISK_ID_MAX)) ||
	    (txn != NULL && pc_txn_check(txn) != PC_OK) ||
	    (unsigned)d->verdict > PC_REFER_ONLINE || (unsigned)d->reason > PC_R_CRL_STALE ||
	    (unsigned)d->form > PC_FORM_QR_OFFLINE || d->gen_time < 0)
		return PC_ERR_INVALID_ARG;
	pc_code_params_default(&p);
	if (params != NULL)
		p = *params;
	memset(e, 0, sizeof *e);
	if (txn_id != NULL)
		memcpy(e->txn_id, txn_id, strlen(txn_id) + 1u);
	e->mode = (uint8_t)mode;
	e->ttl = p.ttl;
	e->skew = p.skew;
	decision_copy(e, d);
	if (txn != NULL) {
		e->has_txn = 1;
		e->txn = *txn;
	}
	if (outcome != NULL)
		err = outcome_copy(e, outcome);
	else
		outcome_of_code(e, d);
	e->liability = e->level == PC_RISK_C;
	if (err == PC_OK && !pc__j_entry_consistent(e))
		err = PC_ERR_INVALID_ARG;
	if (err != PC_OK)
		memset(e, 0, sizeof *e);
	return err;
}

const char *pc_journal_type_name(unsigned type)
{
	static const char *const names[] = { "?", "GENESIS", "DECISION",
					     "CHECKPOINT", "RESUME", "EVENT" };

	return type < PC_ARRAY_LEN(names) ? names[type] : "?";
}

const char *pc_journal_event_name(unsigned kind)
{
	static const char *const names[] = { "?", "REPORTED_LOST", "POLICE_REPORT",
					     "OTHER" };

	return kind < PC_ARRAY_LEN(names) ? names[kind] : "?";
}

const char *pc_journal_fault_name(unsigned fault)
{
	static const char *const names[] = {
		"NONE", "TORN", "FRAME", "SYNTAX", "SEQ", "GENESIS", "CHAIN",
		"SIGNATURE", "KEY", "LIMIT", "STORAGE", "EMPTY" };

	return fault < PC_ARRAY_LEN(names) ? names[fault] : "?";
}
