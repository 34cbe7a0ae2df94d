// SPDX-License-Identifier: GPL-2.0
/*
 * The physical GICv2 (GIC-400). Whatever group the firmware gave the
 * interrupts (group 1 behind an EL3 with security extensions, group 0
 * without), both are enabled and signal IRQ to EL2 (HCR_EL2.IMO).
 * EOImode 1 splits priority drop from deactivation, so an interrupt
 * forwarded to a guest with the list register's HW bit is deactivated by
 * the guest's write to its virtual CPU interface.
 *
 * SGIs, PPIs and their state are banked per CPU in the distributor: only
 * the CPU itself reaches its bank, and a CPU is named to the GIC by its
 * CPU interface number, read from its own GICD_ITARGETSR0.
 */
#include <bulkhead/hv_config.h>
#include <asm/gic.h>
#include <asm/sysreg.h>
#include "console.h"

#define GICD(off)    (bh_system.gicd_pa + (off))
#define GICC(off)    (bh_system.gicc_pa + (off))
#define CTLR_ENABLE  (BIT(0) | BIT(1)) /* both groups; the non-secure view has bit 0 only */
#define CTLR_EOIMODE BIT(9)	       /* EOImodeS, or EOImodeNS in the non-secure view */

u32 gicv2_sgi_source[CONFIG_NR_CPUS];
u32 gicv2_nr_lrs = 1;
static u8 cpu_if[CONFIG_NR_CPUS]; /* each CPU's interface mask */

void gic_dist_init(void)
{
	u32 lines = ((mmio_read32(GICD(GICD_TYPER)) & 0x1f) + 1) * 32;

	mmio_write32(GICD(GICD_CTLR), 0);
	for (u32 i = 32; i < lines && i < 1020; i += 32) {
		mmio_write32(GICD(GICD_ICENABLER + i / 8), ~0U);
		mmio_write32(GICD(GICD_ICPENDR + i / 8), ~0U);
		mmio_write32(GICD(GICD_ICACTIVER + i / 8), ~0U);
	}
	for (u32 i = 32; i < lines && i < 1020; i += 4)
		mmio_write32(GICD(GICD_IPRIORITYR + i), 0xa0a0a0a0U);
	mmio_write32(GICD(GICD_CTLR), CTLR_ENABLE);

	/* The console's receive interrupt comes to the boot CPU (its gic_cpu_init ran). */
	if (bh_system.uart_intid >= 32) {
		gic_spi_route(bh_system.uart_intid, bh_system.cpu_mpidr[arch_cpu_id()]);
		gic_spi_enable(bh_system.uart_intid, true);
	}
}

void gic_cpu_init(u32 cpu)
{
	u32 me = mmio_read32(GICD(GICD_ITARGETSR)) & 0xff; /* banked: this CPU's own bit */

	cpu_if[cpu] = (u8)me;
	if (!me)
		log_printf("cpu%u: the GIC names no CPU interface for it", cpu);
	mmio_write32(GICD(GICD_ICENABLER), ~0U);
	mmio_write32(GICD(GICD_ICPENDR), ~0U);
	mmio_write32(GICD(GICD_ICACTIVER), ~0U);
	for (u32 i = 0; i < 32; i += 4)
		mmio_write32(GICD(GICD_IPRIORITYR + i), 0xa0a0a0a0U);
	mmio_write32(GICD(GICD_ISENABLER), BIT(GIC_SGI_KICK) | BIT(GIC_PPI_MAINT) | VGIC_HW_PPIS);
	mmio_write32(GICC(GICC_PMR), 0xff);
	mmio_write32(GICC(GICC_BPR), 0);
	mmio_write32(GICC(GICC_CTLR), CTLR_ENABLE | CTLR_EOIMODE);
	gicv2_nr_lrs = (mmio_read32(bh_system.gich_pa + GICH_VTR) & 0x3f) + 1;
}

/*
 * A CPU not yet started has not read its interface number: on every
 * GIC-400 board Bulkhead knows it is the CPU's Aff0, and a kick to a CPU
 * not running yet has nothing to interrupt anyway.
 */
static u32 if_mask(u32 cpu)
{
	return cpu_if[cpu] ? cpu_if[cpu] : BIT(bh_system.cpu_mpidr[cpu] & 7);
}

void gic_kick_init(void)
{
}

void gic_kick(u32 cpu)
{
	dsb_ish();
	mmio_write32(GICD(GICD_SGIR), if_mask(cpu) << 16 | GIC_SGI_KICK);
}

/* mpidr: the owner's physical CPU (the only form of route a GICv2 has). */
void gic_spi_route(u32 intid, u64 mpidr)
{
	for (u32 c = 0; c < bh_system.nr_cpus && c < CONFIG_NR_CPUS; c++)
		if (bh_system.cpu_mpidr[c] == mpidr) {
			*(volatile u8 *)(uintptr_t)GICD(GICD_ITARGETSR + intid) = (u8)if_mask(c);
			return;
		}
}

void gic_ppi_enable(u32 intid, bool on)
{
	mmio_write32(GICD(on ? GICD_ISENABLER : GICD_ICENABLER), 1U << intid);
}

/*
 * The PPI bank is the calling CPU's own. A vCPU only ever reaches its own
 * PPIs on a GICv2 (the guest's bank 0 is its own too), so cpu is this CPU.
 */
void gic_ppi_deactivate(u32 cpu, u32 intid)
{
	if (cpu == arch_cpu_id())
		mmio_write32(GICD(GICD_ICACTIVER), 1U << intid);
}

void gic_ppi_reset(u32 cpu, u32 mask)
{
	if (cpu != arch_cpu_id())
		return;
	mmio_write32(GICD(GICD_ICPENDR), mask);
	mmio_write32(GICD(GICD_ICACTIVER), mask);
	mmio_write32(GICD(GICD_ISENABLER), mask);
}
