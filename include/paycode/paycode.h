/*
 * paycode: umbrella header. Includes every public header in a fixed order.
 */
#ifndef PAYCODE_H
#define PAYCODE_H

#include "config.h"
#include "err.h"
#include "types.h"
#include "ct.h"
#include "platform.h"
#include "crypto.h"
#include "tlv.h"
#include "code.h"
#include "risk.h"
#include "journal.h"
#include "emvqr.h"
#include "cpm.h"
#include "qr.h"
#include "selftest.h"
#include "bio.h"
#include "assertion.h"

#define PC_VERSION_STRING "0.1.0"

#endif /* PAYCODE_H */
