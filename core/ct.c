/*
 * Constant-time helpers (STYLE §7). Masks are built arithmetically; no
 * branch or table lookup depends on secret data.
 */
#include "internal.h"

int pc_ct_eq(const void *a, const void *b, size_t n)
{
	const volatile uint8_t *pa = (const volatile uint8_t *)a;
	const volatile uint8_t *pb = (const volatile uint8_t *)b;
	uint32_t acc = 0;
	size_t i;

	for (i = 0; i < n; i++)
		acc |= (uint32_t)(pa[i] ^ pb[i]);
	/* acc in 0..255: (acc - 1) >> 31 is 1 exactly when acc == 0. */
	return (int)((acc - 1u) >> 31) - 1;
}

uint32_t pc_ct_select(uint32_t ctl, uint32_t a, uint32_t b)
{
	uint32_t mask = (uint32_t)0 - ctl;

	return b ^ (mask & (a ^ b));
}

void pc_ct_copy(uint32_t ctl, void *dst, const void *src, size_t n)
{
	uint8_t *d = (uint8_t *)dst;
	const uint8_t *s = (const uint8_t *)src;
	uint8_t mask = (uint8_t)(0u - ctl);
	size_t i;

	for (i = 0; i < n; i++)
		d[i] = (uint8_t)(d[i] ^ (mask & (d[i] ^ s[i])));
}

void pc_wipe(void *p, size_t n)
{
	volatile uint8_t *v = (volatile uint8_t *)p;
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < n; i++)
		v[i] = 0;
}
