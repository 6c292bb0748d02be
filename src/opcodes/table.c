/* table.c — function-table opcodes: table, tablei, table3, tablew, ftlen, ftsr, ftchnls, nsamp, ftgen, ftgenonce, ftgentmp, ftfree. */
#include "op.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

/*
 * table / tablei / table3 / tablew follow Csound 6's table readers and
 * writers (OOps/ugtabs.c, V. Lazzarini 2013; manual pages "table", "tablei",
 * "table3", "tablew"):
 *
 *   ndx  = floor((xndx + ixoff) · mul)      mul = flen when ixmode ≠ 0, else 1
 *   frac = (xndx + ixoff) · mul − ndx        (taken before any wrap or limit)
 *   iwrap ≠ 0: ndx wraps into [0, flen)      (& lenmask for power-of-two sizes)
 *   iwrap = 0: ndx is limited to [0, flen − 1]
 *
 * tablei interpolates between ndx and ndx + 1, so an index in the last step
 * reads the guard point (flen); with limiting, frac is kept, so an index past
 * the end interpolates between the last point and the guard point, as Csound
 * does.  table3 is Csound's four-point cubic, falling back to linear for the
 * first and last steps and tables shorter than 4 points.
 *
 * Csound's quirks are kept: the i-rate forms test ixmode and iwrap as
 * numbers (0.5 counts as "on") while the k- and a-rate forms truncate iwrap
 * to an integer (0.5 is "off"); the k- and a-rate forms do nothing at i-time
 * (their outputs are 0 until the first k-cycle).  A k-rate output needs an i-
 * or k-rate index and an a-rate output an a-rate index (Csound's "index type
 * inconsistent with output" is a compile error here).
 *
 * Csound wraps non-power-of-two indices with while loops; the same result is
 * computed with one modulo so a wild index cannot stall the audio thread.
 */

/* xres, xndx: ires/indx, kres/kndx or ares/andx by the row */
typedef struct {
    OP h;
    OP_ARG xres, xndx, ifn, ixmode, ixoff, iwrap;
    const FTABLE *ft;
    double mul;
    int32_t len, mask;  /* mask = len - 1 for power-of-two lengths, else -1 */
    int wrap;
} TABL;

/* The wrapped or limited integer index of x (already scaled), and its fraction. */
static inline int32_t tab_index(double x, int32_t len, int32_t mask, int wrap, double *frac)
{
    double f = floor(x);
    *frac = x - f;
    if (!(f == f)) { *frac = 0; return 0; }            /* NaN */
    if (!wrap) {
        if (f >= len) return len - 1;
        if (f < 0) return 0;
        return (int32_t)f;
    }
    if (f >= -2147483648.0 && f < 2147483648.0) {
        int32_t n = (int32_t)f;
        if (mask >= 0) return n & mask;
        n %= len;
        return n < 0 ? n + len : n;
    }
    double m = fmod(f, (double)len);                   /* beyond int32: Csound is undefined there */
    if (m < 0) m += len;
    return (int32_t)m;
}

static int tab_find(OP *o, OP_CTX *c, TABL *p)
{
    double ifn = *p->ifn.k;
    p->ft = op_ftable(c, ifn);
    if (!p->ft) return op_initerr(c, o, "table %g does not exist", ifn);
    if (p->ft->size < 1) return op_initerr(c, o, "table %g is empty", ifn);
    p->len = p->ft->size;
    p->mask = p->ft->lenmask >= 0 ? p->ft->lenmask : -1;
    p->mul = *p->ixmode.k != 0 ? (double)p->len : 1.0;
    return 0;
}

/* k- and a-rate set-up (Csound's tabl_setup): iwrap truncated to an integer */
static int tab_setup(OP *o, OP_CTX *c)
{
    TABL *p = (TABL *)o;
    if (tab_find(o, c, p)) return -1;
    p->wrap = op_int(*p->iwrap.k) != 0;
    return 0;
}

/* i-rate set-up: iwrap tested as a number */
static int tab_setup_i(OP *o, OP_CTX *c)
{
    TABL *p = (TABL *)o;
    if (tab_find(o, c, p)) return -1;
    p->wrap = *p->iwrap.k != 0;
    return 0;
}

