/* engine.h — the synthesis engine: fixed ksmps blocks, the scheduler, voices; driven by a driver. */
#ifndef ONDES_ENGINE_H
#define ONDES_ENGINE_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "instr.h"

#define EV_MAXP 64          /* p-fields an event can carry (p1..p64) */
#define ENG_MAXINSTR 10000  /* instrument numbers 1..ENG_MAXINSTR-1 */
#define ENG_MAXTABLES 4096  /* table numbers 1..ENG_MAXTABLES-1 */

typedef struct engine ENGINE;

typedef struct eng_config {
    double sr;
    int ksmps;
    int nchnls;
    int nchnls_i;
    double dbfs;            /* 0dbfs */
    double a4;              /* A4 tuning */
    int max_voices;         /* voices (ENG_VOICE) preallocated; their memory comes from the pool below */
    size_t mem_bytes;       /* note memory (--memory): the real-time pool every voice takes its arena image
                             * and its op_alloc blocks from, reserved at start (rtalloc.c) */
    int max_events;         /* capacity of the pending-event queue */
    double ceiling;         /* linear full scale of the master limiter (1 = 0 dBFS) */
    double limiter_ms;      /* look-ahead of the soft master limiter (--limiter); 0 = off (hard ceiling only) */
    size_t global_bytes;    /* size of the g-variable area */
} ENG_CONFIG;
/* --memory's default: a 30-second stereo float delay line in each of 100
 * voices at 96 kHz (30 × 96000 × 2 × 4 × 100 bytes ≈ 2.2 GiB), with room
 * for headers and instrument images.  Address space only, except the first
 * ENG_MEM_WARM bytes, touched at start (see rta_new).  Smaller where
 * pointers are 32 bits and no such range exists. */
#define ENG_MEM_DEFAULT_MB (sizeof(void *) >= 8 ? 2304 : 256)
#define ENG_MEM_MAX_MB 524288           /* RTA_MAX_POOL */
#define ENG_MEM_WARM ((size_t)64 << 20)
#define ENG_LIM_DEFAULT_MS 5.0  /* --limiter's look-ahead when none is given */
#define ENG_LIM_MAX_MS 100.0    /* the longest look-ahead accepted */

void eng_config_default(ENG_CONFIG *cfg);

typedef enum {
    EV_START,       /* p[1..np]: instr, start, dur, p4…; id */
    EV_SET,         /* id; np pairs (pindex, value) in p[1..] */
    EV_AUTOMATE,    /* id; p[1] = pindex, p[2] = mode, p[3] = overtake, then (t, v) pairs (t in seconds from the event frame) */
    EV_STOP,        /* id: release then free */
    EV_KILL,        /* id: free now */
    EV_STOPALL,
    EV_PANIC,
    EV_INSTR,       /* ptr: INSTR_TMPL * to install as instrument `instr` */
    EV_TABLE,       /* ptr: FTABLE * to install as table `instr` (NULL frees) */
    EV_CHNSET,      /* ptr: the ENG_CHN; p[1] = value.  ptr NULL: create the channel named by the
                     * NUL-terminated string stored in the bytes of p[2..] (processing thread) */
    EV_END,         /* end of the score: the driver stops after this frame */
    EV_SYNC,        /* id: reply ENG_REPLY_SYNCED once every earlier command took effect */
    EV_STATUS,      /* reply ENG_REPLY_STATUS */
    EV_MUTE,        /* instr; p[1] = 0: start no new notes of it from now on (a score's q), else start them again */
    EV_BATCH        /* ptr: an ENG_BATCH, the events of one command (a /score), queued all in one block or none */
} EV_TYPE;

/* The events of one command that posts many (a /score): made on the control
 * thread, one pointer through the command ring, so a score of any length is
 * taken by one block — every event counted from that block, as the recorded
 * line says — and queued whole or refused whole (the queue has room for all
 * of them or nothing is queued).  Its events lie one after another, each
 * eng_event_bytes long rounded up to 8.  The engine hands it back to be
 * freed (ENG_REPLY_FREE_BATCH); refused, the tables its events carry go too. */
typedef struct eng_batch {
    size_t n, len;              /* events; bytes of data used */
    size_t cap;                 /* bytes of data reserved (the control thread's, while it fills it) */
    unsigned char data[];
} ENG_BATCH;
/* Control thread: free a batch, and with `tables` the tables its EV_TABLE events own. */
void eng_batch_free(ENG_BATCH *b, int tables);

