/* registry.h — every opcode family's descriptor table, searchable by name. */
#ifndef ONDES_REGISTRY_H
#define ONDES_REGISTRY_H

#include "op.h"

/* All descriptors named `name`, in registration order: *n gets the count.
 * Returns NULL when there is none.  Thread-safe (built once). */
const OP_DESC *const *op_lookup(const char *name, int *n);

/* Every descriptor, sorted by name (internal operators, named "##…", first). */
const OP_DESC *const *op_all(int *n);

/* The families, in build order: *n gets the count. */
const OP_FAMILY_DESC *const *op_families(int *n);

/* The family a descriptor belongs to (its file and manual section). */
const OP_FAMILY_DESC *op_family_of(const OP_DESC *d);

#endif
