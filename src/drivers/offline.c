/* offline.c — the offline driver: the engine's process() in a loop, blocks written with libsndfile. */
#include "drivers.h"
#include "../io/audiofile.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHUNK 4096   /* frames per process() call: any size gives the same samples */

void drv_drain_messages(ENGINE *e, FILE *to)
{
    char buf[4096];
    size_t n;
    while ((n = eng_msg_read(e, buf, sizeof buf)) > 0) fwrite(buf, 1, n, to);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void progress_bar(int64_t done, int64_t total, int final)
{
    int width = 40;
    double f = total > 0 ? (double)done / (double)total : 1;
    int k = (int)(f * width);
    fprintf(stderr, "\r[");
    for (int i = 0; i < width; i++) fputc(i < k ? '#' : ' ', stderr);
    fprintf(stderr, "] %3d%%", (int)(f * 100));
    if (final) fputs("\r\033[K", stderr);
    fflush(stderr);
}

int drv_offline_render(SESSION *s, const DRV_OFFLINE_OPTS *o, FILE *msgs, DRV_REPORT *rep, char *err, size_t errlen)
{
    ENGINE *e = ses_engine(s);
    const ENG_CONFIG *cfg = eng_config(e);
    double secs = o->duration >= 0 ? o->duration : o->end_time;
    int64_t total = (int64_t)llround(secs * cfg->sr);
    if (total < 0) total = 0;
    AF_WRITER *w = af_open_write(o->path, cfg->sr, cfg->nchnls, o->format, o->bits, err, errlen);
    if (!w) return -1;
    float *bufs[64];
    float *mem = malloc(sizeof(float) * CHUNK * (size_t)cfg->nchnls);
    for (int ch = 0; ch < cfg->nchnls; ch++) bufs[ch] = mem + (size_t)ch * CHUNK;
    double t0 = now(), last_draw = 0;
    int64_t done = 0;
    int r = 0;
    /* With a score (o->score_end), the engine says where the performance
     * ends (eng_score_over); the limiter's look-ahead runs out and the tail
     * plays after it, the engine's silent blocks. */
    int open_end = o->score_end && o->duration < 0;
    int64_t more = (int64_t)llround(o->lookahead * cfg->sr) + (int64_t)llround(o->tail * cfg->sr);
    while (open_end || done < total) {
        int n = open_end || total - done >= CHUNK ? CHUNK : (int)(total - done);
        eng_process(e, bufs, NULL, n);
        int stop = 0;
        if (open_end && eng_score_over(e)) {
            open_end = 0;
            total = eng_exit_frame(e) + more;
            if (total < done + n) n = total > done ? (int)(total - done) : 0;
        } else if (eng_ended(e) && !eng_score_over(e) && eng_exit_frame(e) < done + n) {
            /* exitnow (or a line event's e): the performance stops at its frame */
            stop = 1;
            n = eng_exit_frame(e) > done ? (int)(eng_exit_frame(e) - done) : 0;
        }
        if (af_write(w, (const float *const *)bufs, n, err, errlen)) { r = -1; break; }
        done += n;
        if (stop) break;
        ses_drain_replies(s);   /* replaced tables and instruments freed as the render goes */
        drv_drain_messages(e, msgs);
        if (o->progress && now() - last_draw > 0.1) {
            progress_bar(done, total, 0);
            last_draw = now();
        }
    }
    /* An event list's end: as Csound does, the end of the score stops held notes and lets every
     * release finish: render on, block by block, until no voice sounds
     * (at most a minute more), then the tail. */
    if (!r && o->duration < 0 && !eng_ended(e)) {
        ENG_EVENT stop;
        memset(&stop, 0, sizeof stop);
        stop.type = EV_STOPALL;
        stop.frame = eng_frame(e);
        eng_schedule(e, &stop);
        int64_t limit = done + (int64_t)(60 * cfg->sr);
        while (eng_active_voices(e) > 0 && done < limit && !r) {
            eng_process(e, bufs, NULL, cfg->ksmps);
            r = af_write(w, (const float *const *)bufs, cfg->ksmps, err, errlen);
            done += cfg->ksmps;
        }
        int64_t tail = (int64_t)llround(o->tail * cfg->sr);
        for (int64_t t = 0; t < tail && !r; t += CHUNK) {
            int n = tail - t < CHUNK ? (int)(tail - t) : CHUNK;
            eng_process(e, bufs, NULL, n);
            r = af_write(w, (const float *const *)bufs, n, err, errlen);
            done += n;
        }
    }
    if (o->progress) progress_bar(done, total, 1);
    ses_drain_replies(s);
    drv_drain_messages(e, msgs);
    free(mem);
    char e2[256];
    if (af_close(w, e2, sizeof e2) && !r) {
        snprintf(err, errlen, "%s", e2);
        r = -1;
    }
    rep->frames = done;
    rep->seconds = now() - t0;
    return r;
}
