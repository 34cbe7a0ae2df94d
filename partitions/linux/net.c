// SPDX-License-Identifier: GPL-2.0
/*
 * The net class as Ethernet devices: bhnet<unit> per net channel. Frames
 * travel inline both ways (include/vmbus/proto.h, version 1): no
 * completions, so a frame is copied into the ring and its skb freed at once.
 *
 * Receive: NAPI. The bus interrupt schedules the poll; the poll handles up
 * to its budget of messages under the channel's lock, queueing the skbs
 * privately, and hands them to the stack only after the lock is dropped
 * (the stack may answer at once through our xmit, which takes the lock).
 * While the interface is down the interrupt itself drains a bounded batch
 * and drops the frames, so that the peer's status changes are still seen
 * and acknowledged.
 *
 * Transmit: after each frame, if the ring has no room for one more of the
 * largest size, the queue stops; vmbus_ring_reserve has asked the root for
 * a doorbell once it has read enough (pending_send_sz), and that doorbell
 * lands in the poll, which wakes the queue.
 *
 * Carrier: the channel's state. On when HELLO is answered, off when the
 * root goes down, on again when it is back and answered the new HELLO.
 */
#include <linux/etherdevice.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include "bh_vmbus.h"

#define DOWN_BUDGET 64 /* messages drained per interrupt while the interface is down */

struct bh_net {
	struct bh_channel *bc;
	struct net_device *ndev;
	struct napi_struct napi;
	struct sk_buff_head rxq; /* under bc->lock: received, not yet given to the stack */
	struct work_struct link; /* carrier follows the channel, in process context */
	u32 frame_max;		 /* the largest frame either way: max_mtu + Ethernet header */
	bool up;		 /* ndo_open ran: the poll is NAPI's */
	unsigned long tx_stops;	 /* under bc->lock: the ring was full, the queue stopped */
	unsigned long tx_wakes;	 /* under bc->lock: the root's read doorbell woke it */
};

/* Under bc->lock: one message from the root. */
static void on_msg(struct vmbus_chan *ch, const struct vmbus_desc *d, const u8 *msg, u32 len)
{
	struct bh_net *p = ch->priv;
	struct net_device *ndev = p->ndev;
	struct sk_buff *skb;
	const u8 *f;
	u32 n;

	/* A malformed or oversized frame is the wire's fault as on a NIC: counted, dropped. */
	if (d->type != VMBUS_PKT_INBAND || vmbus_parse_net(msg, len, p->frame_max, &f, &n)) {
		ndev->stats.rx_errors++;
		ndev->stats.rx_length_errors++;
		return;
	}
	if (!READ_ONCE(p->up)) {
		ndev->stats.rx_dropped++;
		return;
	}
	skb = netdev_alloc_skb_ip_align(ndev, n);
	if (!skb) {
		ndev->stats.rx_dropped++;
		return;
	}
	skb_put_data(skb, f, n);
	skb->protocol = eth_type_trans(skb, ndev);
	ndev->stats.rx_packets++;
	ndev->stats.rx_bytes += n;
	__skb_queue_tail(&p->rxq, skb);
}

/* Any context: the carrier is set in process context, from the channel's state then. */
static void link_check(struct bh_net *p)
{
	if (bh_chan_open(p->bc) != netif_carrier_ok(p->ndev))
		schedule_work(&p->link);
}

static void link_work(struct work_struct *w)
{
	struct bh_net *p = container_of(w, struct bh_net, link);
	struct bh_channel *bc = p->bc;
	unsigned long f;

	if (!bh_chan_open(bc)) {
		if (netif_carrier_ok(p->ndev)) {
			netif_carrier_off(p->ndev);
			netdev_info(p->ndev, "carrier off: %s is down\n", bc->cfg.peer);
		}
		return;
	}
	if (netif_carrier_ok(p->ndev))
		return;
	netif_carrier_on(p->ndev);
	netdev_info(p->ndev, "carrier on: channel to %s open\n", bc->cfg.peer);
	/* A fresh ring: a queue stopped on the old one may go again. */
	spin_lock_irqsave(&bc->lock, f);
	if (netif_running(p->ndev) && bh_chan_open(bc))
		netif_wake_queue(p->ndev);
	spin_unlock_irqrestore(&bc->lock, f);
}

