/*
 * fuzz_reader.c - libFuzzer target for the CSV reader (ingest/csv_reader.c) and the
 * table-driven ingest on top of it (ingest/ingest.c).
 *
 * Input: byte 0 picks the reader settings, byte 1 the mode, the rest is the file.
 *   byte 0: bits 0-1 delimiter (sniffed, ';', ',', tab), bits 2-4 max_field
 *           (16..4096), bits 5-7 chunk_size (0 = 256 KiB, or 1..4096: small reads
 *           put every byte on a read boundary).
 *   byte 1: bits 0-1 mode, the other bits are the mode's options:
 *   0 records  one read; bits 2-7 a column keep-mask applied after the header.
 *   1 sweep    the same read twice: with the chosen chunk_size and max_field, and in
 *              256 KiB reads with a max_field above any field; bits 2-7 keep-mask.
 *              The second read has libcsv split every line, the first splits
 *              quote-free lines itself (csv_reader.c, split_line), so the sweep
 *              also holds the reader's own split to libcsv's. A third read with the
 *              first one's settings leaves those lines' fields in place (csvr.views)
 *              and must deliver the same records.
 *   2 gzip     the file read plain, then gzipped (bits 2-5: level and where the file
 *              is split into two gzip members), then the gzip cut short, then the
 *              gzip with one byte of garbage appended.
 *   3 ingest   ingest_source() with one of five hand-made source configs in the
 *              dialects of samples/EXPORTS.md (bits 2-4 source, 5-6 encoding).
 *
 * Invariants asserted (FUZZ_CHECK aborts):
 *  - every record: number = previous + 1 (from 1); line >= 1, strictly greater than
 *    the previous record's (a record ends at a line end, so two cannot start on one
 *    line) and at most 1 + the number of line ends in the content; n_fields >= 1;
 *    too_wide exactly when n_fields > CSVR_MAX_COLUMNS, never on record 1; record 1
 *    fully kept; later records kept exactly per the keep-mask; a kept field is
 *    NUL-terminated at lens[i], has no NUL before it unless the field holds one
 *    (strlen <= len), and len <= max_field; too_long exactly when too_long_col
 *    names a kept column, delivered empty;
 *  - the read returns 0 or ERR_INPUT with a message naming the file, and every
 *    "line N" in the message is a real line; on success bytes_read is the content
 *    size; the parser buffer stays within 2 x max_field + 64 KiB (csv_reader.h), and
 *    all the read holds at once within 1 MiB + 2 x max_field + 4 x the content;
 *  - sweep: records, lines and the result do not depend on chunk_size, nor on who
 *    splits a quote-free line (the reader or libcsv), and a
 *    smaller max_field changes only the fields longer than it (delivered empty,
 *    too_long set, too_long_col the first of them) - the reader's "ceiling, not
 *    truncation" contract; columns not kept report their length (or, when longer
 *    than max_field, some length above it);
 *  - gzip: the same records as the plain file, wherever the members are split; a
 *    gzip cut short anywhere after its magic (except between members) fails, after
 *    delivering a prefix of the plain file's records; one byte of garbage after the
 *    last member fails;
 *  - ingest: counts.read = accepted + quarantined (also when the read fails), the
 *    reason tally adds up, the quarantine file has one line per quarantined row;
 *    on success read = data records and bytes = file size; every row handed to the
 *    sink has typed values within their documented ranges (text: trimmed valid
 *    UTF-8, dates: valid and not after the reference date, numbers: finite and in
 *    the field's range); an identifier that occurs once in the file never reaches
 *    the sink's text values or the quarantine file (it is pseudonymised).
 */
#define _GNU_SOURCE /* memfd_create, memmem */

#include "fuzz/fuzz_common.h"

#include "common/err.h"
#include "ingest/csv_reader.h"
#include "ingest/ingest.h"
#include "report/rows_csv.h"
#include "ingest/parse.h"
#include "common/text.h"
#include "model/dataset.h"
#include "model/row.h"
#include "model/schema.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

static const size_t MAX_FIELDS[8] = {16, 24, 32, 64, 100, 256, 1024, 4096};
static const size_t CHUNKS[8] = {0, 1, 2, 3, 7, 64, 1000, 4096};
static const char DELIMS[4] = {0, ';', ',', '\t'};

enum {
    BLK_BOUND = 64 * 1024 + 64, /* csv_reader.c: libcsv's buffer grows in 64 KiB blocks */
    HEAP_BASE = 1024 * 1024,    /* two 256 KiB read buffers, zlib, libcsv's first block */
};

struct setting {
    char delimiter;
    size_t max_field, chunk;
    unsigned char keep[CSVR_MAX_COLUMNS];
    int use_keep;
    int libcsv_only; /* csvr.libcsv_only: libcsv splits the quote-free lines too */
    int views;       /* csvr.views: split lines' fields in place, not NUL-terminated */
};

/* ------------------------------------------ the input as a file */

/*
 * The reader takes a path, so inputs are written to a memfd and read back through
 * /proc/self/fd/N: nothing touches the disk and nothing is left behind.
 */
/* An in-memory file holding data[0..n); path names it for open(). fd < 0 on failure. */
struct memfile {
    int fd;
    char path[64];
};

