/*
 * test_register.c - pins the processing register (report/register*.c): what it
 * says is made from the descriptors and the settings in force, never a list of
 * its own.
 *
 * Pinned: the Algoritmeregister field table (29 unique fields of standard 1.0.0,
 * the 7 it requires, each filled by vik, by a [register] key or left to the
 * municipality); which indicators are in force (disabled, unfed by a source that is
 * not configured, or in no theme: out); who reads which column; every text vik
 * writes fits the standard's maximum even with every field of every source mapped;
 * the Markdown names every indicator and every column (hostile names as safe code
 * spans) and the JSON escapes them; a [register] key moves its field from "to be
 * filled" to "config"; a weight change shows in both documents.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common/text.h"
#include "config/config.h"
#include "pipeline/pipeline.h"
#include "report/register.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A config with every field of every source mapped to the column "SOURCE.FIELD". */
struct full {
    struct config cfg;
    char names[SRC_COUNT][F_COUNT][64];
    struct register_in reg;
};

static struct full *full_new(void)
{
    struct full *t = calloc(1, sizeof *t);
    assert_non_null(t);
    cfg_init(&t->cfg);
    for (int s = 0; s < SRC_COUNT; s++) {
        t->cfg.sources[s].present = 1;
        for (int f = 0; f < F_COUNT; f++)
            if (schema_source(s)->use[f] != FIELD_UNUSED) {
                snprintf(t->names[s][f], sizeof t->names[s][f], "%s.%s", schema_source(s)->name,
                         schema_field(f)->name);
                t->cfg.sources[s].map[f] = t->names[s][f];
            }
    }
    pipeline_register_in(&t->cfg, t->cfg.ind, &t->reg);
    t->reg.config_hash = "0123456789abcdef";
    return t;
}

static void full_free(struct full *t)
{
    cfg_release(&t->cfg);
    free(t);
}

/* A rendering into a malloc'd string. */
static char *render(const struct register_in *reg, int json)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    assert_non_null(f);
    assert_int_equal(json ? register_json(f, reg, NULL) : register_markdown(f, reg), 0);
    assert_int_equal(fclose(f), 0);
    return buf;
}

static char *text_of(enum register_text t, const struct register_in *reg)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    assert_non_null(f);
    register_text(f, t, reg);
    assert_int_equal(fclose(f), 0);
    return buf;
}

static void test_field_table(void **state)
{
    (void)state;
    static const char *const REQUIRED[] = {"name",   "description_short", "organization",
                                           "status", "contact_email",     "publication_category",
                                           "lang"};
    int n_required = 0;
    for (int i = 0; i < REGISTER_N_FIELDS; i++) {
        const struct register_field *fd = register_field(i);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(register_field(j)->name, fd->name);
        assert_non_null(fd->title);
        int sources = (fd->text >= 0) + (fd->fixed != NULL) + (fd->meta >= 0);
        assert_true(sources <= 1 || (fd->fixed && fd->meta >= 0)); /* a default may be overridden */
        assert_true(fd->meta2 < 0 || fd->meta >= 0);
        if (fd->required) {
            n_required++;
            int listed = 0;
            for (size_t r = 0; r < sizeof REQUIRED / sizeof REQUIRED[0]; r++)
                listed |= strcmp(REQUIRED[r], fd->name) == 0;
            if (!listed)
                fail_msg("'%s' is not required by the standard", fd->name);
        }
    }
    assert_int_equal(n_required, 7);
}

static void test_in_force(void **state)
{
    (void)state;
    struct full *t = full_new();
    uint32_t all = (1u << IND_COUNT) - 1;
    assert_int_equal(register_in_force(&t->reg), all);
    assert_int_equal(register_themes(&t->reg), (1u << THEME_COUNT) - 1);

    t->cfg.ind[IND_ENERGY_NEAR_ZERO].enabled = 0; /* disabled */
    t->cfg.sources[SRC_SIGNALS].present = 0;      /* S1's source is not configured */
    t->cfg.themes[THEME_HENNEP].indicators &= ~(1u << IND_ENERGY_FLAT_PROFILE); /* no theme */
    uint32_t want = all & ~(1u << IND_ENERGY_NEAR_ZERO | 1u << IND_CITIZEN_SIGNAL |
                            1u << IND_ENERGY_FLAT_PROFILE);
    assert_int_equal(register_in_force(&t->reg), want);
    assert_null(register_column(&t->reg, SRC_SIGNALS, F_CATEGORY));

    /* who reads the BSN column: E1, E2 (E3 is off now), B1, B2 */
    uint32_t readers = register_readers(&t->reg, SRC_BRP, F_PERSON_ID);
    assert_int_equal(readers, 1u << IND_ENERGY_HIGH | 1u << IND_ENERGY_NO_RESIDENTS |
                                  1u << IND_OVERCROWDING | 1u << IND_REGISTRATION_CHURN);
    assert_false(register_pseudonymised(F_PERSON_ID)); /* a resident's BSN: checked, dropped */
    assert_true(register_dropped(F_PERSON_ID));
    assert_true(register_pseudonymised(F_OWNER_ID));
    assert_true(register_pseudonymised(F_BUYER_ID));
    assert_false(register_dropped(F_OWNER_ID));
    assert_false(register_pseudonymised(F_BIRTH_DATE));
    assert_false(register_dropped(F_BIRTH_DATE));
    full_free(t);
}

