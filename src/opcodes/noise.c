/* noise.c — random generators: rand, randh, randi, noise, random, and their seed. */
#include "op.h"
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>


/*
 * rand, randh, randi follow Csound 6.18's OOps/ugens4.c bit for bit, so a
 * given seed gives Csound's exact sequence:
 *
 * - isize = 0: a 16-bit linear congruential generator, x = 15625 x + 1 in
 *   signed 16-bit arithmetic (wrapping), the value x / 32768 in [-1, 1);
 *   iseed in [0, 1] starts it at (int16)(iseed · 32768).
 * - isize != 0: Park and Miller's 31-bit "minimal standard" generator,
 *   x = 16807 x mod (2^31 - 1) (Schrage's method with 32-bit words, as
 *   randint31), the value (2x - (2^31 - 1)) / 2^31 in (-1, 1); iseed scaled by
 *   2^31 (0 taken as 0.5), then stepped twice.
 * - iseed > 1 seeds from the clock (with a message); iseed < 0 skips seeding,
 *   keeping the instance's previous state (a fresh instance starts at 0).
 * - randh and randi step a 28-bit phase (2^28 per cycle) by kcps · 2^28 / sr
 *   (truncated) and draw a new number when it overflows; randi ramps
 *   linearly from the previous number to the next.
 *
 * Csound's quirks are kept where they change the output: randh and randi
 * start from iseed itself (not the first drawn number) in 16-bit mode; randi's
 * 31-bit seeding computes its first value as (x < 1) · 2^-31 (a typo for x << 1,
 * so it is 0) and the second as (int32)(x << 1) / 2^31 without the bipolar
 * offset; and with audio-rate amplitude or frequency the a-rate randh/randi
 * read those inputs from frame 0 of the block even when the note starts later
 * in the block.
 */

#define RNDMUL  15625
#define DV32768 (1.0 / 32768.0)
#define BIPOLAR 0x7FFFFFFF
#define DV2_31  4.656612873077392578125e-10     /* 2^-31 */
#define MAXLEN  0x10000000LL                    /* the phase range: Csound 6.18's MAXLEN, 2^28 */
#define PHMASK  0x0FFFFFFFLL
#define FMAXLEN 268435456.0

/* Park-Miller step by Schrage's method in 32-bit words (Csound's randint31) */
static int32_t randint31(int32_t seed31)
{
    uint32_t rilo, rihi;
    rilo = 16807u * (uint32_t)(seed31 & 0xFFFF);
    rihi = 16807u * ((uint32_t)seed31 >> 16);
    rilo += (rihi & 0x7FFF) << 16;
    if (rilo > 0x7FFFFFFFu) {
        rilo &= 0x7FFFFFFFu;
        ++rilo;
    }
    rilo += rihi >> 15;
    if (rilo > 0x7FFFFFFFu) {
        rilo &= 0x7FFFFFFFu;
        ++rilo;
    }
    return (int32_t)rilo;
}

/* a 31-bit value mapped to (-1, 1): Csound's (int32)(r << 1) - BIPOLAR, which
 * wraps in 32 bits to the same value as this 64-bit form */
static inline double bipolar31(int32_t r)
{
    return (double)((int64_t)2 * (uint32_t)r - BIPOLAR) * DV2_31;
}

/* one 16-bit LCG step, in signed 16-bit arithmetic */
static inline int16_t step16(int16_t r)
{
    return (int16_t)(uint16_t)((uint32_t)(int32_t)r * RNDMUL + 1u);
}

/* (int16)(x): C's conversion through a 32-bit integer, as on the compilers Csound runs on */
static inline int16_t to_int16(double x)
{
    return (int16_t)(uint16_t)(uint32_t)(int32_t)x;
}

/* (int32)(x) for x up to 2^31 (iseed = 1 gives 2^31, which wraps to INT32_MIN) */
static inline int32_t to_int32(double x)
{
    return (int32_t)(uint32_t)(int64_t)x;
}

/* Csound's GetRandomSeedFromTime: the clock, in a 32-bit word */
static uint32_t seed_from_time(OP_CTX *c, int say)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint32_t seed = (uint32_t)((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec) ^ (uint32_t)ts.tv_sec;
    op_msg(c, "Seeding from current time %u\n", (unsigned)seed);
    return seed;
}

