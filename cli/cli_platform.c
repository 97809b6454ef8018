/*
 * paycode CLI: the platform table every command uses, the POSIX port with
 * an optional fixed clock (--now). Only time_now is replaced; every other
 * hook is the port's own, which is why pc_posix is the first member of
 * pc_cli_platform: the port's hooks read their ctx as a pc_posix.
 */
#include <stddef.h>
#include <string.h>

#include "cli.h"
#include "files.h"

_Static_assert(offsetof(pc_cli_platform, px) == 0,
	       "the port's hooks read ctx as a pc_posix");

static pc_err fixed_time(void *ctx, pc_time *now)
{
	*now = ((const pc_cli_platform *)ctx)->fixed_now;
	return PC_OK;
}

int pc_cli_platform_init(pc_cli_platform *p, const char *dir, int fixed,
			 pc_time now)
{
	pc_err err;

	memset(p, 0, sizeof *p);
	err = pc_posix_init(&p->px, dir != NULL ? dir : ".", &p->plat);
	if (err != PC_OK)
		return pc_cli_fail(err, "cannot use %s as a key-store folder",
				   dir != NULL ? dir : ".");
	/* The port set ctx to &p->px, which is p itself. */
	if (fixed) {
		p->fixed_now = now;
		p->plat.time_now = fixed_time;
	}
	return 0;
}

void pc_cli_platform_wipe(pc_cli_platform *p)
{
	if (p == NULL)
		return;
	pc_posix_wipe(&p->px);
	pc_wipe(p, sizeof *p);
}

int pc_cli_clock(pc_time *now)
{
	pc_cli_platform cp;
	pc_err err;

	if (pc_cli_platform_init(&cp, NULL, 0, 0) != 0)
		return 1;
	err = pc_platform_time(&cp.plat, now);
	pc_cli_platform_wipe(&cp);
	if (err != PC_OK)
		return pc_cli_fail(err, "the clock is unknown");
	return 0;
}