static int memfile_open(struct memfile *m, const void *data, size_t n)
{
    m->fd = memfd_create("vik-fuzz", MFD_CLOEXEC);
    if (m->fd < 0)
        return -1;
    const char *p = data;
    while (n > 0) {
        ssize_t k = write(m->fd, p, n);
        if (k <= 0) {
            close(m->fd);
            m->fd = -1;
            return -1;
        }
        p += k;
        n -= (size_t)k;
    }
    snprintf(m->path, sizeof m->path, "/proc/self/fd/%d", m->fd);
    return 0;
}

static void memfile_close(struct memfile *m)
{
    if (m->fd >= 0)
        close(m->fd);
    m->fd = -1;
}

/* ------------------------------------------ what a read delivered */

struct rec_copy {
    long number, line;
    size_t n_fields, n_stored;
    int too_long, too_long_col, too_wide;
    unsigned char *kept;
    size_t *lens;
    char **fields;
};

struct capture {
    const struct setting *set;
    struct csvr *r;
    long max_line; /* 1 + line ends in the content */
    long last_number, last_line;
    struct rec_copy *v;
    size_t n, cap;
};

static void capture_free(struct capture *c)
{
    for (size_t i = 0; i < c->n; i++) {
        for (size_t k = 0; k < c->v[i].n_stored; k++)
            free(c->v[i].fields[k]);
        free(c->v[i].fields);
        free(c->v[i].lens);
        free(c->v[i].kept);
    }
    free(c->v);
    memset(c, 0, sizeof *c);
}

static long count_lines(const uint8_t *s, size_t n)
{
    long ends = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\r' || (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')))
            ends++;
    return ends + 1;
}

static void check_record(struct capture *c, const struct csvr_record *rec)
{
    FUZZ_CHECK(rec->number == c->last_number + 1, "record %ld after %ld", rec->number,
               c->last_number);
    FUZZ_CHECK(rec->line >= 1 && rec->line > c->last_line && rec->line <= c->max_line,
               "record %ld at line %ld (previous %ld, last line %ld)", rec->number, rec->line,
               c->last_line, c->max_line);
    FUZZ_CHECK(rec->n_fields >= 1, "record %ld has no fields", rec->number);
    FUZZ_CHECK(rec->too_wide == (rec->n_fields > CSVR_MAX_COLUMNS), "record %ld: too_wide %d, %zu",
               rec->number, rec->too_wide, rec->n_fields);
    FUZZ_CHECK(rec->number > 1 || !rec->too_wide, "too wide header delivered");
    FUZZ_CHECK(rec->too_long == (rec->too_long_col >= 0), "record %ld: too_long %d, column %d",
               rec->number, rec->too_long, rec->too_long_col);
    c->last_number = rec->number;
    c->last_line = rec->line;
    size_t n = rec->n_fields < CSVR_MAX_COLUMNS ? rec->n_fields : CSVR_MAX_COLUMNS;
    if (rec->too_long)
        FUZZ_CHECK((size_t)rec->too_long_col < n && rec->fields[rec->too_long_col] &&
                       rec->lens[rec->too_long_col] == 0,
                   "record %ld: too long column %d not a dropped kept field", rec->number,
                   rec->too_long_col);
    for (size_t i = 0; i < n; i++) {
        int want = rec->number == 1 || !c->set->use_keep || c->set->keep[i];
        FUZZ_CHECK(want == (rec->fields[i] != NULL), "record %ld column %zu: kept %d, field %p",
                   rec->number, i, want, (const void *)rec->fields[i]);
        if (!want)
            continue;
        size_t len = rec->lens[i];
        FUZZ_CHECK(len <= c->set->max_field, "record %ld column %zu: %zu bytes > max_field %zu",
                   rec->number, i, len, c->set->max_field);
        if (c->set->views && rec->number > 1)
            continue; /* read by length: the byte after may be the delimiter */
        FUZZ_CHECK(rec->fields[i][len] == '\0', "record %ld column %zu: not NUL-terminated",
                   rec->number, i);
        size_t sl = strlen(rec->fields[i]);
        FUZZ_CHECK(sl == len || (sl < len && memchr(rec->fields[i], 0, len)),
                   "record %ld column %zu: strlen %zu, len %zu", rec->number, i, sl, len);
    }
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    FUZZ_SETUP(p != NULL);
    return p;
}

static void copy_record(struct capture *c, const struct csvr_record *rec)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 16;
        c->v = realloc(c->v, c->cap * sizeof *c->v);
        FUZZ_SETUP(c->v != NULL);
    }
    struct rec_copy *d = &c->v[c->n++];
    size_t n = rec->n_fields < CSVR_MAX_COLUMNS ? rec->n_fields : CSVR_MAX_COLUMNS;
    d->number = rec->number, d->line = rec->line, d->n_fields = rec->n_fields;
    d->too_long = rec->too_long, d->too_wide = rec->too_wide, d->n_stored = n;
    d->too_long_col = rec->too_long_col;
    d->kept = xmalloc(n);
    d->lens = xmalloc(n * sizeof *d->lens);
    d->fields = xmalloc(n * sizeof *d->fields);
    for (size_t i = 0; i < n; i++) {
        d->kept[i] = rec->fields[i] != NULL;
        d->lens[i] = rec->lens[i]; /* not kept: the length, the bytes are not copied */
        d->fields[i] = NULL;
        if (d->kept[i]) {
            d->fields[i] = xmalloc(d->lens[i] + 1);
            memcpy(d->fields[i], rec->fields[i], d->lens[i]);
            d->fields[i][d->lens[i]] = '\0';
        }
    }
}

