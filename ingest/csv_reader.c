/*
 * csv_reader.c - libcsv + zlib streaming; see csv_reader.h.
 *
 * Why this shape: libcsv parses (the project's choice), through its public API only
 * (options, callbacks, csv_parse, csv_fini, the allocator hooks), so that a libcsv
 * release that reorders struct csv_parser cannot break the reader. libcsv tells
 * neither where a record starts nor whether the field it is in is quoted, and it
 * keeps a whole field in memory; a small scanner of our own, which follows libcsv's
 * states byte for byte, answers those three questions before libcsv sees the bytes:
 *
 *  - Lines: the scanner notes the physical line where each record begins (its first
 *    byte that is not a blank or a line end) in a small queue; on_record takes the
 *    front. libcsv is fed whole stretches of a read (up to QCAP records) per
 *    csv_parse call, not one line per call.
 *  - Strictness: libcsv runs lenient, so a quote inside an unquoted field (5" scherm)
 *    is text. What strict mode would refuse after a closing quote ("Bar "De Hoek"",
 *    "x" "y") the scanner refuses first, naming the line, after feeding libcsv the
 *    bytes before it, so that every record before the error is delivered; a quoted
 *    field still open at the end of the input fails the same way.
 *  - Memory: the scanner counts what libcsv holds of the current field. Once the
 *    field is certainly longer than max_field, the rest of it is withheld from libcsv
 *    until the field ends; a quoted field is then closed with a quote of our own, so
 *    libcsv delivers a field longer than max_field (too long, as it really is) and
 *    goes on in step. A run of blanks is fed up to max_field + 1 of them: if the field
 *    ends there libcsv trims them all, if text follows the field is too long either
 *    way. libcsv's buffer so stays under 2 x max_field + 2 plus one growth block.
 *
 * Fast path: most lines hold no quote and are shorter than max_field. For such a
 * line that starts with no record open, the scanner only finds its end and that no
 * quote comes before it, with memchr (each byte is searched at most once for LF, CR
 * and quote), and splits it itself (split_line): without a quote, libcsv's parse
 * of a line is "skip the blanks, read to the delimiter, drop the trailing blanks",
 * field after field. libcsv parses every other line (quotes, a line longer than
 * max_field, a line across two reads), through the state machine, which passes over
 * runs of plain text in a field in one go, until a line end leaves no record open.
 * Why not libcsv for every line: csv_parse was 67% of a read (perf, build/vik-floor
 * on a generated 1 M-address brp.csv and energie.csv), about 150 MB/s, and 13% of a
 * national night's CPU; with the split the same read runs at about 310 MB/s against
 * 97 MB/s (docs/performance.md). The split is held to libcsv's result by a test
 * that reads random files both ways (csvr.libcsv_only) and by the reader's fuzz
 * target, which does the same in its sweep.
 *
 * Fields of the current record are copied into one growable scratch buffer (reset
 * per record), so there is no allocation per row once the buffer has grown to the
 * widest record. With csvr.views (ingest sets it) a line split_line splits is not
 * copied at all: its fields point into the read, which outlives the callback's
 * call (add_view); copying was 40% of a read of the 1 M brp.csv and energie.csv.
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
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

enum {
    CHUNK = 256 * 1024, /* bytes per read */
    BLK = 64 * 1024,    /* libcsv's field buffer grows in steps of this many bytes */
    QCAP = 1024,        /* record start lines the scanner runs ahead of libcsv */
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

/*
 * Each block remembers its size in front, so that free and realloc can wipe it. The
 * bytes held are tallied per thread (libcsv's realloc hook has no context pointer),
 * so that a read can report the most it held at once (csvr.peak_heap).
 */
enum { SEC_HDR = sizeof(max_align_t) };

static _Thread_local size_t heap_live, heap_peak;

