/* drivers.h — the thin drivers that run the engine: offline (a loop) and, later, JACK. */
#ifndef ONDES_DRIVERS_H
#define ONDES_DRIVERS_H

#include <stdint.h>
#include <stdio.h>
#include "../engine/engine.h"

typedef struct drv_offline_opts {
    const char *path;       /* output sound file */
    const char *format;     /* NULL: from the extension */
    const char *bits;       /* NULL: 24 */
    double duration;        /* seconds; < 0: until the end time plus the tail */
    double end_time;        /* the session's end (seconds) */
    double tail;            /* seconds after end_time */
    int progress;           /* draw a progress bar on stderr */
} DRV_OFFLINE_OPTS;

typedef struct drv_report {
    int64_t frames;
    double seconds;         /* wall clock */
} DRV_REPORT;

/* Render as fast as the CPU allows, messages from the engine to `msgs`.
 * Returns 0, or -1 with a message in err. */
int drv_offline_render(ENGINE *e, const DRV_OFFLINE_OPTS *o, FILE *msgs, DRV_REPORT *rep, char *err, size_t errlen);

/* Print what the engine's message ring holds (a control thread's job). */
void drv_drain_messages(ENGINE *e, FILE *to);

#endif