static inline double read_raw(const TABL *p, double x)
{
    double frac;
    return p->ft->data[tab_index(x, p->len, p->mask, p->wrap, &frac)];
}

static inline double read_lin(const TABL *p, double x)
{
    double frac;
    const float *f = p->ft->data + tab_index(x, p->len, p->mask, p->wrap, &frac);
    double x1 = f[0], x2 = f[1];
    return x1 + (x2 - x1) * frac;
}

static inline double read_cubic(const TABL *p, double x)
{
    double frac;
    int32_t n = tab_index(x, p->len, p->mask, p->wrap, &frac);
    const float *f = p->ft->data;
    if (n < 1 || n == p->len - 1 || p->len < 4) {
        double x1 = f[n], x2 = f[n + 1];
        return x1 + (x2 - x1) * frac;
    }
    double x0 = f[n - 1], x1 = f[n], x2 = f[n + 1], x3 = f[n + 2];
    double fracsq = frac * frac, fracub = fracsq * x0, temp1 = x3 + 3.0 * x1;
    return x1 + 0.5 * fracub + frac * (x2 - fracub / 6.0 - temp1 / 6.0 - x0 / 3.0)
           + frac * fracsq * (temp1 / 6.0 - 0.5 * x2) + fracsq * (0.5 * x2 - x1);
}

#define TABLE_READER(NAME, READ)                                                   \
    static int NAME##_i(OP *o, OP_CTX *c)                                          \
    {                                                                              \
        TABL *p = (TABL *)o;                                                       \
        if (tab_setup_i(o, c)) return -1;                                          \
        *p->xres.k = READ(p, (*p->xndx.k + *p->ixoff.k) * p->mul);                 \
        return 0;                                                                  \
    }                                                                              \
    static void NAME##_k(OP *o, OP_CTX *c)                                         \
    {                                                                              \
        TABL *p = (TABL *)o;                                                       \
        *p->xres.k = READ(p, (*p->xndx.k + *p->ixoff.k) * p->mul);                 \
    }                                                                              \
    static void NAME##_a(OP *o, OP_CTX *c)                                         \
    {                                                                              \
        TABL *p = (TABL *)o;                                                       \
        float *out = p->xres.a;                                                    \
        const float *ndx = p->xndx.a;                                              \
        double off = *p->ixoff.k, mul = p->mul;                                    \
        for (int i = c->ofs; i < c->end; i++)                                      \
            out[i] = (float)READ(p, (ndx[i] + off) * mul);                         \
        op_aclear_edges(out, c);                                                   \
    }

/* table: no interpolation (Csound's tabler_*) */
TABLE_READER(table, read_raw)
/* tablei: linear interpolation (Csound's tableir_*) */
TABLE_READER(tablei, read_lin)
/* table3: cubic interpolation (Csound's table3r_*) */
TABLE_READER(table3, read_cubic)

/*
 * tablew xsig, xndx, ifn [, ixmode, ixoff, iwgmode] — Csound's tablew_*:
 * iwgmode 0 limits the index to [0, flen − 1], 1 wraps it, 2 rounds the index
 * to the nearest point (adds 0.5 before the floor), wraps it, and a write to
 * point 0 also writes the guard point.
 *
 * Unlike Csound, two things a note writes can no longer spoil other notes'
 * sound (doc/reliability.md): the built-in sine (-1), which every oscillator
 * without a table and the library's instruments read, is read-only (an init
 * error); and a NaN or infinite value is written as 0, the note's sender told
 * once per opcode (a table with a NaN silences every voice that reads it,
 * since their output goes NaN and is cut).  The writer plays on.
 */
typedef struct {
    OP h;
    OP_ARG xsig, xndx, ifn, ixmode, ixoff, iwgmode;
    float *data;
    double mul;
    int32_t len, mask;
    int wgmode;
    int told;           /* the sender heard of a non-finite value already */
} TABLW;

