/*
 * test_regmeta.c - pins the checks on the config's [register] keys (model/regmeta.c).
 *
 * Why: these texts are published in the Algoritmeregister as the municipality
 * wrote them. A link that is not https://, a month that is not YYYY-MM, a status
 * the standard does not know or a text over the standard's maximum must be refused
 * when the config is loaded (by `vik check` and `vik run` alike), not discovered by
 * the register's API. The table of keys must also stay consistent: unique keys,
 * each feeding a field, choices only where the kind has them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "model/regmeta.h"

#include <stdio.h>
#include <string.h>

static void test_table(void **state)
{
    (void)state;
    for (int k = 0; k < RM_COUNT; k++) {
        const struct regmeta_def *d = regmeta_def(k);
        assert_non_null(d->key);
        assert_non_null(d->field);
        assert_non_null(d->help);
        assert_int_equal(regmeta_by_key(d->key), k);
        assert_true((d->kind == RMK_CHOICE) == (d->choices != NULL));
        for (int j = 0; j < k; j++)
            assert_string_not_equal(regmeta_def(j)->key, d->key);
    }
    assert_int_equal(regmeta_by_key("contact_email"), -1); /* the standard's name, not ours */
}

static void test_checks(void **state)
{
    (void)state;
    char long_text[2600], title101[200];
    memset(long_text, 'x', 2501);
    long_text[2501] = '\0';
    snprintf(title101, sizeof title101, "%.*s | https://wetten.overheid.nl/x", 101, long_text);
    static const char *const NO = NULL;
    const struct {
        enum regmeta_key k;
        const char *v;
        const char *want_bad; /* NULL: accepted; else a word of the reason */
    } CASES[] = {
        {RM_ORGANIZATION, "Gemeente Geldrop-Mierlo", NO},
        {RM_ORGANIZATION,
         "Gemeente S\xC3\xBA"
         "dwest-Frysl\xC3\xA2n",
         NO},
        {RM_ORGANIZATION, "Gemeente Caf\xE9", "UTF-8"},
        {RM_ORGANIZATION, "tab\there", "control"},
        {RM_ORGANIZATION, "", "empty"},
        {RM_LAWFUL_BASIS, long_text + 1, NO}, /* 2500 characters */
        {RM_LAWFUL_BASIS, long_text, "2501 characters"},
        {RM_CONTACT, "privacy@gemeente.example", NO},
        {RM_CONTACT, "https://gemeente.example/contact", NO},
        {RM_CONTACT, "privacy at gemeente", "e-mail"},
        {RM_CONTACT, "a@b@c.nl", "e-mail"},
        {RM_CONTACT, "privacy@localhost", "e-mail"},
        {RM_DPIA, "https://gemeente.example/dpia.pdf", NO},
        {RM_DPIA, "http://gemeente.example/dpia.pdf", "https://"},
        {RM_DPIA, "https://gemeente.example/dpia vik.pdf", "https://"},
        {RM_DPIA, "https://", "https://"},
        {RM_BEGIN_DATE, "2026-01", NO},
        {RM_BEGIN_DATE, "2026-12", NO},
        {RM_BEGIN_DATE, "2026-13", "YYYY-MM"},
        {RM_BEGIN_DATE, "2026-1", "YYYY-MM"},
        {RM_BEGIN_DATE, "januari 2026", "YYYY-MM"},
        {RM_STATUS, "In gebruik", NO},
        {RM_STATUS, "actief", "one of"},
        {RM_PUBLICATION_CATEGORY, "hoog-risico ai-systeem", NO},
        {RM_LAWFUL_BASIS_LINKS, "Gemeentewet | https://wetten.overheid.nl/BWBR0005416", NO},
        {RM_LAWFUL_BASIS_LINKS, "Gemeentewet|https://a.example\nOpiumwet | https://b.example", NO},
        {RM_LAWFUL_BASIS_LINKS, "Gemeentewet https://wetten.overheid.nl/BWBR0005416", "lines"},
        {RM_LAWFUL_BASIS_LINKS, " | https://wetten.overheid.nl/BWBR0005416", "title"},
        {RM_LAWFUL_BASIS_LINKS, "Gemeentewet | wetten.overheid.nl", "https://"},
        {RM_LAWFUL_BASIS_LINKS, "A | https://a.example\nB https://b.example", "lines"},
        {RM_LAWFUL_BASIS_LINKS, title101, "101 characters"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        char why[200];
        const char *canonical = NULL;
        const char *bad = regmeta_check(CASES[i].k, CASES[i].v, &canonical, why, sizeof why);
        if (!CASES[i].want_bad && bad)
            fail_msg("case %zu refused: %s", i, bad);
        if (CASES[i].want_bad && (!bad || !strstr(bad, CASES[i].want_bad)))
            fail_msg("case %zu: got '%s', want a reason with '%s'", i, bad ? bad : "(accepted)",
                     CASES[i].want_bad);
        if (!bad)
            assert_non_null(canonical);
    }
}

/* A choice is stored as the standard spells it, whatever case the config used. */
static void test_choice_canonical(void **state)
{
    (void)state;
    char why[200];
    const char *canonical = NULL;
    assert_null(regmeta_check(RM_STATUS, "IN GEBRUIK", &canonical, why, sizeof why));
    assert_string_equal(canonical, "In gebruik");
    assert_null(regmeta_check(RM_PUBLICATION_CATEGORY, "impactvolle algoritmes", &canonical, why,
                              sizeof why));
    assert_string_equal(canonical, "Impactvolle algoritmes");
    const char *v = "Gemeente X";
    assert_null(regmeta_check(RM_ORGANIZATION, v, &canonical, why, sizeof why));
    assert_ptr_equal(canonical, v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_checks),
        cmocka_unit_test(test_choice_canonical),
    };
    return cmocka_run_group_tests_name("regmeta", tests, NULL, NULL);
}
