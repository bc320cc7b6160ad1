/*
 * audit.h - the audit trail: one hash-chained record per command that reads or
 * changes personal data (issue 11, docs/privacy.md, audit trail: "every run is
 * audited").
 *
 * Why: the privacy officer must be able to say who ran, looked at or changed what,
 * and to show that nobody removed or rewrote that account afterwards. Each record
 * (time, OS user, command, the address and run it names, other arguments, config
 * hash, exit status, counts) carries a keyed BLAKE2b hash over its own fields and
 * the hash of its predecessor. The key is derived from the installation's
 * pseudonymisation key (key_file) with crypto_kdf_derive_from_key, context
 * "vikaudit", and is never stored: without it nobody can write a record, change
 * one or shorten the trail and still produce a chain that verifies.
 *
 * What the chain cannot prove: someone who holds the key (vik's own user, root)
 * can rewrite the whole trail and its anchor; and removing the newest records
 * leaves a shorter chain that still verifies - audit_verify prints the last hash
 * so that it can be noted elsewhere (the journal, a ticket) and compared later.
 *
 * Records are never updated (a trigger refuses it) and leave only as a prefix:
 * retention removes the records dated before its cutoff, oldest first, after
 * setting the anchor - the sequence number and hash of the last removed record,
 * with its own keyed MAC - and verification starts from it. A second trigger
 * refuses any DELETE of a record behind no anchor. The triggers are guard rails
 * against mistakes; the chain is what proves.
 *
 * Addresses: a record names its address by a keyed pseudonym (subject) that the
 * chain covers; the clear address is kept beside it in audit_addresses, which
 * vik forget may empty without touching the chain. So the trail of an address
 * whose history was forgotten still shows that, when and by whom it was touched,
 * findable by whoever already knows the address (vik audit --address), while
 * the address itself is gone from the database.
 *
 * Every function needs the keys (audit_set_key) except audit_started and audit_print
 * without an address filter.
 */
#ifndef VIK_HISTORY_AUDIT_H
#define VIK_HISTORY_AUDIT_H

#include "history/history.h"

#include <stdint.h>
#include <stdio.h>

enum {
    AUDIT_KEY_BYTES = 32,  /* = crypto_kdf_KEYBYTES: the pseudonymisation key's size */
    AUDIT_SUBJECT_HEX = 33 /* a 16-byte address pseudonym in hex, with its NUL */
};

/* Derive the audit keys into h from the installation's 32-byte key (not kept). */
MUST_CHECK int audit_set_key(struct history *h, const uint8_t key[AUDIT_KEY_BYTES], struct err *e);

/* Has the trail begun (a record, or an anchor)? 1 yes, 0 no, -1 error (*e). A trail
 * that has begun was written with a key: a new one would make it unverifiable. */
int audit_started(struct history *h, struct err *e);

/* The keyed pseudonym of an address as the trail and vik forget store it. */
void audit_subject(const struct history *h, const struct addr_key *k, char out[AUDIT_SUBJECT_HEX]);

struct audit_rec {
    const char *command;            /* "run", "explain", "diff", ... */
    const struct addr_key *address; /* the address the command names, or NULL */
    int address_kept;               /* 1: keep its text beside the record; 0: pseudonym only */
    int64_t run;                    /* the run the command names or made; 0 none */
    const char *args;               /* other arguments that say what was touched; "" none */
    const char *config_hash;        /* cfg_hash of the config in force */
    int status;                     /* the command's exit status */
    const char *result;             /* counts ("listed=80 ..."), "" none */
    const char *at;                 /* when (ISO 8601 UTC, "2026-11-01T02:30:00Z"); NULL: now */
};

/*
 * Append one record, stamped with the OS user and the time (rec->at or now). Inside an open
 * transaction it becomes part of it (vik run: the night's transaction, so that a
 * night and its record are stored together); otherwise it is its own.
 */
MUST_CHECK int audit_append(struct history *h, const struct audit_rec *r, struct err *e);

/*
 * Retention (inside the caller's transaction): remove the records dated before
 * cutoff (YYYYMMDD), oldest first and only as a prefix - the first record dated on
 * or after the cutoff and all after it stay - setting the anchor to the last one
 * removed. *removed gets the count.
 */
MUST_CHECK int audit_retain(struct history *h, int32_t cutoff, uint64_t *removed, struct err *e);

/* vik audit: which records to print (NULL / 0 = any). */
struct audit_filter {
    const char *since, *until; /* YYYY-MM-DD, inclusive, on the record's UTC date */
    const char *user;
    const char *command;
    const struct addr_key *address; /* needs the keys (matched by pseudonym) */
};

/* One line per record, oldest first; *n gets the number printed. */
MUST_CHECK int audit_print(struct history *h, const struct audit_filter *f, FILE *out, uint64_t *n,
                           struct err *e);

struct audit_check {
    uint64_t records;    /* records read */
    int64_t first, last; /* their sequence numbers (0 when none) */
    int64_t anchor;      /* last record removed by retention, 0 none */
    uint64_t problems;   /* breaks found (each printed) */
    char head[65];       /* hash of the last record (or the anchor's), hex */
};

/*
 * vik audit --verify: recompute the chain from the anchor (or the start) and print
 * every break to out, naming the record: an altered record, a record missing
 * between two others or before the first, an anchor that was changed, a clear
 * address that is not the one the record was written for. Returns 0 when the
 * check could be made (c->problems says what it found), ERR_IO otherwise.
 */
MUST_CHECK int audit_verify(struct history *h, FILE *out, struct audit_check *c, struct err *e);

/* The args of a night's record: "reference_date=2026-11-01 version=0.6.0". */
void audit_night_args(int32_t reference_date, const char *version, char *out, size_t size);

#endif