/* Frame of an event posted without a time: the start of the next block. */
#define EV_NOW INT64_MIN
/* A posted event whose frame counts from the start of the block that takes it
 * (a delay from "now"), not from the start of the performance. */
#define EVF_RELATIVE 1

enum { AUTO_LINEAR, AUTO_COS, AUTO_SMOOTH, AUTO_EXPON };

typedef struct eng_event {
    int64_t frame;          /* exact sample frame it takes effect at */
    uint64_t seq;           /* insertion order: ties at equal frames keep it */
    int32_t type;
    int32_t id;             /* event id (client's or engine's); 0 = none */
    int32_t instr;
    int32_t np;             /* number of p[] values used */
    int32_t flags;          /* EVF_* */
    uint32_t cmd;           /* the posting command's number (0: none): reported back with its frame */
    uint32_t origin;        /* who sent it (the OSC server's client tag; 0: a file): failures go back there */
    int32_t late;           /* EV_START: frames its start was put back by (a note an instrument made, as
                             * Csound rounds its start to a k-cycle); its end counts from that much earlier */
    int64_t issued;         /* the frame the command was given at (its times count from there) */
    int32_t strbytes;       /* EV_START: bytes of string p-fields stored after p[np] (eng_event_add_string) */
    void *ptr;
    double p[EV_MAXP + 1];  /* p[0] unused, p-fields from p[1]; only p[1..eng_event_span] travel */
} ENG_EVENT;

/*
 * String p-fields (i 1 0 1 "file.wav", /sched … "text"): the text travels
 * inside the event, by value, in the bytes of the p-fields after p[np] (so
 * nothing is allocated or freed on either side, and a string lives exactly
 * as long as its event); the p-field itself holds a quiet NaN naming the
 * text's offset there (Csound's SSTRCOD: it prints as nan).  A note that
 * starts copies the texts into its own memory; op_pstring reads them.
 * Control thread, once np and every numeric p-field are final: 0, or -1 when
 * the texts no longer fit in the event (EV_MAXP p-fields in all).
 */
#define EV_STR_TAG 0x7FF8535400000000ull     /* quiet NaN, payload "ST" + the offset */
static inline double eng_str_code(uint32_t off)
{
    uint64_t b = EV_STR_TAG | off;
    double v;
    memcpy(&v, &b, sizeof v);
    return v;
}
/* The offset a string p-field's value names, or -1 when v is a number. */
static inline int64_t eng_str_offset(double v)
{
    uint64_t b;
    memcpy(&b, &v, sizeof b);
    return (b & 0xFFFFFFFF00000000ull) == EV_STR_TAG ? (int64_t)(b & 0xFFFFFFFFu) : -1;
}
static inline char *eng_event_strings(ENG_EVENT *ev) { return (char *)&ev->p[ev->np + 1]; }
static inline int eng_event_add_string(ENG_EVENT *ev, int k, const char *s)
{
    size_t n = strlen(s) + 1;
    size_t room = sizeof(double) * (size_t)(EV_MAXP - ev->np);
    if (k < 1 || k > ev->np || ev->np >= EV_MAXP || n > room - (size_t)ev->strbytes) return -1;
    memcpy(eng_event_strings(ev) + ev->strbytes, s, n);
    ev->p[k] = eng_str_code((uint32_t)ev->strbytes);
    ev->strbytes += (int32_t)n;
    return 0;
}

/* Lifecycle (control thread, before processing starts or after it stops). */
ENGINE *eng_new(const ENG_CONFIG *cfg, char *err, size_t errlen);
void eng_free(ENGINE *e);
const ENG_CONFIG *eng_config(const ENGINE *e);

/* Install tables and instruments before processing starts (control thread).
 * While processing runs, the same changes travel as EV_TABLE / EV_INSTR
 * events so the audio thread only swaps pointers. */
void eng_set_instr(ENGINE *e, int num, INSTR_TMPL *t);
/* Create the shared opcode states (OP_SHARED) the template's opcodes use
 * that this engine lacks yet.  Control thread, before the template can play:
 * before it is posted as EV_INSTR (the ring then publishes the states with
 * it); eng_set_instr and eng_run_instr0 do it themselves (a state that
 * cannot be made then fails the notes' init).  0, or -1 with a
 * message in err (out of memory, or a state that could not be made). */
