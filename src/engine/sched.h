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
 *
 * Beyond `cap`, SCHED_RESERVE more slots take only what sched_push_now
 * queues: the commands that take effect in the block that took them (a
 * /panic, a /sync, a /kill, a note to start now).  They leave the queue in
 * that same block, and a block takes at most SCHED_RESERVE commands from the
 * ring, so the reserve is empty again at every block's start: notes waiting
 * for the future can fill the queue, never the way in of a control command.
 */
#define SCHED_INLINE 7   /* p-fields a body holds itself (p1..p7) */
#define SCHED_RESERVE 512   /* slots only events due in the current block may use (the commands a block takes) */

typedef struct sched_body {
    int64_t frame, issued;
    void *ptr;
    int32_t type, id, instr, np, flags;
    uint32_t cmd, origin;
    int32_t late;
    int32_t nstored;            /* p[1..nstored] hold the event's values (eng_event_span) */
    int32_t strbytes;           /* its string p-fields' texts after p[np] (ENG_EVENT.strbytes) */
    int32_t wide;               /* the p-field block with p8.., or -1 */
    int32_t next, prev;         /* the id's chain of pending starts (slots; -1 ends) */
    int32_t hpos;               /* where its handle is in the heap (sched_cancel removes it from there) */
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
int sched_push(SCHED *s, const ENG_EVENT *ev);       /* -1 when `cap` events wait */
/* An event due in the block being run: it may take a slot of the reserve. */
int sched_push_now(SCHED *s, const ENG_EVENT *ev);   /* -1 when even the reserve is full */
int sched_room(const SCHED *s);                      /* events sched_push still takes */
/* Take a pending event out of the queue (its slot is free at once): a /kill
 * or /stop of a note that has not begun. */
void sched_cancel(SCHED *s, SCHED_BODY *b);
/* Take out every pending start asked for before frame `by` (its `issued`),
 * or at `by` and queued before `seq` (a command taken in the same block after
 * the /panic is not one it clears; one an instrument makes in that block
 * neither, live or offline, where the commands are all queued first): /panic
 * and /stopall clear the notes still waiting too.  O(pending): a heap
 * rebuilt in place.  Returns how many went. */
int sched_clear_starts(SCHED *s, int64_t by, uint64_t seq);
/* The insertion number of a pending event (its handle's seq). */
static inline uint64_t sched_seq(const SCHED *s, const SCHED_BODY *b) { return s->heap[b->hpos].seq; }
/* Whether a pending event was asked for before a command of frame `by` and
 * insertion number `seq` (as sched_clear_starts judges it). */
static inline int sched_asked_before(const SCHED *s, const SCHED_BODY *b, int64_t by, uint64_t seq)
{
    return b->issued < by || (b->issued == by && sched_seq(s, b) < seq);
}
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
