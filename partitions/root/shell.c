// SPDX-License-Identifier: GPL-2.0
/*
 * The root's operator commands, typed on its console (Bulkhead gives the
 * root the console input at boot):
 *   help          this list
 *   log <child>   the last 64 KiB a child wrote to its console
 *   channels      every channel of the root, its peer and state
 */
#include <string.h>
#include "bus.h"
#include "part.h"
#include "root.h"

static char cmd[64];
static u32 len;

static void channels(void)
{
	for (u32 i = 0; i < part_nr_chans; i++) {
		struct part_chan *pc = &part_chans[i];
		static const char *const cls[] = { "console", "rpc", "block", "net" };

		printf("channel %u %s: %s %s, peer %s epoch %u, %s\n", pc->cfg.index, pc->cfg.name,
		       cls[pc->cfg.cls], pc->cfg.provider ? "provider" : "consumer",
		       pc->cfg.peer ? pc->cfg.peer : "?", pc->peer_epoch,
		       vmbus_chan_state_str(pc->ch.state));
	}
}

static void run(char *c)
{
	if (!strcmp(c, "help") || !*c) {
		printf("commands: help, log <child>, channels, devices\n");
	} else if (!strncmp(c, "log ", 4)) {
		if (console_vsp_dump(c + 4))
			printf("log: no console channel from '%s'\n", c + 4);
	} else if (!strcmp(c, "devices")) {
		vio_irq_report();
	} else if (!strcmp(c, "channels")) {
		channels();
	} else {
		printf("unknown command '%s' (try help)\n", c);
	}
}

/*
 * Typed characters: taken by the UART's receive interrupt when the DTB
 * names one (the handler drains the UART, which ends the interrupt), else
 * polled on the root's tick.
 */
static char typed[256];
static volatile u32 typed_head, typed_tail;
static bool by_irq;

static void uart_rx(u32 intid)
{
	int c;

	(void)intid;
	while ((c = part_uart_getc()) >= 0)
		if (typed_head - typed_tail < sizeof(typed))
			typed[typed_head++ % sizeof(typed)] = (char)c;
	root_wake();
}

bool shell_init(void)
{
	if (!part.uart_irq)
		return false;
	irq_register(part.uart_irq, uart_rx);
	irq_enable(part.uart_irq);
	part_uart_rx_irq(true);
	by_irq = true;
	return true;
}

static int next_char(void)
{
	u64 f;
	int c = -1;

	if (!by_irq)
		return part_uart_getc();
	f = irq_save();
	if (typed_tail != typed_head)
		c = (u8)typed[typed_tail++ % sizeof(typed)];
	irq_restore(f);
	return c;
}

void shell_poll(void)
{
	int c;

	while ((c = next_char()) >= 0) {
		if (c == '\r' || c == '\n') {
			cmd[len] = '\0';
			if (len)
				run(cmd);
			len = 0;
		} else if ((c == 0x7f || c == 8) && len) {
			len--;
		} else if (c >= 0x20 && c < 0x7f && len < sizeof(cmd) - 1) {
			cmd[len++] = (char)c;
		}
	}
}