/* Called with bc->lock held by the bus: the root restarts. */
static void on_down(struct bh_channel *bc)
{
	link_check(bc->ch.priv);
}

static int poll(struct napi_struct *napi, int budget)
{
	struct bh_net *p = container_of(napi, struct bh_net, napi);
	struct bh_channel *bc = p->bc;
	struct sk_buff_head q;
	struct sk_buff *skb;
	unsigned long f;
	int n, done = 0;

	__skb_queue_head_init(&q);
	n = bh_chan_poll(bc, budget);
	spin_lock_irqsave(&bc->lock, f);
	skb_queue_splice_init(&p->rxq, &q);
	if (netif_queue_stopped(p->ndev) && bc->ch.state == VMBUS_CH_OPEN &&
	    vmbus_ring_reserve(&bc->ch.tx, sizeof(struct vmbus_net_frame) + p->frame_max)) {
		netif_wake_queue(p->ndev);
		p->tx_wakes++;
	}
	spin_unlock_irqrestore(&bc->lock, f);
	while ((skb = __skb_dequeue(&q))) {
		napi_gro_receive(napi, skb);
		done++;
	}
	link_check(p);
	if (n == budget)
		return budget; /* more may wait: NAPI polls again */
	napi_complete_done(napi, done);
	return done;
}

/* The bus interrupt for this channel, hard IRQ. */
static void event(struct bh_channel *bc)
{
	struct bh_net *p = bc->ch.priv;

	if (READ_ONCE(p->up)) {
		napi_schedule(&p->napi);
		return;
	}
	bh_chan_poll(bc, DOWN_BUDGET); /* frames dropped; status changes acknowledged */
	link_check(p);
}

static netdev_tx_t xmit(struct sk_buff *skb, struct net_device *ndev)
{
	struct bh_net *p = netdev_priv(ndev);
	struct bh_channel *bc = p->bc;
	struct vmbus_net_frame h = {{VMBUS_NET_FRAME, 0}, skb->len, 0};
	unsigned long f;
	int rc = -1;

	/* The root refuses frames above its MTU: never send one. */
	if (skb->len < ETH_HLEN || skb->len > p->frame_max || skb_linearize(skb)) {
		ndev->stats.tx_errors++;
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	spin_lock_irqsave(&bc->lock, f);
	if (bc->ch.state == VMBUS_CH_OPEN)
		rc = vmbus_chan_send(&bc->ch, VMBUS_PKT_INBAND, 0, 0, &h, sizeof(h), skb->data,
				     skb->len);
	if (!rc) {
		ndev->stats.tx_packets++;
		ndev->stats.tx_bytes += skb->len;
	} else {
		ndev->stats.tx_dropped++;
	}
	/* No room for the next one: stop; the root's read rings us (pending_send_sz). */
	if (bc->ch.state == VMBUS_CH_OPEN &&
	    !vmbus_ring_reserve(&bc->ch.tx, sizeof(h) + p->frame_max)) {
		netif_stop_queue(ndev);
		p->tx_stops++;
	}
	spin_unlock_irqrestore(&bc->lock, f);
	if (rc)
		link_check(p); /* the send may have found the channel down or broken */
	dev_consume_skb_any(skb);
	return NETDEV_TX_OK;
}

static int net_open(struct net_device *ndev)
{
	struct bh_net *p = netdev_priv(ndev);

	napi_enable(&p->napi);
	WRITE_ONCE(p->up, true);
	netif_start_queue(ndev);
	napi_schedule(&p->napi); /* what came while it was down */
	link_check(p);
	return 0;
}

static int net_stop(struct net_device *ndev)
{
	struct bh_net *p = netdev_priv(ndev);
	unsigned long f;

	netif_tx_disable(ndev);
	WRITE_ONCE(p->up, false);
	napi_disable(&p->napi);
	spin_lock_irqsave(&p->bc->lock, f);
	__skb_queue_purge(&p->rxq);
	spin_unlock_irqrestore(&p->bc->lock, f);
	/* An interrupt that met the NAPI being disabled was not polled: poll now. */
	bh_chan_poll(p->bc, DOWN_BUDGET);
	return 0;
}

static const struct net_device_ops bh_net_ops = {
    .ndo_open = net_open,
    .ndo_stop = net_stop,
    .ndo_start_xmit = xmit,
    .ndo_validate_addr = eth_validate_addr,
};

/* The flow control at work, beside the channel's state: its sysfs folder. */
static ssize_t tx_queue_show(struct device *dev, struct device_attribute *a, char *buf)
{
	struct bh_net *p = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%lu stops %lu wakes\n", READ_ONCE(p->tx_stops),
			  READ_ONCE(p->tx_wakes));
}
static DEVICE_ATTR_RO(tx_queue);

