/*
 * GICv3 list registers and virtual CPU interface control (ICH_*_EL2),
 * for vgic.c, whose list register values are in this layout.
 */
#ifndef VGIC_V3_LR_H
#define VGIC_V3_LR_H
#include <asm/sysreg.h>

static inline u64 lr_read(u32 n)
{
	switch (n) {
	case 0:
		return read_sysreg(S3_4_C12_C12_0);
	case 1:
		return read_sysreg(S3_4_C12_C12_1);
	case 2:
		return read_sysreg(S3_4_C12_C12_2);
	case 3:
		return read_sysreg(S3_4_C12_C12_3);
	case 4:
		return read_sysreg(S3_4_C12_C12_4);
	case 5:
		return read_sysreg(S3_4_C12_C12_5);
	case 6:
		return read_sysreg(S3_4_C12_C12_6);
	case 7:
		return read_sysreg(S3_4_C12_C12_7);
	case 8:
		return read_sysreg(S3_4_C12_C13_0);
	case 9:
		return read_sysreg(S3_4_C12_C13_1);
	case 10:
		return read_sysreg(S3_4_C12_C13_2);
	case 11:
		return read_sysreg(S3_4_C12_C13_3);
	case 12:
		return read_sysreg(S3_4_C12_C13_4);
	case 13:
		return read_sysreg(S3_4_C12_C13_5);
	case 14:
		return read_sysreg(S3_4_C12_C13_6);
	default:
		return read_sysreg(S3_4_C12_C13_7);
	}
}

static inline void lr_write(u32 n, u64 v)
{
	switch (n) {
	case 0:
		write_sysreg(S3_4_C12_C12_0, v);
		break;
	case 1:
		write_sysreg(S3_4_C12_C12_1, v);
		break;
	case 2:
		write_sysreg(S3_4_C12_C12_2, v);
		break;
	case 3:
		write_sysreg(S3_4_C12_C12_3, v);
		break;
	case 4:
		write_sysreg(S3_4_C12_C12_4, v);
		break;
	case 5:
		write_sysreg(S3_4_C12_C12_5, v);
		break;
	case 6:
		write_sysreg(S3_4_C12_C12_6, v);
		break;
	case 7:
		write_sysreg(S3_4_C12_C12_7, v);
		break;
	case 8:
		write_sysreg(S3_4_C12_C13_0, v);
		break;
	case 9:
		write_sysreg(S3_4_C12_C13_1, v);
		break;
	case 10:
		write_sysreg(S3_4_C12_C13_2, v);
		break;
	case 11:
		write_sysreg(S3_4_C12_C13_3, v);
		break;
	case 12:
		write_sysreg(S3_4_C12_C13_4, v);
		break;
	case 13:
		write_sysreg(S3_4_C12_C13_5, v);
		break;
	case 14:
		write_sysreg(S3_4_C12_C13_6, v);
		break;
	default:
		write_sysreg(S3_4_C12_C13_7, v);
		break;
	}
}

static inline u32 nr_lrs(void)
{
	return (u32)(read_sysreg(S3_4_C12_C11_1) & 0x1f) + 1; /* ICH_VTR_EL2.ListRegs */
}

/* 1 = empty (ICH_ELRSR_EL2). */
static inline u64 lrs_empty(void)
{
	return read_sysreg(S3_4_C12_C11_5);
}

/* 1 = EOI maintenance (ICH_EISR_EL2). */
static inline u64 lrs_eoi(void)
{
	return read_sysreg(S3_4_C12_C11_3);
}

static inline void hcr_write(u32 v)
{
	write_sysreg(S3_4_C12_C11_0, (u64)v); /* ICH_HCR_EL2 */
	isb();
}

static inline void cpuif_reset(void)
{
	write_sysreg(S3_4_C12_C9_0, 0UL);  /* ICH_AP1R0_EL2 */
	write_sysreg(S3_4_C12_C8_0, 0UL);  /* ICH_AP0R0_EL2 */
	write_sysreg(S3_4_C12_C11_7, 0UL); /* ICH_VMCR_EL2 */
}

#endif
