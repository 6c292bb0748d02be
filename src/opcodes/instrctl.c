/* instrctl.c — instruments that schedule, stop, count and run instruments: event_i, schedule, event, schedulek, schedkwhen(named), schedwhen, turnon, turnoff2, active, nstrnum, subinstr. */
#include "op.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

/*
 * Follows Csound 6.18's OOps/schedule.c (schedule, schedkwhen's ktriginstr,
 * schedwhen's kschedule), Engine/musmon.c (turnon),
 * Engine/insert.c (event_i/event's eventOpcode, turnoff2, active) and
 * Engine/insert.c's strarg2insno (nstrnum).  The note goes straight into the
 * engine's queue at an exact frame (op_schedule): at i-time p2 counts from the
 * start of the k-cycle the calling note starts in (p2 = 0 starts in that same
 * k-cycle, at its first frame), at k-time from the start of the next k-cycle,
 * as measured with csound 6.18 --sample-accurate.  An instrument given by name
 * is looked up when the note starts (names of instruments defined after the
 * caller have their numbers only once every instrument is compiled).
 */

#define PMAX 56   /* p2… an event call may give (OP_MAXIN less the fixed inputs) */

/* event_i "i", instr, p2, p3 [, p4 …] and event (k-rate), the same arguments */
typedef struct {
    OP h;
    OP_ARG sop, xinsno, pargs[PMAX];
    int num;            /* the instrument, by name, found at init */
} EVENT;

/* schedule / schedulek instr, p2, p3 [, p4 …] */
typedef struct {
    OP h;
    OP_ARG xinsno, pargs[PMAX];
    int num;
} SCHED;

/* schedkwhen ktrigger, kmintim, kmaxnum, kinsnum, kwhen, kdur [, kp4 …] */
typedef struct {
    OP h;
    OP_ARG ktrig, kmintim, kmaxnum, xinsno, pargs[PMAX];
    int num;
    int timrem;         /* k-cycles before kmintim allows the next event */
} SCHEDKWHEN;

/* schedwhen ktrigger, kinsnum, kwhen, kdur [, ip4 …] */
typedef struct {
    OP h;
    OP_ARG ktrig, xinsno, pargs[PMAX];
    int num;
    int todo;           /* it fires once, the first k-cycle its trigger is not 0 */
} SCHEDWHEN;

/* turnon insnum [, itime] */
typedef struct {
    OP h;
    OP_ARG xinsno, itime;
} TURNON;

/* turnoff2 kinsno, kmode, krelease (and turnoff2_i at i-time) */
typedef struct {
    OP h;
    OP_ARG xinsno, kmode, krelease;
    int num;
} TURNOFF2;

/* ir active insno [, iopt [, inorel]] (kr at k-time) */
typedef struct {
    OP h;
    OP_ARG r, xinsno, iopt, inorel;
    int num;
} ACTIVE;

/* insno nstrnum "name" */
typedef struct {
    OP h;
    OP_ARG insno, sname;
} NSTRNUM;

static void warn(OP *o, OP_CTX *c, const char *fmt, const char *what);

/* An instrument given by name: its number, or -1 and a warning naming it
 * (Csound warns "instr NAME not found" and the note plays on, making no
 * events). */
static int find_name(OP *o, OP_CTX *c, const char *name, int *num)
{
    *num = op_instr_number(c, name);
    if (*num < 0) warn(o, c, "instrument \"%s\" is not defined; no event made", name);
    return 0;
}

static void warn(OP *o, OP_CTX *c, const char *fmt, const char *what)
{
    op_msg(c, "WARNING: instr %g (line %d): %s: ", op_p1(c), (int)o->line, o->desc->name);
    op_msg(c, fmt, what);
    op_msg(c, "\n");
}

/* Send the event: p1 the instrument (num when named, else the value given),
 * then the call's p2… (npargs of them), from this k-cycle's start (next 0)
 * or the next one's (next 1); kperf: called at k-time.  num < 0: a name that was not found (warned at
 * init), nothing to send.  An undefined instrument is Csound's warning; a bad
 * number or a full queue fails the init or, at k-time, the note. */
