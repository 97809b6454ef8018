/*
 * paycode vectors gen: bio-policy.json (algorithm BIO-POLICY; runner in
 * cli/vectors_bio.c).
 *
 * Every expected value below is written by hand from docs/SPEC.md §6.2
 * (thresholds, gallery adjustment, the attempt rules in their order, the
 * lockout schedule, the record layout) and never computed by the policy
 * code: `paycode vectors run` is the check that biometric/policy.c and
 * biometric/gate.c agree. Records are laid out here by their own writer
 * with their own CRC-32, not by pc_bio_state_encode().
 */
#include <stdlib.h>
#include <string.h>

#include "vectors_gen.h"

#define T0 ((int64_t)PC_GEN_NOW)
/* lock kinds of an expected state */
#define L_NONE 0
#define L_AT 1     /* T0 + until */
#define L_HARD 2   /* -1 */

static const struct { const char *name, *type, *desc; } bn_notes[] = {
	{ "AllowWeak", "Policy",
	  "Below the payment floor with allowWeak: accepted, but a match never sets the consumer-code biometric flag (SPEC 6.2.7)." },
	{ "AttemptBudget", "Policy",
	  "FIDO: (attempts an attacker gets in the first 12.8 days) x FMR must stay below 0.017; at threshold 4000 that is at most 169 attempts (SPEC 6.2.1)." },
	{ "BadCrc", "ModifiedInput", "The record's CRC-32 does not match its first 28 bytes." },
	{ "BadField", "InvalidEncoding",
	  "A record field outside its rule under a valid CRC: magic, version, a reserved byte, generation 0, lockedUntil below -1." },
	{ "BadLength", "InvalidEncoding", "A record that is not exactly 32 bytes." },
	{ "EdgeOfThreshold", "EdgeCase",
	  "The score equals the (gallery-adjusted) threshold: thresholds are inclusive." },
	{ "GalleryAdjusted", "Functionality",
	  "A k-sample gallery: the best score is compared with threshold + ceil(1000 log10 k) (SPEC 6.2.2)." },
	{ "HardLock", "Functionality",
	  "A lock that only the primary factor lifts (lockedUntil -1): the hardAfter-th lockout, or one started without a clock." },
	{ "InvalidArgument", "EdgeCase", "A gallery of 0 or more than 32 samples: refused, nothing counted." },
	{ "LockExpiry", "EdgeCase", "At exactly lockedUntil the lock has expired (a lock holds while now < lockedUntil)." },
	{ "Locked", "Functionality", "An attempt while a lock holds: refused, nothing compared or counted." },
	{ "Lockout", "Functionality",
	  "The failure count reaches maxFailures: lock number n since the last reset lasts lockoutSeconds x 2^(n-1), at most lockoutMaxSeconds." },
	{ "Nonsense", "Policy", "A value no policy may take, even with allowWeak (SPEC 6.2.1)." },
	{ "PadFail", "Functionality", "The PAD judged the presentation an attack: a counted failure whatever the score." },
	{ "PadMissing", "Functionality", "No PAD result where the policy requires one: refused, not counted." },
	{ "PrimaryRequired", "Functionality",
	  "A match after primaryAfter consecutive failures (BIO-05): the primary factor must be verified; the count stays." },
	{ "TimeUnknown", "EdgeCase",
	  "No trusted clock (now null): a timed lock holds, and a lock that starts is hard." },
	{ "WeakPolicy", "Policy",
	  "A payment policy below the floor without allowWeak: threshold under 4000 (FMR 1e-4), PAD not required, more than 5 failures, a lockout under 30 s, primaryAfter 0 or above 3, or the attempt budget." },
};
#define BN_NNOTES (sizeof bn_notes / sizeof bn_notes[0])

typedef struct bn_file {
	cJSON *groups;
	int tc;
	unsigned used;   /* bit i: bn_notes[i] used */
	int bad;
} bn_file;

