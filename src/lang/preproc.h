/* preproc.h — Csound's preprocessor for orchestras and scores: #define/$NAME macros, #ifdef, #include. */
#ifndef ONDES_PREPROC_H
#define ONDES_PREPROC_H

#include <stddef.h>

/* The preprocessor follows Csound 6 (Engine/csound_pre.lex, csound_prs.lex):
 *
 *   #define NAME #body#            body may span lines; \# is a '#' in it
 *   #define NAME(a'b) #… $a … $b.… #
 *   $NAME  $NAME.  $NAME(x'y)      the dot ends a name; arguments split at '
 *   #undef NAME   #ifdef NAME / #ifndef NAME … [#else …] #end (or #endif)
 *   #include "file"               any delimiter: "file", |file|, <file>
 *
 * in scores only, loops and repeats (csound_prs.lex's, played here as text
 * so that their counter macros expand):
 *
 *   { COUNT [NAME]  … }             the lines between play COUNT times, $NAME. = 0, 1, …
 *                                  (COUNT may be $MACRO); loops nest
 *   r COUNT [NAME]                 the lines up to the next s, e or r line play COUNT
 *                                  times, each ending its section with a plain s
 *                                  ($NAME. = 0, 1, … as csound 6.18, whose manual says 1, 2, …)
 *
 * plus, in orchestras only (as in Csound), the predefined macros $M_E, $M_LOG2E, $M_LOG10E, $M_LN2,
 * $M_LN10, $M_PI, $M_PI_2, $M_PI_4, $M_1_PI, $M_2_PI, $M_2_SQRTPI,
 * $M_SQRT2, $M_SQRT1_2 and $M_INF.  Directives are recognised at the start
 * of a line; macros are not expanded inside strings and comments.
 *
 * The output keeps every source line (directive lines become empty), and a
 * map takes each output position back to FILE:LINE:COL of the original
 * text; text from a macro expansion maps to the '$' of its use. */

typedef struct lang_pp_map LANG_PP_MAP;

/* Receives the preprocessed text (NUL-terminated) one piece at a time:
 * for an orchestra, one piece per stretch of one file (each is parsed as a
 * unit); for a score, once, with included files inline. */
typedef int (*LANG_PP_EMIT)(void *ctx, const char *text, size_t len, const char *file,
                            const LANG_PP_MAP *map, char *err, size_t errlen);

/* Preprocess `src` (`line0`: line of its first line in `file`).  Returns 0,
 * the emit callback's non-zero value, or -1 with "file:line:col: error: …"
 * in err. */
int lang_pp_run(const char *src, size_t len, const char *file, int line0, int orchestra,
                LANG_PP_EMIT emit, void *ctx, char *err, size_t errlen);

/* Whether the text may need the preprocessor at all (holds '#' or '$'). */
int lang_pp_needed(const char *src, size_t len);

/* Where output position (line, col) (1-based, as the parsers count) came
 * from.  *file is owned by the map's run (valid during the callback). */
void lang_pp_where(const LANG_PP_MAP *m, int line, int col, const char **file, int *oline, int *ocol);

/* Rewrite a leading "FILE:LINE:COL:" (FILE = `file`) in err to the original place. */
void lang_pp_fix_error(const LANG_PP_MAP *m, const char *file, char *err, size_t errlen);

/* The text limit: a source file (.orc, .sco, .csd, an event list, an
 * included file) is at most 64 MB (doc/reliability.md, "Limits on input"). */
#define LANG_MAX_TEXT ((size_t)64 << 20)

/* A text file read for the compiler: a regular file of at most
 * LANG_MAX_TEXT, opened without blocking (a FIFO or a device is refused,
 * never waited on).  Malloc'd NUL-terminated text and its length, or NULL
 * with the reason ("not a regular file", strerror…) in why. */
char *lang_read_text(const char *path, size_t *len, char *why, size_t whylen);

#endif
