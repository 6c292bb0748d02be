/* registry.c — collects the family tables once into one sorted index for the compiler. */
#include "registry.h"
#include <stdlib.h>
#include <string.h>
#include <threads.h>

static const OP_DESC **index_;
static int nindex;
static once_flag built = ONCE_FLAG_INIT;

static int cmp(const void *a, const void *b)
{
    const OP_DESC *x = *(const OP_DESC *const *)a, *y = *(const OP_DESC *const *)b;
    int c = strcmp(x->name, y->name);
    if (c) return c;
    return x < y ? -1 : x > y;   /* descriptors of one family stay in table order */
}

static void build(void)
{
    const OP_DESC *tables[] = { op_arith, op_oscil, op_env, op_filter, op_noise, op_io, op_table, op_misc,
                                  op_pluck, op_sample, op_delay, op_vdelayx, op_reverb_units };
    int n = 0;
    for (size_t t = 0; t < sizeof tables / sizeof *tables; t++)
        for (const OP_DESC *d = tables[t]; d->name; d++) n++;
    index_ = malloc(sizeof *index_ * (size_t)n);
    for (size_t t = 0; t < sizeof tables / sizeof *tables; t++)
        for (const OP_DESC *d = tables[t]; d->name; d++) index_[nindex++] = d;
    qsort(index_, (size_t)nindex, sizeof *index_, cmp);
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