static cJSON *bn_test(bn_file *f, cJSON *g, const char *comment, const char *flags,
		      int valid)
{
	cJSON *t = cJSON_CreateObject(), *fl;
	char name[32];
	size_t i, n;

	cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(g, "tests"), t);
	cJSON_AddNumberToObject(t, "tcId", ++f->tc);
	cJSON_AddStringToObject(t, "comment", comment);
	fl = cJSON_AddArrayToObject(t, "flags");
	while (*flags != '\0') {
		n = strcspn(flags, " ");
		snprintf(name, sizeof name, "%.*s", (int)n, flags);
		for (i = 0; i < BN_NNOTES && strcmp(bn_notes[i].name, name) != 0; i++)
			;
		if (i == BN_NNOTES)
			f->bad = 1;
		else
			f->used |= 1u << i;
		cJSON_AddItemToArray(fl, cJSON_CreateString(name));
		flags += n + (flags[n] == ' ');
	}
	cJSON_AddStringToObject(t, "result", valid ? "valid" : "invalid");
	return t;
}

static cJSON *bn_group(bn_file *f, const char *type, const char *comment)
{
	cJSON *g = cJSON_CreateObject();

	cJSON_AddItemToArray(f->groups, g);
	cJSON_AddStringToObject(g, "type", type);
	if (comment != NULL)
		cJSON_AddStringToObject(g, "comment", comment);
	cJSON_AddArrayToObject(g, "tests");
	return g;
}

/* A policy: the payment defaults of SPEC 6.2.1 with changes. */
typedef struct bn_pol {
	const char *purpose;
	unsigned threshold, lockout, lockout_max, max_fail, primary, hard;
	int pad, weak;
} bn_pol;

#define BN_PAY { "payment", 4000, 30, 86400, 5, 3, 0, 1, 0 }

static void bn_policy(cJSON *o, const bn_pol *p)
{
	cJSON *j = cJSON_AddObjectToObject(o, "policy");

	cJSON_AddStringToObject(j, "purpose", p->purpose);
	cJSON_AddNumberToObject(j, "threshold", p->threshold);
	cJSON_AddNumberToObject(j, "lockoutSeconds", p->lockout);
	cJSON_AddNumberToObject(j, "lockoutMaxSeconds", p->lockout_max);
	cJSON_AddNumberToObject(j, "maxFailures", p->max_fail);
	cJSON_AddNumberToObject(j, "primaryAfter", p->primary);
	cJSON_AddNumberToObject(j, "hardAfter", p->hard);
	cJSON_AddBoolToObject(j, "padRequired", p->pad);
	cJSON_AddBoolToObject(j, "allowWeak", p->weak);
}

static void bn_error(cJSON *t, const char *err)
{
	if (err == NULL)
		cJSON_AddNullToObject(t, "expectedError");
	else
		cJSON_AddStringToObject(t, "expectedError", err);
}

/* ---- BioPolicyCheck ---------------------------------------------------------- */

typedef struct bn_chk {
	bn_pol p;
	long attempts;     /* -1: not given */
	int valid;
	const char *flags, *comment;
} bn_chk;

/*
 * attempts by hand (W = 1105920 s): the payment defaults allow 5 at once,
 * one after each doubling lock 30 .. 61440 s (12 locks, 122850 s), then
 * one per one-day lock: (1105919 - 122850) / 86400 = 11, so 28. A cap of
 * 3600 s: 7 doubling locks (3810 s), then (1105919 - 3810) / 3600 = 306:
 * 318. A constant lock of L: 5 + (1105919 / L): L 6743 gives 169 (the
 * last count under 0.017 / 1e-4 = 170), L 6700 gives 170.
 */
