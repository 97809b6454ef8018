/*
 * Offline verification of an evidence bundle and the loss verdict
 * (docs/SPEC-journal.md §7.7, §7.8; cn-payment-rules EV-04, §6: the SPC
 * 2021 rule puts the burden of proof on the issuer or payment institution,
 * and evidence it did not keep counts against it; PC-03: at level C the
 * institution bears the loss unconditionally and in full).
 *
 * Order of checks (the first failure is the verdict's fault): structure,
 * record, checkpoint frame, inclusion proof, checkpoint key and signature,
 * code digest, code and certificate. A qr-offline code of an approved
 * payment is re-validated as the terminal did (pc_validate in terminal
 * mode) at the code's own time g, under the verifier's roots: certificate
 * chain, device signature, certificate validity at g; its fields must be
 * the record's. Online forms cannot be checked without the provider's keys:
 * their fields are compared with the record where the code shows them, and
 * they count as attested by the journal signature.
 */
#include <string.h>

#include <paycode/crypto.h>
#include <paycode/tlv.h>

#include "code_layout.h"
#include "journal_int.h"

/* Seconds allowed between a decision and its record's time. */
#define EV_SLACK 60

/* ---- the replay platform: a fixed clock, no randomness, a fresh store */

static pc_err stub_rng(void *ctx, uint8_t *out, size_t len)
{
	(void)ctx;
	if (len != 0)
		memset(out, 0, len);
	return PC_ERR_RNG;
}

static pc_err stub_time(void *ctx, pc_time *now)
{
	*now = ((const pc_evidence_verifier *)ctx)->now;
	return PC_OK;
}

static pc_err stub_consume(void *ctx, const uint8_t key[PC_REPLAY_KEY_LEN],
			   pc_time expires, pc_time now)
{
	(void)ctx;
	(void)key;
	(void)expires;
	(void)now;
	return PC_OK;
}

static void fail(pc_evidence_verdict *out, unsigned fault)
{
	if (out->result == PC_OK) {
		out->result = PC_ERR_VERIFY;
		out->fault = (uint8_t)fault;
	}
}

/* ---- record, checkpoint, proof */

static unsigned check_proof(const pc__ev_view *v, const pc_journal_key *key,
			    pc_evidence_verdict *out)
{
	const pc_cbuf *path = &v->item[PC__EV_PATH];
	uint8_t h[32], digest[32];
	size_t i;
	int syntax;

	if (pc__j_decode(v->item[PC__EV_RECORD].ptr, v->item[PC__EV_RECORD].len,
			 &out->record, &syntax) != PC_OK ||
	    out->record.type != PC_JREC_DECISION)
		return PC_EVF_RECORD;
	if (pc__j_decode(v->item[PC__EV_CHECKPOINT].ptr, v->item[PC__EV_CHECKPOINT].len,
			 &out->checkpoint, &syntax) != PC_OK ||
	    out->checkpoint.type != PC_JREC_CHECKPOINT)
		return PC_EVF_CHECKPOINT;
	out->path_len = path->len / 32u;
	if (pc__j_chain(v->item[PC__EV_PREV].ptr, out->record.leaf, h) != PC_OK)
		return PC_EVF_PROOF;
	for (i = 0; i < out->path_len; i++)
		if (pc__j_chain(h, path->ptr + 32u * i, h) != PC_OK)
			return PC_EVF_PROOF;
	if (out->checkpoint.seq != out->record.seq + out->path_len + 1u ||
	    memcmp(out->checkpoint.u.checkpoint.head, h, 32) != 0)
		return PC_EVF_PROOF;
	if (out->checkpoint.u.checkpoint.key_id != key->key_id ||
	    out->checkpoint.u.checkpoint.suite != PC_SUITE_1)
		return PC_EVF_KEY;
	if (pc__j_checkpoint_digest(&out->checkpoint, digest) != PC_OK ||
	    pc_p256_verify(key->pub, digest, out->checkpoint.u.checkpoint.sig) != PC_OK)
		return PC_EVF_SIGNATURE;
	return PC_EVF_NONE;
}

/* ---- the certificate of an online form (optional item) */

static unsigned check_cert(const pc_cbuf *item, const pc_journal_entry *e,
			   const pc_root *roots, size_t nroots, uint32_t *root_id)
{
	pc_cert c;
	size_t i;

	if (pc_cert_decode(&c, item->ptr, item->len) != PC_OK)
		return PC_EVF_CERT;
	*root_id = c.issuer_key_id;
	for (i = 0; i < nroots && roots[i].key_id != c.issuer_key_id; i++)
		;
	if (i == nroots || pc_cert_verify(&c, roots[i].pub) != PC_OK ||
	    !e->token_known || c.token_id != e->token_id ||
	    e->gen_time < c.not_before || e->gen_time > c.not_after)
		return PC_EVF_CERT;
	return PC_EVF_NONE;
}

/* ---- the code */

