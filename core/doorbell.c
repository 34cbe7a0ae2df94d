// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's side of VMBus: it zeroes channel regions and bus pages,
 * rings doorbells and keeps each partition's status page (its peers' state
 * and epochs). The rings themselves are the partitions' business.
 *
 * The doorbell path is constant time, without locks or allocation: a
 * bounded table lookup, one atomic OR in the peer's event page and, on a
 * 0 -> 1 transition the peer has not masked and the channel's rate allows,
 * one virtual interrupt. A storm from a partition burns its own CPU; the
 * peer sees at most one interrupt until it clears the bit.
 */
#include <vmbus/bus.h>
#include "doorbell.h"
#include "console.h"
#include "partition.h"
#include "rate_limit.h"

/*
 * One doorbell per channel end, resolved once at boot from the static
 * tables, so that ringing it is a few loads: where the peer's bit is, its
 * mask, the vCPU to interrupt, the rate limit.
 */
struct door {
	u64 *word;	 /* the peer's pending word for this channel */
	const u64 *mask; /* the peer's mask word */
	u64 bit;
	struct vcpu *vcpu; /* the peer vCPU the channel targets */
	u32 rate;
	struct rate_limit rl;
};

static struct door doors[CONFIG_MAX_PARTITIONS][CONFIG_VMBUS_MAX_CHANNELS];
/* Restart handshake: the epoch a peer acknowledged for each of a partition's channels. */
static u32 acked[CONFIG_MAX_PARTITIONS][CONFIG_VMBUS_MAX_CHANNELS];
static u64 counter_freq;

#define RESET_ACK_MS 100

static u64 *event_word(const struct bh_partition *c, u32 vcpu, u32 bit)
{
	u64 *page = phys_to_virt(c->bus_pa);

	return page + (vcpu * VMBUS_EVENT_AREA_BYTES + bit / 64 * 8) / 8;
}

static const u64 *mask_word(const struct bh_partition *c, u32 bit)
{
	const u64 *page = phys_to_virt(c->bus_pa);

	return page + (VMBUS_EVENT_MASK_OFFSET + bit / 64 * 8) / 8;
}

static u64 *status_word(const struct bh_partition *c, u32 index)
{
	return (u64 *)phys_to_virt(c->bus_pa + 0x1000) + index;
}

/* Sets an event bit; true if the vCPU must be interrupted (it was clear, not masked). */
static inline bool raise_event(struct partition *p, u32 vcpu, u32 bit)
{
	const struct bh_partition *c = p->cfg;
	u64 m = BIT(bit % 64);

	if (__atomic_fetch_or(event_word(c, vcpu, bit), m, __ATOMIC_SEQ_CST) & m)
		return false; /* already pending: the peer has not looked yet */
	return !(READ_ONCE(*mask_word(c, bit)) & m);
}

static void door_init(void)
{
	for (u32 i = 0; i < bh_system.nr_partitions; i++) {
		const struct bh_partition *c = &bh_system.partitions[i];

		for (u32 k = 0; k < c->nr_chans; k++) {
			const struct bh_chan_end *e = &c->chans[k];
			const struct bh_partition *pc = &bh_system.partitions[e->peer];
			struct door *d = &doors[i][k];

			d->word = event_word(pc, e->peer_vcpu, e->peer_bit);
			d->mask = mask_word(pc, e->peer_bit);
			d->bit = BIT(e->peer_bit % 64);
			d->vcpu = &partitions[e->peer].vcpu[e->peer_vcpu];
			d->rate = e->rate_limit;
		}
	}
}

static __attribute__((noinline)) void report_limited(const struct bh_partition *c, u64 index)
{
	const struct bh_chan_end *e = &c->chans[index];

	log_warn("%s: channel %s: doorbells above its rate limit of %u/s; the peer finds the "
		 "events when it polls",
		 c->name, bh_system.channels[e->channel].name, e->rate_limit);
}

s64 bus_signal(struct vcpu *v, u64 index, u64 reserved)
{
	const struct bh_partition *c = v->part->cfg;
	struct door *d;

	if (index >= c->nr_chans || reserved)
		return BH_SMCCC_INVALID_PARAMETER;
	d = &doors[c->id][array_index_nospec(index, c->nr_chans)];
	if (__atomic_fetch_or(d->word, d->bit, __ATOMIC_SEQ_CST) & d->bit)
		return 0; /* already pending: the peer has not looked yet */
	if (READ_ONCE(*d->mask) & d->bit)
		return 0; /* the peer masked it: the bit alone */
	if (!rate_limit_take(&d->rl, d->rate, counter_freq, arch_counter)) {
		if (d->rl.dropped == 1)
			report_limited(c, index);
		return BH_SIGNAL_RATE_LIMITED;
	}
	arch_vcpu_bus_irq(d->vcpu);
	return 0;
}

/* The doorbell's own entry from the exception vector (arch/arm64/vectors.S). */
s64 bus_signal_fast(u64 index, u64 reserved)
{
	return bus_signal(this_vcpu(), index, reserved);
}

