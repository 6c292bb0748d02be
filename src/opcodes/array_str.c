/* array_str.c — string arrays (S[]): init, fillarray, element get and set, copy, printarray. */
#include "op.h"
#include <stdio.h>

/*
 * An S[] array's elements are OP_STRs (Csound's STRINGDAT), each pointing at
 * its own buffer.  A buffer is taken with op_alloc_for on the array's
 * descriptor, so it lives as long as the array (the note's for a local, the
 * engine's for gSArr[]); a longer string takes a new one at least twice as
 * big (constant time, init or perf), the old one kept until then.  Rates as
 * Csound 6.18 runs them: init.S, fillarray.s at init; an element read or
 * written at init with i indices (##array_get.x, ##array_set.i), at perf with
 * k ones; printarray prints at perf (Opcodes/emugens/emugens.c's
 * arrprint_str).
 */

typedef struct { OP h; OP_ARG args[OP_MAXIN + 2]; } SARR;
#define SA(o, i) (((SARR *)(o))->args[i])
#define ARGS_SARR OP_ARGS_IN(OP_MAXIN + 2)

static char empty_str[1];

static int fail(OP *o, OP_CTX *c, int at_init, const char *why)
{
    if (at_init) return op_initerr(c, o, "%s", why);
    op_perferr(c, o, "%s", why);
    return -1;
}

/* Shape a as a string array (every element ""). */
static int shape_str(OP *o, OP_CTX *c, OP_ARRAY *a, int dims, const int32_t *sizes, int at_init)
{
    if (op_array_shape(c, a, dims, sizes, (int)sizeof(OP_STR))) return fail(o, c, at_init, "array: out of memory (note memory: --memory)");
    OP_STR *e = a->data;
    for (int i = 0; i < a->count; i++) {
        if (!e[i].data) { e[i].data = empty_str; e[i].size = 0; }
        else if (e[i].size > 0) e[i].data[0] = 0;
    }
    return 0;
}

/* SArr[] init n [, m…] */
static int sinit(OP *o, OP_CTX *c)
{
    int32_t sizes[OP_ARRAY_MAXDIM];
    int n = o->nin;
    if (n == 0) return op_initerr(c, o, "Error: no sizes set for array initialization");
    if (n > OP_ARRAY_MAXDIM) return op_initerr(c, o, "arrays have at most %d dimensions", OP_ARRAY_MAXDIM);
    for (int i = 0; i < n; i++) {
        double v = *SA(o, 1 + i).k;
        sizes[i] = op_int(v >= 0 ? v + 0.5 : v - 0.5);
        if (sizes[i] <= 0) return op_initerr(c, o, "Error: sizes must be > 0 for array initialization");
    }
    return shape_str(o, c, SA(o, 0).arr, n, sizes, 1);
}

/* SArr[] fillarray "a", "b", … */
static int sfill(OP *o, OP_CTX *c)
{
    OP_ARRAY *a = SA(o, 0).arr;
    int n = o->nin;
    for (int i = 0; i < n; i++)
        if (!op_iss(o, 1 + i)) return op_initerr(c, o, "fillarray: argument %d of a string array must be a string", i + 1);
    if (a->dims <= 1) {
        int32_t s = n;
        if (n == 0) return 0;
        if (shape_str(o, c, a, 1, &s, 1)) return -1;
    }
    if (n > a->count) n = a->count;
    for (int i = 0; i < n; i++)
        if (op_array_str_set(c, a, (OP_STR *)a->data + i, SA(o, 1 + i).str->data))
            return op_initerr(c, o, "array: out of memory (note memory: --memory)");
    return 0;
}

/* The element the indices at args[first…] name, or NULL after Csound's message. */
static OP_STR *elem_at(OP *o, OP_CTX *c, const OP_ARRAY *a, int first, int n, int at_init)
{
    char why[120];
    int32_t at = op_array_index(a, &SA(o, first), n, why, sizeof why);
    if (at < 0) {
        fail(o, c, at_init, why);
        return NULL;
    }
    return (OP_STR *)a->data + at;
}

/* Sx = SArr[i…] */
static int sget(OP *o, OP_CTX *c, int at_init)
{
    OP_STR *e = elem_at(o, c, SA(o, 1).arr, 2, o->nin - 1, at_init);
    if (!e) return -1;
    if (op_str_set(c, SA(o, 0).str, e->data)) return fail(o, c, at_init, "string: out of memory (note memory: --memory)");
    return 0;
}
static int sget_i(OP *o, OP_CTX *c) { return sget(o, c, 1); }
static void sget_k(OP *o, OP_CTX *c) { sget(o, c, 0); }

/* SArr[i…] = Sx */
static int sset(OP *o, OP_CTX *c, int at_init)
{
    OP_ARRAY *a = SA(o, 0).arr;
    OP_STR *e = elem_at(o, c, a, 2, o->nin - 2, at_init);
    if (!e) return -1;
    if (op_array_str_set(c, a, e, SA(o, 1).str->data)) return fail(o, c, at_init, "array: out of memory (note memory: --memory)");
    return 0;
}
static int sset_i(OP *o, OP_CTX *c) { return sset(o, c, 1); }
static void sset_k(OP *o, OP_CTX *c) { sset(o, c, 0); }

