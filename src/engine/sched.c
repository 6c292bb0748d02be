/* sched.c — the scheduler's queue: a binary heap of handles by (frame, seq), a slab of event bodies, an id index of pending starts. */
#include "sched.h"
#include "memtouch.h"
#include <stdlib.h>

#define WIDE (EV_MAXP - SCHED_INLINE)   /* p-fields in a p-field block: p8..p64 */

int sched_init(SCHED *s, int cap)
{
    memset(s, 0, sizeof *s);
    int want = (cap > 0 ? cap : 1) + SCHED_RESERVE;   /* (a queue of 0 refuses every sched_push: n >= cap) */
    size_t nidx = 2;
    int bits = 1;
    while (nidx < 2 * (size_t)want) nidx <<= 1, bits++;   /* load ≤ 1/2: short probes */
    s->heap = malloc(sizeof *s->heap * (size_t)want);
    s->body = malloc(sizeof *s->body * (size_t)want);
    s->wide = calloc((size_t)want, sizeof(double) * WIDE);
    s->free_body = malloc(sizeof *s->free_body * (size_t)want);
    s->free_wide = malloc(sizeof *s->free_wide * (size_t)want);
    s->idx = malloc(sizeof *s->idx * nidx);
    if (!s->heap || !s->body || !s->wide || !s->free_body || !s->free_wide || !s->idx) {
        sched_free(s);
        return -1;
    }
    /* Touched now, off the audio thread, so its first uses do not fault pages
     * in: the p-field pool too (30 MB at the default capacity, ~10 ms), since a
     * burst of long events otherwise faults its pages in one by one on the
     * audio thread (the soak saw 4 MB of them). */
    memset(s->heap, 0, sizeof *s->heap * (size_t)want);
    memset(s->body, 0, sizeof *s->body * (size_t)want);
    /* (a memset right after malloc may be folded into calloc's untouched
     * zero pages: a volatile write a page makes sure; a 20 000-note /score
     * took 10 ms of page faults in one block without it) */
    mem_touch(s->heap, sizeof *s->heap * (size_t)want);
    mem_touch(s->body, sizeof *s->body * (size_t)want);
    mem_touch(s->wide, sizeof(double) * WIDE * (size_t)want);
    /* LIFO stacks, slot 0 on top: a queue that stays short stays in a few pages */
    for (int i = 0; i < want; i++) s->free_body[i] = s->free_wide[i] = want - 1 - i;
    s->nfree_body = s->nfree_wide = want;
    for (size_t i = 0; i < nidx; i++) s->idx[i] = (SCHED_IDX){ 0, -1, -1 };
    s->mask = (uint32_t)(nidx - 1);
    s->shift = 32 - bits;
    s->cap = cap;
    return 0;
}

void sched_free(SCHED *s)
{
    free(s->heap);
    free(s->body);
    free(s->wide);
    free(s->free_body);
    free(s->free_wide);
    free(s->idx);
    s->heap = NULL;
    s->body = NULL;
    s->wide = NULL;
    s->free_body = s->free_wide = NULL;
    s->idx = NULL;
}

/* ---- the id index: linear probing, Fibonacci hashing, no tombstones ---- */

static uint32_t idx_home(const SCHED *s, int32_t id) { return ((uint32_t)id * 0x9E3779B1u) >> s->shift; }

/* The entry of `id`, or the empty one where it would go. */
static uint32_t idx_find(const SCHED *s, int32_t id)
{
    uint32_t i = idx_home(s, id);
    while (s->idx[i].head >= 0 && s->idx[i].id != id) i = (i + 1) & s->mask;
    return i;
}

/* Empty entry i, moving later entries of its probe run back into the hole
 * (Knuth's algorithm R), so lookups never walk over deleted entries. */
static void idx_delete(SCHED *s, uint32_t i)
{
    for (uint32_t j = i;;) {
        j = (j + 1) & s->mask;
        if (s->idx[j].head < 0) break;
        uint32_t k = idx_home(s, s->idx[j].id);
        /* the entry at j may fill the hole unless its home lies cyclically in (i, j] */
        int stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
        if (!stays) {
            s->idx[i] = s->idx[j];
            i = j;
        }
    }
    s->idx[i].head = s->idx[i].tail = -1;
}

