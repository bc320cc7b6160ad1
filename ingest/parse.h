/*
 * parse.h - turning export text into typed values, the Dutch way.
 *
 * Why: Dutch exports write 1.234,56 for 1234.56, 01-02-2020 or 20200201 for dates,
 * J/N for yes/no and cp1252 for accents. Every rule lives here once, as pure
 * functions on (pointer, length) with no allocation, so each can be unit-tested and
 * fuzzed on its own. All return 0 on success and -1 on refusal (out untouched).
 */
#ifndef VIK_INGEST_PARSE_H
#define VIK_INGEST_PARSE_H

#include "model/schema.h"

#include <stddef.h>
#include <stdint.h>

/*
 * Decimal number with `decimal` ('.' or ',') as decimal mark; the other mark is
 * accepted only as a thousands separator in groups of three ("1.234.567,5").
 * Leading/trailing spaces and a leading sign are allowed; nothing else.
 */
int parse_number(const char *s, size_t n, char decimal, double *out);

/*
 * Date in the given format. YYYYMMDD allows BRP partial dates (19800000, 19800600:
 * unknown parts are 0); 00000000 is refused. DD-MM-YYYY accepts 1-digit day/month
 * and a trailing " 00:00" time. Result YYYYMMDD.
 */
int parse_date(const char *s, size_t n, enum date_format fmt, int32_t *out);

/* J/N, Y/N, ja/nee, yes/no, 1/0, true/false (any case). */
int parse_bool(const char *s, size_t n, int *out);
/* NP / natuurlijk persoon / person -> PARTY_PERSON; RP / NNP / rechtspersoon / ... -> ENTITY. */
int parse_party(const char *s, size_t n, int *out);
/* ELK / E / electricity / elektriciteit / stroom -> 1; GAS / G -> 2. */
int parse_product(const char *s, size_t n, int *out);

/*
 * A BAG gebruiksdoel (Catalogus BAG 2018), whole values in any ASCII case, one or
 * several separated by , | ; / -> enum usage_flags (model/dataset.h). -1 when any
 * part is not a BAG value: an unknown text is refused, never guessed (a stem match
 * once read "woonwagen" and "kantoorwoning" as anything).
 */
int parse_usage(const char *s, size_t n, int *flags);
/* KvK number: 8 digits, or 7 that lost a leading zero to a spreadsheet. */
int parse_kvk(const char *s, size_t n, double *out);

/* 11-proef on 8 or 9 digits (8 digits: lost leading zero). Writes 9 digits + NUL. */
int parse_bsn(const char *s, size_t n, char out[10]);

/*
 * EAN of a Dutch connection (GSRN): 18 digits starting 871 -> 0; 1 when only the
 * GS1 mod-10 check digit is wrong (a warning: exporters sometimes mangle it);
 * -1 otherwise (wrong length, not digits, not 871).
 */
int parse_ean(const char *s, size_t n);

/*
 * Decode s[0..n) into UTF-8 in out (cap bytes, NUL-terminated). ENC_AUTO keeps
 * valid UTF-8 and reads anything else as cp1252. ENC_UTF8 refuses invalid UTF-8.
 * Returns the output length, or -1 (invalid input or output too small).
 */
long parse_text(const char *s, size_t n, enum encoding enc, char *out, size_t cap);

#endif
