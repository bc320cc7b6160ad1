/* workers.c - see workers.h. */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT: the cores this process may use */
#include "common/workers.h"

#include <pthread.h>
#include <sched.h>

enum { WORKERS_MAX = 64 };

struct pool {
    pthread_mutex_t lock;
    int next, n_jobs;
    void (*job)(void *ctx, int i);
    void *ctx;
};

/* The next job's number, or -1 when all are handed out. */
static int take(struct pool *p)
{
    pthread_mutex_lock(&p->lock);
    int i = p->next < p->n_jobs ? p->next++ : -1;
    pthread_mutex_unlock(&p->lock);
    return i;
}

static void *worker(void *arg)
{
    struct pool *p = arg;
    for (int i = take(p); i >= 0; i = take(p))
        p->job(p->ctx, i);
    return NULL;
}

int workers_run(int threads, int n_jobs, void (*job)(void *ctx, int i), void *ctx)
{
    if (threads > n_jobs)
        threads = n_jobs;
    if (threads > WORKERS_MAX)
        threads = WORKERS_MAX;
    if (threads <= 1) {
        for (int i = 0; i < n_jobs; i++)
            job(ctx, i);
        return 1;
    }
    struct pool p = {.next = 0, .n_jobs = n_jobs, .job = job, .ctx = ctx};
    pthread_mutex_init(&p.lock, NULL);
    pthread_t tid[WORKERS_MAX];
    int started = 0;
    while (started < threads - 1 && pthread_create(&tid[started], NULL, worker, &p) == 0)
        started++;
    worker(&p); /* the caller is one of the threads */
    for (int t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    pthread_mutex_destroy(&p.lock);
    return 1 + started;
}

int workers_available(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) != 0)
        return 1;
    int n = CPU_COUNT(&set);
    return n > 0 ? n : 1;
}
