/*
 * csvout.h - writing `;`-delimited UTF-8 CSV fields with RFC 4180 quoting.
 *
 * Why: watchlists and quarantine files are opened by analysts in Excel and by
 * scripts; a street or reason containing ';' or '"' must not shift columns.
 */
#ifndef VIK_COMMON_CSVOUT_H
#define VIK_COMMON_CSVOUT_H

#include <stdio.h>

/* Write s (quoted when it holds ; " CR or LF), followed by sep unless sep is 0. */
void csvout_field(FILE *f, const char *s, char sep);

#endif