static void *sec_alloc(size_t n)
{
    if (n > SIZE_MAX - SEC_HDR)
        return NULL;
    unsigned char *p = malloc(SEC_HDR + n);
    if (!p)
        return NULL;
    memcpy(p, &n, sizeof n);
    heap_live += n;
    if (heap_live > heap_peak)
        heap_peak = heap_live;
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
    heap_live -= n;
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
    const struct csvr *r; /* its tap, when set */
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
        if (s->r->tap)
            s->r->tap(s->r->tap_ctx, dst + n, (size_t)k);
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
    if (zr == Z_MEM_ERROR)
        return err_set(e, ERR_NOMEM, "out of memory decompressing '%s'", s->path);
    if (zr != Z_OK)
        return err_set(e, ERR_INPUT, "cannot decompress '%s': zlib error %d", s->path, zr);
    s->z_live = 1;
    return 0;
}

/* src_close() is due even when this fails. */
static int src_open(struct src *s, const struct csvr *r, const char *path, struct err *e)
{
    memset(s, 0, sizeof *s);
    s->path = path;
    s->r = r;
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

/* ------------------------------------------ the state of one read */

/* Where the scanner is, as libcsv will be once it has been fed up to here. */
enum scan_state {
    S_ROW,   /* no record open (libcsv: ROW_NOT_BEGUN) */
    S_FIELD, /* between fields of an open record (FIELD_NOT_BEGUN) */
    S_UNQ,   /* in an unquoted field */
    S_QUO,   /* in a quoted field */
    S_MHE,   /* after a quote in a quoted field: closing, or the first of two */
};

/* Byte classes; the fast path stops at C_QUOTE and above. */
enum byte_class { C_TEXT, C_BLANK, C_DELIM, C_QUOTE, C_CR, C_LF };

struct rstate {
    struct csvr *r;
    csvr_record_fn fn;
    void *ctx;
    struct err *e;
    const char *path;
    struct csv_parser p;
    unsigned char cls[256]; /* enum byte_class of every byte, for the delimiter in use */
    /* the scanner */
    enum scan_state state;
    int skip;         /* the current field is too long: its bytes are withheld from libcsv */
    size_t flen;      /* bytes libcsv holds of the current field */
    size_t blanks;    /* blanks in a row at its end (unquoted) or after its quote (S_MHE),
                         withheld ones included */
    long line;        /* physical line of the byte being scanned */
    int prev_cr;      /* the last byte of the previous read was a CR */
    long open_line;   /* line where the open record started */
    long q[QCAP];     /* start lines of the records scanned but not yet delivered */
    size_t qhead, qn; /* q[qhead..qn) */
    /* the record being built from libcsv's callbacks */
    long number;   /* records delivered */
    long rec_line; /* physical line where it started */
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
    int keep_all;     /* copy every field of this record (record 1, or no keep-mask) */
    int viewed;       /* the record's ptrs point into the read (add_view), already set */
    int stop;         /* error code from fn or from the reader */
};

/* ------------------------------------------ libcsv callbacks: one record */

static int buf_grow(struct rstate *st, size_t need)
{
    size_t cap = st->buf_cap ? st->buf_cap : 4096;
    while (cap < need)
        cap *= 2;
    char *p = sec_realloc(st->buf, cap);
    if (!p)
        return -1;
    st->buf = p;
    st->buf_cap = cap;
    return 0;
}

/*
 * Most fields are a few bytes, for which a call to memcpy costs more than the copy:
 * up to 16 bytes are copied as two words that may overlap (fixed-size memcpy is a
 * load and a store).
 */
static void copy_bytes(char *dst, const char *src, size_t n)
{
    if (n > 16) {
        memcpy(dst, src, n);
    } else if (n >= 8) {
        memcpy(dst, src, 8);
        memcpy(dst + n - 8, src + n - 8, 8);
    } else if (n >= 4) {
        memcpy(dst, src, 4);
        memcpy(dst + n - 4, src + n - 4, 4);
    } else {
        for (size_t k = 0; k < n; k++)
            dst[k] = src[k];
    }
}

static int is_bom(const void *s, size_t n)
{
    return n == 3 && s && !memcmp(s, "\xEF\xBB\xBF", 3);
}

static void too_long(struct rstate *st, size_t col)
{
    if (!st->too_long)
        st->too_long_col = (int)col;
    st->too_long = 1;
}

/*
 * A field longer than max_field arrives whole or, when the scanner withheld its
 * rest, as a stand-in that is still longer than max_field: too long either way.
 */
static void add_field(struct rstate *st, const char *s, size_t n)
{
    size_t col = st->n_fields++;
    if (st->stop || col >= CSVR_MAX_COLUMNS) {
        st->too_wide |= col >= CSVR_MAX_COLUMNS;
        return;
    }
    size_t max = st->r->max_field;
    if (n)
        st->blank &= col == 0 && n <= max && is_bom(s, n);
    st->lens[col] = n; /* lengths of every column, kept or not */
    int keep = st->keep_all || st->r->keep[col];
    st->kept[col] = (unsigned char)keep;
    if (!keep)
        return;
    if (n > max) {
        too_long(st, col);
        n = 0;
    }
    if (st->buf_len + n + 1 > st->buf_cap && buf_grow(st, st->buf_len + n + 1) != 0) {
        st->stop = err_set(st->e, ERR_NOMEM, "out of memory reading a record");
        return;
    }
    st->offs[col] = st->buf_len;
    st->lens[col] = n;
    copy_bytes(st->buf + st->buf_len, s, n);
    st->buf_len += n;
    st->buf[st->buf_len++] = '\0';
}

/* add_field for a line split_line splits, with csvr.views: the field where it was
 * read, not a copy (fast_line takes no line longer than max_field). */
static void add_view(struct rstate *st, const char *s, size_t n)
{
    size_t col = st->n_fields++;
    if (st->stop || col >= CSVR_MAX_COLUMNS) {
        st->too_wide |= col >= CSVR_MAX_COLUMNS;
        return;
    }
    if (n)
        st->blank &= col == 0 && is_bom(s, n);
    st->lens[col] = n;
    st->ptrs[col] = st->keep_all || st->r->keep[col] ? s : NULL;
}

static void on_field(void *s, size_t n, void *data)
{
    add_field(data, s, n);
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
    for (size_t i = 0; !st->viewed && i < n; i++)
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
    int rc = st->fn(st->ctx, &rec);
    /* a callback that stopped the read without saying why (ERR_LIMIT: "enough") */
    if (rc != 0 && rc != ERR_LIMIT && st->e->code == ERR_OK)
        err_set(st->e, rc, "'%s' line %ld: %s", st->path, st->rec_line, err_str(rc));
    return rc;
}

static void on_record(int term, void *data)
{
    (void)term;
    struct rstate *st = data;
    st->number++;
    /* the scanner saw this record begin; the fallback is unreachable */
    st->rec_line = st->qhead < st->qn ? st->q[st->qhead++] : st->line;
    if (!st->stop)
        st->stop = deliver(st);
    st->n_fields = 0;
    st->buf_len = 0;
    st->too_long = 0;
    st->too_wide = 0;
    st->blank = 1;
    st->viewed = 0;
    st->keep_all = !st->r->keep_set;
}

/* ------------------------------------------ feeding libcsv */

/*
 * One read's bytes s[0..n): scanned up to i, fed to libcsv up to seg. The fast path
 * keeps where the next LF, CR and quote are (n: none), found with memchr and searched
 * again only once i has passed them, so each byte is searched at most once for each.
 */
struct span {
    const unsigned char *s;
    size_t n, i, seg;
    size_t next_lf, next_cr, next_quote;
};

static size_t find(const struct span *sp, int c)
{
    const unsigned char *p = memchr(sp->s + sp->i, c, sp->n - sp->i);
    return p ? (size_t)(p - sp->s) : sp->n;
}

static size_t next_byte(struct span *sp, size_t *at, int c)
{
    if (*at < sp->i)
        *at = find(sp, c);
    return *at;
}

static int feed(struct rstate *st, const void *s, size_t n)
{
    if (n && csv_parse(&st->p, s, n, on_field, on_record, st) < n && !st->stop)
        st->stop = csv_error(&st->p) == CSV_ENOMEM
                       ? err_set(st->e, ERR_NOMEM, "out of memory reading '%s' line %ld", st->path,
                                 st->line)
                       : err_set(st->e, ERR_INPUT, "cannot parse '%s' line %ld: %s", st->path,
                                 st->line, csv_strerror(csv_error(&st->p)));
    return st->stop;
}

/* Feed libcsv the bytes scanned since the last feed, up to (not including) s[to]. The
 * LF of a CRLF after a line split_line took is skipped ahead of the scan (fast_line):
 * seg may then be one past the byte being scanned, and stays there. */
static void flush(struct rstate *st, struct span *sp, size_t to)
{
    if (to > sp->seg) {
        feed(st, sp->s + sp->seg, to - sp->seg);
        sp->seg = to;
    }
}

/* Withhold the byte being scanned from libcsv. */
static void drop(struct rstate *st, struct span *sp)
{
    flush(st, sp, sp->i);
    sp->seg = sp->i + 1;
}

/* The field ends here; if its rest was withheld (only S_MHE can end a quoted field),
 * libcsv is still inside its quotes and gets a closing quote of our own. */
static void close_withheld(struct rstate *st, struct span *sp)
{
    if (st->skip) {
        flush(st, sp, sp->i);
        feed(st, "\"", 1);
    }
    st->skip = 0;
}

/* A record begins at the byte being scanned, on st->line. */
static void record_starts(struct rstate *st, struct span *sp)
{
    if (st->qn == QCAP)
        flush(st, sp, sp->i); /* no record is open here: libcsv delivers every queued one */
    if (st->qhead == st->qn)
        st->qhead = st->qn = 0;
    if (st->qn < QCAP)
        st->q[st->qn++] = st->line;
    st->open_line = st->line;
}

/* The byte being scanned is a CR or LF: LF, CRLF and a lone CR each end one line. */
static void line_end(struct rstate *st, const struct span *sp)
{
    int after_cr = sp->i ? sp->s[sp->i - 1] == '\r' : st->prev_cr;
    st->line += sp->s[sp->i] == '\r' || !after_cr;
}

static void fail_after_quote(struct rstate *st, struct span *sp)
{
    flush(st, sp, sp->i); /* the records before this one are delivered */
    if (st->stop)
        return;
    if (st->open_line == st->line)
        st->stop = err_set(st->e, ERR_INPUT,
                           "'%s' line %ld: text after a closing quote (a quote inside a "
                           "quoted field must be doubled)",
                           st->path, st->line);
    else
        st->stop = err_set(st->e, ERR_INPUT,
                           "'%s' line %ld (record from line %ld): text after a closing quote "
                           "(a quote inside a quoted field must be doubled)",
                           st->path, st->line, st->open_line);
}

/* ------------------------------------------ the scanner: libcsv's states, byte by byte */

/* A byte of text for libcsv (the caller resets blanks where libcsv does). */
static void add_text(struct rstate *st, struct span *sp)
{
    if (st->skip) {
        drop(st, sp);
        return;
    }
    st->flen++;
    st->skip = st->flen > st->r->max_field; /* fed: libcsv holds more than max_field */
}

/*
 * A blank that libcsv drops if the field ends after it; more than max_field + 1 in a
 * row change nothing (the field is too long if text follows) and are withheld. They
 * are counted all the same: after a closing quote, a quote that follows blanks is an
 * error, a quote that follows the closing quote directly a doubled quote.
 */
static void add_blank(struct rstate *st, struct span *sp)
{
    if (st->skip || st->blanks > st->r->max_field)
        drop(st, sp);
    else
        st->flen++;
    st->blanks++;
}

/* S_ROW or S_FIELD; returns 1 when a line end leaves no record open. */
static int step_between(struct rstate *st, struct span *sp, int c)
{
    if (c == C_BLANK)
        return 0;
    if (c == C_CR || c == C_LF) {
        line_end(st, sp);
        st->state = S_ROW;
        return 1;
    }
    if (st->state == S_ROW)
        record_starts(st, sp);
    st->state = S_FIELD;
    if (c == C_DELIM)
        return 0;
    st->flen = st->blanks = 0;
    st->skip = 0;
    st->state = c == C_QUOTE ? S_QUO : S_UNQ;
    if (c != C_QUOTE)
        add_text(st, sp);
    return 0;
}

static int step_unquoted(struct rstate *st, struct span *sp, int c)
{
    switch (c) {
    case C_DELIM:
        st->skip = 0;
        st->state = S_FIELD;
        return 0;
    case C_CR:
    case C_LF:
        line_end(st, sp);
        st->skip = 0;
        st->state = S_ROW;
        return 1;
    case C_BLANK:
        add_blank(st, sp);
        return 0;
    default: /* text, or a quote inside an unquoted field, which is text too */
        st->blanks = 0;
        add_text(st, sp);
        return 0;
    }
}

static int step_quoted(struct rstate *st, struct span *sp, int c)
{
    if (c == C_CR || c == C_LF)
        line_end(st, sp); /* inside the field, but a line all the same */
    if (c != C_QUOTE) {
        add_text(st, sp);
        return 0;
    }
    st->state = S_MHE; /* libcsv holds the quote until it knows what it is: no text yet */
    st->blanks = 0;
    if (st->skip)
        drop(st, sp);
    else
        st->flen++;
    return 0;
}

static int step_after_quote(struct rstate *st, struct span *sp, int c)
{
    switch (c) {
    case C_DELIM:
        close_withheld(st, sp);
        st->state = S_FIELD;
        return 0;
    case C_CR:
    case C_LF:
        close_withheld(st, sp);
        line_end(st, sp);
        st->state = S_ROW;
        return 1;
    case C_BLANK:
        add_blank(st, sp);
        return 0;
    case C_QUOTE:
        if (st->blanks == 0) { /* a doubled quote: the first one is text */
            st->state = S_QUO;
            if (st->skip)
                drop(st, sp);
            else
                st->skip = st->flen > st->r->max_field;
            return 0;
        }
        fail_after_quote(st, sp);
        return 0;
    default:
        fail_after_quote(st, sp);
        return 0;
    }
}

/*
 * Inside a field, pass over the bytes that are plain text for libcsv (in a quoted
 * field: all but quotes and line ends; in an unquoted one: all but blanks,
 * delimiters, quotes and line ends) in one go: up to where the field would exceed
 * max_field, or, once it is too long, all of them, withheld.
 */
static void text_run(struct rstate *st, struct span *sp)
{
    size_t max = st->r->max_field, i = sp->i, end = sp->n;
    size_t room = st->flen < max ? max - st->flen : 0;
    if (!st->skip && end - i > room)
        end = i + room;
    int limit = st->state == S_QUO ? C_QUOTE : C_BLANK;
    while (i < end && st->cls[sp->s[i]] < limit)
        i++;
    if (i > sp->i && st->state == S_UNQ)
        st->blanks = 0;
    if (st->skip) {
        flush(st, sp, sp->i);
        sp->seg = i;
    } else {
        st->flen += i - sp->i;
    }
    sp->i = i;
}

/* Scan bytes until a line end leaves no record open, or the read ends. */
static void slow_path(struct rstate *st, struct span *sp)
{
    while (sp->i < sp->n && !st->stop) {
        if (st->state == S_QUO || st->state == S_UNQ) {
            text_run(st, sp);
            if (sp->i == sp->n)
                return;
        }
        int c = st->cls[sp->s[sp->i]], done;
        switch (st->state) {
        case S_ROW:
        case S_FIELD:
            done = step_between(st, sp, c);
            break;
        case S_UNQ:
            done = step_unquoted(st, sp, c);
            break;
        case S_QUO:
            done = step_quoted(st, sp, c);
            break;
        default:
            done = step_after_quote(st, sp, c);
            break;
        }
        sp->i++;
        if (done)
            return;
    }
}

/*
 * The first delimiter d in s[k..n), or n. Fields are a few bytes, too short for a
 * call to memchr to pay; eight bytes are tested at once instead: a byte of w ^ d is
 * zero where w holds d, and (x - 0x01..) & ~x & 0x80.. marks the lowest zero byte
 * exactly (higher ones may be marked wrongly, through the borrow, and are not used).
 */
static size_t next_delimiter(const unsigned char *s, size_t k, size_t n, unsigned char d)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
    const uint64_t pattern = ones * d;
    for (; k + 8 <= n; k += 8) {
        uint64_t w;
        memcpy(&w, s + k, 8);
        uint64_t x = w ^ pattern, zero = (x - ones) & ~x & highs;
        if (zero)
            return k + (size_t)(__builtin_ctzll(zero) >> 3);
    }
#endif
    while (k < n && s[k] != d)
        k++;
    return k;
}

