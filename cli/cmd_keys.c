/*
 * paycode keygen: provider root key pairs, their public export, and the
 * provider state with a fresh master key (formats in docs/FILES.md).
 *
 * Contract: exit 0 when the file was written; 1 when an input file is
 * unreadable or malformed or the output exists (without --force); 2 on a
 * usage error. Errors are one line, "error: PC_ERR_...: message", on
 * stderr. Private files are created with mode 0600.
 */
#include <string.h>

#include <paycode/crypto.h>

#include "cli.h"
#include "files.h"
#include "opts.h"

static const char USAGE[] =
	"usage: paycode keygen --root --key-id N --out ROOT.json [--force]\n"
	"       paycode keygen --pub ROOT.json --out ROOT.pub.json [--force]\n"
	"       paycode keygen --master --key-id N --out PROVIDER.json [--force]\n"
	"\n"
	"  --root     a provider root key pair (ECDSA P-256), mode 0600\n"
	"  --pub F    export the public half of root key F (for terminals)\n"
	"  --master   a provider state file with one random 32-byte master\n"
	"             key (token keys are derived from it), mode 0600; add\n"
	"             tokens with 'paycode token add'\n"
	"  --key-id N the key ID (0..4294967295) carried in certificates,\n"
	"             revocation lists and codes\n"
	"  --force    replace an existing output file\n"
	"\n"
	"exit status: 0 written, 1 bad input or output exists, 2 usage error\n";

enum { O_ROOT, O_PUB, O_MASTER, O_KEYID, O_OUT, O_FORCE, O_N };

static int gen_root(uint32_t key_id, const char *out, int force)
{
	pc_cli_platform cp;
	pc_cli_root r;
	pc_err err;
	int rc;

	if (pc_cli_platform_init(&cp, NULL, 0, 0) != 0)
		return 1;
	memset(&r, 0, sizeof r);
	r.key_id = key_id;
	err = pc_p256_keygen(&cp.plat, r.priv, r.pub);
	if (err != PC_OK)
		rc = pc_cli_fail(err, "cannot generate a P-256 key pair");
	else
		rc = pc_cli_root_save(out, &r, 0, force);
	pc_cli_root_wipe(&r);
	pc_cli_platform_wipe(&cp);
	return rc;
}

static int export_pub(const char *in, const char *out, int force)
{
	pc_cli_root r;
	int rc = pc_cli_root_load(in, &r, 1);

	if (rc == 0)
		rc = pc_cli_root_save(out, &r, 1, force);
	pc_cli_root_wipe(&r);
	return rc;
}

static int gen_master(uint32_t key_id, const char *out, int force)
{
	pc_cli_provider p = { 0 };
	uint8_t key[PC_KEY_LEN];
	pc_cli_platform cp;
	pc_err err;
	int rc;

	if (pc_cli_platform_init(&cp, NULL, 0, 0) != 0)
		return 1;
	err = pc_platform_random(&cp.plat, key, sizeof key);
	if (err != PC_OK)
		rc = pc_cli_fail(err, "cannot generate a master key");
	else
		rc = pc_cli_provider_add_master(&p, key_id, key);
	if (rc == 0)
		rc = pc_cli_provider_save(out, &p, force);
	pc_wipe(key, sizeof key);
	pc_cli_provider_free(&p);
	pc_cli_platform_wipe(&cp);
	return rc;
}

int pc_cli_keygen(int argc, char **argv)
{
	pc_cli_opt o[O_N] = {
		{ .name = "root", .flag = 1 }, { .name = "pub" },
		{ .name = "master", .flag = 1 }, { .name = "key-id" },
		{ .name = "out" }, { .name = "force", .flag = 1 } };
	uint32_t key_id = 0;
	pc_cli_pos pos;
	int rc = pc_cli_opts(argc, argv, o, O_N, &pos, 0, USAGE, "keygen");

	if (rc >= 0)
		return rc;
	if ((o[O_ROOT].value != NULL) + (o[O_PUB].value != NULL) +
	    (o[O_MASTER].value != NULL) != 1)
		return pc_cli_usage_error("keygen", "give one of --root, --pub, --master");
	if (o[O_OUT].value == NULL)
		return pc_cli_usage_error("keygen", "missing --out FILE");
	if (o[O_PUB].value != NULL)
		return o[O_KEYID].value != NULL ?
		       pc_cli_usage_error("keygen", "--key-id does not apply to --pub") :
		       export_pub(o[O_PUB].value, o[O_OUT].value, o[O_FORCE].value != NULL);
	if (o[O_KEYID].value == NULL)
		return pc_cli_usage_error("keygen", "missing --key-id N");
	rc = pc_cli_opt_u32(&o[O_KEYID], "keygen", UINT32_MAX, &key_id);
	if (rc >= 0)
		return rc;
	if (o[O_ROOT].value != NULL)
		return gen_root(key_id, o[O_OUT].value, o[O_FORCE].value != NULL);
	return gen_master(key_id, o[O_OUT].value, o[O_FORCE].value != NULL);
}