static struct attribute *bh_net_attrs[] = {&dev_attr_tx_queue.attr, NULL};
ATTRIBUTE_GROUPS(bh_net);

static int probe(struct bh_channel *bc)
{
	struct net_device *ndev;
	struct bh_net *p;
	u32 max_mtu = bc->cfg.mtu;
	int rc;

	/* A frame and its header in one packet of the channel. */
	max_mtu =
	    min_t(u32, max_mtu, bc->cfg.max_packet - sizeof(struct vmbus_net_frame) - ETH_HLEN);
	if (max_mtu < ETH_MIN_MTU) {
		dev_err(&bc->dev, "MTU %u with %u-byte packets: too small for Ethernet\n",
			bc->cfg.mtu, bc->cfg.max_packet);
		return -EINVAL;
	}
	ndev = alloc_etherdev(sizeof(*p));
	if (!ndev)
		return -ENOMEM;
	p = netdev_priv(ndev);
	p->bc = bc;
	p->ndev = ndev;
	p->frame_max = max_mtu + ETH_HLEN;
	skb_queue_head_init(&p->rxq);
	INIT_WORK(&p->link, link_work);
	snprintf(ndev->name, IFNAMSIZ, "bhnet%u", bc->unit);
	SET_NETDEV_DEV(ndev, &bc->dev);
	ndev->netdev_ops = &bh_net_ops;
	ndev->mtu = max_mtu;
	ndev->max_mtu = max_mtu;
	/* The root forwards frames of at most its MTU + 14: no room for a VLAN tag. */
	ndev->features |= NETIF_F_VLAN_CHALLENGED;
	/* The root lets out only frames from this address: it is not changeable. */
	eth_hw_addr_set(ndev, bc->cfg.mac);
	if (!is_valid_ether_addr(ndev->dev_addr))
		dev_warn(&bc->dev, "local-mac-address %pM is not a unicast address\n", bc->cfg.mac);
	netif_napi_add(ndev, &p->napi, poll);
	netif_carrier_off(ndev);
	rc = register_netdev(ndev);
	if (rc) {
		netif_napi_del(&p->napi);
		free_netdev(ndev);
		return rc;
	}
	dev_set_drvdata(&bc->dev, p);
	bc->on_down = on_down;
	bh_chan_attach(bc, VMBUS_NET_VERSION, VMBUS_NET_VERSION, on_msg, event, p);
	dev_info(&bc->dev, "%s to %s, mac %pM, mtu %u\n", ndev->name, bc->cfg.peer, ndev->dev_addr,
		 max_mtu);
	return 0;
}

/* The bus detached the channel before: no more calls from it. */
static void remove(struct bh_channel *bc)
{
	struct bh_net *p = dev_get_drvdata(&bc->dev);
	struct net_device *ndev = p->ndev;

	unregister_netdev(ndev);
	cancel_work_sync(&p->link);
	netif_napi_del(&p->napi);
	free_netdev(ndev);
}

struct bh_driver bh_net_driver = {
    .driver = {.name = "bh_net", .owner = THIS_MODULE, .dev_groups = bh_net_groups},
    .cls = VMBUS_CLASS_NET,
    .probe = probe,
    .remove = remove,
};
