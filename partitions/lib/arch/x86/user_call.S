// SPDX-License-Identifier: GPL-2.0
/*
 * s64 part_hypercall_malformed(u64 fn) on x86: VMMCALL made at CPL 3,
 * which the hypervisor must refuse (the villain checks it). vCPU 0 only: the
 * runtime has one TSS. Drops to the user segments with IRET, makes the
 * call, comes back through the DPL-3 gate of USER_RETURN_VECTOR.
 */
	.text
	.global	part_hypercall_malformed
part_hypercall_malformed:
	push	%rbx
	push	%rbp
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	pushfq
	mov	%rsp, saved_rsp(%rip)
	mov	%rdi, %rax
	lea	user_stack_top(%rip), %rcx
	pushq	$0x1b			/* SS: user data, RPL 3 */
	pushq	%rcx
	pushq	$0x2			/* RFLAGS: interrupts off */
	pushq	$0x23			/* CS: user code, RPL 3 */
	lea	1f(%rip), %rcx
	pushq	%rcx
	iretq
1:	vmmcall				/* at CPL 3; the answer stays in RAX */
	int	$0x81
	.global	part_user_return
part_user_return:			/* CPL 0 again, on the TSS's stack */
	mov	saved_rsp(%rip), %rsp
	mov	$0x10, %ecx
	mov	%ecx, %ds
	mov	%ecx, %es
	mov	%ecx, %ss
	popfq
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbp
	pop	%rbx
	ret

	.bss
	.align	16
saved_rsp:
	.quad	0
	.align	16
	.skip	512
user_stack_top:

	.section .note.GNU-stack, "", @progbits
