// SPDX-License-Identifier: GPL-2.0
/*
 * What only the GICv2 model has: the distributor's GICv2 registers. The
 * partition's CPU interface is the hardware's virtual one (GICV, mapped by
 * stage 2 where its DTB puts the GICC), so only the distributor traps.
 * Bank 0 (SGIs and PPIs) is the calling vCPU's own; vCPU i is CPU
 * interface i (GICD_ITARGETSR0..7 read BIT(i)); an SPI targets one vCPU,
 * the lowest one its GICD_ITARGETSR names; SGIs go through GICD_SGIR.
 * Every interrupt is group 0, which is what a GICv2 guest enables.
 */
#include <asm/gic.h>
#include "partition.h"
#include "vgic_dist.h"

#define GICD_SPENDSGIR 0x0f20
#define GICD_PIDR2_V2  0x0fe8
#define IIDR_GIC400    0x0200143b

static bool bank0(u64 off)
{
	static const u16 regs[] = {GICD_ISENABLER, GICD_ICENABLER, GICD_ISPENDR, GICD_ICPENDR,
				   GICD_ISACTIVER, GICD_ICACTIVER, GICD_ICFGR,	 GICD_ICFGR + 4};

	if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + 32)
		return true;
	for (u32 i = 0; i < ARRAY_SIZE(regs); i++)
		if (off == regs[i])
			return true;
	return false;
}

/* GICD_SGIR: TargetListFilter 0 = the list, 1 = all but me, 2 = me. */
static void sgir_write(struct vcpu *v, u32 val)
{
	u32 filter = (val >> 24) & 3, intid = val & 0xf;

	if (filter == 0)
		vgic_sgi_send(v, intid, (val >> 16) & 0xff, false);
	else if (filter == 1)
		vgic_sgi_send(v, intid, 0, true);
	else if (filter == 2)
		vgic_raise(v, intid);
}

static u32 targets_read(struct vcpu *v, u32 first, u32 size)
{
	struct partition *p = v->part;
	u32 r = 0;

	for (u32 i = 0; i < size; i++) {
		u32 intid = first + i;

		if (intid < 32)
			r |= (u32)(BIT(v->index) & 0xff) << (8 * i);
		else if (vgic_spi_owned(p, intid))
			r |= (u32)(BIT(p->arch.vgic.route[intid - 32]) & 0xff) << (8 * i);
	}
	return r;
}

static void targets_write(struct vcpu *v, u32 first, u32 size, u64 val)
{
	for (u32 i = 0; i < size; i++) {
		u32 mask = (u32)(val >> (8 * i)) & 0xff;

		if (first + i >= 32 && mask)
			vgic_spi_set_target(v->part, first + i, (u32)__builtin_ctz(mask));
	}
}

bool vgic_dist_version(struct vcpu *v, u64 off, bool write, u32 size, u64 *r, u64 val)
{
	struct partition *p = v->part;
	struct vgic_dist *d = &p->arch.vgic;

	if (bank0(off)) {
		vgic_private_access(v, v, off, write, size, write ? &val : r);
		return true;
	}
	if (off >= GICD_ITARGETSR && off < GICD_ITARGETSR + 1020) {
		u32 first = (u32)(off - GICD_ITARGETSR);

		if ((size == 1 || size == 4) && first + size <= 32 + VGIC_NR_SPI) {
			if (write)
				targets_write(v, first, size, val);
			else
				*r = targets_read(v, first, size);
		}
		return true;
	}
	if (size != 4)
		return false;
	if (off == GICD_CTLR) {
		if (write)
			d->ctlr = (u32)val & BIT(0);
		else
			*r = d->ctlr;
	} else if (off == GICD_TYPER) {
		/* Lines, CPUNumber; no security extensions. */
		*r = VGIC_TYPER_LINES | ((p->cfg->nr_vcpus - 1) & 7) << 5;
	} else if (off == GICD_IIDR) {
		*r = IIDR_GIC400;
	} else if (off == GICD_PIDR2_V2) {
		*r = 0x2b; /* ArchRev 2 */
	} else if (off >= GICD_IGROUPR && off < GICD_IGROUPR + 0x80) {
		*r = 0; /* group 0 only */
	} else if (off == GICD_SGIR) {
		if (write)
			sgir_write(v, (u32)val);
	} else if (off >= GICD_SPENDSGIR && off < GICD_SPENDSGIR + 16) {
		/* SGI pending bits per source: not modelled, RAZ/WI. */
	} else {
		return false;
	}
	return true;
}
