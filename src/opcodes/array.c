/* array.c — array variables: init, fillarray, element get and set, copy, arithmetic, lenarray. */
#include "op.h"
#include <math.h>
#include <stdio.h>

/*
 * The array descriptor (OP_ARRAY, op.h) follows Csound's ARRAYDAT; these
 * opcodes follow Csound 6.18's Opcodes/arrays.c (array_init, tabfill,
 * array_get, array_set, tabcopy, the tabarith family, tablength), rate by
 * rate as its OENTRY rows run them: i-arrays at init only; k-array element
 * reads and writes at perf only (##array_get.k, ##array_set.k), so
 * `kx = kArr[0]` gives 0 at init, as in Csound; whole-array copies and
 * arithmetic on k-arrays shape their result at init and compute at perf.
 * The compiler lowers `kArr[i][j]` to ##array_get / ##array_set with the
 * indices as the variadic tail.
 */

/* A generic array opcode: outputs then inputs, as the call gave them. */
typedef struct { OP h; OP_ARG args[OP_MAXIN + 2]; } ARR;
#define ARGS_ARR OP_ARGS_IN(OP_MAXIN + 2)

#define A(o, i) (((ARR *)(o))->args[i])

/* Bytes per element of the array type letter L (I K A). */
static int elem_bytes(char L, const OP_CTX *c) { return L == 'A' ? (int)sizeof(float) * c->ksmps : (int)sizeof(double); }

/* Csound's MYFLT2LRND: round to nearest. */
static int32_t lrnd(double v) { return op_int(v >= 0 ? floor(v + 0.5) : -floor(-v + 0.5)); }

static int shape_failed(OP *o, OP_CTX *c, int at_init)
{
    if (at_init) return op_initerr(c, o, "array: out of memory (note memory: --memory)");
    op_perferr(c, o, "array: out of memory (note memory: --memory)");
    return -1;
}

/* ---- init, fillarray ---- */

/* kArr[] init n [, m…] — Csound's array_init: a fresh zeroed array. */
static int arr_init(OP *o, OP_CTX *c)
{
    OP_ARRAY *a = A(o, 0).arr;
    int n = o->nin;
    int32_t sizes[OP_ARRAY_MAXDIM];
    if (n == 0) return op_initerr(c, o, "Error: no sizes set for array initialization");
    if (n > OP_ARRAY_MAXDIM) return op_initerr(c, o, "arrays have at most %d dimensions", OP_ARRAY_MAXDIM);
    for (int i = 0; i < n; i++) {
        sizes[i] = lrnd(*A(o, 1 + i).k);
        if (sizes[i] <= 0) return op_initerr(c, o, "Error: sizes must be > 0 for array initialization");
    }
    if (op_array_shape(c, a, n, sizes, elem_bytes(o->desc->out[0], c))) return shape_failed(o, c, 1);
    memset(a->data, 0, (size_t)a->count * (size_t)a->elem);
    return 0;
}

/* Csound's tabfill: a vector of the values (an array already of more
 * dimensions keeps its shape and takes as many as it holds). */
static int fill(OP *o, OP_CTX *c, int at_init)
{
    OP_ARRAY *a = A(o, 0).arr;
    int n = o->nin;
    if (a->dims <= 1) {
        if (n == 0) return 0;
        if (op_array_shape1(c, a, n, sizeof(double))) return shape_failed(o, c, at_init);
    }
    double *d = a->data;
    if (n > a->count) n = a->count;
    for (int i = 0; i < n; i++) d[i] = *A(o, 1 + i).k;
    return 0;
}
static int fill_i(OP *o, OP_CTX *c) { return fill(o, c, 1); }
static void fill_k(OP *o, OP_CTX *c) { fill(o, c, 0); }

/* ---- elements ---- */

/* The flat index of the element named by the n indices at args[first…],
 * or -1 after reporting Csound's message. */
