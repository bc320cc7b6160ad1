/*
 * report_csv.c - see report_csv.h.
 */
#include "report/report_csv.h"

#include "common/csvout.h"
#include "common/fsutil.h"
#include "score/fmt.h"

#include <stdio.h>
#include <string.h>

const char REPORT_HEADER[] = "rank;theme;score;postcode;house_number;house_letter;house_suffix;"
                             "street;city;neighbourhood;reasons";

/* Reasons of the hits that count for theme t, strongest first, " || "-separated. */
static void write_reasons(FILE *f, const struct score_result *r, const struct score_opts *so,
                          const struct listing *l, enum theme_id t)
{
    size_t order[IND_COUNT], n = 0;
    for (size_t h = l->first_hit; h < l->first_hit + l->n_hits && n < IND_COUNT; h++) {
        if (!score_hit_counts(r, so, l, h, t))
            continue;
        size_t i = n++;
        while (i > 0 && r->hits[order[i - 1]].contribution < r->hits[h].contribution) {
            order[i] = order[i - 1];
            i--;
        }
        order[i] = h;
    }
    char buf[4096], one[1024];
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const struct hit *hit = &r->hits[order[i]];
        fmt_contribution(one, sizeof one, hit->ind, &so->ind[hit->ind], hit->strength, hit->rarity,
                         hit->grade, hit->reason);
        int k = snprintf(buf + used, sizeof buf - used, "%s%s", used ? " || " : "", one);
        if (k < 0 || (size_t)k >= sizeof buf - used)
            break;
        used += (size_t)k;
    }
    csvout_field(f, buf, 0);
}

static void write_line(FILE *f, const struct dataset *d, const struct score_result *r,
                       const struct score_opts *so, const struct listing *l, int rank,
                       enum theme_id t)
{
    const struct address *a = &d->addrs[l->addr];
    char letter[2] = {a->key.letter, '\0'};
    fprintf(f, "%d;%s;%.2f;%s;%u;%s;%s;", rank, catalogue_theme(t)->name, l->score, a->key.postcode,
            (unsigned)a->key.number, letter, a->key.suffix);
    csvout_field(f, a->street, ';');
    csvout_field(f, a->city, ';');
    csvout_field(f, a->neighbourhood, ';');
    write_reasons(f, r, so, l, t);
    fputc('\n', f);
}

/* What one night's CSV files are written from. */
struct csv_job {
    const struct dataset *d;
    const struct score_result *r;    /* hits and watch lists */
    const struct score_lists *lists; /* the published lists */
    const struct report_opts *o;
};

/* The first top_n lines of theme t's list (watch = 0) or watch list (watch = 1). */
static int write_theme(FILE *f, const struct csv_job *j, enum theme_id t, int watch)
{
    const struct listing *lines = watch ? j->r->watch[t] : j->lists->list[t];
    size_t n = watch ? j->r->n_watch[t] : j->lists->n[t];
    if (n > (size_t)j->o->top_n)
        n = (size_t)j->o->top_n;
    for (size_t i = 0; i < n; i++)
        write_line(f, j->d, j->r, j->o->score, &lines[i], (int)i + 1, t);
    return 0;
}

/* One file with the given themes (bit per enum theme_id), lists or watch lists. */
static int write_file(const struct csv_job *j, struct fs_batch *out, const char *name,
                      unsigned themes, int watch, struct err *e)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", j->o->output_dir, name);
    struct fs_out *f = fs_batch_open(out, path, e);
    if (!f)
        return e->code;
    csvout_begin(f->f, j->o->excel);
    fprintf(f->f, "%s\n", REPORT_HEADER);
    for (int t = 0; t < THEME_COUNT; t++)
        if (themes & (1u << t))
            write_theme(f->f, j, (enum theme_id)t, watch);
    return 0;
}

int report_watchlists(const struct dataset *d, const struct score_result *r,
                      const struct score_lists *lists, const struct report_opts *o,
                      struct fs_batch *out, struct err *e)
{
    const struct csv_job j = {.d = d, .r = r, .lists = lists, .o = o};
    for (int t = 0; t < THEME_COUNT; t++) {
        char name[64];
        snprintf(name, sizeof name, "watchlist-%s.csv", catalogue_theme(t)->name);
        if (write_file(&j, out, name, 1u << t, 0, e) != 0)
            return e->code;
        snprintf(name, sizeof name, "watch-%s.csv", catalogue_theme(t)->name);
        if (write_file(&j, out, name, 1u << t, 1, e) != 0)
            return e->code;
    }
    return write_file(&j, out, "watchlist.csv", (1u << THEME_COUNT) - 1, 0, e);
}
