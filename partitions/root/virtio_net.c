// SPDX-License-Identifier: GPL-2.0
/*
 * virtio network device, polled from the root's loop: queue 0 has
 * every receive buffer posted, queue 1 one transmit buffer per descriptor.
 * No offloads: each frame is a virtio_net_hdr of zeroes plus the frame.
 */
#include <string.h>
#include "virtio_net.h"

#define VIRTIO_NET_F_MAC BIT(5)
#define BUF		 2048

static struct virtq rxq, txq;
static u8 rxbuf[VQ_SIZE][BUF] __attribute__((aligned(64)));
static u8 txbuf[VQ_SIZE][BUF] __attribute__((aligned(64)));

static void post_rx(u16 i)
{
	rxq.desc[i] = (struct vring_desc){(u64)(uintptr_t)rxbuf[i], BUF, VRING_DESC_F_WRITE, 0};
	virtq_submit(&rxq, i);
}

static int nic_send(struct root_nic *n, const void *frame, u32 len)
{
	return vnet_send(container_of(n, struct vnet, nic), frame, len);
}

static u32 nic_recv(struct root_nic *n, void *frame, u32 cap)
{
	return vnet_recv(container_of(n, struct vnet, nic), frame, cap);
}

/* Without VIRTIO_NET_F_STATUS negotiated the link is up. */
static bool nic_link(struct root_nic *n)
{
	(void)n;
	return true;
}

static const struct root_nic_ops vnet_ops = {nic_send, nic_recv, nic_link};

int vnet_init(struct vnet *n)
{
	int rc = vio_init(&n->dev, VIRTIO_NET_F_MAC);

	if (rc)
		return rc;
	n->nic.ops = &vnet_ops;
	n->hdr_len = n->dev.modern ? 12 : 10;
	if (vio_queue(&n->dev, 0, &rxq) || vio_queue(&n->dev, 1, &txq))
		return -3;
	for (u32 i = 0; i < 6; i++)
		n->nic.mac[i] = (n->dev.features & VIRTIO_NET_F_MAC) ? vio_config8(&n->dev, i) : 0;
	vio_ready(&n->dev);
	for (u16 i = 0; i < VQ_SIZE; i++)
		post_rx(i);
	vio_notify(&n->dev, 0);
	return 0;
}

int vnet_send(struct vnet *n, const void *frame, u32 len)
{
	u32 head, l;
	u16 i;

	while (virtq_take(&txq, &head, &l))
		n->tx_busy &= ~(1U << (head % VQ_SIZE));
	if (n->tx_busy == (1U << VQ_SIZE) - 1 || len > BUF - n->hdr_len) {
		n->tx_dropped++;
		return -1;
	}
	i = (u16)__builtin_ctz(~n->tx_busy);
	memset(txbuf[i], 0, n->hdr_len);
	memcpy(txbuf[i] + n->hdr_len, frame, len);
	txq.desc[i] = (struct vring_desc){(u64)(uintptr_t)txbuf[i], n->hdr_len + len, 0, 0};
	n->tx_busy |= 1U << i;
	virtq_submit(&txq, i);
	vio_notify(&n->dev, 1);
	return 0;
}

u32 vnet_recv(struct vnet *n, void *frame, u32 cap)
{
	u32 head, len, got = 0;

	if (!virtq_take(&rxq, &head, &len))
		return 0;
	head %= VQ_SIZE;
	/* The device's length: trust it no further than our buffer. */
	if (len > n->hdr_len && len <= BUF && len - n->hdr_len <= cap) {
		got = len - n->hdr_len;
		memcpy(frame, rxbuf[head] + n->hdr_len, got);
	} else {
		n->rx_dropped++;
	}
	post_rx((u16)head);
	vio_notify(&n->dev, 0);
	if (!n->dev.intid)
		vio_ack_irq(&n->dev);
	return got;
}
