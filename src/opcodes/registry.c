/* registry.c — collects the family tables once into one sorted index for the compiler. */
#include "registry.h"
#include <stdlib.h>
#include <string.h>
#include <threads.h>

/* families.inc is made by the build from the OP_FAMILY lines of the family
 * files (Makefile.am), so a family registers itself: FAMILY(name) each. */
#define FAMILY(NAME) extern const OP_FAMILY_DESC op_family_##NAME;
#include "families.inc"
#undef FAMILY

static const OP_FAMILY_DESC *const families[] = {
#define FAMILY(NAME) &op_family_##NAME,
#include "families.inc"
#undef FAMILY
};
#define NFAMILIES (sizeof families / sizeof *families)

typedef struct { const OP_DESC *d; const OP_FAMILY_DESC *f; } ENTRY;
static ENTRY *entries;
static const OP_DESC **index_;
static int nindex;
static once_flag built = ONCE_FLAG_INIT;

static int cmp(const void *a, const void *b)
{
    const ENTRY *x = a, *y = b;
    int c = strcmp(x->d->name, y->d->name);
    if (c) return c;
    return x->d < y->d ? -1 : x->d > y->d;   /* descriptors of one family stay in table order */
}

static void build(void)
{
    int n = 0;
    for (size_t f = 0; f < NFAMILIES; f++)
        for (const OP_DESC *d = families[f]->ops; d->name; d++) n++;
    entries = malloc(sizeof *entries * (size_t)n);
    index_ = malloc(sizeof *index_ * (size_t)n);
    if (!entries || !index_) abort();   /* at start-up, a few KB: nothing can run without it */
    for (size_t f = 0; f < NFAMILIES; f++)
        for (const OP_DESC *d = families[f]->ops; d->name; d++) entries[nindex++] = (ENTRY){ d, families[f] };
    qsort(entries, (size_t)nindex, sizeof *entries, cmp);
    for (int i = 0; i < nindex; i++) index_[i] = entries[i].d;
}

const OP_DESC *const *op_lookup(const char *name, int *n)
{
    call_once(&built, build);
    int lo = 0, hi = nindex;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (strcmp(index_[mid]->name, name) < 0) lo = mid + 1;
        else hi = mid;
    }
    int k = lo;
    while (k < nindex && strcmp(index_[k]->name, name) == 0) k++;
    *n = k - lo;
    return *n ? index_ + lo : NULL;
}

const OP_DESC *const *op_all(int *n)
{
    call_once(&built, build);
    *n = nindex;
    return index_;
}

const OP_FAMILY_DESC *const *op_families(int *n)
{
    *n = (int)NFAMILIES;
    return families;
}

const OP_FAMILY_DESC *op_family_of(const OP_DESC *d)
{
    call_once(&built, build);
    for (int i = 0; i < nindex; i++)
        if (entries[i].d == d) return entries[i].f;
    return NULL;
}
