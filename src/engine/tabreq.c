/* tabreq.c — the table worker: builds what a note's init asked for off the audio thread, answers through an SPSC ring. */
#include "tabreq.h"
#include <errno.h>
#include <string.h>

static void *worker(void *arg)
{
    TABREQ *q = arg;
    for (;;) {
        while (sem_wait(&q->wake) != 0 && errno == EINTR)
            ;
        int i;
        while (spsc_pop(&q->req, &i)) {
            TQ_SLOT *s = &q->slots[i];
            s->err[0] = 0;
            s->t = q->build(q->ud, s, s->err, sizeof s->err);
            /* the ring has room for every slot: the push never fails */
            spsc_push(&q->done, &i);
            sem_post(&q->answered);
        }
        if (atomic_load_explicit(&q->stop, memory_order_acquire)) return NULL;
    }
}

int tq_init(TABREQ *q, tq_build_fn build, void *ud)
{
    memset(q, 0, sizeof *q);
    q->build = build;
    q->ud = ud;
    if (spsc_init(&q->req, sizeof(int), TQ_SLOTS) || spsc_init(&q->done, sizeof(int), TQ_SLOTS)) return -1;
    if (sem_init(&q->wake, 0, 0) || sem_init(&q->answered, 0, 0)) return -1;
    if (pthread_create(&q->thread, NULL, worker, q)) return -1;
    q->started = 1;
    return 0;
}

void tq_free(TABREQ *q)
{
    if (q->started) {
        atomic_store_explicit(&q->stop, 1, memory_order_release);
        sem_post(&q->wake);
        pthread_join(q->thread, NULL);
        q->started = 0;
        sem_destroy(&q->wake);
        sem_destroy(&q->answered);
    }
    tq_poll(q);
    for (int i = 0; i < TQ_SLOTS; i++) {
        if (q->slots[i].built) ftable_free(q->slots[i].t);
        q->slots[i].t = NULL;
    }
    spsc_free(&q->req);
    spsc_free(&q->done);
}

int tq_take(TABREQ *q)
{
    for (int i = 0; i < TQ_SLOTS; i++)   /* bounded: TQ_SLOTS */
        if (!q->slots[i].used) {
            q->slots[i].used = 1;
            q->nused++;
            q->slots[i].built = 0;
            q->slots[i].t = NULL;
            return i;
        }
    return -1;
}

void tq_submit(TABREQ *q, int i)
{
    spsc_push(&q->req, &i);   /* room for every slot: never full */
    sem_post(&q->wake);       /* wakes the worker; never waits */
}

void tq_poll(TABREQ *q)
{
    int i;
    while (q->done.buf && spsc_pop(&q->done, &i)) q->slots[i].built = 1;
}

void tq_wait(TABREQ *q, int i)
{
    for (;;) {
        tq_poll(q);
        if (q->slots[i].built) return;
        while (sem_wait(&q->answered) != 0 && errno == EINTR)
            ;
    }
}

void tq_give_back(TABREQ *q, int i)
{
    if (q->slots[i].used) q->nused--;
    q->slots[i].used = 0;
    q->slots[i].built = 0;
    q->slots[i].t = NULL;
}
