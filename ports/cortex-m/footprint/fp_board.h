/* The footprint images' board for the Cortex-M port (fp_board.c). */
#ifndef PAYCODE_FP_BOARD_H
#define PAYCODE_FP_BOARD_H

#include "cm_port.h"

extern const pc_cm_board fp_board;

#endif