int eng_prepare_instr(ENGINE *e, const INSTR_TMPL *t, char *err, size_t errlen);
const INSTR_TMPL *eng_get_instr(const ENGINE *e, int num);
void eng_set_table(ENGINE *e, int num, FTABLE *t);
const FTABLE *eng_get_table(const ENGINE *e, int num);
double *eng_globals(ENGINE *e);   /* the g-variable area */

/* Make a table with a GEN routine as Csound would in this orchestra: relative
 * sound file names are looked up in the current directory, then in the folder
 * set with eng_set_filedir (the .csd's, as Csound does); GEN -1 data is
 * scaled by 0dbfs.  Control thread only (allocates, reads files).  Returns
 * the table, not yet installed, or NULL with a message in err. */
FTABLE *eng_make_table(ENGINE *e, int num, int size, int gen, const double *args, int nargs, const char *path,
                       char *err, size_t errlen);
void eng_set_filedir(ENGINE *e, const char *dir);

/* A named control channel (chnget/chnset, /chn/set, /chn/get): the atomic
 * word op.h defines for opcodes (OP_CHN), under the engine's names. */
typedef OP_CHN ENG_CHN;
static inline double eng_chn_get(const ENG_CHN *c) { return op_chn_get(c); }
static inline void eng_chn_set(ENG_CHN *c, double v) { op_chn_set(c, v); }
#define ENG_CHN_NAMELEN 64  /* names are shorter than this */

/* The p-fields an event carries, p[1..span]: its np (and its string
 * p-fields' texts after them), never fewer than p1..p3
 * (a note's instrument, start and duration, a score stop's p1), and for an
 * EV_CHNSET that creates its channel the name stored from p[2].  Only these
 * cross the command ring and wait in the queue; the rest of p[] is not kept,
 * so nothing may read p-fields beyond them. */
static inline int eng_event_span(const ENG_EVENT *ev)
{
    if (ev->type == EV_CHNSET && !ev->ptr) return 1 + ENG_CHN_NAMELEN / (int)sizeof(double);
    int n = ev->np + (ev->strbytes > 0 ? (ev->strbytes + (int)sizeof(double) - 1) / (int)sizeof(double) : 0);
    return n < 3 ? 3 : n > EV_MAXP ? EV_MAXP : n;
}
/* The bytes of an ENG_EVENT that hold it: the header and p[0..span]. */
static inline size_t eng_event_bytes(const ENG_EVENT *ev)
{
    return offsetof(ENG_EVENT, p) + sizeof(double) * (size_t)(eng_event_span(ev) + 1);
}

/* The channel `name`: its address, stable for the engine's life.  Looking up
 * (create 0) works on any thread.  Creating (create 1; a fixed table reserved
 * up front, so this never allocates) only on the processing thread, or on the
 * control thread before processing starts: one writer, no lock.  NULL when
 * missing, or when the name is too long or the table is full. */
ENG_CHN *eng_channel(ENGINE *e, const char *name, int create);

/* Run an instrument's init pass outside any note: instr 0 (header code:
 * ftgen, global inits).  Control thread, before processing. Returns 0 or -1. */
int eng_run_instr0(ENGINE *e, const INSTR_TMPL *t);

/* Queue an event (processing thread, or before processing starts).
 * Returns 0, or -1 when the queue is full. */
int eng_schedule(ENGINE *e, const ENG_EVENT *ev);

/* Process `nframes` frames into `out` (nchnls planar buffers) from `in`
 * (nchnls_i planar buffers or NULL).  Any nframes: whole ksmps blocks are run
 * internally and buffered, so output never depends on the caller's period. */
void eng_process(ENGINE *e, float *const *out, const float *const *in, int nframes);

/* The sample frame of the next block to run (processing thread). */
int64_t eng_frame(const ENGINE *e);
int eng_ended(const ENGINE *e);       /* an EV_END was reached, or exitnow: any thread */
int64_t eng_exit_frame(const ENGINE *e);   /* the frame the performance ended at, once eng_ended */
int eng_active_voices(const ENGINE *e);
/* From now on every event with an id reports its end (eng_end_read) when it is over
 * (or refused at its start): a live session keeps its id table to what still
 * plays, and the OSC server tells whoever asked with /notify.  Control
 * thread, before processing. */
