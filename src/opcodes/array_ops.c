/* array_ops.c — the manual's array opcodes: max/min/sum, scale, sort, slice, generate, table copies, print, functions. */
#include "op.h"
#include <math.h>
#include <stdio.h>

/*
 * Each follows Csound 6.18: maxarray, minarray, sumarray, scalearray,
 * slicearray, genarray, copyf2array, copya2ftab as Opcodes/arrays.c's tabmax,
 * tabmin, tabsum, tabscale, tabslice, tabgen, ftab2tab, tab2ftab; sorta,
 * sortd and the array forms of abs, sqrt, … as Opcodes/arrayops.cpp;
 * tab2array and printarray as Opcodes/emugens/emugens.c.  Csound's quirks
 * are kept where they change results: maxarray, minarray and copya2ftab
 * count the elements of a many-dimensional array as the sum of its sizes,
 * log2 of an array is its log10, int of a k-array runs at init only.
 */

typedef struct { OP h; OP_ARG args[8]; } AO;
#define ARG(o, i) (((AO *)(o))->args[i])
#define ARGS8 OP_ARGS_IN(8)

/* Csound's "array-variable not initialised", at init or perf. */
static int uninit(OP *o, OP_CTX *c, int at_init)
{
    if (at_init) return op_initerr(c, o, "array-variable not initialised");
    op_perferr(c, o, "array-variable not initialised");
    return -1;
}

static int sum_of_sizes(const OP_ARRAY *a)
{
    int n = 0;
    for (int i = 0; i < a->dims; i++) n += a->sizes[i];
    return n;
}

/* ---- maxarray, minarray, sumarray ---- */

/* kmax [, kidx] maxarray karr (the index output optional) */
static int extreme(OP *o, OP_CTX *c, int at_init, int want_max)
{
    const OP_ARRAY *a = ARG(o, o->nout).arr;
    if (!a->data) return uninit(o, c, at_init);
    const double *d = a->data;
    int n = sum_of_sizes(a), pos = 0;
    double v = d[0];
    for (int i = 1; i < n && i < a->count; i++)
        if (want_max ? d[i] > v : d[i] < v) {
            v = d[i];
            pos = i;
        }
    *ARG(o, 0).k = v;
    if (o->nout > 1) *ARG(o, 1).k = pos;
    return 0;
}
static int max_i(OP *o, OP_CTX *c) { return extreme(o, c, 1, 1); }
static void max_k(OP *o, OP_CTX *c) { extreme(o, c, 0, 1); }
static int min_i(OP *o, OP_CTX *c) { return extreme(o, c, 1, 0); }
static void min_k(OP *o, OP_CTX *c) { extreme(o, c, 0, 0); }
static int check_init(OP *o, OP_CTX *c) { return ARG(o, o->nout).arr->data ? 0 : uninit(o, c, 1); }

static int sum(OP *o, OP_CTX *c, int at_init)
{
    const OP_ARRAY *a = ARG(o, 1).arr;
    if (!a->data) return uninit(o, c, at_init);
    if (a->dims != 1) {
        if (at_init) return op_initerr(c, o, "array-variable not a vector");
        op_perferr(c, o, "array-variable not a vector");
        return -1;
    }
    const double *d = a->data;
    double s = d[0];
    for (int i = 1; i < a->count; i++) s += d[i];
    *ARG(o, 0).k = s;
    return 0;
}
static int sum_i(OP *o, OP_CTX *c) { return sum(o, c, 1); }
static void sum_k(OP *o, OP_CTX *c) { sum(o, c, 0); }

/* asum sumarray aarr: the blocks added frame by frame */
static void sum_a(OP *o, OP_CTX *c)
{
    const OP_ARRAY *a = ARG(o, 1).arr;
    float *out = ARG(o, 0).a;
    if (!a->data || a->dims != 1) {
        op_perferr(c, o, a->data ? "array-variable not a vector" : "array-variable not initialised");
        return;
    }
    const int ks = c->ksmps;
    for (int i = 0; i < ks; i++) out[i] = 0;
    for (int e = 0; e < a->count; e++) {
        const float *in = (const float *)a->data + (size_t)e * (size_t)ks;
        for (int i = c->ofs; i < c->end; i++) out[i] += in[i];
    }
}

