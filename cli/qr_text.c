/*
 * paycode CLI: draw a QR symbol as SVG or terminal text into a stream
 * (used by `code gen --qr`).
 */
#include <stdlib.h>

#include "cli.h"
#include "code_cli.h"

static pc_err draw(const pc_qr *qr, int svg, char *out, size_t cap, size_t *len)
{
	if (svg)
		return pc_qr_svg(qr, 8, 4, out, cap, len);
	return pc_qr_ansi(qr, 4, out, cap, len);
}

int pc_cli_qr_text(const pc_qr *qr, int svg, FILE *f)
{
	size_t need = 0, len = 0;
	char *buf;
	int rc;

	if (draw(qr, svg, NULL, 0, &need) != PC_OK)
		return 1;
	buf = malloc(need + 1);
	if (buf == NULL)
		return 1;
	rc = draw(qr, svg, buf, need + 1, &len) != PC_OK ||
	     fwrite(buf, 1, len, f) != len;
	free(buf);
	return rc;
}
