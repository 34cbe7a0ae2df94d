// SPDX-License-Identifier: GPL-2.0
/*
 * The rpc service (VSP): request/response over a channel, answered at once
 * in the order received. Services: echo (the payload back), time (the
 * shared system counter and its frequency), partition status (every peer of
 * the root: state and epoch, from the root's status page), measurements (the
 * hypervisor's log of verified images, paged by index), faults (the
 * hypervisor's fault log, newest first, paged the same way). A request that
 * does not parse gets an INVALID completion; unknown services UNKNOWN.
 */
#include <string.h>
#include "bus.h"
#include "part.h"
#include "root.h"

static u32 bad[PART_MAX_CHANS];

/* Distinct peers of the root's channels; n entries fit in cap bytes. */
static u32 status_entries(struct rpc_status_entry *e, u32 cap)
{
	u32 n = 0;

	for (u32 i = 0; i < part_nr_chans && (n + 1) * sizeof(*e) <= cap; i++) {
		const struct part_chan *pc = &part_chans[i];
		bool seen = false;

		if (!pc->cfg.peer)
			continue;
		for (u32 k = 0; k < n; k++)
			if (!strncmp(e[k].name, pc->cfg.peer, sizeof(e[k].name)))
				seen = true;
		if (seen)
			continue;
		memset(&e[n], 0, sizeof(e[n]));
		memcpy(e[n].name, pc->cfg.peer, MIN(strlen(pc->cfg.peer), sizeof(e[n].name) - 1));
		e[n].state = pc->peer_state;
		e[n].epoch = pc->peer_epoch;
		n++;
	}
	return n;
}

static void on_msg(struct vmbus_chan *ch, const struct vmbus_desc *d, const u8 *msg, u32 len)
{
	static u8 out[4096];
	struct vmbus_rpc r, a;
	const u8 *pl;
	const void *data = out;
	u32 cap = ch->cfg->max_packet - (u32)sizeof(a), i = (u32)(ch->cfg->index % PART_MAX_CHANS);

	if (vmbus_parse_rpc(msg, len, &r, &pl) || d->type != VMBUS_PKT_INBAND) {
		struct vmbus_msg_hdr h = {VMBUS_RPC_REQUEST, VMBUS_ST_INVALID};

		if (bad[i]++ == 0)
			printf("rpc: %s sent a malformed message (%u bytes); answered INVALID\n",
			       ch->cfg->peer, len);
		if (d->flags & VMBUS_PKT_FLAG_COMPLETION)
			vmbus_chan_complete(ch, d->trans_id, &h, sizeof(h));
		return;
	}
	if (r.h.type == VMBUS_RPC_EVENT || !(d->flags & VMBUS_PKT_FLAG_COMPLETION))
		return; /* children have no events for the root (yet) */
	a = r;
	a.h.status = VMBUS_ST_OK;
	a.len = 0;
	if (cap > sizeof(out))
		cap = sizeof(out);
	if (r.service == RPC_SVC_ECHO && r.method == RPC_METHOD_GET) {
		data = pl;
		a.len = r.len;
	} else if (r.service == RPC_SVC_TIME && r.method == RPC_METHOD_GET) {
		struct rpc_time t = {timer_now(), timer_freq()};

		memcpy(out, &t, sizeof(t));
		a.len = sizeof(t);
	} else if (r.service == RPC_SVC_STATUS && r.method == RPC_METHOD_GET) {
		a.len = status_entries((struct rpc_status_entry *)out, cap) *
			(u32)sizeof(struct rpc_status_entry);
	} else if (r.service == RPC_SVC_MEASURE && r.method == RPC_METHOD_GET &&
		   (r.len == 0 || r.len == sizeof(u32))) {
		u32 first = 0, n;

		if (r.len)
			memcpy(&first, pl, sizeof(first));
		a.h.status = measurements_get(first, (struct rpc_measurement *)out, cap, &n);
		a.len = n * (u32)sizeof(struct rpc_measurement);
	} else if (r.service == RPC_SVC_FAULTS && r.method == RPC_METHOD_GET &&
		   (r.len == 0 || r.len == sizeof(u32))) {
		u32 first = 0, n;

		if (r.len)
			memcpy(&first, pl, sizeof(first));
		a.h.status = faults_get(first, (struct rpc_fault *)out, cap, &n);
		a.len = n * (u32)sizeof(struct rpc_fault);
	} else if (r.service == RPC_SVC_MEASURE || r.service == RPC_SVC_FAULTS) {
		a.h.status = VMBUS_ST_INVALID;
	} else {
		a.h.status = VMBUS_ST_UNKNOWN;
	}
	vmbus_chan_send(ch, VMBUS_PKT_COMP, 0, d->trans_id, &a, sizeof(a), data, a.len);
}

/* A peer of the root started or stopped: an event on every open rpc channel. */
void rpc_vsp_status_event(void)
{
	struct vmbus_rpc e = {{VMBUS_RPC_EVENT, 0}, RPC_SVC_STATUS, RPC_EVENT_CHANGED, 0, 0, 0};
	struct part_chan *pc;

	for (u32 i = 0; (pc = bus_find(VMBUS_CLASS_RPC, true, i)); i++)
		if (pc->ch.state == VMBUS_CH_OPEN)
			bus_send(pc, VMBUS_PKT_INBAND, 0, 0, &e, sizeof(e), NULL, 0);
}

void rpc_vsp_init(void)
{
	struct part_chan *pc;

	for (u32 i = 0; (pc = bus_find(VMBUS_CLASS_RPC, true, i)); i++)
		bus_attach(pc, VMBUS_RPC_VERSION, VMBUS_RPC_VERSION, on_msg, NULL, NULL);
}
