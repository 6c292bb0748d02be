/* msgring.c — text messages off the processing thread: an SPSC ring of bytes (spsc.c), whole messages or none. */
#include "msgring.h"

int msgring_init(MSGRING *r, size_t cap)
{
    atomic_init(&r->dropped, 0);
    return spsc_init(&r->bytes, 1, cap);
}

void msgring_free(MSGRING *r) { spsc_free(&r->bytes); }

int msgring_write(MSGRING *r, const char *msg, size_t len)
{
    if (spsc_push_n(&r->bytes, msg, len) == 0) return 0;
    atomic_fetch_add_explicit(&r->dropped, 1, memory_order_relaxed);
    return -1;
}

size_t msgring_read(MSGRING *r, char *out, size_t len) { return spsc_pop_n(&r->bytes, out, len); }
