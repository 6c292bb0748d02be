/* rtalloc.h — bounded-time memory for the processing thread: a two-level segregated-fit pool reserved at start. */
#ifndef ONDES_RTALLOC_H
#define ONDES_RTALLOC_H

#include <stddef.h>
#include <stdint.h>

/*
 * One pool per engine, from which voices take their memory while processing
 * runs (their arena image and what opcodes ask for with op_alloc).  rta_alloc
 * and rta_free take bounded time whatever the pool holds: no loop over
 * blocks, no lock, no system call.
 *
 * Threads: the pool is not thread-safe.  It belongs to the control thread
 * until processing starts (rta_new, instr 0's code), then to the processing
 * thread alone, and to the control thread again once processing has stopped
 * (rta_stats, rta_delete).  Nothing here waits, so that is all it needs.
 */

#define RTA_ALIGN 32                            /* every block is aligned so (a-rate blocks are) */
#define RTA_MAX_POOL ((size_t)1 << 39)          /* 512 GiB: the largest pool (and block) the size classes cover */

typedef struct rta_pool RTA_POOL;

typedef struct rta_stats {
    size_t size;            /* bytes the pool spans */
    size_t warm;            /* bytes touched (faulted in) at start; locked too when `locked` */
    int locked;             /* mlock of the warm part succeeded */
    size_t used;            /* bytes in allocated blocks, their headers included */
    size_t peak;            /* the most `used` ever was */
    size_t high;            /* the highest offset ever handed out: past `warm`, the processing
                               thread took page faults to reach it (once per page) */
    int64_t allocs, frees;
    int64_t failures;       /* rta_alloc calls that returned NULL */
    int64_t bad_frees;      /* rta_free of a pointer that was not allocated (ignored) */
} RTA_STATS;

/* Reserve a pool of `bytes` (rounded up to whole pages, at most RTA_MAX_POOL)
 * and touch the first `warm` bytes, locking them in RAM when the system
 * allows (see rtalloc.c for why not all of it).  Control thread.  Returns
 * NULL with a message in err when the address space cannot be had. */
RTA_POOL *rta_new(size_t bytes, size_t warm, char *err, size_t errlen);
void rta_delete(RTA_POOL *p);

/* `bytes` of memory aligned to RTA_ALIGN, not zeroed; NULL when no free
 * block is large enough.  The owner thread; O(1). */
void *rta_alloc(RTA_POOL *p, size_t bytes);
/* Give back a block from rta_alloc (NULL is ignored); merges it with free
 * neighbours.  The owner thread; O(1). */
void rta_free(RTA_POOL *p, void *ptr);
/* The bytes a block really holds (its request rounded up). */
size_t rta_usable(const void *ptr);

/* Counters and sizes.  The owner thread; O(1). */
void rta_stats(const RTA_POOL *p, RTA_STATS *st);
/* The largest request rta_alloc can satisfy now.  The owner thread; it reads
 * the one size class that holds the largest free blocks (usually one). */
size_t rta_largest_free(const RTA_POOL *p);

/* Walk every block and check the pool's invariants (tests; O(blocks)).
 * Returns 0, or the number of problems found (described on stderr). */
int rta_check(const RTA_POOL *p);

#endif
