/* misc.c — init, printing, note control, time, and named channels. */
#include "op.h"
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* print and printk name the note's p1 ("instr 1:") and the source text of
 * each argument ("iv = 1.000"): op_p1() and op_argname() give them. */
static int instr_number(OP_CTX *c) { return op_int(op_p1(c)); }

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

/* ---- print (Csound's printv, OOps/disprep.c): "instr N:  name = %5.3f" per argument ---- */

/* print iarg [, iarg1 …]: at most MAXVALS values (the compiler refuses more) */
#define MAXVALS 64

typedef struct {
    OP h;
    OP_ARG iargs[MAXVALS];
} PRINT;

static int print_i(OP *o, OP_CTX *c)
{
    PRINT *p = (PRINT *)o;
    char line[512];
    int n = snprintf(line, sizeof line, "instr %d:", instr_number(c));
    for (int i = 0; i < o->ngiven && n >= 0 && n < (int)sizeof line; i++) {
        const char *name = op_argname(o, i);
        if (name)
            n += snprintf(line + n, sizeof line - (size_t)n, "  %s = %5.3f", name, *p->iargs[i].k);
        else
            n += snprintf(line + n, sizeof line - (size_t)n, "  #%d = %5.3f", i + 1, *p->iargs[i].k);
    }
    op_msg(c, "%s\n", line);
    return 0;
}

/* ---- formatted printing: prints, printks ---- */

/*
 * Csound's printksset_ and sprints (OOps/ugrw1.c, R. Whittle, M. Ingalls):
 * first the format's escapes are rewritten — ^ is ESC, ^^ is ^, ~ is ESC [,
 * ~~ is ~, \n \t \r \a \b \\ (either case) their characters, \x any other x,
 * and %n %t %r (either case) newline, tab, return, %! a semicolon.  Then each
 * printf conversion takes the next value; once they run out the last value is
 * used again, and a conversion with no value at all is an error ("Insufficient
 * arguments in formatted printing").  %d %i %o %x %X %u %c print the value
 * rounded (lrint), the others as a double; %% is %, and a % followed by white
 * space prints "%%" and that space, as Csound does.
 * %s given a number prints "??", as Csound does.  Where Csound would pass a
 * double to a conversion that cannot take one (%p, %n, %ld…), or the flags
 * are not printf flags, the conversion is printed as written instead:
 * Csound's behaviour there is undefined.
 */
#define FMT_MAX 1024
#define ESC 0x1B

static void fmt_escapes(const char *s, char *d, size_t cap)
{
    size_t k = 0;
#define PUTD(ch) do { if (k + 1 < cap) d[k++] = (char)(ch); } while (0)
    while (*s) {
        char t = s[0], n = s[1];
        if (t == '^') {
            if (n == '^') { PUTD('^'); s++; }
            else PUTD(ESC);
        } else if (t == '~') {
            if (n == '~') { PUTD('~'); s++; }
            else { PUTD(ESC); PUTD('['); }
        } else if (t == '\\' && n) {
            switch (n) {
            case 'r': case 'R': PUTD('\r'); break;
            case 'n': case 'N': PUTD('\n'); break;
            case 't': case 'T': PUTD('\t'); break;
            case 'a': case 'A': PUTD('\a'); break;
            case 'b': case 'B': PUTD('\b'); break;
            default: PUTD(n); break;
            }
            s++;
        } else if (t == '%' && n != '%') {
            switch (n) {
            case 'r': case 'R': PUTD('\r'); s++; break;
            case 'n': case 'N': PUTD('\n'); s++; break;
            case 't': case 'T': PUTD('\t'); s++; break;
            case '!': PUTD(';'); s++; break;
            default: PUTD('%'); break;
            }
        } else {
            PUTD(t);
        }
        s++;
    }
    d[k] = 0;
#undef PUTD
}

