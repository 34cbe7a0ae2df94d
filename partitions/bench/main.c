// SPDX-License-Identifier: GPL-2.0
/*
 * bench: the instruction-count probes of `make bench`. The same binary runs
 * as a partition under Bulkhead and on bare QEMU (-kernel, EL1); QEMU runs
 * with -icount shift=0, where the PMU's INST_RETIRED event is exact. Each
 * figure is one line "bench: <key> <value>" for test/bench/run-bench.
 */
#include <bulkhead/fmt.h>
#include <asm/sysreg.h>
#include "part.h"
#include "pmu.h"

#define SMCCC_VERSION 0x80000000UL
#define PSCI_VERSION 0x84000000UL
#define BULKHEAD_BENCH_BOOT 0xc60000f0UL
#define HYP_CALL_UID 0x8600ff01UL
#define BULKHEAD_UID0 0x6b6c7542UL

#define LOOPS 64
#define IRQ_SAMPLES 9

struct irq_sample {
	u64 done, all, el2;
};

u64 bench_loop_hvc(u64 fn, u64 n, u64 *el2);
u64 bench_loop_nop(u64 fn, u64 n, u64 *el2);
u64 bench_counter_edge(u64 *count);
void bench_wait_irq(struct irq_sample *s);
extern char bench_vectors[];

static bool under_hv;

/* Signed: an interrupt latency can come out a count or two below zero. */
static void report(const char *key, u64 v)
{
	printf("bench: %s %lld\n", key, (long long)v);
}

/* Instructions of one call, guest and EL2 together, and EL2 alone. */
static void hypercall(const char *key, u64 fn)
{
	u64 el2_call, el2_nop, all_call, all_nop;
	char k[48];

	bench_loop_hvc(fn, 4, &el2_call); /* warm: first-use paths out of the way */
	all_call = bench_loop_hvc(fn, LOOPS, &el2_call);
	all_nop = bench_loop_nop(fn, LOOPS, &el2_nop);
	/* The NOP twin removes the loop; the HVC itself counts as one, like the NOP. */
	report(key, (all_call - all_nop) / LOOPS + 1);
	bh_snprintf(k, sizeof(k), "%s_el2", key);
	report(k, (el2_call - el2_nop) / LOOPS);
}

static void sort(u64 *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			u64 t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

/*
 * Timer interrupt latency: instructions from the moment the virtual timer
 * fires to the first instruction of the guest's vector. With shift=0 one
 * instruction is one ns and the counter ticks every 1e9/CNTFRQ ns, so the
 * firing moment in instruction-counter units follows from a counter edge
 * seen just before (to within the 3-instruction edge loop).
 */
static void timer_irq(void)
{
	u64 ns_per_tick = 1000000000UL / timer_freq(), lat[IRQ_SAMPLES], el2[IRQ_SAMPLES];
	u64 old_vbar = read_sysreg(vbar_el1);

	irq_init();
	__asm__ volatile("msr daifset, #2" ::: "memory");
	irq_enable(TIMER_IRQ);
	write_sysreg(vbar_el1, (u64)bench_vectors);
	isb();
	for (int i = 0; i < IRQ_SAMPLES; i++) {
		struct irq_sample s = { 0, 0, 0 };
		u64 edge_count, el2_before, tick = bench_counter_edge(&edge_count);
		u64 fire = tick + 64, fire_count = edge_count - 3 + (fire - tick) * ns_per_tick;

		write_sysreg(cntv_cval_el0, fire);
		write_sysreg(cntv_ctl_el0, 1UL);
		isb();
		el2_before = read_sysreg(pmevcntr1_el0);
		bench_wait_irq(&s);
		if (!s.done) {
			printf("bench: the timer interrupt never came\n");
			return;
		}
		lat[i] = s.all - fire_count;
		el2[i] = s.el2 - el2_before;
	}
	write_sysreg(vbar_el1, old_vbar);
	isb();
	sort(lat, IRQ_SAMPLES);
	sort(el2, IRQ_SAMPLES);
	report("timer_irq", lat[IRQ_SAMPLES / 2]);
	report("timer_irq_min", lat[0]);
	report("timer_irq_max", lat[IRQ_SAMPLES - 1]);
	report("timer_irq_el2", el2[IRQ_SAMPLES / 2]);
}

static void boot(void)
{
	u64 ns_per_tick = 1000000000UL / timer_freq();
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
	u64 entry = x0, scrub = x1, copy = x2, bytes = x3; /* before any call */
	u64 verify = x4, hash = x5, hashed = x6;

	if ((s64)entry < 0) {
		printf("bench: boot probe not available (CONFIG_BENCH is off)\n");
		return;
	}
	report("boot_total", (part_boot_tick - entry) * ns_per_tick);
	report("boot_scrub", scrub * ns_per_tick);
	report("boot_copy", copy * ns_per_tick);
	report("boot_scrub_bytes", bytes);
	report("boot", (part_boot_tick - entry - scrub - copy) * ns_per_tick);
	report("boot_verify", verify * ns_per_tick);
	report("boot_hash", hash * ns_per_tick);
	report("boot_hash_bytes", hashed);
	report("boot_unverified", (part_boot_tick - entry - verify - hash) * ns_per_tick);
}

int main(void)
{
	/* SMCCC vendor-hypervisor UID: Bulkhead answers, bare QEMU's PSCI does not. */
	under_hv = hvc_call(HYP_CALL_UID, 0, 0, 0) == BULKHEAD_UID0;
	printf("bench: start %s\n", under_hv ? "bulkhead" : "bare");
	pmu_init();
	if (under_hv) {
		boot();
		hypercall("hvc", SMCCC_VERSION);
	}
	hypercall("psci", PSCI_VERSION);
	timer_irq();
	printf("bench: done\n");
	psci_system_off();
}
