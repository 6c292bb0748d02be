/* osc.h — the OSC server (liblo): decodes and validates messages, hands commands to the session, answers. */
#ifndef ONDES_OSC_H
#define ONDES_OSC_H

#include <stdint.h>
#include "../session/session.h"

typedef struct osc_server OSC_SERVER;

/* Maps an OSC time tag to the engine's sample frame (the driver knows how). */
typedef int64_t (*osc_time_fn)(void *ud, uint32_t ntp_sec, uint32_t ntp_frac);

/* The driver's own figures for /status: DSP load (percent) and xruns. */
typedef void (*osc_dstats_fn)(void *ud, double *dsp_load, double *xruns);

/* Open UDP `port` bound to `bind` ("127.0.0.1" unless told otherwise), and
 * with `tcp` the same port over TCP (OSC 1.0 stream framing: a 32-bit
 * big-endian length before each packet; replies go back on the connection).
 * NULL with a message in err when the port cannot be had. */
OSC_SERVER *osc_open(SESSION *s, const char *port, const char *bind, int tcp, osc_time_fn tmap,
                     osc_dstats_fn dstats, void *ud, char *err, size_t errlen);
void osc_close(OSC_SERVER *o);

/* --allow: only these clients (and 127.0.0.1, ::1) may send; others'
 * packets are dropped unanswered and their TCP connections closed (acl.h).
 * NULL or an empty list: everyone.  Before the first osc_poll. */
struct osc_acl;
void osc_set_allow(OSC_SERVER *o, const struct osc_acl *acl);

/* Control thread: receive and handle messages for up to timeout_ms, then
 * send the engine's replies (/synced, /status.reply, /event/end, /fail). */
void osc_poll(OSC_SERVER *o, int timeout_ms);

/* A /quit arrived. */
int osc_quit_requested(const OSC_SERVER *o);

/* Counters for /status: messages handled, refused. */
int64_t osc_count_refused(const OSC_SERVER *o);

/* Handle one packet as if a UDP peer sent it (no socket read; replies go
 * nowhere): the fuzzing harness's way in.  Control thread. */
void osc_feed(OSC_SERVER *o, const void *data, size_t n);

#endif
