/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ZynqMP EL3 stand-in: entry, per-CPU EL3 set-up, SMC vectors.
 *
 * CPU0 enters at _start from QEMU's loader (cpu-num=0, secure=on: EL3).
 * Secondaries enter at secondary_entry, which PSCI CPU_ON writes into
 * their reset vector (APU RVBAR) before it releases them from reset.
 */
#include "el3.h"

	.section .text.start, "ax"
	.global _start
_start:
	mrs	x0, mpidr_el1
	and	x0, x0, #0xff
	cbnz	x0, park		/* only CPU0 boots from the loader */
	bl	cpu_init
	bl	boot_cpu_init		/* C: GIC distributor, PSCI state */
	mov	x1, #0			/* context for the next stage: none */
	b	enter_el2		/* x0 = entry (boot_cpu_init's result) */

	.global secondary_entry
secondary_entry:
	mrs	x0, mpidr_el1
	and	x0, x0, #0xff
	cmp	x0, #NR_CPUS
	b.hs	park
	bl	cpu_init
	mrs	x0, mpidr_el1
	and	x0, x0, #0xff
	bl	secondary_cpu_on	/* C: returns entry; context in x1 */
	b	enter_el2

/* x0 = EL2 entry, x1 = value for the next stage's x0. */
enter_el2:
	msr	elr_el3, x0
	mov	x0, #SPSR_EL2H_DAIF
	msr	spsr_el3, x0
	mov	x0, x1
	mov	x1, #0
	mov	x2, #0
	mov	x3, #0
	isb
	eret

/*
 * Per-CPU EL3 state. Clobbers the caller-saved registers. The CPU's stack is
 * stacks + (index + 1) * STACK_SIZE (SP_EL3, also the SMC frame's).
 */
cpu_init:
	msr	daifset, #0xf
	mrs	x0, mpidr_el1
	and	x0, x0, #0xff
	adrp	x1, stacks
	add	x1, x1, :lo12:stacks
	add	x0, x0, #1
	mov	x2, #STACK_SIZE
	madd	x1, x0, x2, x1
	mov	sp, x1
	adr	x0, el3_vectors
	msr	vbar_el3, x0
	mov	x0, #SCR_EL3_VALUE
	msr	scr_el3, x0
	msr	cptr_el3, xzr		/* FP/SIMD and trace not trapped */
	msr	mdcr_el3, xzr		/* debug and PMU usable from NS */
	msr	cntvoff_el2, xzr
	/* CNTFRQ_EL0 keeps QEMU's value (62.5 MHz): u-boot's timer uses it. */
	str	x30, [sp, #-16]!
	bl	gic_cpu_init		/* C: this CPU's banked GIC state */
	ldr	x30, [sp], #16
	isb
	ret

park:
	msr	daifset, #0xf
1:	wfi
	b	1b

/*
 * Vectors: only SMCs from a lower EL are expected; anything else is a
 * stand-in bug or a caller outside the contract, reported and parked.
 */
	.macro	vent, label
	.balign	0x80
	b	\label
	.endm

	.balign	0x800
el3_vectors:
	vent	bad_exception	/* current EL, SP0 */
	vent	bad_exception
	vent	bad_exception
	vent	bad_exception
	vent	el3_fault	/* current EL, SPx: sync (also HLT without semihosting) */
	vent	bad_exception
	vent	bad_exception
	vent	bad_exception
	vent	lower_sync	/* lower EL, AArch64 */
	vent	bad_exception
	vent	bad_exception
	vent	bad_exception
	vent	bad_exception	/* lower EL, AArch32 */
	vent	bad_exception
	vent	bad_exception
	vent	bad_exception

/* Frame: x0-x30 (31 words) + one pad = 256 bytes. */
lower_sync:
	sub	sp, sp, #256
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	str	x30, [sp, #240]
	mrs	x1, esr_el3
	lsr	x2, x1, #26
	cmp	x2, #0x17		/* EC: SMC from AArch64 */
	b.ne	bad_exception
	mov	x0, sp
	bl	smc_dispatch		/* C: reads and writes the frame */
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	add	sp, sp, #256
	eret

/*
 * A fault at EL3 itself. semihost_exit's HLT is undefined when QEMU runs
 * without semihosting: skip it (the caller then parks). Anything else is a bug.
 */
el3_fault:
	mrs	x0, esr_el3
	lsr	x1, x0, #26
	cbnz	x1, bad_exception	/* EC 0: unknown reason (undefined instruction) */
	mrs	x1, elr_el3
	ldr	w2, [x1]
	ldr	w3, =0xd45e0000		/* hlt #0xf000 */
	cmp	w2, w3
	b.ne	bad_exception
	add	x1, x1, #4
	msr	elr_el3, x1
	eret

bad_exception:
	mrs	x0, esr_el3
	mrs	x1, elr_el3
	bl	report_bad_exception	/* C: prints, does not return */
	b	park

	.global cpu_park
cpu_park:
	b	park

/*
 * Semihosting SYS_EXIT (0x18) with the AArch64 parameter block in x1:
 * QEMU run with -semihosting-config enable=on ends with status 0.
 * Returns if QEMU has semihosting off (el3_fault skips the HLT).
 */
	.global semihost_exit
semihost_exit:
	mov	x1, x0
	mov	w0, #0x18
	hlt	#0xf000
	ret

	.bss
	.balign	16
	.global stacks
stacks:
	.skip	STACK_SIZE * NR_CPUS		/* CPU n: [n, n+1) * STACK_SIZE */
