// SPDX-License-Identifier: GPL-2.0
/*
 * Measurement loops for the bench program, in assembly so that the loop
 * under test and its empty twin differ in exactly one instruction.
 * PMU counter 0 counts instructions at every EL, counter 1 at EL2 only.
 */

/*
 * u64 <name>(u64 fn, u64 n, u64 *el2): all-EL instructions of n rounds of
 * "x0 = fn; <insn>", *el2 those at EL2. One macro makes both twins.
 */
.macro	counted_loop name, insn
	.global \name
\name:
	mov	x9, x0
	mov	x10, x1
	mov	x11, x2
	isb
	mrs	x12, pmevcntr0_el0
	mrs	x13, pmevcntr1_el0
1:	mov	x0, x9
	\insn
	subs	x10, x10, #1
	b.ne	1b
	mrs	x14, pmevcntr0_el0
	mrs	x15, pmevcntr1_el0
	sub	x15, x15, x13
	str	x15, [x11]
	sub	x0, x14, x12
	ret
.endm

	counted_loop bench_loop_hvc, "hvc #0"
	counted_loop bench_loop_nop, nop	/* the same loop, a NOP where the HVC was */
	counted_loop bench_loop_smc, "smc #0"	/* PSCI on a bare board with an SMC conduit */

/*
 * u64 <name>(u64 fn, u64 *el2): all-EL instructions from one counter read
 * to the next around a single "x0 = fn; <insn>" (one exit, not a loop's
 * average), *el2 those at EL2. The NOP twin gives the reads' own share.
 */
.macro	counted_one name, insn
	.global \name
\name:
	mov	x9, x0
	mov	x11, x1
	isb
	mrs	x12, pmevcntr0_el0
	mrs	x13, pmevcntr1_el0
	mov	x0, x9
	\insn
	mrs	x14, pmevcntr0_el0
	mrs	x15, pmevcntr1_el0
	sub	x15, x15, x13
	str	x15, [x11]
	sub	x0, x14, x12
	ret
.endm

	counted_one bench_one_hvc, "hvc #0"
	counted_one bench_one_nop, nop
	counted_one bench_one_smc, "smc #0"
	counted_one bench_one_read, "ldr w0, [x9]"	/* a 32-bit read of the device register at fn */

/*
 * u64 bench_counter_edge(u64 *count): spins until the virtual counter ticks;
 * returns the new counter value, *count the instruction counter read 3
 * instructions after the read that saw the new tick.
 */
	.global bench_counter_edge
bench_counter_edge:
	isb
	mrs	x1, cntvct_el0
1:	mrs	x2, cntvct_el0
	cmp	x2, x1
	b.eq	1b
	mrs	x3, pmevcntr0_el0
	str	x3, [x0]
	mov	x0, x2
	ret

/*
 * void bench_wait_irq(struct irq_sample *s): unmasks IRQs and spins until the
 * probe vector below has stored its sample (s->done). The vector's first
 * instructions read the counters: that is "the guest's handler".
 * struct irq_sample { u64 done, all, el2; }
 */
	.global bench_wait_irq
bench_wait_irq:
	mov	x9, x0
	mov	x2, #(1 << 24)		/* give up after ~16M loops: no interrupt */
	msr	daifclr, #2
1:	ldr	x1, [x9]
	cbnz	x1, 2f
	subs	x2, x2, #1
	b.ne	1b
2:	msr	daifset, #2
	ret

	.section .text.vectors, "ax"
	.align	11
	.global	bench_vectors
bench_vectors:
	.rept	5
	.align	7
	b	.
	.endr
	.align	7			/* current EL, SPx, IRQ */
	mrs	x10, pmevcntr0_el0
	mrs	x11, pmevcntr1_el0
	str	x10, [x9, #8]
	str	x11, [x9, #16]
	msr	cntv_ctl_el0, xzr	/* the timer's level drops */
	/* After the sample: a GICv2 (bench_gicc set) acks through its memory-mapped CPU interface. */
	adrp	x12, bench_gicc
	ldr	x12, [x12, :lo12:bench_gicc]
	cbz	x12, 1f
	ldr	w13, [x12, #0xc]	/* GICC_IAR */
	str	w13, [x12, #0x10]	/* GICC_EOIR */
	b	2f
1:	mrs	x12, S3_0_C12_C12_0	/* ICC_IAR1_EL1 */
	msr	S3_0_C12_C12_1, x12	/* ICC_EOIR1_EL1 */
2:	isb
	mov	x1, #1
	str	x1, [x9]
	eret
	.rept	10
	.align	7
	b	.
	.endr
