/*
 * audit.c - the hash-chained audit trail; see audit.h.
 *
 * The chain: hash(n) = BLAKE2b-256 keyed with the chain key over
 *     "vik audit record v1", then each field of record n as (8-byte little-endian
 *     length, bytes) in the order seq, at, os_user, command, subject, run, args,
 *     config_hash, status, result (numbers as decimal text), then hash(n - 1)
 * with hash(0) = 32 zero bytes, or after retention the anchor's hash. Length
 * prefixes make the serialisation unambiguous: no two different records give the
 * same bytes. The anchor carries its own MAC over (last removed seq, its hash,
 * when), so that removing more records than retention did needs the key too.
 */
#include "history/audit.h"
#include "common/date.h"

#include "history/hdb.h"
#include "transform/address.h"

#include <pwd.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char KDF_CONTEXT[crypto_kdf_CONTEXTBYTES + 1] = "vikaudit";
enum { SUBKEY_CHAIN = 1, SUBKEY_SUBJECT = 2, HASH_BYTES = 32, MAX_SHOWN = 20 };

_Static_assert(AUDIT_KEY_BYTES == crypto_kdf_KEYBYTES, "the installation key is a KDF key");
_Static_assert(sizeof(((struct history *)0)->chain_key) == HASH_BYTES, "chain key size");

int audit_set_key(struct history *h, const uint8_t key[AUDIT_KEY_BYTES], struct err *e)
{
    if (sodium_init() < 0 ||
        crypto_kdf_derive_from_key(h->chain_key, sizeof h->chain_key, SUBKEY_CHAIN, KDF_CONTEXT,
                                   key) != 0 ||
        crypto_kdf_derive_from_key(h->subject_key, sizeof h->subject_key, SUBKEY_SUBJECT,
                                   KDF_CONTEXT, key) != 0)
        return err_set(e, ERR_IO, "cannot derive the audit key (libsodium)");
    h->keyed = 1;
    return 0;
}

/* The pseudonym of an address given as its canonical key text ("5664AB|12|A|"). */
static void subject_of(const struct history *h, const char *key, char out[AUDIT_SUBJECT_HEX])
{
    unsigned char bin[(AUDIT_SUBJECT_HEX - 1) / 2];
    crypto_generichash(bin, sizeof bin, (const unsigned char *)key, strlen(key), h->subject_key,
                       sizeof h->subject_key);
    sodium_bin2hex(out, AUDIT_SUBJECT_HEX, bin, sizeof bin);
}

void audit_subject(const struct history *h, const struct addr_key *k, char out[AUDIT_SUBJECT_HEX])
{
    char key[ADDR_KEY_MAX];
    addr_key_text(k, key, sizeof key);
    subject_of(h, key, out);
}

int audit_started(struct history *h, struct err *e)
{
    int64_t n;
    if (hdb_scalar(h, "SELECT EXISTS (SELECT 1 FROM audit) OR EXISTS (SELECT 1 FROM audit_anchor)",
                   &n, e, "") != 0)
        return -1;
    return n != 0;
}

static int need_key(const struct history *h, struct err *e)
{
    if (h->keyed)
        return 0;
    return err_set(e, ERR_IO, "history database '%s': the audit trail needs the key (key_file)",
                   h->path);
}

/* ---------------------------------------------------------------- the chain */

/* The fields of one record as stored (pointers valid while the row is). */
struct audit_row {
    int64_t seq;
    const char *at, *user, *command, *subject;
    int64_t run;
    const char *args, *config_hash;
    int64_t status;
    const char *result;
};

static void put_bytes(crypto_generichash_state *st, const void *p, size_t n)
{
    unsigned char len[8];
    for (int i = 0; i < 8; i++)
        len[i] = (unsigned char)((uint64_t)n >> (8 * i));
    crypto_generichash_update(st, len, sizeof len);
    crypto_generichash_update(st, p, n);
}

static void put_text(crypto_generichash_state *st, const char *s)
{
    put_bytes(st, s, strlen(s));
}

static void put_int(crypto_generichash_state *st, int64_t v)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%lld", (long long)v);
    put_text(st, buf);
}