static int tablew_find(OP *o, OP_CTX *c, TABLW *p, int wgmode)
{
    double ifn = *p->ifn.k;
    const FTABLE *ft = op_ftable(c, ifn);
    if (!ft) return op_initerr(c, o, "table %g does not exist", ifn);
    if (ft->size < 1) return op_initerr(c, o, "table %g is empty", ifn);
    if (ft->readonly) return op_initerr(c, o, "table %g is the built-in sine, which is read-only", ifn);
    p->data = (float *)ft->data;   /* tables are shared and writable, as in Csound */
    p->len = ft->size;
    p->mask = ft->lenmask >= 0 ? ft->lenmask : -1;
    p->mul = *p->ixmode.k != 0 ? (double)p->len : 1.0;
    p->wgmode = wgmode;
    return 0;
}

static inline void write_one(TABLW *p, double x, double v, int *bad)
{
    double frac;
    int32_t n = tab_index(x + (p->wgmode == 2 ? 0.5 : 0.0), p->len, p->mask, p->wgmode != 0, &frac);
    p->data[n] = op_table_value(v, bad);
    if (n == 0 && p->wgmode == 2) p->data[p->len] = p->data[0];
}

/* A non-finite value was written as 0: the sender hears it once. */
static void tablew_told(OP *o, OP_CTX *c, int bad)
{
    TABLW *p = (TABLW *)o;
    if (!bad || p->told) return;
    p->told = 1;
    op_perfwarn(c, o, "NaN or infinity written into table %g: written as 0 (told once)", *p->ifn.k);
}

static int tablew_setup(OP *o, OP_CTX *c)
{
    TABLW *p = (TABLW *)o;
    int w = op_int(*p->iwgmode.k);   /* Csound truncates iwgmode to an integer */
    return tablew_find(o, c, p, w == 2 ? 2 : w != 0);
}

static int tablew_i(OP *o, OP_CTX *c)
{
    TABLW *p = (TABLW *)o;
    if (tablew_setup(o, c)) return -1;
    int bad = 0;
    write_one(p, (*p->xndx.k + *p->ixoff.k) * p->mul, *p->xsig.k, &bad);
    tablew_told(o, c, bad);
    return 0;
}

static void tablew_k(OP *o, OP_CTX *c)
{
    TABLW *p = (TABLW *)o;
    int bad = 0;
    write_one(p, (*p->xndx.k + *p->ixoff.k) * p->mul, *p->xsig.k, &bad);
    tablew_told(o, c, bad);
}

static void tablew_a(OP *o, OP_CTX *c)
{
    TABLW *p = (TABLW *)o;
    const float *sig = p->xsig.a, *ndx = p->xndx.a;
    double off = *p->ixoff.k;
    int bad = 0;
    for (int i = c->ofs; i < c->end; i++) write_one(p, (ndx[i] + off) * p->mul, sig[i], &bad);
    tablew_told(o, c, bad);
}

/*
 * Table information (Csound's ftlen, ftsr, ftchnls, nsamp; OOps/ugens2.c and
 * Engine/fgens.c).  Checked against csound 6.18: ftsr of a table not made by
 * GEN 1 is the orchestra's sr, ftchnls is 1, and nsamp is 0; for GEN 1 tables
 * nsamp is the number of sample frames.
 */
/* ires ftlen ifn, and ftsr, ftchnls, nsamp alike */
typedef struct {
    OP h;
    OP_ARG ires, ifn;
} TABINFO;

static const FTABLE *info_table(OP *o, OP_CTX *c)
{
    TABINFO *p = (TABINFO *)o;
    double ifn = *p->ifn.k;
    const FTABLE *t = op_ftable(c, ifn);
    if (!t) op_initerr(c, o, "table %g does not exist", ifn);
    return t;
}

static int ftlen_i(OP *o, OP_CTX *c)
{
    const FTABLE *t = info_table(o, c);
    if (!t) return -1;
    *((TABINFO *)o)->ires.k = t->size;
    return 0;
}