/*
 * A quote-free line that begins a record, split here as libcsv would split it: the
 * blanks before a field are skipped, a field ends at the delimiter or at the line
 * end, and its trailing blanks are dropped (with no quote in the line, libcsv's
 * other states never occur). The same fields reach add_field and the record reaches
 * on_record as through libcsv, which meanwhile has delivered every record fed to it
 * and waits at the start of a row, where the line end it is fed later changes
 * nothing. That holds for libcsv as csvr_read sets it up: options 0 (no
 * CSV_REPALL_NL, CSV_EMPTY_IS_NULL or CSV_STRICT) and its own blanks (space and
 * tab) and line ends (CR and LF); a change there must change this function too.
 * test_csv_reader.c and the reader's fuzz target read the same bytes both ways and
 * compare.
 */
static void split_line(struct rstate *st, const unsigned char *s, size_t n)
{
    unsigned char d = (unsigned char)st->r->delimiter;
    size_t k = 0;
    int view = st->viewed = st->r->views && st->number >= 1; /* not the header */
    for (;;) {
        while (k < n && st->cls[s[k]] == C_BLANK)
            k++;
        size_t from = k;
        k = next_delimiter(s, k, n, d);
        size_t to = k;
        while (to > from && st->cls[s[to - 1]] == C_BLANK)
            to--;
        if (view)
            add_view(st, (const char *)s + from, to - from);
        else
            add_field(st, (const char *)s + from, to - from);
        if (k == n)
            break;
        k++;
    }
    on_record(0, st);
}

