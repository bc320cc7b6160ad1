/*
 * log.c - see log.h. Messages never contain clear identifiers (BSNs): callers
 * pass pseudonyms or counts only.
 */
#include "common/log.h"

#include <stdarg.h>
#include <stdio.h>

void log_msg(const struct log *lg, enum log_level level, const char *stage, const char *fmt, ...)
{
    static const char *const names[] = {"error", "warn", "info", "debug"};
    if (lg && level > lg->level)
        return;
    fprintf(stderr, "vik: level=%s stage=%s ", names[level], stage);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}
