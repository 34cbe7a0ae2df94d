/* The guest register frame saved on every trap (see vectors.S). */
#ifndef ASM_REGS_H
#define ASM_REGS_H

#define FRAME_X(n) ((n)*8)
#define FRAME_ELR  (31 * 8)
#define FRAME_SPSR (32 * 8)
#define FRAME_SIZE (34 * 8)

#ifndef __ASSEMBLY__
#include <bulkhead/types.h>

struct guest_regs {
	u64 x[31];
	u64 elr;
	u64 spsr;
	u64 pad;
};
_Static_assert(sizeof(struct guest_regs) == FRAME_SIZE, "frame layout");
#endif
#endif
