/*
 * paycode risk check | level: the risk engine's configuration and levels
 * (include/paycode/risk.h; cn-payment-rules PC-01, PC-02).
 *
 * check: parse a risk configuration file and print the effective
 *        configuration (defaults included) as JSON; a malformed file gives
 *        "error: PC_ERR_RISK_CONFIG: FILE:LINE: cause" and exit 1.
 * level: print the PBOC level (A-D) of a factor set.
 *
 * Exit status: 0 success, 1 malformed configuration, 2 usage error.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "cli.h"

static const char USAGE[] =
	"usage: paycode risk check FILE|-\n"
	"       paycode risk level --factors LIST [--static]\n"
	"\n"
	"check: validate a risk configuration (format: include/paycode/risk.h,\n"
	"       pc_risk_config_parse) and print the effective configuration as\n"
	"       JSON, defaults included.\n"
	"level: print the risk level (A, B, C or D) of a payment verified with\n"
	"       LIST, comma-separated from knowledge, otp, cert, biometric, or\n"
	"       'none'; --static: the code is static (always D).\n"
	"\n"
	"exit status: 0 success, 1 malformed configuration, 2 usage error\n";

static int usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "error: PC_ERR_INVALID_ARG: %s%s%s (see paycode risk --help)\n",
		msg, arg != NULL ? " " : "", arg != NULL ? arg : "");
	return 2;
}

/* ---- JSON ---------------------------------------------------------------------- */

/* Integers are written as JSON numbers whatever their size (as the other
 * commands do); token IDs as 16 hex digits, as in the configuration. */
static void add_int(cJSON *o, const char *key, int64_t v)
{
	char digits[24];

	snprintf(digits, sizeof digits, "%" PRId64, v);
	cJSON_AddRawToObject(o, key, digits);
}

static cJSON *u64_array(const pc_risk_u64_list *l, int hex)
{
	cJSON *a = cJSON_CreateArray();
	char buf[24];
	size_t i;

	for (i = 0; a != NULL && i < l->count; i++) {
		snprintf(buf, sizeof buf, hex ? "%016" PRIx64 : "%" PRIu64, l->v[i]);
		cJSON_AddItemToArray(a, hex ? cJSON_CreateString(buf) : cJSON_CreateRaw(buf));
	}
	return a;
}

static cJSON *id_array(const pc_risk_id_list *l)
{
	cJSON *a = cJSON_CreateArray();
	size_t i;

	for (i = 0; a != NULL && i < l->count; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(l->v[i]));
	return a;
}

static cJSON *mcc_array(const pc_risk_mcc_list *l)
{
	cJSON *a = cJSON_CreateArray();
	size_t i;

	for (i = 0; a != NULL && i < l->count; i++)
		cJSON_AddItemToArray(a, cJSON_CreateNumber(l->v[i]));
	return a;
}

/* {"token": [...], "device": [...], "merchant": [...], "terminal": [...]} */
static cJSON *list_set(const pc_risk_u64_list *tok, const pc_risk_u64_list *dev,
		       const pc_risk_id_list *mer, const pc_risk_id_list *term)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddItemToObject(o, "token", u64_array(tok, 1));
	cJSON_AddItemToObject(o, "device", u64_array(dev, 0));
	cJSON_AddItemToObject(o, "merchant", id_array(mer));
	cJSON_AddItemToObject(o, "terminal", id_array(term));
	return o;
}

/* {"A": n, "B": n, "C": n, "D": n} */
static cJSON *per_level(const int64_t v[4])
{
	cJSON *o = cJSON_CreateObject();
	int i;

	for (i = 0; i < 4; i++)
		add_int(o, pc_risk_level_name((pc_risk_level)i), v[i]);
	return o;
}

static cJSON *rate(uint32_t max, uint32_t window)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "max", max);
	cJSON_AddNumberToObject(o, "windowSeconds", window);
	return o;
}

static cJSON *binding_json(const pc_risk_binding_cfg *b)
{
	cJSON *o = cJSON_CreateObject(), *a = cJSON_CreateArray(), *e;
	char buf[24];
	size_t i;

	cJSON_AddBoolToObject(o, "requireBound", b->require_bound != 0);
	cJSON_AddBoolToObject(o, "requireDevice", b->require_device != 0);
	for (i = 0; a != NULL && i < b->count; i++) {
		e = cJSON_CreateObject();
		snprintf(buf, sizeof buf, "%016" PRIx64, b->bind[i].token);
		cJSON_AddStringToObject(e, "token", buf);
		snprintf(buf, sizeof buf, "%" PRIu64, b->bind[i].serial);
		cJSON_AddRawToObject(e, "serial", buf);
		cJSON_AddItemToArray(a, e);
	}
	cJSON_AddItemToObject(o, "bindings", a);
	return o;
}

/* The configuration file's spelling of a step-up method. */
static const char *method_key(pc_risk_method m)
{
	switch (m) {
	case PC_RISK_M_PIN: return "pin";
	case PC_RISK_M_OTP: return "otp";
	case PC_RISK_M_BIOMETRIC: return "biometric";
	case PC_RISK_M_CERT: return "cert";
	case PC_RISK_M_NONE:
	default: return "none";
	}
}

