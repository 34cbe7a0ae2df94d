// SPDX-License-Identifier: GPL-2.0
/*
 * hello: reports what its DTB says, greets every UART it owns besides its
 * console (a device passed through), brings up every vCPU, then idles, or
 * prints the lines typed on the first such UART with an interrupt.
 */
#include <libfdt.h>
#include <bulkhead/fmt.h>
#include "part.h"

/* An owned UART's typed line, taken by its interrupt, printed by main(). */
static u64 rx_base;
static u32 rx_intid, rx_irqs;
static char rx_line[64];
static u32 rx_len;
static volatile bool rx_done;

static void uart_irq(u32 intid)
{
	int c;

	(void)intid;
	rx_irqs++;
	while ((c = part_uart_getc_at(rx_base)) >= 0) {
		if (rx_done)
			continue; /* main() has not printed the last line yet */
		if (c == '\r' || c == '\n') {
			rx_line[rx_len] = '\0';
			rx_done = rx_len != 0;
		} else if (rx_len < sizeof(rx_line) - 1 && c >= 0x20 && c < 0x7f) {
			rx_line[rx_len++] = (char)c;
		}
	}
}

/* UARTs of the console's kinds, other than the console, reached directly; the
 * first with an interrupt has its typed lines read. */
static void greet_own_uarts(void)
{
	static const char *const kinds[] = {"ns16550a", "arm,pl011"};
	char line[96];

	for (u32 k = 0; k < ARRAY_SIZE(kinds); k++)
		for (int n = fdt_node_offset_by_compatible(part.fdt, -1, kinds[k]); n >= 0;
		     n = fdt_node_offset_by_compatible(part.fdt, n, kinds[k])) {
			u64 base = part_uart_base_of(n);

			if (!base || base == part.uart_base)
				continue;
			bh_snprintf(line, sizeof(line),
				    "hello from %s on its own UART at 0x%llx\r\n", part.name,
				    (unsigned long long)base);
			part_uart_puts_at(base, line);
			printf("greeted its UART at 0x%llx\n", (unsigned long long)base);
			if (!rx_base && (rx_intid = part_irq_of(n)) != 0) {
				rx_base = base;
				irq_register(rx_intid, uart_irq);
				irq_init();
				irq_enable(rx_intid);
				part_uart_rx_irq_at(base, true);
				printf("reading its UART at 0x%llx by interrupt %u\n",
				       (unsigned long long)base, rx_intid);
			}
		}
}

/* Prints each line typed on its own UART; the rest of the time asleep. */
static __attribute__((noreturn)) void serve_uart(void)
{
	for (;;) {
		u64 f = irq_save();

		if (!rx_done)
			cpu_wait_irq(); /* IRQs masked: a line finished since the test still wakes
					   us */
		irq_restore(f);
		if (rx_done) {
			printf("its UART at 0x%llx: '%s', by interrupt %u (%u taken)\n",
			       (unsigned long long)rx_base, rx_line, rx_intid, READ_ONCE(rx_irqs));
			rx_len = 0;
			__atomic_store_n(&rx_done, false, __ATOMIC_RELEASE);
		}
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
	if (rx_base)
		serve_uart();
	idle();
}
