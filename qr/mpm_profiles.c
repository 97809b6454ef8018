/*
 * Built-in MPM profiles and data-object names.
 *
 * Scheme facts (GUIDs, template IDs, currencies, tolerated deviations) are
 * those of the national rules summarised in the project's EMV notes, §2:
 * BCB Manual BR Code (Pix), Bank of Thailand PromptPay, MAS SGQR/PayNow,
 * NPCI Bharat QR/UPI, Bank Indonesia QRIS, PayNet DuitNow, NAPAS VietQR,
 * NBC KHQR, HKICL FPS, UnionPay.
 */
#include <string.h>

#include <paycode/emvqr.h>

#include "internal.h"

#define LENIENT_TEXT (PC_MPM_ALLOW_NON_ANS | PC_MPM_ALLOW_LONG_TEXT)

const pc_mpm_profile pc_mpm_profile_strict = {
	"strict", 0, PC_MPM_LEN_CHARS, NULL, 0, 0, PC_MPM_NONE, NULL, NULL
};

const pc_mpm_profile pc_mpm_profile_lenient = {
	"lenient", PC_MPM_ALLOW_ALL, PC_MPM_LEN_CHARS, NULL, 0, 0, PC_MPM_NONE,
	NULL, NULL
};

static const pc_mpm_profile pc__schemes[] = {
	/* Pix: 26 br.gov.bcb.pix; BCB accepts any UTF-8 in 59/60. */
	{ "pix", LENIENT_TEXT, PC_MPM_LEN_CHARS, "br.gov.bcb.pix", 26, 51,
	  PC_MPM_NONE, "986", "BR" },
	/* PromptPay: 29 credit transfer / 30 bill payment, A000000677010111/2;
	 * common generators omit 52, 59 and 60. */
	{ "promptpay", PC_MPM_ALLOW_NO_MCC_NAME_CITY, PC_MPM_LEN_CHARS,
	  "A0000006770101*", 29, 31, PC_MPM_NONE, "764", "TH" },
	{ "paynow", 0, PC_MPM_LEN_CHARS, "SG.PAYNOW", 26, 51, PC_MPM_NONE,
	  "702", "SG" },
	{ "sgqr", 0, PC_MPM_LEN_CHARS, "SG.SGQR", 51, 51, PC_MPM_NONE, NULL, "SG" },
	/* Bharat QR / UPI: 26-28 under the RuPay RID A000000524. */
	{ "upi", PC_MPM_ALLOW_CRC_LOWERCASE | PC_MPM_ALLOW_POI_EXTENDED,
	  PC_MPM_LEN_CHARS, "A000000524*", 26, 28, PC_MPM_NONE, "356", "IN" },
	/* QRIS: national template 51; ID.OR.GPNQR.WWW is the older GUID. */
	{ "qris", PC_MPM_ALLOW_LONG_TEXT | PC_MPM_ALLOW_NO_GUID, PC_MPM_LEN_CHARS,
	  "ID.CO.QRIS.WWW|ID.OR.GPNQR.WWW", 51, 51, PC_MPM_NONE, "360", "ID" },
	/* DuitNow: every real sample has payload format indicator "02". */
	{ "duitnow", PC_MPM_ALLOW_PFI_ANY, PC_MPM_LEN_CHARS, "A000000615*",
	  26, 51, PC_MPM_NONE, "458", "MY" },
	/* VietQR: NAPAS generators often omit 52/59/60; some emit lowercase
	 * CRC hex; one known generator counts bytes. */
	{ "vietqr", LENIENT_TEXT | PC_MPM_ALLOW_LEN_BYTES |
	  PC_MPM_ALLOW_NO_MCC_NAME_CITY | PC_MPM_ALLOW_CRC_LOWERCASE, PC_MPM_LEN_CHARS,
	  "A000000727", 38, 38, PC_MPM_NONE, "704", "VN" },
	/* UnionPay: primitive merchant account object 15 [MPM Table 3.6]. */
	{ "unionpay", 0, PC_MPM_LEN_CHARS, NULL, 0, 0, 15, NULL, NULL },
	/* KHQR: Khmer text in 59 and 64. */
	{ "khqr", LENIENT_TEXT, PC_MPM_LEN_CHARS, NULL, 0, 0, PC_MPM_NONE,
	  NULL, "KH" },
	{ "fps", PC_MPM_ALLOW_EMPTY_VALUE, PC_MPM_LEN_CHARS, "hk.com.hkicl",
	  26, 51, PC_MPM_NONE, NULL, NULL },
};

