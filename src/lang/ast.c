/* ast.c — arena allocation of syntax-tree nodes: one free releases a whole parse. */
#include "ast.h"
#include <stdlib.h>
#include <string.h>

typedef struct ast_chunk {
    struct ast_chunk *next;
    size_t used, cap;
    _Alignas(16) unsigned char mem[];
} AST_CHUNK;

void *ast_alloc(AST_ARENA *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    AST_CHUNK *c = a->chunks;
    if (!c || c->used + n > c->cap) {
        size_t cap = n > 65536 ? n : 65536;
        c = malloc(sizeof *c + cap);
        if (!c) abort();   /* the compiler runs off the audio thread; out of memory there is fatal */
        c->next = a->chunks;
        c->used = 0;
        c->cap = cap;
        a->chunks = c;
    }
    void *p = c->mem + c->used;
    c->used += n;
    memset(p, 0, n);
    return p;
}

char *ast_strndup(AST_ARENA *a, const char *s, size_t n)
{
    char *d = ast_alloc(a, n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

NODE *ast_node(AST_ARENA *a, NODEKIND k, int line, int col)
{
    NODE *n = ast_alloc(a, sizeof *n);
    n->kind = k;
    n->line = line;
    n->col = col;
    return n;
}

/* Append to a growing array (capacity doubles at powers of two). */
void ast_add(AST_ARENA *a, NODE ***arr, int *n, NODE *kid)
{
    if ((*n & (*n - 1)) == 0) {
        int cap = *n ? *n * 2 : 4;
        NODE **na = ast_alloc(a, sizeof(NODE *) * (size_t)cap);
        if (*n) memcpy(na, *arr, sizeof(NODE *) * (size_t)*n);
        *arr = na;
    }
    (*arr)[(*n)++] = kid;
}

void ast_free(AST_ARENA *a)
{
    AST_CHUNK *c = a->chunks;
    while (c) {
        AST_CHUNK *n = c->next;
        free(c);
        c = n;
    }
    a->chunks = NULL;
}
