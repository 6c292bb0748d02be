/* rtalloc.c — an O(1) allocator for the processing thread: two-level segregated fit over one reserved pool. */
#include "rtalloc.h"
#include "memtouch.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/*
 * The algorithm is TLSF, two-level segregated fit (Masmano, Ripoll, Crespo
 * and Real, "TLSF: a new dynamic memory allocator for real-time systems",
 * ECRTS 2004).  It is written here rather than taken from a library because
 * the processing thread needs all of these at once: bounded time in alloc
 * and free (no search through blocks), no lock (one thread owns the pool),
 * no system call after start (malloc may mmap or brk), and memory reserved
 * and touched before processing so it does not fault in a note's init.
 *
 * Free blocks sit in lists by size class: a first level per power of two and
 * SL_COUNT linear steps inside it, with a bitmap per level saying which lists
 * hold blocks.  An allocation rounds its size up to the next class boundary,
 * so any block of the first non-empty class at or above it fits: two bit
 * scans find it.  What is left over is split off as a free block; a freed
 * block merges with its free physical neighbours before going back, so free
 * space never stays cut in pieces next to each other.
 *
 * Every block starts with a header of RTA_ALIGN bytes: the size and a free
 * flag, the block physically below (to merge with it), and while free its
 * list links.  Payloads are multiples of RTA_ALIGN after a header of
 * RTA_ALIGN, so every one is aligned.  A used header ends the pool so merging
 * stops there.
 */

#define ALIGN_LOG2 5                       /* RTA_ALIGN */
#define HDR RTA_ALIGN                      /* header bytes before each payload */
#define SL_LOG2 4
#define SL_COUNT (1 << SL_LOG2)            /* linear classes inside each power of two */
#define FL_SHIFT (ALIGN_LOG2 + SL_LOG2)    /* below 2^9 = 512 bytes: one class per 32 bytes (level 0) */
#define SMALL ((size_t)1 << FL_SHIFT)
#define FL_COUNT 32                        /* levels: sizes below 2^(FL_SHIFT + FL_COUNT - 1) = 2^40 */
#define FREE_BIT ((size_t)1)

typedef struct block {
    size_t size;                /* payload bytes (a multiple of RTA_ALIGN) | FREE_BIT */
    struct block *prev_phys;    /* the block just below; NULL for the first */
    struct block *next_free;    /* list links, meaningful while free */
    struct block *prev_free;
} BLOCK;
_Static_assert(sizeof(BLOCK) <= HDR, "a block header fits in RTA_ALIGN bytes");
_Static_assert(RTA_MAX_POOL < ((size_t)1 << (FL_SHIFT + FL_COUNT - 1)), "the size classes cover the largest pool");

struct rta_pool {
    unsigned char *base;
    size_t size;                /* bytes mapped */
    BLOCK *last;                /* the used header closing the pool */
    uint32_t fl_map;            /* bit f: some list of level f holds a block */
    uint32_t sl_map[FL_COUNT];  /* bit s: list [f][s] holds a block */
    BLOCK *heads[FL_COUNT][SL_COUNT];
    RTA_STATS st;
};

/* AddressSanitizer: payloads of free blocks are poisoned, so a voice that
 * reads or writes memory it gave back (or past its block into a free one) is
 * reported.  The pool's never-used expanse is left alone: poisoning it would
 * write shadow for the whole reservation. */
#if defined(__SANITIZE_ADDRESS__)
#define RTA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RTA_ASAN 1
#endif
#endif
#ifdef RTA_ASAN
void __asan_poison_memory_region(void const volatile *addr, size_t size);
void __asan_unpoison_memory_region(void const volatile *addr, size_t size);
#define POISON(a, n) __asan_poison_memory_region((a), (n))
#define UNPOISON(a, n) __asan_unpoison_memory_region((a), (n))
#else
#define POISON(a, n) ((void)(a), (void)(n))
#define UNPOISON(a, n) ((void)(a), (void)(n))
#endif

