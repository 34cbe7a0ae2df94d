// SPDX-License-Identifier: GPL-2.0
/*
 * A vCPU's SGI and PPI registers, as both GIC models show them: a GICv3
 * redistributor's SGI frame (vgic_redist.c: any vCPU's), a GICv2
 * distributor's bank 0 (vgic_v2.c: the caller's own). off is the
 * register's distributor offset (GICD_ISENABLER for GICR_ISENABLER0).
 * The timers' and the PMU's PPIs have a physical, level-sensitive source
 * (vgic_level.c): the exit that reads the pending bits sampled their lines.
 */
#include <asm/gic.h>
#include "partition.h"
#include "vgic_dist.h"

int vgic_private_access(struct vcpu *v, struct vcpu *t, u64 off, bool write, u32 size, u64 *val)
{
	struct vgic_cpu *g = &t->arch.vgic;
	u64 r = 0;

	if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + 32) {
		for (u32 i = 0; i < size; i++) {
			u32 intid = (u32)(off - GICD_IPRIORITYR) + i;

			if (intid >= 32)
				break;
			if (write)
				g->prio[intid] = (u8)(*val >> (8 * i));
			else
				r |= (u64)g->prio[intid] << (8 * i);
		}
	} else if (size != 4) {
		/* RAZ/WI */
	} else if (off == GICD_ISENABLER) {
		if (write) {
			g->enabled |= (u32)*val;
			vgic_mark(t);
		} else
			r = g->enabled;
	} else if (off == GICD_ICENABLER) {
		if (write)
			g->enabled &= ~(u32)*val;
		else
			r = g->enabled;
	} else if (off == GICD_ISPENDR || off == GICD_ICPENDR) {
		if (write && off == GICD_ISPENDR) {
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
	} else if (off == GICD_ISACTIVER || off == GICD_ICACTIVER) {
		if (!write && t == v)
			r = vgic_lr_ppis(true);
	} else if (off == GICD_ICFGR) {
		r = 0xaaaaaaaa; /* SGIs are edge */
	} else if (off == GICD_ICFGR + 4) {
		if (write)
			g->cfg1 = (u32)*val;
		else
			r = g->cfg1;
	}
	if (!write)
		*val = r;
	return 0;
}

/*
 * An SGI from v to the vCPUs of its partition whose index is set in
 * targets, or (others) to every vCPU but v.
 */
void vgic_sgi_send(struct vcpu *v, u32 intid, u32 targets, bool others)
{
	struct partition *p = v->part;

	for (u32 i = 0; i < p->cfg->nr_vcpus; i++) {
		struct vcpu *t = &p->vcpu[i];

		if (others ? t == v : !(targets & (1U << i)))
			continue;
		vgic_raise(t, intid);
	}
}
