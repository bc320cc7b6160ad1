/*
 * history_view.h - what the history database says about tonight's lists, for the
 * report. Filled by history/ (from the SQLite database) before the report is
 * written; the report only reads it. NULL everywhere means "no history": the first
 * run, or a run without a database - the report then says so instead of guessing.
 *
 * Why a plain struct: report.html and the CSVs must not talk SQL, and history/ must
 * not know HTML. This is the contract between the two; it owns its arrays (malloc'd
 * by history_view_load, freed by history_view_release in history/history.h).
 */
#ifndef VIK_MODEL_HISTORY_VIEW_H
#define VIK_MODEL_HISTORY_VIEW_H

#include "model/catalogue.h"

#include <stddef.h>
#include <stdint.h>

/* What the coordinator recorded after looking at an address (vik outcome). */
enum outcome_status {
    OUTCOME_NONE,           /* nothing recorded */
    OUTCOME_GEEN_BEVINDING, /* looked at, nothing found */
    OUTCOME_BEKEND,         /* already known to a partner */
    OUTCOME_IN_ONDERZOEK,   /* under investigation */
    OUTCOME_BEVESTIGD,      /* confirmed */
    OUTCOME_COUNT
};

/* One line of tonight's list of a theme (same order as score_result.lists[t]). */
struct hv_entry {
    uint32_t addr;        /* index into the dataset */
    uint16_t runs_listed; /* consecutive earlier runs this address was on the theme's
                             list (0 = new tonight) */
    uint8_t outcome;      /* enum outcome_status of the latest outcome for the theme */
    int32_t outcome_date; /* YYYYMMDD of that outcome, 0 when none */
    uint8_t realerted;    /* outcome within the suppression period, but the score rose
                             by the re-alert margin: listed again on new evidence */
};

/* One earlier run (oldest first), for "list size over the last runs". */
struct hv_run {
    int64_t run_id;
    int32_t reference_date; /* YYYYMMDD */
    uint32_t list_size[THEME_COUNT];
};

/* Per indicator and theme: listed addresses where it contributed that got an
 * outcome, and how many of those were confirmed - measured precision. */
struct hv_precision {
    uint32_t with_outcome;
    uint32_t confirmed;
};

struct history_view {
    int available;        /* 0: no database or no earlier run */
    int64_t run_id;       /* tonight's run in the database (0 when not stored) */
    int64_t previous_run; /* the run compared with (0 when none) */
    struct hv_entry *entries[THEME_COUNT];
    size_t n_entries[THEME_COUNT];
    uint32_t dropped[THEME_COUNT];    /* on the previous run's list, not tonight's */
    uint32_t suppressed[THEME_COUNT]; /* left off tonight: recent outcome, no new risk */
    struct hv_run *runs;
    size_t n_runs;
    struct hv_precision precision[IND_COUNT][THEME_COUNT];
};

/* "geen-bevinding", "bekend", "in-onderzoek", "bevestigd"; "" for OUTCOME_NONE. */
static inline const char *outcome_name(enum outcome_status s)
{
    static const char *const NAMES[OUTCOME_COUNT] = {"", "geen-bevinding", "bekend", "in-onderzoek",
                                                     "bevestigd"};
    return (unsigned)s < OUTCOME_COUNT ? NAMES[s] : "";
}

#endif
