/*
 * pseudo.h - keyed hashing of person identifiers (docs/privacy.md, pseudonymisation).
 *
 * Why: no clear BSN may exist past the row being parsed. The reader replaces each
 * BSN (and each owner/buyer id) by a keyed BLAKE2b hash (libsodium
 * crypto_generichash) of "bsn:" + digits (or "nnp:" + id for legal entities), so
 * equal ids link across sources while the clear value never reaches disk or logs.
 * The 32-byte key lives in its own file, created with mode 0600 when missing;
 * rotating it breaks linkage with history, which is intended after retention.
 */
#ifndef VIK_INGEST_PSEUDO_H
#define VIK_INGEST_PSEUDO_H

#include "common/err.h"

#include <stddef.h>
#include <stdint.h>

struct pseudo {
    uint8_t key[32];
};

/* Load the key from path, creating it (random, mode 0600; its folder 0700) when missing. */
MUST_CHECK int pseudo_load(struct pseudo *p, const char *path, struct err *e);
/* out = H_key(domain ":" id). */
void pseudo_hash(const struct pseudo *p, const char *domain, const char *id, size_t n,
                 uint8_t out[32]);
/* Wipe the key. */
void pseudo_release(struct pseudo *p);

#endif
