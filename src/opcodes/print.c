/* print.c — Printing and Display: print, prints, printk, printks, printk2, printks2, printf, printf_i, println, printsk, puts. */
#include "op.h"
#include "fmtconv.h"
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* print, printk and printk2 name the note's p1 ("instr 1:") and the source
 * text of an argument ("iv = 1.000"): op_p1() and op_argname() give them. */
static int instr_number(OP_CTX *c) { return op_int(op_p1(c)); }

/* The k-cycle counter Csound calls kcount: blocks run so far.  During a
 * block's init pass it is that block's index; during its perf pass, one more. */
static int64_t block_index(OP_CTX *c) { return op_frame(c) / c->ksmps; }

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

/* Format `fmt` (already unescaped) with values into out; -1 when a conversion has no value.
 * strs (NULL: all numbers) gives the text of the values that are strings (%s
 * prints them; any other conversion of a string prints its value as 0). */
static int fmt_values(char *out, size_t cap, const char *fmt, const double *vals, const char *const *strs, int nv)
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
        const char *str = strs ? strs[j] : NULL;
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
            case 's':                                   /* "??": a number where a string was asked */
                spec[n] = 's';
                spec[n + 1] = 0;
                len = snprintf(piece, sizeof piece, spec, str ? str : "??");
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

/* The values of arguments first… (outputs first) into vals and strs: a
 * string's text in strs (its value 0), a number's NULL. */
static void fmt_args(const OP *o, int first, int nv, double *vals, const char **strs)
{
    for (int i = 0; i < nv; i++) {
        int a = first + i;
        strs[i] = op_iss(o, a) ? op_str(o, a) : NULL;
        vals[i] = strs[i] ? 0.0 : *o->arg[a].k;
    }
}

/* No a-rate values (Csound: "a-rate argument not allowed"). */
static int no_audio_prep(OP *o, OP_PREP *p)
{
    for (int i = 0; i < o->nin; i++)
        if (op_isa(o, o->nout + i)) {
            snprintf(p->err, sizeof p->err, "a-rate argument not allowed");
            return -1;
        }
    return 0;
}

static int prints_i(OP *o, OP_CTX *c)
{
    PRINTS *p = (PRINTS *)o;
    char fmt[FMT_MAX], out[FMT_MAX];
    double vals[MAXVALS];
    const char *strs[MAXVALS];
    int nv = o->ngiven - 1;
    fmt_args(o, 1, nv, vals, strs);
    fmt_escapes(op_s(p->Sfmt), fmt, sizeof fmt);
    if (fmt_values(out, sizeof out, fmt, vals, strs, nv))
        return op_initerr(c, o, "Insufficient arguments in formatted printing");
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
    char *fmt, *raw;    /* the format escaped, and as given (a string variable may change) */
    double ctime, printat;
} PRINTKS;

static int printks_init(OP *o, OP_CTX *c)
{
    PRINTKS *p = (PRINTKS *)o;
    const char *s = op_s(p->Sfmt);
    p->fmt = op_alloc(c, FMT_MAX);
    p->raw = op_alloc(c, FMT_MAX);
    if (!p->fmt || !p->raw) return op_initerr(c, o, "out of voice memory");
    fmt_escapes(s, p->fmt, FMT_MAX);
    snprintf(p->raw, FMT_MAX, "%s", s);
    double itime = *p->itime.k;
    p->ctime = itime < c->onedkr ? c->onedkr : itime * c->kr;
    p->printat = (double)block_index(c);
    /* Csound reports a conversion with no value when it first prints: here, at once */
    char out[FMT_MAX];
    double dummy = 0;
    if (fmt_values(out, sizeof out, p->fmt, &dummy, NULL, o->ngiven - 2 > 0))
        return op_initerr(c, o, "Insufficient arguments in formatted printing");
    return 0;
}

