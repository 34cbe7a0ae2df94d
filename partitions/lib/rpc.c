// SPDX-License-Identifier: GPL-2.0
/* rpc client (include/rpc.h). Completions arrive in the bus interrupt. */
#include <string.h>
#include "part.h"
#include "rpc.h"

enum { SLOT_FREE, SLOT_WAITING, SLOT_DONE };

static struct rpc_client *clients[PART_MAX_CHANS];

static void on_msg(struct vmbus_chan *ch, const struct vmbus_desc *d, const u8 *msg, u32 len)
{
	struct rpc_client *c = ch->priv;
	u32 i = (u32)(d->trans_id & 0xffff);
	struct vmbus_rpc r;
	const u8 *pl;
	struct rpc_slot *s;

	if (d->type != VMBUS_PKT_COMP)
		return; /* events: none defined for clients yet */
	if (i >= c->nslots || (u16)(d->trans_id >> 16) != c->slot[i].gen ||
	    c->slot[i].state != SLOT_WAITING || d->trans_id >> 32) {
		c->stray++;
		return;
	}
	s = &c->slot[i];
	if (vmbus_parse_rpc(msg, len, &r, &pl)) {
		/* A bare error header is an answer too. */
		s->status = len >= sizeof(struct vmbus_msg_hdr) ? ((const struct vmbus_msg_hdr *)msg)->status
								 : VMBUS_ST_INVALID;
		s->len = 0;
	} else {
		s->status = r.h.status;
		s->len = MIN(r.len, s->cap);
		memcpy(s->resp, pl, s->len);
	}
	__atomic_store_n(&s->state, SLOT_DONE, __ATOMIC_RELEASE);
}

int rpc_client_init(struct rpc_client *c, u32 n)
{
	struct part_chan *pc = bus_find(VMBUS_CLASS_RPC, false, n);

	memset(c, 0, sizeof(*c));
	if (!pc)
		return -1;
	c->pc = pc;
	c->nslots = MIN(pc->cfg.max_outstanding, (u32)RPC_MAX_SLOTS);
	clients[pc - part_chans] = c;
	bus_attach(pc, VMBUS_RPC_VERSION, VMBUS_RPC_VERSION, on_msg, NULL, c);
	return 0;
}

/*
 * WFE: the return from the bus interrupt that completed the call sets the
 * event register, and the runtime's counter event stream bounds the sleep.
 */
static bool wait_until(volatile u32 *v, u32 want, u64 deadline)
{
	while (__atomic_load_n(v, __ATOMIC_ACQUIRE) != want) {
		if (timer_now() > deadline)
			return false;
		cpu_wait_event();
	}
	return true;
}

int rpc_call(struct rpc_client *c, u32 service, u16 method, const void *req, u32 len, void *resp,
	     u32 cap, u32 *rlen, u32 timeout_ms)
{
	struct vmbus_rpc r = { { VMBUS_RPC_REQUEST, 0 }, service, method, 0, len, 0 };
	u64 deadline = timer_now() + timer_freq() / 1000 * timeout_ms;
	struct rpc_slot *s = NULL;
	u32 i;
	u64 f;

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
	s->resp = resp;
	s->cap = cap;
	s->len = 0;
	if (bus_send(c->pc, VMBUS_PKT_INBAND, VMBUS_PKT_FLAG_COMPLETION, (u64)s->gen << 16 | i, &r,
		     sizeof(r), req, len)) {
		s->state = SLOT_FREE;
		return -1;
	}
	if (!wait_until(&s->state, SLOT_DONE, deadline)) {
		f = irq_save();
		s->gen++; /* a late answer must not land in a reused slot */
		s->state = SLOT_FREE;
		irq_restore(f);
		return -1;
	}
	if (rlen)
		*rlen = s->len;
	f = irq_save();
	s->gen++;
	s->state = SLOT_FREE;
	irq_restore(f);
	return (int)s->status;
}
