/* System register access and the EL2 bit definitions Bulkhead uses. */
#ifndef ASM_SYSREG_H
#define ASM_SYSREG_H

#define HCR_VM	 (1UL << 0)
#define HCR_SWIO (1UL << 1)
#define HCR_FMO	 (1UL << 3)
#define HCR_IMO	 (1UL << 4)
#define HCR_AMO	 (1UL << 5)
#define HCR_TSC	 (1UL << 19)
#define HCR_TID3 (1UL << 18)
#define HCR_RW	 (1UL << 31)
#define HCR_APK	 (1UL << 40) /* pointer-auth key registers: the guest's */
#define HCR_API	 (1UL << 41) /* pointer-auth instructions: not trapped */

#define SPSR_EL1H 0x5UL
#define SPSR_DAIF (0xfUL << 6)

#define ESR_EC(esr) (((esr) >> 26) & 0x3f)
#define EC_WFX	    0x01
#define EC_HVC64    0x16
#define EC_SMC64    0x17
#define EC_SYS64    0x18
#define EC_IABT_LOW 0x20
#define EC_DABT_LOW 0x24

#ifndef __ASSEMBLY__
#include <bulkhead/types.h>

#define __stringify_1(x) #x
#define __stringify(x)	 __stringify_1(x)
#define read_sysreg(r)                                                                             \
	({                                                                                         \
		u64 __v;                                                                           \
		__asm__ volatile("mrs %0, " __stringify(r) : "=r"(__v));                           \
		__v;                                                                               \
	})
#define write_sysreg(r, v)                                                                         \
	do {                                                                                       \
		u64 __v = (u64)(v);                                                                \
		__asm__ volatile("msr " __stringify(r) ", %x0" : : "rZ"(__v));                     \
	} while (0)

static inline void isb(void)
{
	__asm__ volatile("isb" ::: "memory");
}

static inline void dsb_sy(void)
{
	__asm__ volatile("dsb sy" ::: "memory");
}

static inline void dsb_ish(void)
{
	__asm__ volatile("dsb ish" ::: "memory");
}

static inline void sev(void)
{
	__asm__ volatile("sev" ::: "memory");
}

static inline void wfe(void)
{
	__asm__ volatile("wfe" ::: "memory");
}

static inline void wfi(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

static inline void cpu_relax(void)
{
	__asm__ volatile("yield" ::: "memory");
}

static inline u32 mmio_read32(u64 addr)
{
	u32 v = *(volatile u32 *)addr;

	__asm__ volatile("" ::: "memory");
	return v;
}

static inline void mmio_write32(u64 addr, u32 v)
{
	__asm__ volatile("" ::: "memory");
	*(volatile u32 *)addr = v;
}

static inline u64 mmio_read64(u64 addr)
{
	return *(volatile u64 *)addr;
}

static inline void mmio_write64(u64 addr, u64 v)
{
	*(volatile u64 *)addr = v;
}

/* SMSTOP SM: leave SME streaming mode (FEAT_SME only; nothing if not in it). */
static inline void sme_stop_streaming(void)
{
	__asm__ volatile(".inst 0xd503427f" ::: "memory");
}
#endif
#endif
