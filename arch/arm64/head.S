// SPDX-License-Identifier: GPL-2.0
/*
 * Entry from u-boot (bootm/booti) at EL2, MMU off, x0 = DTB. The arm64
 * Image header lets u-boot load us like a Linux kernel.
 * Secondary CPUs enter at secondary_entry via PSCI CPU_ON, x0 = CPU index.
 */
#include <asm/regs.h>
#include <asm/sysreg.h>

	.section .text.head, "ax"
	.global _head
_head:
	b	primary_entry
	.long	0
	.quad	HV_TEXT_OFFSET		/* u-boot loads us at RAM base + this */
	.quad	_image_size		/* with BSS */
	.quad	0x2			/* little endian, 4 KiB pages */
	.quad	0
	.quad	0
	.quad	0
	.ascii	"ARM\x64"
	.long	0

primary_entry:
	mrs	x21, cntpct_el0		/* boot benchmark: hypervisor entry */
	msr	daifset, #0xf
	mrs	x1, CurrentEL
	cmp	x1, #(2 << 2)
	b.ne	not_el2
	/* Known EL2 state: MMU and caches off until mmu.c turns them on. */
	ldr	x1, =0x30c50830
	msr	sctlr_el2, x1
	isb
	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
1:	cmp	x1, x2			/* both 16-byte aligned (hypervisor.lds) */
	b.hs	2f
	stp	xzr, xzr, [x1], #16
	b	1b
2:	adrp	x1, hv_entry_tick
	str	x21, [x1, :lo12:hv_entry_tick]
	adrp	x1, boot_stack_top
	add	x1, x1, :lo12:boot_stack_top
	mov	sp, x1
	bl	own_cpu_index		/* C, on the boot stack */
	cmn	x0, #1
	b.eq	unknown_cpu
	mov	x20, x0
	bl	set_stack
	mov	x0, x20
	bl	hv_primary_main
	b	park

	.global secondary_entry
secondary_entry:
	msr	daifset, #0xf
	ldr	x1, =0x30c50830
	msr	sctlr_el2, x1
	isb
	mov	x20, x0
	bl	set_stack
	mov	x0, x20
	bl	hv_secondary_main
	b	park

/* x0 = CPU index; sp = top of its stack minus the guest frame. */
set_stack:
	adrp	x1, hv_stacks
	add	x1, x1, :lo12:hv_stacks
	add	x2, x0, #1
	mov	x3, #CONFIG_HV_STACK_SIZE
	mul	x2, x2, x3
	add	x1, x1, x2
	sub	sp, x1, #FRAME_SIZE
	ret

/* Too early for the console driver: write straight to the UART's transmit register. */
early_puts:
	ldr	x1, =HV_UART_TX
1:	ldrb	w2, [x0], #1
	cbz	w2, 2f
	str	w2, [x1]
	b	1b
2:	ret

not_el2:
	adr	x0, msg_not_el2
	bl	early_puts
	b	park
unknown_cpu:
	adr	x0, msg_unknown_cpu
	bl	early_puts
park:
	wfe
	b	park

	.section .bss
	.align	4
boot_stack:
	.space	1024
boot_stack_top:

	.section .rodata
msg_not_el2:
	.asciz	"[bulkhead] fatal: not entered at EL2 (u-boot must boot with virtualization enabled)\r\n"
msg_unknown_cpu:
	.asciz	"[bulkhead] fatal: boot CPU's MPIDR is not in the system description\r\n"
	.align	3