static int on_record(void *ctx, const struct csvr_record *rec)
{
    struct capture *c = ctx;
    check_record(c, rec);
    copy_record(c, rec);
    if (rec->number == 1 && c->set->use_keep)
        csvr_keep(c->r, c->set->keep, sizeof c->set->keep);
    return 0;
}

/* Every "line N" in an error message names a line of the content. */
static void check_message_lines(const char *msg, long max_line)
{
    for (const char *p = strstr(msg, "line "); p; p = strstr(p + 1, "line ")) {
        char *end;
        long l = strtol(p + 5, &end, 10);
        if (end == p + 5)
            continue;
        FUZZ_CHECK(l >= 1 && l <= max_line, "message names line %ld of %ld: %s", l, max_line, msg);
    }
}

/*
 * The content a reader must deliver for file bytes d[0..n): d itself, or for a file
 * that starts with the gzip magic its decompressed members (*owned set, free it), or
 * NULL when the gzip is damaged (then only content-free invariants are checked).
 */
static const uint8_t *content_of(const uint8_t *d, size_t n, size_t *out_n, uint8_t **owned)
{
    *owned = NULL;
    *out_n = n;
    if (n < 2 || d[0] != 0x1f || d[1] != 0x8b)
        return d;
    z_stream z;
    memset(&z, 0, sizeof z);
    FUZZ_SETUP(inflateInit2(&z, 15 + 16) == Z_OK);
    size_t cap = 4096, used = 0;
    uint8_t *out = xmalloc(cap);
    z.next_in = (Bytef *)(uintptr_t)d;
    z.avail_in = (uInt)n;
    int zr = Z_OK;
    while (z.avail_in > 0 && used < (64u << 20)) {
        if (used == cap) {
            cap *= 2;
            out = realloc(out, cap);
            FUZZ_SETUP(out != NULL);
        }
        z.next_out = out + used;
        z.avail_out = (uInt)(cap - used);
        zr = inflate(&z, Z_NO_FLUSH);
        used = cap - z.avail_out;
        if (zr == Z_STREAM_END && z.avail_in > 0)
            zr = inflateReset(&z) == Z_OK ? Z_OK : Z_DATA_ERROR;
        else if (zr == Z_BUF_ERROR && z.avail_out > 0)
            break; /* input ends inside a member */
        else if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR)
            break;
    }
    inflateEnd(&z);
    if (zr != Z_STREAM_END || z.avail_in > 0) {
        free(out);
        return NULL;
    }
    *owned = out;
    *out_n = used;
    return out;
}

/*
 * One csvr_read of the file bytes file[0..file_n) whose content (what the reader
 * must deliver, see content_of) is content[0..n), NULL when unknown.
 */
static int read_file(const struct setting *set, const void *file, size_t file_n,
                     const uint8_t *content, size_t n, struct capture *c, struct err *e,
                     struct csvr *r)
{
    struct memfile m;
    FUZZ_SETUP(memfile_open(&m, file, file_n) == 0);
    memset(c, 0, sizeof *c);
    csvr_init(r, set->delimiter, set->max_field);
    r->chunk_size = set->chunk;
    r->libcsv_only = set->libcsv_only;
    r->views = set->views;
    c->set = set, c->r = r, c->max_line = content ? count_lines(content, n) : LONG_MAX;
    err_clear(e);
    int rc = csvr_read(r, m.path, on_record, c, e);
    FUZZ_CHECK(rc == 0 || rc == ERR_INPUT, "csvr_read returned %d (%s)", rc, e->msg);
    if (rc) {
        FUZZ_CHECK((int)e->code == rc && e->msg[0], "error %d without message", rc);
        FUZZ_CHECK(strstr(e->msg, m.path) != NULL, "message does not name the file: %s", e->msg);
        check_message_lines(e->msg, c->max_line);
    } else {
        FUZZ_CHECK(content != NULL, "damaged gzip read without error");
        FUZZ_CHECK(r->bytes_read == n, "bytes_read %llu of %zu", (unsigned long long)r->bytes_read,
                   n);
    }
    FUZZ_CHECK(r->peak_buffer <= 2 * set->max_field + BLK_BOUND, "parser buffer %zu, max %zu",
               r->peak_buffer, set->max_field);
    /* the record buffer holds at most the content (doubled as it grows), plus NULs */
    FUZZ_CHECK(!content ||
                   r->peak_heap <= HEAP_BASE + 2 * set->max_field + 4 * (n + CSVR_MAX_COLUMNS),
               "the read held %zu bytes at once (content %zu, max_field %zu)", r->peak_heap, n,
               set->max_field);
    memfile_close(&m);
    return rc;
}

