/*
 * regmeta.c - the [register] key table and its checks; see regmeta.h.
 *
 * Maximum lengths and choices are those of the Algoritmeregister publication
 * standard 1.0.0 (docs/register.md says where they were found).
 */
#include "model/regmeta.h"

#include "common/text.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const STATUS[] = {"In ontwikkeling", "In gebruik", "Buiten gebruik", NULL};
static const char *const CATEGORY[] = {"Hoog-risico AI-systeem", "Impactvolle algoritmes",
                                       "Overige algoritmes", NULL};

// clang-format off
static const struct regmeta_def DEFS[RM_COUNT] = {
    [RM_ORGANIZATION] = {"organization", "organization", RMK_TEXT, 100, NULL,
                         "the organisation's full name (TOOI list), e.g. Gemeente Noorderhaaks"},
    [RM_CONTACT] = {"contact", "contact_email", RMK_CONTACT, 500, NULL,
                    "e-mail address or https:// page for questions about this algorithm"},
    [RM_WEBSITE] = {"website", "website", RMK_URL, 500, NULL,
                    "public page about the process vik supports"},
    [RM_STATUS] = {"status", "status", RMK_CHOICE, 0, STATUS,
                   "In ontwikkeling, In gebruik or Buiten gebruik"},
    [RM_BEGIN_DATE] = {"begin_date", "begin_date", RMK_MONTH, 0, NULL,
                       "month vik was taken into use, YYYY-MM"},
    [RM_END_DATE] = {"end_date", "end_date", RMK_MONTH, 0, NULL,
                     "month vik was taken out of use, YYYY-MM"},
    [RM_PUBLICATION_CATEGORY] = {"publication_category", "publication_category", RMK_CHOICE, 0,
                                 CATEGORY, "overrides vik's 'Impactvolle algoritmes'"},
    [RM_LAWFUL_BASIS] = {"lawful_basis", "lawful_basis", RMK_TEXT, 2500, NULL,
                         "the lawful basis of the process, in plain words"},
    [RM_LAWFUL_BASIS_LINKS] = {"lawful_basis_links", "lawful_basis_grouping", RMK_LINKS, 100,
                               NULL, "lines 'title | https://...' naming each legal ground"},
    [RM_PROCESS_INDEX_URL] = {"process_index_url", "process_index_url", RMK_URL, 500, NULL,
                              "the public entry of the AVG processing register (art. 30)"},
    [RM_DPIA] = {"dpia", "impacttoetsen_grouping", RMK_URL, 500, NULL,
                 "link to the Data Protection Impact Assessment (AVG art. 35)"},
    [RM_IAMA] = {"iama", "impacttoetsen_grouping", RMK_URL, 500, NULL,
                 "link to the Impact Assessment Mensenrechten en Algoritmes"},
    [RM_IMPACT_ASSESSMENTS] = {"impact_assessments", "impacttoetsen", RMK_TEXT, 2500, NULL,
                               "why an impact assessment was not done, if so"},
    [RM_PROPORTIONALITY] = {"proportionality", "proportionality", RMK_TEXT, 2500, NULL,
                            "the weighing of benefits, drawbacks and alternatives (DPIA, IAMA)"},
    [RM_PROVIDER] = {"provider", "provider", RMK_TEXT, 200, NULL,
                     "the supplier of vik, or 'Intern ontwikkeld'"},
    [RM_PUBLICCODE] = {"publiccode", "publiccode", RMK_URL, 500, NULL,
                       "link to the source code vik runs from"},
    [RM_URL] = {"url", "url", RMK_URL, 500, NULL,
                "link to the municipality's own algorithm register entry"},
    [RM_SOURCE_ID] = {"source_id", "source_id", RMK_TEXT, 100, NULL,
                      "the id of this algorithm in the municipality's own register"},
};
// clang-format on

const struct regmeta_def *regmeta_def(enum regmeta_key k)
{
    return &DEFS[k];
}

int regmeta_by_key(const char *key)
{
    for (int k = 0; k < RM_COUNT; k++)
        if (strcmp(DEFS[k].key, key) == 0)
            return k;
    return -1;
}

