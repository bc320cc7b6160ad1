/*
 * test_parse.c - pins how export text becomes typed values (ingest/parse.c).
 *
 * Why: Dutch exports write 1.234,56, 20190101 / 2019-01-01 / 1-1-2019 00:00, J/N,
 * cp1252 accents and BSNs that lost a leading zero (docs/sources.md, common formats and
 * identifiers). A parser that is too lenient turns garbage into plausible numbers, dates or
 * identities; one that is too strict quarantines good rows. Every accepted and every refused form
 * below is therefore a decision: changing one should be a conscious act. Refusals must also leave
 * the output untouched (parse.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common/text.h"
#include "ingest/parse.h"
#include "model/dataset.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_ROWS(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- numbers */

static void test_parse_number_table(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        char decimal;
        int rc;
        double want;
    } rows[] = {
        /* Accepted, decimal comma. */
        {"1.234,56", ',', 0, 1234.56},
        {"1234,5", ',', 0, 1234.5},
        {"-412,0", ',', 0, -412.0},
        {"1.234.567", ',', 0, 1234567.0},
        {"1.234.567,891", ',', 0, 1234567.891},
        {"1.234", ',', 0, 1234.0}, /* with ',' declared, a dot is always thousands */
        {"0,5", ',', 0, 0.5},
        {"+7", ',', 0, 7.0},
        {"007", ',', 0, 7.0},
        {"0", ',', 0, 0.0},
        {"123", ',', 0, 123.0},
        {"999.999", ',', 0, 999999.0},
        /* Accepted, decimal dot. */
        {"1,234.5", '.', 0, 1234.5},
        {"1.234", '.', 0, 1.234},
        {"1,234", '.', 0, 1234.0},
        {"-0.25", '.', 0, -0.25},
        {"12,345,678.9", '.', 0, 12345678.9},
        /* Whitespace trimming. */
        {"  1.234,56  ", ',', 0, 1234.56},
        {"\t-3,5\r\n", ',', 0, -3.5},
        {" 42 ", '.', 0, 42.0},
        /* Refused. */
        {"1.23,4", ',', -1, 0}, /* thousands group of 2 */
        {"12,", ',', -1, 0},    /* decimal mark without digits */
        {"", ',', -1, 0},
        {"   ", ',', -1, 0},
        {"abc", ',', -1, 0},
        {"1 234", ',', -1, 0}, /* space as thousands separator */
        {"--1", ',', -1, 0},
        {"+-1", ',', -1, 0},
        {"-", ',', -1, 0},
        {"+", ',', -1, 0},
        {"1e5", ',', -1, 0},
        {"1e5", '.', -1, 0},
        {"1234.567", ',', -1, 0}, /* first group longer than 3 */
        {"1.2345", ',', -1, 0},   /* last group longer than 3 */
        {"1..234", ',', -1, 0},
        {".123", ',', -1, 0},
        {"123.", ',', -1, 0},
        {",5", ',', -1, 0},    /* no integer part */
        {"1,2,3", ',', -1, 0}, /* two decimal marks */
        {"1.234,5.6", ',', -1, 0},
        {"1,23", '.', -1, 0}, /* group of 2 with dot decimal */
        {"1.234.5", '.', -1, 0},
        {"12,5", '.', -1, 0}, /* decimal comma when '.' was declared */
        {"- 1", ',', -1, 0},
        {"1-", ',', -1, 0},
        {"0x10", '.', -1, 0},
        {"nan", '.', -1, 0},
        {"inf", '.', -1, 0},
        {"€ 12", ',', -1, 0},
        {"12 %", ',', -1, 0},
        /* Longer than 40 characters after trimming. */
        {"11111111111111111111111111111111111111111", '.', -1, 0},
    };
    int bad = 0;
    for (size_t i = 0; i < N_ROWS(rows); i++) {
        double got = -999.0;
        int rc = parse_number(rows[i].in, strlen(rows[i].in), rows[i].decimal, &got);
        int ok = rc == rows[i].rc;
        double mag = fabs(rows[i].want) > 1.0 ? fabs(rows[i].want) : 1.0;
        if (ok && rc == 0)
            ok = fabs(got - rows[i].want) <= 1e-9 * mag;
        if (ok && rc != 0)
            ok = got == -999.0; /* out untouched on refusal */
        if (!ok) {
            print_error("row %zu: parse_number(\"%s\", '%c') rc=%d out=%.17g, want rc=%d "
                        "out=%.17g\n",
                        i, rows[i].in, rows[i].decimal, rc, got, rows[i].rc, rows[i].want);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* The division loop parse_number's place values stand for (ingest/parse.c,
 * TENTHS): each place value alone, and 200,000 random fractions of up to 12 digits,
 * parse to the same bits as through it. */
static double by_division(const char *frac, double v)
{
    double scale = 0.1;
    for (size_t i = 0; frac[i]; i++) {
        v += (frac[i] - '0') * scale;
        scale /= 10;
    }
    return v;
}

static void test_parse_number_bits_as_divided(void **state)
{
    (void)state;
    /* each place value alone: "0,00..0d" is d times it, so every table entry and the
     * divisions past the table show in the result's last bit */
    for (int zeros = 0; zeros <= 15; zeros++)
        for (char d = '1'; d <= '9'; d++) {
            char frac[20], text[24];
            memset(frac, '0', (size_t)zeros);
            frac[zeros] = d, frac[zeros + 1] = '\0';
            snprintf(text, sizeof text, "0,%s", frac);
            double got = 0, want = by_division(frac, 0);
            assert_int_equal(parse_number(text, strlen(text), ',', &got), 0);
            if (memcmp(&got, &want, sizeof got) != 0)
                fail_msg("%s: %.17g, by division %.17g", text, got, want);
        }
    uint64_t x = 88172645463325252ull; /* xorshift: deterministic digits */
    for (int t = 0; t < 200000; t++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        char frac[16], text[48];
        int len = 1 + (int)(x % 12);
        for (int i = 0; i < len; i++)
            frac[i] = (char)('0' + (x >> (4 + 3 * i)) % 10);
        frac[len] = '\0';
        unsigned whole = t % 2 ? (unsigned)(x >> 40) % 100000u : 0; /* 0: every bit shows */
        snprintf(text, sizeof text, "%u,%s", whole, frac);
        double got = 0, want = by_division(frac, (double)whole);
        assert_int_equal(parse_number(text, strlen(text), ',', &got), 0);
        if (memcmp(&got, &want, sizeof got) != 0)
            fail_msg("%s: %.17g, by division %.17g", text, got, want);
    }
}

static void test_parse_number_uses_length_not_nul(void **state)
{
    (void)state;
    double v = 0;
    /* Only the first 3 bytes count: "12,"+"5" must read as the refused "12,". */
    assert_int_equal(parse_number("12,5", 3, ',', &v), -1);
    /* ... and "1.234,56xyz" cut at 8 bytes is a clean number. */
    assert_int_equal(parse_number("1.234,56xyz", 8, ',', &v), 0);
    assert_true(fabs(v - 1234.56) < 1e-9);
    assert_int_equal(parse_number("", 0, ',', &v), -1);
}

/* ------------------------------------------------------------------ dates */

static void test_parse_date_table(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        enum date_format fmt;
        int rc;
        int32_t want;
    } rows[] = {
        /* YYYYMMDD (BRP, KvK). */
        {"20190101", DATE_YYYYMMDD, 0, 20190101},
        {"20200229", DATE_YYYYMMDD, 0, 20200229},
        {" 20191231 ", DATE_YYYYMMDD, 0, 20191231},
        {"19800000", DATE_YYYYMMDD, 0, 19800000}, /* year known */
        {"19800600", DATE_YYYYMMDD, 0, 19800600}, /* year and month known */
        {"00000000", DATE_YYYYMMDD, -1, 0},       /* fully unknown: not a date */
        {"00000101", DATE_YYYYMMDD, -1, 0},       /* year 0 */
        {"20190230", DATE_YYYYMMDD, -1, 0},
        {"20190229", DATE_YYYYMMDD, -1, 0},
        {"20191301", DATE_YYYYMMDD, -1, 0},
        {"19801300", DATE_YYYYMMDD, -1, 0}, /* partial with month 13 */
        {"19800015", DATE_YYYYMMDD, -1, 0}, /* day known but month not */
        {"19800632", DATE_YYYYMMDD, -1, 0},
        {"2019010", DATE_YYYYMMDD, -1, 0},   /* 7 digits */
        {"201901011", DATE_YYYYMMDD, -1, 0}, /* 9 digits */
        {"2019-01-01", DATE_YYYYMMDD, -1, 0},
        {"2019010a", DATE_YYYYMMDD, -1, 0},
        {"+2019010", DATE_YYYYMMDD, -1, 0},
        {"", DATE_YYYYMMDD, -1, 0},
        /* ISO (BAG, BRK, APIs). */
        {"2019-01-01", DATE_ISO, 0, 20190101},
        {"2020-02-29", DATE_ISO, 0, 20200229},
        {"2019-01-01T12:30:00", DATE_ISO, 0, 20190101},
        {"2019-01-01 00:00:00", DATE_ISO, 0, 20190101},
        {" 2019-12-31 ", DATE_ISO, 0, 20191231},
        {"2019-13-01", DATE_ISO, -1, 0},
        {"2019-02-29", DATE_ISO, -1, 0},
        {"2019-00-10", DATE_ISO, -1, 0},
        {"2019-01-00", DATE_ISO, -1, 0},
        {"2019-1-01", DATE_ISO, -1, 0},
        {"2019/01/01", DATE_ISO, -1, 0},
        {"2019-01-01X", DATE_ISO, -1, 0},
        {"20190101", DATE_ISO, -1, 0},
        {"0000-01-01", DATE_ISO, -1, 0},
        {"", DATE_ISO, -1, 0},
        /* DD-MM-YYYY (utility and spreadsheet exports). */
        {"01-02-2020", DATE_DMY, 0, 20200201},
        {"1-2-2020", DATE_DMY, 0, 20200201},
        {"1-1-2019 00:00", DATE_DMY, 0, 20190101},
        {"31-12-2019 00:00", DATE_DMY, 0, 20191231},
        {"29-02-2020", DATE_DMY, 0, 20200229},
        {"29-02-2019", DATE_DMY, -1, 0},
        {"01/02/2020", DATE_DMY, 0, 20200201},
        {"01.02.2020", DATE_DMY, 0, 20200201},
        {" 5-6-2021 ", DATE_DMY, 0, 20210605},
        {"31-04-2019", DATE_DMY, -1, 0},
        {"1-13-2019", DATE_DMY, -1, 0},
        {"0-1-2019", DATE_DMY, -1, 0},
        {"001-01-2019", DATE_DMY, -1, 0}, /* 3-digit day */
        {"01-01-19", DATE_DMY, -1, 0},    /* 2-digit year */
        {"01-01-20190", DATE_DMY, -1, 0},
        {"01-01", DATE_DMY, -1, 0},
        {"01-01-", DATE_DMY, -1, 0},
        {"--2019", DATE_DMY, -1, 0},
        {"01-01-2019x", DATE_DMY, -1, 0},
        {"01 01 2019", DATE_DMY, -1, 0},
        {"2019-01-01", DATE_DMY, -1, 0},
        {"", DATE_DMY, -1, 0},
    };
    int bad = 0;
    for (size_t i = 0; i < N_ROWS(rows); i++) {
        int32_t got = -7;
        int rc = parse_date(rows[i].in, strlen(rows[i].in), rows[i].fmt, &got);
        int ok = rc == rows[i].rc && (rc == 0 ? got == rows[i].want : got == -7);
        if (!ok) {
            print_error("row %zu: parse_date(\"%s\", fmt %d) rc=%d out=%d, want rc=%d out=%d\n", i,
                        rows[i].in, (int)rows[i].fmt, rc, (int)got, rows[i].rc, (int)rows[i].want);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* -------------------------------------------------------------- word lists */

enum word_fn { W_BOOL, W_PARTY, W_PRODUCT };

static void test_parse_words_table(void **state)
{
    (void)state;
    static const struct {
        enum word_fn fn;
        const char *in;
        int rc;
        int want;
    } rows[] = {
        {W_BOOL, "J", 0, 1},
        {W_BOOL, "j", 0, 1},
        {W_BOOL, "ja", 0, 1},
        {W_BOOL, "JA", 0, 1},
        {W_BOOL, "Y", 0, 1},
        {W_BOOL, "yes", 0, 1},
        {W_BOOL, "Yes", 0, 1},
        {W_BOOL, "1", 0, 1},
        {W_BOOL, "true", 0, 1},
        {W_BOOL, "TRUE", 0, 1},
        {W_BOOL, "waar", 0, 1},
        {W_BOOL, " ja ", 0, 1},
        {W_BOOL, "N", 0, 0},
        {W_BOOL, "nee", 0, 0},
        {W_BOOL, "Nee", 0, 0},
        {W_BOOL, "no", 0, 0},
        {W_BOOL, "0", 0, 0},
        {W_BOOL, "false", 0, 0},
        {W_BOOL, "FALSE", 0, 0},
        {W_BOOL, "onwaar", 0, 0},
        {W_BOOL, "\tN\r\n", 0, 0},
        {W_BOOL, "", -1, 0},
        {W_BOOL, " ", -1, 0},
        {W_BOOL, "jaa", -1, 0},
        {W_BOOL, "2", -1, 0},
        {W_BOOL, "-1", -1, 0},
        {W_BOOL, "maybe", -1, 0},
        {W_BOOL, "ye", -1, 0},
        {W_BOOL, "j a", -1, 0},
        {W_BOOL, "01", -1, 0},

        {W_PARTY, "NP", 0, PARTY_PERSON},
        {W_PARTY, "np", 0, PARTY_PERSON},
        {W_PARTY, "natuurlijk persoon", 0, PARTY_PERSON},
        {W_PARTY, "Natuurlijk Persoon", 0, PARTY_PERSON},
        {W_PARTY, "NATUURLIJK_PERSOON", 0, PARTY_PERSON},
        {W_PARTY, "person", 0, PARTY_PERSON},
        {W_PARTY, "natural person", 0, PARTY_PERSON},
        {W_PARTY, "P", 0, PARTY_PERSON},
        {W_PARTY, " np ", 0, PARTY_PERSON},
        {W_PARTY, "RP", 0, PARTY_ENTITY},
        {W_PARTY, "NNP", 0, PARTY_ENTITY},
        {W_PARTY, "rechtspersoon", 0, PARTY_ENTITY},
        {W_PARTY, "Niet-natuurlijk persoon", 0, PARTY_ENTITY},
        {W_PARTY, "niet natuurlijk persoon", 0, PARTY_ENTITY},
        {W_PARTY, "Legal Entity", 0, PARTY_ENTITY},
        {W_PARTY, "entity", 0, PARTY_ENTITY},
        {W_PARTY, "\tRP\t", 0, PARTY_ENTITY},
        {W_PARTY, "", -1, 0},
        {W_PARTY, "persoon", -1, 0},
        {W_PARTY, "natuurlijk  persoon", -1, 0}, /* double space is not normalised */
        {W_PARTY, "n", -1, 0},
        {W_PARTY, "bv", -1, 0},

        {W_PRODUCT, "ELK", 0, 1},
        {W_PRODUCT, "elk", 0, 1},
        {W_PRODUCT, "E", 0, 1},
        {W_PRODUCT, "electricity", 0, 1},
        {W_PRODUCT, "Elektriciteit", 0, 1},
        {W_PRODUCT, "stroom", 0, 1},
        {W_PRODUCT, "ELEC", 0, 1},
        {W_PRODUCT, " e ", 0, 1},
        {W_PRODUCT, "GAS", 0, 2},
        {W_PRODUCT, "gas", 0, 2},
        {W_PRODUCT, "G", 0, 2},
        {W_PRODUCT, " Gas\n", 0, 2},
        {W_PRODUCT, "", -1, 0},
        {W_PRODUCT, "water", -1, 0},
        {W_PRODUCT, "el", -1, 0},
        {W_PRODUCT, "gass", -1, 0},
        {W_PRODUCT, "warmte", -1, 0},
    };
    static const char *const names[] = {"parse_bool", "parse_party", "parse_product"};
    int bad = 0;
    for (size_t i = 0; i < N_ROWS(rows); i++) {
        int got = -42, rc = -1;
        size_t n = strlen(rows[i].in);
        switch (rows[i].fn) {
        case W_BOOL:
            rc = parse_bool(rows[i].in, n, &got);
            break;
        case W_PARTY:
            rc = parse_party(rows[i].in, n, &got);
            break;
        case W_PRODUCT:
            rc = parse_product(rows[i].in, n, &got);
            break;
        }
        int ok = rc == rows[i].rc && (rc == 0 ? got == rows[i].want : got == -42);
        if (!ok) {
            print_error("row %zu: %s(\"%s\") rc=%d out=%d, want rc=%d out=%d\n", i,
                        names[rows[i].fn], rows[i].in, rc, got, rows[i].rc, rows[i].want);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* --------------------------------------------------- gebruiksdoel, KvK */

/*
 * BAG gebruiksdoel: whole values in any case, several separated by , | ; /; any
 * unknown part refuses the value (never a stem match: "woonwagen" is not wonen).
 * KvK numbers: 8 digits, or 7 that lost their leading zero; anything else refused
 * (a 100-digit value must not overflow anything).
 */
static void test_parse_usage_and_kvk_table(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int want; /* enum usage_flags, 0 = refused */
    } usage[] = {
        {"woonfunctie", USE_WONEN},
        {"Woonfunctie", USE_WONEN},
        {"WOONFUNCTIE", USE_WONEN},
        {" woonfunctie ", USE_WONEN},
        {"Overige gebruiksfunctie", USE_OVERIG},
        {"woonfunctie, winkelfunctie", USE_WONEN | USE_WINKEL},
        {"Kantoorfunctie|Logiesfunctie", USE_KANTOOR | USE_LOGIES},
        {"industriefunctie;gezondheidszorgfunctie", USE_INDUSTRIE | USE_ZORG},
        {"woonfunctie/", USE_WONEN},
        {"sportfunctie", USE_OTHER},
        {"Celfunctie", USE_OTHER},
        {"bijeenkomstfunctie/onderwijsfunctie", USE_OTHER},
        {"wonen", 0},
        {"woonwagen", 0},
        {"kantoorwoning", 0},
        {"woonfunctie/garage", 0},
        {"woon functie", 0},
        {",", 0},
        {"", 0},
    };
    int bad = 0;
    for (size_t i = 0; i < N_ROWS(usage); i++) {
        int got = -1, rc = parse_usage(usage[i].in, strlen(usage[i].in), &got);
        if (usage[i].want ? rc != 0 || got != usage[i].want : rc == 0) {
            print_error("parse_usage(\"%s\") rc=%d flags=%d, want %d\n", usage[i].in, rc, got,
                        usage[i].want);
            bad++;
        }
    }
    char longest[101];
    memset(longest, '1', 100);
    longest[100] = '\0';
    static const struct {
        const char *in;
        double want; /* -1 = refused */
    } kvk[] = {
        {"12345678", 12345678},
        {"01234567", 1234567},
        {"1234567", 1234567},
        {" 87654321 ", 87654321},
        {"123456789", -1},
        {"123456", -1},
        {"1234ABCD", -1},
        {"1234-567", -1},
        {"", -1},
        {NULL, -1}, /* NULL: the 100-digit value */
    };
    for (size_t i = 0; i < N_ROWS(kvk); i++) {
        const char *in = kvk[i].in ? kvk[i].in : longest;
        double got = -2;
        int rc = parse_kvk(in, strlen(in), &got);
        if (kvk[i].want >= 0 ? rc != 0 || got != kvk[i].want : rc == 0) {
            print_error("parse_kvk(\"%s\") rc=%d got=%g, want %g\n", in, rc, got, kvk[i].want);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* -------------------------------------------------------------------- BSN */

static void test_parse_bsn_table(void **state)
{
    (void)state;
    /*
     * Sums (9a+8b+7c+6d+5e+4f+3g+2h-1i, docs/sources.md), by hand:
     *   111222333: 9+8+7+12+10+8+9+6-3 = 66 = 6*11
     *   012345672: 0+8+14+18+20+20+18+14-2 = 110 = 10*11
     *   999999990: 9*44-0 = 396 = 36*11
     *   111222334: 66-1 = 65, not a multiple of 11
     *   123456789: 9+16+21+24+25+24+21+16-9 = 147, 147 mod 11 = 4
     */
    static const struct {
        const char *in;
        int rc;
        const char *want;
    } rows[] = {
        {"111222333", 0, "111222333"},
        {" 111222333\t", 0, "111222333"},
        {"012345672", 0, "012345672"},
        {"12345672", 0, "012345672"}, /* 8 digits: lost leading zero, left-padded */
        {" 12345672 ", 0, "012345672"},
        {"999999990", 0, "999999990"}, /* RvIG test-number range */
        {"111222334", -1, NULL},       /* checksum */
        {"123456789", -1, NULL},
        {"12345673", -1, NULL},  /* 8 digits, checksum */
        {"000000000", -1, NULL}, /* all zeros */
        {"00000000", -1, NULL},
        {"11122233a", -1, NULL},
        {"abcdefghi", -1, NULL},
        {"1112223a", -1, NULL},
        {"+11222333", -1, NULL},
        {"-12345672", -1, NULL},
        {"1112223330", -1, NULL}, /* 10 digits */
        {"1234567", -1, NULL},    /* 7 digits */
        {"111 222 333", -1, NULL},
        {"111.222.333", -1, NULL},
        {"", -1, NULL},
    };
    int bad = 0;
    for (size_t i = 0; i < N_ROWS(rows); i++) {
        char out[10];
        memset(out, 'X', sizeof out);
        int rc = parse_bsn(rows[i].in, strlen(rows[i].in), out);
        int ok = rc == rows[i].rc;
        if (ok && rc == 0)
            ok = memcmp(out, rows[i].want, 10) == 0; /* 9 digits + NUL */
        if (ok && rc != 0)
            ok = memcmp(out, "XXXXXXXXXX", 10) == 0; /* untouched */
        if (!ok) {
            print_error("row %zu: parse_bsn(\"%s\") rc=%d out=\"%.9s\", want rc=%d out=\"%s\"\n", i,
                        rows[i].in, rc, out, rows[i].rc, rows[i].want ? rows[i].want : "");
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void test_decode_text_table(void **state)
{
    (void)state;
    /* want == NULL means rc -1. Expected UTF-8 bytes from the cp1252 table (Unicode.org
     * CP1252.TXT): 0xE9 -> U+00E9 (C3 A9), 0x80 -> U+20AC (E2 82 AC),
     * 0x9F -> U+0178 (C5 B8), 0x85 -> U+2026 (E2 80 A6), 0xA0 -> U+00A0 (C2 A0). */
    static const struct {
        const char *in;
        size_t n;
        enum encoding enc;
        size_t cap;
        const char *want;
    } rows[] = {
        {"Caf\xe9", 4, ENC_CP1252, 64, "Caf\xc3\xa9"},
        {"\x80", 1, ENC_CP1252, 64, "\xe2\x82\xac"},
        {"\x80 12,50", 7, ENC_CP1252, 64, "\xe2\x82\xac 12,50"},
        {"\x9f", 1, ENC_CP1252, 64, "\xc5\xb8"},
        {"\x85", 1, ENC_CP1252, 64, "\xe2\x80\xa6"},
        {"\xa0\xff", 2, ENC_CP1252, 64, "\xc2\xa0\xc3\xbf"},
        {"abc", 3, ENC_CP1252, 64, "abc"},
        {"Caf\xc3\xa9", 5, ENC_CP1252, 64, "Caf\xc3\x83\xc2\xa9"}, /* declared cp1252 wins */
        {"\x81", 1, ENC_CP1252, 64, NULL},                         /* undefined in cp1252 */
        {"a\x8d", 2, ENC_CP1252, 64, NULL},
        {"\x90", 1, ENC_CP1252, 64, NULL},
        {"", 0, ENC_CP1252, 64, ""},
        /* ENC_AUTO: valid UTF-8 is kept, anything else is cp1252. */
        {"Caf\xc3\xa9", 5, ENC_AUTO, 64, "Caf\xc3\xa9"},
        {"Caf\xe9", 4, ENC_AUTO, 64, "Caf\xc3\xa9"},
        {"\x80 5", 3, ENC_AUTO, 64, "\xe2\x82\xac 5"},
        {"\xe2\x82\xac", 3, ENC_AUTO, 64, "\xe2\x82\xac"},
        {"plain", 5, ENC_AUTO, 64, "plain"},
        {"", 0, ENC_AUTO, 64, ""},
        {"\x81", 1, ENC_AUTO, 64, NULL},
        /* ENC_UTF8 refuses anything invalid. */
        {"Caf\xc3\xa9", 5, ENC_UTF8, 64, "Caf\xc3\xa9"},
        {"Caf\xe9", 4, ENC_UTF8, 64, NULL},
        {"\xe9", 1, ENC_UTF8, 64, NULL},
        {"\xc0\xaf", 2, ENC_UTF8, 64, NULL},
        {"\xed\xa0\x80", 3, ENC_UTF8, 64, NULL},
        {"", 0, ENC_UTF8, 64, ""},
        /* Embedded NUL refused in every mode. */
        {"a\0b", 3, ENC_UTF8, 64, NULL},
        {"a\0b", 3, ENC_CP1252, 64, NULL},
        {"a\0b", 3, ENC_AUTO, 64, NULL},
        {"\0", 1, ENC_AUTO, 64, NULL},
        /* Capacity: output bytes + NUL must fit exactly. */
        {"abc", 3, ENC_UTF8, 4, "abc"},
        {"abc", 3, ENC_UTF8, 3, NULL},
        {"Caf\xc3\xa9", 5, ENC_AUTO, 6, "Caf\xc3\xa9"},
        {"Caf\xc3\xa9", 5, ENC_AUTO, 5, NULL},
        {"abc", 3, ENC_CP1252, 4, "abc"},
        {"abc", 3, ENC_CP1252, 3, NULL},
        {"Caf\xe9", 4, ENC_CP1252, 6, "Caf\xc3\xa9"},
        {"Caf\xe9", 4, ENC_CP1252, 5, NULL}, /* 2-byte char does not fit with NUL */
        {"Caf\xe9", 4, ENC_AUTO, 5, NULL},
        {"\x80", 1, ENC_CP1252, 4, "\xe2\x82\xac"},
        {"\x80", 1, ENC_CP1252, 3, NULL}, /* 3-byte char does not fit with NUL */
        {"\x80", 1, ENC_CP1252, 1, NULL},
        {"", 0, ENC_UTF8, 1, ""},
        {"", 0, ENC_UTF8, 0, NULL},
        {"", 0, ENC_AUTO, 0, NULL},
        /* cap 0 is "too small" in every encoding (was an out-of-bounds write). */
        {"", 0, ENC_CP1252, 0, NULL},
    };
    int bad = 0;
    for (size_t i = 0; i < N_ROWS(rows); i++) {
        /* Exactly cap bytes on the heap so that AddressSanitizer sees any overrun. */
        char *out = malloc(rows[i].cap ? rows[i].cap : 1);
        assert_non_null(out);
        long rc = parse_text(rows[i].in, rows[i].n, rows[i].enc, out, rows[i].cap);
        const char *want = rows[i].want;
        int ok =
            want ? rc == (long)strlen(want) && memcmp(out, want, strlen(want) + 1) == 0 : rc == -1;
        if (!ok) {
            print_error("row %zu: parse_text(enc %d, cap %zu) rc=%ld, want rc=%ld; in=", i,
                        (int)rows[i].enc, rows[i].cap, rc, want ? (long)strlen(want) : -1L);
            for (size_t k = 0; k < rows[i].n; k++)
                print_error("\\x%02x", (unsigned char)rows[i].in[k]);
            print_error("\n");
            bad++;
        }
        free(out);
    }
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_number_table),
        cmocka_unit_test(test_parse_number_uses_length_not_nul),
        cmocka_unit_test(test_parse_number_bits_as_divided),
        cmocka_unit_test(test_parse_date_table),
        cmocka_unit_test(test_parse_words_table),
        cmocka_unit_test(test_parse_usage_and_kvk_table),
        cmocka_unit_test(test_parse_bsn_table),
        cmocka_unit_test(test_decode_text_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
