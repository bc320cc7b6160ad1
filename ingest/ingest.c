/*
 * ingest.c - the table-driven reader; see ingest.h.
 *
 * Per record: map header names to columns once (record 1); pseudonymise the
 * identifiers and wipe their clear digits (the reading half); then for each mapped
 * column decode the text (cp1252/UTF-8), parse it by its field kind, check ranges
 * and dates, and call the sink (the joining half). With two threads the halves run
 * on one each, a record passing between them as its raw view and its pseudonyms.
 */
#include "ingest/ingest.h"

#include "common/clock.h"
#include "common/wipe.h"
#include "ingest/csv_reader.h"
#include "ingest/handoff.h"
#include "ingest/parse.h"
#include "common/text.h"
#include "model/dataset.h"

#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * What the reading half found for each identifier field: its pseudonym, that it
 * was valid (a resident's BSN: checked, not hashed - nothing links on it), or
 * that it was empty or invalid. Identifiers are checked, hashed where they link,
 * and their clear text wiped on the thread that read them: no clear identifier
 * ever reaches the joining half.
 */
enum id_state { ID_EMPTY, ID_HASHED, ID_CHECKED, ID_INVALID };

struct ids {
    uint8_t state[F_COUNT]; /* set for the source's identifier fields */
    uint8_t hash[F_COUNT][PSEUDONYM_BYTES];
};

struct ingest_state {
    enum source_id src;
    const struct ingest_opts *o;
    ingest_sink_fn sink;
    void *ctx;
    struct ingest_counts *counts;
    struct err *e;
    struct csvr reader;
    int col[F_COUNT]; /* column of each mapped field, -1 when not mapped */
    uint64_t mapped;  /* bit per field with a column (row.mapped) */
    size_t n_header;
    int header_seen;
    int ean_warning;           /* the current row's EAN has a wrong check digit */
    int header_trailing_empty; /* the header ends with an unnamed column */
    double started;            /* for the progress line */
    uint64_t total_bytes;      /* what the reader will deliver; 0 = unknown */
    char *text;                /* decoded text, F_COUNT slots of text_cap bytes */
    size_t text_cap;
    struct row row;       /* the record being parsed; starts zeroed (calloc) */
    uint64_t touched;     /* bit per field whose value in row the last record wrote */
    uint64_t identifiers; /* bit per mapped identifier field (FK_BSN, FK_PARTY_ID) */
    struct ids ids;       /* the joining half's copy of the current record's pseudonyms */
};

static void tally(struct ingest_tally *t, const char *code)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->item[i].code, code) == 0) {
            t->item[i].n++;
            return;
        }
    if (t->n < INGEST_MAX_REASONS) {
        t->item[t->n].code = code;
        t->item[t->n++].n = 1;
    }
}

enum { RAW_VALUE_MAX = 200 };

/*
 * Do the row's columns line up with the header? A trailing delimiter (one extra,
 * empty last column, on the rows or on the header alone) is tolerated: spreadsheet
 * exports add it, and it shifts nothing.
 */
static int columns_line_up(const struct ingest_state *st, const struct csvr_record *rec)
{
    if (rec->too_wide)
        return 0;
    if (rec->n_fields == st->n_header)
        return 1;
    if (rec->n_fields == st->n_header + 1)
        return rec->lens[st->n_header] == 0;
    return rec->n_fields + 1 == st->n_header && st->header_trailing_empty;
}

/*
 * The mapped columns of one record as read, by field: what a quarantine line shows.
 * It points into the reader's record, or into a handoff buffer (read and joined on
 * two threads), so that the quarantine line is the same either way.
 */
struct raw_view {
    long line;
    uint64_t pos; /* bytes the reader had read at this record (for the progress line) */
    size_t n_fields;
    int lines_up;
    int too_long;               /* a field was over max_field (csvr_record.too_long) */
    int too_long_field;         /* the mapped field that was, F_COUNT for another column */
    uint64_t has;               /* bit per field whose column is in the record */
    const char *field[F_COUNT]; /* NULL when the column was not kept */
    size_t len[F_COUNT];
};

static void view_of_record(const struct ingest_state *st, const struct csvr_record *rec,
                           struct raw_view *v)
{
    v->line = rec->line;
    v->pos = st->reader.bytes_read;
    v->n_fields = rec->n_fields;
    v->lines_up = columns_line_up(st, rec);
    v->too_long = rec->too_long;
    v->too_long_field = F_COUNT;
    v->has = 0;
    for (uint64_t m = st->mapped; m; m &= m - 1) {
        int f = __builtin_ctzll(m), c = st->col[f];
        if ((size_t)c >= rec->n_fields || (size_t)c >= CSVR_MAX_COLUMNS)
            continue;
        v->has |= 1ull << f;
        if (rec->too_long && c == rec->too_long_col)
            v->too_long_field = f;
        v->field[f] = rec->fields[c];
        v->len[f] = rec->lens[c];
    }
}

