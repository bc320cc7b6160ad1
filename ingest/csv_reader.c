/*
 * csv_reader.c - libcsv + zlib streaming; see csv_reader.h.
 *
 * Fields of the current record are copied into one growable scratch buffer (reset
 * per record), so there is no allocation per row once the buffer has grown to the
 * widest record.
 */
#include "ingest/csv_reader.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

enum { CHUNK = 256 * 1024 };

struct rstate {
    struct csvr *r;
    csvr_record_fn fn;
    void *ctx;
    struct err *e;
    long number;
    size_t n_fields;
    char *buf;             /* field bytes of the current record */
    size_t buf_len, buf_cap;
    size_t offs[CSVR_MAX_COLUMNS];
    size_t lens[CSVR_MAX_COLUMNS];
    unsigned char kept[CSVR_MAX_COLUMNS];
    const char *ptrs[CSVR_MAX_COLUMNS];
    int too_long, too_many;
    int stop;              /* error code from fn or from the reader */
};

void csvr_init(struct csvr *r, char delimiter, size_t max_field)
{
    memset(r, 0, sizeof *r);
    r->delimiter = delimiter;
    r->max_field = max_field;
}

void csvr_keep(struct csvr *r, const unsigned char *mask, size_t n)
{
    memset(r->keep, 0, sizeof r->keep);
    memcpy(r->keep, mask, n < CSVR_MAX_COLUMNS ? n : CSVR_MAX_COLUMNS);
    r->keep_set = 1;
}

static int buf_append(struct rstate *st, const char *s, size_t n)
{
    if (st->buf_len + n + 1 > st->buf_cap) {
        size_t cap = st->buf_cap ? st->buf_cap : 4096;
        while (cap < st->buf_len + n + 1)
            cap *= 2;
        char *p = realloc(st->buf, cap);
        if (!p)
            return -1;
        st->buf = p;
        st->buf_cap = cap;
    }
    memcpy(st->buf + st->buf_len, s, n);
    st->buf_len += n;
    st->buf[st->buf_len++] = '\0';
    return 0;
}

static void on_field(void *s, size_t n, void *data)
{
    struct rstate *st = data;
    size_t col = st->n_fields++;
    if (st->stop)
        return;
    if (col >= CSVR_MAX_COLUMNS) {
        st->too_many = 1;
        return;
    }
    int keep = st->number == 0 || !st->r->keep_set || st->r->keep[col];
    st->kept[col] = (unsigned char)keep;
    if (!keep)
        return;
    if (n > st->r->max_field) {
        st->too_long = 1;
        n = 0;
    }
    st->offs[col] = st->buf_len;
    st->lens[col] = n;
    if (buf_append(st, s ? s : "", s ? n : 0) != 0)
        st->stop = err_set(st->e, ERR_NOMEM, "out of memory reading a record");
}

static void on_record(int term, void *data)
{
    (void)term;
    struct rstate *st = data;
    st->number++;
    if (!st->stop && st->too_many)
        st->stop = err_set(st->e, ERR_INPUT, "record %ld has more than %d columns", st->number,
                           CSVR_MAX_COLUMNS);
    if (!st->stop) {
        size_t n = st->n_fields;
        for (size_t i = 0; i < n; i++)
            st->ptrs[i] = st->kept[i] ? st->buf + st->offs[i] : NULL;
        struct csvr_record rec = {st->number, n, st->ptrs, st->lens, st->too_long};
        st->stop = st->fn(st->ctx, &rec);
    }
    st->n_fields = 0;
    st->buf_len = 0;
    st->too_long = 0;
    st->too_many = 0;
}

/* Delimiter with the most occurrences outside quotes on the first line. */
static char sniff_delimiter(const char *s, size_t n)
{
    static const char cand[] = {';', ',', '\t', '|'};
    size_t count[4] = {0, 0, 0, 0};
    int quoted = 0;
    for (size_t i = 0; i < n && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
        if (s[i] == '"')
            quoted = !quoted;
        for (int c = 0; c < 4 && !quoted; c++)
            count[c] += s[i] == cand[c];
    }
    int best = 0;
    for (int c = 1; c < 4; c++)
        if (count[c] > count[best])
            best = c;
    return cand[best];
}

static int gz_failed(gzFile f, const char *path, struct err *e)
{
    int code = Z_OK;
    const char *msg = gzerror(f, &code);
    if (code == Z_OK || code == Z_STREAM_END)
        return 0;
    return err_set(e, ERR_INPUT, "'%s' is damaged or truncated: %s", path,
                   code == Z_ERRNO ? "read error" : msg);
}

static int feed(struct csv_parser *p, struct rstate *st, const char *buf, size_t n,
                const char *path)
{
    if (csv_parse(p, buf, n, on_field, on_record, st) != n && !st->stop)
        st->stop = err_set(st->e, ERR_INPUT, "cannot parse '%s': %s", path,
                           csv_strerror(csv_error(p)));
    return st->stop;
}

static int read_stream(struct csvr *r, gzFile f, struct csv_parser *p, struct rstate *st,
                       const char *path)
{
    char *buf = malloc(CHUNK);
    if (!buf)
        return err_set(st->e, ERR_NOMEM, "out of memory");
    int first = 1, rc = 0;
    for (;;) {
        int n = gzread(f, buf, CHUNK);
        if (n < 0) {
            rc = gz_failed(f, path, st->e);
            if (!rc)
                rc = err_set(st->e, ERR_INPUT, "cannot read '%s'", path);
            break;
        }
        if (n == 0)
            break;
        r->bytes_read += (uint64_t)n;
        const char *s = buf;
        size_t len = (size_t)n;
        if (first) {
            if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
                s += 3, len -= 3;
            if (!r->delimiter)
                r->delimiter = sniff_delimiter(s, len);
            csv_set_delim(p, (unsigned char)r->delimiter);
            first = 0;
        }
        if ((rc = feed(p, st, s, len, path)) != 0)
            break;
    }
    if (!rc)
        rc = gz_failed(f, path, st->e);
    free(buf);
    return rc;
}

int csvr_read(struct csvr *r, const char *path, csvr_record_fn fn, void *ctx, struct err *e)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return err_set(e, ERR_INPUT, "cannot open '%s'", path);
    gzbuffer(f, CHUNK);
    struct csv_parser p;
    if (csv_init(&p, CSV_APPEND_NULL) != 0) {
        gzclose(f);
        return err_set(e, ERR_NOMEM, "out of memory");
    }
    struct rstate *st = calloc(1, sizeof *st);
    if (!st) {
        csv_free(&p);
        gzclose(f);
        return err_set(e, ERR_NOMEM, "out of memory");
    }
    st->r = r, st->fn = fn, st->ctx = ctx, st->e = e;
    int rc = read_stream(r, f, &p, st, path);
    if (!rc && csv_fini(&p, on_field, on_record, st) != 0)
        rc = err_set(e, ERR_INPUT, "cannot parse '%s': %s", path, csv_strerror(csv_error(&p)));
    if (!rc)
        rc = st->stop;
    csv_free(&p);
    free(st->buf);
    free(st);
    if (gzclose(f) != Z_OK && !rc)
        rc = err_set(e, ERR_INPUT, "cannot read '%s'", path);
    return rc;
}
