/* pfields.c — a note's p-fields by number and its tie: p(), pindex, pcount, passign, tival (pset is the compiler's). */
#include "op.h"
#include <math.h>
#include <stdio.h>

/*
 * Follows Csound 6.18's Opcodes/spectra.c (pfun, pfunk), Opcodes/nlfilt.c
 * (pcount, pvalue, pinit) and OOps/goto_ops.c (tival).  Csound reads the
 * p-fields of the event that started the note (init_event): those the event
 * gave, p1…pcount; fields it did not give read 0 here (pset's defaults are
 * the note's p-fields, not the event's).
 */

/* ians p(inum), kans p(knum); ians pindex inum */
typedef struct {
    OP h;
    OP_ARG ans, xnum;
} PFUN;

/* icount pcount */
typedef struct {
    OP h;
    OP_ARG ans;
} PCOUNT;

/* ivar1 [, ivar2 …] passign [istart [, iend]] (k-variables too) */
typedef struct {
    OP h;
    OP_ARG args[OP_MAXOUT + 2];   /* the outputs, then istart, iend */
} PASSIGN;

/* Field n of the note's event, 0 beyond those it gave. */
static double event_field(OP_CTX *c, int n)
{
    return n >= 1 && n <= op_pcount(c) ? op_pfields(c)[n] : 0.0;
}

/* p(): the index rounded to the nearest integer (Csound's MYFLT2LONG) */
static int pfun_i(OP *o, OP_CTX *c)
{
    PFUN *p = (PFUN *)o;
    *p->ans.k = event_field(c, op_int(nearbyint(*p->xnum.k)));
    return 0;
}

/* p(k): read every k-cycle (and at i-time, as Csound's pfunk_init) */
static void pfun_k(OP *o, OP_CTX *c) { (void)pfun_i(o, c); }

/* pindex: the index truncated; one the event did not give is an init error */
static int pindex_i(OP *o, OP_CTX *c)
{
    PFUN *p = (PFUN *)o;
    int n = op_int(*p->xnum.k);
    if (n < 1 || n > op_pcount(c)) return op_initerr(c, o, "invalid p field index %d (the note has %d)", n, op_pcount(c));
    *p->ans.k = op_pfields(c)[n];
    return 0;
}

static int pcount_i(OP *o, OP_CTX *c)
{
    *((PCOUNT *)o)->ans.k = op_pcount(c);
    return 0;
}

/* passign as Csound's pinit: p-fields from istart into the outputs, the
 * event's count cut to iend when one is given, and then, as Csound does,
 * iend taken off again (so a given iend leaves fewer outputs written). */
static int passign_i(OP *o, OP_CTX *c)
{
    PASSIGN *p = (PASSIGN *)o;
    int nargs = o->nout, pargs = op_pcount(c);
    double iend = *p->args[nargs + 1].k;
    int start = op_int(*p->args[nargs].k), k = op_int(iend);
    if (iend != 0 && k < pargs) pargs = k;
    if (nargs > pargs) op_msg(c, "WARNING: More arguments than p fields\n");
    pargs -= op_int(iend);
    for (int n = 0; n < nargs && n <= pargs - start; n++) *p->args[n].k = event_field(c, n + start);
    return 0;
}

/* pset icon1 [, icon2 …]: the compiler keeps its values with the
 * instrument (compile.c, compile_pset) and makes no step; this row names it
 * for the registry and refuses any other use */
typedef struct {
    OP h;
    OP_ARG args[OP_MAXIN];
} PSET;

static int pset_prep(OP *o, OP_PREP *p)
{
    snprintf(p->err, sizeof p->err, "pset is a declaration of the instrument, not a step");
    return -1;
}

/* itie tival: 1 while the note continues a held one of the same p1 */
static int tival_i(OP *o, OP_CTX *c)
{
    *((PCOUNT *)o)->ans.k = op_tied(c);
    return 0;
}

static const OP_DESC op_pfields_ops[] = {
    { "p", "i", "i", sizeof(PFUN), pfun_i, NULL, OP_ARGS_IN(2) },
    { "p", "k", "k", sizeof(PFUN), pfun_i, pfun_k, OP_ARGS_IN(2) },
    { "pindex", "i", "i", sizeof(PFUN), pindex_i, NULL, OP_ARGS_IN(2) },
    { "pcount", "i", "", sizeof(PCOUNT), pcount_i, NULL, OP_ARGS_IN(1) },
    { "passign", "I", "po", sizeof(PASSIGN), passign_i, NULL, OP_ARGS_IN(OP_MAXOUT + 2) },
    { "tival", "i", "", sizeof(PCOUNT), tival_i, NULL, OP_ARGS_IN(1) },
    /* pset: the compiler keeps its values (compile.c, compile_pset); never run */
    { "pset", "", "m", sizeof(PSET), NULL, NULL, OP_ARGS_IN(OP_MAXIN), pset_prep },
    OP_END
};
OP_FAMILY(pfields, "Instrument Control: Initialization and Reinitialization", op_pfields_ops);
