/* spsc.c — SPSC ring of fixed-size records with C11 acquire/release indices. */
#include "spsc.h"
#include <stdlib.h>
#include <string.h>
#include "memtouch.h"

int spsc_init(SPSC *r, size_t elem, size_t cap)
{
    r->buf = calloc(cap, elem);
    if (!r->buf) return -1;
    mem_touch(r->buf, cap * elem);   /* no page faults on the ring's first lap */
    r->elem = elem;
    r->mask = cap - 1;
    atomic_init(&r->head, 0);
    atomic_init(&r->tail, 0);
    return 0;
}

void spsc_free(SPSC *r)
{
    free(r->buf);
    r->buf = NULL;
}

int spsc_push(SPSC *r, const void *item) { return spsc_push_part(r, item, r->elem); }

int spsc_push_part(SPSC *r, const void *item, size_t len)
{
    size_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
    size_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
    if (head - tail > r->mask) return -1;
    memcpy(r->buf + (head & r->mask) * r->elem, item, len < r->elem ? len : r->elem);
    atomic_store_explicit(&r->head, head + 1, memory_order_release);
    return 0;
}

const void *spsc_front(SPSC *r)
{
    size_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
    size_t head = atomic_load_explicit(&r->head, memory_order_acquire);   /* the record's bytes with it */
    return head == tail ? NULL : r->buf + (tail & r->mask) * r->elem;
}

void spsc_release(SPSC *r)
{
    /* release: the producer may reuse the slot only after our reads of it */
    size_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
    atomic_store_explicit(&r->tail, tail + 1, memory_order_release);
}

int spsc_pop(SPSC *r, void *item)
{
    const void *front = spsc_front(r);
    if (!front) return 0;
    memcpy(item, front, r->elem);
    spsc_release(r);
    return 1;
}

size_t spsc_count(SPSC *r)
{
    return atomic_load_explicit(&r->head, memory_order_acquire) - atomic_load_explicit(&r->tail, memory_order_acquire);
}

/* n items from ring position `at` on, in at most two pieces (the ring wraps) */
static void copy_in(SPSC *r, size_t at, const unsigned char *src, size_t n)
{
    size_t i = at & r->mask, first = r->mask + 1 - i;
    if (first > n) first = n;
    memcpy(r->buf + i * r->elem, src, first * r->elem);
    if (n > first) memcpy(r->buf, src + first * r->elem, (n - first) * r->elem);
}

static void copy_out(SPSC *r, size_t at, unsigned char *dst, size_t n)
{
    size_t i = at & r->mask, first = r->mask + 1 - i;
    if (first > n) first = n;
    memcpy(dst, r->buf + i * r->elem, first * r->elem);
    if (n > first) memcpy(dst + first * r->elem, r->buf, (n - first) * r->elem);
}

int spsc_push_n(SPSC *r, const void *items, size_t n)
{
    size_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
    size_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
    if (r->mask + 1 - (head - tail) < n) return -1;
    copy_in(r, head, items, n);
    atomic_store_explicit(&r->head, head + n, memory_order_release);
    return 0;
}

size_t spsc_pop_n(SPSC *r, void *items, size_t max)
{
    size_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
    size_t head = atomic_load_explicit(&r->head, memory_order_acquire);
    size_t n = head - tail;
    if (n > max) n = max;
    if (n == 0) return 0;
    copy_out(r, tail, items, n);
    atomic_store_explicit(&r->tail, tail + n, memory_order_release);
    return n;
}

size_t spsc_space(SPSC *r)
{
    return r->mask + 1 - (atomic_load_explicit(&r->head, memory_order_relaxed)
                          - atomic_load_explicit(&r->tail, memory_order_acquire));
}
