/* sample.c — opcode family (being written). */
#include "registry.h"

const OP_DESC op_sample[] = {
    OP_END
};