/* read_file of file bytes d[0..n), gzip or plain by content. */
static int read_bytes(const struct setting *set, const uint8_t *d, size_t n, struct capture *c,
                      struct err *e, struct csvr *r)
{
    uint8_t *owned;
    size_t cn;
    const uint8_t *content = content_of(d, n, &cn, &owned);
    int rc = read_file(set, d, n, content, cn, c, e, r);
    free(owned);
    return rc;
}

/* ------------------------------------------ comparing two reads */

/*
 * Two reads of the same content with the same max_field m. A column that is not
 * kept has its length, or only "over m" when the parser cut it back on the way (that
 * depends on where reads end, which is why only the kept fields must be exact).
 */
static void same_record(const struct rec_copy *a, const struct rec_copy *b, size_t m,
                        const char *what)
{
    FUZZ_CHECK(a->number == b->number && a->line == b->line && a->n_fields == b->n_fields &&
                   a->too_long == b->too_long && a->too_long_col == b->too_long_col &&
                   a->too_wide == b->too_wide,
               "%s: record %ld line %ld/%ld fields %zu/%zu too_long %d/%d", what, a->number,
               a->line, b->line, a->n_fields, b->n_fields, a->too_long, b->too_long);
    for (size_t i = 0; i < a->n_stored; i++) {
        FUZZ_CHECK(a->kept[i] == b->kept[i], "%s: record %ld column %zu kept differs", what,
                   a->number, i);
        if (a->kept[i])
            FUZZ_CHECK(a->lens[i] == b->lens[i] &&
                           memcmp(a->fields[i], b->fields[i], a->lens[i]) == 0,
                       "%s: record %ld column %zu differs", what, a->number, i);
        else
            FUZZ_CHECK(a->lens[i] == b->lens[i] || (a->lens[i] > m && b->lens[i] > m),
                       "%s: record %ld column %zu (not kept): length %zu vs %zu", what, a->number,
                       i, a->lens[i], b->lens[i]);
    }
}

/*
 * small: read with max_field m; big: the same content with a max_field above every
 * field. Fields longer than m must be empty in small, the rest identical.
 */
static void same_but_ceiling(const struct rec_copy *s, const struct rec_copy *b, size_t m)
{
    FUZZ_CHECK(s->number == b->number && s->line == b->line && s->n_fields == b->n_fields &&
                   s->too_wide == b->too_wide && !b->too_long,
               "sweep: record %ld line %ld/%ld fields %zu/%zu", s->number, s->line, b->line,
               s->n_fields, b->n_fields);
    int first_over = -1;
    for (size_t i = 0; i < s->n_stored; i++) {
        FUZZ_CHECK(s->kept[i] == b->kept[i], "sweep: record %ld column %zu kept differs", s->number,
                   i);
        if (!s->kept[i]) {
            FUZZ_CHECK(b->lens[i] <= m ? s->lens[i] == b->lens[i] : s->lens[i] > m,
                       "sweep: record %ld column %zu (not kept): length %zu, really %zu", s->number,
                       i, s->lens[i], b->lens[i]);
            continue;
        }
        if (b->lens[i] > m) {
            if (first_over < 0)
                first_over = (int)i;
            FUZZ_CHECK(s->lens[i] == 0, "sweep: record %ld column %zu: %zu > %zu not dropped",
                       s->number, i, b->lens[i], m);
        } else {
            FUZZ_CHECK(s->lens[i] == b->lens[i] &&
                           memcmp(s->fields[i], b->fields[i], s->lens[i]) == 0,
                       "sweep: record %ld column %zu: %zu bytes vs %zu (max_field %zu)", s->number,
                       i, s->lens[i], b->lens[i], m);
        }
    }
    FUZZ_CHECK(s->too_long == (first_over >= 0) && s->too_long_col == first_over,
               "sweep: record %ld too_long %d column %d, first field over max_field %d", s->number,
               s->too_long, s->too_long_col, first_over);
}

/* ------------------------------------------ modes */

static void mode_records(const struct setting *set, const uint8_t *d, size_t n)
{
    struct capture c;
    struct err e;
    struct csvr r;
    read_bytes(set, d, n, &c, &e, &r);
    capture_free(&c);
}

static void mode_sweep(const struct setting *set, const uint8_t *d, size_t n)
{
    struct setting big = *set;
    big.chunk = 0;
    big.max_field = (size_t)1 << 30; /* above any field the fuzzer can make */
    big.libcsv_only = !set->libcsv_only;
    struct capture cs, cb;
    struct err es, eb;
    struct csvr rs, rb;
    int rc_s = read_bytes(set, d, n, &cs, &es, &rs);
    int rc_b = read_bytes(&big, d, n, &cb, &eb, &rb);
    FUZZ_CHECK(rs.delimiter == rb.delimiter, "sniffed '%c' vs '%c'", rs.delimiter, rb.delimiter);
    FUZZ_CHECK(rc_s == rc_b, "sweep: result %d (%s) vs %d (%s)", rc_s, es.msg, rc_b, eb.msg);
    FUZZ_CHECK(cs.n == cb.n, "sweep: %zu records vs %zu", cs.n, cb.n);
    for (size_t i = 0; i < cs.n; i++)
        same_but_ceiling(&cs.v[i], &cb.v[i], set->max_field);
    /* and once more with the split lines' fields in place (csvr.views): the same */
    struct setting in_place = *set;
    in_place.views = 1;
    struct capture cv;
    struct err ev;
    struct csvr rv;
    int rc_v = read_bytes(&in_place, d, n, &cv, &ev, &rv);
    FUZZ_CHECK(rc_s == rc_v, "in place: result %d (%s) vs %d (%s)", rc_s, es.msg, rc_v, ev.msg);
    FUZZ_CHECK(cs.n == cv.n, "in place: %zu records vs %zu", cs.n, cv.n);
    for (size_t i = 0; i < cs.n; i++)
        same_record(&cs.v[i], &cv.v[i], set->max_field, "in place");
    capture_free(&cs);
    capture_free(&cb);
    capture_free(&cv);
}

