// SPDX-License-Identifier: GPL-2.0
/*
 * The console service (VSP): each child's console lines arrive over its
 * console channel; the root prints them as "<child>: <line>" and keeps the
 * last 64 KiB of each child's output for the "log" command. Child bytes are
 * hostile: control characters are shown escaped (\x1b, as the hypervisor's
 * console shows them: bulkhead/con_escape.h), so a child cannot drive the
 * terminal, and a line is cut at 200 characters.
 */
#include <bulkhead/con_escape.h>
#include <string.h>
#include "bus.h"
#include "part.h"
#include "root.h"

#define LOG_BYTES 65536
#define LINE_MAX 200

struct con_vsp {
	char log[LOG_BYTES];
	u64 total; /* bytes ever logged; the ring holds the last LOG_BYTES */
	char line[LINE_MAX + 1];
	u32 len;
	u32 bad;   /* malformed messages */
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

	if (d->type != VMBUS_PKT_INBAND || vmbus_parse_console(msg, len, &text, &n)) {
		struct vmbus_msg_hdr h = { len >= 4 ? *(const u32 *)msg : 0, VMBUS_ST_INVALID };

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
		bus_attach(pc, VMBUS_CONSOLE_VERSION, VMBUS_CONSOLE_VERSION, on_msg, on_open,
			   &vsp[pc - part_chans]);
}

/* "log <child>": its last 64 KiB, line by line. */
int console_vsp_dump(const char *peer)
{
	for (u32 i = 0; i < part_nr_chans; i++) {
		struct part_chan *pc = &part_chans[i];
		struct con_vsp *c = &vsp[i];
		u64 from;
		char l[LINE_MAX + 1];
		u32 n = 0;

		if (pc->cfg.cls != VMBUS_CLASS_CONSOLE || !pc->cfg.provider || !pc->cfg.peer ||
		    strcmp(pc->cfg.peer, peer))
			continue;
		from = c->total > LOG_BYTES ? c->total - LOG_BYTES : 0;
		printf("log of %s: %llu bytes kept of %llu\n", peer,
		       (unsigned long long)(c->total - from), (unsigned long long)c->total);
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
	return -1;
}