/* Append one value for the raw column: decoded, control bytes as '?', cut. */
static void raw_value(struct ingest_state *st, const char *s, size_t n, char *out, size_t cap,
                      size_t *used)
{
    char buf[RAW_VALUE_MAX * 3 + 1];
    size_t take = n < RAW_VALUE_MAX ? n : RAW_VALUE_MAX;
    long len =
        parse_text(s, take, st->o->cfg->encoding == ENC_UTF8 ? ENC_AUTO : st->o->cfg->encoding, buf,
                   sizeof buf);
    if (len < 0) {
        for (len = 0; (size_t)len < take; len++)
            buf[len] = (unsigned char)s[len] < 0x20 || (unsigned char)s[len] >= 0x7F ? '?' : s[len];
        buf[len] = '\0';
    }
    for (long i = 0; i < len; i++) /* one quarantine line per row: no line breaks, tabs */
        if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7F)
            buf[i] = '?';
    int k = snprintf(out + *used, cap - *used, "%s%s", buf, n > take ? "..." : "");
    if (k > 0)
        *used = *used + (size_t)k < cap ? *used + (size_t)k : cap - 1;
}

/* A person's birth date: only an age is ever kept of it (issue 11, docs/privacy.md, purpose
 * limitation and minimisation). */
static int is_birth_date(int f)
{
    return f == F_BIRTH_DATE || f == F_OWNER_BIRTH_DATE;
}

/*
 * The mapped columns of a refused row, identifiers masked (see ingest.h). A birth
 * date is shown only when it is the value the row was refused for (then it is no
 * usable date of birth, and the analyst needs to see what the export wrote).
 */
static void raw_row(struct ingest_state *st, const struct raw_view *rec, enum field_id refused,
                    char *out, size_t cap)
{
    size_t used = 0;
    out[0] = '\0';
    if (!rec->lines_up) { /* a shifted row could put a BSN under any header */
        snprintf(out, cap, "(not shown: %zu columns where the header has %zu)", rec->n_fields,
                 st->n_header);
        return;
    }
    for (int f = 0; f < F_COUNT && used + 1 < cap; f++) {
        if (!((rec->has >> f) & 1u))
            continue;
        int k = snprintf(out + used, cap - used, "%s%s=", used ? " | " : "", st->o->cfg->map[f]);
        if (k < 0 || (size_t)k >= cap - used)
            break;
        used += (size_t)k;
        enum field_kind kind = schema_field(f)->kind;
        const char *mask = kind == FK_BSN        ? "[dropped]"
                           : kind == FK_PARTY_ID ? "[pseudonymised]"
                           : is_birth_date(f) && f != (int)refused && rec->len[f] ? "[birth date]"
                                                                                  : NULL;
        if (mask) {
            k = snprintf(out + used, cap - used, "%s", mask);
            used = k > 0 && used + (size_t)k < cap ? used + (size_t)k : cap - 1;
        } else if (rec->field[f]) {
            raw_value(st, rec->field[f], rec->len[f], out, cap, &used);
        }
    }
}

static const char *column_name(struct ingest_state *st, enum field_id f)
{
    return f < F_COUNT && st->o->cfg->map[f] ? st->o->cfg->map[f] : "";
}

/* Record a refused row: counted, and reported with its reason and masked raw values. */
static void quarantine(struct ingest_state *st, const struct raw_view *rec, enum field_id field,
                       const char *code, const char *text)
{
    st->counts->quarantined++;
    tally(&st->counts->reasons, code);
    if (!st->o->refused)
        return;
    char raw[4096];
    raw_row(st, rec, field, raw, sizeof raw);
    struct ingest_refused row = {.file = st->o->display_name,
                                 .line = rec->line,
                                 .column = column_name(st, field),
                                 .code = code,
                                 .text = text,
                                 .raw = raw};
    st->o->refused(st->o->refused_ctx, &row);
}

/* Does header cell c (in the source's encoding) spell name (UTF-8), ignoring case and spaces? */
static int header_is(struct ingest_state *st, const char *cell, size_t n, const char *name)
{
    char buf[1024];
    text_trim(&cell, &n);
    long len = parse_text(cell, n, st->o->cfg->encoding, buf, sizeof buf);
    return len >= 0 && (size_t)len == strlen(name) && strncasecmp(buf, name, (size_t)len) == 0;
}

