/* array_math.c — arrays combined element by element (fmax, fmin, fmod, hypot, pow, taninv) and reduced (dot, product, sum). */
#include "op.h"
#include <math.h>

/*
 * As Csound 6.18's Opcodes/arrayops.cpp: ArrayOp2 (kout[] op kin1[], kin2[]:
 * as many elements as the first input, the second at least as long) and
 * Accum / Dot (one value from the vectors' sizes[0] elements).  The i forms
 * run at init, the k forms shape at init and compute at perf.
 */

typedef struct { OP h; OP_ARG out, a, b; } AM;

static double (*fn2(const char *name))(double, double)
{
    switch (name[0]) {
    case 'h': return hypot;
    case 'p': return pow;
    case 't': return atan2;
    default: return name[3] == 'x' ? fmax : name[3] == 'n' ? fmin : fmod;
    }
}

static int op2_shape(OP *o, OP_CTX *c)
{
    AM *p = (AM *)o;
    const OP_ARRAY *a = p->a.arr, *b = p->b.arr;
    if (!a->data || !b->data) return op_initerr(c, o, "array-variable not initialised");
    if (b->sizes[0] < a->sizes[0]) return op_initerr(c, o, "second input array is too short");
    if ((!p->out.arr->data || p->out.arr->count != a->sizes[0]) && op_array_shape1(c, p->out.arr, a->sizes[0], sizeof(double)))
        return op_initerr(c, o, "array: out of memory (note memory: --memory)");
    return 0;
}

static void op2_k(OP *o, OP_CTX *c)
{
    AM *p = (AM *)o;
    double (*f)(double, double) = fn2(o->desc->name);
    const double *x = p->a.arr->data, *y = p->b.arr->data;
    double *r = p->out.arr->data;
    int n = p->a.arr->sizes[0];
    if (!r || n > p->out.arr->count || n > p->b.arr->count) return;
    for (int i = 0; i < n; i++) r[i] = f(x[i], y[i]);
}

static int op2_i(OP *o, OP_CTX *c)
{
    if (op2_shape(o, c)) return -1;
    op2_k(o, c);
    return 0;
}

/* dot, product, sum */
static int reduce(OP *o, OP_CTX *c, int at_init)
{
    AM *p = (AM *)o;
    const OP_ARRAY *a = p->a.arr;
    if (!a->data) {
        if (at_init) return op_initerr(c, o, "array-variable not initialised");
        op_perferr(c, o, "array-variable not initialised");
        return -1;
    }
    const double *x = a->data;
    int n = a->sizes[0];
    double r;
    if (o->desc->name[0] == 'd') {
        const double *y = p->b.arr->data;
        if (!y || p->b.arr->count < n) n = y ? p->b.arr->count : 0;
        r = 0;
        for (int i = 0; i < n; i++) r += x[i] * y[i];
    } else if (o->desc->name[0] == 'p') {
        r = 1;
        for (int i = 0; i < n; i++) r *= x[i];
    } else {
        r = 0;
        for (int i = 0; i < n; i++) r += x[i];
    }
    *p->out.k = r;
    return 0;
}
static int reduce_i(OP *o, OP_CTX *c) { return reduce(o, c, 1); }
static void reduce_k(OP *o, OP_CTX *c) { reduce(o, c, 0); }

#define OP2_ROWS(NAME) \
    { NAME, "D", "DD", sizeof(AM), op2_i, NULL, OP_ARGS_IN(3), NULL, NULL }, \
    { NAME, "K", "KK", sizeof(AM), op2_shape, op2_k, OP_ARGS_IN(3), NULL, NULL }

static const OP_DESC op_array_math[] = {
    OP2_ROWS("fmax"), OP2_ROWS("fmin"), OP2_ROWS("fmod"), OP2_ROWS("hypot"), OP2_ROWS("pow"),
    OP2_ROWS("taninv"),
    { "dot", "i", "DD", sizeof(AM), reduce_i, NULL, OP_ARGS_IN(3), NULL, NULL },
    { "dot", "k", "KK", sizeof(AM), NULL, reduce_k, OP_ARGS_IN(3), NULL, NULL },
    { "product", "i", "D", sizeof(AM), reduce_i, NULL, OP_ARGS_IN(3), NULL, NULL },
    { "product", "k", "K", sizeof(AM), NULL, reduce_k, OP_ARGS_IN(3), NULL, NULL },
    { "sum", "i", "D", sizeof(AM), reduce_i, NULL, OP_ARGS_IN(3), NULL, NULL },
    { "sum", "k", "K", sizeof(AM), NULL, reduce_k, OP_ARGS_IN(3), NULL, NULL },
    OP_END
};

OP_FAMILY(array_math, "Array opcodes", op_array_math);
