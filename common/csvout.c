/*
 * csvout.c - see csvout.h.
 */
#include "common/csvout.h"

#include <string.h>

void csvout_field(FILE *f, const char *s, char sep)
{
    if (!s)
        s = "";
    if (strpbrk(s, ";\"\r\n")) {
        fputc('"', f);
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
