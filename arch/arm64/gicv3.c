// SPDX-License-Identifier: GPL-2.0
/*
 * The physical GICv3. All interrupts are non-secure group 1 and come to EL2
 * (HCR_EL2.IMO). EOImode 1 splits priority drop from deactivation, so an
 * interrupt forwarded to a guest with the list register's HW bit is
 * deactivated by the guest itself.
 */
#include <bulkhead/hv_config.h>
#include <asm/gic.h>
#include <asm/sysreg.h>
#include "console.h"

#define GICD(off)    (bh_system.gicd_pa + (off))
#define DEFAULT_PRIO 0xa0

static u64 redist[CONFIG_NR_CPUS];

static void dist_wait_rwp(void)
{
	while (mmio_read32(GICD(GICD_CTLR)) & BIT(31))
		cpu_relax();
}

void gic_dist_init(void)
{
	u32 lines = ((mmio_read32(GICD(GICD_TYPER)) & 0x1f) + 1) * 32;

	mmio_write32(GICD(GICD_CTLR), 0);
	dist_wait_rwp();
	for (u32 i = 32; i < lines && i < 1020; i += 32) {
		mmio_write32(GICD(GICD_IGROUPR + i / 8), ~0U);
		mmio_write32(GICD(GICD_ICENABLER + i / 8), ~0U);
		mmio_write32(GICD(GICD_ICPENDR + i / 8), ~0U);
		mmio_write32(GICD(GICD_ICACTIVER + i / 8), ~0U);
	}
	for (u32 i = 32; i < lines && i < 1020; i += 4)
		mmio_write32(GICD(GICD_IPRIORITYR + i), 0xa0a0a0a0U);
	mmio_write32(GICD(GICD_CTLR), BIT(4)); /* ARE first, groups off */
	dist_wait_rwp();
	mmio_write32(GICD(GICD_CTLR), BIT(4) | BIT(1));
	dist_wait_rwp();

	/* The console's receive interrupt comes to the boot CPU. */
	if (bh_system.uart_intid >= 32) {
		gic_spi_route(bh_system.uart_intid, read_sysreg(mpidr_el1) & 0xff00ffffffULL);
		gic_spi_enable(bh_system.uart_intid, true);
	}
}

static u64 find_redist(u64 mpidr)
{
	u64 aff = ((mpidr >> 8) & 0xff000000ULL) | (mpidr & 0xffffffULL);

	for (u64 rd = bh_system.gicr_pa; rd < bh_system.gicr_pa + bh_system.gicr_size;) {
		u64 typer = mmio_read64(rd + GICR_TYPER);

		if ((typer >> 32) == aff)
			return rd;
		if (typer & BIT(4))
			break;					      /* Last */
		rd += (typer & BIT(1)) ? 2 * GICR_FRAME : GICR_FRAME; /* VLPIS: GICv4 frames */
	}
	return 0;
}

void gic_cpu_init(u32 cpu)
{
	u64 rd = find_redist(bh_system.cpu_mpidr[cpu]), sgi;

	redist[cpu] = rd;
	if (!rd) {
		log_printf("cpu%u: no GIC redistributor for MPIDR 0x%llx", cpu,
			   (unsigned long long)bh_system.cpu_mpidr[cpu]);
		return;
	}
	sgi = rd + GICR_SGI;
	mmio_write32(rd + GICR_WAKER, mmio_read32(rd + GICR_WAKER) & ~BIT(1));
	while (mmio_read32(rd + GICR_WAKER) & BIT(2))
		cpu_relax();
	mmio_write32(sgi + GICD_IGROUPR, ~0U);
	mmio_write32(sgi + GICD_ICENABLER, ~0U);
	mmio_write32(sgi + GICD_ICPENDR, ~0U);
	mmio_write32(sgi + GICD_ICACTIVER, ~0U);
	for (u32 i = 0; i < 32; i += 4)
		mmio_write32(sgi + GICD_IPRIORITYR + i, 0xa0a0a0a0U);
	mmio_write32(sgi + GICD_ISENABLER, BIT(GIC_SGI_KICK) | BIT(GIC_PPI_MAINT) | VGIC_HW_PPIS);

	write_sysreg(S3_4_C12_C9_5, 0xfUL); /* ICC_SRE_EL2: SRE, no bypass, EL1 may use SRE */
	isb();
	write_sysreg(S3_0_C4_C6_0, 0xffUL); /* ICC_PMR_EL1 */
	write_sysreg(S3_0_C12_C12_3, 0UL);  /* ICC_BPR1_EL1 */
	write_sysreg(S3_0_C12_C12_4, 2UL);  /* ICC_CTLR_EL1: EOImode 1 */
	write_sysreg(S3_0_C12_C12_7, 1UL);  /* ICC_IGRPEN1_EL1 */
	isb();
}

static u64 sgi1r_value(u64 mpidr, u32 sgi)
{
	return ((mpidr >> 32) & 0xff) << 48 | ((mpidr >> 16) & 0xff) << 32 |
	       ((mpidr >> 8) & 0xff) << 16 | (u64)sgi << 24 | BIT(mpidr & 0xf);
}

/* ICC_SGI1R_EL1 values that kick each CPU, computed once: kicks are on the doorbell path. */
static u64 kick_sgi1r[CONFIG_NR_CPUS];

void gic_kick_init(void)
{
	for (u32 c = 0; c < bh_system.nr_cpus && c < CONFIG_NR_CPUS; c++)
		kick_sgi1r[c] = sgi1r_value(bh_system.cpu_mpidr[c], GIC_SGI_KICK);
}

void gic_kick(u32 cpu)
{
	dsb_ish();
	write_sysreg(S3_0_C12_C11_5, kick_sgi1r[cpu]); /* ICC_SGI1R_EL1 */
	isb();
}

void gic_spi_route(u32 intid, u64 mpidr)
{
	mmio_write64(GICD(GICD_IROUTER + intid * 8), mpidr & 0xff00ffffffULL);
}

void gic_ppi_enable(u32 intid, bool on)
{
	u64 rd = redist[read_sysreg(tpidr_el2)];

	if (rd)
		mmio_write32(rd + GICR_SGI + (on ? GICD_ISENABLER : GICD_ICENABLER), 1U << intid);
}

/*
 * Through the redistributor rather than ICC_DIR_EL1: another CPU may ask
 * (GICR_ICPENDR0 of a remote vCPU), and clearing an interrupt that is not
 * active is defined here.
 */
void gic_ppi_deactivate(u32 cpu, u32 intid)
{
	if (cpu < CONFIG_NR_CPUS && redist[cpu])
		mmio_write32(redist[cpu] + GICR_SGI + GICD_ICACTIVER, 1U << intid);
}

void gic_ppi_reset(u32 cpu, u32 mask)
{
	u64 rd = cpu < CONFIG_NR_CPUS ? redist[cpu] : 0;

	if (!rd)
		return;
	mmio_write32(rd + GICR_SGI + GICD_ICPENDR, mask);
	mmio_write32(rd + GICR_SGI + GICD_ICACTIVER, mask);
	mmio_write32(rd + GICR_SGI + GICD_ISENABLER, mask);
}
