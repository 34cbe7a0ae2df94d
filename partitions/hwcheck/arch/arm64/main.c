// SPDX-License-Identifier: GPL-2.0
/*
 * hwcheck: guest-visible behaviour that must be as on real hardware (and
 * under KVM), one console line per check for test_hwcheck.py:
 * - PSCI CPU_ON of a vCPU being started or running answers ALREADY_ON (-4);
 * - a level-sensitive timer interrupt stops being pending (GICR_ISPENDR0)
 *   when the timer is disabled, masked or moved into the future, and is
 *   then not taken;
 * - the EL1 physical timer (CNTP, PPI 30) interrupts;
 * - the DTB describes the PMU, its overflow interrupt (PPI 23) comes, and
 *   it does not count the hypervisor's cycles at EL2;
 * - an access outside its memory (on-bad-access = "abort") is a
 *   synchronous external abort, ESR, FAR and ELR as the CPU gives them;
 * - a restart leaves nothing of this behind (bootargs "dirty-reset").
 */
#include <libfdt.h>
#include <string.h>
#include <asm/sysreg.h>
#include "part.h"

#define VTIMER		  27
#define PTIMER		  30
#define CTL_ENABLE	  1UL
#define CTL_IMASK	  2UL
#define GIC_PPI_PMU_INTID 23

extern char hwcheck_vectors[];
volatile u64 hw_esr, hw_far, hw_elr, hw_spsr; /* written by vectors.S */
volatile u32 hw_aborts;
static volatile u32 irqs[32], cpu1_up;

void secondary_main(u32 cpu)
{
	(void)cpu;
	__atomic_store_n(&cpu1_up, 1, __ATOMIC_RELEASE);
	idle();
}

/* vCPU 0's GICR_ISPENDR0 or GICv2 bank-0 GICD_ISPENDR0 (each read traps: the hypervisor looks at
 * the lines first). */
static u32 ispendr0(void)
{
	return mmio_read32(irq_private_regs() + 0x200);
}

/* Waits up to two seconds until intid's pending bit is want. */
static bool wait_pending(u32 intid, bool want)
{
	u64 end = timer_now() + 2 * timer_freq();

	while (timer_now() < end)
		if (!!(ispendr0() & BIT(intid)) == want)
			return true;
	return false;
}

static bool wait_irq(u32 intid, u32 count)
{
	u64 end = timer_now() + 2 * timer_freq();

	while (timer_now() < end)
		if (__atomic_load_n(&irqs[intid], __ATOMIC_ACQUIRE) >= count)
			return true;
	return false;
}

static void timer_write(u32 intid, u64 cval, u64 ctl)
{
	if (intid == VTIMER) {
		write_sysreg(cntv_cval_el0, cval);
		write_sysreg(cntv_ctl_el0, ctl);
	} else {
		write_sysreg(cntp_cval_el0, cval);
		write_sysreg(cntp_ctl_el0, ctl);
	}
	isb();
}

/* Handlers silence their source, as a driver does. */
static void on_timer(u32 intid)
{
	if (intid == VTIMER)
		write_sysreg(cntv_ctl_el0, 0UL);
	else
		write_sysreg(cntp_ctl_el0, 0UL);
	isb();
	__atomic_fetch_add(&irqs[intid], 1, __ATOMIC_RELEASE);
}

static void on_pmu(u32 intid)
{
	write_sysreg(pmovsclr_el0, read_sysreg(pmovsset_el0));
	isb();
	__atomic_fetch_add(&irqs[intid], 1, __ATOMIC_RELEASE);
}

static void psci_race(void)
{
	u64 entry = (u64)(uintptr_t)secondary_entry;
	s64 first = psci_cpu_on(1, entry, 1), again = psci_cpu_on(1, entry, 1), up;
	u64 end = timer_now() + 2 * timer_freq();

	while (!__atomic_load_n(&cpu1_up, __ATOMIC_ACQUIRE) && timer_now() < end)
		;
	up = psci_cpu_on(1, entry, 1);
	printf("psci: cpu_on %lld, again at once %lld, once up %lld\n", (long long)first,
	       (long long)again, (long long)up);
}

