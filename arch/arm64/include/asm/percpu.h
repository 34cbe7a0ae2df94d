/* This CPU's index, kept in TPIDR_EL2 (EL2 only; set by arch_cpu_init). */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H
#include <asm/sysreg.h>

static inline u32 arch_cpu_id(void)
{
	return (u32)read_sysreg(tpidr_el2);
}

#endif