/* ---- scalearray ---- */

/* scalearray arr, kmin, kmax [, kstart, kend]: Csound's tabscale, which
 * takes the first value before it clamps the start */
static int scale(OP *o, OP_CTX *c, int at_init)
{
    OP_ARRAY *a = ARG(o, 0).arr;
    if (!a->data || a->dims != 1) return uninit(o, c, at_init);
    double *d = a->data, lo = *ARG(o, 1).k, hi = *ARG(o, 2).k;
    int n = a->sizes[0];
    int strt = op_int(floor(*ARG(o, 3).k + 0.5)), end = op_int(floor(*ARG(o, 4).k + 0.5));
    double tmin = d[strt >= 0 && strt < n ? strt : 0], tmax = tmin;
    if (end < 0 || end > n) end = n;
    if (strt < 0) strt = 0;
    else if (strt > n) strt = n;
    if (end < strt) { int x = end; end = strt; strt = x; }
    for (int i = strt + 1; i < end; i++) {
        if (d[i] < tmin) tmin = d[i];
        if (d[i] > tmax) tmax = d[i];
    }
    double range = (hi - lo) / (tmax - tmin);
    for (int i = strt; i < end; i++) d[i] = (d[i] - tmin) * range + lo;
    return 0;
}
static int scale_i(OP *o, OP_CTX *c) { return scale(o, c, 1); }
static void scale_k(OP *o, OP_CTX *c) { scale(o, c, 0); }
static int scale_check(OP *o, OP_CTX *c)
{
    const OP_ARRAY *a = ARG(o, 0).arr;
    return a->data && a->dims == 1 ? 0 : uninit(o, c, 1);
}

/* ---- sorta, sortd, and functions of each element ---- */

/* In-place heapsort (bounded n log n, no allocation: qsort may allocate). */
static void heap_sort(double *d, int n, int descending)
{
    for (int start = n / 2 - 1, end = n - 1;; ) {
        int root;
        double v;
        if (start >= 0) {
            root = start--;
        } else {
            if (end <= 0) return;
            v = d[0]; d[0] = d[end]; d[end] = v;
            end--;
            root = 0;
        }
        for (;;) {   /* sift down within [0, end] */
            int child = 2 * root + 1;
            if (child > end) break;
            if (child + 1 <= end && (descending ? d[child + 1] < d[child] : d[child + 1] > d[child])) child++;
            if (descending ? d[root] > d[child] : d[root] < d[child]) {
                v = d[root]; d[root] = d[child]; d[child] = v;
                root = child;
            } else {
                break;
            }
        }
    }
}

/* The output takes the input's length (Csound's myfltvec: sizes[0]). */
static int like_input(OP *o, OP_CTX *c, int at_init)
{
    OP_ARRAY *out = ARG(o, 0).arr;
    const OP_ARRAY *in = ARG(o, 1).arr;
    if (!in->data) return uninit(o, c, at_init);
    if (out != in && (!out->data || out->count != in->sizes[0]) && op_array_shape1(c, out, in->sizes[0], sizeof(double))) {
        if (at_init) return op_initerr(c, o, "array: out of memory (note memory: --memory)");
        op_perferr(c, o, "array: out of memory (note memory: --memory)");
        return -1;
    }
    return 0;
}

static int sort_run(OP *o, OP_CTX *c, int at_init)
{
    if (like_input(o, c, at_init)) return -1;
    OP_ARRAY *out = ARG(o, 0).arr;
    const OP_ARRAY *in = ARG(o, 1).arr;
    int n = in->sizes[0];
    if (out != in) memcpy(out->data, in->data, sizeof(double) * (size_t)n);
    heap_sort(out->data, n, o->desc->name[4] == 'd');
    return 0;
}
static int sort_i(OP *o, OP_CTX *c) { return sort_run(o, c, 1); }
static void sort_k(OP *o, OP_CTX *c) { sort_run(o, c, 0); }
static int shape_only(OP *o, OP_CTX *c) { return like_input(o, c, 1); }

static double frac_(double x) { double ip; return modf(x, &ip); }
static double lim1_(double x) { return x > 0 ? (x < 1 ? x : 1) : 0; }