/* ------------------------------------------------------------------------ */
/* rand xamp [, iseed, isel, ioffset] (ugens4.c rndset/krand/arand) */
typedef struct {
    OP h;
    OP_ARG res, xamp, iseed, isel, ioffset;     /* res: ares, or kres of the k-rate form (kamp) */
    int32_t rand;
    int new31, ampa;
} RAND;

static int rand_init(OP *o, OP_CTX *c)
{
    RAND *p = (RAND *)o;
    double iseed = *p->iseed.k;
    p->new31 = *p->isel.k != 0.0;
    if (iseed >= 0.0) {
        if (iseed > 1.0) {
            uint32_t seed = seed_from_time(c, 1);
            p->rand = p->new31 ? (int32_t)(seed % 0x7FFFFFFEu) + 1 : (int32_t)(seed & 0xFFFFu);
        } else if (p->new31) {
            if (iseed == 0.0) iseed = 0.5;
            p->rand = randint31(randint31(to_int32(iseed * 2147483648.0)));
        } else {
            p->rand = to_int16(iseed * 32768.0) & 0xFFFF;
        }
    }
    p->ampa = op_isa(o, 1);
    return 0;
}

static void rand_k(OP *o, OP_CTX *c)
{
    RAND *p = (RAND *)o;
    double amp = *p->xamp.k, base = *p->ioffset.k;
    if (p->new31) {
        p->rand = randint31(p->rand);
        *p->res.k = base + DV2_31 * ((double)((int64_t)2 * (uint32_t)p->rand - BIPOLAR)) * amp;
    } else {
        int16_t r = step16((int16_t)p->rand);
        *p->res.k = base + (double)r * amp * DV32768;
        p->rand = r;
    }
}

static void rand_a(OP *o, OP_CTX *c)
{
    RAND *p = (RAND *)o;
    float *ar = p->res.a;
    double base = *p->ioffset.k;
    if (!p->new31) {
        int16_t r = (int16_t)p->rand;
        if (!p->ampa) {
            double ampscl = *p->xamp.k * DV32768;
            for (int n = c->ofs; n < c->end; n++) {
                r = step16(r);
                ar[n] = (float)(base + (double)r * ampscl);
            }
        } else {
            const float *xamp = p->xamp.a;
            for (int n = c->ofs; n < c->end; n++) {
                r = step16(r);
                ar[n] = (float)(base + (double)r * (double)xamp[n] * DV32768);
            }
        }
        p->rand = r;
    } else {
        int32_t r = p->rand;
        if (!p->ampa) {
            double ampscl = *p->xamp.k * DV2_31;
            for (int n = c->ofs; n < c->end; n++) {
                r = randint31(r);
                ar[n] = (float)(base + (double)((int64_t)2 * (uint32_t)r - BIPOLAR) * ampscl);
            }
        } else {
            const float *xamp = p->xamp.a;
            for (int n = c->ofs; n < c->end; n++) {
                r = randint31(r);
                ar[n] = (float)(base + DV2_31 * (double)((int64_t)2 * (uint32_t)r - BIPOLAR) * (double)xamp[n]);
            }
        }
        p->rand = r;
    }
    op_aclear_edges(ar, c);
}

/* ------------------------------------------------------------------------ */
/* randh / randi xamp, xcps [, iseed, isize, ioffset] (ugens4.c rhset/riset,
 * krandh/randh, krandi/randi) */
typedef struct {
    OP h;
    OP_ARG res, xamp, xcps, iseed, isize, ioffset;  /* res: ares, or kres of the k-rate form (kamp, kcps) */
    int64_t phs;
    double num1, num2, dfdmax;
    int32_t rand;
    int new31, ampa, cpsa;
} RANDHI;

/* the next number: new31 ? 31-bit : 16-bit */
static inline double randhi_next(RANDHI *p)
{
    if (!p->new31) {
        int16_t r = step16((int16_t)p->rand);
        p->rand = r;
        return (double)r * DV32768;
    }
    p->rand = randint31(p->rand);
    return bipolar31(p->rand);
}

