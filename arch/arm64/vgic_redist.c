// SPDX-License-Identifier: GPL-2.0
/*
 * Emulated GICv3 redistributors, one 128 KiB frame pair per vCPU, laid out
 * contiguously from the partition's GICR base. SGIs and PPIs are private:
 * the timers' and the PMU's PPIs have a physical, level-sensitive source
 * (vgic_level.c): the exit that reads the pending bits sampled their lines.
 */
#include <asm/gic.h>
#include "partition.h"

int vgic_redist_access(struct vcpu *v, u64 off, bool write, u32 size, u64 *val)
{
	struct partition *p = v->part;
	u32 n = (u32)(off / GICR_FRAME);
	struct vcpu *t;
	struct vgic_cpu *g;
	u64 r = 0;

	if (n >= p->cfg->nr_vcpus)
		return -1;
	t = &p->vcpu[n];
	g = &t->arch.vgic;
	off %= GICR_FRAME;

	if (off >= GICR_SGI + GICD_IPRIORITYR && off < GICR_SGI + GICD_IPRIORITYR + 32) {
		for (u32 i = 0; i < size; i++) {
			u32 intid = (u32)(off - GICR_SGI - GICD_IPRIORITYR) + i;

			if (intid >= 32)
				break;
			if (write)
				g->prio[intid] = (u8)(*val >> (8 * i));
			else
				r |= (u64)g->prio[intid] << (8 * i);
		}
	} else if (off == GICR_TYPER && size == 8) {
		r = (u64)n << 32 | (u64)n << 8 | (n + 1 == p->cfg->nr_vcpus ? BIT(4) : 0);
	} else if (off == GICR_TYPER + 4 && size == 4) {
		r = n;
	} else if (off == GICR_TYPER && size == 4) {
		r = (u32)(n << 8) | (n + 1 == p->cfg->nr_vcpus ? BIT(4) : 0);
	} else if (size != 4) {
		/* RAZ/WI */
	} else if (off == GICR_IIDR) {
		r = 0x43b;
	} else if (off == GICR_PIDR2) {
		r = 0x3b;
	} else if (off == GICR_WAKER) {
		if (write)
			g->waker = (*val & BIT(1)) ? (BIT(1) | BIT(2)) : 0;
		else
			r = g->waker;
	} else if (off == GICR_SGI + GICD_IGROUPR) {
		r = ~0U;
	} else if (off == GICR_SGI + GICD_ISENABLER) {
		if (write) {
			g->enabled |= (u32)*val;
			vgic_mark(t);
		} else
			r = g->enabled;
	} else if (off == GICR_SGI + GICD_ICENABLER) {
		if (write)
			g->enabled &= ~(u32)*val;
		else
			r = g->enabled;
	} else if (off == GICR_SGI + GICD_ISPENDR || off == GICR_SGI + GICD_ICPENDR) {
		if (write && off == GICR_SGI + GICD_ISPENDR) {
			for (u32 b = 0; b < 16; b++)
				if ((u32)*val & (1U << b))
					vgic_raise(t, b);
		} else if (write) {
			vgic_ppi_clear_pending(v, t, (u32)*val);
		} else {
			/*
			 * Waiting in the bitmap or in a list register; those of a
			 * vCPU on another CPU cannot be read from here.
			 */
			r = g->pending | (t == v ? vgic_lr_ppis(false) : 0);
		}
	} else if (off == GICR_SGI + GICD_ISACTIVER || off == GICR_SGI + GICD_ICACTIVER) {
		if (!write && t == v)
			r = vgic_lr_ppis(true);
	} else if (off == GICR_SGI + GICD_ICFGR) {
		r = 0xaaaaaaaa; /* SGIs are edge */
	} else if (off == GICR_SGI + GICD_ICFGR + 4) {
		if (write)
			g->cfg1 = (u32)*val;
		else
			r = g->cfg1;
	}
	if (!write)
		*val = r;
	return 0;
}
