// SPDX-License-Identifier: GPL-2.0
/*
 * Emulated distributor, one per partition: the registers of its SPIs,
 * which the GICv3 and GICv2 models share (vgic_dist_version adds each
 * one's own). A partition sees only its own SPIs: pass-through SPIs (its
 * devices) write through to the physical distributor, its virtual UART's
 * SPI is purely virtual, every other line reads as zero and ignores writes.
 */
#include <asm/gic.h>
#include <asm/sysreg.h>
#include "arm64.h"
#include "partition.h"
#include "vgic_dist.h"

bool vgic_spi_owned(const struct partition *p, u32 intid)
{
	if (intid < 32 || intid - 32 >= VGIC_NR_SPI)
		return false;
	if (intid == p->cfg->vuart_intid)
		return true;
	for (u32 i = 0; i < p->cfg->nr_spis; i++)
		if (p->cfg->spis[i] == intid)
			return true;
	return false;
}

static bool spi_hw(const struct partition *p, u32 intid)
{
	return intid != p->cfg->vuart_intid && vgic_spi_owned(p, intid);
}

struct vcpu *vgic_spi_target(struct partition *p, u32 intid)
{
	u32 t = p->arch.vgic.route[intid - 32];

	return &p->vcpu[t < p->cfg->nr_vcpus ? t : 0];
}

u32 vgic_owned_mask(struct partition *p, u32 first)
{
	u32 m = 0;

	for (u32 b = 0; b < 32; b++)
		if (vgic_spi_owned(p, first + b))
			m |= 1U << b;
	return m;
}

static void set_enable(struct vcpu *v, u32 first, u32 bits, bool on)
{
	struct partition *p = v->part;
	u32 w = (first - 32) / 32;

	bits &= vgic_owned_mask(p, first);
	for (u32 b = 0; b < 32; b++) {
		u32 intid = first + b;

		if (!(bits & (1U << b)))
			continue;
		if (on)
			p->arch.vgic.enabled[w] |= 1U << b;
		else
			p->arch.vgic.enabled[w] &= ~(1U << b);
		if (spi_hw(p, intid))
			gic_spi_enable(intid, on);
	}
	if (on) {
		vpl011_recheck(p);
		for (u32 i = 0; i < p->cfg->nr_vcpus; i++)
			vgic_mark(&p->vcpu[i]);
	}
}

static bool spi_level(const struct partition *p, u32 intid)
{
	return !((p->arch.vgic.cfg[intid / 16 - 2] >> (2 * (intid % 16) + 1)) & 1);
}

/*
 * GICD_ISPENDR of 32 SPIs from first. A pass-through one is pending when
 * the physical one is (for a level one its line: a list register of v still
 * holding it pending after the line dropped is cleared first, and the
 * physical interrupt deactivated) or when v's list registers hold it
 * pending; a virtual one when it waits in its target's bitmap or in v's
 * list registers. Those of other vCPUs' list registers cannot be read here.
 */
static u32 spi_pending(struct vcpu *v, u32 first)
{
	struct partition *p = v->part;
	u32 r = 0;

	for (u32 b = 0; b < 32; b++) {
		u32 intid = first + b, w = (intid - 32) / 64;
		bool pend;

		if (!vgic_spi_owned(p, intid))
			continue;
		if (spi_hw(p, intid)) {
			pend = gic_spi_pending(intid);
			if (!pend && spi_level(p, intid) && vgic_lr_unpend(intid))
				gic_spi_deactivate(intid);
		} else {
			pend = vgic_spi_target(p, intid)->arch.vgic.spi_pending[w] &
			       (1ULL << ((intid - 32) % 64));
		}
		if (pend || vgic_lr_state(intid) == 1)
			r |= 1U << b;
	}
	return r;
}

/* t: a vCPU index of p; others are ignored, as a route to no CPU. */
void vgic_spi_set_target(struct partition *p, u32 intid, u32 t)
{
	if (!vgic_spi_owned(p, intid) || t >= p->cfg->nr_vcpus)
		return;
	p->arch.vgic.route[intid - 32] = (u8)t;
	if (spi_hw(p, intid))
		gic_spi_route(intid, bh_system.cpu_mpidr[p->vcpu[t].pcpu]);
}

int vgic_dist_access(struct vcpu *v, u64 off, bool write, u32 size, u64 *val)
{
	struct partition *p = v->part;
	struct vgic_dist *d = &p->arch.vgic;
	u64 r = 0;

	if (vgic_dist_version(v, off, write, size, &r, *val))
		goto out;
	if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + 1024) {
		/* Byte-accessible. */
		for (u32 i = 0; i < size; i++) {
			u32 intid = (u32)(off - GICD_IPRIORITYR) + i;

			if (intid < 32 || !vgic_spi_owned(p, intid))
				continue;
			if (write)
				d->prio[intid - 32] = (u8)(*val >> (8 * i));
			else
				r |= (u64)d->prio[intid - 32] << (8 * i);
		}
		goto out;
	}
	if (size != 4)
		goto out; /* everything else is 32-bit */

	if (off >= GICD_ISENABLER + 4 && off < GICD_ICENABLER + 0x80) {
		bool set = off < GICD_ICENABLER;
		u32 first = (u32)(off - (set ? GICD_ISENABLER : GICD_ICENABLER)) * 8;

		if (first >= 32 && first - 32 < VGIC_NR_SPI) {
			if (write)
				set_enable(v, first, (u32)*val, set);
			else
				r = d->enabled[(first - 32) / 32];
		}
	} else if (off >= GICD_ISPENDR + 4 && off < GICD_ICPENDR + 0x80) {
		bool set = off < GICD_ICPENDR;
		u32 first = (u32)(off - (set ? GICD_ISPENDR : GICD_ICPENDR)) * 8;

		if (!write && first >= 32 && first - 32 < VGIC_NR_SPI)
			r = spi_pending(v, first);
		if (write && set && first >= 32 && first - 32 < VGIC_NR_SPI) {
			for (u32 b = 0; b < 32; b++)
				if (((u32)*val & (1U << b)) && vgic_spi_owned(p, first + b) &&
				    !spi_hw(p, first + b))
					vgic_raise(vgic_spi_target(p, first + b), first + b);
		}
	} else if (off >= GICD_ICFGR + 8 && off < GICD_ICFGR + 0x100) {
		u32 idx = (u32)(off - GICD_ICFGR) / 4, first = idx * 16;

		if (first - 32 < VGIC_NR_SPI) {
			if (write) {
				for (u32 b = 0; b < 16; b++) {
					u32 intid = first + b;
					bool edge = (*val >> (2 * b + 1)) & 1;

					if (!vgic_spi_owned(p, intid))
						continue;
					d->cfg[idx - 2] = (d->cfg[idx - 2] & ~(3U << (2 * b))) |
							  ((u32)edge << (2 * b + 1));
					if (spi_hw(p, intid))
						gic_spi_config(intid, edge);
				}
			} else {
				r = d->cfg[idx - 2];
			}
		}
	}
	/* Everything else (active bits, NSACR, IGRPMODR, IDs): RAZ/WI. */
out:
	if (!write)
		*val = r;
	return 0;
}
