// SPDX-License-Identifier: GPL-2.0
/*
 * The GIC from the partition's side, as its DTB describes it: a GICv3
 * (distributor and redistributors emulated by Bulkhead, the CPU interface
 * is the system registers) or a GICv2 (distributor emulated, the CPU
 * interface memory-mapped: the GIC's virtual one). The same program runs
 * on either board.
 */
#include <libfdt.h>
#include <asm/sysreg.h>
#include "entry.h"
#include "part.h"

#define NR_HANDLERS 1020 /* every SGI, PPI and SPI INTID */

static irq_handler_t handlers[NR_HANDLERS];

#define GICC_CTLR 0x00
#define GICC_PMR  0x04
#define GICC_BPR  0x08
#define GICC_IAR  0x0c
#define GICC_EOIR 0x10

/* GICv2: group 0 is what Bulkhead's virtual GICv2 delivers (as a GIC without security does). */
static void irq_init_v2(void)
{
	if (this_cpu() == 0)
		mmio_write32(part.gicd_base, 1); /* GICD_CTLR: enable */
	mmio_write32(part.gicc_base + GICC_PMR, 0xff);
	mmio_write32(part.gicc_base + GICC_BPR, 0);
	mmio_write32(part.gicc_base + GICC_CTLR, 1); /* EnableGrp0 */
	__asm__ volatile("msr daifclr, #2" ::: "memory");
}

/* This CPU's SGI and PPI registers: its redistributor's SGI frame, or a GICv2's bank 0. */
u64 irq_private_regs(void)
{
	if (part.gic_version == 2)
		return part.gicd_base;
	return part.gicr_base + (u64)this_cpu() * 0x20000 + 0x10000;
}

void irq_init(void)
{
	u64 rd = part.gicr_base + (u64)this_cpu() * 0x20000;

	if (part.gic_version == 2) {
		irq_init_v2();
		return;
	}
	if (this_cpu() == 0)
		mmio_write32(part.gicd_base, BIT(1) | BIT(4)); /* EnableGrp1, ARE */
	mmio_write32(rd + 0x14, 0);			       /* GICR_WAKER: awake */
	write_sysreg(S3_0_C12_C12_5, 7UL);		       /* ICC_SRE_EL1 */
	write_sysreg(S3_0_C4_C6_0, 0xffUL);		       /* ICC_PMR_EL1 */
	write_sysreg(S3_0_C12_C12_3, 0UL);		       /* ICC_BPR1_EL1 */
	write_sysreg(S3_0_C12_C12_7, 1UL);		       /* ICC_IGRPEN1_EL1 */
	isb();
	__asm__ volatile("msr daifclr, #2" ::: "memory");
}

void irq_register(u32 intid, irq_handler_t fn)
{
	if (intid < NR_HANDLERS)
		handlers[intid] = fn;
}

irq_handler_t irq_handler(u32 intid)
{
	return intid < NR_HANDLERS ? handlers[intid] : NULL;
}

/*
 * Group 1 first: Bulkhead's vGIC has only group 1, but a real GIC resets to
 * group 0, which would signal FIQ (the same binary runs on bare QEMU).
 */
void irq_enable(u32 intid)
{
	u64 bank = intid < 32 ? irq_private_regs() : part.gicd_base + (intid / 32) * 4;
	u32 bit = 1U << (intid % 32);

	if (part.gic_version != 2)
		mmio_write32(bank + 0x80, mmio_read32(bank + 0x80) | bit); /* IGROUPR */
	mmio_write32(bank + 0x100, bit);				   /* ISENABLER */
}

/* GICv2: an SGI's acknowledge value carries its source, which the EOI gives back. */
static void irq_dispatch_v2(void)
{
	for (;;) {
		u32 iar = mmio_read32(part.gicc_base + GICC_IAR), intid = iar & 0x3ff;

		if (intid >= 1020)
			break;
		if (handlers[intid])
			handlers[intid](intid);
		mmio_write32(part.gicc_base + GICC_EOIR, iar);
	}
}

void irq_dispatch(void)
{
	if (part.gic_version == 2) {
		irq_dispatch_v2();
		return;
	}
	for (;;) {
		u32 intid = (u32)read_sysreg(S3_0_C12_C12_0) & 0xffffff; /* ICC_IAR1_EL1 */

		if (intid >= 1020)
			break;
		if (intid < NR_HANDLERS && handlers[intid])
			handlers[intid](intid);
		write_sysreg(S3_0_C12_C12_1, intid); /* ICC_EOIR1_EL1 */
		isb();
	}
}

u64 timer_freq(void)
{
	return read_sysreg(cntfrq_el0);
}

u64 timer_now(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

void timer_set(u64 deadline)
{
	write_sysreg(cntv_cval_el0, deadline);
	write_sysreg(cntv_ctl_el0, 1UL);
	isb();
}

void timer_stop(void)
{
	write_sysreg(cntv_ctl_el0, 0UL); /* the level interrupt drops with it */
	isb();
}

/* A GIC interrupt specifier <type number flags>: SPIs and PPIs as INTIDs; 0 if not one. */
u32 part_irq_spec(int ctrl, const void *cells_be, int cells)
{
	const fdt32_t *spec = cells_be;
	u32 type, num;

	(void)ctrl;
	if (cells < 2)
		return 0;
	type = fdt32_to_cpu(spec[0]);
	num = fdt32_to_cpu(spec[1]);
	if (type == 0 && num < 988)
		return 32 + num;
	if (type == 1 && num < 16)
		return 16 + num;
	return 0;
}
