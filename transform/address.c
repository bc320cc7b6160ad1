/*
 * address.c - one canonical address key out of the many spellings in exports.
 *
 * Why: sources are joined on postcode + number + letter + suffix only (docs/addresses.md,
 * normalisation recipe), and every source writes those differently: "NL-5664 ab", "12-A", "12 A 2",
 * "12 bis", or spreadsheet damage such as "0012", "12.0" and "1-dec". A spelling
 * missed here makes a dwelling look empty, which is itself a signal, so this file
 * accepts the spellings of docs/addresses.md and quarantines everything else with a
 * reason (dates, ranges, postbus, "t/o"/"bij"). It never guesses.
 *
 * How: each field is trimmed (ASCII whitespace and U+00A0). A field longer than
 * FIELD_MAX bytes after trimming is invalid, so the working copies below are small
 * fixed buffers that no input can overrun, and every scan is bounded by a length,
 * never by a NUL. The number text is folded into an upper-case copy (whitespace
 * collapsed, Unicode dashes made '-'), checked for the refusals, and only then
 * tokenised into number, letter and suffix groups.
 *
 * Not here: matching against the BAG (docs/addresses.md, step 5 - swapped readings and
 * synonyms such as H/HS/HUIS or I/1). This file reports what was written.
 * Pure functions: no allocation, no state, no locale (ASCII rules only).
 */
#include "transform/address.h"

#include <stdint.h>
#include <string.h>

/* Longest field worth reading after trimming; real values are below 20 bytes. */
enum { FIELD_MAX = 64 };
/* House number 1..99999 (5 digits); toevoeging 1-4 alphanumerics (BAG). */
enum { NUMBER_DIGITS = 5, NUMBER_MAX = 99999, SUFFIX_MAX = 4 };

static const char *const status_codes[] = {
#define ADDR_CODE(name, code, text) code,
    ADDR_STATUS_MAP(ADDR_CODE)
#undef ADDR_CODE
};