static void record_hash(const struct history *h, const struct audit_row *r,
                        const unsigned char prev[HASH_BYTES], unsigned char out[HASH_BYTES])
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, h->chain_key, sizeof h->chain_key, HASH_BYTES);
    put_text(&st, "vik audit record v1");
    put_int(&st, r->seq);
    put_text(&st, r->at);
    put_text(&st, r->user);
    put_text(&st, r->command);
    put_text(&st, r->subject);
    put_int(&st, r->run);
    put_text(&st, r->args);
    put_text(&st, r->config_hash);
    put_int(&st, r->status);
    put_text(&st, r->result);
    put_bytes(&st, prev, HASH_BYTES);
    crypto_generichash_final(&st, out, HASH_BYTES);
    sodium_memzero(&st, sizeof st);
}

static void anchor_mac(const struct history *h, int64_t seq, const char *hash_hex, const char *at,
                       char out[2 * HASH_BYTES + 1])
{
    crypto_generichash_state st;
    unsigned char mac[HASH_BYTES];
    crypto_generichash_init(&st, h->chain_key, sizeof h->chain_key, HASH_BYTES);
    put_text(&st, "vik audit anchor v1");
    put_int(&st, seq);
    put_text(&st, hash_hex);
    put_text(&st, at);
    crypto_generichash_final(&st, mac, HASH_BYTES);
    sodium_memzero(&st, sizeof st);
    sodium_bin2hex(out, 2 * HASH_BYTES + 1, mac, sizeof mac);
}

/* 64 hex digits -> 32 bytes; -1 when it is not that. */
static int hash_from_hex(const char *hex, unsigned char out[HASH_BYTES])
{
    size_t n = 0;
    if (strlen(hex) != 2 * HASH_BYTES ||
        sodium_hex2bin(out, HASH_BYTES, hex, 2 * HASH_BYTES, NULL, &n, NULL) != 0 ||
        n != HASH_BYTES)
        return -1;
    return 0;
}

/* The predecessor of the next record: the last record, else the anchor, else zeros. */
static int chain_tail(struct history *h, int64_t *seq, unsigned char prev[HASH_BYTES],
                      struct err *e)
{
    sqlite3_stmt *st;
    *seq = 0;
    memset(prev, 0, HASH_BYTES);
    if (hdb_prepare(h,
                    "SELECT seq, hash FROM audit UNION ALL "
                    "SELECT last_removed, hash FROM audit_anchor ORDER BY 1 DESC LIMIT 1",
                    &st, e) != 0)
        return ERR_IO;
    int got = hdb_step(h, st, e);
    int rc = got < 0 ? ERR_IO : 0;
    if (got == 1) {
        *seq = sqlite3_column_int64(st, 0);
        if (hash_from_hex(hdb_text(st, 1), prev) != 0)
            rc = err_set(e, ERR_IO,
                         "history database '%s': audit record %lld has no valid hash "
                         "(vik audit --verify)",
                         h->path, (long long)*seq);
    }
    hdb_finalize(st);
    return rc;
}

/* The OS user running this command (the real uid: who typed it, also under setuid). */
static void os_user(char *buf, size_t size)
{
    struct passwd pw, *res = NULL;
    char tmp[1024];
    if (getpwuid_r(getuid(), &pw, tmp, sizeof tmp, &res) == 0 && res && res->pw_name)
        snprintf(buf, size, "%s", res->pw_name);
    else
        snprintf(buf, size, "uid %lu", (unsigned long)getuid());
}

