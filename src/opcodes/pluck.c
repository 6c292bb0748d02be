/* pluck.c — opcode family (being written). */
#include "registry.h"

const OP_DESC op_pluck[] = {
    OP_END
};
