/*
 * pipeline_history.c - see pipeline_history.h.
 */
#include "pipeline/pipeline_history.h"

#include "common/version.h"
#include "history/audit.h"
#include "ingest/pseudo.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int pipeline_audit_key(const struct config *cfg, struct history *h, struct err *e)
{
    if (access(cfg->key_file, F_OK) != 0 && errno == ENOENT) {
        int started = audit_started(h, e);
        if (started < 0)
            return e->code;
        if (started)
            return err_set(e, ERR_CONFIG,
                           "key file '%s' is missing, but the audit trail in '%s' was written "
                           "with it: restore the key (a new one would make the trail "
                           "unverifiable and break linkage with every earlier run)",
                           cfg->key_file, h->path);
    }
    struct pseudo ps; /* the audit key comes from the installation key (history/audit.h) */
    int rc = pseudo_load(&ps, cfg->key_file, e);
    if (rc == 0) {
        rc = audit_set_key(h, ps.key, e);
        pseudo_release(&ps);
    }
    return rc;
}

int pipeline_history_open(struct run *r, struct history *h)
{
    history_now(r->out.started);
    if (history_open(h, r->opt.cfg->database, HISTORY_CREATE, &r->err) != 0)
        return r->err.code;
    int rc = pipeline_audit_key(r->opt.cfg, h, &r->err);
    if (rc != 0)
        history_close(h);
    return rc;
}

int pipeline_history_checksum_begin(struct run *r, struct ingest_opts *o)
{
    o->raw_tap = NULL;
    o->raw_tap_ctx = NULL;
    if (!r->out.batch)
        return 0; /* vik explain: no audit trail */
    struct checksum *c = checksum_begin(&r->err);
    if (!c)
        return r->err.code;
    o->raw_tap = checksum_add;
    o->raw_tap_ctx = c;
    return 0;
}

int pipeline_history_checksum_end(struct run *r, enum source_id src, struct ingest_opts *o,
                                  int read_to_end)
{
    struct run_input *in = &r->out.inputs[src];
    const char *path = r->opt.cfg->sources[src].path;
    struct checksum *c = o->raw_tap_ctx;
    o->raw_tap = NULL, o->raw_tap_ctx = NULL;
    if (!c)
        return 0;
    if (!read_to_end) { /* ingest returned 0 before the end: a bug, not an input problem */
        checksum_free(c);
        return err_set(&r->err, ERR_IO,
                       "%s: the reader stopped before the end of the file, so its checksum "
                       "would not cover what the night read",
                       path);
    }
    if (checksum_end(c, &in->bytes, in->checksum, &r->err) != 0)
        return err_set(&r->err, ERR_IO, "%s: its checksum could not be made", path);
    in->path = path;
    return 0;
}

void pipeline_history_checksum_abandon(struct ingest_opts *o)
{
    checksum_free(o->raw_tap_ctx);
    o->raw_tap = NULL, o->raw_tap_ctx = NULL;
}

int pipeline_history_filter(struct run *r, struct history *h)
{
    if (history_last_forget(h, &r->out.forget_seen, &r->err) != 0)
        return r->err.code;
    struct history_suppress_opts so = {.reference_date = r->opt.cfg->reference_date,
                                       .suppress_days = r->opt.cfg->suppress_days,
                                       .realert_margin = r->opt.cfg->realert_margin};
    struct suppress_set facts;
    if (history_suppress_load(h, &so, &r->m.score, &facts, &r->err) != 0) {
        suppress_set_release(&facts);
        return r->err.code;
    }
    int rc = score_filter(&r->m.score, &facts, &r->out.lists);
    suppress_set_release(&facts);
    if (rc != 0)
        return err_set(&r->err, ERR_NOMEM, "out of memory");
    for (int t = 0; t < THEME_COUNT; t++) {
        unsigned forgot = r->out.lists.forgotten[t];
        unsigned by_outcome = r->out.lists.suppressed[t] - forgot;
        if (by_outcome)
            log_msg(&r->log, LOG_INFO, "history", "theme=%s suppressed=%u reason=recent_outcome",
                    catalogue_theme(t)->name, by_outcome);
        if (forgot)
            log_msg(&r->log, LOG_INFO, "history", "theme=%s suppressed=%u reason=forgotten",
                    catalogue_theme(t)->name, forgot);
    }
    struct history_view_opts vo = {.reference_date = r->opt.cfg->reference_date,
                                   .top_n = (size_t)r->opt.cfg->top_n,
                                   .lists = &r->out.lists};
    if (history_view_load(h, &vo, &r->out.history_mem, &r->err) != 0)
        return r->err.code;
    r->out.history = &r->out.history_mem;
    return 0;
}

