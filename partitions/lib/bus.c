// SPDX-License-Identifier: GPL-2.0
/*
 * VMBus in the partition runtime (include/bus.h). The DTB is the
 * hypervisor's, so it is trusted for geometry; everything in the shared
 * regions is not, and goes through the ring library and the channel state
 * machine only.
 *
 * Epochs: the hypervisor zeroes a channel region at boot and whenever one
 * of its ends restarts. A side opens its channels at its own start (the
 * region is fresh then) and again when the peer's epoch says the peer
 * restarted (epoch >= 2 and changed); a peer that stopped takes the channel
 * down until it is back.
 */
#include <libfdt.h>
#include <string.h>
#include "bus.h"
#include "part.h"

struct part_chan part_chans[PART_MAX_CHANS];
u32 part_nr_chans;
u32 bus_status_changes;

static u64 bus_pa; /* event page; status page after it */
/* Event bits taken from the event page, not yet serviced (bit 0: status, k + 1: channel k). */
static u64 events;
static struct {
	u64 base, size;
} shared[PART_MAX_CHANS + 1];
static u32 nr_shared;
/* Private packet copies, carved once at start-up. */
static u8 pkt_arena[256 * 1024] __attribute__((aligned(16)));
static u32 arena_used;

/* reg of the node a memory-region phandle names (2 + 2 cells, reserved-memory). */
static bool region_of(const void *fdt, int node, u64 *base, u64 *size)
{
	int len;
	const fdt32_t *ph = fdt_getprop(fdt, node, "memory-region", &len);
	const fdt32_t *reg;
	int rn;

	if (!ph || len != 4)
		return false;
	rn = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(*ph));
	reg = rn >= 0 ? fdt_getprop(fdt, rn, "reg", &len) : NULL;
	if (!reg || len != 16)
		return false;
	*base = part_read_cells(reg, 2);
	*size = part_read_cells(reg + 2, 2);
	return true;
}

/* One property of the table (vmbus_cfg_props) from the node, or NULL if absent or malformed. */
static const u64 *cfg_prop(const void *fdt, int node, const struct vmbus_cfg_prop *pp, u64 v[2])
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, pp->name, &len);

	if (!p || len != (pp->kind == VMBUS_CFG_U32 ? 4 : 8))
		return NULL;
	if (pp->kind == VMBUS_CFG_U64) {
		v[0] = part_read_cells(p, 2);
	} else {
		v[0] = fdt32_to_cpu(p[0]);
		v[1] = pp->kind == VMBUS_CFG_PAIR ? fdt32_to_cpu(p[1]) : 0;
	}
	return v;
}

static const char *const class_compat[VMBUS_NR_CLASSES] = {
    "bulkhead,vmbus-console", "bulkhead,vmbus-rpc", "bulkhead,vmbus-block", "bulkhead,vmbus-net"};

static void parse_channel(const void *fdt, int node)
{
	struct vmbus_chan_cfg *c;
	u64 base, size;
	int len;
	const char *role = fdt_getprop(fdt, node, "bulkhead,role", NULL), *why;
	const void *p;

	if (part_nr_chans >= PART_MAX_CHANS || !region_of(fdt, node, &base, &size))
		return;
	c = &part_chans[part_nr_chans].cfg;
	memset(c, 0, sizeof(*c));
	c->cls = VMBUS_NR_CLASSES;
	for (u32 k = 0; k < VMBUS_NR_CLASSES; k++)
		if (!fdt_node_check_compatible(fdt, node, class_compat[k]))
			c->cls = k;
	if (c->cls == VMBUS_NR_CLASSES)
		return;
	{
		const char *n = fdt_get_name(fdt, node, NULL);
		char *o = part_chans[part_nr_chans].name;
		u32 k = 0;

		while (n && n[k] && n[k] != '@' && k < sizeof(part_chans[0].name) - 1) {
			o[k] = n[k];
			k++;
		}
		o[k] = '\0';
		c->name = o;
	}
	c->peer = fdt_getprop(fdt, node, "bulkhead,peer", NULL);
	c->provider = role && !strcmp(role, "provider");
	c->base = (u8 *)(uintptr_t)base;
	for (u32 k = 0; k < VMBUS_CFG_NR_PROPS; k++) {
		u64 v[2];

		vmbus_cfg_store(c, &vmbus_cfg_props[k],
				cfg_prop(fdt, node, &vmbus_cfg_props[k], v));
	}
	why = vmbus_cfg_check(c, size);
	if (why) {
		printf("vmbus: %s: %s; channel left out\n", c->name, why);
		return;
	}
	p = fdt_getprop(fdt, node, c->provider ? "bulkhead,peer-mac-address" : "local-mac-address",
			&len);
	if (p && len == 6)
		memcpy(c->mac, p, 6);
	if (arena_used + c->max_packet > sizeof(pkt_arena)) {
		printf("vmbus: %s: no room for its %u-byte packets; channel left out\n", c->name,
		       c->max_packet);
		return;
	}
	part_chans[part_nr_chans].ch.pkt = pkt_arena + arena_used;
	arena_used += ALIGN_UP(c->max_packet, 16U);
	shared[nr_shared].base = base;
	shared[nr_shared++].size = size;
	part_nr_chans++;
}

