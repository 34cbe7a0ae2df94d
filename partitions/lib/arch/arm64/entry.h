/* arm64 runtime: what start.S and the C of this folder refer to across. */
#ifndef PART_ARM64_ENTRY_H
#define PART_ARM64_ENTRY_H
#include <bulkhead/types.h>

extern char part_vectors[]; /* start.S: the EL1 vector table (VBAR_EL1) */

/* Called from the vectors. */
void irq_dispatch(void);
void fatal_exception(u64 esr, u64 elr, u64 far);

#endif
