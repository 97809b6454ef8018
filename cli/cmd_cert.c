/*
 * paycode cert issue | show: device certificates (SPEC §4.3).
 *
 * issue: the provider signs a certificate binding the wallet's token and
 * alias to its device public key. The device key pair is created in the
 * wallet's key-store folder (platform key_generate, key ID deviceKeyId)
 * when it is not there yet; the private key never leaves that folder. The
 * 173-byte certificate goes to --out and into the wallet file.
 * show: the fields as JSON; with --root the signature is checked too.
 *
 * Exit status: 0 success (show: well-formed, and valid when --root is
 * given); 1 bad input, malformed or invalid certificate; 2 usage error.
 */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

#include <paycode/crypto.h>

#include "cli.h"
#include "files.h"
#include "opts.h"

static const char USAGE[] =
	"usage: paycode cert issue --root ROOT.json --wallet WALLET.json --out FILE.cert\n"
	"                          [--serial N] [--days N] [--max-risk A|B|C|D]\n"
	"                          [--offline] [--biometric] [--now UNIX] [--force]\n"
	"       paycode cert show [--root ROOT.pub.json] FILE.cert\n"
	"\n"
	"issue: create the wallet's device key in its key-store folder if absent,\n"
	"       sign a certificate for it (also stored into WALLET.json).\n"
	"  --serial N     serial number (default: random below 2^53)\n"
	"  --days N       validity in days from now, 1..36500 (default 365); it\n"
	"                 starts one hour before now to absorb clock skew\n"
	"  --max-risk L   highest risk level the device may claim (default B)\n"
	"  --offline      allow offline (qr-offline) codes\n"
	"  --biometric    the device verifies its user biometrically\n"
	"  --now UNIX     issue as of this time instead of the clock\n"
	"show:  print the fields as JSON; with --root, also check the signature\n"
	"       (\"signature\": \"valid\" or \"invalid\"; exit 1 when invalid).\n"
	"\n"
	"exit status: 0 success, 1 bad input or invalid certificate, 2 usage error\n";

#define BACKDATE 3600

enum { O_ROOT, O_WALLET, O_OUT, O_SERIAL, O_DAYS, O_RISK, O_OFFLINE, O_BIO,
       O_NOW, O_FORCE, O_N };

/* cert issue's options, checked before any file is touched. */
struct issue_opts {
	const char *root, *wallet, *out;
	int force, fixed, has_serial;
	uint64_t serial;
	uint32_t days;
	pc_time now;
	uint8_t risk, flags;
};

/* Check the options into x; -1 to go on, else the exit status. */
static int issue_options(pc_cli_opt *o, struct issue_opts *x)
{
	const char *risk = o[O_RISK].value;
	int rc;

	if (!o[O_ROOT].value || !o[O_WALLET].value || !o[O_OUT].value)
		return pc_cli_usage_error("cert", "--root, --wallet and --out are required");
	if (risk != NULL && (strlen(risk) != 1 || risk[0] < 'A' || risk[0] > 'D'))
		return pc_cli_usage_error("cert", "--max-risk must be A, B, C or D");
	x->root = o[O_ROOT].value;
	x->wallet = o[O_WALLET].value;
	x->out = o[O_OUT].value;
	x->force = o[O_FORCE].value != NULL;
	x->risk = (uint8_t)(risk != NULL ? risk[0] - 'A' : PC_RISK_B);
	x->flags = (uint8_t)((o[O_OFFLINE].value != NULL ? PC_CERT_F_OFFLINE : 0) |
			     (o[O_BIO].value != NULL ? PC_CERT_F_BIOMETRIC : 0));
	x->days = 365;
	x->has_serial = o[O_SERIAL].value != NULL;
	rc = pc_cli_opt_u32(&o[O_DAYS], "cert", 36500, &x->days);
	if (rc < 0 && x->days == 0)
		rc = pc_cli_usage_error("cert", "--days must be 1..36500");
	if (rc < 0)
		rc = pc_cli_opt_u64(&o[O_SERIAL], "cert", UINT64_MAX, &x->serial);
	if (rc < 0)
		rc = pc_cli_opt_time(&o[O_NOW], "cert", &x->now, &x->fixed);
	return rc;
}

