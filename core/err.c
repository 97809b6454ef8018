/*
 * Error names and messages (STYLE §1). Compiled out to constants with
 * PC_NO_ERRSTR=1 for small firmware.
 */
#include "internal.h"

bool pc_err_is_fatal(pc_err err)
{
	return (int)err <= (int)PC_ERR_RNG;
}

#if !PC_NO_ERRSTR
struct pc_err_text {
	pc_err code;
	const char *name;
	const char *msg;
};

#define E(c, m) { c, #c, m }
static const struct pc_err_text pc_err_texts[] = {
	E(PC_OK, "success"),
	E(PC_ERR_INVALID_ARG, "invalid argument"),
	E(PC_ERR_BUFFER_TOO_SMALL, "output buffer too small"),
	E(PC_ERR_UNSUPPORTED, "feature or platform hook not available"),
	E(PC_ERR_TIME_UNKNOWN, "the platform cannot tell the time"),
	E(PC_ERR_TOO_LONG, "input longer than the configured maximum"),
	E(PC_ERR_NOT_FOUND, "not found"),
	E(PC_ERR_CAPACITY, "fixed-size table is full"),
	E(PC_ERR_TRUNCATED, "input ends inside a field"),
	E(PC_ERR_UTF8, "malformed UTF-8"),
	E(PC_ERR_VERIFY, "signature or MAC does not verify"),
	E(PC_ERR_BAD_KEY, "key malformed or out of range"),
	E(PC_ERR_MPM_SYNTAX, "ID or length is not two decimal digits"),
	E(PC_ERR_MPM_LEN_ZERO, "length 00 is not allowed"),
	E(PC_ERR_MPM_OVERRUN, "value runs past the end of its container"),
	E(PC_ERR_MPM_DUPLICATE, "ID occurs twice in one container"),
	E(PC_ERR_MPM_ORDER, "payload format indicator is not the first object"),
	E(PC_ERR_MPM_TRAILING, "objects after the CRC object"),
	E(PC_ERR_MPM_TOO_MANY, "more data objects than PC_MPM_MAX_OBJS"),
	E(PC_ERR_MPM_TEMPLATE, "template value is not ID/length/value data"),
	E(PC_ERR_MPM_CRC_MISSING, "CRC object missing or empty"),
	E(PC_ERR_MPM_CRC_FORMAT, "CRC is not four hex digits"),
	E(PC_ERR_MPM_CRC_MISMATCH, "CRC does not verify"),
	E(PC_ERR_MPM_CRC_CASE, "CRC hex digits are not uppercase"),
	E(PC_ERR_MPM_MISSING, "mandatory data object missing"),
	E(PC_ERR_MPM_FORMAT, "value outside its character class"),
	E(PC_ERR_MPM_LENGTH, "value length out of range"),
	E(PC_ERR_MPM_VALUE, "value not allowed"),
	E(PC_ERR_MPM_CONDITION, "conditional presence rule broken"),
	E(PC_ERR_MPM_GUID, "template lacks its globally unique identifier"),
	E(PC_ERR_MPM_PROFILE, "scheme profile rule broken"),
	E(PC_ERR_BASE64, "not canonical base64"),
	E(PC_ERR_BER_TAG, "malformed BER-TLV tag"),
	E(PC_ERR_BER_LENGTH, "BER-TLV length indefinite, non-minimal or too large"),
	E(PC_ERR_CPM_PREFIX, "first object is not 85 \"CPV01\""),
	E(PC_ERR_CPM_NO_APP, "no application template 61"),
	E(PC_ERR_CPM_DUPLICATE, "primitive tag occurs twice in the POI data"),
	E(PC_ERR_CPM_STRUCTURE, "CPM templates in the wrong place or number"),
	E(PC_ERR_CODE_FORMAT, "not a consumer payment code of any known form"),
	E(PC_ERR_CERT_FORMAT, "device certificate malformed"),
	E(PC_ERR_CRL_FORMAT, "revocation list malformed"),
	E(PC_ERR_REPLAYED, "already consumed"),
	E(PC_ERR_CONFIG, "inconsistent configuration"),
	E(PC_ERR_STALE, "older than the installed object"),
	E(PC_ERR_LIMIT, "adding would exceed the limit"),
	E(PC_ERR_STORE_UNAVAILABLE, "store unreachable or timed out"),
	E(PC_ERR_STORE_REPLY, "store answered something unexpected"),
	E(PC_ERR_RISK_CONFIG, "risk configuration malformed"),
	E(PC_ERR_BIO_FORMAT, "not a supported finger minutiae record"),
	E(PC_ERR_BIO_TRUNCATED, "input shorter than the record length"),
	E(PC_ERR_BIO_LENGTH, "record length disagrees with its content"),
	E(PC_ERR_BIO_HEADER, "record header field out of range"),
	E(PC_ERR_BIO_VIEW, "finger view field out of range"),
	E(PC_ERR_BIO_MINUTIA, "minutia field out of range"),
	E(PC_ERR_BIO_EXT, "extended data blocks malformed"),
	E(PC_ERR_BIO_TRAILING, "data after the record's last view"),
	E(PC_ERR_BIO_XYT, ".xyt text malformed"),
	E(PC_ERR_BIO_FEW_MINUTIAE, "too few minutiae to compare"),
	E(PC_ERR_BIO_LOCKED, "biometric verification locked after failures"),
	E(PC_ERR_BIO_POLICY, "biometric policy weaker than allowed"),
	E(PC_ERR_BIO_PAD, "presentation attack detected or PAD result missing"),
	E(PC_ERR_BIO_SEALED, "sealed template malformed, foreign or tampered"),
	E(PC_ERR_BIO_ASSERTION, "assertion malformed"),
	E(PC_ERR_BIO_SEAL_ID, "sealed template belongs to another template ID"),
	E(PC_ERR_BIO_STATE, "biometric attempt-state record malformed"),
	E(PC_ERR_BIO_ROLLBACK, "biometric attempt-state record older than one seen"),
	E(PC_ERR_BIO_NO_STATE, "no biometric attempt-state record: reset with a strong factor"),
	E(PC_ERR_ASSERT_SUITE, "assertion version or suite unknown"),
	E(PC_ERR_ASSERT_SIGNATURE, "assertion signature does not verify"),
	E(PC_ERR_ASSERT_CERT, "assertion certificate malformed or not issued by a trusted root"),
	E(PC_ERR_ASSERT_REVOKED, "assertion certificate revoked"),
	E(PC_ERR_ASSERT_CERT_TIME, "certificate not valid at the assertion's time"),
	E(PC_ERR_ASSERT_EXPIRED, "assertion expired"),
	E(PC_ERR_ASSERT_FUTURE, "assertion dated in the future"),
	E(PC_ERR_ASSERT_CHALLENGE, "assertion challenge differs"),
	E(PC_ERR_ASSERT_RP, "assertion made for another relying party"),
	E(PC_ERR_ASSERT_PURPOSE, "assertion made for another purpose"),
	E(PC_ERR_ASSERT_TXN, "assertion transaction digest differs"),
	E(PC_ERR_ASSERT_UV, "user-verification method or location not accepted"),
	E(PC_ERR_ASSERT_ASSURANCE, "biometric assurance below the minimum"),
	E(PC_ERR_ASSERT_PAD, "presentation attack or PAD missing"),
	E(PC_ERR_ASSERT_COUNTER, "assertion counter not above the last seen"),
	E(PC_ERR_RNG, "random source failed"),
	E(PC_ERR_STORAGE, "persistent storage failed"),
	E(PC_ERR_KEYSTORE, "key store failed"),
	E(PC_ERR_CRYPTO, "crypto backend failed"),
	E(PC_ERR_INTERNAL, "internal invariant broken"),
};
#undef E

static const struct pc_err_text *pc__err_find(pc_err err)
{
	size_t i;

	for (i = 0; i < PC_ARRAY_LEN(pc_err_texts); i++)
		if (pc_err_texts[i].code == err)
			return &pc_err_texts[i];
	return NULL;
}

const char *pc_err_name(pc_err err)
{
	const struct pc_err_text *t = pc__err_find(err);

	return t != NULL ? t->name : "PC_ERR_UNKNOWN";
}

const char *pc_strerror(pc_err err)
{
	const struct pc_err_text *t = pc__err_find(err);

	return t != NULL ? t->msg : "unknown error";
}
#else
const char *pc_err_name(pc_err err)
{
	(void)err;
	return "PC_ERR";
}

const char *pc_strerror(pc_err err)
{
	(void)err;
	return "";
}
#endif
