/* misc.c — init, note control, time, and named channels (printing is print.c). */
#include "op.h"
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

/* The k-cycle counter Csound calls kcount: blocks run so far.  During a
 * block's init pass it is that block's index; during its perf pass, one more. */
static int64_t block_index(OP_CTX *c) { return op_frame(c) / c->ksmps; }

/* ---- init ---- */

/* xres init iarg: ires, kres or ares by the row */
typedef struct {
    OP h;
    OP_ARG xres, iarg;
} INIT;

/* kx init ival, ax init ival (Csound's init / ainit, OOps/aops.c): the value at
 * i-time.  An a-rate variable gets it in every frame, also those before a
 * note's sample-accurate start: nothing else writes them, and later blocks
 * use them all (checked with csound 6.18: `ax init` then `out ax * k` keeps
 * the whole value after the first block). */
static int init_k(OP *o, OP_CTX *c)
{
    INIT *p = (INIT *)o;
    *p->xres.k = *p->iarg.k;
    return 0;
}

static int init_a(OP *o, OP_CTX *c)
{
    INIT *p = (INIT *)o;
    float *a = p->xres.a;
    float v = (float)*p->iarg.k;
    for (int i = 0; i < c->ksmps; i++) a[i] = v;
    return 0;
}

/* ---- note control ---- */

/* turnoff (Csound's turnoff, OOps/goto_ops.c, and xturnoff): the note ends
 * after this k-cycle, or goes into its release at once when it has one.
 * Without a release Csound also skips the rest of the instrument for this
 * k-cycle; that, and the release starting at once, are the engine's part. */
static void turnoff_perf(OP *o, OP_CTX *c) { op_turnoff(c); }

/* xtratim idur (Csound's xtratim, OOps/midiops.c): a release of at least
 * idur, counted in whole k-cycles (truncated), as Csound counts it. */
typedef struct {
    OP h;
    OP_ARG iextradur;
} XTRATIM;

static int xtratim_init(OP *o, OP_CTX *c)
{
    double k = trunc(*((XTRATIM *)o)->iextradur.k * c->kr);
    if (k > 0) op_xtratim(c, k * c->onedkr);
    return 0;
}

/* krel release (Csound's release): 1 once the note is releasing; like Csound
 * it gives the note a release of at least one k-cycle. */
typedef struct {
    OP h;
    OP_ARG kflag;
} RELEASE;

static int release_init(OP *o, OP_CTX *c)
{
    op_xtratim(c, c->onedkr);
    *((RELEASE *)o)->kflag.k = 0;
    return 0;
}

static void release_perf(OP *o, OP_CTX *c) { *((RELEASE *)o)->kflag.k = op_releasing(c) ? 1.0 : 0.0; }

/* ---- time (Csound's timek, times, timeinstk, timeinsts; OOps/ugrw1.c) ---- */

/* kres timeinstk, kres timeinsts */
typedef struct { OP h; OP_ARG kres; int64_t n; } TIMEINST;

static int timeinst_init(OP *o, OP_CTX *c)
{
    TIMEINST *p = (TIMEINST *)o;
    p->n = 0;
    *p->kres.k = 0;
    return 0;
}
/* k-cycles since the note began, counting the current one (1 on the first) */
static void timeinstk_perf(OP *o, OP_CTX *c)
{
    TIMEINST *p = (TIMEINST *)o;
    *p->kres.k = (double)++p->n;
}
static void timeinsts_perf(OP *o, OP_CTX *c)
{
    TIMEINST *p = (TIMEINST *)o;
    *p->kres.k = (double)++p->n * c->onedkr;
}

/* ires/kres timek, ires/kres times: k-cycles since the performance began (the
 * block's index at i-time, one more at k-time) */
typedef struct { OP h; OP_ARG xres; } TIME;

static int timek_i(OP *o, OP_CTX *c) { *((TIME *)o)->xres.k = (double)block_index(c); return 0; }
static void timek_k(OP *o, OP_CTX *c) { *((TIME *)o)->xres.k = (double)(block_index(c) + 1); }
static int times_i(OP *o, OP_CTX *c) { *((TIME *)o)->xres.k = (double)block_index(c) * c->onedkr; return 0; }
static void times_k(OP *o, OP_CTX *c) { *((TIME *)o)->xres.k = (double)(block_index(c) + 1) * c->onedkr; }

/* ---- metro (Csound's metro, Opcodes/metro.c): kres metro kfreq [, iphs] ----
 * A phase advances kfreq / kr each k-cycle; kres is 1 on the k-cycle it
 * wraps past 1, and on the first when it starts at 0 (iphs, its fraction;
 * a negative iphs keeps 0). */
