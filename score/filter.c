/*
 * filter.c - see filter.h.
 */
#include "score/filter.h"

#include <stdlib.h>
#include <string.h>

void suppress_set_init(struct suppress_set *s, double realert_margin)
{
    memset(s, 0, sizeof *s);
    s->realert_margin = realert_margin;
}

void suppress_set_release(struct suppress_set *s)
{
    free(s->v);
    memset(s, 0, sizeof *s);
}

int suppress_set_add(struct suppress_set *s, const struct suppress_entry *e)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        struct suppress_entry *v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return -1;
        s->v = v, s->cap = cap;
    }
    s->v[s->n++] = *e;
    return 0;
}

void score_lists_all(const struct score_result *r, struct score_lists *out)
{
    memset(out, 0, sizeof *out);
    for (int t = 0; t < THEME_COUNT; t++) {
        out->list[t] = r->lists[t];
        out->n[t] = r->n_list[t];
    }
}

void score_lists_release(struct score_lists *l)
{
    for (int t = 0; t < THEME_COUNT; t++) {
        free(l->owned[t]);
        free(l->owned_flags[t]);
    }
    memset(l, 0, sizeof *l);
}

static const struct suppress_entry *find(const struct suppress_set *s, uint32_t addr,
                                         enum theme_id t)
{
    for (size_t i = 0; i < s->n; i++) /* a handful a night: handled addresses only */
        if (s->v[i].addr == addr && s->v[i].theme == (uint8_t)t)
            return &s->v[i];
    return NULL;
}

enum verdict { KEEP, KEEP_REALERTED, SUPPRESS, SUPPRESS_FORGOTTEN };

/* The rule of filter.h for one listed address. */
static enum verdict decide(const struct suppress_entry *e, double score, double margin)
{
    if (!e)
        return KEEP;
    if (e->outcome)
        return e->has_baseline && score > e->baseline + margin ? KEEP_REALERTED : SUPPRESS;
    if (e->forgotten)
        return score > e->marker + margin ? KEEP_REALERTED : SUPPRESS_FORGOTTEN;
    return KEEP;
}

static int filter_theme(const struct score_result *r, const struct suppress_set *s, enum theme_id t,
                        struct score_lists *out)
{
    size_t n = r->n_list[t];
    out->owned[t] = malloc((n ? n : 1) * sizeof *out->owned[t]);
    out->owned_flags[t] = calloc(n ? n : 1, 1);
    if (!out->owned[t] || !out->owned_flags[t])
        return -1;
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        const struct listing *l = &r->lists[t][i];
        enum verdict v = decide(find(s, l->addr, t), (double)l->score, s->realert_margin);
        if (v == SUPPRESS || v == SUPPRESS_FORGOTTEN) {
            out->suppressed[t]++;
            out->forgotten[t] += v == SUPPRESS_FORGOTTEN;
            continue;
        }
        out->owned[t][w] = *l;
        out->owned_flags[t][w++] = v == KEEP_REALERTED;
    }
    out->list[t] = out->owned[t];
    out->n[t] = w;
    out->realerted[t] = out->owned_flags[t];
    return 0;
}

int score_filter(const struct score_result *r, const struct suppress_set *s,
                 struct score_lists *out)
{
    memset(out, 0, sizeof *out);
    for (int t = 0; t < THEME_COUNT; t++)
        if (filter_theme(r, s, (enum theme_id)t, out) != 0) {
            score_lists_release(out);
            return -1;
        }
    return 0;
}
