/* jack.c — the JACK driver: the engine's process() in JACK's callback, OSC on the control thread, --record on its own disk thread. */
#include "drivers.h"
#include "../osc/osc.h"
#include <jack/jack.h>
#include "../io/audiofile.h"
#include "../engine/spsc.h"
#include <sys/mman.h>
#include <unistd.h>
#include <math.h>
#include <pthread.h>
#include <regex.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__SSE__) || defined(__x86_64__)
#include <xmmintrin.h>
#define HAVE_FTZ 1
#endif

/*
 * The process callback is the whole real-time path: denormals off, the
 * engine over JACK's period (it runs whole ksmps blocks inside and buffers,
 * so the output never depends on the period), the output copied into a
 * ring for --record.  It never waits: a full record ring is
 * counted as an overrun.  OSC and messages run on the control thread in
 * drv_jack_run's loop; the disk has a thread of its own (rec_thread), so no
 * control work (a long command, a slow client) can make the record ring
 * overflow: the writer only ever waits for the disk.
 */

#define MAXCH 64
#define REC_CHUNK 1024

struct drv_jack {
    jack_client_t *client;
    jack_port_t *out[MAXCH], *in[MAXCH];
    int nout, nin;
    double sr;
    ENGINE *eng;
    _Atomic int ready;
    _Atomic int shutdown;
    _Atomic int64_t xruns;
    _Atomic int64_t frames;             /* frames processed so far */
    /* the last period's start as one value, so a reader never pairs one
     * period's start with another's frame count: JACK's frame time in the high
     * 32 bits, the low 32 bits of the engine frames done before it in the low */
    _Atomic uint64_t cycle;
    /* ondes' own DSP load: the share of each period the callback takes,
     * smoothed over ~20 periods, in 1/10000 (JACK's jack_cpu_load measures
     * the whole graph and, with the dummy backend under overload, reads near 0) */
    _Atomic int load_e4;
    double load_ema;                    /* the callback's own running value */
    /* --record: interleaved frames, callback → control thread.  Our SPSC ring
     * rather than jack_ringbuffer: C11 acquire/release that ThreadSanitizer
     * checks (libjack's ring synchronises in code TSan cannot see) */
    SPSC rec;
    int recording;
    int freewheel;                      /* JACK's freewheel mode: the callback may wait for the disk */
    float *inter;                       /* interleaving buffer for the record ring, REC_CHUNK frames */
    _Atomic int64_t rec_overruns;
    /* the disk writer: drains rec into rec_file every few ms until rec_stop */
    pthread_t rec_tid;
    AF_WRITER *rec_file;
    _Atomic int rec_stop;
    _Atomic int rec_failed;             /* a write failed: the reason is in rec_err */
    char rec_err[256];
    char name[128];
};

/* atomic, not volatile sig_atomic_t: the handler may run on one of JACK's
 * threads, not the control thread that reads it (lock-free: signal-safe) */
static atomic_int stop_signal;
static void on_signal(int sig) { atomic_store_explicit(&stop_signal, sig, memory_order_relaxed); }

static int process(jack_nframes_t n, void *arg)
{
    DRV_JACK *d = arg;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);   /* the vDSO: no system call, safe here */
#ifdef HAVE_FTZ
    _mm_setcsr(_mm_getcsr() | 0x8040);   /* flush-to-zero and denormals-are-zero */