/* gzip members: d[0..split) and d[split..n), each its own member; *second: where it starts. */
static size_t gzip(const uint8_t *d, size_t n, size_t split, int level, uint8_t *out, size_t cap,
                   size_t *second)
{
    size_t used = 0;
    for (int part = 0; part < 2; part++) {
        const uint8_t *p = part ? d + split : d;
        size_t k = part ? n - split : split;
        z_stream z;
        memset(&z, 0, sizeof z);
        FUZZ_SETUP(deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
        z.next_in = (Bytef *)(uintptr_t)p;
        z.avail_in = (uInt)k;
        z.next_out = out + used;
        z.avail_out = (uInt)(cap - used);
        FUZZ_SETUP(deflate(&z, Z_FINISH) == Z_STREAM_END);
        used = cap - z.avail_out;
        deflateEnd(&z);
        if (part == 0)
            *second = used;
    }
    return used;
}

static void mode_gzip(const struct setting *set, uint8_t opts, const uint8_t *d, size_t n)
{
    if (n >= 2 && d[0] == 0x1f && d[1] == 0x8b)
        return; /* the "plain" file would itself be read as gzip */
    struct capture cp, cz;
    struct err ep, ez;
    struct csvr rp, rz;
    int rc_p = read_file(set, d, n, d, n, &cp, &ep, &rp);

    size_t cap = 2 * (compressBound((uLong)n) + 64) + 1;
    uint8_t *gz = xmalloc(cap);
    size_t split = n * (opts & 3) / 3;
    int level = ((opts >> 2) & 3) * 3; /* 0 stored, 3, 6, 9 */
    size_t second;
    size_t gz_n = gzip(d, n, split, level, gz, cap - 1, &second);

    int rc_z = read_file(set, gz, gz_n, d, n, &cz, &ez, &rz);
    FUZZ_CHECK(rc_p == rc_z, "gzip: result %d (%s) vs plain %d (%s)", rc_z, ez.msg, rc_p, ep.msg);
    FUZZ_CHECK(cp.n == cz.n, "gzip: %zu records vs plain %zu", cz.n, cp.n);
    for (size_t i = 0; i < cp.n; i++)
        same_record(&cz.v[i], &cp.v[i], set->max_field, "gzip");
    capture_free(&cz);

    /* cut short: anywhere after the magic bytes but between the members the read must fail */
    size_t cut = 2 + (n * 31u + (n ? d[n - 1] * 257u : 0) + opts) % (gz_n - 2);
    if (cut == second)
        cut++; /* the first member alone is a complete gzip file */
    int rc_t = read_file(set, gz, cut, d, n, &cz, &ez, &rz);
    FUZZ_CHECK(rc_t != 0, "gzip cut to %zu of %zu bytes read without error", cut, gz_n);
    FUZZ_CHECK(cz.n <= cp.n, "gzip cut: %zu records, plain %zu", cz.n, cp.n);
    for (size_t i = 0; i < cz.n; i++)
        same_record(&cz.v[i], &cp.v[i], set->max_field, "gzip cut");
    capture_free(&cz);

    /* one byte after the last member is damage, not the start of another member */
    gz[gz_n] = n ? d[0] : 0;
    int rc_g = read_file(set, gz, gz_n + 1, d, n, &cz, &ez, &rz);
    FUZZ_CHECK(rc_g != 0, "gzip with a trailing byte 0x%02x read without error", gz[gz_n]);
    capture_free(&cz);
    capture_free(&cp);
    free(gz);
}

/* ------------------------------------------ mode 3: ingest_source */

enum { REFERENCE_DATE = 20250101 };

struct map_entry {
    enum field_id f;
    const char *header;
};

struct dialect {
    enum source_id src;
    enum encoding enc;
    char decimal;
    enum date_format dates;
    enum field_id id_field; /* F_COUNT when the source has no identifier column */
    struct map_entry map[20];
};

/* The five export dialects of samples/EXPORTS.md (headers as the generator writes them). */
static const struct dialect DIALECTS[5] = {
    {SRC_KVK,
     ENC_AUTO,
     ',',
     DATE_YYYYMMDD,
     F_COUNT,
     {{F_POSTCODE, "postcode"},
      {F_HOUSE_NUMBER, "huisnummer"},
      {F_HOUSE_SUFFIX, "toevoeging"},
      {F_KVK_NUMBER, "kvkNummer"},
      {F_BRANCH_NUMBER, "vestigingsnummer"},
      {F_SBI, "sbiCode"},
      {F_FOUNDED, "datumAanvang"},
      {F_DISSOLVED, "datumUitschrijving"},
      {F_COUNT, NULL}}},
    {SRC_BRP,
     ENC_CP1252,
     ',',
     DATE_YYYYMMDD,
     F_PERSON_ID,
     {{F_PERSON_ID, "01.01.20 burgerservicenummer"},
      {F_BIRTH_DATE, "01.03.10 geboortedatum"},
      {F_REGISTERED_SINCE, "08.10.30 datum aanvang adreshouding"},
      {F_STREET, "08.11.10 straatnaam"},
      {F_HOUSE_NUMBER, "08.11.20 huisnummer"},
      {F_HOUSE_LETTER, "08.11.30 huisletter"},
      {F_HOUSE_SUFFIX, "08.11.40 huisnummertoevoeging"},
      {F_POSTCODE, "08.11.60 postcode"},
      {F_CITY, "08.11.70 woonplaatsnaam"},
      {F_COUNT, NULL}}},
    {SRC_KADASTER_OBJECTS,
     ENC_UTF8,
     '.',
     DATE_ISO,
     F_OWNER_ID,
     {{F_OBJECT_ID, "identificatie"},
      {F_BUILDING_ID, "pand_id"},
      {F_POSTCODE, "postcode"},
      {F_HOUSE_NUMBER, "huisnummer"},
      {F_HOUSE_LETTER, "huisletter"},
      {F_HOUSE_SUFFIX, "toevoeging"},
      {F_USAGE, "gebruiksdoel"},
      {F_FLOOR_AREA, "oppervlakte"},
      {F_BUILD_YEAR, "bouwjaar"},
      {F_WOZ_VALUE, "woz_waarde"},
      {F_OWNER_ID, "eigenaar_id"},
      {F_OWNER_TYPE, "eigenaar_soort"},
      {F_OWNER_BIRTH_DATE, "eigenaar_geboortedatum"},
      {F_NEIGHBOURHOOD, "buurtcode"},
      {F_COUNT, NULL}}},
    {SRC_KADASTER_TRANSACTIONS,
     ENC_UTF8,
     ',',
     DATE_DMY,
     F_BUYER_ID,
     {{F_POSTCODE, "Postcode"},
      {F_HOUSE_NUMBER, "Adres"},
      {F_DATE, "Datum overdracht"},
      {F_PRICE, "Koopsom"},
      {F_BUYER_ID, "Koper"},
      {F_BUYER_TYPE, "Soort koper"},
      {F_MORTGAGE, "Hypotheek"},
      {F_COUNT, NULL}}},
    {SRC_ENERGY,
     ENC_AUTO,
     ',',
     DATE_YYYYMMDD,
     F_COUNT,
     {{F_EAN, "EAN"},
      {F_PRODUCT, "PRODUCT"},
      {F_POSTCODE, "POSTCODE"},
      {F_HOUSE_NUMBER, "HUISNR"},
      {F_ANNUAL, "SJV"},
      {F_MONTH_01, "M01"},
      {F_MONTH_02, "M02"},
      {F_MONTH_06, "M06"},
      {F_MONTH_12, "M12"},
      {F_COUNT, NULL}}},
};

/* Identifier values that occur exactly once in the file: they must never come out. */
struct secrets {
    const uint8_t *file;
    size_t file_n;
    const char *id_header;
    long id_col;
    char **v;
    size_t n, cap;
    struct capture c;
};

/* Occurrences of s[0..k) in d[0..n), stopping at 2. */
static int occurrences(const uint8_t *d, size_t n, const char *s, size_t k)
{
    int count = 0;
    const uint8_t *p = d, *end = d + n;
    while (count < 2 && p < end) {
        const uint8_t *q = memmem(p, (size_t)(end - p), s, k);
        if (!q)
            break;
        count++;
        p = q + 1;
    }
    return count;
}

/* Plain ASCII letters and digits, at least 8 of them with 6 digits: an id, not prose. */
static int looks_like_id(const char *s, size_t n)
{
    size_t digits = 0;
    if (n < 8)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= '0' && ch <= '9')
            digits++;
        else if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')))
            return 0;
    }
    return digits >= 6;
}

