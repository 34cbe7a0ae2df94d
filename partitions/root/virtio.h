/*
 * virtio for the root's drivers: a device behind a transport (virtio-mmio,
 * virtio_mmio.c; virtio-pci, virtio_pci.c) and split virtqueues (virtq.c),
 * polled unless the device has an interrupt the root can take.
 */
#ifndef ROOT_VIRTIO_H
#define ROOT_VIRTIO_H
#include <bulkhead/types.h>

#define VQ_SIZE		   16
#define VRING_DESC_F_NEXT  1
#define VRING_DESC_F_WRITE 2

#define VIRTIO_ID_NET	1
#define VIRTIO_ID_BLOCK 2

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

struct vio;

/* What differs between transports; the rest of virtio is the same. */
struct vio_ops {
	u8 (*get_status)(struct vio *d);
	void (*set_status)(struct vio *d, u8 status);
	u32 (*get_features)(struct vio *d, u32 word);
	void (*set_features)(struct vio *d, u32 word, u32 bits);
	int (*queue)(struct vio *d, u32 index, struct virtq *vq); /* -1: queue too small */
	void (*notify)(struct vio *d, u32 index);
	u8 (*config8)(struct vio *d, u32 off);
	u32 (*config32)(struct vio *d, u32 off);
	u32 (*ack_irq)(struct vio *d); /* reads (and so clears) the interrupt status */
};

struct vio {
	const struct vio_ops *ops;
	char where[24];	    /* for messages: "0xa003e00" or "pci 00:04.0" */
	char transport[16]; /* "virtio-mmio v2", "virtio-pci" */
	u32 device_id;
	bool modern;  /* VIRTIO_F_VERSION_1 negotiated */
	u32 features; /* negotiated, low 32 bits */
	u32 intid;    /* its interrupt, 0: none (the driver polls) */
	u32 irqs;     /* interrupts taken on its line */
	/* virtio-mmio */
	u64 base;
	u32 version;
	/* virtio-pci (modern): the capability structures, as CPU addresses */
	u64 common, notify, isr, device;
	u64 notify_len;
	u32 notify_mult;
	u64 queue_notify[2]; /* each queue's notify register (the drivers use 0 and 1) */
};

/* Transports: 0 and d set up if the thing at base/function is a virtio device. */
int vio_mmio_probe(struct vio *d, u64 base);
struct pci_fn;
bool vio_pci_match(const struct pci_fn *f); /* a virtio vendor/device ID */
/* After pci_enable(f): -3 if the device has no modern (memory BAR) interface. */
int vio_pci_probe(struct vio *d, const struct pci_fn *f);

/*
 * Resets and acknowledges the device and negotiates the wanted feature bits
 * it offers (and VERSION_1 when the transport is modern). 0, or -2 (refused).
 */
int vio_init(struct vio *d, u32 want);
int vio_queue(struct vio *d, u32 index, struct virtq *vq); /* -1: queue too small */
void vio_ready(struct vio *d);
void vio_notify(struct vio *d, u32 index);
u32 vio_config32(struct vio *d, u32 off);
u8 vio_config8(struct vio *d, u32 off);
void vio_ack_irq(struct vio *d);

/*
 * Waits for the device to finish a chain: sleeps until its interrupt (or
 * the root's tick) when it has one, else spins. False after timeout_ms.
 */
bool virtq_wait(struct vio *d, struct virtq *vq, u32 timeout_ms);
/* Takes the device's interrupt (INTID from the DTB): acknowledged in the handler. */
void vio_irq_attach(struct vio *d, u32 intid);
void vio_irq_report(void); /* each device with an interrupt: where, which, how many */

/* Makes the chain starting at head available to the device. */
void virtq_submit(struct virtq *vq, u16 head);
/* The next chain the device is done with; false if none. */
bool virtq_take(struct virtq *vq, u32 *head, u32 *len);

#endif
