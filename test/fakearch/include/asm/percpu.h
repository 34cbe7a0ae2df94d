/* Fake arch: the CPU the core runs on is whichever the test says (fake_cpu). */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H
#include <bulkhead/types.h>

extern u32 fake_cpu;
static inline u32 arch_cpu_id(void)
{
	return fake_cpu;
}

#endif
