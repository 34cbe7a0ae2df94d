// SPDX-License-Identifier: GPL-2.0
/* Console output through the partition's PL011 (emulated by Bulkhead). */
#include <bulkhead/fmt.h>
#include <stdarg.h>
#include <asm/spinlock.h>
#include <asm/sysreg.h>
#include "part.h"

static spinlock_t con_lock = SPINLOCK_INIT;

static void uart_putc(void *ctx, char c)
{
	(void)ctx;
	if (!part.uart_base)
		return;
	while (mmio_read32(part.uart_base + 0x18) & BIT(5)) /* TXFF */
		;
	mmio_write32(part.uart_base, (u8)c);
}

void puts_raw(const char *s)
{
	spin_lock(&con_lock);
	while (*s)
		uart_putc(NULL, *s++);
	spin_unlock(&con_lock);
}

int printf(const char *fmt, ...)
{
	va_list ap;

	/* One lock per call: lines from different vCPUs never interleave. */
	spin_lock(&con_lock);
	va_start(ap, fmt);
	fmt_format(uart_putc, NULL, fmt, ap);
	va_end(ap);
	spin_unlock(&con_lock);
	return 0;
}
