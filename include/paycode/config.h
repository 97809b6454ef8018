/*
 * paycode: build configuration.
 *
 * Every option is listed here with its default. Values are 0 or 1 (or a
 * number for sizes) and are tested with #if, never #ifdef. To override,
 * define PC_CONFIG_FILE as a quoted header name on the command line, e.g.
 *     -DPC_CONFIG_FILE='"config_cortex-m.h"'
 * That file is included first and may define any PC_* option below.
 */
#ifndef PAYCODE_CONFIG_H
#define PAYCODE_CONFIG_H

#if defined(PC_CONFIG_FILE)
#include PC_CONFIG_FILE
#endif

/* 1: pc_strerror()/pc_err_name() return short constants (saves ~3 KB flash). */
#ifndef PC_NO_ERRSTR
#define PC_NO_ERRSTR 0
#endif

/* 1: PC_ASSERT() checks invariants (debug builds). Never aborts in release. */
#ifndef PC_DEBUG
#define PC_DEBUG 0
#endif

/* 1: PC_ALWAYS()/PC_NEVER() become constants so branch coverage is reachable. */
#ifndef PC_COVERAGE_TEST
#define PC_COVERAGE_TEST 0
#endif

/* 1: mark intentional declassification points for the valgrind
 * constant-time harness (tests/ctgrind.c, `make ctgrind`). Test builds only. */
#ifndef PC_CTGRIND
#define PC_CTGRIND 0
#endif

/* 1: build the EMV merchant-presented (MPM) codec. */
#ifndef PC_ENABLE_MPM
#define PC_ENABLE_MPM 1
#endif

/* Largest MPM payload accepted or produced, in bytes (UTF-8). EMV QRCPS MPM
 * §4.1 asks for at most 512 characters; real payloads with multi-byte text
 * need more bytes than characters. */
#ifndef PC_MPM_MAX_LEN
#define PC_MPM_MAX_LEN 1024
#endif

/* Most data objects (root and nested together) in one decoded MPM payload. */
#ifndef PC_MPM_MAX_OBJS
#define PC_MPM_MAX_OBJS 96
#endif

/* Most warnings kept per decode; further ones are counted, not stored. */
#ifndef PC_MPM_MAX_WARNINGS
#define PC_MPM_MAX_WARNINGS 8
#endif

/* Largest EMV CPM payload accepted, in decoded BER-TLV bytes; the base64
 * text may be up to 4/3 of it. EMV QRCPS CPM asks QR readers to handle at
 * least 512 bytes. A pc_cpm context holds a copy of this size. */
#ifndef PC_CPM_MAX_LEN
#define PC_CPM_MAX_LEN 512
#endif

/* QR backend: 1 = libqrencode (qr/qr_qrencode.c, uses the heap);
 * 0 = none (firmware supplies its own encoder through pc_qr_backend). */
#ifndef PC_QR_BACKEND_QRENCODE
#define PC_QR_BACKEND_QRENCODE 1
#endif

/* Largest QR symbol side in modules handled by pc_qr_* (version 40 = 177). */
#ifndef PC_QR_MAX_SIDE
#define PC_QR_MAX_SIDE 177
#endif

/* 1: crypto provider backed by mbedTLS (core/crypto_mbedtls.c). */
#ifndef PC_CRYPTO_MBEDTLS
#define PC_CRYPTO_MBEDTLS 1
#endif

/* 1: every P-256 operation of the process shares one curve group whose
 * precomputed multiples of the base point are built once (about 2.5 KB of
 * mbedTLS heap kept for the life of the process), instead of loading the
 * group and rebuilding that table on every call (about 40 % of a
 * verification). Thread-safe without locks (C11 atomics; compilers without
 * them use the per-call path). Firmware with a small static mbedTLS heap
 * sets 0. */
#ifndef PC_P256_SHARED_GROUP
#define PC_P256_SHARED_GROUP 1
#endif

/* Most serials in one revocation list (8 bytes of RAM each). */
#ifndef PC_CRL_MAX
#define PC_CRL_MAX 256
#endif

/* Slots of the in-memory replay store (24 bytes each). A code occupies a
 * slot for ttl + skew seconds, so 1024 slots absorb ~11 codes a second at
 * the default 90 s. */
#ifndef PC_MEMSTORE_SLOTS
#define PC_MEMSTORE_SLOTS 1024
#endif

/* Slots of the crash-safe file store (pc_filestore, core/filestore.c):
 * replay keys and limit counters together, 88 bytes of RAM each (the table
 * and a snapshot buffer). Storage needs up to 48 * (slots + 1) bytes for
 * the snapshot object, as much again for its atomic-write copy, and about
 * the same for the log. A code occupies a slot for ttl + skew seconds, a
 * daily counter for a day: 256 slots suit one terminal. Part of the
 * on-disk format: a store written with another value does not open. */