static int ftsr_i(OP *o, OP_CTX *c)
{
    const FTABLE *t = info_table(o, c);
    if (!t) return -1;
    *((TABINFO *)o)->ires.k = t->sr > 0 ? t->sr : c->sr;
    return 0;
}

static int ftchnls_i(OP *o, OP_CTX *c)
{
    const FTABLE *t = info_table(o, c);
    if (!t) return -1;
    *((TABINFO *)o)->ires.k = t->nchnls > 0 ? t->nchnls : 1;
    return 0;
}

/* nsamp: Csound reports the frames GEN 1 read from the file; FTABLE does not
 * record that, so a GEN 1 table longer than its file reports its full length
 * (size / channels) here, where Csound reports the file's length. */
static int nsamp_i(OP *o, OP_CTX *c)
{
    const FTABLE *t = info_table(o, c);
    if (!t) return -1;
    *((TABINFO *)o)->ires.k = t->sr > 0 ? (double)(t->size / (t->nchnls > 0 ? t->nchnls : 1)) : 0.0;
    return 0;
}

/*
 * gir ftgen ifn, itime, isize, igen, iarga [, iargb …]   (Csound's ftgen, OOps/fgens.c
 * hfgens): makes a table as an f statement would, at once (itime is ignored,
 * as in Csound), and returns its number.  ifn 0 chooses a free number: Csound
 * counts up from 100, so the first is 101 (checked with csound 6.18), the
 * header's and the notes' alike.
 * ifn, isize and igen are rounded to integers as Csound does (lrint).
 * A string after igen is GEN 1's file name: then, as in the score, the p5 slot
 * holds the name and the numbers that follow are skip time, format, channel.
 *
 * ftgenonce (Opcodes/ftgen.c): the same numbers give the table made before,
 * not a new one.  ftgentmp: the table goes when the note ends.  In a note
 * (the audio thread) op_table_new makes a small table from the real-time
 * pool in bounded time; a big one, or GEN 1's file, is made by the table
 * worker while the note's init waits (op.h, doc/architecture.md).
 */
#define FTGEN_FIRST_AUTO 101
#define FTGEN_MAXARGS 64

/* args: iarga, iargb … (the S row: "file", then numbers); the compiler
 * refuses more than FTGEN_MAXARGS of them */
typedef struct {
    OP h;
    OP_ARG gir, ifn, itime, isize, igen, args[FTGEN_MAXARGS];
} FTGEN;

static int ftgen_common(OP *o, OP_CTX *c, const char *path, int mode)
{
    FTGEN *p = (FTGEN *)o;
    double args[FTGEN_MAXARGS];
    int nargs = 0, ntail = o->ngiven - 4;
    if (path) args[nargs++] = 0.0;   /* the p5 slot: args[0] is the file name, passed in `path` */
    for (; nargs < ntail; nargs++) args[nargs] = *p->args[nargs].k;
    char err[480];
    int num = op_table_new(c, lrint(*p->ifn.k), FTGEN_FIRST_AUTO, lrint(*p->isize.k), lrint(*p->igen.k), args,
                           nargs, path, mode, err, sizeof err);
    if (num == OP_TABLE_WAIT) return 0;   /* made by the worker: this init runs again when it is there */
    if (num < 0) return op_initerr(c, o, "%s", err);
    *p->gir.k = (double)num;
    return 0;
}

/* ifn itime isize igen, then numbers */
static int ftgen_i(OP *o, OP_CTX *c) { return ftgen_common(o, c, NULL, OP_TABLE_PLAIN); }
static int ftgenonce_i(OP *o, OP_CTX *c) { return ftgen_common(o, c, NULL, OP_TABLE_ONCE); }
static int ftgentmp_i(OP *o, OP_CTX *c) { return ftgen_common(o, c, NULL, OP_TABLE_TMP); }
/* ifn itime isize igen "file", then numbers */
static int ftgen_s(OP *o, OP_CTX *c) { return ftgen_common(o, c, op_s(((FTGEN *)o)->args[0]), OP_TABLE_PLAIN); }
static int ftgenonce_s(OP *o, OP_CTX *c) { return ftgen_common(o, c, op_s(((FTGEN *)o)->args[0]), OP_TABLE_ONCE); }
static int ftgentmp_s(OP *o, OP_CTX *c) { return ftgen_common(o, c, op_s(((FTGEN *)o)->args[0]), OP_TABLE_TMP); }

