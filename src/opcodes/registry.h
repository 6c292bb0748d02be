/* registry.h — every opcode family's descriptor table, searchable by name. */
#ifndef ONDES_REGISTRY_H
#define ONDES_REGISTRY_H

#include "op.h"

/* The family tables (one per file in src/opcodes). */
extern const OP_DESC op_arith[], op_oscil[], op_env[], op_filter[], op_noise[],
    op_io[], op_table[], op_misc[], op_pluck[], op_sample[], op_delay[], op_vdelayx[],
    op_reverb_units[];

/* All descriptors named `name`, in registration order: *n gets the count.
 * Returns NULL when there is none.  Thread-safe (built once). */
const OP_DESC *const *op_lookup(const char *name, int *n);

/* Build vco2's band-limited tables (10.7 MB, ~60 ms) on the control thread
 * before processing, so a note's init never builds them on the audio thread. */
void op_vco2_prepare(void);

/* Every descriptor, sorted by name (internal operators, named "##…", first). */
const OP_DESC *const *op_all(int *n);

#endif
