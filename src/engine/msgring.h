/* msgring.h — a lock-free single-producer single-consumer byte ring for text messages. */
#ifndef ONDES_MSGRING_H
#define ONDES_MSGRING_H

#include <stdatomic.h>
#include <stddef.h>

/*
 * Why our own ring: the engine core must not depend on JACK (the offline
 * driver runs without it), and messages are variable-length text, so a small
 * byte ring with C11 acquire/release indices is all that is needed.
 * Producer: the processing thread (msgring_write). Consumer: the driver's
 * control thread (msgring_read). Capacity is a power of two.
 */
typedef struct msgring {
    char *buf;
    size_t mask;
    _Atomic size_t head;    /* written by the producer */
    _Atomic size_t tail;    /* written by the consumer */
    _Atomic size_t dropped; /* messages that did not fit (counted, never blocking) */
} MSGRING;

int msgring_init(MSGRING *r, size_t capacity_pow2);    /* control thread */
void msgring_free(MSGRING *r);                         /* control thread */
/* Producer thread only: writes the whole message (with its '\n') or none. */
int msgring_write(MSGRING *r, const char *msg, size_t len);
/* Consumer thread only: copies out up to len bytes; returns the count. */
size_t msgring_read(MSGRING *r, char *out, size_t len);

#endif