/* The terminal's offline validation replayed at the code's time g. */
static unsigned replay_offline(pc_evidence_verifier *x, const pc_journal_entry *e,
			       const pc_cbuf *code, const pc_root *roots,
			       size_t nroots)
{
	pc_code_params p;
	pc_decision d;
	size_t i;

	pc_code_params_default(&p);
	p.ttl = e->ttl;
	p.skew = e->skew;
	p.step = e->ttl; /* not used by QR forms; the loosest valid step */
	memset(&x->plat, 0, sizeof x->plat);
	x->plat.version = PC_PLATFORM_VERSION;
	x->plat.ctx = x;
	x->plat.rng = stub_rng;
	x->plat.time_now = stub_time;
	memset(&x->store, 0, sizeof x->store);
	x->store.ctx = x;
	x->store.consume = stub_consume;
	x->now = e->gen_time;
	if (pc_validator_init(&x->v, PC_MODE_TERMINAL, &x->plat, &x->store, NULL,
			      &p) != PC_OK)
		return PC_EVF_RECORD;
	for (i = 0; i < nroots; i++)
		if (pc_validator_add_root(&x->v, roots[i].key_id, roots[i].pub) != PC_OK)
			return PC_EVF_CERT;
	if (pc_validate(&x->v, (const char *)code->ptr, code->len, &d) != PC_OK)
		return PC_EVF_CODE;
	if (d.verdict != PC_APPROVE)
		return d.reason == PC_R_UNKNOWN_KEY || d.reason == PC_R_CERT_INVALID ?
		       PC_EVF_CERT : PC_EVF_CODE;
	if ((uint8_t)d.form != e->form || d.token_id != e->token_id ||
	    d.cert_serial != e->cert_serial || d.counter != e->counter ||
	    d.gen_time != e->gen_time || d.flags != e->code_flags)
		return PC_EVF_CODE;
	return PC_EVF_NONE;
}

/* What an online code shows must be what the record says. */
static unsigned check_online(const pc_journal_entry *e, const pc_cbuf *code)
{
	uint8_t bin[PC__LEN_MAX];
	size_t n = 0, i;
	pc__code c;

	if (e->form == PC_FORM_NUMERIC) {
		for (i = 0; i < code->len && code->ptr[i] >= '0' && code->ptr[i] <= '9'; i++)
			;
		return code->len == PC_NUMERIC_LEN && i == code->len ? PC_EVF_NONE :
			PC_EVF_CODE;
	}
	if (e->form != PC_FORM_QR_ONLINE ||
	    pc_base64_decode((const char *)code->ptr, code->len, bin, sizeof bin,
			     &n) != PC_OK ||
	    pc__code_layout_read(&c, bin, n) != PC_OK || c.form != PC_FORM_QR_ONLINE ||
	    c.token_id != e->token_id || c.gen_time != e->gen_time ||
	    c.counter != e->counter || c.flags != e->code_flags)
		return PC_EVF_CODE;
	return PC_EVF_NONE;
}

/* The record's time must be one at which the validator could approve. */
static bool time_plausible(const pc_journal_record *rec)
{
	const pc_journal_entry *e = &rec->u.decision;

	if (rec->time < 0)
		return true; /* the journal's clock was unknown: nothing to compare */
	return rec->time >= e->gen_time - (pc_time)e->skew &&
	       rec->time - e->gen_time <= (pc_time)e->ttl + (pc_time)e->skew + EV_SLACK;
}

/* An approved payment's code and certificate. */
static unsigned check_approved(pc_evidence_verifier *x, const pc__ev_view *v,
			       const pc_root *roots, size_t nroots,
			       pc_evidence_verdict *out)
{
	const pc_journal_entry *e = &out->record.u.decision;
	const pc_cbuf *code = &v->item[PC__EV_CODE];
	uint8_t mine[PC_CERT_LEN];
	unsigned f;

	if (!time_plausible(&out->record))
		return PC_EVF_CODE;
	if (e->form != PC_FORM_QR_OFFLINE) {
		out->code = PC_EVS_ATTESTED;
		f = check_online(e, code);
		if (f == PC_EVF_NONE && v->has[PC__EV_CERT]) {
			f = check_cert(&v->item[PC__EV_CERT], e, roots, nroots,
				       &out->root_key_id);
			out->cert = f == PC_EVF_NONE ? PC_EVS_VERIFIED : PC_EVS_INVALID;
		}
		return f;
	}
	if (pc__ev_code_cert((const char *)code->ptr, code->len, mine) != PC_OK)
		return PC_EVF_CODE;
	out->root_key_id = (uint32_t)pc__get_be(mine + 2, 4);
	if (v->has[PC__EV_CERT] && memcmp(mine, v->item[PC__EV_CERT].ptr, PC_CERT_LEN) != 0)
		return PC_EVF_CERT;
	f = replay_offline(x, e, code, roots, nroots);
	out->code = f == PC_EVF_NONE ? PC_EVS_VERIFIED : PC_EVS_INVALID;
	out->cert = f == PC_EVF_NONE ? PC_EVS_VERIFIED : f == PC_EVF_CERT ?
		    PC_EVS_INVALID : PC_EVS_NOT_APPLICABLE;
	return f;
}

