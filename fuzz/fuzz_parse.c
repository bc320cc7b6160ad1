/*
 * fuzz_parse.c - libFuzzer target for the value parsers of ingest/parse.c: numbers
 * (both decimal marks), dates (all three formats), yes/no, party type, product,
 * BSN, EAN, UTF-8 validation and text decoding (all encodings, any output size).
 *
 * Input: bytes 0-1 give the output capacity for parse_text (taken modulo
 * 3 x length + 4, so every size from 0 to "always enough" is reached); the rest is
 * the text, given to every parser (each in its own allocation of exactly its
 * length, so ASan sees any read past it).
 *
 * Invariants asserted (FUZZ_CHECK aborts), besides "no memory error":
 *  - every parser leaves *out untouched when it refuses (parse.h);
 *  - parse_number accepts exactly ^\s*[+-]?(D+|D{1,3}(S D{3})+)(M D+)?\s*$ (D a
 *    digit, M the decimal mark, S the other mark; at most 40 bytes once trimmed),
 *    and its value is finite and equals strtod() of the same number written in C
 *    syntax to 1e-12 relative; its "%.17g" rendering (when that has no exponent)
 *    parses back with '.' to the same value;
 *  - parse_date gives y 1..9999 and a real calendar date (month lengths computed
 *    here independently), except that DATE_YYYYMMDD also gives the BRP partial
 *    dates yyyy0000 and yyyymm00; for DATE_YYYYMMDD it accepts exactly 8 digits of
 *    such a date; a full date parsed in one format is parsed to the same value from
 *    its rendering in every format;
 *  - parse_bool/party/product give a value of their enum and ignore ASCII case and
 *    surrounding blanks;
 *  - parse_bsn accepts exactly 8 or 9 digits (trimmed) passing the 11-proef, not all
 *    zeros, and writes the 9 digits (zero-padded) and a NUL;
 *  - parse_ean: -1 unless 18 digits starting 871, then 0 or 1 as the GS1 check
 *    digit (computed here independently) is right or wrong;
 *  - text_utf8_valid agrees with the well-formed byte sequences of Unicode Table 3-7;
 *  - parse_text: with room to spare, ENC_UTF8 returns the input iff it is valid
 *    UTF-8, ENC_CP1252 succeeds iff no byte is undefined in cp1252 and keeps ASCII,
 *    ENC_AUTO is the input when valid UTF-8 and cp1252 otherwise, any NUL refuses;
 *    the output is valid UTF-8 of the returned length, NUL-terminated, with no NUL
 *    inside; with capacity cap it succeeds iff cap > that length, with the same
 *    bytes, and never writes past cap;
 *  - trim returns a sub-span without ASCII whitespace at either end.
 */
#include "fuzz/fuzz_common.h"

#include "ingest/parse.h"
#include "common/text.h"
#include "model/dataset.h"
#include "model/row.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    FUZZ_SETUP(p != NULL);
    return p;
}

static char *copy(const char *s, size_t n)
{
    char *p = xmalloc(n);
    memcpy(p, s, n);
    return p;
}

static int is_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r'); /* isspace() in the C locale */
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static void span_trim(const char **s, size_t *n)
{
    while (*n && is_space(**s))
        (*s)++, (*n)--;
    while (*n && is_space((*s)[*n - 1]))
        (*n)--;
}

/* ------------------------------------------ trim */

static void check_trim(const char *s, size_t n)
{
    const char *t = s;
    size_t tn = n;
    text_trim(&t, &tn);
    FUZZ_CHECK(t >= s && t + tn <= s + n, "trim left the span");
    FUZZ_CHECK(tn == 0 || (!is_space(t[0]) && !is_space(t[tn - 1])), "trim left blanks");
    const char *u = s;
    size_t un = n;
    span_trim(&u, &un);
    FUZZ_CHECK(u == t && un == tn, "trim differs from isspace trimming");
}

/* ------------------------------------------ numbers */

