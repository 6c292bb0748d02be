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
    /* GEN 1: the sound file's sustain (1) and release (2) loops from its
     * instrument chunk, as Csound's FUNC loopmode/begin/end: mode 0 none,
     * 1 forward, 2 back and forth; frames.  loscil's imod1/imod2 < 0 use them. */
    int gen01_loopmode1, gen01_loopmode2;
    double gen01_begin1, gen01_end1, gen01_begin2, gen01_end2;
    int num;
    int rt;             /* 1: made by a note on the processing thread, in its real-time pool
                         * (the engine frees it there; ftable_free leaves it alone) */
    int32_t refs;       /* voices that read it (engine.c's voice_hold): processing thread only */
    size_t counted;     /* bytes the session counts against --table-memory while it lives (0: none) */
} FTABLE;

/* Memory for a table made where malloc may not run (a note's init on the
 * processing thread): alloc returns NULL when there is none. */
typedef struct ft_alloc {
    void *(*alloc)(void *ctx, size_t bytes);
    void (*free)(void *ctx, void *p);
    void *ctx;
} FT_ALLOC;


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

/* ftable_gen with its memory from `al` (the table and its working buffer),
 * for the processing thread: GEN 1 (a file) is refused, and the caller bounds
 * the size (the GENs here take time linear in points x arguments).  The table
 * comes back with rt = 1. */
FTABLE *ftable_gen_alloc(int num, int size, int gen, const double *args, int nargs, double sr,
                         const FT_ALLOC *al, char *err, size_t errlen);

/* Whether ftable_gen makes GEN `gen` (either sign), so a score or an
 * orchestra can name every GEN it lacks before anything plays; and the list
 * of those it makes, for that message ("1, 2, 5, … and 20"). */
int ftable_gen_known(int gen);
const char *ftable_gen_list(void);

/* Csound's built-in sine used when an oscillator's table is -1. */
const FTABLE *ftable_sine(void);

#endif