/* The element functions, by name (Opcodes/arrayops.cpp's table). */
static double (*elem_fn(const char *name))(double)
{
    static const struct { const char *name; double (*fn)(double); } fns[] = {
        { "abs", fabs }, { "ceil", ceil }, { "floor", floor }, { "round", round }, { "int", trunc },
        { "frac", frac_ }, { "powoftwo", exp2 }, { "log2", log10 }, { "log10", log10 }, { "log", log },
        { "exp", exp }, { "sqrt", sqrt }, { "cos", cos }, { "sin", sin }, { "tan", tan }, { "cosinv", acos },
        { "sininv", asin }, { "taninv", atan }, { "cosh", cosh }, { "sinh", sinh }, { "tanh", tanh },
        { "cbrt", cbrt }, { "limit1", lim1_ },
    };
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
        if (!strcmp(fns[i].name, name)) return fns[i].fn;
    return fabs;
}

static int map_run(OP *o, OP_CTX *c, int at_init)
{
    if (like_input(o, c, at_init)) return -1;
    double (*fn)(double) = elem_fn(o->desc->name);
    double *out = ARG(o, 0).arr->data;
    const double *in = ARG(o, 1).arr->data;
    for (int i = 0, n = ARG(o, 1).arr->sizes[0]; i < n; i++) out[i] = fn(in[i]);
    return 0;
}
static int map_i(OP *o, OP_CTX *c) { return map_run(o, c, 1); }
static void map_k(OP *o, OP_CTX *c) { map_run(o, c, 0); }

/* ---- slicearray, genarray ---- */

/* kout[] slicearray kin[], istart, iend [, istride]: elements start…end inclusive */
static int slice(OP *o, OP_CTX *c)
{
    OP_ARRAY *out = ARG(o, 0).arr;
    const OP_ARRAY *in = ARG(o, 1).arr;
    int start = op_int(*ARG(o, 2).k), end = op_int(*ARG(o, 3).k), inc = op_int(*ARG(o, 4).k);
    if (inc <= 0) return op_initerr(c, o, "slice increment must be positive");
    int size = (end - start) / inc + 1;
    if (size < 0) return op_initerr(c, o, "inconsistent start, end parameters");
    if (in->dims != 1 || end >= in->sizes[0]) return op_initerr(c, o, "slice larger than original size");
    if (start < 0) return op_initerr(c, o, "inconsistent start, end parameters");
    if (size == 0) return 0;
    if ((out->dims > 1 || !out->data || out->count != size) && op_array_shape1(c, out, size, in->elem))
        return op_initerr(c, o, "array: out of memory (note memory: --memory)");
    for (int i = start, k = 0; i <= end; i += inc, k++)
        memcpy((char *)out->data + (size_t)k * (size_t)in->elem, (const char *)in->data + (size_t)i * (size_t)in->elem,
               (size_t)in->elem);
    return 0;
}
static void slice_k(OP *o, OP_CTX *c) { slice(o, c); }

/* kout[] genarray kstart, kend [, kinc]: start, start+inc, … (accumulated, as Csound) */
static int gen(OP *o, OP_CTX *c, int at_init)
{
    OP_ARRAY *out = ARG(o, 0).arr;
    double start = *ARG(o, 1).k, end = *ARG(o, 2).k, inc = *ARG(o, 3).k;
    double sz = (end - start) / inc + 1;
    int size = sz >= 0x1p28 ? (1 << 28) : sz > -0x1p30 ? (int)sz : -1;
    if (size < 0) {
        if (at_init) return op_initerr(c, o, "inconsistent start, end and increment parameters");
        op_perferr(c, o, "inconsistent start, end and increment parameters");
        return -1;
    }
    if (size == 0) return 0;
    if (op_array_shape1(c, out, size, sizeof(double))) {
        if (at_init) return op_initerr(c, o, "array: out of memory (note memory: --memory)");
        op_perferr(c, o, "array: out of memory (note memory: --memory)");
        return -1;
    }
    double *d = out->data;
    for (int i = 0; i < size; i++) {
        d[i] = start;
        start += inc;
    }
    return 0;
}
static int gen_i(OP *o, OP_CTX *c) { return gen(o, c, 1); }
static void gen_k(OP *o, OP_CTX *c) { gen(o, c, 0); }

