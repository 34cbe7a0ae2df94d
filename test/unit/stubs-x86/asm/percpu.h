/* Host stand-in for the x86 per-CPU index (the GS base MSR): a test variable. */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H
#include <asm/io.h>

extern unsigned int test_cpu_id;
static inline unsigned int arch_cpu_id(void)
{
	return test_cpu_id;
}
#endif
