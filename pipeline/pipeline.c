/*
 * pipeline.c - see pipeline.h.
 *
 * Order matters in one place: Kadaster objects are read first, so that owners and
 * buildings are known when transactions stream in, and so that an address created
 * by a later source is known to be missing from the Kadaster. The sources after
 * them are read side by side, one lane each (transform/join.h), on [run] threads
 * threads, largest file first; they are finished - merged, checked, logged - in
 * ingest order, so the night is the same on any number of threads.
 */
#include "pipeline/pipeline.h"

#include "common/clock.h"
#include "common/csvout.h"
#include "common/fsutil.h"
#include "common/workers.h"
#include "ingest/pseudo.h"
#include "pipeline/pipeline_history.h"
#include "report/report_csv.h"
#include "report/report_html.h"
#include "report/report_linkage.h"
#include "report/rows_csv.h"
#include "report/summary.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static const enum source_id INGEST_ORDER[SRC_COUNT] = {
    SRC_KADASTER_OBJECTS, SRC_BRP, SRC_KADASTER_TRANSACTIONS, SRC_KVK, SRC_ENERGY, SRC_SIGNALS};

void run_init(struct run *r, const struct config *cfg, enum log_level level)
{
    memset(r, 0, sizeof *r);
    r->opt.cfg = cfg;
    r->log.level = level;
    dataset_init(&r->m.data);
}

void run_release(struct run *r)
{
    if (r->m.join.d)
        join_release(&r->m.join);
    score_release(&r->m.score);
    dataset_release(&r->m.data);
    history_view_release(&r->out.history_mem);
    score_lists_release(&r->out.lists);
    r->out.history = NULL;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* The quality gate (docs/engineering.md, the quality gate): a source that delivered nothing or
 * whose quarantined share is above the limit fails the night, with one clear line. */
static int quality_gate(struct run *r, enum source_id src)
{
    const struct ingest_counts *c = &r->m.ingest[src];
    const char *file = base_name(r->opt.cfg->sources[src].path);
    snprintf(r->out.refused_quarantine, sizeof r->out.refused_quarantine, "%s/quarantine-%s.csv",
             r->opt.cfg->output_dir, schema_source(src)->name);
    if (c->read == 0)
        return err_set(&r->err, ERR_INPUT, "%s: no data rows (source %s)", file,
                       schema_source(src)->name);
    double share = (double)c->quarantined / (double)c->read;
    if (share > r->opt.cfg->max_quarantine_share) {
        return err_set(&r->err, ERR_INPUT,
                       "%s: %.1f%% of rows quarantined, above the limit of %.1f%% "
                       "(reasons in quarantine-%s.csv.rejected)",
                       file, share * 100, r->opt.cfg->max_quarantine_share * 100,
                       schema_source(src)->name);
    }
    r->out.refused_quarantine[0] = '\0';
    return 0;
}

/* Open PREFIX-SOURCE.csv in the run's output batch (none for explain), with its header. */
static FILE *source_file(struct run *r, const char *prefix, enum source_id src,
                         void (*header)(FILE *))
{
    if (!r->out.batch)
        return NULL;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s-%s.csv", r->opt.cfg->output_dir, prefix,
             schema_source(src)->name);
    struct fs_out *q = fs_batch_open(r->out.batch, path, &r->err);
    if (q) {
        csvout_begin(q->f, r->opt.cfg->excel_csv);
        header(q->f);
    }
    return q ? q->f : NULL;
}

/* The unlinked-SOURCE.csv of every source but the reference (Kadaster objects). */
static int open_unlinked(struct run *r, enum source_id src)
{
    struct linkage *lk = &r->m.join.linkage;
    lk->file_name[src] = base_name(r->opt.cfg->sources[src].path);
    if (src == SRC_KADASTER_OBJECTS || !r->out.batch)
        return 0;
    lk->unlinked = report_unlinked_row;
    lk->unlinked_ctx[src] = source_file(r, "unlinked", src, report_unlinked_header);
    return lk->unlinked_ctx[src] ? 0 : r->err.code;
}

/* On a terminal (not with -q), the progress lines: ingest draws its own per source. */
static int show_progress(const struct run *r)
{
    return isatty(STDERR_FILENO) && r->log.level >= LOG_WARN;
}

