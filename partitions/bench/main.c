// SPDX-License-Identifier: GPL-2.0
/*
 * bench: the instruction-count probes of `make bench`. The same binary runs
 * as a partition under Bulkhead and (arm64) on bare QEMU (-kernel, EL1);
 * QEMU runs with -icount shift=0, where instruction counts are exact (pmu.h
 * says how per arch). Each figure is one line "bench: <key> <value>" for
 * test/bench/run-bench. The arch's probes are in arch/<arch>/.
 */
#include <bulkhead/fmt.h>
#include "bench.h"
#include "part.h"
#include "pmu.h"

#define SMCCC_VERSION	0x80000000UL
#define PSCI_VERSION	0x84000000UL
#define PSCI_SYSTEM_OFF 0x84000008UL
#define HYP_CALL_UID	0x8600ff01UL
#define BULKHEAD_UID0	0x6b6c7542UL

#define LOOPS	64
#define SAMPLES 64 /* single exits measured one at a time */

static bool under_hv;

/* Signed: an interrupt latency can come out a count or two below zero. */
static void report(const char *key, u64 v)
{
	printf("bench: %s %lld\n", key, (long long)v);
}

/* Instructions of one call, guest and EL2 together, and EL2 alone. */
static void hypercall(const char *key, u64 fn, bench_loop_t loop)
{
	u64 el2_call, el2_nop, all_call, all_nop;
	char k[48];

	loop(fn, 4, &el2_call); /* warm: first-use paths out of the way */
	all_call = loop(fn, LOOPS, &el2_call);
	all_nop = bench_loop_nop(fn, LOOPS, &el2_nop);
	/* The NOP twin removes the loop; the HVC itself counts as one, like the NOP. */
	report(key, (all_call - all_nop) / LOOPS + 1);
	if (PMU_HAS_EL2) {
		bh_snprintf(k, sizeof(k), "%s_el2", key);
		report(k, (el2_call - el2_nop) / LOOPS);
	}
}

/*
 * SAMPLES single exits, one at a time after a warm-up: median and maximum
 * of one exit's instructions (the NOP twin's count removed, the trapping
 * instruction counted as one, as in hypercall()) and of its EL2 share.
 * Keys <key><med>, <key>_max, <key>_el2<med>, <key>_el2_max: med is "_med"
 * where <key> already names the loop average, "" for a new figure.
 */
static void single(const char *key, const char *med, u64 fn, bench_one_t one)
{
	static u64 all[SAMPLES], el2[SAMPLES];
	u64 nop, e;
	char k[48];

	for (int i = 0; i < 4; i++) /* warm: first-use paths out of the way */
		one(fn, &e);
	nop = bench_one_nop(fn, &e);
	for (int i = 0; i < SAMPLES; i++)
		all[i] = one(fn, &el2[i]) - nop + 1;
	part_sort_u64(all, SAMPLES);
	part_sort_u64(el2, SAMPLES);
	bh_snprintf(k, sizeof(k), "%s%s", key, med);
	report(k, all[SAMPLES / 2]);
	bh_snprintf(k, sizeof(k), "%s_max", key);
	report(k, all[SAMPLES - 1]);
	if (PMU_HAS_EL2) {
		bh_snprintf(k, sizeof(k), "%s_el2%s", key, med);
		report(k, el2[SAMPLES / 2]);
		bh_snprintf(k, sizeof(k), "%s_el2_max", key);
		report(k, el2[SAMPLES - 1]);
	}
}

static void timer_irq(void)
{
	static u64 lat[IRQ_SAMPLES], el2[IRQ_SAMPLES];

	if (bench_timer_irq(lat, el2, IRQ_SAMPLES)) {
		printf("bench: the timer interrupt never came\n");
		return;
	}
	part_sort_u64(lat, IRQ_SAMPLES);
	part_sort_u64(el2, IRQ_SAMPLES);
	report("timer_irq", lat[IRQ_SAMPLES / 2]);
	report("timer_irq_min", lat[0]);
	report("timer_irq_max", lat[IRQ_SAMPLES - 1]);
	if (PMU_HAS_EL2) {
		report("timer_irq_el2", el2[IRQ_SAMPLES / 2]);
		report("timer_irq_el2_max", el2[IRQ_SAMPLES - 1]);
	}
}

static void boot(void)
{
	u64 ns_per_tick = 1000000000UL / timer_freq(), r[7];
	u64 entry, scrub, copy, bytes, verify, hash, hashed;

	bench_boot_probe(r);
	entry = r[0], scrub = r[1], copy = r[2], bytes = r[3];
	verify = r[4], hash = r[5], hashed = r[6];
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
	bench_loop_t psci_loop = bench_psci_loop();
	u64 read_addr = bench_read_addr();

	/*
	 * SMCCC vendor-hypervisor UID: Bulkhead answers, bare QEMU's PSCI does
	 * not. An SMC conduit means no hypervisor (and no HVC to ask with).
	 */
	under_hv = psci_loop == bench_loop_hvc && hvc_call(HYP_CALL_UID, 0, 0, 0) == BULKHEAD_UID0;
	printf("bench: start %s\n", under_hv ? "bulkhead" : "bare");
	pmu_init();
	if (under_hv) {
		boot();
		hypercall("hvc", SMCCC_VERSION, bench_loop_hvc);
		single("hvc", "_med", SMCCC_VERSION, bench_one_hvc);
	}
	hypercall("psci", PSCI_VERSION, psci_loop);
	single("psci", "_med", PSCI_VERSION, bench_psci_one());
	if (read_addr)
		single("mmio", "", read_addr, bench_one_read);
	timer_irq();
	printf("bench: done\n");
	if (psci_loop != bench_loop_hvc) {
		u64 el2;

		psci_loop(PSCI_SYSTEM_OFF, 1, &el2); /* over SMC: the runtime's call is an HVC */
	}
	psci_system_off();
}
