/* spsc.c — SPSC ring of fixed-size records with C11 acquire/release indices. */
#include "spsc.h"
#include <stdlib.h>
#include <string.h>

int spsc_init(SPSC *r, size_t elem, size_t cap)
{
    r->buf = calloc(cap, elem);
    if (!r->buf) return -1;
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

int spsc_push(SPSC *r, const void *item)
{
    size_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
    size_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
    if (head - tail > r->mask) return -1;
    memcpy(r->buf + (head & r->mask) * r->elem, item, r->elem);
    atomic_store_explicit(&r->head, head + 1, memory_order_release);
    return 0;
}

int spsc_pop(SPSC *r, void *item)
{
    size_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
    size_t head = atomic_load_explicit(&r->head, memory_order_acquire);
    if (head == tail) return 0;
    memcpy(item, r->buf + (tail & r->mask) * r->elem, r->elem);
    atomic_store_explicit(&r->tail, tail + 1, memory_order_release);
    return 1;
}

size_t spsc_count(SPSC *r)
{
    return atomic_load_explicit(&r->head, memory_order_acquire) - atomic_load_explicit(&r->tail, memory_order_acquire);
}