/* One finished stage on the terminal: "vik: score 1001589 addresses in 4.5 s". */
static void stage_line(const struct run *r, const char *stage, unsigned long n, const char *what,
                       double seconds)
{
    if (show_progress(r))
        fprintf(stderr, "vik: %s %lu %s in %.1f s\n", stage, n, what, seconds);
}

/* [run] threads, 0 meaning the cores this process may use. */
static int run_threads(const struct run *r)
{
    return r->opt.cfg->threads > 0 ? r->opt.cfg->threads : workers_available();
}

/*
 * One source's ingest, in three parts: prepared on the calling thread (its output
 * files are the batch's, its checksum begun), read on any thread into its join (the
 * main join for the Kadaster objects, a lane for the others: transform/join.h), and
 * finished on the calling thread in ingest order (lane merged, checksum, log line,
 * quality gate), so that nothing a night writes depends on which thread read what.
 */
struct source_job {
    struct run *r;
    enum source_id src;
    int active; /* mapped, and there to read */
    struct ingest_opts o;
    struct join lane; /* sources after the Kadaster objects */
    off_t bytes;      /* the file's size: lanes start largest first */
    struct err err;
    int rc;
    double seconds;
};

static off_t file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? st.st_size : 0;
}

/* 0 with job->active set when the source is to be read; an error code otherwise. */
static int source_prepare(struct run *r, struct source_job *job, enum source_id src,
                          const struct pseudo *ps, int threads, int progress)
{
    const struct source_cfg *sc = &r->opt.cfg->sources[src];
    *job = (struct source_job){.r = r, .src = src};
    if (!sc->present)
        return 0;
    if (sc->optional && access(sc->path, R_OK) != 0) {
        r->m.loaded[src] = -1;
        log_msg(&r->log, LOG_WARN, "ingest", "source=%s file=%s missing=optional",
                schema_source(src)->name, sc->path);
        return 0;
    }
    FILE *q = source_file(r, "quarantine", src, report_quarantine_header);
    if (r->out.batch && !q)
        return r->err.code;
    if (open_unlinked(r, src) != 0)
        return r->err.code;
    job->o = (struct ingest_opts){.cfg = sc,
                                  .pseudo = ps,
                                  .reference_date = r->opt.cfg->reference_date,
                                  .refused = q ? report_quarantine_row : NULL,
                                  .refused_ctx = q,
                                  .display_name = base_name(sc->path),
                                  .max_field = r->opt.cfg->max_field,
                                  .log = &r->log,
                                  .progress = progress,
                                  .threads = threads,
                                  .expect = src == SRC_KADASTER_OBJECTS ? join_expect : NULL};
    if (pipeline_history_checksum_begin(r, &job->o) != 0)
        return r->err.code;
    job->active = 1;
    job->bytes = file_size(sc->path);
    if (src != SRC_KADASTER_OBJECTS && join_lane_init(&job->lane, &r->m.join, src) != 0)
        return err_set(&r->err, ERR_NOMEM, "out of memory");
    return 0;
}

/* The reading part: touches only the job, its source's counts and its join. */
static void source_read(struct source_job *job)
{
    struct join *j = job->src == SRC_KADASTER_OBJECTS ? &job->r->m.join : &job->lane;
    err_clear(&job->err);
    double t0 = clock_wall();
    job->rc = ingest_source(job->src, &job->o, join_row, j, &job->r->m.ingest[job->src], &job->err);
    if (job->rc == 0 && job->src == SRC_KADASTER_OBJECTS && join_objects_done(j) != 0)
        job->rc = err_set(&job->err, ERR_NOMEM, "out of memory indexing the BAG ids");
    job->seconds = clock_wall() - t0;
}

/* A source the night will not finish (its own failure or an earlier one's). */
static void source_drop(struct run *r, struct source_job *job)
{
    pipeline_history_checksum_abandon(&job->o);
    r->m.join.linkage.unlinked_ctx[job->src] = NULL; /* the batch owns and closes the file */
}

