/* Bounds a guest-chosen index, also under speculation (as Linux's arm64 version). */
#ifndef ASM_NOSPEC_H
#define ASM_NOSPEC_H
#include <bulkhead/types.h>

static inline u64 array_index_nospec(u64 index, u64 bound)
{
	u64 mask;

	/* mask = index < bound ? ~0 : 0, then CSDB: no speculative use of a wrong value. */
	__asm__ volatile("cmp %1, %2\n\tsbc %0, xzr, xzr\n\thint #0x14" /* csdb */
			 : "=r"(mask)
			 : "r"(index), "r"(bound)
			 : "cc");
	return index & mask;
}

#endif
