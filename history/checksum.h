/*
 * checksum.h - the fingerprint of an input file, for the audit trail.
 *
 * Why: docs/privacy.md (audit trail) asks that every run can be traced to the exact exports it
 * read. BLAKE2b-256 (libsodium's crypto_generichash, already linked for
 * pseudonymisation) over the file's bytes as stored - a gzip is hashed compressed,
 * so the checksum matches `b2sum -l 256 FILE`.
 */
#ifndef VIK_HISTORY_CHECKSUM_H
#define VIK_HISTORY_CHECKSUM_H

#include "common/err.h"

#include <stdint.h>

enum { CHECKSUM_HEX = 65 }; /* 64 hex digits + NUL */

/* Hash path; *bytes gets its size. ERR_INPUT when it cannot be read. */
MUST_CHECK int checksum_file(const char *path, uint64_t *bytes, char hex[CHECKSUM_HEX],
                             struct err *e);

#endif