static int source_finish(struct run *r, struct source_job *job)
{
    enum source_id src = job->src;
    const struct source_cfg *sc = &r->opt.cfg->sources[src];
    const char *name = schema_source(src)->name;
    int rc = job->rc;
    if (rc != 0)
        r->err = job->err;
    else if (src != SRC_KADASTER_OBJECTS)
        rc = join_lane_merge(&r->m.join, &job->lane, &r->err);
    if (rc != 0) {
        source_drop(r, job);
        return rc;
    }
    r->m.join.linkage.unlinked_ctx[src] = NULL; /* every unlinked row is written */
    const struct ingest_counts *c = &r->m.ingest[src];
    if (pipeline_history_checksum_end(r, src, &job->o, c->read_to_end) != 0)
        return r->err.code;
    double s = r->times.ingest[src] = job->seconds;
    log_msg(&r->log, LOG_INFO, "ingest",
            "source=%s rows=%llu accepted=%llu quarantined=%llu seconds=%.2f rows_per_s=%.0f "
            "mb_per_s=%.1f",
            name, (unsigned long long)c->read, (unsigned long long)c->accepted,
            (unsigned long long)c->quarantined, s, s > 0 ? (double)c->read / s : 0.0,
            s > 0 ? (double)c->bytes / 1e6 / s : 0.0);
    if (!job->o.progress && show_progress(r)) /* read beside others: one line when done */
        fprintf(stderr, "vik: %s %llu rows in %.1f s (%.0f rows/s)\n", name,
                (unsigned long long)c->read, s, s > 0 ? (double)c->read / s : 0.0);
    if (sc->optional && c->read == 0) { /* an optional export that came empty: skip it */
        r->m.loaded[src] = -1;
        log_msg(&r->log, LOG_WARN, "ingest", "source=%s file=%s empty=optional", name, sc->path);
        return 0;
    }
    rc = quality_gate(r, src);
    if (rc == 0)
        r->m.loaded[src] = 1;
    return rc;
}

/* Every source's job in ingest order (job[0]: the Kadaster objects), and the order the
 * lanes start in (workers_run). */
struct jobs {
    struct source_job job[SRC_COUNT];
    int order[SRC_COUNT]; /* the active lanes, largest file first: the last to finish
                             is then a short one */
    int n;
};

static void lane_job(void *ctx, int i)
{
    struct jobs *js = ctx;
    source_read(&js->job[js->order[i]]);
}

static void order_lanes(struct jobs *js)
{
    js->n = 0;
    for (int i = 1; i < SRC_COUNT; i++)
        if (js->job[i].active)
            js->order[js->n++] = i;
    for (int i = 1; i < js->n; i++)
        for (int k = i; k > 0 && js->job[js->order[k - 1]].bytes < js->job[js->order[k]].bytes;
             k--) {
            int t = js->order[k];
            js->order[k] = js->order[k - 1], js->order[k - 1] = t;
        }
}

static int ingest_sources(struct run *r, const struct pseudo *ps)
{
    struct jobs *js = calloc(1, sizeof *js);
    if (!js)
        return err_set(&r->err, ERR_NOMEM, "out of memory");
    int threads = run_threads(r);
    struct source_job *objects = &js->job[0];
    int rc = source_prepare(r, objects, INGEST_ORDER[0], ps, threads, show_progress(r));
    if (rc == 0 && objects->active) {
        source_read(objects);
        rc = source_finish(r, objects);
    } else if (objects->active) {
        source_drop(r, objects);
    }
    /* each lane reads on one thread when they run side by side */
    int lane_threads = threads > 1 ? 1 : threads;
    int progress = show_progress(r) && threads <= 1;
    for (int i = 1; i < SRC_COUNT && rc == 0; i++)
        rc = source_prepare(r, &js->job[i], INGEST_ORDER[i], ps, lane_threads, progress);
    double t0 = clock_wall();
    if (rc == 0) {
        order_lanes(js);
        workers_run(threads, js->n, lane_job, js);
    }
    for (int i = 1; i < SRC_COUNT; i++) {
        struct source_job *job = &js->job[i];
        if (rc == 0 && job->active)
            rc = source_finish(r, job);
        else if (job->active) /* an earlier source failed the night */
            source_drop(r, job);
        if (job->lane.d)
            join_lane_release(&job->lane);
    }
    /* the stage: the objects, then the lanes read side by side and merged in turn */
    r->times.ingest_wall = (objects->active ? objects->seconds : 0) + clock_wall() - t0;
    linkage_trace_sort(&r->m.join.linkage);
    free(js);
    return rc;
}

/*
 * What the indicators need folded in while rows stream past (risk SBI codes,
 * report categories), compiled by each indicator's own facts hook from its
 * settings; the config loader already ran the same validation.
 */