static int32_t flat_index(OP *o, OP_CTX *c, const OP_ARRAY *a, int first, int n, int at_init)
{
    char why[120];
    int32_t at = op_array_index(a, &A(o, first), n, why, sizeof why);
    if (at < 0) {
        if (at_init) op_initerr(c, o, "%s", why);
        else op_perferr(c, o, "%s", why);
    }
    return at;
}

/* x = arr[i…]: args out, arr, indices */
static int get(OP *o, OP_CTX *c, int at_init)
{
    const OP_ARRAY *a = A(o, 1).arr;
    int32_t at = flat_index(o, c, a, 2, o->nin - 1, at_init);
    if (at < 0) return -1;
    if (a->elem == (int)sizeof(double)) *A(o, 0).k = ((const double *)a->data)[at];
    else memcpy(A(o, 0).a, (const char *)a->data + (size_t)at * (size_t)a->elem, (size_t)a->elem);
    return 0;
}
static int get_i(OP *o, OP_CTX *c) { return get(o, c, 1); }
static void get_k(OP *o, OP_CTX *c) { get(o, c, 0); }

/* arr[i…] = x: args arr, value, indices */
static int set(OP *o, OP_CTX *c, int at_init)
{
    OP_ARRAY *a = A(o, 0).arr;
    int32_t at = flat_index(o, c, a, 2, o->nin - 2, at_init);
    if (at < 0) return -1;
    if (a->elem == (int)sizeof(double)) ((double *)a->data)[at] = *A(o, 1).k;
    else memcpy((char *)a->data + (size_t)at * (size_t)a->elem, A(o, 1).a, (size_t)a->elem);
    return 0;
}
static int set_i(OP *o, OP_CTX *c) { return set(o, c, 1); }
static void set_k(OP *o, OP_CTX *c) { set(o, c, 0); }

/* ---- whole arrays ---- */

/* Csound's tabcopy: dst takes src's values, and its shape when their
 * element counts differ. */
static int copy(OP *o, OP_CTX *c, int at_init)
{
    OP_ARRAY *d = A(o, 0).arr;
    const OP_ARRAY *s = A(o, 1).arr;
    if (s == d) return 0;
    if (!s->data || s->dims <= 0) {
        if (at_init) return op_initerr(c, o, "array-variable not initialised");
        op_perferr(c, o, "array-variable not initialised");
        return -1;
    }
    if (d->dims > 0 && d->dims != s->dims) {
        if (at_init) return op_initerr(c, o, "array-variable dimensions do not match");
        op_perferr(c, o, "array-variable dimensions do not match");
        return -1;
    }
    if (d->dims == 0 || d->count != s->count)
        if (op_array_shape(c, d, s->dims, s->sizes, s->elem)) return shape_failed(o, c, at_init);
    memcpy(d->data, s->data, (size_t)s->count * (size_t)s->elem);
    return 0;
}
static int copy_i(OP *o, OP_CTX *c) { return copy(o, c, 1); }
static void copy_k(OP *o, OP_CTX *c) { copy(o, c, 0); }

/* kArr = kval: every element (Csound's scalarset); aArr = asig likewise. */
static int scalar_set(OP *o, OP_CTX *c)
{
    OP_ARRAY *a = A(o, 0).arr;
    if (!a->data) return 0;
    if (a->elem == (int)sizeof(double)) {
        double v = *A(o, 1).k, *d = a->data;
        for (int32_t i = 0; i < a->count; i++) d[i] = v;
    } else {
        for (int32_t i = 0; i < a->count; i++)
            memcpy((char *)a->data + (size_t)i * (size_t)a->elem, A(o, 1).a, (size_t)a->elem);
    }
    return 0;
}
static void scalar_set_k(OP *o, OP_CTX *c) { scalar_set(o, c); }

/* ---- arithmetic ----
 * out = a OP b where either side is an array (Csound's tabadd, tabaiadd,
 * tabiaadd, tabaadd, …): the result takes the array operand's shape at init
 * (two arrays must have the same shape: "Dimensions do not match in array
 * arithmetic"), then each element is computed over the elements both hold. */

