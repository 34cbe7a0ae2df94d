/*
 * The root's Cadence GEM Ethernet driver (the Zynq UltraScale+ GEM and its
 * QEMU model): one receive and one transmit descriptor ring in the root's
 * own memory, one buffer per descriptor, promiscuous (the net service
 * bridges every child's address), polled from the root's loop.
 */
#ifndef ROOT_GEM_H
#define ROOT_GEM_H
#include "root_dev.h"

#define GEM_RX_RING 32
#define GEM_TX_RING 16
#define GEM_NO_PHY  0xff

struct gem {
	struct root_nic nic; /* what the services use, with the MAC address */
	u64 base;
	char where[20]; /* for messages: "ff0e0000" */
	u32 phy;	/* its PHY's MDIO address, GEM_NO_PHY if none answered */
	u32 dwords;	/* descriptor size in words: 2, or 4 with 64-bit addresses */
	u32 rx_next;	/* the next receive descriptor to look at */
	u32 tx_head;	/* the next transmit descriptor to fill */
	u32 tx_tail;	/* the oldest one the device may still own */
	u32 rx_dropped, tx_dropped;
	u32 intid, irqs; /* its interrupt (0: none, polled) and how many it took */
};

/*
 * Resets the GEM at base and starts it with address mac (NULL: the one in
 * its registers, else a locally administered one). 0, or negative with the
 * reason on the console ("gem at <where>: ..."); -4: a GEM is set up already.
 */
int gem_init(struct gem *g, u64 base, const u8 *mac);
int gem_send(struct gem *g, const void *frame, u32 len);
u32 gem_recv(struct gem *g, void *frame, u32 cap);
bool gem_link(struct gem *g);
void gem_ack_irq(struct gem *g); /* from its interrupt handler: reads (so clears) the status */
void gem_irq_enable(struct gem *g, u32 intid); /* receive interrupts wake the root's loop */

#endif