static int compile_facts(struct run *r)
{
    memset(&r->m.facts, 0, sizeof r->m.facts);
    for (int i = 0; i < IND_COUNT; i++) {
        const struct ind_desc *d = indicator_desc(i);
        char why[200];
        const char *bad =
            d->facts ? d->facts(&r->opt.cfg->ind[i], &r->m.facts, why, sizeof why) : NULL;
        if (bad)
            return err_set(&r->err, ERR_CONFIG, "[indicator.%s] %s", d->name, bad);
    }
    return 0;
}

static int ingest_all(struct run *r)
{
    struct pseudo ps;
    if (pseudo_load(&ps, r->opt.cfg->key_file, &r->err) != 0)
        return r->err.code;
    if (r->out.batch && fs_mkdirs(r->opt.cfg->output_dir) != 0) {
        pseudo_release(&ps);
        return err_set(&r->err, ERR_IO, "cannot create output folder '%s': %s",
                       r->opt.cfg->output_dir, strerror(errno));
    }
    if (compile_facts(r) != 0) {
        pseudo_release(&ps);
        return r->err.code;
    }
    r->m.join_opts.reference_date = r->opt.cfg->reference_date;
    r->m.join_opts.facts = &r->m.facts;
    join_init(&r->m.join, &r->m.data, &r->m.join_opts);
    if (r->opt.follow && linkage_follow(&r->m.join.linkage, r->opt.follow) != 0) {
        pseudo_release(&ps);
        return err_set(&r->err, ERR_NOMEM, "out of memory");
    }
    int rc = ingest_sources(r, &ps);
    pseudo_release(&ps);
    double t0 = clock_wall();
    if (rc == 0 && join_finish(&r->m.join) != 0)
        return err_set(&r->err, ERR_NOMEM, "out of memory");
    r->times.link = clock_wall() - t0;
    if (rc == 0) {
        log_msg(&r->log, LOG_INFO, "link", "addresses=%lu seconds=%.2f",
                (unsigned long)r->m.data.n_addrs, r->times.link);
        stage_line(r, "link", (unsigned long)r->m.data.n_addrs, "addresses", r->times.link);
    }
    return rc;
}

/* Indicators whose sources were not read are switched off for this run. */
static void disable_unfed(struct run *r, struct indicator_cfg *ind)
{
    for (int i = 0; i < IND_COUNT; i++) {
        unsigned need = indicator_desc(i)->sources;
        for (int s = 0; s < SRC_COUNT; s++)
            if ((need & (1u << s)) && r->m.loaded[s] != 1 && ind[i].enabled) {
                ind[i].enabled = 0;
                log_msg(&r->log, LOG_WARN, "score", "indicator=%s skipped=source_%s_not_read",
                        indicator_desc(i)->name, schema_source(s)->name);
            }
    }
}

int pipeline_model(struct run *r)
{
    int rc = ingest_all(r);
    join_end_ingest(&r->m.join); /* the birth dates go: the model keeps ages only */
    if (rc != 0)
        return rc;
    memcpy(r->m.ind, r->opt.cfg->ind, sizeof r->m.ind);
    disable_unfed(r, r->m.ind);
    r->m.score_opts = (struct score_opts){.reference_date = r->opt.cfg->reference_date,
                                          .min_group = (size_t)r->opt.cfg->min_group,
                                          .ind = r->m.ind,
                                          .themes = r->opt.cfg->themes,
                                          .threads = run_threads(r)};
    double t0 = clock_wall();
    rc = score_run(&r->m.data, &r->m.score_opts, &r->m.score, &r->err);
    r->times.score = clock_wall() - t0;
    if (rc == 0) {
        log_msg(&r->log, LOG_INFO, "score", "addresses=%lu seconds=%.2f addresses_per_s=%.0f",
                (unsigned long)r->m.data.n_addrs, r->times.score,
                r->times.score > 0 ? r->m.data.n_addrs / r->times.score : 0.0);
        stage_line(r, "score", (unsigned long)r->m.data.n_addrs, "addresses", r->times.score);
    }
    return rc;
}

