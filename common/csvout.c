/*
 * csvout.c - see csvout.h.
 */
#include "common/csvout.h"

#include <string.h>

/* A text Excel would run as a formula (OWASP "CSV injection"): = + - @ tab CR first. */
static int formula_like(const char *s)
{
    return s[0] && strchr("=+-@\t\r", s[0]) != NULL;
}

void csvout_field(FILE *f, const char *s, char sep)
{
    if (!s)
        s = "";
    int formula = formula_like(s);
    if (formula || strpbrk(s, ";\"\r\n")) {
        fputc('"', f);
        if (formula)
            fputc('\'', f);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
    if (sep)
        fputc(sep, f);
}

void csvout_begin(FILE *f, int excel)
{
    if (excel)
        fputs("\xEF\xBB\xBFsep=;\n", f);
}
