/*
 * summary.c - see summary.h.
 */
#include "report/summary.h"
#include "common/date.h"

#include <stdlib.h>

static void print_tally(FILE *f, const char *label, const struct ingest_tally *t)
{
    for (size_t i = 0; i < t->n; i++)
        fprintf(f, "%s%s %llu", i ? ", " : label, t->item[i].code,
                (unsigned long long)t->item[i].n);
    if (t->n)
        fputc('\n', f);
}

static void print_reasons(FILE *f, const struct ingest_counts *c)
{
    print_tally(f, "    quarantined: ", &c->reasons);
    print_tally(f, "    warnings (accepted): ", &c->warnings);
    if (c->blank_lines)
        fprintf(f, "    blank lines skipped (only delimiters, no data): %llu\n",
                (unsigned long long)c->blank_lines);
}

static void print_linkage(FILE *f, const struct linkage *lk, enum source_id src);

static void print_sources(FILE *f, const struct summary *s)
{
    fprintf(f, "%-22s %10s %10s %11s %10s %14s\n", "source", "read", "accepted", "quarantined",
            "linked", "not in objects");
    for (int src = 0; src < SRC_COUNT; src++) {
        const char *name = schema_source(src)->name;
        if (s->loaded[src] <= 0) {
            fprintf(f, "%-22s %s\n", name,
                    s->loaded[src] < 0 ? "missing or empty (optional): its indicators are skipped"
                                       : "not configured: its indicators are skipped");
            continue;
        }
        const struct ingest_counts *c = &s->ingest[src];
        const struct join_counts *j = &s->join[src];
        fprintf(f, "%-22s %10llu %10llu %11llu %10llu %14llu\n", name, (unsigned long long)c->read,
                (unsigned long long)c->accepted, (unsigned long long)c->quarantined,
                (unsigned long long)j->linked,
                (unsigned long long)(src == SRC_KADASTER_OBJECTS ? 0 : j->not_in_objects));
        print_reasons(f, c);
        if (j->duplicates)
            fprintf(f, "    duplicates merged: %llu (co-owners, co-buyers: counted once)\n",
                    (unsigned long long)j->duplicates);
        if (src != SRC_KADASTER_OBJECTS)
            print_linkage(f, s->linkage, src);
        if (src == SRC_SIGNALS)
            fprintf(f,
                    "    reports: %llu counted for a theme, %llu repeated, %llu outside the "
                    "window, %llu of categories no theme lists\n",
                    (unsigned long long)s->signals->counted, (unsigned long long)j->duplicates,
                    (unsigned long long)s->signals->old, (unsigned long long)s->signals->other);
    }
}

/* "    linked 99.1%: EXACT 34500, SYNONYM 80; not linked: NOT_IN_KADASTER 270" */
static void print_linkage(FILE *f, const struct linkage *lk, enum source_id src)
{
    uint64_t rows = linkage_rows(lk, src), linked = linkage_linked(lk, src);
    fprintf(f, "    linkage: %.1f%% linked", rows ? 100.0 * (double)linked / (double)rows : 0.0);
    int first = 1;
    for (int c = 0; c < LINK_CLASS_COUNT; c++) {
        if (!lk->cls[src][c])
            continue;
        int sep = first || link_class_linked(c) != link_class_linked(c - 1);
        fprintf(f, "%s%s %llu", sep ? (link_class_linked(c) ? ": " : "; not linked: ") : ", ",
                link_class_code(c), (unsigned long long)lk->cls[src][c]);
        first = 0;
    }
    fputc('\n', f);
    if (lk->bag_invalid[src] || lk->bag_unknown[src])
        fprintf(f,
                "    bag_id: %llu not a BAG id, %llu unknown to the Kadaster (linked by address)\n",
                (unsigned long long)lk->bag_invalid[src], (unsigned long long)lk->bag_unknown[src]);
}

/*
 * The buurten with the highest unlinked share (at least MIN_ROWS rows) against the
 * overall share. A buurt at twice the overall share and at least FLAG_SHARE is
 * flagged: its count indicators (residents, companies) are the least reliable.
 */
