// SPDX-License-Identifier: GPL-2.0
/* The board's PL011, owned by the hypervisor (u-boot already set it up). */
#include <bulkhead/hv_config.h>
#include <asm/sysreg.h>
#include "arch.h"

#define UART_DR 0x00
#define UART_FR 0x18
#define UART_IMSC 0x38
#define UART_ICR 0x44
#define FR_TXFF BIT(5)
#define FR_RXFE BIT(4)
#define IM_RX (BIT(4) | BIT(6)) /* receive, receive timeout */

static void raw_putc(char c)
{
	while (mmio_read32(bh_system.uart_pa + UART_FR) & FR_TXFF)
		cpu_relax();
	mmio_write32(bh_system.uart_pa + UART_DR, (u8)c);
}

void arch_console_init(void)
{
	mmio_write32(bh_system.uart_pa + UART_IMSC, IM_RX);
}

void arch_console_putc(char c)
{
	if (c == '\n')
		raw_putc('\r');
	raw_putc(c);
}

int arch_console_getc(void)
{
	if (mmio_read32(bh_system.uart_pa + UART_FR) & FR_RXFE)
		return -1;
	return (int)(mmio_read32(bh_system.uart_pa + UART_DR) & 0xff);
}
