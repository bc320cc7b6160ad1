/*
 * register.c - what the processing register says, shared by its renderings; see
 * register.h.
 *
 * Every sentence about an indicator, a source or a column is built from the
 * descriptors, the schema and the settings in force; the fixed prose here is about
 * vik as a whole (what a list is for, how review works), which no descriptor holds.
 * The field table follows the Algoritmeregister publication standard 1.0.0
 * (docs/register.md: field names, titles, maximum lengths and where they come from).
 */
#include "report/register.h"

#include <string.h>

static int in_theme(const struct register_in *in, int i)
{
    for (int t = 0; t < THEME_COUNT; t++)
        if (in->themes[t].indicators >> i & 1u)
            return 1;
    return 0;
}

uint32_t register_in_force(const struct register_in *in)
{
    uint32_t m = 0;
    for (int i = 0; i < IND_COUNT; i++) {
        const struct ind_desc *d = indicator_desc(i);
        int fed = 1;
        for (int s = 0; s < SRC_COUNT; s++)
            if ((d->sources >> s & 1u) && !in->sources[s].present)
                fed = 0;
        if (in->ind[i].enabled && fed && in_theme(in, i))
            m |= 1u << i;
    }
    return m;
}

unsigned register_themes(const struct register_in *in)
{
    uint32_t force = register_in_force(in);
    unsigned m = 0;
    for (int t = 0; t < THEME_COUNT; t++)
        if (in->themes[t].indicators & force)
            m |= 1u << t;
    return m;
}

const char *register_column(const struct register_in *in, enum source_id s, enum field_id f)
{
    return in->sources[s].present ? in->sources[s].map[f] : NULL;
}

int register_pseudonymised(enum field_id f)
{
    return schema_field(f)->kind == FK_PARTY_ID;
}

int register_dropped(enum field_id f)
{
    return schema_field(f)->kind == FK_BSN;
}

const char *register_id_handling(enum field_id f)
{
    switch (schema_field(f)->kind) {
    case FK_BSN:
        return "checked (11-proef) and dropped as it is read; only that it is valid is kept";
    case FK_PARTY_ID:
        return "keyed hash as it is read";
    default:
        return NULL;
    }
}

const char *register_id_word(enum field_id f)
{
    return register_pseudonymised(f) ? "pseudonymised"
           : register_dropped(f)     ? "checked and dropped"
                                     : NULL;
}

int register_address_field(enum field_id f)
{
    return f == F_POSTCODE || f == F_HOUSE_NUMBER || f == F_HOUSE_LETTER || f == F_HOUSE_SUFFIX ||
           f == F_STREET || f == F_CITY || f == F_BAG_ID;
}

uint32_t register_readers(const struct register_in *in, enum source_id s, enum field_id f)
{
    uint32_t force = register_in_force(in), m = 0;
    for (int i = 0; i < IND_COUNT; i++) {
        if (!(force >> i & 1u))
            continue;
        const struct ind_read *r = indicator_desc(i)->reads;
        for (int k = 0; k < IND_MAX_READS && !IND_READ_END(&r[k]); k++)
            if (r[k].src == s && r[k].field == f)
                m |= 1u << i;
    }
    return m;
}

const char *register_meta(const struct register_in *in, enum regmeta_key k)
{
    return in->meta ? in->meta->value[k] : NULL;
}

/* ---- the texts ---- */

/* "a, b, c" of the theme names in mask. */
static void theme_names(FILE *f, unsigned mask)
{
    const char *sep = "";
    for (int t = 0; t < THEME_COUNT; t++)
        if (mask >> t & 1u) {
            fprintf(f, "%s%s", sep, catalogue_theme(t)->name);
            sep = ", ";
        }
    if (!*sep)
        fputs("none: no indicator is in force", f);
}

static void text_name(FILE *f, const struct register_in *in)
{
    (void)in;
    fputs("vik: address signals of ondermijning for the information meeting", f);
}

