/*
 * VMBus in the partition runtime: the channels the partition's DTB lists,
 * its event and status pages, the doorbell hypercall and the bus
 * interrupt. Class drivers (console, rpc, block, net; VSPs in the root, VSCs
 * in children) attach to channels and are called back on messages and on
 * each (re)open.
 */
#ifndef PART_BUS_H
#define PART_BUS_H
#include <vmbus/bus.h>
#include <vmbus/channel.h>
#include <asm/spinlock.h>

/*
 * As many channel ends as the hypervisor lets a partition have (the
 * generator refuses more): a runtime that serves fewer would leave the rest
 * unread. Host builds of this code (fuzz_vsp) have no Kconfig.
 */
#ifdef CONFIG_VMBUS_MAX_CHANNELS
#define PART_MAX_CHANS CONFIG_VMBUS_MAX_CHANNELS
#else
#define PART_MAX_CHANS 16
#endif

struct part_chan;
typedef void (*part_chan_fn)(struct part_chan *pc);

struct part_chan {
	struct vmbus_chan_cfg cfg;
	char name[32]; /* the channel's name (its node name without unit address) */
	struct vmbus_chan ch;
	spinlock_t lock; /* tx ring and state: taken with IRQs masked */
	u32 peer_epoch;	 /* as last seen on the status page */
	u32 peer_state;
	bool reported;	     /* a break was reported */
	bool more;	     /* its last poll ran out of budget: poll it again */
	vmbus_msg_fn on_msg; /* the class driver's */
	part_chan_fn on_open;
	u16 ver_min, ver_max;
	void *priv;
};

extern struct part_chan part_chans[PART_MAX_CHANS];
extern u32 part_nr_chans;
extern u32 bus_status_changes; /* peer state or epoch changes seen, ever */

/*
 * Called on the bus interrupt. The weak default services the channels
 * there (children); a program that polls in its own loop (the root) defines
 * its own.
 */
void bus_event(void);
/* Reads the DTB's vmbus node (before the MMU is on) and the shared regions. */
void bus_parse_dtb(const void *fdt);
/* Shared memory the runtime maps as normal memory: [base, base + size). */
u32 bus_shared_ranges(u64 *base, u64 *size, u32 max);

/* The n-th channel of a class in a role, or NULL. */
struct part_chan *bus_find(u32 cls, bool provider, u32 n);
/* Binds a class driver; the channel opens now (fresh region) and on each peer restart. */
void bus_attach(struct part_chan *pc, u16 ver_min, u16 ver_max, vmbus_msg_fn on_msg,
		part_chan_fn on_open, void *priv);
/* Enables the bus interrupt on this CPU (handler: bus_irq). */
void bus_irq_enable(void);

/*
 * Services the attached channels whose event bit was set since the last
 * call (or that had more than their budget): status changes, then at most
 * budget packets each. Returns true if some channel may hold more. Safe
 * from IRQ context and from several CPUs.
 */
bool bus_poll(int budget);
/* Every channel, events or not (a periodic safety net: a rate-limited doorbell). */
bool bus_poll_all(int budget);
/* Sends under the channel lock (IRQs masked). */
int bus_send(struct part_chan *pc, u16 type, u16 flags, u64 trans_id, const void *msg, u32 len,
	     const void *data, u32 data_len);

void bus_doorbell(struct vmbus_chan *ch);

#endif
