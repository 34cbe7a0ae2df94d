// SPDX-License-Identifier: GPL-2.0
/* PSCI and hypervisor calls (HVC conduit, as the partition DTB says). */
#include <bulkhead/image_abi.h>
#include <string.h>
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

void hvc_call12(u64 x[12])
{
	register u64 x0 __asm__("x0") = x[0], x1 __asm__("x1") = x[1], x2 __asm__("x2") = x[2];
	register u64 x3 __asm__("x3") = x[3], x4 __asm__("x4"), x5 __asm__("x5");
	register u64 x6 __asm__("x6"), x7 __asm__("x7"), x8 __asm__("x8"), x9 __asm__("x9");
	register u64 x10 __asm__("x10"), x11 __asm__("x11");

	__asm__ volatile("hvc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "=r"(x4), "=r"(x5), "=r"(x6),
			   "=r"(x7), "=r"(x8), "=r"(x9), "=r"(x10), "=r"(x11)
			 :
			 : "memory");
	x[0] = x0, x[1] = x1, x[2] = x2, x[3] = x3, x[4] = x4, x[5] = x5;
	x[6] = x6, x[7] = x7, x[8] = x8, x[9] = x9, x[10] = x10, x[11] = x11;
}

int part_image_measurement(u32 index, struct part_measurement *m)
{
	register u64 x0 __asm__("x0") = BH_IMAGE_MEASUREMENT;
	register u64 x1 __asm__("x1") = index;
	register u64 x2 __asm__("x2"), x3 __asm__("x3"), x4 __asm__("x4"), x5 __asm__("x5");
	register u64 x6 __asm__("x6"), x7 __asm__("x7"), x8 __asm__("x8"), x9 __asm__("x9");
	register u64 x10 __asm__("x10"), x11 __asm__("x11");
	u64 sha[4], name[4];

	__asm__ volatile("hvc #0"
			 : "+r"(x0), "+r"(x1), "=r"(x2), "=r"(x3), "=r"(x4), "=r"(x5), "=r"(x6),
			   "=r"(x7), "=r"(x8), "=r"(x9), "=r"(x10), "=r"(x11)
			 :
			 : "memory");
	if (x0)
		return (int)x0;
	/* Out of the register variables before any call can clobber them. */
	sha[0] = x4, sha[1] = x5, sha[2] = x6, sha[3] = x7;
	name[0] = x8, name[1] = x9, name[2] = x10, name[3] = x11;
	m->partition = x1 & 0xff;
	m->kind = (x1 >> 8) & 0xff;
	m->slot = (x1 >> 16) & 0xff;
	m->version = (u32)x2;
	m->size = (u32)x3;
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

s64 part_hypercall_malformed(u64 fn)
{
	register u64 x0 __asm__("x0") = fn;

	__asm__ volatile("hvc #1" : "+r"(x0) : : "x1", "x2", "x3", "memory");
	return (s64)x0;
}