static int randh_init(OP *o, OP_CTX *c)
{
    RANDHI *p = (RANDHI *)o;
    double iseed = *p->iseed.k;
    p->new31 = *p->isize.k != 0.0;
    if (iseed >= 0.0) {
        if (iseed > 1.0) {
            uint32_t seed = seed_from_time(c, 1);
            if (!p->new31) {
                p->rand = (int32_t)(seed & 0xFFFFu);
                p->num1 = (double)(int16_t)(uint16_t)p->rand * DV32768;
            } else {
                p->rand = (int32_t)(seed % 0x7FFFFFFEu) + 1;
                p->num1 = bipolar31(p->rand);
            }
        } else if (!p->new31) {
            p->rand = 0xFFFF & (int32_t)to_int16(iseed * 32768.0);
            p->num1 = iseed;
        } else {
            p->rand = randint31(randint31(to_int32(iseed * 2147483648.0)));
            p->num1 = bipolar31(p->rand);
        }
        p->phs = 0;
    }
    p->ampa = op_isa(o, 1);
    p->cpsa = op_isa(o, 2);
    return 0;
}

static int randi_init(OP *o, OP_CTX *c)
{
    RANDHI *p = (RANDHI *)o;
    double iseed = *p->iseed.k;
    p->new31 = *p->isize.k != 0.0;
    if (iseed >= 0.0) {
        if (iseed > 1.0) {
            uint32_t seed = seed_from_time(c, 1);
            if (!p->new31) {
                int16_t r = (int16_t)(uint16_t)seed;
                p->num1 = (double)r * DV32768;
                r = step16(r);
                p->rand = r;
                p->num2 = (double)r * DV32768;
            } else {
                p->rand = randint31(randint31((int32_t)(seed % 0x7FFFFFFEu) + 1));
                p->num1 = (double)(int32_t)((uint32_t)p->rand << 1) * DV2_31;
                p->rand = randint31(p->rand);
                p->num2 = (double)(int32_t)((uint32_t)p->rand << 1) * DV2_31;
            }
        } else if (!p->new31) {
            int16_t r = step16(to_int16(iseed * 32768.0));
            p->num1 = iseed;
            p->num2 = (double)r * DV32768;
            p->rand = r;
        } else {
            if (iseed == 0.0) iseed = 0.5;
            p->rand = randint31(randint31(to_int32(iseed * 2147483648.0)));
            p->num1 = (double)(p->rand < 1) * DV2_31;                  /* sic */
            p->rand = randint31(p->rand);
            p->num2 = (double)(int32_t)((uint32_t)p->rand << 1) * DV2_31; /* sic */
        }
        p->phs = 0;
        p->dfdmax = (p->num2 - p->num1) / FMAXLEN;
    }
    p->ampa = op_isa(o, 1);
    p->cpsa = op_isa(o, 2);
    return 0;
}

/* Csound keeps this phase in an int32 that wraps; the wrap is explicit here
 * (a huge or negative frequency held for a while overflowed the int64: UB,
 * found by fuzzing).  Unchanged for the phases real frequencies give. */
static int64_t phs_add(int64_t phs, int64_t inc)
{
    return (int32_t)(uint32_t)((uint64_t)phs + (uint64_t)inc);
}

static void randh_k(OP *o, OP_CTX *c)
{
    RANDHI *p = (RANDHI *)o;
    *p->res.k = *p->ioffset.k + p->num1 * *p->xamp.k;
    p->phs = phs_add(p->phs, op_i64(*p->xcps.k * (FMAXLEN / c->kr)));
    if (p->phs >= MAXLEN) {
        p->phs &= PHMASK;
        p->num1 = randhi_next(p);
    }
}

static void randi_k(OP *o, OP_CTX *c)
{
    RANDHI *p = (RANDHI *)o;
    *p->res.k = *p->ioffset.k + (p->num1 + (double)p->phs * p->dfdmax) * *p->xamp.k;
    p->phs = phs_add(p->phs, op_i64(*p->xcps.k * (FMAXLEN / c->kr)));
    if (p->phs >= MAXLEN) {
        p->phs &= PHMASK;
        p->num1 = p->num2;
        p->num2 = randhi_next(p);
        p->dfdmax = (p->num2 - p->num1) / FMAXLEN;
    }
}

