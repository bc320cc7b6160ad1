/*
 * html.c - see html.h.
 */
#include "report/html.h"

#include "common/text.h"

static const char *entity(unsigned char c)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&#39;";
    default:
        return NULL;
    }
}

void html_escape(FILE *f, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        const char *ent = entity(p[i]);
        size_t n = text_utf8_seq(p + i, len - i);
        if (ent)
            fputs(ent, f);
        else if (n == 0 || (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n') || p[i] == 0x7F)
            fputs(TEXT_UTF8_REPLACEMENT, f);
        else
            fwrite(p + i, 1, n, f);
        i += n ? n : 1; /* an invalid byte is replaced alone; the next may start a sequence */
    }
}

void html_text(FILE *f, const char *s, const char *missing)
{
    size_t n = 0;
    if (!s) {
        fputs(missing, f);
        return;
    }
    while (s[n])
        n++;
    html_escape(f, s, n);
}

void html_cell(FILE *f, const char *tag, const char *cls, const char *text)
{
    if (cls)
        fprintf(f, "<%s class=\"%s\">", tag, cls);
    else
        fprintf(f, "<%s>", tag);
    html_text(f, text, "");
    fprintf(f, "</%s>", tag);
}

void html_count(FILE *f, unsigned long long n)
{
    char digits[32], out[48];
    int len = snprintf(digits, sizeof digits, "%llu", n);
    size_t o = 0;
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    fputs(out, f);
}

void html_count_cell(FILE *f, unsigned long long n)
{
    fputs("<td class=\"num\">", f);
    html_count(f, n);
    fputs("</td>", f);
}

void html_section_open(FILE *f, const char *id, const char *cls, const char *title)
{
    fprintf(f, "<section id=\"%s\"%s%s%s>\n<h2>", id, cls ? " class=\"" : "", cls ? cls : "",
            cls ? "\"" : "");
    html_text(f, title, "");
    fputs("</h2>\n", f);
}

void html_section_close(FILE *f)
{
    fputs("</section>\n", f);
}
