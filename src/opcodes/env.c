/* env.c — opcode family (being written). */
#include "registry.h"

const OP_DESC op_env[] = {
    OP_END
};
