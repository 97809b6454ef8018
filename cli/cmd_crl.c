/*
 * paycode revocation issue | show: revocation lists (SPEC §4.4).
 *
 * issue: sign a list of revoked certificate serials with a root key; the
 * serials are sorted and duplicates dropped (the encoding needs them
 * strictly ascending). show: the fields as JSON; with --root the signature
 * is checked too.
 *
 * Exit status: 0 success (show: well-formed, and valid when --root is
 * given); 1 bad input, malformed or invalid list; 2 usage error.
 */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include "cli.h"
#include "files.h"
#include "opts.h"

static const char USAGE[] =
	"usage: paycode revocation issue --root ROOT.json --number N --out FILE.crl\n"
	"                                [--next-update-hours H] [--serial S ...]\n"
	"                                [--now UNIX] [--force]\n"
	"       paycode revocation show [--root ROOT.pub.json] FILE.crl\n"
	"\n"
	"issue: sign a revocation list. --number must grow with every list of a\n"
	"       root (validators refuse an older one). --serial may be repeated\n"
	"       and takes comma-separated lists; at most 256 serials.\n"
	"  --next-update-hours H  the list is stale H hours after now (default 24);\n"
	"                         terminals then refer offline codes online\n"
	"  --now UNIX             issue as of this time instead of the clock\n"
	"show:  print the fields as JSON; with --root, also check the signature\n"
	"       (\"signature\": \"valid\" or \"invalid\"; exit 1 when invalid).\n"
	"\n"
	"exit status: 0 success, 1 bad input or invalid list, 2 usage error\n";

enum { O_ROOT, O_NUMBER, O_HOURS, O_SERIAL, O_NOW, O_OUT, O_FORCE, O_N };

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* Append the serials of one comma-separated list; -1 or 2. */
static int serial_list(const char *s, pc_crl *l, size_t *n)
{
	char buf[24];
	size_t len;

	for (;;) {
		len = strcspn(s, ",");
		if (*n >= PC_CRL_MAX)
			return pc_cli_usage_error("revocation", "more than %u serials",
						  (unsigned)PC_CRL_MAX);
		if (len == 0 || len >= sizeof buf)
			return pc_cli_usage_error("revocation", "bad --serial '%s'", s);
		memcpy(buf, s, len);
		buf[len] = '\0';
		if (pc_cli_parse_u64(buf, UINT64_MAX, &l->serial[*n]) != 0)
			return pc_cli_usage_error("revocation", "bad serial '%s'", buf);
		++*n;
		if (s[len] == '\0')
			return -1;
		s += len + 1;
	}
}

/* Parse every --serial value into l, sorted, without duplicates. */
static int serials(const pc_cli_opt *o, pc_crl *l)
{
	size_t i, k, n = 0;
	int rc = -1;

	for (i = 0; rc < 0 && i < o->count; i++)
		rc = serial_list(o->many[i], l, &n);
	if (rc >= 0)
		return rc;
	qsort(l->serial, n, sizeof l->serial[0], cmp_u64);
	for (i = 0, k = 0; i < n; i++)
		if (k == 0 || l->serial[k - 1] != l->serial[i])
			l->serial[k++] = l->serial[i];
	l->count = (uint16_t)k;
	return -1;
}

/* Fill the list's header fields from the options; -1 or exit status. */
static int header(pc_cli_opt *o, pc_crl *l)
{
	uint32_t hours = 24;
	pc_time now = 0;
	int fixed = 0, rc = pc_cli_opt_u64(&o[O_NUMBER], "revocation", UINT64_MAX, &l->number);

	if (rc < 0)
		rc = pc_cli_opt_u32(&o[O_HOURS], "revocation", 24u * 366u, &hours);
	if (rc < 0)
		rc = pc_cli_opt_time(&o[O_NOW], "revocation", &now, &fixed);
	if (rc < 0 && !fixed && pc_cli_clock(&now) != 0)
		rc = 1;
	l->this_update = now;
	l->next_update = now + (pc_time)hours * 3600;
	return rc < 0 ? serials(&o[O_SERIAL], l) : rc;
}