static const bn_chk bn_checks[] = {
	{ BN_PAY, 28, 1, "", "the payment defaults" },
	{ { "payment", 3999, 30, 86400, 5, 3, 0, 1, 0 }, 28, 0, "WeakPolicy", "threshold below FMR 1e-4" },
	{ { "payment", 3999, 30, 86400, 5, 3, 0, 1, 1 }, 28, 1, "AllowWeak", "threshold below FMR 1e-4, allowWeak" },
	{ { "payment", 10000, 30, 86400, 5, 3, 0, 1, 0 }, 28, 1, "", "the highest threshold" },
	{ { "payment", 4000, 30, 86400, 5, 3, 0, 0, 0 }, 28, 0, "WeakPolicy", "PAD not required" },
	{ { "payment", 4000, 30, 86400, 5, 3, 0, 0, 1 }, 28, 1, "AllowWeak", "PAD not required, allowWeak" },
	{ { "payment", 4000, 30, 86400, 6, 3, 0, 1, 0 }, 29, 0, "WeakPolicy", "6 failures before a lock" },
	{ { "payment", 4000, 29, 86400, 5, 3, 0, 1, 0 }, -1, 0, "WeakPolicy", "a 29 s lockout" },
	{ { "payment", 4000, 30, 86400, 5, 0, 0, 1, 0 }, 28, 0, "WeakPolicy", "the primary factor never required" },
	{ { "payment", 4000, 30, 86400, 5, 4, 0, 1, 0 }, 28, 0, "WeakPolicy", "the primary factor after 4 failures" },
	{ { "payment", 4000, 30, 86400, 5, 1, 0, 1, 0 }, 28, 1, "", "the primary factor after 1 failure" },
	{ { "payment", 4000, 30, 3600, 5, 3, 0, 1, 0 }, 318, 0, "WeakPolicy AttemptBudget",
	  "an hourly cap: 318 attempts x 1e-4 >= 0.017" },
	{ { "payment", 4700, 30, 3600, 5, 3, 0, 1, 0 }, 318, 1, "AttemptBudget",
	  "an hourly cap at FMR 2e-5: 318 attempts x 2e-5 < 0.017 (at most 852)" },
	{ { "payment", 4000, 6743, 6743, 5, 3, 0, 1, 0 }, 169, 1, "AttemptBudget", "169 attempts at 1e-4" },
	{ { "payment", 4000, 6700, 6700, 5, 3, 0, 1, 0 }, 170, 0, "WeakPolicy AttemptBudget", "170 attempts at 1e-4" },
	{ { "payment", 4000, 30, 86400, 5, 3, 1, 1, 0 }, 5, 1, "", "hard from the first lockout" },
	{ { "payment", 4000, 30, 86400, 5, 3, 3, 1, 0 }, 7, 1, "", "hard from the third lockout" },
	{ { "unlock", 3000, 30, 86400, 10, 3, 0, 0, 0 }, 33, 1, "", "unlock has no payment floor" },
	{ { "remote", 4000, 30, 86400, 5, 3, 0, 1, 0 }, 28, 1, "", "remote authentication defaults" },
	{ { "payment", 999, 30, 86400, 5, 3, 0, 1, 1 }, -1, 0, "Nonsense", "threshold below 1000" },
	{ { "payment", 10001, 30, 86400, 5, 3, 0, 1, 1 }, -1, 0, "Nonsense", "threshold above 10000" },
	{ { "unlock", 4000, 30, 86400, 0, 0, 0, 0, 1 }, -1, 0, "Nonsense", "maxFailures 0" },
	{ { "unlock", 4000, 30, 86400, 101, 3, 0, 0, 1 }, -1, 0, "Nonsense", "maxFailures 101" },
	{ { "unlock", 4000, 30, 86400, 2, 3, 0, 0, 1 }, -1, 0, "Nonsense", "primaryAfter above maxFailures" },
	{ { "unlock", 4000, 0, 86400, 5, 3, 0, 0, 1 }, -1, 0, "Nonsense", "lockoutSeconds 0" },
	{ { "unlock", 4000, 30, 29, 5, 3, 0, 0, 1 }, -1, 0, "Nonsense", "cap below the first lockout" },
	{ { "unlock", 4000, 30, 31622400, 5, 3, 0, 0, 1 }, -1, 0, "Nonsense", "cap above 365 days" },
};

static void bn_check_group(bn_file *f)
{
	cJSON *g = bn_group(f, "BioPolicyCheck", "Policies alone: allowed or not (SPEC 6.2.1).");
	cJSON *t;
	size_t i;

	for (i = 0; i < sizeof bn_checks / sizeof bn_checks[0]; i++) {
		const bn_chk *c = &bn_checks[i];

		t = bn_test(f, g, c->comment, c->flags, c->valid);
		bn_policy(t, &c->p);
		if (c->attempts >= 0)
			cJSON_AddNumberToObject(t, "attempts", (double)c->attempts);
		bn_error(t, c->valid ? NULL : "PC_ERR_BIO_POLICY");
	}
}

/* ---- BioPolicySequence --------------------------------------------------------- */

typedef struct bn_step {
	long at;             /* seconds after T0; -1: clock unknown */
	unsigned score;
	const char *pad;
	unsigned k;
	const char *outcome;
	unsigned fails;
	int lock;            /* L_NONE, L_AT (T0 + until), L_HARD */
	long until;
	unsigned effective;
	const char *err;
	const char *flags, *comment;
} bn_step;

#define UNKNOWN (-1L)

