/* ftable.h — function tables and Csound's GEN routines that fill them. */
#ifndef ONDES_FTABLE_H
#define ONDES_FTABLE_H

#include <stddef.h>
#include <stdint.h>

/* A function table: what GEN routines fill and table opcodes read.  Built off
 * the audio thread, never changed once installed (a new one replaces it). */
typedef struct ftable {
    float *data;        /* size + 1 points: the guard point is data[size] */
    int32_t size;
    int32_t lenmask;    /* size - 1 when size is a power of two, else -1 */
    int32_t lobits;     /* Csound 6.18's lobits: log2(2^28 / size) for pow2 sizes (its PHMAX is 2^28) */
    int32_t nchnls;     /* channels of a GEN 1 table */
    double sr;          /* sample rate of a GEN 1 table's sound, else 0 */
    double gen01_base_freq;
    int num;
} FTABLE;


/*
 * Make table `num` with GEN routine `gen` (negative: no rescaling, as in
 * Csound), `size` points as Csound counts them (a power of two, or a power of
 * two plus one for an extended guard point; 0 or negative where Csound allows a
 * deferred size, as GEN 1 does), numeric arguments `args` (the f statement's
 * p5…) and, for GEN 1, the file name in `path` (relative paths are resolved by
 * the caller).  `sr` is the engine's sample rate.
 * Runs off the audio thread (it allocates and may read files).
 * Returns the table, or NULL with a message in err.
 */
FTABLE *ftable_gen(int num, int size, int gen, const double *args, int nargs,
                   const char *path, double sr, char *err, size_t errlen);
void ftable_free(FTABLE *t);

/* Whether ftable_gen makes GEN `gen` (either sign), so a score or an
 * orchestra can name every GEN it lacks before anything plays; and the list
 * of those it makes, for that message ("1, 2, 5, … and 20"). */
int ftable_gen_known(int gen);
const char *ftable_gen_list(void);

/* Csound's built-in sine used when an oscillator's table is -1. */
const FTABLE *ftable_sine(void);

#endif
