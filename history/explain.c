/*
 * explain.c - `vik explain ADDRESS --stored | --run N`: the figures of a stored night.
 *
 * Why: a resident who asks why their address was on a list (AVG art. 15), or a
 * coordinator who asks why it was on last Tuesday's list, needs that night's
 * figures - not a recomputation from tonight's exports, which may have changed.
 * The history database keeps, per listed line, the score and every counting
 * contribution with its reason sentence, and the outcomes recorded since.
 *
 * The typed address is matched on postcode and house number and every unit stored
 * there is shown: a row written "12 hs" was listed under its Kadaster address
 * "12-H", and without that night's inputs the linker cannot be asked again.
 */
#include "common/date.h"
#include "history/hdb.h"

#include <stdlib.h>
#include <string.h>

/* The run to show: the one asked for, or the latest that listed the house number. */
static int pick_run(struct history *h, const struct addr_key *k, int64_t asked, int64_t *run,
                    struct err *e)
{
    if (asked)
        return hdb_scalar(h, "SELECT COALESCE(MAX(id), 0) FROM runs WHERE id = ?", run, e, "i",
                          asked);
    return hdb_scalar(h,
                      "SELECT COALESCE(MAX(run), 0) FROM list_entries "
                      "WHERE postcode = ? AND house_number = ?",
                      run, e, "ti", k->postcode, (int64_t)k->number);
}

static int print_run(struct history *h, int64_t run, FILE *out, struct err *e)
{
    sqlite3_stmt *st;
    if (hdb_prepare(h,
                    "SELECT reference_date, version, config_hash, finished FROM runs WHERE id = ?",
                    &st, e) != 0)
        return ERR_IO;
    int rc = hdb_bind(h, st, e, "i", run), got = rc == 0 ? hdb_step(h, st, e) : -1;
    if (got == 1) {
        int64_t d = sqlite3_column_int64(st, 0);
        fprintf(out,
                "run %lld (reference date %04lld-%02lld-%02lld, vik %s, config %s, finished %s): "
                "the figures stored that night\n",
                (long long)run, (long long)(d / 10000), (long long)(d / 100 % 100),
                (long long)(d % 100), hdb_text(st, 1), hdb_text(st, 2), hdb_text(st, 3));
    }
    hdb_finalize(st);
    return got < 0 ? ERR_IO : 0;
}

static int print_contributions(struct history *h, sqlite3_stmt *c, int64_t entry, FILE *out,
                               struct err *e)
{
    if (hdb_bind(h, c, e, "i", entry) != 0)
        return ERR_IO;
    int got;
    while ((got = hdb_step(h, c, e)) == 1)
        fprintf(out, "    %s\n", hdb_text(c, 2)); /* "E1 energy_high: ... = +4.00" */
    return got < 0 || hdb_reset(h, c, e) != 0 ? ERR_IO : 0;
}

static int print_entries(struct history *h, int64_t run, const struct addr_key *k, FILE *out,
                         struct err *e)
{
    sqlite3_stmt *st = NULL, *c = NULL;
    int rc = hdb_prepare(h,
                         "SELECT id, postcode, house_number, house_letter, house_suffix, theme, "
                         "rank, score, realerted FROM list_entries WHERE run = ? AND postcode = ? "
                         "AND house_number = ? ORDER BY address, theme",
                         &st, e);
    if (rc == 0)
        rc = hdb_prepare(h,
                         "SELECT indicator, contribution, reason FROM contributions "
                         "WHERE entry = ? ORDER BY contribution DESC, indicator",
                         &c, e);
    if (rc == 0)
        rc = hdb_bind(h, st, e, "iti", run, k->postcode, (int64_t)k->number);
    int got = 0;
    while (rc == 0 && (got = hdb_step(h, st, e)) == 1) {
        char addr[48];
        hdb_address_text(hdb_text(st, 1), sqlite3_column_int64(st, 2), hdb_text(st, 3),
                         hdb_text(st, 4), addr, sizeof addr);
        fprintf(out, "  %s, theme %s: rank %lld, score %.2f%s\n", addr, hdb_text(st, 5),
                (long long)sqlite3_column_int64(st, 6), sqlite3_column_double(st, 7),
                sqlite3_column_int64(st, 8) ? " (re-alerted: new evidence after an outcome)" : "");
        rc = print_contributions(h, c, sqlite3_column_int64(st, 0), out, e);
    }
    if (rc == 0 && got < 0)
        rc = ERR_IO;
    hdb_finalize(st);
    hdb_finalize(c);
    return rc;
}

/* "5664AB 12A-2" for a stored key "5664AB|12|A|2" (the key as written when not of that form). */
static void key_display(const char *key, char *buf, size_t size)
{
    char pc[8] = "", letter[4] = "", suffix[8] = "";
    long long number = 0;
    const char *p = key, *bar = strchr(p, '|');
    if (!bar || bar - p > 6) {
        snprintf(buf, size, "%s", key);
        return;
    }
    memcpy(pc, p, (size_t)(bar - p));
    number = strtoll(bar + 1, (char **)&p, 10);
    if (*p == '|') {
        const char *q = strchr(p + 1, '|');
        if (q && q - (p + 1) < (long)sizeof letter) {
            memcpy(letter, p + 1, (size_t)(q - (p + 1)));
            snprintf(suffix, sizeof suffix, "%s", q + 1);
        }
    }
    hdb_address_text(pc, number, letter, suffix, buf, size);
}

/* Outcomes recorded for the units at this postcode and number (all, newest first). */
static int print_outcomes(struct history *h, const struct addr_key *k, FILE *out, struct err *e)
{
    char prefix[32];
    int n = snprintf(prefix, sizeof prefix, "%s|%u|", k->postcode, (unsigned)k->number);
    sqlite3_stmt *st;
    if (hdb_prepare(h,
                    "SELECT address, theme, status, date, note FROM outcomes "
                    "WHERE substr(address, 1, ?) = ? ORDER BY date DESC, id DESC",
                    &st, e) != 0)
        return ERR_IO;
    int rc = hdb_bind(h, st, e, "it", (int64_t)n, prefix), got = 0, shown = 0;
    while (rc == 0 && (got = hdb_step(h, st, e)) == 1) {
        char addr[40], day[DATE_TEXT];
        key_display(hdb_text(st, 0), addr, sizeof addr);
        fprintf(out, "%s  %s %s: %s on %s%s%s\n", shown++ ? "" : "outcomes:\n", addr,
                hdb_text(st, 1), hdb_text(st, 2),
                date_text((int32_t)sqlite3_column_int64(st, 3), day), *hdb_text(st, 4) ? " - " : "",
                hdb_text(st, 4));
    }
    hdb_finalize(st);
    return rc == 0 && got < 0 ? ERR_IO : rc;
}

int history_explain(struct history *h, const struct addr_key *k, int64_t run_id, FILE *out,
                    struct err *e)
{
    int64_t run = 0;
    if (pick_run(h, k, run_id, &run, e) != 0)
        return ERR_IO;
    if (run_id && !run)
        return err_set(e, ERR_USAGE, "there is no run %lld in the history database",
                       (long long)run_id);
    int rc = 0;
    if (!run)
        fprintf(out, "%s %u: not on any list stored in the history database\n", k->postcode,
                (unsigned)k->number);
    else if ((rc = print_run(h, run, out, e)) == 0)
        rc = print_entries(h, run, k, out, e);
    return rc == 0 ? print_outcomes(h, k, out, e) : rc;
}
