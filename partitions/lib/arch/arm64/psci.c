// SPDX-License-Identifier: GPL-2.0
/* PSCI and hypervisor calls (HVC conduit, as the partition DTB says). */
#include "part.h"

u64 hvc_call(u64 fn, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 __asm__("x0") = fn;
	register u64 x1 __asm__("x1") = a1;
	register u64 x2 __asm__("x2") = a2;
	register u64 x3 __asm__("x3") = a3;

	__asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
	return x0;
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
