/* misc.c — opcode family (being written). */
#include "registry.h"

const OP_DESC op_misc[] = {
    OP_END
};
