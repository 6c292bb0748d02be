/* drivers.h — the thin drivers that run the engine: offline (a loop) and, later, JACK. */
#ifndef ONDES_DRIVERS_H
#define ONDES_DRIVERS_H

#include <stdint.h>
#include <stdio.h>
#include "../engine/engine.h"
#include "../session/session.h"

typedef struct drv_offline_opts {
    const char *path;       /* output sound file */
    const char *format;     /* NULL: from the extension */
    const char *bits;       /* NULL: 24 */
    double duration;        /* seconds; < 0: until the end time plus the tail */
    double end_time;        /* the session's end (seconds) */
    double tail;            /* seconds after end_time (or after the score's end) */
    int score_end;          /* the engine ends the performance at its score's end (EV_SCORE_END queued):
                             * render to there (duration < 0), then the limiter's look-ahead and the tail */
    double lookahead;       /* seconds the limiter delays the output by */
    int progress;           /* draw a progress bar on stderr */
} DRV_OFFLINE_OPTS;

typedef struct drv_report {
    int64_t frames;
    double seconds;         /* wall clock */
} DRV_REPORT;

/* Render the session's engine as fast as the CPU allows, messages from the
 * engine to `msgs`, its replies drained by the session (ses_drain_replies).
 * Returns 0, or -1 with a message in err. */
int drv_offline_render(SESSION *s, const DRV_OFFLINE_OPTS *o, FILE *msgs, DRV_REPORT *rep, char *err, size_t errlen);

/* ---- JACK (built when configure finds JACK and liblo) ---- */

struct session;
typedef struct drv_jack DRV_JACK;

typedef struct drv_jack_opts {
    int no_connect;            /* leave outputs unconnected */
    const char *connect_regex; /* connect to input ports matching this, else the physical playback ports */
    int port;                  /* OSC UDP port */
    const char *bind;          /* OSC address to bind */
    const struct osc_acl *allow; /* --allow: the clients that may send (NULL: everyone) */
    int tcp;                   /* OSC over TCP too, on the same port */
    const char *record;        /* --record OUT.wav (or the --render file with freewheel), or NULL */
    const char *format, *bits; /* its format (NULL: from the extension; 32-bit float) */
    int freewheel;             /* render through JACK's freewheel mode: no OSC, stop at the end */
    int exit_at_end;           /* stop after end_time once no voice sounds */
    double end_time;
} DRV_JACK_OPTS;

/* Connect to the JACK server as client `name` (before the engine exists: JACK's sample rate rules). */
DRV_JACK *drv_jack_open(const char *name, char *err, size_t errlen);
double drv_jack_sample_rate(const DRV_JACK *d);
/* Register ports, open OSC, activate, and run the control loop until /quit,
 * a signal, the server's shutdown or (with exit_at_end) the end.  0 on a clean stop. */
int drv_jack_run(DRV_JACK *d, struct session *s, const DRV_JACK_OPTS *o, FILE *msgs, char *err, size_t errlen);
void drv_jack_close(DRV_JACK *d);

/* Print what the engine's message ring holds (a control thread's job). */
void drv_drain_messages(ENGINE *e, FILE *to);

#endif
