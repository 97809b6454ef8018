/*
 * The Cortex-M port's tests (ports/cortex-m/test/port_test.c) on the host,
 * under the sanitizers and valgrind of make check: every hook of
 * ports/cortex-m/cm_port.c and the flash store's behaviour under power cuts
 * at every flash operation, with the board emulated in memory
 * (ports/cortex-m/test/board_host.c). The same tests run on the target
 * under QEMU (make -C ports/cortex-m qemu-test).
 *
 * The port's sources are compiled into this file, so the host build needs
 * no rule of its own for them.
 */
#include "testutil.h"

#include "../../ports/cortex-m/cm_port.c"
#include "../../ports/cortex-m/cm_store.c"
#include "../../ports/cortex-m/mps2/out.c"
#include "../../ports/cortex-m/mps2/ram_flash.c"
#include "../../ports/cortex-m/test/board_host.c"
#include "../../ports/cortex-m/test/port_test.c"

/* out.c's output goes to the host's stdout instead of semihosting. */
void pc_sh_write(const char *p, size_t len)
{
	fwrite(p, 1, len, stdout);
}

static void test_cm_port_all(void **state)
{
	pc_vt_tally t = { 0, 0 };

	(void)state;
	pc_mps2_init();
	pc_port_test(&t);
	assert_int_equal(t.failed, 0);
	assert_true(t.passed > 200);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cm_port_all),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