#endif
    float *out[MAXCH];
    const float *in[MAXCH];
    for (int i = 0; i < d->nout; i++) out[i] = jack_port_get_buffer(d->out[i], n);
    for (int i = 0; i < d->nin; i++) in[i] = jack_port_get_buffer(d->in[i], n);
    if (!atomic_load_explicit(&d->ready, memory_order_acquire)) {
        for (int i = 0; i < d->nout; i++) memset(out[i], 0, sizeof(float) * n);
        return 0;
    }
    int64_t done = atomic_load_explicit(&d->frames, memory_order_relaxed);
    atomic_store_explicit(&d->cycle, (uint64_t)jack_last_frame_time(d->client) << 32 | (uint32_t)done,
                          memory_order_release);
    eng_process(d->eng, out, d->nin ? in : NULL, (int)n);
    if (d->recording) {
        /* freewheeling is not real time: JACK lets the callback wait for the
         * disk there, and a render must lose nothing */
        for (int tries = 0; d->freewheel && spsc_space(&d->rec) < n && tries < 10000; tries++)
            usleep(1000);
        if (spsc_space(&d->rec) < n) {
            atomic_fetch_add_explicit(&d->rec_overruns, 1, memory_order_relaxed);
        } else {
            for (jack_nframes_t at = 0; at < n; at += REC_CHUNK) {
                jack_nframes_t k = n - at < REC_CHUNK ? n - at : REC_CHUNK;
                for (jack_nframes_t i = 0; i < k; i++)
                    for (int ch = 0; ch < d->nout; ch++) d->inter[i * (size_t)d->nout + ch] = out[ch][at + i];
                spsc_push_n(&d->rec, d->inter, k);   /* fits: the whole period's space was checked */
            }
        }
    }
    /* the cycle's last store, with release: once JACK has stopped calling us,
     * the control thread's acquire load of it makes every write of the last
     * cycle visible before it frees the engine and these buffers (JACK stops
     * this thread inside libjack, where TSan cannot see the ordering) */
    atomic_store_explicit(&d->frames, done + n, memory_order_release);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double busy = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9;
    d->load_ema += 0.05 * (busy * d->sr / n - d->load_ema);
    atomic_store_explicit(&d->load_e4, (int)(d->load_ema * 1e4 < 1e8 ? d->load_ema * 1e4 : 1e8), memory_order_relaxed);
    return 0;
}

static int on_xrun(void *arg)
{
    DRV_JACK *d = arg;
    atomic_fetch_add_explicit(&d->xruns, 1, memory_order_relaxed);
    return 0;
}

static void on_shutdown(void *arg)
{
    DRV_JACK *d = arg;
    atomic_store(&d->shutdown, 1);
}

DRV_JACK *drv_jack_open(const char *name, char *err, size_t errlen)
{
    DRV_JACK *d = calloc(1, sizeof *d);
    jack_status_t st;
    d->client = jack_client_open(name, JackNoStartServer, &st);
    if (!d->client) {
        snprintf(err, errlen, "cannot connect to a JACK server (status 0x%x): is jackd running?", (unsigned)st);
        free(d);
        return NULL;
    }
    snprintf(d->name, sizeof d->name, "%s", jack_get_client_name(d->client));
    d->sr = jack_get_sample_rate(d->client);
    return d;
}

double drv_jack_sample_rate(const DRV_JACK *d) { return d->sr; }

/* OSC time tag (NTP) → engine frame: the frame now (JACK's frame clock since
 * the last period began, itself filtered by jackd's delay-locked loop) plus
 * the time tag's distance from the wall clock now. */
static int64_t tmap(void *ud, uint32_t sec, uint32_t frac)
{
    DRV_JACK *d = ud;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    double now = (double)ts.tv_sec + 2208988800.0 + ts.tv_nsec * 1e-9;
    double tag = (double)sec + frac / 4294967296.0;
    uint64_t cycle = atomic_load_explicit(&d->cycle, memory_order_acquire);
    uint32_t start = (uint32_t)(cycle >> 32);
    /* the full frame count: frames, read after the acquire, is at least the
     * count the pair was made from and less than 2^32 frames past it */
    int64_t fr = atomic_load_explicit(&d->frames, memory_order_relaxed);
    int64_t base = fr - (int64_t)(uint32_t)((uint32_t)fr - (uint32_t)cycle);
    /* signed: JACK's frame time read just before the period that set `start`
     * took effect is a few frames behind it, which unsigned made 2^32 frames
     * ahead (a bundle 0.3 s away was scheduled 24 hours later, found by the
     * horizon check of the re-render) */
    int64_t frame_now = base + (int64_t)(int32_t)(jack_frame_time(d->client) - start);
    return frame_now + (int64_t)llround((tag - now) * d->sr);
}

static void dstats(void *ud, double *load, double *xruns)
{
    DRV_JACK *d = ud;
    *load = atomic_load_explicit(&d->load_e4, memory_order_relaxed) / 100.0;   /* percent */
    *xruns = (double)atomic_load(&d->xruns);
}

