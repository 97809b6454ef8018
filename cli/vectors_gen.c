/*
 * paycode vectors gen DIR: write the vector files paycode generates itself
 * (otp.json, cpm-numeric.json, cpm-qr-online.json, cpm-qr-offline.json,
 * risk-levels.json, risk-sequences.json, bio-sealed.json,
 * bio-policy.json, bio-templates.json),
 * byte-identical on every run: fixed keys, a fixed clock, RFC 6979
 * signatures, a counter-mode rng, and Python's json.dump layout.
 *
 * This file holds the file builder (groups, tests, notes) and the entry
 * point; the cases live in vectors_gen_<file>.c.
 */
#include <stdlib.h>
#include <string.h>

#include "vectors_gen.h"

/* Every flag the generated files may use, sorted by name. */
static const struct { const char *name, *type, *desc; } pc__notes[] = {
	{ "Allowed", "Functionality",
	  "On an allow list (红名单): exempt from velocity, and from nothing else." },
	{ "AnsiLongLength", "Functionality",
	  "The ANSI/INCITS 378-2004 record length in its 6-byte form: 0, then 4 bytes (a 30-byte header)." },
	{ "AssertionExpired", "EdgeCase",
	  "Dated more than max age + skew before the verifier's time (SPEC §6.4.4)." },
	{ "AssertionFuture", "EdgeCase",
	  "Dated more than skew after the verifier's time (SPEC §6.4.4)." },
	{ "AssertionReplay", "Functionality",
	  "The assertion was consumed by an earlier test of the same group: single use (SPEC §6.4.4)." },
	{ "AssertionWindow", "EdgeCase",
	  "Exactly at a limit of the freshness window (now - max age - skew <= time <= now + skew): accepted." },
	{ "AtLimit", "EdgeCase",
	  "The total or the amount equals a configured limit exactly: limits are inclusive, so it passes." },
	{ "BadAssertion", "InvalidEncoding",
	  "Not a well-formed assertion (SPEC §6.4.2): magic, a field out of range, inconsistent user-verification fields, lengths." },
	{ "BadBase64", "InvalidEncoding",
	  "Not canonical base64 (RFC 4648 §3.5): a character outside the alphabet, missing or misplaced padding, non-zero pad bits." },
	{ "Attested", "Functionality",
	  "An online code (numeric or qr-online): its OTP or MAC needs the provider's keys, so it counts as attested by the signed journal, not verified offline (SPEC-journal §7.7)." },
	{ "BadBer", "InvalidEncoding",
	  "A BER-TLV length that is not minimal or is indefinite (EMV Book 3 Annex B2)." },
	{ "BadBundle", "InvalidEncoding",
	  "Not an evidence bundle: magic, version or item structure (SPEC-journal §7.7)." },
	{ "BadCert", "InvalidEncoding",
	  "The device certificate does not decode (SPEC §4.3): version, suite, alias, risk level, validity order or public key." },
	{ "BadLayout", "InvalidEncoding",
	  "Well-formed BER-TLV that is not the fixed layout of SPEC §3.3.1 (other tag, value, length or order)." },
	{ "BadMagic", "InvalidEncoding",
	  "Not a supported finger minutiae record: magic, version, or a 2011 header that does not read as one (SPEC 6.1, detection)." },
	{ "CertInvalid", "Policy",
	  "The certificate verifies but does not cover this code: no offline flag, or g outside not before .. not after." },
	{ "CertMismatch", "ModifiedInput",
	  "The certificate is genuine but belongs to another token." },
	{ "CertNotValidThen", "Policy",
	  "The certificate verifies but was not valid at the assertion's time." },
	{ "CertificateA", "Policy",
	  "Two or more classes including a certificate or e-signature are A." },
	{ "CodeMismatch", "ModifiedInput",
	  "The bundle's code is not the one whose digest the record holds." },
	{ "CountedHigh", "Functionality",
	  "An earlier payment was counted by a hook and then refused by a later one: the count stays (totals err high, never low; SPEC §5.2)." },
	{ "CounterNotAbove", "Functionality",
	  "The counter is not above the last one the verifier saw from the device: a clone or a rollback (SPEC §6.4.4)." },
	{ "Currency", "Functionality",
	  "An amount in another currency than the configured one: the amount hooks decline CURRENCY." },
	{ "DayBoundary", "EdgeCase",
	  "Either side of local midnight at the configured fixed UTC offset: 15:59:59Z and 16:00:00Z at +08:00 (SPEC §5.2)." },
	{ "DeletedRecord", "ModifiedInput",
	  "A journal record removed: the next one carries another sequence number." },
	{ "DenyWinsOverAllow", "Policy",
	  "On a deny list (黑名单) and an allow list at once: deny wins." },
	{ "EdgeOfRange", "EdgeCase",
	  "A field at the largest or smallest value its range allows: accepted." },
	{ "EdgeOfWindow", "EdgeCase",
	  "Exactly at a limit of the acceptance window (now - ttl - skew <= g <= now + skew): accepted." },
	{ "Empty", "EdgeCase",
	  "An empty storage object: no journal." },
	{ "EmptyTerminal", "EdgeCase",
	  "No terminal ID: the terminal velocity counter does not count the payment." },
	{ "ExactMatch", "EdgeCase",
	  "Lists match IDs and categories exactly, byte for byte: a neighbour, prefix, extension or case change is another entry." },
	{ "Expired", "EdgeCase",
	  "Generated more than ttl + skew before the validator's time (SPEC §3.1)." },
	{ "Extended", "ModifiedInput", "Bytes or characters follow the code." },
	{ "ExtendedData", "Functionality",
	  "Extended data blocks {type, length, data} after the minutiae, kept as opaque bytes." },
	{ "ForgedChain", "ModifiedInput",
	  "A record edited and every CRC and checkpoint head after it recomputed: only the checkpoint signature catches it." },
	{ "ForgedCheckpoint", "ModifiedSignature",
	  "A checkpoint's signature altered." },
	{ "ForgedCrc", "ModifiedInput",
	  "An edited frame whose CRC-32 was recomputed, as an attacker would." },
	{ "ForgedRecord", "ModifiedInput",
	  "A signed record that says APPROVE for a code that does not verify." },
	{ "HookOrder", "Functionality",
	  "Several rules would refuse: the first hook in the fixed order decides, and later hooks do not run." },
	{ "InsertedRecord", "ModifiedInput",
	  "A journal record duplicated in place." },
	{ "Iso2011Fields", "Functionality",
	  "ISO/IEC 19794-2:2011 representation fields: capture time, quality and certification blocks, 5- or 6-byte minutiae, quality codes 254/255." },
	{ "LargeTime", "EdgeCase", "A time after 2038, beyond a signed 32-bit time_t." },
	{ "LeadingZero", "EdgeCase", "The value starts with 0 and must be written with its leading zeros." },
	{ "LengthMismatch", "ModifiedInput",
	  "A length field that disagrees with the content it frames." },
	{ "LenientQuirk", "Functionality",
	  "A deviation seen in published samples: invalid in the strict group, valid with its quirk named in the lenient group (SPEC 6.1)." },
	{ "LevelC", "Policy",
	  "A level C payment: the institution bears the loss unconditionally and in full (PC-03)." },
	{ "MacUnchecked", "Functionality",
	  "A terminal cannot check the MAC (it has no token keys); a provider does (SPEC §3.4)." },
	{ "Malformed", "ModifiedInput", "Not a code of any form (SPEC §3.7, form detection)." },
	{ "Malleable", "SignatureMalleability",
	  "(r, n - s) is also a valid ECDSA signature; paycode accepts only s <= n/2, so every code has one encoding (SPEC §4.5)." },
	{ "MaxMinutiae", "EdgeCase",
	  "255 minutiae in a view: the largest count the one-byte field can hold." },
	{ "MethodRefused", "Policy",
	  "The user-verification method or matcher location is not one the relying party accepts (BIO-04)." },
	{ "MissingCode", "Policy",
	  "The code was not kept: the institution cannot prove the customer authorised the payment (SPC 2021)." },
	{ "MultipleViews", "Functionality",
	  "Several finger views or representations in one record." },
	{ "NistSample", "Functionality",
	  "A record from NIST libbiomeval test data (public domain), read as published." },
	{ "NoBiometricFlag", "Policy",
	  "A biometric claim from a device whose certificate lacks the biometric flag." },
	{ "NoFactor", "Policy",
	  "A dynamic code is never D, even with no factor: D is for static codes." },
	{ "NotApproved", "Functionality",
	  "The decision was not APPROVE: no payment, no loss to allocate." },
	{ "NotCounted", "Functionality",
	  "An earlier payment of the group was refused by a hook: it was added to no later hook's total (SPEC §5.2)." },
	{ "NotYetValid", "EdgeCase", "Generated more than skew after the validator's time (SPEC §3.1)." },
	{ "OnlineOnly", "Functionality", "A terminal cannot validate this form: it refers online (SPEC §3.2.2, §3.4)." },
	{ "OtpNotCert", "Policy",
	  "An OTP or device key is not a certificate or e-signature: two classes with it are B, not A." },
	{ "OutOfRange", "ModifiedInput",
	  "One field set outside the range its standard allows." },
	{ "OverLimit", "EdgeCase",
	  "One unit (a fen, a code) above a configured limit." },
	{ "PadFailed", "Policy",
	  "The presentation-attack detection judged an attack: never accepted." },
	{ "PadMissing", "Policy",
	  "No presentation-attack detection result where the relying party requires a pass (BIO-01, BIO-04)." },
	{ "Params", "Functionality", "Non-default ttl, skew, step or prefix: validators must use the group's." },
	{ "PossessionOnce", "Policy",
	  "OTP and certificate are both possession: together they are one class, not two (SPEC §5.1)." },
	{ "ReorderedRecord", "ModifiedInput",
	  "Two journal records swapped." },
	{ "Replay", "Functionality", "The code was consumed by an earlier test of the same group (SPEC §3.6)." },
	{ "Resumed", "Functionality",
	  "A torn append accounted for by a RESUME record: intact, and the verifier reports it (SPEC-journal §7.4)." },
	{ "Revoked", "Policy", "The certificate serial is on the installed revocation list (SPEC §3.6)." },
	{ "Rotation", "Functionality", "Several trusted roots at once, told apart by key ID (SPEC §4.1)." },
	{ "SeparateLevels", "Functionality",
	  "Each level has its own daily total per token and day (PC-02)." },
	{ "SigOutOfRange", "ModifiedSignature",
	  "A signature scalar r or s outside [1, n - 1]: rejected before any curve arithmetic (SPEC §3.3.3)." },
	{ "StaleCrl", "Policy", "The installed revocation list is past its next update: refer online (SPEC §3.6)." },
	{ "StaticCode", "Policy",
	  "A static code is level D whatever the factors (PC-01)." },
	{ "StepAlias", "EdgeCase",
	  "The step digit names a step of the window other than the one the code was made in, so the OTP differs (SPEC §3.2.2)." },
	{ "StepUp", "Functionality",
	  "A merchant category that asks for another factor unless the payment already has the method's factor." },
	{ "Synthetic", "Functionality",
	  "Written by paycode from a seeded synthetic template (pc_bio_synth_impression, seed 2026)." },
	{ "Tampered", "ModifiedInput",
	  "One field changed after the code was made: the OTP, MAC or a signature no longer verifies, unless an earlier check fails first." },
	{ "TamperedPath", "ModifiedInput",
	  "A digest of the inclusion proof (the head before the record, or a leaf after it) altered." },
	{ "TamperedRecord", "ModifiedInput",
	  "A bit of a journal record flipped." },
	{ "TornTail", "EdgeCase",
	  "The journal ends inside a record, as after a crash during an append: reported, never accepted (SPEC-journal §7.4)." },
	{ "TrailingBytes", "ModifiedInput",
	  "Bytes after the last item or record." },
	{ "Truncated", "ModifiedInput", "The code ends early." },
	{ "TruncatedBundle", "ModifiedInput",
	  "The bundle ends early." },
	{ "TruncatedRecord", "ModifiedInput",
	  "The record ends early, at a field boundary: its length field exceeds the input." },
	{ "TwoClasses", "Policy",
	  "Two different factor classes make B or A, never C." },
	{ "TxnMismatch", "ModifiedInput",
	  "The transaction digest differs from, is missing from, or is not expected by the relying party's (what you see is what you sign)." },
	{ "UnknownAlias", "ModifiedInput", "The numeric alias is not assigned by the provider." },
	{ "UnknownKey", "WrongKey", "The code's master key ID is unknown to the provider." },
	{ "UnknownRoot", "WrongKey", "The certificate names a root key ID the validator does not trust." },
	{ "WeakAssurance", "Policy",
	  "The biometric FMR class is weaker than the relying party's minimum (downgrade of assurance)." },
	{ "WindowBoundary", "EdgeCase",
	  "The last second of a velocity window or the first of the next: windows are floor(now / window), aligned on Unix time." },
	{ "WrongChallenge", "ModifiedInput",
	  "The assertion answers another challenge than the one the relying party issued." },
	{ "WrongCounter", "ModifiedInput", "The value of a neighbouring counter or time step." },
	{ "WrongDigits", "ModifiedInput", "A value with another number of digits than the group's." },
	{ "WrongHash", "WrongPrimitive", "The value computed with another hash function." },
	{ "WrongJournalKey", "WrongKey",
	  "The verifier's journal key is not the checkpoints' (another key ID, or another key under the same ID)." },
	{ "WrongKey", "WrongKey", "Made with a key other than the one the validator holds under that ID." },
	{ "WrongPrefix", "ModifiedInput", "The numeric code does not start with the deployment's prefix." },
	{ "WrongPurpose", "ModifiedInput",
	  "The assertion was made for another purpose (payment, remote authorisation, login, step-up)." },
	{ "WrongRelyingParty", "ModifiedInput",
	  "The assertion was made for another relying party (its identifier hash differs)." },
	{ "WrongRoot", "WrongKey", "The trusted root under the certificate's issuer key ID is another key." },
	{ "WrongSuite", "ModifiedInput", "A suite other than 1 (SPEC §4.1)." },
	{ "XytSyntax", "InvalidEncoding",
	  ".xyt layout: separators, line ends, blank lines, number syntax." },
	{ "ZeroMinutiae", "EdgeCase",
	  "No minutiae (or no view): a valid record or text with nothing to match." },
	{ "ZeroPadding", "EdgeCase",
	  "Zero bytes after the record, as in published test files: allowed even in strict mode." },
};

