/*
 * The conformance vectors on the target: the tables of vectors_data.c
 * (tools/vectors_to_c.py), checked as the host runner checks the JSON
 * (cli/vectors_mpm.c, vectors_otp.c, vectors_cpm.c):
 *
 *   crc16   the CRC equals the test's;
 *   otp     the value, with leading zeros, equals the candidate exactly
 *           for a valid test and differs for an invalid one;
 *   mpm     valid: decodes, with the same object tree and the same stored
 *           warnings (when listed); invalid: fails, with expectedError when
 *           given;
 *   cpm-*   per group a fresh replay store shared by a terminal and a
 *           provider validator, tests in file order at their own "now";
 *           the decision and the reason equal the test's;
 *   risk-levels     the level of the factor set equals the candidate for a
 *                   valid test, differs for an invalid one;
 *   risk-sequences  per group the configuration parsed, the built-in hooks
 *                   on a fresh store, the transactions in order: decision,
 *                   reason, deciding hook, method and level equal the test's;
 *   bio-templates   vectors_bio_run.c.
 *
 * Every context is static: no heap, little stack.
 */
#include <string.h>

#include <paycode/code.h>
#include <paycode/emvqr.h>
#include <paycode/risk.h>

#include "out.h"
#include "vectors_data.h"
#include "vectors_run.h"

/* One failed test: what went wrong, with two numbers (got, wanted). */
void pc_vt_fail(pc_vt_tally *t, const char *file, uint32_t tc, const char *why,
		long got, long want)
{
	t->failed++;
	pc_out("FAIL %s tcId %u: %s (got %ld, want %ld)\n", file, (unsigned)tc,
	       why, got, want);
}

/* ---- crc16 ----------------------------------------------------------------- */

static void pc__run_crc(pc_vt_tally *t)
{
	size_t i;

	for (i = 0; i < pc_vt_ncrc16; i++) {
		const pc_vt_crc16 *v = &pc_vt_crc16s[i];
		uint16_t crc = pc_crc16_ccitt(0xFFFF, v->msg, v->len);

		if ((crc == v->crc) == (v->valid != 0))
			t->passed++;
		else
			pc_vt_fail(t, "crc16.json", v->tc, "CRC differs", crc, v->crc);
	}
}

/* ---- otp -------------------------------------------------------------------- */

/* otp written with leading zeros to `digits` digits (6..9) */
static void pc__digits(uint32_t otp, unsigned digits, char text[16])
{
	unsigned i;

	for (i = 0; i < digits; i++, otp /= 10)
		text[digits - 1 - i] = (char)('0' + otp % 10);
	text[digits] = '\0';
}

static void pc__run_otp(pc_vt_tally *t)
{
	char text[16];
	uint32_t otp;
	uint64_t ctr;
	size_t i;
	pc_err err;

	for (i = 0; i < pc_vt_notp; i++) {
		const pc_vt_otp *v = &pc_vt_otps[i];

		/* RFC 6238 §4.2: T = floor((time - T0) / X) */
		ctr = v->totp ? (uint64_t)(((int64_t)v->counter - v->t0) / v->step) : v->counter;
		otp = 0;
		err = pc_hotp(v->sha256 ? PC_OTP_SHA256 : PC_OTP_SHA1,
			      (const uint8_t *)v->key, v->klen, ctr, v->digits, &otp);
		pc__digits(otp, v->digits, text);
		if (err == PC_OK && (strcmp(text, v->otp) == 0) == (v->valid != 0))
			t->passed++;
		else
			pc_vt_fail(t, "otp.json", v->tc, err != PC_OK ? "pc_hotp failed"
				 : "value disagrees with the test's result", (long)otp, err);
	}
}

/* ---- mpm -------------------------------------------------------------------- */

/* The decoded tree in tools/vectors_to_c.py's flat form: ID, then
 * '{' children '}' or '=' byte-length ':' value. */
