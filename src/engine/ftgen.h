/* ftgen.h — what ftable.c's GEN routines work on, shared with the GENs in files of their own (private). */
#ifndef ONDES_FTGEN_H
#define ONDES_FTGEN_H

#include "ftable.h"
#include <stddef.h>
#include <stdint.h>

#define FT_MAXLEN   0x10000000          /* Csound 6's MAXLEN: 2^28 */

/* What a GEN routine works on. */
typedef struct {
    double *d;          /* flen + 1 points, zeroed; d[flen] is the guard point */
    int32_t flen;
    int guardreq;       /* 1: the GEN's own d[flen] stays (extended guard point) */
    int size;           /* the size as given (GEN 16 counts with it, as Csound) */
    int gen;            /* signed GEN number */
    const double *a;    /* p5 … */
    int na;
    const char *path;   /* GEN 1's file */
    double sr;          /* engine sample rate (headerless GEN 1 files; GEN 33/34's Hz) */
    const FTABLE *src;  /* GEN 33/34's source table (p5), found by the caller; NULL: none */
    char *err;
    size_t errlen;
    /* Set by GEN 1 (and deferred GEN 2): */
    int done;           /* guard point and rescaling already settled */
    int nchnls;
    double filesr;
    double base_freq;
    int loopmode1, loopmode2;           /* the instrument chunk's loops (see FTABLE) */
    double begin1, end1, begin2, end2;
} GEN;

/* "GENn: why" into g->err; returns -1. */
int ft_fail(GEN *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ftable_partials.c */
int ft_gen33(GEN *g);
int ft_gen34(GEN *g);

#endif
