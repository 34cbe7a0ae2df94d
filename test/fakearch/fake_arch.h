/*
 * A host implementation of core/arch.h (in the style of Hafnium's fake
 * arch) so that core/ runs unmodified in cmocka tests: partition life
 * cycle, doorbells, hypercalls, image loading. Every call is recorded in
 * `fake` for the test to assert on; time is a counter the test moves.
 *
 * The core's noreturn paths (partition_boot, vcpu_park, partition_stop
 * and partition_fault end in arch_vcpu_run, the wait loop, a system reset
 * or power-off) come back to the test by longjmp: fake_run() calls a
 * function under setjmp and returns how it left the core:
 *   FAKE_RAN     arch_vcpu_run: a vCPU would enter its guest (fake.ran*)
 *   FAKE_WAITED  arch_wait_event / arch_wait_until with no wait budget left
 *   FAKE_RESET   arch_system_reset;  FAKE_OFF  arch_system_off
 *   FAKE_RETURNED the function returned by itself.
 * A wait first calls fake.on_wait (once; it stands for another CPU acting
 * while this one sleeps), then returns to the loop while fake.wait_budget
 * lasts; arch_wait_until first moves the counter to its deadline (the
 * timer fired). The stacks abandoned by longjmp hold no lock: the core
 * drops its locks before it parks or enters a vCPU.
 */
#ifndef TEST_FAKEARCH_FAKE_ARCH_H
#define TEST_FAKEARCH_FAKE_ARCH_H
#include <setjmp.h>
#include "arch.h"

#define FAKE_CPUS    8
#define FAKE_OUT_MAX 16384

enum fake_exit {
	FAKE_RETURNED,
	FAKE_RAN,
	FAKE_WAITED,
	FAKE_RESET,
	FAKE_OFF,
};

struct fake_arch {
	jmp_buf exit;
	bool armed;
	u64 counter, tick, freq; /* arch_counter() adds tick at each call */
	u32 kicks[FAKE_CPUS];
	u32 events, irq_polls, waits, clears, partition_inits;
	u64 cleared_bytes, deadline;
	u32 wait_budget;
	void (*on_wait)(void *ctx);
	void *on_wait_ctx;
	int partition_init_rc;
	int cpu_start_rc[FAKE_CPUS];	 /* what arch_cpu_start answers for each CPU */
	sha256_blocks_fn *sha256_blocks; /* the "CPU's" SHA-256 (arch_sha256_blocks); NULL: none */
	u64 pc;				 /* arch_vcpu_pc() */
	struct vcpu *ran;
	u64 ran_entry, ran_arg;
	u32 runs;
	char out[FAKE_OUT_MAX]; /* the board console (arch_console_putc) */
	u32 out_len;
};

extern struct fake_arch fake;

/* Everything recorded forgotten, the counter at 1 MHz from 0, CPU 0. */
void fake_reset(void);
/* Runs fn(ctx) until it returns or the core leaves by a noreturn path. */
enum fake_exit fake_run(void (*fn)(void *ctx), void *ctx);
/* The core's console on the fake board UART (core/console.c, names from bh_system). */
void fake_console_setup(void);
/* The console output so far contains s. */
bool fake_said(const char *s);
void fake_out_clear(void);

#endif