/* Every text vik writes fits the standard, with the longest mapping there is. */
static void test_texts_fit_the_standard(void **state)
{
    (void)state;
    struct full *t = full_new();
    for (int i = 0; i < REGISTER_N_FIELDS; i++) {
        const struct register_field *fd = register_field(i);
        if (fd->text < 0)
            continue;
        char *s = text_of(fd->text, &t->reg);
        size_t chars = text_utf8_count(s, strlen(s));
        assert_true(chars != (size_t)-1 && chars > 0);
        if (fd->max && chars > fd->max)
            fail_msg("%s is %zu characters; the standard allows %zu", fd->name, chars, fd->max);
        free(s);
    }
    full_free(t);
}

static void test_markdown_names_everything(void **state)
{
    (void)state;
    struct full *t = full_new();
    t->cfg.sources[SRC_BRP].map[F_CITY] = "woon|plaats `x`";
    char *md = render(&t->reg, 0);
    for (int i = 0; i < IND_COUNT; i++) {
        char want[64];
        snprintf(want, sizeof want, "\n### %s `%s`: ", indicator_desc(i)->code,
                 indicator_desc(i)->name);
        if (!strstr(md, want))
            fail_msg("Markdown lacks '%s'", want);
    }
    for (int s = 0; s < SRC_COUNT; s++)
        for (int f = 0; f < F_COUNT; f++) {
            const char *col = t->cfg.sources[s].map[f];
            char want[96];
            snprintf(want, sizeof want, "| `%s` |", col ? col : "");
            if (col && !(s == SRC_BRP && f == F_CITY) && !strstr(md, want))
                fail_msg("Markdown lacks '%s'", want);
        }
    assert_non_null(strstr(md, "| `` woon\\|plaats `x` `` | city |"));
    assert_non_null(strstr(md, "(organisation: to be filled by the municipality)"));
    assert_non_null(strstr(md, "| `brp.person_id` | person_id | checked (11-proef) and dropped"));
    assert_non_null(
        strstr(md, "| `kadaster_objects.owner_id` | owner_id | keyed hash as it is read |"));
    char *json = render(&t->reg, 1); /* the same in the machine-readable form */
    const char *pid = strstr(json, "\"field\": \"person_id\"");
    assert_non_null(pid); /* its object's own flags are the next ones */
    const char *ps = strstr(pid, "\"pseudonymised\": "), *dr = strstr(pid, "\"dropped\": ");
    assert_non_null(ps);
    assert_non_null(dr);
    assert_memory_equal(ps, "\"pseudonymised\": false", 22);
    assert_memory_equal(dr, "\"dropped\": true", 15);
    free(json);
    free(md);
    full_free(t);
}

static void test_json_escapes_and_origins(void **state)
{
    (void)state;
    struct full *t = full_new();
    t->cfg.sources[SRC_BRP].map[F_CITY] = "BSN \"x\"\\y";
    char *before = render(&t->reg, 1);
    assert_non_null(strstr(before, "\"column\": \"BSN \\\"x\\\"\\\\y\""));
    assert_non_null(strstr(before, "\"organization\": \"\",\n"));
    assert_non_null(strstr(before, "\"organization\": \"municipality\""));
    assert_non_null(strstr(before, "\"field\": \"organization\""));

    t->cfg.reg.value[RM_ORGANIZATION] = "Gemeente Noorderhaaks";
    t->cfg.reg.value[RM_IAMA] = "https://noorderhaaks.example/iama";
    char *after = render(&t->reg, 1);
    assert_non_null(strstr(after, "\"organization\": \"Gemeente Noorderhaaks\""));
    assert_non_null(strstr(after, "\"organization\": \"config\""));
    assert_null(strstr(after, "\"field\": \"organization\""));
    assert_non_null(strstr(after, "\"title\": \"Impact Assessment Mensenrechten en Algoritmes "
                                  "(IAMA)\""));
    assert_non_null(strstr(after, "\"link\": \"https://noorderhaaks.example/iama\""));
    free(before);
    free(after);
    full_free(t);
}

static void test_weight_change_shows(void **state)
{
    (void)state;
    struct full *t = full_new();
    char *md = render(&t->reg, 0), *json = render(&t->reg, 1);
    t->cfg.ind[IND_COMPANY_CHURN].weight = 1.7;
    char *md2 = render(&t->reg, 0), *json2 = render(&t->reg, 1);
    assert_string_not_equal(md, md2);
    assert_string_not_equal(json, json2);
    assert_non_null(strstr(md2, "- weight 1.7; fires at 1 in 20; may list an address alone\n"));
    assert_non_null(strstr(md2, "| H3 | brievenbus |")); /* the table row, weight after it */
    assert_non_null(strstr(md2, "| 20 | yes | 1.7 |"));
    assert_null(strstr(md, "1.7"));
    assert_non_null(strstr(json2, "\"weight\": 1.7,"));
    assert_null(strstr(json, "\"weight\": 1.7,"));
    free(md);
    free(md2);
    free(json);
    free(json2);
    full_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_field_table),
        cmocka_unit_test(test_in_force),
        cmocka_unit_test(test_texts_fit_the_standard),
        cmocka_unit_test(test_markdown_names_everything),
        cmocka_unit_test(test_json_escapes_and_origins),
        cmocka_unit_test(test_weight_change_shows),
    };
    return cmocka_run_group_tests_name("register", tests, NULL, NULL);
}
