/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Linux guest's VMBus API: what the bus driver (bus.c) offers the class
 * drivers (hvc.c, ...), all in one module, bh_vmbus.ko. One device per
 * channel the partition's DTB lists, on the bus "bulkhead_vmbus"; a class
 * driver binds to the channels of its class where this partition is the
 * consumer.
 *
 * The rings and the channel state machine are vmbus/'s (ring.c,
 * channel.c), compiled into bh_vmbus.ko: every byte the peer writes goes
 * through them (bounded indices, a private copy before parsing, a budget
 * per call), and class drivers see only copied, length-checked messages.
 */
#ifndef BH_VMBUS_H
#define BH_VMBUS_H
#include <linux/device.h>
#include <linux/spinlock.h>
#include <vmbus/bus.h>
#include <vmbus/channel.h>
#include <vmbus/proto.h>

struct bh_channel;

/*
 * Called with the channel's lock held, interrupts off. Never printk under
 * the lock (here, in on_msg, on_open, on_down): the kernel's console may be
 * this bus's hvc, whose output takes its channel's lock; note what to say
 * and say it after bh_chan_poll returns.
 */
typedef void (*bh_chan_fn)(struct bh_channel *bc);

struct bh_channel {
	struct device dev;
	struct vmbus_chan_cfg cfg;
	struct vmbus_chan ch;
	spinlock_t lock; /* the rings, the state machine, the status below */
	u32 peer_state;	 /* enum vmbus_peer_state, as last seen */
	u32 peer_epoch;
	u32 unit;	     /* its number among the bus's channels of its class: bhblk<unit> */
	unsigned long flags; /* BH_CHAN_* */
	char name[32];	     /* the DT node's name without its unit address */
	bh_chan_fn on_open;  /* opened (again): the peer restarted, resend what is owed */
	bh_chan_fn on_down;  /* the peer stops: fail or keep what is in flight */
	void (*event)(struct bh_channel *bc); /* the bus interrupt for it, hard IRQ */
	u8 *pkt;			      /* the private copy of one packet, max_packet bytes */
	bool reported;			      /* this break is on the kernel log */
};

#define BH_CHAN_STATUS	 0 /* flags bit: the status page may have changed */
#define BH_CHAN_ATTACHED 1 /* flags bit: a class driver has it open */

static inline struct bh_channel *to_bh_channel(struct device *d)
{
	return container_of(d, struct bh_channel, dev);
}

/* In on_msg: the channel a vmbus_chan belongs to (ch->priv is the class driver's). */
static inline struct bh_channel *bh_channel_of(struct vmbus_chan *ch)
{
	return container_of(ch, struct bh_channel, ch);
}

struct bh_driver {
	struct device_driver driver;
	u32 cls; /* enum vmbus_class; binds consumer channels of it */
	int (*probe)(struct bh_channel *bc);
	void (*remove)(struct bh_channel *bc);
};

int bh_driver_register(struct bh_driver *drv);
void bh_driver_unregister(struct bh_driver *drv);

/* The class drivers, registered by the module's init in this order. */
extern struct bh_driver bh_hvc_driver;
extern struct bh_driver bh_rpc_driver;
extern struct bh_driver bh_net_driver;
extern struct bh_driver bh_blk_driver;

/*
 * Opens the channel at the peer's current epoch (the consumer sends its
 * HELLO) and from then on calls on_msg for each message, under the lock;
 * bc->ch.priv = priv. Set bc->on_open / bc->on_down before.
 * event: the channel's bus interrupt (hard IRQ); it must lead to
 * bh_chan_poll soon (directly, NAPI, a work item); NULL: the bus polls
 * the channel from the interrupt itself.
 */
void bh_chan_attach(struct bh_channel *bc, u16 ver_min, u16 ver_max, vmbus_msg_fn on_msg,
		    void (*event)(struct bh_channel *bc), void *priv);
/* Stops calling the driver; the rings stay as they are. */
void bh_chan_detach(struct bh_channel *bc);

/*
 * Handles up to budget messages and any change of the peer's status.
 * Returns the number handled (budget: more may wait) or -1 if the peer
 * broke the channel (reported once on the kernel log).
 */
int bh_chan_poll(struct bh_channel *bc, int budget);
/*
 * Takes the lock: not from on_msg, on_open or on_down, which hold it and use
 * vmbus_chan_send / vmbus_chan_complete on &bc->ch. 0, or the ring's status
 * (-VMBUS_FULL: try again once the peer read; the peer's doorbell comes).
 */
int bh_chan_send(struct bh_channel *bc, u16 type, u16 flags, u64 trans_id, const void *msg, u32 len,
		 const void *data, u32 data_len);
bool bh_chan_open(struct bh_channel *bc);
/*
 * Under the lock: the peer's status is still what the channel last saw.
 * Bytes read from the windows before a true answer are the peer's: the
 * hypervisor zeroes the region only after the status says RESETTING.
 */
bool bh_chan_peer_same(struct bh_channel *bc);

/* The channel's data windows (NULL if it has none): consumer to provider, and back. */
static inline u8 *bh_chan_tx_window(struct bh_channel *bc)
{
	return bc->ch.tx_win;
}

static inline u8 *bh_chan_rx_window(struct bh_channel *bc)
{
	return bc->ch.rx_win;
}

#endif