static void print_areas(FILE *f, const struct linkage *lk)
{
    enum { SHOWN = 3, MIN_ROWS = 20 };
    const double FLAG_SHARE = 0.02;
    uint64_t rows = 0, unlinked = 0;
    for (uint32_t i = 0; i < lk->n_areas; i++)
        for (int s = 0; s < SRC_COUNT; s++)
            rows += lk->areas[i].rows[s], unlinked += lk->areas[i].unlinked[s];
    if (!rows)
        return;
    double overall = (double)unlinked / (double)rows;
    fprintf(f, "\nlinkage: %.2f%% of rows not linked to a Kadaster address", 100 * overall);
    uint32_t *order = NULL;
    int sorted = linkage_areas_sorted(lk, &order) == 0;
    if (!sorted) /* the night's files are written: say what this summary leaves out */
        fputs("; the neighbourhoods with the highest share are not shown here (out of memory)", f);
    int shown = 0;
    for (uint32_t i = 0; sorted && i < lk->n_areas && shown < SHOWN; i++) {
        const struct linkage_area *a = &lk->areas[order[i]];
        uint64_t n = 0, u = 0;
        for (int s = 0; s < SRC_COUNT; s++)
            n += a->rows[s], u += a->unlinked[s];
        if (n < MIN_ROWS || u == 0)
            continue;
        double share = (double)u / (double)n;
        fprintf(f, "%s\n    %-12s %5.2f%% (%llu of %llu rows)%s",
                shown ? "" : "; highest:", a->neighbourhood ? a->neighbourhood : "(unknown)",
                100 * share, (unsigned long long)u, (unsigned long long)n,
                share >= FLAG_SHARE && share > 2 * overall
                    ? "  CHECK: over twice the overall share, its counts are less reliable"
                    : "");
        shown++;
    }
    fputs("\n    (per source and class in linkage.csv, per neighbourhood in "
          "linkage-neighbourhood.csv)\n",
          f);
    free(order);
}

static void print_themes(FILE *f, const struct summary *s)
{
    fprintf(f, "\n%-14s %8s %8s\n", "theme", "scored", "listed");
    for (int t = 0; t < THEME_COUNT; t++) {
        size_t n = s->lists->n[t]; /* scored minus what outcomes took off */
        fprintf(f, "%-14s %8zu %8zu\n", catalogue_theme(t)->name, s->score->n_list[t],
                n < (size_t)s->top_n ? n : (size_t)s->top_n);
    }
    fprintf(f, "\n%-24s %10s %10s\n", "indicator", "evaluable", "fired");
    for (int i = 0; i < IND_COUNT; i++)
        fprintf(f, "%-24s %10llu %10llu\n", indicator_desc(i)->name,
                (unsigned long long)s->score->n_evaluable[i],
                (unsigned long long)s->score->n_fired[i]);
}

/* "time: ingest 12.1 s (kadaster_objects 1.2, brp 4.0, ...), link 0.4 s, ...": the stage's
 * wall time, then each source's own (those after the objects run side by side) */
static void print_times(FILE *f, const struct summary *s)
{
    const struct stage_times *t = s->times;
    fprintf(f, "time: ingest %.2f s (", t->ingest_wall);
    const char *sep = "";
    for (int src = 0; src < SRC_COUNT; src++)
        if (s->loaded[src] > 0) {
            fprintf(f, "%s%s %.2f", sep, schema_source(src)->name, t->ingest[src]);
            sep = ", ";
        }
    fprintf(f, "), link %.2f s, score %.2f s, report %.2f s, history %.2f s; cpu %.2f s\n", t->link,
            t->score, t->report, t->history, t->cpu);
}

void summary_print(FILE *f, const struct summary *s)
{
    char day[DATE_TEXT];
    fprintf(f, "vik run: reference date %s, config %s\n\n", date_text(s->reference_date, day),
            s->config_hash);
    print_sources(f, s);
    print_areas(f, s->linkage);
    fprintf(f, "\naddresses in the model: %u\n", (unsigned)s->n_addresses);
    print_themes(f, s);
    uint64_t rows = 0;
    for (int src = 0; src < SRC_COUNT; src++)
        rows += s->loaded[src] > 0 ? s->ingest[src].read : 0;
    double secs = s->times->total;
    fprintf(f, "\nrows %llu in %.2f s (%.0f rows/s), peak memory %.0f MiB\n",
            (unsigned long long)rows, secs, secs > 0 ? (double)rows / secs : 0,
            (double)s->peak_kib / 1024.0);
    print_times(f, s);
    fprintf(f, "report: %s/report.html; watchlists, quarantine, unlinked and linkage files in %s\n",
            s->output_dir, s->output_dir);
}
