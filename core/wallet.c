/*
 * Wallet side: code generation for the three forms (SPEC §3.3-3.5).
 */
#include <string.h>

#include <paycode/code.h>
#include <paycode/crypto.h>
#include <paycode/tlv.h>

#include "internal.h"
#include "code_layout.h"

/* Scheme prefixes other payment codes use (cn-payment-rules §3.1: WeChat
 * 10-15, Alipay 25-30, UnionPay 62, Baidu 31, WeBank 56, Lakala 81/82). */
static bool pc__prefix_taken(unsigned p)
{
	return (p >= 10 && p <= 15) || (p >= 25 && p <= 31) || p == 56 ||
	       p == 62 || p == 81 || p == 82;
}

void pc_code_params_default(pc_code_params *p)
{
	if (p == NULL)
		return;
	p->ttl = 60;
	p->skew = 30;
	p->step = 15;
	memcpy(p->prefix, "97", 3);
}

pc_err pc_code_params_check(const pc_code_params *p)
{
	if (p == NULL)
		return PC_ERR_INVALID_ARG;
	if (p->prefix[0] < '0' || p->prefix[0] > '9' || p->prefix[1] < '0' ||
	    p->prefix[1] > '9' || p->prefix[2] != '\0' ||
	    pc__prefix_taken((unsigned)(p->prefix[0] - '0') * 10u +
			     (unsigned)(p->prefix[1] - '0')))
		return PC_ERR_CONFIG;
	if (p->ttl < 10 || p->ttl > 600 || p->skew > 300 || p->step < 5 ||
	    p->step > p->ttl)
		return PC_ERR_CONFIG;
	/* SPEC §3.3: the step digit names T mod 10, so the acceptance window
	 * may span at most 10 steps. */
	if ((p->ttl + 2u * p->skew) / p->step + 1u > 10u)
		return PC_ERR_CONFIG;
	return PC_OK;
}

const char *pc_form_name(pc_form f)
{
	switch (f) {
	case PC_FORM_NUMERIC: return "numeric";
	case PC_FORM_QR_ONLINE: return "qr-online";
	case PC_FORM_QR_OFFLINE: return "qr-offline";
	default: return "?";
	}
}

pc_err pc_wallet_init(pc_wallet *w, const pc_platform *plat,
		      const pc_code_params *params,
		      const uint8_t otp_key[PC_KEY_LEN], uint32_t master_key_id,
		      uint64_t token_id, uint32_t alias, uint32_t counter)
{
	pc_err err;

	if (w == NULL || plat == NULL || otp_key == NULL || alias > 9999999u)
		return PC_ERR_INVALID_ARG;
	memset(w, 0, sizeof *w);
	err = pc_platform_check(plat);
	if (err != PC_OK)
		return err;
	if (params != NULL)
		w->params = *params;
	else
		pc_code_params_default(&w->params);
	err = pc_code_params_check(&w->params);
	if (err != PC_OK)
		return err;
	w->plat = plat;
	memcpy(w->otp_key, otp_key, PC_KEY_LEN);
	w->master_key_id = master_key_id;
	w->token_id = token_id;
	w->alias = alias;
	w->counter = counter;
	return PC_OK;
}

pc_err pc_wallet_set_device(pc_wallet *w, uint32_t device_key_id,
			    const uint8_t cert[PC_CERT_LEN])
{
	pc_cert c;
	pc_err err;

	if (w == NULL || cert == NULL)
		return PC_ERR_INVALID_ARG;
	err = pc_cert_decode(&c, cert, PC_CERT_LEN);
	if (err != PC_OK)
		return err;
	if (c.token_id != w->token_id || c.alias != w->alias)
		return PC_ERR_CERT_FORMAT;
	w->device_key_id = device_key_id;
	memcpy(w->cert, cert, PC_CERT_LEN);
	w->has_cert = 1;
	return PC_OK;
}

uint32_t pc_wallet_counter(const pc_wallet *w)
{
	return w->counter;
}

/* SPEC §3.3: prefix(2) alias(7) T mod 10 (1) TOTP-SHA-256(8). */
pc_err pc__numeric_digits(const uint8_t key[PC_KEY_LEN], const char prefix[3],
			  uint32_t alias, uint64_t t, char out[PC_NUMERIC_LEN + 1])
{
	uint32_t otp = 0;
	unsigned i;
	pc_err err = pc_hotp(PC_OTP_SHA256, key, PC_KEY_LEN, t, 8, &otp);

	if (err != PC_OK)
		return err;
	out[0] = prefix[0];
	out[1] = prefix[1];
	for (i = 0; i < 7; i++, alias /= 10)
		out[8 - i] = (char)('0' + alias % 10);
	out[9] = (char)('0' + t % 10);
	/* constant-time enough: digits of a fixed-length value, no branches */
	for (i = 0; i < 8; i++, otp /= 10)
		out[17 - i] = (char)('0' + otp % 10);
	out[PC_NUMERIC_LEN] = '\0';
	pc_wipe(&otp, sizeof otp);
	return PC_OK;
}

