// SPDX-License-Identifier: GPL-2.0
/* Request/response client (include/vsc.h). Completions arrive in the bus interrupt. */
#include <string.h>
#include "part.h"
#include "vsc.h"

enum { SLOT_FREE, SLOT_WAITING, SLOT_DONE };

static void on_msg(struct vmbus_chan *ch, const struct vmbus_desc *d, const u8 *msg, u32 len)
{
	struct vsc *c = ch->priv;
	u32 i = (u32)(d->trans_id & 0xffff);
	struct vsc_slot *s;

	if (d->type != VMBUS_PKT_COMP) {
		if (c->on_event)
			c->on_event(ch, d, msg, len);
		return;
	}
	if (i >= c->nslots || (u16)(d->trans_id >> 16) != c->slot[i].gen ||
	    c->slot[i].state != SLOT_WAITING || d->trans_id >> 32) {
		c->stray++;
		return;
	}
	s = &c->slot[i];
	s->len = MIN(len, s->cap);
	memcpy(s->reply, msg, s->len);
	__atomic_store_n(&s->state, SLOT_DONE, __ATOMIC_RELEASE);
}

int vsc_init(struct vsc *c, u32 cls, u32 n, u16 ver_min, u16 ver_max)
{
	struct part_chan *pc = bus_find(cls, false, n);

	memset(c, 0, sizeof(*c));
	if (!pc)
		return -1;
	c->pc = pc;
	c->nslots = MIN(pc->cfg.max_outstanding, (u32)VSC_MAX_SLOTS);
	bus_attach(pc, ver_min, ver_max, on_msg, NULL, c);
	return 0;
}

bool vsc_wait_open(struct vsc *c, u32 timeout_ms)
{
	return c->pc && part_wait_until(&c->pc->ch.state, VMBUS_CH_OPEN,
					timer_now() + timer_freq() / 1000 * timeout_ms);
}

static void release(struct vsc_slot *s)
{
	u64 f = irq_save();

	s->gen++; /* a late answer must not land in a reused slot */
	s->state = SLOT_FREE;
	irq_restore(f);
}

int vsc_call(struct vsc *c, const void *msg, u32 len, const void *data, u32 data_len, void *reply,
	     u32 cap, u32 *reply_len, u32 timeout_ms)
{
	u64 deadline = timer_now() + timer_freq() / 1000 * timeout_ms, f;
	struct vsc_slot *s = NULL;
	u32 i;

	if (!c->pc)
		return -1;
	f = irq_save();
	for (i = 0; i < c->nslots; i++)
		if (c->slot[i].state == SLOT_FREE) {
			s = &c->slot[i];
			s->state = SLOT_WAITING;
			break;
		}
	irq_restore(f);
	if (!s)
		return -1;
	s->reply = reply;
	s->cap = cap;
	s->len = 0;
	if (bus_send(c->pc, VMBUS_PKT_INBAND, VMBUS_PKT_FLAG_COMPLETION, (u64)s->gen << 16 | i, msg,
		     len, data, data_len)) {
		release(s);
		return -1;
	}
	/* The completion arrives in the bus interrupt, which ends the sleep. */
	if (!part_wait_until(&s->state, SLOT_DONE, deadline)) {
		release(s);
		return -1;
	}
	if (reply_len)
		*reply_len = s->len;
	release(s);
	return 0;
}