/* Does header cell s spell name as ingest.c matches it (trimmed, ASCII, any case)? */
static int header_matches(const char *s, size_t n, const char *name)
{
    text_trim(&s, &n);
    if (n != strlen(name))
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char a = (unsigned char)s[i], b = (unsigned char)name[i];
        if (a >= 0x80 || (a | 0x20) != (b | 0x20))
            return 0;
    }
    return 1;
}

static int collect_secret(void *ctx, const struct csvr_record *rec)
{
    struct secrets *s = ctx;
    check_record(&s->c, rec);
    if (rec->number == 1) {
        size_t n = rec->n_fields < CSVR_MAX_COLUMNS ? rec->n_fields : CSVR_MAX_COLUMNS;
        for (size_t i = 0; i < n && s->id_header; i++)
            if (header_matches(rec->fields[i], rec->lens[i], s->id_header))
                s->id_col = s->id_col < 0 ? (long)i : -2; /* twice: ingest refuses it */
        return 0;
    }
    if (s->id_col < 0 || (size_t)s->id_col >= rec->n_fields ||
        (size_t)s->id_col >= CSVR_MAX_COLUMNS)
        return 0;
    const char *t = rec->fields[s->id_col];
    size_t tn = rec->lens[s->id_col];
    text_trim(&t, &tn);
    if (!looks_like_id(t, tn) || occurrences(s->file, s->file_n, t, tn) != 1)
        return 0;
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 8;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
        FUZZ_SETUP(s->v != NULL);
    }
    s->v[s->n] = xmalloc(tn + 1);
    memcpy(s->v[s->n], t, tn);
    s->v[s->n++][tn] = '\0';
    return 0;
}

