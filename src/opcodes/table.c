/* table.c — opcode family (being written). */
#include "registry.h"

const OP_DESC op_table[] = {
    OP_END
};