static void text_description(FILE *f, const struct register_in *in)
{
    fputs("Each night vik joins the municipality's registers on address and lists, per theme (", f);
    theme_names(f, register_themes(in));
    fputs("), the addresses where named indicators are unusual. Every line is a signal for "
          "human review at the local information meeting, never a verdict.",
          f);
}

static void text_goal(FILE *f, const struct register_in *in)
{
    unsigned themes = register_themes(in);
    fputs("Goal: to help the local information meeting (LIO or GSO) find addresses where "
          "ondermijning - organised crime that uses the legal economy - may be going on, for "
          "these themes:",
          f);
    for (int t = 0; t < THEME_COUNT; t++)
        if (themes >> t & 1u)
            fprintf(f, "\n- %s: %s;", catalogue_theme(t)->name, catalogue_theme(t)->summary);
    if (!themes)
        fputs(" none, for no indicator is in force.", f);
    fprintf(f,
            "\nEach night vik joins the sources named under the data on address, computes the "
            "indicators named under the technical working and writes per theme at most %d "
            "addresses, ranked, each with its reasons in plain words.\n"
            "Impact: a listed address is discussed by the partners of the meeting, who decide "
            "whether to do nothing, monitor, visit or pass it on to the RIEC or the police. "
            "Residents and owners of a listed address may be visited or investigated as a "
            "result. vik itself decides nothing, contacts nobody and scores addresses, never "
            "persons.",
            in->top_n);
}

static void text_human_review(FILE *f, const struct register_in *in)
{
    fputs("Every line of the lists is a signal for human review at the information meeting, "
          "never a verdict: vik takes no decision with legal or similar effect (AVG art. 22), "
          "sends no letters and triggers no enforcement. For each address the reviewers see "
          "every counting indicator with its raw value, the reference it was compared with, "
          "its rarity and its weight (report.html, vik explain), not only a score. They record "
          "what they found (geen-bevinding, bekend, in-onderzoek, bevestigd) with vik outcome; ",
          f);
    if (in->suppress_days > 0)
        fprintf(f,
                "an address with an outcome stays off that theme's list for %d days, unless its "
                "score rises by more than %g. ",
                in->suppress_days, in->realert_margin);
    else
        fputs("suppression is switched off (suppress_days = 0), so an address with an outcome "
              "is listed again as long as it scores. ",
              f);
    fputs("The share of confirmed outcomes per indicator is shown every night, so that weights "
          "follow what the meeting found.",
          f);
}

static void text_retention(FILE *f, const struct register_in *in)
{
    fprintf(f,
            "The history database keeps each night's lists, their reasons and the recorded "
            "outcomes for %d days (retention_days), then deletes them; no name, BSN or other "
            "personal datum is stored in it, only addresses. Each night's output files (the "
            "lists, and the refused and unlinked rows of the exports with every identifier "
            "masked) replace the previous night's. The exports are read and never copied.",
            in->retention_days);
    if (in->suppress_days > 0)
        fprintf(f,
                " An outcome keeps its address off that theme's list for %d days "
                "(suppress_days).",
                in->suppress_days);
}

static void text_risks(FILE *f, const struct register_in *in)
{
    fprintf(f,
            "Discrimination: protected attributes (%s) can never be mapped - vik refuses such a "
            "config - and scores are per address, never per person.\n"
            "Proportionality: every night the report compares each neighbourhood's share of "
            "each list with its share of the addresses, and warns when one holds more than "
            "twice its share or the top three hold more than half of the list.\n"
            "Look-alikes: each indicator names the legitimate look-alikes it guards against and "
            "ranks an address only against comparable addresses (see the technical working).\n"
            "Minimisation: only the columns named under the data are read; BSNs and the ids of "
            "natural-person owners and buyers are replaced by a keyed hash as they are read.\n"
            "Data quality: every refused input row is kept with its reason, and a source with "
            "more than %g%% refused rows stops the night.\n"
            "Storage limitation: lists, reasons and outcomes are deleted after %d days.\n"
            "Feedback loop: addresses that are checked more yield more confirmations; the "
            "measured precision per indicator is shown with its number of outcomes.",
            schema_protected_summary(), in->max_quarantine_share * 100, in->retention_days);
}