static int connect_outputs(DRV_JACK *d, const DRV_JACK_OPTS *o, FILE *msgs)
{
    if (o->no_connect) return 0;
    const char **ports = jack_get_ports(d->client, o->connect_regex, NULL,
                                        JackPortIsInput | (o->connect_regex ? 0 : JackPortIsPhysical));
    if (!ports) {
        fprintf(msgs, "ondes: no JACK ports to connect to%s%s; outputs left unconnected\n",
                o->connect_regex ? " matching " : "", o->connect_regex ? o->connect_regex : "");
        return 0;
    }
    for (int i = 0; i < d->nout && ports[i]; i++)
        if (jack_connect(d->client, jack_port_name(d->out[i]), ports[i]))
            fprintf(msgs, "ondes: cannot connect %s to %s\n", jack_port_name(d->out[i]), ports[i]);
    jack_free(ports);
    return 0;
}

static int drain_record(DRV_JACK *d, AF_WRITER *w, char *err, size_t errlen)
{
    float buf[4096];
    size_t n;
    while ((n = spsc_pop_n(&d->rec, buf, 4096 / (size_t)d->nout)) > 0)
        if (af_write_interleaved(w, buf, (int)n, err, errlen)) return -1;
    return 0;
}

/* The disk thread: drains the record ring every 5 ms (the ring holds about
 * 4 s), then once more after rec_stop, when the callback no longer runs. */
static void *rec_thread(void *arg)
{
    DRV_JACK *d = arg;
    for (;;) {
        int stop = atomic_load_explicit(&d->rec_stop, memory_order_acquire);
        if (drain_record(d, d->rec_file, d->rec_err, sizeof d->rec_err)) {
            atomic_store_explicit(&d->rec_failed, 1, memory_order_release);
            break;
        }
        if (stop) break;
        nanosleep(&(struct timespec){ 0, 5000000 }, NULL);
    }
    return NULL;
}

/* Stop the disk thread (it drains what is left first) and close the file:
 * 0, or -1 with the first error in err. */
static int rec_finish(DRV_JACK *d, char *err, size_t errlen)
{
    atomic_store_explicit(&d->rec_stop, 1, memory_order_release);
    pthread_join(d->rec_tid, NULL);
    int rc = 0;
    if (atomic_load_explicit(&d->rec_failed, memory_order_acquire)) {
        snprintf(err, errlen, "%s", d->rec_err);
        rc = -1;
    }
    char e2[256];
    if (af_close(d->rec_file, e2, sizeof e2) && rc == 0) {
        snprintf(err, errlen, "%s", e2);
        rc = -1;
    }
    d->rec_file = NULL;
    return rc;
}