struct sink_ctx {
    const struct secrets *secrets;
    uint64_t rows;
};

static void check_secret_free(const struct secrets *s, const char *text, size_t n, const char *what)
{
    for (size_t i = 0; i < s->n; i++)
        FUZZ_CHECK(!memmem(text, n, s->v[i], strlen(s->v[i])), "identifier '%s' leaked into %s",
                   s->v[i], what);
}

static void check_date(int32_t date, const char *what)
{
    int y = date / 10000, m = date / 100 % 100, d = date % 100;
    FUZZ_CHECK(date <= REFERENCE_DATE && y >= 1 && y <= 9999 && m <= 12 && d <= 31 &&
                   (m > 0 || d == 0),
               "%s: date %d", what, date);
}

static const struct reject *sink(void *ctx, const struct row *row)
{
    struct sink_ctx *sc = ctx;
    sc->rows++;
    FUZZ_CHECK(row->line >= 2, "row at line %ld", row->line);
    for (int f = 0; f < F_COUNT; f++) {
        if (!row_has(row, f))
            continue;
        const struct field_def *def = schema_field(f);
        const struct value *v = &row->v[f];
        switch (def->kind) {
        case FK_TEXT:
        case FK_EAN:
            FUZZ_CHECK(v->s && v->s[v->len] == '\0' && strlen(v->s) == v->len && v->len > 0,
                       "%s: text value not a NUL-terminated string of its length", def->name);
            FUZZ_CHECK(text_utf8_valid(v->s, v->len), "%s: text value is not UTF-8", def->name);
            FUZZ_CHECK(!isspace((unsigned char)v->s[0]) &&
                           !isspace((unsigned char)v->s[v->len - 1]),
                       "%s: text not trimmed", def->name);
            check_secret_free(sc->secrets, v->s, v->len, def->name);
            if (def->kind == FK_EAN)
                FUZZ_CHECK(v->len == 18 && memcmp(v->s, "871", 3) == 0, "ean '%s'", v->s);
            break;
        case FK_INT:
        case FK_NUM:
            FUZZ_CHECK(isfinite(v->num) && v->num >= def->min && v->num <= def->max,
                       "%s: number %g outside [%g, %g]", def->name, v->num, def->min, def->max);
            break;
        case FK_DATE:
            check_date(v->date, def->name);
            break;
        case FK_BOOL:
            FUZZ_CHECK(v->flag == 0 || v->flag == 1, "%s: flag %d", def->name, v->flag);
            break;
        case FK_PARTY:
            FUZZ_CHECK(v->flag == PARTY_PERSON || v->flag == PARTY_ENTITY, "%s: party %d",
                       def->name, v->flag);
            break;
        case FK_PRODUCT:
            FUZZ_CHECK(v->flag == PRODUCT_ELECTRICITY || v->flag == PRODUCT_GAS, "%s: product %d",
                       def->name, v->flag);
            break;
        case FK_USAGE:
            FUZZ_CHECK(v->flag > 0 && v->flag <= 0xFF, "%s: usage flags %d", def->name, v->flag);
            break;
        case FK_KVK:
            FUZZ_CHECK(v->num >= 0 && v->num <= 99999999 && v->num == floor(v->num),
                       "%s: kvk number %g", def->name, v->num);
            break;
        case FK_BSN:
        case FK_PARTY_ID:
            break;
        }
    }
    return NULL;
}

/* Quarantine lines: line ends outside CSV quotes. */
static uint64_t csv_lines(const char *s, size_t n)
{
    uint64_t lines = 0;
    int quoted = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (s[i] == '\n' && !quoted)
            lines++;
    }
    return lines;
}

