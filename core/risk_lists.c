/*
 * Risk hooks that only read tables (ARCHITECTURE §3): deny lists
 * (黑名单), device binding and merchant-category rules, with the binary
 * searches over the sorted lists that the velocity hook also uses for the
 * allow lists (红名单). None of them touches the store.
 */
#include <string.h>

#include <paycode/risk.h>

#include "internal.h"

bool pc_risk_u64_list_has(const pc_risk_u64_list *l, uint64_t v)
{
	size_t lo = 0, hi, mid;

	if (l == NULL)
		return false;
	hi = l->count <= PC_RISK_LIST_MAX ? l->count : PC_RISK_LIST_MAX;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (l->v[mid] == v)
			return true;
		if (l->v[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

bool pc_risk_id_list_has(const pc_risk_id_list *l, const char *id)
{
	size_t lo = 0, hi, mid;
	int c;

	if (l == NULL || id == NULL)
		return false;
	hi = l->count <= PC_RISK_LIST_MAX ? l->count : PC_RISK_LIST_MAX;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		/* entries are NUL-terminated within PC_RISK_ID_MAX + 1 bytes
		 * (pc_risk_config_check); strncmp bounds a caller's bad one */
		c = strncmp(l->v[mid], id, PC_RISK_ID_MAX + 1);
		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

bool pc_risk_mcc_list_has(const pc_risk_mcc_list *l, uint16_t mcc)
{
	size_t lo = 0, hi, mid;

	if (l == NULL)
		return false;
	hi = l->count <= PC_RISK_MCC_MAX ? l->count : PC_RISK_MCC_MAX;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (l->v[mid] == mcc)
			return true;
		if (l->v[mid] < mcc)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

bool pc_risk_binding_find(const pc_risk_binding_cfg *b, uint64_t token,
			  uint64_t *serial)
{
	size_t lo = 0, hi, mid;

	if (b == NULL)
		return false;
	hi = b->count <= PC_RISK_BIND_MAX ? b->count : PC_RISK_BIND_MAX;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (b->bind[mid].token == token) {
			if (serial != NULL)
				*serial = b->bind[mid].serial;
			return true;
		}
		if (b->bind[mid].token < token)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static pc_err pc__answer(pc_risk_result *out, pc_verdict v, pc_risk_reason r,
			 pc_risk_method m)
{
	out->verdict = v;
	out->reason = r;
	out->method = m;
	return PC_OK;
}

/* The device a code shows: only the offline form carries a certificate. */
static bool pc__has_device(const pc_decision *d)
{
	return d->form == PC_FORM_QR_OFFLINE;
}

pc_err pc_risk_hook_lists(const pc_risk_input *in, const void *cfg,
			  pc_risk_result *out)
{
	const pc_risk_config *c = (const pc_risk_config *)cfg;
	const pc_risk_lists_cfg *l;

	if (in == NULL || c == NULL || out == NULL)
		return PC_ERR_INVALID_ARG;
	l = &c->lists;
	if (pc_risk_u64_list_has(&l->deny_token, in->decision->token_id) ||
	    (pc__has_device(in->decision) &&
	     pc_risk_u64_list_has(&l->deny_device, in->decision->cert_serial)) ||
	    pc_risk_id_list_has(&l->deny_merchant, in->txn->merchant_id) ||
	    pc_risk_id_list_has(&l->deny_terminal, in->txn->terminal_id))
		return pc__answer(out, PC_DECLINE, PC_RISK_R_DENY_LISTED, PC_RISK_M_NONE);
	return pc__answer(out, PC_APPROVE, PC_RISK_R_OK, PC_RISK_M_NONE);
}

pc_err pc_risk_hook_binding(const pc_risk_input *in, const void *cfg,
			    pc_risk_result *out)
{
	const pc_risk_config *c = (const pc_risk_config *)cfg;
	uint64_t serial = 0;
	bool bad;

	if (in == NULL || c == NULL || out == NULL)
		return PC_ERR_INVALID_ARG;
	if (!pc_risk_binding_find(&c->binding, in->decision->token_id, &serial))
		bad = c->binding.require_bound != 0;
	else if (pc__has_device(in->decision))
		bad = in->decision->cert_serial != serial;
	else
		bad = c->binding.require_device != 0;
	if (bad)
		return pc__answer(out, PC_DECLINE, PC_RISK_R_DEVICE_BINDING, PC_RISK_M_NONE);
	return pc__answer(out, PC_APPROVE, PC_RISK_R_OK, PC_RISK_M_NONE);
}

pc_err pc_risk_hook_mcc(const pc_risk_input *in, const void *cfg,
			pc_risk_result *out)
{
	const pc_risk_config *c = (const pc_risk_config *)cfg;
	pc_factors need;

	if (in == NULL || c == NULL || out == NULL)
		return PC_ERR_INVALID_ARG;
	if (pc_risk_mcc_list_has(&c->mcc.block, in->txn->mcc))
		return pc__answer(out, PC_DECLINE, PC_RISK_R_MCC_BLOCKED, PC_RISK_M_NONE);
	need = pc_risk_method_factor(c->mcc.method);
	if (pc_risk_mcc_list_has(&c->mcc.step_up, in->txn->mcc) &&
	    (need == 0 || (in->factors & need) == 0))
		return pc__answer(out, PC_STEP_UP, PC_RISK_R_MCC_STEP_UP, c->mcc.method);
	return pc__answer(out, PC_APPROVE, PC_RISK_R_OK, PC_RISK_M_NONE);
}
