/*
 * outcome.c - what the coordinator recorded after the LIO (vik outcome); see
 * history.h.
 *
 * An outcome is stored against the canonical address key and a theme, with a date
 * (the day of the assessment; suppression counts from it) and an optional short
 * note. The note is free text typed by a person, so it is the one field that could
 * carry personal data: it is capped at HISTORY_NOTE_MAX bytes and the README asks
 * for a case number, never a name.
 */
#include "history/history.h"

#include "common/date.h"
#include "history/hdb.h"
#include "transform/address.h"

#include <stdlib.h>
#include <string.h>

int outcome_status_by_name(const char *name)
{
    for (int s = OUTCOME_NONE + 1; s < OUTCOME_COUNT; s++)
        if (!strcmp(name, outcome_name((enum outcome_status)s)))
            return s;
    return -1;
}

const char *history_note_problem(const char *note)
{
    if (strlen(note) > HISTORY_NOTE_MAX)
        return "note is longer than 200 bytes (a case reference, not the case)";
    for (const unsigned char *p = (const unsigned char *)note; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return "note contains a control character";
    return NULL;
}

static int insert_outcome(struct history *h, sqlite3_stmt *st, const struct history_outcome *o,
                          const char *now, struct err *e)
{
    char key[ADDR_KEY_MAX];
    addr_key_text(&o->key, key, sizeof key);
    return hdb_insert(h, st, e, "tttitt", key, catalogue_theme(o->theme)->name,
                      outcome_name(o->status), (int64_t)o->date, o->note ? o->note : "", now);
}

int history_add_outcomes(struct history *h, const struct history_outcome *o, size_t n,
                         struct err *e)
{
    char now[24];
    history_now(now);
    if (hdb_begin(h, e) != 0)
        return ERR_IO;
    sqlite3_stmt *st;
    int rc = hdb_prepare(h,
                         "INSERT INTO outcomes (address, theme, status, date, note, recorded_at) "
                         "VALUES (?, ?, ?, ?, ?, ?)",
                         &st, e);
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = insert_outcome(h, st, &o[i], now, e);
    hdb_finalize(st);
    if (rc != 0) {
        hdb_rollback(h);
        return rc;
    }
    return hdb_commit(h, e);
}

int history_ever_listed(struct history *h, const struct addr_key *k, enum theme_id t, struct err *e)
{
    char key[ADDR_KEY_MAX];
    addr_key_text(k, key, sizeof key);
    int64_t n;
    if (hdb_scalar(h, "SELECT COUNT(*) FROM list_entries WHERE address = ? AND theme = ?", &n, e,
                   "tt", key, catalogue_theme(t)->name) != 0)
        return -1;
    return n > 0;
}

/* ---------------------------------------------------------------- CSV import */

enum { IMPORT_FIELDS = 8, IMPORT_LINE_MAX = 4096 };

struct import {
    const char *path;
    FILE *problems;
    long line;
    int n_bad;
    struct history_outcome *rows;
    char **notes; /* malloc'd copies, one per row */
    size_t n, cap;
};

static void bad_line(struct import *im, const char *what, const char *value)
{
    im->n_bad++;
    if (im->problems)
        fprintf(im->problems, "%s:%ld: %s '%s'\n", im->path, im->line, what, value);
}

/* Split at ';' into up to IMPORT_FIELDS fields; the note (last) keeps any further ';'. */
static int split(char *line, char *f[IMPORT_FIELDS])
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < IMPORT_FIELDS; p++)
        if (*p == ';') {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

/* Fill o from the fields; 0, or -1 with the problem reported. */
static int parse_fields(struct import *im, char *f[IMPORT_FIELDS], struct history_outcome *o)
{
    const char *letter = f[2];
    enum addr_status as = addr_normalise(f[0], strlen(f[0]), f[1], strlen(f[1]), letter,
                                         strlen(letter), f[3], strlen(f[3]), &o->key);
    int t = catalogue_theme_by_name(f[4]);
    int st = outcome_status_by_name(f[5]);
    const char *why = history_note_problem(f[7]);
    if (as != ADDR_OK)
        return bad_line(im, addr_status_text(as), f[0]), -1;
    if (t < 0)
        return bad_line(im, "unknown theme (hennep, witwassen, brievenbus, overbewoning)", f[4]),
               -1;
    if (st < 0)
        return bad_line(im, "unknown status (geen-bevinding, bekend, in-onderzoek, bevestigd)",
                        f[5]),
               -1;
    if (date_parse_iso(f[6], &o->date) != 0)
        return bad_line(im, "date is not YYYY-MM-DD", f[6]), -1;
    if (why)
        return bad_line(im, why, ""), -1;
    o->theme = (enum theme_id)t;
    o->status = (enum outcome_status)st;
    return 0;
}

static int keep_row(struct import *im, const struct history_outcome *o, const char *note,
                    struct err *e)
{
    if (im->n == im->cap) {
        size_t cap = im->cap ? im->cap * 2 : 64;
        void *r = realloc(im->rows, cap * sizeof *im->rows);
        if (r)
            im->rows = r;
        void *nt = r ? realloc(im->notes, cap * sizeof *im->notes) : NULL;
        if (!r || !nt)
            return err_set(e, ERR_NOMEM, "out of memory");
        im->notes = nt;
        im->cap = cap;
    }
    im->notes[im->n] = strdup(note);
    if (!im->notes[im->n])
        return err_set(e, ERR_NOMEM, "out of memory");
    im->rows[im->n] = *o;
    im->rows[im->n].note = im->notes[im->n];
    im->n++;
    return 0;
}

static void chomp(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
}

static int parse_line(struct import *im, char *buf, struct err *e)
{
    chomp(buf);
    const char *s = buf;
    if (im->line == 1 && !strncmp(s, "\xEF\xBB\xBF", 3))
        s += 3, buf += 3; /* a UTF-8 BOM (Excel writes one) */
    if (!*s || (im->line == 1 && !strncmp(s, "postcode;", 9)))
        return 0; /* blank line or the header */
    char *f[IMPORT_FIELDS];
    int n = split(buf, f);
    if (n < IMPORT_FIELDS - 1)
        return bad_line(im,
                        "expected postcode;house_number;house_letter;house_suffix;theme;"
                        "status;date;note, got",
                        s),
               0;
    if (n == IMPORT_FIELDS - 1)
        f[IMPORT_FIELDS - 1] = buf + strlen(buf); /* no note: "" */
    struct history_outcome o;
    memset(&o, 0, sizeof o);
    if (parse_fields(im, f, &o) != 0)
        return 0;
    return keep_row(im, &o, f[IMPORT_FIELDS - 1], e);
}

static int read_all(struct import *im, FILE *in, struct err *e)
{
    char buf[IMPORT_LINE_MAX];
    while (fgets(buf, sizeof buf, in)) {
        im->line++;
        if (!strchr(buf, '\n') && !feof(in)) {
            bad_line(im, "line longer than 4095 bytes", "");
            int c;
            while ((c = fgetc(in)) != EOF && c != '\n')
                ;
            continue;
        }
        if (parse_line(im, buf, e) != 0)
            return e->code;
    }
    if (ferror(in))
        return err_set(e, ERR_IO, "cannot read '%s'", im->path);
    return 0;
}

static void import_release(struct import *im)
{
    for (size_t i = 0; i < im->n; i++)
        free(im->notes[i]);
    free(im->notes);
    free(im->rows);
}

int history_import_outcomes(struct history *h, const char *path, FILE *problems, size_t *n_imported,
                            struct err *e)
{
    *n_imported = 0;
    FILE *in = fopen(path, "r");
    if (!in)
        return err_set(e, ERR_INPUT, "cannot open '%s'", path);
    struct import im = {path, problems, 0, 0, NULL, NULL, 0, 0};
    int rc = read_all(&im, in, e);
    fclose(in);
    if (rc == 0 && im.n_bad)
        rc = err_set(e, ERR_INPUT, "%s: %d bad line%s, nothing imported", path, im.n_bad,
                     im.n_bad == 1 ? "" : "s");
    if (rc == 0)
        rc = history_add_outcomes(h, im.rows, im.n, e);
    if (rc == 0)
        *n_imported = im.n;
    import_release(&im);
    return rc;
}