/* The fields read from one configured source, in schema order. */
static void source_fields(FILE *f, const struct register_in *in, int s)
{
    const char *sep = "";
    int address = 0;
    for (int fl = 0; fl < F_COUNT; fl++) {
        if (!register_column(in, s, fl))
            continue;
        if (register_address_field(fl)) {
            address = 1;
            continue;
        }
        const char *word = register_id_word(fl);
        fprintf(f, "%s%s%s%s%s", sep, schema_field(fl)->name, word ? " (" : "", word ? word : "",
                word ? ")" : "");
        sep = ", ";
    }
    if (address)
        fprintf(f, "%sthe address", sep);
}

static void text_source_data(FILE *f, const struct register_in *in)
{
    fputs("Registers joined on address. Only these fields are read; every other column of the "
          "exports is never read:",
          f);
    for (int s = 0; s < SRC_COUNT; s++) {
        if (!in->sources[s].present)
            continue;
        fprintf(f, "\n- %s: ", schema_source(s)->label);
        source_fields(f, in, s);
        fputc(';', f);
    }
    fputs("\nNo name, nationality, place of birth or other protected attribute is read.", f);
}

static void text_how(FILE *f, const struct register_in *in)
{
    (void)in;
    fputs("Not self-learning: vik computes a fixed set of named indicators from each night's "
          "data and ranks every address against comparable addresses of the same night; there "
          "is no training data and outcomes do not change the model. An indicator fires when "
          "its value is at least as rare as 1 in its threshold among comparable addresses; its "
          "strength (0 to 1) is a documented grade times that rarity, and its contribution is "
          "weight x strength. Correlated indicators count once per theme.",
          f);
}

static void text_methods(FILE *f, const struct register_in *in)
{
    uint32_t force = register_in_force(in);
    text_how(f, in);
    fputs(" Indicators in force (what each looks for; weight; fires at 1 in N):", f);
    for (int i = 0; i < IND_COUNT; i++) {
        if (!(force >> i & 1u))
            continue;
        const struct ind_desc *d = indicator_desc(i);
        fprintf(f, "\n- %s %s: %s; weight %g; 1 in %g%s;", d->code, d->name, d->summary,
                in->ind[i].weight, in->ind[i].threshold,
                in->ind[i].alone ? "; may list alone" : "");
    }
    fputs("\nListing rule per theme:", f);
    unsigned themes = register_themes(in);
    for (int t = 0; t < THEME_COUNT; t++)
        if (themes >> t & 1u) {
            fprintf(f, "\n- %s: ", catalogue_theme(t)->name);
            register_rule(f, in, t);
            fputc(';', f);
        }
    fputs("\nThe full account is docs/scoring.md of vik.", f);
}

static void text_tags(FILE *f, const struct register_in *in)
{
    unsigned themes = register_themes(in);
    fputs("ondermijning", f);
    for (int t = 0; t < THEME_COUNT; t++)
        if (themes >> t & 1u)
            fprintf(f, ", %s", catalogue_theme(t)->name);
    for (int s = 0; s < SRC_COUNT; s++)
        if (in->sources[s].present)
            fprintf(f, ", %s", schema_source(s)->name);
}

void register_text(FILE *f, enum register_text t, const struct register_in *in)
{
    static void (*const TEXTS[REG_TEXT_COUNT])(FILE *, const struct register_in *) = {
        [REG_NAME] = text_name,
        [REG_DESCRIPTION] = text_description,
        [REG_GOAL] = text_goal,
        [REG_HUMAN_REVIEW] = text_human_review,
        [REG_RETENTION] = text_retention,
        [REG_RISKS] = text_risks,
        [REG_SOURCE_DATA] = text_source_data,
        [REG_HOW] = text_how,
        [REG_METHODS] = text_methods,
        [REG_TAGS] = text_tags,
    };
    TEXTS[t](f, in);
}

