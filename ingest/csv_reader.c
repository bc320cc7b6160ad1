/*
 * csv_reader.c - libcsv + zlib streaming; see csv_reader.h.
 *
 * Fields of the current record are copied into one growable scratch buffer (reset
 * per record), so there is no allocation per row once the buffer has grown to the
 * widest record.
 *
 * Lines: each decompressed chunk is cut after every CR or LF and libcsv is fed one
 * physical line (or the part of one that is in this chunk) per csv_parse call. A
 * record can then only start in a segment fed while no record is open, so the line
 * of that segment is the line where the record starts, across chunk boundaries,
 * blank lines and quoted fields with newlines alike.
 *
 * Memory: libcsv keeps the whole current field in its entry buffer and offers no
 * way to drop it. Input is fed in pieces of at most PIECE bytes, and between pieces
 * trim_entry() cuts a field that is certainly over max_field back to its last bytes
 * (the ones libcsv still subtracts: closing quote, trailing blanks) and marks it too
 * long, so the buffer stays under 2 x max_field + 2 + PIECE (plus one growth step).
 * This writes entry_buf/entry_pos/spaces of struct csv_parser, which csv.h exposes;
 * the #if below stops the build if a libcsv with another layout appears.
 *
 * Strictness: libcsv runs with CSV_STRICT | CSV_STRICT_FINI (STRICT_FINI does
 * nothing without STRICT). Strict mode also refuses a quote inside an unquoted
 * field, which is harmless and common in trade names; that one byte is re-fed with
 * strict mode off, so it is kept as text exactly as the lenient parser did.
 *
 * zlib: gzread keeps its buffers (plaintext included) out of reach, so the input is
 * read with read() and inflated with zalloc/zfree hooks that wipe. Concatenated
 * gzip members are read in turn; anything else after a member is damage, and input
 * that ends inside a member is truncation: both fail the read.
 */
#include "ingest/csv_reader.h"

#include "common/wipe.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#if CSV_MAJOR != 3
#error "csv_reader.c bounds the field buffer through libcsv 3's struct csv_parser"
#endif

