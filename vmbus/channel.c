// SPDX-License-Identifier: GPL-2.0
/*
 * The channel state machine shared by every class (include/vmbus/channel.h).
 * A provider answers HELLO with the highest version both sides speak and
 * accepts nothing else before it; a consumer sends HELLO on open and
 * delivers nothing before the answer. A ring the peer corrupted breaks the
 * channel for good (until the peer's next epoch); a well-framed message in
 * the wrong state gets an error completion and changes nothing.
 */
#include <string.h>
#include <vmbus/bus.h>
#include <vmbus/channel.h>

#define HELLO_TRANS_ID 1
/* Packets read from a restarting peer before going down: a full ring of small ones. */
#define VMBUS_DRAIN_BUDGET 256

int vmbus_chan_open(struct vmbus_chan *ch, const struct vmbus_chan_cfg *cfg, u16 ver_min,
		    u16 ver_max, u8 *pkt, vmbus_doorbell_fn doorbell, vmbus_msg_fn on_msg,
		    u32 epoch)
{
	void *priv = ch->priv;
	int rc;

	memset(ch, 0, sizeof(*ch));
	ch->priv = priv;
	ch->cfg = cfg;
	ch->pkt = pkt;
	ch->doorbell = doorbell;
	ch->on_msg = on_msg;
	ch->ver_min = ver_min;
	ch->ver_max = ver_max;
	ch->epoch = epoch;
	ch->tx_win = cfg->txw_size ? cfg->base + cfg->txw_off : NULL;
	ch->rx_win = cfg->rxw_size ? cfg->base + cfg->rxw_off : NULL;
	rc = vmbus_ring_init(&ch->tx, cfg->base + cfg->tx_off, cfg->tx_size, cfg->max_packet, true);
	if (!rc)
		rc = vmbus_ring_init(&ch->rx, cfg->base + cfg->rx_off, cfg->rx_size,
				     cfg->max_packet, false);
	if (rc) {
		vmbus_chan_break(ch, "ring geometry refused");
		return rc;
	}
	vmbus_ring_unmask(&ch->rx);
	if (cfg->provider) {
		ch->state = VMBUS_CH_WAIT_HELLO;
		return 0;
	}
	struct vmbus_hello h = {{VMBUS_MSG_HELLO, 0}, cfg->cls, ver_min, ver_max, 0};

	ch->state = VMBUS_CH_HELLO_SENT;
	return vmbus_chan_send(ch, VMBUS_PKT_INBAND, VMBUS_PKT_FLAG_COMPLETION, HELLO_TRANS_ID, &h,
			       sizeof(h), NULL, 0);
}

void vmbus_chan_down(struct vmbus_chan *ch)
{
	ch->state = VMBUS_CH_DOWN; /* a broken channel too: it starts over on the fresh region */
}

#define CFG_AT(f) ((u32) __builtin_offsetof(struct vmbus_chan_cfg, f))
/* bulkhead,channel first: the event bit's default is the index + 1. */
const struct vmbus_cfg_prop vmbus_cfg_props[VMBUS_CFG_NR_PROPS] = {
    {"bulkhead,channel", VMBUS_CFG_U32, CFG_AT(index), 0, 0},
    {"bulkhead,event-bit", VMBUS_CFG_U32, CFG_AT(event_bit), 0, VMBUS_CFG_INDEX_PLUS_1},
    {"bulkhead,tx-ring", VMBUS_CFG_PAIR, CFG_AT(tx_off), CFG_AT(tx_size), 0},
    {"bulkhead,rx-ring", VMBUS_CFG_PAIR, CFG_AT(rx_off), CFG_AT(rx_size), 0},
    {"bulkhead,tx-window", VMBUS_CFG_PAIR, CFG_AT(txw_off), CFG_AT(txw_size), 0},
    {"bulkhead,rx-window", VMBUS_CFG_PAIR, CFG_AT(rxw_off), CFG_AT(rxw_size), 0},
    {"bulkhead,max-packet-size", VMBUS_CFG_U32, CFG_AT(max_packet), 0, 4096},
    {"bulkhead,max-outstanding", VMBUS_CFG_U32, CFG_AT(max_outstanding), 0, 32},
    {"bulkhead,mtu", VMBUS_CFG_U32, CFG_AT(mtu), 0, 1500},
    {"bulkhead,block-offset", VMBUS_CFG_U64, CFG_AT(block_offset), 0, 0},
    {"bulkhead,block-size", VMBUS_CFG_U64, CFG_AT(block_size), 0, 0},
};

