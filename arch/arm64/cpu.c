// SPDX-License-Identifier: GPL-2.0
/*
 * Physical CPUs: identification, start-up through the firmware's PSCI,
 * per-CPU EL2 state, kicks between CPUs and board reset/off.
 */
#include <string.h>
#include <bulkhead/hv_config.h>
#include <asm/gic.h>
#include <asm/sysreg.h>
#include "arch.h"
#include "arm64.h"
#include "console.h"

#define PSCI_CPU_ON_64	  0xc4000003UL
#define PSCI_SYSTEM_OFF	  0x84000008UL
#define PSCI_SYSTEM_RESET 0x84000009UL

u8 hv_stacks[CONFIG_NR_CPUS][CONFIG_HV_STACK_SIZE] __attribute__((aligned(16))) __noinit;

static u64 firmware_call(u64 fn, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 __asm__("x0") = fn;
	register u64 x1 __asm__("x1") = a1;
	register u64 x2 __asm__("x2") = a2;
	register u64 x3 __asm__("x3") = a3;

	/* QEMU's PSCI conduit is SMC once EL2 exists. */
	__asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
	return x0;
}

/* Called from head.S on the boot stack: which bh_system CPU are we? */
s64 own_cpu_index(void)
{
	u64 mpidr = read_sysreg(mpidr_el1) & 0xff00ffffffULL;

	for (u32 i = 0; i < bh_system.nr_cpus; i++)
		if (bh_system.cpu_mpidr[i] == mpidr)
			return i;
	return -1;
}

/*
 * DC ZVA zeroes a whole block (DCZID_EL0: 4 << BS bytes, 64 on QEMU) in one
 * instruction: a partition's RAM scrub is the bulk of its boot.
 */
void arch_clear_memory(void *p, u64 size)
{
	u64 dczid = read_sysreg(dczid_el0), blk = 4UL << (dczid & 0xf);
	u8 *a = p, *end = a + size;

	if (dczid & BIT(4) || size < 2 * blk) { /* DZP: not permitted */
		memset(p, 0, size);
		return;
	}
	while ((uintptr_t)a & (blk - 1))
		*a++ = 0;
	while (a + 8 * blk <= end) /* unrolled: the loop would be most of it */
		__asm__ volatile(".rept 8\n dc zva, %0\n add %0, %0, %1\n .endr"
				 : "+r"(a)
				 : "r"(blk)
				 : "memory");
	for (; a + blk <= end; a += blk)
		__asm__ volatile("dc zva, %0" : : "r"(a) : "memory");
	while (a < end)
		*a++ = 0;
}

u64 arch_counter(void)
{
	isb();
	return read_sysreg(cntpct_el0);
}

u64 arch_counter_freq(void)
{
	return read_sysreg(cntfrq_el0);
}

/*
 * One vCPU per physical CPU and a hypervisor that never touches FP/SIMD
 * (-mgeneral-regs-only): the guest owns FP, SVE and SME outright, so nothing
 * is trapped or switched. Vector lengths are left at the CPU's maximum.
 */
static void fpu_init(void)
{
	u64 pfr0 = read_sysreg(id_aa64pfr0_el1), pfr1 = read_sysreg(id_aa64pfr1_el1);
	bool sve = (pfr0 >> 32) & 0xf, sme = (pfr1 >> 24) & 0xf;

	/* CPTR_EL2 (E2H=0): RES1 bits 13, 9, 7:0; TZ (8), TFP (10), TSM (12) clear. */
	write_sysreg(cptr_el2, 0x22ffUL | (sme ? 0 : BIT(12)));
	isb();
	if (sve)
		write_sysreg(S3_4_C1_C2_0, 0xfUL); /* ZCR_EL2.LEN: the largest */
	if (sme)
		write_sysreg(S3_4_C1_C2_6, 0xfUL); /* SMCR_EL2.LEN */
}

/*
 * The partition owns the PMU: every counter (HPMN = PMCR_EL0.N), no traps
 * (TPM, TPMCR clear). Its counters do not count at EL2 (HPMD, and HCCD for
 * the cycle counter, where the PMU has them), so the hypervisor's own work
 * does not show; a benchmark build (CONFIG_BENCH) counts it on purpose.
 */
static u64 mdcr(void)
{
	u64 ver = (read_sysreg(id_aa64dfr0_el1) >> 8) & 0xf, v;

	if (!ver || ver == 0xf)
		return 0; /* no PMUv3 */
	v = (read_sysreg(pmcr_el0) >> 11) & 0x1f;
#ifndef CONFIG_BENCH
	if (ver >= 4) /* PMUv3p1 */
		v |= BIT(17);
	if (ver >= 6) /* PMUv3p5 */
		v |= BIT(23);
#endif
	return v;
}

void arch_cpu_init(u32 cpu, bool primary)
{
	write_sysreg(tpidr_el2, cpu);
	write_sysreg(vbar_el2, (u64)hv_vectors);
	isb();
	if (primary)
		mmu_init_tables();
	mmu_enable();

	/* Guests: AArch64 EL1, stage 2 on, interrupts and SMC to EL2. */
	write_sysreg(hcr_el2, HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_TSC | HCR_RW |
				  HCR_APK | HCR_API);
	fpu_init();
	write_sysreg(mdcr_el2, mdcr());
	/*
	 * EL1PCTEN, EL1PCEN: the partition owns its EL1 physical timer as well as
	 * its virtual one, untrapped (the hypervisor uses no timer of its own).
	 */
	write_sysreg(cnthctl_el2, 3UL);
	write_sysreg(cntvoff_el2, 0UL);
	isb();
	gic_cpu_init(cpu);
}

void arch_system_init(void)
{
	gic_dist_init();
	gic_kick_init();
}

int arch_cpu_start(u32 cpu)
{
	s64 rc =
	    (s64)firmware_call(PSCI_CPU_ON_64, bh_system.cpu_mpidr[cpu], (u64)secondary_entry, cpu);

	return (int)rc;
}

void arch_cpu_kick(u32 cpu)
{
	if (cpu == arch_cpu_id() || cpu >= CONFIG_NR_CPUS)
		return;
	gic_kick(cpu);
}

void arch_wait_event(void)
{
	wfe();
}

/*
 * The EL2 physical timer (CNTHP, PPI 26) wakes the WFI at the deadline:
 * the hypervisor's only use of it, and only while this CPU has no vCPU
 * to run. WFI, not WFE: under QEMU a WFE returns at once (a spin that
 * takes a host CPU from the other partitions), a WFI sleeps the CPU.
 */
void arch_wait_until(u64 deadline)
{
	write_sysreg(cnthp_cval_el2, deadline);
	write_sysreg(cnthp_ctl_el2, 1UL); /* ENABLE, interrupt not masked */
	isb();
	gic_ppi_enable(GIC_PPI_HTIMER, true);
	if (arch_counter() < deadline)
		wfi();
	write_sysreg(cnthp_ctl_el2, 0UL); /* its line drops: nothing stays pending */
	isb();
}

void arch_send_event(void)
{
	dsb_ish();
	sev();
}

void arch_system_reset(void)
{
	log_printf("board reset");
	firmware_call(PSCI_SYSTEM_RESET, 0, 0, 0);
	for (;;)
		wfi();
}

void arch_system_off(void)
{
	log_printf("board power off");
	firmware_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	for (;;)
		wfi();
}
