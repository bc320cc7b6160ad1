/*
 * csvout.h - writing `;`-delimited UTF-8 CSV fields with RFC 4180 quoting.
 *
 * Why: watchlists and quarantine files are opened by analysts in Excel and by
 * scripts; a street or reason containing ';' or '"' must not shift columns.
 */
#ifndef VIK_COMMON_CSVOUT_H
#define VIK_COMMON_CSVOUT_H

#include <stdio.h>

/*
 * Write s (quoted when it holds ; " CR or LF), followed by sep unless sep is 0. A
 * text that starts with = + - @ tab or CR - which Excel would run as a formula
 * (=HYPERLINK(...), DDE) - is quoted and prefixed with ' so that it stays text:
 * streets and rejected values come from exports and must never execute.
 */
void csvout_field(FILE *f, const char *s, char sep);

/*
 * Start a `;` CSV file. With excel set: a UTF-8 byte order mark and a "sep=;" line,
 * so that Excel with Dutch regional settings opens it as UTF-8 in columns (without
 * them it guesses cp1252 and the list separator of the locale). Scripts should
 * leave it off: the first line is then the header.
 */
void csvout_begin(FILE *f, int excel);

#endif
