/*
 * What the bench program's arch half gives main.c: instruction counts
 * (pmu.h) and the probes that need the arch's instructions.
 */
#ifndef BENCH_H
#define BENCH_H
#include <bulkhead/types.h>

#define BULKHEAD_BENCH_BOOT 0xc60000f0UL
#define IRQ_SAMPLES	    9

/*
 * u64 <name>(u64 fn, u64 n, u64 *el2): instructions of n rounds of "x0 = fn;
 * <the hypercall instruction>" (bench_loop_hvc) or of the same loop with a
 * NOP in its place (bench_loop_nop); *el2 those in the hypervisor (0 where
 * the arch cannot tell, PMU_HAS_EL2 0). In probes.S.
 */
u64 bench_loop_hvc(u64 fn, u64 n, u64 *el2);
u64 bench_loop_nop(u64 fn, u64 n, u64 *el2);

/*
 * The loop that makes a firmware (PSCI) call: bench_loop_hvc, or on arm64
 * bench_loop_smc where the DTB's PSCI conduit is "smc": bare QEMU's ZCU102,
 * whose EL1 has no EL2 to take an HVC (QEMU answers PSCI over SMC).
 */
typedef u64 (*bench_loop_t)(u64 fn, u64 n, u64 *el2);
bench_loop_t bench_psci_loop(void);

/* BULKHEAD_BENCH_BOOT's seven results (x0..x6); out[0] < 0 without CONFIG_BENCH. */
void bench_boot_probe(u64 out[7]);

/*
 * Timer interrupt latency, n samples: instructions from the moment the
 * partition's timer fires to the first instruction of its handler, and the
 * hypervisor's share of them. 0, or -1 if the interrupt never came.
 */
int bench_timer_irq(u64 *lat, u64 *el2, int n);

#endif
