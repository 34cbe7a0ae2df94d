// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual interrupt delivery through the list registers (GICv3 or GICv2:
 * vgic_v3_lr.h, vgic_v2_lr.h; both in the GICv3 layout here). Pending
 * virtual interrupts sit in per-vCPU bitmaps (other CPUs may set them, so
 * atomically) and are moved into free list registers each time the vCPU
 * returns to the guest. Interrupts that come from a physical source (the
 * timers, the PMU, pass-through SPIs) carry the HW bit: the guest's EOI
 * deactivates the physical interrupt, with no exit. Their line levels are
 * followed in vgic_level.c.
 */
#include <string.h>
#include <asm/gic.h>
#include <asm/sysreg.h>
#include <vmbus/bus.h>
#include "arm64.h"
#include "partition.h"

#include "vgic_lr.h"

void vgic_vcpu_reset(struct vcpu *v)
{
	struct vgic_cpu *g = &v->arch.vgic;

	memset((void *)g, 0, sizeof(*g));
	memset(g->prio, 0xa0, sizeof(g->prio));
	g->waker = BIT(1) | BIT(2); /* ProcessorSleep, ChildrenAsleep */
	for (u32 i = 0; i < nr_lrs(); i++)
		lr_write(i, 0);
	cpuif_reset(); /* no active priorities, the guest's interface off */
	hcr_write(HCR_EN);
}

static bool is_hw(const struct partition *p, u32 intid)
{
	if (intid < 32)
		return VGIC_HW_PPIS & BIT(intid);
	return vgic_spi_owned(p, intid) && intid != p->cfg->vuart_intid;
}

/*
 * v must look at its pending state again (an interrupt was raised or
 * enabled): its next return to the guest does, and a remote vCPU is kicked
 * so that it returns at once.
 */
void vgic_mark(struct vcpu *v)
{
	__atomic_store_n(&v->arch.vgic.dirty, 1, __ATOMIC_RELEASE);
	if (v->pcpu != arch_cpu_id())
		arch_cpu_kick(v->pcpu);
}

void arch_vcpu_bus_irq(struct vcpu *v)
{
	vgic_raise(v, VMBUS_BUS_INTID);
}

void vgic_raise(struct vcpu *v, u32 intid)
{
	struct vgic_cpu *g = &v->arch.vgic;

	if (intid < 32)
		__atomic_fetch_or(&g->pending, 1U << intid, __ATOMIC_SEQ_CST);
	else if (intid - 32 < VGIC_NR_SPI) {
		u32 w = (intid - 32) / 64;

		__atomic_fetch_or(&g->spi_pending[w], 1ULL << ((intid - 32) % 64),
				  __ATOMIC_SEQ_CST);
		__atomic_fetch_or(&g->spi_words, 1U << w, __ATOMIC_SEQ_CST);
	}
	vgic_mark(v);
}

static bool enabled(struct vcpu *v, u32 intid)
{
	if (intid < 32)
		return v->arch.vgic.enabled & (1U << intid);
	return v->part->arch.vgic.enabled[(intid - 32) / 32] & (1U << (intid % 32));
}

static u8 prio(struct vcpu *v, u32 intid)
{
	return intid < 32 ? v->arch.vgic.prio[intid] : v->part->arch.vgic.prio[intid - 32];
}

/* Puts one interrupt in a free list register; false when all are in use. */
static bool inject(struct vcpu *v, u32 intid, u64 *free_mask)
{
	u64 lr = LR_PENDING | LR_GROUP1 | (u64)prio(v, intid) << 48 | intid;
	u32 n;

	if (!*free_mask)
		return false;
	n = (u32)__builtin_ctzll(*free_mask);
	if (is_hw(v->part, intid))
		lr |= LR_HW | (u64)intid << 32;
	else if (intid >= 32)
		lr |= LR_EOI; /* level sources are re-checked on EOI */
	lr_write(n, lr);
	*free_mask &= ~BIT(n);
	return true;
}

/* The lowest list register of *used, taken out of it; its value in *lr. */
static u32 lr_next(u64 *used, u64 *lr)
{
	u32 n = (u32)__builtin_ctzll(*used);

	*used &= *used - 1;
	*lr = lr_read(n);
	return n;
}

/* The implemented list registers in use. */
static u64 lrs_used(void)
{
	return ~lrs_empty() & (BIT(nr_lrs()) - 1);
}

/*
 * Is intid still pending or active in a list register (one not free)? A
 * new edge of one the guest is still handling (active, not pending, no HW
 * source) becomes pending+active there: dropping it would lose an event the
 * guest has not seen yet (a doorbell that came during its handler).
 */
static bool in_lrs(u32 intid, u64 used)
{
	while (used) {
		u64 lr;
		u32 n = lr_next(&used, &lr);

		if ((u32)lr != intid || !(lr & LR_STATE))
			continue;
		if (!(lr & (LR_PENDING | LR_HW)))
			lr_write(n, lr | LR_PENDING);
		return true;
	}
	return false;
}

/*
 * Moves pending, enabled interrupts into free list registers. Runs on every
 * return to the guest, so the common case (nothing new) is one atomic
 * exchange: raisers and enablers set dirty after their bits (vgic_mark).
 */
