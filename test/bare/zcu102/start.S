/* Entry of the bare ZynqMP driver test: any EL, MMU off, CPU 0 only (QEMU's -device loader). */
	.section .text.start, "ax"
	.global _start
_start:
	adrp	x0, stack_top
	add	x0, x0, :lo12:stack_top
	mov	sp, x0
	adrp	x0, __bss_start
	add	x0, x0, :lo12:__bss_start
	adrp	x1, __bss_end
	add	x1, x1, :lo12:__bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:	bl	main
3:	wfi
	b	3b

	.global psci_smc
psci_smc:
	smc	#0
	ret
