/* cmd.h — the command table: every OSC / event-list command is one row (its arguments, stages, reply, flags). */
#ifndef ONDES_CMD_H
#define ONDES_CMD_H

/*
 * Like scsynth's command table: a command is one row, and the OSC server,
 * the event-list player, the --record-events recorder, doc/osc.md's test
 * and the unit tests all read the same rows.  Adding a command is adding a
 * row (and its handler in session.c); no dispatcher changes.
 *
 * A row's stages, on the control thread:
 *   args     the leading arguments, checked before anything runs
 *   prepare  (event lists) before compiling: code and configuration
 *   run      at the command's frame, offline, or live (posting ENG_EVENTs)
 * then the OSC server answers as `reply` says.
 */

struct session;
struct evl_cmd;

/* Room for every error of a piece of code (up to errs.h's 100, one a line). */
#define SES_ERR_MAX 16384

/* An error as values, not text to parse back: the console prints
 * "WHERE: error: ADDR: MSG" (ses_err_format), a /fail carries MSG. */
typedef struct ses_err {
    char where[512];    /* the place as the console names it, "file:line:col"; "" when none */
    char addr[32];      /* the command the console names before the message; "" when none */
    int line, col;      /* the place: an event list's line and column, an OSC argument's number (1…),
                           or a line and column inside the text the command carried (in_text) */
    int in_text;        /* line, col are inside the command's own text (its code, its score) */
    char msg[SES_ERR_MAX]; /* the reason alone; code with several errors: the first one's reason, then a
                           line "LINE:COL: error: MSG" for each other one (in_text) or the other lines whole */
} SES_ERR;

/* "WHERE: error: ADDR: MSG", "WHERE: error: MSG", or MSG. */
void ses_err_format(const SES_ERR *e, char *out, size_t n);

/* What comes back to the sender once a command is accepted. */
typedef enum {
    CMD_REPLY_NONE,
    CMD_REPLY_DONE,     /* /done ADDR FIRST-ARG */
    CMD_REPLY_ID,       /* /sched/id N, when the sender let ondes choose (id -1) */
    CMD_REPLY_CHN,      /* /chn NAME VALUE */
    CMD_REPLY_SYNCED,   /* /synced ID from the engine, once every earlier command took effect */
    CMD_REPLY_STATUS,   /* /status.reply … from the engine */
    CMD_REPLY_NOTIFY,   /* none; the sender (value 1) or nobody (0) hears /event/end */
    CMD_REPLY_QUIT      /* none; the server stops */
} CMD_REPLY;

enum {
    CMD_LIVE = 1 << 0,       /* only while playing: an event list's does nothing (and is not checked) */
    CMD_PRELUDE = 1 << 1,    /* an event list's, applied before compiling; refused while playing */
    CMD_UNRECORDED = 1 << 2, /* not written by --record-events as sent (a re-render needs no reply; definitions
                                write their code as /instr/orc lines themselves) */
    CMD_NO_RING = 1 << 3,    /* posts nothing to the engine: answered even while its command ring is stalled */
    CMD_CODEPOS = 1 << 4     /* a /fail about the code it carries keeps that code's LINE:COL */
};

/* A leading argument, checked before the command runs. */
typedef struct cmd_arg {
    char kind;              /* 'n' a finite number, 'i' a whole number from lo to hi, 's' a string, 'x' either */
    char optional;          /* may be left out */
    const char *what;       /* "the event id" */
    double lo, hi;          /* 'i' */
    const char *missing;    /* 's': the message when absent or not a string; else "missing WHAT (argument K)" */
} CMD_ARG;

#define CMD_MAXARGS 6

typedef struct ses_result {
    int id;             /* /sched: the event's id */
    int chosen;         /* /sched: ondes chose it (the sender asked with -1) */
    double value;       /* /chn/get: the channel's value; /notify: 0 or 1 */
    int deferred;       /* accepted, answered later (a table made on the worker: /done or /fail then) */
} SES_RESULT;

typedef struct ses_cmd {
    const char *addr;
    const char *synopsis;                       /* the arguments, as doc/osc.md lists them */
    CMD_ARG args[CMD_MAXARGS];                  /* checked in order; the rest are the handler's */
    int (*prepare)(struct session *, struct evl_cmd *, SES_ERR *);
    int (*run)(struct session *, const struct evl_cmd *, SES_RESULT *, SES_ERR *);
    CMD_REPLY reply;
    unsigned flags;
    const char *doc;                            /* one line */
} SES_CMD;

/* The row for an address, or NULL. */
const SES_CMD *ses_cmd_find(const char *addr);
/* Every row, in the order doc/osc.md lists them. */
const SES_CMD *ses_cmd_table(int *n);
/* Check a command's leading arguments against its row (no session needed).
 * Returns 0, or -1 with the error in e. */
int ses_cmd_check(const SES_CMD *k, const struct evl_cmd *c, SES_ERR *e);

#endif
