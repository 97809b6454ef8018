/*
 * paycode: error codes.
 *
 * Every fallible public function returns a pc_err. PC_OK is zero; every
 * error is negative and belongs to one range, so a caller can classify an
 * error with a comparison:
 *
 *     -1 ..   -99   argument, buffer and generic errors
 *   -100 ..  -199   EMV MPM (merchant-presented QR) syntax, integrity, rules
 *   -200 ..  -299   EMV CPM, BER-TLV, base64
 *   -300 ..  -399   dynamic payment codes, keys, certificates
 *   -400 ..  -499   risk engine and stores
 *   -500 ..  -599   biometrics
 *   -600 ..  -699   journal and evidence
 *  -1000 .. -1099   platform faults (fatal: see pc_err_is_fatal())
 *
 * Numeric values are part of the ABI and are never reused.
 */
#ifndef PAYCODE_ERR_H
#define PAYCODE_ERR_H

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define PC_MUST_CHECK __attribute__((warn_unused_result))
#else
#define PC_MUST_CHECK
#endif

typedef enum pc_err {
	PC_OK = 0,

	/* generic */
	PC_ERR_INVALID_ARG = -1,       /* NULL where not allowed, bad flag */
	PC_ERR_BUFFER_TOO_SMALL = -2,  /* output does not fit; nothing past len written */
	PC_ERR_UNSUPPORTED = -3,       /* optional hook or feature absent */
	PC_ERR_TIME_UNKNOWN = -4,      /* the platform cannot tell the time */
	PC_ERR_TOO_LONG = -5,          /* input larger than the configured maximum */
	PC_ERR_NOT_FOUND = -6,         /* key, object or record absent */
	PC_ERR_CAPACITY = -7,          /* a fixed-size table is full */
	PC_ERR_TRUNCATED = -8,         /* input ends inside a field */
	PC_ERR_UTF8 = -9,              /* malformed UTF-8 */
	PC_ERR_VERIFY = -10,           /* signature or MAC does not verify */
	PC_ERR_BAD_KEY = -11,          /* key malformed, not on the curve, or out of range */

	/* EMV MPM: layer 1, syntax (ID/LEN/VALUE) */
	PC_ERR_MPM_SYNTAX = -100,      /* ID or LEN is not two decimal digits */
	PC_ERR_MPM_LEN_ZERO = -101,    /* LEN 00 */
	PC_ERR_MPM_OVERRUN = -102,     /* value runs past the end of its container */
	PC_ERR_MPM_DUPLICATE = -103,   /* an ID occurs twice in one container */
	PC_ERR_MPM_ORDER = -104,       /* 00 not first (or nothing at all) */
	PC_ERR_MPM_TRAILING = -105,    /* objects after the CRC object */
	PC_ERR_MPM_TOO_MANY = -106,    /* more objects than PC_MPM_MAX_OBJS */
	PC_ERR_MPM_TEMPLATE = -107,    /* a template's value is not ID/LEN/VALUE */
	/* layer 2, integrity */
	PC_ERR_MPM_CRC_MISSING = -110, /* no 63 object, or 6304 with no value */
	PC_ERR_MPM_CRC_FORMAT = -111,  /* 63 is not 4 hex digits */
	PC_ERR_MPM_CRC_MISMATCH = -112,/* CRC does not verify */
	PC_ERR_MPM_CRC_CASE = -113,    /* lowercase hex (strict profile) */
	/* layer 3, EMVCo rules; layer 4, scheme profile */
	PC_ERR_MPM_MISSING = -120,     /* a mandatory object is absent */
	PC_ERR_MPM_FORMAT = -121,      /* value outside its character class */
	PC_ERR_MPM_LENGTH = -122,      /* value length outside the object's range */
	PC_ERR_MPM_VALUE = -123,       /* value not allowed (PFI, POI, amount, ...) */
	PC_ERR_MPM_CONDITION = -124,   /* conditional presence rule broken (55/56/57) */
	PC_ERR_MPM_GUID = -125,        /* template without its 00 GUID */
	PC_ERR_MPM_PROFILE = -126,     /* scheme profile rule broken */

	/* EMV CPM, BER-TLV, base64 */
	PC_ERR_BASE64 = -200,          /* not canonical base64 */
	PC_ERR_BER_TAG = -201,         /* malformed or over-long BER tag */
	PC_ERR_BER_LENGTH = -202,      /* indefinite, non-minimal or too large length */
	PC_ERR_CPM_PREFIX = -203,      /* first object is not 85 "CPV01" */
	PC_ERR_CPM_NO_APP = -204,      /* no application template 61 */
	PC_ERR_CPM_DUPLICATE = -205,   /* a primitive tag occurs twice in the POI data */
	PC_ERR_CPM_STRUCTURE = -206,   /* templates in the wrong place or number */

	/* dynamic payment codes, keys, certificates */
	PC_ERR_CODE_FORMAT = -300,     /* not a paycode consumer code of any form */
	PC_ERR_CERT_FORMAT = -301,     /* device certificate malformed */
	PC_ERR_CRL_FORMAT = -302,      /* revocation list malformed or unsorted */
	PC_ERR_REPLAYED = -303,        /* store: the key was already consumed */
	PC_ERR_CONFIG = -304,          /* inconsistent configuration (TTL, step, skew) */
	PC_ERR_STALE = -305,           /* a newer object is already installed */

	/* risk engine and stores */
	PC_ERR_LIMIT = -400,           /* store: adding would exceed the limit */
	PC_ERR_STORE_UNAVAILABLE = -401, /* store unreachable or timed out */
	PC_ERR_STORE_REPLY = -402,     /* store answered something unexpected */
	PC_ERR_RISK_CONFIG = -403,     /* risk configuration malformed */

	/* biometrics */
	PC_ERR_BIO_FORMAT = -500,      /* not a supported minutiae record */
	PC_ERR_BIO_TRUNCATED = -501,   /* input shorter than the record length */
	PC_ERR_BIO_LENGTH = -502,      /* record length disagrees with content */
	PC_ERR_BIO_HEADER = -503,      /* record header field out of range */
	PC_ERR_BIO_VIEW = -504,        /* finger view field out of range */
	PC_ERR_BIO_MINUTIA = -505,     /* minutia field out of range */
	PC_ERR_BIO_EXT = -506,         /* extended data blocks malformed */
	PC_ERR_BIO_TRAILING = -507,    /* data after the record's last view */
	PC_ERR_BIO_XYT = -508,         /* .xyt text malformed */
	PC_ERR_BIO_FEW_MINUTIAE = -509,/* too few minutiae to compare */
	PC_ERR_BIO_LOCKED = -510,      /* biometrics locked after failures */
	PC_ERR_BIO_POLICY = -511,      /* policy weaker than allowed */
	PC_ERR_BIO_PAD = -512,         /* presentation attack or PAD missing */
	PC_ERR_BIO_SEALED = -513,      /* sealed template malformed or foreign */
	PC_ERR_BIO_ASSERTION = -514,   /* assertion malformed */
	PC_ERR_ASSERT_SUITE = -515,    /* assertion version or suite unknown */
	PC_ERR_ASSERT_SIGNATURE = -516,/* device signature does not verify or is high-s */
	PC_ERR_ASSERT_CERT = -517,     /* device certificate malformed, unknown or forged issuer */
	PC_ERR_ASSERT_REVOKED = -518,  /* device certificate revoked */
	PC_ERR_ASSERT_CERT_TIME = -519,/* certificate not valid at the assertion's time */
	PC_ERR_ASSERT_EXPIRED = -520,  /* assertion older than max age + skew */
	PC_ERR_ASSERT_FUTURE = -521,   /* assertion dated more than skew ahead */
	PC_ERR_ASSERT_CHALLENGE = -522,/* challenge differs from the one issued */
	PC_ERR_ASSERT_RP = -523,       /* made for another relying party */
	PC_ERR_ASSERT_PURPOSE = -524,  /* made for another purpose */
	PC_ERR_ASSERT_TXN = -525,      /* transaction digest differs or missing */
	PC_ERR_ASSERT_UV = -526,       /* method or matcher location not accepted */
	PC_ERR_ASSERT_ASSURANCE = -527,/* biometric assurance below the minimum */
	PC_ERR_ASSERT_PAD = -528,      /* presentation attack, or PAD missing */
	PC_ERR_ASSERT_COUNTER = -529,  /* counter not above the last seen (clone?) */
	/* -515 .. -529 signed assertions, -530 .. -539 sealed templates,
	 * -540 .. -549 decision policy */
	PC_ERR_BIO_SEAL_ID = -530,     /* sealed template of another template ID */
	PC_ERR_BIO_STATE = -540,       /* attempt-state record malformed */
	PC_ERR_BIO_ROLLBACK = -541,    /* attempt-state record rolled back */
	PC_ERR_BIO_NO_STATE = -542,    /* no attempt-state record */

	/* platform faults: fatal */
	PC_ERR_RNG = -1000,            /* random source failed */
	PC_ERR_STORAGE = -1001,        /* persistent storage failed */
	PC_ERR_KEYSTORE = -1002,       /* key store failed */
	PC_ERR_CRYPTO = -1003,         /* crypto backend failed */
	PC_ERR_INTERNAL = -1004        /* an invariant was broken: a bug */
} pc_err;

/**
 * Tell whether an error is a platform fault after which the caller should
 * stop using the affected context (RNG, storage, key store, crypto backend,
 * broken invariant).
 *
 * @param err  any pc_err value.
 * @return true for errors in -1000 .. -1099.
 * Thread-safe, ISR-safe, constant-time.
 */
bool pc_err_is_fatal(pc_err err);

/**
 * The symbolic name of an error, e.g. "PC_ERR_MPM_CRC_MISMATCH".
 *
 * @param err  any value; unknown values give "PC_ERR_UNKNOWN".
 * @return a static string, never NULL. With PC_NO_ERRSTR=1 it always
 *         returns "PC_ERR" to save flash.
 * Thread-safe, ISR-safe.
 */
const char *pc_err_name(pc_err err);

/**
 * A one-line English description of an error, e.g. "CRC does not verify".
 *
 * @param err  any value; unknown values give "unknown error".
 * @return a static string, never NULL ("" with PC_NO_ERRSTR=1).
 * Thread-safe, ISR-safe.
 */
const char *pc_strerror(pc_err err);

#ifdef __cplusplus
}
#endif
#endif /* PAYCODE_ERR_H */
