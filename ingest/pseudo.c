/*
 * pseudo.c - see pseudo.h.
 */
#include "ingest/pseudo.h"

#include "common/fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The key must be a regular file of exactly 32 bytes that only its owner can read. */
static int read_key(struct pseudo *p, int fd, const char *path, struct err *e)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return err_set(e, ERR_IO, "cannot inspect key file '%s': %s", path, strerror(errno));
    if (!S_ISREG(st.st_mode) || st.st_size != (off_t)sizeof p->key)
        return err_set(e, ERR_CONFIG, "key file '%s' must be a file of exactly 32 bytes", path);
    if (st.st_mode & (S_IRWXG | S_IRWXO))
        return err_set(e, ERR_CONFIG,
                       "key file '%s' is readable by others (mode %03o): chmod 600 it", path,
                       (unsigned)(st.st_mode & 0777));
    ssize_t n = read(fd, p->key, sizeof p->key);
    if (n != (ssize_t)sizeof p->key)
        return err_set(e, ERR_IO, "cannot read key file '%s'", path);
    return 0;
}

/* The key's folder, created (mode 0700, fs_mkdirs) when missing. */
static int key_folder(const char *path, struct err *e)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return 0;
    *slash = '\0';
    if (fs_mkdirs(dir) != 0)
        return err_set(e, ERR_IO, "cannot create folder '%s' for the key file: %s", dir,
                       strerror(errno));
    return 0;
}

static int create_key(struct pseudo *p, const char *path, struct err *e)
{
    if (key_folder(path, e) != 0)
        return ERR_IO;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0)
        return err_set(e, ERR_IO, "cannot create key file '%s': %s", path, strerror(errno));
    randombytes_buf(p->key, sizeof p->key);
    ssize_t n = write(fd, p->key, sizeof p->key);
    int ok = n == (ssize_t)sizeof p->key && fsync(fd) == 0;
    ok &= close(fd) == 0;
    if (!ok) {
        unlink(path); /* never leave a short key that a later run would refuse or use */
        return err_set(e, ERR_IO, "cannot write key file '%s'", path);
    }
    return 0;
}

_Static_assert(sizeof((struct pseudo *)0)->sub[0] == crypto_shorthash_siphashx24_KEYBYTES,
               "a subkey is a SipHash key");
_Static_assert(PSEUDONYM_BYTES == crypto_shorthash_siphashx24_BYTES, "a pseudonym is its output");
_Static_assert(sizeof((struct pseudo *)0)->key == crypto_kdf_KEYBYTES, "the key is a KDF key");

/* The KDF's context: eight bytes that name what the subkeys are for. */
static const char KDF_CONTEXT[crypto_kdf_CONTEXTBYTES + 1] = "vikpseud";

/* The subkey of each domain, numbered from 1 (subkey 0 is kept unused). */
static int derive(struct pseudo *p, const char *path, struct err *e)
{
    for (int d = 0; d < PSEUDO_DOMAINS; d++)
        if (crypto_kdf_derive_from_key(p->sub[d], sizeof p->sub[d], (uint64_t)d + 1, KDF_CONTEXT,
                                       p->key) != 0)
            return err_set(e, ERR_IO, "cannot derive the pseudonym keys from '%s'", path);
    return 0;
}

int pseudo_load(struct pseudo *p, const char *path, struct err *e)
{
    if (sodium_init() < 0)
        return err_set(e, ERR_IO, "libsodium could not be initialised");
    int rc, fd = open(path, O_RDONLY);
    if (fd < 0) {
        if (errno != ENOENT)
            return err_set(e, ERR_IO, "cannot open key file '%s': %s", path, strerror(errno));
        rc = create_key(p, path, e);
    } else {
        rc = read_key(p, fd, path, e);
        close(fd);
    }
    if (rc == 0)
        rc = derive(p, path, e);
    if (rc != 0)
        pseudo_release(p);
    return rc;
}

void pseudo_hash(const struct pseudo *p, enum pseudo_domain domain, const char *id, size_t n,
                 uint8_t out[PSEUDONYM_BYTES])
{
    crypto_shorthash_siphashx24(out, (const unsigned char *)id, n, p->sub[domain]);
}

void pseudo_release(struct pseudo *p)
{
    sodium_memzero(p, sizeof *p);
}
