/*
 * GICv2 (GIC-400) CPU interface, memory-mapped: acknowledge, drop,
 * deactivate. An SGI's acknowledge value carries its source CPU, and its
 * EOI and deactivation must give it back: the last one acknowledged on
 * each CPU is kept (EL2 takes one interrupt at a time).
 */
#ifndef ASM_GIC_V2_H
#define ASM_GIC_V2_H
#include <bulkhead/hv_config.h>
#include <asm/percpu.h>
#include <asm/sysreg.h>

#define GIC_CPUIF_NAME "GICv2"

#define GICC_CTLR 0x0000
#define GICC_PMR  0x0004
#define GICC_BPR  0x0008
#define GICC_IAR  0x000c
#define GICC_EOIR 0x0010
#define GICC_DIR  0x1000

#define GICH_HCR    0x000
#define GICH_VTR    0x004
#define GICH_VMCR   0x008
#define GICH_MISR   0x010
#define GICH_EISR0  0x020
#define GICH_ELRSR0 0x030
#define GICH_APR    0x0f0
#define GICH_LR0    0x100

extern u32 gicv2_sgi_source[CONFIG_NR_CPUS];

static inline u32 gicv2_with_source(u32 intid)
{
	return intid < 16 ? intid | gicv2_sgi_source[arch_cpu_id()] : intid;
}

static inline u32 gic_ack(void)
{
	u32 iar = mmio_read32(bh_system.gicc_pa + GICC_IAR), intid = iar & 0x3ff;

	if (intid < 16)
		gicv2_sgi_source[arch_cpu_id()] = iar & 0x1c00;
	return intid;
}

static inline void gic_eoi(u32 intid) /* priority drop only (EOImode 1) */
{
	mmio_write32(bh_system.gicc_pa + GICC_EOIR, gicv2_with_source(intid));
}

static inline void gic_deactivate(u32 intid)
{
	mmio_write32(bh_system.gicc_pa + GICC_DIR, gicv2_with_source(intid));
}

#endif
