/*
 * test_text.c - the shared UTF-8 and blank rules (common/text.h).
 *
 * Why: the reader refuses and the report replaces exactly what this decoder calls
 * invalid; if the two disagreed, a value the reader accepted could reach the page
 * unescaped or a valid name could be blanked out. Pinned: RFC 3629 (overlongs,
 * surrogates, above U+10FFFF, truncated and stray continuation bytes) and ASCII-only
 * trimming.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "common/text.h"

#include <string.h>

#define N_ROWS(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------ UTF-8 */

static void test_utf8_valid_table(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t n;
        int want;
    } rows[] = {
        {"", 0, 1},
        {"plain ascii", 11, 1},
        {"Caf\xc3\xa9", 5, 1},
        {"\xc2\x80", 2, 1},         /* U+0080, smallest 2-byte */
        {"\xe2\x82\xac", 3, 1},     /* U+20AC euro */
        {"\xed\x9f\xbf", 3, 1},     /* U+D7FF, just below surrogates */
        {"\xee\x80\x80", 3, 1},     /* U+E000, just above */
        {"\xef\xbf\xbf", 3, 1},     /* U+FFFF */
        {"\xf0\x9f\x98\x80", 4, 1}, /* U+1F600 */
        {"\xf4\x8f\xbf\xbf", 4, 1}, /* U+10FFFF, the last code point */
        {"Caf\xe9", 4, 0},          /* cp1252 e-acute */
        {"\x80", 1, 0},             /* lone continuation byte */
        {"\xc3", 1, 0},             /* truncated 2-byte */
        {"\xe2\x82", 2, 0},         /* truncated 3-byte */
        {"\xf0\x9f\x98", 3, 0},     /* truncated 4-byte */
        {"\xc3(", 2, 0},            /* bad continuation */
        {"\xc0\xaf", 2, 0},         /* overlong '/' */
        {"\xc1\xbf", 2, 0},         /* overlong U+007F */
        {"\xe0\x80\xaf", 3, 0},     /* overlong 3-byte */
        {"\xf0\x80\x80\xaf", 4, 0}, /* overlong 4-byte */
        {"\xed\xa0\x80", 3, 0},     /* U+D800 high surrogate */
        {"\xed\xbf\xbf", 3, 0},     /* U+DFFF low surrogate */
        {"\xf4\x90\x80\x80", 4, 0}, /* U+110000 */
        {"\xf5\x80\x80\x80", 4, 0},
        {"\xf8\x88\x80\x80\x80", 5, 0}, /* 5-byte form */
        {"\xfe", 1, 0},
        {"\xff", 1, 0},
        {"ok\xc3\xa9\xe9", 5, 0}, /* valid prefix, invalid tail */
        {"a\0b", 3, 1},           /* NUL is valid UTF-8 (parse_text refuses it) */
    };
    int bad = 0;
    for (size_t i = 0; i < N_ROWS(rows); i++) {
        int got = text_utf8_valid(rows[i].in, rows[i].n);
        if (got != rows[i].want) {
            print_error("row %zu: text_utf8_valid(", i);
            for (size_t k = 0; k < rows[i].n; k++)
                print_error("\\x%02x", (unsigned char)rows[i].in[k]);
            print_error(") = %d, want %d\n", got, rows[i].want);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* The ASCII run ends at the first byte >= 0x80 or NUL, wherever it falls against
 * the eight-byte words the scan reads: every position 0..24 in strings of length
 * 0..24, for each stopping byte. */
static void test_ascii_prefix(void **state)
{
    (void)state;
    static const char stops[] = {'\0', (char)0x80, (char)0xE9, (char)0xFF};
    char buf[32];
    for (size_t n = 0; n <= 24; n++) {
        memset(buf, 'a', sizeof buf);
        assert_int_equal(text_ascii_prefix(buf, n), n);
        for (size_t at = 0; at < n; at++)
            for (size_t k = 0; k < sizeof stops; k++) {
                memset(buf, 'a', sizeof buf);
                buf[at] = stops[k];
                if (text_ascii_prefix(buf, n) != at)
                    fail_msg("n %zu, byte 0x%02x at %zu: got %zu", n, (unsigned char)stops[k], at,
                             text_ascii_prefix(buf, n));
            }
    }
    assert_int_equal(text_ascii_prefix("\x01\x7F plain", 8), 8); /* 0x01 and 0x7F are ASCII */
}

static void test_trim(void **state)
{
    (void)state;
    const char *s = " \t a b \r\n";
    size_t n = strlen(s);
    text_trim(&s, &n);
    assert_int_equal(n, 3);
    assert_memory_equal(s, "a b", 3);
    const char *blank = " \t\n";
    n = strlen(blank);
    text_trim(&blank, &n);
    assert_int_equal(n, 0);
    const char *none = "";
    n = 0;
    text_trim(&none, &n);
    assert_int_equal(n, 0);
}

static void test_seq_len_table(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t want;
    } CASES[] = {
        {"a", 1},
        {"\x7F", 1},
        {"\xC3\xA9", 2},         /* é */
        {"\xC2\x80", 2},         /* U+0080, the smallest 2-byte */
        {"\xC1\xBF", 0},         /* overlong */
        {"\xE2\x82\xAC", 3},     /* € */
        {"\xE0\x9F\xBF", 0},     /* overlong 3-byte */
        {"\xED\x9F\xBF", 3},     /* U+D7FF, last before the surrogates */
        {"\xED\xA0\x80", 0},     /* U+D800, a surrogate */
        {"\xF0\x9F\x98\x80", 4}, /* 😀 */
        {"\xF4\x8F\xBF\xBF", 4}, /* U+10FFFF */
        {"\xF4\x90\x80\x80", 0}, /* above U+10FFFF */
        {"\xE2\x82", 0},         /* cut short */
        {"\xE2\x82x", 0},        /* not a continuation */
        {"\x80", 0},             /* a lone continuation byte */
        {"\xFF", 0},
        {"\xE9t", 0}, /* cp1252 é */
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        size_t got = text_utf8_seq((const unsigned char *)CASES[i].in, strlen(CASES[i].in));
        if (got != CASES[i].want)
            fail_msg("case %zu: got %zu, want %zu", i, got, CASES[i].want);
    }
}

static void test_count(void **state)
{
    (void)state;
    assert_int_equal(text_utf8_count("", 0), 0);
    assert_int_equal(text_utf8_count("Gemeente", 8), 8);
    assert_int_equal(text_utf8_count("caf\xC3\xA9 \xE2\x82\xAC", 9), 6);
    assert_int_equal(text_utf8_count("caf\xE9", 4), (size_t)-1);
    assert_int_equal(text_utf8_count("a\0b", 3),
                     3); /* NUL is a character; callers refuse controls */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_valid_table),
        cmocka_unit_test(test_ascii_prefix),
        cmocka_unit_test(test_trim),
        cmocka_unit_test(test_seq_len_table),
        cmocka_unit_test(test_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