/* The inputs that were read, in the history module's terms. */
static size_t collect_inputs(const struct run *r, struct history_input out[SRC_COUNT])
{
    size_t n = 0;
    for (int s = 0; s < SRC_COUNT; s++) {
        const struct run_input *in = &r->out.inputs[s];
        if (!in->path || r->m.loaded[s] != 1)
            continue;
        out[n++] = (struct history_input){schema_source(s)->name,
                                          in->path,
                                          in->bytes,
                                          in->checksum,
                                          r->m.ingest[s].read,
                                          r->m.ingest[s].accepted,
                                          r->m.ingest[s].quarantined};
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

/* The night's audit record: what it listed, read and removed (history/audit.h). */
static int audit_night(struct run *r, struct history *h, const char *hash,
                       const struct history_purged *p)
{
    char args[80], result[512];
    audit_night_args(r->opt.cfg->reference_date, VIK_VERSION, args, sizeof args);
    size_t used = 0;
    uint64_t read = 0, quarantined = 0, suppressed = 0;
    for (int t = 0; t < THEME_COUNT; t++) {
        size_t n = r->out.lists.n[t] < (size_t)r->opt.cfg->top_n ? r->out.lists.n[t]
                                                                 : (size_t)r->opt.cfg->top_n;
        used += (size_t)snprintf(result + used, sizeof result - used, "%s=%zu ",
                                 catalogue_theme(t)->name, n);
        suppressed += r->out.lists.suppressed[t];
    }
    for (int s = 0; s < SRC_COUNT; s++)
        if (r->m.loaded[s] == 1)
            read += r->m.ingest[s].read, quarantined += r->m.ingest[s].quarantined;
    snprintf(result + used, sizeof result - used,
             "rows_read=%llu rows_quarantined=%llu suppressed=%llu purged_runs=%llu "
             "purged_outcomes=%llu purged_audit=%llu",
             (unsigned long long)read, (unsigned long long)quarantined,
             (unsigned long long)suppressed, (unsigned long long)p->runs,
             (unsigned long long)p->outcomes, (unsigned long long)p->audit);
    struct audit_rec rec = {.command = "run",
                            .run = r->out.history_run,
                            .args = args,
                            .config_hash = hash,
                            .result = result};
    return audit_append(h, &rec, &r->err);
}

/* Inside the night's transaction: no vik forget since suppression was applied (its
 * address could be on tonight's lists). */
static int forgotten_since(struct run *r, struct history *h)
{
    int64_t now;
    if (history_last_forget(h, &now, &r->err) != 0)
        return r->err.code;
    if (now != r->out.forget_seen)
        return err_set(&r->err, ERR_IO,
                       "vik forget ran while this night was scoring: tonight's lists may hold the "
                       "forgotten address; run the night again");
    return 0;
}

int pipeline_history_begin(struct run *r, struct history *h)
{
    struct history_input inputs[SRC_COUNT];
    char hash[17], finished[24];
    if (cfg_hash(r->opt.cfg, hash) != 0)
        return err_set(&r->err, ERR_NOMEM, "out of memory hashing the config");
    history_now(finished);
    char *text = config_text(r->opt.cfg);
    if (!text)
        return err_set(&r->err, ERR_NOMEM, "out of memory");
    struct history_run_rec rec = {.id = r->out.history_mem.run_id,
                                  .started = r->out.started,
                                  .finished = finished,
                                  .config_hash = hash,
                                  .config_text = text,
                                  .reference_date = r->opt.cfg->reference_date,
                                  .inputs = inputs,
                                  .n_inputs = collect_inputs(r, inputs),
                                  .score = &r->m.score,
                                  .lists = &r->out.lists,
                                  .score_opts = &r->m.score_opts,
                                  .top_n = (size_t)r->opt.cfg->top_n,
                                  .retention_days = r->opt.cfg->retention_days,
                                  .linkage = &r->m.join.linkage,
                                  .loaded = r->m.loaded};
    struct history_purged purged;
    int rc = history_store_begin(h, &rec, &r->out.history_run, &purged, &r->err);
    free(text);
    if (rc != 0)
        return rc;
    if (forgotten_since(r, h) != 0 || audit_night(r, h, hash, &purged) != 0) {
        history_store_rollback(h); /* the night and its record, or neither */
        r->out.history_run = 0;
        return r->err.code;
    }
    log_msg(&r->log, LOG_DEBUG, "history",
            "run=%lld pending=%s purging_runs=%llu purging_outcomes=%llu purging_audit=%llu",
            (long long)r->out.history_run, h->path, (unsigned long long)purged.runs,
            (unsigned long long)purged.outcomes, (unsigned long long)purged.audit);
    return 0;
}

int pipeline_history_commit(struct run *r, struct history *h)
{
    if (history_store_commit(h, &r->err) != 0) {
        r->out.history_run = 0;
        return r->err.code;
    }
    r->out.history_mem.run_id = r->out.history_run;
    log_msg(&r->log, LOG_INFO, "history", "run=%lld stored=%s", (long long)r->out.history_run,
            h->path);
    return 0;
}

void pipeline_history_rollback(struct run *r, struct history *h)
{
    history_store_rollback(h);
    r->out.history_run = 0;
}
