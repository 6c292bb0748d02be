/* errs.h — error messages gathered one per line, so that every error of a text is reported in one run. */
#ifndef ONDES_ERRS_H
#define ONDES_ERRS_H

#include <stdarg.h>
#include <stddef.h>

/* Like a C compiler, the orchestra and score readers go on after an error
 * and report the next ones; after this many they stop. */
#define LANG_MAX_ERRORS 100

/* How many error lines `err` holds (its non-empty lines). */
int lang_err_count(const char *err);

/* Append the line "FILE:LINE:COL: error: MESSAGE" to err (a NUL-terminated
 * buffer of errlen bytes; a line that does not fit is cut).  Returns 0; or,
 * when err already holds LANG_MAX_ERRORS lines, appends "FILE:LINE:COL:
 * error: too many errors (more than 100), stopping here" instead (once) and
 * returns 1: the caller stops reading. */
int lang_err_add(char *err, size_t errlen, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
int lang_err_vadd(char *err, size_t errlen, const char *file, int line, int col, const char *fmt, va_list ap);

/* Append `text` (one or more lines, each already "FILE:…: error: …") to err,
 * up to the cap as above.  Returns 1 once the cap is reached. */
int lang_err_append(char *err, size_t errlen, const char *text);

/* Put err's lines in the order of the text: by file (in the order files
 * first appear), line and column; lines without a place keep theirs among
 * the files, and "too many errors" stays last.  Parsing, the header,
 * compiling and the score each find their own errors: this shows them as
 * the text has them. */
void lang_err_sort(char *err);

#endif