#define PC__NNOTES (sizeof pc__notes / sizeof pc__notes[0])

void pc_gen_init(pc_gen *f)
{
	memset(f, 0, sizeof *f);
	f->groups = cJSON_CreateArray();
	f->bad = f->groups == NULL;
}

cJSON *pc_gen_group(pc_gen *f, const char *type)
{
	cJSON *g = cJSON_CreateObject();

	cJSON_AddStringToObject(g, "type", type);
	cJSON_AddItemToArray(f->groups, g);
	return g;
}

static void pc__use_flag(pc_gen *f, const char *name, cJSON *arr)
{
	size_t k, i;

	for (k = 0; k < PC__NNOTES && strcmp(pc__notes[k].name, name) != 0; k++)
		;
	if (k == PC__NNOTES) {
		fprintf(stderr, "paycode vectors gen: flag %s has no note\n", name);
		f->bad = 1;
		return;
	}
	cJSON_AddItemToArray(arr, cJSON_CreateString(pc__notes[k].name));
	for (i = 0; i < f->nused; i++)
		if (f->used[i] == pc__notes[k].name)
			return;
	if (f->nused < sizeof f->used / sizeof f->used[0])
		f->used[f->nused++] = pc__notes[k].name;
	else
		f->bad = 1;
}

static void pc__flags(pc_gen *f, const char *flags, cJSON *arr)
{
	char name[32];
	size_t n;

	while (*flags != '\0') {
		n = strcspn(flags, " ");
		if (n > 0 && n < sizeof name) {
			memcpy(name, flags, n);
			name[n] = '\0';
			pc__use_flag(f, name, arr);
		}
		flags += n;
		flags += strspn(flags, " ");
	}
}