static void print_summary(struct run *r)
{
    char hash[17];
    if (cfg_hash(r->opt.cfg, hash) != 0) /* the night's files are in place: say it */
        snprintf(hash, sizeof hash, "(no memory)");
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    struct summary s = {.reference_date = r->opt.cfg->reference_date,
                        .config_hash = hash,
                        .output_dir = r->opt.cfg->output_dir,
                        .top_n = r->opt.cfg->top_n,
                        .ingest = r->m.ingest,
                        .join = r->m.join.counts,
                        .linkage = &r->m.join.linkage,
                        .signals = &r->m.join.signals,
                        .n_addresses = r->m.data.n_addrs,
                        .score = &r->m.score,
                        .lists = &r->out.lists,
                        .times = &r->times,
                        .peak_kib = ru.ru_maxrss};
    memcpy(s.loaded, r->m.loaded, sizeof s.loaded);
    summary_print(stdout, &s);
}

/* Each source's file, size and checksum as ingest read it (r->out.inputs), for the report. */
static void report_inputs(const struct run *r, struct report_html_file files[SRC_COUNT])
{
    for (int s = 0; s < SRC_COUNT; s++) {
        const struct run_input *in = &r->out.inputs[s];
        files[s] = (struct report_html_file){NULL, -1, NULL};
        if (r->m.loaded[s] != 1 || !in->path)
            continue;
        files[s].path = base_name(in->path);
        files[s].bytes = (int64_t)in->bytes;
        files[s].checksum = in->checksum[0] ? in->checksum : NULL;
    }
}

void pipeline_register_in(const struct config *cfg, const struct indicator_cfg *ind,
                          struct register_in *out)
{
    *out = (struct register_in){.ind = ind,
                                .themes = cfg->themes,
                                .sources = cfg->sources,
                                .top_n = cfg->top_n,
                                .retention_days = cfg->retention_days,
                                .suppress_days = cfg->suppress_days,
                                .realert_margin = cfg->realert_margin,
                                .max_quarantine_share = cfg->max_quarantine_share,
                                .meta = &cfg->reg};
}

/* report.html, in the same batch as the watchlists (docs/engineering.md: no SQL, no config in
 * report/). */
static int write_report_html(struct run *r, struct fs_batch *outputs)
{
    char hash[17];
    if (cfg_hash(r->opt.cfg, hash) != 0)
        return err_set(&r->err, ERR_NOMEM, "out of memory hashing the config");
    struct register_in reg;
    pipeline_register_in(r->opt.cfg, r->m.ind, &reg);
    reg.config_hash = hash;
    struct report_html_in in = {.output_dir = r->opt.cfg->output_dir,
                                .reference_date = r->opt.cfg->reference_date,
                                .config_hash = hash,
                                .top_n = r->opt.cfg->top_n,
                                .data = &r->m.data,
                                .score = &r->m.score,
                                .lists = &r->out.lists,
                                .score_opts = &r->m.score_opts,
                                .loaded = r->m.loaded,
                                .ingest = r->m.ingest,
                                .join = r->m.join.counts,
                                .linkage = &r->m.join.linkage,
                                .history = r->out.history,
                                .checksum_algorithm = "BLAKE2b-256",
                                .reg = &reg};
    report_inputs(r, in.inputs);
    return report_html_write(&in, outputs, &r->err);
}

static int ours(const char *name)
{
    return !strncmp(name, "watchlist", 9) || !strncmp(name, "quarantine-", 11) ||
           !strncmp(name, "unlinked-", 9) || !strncmp(name, "linkage", 7) ||
           !strncmp(name, "report.html", 11);
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);
    return n > k && !strcmp(s + n - k, tail);
}

/*
 * What a killed run left behind, ours by name, nothing else touched: temporaries
 * are removed; a NAME.prev means the run died while putting its files in place, before
 * its database transaction committed (so SQLite rolled it back), so the previous
 * night's file is put back and files and database agree again.
 */
static void remove_leftovers(struct run *r)
{
    DIR *dir = opendir(r->opt.cfg->output_dir);
    if (!dir)
        return;
    struct dirent *de;
    while ((de = readdir(dir)) != NULL) {
        if (!ours(de->d_name))
            continue;
        char path[4600], back[4600];
        snprintf(path, sizeof path, "%s/%s", r->opt.cfg->output_dir, de->d_name);
        if (ends_with(de->d_name, ".tmp") && unlink(path) == 0)
            log_msg(&r->log, LOG_INFO, "run", "removed=%s reason=unfinished_run", path);
        if (!ends_with(de->d_name, ".prev"))
            continue;
        snprintf(back, sizeof back, "%.*s", (int)(strlen(path) - 5), path);
        if (rename(path, back) == 0)
            log_msg(&r->log, LOG_WARN, "run", "restored=%s reason=unfinished_run", back);
    }
    closedir(dir);
}

