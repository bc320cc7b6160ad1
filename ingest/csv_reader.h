/*
 * csv_reader.h - stream the records of one delimited file, gzip or plain.
 *
 * Why: this is the only place that touches libcsv and zlib (docs/engineering.md, one module per
 * library), so their traps are handled once: libcsv's field pointer dies with its callback, the
 * last record only arrives at csv_fini, a truncated gzip first delivers data and then signals an
 * error. gzip is recognised by content (the magic bytes 1f 8b, so a
 * '.gz' name is not needed), a UTF-8 BOM is dropped, the delimiter can be sniffed
 * from the header.
 *
 * Only columns marked in `keep` are copied out of libcsv's buffer: columns that are
 * not mapped are never copied, decoded or parsed. The header record (record 1) is
 * always delivered in full so that the caller can map names to columns and then
 * call csvr_keep().
 *
 * Every message about the data names the physical line (1-based, counting LF, CRLF
 * and a lone CR each as one line end, as editors and libcsv do), not the record
 * number: blank lines are skipped and a quoted field may span lines, so the two
 * differ, and only the line lets an analyst find the row.
 *
 * Quoting is strict where a mistake would merge records: a quoted field that is
 * never closed, or text after a closing quote ("Bar "De Hoek"" written without
 * doubling), fails the read with the line, because from there on libcsv could only
 * guess where records start. A quote inside an unquoted field (5" scherm) is kept
 * as text, as every spreadsheet does.
 *
 * Ceilings instead of silent truncation (docs/engineering.md): a kept field longer than
 * max_field is delivered empty with too_long set; the parser's own buffer never
 * holds more than 2 x max_field + 64 KiB, whatever the input (a 1 GB field or an
 * unclosed quote in a national file costs time, not memory). A data record wider than
 * CSVR_MAX_COLUMNS is delivered with too_wide set so that the caller can refuse
 * that one row; only a header that wide fails the read.
 *
 * Raw bytes can hold BSNs, so every buffer that held them (read buffers, zlib's
 * state and window, libcsv's field buffer, the record buffer) is wiped before free.
 */
#ifndef VIK_INGEST_CSV_READER_H
#define VIK_INGEST_CSV_READER_H

#include "common/err.h"

#include <stddef.h>
#include <stdint.h>

enum { CSVR_MAX_COLUMNS = 512 };

struct csvr_record {
    long number;         /* record count, 1 = header (blank lines are not records) */
    size_t n_fields;     /* fields in the record, kept or not (may exceed CSVR_MAX_COLUMNS) */
    const char **fields; /* NUL-terminated copies; NULL for columns not kept. fields and
                            lens hold min(n_fields, CSVR_MAX_COLUMNS) entries. With
                            csvr.views, see there */
    const size_t *lens;  /* length of every column, kept or not (not kept: not copied) */
    int too_long;        /* a kept field exceeded max_field bytes (content dropped) */
    int too_long_col;    /* the first kept column that was too long, -1 when none */
    long line;           /* physical line (1-based) where the record starts */
    int too_wide;        /* more than CSVR_MAX_COLUMNS fields; those beyond are not stored
                            (never set on record 1: a header that wide fails the read) */
};

/* Return 0 to continue, non-zero (an enum err_code) to stop the read with that error. */
typedef int (*csvr_record_fn)(void *ctx, const struct csvr_record *rec);

struct csvr {
    char delimiter;   /* 0 = sniff from the first line */
    size_t max_field; /* longest kept field in bytes (ceiling, not truncation) */
    unsigned char keep[CSVR_MAX_COLUMNS]; /* set by csvr_keep(); all kept for record 1 */
    int keep_set;
    uint64_t bytes_read; /* decompressed bytes, for the summary */
    size_t
        chunk_size; /* bytes per read, 0 = 256 KiB; tests sweep it (docs/engineering.md, tests) */
    uint64_t blank_lines; /* data lines of only delimiters or a stray BOM, skipped (counted) */
    size_t peak_buffer;   /* largest parser field buffer seen, bytes (shows the bound) */
    size_t peak_heap;     /* most bytes the read held allocated at once: read buffers, zlib,
                             libcsv's buffer, the record (shows that memory stays bounded) */
    /* When set, called with every byte of the file as stored (a gzip still compressed),
     * in order, as it is read: the audit trail's checksum of exactly what was parsed,
     * made on the reading thread instead of in a pass of its own. */
    void (*tap)(void *ctx, const void *bytes, size_t n);
    void *tap_ctx;
    int read_to_end; /* set by csvr_read: the tap saw the whole file */
    /* Tests: libcsv splits every line, also the quote-free ones the reader splits
     * itself, so that the two can be compared (csv_reader.c, split_line). */
    int libcsv_only;
    /* Fields of records after the first may point into the bytes as read instead of
     * into copies: valid during the callback only, not NUL-terminated (read them by
     * lens), and writable (a caller may wipe what it has read). A line the reader
     * splits itself is not copied at all (csv_reader.c, split_line). */
    int views;
};

void csvr_init(struct csvr *r, char delimiter, size_t max_field);
/* Keep exactly the columns with mask[i] != 0 from the next record on. */
void csvr_keep(struct csvr *r, const unsigned char *mask, size_t n);

/*
 * Read path from start to end, calling fn per record; *e must be clear (err_clear)
 * on the call. Returns 0, or an error code with *e filled (cannot open, read
 * error, truncated or damaged gzip, a quoting error or a header wider than
 * CSVR_MAX_COLUMNS, named with the file and line, or the code fn returned: when fn
 * left *e clear, with the file, the line and the code's text; ERR_LIMIT, fn's
 * "enough", leaves *e as fn left it).
 */
MUST_CHECK int csvr_read(struct csvr *r, const char *path, csvr_record_fn fn, void *ctx,
                         struct err *e);

#endif
