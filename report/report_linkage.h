/*
 * report_linkage.h - linkage.csv and linkage-neighbourhood.csv.
 *
 * Why: the linkage report is kept per run beside the lists (docs/addresses.md, step 7):
 * per source, how many rows linked by which match class and how many did not, and
 * per neighbourhood the unlinked share. A buurt whose rows often miss their
 * dwelling looks anomalous on every count indicator; these files show it, and the
 * next run's files show whether a fix in an export helped.
 */
#ifndef VIK_REPORT_REPORT_LINKAGE_H
#define VIK_REPORT_REPORT_LINKAGE_H

#include "common/err.h"
#include "common/fsutil.h"
#include "transform/linkage.h"

/* Write both files into dir as members of out; loaded[src] == 1 for sources read. */
MUST_CHECK int report_linkage(const struct linkage *lk, const int loaded[SRC_COUNT],
                              const char *dir, int excel, struct fs_batch *out, struct err *e);

#endif
