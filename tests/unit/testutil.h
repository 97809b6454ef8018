/* Shared helpers for the CMocka unit suites. */
#ifndef PAYCODE_TESTUTIL_H
#define PAYCODE_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* Folder of the shared real-world data, relative to the project root.
 * PAYCODE_DATA overrides it. */
static inline const char *tu_data_dir(void)
{
	const char *d = getenv("PAYCODE_DATA");

	return d != NULL ? d : "../shared/data";
}

/* Copy src into an exact-size heap buffer so ASan sees any overread. */
static inline unsigned char *tu_exact(const void *src, size_t n)
{
	unsigned char *p = malloc(n ? n : 1);

	assert_non_null(p);
	if (n)
		memcpy(p, src, n);
	return p;
}

static inline size_t tu_unhex(const char *hex, unsigned char *out, size_t cap)
{
	size_t n = strlen(hex) / 2, i;

	assert_true(n <= cap);
	for (i = 0; i < n; i++) {
		unsigned v;

		assert_int_equal(sscanf(hex + 2 * i, "%2x", &v), 1);
		out[i] = (unsigned char)v;
	}
	return n;
}

#endif
