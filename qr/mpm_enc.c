/*
 * EMV QRCPS MPM payload builder: ID(2) LEN(2) VALUE objects written straight
 * into the caller's buffer [§4.3-4.5], templates by back-patching their LEN,
 * and the closing "6304" + CRC [§4.7.3].
 *
 * The builder enforces framing only (IDs, LEN <= 99, UTF-8). Values of
 * length 0, which §4.4.1 forbids but real payloads carry ("6200"), are
 * written as given so that decode -> build reproduces them; the EMVCo
 * rules are checked by decoding the result with a profile.
 */
#include <string.h>

#include <paycode/emvqr.h>

#include "internal.h"

void pc_mpm_enc_init(pc_mpm_enc *e, char *out, size_t cap, pc_mpm_len_unit unit)
{
	if (e == NULL)
		return;
	memset(e, 0, sizeof *e);
	e->out = out;
	e->cap = out == NULL ? 0 : cap;
	e->len_unit = (uint8_t)unit;
	if (unit != PC_MPM_LEN_CHARS && unit != PC_MPM_LEN_BYTES)
		e->err = PC_ERR_INVALID_ARG;
}

static void pc__put(pc_mpm_enc *e, const void *p, size_t n)
{
	if (e->err != PC_OK)
		return;
	if (n > e->cap - e->len) {
		e->err = PC_ERR_BUFFER_TOO_SMALL;
		return;
	}
	memcpy(e->out + e->len, p, n);
	e->len += n;
}

static void pc__put2(pc_mpm_enc *e, unsigned v)
{
	char b[2] = { (char)('0' + v / 10), (char)('0' + v % 10) };

	pc__put(e, b, 2);
}

/* Length of p[0..n) in the builder's unit; 0 with e->err set if malformed. */
static size_t pc__units(pc_mpm_enc *e, const char *p, size_t n)
{
	const uint8_t *u = (const uint8_t *)p;
	size_t pos = 0, count = 0;
	uint32_t cp;

	while (pos < n) {
		size_t k = pc__utf8_next(u + pos, n - pos, &cp);

		if (k == 0) {
			e->err = PC_ERR_UTF8;
			return 0;
		}
		pos += k;
		count++;
	}
	return e->len_unit == PC_MPM_LEN_BYTES ? n : count;
}

void pc_mpm_enc_add(pc_mpm_enc *e, unsigned id, const char *value, size_t len)
{
	size_t units;

	if (e == NULL || e->err != PC_OK)
		return;
	if (id > 99 || id == 63 || value == NULL) {
		e->err = PC_ERR_INVALID_ARG;
		return;
	}
	units = pc__units(e, value, len);
	if (e->err == PC_OK && units > PC_MPM_MAX_VALUE_CHARS)
		e->err = PC_ERR_MPM_LENGTH;
	pc__put2(e, id);
	pc__put2(e, (unsigned)units);
	pc__put(e, value, len);
}

void pc_mpm_enc_add_str(pc_mpm_enc *e, unsigned id, const char *value)
{
	size_t n = 0;

	while (value != NULL && value[n] != '\0') /* not strlen(): footprint */
		n++;
	pc_mpm_enc_add(e, id, value, n);
}

void pc_mpm_enc_begin(pc_mpm_enc *e, unsigned id)
{
	if (e == NULL || e->err != PC_OK)
		return;
	if (id > 99 || id == 63 || e->depth >= PC_MPM_MAX_DEPTH - 1) {
		e->err = PC_ERR_INVALID_ARG;
		return;
	}
	pc__put2(e, id);
	e->open_at[e->depth++] = e->len;
	pc__put(e, "00", 2); /* patched by pc_mpm_enc_end() */
}

void pc_mpm_enc_end(pc_mpm_enc *e)
{
	size_t at, units;

	if (e == NULL || e->err != PC_OK)
		return;
	if (e->depth == 0) {
		e->err = PC_ERR_INVALID_ARG;
		return;
	}
	at = e->open_at[--e->depth];
	units = pc__units(e, e->out + at + 2, e->len - at - 2);
	if (e->err == PC_OK && units > PC_MPM_MAX_VALUE_CHARS)
		e->err = PC_ERR_MPM_LENGTH;
	if (e->err != PC_OK)
		return;
	e->out[at] = (char)('0' + units / 10);
	e->out[at + 1] = (char)('0' + units % 10);
}

pc_err pc_mpm_enc_finish(pc_mpm_enc *e, size_t *out_len)
{
	static const char hex[] = "0123456789ABCDEF";
	char crc[4];
	uint16_t c;

	if (e == NULL || out_len == NULL)
		return PC_ERR_INVALID_ARG;
	if (e->err == PC_OK && e->depth != 0)
		e->err = PC_ERR_INVALID_ARG;
	pc__put(e, "6304", 4);
	if (e->err != PC_OK)
		return e->err;
	c = pc_crc16_ccitt(0xFFFF, e->out, e->len);
	crc[0] = hex[c >> 12];
	crc[1] = hex[(c >> 8) & 15];
	crc[2] = hex[(c >> 4) & 15];
	crc[3] = hex[c & 15];
	pc__put(e, crc, 4);
	if (e->err != PC_OK)
		return e->err;
	*out_len = e->len;
	return PC_OK;
}
