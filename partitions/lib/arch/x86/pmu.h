/*
 * Instruction counting for the benchmarks on x86. QEMU's TCG does not
 * count retired instructions in the AMD performance counters, but under
 * -icount shift=0 (how `make bench` runs) its clock advances exactly 1 ns
 * per instruction and the TSC follows that clock, so the TSC converted to
 * nanoseconds is the instruction count. The hypervisor's share alone
 * (arm64's EL2 counter) has no such source: pmu_el2() is unavailable.
 */
#ifndef PART_PMU_H
#define PART_PMU_H
#include <asm/io.h>
#include "part.h"

#define PMU_HAS_EL2 0

static inline void pmu_init(void)
{
}

static inline u64 pmu_all(void)
{
	u64 t = rdtsc(), f = timer_freq();

	return t / f * 1000000000ULL + t % f * 1000000000ULL / f;
}

static inline u64 pmu_el2(void)
{
	return 0;
}

#endif