static int msb(size_t x) { return (int)(sizeof(unsigned long long) * 8 - 1) - __builtin_clzll((unsigned long long)x); }
static int lsb32(uint32_t x) { return __builtin_ctz(x); }

static size_t bsize(const BLOCK *b) { return b->size & ~FREE_BIT; }
static int is_free(const BLOCK *b) { return (int)(b->size & FREE_BIT); }
static void *payload(BLOCK *b) { return (unsigned char *)b + HDR; }
static BLOCK *header(const void *p) { return (BLOCK *)((unsigned char *)p - HDR); }
static BLOCK *next_phys(BLOCK *b) { return (BLOCK *)((unsigned char *)b + HDR + bsize(b)); }

/* The class of a free block of `size` bytes. */
static void class_of(size_t size, int *fl, int *sl)
{
    if (size < SMALL) {
        *fl = 0;
        *sl = (int)(size >> ALIGN_LOG2);
    } else {
        int m = msb(size);
        *fl = m - FL_SHIFT + 1;
        *sl = (int)((size >> (m - SL_LOG2)) & (SL_COUNT - 1));
    }
}

static void list_insert(RTA_POOL *p, BLOCK *b)
{
    int fl, sl;
    class_of(bsize(b), &fl, &sl);
    BLOCK *h = p->heads[fl][sl];
    b->prev_free = NULL;
    b->next_free = h;
    if (h) h->prev_free = b;
    p->heads[fl][sl] = b;
    p->fl_map |= 1u << fl;
    p->sl_map[fl] |= 1u << sl;
}

static void list_remove(RTA_POOL *p, BLOCK *b)
{
    int fl, sl;
    class_of(bsize(b), &fl, &sl);
    if (b->prev_free) b->prev_free->next_free = b->next_free;
    else p->heads[fl][sl] = b->next_free;
    if (b->next_free) b->next_free->prev_free = b->prev_free;
    if (!p->heads[fl][sl]) {
        p->sl_map[fl] &= ~(1u << sl);
        if (!p->sl_map[fl]) p->fl_map &= ~(1u << fl);
    }
}

/* The first non-empty list whose every block holds `size` bytes: two bit
 * scans.  Failing that, the first block of size's own class, when it is
 * large enough: one more look, so a request as large as the largest free
 * block (the whole pool, say) is not refused for the rounding alone. */
static BLOCK *find_fit(const RTA_POOL *p, size_t size)
{
    size_t up = size >= SMALL ? size + ((size_t)1 << (msb(size) - SL_LOG2)) - 1 : size;   /* the next class */
    int fl, sl;
    class_of(up, &fl, &sl);
    if (fl < FL_COUNT) {
        uint32_t sls = p->sl_map[fl] & (~0u << sl);
        uint32_t fls = fl + 1 < FL_COUNT ? p->fl_map & (~0u << (fl + 1)) : 0;
        if (sls) return p->heads[fl][lsb32(sls)];
        if (fls) return p->heads[lsb32(fls)][lsb32(p->sl_map[lsb32(fls)])];
    }
    class_of(size, &fl, &sl);
    BLOCK *h = fl < FL_COUNT ? p->heads[fl][sl] : NULL;
    return h && bsize(h) >= size ? h : NULL;
}

/* A fresh header at `at` (it may lie in poisoned free space). */
static BLOCK *new_header(void *at)
{
    UNPOISON(at, HDR);
    return at;
}

