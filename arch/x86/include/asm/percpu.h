/*
 * This CPU's index, kept in the GS base (set by arch_cpu_init; the
 * hypervisor never uses GS otherwise, and VMLOAD/VMSAVE keep the host's).
 */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H
#include <bulkhead/types.h>

static inline u32 arch_cpu_id(void)
{
	u32 lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(0xc0000101U));
	return lo;
}

#endif