static cJSON *config_json(const pc_risk_config *c)
{
	const pc_risk_lists_cfg *l = &c->lists;
	cJSON *o = cJSON_CreateObject(), *s;
	int32_t off = c->limits.utc_offset, a = off < 0 ? -off : off;
	char tz[16];

	cJSON_AddNumberToObject(o, "currency", c->currency);
	s = cJSON_AddObjectToObject(o, "daily");
	cJSON_AddItemToObject(s, "limit", per_level(c->limits.daily));
	snprintf(tz, sizeof tz, "%c%02d:%02d", off < 0 ? '-' : '+', (int)(a / 3600),
		 (int)(a % 3600 / 60));
	cJSON_AddStringToObject(s, "utcOffset", tz);
	s = cJSON_AddObjectToObject(o, "velocity");
	cJSON_AddItemToObject(s, "token", rate(c->velocity.token_max, c->velocity.token_window));
	cJSON_AddItemToObject(s, "terminal", rate(c->velocity.terminal_max,
						  c->velocity.terminal_window));
	cJSON_AddItemToObject(o, "deny", list_set(&l->deny_token, &l->deny_device,
						  &l->deny_merchant, &l->deny_terminal));
	cJSON_AddItemToObject(o, "allow", list_set(&l->allow_token, &l->allow_device,
						   &l->allow_merchant, &l->allow_terminal));
	s = cJSON_AddObjectToObject(o, "offline");
	add_int(s, "floor", c->offline.floor);
	add_int(s, "cumulative", c->offline.cumulative);
	cJSON_AddItemToObject(o, "cap", per_level(c->caps.per_txn));
	cJSON_AddItemToObject(o, "binding", binding_json(&c->binding));
	s = cJSON_AddObjectToObject(o, "mcc");
	cJSON_AddItemToObject(s, "block", mcc_array(&c->mcc.block));
	cJSON_AddItemToObject(s, "stepUp", mcc_array(&c->mcc.step_up));
	cJSON_AddStringToObject(s, "stepUpMethod", method_key(c->mcc.method));
	return o;
}

/* ---- commands ----------------------------------------------------------------- */

static int cmd_check(int argc, char **argv)
{
	static pc_risk_config cfg; /* ~13 KB of lists */
	pc_risk_config_error where;
	cJSON *json;
	char *text = NULL, *out;
	size_t len = 0;
	pc_err err;

	if (argc != 2 || argv[1][0] == '\0' || (argv[1][0] == '-' && argv[1][1] != '\0'))
		return usage_error("risk check takes one FILE", NULL);
	if (pc_cli_read_file(argv[1], &text, &len) != 0)
		return pc_cli_fail(PC_ERR_STORAGE, "%s: cannot read", argv[1]);
	err = pc_risk_config_parse(&cfg, text, len, &where);
	free(text);
	if (err != PC_OK)
		return pc_cli_fail(err, "%s:%lu: %s", argv[1], (unsigned long)where.line,
				   where.what != NULL ? where.what : "malformed");
	json = config_json(&cfg);
	out = json != NULL ? cJSON_Print(json) : NULL;
	cJSON_Delete(json);
	if (out == NULL)
		return pc_cli_fail(PC_ERR_CAPACITY, "out of memory");
	puts(out);
	free(out);
	return 0;
}

/* Parse "knowledge,otp,cert,biometric" or "none"; -1 on a bad name. */
static int parse_factors(const char *s, pc_factors *out)
{
	static const struct { const char *name; pc_factors bit; } names[] = {
		{ "knowledge", PC_FACTOR_KNOWLEDGE }, { "otp", PC_FACTOR_OTP },
		{ "cert", PC_FACTOR_CERT }, { "biometric", PC_FACTOR_BIOMETRIC } };
	size_t n, i;

	*out = 0;
	if (strcmp(s, "none") == 0)
		return 0;
	for (;;) {
		n = strcspn(s, ",");
		for (i = 0; i < sizeof names / sizeof names[0]; i++)
			if (strlen(names[i].name) == n && strncmp(s, names[i].name, n) == 0)
				break;
		if (i == sizeof names / sizeof names[0])
			return -1;
		*out |= names[i].bit;
		if (s[n] == '\0')
			return 0;
		s += n + 1;
	}
}

static int cmd_level(int argc, char **argv)
{
	const char *factors = NULL;
	pc_factors f = 0;
	bool is_static = false;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--static") == 0)
			is_static = true;
		else if (strcmp(argv[i], "--factors") == 0 && i + 1 < argc)
			factors = argv[++i];
		else if (strncmp(argv[i], "--factors=", 10) == 0)
			factors = argv[i] + 10;
		else
			return usage_error("unexpected argument", argv[i]);
	}
	if (factors == NULL)
		return usage_error("risk level needs --factors", NULL);
	if (parse_factors(factors, &f) != 0)
		return usage_error("bad --factors", factors);
	printf("%s\n", pc_risk_level_name(pc_risk_level_of(f, is_static)));
	return 0;
}

int pc_cli_risk(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(USAGE, stdout);
			return 0;
		}
	if (argc < 2)
		return usage_error("risk needs check or level", NULL);
	if (strcmp(argv[1], "check") == 0)
		return cmd_check(argc - 1, argv + 1);
	if (strcmp(argv[1], "level") == 0)
		return cmd_level(argc - 1, argv + 1);
	return usage_error("unknown risk subcommand", argv[1]);
}
