/*
 * test_filter.c - which listed addresses are published (score/filter.h).
 *
 * Why: this is the rule that keeps a handled address off the meeting's list - or
 * puts it back when the risk rose. A wrong comparison either floods the meeting
 * with addresses it already discussed or silences new evidence. Pinned, on a
 * hand-made list of six addresses: no fact keeps; an outcome without an earlier
 * listing suppresses; an outcome with one suppresses up to the margin and re-alerts
 * above it; a forget marker alike, counted apart; an outcome decides before a
 * marker; the scored lists are not touched (they are immutable after scoring).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "score/filter.h"

#include <string.h>

enum { N = 6 };

static void list_of(struct score_result *r, struct listing *l, const float *scores)
{
    memset(r, 0, sizeof *r);
    for (uint32_t i = 0; i < N; i++)
        l[i] = (struct listing){.addr = i, .score = scores[i]};
    r->lists[THEME_HENNEP] = l;
    r->n_list[THEME_HENNEP] = N;
}

static void fact(struct suppress_set *s, uint32_t addr, int outcome, int has_baseline,
                 double baseline, int forgotten, double marker)
{
    struct suppress_entry e = {.addr = addr,
                               .theme = THEME_HENNEP,
                               .outcome = (uint8_t)outcome,
                               .has_baseline = (uint8_t)has_baseline,
                               .forgotten = (uint8_t)forgotten,
                               .baseline = baseline,
                               .marker = marker};
    assert_int_equal(suppress_set_add(s, &e), 0);
}

static void test_the_rule(void **state)
{
    (void)state;
    static const float scores[N] = {3.0f, 2.9f, 2.8f, 2.7f, 2.6f, 2.5f};
    struct listing l[N], before[N];
    struct score_result r;
    list_of(&r, l, scores);
    memcpy(before, l, sizeof l);
    struct suppress_set s;
    suppress_set_init(&s, 1.0);
    /* 0: nothing known -> kept */
    fact(&s, 1, 1, 0, 0, 0, 0);   /* outcome, never listed before -> suppressed */
    fact(&s, 2, 1, 1, 1.8, 0, 0); /* 2.8 = 1.8 + 1.0: not more -> suppressed */
    fact(&s, 3, 1, 1, 1.6, 0, 0); /* 2.7 > 1.6 + 1.0 -> re-alerted */
    fact(&s, 4, 0, 0, 0, 1, 1.6); /* marker 1.6: 2.6 is not above 2.6 -> forgotten */
    fact(&s, 5, 0, 0, 0, 1, 1.4); /* marker 1.4: 2.5 > 2.4 -> re-alerted */
    struct score_lists p;
    assert_int_equal(score_filter(&r, &s, &p), 0);
    assert_int_equal(p.n[THEME_HENNEP], 3);
    assert_int_equal(p.list[THEME_HENNEP][0].addr, 0);
    assert_int_equal(p.list[THEME_HENNEP][1].addr, 3);
    assert_int_equal(p.list[THEME_HENNEP][2].addr, 5);
    assert_int_equal(p.realerted[THEME_HENNEP][0], 0);
    assert_int_equal(p.realerted[THEME_HENNEP][1], 1);
    assert_int_equal(p.realerted[THEME_HENNEP][2], 1);
    assert_int_equal(p.suppressed[THEME_HENNEP], 3);
    assert_int_equal(p.forgotten[THEME_HENNEP], 1);
    /* other themes: nothing listed, nothing suppressed */
    assert_int_equal(p.n[THEME_WITWASSEN], 0);
    assert_int_equal(p.suppressed[THEME_WITWASSEN], 0);
    /* the scored list is as scoring left it */
    assert_int_equal(r.n_list[THEME_HENNEP], N);
    assert_memory_equal(l, before, sizeof l);
    score_lists_release(&p);
    suppress_set_release(&s);
}

/* An outcome decides before a marker; a fact for another theme changes nothing. */
static void test_outcome_first_and_per_theme(void **state)
{
    (void)state;
    static const float scores[N] = {3.0f, 3.0f, 3.0f, 3.0f, 3.0f, 3.0f};
    struct listing l[N];
    struct score_result r;
    list_of(&r, l, scores);
    struct suppress_set s;
    suppress_set_init(&s, 0.5);
    fact(&s, 0, 1, 1, 2.0, 1, 2.9); /* outcome re-alerts (3.0 > 2.5); the marker is not asked */
    fact(&s, 1, 1, 1, 2.9, 1, 0.0); /* outcome suppresses; the low marker would have kept it */
    struct suppress_entry other = {.addr = 2, .theme = THEME_WITWASSEN, .outcome = 1};
    assert_int_equal(suppress_set_add(&s, &other), 0);
    struct score_lists p;
    assert_int_equal(score_filter(&r, &s, &p), 0);
    assert_int_equal(p.n[THEME_HENNEP], N - 1);
    assert_int_equal(p.list[THEME_HENNEP][0].addr, 0);
    assert_int_equal(p.realerted[THEME_HENNEP][0], 1);
    assert_int_equal(p.list[THEME_HENNEP][1].addr, 2); /* witwassen's outcome: kept here */
    assert_int_equal(p.suppressed[THEME_HENNEP], 1);
    assert_int_equal(p.forgotten[THEME_HENNEP], 0);
    score_lists_release(&p);
    suppress_set_release(&s);
}

/* Without facts (vik explain, eval) the published lists are the scored ones. */
static void test_all(void **state)
{
    (void)state;
    static const float scores[N] = {1, 1, 1, 1, 1, 1};
    struct listing l[N];
    struct score_result r;
    list_of(&r, l, scores);
    struct score_lists p;
    score_lists_all(&r, &p);
    assert_ptr_equal(p.list[THEME_HENNEP], l);
    assert_int_equal(p.n[THEME_HENNEP], N);
    assert_null(p.realerted[THEME_HENNEP]);
    score_lists_release(&p); /* owns nothing: a no-op */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_rule),
        cmocka_unit_test(test_outcome_first_and_per_theme),
        cmocka_unit_test(test_all),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