void bus_parse_dtb(const void *fdt)
{
	int bus = fdt_node_offset_by_compatible(fdt, -1, "bulkhead,vmbus"), node;
	u64 size;

	if (bus < 0 || !region_of(fdt, bus, &bus_pa, &size))
		return;
	shared[nr_shared].base = bus_pa;
	shared[nr_shared++].size = size;
	fdt_for_each_subnode(node, fdt, bus)
		parse_channel(fdt, node);
}

u32 bus_shared_ranges(u64 *base, u64 *size, u32 max)
{
	u32 n = MIN(max, nr_shared);

	for (u32 i = 0; i < n; i++) {
		base[i] = shared[i].base;
		size[i] = shared[i].size;
	}
	return n;
}

struct part_chan *bus_find(u32 cls, bool provider, u32 n)
{
	for (u32 i = 0; i < part_nr_chans; i++)
		if (part_chans[i].cfg.cls == cls && part_chans[i].cfg.provider == provider && !n--)
			return &part_chans[i];
	return NULL;
}

void bus_doorbell(struct vmbus_chan *ch)
{
	hvc_call(BH_CHAN_SIGNAL, ch->cfg->index, 0, 0);
}

static u64 status_of(u32 index)
{
	return __atomic_load_n((u64 *)(uintptr_t)(bus_pa + 0x1000) + index, __ATOMIC_ACQUIRE);
}

/* Under pc->lock. */
static void open_locked(struct part_chan *pc)
{
	u8 *pkt = pc->ch.pkt;

	vmbus_chan_open(&pc->ch, &pc->cfg, pc->ver_min, pc->ver_max, pkt, bus_doorbell, pc->on_msg,
			pc->peer_epoch);
	pc->reported = false;
	if (pc->on_open)
		pc->on_open(pc);
}

void bus_attach(struct part_chan *pc, u16 ver_min, u16 ver_max, vmbus_msg_fn on_msg,
		part_chan_fn on_open, void *priv)
{
	pc->more = true; /* look at it once, whatever the peer wrote before we attached */
	u64 st = status_of(pc->cfg.index), flags = irq_save();

	spin_lock(&pc->lock);
	pc->ver_min = ver_min;
	pc->ver_max = ver_max;
	pc->on_msg = on_msg;
	pc->on_open = on_open;
	pc->priv = pc->ch.priv = priv;
	pc->peer_epoch = (u32)(st >> 32);
	pc->peer_state = (u32)st;
	/* The region is fresh at our start, whatever the peer is doing. */
	open_locked(pc);
	spin_unlock(&pc->lock);
	irq_restore(flags);
}

/*
 * Status page, under pc->lock. RESETTING: the peer restarts; read what it
 * left, let go of the rings and acknowledge, the hypervisor zeroes them. UP after that (or with
 * an epoch >= 2 we did not see coming): open again on the fresh region.
 * DOWN: nothing changes; what the peer wrote before it stopped is still
 * read (its last console lines), and the region stays as it is until the
 * peer restarts.
 */