static const bn_step bn_seq_default[] = {
	{ 0, 3999, "pass", 1, "NO_MATCH", 1, L_NONE, 0, 4000, NULL, "EdgeOfThreshold", "one below the threshold" },
	{ 0, 0, "pass", 1, "NO_MATCH", 2, L_NONE, 0, 4000, NULL, "", "score 0" },
	{ 0, 100, "pass", 1, "NO_MATCH", 3, L_NONE, 0, 4000, NULL, "", "third failure" },
	{ 0, 3000, "pass", 1, "NO_MATCH", 4, L_NONE, 0, 4000, NULL, "", "fourth failure" },
	{ 5, 3999, "pass", 1, "NO_MATCH", 5, L_AT, 35, 4000, NULL, "Lockout", "fifth failure: 30 s" },
	{ 34, 10000, "pass", 1, "LOCKED", 5, L_AT, 35, 4000, "PC_ERR_BIO_LOCKED", "Locked", "a genuine score 1 s early" },
	{ 35, 3999, "pass", 1, "NO_MATCH", 6, L_AT, 95, 4000, NULL, "LockExpiry Lockout", "at expiry; the next lock is 60 s" },
	{ 95, 3999, "pass", 1, "NO_MATCH", 7, L_AT, 215, 4000, NULL, "LockExpiry Lockout", "third lock: 120 s" },
	{ 215, 4000, "pass", 1, "PRIMARY_REQUIRED", 7, L_NONE, 0, 4000, NULL, "PrimaryRequired EdgeOfThreshold",
	  "a match after 7 failures; the expired lock is cleared" },
	{ 215, 3999, "pass", 1, "NO_MATCH", 8, L_AT, 455, 4000, NULL, "Lockout", "fourth lock: 240 s" },
	{ UNKNOWN, 9000, "pass", 1, "LOCKED", 8, L_AT, 455, 4000, "PC_ERR_BIO_LOCKED", "TimeUnknown Locked", "timed lock, no clock" },
	{ 455, 9000, "none", 1, "PAD_MISSING", 8, L_AT, 455, 4000, "PC_ERR_BIO_PAD", "PadMissing", "no PAD result: not counted" },
	{ 455, 9000, "fail", 1, "PAD_REJECTED", 9, L_AT, 935, 4000, NULL, "PadFail Lockout", "PAD fail at a genuine score: fifth lock, 480 s" },
	{ 935, 9000, "pass", 1, "PRIMARY_REQUIRED", 9, L_NONE, 0, 4000, NULL, "PrimaryRequired", "still the primary factor" },
};

static const bn_step bn_seq_gallery[] = {
	{ 0, 4400, "pass", 3, "NO_MATCH", 1, L_NONE, 0, 4478, NULL, "GalleryAdjusted", "k 3: 4000 + 478" },
	{ 0, 4478, "pass", 3, "MATCH", 0, L_NONE, 0, 4478, NULL, "GalleryAdjusted EdgeOfThreshold", "k 3 at the threshold" },
	{ 0, 4903, "pass", 8, "NO_MATCH", 1, L_NONE, 0, 4904, NULL, "GalleryAdjusted", "k 8: 4000 + 904" },
	{ 0, 4904, "pass", 8, "MATCH", 0, L_NONE, 0, 4904, NULL, "GalleryAdjusted EdgeOfThreshold", "k 8 at the threshold" },
	{ 0, 5505, "pass", 32, "NO_MATCH", 1, L_NONE, 0, 5506, NULL, "GalleryAdjusted", "k 32: 4000 + 1506" },
	{ 0, 5506, "pass", 32, "MATCH", 0, L_NONE, 0, 5506, NULL, "GalleryAdjusted EdgeOfThreshold", "k 32 at the threshold" },
	{ 0, 4302, "pass", 2, "MATCH", 0, L_NONE, 0, 4302, NULL, "GalleryAdjusted EdgeOfThreshold", "k 2: 4000 + 302" },
	{ 0, 9000, "pass", 33, "REFUSED", 0, L_NONE, 0, 0, "PC_ERR_INVALID_ARG", "InvalidArgument", "k 33" },
	{ 0, 9000, "pass", 0, "REFUSED", 0, L_NONE, 0, 0, "PC_ERR_INVALID_ARG", "InvalidArgument", "k 0" },
};