void vmbus_cfg_store(struct vmbus_chan_cfg *c, const struct vmbus_cfg_prop *p, const u64 *v)
{
	u8 *b = (u8 *)c;
	u32 w;
	u64 d;

	switch (p->kind) {
	case VMBUS_CFG_U32:
		w = v ? (u32)v[0] : (p->dflt == VMBUS_CFG_INDEX_PLUS_1 ? c->index + 1 : p->dflt);
		memcpy(b + p->at, &w, sizeof(w));
		break;
	case VMBUS_CFG_PAIR:
		w = v ? (u32)v[0] : 0;
		memcpy(b + p->at, &w, sizeof(w));
		w = v ? (u32)v[1] : 0;
		memcpy(b + p->at2, &w, sizeof(w));
		break;
	default:
		d = v ? v[0] : p->dflt;
		memcpy(b + p->at, &d, sizeof(d));
		break;
	}
}

const char *vmbus_cfg_check(const struct vmbus_chan_cfg *c, u64 size)
{
	if ((u64)c->tx_off + c->tx_size > size || (u64)c->rx_off + c->rx_size > size)
		return "its rings reach outside its region";
	if ((u64)c->txw_off + c->txw_size > size || (u64)c->rxw_off + c->rxw_size > size)
		return "its data windows reach outside its region";
	if (c->index >= VMBUS_MAX_CHANNELS_PER_PART)
		return "its index is beyond the status page";
	return NULL;
}

enum vmbus_peer_step vmbus_peer_update(u32 *epoch, u32 *state, u64 status)
{
	u32 e = (u32)(status >> 32), st = (u32)status, was = *state;
	bool new_epoch = e != *epoch;

	if (!new_epoch && st == was)
		return VMBUS_PEER_SAME;
	*epoch = e;
	*state = st;
	if (st == VMBUS_PEER_RESETTING)
		return VMBUS_PEER_GONE;
	/*
	 * Up after a reset we acknowledged, or up in a later epoch whose reset
	 * we never saw (it went by between two looks; epoch 1 is the first
	 * start, which the endpoint opened for).
	 */
	if (st == VMBUS_PEER_UP && (was == VMBUS_PEER_RESETTING || (new_epoch && e >= 2)))
		return VMBUS_PEER_BACK;
	return VMBUS_PEER_CHANGED;
}

void vmbus_chan_drain_down(struct vmbus_chan *ch)
{
	vmbus_chan_poll(ch, VMBUS_DRAIN_BUDGET);
	vmbus_chan_down(ch);
}

void vmbus_chan_break(struct vmbus_chan *ch, const char *why)
{
	if (ch->state == VMBUS_CH_BROKEN)
		return;
	ch->state = VMBUS_CH_BROKEN;
	ch->why = why;
}

int vmbus_chan_send(struct vmbus_chan *ch, u16 type, u16 flags, u64 trans_id, const void *msg,
		    u32 len, const void *data, u32 data_len)
{
	struct vmbus_iov iov[2] = {{msg, len}, {data, data_len}};
	bool signal;
	int rc;

	if (ch->state == VMBUS_CH_BROKEN || ch->state == VMBUS_CH_DOWN)
		return -VMBUS_BAD_INDEX;
	rc = vmbus_ring_write(&ch->tx, type, flags, trans_id, iov, data_len ? 2 : 1, &signal);
	if (rc == -VMBUS_BAD_INDEX) {
		vmbus_chan_break(ch, vmbus_ring_strerror(rc));
		return rc;
	}
	if (rc) {
		ch->dropped++;
		return rc;
	}
	if (signal && ch->doorbell)
		ch->doorbell(ch);
	return 0;
}

int vmbus_chan_complete(struct vmbus_chan *ch, u64 trans_id, const void *msg, u32 len)
{
	return vmbus_chan_send(ch, VMBUS_PKT_COMP, 0, trans_id, msg, len, NULL, 0);
}

static void reply_status(struct vmbus_chan *ch, const struct vmbus_desc *d, u32 type, u32 st)
{
	struct vmbus_msg_hdr h = {type, st};

	if (d->flags & VMBUS_PKT_FLAG_COMPLETION)
		vmbus_chan_complete(ch, d->trans_id, &h, sizeof(h));
}

