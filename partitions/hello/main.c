// SPDX-License-Identifier: GPL-2.0
/* hello: reports what its DTB says, brings up every vCPU, then idles. */
#include "part.h"

static volatile u32 up;

void secondary_main(u32 cpu)
{
	printf("cpu %u up\n", cpu);
	__atomic_fetch_add(&up, 1, __ATOMIC_SEQ_CST);
	idle();
}

int main(void)
{
	printf("hello from %s: cpus %u memory 0x%llx+0x%llx\n", part.name, part.nr_cpus,
	       (unsigned long long)part.mem_base, (unsigned long long)part.mem_size);
	printf("cpu 0 up\n");
	for (u32 i = 1; i < part.nr_cpus; i++) {
		s64 rc = psci_cpu_on(i, (u64)(uintptr_t)secondary_entry, i);

		if (rc)
			printf("cpu %u: CPU_ON failed (%lld)\n", i, (long long)rc);
		while (rc == 0 && __atomic_load_n(&up, __ATOMIC_SEQ_CST) < i)
			;
	}
	idle();
}