static int cmd_issue(int argc, char **argv)
{
	static pc_crl l; /* 2 KB of serials */
	static uint8_t out[PC_CRL_LEN(PC_CRL_MAX)];
	const char *many[PC_CRL_MAX];
	pc_cli_opt o[O_N] = {
		{ .name = "root" }, { .name = "number" },
		{ .name = "next-update-hours" },
		{ .name = "serial", .many = many, .cap = PC_CRL_MAX },
		{ .name = "now" }, { .name = "out" }, { .name = "force", .flag = 1 } };
	pc_cli_root root;
	pc_cli_pos pos;
	size_t len = 0;
	pc_err err;
	int rc = pc_cli_opts(argc, argv, o, O_N, &pos, 0, USAGE, "revocation");

	if (rc < 0 && (!o[O_ROOT].value || !o[O_NUMBER].value || !o[O_OUT].value))
		rc = pc_cli_usage_error("revocation", "--root, --number and --out are required");
	memset(&l, 0, sizeof l);
	if (rc < 0)
		rc = header(o, &l);
	if (rc >= 0 || pc_cli_root_load(o[O_ROOT].value, &root, 1) != 0)
		return rc >= 0 ? rc : 1;
	l.suite = PC_SUITE_1;
	l.issuer_key_id = root.key_id;
	err = pc_crl_sign(&l, root.priv);
	pc_cli_root_wipe(&root);
	if (err == PC_OK)
		err = pc_crl_encode(&l, out, sizeof out, &len);
	if (err != PC_OK)
		return pc_cli_fail(err, "cannot sign the revocation list");
	return pc_cli_write_atomic(o[O_OUT].value, out, len, PC_CLI_MODE_PUBLIC,
				   o[O_FORCE].value != NULL);
}

static pc_err verify_crl(const void *obj, const uint8_t pub[65])
{
	return pc_crl_verify(obj, pub);
}

/* The fields of l as a JSON object; NULL when out of memory. */
static cJSON *crl_json(const pc_crl *l)
{
	cJSON *o = cJSON_CreateObject(), *a = NULL, *n;
	int bad = o == NULL || pc_cli_json_add_uint(o, "suite", l->suite) != 0 ||
		  pc_cli_json_add_uint(o, "issuerKeyId", l->issuer_key_id) != 0 ||
		  pc_cli_json_add_uint(o, "number", l->number) != 0 ||
		  pc_cli_json_add_int(o, "thisUpdate", l->this_update) != 0 ||
		  pc_cli_json_add_int(o, "nextUpdate", l->next_update) != 0 ||
		  (a = cJSON_AddArrayToObject(o, "serials")) == NULL;
	char digits[24];
	size_t i;

	for (i = 0; !bad && i < l->count; i++) {
		(void)snprintf(digits, sizeof digits, "%llu", (unsigned long long)l->serial[i]);
		n = cJSON_CreateRaw(digits);
		bad = n == NULL || !cJSON_AddItemToArray(a, n);
	}
	if (!bad)
		bad = pc_cli_json_add_hex(o, "issuerSignature", l->sig, sizeof l->sig) != 0;
	if (bad) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static int cmd_show(int argc, char **argv)
{
	static pc_crl l;
	pc_cli_opt o[1] = { { .name = "root" } };
	uint8_t *buf;
	pc_cli_pos pos;
	size_t len;
	pc_err err;
	cJSON *j;
	int rc = pc_cli_opts(argc, argv, o, 1, &pos, 1, USAGE, "revocation");

	if (rc >= 0)
		return rc;
	if (pos.n != 1)
		return pc_cli_usage_error("revocation", "revocation show needs one FILE");
	if (pc_cli_slurp(pos.arg[0], PC_CRL_LEN(PC_CRL_MAX), &buf, &len) != 0)
		return 1;
	err = pc_crl_decode(&l, buf, len);
	free(buf);
	if (err != PC_OK)
		return pc_cli_fail(err, "%s: not a revocation list (%zu bytes)",
				   pos.arg[0], len);
	j = crl_json(&l);
	if (j == NULL)
		return pc_cli_fail(PC_ERR_INTERNAL, "out of memory");
	rc = pc_cli_show_signature(j, o[0].value, l.issuer_key_id,
				   "revocation list", verify_crl, &l);
	return pc_cli_print_json(j) != 0 ? 1 : rc;
}

int pc_cli_revocation(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(USAGE, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "issue") == 0)
		return cmd_issue(argc - 1, argv + 1);
	if (strcmp(argv[1], "show") == 0)
		return cmd_show(argc - 1, argv + 1);
	return pc_cli_usage_error("revocation", "unknown subcommand '%s'", argv[1]);
}
