// SPDX-License-Identifier: GPL-2.0
/*
 * EL2 exception vectors and the guest world switch. One vCPU per physical
 * CPU and no scheduler: a trap saves the guest's general registers into the
 * frame at the top of this CPU's stack (sp points at it while the guest
 * runs), calls C, and restores the same frame. EL1 system registers, FP/SIMD
 * state and timers stay live in the CPU: nobody else uses them.
 */
#include <asm/regs.h>

/* x0-x18 and x30: what C may clobber. x19-x29 are preserved by C itself. */
.macro	save_caller_saved
	stp	x0, x1, [sp, #FRAME_X(0)]
	stp	x2, x3, [sp, #FRAME_X(2)]
	stp	x4, x5, [sp, #FRAME_X(4)]
	stp	x6, x7, [sp, #FRAME_X(6)]
	stp	x8, x9, [sp, #FRAME_X(8)]
	stp	x10, x11, [sp, #FRAME_X(10)]
	stp	x12, x13, [sp, #FRAME_X(12)]
	stp	x14, x15, [sp, #FRAME_X(14)]
	stp	x16, x17, [sp, #FRAME_X(16)]
	mrs	x0, elr_el2
	stp	x30, x0, [sp, #FRAME_X(30)]
	mrs	x1, spsr_el2
	str	x18, [sp, #FRAME_X(18)]
	str	x1, [sp, #FRAME_SPSR]
.endm

/* The whole frame: traps whose handlers read or write any guest register. */
.macro	save_frame
	stp	x19, x20, [sp, #FRAME_X(19)]
	stp	x21, x22, [sp, #FRAME_X(21)]
	stp	x23, x24, [sp, #FRAME_X(23)]
	stp	x25, x26, [sp, #FRAME_X(25)]
	stp	x27, x28, [sp, #FRAME_X(27)]
	str	x29, [sp, #FRAME_X(29)]
	save_caller_saved
	mov	x0, sp
.endm

.macro	lower_vector handler
	.align	7
	save_frame
	bl	\handler
	b	guest_return
.endm

/*
 * Interrupts read no guest register: half the frame. Their C code may still
 * park the vCPU; it then restarts from a fresh frame, never from this one.
 */
.macro	lower_irq_vector handler
	.align	7
	save_caller_saved
	bl	\handler
	b	guest_return_irq
.endm

.macro	own_vector kind
	.align	7
	mov	x0, #\kind
	mrs	x1, esr_el2
	mrs	x2, elr_el2
	mrs	x3, far_el2
	b	hv_exception
.endm

	.section .text.vectors, "ax"
	.align	11
	.global	hv_vectors
hv_vectors:
	own_vector 0		/* current EL, SP0 */
	own_vector 1
	own_vector 2
	own_vector 3
	own_vector 4		/* current EL, SPx: a hypervisor bug */
	own_vector 5
	own_vector 6
	own_vector 7
	.align	7			/* lower EL, AArch64 */
	b	lower_sync
	lower_irq_vector handle_guest_irq
	lower_irq_vector handle_guest_irq	/* FIQ: treated like IRQ */
	lower_vector handle_guest_serror
	own_vector 12		/* lower EL, AArch32: never enabled */
	own_vector 13
	own_vector 14
	own_vector 15

	.text
/*
 * The doorbell (HVC #0 with w0 = BH_CHAN_SIGNAL) skips the general trap
 * path: it reads two argument registers, writes x0 and changes nothing else
 * of the guest, so only what C may clobber is kept, and nothing else (stop
 * requests, vGIC work) can be due: those come with an interrupt of their own.
 */
lower_sync:
	stp	x2, x3, [sp, #FRAME_X(2)]
	mrs	x2, esr_el2
	mov	x3, #0x5a000000		/* EC 0x16 (HVC64), IL, ISS = imm16 0 */
	cmp	x2, x3
	b.ne	1f
	mov	w3, #0x0010
	movk	w3, #0xc600, lsl #16	/* BH_CHAN_SIGNAL */
	cmp	w0, w3
	b.eq	doorbell
1:	ldp	x2, x3, [sp, #FRAME_X(2)]
	save_frame
	bl	handle_guest_sync
	b	guest_return

doorbell:
	stp	x4, x5, [sp, #FRAME_X(4)]
	stp	x6, x7, [sp, #FRAME_X(6)]
	stp	x8, x9, [sp, #FRAME_X(8)]
	stp	x10, x11, [sp, #FRAME_X(10)]
	stp	x12, x13, [sp, #FRAME_X(12)]
	stp	x14, x15, [sp, #FRAME_X(14)]
	stp	x16, x17, [sp, #FRAME_X(16)]
	stp	x18, x30, [sp, #FRAME_X(18)]
	str	x1, [sp, #FRAME_X(1)]
	mov	x0, x1
	ldr	x1, [sp, #FRAME_X(2)]
	bl	bus_signal_fast		/* x0 = bus_signal(this vCPU, x1, x2) */
	ldr	x1, [sp, #FRAME_X(1)]
	ldp	x2, x3, [sp, #FRAME_X(2)]
	ldp	x4, x5, [sp, #FRAME_X(4)]
	ldp	x6, x7, [sp, #FRAME_X(6)]
	ldp	x8, x9, [sp, #FRAME_X(8)]
	ldp	x10, x11, [sp, #FRAME_X(10)]
	ldp	x12, x13, [sp, #FRAME_X(12)]
	ldp	x14, x15, [sp, #FRAME_X(14)]
	ldp	x16, x17, [sp, #FRAME_X(16)]
	ldp	x18, x30, [sp, #FRAME_X(18)]
	eret
	dsb	nsh
	isb

/* void guest_enter(struct guest_regs *frame): never returns. */
	.global	guest_enter
guest_enter:
	mov	sp, x0
guest_return:
	ldp	x19, x20, [sp, #FRAME_X(19)]
	ldp	x21, x22, [sp, #FRAME_X(21)]
	ldp	x23, x24, [sp, #FRAME_X(23)]
	ldp	x25, x26, [sp, #FRAME_X(25)]
	ldp	x27, x28, [sp, #FRAME_X(27)]
	ldr	x29, [sp, #FRAME_X(29)]
guest_return_irq:
	ldr	x1, [sp, #FRAME_SPSR]
	ldp	x30, x0, [sp, #FRAME_X(30)]
	msr	elr_el2, x0
	msr	spsr_el2, x1
	ldp	x0, x1, [sp, #FRAME_X(0)]
	ldp	x2, x3, [sp, #FRAME_X(2)]
	ldp	x4, x5, [sp, #FRAME_X(4)]
	ldp	x6, x7, [sp, #FRAME_X(6)]
	ldp	x8, x9, [sp, #FRAME_X(8)]
	ldp	x10, x11, [sp, #FRAME_X(10)]
	ldp	x12, x13, [sp, #FRAME_X(12)]
	ldp	x14, x15, [sp, #FRAME_X(14)]
	ldp	x16, x17, [sp, #FRAME_X(16)]
	ldr	x18, [sp, #FRAME_X(18)]
	eret
	dsb	nsh
	isb
