// SPDX-License-Identifier: GPL-2.0
/*
 * Partition entry in 64-bit long mode (Bulkhead's x86 boot protocol: an
 * identity map, rdi = DTB, rsi = vCPU index). The program is position
 * independent: it applies its own relative relocations first.
 */
#include <asm/trap_stubs.h>
	.section .text.head, "ax"
	.global _start
_start:
	jmp	entry			/* 2 bytes; the header (partition.lds) starts at 8 */
	.balign	8

	.section .text.entry, "ax"
entry:
	cli
	cld
	mov	%rdi, %r12		/* DTB */
	rdtsc
	shl	$32, %rdx
	or	%rax, %rdx
	mov	%rdx, %r13		/* for the boot benchmark: first instructions */
	lea	_start(%rip), %rbx	/* runtime base: link address is 0 */
	lea	__rela_start(%rip), %rsi
	lea	__rela_end(%rip), %rdi
1:	cmp	%rdi, %rsi
	jae	2f
	mov	(%rsi), %rcx		/* r_offset */
	mov	8(%rsi), %rdx		/* r_info */
	mov	16(%rsi), %rax		/* r_addend */
	add	$24, %rsi
	cmp	$8, %edx		/* R_X86_64_RELATIVE */
	jne	1b
	add	%rbx, %rax
	mov	%rax, (%rbx, %rcx)
	jmp	1b
2:	lea	__bss_start(%rip), %rdi
	lea	__bss_end(%rip), %rcx
	sub	%rdi, %rcx
	xor	%eax, %eax
	rep stosb
	mov	%r13, part_boot_tick(%rip)
	lea	part_stacks+16384(%rip), %rsp	/* vCPU 0's stack (the boot state has none) */
	mov	%r12, %rdi
	call	runtime_start
3:	hlt
	jmp	3b

/* CPU_ON entry: rdi = the context given to CPU_ON (the vCPU index). */
	.global secondary_entry
secondary_entry:
	cli
	mov	%rdi, %r12
	lea	part_stacks(%rip), %rax
	lea	1(%r12), %rcx
	shl	$14, %rcx		/* 16 KiB per CPU (part_stacks) */
	add	%rcx, %rax
	mov	%rax, %rsp
	mov	%r12, %rdi
	call	runtime_secondary
4:	hlt
	jmp	4b

/* Exception and interrupt stubs: vector and error code for part_trap(). */
	.text
	.align	16
	.global	part_trap_stubs
part_trap_stubs:
	exception_stubs
	.align	16		/* the label must be the first stub's address */
	.global	part_irq_stubs
part_irq_stubs:			/* vectors 32-255, 16 bytes apart like the others */
	irq_stubs 32, 255

trap_common:
	push	%rax
	push	%rcx
	push	%rdx
	push	%rsi
	push	%rdi
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	mov	%rsp, %rdi
	push	%rbx
	mov	%rsp, %rbx
	and	$-16, %rsp
	call	part_trap
	mov	%rbx, %rsp
	pop	%rbx
	pop	%r11
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rdi
	pop	%rsi
	pop	%rdx
	pop	%rcx
	pop	%rax
	add	$16, %rsp
	iretq

	.section .note.GNU-stack, "", @progbits
