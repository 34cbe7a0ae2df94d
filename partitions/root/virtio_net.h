/* The root's virtio network driver (polled), on either transport. */
#ifndef ROOT_VIRTIO_NET_H
#define ROOT_VIRTIO_NET_H
#include "root_dev.h"
#include "virtio.h"

#define VNET_FRAME_MAX ROOT_FRAME_MAX

struct vnet {
	struct root_nic nic; /* what the services use, with the MAC address */
	struct vio dev;
	u32 hdr_len; /* virtio_net_hdr: 10 bytes legacy, 12 with VERSION_1 */
	u32 tx_busy; /* descriptor heads the device still owns */
	u32 rx_dropped, tx_dropped;
};

int vnet_init(struct vnet *n); /* the device in n->dev (found by a transport); 0: ready */
/* Queues one frame; -1 if every transmit slot is in flight. */
int vnet_send(struct vnet *n, const void *frame, u32 len);
/* The next received frame (at most cap bytes); 0 if none. */
u32 vnet_recv(struct vnet *n, void *frame, u32 cap);

#endif
