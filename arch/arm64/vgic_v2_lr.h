/*
 * GICv2 (GIC-400) list registers and virtual CPU interface control
 * (GICH_*, memory-mapped), for vgic.c, which keeps list register values in
 * the GICv3 layout: they are converted on the way in and out. A GICv2
 * list register has 5 priority bits and no group the guest enables: the
 * guest's GICC_CTLR (Linux's, the partitions' library's) enables group 0,
 * so every virtual interrupt is group 0 here.
 */
#ifndef VGIC_V2_LR_H
#define VGIC_V2_LR_H
#include <bulkhead/hv_config.h>
#include <asm/gic.h>
#include <asm/sysreg.h>

#define GICH(off) (bh_system.gich_pa + (off))
#define V2_HW	  BIT(31)
#define V2_EOI	  BIT(19)

static inline u64 lr_read(u32 n)
{
	u32 v = mmio_read32(GICH(GICH_LR0 + 4 * n));
	u64 lr =
	    (v & 0x3ff) | (u64)((v >> 28) & 3) << 62 | (u64)((v >> 23) & 0x1f) << 51 | LR_GROUP1;

	if (v & V2_HW)
		lr |= LR_HW | (u64)((v >> 10) & 0x3ff) << 32;
	else if (v & V2_EOI)
		lr |= LR_EOI;
	return lr;
}

static inline void lr_write(u32 n, u64 lr)
{
	u32 v = ((u32)lr & 0x3ff) | (u32)(lr >> 62) << 28 | ((u32)(lr >> 48) & 0xf8) << 20;

	if (lr & LR_HW)
		v |= V2_HW | ((u32)(lr >> 32) & 0x3ff) << 10;
	else if (lr & LR_EOI)
		v |= V2_EOI;
	mmio_write32(GICH(GICH_LR0 + 4 * n), v);
}

/* GICH_VTR.ListRegs + 1, read once by gic_cpu_init: MMIO reads are not free. */
extern u32 gicv2_nr_lrs;

static inline u32 nr_lrs(void)
{
	return gicv2_nr_lrs;
}

static inline u64 lrs_empty(void)
{
	return mmio_read32(GICH(GICH_ELRSR0)) | (u64)mmio_read32(GICH(GICH_ELRSR0 + 4)) << 32;
}

static inline u64 lrs_eoi(void)
{
	return mmio_read32(GICH(GICH_EISR0)) | (u64)mmio_read32(GICH(GICH_EISR0 + 4)) << 32;
}

static inline void hcr_write(u32 v)
{
	mmio_write32(GICH(GICH_HCR), v);
}

static inline void cpuif_reset(void)
{
	mmio_write32(GICH(GICH_APR), 0);
	mmio_write32(GICH(GICH_VMCR), 0);
}

#endif