static size_t pc__flatten(const pc_mpm *m, size_t parent, char *out, size_t cap)
{
	size_t i, n = 0;
	pc_cbuf v;

	for (i = 0; i < pc_mpm_count(m) && n < cap; i++) {
		if (pc_mpm_parent(m, i) != parent)
			continue;
		n += pc_format(out + n, cap - n, "%02u", pc_mpm_id(m, i));
		if (pc_mpm_is_template(m, i)) {
			n += pc_format(out + n, cap - n, "{");
			n += pc__flatten(m, i, out + n, cap - n);
			n += pc_format(out + n, cap - n, "}");
			continue;
		}
		v = pc_mpm_value(m, i);
		n += pc_format(out + n, cap - n, "=%u:", (unsigned)v.len);
		if (v.len < cap - n) {
			memcpy(out + n, v.ptr, v.len);
			n += v.len;
			out[n] = '\0';
		}
	}
	return n;
}

static const char *pc__mpm_check(const pc_vt_mpm *v, const pc_mpm *m, pc_err err)
{
	static char flat[2 * PC_MPM_MAX_LEN + 8 * PC_MPM_MAX_OBJS];
	size_t i;

	if (!v->valid)
		return err != PC_OK && (v->error == PC_OK || v->error == err)
			       ? NULL : "decoded, or failed with another error";
	if (err != PC_OK)
		return "decode failed";
	if (v->objects != NULL) {
		pc__flatten(m, PC_MPM_NONE, flat, sizeof flat);
		if (strcmp(flat, v->objects) != 0)
			return "decoded objects differ";
	}
	if (v->has_warnings || pc_mpm_warning_count(m) != 0) {
		if (pc_mpm_warning_count(m) != v->nwarn)
			return "warnings differ";
		for (i = 0; i < v->nwarn; i++)
			if (pc_mpm_warning(m, i) == NULL ||
			    pc_mpm_warning(m, i)->code != v->warnings[i])
				return "warnings differ";
	}
	return NULL;
}

static void pc__run_mpm(pc_vt_tally *t)
{
	static pc_mpm m;
	const pc_mpm_profile *pr;
	const char *why;
	pc_err err;
	size_t i;

	for (i = 0; i < pc_vt_nmpm; i++) {
		const pc_vt_mpm *v = &pc_vt_mpms[i];

		pr = pc_mpm_profile_find(v->profile);
		err = pr != NULL ? pc_mpm_decode(&m, v->payload, v->len, pr)
				 : PC_ERR_UNSUPPORTED;
		why = pr != NULL ? pc__mpm_check(v, &m, err) : "unknown profile";
		if (why == NULL)
			t->passed++;
		else
			pc_vt_fail(t, "mpm.json", v->tc, why, err, v->error);
	}
}

/* ---- cpm-*: the validation pipeline ------------------------------------------ */

static struct {
	const pc_vt_group *g;
	pc_time now;
	pc_platform plat;
	pc_memstore ms;
	pc_store store;
	pc_provider_hooks hooks;
	pc_validator term, prov;
} pc__val;

static pc_err pc__time(void *ctx, pc_time *now)
{
	(void)ctx;
	*now = pc__val.now;
	return PC_OK;
}

static pc_err pc__no_rng(void *ctx, uint8_t *out, size_t len)
{
	(void)ctx;
	(void)out;
	(void)len;
	return PC_ERR_RNG; /* validation needs no randomness */
}

static pc_err pc__master(void *ctx, uint32_t id, uint8_t out[PC_KEY_LEN])
{
	size_t i;

	(void)ctx;
	for (i = 0; i < pc__val.g->nmasters; i++) {
		if (pc__val.g->masters[i].id == id) {
			memcpy(out, pc__val.g->masters[i].key, PC_KEY_LEN);
			return PC_OK;
		}
	}
	return PC_ERR_NOT_FOUND;
}

static pc_err pc__alias(void *ctx, uint32_t alias, uint64_t *token, uint32_t *mkid)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < pc__val.g->naliases; i++) {
		if (pc__val.g->aliases[i].alias == alias) {
			*token = pc__val.g->aliases[i].token;
			*mkid = pc__val.g->aliases[i].mkid;
			return PC_OK;
		}
	}
	return PC_ERR_NOT_FOUND;
}

