/*
 * log.h - one logging function, stderr only, one greppable line per event.
 *
 * Why: the nightly run is read by an operator from a cron mail or journal; lines in
 * `stage=ingest file=brp.csv rows=10231` form can be grepped. The level is part of a
 * struct log owned by the run (no global), set from --quiet / --verbose.
 */
#ifndef VIK_COMMON_LOG_H
#define VIK_COMMON_LOG_H

enum log_level { LOG_ERROR, LOG_WARN, LOG_INFO, LOG_DEBUG };

struct log {
    enum log_level level;
};

void log_msg(const struct log *lg, enum log_level level, const char *stage, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
