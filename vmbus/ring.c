// SPDX-License-Identifier: GPL-2.0
/*
 * The ring library (see include/vmbus/ring.h). Memory ordering follows the
 * barrier pairs of Hyper-V's ring ([A]-[D] in QEMU's hw/hyperv/vmbus.c):
 * acquire on the peer's index before touching data, release before
 * publishing our own, and a full fence between a store and the load that
 * decides whether to signal (the Dekker pattern).
 */
#include <string.h>
#include <vmbus/ring.h>

#define LOAD_ACQ(p)	__atomic_load_n((p), __ATOMIC_ACQUIRE)
#define LOAD(p)		__atomic_load_n((p), __ATOMIC_RELAXED)
#define STORE_REL(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define STORE(p, v)	__atomic_store_n((p), (v), __ATOMIC_RELAXED)
#define FULL_FENCE()	__atomic_thread_fence(__ATOMIC_SEQ_CST)

int vmbus_ring_init(struct vmbus_ring *r, void *ctl, u32 ring_bytes, u32 max_payload, bool writer)
{
	memset(r, 0, sizeof(*r));
	/* Payloads are padded to 8 bytes: a maximum that is not a multiple would
	 * make the reader refuse the writer's largest packets. */
	if (!ctl || ring_bytes < 2 * VMBUS_CTL_SIZE || ring_bytes % VMBUS_CTL_SIZE ||
	    max_payload % 8 || vmbus_packet_bytes(max_payload) > (ring_bytes - VMBUS_CTL_SIZE) / 2)
		return -VMBUS_TOOBIG;
	r->ctl = ctl;
	r->data = (u8 *)ctl + VMBUS_CTL_SIZE;
	r->size = ring_bytes - VMBUS_CTL_SIZE;
	r->max_payload = max_payload;
	if (writer) {
		STORE(&r->ctl->write_index, 0);
		STORE(&r->ctl->pending_send_sz, 0);
		STORE(&r->ctl->feature_bits, VMBUS_FEAT_PENDING_SEND_SZ);
	} else {
		/* Masked until the reader is ready (vmbus_ring_unmask). */
		STORE(&r->ctl->read_index, 0);
		STORE(&r->ctl->interrupt_mask, 1);
	}
	return 0;
}

/* A peer index is usable only inside the data area and 8-byte aligned. */
static bool load_index(struct vmbus_ring *r, const u32 *p, bool acquire, u32 *out)
{
	u32 v = acquire ? LOAD_ACQ(p) : LOAD(p);

	if (v >= r->size || (v & 7)) {
		if (!r->error)
			r->error = VMBUS_BAD_INDEX;
		return false;
	}
	*out = v;
	return true;
}

static u32 used_bytes(const struct vmbus_ring *r, u32 write, u32 read)
{
	return write >= read ? write - read : r->size - read + write;
}

/*
 * Ring offsets are 8-byte aligned, and so are descriptors, trailers and the
 * class headers: those go word by word without a call. The rest: memcpy.
 */
static inline void copy(void *dst, const void *src, u32 len)
{
	typedef u64 __attribute__((may_alias)) word;

	if (!(((uintptr_t)dst | (uintptr_t)src | len) & 7) && len <= 64) {
		word *d = dst;
		const word *s = src;

		for (u32 i = 0; i < len / 8; i++)
			d[i] = s[i];
		return;
	}
	memcpy(dst, src, len);
}

static u32 copy_to_ring(struct vmbus_ring *r, u32 at, const void *src, u32 len)
{
	u32 first = MIN(len, r->size - at);

	copy(r->data + at, src, first);
	if (len > first)
		copy(r->data, (const u8 *)src + first, len - first);
	at += len;
	return at >= r->size ? at - r->size : at;
}