/*
 * The timer fires with interrupts masked (vGIC enable as given), then its
 * line drops as `how` says: the interrupt must stop being pending, and not
 * be taken when interrupts are unmasked.
 */
static void timer_level(u32 intid, const char *how, bool enabled)
{
	u64 flags = irq_save(), now = timer_now();
	bool pend, after;
	u32 before = irqs[intid];

	if (enabled)
		irq_enable(intid);
	timer_write(intid, now, CTL_ENABLE);
	pend = wait_pending(intid, true);
	if (!strcmp(how, "disabled"))
		timer_write(intid, now, 0);
	else if (!strcmp(how, "masked"))
		timer_write(intid, now, CTL_ENABLE | CTL_IMASK);
	else /* CVAL moved an hour ahead */
		timer_write(intid, now + 3600 * timer_freq(), CTL_ENABLE);
	after = ispendr0() & BIT(intid);
	irq_restore(flags);
	part_sleep_ms(20);
	printf("timer %u %s%s: pending %d, then %d, taken %u\n", intid, how,
	       enabled ? " (enabled)" : "", pend, after, irqs[intid] - before);
	timer_write(intid, 0, 0);
	if (enabled) /* GICR_ICENABLER0 */
		mmio_write32(irq_private_regs() + 0x180, (u32)BIT(intid));
}

static void ptimer_interrupt(void)
{
	irq_enable(PTIMER);
	timer_write(PTIMER, timer_now() + timer_freq() / 100, CTL_ENABLE);
	printf("physical timer: interrupt %s\n", wait_irq(PTIMER, 1) ? "taken" : "missing");
	mmio_write32(irq_private_regs() + 0x180, (u32)BIT(PTIMER));
}

/* Counter 0 counts software increments from 0xffffffff: one more overflows it. */
static void pmu_overflow_now(void)
{
	write_sysreg(pmevtyper0_el0, 0UL); /* SW_INCR */
	write_sysreg(pmevcntr0_el0, 0xffffffffUL);
	write_sysreg(pmintenset_el1, 1UL);
	write_sysreg(pmcntenset_el0, 1UL);
	write_sysreg(pmcr_el0, read_sysreg(pmcr_el0) | 1UL);
	isb();
	write_sysreg(pmswinc_el0, 1UL);
	isb();
}

static void pmu_overflow(u32 irq, bool masked)
{
	u64 flags = masked ? irq_save() : 0;
	bool pend = false, after = false;

	pmu_overflow_now();
	if (masked) {
		pend = wait_pending(irq, true);
		write_sysreg(pmovsclr_el0, 1UL); /* the overflow flag is the line */
		isb();
		after = ispendr0() & BIT(irq);
		irq_restore(flags);
		printf("pmu overflow cleared: pending %d, then %d\n", pend, after);
	} else {
		printf("pmu overflow: interrupt %s\n", wait_irq(irq, 1) ? "taken" : "missing");
	}
	write_sysreg(pmcntenclr_el0, 1UL);
	write_sysreg(pmintenclr_el1, 1UL);
	isb();
}

/*
 * Counter 1 counts cycles at EL2 only (PMEVTYPER P, U, NSH) around
 * hypercalls: the hypervisor's work must not show (MDCR_EL2.HPMD).
 */
static void pmu_el2_hidden(void)
{
	u64 n;

	write_sysreg(pmevtyper1_el0, 0x11UL | BIT(31) | BIT(30) | BIT(27)); /* CPU_CYCLES */
	write_sysreg(pmevcntr1_el0, 0UL);
	write_sysreg(pmcntenset_el0, 2UL);
	write_sysreg(pmcr_el0, read_sysreg(pmcr_el0) | 1UL);
	isb();
	for (int i = 0; i < 16; i++)
		hvc_call(0x84000000, 0, 0, 0); /* PSCI_VERSION */
	isb();
	n = read_sysreg(pmevcntr1_el0);
	write_sysreg(pmcntenclr_el0, 2UL);
	isb();
	printf("pmu: cycles counted at EL2 over 16 hypercalls: %llu\n", (unsigned long long)n);
}

