/*
 * libFuzzer target for the risk configuration parser (core/risk_config.c,
 * pc_risk_config_parse). The input is the configuration text, parsed from
 * an exact-size heap copy so ASan sees any read past its end.
 *
 * Oracles:
 *   - the result is PC_OK or PC_ERR_RISK_CONFIG, nothing else;
 *   - a refusal names a line of the text (1 .. newlines + 1) and a cause,
 *     and leaves exactly the defaults in the configuration;
 *   - an acceptance passes pc_risk_config_check(), and appending a comment
 *     line changes nothing;
 *   - parsing is deterministic: a second parse gives the same bytes.
 * Oracle failures call abort(), which libFuzzer reports as a crash.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <paycode/risk.h>

static void fail(int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, line, what);
	abort();
}

#define check(x) ((x) ? (void)0 : fail(__LINE__, #x))

static pc_risk_config cfg, again, defaults;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + (size == 0)), *more;
	pc_risk_config_error e, e2;
	uint32_t lines = 1;
	pc_err err;
	size_t i;

	check(text != NULL);
	if (size != 0)
		memcpy(text, data, size);
	for (i = 0; i < size; i++)
		lines += text[i] == '\n';
	pc_risk_config_default(&defaults);
	err = pc_risk_config_parse(&cfg, text, size, &e);
	check(pc_risk_config_parse(&again, text, size, &e2) == err);
	check(memcmp(&cfg, &again, sizeof cfg) == 0);
	if (err != PC_OK) {
		check(err == PC_ERR_RISK_CONFIG);
		check(e.line >= 1 && e.line <= lines && e.line == e2.line);
		check(e.what != NULL && e.what == e2.what);
		check(memcmp(&cfg, &defaults, sizeof cfg) == 0);
		free(text);
		return 0;
	}
	check(e.line == 0 && e.what == NULL);
	check(pc_risk_config_check(&cfg) == PC_OK);
	/* a comment line after an accepted text changes nothing */
	more = malloc(size + 6);
	check(more != NULL);
	if (size != 0)
		memcpy(more, text, size);
	memcpy(more + size, "\n# x\n", 5);
	check(pc_risk_config_parse(&again, more, size + 5, &e2) == PC_OK);
	check(memcmp(&cfg, &again, sizeof cfg) == 0);
	free(more);
	free(text);
	return 0;
}