RTA_POOL *rta_new(size_t bytes, size_t warm, char *err, size_t errlen)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    if (bytes < 4 * HDR) bytes = 4 * HDR;
    if (bytes > RTA_MAX_POOL) {
        snprintf(err, errlen, "note memory of %zu MB is more than the %zu MB the allocator covers", bytes >> 20,
                 RTA_MAX_POOL >> 20);
        return NULL;
    }
    bytes = (bytes + page - 1) / page * page;
    RTA_POOL *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    /* Address space only: MAP_NORESERVE commits no RAM or swap until a page
     * is touched, so a large default costs nothing on a small machine.  Under
     * strict overcommit (vm.overcommit_memory = 2) it is charged in full, and
     * a refusal here asks for a smaller --memory. */
    void *m = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED) {
        snprintf(err, errlen, "cannot reserve %zu MB of note memory: %s (a smaller --memory?)", bytes >> 20,
                 strerror(errno));
        free(p);
        return NULL;
    }
    p->base = m;
    p->size = bytes;
    /* Touch the first part now, from the control thread, so the notes of an
     * ordinary orchestra never take a page fault on the processing thread
     * (allocation favours low addresses: blocks are split off the front of
     * the free space).  Touching all of a large pool would make every run
     * pay for it in start-up time and resident memory whatever it plays;
     * pages past `warm` fault once each, on first use, in a note's init. */
    if (warm > bytes) warm = bytes;
    warm = (warm + page - 1) / page * page;
    if (warm > bytes) warm = bytes;
#ifdef MADV_POPULATE_WRITE
    if (madvise(p->base, warm, MADV_POPULATE_WRITE) != 0)
#endif
        mem_touch(p->base, warm);
    /* best effort: a locked part is never swapped out, but the limit
     * (RLIMIT_MEMLOCK) is often small outside JACK's realtime group */
    p->st.locked = warm > 0 && mlock(p->base, warm) == 0;
    p->st.warm = warm;
    p->st.size = bytes;

    /* one free block, then the closing used header */
    BLOCK *b = new_header(p->base);
    b->size = (bytes - 2 * HDR) | FREE_BIT;
    b->prev_phys = NULL;
    p->last = new_header(next_phys(b));
    p->last->size = 0;
    p->last->prev_phys = b;
    list_insert(p, b);
    return p;
}

void rta_delete(RTA_POOL *p)
{
    if (!p) return;
    munmap(p->base, p->size);
    free(p);
}

void *rta_alloc(RTA_POOL *p, size_t bytes)
{
    if (bytes > RTA_MAX_POOL) goto fail;
    size_t size = bytes ? (bytes + RTA_ALIGN - 1) & ~(size_t)(RTA_ALIGN - 1) : RTA_ALIGN;
    BLOCK *b = find_fit(p, size);
    if (!b) goto fail;
    list_remove(p, b);
    /* split: the rest goes back as a free block when it can hold a payload */
    size_t have = bsize(b);
    if (have - size >= HDR + RTA_ALIGN) {
        BLOCK *r = new_header((unsigned char *)payload(b) + size);
        r->size = (have - size - HDR) | FREE_BIT;
        r->prev_phys = b;
        next_phys(r)->prev_phys = r;
        list_insert(p, r);
        have = size;
    }
    b->size = have;   /* used */
    UNPOISON(payload(b), have);
    p->st.allocs++;
    p->st.used += HDR + have;
    if (p->st.used > p->st.peak) p->st.peak = p->st.used;
    size_t end = (size_t)((unsigned char *)payload(b) + have - p->base);
    if (end > p->st.high) p->st.high = end;
    return payload(b);
fail:
    p->st.failures++;
    return NULL;
}

void rta_free(RTA_POOL *p, void *ptr)
{
    if (!ptr) return;
    unsigned char *c = ptr;
    BLOCK *b = header(ptr);
    if (c < p->base + HDR || c >= (unsigned char *)p->last || ((size_t)(c - p->base) & (RTA_ALIGN - 1)) || is_free(b)) {
        p->st.bad_frees++;
        return;
    }
    p->st.frees++;
    p->st.used -= HDR + bsize(b);
    POISON(ptr, bsize(b));
    b->size |= FREE_BIT;
    BLOCK *prev = b->prev_phys;
    if (prev && is_free(prev)) {   /* b's header becomes payload of prev */
        list_remove(p, prev);
        prev->size += HDR + bsize(b);
        next_phys(prev)->prev_phys = prev;
        POISON(b, HDR);
        b = prev;
    }
    BLOCK *next = next_phys(b);
    if (is_free(next)) {
        list_remove(p, next);
        b->size += HDR + bsize(next);
        next_phys(b)->prev_phys = b;
        POISON(next, HDR);
    }
    list_insert(p, b);
}