/* ---- tables ---- */

/* copyf2array arr, ifn: the table's first values (the array sized to the table if it has no size) */
static int f2array(OP *o, OP_CTX *c, int at_init)
{
    OP_ARRAY *a = ARG(o, 0).arr;
    const FTABLE *ft = op_ftable(c, *ARG(o, 1).k);
    if (!ft) {
        if (at_init) return op_initerr(c, o, "No table for copy2ftab");
        op_perferr(c, o, "No table for copy2ftab");
        return -1;
    }
    if (!a->data && op_array_shape1(c, a, ft->size, sizeof(double))) return uninit(o, c, at_init);
    int n = a->sizes[0] < ft->size ? a->sizes[0] : ft->size;
    double *d = a->data;
    for (int i = 0; i < n; i++) d[i] = ft->data[i];
    return 0;
}
static int f2array_i(OP *o, OP_CTX *c) { return f2array(o, c, 1); }
static void f2array_k(OP *o, OP_CTX *c) { f2array(o, c, 0); }

/* copya2ftab arr, ifn [, ioffset]: into the table from offset (tables are
 * shared and writable, as in Csound, but for the built-in sine; a NaN or
 * infinite element is written as 0 and the sender told once, as tablew's) */
typedef struct { AO a; int told; } A2FTAB;
static int a2ftab(OP *o, OP_CTX *c, int at_init)
{
    const OP_ARRAY *a = ARG(o, 0).arr;
    if (!a->data) return uninit(o, c, at_init);
    const FTABLE *ft = op_ftable(c, *ARG(o, 1).k);
    const char *why = NULL;
    int off = o->nin > 2 ? op_int(*ARG(o, 2).k) : 0;
    if (ft && ft->readonly) why = "the table is the built-in sine, which is read-only";
    else if (!ft || ft->num <= 0) why = "No table for copy2ftab";
    else if (off >= ft->size || off < 0) why = "Offset is out of bounds";
    if (why) {
        if (at_init) return op_initerr(c, o, "%s", why);
        op_perferr(c, o, "%s", why);
        return -1;
    }
    int n = sum_of_sizes(a);
    if (n > a->count) n = a->count;
    if (n > ft->size - off) n = ft->size - off;
    float *t = (float *)ft->data + off;
    const double *d = a->data;
    int bad = 0;
    for (int i = 0; i < n; i++) t[i] = op_table_value(d[i], &bad);
    if (bad && !((A2FTAB *)o)->told) {
        ((A2FTAB *)o)->told = 1;
        op_perfwarn(c, o, "NaN or infinity written into table %d: written as 0 (told once)", ft->num);
    }
    return 0;
}
static int a2ftab_i(OP *o, OP_CTX *c) { return a2ftab(o, c, 1); }
static void a2ftab_k(OP *o, OP_CTX *c) { a2ftab(o, c, 0); }

/* kout[] tab2array ifn [, kstart, kend, kstep]: a slice of the table
 * (end 0: the table's end); the size at init counted in single precision,
 * as Csound's tab2array_init does */
static int tab2array_run(OP *o, OP_CTX *c, int at_init)
{
    OP_ARRAY *a = ARG(o, 0).arr;
    const FTABLE *ft = op_ftable(c, *ARG(o, 1).k);
    if (!ft) {
        if (at_init) return op_initerr(c, o, "table %g does not exist", *ARG(o, 1).k);
        op_perferr(c, o, "table %g does not exist", *ARG(o, 1).k);
        return -1;
    }
    int start = op_int(*ARG(o, 2).k), end = op_int(*ARG(o, 3).k), step = op_int(*ARG(o, 4).k);
    if (end < 1) end = ft->size;
    if (step == 0) step = 1;
    double n = at_init ? ceil((float)(end - start) / (float)step) : ceil((end - start) / (double)step);
    if (n < 0) {
        if (at_init) return op_initerr(c, o, "tab2array: cannot copy a negative number of items");
        op_perferr(c, o, "tab2array: cannot copy a negative number of items");
        return -1;
    }
    if (n == 0) return 0;
    if ((!a->data || a->count != (int)n) && op_array_shape1(c, a, (int)n, sizeof(double))) return uninit(o, c, at_init);
    double *d = a->data;
    int j = 0;
    for (int i = start; i < end && j < a->count; i += step)
        d[j++] = i >= 0 && i <= ft->size ? ft->data[i] : 0.0;
    return 0;
}
static int tab2array_i(OP *o, OP_CTX *c) { return tab2array_run(o, c, 1); }
static void tab2array_k(OP *o, OP_CTX *c) { tab2array_run(o, c, 0); }