static unsigned check_code(pc_evidence_verifier *x, const pc__ev_view *v,
			   const pc_root *roots, size_t nroots,
			   pc_evidence_verdict *out)
{
	const pc_journal_entry *e = &out->record.u.decision;
	uint8_t digest[32];

	out->cert = v->has[PC__EV_CERT] ? PC_EVS_NOT_APPLICABLE : PC_EVS_MISSING;
	if (!v->has[PC__EV_CODE]) {
		out->code = PC_EVS_MISSING;
		return PC_EVF_NONE;
	}
	if (pc_sha256(v->item[PC__EV_CODE].ptr, v->item[PC__EV_CODE].len, digest) != PC_OK ||
	    memcmp(digest, e->digest, 32) != 0) {
		out->code = PC_EVS_INVALID;
		return PC_EVF_CODE_DIGEST;
	}
	out->code = PC_EVS_NOT_APPLICABLE;
	if (e->code_verdict != PC_APPROVE)
		return PC_EVF_NONE;
	return check_approved(x, v, roots, nroots, out);
}

/* ---- the verdict (SPEC-journal §7.8) */

static void liability(pc_evidence_verdict *out)
{
	const pc_journal_entry *e = &out->record.u.decision;

	if (out->result != PC_OK) {
		out->bearer = PC_LOSS_INSTITUTION;
		out->basis = PC_BASIS_EVIDENCE_INVALID;
	} else if (e->verdict != PC_APPROVE) {
		out->bearer = PC_LOSS_NONE;
		out->basis = PC_BASIS_NOT_APPROVED;
	} else if (e->liability) {
		out->bearer = PC_LOSS_INSTITUTION;
		out->basis = PC_BASIS_LEVEL_C;
	} else if (out->code == PC_EVS_MISSING) {
		out->bearer = PC_LOSS_INSTITUTION;
		out->basis = PC_BASIS_EVIDENCE_MISSING;
	} else {
		out->bearer = PC_LOSS_CUSTOMER;
		out->basis = out->code == PC_EVS_VERIFIED ? PC_BASIS_AUTHORISED_VERIFIED :
			     PC_BASIS_AUTHORISED_ATTESTED;
	}
}

pc_err pc_evidence_verify(pc_evidence_verifier *x, const uint8_t *in, size_t len,
			  const pc_root *roots, size_t nroots,
			  const pc_journal_key *key, pc_evidence_verdict *out)
{
	pc__ev_view v;
	pc_err err;
	unsigned f;

	if (x == NULL || (in == NULL && len != 0) || key == NULL || out == NULL ||
	    (roots == NULL && nroots != 0) || nroots > PC_MAX_ROOTS)
		return PC_ERR_INVALID_ARG;
	memset(out, 0, sizeof *out);
	memset(x, 0, sizeof *x);
	out->proof = out->code = out->cert = PC_EVS_MISSING;
	err = pc__ev_parse(in, len, &v);
	if (err != PC_OK) {
		out->result = err;
		out->fault = PC_EVF_MALFORMED;
	} else {
		f = check_proof(&v, key, out);
		out->proof = f == PC_EVF_NONE ? PC_EVS_VERIFIED : PC_EVS_INVALID;
		if (f == PC_EVF_NONE)
			f = check_code(x, &v, roots, nroots, out);
		if (f != PC_EVF_NONE)
			fail(out, f);
	}
	liability(out);
	pc_validator_wipe(&x->v);
	return PC_OK;
}

const char *pc_loss_bearer_name(unsigned b)
{
	static const char *const names[] = { "none", "institution", "customer" };

	return b < PC_ARRAY_LEN(names) ? names[b] : "?";
}

const char *pc_loss_basis_name(unsigned b)
{
	static const char *const names[] = {
		"NOT_APPROVED", "LEVEL_C", "EVIDENCE_INVALID", "EVIDENCE_MISSING",
		"AUTHORISED_VERIFIED", "AUTHORISED_ATTESTED" };

	return b < PC_ARRAY_LEN(names) ? names[b] : "?";
}

const char *pc_evidence_status_name(unsigned s)
{
	static const char *const names[] = { "verified", "attested", "missing",
					     "not-applicable", "invalid" };

	return s < PC_ARRAY_LEN(names) ? names[s] : "?";
}

const char *pc_evidence_fault_name(unsigned f)
{
	static const char *const names[] = {
		"NONE", "MALFORMED", "RECORD", "CHECKPOINT", "PROOF", "KEY",
		"SIGNATURE", "CODE_DIGEST", "CODE", "CERT" };

	return f < PC_ARRAY_LEN(names) ? names[f] : "?";
}
