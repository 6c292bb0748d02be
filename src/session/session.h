/* session.h — what a run plays: orchestras, scores and event lists loaded, compiled and scheduled on an engine. */
#ifndef ONDES_SESSION_H
#define ONDES_SESSION_H

#include <stddef.h>
#include "../engine/engine.h"
#include "cmd.h"

typedef struct ses_options {
    double sr;          /* 0: the orchestra's */
    int ksmps;          /* 0: the orchestra's */
    int nchnls;         /* 0: the orchestra's */
    double dbfs;        /* 0: the orchestra's */
    int max_voices;     /* 0: default */
    double ceiling_db;  /* master ceiling in dBFS; NAN: an event list's /config, else 0 */
    const char *instrdir; /* the instruments library, for names not defined in the files */
    int sr_from_jack;   /* sr is JACK's: warn when the orchestra asks for another */
    double limiter_ms;  /* --limiter look-ahead in ms; 0: off (the hard ceiling only) */
    int memory_mb;      /* --memory: the note memory pool in MiB; 0: an event list's /config, else the default */
    int table_memory_mb; /* --table-memory: tables made while playing, all together, in MiB; 0: the default */
} SES_OPTIONS;

/* --table-memory's default: 1 GiB of tables (16 of the largest a live
 * command may ask for, 2^24 points) */
#define SES_TABLE_MEM_DEFAULT_MB 1024
#define SES_TABLE_MEM_MAX_MB (1 << 20)

typedef struct session SESSION;

/* The horizon: no time ondes is asked for may lie further ahead of now than
 * this many seconds — a delay, an OSC time tag, a /score's statement, an
 * automation breakpoint.  A day: far beyond any piece (a far-future time tag
 * once recorded frame 1.39e13, a re-render of years).  Beyond it: /fail.
 * Offline, a performance lasts at most SES_MAX_RENDER: a score's times and
 * `e`, an event list's line times (a recorded installation runs for days)
 * and --duration; beyond it, an error. */
#define SES_HORIZON 86400.0
#define SES_MAX_RENDER (7 * SES_HORIZON)

SESSION *ses_new(void);
void ses_free(SESSION *s);

/* Load a file (.orc, .sco, .csd, .events) — nothing is compiled yet.
 * Returns 0, or -1 with "file:line:col: error: …" or "cannot open 'file': …". */
int ses_add_file(SESSION *s, const char *path, char *err, size_t errlen);

/* Compile, make the engine, run the header code, schedule every event.
 * Command-line values in `o` override the orchestra's header and CsOptions. */
int ses_prepare(SESSION *s, const SES_OPTIONS *o, char *err, size_t errlen);

ENGINE *ses_engine(SESSION *s);
/* Seconds until the last event is over (score end, last event + its duration). */
double ses_end_time(const SESSION *s);
/* Notes for the user gathered while loading (ignored CsOptions…), or "". */
const char *ses_notes(const SESSION *s);

/* From now on a driver is processing: commands go to the engine through its
 * lock-free ring, timed from the block that takes them; tables that take
 * long are made on the table worker (tablework.h), started here.  0, or -1
 * with a message in err (the thread could not start). */
int ses_go_live(SESSION *s, char *err, size_t errlen);

/* The engine's replies, read on the one control thread by every driver (the
 * JACK loop, the OSC server, freewheel and offline renders): the session's
 * own — ends, executed commands for --record-events, tables and replaced
 * instruments to free — are handled here; the clients' (SYNCED, END, STATUS,
 * FAIL) then go to the sink, when one is set.  Tables the worker finished
 * are posted here too, with the commands held behind them, and their
 * senders hear DONE (/done) or FAIL. */
typedef void (*ses_reply_fn)(void *ud, const ENG_REPLY *r);
void ses_set_reply_sink(SESSION *s, ses_reply_fn fn, void *ud);
void ses_drain_replies(SESSION *s);

/* Files that clients name while playing (/table/read, /instr/load, GEN 1 by
 * /table/gen or a /score f statement) must resolve (realpath: no ../ or
 * symlink leads out) inside one of `dirs`; relative names are looked up in
 * each in turn.  n == 0 refuses them all.  /instr/load also reads the
 * instruments library (a NAME, or a path inside it).  For a network bind or
 * --data-dir; files given at start are the operator's and not checked.
 * Returns 0, or -1 with err naming the directory that cannot be resolved. */
int ses_restrict_files(SESSION *s, const char *const *dirs, int n, char *err, size_t errlen);

/* Run one command (an OSC message or an event-list line) on the control
 * thread, as its row in the command table (cmd.h) says.  Returns 0 with what
 * the sender is told in res, or -1 with the error in e (for /fail). */
int ses_command(SESSION *s, const struct evl_cmd *c, SES_RESULT *res, SES_ERR *e);

/* --record-events FILE: write the configuration and the code loaded so far,
 * then every command that takes effect, stamped @FRAME (control thread). */
int ses_record_events(SESSION *s, const char *path, char *err, size_t errlen);

#endif