/* Provider: HELLO (re)starts the channel at the best common version. */
static void provider_hello(struct vmbus_chan *ch, const struct vmbus_desc *d, const u8 *msg,
			   u32 len)
{
	struct vmbus_hello h, r = {{VMBUS_MSG_HELLO, VMBUS_ST_OK}, ch->cfg->cls, 0, 0, 0};

	if (vmbus_parse_hello(msg, len, &h) || h.cls != ch->cfg->cls) {
		reply_status(ch, d, VMBUS_MSG_HELLO, VMBUS_ST_INVALID);
		return;
	}
	if (h.ver_min > h.ver_max || h.ver_max < ch->ver_min || h.ver_min > ch->ver_max) {
		r.h.status = VMBUS_ST_VERSION;
		ch->state = VMBUS_CH_WAIT_HELLO;
	} else {
		ch->version = MIN(h.ver_max, ch->ver_max);
		r.ver_min = r.ver_max = ch->version;
		ch->state = VMBUS_CH_OPEN;
	}
	if (d->flags & VMBUS_PKT_FLAG_COMPLETION)
		vmbus_chan_complete(ch, d->trans_id, &r, sizeof(r));
}

/* Consumer: the answer to our HELLO. */
static bool consumer_hello_done(struct vmbus_chan *ch, const struct vmbus_desc *d, const u8 *msg,
				u32 len)
{
	struct vmbus_hello r;

	if (d->type != VMBUS_PKT_COMP || d->trans_id != HELLO_TRANS_ID)
		return false;
	if (vmbus_parse_hello(msg, len, &r) || r.h.status != VMBUS_ST_OK ||
	    r.ver_min < ch->ver_min || r.ver_min > ch->ver_max) {
		vmbus_chan_break(ch, "the provider refused our HELLO");
		return true;
	}
	ch->version = r.ver_min;
	ch->state = VMBUS_CH_OPEN;
	return true;
}

static void dispatch(struct vmbus_chan *ch, const struct vmbus_desc *d, u32 len)
{
	const struct vmbus_msg_hdr *h = (const void *)ch->pkt;

	if (len < sizeof(*h)) {
		reply_status(ch, d, 0, VMBUS_ST_INVALID);
		return;
	}
	if (ch->cfg->provider && d->type == VMBUS_PKT_INBAND && h->type == VMBUS_MSG_HELLO) {
		provider_hello(ch, d, ch->pkt, len);
		return;
	}
	if (ch->state == VMBUS_CH_HELLO_SENT && consumer_hello_done(ch, d, ch->pkt, len))
		return;
	if (ch->state != VMBUS_CH_OPEN) {
		reply_status(ch, d, h->type, VMBUS_ST_PROTOCOL); /* nothing before HELLO */
		return;
	}
	ch->on_msg(ch, d, ch->pkt, len);
}

int vmbus_chan_poll(struct vmbus_chan *ch, int budget)
{
	int n = 0;

	if (ch->state == VMBUS_CH_BROKEN)
		return -1;
	if (ch->state == VMBUS_CH_DOWN)
		return 0;
	while (n < budget) {
		struct vmbus_desc d;
		u32 len;
		int rc;

		/*
		 * A provider takes a request only when its answer will fit; the
		 * consumer's read then signals it (pending_send_sz).
		 */
		if (ch->cfg->provider && !vmbus_ring_reserve(&ch->tx, ch->cfg->max_packet)) {
			if (ch->tx.error) {
				vmbus_chan_break(ch, vmbus_ring_strerror(ch->tx.error));
				return -1;
			}
			break;
		}
		rc = vmbus_ring_read(&ch->rx, &d, ch->pkt, ch->cfg->max_packet, &len);
		if (rc == -VMBUS_EMPTY) {
			/*
			 * The writer signals only when it saw the ring empty: a packet
			 * written after this batch's snapshot, before read_index moved,
			 * comes without a doorbell. Publish, then look once more.
			 */
			if (vmbus_ring_read_done(&ch->rx) && ch->doorbell)
				ch->doorbell(ch);
			if (!vmbus_ring_pending(&ch->rx))
				return n;
			continue;
		}
		if (rc) {
			vmbus_chan_break(ch, vmbus_ring_strerror(rc));
			return -1;
		}
		n++;
		dispatch(ch, &d, len);
		if (ch->state == VMBUS_CH_BROKEN)
			return -1;
	}
	if (vmbus_ring_read_done(&ch->rx) && ch->doorbell)
		ch->doorbell(ch); /* a blocked writer has room again */
	return n;
}

const char *vmbus_chan_state_str(u32 state)
{
	static const char *const s[] = {"down", "waiting for HELLO", "HELLO sent", "open",
					"broken"};

	return state < ARRAY_SIZE(s) ? s[state] : "?";
}