enum { AR_ADD, AR_SUB, AR_MUL, AR_DIV, AR_MOD, AR_POW };
typedef struct { OP h; OP_ARG out, a, b; int kind; } ARITH;

static inline double arith(int kind, double x, double y)
{
    switch (kind) {
    case AR_ADD: return x + y;
    case AR_SUB: return x - y;
    case AR_MUL: return x * y;
    case AR_DIV: return x / y;
    case AR_MOD: return fmod(x, y);
    default: return pow(x, y);
    }
}

static int arith_kind(const OP *o)
{
    const char *n = o->desc->name;
    return n[2] == 'a' ? AR_ADD : n[2] == 's' ? AR_SUB : n[2] == 'm' ? (n[3] == 'u' ? AR_MUL : AR_MOD)
         : n[2] == 'd' ? AR_DIV : AR_POW;
}

/* The shaping step: arguments 1 and 2 (outputs first), which are arrays. */
static int arith_shape(OP *o, OP_CTX *c)
{
    ARITH *p = (ARITH *)o;
    const char *in = o->desc->in;
    int la = in[0] >= 'A' && in[0] <= 'Z', lb = in[1] >= 'A' && in[1] <= 'Z';
    const OP_ARRAY *x = la ? p->a.arr : p->b.arr;
    p->kind = arith_kind(o);
    if (!x->data || (la && lb && !p->b.arr->data)) return op_initerr(c, o, "array-variable not initialised");
    if (la && lb) {
        const OP_ARRAY *y = p->b.arr;
        int same = x->dims == y->dims;
        for (int i = 0; same && i < x->dims; i++) same = x->sizes[i] == y->sizes[i];
        if (!same) return op_initerr(c, o, "Dimensions do not match in array arithmetic");
    }
    if (p->out.arr != x && (p->out.arr->dims != x->dims || p->out.arr->count != x->count || !p->out.arr->data))
        if (op_array_shape(c, p->out.arr, x->dims, x->sizes, elem_bytes(o->desc->out[0], c))) return shape_failed(o, c, 1);
    return 0;
}

/* k- and i-arrays: array OP array, array OP scalar, scalar OP array. */
static void arith_kk(OP *o, OP_CTX *c)
{
    ARITH *p = (ARITH *)o;
    const char *in = o->desc->in;
    double *r = p->out.arr->data;
    int32_t n = p->out.arr->count;
    if (!r) return;
    if (in[0] >= 'A' && in[1] >= 'A' && in[0] <= 'Z' && in[1] <= 'Z') {
        const double *x = p->a.arr->data, *y = p->b.arr->data;
        if (p->a.arr->count < n) n = p->a.arr->count;
        if (p->b.arr->count < n) n = p->b.arr->count;
        for (int32_t i = 0; i < n; i++) r[i] = arith(p->kind, x[i], y[i]);
    } else if (in[0] >= 'A' && in[0] <= 'Z') {
        const double *x = p->a.arr->data;
        double y = *p->b.k;
        if (p->a.arr->count < n) n = p->a.arr->count;
        for (int32_t i = 0; i < n; i++) r[i] = arith(p->kind, x[i], y);
    } else {
        double x = *p->a.k;
        const double *y = p->b.arr->data;
        if (p->b.arr->count < n) n = p->b.arr->count;
        for (int32_t i = 0; i < n; i++) r[i] = arith(p->kind, x, y[i]);
    }
}
static int arith_ii(OP *o, OP_CTX *c)
{
    if (arith_shape(o, c)) return -1;
    arith_kk(o, c);
    return 0;
}

/* a-arrays: each element a block; the other operand an a-array, a block,
 * or a k scalar. */