/* ^[+-]?(D+|D{1,3}(S D{3})+)(M D+)?$ on the trimmed text, at most 40 bytes. */
static int number_spec(const char *s, size_t n, char mark)
{
    char sep = mark == ',' ? '.' : ',';
    span_trim(&s, &n);
    if (n == 0 || n > 40)
        return 0;
    size_t i = 0;
    if (s[0] == '+' || s[0] == '-')
        i++;
    size_t first = 0;
    while (i < n && is_digit(s[i]))
        i++, first++;
    if (first == 0)
        return 0;
    if (i < n && s[i] == sep) {
        if (first > 3)
            return 0;
        while (i < n && s[i] == sep) {
            size_t k = 0;
            for (i++; i < n && is_digit(s[i]); i++)
                k++;
            if (k != 3)
                return 0;
        }
    }
    if (i < n && s[i] == mark) {
        size_t k = 0;
        for (i++; i < n && is_digit(s[i]); i++)
            k++;
        if (k == 0)
            return 0;
    }
    return i == n;
}

/* strtod of the number rewritten in C syntax (separators dropped, '.' as mark). */
static double number_ref(const char *s, size_t n, char mark)
{
    char buf[64];
    size_t k = 0;
    span_trim(&s, &n);
    for (size_t i = 0; i < n && k + 1 < sizeof buf; i++) {
        if (s[i] == mark)
            buf[k++] = '.';
        else if (is_digit(s[i]) || s[i] == '+' || s[i] == '-')
            buf[k++] = s[i];
    }
    buf[k] = '\0';
    char *end;
    double v = strtod(buf, &end);
    FUZZ_CHECK(*end == '\0', "reference strtod stopped in '%s'", buf);
    return v;
}

static int close_enough(double a, double b)
{
    return fabs(a - b) <= 1e-12 * fmax(fabs(a), fabs(b)) + 1e-300;
}

static void check_number(const char *s, size_t n, char mark)
{
    double v = -12345.678;
    int rc = parse_number(s, n, mark, &v);
    int spec = number_spec(s, n, mark);
    FUZZ_CHECK(rc == 0 || rc == -1, "parse_number returned %d", rc);
    FUZZ_CHECK((rc == 0) == spec, "parse_number('%.*s', '%c') = %d, grammar says %d", (int)n, s,
               mark, rc, spec);
    if (rc != 0) {
        FUZZ_CHECK(v == -12345.678, "refused number wrote %g", v);
        return;
    }
    FUZZ_CHECK(isfinite(v), "parse_number gave %g", v);
    double ref = number_ref(s, n, mark);
    FUZZ_CHECK(close_enough(v, ref), "parse_number('%.*s', '%c') = %.17g, strtod %.17g", (int)n, s,
               mark, v, ref);

    char text[64];
    snprintf(text, sizeof text, "%.17g", v);
    if (strpbrk(text, "eEnNiI"))
        return; /* exponent form: not an export spelling */
    double again = 0;
    FUZZ_CHECK(parse_number(text, strlen(text), '.', &again) == 0 && close_enough(again, v),
               "%.17g printed '%s' parses as %.17g", v, text, again);
}

/* ------------------------------------------ dates */

