// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's console: the UART the system DT names, with the driver
 * its compatible chose (bh_system.uart_type, from the generator). Both
 * drivers are a few dozen bytes, so one build serves boards with either.
 */
#include <bulkhead/hv_config.h>
#include "arch.h"
#include "uart.h"

static bool cdns(void)
{
	return bh_system.uart_type == BH_UART_CDNS;
}

void arch_console_init(void)
{
	if (cdns())
		cdns_init(bh_system.uart_pa);
	else
		pl011_init(bh_system.uart_pa);
}

static void raw_putc(char c)
{
	if (cdns())
		cdns_putc(bh_system.uart_pa, c);
	else
		pl011_putc(bh_system.uart_pa, c);
}

void arch_console_putc(char c)
{
	if (c == '\n')
		raw_putc('\r');
	raw_putc(c);
}

int arch_console_getc(void)
{
	return cdns() ? cdns_getc(bh_system.uart_pa) : pl011_getc(bh_system.uart_pa);
}