cJSON *pc_gen_test(pc_gen *f, cJSON *g, const char *comment, const char *flags)
{
	cJSON *tests = cJSON_GetObjectItemCaseSensitive(g, "tests");
	cJSON *t = cJSON_CreateObject();

	if (tests == NULL)
		tests = cJSON_AddArrayToObject(g, "tests");
	cJSON_AddNumberToObject(t, "tcId", ++f->tc);
	cJSON_AddStringToObject(t, "comment", comment);
	pc__flags(f, flags, cJSON_AddArrayToObject(t, "flags"));
	cJSON_AddItemToArray(tests, t);
	return t;
}

void pc_gen_case(pc_gen *f, cJSON *g, const char *flags, const char *mode, pc_time now,
		 const char *code, const char *expect, const char *comment)
{
	cJSON *t = pc_gen_test(f, g, comment, flags);
	char decision[16];
	size_t n = strcspn(expect, " ");

	if (n >= sizeof decision || expect[n] != ' ') {
		f->bad = 1;
		return;
	}
	memcpy(decision, expect, n);
	decision[n] = '\0';
	cJSON_AddStringToObject(t, "mode", mode);
	cJSON_AddNumberToObject(t, "now", (double)now);
	cJSON_AddStringToObject(t, "code", code);
	cJSON_AddStringToObject(t, "decision", decision);
	cJSON_AddStringToObject(t, "reason", expect + n + 1);
	cJSON_AddStringToObject(t, "result", strcmp(decision, "APPROVE") == 0 ? "valid" : "invalid");
}

