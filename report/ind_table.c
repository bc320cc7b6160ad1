/*
 * ind_table.c - see ind_table.h.
 */
#include "report/ind_table.h"

void ind_table_themes(enum ind_id i, const struct theme_cfg *themes, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int t = 0; t < THEME_COUNT && used < size; t++) {
        int member =
            themes ? (themes[t].indicators >> i & 1u) : (indicator_desc(i)->themes >> t & 1u);
        if (!member)
            continue;
        int k =
            snprintf(buf + used, size - used, "%s%s", used ? ", " : "", catalogue_theme(t)->name);
        used += k > 0 ? (size_t)k : 0;
    }
}

void ind_table_params(const struct ind_desc *d, const struct indicator_cfg *c, char *buf,
                      size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int p = 0; p < IND_MAX_PARAMS && d->params[p].name && used < size; p++) {
        int k = snprintf(buf + used, size - used, "%s%s %g", used ? ", " : "", d->params[p].name,
                         c->params[p]);
        used += k > 0 ? (size_t)k : 0;
    }
    for (int l = 0; l < IND_MAX_LISTS && d->lists[l].name && used < size; l++) {
        int k =
            snprintf(buf + used, size - used, "%s%s (list)", used ? ", " : "", d->lists[l].name);
        used += k > 0 ? (size_t)k : 0;
    }
}

/* A descriptor's text in a table cell: '|' (K2's |log ratio|) must not end the cell. */
static void cell(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputc('\\', f);
        fputc(*s, f);
    }
}

void ind_table_markdown(FILE *f, const struct indicator_cfg *ind, const struct theme_cfg *themes,
                        uint32_t which)
{
    fprintf(f,
            "| name | id | themes | ranks (its axis and grade) | fires at 1 in | may list alone | "
            "weight | parameters | look-alikes it guards against |\n");
    fprintf(f, "|---|---|---|---|---|---|---|---|---|\n");
    for (int i = 0; i < IND_COUNT; i++) {
        if (!(which >> i & 1u))
            continue;
        const struct ind_desc *d = indicator_desc(i);
        char th[96], params[512];
        ind_table_themes(i, themes, th, sizeof th);
        ind_table_params(d, &ind[i], params, sizeof params);
        fprintf(f, "| `%s` | %s | %s | ", d->name, d->code, th);
        cell(f, d->formula);
        fprintf(f, " | %g | %s | %g | %s | ", ind[i].threshold, ind[i].alone ? "yes" : "no",
                ind[i].weight, params[0] ? params : "-");
        cell(f, d->lookalikes);
        fputs(" |\n", f);
    }
}
