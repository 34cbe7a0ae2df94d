// SPDX-License-Identifier: GPL-2.0
/*
 * void svm_run(u64 vmcb_pa, struct guest_gprs *g, u64 host_save_pa)
 * The host runs with IF = 0. Around VMRUN: GIF = 0 and IF = 1, so that a
 * physical interrupt during the guest is an INTR exit rather than being
 * taken on the guest's state; the caller takes it afterwards. VMLOAD and
 * VMSAVE swap the state VMRUN leaves alone (FS, GS, TR, LDTR, syscall MSRs).
 */
#define G_RBX 0
#define G_RCX 8
#define G_RDX 16
#define G_RSI 24
#define G_RDI 32
#define G_RBP 40
#define G_R8 48
#define G_R9 56
#define G_R10 64
#define G_R11 72
#define G_R12 80
#define G_R13 88
#define G_R14 96
#define G_R15 104

	.text
	.global	svm_run
svm_run:
	push	%rbx
	push	%rbp
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	push	%rdx			/* 16(%rsp): host save area */
	push	%rdi			/*  8(%rsp): VMCB */
	push	%rsi			/*  0(%rsp): guest GPRs */
	clgi
	mov	%rdx, %rax
	vmsave	%rax
	mov	%rdi, %rax
	vmload	%rax
	mov	%rsi, %r15
	mov	G_RBX(%r15), %rbx
	mov	G_RCX(%r15), %rcx
	mov	G_RDX(%r15), %rdx
	mov	G_RSI(%r15), %rsi
	mov	G_RDI(%r15), %rdi
	mov	G_RBP(%r15), %rbp
	mov	G_R8(%r15), %r8
	mov	G_R9(%r15), %r9
	mov	G_R10(%r15), %r10
	mov	G_R11(%r15), %r11
	mov	G_R12(%r15), %r12
	mov	G_R13(%r15), %r13
	mov	G_R14(%r15), %r14
	mov	G_R15(%r15), %r15
	sti
	vmrun	%rax
	cli
	push	%r15
	mov	8(%rsp), %r15
	mov	%rbx, G_RBX(%r15)
	mov	%rcx, G_RCX(%r15)
	mov	%rdx, G_RDX(%r15)
	mov	%rsi, G_RSI(%r15)
	mov	%rdi, G_RDI(%r15)
	mov	%rbp, G_RBP(%r15)
	mov	%r8, G_R8(%r15)
	mov	%r9, G_R9(%r15)
	mov	%r10, G_R10(%r15)
	mov	%r11, G_R11(%r15)
	mov	%r12, G_R12(%r15)
	mov	%r13, G_R13(%r15)
	mov	%r14, G_R14(%r15)
	pop	%rax
	mov	%rax, G_R15(%r15)
	mov	8(%rsp), %rax
	vmsave	%rax
	mov	16(%rsp), %rax
	vmload	%rax
	stgi
	add	$24, %rsp
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbp
	pop	%rbx
	ret

	.section .note.GNU-stack, "", @progbits
