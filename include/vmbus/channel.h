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

/*
 * The channel node's properties as the generator writes them (tools/gen
 * emit_dtb.c, acpi_vmbus.c): one table for every partition-side parser
 * (partitions/lib with libfdt, the Linux modules with the fwnode API), each
 * reading the values with its own accessors and storing them with
 * vmbus_cfg_store. Node name, peer, role, region and MAC are read apart.
 */
enum vmbus_cfg_kind {
	VMBUS_CFG_U32,	/* one cell */
	VMBUS_CFG_PAIR, /* two cells: offset, size */
	VMBUS_CFG_U64,	/* two cells (DT) or one integer (ACPI) */
};
#define VMBUS_CFG_INDEX_PLUS_1 0xffffffffU /* default: the channel's index + 1 */
struct vmbus_cfg_prop {
	const char *name;
	u32 kind; /* enum vmbus_cfg_kind */
	u32 at;	  /* offset of the value in struct vmbus_chan_cfg (a pair: its offset) */
	u32 at2;  /* a pair: offset of its size */
	u32 dflt; /* when absent (a pair: 0, 0) */
};
#define VMBUS_CFG_NR_PROPS 11
extern const struct vmbus_cfg_prop vmbus_cfg_props[VMBUS_CFG_NR_PROPS];
/* Stores p's value (v[0], a pair's size in v[1]), or its default when v is NULL (absent). */
void vmbus_cfg_store(struct vmbus_chan_cfg *c, const struct vmbus_cfg_prop *p, const u64 *v);
/* NULL if the rings, windows and index fit a region of `size` bytes; else what does not. */
const char *vmbus_cfg_check(const struct vmbus_chan_cfg *c, u64 size);

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

/*
 * A partition's endpoint read its channel's status word (epoch << 32 |
 * state, from the status page): what it must do. One decision for every
 * partition-side endpoint (partitions/lib, the Linux modules); the caller
 * acts under its own lock and reports after dropping it.
 */
enum vmbus_peer_step {
	VMBUS_PEER_SAME,    /* nothing changed */
	VMBUS_PEER_CHANGED, /* recorded in *epoch and *state; nothing to do */
	VMBUS_PEER_GONE,    /* the peer restarts: vmbus_chan_drain_down, then acknowledge */
	VMBUS_PEER_BACK,    /* the peer is up again after a restart: open again */
};
enum vmbus_peer_step vmbus_peer_update(u32 *epoch, u32 *state, u64 status);
/* The peer restarts: take what it wrote before it stopped (still good), then go down. */
void vmbus_chan_drain_down(struct vmbus_chan *ch);

#endif
