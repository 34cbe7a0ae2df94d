/*
 * What the bench program's arch half gives main.c: instruction counts
 * (pmu.h) and the probes that need the arch's instructions.
 */
#ifndef BENCH_H
#define BENCH_H
#include <bulkhead/types.h>

#define BULKHEAD_BENCH_BOOT 0xc60000f0UL
#define IRQ_SAMPLES	    64

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

/*
 * u64 <name>(u64 fn, u64 *el2): instructions from one counter read to the
 * next around a single "x0 = fn; <insn>" (one exit), *el2 those in the
 * hypervisor (0 where the arch cannot tell): bench_one_hvc, its NOP twin
 * bench_one_nop (the reads' own count), and bench_one_read, a read of the
 * emulated register at fn (arm64 a 32-bit load, x86 an 8-bit port read).
 * In probes.S.
 */
typedef u64 (*bench_one_t)(u64 fn, u64 *el2);
u64 bench_one_hvc(u64 fn, u64 *el2);
u64 bench_one_nop(u64 fn, u64 *el2);
u64 bench_one_read(u64 fn, u64 *el2);
bench_one_t bench_psci_one(void); /* bench_psci_loop's conduit, one call */

/*
 * The register bench_one_read reads: a register of the console UART, which
 * the hypervisor emulates (arm64 the PL011's flag register, x86 the
 * 16550's line status port); 0 if the DTB names no UART.
 */
u64 bench_read_addr(void);

/* BULKHEAD_BENCH_BOOT's seven results (x0..x6); out[0] < 0 without CONFIG_BENCH. */
void bench_boot_probe(u64 out[7]);

/*
 * Timer interrupt latency, n samples: instructions from the moment the
 * partition's timer fires to the first instruction of its handler, and the
 * hypervisor's share of them. 0, or -1 if the interrupt never came.
 */
int bench_timer_irq(u64 *lat, u64 *el2, int n);

#endif
