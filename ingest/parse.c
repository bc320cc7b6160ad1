/*
 * parse.c - see parse.h.
 */
#include "ingest/parse.h"

#include "common/date.h"
#include "common/text.h"
#include "common/wipe.h"
#include "model/dataset.h"

#include <string.h>
#include <strings.h>

static int is_digit(char c)
{
    return (unsigned)(c - '0') < 10u;
}

/* Digits with optional thousands groups "1.234.567"; returns value or -1. */
static int parse_int_part(const char *s, size_t n, char sep, double *out)
{
    double v = 0;
    size_t digits_in_group = 0, groups = 0;
    if (n == 0)
        return -1;
    if (n <= 15) { /* plain digits: the common case, exact in an integer (< 2^53) */
        uint64_t u = 0;
        size_t i = 0;
        while (i < n && is_digit(s[i]))
            u = u * 10 + (uint64_t)(s[i++] - '0');
        if (i == n) {
            *out = (double)u;
            return 0;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (s[i] == sep) {
            if (digits_in_group == 0 || (groups > 0 && digits_in_group != 3) ||
                (groups == 0 && digits_in_group > 3))
                return -1;
            groups++;
            digits_in_group = 0;
            continue;
        }
        if (!is_digit(s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
        digits_in_group++;
    }
    if (groups > 0 && digits_in_group != 3)
        return -1;
    *out = v;
    return 0;
}

/*
 * The place value of the i-th digit after the decimal mark: 0.1, then a tenth of
 * the one before, each the double that one run-time division of the one before
 * gave (the loop parse_number had), written out in hexadecimal so that no
 * compiler's folding can round them otherwise: every number parses to the bits it
 * always did. A division per digit showed in the energy rows' profile (14 numbers
 * a row); past the table the loop divides again.
 */
static const double TENTHS[] = {
    0x1.999999999999ap-4,  /* 0.1 */
    0x1.47ae147ae147bp-7,  /* 0.1 / 10 */
    0x1.0624dd2f1a9fcp-10, /* 0.1 / 10 / 10 ... */
    0x1.a36e2eb1c432dp-14, 0x1.4f8b588e368f1p-17, 0x1.0c6f7a0b5ed8ep-20,
    0x1.ad7f29abcaf4ap-24, 0x1.5798ee2308c3bp-27,
};
enum { N_TENTHS = sizeof TENTHS / sizeof TENTHS[0] };

/* The decimal mark in s[0..n), or NULL: numbers are a few bytes, too short for
 * memchr's call to pay. */
static const char *decimal_mark(const char *s, size_t n, char decimal)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == decimal)
            return s + i;
    return NULL;
}

int parse_number(const char *s, size_t n, char decimal, double *out)
{
    text_trim(&s, &n);
    if (n == 0 || n > 40)
        return -1;
    int neg = 0;
    if (*s == '-' || *s == '+') {
        neg = *s == '-';
        s++, n--;
    }
    char sep = decimal == ',' ? '.' : ',';
    const char *dot = decimal_mark(s, n, decimal);
    size_t int_len = dot ? (size_t)(dot - s) : n;
    double v;
    if (parse_int_part(s, int_len, sep, &v) != 0)
        return -1;
    if (dot) {
        size_t frac_len = n - int_len - 1;
        double scale = 0.1;
        if (frac_len == 0)
            return -1;
        for (size_t i = 0; i < frac_len; i++) {
            char c = dot[1 + i];
            if (!is_digit(c))
                return -1;
            scale = i < N_TENTHS ? TENTHS[i] : scale / 10;
            v += (c - '0') * scale;
        }
    }
    *out = neg ? -v : v;
    return 0;
}

/* Read exactly k digits from s into *v. */
static int digits(const char *s, size_t k, int *v)
{
    *v = 0;
    for (size_t i = 0; i < k; i++) {
        if (!is_digit(s[i]))
            return -1;
        *v = *v * 10 + (s[i] - '0');
    }
    return 0;
}

static int parse_yyyymmdd(const char *s, size_t n, int32_t *out)
{
    int y, m, d;
    if (n != 8 || digits(s, 4, &y) || digits(s + 4, 2, &m) || digits(s + 6, 2, &d))
        return -1;
    if (y == 0 || (m == 0 && d != 0))
        return -1; /* 00000000 is "unknown", not a date */
    if (m == 0 || d == 0) {
        if (m > 12)
            return -1;
    } else if (!date_valid(y, m, d)) {
        return -1;
    }
    *out = y * 10000 + m * 100 + d;
    return 0;
}

static int parse_iso(const char *s, size_t n, int32_t *out)
{
    int y, m, d;
    if (n < 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &y) || digits(s + 5, 2, &m) ||
        digits(s + 8, 2, &d))
        return -1;
    if (n > 10 && s[10] != 'T' && s[10] != ' ')
        return -1;
    if (!date_valid(y, m, d))
        return -1;
    *out = y * 10000 + m * 100 + d;
    return 0;
}

