/* lexer.h — tokens of the Csound orchestra language. */
#ifndef ONDES_LEXER_H
#define ONDES_LEXER_H

#include <stddef.h>

/* Token kinds, one X-macro list (name, spelling for messages). */
#define LANG_TOKENS(X) \
    X(T_EOF, "end of file") X(T_NEWLINE, "end of line") \
    X(T_IDENT, "name") X(T_NUMBER, "number") X(T_STRING, "string") \
    X(T_LPAREN, "'('") X(T_RPAREN, "')'") X(T_COMMA, "','") \
    X(T_LBRACK, "'['") X(T_RBRACK, "']'") \
    X(T_ASSIGN, "'='") X(T_PLUSEQ, "'+='") X(T_MINUSEQ, "'-='") \
    X(T_STAREQ, "'*='") X(T_SLASHEQ, "'/='") \
    X(T_PLUS, "'+'") X(T_MINUS, "'-'") X(T_STAR, "'*'") X(T_SLASH, "'/'") \
    X(T_PERCENT, "'%'") X(T_CARET, "'^'") \
    X(T_EQ, "'=='") X(T_NE, "'!='") X(T_LT, "'<'") X(T_GT, "'>'") \
    X(T_LE, "'<='") X(T_GE, "'>='") X(T_AND, "'&&'") X(T_OR, "'||'") \
    X(T_NOT, "'!'") X(T_QUESTION, "'?'") X(T_COLON, "':'") \
    X(T_BITAND, "'&'") X(T_BITOR, "'|'") X(T_HASH, "'#'") X(T_TILDE, "'~'") \
    X(T_SHL, "'<<'") X(T_SHR, "'>>'")

typedef enum {
#define X(k, s) k,
    LANG_TOKENS(X)
#undef X
    T_COUNT
} TOKKIND;

typedef struct token {
    TOKKIND kind;
    const char *start;  /* into the source text */
    int len;
    int line, col;      /* 1-based, in the file */
    double num;         /* T_NUMBER */
    char *str;          /* T_STRING: unescaped, owned by the lexer */
    int space_before;   /* whitespace precedes the token */
} TOKEN;

typedef struct lexer {
    const char *src, *p, *end;
    const char *file;
    int line;
    const char *line_start;
    char err[256];      /* first lexical error, "line:col: message" form is built by the parser */
    int err_line, err_col;
    char **strs; int nstrs, capstrs;  /* unescaped strings to free */
} LEXER;

void lang_lex_init(LEXER *lx, const char *src, size_t len, const char *file, int line0);
/* Next token; on a lexical error returns T_EOF with lx->err set. */
TOKEN lang_lex_next(LEXER *lx);
void lang_lex_free(LEXER *lx);
const char *lang_tokname(TOKKIND k);

#endif