static int send(OP *o, OP_CTX *c, int kperf, int next, int num, const OP_ARG *xinsno, const OP_ARG *pargs, int npargs)
{
    double pf[PMAX + 2];
    const char *strs[PMAX + 2] = { NULL };   /* string p-fields (schedule.N): their texts */
    int nstr = 0;
    char err[160];
    if (num < 0) return 0;
    pf[1] = num > 0 ? (double)num : *xinsno->k;
    int first = (int)(pargs - o->arg);   /* pargs[0]'s argument index, for op_iss */
    for (int i = 0; i < npargs; i++) {
        if (op_iss(o, first + i)) {
            strs[2 + i] = op_s(pargs[i]);
            pf[2 + i] = 0;
            nstr++;
        } else {
            pf[2 + i] = *pargs[i].k;
        }
    }
    int r = op_schedule_str(c, pf, nstr ? strs : NULL, 1 + npargs, next, err, sizeof err);
    if (r == -2) warn(o, c, "%s", err);
    if (r != -1) return 0;
    if (!kperf) return op_initerr(c, o, "%s", err);
    op_perferr(c, o, "%s", err);
    return -1;
}

/* ---- event_i, event ("i" events only) ---- */

static int event_init(OP *o, OP_CTX *c, int named)
{
    EVENT *p = (EVENT *)o;
    p->num = 0;
    if (strcmp(op_s(p->sop), "i"))
        return op_initerr(c, o, "only \"i\" events can be made (got \"%s\")", op_s(p->sop));
    return named ? find_name(o, c, op_s(p->xinsno), &p->num) : 0;
}

static int event_send(OP *o, OP_CTX *c, int kperf)
{
    EVENT *p = (EVENT *)o;
    return send(o, c, kperf, kperf, p->num, &p->xinsno, p->pargs, o->nin - 2);
}

static int event_named(OP *o, OP_CTX *c) { return event_init(o, c, 1); }
static int event_numbered(OP *o, OP_CTX *c) { return event_init(o, c, 0); }
static int event_i_named(OP *o, OP_CTX *c) { return event_init(o, c, 1) ? -1 : event_send(o, c, 0); }
static int event_i_numbered(OP *o, OP_CTX *c) { return event_init(o, c, 0) ? -1 : event_send(o, c, 0); }
static void event_perf(OP *o, OP_CTX *c) { (void)event_send(o, c, 1); }

/* ---- schedule, schedulek ---- */

/* schedule's N forms take any value but audio (Csound: i, k, S). */
static int no_audio(OP *o, OP_PREP *p)
{
    for (int i = 0; i < o->nin; i++)
        if (op_isa(o, o->nout + i)) {
            snprintf(p->err, sizeof p->err, "an a-rate value cannot be a p-field");
            return -1;
        }
    return 0;
}

static int sched_init(OP *o, OP_CTX *c, int named)
{
    SCHED *p = (SCHED *)o;
    p->num = 0;
    return named ? find_name(o, c, op_s(p->xinsno), &p->num) : 0;
}

static int sched_send(OP *o, OP_CTX *c, int kperf)
{
    SCHED *p = (SCHED *)o;
    return send(o, c, kperf, kperf, p->num, &p->xinsno, p->pargs, o->nin - 1);
}

static int sched_named(OP *o, OP_CTX *c) { return sched_init(o, c, 1); }
static int sched_numbered(OP *o, OP_CTX *c) { return sched_init(o, c, 0); }
static int schedule_named(OP *o, OP_CTX *c) { return sched_init(o, c, 1) ? -1 : sched_send(o, c, 0); }
static int schedule_numbered(OP *o, OP_CTX *c) { return sched_init(o, c, 0) ? -1 : sched_send(o, c, 0); }
static void schedulek_perf(OP *o, OP_CTX *c) { (void)sched_send(o, c, 1); }

/* ---- schedkwhen (ktriginstr): a trigger, a least time between events, a most notes at once ---- */

static int skw_named(OP *o, OP_CTX *c)
{
    SCHEDKWHEN *p = (SCHEDKWHEN *)o;
    p->timrem = 0;
    return find_name(o, c, op_s(p->xinsno), &p->num);
}

static int skw_numbered(OP *o, OP_CTX *c)
{
    SCHEDKWHEN *p = (SCHEDKWHEN *)o;
    p->timrem = 0;
    p->num = 0;
    return 0;
}