static pc_err pc__group_setup(const pc_vt_group *g)
{
	pc_code_params p;
	size_t i;
	pc_err err;

	memset(&pc__val, 0, sizeof pc__val);
	pc__val.g = g;
	pc__val.plat.version = PC_PLATFORM_VERSION;
	pc__val.plat.rng = pc__no_rng;
	pc__val.plat.time_now = pc__time;
	pc__val.hooks.master_key = pc__master;
	pc__val.hooks.lookup_alias = pc__alias;
	pc_memstore_init(&pc__val.ms, NULL, &pc__val.store);
	pc_code_params_default(&p);
	p.ttl = g->ttl;
	p.skew = g->skew;
	p.step = g->step;
	memcpy(p.prefix, g->prefix, 3);
	err = pc_validator_init(&pc__val.term, PC_MODE_TERMINAL, &pc__val.plat,
				&pc__val.store, NULL, &p);
	if (err == PC_OK)
		err = pc_validator_init(&pc__val.prov, PC_MODE_PROVIDER, &pc__val.plat,
					&pc__val.store, &pc__val.hooks, &p);
	for (i = 0; i < g->nroots && err == PC_OK; i++) {
		err = pc_validator_add_root(&pc__val.term, g->roots[i].key_id,
					    (const uint8_t *)g->roots[i].pub);
		if (err == PC_OK)
			err = pc_validator_add_root(&pc__val.prov, g->roots[i].key_id,
						    (const uint8_t *)g->roots[i].pub);
	}
	if (err == PC_OK && g->crl != NULL)
		err = pc_validator_set_crl(&pc__val.term, (const uint8_t *)g->crl, g->crl_len);
	if (err == PC_OK && g->crl != NULL)
		err = pc_validator_set_crl(&pc__val.prov, (const uint8_t *)g->crl, g->crl_len);
	return err;
}

static void pc__run_group(pc_vt_tally *t, const pc_vt_group *g)
{
	pc_decision d;
	size_t i;
	pc_err err = pc__group_setup(g);

	for (i = 0; i < g->ntests; i++) {
		const pc_vt_code *v = &g->tests[i];

		if (err != PC_OK) {
			pc_vt_fail(t, g->file, v->tc, "group set-up failed", err, PC_OK);
			continue;
		}
		pc__val.now = v->now;
		if (pc_validate(v->terminal ? &pc__val.term : &pc__val.prov, v->code,
				strlen(v->code), &d) != PC_OK)
			pc_vt_fail(t, g->file, v->tc, "pc_validate failed", 0, 0);
		else if (d.verdict != v->verdict || d.reason != v->reason)
			pc_vt_fail(t, g->file, v->tc, "verdict * 100 + reason differs",
				 (long)d.verdict * 100L + (long)d.reason,
				 (long)v->verdict * 100L + (long)v->reason);
		else
			t->passed++;
	}
	pc_validator_wipe(&pc__val.term);
	pc_validator_wipe(&pc__val.prov);
}

/* ---- risk engine ---------------------------------------------------------------- */

static void pc__run_levels(pc_vt_tally *t)
{
	pc_risk_level l;
	size_t i;

	for (i = 0; i < pc_vt_nlevels; i++) {
		const pc_vt_level *v = &pc_vt_levels[i];

		l = pc_risk_level_of(v->factors, v->is_static != 0);
		if ((l == v->level) == (v->valid != 0))
			t->passed++;
		else
			pc_vt_fail(t, "risk-levels.json", v->tc, "level", l, v->level);
	}
}

static struct {
	pc_risk_config cfg;
	pc_risk_engine eng;
	pc_memstore ms;
	pc_store store;
} pc__risk;

/* One transaction through the built-in hooks, as pc_authorize() hands an
 * approved code to them; NULL when the outcome is the test's. */
