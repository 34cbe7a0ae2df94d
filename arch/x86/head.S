// SPDX-License-Identifier: GPL-2.0
/*
 * Entry from u-boot ("go", after "bootm loados" checked the FIT's hashes):
 * 64-bit long mode, CPL 0, interrupts off, u-boot's page tables (identity,
 * 0-4 GiB) and a 32-bit IDT that is useless in long mode. Nothing may fault
 * until cpu.c has loaded our own IDT; the path there is a few plain moves.
 */
#include <asm/trap_stubs.h>
	.section .text.head, "ax"
	.code64
	.global _head
_head:
	cli
	cld
	rdtsc				/* boot benchmark: hypervisor entry */
	shl	$32, %rdx
	or	%rax, %rdx
	mov	%rdx, %r12
	lea	__bss_start(%rip), %rdi	/* "go" leaves BSS as the file had it */
	lea	__bss_end(%rip), %rcx
	sub	%rdi, %rcx
	xor	%eax, %eax
	rep stosb
	mov	%r12, hv_entry_tick(%rip)
	lea	boot_stack_top(%rip), %rsp
	call	x86_early_init		/* GDT, TSS, IDT; returns the boot CPU's index or -1 */
	cmp	$-1, %rax
	je	unknown_cpu
	mov	%rax, %rdi
	call	stack_top		/* switch to the CPU's own stack */
	mov	%rax, %rsp
	call	hv_primary_main
	jmp	park

unknown_cpu:
	lea	msg_unknown_cpu(%rip), %rdi
	call	early_puts		/* the console driver: it needs nothing set up */
park:
	cli
	hlt
	jmp	park

/* Exception and interrupt stubs: a frame of the vector, error code and GPRs for x86_trap(). */
	.align	16
	.global	x86_trap_stubs
x86_trap_stubs:
	exception_stubs
	.align	16		/* the label must be the first stub's address */
	.global	x86_irq_stubs
x86_irq_stubs:			/* vectors 0xf0..0xff, 16 bytes apart like the others */
	irq_stubs 0xf0, 0xff
	.align	16
	.global	x86_gsi_stubs
x86_gsi_stubs:			/* BH_X86_GSI_HOST_VECTOR + IOAPIC pin 0..BH_X86_MAX_GSI-1 */
	irq_stubs 0x20, 0x5f

trap_common:
	push	%rax
	push	%rbx
	push	%rcx
	push	%rdx
	push	%rsi
	push	%rdi
	push	%rbp
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	mov	%rsp, %rdi
	mov	%rsp, %rbx
	and	$-16, %rsp
	call	x86_trap
	mov	%rbx, %rsp
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%r11
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rbp
	pop	%rdi
	pop	%rsi
	pop	%rdx
	pop	%rcx
	pop	%rbx
	pop	%rax
	add	$16, %rsp		/* vector, error code */
	iretq

	.section .bss
	.align	16
boot_stack:
	.space	4096
boot_stack_top:

	.section .rodata
msg_unknown_cpu:
	.asciz	"[bulkhead] fatal: boot CPU's APIC ID is not in the system description\n"

	.section .note.GNU-stack, "", @progbits
