/*
 * test_facts.c - the settings an indicator compiles for the join (model/facts.h):
 * risk SBI prefixes (H2's sbi_prefixes) and report categories per theme (S1's
 * lists). These are the parsers behind the validation hooks that `vik check` and
 * `vik run` share, so what is pinned here is what both accept and refuse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "model/facts.h"

#include <stdio.h>
#include <string.h>

#define N_ROWS(a) (sizeof(a) / sizeof((a)[0]))

static void test_sbi_lists(void **state)
{
    (void)state;
    static const struct {
        const char *list;
        int ok, n;
        const char *why; /* substring of the reason when refused */
    } cases[] = {
        {NULL, 1, 0, NULL},
        {"", 1, 0, NULL},
        {" 96021 , 4511 ,", 1, 2, NULL},
        {"96.02.1,45.11", 1, 2, NULL},
        {"96021,abc,4511", 0, 1, "'abc'"},
        {"96x21, abc", 0, 0, "'96x21'"},
        {"123456", 0, 0, "'123456'"},
        {"9", 0, 0, "'9'"},
        {"96.0.2.1.1.1", 0, 0, "not an SBI prefix"},
    };
    for (size_t i = 0; i < N_ROWS(cases); i++) {
        struct sbi_set set = {0};
        char why[128];
        const char *bad = sbi_set_parse(&set, cases[i].list, why, sizeof why);
        if ((bad == NULL) != cases[i].ok || set.n != cases[i].n ||
            (cases[i].why && (!bad || !strstr(bad, cases[i].why))))
            fail_msg("list '%s': %s, %d prefixes", cases[i].list ? cases[i].list : "(null)",
                     bad ? bad : "accepted", set.n);
    }
    /* 64 prefixes are fine, 65 are refused */
    char list[65 * 6 + 1] = "";
    for (int i = 0; i < 65; i++) {
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%d,", 1000 + i);
        struct sbi_set set = {0};
        char why[128];
        const char *bad = sbi_set_parse(&set, list, why, sizeof why);
        if (i < 64)
            assert_null(bad);
        else
            assert_non_null(strstr(bad, "more than 64"));
    }
}

static void test_sbi_match(void **state)
{
    (void)state;
    struct sbi_set set = {0};
    char why[64];
    assert_null(sbi_set_parse(&set, "96.02.1, 4511", why, sizeof why));
    static const struct {
        const char *sbi;
        int match;
    } cases[] = {{"96021", 1}, {"96.02.1", 1}, {"960211", 1}, {"96022", 0},
                 {"4511", 1},  {"45110", 1},   {"4519", 0},   {"", 0}};
    for (size_t i = 0; i < N_ROWS(cases); i++)
        if (sbi_set_match(&set, cases[i].sbi, strlen(cases[i].sbi)) != cases[i].match)
            fail_msg("sbi '%s'", cases[i].sbi);
}

static void test_categories(void **state)
{
    (void)state;
    struct category_map m;
    memset(&m, 0, sizeof m);
    char why[128];
    assert_null(category_map_add(&m, 1, "hennepteelt, Stankoverlast hennep", why, sizeof why));
    assert_null(category_map_add(&m, 8, "overbewoning,HENNEPTEELT", why, sizeof why));
    assert_int_equal(m.n, 3);
    int c = category_map_find(&m, " hennepteelt ", 13);
    assert_true(c >= 0);
    assert_int_equal(m.c[c].themes, 1 | 8); /* one category, two themes */
    assert_int_equal(category_map_find(&m, "geluidsoverlast", 15), -1);
    /* empty entries between commas are skipped; an over-long one is refused by name */
    assert_null(category_map_add(&m, 2, "witwassen,,  ,", why, sizeof why));
    const char *bad = category_map_add(
        &m, 2, "a category name far longer than forty-eight bytes ...", why, sizeof why);
    assert_non_null(bad);
    assert_non_null(strstr(bad, "is not a category"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sbi_lists),
        cmocka_unit_test(test_sbi_match),
        cmocka_unit_test(test_categories),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
