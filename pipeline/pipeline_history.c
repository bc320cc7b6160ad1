/*
 * pipeline_history.c - see pipeline_history.h.
 */
#include "pipeline/pipeline_history.h"

#include <stdlib.h>
#include <string.h>

int pipeline_history_open(struct run *r, struct history *h)
{
    history_now(r->started);
    if (history_open(h, r->cfg->database, HISTORY_CREATE, &r->err) != 0)
        return r->err.code;
    return 0;
}

int pipeline_history_checksum(struct run *r, enum source_id src)
{
    struct run_input *in = &r->inputs[src];
    const char *path = r->cfg->sources[src].path;
    if (!r->outputs)
        return 0; /* vik explain: no audit trail */
    if (checksum_file(path, &in->bytes, in->checksum, &r->err) != 0)
        return r->err.code;
    in->path = path;
    return 0;
}

int pipeline_history_filter(struct run *r, struct history *h)
{
    struct history_suppress_opts so = {r->cfg->reference_date, r->cfg->suppress_days,
                                       r->cfg->realert_margin};
    if (history_suppress(h, &so, &r->score, &r->suppression, &r->err) != 0)
        return r->err.code;
    for (int t = 0; t < THEME_COUNT; t++)
        if (r->suppression.suppressed[t])
            log_msg(&r->log, LOG_INFO, "history", "theme=%s suppressed=%u reason=recent_outcome",
                    catalogue_theme(t)->name, (unsigned)r->suppression.suppressed[t]);
    struct history_view_opts vo = {r->cfg->reference_date, (size_t)r->cfg->top_n, &r->suppression};
    if (history_view_load(h, &r->score, &vo, &r->history_mem, &r->err) != 0)
        return r->err.code;
    r->history = &r->history_mem;
    return 0;
}

/* The inputs that were read, in the history module's terms. */
static size_t collect_inputs(const struct run *r, struct history_input out[SRC_COUNT])
{
    size_t n = 0;
    for (int s = 0; s < SRC_COUNT; s++) {
        const struct run_input *in = &r->inputs[s];
        if (!in->path || r->loaded[s] != 1)
            continue;
        out[n++] = (struct history_input){schema_source(s)->name,
                                          in->path,
                                          in->bytes,
                                          in->checksum,
                                          r->ingest[s].read,
                                          r->ingest[s].accepted,
                                          r->ingest[s].quarantined};
    }
    return n;
}

/* The effective config text (cfg_print) and its hash, as `vik check` shows them. */
static char *config_text(const struct config *cfg)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return NULL;
    cfg_print(cfg, f);
    if (fclose(f) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

int pipeline_history_begin(struct run *r, struct history *h)
{
    struct history_input inputs[SRC_COUNT];
    char hash[17], finished[24];
    cfg_hash(r->cfg, hash);
    history_now(finished);
    char *text = config_text(r->cfg);
    if (!text)
        return err_set(&r->err, ERR_NOMEM, "out of memory");
    struct history_run_rec rec = {r->history_mem.run_id,
                                  r->started,
                                  finished,
                                  hash,
                                  text,
                                  r->cfg->reference_date,
                                  inputs,
                                  collect_inputs(r, inputs),
                                  &r->score,
                                  &r->score_opts,
                                  (size_t)r->cfg->top_n,
                                  {NULL},
                                  r->cfg->retention_days,
                                  &r->join.linkage,
                                  r->loaded};
    memcpy(rec.realerted, r->suppression.realerted, sizeof rec.realerted);
    struct history_purged purged;
    int rc = history_store_begin(h, &rec, &r->history_run, &purged, &r->err);
    free(text);
    if (rc != 0)
        return rc;
    log_msg(&r->log, LOG_DEBUG, "history",
            "run=%lld pending=%s purging_runs=%llu purging_outcomes=%llu",
            (long long)r->history_run, h->path, (unsigned long long)purged.runs,
            (unsigned long long)purged.outcomes);
    return 0;
}

int pipeline_history_commit(struct run *r, struct history *h)
{
    if (history_store_commit(h, &r->err) != 0) {
        r->history_run = 0;
        return r->err.code;
    }
    r->history_mem.run_id = r->history_run;
    log_msg(&r->log, LOG_INFO, "history", "run=%lld stored=%s", (long long)r->history_run, h->path);
    return 0;
}

void pipeline_history_rollback(struct run *r, struct history *h)
{
    history_store_rollback(h);
    r->history_run = 0;
}
