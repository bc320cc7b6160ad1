/*
 * handoff.h - buffers of bytes passed from a reading thread to a joining thread.
 *
 * Why: reading a source (decompressing, tokenising, hashing identifiers) and
 * parsing and joining its rows into the dataset take about the same time, and
 * the join must see the rows in file order (it decides which row of an address
 * counts, and the quarantine file lists rows by line). So the two run as a
 * pipeline: the reader fills buffers with records (identifiers already pseudonymised)
 * and hands them over in order;
 * the joiner empties them in the same order. A small ring of buffers (HANDOFF_SLOTS)
 * bounds the memory whatever the file's size, and the reader waits when the joiner
 * falls behind. What a buffer holds is the caller's business (ingest.c encodes rows).
 *
 * Ownership: the ring owns the buffers. A buffer is the reader's between
 * handoff_fill() and handoff_publish(), the joiner's between handoff_take() and
 * handoff_done(). Buffers held personal data, so they are wiped when handed back
 * and when freed.
 */
#ifndef VIK_INGEST_HANDOFF_H
#define VIK_INGEST_HANDOFF_H

#include <pthread.h>
#include <stddef.h>

enum { HANDOFF_SLOTS = 4 };

struct handoff_buf {
    unsigned char *bytes;
    size_t used, cap;
};

struct handoff {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    struct handoff_buf slot[HANDOFF_SLOTS];
    unsigned head;  /* next slot to take (joiner) */
    unsigned count; /* slots published and not yet taken or done */
    unsigned held;  /* the slot the joiner holds, when it holds one */
    int closed;     /* the reader is done: no more slots will be published */
    int cancelled;  /* the joiner stopped: the reader should stop too */
};

/* Buffers of `cap` bytes each; 0, or -1 when out of memory. */
int handoff_init(struct handoff *h, size_t cap);
void handoff_release(struct handoff *h);

/* Reader: an empty buffer to fill (waits while all are full); NULL when cancelled. */
struct handoff_buf *handoff_fill(struct handoff *h);
/* Reader: hand the buffer from handoff_fill() to the joiner. */
void handoff_publish(struct handoff *h);
/* Reader: no more buffers (at the end of the file, or after an error). */
void handoff_close(struct handoff *h);

/* Joiner: the next full buffer in order (waits); NULL when closed and all are taken. */
struct handoff_buf *handoff_take(struct handoff *h);
/* Joiner: the buffer from handoff_take() is emptied (it is wiped for reuse). */
void handoff_done(struct handoff *h);
/* Joiner: stop the reader (its next handoff_fill() returns NULL). */
void handoff_cancel(struct handoff *h);

/* Make room for n more bytes in b (the reader's buffer); 0, or -1 out of memory. */
int handoff_reserve(struct handoff_buf *b, size_t n);

#endif
