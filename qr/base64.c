/*
 * base64 (RFC 4648 §4) with canonical decoding (§3.5), table-free and
 * constant-time in the data (STYLE §7).
 *
 * Every symbol <-> value mapping is computed with arithmetic masks over
 * the whole alphabet, after the constant-time hex/base64 codecs of CTTK
 * and libsodium: no branch, index or table lookup depends on a data byte.
 * Validity is accumulated into one flag with bitwise OR and looked at once,
 * at the end. Lengths are public: the input length and the number of '='
 * (which is the decoded length) may steer control flow.
 *
 * EMV CPM carries its BER-TLV payload in this form [EMV QRCPS CPM §3,
 * §5.1.1], so card data passes through here.
 */
#include <string.h>

#include <paycode/tlv.h>

#include "internal.h"

/* All-ones when lo <= c <= hi, else 0; c, lo, hi below 2^31. The two
 * differences have their top bit set exactly when c >= lo and c <= hi. */
static uint32_t pc__b64_in(uint32_t c, uint32_t lo, uint32_t hi)
{
	uint32_t t = ((lo - 1u) - c) & (c - (hi + 1u));

	return 0u - (t >> 31);
}

/* 1 when x != 0, else 0, without a branch. */
static uint32_t pc__b64_nz(uint32_t x)
{
	return (x | (0u - x)) >> 31;
}

/* Symbol of a 6-bit value: start at 'A' and shift by the distance between
 * the alphabet's runs (RFC 4648 Table 1) once v passes each run's end. */
static char pc__b64_sym(uint32_t v)
{
	uint32_t c = v + 'A';

	c += ((25u - v) >> 8) & 6u;   /* 26..51 -> 'a'..'z' */
	c -= ((51u - v) >> 8) & 75u;  /* 52..61 -> '0'..'9' */
	c -= ((61u - v) >> 8) & 15u;  /* 62 -> '+' */
	c += ((62u - v) >> 8) & 3u;   /* 63 -> '/' */
	return (char)c;
}

/* Value of a symbol; *ok gets all-ones when it is in the alphabet. Every
 * range is evaluated for every byte. */
static uint32_t pc__b64_val(unsigned char ch, uint32_t *ok)
{
	uint32_t c = ch, v = 0, m, any = 0;

	m = pc__b64_in(c, 'A', 'Z'); v |= m & (c - 'A'); any |= m;
	m = pc__b64_in(c, 'a', 'z'); v |= m & (c - 'a' + 26u); any |= m;
	m = pc__b64_in(c, '0', '9'); v |= m & (c - '0' + 52u); any |= m;
	m = pc__b64_in(c, '+', '+'); v |= m & 62u; any |= m;
	m = pc__b64_in(c, '/', '/'); v |= m & 63u; any |= m;
	*ok = any;
	return v & 63u;
}

pc_err pc_base64_encode(const uint8_t *in, size_t n, char *out, size_t cap,
			size_t *out_len)
{
	size_t i, o = 0;

	if (out_len == NULL || (in == NULL && n != 0) ||
	    (out == NULL && cap != 0) || n > SIZE_MAX / 4u * 3u - 2u)
		return PC_ERR_INVALID_ARG;
	*out_len = PC_BASE64_LEN(n);
	if (cap < *out_len)
		return PC_ERR_BUFFER_TOO_SMALL;
	for (i = 0; i < n; i += 3) {
		/* Missing bytes of the last group count as zero (§4). */
		uint32_t w = (uint32_t)in[i] << 16;

		if (i + 1 < n)
			w |= (uint32_t)in[i + 1] << 8;
		if (i + 2 < n)
			w |= in[i + 2];
		out[o++] = pc__b64_sym(w >> 18);
		out[o++] = pc__b64_sym((w >> 12) & 63u);
		out[o++] = i + 1 < n ? pc__b64_sym((w >> 6) & 63u) : '=';
		out[o++] = i + 2 < n ? pc__b64_sym(w & 63u) : '=';
	}
	return PC_OK;
}

/* Decode one quantum of four symbols into 24 bits. In the last quantum
 * (`last`), '=' is allowed in the last position, or in the last two; the
 * bits of a padded quantum that no output byte uses must be zero (§3.5).
 * A bad symbol or pad sets *bad to 1. */
static uint32_t pc__b64_quad(const char *q, bool last, uint32_t *bad)
{
	uint32_t v[4], ok[4], e2, e3;
	size_t i;

	for (i = 0; i < 4; i++)
		v[i] = pc__b64_val((unsigned char)q[i], &ok[i]);
	e2 = last ? pc__b64_in((unsigned char)q[2], '=', '=') : 0;
	e3 = last ? pc__b64_in((unsigned char)q[3], '=', '=') : 0;
	/* "x=y=" and "xx=y" are not padding: q[2] may be '=' only if q[3] is. */
	*bad |= 1u & ~(ok[0] & ok[1] & (ok[2] | (e2 & e3)) & (ok[3] | e3));
	*bad |= 1u & e3 & ~e2 & pc__b64_nz(v[2] & 3u);  /* "xxx=": 2 spare bits */
	*bad |= 1u & e2 & pc__b64_nz(v[1] & 15u);       /* "xx==": 4 spare bits */
	return v[0] << 18 | v[1] << 12 | v[2] << 6 | v[3];
}

pc_err pc_base64_decode(const char *in, size_t n, uint8_t *out, size_t cap,
			size_t *out_len)
{
	uint32_t bad = 0;
	size_t i, o = 0, pad = 0, k;

	if (out_len == NULL || (in == NULL && n != 0) || (out == NULL && cap != 0))
		return PC_ERR_INVALID_ARG;
	*out_len = 0;
	if (n % 4u != 0)
		return PC_ERR_BASE64;
	/* The padding fixes the decoded length, which is public (tlv.h). */
	if (n >= 2)
		PC_DECLASSIFY(in + n - 2, 2);
	if (n != 0 && in[n - 1] == '=')
		pad = in[n - 2] == '=' ? 2 : 1;
	*out_len = n / 4u * 3u - pad;
	if (cap < *out_len)
		return PC_ERR_BUFFER_TOO_SMALL;
	for (i = 0; i < n; i += 4) {
		uint32_t w = pc__b64_quad(in + i, i + 4 == n, &bad);

		for (k = 0; k < 3 && o < *out_len; k++)
			out[o++] = (uint8_t)(w >> (16 - 8 * k));
	}
	PC_DECLASSIFY(&bad, sizeof bad); /* validity is the public outcome */
	if (bad != 0) {
		pc_wipe(out, *out_len);
		*out_len = 0;
		return PC_ERR_BASE64;
	}
	return PC_OK;
}
