/*
 * checksum.c - see checksum.h.
 */
#include "history/checksum.h"

#include <sodium.h>
#include <stdlib.h>

struct checksum {
    crypto_generichash_state st;
    uint64_t bytes;
    int failed;
};

struct checksum *checksum_begin(struct err *e)
{
    if (sodium_init() < 0) {
        err_set(e, ERR_IO, "libsodium could not be initialised");
        return NULL;
    }
    /* the state wants 64-byte alignment (CRYPTO_ALIGN(64)), more than malloc gives */
    struct checksum *c = aligned_alloc(64, (sizeof *c + 63) / 64 * 64);
    if (!c) {
        err_set(e, ERR_NOMEM, "out of memory");
        return NULL;
    }
    c->bytes = 0;
    c->failed = 0;
    if (crypto_generichash_init(&c->st, NULL, 0, 32) != 0) {
        free(c);
        err_set(e, ERR_IO, "libsodium could not be initialised");
        return NULL;
    }
    return c;
}

void checksum_add(void *ctx, const void *bytes, size_t n)
{
    struct checksum *c = ctx;
    c->bytes += n;
    c->failed |= crypto_generichash_update(&c->st, bytes, n) != 0;
}

int checksum_end(struct checksum *c, uint64_t *bytes, char hex[CHECKSUM_HEX], struct err *e)
{
    unsigned char out[32];
    int bad = c->failed || crypto_generichash_final(&c->st, out, sizeof out) != 0;
    *bytes = c->bytes;
    free(c);
    if (bad)
        return err_set(e, ERR_IO, "checksum failed");
    sodium_bin2hex(hex, CHECKSUM_HEX, out, sizeof out);
    return 0;
}

void checksum_free(struct checksum *c)
{
    free(c);
}
