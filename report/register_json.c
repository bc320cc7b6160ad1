/*
 * register_json.c - the processing register as JSON; see register.h.
 *
 * Layout (tests/register.schema.json is its schema, docs/register.md its account):
 *   generator         vik's version, the config hash, the standard and where its
 *                     field list was taken from
 *   algoritmeregister the 29 fields of the publication standard 1.0.0, by their API
 *                     names, every one present: what vik cannot know is "" or []
 *   filled_by         per field: "vik", "config" ([register]) or "municipality"
 *   to_fill           the empty fields, each with the [register] key that fills it
 *   notes             what the municipality must still do before publishing
 *   processing        the detail the standard has no fields for: themes with their
 *                     listing rules, indicators with weights, parameters and the
 *                     export columns they read, sources with every column read and
 *                     whether it is pseudonymised, retention and suppression
 */
#include "report/register.h"

#include "common/json.h"
#include "common/text.h"
#include "common/version.h"

#include <stdlib.h>
#include <string.h>

static const char *const ORIGIN_NAME[] = {"vik", "config", "municipality"};

/* A text vik writes, into a malloc'd string (NULL when out of memory). */
static char *text_of(enum register_text t, const struct register_in *in)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *m = open_memstream(&buf, &size);
    if (!m)
        return NULL;
    register_text(m, t, in);
    if (fclose(m) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* Never cut a published text: say it is too long and let the municipality decide. */
static void check_length(const struct register_field *fd, const char *s, FILE *warn)
{
    size_t chars = text_utf8_count(s, strlen(s));
    if (warn && fd->max && chars != (size_t)-1 && chars > fd->max)
        fprintf(warn,
                "vik register: field '%s' is %zu characters; the Algoritmeregister allows %zu "
                "(shorten it before publishing)\n",
                fd->name, chars, fd->max);
}

static void each_link(void *ctx, const char *title, size_t title_len, const char *link,
                      size_t link_len)
{
    struct json *j = ctx;
    json_object_begin(j);
    json_key(j, "title");
    json_string_n(j, title, title_len);
    json_key(j, "link");
    json_string_n(j, link, link_len);
    json_object_end(j);
}

static int field_value(struct json *j, const struct register_in *in, int i, FILE *warn)
{
    const struct register_field *fd = register_field(i);
    enum register_origin o = register_origin(in, i);
    json_key(j, fd->name);
    if (fd->kind == RF_LINKS) {
        json_array_begin(j);
        register_links(in, i, each_link, j);
        json_array_end(j);
        return 0;
    }
    if (fd->kind == RF_LIST) {
        json_array_begin(j);
        if (fd->fixed)
            json_string(j, fd->fixed);
        json_array_end(j);
        return 0;
    }
    if (o == ORIGIN_CONFIG) {
        json_string(j, register_meta(in, fd->meta));
    } else if (o == ORIGIN_VIK && fd->fixed) {
        json_string(j, fd->fixed);
    } else if (o == ORIGIN_VIK) {
        char *s = text_of(fd->text, in);
        if (!s)
            return -1;
        check_length(fd, s, warn);
        json_string(j, s);
        free(s);
    } else {
        json_string(j, "");
    }
    return 0;
}

static int standard_fields(struct json *j, const struct register_in *in, FILE *warn)
{
    json_key(j, "algoritmeregister");
    json_object_begin(j);
    for (int i = 0; i < REGISTER_N_FIELDS; i++)
        if (field_value(j, in, i, warn) != 0)
            return -1;
    json_object_end(j);
    json_key(j, "filled_by");
    json_object_begin(j);
    for (int i = 0; i < REGISTER_N_FIELDS; i++)
        json_member_string(j, register_field(i)->name, ORIGIN_NAME[register_origin(in, i)]);
    json_object_end(j);
    return 0;
}

/* The [register] keys that fill field fd, as "[register] a" or "[register] a, b". */
static void config_keys(char *buf, size_t size, const struct register_field *fd)
{
    if (fd->meta < 0)
        snprintf(buf, size, "none: vik has no key for it");
    else if (fd->meta2 < 0)
        snprintf(buf, size, "[register] %s", regmeta_def(fd->meta)->key);
    else
        snprintf(buf, size, "[register] %s, %s", regmeta_def(fd->meta)->key,
                 regmeta_def(fd->meta2)->key);
}

static void to_fill(struct json *j, const struct register_in *in)
{
    json_key(j, "to_fill");
    json_array_begin(j);
    for (int i = 0; i < REGISTER_N_FIELDS; i++) {
        if (register_origin(in, i) != ORIGIN_TO_FILL)
            continue;
        const struct register_field *fd = register_field(i);
        char keys[96];
        config_keys(keys, sizeof keys, fd);
        json_object_begin(j);
        json_member_string(j, "field", fd->name);
        json_member_string(j, "title", fd->title);
        json_member_bool(j, "required", fd->required);
        json_member_string(j, "config_key", keys);
        json_member_string(j, "note", "to be filled by the municipality");
        json_object_end(j);
    }
    json_array_end(j);
}

static void notes(struct json *j)
{
    json_key(j, "notes");
    json_array_begin(j);
    json_string(j, "vik writes its texts in English; standard 1.0.0 permits only lang 'nld': "
                   "translate the texts vik fills and set lang to 'nld' before publishing");
    json_string(j, "generated from the indicator descriptors and the config: change the config "
                   "and run vik register again rather than editing this file");
    json_array_end(j);
}

static void generator(struct json *j, const struct register_in *in)
{
    json_key(j, "generator");
    json_object_begin(j);
    json_member_string(j, "program", "vik");
    json_member_string(j, "version", VIK_VERSION);
    json_member_string(j, "config_hash", in->config_hash);
    json_member_string(j, "standard", "Algoritmeregister publicatiestandaard");
    json_member_string(j, "standard_version", "1.0.0");
    json_member_string(j, "standard_fields_from",
                       "MinBZK/Algoritmeregister, backend/app/schemas/config/v1_0_0.json");
    json_object_end(j);
}

/* ---- processing: the detail ---- */

static void codes(struct json *j, uint32_t mask)
{
    json_array_begin(j);
    for (int i = 0; i < IND_COUNT; i++)
        if (mask >> i & 1u)
            json_string(j, indicator_desc(i)->code);
    json_array_end(j);
}

static void themes(struct json *j, const struct register_in *in)
{
    uint32_t force = register_in_force(in);
    unsigned shown = register_themes(in);
    json_key(j, "themes");
    json_array_begin(j);
    for (int t = 0; t < THEME_COUNT; t++) {
        if (!(shown >> t & 1u))
            continue;
        const struct theme_cfg *tc = &in->themes[t];
        json_object_begin(j);
        json_member_string(j, "name", catalogue_theme(t)->name);
        json_member_string(j, "purpose", catalogue_theme(t)->summary);
        json_key(j, "indicators");
        codes(j, tc->indicators & force);
        json_member_number(j, "min_score", tc->min_score);
        json_member_int(j, "min_sources", tc->min_sources);
        json_member_number(j, "alone_strength", tc->alone_strength);
        json_member_int(j, "top_n", in->top_n);
        json_object_end(j);
    }
    json_array_end(j);
}

static void parameters(struct json *j, const struct ind_desc *d, const struct indicator_cfg *c)
{
    json_key(j, "parameters");
    json_array_begin(j);
    for (int p = 0; p < IND_MAX_PARAMS && d->params[p].name; p++) {
        const struct param_def *pd = &d->params[p];
        json_object_begin(j);
        json_member_string(j, "name", pd->name);
        json_member_number(j, "value", c->params[p]);
        json_member_number(j, "default", pd->def);
        json_member_number(j, "min", pd->min);
        json_member_number(j, "max", pd->max);
        json_member_string(j, "description", pd->help);
        json_object_end(j);
    }
    for (int l = 0; l < IND_MAX_LISTS && d->lists[l].name; l++) {
        const struct list_def *ld = &d->lists[l];
        json_object_begin(j);
        json_member_string(j, "name", ld->name);
        json_member_string(j, "value", c->lists[l] ? c->lists[l] : "");
        json_member_string(j, "default", ld->def ? ld->def : "");
        json_member_string(j, "description", ld->help);
        json_object_end(j);
    }
    json_array_end(j);
}

static void reads(struct json *j, const struct register_in *in, const struct ind_desc *d)
{
    json_key(j, "reads");
    json_array_begin(j);
    for (int k = 0; k < IND_MAX_READS && !IND_READ_END(&d->reads[k]); k++) {
        const struct ind_read *r = &d->reads[k];
        json_object_begin(j);
        json_member_string(j, "source", schema_source(r->src)->name);
        json_member_string(j, "field", schema_field(r->field)->name);
        json_member_string(j, "column", register_column(in, r->src, r->field));
        json_member_bool(j, "pseudonymised", register_pseudonymised(r->field));
        json_member_bool(j, "dropped", register_dropped(r->field));
        json_object_end(j);
    }
    json_array_end(j);
}

static void themes_of(struct json *j, const struct register_in *in, int i)
{
    json_array_begin(j);
    for (int t = 0; t < THEME_COUNT; t++)
        if (in->themes[t].indicators >> i & 1u)
            json_string(j, catalogue_theme(t)->name);
    json_array_end(j);
}

/* The other indicators in force of i's correlated group (they count once per theme). */
static uint32_t group_of(const struct register_in *in, int i)
{
    uint32_t m = 0, force = register_in_force(in);
    int g = indicator_desc(i)->group;
    for (int k = 0; g > 0 && k < IND_COUNT; k++)
        if (k != i && (force >> k & 1u) && indicator_desc(k)->group == g)
            m |= 1u << k;
    return m;
}

static void indicator(struct json *j, const struct register_in *in, int i)
{
    const struct ind_desc *d = indicator_desc(i);
    const struct indicator_cfg *c = &in->ind[i];
    json_object_begin(j);
    json_member_string(j, "code", d->code);
    json_member_string(j, "name", d->name);
    json_key(j, "themes");
    themes_of(j, in, i);
    json_member_string(j, "phenomenon", d->summary);
    json_member_string(j, "ranks", d->formula);
    json_member_string(j, "population", d->population);
    json_member_number(j, "weight", c->weight);
    json_member_number(j, "threshold", c->threshold);
    json_member_bool(j, "alone", c->alone);
    json_key(j, "counts_once_with");
    codes(j, group_of(in, i));
    json_member_string(j, "lookalikes", d->lookalikes);
    parameters(j, d, c);
    reads(j, in, d);
    json_object_end(j);
}

static void indicators(struct json *j, const struct register_in *in)
{
    uint32_t force = register_in_force(in);
    json_key(j, "indicators");
    json_array_begin(j);
    for (int i = 0; i < IND_COUNT; i++)
        if (force >> i & 1u)
            indicator(j, in, i);
    json_array_end(j);
}

static void column(struct json *j, const struct register_in *in, int s, int f)
{
    json_object_begin(j);
    json_member_string(j, "column", register_column(in, s, f));
    json_member_string(j, "field", schema_field(f)->name);
    json_member_bool(j, "pseudonymised", register_pseudonymised(f));
    json_member_bool(j, "dropped", register_dropped(f));
    json_member_bool(j, "address", register_address_field(f));
    json_key(j, "read_by");
    codes(j, register_readers(in, s, f));
    json_object_end(j);
}

static void sources(struct json *j, const struct register_in *in)
{
    json_key(j, "sources");
    json_array_begin(j);
    for (int s = 0; s < SRC_COUNT; s++) {
        const struct source_cfg *sc = &in->sources[s];
        json_object_begin(j);
        json_member_string(j, "name", schema_source(s)->name);
        json_member_string(j, "label", schema_source(s)->label);
        json_member_bool(j, "configured", sc->present);
        json_member_bool(j, "optional", sc->present && sc->optional);
        json_key(j, "columns");
        json_array_begin(j);
        for (int f = 0; f < F_COUNT; f++)
            if (register_column(in, s, f))
                column(j, in, s, f);
        json_array_end(j);
        json_object_end(j);
    }
    json_array_end(j);
}

static void processing(struct json *j, const struct register_in *in)
{
    json_key(j, "processing");
    json_object_begin(j);
    themes(j, in);
    indicators(j, in);
    sources(j, in);
    json_member_string(j, "never_read",
                       "every column of an export that is not listed under its source");
    json_member_string(j, "never_mappable", schema_protected_summary());
    json_member_int(j, "retention_days", in->retention_days);
    json_member_int(j, "suppress_days", in->suppress_days);
    json_member_number(j, "realert_margin", in->realert_margin);
    json_member_number(j, "max_quarantine_share", in->max_quarantine_share);
    json_member_string(j, "human_review",
                       "every line is a signal for the information meeting, never a verdict");
    json_object_end(j);
}

int register_json(FILE *f, const struct register_in *in, FILE *warn)
{
    struct json j;
    json_init(&j, f);
    json_object_begin(&j);
    generator(&j, in);
    if (standard_fields(&j, in, warn) != 0)
        return -1;
    to_fill(&j, in);
    notes(&j);
    processing(&j, in);
    json_object_end(&j);
    return ferror(f) ? -1 : 0;
}