static const char *const status_texts[] = {
#define ADDR_TEXT(name, code, text) text,
    ADDR_STATUS_MAP(ADDR_TEXT)
#undef ADDR_TEXT
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* "T/O", "T.O.", "TO", "TEGENOVER", "BIJ", "BY", compared with '/' and '.' dropped. */
static const char *const aanduiding_words[] = {"TO", "TEGENOVER", "BIJ", "BY"};
/* "t/m", "tm", "tot (en met)" between two numbers (KvK ranges). */
static const char *const range_words[] = {"TM", "TOT"};
/* What spreadsheets print for a month: Dutch and English, short and full. */
static const char *const month_words[] = {
    "JAN", "JANUARI", "JANUARY", "FEB",     "FEBRUARI", "FEBRUARY", "MRT", "MAA",     "MAART",
    "MAR", "MARCH",   "APR",     "APRIL",   "MEI",      "MAY",      "JUN", "JUNI",    "JUNE",
    "JUL", "JULI",    "JULY",    "AUG",     "AUGUSTUS", "AUGUST",   "SEP", "SEPT",    "SEPTEMBER",
    "OKT", "OCT",     "OKTOBER", "OCTOBER", "NOV",      "NOVEMBER", "DEC", "DECEMBER"};

const char *addr_status_code(enum addr_status s)
{
    size_t i = (size_t)s;
    return i < COUNT(status_codes) ? status_codes[i] : "unknown";
}

const char *addr_status_text(enum addr_status s)
{
    size_t i = (size_t)s;
    return i < COUNT(status_texts) ? status_texts[i] : "unknown address status";
}

/* ---- characters (ASCII only: <ctype.h> depends on the locale) ---- */

struct span {
    const char *p;
    size_t n;
};

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_alpha(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int is_alnum(char c)
{
    return is_digit(c) || is_alpha(c);
}

static char to_upper(char c)
{
    return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

static int is_ascii_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Width of a blank starting at p: ASCII whitespace 1, UTF-8 U+00A0 2, else 0. */
static size_t blank_at(const char *p, size_t n)
{
    if (is_ascii_space(p[0]))
        return 1;
    if (n >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
        return 2;
    return 0;
}

/* Width of a blank ending at p[n - 1]. */
static size_t blank_before(const char *p, size_t n)
{
    if (is_ascii_space(p[n - 1]))
        return 1;
    if (n >= 2 && (unsigned char)p[n - 2] == 0xC2 && (unsigned char)p[n - 1] == 0xA0)
        return 2;
    return 0;
}

/* Width of a UTF-8 hyphen/dash U+2010..U+2014 (word processors turn '-' into one). */
static size_t dash_at(const char *p, size_t n)
{
    if (n >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
        (unsigned char)p[2] >= 0x90 && (unsigned char)p[2] <= 0x94)
        return 3;
    return 0;
}

/* The field without leading and trailing blanks, U+00A0 included (text_trim stops at
 * ASCII: elsewhere a non-breaking space is text); NULL reads as empty. */
static struct span trim_blanks(const char *s, size_t n)
{
    struct span t = {s ? s : "", s ? n : 0};
    size_t w;
    while (t.n > 0 && (w = blank_at(t.p, t.n)) != 0) {
        t.p += w;
        t.n -= w;
    }
    while (t.n > 0 && (w = blank_before(t.p, t.n)) != 0)
        t.n -= w;
    return t;
}

/*
 * Comparison copy (docs/addresses.md, step 2): blanks collapsed to one space, dashes
 * made '-', ASCII upper-cased, other bytes kept as they are (they fail later).
 * `in` is trimmed and at most FIELD_MAX bytes and nothing grows, so `out`
 * (FIELD_MAX + 1 bytes) always fits. Returns the length.
 */
static size_t fold(struct span in, char out[FIELD_MAX + 1])
{
    size_t i = 0, k = 0, w;
    while (i < in.n) {
        if ((w = blank_at(in.p + i, in.n - i)) != 0) {
            if (k > 0 && out[k - 1] != ' ')
                out[k++] = ' ';
        } else if ((w = dash_at(in.p + i, in.n - i)) != 0) {
            out[k++] = '-';
        } else {
            out[k++] = to_upper(in.p[i]);
            w = 1;
        }
        i += w;
    }
    out[k] = '\0';
    return k;
}

/* Is w (n bytes, upper case) one of the words of the table? */
static int word_in(const char *w, size_t n, const char *const *table, size_t n_table)
{
    for (size_t i = 0; n > 0 && i < n_table; i++) /* the first byte decides most */
        if (table[i][0] == w[0] && strlen(table[i]) == n && memcmp(table[i], w, n) == 0)
            return 1;
    return 0;
}

/* Does t start with `word` (upper case), compared case-insensitively? */
static int has_prefix(struct span t, const char *word)
{
    size_t n = strlen(word);
    if (t.n < n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (to_upper(t.p[i]) != word[i])
            return 0;
    return 1;
}

/* ---- a bounded cursor over a folded field ---- */

struct scan {
    const char *s;
    size_t n, i;
};

static int at_end(const struct scan *c)
{
    return c->i >= c->n;
}

/* Digits at the cursor; *value is capped above 1,000,000 so it cannot overflow. */
static size_t scan_digits(struct scan *c, uint32_t *value)
{
    size_t start = c->i;
    uint32_t v = 0;
    while (c->i < c->n && is_digit(c->s[c->i])) {
        if (v < 1000000)
            v = v * 10 + (uint32_t)(c->s[c->i] - '0');
        c->i++;
    }
    if (value)
        *value = v;
    return c->i - start;
}

/* Consume one character from `set` (never NUL). */
static int scan_char(struct scan *c, const char *set)
{
    if (c->i < c->n && c->s[c->i] != '\0' && strchr(set, c->s[c->i])) {
        c->i++;
        return 1;
    }
    return 0;
}

static void skip_spaces(struct scan *c)
{
    while (scan_char(c, " "))
        ;
}

/* Letters, '/' and '.': the characters of "T/O", "t.o.", "t/m". */
static int is_word_char(char c)
{
    return is_alpha(c) || c == '/' || c == '.';
}

/* Is s[0..n) one of the words of the table once '/' and '.' are dropped? */
static int is_word(const char *s, size_t n, const char *const *table, size_t n_table)
{
    char w[16];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '/' || s[i] == '.')
            continue;
        if (k == sizeof w)
            return 0;
        w[k++] = s[i];
    }
    return word_in(w, k, table, n_table);
}

/* ---- refusals of the number text ---- */

/* "Postbus 123", "Antwoordnummer 45": a postal address, no building. */
static int is_postbus(struct span t)
{
    return has_prefix(t, "POSTBUS") || has_prefix(t, "ANTWOORDNUMMER");
}

/* "t/o 12", "tegenover 12", "bij 12", "12 (bij)", "12 by": opposite/near (BRP). */
static int is_aanduiding(const char *s, size_t n)
{
    size_t b = 0, e;
    while (b < n && s[b] == '(')
        b++;
    for (e = b; e < n && is_word_char(s[e]); e++)
        ;
    if (is_word(s + b, e - b, aanduiding_words, COUNT(aanduiding_words)))
        return 1;
    e = n;
    while (e > 0 && s[e - 1] == ')')
        e--;
    for (b = e; b > 0 && is_word_char(s[b - 1]); b--)
        ;
    return is_word(s + b, e - b, aanduiding_words, COUNT(aanduiding_words));
}

/* A month name at the cursor, optionally followed by '.'. */
static int scan_month(struct scan *c)
{
    size_t start = c->i;
    while (c->i < c->n && is_alpha(c->s[c->i]))
        c->i++;
    if (!word_in(c->s + start, c->i - start, month_words, COUNT(month_words)))
        return 0;
    scan_char(c, ".");
    return 1;
}

#define DATE_SEPS "- ./"

/* "1-dec", "12 jan", "3-mrt-2020": a spreadsheet read "1-12" as a day and month. */
static int is_day_month(const char *s, size_t n)
{
    struct scan c = {s, n, 0};
    size_t nd = scan_digits(&c, NULL);
    if (nd < 1 || nd > 2 || !scan_char(&c, DATE_SEPS) || !scan_month(&c))
        return 0;
    if (at_end(&c))
        return 1;
    if (!scan_char(&c, DATE_SEPS))
        return 0;
    nd = scan_digits(&c, NULL);
    return (nd == 2 || nd == 4) && at_end(&c);
}

/* "dec-12", "jan-1990": the same damage printed month first. */
static int is_month_number(const char *s, size_t n)
{
    struct scan c = {s, n, 0};
    size_t nd;
    if (!scan_month(&c) || !scan_char(&c, DATE_SEPS))
        return 0;
    nd = scan_digits(&c, NULL);
    return nd >= 1 && nd <= 4 && at_end(&c);
}

/* Optional " 0:00" or " 00:00:00" after a numeric date, then the end. */
static int scan_time_end(struct scan *c)
{
    size_t nd;
    if (at_end(c))
        return 1;
    if (!scan_char(c, " "))
        return 0;
    nd = scan_digits(c, NULL);
    if (nd < 1 || nd > 2 || !scan_char(c, ":") || scan_digits(c, NULL) != 2)
        return 0;
    if (scan_char(c, ":") && scan_digits(c, NULL) != 2)
        return 0;
    return at_end(c);
}

/* "12-1-2020", "01/12/23", "2023-12-01 00:00": a whole date in the number field. */
static int is_numeric_date(const char *s, size_t n)
{
    struct scan c = {s, n, 0};
    uint32_t a, b, y;
    size_t na = scan_digits(&c, &a), nb, ny;
    if (!scan_char(&c, "-/."))
        return 0;
    nb = scan_digits(&c, &b);
    if (nb < 1 || nb > 2 || b < 1 || b > 12 || !scan_char(&c, "-/."))
        return 0;
    ny = scan_digits(&c, &y);
    if (na == 4) /* ISO: year, month, day */
        return ny >= 1 && ny <= 2 && y >= 1 && y <= 31 && scan_time_end(&c);
    return na >= 1 && na <= 2 && a >= 1 && a <= 31 && (ny == 2 || ny == 4) && scan_time_end(&c);
}

static int is_date(const char *s, size_t n)
{
    return is_day_month(s, n) || is_month_number(s, n) || is_numeric_date(s, n);
}

/*
 * "12-14" (second number larger than the first and above 9), "12 t/m 16",
 * "12 tot en met 16" (or a bare "12 t/m"): a range of addresses (KvK), not one.
 * "12-1", "7-2" and "14-12" are a number with a numeric suffix instead.
 */
static int is_range(const char *s, size_t n)
{
    struct scan c = {s, n, 0};
    uint32_t from, to;
    size_t start;
    if (scan_digits(&c, &from) == 0)
        return 0;
    skip_spaces(&c);
    if (scan_char(&c, "-")) {
        skip_spaces(&c);
        return scan_digits(&c, &to) > 0 && at_end(&c) && to > from && to > 9 && to <= NUMBER_MAX;
    }
    for (start = c.i; c.i < c.n && is_word_char(c.s[c.i]); c.i++)
        ;
    return is_word(s + start, c.i - start, range_words, COUNT(range_words));
}

/* "12.0", "12,00": a spreadsheet stored the number as a decimal. New length. */
static size_t drop_zero_fraction(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && is_digit(s[i]))
        i++;
    if (i == 0 || i + 1 >= n || (s[i] != '.' && s[i] != ','))
        return n;
    for (size_t j = i + 1; j < n; j++)
        if (s[j] != '0')
            return n;
    return i;
}

/* ---- tokenising number, letter, suffix ---- */

struct number_parts {
    uint32_t number;
    char letter;                 /* 'A'..'Z' or '\0' */
    char suffix[SUFFIX_MAX + 1]; /* upper case, "" when none */
};

static int is_sep(char c)
{
    return c == ' ' || c == '.' || c == '-' || c == '/';
}

/* Copy 1..SUFFIX_MAX alphanumerics (already upper case) into out. */
static enum addr_status set_suffix(char out[SUFFIX_MAX + 1], struct span g)
{
    if (g.n < 1 || g.n > SUFFIX_MAX)
        return ADDR_SUFFIX_INVALID;
    memcpy(out, g.p, g.n);
    out[g.n] = '\0';
    return ADDR_OK;
}

static int span_is(struct span g, const char *word)
{
    return g.n == strlen(word) && memcmp(g.p, word, g.n) == 0;
}

/*
 * Floor words too long for a toevoeging: "12 2 hoog" / "12 2e hoog" is floor "2" /
 * "2E" (the linker treats 2E as 2): the word is dropped. Returns the groups left.
 */
static size_t floor_words(const struct span *g, size_t n_groups)
{
    if (n_groups == 2 && span_is(g[1], "HOOG") && is_digit(g[0].p[0]))
        return 1;
    return n_groups;
}

/*
 * What follows the number, as alphanumeric groups:
 *   "A"            -> letter A            "BIS", "HS", "II" -> suffix (2-4 letters)
 *   "A2", "B73C"   -> letter + suffix     "1", "2E", "14"   -> suffix
 *   "A" "2"        -> letter A, suffix 2  anything else     -> suffix invalid
 */
static enum addr_status classify_groups(const struct span *g, size_t n_groups,
                                        struct number_parts *np)
{
    struct span rest;
    if (n_groups == 0)
        return ADDR_OK;
    if (n_groups == 1 && span_is(g[0], "PARTERRE")) /* the ground floor, BAG "H" */
        return set_suffix(np->suffix, (struct span){"H", 1});
    n_groups = floor_words(g, n_groups);
    if (n_groups == 2) {
        if (g[0].n != 1 || !is_alpha(g[0].p[0]))
            return ADDR_SUFFIX_INVALID;
        np->letter = g[0].p[0];
        return set_suffix(np->suffix, g[1]);
    }
    rest = g[0];
    if (rest.n == 1 && is_alpha(rest.p[0])) {
        np->letter = rest.p[0];
        return ADDR_OK;
    }
    if (rest.n >= 2 && is_alpha(rest.p[0]) && is_digit(rest.p[1])) {
        np->letter = rest.p[0];
        rest.p++;
        rest.n--;
    }
    return set_suffix(np->suffix, rest);
}

/*
 * ^0*([1-9][0-9]{0,4})[ .\-/]*([A-Z0-9]+)?[ .\-/]*([A-Z0-9]+)?[ .\-/]*$ on the
 * folded text, then classify_groups(). No leading digit or a number outside
 * 1..99999 is a number error; anything wrong after the number a suffix error.
 */
static enum addr_status tokenise(const char *s, size_t n, struct number_parts *np)
{
    struct scan c = {s, n, 0};
    struct span g[2];
    size_t n_groups = 0, nd;

    if (n == 0 || !is_digit(s[0]))
        return ADDR_NUMBER_INVALID;
    while (c.i < n && s[c.i] == '0')
        c.i++;
    nd = scan_digits(&c, &np->number);
    if (nd == 0 || nd > NUMBER_DIGITS)
        return ADDR_NUMBER_INVALID;
    for (;;) {
        size_t start;
        while (c.i < n && is_sep(s[c.i]))
            c.i++;
        if (at_end(&c))
            break;
        for (start = c.i; c.i < n && is_alnum(s[c.i]); c.i++)
            ;
        if (c.i == start || n_groups == COUNT(g))
            return ADDR_SUFFIX_INVALID;
        g[n_groups].p = s + start;
        g[n_groups++].n = c.i - start;
    }
    return classify_groups(g, n_groups, np);
}

/* The number text: refusals first (docs/addresses.md, step 4), then the tokens. */
static enum addr_status number_text(const char *s, size_t n, struct number_parts *np)
{
    char buf[FIELD_MAX + 1];
    struct span t = trim_blanks(s, n);
    size_t len;

    if (t.n == 0)
        return ADDR_NUMBER_MISSING;
    if (t.n > FIELD_MAX)
        return ADDR_NUMBER_INVALID;
    len = fold(t, buf);
    if (is_aanduiding(buf, len))
        return ADDR_AANDUIDING;
    if (is_date(buf, len))
        return ADDR_NUMBER_DATE;
    if (is_range(buf, len))
        return ADDR_NUMBER_RANGE;
    len = drop_zero_fraction(buf, len);
    return tokenise(buf, len, np);
}

/* ---- separate letter and suffix columns ---- */

/* Huisletter column: empty, or exactly one letter in any case. */
static enum addr_status letter_column(const char *s, size_t n, char *letter)
{
    struct span t = trim_blanks(s, n);
    *letter = '\0';
    if (t.n == 0)
        return ADDR_OK;
    if (t.n != 1 || !is_alpha(t.p[0]))
        return ADDR_LETTER_INVALID;
    *letter = to_upper(t.p[0]);
    return ADDR_OK;
}

/*
 * Toevoeging column: 1-4 alphanumerics once blanks and hyphens are removed, after
 * any leading '/' or '.' (a separator, as in "24/2" in the number column). When
 * the source has no letter column, a lone letter ("A") or a letter and 1-3 digits
 * ("A2", "a 2", "A-2") is the huisletter written into the suffix column (docs/addresses.md,
 * pitfalls); "BIS", "HS", "III", "B73C" stay suffixes. When it has one (even empty for
 * this row), the toevoeging is what it says: the BAG does register toevoeging "A",
 * and the linker (link.c) resolves the letter/suffix swap against the Kadaster.
 */
static enum addr_status suffix_column(const char *s, size_t n, int have_letter,
                                      struct number_parts *col)
{
    struct span t = trim_blanks(s, n);
    char buf[SUFFIX_MAX];
    size_t k = 0, i = 0, w, digits = 0;

    if (t.n > FIELD_MAX)
        return ADDR_SUFFIX_INVALID;
    while (i < t.n && (t.p[i] == '/' || t.p[i] == '.')) /* "/2": as "24/2" in the number */
        i++;
    while (i < t.n) {
        if ((w = blank_at(t.p + i, t.n - i)) != 0 || (w = dash_at(t.p + i, t.n - i)) != 0) {
            i += w;
            continue;
        }
        if (t.p[i] != '-') {
            if (!is_alnum(t.p[i]) || k == SUFFIX_MAX)
                return ADDR_SUFFIX_INVALID;
            buf[k++] = to_upper(t.p[i]);
        }
        i++;
    }
    for (i = 1; i < k; i++)
        digits += is_digit(buf[i]) ? 1 : 0;
    if (!have_letter && k >= 1 && is_alpha(buf[0]) && digits == k - 1) {
        col->letter = buf[0];
        memcpy(col->suffix, buf + 1, k - 1);
        col->suffix[k - 1] = '\0';
        return ADDR_OK;
    }
    memcpy(col->suffix, buf, k);
    col->suffix[k] = '\0';
    return ADDR_OK;
}

/*
 * A toevoeging column that repeats the letter (and suffix) of the number text as one
 * text: "12A" with toevoeging "A", "12 A 2" with toevoeging "A2".
 */
static int column_repeats_text(const struct number_parts *text, const struct number_parts *col)
{
    size_t n = strlen(text->suffix);
    return text->letter && !col->letter && col->suffix[0] == text->letter &&
           strlen(col->suffix) == n + 1 && memcmp(col->suffix + 1, text->suffix, n) == 0;
}

/* Letter and suffix from the number text and from the columns must agree. */
static enum addr_status merge(const struct number_parts *text, const struct number_parts *col,
                              struct addr_key *out)
{
    if (column_repeats_text(text, col))
        col = text;
    if (text->letter && col->letter && text->letter != col->letter)
        return ADDR_LETTER_INVALID;
    if (text->suffix[0] && col->suffix[0] && strcmp(text->suffix, col->suffix) != 0)
        return ADDR_SUFFIX_INVALID;
    out->number = text->number;
    out->letter = col->letter ? col->letter : text->letter;
    memcpy(out->suffix, col->suffix[0] ? col->suffix : text->suffix, sizeof out->suffix);
    return ADDR_OK;
}

/* ---- public ---- */

/* The 4 digits + 2 letters (or bare 4 digits) once a leading "NL" is dropped. */
static enum addr_status postcode_check(const char *pc, size_t k, char out[7])
{
    int pc4;
    if ((k == 8 || k == 6) && pc[0] == 'N' && pc[1] == 'L' && is_digit(pc[2])) {
        pc += 2;
        k -= 2;
    }
    pc4 = k >= 4 && pc[0] >= '1' && pc[0] <= '9' && is_digit(pc[1]) && is_digit(pc[2]) &&
          is_digit(pc[3]);
    if (pc4 && k == 4) {
        memcpy(out, pc, 4);
        out[4] = '\0';
        return ADDR_POSTCODE_PC4;
    }
    if (!pc4 || k != 6 || !is_alpha(pc[4]) || !is_alpha(pc[5]))
        return ADDR_POSTCODE_INVALID;
    /* SA, SD and SS were never issued (docs/addresses.md, address components). */
    if (pc[4] == 'S' && (pc[5] == 'A' || pc[5] == 'D' || pc[5] == 'S'))
        return ADDR_POSTCODE_INVALID;
    memcpy(out, pc, 6);
    out[6] = '\0';
    return ADDR_OK;
}

/*
 * Printable ASCII punctuation and blanks are dropped ("NL-5664 AB"); any other
 * byte (control, NUL, non-ASCII) means the field is not a postcode. On
 * ADDR_POSTCODE_PC4 `out` holds the 4 digits, on other failures "".
 */
enum addr_status addr_postcode(const char *s, size_t n, char out[7])
{
    char buf[8]; /* "NL" + 6 */
    size_t k = 0, i = 0, w;
    struct span t = trim_blanks(s, n);

    out[0] = '\0';
    if (t.n == 0)
        return ADDR_POSTCODE_MISSING;
    if (t.n > FIELD_MAX)
        return ADDR_POSTCODE_INVALID;
    while (i < t.n) {
        char c = t.p[i];
        if ((w = blank_at(t.p + i, t.n - i)) != 0 || (w = dash_at(t.p + i, t.n - i)) != 0) {
            i += w;
            continue;
        }
        if ((unsigned char)c < 0x20 || (unsigned char)c >= 0x7F)
            return ADDR_POSTCODE_INVALID;
        i++;
        if (!is_alnum(c))
            continue;
        if (k == sizeof buf)
            return ADDR_POSTCODE_INVALID;
        buf[k++] = to_upper(c);
    }
    if (k == 0)
        return ADDR_POSTCODE_INVALID;
    return postcode_check(buf, k, out);
}

/*
 * The plain spelling most rows write, read in one pass: postcode "5664AB", "5664ab",
 * "5664 AB" or "5664-AB" (not SA, SD, SS), each also after "NL", "NL-" or "NL " (a
 * fifth of the energy rows write "NL-5664 AB"), a number of 1-5 digits without a leading
 * zero, a letter column empty or one letter, no toevoeging. Every step of the full
 * reading below gives such fields this result (none of its refusals can match a
 * number of digits alone), so this is a shortcut, not a second rule: 1 with *out
 * filled, 0 for anything else, which the full reading takes. test_address.c and
 * the address fuzz target compare the two on spellings in and around the plain
 * ones (addr_normalise_full).
 */
static int plain_postcode(const char *s, size_t n, char out[7])
{
    if (n >= 8 && (s[0] | 0x20) == 'n' && (s[1] | 0x20) == 'l') { /* the country, dropped */
        size_t skip = 2 + (s[2] == ' ' || s[2] == '-');
        return n - skip <= 7 && plain_postcode(s + skip, n - skip, out);
    }
    if (n == 7 && (s[4] == ' ' || s[4] == '-')) {
        char c[6] = {s[0], s[1], s[2], s[3], s[5], s[6]};
        return plain_postcode(c, 6, out);
    }
    if (n != 6 || s[0] < '1' || s[0] > '9' || !is_digit(s[1]) || !is_digit(s[2]) ||
        !is_digit(s[3]) || !is_alpha(s[4]) || !is_alpha(s[5]))
        return 0;
    char a = to_upper(s[4]), b = to_upper(s[5]);
    if (a == 'S' && (b == 'A' || b == 'D' || b == 'S'))
        return 0;
    memcpy(out, s, 4);
    out[4] = a, out[5] = b, out[6] = '\0';
    return 1;
}

static int plain_address(const char *postcode, size_t postcode_len, const char *number,
                         size_t number_len, const char *letter, size_t letter_len,
                         size_t suffix_len, struct addr_key *out)
{
    if (suffix_len || number_len < 1 || number_len > NUMBER_DIGITS || number[0] < '1' ||
        number[0] > '9' || (letter_len && (letter_len != 1 || !is_alpha(letter[0]))))
        return 0;
    uint32_t v = 0;
    for (size_t i = 0; i < number_len; i++) {
        if (!is_digit(number[i]))
            return 0;
        v = v * 10 + (uint32_t)(number[i] - '0');
    }
    memset(out, 0, sizeof *out);
    if (!plain_postcode(postcode, postcode_len, out->postcode))
        return 0;
    out->number = v;
    out->letter = letter_len ? to_upper(letter[0]) : '\0';
    return 1;
}

enum addr_status addr_normalise(const char *postcode, size_t postcode_len, const char *number,
                                size_t number_len, const char *letter, size_t letter_len,
                                const char *suffix, size_t suffix_len, struct addr_key *out)
{
    if (postcode && number &&
        plain_address(postcode, postcode_len, number, number_len, letter, letter ? letter_len : 0,
                      suffix ? suffix_len : 0, out))
        return ADDR_OK;
    return addr_normalise_full(postcode, postcode_len, number, number_len, letter, letter_len,
                               suffix, suffix_len, out);
}

/*
 * Order of the checks: postbus (in either field: it is no building whatever else
 * is wrong), postcode, number text, letter column, suffix column, agreement.
 */
enum addr_status addr_normalise_full(const char *postcode, size_t postcode_len, const char *number,
                                     size_t number_len, const char *letter, size_t letter_len,
                                     const char *suffix, size_t suffix_len, struct addr_key *out)
{
    struct number_parts text, col;
    enum addr_status st;

    memset(out, 0, sizeof *out);
    memset(&text, 0, sizeof text);
    memset(&col, 0, sizeof col);
    if (is_postbus(trim_blanks(postcode, postcode_len)) ||
        is_postbus(trim_blanks(number, number_len)))
        return ADDR_POSTBUS;
    if ((st = addr_postcode(postcode, postcode_len, out->postcode)) != ADDR_OK)
        return st;
    if ((st = number_text(number, number_len, &text)) != ADDR_OK)
        return st;
    if ((st = letter_column(letter, letter_len, &col.letter)) != ADDR_OK)
        return st;
    if ((st = suffix_column(suffix, suffix_len, letter != NULL, &col)) != ADDR_OK)
        return st;
    return merge(&text, &col, out);
}