static u32 copy_from_ring(struct vmbus_ring *r, u32 at, void *dst, u32 len)
{
	u32 first = MIN(len, r->size - at);

	copy(dst, r->data + at, first);
	if (len > first)
		copy((u8 *)dst + first, r->data, len - first);
	at += len;
	return at >= r->size ? at - r->size : at;
}

/* Room for total bytes (never completely full: read == write means empty)? */
static int room(struct vmbus_ring *r, u32 total)
{
	u32 read;

	if (!load_index(r, &r->ctl->read_index, true, &read))
		return -VMBUS_BAD_INDEX;
	if (r->size - used_bytes(r, r->index, read) > total)
		return 0;
	STORE(&r->ctl->pending_send_sz, total + 8);
	FULL_FENCE(); /* [A]: a reader that freed space before seeing it ... */
	if (!load_index(r, &r->ctl->read_index, true, &read))
		return -VMBUS_BAD_INDEX;
	if (r->size - used_bytes(r, r->index, read) > total)
		return 0;
	return -VMBUS_FULL; /* ... is caught by this re-read */
}

bool vmbus_ring_reserve(struct vmbus_ring *r, u32 payload)
{
	if (r->error || payload > r->max_payload)
		return false;
	return room(r, vmbus_packet_bytes(payload)) == 0;
}

int vmbus_ring_write(struct vmbus_ring *r, u16 type, u16 flags, u64 trans_id,
		     const struct vmbus_iov *iov, u32 niov, bool *signal)
{
	static const u8 pad[8];
	struct vmbus_desc d;
	u32 payload = 0, total, at, old = r->index;
	u64 trailer;
	int rc;

	*signal = false;
	if (r->error)
		return -(int)r->error;
	for (u32 i = 0; i < niov; i++) {
		if (iov[i].len > r->max_payload - payload)
			return -VMBUS_TOOBIG;
		payload += iov[i].len;
	}
	total = vmbus_packet_bytes(payload);
	rc = room(r, total);
	if (rc)
		return rc;
	STORE(&r->ctl->pending_send_sz, 0);

	d.type = type;
	d.offset8 = VMBUS_DESC_SIZE / 8;
	d.len8 = (u16)((total - VMBUS_TRAILER_SIZE) / 8);
	d.flags = flags;
	d.trans_id = trans_id;
	at = copy_to_ring(r, old, &d, sizeof(d));
	for (u32 i = 0; i < niov; i++)
		if (iov[i].len)
			at = copy_to_ring(r, at, iov[i].base, iov[i].len);
	if (payload & 7)
		at = copy_to_ring(r, at, pad, ALIGN_UP(payload, 8U) - payload);
	trailer = (u64)old << 32; /* Hyper-V's "previous indices"; readers ignore it */
	at = copy_to_ring(r, at, &trailer, sizeof(trailer));

	r->index = at;
	STORE_REL(&r->ctl->write_index, at); /* [C] */
	FULL_FENCE();			     /* store -> load: the signal decision */
	*signal = !LOAD(&r->ctl->interrupt_mask) && LOAD(&r->ctl->read_index) == old;
	return 0;
}

static int bad(struct vmbus_ring *r, enum vmbus_ring_status why)
{
	if (!r->error)
		r->error = (u8)why;
	return -(int)why;
}

