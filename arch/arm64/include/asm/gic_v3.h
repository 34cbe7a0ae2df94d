/* GICv3 CPU interface (system registers): acknowledge, drop, deactivate. */
#ifndef ASM_GIC_V3_H
#define ASM_GIC_V3_H
#include <asm/sysreg.h>

#define GIC_CPUIF_NAME "GICv3"

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

#endif