/*
 * With no record open: a whole line in this read, without a quote and no longer than
 * max_field, needs no state: a record begins at its first byte that is not a blank
 * and ends at the line end. Unless the read asks for libcsv on every line, such a
 * line is split by split_line. Returns 0, having consumed nothing, otherwise.
 */
static int fast_line(struct rstate *st, struct span *sp)
{
    size_t i = sp->i, lf = next_byte(sp, &sp->next_lf, '\n');
    size_t cr = next_byte(sp, &sp->next_cr, '\r'), j = lf < cr ? lf : cr;
    if (j == sp->n || j - i > st->r->max_field || next_byte(sp, &sp->next_quote, '"') < j)
        return 0;
    size_t k = i;
    while (k < j && st->cls[sp->s[k]] == C_BLANK)
        k++;
    if (k < j && !st->r->libcsv_only) {
        flush(st, sp, i); /* libcsv delivers the records before this line */
        if (st->stop)
            return 1;
        record_starts(st, sp);
        split_line(st, sp->s + i, j - i);
        /* libcsv would skip the line end at the start of a row, a CRLF's LF too */
        sp->seg = j + 1 + (j + 1 < sp->n && sp->s[j] == '\r' && sp->s[j + 1] == '\n');
    } else if (k < j) {
        record_starts(st, sp);
    }
    sp->i = j;
    line_end(st, sp);
    sp->i = j + 1;
    return 1;
}

