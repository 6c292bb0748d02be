/* tabreq.h — tables a note's init asks for that the audio thread may not make (big ones, files): built on a worker thread. */
#ifndef ONDES_TABREQ_H
#define ONDES_TABREQ_H

#include "ftable.h"
#include "spsc.h"
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdint.h>

/*
 * The processing thread fills a request slot and pushes its index on the
 * request ring, then posts the worker's semaphore (never waits); the worker
 * builds the table with the heap and file I/O it may use and pushes the
 * index back on the done ring.  Slots are owned by the processing thread
 * (it takes and frees them); the worker only reads a request and writes its
 * result, between the two ring crossings (release/acquire in spsc.c).
 * Offline, the processing thread may wait for a result (tq_wait): the
 * render then gives what Csound gives, the table made at once.
 */
#define TQ_SLOTS 32         /* requests in flight at once */
#define TQ_MAXARGS 64       /* a GEN's numbers (ftgen takes at most 64) */
#define TQ_PATHLEN 1024

typedef struct tq_slot {
    /* the request: written by the processing thread before it is pushed */
    int num, size, gen, nargs;
    double args[TQ_MAXARGS];
    char path[TQ_PATHLEN];  /* "" when the GEN reads no file */
    int has_path;
    const FTABLE *src;      /* GEN 33/34's source table, or NULL */
    /* the result: written by the worker before it pushes the index back */
    FTABLE *t;
    char err[400];
    /* the processing thread's: the slot's state and its engine's bookkeeping */
    int used;               /* taken (tq_take) and not yet given back */
    int built;              /* the worker's answer arrived (tq_poll / tq_wait) */
} TQ_SLOT;

typedef FTABLE *(*tq_build_fn)(void *ud, const TQ_SLOT *s, char *err, size_t errlen);

typedef struct tabreq {
    TQ_SLOT slots[TQ_SLOTS];
    SPSC req;               /* slot indices: processing thread → worker */
    SPSC done;              /* slot indices: worker → processing thread */
    sem_t wake;             /* the worker sleeps on it */
    sem_t answered;         /* posted once per answer, for tq_wait */
    pthread_t thread;
    int started;
    int nused;              /* slots taken: the processing thread's */
    _Atomic int stop;
    tq_build_fn build;
    void *ud;
} TABREQ;

/* Control thread: reserve the rings and start the worker; 0 or -1. */
int tq_init(TABREQ *q, tq_build_fn build, void *ud);
/* Control thread, once processing stopped: stop the worker; tables built
 * and never taken are freed. */
void tq_free(TABREQ *q);
/* Processing thread: a free slot's index, or -1 when all are in flight. */
int tq_take(TABREQ *q);
/* Processing thread: send slot i (filled) to the worker; never waits. */
void tq_submit(TABREQ *q, int i);
/* Processing thread: marks every slot whose answer arrived as built
 * (never waits). */
void tq_poll(TABREQ *q);
/* Processing thread, offline only: waits until slot i is built. */
void tq_wait(TABREQ *q, int i);
/* Processing thread: slots in flight (taken, not given back); a snapshot count. */
static inline int tq_busy(const TABREQ *q) { return q->nused; }
/* Processing thread: the slot is free again (its table was taken). */
void tq_give_back(TABREQ *q, int i);

#endif