static void arith_aa(OP *o, OP_CTX *c)
{
    ARITH *p = (ARITH *)o;
    const char *in = o->desc->in;
    const int ks = c->ksmps;
    float *r = p->out.arr->data;
    int32_t n = p->out.arr->count;
    if (!r) return;
    int xa = in[0] == 'A', ya = in[1] == 'A';
    if (xa && p->a.arr->count < n) n = p->a.arr->count;
    if (ya && p->b.arr->count < n) n = p->b.arr->count;
    for (int32_t e = 0; e < n; e++) {
        float *re = r + (size_t)e * (size_t)ks;
        const float *xs = xa ? (const float *)p->a.arr->data + (size_t)e * (size_t)ks : in[0] == 'a' ? p->a.a : NULL;
        const float *ys = ya ? (const float *)p->b.arr->data + (size_t)e * (size_t)ks : in[1] == 'a' ? p->b.a : NULL;
        double xk = xs ? 0 : *p->a.k, yk = ys ? 0 : *p->b.k;
        for (int i = 0; i < ks; i++)
            re[i] = (float)arith(p->kind, xs ? xs[i] : xk, ys ? ys[i] : yk);
    }
}

#define ARITH_ROWS(NAME)                                                                 \
    { NAME, "D", "DD", sizeof(ARITH), arith_ii, NULL, OP_ARGS_IN(3), NULL, NULL },        \
    { NAME, "D", "Di", sizeof(ARITH), arith_ii, NULL, OP_ARGS_IN(3), NULL, NULL },        \
    { NAME, "D", "iD", sizeof(ARITH), arith_ii, NULL, OP_ARGS_IN(3), NULL, NULL },        \
    { NAME, "K", "KK", sizeof(ARITH), arith_shape, arith_kk, OP_ARGS_IN(3), NULL, NULL }, \
    { NAME, "K", "Kk", sizeof(ARITH), arith_shape, arith_kk, OP_ARGS_IN(3), NULL, NULL }, \
    { NAME, "K", "kK", sizeof(ARITH), arith_shape, arith_kk, OP_ARGS_IN(3), NULL, NULL }, \
    { NAME, "A", "AA", sizeof(ARITH), arith_shape, arith_aa, OP_ARGS_IN(3), NULL, NULL }, \
    { NAME, "A", "Ak", sizeof(ARITH), arith_shape, arith_aa, OP_ARGS_IN(3), NULL, NULL }, \
    { NAME, "A", "kA", sizeof(ARITH), arith_shape, arith_aa, OP_ARGS_IN(3), NULL, NULL }, \
    { NAME, "A", "Aa", sizeof(ARITH), arith_shape, arith_aa, OP_ARGS_IN(3), NULL, NULL }, \
    { NAME, "A", "aA", sizeof(ARITH), arith_shape, arith_aa, OP_ARGS_IN(3), NULL, NULL }

/* ---- lenarray ---- */

/* Csound's tablength: the size of dimension idim (1-based), the number of
 * dimensions for idim <= 0, -1 past the last. */
static int len_i(OP *o, OP_CTX *c)
{
    const OP_ARRAY *a = A(o, 1).arr;
    int d = op_int(*A(o, 2).k);
    *A(o, 0).k = d > a->dims ? -1.0 : d <= 0 ? (double)a->dims : (double)a->sizes[d - 1];
    return 0;
}
static void len_k(OP *o, OP_CTX *c) { len_i(o, c); }

/* ---- reshaping ---- */

/* trim_i arr, isize / trim arr, ksize: a vector's length (Csound's trim_i,
 * trim): at init it may grow; at perf only within what was reserved. */
static int trim_run(OP *o, OP_CTX *c, int at_init)
{
    OP_ARRAY *a = A(o, 0).arr;
    int n = op_int(*A(o, 1).k);
    int elem = a->elem ? a->elem : elem_bytes(o->desc->in[0], c);
    if (n <= 0) return 0;
    if (!at_init) {
        size_t need = (size_t)n * (size_t)elem;
        if (!a->data || a->dims == 0) {
            op_perferr(c, o, "Array not initialised");
            return -1;
        }
        if (need > a->allocated) {
            op_perferr(c, o, "Array too small (allocated %zu < needed %zu), but cannot allocate during performance "
                       "pass. Allocate a bigger array at init time", a->allocated, need);
            return -1;
        }
    }
    int32_t sizes[OP_ARRAY_MAXDIM];
    int dims = a->dims ? a->dims : 1;
    for (int i = 0; i < dims; i++) sizes[i] = i ? a->sizes[i] : n;
    if (op_array_shape(c, a, dims, sizes, elem)) return shape_failed(o, c, at_init);
    return 0;
}
static int trim_i(OP *o, OP_CTX *c) { return trim_run(o, c, 1); }
static void trim_k(OP *o, OP_CTX *c) { trim_run(o, c, 0); }