/* Equality of two NUL-terminated names. A loop rather than strcmp(): the
 * names are short, and newlib's word-at-a-time strcmp costs about 700 bytes
 * of flash in a firmware image that needs nothing else of it. */
static bool pc__name_eq(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

const pc_mpm_profile *pc_mpm_profile_find(const char *name)
{
	size_t i;

	if (name == NULL)
		return NULL;
	if (pc__name_eq(name, "strict"))
		return &pc_mpm_profile_strict;
	if (pc__name_eq(name, "lenient"))
		return &pc_mpm_profile_lenient;
	for (i = 0; i < PC_ARRAY_LEN(pc__schemes); i++)
		if (pc__name_eq(name, pc__schemes[i].name))
			return &pc__schemes[i];
	return NULL;
}

const char *pc_mpm_profile_name(size_t i)
{
	if (i == 0)
		return pc_mpm_profile_strict.name;
	if (i == 1)
		return pc_mpm_profile_lenient.name;
	return i - 2 < PC_ARRAY_LEN(pc__schemes) ? pc__schemes[i - 2].name : NULL;
}

#if !PC_NO_ERRSTR
struct pc__name {
	uint8_t parent, lo, hi;
	const char *name;
};

static const struct pc__name pc__names[] = {
	{ PC_MPM_NONE, 0, 0, "Payload Format Indicator" },
	{ PC_MPM_NONE, 1, 1, "Point of Initiation Method" },
	{ PC_MPM_NONE, 2, 51, "Merchant Account Information" },
	{ PC_MPM_NONE, 52, 52, "Merchant Category Code" },
	{ PC_MPM_NONE, 53, 53, "Transaction Currency" },
	{ PC_MPM_NONE, 54, 54, "Transaction Amount" },
	{ PC_MPM_NONE, 55, 55, "Tip or Convenience Indicator" },
	{ PC_MPM_NONE, 56, 56, "Value of Convenience Fee Fixed" },
	{ PC_MPM_NONE, 57, 57, "Value of Convenience Fee Percentage" },
	{ PC_MPM_NONE, 58, 58, "Country Code" },
	{ PC_MPM_NONE, 59, 59, "Merchant Name" },
	{ PC_MPM_NONE, 60, 60, "Merchant City" },
	{ PC_MPM_NONE, 61, 61, "Postal Code" },
	{ PC_MPM_NONE, 62, 62, "Additional Data Field Template" },
	{ PC_MPM_NONE, 63, 63, "CRC" },
	{ PC_MPM_NONE, 64, 64, "Merchant Information - Language Template" },
	{ PC_MPM_NONE, 65, 79, "RFU for EMVCo" },
	{ PC_MPM_NONE, 80, 99, "Unreserved Template" },
	{ 62, 1, 1, "Bill Number" },
	{ 62, 2, 2, "Mobile Number" },
	{ 62, 3, 3, "Store Label" },
	{ 62, 4, 4, "Loyalty Number" },
	{ 62, 5, 5, "Reference Label" },
	{ 62, 6, 6, "Customer Label" },
	{ 62, 7, 7, "Terminal Label" },
	{ 62, 8, 8, "Purpose of Transaction" },
	{ 62, 9, 9, "Additional Consumer Data Request" },
	{ 62, 10, 10, "Merchant Tax ID" },
	{ 62, 11, 11, "Merchant Channel" },
	{ 62, 50, 99, "Payment System Specific Template" },
	{ 64, 0, 0, "Language Preference" },
	{ 64, 1, 1, "Merchant Name - Alternate Language" },
	{ 64, 2, 2, "Merchant City - Alternate Language" },
};

const char *pc_mpm_obj_name(unsigned parent_id, unsigned id)
{
	size_t i;

	for (i = 0; i < PC_ARRAY_LEN(pc__names); i++)
		if (pc__names[i].parent == parent_id && id >= pc__names[i].lo &&
		    id <= pc__names[i].hi)
			return pc__names[i].name;
	if (parent_id != PC_MPM_NONE && parent_id != 62 && parent_id != 64 && id == 0)
		return "Globally Unique Identifier";
	return "";
}
#else
const char *pc_mpm_obj_name(unsigned parent_id, unsigned id)
{
	(void)parent_id;
	(void)id;
	return "";
}
#endif
