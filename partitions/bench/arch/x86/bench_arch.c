// SPDX-License-Identifier: GPL-2.0
/*
 * x86 probes: the boot probe's seven results in RAX, RBX, RCX, RDX, RSI,
 * RDI and R8 (x0..x6 of the VMMCALL convention), and the TSC-deadline
 * timer's interrupt latency through a vector of our own (probes.S).
 */
#include <asm/io.h>
#include "../../bench.h"
#include "part.h"
#include "pmu.h"

#define FIRE_AFTER 2000 /* TSC ticks (instructions) from arming to firing */

struct irq_sample {
	u64 done, all;
};

void bench_wait_irq(struct irq_sample *s);
extern char bench_timer_vector[];

bench_loop_t bench_psci_loop(void)
{
	return bench_loop_hvc; /* VMMCALL: the only conduit */
}

bench_one_t bench_psci_one(void)
{
	return bench_one_hvc;
}

/*
 * The emulated 16550's LSR (an I/O port, an IOIO exit). The partition has
 * no MMIO register the hypervisor emulates: its APIC is in x2APIC mode
 * (MSRs) and it owns no IOAPIC pin, so it has no IOAPIC.
 */
u64 bench_read_addr(void)
{
	return part.uart_base ? part.uart_base + 5 : 0;
}

void bench_boot_probe(u64 out[7])
{
	register u64 r8 __asm__("r8");
	u64 a = BULKHEAD_BENCH_BOOT, b, c, d, si, di;

	__asm__ volatile("vmmcall"
			 : "+a"(a), "=b"(b), "=c"(c), "=d"(d), "=S"(si), "=D"(di), "=r"(r8)
			 :
			 : "r9", "r10", "r11", "r12", "r13", "memory");
	out[0] = a, out[1] = b, out[2] = c, out[3] = d;
	out[4] = si, out[5] = di, out[6] = r8;
}

/* The deadline is a TSC value: the firing moment is known exactly. */
int bench_timer_irq(u64 *lat, u64 *el2, int n)
{
	const void *old = part_set_vector(TIMER_IRQ, bench_timer_vector);
	int rc = 0;

	for (int i = 0; i < n; i++) {
		struct irq_sample s = {0, 0};
		u64 fire = rdtsc() + FIRE_AFTER;

		wrmsr(MSR_TSC_DEADLINE, fire);
		bench_wait_irq(&s);
		if (!s.done) {
			rc = -1;
			break;
		}
		lat[i] = s.all - fire;
		el2[i] = 0;
	}
	part_set_vector(TIMER_IRQ, old);
	return rc;
}
