/* msgring.c — SPSC byte ring (C11 atomics, acquire/release) carrying messages off the processing thread. */
#include "msgring.h"
#include <stdlib.h>
#include <string.h>

int msgring_init(MSGRING *r, size_t cap)
{
    r->buf = calloc(1, cap);
    if (!r->buf) return -1;
    r->mask = cap - 1;
    atomic_init(&r->head, 0);
    atomic_init(&r->tail, 0);
    atomic_init(&r->dropped, 0);
    return 0;
}

void msgring_free(MSGRING *r)
{
    free(r->buf);
    r->buf = NULL;
}

int msgring_write(MSGRING *r, const char *msg, size_t len)
{
    size_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
    size_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
    size_t space = r->mask + 1 - (head - tail);
    if (len > space) {
        atomic_fetch_add_explicit(&r->dropped, 1, memory_order_relaxed);
        return -1;
    }
    for (size_t i = 0; i < len; i++) r->buf[(head + i) & r->mask] = msg[i];
    atomic_store_explicit(&r->head, head + len, memory_order_release);
    return 0;
}

size_t msgring_read(MSGRING *r, char *out, size_t len)
{
    size_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
    size_t head = atomic_load_explicit(&r->head, memory_order_acquire);
    size_t n = head - tail;
    if (n > len) n = len;
    for (size_t i = 0; i < n; i++) out[i] = r->buf[(tail + i) & r->mask];
    atomic_store_explicit(&r->tail, tail + n, memory_order_release);
    return n;
}
