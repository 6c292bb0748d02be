/* spsc.h — a lock-free single-producer single-consumer ring of fixed-size records. */
#ifndef ONDES_SPSC_H
#define ONDES_SPSC_H

#include <stdatomic.h>
#include <stddef.h>

/*
 * Why our own: commands and replies are fixed-size structs crossing between
 * the control thread (OSC, files) and the processing thread, and the engine
 * must not depend on JACK (jack_ringbuffer_t) since the offline driver runs
 * without it.  C11 acquire/release on the two indices; every slot is written
 * before the index that publishes it.  Each function says which side may
 * call it: one producer thread, one consumer thread, never more.
 */
typedef struct spsc {
    unsigned char *buf;
    size_t elem, mask;
    _Atomic size_t head;    /* next slot to write: producer only */
    _Atomic size_t tail;    /* next slot to read: consumer only */
} SPSC;

int spsc_init(SPSC *r, size_t elem_size, size_t capacity_pow2);   /* before use */
void spsc_free(SPSC *r);                                          /* after use */
int spsc_push(SPSC *r, const void *item);   /* producer: 0, or -1 when full (never waits) */
int spsc_pop(SPSC *r, void *item);          /* consumer: 1 when an item was read, 0 when empty */
size_t spsc_count(SPSC *r);                 /* either side: items waiting (a snapshot) */
/* Records that use only part of their slot (the command ring: an ENG_EVENT
 * whose unused p-fields need not cross): the producer writes the first len
 * bytes (len ≤ the record size; the rest of the slot is stale), the consumer
 * reads the record in place, knowing its length from its own header. */
int spsc_push_part(SPSC *r, const void *item, size_t len);   /* producer: 0, or -1 when full */
const void *spsc_front(SPSC *r);    /* consumer: the oldest record, in the ring, or NULL when empty */
void spsc_release(SPSC *r);         /* consumer: done with the record spsc_front gave; its slot is free */
/* Runs of items (the --record ring: a period of frames at once) */
int spsc_push_n(SPSC *r, const void *items, size_t n);   /* producer: all n, or -1 and none */
size_t spsc_pop_n(SPSC *r, void *items, size_t max);     /* consumer: up to max; how many were read */
size_t spsc_space(SPSC *r);                              /* producer: free slots (a snapshot) */

#endif