/* Format `fmt` (already unescaped) with values into out; -1 when a conversion has no value. */
static int fmt_values(char *out, size_t cap, const char *fmt, const double *vals, int nv)
{
    size_t k = 0;
    int j = 0;
#define PUT(ch) do { if (k + 1 < cap) out[k++] = (char)(ch); } while (0)
    while (*fmt) {
        if (*fmt != '%') { PUT(*fmt++); continue; }
        if (fmt[1] == '%') { PUT('%'); fmt += 2; continue; }
        if (fmt[1] && isspace((unsigned char)fmt[1])) { PUT('%'); PUT('%'); PUT(fmt[1]); fmt += 2; continue; }
        /* the conversion runs to its letter, or to (and with) a blank */
        int n = 1;
        char conv = 0;
        while (fmt[n] && !isblank((unsigned char)fmt[n])) {
            if (isalpha((unsigned char)fmt[n])) { conv = fmt[n]; break; }
            n++;
        }
        int speclen = fmt[n] ? n + 1 : n;
        if (j >= nv) return -1;
        double v = vals[j];
        if (j < nv - 1) j++;
        int flags_ok = n < 24;
        for (int i = 1; i < n && flags_ok; i++) flags_ok = strchr("-+ #0123456789.", fmt[i]) != NULL;
        char spec[32], piece[512];
        int len = -1;
        if (flags_ok && conv) {
            memcpy(spec, fmt, (size_t)n);
            switch (conv) {
            case 'd': case 'i': case 'o': case 'x': case 'X': case 'u':
                spec[n] = conv;
                spec[n + 1] = 0;
                len = snprintf(piece, sizeof piece, spec, (int)lrint(v));
                break;
            case 'c': {
                char cc = (char)lrint(v);
                if (cc == '%') PUT('%');
                spec[n] = 'c';
                spec[n + 1] = 0;
                len = cc ? snprintf(piece, sizeof piece, spec, cc) : 0;
                break;
            }
            case 's':                                   /* a number where a string was asked */
                spec[n] = 's';
                spec[n + 1] = 0;
                len = snprintf(piece, sizeof piece, spec, "??");
                break;
            case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A':
                spec[n] = conv;
                spec[n + 1] = 0;
                len = snprintf(piece, sizeof piece, spec, v);
                break;
            default:
                break;
            }
        }
        if (len < 0) {                                  /* printed as written */
            for (int i = 0; i < speclen; i++) PUT(fmt[i]);
        } else {
            for (int i = 0; i < len && i < (int)sizeof piece - 1; i++) PUT(piece[i]);
        }
        fmt += speclen;
    }
    out[k] = 0;
    return 0;
#undef PUT
}

/* prints "format" [, ival …] at i-time */
typedef struct {
    OP h;
    OP_ARG Sfmt, ivals[MAXVALS];
} PRINTS;

static int prints_i(OP *o, OP_CTX *c)
{
    PRINTS *p = (PRINTS *)o;
    char fmt[FMT_MAX], out[FMT_MAX];
    double vals[MAXVALS];
    int nv = o->ngiven - 1;
    for (int i = 0; i < nv; i++) vals[i] = *p->ivals[i].k;
    fmt_escapes(p->Sfmt.s, fmt, sizeof fmt);
    if (fmt_values(out, sizeof out, fmt, vals, nv)) return op_initerr(c, o, "Insufficient arguments in formatted printing");
    op_msg(c, "%s", out);
    return 0;
}

/*
 * printks "format", itime [, kval …]: prints every itime seconds, counted in
 * k-cycles: the note's first k-cycle prints, then the first k-cycle at least
 * itime·kr cycles after the last print — so a fractional itime·kr rounds the
 * interval up (Csound 6.18's printat = kcount + ctime − 1 after each print,
 * on its global k-cycle counter, reproduced with the same counter so the
 * rounding is the same).  itime below one k-period prints every k-cycle.
 */
typedef struct {
    OP h;
    OP_ARG Sfmt, itime, kvals[MAXVALS];
    char *fmt;
    double ctime, printat;
} PRINTKS;

static int printks_init(OP *o, OP_CTX *c)
{
    PRINTKS *p = (PRINTKS *)o;
    const char *s = p->Sfmt.s;
    size_t cap = 2 * strlen(s) + 1;
    if (cap > FMT_MAX) cap = FMT_MAX;
    p->fmt = op_alloc(c, cap);
    if (!p->fmt) return op_initerr(c, o, "out of voice memory");
    fmt_escapes(s, p->fmt, cap);
    double itime = *p->itime.k;
    p->ctime = itime < c->onedkr ? c->onedkr : itime * c->kr;
    p->printat = (double)block_index(c);
    /* Csound reports a conversion with no value when it first prints: here, at once */
    char out[FMT_MAX];
    double dummy = 0;
    if (fmt_values(out, sizeof out, p->fmt, &dummy, o->ngiven - 2 > 0))
        return op_initerr(c, o, "Insufficient arguments in formatted printing");
    return 0;
}