static void check_status(struct part_chan *pc)
{
	switch (vmbus_peer_update(&pc->peer_epoch, &pc->peer_state, status_of(pc->cfg.index))) {
	case VMBUS_PEER_SAME:
		return;
	case VMBUS_PEER_GONE:
		vmbus_chan_drain_down(&pc->ch);
		hvc_call(BH_CHAN_RESET_ACK, pc->cfg.index, pc->peer_epoch, 0);
		break;
	case VMBUS_PEER_BACK:
		open_locked(pc);
		break;
	case VMBUS_PEER_CHANGED:
		break;
	}
	__atomic_fetch_add(&bus_status_changes, 1, __ATOMIC_RELAXED);
}

static void report_break(struct part_chan *pc)
{
	if (pc->reported)
		return;
	pc->reported = true;
	printf("vmbus: %s: %s broke the channel: %s; it stays stopped until %s restarts\n",
	       pc->cfg.name, pc->cfg.peer ? pc->cfg.peer : "the peer",
	       pc->ch.why ? pc->ch.why : "?", pc->cfg.peer ? pc->cfg.peer : "the peer");
}

static bool poll_some(int budget, u64 mask)
{
	bool more = false;

	for (u32 i = 0; i < part_nr_chans; i++) {
		struct part_chan *pc = &part_chans[i];
		u64 flags;
		int n;

		/* Bits beyond 63 (channel 63 and up) are serviced on every pass. */
		if (!pc->on_msg || (i < 63 && !(mask & BIT(i + 1)) && !(mask & 1) && !pc->more))
			continue;
		flags = irq_save();
		spin_lock(&pc->lock);
		if (mask & 1)
			check_status(pc);
		n = vmbus_chan_poll(&pc->ch, budget);
		/*
		 * The peer restarted under us: the hypervisor zeroed the rings after
		 * waiting for our acknowledgement (we were slow), and the status
		 * event is still to come. Not a fault of the peer's: take the
		 * status now (open again on the fresh region) and read again.
		 */
		if (n < 0 &&
		    status_of(pc->cfg.index) != ((u64)pc->peer_epoch << 32 | pc->peer_state)) {
			check_status(pc);
			n = vmbus_chan_poll(&pc->ch, budget);
		}
		pc->more = n == budget;
		spin_unlock(&pc->lock);
		irq_restore(flags);
		if (n < 0)
			report_break(pc);
		more |= pc->more;
	}
	return more;
}

bool bus_poll(int budget)
{
	return poll_some(budget, __atomic_exchange_n(&events, 0, __ATOMIC_ACQ_REL));
}

bool bus_poll_all(int budget)
{
	__atomic_store_n(&events, 0, __ATOMIC_RELEASE);
	return poll_some(budget, ~0ULL);
}

int bus_send(struct part_chan *pc, u16 type, u16 flags, u64 trans_id, const void *msg, u32 len,
	     const void *data, u32 data_len)
{
	u64 irq = irq_save();
	int rc;

	spin_lock(&pc->lock);
	rc = vmbus_chan_send(&pc->ch, type, flags, trans_id, msg, len, data, data_len);
	spin_unlock(&pc->lock);
	irq_restore(irq);
	return rc;
}

/* Takes this vCPU's pending event bits (the owner's half of the event page). */
static void take_events(void)
{
	u64 *area = (u64 *)(uintptr_t)(bus_pa + (u64)this_cpu() * VMBUS_EVENT_AREA_BYTES);
	u32 words = (part_nr_chans + 1 + 63) / 64;
	u64 first = __atomic_exchange_n(&area[0], 0, __ATOMIC_ACQ_REL);

	for (u32 w = 1; w < words; w++) /* channels 63 and up are polled on every pass */
		__atomic_exchange_n(&area[w], 0, __ATOMIC_ACQ_REL);
	__atomic_fetch_or(&events, first, __ATOMIC_ACQ_REL);
}

__attribute__((weak)) void bus_event(void)
{
	/* Children: service the channels right here, boundedly; the root polls in its loop. */
	for (int i = 0; i < 8 && bus_poll(16); i++)
		;
}

static void bus_irq(u32 intid)
{
	(void)intid;
	take_events();
	bus_event();
}

void bus_irq_enable(void)
{
	if (!bus_pa)
		return;
	irq_register(PART_BUS_IRQ, bus_irq);
	irq_enable(PART_BUS_IRQ);
}
