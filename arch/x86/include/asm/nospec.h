/* Bounds a guest-chosen index, also under speculation (as Linux's x86 version). */
#ifndef ASM_NOSPEC_H
#define ASM_NOSPEC_H
#include <bulkhead/types.h>

static inline u64 array_index_nospec(u64 index, u64 bound)
{
	u64 mask;

	/* mask = index < bound ? ~0 : 0 without a branch the CPU could mispredict. */
	__asm__("cmp %2, %1\n\tsbb %0, %0" : "=r"(mask) : "r"(index), "r"(bound) : "cc");
	return index & mask;
}

#endif
