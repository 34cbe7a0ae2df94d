/* Host stand-in for x86 asm/io.h: the real one, with the TSC a test variable. */
#ifndef TEST_STUB_ASM_IO_H
#define TEST_STUB_ASM_IO_H
#define rdtsc real_rdtsc
#include_next <asm/io.h>
#undef rdtsc
extern unsigned long long test_tsc;
static inline unsigned long long rdtsc(void)
{
	return test_tsc;
}
#endif
