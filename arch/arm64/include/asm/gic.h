/*
 * The physical GIC and the virtual GIC (vgic*.c): one contract, two back
 * ends chosen at build time (CONFIG_ARM64_GICV3: gicv3.c, vgic_v3.c,
 * vgic_redist.c; CONFIG_ARM64_GICV2, the GIC-400: gicv2.c, vgic_v2.c).
 * Only one is linked: the interrupt and exit paths call them directly.
 */
#ifndef ASM_GIC_H
#define ASM_GIC_H
#include <bulkhead/types.h>
#include <asm/sysreg.h>

#define GIC_SGI_KICK   8  /* hypervisor's own SGI between CPUs */
#define GIC_PPI_MAINT  25 /* maintenance interrupt (GICv3 and GIC-400) */
#define GIC_PPI_HTIMER 26 /* EL2 physical timer: arch_wait_until's wake-up */
#define GIC_PPI_VTIMER 27 /* EL1 virtual timer */
#define GIC_PPI_PTIMER 30 /* EL1 physical timer */
#define GIC_PPI_PMU    23 /* PMU overflow */
/* PPIs with a physical, level-sensitive source a partition owns (vgic_level.c). */
#define VGIC_HW_PPIS (BIT(GIC_PPI_VTIMER) | BIT(GIC_PPI_PTIMER) | BIT(GIC_PPI_PMU))
#define GIC_SPURIOUS 1020

#define GICD_CTLR	0x0000
#define GICD_TYPER	0x0004
#define GICD_IIDR	0x0008
#define GICD_IGROUPR	0x0080
#define GICD_ISENABLER	0x0100
#define GICD_ICENABLER	0x0180
#define GICD_ISPENDR	0x0200
#define GICD_ICPENDR	0x0280
#define GICD_ISACTIVER	0x0300
#define GICD_ICACTIVER	0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ITARGETSR	0x0800 /* GICv2 */
#define GICD_ICFGR	0x0c00
#define GICD_SGIR	0x0f00 /* GICv2 */
#define GICD_IROUTER	0x6000
#define GICD_PIDR2	0xffe8

#define GICR_CTLR  0x0000
#define GICR_IIDR  0x0004
#define GICR_TYPER 0x0008
#define GICR_WAKER 0x0014
#define GICR_PIDR2 0xffe8
#define GICR_SGI   0x10000
#define GICR_FRAME 0x20000

struct vcpu;
struct partition;

void gic_dist_init(void);
void gic_cpu_init(u32 cpu);
void gic_kick_init(void); /* after every CPU's gic_cpu_init may not have run: see gic_kick */
void gic_kick(u32 cpu);	  /* GIC_SGI_KICK to physical CPU cpu */
void gic_spi_enable(u32 intid, bool on);
void gic_spi_route(u32 intid, u64 mpidr);
void gic_spi_priority(u32 intid, u8 prio);
void gic_spi_config(u32 intid, bool edge);
void gic_ppi_enable(u32 intid, bool on);
/* PPIs of CPU cpu's redistributor (any CPU may call them). */
void gic_ppi_deactivate(u32 cpu, u32 intid);
void gic_ppi_reset(u32 cpu, u32 mask); /* not pending, not active, enabled */
bool gic_spi_pending(u32 intid);
void gic_spi_deactivate(u32 intid);

void vgic_vcpu_reset(struct vcpu *v);
void vgic_raise(struct vcpu *v, u32 intid);
void vgic_mark(struct vcpu *v); /* look at its pending interrupts again */
void vgic_flush(struct vcpu *v);
void vgic_maintenance(struct vcpu *v);
void vgic_sgi_write(struct vcpu *v, u64 value);
bool vgic_spi_owned(const struct partition *p, u32 intid);
struct vcpu *vgic_spi_target(struct partition *p, u32 intid);
int vgic_dist_access(struct vcpu *v, u64 off, bool write, u32 size, u64 *val);
int vgic_redist_access(struct vcpu *v, u64 off, bool write, u32 size, u64 *val);
/* The SGI/PPI registers of vCPU t (GICv3: its redistributor's SGI frame; GICv2: bank 0). */
int vgic_private_access(struct vcpu *v, struct vcpu *t, u64 off, bool write, u32 size, u64 *val);
/* This CPU's list registers. */
bool vgic_lr_unpend(u32 intid); /* drops intid if it is pending, not active, in one */
u32 vgic_lr_ppis(bool active);	/* SGIs/PPIs pending (or active) in them */
u32 vgic_lr_state(u32 intid);	/* intid's state there: 0 none, 1 pending, 2 active, 3 both */
/* Level-sensitive hardware PPIs (vgic_level.c). */
/* Timers: ENABLE set, IMASK clear, ISTATUS set. Inline: sampled on every exit. */
static inline u32 vgic_hw_ppi_lines(u64 cntv_ctl, u64 cntp_ctl, bool pmu_overflow)
{
	return ((cntv_ctl & 7) == 5 ? (u32)BIT(GIC_PPI_VTIMER) : 0) |
	       ((cntp_ctl & 7) == 5 ? (u32)BIT(GIC_PPI_PTIMER) : 0) |
	       (pmu_overflow ? (u32)BIT(GIC_PPI_PMU) : 0);
}
void vgic_ppi_assert(struct vcpu *v, u32 intid);
void vgic_ppi_sync(struct vcpu *v, u32 lines);
void vgic_ppi_clear_pending(struct vcpu *v, struct vcpu *t, u32 bits);
void vgic_sync_lines(struct vcpu *v); /* samples the lines, on every exit */

#ifdef CONFIG_ARM64_GICV2
#include <asm/gic_v2.h>
#else
#include <asm/gic_v3.h>
#endif

#endif