/* The device public key of the wallet, created in its key store if absent. */
static int device_key(const pc_platform *plat, uint32_t id, uint8_t pub[65])
{
	pc_err err = plat->key_public(plat->ctx, id, pub, 65);

	if (err == PC_ERR_NOT_FOUND)
		err = plat->key_generate(plat->ctx, id, PC_KEY_SUITE_P256, pub, 65);
	if (err != PC_OK)
		return pc_cli_fail(err, "device key %lu: key store failure",
				   (unsigned long)id);
	return 0;
}

/* Serial, validity, risk and flags into c. 0 or 1. */
static int cert_fields(const struct issue_opts *x, const pc_platform *plat,
		       pc_cert *c)
{
	uint8_t rnd[8];
	pc_time now;
	pc_err err = pc_platform_time(plat, &now);

	if (err != PC_OK)
		return pc_cli_fail(err, "the clock is unknown");
	c->serial = x->serial;
	if (!x->has_serial) {
		err = pc_platform_random(plat, rnd, sizeof rnd);
		if (err != PC_OK)
			return pc_cli_fail(err, "cannot draw a serial");
		c->serial = 1u + (pc_cli_get_be64(rnd) >> 12); /* 1 .. 2^52 */
	}
	c->not_before = now > BACKDATE ? now - BACKDATE : 0;
	c->not_after = now + (pc_time)x->days * 86400;
	c->max_risk = x->risk;
	c->flags = x->flags;
	return 0;
}

/* Build, sign and write the certificate; update the wallet. 0 or 1. */
static int issue(const struct issue_opts *x, const pc_cli_root *root,
		 pc_cli_wallet *w, const pc_platform *plat)
{
	pc_cert c;
	pc_err err;

	memset(&c, 0, sizeof c);
	c.suite = PC_SUITE_1;
	c.issuer_key_id = root->key_id;
	c.token_id = w->token;
	c.alias = w->alias;
	if (cert_fields(x, plat, &c) != 0 || device_key(plat, w->device_key_id, c.pub) != 0)
		return 1;
	err = pc_cert_sign(&c, root->priv);
	if (err == PC_OK)
		err = pc_cert_encode(&c, w->cert);
	if (err != PC_OK)
		return pc_cli_fail(err, "cannot sign the certificate");
	w->has_cert = 1;
	if (pc_cli_write_atomic(x->out, w->cert, PC_CERT_LEN, PC_CLI_MODE_PUBLIC,
				x->force) != 0)
		return 1;
	return pc_cli_wallet_save(x->wallet, w, 1);
}

/* Under the wallet's lock: load it, issue, save it. 0 or 1. */
static int issue_locked(const struct issue_opts *x, const pc_cli_root *root)
{
	pc_cli_platform cp;
	pc_cli_wallet w;
	int rc, lock = pc_cli_lock(x->wallet);

	if (lock < 0)
		return 1;
	rc = pc_cli_wallet_load(x->wallet, &w);
	if (rc == 0 && pc_cli_platform_init(&cp, w.storage, x->fixed, x->now) == 0) {
		rc = issue(x, root, &w, &cp.plat);
		pc_cli_platform_wipe(&cp);
	} else {
		rc = 1;
	}
	pc_cli_unlock(lock);
	pc_cli_wallet_wipe(&w);
	return rc;
}