/* "1-2-2019", "01-02-2019", "01-02-2019 00:00". */
static int parse_dmy(const char *s, size_t n, int32_t *out)
{
    int part[3] = {0, 0, 0};
    size_t i = 0;
    for (int p = 0; p < 3; p++) {
        size_t start = i;
        while (i < n && is_digit(s[i]) && i - start < 5) /* no overflow */
            part[p] = part[p] * 10 + (s[i++] - '0');
        size_t len = i - start;
        if (len == 0 || (p < 2 && len > 2) || (p == 2 && len != 4))
            return -1;
        if (p < 2) {
            if (i >= n || (s[i] != '-' && s[i] != '/' && s[i] != '.'))
                return -1;
            i++;
        }
    }
    if (i < n && s[i] != ' ')
        return -1;
    for (size_t k = i; k < n; k++) /* only a time may follow: " 00:00", " 0:00:00" */
        if (s[k] != ' ' && s[k] != ':' && !is_digit(s[k]))
            return -1;
    if (!date_valid(part[2], part[1], part[0]))
        return -1;
    *out = part[2] * 10000 + part[1] * 100 + part[0];
    return 0;
}

int parse_date(const char *s, size_t n, enum date_format fmt, int32_t *out)
{
    text_trim(&s, &n);
    switch (fmt) {
    case DATE_YYYYMMDD:
        return parse_yyyymmdd(s, n, out);
    case DATE_ISO:
        return parse_iso(s, n, out);
    case DATE_DMY:
        return parse_dmy(s, n, out);
    }
    return -1;
}

/* Case-insensitive match of s[0..n) against a NULL-terminated word list. */
static int match_word(const char *s, size_t n, const char *const *words)
{
    text_trim(&s, &n);
    for (; *words; words++)
        if (strlen(*words) == n && strncasecmp(s, *words, n) == 0)
            return 1;
    return 0;
}

int parse_bool(const char *s, size_t n, int *out)
{
    static const char *const yes[] = {"j", "ja", "y", "yes", "1", "true", "waar", NULL};
    static const char *const no[] = {"n", "nee", "no", "0", "false", "onwaar", NULL};
    if (match_word(s, n, yes))
        return *out = 1, 0;
    if (match_word(s, n, no))
        return *out = 0, 0;
    return -1;
}

int parse_party(const char *s, size_t n, int *out)
{
    static const char *const person[] = {
        "np", "natuurlijk persoon", "natuurlijk_persoon", "person", "natural person", "p", NULL};
    static const char *const entity[] = {"rp",
                                         "nnp",
                                         "rechtspersoon",
                                         "niet-natuurlijk persoon",
                                         "niet natuurlijk persoon",
                                         "legal entity",
                                         "entity",
                                         NULL};
    if (match_word(s, n, person))
        return *out = PARTY_PERSON, 0;
    if (match_word(s, n, entity))
        return *out = PARTY_ENTITY, 0;
    return -1;
}

int parse_product(const char *s, size_t n, int *out)
{
    static const char *const elec[] = {"elk",    "e",    "electricity", "elektriciteit",
                                       "stroom", "elec", NULL};
    static const char *const gas[] = {"gas", "g", NULL};
    if (match_word(s, n, elec))
        return *out = 1, 0;
    if (match_word(s, n, gas))
        return *out = 2, 0;
    return -1;
}

/* s[0..n) equals the lower-case word in any ASCII case (locale-independent). */
static int ascii_ieq(const char *s, size_t n, const char *word)
{
    if (strlen(word) != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
        if (c != word[i])
            return 0;
    }
    return 1;
}