static cJSON *pc__notes_obj(const pc_gen *f)
{
	cJSON *notes = cJSON_CreateObject(), *e;
	size_t i, j;

	for (i = 0; i < PC__NNOTES; i++)
		for (j = 0; j < f->nused; j++)
			if (f->used[j] == pc__notes[i].name) {
				e = cJSON_AddObjectToObject(notes, pc__notes[i].name);
				cJSON_AddStringToObject(e, "bugType", pc__notes[i].type);
				cJSON_AddStringToObject(e, "description", pc__notes[i].desc);
			}
	return notes;
}

const char *const pc_gen_code_header[] = {
	"A group is one deployment: ttl, skew, step, prefix (SPEC 3.1); roots, the trusted root public keys",
	"by key ID; crl, an optional revocation list (hex, SPEC 4.4); masterKeys and aliases, the provider's",
	"tables (token IDs as 16 hex digits). privateKeys, where present, only document how codes were made.",
	"The tests of a group run in order against ONE replay store, fresh for the group and shared by a",
	"terminal and a provider validator: a test may rely on what earlier tests consumed (flag Replay).",
	"Test inputs: code (the text), now (the validator's clock, Unix seconds), mode (terminal|provider).",
	"Expected: decision and reason (SPEC 3.7); result is valid exactly when the decision is APPROVE.",
	"Made by paycode's wallet on a deterministic platform (`paycode vectors gen`, cli/vectors_gen_*.c):",
	"keys are SHA-256 of fixed labels (\"paycode vectors root 1\", \"... device 1\", \"... master 7\", ...),",
	"clock 1800000000 (2027-01-15T08:00:00Z), RFC 6979 signatures, unpredictable numbers from",
	"SHA-256(\"paycode vectors rng\" || 0x00 || counter). Negative cases edit the bytes of genuine codes;",
	"where a later check is the target, the MAC or device signature is recomputed over the edit.",
	"Expected decisions are written by hand from docs/SPEC.md section 3, never taken from the validator.",
	NULL
};