void eng_report_ends(ENGINE *e);

typedef struct eng_stats {
    int64_t frames;
    int max_voices_seen;
    int64_t clipped;            /* samples the ceiling limited */
    int64_t limited;            /* samples the look-ahead limiter scaled down (0 when off) */
    double limiter_min_gain;    /* the deepest gain it applied (1: none) */
    int64_t voices_refused;     /* pool full */
    int64_t mem_refused;        /* notes refused for want of note memory (--memory) */
    size_t mem_size, mem_used, mem_peak;  /* the note memory pool, the bytes in use, the most at once */
    int64_t events_dropped;     /* queue full */
    int64_t nan_voices;
    int64_t late_events;        /* timed commands that arrived after their frame */
    int64_t replies_dropped;    /* reply ring full (refusals are coalesced instead: see fails_unsent) */
    int64_t ends_dropped;       /* the ring of ended ids full (the control thread stalled for long) */
    int64_t fails_unsent;       /* refusals coalesced for no sender: more senders waiting than the tally holds */
    double peak[64];            /* per channel, after 0dbfs scaling, before the ceiling */
} ENG_STATS;
/* Control thread; the note memory figures once processing has stopped. */
void eng_stats(const ENGINE *e, ENG_STATS *st);

/* ---- live control: commands in, replies out (lock-free SPSC rings) ---- */

/* Post a command for the processing thread (the one control thread that
 * produces commands; never the processing thread).  ev->frame may be EV_NOW.
 * Returns 0, or -1 when the ring is full (tell the sender: nothing waits). */
int eng_post(ENGINE *e, const ENG_EVENT *ev);
/* Free slots in the command ring (control thread): a reader of the network
 * stops taking messages when it runs low, so a burst waits in the socket
 * buffer instead of being refused. */
int eng_post_space(ENGINE *e);

typedef enum { ENG_REPLY_SYNCED, ENG_REPLY_END, ENG_REPLY_STATUS, ENG_REPLY_FAIL,
               ENG_REPLY_EXEC,      /* id: a command's number; frame: the frame its times count from */
               ENG_REPLY_FREE_TABLE, /* ptr: a table the control thread must free (ftable_free) */
               ENG_REPLY_FREE_INSTR, /* ptr: a replaced INSTR_TMPL no voice plays any more (its owner frees it) */
               ENG_REPLY_FREE_BATCH, /* ptr: an ENG_BATCH taken (v[0] 0) or refused (v[0] 1: its tables go too) */
               ENG_REPLY_DONE       /* the session's own, not the engine's: msg is a command made later (a table
                                     * on the worker) whose sender now hears /done msg */
} ENG_REPLY_TYPE;
typedef struct eng_reply {
    int32_t type;
    int32_t id;             /* the event or sync id */
    int64_t frame;          /* when it happened */
    double v[7];            /* STATUS: voices, max voices, late events, dropped events, sr, ksmps, clipped samples;
                               END: v[0] = 1 when the event was refused at its start, never played */
    char msg[192];          /* FAIL: why (an init error names instrument, line, opcode and cause) */
    void *ptr;
    uint32_t origin;        /* FAIL, SYNCED, STATUS: the command's ENG_EVENT.origin (who to tell) */
    int64_t count;          /* FAIL: the refusals it stands for (1; more when a burst was coalesced, msg the
                               first's); STATUS: refusals that could be sent to no one (ENG_STATS.fails_unsent) */
} ENG_REPLY;

/* Replies, read by the one control thread that consumes them: 1 read, 0 none. */
int eng_reply_read(ENGINE *e, ENG_REPLY *r);
/* Events with ids that are over (live, eng_report_ends), on a ring of their
 * own: 1 with the id (never_played: refused at its start), 0 none.  An end
 * is published before any reply the engine makes after it: read ends before
 * handing on each reply, and they arrive in order. */
int eng_end_read(ENGINE *e, int32_t *id, int *never_played);

/* Messages from the processing thread (print, init errors, NaN voices):
 * a lock-free SPSC byte ring; the driver drains it on its own thread. */
size_t eng_msg_read(ENGINE *e, char *buf, size_t len);

#endif
