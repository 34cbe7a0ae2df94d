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
