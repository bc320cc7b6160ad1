/*
 * err.c - names and filling of struct err; see err.h.
 */
#include "common/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *err_name(enum err_code code)
{
    switch (code) {
#define ERR_NAME(name, text)                                                                       \
    case ERR_##name:                                                                               \
        return #name;
        ERR_MAP(ERR_NAME)
#undef ERR_NAME
    }
    return "UNKNOWN";
}

const char *err_str(enum err_code code)
{
    switch (code) {
#define ERR_TEXT(name, text)                                                                       \
    case ERR_##name:                                                                               \
        return text;
        ERR_MAP(ERR_TEXT)
#undef ERR_TEXT
    }
    return "unknown error";
}

enum err_code err_set_at(struct err *e, enum err_code code, const char *file, int line,
                         const char *fmt, ...)
{
    if (!e)
        return code;
    e->code = code;
    e->src_file = file;
    e->src_line = line;
    e->where[0] = '\0';
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return code;
}

void err_where(struct err *e, const char *fmt, ...)
{
    if (!e)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->where, sizeof e->where, fmt, ap);
    va_end(ap);
}

void err_clear(struct err *e)
{
    memset(e, 0, sizeof *e);
}