static int scan(struct rstate *st, const char *s, size_t n)
{
    struct span sp = {.s = (const unsigned char *)s, .n = n};
    sp.next_lf = find(&sp, '\n');
    sp.next_cr = find(&sp, '\r');
    sp.next_quote = find(&sp, '"');
    while (sp.i < n && !st->stop)
        if (st->state != S_ROW || !fast_line(st, &sp))
            slow_path(st, &sp);
    if (!st->stop)
        flush(st, &sp, n);
    st->prev_cr = n && s[n - 1] == '\r';
    return st->stop;
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

/* The byte classes as libcsv sees them with delimiter d (which wins over blank). */
static void set_classes(struct rstate *st, unsigned char d)
{
    memset(st->cls, C_TEXT, sizeof st->cls);
    st->cls[' '] = st->cls['\t'] = C_BLANK;
    st->cls[d] = C_DELIM;
    st->cls['"'] = C_QUOTE;
    st->cls['\r'] = C_CR;
    st->cls['\n'] = C_LF;
}

static int feed_head(struct rstate *st, const char *s, size_t n)
{
    while (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) /* some tools add two */
        s += 3, n -= 3;
    if (!st->r->delimiter)
        st->r->delimiter = sniff_delimiter(s, n);
    char d = st->r->delimiter;
    if (d == '"' || d == '\r' || d == '\n')
        return err_set(st->e, ERR_INPUT, "cannot read '%s': a quote or line end as delimiter",
                       st->path);
    csv_set_delim(&st->p, (unsigned char)d);
    set_classes(st, (unsigned char)d);
    return scan(st, s, n);
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
            rc = scan(st, (const char *)buf, n);
    }
    sec_free(buf);
    return rc;
}