static void printks_perf(OP *o, OP_CTX *c)
{
    PRINTKS *p = (PRINTKS *)o;
    const char *s = op_s(p->Sfmt);
    if (strncmp(s, p->raw, FMT_MAX - 1)) {   /* a format variable changed: escaped again, as Csound's printks */
        fmt_escapes(s, p->fmt, FMT_MAX);
        snprintf(p->raw, FMT_MAX, "%s", s);
    }
    if (p->printat > (double)block_index(c)) return;
    char out[FMT_MAX];
    double vals[MAXVALS];
    const char *strs[MAXVALS];
    int nv = o->ngiven - 2;
    fmt_args(o, 2, nv, vals, strs);
    if (fmt_values(out, sizeof out, p->fmt, vals, strs, nv) == 0) op_msg(c, "%s", out);
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

/* ---- printk2, printks2: print a k value each time it changes ---- */

/* Csound starts the remembered value at -1.12123e35, so the first value
 * prints (unless it is that very number). */
#define UNSEEN (-1.12123e35)

/*
 * printk2 kval [, inumspaces [, inamed]] (Csound's printk2, OOps/ugrw1.c,
 * G. Maldonado): every k-cycle where kval differs from the last value printed,
 * " iN " (N: p1 truncated) + inumspaces spaces (0…120) + "%11.5f", with
 * "name = " before the value when inamed is nonzero (the argument's source
 * text, as Csound takes it from the call).
 */
typedef struct {
    OP h;
    OP_ARG kval, inumspaces, inamed;
    double old;
    int space;
} PRINTK2;

static int printk2_init(OP *o, OP_CTX *c)
{
    PRINTK2 *p = (PRINTK2 *)o;
    int sp = op_int(*p->inumspaces.k);
    p->space = sp < 0 ? 0 : sp > 120 ? 120 : sp;
    p->old = UNSEEN;
    return 0;
}

static void printk2_perf(OP *o, OP_CTX *c)
{
    PRINTK2 *p = (PRINTK2 *)o;
    double v = *p->kval.k;
    if (v == p->old) return;
    const char *name = *p->inamed.k != 0 ? op_argname(o, 0) : NULL;
    op_msg(c, " i%d %*s%s%s%11.5f\n", instr_number(c), p->space, "", name ? name : "", name ? " = " : "", v);
    p->old = v;
}

/*
 * printks2 "format", kval (Csound's printk3, OOps/ugrw1.c): prints's
 * conversions with kval every k-cycle where it differs from the last value
 * printed.  Unlike prints and printks, Csound applies none of its own escapes
 * (^ ~ %n %t %!) to this format, only the string's C escapes.
 */
typedef struct {
    OP h;
    OP_ARG Sfmt, kval;
    double old;
} PRINTKS2;

static int printks2_init(OP *o, OP_CTX *c)
{
    ((PRINTKS2 *)o)->old = UNSEEN;
    return 0;
}

static void printks2_perf(OP *o, OP_CTX *c)
{
    PRINTKS2 *p = (PRINTKS2 *)o;
    double v = *p->kval.k;
    if (v == p->old) return;
    char out[FMT_MAX];
    if (fmt_values(out, sizeof out, op_s(p->Sfmt), &v, NULL, 1) == 0) op_msg(c, "%s", out);   /* one value: cannot fail */
    p->old = v;
}

/* ---- printf, printf_i, println, printsk: C's printf, one value per conversion ---- */

/* The formatting itself is Csound's sprintf_opcode_: fmtconv.h. */
#define PF_MAXIN 31     /* Csound refuses more than 31 inputs ("too many arguments") */

/* printf "fmt", ktrig, … and printf_i "fmt", itrig, … */
typedef struct {
    OP h;
    OP_ARG Sfmt, ktrig, args[PF_MAXIN - 2];
    double prev;
} PRINTF;


/* Format the call (values from input `first`) and send it, with "\n" when nl; at init, errors stop the note. */
static int pf_print(OP *o, OP_CTX *c, int first, int nl, int send, int at_init)
{
    char out[FMT_MAX];
    const char *err = NULL;
    if (fmt_conv(out, sizeof out, op_str(o, o->nout), o, first, o->nin - first, &err))
        return at_init ? op_initerr(c, o, "%s", err) : -1;
    if (send) op_msg(c, nl ? "%s\n" : "%s", out);
    return 0;
}

/* printf_i: prints at i-time when itrig > 0 (and checks its format either way) */
static int printf_i(OP *o, OP_CTX *c) { return pf_print(o, c, 2, 0, *((PRINTF *)o)->ktrig.k > 0, 1); }

/* printf: checks at init, then prints in each k-cycle where ktrig has changed
 * (from 0 at init) to a positive value */
static int printf_init(OP *o, OP_CTX *c)
{
    ((PRINTF *)o)->prev = 0;
    return pf_print(o, c, 2, 0, 0, 1);
}

static void printf_perf(OP *o, OP_CTX *c)
{
    PRINTF *p = (PRINTF *)o;
    double t = *p->ktrig.k;
    if (t == p->prev) return;
    p->prev = t;
    if (t > 0) pf_print(o, c, 2, 0, 1, 0);
}

/* println "fmt", … and printsk "fmt", … (emugens, E. Ruiz): the same
 * formatting every k-cycle, println adding a newline */
typedef struct {
    OP h;
    OP_ARG Sfmt, args[PF_MAXIN - 1];
} PRINTLN;

static int println_init(OP *o, OP_CTX *c) { return pf_print(o, c, 1, 0, 0, 1); }
static void println_perf(OP *o, OP_CTX *c) { pf_print(o, c, 1, 1, 1, 0); }
static void printsk_perf(OP *o, OP_CTX *c) { pf_print(o, c, 1, 0, 1, 0); }

/*
 * puts "string", ktrig [, inonl] (Csound's puts, OOps/str_ops.c): the string
 * (and a newline unless inonl) at i-time when ktrig > 0, then in each k-cycle
 * where ktrig is positive and differs from the last trigger that printed (the
 * one at i-time, printed or not) — a trigger going 1, 0, 1 prints once.
 */
typedef struct {
    OP h;
    OP_ARG Sstr, ktrig, inonl;
    double prev;
} PUTS;

static int puts_init(OP *o, OP_CTX *c)
{
    PUTS *p = (PUTS *)o;
    if (*p->ktrig.k > 0) op_msg(c, *p->inonl.k == 0 ? "%s\n" : "%s", op_s(p->Sstr));
    p->prev = *p->ktrig.k;
    return 0;
}

static void puts_perf(OP *o, OP_CTX *c)
{
    PUTS *p = (PUTS *)o;
    double t = *p->ktrig.k;
    if (t == p->prev || !(t > 0)) return;
    p->prev = t;
    op_msg(c, *p->inonl.k == 0 ? "%s\n" : "%s", op_s(p->Sstr));
}

static const OP_DESC op_print[] = {
    { "print", "", "m", sizeof(PRINT), print_i, NULL, OP_ARGS_IN(MAXVALS) },
    { "prints", "", "SN", sizeof(PRINTS), prints_i, NULL, OP_ARGS_IN(1 + MAXVALS), no_audio_prep },
    { "printks", "", "SiN", sizeof(PRINTKS), printks_init, printks_perf, OP_ARGS_IN(2 + MAXVALS), no_audio_prep },
    { "printk", "", "iko", sizeof(PRINTK), printk_init, printk_perf, OP_ARGS_IN(3) },
    { "printk2", "", "koo", sizeof(PRINTK2), printk2_init, printk2_perf, OP_ARGS_IN(3) },
    { "printks2", "", "Sk", sizeof(PRINTKS2), printks2_init, printks2_perf, OP_ARGS_IN(2) },
    { "printf_i", "", "SiN", sizeof(PRINTF), printf_i, NULL, OP_ARGS_IN(PF_MAXIN), no_audio_prep },
    { "printf", "", "SkN", sizeof(PRINTF), printf_init, printf_perf, OP_ARGS_IN(PF_MAXIN), no_audio_prep },
    { "println", "", "SN", sizeof(PRINTLN), println_init, println_perf, OP_ARGS_IN(PF_MAXIN), no_audio_prep },
    { "printsk", "", "SN", sizeof(PRINTLN), println_init, printsk_perf, OP_ARGS_IN(PF_MAXIN), no_audio_prep },
    { "puts", "", "Sko", sizeof(PUTS), puts_init, puts_perf, OP_ARGS_IN(3) },
    OP_END
};
OP_FAMILY(print, "Printing and Display", op_print);