void register_rule(FILE *f, const struct register_in *in, enum theme_id t)
{
    const struct theme_cfg *tc = &in->themes[t];
    fprintf(f,
            "listed when two or more of its indicators reach a score of %g together, or one "
            "that may list alone fires with strength %g or more; evidence from at least %d "
            "source%s",
            tc->min_score, tc->alone_strength, tc->min_sources, tc->min_sources == 1 ? "" : "s");
}

/* ---- the Algoritmeregister fields ---- */

#define NO (-1)

// clang-format off
static const struct register_field FIELDS[REGISTER_N_FIELDS] = {
    /* Algemene informatie */
    {"name", "Naam", RF_TEXT, 1, 100, REG_NAME, NULL, NO, NO, NULL},
    {"description_short", "Korte omschrijving", RF_TEXT, 1, 350, REG_DESCRIPTION, NULL, NO, NO,
     NULL},
    {"organization", "Organisatie", RF_TEXT, 1, 100, NO, NULL, RM_ORGANIZATION, NO, NULL},
    {"category", "Thema", RF_LIST, 0, 0, NO, "Openbare orde en veiligheid", NO, NO, NULL},
    {"status", "Status", RF_TEXT, 1, 0, NO, NULL, RM_STATUS, NO, NULL},
    {"begin_date", "Begindatum", RF_TEXT, 0, 7, NO, NULL, RM_BEGIN_DATE, NO, NULL},
    {"end_date", "Einddatum", RF_TEXT, 0, 7, NO, NULL, RM_END_DATE, NO, NULL},
    {"contact_email", "Contactgegevens", RF_TEXT, 1, 500, NO, NULL, RM_CONTACT, NO, NULL},
    {"website", "Link naar publiekspagina", RF_TEXT, 0, 500, NO, NULL, RM_WEBSITE, NO, NULL},
    {"publication_category", "Publicatiecategorie", RF_TEXT, 1, 0, NO, "Impactvolle algoritmes",
     RM_PUBLICATION_CATEGORY, NO, NULL},
    {"url", "Link naar bronregistratie", RF_TEXT, 0, 500, NO, NULL, RM_URL, NO, NULL},
    /* Verantwoord gebruik */
    {"goal", "Doel en impact", RF_TEXT, 0, 2500, REG_GOAL, NULL, NO, NO, "Purpose and impact"},
    {"proportionality", "Afwegingen", RF_TEXT, 0, 2500, NO, NULL, RM_PROPORTIONALITY, NO, NULL},
    {"human_intervention", "Menselijke tussenkomst", RF_TEXT, 0, 2500, REG_HUMAN_REVIEW, NULL, NO,
     NO, "Human review"},
    {"risks", "Risicobeheer", RF_TEXT, 0, 2500, REG_RISKS, NULL, NO, NO, "Risk management"},
    {"lawful_basis", "Wettelijke basis", RF_TEXT, 0, 2500, NO, NULL, RM_LAWFUL_BASIS, NO, NULL},
    {"lawful_basis_grouping", "Verwijzingen wettelijke basis", RF_LINKS, 0, 0, NO, NULL,
     RM_LAWFUL_BASIS_LINKS, NO, NULL},
    {"process_index_url", "Link naar verwerkingsregister", RF_TEXT, 0, 500, NO, NULL,
     RM_PROCESS_INDEX_URL, NO, NULL},
    {"impacttoetsen_grouping", "Verwijzingen impacttoetsen", RF_LINKS, 0, 0, NO, NULL, RM_DPIA,
     RM_IAMA, NULL},
    {"impacttoetsen", "Toelichting op impacttoetsen", RF_TEXT, 0, 2500, NO, NULL,
     RM_IMPACT_ASSESSMENTS, NO, NULL},
    /* Werking */
    {"source_data", "Gegevens", RF_TEXT, 0, 2500, REG_SOURCE_DATA, NULL, NO, NO,
     "Sources and columns"},
    {"source_data_grouping", "Verwijzingen gegevensbronnen", RF_LINKS, 0, 0, NO, NULL, NO, NO,
     NULL},
    {"methods_and_models", "Technische werking", RF_TEXT, 0, 5000, REG_METHODS, NULL, NO, NO,
     "Indicators in force"},
    {"provider", "Leverancier", RF_TEXT, 0, 200, NO, NULL, RM_PROVIDER, NO, NULL},
    {"publiccode", "Link naar broncode", RF_TEXT, 0, 500, NO, NULL, RM_PUBLICCODE, NO, NULL},
    /* Metadata */
    {"lang", "Taal", RF_TEXT, 1, 0, NO, "eng", NO, NO, NULL},
    {"standard_version", "Versie publicatiestandaard", RF_TEXT, 0, 0, NO, "1.0.0", NO, NO, NULL},
    {"source_id", "Bron-ID", RF_TEXT, 0, 100, NO, NULL, RM_SOURCE_ID, NO, NULL},
    {"tags", "Zoektermen", RF_TEXT, 0, 2500, REG_TAGS, NULL, NO, NO, NULL},
};
// clang-format on

