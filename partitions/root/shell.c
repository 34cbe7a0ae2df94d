// SPDX-License-Identifier: GPL-2.0
/*
 * The root's operator commands, typed on its console (Bulkhead gives the
 * root the console input at boot), echoed and edited as typed (line_edit.c):
 *   help          this list
 *   log <child>   the last 64 KiB a child wrote to its console
 *   channels      every channel of the root, its peer and state
 *   partitions    every partition's state, vCPUs, starts and last stop
 *   devices       the interrupts each device of the root took
 *   send <child> <text>   a line of input to a child's console channel
 *   attach <child>        every line typed goes to the child until "~."
 *   poweroff      the root stops (PSCI SYSTEM_OFF); its restart policy applies
 *   time          the root's clock: the system counter in seconds since it started
 *   measured      the hypervisor's measurement log again (at boot the root gives up
 *                 on partitions still loading after 2 s)
 *   faults        the hypervisor's fault log, newest first (kept across board resets)
 */
#include <string.h>
#include "bus.h"
#include "line_edit.h"
#include "part.h"
#include "root.h"

static struct line_edit line;

static void channels(void)
{
	for (u32 i = 0; i < part_nr_chans; i++) {
		struct part_chan *pc = &part_chans[i];
		static const char *const cls[] = {"console", "rpc", "block", "net"};

		printf("channel %u %s: %s %s, peer %s epoch %u, %s\n", pc->cfg.index, pc->cfg.name,
		       cls[pc->cfg.cls], pc->cfg.provider ? "provider" : "consumer",
		       pc->cfg.peer ? pc->cfg.peer : "?", pc->peer_epoch,
		       vmbus_chan_state_str(pc->ch.state));
	}
}

/*
 * The root has no date: its clock is the system counter (shared by every
 * partition) in seconds. Linux children set their CLOCK_REALTIME to it
 * through the rpc time service (partitions/linux/rpc.c).
 */
static void print_time(void)
{
	u64 c = timer_now(), f = timer_freq();

	printf("time: %llu.%09llu s (counter %llu at %llu Hz)\n", (unsigned long long)(c / f),
	       (unsigned long long)((c % f) * 1000000000ULL / f), (unsigned long long)c,
	       (unsigned long long)f);
}

/* The child "attach" sends lines to, "" when none. */
static char attached[32];

static void send_line(const char *peer, const char *text)
{
	char buf[256];
	u32 n = (u32)strlen(text);

	n = MIN(n, (u32)sizeof(buf) - 1);
	memcpy(buf, text, n);
	buf[n++] = '\n';
	console_vsp_send(peer, buf, n);
}

static void run(char *c)
{
	char *arg;

	if (attached[0]) {
		if (!strcmp(c, "~.")) {
			printf("detached from %s\n", attached);
			attached[0] = '\0';
		} else {
			send_line(attached, c);
		}
		return;
	}
	if (!strcmp(c, "help") || !*c) {
		printf("commands: help, log <child>, channels, partitions, devices, "
		       "send <child> <text>, attach <child>, time, measured, faults, poweroff\n");
	} else if (!strcmp(c, "poweroff")) {
		printf("root powers off\n");
		psci_system_off();
	} else if (!strncmp(c, "send ", 5) && (arg = strchr(c + 5, ' '))) {
		*arg++ = '\0';
		send_line(c + 5, arg);
	} else if (!strncmp(c, "attach ", 7)) {
		if (console_vsp_send(c + 7, "", 0))
			return;
		memcpy(attached, c + 7, MIN(strlen(c + 7), sizeof(attached) - 1));
		attached[MIN(strlen(c + 7), sizeof(attached) - 1)] = '\0';
		printf("attached to %s: lines go to its console; \"~.\" ends it\n", attached);
	} else if (!strncmp(c, "log ", 4)) {
		if (console_vsp_dump(c + 4))
			printf("log: no console channel from '%s'\n", c + 4);
	} else if (!strcmp(c, "devices")) {
		root_devices_report();
	} else if (!strcmp(c, "channels")) {
		channels();
	} else if (!strcmp(c, "partitions")) {
		partitions_print();
	} else if (!strcmp(c, "time")) {
		print_time();
	} else if (!strcmp(c, "faults")) {
		faults_print();
	} else if (!strcmp(c, "measured")) {
		measurements_print();
	} else if (root_bench && !strcmp(c, "bench-blk")) {
		/* make bench: the direct reads again, while the children are idle */
		root_bench_direct(root_blk);
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

static void echo(const char *s)
{
	puts_raw(s);
}

static void quiet(const char *s)
{
	(void)s;
}

/* The typed line is the last thing on the root's console (not hidden by a line since). */
static bool shown = true;

void shell_break(void)
{
	if (line.len && shown)
		puts_raw("\n");
	shown = false;
}

/*
 * A key: echoed, or when a line of the root's came in between, the edited
 * line again in full (no control bytes: if the operator has meanwhile moved
 * the input elsewhere, the root's lines stay plain).
 */
static void key(char c)
{
	bool done;

	if (shown || !line.len) {
		shown = true;
		if (line_edit_key(&line, c, echo) && line.buf[0])
			run(line.buf);
		return;
	}
	shown = true;
	done = line_edit_key(&line, c, quiet);
	if (done) {
		printf("%s\n", line.buf);
		if (line.buf[0])
			run(line.buf);
	} else {
		line.buf[line.len] = '\0';
		puts_raw(line.buf);
	}
}

void shell_poll(void)
{
	bool typed_any = false;
	int c;

	while ((c = next_char()) >= 0) {
		typed_any = true;
		key((char)c);
	}
	/*
	 * Bulkhead shows a partial line once its partition waits for input;
	 * re-arming the receive interrupt says so (PL011 and 16550 alike), and
	 * the echo appears at once, not with the next key. (A root that polls
	 * an x86 UART without an interrupt has its echo shown with the next key.)
	 */
	if (typed_any)
		part_uart_rx_irq(by_irq);
}