static const char *pc__risk_txn(const pc_vt_risk_txn *v, pc_risk_outcome *out)
{
	pc_risk_input in;
	pc_decision d;
	pc_txn txn;
	const char *hook;

	memset(&d, 0, sizeof d);
	memset(&txn, 0, sizeof txn);
	memset(&in, 0, sizeof in);
	d.verdict = PC_APPROVE;
	d.reason = PC_R_OK;
	d.form = v->form;
	d.token_id = v->token;
	d.cert_serial = v->cert_serial;
	txn.amount = v->amount;
	txn.currency = v->currency;
	txn.mcc = v->mcc;
	txn.offline = v->offline;
	memcpy(txn.merchant_id, v->merchant, strlen(v->merchant) + 1);
	memcpy(txn.terminal_id, v->terminal, strlen(v->terminal) + 1);
	in.decision = &d;
	in.txn = &txn;
	in.factors = v->factors;
	in.static_code = v->is_static != 0;
	in.offline = v->offline != 0;
	in.store = &pc__risk.store;
	in.now = v->now;
	if (pc_txn_check(&txn) != PC_OK || pc_risk_run(&pc__risk.eng, &in, out) != PC_OK)
		return "pc_risk_run failed";
	hook = out->decided_by < out->ran ? out->trail[out->decided_by].name : NULL;
	if (out->verdict != v->verdict || out->reason != v->reason)
		return "verdict * 100 + reason differs";
	if ((hook == NULL) != (v->hook == NULL) || (hook != NULL && strcmp(hook, v->hook) != 0))
		return "another hook decided";
	if (out->method != v->method || out->level != v->level)
		return "method * 100 + level differs";
	return NULL;
}

static void pc__run_risk_group(pc_vt_tally *t, const pc_vt_risk_group *g)
{
	pc_risk_outcome out;
	const char *why;
	size_t i;
	pc_err err;

	memset(&pc__risk, 0, sizeof pc__risk);
	err = pc_risk_config_parse(&pc__risk.cfg, g->config, strlen(g->config), NULL);
	pc_risk_engine_init(&pc__risk.eng);
	if (err == PC_OK)
		err = pc_risk_engine_add_builtins(&pc__risk.eng, &pc__risk.cfg);
	pc_memstore_init(&pc__risk.ms, NULL, &pc__risk.store);
	for (i = 0; i < g->ntests; i++) {
		const pc_vt_risk_txn *v = &g->tests[i];

		memset(&out, 0, sizeof out);
		why = err != PC_OK ? "the configuration does not load" : pc__risk_txn(v, &out);
		if (why == NULL)
			t->passed++;
		else if (why[0] == 'm')
			pc_vt_fail(t, "risk-sequences.json", v->tc, why,
				 (long)out.method * 100L + (long)out.level,
				 (long)v->method * 100L + (long)v->level);
		else
			pc_vt_fail(t, "risk-sequences.json", v->tc, why,
				 (long)out.verdict * 100L + (long)out.reason,
				 (long)v->verdict * 100L + (long)v->reason);
	}
	pc_risk_engine_wipe(&pc__risk.eng);
}

/* ---- all --------------------------------------------------------------------- */

static void pc__report(const char *what, const pc_vt_tally *before,
		       const pc_vt_tally *after)
{
	pc_out("  %-22s %u passed, %u failed\n", what, after->passed - before->passed,
	       after->failed - before->failed);
}

void pc_vt_run_all(pc_vt_tally *t)
{
	pc_vt_tally at = *t;
	const char *file = NULL;
	unsigned skipped = 0;
	size_t i;

	pc__run_crc(t);
	pc__report("crc16.json", &at, t);
	at = *t;
	pc__run_otp(t);
	pc__report("otp.json", &at, t);
	at = *t;
	pc__run_mpm(t);
	pc__report("mpm.json", &at, t);
	for (i = 0; i < pc_vt_ngroups; i++) {
		if (file == NULL || strcmp(file, pc_vt_groups[i].file) != 0) {
			if (file != NULL)
				pc__report(file, &at, t);
			file = pc_vt_groups[i].file;
			at = *t;
		}
		pc__run_group(t, &pc_vt_groups[i]);
	}
	if (file != NULL)
		pc__report(file, &at, t);
	at = *t;
	pc__run_levels(t);
	pc__report("risk-levels.json", &at, t);
	at = *t;
	for (i = 0; i < pc_vt_nrisk_groups; i++)
		pc__run_risk_group(t, &pc_vt_risk_groups[i]);
	pc__report("risk-sequences.json", &at, t);
	at = *t;
	pc_vt_run_bio(t, &skipped);
	pc__report("bio-templates.json", &at, t);
	if (skipped != 0)
		pc_out("  bio-templates.json: %u skipped (beyond this profile's template capacity)\n",
		       skipped);
	for (i = 0; i < pc_vt_nskipped; i++)
		pc_out("  not run on the target (no C runner): %s\n", pc_vt_skipped[i]);
}
