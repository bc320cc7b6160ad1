/*
 * err.h - the one error vocabulary of vik.
 *
 * Why: every module reports failure the same way, so the command line can turn
 * any failure into one clear line on stderr and the right exit status. The codes
 * are declared once in ERR_MAP (libuv's UV_ERRNO_MAP pattern), which generates the
 * enum and the names together, so a code cannot exist without its text.
 *
 * An error carries two locations: `where` is the data location a user can act on
 * ("brp.csv: line 1842, column 'postcode'"), src_file/src_line the code location
 * for developers. err_set() returns the code, so callers write
 * `return err_set(e, ERR_IO, "cannot open '%s'", path);`.
 */
#ifndef VIK_COMMON_ERR_H
#define VIK_COMMON_ERR_H

#define ERR_MAP(X)                                                                                 \
    X(OK, "ok")                                                                                    \
    X(NOMEM, "out of memory")                                                                      \
    X(IO, "input/output error")                                                                    \
    X(CONFIG, "configuration error")                                                               \
    X(USAGE, "usage error")                                                                        \
    X(INPUT, "input file error")                                                                   \
    X(PRIVACY, "privacy rule violated")                                                            \
    X(STATS, "statistics error")                                                                   \
    X(LIMIT, "limit exceeded")

enum err_code {
#define ERR_ENUM(name, text) ERR_##name,
    ERR_MAP(ERR_ENUM)
#undef ERR_ENUM
};

/* Functions that return an error code: ignoring it is a compile error (-Werror). */
#define MUST_CHECK __attribute__((warn_unused_result))

struct err {
    enum err_code code;
    char msg[512];
    char where[256];
    const char *src_file;
    int src_line;
};

/* Name ("IO") and description ("input/output error") of a code. */
const char *err_name(enum err_code code);
const char *err_str(enum err_code code);

/* Fill *e (when e is not NULL) and return code. Use through err_set(). */
enum err_code err_set_at(struct err *e, enum err_code code, const char *file, int line,
                         const char *fmt, ...) __attribute__((format(printf, 5, 6)));
#define err_set(e, code, ...) err_set_at((e), (code), __FILE__, __LINE__, __VA_ARGS__)

/* Set the data location of an error that was already filled. */
void err_where(struct err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void err_clear(struct err *e);

#endif
