/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The doorbell hypercalls from a module (design §5): SMCCC numbers. arm64:
 * HVC #0 through the kernel's SMCCC helper, arguments in x1, x2; x86:
 * VMMCALL (AMD SVM), x0..x3 in RAX, RBX, RCX, RDX as the hypervisor's trap
 * reads them (arch/x86/vcpu.c), results in the same registers.
 */
#ifndef BH_HYPERCALL_H
#define BH_HYPERCALL_H
#include <linux/types.h>
#ifdef CONFIG_ARM64
#include <linux/arm-smccc.h>

static inline long bh_hypercall(u32 fn, u64 a1, u64 a2)
{
	struct arm_smccc_res res;

	arm_smccc_1_1_hvc(fn, a1, a2, &res);
	return (long)res.a0;
}
#else
static inline long bh_hypercall(u32 fn, u64 a1, u64 a2)
{
	u64 rax = fn, rdx = 0;

	asm volatile("vmmcall"
		     : "+a"(rax), "+b"(a1), "+c"(a2), "+d"(rdx)
		     :
		     : "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "memory");
	return (long)rax;
}
#endif
#endif
