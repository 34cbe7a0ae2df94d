// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 probes: the boot probe's seven results in x0..x6, and the virtual
 * timer's interrupt latency through a vector table of our own whose IRQ
 * entry reads the PMU first (probes.S).
 */
#include <libfdt.h>
#include <string.h>
#include <asm/sysreg.h>
#include "../../bench.h"
#include "part.h"
#include "pmu.h"

struct irq_sample {
	u64 done, all, el2;
};

u64 bench_counter_edge(u64 *count);
void bench_wait_irq(struct irq_sample *s);
extern char bench_vectors[];

/* The GICv2 CPU interface the probe vector acks through; 0: a GICv3 (system registers). */
u64 bench_gicc;

u64 bench_loop_smc(u64 fn, u64 n, u64 *el2);
u64 bench_one_smc(u64 fn, u64 *el2);

static bool psci_smc(void)
{
	int node = fdt_path_offset(part.fdt, "/psci");
	const char *method = node >= 0 ? fdt_getprop(part.fdt, node, "method", NULL) : NULL;

	return method && !strcmp(method, "smc");
}

bench_loop_t bench_psci_loop(void)
{
	return psci_smc() ? bench_loop_smc : bench_loop_hvc;
}

bench_one_t bench_psci_one(void)
{
	return psci_smc() ? bench_one_smc : bench_one_hvc;
}

/* Under Bulkhead the emulated PL011's FR; bare, the board's own UART (the ZCU102's Cadence SR). */
u64 bench_read_addr(void)
{
	if (!part.uart_base)
		return 0;
	return part.uart_base + (part.uart_cdns ? 0x2cU : 0x18U);
}

void bench_boot_probe(u64 out[7])
{
	/* No call between these and the asm: a call would clobber them. */
	register u64 x0 __asm__("x0") = BULKHEAD_BENCH_BOOT;
	register u64 x1 __asm__("x1");
	register u64 x2 __asm__("x2");
	register u64 x3 __asm__("x3");
	register u64 x4 __asm__("x4");
	register u64 x5 __asm__("x5");
	register u64 x6 __asm__("x6");

	__asm__ volatile("hvc #0"
			 : "+r"(x0), "=r"(x1), "=r"(x2), "=r"(x3), "=r"(x4), "=r"(x5), "=r"(x6)
			 :
			 : "memory");
	out[0] = x0, out[1] = x1, out[2] = x2, out[3] = x3;
	out[4] = x4, out[5] = x5, out[6] = x6;
}

/*
 * With shift=0 one instruction is one ns and the counter ticks every
 * 1e9/CNTFRQ ns, so the firing moment in instruction-counter units follows
 * from a counter edge seen just before (to within the 3-instruction edge loop).
 */
int bench_timer_irq(u64 *lat, u64 *el2, int n)
{
	u64 ns_per_tick = 1000000000UL / timer_freq();
	u64 old_vbar = read_sysreg(vbar_el1);
	int rc = 0;

	bench_gicc = part.gic_version == 2 ? part.gicc_base : 0;
	irq_init();
	__asm__ volatile("msr daifset, #2" ::: "memory");
	irq_enable(TIMER_IRQ);
	write_sysreg(vbar_el1, (u64)bench_vectors);
	isb();
	for (int i = 0; i < n; i++) {
		struct irq_sample s = {0, 0, 0};
		u64 edge_count, el2_before, tick = bench_counter_edge(&edge_count);
		u64 fire = tick + 64, fire_count = edge_count - 3 + (fire - tick) * ns_per_tick;

		write_sysreg(cntv_cval_el0, fire);
		write_sysreg(cntv_ctl_el0, 1UL);
		isb();
		el2_before = pmu_el2();
		bench_wait_irq(&s);
		if (!s.done) {
			rc = -1;
			break;
		}
		lat[i] = s.all - fire_count;
		el2[i] = s.el2 - el2_before;
	}
	write_sysreg(vbar_el1, old_vbar);
	isb();
	return rc;
}
