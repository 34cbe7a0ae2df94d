// SPDX-License-Identifier: GPL-2.0
/*
 * hello: reports what its DTB says, greets every UART it owns besides its
 * console (a device passed through), brings up every vCPU, then idles.
 */
#include <libfdt.h>
#include <bulkhead/fmt.h>
#include "part.h"

/* UARTs of the console's kinds, other than the console, reached directly. */
static void greet_own_uarts(void)
{
	static const char *const kinds[] = { "ns16550a", "arm,pl011" };
	char line[96];

	for (u32 k = 0; k < ARRAY_SIZE(kinds); k++)
		for (int n = fdt_node_offset_by_compatible(part.fdt, -1, kinds[k]); n >= 0;
		     n = fdt_node_offset_by_compatible(part.fdt, n, kinds[k])) {
			u64 base = part_uart_base_of(n);

			if (!base || base == part.uart_base)
				continue;
			bh_snprintf(line, sizeof(line), "hello from %s on its own UART at 0x%llx\r\n",
				    part.name, (unsigned long long)base);
			part_uart_puts_at(base, line);
			printf("greeted its UART at 0x%llx\n", (unsigned long long)base);
		}
}

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
	greet_own_uarts();
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