/* Create the output folder and take its lock (one run per folder). */
static int lock_outputs(struct run *r, struct fs_lock *lock)
{
    if (fs_mkdirs(r->opt.cfg->output_dir) != 0)
        return err_set(&r->err, ERR_IO, "cannot create output folder '%s': %s",
                       r->opt.cfg->output_dir, strerror(errno));
    long stale = 0;
    if (fs_lock_acquire(lock, r->opt.cfg->output_dir, &stale, &r->err) != 0)
        return r->err.code;
    if (stale && stale != (long)getpid()) {
        log_msg(&r->log, LOG_WARN, "run",
                "previous_run_pid=%ld finished=no action=outputs_kept_temporaries_removed", stale);
        remove_leftovers(r);
    }
    return 0;
}

/*
 * The commit moment, a two-phase commit of files and database: finish every file
 * (a full disk fails here, with nothing in place and nothing stored); open the
 * night's transaction; put the files in place (a failure puts the previous ones
 * back and rolls the transaction back); commit (a failure puts the previous files
 * back). Either the night's files and its run are both there, or neither is.
 */
static int commit_night(struct run *r, struct fs_batch *outputs, struct history *hist)
{
    int rc = fs_batch_finish(outputs, &r->err);
    if (rc != 0)
        return rc; /* the batch is aborted: temporaries removed */
    if ((rc = pipeline_history_begin(r, hist)) != 0) {
        fs_batch_abort(outputs, NULL, NULL);
        return rc;
    }
    if ((rc = fs_batch_publish(outputs, &r->err)) != 0) {
        pipeline_history_rollback(r, hist);
        return rc;
    }
    if ((rc = pipeline_history_commit(r, hist)) != 0) {
        fs_batch_undo(outputs);
        return rc;
    }
    fs_batch_settle(outputs);
    return 0;
}

int pipeline_run(struct run *r)
{
    double t0 = clock_wall(), cpu0 = clock_cpu();
    struct fs_lock lock;
    if (lock_outputs(r, &lock) != 0)
        return r->err.code;
    struct fs_batch outputs;
    fs_batch_init(&outputs);
    r->out.batch = &outputs;
    struct history hist;
    int rc = pipeline_history_open(r, &hist);
    if (rc == 0)
        rc = pipeline_model(r);
    double t_report = clock_wall();
    if (rc == 0) /* before any list is written: suppressed addresses never reach a file */
        rc = pipeline_history_filter(r, &hist);
    if (rc == 0) {
        struct report_opts ro = {r->opt.cfg->output_dir, r->opt.cfg->top_n, &r->m.score_opts,
                                 r->opt.cfg->excel_csv};
        rc = report_watchlists(&r->m.data, &r->m.score, &r->out.lists, &ro, &outputs, &r->err);
    }
    if (rc == 0)
        rc = report_linkage(&r->m.join.linkage, r->m.loaded, r->opt.cfg->output_dir,
                            r->opt.cfg->excel_csv, &outputs, &r->err);
    if (rc == 0)
        rc = write_report_html(r, &outputs);
    double t_commit = clock_wall();
    r->times.report = t_commit - t_report;
    size_t n_files = outputs.n;
    if (rc == 0)
        rc = commit_night(r, &outputs, &hist);
    else /* keep what explains a refused source; the previous outputs stay in place */
        fs_batch_abort(&outputs, r->out.refused_quarantine, ".rejected");
    history_close(&hist);
    r->out.batch = NULL;
    fs_lock_release(&lock);
    r->times.history = clock_wall() - t_commit;
    r->times.total = clock_wall() - t0;
    r->times.cpu = clock_cpu() - cpu0;
    if (rc == 0) {
        log_msg(&r->log, LOG_INFO, "report", "seconds=%.2f", r->times.report);
        log_msg(&r->log, LOG_INFO, "history", "seconds=%.2f", r->times.history);
        stage_line(r, "report", (unsigned long)n_files, "files written", r->times.report);
        log_msg(&r->log, LOG_INFO, "run", "seconds=%.2f cpu_seconds=%.2f", r->times.total,
                r->times.cpu);
        print_summary(r);
    }
    return rc;
}