/* amplitude and frequency of the i-th active frame: audio inputs are read
 * from frame i counted from 0, as Csound walks them from the block's start */
#define AMP(p, i) ((p)->ampa ? (double)(p)->xamp.a[i] : *(p)->xamp.k)
#define CPS(p, i) ((p)->cpsa ? (double)(p)->xcps.a[i] : *(p)->xcps.k)

static void randh_a(OP *o, OP_CTX *c)
{
    RANDHI *p = (RANDHI *)o;
    float *ar = p->res.a;
    double base = *p->ioffset.k, sicvt = FMAXLEN / c->sr;
    int64_t phs = p->phs, inc = op_i64(CPS(p, 0) * sicvt);
    for (int n = c->ofs, i = 0; n < c->end; n++, i++) {
        ar[n] = (float)(base + p->num1 * AMP(p, i));
        phs = phs_add(phs, inc);
        if (p->cpsa && i + 1 < c->ksmps) inc = op_i64(CPS(p, i + 1) * sicvt);
        if (phs >= MAXLEN) {
            phs &= PHMASK;
            p->num1 = randhi_next(p);
        }
    }
    p->phs = phs;
    op_aclear_edges(ar, c);
}

static void randi_a(OP *o, OP_CTX *c)
{
    RANDHI *p = (RANDHI *)o;
    float *ar = p->res.a;
    double base = *p->ioffset.k, sicvt = FMAXLEN / c->sr;
    int64_t phs = p->phs, inc = op_i64(CPS(p, 0) * sicvt);
    for (int n = c->ofs, i = 0; n < c->end; n++, i++) {
        ar[n] = (float)(base + (p->num1 + (double)phs * p->dfdmax) * AMP(p, i));
        phs = phs_add(phs, inc);
        if (p->cpsa && i + 1 < c->ksmps) inc = op_i64(CPS(p, i + 1) * sicvt);
        if (phs >= MAXLEN) {
            phs &= PHMASK;
            p->num1 = p->num2;
            p->num2 = randhi_next(p);
            p->dfdmax = (p->num2 - p->num1) / FMAXLEN;
        }
    }
    p->phs = phs;
    op_aclear_edges(ar, c);
}

/* ------------------------------------------------------------------------ */
/* Engine-wide generators.  Csound keeps two generators per Csound instance that
 * several opcodes share and `seed` resets: holdrand (random: x = 214013 x +
 * 2531011 in 32 bits, starting at 2345678, so `random` repeats from run to
 * run) and randSeed1 (noise: x = 742938285 x mod 2^31 - 1, seeded from the
 * clock; Csound 6.18's noise differs from run to run even after `seed`, so only
 * its statistics can be compared; here `seed` makes it repeat).  They live in
 * one state per engine (OP_SHARED), each beside a record of the `seed` value it
 * last took, so a later `seed` takes effect at the next init.  Only the
 * processing thread touches it (and instr 0's init before processing). */
typedef struct { double state, applied; } RNG_GEN;   /* a 32-bit integer is exact in a double */
typedef struct {
    uint32_t seed;          /* the last `seed`, 0 when none ran */
    RNG_GEN holdrand, randseed1;
} RNG_STATE;
static const OP_SHARED rng_shared = { "random generators", sizeof(RNG_STATE), NULL, NULL };

typedef struct { double *state, *applied; } SHARED_RNG;

/* Point g at the engine's generator `which` of r (a member), seeding it as
 * `seed` asked: 1 when a (new) seed was applied, 0 when not, -1 on error. */
static int shared_rng(OP *o, OP_CTX *c, SHARED_RNG *g, size_t which, double dflt, int from_time)
{
    RNG_STATE *r = op_shared(c, &rng_shared);
    if (!r) return op_initerr(c, o, "the engine has no random generators (instrument not prepared)");
    RNG_GEN *gen = (RNG_GEN *)((char *)r + which);
    g->state = &gen->state;
    g->applied = &gen->applied;
    double seed = (double)r->seed + 1.0;               /* 0: never set */
    if (gen->applied == 0.0 && seed == 1.0) {          /* first use, no seed: the default */
        gen->state = from_time ? (double)(seed_from_time(c, 0) % 0x7FFFFFFEu + 1u) : dflt;
        gen->applied = 1.0;
    } else if (gen->applied != seed) {                 /* a (new) seed */
        gen->state = seed - 1.0;
        gen->applied = seed;
        return 1;
    }
    return 0;
}

