/*
 * paycode CLI: the risk vector generator's internals (vectors_risk_gen.c,
 * vectors_risk_gen_seq.c).
 *
 * Nothing here calls the risk engine. The levels are read off the PC-01
 * table (SPEC §5.1) by pc_rg_level(); every expected decision of a
 * sequence is written by hand in the case tables, from the rules of SPEC
 * §5.2 and include/paycode/risk.h applied to the group's configuration,
 * whose numbers are macros shared by the configuration text and the
 * amounts. `vectors run` is the check that the engine agrees.
 */
#ifndef PAYCODE_CLI_VECTORS_RISK_GEN_H
#define PAYCODE_CLI_VECTORS_RISK_GEN_H

#include <paycode/risk.h>

#include "vectors_gen.h"

/* The clock of every sequence group: 2027-01-15T08:00:00Z, which is
 * 16:00:00 at +08:00; the local day ends 8 h later, at 16:00:00Z. It is a
 * multiple of 60 and of 10, not of 7. */
#define PC_RG_T0 PC_GEN_NOW

/* A factor set of a case: PC_FACTOR_* bits, and PC_RG_STATIC for a static
 * code (level D whatever the factors). */
#define PC_RG_STATIC 0x100u
#define PC_RG_A (PC_FACTOR_OTP | PC_FACTOR_CERT | PC_FACTOR_BIOMETRIC)
#define PC_RG_B (PC_FACTOR_KNOWLEDGE | PC_FACTOR_OTP)
#define PC_RG_C PC_FACTOR_OTP
#define PC_RG_D (PC_RG_STATIC | PC_FACTOR_OTP)

/* Token n of the sequences: "RISK" then n, as 16 hex digits. */
#define PC_RG_TOKEN(n) (0x5249534b00000000ull + (n))

/* Write a number into configuration text: S(X) is the digits of macro X. */
#define PC_RG_S_(x) #x
#define PC_RG_S(x) PC_RG_S_(x)

/*
 * One transaction of a sequence. Fields left 0 or NULL take the default
 * named in brackets.
 */
typedef struct pc_rg_tx {
	int64_t at;           /* seconds after PC_RG_T0 (non-decreasing) */
	unsigned tok;         /* token PC_RG_TOKEN(tok) */
	unsigned f;           /* factor set [PC_RG_C when 0] */
	int64_t amount;       /* fen [100] */
	uint64_t serial;      /* certificate serial: a qr-offline code [0: qr-online] */
	const char *form;     /* overrides the form ["numeric" has serial 0] */
	const char *merchant; /* [M-0001] */
	const char *terminal; /* [POS-0001]; "" is no terminal */
	unsigned mcc;         /* [5411] */
	unsigned currency;    /* [156] */
	int offline;
	const char *expect;   /* "APPROVE" or "VERDICT REASON HOOK [METHOD]" */
	const char *flags;    /* note names, space-separated [none] */
	const char *comment;
} pc_rg_tx;

/* The PC-01 level of a factor set (SPEC §5.1 table): "A".."D". */
const char *pc_rg_level(unsigned f);

/* A RiskSequence group: the configuration text, the clock, and the cases
 * in order. */
void pc_rg_group(pc_gen *g, const char *config, const pc_rg_tx *tx, size_t n);

/* The groups of risk-sequences.json (vectors_risk_gen_seq.c). */
void pc_rg_sequences(pc_gen *g);

#endif
