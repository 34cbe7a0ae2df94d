// SPDX-License-Identifier: GPL-2.0
/*
 * The physical distributor's SPI registers, the same on a GICv3 and a
 * GICv2 (gicv3.c, gicv2.c have the rest: routes, SGIs and PPIs, the CPU
 * interface).
 */
#include <bulkhead/hv_config.h>
#include <asm/gic.h>
#include <asm/sysreg.h>

#define GICD(off) (bh_system.gicd_pa + (off))

void gic_spi_enable(u32 intid, bool on)
{
	mmio_write32(GICD((on ? GICD_ISENABLER : GICD_ICENABLER) + (intid / 32) * 4),
		     1U << (intid % 32));
}

void gic_spi_priority(u32 intid, u8 prio)
{
	*(volatile u8 *)(uintptr_t)GICD(GICD_IPRIORITYR + intid) = prio;
}

void gic_spi_config(u32 intid, bool edge)
{
	u64 reg = GICD(GICD_ICFGR + (intid / 16) * 4);
	u32 bit = 2U << ((intid % 16) * 2);
	u32 v = mmio_read32(reg);

	mmio_write32(reg, edge ? v | bit : v & ~bit);
}

/* For a level SPI: its line (while it is active, pending means asserted again). */
bool gic_spi_pending(u32 intid)
{
	return mmio_read32(GICD(GICD_ISPENDR + (intid / 32) * 4)) & (1U << (intid % 32));
}

void gic_spi_deactivate(u32 intid)
{
	mmio_write32(GICD(GICD_ICACTIVER + (intid / 32) * 4), 1U << (intid % 32));
}
