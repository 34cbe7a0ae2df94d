// SPDX-License-Identifier: GPL-2.0
/*
 * Local APIC: software-enabled with our spurious vector (u-boot leaves
 * vector 0, INIT leaves it disabled), LVTs masked, IPIs for kicks and AP
 * start-up. xAPIC MMIO: every CPU sees its own APIC at the same address.
 */
#include <asm/io.h>
#include <asm/lapic.h>

#define APIC_ID 0x020
#define APIC_EOI 0x0b0
#define APIC_SVR 0x0f0
#define APIC_ICR_LO 0x300
#define APIC_ICR_HI 0x310
#define APIC_LVT_TIMER 0x320
#define APIC_LVT_LINT0 0x350
#define APIC_LVT_LINT1 0x360
#define APIC_LVT_ERROR 0x370
#define LVT_MASKED BIT(16)
#define ICR_PENDING BIT(12)
#define ICR_ALL_BUT_SELF (3U << 18)

static inline u32 rd(u32 reg)
{
	return *(volatile u32 *)(uintptr_t)(LAPIC_BASE + reg);
}

static inline void wr(u32 reg, u32 v)
{
	*(volatile u32 *)(uintptr_t)(LAPIC_BASE + reg) = v;
}

void lapic_init(void)
{
	wrmsr(MSR_APIC_BASE, (rdmsr(MSR_APIC_BASE) & ~0xfffff000ULL) | LAPIC_BASE | BIT(11));
	wr(APIC_LVT_TIMER, LVT_MASKED);
	wr(APIC_LVT_LINT0, LVT_MASKED);
	wr(APIC_LVT_LINT1, LVT_MASKED);
	wr(APIC_LVT_ERROR, LVT_MASKED);
	wr(APIC_SVR, BIT(8) | VEC_SPURIOUS);
	wr(APIC_EOI, 0);
}

u32 lapic_id(void)
{
	return rd(APIC_ID) >> 24;
}

void lapic_eoi(void)
{
	wr(APIC_EOI, 0);
}

static void wait_idle(void)
{
	while (rd(APIC_ICR_LO) & ICR_PENDING)
		cpu_relax();
}

void lapic_ipi(u32 apic_id, u32 icr_low)
{
	wait_idle();
	wr(APIC_ICR_HI, apic_id << 24);
	wr(APIC_ICR_LO, icr_low);
	wait_idle();
}

void lapic_ipi_others(u32 vector)
{
	wait_idle();
	wr(APIC_ICR_LO, ICR_ALL_BUT_SELF | vector);
}