int vmbus_ring_read(struct vmbus_ring *r, struct vmbus_desc *d, void *buf, u32 cap, u32 *len)
{
	u32 avail, bytes, at;

	if (r->error)
		return -(int)r->error;
	if (cap < r->max_payload)
		return -VMBUS_SMALL_BUF;
	if (!r->in_batch) {
		/* One snapshot of the peer's index per batch. */
		if (!load_index(r, &r->ctl->write_index, true, &r->snap))
			return -VMBUS_BAD_INDEX;
		r->batch_start = r->index;
		r->in_batch = true;
	}
	avail = used_bytes(r, r->snap, r->index);
	if (!avail)
		return -VMBUS_EMPTY;
	if (avail < VMBUS_DESC_SIZE + VMBUS_TRAILER_SIZE)
		return bad(r, VMBUS_BAD_LEN);
	/* The private copy is the only one checked and used. */
	at = copy_from_ring(r, r->index, d, sizeof(*d));
	bytes = (u32)d->len8 * 8;
	if (bytes < VMBUS_DESC_SIZE || bytes + VMBUS_TRAILER_SIZE > avail ||
	    bytes - VMBUS_DESC_SIZE > r->max_payload)
		return bad(r, VMBUS_BAD_LEN);
	if (d->offset8 != VMBUS_DESC_SIZE / 8)
		return bad(r, VMBUS_BAD_OFFSET);
	if (d->type != VMBUS_PKT_INBAND && d->type != VMBUS_PKT_COMP)
		return bad(r, VMBUS_BAD_TYPE);
	if (d->flags & ~VMBUS_PKT_FLAG_COMPLETION)
		return bad(r, VMBUS_BAD_FLAGS);
	*len = bytes - VMBUS_DESC_SIZE;
	at = copy_from_ring(r, at, buf, *len);
	at += VMBUS_TRAILER_SIZE; /* ignored, as every Hyper-V reader does */
	r->index = at >= r->size ? at - r->size : at;
	return 0;
}

bool vmbus_ring_read_done(struct vmbus_ring *r)
{
	u32 pending, write, now_free, read;

	if (!r->in_batch)
		return false;
	r->in_batch = false;
	STORE_REL(&r->ctl->read_index, r->index); /* [B]: our reads are done */
	FULL_FENCE();				  /* [A] */
	/* A hint: a bad value costs the writer a wake-up, never us correctness. */
	pending = LOAD(&r->ctl->pending_send_sz) & ~7U;
	if (!pending)
		return false;
	if (pending > r->size)
		pending = r->size;
	if (!load_index(r, &r->ctl->write_index, false, &write))
		return false;
	now_free = r->size - used_bytes(r, write, r->index);
	/*
	 * Was the writer blocked before our reads? The free space then, as the
	 * writer sees it now (Linux's hv_pkt_iter_close): what it wrote while
	 * this batch ran counts, or a writer that filled the ring during the
	 * batch would wait for a doorbell that the next batch, begun with room
	 * to spare, never rings.
	 */
	read = used_bytes(r, r->index, r->batch_start);
	return (read >= now_free || now_free - read < pending) && pending <= now_free;
}

void vmbus_ring_mask(struct vmbus_ring *r)
{
	STORE(&r->ctl->interrupt_mask, 1);
}

bool vmbus_ring_unmask(struct vmbus_ring *r)
{
	STORE(&r->ctl->interrupt_mask, 0);
	FULL_FENCE(); /* a writer that saw the mask set did not signal: look again */
	return vmbus_ring_pending(r);
}

bool vmbus_ring_pending(const struct vmbus_ring *r)
{
	return !r->error && LOAD_ACQ(&r->ctl->write_index) != r->index;
}

const char *vmbus_ring_strerror(int status)
{
	static const char *const why[] = {
	    [VMBUS_OK] = "ok",
	    [VMBUS_EMPTY] = "empty",
	    [VMBUS_FULL] = "ring full",
	    [VMBUS_TOOBIG] = "packet larger than the channel's max-packet-size",
	    [VMBUS_BAD_INDEX] = "peer index outside the ring or not 8-byte aligned",
	    [VMBUS_BAD_LEN] = "packet length beyond the written data or the maximum",
	    [VMBUS_BAD_OFFSET] = "packet offset8 is not 2",
	    [VMBUS_BAD_TYPE] = "packet type is neither INBAND nor COMP",
	    [VMBUS_BAD_FLAGS] = "unknown packet flags",
	    [VMBUS_SMALL_BUF] = "read buffer below max-packet-size",
	};

	if (status < 0)
		status = -status;
	return (u32)status < ARRAY_SIZE(why) ? why[status] : "unknown ring status";
}
