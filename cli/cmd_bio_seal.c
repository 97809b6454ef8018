/*
 * paycode bio seal | unseal-check: sealed templates (docs/SPEC.md §6.3) on
 * the POSIX port, whose folder (--key-dir) holds the sealing keys
 * (seal-N.p256, created on first use).
 *
 *   seal --key-dir DIR --id N [--key-id K] --out BLOB A [B C D]
 *   unseal-check [--key-dir DIR] [--id N] BLOB
 *
 * unseal-check prints the header and whether the blob opens on this device,
 * never a minutia: templates leave the library only towards the matcher
 * (BIO-01). The opened views are wiped at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "files.h"
#include "opts.h"
#include "bio_cli.h"

/* Largest file unseal-check reads: above any blob SPEC §6.3 allows. */
#define PC__SEAL_READ_MAX (PC_BIO_SEAL_OVERHEAD + 16u * PC_BIO_SEAL_SAMPLE_LEN(255) + 1u)

static const char SEAL_USAGE[] =
	"usage: paycode bio seal --key-dir DIR --id N [--key-id K] --out BLOB [--force] A [B C D]\n"
	"       paycode bio unseal-check [--key-dir DIR] [--id N] BLOB\n"
	"\n"
	"seal:         seal the first view of each template file (1 to 4) into BLOB\n"
	"              (mode 0600; an existing file is kept unless --force) under the\n"
	"              sealing key K (default 1) of the key store in DIR, for enrolment\n"
	"              ID N (decimal or 0x hex). The blob opens only with that DIR.\n"
	"unseal-check: print BLOB's header (version, suite, key-id, template-id,\n"
	"              created, samples, payload) and, with --key-dir, 'opens yes' or\n"
	"              'opens no NAME'; --id: the enrolment expected (default: the\n"
	"              header's). Never prints minutiae.\n"
	"\n"
	"exit status: 0 sealed / opens, 1 error or does not open, 2 usage error\n";

static int parse_u64(const char *s, uint64_t max, uint64_t *out)
{
	char *end = NULL;
	unsigned long long v;

	if (s == NULL || *s == '\0' || *s == '-')
		return -1;
	v = strtoull(s, &end, 0);
	if (end == NULL || *end != '\0' || v > max)
		return -1;
	*out = v;
	return 0;
}

enum { S_DIR, S_ID, S_KEY, S_OUT, S_FORCE, S_N };

static int seal_args(int argc, char **argv, pc_cli_opt *o, pc_cli_pos *pos,
		     uint64_t *id, uint64_t *key)
{
	int rc = pc_cli_opts(argc, argv, o, S_N, pos, 4, SEAL_USAGE, "bio seal");

	if (rc >= 0)
		return rc;
	*key = 1;
	if (o[S_DIR].value == NULL || o[S_ID].value == NULL || o[S_OUT].value == NULL ||
	    pos->n == 0)
		return pc_cli_usage_error("bio seal", "needs --key-dir, --id, --out and a template");
	if (parse_u64(o[S_ID].value, UINT64_MAX, id) != 0)
		return pc_cli_usage_error("bio seal", "bad --id %s", o[S_ID].value);
	if (o[S_KEY].value != NULL && parse_u64(o[S_KEY].value, UINT32_MAX, key) != 0)
		return pc_cli_usage_error("bio seal", "bad --key-id %s", o[S_KEY].value);
	return -1;
}

/* Seal t[0..n) into o's --out; 0 or 1 (the error printed). */
static int seal_write(const pc_cli_opt *o, const pc_bio_template *t, size_t n,
		      uint64_t id, uint32_t key)
{
	static uint8_t blob[PC_BIO_SEALED_MAX_LEN];
	pc_cli_platform cp;
	size_t len = 0;
	pc_err err;
	int rc;

	if (pc_cli_platform_init(&cp, o[S_DIR].value, 0, 0) != 0)
		return 1;
	err = pc_bio_seal(&cp.plat, key, id, t, n, blob, sizeof blob, &len);
	pc_cli_platform_wipe(&cp);
	if (err != PC_OK)
		return pc_cli_fail(err, "cannot seal");
	rc = pc_cli_write_atomic(o[S_OUT].value, blob, len, PC_CLI_MODE_SECRET,
				 o[S_FORCE].value != NULL);
	pc_wipe(blob, sizeof blob);
	if (rc == 0)
		printf("sealed %zu view%s, %zu bytes, key-id %lu\n", n, n == 1 ? "" : "s",
		       len, (unsigned long)key);
	return rc;
}