static int insert_record(struct history *h, const struct audit_row *r, const char *hash_hex,
                         struct err *e)
{
    sqlite3_stmt *st;
    if (hdb_prepare(h,
                    "INSERT INTO audit (seq, at, os_user, command, subject, run, args, "
                    "config_hash, status, result, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    &st, e) != 0)
        return ERR_IO;
    int rc = hdb_insert(h, st, e,
                        "itttti"
                        "ttitt",
                        r->seq, r->at, r->user, r->command, r->subject, r->run, r->args,
                        r->config_hash, r->status, r->result, hash_hex);
    hdb_finalize(st);
    return rc;
}

static int keep_address(struct history *h, int64_t seq, const struct addr_key *k, struct err *e)
{
    char key[ADDR_KEY_MAX];
    addr_key_text(k, key, sizeof key);
    sqlite3_stmt *st;
    if (hdb_prepare(h, "INSERT INTO audit_addresses (seq, address) VALUES (?, ?)", &st, e) != 0)
        return ERR_IO;
    int rc = hdb_insert(h, st, e, "it", seq, key);
    hdb_finalize(st);
    return rc;
}

static int append(struct history *h, const struct audit_rec *r, struct err *e)
{
    unsigned char prev[HASH_BYTES], hash[HASH_BYTES];
    char at[24], user[256], subject[AUDIT_SUBJECT_HEX] = "", hex[2 * HASH_BYTES + 1];
    int64_t last;
    if (chain_tail(h, &last, prev, e) != 0)
        return ERR_IO;
    if (r->at)
        snprintf(at, sizeof at, "%s", r->at);
    else
        history_now(at);
    os_user(user, sizeof user);
    if (r->address)
        audit_subject(h, r->address, subject);
    struct audit_row row = {last + 1,
                            at,
                            user,
                            r->command,
                            subject,
                            r->run,
                            r->args ? r->args : "",
                            r->config_hash ? r->config_hash : "",
                            r->status,
                            r->result ? r->result : ""};
    record_hash(h, &row, prev, hash);
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    if (insert_record(h, &row, hex, e) != 0)
        return ERR_IO;
    return r->address && r->address_kept ? keep_address(h, row.seq, r->address, e) : 0;
}

int audit_append(struct history *h, const struct audit_rec *r, struct err *e)
{
    if (need_key(h, e) != 0)
        return ERR_IO;
    int own = sqlite3_get_autocommit(h->db) != 0; /* no transaction open: make one */
    if (own && hdb_begin(h, e) != 0)
        return ERR_IO;
    int rc = append(h, r, e);
    if (!own)
        return rc;
    if (rc != 0) {
        hdb_rollback(h);
        return rc;
    }
    return hdb_commit(h, e);
}

/* ---------------------------------------------------------------- retention */

static int set_anchor(struct history *h, int64_t seq, struct err *e)
{
    sqlite3_stmt *st;
    if (hdb_prepare(h, "SELECT hash FROM audit WHERE seq = ?", &st, e) != 0)
        return ERR_IO;
    int rc = hdb_bind(h, st, e, "i", seq), got = rc == 0 ? hdb_step(h, st, e) : -1;
    char hash[2 * HASH_BYTES + 1] = "";
    if (got == 1)
        snprintf(hash, sizeof hash, "%s", hdb_text(st, 0));
    hdb_finalize(st);
    if (got != 1)
        return got < 0 ? ERR_IO : err_set(e, ERR_IO, "audit record %lld vanished", (long long)seq);
    char at[24], mac[2 * HASH_BYTES + 1];
    history_now(at);
    anchor_mac(h, seq, hash, at, mac);
    if (hdb_prepare(h,
                    "INSERT OR REPLACE INTO audit_anchor (id, last_removed, hash, removed_at, mac) "
                    "VALUES (1, ?, ?, ?, ?)",
                    &st, e) != 0)
        return ERR_IO;
    rc = hdb_insert(h, st, e, "ittt", seq, hash, at, mac);
    hdb_finalize(st);
    return rc;
}

void audit_night_args(int32_t reference_date, const char *version, char *out, size_t size)
{
    char day[DATE_TEXT];
    snprintf(out, size, "reference_date=%s version=%s", date_text(reference_date, day), version);
}

int audit_retain(struct history *h, int32_t cutoff, uint64_t *removed, struct err *e)
{
    char day[DATE_TEXT];
    date_text(cutoff, day);
    int64_t first, keep;
    *removed = 0;
    /* the prefix ends before the first record on or after the cutoff day */
    if (hdb_scalar(h, "SELECT COALESCE(MIN(seq), 0) FROM audit", &first, e, "") != 0 ||
        hdb_scalar(h,
                   "SELECT COALESCE((SELECT MIN(seq) FROM audit WHERE at >= ?), "
                   "(SELECT COALESCE(MAX(seq), 0) + 1 FROM audit))",
                   &keep, e, "t", day) != 0)
        return ERR_IO;
    if (first == 0 || keep <= first)
        return 0;
    if (need_key(h, e) != 0 || set_anchor(h, keep - 1, e) != 0)
        return ERR_IO;
    return hdb_write(h, "DELETE FROM audit WHERE seq < ?", removed, e, "i", keep);
}

/* ---------------------------------------------------------------- vik audit */

static const char *const RECORD_COLUMNS =
    "SELECT a.seq, a.at, a.os_user, a.command, a.subject, a.run, a.args, a.config_hash, "
    "a.status, a.result, a.hash, d.address FROM audit a "
    "LEFT JOIN audit_addresses d ON d.seq = a.seq ";

static struct audit_row row_of(sqlite3_stmt *st)
{
    return (struct audit_row){sqlite3_column_int64(st, 0),
                              hdb_text(st, 1),
                              hdb_text(st, 2),
                              hdb_text(st, 3),
                              hdb_text(st, 4),
                              sqlite3_column_int64(st, 5),
                              hdb_text(st, 6),
                              hdb_text(st, 7),
                              sqlite3_column_int64(st, 8),
                              hdb_text(st, 9)};
}

/* "5664AB|12|A|2" -> "5664AB 12A-2" (the stored key text, split at '|'). */
static void address_display(const char *key, char *buf, size_t size)
{
    char pc[8] = "", letter[2] = "", suffix[8] = "";
    long number = 0;
    const char *p = strchr(key, '|'), *q = p ? strchr(p + 1, '|') : NULL;
    const char *s = q ? strchr(q + 1, '|') : NULL;
    if (!p || !q || !s || p - key > 6 || s - q - 1 > 1 || strlen(s + 1) > 4) {
        snprintf(buf, size, "%s", key);
        return;
    }
    memcpy(pc, key, (size_t)(p - key));
    number = strtol(p + 1, NULL, 10);
    memcpy(letter, q + 1, (size_t)(s - q - 1));
    snprintf(suffix, sizeof suffix, "%s", s + 1);
    hdb_address_text(pc, number, letter, suffix, buf, size);
}

static void print_record(sqlite3_stmt *st, FILE *out)
{
    struct audit_row r = row_of(st);
    fprintf(out, "#%lld %s user=%s command=%s", (long long)r.seq, r.at, r.user, r.command);
    if (r.subject[0] && sqlite3_column_type(st, 11) != SQLITE_NULL) {
        char addr[48];
        address_display(hdb_text(st, 11), addr, sizeof addr);
        fprintf(out, " address='%s'", addr);
    } else if (r.subject[0]) {
        fprintf(out, " address=(removed) subject=%.8s", r.subject);
    }
    if (r.run)
        fprintf(out, " run=%lld", (long long)r.run);
    if (r.args[0])
        fprintf(out, " args='%s'", r.args);
    fprintf(out, " config=%s exit=%lld", r.config_hash[0] ? r.config_hash : "-",
            (long long)r.status);
    if (r.result[0])
        fprintf(out, " result='%s'", r.result);
    fputc('\n', out);
}

int audit_print(struct history *h, const struct audit_filter *f, FILE *out, uint64_t *n,
                struct err *e)
{
    char subject[AUDIT_SUBJECT_HEX];
    *n = 0;
    if (f->address) {
        if (need_key(h, e) != 0)
            return ERR_IO;
        audit_subject(h, f->address, subject);
    }
    char sql[1024];
    snprintf(sql, sizeof sql, "%s%s", RECORD_COLUMNS,
             "WHERE (?1 IS NULL OR substr(a.at, 1, 10) >= ?1) "
             "AND (?2 IS NULL OR substr(a.at, 1, 10) <= ?2) "
             "AND (?3 IS NULL OR a.os_user = ?3) AND (?4 IS NULL OR a.command = ?4) "
             "AND (?5 IS NULL OR a.subject = ?5) ORDER BY a.seq");
    sqlite3_stmt *st;
    if (hdb_prepare(h, sql, &st, e) != 0)
        return ERR_IO;
    int rc = hdb_bind(h, st, e, "ttttt", f->since, f->until, f->user, f->command,
                      f->address ? subject : NULL);
    int got = 0;
    while (rc == 0 && (got = hdb_step(h, st, e)) == 1) {
        print_record(st, out);
        ++*n;
    }
    hdb_finalize(st);
    return rc == 0 && got < 0 ? ERR_IO : rc;
}

/* ---------------------------------------------------------------- verify */

static void problem(struct audit_check *c, FILE *out, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void problem(struct audit_check *c, FILE *out, const char *fmt, ...)
{
    if (c->problems++ >= MAX_SHOWN)
        return;
    va_list ap;
    va_start(ap, fmt);
    fputs("broken: ", out);
    vfprintf(out, fmt, ap);
    fputc('\n', out);
    va_end(ap);
}

/* The anchor: where the chain starts after retention. 0 when there is none. */
static int read_anchor(struct history *h, struct audit_check *c, unsigned char prev[HASH_BYTES],
                       FILE *out, struct err *e)
{
    sqlite3_stmt *st;
    memset(prev, 0, HASH_BYTES);
    if (hdb_prepare(h, "SELECT last_removed, hash, removed_at, mac FROM audit_anchor WHERE id = 1",
                    &st, e) != 0)
        return ERR_IO;
    int got = hdb_step(h, st, e);
    if (got == 1) {
        char mac[2 * HASH_BYTES + 1];
        c->anchor = sqlite3_column_int64(st, 0);
        anchor_mac(h, c->anchor, hdb_text(st, 1), hdb_text(st, 2), mac);
        if (strcmp(mac, hdb_text(st, 3)) != 0 || hash_from_hex(hdb_text(st, 1), prev) != 0)
            problem(c, out, "the anchor (last record removed by retention: #%lld) was changed",
                    (long long)c->anchor);
        snprintf(c->head, sizeof c->head, "%s", hdb_text(st, 1));
    }
    hdb_finalize(st);
    return got < 0 ? ERR_IO : 0;
}

/* One record against its predecessor's stored hash; prev becomes its own. */
static void check_record(struct history *h, sqlite3_stmt *st, struct audit_check *c,
                         unsigned char prev[HASH_BYTES], FILE *out)
{
    struct audit_row r = row_of(st);
    int64_t want = c->records ? c->last + 1 : c->anchor + 1;
    if (r.seq > want)
        problem(c, out, "records #%lld to #%lld are missing", (long long)want,
                (long long)(r.seq - 1));
    unsigned char hash[HASH_BYTES], stored[HASH_BYTES];
    record_hash(h, &r, prev, hash);
    int valid = hash_from_hex(hdb_text(st, 10), stored) == 0;
    if (!valid || sodium_memcmp(hash, stored, HASH_BYTES) != 0)
        problem(c, out,
                "record #%lld: its hash does not match its contents and its predecessor's "
                "(altered, or written without the key)",
                (long long)r.seq);
    if (sqlite3_column_type(st, 11) != SQLITE_NULL) {
        char subject[AUDIT_SUBJECT_HEX];
        subject_of(h, hdb_text(st, 11), subject);
        if (strcmp(subject, r.subject) != 0)
            problem(c, out, "record #%lld: the address shown with it is not the one it names",
                    (long long)r.seq);
    }
    memcpy(prev, valid ? stored : hash, HASH_BYTES);
    snprintf(c->head, sizeof c->head, "%s", hdb_text(st, 10));
    if (!c->records++)
        c->first = r.seq;
    c->last = r.seq;
}

int audit_verify(struct history *h, FILE *out, struct audit_check *c, struct err *e)
{
    memset(c, 0, sizeof *c);
    if (need_key(h, e) != 0)
        return ERR_IO;
    unsigned char prev[HASH_BYTES];
    if (read_anchor(h, c, prev, out, e) != 0)
        return ERR_IO;
    char sql[512];
    snprintf(sql, sizeof sql, "%sORDER BY a.seq", RECORD_COLUMNS);
    sqlite3_stmt *st;
    if (hdb_prepare(h, sql, &st, e) != 0)
        return ERR_IO;
    int got;
    while ((got = hdb_step(h, st, e)) == 1)
        check_record(h, st, c, prev, out);
    hdb_finalize(st);
    if (got < 0)
        return ERR_IO;
    if (c->problems > MAX_SHOWN)
        fprintf(out, "broken: ... and %llu more\n", (unsigned long long)(c->problems - MAX_SHOWN));
    return 0;
}