static const bn_step bn_seq_hard[] = {
	{ 0, 0, "none", 1, "NO_MATCH", 1, L_NONE, 0, 3500, NULL, "", "unlock: PAD optional" },
	{ 0, 0, "none", 1, "NO_MATCH", 2, L_NONE, 0, 3500, NULL, "", "second failure" },
	{ 0, 3500, "none", 1, "MATCH", 0, L_NONE, 0, 3500, NULL, "EdgeOfThreshold", "primaryAfter 0: a match resets" },
	{ 0, 0, "pass", 1, "NO_MATCH", 1, L_NONE, 0, 3500, NULL, "", "first failure again" },
	{ 0, 0, "pass", 1, "NO_MATCH", 2, L_NONE, 0, 3500, NULL, "", "second" },
	{ 1, 0, "pass", 1, "NO_MATCH", 3, L_AT, 11, 3500, NULL, "Lockout", "third: a 10 s lock" },
	{ 11, 0, "fail", 1, "PAD_REJECTED", 4, L_HARD, 0, 3500, NULL, "PadFail HardLock", "second lockout is hard" },
	{ 86400, 9000, "pass", 1, "LOCKED", 4, L_HARD, 0, 3500, "PC_ERR_BIO_LOCKED", "HardLock Locked", "a day later" },
};

static const bn_step bn_seq_noclock[] = {
	{ UNKNOWN, 0, "pass", 1, "NO_MATCH", 1, L_NONE, 0, 4000, NULL, "TimeUnknown", "no clock, no lock: counted" },
	{ UNKNOWN, 0, "pass", 1, "NO_MATCH", 2, L_NONE, 0, 4000, NULL, "TimeUnknown", "second" },
	{ UNKNOWN, 4000, "pass", 1, "MATCH", 0, L_NONE, 0, 4000, NULL, "TimeUnknown", "a match needs no clock" },
	{ UNKNOWN, 0, "pass", 1, "NO_MATCH", 1, L_NONE, 0, 4000, NULL, "TimeUnknown", "1" },
	{ UNKNOWN, 0, "pass", 1, "NO_MATCH", 2, L_NONE, 0, 4000, NULL, "TimeUnknown", "2" },
	{ UNKNOWN, 0, "pass", 1, "NO_MATCH", 3, L_NONE, 0, 4000, NULL, "TimeUnknown", "3" },
	{ UNKNOWN, 0, "pass", 1, "NO_MATCH", 4, L_NONE, 0, 4000, NULL, "TimeUnknown", "4" },
	{ UNKNOWN, 0, "pass", 1, "NO_MATCH", 5, L_HARD, 0, 4000, NULL, "TimeUnknown HardLock", "a lock without a clock is hard" },
	{ 0, 10000, "pass", 1, "LOCKED", 5, L_HARD, 0, 4000, "PC_ERR_BIO_LOCKED", "HardLock Locked", "the clock is back" },
};

static const bn_step bn_seq_weak[] = {
	{ 0, 3000, "none", 1, "MATCH", 0, L_NONE, 0, 3000, NULL, "AllowWeak EdgeOfThreshold", "FMR 1e-3, no PAD" },
	{ 0, 2999, "none", 1, "NO_MATCH", 1, L_NONE, 0, 3000, NULL, "AllowWeak", "below" },
};

static void bn_seq_group(bn_file *f, const char *comment, const bn_pol *p,
			 const bn_step *s, size_t n)
{
	cJSON *g = bn_group(f, "BioPolicySequence", comment), *t;
	size_t i;

	bn_policy(g, p);
	for (i = 0; i < n; i++) {
		t = bn_test(f, g, s[i].comment, s[i].flags, strcmp(s[i].outcome, "MATCH") == 0);
		if (s[i].at == UNKNOWN)
			cJSON_AddNullToObject(t, "now");
		else
			cJSON_AddNumberToObject(t, "now", (double)(T0 + s[i].at));
		cJSON_AddNumberToObject(t, "score", s[i].score);
		cJSON_AddStringToObject(t, "pad", s[i].pad);
		cJSON_AddNumberToObject(t, "gallery", s[i].k);
		cJSON_AddStringToObject(t, "outcome", s[i].outcome);
		cJSON_AddNumberToObject(t, "failures", s[i].fails);
		cJSON_AddNumberToObject(t, "lockedUntil", s[i].lock == L_NONE ? 0.0 :
					s[i].lock == L_HARD ? -1.0 : (double)(T0 + s[i].until));
		if (s[i].effective != 0)
			cJSON_AddNumberToObject(t, "effective", s[i].effective);
		bn_error(t, s[i].err);
	}
}