static void skw_perf(OP *o, OP_CTX *c)
{
    SCHEDKWHEN *p = (SCHEDKWHEN *)o;
    if (p->timrem > 0) p->timrem--;
    if (*p->ktrig.k == 0) return;
    if (p->num < 0) return;
    double insno = p->num > 0 ? (double)p->num : *p->xinsno.k;
    if (insno >= 0) {   /* a negative one (ending held notes) is not limited */
        if (*p->kmintim.k > 0 && p->timrem > 0) return;
        if (*p->kmaxnum.k >= 1 && op_active(c, op_int(insno), 0) >= op_int(*p->kmaxnum.k)) return;
    }
    p->timrem = *p->kmintim.k > 0 ? op_int(*p->kmintim.k * c->kr + 0.5) : 0;
    /* from the start of this k-cycle (Csound's kadjust -1): p2 = 0 is late, so it
     * starts with the next k-cycle but ends p3 after this one began */
    (void)send(o, c, 1, 0, p->num, &p->xinsno, p->pargs, o->nin - 4);
}

/* ---- schedwhen (kschedule): one event, the first k-cycle the trigger is not 0, as event does ---- */

static int sw_init(OP *o, OP_CTX *c, int named)
{
    SCHEDWHEN *p = (SCHEDWHEN *)o;
    p->todo = 1;
    p->num = 0;
    return named ? find_name(o, c, op_s(p->xinsno), &p->num) : 0;
}

static int sw_named(OP *o, OP_CTX *c) { return sw_init(o, c, 1); }
static int sw_numbered(OP *o, OP_CTX *c) { return sw_init(o, c, 0); }

static void sw_perf(OP *o, OP_CTX *c)
{
    SCHEDWHEN *p = (SCHEDWHEN *)o;
    if (!p->todo || *p->ktrig.k == 0) return;
    p->todo = 0;
    (void)send(o, c, 1, 1, p->num, &p->xinsno, p->pargs, o->nin - 2);
}

/* ---- turnon: a held note (p3 -1, three p-fields) itime from now ---- */

static int turnon_send(OP *o, OP_CTX *c, int num)
{
    TURNON *p = (TURNON *)o;
    OP_ARG dur = { .k = &(double){ -1 } };
    OP_ARG pargs[2] = { p->itime, dur };
    return send(o, c, 0, 0, num, &p->xinsno, pargs, 2);
}

static int turnon_named(OP *o, OP_CTX *c)
{
    int num;
    find_name(o, c, op_s(((TURNON *)o)->xinsno), &num);
    return turnon_send(o, c, num);
}

static int turnon_numbered(OP *o, OP_CTX *c) { return turnon_send(o, c, 0); }

/* ---- turnoff2, turnoff2_i ---- */

static int turnoff2_named(OP *o, OP_CTX *c)
{
    TURNOFF2 *p = (TURNOFF2 *)o;
    return find_name(o, c, op_s(p->xinsno), &p->num);
}

static int turnoff2_numbered(OP *o, OP_CTX *c)
{
    ((TURNOFF2 *)o)->num = 0;
    return 0;
}

/* Csound 6.18's turnoff2 (OOps/goto_ops.c): an instrument number <= 0 (or
 * NaN) does nothing ("not triggered"); one that is no defined instrument,
 * or a mode not 0…15 or with both low bits (3, 7, …), is an error.
 * 0, or -1 with the reason in why. */
static int turnoff2_do(OP *o, OP_CTX *c, char *why, size_t len)
{
    TURNOFF2 *p = (TURNOFF2 *)o;
    if (p->num < 0) return 0;
    double insno = p->num > 0 ? (double)p->num : *p->xinsno.k;
    if (!(insno > 0)) return 0;
    if (insno >= 0x1p30 || !op_instr_exists(c, op_int(insno))) {
        snprintf(why, len, "invalid instrument number %g", insno);
        return -1;
    }
    int mode = op_int(*p->kmode.k + 0.5);
    if (mode < 0 || mode > 15 || (mode & 3) == 3) {
        snprintf(why, len, "invalid mode parameter %d", mode);
        return -1;
    }
    op_turnoff_instr(c, insno, mode, *p->krelease.k != 0);
    return 0;
}

static void turnoff2_perf(OP *o, OP_CTX *c)
{
    char why[80];
    if (turnoff2_do(o, c, why, sizeof why)) op_perferr(c, o, "%s", why);
}

static int turnoff2_i_fire(OP *o, OP_CTX *c)
{
    char why[80];
    return turnoff2_do(o, c, why, sizeof why) ? op_initerr(c, o, "%s", why) : 0;
}

static int turnoff2_i_named(OP *o, OP_CTX *c) { return turnoff2_named(o, c) ? -1 : turnoff2_i_fire(o, c); }
static int turnoff2_i_numbered(OP *o, OP_CTX *c) { return turnoff2_numbered(o, c) ? -1 : turnoff2_i_fire(o, c); }

