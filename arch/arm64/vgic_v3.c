// SPDX-License-Identifier: GPL-2.0
/*
 * What only the GICv3 model has: the distributor's GICv3 registers (ARE
 * always on, SGIs and PPIs in the redistributors, SPI routes by affinity in
 * GICD_IROUTER) and SGIs sent through ICC_SGI1R_EL1.
 */
#include <asm/gic.h>
#include "partition.h"
#include "vgic_dist.h"

/* ICC_SGI1R_EL1 written by the guest: vCPU i has affinity 0.0.0.i. */
void vgic_sgi_write(struct vcpu *v, u64 val)
{
	bool all = val & BIT(40);

	if (!all && ((val >> 16) & 0xff || (val >> 32) & 0xff || (val >> 48) & 0xff))
		return; /* no vCPU has a non-zero Aff1..3 */
	vgic_sgi_send(v, (val >> 24) & 0xf, val & 0xffff, all);
}

static void set_route(struct vcpu *v, u32 intid, u64 val)
{
	u32 t = (val & BIT(31)) ? 0 : (u32)(val & 0xff); /* IRM: any = vCPU 0 */

	if (val & 0xff00ffff00ULL)
		return;
	vgic_spi_set_target(v->part, intid, t);
}

bool vgic_dist_version(struct vcpu *v, u64 off, bool write, u32 size, u64 *r, u64 val)
{
	struct partition *p = v->part;
	struct vgic_dist *d = &p->arch.vgic;

	if (off >= GICD_IROUTER + 32 * 8 && off < GICD_IROUTER + 1020 * 8) {
		u32 intid = (u32)(off - GICD_IROUTER) / 8;

		if (!vgic_spi_owned(p, intid))
			return true;
		if (write) {
			if (size == 8 && !(off & 7))
				set_route(v, intid, val);
			else if (size == 4 && !(off & 7))
				set_route(v, intid, val & 0xffffffffULL);
		} else {
			*r = (off & 4) ? 0 : d->route[intid - 32];
		}
		return true;
	}
	if (size != 4)
		return false;
	if (off == GICD_CTLR) {
		if (write)
			d->ctlr = (u32)val & BIT(1);
		else
			*r = d->ctlr | BIT(4) | BIT(6); /* ARE, DS */
	} else if (off == GICD_TYPER) {
		*r = VGIC_TYPER_LINES | (9U << 19); /* 10-bit INTIDs, no LPIs, no MBIS */
	} else if (off == GICD_IIDR) {
		*r = 0x43b;
	} else if (off == GICD_PIDR2) {
		*r = 0x3b;
	} else if (off >= GICD_IGROUPR && off < GICD_IGROUPR + 0x80) {
		*r = off == GICD_IGROUPR ? 0 : vgic_owned_mask(p, (u32)(off - GICD_IGROUPR) * 8);
	} else {
		return false;
	}
	return true;
}
