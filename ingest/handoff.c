/*
 * handoff.c - see handoff.h. One mutex and one condition variable: the ring is
 * touched once per buffer (about a thousand rows), never per row.
 *
 * Slots are used in order: the reader fills slot (head + count) % SLOTS, the joiner
 * takes slot head. A slot being filled is not counted until published, and the
 * slot the joiner holds stays counted until handoff_done(), so neither side can
 * reach the other's buffer.
 */
#include "ingest/handoff.h"

#include "common/wipe.h"

#include <stdlib.h>
#include <string.h>

int handoff_init(struct handoff *h, size_t cap)
{
    memset(h, 0, sizeof *h);
    pthread_mutex_init(&h->lock, NULL);
    pthread_cond_init(&h->changed, NULL);
    for (int i = 0; i < HANDOFF_SLOTS; i++) {
        h->slot[i].bytes = malloc(cap);
        h->slot[i].cap = cap;
        if (!h->slot[i].bytes) {
            handoff_release(h);
            return -1;
        }
    }
    return 0;
}

void handoff_release(struct handoff *h)
{
    for (int i = 0; i < HANDOFF_SLOTS; i++) {
        if (h->slot[i].bytes)
            wipe(h->slot[i].bytes, h->slot[i].cap);
        free(h->slot[i].bytes);
    }
    pthread_mutex_destroy(&h->lock);
    pthread_cond_destroy(&h->changed);
    memset(h, 0, sizeof *h);
}

struct handoff_buf *handoff_fill(struct handoff *h)
{
    pthread_mutex_lock(&h->lock);
    while (h->count == HANDOFF_SLOTS && !h->cancelled)
        pthread_cond_wait(&h->changed, &h->lock);
    struct handoff_buf *b = h->cancelled ? NULL : &h->slot[(h->head + h->count) % HANDOFF_SLOTS];
    pthread_mutex_unlock(&h->lock);
    if (b)
        b->used = 0;
    return b;
}

void handoff_publish(struct handoff *h)
{
    pthread_mutex_lock(&h->lock);
    h->count++;
    pthread_cond_broadcast(&h->changed);
    pthread_mutex_unlock(&h->lock);
}

void handoff_close(struct handoff *h)
{
    pthread_mutex_lock(&h->lock);
    h->closed = 1;
    pthread_cond_broadcast(&h->changed);
    pthread_mutex_unlock(&h->lock);
}

struct handoff_buf *handoff_take(struct handoff *h)
{
    pthread_mutex_lock(&h->lock);
    while (h->count == 0 && !h->closed)
        pthread_cond_wait(&h->changed, &h->lock);
    struct handoff_buf *b = h->count ? &h->slot[h->head] : NULL;
    h->held = h->head;
    pthread_mutex_unlock(&h->lock);
    return b;
}

void handoff_done(struct handoff *h)
{
    struct handoff_buf *b = &h->slot[h->held];
    wipe(b->bytes, b->used);
    pthread_mutex_lock(&h->lock);
    h->head = (h->head + 1) % HANDOFF_SLOTS;
    h->count--;
    pthread_cond_broadcast(&h->changed);
    pthread_mutex_unlock(&h->lock);
}

void handoff_cancel(struct handoff *h)
{
    pthread_mutex_lock(&h->lock);
    h->cancelled = 1;
    pthread_cond_broadcast(&h->changed);
    pthread_mutex_unlock(&h->lock);
}

int handoff_reserve(struct handoff_buf *b, size_t n)
{
    if (b->cap - b->used >= n)
        return 0;
    size_t cap = b->cap * 2 > b->used + n ? b->cap * 2 : b->used + n;
    unsigned char *p = malloc(cap);
    if (!p)
        return -1;
    memcpy(p, b->bytes, b->used);
    wipe(b->bytes, b->cap);
    free(b->bytes);
    b->bytes = p, b->cap = cap;
    return 0;
}