static void bn_sequences(bn_file *f)
{
	static const bn_pol pay = BN_PAY;
	static const bn_pol unlock = { "unlock", 3500, 10, 10, 3, 0, 2, 0, 0 };
	static const bn_pol weak = { "payment", 3000, 30, 86400, 5, 3, 0, 0, 1 };

	bn_seq_group(f, "Payment defaults: failures, lockouts doubling from 30 s, the primary factor, PAD.",
		     &pay, bn_seq_default, sizeof bn_seq_default / sizeof bn_seq_default[0]);
	bn_seq_group(f, "Payment defaults: k-sample galleries.", &pay, bn_seq_gallery,
		     sizeof bn_seq_gallery / sizeof bn_seq_gallery[0]);
	bn_seq_group(f, "Unlock, threshold 3500, 3 failures, 10 s locks, hard from the second, no primary rule.",
		     &unlock, bn_seq_hard, sizeof bn_seq_hard / sizeof bn_seq_hard[0]);
	bn_seq_group(f, "Payment defaults without a clock.", &pay, bn_seq_noclock,
		     sizeof bn_seq_noclock / sizeof bn_seq_noclock[0]);
	bn_seq_group(f, "Payment with allowWeak: threshold 3000, PAD not required.", &weak,
		     bn_seq_weak, sizeof bn_seq_weak / sizeof bn_seq_weak[0]);
}

/* ---- BioStateRecord ---------------------------------------------------------------- */

static uint32_t bn_crc32(const uint8_t *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;
	unsigned j;

	while (n--) {
		c ^= *p++;
		for (j = 0; j < 8; j++)
			c = (c & 1u) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
	}
	return ~c;
}

typedef struct bn_rec {
	uint32_t magic;
	uint8_t version, fails, lockouts, zero;
	uint64_t gen;
	int64_t until;
	uint32_t reserved;
	uint32_t crc_xor;    /* applied to the correct CRC */
	int len_delta;       /* -1: one byte short; +1: a zero byte more */
	int valid;
	const char *flags, *comment;
} bn_rec;

#define MAG 0x50434241u
static const bn_rec bn_recs[] = {
	{ MAG, 1, 3, 1, 0, 7, 1800000030, 0, 0, 0, 1, "", "3 failures, a lock until 1800000030" },
	{ MAG, 1, 5, 2, 0, 0x0102030405060708ull, -1, 0, 0, 0, 1, "", "a hard lock" },
	{ MAG, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, "", "a fresh record" },
	{ MAG, 1, 255, 255, 0, UINT64_MAX, INT64_MAX, 0, 0, 0, 1, "", "every field at its maximum" },
	{ MAG, 1, 3, 1, 0, 7, 1800000030, 0, 1, 0, 0, "BadCrc", "CRC low bit flipped" },
	{ MAG, 1, 3, 1, 0, 7, 1800000030, 0, 0x80000000u, 0, 0, "BadCrc", "CRC high bit flipped" },
	{ MAG, 1, 3, 1, 0, 7, 1800000030, 0, 0, -1, 0, "BadLength", "31 bytes" },
	{ MAG, 1, 3, 1, 0, 7, 1800000030, 0, 0, 1, 0, "BadLength", "33 bytes" },
	{ 0x50434242u, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, "BadField", "magic PCBB" },
	{ MAG, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, "BadField", "version 2" },
	{ MAG, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, "BadField", "reserved byte 7" },
	{ MAG, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, "BadField", "reserved bytes 24..27" },
	{ MAG, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, "BadField", "generation 0" },
	{ MAG, 1, 0, 0, 0, 1, -2, 0, 0, 0, 0, "BadField", "lockedUntil -2" },
};

static void bn_be(uint8_t *p, uint64_t v, unsigned n)
{
	while (n--) {
		p[n] = (uint8_t)v;
		v >>= 8;
	}
}

