/*
 * checksum.c - see checksum.h.
 */
#include "history/checksum.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

int checksum_file(const char *path, uint64_t *bytes, char hex[CHECKSUM_HEX], struct err *e)
{
    crypto_generichash_state st;
    unsigned char buf[65536], out[32];
    *bytes = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_set(e, ERR_INPUT, "%s: cannot open: %s", path, strerror(errno));
    if (sodium_init() < 0 || crypto_generichash_init(&st, NULL, 0, sizeof out) != 0) {
        fclose(f);
        return err_set(e, ERR_IO, "libsodium could not be initialised");
    }
    size_t n;
    int bad = 0;
    while (!bad && (n = fread(buf, 1, sizeof buf, f)) > 0) {
        *bytes += n;
        bad = crypto_generichash_update(&st, buf, n) != 0;
    }
    bad = bad || ferror(f);
    fclose(f);
    if (bad)
        return err_set(e, ERR_INPUT, "%s: read error while computing its checksum", path);
    if (crypto_generichash_final(&st, out, sizeof out) != 0)
        return err_set(e, ERR_IO, "%s: checksum failed", path);
    sodium_bin2hex(hex, CHECKSUM_HEX, out, sizeof out);
    return 0;
}
