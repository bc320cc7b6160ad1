/*
 * report_csv.h - the watchlists: watchlist-THEME.csv per theme and watchlist.csv.
 *
 * Why: the coordinator's list for the information meeting. UTF-8, `;`-delimited,
 * the output columns of docs/config.md in that order, one line per listed address with its
 * reasons in plain words, at most top_n lines per theme. Beside each list,
 * watch-THEME.csv holds the addresses that scored for the theme but were not
 * listed (score.h: neither corroborated nor a single rare signal), ranked the
 * same way and in the same columns: the coordinator sees the near-misses without
 * them entering the list. Files are opened in the
 * caller's output batch and become visible only when the caller commits it, so a
 * failed night never leaves half a list.
 */
#ifndef VIK_REPORT_REPORT_CSV_H
#define VIK_REPORT_REPORT_CSV_H

#include "common/err.h"
#include "common/fsutil.h"
#include "model/dataset.h"
#include "score/filter.h"
#include "score/score.h"

struct report_opts {
    const char *output_dir;
    int top_n;
    const struct score_opts *score;
    int excel; /* csvout_begin: BOM and sep= line */
};

/* Write the five watchlists and the four watch lists into output_dir (which must
 * exist) as members of out. */
MUST_CHECK int report_watchlists(const struct dataset *d, const struct score_result *r,
                                 const struct score_lists *lists, const struct report_opts *o,
                                 struct fs_batch *out, struct err *e);

/* The columns, for readers such as `vik eval`. */
extern const char REPORT_HEADER[];

#endif