/* reshapearray arr, irows [, icols]: the same elements as rows × cols, or a
 * vector when icols is 0 (emugens.c's arrayreshape) */
static int reshape(OP *o, OP_CTX *c)
{
    OP_ARRAY *a = A(o, 0).arr;
    int rows = op_int(*A(o, 1).k), cols = op_int(*A(o, 2).k);
    if (rows < 0 || cols < 0) return op_initerr(c, o, "reshapearray: neither numcols nor numrows can be negative");
    if (a->dims > 2) return op_initerr(c, o, "Arrays of more than 2 dimensions are not supported yet");
    int n2 = rows * (cols > 0 ? cols : 1);
    if (a->count != n2)
        return op_initerr(c, o, "reshapearray: The number of items do not match.The array has %d elements, but the "
                          "new shaperesults in %d total elements", a->count, n2);
    int32_t sizes[2] = { rows, cols };
    return op_array_shape(c, a, cols ? 2 : 1, sizes, a->elem) ? shape_failed(o, c, 1) : 0;
}

/* kout[] getrow kin[][], krow / getcol: a row or column of a 2-D array (Csound's rows_*, cols_*) */
static int rowcol(OP *o, OP_CTX *c, int at_init)
{
    OP_ARRAY *out = A(o, 0).arr;
    const OP_ARRAY *in = A(o, 1).arr;
    int col = o->desc->name[3] == 'c';
    if (in->dims != 2) return at_init ? op_initerr(c, o, "in array not 2-dimensional") : -1;
    int len = col ? in->sizes[0] : in->sizes[1];
    int k = op_int(*A(o, 2).k);
    if (out->count != len && op_array_shape1(c, out, len, sizeof(double))) return shape_failed(o, c, at_init);
    if (k < 0 || k >= (col ? in->sizes[1] : in->sizes[0])) {
        if (at_init) return op_initerr(c, o, "requested %s is out of range", col ? "col" : "row");
        op_perferr(c, o, "requested %s is out of range", col ? "col" : "row");
        return -1;
    }
    const double *d = in->data;
    double *r = out->data;
    for (int i = 0; i < len; i++) r[i] = col ? d[(size_t)i * (size_t)in->sizes[1] + (size_t)k] : d[(size_t)k * (size_t)len + (size_t)i];
    return 0;
}
static int rowcol_i(OP *o, OP_CTX *c) { return rowcol(o, c, 1); }
static void rowcol_k(OP *o, OP_CTX *c) { rowcol(o, c, 0); }
static int rowcol_shape(OP *o, OP_CTX *c)
{
    OP_ARRAY *out = A(o, 0).arr;
    const OP_ARRAY *in = A(o, 1).arr;
    if (in->dims != 2) return op_initerr(c, o, "in array not 2-dimensional");
    int len = o->desc->name[3] == 'c' ? in->sizes[0] : in->sizes[1];
    return op_array_shape1(c, out, len, sizeof(double)) ? shape_failed(o, c, 1) : 0;
}

