/* msgring.h — a lock-free single-producer single-consumer byte ring for text messages. */
#ifndef ONDES_MSGRING_H
#define ONDES_MSGRING_H

#include <stdatomic.h>
#include <stddef.h>
#include "spsc.h"

/*
 * The engine's text messages (print, init errors, refusals) leave the
 * processing thread as bytes in an SPSC ring of 1-byte records (spsc.h: C11
 * acquire/release, no JACK), a whole message or none.  Producer: the
 * processing thread (msgring_write). Consumer: the driver's control thread
 * (msgring_read). Capacity is a power of two.
 */
typedef struct msgring {
    SPSC bytes;
    _Atomic size_t dropped; /* messages that did not fit (counted, never blocking) */
} MSGRING;

int msgring_init(MSGRING *r, size_t capacity_pow2);    /* control thread */
void msgring_free(MSGRING *r);                         /* control thread */
/* Producer thread only: writes the whole message (with its '\n') or none. */
int msgring_write(MSGRING *r, const char *msg, size_t len);
/* Consumer thread only: copies out up to len bytes; returns the count. */
size_t msgring_read(MSGRING *r, char *out, size_t len);

#endif
