/*
 * Instruction counting for the benchmarks: PMU counter 0 counts retired
 * instructions at every EL, counter 1 at EL2 only (exact under QEMU
 * -icount). Bulkhead leaves the PMU to the partition.
 */
#ifndef PART_PMU_H
#define PART_PMU_H
#include <asm/sysreg.h>

#define PMU_HAS_EL2	 1 /* counter 1: the hypervisor's share */
#define PMU_INST_RETIRED 0x08UL
#define PMEVTYPER_P	 BIT(31) /* do not count at EL1 */
#define PMEVTYPER_U	 BIT(30) /* do not count at EL0 */
#define PMEVTYPER_NSH	 BIT(27) /* count at EL2 */

static inline void pmu_init(void)
{
	write_sysreg(pmevtyper0_el0, PMU_INST_RETIRED | PMEVTYPER_NSH);
	write_sysreg(pmevtyper1_el0, PMU_INST_RETIRED | PMEVTYPER_P | PMEVTYPER_U | PMEVTYPER_NSH);
	write_sysreg(pmcntenset_el0, 3UL);
	write_sysreg(pmcr_el0, read_sysreg(pmcr_el0) | 1UL); /* E */
	isb();
}

static inline u64 pmu_all(void)
{
	isb();
	return read_sysreg(pmevcntr0_el0);
}

static inline u64 pmu_el2(void)
{
	isb();
	return read_sysreg(pmevcntr1_el0);
}

#endif
