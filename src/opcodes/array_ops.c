/* array_ops.c — the manual's array opcodes: max/min/sum, scale, sort, slice, generate, table copies, print, functions. */
#include "op.h"
