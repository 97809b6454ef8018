/*
 * Reject impossible configurations at compile time (after mbedTLS's
 * check_config.h). Included by core/internal.h only.
 */
#ifndef PAYCODE_CHECK_CONFIG_H
#define PAYCODE_CHECK_CONFIG_H

#if PC_MPM_MAX_LEN < 64 || PC_MPM_MAX_LEN > 65535
#error "PC_MPM_MAX_LEN must be between 64 and 65535 bytes"
#endif
#if PC_MPM_MAX_OBJS < 8 || PC_MPM_MAX_OBJS > 255
#error "PC_MPM_MAX_OBJS must be between 8 and 255"
#endif
#if PC_MPM_MAX_WARNINGS < 1 || PC_MPM_MAX_WARNINGS > 64
#error "PC_MPM_MAX_WARNINGS must be between 1 and 64"
#endif
#if PC_CPM_MAX_LEN < 64 || PC_CPM_MAX_LEN > 65535
#error "PC_CPM_MAX_LEN must be between 64 and 65535 bytes"
#endif
#if PC_QR_MAX_SIDE < 21 || PC_QR_MAX_SIDE > 177
#error "PC_QR_MAX_SIDE must be between 21 (version 1) and 177 (version 40)"
#endif
#if PC_CRL_MAX < 1 || PC_CRL_MAX > 65535
#error "PC_CRL_MAX must be between 1 and 65535"
#endif
#if PC_MEMSTORE_SLOTS < 16
#error "PC_MEMSTORE_SLOTS must be at least 16"
#endif
#if PC_FILESTORE_SLOTS < 16 || PC_FILESTORE_SLOTS > 65536
#error "PC_FILESTORE_SLOTS must be between 16 and 65536"
#endif
#if PC_MAX_ROOTS < 1 || PC_MAX_ROOTS > 255
#error "PC_MAX_ROOTS must be between 1 and 255"
#endif
#if PC_CERT_CACHE < 1 || PC_CERT_CACHE > 255
#error "PC_CERT_CACHE must be between 1 and 255"
#endif
#if PC_RISK_MAX_HOOKS < 1 || PC_RISK_MAX_HOOKS > 64
#error "PC_RISK_MAX_HOOKS must be between 1 and 64"
#endif
#if PC_RISK_NAME_MAX < 7 || PC_RISK_NAME_MAX > 63
#error "PC_RISK_NAME_MAX must be between 7 and 63 (built-in names need 8)"
#endif
#if PC_RISK_ID_MAX < 8 || PC_RISK_ID_MAX > 64
#error "PC_RISK_ID_MAX must be between 8 and 64"
#endif
#if PC_RISK_LIST_MAX < 1 || PC_RISK_LIST_MAX > 65535
#error "PC_RISK_LIST_MAX must be between 1 and 65535"
#endif
#if PC_RISK_BIND_MAX < 1 || PC_RISK_BIND_MAX > 65535
#error "PC_RISK_BIND_MAX must be between 1 and 65535"
#endif
#if PC_RISK_MCC_MAX < 1 || PC_RISK_MCC_MAX > 10000
#error "PC_RISK_MCC_MAX must be between 1 and 10000 (MCCs are 4 digits)"
#endif
#if PC_RISK_LINE_MAX < 80 || PC_RISK_LINE_MAX > 4096
#error "PC_RISK_LINE_MAX must be between 80 and 4096 bytes"
#endif
#if PC_BIO_MAX_VIEWS < 1 || PC_BIO_MAX_VIEWS > 255
#error "PC_BIO_MAX_VIEWS must be between 1 and 255"
#endif
#if PC_BIO_MAX_MINUTIAE < 12 || PC_BIO_MAX_MINUTIAE > 255
#error "PC_BIO_MAX_MINUTIAE must be between 12 and 255 (a record counts them in one byte)"
#endif
#if PC_BIO_EXT_MAX < 1 || PC_BIO_EXT_MAX > 65535
#error "PC_BIO_EXT_MAX must be between 1 and 65535 (a 16-bit length field)"
#endif
#if PC_BIO_MAX_QBLOCKS < 1 || PC_BIO_MAX_QBLOCKS > 255
#error "PC_BIO_MAX_QBLOCKS must be between 1 and 255"
#endif
#if PC_BIO_TAIL_MAX < 1 || PC_BIO_TAIL_MAX > 255
#error "PC_BIO_TAIL_MAX must be between 1 and 255"
#endif
#if PC_BIO_MATCH_MAX < 16 || PC_BIO_MATCH_MAX > 255
#error "PC_BIO_MATCH_MAX must be between 16 and 255"
#endif
#if PC_BIO_SEAL_MAX_SAMPLES < 1 || PC_BIO_SEAL_MAX_SAMPLES > 16
#error "PC_BIO_SEAL_MAX_SAMPLES must be between 1 and 16 (SPEC §6.3)"
#endif
#if PC_JOURNAL_WINDOW < 2118 || PC_JOURNAL_WINDOW > 1048576
#error "PC_JOURNAL_WINDOW must be between 2118 (a torn run and a RESUME record) and 1 MB"
#endif
/* The largest DECISION record (docs/SPEC-journal.md §7.3) must fit one
 * journal frame of 1024 bytes: 135 fixed bytes, three IDs, the trail. */
#if 135 + 3 * PC_RISK_ID_MAX + PC_RISK_MAX_HOOKS * (PC_RISK_NAME_MAX + 5) > 1024
#error "PC_RISK_MAX_HOOKS, PC_RISK_NAME_MAX and PC_RISK_ID_MAX make a journal record longer than 1024 bytes"
#endif
#if PC_COVERAGE_TEST && PC_DEBUG
#error "PC_COVERAGE_TEST and PC_DEBUG are exclusive: coverage builds turn guards into constants"
#endif

#endif /* PAYCODE_CHECK_CONFIG_H */