typedef struct { OP h; OP_ARG kres, kfreq, iphs; double curphs; int flag; } METRO;

static int metro_init(OP *o, OP_CTX *c)
{
    METRO *p = (METRO *)o;
    double phs = *p->iphs.k;
    if (phs >= 0) p->curphs = phs - trunc(phs);
    p->flag = 1;
    return 0;
}

static void metro_perf(OP *o, OP_CTX *c)
{
    METRO *p = (METRO *)o;
    double phs = p->curphs;
    if (phs == 0.0 && p->flag) {
        *p->kres.k = 1;
        p->flag = 0;
    } else if ((phs += *p->kfreq.k * c->onedkr) >= 1.0) {
        *p->kres.k = 1;
        phs -= 1.0;
        p->flag = 0;
    } else {
        *p->kres.k = 0;
    }
    p->curphs = phs;
}

/* ---- named channels (Csound's chnget / chnset, OOps/bus.c), control channels only ---- */

/* the values are atomic (OP_CHN): /chn/get reads them from the control thread */
/* chnget's output and chnset's first input are both the value, then the name:
 * ival/kval chnget Sname, chnset ival/kval, Sname */
typedef struct { OP h; OP_ARG xval, Sname; OP_CHN *chn; } CHN;

static int chn_find(OP *o, OP_CTX *c)
{
    CHN *p = (CHN *)o;
    const char *name = op_s(p->Sname);
    p->chn = op_channel(c, name);
    if (!p->chn)
        return op_initerr(c, o, "channel \"%s\": the name is too long or there is no room for more channels", name);
    return 0;
}

/* ival chnget "name": the value at i-time */
static int chnget_i(OP *o, OP_CTX *c)
{
    CHN *p = (CHN *)o;
    if (chn_find(o, c)) return -1;
    *p->xval.k = op_chn_get(p->chn);
    return 0;
}

/* kval chnget "name": looked up at i-time, read every k-cycle (not at i-time, as in Csound) */
static void chnget_k(OP *o, OP_CTX *c)
{
    CHN *p = (CHN *)o;
    *p->xval.k = op_chn_get(p->chn);
}

/* chnset ival, "name": written at i-time */
static int chnset_i(OP *o, OP_CTX *c)
{
    CHN *p = (CHN *)o;
    if (chn_find(o, c)) return -1;
    op_chn_set(p->chn, *p->xval.k);
    return 0;
}

/* chnset kval, "name": written every k-cycle */
static void chnset_k(OP *o, OP_CTX *c)
{
    CHN *p = (CHN *)o;
    op_chn_set(p->chn, *p->xval.k);
}

static const OP_DESC op_misc[] = {
    { "init", "i", "i", sizeof(INIT), init_k, NULL, OP_ARGS_IN(2) },
    { "init", "k", "i", sizeof(INIT), init_k, NULL, OP_ARGS_IN(2) },
    { "init", "a", "i", sizeof(INIT), init_a, NULL, OP_ARGS_IN(2) },
    { "turnoff", "", "", sizeof(OP), NULL, turnoff_perf, OP_ARGS_IN(0) },
    { "xtratim", "", "i", sizeof(XTRATIM), xtratim_init, NULL, OP_ARGS_IN(1) },
    { "release", "k", "", sizeof(RELEASE), release_init, release_perf, OP_ARGS_IN(1) },
    { "timeinstk", "k", "", sizeof(TIMEINST), timeinst_init, timeinstk_perf, OP_ARGS_IN(1) },
    { "timeinsts", "k", "", sizeof(TIMEINST), timeinst_init, timeinsts_perf, OP_ARGS_IN(1) },
    { "timek", "i", "", sizeof(TIME), timek_i, NULL, OP_ARGS_IN(1) },
    { "timek", "k", "", sizeof(TIME), NULL, timek_k, OP_ARGS_IN(1) },
    { "times", "i", "", sizeof(TIME), times_i, NULL, OP_ARGS_IN(1) },
    { "times", "k", "", sizeof(TIME), NULL, times_k, OP_ARGS_IN(1) },
    { "metro", "k", "ko", sizeof(METRO), metro_init, metro_perf, OP_ARGS_IN(3) },
    { "chnget", "i", "S", sizeof(CHN), chnget_i, NULL, OP_ARGS_IN(2) },
    { "chnget", "k", "S", sizeof(CHN), chn_find, chnget_k, OP_ARGS_IN(2) },
    { "chnset", "", "iS", sizeof(CHN), chnset_i, NULL, OP_ARGS_IN(2) },
    { "chnset", "", "kS", sizeof(CHN), chn_find, chnset_k, OP_ARGS_IN(2) },
    OP_END
};
OP_FAMILY(misc, "Instrument Control; Time Reading; Software Bus", op_misc);
