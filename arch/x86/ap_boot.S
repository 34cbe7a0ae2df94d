// SPDX-License-Identifier: GPL-2.0
/*
 * Application processors' way from INIT-SIPI-SIPI to C (smp.c starts them).
 * A SIPI starts a CPU in real mode at the page of the system DT's
 * ap-trampoline; smp.c copies ap_trampoline..ap_trampoline_end there. That
 * part only loads a GDT and enters 32-bit protected mode; everything after
 * runs here, in the hypervisor's text (linked below 4 GiB, so 32-bit far
 * jumps reach it), which is how the trampoline page stays plain RAM,
 * writable and never executable once paging is on.
 */
	.section .text.ap_boot, "ax"

	.code16
	.global	ap_trampoline, ap_trampoline_end
ap_trampoline:			/* CS = page >> 4, IP = 0 */
	cli
	cld
	mov	%cs, %ax
	mov	%ax, %ds
	lgdtl	ap_gdtr - ap_trampoline
	mov	%cr0, %eax
	or	$1, %eax		/* PE */
	mov	%eax, %cr0
	ljmpl	$0x18, $ap_boot32
	.align	4
ap_gdtr:
	.word	ap_gdt_end - ap_gdt - 1
	.long	ap_gdt
ap_trampoline_end:

	.code32
ap_boot32:
	mov	$0x10, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %ss
	mov	%cr4, %eax
	or	$0x20, %eax		/* PAE */
	mov	%eax, %cr4
	mov	ap_boot_cr3, %eax	/* the boot CPU's page tables (mmu.c), below 4 GiB */
	mov	%eax, %cr3
	mov	$0xc0000080, %ecx	/* EFER: long mode, and NX before our tables use it */
	rdmsr
	or	$0x900, %eax
	wrmsr
	mov	%cr0, %eax
	and	$0x9fffffff, %eax	/* caches on: INIT leaves CD and NW set */
	or	$0x80000000, %eax	/* PG */
	mov	%eax, %cr0
	ljmp	$0x08, $ap_boot64

	.code64
ap_boot64:
	/* Only the CPU smp.c is starting may take the mailbox (and its stack). */
	mov	$1, %eax
	cpuid
	shr	$24, %ebx
	cmp	ap_boot_apic_id(%rip), %ebx
	jne	ap_park
	mov	ap_boot_stack(%rip), %rsp
	mov	ap_boot_cpu(%rip), %edi
	movl	$1, ap_boot_taken(%rip)	/* smp.c may reuse the mailbox now */
	call	hv_secondary_main
ap_park:
	cli
	hlt
	jmp	ap_park

	.section .rodata
	.align	16
ap_gdt:				/* accessed bits preset: loading never writes here */
	.quad	0
	.quad	0x00af9b000000ffff	/* 0x08: 64-bit code */
	.quad	0x00cf93000000ffff	/* 0x10: flat data */
	.quad	0x00cf9b000000ffff	/* 0x18: 32-bit code */
ap_gdt_end:

	.section .note.GNU-stack, "", @progbits