static void pc__lines(cJSON *h, const char *const *lines)
{
	for (; lines != NULL && *lines != NULL; lines++)
		cJSON_AddItemToArray(h, cJSON_CreateString(*lines));
}

cJSON *pc_gen_finish(pc_gen *f, const char *algorithm, const char *schema,
		     const char *const *head, const char *const *tail)
{
	cJSON *root, *h;

	if (f->bad) {
		cJSON_Delete(f->groups);
		return NULL;
	}
	root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "algorithm", algorithm);
	cJSON_AddStringToObject(root, "schema", schema);
	cJSON_AddStringToObject(root, "generatorVersion", PC_GEN_VERSION);
	cJSON_AddNumberToObject(root, "numberOfTests", f->tc);
	h = cJSON_AddArrayToObject(root, "header");
	pc__lines(h, head);
	pc__lines(h, tail);
	cJSON_AddItemToObject(root, "notes", pc__notes_obj(f));
	cJSON_AddItemToObject(root, "testGroups", f->groups);
	f->groups = NULL;
	return root;
}

static int pc__write(const char *dir, const char *name, cJSON *root)
{
	char path[1024];
	int rc;

	if (root == NULL) {
		fprintf(stderr, "paycode vectors gen: building %s failed\n", name);
		return -1;
	}
	snprintf(path, sizeof path, "%s/%s", dir, name);
	rc = pc_vec_write_json(path, root);
	cJSON_Delete(root);
	if (rc != 0)
		pc_cli_fail(PC_ERR_STORAGE, "cannot write %s", path);
	return rc;
}

int pc_vec_gen(const char *dir)
{
	cJSON *bundles = NULL, *journals = NULL;
	int bad = 0;

	if (pc_gen_fixture() == NULL)
		return pc_cli_fail(PC_ERR_CRYPTO, "vectors gen: the fixture keys do not derive");
	bad |= pc__write(dir, "otp.json", pc_gen_otp_file());
	bad |= pc__write(dir, "cpm-numeric.json", pc_gen_numeric_file());
	bad |= pc__write(dir, "cpm-qr-online.json", pc_gen_online_file());
	bad |= pc__write(dir, "cpm-qr-offline.json", pc_gen_offline_file());
	bad |= pc__write(dir, "risk-levels.json", pc_gen_risk_levels_file());
	bad |= pc__write(dir, "risk-sequences.json", pc_gen_risk_seq_file());
	bad |= pc__write(dir, "bio-policy.json", pc_gen_bio_policy_file());
	bad |= pc__write(dir, "bio-templates.json", pc_gen_bio_file());
	if (pc_gen_evidence_files(&bundles, &journals) != 0)
		bundles = journals = NULL;
	bad |= pc__write(dir, "evidence-bundles.json", bundles);
	bad |= pc__write(dir, "evidence-journals.json", journals);
	bad |= pc__write(dir, "bio-sealed.json", pc_gen_bio_sealed_file());
	bad |= pc__write(dir, "bio-assertions.json", pc_gen_assert_file());
	return bad ? 1 : 0;
}
