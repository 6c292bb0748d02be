/* sched.h — pending events: a binary min-heap keyed by (sample frame, insertion order). */
#ifndef ONDES_SCHED_H
#define ONDES_SCHED_H

#include "engine.h"

/* Owned by the processing thread once processing runs; storage is reserved
 * up front so pushing never allocates. */
typedef struct sched {
    ENG_EVENT *heap;
    int n, cap;
    uint64_t seq;
} SCHED;

int sched_init(SCHED *s, int cap);
void sched_free(SCHED *s);
int sched_push(SCHED *s, const ENG_EVENT *ev);       /* -1 when full */
const ENG_EVENT *sched_peek(const SCHED *s);         /* NULL when empty */
void sched_pop(SCHED *s, ENG_EVENT *out);
/* The pending starts of event `id` that were asked for by frame `by` (their
 * `issued`), one a call from *at (start with *at = 0), or NULL: a bounded scan
 * of the heap, so a /set can reach a note that has not begun.  `by` keeps an
 * offline render, whose heap already holds the future, to what a live run
 * had been sent at that frame. */
ENG_EVENT *sched_find_start(SCHED *s, int32_t id, int64_t by, int *at);

#endif