/* A pending start joins the end of its id's chain: chains keep queue order. */
static void chain_add(SCHED *s, int32_t slot)
{
    SCHED_BODY *b = &s->body[slot];
    SCHED_IDX *x = &s->idx[idx_find(s, b->id)];
    b->next = -1;
    b->prev = x->tail;
    if (x->head < 0) {
        x->id = b->id;
        x->head = slot;
    } else {
        s->body[x->tail].next = slot;
    }
    x->tail = slot;
}

static void chain_remove(SCHED *s, int32_t slot)
{
    SCHED_BODY *b = &s->body[slot];
    if (b->prev >= 0 && b->next >= 0) {   /* in the middle: the entry keeps its ends */
        s->body[b->prev].next = b->next;
        s->body[b->next].prev = b->prev;
        return;
    }
    uint32_t i = idx_find(s, b->id);
    SCHED_IDX *x = &s->idx[i];
    if (b->prev >= 0) s->body[b->prev].next = b->next;
    else x->head = b->next;
    if (b->next >= 0) s->body[b->next].prev = b->prev;
    else x->tail = b->prev;
    if (x->head < 0) idx_delete(s, i);
}

/* ---- bodies ---- */

static double *pf(SCHED *s, SCHED_BODY *b, int k)
{
    return k <= SCHED_INLINE ? &b->p[k - 1] : &s->wide[(size_t)b->wide * WIDE + (size_t)(k - SCHED_INLINE - 1)];
}

double *sched_pfield(SCHED *s, SCHED_BODY *b, int k)
{
    if (k > b->nstored) {
        if (k > SCHED_INLINE && b->wide < 0) b->wide = s->free_wide[--s->nfree_wide];
        for (int i = b->nstored + 1; i < k; i++) *pf(s, b, i) = 0;   /* as a producer's memset left them */
        b->nstored = k;
        *pf(s, b, k) = 0;
    }
    return pf(s, b, k);
}

/* ---- the heap ---- */

/* Every write of a handle into the heap goes through here: its body knows where it is. */
static void heap_put(SCHED *s, int i, SCHED_HANDLE h)
{
    s->heap[i] = h;
    s->body[h.slot].hpos = i;
}

static void sift_up(SCHED *s, int i, SCHED_HANDLE h);
static void sift_down(SCHED *s, int i, SCHED_HANDLE h);

/* Earlier frame first; equal frames keep the order events were queued in. */
static int before(const SCHED_HANDLE *a, const SCHED_HANDLE *b)
{
    return a->frame < b->frame || (a->frame == b->frame && a->seq < b->seq);
}

static int push(SCHED *s, const ENG_EVENT *ev, int limit)
{
    if (s->n >= limit) return -1;
    int32_t slot = s->free_body[--s->nfree_body];
    SCHED_BODY *b = &s->body[slot];
    b->frame = ev->frame;
    b->issued = ev->issued;
    b->late = ev->late;
    b->ptr = ev->ptr;
    b->type = ev->type;
    b->id = ev->id;
    b->instr = ev->instr;
    b->np = ev->np;
    b->flags = ev->flags;
    b->cmd = ev->cmd;
    b->origin = ev->origin;
    b->strbytes = ev->strbytes;
    int span = eng_event_span(ev);
    b->nstored = span;
    b->wide = -1;
    memcpy(b->p, &ev->p[1], sizeof(double) * (size_t)(span < SCHED_INLINE ? span : SCHED_INLINE));
    if (span > SCHED_INLINE) {
        b->wide = s->free_wide[--s->nfree_wide];
        memcpy(pf(s, b, SCHED_INLINE + 1), &ev->p[SCHED_INLINE + 1], sizeof(double) * (size_t)(span - SCHED_INLINE));
    }
    if (b->type == EV_START) chain_add(s, slot);
    else b->next = b->prev = -1;

    SCHED_HANDLE h = { ev->frame, s->seq++, slot };
    sift_up(s, s->n++, h);
    return 0;
}

int sched_push(SCHED *s, const ENG_EVENT *ev) { return push(s, ev, s->cap); }
int sched_push_now(SCHED *s, const ENG_EVENT *ev) { return push(s, ev, s->cap + SCHED_RESERVE); }
int sched_room(const SCHED *s) { return s->n < s->cap ? s->cap - s->n : 0; }

