/*
 * The Cortex-M test image (make -C ports/cortex-m qemu-test): pc_selftest,
 * every compiled-in conformance vector, the port's own tests, and a timed
 * offline validation. Prints "N passed, N failed" and returns 0 only when
 * nothing failed; the start-up code hands that status to QEMU.
 */
#include <string.h>

#include <paycode/code.h>
#include <paycode/selftest.h>

#include "../mps2/board_mps2.h"
#include "../mbedtls_heap.h"
#include "../mps2/out.h"
#include "port_test.h"
#include "vectors_data.h"
#include "vectors_run.h"

#ifndef PC_CM_CPU_NAME
#define PC_CM_CPU_NAME "cortex-m"
#endif

static void pc__selftest_cb(void *ctx, const char *name, pc_err result)
{
	pc_vt_tally *t = ctx;

	if (result == PC_OK) {
		t->passed++;
		return;
	}
	t->failed++;
	pc_out("FAIL selftest %s: error %d\n", name, (int)result);
}

/*
 * One offline validation at a terminal, timed in ticks of the 25 MHz timer:
 * a qr-offline code from a device seen for the first time (certificate and
 * code signatures verified), from the first offline vector group.
 */
static void pc__time_offline(void)
{
	static pc_memstore ms;
	static pc_validator v;
	static pc_cm cm;
	const pc_vt_group *g = NULL;
	pc_platform plat;
	pc_store store;
	pc_decision d;
	uint32_t t0, t1;
	size_t i;

	for (i = 0; i < pc_vt_ngroups && g == NULL; i++)
		if (strcmp(pc_vt_groups[i].file, "cpm-qr-offline.json") == 0)
			g = &pc_vt_groups[i];
	if (g == NULL || g->nroots == 0 || g->tests[0].verdict != PC_APPROVE)
		return;
	pc_mps2_rtc_set(g->tests[0].now);
	if (pc_cm_init(&cm, &pc_mps2_board, &plat) != PC_OK)
		return;
	pc_memstore_init(&ms, &plat, &store);
	if (pc_validator_init(&v, PC_MODE_TERMINAL, &plat, &store, NULL, NULL) != PC_OK ||
	    pc_validator_add_root(&v, g->roots[0].key_id, (const uint8_t *)g->roots[0].pub) != PC_OK)
		return;
	(void)pc_cm_mbedtls_heap_reset();
	pc_mps2_ticks_start();
	t0 = pc_mps2_ticks();
	if (pc_validate(&v, g->tests[0].code, strlen(g->tests[0].code), &d) != PC_OK)
		return;
	t1 = pc_mps2_ticks();
	pc_out("offline validation: %s, %u ticks of 25 MHz (x40 = instructions under "
	       "-icount shift=0), mbedTLS heap high water %u of %u bytes\n",
	       d.verdict == PC_APPROVE ? "APPROVE" : "not approved", (unsigned)(t1 - t0),
	       (unsigned)pc_cm_mbedtls_heap_high_water(), (unsigned)pc_cm_mbedtls_heap_size());
	pc_validator_wipe(&v);
}

int main(void)
{
	pc_vt_tally t = { 0, 0 };
	pc_vt_tally at;

	pc_mps2_init();
	pc_out("paycode Cortex-M test image (%s, QEMU MPS2)\n", PC_CM_CPU_NAME);
	pc_out("note: the board's rng is a deterministic stand-in seeded at build "
	       "time, NOT a TRNG\n");
	at = t;
	if (pc_selftest(pc__selftest_cb, &t) != PC_OK)
		pc_out("pc_selftest: FAILED\n");
	pc_out("  %-22s %u passed, %u failed\n", "pc_selftest", t.passed - at.passed,
	       t.failed - at.failed);
	pc_vt_run_all(&t);
	pc_port_test(&t);
	pc_out("mbedTLS heap: high water %u of %u bytes over the whole run\n",
	       (unsigned)pc_cm_mbedtls_heap_high_water(), (unsigned)pc_cm_mbedtls_heap_size());
	pc__time_offline();
	pc_out("%u passed, %u failed\n", t.passed, t.failed);
	return t.failed == 0 && t.passed > 0 ? 0 : 1;
}
