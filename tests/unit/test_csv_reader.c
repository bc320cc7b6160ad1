/*
 * test_csv_reader.c - pins what ingest/csv_reader.c delivers for real-world export
 * files: records, fields and the physical line where each record starts, after BOM
 * removal, delimiter sniffing, CRLF/LF/CR line ends, blank lines, quoting (embedded
 * delimiter, doubled quote, newlines, a stray quote inside an unquoted field), the
 * column keep-mask, the max_field ceiling (and the bounded parser buffer behind it),
 * records wider than CSVR_MAX_COLUMNS, gzip recognised by content, and hard errors
 * for quotes that break record boundaries and for truncated/damaged gzip.
 *
 * Why: this is the only code that touches libcsv and zlib (csv_reader.h); a silent
 * change here (a BOM glued to the first header name, a truncated gzip read as a short
 * but "valid" file, a field leaking through the keep-mask, an open quote swallowing
 * the rest of a file, a quarantine line pointing at the wrong row) corrupts every
 * dataset downstream without any error. Fixtures are written at test time into a
 * mkdtemp directory, so the tests need no files in the tree. Every fixture of the
 * two tables is also read with every read size from 1 byte up (libcsv's chunk sweep,
 * docs/engineering.md, tests) and, gzipped, must give identical records and lines.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tests/unit/fixture.h"

#include "common/err.h"
#include "ingest/csv_reader.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define N_ROWS(a) (sizeof(a) / sizeof((a)[0]))

enum { READ_CHUNK = 256 * 1024 }; /* the reader's read size (csv_reader.c CHUNK) */

/* ------------------------------------------------------ temporary fixtures */

FIXTURE_GROUP("csv")

