/*
 * Configuration of the freestanding smoke build (tests/freestanding): the
 * Cortex-M profile's sizes without a crypto backend, so core/ and qr/
 * compile with no library at all (crypto_mbedtls.c compiles to nothing;
 * the crypto functions stay declared, not linked).
 */
#ifndef PAYCODE_CONFIG_FREESTANDING_H
#define PAYCODE_CONFIG_FREESTANDING_H

#include "pc_config_cortex-m.h"

#undef PC_CRYPTO_MBEDTLS
#define PC_CRYPTO_MBEDTLS 0

#endif
