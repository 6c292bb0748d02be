/* tablework.c — the table worker thread: live table requests made off the control thread, one at a time, in order. */
#include "tablework.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tw_job {
    struct tw_job *next;             /* the worker's queue */
    int num, size, gen, nargs;
    double args[EV_MAXP];
    char *path;
    FTABLE *t;
    int taken;                       /* tw_result handed the table on */
    char why[400];
    _Atomic int done;                /* release by the worker: t and why are written */
};

struct tablework {
    ENGINE *eng;                     /* read only: sample rate, 0dbfs, the files' folder */
    pthread_t tid;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    TW_JOB *head, *tail;             /* submitted, not yet taken by the worker */
    int quit;
};

static void *worker(void *arg)
{
    TABLEWORK *w = arg;
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (!w->head && !w->quit) pthread_cond_wait(&w->wake, &w->lock);
        if (w->quit) break;
        TW_JOB *j = w->head;
        w->head = j->next;
        if (!w->head) w->tail = NULL;
        pthread_mutex_unlock(&w->lock);
        j->t = eng_make_table(w->eng, j->num, j->size, j->gen, j->args, j->nargs, j->path, j->why, sizeof j->why);
        atomic_store_explicit(&j->done, 1, memory_order_release);
        pthread_mutex_lock(&w->lock);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

TABLEWORK *tw_new(ENGINE *e, char *err, size_t errlen)
{
    TABLEWORK *w = calloc(1, sizeof *w);
    if (!w) {
        snprintf(err, errlen, "out of memory for the table worker");
        return NULL;
    }
    w->eng = e;
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    if (pthread_create(&w->tid, NULL, worker, w)) {
        snprintf(err, errlen, "cannot start the table worker thread");
        pthread_mutex_destroy(&w->lock);
        pthread_cond_destroy(&w->wake);
        free(w);
        return NULL;
    }
    return w;
}

void tw_free(TABLEWORK *w)
{
    if (!w) return;
    pthread_mutex_lock(&w->lock);
    w->quit = 1;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->tid, NULL);
    pthread_mutex_destroy(&w->lock);
    pthread_cond_destroy(&w->wake);
    free(w);
}

TW_JOB *tw_submit(TABLEWORK *w, int num, int size, int gen, const double *args, int nargs, const char *path)
{
    TW_JOB *j = calloc(1, sizeof *j);
    if (!j) return NULL;
    if (nargs > EV_MAXP) nargs = EV_MAXP;
    j->num = num;
    j->size = size;
    j->gen = gen;
    j->nargs = nargs;
    if (nargs > 0) memcpy(j->args, args, sizeof *args * (size_t)nargs);
    if (path && !(j->path = strdup(path))) {
        free(j);
        return NULL;
    }
    pthread_mutex_lock(&w->lock);
    if (w->tail) w->tail->next = j;
    else w->head = j;
    w->tail = j;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    return j;
}

int tw_result(TW_JOB *j, FTABLE **t, const char **why)
{
    if (!atomic_load_explicit(&j->done, memory_order_acquire)) return 0;
    *t = j->t;
    *why = j->why;
    j->taken = 1;
    return 1;
}

void tw_job_free(TW_JOB *j)
{
    if (!j) return;
    if (!j->taken) ftable_free(j->t);
    free(j->path);
    free(j);
}
