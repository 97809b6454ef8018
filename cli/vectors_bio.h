/*
 * paycode CLI: the finger template vectors (bio-templates.json), shared
 * between the runner (vectors_bio_tmpl.c) and the generator (vectors_gen_bio.c,
 * vectors_gen_bio_nist.c).
 */
#ifndef PAYCODE_CLI_VECTORS_BIO_H
#define PAYCODE_CLI_VECTORS_BIO_H

#include <paycode/bio.h>

#include "vectors.h"

/* The answer form of a record read with `used` bytes (vectors/README.md,
 * BioRecordParse): {"result": "valid", "format", "header", "views",
 * "quirks", "used"}. */
cJSON *pc_vec_bio_record_json(const pc_bio_record *r, size_t used);
/* The answer form of a parsed .xyt template and its canonical text. */
cJSON *pc_vec_bio_xyt_json(const pc_bio_template *t, const char *written,
			   size_t wlen);
/* {"result": "invalid", "error": pc_err_name(err)}. */
cJSON *pc_vec_bio_invalid(pc_err err);
/* Add the hex of p[0..n) (any length) as member k. */
cJSON *pc_vec_bio_hex(cJSON *o, const char *k, const uint8_t *p, size_t n);

/* NIST libbiomeval samples (vectors_gen_bio_nist.c). */
extern const uint8_t pc_gen_nist_iso2005[];
extern const size_t pc_gen_nist_iso2005_len;
extern const uint8_t pc_gen_nist_ansi2004[];
extern const size_t pc_gen_nist_ansi2004_len;
extern const uint8_t pc_gen_nist_ansi2007[];
extern const size_t pc_gen_nist_ansi2007_len;

#endif
