/*
 * report_html_proportion.c - proportionality (docs/privacy.md): does a list
 * concentrate on a few neighbourhoods beyond their share of addresses?
 *
 * Why: SyRI was deployed in a few neighbourhoods; a list that lands mostly in one
 * buurt may say more about the peer model or the address quality there than about
 * crime. Per theme the page shows each neighbourhood's share of the listed lines
 * against its share of the model's addresses, and warns when one neighbourhood
 * holds more than twice its share or the top three hold more than half the list
 * (docs/privacy.md's thresholds, marked there as estimates).
 */
#include "common/hmap.h"
#include "report/html.h"
#include "report/report_html_int.h"

#include <stdlib.h>
#include <string.h>

enum { SHOWN = 10 }; /* neighbourhoods per theme table; flagged ones are always shown */

static const double OVER_SHARE = 2.0; /* list share / address share that warns */
static const double TOP3_SHARE = 0.5; /* share of a list in the top 3 that warns */

struct area {
    const char *name; /* interned by the dataset: equal names are equal pointers */
    uint64_t addresses;
    uint32_t listed[THEME_COUNT];
};

struct areas {
    struct area *a;
    uint32_t n, cap;
    struct hmap index; /* pointer value of the name -> index in a */
};

static uint32_t area_of(struct areas *as, const char *name)
{
    uint32_t *slot = hmap_put(&as->index, (const char *)&name, sizeof name, as->n, NULL);
    if (!slot)
        return NONE_IDX;
    if (*slot < as->n)
        return *slot;
    if (as->n == as->cap) {
        uint32_t cap = as->cap ? as->cap * 2 : 256;
        struct area *grown = realloc(as->a, cap * sizeof *grown);
        if (!grown)
            return NONE_IDX; /* the map holds an index past n: the caller fails the page */
        as->a = grown;
        as->cap = cap;
    }
    memset(&as->a[as->n], 0, sizeof as->a[as->n]);
    as->a[as->n].name = name;
    return as->n++;
}

/* Addresses per neighbourhood over the model, and listed lines per theme. */
static int count_areas(const struct report_html_in *in, struct areas *as)
{
    const struct dataset *d = in->data;
    const char *last = NULL;
    uint32_t last_idx = NONE_IDX; /* addresses come grouped by street: one-entry cache */
    for (uint32_t i = 0; i < d->n_addrs; i++) {
        const char *name = d->addrs[i].neighbourhood;
        uint32_t k = last_idx != NONE_IDX && name == last ? last_idx : area_of(as, name);
        if (k == NONE_IDX)
            return -1;
        as->a[k].addresses++;
        last = name, last_idx = k;
    }
    for (int t = 0; t < THEME_COUNT; t++)
        for (size_t i = 0; i < report_html_listed(in, t); i++) {
            uint32_t k = area_of(as, d->addrs[in->lists->list[t][i].addr].neighbourhood);
            if (k == NONE_IDX)
                return -1;
            as->a[k].listed[t]++;
        }
    return 0;
}

struct rank {
    uint32_t listed;
    const char *name;
    uint32_t idx;
};

/* Most listed first, then by name (unknown last): stable output. */
static int cmp_rank(const void *x, const void *y)
{
    const struct rank *a = x, *b = y;
    if (a->listed != b->listed)
        return a->listed < b->listed ? 1 : -1;
    if (!a->name || !b->name)
        return a->name ? -1 : (b->name ? 1 : 0);
    return strcmp(a->name, b->name);
}

