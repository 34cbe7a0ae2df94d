/*
 * Exception stubs for head.S and the partitions' start.S: one per vector,
 * 16 bytes apart (the IDT is filled as base + 16 * vector), each pushing
 * an error code where the CPU does not (0) and the vector, then jumping to
 * the file's trap_common.
 */
#ifndef ASM_TRAP_STUBS_H
#define ASM_TRAP_STUBS_H
/* Assembler macros, not C: */
/* clang-format off */

.macro	trap_stub vec, has_err
	.align	16
	.if	\has_err == 0
	push	$0
	.endif
	push	$\vec
	jmp	trap_common
.endm

/* Vectors 0-31; 8, 10-14, 17 and 21 come with an error code. */
.macro	exception_stubs
	.irp	v, 0,1,2,3,4,5,6,7
	trap_stub \v, 0
	.endr
	trap_stub 8, 1
	trap_stub 9, 0
	.irp	v, 10,11,12,13,14
	trap_stub \v, 1
	.endr
	trap_stub 15, 0
	trap_stub 16, 0
	trap_stub 17, 1
	.irp	v, 18,19,20
	trap_stub \v, 0
	.endr
	trap_stub 21, 1
	.irp	v, 22,23,24,25,26,27,28,29,30,31
	trap_stub \v, 0
	.endr
.endm

/* Interrupt vectors first..last (no error code). */
.macro	irq_stubs first, last
	.altmacro
	.set	irq_vec, \first
	.rept	\last - \first + 1
	trap_stub %irq_vec, 0
	.set	irq_vec, irq_vec + 1
	.endr
	.noaltmacro
.endm

/* clang-format on */
#endif
