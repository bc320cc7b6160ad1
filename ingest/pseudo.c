/*
 * pseudo.c - see pseudo.h.
 */
#include "ingest/pseudo.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int read_key(struct pseudo *p, int fd, const char *path, struct err *e)
{
    ssize_t n = read(fd, p->key, sizeof p->key);
    if (n != (ssize_t)sizeof p->key)
        return err_set(e, ERR_CONFIG, "key file '%s' must hold 32 bytes", path);
    return 0;
}

static int create_key(struct pseudo *p, const char *path, struct err *e)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0)
        return err_set(e, ERR_IO, "cannot create key file '%s': %s", path, strerror(errno));
    randombytes_buf(p->key, sizeof p->key);
    ssize_t n = write(fd, p->key, sizeof p->key);
    if (close(fd) != 0 || n != (ssize_t)sizeof p->key)
        return err_set(e, ERR_IO, "cannot write key file '%s'", path);
    return 0;
}

int pseudo_load(struct pseudo *p, const char *path, struct err *e)
{
    if (sodium_init() < 0)
        return err_set(e, ERR_IO, "libsodium could not be initialised");
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        if (errno != ENOENT)
            return err_set(e, ERR_IO, "cannot open key file '%s': %s", path, strerror(errno));
        return create_key(p, path, e);
    }
    int rc = read_key(p, fd, path, e);
    close(fd);
    return rc;
}

void pseudo_hash(const struct pseudo *p, const char *domain, const char *id, size_t n,
                 uint8_t out[32])
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, p->key, sizeof p->key, 32);
    crypto_generichash_update(&st, (const unsigned char *)domain, strlen(domain));
    crypto_generichash_update(&st, (const unsigned char *)":", 1);
    crypto_generichash_update(&st, (const unsigned char *)id, n);
    crypto_generichash_final(&st, out, 32);
    sodium_memzero(&st, sizeof st);
}

void pseudo_release(struct pseudo *p)
{
    sodium_memzero(p->key, sizeof p->key);
}
