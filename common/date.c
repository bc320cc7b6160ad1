/*
 * date.c - see date.h. Day numbers use the well-known days-from-civil algorithm
 * (H. Hinnant), exact for the proleptic Gregorian calendar.
 */
#include "common/date.h"

#include <stdio.h>

#include <time.h>

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int date_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m);
}

static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

long date_days(int32_t ymd)
{
    int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
    if (m == 0)
        m = 7, d = 1; /* year known: its middle */
    else if (d == 0)
        d = 15;
    return days_from_civil(y, m, d);
}

int date_age(int32_t birth, int32_t ref)
{
    if (birth <= 0 || birth > ref)
        return -1;
    int age = ref / 10000 - birth / 10000;
    int bmd = birth % 10000, rmd = ref % 10000;
    if (bmd % 100 == 0)
        bmd = bmd / 100 == 0 ? 701 : bmd + 15;
    if (rmd < bmd)
        age--;
    return age < 0 ? 0 : age;
}

int32_t date_add_months(int32_t ymd, int months)
{
    int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
    if (m == 0) /* year-only partial date: keep its precision */
        return (y + (months >= 0 ? months / 12 : -((-months + 11) / 12))) * 10000;
    int total = y * 12 + (m - 1) + months;
    y = total / 12;
    m = total % 12 + 1;
    if (d > month_days(y, m))
        d = month_days(y, m);
    return y * 10000 + m * 100 + d;
}

int32_t date_today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm); /* the municipality's calendar day, not UTC's */
    return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

int32_t date_from_days(long days)
{
    long z = days + 719468; /* H. Hinnant's civil_from_days */
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    long y = yoe + era * 400 + (m <= 2);
    return (int32_t)(y * 10000 + m * 100 + d);
}

int32_t date_add_days(int32_t ymd, long days)
{
    return date_from_days(date_days(ymd) + days);
}

/* n digits at *s into *v (1 <= count <= max); returns the count, 0 when none. */
static int digits(const char **s, int max, int *v)
{
    int n = 0;
    *v = 0;
    while (n < max && **s >= '0' && **s <= '9')
        *v = *v * 10 + (*(*s)++ - '0'), n++;
    return n;
}

int date_parse_iso(const char *s, int32_t *out)
{
    int y, m, d;
    while (*s == ' ' || *s == '\t')
        s++;
    if (digits(&s, 4, &y) != 4 || *s++ != '-' || digits(&s, 2, &m) == 0 || *s++ != '-' ||
        digits(&s, 2, &d) == 0)
        return -1;
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s || !date_valid(y, m, d))
        return -1;
    *out = y * 10000 + m * 100 + d;
    return 0;
}

const char *date_text(int32_t ymd, char *buf)
{
    unsigned y = (unsigned)(ymd / 10000) % 10000u, m = (unsigned)(ymd / 100) % 100u,
             d = (unsigned)ymd % 100u;
    snprintf(buf, DATE_TEXT, "%04u-%02u-%02u", y % 10000u, m % 100u, d % 100u);
    return buf;
}
