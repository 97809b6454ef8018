/*
 * Unit tests for core/selftest.c: every known-answer test passes on the
 * host build, in the documented order, and the callback is optional.
 */
#include "testutil.h"

#include <paycode/selftest.h>

typedef struct seen {
	unsigned n, failed;
	const char *names[PC_SELFTEST_COUNT + 4];
} seen;

static void record(void *ctx, const char *name, pc_err result)
{
	seen *s = ctx;

	if (s->n < PC_SELFTEST_COUNT + 4)
		s->names[s->n] = name;
	s->n++;
	if (result != PC_OK) {
		s->failed++;
		print_error("selftest %s: %d\n", name, (int)result);
	}
}

static void test_selftest_passes(void **state)
{
	seen s;

	(void)state;
	memset(&s, 0, sizeof s);
	assert_int_equal(pc_selftest(record, &s), PC_OK);
	assert_int_equal(s.n, PC_SELFTEST_COUNT);
	assert_int_equal(s.failed, 0);
	assert_string_equal(s.names[0], "sha256");
	assert_string_equal(s.names[PC_SELFTEST_COUNT - 1], "validate-offline");
}

static void test_selftest_no_callback(void **state)
{
	(void)state;
	assert_int_equal(pc_selftest(NULL, NULL), PC_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_selftest_passes),
		cmocka_unit_test(test_selftest_no_callback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
