/* SPDX-License-Identifier: GPL-2.0 */
/*
 * EL2 test payload for the ZynqMP EL3 stand-in: CPU0 arrives at _start
 * from the stand-in's hand-off, CPUs 1-3 at secondary from PSCI CPU_ON
 * with their index as the context id (x0).
 */
#define STACK_SIZE 4096

	.section .text.start, "ax"
	.global _start
_start:
	mov	x19, x0
	/* Zero .bss: loaded by u-boot's bootm, it holds old RAM contents. */
	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
1:	cmp	x1, x2
	b.hs	2f
	stp	xzr, xzr, [x1], #16
	b	1b
2:
	mov	x0, #0
	bl	set_stack
	mov	x0, x19
	bl	payload_main
3:	wfi
	b	3b

	.global secondary
secondary:
	mov	x19, x0
	and	x0, x0, #3
	bl	set_stack
	mov	x0, x19
	bl	secondary_main
4:	wfi
	b	4b

/* SP = stacks + (x0 + 1) * STACK_SIZE; keeps x30. */
set_stack:
	adrp	x1, stacks
	add	x1, x1, :lo12:stacks
	add	x0, x0, #1
	mov	x2, #STACK_SIZE
	madd	x1, x0, x2, x1
	mov	sp, x1
	ret

	.bss
	.balign	16
stacks:
	.skip	STACK_SIZE * 4
