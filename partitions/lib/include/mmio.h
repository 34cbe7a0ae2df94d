/*
 * Device register access for partition programs: volatile, sized, and kept
 * in program order by the compiler. Device memory is mapped uncached
 * (arm64: Device-nGnRE in stage 2; x86: UC in the nested tables), which
 * orders the accesses themselves.
 */
#ifndef PART_MMIO_H
#define PART_MMIO_H
#include <bulkhead/types.h>

#define MMIO_RW(sfx, type)                                                                         \
	static inline type read##sfx(u64 addr)                                                     \
	{                                                                                          \
		type v = *(volatile type *)(uintptr_t)addr;                                        \
		__asm__ volatile("" ::: "memory");                                                 \
		return v;                                                                          \
	}                                                                                          \
	static inline void write##sfx(u64 addr, type v)                                            \
	{                                                                                          \
		__asm__ volatile("" ::: "memory");                                                 \
		*(volatile type *)(uintptr_t)addr = v;                                             \
	}

MMIO_RW(b, u8)
MMIO_RW(w, u16)
MMIO_RW(l, u32)
MMIO_RW(q, u64)
#undef MMIO_RW

#endif
