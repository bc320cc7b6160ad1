/*
 * date.h - calendar arithmetic on YYYYMMDD integers.
 *
 * Why: dates are compared and subtracted in every indicator (arrivals in 12 months,
 * resale within 6 months, ages). Keeping them as int32 YYYYMMDD makes them compact,
 * sortable and readable in debuggers; partial BRP dates (19800000) are supported:
 * an unknown month or day counts as the middle of the known period.
 */
#ifndef VIK_COMMON_DATE_H
#define VIK_COMMON_DATE_H

#include <stdint.h>

/* Is y-m-d a real calendar date (m 1..12, d within the month)? */
int date_valid(int y, int m, int d);
/* Days since 1970-01-01 (proleptic Gregorian); unknown parts take mid-period values. */
long date_days(int32_t ymd);
/* Whole years from birth to ref (age on ref); -1 when birth is 0 or after ref. */
int date_age(int32_t birth, int32_t ref);
/* ymd shifted by whole months (day clamped to the month's end). */
int32_t date_add_months(int32_t ymd, int months);
/* Today (local calendar day) as YYYYMMDD. Only the command line calls this, for a
 * missing reference_date; the summary prints the date used. */
int32_t date_today(void);

/* The date `days` days after 1970-01-01 (the inverse of date_days on full dates). */
int32_t date_from_days(long days);
/* ymd shifted by whole days (a partial date is taken at its middle first). */
int32_t date_add_days(int32_t ymd, long days);

/*
 * A date as a person types it in a config, a command line or an import file:
 * "2026-11-01" (month and day may have one digit; blanks around are allowed,
 * nothing else). 0 with *out = YYYYMMDD, or -1 (also for 2026-02-30).
 */
int date_parse_iso(const char *s, int32_t *out);

/* "2026-11-01": the ISO text of ymd in buf (at least DATE_TEXT bytes); returns buf. */
enum { DATE_TEXT = 11 };
const char *date_text(int32_t ymd, char *buf);

#endif