enum {
    CHUNK = 256 * 1024, /* bytes per read */
    PIECE = 64 * 1024,  /* most bytes per csv_parse call: the buffer growth between checks */
    OPTS = CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL,
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

/* ------------------------------------------ memory that is wiped when freed */

/* Each block remembers its size in front, so that free and realloc can wipe it. */
enum { SEC_HDR = sizeof(max_align_t) };

static void *sec_alloc(size_t n)
{
    if (n > SIZE_MAX - SEC_HDR)
        return NULL;
    unsigned char *p = malloc(SEC_HDR + n);
    if (!p)
        return NULL;
    memcpy(p, &n, sizeof n);
    return p + SEC_HDR;
}

static size_t sec_size(void *q)
{
    size_t n;
    memcpy(&n, (unsigned char *)q - SEC_HDR, sizeof n);
    return n;
}

static void sec_free(void *q)
{
    if (!q)
        return;
    size_t n = sec_size(q);
    unsigned char *p = (unsigned char *)q - SEC_HDR;
    wipe(p, SEC_HDR + n);
    free(p);
}

/* realloc that never leaves an unwiped copy behind (libcsv's realloc hook). */
static void *sec_realloc(void *q, size_t n)
{
    void *p = sec_alloc(n);
    if (!p || !q)
        return p;
    size_t old = sec_size(q);
    memcpy(p, q, old < n ? old : n);
    sec_free(q);
    return p;
}

static voidpf z_alloc(voidpf opaque, uInt items, uInt size)
{
    (void)opaque;
    if (size && items > SIZE_MAX / size)
        return Z_NULL;
    return sec_alloc((size_t)items * size);
}

static void z_free(voidpf opaque, voidpf p)
{
    (void)opaque;
    sec_free(p);
}

/* ------------------------------------------ the input: plain or gzip by content */

struct src {
    const char *path;
    int fd;
    int eof;               /* read() has returned 0 */
    int gz;                /* the content starts with the gzip magic 1f 8b */
    int z_live;            /* inflateInit2 succeeded */
    int member_done;       /* the current gzip member has ended */
    unsigned char *in;     /* raw bytes read ahead, CHUNK bytes */
    size_t in_pos, in_len; /* plain: read-ahead not yet served */
    z_stream z;
};

/* Read until cap bytes or end of file. */
static int read_full(struct src *s, unsigned char *dst, size_t cap, size_t *got, struct err *e)
{
    size_t n = 0;
    while (n < cap) {
        ssize_t k = read(s->fd, dst + n, cap - n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            return err_set(e, ERR_INPUT, "cannot read '%s': %s", s->path, strerror(errno));
        if (k == 0) {
            s->eof = 1;
            break;
        }
        n += (size_t)k;
    }
    *got = n;
    return 0;
}

static int gz_start(struct src *s, struct err *e)
{
    s->z.zalloc = z_alloc;
    s->z.zfree = z_free;
    s->z.opaque = Z_NULL;
    s->z.next_in = s->in;
    s->z.avail_in = (uInt)s->in_len;
    int zr = inflateInit2(&s->z, 15 + 16); /* gzip wrapper only */
    if (zr != Z_OK)
        return err_set(e, zr == Z_MEM_ERROR ? ERR_NOMEM : ERR_INPUT,
                       "cannot decompress '%s': zlib error %d", s->path, zr);
    s->z_live = 1;
    return 0;
}

/* src_close() is due even when this fails. */
static int src_open(struct src *s, const char *path, struct err *e)
{
    memset(s, 0, sizeof *s);
    s->path = path;
    s->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (s->fd < 0)
        return err_set(e, ERR_INPUT, "cannot open '%s': %s", path, strerror(errno));
    s->in = sec_alloc(CHUNK);
    if (!s->in)
        return err_set(e, ERR_NOMEM, "out of memory");
    int rc = read_full(s, s->in, CHUNK, &s->in_len, e);
    if (rc)
        return rc;
    s->gz = s->in_len >= 2 && s->in[0] == 0x1f && s->in[1] == 0x8b;
    return s->gz ? gz_start(s, e) : 0;
}

static int plain_read(struct src *s, unsigned char *dst, size_t cap, size_t *got, struct err *e)
{
    if (s->in_pos < s->in_len) {
        size_t n = s->in_len - s->in_pos < cap ? s->in_len - s->in_pos : cap;
        memcpy(dst, s->in + s->in_pos, n);
        s->in_pos += n;
        *got = n;
        return 0;
    }
    *got = 0;
    return s->eof ? 0 : read_full(s, dst, cap, got, e);
}

/* Inflate up to cap bytes; *got == 0 only at the clean end of the last member. */
static int gz_read(struct src *s, unsigned char *dst, size_t cap, size_t *got, struct err *e)
{
    for (;;) {
        if (s->z.avail_in == 0 && !s->eof) {
            size_t n;
            int rc = read_full(s, s->in, CHUNK, &n, e);
            if (rc)
                return rc;
            s->z.next_in = s->in;
            s->z.avail_in = (uInt)n;
        }
        *got = 0;
        if (s->member_done && s->z.avail_in == 0)
            return 0;
        if (s->member_done && inflateReset(&s->z) != Z_OK) /* a concatenated member */
            return err_set(e, ERR_INPUT, "cannot decompress '%s'", s->path);
        s->member_done = 0;
        s->z.next_out = dst;
        s->z.avail_out = (uInt)cap;
        int zr = inflate(&s->z, Z_NO_FLUSH);
        *got = cap - s->z.avail_out;
        if (zr == Z_MEM_ERROR)
            return err_set(e, ERR_NOMEM, "out of memory decompressing '%s'", s->path);
        if (zr != Z_OK && zr != Z_BUF_ERROR && zr != Z_STREAM_END)
            return err_set(e, ERR_INPUT, "'%s' is damaged: %s", s->path,
                           s->z.msg ? s->z.msg : "invalid compressed data");
        s->member_done = zr == Z_STREAM_END;
        if (*got)
            return 0;
        if (!s->member_done && s->z.avail_in == 0 && s->eof)
            return err_set(e, ERR_INPUT, "'%s' is truncated: the compressed data ends early",
                           s->path);
    }
}

/* Up to cap decompressed bytes into dst; *got == 0 at the end of the input. */
static int src_read(struct src *s, unsigned char *dst, size_t cap, size_t *got, struct err *e)
{
    return s->gz ? gz_read(s, dst, cap, got, e) : plain_read(s, dst, cap, got, e);
}

static void src_close(struct src *s)
{
    if (s->z_live)
        inflateEnd(&s->z); /* frees (and so wipes) zlib's state and window */
    sec_free(s->in);
    if (s->fd >= 0)
        (void)close(s->fd); /* read-only: nothing left to flush or lose */
}

/* ------------------------------------------ libcsv callbacks: one record */

struct rstate {
    struct csvr *r;
    csvr_record_fn fn;
    void *ctx;
    struct err *e;
    const char *path;
    struct csv_parser p;
    long number;   /* records delivered */
    long line;     /* physical line of the bytes being fed */
    long rec_line; /* physical line where the open record started */
    int in_record; /* libcsv has begun a record that has not ended */
    int prev_cr;   /* the last byte fed was a CR (a following LF ends no line) */
    int overflow;  /* the field being parsed was cut back: too long */
    size_t n_fields;
    char *buf; /* field bytes of the current record */
    size_t buf_len, buf_cap;
    size_t offs[CSVR_MAX_COLUMNS];
    size_t lens[CSVR_MAX_COLUMNS];
    unsigned char kept[CSVR_MAX_COLUMNS];
    const char *ptrs[CSVR_MAX_COLUMNS];
    int too_long, too_wide;
    int too_long_col; /* first kept column over max_field */
    int blank;        /* every field so far is empty (or a lone BOM) */
    int stop;         /* error code from fn or from the reader */
};

static int buf_append(struct rstate *st, const char *s, size_t n)
{
    if (st->buf_len + n + 1 > st->buf_cap) {
        size_t cap = st->buf_cap ? st->buf_cap : 4096;
        while (cap < st->buf_len + n + 1)
            cap *= 2;
        char *p = sec_realloc(st->buf, cap);
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
    int overflow = st->overflow;
    st->overflow = 0;
    if (st->stop)
        return;
    if (col >= CSVR_MAX_COLUMNS) {
        st->too_wide = 1;
        return;
    }
    /* a field cut back for being too long is not empty, whatever is left of it */
    st->blank &=
        !overflow && (n == 0 || (col == 0 && n == 3 && s && !memcmp(s, "\xEF\xBB\xBF", 3)));
    int keep = st->number == 0 || !st->r->keep_set || st->r->keep[col];
    st->kept[col] = (unsigned char)keep;
    st->lens[col] = overflow ? st->r->max_field + 1 : n; /* lengths of every column */
    if (!keep)
        return;
    if (overflow || n > st->r->max_field) {
        if (!st->too_long)
            st->too_long_col = (int)col;
        st->too_long = 1;
        n = 0;
    }
    st->offs[col] = st->buf_len;
    st->lens[col] = n;
    if (buf_append(st, s ? s : "", s ? n : 0) != 0)
        st->stop = err_set(st->e, ERR_NOMEM, "out of memory reading a record");
}

static int deliver(struct rstate *st)
{
    if (st->blank && st->number > 1 && !st->too_wide) {
        st->number--; /* only delimiters or a stray BOM: a blank line, not a record */
        st->r->blank_lines++;
        return 0;
    }
    if (st->too_wide && st->number == 1)
        return err_set(st->e, ERR_INPUT, "'%s' line %ld: header has more than %d columns", st->path,
                       st->rec_line, CSVR_MAX_COLUMNS);
    size_t n = st->n_fields < CSVR_MAX_COLUMNS ? st->n_fields : CSVR_MAX_COLUMNS;
    for (size_t i = 0; i < n; i++)
        st->ptrs[i] = st->kept[i] ? st->buf + st->offs[i] : NULL;
    struct csvr_record rec = {
        .number = st->number,
        .n_fields = st->n_fields,
        .fields = st->ptrs,
        .lens = st->lens,
        .too_long = st->too_long,
        .line = st->rec_line,
        .too_wide = st->too_wide,
        .too_long_col = st->too_long ? st->too_long_col : -1,
    };
    return st->fn(st->ctx, &rec);
}

static void on_record(int term, void *data)
{
    (void)term;
    struct rstate *st = data;
    st->number++;
    st->in_record = 0;
    if (!st->stop)
        st->stop = deliver(st);
    st->n_fields = 0;
    st->buf_len = 0;
    st->too_long = 0;
    st->too_wide = 0;
    st->blank = 1;
}

/* ------------------------------------------ feeding libcsv line by line */

/* Does libcsv begin a record in this segment (anything but blanks and line ends)? */
static int row_starts(const char *s, size_t n, char delim)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\r' || s[i] == '\n')
            return 0;
        if ((s[i] != ' ' && s[i] != '\t') || s[i] == delim)
            return 1;
    }
    return 0;
}

/*
 * Bound libcsv's field buffer without changing what it delivers, so that the result
 * does not depend on where reads and pieces split the input:
 *  - a run of more than max_field + 1 blanks after the text is shortened to that
 *    many: libcsv trims them if the field ends there, and if text follows, the field
 *    is too long with or without the removed blanks;
 *  - once the text (what is buffered minus the blanks and a closing quote libcsv may
 *    still drop) exceeds max_field, the field will be too long: it is cut back to
 *    the bytes libcsv still subtracts and marked with st->overflow.
 */
static void trim_entry(struct rstate *st)
{
    struct csv_parser *p = &st->p;
    size_t max = st->r->max_field;
    if (p->spaces > 1 && p->spaces - 1 > max) {
        size_t drop = p->spaces - 1 - max;
        p->entry_pos -= drop;
        p->spaces -= drop;
        wipe(p->entry_buf + p->entry_pos, drop);
    }
    size_t text = p->entry_pos > p->spaces + 1 ? p->entry_pos - p->spaces - 1 : 0;
    if (text <= max)
        return;
    size_t spaces = p->spaces ? 1 : 0, keep = spaces + 1;
    memmove(p->entry_buf, p->entry_buf + p->entry_pos - keep, keep);
    wipe(p->entry_buf + keep, p->entry_pos - keep);
    p->entry_pos = keep;
    p->spaces = spaces; /* only its being non-zero matters once the field is dropped */
    st->overflow = 1;
}

/* csv_parse stopped before c: accept a quote in an unquoted field, else fail. */
static size_t parse_stopped(struct rstate *st, const char *c)
{
    struct csv_parser *p = &st->p;
    if (csv_error(p) == CSV_EPARSE && !p->quoted) {
        csv_set_opts(p, OPTS & ~CSV_STRICT);
        size_t k = csv_parse(p, c, 1, on_field, on_record, st);
        csv_set_opts(p, OPTS);
        if (k == 1)
            return 1;
    }
    if (csv_error(p) != CSV_EPARSE)
        st->stop = err_set(st->e, ERR_NOMEM, "cannot parse '%s' line %ld: %s", st->path, st->line,
                           csv_strerror(csv_error(p)));
    else if (st->rec_line == st->line)
        st->stop = err_set(st->e, ERR_INPUT,
                           "'%s' line %ld: text after a closing quote (a quote inside a "
                           "quoted field must be doubled)",
                           st->path, st->line);
    else
        st->stop = err_set(st->e, ERR_INPUT,
                           "'%s' line %ld (record from line %ld): text after a closing quote "
                           "(a quote inside a quoted field must be doubled)",
                           st->path, st->line, st->rec_line);
    return 0;
}

/* Feed bytes of one physical line, in pieces so that trim_entry bounds the buffer. */
static int feed_line(struct rstate *st, const char *s, size_t n)
{
    if (!st->in_record && row_starts(s, n, (char)csv_get_delim(&st->p))) {
        st->in_record = 1;
        st->rec_line = st->line;
    }
    while (n > 0 && !st->stop) {
        size_t k = n < PIECE ? n : PIECE;
        trim_entry(st);
        size_t used = csv_parse(&st->p, s, k, on_field, on_record, st);
        size_t size = csv_get_buffer_size(&st->p);
        if (size > st->r->peak_buffer)
            st->r->peak_buffer = size;
        if (used < k && !st->stop)
            used += parse_stopped(st, s + used);
        s += used;
        n -= used;
    }
    return st->stop;
}

/* Cut after every CR or LF; LF, CRLF and a lone CR each end one line. */
static int feed_chunk(struct rstate *st, const char *s, size_t n)
{
    while (n > 0) {
        size_t k = 0;
        while (k < n && s[k] != '\n' && s[k] != '\r')
            k++;
        k += k < n; /* the line end belongs to its line */
        if (feed_line(st, s, k) != 0)
            return st->stop;
        char last = s[k - 1];
        if (last == '\r' || (last == '\n' && !(st->prev_cr && k == 1))) /* CRLF = one end */
            st->line++;
        st->prev_cr = last == '\r';
        s += k;
        n -= k;
    }
    return 0;
}

/* ------------------------------------------ the first line: BOM and delimiter */

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

/*
 * Read until the first line is complete, CHUNK bytes are in or the input ends, so
 * that the BOM and the sniffed delimiter do not depend on the read size.
 */
static int read_head(struct src *s, struct csvr *r, unsigned char *buf, size_t chunk, size_t *have,
                     struct err *e)
{
    int quoted = 0;
    size_t seen = 0, got;
    *have = 0;
    do {
        size_t room = CHUNK - *have;
        int rc = src_read(s, buf + *have, room < chunk ? room : chunk, &got, e);
        if (rc)
            return rc;
        r->bytes_read += got;
        *have += got;
        for (; seen < *have; seen++) {
            if (buf[seen] == '"')
                quoted = !quoted;
            else if (!quoted && (buf[seen] == '\n' || buf[seen] == '\r'))
                return 0;
        }
    } while (got > 0 && *have < CHUNK);
    return 0;
}

static int feed_head(struct rstate *st, const char *s, size_t n)
{
    while (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) /* some tools add two */
        s += 3, n -= 3;
    if (!st->r->delimiter)
        st->r->delimiter = sniff_delimiter(s, n);
    csv_set_delim(&st->p, (unsigned char)st->r->delimiter);
    return feed_chunk(st, s, n);
}

/* ------------------------------------------ the read */

static int read_stream(struct rstate *st, struct src *s)
{
    size_t chunk = st->r->chunk_size && st->r->chunk_size < CHUNK ? st->r->chunk_size : CHUNK;
    unsigned char *buf = sec_alloc(CHUNK);
    if (!buf)
        return err_set(st->e, ERR_NOMEM, "out of memory");
    size_t n;
    int rc = read_head(s, st->r, buf, chunk, &n, st->e);
    if (!rc && n)
        rc = feed_head(st, (const char *)buf, n);
    while (!rc && n) {
        rc = src_read(s, buf, chunk, &n, st->e);
        st->r->bytes_read += n;
        if (!rc && n)
            rc = feed_chunk(st, (const char *)buf, n);
    }
    sec_free(buf);
    return rc;
}

/* The last record arrives at csv_fini, which also notices a quote never closed. */
static int finish(struct rstate *st)
{
    if (csv_fini(&st->p, on_field, on_record, st) == 0)
        return st->stop;
    if (csv_error(&st->p) == CSV_EPARSE)
        return err_set(st->e, ERR_INPUT, "'%s' line %ld: quoted field is never closed", st->path,
                       st->rec_line);
    return err_set(st->e, ERR_INPUT, "cannot parse '%s': %s", st->path,
                   csv_strerror(csv_error(&st->p)));
}

int csvr_read(struct csvr *r, const char *path, csvr_record_fn fn, void *ctx, struct err *e)
{
    struct rstate *st = calloc(1, sizeof *st);
    if (!st)
        return err_set(e, ERR_NOMEM, "out of memory");
    st->r = r, st->fn = fn, st->ctx = ctx, st->e = e, st->path = path;
    st->line = 1;
    st->blank = 1;
    if (csv_init(&st->p, OPTS) != 0) {
        free(st);
        return err_set(e, ERR_NOMEM, "out of memory");
    }
    csv_set_realloc_func(&st->p, sec_realloc);
    csv_set_free_func(&st->p, sec_free);
    csv_set_blk_size(&st->p, PIECE);
    struct src s;
    int rc = src_open(&s, path, e);
    if (!rc)
        rc = read_stream(st, &s);
    if (!rc)
        rc = finish(st);
    src_close(&s);
    csv_free(&st->p);
    sec_free(st->buf);
    free(st);
    return rc;
}
