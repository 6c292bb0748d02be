/* sched.c — the scheduler's priority queue: a binary heap of events by (frame, seq). */
#include "sched.h"
#include <stdlib.h>

int sched_init(SCHED *s, int cap)
{
    s->heap = malloc(sizeof(ENG_EVENT) * (size_t)(cap > 0 ? cap : 1));
    s->n = 0;
    s->cap = cap;
    s->seq = 0;
    return s->heap ? 0 : -1;
}

void sched_free(SCHED *s)
{
    free(s->heap);
    s->heap = NULL;
}

/* Earlier frame first; equal frames keep the order events were queued in. */
static int before(const ENG_EVENT *a, const ENG_EVENT *b)
{
    return a->frame < b->frame || (a->frame == b->frame && a->seq < b->seq);
}

int sched_push(SCHED *s, const ENG_EVENT *ev)
{
    if (s->n >= s->cap) return -1;
    int i = s->n++;
    ENG_EVENT e = *ev;
    e.seq = s->seq++;
    while (i > 0) {
        int parent = (i - 1) / 2;
        if (!before(&e, &s->heap[parent])) break;
        s->heap[i] = s->heap[parent];
        i = parent;
    }
    s->heap[i] = e;
    return 0;
}

const ENG_EVENT *sched_peek(const SCHED *s) { return s->n ? &s->heap[0] : NULL; }

void sched_pop(SCHED *s, ENG_EVENT *out)
{
    *out = s->heap[0];
    ENG_EVENT last = s->heap[--s->n];
    int i = 0;
    for (;;) {
        int l = 2 * i + 1, r = l + 1, m = i;
        const ENG_EVENT *best = &last;
        if (l < s->n && before(&s->heap[l], best)) { m = l; best = &s->heap[l]; }
        if (r < s->n && before(&s->heap[r], best)) { m = r; }
        if (m == i) break;
        s->heap[i] = s->heap[m];
        i = m;
    }
    if (s->n) s->heap[i] = last;
}

ENG_EVENT *sched_find_start(SCHED *s, int32_t id, int64_t by, int *at)
{
    for (int i = *at; i < s->n; i++)
        if (s->heap[i].type == EV_START && s->heap[i].id == id && s->heap[i].issued <= by) {
            *at = i + 1;
            return &s->heap[i];
        }
    *at = s->n;
    return NULL;
}