/* Edit distance (case-insensitive), for "did you mean"; capped work on long names. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 1000;
    size_t prev[65], cur[65];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] +
                         (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, (lb + 1) * sizeof prev[0]);
    }
    return prev[lb];
}

/* The header cell closest to name, when it is close enough to be a likely typo. */
static const char *nearest_header(const struct csvr_record *rec, const char *name)
{
    const char *best = NULL;
    size_t best_d = strlen(name) / 3 + 2;
    for (size_t c = 0; c < rec->n_fields && c < CSVR_MAX_COLUMNS; c++) {
        size_t d = distance(rec->fields[c], name);
        if (d < best_d)
            best = rec->fields[c], best_d = d;
    }
    return best;
}

/* One header problem: printed when collecting (vik check), the first kept in *e. */
static void header_problem(struct ingest_state *st, int *n_problems, enum err_code code,
                           const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void header_problem(struct ingest_state *st, int *n_problems, enum err_code code,
                           const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (st->o->problems)
        fprintf(st->o->problems, "vik: %s\n", msg);
    if ((*n_problems)++ == 0)
        err_set(st->e, code, "%s", msg);
}

/* Find field f's column; 0 or a problem recorded. */
static void find_column(struct ingest_state *st, const struct csvr_record *rec, int f,
                        unsigned char *keep, int *n_problems)
{
    const struct source_cfg *cfg = st->o->cfg;
    const char *why = schema_protected(cfg->map[f]);
    if (why) {
        header_problem(st, n_problems, ERR_PRIVACY, "%s: refusing to read column '%s': %s",
                       st->o->display_name, cfg->map[f], why);
        return;
    }
    for (size_t c = 0; c < rec->n_fields && c < CSVR_MAX_COLUMNS; c++) {
        if (!header_is(st, rec->fields[c], rec->lens[c], cfg->map[f]))
            continue;
        if (st->col[f] >= 0) {
            header_problem(st, n_problems, ERR_INPUT, "%s: header '%s' appears twice",
                           st->o->display_name, cfg->map[f]);
            return;
        }
        if (keep[c]) { /* one column read as two fields could copy an id into text */
            header_problem(st, n_problems, ERR_CONFIG, "%s: column '%s' is mapped to two fields",
                           st->o->display_name, cfg->map[f]);
            return;
        }
        st->col[f] = (int)c;
        keep[c] = 1;
    }
    if (st->col[f] >= 0)
        return;
    const char *near = nearest_header(rec, cfg->map[f]);
    header_problem(st, n_problems, ERR_INPUT, "%s: no column '%s' (map.%s, config line %d)%s%s%s",
                   st->o->display_name, cfg->map[f], schema_field(f)->name, cfg->map_line[f],
                   near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
}

/* Header record: find every mapped header; all problems are reported, the first fails. */
static int map_header(struct ingest_state *st, const struct csvr_record *rec)
{
    unsigned char keep[CSVR_MAX_COLUMNS] = {0};
    int n_problems = 0;
    st->n_header = rec->n_fields;
    st->header_trailing_empty = rec->n_fields > 1 && rec->lens[rec->n_fields - 1] == 0;
    for (size_t c = 0; c < rec->n_fields && c < CSVR_MAX_COLUMNS; c++)
        if (strlen(rec->fields[c]) != rec->lens[c])
            return err_set(st->e, ERR_INPUT,
                           "%s: the header contains NUL bytes: not a text file in the declared "
                           "encoding (UTF-16? a spreadsheet or zip file?)",
                           st->o->display_name);
    for (int f = 0; f < F_COUNT; f++)
        st->col[f] = -1;
    for (int f = 0; f < F_COUNT; f++)
        if (st->o->cfg->map[f])
            find_column(st, rec, f, keep, &n_problems);
    for (int f = 0; f < F_COUNT; f++) {
        enum field_kind k = schema_field(f)->kind;
        st->mapped |= (uint64_t)(st->col[f] >= 0) << f;
        st->identifiers |= (uint64_t)(st->col[f] >= 0 && (k == FK_BSN || k == FK_PARTY_ID)) << f;
    }
    if (n_problems > 1)
        snprintf(st->e->msg + strlen(st->e->msg), sizeof st->e->msg - strlen(st->e->msg),
                 " (and %d more header problem%s)", n_problems - 1, n_problems > 2 ? "s" : "");
    if (n_problems)
        return st->e->code;
    csvr_keep(&st->reader, keep, sizeof keep);
    return 0;
}

struct parse_fail {
    const char *code;
    const char *text;
};

static const struct parse_fail FAIL_ENCODING = {"encoding_invalid",
                                                "text is not valid in the declared encoding"};
static const struct parse_fail FAIL_NUMBER = {"number_invalid",
                                              "not a number in the source's decimal style"};
static const struct parse_fail FAIL_RANGE = {"number_out_of_range",
                                             "number outside the plausible range"};
static const struct parse_fail FAIL_DATE = {"date_invalid",
                                            "not a date in the source's date format"};
static const struct parse_fail FAIL_FUTURE = {"date_after_reference",
                                              "date after the reference date"};
static const struct parse_fail FAIL_BOOL = {"yes_no_invalid", "not a yes/no value"};
static const struct parse_fail FAIL_PARTY = {"party_type_invalid",
                                             "not a natural person / legal entity type"};
static const struct parse_fail FAIL_PRODUCT = {"product_invalid", "not electricity or gas"};
static const struct parse_fail FAIL_BSN = {"bsn_invalid", "BSN fails the 11-proef"};
static const struct parse_fail FAIL_USAGE = {"usage_unknown", "gebruiksdoel is not a BAG value"};
static const struct parse_fail FAIL_KVK = {"kvk_number_invalid", "KvK number is not 8 digits"};
static const struct parse_fail FAIL_EAN = {"ean_invalid", "EAN is not 18 digits starting 871"};
static const struct parse_fail FAIL_MISSING = {"value_missing", "required value is empty"};
static const struct parse_fail FAIL_TOO_LONG = {"field_too_long",
                                                "field longer than the configured maximum"};
static const struct parse_fail FAIL_COLUMNS = {
    "column_count", "record has a different number of columns than the header"};

/* Parse one non-empty field of kind FK_* other than the identifier kinds. */
static const struct parse_fail *parse_value(struct ingest_state *st, enum field_id f, const char *s,
                                            size_t n, struct value *v)
{
    const struct field_def *def = schema_field(f);
    const struct source_cfg *cfg = st->o->cfg;
    switch (def->kind) {
    case FK_TEXT: {
        char *out = st->text + (size_t)f * st->text_cap;
        long len = parse_text(s, n, cfg->encoding, out, st->text_cap);
        if (len < 0)
            return &FAIL_ENCODING;
        v->s = out, v->len = (size_t)len;
        return NULL;
    }
    case FK_INT:
    case FK_NUM:
        if (parse_number(s, n, cfg->decimal, &v->num) != 0)
            return &FAIL_NUMBER;
        if (v->num < def->min || v->num > def->max)
            return &FAIL_RANGE;
        return NULL;
    case FK_DATE:
        if (parse_date(s, n, cfg->date_format, &v->date) != 0)
            return &FAIL_DATE;
        if (v->date > st->o->reference_date)
            return &FAIL_FUTURE;
        return NULL;
    case FK_BOOL:
        return parse_bool(s, n, &v->flag) ? &FAIL_BOOL : NULL;
    case FK_PARTY:
        return parse_party(s, n, &v->flag) ? &FAIL_PARTY : NULL;
    case FK_PRODUCT:
        return parse_product(s, n, &v->flag) ? &FAIL_PRODUCT : NULL;
    case FK_USAGE:
        return parse_usage(s, n, &v->flag) ? &FAIL_USAGE : NULL;
    case FK_KVK:
        return parse_kvk(s, n, &v->num) ? &FAIL_KVK : NULL;
    case FK_EAN: {
        int rc = parse_ean(s, n);
        if (rc < 0)
            return &FAIL_EAN;
        st->ean_warning = rc > 0; /* tallied only if the row is accepted */
        char *out = st->text + (size_t)f * st->text_cap;
        memcpy(out, s, n); /* 18 digits, checked above */
        out[n] = '\0';
        v->s = out, v->len = n;
        return NULL;
    }
    case FK_BSN:
    case FK_PARTY_ID:
        return NULL; /* pseudonymised after the row is parsed (needs the party type) */
    }
    return NULL;
}

/* The party type of a record as its party column says (PARTY_UNKNOWN when absent,
 * empty or unreadable: an unreadable one refuses the row at that column anyway). */
static int party_of(const struct ingest_state *st, const struct csvr_record *rec, enum field_id pf)
{
    int c = pf < F_COUNT ? st->col[pf] : -1, flag;
    if (c < 0 || (size_t)c >= rec->n_fields || !rec->fields[c])
        return PARTY_UNKNOWN;
    const char *t = rec->fields[c];
    size_t tn = rec->lens[c];
    text_trim(&t, &tn);
    return tn && parse_party(t, tn, &flag) == 0 ? flag : PARTY_UNKNOWN;
}

/*
 * Check each identifier, replace those that link by their pseudonym, and wipe the
 * clear text in the reader's buffer. Domains: a natural person's id must pass the
 * 11-proef and hashes as a BSN (its nine digits); a legal entity's id as written,
 * under the entities' own subkey (ingest/pseudo.h); when the party type
 * is unknown, an id that passes the 11-proef is taken for a BSN, so the same person
 * links across sources whether or not an export has a type column.
 *
 * A resident's BSN (FK_BSN, the BRP's person_id) is checked and wiped but not
 * hashed: vik counts residents per address and links no row on who they are, so
 * a pseudonym of every resident would be personal data processed for nothing
 * (AVG art. 5(1)(c), docs/privacy.md) - and it was a third of the BRP reader's
 * time (then a keyed BLAKE2b of 0.53 us; 18 million at national size). Only the
 * owner and buyer ids (FK_PARTY_ID), which tie a transfer's buyer to an owner,
 * get one.
 */
static void pseudonymise(const struct ingest_state *st, const struct csvr_record *rec,
                         const struct raw_view *raw, struct ids *ids)
{
    int usable = !raw->too_long && raw->lines_up; /* else the row is refused as a whole */
    for (uint64_t m = st->identifiers; m; m &= m - 1) {
        int f = __builtin_ctzll(m), c = st->col[f];
        ids->state[f] = ID_EMPTY;
        if ((size_t)c >= rec->n_fields || (size_t)c >= CSVR_MAX_COLUMNS || !rec->fields[c])
            continue;
        char *s = (char *)rec->fields[c];
        size_t n = rec->lens[c];
        const char *t = s;
        size_t tn = n;
        text_trim(&t, &tn);
        const struct field_def *def = schema_field(f);
        int party = def->kind == FK_PARTY_ID ? party_of(st, rec, def->party) : PARTY_PERSON;
        char bsn[10];
        if (!usable || tn == 0)
            ids->state[f] = ID_EMPTY; /* the row is refused, or the field is empty */
        else if (party != PARTY_ENTITY && parse_bsn(t, tn, bsn) == 0) {
            int links = def->kind == FK_PARTY_ID;
            if (links)
                pseudo_hash(st->o->pseudo, PSEUDO_BSN, bsn, 9, ids->hash[f]);
            ids->state[f] = links ? ID_HASHED : ID_CHECKED;
        } else if (party == PARTY_PERSON)
            ids->state[f] = ID_INVALID;
        else
            pseudo_hash(st->o->pseudo, PSEUDO_NNP, t, tn, ids->hash[f]), ids->state[f] = ID_HASHED;
        wipe(bsn, sizeof bsn);
        wipe(s, n);
    }
}

/*
 * Fill st->row from the record's mapped columns (the raw view) and the reading
 * half's pseudonyms; NULL when every mapped field parsed. Fields are checked in
 * field order, identifiers last, so the reason given is the same on one thread or two.
 */
static const struct parse_fail *parse_row(struct ingest_state *st, const struct raw_view *rec,
                                          const struct ids *ids, enum field_id *bad)
{
    /* the row as new: only the values the previous record wrote are cleared (the
     * whole struct is 3 KB, and clearing it per row showed in the profile) */
    for (uint64_t m = st->touched; m; m &= m - 1)
        memset(&st->row.v[__builtin_ctzll(m)], 0, sizeof st->row.v[0]);
    st->touched = 0;
    st->row.present = 0;
    st->ean_warning = 0;
    st->row.source = st->src;
    st->row.line = rec->line;
    st->row.mapped = st->mapped;
    if (rec->too_long)
        return *bad = (enum field_id)rec->too_long_field, &FAIL_TOO_LONG;
    if (!rec->lines_up)
        return *bad = F_COUNT, &FAIL_COLUMNS;
    const struct source_def *sd = schema_source(st->src);
    for (uint64_t m = st->mapped; m; m &= m - 1) { /* the mapped fields, in field order */
        int f = __builtin_ctzll(m);
        int is_id = (st->identifiers >> f) & 1u;
        const char *t = rec->field[f];
        size_t tn = rec->len[f];
        if (!is_id)
            text_trim(&t, &tn);
        *bad = (enum field_id)f;
        if (is_id ? ids->state[f] == ID_EMPTY : tn == 0) {
            if (sd->use[f] == FIELD_REQUIRED && f != F_POSTCODE && f != F_HOUSE_NUMBER)
                return &FAIL_MISSING;
            continue;
        }
        st->touched |= 1ull << f;
        if (!is_id) {
            const struct parse_fail *fail = parse_value(st, f, t, tn, &st->row.v[f]);
            if (fail)
                return fail;
        }
        st->row.present |= 1ull << f;
    }
    for (uint64_t m = st->row.present & st->identifiers; m; m &= m - 1) {
        int f = __builtin_ctzll(m);
        *bad = (enum field_id)f;
        if (ids->state[f] == ID_INVALID)
            return &FAIL_BSN;
        if (ids->state[f] == ID_HASHED)
            memcpy(st->row.v[f].hash, ids->hash[f], sizeof st->row.v[f].hash);
    }
    return NULL;
}

/*
 * The bytes the reader will deliver, for the progress line's ETA: the file's size,
 * or for gzip the size its trailer records (ISIZE, exact below 4 GiB; 0 = unknown).
 */
static uint64_t expected_bytes(const char *path)
{
    struct stat sb;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return 0;
    unsigned char magic[2] = {0}, isize[4];
    uint64_t n = 0;
    if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode)) {
        n = (uint64_t)sb.st_size;
        if (pread(fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
            uint64_t inner = 0;
            if (sb.st_size > 4 && pread(fd, isize, 4, sb.st_size - 4) == 4)
                inner =
                    isize[0] | isize[1] << 8 | (uint64_t)isize[2] << 16 | (uint64_t)isize[3] << 24;
            n = inner > n ? inner : 0; /* smaller than the gzip: wrapped past 4 GiB */
        }
    }
    close(fd);
    return n;
}

/*
 * On a terminal, redrawn every 64k rows: "vik: brp  45%  912,384 rows, 456,789
 * rows/s, ETA 2 s" (pos: bytes the reader had read at this row), and when done:
 * "vik: brp 2,070,746 rows in 3.9 s (530,000 rows/s)".
 */
static void progress(struct ingest_state *st, uint64_t pos, int done)
{
    if (!st->o->progress || (!done && (st->counts->read & 0xFFFF) != 0))
        return;
    double s = clock_wall() - st->started;
    double rate = s > 0 ? (double)st->counts->read / s : 0.0;
    const char *name = schema_source(st->src)->name;
    unsigned long long rows = (unsigned long long)st->counts->read;
    if (done) {
        fprintf(stderr, "\rvik: %s %llu rows in %.1f s (%.0f rows/s)%20s\n", name, rows, s, rate,
                "");
    } else if (st->total_bytes > 0 && pos > 0 && pos <= st->total_bytes) {
        double share = (double)pos / (double)st->total_bytes;
        fprintf(stderr, "\rvik: %s %3.0f%% %llu rows, %.0f rows/s, ETA %.0f s ", name, 100 * share,
                rows, rate, s / share - s);
    } else {
        fprintf(stderr, "\rvik: %s %llu rows, %.0f rows/s ", name, rows, rate);
    }
}

/* The joining half: parse the record's mapped columns (raw) with the reading half's
 * pseudonyms (ids), count it, and hand the row to the sink or quarantine it. */
static int deliver(struct ingest_state *st, const struct raw_view *raw, const struct ids *ids,
                   struct err *e)
{
    st->counts->read++;
    progress(st, raw->pos, 0);
    if (st->counts->read == INGEST_EXPECT_AFTER && st->o->expect && st->total_bytes > raw->pos &&
        raw->pos > 0)
        st->o->expect(st->ctx, (uint64_t)((double)st->total_bytes / (double)raw->pos *
                                          (double)INGEST_EXPECT_AFTER));
    enum field_id bad = F_COUNT;
    const struct parse_fail *fail = parse_row(st, raw, ids, &bad);
    if (fail) {
        quarantine(st, raw, bad, fail->code, fail->text);
        return 0;
    }
    const struct reject *rej = st->sink(st->ctx, &st->row);
    if (rej && rej->fatal)
        return err_set(e, ERR_NOMEM, "%s line %ld: %s", st->o->display_name, raw->line, rej->text);
    if (rej) {
        quarantine(st, raw, rej->field, rej->code, rej->text);
        return 0;
    }
    st->counts->accepted++;
    if (st->ean_warning)
        tally(&st->counts->warnings, "ean_check_digit");
    return 0;
}

/* One thread: read, pseudonymise, parse and join each record in turn. */
static int on_record(void *ctx, const struct csvr_record *rec)
{
    struct ingest_state *st = ctx;
    if (rec->number == 1) {
        st->header_seen = 1;
        int rc = map_header(st, rec);
        return rc ? rc : st->o->header_only ? ERR_LIMIT : 0;
    }
    struct raw_view raw;
    view_of_record(st, rec, &raw);
    pseudonymise(st, rec, &raw, &st->ids);
    return deliver(st, &raw, &st->ids, st->e);
}

/* ---------------------------------------------- two threads: read | join */

/*
 * A record in a handoff buffer: this header; each column of the raw view (its
 * length with the top bit for "kept", and the kept bytes with NUL; identifiers
 * already wiped); then for each identifier field its state and, when hashed, its
 * pseudonym. Records start 8-aligned. The reading thread tokenises and
 * pseudonymises; decoding and parsing the values is the joining thread's, which
 * balances the two halves (the reader was the slower one).
 */
struct wire {
    long line;
    uint64_t pos;
    uint64_t has;
    size_t n_fields, bytes;
    int lines_up, too_long, too_long_field;
};

enum { HANDOFF_BYTES = 1 << 20 }; /* a buffer is handed over when this full */

struct pipe {
    struct ingest_state *st;
    struct handoff h;
    struct handoff_buf *buf; /* the reader's buffer being filled */
    struct ids ids;          /* the reader's pseudonyms of the current record */
    struct err e;            /* the reader's error */
    int rc;                  /* the reader's result */
};

static size_t align8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

#define KEPT 0x80000000u /* in a raw column's length: its bytes follow (max_field < 2^31) */

static size_t wire_size(const struct ingest_state *st, const struct raw_view *raw,
                        const struct ids *ids)
{
    size_t n = sizeof(struct wire);
    for (uint64_t m = raw->has; m; m &= m - 1) {
        int f = __builtin_ctzll(m);
        n += sizeof(uint32_t) + (raw->field[f] ? raw->len[f] + 1 : 0);
    }
    for (uint64_t m = st->identifiers; m; m &= m - 1) {
        int f = __builtin_ctzll(m);
        n += 1 + (ids->state[f] == ID_HASHED ? sizeof ids->hash[f] : 0);
    }
    return align8(n);
}

static unsigned char *put(unsigned char *at, const void *p, size_t n)
{
    memcpy(at, p, n);
    return at + n;
}

static void wire_write(const struct ingest_state *st, unsigned char *at, const struct raw_view *raw,
                       const struct ids *ids, size_t bytes)
{
    struct wire w = {.line = raw->line,
                     .pos = raw->pos,
                     .has = raw->has,
                     .n_fields = raw->n_fields,
                     .bytes = bytes,
                     .lines_up = raw->lines_up,
                     .too_long = raw->too_long,
                     .too_long_field = raw->too_long_field};
    at = put(at, &w, sizeof w);
    for (uint64_t m = raw->has; m; m &= m - 1) {
        int f = __builtin_ctzll(m);
        uint32_t len = (uint32_t)raw->len[f] | (raw->field[f] ? KEPT : 0);
        at = put(at, &len, sizeof len);
        if (raw->field[f]) /* NUL-terminated here, also a field read in place */
            *(at = put(at, raw->field[f], raw->len[f])) = '\0', at++;
    }
    for (uint64_t m = st->identifiers; m; m &= m - 1) {
        int f = __builtin_ctzll(m);
        at = put(at, &ids->state[f], 1);
        if (ids->state[f] == ID_HASHED)
            at = put(at, ids->hash[f], sizeof ids->hash[f]);
    }
}

/* The reader's callback: pseudonymise the record and append it to the buffer being filled. */
static int on_record_read(void *ctx, const struct csvr_record *rec)
{
    struct pipe *pp = ctx;
    struct ingest_state *st = pp->st;
    if (rec->number == 1) {
        st->header_seen = 1;
        return map_header(st, rec);
    }
    struct raw_view raw;
    view_of_record(st, rec, &raw);
    pseudonymise(st, rec, &raw, &pp->ids);
    size_t need = wire_size(st, &raw, &pp->ids);
    if (pp->buf && pp->buf->used > 0 && pp->buf->used + need > HANDOFF_BYTES) {
        handoff_publish(&pp->h);
        pp->buf = NULL;
    }
    if (!pp->buf && !(pp->buf = handoff_fill(&pp->h)))
        return ERR_LIMIT; /* the joiner stopped */
    if (handoff_reserve(pp->buf, need) != 0)
        return err_set(st->e, ERR_NOMEM, "out of memory");
    wire_write(st, pp->buf->bytes + pp->buf->used, &raw, &pp->ids, need);
    pp->buf->used += need;
    return 0;
}

static void *reader_thread(void *arg)
{
    struct pipe *pp = arg;
    pp->rc = csvr_read(&pp->st->reader, pp->st->o->cfg->path, on_record_read, pp, &pp->e);
    if (pp->buf && pp->buf->used > 0)
        handoff_publish(&pp->h);
    pp->buf = NULL;
    handoff_close(&pp->h);
    return NULL;
}

static const unsigned char *get(const unsigned char *at, void *p, size_t n)
{
    memcpy(p, at, n);
    return at + n;
}

/* Decode one record into raw and ids; its size in the buffer. */
static size_t wire_read(const struct ingest_state *st, const unsigned char *at,
                        struct raw_view *raw, struct ids *ids)
{
    struct wire w;
    at = get(at, &w, sizeof w);
    *raw = (struct raw_view){.line = w.line,
                             .pos = w.pos,
                             .n_fields = w.n_fields,
                             .lines_up = w.lines_up,
                             .too_long = w.too_long,
                             .too_long_field = w.too_long_field,
                             .has = w.has};
    for (uint64_t m = w.has; m; m &= m - 1) {
        int f = __builtin_ctzll(m);
        uint32_t len;
        at = get(at, &len, sizeof len);
        raw->len[f] = len & ~KEPT;
        raw->field[f] = len & KEPT ? (const char *)at : NULL;
        at += len & KEPT ? raw->len[f] + 1 : 0;
    }
    for (uint64_t m = st->identifiers; m; m &= m - 1) {
        int f = __builtin_ctzll(m);
        at = get(at, &ids->state[f], 1);
        if (ids->state[f] == ID_HASHED)
            at = get(at, ids->hash[f], sizeof ids->hash[f]);
    }
    return w.bytes;
}

/* The joiner: the buffers in order, each record delivered; 0 or the first error. */
static int join_buffers(struct pipe *pp, struct err *e)
{
    struct ingest_state *st = pp->st;
    int rc = 0;
    struct handoff_buf *b;
    while ((b = handoff_take(&pp->h)) != NULL) {
        for (size_t at = 0; rc == 0 && at < b->used;) {
            struct raw_view raw;
            at += wire_read(st, b->bytes + at, &raw, &st->ids);
            rc = deliver(st, &raw, &st->ids, e);
        }
        handoff_done(&pp->h);
        if (rc != 0) {
            handoff_cancel(&pp->h);
            break;
        }
    }
    return rc;
}

/*
 * Read on a second thread and join on this one (see handoff.h); the rows reach the
 * sink and the quarantine in file order, as with one thread. -1 when the thread
 * could not be started (the caller reads on one thread instead).
 */
static int read_two_threads(struct ingest_state *st, struct err *e)
{
    struct pipe *pp = calloc(1, sizeof *pp);
    if (!pp || handoff_init(&pp->h, HANDOFF_BYTES) != 0) {
        free(pp);
        return -1;
    }
    pp->st = st;
    err_clear(&pp->e);
    st->e = &pp->e; /* the reader's half (header, reading) reports here */
    pthread_t tid;
    if (pthread_create(&tid, NULL, reader_thread, pp) != 0) {
        st->e = e;
        handoff_release(&pp->h);
        free(pp);
        return -1;
    }
    int rc = join_buffers(pp, e);
    pthread_join(tid, NULL);
    st->e = e;
    if (rc == 0 && pp->rc != 0) {
        *e = pp->e;
        rc = pp->rc;
    }
    handoff_release(&pp->h);
    wipe(pp, sizeof *pp); /* the last record's pseudonyms */
    free(pp);
    return rc;
}

int ingest_source(enum source_id src, const struct ingest_opts *o, ingest_sink_fn sink, void *ctx,
                  struct ingest_counts *counts, struct err *e)
{
    struct ingest_state *st = calloc(1, sizeof *st);
    size_t text_cap = o->max_field * 3 + 1; /* cp1252 -> UTF-8 at most triples */
    char *text = st ? malloc((size_t)F_COUNT * text_cap) : NULL;
    if (!text) {
        free(st);
        err_set(e, ERR_NOMEM, "out of memory reading %s", o->display_name);
        if (o->problems) /* as every failure before the header is (below) */
            fprintf(o->problems, "vik: %s\n", e->msg);
        return e->code;
    }
    st->src = src, st->o = o, st->sink = sink, st->ctx = ctx, st->counts = counts, st->e = e;
    st->text_cap = text_cap;
    st->text = text;
    memset(counts, 0, sizeof *counts);
    csvr_init(&st->reader, o->cfg->delimiter, o->max_field);
    st->reader.views = 1; /* every field is read by its length (parse.c) */
    st->reader.tap = o->raw_tap;
    st->reader.tap_ctx = o->raw_tap_ctx;
    st->started = clock_wall();
    st->total_bytes = o->progress || o->expect ? expected_bytes(o->cfg->path) : 0;
    int rc = -1;
    if (o->threads > 1 && !o->header_only && !o->problems)
        rc = read_two_threads(st, e);
    if (rc == -1)
        rc = csvr_read(&st->reader, o->cfg->path, on_record, st, e);
    progress(st, 0, 1);
    if (rc != 0 && rc != ERR_LIMIT && o->problems && !st->header_seen)
        fprintf(o->problems, "vik: %s\n", e->msg); /* header problems were printed already */
    if (rc == ERR_LIMIT && o->header_only && st->n_header > 0)
        rc = 0;
    if (!rc && st->n_header == 0)
        rc = err_set(e, ERR_INPUT, "%s: file is empty (no header)", o->display_name);
    counts->bytes = st->reader.bytes_read;
    counts->blank_lines = st->reader.blank_lines;
    counts->read_to_end = st->reader.read_to_end;
    wipe(st->text, (size_t)F_COUNT * st->text_cap);
    free(st->text);
    wipe(st, sizeof *st);
    free(st);
    return rc;
}
