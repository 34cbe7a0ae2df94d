/*
 * One direction of a VMBus channel: the Hyper-V ring buffer, byte for byte
 * (4 KiB control page, then the data area; 16-byte packet descriptors,
 * 8-byte alignment, 8-byte trailer). Each endpoint keeps its geometry and
 * its own index in private memory and treats everything the peer can write
 * as hostile: a peer index is loaded once, bounded and checked before use,
 * and a packet is copied out before anyone parses it.
 */
#ifndef VMBUS_RING_H
#define VMBUS_RING_H
#include <bulkhead/types.h>

#define VMBUS_CTL_SIZE		   4096U
#define VMBUS_PKT_INBAND	   6
#define VMBUS_PKT_COMP		   0xb
#define VMBUS_PKT_FLAG_COMPLETION  1 /* COMPLETION_REQUESTED */
#define VMBUS_FEAT_PENDING_SEND_SZ 1
#define VMBUS_DESC_SIZE		   16U
#define VMBUS_TRAILER_SIZE	   8U

struct vmbus_ring_ctl {
	u32 write_index;     /* writer */
	u32 read_index;	     /* reader */
	u32 interrupt_mask;  /* reader: non-zero = do not signal me */
	u32 pending_send_sz; /* writer: signal me when this much is free */
	u32 reserved1[12];
	u32 feature_bits; /* writer: VMBUS_FEAT_PENDING_SEND_SZ */
	u8 reserved2[VMBUS_CTL_SIZE - 68];
};

struct vmbus_desc {
	u16 type;
	u16 offset8; /* payload offset in 8-byte units (2: no extended header) */
	u16 len8;    /* packet length in 8-byte units, descriptor included */
	u16 flags;
	u64 trans_id;
};

/* Results (negative) and the first violation a peer committed (r->error). */
enum vmbus_ring_status {
	VMBUS_OK = 0,
	VMBUS_EMPTY = 1,      /* reader: nothing to read */
	VMBUS_FULL = 2,	      /* writer: no room; pending_send_sz is set */
	VMBUS_TOOBIG = 3,     /* writer: packet above the channel's maximum */
	VMBUS_BAD_INDEX = 4,  /* peer index beyond the ring or not 8-byte aligned */
	VMBUS_BAD_LEN = 5,    /* len8 below the descriptor, beyond the data or the maximum */
	VMBUS_BAD_OFFSET = 6, /* offset8 is not 2 */
	VMBUS_BAD_TYPE = 7,   /* neither INBAND nor COMP */
	VMBUS_BAD_FLAGS = 8,  /* a flag other than COMPLETION_REQUESTED */
	VMBUS_SMALL_BUF = 9,  /* reader: the caller's buffer is below max_payload */
};

struct vmbus_ring {
	struct vmbus_ring_ctl *ctl;
	u8 *data;
	u32 size;	 /* data area bytes (ring size minus the control page) */
	u32 max_payload; /* bytes after the descriptor, from the channel config */
	u32 index;	 /* own index, private: the control page is the peer's to scribble on */
	u32 snap;	 /* reader: write_index snapshot of this batch */
	u32 batch_start; /* reader: own index when the batch began */
	bool in_batch;
	u8 error; /* enum vmbus_ring_status: why the ring is corrupt, 0 if it is not */
};

struct vmbus_iov {
	const void *base;
	u32 len;
};

/*
 * ctl: the ring's control page, ring_bytes: control page + data (a multiple
 * of 4 KiB, at least 8 KiB). The region must be zero or owned by this side.
 */
int vmbus_ring_init(struct vmbus_ring *r, void *ctl, u32 ring_bytes, u32 max_payload, bool writer);

/*
 * Writes one packet made of the iovs. *signal: the reader wants a doorbell
 * (it was empty and is not masked). Returns 0 or -VMBUS_FULL/-TOOBIG/
 * -BAD_INDEX.
 */
int vmbus_ring_write(struct vmbus_ring *r, u16 type, u16 flags, u64 trans_id,
		     const struct vmbus_iov *iov, u32 niov, bool *signal);
/*
 * Writer: is there room for a packet of this payload? If not, asks the
 * reader (pending_send_sz) for a doorbell once there is. A service checks
 * this before it takes a request, so that its answer always fits.
 */
bool vmbus_ring_reserve(struct vmbus_ring *r, u32 payload);
/* Bytes a packet of this payload takes in the ring (descriptor, padding, trailer). */
static inline u32 vmbus_packet_bytes(u32 payload)
{
	return VMBUS_DESC_SIZE + ALIGN_UP(payload, 8U) + VMBUS_TRAILER_SIZE;
}

/*
 * Copies the next packet out: its checked descriptor into *d, the payload
 * ((len8 - offset8) * 8 bytes, padding included) into buf (cap bytes, at
 * least max_payload). Returns 0 with *len set, -VMBUS_EMPTY, or the
 * violation; a violation sticks (r->error) until vmbus_ring_init.
 */
int vmbus_ring_read(struct vmbus_ring *r, struct vmbus_desc *d, void *buf, u32 cap, u32 *len);
/* Publishes what this batch consumed; true: the blocked writer wants a doorbell. */
bool vmbus_ring_read_done(struct vmbus_ring *r);

/* Reader: stop / resume doorbells. unmask returns true if data is waiting. */
void vmbus_ring_mask(struct vmbus_ring *r);
bool vmbus_ring_unmask(struct vmbus_ring *r);
/* Reader: is anything there (a hint; read validates)? */
bool vmbus_ring_pending(const struct vmbus_ring *r);

const char *vmbus_ring_strerror(int status);

#endif