pc_err pc_wallet_numeric(pc_wallet *w, char out[PC_NUMERIC_LEN + 1])
{
	pc_time now;
	pc_err err;

	if (w == NULL || out == NULL)
		return PC_ERR_INVALID_ARG;
	err = pc_platform_time(w->plat, &now);
	if (err != PC_OK)
		return err;
	return pc__numeric_digits(w->otp_key, w->params.prefix, w->alias,
				  (uint64_t)now / w->params.step, out);
}

/* HMAC-SHA-256(K_tok, "paycode/v1/qr" || 0 || payload[0..span)), first 8 bytes. */
pc_err pc__code_mac(const uint8_t key[PC_KEY_LEN], const uint8_t *payload,
		    size_t span, uint8_t mac[8])
{
	static const char ctx[] = "paycode/v1/qr";
	uint8_t buf[sizeof ctx + PC__LEN_MAX], full[32];
	pc_err err;

	if (PC_NEVER(span > PC__LEN_MAX))
		return PC_ERR_INTERNAL;
	memcpy(buf, ctx, sizeof ctx); /* includes the 0 separator */
	memcpy(buf + sizeof ctx, payload, span);
	err = pc_hmac_sha256(key, PC_KEY_LEN, buf, sizeof ctx + span, full);
	memcpy(mac, full, 8);
	pc_wipe(full, sizeof full);
	return err;
}

static pc_err pc__qr_fill(pc_wallet *w, pc__code *c, pc_form form, uint8_t flags)
{
	pc_err err;

	c->form = form;
	c->suite = PC_SUITE_1;
	c->key_id = w->master_key_id;
	c->token_id = w->token_id;
	c->counter = w->counter;
	c->flags = flags;
	if (form == PC_FORM_QR_OFFLINE)
		memcpy(c->cert, w->cert, PC_CERT_LEN);
	err = pc_platform_time(w->plat, &c->gen_time);
	if (err == PC_OK)
		err = pc_platform_random(w->plat, c->un, sizeof c->un);
	return err;
}

pc_err pc_wallet_qr(pc_wallet *w, pc_form form, uint8_t flags, char *out,
		    size_t cap, size_t *out_len)
{
	uint8_t bin[PC__LEN_MAX], digest[32];
	size_t len;
	pc__code c;
	pc_err err;

	if (w == NULL || out == NULL || out_len == NULL ||
	    (form != PC_FORM_QR_ONLINE && form != PC_FORM_QR_OFFLINE))
		return PC_ERR_INVALID_ARG;
	if (form == PC_FORM_QR_OFFLINE && !w->has_cert)
		return PC_ERR_UNSUPPORTED;
	len = form == PC_FORM_QR_OFFLINE ? PC__LEN_OFF : PC__LEN_ON;
	if (cap < PC_BASE64_LEN(len))
		return PC_ERR_BUFFER_TOO_SMALL;
	memset(&c, 0, sizeof c);
	err = pc__qr_fill(w, &c, form, flags);
	if (err != PC_OK)
		goto out_wipe;
	pc__code_layout_write(&c, bin);
	err = pc__code_mac(w->otp_key, bin, pc__code_mac_span(form), c.mac);
	if (err == PC_OK && form == PC_FORM_QR_OFFLINE) {
		pc__code_layout_write(&c, bin);
		err = pc__sig_digest("paycode/v1/qr-offline", bin,
				     pc__code_sig_span(), digest);
		if (err == PC_OK)
			err = w->plat->key_sign == NULL ? PC_ERR_UNSUPPORTED :
			      w->plat->key_sign(w->plat->ctx, w->device_key_id,
						digest, c.sig, sizeof c.sig);
		/* key stores may return either s; codes carry the low one */
		if (err == PC_OK)
			err = pc_p256_sig_normalize(c.sig);
	}
	if (err != PC_OK)
		goto out_wipe;
	pc__code_layout_write(&c, bin);
	err = pc_base64_encode(bin, len, out, cap, out_len);
	if (err == PC_OK)
		w->counter++;
out_wipe:
	pc_wipe(&c, sizeof c);
	pc_wipe(bin, sizeof bin);
	return err;
}

void pc_wallet_wipe(pc_wallet *w)
{
	pc_wipe(w, w == NULL ? 0 : sizeof *w);
}