static int days_in_month(int y, int m)
{
    if (m == 2)
        return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
    return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

static int full_date(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* The k digits at s as a number (the caller checked they are digits). */
static int atoi_n(const char *s, size_t k)
{
    int v = 0;
    for (size_t i = 0; i < k; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* DATE_YYYYMMDD: exactly 8 digits (trimmed): a full date, yyyymm00 or yyyy0000, y >= 1. */
static int yyyymmdd_spec(const char *s, size_t n)
{
    span_trim(&s, &n);
    if (n != 8)
        return 0;
    for (size_t i = 0; i < 8; i++)
        if (!is_digit(s[i]))
            return 0;
    int y = atoi_n(s, 4), m = atoi_n(s + 4, 2), d = atoi_n(s + 6, 2);
    if (y < 1)
        return 0;
    return full_date(y, m, d) || (d == 0 && m <= 12);
}

static void render(int32_t date, enum date_format fmt, char *buf, size_t n)
{
    int y = date / 10000, m = date / 100 % 100, d = date % 100;
    if (fmt == DATE_YYYYMMDD)
        snprintf(buf, n, "%04d%02d%02d", y, m, d);
    else if (fmt == DATE_ISO)
        snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
    else
        snprintf(buf, n, "%02d-%02d-%04d", d, m, y);
}

static void check_date(const char *s, size_t n, enum date_format fmt)
{
    int32_t out = -7;
    int rc = parse_date(s, n, fmt, &out);
    FUZZ_CHECK(rc == 0 || rc == -1, "parse_date returned %d", rc);
    if (fmt == DATE_YYYYMMDD)
        FUZZ_CHECK((rc == 0) == yyyymmdd_spec(s, n), "parse_date('%.*s', YYYYMMDD) = %d", (int)n, s,
                   rc);
    if (rc != 0) {
        FUZZ_CHECK(out == -7, "refused date wrote %d", out);
        return;
    }
    int y = out / 10000, m = out / 100 % 100, d = out % 100;
    int partial = d == 0 && m <= 12 && y >= 1 && y <= 9999;
    FUZZ_CHECK(full_date(y, m, d) || (fmt == DATE_YYYYMMDD && partial),
               "parse_date('%.*s', fmt %d) = %d", (int)n, s, (int)fmt, out);
    static const enum date_format ALL[3] = {DATE_YYYYMMDD, DATE_ISO, DATE_DMY};
    for (int i = 0; i < 3; i++) {
        if (ALL[i] != fmt && !full_date(y, m, d))
            continue; /* a partial date exists only in YYYYMMDD */
        char buf[32];
        int32_t again = -7;
        render(out, ALL[i], buf, sizeof buf);
        FUZZ_CHECK(parse_date(buf, strlen(buf), ALL[i], &again) == 0 && again == out,
                   "%d written '%s' parses as %d", out, buf, again);
    }
}

/* ------------------------------------------ words */

typedef int (*word_fn)(const char *, size_t, int *);

static void check_word(word_fn fn, const char *name, const char *s, size_t n, const int *ok,
                       size_t n_ok)
{
    int v = -7;
    int rc = fn(s, n, &v);
    FUZZ_CHECK(rc == 0 || rc == -1, "%s returned %d", name, rc);
    if (rc != 0) {
        FUZZ_CHECK(v == -7, "%s refused but wrote %d", name, v);
    } else {
        int found = 0;
        for (size_t i = 0; i < n_ok; i++)
            found |= v == ok[i];
        FUZZ_CHECK(found, "%s gave %d", name, v);
    }
    /* upper case and surrounded by blanks: the same answer */
    char *u = xmalloc(n + 4);
    u[0] = ' ', u[1] = '\t';
    for (size_t i = 0; i < n; i++)
        u[2 + i] = (char)toupper((unsigned char)s[i]);
    u[n + 2] = ' ', u[n + 3] = '\r';
    int w = -7;
    int rc2 = fn(u, n + 4, &w);
    FUZZ_CHECK(rc2 == rc && w == v, "%s('%.*s') = %d/%d, upper case and blanks %d/%d", name, (int)n,
               s, rc, v, rc2, w);
    free(u);
}

/* ------------------------------------------ identifiers */

static void check_bsn(const char *s, size_t n)
{
    char out[10];
    memset(out, 'x', sizeof out);
    int rc = parse_bsn(s, n, out);
    const char *t = s;
    size_t tn = n;
    span_trim(&t, &tn);
    int spec = tn == 8 || tn == 9;
    int sum = 0, nonzero = 0;
    char want[10] = "000000000";
    for (size_t i = 0; spec && i < tn; i++) {
        if (!is_digit(t[i])) {
            spec = 0;
            break;
        }
        want[9 - tn + i] = t[i];
    }
    for (int i = 0; spec && i < 9; i++) {
        int dgt = want[i] - '0';
        nonzero |= dgt;
        sum += i < 8 ? (9 - i) * dgt : -dgt; /* 11-proef: 9..2 and -1 */
    }
    spec = spec && nonzero && sum % 11 == 0;
    FUZZ_CHECK((rc == 0) == spec, "parse_bsn('%.*s') = %d, 11-proef says %d", (int)n, s, rc, spec);
    if (rc == 0)
        FUZZ_CHECK(memcmp(out, want, 10) == 0, "parse_bsn wrote '%.10s', want '%s'", out, want);
    else
        FUZZ_CHECK(memcmp(out, "xxxxxxxxxx", 10) == 0, "refused BSN wrote to out");
}

static void check_ean(const char *s, size_t n)
{
    int rc = parse_ean(s, n);
    const char *t = s;
    size_t tn = n;
    span_trim(&t, &tn);
    int want = -1;
    if (tn == 18 && memcmp(t, "871", 3) == 0) {
        int sum = 0, digits = 1;
        for (size_t i = 0; i < 18; i++)
            digits &= is_digit(t[i]);
        /* GS1: weights 3, 1, 3, ... from the digit left of the check digit */
        for (size_t i = 0; digits && i < 17; i++)
            sum += (t[16 - i] - '0') * (i % 2 == 0 ? 3 : 1);
        if (digits)
            want = (10 - sum % 10) % 10 == t[17] - '0' ? 0 : 1;
    }
    FUZZ_CHECK(rc == want, "parse_ean('%.*s') = %d, want %d", (int)n, s, rc, want);
}

/* ------------------------------------------ UTF-8 and decoding */

/* Unicode 15, Table 3-7: the well-formed UTF-8 byte sequences. */
static int utf8_spec(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char b = s[i];
        size_t len;
        unsigned char lo = 0x80, hi = 0xBF; /* range of the second byte */
        if (b <= 0x7F)
            len = 1;
        else if (b >= 0xC2 && b <= 0xDF)
            len = 2;
        else if (b == 0xE0)
            len = 3, lo = 0xA0;
        else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF)
            len = 3;
        else if (b == 0xED)
            len = 3, hi = 0x9F;
        else if (b == 0xF0)
            len = 4, lo = 0x90;
        else if (b >= 0xF1 && b <= 0xF3)
            len = 4;
        else if (b == 0xF4)
            len = 4, hi = 0x8F;
        else
            return 0;
        if (n - i < len)
            return 0;
        if (len > 1 && (s[i + 1] < lo || s[i + 1] > hi))
            return 0;
        for (size_t k = 2; k < len; k++)
            if (s[i + k] < 0x80 || s[i + k] > 0xBF)
                return 0;
        i += len;
    }
    return 1;
}

/* UTF-8 length of cp1252 byte b, 0 when b is undefined in cp1252. */
static size_t cp1252_width(unsigned char b)
{
    if (b < 0x80)
        return 1;
    if (b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D)
        return 0;
    if (b >= 0xA0)
        return 2;
    /* 0x80..0x9F: U+0192 (0x83), U+02C6 (0x88), U+0160 (0x8A), U+0152 (0x8C), U+017D
     * (0x8E), U+02DC (0x98), U+0161 (0x9A), U+0153 (0x9C), U+017E (0x9E), U+0178 (0x9F)
     * are below U+0800; the others (dashes, quotes, euro, ...) are U+2000 and up. */
    switch (b) {
    case 0x83:
    case 0x88:
    case 0x8A:
    case 0x8C:
    case 0x8E:
    case 0x98:
    case 0x9A:
    case 0x9C:
    case 0x9E:
    case 0x9F:
        return 2;
    default:
        return 3;
    }
}

/* parse_text with room to spare, checked against the spec; length or -1. */
static long decode_full(const char *s, size_t n, enum encoding enc, char **out)
{
    size_t cap = 3 * n + 1;
    *out = xmalloc(cap);
    long len = parse_text(s, n, enc, *out, cap);
    int has_nul = memchr(s, '\0', n) != NULL;
    int valid = utf8_spec((const unsigned char *)s, n);
    size_t cp_len = 0;
    int cp_ok = 1;
    for (size_t i = 0; i < n; i++) {
        size_t w = cp1252_width((unsigned char)s[i]);
        cp_ok &= w > 0;
        cp_len += w;
    }
    long want;
    if (has_nul)
        want = -1;
    else if (enc == ENC_UTF8 || (enc == ENC_AUTO && valid))
        want = enc == ENC_UTF8 && !valid ? -1 : (long)n;
    else
        want = cp_ok ? (long)cp_len : -1;
    FUZZ_CHECK(len == want, "parse_text(enc %d, %zu bytes) = %ld, want %ld", (int)enc, n, len,
               want);
    if (len < 0)
        return len;
    FUZZ_CHECK((*out)[len] == '\0' && strlen(*out) == (size_t)len, "output not a string of %ld",
               len);
    FUZZ_CHECK(utf8_spec((const unsigned char *)*out, (size_t)len), "output is not UTF-8");
    if (enc == ENC_UTF8 || (enc == ENC_AUTO && valid)) {
        FUZZ_CHECK(memcmp(*out, s, n) == 0, "valid UTF-8 was changed");
    } else {
        size_t o = 0;
        for (size_t i = 0; i < n; i++) {
            unsigned char b = (unsigned char)s[i];
            if (b < 0x80)
                FUZZ_CHECK((*out)[o] == (char)b, "cp1252 changed ASCII 0x%02x", b);
            o += cp1252_width(b);
        }
    }
    return len;
}

static void check_decode(const char *s, size_t n, enum encoding enc, size_t cap)
{
    char *full;
    long len = decode_full(s, n, enc, &full);
    char *out = xmalloc(cap); /* exactly cap bytes: ASan reports a write past it */
    long got = parse_text(s, n, enc, out, cap);
    int fits = len >= 0 && cap > (size_t)len;
    FUZZ_CHECK(fits ? got == len : got == -1,
               "parse_text(enc %d, %zu bytes, cap %zu) = %ld, with room %ld", (int)enc, n, cap, got,
               len);
    if (fits)
        FUZZ_CHECK(memcmp(out, full, (size_t)len + 1) == 0, "output depends on cap");
    free(out);
    free(full);
}

/* ------------------------------------------ entry */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    size_t n = size - 2;
    size_t cap = ((size_t)data[0] | (size_t)data[1] << 8) % (3 * n + 4);
    char *s = copy((const char *)data + 2, n);

    check_trim(s, n);
    check_number(s, n, '.');
    check_number(s, n, ',');
    check_date(s, n, DATE_YYYYMMDD);
    check_date(s, n, DATE_ISO);
    check_date(s, n, DATE_DMY);
    static const int BOOL_OK[] = {0, 1};
    static const int PARTY_OK[] = {PARTY_PERSON, PARTY_ENTITY};
    static const int PRODUCT_OK[] = {PRODUCT_ELECTRICITY, PRODUCT_GAS};
    check_word(parse_bool, "parse_bool", s, n, BOOL_OK, 2);
    check_word(parse_party, "parse_party", s, n, PARTY_OK, 2);
    check_word(parse_product, "parse_product", s, n, PRODUCT_OK, 2);
    check_bsn(s, n);
    check_ean(s, n);
    FUZZ_CHECK(text_utf8_valid(s, n) == utf8_spec((const unsigned char *)s, n),
               "text_utf8_valid = %d, Table 3-7 says %d", text_utf8_valid(s, n),
               utf8_spec((const unsigned char *)s, n));
    check_decode(s, n, ENC_UTF8, cap);
    check_decode(s, n, ENC_CP1252, cap);
    check_decode(s, n, ENC_AUTO, cap);
    free(s);
    return 0;
}
