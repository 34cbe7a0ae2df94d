// SPDX-License-Identifier: GPL-2.0
/*
 * Emulated GICv3 redistributors, one 128 KiB frame pair per vCPU, laid out
 * contiguously from the partition's GICR base. The SGI frame's registers
 * are the vCPU's private ones (vgic_private.c).
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

	if (off == GICR_SGI + GICD_IGROUPR && size == 4) {
		r = ~0U; /* group 1 only */
	} else if (off >= GICR_SGI) {
		return vgic_private_access(v, t, off - GICR_SGI, write, size, val);
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
	}
	if (!write)
		*val = r;
	return 0;
}