static const OP_DESC op_array[] = {
    { "init", "D", "m", sizeof(ARR), arr_init, NULL, ARGS_ARR, NULL, NULL },
    { "init", "K", "m", sizeof(ARR), arr_init, NULL, ARGS_ARR, NULL, NULL },
    { "init", "A", "m", sizeof(ARR), arr_init, NULL, ARGS_ARR, NULL, NULL },
    { "fillarray", "D", "m", sizeof(ARR), fill_i, NULL, ARGS_ARR, NULL, NULL },
    { "fillarray", "K", "m", sizeof(ARR), fill_i, NULL, ARGS_ARR, NULL, NULL },
    { "fillarray", "K", "z", sizeof(ARR), NULL, fill_k, ARGS_ARR, NULL, NULL },
    /* x = arr[i…]: an i-array with i indices at init, the rest at perf */
    { "##array_get", "i", "Dm", sizeof(ARR), get_i, NULL, ARGS_ARR, NULL, NULL },
    { "##array_get", "k", "Kz", sizeof(ARR), NULL, get_k, ARGS_ARR, NULL, NULL },
    { "##array_get", "a", "Az", sizeof(ARR), NULL, get_k, ARGS_ARR, NULL, NULL },
    /* arr[i…] = x; ##array_init: arr[i…] init x */
    { "##array_set", "", "Dim", sizeof(ARR), set_i, NULL, ARGS_ARR, NULL, NULL },
    { "##array_set", "", "Kkz", sizeof(ARR), NULL, set_k, ARGS_ARR, NULL, NULL },
    { "##array_set", "", "Aaz", sizeof(ARR), NULL, set_k, ARGS_ARR, NULL, NULL },
    { "##array_init", "", "Rim", sizeof(ARR), set_i, NULL, ARGS_ARR, NULL, NULL },
    /* whole-array assignment */
    { "=", "D", "D", sizeof(ARR), copy_i, NULL, OP_ARGS_IN(2), NULL, NULL },
    { "=", "K", "K", sizeof(ARR), copy_i, copy_k, OP_ARGS_IN(2), NULL, NULL },
    { "=", "A", "A", sizeof(ARR), copy_i, copy_k, OP_ARGS_IN(2), NULL, NULL },
    { "=", "K", "k", sizeof(ARR), scalar_set, scalar_set_k, OP_ARGS_IN(2), NULL, NULL },
    { "=", "A", "a", sizeof(ARR), NULL, scalar_set_k, OP_ARGS_IN(2), NULL, NULL },
    ARITH_ROWS("##add"), ARITH_ROWS("##sub"), ARITH_ROWS("##mul"), ARITH_ROWS("##div"),
    ARITH_ROWS("##pow"),   /* no ##mod: 6.18 names its rows ##rem, which `%` never finds */
    { "lenarray", "i", "Rp", sizeof(ARR), len_i, NULL, OP_ARGS_IN(3), NULL, NULL },
    { "lenarray", "k", "Rp", sizeof(ARR), NULL, len_k, OP_ARGS_IN(3), NULL, NULL },
    { "i", "i", "Kz", sizeof(ARR), get_i, NULL, ARGS_ARR, NULL, NULL },   /* i(kArr, i…): an element at init */
    { "trim_i", "", "Ri", sizeof(ARR), trim_i, NULL, OP_ARGS_IN(2), NULL, NULL },
    { "trim", "", "Di", sizeof(ARR), trim_i, NULL, OP_ARGS_IN(2), NULL, NULL },
    { "trim", "", "Rk", sizeof(ARR), NULL, trim_k, OP_ARGS_IN(2), NULL, NULL },
    { "reshapearray", "", "Rio", sizeof(ARR), reshape, NULL, OP_ARGS_IN(3), NULL, NULL },
    { "getrow", "D", "Di", sizeof(ARR), rowcol_i, NULL, OP_ARGS_IN(3), NULL, NULL },
    { "getrow", "K", "Kk", sizeof(ARR), rowcol_shape, rowcol_k, OP_ARGS_IN(3), NULL, NULL },
    { "getcol", "D", "Di", sizeof(ARR), rowcol_i, NULL, OP_ARGS_IN(3), NULL, NULL },
    { "getcol", "K", "Kk", sizeof(ARR), rowcol_shape, rowcol_k, OP_ARGS_IN(3), NULL, NULL },
    OP_END
};

OP_FAMILY(array, "Array opcodes", op_array);