static void printks_perf(OP *o, OP_CTX *c)
{
    PRINTKS *p = (PRINTKS *)o;
    if (p->printat > (double)block_index(c)) return;
    char out[FMT_MAX];
    double vals[MAXVALS];
    int nv = o->ngiven - 2;
    for (int i = 0; i < nv; i++) vals[i] = *p->kvals[i].k;
    if (fmt_values(out, sizeof out, p->fmt, vals, nv) == 0) op_msg(c, "%s", out);
    p->printat = (double)block_index(c) + p->ctime;
}

/*
 * printk itime, kval [, ispace] (Csound's printk, OOps/ugrw1.c):
 * " i%4d time %11.5f: " + ispace spaces (0…120) + "%11.5f", where the time is
 * that of the block's start; same schedule as printks, except that an itime
 * below one k-period prints every k-cycle through a step of 0.
 */
typedef struct {
    OP h;
    OP_ARG itime, kval, ispace;
    double ctime, printat;
    int space;
} PRINTK;

static int printk_init(OP *o, OP_CTX *c)
{
    PRINTK *p = (PRINTK *)o;
    double itime = *p->itime.k;
    p->ctime = itime < c->onedkr ? 0.0 : itime * c->kr;
    int sp = op_int(*p->ispace.k);
    p->space = sp < 0 ? 0 : sp > 120 ? 120 : sp;
    p->printat = (double)block_index(c);
    return 0;
}

static void printk_perf(OP *o, OP_CTX *c)
{
    PRINTK *p = (PRINTK *)o;
    int64_t blk = block_index(c);
    if (p->printat > (double)blk) return;
    double t = (double)((blk + 1) * c->ksmps) / c->sr - c->onedkr;
    op_msg(c, " i%4d time %11.5f: %*s%11.5f\n", instr_number(c), t, p->space, "", *p->kval.k);
    p->printat = (double)blk + p->ctime;
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

/* ---- named channels (Csound's chnget / chnset, OOps/bus.c), control channels only ---- */

/* the values are atomic (OP_CHN): /chn/get reads them from the control thread */
/* chnget's output and chnset's first input are both the value, then the name:
 * ival/kval chnget Sname, chnset ival/kval, Sname */
typedef struct { OP h; OP_ARG xval, Sname; OP_CHN *chn; } CHN;

static int chn_find(OP *o, OP_CTX *c)
{
    CHN *p = (CHN *)o;
    const char *name = p->Sname.s;
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
    { "print", "", "m", sizeof(PRINT), print_i, NULL, OP_ARGS_IN(MAXVALS) },
    { "prints", "", "Sm", sizeof(PRINTS), prints_i, NULL, OP_ARGS_IN(1 + MAXVALS) },
    { "printks", "", "Siz", sizeof(PRINTKS), printks_init, printks_perf, OP_ARGS_IN(2 + MAXVALS) },
    { "printk", "", "iko", sizeof(PRINTK), printk_init, printk_perf, OP_ARGS_IN(3) },
    { "turnoff", "", "", sizeof(OP), NULL, turnoff_perf, OP_ARGS_IN(0) },
    { "xtratim", "", "i", sizeof(XTRATIM), xtratim_init, NULL, OP_ARGS_IN(1) },
    { "release", "k", "", sizeof(RELEASE), release_init, release_perf, OP_ARGS_IN(1) },
    { "timeinstk", "k", "", sizeof(TIMEINST), timeinst_init, timeinstk_perf, OP_ARGS_IN(1) },
    { "timeinsts", "k", "", sizeof(TIMEINST), timeinst_init, timeinsts_perf, OP_ARGS_IN(1) },
    { "timek", "i", "", sizeof(TIME), timek_i, NULL, OP_ARGS_IN(1) },
    { "timek", "k", "", sizeof(TIME), NULL, timek_k, OP_ARGS_IN(1) },
    { "times", "i", "", sizeof(TIME), times_i, NULL, OP_ARGS_IN(1) },
    { "times", "k", "", sizeof(TIME), NULL, times_k, OP_ARGS_IN(1) },
    { "chnget", "i", "S", sizeof(CHN), chnget_i, NULL, OP_ARGS_IN(2) },
    { "chnget", "k", "S", sizeof(CHN), chn_find, chnget_k, OP_ARGS_IN(2) },
    { "chnset", "", "iS", sizeof(CHN), chnset_i, NULL, OP_ARGS_IN(2) },
    { "chnset", "", "kS", sizeof(CHN), chn_find, chnset_k, OP_ARGS_IN(2) },
    OP_END
};
OP_FAMILY(misc, "Instrument Control; Printing and Display; Time Reading; Software Bus", op_misc);