/* ---- printarray ---- */

/* printarray arr [, ktrig] [, Sfmt [, Slabel]]: Csound's arrprint: values
 * in the format (default %.4f; %d becomes %.0f) each followed by a space,
 * lines broken past 80 characters; vectors over 100 long and 2-D rows
 * prefixed with their index. */
typedef struct { OP h; OP_ARG args[5]; char fmt[64]; int labelarg, lasttrig, trigarg; } PRINTARR;

/* Check the user's format: one numeric conversion %[flags][width][.prec](f|e|g|F|E|G), any other text, %% allowed. */
static int fmt_ok(const char *f)
{
    int conv = 0;
    for (const char *p = f; *p; p++) {
        if (*p != '%') continue;
        if (p[1] == '%') { p++; continue; }
        p++;
        while (*p && strchr("-+ #0", *p)) p++;
        while (*p >= '0' && *p <= '9') p++;
        if (*p == '.') { p++; while (*p >= '0' && *p <= '9') p++; }
        if (!*p || !strchr("feEgGF", *p)) return 0;
        conv++;
    }
    return conv == 1;
}

static int printarr_init(OP *o, OP_CTX *c)
{
    PRINTARR *p = (PRINTARR *)o;
    const char *in = o->desc->in;
    const OP_ARRAY *a = p->args[0].arr;
    int argi = 1;
    p->trigarg = in[1] == 'k' || in[1] == 'J' ? argi++ : 0;
    const char *f = in[argi] == 'S' ? p->args[argi++].str->data : NULL;
    p->labelarg = in[argi] == 'S' ? argi : 0;
    if (a->dims > 2) return op_initerr(c, o, "only 1-D and 2-D arrays supported, got %d dimensions", a->dims);
    if (!f || strlen(f) < 2) f = "%.4f";
    /* %d prints the value rounded: Csound substitutes %.0f */
    char buf[64];
    size_t k = 0;
    for (const char *q = f; *q && k + 5 < sizeof buf; q++) {
        if (q[0] == '%' && q[1] == 'd') { memcpy(buf + k, "%.0f", 4); k += 4; q++; }
        else buf[k++] = *q;
    }
    buf[k] = 0;
    if (!fmt_ok(buf)) return op_initerr(c, o, "printarray: the format must print one number (%%f, %%e or %%g)");
    memcpy(p->fmt, buf, k + 1);
    p->lasttrig = 0;
    return 0;
}

#define PA_LINE 80
static void print_values(OP_CTX *c, PRINTARR *p)
{
    const OP_ARRAY *a = p->args[0].arr;
    const double *d = a->data;
    char line[1024 + 128];
    int n = 0;
    if (p->labelarg) op_msg(c, "%s\n", p->args[p->labelarg].str->data);
    if (!d) return;
    if (a->dims == 1) {
        int showidx = a->sizes[0] > 100, startidx = 0;
        for (int i = 0; i < a->sizes[0]; i++) {
            n += snprintf(line + n, 128, p->fmt, d[i]);
            if (n < PA_LINE) {
                line[n++] = ' ';
            } else {
                line[n] = 0;
                if (showidx) op_msg(c, " %3d: %s\n", startidx, line);
                else op_msg(c, " %s\n", line);
                n = 0;
                startidx = i + 1;
            }
        }
        if (n > 0) {
            line[n] = 0;
            if (showidx) op_msg(c, " %3d: %s\n", startidx, line);
            else op_msg(c, " %s\n", line);
        }
    } else {
        for (int i = 0; i < a->sizes[0]; i++) {
            n += snprintf(line + n, 128, " %3d: ", i);
            for (int j = 0; j < a->sizes[1]; j++) {
                n += snprintf(line + n, 128, p->fmt, *d++);
                if (n < PA_LINE) {
                    line[n++] = ' ';
                } else {
                    line[n] = 0;
                    op_msg(c, "%s\n", line);
                    n = 0;
                }
            }
            if (n > 0) {
                line[n] = 0;
                op_msg(c, "%s\n", line);
                n = 0;
            }
        }
    }
}

