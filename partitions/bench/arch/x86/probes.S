// SPDX-License-Identifier: GPL-2.0
/*
 * Measurement loops for the bench program on x86, in assembly so that the
 * loop under test and its empty twin differ in exactly one instruction.
 * Under -icount shift=0 the TSC advances one per instruction (pmu.h), so
 * RDTSC deltas are instruction counts, the hypervisor's included.
 */

/*
 * u64 <name>(u64 fn, u64 n, u64 *el2): instructions of n rounds of
 * "rax = fn; <insn>"; *el2 = 0 (x86 has no hypervisor-only count). The
 * loop keeps its state in RBP, R14 and R15, which VMMCALL leaves alone.
 */
.macro	counted_loop name, insn
	.global \name
\name:
	push	%rbx
	push	%rbp
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	movq	$0, (%rdx)
	mov	%rdi, %r14
	mov	%rsi, %r15
	rdtsc
	shl	$32, %rdx
	or	%rax, %rdx
	mov	%rdx, %rbp
1:	mov	%r14, %rax
	\insn
	dec	%r15
	jnz	1b
	rdtsc
	shl	$32, %rdx
	or	%rdx, %rax
	sub	%rbp, %rax
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbp
	pop	%rbx
	ret
.endm

	.text
	counted_loop bench_loop_hvc, vmmcall
	counted_loop bench_loop_nop, nop	/* the same loop, a NOP where the VMMCALL was */

/*
 * u64 <name>(u64 fn, u64 *el2): instructions from one RDTSC to the next
 * around a single "rax = rdx = fn; <insn>" (one exit, not a loop's
 * average); *el2 = 0. The NOP twin gives the reads' own share.
 */
.macro	counted_one name, insn
	.global \name
\name:
	push	%rbx
	push	%rbp
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	movq	$0, (%rsi)
	mov	%rdi, %r14
	rdtsc
	shl	$32, %rdx
	or	%rax, %rdx
	mov	%rdx, %rbp
	mov	%r14, %rax
	mov	%r14, %rdx
	\insn
	rdtsc
	shl	$32, %rdx
	or	%rdx, %rax
	sub	%rbp, %rax
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbp
	pop	%rbx
	ret
.endm

	counted_one bench_one_hvc, vmmcall
	counted_one bench_one_nop, nop
	counted_one bench_one_read, "inb %dx, %al"	/* a read of the I/O port at fn */

/*
 * void bench_wait_irq(struct irq_sample *s): interrupts on, spins until the
 * probe vector below has stored its sample (s->done); the loop touches only
 * RDI and R8, so the vector may use RAX, RCX and RDX without saving them.
 * struct irq_sample { u64 done, all; }
 */
	.global	bench_wait_irq
bench_wait_irq:
	mov	$(1 << 24), %r8		/* give up after ~16M loops: no interrupt */
	sti
1:	cmpq	$0, (%rdi)
	jne	2f
	dec	%r8
	jnz	1b
2:	cli
	ret

/* The timer's vector while bench_timer_irq runs: its first instruction reads the TSC. */
	.global	bench_timer_vector
bench_timer_vector:
	rdtsc
	shl	$32, %rdx
	or	%rax, %rdx
	mov	%rdx, 8(%rdi)		/* s->all */
	mov	$0x6e0, %ecx		/* TSC deadline 0: disarmed */
	xor	%eax, %eax
	xor	%edx, %edx
	wrmsr
	mov	$0x80b, %ecx		/* x2APIC EOI */
	wrmsr
	movq	$1, (%rdi)
	iretq

	.section .note.GNU-stack, "", @progbits