int drv_jack_run(DRV_JACK *d, SESSION *s, const DRV_JACK_OPTS *o, FILE *msgs, char *err, size_t errlen)
{
    ENGINE *e = ses_engine(s);
    const ENG_CONFIG *cfg = eng_config(e);
    d->eng = e;
    d->nout = cfg->nchnls;
    d->nin = cfg->nchnls_i;
    for (int i = 0; i < d->nout; i++) {
        char pn[32];
        snprintf(pn, sizeof pn, "out_%d", i + 1);
        d->out[i] = jack_port_register(d->client, pn, JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput, 0);
    }
    for (int i = 0; i < d->nin; i++) {
        char pn[32];
        snprintf(pn, sizeof pn, "in_%d", i + 1);
        d->in[i] = jack_port_register(d->client, pn, JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
    }
    AF_WRITER *rec = NULL;
    char e2[256];
    if (o->record) {
        rec = af_open_write(o->record, d->sr, d->nout, o->format, o->bits ? o->bits : "32f", err, errlen);
        if (!rec) return -1;
        size_t cap = 1;   /* about 4 s of frames, a power of two */
        while (cap < (size_t)d->sr * 4) cap <<= 1;
        d->inter = calloc((size_t)REC_CHUNK * (size_t)d->nout, sizeof(float));
        if (!d->inter || spsc_init(&d->rec, sizeof(float) * (size_t)d->nout, cap)) {
            snprintf(err, errlen, "out of memory for the --record ring");
            af_close(rec, e2, sizeof e2);
            return -1;
        }
        d->recording = 1;
        /* resident before the callback writes it: no page faults there */
        if (mlock(d->rec.buf, cap * d->rec.elem)) memset(d->rec.buf, 0, cap * d->rec.elem);
        d->rec_file = rec;
        if (pthread_create(&d->rec_tid, NULL, rec_thread, d)) {
            snprintf(err, errlen, "cannot start the --record disk thread");
            af_close(rec, e2, sizeof e2);
            return -1;
        }
    }
    char port[16];
    snprintf(port, sizeof port, "%d", o->port);
    OSC_SERVER *osc = o->freewheel ? NULL : osc_open(s, port, o->bind, o->tcp, tmap, dstats, d, err, errlen);
    if (!osc && !o->freewheel) {
        if (rec) rec_finish(d, e2, sizeof e2);
        return -1;
    }
    if (osc) osc_set_allow(osc, o->allow);
    d->freewheel = o->freewheel;
    if (ses_go_live(s, err, errlen)) {
        osc_close(osc);
        if (rec) rec_finish(d, e2, sizeof e2);
        return -1;
    }
    jack_set_process_callback(d->client, process, d);
    jack_set_xrun_callback(d->client, on_xrun, d);
    jack_on_shutdown(d->client, on_shutdown, d);
    atomic_store_explicit(&d->ready, 1, memory_order_release);
    if (jack_activate(d->client)) {
        snprintf(err, errlen, "cannot activate the JACK client");
        osc_close(osc);
        if (rec) rec_finish(d, e2, sizeof e2);
        return -1;
    }
    if (o->freewheel) {
        if (jack_set_freewheel(d->client, 1)) fprintf(msgs, "ondes: JACK refused freewheel mode; rendering in real time\n");
        fprintf(msgs, "ondes: rendering through JACK's freewheel mode as client '%s' (%d out, %g Hz, ksmps %d)\n",
                d->name, d->nout, d->sr, cfg->ksmps);
    } else {
        connect_outputs(d, o, msgs);
        fprintf(msgs, "ondes: playing as JACK client '%s' (%d out, %g Hz, ksmps %d), OSC on %s:%d\n", d->name,
                d->nout, d->sr, cfg->ksmps, o->bind, o->port);
    }
    fflush(msgs);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    int rc = 0;
    int64_t end_frame = (int64_t)llround(o->end_time * d->sr);
    while (!atomic_load_explicit(&stop_signal, memory_order_relaxed) && !(osc && osc_quit_requested(osc))) {
        if (osc) osc_poll(osc, 10);
        else usleep(2000);
        ses_drain_replies(s);   /* freewheel has no OSC server: tables and instruments are freed all the same */
        drv_drain_messages(e, msgs);
        if (rec && atomic_load_explicit(&d->rec_failed, memory_order_acquire)) {
            snprintf(err, errlen, "%s", d->rec_err);
            rc = -1;
            break;
        }
        if (atomic_load(&d->shutdown)) {
            fprintf(msgs, "ondes: the JACK server went away; stopping\n");
            rc = 1;
            break;
        }
        if (o->exit_at_end && atomic_load(&d->frames) >= end_frame && eng_active_voices(e) == 0) break;
        if (eng_ended(e)) {   /* an instrument ended the performance (exitnow), as Csound exits */
            fprintf(msgs, "ondes: the performance ended (exitnow)\n");
            break;
        }
    }
    if (o->freewheel && !atomic_load(&d->shutdown)) jack_set_freewheel(d->client, 0);
    if (!atomic_load(&d->shutdown)) jack_deactivate(d->client);
    int64_t total = atomic_load_explicit(&d->frames, memory_order_acquire);   /* see the end of process() */
    if (rec && rec_finish(d, e2, sizeof e2) && rc == 0) {
        snprintf(err, errlen, "%s", e2);
        rc = -1;
    }
    ses_drain_replies(s);
    drv_drain_messages(e, msgs);
    int64_t ov = atomic_load(&d->rec_overruns);
    fprintf(msgs, "ondes: stopped after %.3f s; xruns %lld%s", (double)total / d->sr,
            (long long)atomic_load(&d->xruns), ov ? "" : "\n");
    if (ov) fprintf(msgs, "; recording overruns %lld (audio lost from the file)\n", (long long)ov);
    osc_close(osc);
    return rc;
}

void drv_jack_close(DRV_JACK *d)
{
    if (!d) return;
    if (!atomic_load(&d->shutdown)) jack_client_close(d->client);
    if (d->recording) spsc_free(&d->rec);
    free(d->inter);
    free(d);
}

int64_t drv_jack_xruns(const DRV_JACK *d) { return atomic_load(&((DRV_JACK *)d)->xruns); }
