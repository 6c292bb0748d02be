/* limiter.c — the master's look-ahead peak limiter: delay, windowed-minimum gain, boxcar smoothing, exponential release. */
#include "limiter.h"
#include <float.h>
#include <math.h>
#include <stdlib.h>

/*
 * Algorithm: a peak-hold look-ahead limiter (the windowed-minimum + moving-
 * average design), linked across channels.  With L samples of look-ahead and
 * W = L + 1, for each input frame n:
 *
 *   p[n]  = max over channels |x[n]|
 *   g[n]  = min(1, ceiling / p[n])                 the gain frame n needs
 *   r[n]  = min(g[n], 1 - (1 - r[n-1]) * rel)      instant attack, exponential release
 *   d[n]  = min(r[n-W+1 .. n])                     held over the window (monotonic deque)
 *   s[n]  = mean(d[n-W+1 .. n])                    boxcar: the gain ramps over the look-ahead
 *   y[n]  = x[n - L] * s[n]                        the signal delayed by the look-ahead
 *
 * Why it never overshoots: each d[j] for j in n-L .. n covers frame n-L in
 * its window, so d[j] <= r[n-L] <= g[n-L], and their mean s[n] <= g[n-L];
 * hence |y[n]| <= ceiling.  The gain ramps down linearly over the L frames
 * before a peak, holds L frames, then releases; between two samples it moves
 * by at most 1/W.  A signal that stays under the ceiling keeps every r at 1,
 * the sum at exactly W, and passes bit for bit, only delayed.
 *
 * The running minimum is a monotonic deque (Lemire's streaming min): each
 * value enters and leaves it once, so a block of n frames costs at most
 * n + W deque steps, never a scan of the window per sample.  The boxcar sum
 * is kept in integers (gains quantised down to 2^-32) so it never drifts
 * however long ondes runs.
 */

#define LIM_Q 4294967296.0    /* 2^32: the boxcar's gain quantum (W * 2^32 < 2^53 stays exact) */

int eng_lim_init(ENG_LIMITER *l, double ms, double sr, int nch, double ceiling)
{
    *l = (ENG_LIMITER){ .min_gain = 1 };
    if (!(ms > 0)) return 0;
    l->la = (int)lround(ms * sr / 1000.0);
    if (l->la < 1) l->la = 1;
    l->win = l->la + 1;
    l->nch = nch;
    /* 2^-20 under: |x| * s rounded to float cannot pass a ceiling that is itself a float */
    l->target = (double)(float)ceiling * (1.0 - 0x1p-20);
    l->rel = exp(-1.0 / (ENG_LIM_RELEASE_MS * 0.001 * sr));
    l->r = 1;
    l->delay = calloc((size_t)nch * (size_t)l->la, sizeof *l->delay);
    l->dq_t = calloc((size_t)l->win, sizeof *l->dq_t);
    l->dq_v = calloc((size_t)l->win, sizeof *l->dq_v);
    l->box = calloc((size_t)l->win, sizeof *l->box);
    if (!l->delay || !l->dq_t || !l->dq_v || !l->box) {
        eng_lim_free(l);
        return -1;
    }
    for (int i = 0; i < l->win; i++) l->box[i] = (int64_t)LIM_Q;   /* gain 1 before the first sample */
    l->sum = (int64_t)l->win * (int64_t)LIM_Q;
    l->on = 1;
    return 0;
}

void eng_lim_free(ENG_LIMITER *l)
{
    free(l->delay);
    free(l->dq_t);
    free(l->dq_v);
    free(l->box);
    l->delay = NULL;
    l->dq_t = NULL;
    l->dq_v = NULL;
    l->box = NULL;
    l->on = 0;
}

void eng_lim_process(ENG_LIMITER *l, float *buf, int n)
{
    const int nch = l->nch, la = l->la, win = l->win;
    const double norm = 1.0 / ((double)win * LIM_Q);
    for (int i = 0; i < n; i++) {
        float peak = 0;
        for (int ch = 0; ch < nch; ch++) {
            float ax = fabsf(buf[(size_t)ch * n + i]);
            /* the engine silences a voice that goes infinite; here it counts as
             * silence rather than pull the gain to zero for a whole release */
            if (ax <= FLT_MAX && ax > peak) peak = ax;
        }
        double g = peak > l->target ? l->target / peak : 1.0;
        double r = 1.0 - (1.0 - l->r) * l->rel;
        if (1.0 - r < 1e-9) r = 1.0;   /* released: exactly 1 again (-9e-9 dB), so the sum is W again and counting stops */
        if (g < r) r = g;
        l->r = r;

        /* sliding minimum of r over the last win frames; the oldest leaves
         * first so the ring never holds more than win */
        int64_t t = l->n++;
        if (l->dq_len > 0 && l->dq_t[l->dq_head] <= t - win) {   /* at most one expires per frame */
            l->dq_head = l->dq_head + 1 == win ? 0 : l->dq_head + 1;
            l->dq_len--;
        }
        while (l->dq_len > 0) {
            int last = l->dq_head + l->dq_len - 1;
            if (last >= win) last -= win;
            if (l->dq_v[last] < r) break;
            l->dq_len--;
        }
        int back = l->dq_head + l->dq_len;
        if (back >= win) back -= win;
        l->dq_t[back] = t;
        l->dq_v[back] = r;
        l->dq_len++;
        double d = l->dq_v[l->dq_head];

        /* boxcar mean of the held gain: exact integer running sum */
        int64_t q = (int64_t)(d * LIM_Q);   /* truncation rounds down: never more gain than needed */
        l->sum += q - l->box[l->bpos];
        l->box[l->bpos] = q;
        if (++l->bpos == win) l->bpos = 0;
        double s = (double)l->sum * norm;

        for (int ch = 0; ch < nch; ch++) {
            float *x = &buf[(size_t)ch * n + i];
            float *slot = &l->delay[(size_t)ch * la + l->dpos];
            float in = *x;
            if (!(fabsf(in) <= FLT_MAX)) in = 0;
            *x = (float)((double)*slot * s);
            *slot = in;
        }
        if (++l->dpos == la) l->dpos = 0;
        if (s < 1.0) {
            l->reduced += nch;
            if (s < l->min_gain) l->min_gain = s;
        }
    }
}
