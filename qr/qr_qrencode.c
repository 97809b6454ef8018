/*
 * QR encoder backend over libqrencode (STYLE §14): the only file that
 * includes <qrencode.h>. It builds a Byte-mode QRinput, copies the module
 * matrix into the caller's pc_qr, wipes libqrencode's matrix before freeing
 * it and maps errno onto pc_err.
 *
 * What this wrapper cannot fix, and callers must know:
 *  - libqrencode copies the payload several times on the heap (the QRinput
 *    list entry, the bit stream, the data and ECC codewords) and frees those
 *    copies without wiping them. Only the final matrix is wiped here, so a
 *    payload encoded through this backend can survive in freed heap memory.
 *    Do not render long-lived secrets with it on a shared host.
 *  - QRcode_encodeInput() is thread-safe only when libqrencode was built
 *    with HAVE_LIBPTHREAD (it guards its lazily built RS/ECC tables with a
 *    mutex). Debian's build is; a build without pthreads needs the caller
 *    to serialise pc_qr_encode() calls.
 */
#include <paycode/qr.h>

#include "internal.h"

#if PC_QR_BACKEND_QRENCODE

#include <errno.h>
#include <limits.h>
#include <qrencode.h>

/* ISO/IEC 18004 Table 7: 2953 bytes is the Byte-mode capacity of 40-L.
 * Anything longer cannot fit; reject it before libqrencode copies it. */
#define PC__QR_BYTE_CAP 2953u

/* EMV QRCPS MPM §4.12: Byte mode only; characters outside the common set
 * (0x20..0x7E) mean UTF-8 text, announced with ECI 000026. */
static bool needs_eci(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] < 0x20 || p[i] > 0x7E)
			return true;
	return false;
}

static pc_err map_errno(int e)
{
	switch (e) {
	case ERANGE:
		return PC_ERR_TOO_LONG; /* does not fit in version 40 */
	case EINVAL:
		return PC_ERR_INVALID_ARG;
	case ENOMEM:
		return PC_ERR_INTERNAL;
	default:
		return PC_ERR_INTERNAL;
	}
}

/* Copy bit 0 of each QRcode.data byte (1 = dark) into qr->bits,
 * row-major, bit i of the matrix in byte i/8, mask 0x80 >> i%8. */
static pc_err copy_matrix(pc_qr *qr, const QRcode *code)
{
	size_t side, i;

	if (PC_NEVER(code->version < 1 || code->version > 40 ||
		     code->width != 17 + 4 * code->version))
		return PC_ERR_INTERNAL;
	if (code->width > PC_QR_MAX_SIDE)
		return PC_ERR_TOO_LONG; /* PC_QR_MAX_SIDE below 177 */
	side = (size_t)code->width;
	for (i = 0; i < side * side; i++)
		if (code->data[i] & 1u)
			qr->bits[i / 8] |= (uint8_t)(0x80u >> (i % 8));
	qr->side = (uint16_t)side;
	qr->version = (uint8_t)code->version;
	return PC_OK;
}

pc_err pc_qr_encode(pc_qr *qr, const uint8_t *data, size_t len,
		    unsigned version, pc_qr_ecc ecc)
{
	QRinput *in = NULL;
	QRcode *code = NULL;
	pc_err err;

	if (qr == NULL)
		return PC_ERR_INVALID_ARG;
	pc_wipe(qr, sizeof *qr);
	if (data == NULL || len == 0 || version > 40 ||
	    (unsigned)ecc > (unsigned)PC_QR_ECC_H)
		return PC_ERR_INVALID_ARG;
	if (len > PC__QR_BYTE_CAP)
		return PC_ERR_TOO_LONG;
	errno = 0;
	/* A non-zero version is a minimum: libqrencode raises it as needed. */
	in = QRinput_new2((int)version, (QRecLevel)ecc);
	if (in == NULL)
		goto out_errno;
	/* libqrencode's version estimate counts this 12-bit header as 28 bits,
	 * so a payload within 16 bits of a version's capacity can come out one
	 * version larger than needed; the symbol is still correct. */
	if (needs_eci(data, len) && QRinput_appendECIheader(in, 26) != 0)
		goto out_errno;
	if (QRinput_append(in, QR_MODE_8, (int)len, data) != 0)
		goto out_errno;
	code = QRcode_encodeInput(in);
	if (code == NULL)
		goto out_errno;
	qr->ecc = (uint8_t)ecc;
	err = copy_matrix(qr, code);
	goto out_wipe;
out_errno:
	err = map_errno(errno);
out_wipe:
	if (code != NULL) {
		pc_wipe(code->data, (size_t)code->width * (size_t)code->width);
		QRcode_free(code);
	}
	QRinput_free(in);
	if (err != PC_OK)
		pc_wipe(qr, sizeof *qr);
	return err;
}

#else /* !PC_QR_BACKEND_QRENCODE */

/* No encoder compiled in: firmware supplies its own (config.h). */
pc_err pc_qr_encode(pc_qr *qr, const uint8_t *data, size_t len,
		    unsigned version, pc_qr_ecc ecc)
{
	(void)data;
	(void)len;
	(void)version;
	(void)ecc;
	pc_wipe(qr, sizeof *qr);
	return PC_ERR_UNSUPPORTED;
}

#endif /* PC_QR_BACKEND_QRENCODE */
