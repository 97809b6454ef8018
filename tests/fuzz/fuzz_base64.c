/*
 * libFuzzer target for base64 (qr/base64.c).
 *
 * The input is used twice:
 *   - as text: decoded into an exact-size heap buffer sized by a size-only
 *     call; a one-byte-short buffer must be refused untouched. When the
 *     decode succeeds, re-encoding must give the input back exactly: the
 *     decoder accepts one (canonical) text per byte string. When it fails,
 *     the output handed in must have been zeroised.
 *   - as bytes: encoded into an exact-size buffer, the text must be made
 *     of alphabet symbols and '=' only, and decode back to the input.
 * Oracle failures call abort(), which libFuzzer reports as a crash.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <paycode/tlv.h>

static void fail(int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, line, what);
	abort();
}

#define check(x) ((x) ? (void)0 : fail(__LINE__, #x))

static bool is_symbol(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '+' || c == '/';
}

static void fuzz_decode(const char *text, size_t n)
{
	size_t need = 0, len = 0, i;
	pc_err err = pc_base64_decode(text, n, NULL, 0, &need);
	uint8_t *out;
	char *again;

	if (err == PC_ERR_BASE64) {
		check(n % 4 != 0 && need == 0);
		return;
	}
	check(err == PC_OK || err == PC_ERR_BUFFER_TOO_SMALL);
	check(need <= n / 4 * 3 && need + 2 >= n / 4 * 3);
	out = malloc(need + 1);
	check(out != NULL);
	if (need != 0) {
		memset(out, 0x5A, need);
		check(pc_base64_decode(text, n, out, need - 1, &len) ==
		      PC_ERR_BUFFER_TOO_SMALL);
		check(len == need);
		for (i = 0; i < need; i++)
			check(out[i] == 0x5A);
	}
	err = pc_base64_decode(text, n, need ? out : NULL, need, &len);
	if (err != PC_OK) {
		check(err == PC_ERR_BASE64 && len == 0);
		for (i = 0; i < need; i++)
			check(out[i] == 0);
		free(out);
		return;
	}
	check(len == need);
	for (i = 0; i < n; i++)
		check(is_symbol((unsigned char)text[i]) || (text[i] == '=' && i + 2 >= n));
	again = malloc(n + 1);
	check(again != NULL);
	check(pc_base64_encode(out, len, n ? again : NULL, n, &i) == PC_OK);
	check(i == n && memcmp(again, text, n) == 0);
	free(again);
	free(out);
}

static void fuzz_encode(const uint8_t *p, size_t n)
{
	size_t need = 0, len = 0, i;
	char *txt;
	uint8_t *back;

	check(pc_base64_encode(p, n, NULL, 0, &need) ==
	      (n ? PC_ERR_BUFFER_TOO_SMALL : PC_OK));
	check(need == PC_BASE64_LEN(n));
	txt = malloc(need + 1);
	back = malloc(n + 1);
	check(txt != NULL && back != NULL);
	check(pc_base64_encode(p, n, need ? txt : NULL, need, &len) == PC_OK);
	check(len == need);
	for (i = 0; i < len; i++)
		check(is_symbol((unsigned char)txt[i]) || txt[i] == '=');
	check(pc_base64_decode(txt, len, n ? back : NULL, n, &i) == PC_OK);
	check(i == n && (n == 0 || memcmp(back, p, n) == 0));
	free(back);
	free(txt);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact-size copy, so ASan sees any read past the end */
	uint8_t *p = malloc(size + (size == 0));

	check(p != NULL);
	if (size != 0)
		memcpy(p, data, size);
	fuzz_decode((const char *)p, size);
	fuzz_encode(p, size);
	free(p);
	return 0;
}
