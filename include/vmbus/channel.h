/*
 * A channel endpoint: two rings (tx: the one this side writes), optional
 * data windows, and the state machine every class shares: HELLO version
 * negotiation first, epochs from the status page, and "broken" for a peer
 * that breaks the protocol (it stays stopped until the peer restarts).
 */
#ifndef VMBUS_CHANNEL_H
#define VMBUS_CHANNEL_H
#include <vmbus/ring.h>
#include <vmbus/proto.h>

/* Where the channel is, as the partition's DTB describes it. */
struct vmbus_chan_cfg {
	const char *name; /* channel node name */
	const char *peer; /* partition at the other end */
	u32 index;	  /* local index: doorbell argument, status page slot */
	u32 event_bit;
	u32 cls; /* enum vmbus_class */
	bool provider;
	u8 *base;				  /* the region (identity mapped) */
	u32 tx_off, tx_size, rx_off, rx_size;	  /* rings */
	u32 txw_off, txw_size, rxw_off, rxw_size; /* windows; size 0: none */
	u32 max_packet, max_outstanding;
	u64 block_offset, block_size; /* block provider */
	u8 mac[6];		      /* net: the consumer's address */
	u32 mtu;
};

enum vmbus_chan_state {
	VMBUS_CH_DOWN,	     /* peer not running, or not opened yet */
	VMBUS_CH_WAIT_HELLO, /* provider: waits for the consumer's HELLO */
	VMBUS_CH_HELLO_SENT, /* consumer: waits for the provider's answer */
	VMBUS_CH_OPEN,
	VMBUS_CH_BROKEN, /* peer violated the protocol or the ring */
};

struct vmbus_chan;
typedef void (*vmbus_doorbell_fn)(struct vmbus_chan *ch);
/* A class message on an open channel; msg is a private copy. */
typedef void (*vmbus_msg_fn)(struct vmbus_chan *ch, const struct vmbus_desc *d, const u8 *msg,
			     u32 len);

struct vmbus_chan {
	const struct vmbus_chan_cfg *cfg;
	struct vmbus_ring tx, rx;
	u8 *tx_win, *rx_win;
	u32 state;
	u16 ver_min, ver_max; /* what this side speaks */
	u16 version;	      /* negotiated */
	u32 epoch;	      /* peer epoch the channel was opened for */
	u8 *pkt;	      /* private copy of one packet, max_packet bytes */
	vmbus_doorbell_fn doorbell;
	vmbus_msg_fn on_msg;
	void *priv;	 /* the class driver's state */
	const char *why; /* why it broke */
	u32 dropped;	 /* sends refused because the ring was full */
};

/*
 * Sets the endpoint up on a freshly zeroed region for peer epoch `epoch`;
 * a consumer sends its HELLO at once. pkt: max_packet private bytes.
 */
int vmbus_chan_open(struct vmbus_chan *ch, const struct vmbus_chan_cfg *cfg, u16 ver_min,
		    u16 ver_max, u8 *pkt, vmbus_doorbell_fn doorbell, vmbus_msg_fn on_msg,
		    u32 epoch);
/* The peer restarts: stop touching the rings, broken or not (they are zeroed before it returns). */
void vmbus_chan_down(struct vmbus_chan *ch);

/* One packet of a header and optional data; rings the doorbell if the peer wants it. */
int vmbus_chan_send(struct vmbus_chan *ch, u16 type, u16 flags, u64 trans_id, const void *msg,
		    u32 len, const void *data, u32 data_len);
/* A completion for trans_id carrying msg. */
int vmbus_chan_complete(struct vmbus_chan *ch, u64 trans_id, const void *msg, u32 len);

/*
 * Handles at most `budget` packets (HELLO itself, the rest to on_msg).
 * Returns the number handled, budget if more may wait, or -1 if the
 * channel is (now) broken: ch->why says why.
 */
int vmbus_chan_poll(struct vmbus_chan *ch, int budget);
/* Breaks the channel from a class driver (malformed request and the like). */
void vmbus_chan_break(struct vmbus_chan *ch, const char *why);

const char *vmbus_chan_state_str(u32 state);

#endif