/* ---- active: notes of an instrument playing (0: of every instrument) ---- */

static int active_named(OP *o, OP_CTX *c)
{
    ACTIVE *p = (ACTIVE *)o;
    if (find_name(o, c, op_s(p->xinsno), &p->num)) return -1;
    *p->r.k = op_active(c, p->num, *p->inorel.k != 0);
    return 0;
}

static int active_numbered(OP *o, OP_CTX *c)
{
    ACTIVE *p = (ACTIVE *)o;
    p->num = op_int(*p->xinsno.k);
    *p->r.k = op_active(c, p->num, *p->inorel.k != 0);
    return 0;
}

static void active_perf_named(OP *o, OP_CTX *c)
{
    ACTIVE *p = (ACTIVE *)o;
    *p->r.k = op_active(c, p->num, *p->inorel.k != 0);
}

static void active_perf_numbered(OP *o, OP_CTX *c)
{
    ACTIVE *p = (ACTIVE *)o;
    *p->r.k = op_active(c, op_int(*p->xinsno.k), *p->inorel.k != 0);
}

/* ---- nstrnum ---- */

static int nstrnum_i(OP *o, OP_CTX *c)
{
    NSTRNUM *p = (NSTRNUM *)o;
    int n = op_instr_number(c, op_s(p->sname));
    *p->insno.k = n;   /* -1 when missing, with Csound's warning */
    if (n < 0) warn(o, c, "instrument \"%s\" is not defined", op_s(p->sname));
    return 0;
}

/* ---- subinstr, subinstrinit (Csound's subinstrset and subinstr,
 * Engine/insert.c): an instrument run inside this note, its p4… the call's
 * inputs read at i-time, its out/outs/outch the call's a-rate outputs
 * (op_subinstr_init; the instance lives in this note's memory, as a UDO's) ---- */

typedef struct {
    OP h;
    OP_ARG args[OP_MAXOUT + OP_MAXIN];   /* the outputs, then the instrument and its p4… */
    OP_SUBINST s;
} SUBINSTR;

static int subinstr_init(OP *o, OP_CTX *c)
{
    SUBINSTR *p = (SUBINSTR *)o;
    int nout = o->nout, nin = o->nin;
    const OP_ARG *ins = p->args + nout;
    if (nout > op_nchnls(c)) return op_initerr(c, o, "number of output args greater than nchnls");
    int num = op_iss(o, nout) ? op_instr_number(c, op_s(ins[0])) : op_int(*ins[0].k);
    if (num < 1) return op_initerr(c, o, "instrument %s is not defined", op_iss(o, nout) ? op_s(ins[0]) : "number");
    double pf[OP_MAXIN];
    int np = 0;
    /* every input an i-time value, as Csound maps them to p-fields (an audio
     * one gives its first frame; a string, 0: no string p-fields) */
    for (int i = 1; i < nin && np < OP_MAXIN; i++)
        pf[np++] = op_iss(o, nout + i) ? 0.0 : op_isa(o, nout + i) ? (double)ins[i].a[0] : *ins[i].k;
    return op_subinstr_init(c, o, &p->s, num, pf, np);
}

static void subinstr_perf(OP *o, OP_CTX *c)
{
    SUBINSTR *p = (SUBINSTR *)o;
    op_subinstr_perf(c, &p->s);
    for (int ch = 0; ch < o->nout; ch++) {
        float *out = p->args[ch].a;
        if (p->s.inited) memcpy(out, p->s.bus + (size_t)ch * (size_t)c->ksmps, sizeof(float) * (size_t)c->ksmps);
        else memset(out, 0, sizeof(float) * (size_t)c->ksmps);
    }
}

