/* The root's virtio-mmio block driver (polled, one request at a time). */
#ifndef ROOT_VIRTIO_BLK_H
#define ROOT_VIRTIO_BLK_H
#include "virtio_mmio.h"

struct vblk {
	struct vio dev;
	u64 capacity; /* sectors of 512 bytes */
	bool flush;   /* VIRTIO_BLK_F_FLUSH negotiated */
};

/* Probes a virtio-mmio transport; 0 if it is a block device now ready, -1 if not one. */
int vblk_probe(struct vblk *b, u64 base);
int vblk_read(struct vblk *b, u64 sector, void *buf, u32 count);
int vblk_write(struct vblk *b, u64 sector, const void *buf, u32 count);
int vblk_flush(struct vblk *b); /* the device's write cache to the medium */

#endif
