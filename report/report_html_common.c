/*
 * report_html_common.c - the few facts every section of report.html asks the same
 * way (report_html_int.h): how many lines a theme shows, a date, whether there is
 * history. Here, not in the page, so that sections never call back into it.
 */
#include "report/report_html_int.h"

#include "common/date.h"

size_t report_html_listed(const struct report_html_in *in, int t)
{
    size_t n = in->lists->n[t];
    return in->top_n >= 0 && n > (size_t)in->top_n ? (size_t)in->top_n : n;
}

void report_html_date(FILE *f, int32_t d)
{
    char day[DATE_TEXT];
    fputs(date_text(d, day), f);
}

const struct history_view *report_html_history(const struct report_html_in *in)
{
    return in->history && in->history->available ? in->history : NULL;
}
