/*
 * paycode token add: provision a token. The provider registers the alias
 * and token ID under a master key in its state file, and hands the wallet
 * its token key K_tok = pc_token_key(master, master ID, token ID) (SPEC
 * §4.2). A real provider sends the wallet file over a secure channel; here
 * it is written with mode 0600 next to the provider's file.
 *
 * The wallet file is written first, refusing to replace an existing one
 * without --force, then the provider file is updated; if that fails the new
 * wallet file is removed again, so a failed run changes nothing.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "files.h"
#include "opts.h"

static const char USAGE[] =
	"usage: paycode token add --provider PROVIDER.json --alias N [--token HEX]\n"
	"                         [--master-key-id N] --wallet-out WALLET.json\n"
	"                         --storage DIR [--device-key-id N] [--force]\n"
	"\n"
	"Register a token in PROVIDER.json and write the wallet file holding the\n"
	"token's derived OTP key (what a provider sends a phone at provisioning).\n"
	"\n"
	"  --alias N          numeric alias 0..9999999 (the numeric code carries it)\n"
	"  --token HEX        token ID, 16 hex digits (default: random)\n"
	"  --master-key-id N  master key to derive from (default: the last listed)\n"
	"  --storage DIR      the wallet's key-store folder for its device key\n"
	"                     (created with mode 0700 if absent; stored as an\n"
	"                     absolute path)\n"
	"  --device-key-id N  the device key's ID in that folder (default 1)\n"
	"  --force            replace an existing wallet file\n"
	"\n"
	"exit status: 0 done, 1 bad input (unknown master key, alias taken, ...),\n"
	"2 usage error\n";

enum { O_PROVIDER, O_ALIAS, O_TOKEN, O_MKID, O_WALLET, O_STORAGE, O_DEVKEY,
       O_FORCE, O_N };

/* Create the key-store folder if needed; its absolute path into w, so
 * the wallet works from any current folder. */
static int storage_dir(const char *dir, pc_cli_wallet *w)
{
	char cwd[PATH_MAX];
	int n;

	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return pc_cli_fail(PC_ERR_STORAGE, "cannot create %s: %s", dir,
				   strerror(errno));
	if (dir[0] != '/' && getcwd(cwd, sizeof cwd) == NULL)
		return pc_cli_fail(PC_ERR_STORAGE, "cannot resolve %s: %s", dir,
				   strerror(errno));
	n = dir[0] == '/' ? snprintf(w->storage, sizeof w->storage, "%s", dir) :
	    snprintf(w->storage, sizeof w->storage, "%s/%s",
		     strcmp(cwd, "/") == 0 ? "" : cwd, dir);
	if (n < 0 || (size_t)n >= sizeof w->storage)
		return pc_cli_fail(PC_ERR_TOO_LONG, "%s: path longer than %u bytes",
				   dir, (unsigned)PC_POSIX_DIR_MAX);
	return 0;
}

/* The token ID: --token, else 8 random bytes. */
static int token_id(const char *hex, uint64_t *out)
{
	uint8_t b[8];
	pc_cli_platform cp;
	pc_err err;

	if (hex != NULL) {
		if (pc_cli_unhex(hex, b, sizeof b) != 0)
			return pc_cli_usage_error("token", "--token needs 16 hex digits");
		*out = pc_cli_get_be64(b);
		return -1;
	}
	if (pc_cli_platform_init(&cp, NULL, 0, 0) != 0)
		return 1;
	err = pc_platform_random(&cp.plat, b, sizeof b);
	pc_cli_platform_wipe(&cp);
	if (err != PC_OK)
		return pc_cli_fail(err, "cannot draw a token ID");
	*out = pc_cli_get_be64(b);
	return -1;
}

/* Register t in p and derive the wallet's key; 0 or 1. */
static int provision(pc_cli_provider *p, const pc_cli_tokreg *t, pc_cli_wallet *w)
{
	const pc_cli_master *m;
	pc_err err;

	if (pc_cli_provider_add_token(p, t) != 0)
		return 1;
	m = pc_cli_provider_master(p, t->master_key_id);
	err = pc_token_key(m->key, m->id, t->token, w->otp_key);
	if (err != PC_OK)
		return pc_cli_fail(err, "cannot derive the token key");
	w->token = t->token;
	w->alias = t->alias;
	w->master_key_id = t->master_key_id;
	return 0;
}

/* Write the wallet, then the provider (undoing the wallet on failure). */
static int commit(pc_cli_opt *o, const pc_cli_provider *p, const pc_cli_wallet *w)
{
	if (pc_cli_wallet_save(o[O_WALLET].value, w, o[O_FORCE].value != NULL) != 0)
		return 1;
	if (pc_cli_provider_save(o[O_PROVIDER].value, p, 1) != 0) {
		(void)unlink(o[O_WALLET].value);
		return 1;
	}
	return 0;
}

/* Parse the numeric options into t and w; -1 to go on, else exit status. */
static int numbers(pc_cli_opt *o, const pc_cli_provider *p, pc_cli_tokreg *t,
		   pc_cli_wallet *w)
{
	int rc = pc_cli_opt_u32(&o[O_ALIAS], "token", 9999999u, &t->alias);

	w->device_key_id = 1;
	t->master_key_id = p->nmasters > 0 ? p->masters[p->nmasters - 1].id : 0;
	if (rc < 0)
		rc = pc_cli_opt_u32(&o[O_MKID], "token", UINT32_MAX, &t->master_key_id);
	if (rc < 0)
		rc = pc_cli_opt_u32(&o[O_DEVKEY], "token", UINT32_MAX, &w->device_key_id);
	if (rc < 0)
		rc = token_id(o[O_TOKEN].value, &t->token);
	return rc;
}

static int cmd_add(int argc, char **argv)
{
	pc_cli_opt o[O_N] = {
		{ .name = "provider" }, { .name = "alias" }, { .name = "token" },
		{ .name = "master-key-id" }, { .name = "wallet-out" },
		{ .name = "storage" }, { .name = "device-key-id" },
		{ .name = "force", .flag = 1 } };
	pc_cli_provider p;
	pc_cli_wallet w;
	pc_cli_tokreg t;
	pc_cli_pos pos;
	int rc = pc_cli_opts(argc, argv, o, O_N, &pos, 0, USAGE, "token");

	if (rc >= 0)
		return rc;
	if (!o[O_PROVIDER].value || !o[O_ALIAS].value || !o[O_WALLET].value ||
	    !o[O_STORAGE].value)
		return pc_cli_usage_error("token", "--provider, --alias, --wallet-out "
					  "and --storage are required");
	if (pc_cli_provider_load(o[O_PROVIDER].value, &p) != 0)
		return 1;
	memset(&w, 0, sizeof w);
	rc = numbers(o, &p, &t, &w);
	if (rc < 0)
		rc = storage_dir(o[O_STORAGE].value, &w) != 0 ||
		     provision(&p, &t, &w) != 0 || commit(o, &p, &w) != 0;
	pc_cli_wallet_wipe(&w);
	pc_cli_provider_free(&p);
	return rc;
}

int pc_cli_token(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(USAGE, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "add") == 0)
		return cmd_add(argc - 1, argv + 1);
	return pc_cli_usage_error("token", "unknown subcommand '%s'", argv[1]);
}