static int printarr_i(OP *o, OP_CTX *c)
{
    if (printarr_init(o, c)) return -1;
    print_values(c, (PRINTARR *)o);
    return 0;
}

/* ktrig < 0 prints every k-cycle, else when it turns positive; without a trigger every k-cycle */
static void printarr_k(OP *o, OP_CTX *c)
{
    PRINTARR *p = (PRINTARR *)o;
    int trig = p->trigarg ? op_int(*p->args[p->trigarg].k) : -1;
    if (trig < 0 || (trig > 0 && p->lasttrig <= 0)) print_values(c, p);
    p->lasttrig = trig;
}

/* ---- out with an a-array ---- */

/* out aArr: element i to channel i (as many as both have) */
static void out_arr(OP *o, OP_CTX *c)
{
    const OP_ARRAY *a = ARG(o, 0).arr;
    if (!a->data || a->dims != 1) return;
    for (int ch = 0; ch < a->count; ch++) {
        float *bus = op_outbus(c, ch);
        if (!bus) break;
        const float *s = (const float *)a->data + (size_t)ch * (size_t)c->ksmps;
        for (int i = c->ofs; i < c->end; i++) bus[i] += s[i];
    }
}

#define MAP_ROWS(NAME) \
    { NAME, "D", "D", sizeof(AO), map_i, NULL, ARGS8, NULL, NULL }, \
    { NAME, "K", "K", sizeof(AO), shape_only, map_k, ARGS8, NULL, NULL }

