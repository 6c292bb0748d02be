/* memtouch.h — fault memory's pages in now, on a control thread, so the audio thread never takes the page faults. */
#ifndef ONDES_MEMTOUCH_H
#define ONDES_MEMTOUCH_H

#include <stddef.h>
#include <unistd.h>

/*
 * Why: large calloc/malloc blocks are fresh zero pages the kernel maps on
 * first write; a ring, a queue or a pool first written on the audio thread
 * then stalls it once per page.  A memset(0) right after calloc does not
 * help: compilers fold it into the calloc.  One volatile write per page
 * cannot be folded.  Control thread, before processing starts.
 */
static inline void mem_touch(void *p, size_t n)
{
    long page = sysconf(_SC_PAGESIZE);
    size_t step = page > 0 ? (size_t)page : 4096;
    for (size_t i = 0; i < n; i += step) ((volatile unsigned char *)p)[i] = 0;
}

#endif