s64 bus_signal_mask(struct vcpu *v, u64 base, u64 mask)
{
	const struct bh_partition *c = v->part->cfg;
	s64 rc = 0;

	if (base % 64 || base >= c->nr_chans ||
	    (c->nr_chans - base < 64 && (mask >> (c->nr_chans - base))))
		return BH_SMCCC_INVALID_PARAMETER;
	while (mask) {
		u32 i = (u32)__builtin_ctzll(mask);
		s64 r = bus_signal(v, base + i, 0);

		mask &= mask - 1;
		if (r)
			rc = r;
	}
	return rc;
}

/* Tells the partition at the other end of each of p's channels how p is doing. */
static void tell_peers(struct partition *p, u32 state, u32 epoch)
{
	const struct bh_partition *c = p->cfg;

	for (u32 k = 0; k < c->nr_chans; k++) {
		const struct bh_chan_end *e = &c->chans[k];
		struct partition *peer = &partitions[e->peer];

		__atomic_store_n(status_word(peer->cfg, e->peer_index), (u64)epoch << 32 | state,
				 __ATOMIC_RELEASE);
		if (raise_event(peer, e->peer_vcpu, VMBUS_EVENT_STATUS_BIT))
			arch_vcpu_bus_irq(&peer->vcpu[e->peer_vcpu]);
	}
}

s64 bus_reset_ack(struct vcpu *v, u64 index, u64 epoch)
{
	const struct bh_partition *c = v->part->cfg;
	const struct bh_chan_end *e;

	if (index >= c->nr_chans || epoch > 0xffffffffULL)
		return BH_SMCCC_INVALID_PARAMETER;
	e = &c->chans[array_index_nospec(index, c->nr_chans)];
	__atomic_store_n(&acked[e->peer][e->peer_index], (u32)epoch, __ATOMIC_RELEASE);
	return 0;
}

/*
 * p restarts: each peer that runs is told RESETTING with p's next epoch and
 * must stop touching the channel and acknowledge (BH_CHAN_RESET_ACK); p's
 * memory is scrubbed meanwhile. bus_partition_start then waits for the
 * acknowledgements and zeroes the regions.
 */
void bus_partition_restarting(struct partition *p)
{
	if (p->cfg->bus_pa)
		tell_peers(p, VMBUS_PEER_RESETTING, p->epoch + 1);
}

static void reset_channels(struct partition *p)
{
	const struct bh_partition *c = p->cfg;
	u64 deadline = arch_counter() + counter_freq / 1000 * RESET_ACK_MS;

	for (u32 k = 0; k < c->nr_chans; k++) {
		const struct bh_chan_end *e = &c->chans[k];
		const struct bh_channel *ch = &bh_system.channels[e->channel];

		while (READ_ONCE(partitions[e->peer].state) == PART_RUNNING &&
		       __atomic_load_n(&acked[c->id][k], __ATOMIC_ACQUIRE) != p->epoch &&
		       arch_counter() < deadline)
			;
		if (READ_ONCE(partitions[e->peer].state) == PART_RUNNING &&
		    __atomic_load_n(&acked[c->id][k], __ATOMIC_ACQUIRE) != p->epoch)
			log_warn("%s: %s did not acknowledge the reset of channel %s within %u ms; "
				 "zeroed anyway",
				 c->name, bh_system.partitions[e->peer].name, ch->name,
				 RESET_ACK_MS);
		arch_clear_memory(phys_to_virt(ch->pa), ch->size);
	}
}

void bus_init(void)
{
	counter_freq = arch_counter_freq();
	door_init();
	/* Nothing of the boot loader's survives in shared memory. */
	for (u32 i = 0; i < bh_system.nr_channels; i++)
		arch_clear_memory(phys_to_virt(bh_system.channels[i].pa),
				  bh_system.channels[i].size);
	for (u32 i = 0; i < bh_system.nr_partitions; i++)
		if (bh_system.partitions[i].bus_pa)
			arch_clear_memory(phys_to_virt(bh_system.partitions[i].bus_pa),
					  VMBUS_BUS_PAGES_SIZE);
}

/*
 * p is about to run (again). Its status page holds its peers' state, which
 * only the peers' own starts and stops change (tell_peers): it survives p's
 * restart. Its event bits do not.
 */
void bus_partition_start(struct partition *p)
{
	const struct bh_partition *c = p->cfg;

	if (!c->bus_pa)
		return;
	if (p->epoch > 1)
		reset_channels(p);
	arch_clear_memory(phys_to_virt(c->bus_pa), 0x1000);
	for (u32 k = 0; k < c->nr_chans; k++)
		rate_limit_reset(&doors[c->id][k].rl, c->chans[k].rate_limit, arch_counter());
	tell_peers(p, VMBUS_PEER_UP, p->epoch);
}

void bus_partition_stop(struct partition *p)
{
	if (p->cfg->bus_pa)
		tell_peers(p, VMBUS_PEER_DOWN, p->epoch);
}
