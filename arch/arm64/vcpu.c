// SPDX-License-Identifier: GPL-2.0
/*
 * Entering a vCPU: the EL1 state a partition finds is the architectural
 * reset state (MMU off, caches off, timers and PMU off), whether it starts
 * for the first time, after CPU_ON or after a restart.
 */
#include <string.h>
#include <asm/gic.h>
#include <asm/regs.h>
#include <asm/sysreg.h>
#include "arm64.h"
#include "partition.h"

struct vcpu *current_vcpu[CONFIG_NR_CPUS];

static struct guest_regs *this_frame(void)
{
	return (struct guest_regs *)(hv_stacks[arch_cpu_id()] + CONFIG_HV_STACK_SIZE -
				     sizeof(struct guest_regs));
}

/*
 * The PMU as it comes out of reset: counters stopped and zeroed, no
 * overflow, no interrupt, no EL0 access; nothing of the previous run shows.
 */
static void pmu_reset(void)
{
	u64 ver = (read_sysreg(id_aa64dfr0_el1) >> 8) & 0xf;
	u32 n;

	if (!ver || ver == 0xf)
		return;
	n = (u32)(read_sysreg(pmcr_el0) >> 11) & 0x1f;
	write_sysreg(pmcntenclr_el0, ~0UL);
	write_sysreg(pmintenclr_el1, ~0UL);
	write_sysreg(pmovsclr_el0, ~0UL);
	write_sysreg(pmcr_el0, 6UL); /* P, C: counters to zero; E clear */
	for (u32 i = 0; i < n; i++) {
		write_sysreg(pmselr_el0, i);
		isb();
		write_sysreg(pmxevtyper_el0, 0UL);
	}
	write_sysreg(pmselr_el0, 0UL);
	write_sysreg(pmccfiltr_el0, 0UL);
	write_sysreg(pmuserenr_el0, 0UL);
}

static void reset_el1(void)
{
	write_sysreg(sctlr_el1, 0x30d00800UL);
	write_sysreg(cpacr_el1, 3UL << 20);
	write_sysreg(tcr_el1, 0UL);
	write_sysreg(ttbr0_el1, 0UL);
	write_sysreg(ttbr1_el1, 0UL);
	write_sysreg(mair_el1, 0UL);
	write_sysreg(amair_el1, 0UL);
	write_sysreg(vbar_el1, 0UL);
	write_sysreg(contextidr_el1, 0UL);
	write_sysreg(tpidr_el0, 0UL);
	write_sysreg(tpidrro_el0, 0UL);
	write_sysreg(tpidr_el1, 0UL);
	write_sysreg(sp_el0, 0UL);
	write_sysreg(sp_el1, 0UL);
	write_sysreg(elr_el1, 0UL);
	write_sysreg(spsr_el1, 0UL);
	write_sysreg(esr_el1, 0UL);
	write_sysreg(far_el1, 0UL);
	write_sysreg(par_el1, 0UL);
	write_sysreg(mdscr_el1, 0UL);
	write_sysreg(cntkctl_el1, 0UL);
	write_sysreg(cntv_ctl_el0, 0UL);
	write_sysreg(cntv_cval_el0, 0UL);
	write_sysreg(cntp_ctl_el0, 0UL);
	write_sysreg(cntp_cval_el0, 0UL);
	pmu_reset();
}

void arch_vcpu_run(struct vcpu *v, u64 entry, u64 arg)
{
	struct partition *p = v->part;
	struct guest_regs *r = this_frame();
	u32 cpu = arch_cpu_id();

	current_vcpu[cpu] = v;
	memset(r, 0, sizeof(*r));
	r->x[0] = arg;
	r->elr = entry;
	r->spsr = SPSR_EL1H | SPSR_DAIF;

	reset_el1();
	write_sysreg(vmpidr_el2, BIT(31) | v->index);
	write_sysreg(vpidr_el2, read_sysreg(midr_el1));
	write_sysreg(vtcr_el2, stage2_vtcr());
	write_sysreg(vttbr_el2, p->arch.vttbr);
	isb();
	__asm__ volatile("tlbi vmalls12e1\n dsb nsh\n ic iallu\n dsb nsh\n isb" ::: "memory");
	if (v->index == 0) {
		memset(&p->arch.vgic, 0, sizeof(p->arch.vgic));
		memset(p->arch.vgic.prio, 0xa0, sizeof(p->arch.vgic.prio));
		vpl011_reset(p);
		vsp805_reset(p); /* once per start: a CPU_ON of vCPU 0 does not feed it */
		for (u32 i = 0; i < p->cfg->nr_spis; i++)
			gic_spi_enable(p->cfg->spis[i], false);
	}
	vgic_vcpu_reset(v);
	/* The timers and the PMU were reset above: nothing of theirs stays pending or active. */
	gic_ppi_reset(cpu, VGIC_HW_PPIS);
	if (v->index == 0)
		vsp805_arm(p); /* its expiry on this CPU's EL2 timer (or the timer off) */
	guest_enter(r);
}