static const OP_DESC op_instrctl[] = {
    { "event_i", "", "SSm", sizeof(EVENT), event_i_named, NULL, OP_ARGS_IN(2 + PMAX) },
    { "event_i", "", "Sim", sizeof(EVENT), event_i_numbered, NULL, OP_ARGS_IN(2 + PMAX) },
    { "event", "", "SSz", sizeof(EVENT), event_named, event_perf, OP_ARGS_IN(2 + PMAX) },
    { "event", "", "Skz", sizeof(EVENT), event_numbered, event_perf, OP_ARGS_IN(2 + PMAX) },
    { "schedule", "", "Siim", sizeof(SCHED), schedule_named, NULL, OP_ARGS_IN(1 + PMAX) },
    { "schedule", "", "iiim", sizeof(SCHED), schedule_numbered, NULL, OP_ARGS_IN(1 + PMAX) },
    /* schedule.N and schedule.SN: string p-fields (no a-rate value) */
    { "schedule", "", "SiiN", sizeof(SCHED), schedule_named, NULL, OP_ARGS_IN(1 + PMAX), no_audio },
    { "schedule", "", "iiiN", sizeof(SCHED), schedule_numbered, NULL, OP_ARGS_IN(1 + PMAX), no_audio },
    { "schedulek", "", "Skkz", sizeof(SCHED), sched_named, schedulek_perf, OP_ARGS_IN(1 + PMAX) },
    { "schedulek", "", "kkkz", sizeof(SCHED), sched_numbered, schedulek_perf, OP_ARGS_IN(1 + PMAX) },
    { "schedkwhen", "", "kkkSkkz", sizeof(SCHEDKWHEN), skw_named, skw_perf, OP_ARGS_IN(4 + PMAX) },
    { "schedkwhen", "", "kkkkkkz", sizeof(SCHEDKWHEN), skw_numbered, skw_perf, OP_ARGS_IN(4 + PMAX) },
    /* schedkwhennamed: schedkwhen under its older name (Csound's same ktriginstr) */
    { "schedkwhennamed", "", "kkkSkkz", sizeof(SCHEDKWHEN), skw_named, skw_perf, OP_ARGS_IN(4 + PMAX) },
    { "schedkwhennamed", "", "kkkkkkz", sizeof(SCHEDKWHEN), skw_numbered, skw_perf, OP_ARGS_IN(4 + PMAX) },
    { "schedwhen", "", "kSkkm", sizeof(SCHEDWHEN), sw_named, sw_perf, OP_ARGS_IN(2 + PMAX) },
    { "schedwhen", "", "kkkkm", sizeof(SCHEDWHEN), sw_numbered, sw_perf, OP_ARGS_IN(2 + PMAX) },
    { "turnon", "", "So", sizeof(TURNON), turnon_named, NULL, OP_ARGS_IN(2) },
    { "turnon", "", "io", sizeof(TURNON), turnon_numbered, NULL, OP_ARGS_IN(2) },
    { "turnoff2", "", "Skk", sizeof(TURNOFF2), turnoff2_named, turnoff2_perf, OP_ARGS_IN(3) },
    { "turnoff2", "", "kkk", sizeof(TURNOFF2), turnoff2_numbered, turnoff2_perf, OP_ARGS_IN(3) },
    { "turnoff2_i", "", "Sii", sizeof(TURNOFF2), turnoff2_i_named, NULL, OP_ARGS_IN(3) },
    { "turnoff2_i", "", "iii", sizeof(TURNOFF2), turnoff2_i_numbered, NULL, OP_ARGS_IN(3) },
    { "active", "i", "Soo", sizeof(ACTIVE), active_named, NULL, OP_ARGS_IN(4) },
    { "active", "i", "ioo", sizeof(ACTIVE), active_numbered, NULL, OP_ARGS_IN(4) },
    { "active", "k", "Soo", sizeof(ACTIVE), active_named, active_perf_named, OP_ARGS_IN(4) },
    { "active", "k", "koo", sizeof(ACTIVE), active_numbered, active_perf_numbered, OP_ARGS_IN(4) },
    { "subinstr", "m", "SN", sizeof(SUBINSTR), subinstr_init, subinstr_perf, OP_ARGS_IN(OP_MAXOUT + OP_MAXIN) },
    { "subinstr", "m", "iN", sizeof(SUBINSTR), subinstr_init, subinstr_perf, OP_ARGS_IN(OP_MAXOUT + OP_MAXIN) },
    { "subinstrinit", "", "SN", sizeof(SUBINSTR), subinstr_init, NULL, OP_ARGS_IN(OP_MAXOUT + OP_MAXIN) },
    { "subinstrinit", "", "iN", sizeof(SUBINSTR), subinstr_init, NULL, OP_ARGS_IN(OP_MAXOUT + OP_MAXIN) },
    { "nstrnum", "i", "S", sizeof(NSTRNUM), nstrnum_i, NULL, OP_ARGS_IN(2) },
    OP_END
};
OP_FAMILY(instrctl, "Instrument Control", op_instrctl);
