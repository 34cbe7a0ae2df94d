// SPDX-License-Identifier: GPL-2.0
/*
 * Hypervisor calls through VMMCALL: the arm64 numbers, x0..x11 in RAX, RBX,
 * RCX, RDX, RSI, RDI, R8..R13 (arch/x86/vcpu.c in the hypervisor).
 */
#include <bulkhead/image_abi.h>
#include <string.h>
#include "part.h"

u64 hvc_call(u64 fn, u64 a1, u64 a2, u64 a3)
{
	u64 rax = fn;

	__asm__ volatile("vmmcall"
			 : "+a"(rax), "+b"(a1), "+c"(a2), "+d"(a3)
			 :
			 : "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "memory");
	return rax;
}

void hvc_call12(u64 x[12])
{
	register u64 r8 __asm__("r8"), r9 __asm__("r9"), r10 __asm__("r10"), r11 __asm__("r11");
	register u64 r12 __asm__("r12"), r13 __asm__("r13");
	u64 rax = x[0], rbx = x[1], rcx = x[2], rdx = x[3], rsi, rdi;

	__asm__ volatile("vmmcall"
			 : "+a"(rax), "+b"(rbx), "+c"(rcx), "+d"(rdx), "=S"(rsi), "=D"(rdi),
			   "=r"(r8), "=r"(r9), "=r"(r10), "=r"(r11), "=r"(r12), "=r"(r13)
			 :
			 : "memory");
	x[0] = rax, x[1] = rbx, x[2] = rcx, x[3] = rdx, x[4] = rsi, x[5] = rdi;
	x[6] = r8, x[7] = r9, x[8] = r10, x[9] = r11, x[10] = r12, x[11] = r13;
}

int part_image_measurement(u32 index, struct part_measurement *m)
{
	register u64 r8 __asm__("r8"), r9 __asm__("r9"), r10 __asm__("r10"), r11 __asm__("r11");
	register u64 r12 __asm__("r12"), r13 __asm__("r13");
	u64 rax = BH_IMAGE_MEASUREMENT, rbx = index, rcx, rdx, rsi, rdi;
	u64 sha[4], name[4];

	__asm__ volatile("vmmcall"
			 : "+a"(rax), "+b"(rbx), "=c"(rcx), "=d"(rdx), "=S"(rsi), "=D"(rdi),
			   "=r"(r8), "=r"(r9), "=r"(r10), "=r"(r11), "=r"(r12), "=r"(r13)
			 :
			 : "memory");
	if (rax)
		return (int)rax;
	sha[0] = rsi, sha[1] = rdi, sha[2] = r8, sha[3] = r9;
	name[0] = r10, name[1] = r11, name[2] = r12, name[3] = r13;
	m->partition = rbx & 0xff;
	m->kind = (rbx >> 8) & 0xff;
	m->slot = (rbx >> 16) & 0xff;
	m->version = (u32)rcx;
	m->size = (u32)rdx;
	memcpy(m->sha256, sha, sizeof(m->sha256));
	memcpy(m->name, name, sizeof(name));
	m->name[sizeof(name)] = '\0';
	return 0;
}

s64 psci_cpu_on(u64 mpidr, u64 entry, u64 ctx)
{
	return (s64)hvc_call(0xc4000003, mpidr, entry, ctx);
}

void psci_system_off(void)
{
	hvc_call(0x84000008, 0, 0, 0);
	idle();
}
