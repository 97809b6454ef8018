/* Footprint baseline: start-up and the harness alone, subtracted from
 * every component image. */
#include "fp.h"

int main(void)
{
	fp_begin();
	fp_end("base", 1, 0, 0);
	return 0;
}