void vgic_flush(struct vcpu *v)
{
	struct vgic_cpu *g = &v->arch.vgic;
	bool full = false;
	u64 free_mask, used;
	u32 lrs, pend, words;

	if (!__atomic_exchange_n(&g->dirty, 0, __ATOMIC_ACQUIRE))
		return;
	lrs = nr_lrs();
	/*
	 * The common case after a doorbell or a timer: one SGI/PPI raised, no
	 * SPI waiting, every list register free. One list register write.
	 */
	pend = READ_ONCE(g->pending);
	if (pend && !(pend & (pend - 1)) && !READ_ONCE(g->spi_words) && !g->uie &&
	    (lrs_empty() & (BIT(lrs) - 1)) == BIT(lrs) - 1) {
		u32 i = (u32)__builtin_ctz(pend);

		if (enabled(v, i)) {
			u64 lr = LR_PENDING | LR_GROUP1 | (u64)g->prio[i] << 48 | i;

			if (VGIC_HW_PPIS & BIT(i))
				lr |= LR_HW | (u64)i << 32;
			lr_write(0, lr);
			__atomic_fetch_and(&g->pending, ~(1U << i), __ATOMIC_SEQ_CST);
		}
		return;
	}
	/* 1 = empty; only the implemented list registers count. */
	free_mask = lrs_empty() & (BIT(lrs) - 1);
	used = ~free_mask & (BIT(lrs) - 1);
	pend = READ_ONCE(g->pending);
	while (pend) {
		u32 i = (u32)__builtin_ctz(pend);

		pend &= pend - 1;
		if (!enabled(v, i))
			continue;
		if (!in_lrs(i, used) && !inject(v, i, &free_mask)) {
			full = true;
			break;
		}
		__atomic_fetch_and(&g->pending, ~(1U << i), __ATOMIC_SEQ_CST);
	}
	/* A word's summary bit goes first: a raise after it sets it again. */
	words = full ? 0 : READ_ONCE(g->spi_words);
	while (words) {
		u32 w = (u32)__builtin_ctz(words);
		u64 bits;

		words &= words - 1;
		__atomic_fetch_and(&g->spi_words, ~(1U << w), __ATOMIC_SEQ_CST);
		bits = READ_ONCE(g->spi_pending[w]);
		while (bits) {
			u32 b = (u32)__builtin_ctzll(bits), intid = 32 + w * 64 + b;

			bits &= bits - 1;
			if (!enabled(v, intid))
				continue;
			if (!in_lrs(intid, used) && !inject(v, intid, &free_mask)) {
				full = true;
				break;
			}
			__atomic_fetch_and(&g->spi_pending[w], ~BIT(b), __ATOMIC_SEQ_CST);
		}
		if (full) { /* this word and those not looked at stay summarised */
			__atomic_fetch_or(&g->spi_words, words | (1U << w), __ATOMIC_SEQ_CST);
			break;
		}
	}
	/* More pending than list registers: an underflow interrupt, and look again then. */
	if (full)
		__atomic_store_n(&g->dirty, 1, __ATOMIC_RELAXED);
	if (full != g->uie) {
		g->uie = full;
		hcr_write(HCR_EN | (full ? HCR_UIE : 0));
	}
}

bool vgic_lr_unpend(u32 intid)
{
	u64 used = lrs_used();

	while (used) {
		u64 lr;
		u32 n = lr_next(&used, &lr);

		if ((u32)lr == intid && (lr & LR_STATE) == LR_PENDING) {
			lr_write(n, 0);
			return true;
		}
	}
	return false;
}

u32 vgic_lr_ppis(bool active)
{
	u64 used = lrs_used();
	u32 bits = 0;

	while (used) {
		u64 lr;

		lr_next(&used, &lr);
		if ((u32)lr < 32 && (lr & (active ? LR_STATE & ~LR_PENDING : LR_PENDING)))
			bits |= 1U << (u32)lr;
	}
	return bits;
}

u32 vgic_lr_state(u32 intid)
{
	u64 used = lrs_used();

	while (used) {
		u64 lr;

		lr_next(&used, &lr);
		if ((u32)lr == intid)
			return (u32)(lr >> 62);
	}
	return 0;
}

/* PMCR_EL0.E and an overflow whose interrupt is enabled: the PMU's line (as QEMU drives it). */
static bool pmu_overflow(void)
{
	return (read_sysreg(pmcr_el0) & 1) &&
	       (read_sysreg(pmintenset_el1) & read_sysreg(pmovsset_el0));
}

/* The common case, a line still high (the timer that just fired), costs a register read. */
void vgic_sync_lines(struct vcpu *v)
{
	u32 a = v->arch.vgic.hw_asserted, lines;

	if (!a)
		return;
	lines = vgic_hw_ppi_lines(a & BIT(GIC_PPI_VTIMER) ? read_sysreg(cntv_ctl_el0) : 0,
				  a & BIT(GIC_PPI_PTIMER) ? read_sysreg(cntp_ctl_el0) : 0,
				  (a & BIT(GIC_PPI_PMU)) && pmu_overflow());
	if (a & ~lines)
		vgic_ppi_sync(v, lines);
}

void vgic_maintenance(struct vcpu *v)
{
	u64 eisr = lrs_eoi();
	u32 lrs = nr_lrs();

	for (u32 n = 0; n < lrs; n++)
		if (eisr & BIT(n))
			lr_write(n, 0);
	if (eisr)
		vpl011_recheck(v->part); /* a level source may still be asserted */
	hcr_write(HCR_EN);
	v->arch.vgic.uie = false;
	vgic_mark(v);
}
