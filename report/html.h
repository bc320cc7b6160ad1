/*
 * html.h - the one place where data becomes HTML text.
 *
 * Why: report.html shows street names, neighbourhood codes, file names and
 * indicator sentences that come from municipal exports; any of them may hold '<',
 * '&', quotes or bytes that are not UTF-8. Every such value goes through
 * html_escape, so a hostile export can neither inject markup into the page nor
 * break its encoding. Numbers printed with fprintf need no escaping; text always
 * does, including text that "cannot" contain markup (codes, names from tables):
 * one rule is easier to review than a list of exceptions.
 */
#ifndef VIK_REPORT_HTML_H
#define VIK_REPORT_HTML_H

#include <stddef.h>
#include <stdio.h>

/*
 * Write s[0..len) escaped for text and for attribute values in double or single
 * quotes: & < > " ' become entities; a byte sequence that is not valid UTF-8
 * (overlong, surrogate, above U+10FFFF, cut short) and every control character
 * except tab and newline become U+FFFD, so the page stays valid UTF-8.
 */
void html_escape(FILE *f, const char *s, size_t len);

/* html_escape of a NUL-terminated string; NULL writes `missing` (unescaped, a literal). */
void html_text(FILE *f, const char *s, const char *missing);

/* <tag class="cls">escaped text</tag>; cls may be NULL. */
void html_cell(FILE *f, const char *tag, const char *cls, const char *text);

/* A count with thousands separators: 94919 -> "94,919". */
void html_count(FILE *f, unsigned long long n);

/* <td class="num">N</td> with thousands separators (a count). */
void html_count_cell(FILE *f, unsigned long long n);

/* Open a section: <section id="id" class="cls"><h2>title</h2> (title a literal). */
void html_section_open(FILE *f, const char *id, const char *cls, const char *title);
void html_section_close(FILE *f);

#endif
