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
/*
 * r->out.inputs[src]: the size and checksum of a source's file as ingest reads it.
 * _begin sets o->raw_tap (nothing for a run without an audit trail, vik explain);
 * _end finishes it (an error when ingest stopped before the file's end);
 * _abandon frees it after a failed read.
 */
MUST_CHECK int pipeline_history_checksum_begin(struct run *r, struct ingest_opts *o);
MUST_CHECK int pipeline_history_checksum_end(struct run *r, enum source_id src,
                                             struct ingest_opts *o, int read_to_end);
void pipeline_history_checksum_abandon(struct ingest_opts *o);
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
