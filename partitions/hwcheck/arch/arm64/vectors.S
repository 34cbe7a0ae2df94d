// SPDX-License-Identifier: GPL-2.0
/*
 * hwcheck's exception vectors: a synchronous exception taken at EL1 is
 * recorded (ESR, FAR, ELR) and resumed after the access that caused it (a
 * data abort: the next instruction; an instruction abort: the caller's
 * return address, x30); everything else goes to the runtime's vectors.
 */
	.section .text.vectors, "ax"
	.align	11
	.global	hwcheck_vectors
hwcheck_vectors:
	.irp	off, 0x000, 0x080, 0x100, 0x180
	.align	7
	b	part_vectors + \off
	.endr
	.align	7
	b	hw_sync			/* current EL, SPx: sync */
	.irp	off, 0x280, 0x300, 0x380, 0x400, 0x480, 0x500, 0x580, 0x600, 0x680, 0x700, 0x780
	.align	7
	b	part_vectors + \off
	.endr

hw_sync:
	stp	x0, x1, [sp, #-16]!
	mrs	x0, esr_el1
	adrp	x1, hw_esr
	str	x0, [x1, :lo12:hw_esr]
	mrs	x0, far_el1
	adrp	x1, hw_far
	str	x0, [x1, :lo12:hw_far]
	mrs	x0, spsr_el1
	adrp	x1, hw_spsr
	str	x0, [x1, :lo12:hw_spsr]
	mrs	x0, elr_el1
	adrp	x1, hw_elr
	str	x0, [x1, :lo12:hw_elr]
	adrp	x1, hw_aborts
	ldr	w0, [x1, :lo12:hw_aborts]
	add	w0, w0, #1
	str	w0, [x1, :lo12:hw_aborts]
	mrs	x0, esr_el1
	lsr	x0, x0, #26
	cmp	x0, #0x21		/* instruction abort: back to the caller */
	b.eq	1f
	mrs	x0, elr_el1
	add	x0, x0, #4
	msr	elr_el1, x0
	b	2f
1:	msr	elr_el1, x30
2:	ldp	x0, x1, [sp], #16
	eret