#ifndef PC_FILESTORE_SLOTS
#define PC_FILESTORE_SLOTS 256
#endif

/* Provider root keys a validator trusts at once (rotation overlap). */
#ifndef PC_MAX_ROOTS
#define PC_MAX_ROOTS 4
#endif

/* Verified device certificates a terminal remembers, so a returning wallet
 * costs one signature verification instead of two. */
#ifndef PC_CERT_CACHE
#define PC_CERT_CACHE 16
#endif

/* Risk engine (include/paycode/risk.h). Most hooks one pc_risk_engine runs;
 * each registration costs about 32 bytes, and a pc_risk_outcome keeps one
 * trail entry per hook. */
#ifndef PC_RISK_MAX_HOOKS
#define PC_RISK_MAX_HOOKS 16
#endif

/* Longest hook name, in characters (the name is copied into the engine and
 * into every trail entry). */
#ifndef PC_RISK_NAME_MAX
#define PC_RISK_NAME_MAX 15
#endif

/* Longest merchant or terminal ID, in characters (UnionPay merchant IDs
 * are 15 digits, terminal IDs 8; WeChat device_info allows 32). */
#ifndef PC_RISK_ID_MAX
#define PC_RISK_ID_MAX 32
#endif

/* Entries of each deny or allow list (8 lists: tokens and devices cost 8
 * bytes an entry, merchants and terminals PC_RISK_ID_MAX + 1). */
#ifndef PC_RISK_LIST_MAX
#define PC_RISK_LIST_MAX 64
#endif

/* Token-to-device bindings in one risk configuration (16 bytes each). */
#ifndef PC_RISK_BIND_MAX
#define PC_RISK_BIND_MAX 128
#endif

/* Merchant category codes in each MCC rule list (2 bytes each). */
#ifndef PC_RISK_MCC_MAX
#define PC_RISK_MCC_MAX 64
#endif

/* Longest line of a risk configuration file, in bytes (without the line
 * end); list keys may repeat, so long lists need not fit one line. */
#ifndef PC_RISK_LINE_MAX
#define PC_RISK_LINE_MAX 512
#endif

/* ---- biometrics (include/paycode/bio.h) --------------------------------- */

/* Finger views (2005/ANSI) or representations (2011) one pc_bio_record
 * holds. Each costs about PC_BIO_EXT_MAX + 8 * PC_BIO_MAX_MINUTIAE bytes. */
#ifndef PC_BIO_MAX_VIEWS
#define PC_BIO_MAX_VIEWS 4
#endif

/* Minutiae per view a record or template holds (the formats allow 255;
 * the MINEX profile 128). 8 bytes each in a record, 8 in a template. */
#ifndef PC_BIO_MAX_MINUTIAE
#define PC_BIO_MAX_MINUTIAE 255
#endif

/* Extended data bytes kept per view (ridge counts, core/delta, vendor
 * blocks are carried opaquely so records round-trip). */
#ifndef PC_BIO_EXT_MAX
#define PC_BIO_EXT_MAX 1024
#endif

/* ISO 2011 quality (and certification) blocks kept per representation. */
#ifndef PC_BIO_MAX_QBLOCKS
#define PC_BIO_MAX_QBLOCKS 4
#endif

/* Bytes a lenient parse keeps between the last view and the record length. */
#ifndef PC_BIO_TAIL_MAX
#define PC_BIO_TAIL_MAX 16
#endif

/* Minutiae the reference matcher keeps per prepared template (the best by
 * quality when a view has more). About 40 bytes each in a pc_bio_prepared;
 * the comparison's stack use grows with it too. */
#ifndef PC_BIO_MATCH_MAX
#define PC_BIO_MATCH_MAX 128
#endif

/* Most finger views (enrolment samples) one sealed template holds
 * (biometric/seal.c, 1..16). Sets PC_BIO_SEALED_MAX_LEN: about 2 KB per
 * sample with the default PC_BIO_MAX_MINUTIAE. */
#ifndef PC_BIO_SEAL_MAX_SAMPLES
#define PC_BIO_SEAL_MAX_SAMPLES 5
#endif

/* Bytes a vendor matcher's prepared template may take in a pc_bio_gate's
 * work area (include/paycode/bio.h); the area is at least
 * sizeof(pc_bio_prepared) whatever this says. */
#ifndef PC_BIO_VENDOR_PREPARED_MAX
#define PC_BIO_VENDOR_PREPARED_MAX 4096
#endif

/* Journal (include/paycode/journal.h). Bytes of the window through which a
 * journal reader streams storage: every reader and writer context holds one
 * (a writer two). At least PC_JOURNAL_TORN_MAX + 70 (a torn run and the
 * RESUME record after it must fit at once); larger windows mean fewer
 * storage_read calls. */
#ifndef PC_JOURNAL_WINDOW
#define PC_JOURNAL_WINDOW 4096
#endif

#endif /* PAYCODE_CONFIG_H */
