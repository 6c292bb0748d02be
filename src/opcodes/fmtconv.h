/* fmtconv.h — Csound's sprintf/printf formatting of a call's arguments, shared by print.c (printf) and string.c (sprintf). */
#ifndef ONDES_FMTCONV_H
#define ONDES_FMTCONV_H

#include "op.h"
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/*
 * Csound's sprintf_opcode_ (OOps/str_ops.c, after M. Ingalls; emugens.c has
 * the copy println and printsk use).  Without values the format is printed as
 * written (a %% stays %%).  With values it is cut before every conversion (a
 * % not followed by %), the text before the first conversion going with it,
 * and each piece is handed to C's printf with the next value, so %% in the
 * text prints %.  A conversion's letter is the first letter after its %:
 * d i o x X u c take the value rounded to nearest-even and wrapped to 32 bits
 * (Csound's (int32_t) MYFLT2LRND), e E f F g G the value as a double, s a
 * string argument.  A %c of 0 ends the text there, as the NUL does in Csound.
 *
 * Errors, as Csound words them: fewer values than conversions ("insufficient
 * arguments for format"), more ("too many arguments for format"), any other
 * letter (%ld, %p: "invalid format string"), %s given a number.  Csound finds
 * them when it first prints; ondes at init, by formatting once, since its
 * perf functions cannot stop a note.  Where Csound would hand C a conversion
 * whose behaviour is undefined with one value (a * width, a n$ position, a
 * second % inside the conversion), ondes refuses it as an invalid format, and
 * a number conversion given a string (Csound reads the string's bytes as a
 * number) is refused as well.
 */

/* The longest piece (a conversion and the text after it) formatted at once. */
#define FMT_CONV_SEG 1024

/* The 32-bit int Csound gives %d: lrint's long (LONG_MIN when out of range, as
 * x86 returns for NaN and huge values), truncated to 32 bits. */
static inline int32_t fmt_conv_int(double v)
{
    double r = rint(v);
    if (!(r > -0x1p63 && r < 0x1p63)) return 0;
    return (int32_t)(uint32_t)(uint64_t)(int64_t)r;
}

/* Format `fmt` with the call's arguments first … first+nv-1 into out; returns
 * 0, or -1 with the reason in *err. */
static inline int fmt_conv(char *out, size_t cap, const char *fmt, const OP *o, int first, int nv, const char **err)
{
    if (nv == 0) {
        snprintf(out, cap, "%s", fmt);
        return 0;
    }
    size_t len = 0;
    int j = 0;
    char seg[FMT_CONV_SEG];
    const char *f = fmt;
    /* the text before the first conversion, and each conversion with the text after it */
    while (*f) {
        const char *start = f;
        /* the first piece: up to its conversion's %; then past that % */
        while (*f && !(f[0] == '%' && f[1] != '%')) f += f[0] == '%' ? 2 : 1;
        if (!*f) break;                                 /* no conversion: text only */
        const char *pct = f++;
        const char *letter = f;
        while (*letter && !isalpha((unsigned char)*letter)) letter++;
        while (*f && !(f[0] == '%' && f[1] != '%')) f += f[0] == '%' ? 2 : 1;
        if (j >= nv) { *err = "insufficient arguments for format"; return -1; }
        if (!*letter || letter >= f) { *err = "invalid format string"; return -1; }
        for (const char *q = pct + 1; q < letter; q++)
            if (!strchr("-+ #0'123456789.", *q)) { *err = "invalid format string"; return -1; }
        size_t sl = (size_t)(f - start);
        if (sl >= sizeof seg) sl = sizeof seg - 1;
        memcpy(seg, start, sl);
        seg[sl] = 0;
        int a = o->nout + first + j++;
        int str = op_iss(o, a);
        int n;
        switch (*letter) {
        case 'd': case 'i': case 'o': case 'x': case 'X': case 'u': case 'c':
            if (str) { *err = "a number conversion given a string"; return -1; }
            n = snprintf(out + len, cap - len, seg, fmt_conv_int(*o->arg[a].k));
            break;
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
            if (str) { *err = "a number conversion given a string"; return -1; }
            n = snprintf(out + len, cap - len, seg, *o->arg[a].k);
            break;
        case 's':
            if (!str) { *err = "Not string type for %s"; return -1; }
            n = snprintf(out + len, cap - len, seg, op_str(o, a));
            break;
        default:
            *err = "invalid format string";
            return -1;
        }
        if (n > 0) len += (size_t)n < cap - len ? (size_t)n : cap - len - 1;
    }
    if (j < nv) { *err = "too many arguments for format"; return -1; }
    out[len] = 0;
    return 0;
}

#endif
