// SPDX-License-Identifier: GPL-2.0
/*
 * The console service (VSP): each child's console lines arrive over its
 * console channel; the root prints them as "<child>: <line>" and keeps the
 * last 64 KiB of each child's output for the "log" command. Child bytes are
 * hostile: control characters are shown escaped (\x1b, as the hypervisor's
 * console shows them: bulkhead/con_escape.h), so a child cannot drive the
 * terminal, and a line is cut at 200 characters. A carriage return is
 * dropped, as the hypervisor's mux drops it for a partition not attached:
 * a Linux tty ends its lines with CR LF.
 *
 * A consumer that speaks version 2 (Linux's hvc0) also takes typed input:
 * the shell's "send" and "attach" commands (console_vsp_send).
 */
#include <bulkhead/con_escape.h>
#include <string.h>
#include "bus.h"
#include "part.h"
#include "root.h"

#define LOG_BYTES 65536
#define LINE_MAX  200

struct con_vsp {
	char log[LOG_BYTES];
	u64 total; /* bytes ever logged; the ring holds the last LOG_BYTES */
	char line[LINE_MAX + 1];
	u32 len;
	u32 bad; /* malformed messages */
};

static struct con_vsp vsp[PART_MAX_CHANS];

static const char *peer_of(struct vmbus_chan *ch)
{
	return ch->cfg->peer ? ch->cfg->peer : ch->cfg->name;
}

static void end_line(struct vmbus_chan *ch, struct con_vsp *c)
{
	c->line[c->len] = '\0';
	shell_break();
	printf("%s: %s\n", peer_of(ch), c->line);
	c->len = 0;
}

static void take(struct vmbus_chan *ch, struct con_vsp *c, char ch_)
{
	if (ch_ == '\r')
		return;
	c->log[c->total++ % LOG_BYTES] = ch_;
	if (ch_ == '\n') {
		end_line(ch, c);
		return;
	}
	c->len += con_escape((u8)ch_, c->line + c->len);
	if (c->len > LINE_MAX - CON_ESCAPE_MAX)
		end_line(ch, c);
}

static void on_msg(struct vmbus_chan *ch, const struct vmbus_desc *d, const u8 *msg, u32 len)
{
	struct con_vsp *c = ch->priv;
	const char *text;
	u32 n;

	if (d->type != VMBUS_PKT_INBAND ||
	    vmbus_parse_console(msg, len, VMBUS_CONSOLE_DATA, &text, &n)) {
		struct vmbus_msg_hdr h = {len >= 4 ? *(const u32 *)msg : 0, VMBUS_ST_INVALID};

		if (c->bad++ == 0)
			printf("console: %s sent a malformed message (%u bytes); ignored\n",
			       peer_of(ch), len);
		if (d->flags & VMBUS_PKT_FLAG_COMPLETION)
			vmbus_chan_complete(ch, d->trans_id, &h, sizeof(h));
		return;
	}
	for (u32 i = 0; i < n; i++)
		take(ch, c, text[i]);
}

static void on_open(struct part_chan *pc)
{
	struct con_vsp *c = pc->priv;

	if (c->len)
		end_line(&pc->ch, c); /* what the last run left unfinished */
}

void console_vsp_init(void)
{
	struct part_chan *pc;

	for (u32 i = 0; (pc = bus_find(VMBUS_CLASS_CONSOLE, true, i)); i++)
		bus_attach(pc, VMBUS_CONSOLE_VERSION, VMBUS_CONSOLE_VERSION_INPUT, on_msg, on_open,
			   &vsp[pc - part_chans]);
}

static struct part_chan *console_of(const char *peer)
{
	for (u32 i = 0; i < part_nr_chans; i++) {
		struct part_chan *pc = &part_chans[i];

		if (pc->cfg.cls == VMBUS_CLASS_CONSOLE && pc->cfg.provider && pc->cfg.peer &&
		    !strcmp(pc->cfg.peer, peer))
			return pc;
	}
	return NULL;
}

int console_vsp_send(const char *peer, const char *text, u32 len)
{
	struct part_chan *pc = console_of(peer);
	struct vmbus_console_data d = {{VMBUS_CONSOLE_INPUT, 0}, len, 0};

	if (!pc) {
		printf("send: no console channel to '%s'\n", peer);
		return -1;
	}
	if (pc->ch.state != VMBUS_CH_OPEN) {
		printf("send: %s's console is %s; nothing sent\n", peer,
		       vmbus_chan_state_str(pc->ch.state));
		return -1;
	}
	if (pc->ch.version < VMBUS_CONSOLE_VERSION_INPUT) {
		printf("send: %s's console takes no input (it speaks version %u)\n", peer,
		       pc->ch.version);
		return -1;
	}
	if (bus_send(pc, VMBUS_PKT_INBAND, 0, 0, &d, sizeof(d), text, len)) {
		printf("send: %s's console ring is full; nothing sent\n", peer);
		return -1;
	}
	return 0;
}

/* "log <child>": its last 64 KiB, line by line. */
int console_vsp_dump(const char *peer)
{
	struct part_chan *pc = console_of(peer);
	struct con_vsp *c;
	u64 from;
	char l[LINE_MAX + 1];
	u32 n = 0;

	if (!pc)
		return -1;
	c = pc->priv;
	from = c->total > LOG_BYTES ? c->total - LOG_BYTES : 0;
	printf("log of %s: %llu bytes kept of %llu\n", peer, (unsigned long long)(c->total - from),
	       (unsigned long long)c->total);
	for (u64 k = from; k < c->total; k++) {
		char x = c->log[k % LOG_BYTES];

		if (x != '\n')
			n += con_escape((u8)x, l + n);
		if (x == '\n' || n > LINE_MAX - CON_ESCAPE_MAX || k + 1 == c->total) {
			l[n] = '\0';
			printf("| %s\n", l);
			n = 0;
		}
	}
	return 0;
}
