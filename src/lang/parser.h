/* parser.h — orchestra text to syntax tree. */
#ifndef ONDES_PARSER_H
#define ONDES_PARSER_H

#include "ast.h"
#include "lexer.h"

/* Parse orchestra text; `line0` is the file line of its first line (.csd).
 * `is_opcode` tells whether a name is an opcode (statements are ambiguous
 * without it, in Csound too).  Returns an N_BLOCK of top-level items, or NULL
 * with "file:line:col: error: message" in err. */
NODE *lang_parse(AST_ARENA *arena, const char *src, size_t len, const char *file, int line0,
                 int (*is_opcode)(const char *name, void *ud), void *ud, char *err, size_t errlen);

/* The same, reading on after errors: every error is appended to err as a
 * line of its own (errs.h, up to LANG_MAX_ERRORS), their count goes to
 * *nerrs, and the tree holds every statement that could be read.  A
 * statement that failed after its outputs were read is there as an error
 * statement: an N_OPCODE named "" with those outputs (its opcode's name in
 * str2 when it got that far, else NULL) and no arguments. */
NODE *lang_parse_all(AST_ARENA *arena, const char *src, size_t len, const char *file, int line0,
                     int (*is_opcode)(const char *name, void *ud), void *ud, char *err, size_t errlen, int *nerrs);

#endif
