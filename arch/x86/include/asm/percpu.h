/*
 * This CPU's index, kept in the GS base (set by arch_cpu_init; the
 * hypervisor never uses GS otherwise, and VMLOAD/VMSAVE keep the host's).
 */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H
#include <asm/io.h>

static inline u32 arch_cpu_id(void)
{
	return (u32)rdmsr(MSR_GS_BASE);
}

#endif
