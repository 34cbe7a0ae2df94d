// SPDX-License-Identifier: GPL-2.0
/*
 * netecho: sends every Ethernet frame it receives on its net channel back
 * to where it came from (addresses swapped, payload untouched), from the
 * bus interrupt. Prints its address when ready and a line per 10 frames.
 */
#include <string.h>
#include "bus.h"
#include "part.h"

static struct part_chan *net;
static u32 echoed;

/* Bus interrupt, channel lock held: send with the channel call itself. */
static void on_msg(struct vmbus_chan *ch, const struct vmbus_desc *d, const u8 *msg, u32 len)
{
	static u8 out[VMBUS_ETH_HLEN + 9000];
	struct vmbus_net_frame h = {{VMBUS_NET_FRAME, 0}, 0, 0};
	const u8 *f;

	if (d->type != VMBUS_PKT_INBAND ||
	    vmbus_parse_net(msg, len, MIN(ch->cfg->mtu + VMBUS_ETH_HLEN, (u32)sizeof(out)), &f,
			    &h.len))
		return;
	memcpy(out, f + 6, 6);
	memcpy(out + 6, ch->cfg->mac, 6);
	memcpy(out + 12, f + 12, h.len - 12);
	if (!vmbus_chan_send(ch, VMBUS_PKT_INBAND, 0, 0, &h, sizeof(h), out, h.len) &&
	    ++echoed % 10 == 0)
		printf("netecho: %u frames echoed\n", echoed);
}

int main(void)
{
	const u8 *m;

	net = bus_find(VMBUS_CLASS_NET, false, 0);
	if (!net) {
		printf("netecho: no net channel in my device tree\n");
		idle();
	}
	bus_attach(net, VMBUS_NET_VERSION, VMBUS_NET_VERSION, on_msg, NULL, NULL);
	m = net->cfg.mac;
	printf("netecho: up, mac %02x:%02x:%02x:%02x:%02x:%02x, mtu %u\n", m[0], m[1], m[2], m[3],
	       m[4], m[5], net->cfg.mtu);
	idle();
}
