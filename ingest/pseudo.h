/*
 * pseudo.h - keyed hashing of person identifiers (docs/privacy.md, pseudonymisation).
 *
 * Why: no clear identifier may exist past the row being parsed. The reader
 * replaces each owner and buyer id by a keyed hash of it, so equal ids link across
 * sources while the clear value never reaches disk or logs (docs/privacy.md).
 *
 * The hash is SipHash-2-4 with a 128-bit output (libsodium's
 * crypto_shorthash_siphashx24), a pseudorandom function made for short inputs,
 * under a 128-bit subkey per kind of id: one for a natural person's nine BSN
 * digits, one for a legal entity's id as written. The subkeys are derived from
 * the 32-byte installation key with crypto_kdf (BLAKE2b), once per run; separate
 * keys keep equal digits of different kinds apart. It replaced a keyed BLAKE2b,
 * whose key block and data block took 0.53 us an id - 10% of a national night's
 * CPU for 13 million owners and buyers - where SipHash takes some 10 ns.
 * Pseudonyms live in memory for the run only, so changing the function broke no
 * stored link.
 *
 * The key lives in its own file, created with mode 0600 when missing.
 */
#ifndef VIK_INGEST_PSEUDO_H
#define VIK_INGEST_PSEUDO_H

#include "common/err.h"
#include "model/schema.h" /* PSEUDONYM_BYTES */

#include <stddef.h>
#include <stdint.h>

/* The kind of id, each hashed under its own subkey. */
enum pseudo_domain { PSEUDO_BSN, PSEUDO_NNP, PSEUDO_DOMAINS };

struct pseudo {
    uint8_t key[32];                 /* the installation key, as in the key file */
    uint8_t sub[PSEUDO_DOMAINS][16]; /* derived from key per domain (pseudo_load) */
};

/* Load the key from path, creating it (random, mode 0600; its folder 0700) when missing. */
MUST_CHECK int pseudo_load(struct pseudo *p, const char *path, struct err *e);
/* out = SipHash-2-4-128 of the n bytes of id under the domain's subkey. */
void pseudo_hash(const struct pseudo *p, enum pseudo_domain domain, const char *id, size_t n,
                 uint8_t out[PSEUDONYM_BYTES]);
/* Wipe the key and its subkeys. */
void pseudo_release(struct pseudo *p);

#endif
