// SPDX-License-Identifier: GPL-2.0
/*
 * Level-sensitive PPIs with a physical source: the EL1 virtual timer (27),
 * the EL1 physical timer (30) and the PMU overflow (23). The physical one
 * comes to EL2, is forwarded with the list register's HW bit and stays
 * active until the guest's EOI deactivates it. Its line is a function of
 * registers the guest writes without an exit (CNTx_CTL, CNTx_CVAL, the PMU's
 * overflow and enable bits), so the hypervisor samples it on every exit, as
 * KVM does: one whose line dropped stops being pending, in the bitmap and in
 * a list register, and its physical interrupt is deactivated so that the
 * next assertion fires again. Hardware lines never survive a vCPU reset
 * (vgic_vcpu_reset and the timers' reset clear both sides).
 */
#include <asm/gic.h>
#include "partition.h"

void vgic_ppi_assert(struct vcpu *v, u32 intid)
{
	v->arch.vgic.hw_asserted |= BIT(intid);
	vgic_raise(v, intid);
}

/*
 * lines: the level of each hardware PPI now (vgic_hw_ppi_lines). Runs on
 * v's own CPU, whose list registers are v's.
 */
void vgic_ppi_sync(struct vcpu *v, u32 lines)
{
	struct vgic_cpu *g = &v->arch.vgic;
	u32 low = g->hw_asserted & ~lines;

	while (low) {
		u32 i = (u32)__builtin_ctz(low);
		u32 was = __atomic_fetch_and(&g->pending, ~BIT(i), __ATOMIC_SEQ_CST);

		low &= low - 1;
		/* Active in a list register: the guest's EOI deactivates it (HW bit). */
		if ((was & BIT(i)) || vgic_lr_unpend(i))
			gic_ppi_deactivate(v->pcpu, i);
		g->hw_asserted &= ~BIT(i);
	}
}

/*
 * GICR_ICPENDR0 for vCPU t, written by vCPU v: a hardware PPI leaves the
 * bitmap (and v's list registers when t is v) and its physical interrupt
 * is deactivated, so that a line still high makes it pending again, as a
 * level interrupt on a real GIC is.
 */
void vgic_ppi_clear_pending(struct vcpu *v, struct vcpu *t, u32 bits)
{
	u32 was = __atomic_fetch_and(&t->arch.vgic.pending, ~bits, __ATOMIC_SEQ_CST);
	u32 hw = bits & VGIC_HW_PPIS;

	while (hw) {
		u32 i = (u32)__builtin_ctz(hw);

		hw &= hw - 1;
		if ((was & BIT(i)) || (t == v && vgic_lr_unpend(i)))
			gic_ppi_deactivate(t->pcpu, i);
	}
}