const struct register_field *register_field(int i)
{
    return &FIELDS[i];
}

enum register_origin register_origin(const struct register_in *in, int i)
{
    const struct register_field *fd = &FIELDS[i];
    if ((fd->meta >= 0 && register_meta(in, fd->meta)) ||
        (fd->meta2 >= 0 && register_meta(in, fd->meta2)))
        return ORIGIN_CONFIG;
    return fd->text >= 0 || fd->fixed ? ORIGIN_VIK : ORIGIN_TO_FILL;
}

/* The title of a single-link key feeding an RF_LINKS field. */
static const char *link_title(enum regmeta_key k)
{
    return k == RM_DPIA   ? "Data Protection Impact Assessment (DPIA)"
           : k == RM_IAMA ? "Impact Assessment Mensenrechten en Algoritmes (IAMA)"
                          : "link";
}

/* "title | link" lines of an RMK_LINKS value (checked by regmeta_check when loaded). */
static int each_line(const char *v,
                     void (*each)(void *, const char *, size_t, const char *, size_t), void *ctx)
{
    int n = 0;
    for (const char *line = v; *line; n++) {
        size_t len = strcspn(line, "\n");
        const char *bar = memchr(line, '|', len);
        const char *t = line, *te = bar ? bar : line, *u = bar ? bar + 1 : line, *ue = line + len;
        while (t < te && *t == ' ')
            t++;
        while (te > t && te[-1] == ' ')
            te--;
        while (u < ue && *u == ' ')
            u++;
        while (ue > u && ue[-1] == ' ')
            ue--;
        each(ctx, t, (size_t)(te - t), u, (size_t)(ue - u));
        line += len + (line[len] == '\n');
    }
    return n;
}

int register_links(const struct register_in *in, int i,
                   void (*each)(void *ctx, const char *title, size_t title_len, const char *link,
                                size_t link_len),
                   void *ctx)
{
    const struct register_field *fd = &FIELDS[i];
    int n = 0;
    int keys[2] = {fd->meta, fd->meta2};
    for (int k = 0; k < 2; k++) {
        const char *v = keys[k] >= 0 ? register_meta(in, keys[k]) : NULL;
        if (!v)
            continue;
        if (regmeta_def(keys[k])->kind == RMK_LINKS) {
            n += each_line(v, each, ctx);
        } else {
            const char *title = link_title(keys[k]);
            each(ctx, title, strlen(title), v, strlen(v));
            n++;
        }
    }
    return n;
}
