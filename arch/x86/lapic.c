// SPDX-License-Identifier: GPL-2.0
/*
 * Local APIC: software-enabled with our spurious vector (u-boot leaves
 * vector 0, INIT leaves it disabled), LVTs masked, IPIs for kicks and AP
 * start-up, and the timer as the alarm of the vCPU's virtual timer
 * (one-shot, its rate measured against the TSC once). xAPIC MMIO: every
 * CPU sees its own APIC at the same address.
 */
#include <bulkhead/hv_config.h>
#include <asm/io.h>
#include <asm/lapic.h>
#include <asm/percpu.h>

#define APIC_ID	       0x020
#define APIC_EOI       0x0b0
#define APIC_SVR       0x0f0
#define APIC_ICR_LO    0x300
#define APIC_ICR_HI    0x310
#define APIC_LVT_TIMER 0x320
#define APIC_LVT_LINT0 0x350
#define APIC_LVT_LINT1 0x360
#define APIC_LVT_ERROR 0x370
#define APIC_TMICT     0x380
#define APIC_TMCCT     0x390
#define APIC_TDCR      0x3e0
#define TDCR_DIV1      0xb
#define LVT_MASKED     BIT(16)
#define ICR_PENDING    BIT(12)

static inline u32 rd(u32 reg)
{
	return *(volatile u32 *)(uintptr_t)(LAPIC_BASE + reg);
}

static inline void wr(u32 reg, u32 v)
{
	*(volatile u32 *)(uintptr_t)(LAPIC_BASE + reg) = v;
}

/* LAPIC timer counts per TSC tick, as a 32.32 fixed-point factor; the boot CPU measures it. */
static u64 timer_mult;
static u64 armed[CONFIG_NR_CPUS];

static void timer_calibrate(void)
{
	u64 t0, t1, c;

	wr(APIC_TDCR, TDCR_DIV1);
	wr(APIC_TMICT, 0xffffffff);
	t0 = rdtsc();
	/* 2^17 counts: a 0.01 % rate error at most, 1.3 ms at a 100 MHz APIC clock. */
	while (rd(APIC_TMCCT) > 0xffffffffU - (1U << 17))
		cpu_relax();
	t1 = rdtsc();
	c = 0xffffffffU - rd(APIC_TMCCT);
	wr(APIC_TMICT, 0);
	timer_mult = t1 > t0 ? (c << 32) / (t1 - t0) : 1ULL << 32;
}

void lapic_timer_arm(u64 deadline)
{
	u32 cpu = arch_cpu_id();
	u64 now, count;

	if (deadline == armed[cpu])
		return;
	armed[cpu] = deadline;
	if (!deadline) {
		wr(APIC_TMICT, 0);
		return;
	}
	now = rdtsc();
	count =
	    deadline > now ? (u64)(((unsigned __int128)(deadline - now) * timer_mult) >> 32) : 0;
	if (count > 0xffffffffU)
		count = 0xffffffffU; /* too far: it fires early, and the handler arms it again */
	wr(APIC_TMICT, count ? (u32)count : 1);
}

void lapic_timer_fired(void)
{
	armed[arch_cpu_id()] = 0; /* maybe early (clamped): the next arm must not be skipped */
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
	if (!timer_mult)
		timer_calibrate(); /* the boot CPU, once: all CPUs' timers run alike */
	wr(APIC_TDCR, TDCR_DIV1);
	wr(APIC_LVT_TIMER, VEC_TIMER); /* one-shot */
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
