// SPDX-License-Identifier: GPL-2.0
/*
 * Partition entry at EL1 (Linux arm64 boot protocol: x0 = DTB, MMU off).
 * The program is position independent: it applies its own relative
 * relocations first, so one binary runs wherever a partition's RAM is.
 */
	/* The rest of the arm64 Image header is written by partition.lds. */
	.section .text.head, "ax"
	.global _start
_start:
	b	entry
	.long	0

	.section .text.entry, "ax"
entry:
	mrs	x20, cntvct_el0		/* for the boot benchmark: first instructions */
	mov	x19, x0			/* DTB */
	adr	x0, _start		/* runtime base: link address is 0 */
	adrp	x1, __rela_start
	add	x1, x1, :lo12:__rela_start
	adrp	x2, __rela_end
	add	x2, x2, :lo12:__rela_end
1:	cmp	x1, x2
	b.hs	2f
	ldp	x3, x4, [x1], #16	/* r_offset, r_info */
	ldr	x5, [x1], #8		/* r_addend */
	cmp	w4, #1027		/* R_AARCH64_RELATIVE */
	b.ne	1b
	add	x5, x5, x0
	str	x5, [x0, x3]
	b	1b
2:	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
3:	cmp	x1, x2
	b.hs	4f
	str	xzr, [x1], #8
	b	3b
4:	adrp	x1, part_boot_tick
	str	x20, [x1, :lo12:part_boot_tick]
	mov	x0, #0
	bl	set_stack
	mov	x0, x19
	bl	runtime_start
5:	wfi
	b	5b

/* CPU_ON entry: x0 = vCPU index. */
	.global secondary_entry
secondary_entry:
	mov	x19, x0
	bl	set_stack
	mov	x0, x19
	bl	runtime_secondary
6:	wfi
	b	6b

set_stack:
	adrp	x1, part_stacks
	add	x1, x1, :lo12:part_stacks
	add	x2, x0, #1
	lsl	x2, x2, #14		/* 16 KiB per CPU */
	add	sp, x1, x2
	ret

	.section .text.vectors, "ax"
	.align	11
	.global	part_vectors
part_vectors:
	.rept	4
	.align	7
	b	bad_exception		/* current EL, SP0 */
	.endr
	.align	7
	b	bad_exception		/* current EL, SPx: sync */
	.align	7
	b	irq_entry
	.align	7
	b	irq_entry
	.align	7
	b	bad_exception
	.rept	8
	.align	7
	b	bad_exception
	.endr

irq_entry:
	sub	sp, sp, #(24 * 8)
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x29, [sp, #144]
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x30, x0, [sp, #160]
	str	x1, [sp, #176]
	bl	irq_dispatch
	ldr	x1, [sp, #176]
	ldp	x30, x0, [sp, #160]
	msr	elr_el1, x0
	msr	spsr_el1, x1
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x29, [sp, #144]
	add	sp, sp, #(24 * 8)
	eret

bad_exception:
	mrs	x0, esr_el1
	mrs	x1, elr_el1
	mrs	x2, far_el1
	bl	fatal_exception
7:	wfi
	b	7b
