/* noise.c — opcode family (being written). */
#include "registry.h"

const OP_DESC op_noise[] = {
    OP_END
};
