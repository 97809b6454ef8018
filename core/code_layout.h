/*
 * Internal: the fixed binary layout of the QR code forms (SPEC §3.4).
 * Included by core/ only.
 *
 *   85 05 "CPV01"
 *   61 L                       application template
 *     4F 08 F0 "paycode"       proprietary AID (ISO/IEC 7816-5 category F)
 *     50 07 "paycode"          application label
 *     9F08 02 0001             application version number
 *     63 L                     application-specific transparent template
 *       DF01 01 suite | DF02 04 key ID | DF03 08 token ID | DF04 08 time
 *       DF05 04 counter | DF06 01 flags | 9F37 04 unpredictable number
 *       9F27 01 80 (ARQC) | 9F26 08 MAC
 *       offline only: DF10 81AD certificate | DF11 40 signature
 */
#ifndef PAYCODE_CODE_LAYOUT_H
#define PAYCODE_CODE_LAYOUT_H

#include <paycode/code.h>

/* Content lengths of 63 and 61 per form, and the payload lengths. */
#define PC__LEN63_ON 66u
#define PC__LEN63_OFF (PC__LEN63_ON + 4u + PC_CERT_LEN + 3u + 64u)   /* 310 */
#define PC__LEN61_ON (10u + 9u + 5u + 2u + PC__LEN63_ON)               /* 92 */
#define PC__LEN61_OFF (10u + 9u + 5u + 4u + PC__LEN63_OFF)             /* 338 */
#define PC__LEN_ON (7u + 2u + PC__LEN61_ON)                            /* 101 */
#define PC__LEN_OFF (7u + 4u + PC__LEN61_OFF)                          /* 349 */
#define PC__LEN_MAX PC__LEN_OFF

/* Offsets inside 63's value, the same in both forms. */
#define PC__F_SUITE 3u
#define PC__F_KEYID 7u
#define PC__F_TOKEN 14u
#define PC__F_TIME 25u
#define PC__F_COUNTER 36u
#define PC__F_FLAGS 43u
#define PC__F_UN 47u
#define PC__F_MAC_TAG 55u  /* the MAC covers everything before this */
#define PC__F_MAC 58u
#define PC__F_CERT 70u
#define PC__F_SIG_TAG 243u /* the signature covers everything before this */
#define PC__F_SIG 246u

/* Offset of 63's value in the payload for a form. */
#define PC__AT63(off) ((off) ? 7u + 4u + 24u + 4u : 7u + 2u + 24u + 2u)

typedef struct pc__code {
	pc_form form;
	uint8_t suite;
	uint32_t key_id;
	uint64_t token_id;
	pc_time gen_time;
	uint32_t counter;
	uint8_t flags;
	uint8_t un[4];
	uint8_t mac[8];
	uint8_t cert[PC_CERT_LEN];
	uint8_t sig[64];
} pc__code;

/* Write the layout of c (PC__LEN_ON or PC__LEN_OFF bytes) to out. */
void pc__code_layout_write(const pc__code *c, uint8_t *out);
/* Parse a payload; PC_ERR_CODE_FORMAT unless it is exactly the layout. */
pc_err pc__code_layout_read(pc__code *c, const uint8_t *in, size_t len);
/* Length of the bytes a form's MAC / signature covers. */
size_t pc__code_mac_span(pc_form form);
size_t pc__code_sig_span(void);
/* Big-endian helpers. */
void pc__be(uint8_t *p, uint64_t v, unsigned n);
uint64_t pc__get_be(const uint8_t *p, unsigned n);

#endif