/* SArr2 = SArr1: shape and strings copied (Csound's tabcopy) */
static int scopy(OP *o, OP_CTX *c, int at_init)
{
    OP_ARRAY *d = SA(o, 0).arr;
    const OP_ARRAY *s = SA(o, 1).arr;
    if (s == d) return 0;
    if (!s->data || s->dims <= 0) return fail(o, c, at_init, "array-variable not initialised");
    if (d->dims > 0 && d->dims != s->dims) return fail(o, c, at_init, "array-variable dimensions do not match");
    if ((d->dims == 0 || d->count != s->count) && shape_str(o, c, d, s->dims, s->sizes, at_init)) return -1;
    for (int i = 0; i < s->count; i++)
        if (op_array_str_set(c, d, (OP_STR *)d->data + i, ((const OP_STR *)s->data)[i].data))
            return fail(o, c, at_init, "array: out of memory (note memory: --memory)");
    return 0;
}
static int scopy_i(OP *o, OP_CTX *c) { return scopy(o, c, 1); }
static void scopy_k(OP *o, OP_CTX *c) { scopy(o, c, 0); }

static int slen_i(OP *o, OP_CTX *c)
{
    const OP_ARRAY *a = SA(o, 1).arr;
    int d = op_int(*SA(o, 2).k);
    *SA(o, 0).k = d > a->dims ? -1.0 : d <= 0 ? (double)a->dims : (double)a->sizes[d - 1];
    return 0;
}
static void slen_k(OP *o, OP_CTX *c) { slen_i(o, c); }

/* printarray SArr [, ktrig] [, Sfmt [, Slabel]]: "%s"-quoted (default)
 * elements joined by ", ", a line ended once it reaches 80 characters */
typedef struct { OP h; OP_ARG args[5]; char fmt[64]; int labelarg, trigarg, lasttrig; } SPRINT;

static int sprint_init(OP *o, OP_CTX *c)
{
    SPRINT *p = (SPRINT *)o;
    const char *in = o->desc->in;
    int argi = 1;
    p->trigarg = in[1] == 'k' || in[1] == 'J' ? argi++ : 0;
    const char *f = in[argi] == 'S' ? p->args[argi++].str->data : NULL;
    p->labelarg = in[argi] == 'S' ? argi : 0;
    if (p->args[0].arr->dims > 1) return op_initerr(c, o, "cannot print multidimensional string arrays");
    if (!f || strlen(f) < 2) f = "\"%s\"";
    /* one %s and nothing else that printf would read */
    int conv = 0;
    for (const char *q = f; *q; q++)
        if (*q == '%') {
            if (q[1] == '%') { q++; continue; }
            q++;
            while (*q == '-' || (*q >= '0' && *q <= '9') || *q == '.') q++;
            if (*q != 's') return op_initerr(c, o, "printarray: the format of a string array must print one %%s");
            conv++;
        }
    if (conv != 1 || strlen(f) >= sizeof p->fmt) return op_initerr(c, o, "printarray: the format of a string array must print one %%s");
    memcpy(p->fmt, f, strlen(f) + 1);
    p->lasttrig = 0;
    return 0;
}

static void sprint_perf(OP *o, OP_CTX *c)
{
    SPRINT *p = (SPRINT *)o;
    int trig = p->trigarg ? op_int(*p->args[p->trigarg].k) : -1;
    if (trig < 0 || (trig > 0 && p->lasttrig <= 0)) {
        const OP_ARRAY *a = p->args[0].arr;
        char line[1024 + 600];
        int n = 0;
        if (p->labelarg) op_msg(c, "%s\n", p->args[p->labelarg].str->data);
        for (int i = 0; a->data && i < a->sizes[0]; i++) {
            if (n > 0) { line[n++] = ','; line[n++] = ' '; }
            int w = snprintf(line + n, 600, p->fmt, ((const OP_STR *)a->data)[i].data);
            n += w < 600 ? w : 599;
            if (n >= 80) {
                line[n] = 0;
                op_msg(c, " %s\n", line);
                n = 0;
            }
        }
        if (n > 0) {
            line[n] = 0;
            op_msg(c, " %s\n", line);
        }
    }
    p->lasttrig = trig;
}

static const OP_DESC op_array_str[] = {
    { "init", "Q", "m", sizeof(SARR), sinit, NULL, ARGS_SARR, NULL, NULL },
    { "fillarray", "Q", "N", sizeof(SARR), sfill, NULL, ARGS_SARR, NULL, NULL },
    { "##array_get", "S", "Qm", sizeof(SARR), sget_i, NULL, ARGS_SARR, NULL, NULL },
    { "##array_get", "S", "Qz", sizeof(SARR), NULL, sget_k, ARGS_SARR, NULL, NULL },
    { "##array_set", "", "QSm", sizeof(SARR), sset_i, NULL, ARGS_SARR, NULL, NULL },
    { "##array_set", "", "QSz", sizeof(SARR), NULL, sset_k, ARGS_SARR, NULL, NULL },
    { "=", "Q", "Q", sizeof(SARR), scopy_i, scopy_k, OP_ARGS_IN(2), NULL, NULL },
    { "lenarray", "i", "Qp", sizeof(SARR), slen_i, NULL, OP_ARGS_IN(3), NULL, NULL },
    { "lenarray", "k", "Qp", sizeof(SARR), NULL, slen_k, OP_ARGS_IN(3), NULL, NULL },
    { "printarray", "", "QJ", sizeof(SPRINT), sprint_init, sprint_perf, OP_ARGS_IN(5), NULL, NULL },
    { "printarray", "", "QkS", sizeof(SPRINT), sprint_init, sprint_perf, OP_ARGS_IN(5), NULL, NULL },
    { "printarray", "", "QS", sizeof(SPRINT), sprint_init, sprint_perf, OP_ARGS_IN(5), NULL, NULL },
    { "printarray", "", "QSS", sizeof(SPRINT), sprint_init, sprint_perf, OP_ARGS_IN(5), NULL, NULL },
    OP_END
};

OP_FAMILY(array_str, "Array opcodes", op_array_str);
