/*
 * text.h - UTF-8 and blanks: the few byte-level text rules every layer shares.
 *
 * Why: the reader must refuse what is not UTF-8 (and decode cp1252); report.html,
 * the processing register's JSON and the [register] checks must replace or refuse
 * it; all must agree on what "valid" means (RFC 3629: no overlong forms, no surrogates, nothing
 * above U+10FFFF) - one decoder, not one per layer. Trimming is ASCII blanks only (isspace in the C
 * locale), so a non-breaking space inside a street name is never eaten.
 */
#ifndef VIK_COMMON_TEXT_H
#define VIK_COMMON_TEXT_H

#include <stddef.h>

/* U+FFFD REPLACEMENT CHARACTER, in UTF-8: what the writers put for an invalid byte. */
#define TEXT_UTF8_REPLACEMENT "\xEF\xBF\xBD"

/* Length of the valid UTF-8 sequence at s (at most n bytes, n >= 1), 0 when invalid. */
size_t text_utf8_seq(const unsigned char *s, size_t n);

/* Length of the leading run of s[0..n) that is ASCII without NUL (0x01..0x7F): text
 * every encoding the reader knows passes through unchanged. Eight bytes at a time. */
size_t text_ascii_prefix(const char *s, size_t n);

/* 1 when s[0..n) is valid UTF-8 as a whole. */
int text_utf8_valid(const char *s, size_t n);

/* Code points in s[0..n), or (size_t)-1 when s is not entirely valid UTF-8. */
size_t text_utf8_count(const char *s, size_t n);

/* isspace() of the C locale, without its table lookup. */
static inline int text_blank(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Narrow s[0..*n) past leading and trailing ASCII blanks, in place. Inline: it runs
 * on every field of every row (2.6% of a national night as a call). */
static inline void text_trim(const char **s, size_t *n)
{
    while (*n && text_blank((unsigned char)**s))
        (*s)++, (*n)--;
    while (*n && text_blank((unsigned char)(*s)[*n - 1]))
        (*n)--;
}

#endif
