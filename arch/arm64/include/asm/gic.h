/* Physical GICv3 (gicv3.c) and the virtual GIC (vgic*.c). */
#ifndef ASM_GIC_H
#define ASM_GIC_H
#include <bulkhead/types.h>
#include <asm/sysreg.h>

#define GIC_SGI_KICK 8     /* hypervisor's own SGI between CPUs */
#define GIC_PPI_MAINT 25   /* GICv3 maintenance interrupt */
#define GIC_PPI_VTIMER 27  /* EL1 virtual timer */
#define GIC_PPI_PTIMER 30  /* EL1 physical timer */
#define GIC_PPI_PMU 23     /* PMU overflow */
/* PPIs with a physical, level-sensitive source a partition owns (vgic_level.c). */
#define VGIC_HW_PPIS (BIT(GIC_PPI_VTIMER) | BIT(GIC_PPI_PTIMER) | BIT(GIC_PPI_PMU))
#define GIC_SPURIOUS 1020

#define GICD_CTLR 0x0000
#define GICD_TYPER 0x0004
#define GICD_IIDR 0x0008
#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_ISPENDR 0x0200
#define GICD_ICPENDR 0x0280
#define GICD_ISACTIVER 0x0300
#define GICD_ICACTIVER 0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ICFGR 0x0c00
#define GICD_IROUTER 0x6000
#define GICD_PIDR2 0xffe8

#define GICR_CTLR 0x0000
#define GICR_IIDR 0x0004
#define GICR_TYPER 0x0008
#define GICR_WAKER 0x0014
#define GICR_PIDR2 0xffe8
#define GICR_SGI 0x10000
#define GICR_FRAME 0x20000

struct vcpu;
struct partition;

void gic_dist_init(void);
void gic_cpu_init(u32 cpu);
void gic_send_sgi(u64 mpidr, u32 sgi);
u64 gic_sgi1r_value(u64 mpidr, u32 sgi); /* ICC_SGI1R_EL1 that sends sgi to that CPU */
/* Inline: they sit on every interrupt's path. */
static inline u32 gic_ack(void)
{
	u32 iar = (u32)read_sysreg(S3_0_C12_C12_0); /* ICC_IAR1_EL1 */

	__asm__ volatile("dsb sy" ::: "memory");
	return iar & 0xffffff;
}

static inline void gic_eoi(u32 intid) /* priority drop only (EOImode 1) */
{
	write_sysreg(S3_0_C12_C12_1, intid); /* ICC_EOIR1_EL1 */
	isb();
}

static inline void gic_deactivate(u32 intid)
{
	write_sysreg(S3_0_C12_C11_1, intid); /* ICC_DIR_EL1 */
	isb();
}
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
/* This CPU's list registers. */
bool vgic_lr_unpend(u32 intid); /* drops intid if it is pending, not active, in one */
u32 vgic_lr_ppis(bool active);  /* SGIs/PPIs pending (or active) in them */
u32 vgic_lr_state(u32 intid);   /* intid's state there: 0 none, 1 pending, 2 active, 3 both */
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

#endif
