/*
 * pipeline_history.h - the nightly runbook's steps that touch the history
 * database (internal to pipeline/).
 *
 * Why a file of its own: pipeline.c should read as the runbook; these steps turn
 * struct run and struct config into the history module's plain options, which is
 * the pipeline's job (only the pipeline reads the config).
 *
 * Order in pipeline_run: open, with the audit key (after the output lock, before
 * any input is read: a database from a newer vik fails the night at once) -> checksum per input
 * before its ingest -> filter after scoring (suppression, then the report's view)
 * -> store just before the output files are committed -> forget when that commit
 * fails, so that a failed night leaves no trace.
 */
#ifndef VIK_PIPELINE_PIPELINE_HISTORY_H
#define VIK_PIPELINE_PIPELINE_HISTORY_H

#include "pipeline/pipeline.h"

MUST_CHECK int pipeline_history_open(struct run *r, struct history *h);
/* r->out.inputs[src] for one source about to be read. */
MUST_CHECK int pipeline_history_checksum(struct run *r, enum source_id src);
/* Suppression on r->m.score, then r->out.history for the report. */
MUST_CHECK int pipeline_history_filter(struct run *r, struct history *h);
/*
 * Tonight's run, lists, linkage, retention and audit record: one transaction, opened by
 * pipeline_history_begin (after the output files are finished) and ended by
 * pipeline_history_commit once the files are in place, or rolled back when they
 * could not be put there. A failed night leaves no trace in the database.
 */
MUST_CHECK int pipeline_history_begin(struct run *r, struct history *h);
MUST_CHECK int pipeline_history_commit(struct run *r, struct history *h);
void pipeline_history_rollback(struct run *r, struct history *h);

#endif
