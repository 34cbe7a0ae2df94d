// SPDX-License-Identifier: GPL-2.0
/* The board's 16550 (COM1 on a PC), owned by the hypervisor; u-boot set its baud rate. */
#include <bulkhead/hv_config.h>
#include <asm/io.h>
#include "arch.h"

#define THR	 0
#define RBR	 0
#define IER	 1
#define LSR	 5
#define LSR_DR	 BIT(0)
#define LSR_THRE BIT(5)

static u16 port(u32 reg)
{
	return (u16)(bh_system.uart_pa + reg);
}

static void raw_putc(char c)
{
	while (!(inb(port(LSR)) & LSR_THRE))
		cpu_relax();
	outb(port(THR), (u8)c);
}

void arch_console_init(void)
{
	outb(port(IER), 0); /* polled: input is read on every exit and while idle */
}

void arch_console_putc(char c)
{
	if (c == '\n')
		raw_putc('\r');
	raw_putc(c);
}

int arch_console_getc(void)
{
	if (!(inb(port(LSR)) & LSR_DR))
		return -1;
	return inb(port(RBR));
}
