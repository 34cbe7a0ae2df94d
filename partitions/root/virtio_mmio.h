/*
 * virtio-mmio transport (legacy version 1 and modern version 2) and split
 * virtqueues, polled: the root's device drivers (block, net) build on it.
 */
#ifndef ROOT_VIRTIO_MMIO_H
#define ROOT_VIRTIO_MMIO_H
#include <bulkhead/types.h>

#define VQ_SIZE 16
#define VRING_DESC_F_NEXT 1
#define VRING_DESC_F_WRITE 2

struct vring_desc {
	u64 addr;
	u32 len;
	u16 flags;
	u16 next;
};

/* Legacy layout: descriptors and avail ring in one page, used ring in the next. */
struct virtq {
	struct vring_desc desc[VQ_SIZE];
	struct {
		u16 flags, idx, ring[VQ_SIZE], used_event;
	} avail;
	u8 pad[4096 - VQ_SIZE * 16 - (2 * 3 + 2 * VQ_SIZE)];
	struct {
		u16 flags, idx;
		struct {
			u32 id, len;
		} ring[VQ_SIZE];
		u16 avail_event;
	} used;
	u16 last_used; /* driver's */
} __attribute__((aligned(4096)));

struct vio {
	u64 base;
	u32 version;
	u32 features; /* negotiated, low 32 bits */
	u32 intid;    /* its interrupt, 0: none (the driver polls) */
};

/*
 * Resets and acknowledges the device if it is a device_id; negotiates the
 * wanted feature bits it offers. 0, or -1 (not that device), -2 (refused).
 */
int vio_probe(struct vio *d, u64 base, u32 device_id, u32 want);
int vio_queue(struct vio *d, u32 index, struct virtq *vq); /* -1: queue too small */
void vio_ready(struct vio *d);
void vio_notify(struct vio *d, u32 index);
u32 vio_config32(struct vio *d, u32 off);
u8 vio_config8(struct vio *d, u32 off);
void vio_ack_irq(struct vio *d);

/*
 * Waits for the device to finish a chain: sleeps in WFI until its interrupt
 * (or the root's tick) when it has one, else spins. False after timeout_ms.
 */
bool virtq_wait(struct vio *d, struct virtq *vq, u32 timeout_ms);
/* Takes the device's interrupt (INTID from the DTB): acknowledged in the handler. */
void vio_irq_attach(struct vio *d, u32 intid);

/* Makes the chain starting at head available to the device. */
void virtq_submit(struct virtq *vq, u16 head);
/* The next chain the device is done with; false if none. */
bool virtq_take(struct virtq *vq, u32 *head, u32 *len);

#endif
