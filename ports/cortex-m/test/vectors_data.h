/*
 * The conformance vectors (the JSON files in vectors/) as C tables, for targets that
 * cannot read JSON: tools/vectors_to_c.py writes vectors_data.c from the
 * JSON files at build time, and vectors_run.c runs them with the same
 * checks as the host runner (cli/vectors_*.c).
 *
 * Expected outcomes are C identifiers (PC_ERR_*, PC_APPROVE, PC_R_*), so
 * a name the headers do not know fails the build.
 */
#ifndef PAYCODE_CM_VECTORS_DATA_H
#define PAYCODE_CM_VECTORS_DATA_H

#include <stddef.h>
#include <stdint.h>

#include <paycode/code.h>
#include <paycode/risk.h>
#include <paycode/bio.h>

/* CRC16-CCITT-FALSE, crc16.json */
typedef struct pc_vt_crc16 {
	uint32_t tc;
	const char *msg; /* bytes */
	uint16_t len;
	uint16_t crc;
	uint8_t valid;
} pc_vt_crc16;

/* OTP, otp.json: HOTP counter or TOTP time */
typedef struct pc_vt_otp {
	uint32_t tc;
	uint8_t totp;
	uint8_t sha256;    /* 0: SHA-1 */
	uint8_t digits;
	uint8_t klen;
	const char *key;   /* bytes */
	uint64_t counter;  /* HOTP: counter; TOTP: time */
	uint32_t step;     /* TOTP */
	int64_t t0;        /* TOTP */
	const char *otp;   /* the candidate, with leading zeros */
	uint8_t valid;
} pc_vt_otp;

/* EMV-MPM-DECODE, mpm.json */
typedef struct pc_vt_mpm {
	uint32_t tc;
	const char *profile;
	const char *payload;
	uint16_t len;
	uint8_t valid;
	pc_err error;           /* expectedError, PC_OK when not given */
	const char *objects;    /* flattened tree (vectors_run.c), or NULL */
	const pc_err *warnings; /* expected stored warnings, in order */
	uint8_t nwarn;
	uint8_t has_warnings;   /* 0: the test does not list them */
} pc_vt_mpm;

/* PAYCODE-VALIDATE, cpm-*.json */
typedef struct pc_vt_root {
	uint32_t key_id;
	const char *pub; /* 65 bytes */
} pc_vt_root;

typedef struct pc_vt_master {
	uint32_t id;
	const char *key; /* 32 bytes */
} pc_vt_master;

typedef struct pc_vt_alias {
	uint32_t alias;
	uint32_t mkid;
	uint64_t token;
} pc_vt_alias;

typedef struct pc_vt_code {
	uint32_t tc;
	uint8_t terminal; /* 1: terminal mode, 0: provider */
	pc_time now;
	const char *code;
	pc_verdict verdict;
	pc_reason reason;
} pc_vt_code;

typedef struct pc_vt_group {
	const char *file;
	uint32_t ttl, skew, step;
	const char *prefix;
	const pc_vt_root *roots;
	uint8_t nroots;
	const char *crl; /* bytes, or NULL */
	uint16_t crl_len;
	const pc_vt_master *masters;
	uint8_t nmasters;
	const pc_vt_alias *aliases;
	uint8_t naliases;
	const pc_vt_code *tests;
	uint16_t ntests;
} pc_vt_group;

/* RISK-LEVEL, risk-levels.json */
typedef struct pc_vt_level {
	uint32_t tc;
	pc_factors factors;
	uint8_t is_static;
	pc_risk_level level;
	uint8_t valid;
} pc_vt_level;

/* RISK-SEQUENCE, risk-sequences.json: one transaction after an approved code */
typedef struct pc_vt_risk_txn {
	uint32_t tc;
	pc_time now;
	uint64_t token;
	pc_form form;
	uint64_t cert_serial;
	pc_factors factors;
	uint8_t is_static;
	int64_t amount;
	uint16_t currency;
	const char *merchant, *terminal;
	uint16_t mcc;
	uint8_t offline;
	pc_verdict verdict;
	pc_risk_reason reason;
	const char *hook; /* the hook that decided, NULL on APPROVE */
	pc_risk_method method;
	pc_risk_level level;
} pc_vt_risk_txn;

typedef struct pc_vt_risk_group {
	const char *config; /* the text of a risk configuration file */
	const pc_vt_risk_txn *tests;
	uint16_t ntests;
} pc_vt_risk_group;

extern const pc_vt_crc16 pc_vt_crc16s[];
extern const size_t pc_vt_ncrc16;
extern const pc_vt_otp pc_vt_otps[];
extern const size_t pc_vt_notp;
extern const pc_vt_mpm pc_vt_mpms[];
extern const size_t pc_vt_nmpm;
extern const pc_vt_group pc_vt_groups[];
extern const size_t pc_vt_ngroups;
extern const pc_vt_level pc_vt_levels[];
extern const size_t pc_vt_nlevels;
extern const pc_vt_risk_group pc_vt_risk_groups[];
extern const size_t pc_vt_nrisk_groups;
/* Vector files with no C runner yet: "file (ALGORITHM)". */
/* BIO-TEMPLATE, bio-templates.json. A valid record's views are checked by
 * their counts and a digest: FNV-1a (32 bits) over position, number,
 * impression, then per minutia x(2) y(2) type angle quality, big-endian
 * (tools/vectors_to_c.py). */
typedef struct pc_vt_bio_view {
	uint16_t count;
	uint16_t ext_len;   /* the length field */
	uint16_t ext_have;  /* bytes held */
	uint32_t digest;
} pc_vt_bio_view;

typedef struct pc_vt_bio {
	uint32_t tc;
	uint8_t lenient;
	const char *rec;    /* bytes */
	uint16_t len;
	uint8_t valid;
	pc_err error;       /* expectedError, PC_OK when not given */
	pc_bio_format format;
	uint32_t quirks;    /* PC_BIO_QUIRK_* */
	uint32_t used;
	uint32_t length;    /* header: length field */
	uint16_t width, height, xres, yres; /* header (0 for ISO 2011) */
	uint8_t nviews;
	const pc_vt_bio_view *views;
	/* what the profile must hold (else the test is skipped): views,
	 * minutiae and extended data bytes per view, quality blocks */
	uint16_t need[4];
} pc_vt_bio;

/* BioXytParse: minutiae digest over x(2) y(2) angle(2) quality. */
typedef struct pc_vt_xyt {
	uint32_t tc;
	uint8_t nist;
	const char *text;
	uint16_t len;
	uint8_t valid;
	pc_err error;
	uint16_t count;
	uint16_t height;
	uint32_t digest;
	const char *written; /* canonical text, or NULL */
} pc_vt_xyt;

extern const pc_vt_bio pc_vt_bios[];
extern const size_t pc_vt_nbio;
extern const pc_vt_xyt pc_vt_xyts[];
extern const size_t pc_vt_nxyt;

extern const char *const pc_vt_skipped[];
extern const size_t pc_vt_nskipped;

#endif