static int cmd_issue(int argc, char **argv)
{
	pc_cli_opt o[O_N] = {
		{ .name = "root" }, { .name = "wallet" }, { .name = "out" },
		{ .name = "serial" }, { .name = "days" }, { .name = "max-risk" },
		{ .name = "offline", .flag = 1 }, { .name = "biometric", .flag = 1 },
		{ .name = "now" }, { .name = "force", .flag = 1 } };
	struct issue_opts x;
	pc_cli_root root;
	pc_cli_pos pos;
	int rc = pc_cli_opts(argc, argv, o, O_N, &pos, 0, USAGE, "cert");

	memset(&x, 0, sizeof x);
	if (rc < 0)
		rc = issue_options(o, &x);
	if (rc >= 0)
		return rc;
	if (pc_cli_root_load(x.root, &root, 1) != 0)
		return 1;
	rc = issue_locked(&x, &root);
	pc_cli_root_wipe(&root);
	return rc;
}

static pc_err verify_cert(const void *obj, const uint8_t pub[65])
{
	return pc_cert_verify(obj, pub);
}

/* The fields of c as a JSON object; NULL when out of memory. */
static cJSON *cert_json(const pc_cert *c)
{
	cJSON *o = cJSON_CreateObject();
	char risk[2] = { (char)('A' + c->max_risk), 0 };
	uint8_t tok[8];

	pc_cli_put_be64(tok, c->token_id);
	if (o == NULL || pc_cli_json_add_uint(o, "suite", c->suite) != 0 ||
	    pc_cli_json_add_uint(o, "issuerKeyId", c->issuer_key_id) != 0 ||
	    pc_cli_json_add_uint(o, "serial", c->serial) != 0 ||
	    pc_cli_json_add_hex(o, "token", tok, sizeof tok) != 0 ||
	    pc_cli_json_add_uint(o, "alias", c->alias) != 0 ||
	    pc_cli_json_add_int(o, "notBefore", c->not_before) != 0 ||
	    pc_cli_json_add_int(o, "notAfter", c->not_after) != 0 ||
	    cJSON_AddStringToObject(o, "maxRisk", risk) == NULL ||
	    pc_cli_json_add_uint(o, "flags", c->flags) != 0 ||
	    cJSON_AddBoolToObject(o, "offline", (c->flags & PC_CERT_F_OFFLINE) != 0) == NULL ||
	    cJSON_AddBoolToObject(o, "biometric", (c->flags & PC_CERT_F_BIOMETRIC) != 0) == NULL ||
	    pc_cli_json_add_hex(o, "publicKey", c->pub, sizeof c->pub) != 0 ||
	    pc_cli_json_add_hex(o, "issuerSignature", c->sig, sizeof c->sig) != 0) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static int cmd_show(int argc, char **argv)
{
	pc_cli_opt o[1] = { { .name = "root" } };
	uint8_t *buf;
	pc_cli_pos pos;
	size_t len;
	pc_cert c;
	pc_err err;
	cJSON *j;
	int rc = pc_cli_opts(argc, argv, o, 1, &pos, 1, USAGE, "cert");

	if (rc >= 0)
		return rc;
	if (pos.n != 1)
		return pc_cli_usage_error("cert", "cert show needs one FILE");
	if (pc_cli_slurp(pos.arg[0], 4096, &buf, &len) != 0)
		return 1;
	err = pc_cert_decode(&c, buf, len);
	free(buf);
	if (err != PC_OK)
		return pc_cli_fail(err, "%s: not a device certificate (%zu bytes)",
				   pos.arg[0], len);
	j = cert_json(&c);
	if (j == NULL)
		return pc_cli_fail(PC_ERR_INTERNAL, "out of memory");
	rc = pc_cli_show_signature(j, o[0].value, c.issuer_key_id, "certificate",
				   verify_cert, &c);
	return pc_cli_print_json(j) != 0 ? 1 : rc;
}

int pc_cli_cert(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(USAGE, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "issue") == 0)
		return cmd_issue(argc - 1, argv + 1);
	if (strcmp(argv[1], "show") == 0)
		return cmd_show(argc - 1, argv + 1);
	return pc_cli_usage_error("cert", "unknown subcommand '%s'", argv[1]);
}