/* Published text: valid UTF-8, no control characters, at most max characters. */
static const char *check_text(const char *v, size_t len, size_t max, char *why, size_t size)
{
    size_t chars = text_utf8_count(v, len);
    if (len == 0)
        return "is empty (leave the key out instead)";
    if (chars == (size_t)-1)
        return "is not valid UTF-8 (save the config as UTF-8)";
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)v[i] < 0x20 || v[i] == 0x7F)
            return "holds a control character";
    if (max && chars > max) {
        snprintf(why, size, "is %zu characters; the Algoritmeregister allows %zu", chars, max);
        return why;
    }
    return NULL;
}

static int is_url(const char *v, size_t len)
{
    if (len <= 8 || strncmp(v, "https://", 8) != 0)
        return 0;
    for (size_t i = 8; i < len; i++)
        if (isspace((unsigned char)v[i]))
            return 0;
    return 1;
}

static int is_email(const char *v)
{
    const char *at = strchr(v, '@');
    if (!at || at == v || strchr(at + 1, '@') || strpbrk(v, " \t,;<>\"") != NULL)
        return 0;
    const char *dot = strrchr(at, '.');
    return dot && dot > at + 1 && dot[1] != '\0';
}

static int is_month(const char *v)
{
    return strlen(v) == 7 && isdigit((unsigned char)v[0]) && isdigit((unsigned char)v[1]) &&
           isdigit((unsigned char)v[2]) && isdigit((unsigned char)v[3]) && v[4] == '-' &&
           ((v[5] == '0' && v[6] >= '1' && v[6] <= '9') ||
            (v[5] == '1' && v[6] >= '0' && v[6] <= '2'));
}

/* One "title | https://..." line of an RMK_LINKS value. */
static const char *check_link(const char *line, size_t len, size_t max, char *why, size_t size)
{
    const char *bar = memchr(line, '|', len);
    if (!bar)
        return "must hold lines 'title | https://...'";
    const char *t = line, *te = bar, *u = bar + 1, *ue = line + len;
    while (t < te && isspace((unsigned char)*t))
        t++;
    while (te > t && isspace((unsigned char)te[-1]))
        te--;
    while (u < ue && isspace((unsigned char)*u))
        u++;
    while (ue > u && isspace((unsigned char)ue[-1]))
        ue--;
    const char *bad = check_text(t, (size_t)(te - t), max, why, size);
    if (bad)
        return bad == why ? why : "a link's title is empty, not UTF-8 or has control characters";
    if (!is_url(u, (size_t)(ue - u)) || (size_t)(ue - u) > 500)
        return "a link must start with https:// and hold no spaces (at most 500 characters)";
    return NULL;
}

static const char *check_links(const char *v, size_t max, char *why, size_t size)
{
    for (const char *line = v; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        const char *bad = check_link(line, len, max, why, size);
        if (bad)
            return bad;
        line += len + (end != NULL);
    }
    return NULL;
}

const char *regmeta_check(enum regmeta_key k, const char *v, const char **canonical, char *why,
                          size_t size)
{
    const struct regmeta_def *d = &DEFS[k];
    *canonical = v;
    if (d->kind == RMK_LINKS)
        return check_links(v, d->max, why, size);
    const char *bad = check_text(v, strlen(v), d->max, why, size);
    if (bad)
        return bad;
    switch (d->kind) {
    case RMK_URL:
        return is_url(v, strlen(v)) ? NULL : "must be a link starting with https:// (no spaces)";
    case RMK_CONTACT:
        return is_email(v) || is_url(v, strlen(v))
                   ? NULL
                   : "must be an e-mail address or a link starting with https://";
    case RMK_MONTH:
        return is_month(v) ? NULL : "must be a month YYYY-MM, e.g. 2026-01";
    case RMK_CHOICE:
        for (const char *const *c = d->choices; *c; c++)
            if (strcasecmp(v, *c) == 0) {
                *canonical = *c;
                return NULL;
            }
        snprintf(why, size, "must be one of: %s, %s, %s", d->choices[0], d->choices[1],
                 d->choices[2]);
        return why;
    default:
        return NULL;
    }
}
