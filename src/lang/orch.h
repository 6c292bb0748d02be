/* orch.h — compiling orchestras: header values, instruments by number and name, global variables. */
#ifndef ONDES_ORCH_H
#define ONDES_ORCH_H

#include <stddef.h>
#include "../engine/instr.h"

typedef struct lang_header {
    double sr, kr, dbfs, a4;
    int ksmps, nchnls, nchnls_i;
    /* which ones the orchestra set itself */
    int set_sr, set_kr, set_ksmps, set_nchnls, set_nchnls_i, set_dbfs, set_a4;
} LANG_HEADER;

typedef struct lang_orch LANG_ORCH;

LANG_ORCH *lang_orch_new(void);
void lang_orch_free(LANG_ORCH *o);

/* Parse orchestra text and collect its header statements and instruments.
 * `line0`: line of the text's first line in `file`.  Returns 0, or -1 with
 * "file:line:col: error: message" in err.  Nothing is compiled yet: the
 * block size must be known first. */
int lang_orch_add(LANG_ORCH *o, const char *src, size_t len, const char *file, int line0,
                  char *err, size_t errlen);

/* Orchestra text with its #include lines replaced by the files' text
 * (relative to `file`'s folder), malloc'd.  Unreadable includes stay as
 * written. */
char *lang_expand_includes(const char *src, size_t len, const char *file, int depth);

/* The header as the orchestra set it (defaults where it did not). */
void lang_orch_header(const LANG_ORCH *o, LANG_HEADER *h);

/* Compile every instrument for the final header `h` (after command-line
 * overrides).  Returns 0, or -1 with the first error. */
int lang_orch_compile(LANG_ORCH *o, const LANG_HEADER *h, char *err, size_t errlen);

/* Compile one more instrument after lang_orch_compile (/instr/def while
 * playing): `body` is the code between instr and endin.  A name already
 * defined keeps its number and the new template replaces it (the old one is
 * kept until the orchestra is freed, since voices may still play it).
 * Control thread.  Returns the template (owned by the orchestra) or NULL
 * with "file:line:col: error: …" in err; nothing changes on error. */
INSTR_TMPL *lang_orch_define(LANG_ORCH *o, const char *name, const char *body, const char *file, int line0,
                             char *err, size_t errlen);
/* "instr NAME\nBODY\nendin\n", the text /instr/def compiles (malloc'd), or NULL
 * with why in err when NAME is no instrument name (letters, digits, _). */
char *lang_instr_source(const char *name, const char *body, char *err, size_t errlen);
/* Calls fn with each instrument name the text defines (parsed, not compiled;
 * the names of statements that do not parse are left out). */
void lang_text_instr_names(LANG_ORCH *o, const char *src, size_t len, void (*fn)(void *ud, const char *name),
                           void *ud);
/* The same for orchestra text holding instrument definitions only (an .orc
 * from the library, /instr/load): up to `max` new templates go to out[].
 * Returns how many, or -1 with the first error (then nothing changes). */
int lang_orch_add_instruments(LANG_ORCH *o, const char *src, size_t len, const char *file, int line0,
                              INSTR_TMPL **out, int max, char *err, size_t errlen);

/* Results (valid after lang_orch_compile; owned by the orchestra). */
/* A replaced template the engine no longer plays (ENG_REPLY_FREE_INSTR): freed now
 * rather than when the orchestra goes.  Unknown or current templates are left alone. */
void lang_orch_free_retired(LANG_ORCH *o, const INSTR_TMPL *t);
int lang_orch_count(const LANG_ORCH *o);
INSTR_TMPL *lang_orch_get(const LANG_ORCH *o, int i);
INSTR_TMPL *lang_orch_instr0(const LANG_ORCH *o);      /* header code (ftgen, global inits), or NULL */
int lang_orch_number(const LANG_ORCH *o, const char *name); /* instrument number of a name ("saw" or "3"), or -1 */
size_t lang_orch_global_bytes(const LANG_ORCH *o);
/* Byte offset of a g-variable in the engine's global area, or -1 (after compiling). */
long lang_orch_global_offset(const LANG_ORCH *o, const char *name);
/* Does any text added so far define an instrument of this name? (before compiling) */
int lang_orch_defines(const LANG_ORCH *o, const char *name);

/* Does this name denote an opcode? (for parsers of other languages too) */
int lang_is_opcode(const char *name);

#endif