static const OP_DESC op_array_ops[] = {
    { "maxarray", "i", "D", sizeof(AO), max_i, NULL, ARGS8, NULL, NULL },
    { "maxarray", "ii", "D", sizeof(AO), max_i, NULL, ARGS8, NULL, NULL },
    { "maxarray", "k", "K", sizeof(AO), check_init, max_k, ARGS8, NULL, NULL },
    { "maxarray", "kk", "K", sizeof(AO), check_init, max_k, ARGS8, NULL, NULL },
    { "minarray", "i", "D", sizeof(AO), min_i, NULL, ARGS8, NULL, NULL },
    { "minarray", "ii", "D", sizeof(AO), min_i, NULL, ARGS8, NULL, NULL },
    { "minarray", "k", "K", sizeof(AO), check_init, min_k, ARGS8, NULL, NULL },
    { "minarray", "kk", "K", sizeof(AO), check_init, min_k, ARGS8, NULL, NULL },
    { "sumarray", "i", "D", sizeof(AO), sum_i, NULL, ARGS8, NULL, NULL },
    { "sumarray", "k", "K", sizeof(AO), check_init, sum_k, ARGS8, NULL, NULL },
    { "sumarray", "a", "A", sizeof(AO), NULL, sum_a, ARGS8, NULL, NULL },
    { "scalearray", "", "Diioj", sizeof(AO), scale_i, NULL, ARGS8, NULL, NULL },
    { "scalearray", "", "KkkOJ", sizeof(AO), scale_check, scale_k, ARGS8, NULL, NULL },
    { "sorta", "D", "D", sizeof(AO), sort_i, NULL, ARGS8, NULL, NULL },
    { "sorta", "K", "K", sizeof(AO), sort_i, sort_k, ARGS8, NULL, NULL },
    { "sortd", "D", "D", sizeof(AO), sort_i, NULL, ARGS8, NULL, NULL },
    { "sortd", "K", "K", sizeof(AO), sort_i, sort_k, ARGS8, NULL, NULL },
    MAP_ROWS("abs"), MAP_ROWS("ceil"), MAP_ROWS("floor"), MAP_ROWS("round"), MAP_ROWS("frac"),
    MAP_ROWS("powoftwo"), MAP_ROWS("log2"), MAP_ROWS("log10"), MAP_ROWS("log"), MAP_ROWS("exp"),
    MAP_ROWS("sqrt"), MAP_ROWS("cos"), MAP_ROWS("sin"), MAP_ROWS("tan"), MAP_ROWS("cosinv"),
    MAP_ROWS("sininv"), MAP_ROWS("taninv"), MAP_ROWS("cosh"), MAP_ROWS("sinh"), MAP_ROWS("tanh"),
    MAP_ROWS("cbrt"), MAP_ROWS("limit1"),
    { "int", "D", "D", sizeof(AO), map_i, NULL, ARGS8, NULL, NULL },
    { "int", "K", "K", sizeof(AO), map_i, NULL, ARGS8, NULL, NULL },   /* Csound runs it at init only */
    { "slicearray", "D", "Diip", sizeof(AO), slice, NULL, ARGS8, NULL, NULL },
    { "slicearray", "K", "Kiip", sizeof(AO), NULL, slice_k, ARGS8, NULL, NULL },
    { "slicearray", "A", "Aiip", sizeof(AO), NULL, slice_k, ARGS8, NULL, NULL },
    { "slicearray_i", "D", "Diip", sizeof(AO), slice, NULL, ARGS8, NULL, NULL },
    { "slicearray_i", "K", "Kiip", sizeof(AO), slice, NULL, ARGS8, NULL, NULL },
    { "genarray", "D", "iip", sizeof(AO), gen_i, NULL, ARGS8, NULL, NULL },
    { "genarray", "K", "kkP", sizeof(AO), NULL, gen_k, ARGS8, NULL, NULL },
    { "genarray_i", "K", "iip", sizeof(AO), gen_i, NULL, ARGS8, NULL, NULL },
    { "copyf2array", "", "Di", sizeof(AO), f2array_i, NULL, ARGS8, NULL, NULL },
    { "copyf2array", "", "Kk", sizeof(AO), f2array_i, f2array_k, ARGS8, NULL, NULL },
    { "copya2ftab", "", "Dio", sizeof(A2FTAB), a2ftab_i, NULL, ARGS8, NULL, NULL },
    { "copya2ftab", "", "Kk", sizeof(A2FTAB), a2ftab_i, a2ftab_k, ARGS8, NULL, NULL },
    { "copya2ftab", "", "KkO", sizeof(A2FTAB), NULL, a2ftab_k, ARGS8, NULL, NULL },
    { "tab2array", "D", "ioop", sizeof(AO), tab2array_i, NULL, ARGS8, NULL, NULL },
    { "tab2array", "K", "iOOP", sizeof(AO), tab2array_i, tab2array_k, ARGS8, NULL, NULL },
    { "printarray", "", "D", sizeof(PRINTARR), printarr_i, NULL, OP_ARGS_IN(5), NULL, NULL },
    { "printarray", "", "DS", sizeof(PRINTARR), printarr_i, NULL, OP_ARGS_IN(5), NULL, NULL },
    { "printarray", "", "DSS", sizeof(PRINTARR), printarr_i, NULL, OP_ARGS_IN(5), NULL, NULL },
    { "printarray", "", "KJ", sizeof(PRINTARR), printarr_init, printarr_k, OP_ARGS_IN(5), NULL, NULL },
    { "printarray", "", "KkS", sizeof(PRINTARR), printarr_init, printarr_k, OP_ARGS_IN(5), NULL, NULL },
    { "printarray", "", "KS", sizeof(PRINTARR), printarr_init, printarr_k, OP_ARGS_IN(5), NULL, NULL },
    { "printarray", "", "KkSS", sizeof(PRINTARR), printarr_init, printarr_k, OP_ARGS_IN(5), NULL, NULL },
    { "printarray", "", "KSS", sizeof(PRINTARR), printarr_init, printarr_k, OP_ARGS_IN(5), NULL, NULL },
    { "out", "", "A", sizeof(AO), NULL, out_arr, ARGS8, NULL, NULL },
    OP_END
};

OP_FAMILY(array_ops, "Array opcodes", op_array_ops);