/* The last record arrives at csv_fini; a quoted field still open fails the read. */
static int finish(struct rstate *st)
{
    if (st->state == S_QUO)
        return err_set(st->e, ERR_INPUT, "'%s' line %ld: quoted field is never closed", st->path,
                       st->open_line);
    if (st->skip && st->state == S_MHE && feed(st, "\"", 1) != 0)
        return st->stop;
    if (csv_fini(&st->p, on_field, on_record, st) != 0 && !st->stop)
        return err_set(st->e, ERR_INPUT, "cannot parse '%s': %s", st->path,
                       csv_strerror(csv_error(&st->p)));
    return st->stop;
}

int csvr_read(struct csvr *r, const char *path, csvr_record_fn fn, void *ctx, struct err *e)
{
    struct rstate *st = calloc(1, sizeof *st);
    if (!st)
        return err_set(e, ERR_NOMEM, "out of memory");
    st->r = r, st->fn = fn, st->ctx = ctx, st->e = e, st->path = path;
    st->line = 1;
    st->blank = 1;
    st->keep_all = 1; /* record 1 is always delivered whole */
    size_t heap_base = heap_live;
    heap_peak = heap_live;
    if (csv_init(&st->p, 0) != 0) { /* lenient: the scanner is strict where it matters */
        free(st);
        return err_set(e, ERR_NOMEM, "out of memory");
    }
    csv_set_realloc_func(&st->p, sec_realloc);
    csv_set_free_func(&st->p, sec_free);
    csv_set_blk_size(&st->p, BLK);
    struct src s;
    r->read_to_end = 0;
    int rc = src_open(&s, r, path, e);
    if (!rc)
        rc = read_stream(st, &s);
    if (!rc)
        rc = finish(st);
    r->read_to_end = rc == 0 && s.eof;
    src_close(&s);
    r->peak_buffer = csv_get_buffer_size(&st->p); /* libcsv's buffer only ever grows */
    csv_free(&st->p);
    sec_free(st->buf);
    r->peak_heap = heap_peak - heap_base;
    free(st);
    return rc;
}
