/*
 * pipeline.h - one nightly run: ingest -> transform -> score -> report.
 *
 * Why: this is the runbook in code. `struct run` is the context of one run and owns
 * everything the run allocates (the dataset, the scores); only the pipeline reads
 * struct config, and it hands each stage its own small options struct so that the
 * stages can be tested without an INI file.
 */
#ifndef VIK_PIPELINE_PIPELINE_H
#define VIK_PIPELINE_PIPELINE_H

#include "common/err.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "config/config.h"
#include "history/checksum.h"
#include "history/history.h"
#include "ingest/ingest.h"
#include "model/dataset.h"
#include "report/register.h"
#include "report/summary.h"
#include "score/filter.h"
#include "score/score.h"
#include "transform/join.h"

/* One input file as vik run read it (audit trail, report.html): the file's own bytes. */
struct run_input {
    const char *path; /* as configured (cfg memory); NULL when the source was not read */
    uint64_t bytes;
    char checksum[CHECKSUM_HEX]; /* BLAKE2b-256 in hex, computed before ingest */
};

/* What the run was asked to do. */
struct run_opts {
    const struct config *cfg;
    const struct addr_key *follow; /* vik explain: keep the rows written at this number */
};

/*
 * What ingest, join and scoring built: the dataset and the scores, with what each
 * stage counted. pipeline_model() fills it; nothing here is written to a file.
 */
struct run_model {
    struct dataset data;
    struct fact_opts facts; /* what the indicators need the join to fold in */
    struct join_opts join_opts;
    struct join join;
    struct ingest_counts ingest[SRC_COUNT];
    int loaded[SRC_COUNT];
    struct indicator_cfg ind[IND_COUNT]; /* effective: unfed indicators switched off */
    struct score_opts score_opts;
    struct score_result score;
};

/* What the night writes and stores: files, published lists, history. */
struct run_outputs {
    struct fs_batch *batch;             /* files of this run; NULL: write nothing (vik explain) */
    char refused_quarantine[4096];      /* quarantine file of a source the gate refused */
    struct run_input inputs[SRC_COUNT]; /* vik run only (explain reads no checksums) */
    char started[24];                   /* ISO 8601 UTC, for the history database */
    struct score_lists lists;           /* tonight's lists as published: scored minus suppressed */
    /* Tonight against earlier runs, for the report: NULL when there is no history
     * (vik explain); points at history_mem, filled by vik run after scoring. */
    const struct history_view *history;
    struct history_view history_mem;
    int64_t history_run; /* tonight's id in the database, 0 until stored */
    int64_t forget_seen; /* the latest vik forget when suppression was applied (audit seq) */
};

/* The context of one run: it owns everything the run allocates. */
struct run {
    struct run_opts opt;
    struct log log;
    struct err err;
    struct run_model m;
    struct run_outputs out;
    struct stage_times times; /* report/summary.h */
};

void run_init(struct run *r, const struct config *cfg, enum log_level level);
void run_release(struct run *r);

/*
 * Set h's audit keys (history/audit.h) from cfg's key_file. The key is created (mode
 * 0600) when missing only while the audit trail is empty: a trail that has begun was
 * written with a key, and a new one would make it unverifiable and break linkage
 * with every earlier run - that is refused with ERR_CONFIG ("restore the key").
 * Every command that writes to the trail opens its key here.
 */
MUST_CHECK int pipeline_audit_key(const struct config *cfg, struct history *h, struct err *e);

/* The whole nightly batch. 0, or an error code with r->err filled. */
MUST_CHECK int pipeline_run(struct run *r);

/* Ingest, join and score only; writes no file unless r->outputs is set. */
MUST_CHECK int pipeline_model(struct run *r);

/*
 * What the processing register is made from (`vik register`, report.html's "How
 * this list was made"): cfg's sources, themes, periods and [register] keys, with
 * the indicator settings ind (cfg->ind for the installation, run->ind for a night:
 * unfed indicators off). Points into cfg and ind; config_hash is left NULL.
 */
void pipeline_register_in(const struct config *cfg, const struct indicator_cfg *ind,
                          struct register_in *out);

#endif