/* ftfree ifno, iwhen   (OOps/fgens.c ftfree): iwhen 0 frees the table now, else when
 * the note ends.  A note still reading it keeps it until that note is over. */
typedef struct {
    OP h;
    OP_ARG ifno, iwhen;
} FTFREE;

static int ftfree_i(OP *o, OP_CTX *c)
{
    FTFREE *p = (FTFREE *)o;
    char err[200];
    if (op_table_free(c, lrint(*p->ifno.k), *p->iwhen.k != 0, err, sizeof err))
        return op_initerr(c, o, "ftfree: %s", err);
    return 0;
}

#define TABL_ROW(NAME, OUT, IN, INIT, PERF) { NAME, OUT, IN, sizeof(TABL), INIT, PERF, OP_ARGS_IN(6) }
#define TABLW_ROW(NAME, IN, INIT, PERF) { NAME, "", IN, sizeof(TABLW), INIT, PERF, OP_ARGS_IN(6) }
#define INFO_ROW(NAME, INIT) { NAME, "i", "i", sizeof(TABINFO), INIT, NULL, OP_ARGS_IN(2) }

/* one row per output rate (tablew: per run time; Csound has no mixed-rate tablew) */
static const OP_DESC op_table[] = {
    TABL_ROW("table", "i", "iiooo", table_i, NULL),
    TABL_ROW("table", "k", "kiooo", tab_setup, table_k),
    TABL_ROW("table", "a", "aiooo", tab_setup, table_a),
    TABL_ROW("tablei", "i", "iiooo", tablei_i, NULL),
    TABL_ROW("tablei", "k", "kiooo", tab_setup, tablei_k),
    TABL_ROW("tablei", "a", "aiooo", tab_setup, tablei_a),
    TABL_ROW("table3", "i", "iiooo", table3_i, NULL),
    TABL_ROW("table3", "k", "kiooo", tab_setup, table3_k),
    TABL_ROW("table3", "a", "aiooo", tab_setup, table3_a),
    TABLW_ROW("tablew", "iiiooo", tablew_i, NULL),
    TABLW_ROW("tablew", "kkiooo", tablew_setup, tablew_k),
    TABLW_ROW("tablew", "aaiooo", tablew_setup, tablew_a),
    TABLW_ROW("tableiw", "iiiooo", tablew_i, NULL),
    INFO_ROW("ftlen", ftlen_i),
    INFO_ROW("ftsr", ftsr_i),
    INFO_ROW("ftchnls", ftchnls_i),
    INFO_ROW("nsamp", nsamp_i),
    { "ftgen", "i", "iiiim", sizeof(FTGEN), ftgen_i, NULL, OP_ARGS_IN(5 + FTGEN_MAXARGS) },
    { "ftgen", "i", "iiiiSm", sizeof(FTGEN), ftgen_s, NULL, OP_ARGS_IN(5 + FTGEN_MAXARGS) },
    { "ftgenonce", "i", "iiiim", sizeof(FTGEN), ftgenonce_i, NULL, OP_ARGS_IN(5 + FTGEN_MAXARGS) },
    { "ftgenonce", "i", "iiiiSm", sizeof(FTGEN), ftgenonce_s, NULL, OP_ARGS_IN(5 + FTGEN_MAXARGS) },
    { "ftgentmp", "i", "iiiim", sizeof(FTGEN), ftgentmp_i, NULL, OP_ARGS_IN(5 + FTGEN_MAXARGS) },
    { "ftgentmp", "i", "iiiiSm", sizeof(FTGEN), ftgentmp_s, NULL, OP_ARGS_IN(5 + FTGEN_MAXARGS) },
    { "ftfree", "", "ii", sizeof(FTFREE), ftfree_i, NULL, OP_ARGS_IN(2) },
    OP_END
};
OP_FAMILY(table, "Table Control; Table Access", op_table);