/* h into the hole at i, moved up past its parents while it comes before them */
static void sift_up(SCHED *s, int i, SCHED_HANDLE h)
{
    while (i > 0) {
        int parent = (i - 1) / 2;
        if (!before(&h, &s->heap[parent])) break;
        heap_put(s, i, s->heap[parent]);
        i = parent;
    }
    heap_put(s, i, h);
}

/* h into the hole at i, moved down past its children while one comes before it (i < n) */
static void sift_down(SCHED *s, int i, SCHED_HANDLE h)
{
    for (;;) {
        int l = 2 * i + 1, r = l + 1, m = i;
        const SCHED_HANDLE *best = &h;
        if (l < s->n && before(&s->heap[l], best)) { m = l; best = &s->heap[l]; }
        if (r < s->n && before(&s->heap[r], best)) { m = r; }
        if (m == i) break;
        heap_put(s, i, s->heap[m]);
        i = m;
    }
    heap_put(s, i, h);
}

/* The body's slot back to the free stacks (its chain link first, if a start). */
static void body_free(SCHED *s, int32_t slot)
{
    SCHED_BODY *b = &s->body[slot];
    if (b->type == EV_START) chain_remove(s, slot);
    if (b->wide >= 0) s->free_wide[s->nfree_wide++] = b->wide;
    s->free_body[s->nfree_body++] = slot;
}

/* The handle at heap position i out: the last one fills the hole, up or down as it belongs. */
static void heap_remove(SCHED *s, int i)
{
    SCHED_HANDLE last = s->heap[--s->n];
    if (i == s->n) return;
    if (i > 0 && before(&last, &s->heap[(i - 1) / 2])) sift_up(s, i, last);
    else sift_down(s, i, last);
}

void sched_cancel(SCHED *s, SCHED_BODY *b)
{
    int i = b->hpos;
    body_free(s, s->heap[i].slot);
    heap_remove(s, i);
}

int sched_clear_starts(SCHED *s, int64_t by, uint64_t seq)
{
    int k = 0, gone = 0;
    for (int i = 0; i < s->n; i++) {
        SCHED_BODY *b = &s->body[s->heap[i].slot];
        if (b->type == EV_START && sched_asked_before(s, b, by, seq)) {
            body_free(s, s->heap[i].slot);
            gone++;
        } else {
            heap_put(s, k++, s->heap[i]);
        }
    }
    s->n = k;
    /* Floyd's heap construction: each parent sifted down, from the last one up; O(n) */
    for (int i = k / 2 - 1; i >= 0; i--) sift_down(s, i, s->heap[i]);
    return gone;
}

const SCHED_HANDLE *sched_peek(const SCHED *s) { return s->n ? &s->heap[0] : NULL; }

void sched_pop(SCHED *s, ENG_EVENT *out)
{
    SCHED_HANDLE top = s->heap[0];
    SCHED_BODY *b = &s->body[top.slot];
    out->frame = b->frame;
    out->seq = top.seq;
    out->type = b->type;
    out->id = b->id;
    out->instr = b->instr;
    out->np = b->np;
    out->flags = b->flags;
    out->cmd = b->cmd;
    out->origin = b->origin;
    out->issued = b->issued;
    out->late = b->late;
    out->ptr = b->ptr;
    out->strbytes = b->strbytes;
    int n = b->nstored;
    memcpy(&out->p[1], b->p, sizeof(double) * (size_t)(n < SCHED_INLINE ? n : SCHED_INLINE));
    if (n > SCHED_INLINE) memcpy(&out->p[SCHED_INLINE + 1], pf(s, b, SCHED_INLINE + 1), sizeof(double) * (size_t)(n - SCHED_INLINE));
    body_free(s, top.slot);
    heap_remove(s, 0);
}

/* *at: 0 before the first call, then 1 + the slot to look at next, -1 at the end */
SCHED_BODY *sched_find_start(SCHED *s, int32_t id, int64_t by, int *at)
{
    int32_t slot;
    if (*at == 0) {
        const SCHED_IDX *x = &s->idx[idx_find(s, id)];
        slot = x->head;   /* -1 when no start of the id waits */
    } else {
        slot = *at - 1;
    }
    for (; slot >= 0; slot = s->body[slot].next)
        if (s->body[slot].issued <= by) {
            *at = s->body[slot].next + 1;
            if (*at == 0) *at = -1;
            return &s->body[slot];
        }
    *at = -1;
    return NULL;
}