static void mode_ingest(const struct setting *set, uint8_t opts, const uint8_t *d, size_t n)
{
    const struct dialect *dl = &DIALECTS[(opts & 7) % 5];
    static const enum encoding ENC[4] = {ENC_AUTO, ENC_UTF8, ENC_CP1252, ENC_AUTO};
    struct source_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.present = 1;
    cfg.delimiter = set->delimiter;
    cfg.encoding = (opts >> 3) & 3 ? ENC[(opts >> 3) & 3] : dl->enc;
    cfg.decimal = dl->decimal;
    cfg.date_format = dl->dates;
    const char *id_header = NULL;
    for (const struct map_entry *me = dl->map; me->header; me++) {
        cfg.map[me->f] = me->header;
        cfg.map_line[me->f] = 1;
        if (me->f == dl->id_field)
            id_header = me->header;
    }

    /* the identifiers, read the way ingest reads the file */
    struct memfile m;
    FUZZ_SETUP(memfile_open(&m, d, n) == 0);
    cfg.path = m.path;
    uint8_t *owned;
    size_t cn;
    const uint8_t *content = content_of(d, n, &cn, &owned);
    struct secrets sec = {.file = content, .file_n = cn, .id_col = -1};
    sec.id_header = content ? id_header : NULL;
    struct setting plain = *set;
    plain.use_keep = 0;
    plain.chunk = 0;
    sec.c.set = &plain, sec.c.max_line = content ? count_lines(content, cn) : LONG_MAX;
    struct csvr r;
    csvr_init(&r, set->delimiter, set->max_field);
    sec.c.r = &r;
    struct err e;
    err_clear(&e);
    int rc_plain = csvr_read(&r, m.path, collect_secret, &sec, &e);
    FUZZ_CHECK(rc_plain == 0 || rc_plain == ERR_INPUT, "csvr_read returned %d", rc_plain);
    long records = sec.c.last_number;

    struct pseudo ps;
    memset(&ps, 0, sizeof ps); /* an all-zero key: pseudonyms need not be secret here */
    char *qbuf = NULL;
    size_t qlen = 0;
    FILE *q = open_memstream(&qbuf, &qlen);
    FUZZ_SETUP(q != NULL);
    struct ingest_opts o = {
        .cfg = &cfg,
        .pseudo = &ps,
        .reference_date = REFERENCE_DATE,
        .refused = report_quarantine_row,
        .refused_ctx = q,
        .display_name = "fuzz.csv",
        .max_field = set->max_field,
    };
    struct sink_ctx sc = {.secrets = &sec};
    struct ingest_counts counts;
    err_clear(&e);
    int rc = ingest_source(dl->src, &o, sink, &sc, &counts, &e);
    FUZZ_SETUP(fclose(q) == 0);

    FUZZ_CHECK(counts.read == counts.accepted + counts.quarantined,
               "read %llu != accepted %llu + quarantined %llu", (unsigned long long)counts.read,
               (unsigned long long)counts.accepted, (unsigned long long)counts.quarantined);
    FUZZ_CHECK(counts.accepted == sc.rows, "accepted %llu, sink saw %llu",
               (unsigned long long)counts.accepted, (unsigned long long)sc.rows);
    uint64_t tallied = 0;
    for (size_t i = 0; i < counts.reasons.n; i++)
        tallied += counts.reasons.item[i].n;
    FUZZ_CHECK(tallied <= counts.quarantined &&
                   (counts.reasons.n == INGEST_MAX_REASONS || tallied == counts.quarantined),
               "reasons add up to %llu of %llu quarantined", (unsigned long long)tallied,
               (unsigned long long)counts.quarantined);
    FUZZ_CHECK(csv_lines(qbuf, qlen) == counts.quarantined,
               "quarantine has %llu lines for %llu rows", (unsigned long long)csv_lines(qbuf, qlen),
               (unsigned long long)counts.quarantined);
    check_secret_free(&sec, qbuf, qlen, "the quarantine file");
    if (rc) {
        FUZZ_CHECK((int)e.code == rc && e.msg[0], "ingest error %d without message", rc);
    } else {
        FUZZ_CHECK(rc_plain == 0, "ingest succeeded where the reader failed: %s", e.msg);
        FUZZ_CHECK(records >= 1 && counts.read == (uint64_t)records - 1,
                   "ingest read %llu rows of %ld records", (unsigned long long)counts.read,
                   records);
        FUZZ_CHECK(counts.bytes == cn, "ingest bytes %llu of %zu", (unsigned long long)counts.bytes,
                   cn);
    }
    free(qbuf);
    free(owned);
    for (size_t i = 0; i < sec.n; i++)
        free(sec.v[i]);
    free(sec.v);
    memfile_close(&m);
}

/* ------------------------------------------ entry */

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    FUZZ_SETUP(sodium_init() >= 0);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    struct setting set;
    memset(&set, 0, sizeof set);
    set.delimiter = DELIMS[data[0] & 3];
    set.max_field = MAX_FIELDS[(data[0] >> 2) & 7];
    set.chunk = CHUNKS[(data[0] >> 5) & 7];
    uint8_t mode = data[1] & 3, opts = data[1] >> 2;
    if ((mode == 0 || mode == 1) && opts) {
        set.use_keep = 1;
        for (size_t i = 0; i < CSVR_MAX_COLUMNS; i++)
            set.keep[i] = (opts >> (i % 6)) & 1;
    }
    const uint8_t *d = data + 2;
    size_t n = size - 2;
    switch (mode) {
    case 0:
        mode_records(&set, d, n);
        break;
    case 1:
        mode_sweep(&set, d, n);
        break;
    case 2:
        mode_gzip(&set, opts, d, n);
        break;
    default:
        mode_ingest(&set, opts, d, n);
        break;
    }
    return 0;
}
