/* filter.c — opcode family (being written). */
#include "registry.h"

const OP_DESC op_filter[] = {
    OP_END
};