/* ---- seed ---- */

/*
 * seed ival (Csound's seedrand, OOps/aops.c): the seed of the engine-wide
 * random generators: lrint-like rounding (ival + 0.5 truncated); 0 seeds from
 * the clock.  Csound applies it to its global generators (the x-class noise
 * opcodes, rnd, birnd); here it is stored per engine and noise opcodes read it
 * from the engine's shared RNG_STATE.
 */

typedef struct {
    OP h;
    OP_ARG ival;
} SEED;

static int seed_init(OP *o, OP_CTX *c)
{
    int32_t xx = op_int(*((SEED *)o)->ival.k + 0.5);
    uint32_t v;
    if (xx > 0) {
        v = (uint32_t)xx;
    } else {
        v = (uint32_t)time(NULL);
        if (v == 0) v = 1;
        op_msg(c, "Seeding from current time %u\n", (unsigned)v);
    }
    RNG_STATE *r = op_shared(c, &rng_shared);
    if (!r) return op_initerr(c, o, "the engine has no random generators (instrument not prepared)");
    r->seed = v;
    return 0;
}

/* ---- noise xamp, kbeta (Opcodes/noise.c varicolset/varicol) ----
 * White noise from randSeed1 through a one-pole filter of coefficient beta
 * (-1 < beta < 1: pink-ish for beta > 0), scaled by sqrt(1 - beta^2) and by
 * 0.785 / (1 + beta) to keep the level:
 *   x = beta x[-1] + sqrt(1 - beta²) r,  y = x · amp · 0.785 / (1 + beta). */
typedef struct {
    OP h;
    OP_ARG ar, xamp, kbeta;
    SHARED_RNG g;
    double last, lastbeta, sq1mb2, ampmod;
    int ampa;
} NOISE;

static int noise_init(OP *o, OP_CTX *c)
{
    NOISE *p = (NOISE *)o;
    int rc = shared_rng(o, c, &p->g, offsetof(RNG_STATE, randseed1), 0, 1);
    if (rc < 0) return rc;
    if (rc == 1) {
        uint32_t v = (uint32_t)op_i64(*p->g.state);  /* Csound's seedrand reduction */
        while (v >= 0x7FFFFFFEu) v -= 0x7FFFFFFEu;
        *p->g.state = (double)(v ? v : 1);
    }
    p->last = 0.0;
    p->lastbeta = *p->kbeta.k;
    p->sq1mb2 = sqrt(1.0 - p->lastbeta * p->lastbeta);
    p->ampmod = 0.785 / (1.0 + p->lastbeta);
    p->ampa = op_isa(o, 1);
    return 0;
}

/* x = 742938285 x mod (2^31 - 1), in Csound's 64-bit reduction (csoundRand31) */
static inline int32_t rand31_fm(int32_t *seed)
{
    uint64_t t1 = (uint64_t)((int64_t)*seed * 742938285);
    uint32_t t2 = (uint32_t)t1 & 0x7FFFFFFFu;
    t2 += (uint32_t)(t1 >> 31);
    t2 = (t2 & 0x7FFFFFFFu) + (t2 >> 31);
    return *seed = (int32_t)t2;
}

static void noise_perf(OP *o, OP_CTX *c)
{
    NOISE *p = (NOISE *)o;
    float *out = p->ar.a;
    double beta = *p->kbeta.k;
    if (beta != p->lastbeta) {
        p->lastbeta = beta;
        p->sq1mb2 = sqrt(1.0 - beta * beta);
        p->ampmod = 0.785 / (1.0 + beta);
    }
    double lastx = p->last, sq1mb2 = p->sq1mb2, ampmod = p->ampmod;
    int32_t seed = (int32_t)*p->g.state;
    for (int n = c->ofs, i = 0; n < c->end; n++, i++) {
        double rnd = 2.0 * (double)(rand31_fm(&seed) - 1) / 2147483645.0 - 1.0;
        lastx = lastx * beta + sq1mb2 * rnd;
        out[n] = (float)(lastx * AMP(p, i) * ampmod);     /* a-rate amp read from frame 0, as Csound */
    }
    *p->g.state = (double)seed;
    p->last = lastx;
    op_aclear_edges(out, c);
}

