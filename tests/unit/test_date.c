/*
 * test_date.c - pins the calendar arithmetic on YYYYMMDD integers (common/date.c).
 *
 * Why: every time-window indicator (arrivals in 12 months, resale within 6 months,
 * buyer age) rests on date_valid, date_days, date_age and date_add_months. Leap
 * years, month-end clamping and BRP partial dates (19800000 = year known,
 * 19800600 = month known; docs/sources.md, common formats) are the places where such code goes
 * wrong. Expected day numbers come from python3: (datetime.date(y, m, d) - datetime.date(1970, 1,
 * 1)).days.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define N_ROWS(a) (sizeof(a) / sizeof((a)[0]))

static void test_date_valid_table(void **state)
{
    (void)state;
    static const struct {
        int y, m, d;
        int want;
    } rows[] = {
        {2020, 2, 29, 1}, /* leap year */
        {2019, 2, 29, 0}, /* not a leap year */
        {2000, 2, 29, 1}, /* divisible by 400 */
        {1900, 2, 29, 0}, /* divisible by 100, not by 400 */
        {2019, 2, 28, 1},  {2019, 4, 30, 1}, {2019, 4, 31, 0}, {2019, 1, 31, 1},  {2019, 12, 31, 1},
        {2019, 12, 32, 0}, {2019, 13, 1, 0}, {2019, 0, 1, 0},  {2019, 1, 0, 0},   {2019, -1, 1, 0},
        {2019, 1, -1, 0},  {0, 1, 1, 0},     {1, 1, 1, 1},     {9999, 12, 31, 1}, {10000, 1, 1, 0},
    };
    int bad = 0;
    for (size_t i = 0; i < N_ROWS(rows); i++) {
        int got = date_valid(rows[i].y, rows[i].m, rows[i].d);
        if (got != rows[i].want) {
            print_error("row %zu: date_valid(%d, %d, %d) = %d, want %d\n", i, rows[i].y, rows[i].m,
                        rows[i].d, got, rows[i].want);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void test_date_days_table(void **state)
{
    (void)state;
    /* Values: python3 (date(...) - date(1970, 1, 1)).days. */
    static const struct {
        int32_t ymd;
        long want;
    } rows[] = {
        {19700101, 0},
        {19700102, 1},
        {19691231, -1},
        {20000228, 11015},
        {20000301, 11017},
        {20191231, 18261},
        {20200101, 18262},
        {20201231, 18627},
        {19000301, -25508},
        {20380119, 24855},
        {10101, -719162},
        {99991231, 2932896},
        /* Partial BRP dates: unknown month -> 1 July, unknown day -> the 15th (date.h). */
        {19800000, 3834}, /* = 1980-07-01 */
        {19800600, 3818}, /* = 1980-06-15 */
    };
    int bad = 0;
    for (size_t i = 0; i < N_ROWS(rows); i++) {
        long got = date_days(rows[i].ymd);
        if (got != rows[i].want) {
            print_error("row %zu: date_days(%d) = %ld, want %ld\n", i, (int)rows[i].ymd, got,
                        rows[i].want);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void test_date_days_differences(void **state)
{
    (void)state;
    assert_int_equal(date_days(20000301) - date_days(20000228), 2); /* 2000 is leap */
    assert_int_equal(date_days(19000301) - date_days(19000228), 1); /* 1900 is not */
    assert_int_equal(date_days(20200101) - date_days(20190101), 365);
    assert_int_equal(date_days(20210101) - date_days(20200101), 366);
    assert_int_equal(date_days(20200301) - date_days(20200229), 1);
    /* Across a year end, in both directions. */
    assert_int_equal(date_days(20200105) - date_days(20191225), 11);
    assert_int_equal(date_days(20191225) - date_days(20200105), -11);
    /* A year-only date sits in the middle of its year: 1980-07-01 - 1980-01-01 = 182. */
    assert_int_equal(date_days(19800000) - date_days(19800101), 182);
}

static void test_date_age_table(void **state)
{
    (void)state;
    static const struct {
        int32_t birth, ref;
        int want;
    } rows[] = {
        {20000615, 20200614, 19}, /* day before the birthday */
        {20000615, 20200615, 20}, /* on the birthday */
        {20000615, 20200616, 20}, /* day after */
        {20000615, 20200101, 19}, /* earlier month */
        {20000615, 20201231, 20}, /* later month */
        {20000615, 20000615, 0},  /* born on ref */
        {20000615, 20010614, 0},
        {20000615, 20010615, 1},
        {20000229, 20210228, 20}, /* leap-day birthday: not yet 21 on 28 Feb */
        {20000229, 20210301, 21},
        {20000229, 20240229, 24},
        {19230101, 20231231, 100},
        /* Partial birth dates: unknown month counts as 1 July, unknown day as the 15th. */
        {20000000, 20200630, 19},
        {20000000, 20200701, 20},
        {20000600, 20200614, 19},
        {20000600, 20200615, 20},
        {20000000, 20000301, 0}, /* clamps at 0, never -1 for a birth before ref */
        /* Refusals. */
        {0, 20200101, -1},        /* 00000000: unknown birth date */
        {20200102, 20200101, -1}, /* born after ref */
        {-5, 20200101, -1},
    };
    int bad = 0;
    for (size_t i = 0; i < N_ROWS(rows); i++) {
        int got = date_age(rows[i].birth, rows[i].ref);
        if (got != rows[i].want) {
            print_error("row %zu: date_age(%d, %d) = %d, want %d\n", i, (int)rows[i].birth,
                        (int)rows[i].ref, got, rows[i].want);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void test_date_add_months_table(void **state)
{
    (void)state;
    static const struct {
        int32_t ymd;
        int months;
        int32_t want;
    } rows[] = {
        {20200131, 1, 20200229},  /* clamp to leap February */
        {20190131, 1, 20190228},  /* clamp to common February */
        {20200331, -1, 20200229}, /* backwards clamp */
        {20200531, 1, 20200630},  /* 31 -> 30-day month */
        {20200229, 12, 20210228}, /* leap day + 1 year */
        {20200229, 48, 20240229},
        {20200115, 0, 20200115},
        {20200115, 1, 20200215},
        {20201215, 1, 20210115}, /* across year end */
        {20201231, 1, 20210131},
        {20200115, -1, 20191215}, /* backwards across year end */
        {20200115, 12, 20210115},
        {20200115, -12, 20190115},
        {20200115, -13, 20181215},
        {20200115, 25, 20220215},
        {20200831, 6, 20210228}, /* resale window of 6 months ending in February */
        /* Partial date with a known month stays partial. */
        {19800600, 1, 19800700},
        /* A year-only BRP date keeps its precision (was a bug: moved back a year). */
        {19800000, 0, 19800000},
        {19800000, 12, 19810000},
    };
    int bad = 0;
    for (size_t i = 0; i < N_ROWS(rows); i++) {
        int32_t got = date_add_months(rows[i].ymd, rows[i].months);
        if (got != rows[i].want) {
            print_error("row %zu: date_add_months(%d, %d) = %d, want %d\n", i, (int)rows[i].ymd,
                        rows[i].months, (int)got, (int)rows[i].want);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* Typed dates: what a config, a command line and an import file accept. */
static void test_date_parse_iso_table(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int32_t want; /* 0 = refused */
    } rows[] = {
        {"2026-11-01", 20261101},
        {"2026-1-5", 20260105},
        {" 2026-11-01 ", 20261101},
        {"2024-02-29", 20240229},
        {"2026-02-29", 0},
        {"2026-13-01", 0},
        {"2026-11-01x", 0},
        {"26-11-01", 0},
        {"2026/11/01", 0},
        {"20261101", 0},
        {"", 0},
        {"2026-11-001", 0},
        {"2026--01", 0},
        {"2026-11-01 00:00", 0},
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        int32_t got = 0;
        int rc = date_parse_iso(rows[i].in, &got);
        if (rows[i].want ? rc != 0 || got != rows[i].want : rc == 0) {
            print_error("date_parse_iso(\"%s\") rc=%d got %d, want %d\n", rows[i].in, rc, (int)got,
                        (int)rows[i].want);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* date_from_days inverts date_days over four centuries, leap days included. */
static void test_date_from_days_roundtrip(void **state)
{
    (void)state;
    for (long day = date_days(19000101); day <= date_days(23000101); day += 7) {
        int32_t ymd = date_from_days(day);
        if (date_days(ymd) != day)
            fail_msg("day %ld -> %d -> %ld", day, (int)ymd, date_days(ymd));
    }
    assert_int_equal(date_from_days(0), 19700101);
    assert_int_equal(date_add_days(20240228, 1), 20240229);
    assert_int_equal(date_add_days(20250301, -1), 20250228);
    assert_int_equal(date_add_days(20261101, -90), 20260803);
}

static int32_t ymd_of(const struct tm *tm)
{
    return (tm->tm_year + 1900) * 10000 + (tm->tm_mon + 1) * 100 + tm->tm_mday;
}

static int32_t today_in(const char *tz)
{
    setenv("TZ", tz, 1);
    tzset();
    return date_today();
}

/*
 * date_today is the municipality's calendar day (local time), not UTC's: in UTC it
 * is gmtime's day (read before and after, in case midnight passes between), and
 * fourteen hours east of UTC it is always one or two days later than twelve hours
 * west of it.
 */
static void test_date_today_is_the_local_day(void **state)
{
    (void)state;
    const char *saved = getenv("TZ");
    char keep[64];
    snprintf(keep, sizeof keep, "%s", saved ? saved : "");
    struct tm tm;
    time_t now = time(NULL);
    int32_t before = ymd_of(gmtime_r(&now, &tm));
    int32_t utc = today_in("UTC0");
    now = time(NULL);
    int32_t after = ymd_of(gmtime_r(&now, &tm));
    assert_true(utc == before || utc == after);
    assert_true(date_valid(utc / 10000, utc / 100 % 100, utc % 100));
    long east = date_days(today_in("<+14>-14")), west = date_days(today_in("<-12>+12"));
    assert_true(east - west == 1 || east - west == 2);
    if (saved)
        setenv("TZ", keep, 1);
    else
        unsetenv("TZ");
    tzset();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_valid_table),
        cmocka_unit_test(test_date_days_table),
        cmocka_unit_test(test_date_days_differences),
        cmocka_unit_test(test_date_age_table),
        cmocka_unit_test(test_date_add_months_table),
        cmocka_unit_test(test_date_today_is_the_local_day),
        cmocka_unit_test(test_date_parse_iso_table),
        cmocka_unit_test(test_date_from_days_roundtrip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