size_t rta_usable(const void *ptr) { return bsize(header(ptr)); }

void rta_stats(const RTA_POOL *p, RTA_STATS *st) { *st = p->st; }

size_t rta_largest_free(const RTA_POOL *p)
{
    size_t best = 0;
    if (!p->fl_map) return 0;
    int fl = msb(p->fl_map);
    for (const BLOCK *b = p->heads[fl][msb(p->sl_map[fl])]; b; b = b->next_free)
        if (bsize(b) > best) best = bsize(b);
    return best;
}

int rta_check(const RTA_POOL *p)
{
    int bad = 0;
#define FAULT(...) (bad++, fprintf(stderr, "rta_check: " __VA_ARGS__), fputc('\n', stderr))
    size_t used = 0, nfree = 0;
    const BLOCK *prev = NULL;
    BLOCK *b = (BLOCK *)p->base;
    while (b != p->last) {
        if ((unsigned char *)b < p->base || (unsigned char *)b >= (unsigned char *)p->last) {
            FAULT("block %p outside the pool", (void *)b);
            return bad;
        }
        if (b->prev_phys != prev) FAULT("block %p: prev_phys %p, expected %p", (void *)b, (void *)b->prev_phys, (void *)prev);
        if (bsize(b) == 0 || bsize(b) % RTA_ALIGN) FAULT("block %p: size %zu", (void *)b, bsize(b));
        if (is_free(b)) {
            nfree++;
            if (prev && is_free(prev)) FAULT("blocks %p and %p: two free neighbours not merged", (void *)prev, (void *)b);
            int fl, sl, found = 0;
            class_of(bsize(b), &fl, &sl);
            for (const BLOCK *f = p->heads[fl][sl]; f && !found; f = f->next_free) found = f == b;
            if (!found) FAULT("free block %p (%zu bytes) is not in its list [%d][%d]", (void *)b, bsize(b), fl, sl);
        } else {
            used += HDR + bsize(b);
        }
        prev = b;
        b = next_phys(b);
    }
    if (p->last->prev_phys != prev) FAULT("the closing header's prev_phys is wrong");
    if (used != p->st.used) FAULT("used %zu, counted %zu", p->st.used, used);
    size_t listed = 0;
    for (int fl = 0; fl < FL_COUNT; fl++) {
        if (!!(p->fl_map & (1u << fl)) != !!p->sl_map[fl]) FAULT("fl_map bit %d disagrees with sl_map", fl);
        for (int sl = 0; sl < SL_COUNT; sl++) {
            const BLOCK *h = p->heads[fl][sl];
            if (!!(p->sl_map[fl] & (1u << sl)) != !!h) FAULT("sl_map bit [%d][%d] disagrees with its list", fl, sl);
            for (const BLOCK *f = h; f; f = f->next_free) {
                int cf, cs;
                class_of(bsize(f), &cf, &cs);
                if (!is_free(f) || cf != fl || cs != sl) FAULT("block %p in list [%d][%d] is used or of another class", (void *)f, fl, sl);
                if (f->next_free && f->next_free->prev_free != f) FAULT("list [%d][%d]: broken back link", fl, sl);
                if (++listed > p->size / (2 * HDR)) { FAULT("list [%d][%d] loops", fl, sl); return bad; }
            }
        }
    }
    if (listed != nfree) FAULT("%zu free blocks, %zu in lists", nfree, listed);
#undef FAULT
    return bad;
}