/* ---- random kmin, kmax (Opcodes/uggab.c ikRangeRand/aRangeRand) ----
 * min + (max - min) · u, u = bits 1..31 of holdrand / (2^31 - 1). */
typedef struct {
    OP h;
    OP_ARG res, kmin, kmax;     /* ares, kres or ires; imin, imax in the i-rate form */
    SHARED_RNG g;
} RANDOM;

static inline double rand_gab(double *state)
{
    uint32_t h = (uint32_t)(int32_t)*state * 214013u + 2531011u;
    *state = (double)(int32_t)h;
    return (double)((h >> 1) & 0x7FFFFFFFu) * (1.0 / 2147483647.0);
}

static int random_setup(OP *o, OP_CTX *c)
{
    RANDOM *p = (RANDOM *)o;
    int rc = shared_rng(o, c, &p->g, offsetof(RNG_STATE, holdrand), 2345678.0, 0);
    if (rc < 0) return rc;
    if (rc == 1) *p->g.state = (double)(int32_t)((uint32_t)op_i64(*p->g.state) & 0x7FFFFFFFu);
    return 0;
}

static void random_k(OP *o, OP_CTX *c)
{
    RANDOM *p = (RANDOM *)o;
    double st = *p->g.state;
    *p->res.k = rand_gab(&st) * (*p->kmax.k - *p->kmin.k) + *p->kmin.k;
    *p->g.state = st;
}

static int random_i(OP *o, OP_CTX *c)
{
    if (random_setup(o, c)) return -1;
    random_k(o, c);
    return 0;
}

static void random_a(OP *o, OP_CTX *c)
{
    RANDOM *p = (RANDOM *)o;
    float *out = p->res.a;
    double min = *p->kmin.k, rge = *p->kmax.k - min;
    double st = *p->g.state;   /* in a local for the loop, stored back once */
    for (int n = c->ofs; n < c->end; n++) out[n] = (float)(rand_gab(&st) * rge + min);
    *p->g.state = st;
    op_aclear_edges(out, c);
}

/* the a-rate forms take x inputs (their inits ask op_isa which are audio);
 * Csound's k-rate forms take k-rate arguments only */
#define HI_ENTRIES(NAME, INIT, PERF_A, PERF_K)                                         \
    { NAME, "a", "xxvoo", sizeof(RANDHI), INIT, PERF_A, OP_ARGS_IN(6) },               \
    { NAME, "k", "kkvoo", sizeof(RANDHI), INIT, PERF_K, OP_ARGS_IN(6) }

static const OP_DESC op_noise[] = {
    { "rand", "a", "xvoo", sizeof(RAND), rand_init, rand_a, OP_ARGS_IN(5) },
    { "rand", "k", "kvoo", sizeof(RAND), rand_init, rand_k, OP_ARGS_IN(5) },
    HI_ENTRIES("randh", randh_init, randh_a, randh_k),
    HI_ENTRIES("randi", randi_init, randi_a, randi_k),
    { "noise", "a", "xk", sizeof(NOISE), noise_init, noise_perf, OP_ARGS_IN(3), NULL, &rng_shared },
    { "random", "a", "kk", sizeof(RANDOM), random_setup, random_a, OP_ARGS_IN(3), NULL, &rng_shared },
    { "random", "k", "kk", sizeof(RANDOM), random_setup, random_k, OP_ARGS_IN(3), NULL, &rng_shared },
    { "random", "i", "ii", sizeof(RANDOM), random_i, NULL, OP_ARGS_IN(3), NULL, &rng_shared },
    { "seed", "", "i", sizeof(SEED), seed_init, NULL, OP_ARGS_IN(1), NULL, &rng_shared },
    OP_END
};
OP_FAMILY(noise, "Signal Generators: Random (Noise) Generators", op_noise);
