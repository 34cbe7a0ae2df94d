// SPDX-License-Identifier: GPL-2.0
/*
 * GIC-400 secure set-up: every interrupt in group 1 (non-secure), so that
 * u-boot and Bulkhead at EL2 own the whole GIC, as TF-A leaves it on the
 * real board. QEMU's GIC has security extensions when secure=on: group
 * and the secure priority mask are writable from secure state only.
 */
#include "standin.h"

/* Once, from CPU0: the shared SPI groups and both groups enabled. */
void gic_dist_init(void)
{
	unsigned int lines = (mmio_read32(GICD_BASE + GICD_TYPER) & 0x1f) + 1;

	for (unsigned int n = 1; n < lines; n++)
		mmio_write32(GICD_BASE + GICD_IGROUPR + 4 * n, 0xffffffff);
	mmio_write32(GICD_BASE + GICD_CTLR, 0x3); /* EnableGrp0 | EnableGrp1 */
}

/* On every CPU: its banked SGI/PPI groups and its CPU interface. */
void gic_cpu_init(void)
{
	mmio_write32(GICD_BASE + GICD_IGROUPR, 0xffffffff);
	/*
	 * Non-secure writes to GICC_PMR are ignored while the secure mask has
	 * bit 7 clear (GICv2 spec, QEMU's arm_gic.c): open it fully.
	 */
	mmio_write32(GICC_BASE + GICC_PMR, 0xff);
	/* Group 1 signals IRQ whatever FIQEn says; EL2 enables group 1 itself. */
	mmio_write32(GICC_BASE + GICC_CTLR, 0);
}