/* The PMU's interrupt from the DTB; 0 on boards that describe none (the ZCU102). */
static u32 pmu_irq(void)
{
	int node = fdt_node_offset_by_compatible(part.fdt, -1, "arm,armv8-pmuv3");

	return node >= 0 ? part_irq_of(node) : 0;
}

static void pmu(void)
{
	u32 irq = pmu_irq();

	printf("pmu: DTB interrupt %u\n", irq);
	if (!irq)
		return;
	irq_register(irq, on_pmu);
	irq_enable(irq);
	pmu_overflow(irq, false);
	pmu_overflow(irq, true);
	pmu_el2_hidden();
}

/* What a start finds: the PMU as out of reset, whatever the last run left. */
static void pmu_at_start(void)
{
	printf("pmu at start: E %llu, enabled 0x%llx, interrupts 0x%llx, overflows 0x%llx, "
	       "counter 0 0x%llx\n",
	       (unsigned long long)(read_sysreg(pmcr_el0) & 1),
	       (unsigned long long)read_sysreg(pmcntenset_el0),
	       (unsigned long long)read_sysreg(pmintenset_el1),
	       (unsigned long long)read_sysreg(pmovsset_el0),
	       (unsigned long long)read_sysreg(pmevcntr0_el0));
}

/*
 * bootargs "dirty-reset": leaves both timers and the PMU interrupting (IRQs
 * masked, so pending in list registers, their physical interrupts active)
 * and resets the partition (restart = "restart"): its next start must see
 * none of it, its timers and PMU interrupting again as the first time.
 */
static void dirty_reset(void)
{
	bool with_pmu = pmu_irq() != 0;

	irq_save();
	irq_enable(VTIMER);
	irq_enable(PTIMER);
	timer_write(VTIMER, timer_now(), CTL_ENABLE);
	timer_write(PTIMER, timer_now(), CTL_ENABLE);
	pmu_overflow_now();
	printf("hwcheck: resetting with %s pending\n",
	       !(wait_pending(VTIMER, true) && wait_pending(PTIMER, true)) ? "not all"
	       : !with_pmu						   ? "timers"
	       : wait_pending(GIC_PPI_PMU_INTID, true)			   ? "timers and PMU"
									   : "not all");
	hvc_call(0x84000009, 0, 0, 0); /* PSCI SYSTEM_RESET */
}

/* Accesses to an address past its memory: an external abort each, as on hardware. */
static void bad_access(void)
{
	u64 bad = part.mem_base + part.mem_size;
	volatile u32 *p = (volatile u32 *)(uintptr_t)bad;

	write_sysreg(vbar_el1, (u64)(uintptr_t)hwcheck_vectors);
	isb();
	(void)*p;
	printf("bad read: aborts %u ESR 0x%llx FAR 0x%llx\n", hw_aborts, (unsigned long long)hw_esr,
	       (unsigned long long)hw_far);
	*p = 1;
	printf("bad write: aborts %u ESR 0x%llx FAR 0x%llx\n", hw_aborts,
	       (unsigned long long)hw_esr, (unsigned long long)hw_far);
	((void (*)(void))(uintptr_t)bad)();
	printf("bad fetch: aborts %u ESR 0x%llx FAR 0x%llx ELR 0x%llx\n", hw_aborts,
	       (unsigned long long)hw_esr, (unsigned long long)hw_far, (unsigned long long)hw_elr);
}

int main(void)
{
	printf("hwcheck on %s: %u vCPUs\n", part.name, part.nr_cpus);
	pmu_at_start();
	irq_register(VTIMER, on_timer);
	irq_register(PTIMER, on_timer);
	irq_init();
	if (part.nr_cpus > 1)
		psci_race();
	timer_level(VTIMER, "disabled", false);
	timer_level(VTIMER, "masked", false);
	timer_level(VTIMER, "moved", false);
	timer_level(VTIMER, "disabled", true);
	timer_level(PTIMER, "disabled", false);
	timer_level(PTIMER, "moved", true);
	ptimer_interrupt();
	pmu();
	bad_access();
	printf("hwcheck: done\n");
	if (part_has_arg("dirty-reset"))
		dirty_reset();
	idle();
}
