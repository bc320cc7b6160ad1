/*
 * utf8.h - the one UTF-8 decoder of vik's writers.
 *
 * Why: report.html, the processing register's JSON and the config's [register]
 * texts all carry text that came from a person or an export (street names, export
 * column names, a municipality's description) into a document that must stay valid
 * UTF-8. Each writer replaces what is not a valid sequence by U+FFFD; they must agree
 * on what "valid" means, so the rule (RFC 3629) lives here once.
 */
#ifndef VIK_COMMON_UTF8_H
#define VIK_COMMON_UTF8_H

#include <stddef.h>

/* U+FFFD REPLACEMENT CHARACTER, in UTF-8. */
#define UTF8_REPLACEMENT "\xEF\xBF\xBD"

/*
 * Length of the valid UTF-8 sequence starting at s (at most n bytes, n >= 1), or 0
 * when the bytes there are not one: no overlongs, no surrogates, nothing above
 * U+10FFFF, nothing cut short.
 */
size_t utf8_seq_len(const unsigned char *s, size_t n);

/* Code points in s[0..len), or (size_t)-1 when s is not entirely valid UTF-8. */
size_t utf8_count(const char *s, size_t len);

#endif
