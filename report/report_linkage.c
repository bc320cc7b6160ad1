/*
 * report_linkage.c - see report_linkage.h.
 *
 * linkage.csv: one line per source read, with its rows per class and the linked
 * share. linkage-neighbourhood.csv: one line per buurt and source, worst unlinked
 * share first (the order the analyst reads it in), then by buurt code.
 */
#include "report/report_linkage.h"

#include "common/csvout.h"

#include <stdlib.h>

static void write_classes(FILE *f, const struct linkage *lk, const int loaded[SRC_COUNT])
{
    fputs("source;rows", f);
    for (int c = 0; c < LINK_CLASS_COUNT; c++)
        fprintf(f, ";%s", link_class_code(c));
    fputs(";linked;linked_share;bag_id_invalid;bag_id_unknown\n", f);
    for (int s = 0; s < SRC_COUNT; s++) {
        if (loaded[s] != 1)
            continue;
        uint64_t rows = linkage_rows(lk, s), linked = linkage_linked(lk, s);
        fprintf(f, "%s;%llu", schema_source(s)->name, (unsigned long long)rows);
        for (int c = 0; c < LINK_CLASS_COUNT; c++)
            fprintf(f, ";%llu", (unsigned long long)lk->cls[s][c]);
        fprintf(f, ";%llu;%.4f;%llu;%llu\n", (unsigned long long)linked,
                rows ? (double)linked / (double)rows : 0.0, (unsigned long long)lk->bag_invalid[s],
                (unsigned long long)lk->bag_unknown[s]);
    }
}

static void write_area(FILE *f, const struct linkage_area *a, const int loaded[SRC_COUNT])
{
    for (int s = 0; s < SRC_COUNT; s++) {
        if (loaded[s] != 1 || s == SRC_KADASTER_OBJECTS || a->rows[s] == 0)
            continue;
        csvout_field(f, a->neighbourhood ? a->neighbourhood : "", ';');
        fprintf(f, "%s;%llu;%llu;%.4f\n", schema_source(s)->name, (unsigned long long)a->rows[s],
                (unsigned long long)a->unlinked[s], (double)a->unlinked[s] / (double)a->rows[s]);
    }
}

static int write_areas(FILE *f, const struct linkage *lk, const int loaded[SRC_COUNT],
                       struct err *e)
{
    uint32_t *order;
    if (linkage_areas_sorted(lk, &order) != 0)
        return err_set(e, ERR_NOMEM, "out of memory sorting the linkage report");
    fputs("neighbourhood;source;rows;unlinked;unlinked_share\n", f);
    for (uint32_t i = 0; i < lk->n_areas; i++)
        write_area(f, &lk->areas[order[i]], loaded);
    free(order);
    return 0;
}

static FILE *open_member(const char *dir, const char *name, int excel, struct fs_batch *out,
                         struct err *e)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    struct fs_out *o = fs_batch_open(out, path, e);
    if (o)
        csvout_begin(o->f, excel);
    return o ? o->f : NULL;
}

int report_linkage(const struct linkage *lk, const int loaded[SRC_COUNT], const char *dir,
                   int excel, struct fs_batch *out, struct err *e)
{
    FILE *f = open_member(dir, "linkage.csv", excel, out, e);
    if (!f)
        return e->code;
    write_classes(f, lk, loaded);
    if (!(f = open_member(dir, "linkage-neighbourhood.csv", excel, out, e)))
        return e->code;
    return write_areas(f, lk, loaded, e);
}