static const char *write_plain(const char *name, const char *data, size_t n)
{
    const char *path = tmp_path(name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    return path;
}

/* gzip one member per (data, n) pair given; "ab" mode appends a member. */
static const char *write_gz_mode(const char *name, const char *data, size_t n, const char *mode)
{
    const char *path = tmp_path(name);
    gzFile g = gzopen(path, mode);
    assert_non_null(g);
    if (n)
        assert_int_equal(gzwrite(g, data, (unsigned)n), (int)n);
    assert_int_equal(gzclose(g), Z_OK);
    return path;
}

static const char *write_gz(const char *name, const char *data, size_t n)
{
    return write_gz_mode(name, data, n, "wb");
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long size = ftell(f);
    assert_true(size >= 0);
    rewind(f);
    char *buf = malloc((size_t)size + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    *n = (size_t)size;
    return buf;
}

/* ------------------------------------------- a callback that records records */

/* A growable byte string. */
struct text {
    char *s;
    size_t len, cap;
};

static void text_add(struct text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 256;
        while (cap < t->len + n + 1)
            cap *= 2;
        char *p = realloc(t->s, cap);
        assert_non_null(p);
        t->s = p;
        t->cap = cap;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

static void text_str(struct text *t, const char *s)
{
    text_add(t, s, strlen(s));
}

static void text_fmt(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void text_fmt(struct text *t, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    text_str(t, buf);
}

/*
 * The callback writes each record as "#<number>:<line> [field][field](null)...\n"
 * (NULL = column not kept), then " TOO_LONG" / " TOO_WIDE" when flagged, so a whole
 * file compares as one string. In brief mode the fields are replaced by "nf=<n>".
 */
struct collect {
    struct csvr *r;
    struct text out;
    long records;
    int bad_lens; /* lens[i] != strlen(fields[i]) for a kept field */
    int brief;
    const unsigned char *mask; /* applied with csvr_keep() after record 1 */
    size_t mask_n;
    long stop_at; /* return stop_code on this record (0 = never) */
    int stop_code;
    int views; /* csvr.views: fields are not NUL-terminated, no strlen */
};

static void collect_fields(struct collect *c, const struct csvr_record *rec)
{
    size_t n = rec->n_fields < CSVR_MAX_COLUMNS ? rec->n_fields : CSVR_MAX_COLUMNS;
    for (size_t i = 0; i < n; i++) {
        if (!rec->fields[i]) {
            text_str(&c->out, "(null)");
            continue;
        }
        if (!c->views && rec->lens[i] != strlen(rec->fields[i]))
            c->bad_lens++;
        text_str(&c->out, "[");
        text_add(&c->out, rec->fields[i], rec->lens[i]);
        text_str(&c->out, "]");
    }
}

static int collect_fn(void *ctx, const struct csvr_record *rec)
{
    struct collect *c = ctx;
    c->records++;
    text_fmt(&c->out, "#%ld:%ld ", rec->number, rec->line);
    if (c->brief)
        text_fmt(&c->out, "nf=%zu", rec->n_fields);
    else
        collect_fields(c, rec);
    if (rec->too_long)
        text_str(&c->out, " TOO_LONG");
    if (rec->too_wide)
        text_str(&c->out, " TOO_WIDE");
    text_str(&c->out, "\n");
    if (c->views && rec->number > 1) /* views are writable: wipe them, as ingest does */
        for (size_t i = 0; i < rec->n_fields && i < CSVR_MAX_COLUMNS; i++)
            if (rec->fields[i])
                memset((char *)(uintptr_t)rec->fields[i], 0, rec->lens[i]);
    if (rec->number == 1 && c->mask)
        csvr_keep(c->r, c->mask, c->mask_n);
    if (c->stop_at && rec->number == c->stop_at)
        return c->stop_code;
    return 0;
}

/* One read of path; the results land in *c (out, records) and the other outputs. */
struct read_opts {
    char delimiter;
    size_t max_field;
    size_t chunk;
};

struct read_result {
    int rc;
    struct err e;
    uint64_t bytes_read;
    size_t peak_buffer;
};

static struct read_result read_with(const char *path, struct read_opts o, struct collect *c)
{
    struct read_result res = {0};
    struct csvr r;
    csvr_init(&r, o.delimiter, o.max_field);
    r.chunk_size = o.chunk;
    c->r = &r;
    res.rc = csvr_read(&r, path, collect_fn, c, &res.e);
    c->r = NULL;
    res.bytes_read = r.bytes_read;
    res.peak_buffer = r.peak_buffer;
    return res;
}

static int read_collect(const char *path, struct collect *c, struct err *e, uint64_t *bytes_read)
{
    struct read_result res = read_with(path, (struct read_opts){0, 1000, 0}, c);
    *e = res.e;
    if (bytes_read)
        *bytes_read = res.bytes_read;
    return res.rc;
}

/* ------------------------------------------------------------ table of files */

static const unsigned char KEEP_0_2[] = {1, 0, 1, 0};
static const unsigned char KEEP_1[] = {0, 1};

#define S(lit) lit, sizeof(lit) - 1
static const struct table_row {
    const char *name;
    const char *data;
    size_t len;
    char delimiter; /* 0 = sniff */
    size_t max_field;
    const unsigned char *mask;
    size_t mask_n;
    const char *want;
} TABLE[] = {
    {"plain", S("a;b;c\n1;2;3\n"), 0, 100, NULL, 0, "#1:1 [a][b][c]\n#2:2 [1][2][3]\n"},
    {"crlf", S("a;b\r\n1;2\r\n"), 0, 100, NULL, 0, "#1:1 [a][b]\n#2:2 [1][2]\n"},
    {"bom",
     S("\xEF\xBB\xBF"
       "a;b\n1;2\n"),
     0, 100, NULL, 0, "#1:1 [a][b]\n#2:2 [1][2]\n"},
    {"bom crlf",
     S("\xEF\xBB\xBF"
       "a;b\r\n1;2\r\n"),
     0, 100, NULL, 0, "#1:1 [a][b]\n#2:2 [1][2]\n"},
    {"bom only", S("\xEF\xBB\xBF"), 0, 100, NULL, 0, ""},
    {"empty file", S(""), 0, 100, NULL, 0, ""},
    {"no final newline", S("a;b\n1;2"), 0, 100, NULL, 0, "#1:1 [a][b]\n#2:2 [1][2]\n"},
    /* LF, CRLF and a lone CR each end one line (as for libcsv and editors). */
    {"mixed line ends", S("a;b\r\n1;2\n3;4\r5;6\n"), 0, 100, NULL, 0,
     "#1:1 [a][b]\n#2:2 [1][2]\n#3:3 [3][4]\n#4:4 [5][6]\n"},
    {"old mac line ends", S("a;b\r\"1\r2\";3\r\r4;5\r"), 0, 100, NULL, 0,
     "#1:1 [a][b]\n#2:2 [1\r2][3]\n#3:5 [4][5]\n"},
    /* Blank lines are not records, but they are lines. */
    {"blank lines skipped", S("a;b\n\n1;2\n\r\n"), 0, 100, NULL, 0, "#1:1 [a][b]\n#2:3 [1][2]\n"},
    {"blank lines between records", S("a;b\n\n\n1;2\r\n\r\n   \r\n3;4\n"), 0, 100, NULL, 0,
     "#1:1 [a][b]\n#2:4 [1][2]\n#3:7 [3][4]\n"},
    {"blank lines before header", S("\n\r\na;b\n1;2\n"), 0, 100, NULL, 0,
     "#1:3 [a][b]\n#2:4 [1][2]\n"},
    {"blanks before a record", S("a;b\n  \n  1;2\n"), 0, 100, NULL, 0,
     "#1:1 [a][b]\n#2:3 [1][2]\n"},
    /* With tab as delimiter a line holding one tab is a record of two empty fields. */
    /* A line of only delimiters (or only a BOM) holds no data: skipped like a blank line. */
    {"tab-only line", S("a\tb\n\t\n1\t2\n"), 0, 100, NULL, 0, "#1:1 [a][b]\n#2:3 [1][2]\n"},
    {"empty fields", S("a;b;c\n;;\n1;;\n"), 0, 100, NULL, 0, "#1:1 [a][b][c]\n#2:3 [1][][]\n"},
    {"BOM-only line", S("a;b\n\xEF\xBB\xBF\n1;2\n"), 0, 100, NULL, 0, "#1:1 [a][b]\n#2:3 [1][2]\n"},
    {"double BOM",
     S("\xEF\xBB\xBF\xEF\xBB\xBF"
       "a;b\n1;2\n"),
     0, 100, NULL, 0, "#1:1 [a][b]\n#2:2 [1][2]\n"},
    {"lone CR, then LF", S("a;b\r1;2\nx;y\r\n3;4\n"), 0, 100, NULL, 0,
     "#1:1 [a][b]\n#2:2 [1][2]\n#3:3 [x][y]\n#4:4 [3][4]\n"},
    /* libcsv trims spaces around unquoted fields; quoted spaces survive. */
    {"spaces", S("a;b\n x ; \" y \"\n"), 0, 100, NULL, 0, "#1:1 [a][b]\n#2:2 [x][ y ]\n"},
    {"blanks after closing quote", S("a;b\n\"x\"  ;y\n"), 0, 100, NULL, 0,
     "#1:1 [a][b]\n#2:2 [x][y]\n"},
    /* Quoting: embedded delimiter, doubled quote, embedded newline: one record, whose
     * successor starts on a later line than its record number says. */
    {"quoted", S("id;tekst\n1;\"x;y\"\n2;\"zei \"\"hoi\"\"\"\n3;\"regel1\nregel2\"\n4;z\n"), 0, 100,
     NULL, 0,
     "#1:1 [id][tekst]\n#2:2 [1][x;y]\n#3:3 [2][zei \"hoi\"]\n#4:4 [3][regel1\nregel2]\n"
     "#5:6 [4][z]\n"},
    {"two embedded newlines", S("a;b\n1;\"x\ny\nz\"\n2;3\n"), 0, 100, NULL, 0,
     "#1:1 [a][b]\n#2:2 [1][x\ny\nz]\n#3:5 [2][3]\n"},
    {"two embedded crlf", S("a;b\r\n\"1\r\n2\r\n3\";4\r\n5;6\r\n"), 0, 100, NULL, 0,
     "#1:1 [a][b]\n#2:2 [1\r\n2\r\n3][4]\n#3:5 [5][6]\n"},
    {"quoted crlf inside", S("a;b\r\n\"1\r\n2\";3\r\n"), 0, 100, NULL, 0,
     "#1:1 [a][b]\n#2:2 [1\r\n2][3]\n"},
    {"quoted blank line inside", S("a;b\n1;\"x\n\n\"\n2;3\n"), 0, 100, NULL, 0,
     "#1:1 [a][b]\n#2:2 [1][x\n\n]\n#3:5 [2][3]\n"},
    /* A quote inside an unquoted field is text (strict mode is relaxed for it). */
    {"quote inside unquoted field", S("a;b\n1;Bar \"De Hoek\"\n2;5\" scherm\n"), 0, 100, NULL, 0,
     "#1:1 [a][b]\n#2:2 [1][Bar \"De Hoek\"]\n#3:3 [2][5\" scherm]\n"},
    /* Sniffing: most frequent of ; , tab | on the first line, outside quotes. */
    {"sniff comma", S("a,b,c\n1,2,3\n"), 0, 100, NULL, 0, "#1:1 [a][b][c]\n#2:2 [1][2][3]\n"},
    {"sniff tab", S("a\tb\tc\n1\t\t3\n"), 0, 100, NULL, 0, "#1:1 [a][b][c]\n#2:2 [1][][3]\n"},
    {"sniff pipe", S("a|b\n1|2\n"), 0, 100, NULL, 0, "#1:1 [a][b]\n#2:2 [1][2]\n"},
    {"sniff semicolon over comma in values", S("naam;bedrag\nx;1,5\n"), 0, 100, NULL, 0,
     "#1:1 [naam][bedrag]\n#2:2 [x][1,5]\n"},
    {"sniff ignores quoted", S("\"a,b,c,d\";e\n1;2\n"), 0, 100, NULL, 0,
     "#1:1 [a,b,c,d][e]\n#2:2 [1][2]\n"},
    {"sniff first line only", S("a;b\n1,2,3,4\n"), 0, 100, NULL, 0,
     "#1:1 [a][b]\n#2:2 [1,2,3,4]\n"},
    {"sniff after bom",
     S("\xEF\xBB\xBF"
       "a,b\n1,2\n"),
     0, 100, NULL, 0, "#1:1 [a][b]\n#2:2 [1][2]\n"},
    {"sniff tie prefers ;", S("a;b,c\n"), 0, 100, NULL, 0, "#1:1 [a][b,c]\n"},
    {"single column", S("naam\nx\n"), 0, 100, NULL, 0, "#1:1 [naam]\n#2:2 [x]\n"},
    /* An explicit delimiter is not second-guessed. */
    {"explicit comma", S("a;b,c\n1;2,3\n"), ',', 100, NULL, 0, "#1:1 [a;b][c]\n#2:2 [1;2][3]\n"},
    {"explicit tab", S("a;b\tc\n"), '\t', 100, NULL, 0, "#1:1 [a;b][c]\n"},
    /* Keep-mask (set from the callback after record 1): record 1 is complete,
     * later records have NULL for columns not kept; n_fields still counts all. */
    {"keep 0,2", S("a;b;c;d\n1;2;3;4\n5;6;7;8\n"), 0, 100, KEEP_0_2, 4,
     "#1:1 [a][b][c][d]\n#2:2 [1](null)[3](null)\n#3:3 [5](null)[7](null)\n"},
    {"mask shorter than record", S("a;b;c;d\n1;2;3;4\n"), 0, 100, KEEP_1, 2,
     "#1:1 [a][b][c][d]\n#2:2 (null)[2](null)(null)\n"},
    /* max_field: a longer kept field is delivered empty with too_long set;
     * exactly max_field bytes is fine; the flag is per record. */
    {"too long", S("a;b\n123456;12345\nx;y\n"), 0, 5, NULL, 0,
     "#1:1 [a][b]\n#2:2 [][12345] TOO_LONG\n#3:3 [x][y]\n"},
    {"too long quoted", S("a;b\n\"1;3456\";1\n"), 0, 5, NULL, 0,
     "#1:1 [a][b]\n#2:2 [][1] TOO_LONG\n"},
    {"too long in dropped column", S("a;b\n123456;1\n"), 0, 5, KEEP_1, 2,
     "#1:1 [a][b]\n#2:2 (null)[1]\n"},
    {"too long header", S("abcdefgh;b\n1;2\n"), 0, 5, NULL, 0,
     "#1:1 [][b] TOO_LONG\n#2:2 [1][2]\n"},
    /* The parser buffer is cut back between reads (so the 1-byte sweep cuts it
     * everywhere); what is delivered must not change: trailing blanks beyond
     * max_field are still trimmed, text beyond it is still too long. */
    {"blanks past max_field", S("a;b\nabc            ;1\n12345       ;2\n"), 0, 5, NULL, 0,
     "#1:1 [a][b]\n#2:2 [abc][1]\n#3:3 [12345][2]\n"},
    {"blanks then text past max_field", S("a;b\nab          c;1\n3;4\n"), 0, 5, NULL, 0,
     "#1:1 [a][b]\n#2:2 [][1] TOO_LONG\n#3:3 [3][4]\n"},
    {"blanks after closing quote past max_field",
     S("a;b\n\"abc\"          ;1\n\"12345\"         \n"), 0, 5, NULL, 0,
     "#1:1 [a][b]\n#2:2 [abc][1]\n#3:3 [12345]\n"},
    {"too long quoted then blanks", S("a;b\n\"1234567\"       ;1\n2;3\n"), 0, 5, NULL, 0,
     "#1:1 [a][b]\n#2:2 [][1] TOO_LONG\n#3:3 [2][3]\n"},
    {"too long with doubled quote", S("a;b\n\"1234\"\"567\";1\n"), 0, 5, NULL, 0,
     "#1:1 [a][b]\n#2:2 [][1] TOO_LONG\n"},
    {"too long over lines", S("a;b\n\"123\n456\n789\";1\n2;3\n"), 0, 5, NULL, 0,
     "#1:1 [a][b]\n#2:2 [][1] TOO_LONG\n#3:5 [2][3]\n"},
    {"exactly max_field quoted with doubled quote", S("a;b\n\"12\"\"45\";1\n"), 0, 5, NULL, 0,
     "#1:1 [a][b]\n#2:2 [12\"45][1]\n"},
    /* The closing quote is not text: a quoted field of exactly max_field is whole. */
    {"exactly max_field quoted", S("a;b\n\"12345\";1\n\"12345\"\n"), 0, 5, NULL, 0,
     "#1:1 [a][b]\n#2:2 [12345][1]\n#3:3 [12345]\n"},
    {"exactly max_field quoted at end of file", S("a;b\n1;\"12345\""), 0, 5, NULL, 0,
     "#1:1 [a][b]\n#2:2 [1][12345]\n"},
    /* A doubled quote is one byte of text; here it is the sixth. */
    {"doubled quote makes it too long", S("a;b\n\"12345\"\"\";1\n2;3\n"), 0, 5, NULL, 0,
     "#1:1 [a][b]\n#2:2 [][1] TOO_LONG\n#3:3 [2][3]\n"},
    {"too long at end of file", S("a;b\n1;1234567"), 0, 5, NULL, 0,
     "#1:1 [a][b]\n#2:2 [1][] TOO_LONG\n"},
    {"too long quoted at end of file", S("a;b\n1;\"1234567\""), 0, 5, NULL, 0,
     "#1:1 [a][b]\n#2:2 [1][] TOO_LONG\n"},
    {"too long quoted, blanks after the quote at end of file", S("a;b\n1;\"1234567\"   "), 0, 5,
     NULL, 0, "#1:1 [a][b]\n#2:2 [1][] TOO_LONG\n"},
    {"too long quoted with a quote in the part not parsed", S("a;b\n\"1234567\"\"x\";1\n2;3\n"), 0,
     5, NULL, 0, "#1:1 [a][b]\n#2:2 [][1] TOO_LONG\n#3:3 [2][3]\n"},
    {"two too long fields in one record", S("a;b;c\n1234567;\"x\";\"1\n234567\"\n2;3;4\n"), 0, 5,
     NULL, 0, "#1:1 [a][b][c]\n#2:2 [][x][] TOO_LONG\n#3:4 [2][3][4]\n"},
    {"too long unquoted with a quote in it", S("a;b\n12\"4567\";1\n"), 0, 5, NULL, 0,
     "#1:1 [a][b]\n#2:2 [][1] TOO_LONG\n"},
    /* Bytes pass through undecoded (decoding is parse.c's job). */
    {"bytes", S("a;b\nCaf\xe9;\xc3\xa9\n"), 0, 100, NULL, 0,
     "#1:1 [a][b]\n#2:2 [Caf\xe9][\xc3\xa9]\n"},
};

/* Files the reader must refuse, with the line in the message and what came before
 * (read with max_field 5, so that the sweep also cuts fields back in these). */
static const struct error_row {
    const char *name;
    const char *data;
    size_t len;
    const char *msg;  /* the message is "'<path><msg>" */
    const char *want; /* records delivered before the error */
} ERRORS[] = {
    /* An open quote used to swallow every later record into one field. */
    {"unbalanced quote", S("a;b\n1;\"open\n2;3\n"), "' line 2: quoted field is never closed",
     "#1:1 [a][b]\n"},
    {"unbalanced quote after a multi-line record", S("a;b\n1;\"x\ny\"\n\n2;\"open\n3;4"),
     "' line 5: quoted field is never closed", "#1:1 [a][b]\n#2:2 [1][x\ny]\n"},
    {"unbalanced quote crlf", S("a;b\r\n\r\n1;\"open\r\n2;3\r\n"),
     "' line 3: quoted field is never closed", "#1:1 [a][b]\n"},
    {"unbalanced quote in header", S("\"a;b\n1;2\n"), "' line 1: quoted field is never closed", ""},
    {"unbalanced quote in last line", S("a;b\n1;2\n3;\"4"),
     "' line 3: quoted field is never closed", "#1:1 [a][b]\n#2:2 [1][2]\n"},
    /* An undoubled quote inside a quoted field: libcsv would merge the next records. */
    {"text after closing quote", S("a;b\n1;\"Bar \"De Hoek\"\"\n2;3\n"),
     "' line 2: text after a closing quote (a quote inside a quoted field must be doubled)",
     "#1:1 [a][b]\n"},
    {"quote after closing quote and blank", S("a;b\n1;\"x\" \"y\"\n"),
     "' line 2: text after a closing quote", "#1:1 [a][b]\n"},
    {"text after closing quote on a later line", S("a;b\n1;\"x\ny\"z\n"),
     "' line 3 (record from line 2): text after a closing quote", "#1:1 [a][b]\n"},
    {"open quote runs into the next quoted field", S("a;b\n1;\"open\n2;\"x\"\n"),
     "' line 3 (record from line 2): text after a closing quote", "#1:1 [a][b]\n"},
    {"text after closing quote in a too long field", S("a;b\n1;\"Lange Bar \"De Hoek\"\"\n"),
     "' line 2: text after a closing quote", "#1:1 [a][b]\n"},
    {"quote after closing quote and blanks in a too long field", S("a;b\n1;\"1234567\"  \"x\"\n"),
     "' line 2: text after a closing quote", "#1:1 [a][b]\n"},
    {"unbalanced quote in a too long field", S("a;b\n1;2\n3;\"1234567\n8;9\n"),
     "' line 3: quoted field is never closed", "#1:1 [a][b]\n#2:2 [1][2]\n"},
};
#undef S

/* Read one table row's file (plain or gzip) with read size chunk and compare. */
static int check_table_row(size_t i, int gz, size_t chunk)
{
    const struct table_row *t = &TABLE[i];
    char fname[64];
    snprintf(fname, sizeof fname, gz ? "table-%zu-gz.csv" : "table-%zu.csv", i);
    const char *path = tmp_path(fname);
    struct collect c = {.mask = t->mask, .mask_n = t->mask_n};
    struct read_result res =
        read_with(path, (struct read_opts){t->delimiter, t->max_field, chunk}, &c);
    const char *got = c.out.s ? c.out.s : "";
    int bad = res.rc != 0 || strcmp(got, t->want) != 0 || c.bad_lens || res.bytes_read != t->len;
    if (bad)
        print_error("row %zu (%s%s, chunk %zu): rc=%d (%s) bytes_read=%llu/%zu bad_lens=%d\n"
                    "got:\n%swant:\n%s",
                    i, t->name, gz ? ", gzip" : "", chunk, res.rc, res.e.msg,
                    (unsigned long long)res.bytes_read, t->len, c.bad_lens, got, t->want);
    free(c.out.s);
    return bad;
}

static int check_error_row(size_t i, int gz, size_t chunk)
{
    const struct error_row *t = &ERRORS[i];
    char fname[64];
    snprintf(fname, sizeof fname, gz ? "error-%zu-gz.csv" : "error-%zu.csv", i);
    const char *path = tmp_path(fname);
    struct collect c = {0};
    struct read_result res = read_with(path, (struct read_opts){0, 5, chunk}, &c);
    char want_msg[600];
    snprintf(want_msg, sizeof want_msg, "'%s%s", path, t->msg);
    const char *got = c.out.s ? c.out.s : "";
    int bad = res.rc != ERR_INPUT || res.e.code != ERR_INPUT ||
              strncmp(res.e.msg, want_msg, strlen(want_msg)) != 0 || strcmp(got, t->want) != 0;
    if (bad)
        print_error("error row %zu (%s%s, chunk %zu): rc=%d\nmsg:  %s\nwant: %s...\n"
                    "got:\n%swant:\n%s",
                    i, t->name, gz ? ", gzip" : "", chunk, res.rc, res.e.msg, want_msg, got,
                    t->want);
    free(c.out.s);
    return bad;
}

static void write_tables(void)
{
    char fname[64];
    for (size_t i = 0; i < N_ROWS(TABLE); i++) {
        snprintf(fname, sizeof fname, "table-%zu.csv", i);
        write_plain(fname, TABLE[i].data, TABLE[i].len);
        snprintf(fname, sizeof fname, "table-%zu-gz.csv", i); /* gzip without a .gz name */
        write_gz(fname, TABLE[i].data, TABLE[i].len);
    }
    for (size_t i = 0; i < N_ROWS(ERRORS); i++) {
        snprintf(fname, sizeof fname, "error-%zu.csv", i);
        write_plain(fname, ERRORS[i].data, ERRORS[i].len);
        snprintf(fname, sizeof fname, "error-%zu-gz.csv", i);
        write_gz(fname, ERRORS[i].data, ERRORS[i].len);
    }
}

static void test_csvr_table(void **state)
{
    (void)state;
    write_tables();
    int bad = 0;
    for (size_t i = 0; i < N_ROWS(TABLE); i++)
        for (int gz = 0; gz < 2; gz++)
            bad += check_table_row(i, gz, 0);
    assert_int_equal(bad, 0);
}

static void test_csvr_errors(void **state)
{
    (void)state;
    write_tables();
    int bad = 0;
    for (size_t i = 0; i < N_ROWS(ERRORS); i++)
        for (int gz = 0; gz < 2; gz++)
            bad += check_error_row(i, gz, 0);
    assert_int_equal(bad, 0);
}

/* libcsv's chunk sweep: every read size gives the same records, lines and errors. */
static void test_chunk_sweep(void **state)
{
    (void)state;
    write_tables();
    int bad = 0;
    for (size_t i = 0; i < N_ROWS(TABLE); i++)
        for (int gz = 0; gz < 2; gz++)
            for (size_t chunk = 1; chunk <= TABLE[i].len + 1 && bad < 5; chunk++)
                bad += check_table_row(i, gz, chunk);
    for (size_t i = 0; i < N_ROWS(ERRORS); i++)
        for (int gz = 0; gz < 2; gz++)
            for (size_t chunk = 1; chunk <= ERRORS[i].len + 1 && bad < 5; chunk++)
                bad += check_error_row(i, gz, chunk);
    assert_int_equal(bad, 0);
}

/* ------------------------------------------------- a file larger than a chunk */

/*
 * Build a BOM + CRLF/LF CSV of `rows` records with quoted fields (delimiter, doubled
 * quote, newline) and, alongside, the serialization collect_fn must produce, with
 * the line of each record counted independently here.
 */
static void make_large(size_t rows, struct text *csv, struct text *want)
{
    unsigned lcg = 12345u;
    long line = 2;
    text_str(csv, "\xEF\xBB\xBF"
                  "id;naam;bedrag;tekst\r\n");
    text_str(want, "#1:1 [id][naam][bedrag][tekst]\n");
    for (size_t i = 0; i < rows; i++) {
        char f0[32], raw[96], quoted[128], amount[32];
        int newlines = 0;
        lcg = lcg * 1103515245u + 12345u;
        snprintf(f0, sizeof f0, "%zu", i);
        snprintf(amount, sizeof amount, "%u,%02u", (lcg >> 8) % 100000u, (lcg >> 4) % 100u);
        if (i % 13 == 0) {
            snprintf(raw, sizeof raw, "regel1\nregel2 %zu", i);
            snprintf(quoted, sizeof quoted, "\"%s\"", raw);
            newlines = 1;
        } else if (i % 11 == 0) {
            snprintf(raw, sizeof raw, "zei \"hoi\" %zu", i);
            snprintf(quoted, sizeof quoted, "\"zei \"\"hoi\"\" %zu\"", i);
        } else if (i % 7 == 0) {
            snprintf(raw, sizeof raw, "naam;%zu", i);
            snprintf(quoted, sizeof quoted, "\"%s\"", raw);
        } else {
            snprintf(raw, sizeof raw, "straat%u", lcg % 997u);
            snprintf(quoted, sizeof quoted, "%s", raw);
        }
        const char *tekst = i % 5 == 0 ? "Caf\xe9" : "";
        char rec_line[512];
        char rec[512];
        snprintf(rec_line, sizeof rec_line, "%s;%s;%s;%s%s", f0, quoted, amount, tekst,
                 i % 3 == 0 ? "\r\n" : "\n");
        snprintf(rec, sizeof rec, "#%zu:%ld [%s][%s][%s][%s]\n", i + 2, line, f0, raw, amount,
                 tekst);
        text_str(csv, rec_line);
        text_str(want, rec);
        line += 1 + newlines;
        if (i % 17 == 0) { /* a blank line: a line but no record */
            text_str(csv, i % 2 ? "\r\n" : "\n");
            line++;
        }
    }
}

enum { LARGE_ROWS = 30000 };

static void test_gzip_matches_plain_large(void **state)
{
    (void)state;
    struct text csv = {0}, want = {0};
    make_large(LARGE_ROWS, &csv, &want);
    assert_true(csv.len > 2 * READ_CHUNK); /* at least two read chunks */
    const char *plain = write_plain("large.csv", csv.s, csv.len);
    const char *gz = write_gz("large.csv.gz", csv.s, csv.len);

    struct collect a = {0}, b = {0};
    struct err e = {0};
    uint64_t bytes_a = 0, bytes_b = 0;
    assert_int_equal(read_collect(plain, &a, &e, &bytes_a), 0);
    assert_int_equal(read_collect(gz, &b, &e, &bytes_b), 0);
    assert_int_equal(a.records, LARGE_ROWS + 1);
    assert_int_equal(b.records, LARGE_ROWS + 1);
    assert_int_equal(a.bad_lens + b.bad_lens, 0);
    assert_string_equal(a.out.s, want.s);  /* independent expectation, lines included */
    assert_string_equal(b.out.s, a.out.s); /* plain and gzip identical */
    assert_int_equal(bytes_a, csv.len);
    assert_int_equal(bytes_b, csv.len); /* decompressed bytes */
    free(a.out.s);
    free(b.out.s);
    free(csv.s);
    free(want.s);
}

/*
 * A record with a CRLF and an LF inside a quoted field, followed by CRLF, a blank
 * line and another record, moved one byte at a time across the 256 KiB read
 * boundary: every split (between CR and LF included) gives the same lines.
 */
static void test_lines_across_chunk_boundary(void **state)
{
    (void)state;
    static const char special[] = "X;\"a\r\nb\nc\"\r\nY;z\r\n\r\nZ;w\n";
    int bad = 0;
    for (size_t pad = 0; pad <= 24; pad++) {
        struct text csv = {0}, want = {0};
        long line = 1, number = 1;
        text_str(&csv, "id;tekst\r\n");
        text_str(&want, "#1:1 [id][tekst]\n");
        while (csv.len + 11 < READ_CHUNK - 40) {
            char row[32];
            snprintf(row, sizeof row, "%06ld;vul\n", ++line);
            text_str(&csv, row);
            text_fmt(&want, "#%ld:%ld [%06ld][vul]\n", ++number, line, line);
        }
        size_t fill = READ_CHUNK - 12 + pad - csv.len - 8; /* "NNNNNN;" + "\n" */
        text_fmt(&csv, "%06ld;", ++line);
        for (size_t k = 0; k < fill; k++)
            text_str(&csv, "v");
        text_str(&csv, "\n");
        text_fmt(&want, "#%ld:%ld [%06ld][%.*s]\n", ++number, line, line, (int)fill,
                 "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv");
        assert_int_equal(csv.len, READ_CHUNK - 12 + pad);
        text_str(&csv, special);
        text_fmt(&want, "#%ld:%ld [X][a\r\nb\nc]\n", ++number, line + 1);
        text_fmt(&want, "#%ld:%ld [Y][z]\n", ++number, line + 4);
        text_fmt(&want, "#%ld:%ld [Z][w]\n", ++number, line + 6);
        const char *plain = write_plain("boundary.csv", csv.s, csv.len);
        const char *gz = write_gz("boundary.csv.gz", csv.s, csv.len);
        for (int z = 0; z < 2; z++) {
            struct collect c = {0};
            struct read_result res = read_with(z ? gz : plain, (struct read_opts){0, 100, 0}, &c);
            if (res.rc != 0 || strcmp(c.out.s, want.s) != 0) {
                size_t at = 0;
                while (c.out.s && c.out.s[at] && c.out.s[at] == want.s[at])
                    at++;
                print_error("pad %zu%s: rc=%d %s\ngot:  %.60s\nwant: %.60s\n", pad,
                            z ? " gzip" : "", res.rc, res.e.msg, c.out.s ? c.out.s + at : "",
                            want.s + at);
                bad++;
            }
            free(c.out.s);
        }
        free(csv.s);
        free(want.s);
    }
    assert_int_equal(bad, 0);
}

/* --------------------------------------------------- truncated/damaged gzip */

static void test_truncated_gzip_fails(void **state)
{
    (void)state;
    struct text csv = {0}, want = {0};
    make_large(LARGE_ROWS, &csv, &want);
    const char *gz = write_gz("whole.csv.gz", csv.s, csv.len);
    size_t n;
    char *bytes = slurp(gz, &n);
    assert_true(n > 1000);

    static const struct {
        const char *name;
        int kind; /* 0: keep the first `keep` bytes (negative: n + keep); 1: flip byte;
                     2: append garbage after the member */
        long keep;
    } rows[] = {
        {"cut in half", 0, -1},
        {"without trailer (CRC + size)", 0, -8},
        {"without last byte", 0, -1000000},
        {"gzip header only", 0, 10},
        {"magic only", 0, 2},
        {"corrupted middle byte", 1, 0},
        {"garbage after the member", 2, 0},
    };
    int bad = 0;
    for (size_t i = 0; i < N_ROWS(rows); i++) {
        size_t len = n;
        char *copy = malloc(n + 16);
        assert_non_null(copy);
        memcpy(copy, bytes, n);
        if (rows[i].kind == 1)
            copy[n / 2] = (char)(copy[n / 2] ^ 0x55);
        else if (rows[i].kind == 2)
            memcpy(copy + n, "xyz;1\n", 6), len = n + 6;
        else if (rows[i].keep == -1)
            len = n / 2;
        else if (rows[i].keep == -1000000)
            len = n - 1;
        else if (rows[i].keep < 0)
            len = n - (size_t)(-rows[i].keep);
        else
            len = (size_t)rows[i].keep;
        char fname[64];
        snprintf(fname, sizeof fname, "damaged-%zu.csv.gz", i);
        const char *path = write_plain(fname, copy, len);
        struct collect c = {0};
        struct err e = {0};
        int rc = read_collect(path, &c, &e, NULL);
        if (rc != ERR_INPUT || e.code != ERR_INPUT || !strstr(e.msg, path)) {
            print_error("row %zu (%s, %zu of %zu bytes): rc=%d msg='%s' records=%ld, want "
                        "ERR_INPUT naming the file\n",
                        i, rows[i].name, len, n, rc, e.msg, c.records);
            bad++;
        }
        free(c.out.s);
        free(copy);
    }
    free(bytes);
    free(csv.s);
    free(want.s);
    assert_int_equal(bad, 0);
}

/* Concatenated gzip members (gzip a b > c, or appending) read as one file. */
static void test_gzip_members(void **state)
{
    (void)state;
    write_gz_mode("members.csv", "a;b\n1;", 6, "wb");
    const char *path = write_gz_mode("members.csv", "\"x\ny\"\n\n2;3\n", 11, "ab");
    struct collect c = {0};
    struct err e = {0};
    uint64_t bytes = 0;
    assert_int_equal(read_collect(path, &c, &e, &bytes), 0);
    assert_string_equal(c.out.s, "#1:1 [a][b]\n#2:2 [1][x\ny]\n#3:5 [2][3]\n");
    assert_int_equal(bytes, 17);
    free(c.out.s);
}

/* ------------------------------------------------------------ other errors */

static void test_missing_file(void **state)
{
    (void)state;
    const char *path = tmp_path("does-not-exist.csv");
    struct collect c = {0};
    struct err e = {0};
    assert_int_equal(read_collect(path, &c, &e, NULL), ERR_INPUT);
    char want[600];
    snprintf(want, sizeof want, "cannot open '%s': %s", path, strerror(ENOENT));
    assert_string_equal(e.msg, want);
    assert_int_equal(c.records, 0);
}

static void test_directory_is_an_error(void **state)
{
    (void)state;
    struct collect c = {0};
    struct err e = {0};
    assert_int_equal(read_collect(tmp_dir, &c, &e, NULL), ERR_INPUT);
    assert_non_null(strstr(e.msg, tmp_dir));
    assert_int_equal(c.records, 0);
    free(c.out.s);
}

static void test_callback_stops_read(void **state)
{
    (void)state;
    const char *path = write_plain("stop.csv", "a;b\n1;2\n3;4\n5;6\n", 16);
    struct collect c = {.stop_at = 2, .stop_code = ERR_LIMIT};
    struct err e = {0};
    assert_int_equal(read_collect(path, &c, &e, NULL), ERR_LIMIT);
    assert_int_equal(c.records, 2); /* nothing delivered after the stop */
    assert_string_equal(c.out.s, "#1:1 [a][b]\n#2:2 [1][2]\n");
    free(c.out.s);
}

/* ------------------------------------------------------------ wide records */

/* "c0;c1;...;c<n-1>" plus end */
static void add_wide(struct text *t, int cols, const char *end)
{
    for (int i = 0; i < cols; i++)
        text_fmt(t, i ? ";c%d" : "c%d", i);
    text_str(t, end);
}

/* A header of CSVR_MAX_COLUMNS columns is fine; a wider one fails, naming its line. */
static void test_header_column_limit(void **state)
{
    (void)state;
    static const struct {
        int cols;
        const char *before;
        long line; /* 0 = accepted */
    } rows[] = {{512, "", 0}, {513, "", 1}, {600, "", 1}, {600, "\n\r\n", 3}};
    for (size_t i = 0; i < N_ROWS(rows); i++) {
        struct text csv = {0};
        text_str(&csv, rows[i].before);
        add_wide(&csv, rows[i].cols, "\n1;2\n");
        char fname[64];
        snprintf(fname, sizeof fname, "header-cols-%zu.csv", i);
        const char *path = write_plain(fname, csv.s, csv.len);
        struct collect c = {.brief = 1};
        struct read_result res = read_with(path, (struct read_opts){0, 100, 0}, &c);
        if (rows[i].line) {
            char want[600];
            snprintf(want, sizeof want, "'%s' line %ld: header has more than 512 columns", path,
                     rows[i].line);
            assert_int_equal(res.rc, ERR_INPUT);
            assert_string_equal(res.e.msg, want);
            assert_int_equal(c.records, 0);
        } else {
            assert_int_equal(res.rc, 0);
            assert_string_equal(c.out.s, "#1:1 nf=512\n#2:2 nf=2\n");
        }
        free(c.out.s);
        free(csv.s);
    }
}

/* A data record wider than CSVR_MAX_COLUMNS is delivered flagged; reading goes on. */
static void test_wide_record_delivered(void **state)
{
    (void)state;
    static const unsigned char mask[] = {1, 0, 1};
    struct text csv = {0};
    text_str(&csv, "a;b;c\n1;2;3\n");
    add_wide(&csv, 600, "\n");
    add_wide(&csv, 512, "\r\n");
    text_str(&csv, "\n4;\"5\n6\";7\n");
    add_wide(&csv, 513, "");
    const char *path = write_plain("wide.csv", csv.s, csv.len);
    for (int masked = 0; masked < 2; masked++) {
        struct collect c = {.brief = 1, .mask = masked ? mask : NULL, .mask_n = 3};
        struct read_result res = read_with(path, (struct read_opts){0, 100, 0}, &c);
        assert_int_equal(res.rc, 0);
        assert_string_equal(c.out.s, "#1:1 nf=3\n#2:2 nf=3\n#3:3 nf=600 TOO_WIDE\n"
                                     "#4:4 nf=512\n#5:6 nf=3\n#6:8 nf=513 TOO_WIDE\n");
        free(c.out.s);
    }
    /* The stored part of a wide record: the first 512 fields, as usual. */
    struct text one = {0};
    text_str(&one, "a;b\n");
    add_wide(&one, 600, "\n");
    path = write_plain("wide-one.csv", one.s, one.len);
    struct collect c = {0};
    struct read_result res = read_with(path, (struct read_opts){0, 100, 0}, &c);
    assert_int_equal(res.rc, 0);
    assert_non_null(strstr(c.out.s, "#2:2 [c0][c1]"));
    assert_non_null(strstr(c.out.s, "[c510][c511] TOO_WIDE\n"));
    assert_null(strstr(c.out.s, "[c512]"));
    free(c.out.s);
    free(one.s);
    free(csv.s);
}

/* ------------------------------------------------ huge fields, bounded memory */

enum { HUGE = 2 * 1024 * 1024, SMALL_MAX = 4096 };
/* The parser buffer may hold 2 x max_field + 2 bytes plus one 64 KiB piece, and
 * grows in 64 KiB blocks (csv_reader.c): nowhere near the 2 MB of a field. */
static const size_t PEAK_BOUND = 2 * SMALL_MAX + 2 + 2 * 64 * 1024;

/* Append n bytes of c, with a newline ending every 1024-byte block when lines. */
static void add_run(struct text *t, size_t n, char c, long *lines)
{
    char block[1024];
    memset(block, c, sizeof block);
    if (lines)
        block[sizeof block - 1] = '\n';
    for (size_t done = 0; done < n; done += sizeof block) {
        text_add(t, block, sizeof block);
        if (lines)
            ++*lines;
    }
}

/*
 * 2 MB fields with max_field 4096: text is too long (and, in a column not kept,
 * simply not copied); 2 MB of trailing blanks are trimmed as libcsv always did.
 * Either way the following records and their lines are intact and the parser's
 * buffer stays small.
 */
static void test_huge_fields(void **state)
{
    (void)state;
    static const unsigned char keep_0_2[] = {1, 0, 1};
    struct text csv = {0};
    long lines = 0;
    text_str(&csv, "a;b;c\n1;");
    add_run(&csv, HUGE, 'x', NULL);
    text_str(&csv, ";2\n3;\"");
    add_run(&csv, HUGE, 'x', &lines); /* a quoted field with 2048 newlines */
    text_str(&csv, "\";4\r\n5;abc");
    add_run(&csv, HUGE, ' ', NULL);
    text_str(&csv, ";6\n7;abc");
    add_run(&csv, HUGE, ' ', NULL);
    text_str(&csv, "d;8\n9;\"abc\"");
    add_run(&csv, HUGE, ' ', NULL);
    text_str(&csv, ";10\n11;12;13\n");
    const char *plain = write_plain("huge.csv", csv.s, csv.len);
    const char *gz = write_gz("huge.csv.gz", csv.s, csv.len);
    char want[512], want_masked[512];
    snprintf(want, sizeof want,
             "#1:1 [a][b][c]\n#2:2 [1][][2] TOO_LONG\n#3:3 [3][][4] TOO_LONG\n"
             "#4:%ld [5][abc][6]\n#5:%ld [7][][8] TOO_LONG\n#6:%ld [9][abc][10]\n"
             "#7:%ld [11][12][13]\n",
             4 + lines, 5 + lines, 6 + lines, 7 + lines);
    snprintf(want_masked, sizeof want_masked,
             "#1:1 [a][b][c]\n#2:2 [1](null)[2]\n#3:3 [3](null)[4]\n"
             "#4:%ld [5](null)[6]\n#5:%ld [7](null)[8]\n#6:%ld [9](null)[10]\n"
             "#7:%ld [11](null)[13]\n",
             4 + lines, 5 + lines, 6 + lines, 7 + lines);
    for (int i = 0; i < 4; i++) {
        struct collect c = {.mask = i & 2 ? keep_0_2 : NULL, .mask_n = 3};
        struct read_result res =
            read_with(i & 1 ? gz : plain, (struct read_opts){0, SMALL_MAX, 0}, &c);
        assert_int_equal(res.rc, 0);
        assert_string_equal(c.out.s, i & 2 ? want_masked : want);
        assert_true(res.peak_buffer > 0);
        if (res.peak_buffer > PEAK_BOUND)
            fail_msg("parser buffer grew to %zu bytes (bound %zu)", res.peak_buffer, PEAK_BOUND);
        free(c.out.s);
    }
    free(csv.s);
}

/* An open quote before 4 MB of records: the read fails at the end, in bounded memory. */
static void test_unclosed_quote_bounded(void **state)
{
    (void)state;
    struct text csv = {0};
    text_str(&csv, "a;b\n1;2\n\n3;\"open\n");
    for (int i = 0; i < 1000000; i++)
        text_str(&csv, "4;5\n");
    const char *path = write_gz("open-quote.csv", csv.s, csv.len);
    struct collect c = {0};
    struct read_result res = read_with(path, (struct read_opts){0, SMALL_MAX, 0}, &c);
    char want[600];
    snprintf(want, sizeof want, "'%s' line 4: quoted field is never closed", path);
    assert_int_equal(res.rc, ERR_INPUT);
    assert_string_equal(res.e.msg, want);
    assert_string_equal(c.out.s, "#1:1 [a][b]\n#2:2 [1][2]\n");
    if (res.peak_buffer > PEAK_BOUND)
        fail_msg("parser buffer grew to %zu bytes (bound %zu)", res.peak_buffer, PEAK_BOUND);
    free(c.out.s);
    free(csv.s);
}

/*
 * 10 MB fields, read with vik's max_field (4096): unquoted, quoted across 10,000
 * lines, and 10 MB of blanks after a closing quote, each in a kept and in a dropped
 * column, plain and gzip. The records and their lines are exact, and the whole read
 * (read buffers, zlib, libcsv's buffer, the record) never holds 1 MiB at once,
 * counted by the reader's own allocator (peak_heap), not estimated.
 */
enum { TEN_MB = 10 * 1024 * 1024, VIK_MAX_FIELD = 4096, HEAP_BOUND = 1024 * 1024 };

static void test_ten_mb_fields_bounded_heap(void **state)
{
    (void)state;
    static const unsigned char keep_0_2[] = {1, 0, 1};
    struct text csv = {0};
    long lines = 0;
    text_str(&csv, "a;b;c\n1;");
    add_run(&csv, TEN_MB, 'x', NULL);
    text_str(&csv, ";2\n3;\"");
    add_run(&csv, TEN_MB, 'y', &lines); /* a newline ends every 1024-byte block */
    text_str(&csv, "\";4\n5;\"abc\"");
    add_run(&csv, TEN_MB, ' ', NULL);
    text_str(&csv, ";6\r\n7;8;9\n");
    const char *plain = write_plain("ten-mb.csv", csv.s, csv.len);
    const char *gz = write_gz("ten-mb.csv.gz", csv.s, csv.len);
    char want[256], want_masked[256];
    snprintf(want, sizeof want,
             "#1:1 [a][b][c]\n#2:2 [1][][2] TOO_LONG\n#3:3 [3][][4] TOO_LONG\n"
             "#4:%ld [5][abc][6]\n#5:%ld [7][8][9]\n",
             4 + lines, 5 + lines);
    snprintf(want_masked, sizeof want_masked,
             "#1:1 [a][b][c]\n#2:2 [1](null)[2]\n#3:3 [3](null)[4]\n"
             "#4:%ld [5](null)[6]\n#5:%ld [7](null)[9]\n",
             4 + lines, 5 + lines);
    for (int i = 0; i < 4; i++) {
        struct csvr r;
        struct collect c = {.mask = i & 2 ? keep_0_2 : NULL, .mask_n = 3, .r = &r};
        struct err e = {0};
        csvr_init(&r, 0, VIK_MAX_FIELD);
        assert_int_equal(csvr_read(&r, i & 1 ? gz : plain, collect_fn, &c, &e), 0);
        assert_string_equal(c.out.s, i & 2 ? want_masked : want);
        if (r.peak_heap == 0 || r.peak_heap > HEAP_BOUND)
            fail_msg("read %d held %zu bytes at once (bound %d)", i, r.peak_heap, HEAP_BOUND);
        if (r.peak_buffer > 2 * VIK_MAX_FIELD + 2 + 64 * 1024)
            fail_msg("read %d: parser buffer %zu bytes", i, r.peak_buffer);
        free(c.out.s);
    }
    free(csv.s);
}

/*
 * One record longer than three reads (a 600 KB quoted field with doubled quotes and
 * CRLF, LF and lone CR line ends), read with a max_field above it: delivered byte for
 * byte, and the records after it start on the right lines, whatever the read size.
 */
static void test_record_across_reads(void **state)
{
    (void)state;
    struct text csv = {0}, field = {0};
    long inner = 0; /* line ends inside the quoted field */
    text_str(&csv, "id;tekst;n\n1;kort;1\n2;\"");
    static const char *const ends[] = {"\r\n", "\n", "\r"};
    for (int k = 0; field.len < 3 * READ_CHUNK; k++) {
        char piece[64];
        snprintf(piece, sizeof piece, "regel %d zei \"hoi\"%s", k, ends[k % 3]);
        text_str(&field, piece);
        inner++;
        snprintf(piece, sizeof piece, "regel %d zei \"\"hoi\"\"%s", k, ends[k % 3]);
        text_str(&csv, piece);
    }
    text_str(&csv, "\";2\r\n\r\n3;\"a\nb\";3\n4;x;4");
    struct text want = {0};
    text_str(&want, "#1:1 [id][tekst][n]\n#2:2 [1][kort][1]\n#3:3 [2][");
    text_add(&want, field.s, field.len);
    text_fmt(&want, "][2]\n#4:%ld [3][a\nb][3]\n#5:%ld [4][x][4]\n", 5 + inner, 7 + inner);
    const char *plain = write_plain("across.csv", csv.s, csv.len);
    const char *gz = write_gz("across.csv.gz", csv.s, csv.len);
    static const size_t chunks[] = {0, 4096, 4093, 65536 + 7};
    for (size_t i = 0; i < 2 * N_ROWS(chunks); i++) {
        struct collect c = {0};
        struct read_result res =
            read_with(i & 1 ? gz : plain, (struct read_opts){0, 1024 * 1024, chunks[i / 2]}, &c);
        assert_int_equal(res.rc, 0);
        assert_int_equal(c.bad_lens, 0);
        assert_string_equal(c.out.s, want.s);
        free(c.out.s);
    }
    free(csv.s);
    free(field.s);
    free(want.s);
}

/*
 * Lines with everything fed in big reads: thousands of records per read (more than
 * the reader's queue of start lines), each with 0-3 line ends inside quotes, in LF,
 * CRLF or lone-CR style, with blank lines and lines of blanks between them; the line
 * of every record counted here independently.
 */
static void test_lines_in_big_reads(void **state)
{
    (void)state;
    static const char *const ends[] = {"\n", "\r\n", "\r"};
    struct text csv = {0}, want = {0};
    unsigned lcg = 7u;
    long line = 2;
    text_str(&csv, "id;tekst\n");
    text_str(&want, "#1:1 [id][tekst]\n");
    for (long i = 0; i < 60000; i++) {
        lcg = lcg * 1103515245u + 12345u;
        const char *end = ends[(lcg >> 8) % 3];
        int inner = (int)((lcg >> 12) % 4);
        text_fmt(&csv, "%ld;\"", i);
        text_fmt(&want, "#%ld:%ld [%ld][", i + 2, line, i);
        for (int k = 0; k < inner; k++) {
            text_fmt(&csv, "r%d%s", k, end);
            text_fmt(&want, "r%d%s", k, end);
        }
        text_fmt(&csv, "\"%s", end);
        text_str(&want, "]\n");
        line += 1 + inner;
        if ((lcg >> 16) % 5 == 0) { /* a blank line, or one of blanks */
            text_fmt(&csv, "%s%s", (lcg >> 20) % 2 ? "  \t" : "", end);
            line++;
        }
    }
    const char *plain = write_plain("big-reads.csv", csv.s, csv.len);
    assert_true(csv.len > 2 * READ_CHUNK);
    struct collect c = {0};
    struct read_result res = read_with(plain, (struct read_opts){0, 100, 0}, &c);
    assert_int_equal(res.rc, 0);
    assert_string_equal(c.out.s, want.s);
    free(c.out.s);
    free(csv.s);
    free(want.s);
}

/* libcsv cannot tell a quote or a line end as delimiter from its other role. */
static void test_delimiter_quote_refused(void **state)
{
    (void)state;
    const char *path = write_plain("quote-delim.csv", "a\"b\n", 4);
    static const char bad[] = {'"', '\r', '\n'};
    for (size_t i = 0; i < N_ROWS(bad); i++) {
        struct collect c = {0};
        struct read_result res = read_with(path, (struct read_opts){bad[i], 100, 0}, &c);
        assert_int_equal(res.rc, ERR_INPUT);
        assert_non_null(strstr(res.e.msg, path));
        assert_int_equal(c.records, 0);
    }
}

/* ------------------------------- the reader's own split against libcsv's */

/*
 * Quote-free lines are split by the reader itself, everything else by libcsv
 * (csv_reader.c, split_line). Random files of the bytes that matter (blanks, every
 * delimiter, quotes, CR, LF, NUL, a BOM, text) are read both ways, with libcsv on
 * every line and without, across delimiters (a blank one too), field ceilings, read
 * sizes, a keep mask and a callback that stops the read: the records, their lines
 * and fields, the flags, the result and the message
 * must be the same; and a third time with the split fields left in place
 * (csvr.views). The generator is a fixed LCG, so a failure names a file that
 * comes back.
 */
static void random_csv(unsigned *lcg, struct text *t)
{
    static const char *const PIECES[] = {"a",
                                         "bc",
                                         "Caf\xe9",
                                         "12",
                                         " ",
                                         "\t",
                                         ";",
                                         ",",
                                         "\"",
                                         "\"\"",
                                         "\r",
                                         "\n",
                                         "\r\n",
                                         "\xEF\xBB\xBF",
                                         "x y",
                                         "|",
                                         "Kerkstraat 12a bis"};
    enum { N_PIECES = sizeof PIECES / sizeof PIECES[0] };
    size_t pieces = 1 + (*lcg >> 16) % 60;
    for (size_t k = 0; k < pieces; k++) {
        *lcg = *lcg * 1103515245u + 12345u;
        unsigned pick = (*lcg >> 16) % (N_PIECES + 1);
        if (pick == N_PIECES)
            text_add(t, "\0", 1); /* a NUL byte, text to libcsv */
        else
            text_str(t, PIECES[pick]);
    }
}

/* t with its control bytes escaped, for a failure message (a static buffer). */
static const char *visible(const struct text *t)
{
    static char out[3][4096];
    static int turn;
    char *o = out[turn++ % 3];
    size_t k = 0;
    for (size_t i = 0; i < t->len && k + 5 < sizeof out[0]; i++) {
        unsigned char ch = (unsigned char)t->s[i];
        if (ch == '\n' || (ch >= 0x20 && ch < 0x7f))
            o[k++] = (char)ch;
        else
            k += (size_t)snprintf(o + k, 5, "\\x%02x", ch);
    }
    o[k] = '\0';
    return o;
}

static void test_split_matches_libcsv(void **state)
{
    (void)state;
    static const char DELIMS[] = {0, ';', ',', '\t', ' '};
    static const size_t MAX_FIELD[] = {3, 8, 1000};
    static const size_t CHUNKS[] = {0, 5}; /* 1-byte reads leave no line whole: no split */
    static const unsigned char MASK[] = {1, 0, 1};
    unsigned lcg = 20261203u;
    int bad = 0;
    for (int file = 0; file < 300 && bad < 3; file++) {
        struct text csv = {0};
        random_csv(&lcg, &csv);
        if (file % 2) /* lines of plain records between the random ones */
            text_str(&csv, "\nk;l;m\n  n ; o;p  \r\n;;\n");
        const char *path = write_plain("split.csv", csv.s ? csv.s : "", csv.len);
        for (size_t d = 0; d < N_ROWS(DELIMS); d++)
            for (size_t m = 0; m < N_ROWS(MAX_FIELD); m++)
                for (size_t c = 0; c < N_ROWS(CHUNKS); c++) {
                    struct collect a = {.mask = file % 3 ? NULL : MASK,
                                        .mask_n = sizeof MASK,
                                        .stop_at = file % 5 ? 0 : 3, /* the callback stops */
                                        .stop_code = 99};
                    struct collect b = a, v = a;
                    struct read_opts o = {DELIMS[d], MAX_FIELD[m], CHUNKS[c]};
                    struct csvr ra, rb, rv;
                    csvr_init(&ra, o.delimiter, o.max_field);
                    csvr_init(&rb, o.delimiter, o.max_field);
                    csvr_init(&rv, o.delimiter, o.max_field);
                    ra.chunk_size = rb.chunk_size = rv.chunk_size = o.chunk;
                    rb.libcsv_only = 1;
                    rv.views = v.views = 1; /* split lines in place */
                    struct err ea = {0}, eb = {0}, ev = {0};
                    a.r = &ra, b.r = &rb, v.r = &rv;
                    int rca = csvr_read(&ra, path, collect_fn, &a, &ea);
                    int rcb = csvr_read(&rb, path, collect_fn, &b, &eb);
                    int rcv = csvr_read(&rv, path, collect_fn, &v, &ev);
                    int same = a.out.len == b.out.len &&
                               (!a.out.len || memcmp(a.out.s, b.out.s, a.out.len) == 0);
                    int same_v = a.out.len == v.out.len &&
                                 (!a.out.len || memcmp(a.out.s, v.out.s, a.out.len) == 0);
                    if (rca != rcb || !same || strcmp(ea.msg, eb.msg) != 0 ||
                        ra.blank_lines != rb.blank_lines || a.bad_lens != b.bad_lens ||
                        rca != rcv || !same_v || strcmp(ea.msg, ev.msg) != 0 ||
                        ra.blank_lines != rv.blank_lines) {
                        print_error("file %d delim %d max_field %zu chunk %zu: %s\n-- split:\n%s"
                                    "-- libcsv:\n%s-- in place:\n%s(rc %d / %d / %d: %s / %s)\n",
                                    file, DELIMS[d], o.max_field, o.chunk, visible(&csv),
                                    visible(&a.out), visible(&b.out), visible(&v.out), rca, rcb,
                                    rcv, ea.msg, eb.msg);
                        bad++;
                    }
                    free(a.out.s);
                    free(b.out.s);
                    free(v.out.s);
                }
        free(csv.s);
    }
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csvr_table),
        cmocka_unit_test(test_csvr_errors),
        cmocka_unit_test(test_chunk_sweep),
        cmocka_unit_test(test_gzip_matches_plain_large),
        cmocka_unit_test(test_lines_across_chunk_boundary),
        cmocka_unit_test(test_truncated_gzip_fails),
        cmocka_unit_test(test_gzip_members),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_directory_is_an_error),
        cmocka_unit_test(test_callback_stops_read),
        cmocka_unit_test(test_header_column_limit),
        cmocka_unit_test(test_wide_record_delivered),
        cmocka_unit_test(test_huge_fields),
        cmocka_unit_test(test_unclosed_quote_bounded),
        cmocka_unit_test(test_ten_mb_fields_bounded_heap),
        cmocka_unit_test(test_record_across_reads),
        cmocka_unit_test(test_lines_in_big_reads),
        cmocka_unit_test(test_delimiter_quote_refused),
        cmocka_unit_test(test_split_matches_libcsv),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
