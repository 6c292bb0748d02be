/* sched.h — pending events: a min-heap of small handles by (frame, insertion order), bodies in a slab, an index from id to pending starts. */
#ifndef ONDES_SCHED_H
#define ONDES_SCHED_H

#include "engine.h"

/*
 * Why not a heap of ENG_EVENTs: an ENG_EVENT is 584 bytes (room for 64
 * p-fields), a note carries five or so, and a heap moves its entries some
 * fifteen times a pop at 65 536 pending.  So the heap orders 24-byte
 * handles; each event's body sits still in a slab slot (two cache lines:
 * the header and p1..p7) until it is popped, and the p-fields beyond p7, when
 * an event has them, in a block of a p-field pool.  A /set or /automate finds
 * the pending starts of its id through an open-addressing table from id to a
 * chain of their slots (in the order they were queued), not by scanning.
 *
 * Everything is reserved by sched_init: a body and a p-field block for each
 * of the `cap` events the queue holds, so "full" means `cap` events pending,
 * whatever they carry, and nothing is allocated afterwards.  Owned by the
 * processing thread once processing runs.
 */
#define SCHED_INLINE 7   /* p-fields a body holds itself (p1..p7) */

typedef struct sched_body {
    int64_t frame, issued, t0;
    double rel;
    void *ptr;
    int32_t type, id, instr, np, flags;
    uint32_t cmd, origin;
    int32_t late;
    int32_t nstored;            /* p[1..nstored] hold the event's values (eng_event_span) */
    int32_t strbytes;           /* its string p-fields' texts after p[np] (ENG_EVENT.strbytes) */
    int32_t wide;               /* the p-field block with p8.., or -1 */
    int32_t next, prev;         /* the id's chain of pending starts (slots; -1 ends) */
    double p[SCHED_INLINE];     /* p1..p7 */
} SCHED_BODY;

typedef struct sched_handle {
    int64_t frame;
    uint64_t seq;               /* insertion order: ties at equal frames keep it */
    int32_t slot;               /* its body */
} SCHED_HANDLE;

typedef struct sched_idx { int32_t id, head, tail; } SCHED_IDX;   /* head -1: an empty entry */

typedef struct sched {
    SCHED_HANDLE *heap;
    int n, cap;
    uint64_t seq;
    SCHED_BODY *body;           /* cap slots */
    double *wide;               /* cap blocks of EV_MAXP - SCHED_INLINE p-fields */
    int32_t *free_body, *free_wide;   /* stacks of free slots and blocks */
    int nfree_body, nfree_wide;
    SCHED_IDX *idx;             /* id → its pending starts; a power of two ≥ 2 cap entries */
    uint32_t mask;
    int shift;
} SCHED;

int sched_init(SCHED *s, int cap);
void sched_free(SCHED *s);
int sched_push(SCHED *s, const ENG_EVENT *ev);       /* -1 when full */
const SCHED_HANDLE *sched_peek(const SCHED *s);      /* the next event's frame; NULL when empty */
/* The next event into *out: its header and p[1..eng_event_span]; p-fields
 * beyond those are not carried and out's are left as they were. */
void sched_pop(SCHED *s, ENG_EVENT *out);
/* The pending starts of event `id` that were asked for by frame `by` (their
 * `issued`), one a call from *at (start with *at = 0), in the order they were
 * queued, or NULL: a walk of that id's chain, so a /set can reach a note that
 * has not begun.  `by` keeps an offline render, whose queue already holds the
 * future, to what a live run had been sent at that frame.  A body stays put
 * while pending: pushing other events leaves it (and *at) valid; popping
 * does not. */
SCHED_BODY *sched_find_start(SCHED *s, int32_t id, int64_t by, int *at);
/* Where p-field k (1..EV_MAXP) of a pending event lives; fields it did not
 * carry read 0, and a field beyond p7 takes the event's p-field block (one is
 * reserved for every slot: this never fails or allocates).  Leaves np alone. */
double *sched_pfield(SCHED *s, SCHED_BODY *b, int k);

#endif
