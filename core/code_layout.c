/*
 * The QR forms' binary layout (SPEC §3.4, diagram in code_layout.h): an
 * EMV CPM container [CPM Table 3.1] with paycode's data in the
 * application-specific transparent template 63. The layout is fixed, so the
 * reader takes the fields at their offsets, rebuilds the payload from them
 * and requires the rebuild to be identical to the input: any other
 * encoding, even valid BER, is rejected, and a code has one encoding.
 */
#include <string.h>

#include "internal.h"
#include "code_layout.h"

void pc__be(uint8_t *p, uint64_t v, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
}

uint64_t pc__get_be(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;
	unsigned i;

	for (i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

/* Tag (1 or 2 bytes) and minimal length [EMV Book 3 Annex B1, B2]. */
static size_t pc__hdr(uint8_t *p, uint16_t tag, size_t len)
{
	size_t n = 0;

	if (tag > 0xFF)
		p[n++] = (uint8_t)(tag >> 8);
	p[n++] = (uint8_t)tag;
	if (len >= 0x100) {
		p[n++] = 0x82;
		p[n++] = (uint8_t)(len >> 8);
	} else if (len >= 0x80) {
		p[n++] = 0x81;
	}
	p[n++] = (uint8_t)len;
	return n;
}

static size_t pc__tlv(uint8_t *p, uint16_t tag, const void *v, size_t len)
{
	size_t n = pc__hdr(p, tag, len);

	memcpy(p + n, v, len);
	return n + len;
}

static size_t pc__tlv_be(uint8_t *p, uint16_t tag, uint64_t v, unsigned len)
{
	size_t n = pc__hdr(p, tag, len);

	pc__be(p + n, v, len);
	return n + len;
}

void pc__code_layout_write(const pc__code *c, uint8_t *out)
{
	static const uint8_t aid[8] = { 0xF0, 'p', 'a', 'y', 'c', 'o', 'd', 'e' };
	bool off = c->form == PC_FORM_QR_OFFLINE;
	uint8_t *p = out;

	p += pc__tlv(p, 0x85, "CPV01", 5);
	p += pc__hdr(p, 0x61, off ? PC__LEN61_OFF : PC__LEN61_ON);
	p += pc__tlv(p, 0x4F, aid, sizeof aid);
	p += pc__tlv(p, 0x50, "paycode", 7);
	p += pc__tlv_be(p, 0x9F08, 1, 2);
	p += pc__hdr(p, 0x63, off ? PC__LEN63_OFF : PC__LEN63_ON);
	p += pc__tlv_be(p, 0xDF01, c->suite, 1);
	p += pc__tlv_be(p, 0xDF02, c->key_id, 4);
	p += pc__tlv_be(p, 0xDF03, c->token_id, 8);
	p += pc__tlv_be(p, 0xDF04, (uint64_t)c->gen_time, 8);
	p += pc__tlv_be(p, 0xDF05, c->counter, 4);
	p += pc__tlv_be(p, 0xDF06, c->flags, 1);
	p += pc__tlv(p, 0x9F37, c->un, 4);
	p += pc__tlv_be(p, 0x9F27, 0x80, 1); /* CID: ARQC [Book 3 Annex A] */
	p += pc__tlv(p, 0x9F26, c->mac, 8);
	if (!off)
		return;
	p += pc__tlv(p, 0xDF10, c->cert, PC_CERT_LEN);
	(void)pc__tlv(p, 0xDF11, c->sig, 64);
}

size_t pc__code_mac_span(pc_form form)
{
	return PC__AT63(form == PC_FORM_QR_OFFLINE) + PC__F_MAC_TAG;
}

size_t pc__code_sig_span(void)
{
	return PC__AT63(1) + PC__F_SIG_TAG;
}

pc_err pc__code_layout_read(pc__code *c, const uint8_t *in, size_t len)
{
	uint8_t want[PC__LEN_MAX];
	const uint8_t *v;

	memset(c, 0, sizeof *c);
	if (len != PC__LEN_ON && len != PC__LEN_OFF)
		return PC_ERR_CODE_FORMAT;
	c->form = len == PC__LEN_OFF ? PC_FORM_QR_OFFLINE : PC_FORM_QR_ONLINE;
	v = in + PC__AT63(c->form == PC_FORM_QR_OFFLINE);
	c->suite = v[PC__F_SUITE];
	c->key_id = (uint32_t)pc__get_be(v + PC__F_KEYID, 4);
	c->token_id = pc__get_be(v + PC__F_TOKEN, 8);
	c->gen_time = (pc_time)pc__get_be(v + PC__F_TIME, 8);
	c->counter = (uint32_t)pc__get_be(v + PC__F_COUNTER, 4);
	c->flags = v[PC__F_FLAGS];
	memcpy(c->un, v + PC__F_UN, 4);
	memcpy(c->mac, v + PC__F_MAC, 8);
	if (c->form == PC_FORM_QR_OFFLINE) {
		memcpy(c->cert, v + PC__F_CERT, PC_CERT_LEN);
		memcpy(c->sig, v + PC__F_SIG, 64);
	}
	pc__code_layout_write(c, want);
	if (memcmp(want, in, len) != 0 || c->gen_time < 0) {
		memset(c, 0, sizeof *c);
		return PC_ERR_CODE_FORMAT;
	}
	return PC_OK;
}
