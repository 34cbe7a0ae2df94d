// SPDX-License-Identifier: GPL-2.0
/* The board's PL011, owned by the hypervisor (u-boot already set it up). */
#include <bulkhead/hv_config.h>
#include <asm/sysreg.h>
#include "uart.h"

#define UART_DR	  0x00
#define UART_FR	  0x18
#define UART_IMSC 0x38
#define FR_TXFF	  BIT(5)
#define FR_RXFE	  BIT(4)
#define IM_RX	  (BIT(4) | BIT(6)) /* receive, receive timeout */

void pl011_init(u64 base)
{
	mmio_write32(base + UART_IMSC, IM_RX);
}

void pl011_putc(u64 base, char c)
{
	while (mmio_read32(base + UART_FR) & FR_TXFF)
		cpu_relax();
	mmio_write32(base + UART_DR, (u8)c);
}

int pl011_getc(u64 base)
{
	if (mmio_read32(base + UART_FR) & FR_RXFE)
		return -1;
	return (int)(mmio_read32(base + UART_DR) & 0xff);
}
