// SPDX-License-Identifier: GPL-2.0
/*
 * The net service (VSP): a bridge between the root's NIC (virtio-net, GEM) and
 * every net channel. A child's frame goes out if it is a well-formed frame
 * of at most MTU + 14 bytes from the child's own MAC address (no spoofing);
 * a frame from the wire goes to the child whose address it names, or to
 * every child for broadcast and multicast. A child that does not read its
 * ring only loses its own frames.
 */
#include <string.h>
#include "bus.h"
#include "part.h"
#include "root.h"

#define RX_BUDGET 32

struct net_vsp {
	struct part_chan *pc;
	u32 refused, dropped;
};

static struct root_nic *nic;
static struct net_vsp vsp[PART_MAX_CHANS];

static void on_msg(struct vmbus_chan *ch, const struct vmbus_desc *d, const u8 *msg, u32 len)
{
	struct net_vsp *v = ch->priv;
	const u8 *f;
	u32 n;

	if (d->type != VMBUS_PKT_INBAND ||
	    vmbus_parse_net(msg, len, ch->cfg->mtu + VMBUS_ETH_HLEN, &f, &n) ||
	    memcmp(f + 6, ch->cfg->mac, 6)) {
		if (v->refused++ == 0)
			printf("net: %s sent a frame that is malformed, larger than MTU %u + 14 or "
			       "not "
			       "from its own address (%u bytes); dropped\n",
			       ch->cfg->peer, ch->cfg->mtu, len);
		return;
	}
	if (nic)
		root_nic_send(nic, f, n);
}

void net_vsp_init(struct root_nic *dev)
{
	struct part_chan *pc;

	nic = dev;
	for (u32 i = 0; (pc = bus_find(VMBUS_CLASS_NET, true, i)); i++) {
		vsp[pc - part_chans].pc = pc;
		bus_attach(pc, VMBUS_NET_VERSION, VMBUS_NET_VERSION, on_msg, NULL,
			   &vsp[pc - part_chans]);
	}
}

/* Frames from the wire to the children, a bounded number per pass. */
bool net_vsp_poll(void)
{
	static u8 frame[ROOT_FRAME_MAX];
	u32 n, got;

	if (!nic)
		return false;
	for (got = 0; got < RX_BUDGET && (n = root_nic_recv(nic, frame, sizeof(frame))); got++) {
		struct vmbus_net_frame h = {{VMBUS_NET_FRAME, 0}, n, 0};

		if (n < VMBUS_ETH_HLEN)
			continue;
		for (u32 i = 0; i < PART_MAX_CHANS; i++) {
			struct net_vsp *v = &vsp[i];

			if (!v->pc || (!(frame[0] & 1) && memcmp(frame, v->pc->cfg.mac, 6)))
				continue;
			if (n > v->pc->cfg.mtu + VMBUS_ETH_HLEN ||
			    bus_send(v->pc, VMBUS_PKT_INBAND, 0, 0, &h, sizeof(h), frame, n))
				v->dropped++;
		}
	}
	return got == RX_BUDGET;
}
