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

#include <stddef.h>
#include <stdint.h>

enum { CHECKSUM_HEX = 65 }; /* 64 hex digits + NUL */

/*
 * A checksum made piece by piece, as the reader reads the file (ingest_opts.raw_tap):
 * the fingerprint of exactly the bytes that were parsed, without a pass of its own
 * over the file (about 1 s of a night at a million addresses, 9 s nationally).
 * Owned by the caller from checksum_begin until checksum_end or checksum_free.
 */
struct checksum;

/* Start one; NULL (with *e set) when out of memory or libsodium cannot start. */
struct checksum *checksum_begin(struct err *e);
/* Add n bytes; fits ingest_opts.raw_tap with the struct checksum as ctx. */
void checksum_add(void *ctx, const void *bytes, size_t n);
/* The bytes added and their hex digest; frees c. */
MUST_CHECK int checksum_end(struct checksum *c, uint64_t *bytes, char hex[CHECKSUM_HEX],
                            struct err *e);
/* Free c without a digest (NULL is fine). */
void checksum_free(struct checksum *c);

#endif
