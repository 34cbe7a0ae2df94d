// SPDX-License-Identifier: GPL-2.0
/*
 * Console output. With a VMBus console channel (the partition consumes one)
 * each line travels to the root, which prints it; otherwise, and whenever
 * the channel cannot take a line (peer down, ring full), it goes to the
 * partition's UART (emulated by Bulkhead). Nothing is lost either way.
 */
#include <bulkhead/fmt.h>
#include <stdarg.h>
#include <asm/spinlock.h>
#include "bus.h"
#include "part.h"

static spinlock_t con_lock = SPINLOCK_INIT;
static struct part_chan *con_chan;
static char line[256];
static u32 line_len;

static void flush_line(void)
{
	struct vmbus_console_data d = {{VMBUS_CONSOLE_DATA, 0}, line_len, 0};

	if (!line_len)
		return;
	if (bus_send(con_chan, VMBUS_PKT_INBAND, 0, 0, &d, sizeof(d), line, line_len))
		for (u32 i = 0; i < line_len; i++)
			part_uart_putc(line[i]);
	line_len = 0;
}

static void out_char(void *ctx, char c)
{
	(void)ctx;
	if (!con_chan) {
		part_uart_putc(c);
		return;
	}
	line[line_len++] = c;
	if (c == '\n' || line_len == sizeof(line))
		flush_line();
}

static void console_msg(struct vmbus_chan *ch, const struct vmbus_desc *d, const u8 *msg, u32 len)
{
	/* Console v1 carries nothing from the provider after HELLO. */
	(void)ch, (void)d, (void)msg, (void)len;
}

void console_bus_attach(void)
{
	struct part_chan *pc = bus_find(VMBUS_CLASS_CONSOLE, false, 0);

	if (!pc)
		return;
	bus_attach(pc, VMBUS_CONSOLE_VERSION, VMBUS_CONSOLE_VERSION, console_msg, NULL, NULL);
	con_chan = pc;
}

void puts_raw(const char *s)
{
	u64 flags = irq_save();

	spin_lock(&con_lock);
	while (*s)
		out_char(NULL, *s++);
	spin_unlock(&con_lock);
	irq_restore(flags);
}

int printf(const char *fmt, ...)
{
	u64 flags = irq_save();
	va_list ap;

	/*
	 * One lock per call, IRQs masked: lines from different vCPUs never
	 * interleave, and an interrupt handler that prints cannot deadlock.
	 */
	spin_lock(&con_lock);
	va_start(ap, fmt);
	fmt_format(out_char, NULL, fmt, ap);
	va_end(ap);
	spin_unlock(&con_lock);
	irq_restore(flags);
	return 0;
}