static void write_warnings(FILE *f, const struct areas *as, const struct rank *r, size_t n_rank,
                           size_t listed, uint64_t total)
{
    uint32_t top3 = 0;
    uint64_t top3_addr = 0;
    for (size_t i = 0; i < n_rank && i < 3; i++)
        top3 += r[i].listed, top3_addr += as->a[r[i].idx].addresses;
    double share = (double)top3 / (double)listed;
    int over = 0;
    for (size_t i = 0; i < n_rank; i++) {
        const struct area *a = &as->a[r[i].idx];
        over += (double)r[i].listed / (double)listed >
                OVER_SHARE * (double)a->addresses / (double)total;
    }
    fprintf(f, "<p class=\"%s\">", share > TOP3_SHARE || over ? "warn" : "ok");
    fprintf(f,
            "The top 3 neighbourhoods hold %.0f%% of the list against %.1f%% of the "
            "addresses%s",
            100 * share, 100.0 * (double)top3_addr / (double)total,
            share > TOP3_SHARE ? ": <b>warning, over half of the list</b>" : "");
    if (over)
        fprintf(f, "; <b>%d neighbourhood(s) hold more than %.0fx their share</b>", over,
                OVER_SHARE);
    fprintf(f, ".%s</p>\n",
            listed < 20 ? " With fewer than 20 lines one address moves a share a lot: read "
                          "this as a prompt to look, not as a finding."
                        : "");
}

static void write_area_row(FILE *f, const struct area *a, const struct rank *r, size_t listed,
                           uint64_t total)
{
    double list_share = (double)r->listed / (double)listed;
    double addr_share = (double)a->addresses / (double)total;
    double ratio = addr_share > 0 ? list_share / addr_share : 0;
    fputs("<tr>", f);
    html_cell(f, "td", NULL, a->name ? a->name : "(unknown)");
    html_count_cell(f, a->addresses);
    fprintf(f, "<td class=\"num\">%.1f%%</td>", 100 * addr_share);
    html_count_cell(f, r->listed);
    fprintf(f, "<td class=\"num\">%.1f%%</td><td class=\"num\">%.1fx</td><td>%s</td></tr>\n",
            100 * list_share, ratio, ratio > OVER_SHARE ? "<b>over 2x its share</b>" : "");
}

static int write_theme(FILE *f, const struct report_html_in *in, const struct areas *as,
                       uint64_t total, int t)
{
    size_t listed = report_html_listed(in, t), n_rank = 0;
    html_cell(f, "h3", NULL, catalogue_theme(t)->name);
    if (listed == 0 || total == 0) {
        fputs("<p class=\"muted\">Nothing listed.</p>\n", f);
        return 0;
    }
    struct rank *r = malloc(as->n * sizeof *r);
    if (!r)
        return -1;
    for (uint32_t i = 0; i < as->n; i++)
        if (as->a[i].listed[t])
            r[n_rank++] = (struct rank){as->a[i].listed[t], as->a[i].name, i};
    qsort(r, n_rank, sizeof *r, cmp_rank);
    write_warnings(f, as, r, n_rank, listed, total);
    fputs("<table><thead><tr><th>buurt</th><th class=\"num\">addresses</th><th class=\"num\">"
          "share</th><th class=\"num\">listed</th><th class=\"num\">share of list</th>"
          "<th class=\"num\">ratio</th><th></th></tr></thead><tbody>\n",
          f);
    for (size_t i = 0; i < n_rank; i++) {
        const struct area *a = &as->a[r[i].idx];
        int flagged = (double)r[i].listed / (double)listed >
                      OVER_SHARE * (double)a->addresses / (double)total;
        if (i < SHOWN || flagged)
            write_area_row(f, a, &r[i], listed, total);
    }
    fputs("</tbody></table>\n", f);
    free(r);
    return 0;
}

int report_html_proportionality(FILE *f, const struct report_html_in *in)
{
    struct areas as = {0};
    hmap_init(&as.index);
    int rc = count_areas(in, &as);
    html_section_open(f, "proportionality", NULL, "Proportionality per neighbourhood");
    fputs("<p class=\"note\">Per theme, each neighbourhood's share of the listed lines against "
          "its share of the addresses in the model (docs/privacy.md, proportionality). A warning "
          "when one "
          "neighbourhood holds more than twice its share or the top 3 hold over half a list: "
          "then check linkage and missing data there before reading the list as risk.</p>\n",
          f);
    for (int t = 0; t < THEME_COUNT && rc == 0; t++)
        rc = write_theme(f, in, &as, in->data->n_addrs, t);
    html_section_close(f);
    free(as.a);
    hmap_release(&as.index);
    return rc;
}
