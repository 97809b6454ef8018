/* Tests of the Cortex-M port on the emulated MPS2 board (port_test.c). */
#ifndef PAYCODE_CM_PORT_TEST_H
#define PAYCODE_CM_PORT_TEST_H

#include "vectors_run.h"

void pc_port_test(pc_vt_tally *t);

#endif
