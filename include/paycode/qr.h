/*
 * paycode: QR symbol rendering.
 *
 * A payload is encoded into a QR module matrix held in a caller-allocated
 * pc_qr, then drawn as SVG or terminal text into caller buffers. Payloads
 * are always encoded in Byte mode (EMV QRCPS MPM §4.12 forbids the other
 * modes); text outside the EMV common character set gets an ECI 000026
 * (UTF-8) header.
 *
 * The encoder backend is libqrencode (qr/qr_qrencode.c, PC_QR_BACKEND_QRENCODE=1),
 * which allocates on the heap and keeps copies of the input in freed heap
 * memory: do not render secrets with it on a shared host. Firmware builds
 * set PC_QR_BACKEND_QRENCODE=0 and provide their own encoder.
 */
#ifndef PAYCODE_QR_H
#define PAYCODE_QR_H

#include "types.h"
#include "err.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Error-correction level (ISO/IEC 18004 §6.5.1). */
typedef enum pc_qr_ecc {
	PC_QR_ECC_L = 0, /* ~7 % */
	PC_QR_ECC_M = 1, /* ~15 % */
	PC_QR_ECC_Q = 2, /* ~25 % */
	PC_QR_ECC_H = 3  /* ~30 % */
} pc_qr_ecc;

/**
 * A QR module matrix. Fields are reserved: do not rely on their layout;
 * use pc_qr_side() and pc_qr_module(). No interior pointers: it may be
 * copied. About 4 KB with the default PC_QR_MAX_SIDE.
 */
typedef struct pc_qr {
	uint16_t side;
	uint8_t version;
	uint8_t ecc;
	uint8_t bits[(PC_QR_MAX_SIDE * PC_QR_MAX_SIDE + 7) / 8];
} pc_qr;

/**
 * Encode data into a QR symbol in Byte mode.
 * @param qr       out: the symbol; wiped first, and wiped again on failure.
 * @param data     len bytes to encode; not retained.
 * @param version  0 for the smallest that fits, else 1..40 (minimum).
 * @param ecc      error-correction level.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_TOO_LONG (does not fit in
 *         version 40 or PC_QR_MAX_SIDE), PC_ERR_UNSUPPORTED (no backend),
 *         PC_ERR_INTERNAL (backend failure).
 * Thread-safety: reentrant when libqrencode is built with pthreads
 * (Debian's is).
 */
PC_MUST_CHECK pc_err pc_qr_encode(pc_qr *qr, const uint8_t *data, size_t len,
				  unsigned version, pc_qr_ecc ecc);

/** Side length in modules (21 for version 1 ... 177 for version 40). */
unsigned pc_qr_side(const pc_qr *qr);

/** Version (1..40) of an encoded symbol. */
unsigned pc_qr_version(const pc_qr *qr);

/** True when the module at column x, row y is dark; false outside. */
bool pc_qr_module(const pc_qr *qr, unsigned x, unsigned y);

/**
 * Draw the symbol as a standalone SVG document.
 * @param scale   pixels per module, 1..64.
 * @param margin  quiet zone in modules (ISO/IEC 18004 asks for 4).
 * @param margin  0..64.
 * @param out     cap writable bytes, or NULL with cap 0 for a size-only pass
 *                (which returns PC_OK with the size in out_len).
 * @param out_len out: bytes written (or needed), not counting a NUL; the
 *                output is NUL-terminated when it fits with one more byte.
 * @return PC_OK, PC_ERR_INVALID_ARG, PC_ERR_BUFFER_TOO_SMALL (out_len then
 *         holds the size needed).
 */
PC_MUST_CHECK pc_err pc_qr_svg(const pc_qr *qr, unsigned scale,
			       unsigned margin, char *out, size_t cap,
			       size_t *out_len);

/**
 * Draw the symbol for a UTF-8 terminal with half-block characters (two
 * module rows per text line). Block characters mark light modules and
 * spaces dark ones, so the symbol reads correctly on a dark terminal (it
 * is inverted on a light one). No escape codes.
 * Same buffer contract as pc_qr_svg().
 */
PC_MUST_CHECK pc_err pc_qr_ansi(const pc_qr *qr, unsigned margin, char *out,
				size_t cap, size_t *out_len);

#ifdef __cplusplus
}
#endif
#endif /* PAYCODE_QR_H */