static void bn_rec_test(bn_file *f, cJSON *g, const bn_rec *r)
{
	uint8_t b[33] = { 0 };
	char hex[67], gen[17];
	size_t len = (size_t)(32 + r->len_delta);
	cJSON *t;

	bn_be(b, r->magic, 4);
	b[4] = r->version, b[5] = r->fails, b[6] = r->lockouts, b[7] = r->zero;
	bn_be(b + 8, r->gen, 8);
	bn_be(b + 16, (uint64_t)r->until, 8);
	bn_be(b + 24, r->reserved, 4);
	bn_be(b + 28, bn_crc32(b, 28) ^ r->crc_xor, 4);
	t = bn_test(f, g, r->comment, r->flags, r->valid);
	pc_vec_hex(b, len, hex);
	cJSON_AddStringToObject(t, "record", hex);
	if (r->valid) {
		snprintf(gen, sizeof gen, "%016llx", (unsigned long long)r->gen);
		cJSON_AddStringToObject(t, "generation", gen);
		cJSON_AddNumberToObject(t, "failures", r->fails);
		cJSON_AddNumberToObject(t, "lockouts", r->lockouts);
		/* INT64_MAX is not exact in a JSON number: not compared */
		if (r->until != INT64_MAX)
			cJSON_AddNumberToObject(t, "lockedUntil", (double)r->until);
	}
	bn_error(t, r->valid ? NULL : "PC_ERR_BIO_STATE");
}

static const char *const bn_header[] = {
	"Biometric decision policy (docs/SPEC.md 6.2): policies, attempt sequences and attempt-state records.",
	"BioPolicyCheck: a policy (purpose payment|unlock|remote, threshold in hundredths of -10 log10 FMR,",
	"lockoutSeconds, lockoutMaxSeconds, maxFailures, primaryAfter, hardAfter, padRequired, allowWeak) is",
	"valid when allowed; attempts, when given, is what an attacker gets in the first 12.8 days (FIDO).",
	"BioPolicySequence: the tests of a group run IN ORDER against one state, fresh for the group (no",
	"failures, no lock). Inputs: now (Unix seconds; null = the clock is unknown), score (the best calibrated",
	"score over the gallery), pad (pass|fail|none), gallery (k samples). Expected: outcome (MATCH, NO_MATCH,",
	"LOCKED, PAD_REJECTED, PAD_MISSING, PRIMARY_REQUIRED, REFUSED), failures (consecutive, after the",
	"attempt), lockedUntil (0 none, -1 until the primary factor, else Unix seconds), effective (the",
	"gallery-adjusted threshold) and expectedError (null when the attempt was decided). result is valid",
	"exactly for MATCH. An implementation answers with result, outcome, failures, lockedUntil and,",
	"optionally, effective and expectedError.",
	"BioStateRecord: record is a persisted attempt-state record (hex); valid ones give their fields",
	"(generation as 16 hex digits).",
	"Expected values are written by hand from SPEC 6.2 (`paycode vectors gen`, cli/vectors_bio_gen.c),",
	"never taken from the implementation; records are laid out with an independent CRC-32.",
	NULL
};

cJSON *pc_gen_bio_policy_file(void)
{
	bn_file f = { cJSON_CreateArray(), 0, 0, 0 };
	cJSON *root, *h, *notes, *e, *g;
	size_t i;

	bn_check_group(&f);
	bn_sequences(&f);
	g = bn_group(&f, "BioStateRecord", "Attempt-state records (SPEC 6.2.4).");
	for (i = 0; i < sizeof bn_recs / sizeof bn_recs[0]; i++)
		bn_rec_test(&f, g, &bn_recs[i]);
	if (f.bad) {
		cJSON_Delete(f.groups);
		return NULL;
	}
	root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "algorithm", "BIO-POLICY");
	cJSON_AddStringToObject(root, "schema", "bio_policy_schema.json");
	cJSON_AddStringToObject(root, "generatorVersion", PC_GEN_VERSION);
	cJSON_AddNumberToObject(root, "numberOfTests", f.tc);
	h = cJSON_AddArrayToObject(root, "header");
	for (i = 0; bn_header[i] != NULL; i++)
		cJSON_AddItemToArray(h, cJSON_CreateString(bn_header[i]));
	notes = cJSON_AddObjectToObject(root, "notes");
	for (i = 0; i < BN_NNOTES; i++)
		if (f.used & (1u << i)) {
			e = cJSON_AddObjectToObject(notes, bn_notes[i].name);
			cJSON_AddStringToObject(e, "bugType", bn_notes[i].type);
			cJSON_AddStringToObject(e, "description", bn_notes[i].desc);
		}
	cJSON_AddItemToObject(root, "testGroups", f.groups);
	return root;
}
