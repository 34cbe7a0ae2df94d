// SPDX-License-Identifier: GPL-2.0
/* rpc client (include/rpc.h) on the request/response client. */
#include <string.h>
#include "part.h"
#include "rpc.h"

/* Events from the provider (bus interrupt): counted; the partition-status one is all there is. */
static void on_event(struct vmbus_chan *ch, const struct vmbus_desc *d, const u8 *msg, u32 len)
{
	struct vsc *c = ch->priv;
	struct vmbus_rpc r;
	const u8 *pl;

	(void)d;
	if (!vmbus_parse_rpc(msg, len, &r, &pl) && r.h.type == VMBUS_RPC_EVENT &&
	    r.service == RPC_SVC_STATUS && r.method == RPC_EVENT_CHANGED)
		c->events++;
}

int rpc_client_init(struct vsc *c, u32 n)
{
	int rc = vsc_init(c, VMBUS_CLASS_RPC, n, VMBUS_RPC_VERSION, VMBUS_RPC_VERSION);

	c->on_event = on_event;
	return rc;
}

int rpc_call(struct vsc *c, u32 service, u16 method, const void *req, u32 len, void *resp, u32 cap,
	     u32 *rlen, u32 timeout_ms)
{
	u8 buf[4096]; /* reentrant: a partition may call from several vCPUs */
	struct vmbus_rpc r = {{VMBUS_RPC_REQUEST, 0}, service, method, 0, len, 0};
	const u8 *pl;
	u32 n;

	if (!c->pc || c->pc->cfg.max_packet > sizeof(buf) ||
	    vsc_call(c, &r, sizeof(r), req, len, buf, sizeof(buf), &n, timeout_ms))
		return -1;
	if (vmbus_parse_rpc(buf, n, &r, &pl)) /* a bare error header is an answer too */
		return n >= sizeof(struct vmbus_msg_hdr)
			   ? (int)((struct vmbus_msg_hdr *)buf)->status
			   : VMBUS_ST_INVALID;
	if (rlen)
		*rlen = MIN(r.len, cap);
	memcpy(resp, pl, MIN(r.len, cap));
	return (int)r.h.status;
}