int pc_cli_bio_seal(int argc, char **argv)
{
	static pc_bio_template t[4];
	pc_cli_opt o[S_N] = { { .name = "key-dir" }, { .name = "id" }, { .name = "key-id" },
			      { .name = "out" }, { .name = "force", .flag = 1 } };
	pc_cli_pos pos;
	uint64_t id = 0, key = 1;
	size_t i;
	int rc = seal_args(argc, argv, o, &pos, &id, &key);

	if (rc >= 0)
		return rc;
	rc = 0;
	for (i = 0; i < pos.n && rc == 0; i++)
		rc = pc_cli_bio_load(pos.arg[i], &t[i]);
	if (rc == 0)
		rc = seal_write(o, t, pos.n, id, (uint32_t)key);
	for (i = 0; i < 4; i++)
		pc_bio_template_wipe(&t[i]);
	return rc;
}

/* ---- unseal-check ------------------------------------------------------------ */

static void print_header(const pc_bio_sealed_info *h)
{
	printf("version %u\n", h->version);
	printf("suite %u (AES-256-GCM, HKDF-SHA-256)\n", h->suite);
	printf("key-id %lu\n", (unsigned long)h->key_id);
	printf("template-id %llu\n", (unsigned long long)h->template_id);
	printf("created %lld\n", (long long)h->created);
	printf("samples %u\n", h->samples);
	printf("payload %lu bytes\n", (unsigned long)h->payload_len);
}

/* Open on this device; print only the verdict. */
static int try_open(const char *dir, const uint8_t *b, size_t len, uint64_t id)
{
	static pc_bio_template t[16];
	pc_cli_platform cp;
	size_t n = 0;
	pc_err err;

	if (pc_cli_platform_init(&cp, dir, 0, 0) != 0)
		return 1;
	err = pc_bio_unseal(&cp.plat, b, len, id, t, 16, &n);
	pc_wipe(t, sizeof t);
	pc_cli_platform_wipe(&cp);
	if (err != PC_OK) {
		printf("opens no %s\n", pc_err_name(err));
		return 1;
	}
	printf("opens yes\n");
	return 0;
}

int pc_cli_bio_unseal_check(int argc, char **argv)
{
	pc_cli_opt o[2] = { { .name = "key-dir" }, { .name = "id" } };
	pc_bio_sealed_info h;
	pc_cli_pos pos;
	uint8_t *b = NULL;
	size_t len = 0;
	uint64_t id = 0;
	pc_err err;
	int rc = pc_cli_opts(argc, argv, o, 2, &pos, 1, SEAL_USAGE, "bio unseal-check");

	if (rc >= 0)
		return rc;
	if (pos.n != 1)
		return pc_cli_usage_error("bio unseal-check", "needs one BLOB");
	if (o[1].value != NULL && parse_u64(o[1].value, UINT64_MAX, &id) != 0)
		return pc_cli_usage_error("bio unseal-check", "bad --id %s", o[1].value);
	if (pc_cli_slurp(pos.arg[0], PC__SEAL_READ_MAX, &b, &len) != 0)
		return 1;
	err = pc_bio_sealed_peek(b, len, &h);
	if (err != PC_OK) {
		rc = pc_cli_fail(err, "%s is not a sealed template", pos.arg[0]);
	} else {
		print_header(&h);
		if (o[1].value == NULL)
			id = h.template_id;
		if (o[0].value != NULL)
			rc = try_open(o[0].value, b, len, id);
		else
			printf("opens unchecked (no --key-dir)\n");
		rc = rc < 0 ? 0 : rc;
	}
	free(b);
	return rc;
}
