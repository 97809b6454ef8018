/*
 * libFuzzer target for the evidence-bundle parser and verifier
 * (core/evidence*.c, docs/SPEC-journal.md §7.7, §7.8).
 *
 * The input, in an exact-size heap copy, is verified with the vectors'
 * root 1 and journal key (so seeds from vectors/evidence-bundles.json
 * reach every check). Oracles (abort() on failure):
 *   - pc_evidence_verify() returns PC_OK whatever the input, with a result
 *     of PC_OK, PC_ERR_VERIFY or PC_ERR_TRUNCATED, and a fault exactly when
 *     the result is not PC_OK;
 *   - the loss verdict follows §7.8 from the verdict's own fields: an
 *     invalid bundle puts the loss on the institution (EVIDENCE_INVALID);
 *     a valid one: no loss without APPROVE, the institution at level C or
 *     without the code, else the customer (VERIFIED only for a code that
 *     verified offline);
 *   - a bundle that verifies fails again when one byte of its magic, of
 *     its last byte, or its length changes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <paycode/crypto.h>
#include <paycode/journal.h>

static void fail(int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, line, what);
	abort();
}

#define check(x) ((x) ? (void)0 : fail(__LINE__, #x))

static struct {
	pc_root root;
	pc_journal_key key;
	int ready;
} g;

static pc_evidence_verifier x;
static pc_evidence_verdict v;

static void derive(const char *label, uint8_t pub[65])
{
	uint8_t priv[32];

	check(pc_sha256(label, strlen(label), priv) == PC_OK);
	check(pc_p256_public(priv, pub) == PC_OK);
}

static void init(void)
{
	derive("paycode vectors root 1", g.root.pub);
	g.root.key_id = 1;
	derive("paycode vectors journal 1", g.key.pub);
	g.key.key_id = 1;
	g.ready = 1;
}

static pc_err verify(const uint8_t *p, size_t n)
{
	return pc_evidence_verify(&x, p, n, &g.root, 1, &g.key, &v);
}

/* §7.8 from the verdict's fields. */
static void check_verdict(void)
{
	const pc_journal_entry *e = &v.record.u.decision;

	check(v.result == PC_OK || v.result == PC_ERR_VERIFY || v.result == PC_ERR_TRUNCATED);
	check((v.result == PC_OK) == (v.fault == PC_EVF_NONE));
	if (v.result != PC_OK) {
		check(v.bearer == PC_LOSS_INSTITUTION && v.basis == PC_BASIS_EVIDENCE_INVALID);
		return;
	}
	check(v.proof == PC_EVS_VERIFIED && v.record.type == PC_JREC_DECISION);
	check(v.checkpoint.seq == v.record.seq + v.path_len + 1);
	if (e->verdict != PC_APPROVE)
		check(v.bearer == PC_LOSS_NONE && v.basis == PC_BASIS_NOT_APPROVED);
	else if (e->liability)
		check(v.bearer == PC_LOSS_INSTITUTION && v.basis == PC_BASIS_LEVEL_C);
	else if (v.code == PC_EVS_MISSING)
		check(v.bearer == PC_LOSS_INSTITUTION && v.basis == PC_BASIS_EVIDENCE_MISSING);
	else
		check(v.bearer == PC_LOSS_CUSTOMER &&
		      v.basis == (v.code == PC_EVS_VERIFIED ? PC_BASIS_AUTHORISED_VERIFIED :
				  PC_BASIS_AUTHORISED_ATTESTED));
	check(e->liability == (e->level == PC_RISK_C));
	if (v.code == PC_EVS_VERIFIED)
		check(e->form == PC_FORM_QR_OFFLINE && v.cert == PC_EVS_VERIFIED);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *p, *q;

	if (!g.ready)
		init();
	p = malloc(size ? size : 1); /* exact size: ASan sees overreads */
	check(p != NULL);
	if (size)
		memcpy(p, data, size);
	check(verify(p, size) == PC_OK);
	check_verdict();
	if (v.result == PC_OK) {
		p[0] ^= 0x01;
		check(verify(p, size) == PC_OK && v.result != PC_OK);
		p[0] ^= 0x01;
		p[size - 1] ^= 0x80;
		check(verify(p, size) == PC_OK && v.result != PC_OK);
		p[size - 1] ^= 0x80;
		check(verify(p, size - 1) == PC_OK && v.result != PC_OK);
		q = malloc(size + 1);
		check(q != NULL);
		memcpy(q, p, size);
		q[size] = 0;
		check(verify(q, size + 1) == PC_OK && v.result != PC_OK);
		free(q);
	}
	free(p);
	return 0;
}
