/*
 * paycode configuration profile "cortex-m": a POS terminal or wallet
 * device on a Cortex-M3/M4 with a few hundred KB of flash and 32-128 KB
 * of RAM, no heap (STYLE §6; select it with
 * -DPC_CONFIG_FILE='"pc_config_cortex-m.h"' -Iports/cortex-m, which
 * ports/cortex-m/target.mk does).
 *
 * Only options that differ from include/paycode/config.h are set here;
 * core/check_config.h validates the result like any other configuration.
 * Each size below is a RAM decision for one terminal, explained beside it.
 */
#ifndef PAYCODE_CONFIG_CORTEX_M_H
#define PAYCODE_CONFIG_CORTEX_M_H

/* pc_strerror()/pc_err_name() return constants: error codes are numbers on
 * a terminal's log, and the text table costs about 3 KB of flash. */
#define PC_NO_ERRSTR 1

/* No libqrencode (it uses the heap): firmware brings its own encoder. */
#define PC_QR_BACKEND_QRENCODE 0

/* mbedTLS, built for the target from Debian's source (ports/cortex-m). */
#define PC_CRYPTO_MBEDTLS 1

/* No process-wide P-256 group: its table of base-point multiples would
 * hold about 2.5 KB of the 3.8 KB static mbedTLS heap for good. Each
 * operation loads the group (the footprint's instruction counts include
 * it). */
#define PC_P256_SHARED_GROUP 0

/* Replay store: 32 slots x 40 bytes. A code occupies a slot for ttl + skew
 * (90 s by default), so a lane absorbs one code every 3 s. */
#define PC_MEMSTORE_SLOTS 32

/* Crash-safe store on flash: 64 slots (88 bytes of RAM each); snapshots of
 * 48 x 65 bytes fit one 8 KB flash sector with the log beside them. */
#define PC_FILESTORE_SLOTS 64

/* Revocation list held in the validator: 64 serials (512 bytes). */
#define PC_CRL_MAX 64

/* Provider roots trusted at once: current and next. */
#define PC_MAX_ROOTS 2

/* Verified device certificates remembered: returning customers of one lane. */
#define PC_CERT_CACHE 4

/* Merchant payloads: EMV's 512 characters need up to 1024 bytes of UTF-8,
 * but POS terminals decode their own, ASCII, payloads. */
#define PC_MPM_MAX_LEN 512
#define PC_MPM_MAX_OBJS 64

/* Risk engine on a terminal: fewer hooks and shorter lists. */
#define PC_RISK_MAX_HOOKS 8
#define PC_RISK_LIST_MAX 16
#define PC_RISK_BIND_MAX 16
#define PC_RISK_MCC_MAX 16
#define PC_RISK_LINE_MAX 128

/* Finger templates on a terminal: one enrolled finger read at a time.
 * A record of 2 views of up to 128 minutiae (the MINEX profile's limit)
 * with 256 bytes of extended data each is about 2.7 KB (13 KB with the
 * defaults); records beyond it are refused with PC_ERR_CAPACITY. */
#define PC_BIO_MAX_VIEWS 2
#define PC_BIO_MAX_MINUTIAE 128
#define PC_BIO_EXT_MAX 256

/* The reference matcher keeps the 64 best minutiae of a view: a prepared
 * template of about 5 KB instead of 10 KB, and about half the comparison's
 * stack. FVC2002 DB1_B/DB2_B and the synthetic set give the same EER,
 * FMR100, FMR1000 and ZeroFMR as with 128 (2 of their 160 templates have
 * more than 64 minutiae). */
#define PC_BIO_MATCH_MAX 64

#endif /* PAYCODE_CONFIG_CORTEX_M_H */
