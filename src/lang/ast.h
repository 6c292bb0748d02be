/* ast.h — syntax tree of an orchestra: node kinds in one X-macro list, nodes from an arena. */
#ifndef ONDES_AST_H
#define ONDES_AST_H

#include <stddef.h>

/* kind, what it holds */
#define LANG_NODES(X) \
    X(N_NUM,      "number: num") \
    X(N_STR,      "string: str") \
    X(N_VAR,      "variable or p-field: name; as an output, name[]… declares an array (rate '[', op = the []s)") \
    X(N_INDEX,    "array element name[kids[0]][kids[1]]…") \
    X(N_BINOP,    "binary operator op: kids[0] op kids[1]") \
    X(N_UNOP,     "unary operator op: kids[0]") \
    X(N_COND,     "kids[0] ? kids[1] : kids[2]") \
    X(N_CALL,     "function-style call name[:rate](kids…)") \
    X(N_OPCODE,   "statement: outs… name kids…") \
    X(N_ASSIGN,   "statement: outs[0] (op)= kids[0]") \
    X(N_IF,       "statement: kids = cond, block, [cond, block]…, [else block]; a block's rate: its then ('t', 'i' ithen, 'k' kthen)") \
    X(N_WHILE,    "statement: while kids[0] do kids[1] od (op = 1 for until)") \
    X(N_GOTO,     "statement: [if kids[0]] goto/igoto/kgoto name (rate 'g','i','k')") \
    X(N_LABEL,    "statement: name:") \
    X(N_BLOCK,    "statements kids…") \
    X(N_INSTR,    "instr names… (outs as N_NUM/N_VAR) kids[0] = block") \
    X(N_UDO,      "opcode name, outtypes (str), intypes (str2), kids[0] = block")

typedef enum {
#define X(k, d) k,
    LANG_NODES(X)
#undef X
    N_COUNT
} NODEKIND;

typedef struct node {
    NODEKIND kind;
    int line, col;
    int op;                 /* token kind of an operator; assignment operator */
    char rate;              /* call's :rate annotation, goto kind */
    double num;
    char *name;             /* identifier, opcode name, string text */
    char *str2;
    struct node **kids;
    int nkids;
    struct node **outs;
    int nouts;
    /* N_BINOP: the operator whose kids[0] this one is, else NULL.  A chain
     * of left-associative operators (a + b + c + … ) is a left spine as deep
     * as the chain is long; walkers go down kids[0] and back up `up` in a
     * loop instead of recursing (ast_chain_first), so 100 000 terms cost no
     * stack. */
    struct node *up;
} NODE;

/* The first operator of the left-associative chain n heads: down kids[0]
 * while it is an N_BINOP (walk back with ->up until n). */
static inline const NODE *ast_chain_first(const NODE *n)
{
    while (n->kids[0]->kind == N_BINOP) n = n->kids[0];
    return n;
}

typedef struct ast_arena {
    struct ast_chunk *chunks;
} AST_ARENA;

void *ast_alloc(AST_ARENA *a, size_t n);          /* zeroed */
char *ast_strndup(AST_ARENA *a, const char *s, size_t n);
NODE *ast_node(AST_ARENA *a, NODEKIND k, int line, int col);
void ast_add(AST_ARENA *a, NODE ***arr, int *n, NODE *kid);
void ast_free(AST_ARENA *a);

#endif
