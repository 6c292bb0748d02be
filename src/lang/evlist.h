/* evlist.h — the event list file: one time-stamped OSC command per line. */
#ifndef ONDES_EVLIST_H
#define ONDES_EVLIST_H

#include <stddef.h>
#include <stdint.h>

typedef struct evl_arg {
    char type;          /* 'f' number, 's' string (quoted, or a bare word) */
    double f;
    char *s;
    int col;            /* where the argument starts */
    char quoted;        /* a string written in quotes (an OSC string is not) */
} EVL_ARG;

typedef struct evl_cmd {
    double time;        /* seconds, when has_frame == 0 */
    int64_t frame;      /* @FRAME stamps */
    int has_frame;
    char *addr;         /* "/sched" … */
    EVL_ARG *args;
    int nargs;
    const char *file;
    int line, col;      /* of the address */
    int consumed;       /* already applied before compiling (a first /instr/def, /orc, /config) */
    uint32_t origin;    /* live: the sender's tag (OSC server), carried by the events it makes; 0 = a file */
} EVL_CMD;

/*
 * Grammar, one command a line:
 *   line    := [ time address { arg } ] [ comment ]
 *   time    := NUMBER (seconds) | '@' INTEGER (sample frame)
 *   address := '/' name { '/' name }
 *   arg     := NUMBER | '"' chars '"' | bare-word
 *   comment := ('#' | ';') … end of line
 * A string argument can hold newlines when quoted ("…" with \" \\ \n escapes),
 * so /instr/def code fits on one logical line.
 * Returns 0, or -1 with "file:line:col: error: message" in err.
 */
int evl_parse(const char *text, size_t len, const char *file, EVL_CMD **out, int *n, char *err, size_t errlen);
void evl_free(EVL_CMD *cmds, int n);

#endif