static int usage_value(const char *s, size_t n)
{
    static const struct {
        const char *name;
        int flag;
    } BAG[] = {{"woonfunctie", USE_WONEN},
               {"winkelfunctie", USE_WINKEL},
               {"kantoorfunctie", USE_KANTOOR},
               {"industriefunctie", USE_INDUSTRIE},
               {"overige gebruiksfunctie", USE_OVERIG},
               {"gezondheidszorgfunctie", USE_ZORG},
               {"logiesfunctie", USE_LOGIES},
               {"bijeenkomstfunctie", USE_OTHER},
               {"onderwijsfunctie", USE_OTHER},
               {"sportfunctie", USE_OTHER},
               {"celfunctie", USE_OTHER}};
    text_trim(&s, &n);
    for (size_t i = 0; i < sizeof BAG / sizeof BAG[0]; i++)
        if (ascii_ieq(s, n, BAG[i].name))
            return BAG[i].flag;
    return 0;
}

int parse_usage(const char *s, size_t n, int *flags)
{
    *flags = 0;
    for (size_t i = 0; i <= n; i++) {
        size_t start = i;
        while (i < n && !memchr(",|;/", s[i], 4))
            i++;
        const char *part = s + start;
        size_t len = i - start;
        text_trim(&part, &len);
        if (len == 0)
            continue;
        int f = usage_value(part, len);
        if (!f)
            return -1;
        *flags |= f;
    }
    return *flags ? 0 : -1;
}

int parse_kvk(const char *s, size_t n, double *out)
{
    text_trim(&s, &n);
    if (n < 7 || n > 8)
        return -1;
    uint32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (uint32_t)(s[i] - '0');
    }
    *out = v;
    return 0;
}

int parse_bsn(const char *s, size_t n, char out[10])
{
    text_trim(&s, &n);
    if (n != 8 && n != 9)
        return -1;
    char d[10];
    size_t pad = 9 - n;
    memset(d, '0', pad);
    memcpy(d + pad, s, n);
    d[9] = '\0';
    int sum = 0, nonzero = 0;
    for (int i = 0; i < 9; i++) {
        if (!is_digit(d[i])) {
            wipe(d, sizeof d);
            return -1;
        }
        int v = d[i] - '0';
        nonzero |= v;
        sum += i < 8 ? (9 - i) * v : -v;
    }
    int ok = nonzero && sum % 11 == 0;
    if (ok)
        memcpy(out, d, 10);
    wipe(d, sizeof d);
    return ok ? 0 : -1;
}

int parse_ean(const char *s, size_t n)
{
    text_trim(&s, &n);
    if (n != 18 || strncmp(s, "871", 3) != 0)
        return -1;
    int sum = 0;
    for (size_t i = 0; i < 18; i++) {
        if (!is_digit(s[i]))
            return -1;
        if (i < 17) /* weights 3,1,3,... from the digit left of the check digit */
            sum += (s[i] - '0') * ((17 - i) % 2 ? 3 : 1);
    }
    return (10 - sum % 10) % 10 == s[17] - '0' ? 0 : 1;
}

/* cp1252 0x80..0x9F as Unicode code points (0 = undefined in cp1252). */
static const unsigned short CP1252_HIGH[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

static long cp1252_to_utf8(const unsigned char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    if (cap == 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        unsigned cp = s[i];
        if (cp >= 0x80 && cp < 0xA0) {
            cp = CP1252_HIGH[cp - 0x80];
            if (!cp)
                return -1;
        }
        if (cp < 0x80) {
            if (o + 1 >= cap)
                return -1;
            out[o++] = (char)cp;
        } else if (cp < 0x800) {
            if (o + 2 >= cap)
                return -1;
            out[o++] = (char)(0xC0 | (cp >> 6));
            out[o++] = (char)(0x80 | (cp & 0x3F));
        } else {
            if (o + 3 >= cap)
                return -1;
            out[o++] = (char)(0xE0 | (cp >> 12));
            out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    out[o] = '\0';
    return (long)o;
}

long parse_text(const char *s, size_t n, enum encoding enc, char *out, size_t cap)
{
    if (text_ascii_prefix(s, n) == n) { /* ASCII is the same in UTF-8 and cp1252 */
        if (n + 1 > cap)
            return -1;
        memcpy(out, s, n);
        out[n] = '\0';
        return (long)n;
    }
    if (memchr(s, '\0', n))
        return -1;
    if (enc == ENC_CP1252 || (enc == ENC_AUTO && !text_utf8_valid(s, n)))
        return cp1252_to_utf8((const unsigned char *)s, n, out, cap);
    if (!text_utf8_valid(s, n) || n + 1 > cap)
        return -1;
    memcpy(out, s, n);
    out[n] = '\0';
    return (long)n;
}
